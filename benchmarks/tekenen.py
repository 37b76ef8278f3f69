"""What drawing a chart costs: in the kernel's own process, in the long-lived worker, or in a
fresh process per chart.

    python benchmarks/tekenen.py [--keer 10]

prints milliseconds per chart (median) for the wand's stakeholderkaart, netwerk and tijdlijn
of the demo bijeenkomst, SVG and PNG: the renderer alone (in this process, in the worker, in a
fresh process), and the whole ``charts.naar_svg``/``naar_png`` call before issue 14 (validated
``to_json`` + in-process render) and now (cleaned spec + worker); plus the worker's start-up,
and checks that a chart with U+FFFF (bypassing the cleaning) costs the worker, not this process.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _ms(werk, keer: int) -> float:
    tijden = []
    for _ in range(keer):
        begin = time.perf_counter()
        werk()
        tijden.append((time.perf_counter() - begin) * 1000)
    return statistics.median(tijden)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keer", type=int, default=10)
    args = parser.parse_args()

    from toolkit import charts
    from toolkit.analysis import netwerk
    from toolkit.analysis.frames import laad_frames
    from toolkit.demo import vul_demo
    from toolkit.fouten import GrafiekFout
    from toolkit.store import Store
    from toolkit.tekenaar import teken, teken_veilig, tekenaar

    with tempfile.TemporaryDirectory() as map_:
        demo = vul_demo(Store(Path(map_) / "demo.db"))
        frames = laad_frames(demo.store, demo.bijeenkomst.id)
    g = netwerk.bouw_netwerk(frames.relaties, frames.deelnemers, frames.stakeholders)
    grafieken = {
        "stakeholderkaart": charts.stakeholderkaart(frames.stakeholders, groot=True),
        "netwerk": charts.netwerk(*netwerk.knopen_en_lijnen(g), groot=True),
        "tijdlijn": charts.tijdlijn(frames.mijlpalen, groot=True),
    }
    import vl_convert  # noqa: F401 - the in-process baseline with the module already loaded

    begin = time.perf_counter()
    teken_veilig("svg", grafieken["tijdlijn"].to_json())
    print(f"worker start + first chart: {(time.perf_counter() - begin) * 1000:.0f} ms")
    print(f"{'chart':18} {'soort':5} {'in-process':>11} {'worker':>8} {'fresh proc':>11}  (ms, median of {args.keer})")
    for naam, chart in grafieken.items():
        spec = chart.to_json()
        teken("svg", spec)  # warm the in-process engine
        for soort, schaal in (("svg", 1), ("png", 2)):
            binnen = _ms(lambda s=soort, x=schaal, sp=spec: teken(s, sp, x), args.keer)
            werker = _ms(lambda s=soort, x=schaal, sp=spec: teken_veilig(s, sp, x), args.keer)
            code = f"from toolkit.tekenaar import teken; import sys; teken({soort!r}, sys.stdin.read(), {schaal})"
            vers = _ms(
                lambda c=code, sp=spec: subprocess.run(
                    [sys.executable, "-c", c], input=sp.encode(), check=True, capture_output=True
                ),
                max(2, args.keer // 3),
            )
            if soort == "svg":
                oud = _ms(lambda c=chart: teken("svg", c.to_json()), args.keer)  # before issue 14
                nieuw = _ms(lambda c=chart: charts.naar_svg(c), args.keer)
                api = f"   naar_svg: before {oud:.0f}, now {nieuw:.0f}"
            else:
                oud = _ms(lambda c=chart: teken("png", c.to_json(), 2), args.keer)
                nieuw = _ms(lambda c=chart: charts.naar_png(c), args.keer)
                api = f"   naar_png: before {oud:.0f}, now {nieuw:.0f}"
            print(f"{naam:18} {soort:5} {binnen:11.0f} {werker:8.0f} {vers:11.0f}{api}")
    kapot = grafieken["stakeholderkaart"].to_json().replace("Nauw betrekken", "Nauw\\uffff betrekken")
    starts = tekenaar().starts
    begin = time.perf_counter()
    try:
        teken_veilig("svg", kapot)
        print("U+FFFF spec drew (renderer no longer crashes on it)")
    except GrafiekFout as fout:
        print(f"U+FFFF spec: GrafiekFout '{fout}' after {(time.perf_counter() - begin) * 1000:.0f} ms; this process lives")
    begin = time.perf_counter()
    teken_veilig("svg", grafieken["tijdlijn"].to_json())
    print(
        f"next chart after the crash (worker restart): {(time.perf_counter() - begin) * 1000:.0f} ms, "
        f"workers started: {tekenaar().starts - starts}"
    )
    tekenaar().sluit()


if __name__ == "__main__":
    main()
