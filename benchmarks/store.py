"""How many entries per second the SQLite store takes when a whole room writes at once.

Runs a single writer first (the baseline), then N concurrent writer processes, each its own
``Store`` on one temporary SQLite file, as the Voila kernels of a room are. Every writer adds
bijdragen through ``Regie.voeg_toe`` for a fixed time (or count) and times each commit.
Prints commits per second and p50/p95 commit latency for both, and their ratio.

    python benchmarks/store.py                 # 40 writers, 10 s each phase
    python benchmarks/store.py --schrijvers 20 --duur 5
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit import model
from toolkit.store import Store


@dataclass(frozen=True)
class Uitslag:
    """Latencies (seconds) of every commit in a phase, and how long the phase took."""

    schrijvers: int
    latenties: list[float]
    duur: float
    fouten: list[str]

    @property
    def commits_per_seconde(self) -> float:
        return len(self.latenties) / self.duur if self.duur else 0.0

    def percentiel(self, p: float) -> float:
        if not self.latenties:
            return float("nan")
        geordend = sorted(self.latenties)
        return geordend[min(len(geordend) - 1, round(p / 100 * (len(geordend) - 1)))]

    def regel(self, naam: str) -> str:
        return (
            f"{naam:<22} {self.schrijvers:>3} schrijvers  {len(self.latenties):>6} commits  "
            f"{self.commits_per_seconde:>8.1f} commits/s  p50 {self.percentiel(50) * 1000:>7.1f} ms  "
            f"p95 {self.percentiel(95) * 1000:>7.1f} ms  max {self.percentiel(100) * 1000:>7.1f} ms  "
            f"fouten {len(self.fouten)}"
        )


def schrijver(
    db: str, code: str, sleutel: str, nummer: int, duur: float, aantal: int, start: Any, uitkomsten: Any
) -> None:
    """One writer process: wait for the start, then add bijdragen until time or count is up."""
    latenties: list[float] = []
    fout = None
    try:
        store = Store(db)
        regie = store.regie(code, sleutel)
        onderdeel_id = store.bijeenkomst(code).huidig_onderdeel_id
        start.wait(timeout=300)
        einde = time.monotonic() + duur
        i = 0
        while (aantal and i < aantal) or (not aantal and time.monotonic() < einde):
            bijdrage = model.Bijdrage(tekst=f"Idee {i} van schrijver {nummer}", onderdeel_id=onderdeel_id)
            t0 = time.perf_counter()
            regie.voeg_toe(bijdrage)
            latenties.append(time.perf_counter() - t0)
            i += 1
    except BaseException:  # noqa: BLE001 - report every failure, the benchmark must not hang
        fout = traceback.format_exc()
    uitkomsten.put((latenties, fout))


def fase(map: Path, schrijvers: int, duur: float, aantal: int) -> Uitslag:
    """Run ``schrijvers`` writer processes on a fresh database file."""
    db = str(map / f"bench-{schrijvers}.db")
    store = Store(db)
    onderdeel = model.Onderdeel(
        werkvorm="wijkbrainstorm", titel="Brainstorm", vraag="Wat speelt er?", invoer="tekst"
    )
    bijeenkomst, sleutel = store.nieuwe_bijeenkomst("Benchmark", onderdelen=[onderdeel])
    store.regie(bijeenkomst.code, sleutel).volgende()

    store.engine.dispose()  # no open SQLite connection may cross the fork
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    start = ctx.Barrier(schrijvers + 1)
    uitkomsten = ctx.Queue()
    processen = [
        ctx.Process(
            target=schrijver, args=(db, bijeenkomst.code, sleutel, n, duur, aantal, start, uitkomsten)
        )
        for n in range(schrijvers)
    ]
    for p in processen:
        p.start()
    latenties: list[float] = []
    fouten: list[str] = []
    try:
        start.wait(timeout=300)
        begin = time.monotonic()
        for _ in processen:
            deel, fout = uitkomsten.get(timeout=duur + 300)
            latenties.extend(deel)
            if fout:
                fouten.append(fout)
        verstreken = time.monotonic() - begin
    finally:
        for p in processen:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
    opgeslagen = len(store.items("bijdrage", bijeenkomst.id))
    if opgeslagen != len(latenties):
        fouten.append(f"{len(latenties)} commits gemeten maar {opgeslagen} bijdragen opgeslagen")
    return Uitslag(schrijvers, latenties, verstreken, fouten)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Meet commits per seconde en commit-latentie van de SQLite-opslag bij veel schrijvers.",
    )
    parser.add_argument(
        "--schrijvers", type=int, default=40, help="gelijktijdige schrijfprocessen (standaard 40)"
    )
    parser.add_argument("--duur", type=float, default=10.0, help="seconden per fase (standaard 10)")
    parser.add_argument(
        "--aantal", type=int, default=0, help="vast aantal commits per schrijver in plaats van --duur"
    )
    parser.add_argument("--map", type=Path, default=None, help="map voor de database (standaard tijdelijk)")
    args = parser.parse_args(argv)
    if args.schrijvers < 1:
        parser.error("--schrijvers moet minstens 1 zijn")

    with tempfile.TemporaryDirectory(prefix="werkplaats-bench-", dir=args.map) as tijdelijk:
        map = Path(tijdelijk)
        print(
            f"SQLite-opslag in {map}, {args.duur:g} s per fase"
            if not args.aantal
            else f"{args.aantal} per schrijver"
        )
        basis = fase(map, 1, args.duur, args.aantal)
        print(basis.regel("een schrijver"), flush=True)
        druk = fase(map, args.schrijvers, args.duur, args.aantal)
        print(druk.regel(f"{args.schrijvers} schrijvers"), flush=True)
    if basis.commits_per_seconde:
        print(
            f"verhouding: {druk.commits_per_seconde / basis.commits_per_seconde:.2f}x de doorvoer, "
            f"p95 {druk.percentiel(95) / basis.percentiel(95):.1f}x de latentie van een schrijver"
        )
    for fout in basis.fouten + druk.fouten:
        print(fout, file=sys.stderr)
    if basis.latenties:
        print(f"gemiddelde latentie een schrijver: {statistics.mean(basis.latenties) * 1000:.1f} ms")
    return 1 if basis.fouten or druk.fouten else 0


if __name__ == "__main__":
    sys.exit(main())
