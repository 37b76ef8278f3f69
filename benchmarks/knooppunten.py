"""The full-room benchmark (``benchmarks/zaal.py``) against three nodes behind nginx.

    python benchmarks/knooppunten.py --deelnemers 120          # the issue's figure
    python benchmarks/knooppunten.py --deelnemers 30 --kort    # what fits a shared 2-core box

Same meeting, same phones and the same table as ``zaal.py`` on one server, but the
server is three ``werkplaats knooppunt`` processes on one throwaway PostgreSQL 15
cluster (as the tests start it), behind a throwaway nginx from ``werkplaats
proxy-config``; every page goes through nginx. Prints, after zaal's table, CPU seconds
and memory per node and the PostgreSQL connections seen (max, sampled every 0.2 s).
The pool (deelnemers + 1) is split over the nodes with 50 % headroom. No bare-page baseline (run zaal.py
for the one-server figures). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER.parent))
sys.path.insert(0, str(HIER.parent / "tests"))
sys.path.insert(0, str(HIER))

import zaal  # noqa: E402
from diensten import cluster, nieuwe_database, start_nginx, vrije_poort  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from toolkit import knooppunt, server  # noqa: E402

NAMEN = ("n1", "n2", "n3")
_DB: dict[str, str] = {}
_GEZIEN: dict[str, Any] = {}


class Knooppunten(zaal.Server):
    """zaal.Server's interface over three nodes and nginx (``db`` is the PostgreSQL URL)."""

    def __init__(self, werk: Path, notebooks: Path | None, pool: int, cull: int) -> None:
        werk.mkdir(parents=True, exist_ok=True)
        self.db = _DB["url"]
        self.pool = pool
        self.werk = werk
        self.kort = Path(tempfile.mkdtemp(prefix="wp-b-"))  # kernel IPC sockets need a short path
        self.knopen: dict[str, subprocess.Popen] = {}
        self.logs: dict[str, Path] = {}
        # nginx spreads pages by open requests, not evenly: each node keeps half again its
        # share warm, or a phone on a node whose pool ran dry waits for a cold kernel
        per_knoop = -(-pool * 3 // (2 * len(NAMEN)))
        poorten = {}
        for naam in NAMEN:
            poorten[naam] = vrije_poort()
            self.logs[naam] = werk / f"{naam}.log"
            argv = [sys.executable, "-m", "toolkit.knooppunt", "--naam", naam, "--poort", str(poorten[naam])]
            argv += ["--deelnemers", str(per_knoop), "--cull-timeout", str(cull)]
            if notebooks is not None:
                argv += ["--notebooks", str(notebooks)]
            env = {**os.environ, "WERKPLAATS_DB": self.db, "TMPDIR": str(self.kort)}
            with open(self.logs[naam], "wb") as uit:
                self.knopen[naam] = subprocess.Popen(argv, env=env, stdout=uit, stderr=subprocess.STDOUT)
        self.proces = self.knopen[NAMEN[0]]
        self.log = self.logs[NAMEN[0]]
        for naam, p in self.knopen.items():
            server.wacht_tot_bereikbaar(f"http://127.0.0.1:{poorten[naam]}", 180, proces=p)
        poort = vrije_poort()
        conf = knooppunt.nginx_config(
            poort, {n: f"127.0.0.1:{p}" for n, p in poorten.items()}, host="127.0.0.1", werkmap=werk / "nginx"
        )
        self.nginx = start_nginx(conf, werk / "nginx", poort)
        self.base = self.nginx.base
        self._bemonster()

    def _bemonster(self) -> None:
        import psutil

        self._stop = threading.Event()
        beheer = create_engine(_DB["beheer"])
        db = self.db.rsplit("/", 1)[1]
        _GEZIEN.update(verbindingen=0, rss={n: 0 for n in NAMEN}, cpu={})

        def loop() -> None:
            while not self._stop.is_set():
                with contextlib.suppress(Exception), beheer.connect() as conn:
                    n = conn.execute(
                        text("SELECT count(*) FROM pg_stat_activity WHERE datname = :d"), {"d": db}
                    ).scalar_one()
                    _GEZIEN["verbindingen"] = max(_GEZIEN["verbindingen"], n)
                for naam in NAMEN:
                    totaal = 0
                    for p in self._boom(naam):
                        with contextlib.suppress(psutil.Error):
                            totaal += p.memory_info().rss
                    _GEZIEN["rss"][naam] = max(_GEZIEN["rss"][naam], totaal)
                time.sleep(0.2)
            beheer.dispose()

        threading.Thread(target=loop, daemon=True).start()

    def _boom(self, naam: str) -> list[Any]:
        import psutil

        try:
            hoofd = psutil.Process(self.knopen[naam].pid)
            return [hoofd, *hoofd.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def processen(self) -> list[Any]:
        return [p for naam in NAMEN for p in self._boom(naam)]

    def cpu_per_knoop(self) -> dict[str, float]:
        uit = {}
        for naam in NAMEN:
            totaal = 0.0
            for p in self._boom(naam):
                with contextlib.suppress(Exception):
                    t = p.cpu_times()
                    totaal += t.user + t.system + t.children_user + t.children_system
            uit[naam] = totaal
        return uit

    def kernels(self) -> dict[str, Any]:
        uit = {}
        for p in self.processen():
            try:
                cmd = " ".join(p.cmdline())
            except Exception:  # noqa: BLE001
                continue
            m = re.search(r"kernel-([\w-]+)\.json", cmd)
            if m and "ipykernel" in cmd:
                uit[m.group(1)] = p
        return uit

    def kernels_gestart(self) -> int:
        return sum(
            log.read_text(errors="replace").count("Kernel started:") for log in self.logs.values() if log.exists()
        )

    def log_fouten(self) -> list[str]:
        uit = []
        for naam, log in self.logs.items():
            tekst = log.read_text(errors="replace") if log.exists() else ""
            uit += [
                f"{naam}: {r}"
                for r in tekst.splitlines()
                if re.search(r"Address already in use|Traceback|\[E |ERROR|died|restarting", r)
            ]
        return uit

    def stop(self) -> None:
        import psutil

        _GEZIEN["cpu"] = self.cpu_per_knoop()
        self._stop.set()
        kinderen = [p for naam in NAMEN for p in self._boom(naam)[1:]]
        for p in self.knopen.values():
            if p.poll() is None:
                p.terminate()
        for p in self.knopen.values():
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
        _, levend = psutil.wait_procs(kinderen, timeout=10)
        for k in levend:
            with contextlib.suppress(Exception):
                k.kill()
        self.nginx.stop()
        shutil.rmtree(self.kort, ignore_errors=True)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--deelnemers", type=int, default=120)
    p.add_argument("--kort", action="store_true", help="korte fasen")
    p.add_argument("--cull", type=int, default=60)
    p.add_argument("--zaad", type=int, default=15)
    a = p.parse_args()
    c = cluster()
    if isinstance(c, str):
        sys.exit(c)
    zaal.Server = Knooppunten  # the meeting is zaal's; only the server differs
    fasen = zaal.Fasen.kort() if a.kort else zaal.Fasen()
    with nieuwe_database(c) as url:
        _DB.update(url=url, beheer=c.beheer_url)
        print(f"Zaal over {len(NAMEN)} knooppunten: {a.deelnemers} deelnemers ({zaal._belasting()})", flush=True)
        u = zaal.uitvoeren(a.deelnemers, fasen, cull=a.cull, zaad=a.zaad, kaal=False)
    print()
    print(u.tabel())
    print()
    print(f"{'knooppunt':<12}{'CPU (s, boom)':>14}{'RSS max (GB)':>14}")
    for naam in NAMEN:
        print(f"{naam:<12}{_GEZIEN['cpu'].get(naam, 0):>14.0f}{_GEZIEN['rss'][naam] / 2**30:>14.2f}")
    print(f"PostgreSQL-verbindingen (max, alle knooppunten samen): {_GEZIEN['verbindingen']}")
    zaal.druk_fouten(u)
    return 0


if __name__ == "__main__":
    sys.exit(main())
