"""The charts of the visiedocument, rendered to PNG without a browser (Altair + vl-convert).

The drawing itself lives in :mod:`toolkit.charts` (the wand shows the same pictures); this
module only picks the data per section and skips sections with nothing to draw, so the
document never shows an empty "Nog geen gegevens" chart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from toolkit import charts
from toolkit.analysis import dubbelcheck as dubbelcheck_analyse
from toolkit.analysis import netwerk as netwerk_analyse
from toolkit.analysis import stemmen as stemmen_analyse
from toolkit.analysis.frames import Frames


def _deelnemers(frames: Frames, context: dict[str, Any]) -> Any:
    return charts.deelnemers(frames.deelnemers) if not frames.deelnemers.empty else None


def _netwerk(frames: Frames, context: dict[str, Any]) -> Any:
    if frames.relaties.empty:
        return None
    g = netwerk_analyse.bouw_netwerk(frames.relaties, frames.deelnemers, frames.stakeholders)
    if g.number_of_edges() == 0:
        return None
    return charts.netwerk(*netwerk_analyse.knopen_en_lijnen(g))


def _problemen(frames: Frames, context: dict[str, Any]) -> Any:
    rijen = [i for groep in context["problemen"]["themas"] for i in groep["items"]]
    if not any(r["stemmen"] for r in rijen):
        return None
    df = stemmen_analyse.ranking(pd.DataFrame(rijen))
    return charts.ranking(df, titel="De problemen met de meeste stippen")


def _dubbelcheck(frames: Frames, context: dict[str, Any]) -> Any:
    matrix = dubbelcheck_analyse.matrix(frames.antwoorden, frames.bijdragen)
    return charts.dubbelcheck(matrix) if not matrix.empty else None


def _stakeholders(frames: Frames, context: dict[str, Any]) -> Any:
    return charts.stakeholderkaart(frames.stakeholders) if not frames.stakeholders.empty else None


def _horizon(frames: Frames, context: dict[str, Any]) -> Any:
    return charts.tijdlijn(frames.mijlpalen) if not frames.mijlpalen.empty else None


#: Section -> builder of its chart (None when there is nothing to draw).
BOUWERS: dict[str, Callable[[Frames, dict[str, Any]], Any]] = {
    "deelnemers": _deelnemers,
    "netwerk": _netwerk,
    "problemen": _problemen,
    "dubbelcheck": _dubbelcheck,
    "stakeholders": _stakeholders,
    "horizon": _horizon,
}


def maak_figuren(
    frames: Frames,
    context: dict[str, Any],
    voortgang: Callable[[str], None] | None = None,
    mislukt: dict[str, str] | None = None,
) -> dict[str, bytes]:
    """PNG per section that has something to draw.

    A chart that cannot be drawn is left out (its section says so, see
    :data:`NIET_GETEKEND`) and named in ``mislukt`` with the reason; the others still come.
    """
    figuren: dict[str, bytes] = {}
    for sectie, bouwer in BOUWERS.items():
        try:
            chart = bouwer(frames, context)
            if chart is None:
                continue
            if voortgang:
                voortgang(f"grafiek {sectie}")
            figuren[sectie] = charts.naar_png(chart)
        except Exception as fout:  # noqa: BLE001 - one chart must not cost the document
            figuren[sectie] = NIET_GETEKEND
            if mislukt is not None:
                mislukt[sectie] = str(fout) or type(fout).__name__
            if voortgang:
                voortgang(f"grafiek {sectie} niet beschikbaar")
    return figuren


#: The value of a figure that could not be drawn: the section shows a line instead.
NIET_GETEKEND = b""


__all__ = ["BOUWERS", "NIET_GETEKEND", "maak_figuren"]
