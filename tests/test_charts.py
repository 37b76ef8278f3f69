"""Every chart builder through ``chart.to_dict()``: marks, encodings, data fields, labels; also on empty data."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from toolkit import charts, model
from toolkit.analysis import dubbelcheck as dc
from toolkit.analysis import netwerk, stakeholders
from toolkit.analysis.onderwerpen import KWETSBAREN, dubbelcheck_onderwerp


def _lagen(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every unit spec (one with a mark) inside a layered or single chart."""
    if "mark" in spec:
        return [spec]
    return [eenheid for laag in spec.get("layer", []) for eenheid in _lagen(laag)]


def _marks(spec: dict[str, Any]) -> list[str]:
    return [laag["mark"] if isinstance(laag["mark"], str) else laag["mark"]["type"] for laag in _lagen(spec)]


def _rijen(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [rij for rijen in spec.get("datasets", {}).values() for rij in rijen]


def _velden(spec: dict[str, Any]) -> set[str]:
    return {
        enc["field"]
        for laag in _lagen(spec)
        for enc in laag.get("encoding", {}).values()
        if isinstance(enc, dict) and "field" in enc
    }


def _teksten(spec: dict[str, Any]) -> str:
    return repr(spec)


@pytest.fixture
def tally() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [1, 2, 3],
            "tekst": ["Wachttijden", "Geen contactpersoon bij het sociaal team", "Wachttijden"],
            "stemmen": [2, 5, 1],
            "thema": ["kwaliteit van zorg", "communicatie", ""],
        }
    )


def test_ranking_toont_horizontale_staven_meeste_stemmen_bovenaan(tally):
    spec = charts.ranking(tally).to_dict()
    assert _marks(spec) == ["bar", "text"]
    staven = _lagen(spec)[0]["encoding"]
    assert staven["x"]["field"] == "stemmen" and staven["y"]["field"] == "label"
    assert staven["y"]["sort"][0].startswith("Geen contactpersoon")
    assert staven["color"]["field"] == "thema"
    assert "(geen)" in staven["color"]["scale"]["domain"]
    # two entries with the same text keep their own bar
    assert len(set(staven["y"]["sort"])) == 3


def test_ranking_zonder_thema_heeft_een_kleur(tally):
    spec = charts.ranking(tally.assign(thema=""), kleur="thema").to_dict()
    assert "color" not in _lagen(spec)[0]["encoding"]


def test_ranking_groot_heeft_grotere_letters(tally):
    klein = charts.ranking(tally).to_dict()["config"]["axis"]["labelFontSize"]
    groot = charts.ranking(tally, groot=True).to_dict()["config"]["axis"]["labelFontSize"]
    assert groot > klein * 1.5


def _stelling_antwoorden() -> pd.DataFrame:
    rijen = {"Verdeeld": [1, 5, 1, 5, 2], "Eens": [4, 4, 5, 4, 4]}
    return pd.DataFrame(
        [{"onderwerp": s, "waarde": w, "invoer": "stelling"} for s, ws in rijen.items() for w in ws]
    )


def test_stellingen_divergerende_staven_en_markering_van_de_meeste_spreiding():
    spec = charts.stellingen(_stelling_antwoorden()).to_dict()
    assert _marks(spec) == ["bar", "rule", "text"]
    staven = _lagen(spec)[0]["encoding"]
    assert (staven["x"]["field"], staven["x2"]["field"]) == ("begin", "eind")
    assert staven["color"]["scale"]["domain"] == [
        "helemaal oneens",
        "oneens",
        "neutraal",
        "eens",
        "helemaal eens",
    ]
    rijen = _rijen(spec)
    oneens = [r for r in rijen if r.get("stelling") == "Verdeeld" and r.get("waarde") == 1]
    assert oneens and oneens[0]["eind"] <= 0  # disagreement lies left of zero
    gemarkeerd = [r for r in rijen if r.get("label") == "Verdeeld" and "x" in r]
    assert gemarkeerd, "the most spread stelling is marked"
    assert not [r for r in rijen if r.get("label") == "Eens" and "x" in r]


