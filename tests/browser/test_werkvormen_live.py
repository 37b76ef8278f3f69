"""One happy path per werkvorm in real browsers: a participant enters it, the wand shows it.

One Voila server, one wand page (1920 px) and one phone page (375 px) for the whole module;
the facilitator moves the room through the onderdelen with the store, as the regiekamer
would, and the pages follow by themselves. Each test leaves the next onderdeel to the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from toolkit import model
from toolkit.store import Regie, Store

from .conftest import geen_externe_verzoeken, pagina_in, wacht_op_widget

LANG = 90_000
XSS = "<img src=x onerror=alert(1)>"
STELLING = "Na een verwijzing hoort de verwijzer altijd terug wat er met de vraag is gebeurd."
PROGRAMMA = (
    model.Onderdeel(
        werkvorm="stellingen",
        titel="Stellingen",
        vraag="Hoe eens ben je het?",
        invoer="stelling",
        stellingen=(STELLING,),
    ),
    model.Onderdeel(
        werkvorm="netwerkanalyse", titel="Netwerkanalyse", vraag="Met wie heb je contact?", invoer="relatie"
    ),
    model.Onderdeel(
        werkvorm="stakeholderkaart", titel="Stakeholderkaart", vraag="Wie hoort erbij?", invoer="stakeholder"
    ),
    model.Onderdeel(
        werkvorm="swot", titel="SWOT", vraag="Sterktes, zwaktes, kansen, bedreigingen?", invoer="swot"
    ),
    model.Onderdeel(
        werkvorm="stip-op-de-horizon",
        titel="Stip op de horizon",
        vraag="Waar staan we over 10 jaar?",
        invoer="stip",
    ),
    model.Onderdeel(werkvorm="oplossingen", titel="Oplossingen", vraag="Wat doen we?", invoer="tekst"),
    model.Onderdeel(
        werkvorm="dubbelcheck", titel="Dubbelcheck", vraag="Bereiken we de kwetsbaren?", invoer="dubbelcheck"
    ),
    model.Onderdeel(werkvorm="actielijst", titel="Actielijst", vraag="Wie doet wat?", invoer="actie"),
)


@dataclass
class Zaal:
    store: Store
    regie: Regie
    bijeenkomst: model.Bijeenkomst
    wand: object
    telefoon: object

    def ga_naar(self, werkvorm: str) -> model.Onderdeel:
        [onderdeel] = [o for o in self.store.onderdelen(self.bijeenkomst.id) if o.werkvorm == werkvorm]
        self.regie.ga_naar(onderdeel.id)
        return onderdeel


@pytest.fixture(scope="module")
def zaal(voila_server, chromium_browser):
    store = Store(voila_server.db)
    bijeenkomst, sleutel = store.nieuwe_bijeenkomst("Startbijeenkomst Wijk Noord", onderdelen=list(PROGRAMMA))
    regie = store.regie(bijeenkomst.code, sleutel)
    _, token = store.aanmelden(
        bijeenkomst.code, organisatie="Huisartsenpraktijk Noord", domein="zorg", naam="Anna"
    )
    store.aanmelden(bijeenkomst.code, organisatie="Sociaal Wijkteam Noord", domein="sociaal")
    regie.ga_naar(store.onderdelen(bijeenkomst.id)[0].id)
    contexten = []

    def open_pagina(url: str, breedte: int, hoogte: int):
        page = pagina_in(chromium_browser, (breedte, hoogte), timeout=LANG)
        contexten.append(page.context)
        page.goto(url, timeout=LANG * 2)
        return page

    wand = open_pagina(voila_server.url("wand", code=bijeenkomst.code), 1920, 1080)
    telefoon = open_pagina(voila_server.url("deelnemer", code=bijeenkomst.code, t=token), 375, 812)
    yield Zaal(store, regie, store.bijeenkomst_met_id(bijeenkomst.id), wand, telefoon)
    for page in (wand, telefoon):
        geen_externe_verzoeken(page)
    for ctx in contexten:
        ctx.close()


def test_stelling_keuze_op_de_telefoon_wordt_een_grafiek_op_de_wand(zaal) -> None:
    zaal.ga_naar("stellingen")
    keuze = wacht_op_widget(zaal.telefoon, "wp-stelling-keuze", timeout=LANG)
    keuze.get_by_role("radio", name=re.compile(r"^4\b")).click()
    wacht_op_widget(zaal.telefoon, "wp-saved", timeout=LANG)
    zaal.wand.locator(".wp-stellingen-wand svg").first.wait_for(timeout=LANG)
    [antwoord] = zaal.store.items("antwoord", zaal.bijeenkomst.id)
    assert (antwoord.onderwerp, antwoord.waarde) == (STELLING, 4)


def test_relatie_naar_aanwezige_organisatie_komt_in_de_netwerkplaat(zaal) -> None:
    zaal.ga_naar("netwerkanalyse")
    wacht_op_widget(zaal.telefoon, "wp-frequentie", timeout=LANG).locator("select").select_option("wekelijks")
    wacht_op_widget(zaal.telefoon, "wp-saved", timeout=LANG)
    zaal.wand.locator(".wp-bevindingen", has_text="1 deelnemers vulden").wait_for(timeout=LANG)
    zaal.wand.locator(".wp-netwerk svg", has_text="Sociaal Wijkteam Noord").first.wait_for(timeout=LANG)


def test_stakeholder_verschijnt_op_de_kaart(zaal) -> None:
    zaal.ga_naar("stakeholderkaart")
    wacht_op_widget(zaal.telefoon, "wp-stakeholder-naam", timeout=LANG).locator("input").fill("GGD Noord")
    zaal.telefoon.locator(".wp-submit").first.click()
    wacht_op_widget(zaal.telefoon, "wp-saved", timeout=LANG)
    zaal.wand.locator(".wp-stakeholderkaart svg", has_text="GGD Noord").first.wait_for(timeout=LANG)
    assert "inwoners" in zaal.wand.locator(".wp-ontbreekt").inner_text()
    # U+FFFF once made the chart renderer abort the wand's kernel (issue 14): now it is not text.
    wacht_op_widget(zaal.telefoon, "wp-stakeholder-naam", timeout=LANG).locator("input").fill("Huis\uffffarts Zuid")
    zaal.telefoon.locator(".wp-submit").first.click()
    zaal.wand.locator(".wp-stakeholderkaart svg", has_text="Huisarts Zuid").first.wait_for(timeout=LANG)
    assert "Huisarts Zuid" in [s.naam for s in zaal.store.items("stakeholder", zaal.bijeenkomst.id)]


def test_swot_punt_staat_letterlijk_in_het_goede_vak(zaal) -> None:
    zaal.ga_naar("swot")
    wacht_op_widget(zaal.telefoon, "wp-kwadrant", timeout=LANG).get_by_role("radio", name="Kansen").click()
    zaal.telefoon.locator(".wp-swot-tekst textarea").fill(f"Welzijn op Recept {XSS}")
    zaal.telefoon.locator(".wp-submit").first.click()
    vak = zaal.wand.locator(".wp-swot-kans", has_text="Welzijn op Recept")
    vak.wait_for(timeout=LANG)
    assert XSS in vak.inner_text()
    assert zaal.wand.locator(".wp-swot-kans img").count() == 0


def test_stip_op_de_horizon_komt_bij_de_uitspraken(zaal) -> None:
    zaal.ga_naar("stip-op-de-horizon")
    veld = wacht_op_widget(zaal.telefoon, "wp-stip-tekst", timeout=LANG).locator("textarea")
    jaar = date.today().year + 10
    assert veld.input_value().startswith(f"In {jaar}")
    veld.fill(f"In {jaar} heeft elke inwoner één vast aanspreekpunt.")
    zaal.telefoon.locator(".wp-submit").first.click()
    zaal.wand.locator(".wp-uitspraken", has_text="één vast aanspreekpunt").wait_for(timeout=LANG)


def test_dubbelcheck_score_kleurt_de_heatmap(zaal) -> None:
    bron = zaal.ga_naar("oplossingen")
    zaal.regie.voeg_toe(model.Bijdrage(tekst="Sociale kaart van de wijk", onderdeel_id=bron.id))
    zaal.ga_naar("dubbelcheck")
    keuzes = zaal.telefoon.locator(".wp-dubbelcheck-keuze")
    keuzes.first.wait_for(timeout=LANG)
    assert keuzes.count() == 6
    keuzes.nth(4).get_by_role("radio", name=re.compile(r"^2\b")).click()
    keuzes.nth(5).get_by_role("radio", name=re.compile(r"^1\b")).click()
    zaal.wand.locator(".wp-dubbelcheck svg").first.wait_for(timeout=LANG)
    zaal.wand.locator(".wp-signalen", has_text="Sociale kaart van de wijk").wait_for(timeout=LANG)


def test_voorstel_voor_een_actie_wordt_na_promotie_zichtbaar_op_de_wand(zaal) -> None:
    onderdeel = zaal.ga_naar("actielijst")
    veld = wacht_op_widget(zaal.telefoon, "wp-voorstel-wat", timeout=LANG).locator("textarea")
    veld.fill("Vast aanspreekpunt per praktijk afspreken")
    zaal.telefoon.locator(".wp-submit").first.click()
    wacht_op_widget(zaal.telefoon, "wp-saved", timeout=LANG)
    [voorstel] = [b for b in zaal.store.items("bijdrage", zaal.bijeenkomst.id) if b.kolom == "voorstel"]
    zaal.regie.promoveer(
        voorstel.id,
        wat="Vast aanspreekpunt per praktijk afspreken",
        wie="Wijkteam Noord",
        wanneer=date.today() + timedelta(days=30),
        onderdeel_id=onderdeel.id,
    )
    zaal.wand.locator(".wp-actielijst", has_text="Wijkteam Noord").wait_for(timeout=LANG)
    zaal.telefoon.locator(".wp-actielijst", has_text="Wijkteam Noord").wait_for(timeout=LANG)
