"""A live bijeenkomst in real browsers: participants on phones, the wand, the regiekamer.

One Voila server (``toolkit.server``, pool of preheated deelnemer kernels) for the module;
each test makes its own bijeenkomst in the server's database. Facilitator actions that
are not the subject of a test go straight through the store.
"""

from __future__ import annotations

import time
from urllib.parse import urljoin

import httpx
import psutil
import pytest

from toolkit import model
from toolkit.store import Store

from .conftest import doe_mee, geen_externe_verzoeken, wacht_op_widget
from .conftest import schrijf as schrijf_op

SNEL = 5_000  # ms: what a participant may wait for the room to follow (goal: within a second)


def _onderdelen() -> list[model.Onderdeel]:
    return [
        model.Onderdeel(
            werkvorm="wijkbrainstorm",
            titel="Brainstorm over de wijk",
            vraag="Wat zie je?",
            invoer="tekst",
            anoniem=False,
            stippen=2,
        ),
        model.Onderdeel(
            werkvorm="stellingen",
            titel="Stellingen",
            vraag="Hoe staan we ervoor?",
            invoer="stelling",
            stellingen=("We kennen elkaar goed",),
        ),
    ]


@pytest.fixture
def zaal(voila_server):
    store = Store(voila_server.db)
    b, sleutel = store.nieuwe_bijeenkomst("Startbijeenkomst Wijk Noord", onderdelen=_onderdelen())
    regie = store.regie(b.code, sleutel)
    regie.volgende()
    voila_server.wacht_op_pool()
    return store, b, sleutel, regie


def kom_binnen(page, server, code: str, organisatie: str, naam: str = "") -> None:
    """Open the deelnemer page of ``code`` and join."""
    page.goto(server.url("deelnemer", code=code))
    wacht_op_widget(page, "wp-join-code", timeout=60_000)
    doe_mee(page, organisatie, naam=naam, timeout=SNEL)


def schrijf(page, tekst: str) -> None:
    schrijf_op(page, tekst, timeout=SNEL)


def open_wand(page, server, code: str) -> None:
    page.goto(server.url("wand", code=code))
    wacht_op_widget(page, "wp-current-step", timeout=60_000)


def test_twee_deelnemers_schrijven_en_de_wand_toont_beide(voila_server, zaal, nieuwe_pagina):
    _store, b, _sleutel, _regie = zaal
    wand = nieuwe_pagina(viewport=(1920, 1080))
    open_wand(wand, voila_server, b.code)
    assert wand.locator(".wp-join-qr svg").count() == 1
    assert b.code in wand.locator(".wp-code").inner_text()
    anna, bram = nieuwe_pagina(), nieuwe_pagina()
    kom_binnen(anna, voila_server, b.code, "Huisartsenpraktijk De Linde", naam="Anna")
    kom_binnen(bram, voila_server, b.code, "Sociaal wijkteam Noord")
    schrijf(anna, "Eenzame ouderen in de flat")
    schrijf(bram, "Wachtlijst schuldhulp")
    muur = wand.locator(".wp-wall")
    muur.get_by_text("Eenzame ouderen in de flat").wait_for(timeout=SNEL)
    muur.get_by_text("Wachtlijst schuldhulp").wait_for(timeout=SNEL)
    assert "Anna (Huisartsenpraktijk De Linde)" in muur.inner_text()
    assert wand.locator(".wp-participant-count").inner_text() == "2 deelnemers"
    for page in (wand, anna, bram):
        geen_externe_verzoeken(page)


def test_typen_in_het_aanmeldformulier_stuurt_niets_en_doe_mee_krijgt_alles(
    voila_server, zaal, nieuwe_pagina
):
    """Sixty people type their organisation at once: no key goes to the server; the value
    travels when they leave the field, also when they tap "Doe mee" straight from it."""
    _store, b, _sleutel, _regie = zaal
    telefoon = nieuwe_pagina()
    verstuurd: list[object] = []
    luister = [False]
    telefoon.on("websocket", lambda ws: ws.on("framesent", lambda f: luister[0] and verstuurd.append(f)))
    telefoon.goto(voila_server.url("deelnemer", code=b.code))
    veld = wacht_op_widget(telefoon, "wp-join-organisatie", timeout=60_000).locator("input")
    telefoon.wait_for_timeout(500)  # the page's own first messages are out
    luister[0] = True
    veld.press_sequentially("Wijkteam Oost", delay=20)
    telefoon.wait_for_timeout(300)
    assert verstuurd == []  # thirteen keys, no message
    keuze = telefoon.locator(".wp-join-domein select")
    keuze.focus()  # a finger on the list leaves the field
    keuze.select_option(label="Sociaal domein")
    telefoon.wait_for_timeout(300)
    assert len(verstuurd) == 2  # the field's value as it left, then the choice
    assert b"Wijkteam Oost" in verstuurd[0]
    veld.press("End")
    veld.press_sequentially(" 2")
    telefoon.locator(".wp-join-button").click()  # straight from the field
    telefoon.get_by_text("(Wijkteam Oost 2)").first.wait_for(timeout=SNEL)