def test_stakeholderkaart_heeft_kwadranten_met_namen_en_punten_per_domein():
    kaart = pd.DataFrame(
        [
            {"naam": "GGD", "organisatie": "", "domein": "zorg", "invloed": 4, "belang": 4},
            {"naam": "G.G.D.", "organisatie": "", "domein": "zorg", "invloed": 5, "belang": 4},
            {
                "naam": "Ervaringsdeskundige",
                "organisatie": "",
                "domein": "inwoner",
                "invloed": 2,
                "belang": 5,
            },
        ]
    )
    spec = charts.stakeholderkaart(stakeholders.voeg_samen(kaart)).to_dict()
    marks = _marks(spec)
    assert "rect" in marks and "circle" in marks and marks.count("text") >= 4
    namen = {r.get("naam_kwadrant") for r in _rijen(spec)}
    assert {"Nauw betrekken", "Tevreden houden", "Informeren", "Monitoren"} <= namen
    punten = next(laag for laag in _lagen(spec) if _marks(laag) == ["circle"])["encoding"]
    assert (punten["x"]["field"], punten["y"]["field"]) == ("x", "y")
    assert punten["color"]["field"] == "domein_label"
    assert punten["size"]["field"] == "aantal"
    ggd = next(r for r in _rijen(spec) if r.get("naam") == "GGD")
    assert ggd["aantal"] == 2
    assert "invloed" in _teksten(spec).lower() and "belang" in _teksten(spec).lower()


def test_stakeholderkaart_neemt_ook_de_ruwe_frame():
    ruw = pd.DataFrame([{"naam": "GGD", "organisatie": "", "domein": "zorg", "invloed": 4, "belang": 4}] * 2)
    rijen = _rijen(charts.stakeholderkaart(ruw).to_dict())
    assert next(r for r in rijen if r.get("naam") == "GGD")["aantal"] == 2


def test_netwerk_lijnen_per_frequentie_en_knopen_per_domein():
    relaties = pd.DataFrame(
        [
            {"van": "Praktijk", "naar": "Sociaal Team", "frequentie": "wekelijks", "overlegvorm": ""},
            {"van": "Sociaal Team", "naar": "Gemeente", "frequentie": "dagelijks", "overlegvorm": ""},
        ]
    )
    mensen = pd.DataFrame(
        [
            {"organisatie": "Praktijk", "domein": "zorg"},
            {"organisatie": "Sociaal Team", "domein": "sociaal"},
            {"organisatie": "Gemeente", "domein": "gemeente"},
        ]
    )
    knopen, lijnen = netwerk.knopen_en_lijnen(netwerk.bouw_netwerk(relaties, mensen))
    spec = charts.netwerk(knopen, lijnen).to_dict()
    assert _marks(spec)[:2] == ["rule", "circle"]
    rule, cirkel = _lagen(spec)[:2]
    assert rule["encoding"]["strokeWidth"]["field"] == "frequentie"
    assert {"x", "y", "x2", "y2"} <= set(rule["encoding"])
    assert cirkel["encoding"]["color"]["field"] == "domein_label"
    assert {r["organisatie"] for r in _rijen(spec) if "organisatie" in r and "label_naam" in r} == {
        "Praktijk",
        "Sociaal Team",
        "Gemeente",
    }


def test_tijdlijn_heeft_alle_horizonnen_in_volgorde():
    mijlpalen = pd.DataFrame(
        [
            {"id": 1, "horizon": "1 jaar", "tekst": "Overleg loopt"},
            {"id": 2, "horizon": "100 dagen", "tekst": "Start"},
        ]
    )
    spec = charts.tijdlijn(mijlpalen, stip="In 2036 werken we als één team.").to_dict()
    assert _marks(spec) == ["line", "point", "text"]
    x = _lagen(spec)[2]["encoding"]["x"]
    assert x["field"] == "horizon"
    assert x["scale"]["domain"] == ["100 dagen", "1 jaar", "2 jaar", "5 jaar", "10 jaar"]
    assert "In 2036" in _teksten(spec["title"])


