"""How long ``werkplaats export`` takes for a big bijeenkomst: 40 participants, 500 entries.

Prints the time of every step (reading, each chart, each file) and the total, and as a
baseline the time python-docx alone needs for a bare document with the same number of
paragraphs and images. Goal (issue 5): all outputs within 5 s on this machine.

    python benchmarks/export.py [--map MAP]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docx import Document  # noqa: E402
from docx.shared import Cm  # noqa: E402

from toolkit import model  # noqa: E402
from toolkit.analysis.onderwerpen import DUBBELCHECK_ASPECTEN, dubbelcheck_onderwerp  # noqa: E402
from toolkit.export import exporteer  # noqa: E402
from toolkit.store import Store  # noqa: E402
from toolkit.werkvormen import laad_programma  # noqa: E402

ORGANISATIES = [
    ("Huisartsenpraktijk Noord", "zorg"),
    ("Huisartsenpraktijk Zuid", "zorg"),
    ("Wijkverpleging", "zorg"),
    ("GGZ", "zorg"),
    ("Sociaal Wijkteam", "sociaal"),
    ("Welzijn", "sociaal"),
    ("Schuldhulp", "sociaal"),
    ("Gemeente", "gemeente"),
    ("Zorgverzekeraar", "verzekeraar"),
    ("Bewonersraad", "inwoner"),
]
#: Entries per kind, 500 together.
AANTALLEN = {
    "probleem": 120,
    "inventarisatie": 30,
    "oplossing": 60,
    "relatie": 60,
    "stakeholder": 40,
    "swot": 40,
    "stip": 15,
    "mijlpaal": 20,
    "actie": 20,
    "afspraak": 5,
    "antwoord": 90,
}


def vul(store: Store) -> str:
    """A bijeenkomst of 40 participants and 500 entries, with votes; returns its code."""
    kans = random.Random(5)
    vandaag = date.today()
    b, sleutel = store.nieuwe_bijeenkomst(
        "Benchmark wijk Oost",
        datum=vandaag,
        locatie="Stadhuis",
        onderdelen=laad_programma("standaard").onderdelen,
    )
    regie = store.regie(b.code, sleutel)
    o = {x.werkvorm: x for x in store.onderdelen(b.id)}  # type: ignore[arg-type]
    mensen = [
        store.aanmelden(b.code, organisatie=org, domein=dom, naam=f"Deelnemer {i}", naam_tonen=i % 3 == 0)[0]
        for i, (org, dom) in enumerate(ORGANISATIES[i % len(ORGANISATIES)] for i in range(40))
    ]

    def tekst(soort: str, i: int) -> str:
        return f"{soort.capitalize()} {i}: " + " ".join(
            kans.choice(["wijk", "zorg", "samen", "inwoner", "huisarts", "wachttijd", "terugkoppeling"])
            for _ in range(12)
        )

    items: list[object] = []
    items += [
        model.Bijdrage(
            tekst=tekst("probleem", i),
            thema=kans.choice(model.THEMAS),
            cluster=f"Cluster {i % 8}",
            onderdeel_id=o["wijkbrainstorm"].id,
        )
        for i in range(AANTALLEN["probleem"])
    ]
    kolommen = o["inventarisatie"].kolommen
    items += [
        model.Bijdrage(
            tekst=tekst("punt", i), kolom=kolommen[i % len(kolommen)], onderdeel_id=o["inventarisatie"].id
        )
        for i in range(AANTALLEN["inventarisatie"])
    ]
    items += [
        model.Bijdrage(tekst=tekst("oplossing", i), onderdeel_id=o["oplossingen"].id)
        for i in range(AANTALLEN["oplossing"])
    ]
    items += [
        model.Relatie(
            van=ORGANISATIES[i % 10][0],
            naar=ORGANISATIES[(i * 3 + 1) % 10][0]
            if (i * 3 + 1) % 10 != i % 10
            else ORGANISATIES[(i + 5) % 10][0],
            frequentie=kans.choice(model.FREQUENTIES),
            overlegvorm=kans.choice(["", "Wijkoverleg", "MDO"]),
            onderdeel_id=o["netwerkanalyse"].id,
        )
        for i in range(AANTALLEN["relatie"])
    ]
    items += [
        model.Stakeholder(
            naam=f"Partij {i % 25}",
            organisatie=ORGANISATIES[i % 10][0],
            domein=ORGANISATIES[i % 10][1],
            invloed=kans.randint(1, 5),
            belang=kans.randint(1, 5),
            onderdeel_id=o["stakeholderkaart"].id,
        )
        for i in range(AANTALLEN["stakeholder"])
    ]
    items += [
        model.SwotItem(kwadrant=model.KWADRANTEN[i % 4], tekst=tekst("swot", i), onderdeel_id=o["swot"].id)
        for i in range(AANTALLEN["swot"])
    ]
    items += [
        model.Stip(tekst=tekst("stip", i), onderdeel_id=o["stip-op-de-horizon"].id)
        for i in range(AANTALLEN["stip"])
    ]
    items += [
        model.Mijlpaal(
            horizon=model.HORIZONNEN[1 + i % 4], tekst=tekst("mijlpaal", i), onderdeel_id=o["mijlpalen"].id
        )
        for i in range(AANTALLEN["mijlpaal"])
    ]
    items += [
        model.Actie(
            wat=tekst("actie", i),
            wie=f"Deelnemer {i}",
            wanneer=vandaag + timedelta(days=14 * (i + 1)),
            thema=model.THEMAS[i % 5],
            onderdeel_id=o["actielijst"].id,
        )
        for i in range(AANTALLEN["actie"])
    ]
    items += [
        model.Afspraak(
            tekst=tekst("afspraak", i),
            wie="Alle partners",
            evaluatiemoment=vandaag + timedelta(days=90),
            onderdeel_id=o["afspraken"].id,
        )
        for i in range(AANTALLEN["afspraak"])
    ]
    regie.voeg_toe_veel(items)

    oplossingen = store.items("bijdrage", b.id, onderdeel_id=o["oplossingen"].id)
    for onderdeel, doelen in (
        (o["clusteren-en-stemmen"], store.items("bijdrage", b.id, onderdeel_id=o["wijkbrainstorm"].id)),
        (o["oplossingen"], oplossingen),
    ):
        regie.ga_naar(onderdeel.id)
        regie.start_stemmen(onderdeel.id)
        for mens in mensen:
            for _ in range(onderdeel.stippen):
                store.stem(mens.id, onderdeel.id, kans.choice(doelen[:20]).id)  # type: ignore[arg-type]
    regie.ga_naar(o["dubbelcheck"].id)
    antwoorden = [
        model.Antwoord(
            onderwerp=dubbelcheck_onderwerp(oplossing.id, aspect),
            waarde=kans.randint(1, 5),
            onderdeel_id=o["dubbelcheck"].id,
            deelnemer_id=mens.id,
        )
        for oplossing in oplossingen[:3]
        for aspect in DUBBELCHECK_ASPECTEN
        for mens in mensen[:5]
    ]
    for antwoord in antwoorden[: AANTALLEN["antwoord"]]:
        regie.voeg_toe(antwoord)
    return b.code


def baseline(visiedocument: Path, pad: Path) -> tuple[float, int, int]:
    """A bare python-docx document with as many paragraphs and images as the visiedocument."""
    bron = Document(str(visiedocument))
    alineas = len(bron.paragraphs) + sum(
        len(c.paragraphs) for t in bron.tables for r in t.rows for c in r.cells
    )
    plaatjes = [r.target_part.blob for r in bron.part.rels.values() if "image" in r.reltype]
    begin = time.perf_counter()
    doc = Document()
    for i in range(alineas):
        doc.add_paragraph(f"Alinea {i} met wat tekst, zoals een bijdrage uit de zaal.")
    for png in plaatjes:
        doc.add_picture(io.BytesIO(png), width=Cm(16))
    doc.save(str(pad))
    return time.perf_counter() - begin, alineas, len(plaatjes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--map", type=Path, default=None, help="Map voor database en uitvoer (standaard tijdelijk)."
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tijdelijk:
        map_ = args.map or Path(tijdelijk)
        map_.mkdir(parents=True, exist_ok=True)
        store = Store(map_ / "benchmark.db")
        begin = time.perf_counter()
        code = vul(store)
        print(
            f"bijeenkomst gevuld (40 deelnemers, {sum(AANTALLEN.values())} invoer): {time.perf_counter() - begin:.1f} s"
        )

        momenten: list[tuple[str, float]] = []
        begin = time.perf_counter()
        exporteer(
            store, code, map_ / "uit", voortgang=lambda stap: momenten.append((stap, time.perf_counter()))
        )
        einde = time.perf_counter()
        momenten.append(("einde", einde))
        print("\nexport, per stap:")
        print(f"  {'opstarten (imports, sjabloon)':<32} {momenten[0][1] - begin:6.2f} s")
        for (stap, t0), (_volgende, t1) in zip(momenten, momenten[1:], strict=False):
            if "klaar" not in stap:
                print(f"  {stap:<32} {t1 - t0:6.2f} s")
        print(f"  {'totaal':<32} {einde - begin:6.2f} s")

        duur, alineas, plaatjes = baseline(map_ / "uit" / "visiedocument.docx", map_ / "baseline.docx")
        print(f"\nbaseline: kale python-docx met {alineas} alinea's en {plaatjes} afbeeldingen: {duur:.2f} s")
        print(f"belasting van de machine (1 min): {os.getloadavg()[0]:.1f} op {os.cpu_count()} kernen")


if __name__ == "__main__":
    main()
