"""What nodes (``toolkit.knooppunt``) need of the store: NOTIFY, LISTEN, a shared start.

PostgreSQL's LISTEN/NOTIFY for the live pages is the store's half of ``toolkit.wekker``.

``meld(conn, bijeenkomst_id)`` runs inside every change transaction (``wijzigingen.bump``):
``pg_notify('werkplaats', '<id>')`` is delivered when the transaction commits, never for
a rolled-back one, and several in one transaction arrive as one. SQLite: nothing.

``luister(url, bij_melding)`` is the node's one LISTEN connection (``werkplaats
knooppunt``): it calls ``bij_melding(payload)`` for every notification and ``"*"`` after
each (re)connect, since notifications may have been missed while it was away.

``migreer_gedeeld(url)`` brings the schema up to date once when several nodes start at
the same moment (a PostgreSQL advisory lock around the migration).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import OperationalError

log = logging.getLogger(__name__)

KANAAL = "werkplaats"
"""The LISTEN/NOTIFY channel; the payload is the bijeenkomst id as text, ``*`` = all."""

ALLES = "*"


def meld(conn: Connection, bijeenkomst_id: int) -> None:
    """A wake-up hint for the live pages of this bijeenkomst, sent on commit (PostgreSQL)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_notify(:k, :b)"), {"k": KANAAL, "b": str(bijeenkomst_id)})


def libpq_adres(url: str) -> str:
    """``postgresql+psycopg://u:p@h:5432/db`` -> ``postgresql://u:p@h:5432/db`` for psycopg."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def luister(url: str, bij_melding: Callable[[str], Awaitable[None]]) -> None:
    """LISTEN on ``url`` for ever; reconnects with back-off after a lost connection."""
    import psycopg

    adres = libpq_adres(url)
    wacht = 0.5
    while True:
        try:
            async with await psycopg.AsyncConnection.connect(adres, autocommit=True) as conn:
                await conn.execute(f"LISTEN {KANAAL}")
                log.info("Luistert naar %s", KANAAL)
                wacht = 0.5
                await bij_melding(ALLES)
                async for melding in conn.notifies():
                    await bij_melding(melding.payload or ALLES)
        except asyncio.CancelledError:
            raise
        except Exception as fout:  # noqa: BLE001 - a lost server: retry; kernels poll meanwhile
            log.warning("Verbinding voor meldingen verloren (%s); opnieuw over %.1f s", fout, wacht)
        await asyncio.sleep(wacht)
        wacht = min(wacht * 2, 10.0)


MIGRATIESLOT = 0x5765726B  # "Werk": the advisory lock the nodes migrate under


def migreer_gedeeld(url: str) -> None:
    """Open (and migrate) the store once before a node starts, one node at a time.

    Several nodes starting together would each run the migration and trip over each
    other's ``CREATE TABLE``; the advisory lock makes the others wait and then find the
    schema current. An unreachable database ends in the store's Dutch message.
    """
    from sqlalchemy.pool import NullPool

    from toolkit.store.motor import Motor  # opening migrates; nothing more is needed

    if not url.startswith("postgresql"):
        Motor(url).engine.dispose()
        return
    engine = create_engine(url, poolclass=NullPool)
    try:
        conn = engine.connect()
    except OperationalError:
        Motor(url).engine.dispose()  # raises OpslagBezet with the reason
        return
    try:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATIESLOT})
        conn.commit()
        Motor(url).engine.dispose()
    finally:
        conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATIESLOT})
        conn.commit()
        conn.close()
        engine.dispose()
