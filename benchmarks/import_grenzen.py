"""How ``werkplaats import`` meets the pathological files of issue 14: time and message for each.

    python benchmarks/import_grenzen.py [--rijen 1000000]

Builds each file in a temporary folder (the xlsx of ``--rijen`` actions whose dimension tag
says A1:E5, a 200,000-row CSV, mixed encodings, a lone surrogate in JSON, ...) and imports
it into a fresh bijeenkomst; prints seconds, rows stored and the first line of the message.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import kwade_bestanden as kwaad  # noqa: E402
from toolkit.export.json import bijeenkomst_als_dict  # noqa: E402
from toolkit.fouten import WerkplaatsFout  # noqa: E402
from toolkit.importeer import importeer  # noqa: E402
from toolkit.store import Store  # noqa: E402
from toolkit.werkvormen import laad_programma  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rijen", type=int, default=1_000_000, help="rows in the lying xlsx")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as map_:
        map_ = Path(map_)
        store = Store(map_ / "w.db")
        b, sleutel = store.nieuwe_bijeenkomst("Noord", onderdelen=laad_programma("standaard").onderdelen)
        bron = bijeenkomst_als_dict(store, b.id)
        bron["deelnemers"] = [{"id": 1, "organisatie": "Praktijk", "domein": "zorg", "naam": "", "naam_tonen": False}]
        begin = time.perf_counter()
        groot = kwaad.xlsx_met_rijen(map_ / "acties.xlsx", args.rijen, dimensie="A1:E5")
        print(f"(built the {args.rijen:,}-row xlsx in {time.perf_counter() - begin:.1f} s, {groot.stat().st_size / 1e6:.1f} MB)")
        def plek(map_naam: str, bestand: str) -> Path:
            (map_ / map_naam).mkdir()
            return map_ / map_naam / bestand

        gevallen = [
            (f"xlsx {args.rijen:,} rows, dimension A1:E5", groot),
            (
                "xlsx 100,000 rows, dimension A1:E5",
                kwaad.xlsx_met_rijen(plek("honderdduizend", "acties.xlsx"), 100_000, dimensie="A1:E5"),
            ),
            ("xlsx 40 rows, dimension A1:E5", kwaad.xlsx_met_rijen(plek("klein", "acties.xlsx"), 40)),
            ("csv 200,000 rows", kwaad.veel_rijen_csv(map_ / "acties.csv", 200_000)),
            ("csv utf-8 + one cp1252 byte", kwaad.utf8_met_los_cp1252_byte(plek("a1", "acties.csv"))),
            ("csv utf-16 with BOM (tab)", kwaad.utf16(plek("a2", "acties.csv"))),
            ("csv utf-16 without BOM", kwaad.utf16_zonder_bom(plek("a3", "acties.csv"))),
            ("csv cp1252", kwaad.cp1252(plek("a4", "acties.csv"))),
            ("csv field of 200,000 chars", kwaad.reuzenveld_csv(plek("a5", "acties.csv"))),
            ("file of 25 MB", kwaad.te_groot(plek("a6", "acties.csv"), 25 * 1024 * 1024)),
            ("json lone surrogate", kwaad.json_met_losse_surrogaat(map_ / "bijeenkomst.json", bron)),
            ("json nested 100,000 deep", kwaad.diep_geneste_json(map_ / "diep.json")),
            ("xlsx that is no zip", kwaad.rommel(plek("a7", "acties.xlsx"))),
        ]
        for naam, pad in gevallen:
            voor = len(store.items("actie", b.id))
            begin = time.perf_counter()
            try:
                uitkomst = str(importeer(store, pad, code=b.code, sleutel=sleutel)).splitlines()[0]
            except WerkplaatsFout as fout:
                regels = str(fout).splitlines()
                uitkomst = "FOUT " + (regels[1] if len(regels) > 1 else regels[0])
            except Exception as fout:  # noqa: BLE001 - a traceback is what this benchmark hunts
                uitkomst = f"TRACEBACK {type(fout).__name__}: {fout}"
            duur = time.perf_counter() - begin
            erbij = len(store.items("actie", b.id)) - voor
            print(f"{naam:36} {duur:7.2f} s  +{erbij:<5} {uitkomst[:150]}")


if __name__ == "__main__":
    main()
