"""A chart that cannot be drawn costs the chart, never the kernel (issue 14).

vl-convert 1.9 aborts its whole process (rc 134) on U+FFFF or U+FFFE in a label. Charts are
therefore drawn in a child process (:mod:`toolkit.tekenaar`) and every spec is cleaned first.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys

import pandas as pd
import pytest

from toolkit import charts
from toolkit.apps.basis import Sessie, maak_paneel
from toolkit.fouten import GrafiekFout
from toolkit.store import Wijzigingen
from toolkit.tekenaar import Tekenaar, tekenaar

ALLES = Wijzigingen(
    versie=0,
    ids={
        soort: frozenset()
        for soort in ("antwoord", "stakeholder", "relatie", "swot", "stip", "mijlpaal", "bijdrage", "actie")
        + ("afspraak", "stem", "onderdeel", "deelnemer", "confrontatie")
    },
)


def _kaart(naam: str) -> object:
    df = pd.DataFrame([{"naam": naam, "organisatie": "x", "domein": "zorg", "invloed": 3, "belang": 4}])
    return charts.stakeholderkaart(df, groot=True)


def _html(widget: object) -> str:
    uit = [widget.value] if hasattr(widget, "value") and isinstance(widget.value, str) else []
    return "\n".join(uit + [_html(k) for k in getattr(widget, "children", ())])


def test_renderer_breekt_het_proces_af_op_uffff_zonder_tekenaar() -> None:
    """The crash this module exists for, reproduced in a throwaway process (pins vl-convert's bug)."""
    spec = _kaart("Huisarts").to_json().replace("Huisarts", "Huis\\uffffarts")
    code = "import sys, vl_convert as v; v.vegalite_to_svg(sys.stdin.read())"
    uit = subprocess.run([sys.executable, "-c", code], input=spec.encode(), capture_output=True)
    if uit.returncode == 0:  # a newer vl-convert fixed it; the child process stays as a guard
        pytest.skip(f"vl-convert {_vl_versie()} no longer aborts on U+FFFF")
    assert uit.returncode == -signal.SIGABRT


def _vl_versie() -> str:
    from importlib.metadata import version

    return version("vl-convert-python")


def test_kapotte_grafiek_geeft_grafiekfout_en_de_volgende_grafiek_komt_gewoon() -> None:
    t = Tekenaar()
    try:
        spec = _kaart("Huisarts").to_json().replace("Huisarts", "Huis\\uffffarts")
        with pytest.raises(GrafiekFout, match="stopte onverwacht"):
            t.teken("svg", spec)
        assert "<svg" in t.teken("svg", _kaart("Huisarts").to_json()).decode()
        assert t.starts == 2
    finally:
        t.sluit()


def test_gestorven_tekenaar_wordt_herstart() -> None:
    t = Tekenaar()
    try:
        t.teken("svg", _kaart("A").to_json())
        assert t._proces is not None
        os.kill(t._proces.pid, signal.SIGKILL)
        t._proces.wait()
        assert t.teken("png", _kaart("B").to_json(), 1).startswith(b"\x89PNG")
        assert t.starts == 2
    finally:
        t.sluit()


def test_hangende_tekenaar_wordt_na_de_tijdslimiet_opgegeven() -> None:
    t = Tekenaar()
    try:
        t.teken("svg", _kaart("A").to_json())
        assert t._proces is not None
        t.tijdslimiet = 1
        os.kill(t._proces.pid, signal.SIGSTOP)  # a renderer stuck in a loop
        with pytest.raises(GrafiekFout, match="langer dan 1 s"):
            t.teken("svg", _kaart("B").to_json())
        t.tijdslimiet = 60  # a fresh worker needs its start-up time
        assert "<svg" in t.teken("svg", _kaart("C").to_json()).decode()
    finally:
        t.sluit()


@pytest.mark.parametrize("teken", ["\uffff", "\ufffe"])
def test_naar_svg_en_png_tekenen_een_naam_met_niet_teken(teken: str) -> None:
    """Cleaned on the way out, the chart draws; the label simply lacks the invisible character."""
    assert "Huisarts" in charts.naar_svg(_kaart(f"Huis{teken}arts"))
    assert charts.naar_png(_kaart(f"Huis{teken}arts"), 1).startswith(b"\x89PNG")


def _oude_gegevens_met(db_pad, teken: str) -> None:
    """Text that slipped in before the rule: written around the model, straight into SQLite."""
    with sqlite3.connect(db_pad) as conn:
        for tabel, kolom in (
            ("stakeholder", "naam"),
            ("relatie", "van"),
            ("relatie", "naar"),
            ("stip", "tekst"),
            ("mijlpaal", "tekst"),
            ("bijdrage", "tekst"),
            ("swot_item", "tekst"),
            ("actie", "wat"),
            ("afspraak", "tekst"),
            ("deelnemer", "organisatie"),
        ):
            conn.execute(f"UPDATE {tabel} SET {kolom} = {kolom} || ?", (teken,))


@pytest.mark.traag
def test_wand_en_regiekamer_leven_met_oude_niet_tekens_in_elke_werkvorm(demo) -> None:
    _oude_gegevens_met(demo.db_pad, "\uffff")
    starts = tekenaar().starts
    grafieken = 0
    for onderdeel in demo.store.onderdelen(demo.bijeenkomst.id):
        if onderdeel.invoer not in ("stakeholder", "relatie", "stip", "swot"):
            continue  # the kinds whose wand or regiekamer draws the text in a chart or table
        demo.regie.ga_naar(onderdeel.id)
        onderdeel = demo.store.onderdeel(onderdeel.id)
        for soort, sessie in (
            ("wand", Sessie(demo.store, demo.bijeenkomst)),
            ("regie", Sessie(demo.store, demo.bijeenkomst, regie=demo.regie)),
        ):
            paneel = maak_paneel(soort, sessie, onderdeel)
            paneel.ververs(ALLES)
            inhoud = _html(paneel.widget)
            assert charts.NIET_BESCHIKBAAR not in inhoud
            grafieken += inhoud.count("<svg")
            paneel.sluit()
    assert grafieken >= 4
    assert tekenaar().starts - starts <= 1, "the renderer never crashed"


def test_grafiek_die_niet_lukt_toont_niet_beschikbaar_en_de_wand_leeft(demo, monkeypatch) -> None:
    """A spec that makes the renderer abort (as if a new crash appeared): a line, and the page lives."""
    kapot = _kaart("Huisarts").to_json().replace("Huisarts", "Huis\\uffffarts")
    monkeypatch.setattr("toolkit.charts._spec", lambda chart: kapot)
    [onderdeel] = [o for o in demo.store.onderdelen(demo.bijeenkomst.id) if o.invoer == "stakeholder"]
    demo.regie.ga_naar(onderdeel.id)
    paneel = maak_paneel("wand", Sessie(demo.store, demo.bijeenkomst), demo.store.onderdeel(onderdeel.id))
    paneel.ververs(ALLES)
    inhoud = _html(paneel.widget)
    assert charts.NIET_BESCHIKBAAR in inhoud
    assert "<svg" not in inhoud
    paneel.ververs(ALLES)  # and again: the page keeps working
