"""A full disk loses nothing, and every page says so in words (issue 14).

A write failure is injected at the store's engine (SQLite's own "database or disk is full"
on every writing statement); two more tests use a real small file system (tmpfs) when the
machine lets the test mount one.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import event
from sqlalchemy.engine import Engine

from tests.telefoon import INVOER, Invoer
from toolkit import model
from toolkit.apps.basis import Sessie, maak_paneel
from toolkit.apps.regiekamer import RegiekamerApp
from toolkit.cli import cli
from toolkit.fouten import OpslaanMislukt
from toolkit.store import Store

MELDING = "Opslaan lukte niet, probeer het zo opnieuw."


class Schijf:
    """The store's database as a disk that can run full and be given room again.

    While full, every statement that writes fails at the store's engine with SQLite's own
    error for a full disk (``sqlite3.OperationalError: database or disk is full``), the way
    SQLite raises it when the file cannot grow: the transaction is rolled back.
    """

    def __init__(self) -> None:
        self.is_vol = False
        # On every engine of this process: the CLI opens a store of its own.
        event.listen(Engine, "before_cursor_execute", self._schrijf)

    def weg(self) -> None:
        event.remove(Engine, "before_cursor_execute", self._schrijf)

    def _schrijf(self, _conn, _cursor, statement: str, *_args) -> None:
        if self.is_vol and statement.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            raise sqlite3.OperationalError("database or disk is full")

    def vol(self) -> None:
        self.is_vol = True

    def ruimte(self) -> None:
        self.is_vol = False


@pytest.fixture
def schijf(store: Store):
    schijf = Schijf()
    yield schijf
    schijf.weg()


@pytest.fixture
def kamer(nieuwe_kamer):
    """``kamer(invoer)``: one onderdeel of that input, current, and Anna's phone on it."""

    def maak(invoer: Invoer):
        k = nieuwe_kamer(invoer.onderdeel())
        anna = k.aanmelden("Huisartsenpraktijk Noord", "zorg", "Anna")
        return k.bijeenkomst, k.sleutel, k.paneel("deelnemer", anna)

    return maak


@pytest.mark.parametrize("invoer", INVOER, ids=[i.soort if i.soort != "bijdrage" else i.invoer for i in INVOER])
def test_volle_schijf_verliest_niets_en_de_deelnemer_houdt_zijn_tekst(store, kamer, schijf, invoer: Invoer) -> None:
    b, _sleutel, telefoon = kamer(invoer)
    invoer.typ(telefoon, "Eerste, voor de schijf vol was")
    invoer.verstuur(telefoon)
    assert "Opgeslagen" in invoer.melding(telefoon)
    voor = store.items(invoer.soort, b.id)
    assert len(voor) == 1

    schijf.vol()
    tekst = "Wachtlijst GGZ — 😀 نعم"
    invoer.typ(telefoon, tekst)
    invoer.verstuur(telefoon)
    assert MELDING in invoer.melding(telefoon)
    assert "Opgeslagen" not in invoer.melding(telefoon), "no stale 'Opgeslagen' beside unsaved text"
    assert invoer.getypt(telefoon) == tekst, "the typed text stays for the next try"
    assert store.items(invoer.soort, b.id) == voor, "nothing half-stored, nothing lost"

    schijf.ruimte()
    invoer.verstuur(telefoon)
    assert "Opgeslagen" in invoer.melding(telefoon)
    na = store.items(invoer.soort, b.id)
    if invoer.nieuw:
        assert len(na) == 2 and na[0] == voor[0], "entries lost: 0"
    else:
        assert [r.naar for r in na] == [tekst]


def test_procesbegeleider_ziet_de_oorzaak(store, kamer, schijf) -> None:
    b, sleutel, _ = kamer(INVOER[0])
    app = RegiekamerApp(store, {"code": b.code, "sleutel": sleutel})
    schijf.vol()
    app.aanmeld_knop.click()
    assert app.melding.soort == "fout"
    assert MELDING in app.melding.tekst and "database or disk is full" in app.melding.tekst
    assert store.bijeenkomst(b.code).open, "the room's state did not change"


def test_store_meldt_opslaan_mislukt_met_oorzaak(store, kamer, schijf) -> None:
    b, _, _ = kamer(INVOER[0])
    schijf.vol()
    with pytest.raises(OpslaanMislukt) as info:
        store.aanmelden(b.code, organisatie="Wijkteam", domein="sociaal")
    assert str(info.value) == MELDING
    assert "database or disk is full" in info.value.voor_begeleider
    assert len(store.deelnemers(b.id)) == 1


