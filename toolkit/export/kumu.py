"""netwerk.xlsx in Kumu's import layout: sheets Elements (Label, Type) and Connections (From, To, Strength).

Type is the domein; Strength the contacts per year of the most frequent report
(:data:`toolkit.model.FREQUENTIE_GEWICHT`), with the word itself in Frequentie.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from toolkit.analysis import netwerk as netwerk_analyse
from toolkit.analysis.frames import Frames
from toolkit.export.xlsx import schrijf_tabel

ELEMENT_KOLOMMEN = ("Label", "Type", "Contacten")
CONNECTIE_KOLOMMEN = ("From", "To", "Strength", "Frequentie", "Overleg")


def schrijf_netwerk_xlsx(frames: Frames, pad: Path) -> Path:
    g = netwerk_analyse.bouw_netwerk(frames.relaties, frames.deelnemers, frames.stakeholders)
    boek = Workbook()
    elementen = boek.active
    elementen.title = "Elements"
    schrijf_tabel(
        elementen,
        "Elements",
        ELEMENT_KOLOMMEN,
        [(n, g.nodes[n].get("domein", "overig"), g.degree(n)) for n in sorted(g, key=str.casefold)],
        (40, 14, 11),
    )
    connecties = boek.create_sheet("Connections")
    schrijf_tabel(
        connecties,
        "Connections",
        CONNECTIE_KOLOMMEN,
        [
            (u, v, d["gewicht"], d["frequentie"], ", ".join(d["overlegvormen"]))
            for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0].casefold(), e[1].casefold()))
        ],
        (40, 40, 10, 13, 30),
    )
    boek.save(pad)
    return pad


__all__ = ["CONNECTIE_KOLOMMEN", "ELEMENT_KOLOMMEN", "schrijf_netwerk_xlsx"]
