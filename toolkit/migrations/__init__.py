"""Alembic migrations of the Werkplaats schema, run from code (no alembic.ini needed).

``upgrade(engine)`` brings any database to the head revision; the store calls it at open
when ``alembic_version`` is not at :data:`toolkit.store.tabellen.SCHEMA_VERSIE`.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

MAP = Path(__file__).parent


def config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MAP))
    cfg.set_main_option("path_separator", "os")
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revisie: str = "head") -> None:
    command.upgrade(config(engine), revisie)
