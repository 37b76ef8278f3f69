"""Each werkvorm's phone input, wand view and regiekamer controls, driven in-process.

A small room per test: one onderdeel of the werkvorm under test (after an 'oplossingen'
onderdeel for the dubbelcheck), two participants from different domeinen, the facilitator.
Widgets are driven as a user would (set values, click) and the store and the wand are
checked after the page's watcher would have called ``ververs``.
"""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest
from conftest import Kamer

from toolkit import model
from toolkit.fouten import OpslagBezet

XSS = "<img src=x onerror=alert(1)>"


def html_van(widget: object) -> str:
    """All HTML values in a widget tree, as the browser would receive them."""
    uit = []
    for naam in ("value", "tekst"):  # tekst: the live region of ui.Melding
        value = getattr(widget, naam, None)
        if isinstance(value, str):
            uit.append(value)
    for kind in getattr(widget, "children", ()):
        uit.append(html_van(kind))
    return "\n".join(uit)


def grafiek_naam(inhoud: str) -> str | None:
    """The accessible name of the chart in a wand's HTML (role img + aria-label), unescaped."""
    gevonden = re.search(r"class='wp-grafiek' role='img' aria-label='([^'<>]*)'", inhoud)
    return html.unescape(gevonden.group(1)) if gevonden else None


def knoppen(widget: object, klasse: str) -> list:
    gevonden = [widget] if klasse in getattr(widget, "_dom_classes", ()) else []
    for kind in getattr(widget, "children", ()):
        gevonden += knoppen(kind, klasse)
    return gevonden


@pytest.fixture
def kamer(nieuwe_kamer):
    """One onderdeel of the werkvorm under test, after an 'oplossingen' onderdeel (for the
    dubbelcheck), with two participants: Anna (named) and Bram."""

    def maak(invoer: str, werkvorm: str | None = None, **velden: object) -> Kamer:
        k = nieuwe_kamer(
            model.Onderdeel(
                werkvorm="oplossingen", titel="Oplossingen", vraag="Wat doen we?", invoer="tekst", stippen=3
            ),
            model.Onderdeel(
                werkvorm=werkvorm or invoer, titel=f"Onderdeel {invoer}", vraag="Vraag?", invoer=invoer, **velden
            ),
        )
        k.anna = k.aanmelden("Huisartsenpraktijk Noord", "zorg", "Anna")
        k.bram = k.aanmelden("Sociaal Wijkteam Noord", "sociaal")
        return k

    return maak


# --- stelling ------------------------------------------------------------------------------

STELLINGEN = (
    "Na een verwijzing hoort de verwijzer altijd terug.",
    "Elk domein heeft één vast aanspreekpunt.",
)


def test_deelnemer_kiest_per_stelling_en_de_wand_toont_de_verdeling(kamer) -> None:
    k = kamer("stelling", stellingen=STELLINGEN)
    wand = k.paneel("wand")
    for deelnemer, waarden in ((k.anna, (1, 5)), (k.bram, (5, 5))):
        telefoon = k.paneel("deelnemer", deelnemer)
        for keuze, waarde in zip(telefoon.keuzes.values(), waarden, strict=True):
            keuze.value = waarde
        assert "Opgeslagen" in html_van(telefoon.widget)
    antwoorden = k.store.items("antwoord", k.bijeenkomst.id, onderdeel_id=k.onderdeel.id)
    assert sorted((a.onderwerp, a.waarde) for a in antwoorden) == sorted(
        [(STELLINGEN[0], 1), (STELLINGEN[1], 5), (STELLINGEN[0], 5), (STELLINGEN[1], 5)]
    )
    k.ververs(wand)
    assert "<svg" in wand.grafiek.value
    assert grafiek_naam(wand.grafiek.value) == (
        f"Stellingen, van 1 (oneens) tot 5 (eens): {STELLINGEN[0]} (gemiddeld 3,0) en {STELLINGEN[1]} (gemiddeld 5,0)."
    )
    assert "Bespreken" in wand.bespreken.value and STELLINGEN[0] in wand.bespreken.value
    assert STELLINGEN[1] not in wand.bespreken.value


