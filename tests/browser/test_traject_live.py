"""The traject in real browsers: a follow-up where the room reports on the startbijeenkomst's
actions and fills in the monitoring on their phones, and the voortgangsrapport says so.

One Voila server, two phones (375 px) and the wand (1920 px). The facilitator moves the room
and records the statuses with the store, as the regiekamer does; the rest goes through the
pages. The export at the end must count what was tapped.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from docx import Document

from toolkit import model
from toolkit.export import exporteer
from toolkit.export.voortgang import voortgang_context
from toolkit.store import Store
from toolkit.store import traject as st
from toolkit.werkvormen import laad_programma

from .conftest import geen_externe_verzoeken, pagina_in, wacht_op_widget

LANG = 90_000
VRAAG = "Is de samenwerking verbeterd?"


def test_de_zaal_meldt_de_acties_en_vult_de_monitoring_in_en_het_rapport_telt_mee(
    voila_server, chromium_browser, tmp_path: Path
) -> None:
    store = Store(voila_server.db)
    vandaag = date.today()
    start, sleutel0 = store.nieuwe_bijeenkomst("Startbijeenkomst De Horst", datum=vandaag, locatie="De Horst")
    regie0 = store.regie(start.code, sleutel0)
    acties = [
        regie0.voeg_toe(model.Actie.nieuw(vandaag=vandaag, wat=wat, wie=wie, wanneer=vandaag + timedelta(days=30)))
        for wat, wie in (
            ("Vast aanspreekpunt per praktijk", "Wijkteam"),
            ("Sociale kaart delen", "Gemeente"),
        )
    ]
    monitoring = [o for o in laad_programma("evaluatie").onderdelen if o.werkvorm in ("terugblik-acties", "monitoring")]
    vervolg, sleutel = st.vervolg(store, start.code, "Evaluatie na drie maanden", onderdelen=monitoring)
    regie = store.regie(vervolg.code, sleutel)
    terugblik, meting = store.onderdelen(vervolg.id)
    regie.ga_naar(terugblik.id)
    tokens = [
        store.aanmelden(vervolg.code, organisatie=org, domein=dom)[1]
        for org, dom in (("Huisartsenpraktijk De Horst", "zorg"), ("Sociaal Wijkteam De Horst", "sociaal"))
    ]

    contexten = []

    def open_pagina(url: str, breedte: int, hoogte: int):
        page = pagina_in(chromium_browser, (breedte, hoogte), timeout=LANG)
        contexten.append(page.context)
        page.goto(url, timeout=LANG * 2)
        return page

    try:
        wand = open_pagina(voila_server.url("wand", code=vervolg.code), 1920, 1080)
        telefoons = [open_pagina(voila_server.url("deelnemer", code=vervolg.code, t=t), 375, 812) for t in tokens]

        # terugblik: both phones list the start's actions; each says what became of them
        for telefoon, meldingen in zip(telefoons, (("gedaan", "bezig"), ("gedaan", "niet gelukt")), strict=True):
            wacht_op_widget(telefoon, "wp-traject-kaart", timeout=LANG)
            kaarten = telefoon.locator(".wp-traject-kaart")
            assert kaarten.count() == 2
            for i, melding in enumerate(meldingen):
                kaarten.nth(i).get_by_role("radio", name=re.compile(rf"^{melding}$")).click()
                kaarten.nth(i).get_by_text(f"Opgeslagen: {melding}").wait_for(timeout=LANG)
        wand.locator(".wp-terugblik .wp-wall-item").first.wait_for(timeout=LANG)
        wand.get_by_text("Vast aanspreekpunt per praktijk").first.wait_for(timeout=LANG)
        antwoorden = store.items("antwoord", vervolg.id, onderdeel_id=terugblik.id)
        assert sorted(model.melding_van(a.waarde) for a in antwoorden) == ["bezig", "gedaan", "gedaan", "niet gelukt"]
        st.zet_voortgang(regie, "actie", acties[0].id, "gedaan")
        st.zet_voortgang(regie, "actie", acties[1].id, "bezig", wanneer=vandaag + timedelta(days=60))

        # monitoring: the same phones follow the room and score one question
        regie.ga_naar(meting.id)
        for telefoon, score in zip(telefoons, (3, 5), strict=True):
            kaart = telefoon.locator(".wp-traject-kaart").filter(has_text=VRAAG)
            kaart.get_by_role("radio", name=re.compile(rf"^{score}$")).click()
            kaart.get_by_text(f"Opgeslagen: {score}").wait_for(timeout=LANG)
        for page in (wand, *telefoons):
            geen_externe_verzoeken(page)
    finally:
        for ctx in contexten:
            ctx.close()

    # the voortgangsrapport counts what the room tapped and the facilitator recorded
    exporteer(store, vervolg.code, tmp_path / "uit")
    c = voortgang_context(store, vervolg.id)
    assert c["telling"]["gedaan"] == 1 and c["telling"]["bezig"] == 1
    [reeks] = [m["reeks"] for m in c["monitoring"] if m["vraag"] == VRAAG]
    assert (reeks[-1]["gemiddelde"], reeks[-1]["n"]) == (4.0, 2)
    doc = Document(str(tmp_path / "uit" / "voortgangsrapport.docx"))
    tekst = "\n".join(p.text for p in doc.paragraphs)
    assert "Van de 2 acties uit de startbijeenkomst zijn er 1 gedaan, 1 nog bezig en 0 niet gelukt" in tekst
    cellen = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "4,0 (n=2)" in cellen
