"""The three live pages meet WCAG 2.1 AA at every step of the standard programme (axe-core).

One Voila server, one browser: the facilitator's regiekamer (laptop), the wand (beamer) and
one phone walk the demo bijeenkomst (the standard programme, filled) from the first step to
the last, with voting open once. At every step axe-core checks all three pages, with the
viewport as tall as the content so that contrast is checked everywhere; the wand fits a
1920x1080 and a 1280x720 beamer without scrolling, its text at least 24 px at 1920x1080
(chart labels included); each page's title
names the step and the meeting; on the phone the focus goes to the first field after
joining and to the step's heading when the room moves on; the regiekamer's programme is a
nav landmark whose ↑/↓ buttons name their onderdeel, and every SVG image on the wand (charts,
QR code) has a text alternative. All axe findings are collected
and reported together, so one run shows everything that is left.
"""

from __future__ import annotations

import pytest

from toolkit.demo import vul_demo
from toolkit.store import Store

from .axe import AXE_JS, beschrijf, controleer, wacht_tot_stil
from .conftest import geen_externe_verzoeken, wacht_op_widget

LANG = 90_000
_FOCUS_OP_INVOER = "() => ['TEXTAREA', 'INPUT', 'SELECT'].includes(document.activeElement.tagName)"
_FOCUS_OP_KOP = "() => document.activeElement.classList.contains('wp-current-step')"


@pytest.fixture(scope="module")
def demo(voila_server):
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} ontbreekt: scripts/test installeert axe-core met npm")
    return vul_demo(Store(voila_server.db))


def _open(chromium_browser, url: str, breedte: int, hoogte: int):
    ctx = chromium_browser.new_context(viewport={"width": breedte, "height": hoogte})
    ctx.set_default_timeout(LANG)
    page = ctx.new_page()
    lijst: list[str] = []
    page._wp_verzoeken = lijst
    ctx.on("request", lambda r: lijst.append(r.url))
    page.goto(url, timeout=LANG * 2)
    return ctx, page


#: What sticks out of the wand (below or right of the screen), and wand text under 24 px
#: at 1920x1080, chart labels included (an SVG's text counts as drawn, after scaling).
_WAND_MAAT = """
(meet) => {
  const uit = [];
  const hoog = window.innerHeight, breed = window.innerWidth;
  for (const el of document.querySelectorAll('.wp-wand *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.height && (r.bottom > hoog + 1 || r.right > breed + 1) && el.children.length === 0)
      uit.push(`steekt uit (${Math.round(r.bottom)} px > ${hoog}): ${el.tagName} ${el.textContent.slice(0, 40)}`);
  }
  if (meet) {
    for (const el of document.querySelectorAll('.wp-wand *')) {
      if (el.closest('svg') && el.tagName !== 'text') continue;
      const tekst = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join('');
      if (!tekst || el.closest('.wp-sr, .wp-join-qr')) continue;
      let px = parseFloat(getComputedStyle(el).fontSize);
      const svg = el.closest('svg');
      if (svg) px *= svg.getBoundingClientRect().width / (parseFloat(svg.getAttribute('width')) || svg.viewBox.baseVal.width);
      if (px < 23.5 && el.getClientRects().length) uit.push(`${px.toFixed(1)} px: ${tekst.slice(0, 40)}`);
    }
  }
  return [...new Set(uit)].slice(0, 6);
}
"""


#: Every image drawn as SVG on the wand (charts, the QR code) has a text alternative (WCAG
#: 1.1.1): it sits in an element with role img and a non-empty aria-label.
_WAND_BEELDEN_ZONDER_NAAM = """
() => [...document.querySelectorAll('.wp-wand svg')]
  .filter(s => !s.parentElement.closest('svg') && !s.closest('[aria-hidden=true]'))
  .filter(s => !((s.closest('[role=img][aria-label]') || s).getAttribute('aria-label') || '').trim())
  .map(s => (s.closest('.wp-grafiek, .wp-join-qr, div') || s).getAttribute('class') || 'svg')
"""

#: The regiekamer's navigation: a nav landmark "Programma" with Vorige/Volgende and the
#: current step marked; what it lacks, as text.
_KAMER_NAV = """
(titel) => {
  const nav = document.querySelector('nav[aria-label="Programma"]');
  if (!nav) return ['geen nav-landmark "Programma"'];
  const uit = [];
  for (const k of ['.wp-prev-step', '.wp-next-step']) if (!nav.querySelector(k)) uit.push(`${k} niet in de nav`);
  const huidig = nav.querySelector('[aria-current=step]');
  if (!huidig || !huidig.textContent.includes(titel)) uit.push(`de huidige stap is niet gemarkeerd (aria-current)`);
  return uit;
}
"""