def test_deelnemer_verandert_een_stelling_zonder_tweede_antwoord(kamer) -> None:
    k = kamer("stelling", stellingen=STELLINGEN)
    telefoon = k.paneel("deelnemer", k.anna)
    keuze = telefoon.keuzes[STELLINGEN[0]]
    keuze.value = 2
    keuze.value = 4
    antwoorden = k.store.items("antwoord", k.bijeenkomst.id, deelnemer_id=k.anna.id)
    assert [(a.onderwerp, a.waarde) for a in antwoorden] == [(STELLINGEN[0], 4)]
    assert k.paneel("deelnemer", k.anna).keuzes[STELLINGEN[0]].value == 4


def test_stellingen_blijven_prive_tot_de_procesbegeleider_onthult(kamer) -> None:
    k = kamer("stelling", stellingen=STELLINGEN, prive_eerst=True, onthuld=False)
    wand, regie = k.paneel("wand"), k.paneel("regie")
    k.paneel("deelnemer", k.anna).keuzes[STELLINGEN[0]].value = 3
    k.ververs(wand, regie)
    assert "<svg" not in wand.grafiek.value and "1 deelnemers hebben gekozen" in wand.grafiek.value
    assert "1 van 2" in regie.tellingen.value
    k.regie.zet_onthuld(k.onderdeel.id)
    k.ververs(wand)
    assert "<svg" in wand.grafiek.value


# --- stakeholder ---------------------------------------------------------------------------


def test_deelnemer_zet_een_partij_op_de_kaart_en_dubbelen_worden_samengevoegd(kamer) -> None:
    k = kamer("stakeholder")
    wand = k.paneel("wand")
    for deelnemer, naam in ((k.anna, "GGD"), (k.bram, "G.G.D. ")):
        telefoon = k.paneel("deelnemer", deelnemer)
        telefoon.naam.value = naam
        telefoon.domein.value = "zorg"
        telefoon.invloed.value = 4
        telefoon.belang.value = 5
        telefoon.knop.click()
        assert "Opgeslagen" in telefoon.melding.tekst
    k.ververs(wand)
    assert "<svg" in wand.grafiek.value
    assert grafiek_naam(wand.grafiek.value) == "Stakeholderkaart naar invloed en belang, 1 partij: GGD."
    assert "nauw betrekken" in wand.grafiek.value
    assert "Wie ontbreekt?" in wand.ontbreekt.value and "inwoners" in wand.ontbreekt.value


def test_deelnemer_houdt_getypte_partij_als_die_geweigerd_wordt(kamer) -> None:
    k = kamer("stakeholder")
    telefoon = k.paneel("deelnemer", k.anna)
    telefoon.naam.value = "   "
    telefoon.organisatie.value = "Gemeente Noord"
    telefoon.knop.click()
    assert telefoon.melding.soort == "fout" and "Vul naam in" in telefoon.melding.tekst
    assert telefoon.organisatie.value == "Gemeente Noord"
    assert k.store.items("stakeholder", k.bijeenkomst.id) == []


def test_deelnemer_wijzigt_en_trekt_eigen_partij_in(kamer) -> None:
    k = kamer("stakeholder")
    telefoon = k.paneel("deelnemer", k.anna)
    telefoon.naam.value = "Inwonersplatform"
    telefoon.knop.click()
    [item] = k.store.items("stakeholder", k.bijeenkomst.id)
    telefoon.bewerk(item)
    telefoon.belang.value = 5
    telefoon.knop.click()
    assert k.store.haal("stakeholder", item.id).belang == 5
    telefoon.trek_in(k.store.haal("stakeholder", item.id))
    assert k.store.items("stakeholder", k.bijeenkomst.id) == []


