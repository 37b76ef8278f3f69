"""The watcher and the page follower, in-process against a real temporary store."""

from __future__ import annotations

import asyncio
import importlib
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import ipywidgets as w
import pytest

from toolkit import model
from toolkit.apps import basis
from toolkit.apps.basis import FoutPaneel, Sessie, maak_paneel
from toolkit.apps.live import Volger, Wachter
from toolkit.fouten import WeergaveOntbreekt


@pytest.fixture
def bijeenkomst(store):
    onderdelen = [
        model.Onderdeel(werkvorm="wijkbrainstorm", titel="Brainstorm", vraag="Wat zie je?", invoer="tekst"),
        model.Onderdeel(
            werkvorm="stellingen",
            titel="Stellingen",
            vraag="Eens?",
            invoer="stelling",
            stellingen=("We kennen elkaar",),
        ),
    ]
    b, sleutel = store.nieuwe_bijeenkomst("Wijk Noord", onderdelen=onderdelen)
    return b, store.regie(b.code, sleutel)


def test_wachter_meldt_een_wijziging_eenmaal_aan_elke_abonnee(store, bijeenkomst):
    b, regie = bijeenkomst
    wachter = Wachter(store, b.id)
    gezien: list[frozenset[str]] = []
    wachter.abonneer(lambda w: gezien.append(w.soorten))
    assert wachter.stap() is None
    regie.volgende()
    wijzigingen = wachter.stap()
    assert wijzigingen is not None and "stap" in wijzigingen.soorten
    assert wachter.stap() is None
    assert gezien == [wijzigingen.soorten]


def test_een_kapotte_abonnee_stopt_de_wachter_niet(store, bijeenkomst, caplog):
    b, regie = bijeenkomst
    wachter = Wachter(store, b.id)
    gezien = []

    def kapot(_w):
        raise RuntimeError("stuk")

    wachter.abonneer(kapot)
    wachter.abonneer(gezien.append)
    regie.volgende()
    wachter.stap()
    assert len(gezien) == 1
    assert "faalde" in caplog.text


def test_wachter_loopt_als_taak_en_stopt(store, bijeenkomst):
    b, regie = bijeenkomst

    async def scenario() -> list:
        wachter = Wachter(store, b.id, interval=0.02)
        gezien, tikken = [], []
        wachter.abonneer(gezien.append)
        wachter.elke_seconde(lambda: tikken.append(1))
        wachter.start()
        regie.volgende()
        for _ in range(100):
            await asyncio.sleep(0.02)
            if gezien:
                break
        wachter.stop()
        await asyncio.sleep(0.05)
        assert not wachter.loopt
        return gezien, tikken

    # Its own thread: a session-wide sync Playwright (browser tests) keeps a loop running here.
    with ThreadPoolExecutor(1) as draad:
        gezien, tikken = draad.submit(asyncio.run, scenario()).result()
    assert gezien and "stap" in gezien[0].soorten
    assert tikken


def test_volger_wisselt_paneel_als_de_zaal_doorgaat(store, bijeenkomst):
    import ipywidgets as w

    b, regie = bijeenkomst
    deelnemer, _t = store.aanmelden(b.code, organisatie="GGD", domein="gemeente")
    sessie = Sessie(store, b, deelnemer=deelnemer)
    wachter = Wachter(store, b.id)
    titels = []
    volger = Volger(sessie, "deelnemer", w.VBox(), bij_wissel=lambda o: titels.append(o.titel if o else None))
    wachter.abonneer(volger)
    assert volger.paneel is None
    regie.volgende()
    wachter.stap()
    assert type(volger.paneel).__name__ == "TekstInvoer"
    assert volger.container.children == (volger.paneel.widget,)
    regie.volgende()
    wachter.stap()
    assert titels == [None, "Brainstorm", "Stellingen"]


@pytest.mark.parametrize(
    ("soort", "invoer"),
    [(soort, invoer) for soort in ("deelnemer", "wand", "regie") for invoer in model.INVOER_SOORTEN],
)
def test_elke_invoer_heeft_een_paneel_op_elke_pagina(soort, invoer):
    """A renamed or missing module fails here, not quietly on a page during a meeting."""
    tabel = {"deelnemer": basis.DEELNEMER_PANELEN, "wand": basis.WAND_PANELEN, "regie": basis.REGIE_PANELEN}[soort]
    module = importlib.import_module(tabel[invoer])
    assert callable(getattr(module, "maak_regie" if soort == "regie" else "maak"))


def test_een_ontbrekende_werkvormmodule_valt_op_in_de_test_en_op_de_pagina(store, bijeenkomst, monkeypatch):
    b, regie = bijeenkomst
    onderdeel = store.onderdelen(b.id)[1]
    monkeypatch.setitem(basis.WAND_PANELEN, "stelling", "toolkit.apps.weergave.bestaat_niet")
    with pytest.raises(WeergaveOntbreekt, match="module toolkit.apps.weergave.bestaat_niet ontbreekt"):
        maak_paneel("wand", Sessie(store, b), onderdeel)
    regie.ga_naar(onderdeel.id)
    volger = Volger(Sessie(store, b), "wand", w.VBox())
    assert isinstance(volger.paneel, FoutPaneel)
    assert volger.paneel.melding.soort == "fout"
    assert "'Stellingen' (invoer 'stelling') heeft geen weergave voor de wand" in volger.paneel.melding.tekst


