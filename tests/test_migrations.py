"""The schema is made by Alembic migrations, agrees with the model, and is not migrated twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

import toolkit.migrations
from toolkit.store import SCHEMA_VERSIE, Store, metadata


def hoofdrevisie() -> str:
    return ScriptDirectory.from_config(toolkit.migrations.config()).get_current_head()  # type: ignore[return-value]


def test_schema_versie_is_de_laatste_migratie() -> None:
    assert hoofdrevisie() == SCHEMA_VERSIE


def test_zonder_migreren_is_een_nieuw_bestand_leeg(db_pad: Path) -> None:
    store = Store(db_pad, migreren=False)
    assert inspect(store.engine).get_table_names() == []


def _controleer_gemigreerd(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_VERSIE
        assert set(inspect(conn).get_table_names()) == set(metadata.tables) | {"alembic_version"}
        verschillen = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), metadata
        )
    assert verschillen == [], verschillen


def test_lege_database_wordt_door_migreren_aangemaakt_en_klopt_met_het_model(db_pad: Path) -> None:
    _controleer_gemigreerd(Store(db_pad))


@pytest.mark.postgres
def test_lege_postgres_database_wordt_gemigreerd_en_klopt_met_het_model(postgres_url: str) -> None:
    store = Store(postgres_url)
    try:
        _controleer_gemigreerd(store)
    finally:
        store.engine.dispose()


def test_bestaande_database_opnieuw_openen_migreert_niet(
    db_pad: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db_pad).engine.dispose()
    aanroepen: list[object] = []
    monkeypatch.setattr(toolkit.migrations, "upgrade", lambda *a, **k: aanroepen.append(a))
    store = Store(db_pad)
    assert aanroepen == []
    assert store.bijeenkomsten() == []


def test_database_zonder_versie_wordt_wel_gemigreerd(db_pad: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store(db_pad, migreren=False).engine.dispose()
    aanroepen: list[object] = []
    echte = toolkit.migrations.upgrade
    monkeypatch.setattr(toolkit.migrations, "upgrade", lambda *a, **k: aanroepen.append(a) or echte(*a, **k))
    _controleer_gemigreerd(Store(db_pad))
    assert len(aanroepen) == 1


def test_gegevens_blijven_bij_opnieuw_openen(db_pad: Path) -> None:
    eerste = Store(db_pad)
    bijeenkomst, sleutel = eerste.nieuwe_bijeenkomst("Startbijeenkomst De Horst")
    eerste.engine.dispose()
    tweede = Store(db_pad)
    assert tweede.bijeenkomst(bijeenkomst.code).titel == "Startbijeenkomst De Horst"
    assert tweede.regie(bijeenkomst.code, sleutel).bijeenkomst_id == bijeenkomst.id
