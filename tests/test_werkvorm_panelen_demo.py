"""Every werkvorm paneel on the filled demo bijeenkomst, and the phone's light imports."""

from __future__ import annotations

import subprocess
import sys

import ipywidgets as w
import pytest

from toolkit import model
from toolkit.apps.basis import DEELNEMER_PANELEN, Sessie, maak_paneel
from toolkit.store import Wijzigingen

EIGEN_INVOER = ("stelling", "stakeholder", "relatie", "swot", "stip", "dubbelcheck", "actie", "afspraak")
ALLES = Wijzigingen(
    versie=0,
    ids={
        soort: frozenset()
        for soort in ("antwoord", "stakeholder", "relatie", "swot", "stip", "mijlpaal", "bijdrage", "actie")
        + ("afspraak", "stem", "onderdeel", "deelnemer", "confrontatie")
    },
)


def _html(widget: object) -> str:
    """The markup of every HTML widget in a tree (input values are text, not markup)."""
    uit = [widget.value] if isinstance(widget, w.HTML) else []
    return "\n".join(uit + [_html(k) for k in getattr(widget, "children", ())])


@pytest.mark.traag
def test_elk_onderdeel_van_de_demo_heeft_telefoon_wand_en_regie(demo) -> None:
    """Stepping through the demo, each werkvorm shows its own input and its picture."""
    deelnemer = demo.store.deelnemers(demo.bijeenkomst.id)[0]
    gezien = set()
    for onderdeel in demo.store.onderdelen(demo.bijeenkomst.id):
        if onderdeel.invoer not in EIGEN_INVOER:
            continue
        demo.regie.ga_naar(onderdeel.id)
        onderdeel = demo.store.onderdeel(onderdeel.id)
        for soort, sessie in (
            ("deelnemer", Sessie(demo.store, demo.bijeenkomst, deelnemer=deelnemer)),
            ("wand", Sessie(demo.store, demo.bijeenkomst)),
            ("regie", Sessie(demo.store, demo.bijeenkomst, regie=demo.regie)),
        ):
            paneel = maak_paneel(soort, sessie, onderdeel)
            paneel.ververs(ALLES)
            inhoud = _html(paneel.widget)
            assert "<script" not in inhoud.lower()
            if soort == "wand" and onderdeel.invoer in ("relatie", "stakeholder", "dubbelcheck"):
                assert "<svg" in inhoud, f"{onderdeel.werkvorm} shows its chart on the wand"
            paneel.sluit()
        gezien.add(onderdeel.invoer)
    assert gezien >= {"relatie", "dubbelcheck", "stakeholder", "swot", "stip", "actie", "afspraak"}


def test_telefoon_invoer_laadt_geen_pandas_altair_of_networkx() -> None:
    """Participant kernels stay light: importing every phone input pulls in no analysis stack."""
    modules = sorted({m for invoer, m in DEELNEMER_PANELEN.items() if invoer in EIGEN_INVOER})
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "print(','.join(m for m in ('pandas', 'altair', 'networkx', 'vl_convert') if m in sys.modules))"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert uit.stdout.strip() == ""


@pytest.mark.parametrize("invoer", ["swot", "stip", "stakeholder", "actie"])
def test_ingevoerde_opmaak_staat_letterlijk_op_de_wand(store, invoer) -> None:
    """An entry with markup is shown as text, in the wand and in the regiekamer."""
    aanval = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    onderdeel = model.Onderdeel(werkvorm=invoer, titel="T", vraag="V?", invoer=invoer)
    bijeenkomst, sleutel = store.nieuwe_bijeenkomst("Wijk Zuid", onderdelen=[onderdeel])
    regie = store.regie(bijeenkomst.code, sleutel)
    [onderdeel] = store.onderdelen(bijeenkomst.id)
    regie.ga_naar(onderdeel.id)
    deelnemer, _ = store.aanmelden(bijeenkomst.code, organisatie=aanval, domein="zorg")
    item = {
        "swot": model.SwotItem(kwadrant="kans", tekst=aanval, onderdeel_id=onderdeel.id),
        "stip": model.Stip(tekst=aanval, onderdeel_id=onderdeel.id),
        "stakeholder": model.Stakeholder(naam=aanval, onderdeel_id=onderdeel.id),
        "actie": model.Bijdrage(tekst=aanval, kolom="voorstel", onderdeel_id=onderdeel.id),
    }[invoer]
    store.voeg_toe(deelnemer.id, item)
    if invoer == "actie":
        from datetime import date, timedelta

        regie.voeg_toe(model.Actie.nieuw(wat=aanval, wie=aanval, wanneer=date.today() + timedelta(days=1)))
    for soort, sessie in (
        ("wand", Sessie(store, bijeenkomst)),
        ("regie", Sessie(store, bijeenkomst, regie=regie)),
        ("deelnemer", Sessie(store, bijeenkomst, deelnemer=deelnemer)),
    ):
        inhoud = _html(maak_paneel(soort, sessie, store.onderdeel(onderdeel.id)).widget)
        assert "<script>" not in inhoud and "<img src=x" not in inhoud
        assert "&lt;script&gt;" in inhoud or soort == "wand" and invoer == "stakeholder"