def test_procesbegeleider_verbergt_een_partij_en_de_wand_laat_hem_los(kamer) -> None:
    k = kamer("stakeholder")
    k.store.voeg_toe(
        k.anna.id,
        model.Stakeholder(naam="Zorgverzekeraar", domein="verzekeraar", onderdeel_id=k.onderdeel.id),
    )
    regie = k.paneel("regie")
    [verberg] = knoppen(regie.widget, "wp-hide-button")
    verberg.click()
    assert not k.store.items("stakeholder", k.bijeenkomst.id)[0].zichtbaar
    assert "Nog geen partijen" in regie.wand.grafiek.value
    [herstel] = knoppen(regie.widget, "wp-restore-button")
    herstel.click()
    assert k.store.items("stakeholder", k.bijeenkomst.id)[0].zichtbaar


# --- relatie -------------------------------------------------------------------------------


def test_deelnemer_geeft_per_aanwezige_organisatie_aan_hoe_vaak_er_contact_is(kamer) -> None:
    k = kamer("relatie", werkvorm="netwerkanalyse")
    wand, regie = k.paneel("wand"), k.paneel("regie")
    telefoon = k.paneel("deelnemer", k.anna)
    assert telefoon.van.value == "Huisartsenpraktijk Noord"
    assert list(telefoon.rijen) == ["sociaal wijkteam noord"]
    rij = telefoon.rijen["sociaal wijkteam noord"]
    rij.overleg.value = "MDO"
    rij.frequentie.value = "wekelijks"
    telefoon.vrij.naam.value = "Apotheek Noord"
    telefoon.vrij.frequentie.value = "maandelijks"
    relaties = k.store.items("relatie", k.bijeenkomst.id)
    assert {(r.naar, r.frequentie, r.overlegvorm) for r in relaties} == {
        ("Sociaal Wijkteam Noord", "wekelijks", "MDO"),
        ("Apotheek Noord", "maandelijks", ""),
    }
    rij.frequentie.value = "dagelijks"
    assert len(k.store.items("relatie", k.bijeenkomst.id)) == 2, "a changed choice updates, not duplicates"
    k.ververs(wand, regie)
    assert "<svg" in wand.grafiek.value
    assert "Dichtheid tussen zorg en sociaal domein: 100%" in regie.bevindingen.value


def test_nieuwe_deelnemer_verschijnt_als_rij_zonder_herladen(kamer) -> None:
    k = kamer("relatie")
    telefoon = k.paneel("deelnemer", k.anna)
    k.store.aanmelden(k.bijeenkomst.code, organisatie="Welzijn Noord", domein="sociaal")
    k.ververs(telefoon)
    assert "welzijn noord" in telefoon.rijen


# --- swot ----------------------------------------------------------------------------------


def test_swot_punt_verschijnt_ontsnapt_in_het_juiste_vak(kamer) -> None:
    k = kamer("swot")
    wand = k.paneel("wand")
    telefoon = k.paneel("deelnemer", k.anna)
    telefoon.kwadrant.value = "zwakte"
    telefoon.tekst.value = f"Succes hangt af van de klik {XSS}"
    telefoon.knop.click()
    assert "Opgeslagen bij Zwaktes" in telefoon.melding.tekst
    k.ververs(wand)
    assert "&lt;img src=x onerror=alert(1)&gt;" in wand.tabel.value
    assert XSS not in html_van(wand.widget)
    vak = wand.tabel.value.split("wp-swot-zwakte")[1].split("</td>")[0]
    assert "klik" in vak


def test_swot_zonder_kwadrant_wordt_geweigerd_met_de_keuzes(kamer) -> None:
    k = kamer("swot")
    telefoon = k.paneel("deelnemer", k.anna)
    telefoon.tekst.value = "Korte lijnen"
    telefoon.knop.click()
    assert "Kies een kwadrant" in telefoon.melding.tekst
    assert telefoon.tekst.value == "Korte lijnen"