def test_cli_zegt_het_zonder_traceback(store, schijf) -> None:
    schijf.vol()
    uit = CliRunner().invoke(cli, ["nieuw", "Startbijeenkomst Zuid"])
    assert uit.exit_code == 2, uit.output
    assert "Traceback" not in uit.output
    assert MELDING in uit.output and "database or disk is full" in uit.output


@pytest.fixture
def kleine_schijf(tmp_path: Path):
    """Makes a real small tmpfs of a given size, when this machine lets the test mount one
    (root with CAP_SYS_ADMIN); unmounted afterwards."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a real small file system needs root")
    gemaakt: list[Path] = []

    def maak(grootte: str) -> Path:
        map_ = tmp_path / f"klein{len(gemaakt)}"
        map_.mkdir()
        mount = ["mount", "-t", "tmpfs", "-o", f"size={grootte}", "tmpfs", str(map_)]
        if subprocess.run(mount, capture_output=True).returncode:
            pytest.skip("mounting a tmpfs is not allowed here")
        gemaakt.append(map_)
        return map_

    yield maak
    for map_ in gemaakt:
        subprocess.run(["umount", "-l", str(map_)], check=False)


def test_werkplaats_demo_op_een_kleine_schijf_zegt_het_zonder_traceback(kleine_schijf) -> None:
    klein = kleine_schijf("1m")
    env = {**os.environ, "WERKPLAATS_DB": str(klein / "werkplaats.db"), "HOME": str(klein)}
    uit = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "demo", "--geen-server"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert uit.returncode == 2, uit.stdout + uit.stderr
    assert "Traceback" not in uit.stderr
    assert "Fout:" in uit.stderr and ("opnieuw" in uit.stderr or "schijf is vol" in uit.stderr)


def test_echte_volle_schijf_verliest_geen_enkele_bijdrage(kleine_schijf) -> None:
    """Participants keep writing until the tmpfs is full: every entry that said 'opgeslagen' is there."""
    klein = kleine_schijf("3m")
    store = Store(klein / "werkplaats.db")
    b, sleutel = store.nieuwe_bijeenkomst(
        "Noord", onderdelen=[model.Onderdeel(werkvorm="brainstorm", titel="T", vraag="V?", invoer="tekst")]
    )
    regie = store.regie(b.code, sleutel)
    onderdeel_id = store.onderdelen(b.id)[0].id
    regie.ga_naar(onderdeel_id)
    opgeslagen: list[str] = []
    geweigerd = 0
    for n in range(2000):
        try:
            d, _ = store.aanmelden(b.code, organisatie=f"Organisatie {n}", domein="zorg")
            for i in range(3):
                tekst = f"Bijdrage {n}.{i}" + " over de wijk" * 40
                store.voeg_toe(d.id, model.Bijdrage(tekst=tekst, onderdeel_id=onderdeel_id))
                opgeslagen.append(tekst)
        except OpslaanMislukt:
            geweigerd += 1
            if geweigerd > 5:
                break
    assert geweigerd > 5, "the disk did fill up"
    store.engine.dispose()
    opnieuw = Store(klein / "werkplaats.db", migreren=False)
    bewaard = {x.tekst for x in opnieuw.items("bijdrage", b.id)}
    assert set(opgeslagen) <= bewaard, f"lost {len(set(opgeslagen) - bewaard)} entries"
    assert len(opgeslagen) > 20
    print(f"\n{len(opgeslagen)} entries committed before the disk was full; 0 lost")


def test_regie_van_een_werkvorm_toont_de_oorzaak_en_houdt_de_tekst(store, kamer, schijf) -> None:
    mijlpalen = next(i for i in INVOER if i.soort == "mijlpaal")
    b, sleutel, _ = kamer(mijlpalen)
    regie = store.regie(b.code, sleutel)
    [onderdeel] = store.onderdelen(b.id)
    paneel = maak_paneel("regie", Sessie(store, store.bijeenkomst_met_id(b.id), regie=regie), onderdeel)
    schijf.vol()
    paneel.horizon.value = "100 dagen"
    paneel.mijlpaal.value = "Gezamenlijk dossier in gebruik"
    paneel.mijlpaal_knop.click()
    assert paneel.melding.soort == "fout"
    assert MELDING in paneel.melding.tekst and "database or disk is full" in paneel.melding.tekst
    assert paneel.mijlpaal.value == "Gezamenlijk dossier in gebruik"
    assert store.items("mijlpaal", b.id) == []
