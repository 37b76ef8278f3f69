"""Network analysis on small graphs whose figures can be checked by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.analysis import netwerk


def _deelnemers(*paren: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame([{"organisatie": o, "domein": d} for o, d in paren])


def _relaties(*rijen: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame([{"van": a, "naar": b, "frequentie": f, "overlegvorm": ""} for a, b, f in rijen])


@pytest.fixture
def wijk():
    """Two huisartsen (zorg), a sociaal team and a gemeente; 3 of 6 possible pairs in contact.

    zorg<->sociaal side: 2 x 2 = 4 possible pairs, 1 present (Linde - Sociaal Team).
    """
    deelnemers = _deelnemers(
        ("Praktijk Linde", "zorg"),
        ("Praktijk Eik", "zorg"),
        ("Sociaal Team", "sociaal"),
        ("Gemeente", "gemeente"),
    )
    relaties = _relaties(
        ("Praktijk Linde", "Praktijk Eik", "wekelijks"),
        ("Praktijk Linde", "Sociaal Team", "maandelijks"),
        ("Sociaal Team", "Gemeente", "dagelijks"),
        ("Praktijk Eik", "Gemeente", "nooit"),
    )
    return netwerk.bouw_netwerk(relaties, deelnemers)


def test_dichtheid_is_aandeel_van_mogelijke_paren(wijk):
    assert netwerk.dichtheid(wijk) == pytest.approx(3 / 6)


def test_dichtheid_tussen_zorg_en_sociaal_telt_alleen_paren_over_de_grens(wijk):
    assert netwerk.dichtheid_tussen(wijk, netwerk.ZORG, netwerk.SOCIAAL) == pytest.approx(1 / 4)
    assert netwerk.dichtheid_tussen(wijk, {"zorg"}, {"zorg"}) == pytest.approx(1.0)


def test_nooit_geeft_geen_lijn_en_frequentie_wordt_gewicht(wijk):
    assert not wijk.has_edge("Praktijk Eik", "Gemeente")
    assert wijk.edges["Praktijk Linde", "Praktijk Eik"]["gewicht"] == 52


def test_ontbrekende_zorg_sociaal_paren(wijk):
    assert netwerk.ontbrekende_paren(wijk) == [
        ("Praktijk Eik", "Gemeente"),
        ("Praktijk Eik", "Sociaal Team"),
        ("Praktijk Linde", "Gemeente"),
    ]


def test_organisaties_zonder_brug_naar_het_andere_domein(wijk):
    assert netwerk.zonder_brug(wijk) == ["Gemeente", "Praktijk Eik"]


def test_betweenness_van_een_pad_zit_in_het_midden():
    pad = netwerk.bouw_netwerk(_relaties(("a", "b", "wekelijks"), ("b", "c", "wekelijks")), _deelnemers())
    tabel = netwerk.centraliteit(pad).set_index("organisatie")
    assert tabel.loc["b", "betweenness"] == pytest.approx(1.0)
    assert tabel.loc["a", "betweenness"] == pytest.approx(0.0)
    assert tabel.loc["b", "degree"] == pytest.approx(1.0)
    assert netwerk.makelaars(pad) == ["b"]


def test_dichtheid_per_domeinpaar(wijk):
    tabel = netwerk.dichtheid_per_domeinpaar(wijk).set_index(["domein_a", "domein_b"])
    assert tabel.loc[("zorg", "sociaal"), "dichtheid"] == pytest.approx(1 / 2)
    assert tabel.loc[("zorg", "gemeente"), "contacten"] == 0
    assert tabel.loc[("sociaal", "gemeente"), "mogelijk"] == 1


def test_schrijfwijzen_van_een_organisatie_worden_een_knoop():
    g = netwerk.bouw_netwerk(
        _relaties(("Sociaal Team", "Praktijk", "wekelijks"), ("sociaal team ", "Welzijn", "maandelijks")),
        _deelnemers(("Sociaal Team", "sociaal"), ("Praktijk", "zorg")),
    )
    assert sorted(g.nodes) == ["Praktijk", "Sociaal Team", "Welzijn"]
    assert g.nodes["Welzijn"]["domein"] == "overig"


def test_domein_van_een_afwezige_organisatie_komt_van_de_stakeholderkaart():
    stakeholders = pd.DataFrame([{"naam": "Welzijn Noord", "organisatie": "", "domein": "sociaal"}])
    g = netwerk.bouw_netwerk(
        _relaties(("Praktijk", "Welzijn Noord", "jaarlijks")), _deelnemers(("Praktijk", "zorg")), stakeholders
    )
    assert g.nodes["Welzijn Noord"]["domein"] == "sociaal"


def test_meerdere_meldingen_van_een_paar_de_vaakste_telt():
    g = netwerk.bouw_netwerk(
        _relaties(("A", "B", "jaarlijks"), ("B", "A", "wekelijks"), ("A", "B", "nooit")), _deelnemers()
    )
    assert g.edges["A", "B"]["frequentie"] == "wekelijks"
    assert g.edges["A", "B"]["meldingen"] == 3


def test_layout_is_elke_keer_hetzelfde(wijk):
    assert netwerk.layout(wijk) == netwerk.layout(wijk)
    knopen, lijnen = netwerk.knopen_en_lijnen(wijk)
    assert {"organisatie", "domein", "x", "y"} <= set(knopen.columns)
    assert len(lijnen) == 3 and lijnen["tussen_domeinen"].sum() == 1


def test_leeg_netwerk_geeft_nullen():
    g = netwerk.bouw_netwerk(_relaties(), _deelnemers())
    assert netwerk.samenvatting(g)["dichtheid"] == 0.0
    assert netwerk.centraliteit(g).empty
    assert netwerk.knopen_en_lijnen(g)[0].empty