def test_procesbegeleider_maakt_strategie_en_de_zaal_stemt_erop(kamer) -> None:
    k = kamer("swot", stippen=2)
    sterkte = k.store.voeg_toe(
        k.anna.id, model.SwotItem(kwadrant="sterkte", tekst="Korte lijnen", onderdeel_id=k.onderdeel.id)
    )
    kans = k.store.voeg_toe(
        k.bram.id, model.SwotItem(kwadrant="kans", tekst="Welzijn op Recept", onderdeel_id=k.onderdeel.id)
    )
    regie = k.paneel("regie")
    regie.intern.value = sterkte.id
    regie.extern.value = kans.id
    regie.strategie.value = "Huisarts verwijst via de korte lijn naar Welzijn op Recept"
    regie.voeg_toe.click()
    [strategie] = k.store.items("confrontatie", k.bijeenkomst.id)
    assert "S-O" in regie.wand.strategieen.value
    regie.stemmen.click()
    assert k.store.onderdeel(k.onderdeel.id).stemmen_open
    telefoon = k.paneel("deelnemer", k.bram)
    assert [item["id"] for item in telefoon.stemmen.lijst.items] == [strategie.id]
    for _ in range(3):
        telefoon.stemmen.lijst.stem(strategie.id)
    assert "al je 2 stippen" in telefoon.stemmen.melding.tekst
    assert [(s.soort, s.doel_id) for s in k.store.stemmen(k.bijeenkomst.id)] == [
        ("confrontatie", strategie.id)
    ] * 2
    wand = k.paneel("wand")
    assert "2●" in wand.strategieen.value


def test_strategie_uit_twee_sterktes_wordt_geweigerd(kamer) -> None:
    k = kamer("swot")
    a = k.store.voeg_toe(
        k.anna.id, model.SwotItem(kwadrant="sterkte", tekst="A", onderdeel_id=k.onderdeel.id)
    )
    k.store.voeg_toe(k.anna.id, model.SwotItem(kwadrant="kans", tekst="B", onderdeel_id=k.onderdeel.id))
    regie = k.paneel("regie")
    regie.intern.value = a.id
    regie.extern.value = None
    regie.voeg_toe.click()
    assert regie.melding.soort == "fout"
    assert k.store.items("confrontatie", k.bijeenkomst.id) == []


def test_een_telefoon_leest_niets_als_een_ander_een_swot_punt_stuurt_terwijl_het_stemmen_dicht_is(
    kamer, monkeypatch
) -> None:
    k = kamer("swot")
    telefoon = k.paneel("deelnemer", k.anna)
    k.store.voeg_toe(k.bram.id, model.SwotItem(kwadrant="kans", tekst="Welzijn op Recept", onderdeel_id=k.onderdeel.id))
    lezingen = []
    for naam in ("items", "stemmen", "onderdeel"):
        echt = getattr(k.store, naam)
        monkeypatch.setattr(k.store, naam, lambda *a, _echt=echt, _naam=naam, **kw: lezingen.append(_naam) or _echt(*a, **kw))
    k.ververs(telefoon)
    assert lezingen == []


def test_eigen_punten_op_de_telefoon_volgen_een_ander_tabblad_en_het_intrekken(kamer) -> None:
    k = kamer("swot")
    telefoon, tweede = k.paneel("deelnemer", k.anna), k.paneel("deelnemer", k.anna)
    telefoon.kwadrant.value = "sterkte"
    telefoon.tekst.value = "Korte lijnen"
    telefoon.knop.click()
    [item] = k.store.items("swot", k.bijeenkomst.id)
    k.ververs(tweede)
    [rij] = tweede.eigen.rijen.values()
    assert "Korte lijnen" in rij.tekst.value and rij.trek_in.tooltip == "Intrekken: Korte lijnen"
    rij.trek_in.click()
    assert k.store.items("swot", k.bijeenkomst.id) == []
    k.ververs(telefoon)
    assert telefoon.eigen.rijen == {} and telefoon.eigen.leeg.layout.display is None


def test_procesbegeleider_verbergt_en_herstelt_een_voorstel_en_de_telefoon_volgt(kamer) -> None:
    k = kamer("actie", werkvorm="actielijst")
    telefoon = k.paneel("deelnemer", k.anna)
    telefoon.wat.value = "Sociale kaart van de wijk maken"
    telefoon.knop.click()
    [voorstel] = k.store.items("bijdrage", k.bijeenkomst.id)
    k.regie.verberg("bijdrage", voorstel.id)
    k.ververs(telefoon)
    assert telefoon.eigen.rijen == {}
    k.regie.herstel("bijdrage", voorstel.id)
    k.ververs(telefoon)
    assert list(telefoon.eigen.rijen) == [voorstel.id]


