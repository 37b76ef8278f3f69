"""Who was in the room: participants by domein and organisation (never by name)."""

from __future__ import annotations

import pandas as pd

from toolkit import model


def per_organisatie(deelnemers: pd.DataFrame) -> pd.DataFrame:
    """``domein``, ``domein_label``, ``organisatie``, ``aantal``; domeinen in fixed order."""
    kolommen = ["domein", "domein_label", "organisatie", "aantal"]
    if deelnemers.empty:
        return pd.DataFrame(columns=kolommen)
    uit = deelnemers.groupby(["domein", "organisatie"]).size().reset_index(name="aantal")
    uit["volgorde"] = uit["domein"].map({d: i for i, d in enumerate(model.DOMEINEN)})
    uit["domein_label"] = uit["domein"].map(model.DOMEIN_LABELS)
    uit = uit.sort_values(["volgorde", "aantal", "organisatie"], ascending=[True, False, True])
    return uit[kolommen].reset_index(drop=True)


def per_domein(deelnemers: pd.DataFrame) -> pd.DataFrame:
    """``domein``, ``domein_label``, ``aantal`` for every domein, also those with nobody."""
    tellingen = deelnemers["domein"].value_counts() if not deelnemers.empty else pd.Series(dtype=int)
    return pd.DataFrame(
        {
            "domein": list(model.DOMEINEN),
            "domein_label": [model.DOMEIN_LABELS[d] for d in model.DOMEINEN],
            "aantal": [int(tellingen.get(d, 0)) for d in model.DOMEINEN],
        }
    )


__all__ = ["per_domein", "per_organisatie"]
