"""The load generator of ``benchmarks/zaal.py`` keeps working: a short meeting of 8 phones.

Eight simulated phones (the widget protocol, no browser each), the wand and the regiekamer in
Chromium play a short meeting. Only what must be exact is asserted: everyone joined, nothing
was lost, the dots are counted and the wand's ranking is right, every phone followed
'Volgende'. The figures themselves come from running the benchmark, never from a test.
"""

from __future__ import annotations

import importlib.util
import math
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytestmark = pytest.mark.traag

DEELNEMERS = 8
VOILA_JS = "/voila/static/voila.js"


def _zaal():
    pad = Path(__file__).resolve().parents[2] / "benchmarks" / "zaal.py"
    spec = importlib.util.spec_from_file_location("benchmarks_zaal", pad)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def vergadering():
    zaal = _zaal()
    if not Path(zaal.CHROMIUM).exists():
        pytest.skip(f"{zaal.CHROMIUM} ontbreekt")
    # in its own thread: the browser tests keep a session-wide Playwright loop in this one
    with ThreadPoolExecutor(1) as draad:
        fasen = zaal.Fasen.kort()
        fasen.bestanden = [VOILA_JS]  # as --met-bestanden: each phone also fetches what a browser would
        return draad.submit(zaal.uitvoeren, DEELNEMERS, fasen, kaal=False).result()


def test_elke_telefoon_haalde_ook_wat_een_browser_bij_het_eerste_bezoek_haalt(vergadering):
    assert vergadering.bestanden_per_telefoon == 1


def test_alle_telefoons_doen_mee_en_zien_het_invoerveld(vergadering):
    assert vergadering.join_mislukt == 0, vergadering.fouten_telefoons
    assert len(vergadering.join) == DEELNEMERS
    assert math.isfinite(vergadering.echte_telefoon_s)  # the real phone in Chromium joined too


def test_iedere_bijdrage_staat_in_de_opslag_en_op_de_wand(vergadering):
    assert vergadering.verstuurd >= 2 * DEELNEMERS, vergadering.fouten_telefoons
    assert vergadering.in_store == vergadering.verstuurd
    assert vergadering.op_wand == vergadering.verstuurd
    assert len(vergadering.opslaan) == vergadering.verstuurd


def test_iedere_stip_telt_en_de_wand_toont_de_juiste_ranking(vergadering):
    assert vergadering.stippen_gezet == 3 * DEELNEMERS, vergadering.fouten_telefoons
    assert vergadering.stippen_in_store == vergadering.stippen_gezet
    assert vergadering.ranking_goed, vergadering.ranking_verschil


def test_iedere_telefoon_volgt_de_procesbegeleider_naar_de_volgende_stap(vergadering):
    assert vergadering.stap_gemist == 0, vergadering.fouten_telefoons
    assert len(vergadering.stap) == DEELNEMERS


def test_de_server_zette_de_warme_zaal_voor_de_storm_buiten_de_opruimer(vergadering):
    assert vergadering.bevroren_voor_storm


def test_geen_telefoon_liep_vast(vergadering):
    assert vergadering.fouten_telefoons == []
