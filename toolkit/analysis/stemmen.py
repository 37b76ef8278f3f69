"""Dot-vote tallies and rankings of bijdragen (and of swot items, stips, strategies).

Work on a frame with a ``stemmen`` column, as :func:`toolkit.analysis.frames.laad_frames`
gives for bijdragen, swot, stip and confrontaties.
"""

from __future__ import annotations

import pandas as pd

from toolkit import model

RANKING_KOLOMMEN = ("id", "tekst", "stemmen", "rang", "thema", "cluster", "kolom")
PROBLEEM_WERKVORMEN = model.PROBLEEM_WERKVORMEN
OPLOSSING_WERKVORMEN = model.OPLOSSING_WERKVORMEN


def op_rang(df: pd.DataFrame) -> pd.DataFrame:
    """Rows in the order of :func:`toolkit.model.rang`: most ``stemmen`` first, lowest ``id`` on a tie."""
    if df.empty:
        return df
    sleutels = [model.rang(n, i) for n, i in zip(df["stemmen"], df["id"], strict=True)]
    return df.iloc[sorted(range(len(df)), key=sleutels.__getitem__)]


def uit_werkvormen(bijdragen: pd.DataFrame, werkvormen: tuple[str, ...]) -> pd.DataFrame:
    """The bijdragen written in onderdelen of these werkvormen (e.g. :data:`PROBLEEM_WERKVORMEN`)."""
    if "werkvorm" not in bijdragen.columns:
        return bijdragen.iloc[0:0]
    return bijdragen[bijdragen["werkvorm"].isin(werkvormen)].reset_index(drop=True)


def ranking(df: pd.DataFrame, *, top: int | None = None, tekst: str = "tekst") -> pd.DataFrame:
    """Entries by votes, most first (ties keep the oldest first), with a dense ``rang`` 1, 2, ...

    ``tekst`` names the column with the label (``strategie`` for confrontaties).
    """
    kolommen = [k for k in RANKING_KOLOMMEN if k in df.columns or k == "rang"]
    if tekst != "tekst" and tekst in df.columns:
        df = df.assign(tekst=df[tekst])
        kolommen = ["tekst" if k == "tekst" else k for k in kolommen]
    if df.empty:
        return pd.DataFrame(columns=kolommen)
    uit = op_rang(df).copy()
    uit["rang"] = uit["stemmen"].rank(method="dense", ascending=False).astype(int)
    uit = uit[kolommen].reset_index(drop=True)
    return uit.head(top) if top is not None else uit


def telling_per(df: pd.DataFrame, kolom: str, *, leeg: str = "(geen)") -> pd.DataFrame:
    """Votes and entries per theme, cluster or column: ``kolom``, ``stemmen``, ``bijdragen``.

    Entries without a value are grouped under ``leeg``; most votes first.
    """
    if df.empty:
        return pd.DataFrame(columns=[kolom, "stemmen", "bijdragen"])
    sleutel = df[kolom].fillna("").replace("", leeg)
    uit = (
        df.assign(**{kolom: sleutel})
        .groupby(kolom, sort=False)
        .agg(stemmen=("stemmen", "sum"), bijdragen=("id", "count"))
        .reset_index()
        .sort_values(["stemmen", "bijdragen"], ascending=False, kind="stable")
        .reset_index(drop=True)
    )
    uit["stemmen"] = uit["stemmen"].astype(int)
    return uit


def per_thema(df: pd.DataFrame) -> pd.DataFrame:
    """Votes per theme of seed 003 (entries the facilitator has not tagged: '(geen)')."""
    return telling_per(df, "thema")


def per_cluster(df: pd.DataFrame) -> pd.DataFrame:
    """Votes per cluster the facilitator made on the wall."""
    return telling_per(df, "cluster")


def stemmers(stemmen: pd.DataFrame) -> int:
    """How many different participants voted at all."""
    return int(stemmen["deelnemer_id"].nunique()) if not stemmen.empty else 0


__all__ = [
    "OPLOSSING_WERKVORMEN",
    "PROBLEEM_WERKVORMEN",
    "per_cluster",
    "per_thema",
    "ranking",
    "stemmers",
    "telling_per",
    "uit_werkvormen",
]
