"""actielijst.xlsx: real Excel tables (header, filter buttons, dates as dates) for acties and afspraken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.model import veilig_voor_uitvoer

DATUM_FORMAAT = "dd-mm-yyyy"
ACTIE_KOLOMMEN = ("Wat", "Wie", "Wanneer", "Thema", "Status")
AFSPRAAK_KOLOMMEN = ("Afspraak", "Wie", "Evaluatiemoment")


def schrijf_tabel(
    blad: Worksheet, naam: str, kop: tuple[str, ...], rijen: list[tuple[Any, ...]], breedtes: tuple[int, ...]
) -> None:
    """A header row, the rows, and an Excel table over them (filters come with the table)."""
    kop, rijen = veilig_voor_uitvoer(kop), veilig_voor_uitvoer(rijen)
    blad.append(list(kop))
    for rij in rijen:
        blad.append(list(rij))
    for i, breedte in enumerate(breedtes, start=1):
        blad.column_dimensions[get_column_letter(i)].width = breedte
    for cel in blad[1]:
        cel.font = Font(bold=True)
    for rij in blad.iter_rows(min_row=2):
        for cel in rij:
            cel.alignment = Alignment(vertical="top", wrap_text=True)
            if hasattr(cel.value, "year"):
                cel.number_format = DATUM_FORMAAT
    blad.freeze_panes = "A2"
    # An Excel table needs at least one data row; an empty one gets a header-only range.
    laatste = max(2, len(rijen) + 1)
    tabel = Table(displayName=naam, ref=f"A1:{get_column_letter(len(kop))}{laatste}")
    tabel.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    blad.add_table(tabel)


def schrijf_actielijst_xlsx(context: dict[str, Any], pad: Path) -> Path:
    boek = Workbook()
    acties = boek.active
    acties.title = "Acties"
    schrijf_tabel(
        acties,
        "Acties",
        ACTIE_KOLOMMEN,
        [(a["wat"], a["wie"], a["wanneer"], a["thema"], a["status"]) for a in context["acties"]],
        (60, 28, 13, 24, 10),
    )
    afspraken = boek.create_sheet("Afspraken")
    schrijf_tabel(
        afspraken,
        "Afspraken",
        AFSPRAAK_KOLOMMEN,
        [(a["tekst"], a["wie"], a["evaluatiemoment"]) for a in context["afspraken"]["afspraken"]],
        (70, 28, 16),
    )
    boek.properties.title = veilig_voor_uitvoer(f"Actielijst {context['titel']}")
    boek.save(pad)
    return pad


__all__ = ["ACTIE_KOLOMMEN", "schrijf_actielijst_xlsx", "schrijf_tabel"]
