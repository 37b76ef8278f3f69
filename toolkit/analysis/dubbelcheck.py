"""Dubbelcheck voor de meest kwetsbaren (seed 004 step 4, Quintuple Aim).

Each top solution is scored 1-5 on the five aims of :data:`toolkit.model.QUINTUPLE_AIM`
and on "bereikt dit de meest kwetsbare inwoners?" (:data:`KWETSBAREN`). A solution is
flagged when its mean on gezondheidsgelijkheid or on kwetsbaren is at most :data:`GRENS`:
then it may widen health differences instead of closing them.

The participant's phone imports the ``onderwerp`` helpers from here, so this module
imports pandas only inside its functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.analysis.onderwerpen import (
    DUBBELCHECK_ASPECTEN,
    KWETSBAREN,
    KWETSBAREN_VRAAG,
    dubbelcheck_onderwerp,
    lees_onderwerp,
)

if TYPE_CHECKING:
    import pandas as pd

#: A mean at or below this on equity or reach counts as low.
GRENS = 2.5
GELIJKHEID = "gezondheidsgelijkheid"
#: Short labels for chart axes, in :data:`DUBBELCHECK_ASPECTEN` order.
ASPECT_LABELS: dict[str, str] = {
    "gezondheid van de populatie": "Gezondheid populatie",
    "ervaren kwaliteit door inwoner": "Ervaren kwaliteit",
    "kosten": "Kosten",
    "werkplezier van professionals": "Werkplezier",
    "gezondheidsgelijkheid": "Gezondheidsgelijkheid",
    KWETSBAREN: "Bereikt kwetsbaren",
}
MATRIX_KOLOMMEN = ("bijdrage_id", "oplossing", "aspect", "aspect_label", "gemiddelde", "n", "gemarkeerd")


def matrix(antwoorden: pd.DataFrame, bijdragen: pd.DataFrame | None = None) -> pd.DataFrame:
    """Long table solutions x aspects: mean score, number of answers, and the solution's flag.

    ``oplossing`` is the solution's text from ``bijdragen`` (or 'Oplossing <id>'); answers
    about solutions no longer in ``bijdragen`` (hidden, withdrawn) are left out when it is given.
    """
    import pandas as pd

    rijen = []
    for onderwerp, waarde in zip(antwoorden.get("onderwerp", []), antwoorden.get("waarde", []), strict=True):
        gelezen = lees_onderwerp(onderwerp)
        if gelezen is not None:
            rijen.append({"bijdrage_id": gelezen[0], "aspect": gelezen[1], "waarde": float(waarde)})
    if not rijen:
        return pd.DataFrame(columns=list(MATRIX_KOLOMMEN))
    df = pd.DataFrame(rijen)
    teksten: dict[int, str] = {}
    if bijdragen is not None:
        teksten = dict(zip(bijdragen["id"].astype(int), bijdragen["tekst"], strict=True))
        df = df[df["bijdrage_id"].isin(teksten)]
        if df.empty:
            return pd.DataFrame(columns=list(MATRIX_KOLOMMEN))
    uit = (
        df.groupby(["bijdrage_id", "aspect"], sort=False)
        .agg(gemiddelde=("waarde", "mean"), n=("waarde", "size"))
        .reset_index()
    )
    uit["oplossing"] = uit["bijdrage_id"].map(lambda i: teksten.get(i, f"Oplossing {i}"))
    uit["aspect_label"] = uit["aspect"].map(ASPECT_LABELS)
    laag = uit[uit["aspect"].isin([GELIJKHEID, KWETSBAREN]) & (uit["gemiddelde"] <= GRENS)]
    uit["gemarkeerd"] = uit["bijdrage_id"].isin(set(laag["bijdrage_id"]))
    uit["_volgorde"] = uit["aspect"].map({a: i for i, a in enumerate(DUBBELCHECK_ASPECTEN)})
    uit = uit.sort_values(["bijdrage_id", "_volgorde"], kind="stable")
    return uit[list(MATRIX_KOLOMMEN)].reset_index(drop=True)


def signalen(matrix_df: pd.DataFrame) -> pd.DataFrame:
    """Per solution: means on equity and reach, whether it is flagged, and why (Dutch)."""
    import pandas as pd

    kolommen = ["bijdrage_id", "oplossing", "gezondheidsgelijkheid", "kwetsbaren", "gemarkeerd", "reden"]
    if matrix_df.empty:
        return pd.DataFrame(columns=kolommen)
    rijen = []
    for (bid, tekst), groep in matrix_df.groupby(["bijdrage_id", "oplossing"], sort=False):
        scores = dict(zip(groep["aspect"], groep["gemiddelde"], strict=True))
        g, k = scores.get(GELIJKHEID), scores.get(KWETSBAREN)
        redenen = []
        if g is not None and g <= GRENS:
            redenen.append(f"scoort laag op gezondheidsgelijkheid ({g:.1f})")
        if k is not None and k <= GRENS:
            redenen.append(f"bereikt de meest kwetsbare inwoners onvoldoende ({k:.1f})")
        rijen.append(
            {
                "bijdrage_id": bid,
                "oplossing": tekst,
                "gezondheidsgelijkheid": g,
                "kwetsbaren": k,
                "gemarkeerd": bool(redenen),
                "reden": "; ".join(redenen),
            }
        )
    return pd.DataFrame(rijen, columns=kolommen)


__all__ = [
    "ASPECT_LABELS",
    "DUBBELCHECK_ASPECTEN",
    "GRENS",
    "KWETSBAREN",
    "KWETSBAREN_VRAAG",
    "dubbelcheck_onderwerp",
    "lees_onderwerp",
    "matrix",
    "signalen",
]
