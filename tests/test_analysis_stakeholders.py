"""Stakeholderkaart: name merging, quadrants and who is missing at the table (seed 004)."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.analysis import stakeholders as sh


def _kaart(*rijen: tuple) -> pd.DataFrame:
    return pd.DataFrame(
        [{"naam": n, "organisatie": o, "domein": d, "invloed": i, "belang": b} for n, o, d, i, b in rijen]
    )


@pytest.mark.parametrize("naam", ["GGD", "ggd ", "G.G.D.", " g g d", "Ggd"])
def test_schrijfwijzen_van_de_ggd_krijgen_dezelfde_sleutel(naam):
    assert sh.normaliseer_naam(naam) in ("ggd", "g g d")


def test_near_duplicates_worden_een_stakeholder_met_gemiddelde_positie():
    kaart = _kaart(
        ("GGD", "GGD Regio", "zorg", 4, 3),
        ("ggd ", "", "zorg", 4, 4),
        ("G.G.D.", "GGD Regio", "zorg", 5, 5),
        ("GGD", "", "zorg", 3, 4),
        ("Wethouder", "Gemeente", "gemeente", 5, 2),
    )
    samen = sh.voeg_samen(kaart)
    assert list(samen["naam"]) == ["GGD", "Wethouder"]
    ggd = samen.iloc[0]
    assert ggd["aantal"] == 4
    assert ggd["invloed"] == pytest.approx(4.0)
    assert ggd["belang"] == pytest.approx(4.0)
    assert ggd["organisatie"] == "GGD Regio"
    assert ggd["kwadrant"] == "nauw betrekken"
    assert set(ggd["spellingen"]) == {"GGD", "ggd", "G.G.D."}


@pytest.mark.parametrize(
    ("invloed", "belang", "kwadrant"),
    [
        (5, 5, "nauw betrekken"),
        (3.5, 3.1, "nauw betrekken"),
        (4, 3, "tevreden houden"),
        (3, 4, "informeren"),
        (3, 3, "monitoren"),
        (1, 1, "monitoren"),
    ],
)
def test_kwadrant_hoog_is_boven_drie(invloed, belang, kwadrant):
    assert sh.kwadrant(invloed, belang) == kwadrant


def test_wie_ontbreekt_noemt_de_rollen_van_seed_004_die_niet_op_de_kaart_staan():
    kaart = _kaart(
        ("Huisartsenpraktijk De Linde", "", "zorg", 4, 4),
        ("Buurtzorg Noord", "", "zorg", 3, 4),
        ("Wethouder zorg", "Gemeente Rivierstad", "gemeente", 5, 4),
        ("Sociaal wijkteam", "", "sociaal", 4, 5),
    )
    assert sh.wie_ontbreekt(kaart) == ["inwoners", "zorgverzekeraar", "welzijn"]


def test_een_rol_telt_ook_via_het_domein():
    kaart = _kaart(("Mevrouw Jansen", "", "inwoner", 2, 5), ("CZ", "", "verzekeraar", 5, 2))
    assert "inwoners" not in sh.wie_ontbreekt(kaart)
    assert "zorgverzekeraar" not in sh.wie_ontbreekt(kaart)


def test_lege_kaart_mist_iedereen_en_voegt_niets_samen():
    leeg = _kaart()
    assert sh.wie_ontbreekt(leeg) == [r.naam for r in sh.ROLLEN]
    assert sh.voeg_samen(leeg).empty
    assert "kwadrant" in sh.voeg_samen(leeg).columns
