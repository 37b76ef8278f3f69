"""The domain rules: every invalid input is refused with a Dutch message that names the field."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from toolkit import model
from toolkit.fouten import OngeldigeInvoer, StemmenOp

VANDAAG = date(2027, 3, 1)
GISTEREN = VANDAAG - timedelta(days=1)


def weigert(maak: Callable[[], object], veld: str, melding: str) -> OngeldigeInvoer:
    """Assert the input is refused for ``veld`` with a message matching ``melding``."""
    with pytest.raises(OngeldigeInvoer, match=melding) as info:
        maak()
    assert info.value.veld == veld
    assert str(info.value) == info.value.melding
    return info.value


# --- text fields ----------------------------------------------------------------------

TEKST_TYPES: list[tuple[str, Callable[[str], object]]] = [
    ("bijdrage", lambda t: model.Bijdrage(tekst=t)),
    ("swot", lambda t: model.SwotItem(kwadrant="kans", tekst=t)),
    ("stip", lambda t: model.Stip(tekst=t)),
    ("mijlpaal", lambda t: model.Mijlpaal(horizon="1 jaar", tekst=t)),
    ("afspraak", lambda t: model.Afspraak(tekst=t)),
]


@pytest.mark.parametrize(("soort", "maak"), TEKST_TYPES, ids=[s for s, _ in TEKST_TYPES])
@pytest.mark.parametrize("leeg", ["", "   ", "\n\t  \n", None])
def test_lege_of_alleen_spaties_tekst_wordt_geweigerd(
    soort: str, maak: Callable[[str], object], leeg: str
) -> None:
    weigert(lambda: maak(leeg), "tekst", r"^Vul tekst in; alleen spaties telt niet\.$")


@pytest.mark.parametrize(("soort", "maak"), TEKST_TYPES, ids=[s for s, _ in TEKST_TYPES])
@pytest.mark.parametrize("stuurteken", ["\x00", "\x07", "\x1b", "\x7f", "\x0c"])
def test_tekst_met_stuurtekens_wordt_geweigerd(
    soort: str, maak: Callable[[str], object], stuurteken: str
) -> None:
    weigert(lambda: maak(f"Wachtlijst{stuurteken}GGZ"), "tekst", "bevat onzichtbare stuurtekens")


def test_tekst_van_1000_tekens_mag_en_1001_niet() -> None:
    assert len(model.Bijdrage(tekst="a" * model.MAX_TEKST).tekst) == 1000
    weigert(
        lambda: model.Bijdrage(tekst="a" * 1001),
        "tekst",
        r"^Tekst is 1001 tekens lang; maximaal 1000 tekens\.$",
    )


def test_tekst_wordt_opgeschoond_zonder_regels_en_tabs_te_weigeren() -> None:
    bijdrage = model.Bijdrage(tekst="  Wachtlijst GGZ\r\n\tte lang  ")
    assert bijdrage.tekst == "Wachtlijst GGZ\n\tte lang"


def test_tekst_die_geen_tekst_is_wordt_geweigerd() -> None:
    weigert(lambda: model.Bijdrage(tekst=5), "tekst", "moet tekst zijn")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("maak", "veld"),
    [
        (lambda: model.Bijeenkomst(titel=" "), "titel"),
        (lambda: model.Deelnemer(organisatie="", domein="zorg"), "organisatie"),
        (lambda: model.Stakeholder(naam="\t"), "naam"),
        (lambda: model.Relatie(van="", naar="Gemeente", frequentie="wekelijks"), "van"),
        (lambda: model.Actie(wat="Belrooster", wie=" ", wanneer=VANDAAG), "wie"),
        (lambda: model.Antwoord(onderwerp="", waarde=3), "onderwerp"),
        (lambda: model.Confrontatie(intern_id=1, extern_id=2, strategie="  "), "strategie"),
    ],
)
def test_verplichte_velden_noemen_het_veld(maak: Callable[[], object], veld: str) -> None:
    weigert(maak, veld, f"^Vul {veld} in")


def test_korte_velden_hebben_een_eigen_maximum() -> None:
    weigert(
        lambda: model.Deelnemer(organisatie="x" * (model.MAX_KORT + 1), domein="zorg"),
        "organisatie",
        rf"maximaal {model.MAX_KORT} tekens",
    )


# --- fixed vocabularies ------------------------------------------------------------------

KEUZES: list[tuple[str, Callable[[str], object], tuple[str, ...]]] = [
    ("domein", lambda w: model.Deelnemer(organisatie="GGD", domein=w), model.DOMEINEN),
    ("domein", lambda w: model.Stakeholder(naam="GGD", domein=w), model.DOMEINEN),
    ("kwadrant", lambda w: model.SwotItem(kwadrant=w, tekst="Korte lijnen"), model.KWADRANTEN),
    ("frequentie", lambda w: model.Relatie(van="GGD", naar="Gemeente", frequentie=w), model.FREQUENTIES),
    ("horizon", lambda w: model.Mijlpaal(horizon=w, tekst="Eerste MDO"), model.HORIZONNEN),
    ("thema", lambda w: model.Bijdrage(tekst="Wachtlijst", thema=w), model.THEMAS),
    ("thema", lambda w: model.Actie(wat="Bel", wie="Els", wanneer=VANDAAG, thema=w), model.THEMAS),
    ("status", lambda w: model.Actie(wat="Bel", wie="Els", wanneer=VANDAAG, status=w), model.ACTIE_STATUSSEN),
    ("status", lambda w: model.Bijeenkomst(titel="Start", status=w), model.BIJEENKOMST_STATUSSEN),
    ("soort", lambda w: model.Stem(deelnemer_id=1, onderdeel_id=1, doel_id=1, soort=w), model.STEM_SOORTEN),
]
KEUZE_IDS = [f"{veld}-{i}" for i, (veld, _m, _o) in enumerate(KEUZES)]


@pytest.mark.parametrize(("veld", "maak", "opties"), KEUZES, ids=KEUZE_IDS)
def test_onbekende_keuze_wordt_geweigerd_met_de_geldige_opties(
    veld: str, maak: Callable[[str], object], opties: tuple[str, ...]
) -> None:
    fout = weigert(lambda: maak("iets anders"), veld, f"^'iets anders' is geen geldige keuze bij {veld}; kies uit: ")
    for optie in opties:
        assert optie in str(fout)


@pytest.mark.parametrize(("veld", "maak", "opties"), KEUZES, ids=KEUZE_IDS)
def test_elke_geldige_keuze_wordt_aanvaard_ongeacht_hoofdletters(
    veld: str, maak: Callable[[str], object], opties: tuple[str, ...]
) -> None:
    for optie in opties:
        assert getattr(maak(f" {optie.upper()} "), veld) == optie


def test_verplichte_keuze_leeg_vraagt_om_een_keuze() -> None:
    weigert(
        lambda: model.Deelnemer(organisatie="GGD", domein=""), "domein", "^Kies een domein: zorg, sociaal"
    )


def test_thema_mag_leeg_blijven() -> None:
    assert model.Bijdrage(tekst="Wachtlijst").thema == ""


# --- scales ------------------------------------------------------------------------------


@pytest.mark.parametrize("veld", ["invloed", "belang"])
@pytest.mark.parametrize("waarde", [0, 6, -1, 99])
def test_invloed_en_belang_buiten_1_tot_5_worden_geweigerd(veld: str, waarde: int) -> None:
    weigert(
        lambda: model.Stakeholder(naam="Huisarts", **{veld: waarde}),
        veld,
        rf"^{veld.capitalize()} moet van 1 tot en met 5 zijn, niet {waarde}\.$",
    )


@pytest.mark.parametrize("veld", ["invloed", "belang"])
@pytest.mark.parametrize("waarde", [2.5, "veel", "", None, True, "3,5"])
def test_invloed_en_belang_moeten_hele_getallen_zijn(veld: str, waarde: object) -> None:
    weigert(
        lambda: model.Stakeholder(naam="Huisarts", **{veld: waarde}),
        veld,
        rf"^{veld.capitalize()} moet een heel getal van 1 tot en met 5 zijn, niet '",
    )


@pytest.mark.parametrize(("waarde", "verwacht"), [(1, 1), (5, 5), ("3", 3), (" 4 ", 4), (2.0, 2)])
def test_getallen_op_de_schaal_worden_aanvaard(waarde: object, verwacht: int) -> None:
    assert model.Stakeholder(naam="Huisarts", invloed=waarde).invloed == verwacht  # type: ignore[arg-type]


@pytest.mark.parametrize("waarde", [0, 6])
def test_antwoord_op_een_stelling_blijft_op_de_schaal(waarde: int) -> None:
    weigert(
        lambda: model.Antwoord(onderwerp="We delen dossiers", waarde=waarde), "waarde", "van 1 tot en met 5"
    )


# --- dates -------------------------------------------------------------------------------


def test_nieuwe_actie_met_een_datum_in_het_verleden_wordt_geweigerd() -> None:
    weigert(
        lambda: model.Actie.nieuw(vandaag=VANDAAG, wat="Belrooster", wie="Els", wanneer=GISTEREN),
        "wanneer",
        r"^Kies bij wanneer een datum vanaf vandaag \(gekozen: 28 februari 2027\)\.$",
    )


@pytest.mark.parametrize("wanneer", [VANDAAG, VANDAAG + timedelta(days=100), "2027-03-01"])
def test_nieuwe_actie_vanaf_vandaag_wordt_aanvaard(wanneer: object) -> None:
    actie = model.Actie.nieuw(vandaag=VANDAAG, wat="Belrooster", wie="Els", wanneer=wanneer)
    assert actie.wanneer >= VANDAAG


def test_ingelezen_actie_zonder_vanaf_mag_in_het_verleden_liggen() -> None:
    actie = model.Actie(wat="Belrooster", wie="Els", wanneer="2020-01-15")
    assert actie.wanneer == date(2020, 1, 15)
    assert actie == model.Actie(wat="Belrooster", wie="Els", wanneer=date(2020, 1, 15))


def test_nieuwe_afspraak_met_evaluatiemoment_in_het_verleden_wordt_geweigerd() -> None:
    weigert(
        lambda: model.Afspraak.nieuw(vandaag=VANDAAG, tekst="We evalueren", evaluatiemoment=GISTEREN),
        "evaluatiemoment",
        "vanaf vandaag",
    )


@pytest.mark.parametrize("slecht", ["31-12-2027", "morgen", "2027-02-30", "2027/03/01"])
def test_onleesbare_datum_wordt_geweigerd_met_voorbeeld(slecht: str) -> None:
    weigert(
        lambda: model.Actie(wat="Belrooster", wie="Els", wanneer=slecht),
        "wanneer",
        rf"^'{slecht}' is geen datum; schrijf wanneer als JJJJ-MM-DD, bijvoorbeeld 2027-03-01\.$",
    )


def test_actie_zonder_datum_vraagt_om_een_datum() -> None:
    weigert(
        lambda: model.Actie(wat="Belrooster", wie="Els", wanneer=""),
        "wanneer",
        "Vul een datum in bij wanneer",
    )


def test_datum_van_bijeenkomst_is_optioneel() -> None:
    assert model.Bijeenkomst(titel="Start").datum is None
    assert model.Bijeenkomst(titel="Start", datum="2027-03-01").datum == VANDAAG


# --- relations, join codes, votes, confrontatie ----------------------------------------------


@pytest.mark.parametrize(
    ("van", "naar"), [("GGD", "GGD"), ("Wijkteam", " wijkteam "), ("Gemeente", "GEMEENTE")]
)
def test_relatie_naar_dezelfde_organisatie_wordt_geweigerd(van: str, naar: str) -> None:
    weigert(
        lambda: model.Relatie(van=van, naar=naar, frequentie="wekelijks"),
        "naar",
        rf"^Kies bij 'naar' een andere organisatie dan '{van}'\.$",
    )


@pytest.mark.parametrize(
    ("getypt", "code"),
    [
        ("K7M4PX", "K7M4PX"),
        ("k7m4px", "K7M4PX"),
        (" k7m 4px ", "K7M4PX"),
        ("K7M-4PX", "K7M4PX"),
        ("abc\t234", "ABC234"),
    ],
)
def test_join_code_wordt_genormaliseerd(getypt: str, code: str) -> None:
    assert model.join_code(getypt) == code


@pytest.mark.parametrize(
    "getypt",
    ["K0M4PX", "KOM4PX", "K1M4PX", "KIM4PX", "KLM4PX", "k7m4pl", "K7M4P", "K7M4PXA", "", None, "K7M4P!"],
)
def test_join_code_met_verwarrende_tekens_of_verkeerde_lengte_wordt_geweigerd(getypt: str | None) -> None:
    weigert(
        lambda: model.join_code(getypt),
        "code",
        r"is geen geldige code; een code heeft 6 tekens, zoals K7M4PX\.$",
    )


def test_code_alfabet_heeft_geen_verwarrende_tekens() -> None:
    assert not set("0O1IL") & set(model.CODE_ALFABET)
    assert len(set(model.CODE_ALFABET)) == len(model.CODE_ALFABET)


@pytest.mark.parametrize(("gebruikt", "budget"), [(0, 1), (2, 3), (4, 5)])
def test_stem_binnen_het_budget_mag(gebruikt: int, budget: int) -> None:
    model.stembudget(gebruikt, budget)


@pytest.mark.parametrize(("gebruikt", "budget", "erbij"), [(3, 3, 1), (5, 3, 1), (2, 3, 2)])
def test_meer_stemmen_dan_het_budget_wordt_geweigerd(gebruikt: int, budget: int, erbij: int) -> None:
    with pytest.raises(
        StemmenOp, match=rf"^Je hebt al je {budget} stippen gebruikt; haal eerst een stip weg"
    ) as info:
        model.stembudget(gebruikt, budget, erbij)
    assert info.value.veld == "stem"
    assert isinstance(info.value, OngeldigeInvoer)


def test_stemmen_waar_niet_gestemd_wordt_wordt_geweigerd() -> None:
    with pytest.raises(StemmenOp, match="^Bij dit onderdeel wordt niet gestemd"):
        model.stembudget(0, 0)


def _swot(kwadrant: str) -> model.SwotItem:
    return model.SwotItem(kwadrant=kwadrant, tekst=f"Een {kwadrant}")


@pytest.mark.parametrize(
    ("intern", "extern", "soort"),
    [
        ("sterkte", "kans", "S-O"),
        ("sterkte", "bedreiging", "S-T"),
        ("zwakte", "kans", "W-O"),
        ("zwakte", "bedreiging", "W-T"),
    ],
)
def test_confrontatie_soort_van_binnen_maal_buiten(intern: str, extern: str, soort: str) -> None:
    assert model.confrontatie_soort(_swot(intern), _swot(extern)) == soort


@pytest.mark.parametrize(
    ("intern", "extern", "veld", "melding"),
    [
        ("kans", "kans", "intern", "^Kies eerst een sterkte of zwakte"),
        ("bedreiging", "sterkte", "intern", "^Kies eerst een sterkte of zwakte"),
        ("sterkte", "zwakte", "extern", "^Kies als tweede een kans of bedreiging"),
        ("zwakte", "sterkte", "extern", "^Kies als tweede een kans of bedreiging"),
    ],
)
def test_confrontatie_weigert_paren_die_niet_binnen_maal_buiten_zijn(
    intern: str, extern: str, veld: str, melding: str
) -> None:
    weigert(lambda: model.confrontatie_soort(_swot(intern), _swot(extern)), veld, melding)


def test_onderdeel_weigert_onbekende_invoer_en_te_veel_stippen() -> None:
    weigert(
        lambda: model.Onderdeel(werkvorm="x", titel="X", vraag="?", invoer="tekening"),
        "invoer",
        "geen geldige keuze bij invoer",
    )
    weigert(
        lambda: model.Onderdeel(werkvorm="x", titel="X", vraag="?", invoer="tekst", stippen=21),
        "stippen",
        "van 0 tot en met 20",
    )


# --- layering ----------------------------------------------------------------------------


def test_model_laadt_geen_sqlalchemy_of_ipywidgets() -> None:
    uitkomst = subprocess.run(
        [
            sys.executable,
            "-c",
            "import toolkit.model, sys; print('sqlalchemy' in sys.modules, 'ipywidgets' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert uitkomst.stdout.split() == ["False", "False"]


def test_herziene_actie_mag_haar_oude_datum_houden_maar_niet_naar_het_verleden() -> None:
    vandaag = date(2027, 3, 1)
    oud = model.Actie(wat="Sociale kaart", wie="Gemeente", wanneer=date(2027, 1, 10))
    klaar = model.herzie(oud, vandaag=vandaag, status="klaar")
    assert (klaar.status, klaar.wanneer) == ("klaar", date(2027, 1, 10))
    with pytest.raises(OngeldigeInvoer, match="vanaf vandaag") as fout:
        model.herzie(oud, vandaag=vandaag, wanneer=date(2027, 2, 1))
    assert fout.value.veld == "wanneer"
    afspraak = model.Afspraak(tekst="Evalueren", evaluatiemoment=date(2027, 1, 5))
    assert model.herzie(afspraak, vandaag=vandaag, wie="Alle partners").wie == "Alle partners"
    with pytest.raises(OngeldigeInvoer, match="vanaf vandaag"):
        model.herzie(afspraak, vandaag=vandaag, evaluatiemoment=date(2027, 2, 1))


ANNA, BRAM = 1, 2
TELEFOON_VAN_ANNA = (
    model.Wekwens.op({"stap", "onderdeel"})
    | model.Wekwens.op({"bijdrage", "stem"}, door=ANNA)
    | model.Wekwens.op({"bijdrage"}, ids={10, 11})
)


@pytest.mark.parametrize(
    "ids, door, wekt",
    [
        ({"deelnemer": {7}}, {BRAM}, False),  # someone joins
        ({"bijdrage": {20}}, {BRAM}, False),  # someone else's entry
        ({"stem": {20}}, {BRAM}, False),  # someone else's dot
        ({"bijdrage": {21}}, {ANNA}, True),  # her own entry, from her laptop
        ({"bijdrage": {10}}, set(), True),  # the facilitator hides one of hers
        ({"stap": set()}, set(), True),  # Volgende
        ({"deelnemer": {8}, "onderdeel": {3}}, {BRAM}, True),  # a join and an edit together
    ],
    ids=["binnenkomst", "andermans-bijdrage", "andermans-stip", "eigen-bijdrage", "eigen-verborgen", "volgende", "samen"],
)
def test_een_telefoon_wordt_alleen_gewekt_door_wat_zijn_pagina_raakt(ids, door, wekt) -> None:
    wijzigingen = model.Wijzigingen(versie=5, ids={k: frozenset(v) for k, v in ids.items()}, door=frozenset(door))
    assert TELEFOON_VAN_ANNA.raakt(wijzigingen) is wekt
    assert model.Wekwens.elke().raakt(wijzigingen)
    assert not model.Wekwens().raakt(wijzigingen)
    assert model.wekwens_samen([TELEFOON_VAN_ANNA, None]) is None
