"""The loket: phone kernels reach the store through one process (issue 15, memory per kernel).

A participant page on a :class:`toolkit.loket.LoketStore` must show and store exactly what it
does on the store itself, get the same Dutch messages, never run facilitator commands, and
keep working when the loket is gone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as w
import pytest

from toolkit import loket, model
from toolkit.apps.basis import Sessie, maak_paneel
from toolkit.fouten import NietGevonden, OngeldigeInvoer, OpslaanMislukt
from toolkit.store.loket import serveer_in_draad
from toolkit.werkvormen import laad_programma

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def loket_server(store, tmp_path):
    server = serveer_in_draad(store, tmp_path / "loket.sock")
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def loket_adres(loket_server) -> Path:
    return Path(loket_server.server_address)


@pytest.fixture
def via_loket(loket_adres) -> Iterator[loket.LoketStore]:
    s = loket.verbind(str(loket_adres))
    assert s is not None
    yield s
    s.sluit()


def _teksten(widget) -> list[str]:
    """What a participant can read and choose on a widget tree, in order."""
    uit = []
    for naam in ("value", "description", "placeholder", "options", "tooltip"):
        waarde = getattr(widget, naam, None)
        if isinstance(waarde, str | tuple | list | int | bool) and naam in widget.keys:
            uit.append(f"{naam}={waarde!r}")
    for kind in getattr(widget, "children", ()):
        uit.extend(_teksten(kind))
    return uit


PROGRAMMA = laad_programma("standaard").onderdelen


@pytest.mark.parametrize("plek", range(len(PROGRAMMA)), ids=[o.werkvorm for o in PROGRAMMA])
def test_telefoon_via_het_loket_toont_hetzelfde_als_via_de_opslag(standaard_zaal, via_loket, plek):
    zaal = standaard_zaal
    onderdeel = zaal.store.onderdelen(zaal.id)[plek]
    zaal.regie.ga_naar(onderdeel.id)
    anna = zaal.aanmelden(naam="Anna")
    bram = zaal.aanmelden("Gemeente Noord", "sociaal", "Bram")
    # something of someone else in the room, so the panels have content to show
    if onderdeel.invoer == "tekst":
        zaal.store.voeg_toe(bram.id, model.Bijdrage(onderdeel_id=onderdeel.id, tekst="Wachtlijst ggz", deelnemer_id=bram.id))

    def telefoon(store) -> w.Widget:
        sessie = Sessie(store, store.bijeenkomst_met_id(zaal.id), deelnemer=anna)
        paneel = maak_paneel("deelnemer", sessie, store.onderdeel(onderdeel.id))
        paneel.toon()
        return paneel.widget

    direct, via = _teksten(telefoon(zaal.store)), _teksten(telefoon(via_loket))
    assert via == direct
    assert len(via) > 2


def test_bijdrage_via_het_loket_staat_in_de_opslag_en_de_wijziging_komt_terug(standaard_zaal, via_loket):
    zaal = standaard_zaal
    oid = zaal.ga_naar("wijkbrainstorm")
    versie = zaal.versie()
    anna, token = via_loket.aanmelden(zaal.code, organisatie="Huisartsenpraktijk", domein="zorg", naam="Anna")
    bijdrage = via_loket.voeg_toe(anna.id, model.Bijdrage(onderdeel_id=oid, tekst="Korte lijnen", deelnemer_id=anna.id))
    assert [b.tekst for b in zaal.store.items("bijdrage", zaal.id)] == ["Korte lijnen"]
    assert bijdrage.id is not None and bijdrage.tekst == "Korte lijnen"
    wijzigingen = via_loket.wijzigingen_sinds(zaal.id, versie)
    assert isinstance(wijzigingen, model.Wijzigingen)
    assert wijzigingen.ids["bijdrage"] == {bijdrage.id} and wijzigingen.door == {anna.id}
    assert via_loket.terugkeren(zaal.code, token).id == anna.id


@pytest.mark.parametrize(
    "roep, fout, melding",
    [
        (lambda s, z: s.aanmelden("ZZZZZZ", organisatie="x", domein="zorg"), NietGevonden, "geen bijeenkomst"),
        (lambda s, z: s.aanmelden(z.code, organisatie="x", domein=""), OngeldigeInvoer, "Kies een domein"),
        (lambda s, z: s.onderdeel(987654), NietGevonden, "987654"),
    ],
    ids=["onbekende-code", "geen-domein", "onbekend-onderdeel"],
)
def test_een_fout_komt_als_dezelfde_nederlandse_melding_terug(standaard_zaal, via_loket, roep, fout, melding):
    with pytest.raises(fout) as direct:
        roep(standaard_zaal.store, standaard_zaal)
    with pytest.raises(fout) as via:
        roep(via_loket, standaard_zaal)
    assert str(via.value) == str(direct.value) and melding in str(via.value)
    if isinstance(direct.value, OngeldigeInvoer):
        assert via.value.veld == direct.value.veld


def test_het_loket_voert_geen_regie_uit(standaard_zaal, via_loket):
    with pytest.raises(AttributeError, match="regie"):
        via_loket.regie(standaard_zaal.code, standaard_zaal.sleutel)
    # and a kernel that asks for it anyway over the wire gets a refusal, not a Regie
    from toolkit.store.loket import beantwoord

    gelukt, antwoord = beantwoord(standaard_zaal.store, "regie", (standaard_zaal.code, standaard_zaal.sleutel), {})
    assert not gelukt and isinstance(antwoord, AttributeError)


def test_zonder_loket_opent_de_telefoon_de_opslag_zelf(standaard_zaal, tmp_path, caplog):
    adres = tmp_path / "weg.sock"
    proces = subprocess.Popen([sys.executable, "-m", "toolkit.store.loket", "--adres", str(adres)], cwd=ROOT)
    try:
        via = loket.LoketStore(str(adres), wacht=60)
        assert via.bijeenkomst(standaard_zaal.code).id == standaard_zaal.id
    finally:
        proces.terminate()
        proces.wait(30)
    # the loket stopped between two reads of this phone: the page carries on by itself
    assert via.bijeenkomst(standaard_zaal.code).id == standaard_zaal.id
    assert "opent de opslag zelf" in caplog.text
    assert not adres.exists()
    assert loket.verbind(str(tmp_path / "nooit.sock")) is None


def test_een_afgebroken_schrijfactie_wordt_niet_nog_eens_gestuurd(standaard_zaal, via_loket, monkeypatch):
    """The line breaks after the entry went out: it may be stored, so the phone says
    "opnieuw proberen" (and keeps the text) instead of sending it a second time."""
    zaal = standaard_zaal
    oid = zaal.ga_naar("wijkbrainstorm")
    anna = zaal.aanmelden()

    def breek(_sock):
        raise EOFError("het loket sloot de verbinding")

    with monkeypatch.context() as m:
        m.setattr(loket, "ontvang", breek)
        with pytest.raises(OpslaanMislukt):
            via_loket.voeg_toe(anna.id, model.Bijdrage(onderdeel_id=oid, tekst="Eén keer", deelnemer_id=anna.id))
    eind = time.monotonic() + 10
    while not zaal.store.items("bijdrage", zaal.id) and time.monotonic() < eind:
        time.sleep(0.05)  # the loket's thread commits after the phone stopped listening
    time.sleep(0.2)
    assert [b.tekst for b in via_loket.items("bijdrage", zaal.id)] == ["Eén keer"]


def test_deelnemerskernel_met_loket_laadt_geen_sqlalchemy(standaard_zaal, loket_adres):
    """The point of the loket: a phone kernel joins and writes without SQLAlchemy in memory."""
    zaal = standaard_zaal
    zaal.ga_naar("wijkbrainstorm")
    script = textwrap.dedent(
        f"""
        import json, sys
        from toolkit.apps.basis import DEELNEMER_PANELEN
        from toolkit.apps.live import laad_panelen
        from toolkit.apps.deelnemer import DeelnemerApp
        from toolkit import loket
        laad_panelen(list(DEELNEMER_PANELEN.values()))
        store = loket.verbind()
        app = DeelnemerApp(store, None)
        app.lees_adres({{"code": {zaal.code!r}}})
        app.organisatie.value, app.domein.value = "Wijkteam Noord", "sociaal"
        app.aanmelden()
        paneel = app.volger.paneel
        paneel.invoer.value = "Samen spreekuur houden"
        paneel.verstuur_knop.click()
        print(json.dumps({{"geladen": sorted(m for m in ("sqlalchemy", "pandas", "altair", "docx") if m in sys.modules),
                          "melding": paneel.melding.tekst}}))
        """
    )
    env = {**os.environ, loket.ADRES_VARIABELE: str(loket_adres), "PYTHONPATH": str(ROOT)}
    uit = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert uit.returncode == 0, uit.stderr
    gegevens = json.loads(uit.stdout.strip().splitlines()[-1])
    assert gegevens["geladen"] == []
    assert "opgeslagen" in gegevens["melding"].lower()
    assert [b.tekst for b in zaal.store.items("bijdrage", zaal.id)] == ["Samen spreekuur houden"]


def test_de_zaal_vraagt_hetzelfde_en_het_loket_leest_het_een_keer(standaard_zaal, loket_server, loket_adres):
    """Sixty phones reading the same change cost one read; a write anywhere (here the
    facilitator's own kernel, not through the loket) makes the next answer fresh."""
    zaal = standaard_zaal
    oid = zaal.ga_naar("wijkbrainstorm")
    anna = zaal.aanmelden()
    telefoons = [loket.LoketStore(str(loket_adres)) for _ in range(5)]
    versie = zaal.versie()
    zaal.store.voeg_toe(anna.id, model.Bijdrage(onderdeel_id=oid, tekst="Eerste", deelnemer_id=anna.id))
    geheugen = loket_server.geheugen
    voor = geheugen.gelezen
    antwoorden = [t.wijzigingen_sinds(zaal.id, versie) for t in telefoons]
    assert geheugen.gelezen - voor == 1
    assert {a.versie for a in antwoorden} == {versie + 1}

    (bijdrage_id,) = antwoorden[0].ids["bijdrage"]
    zaal.regie.verberg("bijdrage", bijdrage_id)
    nieuw = [t.wijzigingen_sinds(zaal.id, versie) for t in telefoons]
    assert {a.versie for a in nieuw} == {versie + 2}
    assert [b.tekst for b in telefoons[0].items("bijdrage", zaal.id, alleen_zichtbaar=True)] == []
    for t in telefoons:
        t.sluit()


# --- waiting at the loket: a phone is woken only by what matters to it ----------------------


def _telefoon(zaal, store, naam: str):
    """A joined phone page on ``store``, as the participant kernel builds it."""
    from toolkit.apps.deelnemer import DeelnemerApp

    app = DeelnemerApp(store, None)
    app.lees_adres({"code": zaal.code})
    app.organisatie.value, app.domein.value, app.naam.value = "Wijkteam Noord", "sociaal", naam
    app.aanmelden()
    return app


def _draai(coro):
    """``asyncio.run`` in a thread of its own: a session-wide sync Playwright (the browser
    tests) keeps an event loop running in this one."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as draad:
        return draad.submit(asyncio.run, coro).result()


async def _tot(voorwaarde, timeout: float = 5.0) -> float:
    import asyncio

    begin = time.monotonic()
    while not voorwaarde():
        if time.monotonic() - begin > timeout:
            raise AssertionError("niet binnen de tijd")
        await asyncio.sleep(0.02)
    return time.monotonic() - begin


class Ontvangen:
    """Records what reached a page's watcher; waits for nothing itself."""

    def __init__(self) -> None:
        self.wijzigingen: list[model.Wijzigingen] = []

    def wekt(self) -> model.Wekwens:
        return model.Wekwens()

    def __call__(self, wijzigingen: model.Wijzigingen) -> None:
        self.wijzigingen.append(wijzigingen)


def test_een_telefoon_wacht_bij_het_loket_en_wordt_niet_gewekt_door_andermans_binnenkomst(
    standaard_zaal, via_loket, loket_server
):
    """Others joining and writing must not wake a phone that is in (issue 15: sixty phones
    each read the store after each join); an own entry from another tab, the facilitator
    hiding it and Volgende do, within a blink."""
    import asyncio

    zaal = standaard_zaal
    oid = zaal.ga_naar("wijkbrainstorm")
    anna = _telefoon(zaal, via_loket, "Anna")
    ontvangen = Ontvangen()
    anna.wachter.abonneer(ontvangen)
    eigen_rijen = lambda: list(anna.volger.paneel.eigen.inhoud.values())  # noqa: E731

    async def zaal_speelt() -> float:
        anna.start()
        await _tot(lambda: len(loket_server.wachtkamer._wachtenden.get(zaal.id, [])) == 1)
        for i in range(8):
            bram = zaal.aanmelden("Gemeente Noord", "sociaal", f"Bram {i}")
            zaal.store.voeg_toe(bram.id, model.Bijdrage(onderdeel_id=oid, tekst=f"Idee {i}", deelnemer_id=bram.id))
        await asyncio.sleep(0.8)
        assert ontvangen.wijzigingen == []  # the phone slept through 16 changes

        eigen = zaal.store.voeg_toe(
            anna.sessie.deelnemer.id, model.Bijdrage(onderdeel_id=oid, tekst="Vanaf de laptop")
        )
        await _tot(lambda: [tekst for tekst, _ in eigen_rijen()] == ["Vanaf de laptop"])
        zaal.regie.verberg("bijdrage", eigen.id)
        await _tot(lambda: "verborgen door de procesbegeleider" in eigen_rijen()[0][0])
        zaal.regie.volgende()
        duur = await _tot(lambda: anna.volger.onderdeel.id != oid)
        anna.wachter.stop()
        await asyncio.sleep(0.05)
        return duur

    assert _draai(zaal_speelt()) < 1.0
    assert len(ontvangen.wijzigingen) == 3
    assert ontvangen.wijzigingen[-1].soorten >= {"stap"}


def test_een_vraag_aan_het_loket_mist_geen_wijziging_van_vlak_ervoor(standaard_zaal, loket_server):
    """A step taken between the phone's last read and its question is answered at once."""
    zaal = standaard_zaal
    zaal.ga_naar("wijkbrainstorm")
    versie = zaal.versie()
    zaal.regie.volgende()
    kamer = loket_server.wachtkamer
    wens = model.Wekwens.op({"stap"})
    begin = time.monotonic()
    gelukt, antwoord = kamer.wacht(None, zaal.id, versie, wens)
    assert gelukt and "stap" in antwoord.soorten and antwoord.versie > versie
    assert time.monotonic() - begin < 1.0
    assert kamer._wachtenden == {}


def test_wie_ophangt_laat_geen_wachtende_achter_en_een_kapot_loket_laat_de_telefoon_zelf_kijken(
    standaard_zaal, loket_server, loket_adres
):

    from toolkit.loket import LoketKlok
    from toolkit.wekker import Klok

    zaal = standaard_zaal
    zaal.ga_naar("wijkbrainstorm")
    kamer = loket_server.wachtkamer

    async def ophangen() -> None:
        klok = LoketKlok(str(loket_adres), zaal.id, lambda: Klok(0.05))
        assert await klok.wacht(zaal.versie(), model.Wekwens.op({"stap"})) is False  # nothing for a second
        assert len(kamer._wachtenden[zaal.id]) == 1
        klok.stop()  # the tab closes

    _draai(ophangen())
    eind = time.monotonic() + 5
    while kamer._wachtenden and time.monotonic() < eind:
        time.sleep(0.1)
    assert kamer._wachtenden == {}

    async def kapot() -> tuple[object, bool]:
        klok = LoketKlok(str(loket_adres) + ".weg", zaal.id, lambda: Klok(0.05))
        eerst = await klok.wacht(zaal.versie(), model.Wekwens.op({"stap"}))
        return eerst, klok.kapot

    assert _draai(kapot()) == (True, True)  # read now, and from now on the normal way
