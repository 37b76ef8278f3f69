"""Fixtures every test stands on: a real SQLite store in a temporary folder, and a demo.

The demo bijeenkomst is built once per test session and copied as a file for each test
that asks for it, so tests stay independent without paying for the whole programme again.
"""

from __future__ import annotations

import gc
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from toolkit import model
from toolkit.store import Regie, Store

if TYPE_CHECKING:
    from toolkit.apps.basis import Paneel, Sessie


@pytest.fixture
def ontdooi() -> Iterator[None]:
    """gc.freeze() holds for the whole process: give the test run its collector back."""
    yield
    gc.unfreeze()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty database on a throwaway PostgreSQL cluster (``diensten``); dropped
    afterwards. Skips with the reason when the cluster cannot start."""
    from diensten import cluster, nieuwe_database

    c = cluster()
    if isinstance(c, str):
        pytest.skip(c)
    with nieuwe_database(c) as url:
        yield url


@pytest.fixture
def db_pad(tmp_path: Path) -> Path:
    return tmp_path / "werkplaats.db"


@pytest.fixture
def store(db_pad: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """An empty, migrated store on a temporary SQLite file (also in ``WERKPLAATS_DB``)."""
    monkeypatch.setenv("WERKPLAATS_DB", str(db_pad))
    return Store(db_pad)


@dataclass
class Zaal:
    """A bijeenkomst in a real store with its facilitator, and shortcuts a test reads easily."""

    store: Store
    bijeenkomst: model.Bijeenkomst
    sleutel: str
    regie: Regie
    #: Per paneel the versie it last saw, as the page's watcher keeps it.
    versies: dict[int, int] = field(default_factory=dict, repr=False)

    @classmethod
    def nieuw(
        cls, store: Store, *onderdelen: model.Onderdeel, titel: str = "Startbijeenkomst Wijk Noord", **gegevens: object
    ) -> Zaal:
        bijeenkomst, sleutel = store.nieuwe_bijeenkomst(titel, onderdelen=list(onderdelen), **gegevens)  # type: ignore[arg-type]
        return cls(store, bijeenkomst, sleutel, store.regie(bijeenkomst.code, sleutel))

    @property
    def code(self) -> str:
        return self.bijeenkomst.code

    @property
    def id(self) -> int:
        return self.bijeenkomst.id  # type: ignore[return-value]

    def delen(self) -> tuple[Store, model.Bijeenkomst, str]:
        """Store, bijeenkomst and facilitator key, for a test that passes them on (CLI, import)."""
        return self.store, self.bijeenkomst, self.sleutel

    def onderdeel(self, werkvorm: str) -> model.Onderdeel:
        return next(o for o in self.store.onderdelen(self.id) if o.werkvorm == werkvorm)

    def ga_naar(self, werkvorm: str) -> int:
        """Make an onderdeel current and return its id."""
        oid = self.onderdeel(werkvorm).id
        self.regie.ga_naar(oid)
        return oid  # type: ignore[return-value]

    def aanmelden(
        self, organisatie: str = "Huisartsenpraktijk De Horst", domein: str = "zorg", naam: str = ""
    ) -> model.Deelnemer:
        return self.store.aanmelden(self.code, organisatie=organisatie, domein=domein, naam=naam)[0]

    def deelnemer(self, organisatie: str = "Huisartsenpraktijk De Horst", domein: str = "zorg") -> int:
        return self.aanmelden(organisatie, domein).id  # type: ignore[return-value]

    def versie(self) -> int:
        return self.store.versie(self.id)

    def sessie(self, pagina: str = "wand", deelnemer: model.Deelnemer | None = None) -> Sessie:
        from toolkit.apps.basis import Sessie

        regie = self.regie if pagina == "regie" else None
        return Sessie(self.store, self.store.bijeenkomst_met_id(self.id), deelnemer=deelnemer, regie=regie)

    def paneel(self, pagina: str, onderdeel: model.Onderdeel, deelnemer: model.Deelnemer | None = None) -> Paneel:
        """The paneel ``pagina`` ('deelnemer', 'wand', 'regie') shows for this onderdeel."""
        from toolkit.apps.basis import maak_paneel

        paneel = maak_paneel(pagina, self.sessie(pagina, deelnemer), self.store.onderdeel(onderdeel.id))  # type: ignore[arg-type]
        self.versies[id(paneel)] = self.versie()
        return paneel

    def ververs(self, *panelen: Paneel) -> None:
        """What the page's watcher does: hand each paneel what changed since its last look."""
        for paneel in panelen:
            wijzigingen = self.store.wijzigingen_sinds(self.id, self.versies.get(id(paneel), 0))
            self.versies[id(paneel)] = wijzigingen.versie
            if wijzigingen:
                paneel.ververs(wijzigingen)