# --- stip ----------------------------------------------------------------------------------


def test_stip_begint_met_het_jaar_over_tien_jaar_en_komt_op_de_wand(kamer) -> None:
    k = kamer("stip", werkvorm="stip-op-de-horizon", stippen=3)
    telefoon = k.paneel("deelnemer", k.anna)
    jaar = date.today().year + 10
    assert telefoon.tekst.value.startswith(f"In {jaar}")
    telefoon.tekst.value = f"In {jaar} kent iedere inwoner één aanspreekpunt in de wijk."
    telefoon.knop.click()
    wand = k.paneel("wand")
    assert "één aanspreekpunt" in wand.top.value


def test_procesbegeleider_maakt_de_stip_definitief_uit_de_top(kamer) -> None:
    k = kamer("stip", werkvorm="stip-op-de-horizon", stippen=3)
    for deelnemer, tekst in (
        (k.anna, "In 2036 is er één wijkteam."),
        (k.bram, "In 2036 delen we gegevens veilig."),
    ):
        k.store.voeg_toe(deelnemer.id, model.Stip(tekst=tekst, onderdeel_id=k.onderdeel.id))
    regie = k.paneel("regie")
    regie.stemmen.click()
    tweede = k.store.items("stip", k.bijeenkomst.id)[1]
    k.store.stem(k.anna.id, k.onderdeel.id, tweede.id, "stip")
    regie.vul_met_top()
    assert regie.samenstellen.value.splitlines()[0] == "In 2036 delen we gegevens veilig."
    regie.samenstellen.value = "In 2036 werken zorg en sociaal domein als één team rond de inwoner."
    regie.definitief.click()
    wand = k.paneel("wand")
    assert "als één team" in wand.stip.value and "wp-stip-groot" in wand.stip.value
    assert "als één team" in k.paneel("deelnemer", k.bram).gekozen.value


def test_mijlpalen_per_termijn_vullen_de_tijdlijn(kamer) -> None:
    k = kamer("stip", werkvorm="mijlpalen", kolommen=("5 jaar", "2 jaar", "1 jaar", "100 dagen"))
    telefoon = k.paneel("deelnemer", k.anna)
    assert telefoon.soort == "mijlpaal" and telefoon.tekst.value == ""
    telefoon.horizon.value = "100 dagen"
    telefoon.tekst.value = "Telefoonlijst met vaste aanspreekpunten rondgestuurd"
    telefoon.knop.click()
    regie = k.paneel("regie")
    regie.horizon.value = "5 jaar"
    regie.mijlpaal.value = "Gezamenlijk dossier in gebruik"
    regie.mijlpaal_knop.click()
    assert {(m.horizon, m.deelnemer_id is None) for m in k.store.items("mijlpaal", k.bijeenkomst.id)} == {
        ("100 dagen", False),
        ("5 jaar", True),
    }
    wand = k.paneel("wand")
    assert "<svg" in wand.grafiek.value
    assert grafiek_naam(wand.grafiek.value) == (
        "Tijdlijn met 2 mijlpalen, van dichtbij naar ver: "
        "Telefoonlijst met vaste aanspreekpunten rondgestuurd en Gezamenlijk dossier in gebruik."
    )


def test_grafiek_op_de_wand_noemt_partijen_in_zijn_beschrijving_als_tekst(kamer) -> None:
    k = kamer("stakeholder")
    telefoon = k.paneel("deelnemer", k.anna)
    telefoon.naam.value = f"Wijkraad {XSS} 'Noord'"
    telefoon.domein.value = "sociaal"
    telefoon.invloed.value = 2
    telefoon.belang.value = 4
    telefoon.knop.click()
    wand = k.paneel("wand")
    assert XSS not in wand.grafiek.value
    assert grafiek_naam(wand.grafiek.value) == (
        f"Stakeholderkaart naar invloed en belang, 1 partij: Wijkraad {XSS} 'Noord'."
    )


# --- dubbelcheck ---------------------------------------------------------------------------


