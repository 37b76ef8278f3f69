"""How an ``Antwoord.onderwerp`` says what was scored, without pandas.

The participant's phone imports this module, so it stays free of pandas and altair.
Stellingen: ``onderwerp`` is the stelling text itself. Dubbelcheck: ``"<bijdrage_id>|<aspect>"``
where aspect is one of :data:`toolkit.model.QUINTUPLE_AIM` or :data:`KWETSBAREN`.
"""

from __future__ import annotations

from toolkit import model
from toolkit.fouten import OngeldigeInvoer

#: The extra dubbelcheck question (seed 004 step 4): 1 nee - 5 ja.
KWETSBAREN = "kwetsbaren"
KWETSBAREN_VRAAG = "Bereikt dit de meest kwetsbare inwoners?"
#: Everything a solution is scored on in the dubbelcheck, in display order.
DUBBELCHECK_ASPECTEN: tuple[str, ...] = (*model.QUINTUPLE_AIM, KWETSBAREN)
SCHEIDING = "|"


def dubbelcheck_onderwerp(bijdrage_id: int, aspect: str) -> str:
    """The ``onderwerp`` of one dubbelcheck score: solution id and aspect."""
    if aspect not in DUBBELCHECK_ASPECTEN:
        raise OngeldigeInvoer(
            "onderwerp", f"Onbekend aspect '{aspect}'; kies uit: {', '.join(DUBBELCHECK_ASPECTEN)}."
        )
    return f"{int(bijdrage_id)}{SCHEIDING}{aspect}"


def lees_onderwerp(onderwerp: str) -> tuple[int, str] | None:
    """``(bijdrage_id, aspect)`` of a dubbelcheck score, or None for a stelling text."""
    voor, teken, na = str(onderwerp).partition(SCHEIDING)
    if not teken or not voor.strip().isdigit() or na not in DUBBELCHECK_ASPECTEN:
        return None
    return int(voor), na


__all__ = [
    "DUBBELCHECK_ASPECTEN",
    "KWETSBAREN",
    "KWETSBAREN_VRAAG",
    "dubbelcheck_onderwerp",
    "lees_onderwerp",
]
