"""actielijst.csv: semicolon separated, UTF-8 with BOM, so Dutch Excel opens it as it is."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from toolkit.model import veilig_voor_uitvoer

KOLOMMEN = ("wat", "wie", "wanneer", "thema", "status")


def schrijf_actielijst_csv(context: dict[str, Any], pad: Path) -> Path:
    """Dates as YYYY-MM-DD: unambiguous, and what ``werkplaats import`` reads back."""
    with open(pad, "w", encoding="utf-8-sig", newline="") as f:
        schrijver = csv.writer(f, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        schrijver.writerow(KOLOMMEN)
        for a in context["acties"]:
            rij = (a["wat"], a["wie"], a["wanneer"].isoformat(), a["thema"], a["status"])
            schrijver.writerow(veilig_voor_uitvoer(rij))
    return pad


__all__ = ["KOLOMMEN", "schrijf_actielijst_csv"]
