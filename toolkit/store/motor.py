"""Engine, locking and transactions: how the store reaches its database.

A read is :meth:`Motor.lees`; a write is one unit of work, :meth:`Motor.schrijf`, which
runs a function in a single transaction and retries it as a whole when SQLite is busy.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: SQLite's busy handler alone
    fcntl = None  # type: ignore[assignment]

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import OperationalError

from toolkit.fouten import OngeldigeInvoer, OpslaanMislukt, OpslagBezet, WerkplaatsFout
from toolkit.store.tabellen import SCHEMA_VERSIE

T = TypeVar("T")


def standaard_db_pad() -> Path:
    """Where the database lives when ``WERKPLAATS_DB`` says nothing."""
    basis = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(basis) / "werkplaats" / "werkplaats.db"


def db_url(waarde: str | os.PathLike[str] | None = None) -> str:
    """``WERKPLAATS_DB`` (a file path or any SQLAlchemy URL) or the default file."""
    waarde = waarde if waarde is not None else os.environ.get("WERKPLAATS_DB")
    if not waarde:
        waarde = standaard_db_pad()
    tekst = str(waarde)
    if "://" in tekst:
        return tekst
    pad = Path(tekst).expanduser().resolve()
    try:
        pad.parent.mkdir(parents=True, exist_ok=True)
    except OSError as fout:
        raise OngeldigeInvoer(
            "WERKPLAATS_DB", f"De map {pad.parent} voor de opslag kan niet worden gemaakt ({fout.strerror})."
        ) from None
    return f"sqlite:///{pad}"


def _oorzaak(fout: OperationalError) -> str:
    """The database's own words ('database or disk is full'), for the facilitator."""
    return str(getattr(fout, "orig", None) or fout).strip().splitlines()[0]


class _Schrijfslot:
    """A queue for SQLite writers across processes: an ``flock`` beside the database file.

    SQLite's own busy handler makes a waiting writer sleep and poll, so under load some
    writers starve for seconds while others pass; a blocking ``flock`` wakes the next
    writer the moment the lock is free, which keeps the slowest commit close to the rest.
    """

    def __init__(self, url: str) -> None:
        self._pad: str | None = None
        self._fd: int | None = None
        self._pid: int | None = None
        self._draad = threading.Lock()
        database = make_url(url).database
        if database and database != ":memory:" and fcntl is not None:
            self._pad = database + ".schrijfslot"

    def __enter__(self) -> None:
        self._draad.acquire()
        if self._pad is None:
            return
        try:
            if self._fd is None or self._pid != os.getpid():
                self._fd = os.open(self._pad, os.O_RDWR | os.O_CREAT, 0o600)
                self._pid = os.getpid()
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        except OSError:
            self._pad = None  # a read-only folder: fall back to SQLite's own waiting

    def __exit__(self, *_exc: object) -> None:
        try:
            if self._pad is not None and self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._draad.release()


class Motor:
    """The engine of one database: opens (and migrates) it, reads, and writes in units of work.

    One instance per process; :class:`toolkit.store.Store` builds on it.
    """

    def __init__(self, url: str | os.PathLike[str] | None = None, *, migreren: bool = True) -> None:
        self.url = db_url(url)
        self.sqlite = self.url.startswith("sqlite")
        self.engine: Engine = self._maak_engine()
        self._schrijfslot = _Schrijfslot(self.url) if self.sqlite else None
        if migreren:
            try:
                self.migreer()
            except OperationalError as fout:
                # An unreachable server or unreadable file is a message for the user, not a traceback.
                adres = make_url(self.url).render_as_string(hide_password=True)
                raise OpslagBezet(f"De opslag {adres} is niet bereikbaar: {fout.orig}".strip()) from None

    def _maak_engine(self) -> Engine:
        if not self.sqlite:
            if os.environ.get("WERKPLAATS_DB_POOL") == "kort":
                # A kernel on a node: a connection only for the length of one transaction,
                # so hundreds of idle participants hold none (docs/opschalen.md).
                from sqlalchemy.pool import NullPool

                return create_engine(self.url, poolclass=NullPool, future=True)
            return create_engine(self.url, pool_pre_ping=True, future=True)
        engine = create_engine(self.url, connect_args={"timeout": 15, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            # Let SQLAlchemy not begin transactions itself; we send BEGIN (IMMEDIATE) below.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=15000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            # A writer takes the lock at BEGIN, so two writers never deadlock on upgrade.
            schrijven = conn.get_execution_options().get("schrijven", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if schrijven else "BEGIN")

        return engine

    def migreer(self) -> None:
        """Bring the schema to :data:`SCHEMA_VERSIE`; cheap when it is already there."""
        try:
            with self.engine.connect() as conn:
                huidig = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            if huidig == SCHEMA_VERSIE:
                return
        except OperationalError:
            pass
        except Exception as fout:  # PostgreSQL: undefined table
            if "alembic_version" not in str(fout):
                raise
        from toolkit.migrations import upgrade

        upgrade(self.engine)

    @contextmanager
    def lees(self) -> Iterator[Connection]:
        """A read transaction (one consistent view of the database)."""
        try:
            with self.engine.connect() as conn:
                with conn.begin():
                    yield conn
        except OperationalError as fout:
            raise OpslagBezet(
                f"De opslag is even niet bereikbaar; probeer het zo opnieuw. ({_oorzaak(fout)})"
            ) from fout

    @contextmanager
    def _beurt(self) -> Iterator[None]:
        """Wait for this process's turn to write (SQLite only; PostgreSQL locks rows)."""
        if self._schrijfslot is None:
            yield
            return
        with self._schrijfslot:
            yield

    def schrijf(self, werk: Callable[[Connection], T]) -> T:
        """The unit of work: ``werk(conn)`` runs in ONE write transaction, committed on return.

        The whole function runs again when the database is busy, so ``werk`` must touch the
        database only through ``conn``. It logs what it changed with
        :func:`toolkit.store.wijzigingen.verhoog` (and :func:`~toolkit.store.wijzigingen.noteer_ook`).
        """
        pogingen = 0
        while True:
            try:
                with self._beurt(), self.engine.connect().execution_options(schrijven=True) as conn:
                    with conn.begin():
                        return werk(conn)
            except OperationalError as fout:
                if "locked" not in str(fout) and "busy" not in str(fout):
                    # Disk full, I/O error, server gone: the transaction was rolled back.
                    raise OpslaanMislukt(_oorzaak(fout)) from fout
                pogingen += 1
                if pogingen > 10:
                    raise OpslagBezet(
                        "Het opslaan duurt te lang omdat het erg druk is; probeer het zo nog eens."
                    ) from fout
                time.sleep(0.05 * pogingen)
            except WerkplaatsFout:
                raise  # GeenToegang is a PermissionError too: a rule, not a disk problem
            except OSError as fout:  # the write lock's file on a full or read-only disk
                raise OpslaanMislukt(str(fout)) from fout

