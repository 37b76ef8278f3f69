"""A bijeenkomst.json becomes a new bijeenkomst, or, when anything is wrong, nothing at all."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from toolkit.export.json import bijeenkomst_als_dict
from toolkit.importeer import ImportFout, importeer


@pytest.fixture
def bestand(demo, tmp_path: Path) -> dict[str, Any]:
    return bijeenkomst_als_dict(demo.store, demo.bijeenkomst.id)


def _schrijf(pad: Path, data: Any) -> Path:
    pad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return pad


def test_geimporteerde_bijeenkomst_houdt_verborgen_invoer_verborgen(
    demo, bestand: dict, tmp_path: Path
) -> None:
    resultaat = importeer(demo.store, _schrijf(tmp_path / "b.json", bestand))
    nieuw = demo.store.bijeenkomst(resultaat.code)
    zichtbaar = {b.tekst for b in demo.store.items("bijdrage", nieuw.id, alleen_zichtbaar=True)}
    alles = {b.tekst for b in demo.store.items("bijdrage", nieuw.id)}
    assert "Dit soort bijeenkomsten is zonde van de tijd" in alles - zichtbaar
    assert len(demo.store.stemmen(nieuw.id)) == len(demo.store.stemmen(demo.bijeenkomst.id))
    assert "Sleutel" in str(resultaat)


def _zet(pad: tuple, waarde: Any) -> Callable[[dict], None]:
    def wijzig(data: dict) -> None:
        doel = data
        for stap in pad[:-1]:
            doel = doel[stap]
        doel[pad[-1]] = waarde

    return wijzig


@pytest.mark.parametrize(
    ("wijziging", "plek", "woorden"),
    [
        (_zet(("formaat",), "werkplaats/0"), (None, "formaat"), "werkplaats/1"),
        (_zet(("swot", 2, "tekst"), 42), (3, "tekst"), "Past niet in het formaat"),
        (_zet(("deelnemers", 0, "domein"), "medisch"), (1, "domein"), "kies uit: zorg"),
        (_zet(("acties", 1, "wanneer"), "2027-13-45"), (2, "wanneer"), "geen datum"),
        (_zet(("bijdragen", 4, "onderdeel_id"), 99), (5, "onderdeel_id"), "niet in het bestand"),
        (_zet(("stakeholders", 0, "invloed"), 7), (1, "invloed"), "van 1 tot en met 5"),
    ],
    ids=["formaat", "schema", "domein", "datum", "verwijzing", "schaal"],
)
def test_elke_fout_in_de_json_noemt_zijn_plek_en_niets_komt_binnen(
    demo, bestand: dict, tmp_path: Path, wijziging: Callable[[dict], None], plek: tuple, woorden: str
) -> None:
    wijziging(bestand)
    voor = len(demo.store.bijeenkomsten())
    with pytest.raises(ImportFout) as info:
        importeer(demo.store, _schrijf(tmp_path / "b.json", bestand))
    probleem = info.value.problemen[0]
    assert (probleem.rij, probleem.kolom) == plek
    assert woorden in probleem.melding
    assert len(demo.store.bijeenkomsten()) == voor


def test_kapotte_json_zegt_dat_het_geen_json_is(demo, tmp_path: Path) -> None:
    pad = tmp_path / "kapot.json"
    pad.write_text('{"formaat": "werkplaats/1", ', encoding="utf-8")
    with pytest.raises(ImportFout, match="Geen geldige JSON"):
        importeer(demo.store, pad)