def _toon_stap(page, titel: str) -> None:
    page.locator(".wp-current-step", has_text=titel).first.wait_for(timeout=LANG)
    wacht_tot_stil(page)


def test_de_drie_paginas_zijn_toegankelijk_bij_elke_stap(voila_server, chromium_browser, demo):
    store, b, regie = demo.store, demo.bijeenkomst, demo.regie
    onderdelen = store.onderdelen(b.id)
    regie.ga_naar(onderdelen[0].id)
    voila_server.wacht_op_pool()
    bevindingen: list[str] = []
    contexten = []

    def check(waar: str, page) -> None:
        bevindingen.extend(beschrijf(waar, controleer(page)))
        taal = page.evaluate("() => document.documentElement.lang")
        if taal != "nl":
            bevindingen.append(f"{waar}: <html lang={taal!r}>, verwacht 'nl'")

    try:
        ctx, telefoon = _open(chromium_browser, voila_server.url("deelnemer", code=b.code), 375, 812)
        contexten.append(ctx)
        wacht_op_widget(telefoon, "wp-join-code", timeout=LANG)
        wacht_tot_stil(telefoon)
        check("telefoon, aanmelden", telefoon)
        telefoon.locator(".wp-join-organisatie input").fill("Buurtcentrum De Horst")
        telefoon.locator(".wp-join-domein select").select_option(label="Inwoner")
        telefoon.locator(".wp-join-button").click()
        wacht_op_widget(telefoon, "wp-welkom-vak", timeout=LANG)
        _toon_stap(telefoon, onderdelen[0].titel)
        telefoon.wait_for_function(_FOCUS_OP_INVOER, timeout=10_000)

        ctx, wand = _open(chromium_browser, voila_server.url("wand", code=b.code), 1920, 1080)
        contexten.append(ctx)
        ctx, kamer = _open(
            chromium_browser, voila_server.url("regiekamer", code=b.code, sleutel=demo.sleutel), 1280, 800
        )
        contexten.append(ctx)

        paginas = {"telefoon": telefoon, "wand": wand, "regiekamer": kamer}
        for nummer, o in enumerate(onderdelen, start=1):
            regie.ga_naar(o.id)
            toestanden = [("", None)]
            if o.werkvorm == "clusteren-en-stemmen":
                toestanden.append(("stemmen open", lambda o=o: regie.start_stemmen(o.id)))
            for extra, actie in toestanden:
                if actie is not None:
                    actie()
                for naam, page in paginas.items():
                    _toon_stap(page, o.titel)
                    if extra:
                        wacht_tot_stil(page, 800)
                    waar = f"stap {nummer} {o.werkvorm}{', ' + extra if extra else ''}, {naam}"
                    check(waar, page)
                    titel = page.title()
                    if o.titel not in titel or b.titel not in titel:
                        bevindingen.append(f"{waar}: paginatitel {titel!r} noemt stap en bijeenkomst niet")
                    if naam == "regiekamer":
                        bevindingen.extend(f"{waar}: {f}" for f in page.evaluate(_KAMER_NAV, o.titel))
                        for richting in ("Omhoog", "Omlaag"):
                            if page.get_by_role("button", name=f"{richting}: {o.titel}", exact=True).count() == 0:
                                bevindingen.append(f"{waar}: geen knop met de naam '{richting}: {o.titel}'")
                    if naam == "wand":
                        for zonder in page.evaluate(_WAND_BEELDEN_ZONDER_NAAM):
                            bevindingen.append(f"{waar}: beeld zonder tekstalternatief (1.1.1) in {zonder}")
                if nummer > 1 and not extra:
                    telefoon.wait_for_function(_FOCUS_OP_KOP, timeout=10_000)
                for breedte, hoogte in ((1920, 1080), (1280, 720)):  # the beamer, no scrolling
                    wand.set_viewport_size({"width": breedte, "height": hoogte})
                    wacht_tot_stil(wand, 500)
                    for fout in wand.evaluate(_WAND_MAAT, breedte == 1920):
                        bevindingen.append(f"stap {nummer} {o.werkvorm}{extra}, wand {breedte}x{hoogte}: {fout}")
                wand.set_viewport_size({"width": 1920, "height": 1080})
            if o.stemmen_open or store.onderdeel(o.id).stemmen_open:
                regie.stop_stemmen(o.id)
        for page in paginas.values():
            geen_externe_verzoeken(page)
    finally:
        for ctx in contexten:
            ctx.close()
    assert not bevindingen, f"{len(bevindingen)} bevindingen:\n" + "\n".join(bevindingen)
