"""The actielijst in Excel and CSV, the network for Kumu and the whole bijeenkomst as JSON.

Read back the way their users open them: openpyxl (Excel), pandas (a CSV in Dutch Excel),
the JSON Schema shipped in the package, and a round trip through ``werkplaats import``.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import jsonschema
import pandas as pd
import pytest
from openpyxl import load_workbook

from toolkit.export import exporteer
from toolkit.export import json as json_export
from toolkit.importeer import importeer
from toolkit.store import Store

SCHEMA = Path(__file__).resolve().parents[1] / "toolkit" / "schema" / "bijeenkomst.schema.json"


@pytest.fixture
def bestanden(demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo's outputs without charts (the Word tests draw them): only the tables matter here."""
    monkeypatch.setattr("toolkit.export.figuren.maak_figuren", lambda *a, **k: {})
    exporteer(demo.store, demo.code, tmp_path / "uit")
    return tmp_path / "uit"


def test_actielijst_xlsx_is_een_echte_excel_tabel_met_filters_en_datums(demo, bestanden: Path) -> None:
    boek = load_workbook(bestanden / "actielijst.xlsx")
    blad = boek["Acties"]
    assert [c.value for c in blad[1]] == ["Wat", "Wie", "Wanneer", "Thema", "Status"]
    tabel = blad.tables["Acties"]
    assert tabel.ref == "A1:E5"
    assert tabel.autoFilter is not None
    acties = demo.store.items("actie", demo.bijeenkomst.id)
    wanneer = {r[0].value: r[2].value for r in blad.iter_rows(min_row=2)}
    for actie in acties:
        assert isinstance(wanneer[actie.wat], datetime)
        assert wanneer[actie.wat].date() == actie.wanneer
    assert blad["C2"].number_format == "dd-mm-yyyy"
    assert "Afspraken" in boek.sheetnames and boek["Afspraken"].tables["Afspraken"]


def test_actielijst_csv_opent_in_nederlandse_excel(demo, bestanden: Path) -> None:
    ruw = (bestanden / "actielijst.csv").read_bytes()
    assert ruw.startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(bestanden / "actielijst.csv", sep=";", encoding="utf-8-sig")
    assert list(df.columns) == ["wat", "wie", "wanneer", "thema", "status"]
    acties = {a.wat: a for a in demo.store.items("actie", demo.bijeenkomst.id)}
    assert set(df["wat"]) == set(acties)
    for _, rij in df.iterrows():
        assert date.fromisoformat(rij["wanneer"]) == acties[rij["wat"]].wanneer
        assert rij["wie"] == acties[rij["wat"]].wie


def test_netwerk_xlsx_heeft_kumu_indeling(demo, bestanden: Path) -> None:
    boek = load_workbook(bestanden / "netwerk.xlsx")
    assert boek.sheetnames == ["Elements", "Connections"]
    elementen = list(boek["Elements"].iter_rows(values_only=True))
    connecties = list(boek["Connections"].iter_rows(values_only=True))
    assert elementen[0][:2] == ("Label", "Type")
    assert connecties[0][:3] == ("From", "To", "Strength")
    labels = {r[0]: r[1] for r in elementen[1:]}
    assert labels["Gemeente Lindenveen"] == "gemeente"
    assert labels["Huisartsenpraktijk De Horst"] == "zorg"
    for van, naar, sterkte, frequentie, _overleg in connecties[1:]:
        assert van in labels and naar in labels
        assert sterkte > 0 and frequentie != "nooit"


def test_bijeenkomst_json_past_in_het_meegeleverde_schema(demo, bestanden: Path) -> None:
    data = json.loads((bestanden / "bijeenkomst.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert data["formaat"] == "werkplaats/1"
    assert any(not b["zichtbaar"] for b in data["bijdragen"])  # kept, with its flag, for a lossless import
    assert data["persoonsgegevens"]


def _zonder_code(data: dict) -> dict:
    return {**data, "bijeenkomst": {k: v for k, v in data["bijeenkomst"].items() if k != "code"}}


def test_json_heen_en_terug_geeft_dezelfde_inhoud(demo, bestanden: Path) -> None:
    resultaat = importeer(demo.store, bestanden / "bijeenkomst.json")
    assert resultaat.code and resultaat.code != demo.code and resultaat.sleutel
    nieuw = demo.store.bijeenkomst(resultaat.code)
    demo.store.regie(resultaat.code, resultaat.sleutel)  # the new key opens the regiekamer
    eerst = json.loads((bestanden / "bijeenkomst.json").read_text(encoding="utf-8"))
    daarna = json_export.bijeenkomst_als_dict(demo.store, nieuw.id)
    assert _zonder_code(json.loads(json.dumps(daarna))) == _zonder_code(eerst)
    assert resultaat.aantallen["acties"] == 4


def test_lege_bijeenkomst_exporteert_lege_maar_geldige_tabellen(store: Store, tmp_path: Path) -> None:
    b, _ = store.nieuwe_bijeenkomst("Nog niets gebeurd")
    exporteer(store, b.code, tmp_path)
    blad = load_workbook(tmp_path / "actielijst.xlsx")["Acties"]
    assert [c.value for c in blad[1]] == ["Wat", "Wie", "Wanneer", "Thema", "Status"]
    assert pd.read_csv(tmp_path / "actielijst.csv", sep=";", encoding="utf-8-sig").empty
    jsonschema.validate(
        json.loads((tmp_path / "bijeenkomst.json").read_text()), json.loads(SCHEMA.read_text())
    )