def test_dubbelcheck_heatmap_met_waarde_en_markering():
    antwoorden = pd.DataFrame(
        [
            {"onderwerp": dubbelcheck_onderwerp(1, aim), "waarde": w}
            for aim, w in [("kosten", 4), ("gezondheidsgelijkheid", 2), (KWETSBAREN, 2)]
        ]
    )
    matrix = dc.matrix(antwoorden, pd.DataFrame({"id": [1], "tekst": ["Digitale sociale kaart"]}))
    spec = charts.dubbelcheck(matrix).to_dict()
    assert _marks(spec) == ["rect", "text", "rect"]
    vakken = _lagen(spec)[0]["encoding"]
    assert vakken["color"]["field"] == "gemiddelde"
    assert vakken["color"]["scale"]["domain"] == [1, 5]
    assert vakken["x"]["field"] == "aspect_label" and vakken["y"]["field"] == "label"
    assert _lagen(spec)[1]["encoding"]["text"]["field"] == "waarde_tekst"
    assert all(r["label"].startswith(charts.MARKERING) for r in _rijen(spec))
    assert {r["waarde_tekst"] for r in _rijen(spec)} == {"4,0", "2,0"}


def test_deelnemers_per_organisatie_gekleurd_per_domein():
    mensen = pd.DataFrame(
        [{"organisatie": "Praktijk", "domein": "zorg"}] * 2
        + [{"organisatie": "Gemeente", "domein": "gemeente"}]
    )
    spec = charts.deelnemers(mensen).to_dict()
    assert _marks(spec) == ["bar", "text"]
    staven = _lagen(spec)[0]["encoding"]
    assert staven["color"]["field"] == "domein_label"
    assert {r["organisatie"]: r["aantal"] for r in _rijen(spec)} == {"Praktijk": 2, "Gemeente": 1}


LEGE_GRAFIEKEN = {
    "ranking": lambda: charts.ranking(pd.DataFrame(columns=["tekst", "stemmen"])),
    "stellingen": lambda: charts.stellingen(pd.DataFrame(columns=["onderwerp", "waarde"])),
    "netwerk": lambda: charts.netwerk(pd.DataFrame(columns=["organisatie", "x", "y"]), pd.DataFrame()),
    "tijdlijn": lambda: charts.tijdlijn(pd.DataFrame(columns=["horizon", "tekst", "id"])),
    "dubbelcheck": lambda: charts.dubbelcheck(dc.matrix(pd.DataFrame(columns=["onderwerp", "waarde"]))),
    "deelnemers": lambda: charts.deelnemers(pd.DataFrame(columns=["organisatie", "domein"])),
    "stakeholderkaart": lambda: charts.stakeholderkaart(pd.DataFrame(columns=["naam", "invloed", "belang"])),
}


@pytest.mark.parametrize("naam", sorted(LEGE_GRAFIEKEN))
def test_lege_gegevens_geven_een_nederlandse_melding(naam):
    spec = LEGE_GRAFIEKEN[naam]().to_dict()
    assert charts.LEEG in _teksten(spec)


def test_lege_stakeholderkaart_toont_toch_de_kwadranten():
    spec = LEGE_GRAFIEKEN["stakeholderkaart"]().to_dict()
    assert "Nauw betrekken" in _teksten(spec)


def _contrast(kleur: str) -> float:
    def lin(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(kleur[i : i + 2], 16) for i in (1, 3, 5))
    lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return 1.05 / (lum + 0.05)


@pytest.mark.parametrize("domein", model.DOMEINEN)
def test_domeinkleuren_halen_aa_contrast_op_wit(domein):
    assert _contrast(charts.DOMEIN_KLEUREN[domein]) >= 4.5


def test_een_gedeelde_kleurschaal_voor_domeinen():
    schaal = charts.domein_kleur().to_dict()["scale"]
    assert schaal["domain"] == [model.DOMEIN_LABELS[d] for d in model.DOMEINEN]
    assert len(set(schaal["range"])) == len(model.DOMEINEN)


def test_png_en_svg_zonder_browser(tally):
    chart = charts.ranking(tally)
    assert charts.naar_png(chart, schaal=1).startswith(b"\x89PNG")
    svg = charts.naar_svg(chart)
    assert svg.lstrip().startswith("<svg") and "Wachttijden" in svg


def test_stellingen_volgen_de_volgorde_van_het_onderdeel_ook_met_onbekende_stelling():
    volgorde = ["Eens", "Nog niet beantwoord"]
    spec = charts.stellingen(_stelling_antwoorden(), volgorde=volgorde).to_dict()
    y = _lagen(spec)[0]["encoding"]["y"]
    assert y["sort"][:2] == ["Eens", "Nog niet beantwoord"]
    assert "Verdeeld" in y["sort"]
    assert all(isinstance(r.get("label", ""), str) for r in _rijen(spec))
