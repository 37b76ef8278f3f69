"""Arbitrary Unicode, typed by a participant of any kind, never stops the room or the export.

Hypothesis generates text from every code point there is (surrogates, noncharacters, control
characters, emoji, right-to-left scripts). Each text goes through each input kind on the phone
(in-process widgets), then the wand and the regiekamer of every onderdeel are drawn, and the
bijeenkomst is exported to every format and read back as its users would open it.
"""

from __future__ import annotations

import csv
import html
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.telefoon import INVOER
from toolkit import charts, model
from toolkit.apps.basis import Sessie, maak_paneel
from toolkit.export import BESTANDEN, exporteer
from toolkit.fouten import OngeldigeInvoer
from toolkit.importeer import importeer
from toolkit.store import Store, Wijzigingen

#: Everything XML 1.0 (and so SVG, Word, Excel) cannot carry.
ONDRAAGBAAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
ALLES = Wijzigingen(
    versie=0,
    ids={
        soort: frozenset()
        for soort in ("antwoord", "stakeholder", "relatie", "swot", "stip", "mijlpaal", "bijdrage", "actie")
        + ("afspraak", "stem", "onderdeel", "deelnemer", "confrontatie")
    },
)
TEKST = st.text(alphabet=st.characters(codec=None), min_size=1, max_size=30)
LASTIG = "Huis\uffffarts\ufffe \ud800 😀 مرحبا İğ 中文 <b>&amp;"


def _html(widget: object) -> str:
    uit = [widget.value] if isinstance(getattr(widget, "value", None), str) else []
    uit += [getattr(widget, "tekst", "")] if isinstance(getattr(widget, "tekst", None), str) else []
    return "\n".join(uit + [_html(k) for k in getattr(widget, "children", ())])


@pytest.fixture
def zaal(nieuwe_zaal):
    """One onderdeel per input kind."""
    z = nieuwe_zaal(*(invoer.onderdeel(f"Onderdeel {i}") for i, invoer in enumerate(INVOER)))
    return z.store, z.store.bijeenkomst_met_id(z.id), z.regie, z.store.onderdelen(z.id)


def _elk_soort_met_lastige_tekst(test):
    """One explicit example per input kind with the text that once stopped a meeting."""
    for invoer in INVOER:
        test = example(tekst=LASTIG, invoer=invoer)(test)
    return test


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@_elk_soort_met_lastige_tekst
@given(tekst=TEKST, invoer=st.sampled_from(INVOER))
def test_elke_tekst_op_elke_telefoon_en_de_wand_en_regiekamer_leven(zaal, tekst: str, invoer) -> None:
    store, b, regie, onderdelen = zaal
    try:
        organisatie = model.tekst("organisatie", tekst, maximum=model.MAX_KORT)
    except OngeldigeInvoer:
        organisatie = "Wijkteam"
    deelnemer, _ = store.aanmelden(b.code, organisatie=organisatie, domein="zorg")
    onderdeel = onderdelen[INVOER.index(invoer)]
    regie.ga_naar(onderdeel.id)
    onderdeel = store.onderdeel(onderdeel.id)
    telefoon = maak_paneel("deelnemer", Sessie(store, b, deelnemer=deelnemer), onderdeel)
    invoer.typ(telefoon, tekst)
    invoer.verstuur(telefoon)
    melding = invoer.melding(telefoon)
    try:
        geldig = model.tekst("tekst", tekst, maximum=model.MAX_KORT) not in ("", organisatie)
    except OngeldigeInvoer:
        geldig = False
    if geldig:
        assert "Opgeslagen" in melding, f"{invoer.soort}: {melding}"
    else:
        assert melding, f"{invoer.soort}: refused input says why"
    for soort, sessie in (
        ("wand", Sessie(store, b)),
        ("regie", Sessie(store, b, regie=regie)),
    ):
        paneel = maak_paneel(soort, sessie, onderdeel)
        paneel.ververs(ALLES)
        inhoud = _html(paneel.widget)
        assert charts.NIET_BESCHIKBAAR not in inhoud, f"{soort} {invoer.soort}"
        assert not ONDRAAGBAAR.search(inhoud), f"{soort} {invoer.soort} carries what XML cannot"
        if geldig and soort == "regie" and invoer.invoer == "tekst":
            assert html.escape(model.tekst("tekst", tekst)) in inhoud
        paneel.sluit()
    telefoon.sluit()


