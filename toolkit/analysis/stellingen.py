"""Stellingen (visievorming, seed 003): how the room answered, and where it disagrees.

Answers are 1 (oneens) to 5 (eens). The stellingen with the most spread (standard
deviation) are the ones worth discussing: there the room does not yet share a view.
"""

from __future__ import annotations

import pandas as pd

from toolkit.analysis.onderwerpen import lees_onderwerp

#: Labels of the 5-point scale, 1..5.
SCHAAL_LABELS: tuple[str, ...] = ("helemaal oneens", "oneens", "neutraal", "eens", "helemaal eens")
#: Below this standard deviation the room broadly agrees, however it ranks.
MIN_SPREIDING = 1.0
SPREIDING_KOLOMMEN = (
    "stelling",
    "n",
    "gemiddelde",
    "sd",
    "aandeel_oneens",
    "aandeel_neutraal",
    "aandeel_eens",
    "bespreken",
)


def stelling_antwoorden(antwoorden: pd.DataFrame) -> pd.DataFrame:
    """Only the stelling answers (not the dubbelcheck scores), with the stelling in ``stelling``."""
    if antwoorden.empty:
        return antwoorden.assign(stelling=pd.Series(dtype=object))
    is_stelling = antwoorden["onderwerp"].map(lambda o: lees_onderwerp(o) is None)
    if "invoer" in antwoorden.columns:
        is_stelling &= antwoorden["invoer"].fillna("stelling").eq("stelling")
    return antwoorden[is_stelling].assign(stelling=lambda d: d["onderwerp"])


def spreiding(
    antwoorden: pd.DataFrame, *, bespreken: int = 2, volgorde: list[str] | None = None
) -> pd.DataFrame:
    """Per stelling: ``n``, ``gemiddelde``, ``sd`` (population, ddof=0), shares oneens (1-2),
    neutraal (3) and eens (4-5), and ``bespreken``: among the ``bespreken`` most spread, with an
    sd of at least :data:`MIN_SPREIDING` (where everyone roughly agrees there is nothing to discuss).

    Rows follow ``volgorde`` (the onderdeel's stellingen) or first appearance.
    """
    df = stelling_antwoorden(antwoorden)
    if df.empty:
        return pd.DataFrame(columns=list(SPREIDING_KOLOMMEN))
    rijen = []
    for stelling, groep in df.groupby("stelling", sort=False):
        w = groep["waarde"].astype(float)
        rijen.append(
            {
                "stelling": stelling,
                "n": len(w),
                "gemiddelde": float(w.mean()),
                "sd": float(w.std(ddof=0)),
                "aandeel_oneens": float((w <= 2).mean()),
                "aandeel_neutraal": float((w == 3).mean()),
                "aandeel_eens": float((w >= 4).mean()),
            }
        )
    uit = pd.DataFrame(rijen)
    top = (
        uit[uit["sd"] >= MIN_SPREIDING]
        .sort_values("sd", ascending=False, kind="stable")
        .head(bespreken)
        .index
    )
    uit["bespreken"] = uit.index.isin(top)
    if volgorde:
        rang = {s: i for i, s in enumerate(volgorde)}
        uit = uit.sort_values(
            "stelling", key=lambda s: s.map(lambda x: rang.get(x, len(rang))), kind="stable"
        )
    return uit[list(SPREIDING_KOLOMMEN)].reset_index(drop=True)


def verdeling(antwoorden: pd.DataFrame) -> pd.DataFrame:
    """Counts per stelling and scale point, for the diverging chart: ``stelling``, ``waarde``,
    ``label``, ``aantal``, ``aandeel`` (every point 1-5, also those nobody chose)."""
    kolommen = ["stelling", "waarde", "label", "aantal", "aandeel"]
    df = stelling_antwoorden(antwoorden)
    if df.empty:
        return pd.DataFrame(columns=kolommen)
    rijen = []
    for stelling, groep in df.groupby("stelling", sort=False):
        telling = groep["waarde"].value_counts()
        for waarde in range(1, 6):
            aantal = int(telling.get(waarde, 0))
            rijen.append(
                {
                    "stelling": stelling,
                    "waarde": waarde,
                    "label": SCHAAL_LABELS[waarde - 1],
                    "aantal": aantal,
                    "aandeel": aantal / len(groep),
                }
            )
    return pd.DataFrame(rijen, columns=kolommen)


__all__ = ["MIN_SPREIDING", "SCHAAL_LABELS", "spreiding", "stelling_antwoorden", "verdeling"]
