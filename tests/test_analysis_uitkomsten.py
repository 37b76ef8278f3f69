"""Vote tallies, stelling spread, SWOT confrontation, dubbelcheck and the horizon timeline."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from toolkit.analysis import deelnemers, dubbelcheck, horizon, stellingen, stemmen, swot
from toolkit.analysis.onderwerpen import KWETSBAREN, dubbelcheck_onderwerp, lees_onderwerp
from toolkit.fouten import OngeldigeInvoer


@pytest.fixture
def bijdragen() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "id": 1,
                "tekst": "Wachttijden",
                "stemmen": 2,
                "thema": "kwaliteit van zorg",
                "cluster": "Toegang",
                "kolom": "",
            },
            {
                "id": 2,
                "tekst": "Contactpersoon",
                "stemmen": 5,
                "thema": "communicatie",
                "cluster": "Korte lijnen",
                "kolom": "",
            },
            {
                "id": 3,
                "tekst": "Terugkoppeling",
                "stemmen": 2,
                "thema": "communicatie",
                "cluster": "Korte lijnen",
                "kolom": "",
            },
            {"id": 4, "tekst": "Privacy", "stemmen": 0, "thema": "", "cluster": "", "kolom": ""},
        ]
    )


def test_ranking_meeste_stemmen_eerst_gelijke_stand_oudste_eerst(bijdragen):
    uit = stemmen.ranking(bijdragen)
    assert list(uit["id"]) == [2, 1, 3, 4]
    assert list(uit["rang"]) == [1, 2, 2, 3]
    assert list(stemmen.ranking(bijdragen, top=2)["tekst"]) == ["Contactpersoon", "Wachttijden"]


def test_stemmen_per_thema_en_per_cluster(bijdragen):
    per_thema = stemmen.per_thema(bijdragen).set_index("thema")
    assert per_thema.loc["communicatie", "stemmen"] == 7
    assert per_thema.loc["communicatie", "bijdragen"] == 2
    assert per_thema.loc["(geen)", "stemmen"] == 0
    assert stemmen.per_cluster(bijdragen).iloc[0]["cluster"] == "Korte lijnen"


def test_lege_ranking_houdt_kolommen():
    leeg = stemmen.ranking(pd.DataFrame(columns=["id", "tekst", "stemmen"]))
    assert leeg.empty and {"tekst", "stemmen", "rang"} <= set(leeg.columns)


def _antwoorden(per_onderwerp: dict[str, list[int]], invoer: str = "stelling") -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"onderwerp": o, "waarde": w, "invoer": invoer}
            for o, waarden in per_onderwerp.items()
            for w in waarden
        ]
    )


def test_spreiding_van_een_stelling_met_de_hand_berekend():
    uit = stellingen.spreiding(
        _antwoorden({"Verdeeld": [1, 5, 1, 5], "Eens": [4, 4, 5, 5], "Neutraal": [3, 3, 3, 3]})
    )
    rij = uit.set_index("stelling").loc["Verdeeld"]
    assert rij["gemiddelde"] == pytest.approx(3.0)
    assert rij["sd"] == pytest.approx(2.0)
    assert (rij["aandeel_oneens"], rij["aandeel_eens"]) == (0.5, 0.5)
    assert list(uit.loc[uit["bespreken"], "stelling"]) == ["Verdeeld"]
    assert uit.set_index("stelling").loc["Eens", "sd"] == pytest.approx(0.5)


def test_verdeling_heeft_alle_vijf_schaalpunten():
    uit = stellingen.verdeling(_antwoorden({"S": [1, 1, 5]}))
    assert list(uit["aantal"]) == [2, 0, 0, 0, 1]
    assert uit["aandeel"].sum() == pytest.approx(1.0)


def test_dubbelcheck_scores_tellen_niet_als_stelling():
    gemengd = pd.concat(
        [
            _antwoorden({"S": [2, 4]}),
            _antwoorden({dubbelcheck_onderwerp(7, "kosten"): [3]}, invoer="dubbelcheck"),
        ]
    )
    assert list(stellingen.spreiding(gemengd)["stelling"]) == ["S"]


@pytest.mark.parametrize("aspect", ["kosten", "gezondheidsgelijkheid", KWETSBAREN])
def test_onderwerp_van_de_dubbelcheck_heen_en_terug(aspect):
    assert lees_onderwerp(dubbelcheck_onderwerp(12, aspect)) == (12, aspect)


@pytest.mark.parametrize("onderwerp", ["Een stelling | met streep", "x|kosten", "12|onbekend", "12"])
def test_stelling_is_geen_dubbelcheck_onderwerp(onderwerp):
    assert lees_onderwerp(onderwerp) is None


def test_onbekend_aspect_geeft_nederlandse_melding():
    with pytest.raises(OngeldigeInvoer, match="Onbekend aspect 'geluk'"):
        dubbelcheck_onderwerp(1, "geluk")


def test_onderwerpen_laden_geen_pandas_op_de_telefoon():
    code = "import sys, toolkit.analysis.dubbelcheck, toolkit.analysis.onderwerpen; print('pandas' in sys.modules)"
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert uit.stdout.strip() == "False"


def test_dubbelcheck_matrix_markeert_oplossing_die_kwetsbaren_mist():
    antwoorden = _antwoorden(
        {
            dubbelcheck_onderwerp(1, "gezondheidsgelijkheid"): [4, 5],
            dubbelcheck_onderwerp(1, KWETSBAREN): [4, 4],
            dubbelcheck_onderwerp(2, "gezondheidsgelijkheid"): [3, 3],
            dubbelcheck_onderwerp(2, KWETSBAREN): [2, 3],
            dubbelcheck_onderwerp(3, "gezondheidsgelijkheid"): [2, 3],
            dubbelcheck_onderwerp(9, "kosten"): [5],
        },
        invoer="dubbelcheck",
    )
    oplossingen = pd.DataFrame({"id": [1, 2, 3], "tekst": ["Spreekuur", "Sociale kaart", "App"]})
    matrix = dubbelcheck.matrix(antwoorden, oplossingen)
    assert 9 not in set(matrix["bijdrage_id"])
    assert matrix.set_index(["bijdrage_id", "aspect"]).loc[(2, KWETSBAREN), "gemiddelde"] == pytest.approx(
        2.5
    )
    signalen = dubbelcheck.signalen(matrix).set_index("oplossing")
    assert list(signalen["gemarkeerd"]) == [False, True, True]
    assert "kwetsbare" in signalen.loc["Sociale kaart", "reden"]
    assert "gezondheidsgelijkheid" in signalen.loc["App", "reden"]


def test_swot_per_kwadrant_en_confrontaties_gelabeld():
    items = pd.DataFrame(
        [
            {"id": 1, "kwadrant": "sterkte", "tekst": "Korte lijnen", "stemmen": 1},
            {"id": 2, "kwadrant": "zwakte", "tekst": "Slecht bereikbaar", "stemmen": 0},
            {"id": 3, "kwadrant": "kans", "tekst": "Preventiegeld", "stemmen": 3},
            {"id": 4, "kwadrant": "bedreiging", "tekst": "Personeelstekort", "stemmen": 0},
        ]
    )
    assert swot.per_kwadrant(items)["kans"] == ["Preventiegeld"]
    assert "• Korte lijnen" in swot.tabel(items).loc["intern", "positief"]
    strategieen = pd.DataFrame(
        [
            {"id": 1, "intern_id": 2, "extern_id": 4, "strategie": "Eén nummer"},
            {"id": 2, "intern_id": 1, "extern_id": 3, "strategie": "Preventiespreekuur"},
        ]
    )
    uit = swot.confrontaties(strategieen, items)
    assert list(uit["soort"]) == ["S-O", "W-T"]
    assert uit.iloc[0]["extern_tekst"] == "Preventiegeld"


def test_tijdlijn_loopt_van_100_dagen_naar_10_jaar():
    mijlpalen = pd.DataFrame(
        [
            {"id": 1, "horizon": "10 jaar", "tekst": "Stip"},
            {"id": 2, "horizon": "100 dagen", "tekst": "Start"},
            {"id": 3, "horizon": "1 jaar", "tekst": "Overleg"},
            {"id": 4, "horizon": "100 dagen", "tekst": "Kennismaken"},
        ]
    )
    uit = horizon.tijdlijn(mijlpalen)
    assert list(uit["tekst"]) == ["Start", "Kennismaken", "Overleg", "Stip"]
    assert list(uit["rij"]) == [0, 1, 0, 0]


def test_definitieve_stip_en_uitspraken():
    stip = pd.DataFrame(
        [
            {"id": 1, "tekst": "A", "definitief": False, "stemmen": 1},
            {"id": 2, "tekst": "B", "definitief": False, "stemmen": 4},
            {"id": 3, "tekst": "Samen", "definitief": True, "stemmen": 0},
        ]
    )
    assert horizon.definitieve_stip(stip) == "Samen"
    assert list(horizon.uitspraken(stip)["tekst"]) == ["B", "A"]
    assert horizon.definitieve_stip(stip.iloc[0:0]) == ""


def test_deelnemers_per_domein_en_organisatie():
    mensen = pd.DataFrame(
        [{"organisatie": "Praktijk", "domein": "zorg"}] * 2
        + [{"organisatie": "Gemeente", "domein": "gemeente"}]
    )
    assert list(deelnemers.per_organisatie(mensen)["organisatie"]) == ["Praktijk", "Gemeente"]
    per_domein = deelnemers.per_domein(mensen).set_index("domein")["aantal"]
    assert (per_domein["zorg"], per_domein["inwoner"]) == (2, 0)
