"""The stakeholderkaart: merge near-duplicate names, place them in a quadrant, find who is missing.

Seed 004 step 1: invite the key players in the wijk (eerstelijnszorg, welzijn, sociaal
domein, gemeente) "en vergeet vooral niet de inwoners"; think of the zorgverzekeraar too.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import pandas as pd

#: A score above this (mean of invloed or belang, on 1-5) counts as high: 3 is "neutral".
DREMPEL = 3.0
#: Quadrant names of the power/interest grid, as the wand shows them.
NAUW_BETREKKEN = "nauw betrekken"
TEVREDEN_HOUDEN = "tevreden houden"
INFORMEREN = "informeren"
MONITOREN = "monitoren"
KWADRANTEN: tuple[str, ...] = (NAUW_BETREKKEN, TEVREDEN_HOUDEN, INFORMEREN, MONITOREN)

SAMENGEVOEGD_KOLOMMEN = (
    "naam",
    "sleutel",
    "organisatie",
    "domein",
    "aantal",
    "invloed",
    "belang",
    "kwadrant",
    "spellingen",
)


def normaliseer_naam(naam: str) -> str:
    """A comparison key: case, accents, punctuation and whitespace do not count ('G.G.D.' -> 'ggd')."""
    tekst = unicodedata.normalize("NFKD", str(naam or ""))
    tekst = "".join(t for t in tekst if not unicodedata.combining(t)).casefold()
    tekst = re.sub(r"[.'’`]", "", tekst)  # G.G.D. -> GGD, not G G D
    tekst = re.sub(r"[^\w]+", " ", tekst)
    return re.sub(r"\s+", " ", tekst).strip()


def kwadrant(invloed: float, belang: float, drempel: float = DREMPEL) -> str:
    """Power/interest quadrant: high means above ``drempel`` (so 3 on the 1-5 scale is low).

    nauw betrekken = high invloed & high belang; tevreden houden = high invloed, low belang;
    informeren = low invloed, high belang; monitoren = low & low.
    """
    hoog_invloed, hoog_belang = invloed > drempel, belang > drempel
    if hoog_invloed:
        return NAUW_BETREKKEN if hoog_belang else TEVREDEN_HOUDEN
    return INFORMEREN if hoog_belang else MONITOREN


def _meest_gebruikt(waarden: list[str]) -> str:
    """The most common non-empty value; on a tie the first one written."""
    gevuld = [w for w in waarden if isinstance(w, str) and w.strip()]
    if not gevuld:
        return ""
    telling = Counter(gevuld)
    hoogste = max(telling.values())
    return next(w for w in gevuld if telling[w] == hoogste)


def voeg_samen(stakeholders: pd.DataFrame) -> pd.DataFrame:
    """One row per stakeholder after merging near-duplicate names.

    ``naam`` is the most common spelling, ``aantal`` how many times it was named, ``invloed``
    and ``belang`` the means, ``domein``/``organisatie`` the most common, ``kwadrant`` from
    the means, ``spellingen`` every spelling used. Most named first.
    """
    if stakeholders.empty:
        return pd.DataFrame(columns=list(SAMENGEVOEGD_KOLOMMEN))
    df = stakeholders.assign(sleutel=stakeholders["naam"].map(normaliseer_naam))
    rijen = []
    for sleutel, groep in df.groupby("sleutel", sort=False):
        invloed, belang = float(groep["invloed"].mean()), float(groep["belang"].mean())
        namen = [n.strip() for n in groep["naam"]]
        rijen.append(
            {
                "naam": _meest_gebruikt(namen),
                "sleutel": sleutel,
                "organisatie": _meest_gebruikt(list(groep["organisatie"])),
                "domein": _meest_gebruikt(list(groep["domein"])) or "overig",
                "aantal": len(groep),
                "invloed": invloed,
                "belang": belang,
                "kwadrant": kwadrant(invloed, belang),
                "spellingen": sorted(set(namen)),
            }
        )
    uit = pd.DataFrame(rijen, columns=list(SAMENGEVOEGD_KOLOMMEN))
    return uit.sort_values(["aantal", "naam"], ascending=[False, True], kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class Rol:
    """A role seed 004 wants at the table, recognised by words in naam/organisatie or by domein."""

    naam: str
    woorden: tuple[str, ...]
    domein: str | None = None


#: Seed 004 step 1 (and bouwsteen 1 and 2): who belongs at the table. Roles with a domein of
#: their own (inwoner, verzekeraar, gemeente) also count as present when that domein is.
ROLLEN: tuple[Rol, ...] = (
    Rol(
        "inwoners",
        (
            "inwoner",
            "bewoner",
            "client",
            "burger",
            "ervaringsdeskundig",
            "mantelzorg",
            "patient",
            "sleutelpersoon",
        ),
        "inwoner",
    ),
    Rol(
        "zorgverzekeraar",
        (
            "verzekeraar",
            "zorgverzekeraar",
            "cz",
            "vgz",
            "menzis",
            "zilveren kruis",
            "dsw",
            "achmea",
            "zorgkantoor",
        ),
        "verzekeraar",
    ),
    Rol("huisarts", ("huisarts", "poh", "zorggroep", "hagro", "gezondheidscentrum")),
    Rol("wijkverpleging", ("wijkverpleg", "thuiszorg", "wijkzorg", "buurtzorg")),
    Rol("sociaal team", ("sociaal team", "wijkteam", "buurtteam", "sociaal werk", "jeugd en gezin", "cjg")),
    Rol("gemeente", ("gemeente", "wethouder", "ambtenaar", "beleidsmedewerker", "wmo"), "gemeente"),
    Rol("welzijn", ("welzijn", "buurtwerk", "opbouwwerk", "vrijwilligers", "buurthuis")),
)


def _herkent(rol: Rol, tekst: str) -> bool:
    return any(re.search(rf"\b{re.escape(woord)}", tekst) for woord in rol.woorden)


def wie_ontbreekt(stakeholders: pd.DataFrame, rollen: tuple[Rol, ...] = ROLLEN) -> list[str]:
    """The roles of seed 004 that nobody has put on the stakeholderkaart yet, in seed order."""
    teksten = [
        normaliseer_naam(f"{n} {o}")
        for n, o in zip(
            stakeholders.get("naam", pd.Series(dtype=object)),
            stakeholders.get("organisatie", pd.Series(dtype=object)),
            strict=True,
        )
    ]
    domeinen = set(stakeholders["domein"]) if "domein" in stakeholders else set()
    return [
        rol.naam for rol in rollen if not (rol.domein in domeinen or any(_herkent(rol, t) for t in teksten))
    ]


__all__ = [
    "DREMPEL",
    "INFORMEREN",
    "KWADRANTEN",
    "MONITOREN",
    "NAUW_BETREKKEN",
    "ROLLEN",
    "TEVREDEN_HOUDEN",
    "Rol",
    "kwadrant",
    "normaliseer_naam",
    "voeg_samen",
    "wie_ontbreekt",
]
