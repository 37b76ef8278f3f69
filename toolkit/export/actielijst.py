"""actielijst.docx: one page with the actions (Wat / Wie / Wanneer / Thema / Status) and the afspraken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from toolkit.export.blokken import NIET_AAN_DE_ORDE, Alinea, Sectie
from toolkit.export.docx import open_sjabloon, schrijf_document
from toolkit.export.secties import actie_tabel, afspraken_tabel, evaluatie_zin

#: Widths in cm on landscape A4 (25.3 cm between the margins).
ACTIE_BREEDTES = (10.4, 5.0, 3.2, 4.2, 2.5)
AFSPRAAK_BREEDTES = (15.3, 5.0, 5.0)


def actielijst_secties(context: dict[str, Any]) -> list[Sectie]:
    acties = context["acties"]
    afspraken = context["afspraken"]
    return [
        Sectie(
            "acties",
            "Acties",
            (actie_tabel(acties, ACTIE_BREEDTES),) if acties else (Alinea(NIET_AAN_DE_ORDE),),
        ),
        Sectie(
            "afspraken",
            "Afspraken",
            (
                *(
                    (afspraken_tabel(afspraken["afspraken"], AFSPRAAK_BREEDTES),)
                    if afspraken["afspraken"]
                    else ()
                ),
                Alinea(evaluatie_zin(afspraken)),
            ),
        ),
    ]


def schrijf_actielijst_docx(context: dict[str, Any], velden: dict[str, str], pad: Path) -> Path:
    return schrijf_document(
        open_sjabloon(None, "actielijst.docx"), velden, actielijst_secties(context), {}, pad
    )


__all__ = ["actielijst_secties", "schrijf_actielijst_docx"]