@dataclass
class Kamer(Zaal):
    """A :class:`Zaal` standing in one onderdeel: its pages are one call away.

    ``onderdeel`` is the current one (as the test built it); ``anna`` and ``bram`` are
    participants a test may join (:func:`nieuwe_kamer` leaves them empty).
    """

    onderdeel: model.Onderdeel | None = None  # type: ignore[assignment]
    anna: model.Deelnemer | None = None
    bram: model.Deelnemer | None = None

    def vers(self) -> model.Onderdeel:
        """The onderdeel as the store has it now."""
        return self.store.onderdeel(self.onderdeel.id)  # type: ignore[union-attr,arg-type]

    def paneel(self, pagina: str, deelnemer: model.Deelnemer | None = None) -> Paneel:  # type: ignore[override]
        """The paneel ``pagina`` ('deelnemer', 'wand', 'regie') shows for the current onderdeel."""
        return super().paneel(pagina, self.onderdeel, deelnemer)  # type: ignore[arg-type]

    def telefoon(self, naam: str = "", organisatie: str = "Huisartsenpraktijk") -> Paneel:
        """A new participant joins and this is their phone's paneel."""
        return self.paneel("deelnemer", self.aanmelden(organisatie, "zorg", naam))

    def wand(self) -> Paneel:
        return self.paneel("wand")

    def regiepaneel(self) -> Paneel:
        return self.paneel("regie")


@pytest.fixture
def nieuwe_zaal(store: Store) -> Callable[..., Zaal]:
    """``nieuwe_zaal(*onderdelen, titel=..., datum=...)``: a bijeenkomst in this test's store."""
    return lambda *onderdelen, **gegevens: Zaal.nieuw(store, *onderdelen, **gegevens)


@pytest.fixture
def nieuwe_kamer(store: Store) -> Callable[..., Kamer]:
    """``nieuwe_kamer(*onderdelen, actief=-1, titel=...)``: a bijeenkomst in this test's store
    whose onderdeel ``onderdelen[actief]`` is current (the last one unless told)."""

    def maak(*onderdelen: model.Onderdeel, actief: int = -1, **gegevens: object) -> Kamer:
        zaal = Zaal.nieuw(store, *onderdelen, **gegevens)
        doel = store.onderdelen(zaal.id)[actief]
        zaal.regie.ga_naar(doel.id)  # type: ignore[arg-type]
        return Kamer(
            store, store.bijeenkomst_met_id(zaal.id), zaal.sleutel, zaal.regie, onderdeel=store.onderdeel(doel.id)  # type: ignore[arg-type]
        )

    return maak


@pytest.fixture
def standaard_zaal(store: Store) -> Zaal:
    """A fresh bijeenkomst on the standard programme."""
    from toolkit.werkvormen import laad_programma

    return Zaal.nieuw(store, *laad_programma("standaard").onderdelen, titel="Startbijeenkomst Noord")


@dataclass
class DemoBijeenkomst:
    store: Store
    bijeenkomst: model.Bijeenkomst
    sleutel: str
    regie: Regie
    db_pad: Path

    @property
    def code(self) -> str:
        return self.bijeenkomst.code


@pytest.fixture(scope="session")
def _demo_sjabloon(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    from toolkit.demo import vul_demo

    pad = tmp_path_factory.mktemp("demo") / "demo.db"
    demo = vul_demo(Store(pad))
    demo.store.engine.dispose()
    with sqlite3.connect(pad) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return pad, demo.bijeenkomst.code, demo.sleutel


@pytest.fixture
def demo(_demo_sjabloon: tuple[Path, str, str], db_pad: Path, monkeypatch: pytest.MonkeyPatch) -> DemoBijeenkomst:
    """The filled demo bijeenkomst (12 deelnemers, every onderdeel) in this test's own file."""
    sjabloon, code, sleutel = _demo_sjabloon
    shutil.copy(sjabloon, db_pad)
    monkeypatch.setenv("WERKPLAATS_DB", str(db_pad))
    s = Store(db_pad)
    return DemoBijeenkomst(s, s.bijeenkomst(code), sleutel, s.regie(code, sleutel), db_pad)


@pytest.fixture
def vandaag() -> date:
    return date.today()
