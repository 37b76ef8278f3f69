"""Shared layouts and styles (issue 15): alike widgets share one model, and changing one
widget's look never changes another's."""

from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as w

from toolkit.apps import ui

APPS = Path(__file__).resolve().parents[1] / "toolkit" / "apps"


def test_een_knop_verbergen_verbergt_geen_andere_knop():
    eerste, tweede = ui.knop("Versturen"), ui.knop("Annuleer")
    assert eerste.layout is tweede.layout and eerste.style is tweede.style
    ui.zet_layout(eerste, display="none")
    assert eerste.layout.display == "none"
    assert tweede.layout.display is None
    ui.zet_layout(eerste, display=None)
    assert eerste.layout is tweede.layout, "weer zichtbaar: terug op de gedeelde layout"


def test_een_eigen_layout_wordt_niet_voor_anderen_veranderd():
    eigen = w.Layout(width="100%")
    a, b = w.Text(layout=eigen), w.Text(layout=eigen)
    ui.zet_layout(a, display="none")
    assert a.layout.display == "none" and a.layout.width == "100%"
    assert b.layout.display is None


def test_een_gesloten_gedeelde_layout_wordt_opnieuw_gemaakt():
    layout = ui.gedeelde_layout(width="12em")
    layout.close()
    nieuw = ui.gedeelde_layout(width="12em")
    assert nieuw is not layout and nieuw.comm is not None and nieuw.width == "12em"


def test_alleen_zet_layout_verandert_een_layout():
    """A layout may be shared: ``widget.layout.display = ...`` would hide every widget that
    shares it. Pages change a look through ``ui.zet_layout``."""
    fout = []
    for pad in APPS.rglob("*.py"):
        if pad.name == "ui.py":
            continue
        for nr, regel in enumerate(pad.read_text().splitlines(), start=1):
            if re.search(r"\.layout\.\w+\s*=[^=]|zet_waarde\([^,]*\.layout\b", regel):
                fout.append(f"{pad.relative_to(APPS)}:{nr}: {regel.strip()}")
    assert fout == []