@pytest.mark.parametrize("module", ["toolkit.apps.deelnemer", *sorted(set(basis.DEELNEMER_PANELEN.values()))])
def test_deelnemerkernel_laadt_geen_zware_bibliotheken(module):
    code = (
        f"import sys, {module}\n"
        "zwaar = [m for m in ('pandas', 'altair', 'docx', 'networkx', 'voila') if m in sys.modules]\n"
        "print(','.join(zwaar))"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert uit.stdout.strip() == ""


def test_een_stille_zaal_kost_de_wachter_geen_leesactie_maar_elke_wijziging_wekt_hem(store, bijeenkomst):
    from toolkit import wekker

    b, regie = bijeenkomst
    klok = wekker.klok(store, b.id, 0.0)

    async def rondes(n: int) -> list[bool]:
        return [await klok.wacht() for _ in range(n)]

    def draai(n: int) -> list[bool]:
        with ThreadPoolExecutor(1) as draad:  # beside a session-wide Playwright loop
            return draad.submit(asyncio.run, rondes(n)).result()

    assert draai(3) == [False, False, False]
    regie.volgende()  # a commit on another connection
    assert draai(2) == [True, False]
    klok.fout()  # a failed read is read again
    assert draai(1) == [True]


def test_de_wand_ziet_een_losse_bijdrage_meteen_en_leest_een_stroom_hooguit_eens_per_interval(monkeypatch):
    from toolkit import wekker
    from toolkit.apps.live import KIJK_WAND

    nu = [0.0]
    slapen: list[float] = []

    async def slaap(seconden: float) -> None:
        slapen.append(round(seconden, 3))
        nu[0] += seconden

    monkeypatch.setattr(wekker.asyncio, "sleep", slaap)
    monkeypatch.setattr(wekker.time, "monotonic", lambda: nu[0])

    def wacht(klok: wekker.Klok) -> bool:
        ronde = klok.wacht()
        with pytest.raises(StopIteration) as klaar:
            ronde.send(None)  # the fake sleep never suspends: one round runs to its end
        return klaar.value.value

    teller = [0]
    wand = wekker.Klok(0.3, lambda: teller[0], kijk=KIJK_WAND)
    assert [wacht(wand) for _ in range(4)] == [False] * 4
    assert slapen == [0.3, 0.1, 0.1, 0.1]  # quiet: a look every tenth of a second
    teller[0] += 1  # one entry after a quiet moment
    assert wacht(wand) is True
    assert slapen[-1] == 0.1  # read at the next look
    teller[0] += 1  # entries pour in: the next read waits for the interval
    assert wacht(wand) is True
    assert slapen[-1] == 0.3

    slapen.clear()
    telefoon = wekker.Klok(0.3, lambda: teller[0])  # without kijk: as before, every interval
    assert [wacht(telefoon) for _ in range(3)] == [False] * 3
    assert slapen == [0.3, 0.3, 0.3]


@pytest.fixture
def telefoon_bij_twee_brainstorms(store):
    """A phone in the first of two tekst onderdelen, its follower built as the page builds it."""
    onderdelen = [
        model.Onderdeel(werkvorm="wijkbrainstorm", titel="Wat speelt er", vraag="Wat zie je?", invoer="tekst"),
        model.Onderdeel(werkvorm="oplossingen", titel="Wat doen we", vraag="Wat kunnen we doen?", invoer="tekst"),
    ]
    b, sleutel = store.nieuwe_bijeenkomst("Wijk Noord", onderdelen=onderdelen)
    regie = store.regie(b.code, sleutel)
    regie.volgende()
    deelnemer, _t = store.aanmelden(b.code, organisatie="GGD", domein="gemeente")
    wachter = Wachter(store, b.id)
    volger = Volger(Sessie(store, b, deelnemer=deelnemer), "deelnemer", w.VBox(), vooruit=True)
    wachter.abonneer(volger)
    return b, regie, wachter, volger


def test_bij_volgende_staat_het_vooraf_gebouwde_paneel_klaar_en_neemt_bijdragen_aan(store, telefoon_bij_twee_brainstorms):
    b, regie, wachter, volger = telefoon_bij_twee_brainstorms
    volger.bouw_vooruit()
    vooraf = volger.klaar[1]
    assert volger.container.children == (volger.paneel.widget,)  # built, not shown

    regie.volgende()
    wachter.stap()

    assert volger.paneel is vooraf
    assert volger.container.children == (vooraf.widget,)
    assert volger.paneel.onderdeel.titel == "Wat doen we"
    volger.paneel.invoer.value = "Een wijkspreekuur samen met de huisarts"
    assert volger.paneel.verstuur() is not None
    tweede = store.onderdelen(b.id)[1]
    assert [x.tekst for x in store.items("bijdrage", b.id, onderdeel_id=tweede.id)] == [
        "Een wijkspreekuur samen met de huisarts"
    ]


def test_een_gewijzigd_volgend_onderdeel_wordt_opnieuw_gebouwd(store, telefoon_bij_twee_brainstorms):
    from dataclasses import replace

    b, regie, wachter, volger = telefoon_bij_twee_brainstorms
    volger.bouw_vooruit()
    vooraf = volger.klaar[1]
    tweede = store.onderdelen(b.id)[1]
    regie.wijzig_onderdeel(replace(tweede, vraag="Wat pakken we als eerste op?"))
    wachter.stap()
    assert volger.klaar is None

    regie.volgende()
    wachter.stap()
    assert volger.paneel is not vooraf
    assert volger.paneel.onderdeel.vraag == "Wat pakken we als eerste op?"