def test_volgende_stap_in_de_regiekamer_wisselt_de_invoer_zonder_herladen(voila_server, zaal, nieuwe_pagina):
    _store, b, sleutel, _regie = zaal
    telefoon = nieuwe_pagina()
    kom_binnen(telefoon, voila_server, b.code, "GGD")
    telefoon.evaluate("window.__zelfde_pagina = true")
    regiekamer = nieuwe_pagina(viewport=(1280, 800))
    regiekamer.goto(voila_server.url("regiekamer", code=b.code, sleutel=sleutel))
    wacht_op_widget(regiekamer, "wp-next-step", timeout=60_000).click()
    regiekamer.locator(".wp-current-step", has_text="Stellingen").wait_for(timeout=SNEL)
    telefoon.locator(".wp-current-step", has_text="Stellingen").wait_for(timeout=SNEL)
    telefoon.locator(".wp-input textarea").wait_for(state="detached", timeout=SNEL)
    wacht_op_widget(telefoon, "wp-input", timeout=SNEL)  # the stelling input took its place
    assert telefoon.evaluate("window.__zelfde_pagina") is True  # no reload happened
    geen_externe_verzoeken(regiekamer)


def test_verborgen_bijdrage_verdwijnt_van_de_wand(voila_server, zaal, nieuwe_pagina):
    store, b, _sleutel, regie = zaal
    telefoon, wand = nieuwe_pagina(), nieuwe_pagina(viewport=(1920, 1080))
    kom_binnen(telefoon, voila_server, b.code, "Welzijn Noord")
    open_wand(wand, voila_server, b.code)
    schrijf(telefoon, "Iets ongepasts")
    item = wand.locator(".wp-wall-item", has_text="Iets ongepasts")
    item.wait_for(timeout=SNEL)
    (bijdrage,) = store.items("bijdrage", b.id)
    regie.verberg("bijdrage", bijdrage.id)
    item.wait_for(state="detached", timeout=SNEL)
    assert store.haal("bijdrage", bijdrage.id).tekst == "Iets ongepasts"  # hidden, not deleted


def test_niet_meer_stippen_dan_het_budget(voila_server, zaal, nieuwe_pagina):
    store, b, _sleutel, regie = zaal
    telefoon = nieuwe_pagina()
    kom_binnen(telefoon, voila_server, b.code, "Gemeente")
    schrijf(telefoon, "Vast aanspreekpunt")
    regie.start_stemmen(regie.bijeenkomst.huidig_onderdeel_id, 2)
    over = wacht_op_widget(telefoon, "wp-votes-left", timeout=SNEL)
    assert "nog 2 van je 2" in over.inner_text()
    knop = telefoon.locator(".wp-vote-button").first
    knop.click()
    telefoon.get_by_text("nog 1 van je 2").wait_for(timeout=SNEL)
    knop.click()
    telefoon.get_by_text("al je 2 stippen gezet").wait_for(timeout=SNEL)
    knop.click()
    telefoon.get_by_text("Je hebt al je 2 stippen gebruikt").wait_for(timeout=SNEL)
    assert len(store.stemmen(b.id)) == 2


def test_ingevoerde_markup_staat_er_letterlijk_en_draait_niet(voila_server, zaal, nieuwe_pagina):
    _store, b, _sleutel, _regie = zaal
    telefoon, wand = nieuwe_pagina(), nieuwe_pagina(viewport=(1920, 1080))
    dialogen: list[str] = []
    for page in (telefoon, wand):
        page.on("dialog", lambda d: (dialogen.append(d.message), d.dismiss()))
    kom_binnen(telefoon, voila_server, b.code, "<b>Vet</b> & co")
    open_wand(wand, voila_server, b.code)
    kwaad = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    schrijf(telefoon, kwaad)
    wand.locator(".wp-wall-item", has_text=kwaad).wait_for(timeout=SNEL)
    assert wand.locator(".wp-wall img").count() == 0
    assert wand.locator(".wp-wall script").count() == 0
    assert "<b>Vet</b> & co" in telefoon.locator(".wp-welkom").inner_text()
    time.sleep(0.5)
    assert dialogen == []