def _vul(store: Store, tekst: str) -> tuple[model.Bijeenkomst, str]:
    """One entry of every kind carrying ``tekst`` (where the rule lets it in), via the model."""

    def of(veld: str, standaard: str, maximum: int = model.MAX_KORT) -> str:
        try:
            return model.tekst(veld, tekst, maximum=maximum)
        except OngeldigeInvoer:
            return standaard

    onderdelen = [
        model.Onderdeel(werkvorm="wijkbrainstorm", titel="Brainstorm", vraag="Wat zie je?", invoer="tekst"),
        model.Onderdeel(werkvorm="stakeholderkaart", titel="Kaart", vraag="Wie?", invoer="stakeholder"),
        model.Onderdeel(werkvorm="netwerkanalyse", titel="Netwerk", vraag="Contact?", invoer="relatie"),
        model.Onderdeel(werkvorm="swot", titel="SWOT", vraag="SWOT?", invoer="swot"),
        model.Onderdeel(werkvorm="stip", titel="Stip", vraag="Stip?", invoer="stip"),
        model.Onderdeel(
            werkvorm="mijlpalen", titel="Mijlpalen", vraag="Mijlpalen?", invoer="stip", kolommen=("1 jaar",)
        ),
    ]
    b, sleutel = store.nieuwe_bijeenkomst(of("titel", "Wijk Noord"), onderdelen=onderdelen)
    regie = store.regie(b.code, sleutel)
    ids = [o.id for o in store.onderdelen(b.id)]
    d, _ = store.aanmelden(b.code, organisatie=of("organisatie", "Huisarts"), domein="zorg", naam=of("naam", ""))
    ander = of("naar", "Wijkteam")
    ander = ander if ander.casefold() != d.organisatie.casefold() else ander + " 2"
    items = [
        (0, model.Bijdrage(tekst=of("tekst", "Wachtlijst", model.MAX_TEKST), onderdeel_id=ids[0])),
        (1, model.Stakeholder(naam=of("naam", "Gemeente"), organisatie=of("organisatie", ""), onderdeel_id=ids[1])),
        (2, model.Relatie(van=d.organisatie, naar=ander, frequentie="wekelijks", onderdeel_id=ids[2])),
        (3, model.SwotItem(kwadrant="kans", tekst=of("tekst", "Korte lijnen"), onderdeel_id=ids[3])),
        (4, model.Stip(tekst=of("tekst", "In 2036 één team"), onderdeel_id=ids[4])),
        (5, model.Mijlpaal(horizon="1 jaar", tekst=of("tekst", "Overleg loopt"), onderdeel_id=ids[5])),
    ]
    for i, item in items:
        regie.ga_naar(ids[i])
        store.voeg_toe(d.id, item)
    morgen = date.today() + timedelta(days=1)
    regie.voeg_toe(model.Actie.nieuw(wat=of("wat", "Sociale kaart"), wie=of("wie", "Welzijn"), wanneer=morgen))
    regie.voeg_toe(model.Afspraak.nieuw(tekst=of("tekst", "Elk kwartaal overleg"), wie=of("wie", "")))
    return store.bijeenkomst_met_id(b.id), sleutel


def _teksten(store: Store, bijeenkomst_id: int) -> dict[str, list[str]]:
    return {
        "deelnemers": [d.organisatie for d in store.deelnemers(bijeenkomst_id)],
        "bijdragen": [i.tekst for i in store.items("bijdrage", bijeenkomst_id)],
        "stakeholders": [i.naam for i in store.items("stakeholder", bijeenkomst_id)],
        "relaties": [i.naar for i in store.items("relatie", bijeenkomst_id)],
        "stippen": [i.tekst for i in store.items("stip", bijeenkomst_id)],
        "mijlpalen": [i.tekst for i in store.items("mijlpaal", bijeenkomst_id)],
        "acties": [i.wat for i in store.items("actie", bijeenkomst_id)],
    }


@pytest.mark.traag
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(tekst=LASTIG)
@given(tekst=TEKST)
def test_elke_tekst_komt_heel_door_elke_export_en_terug(store: Store, tmp_path_factory, tekst: str) -> None:
    from docx import Document
    from openpyxl import load_workbook

    b, _sleutel = _vul(store, tekst)
    naar: Path = tmp_path_factory.mktemp("export")
    geschreven = exporteer(store, b.code, naar)
    assert [p.name for p in geschreven] == list(BESTANDEN)

    woorden = "\n".join(p.text for p in Document(str(naar / "visiedocument.docx")).paragraphs)
    assert b.titel in woorden or b.titel in Document(str(naar / "visiedocument.docx")).core_properties.title
    Document(str(naar / "actielijst.docx"))
    [actie] = store.items("actie", b.id)
    boek = load_workbook(naar / "actielijst.xlsx")
    assert boek["Acties"]["A2"].value == actie.wat
    load_workbook(naar / "netwerk.xlsx")
    with open(naar / "actielijst.csv", encoding="utf-8-sig", newline="") as f:
        rijen = list(csv.reader(f, delimiter=";"))
    assert rijen[1][0] == actie.wat

    json.loads((naar / "bijeenkomst.json").read_text(encoding="utf-8"))
    terug = importeer(store, naar / "bijeenkomst.json")
    nieuw = store.bijeenkomst(terug.code)
    assert nieuw.titel == b.titel
    assert _teksten(store, nieuw.id) == _teksten(store, b.id), "the JSON round trip keeps every text"
