"""Import of odd and hostile files: a Dutch message naming the limit or the encoding, never a
traceback, and all or nothing as always (issue 14)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests import kwade_bestanden as kwaad
from toolkit import importeer as imp
from toolkit.cli import cli
from toolkit.export.json import bijeenkomst_als_dict
from toolkit.importeer import ImportFout, importeer


def _importeer(standaard_zaal, pad: Path):
    store, b, sleutel = standaard_zaal.delen()
    return importeer(store, pad, code=b.code, sleutel=sleutel)


def _acties(standaard_zaal) -> list:
    store, b, _ = standaard_zaal.delen()
    return store.items("actie", b.id)


@pytest.mark.parametrize(
    ("maak", "scheiding"),
    [(kwaad.utf16, "\t"), (kwaad.utf16, ";"), (kwaad.cp1252, None)],
    ids=["utf16-tab", "utf16-puntkomma", "cp1252"],
)
def test_utf16_en_cp1252_worden_herkend(standaard_zaal, tmp_path: Path, maak, scheiding) -> None:
    pad = tmp_path / "acties.csv"
    maak(pad, scheiding=scheiding) if scheiding else maak(pad)
    resultaat = _importeer(standaard_zaal, pad)
    assert resultaat.aantallen == {"acties": 3}
    assert all("café" in a.wat for a in _acties(standaard_zaal))


@pytest.mark.parametrize(
    ("maak", "melding"),
    [
        (kwaad.utf8_met_los_cp1252_byte, r"regel 7, byte \d+: UTF-8 met losse tekens"),
        (kwaad.utf16_zonder_bom, "UTF-16 of UTF-32 zonder BOM"),
    ],
    ids=["utf8-met-cp1252-byte", "utf16-zonder-bom"],
)
def test_gemengde_codering_zegt_sla_op_als_utf8_en_leest_niets_in(standaard_zaal, tmp_path: Path, maak, melding) -> None:
    pad = maak(tmp_path / "acties.csv")
    with pytest.raises(ImportFout, match=melding) as info:
        _importeer(standaard_zaal, pad)
    assert "Sla het bestand op als UTF-8" in str(info.value)
    assert _acties(standaard_zaal) == []


def test_te_veel_rijen_in_csv_noemt_de_grens(standaard_zaal, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(imp, "MAX_RIJEN", 50)
    pad = kwaad.veel_rijen_csv(tmp_path / "acties.csv", 51)
    with pytest.raises(ImportFout, match="meer dan 50 rijen"):
        _importeer(standaard_zaal, pad)
    assert _acties(standaard_zaal) == []
    assert _importeer(standaard_zaal, kwaad.veel_rijen_csv(tmp_path / "acties.csv", 50)).aantallen == {"acties": 50}


def test_xlsx_wordt_gelezen_tot_de_echte_laatste_rij_ook_als_de_dimensie_liegt(standaard_zaal, tmp_path: Path) -> None:
    pad = kwaad.xlsx_met_rijen(tmp_path / "acties.xlsx", 40, dimensie="A1:E5")
    assert _importeer(standaard_zaal, pad).aantallen == {"acties": 40}
    assert len(_acties(standaard_zaal)) == 40


def test_xlsx_boven_de_rijgrens_stopt_tijdens_het_lezen(standaard_zaal, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(imp, "MAX_RIJEN", 100)
    gelezen = []
    echt = imp._begrensd

    def tel(rijen, teller):
        for rij in echt(rijen, teller):
            gelezen.append(rij)
            yield rij

    monkeypatch.setattr(imp, "_begrensd", tel)
    pad = kwaad.xlsx_met_rijen(tmp_path / "acties.xlsx", 5_000, dimensie="A1:E5")
    with pytest.raises(ImportFout, match="meer dan 100 rijen"):
        _importeer(standaard_zaal, pad)
    assert len(gelezen) <= 101, "reading stops at the limit, not after the whole sheet"
    assert _acties(standaard_zaal) == []


def test_te_groot_bestand_wordt_niet_gelezen(standaard_zaal, tmp_path: Path) -> None:
    pad = kwaad.te_groot(tmp_path / "acties.csv", imp.MAX_BESTAND + 1)
    with pytest.raises(ImportFout, match=r"Het bestand is 20,0 MB; Werkplaats leest bestanden tot 20,0 MB"):
        _importeer(standaard_zaal, pad)


def test_json_met_losse_surrogaat_wordt_ingelezen_met_een_vervangteken(demo, tmp_path: Path) -> None:
    bron = bijeenkomst_als_dict(demo.store, demo.bijeenkomst.id)
    pad = kwaad.json_met_losse_surrogaat(tmp_path / "bijeenkomst.json", bron)
    assert "\\ud800" in pad.read_text(encoding="utf-8")
    resultaat = importeer(demo.store, pad)
    nieuw = demo.store.bijeenkomst(resultaat.code)
    assert nieuw.titel == "Wijk Noord \ufffd start"
    assert demo.store.deelnemers(nieuw.id)[0].organisatie == "Praktijk \ufffd0"
    assert resultaat.aantallen["deelnemers"] == len(bron["deelnemers"])


@pytest.mark.parametrize(
    ("maak", "naam", "melding"),
    [
        (kwaad.diep_geneste_json, "bijeenkomst.json", "te diep genest"),
        (kwaad.reuzenveld_csv, "acties.csv", "geen leesbare CSV"),
        (kwaad.rommel, "acties.xlsx", "geen Excel-bestand"),
    ],
    ids=["diepe-json", "reuzenveld", "kapot-xlsx"],
)
def test_kwade_bestanden_geven_een_melding_geen_traceback(standaard_zaal, tmp_path: Path, maak, naam, melding) -> None:
    store, b, sleutel = standaard_zaal.delen()
    pad = maak(tmp_path / naam)
    uit = CliRunner().invoke(cli, ["import", str(pad), "--bijeenkomst", b.code, "--sleutel", sleutel])
    assert uit.exit_code == 2, uit.output
    assert "Traceback" not in uit.output and melding in uit.output
    assert _acties(standaard_zaal) == []


def test_json_met_te_veel_items_noemt_de_grens(demo, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(imp, "MAX_JSON_ITEMS", 10)
    pad = tmp_path / "bijeenkomst.json"
    pad.write_text(json.dumps(bijeenkomst_als_dict(demo.store, demo.bijeenkomst.id)), encoding="utf-8")
    with pytest.raises(ImportFout, match="hoogstens 10 in"):
        importeer(demo.store, pad)