def test_regiekamer_zonder_sleutel_heeft_geen_bediening(voila_server, zaal, nieuwe_pagina):
    _store, b, _sleutel, _regie = zaal
    page = nieuwe_pagina(viewport=(1280, 800))
    page.goto(voila_server.url("regiekamer", code=b.code, sleutel="geraden"))
    wacht_op_widget(page, "wp-key-input", timeout=60_000)
    page.get_by_text("Deze sleutel hoort niet bij deze bijeenkomst").wait_for()
    for klasse in ("wp-next-step", "wp-prev-step", "wp-reveal-button", "wp-hide-button", "wp-export-button"):
        assert page.locator(f".{klasse}").count() == 0
    assert page.locator("button").count() == 1  # only "Open de regiekamer"


def test_verslag_en_bestanden_worden_niet_geserveerd(voila_server):
    for pad in ("/voila/render/verslag.ipynb", "/voila/files/deelnemer.ipynb", "/voila/tree"):
        antwoord = httpx.get(voila_server.base + pad, follow_redirects=True)
        assert antwoord.status_code >= 400, pad


def _deelnemerkernel(server, oude_pids: set[int]) -> psutil.Process:
    """The kernel that serves the page: a pool kernel that is busy polling the store
    (the one still waiting in the pool uses no CPU)."""
    kandidaten = [psutil.Process(p) for p in oude_pids & server.kernel_pids()]
    voor = {k.pid: sum(k.cpu_times()[:2]) for k in kandidaten}
    time.sleep(2.0)
    return max(kandidaten, key=lambda k: sum(k.cpu_times()[:2]) - voor[k.pid])


def test_gestopte_kernel_verliest_niets_en_de_deelnemer_gaat_verder(voila_server, zaal, nieuwe_pagina):
    store, b, _sleutel, _regie = zaal
    oude_pids = voila_server.kernel_pids()
    telefoon = nieuwe_pagina()
    kom_binnen(telefoon, voila_server, b.code, "Thuiszorg Oost")
    schrijf(telefoon, "Mantelzorgers raken overbelast")
    link = urljoin(telefoon.url, telefoon.locator(".wp-personal-link").get_attribute("href"))
    telefoon.wait_for_url(link, timeout=10_000)  # the address bar now holds the personal link
    kernel = _deelnemerkernel(voila_server, oude_pids)
    kernel.kill()
    kernel.wait(10)
    assert [x.tekst for x in store.items("bijdrage", b.id)] == ["Mantelzorgers raken overbelast"]
    voila_server.wacht_op_pool()
    telefoon.reload()  # what a phone does after its screen lock: the same address again
    wacht_op_widget(telefoon, "wp-input", timeout=60_000)
    telefoon.locator(".wp-eigen-tekst", has_text="Mantelzorgers raken overbelast").wait_for()
    schrijf(telefoon, "Huisarts weet niet wie de wijkcoach is")
    assert len(store.deelnemers(b.id)) == 1
    assert len(store.items("bijdrage", b.id)) == 2


def test_deelnemerpagina_op_375_px_scrolt_niet_horizontaal(voila_server, zaal, nieuwe_pagina):
    _store, b, _sleutel, regie = zaal
    telefoon = nieuwe_pagina(viewport=(375, 812))
    telefoon.goto(voila_server.url("deelnemer", code=b.code))
    wacht_op_widget(telefoon, "wp-join-button", timeout=60_000)
    breedte = "document.documentElement.scrollWidth"
    assert telefoon.evaluate(breedte) <= 375
    kom_binnen(telefoon, voila_server, b.code, "Een organisatie met een heel erg lange naam die niet past")
    schrijf(
        telefoon, "Eenheelerglangwoordzonderspatiesdatnergenspastophetschermvaneentelefoonwantdatisteklein"
    )
    regie.start_stemmen(regie.bijeenkomst.huidig_onderdeel_id, 2)
    wacht_op_widget(telefoon, "wp-vote-button", timeout=SNEL)
    assert telefoon.evaluate(breedte) <= 375
    telefoon.screenshot(path="/tmp/wp-deelnemer-375.png", full_page=True)
