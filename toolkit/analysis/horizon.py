"""Stip op de horizon and the milestones back to the first 100 days (seed 004)."""

from __future__ import annotations

import pandas as pd

from toolkit.analysis.stemmen import op_rang

#: Near to far: the order in which a timeline reads (model.HORIZONNEN is far to near,
#: the order in which the room backcasts).
TIJDLIJN: tuple[str, ...] = ("100 dagen", "1 jaar", "2 jaar", "5 jaar", "10 jaar")


def tijdlijn(mijlpalen: pd.DataFrame) -> pd.DataFrame:
    """Milestones ordered near to far, with ``positie`` (0 = 100 dagen) and ``rij`` (stack index within a horizon)."""
    kolommen = ["horizon", "positie", "rij", "tekst"]
    if mijlpalen.empty:
        return pd.DataFrame(columns=kolommen)
    df = mijlpalen.assign(positie=mijlpalen["horizon"].map({h: i for i, h in enumerate(TIJDLIJN)}))
    df = df.dropna(subset=["positie"]).sort_values(["positie", "id"], kind="stable")
    df["positie"] = df["positie"].astype(int)
    df["rij"] = df.groupby("positie").cumcount()
    return df[kolommen].reset_index(drop=True)


def definitieve_stip(stip: pd.DataFrame) -> str:
    """The stip the room composed (the newest definitive one), or '' when there is none yet."""
    if stip.empty or "definitief" not in stip.columns:
        return ""
    gekozen = stip[stip["definitief"].astype(bool)]
    return str(gekozen.sort_values("id").iloc[-1]["tekst"]) if not gekozen.empty else ""


def uitspraken(stip: pd.DataFrame) -> pd.DataFrame:
    """The participants' vision statements (not the composed stip), most voted first."""
    if stip.empty:
        return stip
    df = stip[~stip["definitief"].astype(bool)]
    return op_rang(df).reset_index(drop=True)


__all__ = ["TIJDLIJN", "definitieve_stip", "tijdlijn", "uitspraken"]