def _oplossingen(k: Kamer, *teksten: str, stippen: tuple[int, ...]) -> list[model.Bijdrage]:
    bron = k.store.onderdelen(k.bijeenkomst.id)[0]
    k.regie.ga_naar(bron.id)
    k.regie.start_stemmen(bron.id, 5)
    bijdragen = [k.store.voeg_toe(k.anna.id, model.Bijdrage(tekst=t, onderdeel_id=bron.id)) for t in teksten]
    for bijdrage, n in zip(bijdragen, stippen, strict=True):
        for _ in range(n):
            k.store.stem(k.bram.id, bron.id, bijdrage.id)
    k.regie.ga_naar(k.onderdeel.id)
    return bijdragen


def test_dubbelcheck_toetst_de_oplossingen_met_de_meeste_stippen(kamer) -> None:
    from toolkit.apps.gedeeld import top_oplossingen

    k = kamer("dubbelcheck")
    a, b, c, d = _oplossingen(
        k, "Sociale kaart", "Wijkspreekuur", "Vast aanspreekpunt", "App", stippen=(0, 2, 1, 2)
    )
    assert [o.id for o in top_oplossingen(k.store, k.onderdeel)] == [b.id, d.id, c.id]


def test_lage_score_op_kwetsbaren_wordt_gemarkeerd_op_de_wand(kamer) -> None:
    k = kamer("dubbelcheck")
    [oplossing] = _oplossingen(k, "Digitaal loket", stippen=(1,))
    telefoon = k.paneel("deelnemer", k.anna)
    assert len(telefoon.keuzes) == 6
    for onderwerp, keuze in telefoon.keuzes.items():
        keuze.value = 1 if onderwerp.endswith(("kwetsbaren", "gezondheidsgelijkheid")) else 4
    assert len(k.store.items("antwoord", k.bijeenkomst.id)) == 6
    wand = k.paneel("wand")
    assert "<svg" in wand.grafiek.value
    assert "Digitaal loket" in wand.signalen.value and "kwetsbare" in wand.signalen.value


def test_dubbelcheck_alle_achttien_scores_snel_achter_elkaar_worden_bewaard(kamer) -> None:
    k = kamer("dubbelcheck")
    _oplossingen(k, "Digitaal loket", "Vast aanspreekpunt", "Sociale kaart", stippen=(1, 1, 1))
    telefoon = k.paneel("deelnemer", k.anna)
    keuzes = list(telefoon.keuzes.values())
    assert len(keuzes) == 18
    for keuze in keuzes:
        keuze.value = 4
    assert len(k.store.items("antwoord", k.bijeenkomst.id)) == 18
    assert "Nog niet opgeslagen" not in html_van(telefoon.widget)


def test_dubbelcheck_score_bij_bezette_opslag_wordt_later_alsnog_bewaard(kamer, monkeypatch) -> None:
    k = kamer("dubbelcheck")
    _oplossingen(k, "Digitaal loket", stippen=(1,))
    telefoon = k.paneel("deelnemer", k.anna)
    echte_voeg_toe = k.store.voeg_toe

    def bezet(*_args, **_kwargs):
        raise OpslagBezet("Het opslaan duurt te lang omdat het erg druk is; probeer het zo nog eens.")

    monkeypatch.setattr(k.store, "voeg_toe", bezet)
    list(telefoon.keuzes.values())[0].value = 3
    assert k.store.items("antwoord", k.bijeenkomst.id) == []
    assert "Nog niet opgeslagen" in html_van(telefoon.widget)
    monkeypatch.setattr(k.store, "voeg_toe", echte_voeg_toe)
    k.store.aanmelden(k.bijeenkomst.code, organisatie="Welzijn Noord", domein="sociaal")
    k.ververs(telefoon)
    assert len(k.store.items("antwoord", k.bijeenkomst.id)) == 1
    assert "Nog niet opgeslagen" not in html_van(telefoon.widget)


def test_dubbelcheck_zonder_oplossingen_zegt_dat_er_niets_te_toetsen_is(kamer) -> None:
    k = kamer("dubbelcheck")
    assert "nog geen oplossingen" in html_van(k.paneel("deelnemer", k.anna).widget)
    assert "Nog geen oplossingen" in k.paneel("wand").grafiek.value


