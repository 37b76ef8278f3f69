"""Fixtures every test stands on: a real SQLite store in a temporary folder, and a demo.

The demo bijeenkomst is built once per test session and copied as a file for each test
that asks for it, so tests stay independent without paying for the whole programme again.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from toolkit import model
from toolkit.store import Regie, Store


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
