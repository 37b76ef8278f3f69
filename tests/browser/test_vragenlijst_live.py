"""A questionnaire that stays open for days, in real browsers.

Two partners fill it in at their own moment, each in their own browser session that ends
afterwards (as on different days); one comes back later with the personal link, sees the
own answer and changes it. The facilitator's count by domein follows. The closing day
itself is checked in-process with a simulated clock (tests/test_traject.py).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import urljoin

from toolkit import model
from toolkit.store import Store
from toolkit.store import traject as st
from toolkit.werkvormen import laad_programma

from .conftest import geen_externe_verzoeken, wacht_op_widget

LANG = 90_000
VRAAG = "Is de samenwerking verbeterd?"


def test_twee_partners_vullen_de_vragenlijst_in_en_een_komt_terug_met_de_eigen_link(
    voila_server, chromium_browser
) -> None:
    store = Store(voila_server.db)
    start, _ = store.nieuwe_bijeenkomst("Startbijeenkomst De Horst", datum=date.today())
    monitoring = [o for o in laad_programma("evaluatie").onderdelen if o.werkvorm == "monitoring"]
    vervolg, _ = st.vervolg(store, start.code, "Monitoring na zes maanden", onderdelen=monitoring)
    st.zet_vragenlijst(store, vervolg.id, date.today() + timedelta(days=14))

    def sessie(url: str):
        ctx = chromium_browser.new_context(viewport={"width": 375, "height": 812})
        ctx.set_default_timeout(LANG)
        page = ctx.new_page()
        lijst: list[str] = []
        page._wp_verzoeken = lijst
        ctx.on("request", lambda r: lijst.append(r.url))
        page.goto(url, timeout=LANG * 2)
        return ctx, page

    def meld_aan(page, organisatie: str, domein: str) -> None:
        wacht_op_widget(page, "wp-join-code", timeout=LANG)
        page.locator(".wp-join-organisatie input").fill(organisatie)
        page.locator(".wp-join-domein select").select_option(label=domein)
        page.locator(".wp-join-button").click()

    def kies(page, score: int) -> None:
        kaart = page.locator(".wp-traject-kaart").filter(has_text=VRAAG)
        kaart.get_by_role("radio", name=re.compile(rf"^{score}$")).click()
        kaart.get_by_text(f"Opgeslagen: {score}").wait_for(timeout=LANG)

    # day 1: the huisarts, from the link in the invitation
    ctx, page = sessie(voila_server.url("deelnemer", code=vervolg.code))
    meld_aan(page, "Huisartsenpraktijk De Horst", "Zorg (medisch)")
    wacht_op_widget(page, "wp-vragenlijst-uitleg", timeout=LANG)
    page.get_by_text(f"open tot en met {model.datum_nl(date.today() + timedelta(days=14))}").wait_for()
    kies(page, 4)
    link = urljoin(page.url, page.locator(".wp-personal-link").get_attribute("href"))
    geen_externe_verzoeken(page)
    ctx.close()  # the browser is gone; the server culls its kernel

    # day 3: the wijkteam
    ctx, page = sessie(voila_server.url("deelnemer", code=vervolg.code))
    meld_aan(page, "Sociaal Wijkteam De Horst", "Sociaal domein")
    kies(page, 3)
    ctx.close()
    assert st.vragenlijst_respons(store, vervolg.id) == {d: int(d in ("zorg", "sociaal")) for d in model.DOMEINEN}

    # day 5: the huisarts comes back with the personal link and changes the answer
    ctx, page = sessie(link)
    kaart = page.locator(".wp-traject-kaart").filter(has_text=VRAAG)
    kaart.get_by_text("Opgeslagen: 4").wait_for(timeout=LANG)
    kies(page, 2)
    ctx.close()
    antwoorden = sorted(a.waarde for a in store.items("antwoord", vervolg.id) if a.onderwerp == VRAAG)
    assert antwoorden == [2, 3], "één antwoord per partner; het veranderde antwoord vervangt het oude"
    assert len(store.deelnemers(vervolg.id)) == 2