# --- actie / afspraak ----------------------------------------------------------------------


def test_deelnemer_stelt_een_actie_voor_en_de_procesbegeleider_promoveert_die(kamer) -> None:
    k = kamer("actie", werkvorm="actielijst")
    telefoon = k.paneel("deelnemer", k.anna)
    telefoon.wat.value = "Sociale kaart van de wijk maken"
    telefoon.wie.value = "Welzijn"
    telefoon.thema.value = "communicatie"
    telefoon.knop.click()
    [voorstel] = k.store.items("bijdrage", k.bijeenkomst.id, onderdeel_id=k.onderdeel.id)
    assert voorstel.kolom == "voorstel" and "wie: Welzijn" in voorstel.tekst
    regie = k.paneel("regie")
    [neem] = knoppen(regie.widget, "wp-promote-button")
    neem.click()
    nieuw = regie.nieuw
    nieuw.wat.value = "Sociale kaart van de wijk maken"
    nieuw.wie.value = "Welzijn Noord"
    nieuw.wanneer.value = date.today() + timedelta(days=60)
    nieuw.bewaar.click()
    [actie] = k.store.items("actie", k.bijeenkomst.id)
    assert (actie.bijdrage_id, actie.thema, actie.wie) == (voorstel.id, "communicatie", "Welzijn Noord")
    k.ververs(telefoon)
    assert "Welzijn Noord" in telefoon.lijst.value
    assert "Welzijn Noord" in k.paneel("wand").tabel.value


@pytest.mark.parametrize(
    ("wie", "wanneer", "melding"),
    [
        ("", date.today() + timedelta(days=7), "Vul wie in"),
        ("POH-GGZ", date.today() - timedelta(days=1), "datum vanaf vandaag"),
        ("POH-GGZ", None, "Vul een datum in"),
    ],
)
def test_actie_met_ontbrekende_of_verleden_gegevens_wordt_geweigerd(kamer, wie, wanneer, melding) -> None:
    k = kamer("actie", werkvorm="actielijst")
    regie = k.paneel("regie")
    regie.nieuw.wat.value = "Terugkoppeling na verwijzing afspreken"
    regie.nieuw.wie.value = wie
    regie.nieuw.wanneer.value = wanneer
    regie.nieuw.bewaar.click()
    assert melding in regie.nieuw.melding.tekst
    assert regie.nieuw.wat.value == "Terugkoppeling na verwijzing afspreken"
    assert k.store.items("actie", k.bijeenkomst.id) == []


def test_procesbegeleider_zet_een_actie_op_klaar(kamer) -> None:
    k = kamer("actie", werkvorm="actielijst")
    k.regie.voeg_toe(
        model.Actie.nieuw(wat="Wijkspreekuur", wie="Huisarts", wanneer=date.today() + timedelta(days=30))
    )
    regie = k.paneel("regie")
    [rij] = regie._rijen.values()
    rij.status.value = "klaar"
    rij.bewaar.click()
    assert k.store.items("actie", k.bijeenkomst.id)[0].status == "klaar"
    assert "klaar" in k.paneel("wand").tabel.value


def test_afspraak_met_evaluatiemoment_op_de_wand(kamer) -> None:
    k = kamer("afspraak", werkvorm="afspraken")
    regie = k.paneel("regie")
    regie.nieuw.tekst.value = f"Na elke verwijzing koppelen we binnen een week terug {XSS}"
    regie.nieuw.evaluatie.value = date.today() + timedelta(days=90)
    regie.nieuw.bewaar.click()
    [afspraak] = k.store.items("afspraak", k.bijeenkomst.id)
    assert afspraak.evaluatiemoment == date.today() + timedelta(days=90)
    wand = k.paneel("wand")
    assert model.datum_nl(afspraak.evaluatiemoment) in wand.tabel.value
    assert XSS not in wand.tabel.value
    telefoon = k.paneel("deelnemer", k.bram)
    assert "evaluatie " in telefoon.lijst.value and not hasattr(telefoon, "keuzes")
