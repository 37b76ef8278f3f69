"""The three pages (deelnemer, wand, regiekamer) in-process against a real store."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from toolkit import model
from toolkit.apps.deelnemer import DeelnemerApp
from toolkit.apps.regiekamer import RegiekamerApp
from toolkit.apps.wand import WandApp


@pytest.fixture
def zaal(nieuwe_zaal):
    """Store, bijeenkomst and facilitator key of a short programme: kennismaking, brainstorm."""
    onderdelen = [
        model.Onderdeel(werkvorm="kennismaking", titel="Kennismaking", vraag="Wie ben je?", invoer="tekst"),
        model.Onderdeel(
            werkvorm="wijkbrainstorm",
            titel="Brainstorm",
            vraag="Wat zie je?",
            invoer="tekst",
            duur_minuten=20,
        ),
    ]
    return nieuwe_zaal(*onderdelen).delen()


def meld_aan(
    app: DeelnemerApp, organisatie: str = "Wijkverpleging Zuid", domein: str = "zorg", naam: str = ""
):
    app.organisatie.value, app.domein.value, app.naam.value = organisatie, domein, naam
    app.aanmeld_knop.click()


def regiekamer(zaal) -> RegiekamerApp:
    store, b, sleutel = zaal
    return RegiekamerApp(store, {"code": b.code, "sleutel": sleutel})


# --- deelnemer --------------------------------------------------------------------------------


def test_code_uit_de_link_staat_al_ingevuld(zaal):
    store, b, _ = zaal
    app = DeelnemerApp(store, {"code": b.code})
    assert app.code.value == b.code
    assert "Wijk Noord" in app.kop.value


@pytest.mark.parametrize(
    "code, melding",
    [("ABC", "geen geldige code"), ("ZZZZZZ", "Er is geen bijeenkomst met code ZZZZZZ")],
)
def test_onbekende_code_geeft_een_duidelijke_melding(zaal, code, melding):
    store, _b, _ = zaal
    app = DeelnemerApp(store, {"code": code})
    assert melding in app.melding.tekst
    meld_aan(app)
    assert melding in app.melding.tekst
    assert app.sessie is None


def test_gesloten_aanmelding_geeft_een_melding(zaal):
    store, b, sleutel = zaal
    store.regie(b.code, sleutel).zet_aanmelden(False)
    app = DeelnemerApp(store, {"code": b.code})
    assert "gesloten" in app.melding.tekst
    meld_aan(app)
    assert "gesloten" in app.melding.tekst and app.sessie is None


def test_domein_kiezen_is_verplicht(zaal):
    store, b, _ = zaal
    app = DeelnemerApp(store, {"code": b.code})
    meld_aan(app, domein="")
    assert "Kies een domein" in app.melding.tekst
    assert app.organisatie.value == "Wijkverpleging Zuid"


def test_persoonlijke_link_brengt_dezelfde_deelnemer_terug(zaal):
    store, b, _ = zaal
    eerste = DeelnemerApp(store, {"code": b.code})
    meld_aan(eerste, naam="Joke")
    link = eerste.persoonlijke_link()
    assert link in eerste.welkom.value.replace("&amp;", "&")
    params = {k: v[0] for k, v in parse_qs(link.lstrip("?")).items()}
    terug = DeelnemerApp(store, params)
    assert terug.sessie is not None
    assert terug.sessie.deelnemer.id == eerste.sessie.deelnemer.id
    assert len(store.deelnemers(b.id)) == 1


def test_ongeldige_persoonlijke_link_toont_het_aanmeldformulier(zaal):
    store, b, _ = zaal
    app = DeelnemerApp(store, {"code": b.code, "t": "verzonnen"})
    assert app.sessie is None
    assert "niet (meer) geldig" in app.melding.tekst
    assert app.aanmeld_vak in app.body.children


def test_deelnemer_volgt_de_procesbegeleider_zonder_herladen(zaal):
    store, b, sleutel = zaal
    app = DeelnemerApp(store, {"code": b.code})
    meld_aan(app)
    assert "Welkom" in app.stapkop.titel
    regie = store.regie(b.code, sleutel)
    regie.volgende()
    app.wachter.stap()
    assert app.stapkop.titel == "Kennismaking"
    regie.volgende()
    app.wachter.stap()
    assert app.stapkop.titel == "Brainstorm"
    assert "Wat zie je?" in app.stapkop.vraag
    assert app.paneel_vak.children == (app.volger.paneel.widget,)


# --- wand -------------------------------------------------------------------------------------


def test_wand_toont_code_qr_en_korte_url_zolang_aanmelden_open_is(zaal, monkeypatch):
    store, b, sleutel = zaal
    monkeypatch.setenv("SERVER_NAME", "192.168.1.20")
    monkeypatch.setenv("SERVER_PORT", "8866")
    wand = WandApp(store, {"code": b.code})
    assert b.code in wand.code.value
    assert "http://192.168.1.20:8866/?code=" + b.code in wand.code.value
    assert wand.qr.value.startswith("<div role='img' aria-label='QR-code: scan hem") and "<svg" in wand.qr.value
    assert wand.aanmeld_vak.layout.display is None
    store.regie(b.code, sleutel).zet_aanmelden(False)
    wand.wachter.stap()
    assert wand.aanmeld_vak.layout.display == "none"


def test_wand_telt_deelnemers_en_de_timer_loopt(zaal):
    store, b, sleutel = zaal
    wand = WandApp(store, {"code": b.code})
    assert wand.aantal.value == "0 deelnemers"
    meld_aan(DeelnemerApp(store, {"code": b.code}))
    regie = store.regie(b.code, sleutel)
    regie.ga_naar(store.onderdelen(b.id)[1].id)
    wand.wachter.stap()
    assert wand.aantal.value == "1 deelnemer"
    assert wand.timer.value == "20:00"
    regie.timer_start()
    wand.wachter.stap()
    wand.tik()
    assert wand.timer.value in ("20:00", "19:59")


def test_wand_heeft_geen_bedieningselementen(zaal):
    import ipywidgets as w

    store, b, sleutel = zaal
    store.regie(b.code, sleutel).volgende()
    wand = WandApp(store, {"code": b.code})

    def alle(widget):
        yield widget
        for kind in getattr(widget, "children", ()):
            yield from alle(kind)

    soorten = {type(x) for x in alle(wand.widget)}
    assert not soorten & {w.Button, w.Text, w.Textarea, w.Dropdown, w.Checkbox, w.Password}


def test_wand_met_onbekende_code_meldt_dat(zaal):
    store, _b, _ = zaal
    wand = WandApp(store, {"code": "QQQQQQ"})
    assert "Er is geen bijeenkomst met code QQQQQQ" in wand.melding.tekst


# --- regiekamer -------------------------------------------------------------------------------


@pytest.mark.parametrize("sleutel", ["", "fout"])
def test_regiekamer_zonder_geldige_sleutel_toont_alleen_de_sleutelvraag(zaal, sleutel):
    store, b, _ = zaal
    app = RegiekamerApp(store, {"code": b.code, "sleutel": sleutel})
    assert app.regie is None
    assert app.widget.children[1] is app.sleutelvak
    assert len(app.widget.children) == 2
    assert not hasattr(app, "programma")
    if sleutel:
        assert "sleutel hoort niet" in app.melding.tekst


def test_sleutel_intypen_opent_de_regiekamer(zaal):
    store, b, sleutel = zaal
    app = RegiekamerApp(store, {"code": b.code})
    app.sleutel_invoer.value = sleutel
    app.sleutelvak.children[3].click()
    assert app.regie is not None and hasattr(app, "programma")


def test_volgende_vorige_en_springen(zaal):
    store, b, _ = zaal
    app = regiekamer(zaal)
    app.programma.doe("volgende")
    assert app.stapkop.titel == "Kennismaking"
    assert app.programma.rij(store.onderdelen(b.id)[0].id)["tekst"] == "▶ 1. Kennismaking"
    app.programma.doe("volgende")
    assert app.stapkop.titel == "Brainstorm"
    app.programma.doe("vorige")
    assert app.stapkop.titel == "Kennismaking"
    tweede = store.onderdelen(b.id)[1].id
    app.programma._bericht(app.programma, {"actie": "ga", "id": tweede}, [])  # a click in the browser
    assert store.bijeenkomst_met_id(b.id).huidig_onderdeel_id == tweede


def test_timer_starten_pauzeren_en_minuut_erbij(zaal):
    store, b, _ = zaal
    app = regiekamer(zaal)
    app.programma.doe("volgende")
    assert app.timer.value == "10:00"
    app.timer_erbij.click()
    assert app.timer.value == "11:00"
    app.timer_start.click()
    assert store.bijeenkomst_met_id(b.id).timer_eind is not None
    app.timer_pauze.click()
    assert store.bijeenkomst_met_id(b.id).timer_eind is None


def test_aanmelden_sluiten_en_deelnemers_per_domein(zaal):
    store, b, _ = zaal
    app = regiekamer(zaal)
    meld_aan(DeelnemerApp(store, {"code": b.code}), domein="zorg")
    meld_aan(DeelnemerApp(store, {"code": b.code}), domein="gemeente")
    app.wachter.stap()
    assert app.aantal.value.startswith("2 deelnemers:")
    assert "Zorg (medisch) 1" in app.aantal.value and "Gemeente 1" in app.aantal.value
    app.aanmeld_knop.click()
    assert not store.bijeenkomst_met_id(b.id).open
    assert app.aanmeld_knop.description == "Open aanmelden"


def test_een_nieuwe_deelnemer_laat_de_regiekamer_alleen_de_telling_lezen(zaal, monkeypatch):
    store, b, _ = zaal
    app = regiekamer(zaal)
    gelezen: list[str] = []
    for naam in ("bijeenkomst_met_id", "onderdelen", "deelnemers_per_domein"):
        echt = getattr(store, naam)
        monkeypatch.setattr(store, naam, lambda *a, _n=naam, _e=echt, **k: (gelezen.append(_n), _e(*a, **k))[1])
    meld_aan(DeelnemerApp(store, {"code": b.code}), domein="zorg")
    gelezen.clear()
    app.wachter.stap()
    assert gelezen == ["deelnemers_per_domein"]  # not the programme and the meeting again on every join
    assert app.aantal.value == "1 deelnemer: Zorg (medisch) 1"


def test_programma_samenstellen_zonder_yaml(zaal):
    store, b, _ = zaal
    app = regiekamer(zaal)
    app.nieuw_keuze.value = "swot"
    nieuw = app.voeg_toe("swot")
    assert [o.werkvorm for o in store.onderdelen(b.id)] == ["kennismaking", "wijkbrainstorm", "swot"]
    assert app.bewerk_id == nieuw.id
    app.b_vraag.value = "Wat zijn onze sterktes?"
    app.b_duur.value = 25
    app.b_stippen.value = 2
    app.b_anoniem.value = False
    app.sla_op()
    o = store.onderdeel(nieuw.id)
    assert (o.vraag, o.duur_minuten, o.stippen, o.anoniem) == ("Wat zijn onze sterktes?", 25, 2, False)
    app.programma.doe("op", nieuw.id)
    assert [o.werkvorm for o in store.onderdelen(b.id)] == ["kennismaking", "swot", "wijkbrainstorm"]
    app.programma.doe("weg", nieuw.id)
    assert [o.werkvorm for o in store.onderdelen(b.id)] == ["kennismaking", "wijkbrainstorm"]
    assert app.programma.rij(nieuw.id) is None


def test_lege_vraag_bij_bewerken_geeft_een_melding(zaal):
    store, b, _ = zaal
    app = regiekamer(zaal)
    eerste = store.onderdelen(b.id)[0]
    app.bewerk(eerste.id)
    app.b_vraag.value = "  "
    app.sla_op()
    assert "Vul vraag in" in app.melding.tekst
    assert store.onderdeel(eerste.id).vraag == "Wie ben je?"


def test_exportknop_schrijft_het_verslag_en_biedt_downloads(zaal, tmp_path, monkeypatch):
    monkeypatch.setenv("WERKPLAATS_EXPORT", str(tmp_path))
    app = regiekamer(zaal)
    app.export_knop.click()
    code = app.bijeenkomst.code
    assert (tmp_path / code / "visiedocument.docx").is_file()
    assert (tmp_path / code / "actielijst.xlsx").is_file()
    assert 'download="visiedocument.docx"' in app.export_uit.value
    assert "Het verslag is klaar" in app.melding.tekst
