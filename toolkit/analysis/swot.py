"""SWOT and its confrontatiematrix (seed 003, section 8.4, Tabel 4)."""

from __future__ import annotations

import pandas as pd

from toolkit import model


def per_kwadrant(swot: pd.DataFrame) -> dict[str, list[str]]:
    """The texts per quadrant (sterkte, zwakte, kans, bedreiging), most voted first."""
    uit: dict[str, list[str]] = {k: [] for k in model.KWADRANTEN}
    if swot.empty:
        return uit
    sorteer = ["stemmen", "id"] if "stemmen" in swot.columns else ["id"]
    oplopend = [False, True] if len(sorteer) == 2 else [True]
    for _i, rij in swot.sort_values(sorteer, ascending=oplopend, kind="stable").iterrows():
        uit[rij["kwadrant"]].append(rij["tekst"])
    return uit


def tabel(swot: pd.DataFrame) -> pd.DataFrame:
    """The 2x2 as a table: rows intern/extern, columns positief/negatief, cells the texts joined."""
    k = per_kwadrant(swot)

    def cel(kwadrant: str) -> str:
        return "\n".join(f"• {t}" for t in k[kwadrant])

    return pd.DataFrame(
        {"positief": [cel("sterkte"), cel("kans")], "negatief": [cel("zwakte"), cel("bedreiging")]},
        index=pd.Index(["intern", "extern"], name=""),
    )


CONFRONTATIE_KOLOMMEN = ("soort", "intern_tekst", "extern_tekst", "strategie", "stemmen")
#: Reading order of the confrontatiematrix.
STRATEGIE_VOLGORDE: tuple[str, ...] = tuple(model.CONFRONTATIES)
#: The same labels as the Word document: one pair of words per strategy (``model.CONFRONTATIES``).
STRATEGIE_LABELS: dict[str, str] = {soort: model.confrontatie_label(soort) for soort in model.CONFRONTATIES}


def confrontaties(confrontaties: pd.DataFrame, swot: pd.DataFrame | None = None) -> pd.DataFrame:
    """Strategies labelled S-O/S-T/W-O/W-T with both texts, in matrix order then by votes.

    Uses the ``soort``/``intern_tekst``/``extern_tekst`` columns of
    :func:`toolkit.analysis.frames.laad_frames`, or derives them from ``swot``.
    """
    if confrontaties.empty:
        return pd.DataFrame(columns=list(CONFRONTATIE_KOLOMMEN))
    df = confrontaties.copy()
    if "soort" not in df.columns and swot is not None:
        items = {
            int(r["id"]): model.SwotItem(kwadrant=r["kwadrant"], tekst=r["tekst"])
            for _i, r in swot.iterrows()
        }
        df["soort"] = [
            model.confrontatie_soort(items[i], items[e]) if i in items and e in items else ""
            for i, e in zip(df["intern_id"], df["extern_id"], strict=True)
        ]
        df["intern_tekst"] = df["intern_id"].map(lambda i: items[i].tekst if i in items else "")
        df["extern_tekst"] = df["extern_id"].map(lambda i: items[i].tekst if i in items else "")
    if "stemmen" not in df.columns:
        df["stemmen"] = 0
    df["_volgorde"] = (
        df["soort"].map({s: i for i, s in enumerate(STRATEGIE_VOLGORDE)}).fillna(len(STRATEGIE_VOLGORDE))
    )
    df = df.sort_values(["_volgorde", "stemmen"], ascending=[True, False], kind="stable")
    return df[list(CONFRONTATIE_KOLOMMEN)].reset_index(drop=True)


__all__ = ["STRATEGIE_LABELS", "STRATEGIE_VOLGORDE", "confrontaties", "per_kwadrant", "tabel"]
