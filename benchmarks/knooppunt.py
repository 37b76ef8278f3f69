"""What a participant kernel holds of PostgreSQL: one server as before vs. one node.

    python benchmarks/knooppunt.py                 # 20 participant pages
    python benchmarks/knooppunt.py --deelnemers 40

Starts a throwaway PostgreSQL 15 cluster (as the tests do), makes a bijeenkomst with N
participants and opens each participant's personal page with a plain HTTP GET (Voila
executes the notebook; the kernel then follows the room as an open tab would). Twice:

* **server**  ``toolkit.server`` as ``werkplaats start`` runs it: pooled connections,
  the watcher polls the change counter every 0.3 s (the baseline);
* **knooppunt** ``werkplaats knooppunt``: kernels without a pool, one LISTEN per node,
  pages woken by NOTIFY;
* **+pgbouncer** the same node through PgBouncer in session mode with 5 server
  connections (``--pgbouncer-pool``): what PostgreSQL sees is capped.

Prints, per setup: connections to the database while the room is quiet (max over 10 s),
transactions per second while quiet, CPU of all kernels while quiet, the most
connections seen while every page reads after one change, and RSS per kernel.
Figures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import psutil
from sqlalchemy import create_engine, text

HIER = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HIER))
sys.path.insert(0, str(HIER / "tests"))

from diensten import cluster, nieuwe_database, start_pgbouncer, vrije_poort  # noqa: E402

from toolkit import model, server  # noqa: E402
from toolkit.store import Store  # noqa: E402


def kernels(proces: subprocess.Popen) -> list[psutil.Process]:
    uit = []
    for k in psutil.Process(proces.pid).children(recursive=True):
        try:
            if "ipykernel" in " ".join(k.cmdline()):
                uit.append(k)
        except psutil.Error:
            pass
    return uit


def verbindingen(beheer, db: str) -> int:
    with beheer.connect() as conn:
        return conn.execute(
            text("SELECT count(*) FROM pg_stat_activity WHERE datname = :d AND pid <> pg_backend_pid()"), {"d": db}
        ).scalar_one()


def transacties(beheer, db: str) -> int:
    with beheer.connect() as conn:
        return conn.execute(
            text("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = :d"), {"d": db}
        ).scalar_one()


def meet(soort: str, url: str, n: int, werk: Path, beheer, bouncer=None) -> dict[str, float]:
    db = url.rsplit("/", 1)[1]
    if bouncer is not None:
        url = bouncer.via(url)
    store = Store(url)
    b, sleutel = store.nieuwe_bijeenkomst(
        "Netwerkbijeenkomst",
        onderdelen=[model.Onderdeel(werkvorm="wijkbrainstorm", titel="B", vraag="Wat speelt er?", invoer="tekst")],
    )
    regie = store.regie(b.code, sleutel)
    regie.volgende()
    deelnemers = [store.aanmelden(b.code, organisatie=f"Org {i}", domein="zorg") for i in range(n)]
    poort = vrije_poort()
    env = {**os.environ, "WERKPLAATS_DB": url, "TMPDIR": str(werk)}
    if soort == "server":  # the baseline: werkplaats start's server, pooled, polling
        argv = server.voila_argv(poort=poort, pool=0)
    else:
        argv = [sys.executable, "-m", "toolkit.knooppunt", "--naam", "n1", "--poort", str(poort), "--deelnemers", "0"]
    with open(werk / f"{soort}.log", "wb") as log:
        proces = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=HIER)
    try:
        basis = f"http://127.0.0.1:{poort}"
        server.wacht_tot_bereikbaar(basis, 120, proces=proces)
        for _d, token in deelnemers:  # one after the other, as a room trickles in
            with urllib.request.urlopen(server.pagina_url(basis, "deelnemer", code=b.code, t=token), timeout=300) as r:
                r.read()
        time.sleep(5)
        ks = kernels(proces)
        for k in ks:
            k.cpu_percent(None)
        tx0 = transacties(beheer, db)
        t0 = time.monotonic()
        rust = []
        for _ in range(20):
            rust.append(verbindingen(beheer, db))
            time.sleep(0.5)
        duur = time.monotonic() - t0
        tx = (transacties(beheer, db) - tx0) / duur
        cpu = sum(k.cpu_percent(None) for k in ks)
        # one change: every page reads; sample the connections meanwhile
        piek = [0]
        stop = threading.Event()

        def bemonster() -> None:
            while not stop.is_set():
                piek[0] = max(piek[0], verbindingen(beheer, db))
                time.sleep(0.01)

        draad = threading.Thread(target=bemonster)
        draad.start()
        oid = store.huidig_onderdeel(b.id).id
        store.voeg_toe(deelnemers[0][0].id, model.Bijdrage(tekst="Wachtlijst", onderdeel_id=oid))
        time.sleep(3)
        stop.set()
        draad.join()
        rss = statistics.mean(k.memory_info().rss for k in ks) / 2**20
        return {
            "kernels": len(ks),
            "rust_max": max(rust),
            "tx_per_s": tx,
            "cpu": cpu,
            "piek": piek[0],
            "rss": rss,
        }
    finally:
        proces.terminate()
        try:
            proces.wait(30)
        except subprocess.TimeoutExpired:
            proces.kill()
        store.engine.dispose()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--deelnemers", type=int, default=20)
    p.add_argument("--pgbouncer-pool", type=int, default=5)
    a = p.parse_args()
    c = cluster()
    if isinstance(c, str):
        sys.exit(c)
    import tempfile

    beheer = create_engine(c.beheer_url)
    uitkomst = {}
    bouncer = start_pgbouncer(c, pool=a.pgbouncer_pool)
    soorten = ["server", "knooppunt"] + ([] if isinstance(bouncer, str) else ["+pgbouncer"])
    for soort in soorten:
        with nieuwe_database(c) as url, tempfile.TemporaryDirectory() as werk:
            via = bouncer if soort == "+pgbouncer" else None
            uitkomst[soort] = meet(soort, url, a.deelnemers, Path(werk), beheer, via)
    beheer.dispose()
    if not isinstance(bouncer, str):
        bouncer.stop()
    print(f"\n{a.deelnemers} deelnemerpagina's, PostgreSQL {c.bin.parts[-2]}, {os.cpu_count()} cores")
    print(f"{'':34}{'server (basislijn)':>20}" + "".join(f"{k:>12}" for k in soorten[1:]))
    regels = [
        ("kernels", "kernels", "{:.0f}"),
        ("verbindingen in rust (max)", "rust_max", "{:.0f}"),
        ("transacties/s in rust", "tx_per_s", "{:.1f}"),
        ("CPU alle kernels in rust (%)", "cpu", "{:.1f}"),
        ("verbindingen na 1 wijziging (max)", "piek", "{:.0f}"),
        ("RSS per kernel (MB)", "rss", "{:.0f}"),
    ]
    for label, sleutel, fmt in regels:
        rij = f"{label:34}{fmt.format(uitkomst['server'][sleutel]):>20}"
        print(rij + "".join(f"{fmt.format(uitkomst[k][sleutel]):>12}" for k in soorten[1:]))


if __name__ == "__main__":
    main()
