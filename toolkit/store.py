"""The single truth of every bijeenkomst: the only module that speaks SQL.

Every browser tab has its own kernel, so people reach each other only through here.
Each action is one short transaction that also raises the bijeenkomst's ``versie`` and
logs what changed in ``wijziging``; live pages poll :meth:`Store.versie` (one indexed
read) and fetch :meth:`Store.wijzigingen_sinds` only when it moved.

Facilitator actions live on :class:`Regie`, which only :meth:`Store.regie` hands out
after checking the facilitator key. Participant actions take the participant's id and
refuse entries of someone else.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: SQLite's busy handler alone
    fcntl = None  # type: ignore[assignment]

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import OperationalError

from toolkit import model
from toolkit.fouten import (
    BijeenkomstGesloten,
    GeenToegang,
    NietGevonden,
    OngeldigeInvoer,
    OpslagBezet,
    TeSnel,
)

SCHEMA_VERSIE = "0001"
"""Alembic head; a database at this revision needs no migration at open."""

T = TypeVar("T")

# --- schema -----------------------------------------------------------------------------

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _bijeenkomst_fk() -> Column:
    return Column(
        "bijeenkomst_id", Integer, ForeignKey("bijeenkomst.id", ondelete="CASCADE"), nullable=False, index=True
    )


def _onderdeel_fk(nullable: bool = False) -> Column:
    return Column("onderdeel_id", Integer, ForeignKey("onderdeel.id", ondelete="CASCADE"), nullable=nullable, index=True)


def _deelnemer_fk() -> Column:
    return Column("deelnemer_id", Integer, ForeignKey("deelnemer.id", ondelete="SET NULL"), nullable=True, index=True)


bijeenkomst_t = Table(
    "bijeenkomst",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("titel", String(240), nullable=False),
    Column("datum", Date),
    Column("locatie", String(240), nullable=False, default=""),
    Column("aanleiding", Text, nullable=False, default=""),
    Column("code", String(6), nullable=False, index=True),
    Column("status", String(16), nullable=False, default="open"),
    Column("sleutel_hash", String(64), nullable=False),
    Column("versie", Integer, nullable=False, default=0),
    Column("huidig_onderdeel_id", Integer),
    Column("timer_eind", DateTime),
    Column("timer_rest", Integer),
    Column("aangemaakt", DateTime, nullable=False),
)

onderdeel_t = Table(
    "onderdeel",
    metadata,
    Column("id", Integer, primary_key=True),
    _bijeenkomst_fk(),
    Column("volgorde", Integer, nullable=False),
    Column("werkvorm", String(120), nullable=False),
    Column("titel", String(120), nullable=False),
    Column("vraag", Text, nullable=False),
    Column("instructie", Text, nullable=False, default=""),
    Column("invoer", String(16), nullable=False),
    Column("duur_minuten", Integer, nullable=False),
    Column("stippen", Integer, nullable=False, default=0),
    Column("anoniem", Boolean, nullable=False, default=True),
    Column("prive_eerst", Boolean, nullable=False, default=False),
    Column("kolommen", JSON, nullable=False, default=list),
    Column("stellingen", JSON, nullable=False, default=list),
    Column("neemt_over", JSON, nullable=False, default=list),
    Column("status", String(16), nullable=False, default="gepland"),
    Column("onthuld", Boolean, nullable=False, default=True),
    Column("stemmen_open", Boolean, nullable=False, default=False),
)

deelnemer_t = Table(
    "deelnemer",
    metadata,
    Column("id", Integer, primary_key=True),
    _bijeenkomst_fk(),
    Column("naam", String(120), nullable=False, default=""),
    Column("naam_tonen", Boolean, nullable=False, default=False),
    Column("organisatie", String(120), nullable=False),
    Column("domein", String(16), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("aangemaakt", DateTime, nullable=False),
)


def _item_tabel(naam: str, *kolommen: Column, zichtbaar: bool = True, deelnemer: bool = True) -> Table:
    extra = [Column("zichtbaar", Boolean, nullable=False, default=True)] if zichtbaar else []
    wie = [_deelnemer_fk()] if deelnemer else []
    return Table(
        naam,
        metadata,
        Column("id", Integer, primary_key=True),
        _bijeenkomst_fk(),
        _onderdeel_fk(nullable=not deelnemer),
        *wie,
        *kolommen,
        *extra,
        Column("aangemaakt", DateTime, nullable=False),
    )


bijdrage_t = _item_tabel(
    "bijdrage",
    Column("tekst", Text, nullable=False),
    Column("kolom", String(120), nullable=False, default=""),
    Column("thema", String(40), nullable=False, default=""),
    Column("cluster", String(120), nullable=False, default=""),
    Column("ingetrokken", Boolean, nullable=False, default=False),
    Column("samengevoegd_met", Integer, ForeignKey("bijdrage.id", ondelete="SET NULL")),
    Column("bewerkt", DateTime),
)
stakeholder_t = _item_tabel(
    "stakeholder",
    Column("naam", String(120), nullable=False),
    Column("organisatie", String(120), nullable=False, default=""),
    Column("domein", String(16), nullable=False),
    Column("invloed", Integer, nullable=False),
    Column("belang", Integer, nullable=False),
)
relatie_t = _item_tabel(
    "relatie",
    Column("van", String(120), nullable=False),
    Column("naar", String(120), nullable=False),
    Column("frequentie", String(16), nullable=False),
    Column("overlegvorm", String(120), nullable=False, default=""),
    zichtbaar=False,
)
swot_t = _item_tabel(
    "swot_item",
    Column("kwadrant", String(16), nullable=False),
    Column("tekst", Text, nullable=False),
)
stip_t = _item_tabel(
    "stip",
    Column("tekst", Text, nullable=False),
    Column("definitief", Boolean, nullable=False, default=False),
)
mijlpaal_t = _item_tabel(
    "mijlpaal",
    Column("horizon", String(16), nullable=False),
    Column("tekst", Text, nullable=False),
)
antwoord_t = _item_tabel(
    "antwoord",
    Column("onderwerp", String(360), nullable=False),
    Column("waarde", Integer, nullable=False),
    zichtbaar=False,
)
antwoord_t.append_constraint(UniqueConstraint("onderdeel_id", "deelnemer_id", "onderwerp", name="uq_antwoord_per_persoon"))
confrontatie_t = _item_tabel(
    "confrontatie",
    Column("intern_id", Integer, ForeignKey("swot_item.id", ondelete="CASCADE"), nullable=False),
    Column("extern_id", Integer, ForeignKey("swot_item.id", ondelete="CASCADE"), nullable=False),
    Column("strategie", Text, nullable=False),
    zichtbaar=False,
    deelnemer=False,
)
actie_t = _item_tabel(
    "actie",
    Column("wat", Text, nullable=False),
    Column("wie", String(120), nullable=False),
    Column("wanneer", Date, nullable=False),
    Column("thema", String(40), nullable=False, default=""),
    Column("status", String(16), nullable=False, default="open"),
    Column("bijdrage_id", Integer, ForeignKey("bijdrage.id", ondelete="SET NULL")),
    zichtbaar=False,
    deelnemer=False,
)
afspraak_t = _item_tabel(
    "afspraak",
    Column("tekst", Text, nullable=False),
    Column("wie", String(120), nullable=False, default=""),
    Column("evaluatiemoment", Date),
    zichtbaar=False,
    deelnemer=False,
)
stem_t = Table(
    "stem",
    metadata,
    Column("id", Integer, primary_key=True),
    _bijeenkomst_fk(),
    _onderdeel_fk(),
    Column("deelnemer_id", Integer, ForeignKey("deelnemer.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("soort", String(16), nullable=False),
    Column("doel_id", Integer, nullable=False),
    Column("aangemaakt", DateTime, nullable=False),
)
wijziging_t = Table(
    "wijziging",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("bijeenkomst_id", Integer, ForeignKey("bijeenkomst.id", ondelete="CASCADE"), nullable=False),
    Column("versie", Integer, nullable=False),
    Column("soort", String(16), nullable=False),
    Column("doel_id", Integer),
    Column("deelnemer_id", Integer),
    Column("tijd", DateTime, nullable=False),
    Index("ix_wijziging_bijeenkomst_versie", "bijeenkomst_id", "versie"),
    Index("ix_wijziging_deelnemer_tijd", "deelnemer_id", "tijd"),
)

#: Kind name -> (model class, table). The kind names are also what the wijziging log says.
SOORTEN: dict[str, tuple[type, Table]] = {
    "bijdrage": (model.Bijdrage, bijdrage_t),
    "stakeholder": (model.Stakeholder, stakeholder_t),
    "relatie": (model.Relatie, relatie_t),
    "swot": (model.SwotItem, swot_t),
    "stip": (model.Stip, stip_t),
    "mijlpaal": (model.Mijlpaal, mijlpaal_t),
    "antwoord": (model.Antwoord, antwoord_t),
    "confrontatie": (model.Confrontatie, confrontatie_t),
    "actie": (model.Actie, actie_t),
    "afspraak": (model.Afspraak, afspraak_t),
}
_SOORT_VAN_KLASSE = {klasse: soort for soort, (klasse, _t) in SOORTEN.items()}
#: Kinds a participant writes into the current onderdeel.
DEELNEMER_SOORTEN = ("bijdrage", "stakeholder", "relatie", "swot", "stip", "mijlpaal", "antwoord")
#: Kinds that use up the writing budget (``model.RATE_MAX``). Scores are left out: they
#: replace each other per onderwerp, so a dubbelcheck of 18 scores cannot flood anything.
BEGRENSDE_SOORTEN = tuple(s for s in DEELNEMER_SOORTEN if s != "antwoord")
#: Which kinds fit which invoer of an onderdeel.
INVOER_SOORT: dict[str, tuple[str, ...]] = {
    "tekst": ("bijdrage",),
    "stelling": ("antwoord",),
    "stakeholder": ("stakeholder",),
    "relatie": ("relatie",),
    "swot": ("swot", "confrontatie"),
    "stip": ("stip", "mijlpaal"),
    "dubbelcheck": ("antwoord", "bijdrage"),
    "actie": ("actie", "bijdrage"),  # participants propose (kolom "voorstel")
    "afspraak": ("afspraak", "bijdrage"),
}


def soort_van(item: object) -> str:
    try:
        return _SOORT_VAN_KLASSE[type(item)]
    except KeyError:
        raise TypeError(f"{type(item).__name__} is geen soort invoer die de opslag kent") from None


def _velden(klasse: type) -> list[str]:
    return [f.name for f in fields(klasse) if f.init and f.name != "vanaf"]


def _naar_model(klasse: type[T], rij: Any) -> T:
    waarden = rij._mapping
    return klasse(**{naam: waarden[naam] for naam in _velden(klasse) if naam in waarden})


def _hash(geheim: str) -> str:
    return hashlib.sha256(geheim.encode("utf-8")).hexdigest()


def standaard_db_pad() -> Path:
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


# --- results ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Wijzigingen:
    """What changed in a bijeenkomst after a given versie: kinds and ids per kind."""

    versie: int
    ids: dict[str, frozenset[int]]

    @property
    def soorten(self) -> frozenset[str]:
        return frozenset(self.ids)

    def __bool__(self) -> bool:
        return bool(self.ids)


@dataclass(frozen=True, slots=True)
class Telling:
    """Dots on one entry."""

    soort: str
    doel_id: int
    stemmen: int


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


# --- the store ----------------------------------------------------------------------------


class Store:
    """Opens (and migrates) the database; one instance per process."""

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

    # plumbing ---------------------------------------------------------------------------

    def _maak_engine(self) -> Engine:
        if not self.sqlite:
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
    def _lees(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            with conn.begin():
                yield conn

    @contextmanager
    def _beurt(self) -> Iterator[None]:
        """Wait for this process's turn to write (SQLite only; PostgreSQL locks rows)."""
        if self._schrijfslot is None:
            yield
            return
        with self._schrijfslot:
            yield

    def _draai(self, werk: Any) -> Any:
        """Run ``werk(conn)`` in a write transaction; the whole function retries on lock."""
        pogingen = 0
        while True:
            try:
                with self._beurt(), self.engine.connect().execution_options(schrijven=True) as conn:
                    with conn.begin():
                        return werk(conn)
            except OperationalError as fout:
                if "locked" not in str(fout) and "busy" not in str(fout):
                    raise
                pogingen += 1
                if pogingen > 10:
                    raise OpslagBezet(
                        "Het opslaan duurt te lang omdat het erg druk is; probeer het zo nog eens."
                    ) from fout
                time.sleep(0.05 * pogingen)

    @staticmethod
    def _bump(
        conn: Connection,
        bijeenkomst_id: int,
        soort: str,
        doel_id: int | None = None,
        deelnemer_id: int | None = None,
    ) -> int:
        versie = conn.execute(
            update(bijeenkomst_t)
            .where(bijeenkomst_t.c.id == bijeenkomst_id)
            .values(versie=bijeenkomst_t.c.versie + 1)
            .returning(bijeenkomst_t.c.versie)
        ).scalar_one()
        conn.execute(
            insert(wijziging_t).values(
                bijeenkomst_id=bijeenkomst_id,
                versie=versie,
                soort=soort,
                doel_id=doel_id,
                deelnemer_id=deelnemer_id,
                tijd=model.nu(),
            )
        )
        return versie

    @staticmethod
    def _noteer(conn: Connection, bijeenkomst_id: int, soort: str, doel_id: int) -> None:
        """Log one more changed entry under the versie this action already raised.

        An action on several entries (merge, cluster) is still one change for the live pages.
        """
        versie = conn.execute(
            select(bijeenkomst_t.c.versie).where(bijeenkomst_t.c.id == bijeenkomst_id)
        ).scalar_one()
        conn.execute(
            insert(wijziging_t).values(
                bijeenkomst_id=bijeenkomst_id, versie=versie, soort=soort, doel_id=doel_id, tijd=model.nu()
            )
        )

    # bijeenkomsten ------------------------------------------------------------------------

    def nieuwe_bijeenkomst(
        self,
        titel: str,
        *,
        datum: date | None = None,
        locatie: str = "",
        aanleiding: str = "",
        onderdelen: list[model.Onderdeel] | tuple[model.Onderdeel, ...] = (),
    ) -> tuple[model.Bijeenkomst, str]:
        """A new bijeenkomst with its programme; returns it and the facilitator key (once)."""
        concept = model.Bijeenkomst(titel=titel, datum=datum, locatie=locatie, aanleiding=aanleiding)
        sleutel = secrets.token_urlsafe(24)

        def werk(conn: Connection) -> int:
            bid = self._voeg_bijeenkomst_in(conn, concept, sleutel)
            for volgorde, onderdeel in enumerate(onderdelen):
                self._voeg_onderdeel_in(conn, bid, replace(onderdeel, volgorde=volgorde, status="gepland"))
            self._bump(conn, bid, "bijeenkomst", bid)
            return bid

        bid = self._draai(werk)
        return self.bijeenkomst_by_id(bid), sleutel

    @classmethod
    def _voeg_bijeenkomst_in(cls, conn: Connection, bijeenkomst: model.Bijeenkomst, sleutel: str) -> int:
        """Insert a bijeenkomst under a fresh join code, keeping only a hash of the key."""
        return conn.execute(
            insert(bijeenkomst_t).values(
                titel=bijeenkomst.titel,
                datum=bijeenkomst.datum,
                locatie=bijeenkomst.locatie,
                aanleiding=bijeenkomst.aanleiding,
                code=cls._vrije_code(conn),
                status=bijeenkomst.status,
                sleutel_hash=_hash(sleutel),
                versie=0,
                aangemaakt=model.nu(),
            )
        ).inserted_primary_key[0]

    @staticmethod
    def _vrije_code(conn: Connection) -> str:
        for _ in range(50):
            code = "".join(secrets.choice(model.CODE_ALFABET) for _ in range(model.CODE_LENGTE))
            bezet = conn.execute(
                select(bijeenkomst_t.c.id).where(bijeenkomst_t.c.code == code, bijeenkomst_t.c.status == "open")
            ).first()
            if bezet is None:
                return code
        raise OpslagBezet("Er is geen vrije code te vinden; sluit oude bijeenkomsten met 'werkplaats wis'.")

    @staticmethod
    def _voeg_onderdeel_in(conn: Connection, bijeenkomst_id: int, o: model.Onderdeel) -> int:
        waarden = {naam: getattr(o, naam) for naam in _velden(model.Onderdeel) if naam not in ("id", "bijeenkomst_id")}
        waarden["kolommen"] = list(o.kolommen)
        waarden["stellingen"] = list(o.stellingen)
        waarden["neemt_over"] = list(o.neemt_over)
        return conn.execute(insert(onderdeel_t).values(bijeenkomst_id=bijeenkomst_id, **waarden)).inserted_primary_key[0]

    def bijeenkomst(self, code: str) -> model.Bijeenkomst:
        """The bijeenkomst with this join code (open ones first, then the newest)."""
        code = model.join_code(code)
        with self._lees() as conn:
            rij = conn.execute(
                select(bijeenkomst_t)
                .where(bijeenkomst_t.c.code == code)
                .order_by((bijeenkomst_t.c.status == "open").desc(), bijeenkomst_t.c.id.desc())
            ).first()
        if rij is None:
            raise NietGevonden(f"Er is geen bijeenkomst met code {code}; kijk de code op de wand nog eens na.")
        return _naar_model(model.Bijeenkomst, rij)

    def bijeenkomst_by_id(self, bijeenkomst_id: int) -> model.Bijeenkomst:
        with self._lees() as conn:
            rij = conn.execute(select(bijeenkomst_t).where(bijeenkomst_t.c.id == bijeenkomst_id)).first()
        if rij is None:
            raise NietGevonden(f"Bijeenkomst {bijeenkomst_id} bestaat niet (meer).")
        return _naar_model(model.Bijeenkomst, rij)

    def bijeenkomsten(self) -> list[model.Bijeenkomst]:
        with self._lees() as conn:
            rijen = conn.execute(select(bijeenkomst_t).order_by(bijeenkomst_t.c.id.desc())).all()
        return [_naar_model(model.Bijeenkomst, r) for r in rijen]

    def regie(self, code: str, sleutel: str) -> Regie:
        """Facilitator access: checks the key, then hands out the facilitator actions."""
        bijeenkomst = self.bijeenkomst(code)
        with self._lees() as conn:
            opgeslagen = conn.execute(
                select(bijeenkomst_t.c.sleutel_hash).where(bijeenkomst_t.c.id == bijeenkomst.id)
            ).scalar_one()
        if not sleutel or not hmac.compare_digest(opgeslagen, _hash(str(sleutel).strip())):
            raise GeenToegang("Deze sleutel hoort niet bij deze bijeenkomst; gebruik de link van de procesbegeleider.")
        return Regie(self, bijeenkomst.id)  # type: ignore[arg-type]

    def wis(self, code: str, sleutel: str) -> None:
        """Delete a bijeenkomst and everything in it for good (AVG)."""
        bid = self.regie(code, sleutel).bijeenkomst_id

        def werk(conn: Connection) -> None:
            if not self.sqlite:
                conn.execute(delete(bijeenkomst_t).where(bijeenkomst_t.c.id == bid))
                return
            # SQLite enforces ON DELETE CASCADE only with foreign_keys on, which we set; delete
            # the log too, which has no cascade on purpose-built indexes.
            conn.execute(delete(wijziging_t).where(wijziging_t.c.bijeenkomst_id == bid))
            conn.execute(delete(bijeenkomst_t).where(bijeenkomst_t.c.id == bid))

        self._draai(werk)

    # live state -------------------------------------------------------------------------

    def versie(self, bijeenkomst_id: int) -> int:
        """The change counter: one primary-key read, cheap enough to poll every 0.3 s."""
        with self.engine.connect() as conn:
            with conn.begin():
                waarde = conn.execute(
                    select(bijeenkomst_t.c.versie).where(bijeenkomst_t.c.id == bijeenkomst_id)
                ).scalar()
        if waarde is None:
            raise NietGevonden(f"Bijeenkomst {bijeenkomst_id} bestaat niet (meer).")
        return waarde

    def wijzigingen_sinds(self, bijeenkomst_id: int, versie: int) -> Wijzigingen:
        with self._lees() as conn:
            huidig = conn.execute(
                select(bijeenkomst_t.c.versie).where(bijeenkomst_t.c.id == bijeenkomst_id)
            ).scalar()
            rijen = conn.execute(
                select(wijziging_t.c.soort, wijziging_t.c.doel_id).where(
                    wijziging_t.c.bijeenkomst_id == bijeenkomst_id, wijziging_t.c.versie > versie
                )
            ).all()
        if huidig is None:
            raise NietGevonden(f"Bijeenkomst {bijeenkomst_id} bestaat niet (meer).")
        ids: dict[str, set[int]] = {}
        for soort, doel_id in rijen:
            ids.setdefault(soort, set())
            if doel_id is not None:
                ids[soort].add(doel_id)
        return Wijzigingen(versie=huidig, ids={k: frozenset(v) for k, v in ids.items()})

    # programme ---------------------------------------------------------------------------

    def onderdelen(self, bijeenkomst_id: int) -> list[model.Onderdeel]:
        with self._lees() as conn:
            rijen = conn.execute(
                select(onderdeel_t)
                .where(onderdeel_t.c.bijeenkomst_id == bijeenkomst_id)
                .order_by(onderdeel_t.c.volgorde, onderdeel_t.c.id)
            ).all()
        return [_naar_model(model.Onderdeel, r) for r in rijen]

    def onderdeel(self, onderdeel_id: int) -> model.Onderdeel:
        with self._lees() as conn:
            rij = conn.execute(select(onderdeel_t).where(onderdeel_t.c.id == onderdeel_id)).first()
        if rij is None:
            raise NietGevonden(f"Onderdeel {onderdeel_id} bestaat niet (meer).")
        return _naar_model(model.Onderdeel, rij)

    def huidig_onderdeel(self, bijeenkomst_id: int) -> model.Onderdeel | None:
        b = self.bijeenkomst_by_id(bijeenkomst_id)
        return self.onderdeel(b.huidig_onderdeel_id) if b.huidig_onderdeel_id else None

    # participants ------------------------------------------------------------------------

    def aanmelden(
        self, code: str, *, organisatie: str, domein: str, naam: str = "", naam_tonen: bool = False
    ) -> tuple[model.Deelnemer, str]:
        """Join a bijeenkomst; returns the participant and a personal token for rejoining."""
        bijeenkomst = self.bijeenkomst(code)
        if not bijeenkomst.open:
            raise BijeenkomstGesloten(
                "Aanmelden voor deze bijeenkomst is gesloten; vraag de procesbegeleider om het te openen."
            )
        concept = model.Deelnemer(organisatie=organisatie, domein=domein, naam=naam, naam_tonen=naam_tonen)
        token = secrets.token_urlsafe(16)

        def werk(conn: Connection) -> int:
            did = conn.execute(
                insert(deelnemer_t).values(
                    bijeenkomst_id=bijeenkomst.id,
                    naam=concept.naam,
                    naam_tonen=concept.naam_tonen,
                    organisatie=concept.organisatie,
                    domein=concept.domein,
                    token_hash=_hash(token),
                    aangemaakt=model.nu(),
                )
            ).inserted_primary_key[0]
            self._bump(conn, bijeenkomst.id, "deelnemer", did, did)  # type: ignore[arg-type]
            return did

        did = self._draai(werk)
        return self.deelnemer(did), token

    def terugkeren(self, code: str, token: str) -> model.Deelnemer:
        """The participant behind a personal link, after a reload or on a new tab."""
        bijeenkomst = self.bijeenkomst(code)
        with self._lees() as conn:
            rij = conn.execute(
                select(deelnemer_t).where(
                    deelnemer_t.c.token_hash == _hash(str(token or "")),
                    deelnemer_t.c.bijeenkomst_id == bijeenkomst.id,
                )
            ).first()
        if rij is None:
            raise GeenToegang("Deze persoonlijke link is niet (meer) geldig; meld je opnieuw aan met de code.")
        return _naar_model(model.Deelnemer, rij)

    def deelnemer(self, deelnemer_id: int) -> model.Deelnemer:
        with self._lees() as conn:
            rij = conn.execute(select(deelnemer_t).where(deelnemer_t.c.id == deelnemer_id)).first()
        if rij is None:
            raise NietGevonden(f"Deelnemer {deelnemer_id} bestaat niet (meer).")
        return _naar_model(model.Deelnemer, rij)

    def deelnemers(self, bijeenkomst_id: int) -> list[model.Deelnemer]:
        with self._lees() as conn:
            rijen = conn.execute(
                select(deelnemer_t).where(deelnemer_t.c.bijeenkomst_id == bijeenkomst_id).order_by(deelnemer_t.c.id)
            ).all()
        return [_naar_model(model.Deelnemer, r) for r in rijen]

    def deelnemers_per_domein(self, bijeenkomst_id: int) -> dict[str, int]:
        with self._lees() as conn:
            rijen = conn.execute(
                select(deelnemer_t.c.domein, func.count())
                .where(deelnemer_t.c.bijeenkomst_id == bijeenkomst_id)
                .group_by(deelnemer_t.c.domein)
            ).all()
        return {domein: aantal for domein, aantal in rijen}

    # entries -----------------------------------------------------------------------------

    def _onderdeel_open_voor(self, conn: Connection, deelnemer_id: int, onderdeel_id: int | None) -> tuple[int, Any]:
        """The bijeenkomst id, after checking the participant may write in this onderdeel now."""
        rij = conn.execute(
            select(deelnemer_t.c.bijeenkomst_id).where(deelnemer_t.c.id == deelnemer_id)
        ).first()
        if rij is None:
            raise NietGevonden("Je aanmelding is niet (meer) bekend; meld je opnieuw aan met de code.")
        o = conn.execute(select(onderdeel_t).where(onderdeel_t.c.id == onderdeel_id)).first()
        if o is None or o.bijeenkomst_id != rij.bijeenkomst_id:
            raise NietGevonden("Dit onderdeel hoort niet bij jouw bijeenkomst.")
        if o.status != "actief":
            raise BijeenkomstGesloten(
                f"'{o.titel}' is niet (meer) open; de procesbegeleider is bij een ander onderdeel."
            )
        return rij.bijeenkomst_id, o

    @staticmethod
    def _rate(conn: Connection, deelnemer_id: int) -> None:
        grens = model.nu() - timedelta(seconds=model.RATE_VENSTER)
        aantal = conn.execute(
            select(func.count())
            .select_from(wijziging_t)
            .where(wijziging_t.c.deelnemer_id == deelnemer_id, wijziging_t.c.tijd > grens)
            # Submissions only: joining and putting dots do not use up the writing budget.
            .where(wijziging_t.c.soort.in_(BEGRENSDE_SOORTEN))
        ).scalar_one()
        if aantal >= model.RATE_MAX:
            raise TeSnel("Even rustig aan: je hebt net veel ingestuurd. Wacht een halve minuut; je tekst blijft staan.")

    @staticmethod
    def _waarden(item: Any, tabel: Table) -> dict[str, Any]:
        kolommen = set(tabel.c.keys()) - {"id", "bijeenkomst_id", "aangemaakt"}
        return {naam: getattr(item, naam) for naam in _velden(type(item)) if naam in kolommen}

    def voeg_toe(self, deelnemer_id: int, item: T) -> T:
        """A participant's entry in the current onderdeel; committed before this returns."""
        soort = soort_van(item)
        if soort not in DEELNEMER_SOORTEN:
            raise GeenToegang(f"Alleen de procesbegeleider kan een {soort} toevoegen.")
        _klasse, tabel = SOORTEN[soort]

        def werk(conn: Connection) -> int:
            bid, o = self._onderdeel_open_voor(conn, deelnemer_id, item.onderdeel_id)  # type: ignore[attr-defined]
            if soort not in INVOER_SOORT[o.invoer]:
                raise OngeldigeInvoer("invoer", f"Bij '{o.titel}' kun je geen {soort} invullen.")
            if soort in BEGRENSDE_SOORTEN:
                self._rate(conn, deelnemer_id)
            waarden = self._waarden(item, tabel) | {"deelnemer_id": deelnemer_id}
            if soort == "antwoord":
                bestaand = conn.execute(
                    select(antwoord_t.c.id).where(
                        antwoord_t.c.onderdeel_id == item.onderdeel_id,  # type: ignore[attr-defined]
                        antwoord_t.c.deelnemer_id == deelnemer_id,
                        antwoord_t.c.onderwerp == item.onderwerp,  # type: ignore[attr-defined]
                    )
                ).scalar()
                if bestaand is not None:
                    conn.execute(update(antwoord_t).where(antwoord_t.c.id == bestaand).values(waarde=item.waarde))  # type: ignore[attr-defined]
                    self._bump(conn, bid, soort, bestaand, deelnemer_id)
                    return bestaand
            nieuw_id = conn.execute(
                insert(tabel).values(bijeenkomst_id=bid, aangemaakt=model.nu(), **waarden)
            ).inserted_primary_key[0]
            self._bump(conn, bid, soort, nieuw_id, deelnemer_id)
            return nieuw_id

        return self.haal(soort, self._draai(werk))  # type: ignore[return-value]

    def wijzig(self, deelnemer_id: int, item: T) -> T:
        """A participant edits their own entry while its onderdeel is open."""
        soort = soort_van(item)
        _klasse, tabel = SOORTEN[soort]
        item_id = item.id  # type: ignore[attr-defined]

        def werk(conn: Connection) -> None:
            rij = self._eigen(conn, tabel, item_id, deelnemer_id)
            bid, _o = self._onderdeel_open_voor(conn, deelnemer_id, rij.onderdeel_id)
            self._rate(conn, deelnemer_id)
            waarden = self._waarden(item, tabel)
            for vast in ("deelnemer_id", "onderdeel_id", "zichtbaar", "cluster", "thema", "samengevoegd_met", "ingetrokken"):
                waarden.pop(vast, None)
            if soort == "bijdrage":
                waarden["bewerkt"] = model.nu()
            conn.execute(update(tabel).where(tabel.c.id == item_id).values(**waarden))
            self._bump(conn, bid, soort, item_id, deelnemer_id)

        self._draai(werk)
        return self.haal(soort, item_id)  # type: ignore[return-value]

    def trek_in(self, deelnemer_id: int, soort: str, item_id: int) -> None:
        """A participant withdraws an own entry; it stays in the log but leaves every view."""
        _klasse, tabel = SOORTEN[soort]

        def werk(conn: Connection) -> None:
            rij = self._eigen(conn, tabel, item_id, deelnemer_id)
            bid, _o = self._onderdeel_open_voor(conn, deelnemer_id, rij.onderdeel_id)
            if soort == "bijdrage":
                conn.execute(update(tabel).where(tabel.c.id == item_id).values(ingetrokken=True, bewerkt=model.nu()))
            else:
                conn.execute(delete(tabel).where(tabel.c.id == item_id))
            conn.execute(delete(stem_t).where(stem_t.c.soort == soort, stem_t.c.doel_id == item_id))
            self._bump(conn, bid, soort, item_id, deelnemer_id)

        self._draai(werk)

    @staticmethod
    def _eigen(conn: Connection, tabel: Table, item_id: int, deelnemer_id: int) -> Any:
        rij = conn.execute(select(tabel).where(tabel.c.id == item_id)).first()
        if rij is None:
            raise NietGevonden("Deze bijdrage bestaat niet (meer).")
        if rij._mapping.get("deelnemer_id") != deelnemer_id:
            raise GeenToegang("Je kunt alleen je eigen bijdragen aanpassen.")
        return rij

    def haal(self, soort: str, item_id: int) -> Any:
        klasse, tabel = SOORTEN[soort]
        with self._lees() as conn:
            rij = conn.execute(select(tabel).where(tabel.c.id == item_id)).first()
        if rij is None:
            raise NietGevonden(f"Deze {soort} bestaat niet (meer).")
        return _naar_model(klasse, rij)

    def items(
        self,
        soort: str,
        bijeenkomst_id: int,
        *,
        onderdeel_id: int | None = None,
        deelnemer_id: int | None = None,
        alleen_zichtbaar: bool = False,
        ids: frozenset[int] | set[int] | None = None,
    ) -> list[Any]:
        """Entries of one kind, oldest first; ``alleen_zichtbaar`` leaves out moderated ones."""
        klasse, tabel = SOORTEN[soort]
        q = select(tabel).where(tabel.c.bijeenkomst_id == bijeenkomst_id)
        if onderdeel_id is not None:
            q = q.where(tabel.c.onderdeel_id == onderdeel_id)
        if deelnemer_id is not None:
            q = q.where(tabel.c.deelnemer_id == deelnemer_id)
        if ids is not None:
            q = q.where(tabel.c.id.in_(list(ids)))
        if alleen_zichtbaar:
            if "zichtbaar" in tabel.c:
                q = q.where(tabel.c.zichtbaar.is_(True))
            if soort == "bijdrage":
                q = q.where(tabel.c.ingetrokken.is_(False), tabel.c.samengevoegd_met.is_(None))
        with self._lees() as conn:
            rijen = conn.execute(q.order_by(tabel.c.id)).all()
        return [_naar_model(klasse, r) for r in rijen]

    def bron_onderdelen(self, onderdeel: model.Onderdeel) -> list[model.Onderdeel]:
        """The onderdeel itself and those whose entries it works on (``neemt_over``)."""
        return [
            o
            for o in self.onderdelen(onderdeel.bijeenkomst_id)  # type: ignore[arg-type]
            if o.id == onderdeel.id or o.werkvorm in onderdeel.neemt_over
        ]

    def items_voor(self, soort: str, onderdeel: model.Onderdeel, *, alleen_zichtbaar: bool = True) -> list[Any]:
        """Entries shown in an onderdeel: its own plus those of the onderdelen it takes over."""
        ids = {o.id for o in self.bron_onderdelen(onderdeel)}
        return [
            item
            for item in self.items(soort, onderdeel.bijeenkomst_id, alleen_zichtbaar=alleen_zichtbaar)  # type: ignore[arg-type]
            if item.onderdeel_id in ids
        ]

    def aantal(self, soort: str, onderdeel_id: int) -> int:
        """How many entries an onderdeel has (the wand shows this while writing is private)."""
        _klasse, tabel = SOORTEN[soort]
        q = select(func.count()).select_from(tabel).where(tabel.c.onderdeel_id == onderdeel_id)
        if soort == "bijdrage":
            q = q.where(tabel.c.ingetrokken.is_(False))
        with self._lees() as conn:
            return conn.execute(q).scalar_one()

    # votes ---------------------------------------------------------------------------------

    def stem(self, deelnemer_id: int, onderdeel_id: int, doel_id: int, soort: str = "bijdrage") -> int:
        """Put one dot; returns the dots this participant has left."""
        model.Stem(deelnemer_id=deelnemer_id, onderdeel_id=onderdeel_id, doel_id=doel_id, soort=soort)
        _klasse, tabel = SOORTEN[soort]

        def werk(conn: Connection) -> int:
            bid, o = self._onderdeel_open_voor(conn, deelnemer_id, onderdeel_id)
            if not o.stemmen_open:
                raise BijeenkomstGesloten("Het stemmen is (nog) niet geopend.")
            doel = conn.execute(select(tabel).where(tabel.c.id == doel_id)).first()
            if doel is None or doel.bijeenkomst_id != bid:
                raise NietGevonden("Waar je op wilt stemmen bestaat niet (meer).")
            gebruikt = self._gebruikt(conn, deelnemer_id, onderdeel_id)
            model.stembudget(gebruikt, o.stippen)
            conn.execute(
                insert(stem_t).values(
                    bijeenkomst_id=bid,
                    onderdeel_id=onderdeel_id,
                    deelnemer_id=deelnemer_id,
                    soort=soort,
                    doel_id=doel_id,
                    aangemaakt=model.nu(),
                )
            )
            self._bump(conn, bid, "stem", doel_id, deelnemer_id)
            return o.stippen - gebruikt - 1

        return self._draai(werk)

    def stem_terug(self, deelnemer_id: int, onderdeel_id: int, doel_id: int, soort: str = "bijdrage") -> int:
        """Take one own dot back from an entry; returns the dots left."""

        def werk(conn: Connection) -> int:
            bid, o = self._onderdeel_open_voor(conn, deelnemer_id, onderdeel_id)
            sid = conn.execute(
                select(stem_t.c.id)
                .where(
                    stem_t.c.deelnemer_id == deelnemer_id,
                    stem_t.c.onderdeel_id == onderdeel_id,
                    stem_t.c.soort == soort,
                    stem_t.c.doel_id == doel_id,
                )
                .limit(1)
            ).scalar()
            if sid is None:
                raise NietGevonden("Je had hier geen stip op gezet.")
            conn.execute(delete(stem_t).where(stem_t.c.id == sid))
            self._bump(conn, bid, "stem", doel_id, deelnemer_id)
            return o.stippen - self._gebruikt(conn, deelnemer_id, onderdeel_id)

        return self._draai(werk)

    @staticmethod
    def _gebruikt(conn: Connection, deelnemer_id: int, onderdeel_id: int) -> int:
        return conn.execute(
            select(func.count())
            .select_from(stem_t)
            .where(stem_t.c.deelnemer_id == deelnemer_id, stem_t.c.onderdeel_id == onderdeel_id)
        ).scalar_one()

    def stippen_over(self, deelnemer_id: int, onderdeel_id: int) -> int:
        o = self.onderdeel(onderdeel_id)
        with self._lees() as conn:
            return max(0, o.stippen - self._gebruikt(conn, deelnemer_id, onderdeel_id))

    def stemmen(
        self, bijeenkomst_id: int, *, onderdeel_id: int | None = None, deelnemer_id: int | None = None
    ) -> list[model.Stem]:
        q = select(stem_t).where(stem_t.c.bijeenkomst_id == bijeenkomst_id)
        if onderdeel_id is not None:
            q = q.where(stem_t.c.onderdeel_id == onderdeel_id)
        if deelnemer_id is not None:
            q = q.where(stem_t.c.deelnemer_id == deelnemer_id)
        with self._lees() as conn:
            rijen = conn.execute(q.order_by(stem_t.c.id)).all()
        return [_naar_model(model.Stem, r) for r in rijen]

    def telling(self, onderdeel_id: int) -> list[Telling]:
        """Dots per entry in an onderdeel, most first."""
        with self._lees() as conn:
            rijen = conn.execute(
                select(stem_t.c.soort, stem_t.c.doel_id, func.count().label("n"))
                .where(stem_t.c.onderdeel_id == onderdeel_id)
                .group_by(stem_t.c.soort, stem_t.c.doel_id)
                .order_by(func.count().desc(), stem_t.c.doel_id)
            ).all()
        return [Telling(s, d, n) for s, d, n in rijen]

    # import of a whole bijeenkomst (bijeenkomst.json) -----------------------------------

    def laad_bijeenkomst(
        self,
        bijeenkomst: model.Bijeenkomst,
        onderdelen: list[model.Onderdeel],
        deelnemers: list[model.Deelnemer],
        items: dict[str, list[Any]],
        stemmen: list[model.Stem],
        pas_aan: Any = None,
    ) -> tuple[model.Bijeenkomst, str]:
        """A new bijeenkomst (new code and key) with all its content, in ONE transaction.

        Ids in the given objects are the file's own numbers; every reference (onderdeel,
        deelnemer, merged bijdrage, source bijdrage of an actie, SWOT pair, vote target) is
        mapped to the new rows, so nothing is stored when any row fails. ``pas_aan(soort,
        item, nieuwe_ids)``, when given, may rewrite an item just before it is stored (for
        references inside a text, such as a dubbelcheck ``onderwerp``).
        """
        sleutel = secrets.token_urlsafe(24)

        def werk(conn: Connection) -> int:
            bid = self._voeg_bijeenkomst_in(conn, bijeenkomst, sleutel)
            nieuw: dict[str, dict[int, int]] = {"onderdeel": {}, "deelnemer": {}}
            for o in onderdelen:
                oid = self._voeg_onderdeel_in(conn, bid, o)
                nieuw["onderdeel"][o.id] = oid  # type: ignore[index]
            if bijeenkomst.huidig_onderdeel_id in nieuw["onderdeel"]:
                conn.execute(
                    update(bijeenkomst_t)
                    .where(bijeenkomst_t.c.id == bid)
                    .values(huidig_onderdeel_id=nieuw["onderdeel"][bijeenkomst.huidig_onderdeel_id])
                )
            for d in deelnemers:
                nieuw["deelnemer"][d.id] = conn.execute(  # type: ignore[index]
                    insert(deelnemer_t).values(
                        bijeenkomst_id=bid,
                        naam=d.naam,
                        naam_tonen=d.naam_tonen,
                        organisatie=d.organisatie,
                        domein=d.domein,
                        token_hash=_hash(secrets.token_urlsafe(16)),
                        aangemaakt=d.aangemaakt or model.nu(),
                    )
                ).inserted_primary_key[0]
            verwijzingen = {
                "onderdeel_id": "onderdeel",
                "deelnemer_id": "deelnemer",
                "bijdrage_id": "bijdrage",
                "intern_id": "swot",
                "extern_id": "swot",
            }
            later: list[tuple[int, int]] = []
            for soort in SOORTEN:  # bijdrage and swot come before actie and confrontatie
                _klasse, tabel = SOORTEN[soort]
                nieuw[soort] = {}
                for item in items.get(soort, []):
                    if pas_aan is not None:
                        item = pas_aan(soort, item, nieuw)
                    waarden = self._waarden(item, tabel)
                    for veld, naar in verwijzingen.items():
                        if waarden.get(veld) is not None:
                            waarden[veld] = nieuw[naar][waarden[veld]]
                    samen = waarden.pop("samengevoegd_met", None)
                    aangemaakt = getattr(item, "aangemaakt", None) or model.nu()
                    nid = conn.execute(
                        insert(tabel).values(bijeenkomst_id=bid, aangemaakt=aangemaakt, **waarden)
                    ).inserted_primary_key[0]
                    nieuw[soort][item.id] = nid
                    if samen is not None:
                        later.append((nid, samen))
            for nid, samen in later:
                conn.execute(
                    update(bijdrage_t).where(bijdrage_t.c.id == nid).values(samengevoegd_met=nieuw["bijdrage"][samen])
                )
            for s in stemmen:
                conn.execute(
                    insert(stem_t).values(
                        bijeenkomst_id=bid,
                        onderdeel_id=nieuw["onderdeel"][s.onderdeel_id],
                        deelnemer_id=nieuw["deelnemer"][s.deelnemer_id],
                        soort=s.soort,
                        doel_id=nieuw[s.soort][s.doel_id],
                        aangemaakt=model.nu(),
                    )
                )
            self._bump(conn, bid, "bijeenkomst", bid)
            return bid

        try:
            bid = self._draai(werk)
        except KeyError as fout:
            raise OngeldigeInvoer("verwijzing", f"Het bestand verwijst naar nummer {fout} dat er niet in staat.") from None
        return self.bijeenkomst_by_id(bid), sleutel


class Regie:
    """The facilitator's actions on one bijeenkomst; obtained through :meth:`Store.regie`."""

    def __init__(self, store: Store, bijeenkomst_id: int) -> None:
        self.store = store
        self.bijeenkomst_id = bijeenkomst_id

    @property
    def bijeenkomst(self) -> model.Bijeenkomst:
        return self.store.bijeenkomst_by_id(self.bijeenkomst_id)

    def _doe(self, soort: str, doel_id: int | None, werk: Any) -> Any:
        def geheel(conn: Connection) -> Any:
            uitkomst = werk(conn)
            self.store._bump(conn, self.bijeenkomst_id, soort, doel_id if doel_id is not None else uitkomst)
            return uitkomst

        return self.store._draai(geheel)

    def _eigen_onderdeel(self, conn: Connection, onderdeel_id: int) -> Any:
        rij = conn.execute(select(onderdeel_t).where(onderdeel_t.c.id == onderdeel_id)).first()
        if rij is None or rij.bijeenkomst_id != self.bijeenkomst_id:
            raise NietGevonden(f"Onderdeel {onderdeel_id} hoort niet bij deze bijeenkomst.")
        return rij

    # the bijeenkomst itself -------------------------------------------------------------

    def wijzig_gegevens(self, **velden: Any) -> model.Bijeenkomst:
        """Change titel, datum, locatie or aanleiding."""
        nieuw = replace(self.bijeenkomst, **velden)
        waarden = {k: getattr(nieuw, k) for k in ("titel", "datum", "locatie", "aanleiding")}
        self._doe(
            "bijeenkomst",
            self.bijeenkomst_id,
            lambda conn: conn.execute(update(bijeenkomst_t).where(bijeenkomst_t.c.id == self.bijeenkomst_id).values(**waarden)),
        )
        return self.bijeenkomst

    def zet_aanmelden(self, open_: bool) -> None:
        status = "open" if open_ else "gesloten"

        def werk(conn: Connection) -> None:
            if open_:
                code = conn.execute(select(bijeenkomst_t.c.code).where(bijeenkomst_t.c.id == self.bijeenkomst_id)).scalar_one()
                ander = conn.execute(
                    select(bijeenkomst_t.c.id).where(
                        bijeenkomst_t.c.code == code,
                        bijeenkomst_t.c.status == "open",
                        bijeenkomst_t.c.id != self.bijeenkomst_id,
                    )
                ).first()
                if ander is not None:
                    raise OngeldigeInvoer("code", f"Code {code} is inmiddels aan een andere open bijeenkomst gegeven.")
            conn.execute(update(bijeenkomst_t).where(bijeenkomst_t.c.id == self.bijeenkomst_id).values(status=status))

        self._doe("bijeenkomst", self.bijeenkomst_id, werk)

    # moving through the programme --------------------------------------------------------

    def ga_naar(self, onderdeel_id: int | None) -> model.Onderdeel | None:
        """Make this onderdeel the room's current step (None: back to the welcome screen)."""

        def werk(conn: Connection) -> None:
            if onderdeel_id is not None:
                self._eigen_onderdeel(conn, onderdeel_id)
            vorige = conn.execute(
                select(bijeenkomst_t.c.huidig_onderdeel_id).where(bijeenkomst_t.c.id == self.bijeenkomst_id)
            ).scalar()
            if vorige is not None and vorige != onderdeel_id:
                conn.execute(
                    update(onderdeel_t).where(onderdeel_t.c.id == vorige).values(status="afgerond", stemmen_open=False)
                )
            if onderdeel_id is not None:
                conn.execute(update(onderdeel_t).where(onderdeel_t.c.id == onderdeel_id).values(status="actief"))
                duur = conn.execute(select(onderdeel_t.c.duur_minuten).where(onderdeel_t.c.id == onderdeel_id)).scalar_one()
            else:
                duur = None
            conn.execute(
                update(bijeenkomst_t)
                .where(bijeenkomst_t.c.id == self.bijeenkomst_id)
                .values(huidig_onderdeel_id=onderdeel_id, timer_eind=None, timer_rest=duur * 60 if duur else None)
            )

        self._doe("stap", onderdeel_id, werk)
        return self.store.onderdeel(onderdeel_id) if onderdeel_id is not None else None

    def _buur(self, stap: int) -> model.Onderdeel | None:
        lijst = self.store.onderdelen(self.bijeenkomst_id)
        if not lijst:
            raise NietGevonden("Het programma is nog leeg; voeg eerst een onderdeel toe.")
        huidig = self.bijeenkomst.huidig_onderdeel_id
        ids = [o.id for o in lijst]
        if huidig not in ids:
            return self.ga_naar(ids[0] if stap > 0 else ids[-1])
        index = ids.index(huidig) + stap
        if not 0 <= index < len(ids):
            return self.store.onderdeel(huidig)
        return self.ga_naar(ids[index])

    def volgende(self) -> model.Onderdeel | None:
        return self._buur(+1)

    def vorige(self) -> model.Onderdeel | None:
        return self._buur(-1)

    def timer_start(self) -> None:
        def werk(conn: Connection) -> None:
            b = conn.execute(select(bijeenkomst_t).where(bijeenkomst_t.c.id == self.bijeenkomst_id)).one()
            if b.timer_eind is not None:
                return
            rest = b.timer_rest
            if rest is None and b.huidig_onderdeel_id:
                rest = conn.execute(
                    select(onderdeel_t.c.duur_minuten).where(onderdeel_t.c.id == b.huidig_onderdeel_id)
                ).scalar_one() * 60
            conn.execute(
                update(bijeenkomst_t)
                .where(bijeenkomst_t.c.id == self.bijeenkomst_id)
                .values(timer_eind=model.nu() + timedelta(seconds=rest or 0), timer_rest=None)
            )

        self._doe("timer", self.bijeenkomst_id, werk)

    def timer_pauze(self) -> None:
        def werk(conn: Connection) -> None:
            eind = conn.execute(select(bijeenkomst_t.c.timer_eind).where(bijeenkomst_t.c.id == self.bijeenkomst_id)).scalar()
            if eind is None:
                return
            rest = max(0, round((eind - model.nu()).total_seconds()))
            conn.execute(
                update(bijeenkomst_t).where(bijeenkomst_t.c.id == self.bijeenkomst_id).values(timer_eind=None, timer_rest=rest)
            )

        self._doe("timer", self.bijeenkomst_id, werk)

    def timer_erbij(self, minuten: int = 1) -> None:
        def werk(conn: Connection) -> None:
            b = conn.execute(select(bijeenkomst_t).where(bijeenkomst_t.c.id == self.bijeenkomst_id)).one()
            if b.timer_eind is not None:
                basis = max(b.timer_eind, model.nu())
                waarden = {"timer_eind": basis + timedelta(minutes=minuten)}
            else:
                waarden = {"timer_rest": (b.timer_rest or 0) + minuten * 60}
            conn.execute(update(bijeenkomst_t).where(bijeenkomst_t.c.id == self.bijeenkomst_id).values(**waarden))

        self._doe("timer", self.bijeenkomst_id, werk)

    # composing the programme -------------------------------------------------------------

    def voeg_onderdeel_toe(self, onderdeel: model.Onderdeel, positie: int | None = None) -> model.Onderdeel:
        def werk(conn: Connection) -> int:
            ids = self._volgorde(conn)
            plek = len(ids) if positie is None else max(0, min(positie, len(ids)))
            nieuw = self.store._voeg_onderdeel_in(conn, self.bijeenkomst_id, replace(onderdeel, status="gepland", volgorde=plek))
            ids.insert(plek, nieuw)
            self._herschik(conn, ids)
            return nieuw

        return self.store.onderdeel(self._doe("programma", None, werk))

    def wijzig_onderdeel(self, onderdeel: model.Onderdeel) -> model.Onderdeel:
        """Edit question, duration, dots or anonymity of an onderdeel (not its werkvorm)."""
        velden = (
            "titel", "vraag", "instructie", "duur_minuten", "stippen", "anoniem", "prive_eerst",
            "kolommen", "stellingen", "neemt_over",
        )

        def werk(conn: Connection) -> None:
            self._eigen_onderdeel(conn, onderdeel.id)  # type: ignore[arg-type]
            waarden = {v: getattr(onderdeel, v) for v in velden}
            waarden["kolommen"] = list(onderdeel.kolommen)
            waarden["stellingen"] = list(onderdeel.stellingen)
            waarden["neemt_over"] = list(onderdeel.neemt_over)
            conn.execute(update(onderdeel_t).where(onderdeel_t.c.id == onderdeel.id).values(**waarden))

        self._doe("programma", onderdeel.id, werk)
        return self.store.onderdeel(onderdeel.id)  # type: ignore[arg-type]

    def verwijder_onderdeel(self, onderdeel_id: int) -> None:
        """Remove an onderdeel that has no entries yet; entries are never thrown away."""

        def werk(conn: Connection) -> None:
            self._eigen_onderdeel(conn, onderdeel_id)
            for soort, (_k, tabel) in SOORTEN.items():
                if "onderdeel_id" in tabel.c and conn.execute(
                    select(tabel.c.id).where(tabel.c.onderdeel_id == onderdeel_id).limit(1)
                ).first():
                    raise OngeldigeInvoer(
                        "onderdeel", f"Dit onderdeel heeft al invoer ({soort}); verwijderen zou die wissen."
                    )
            huidig = conn.execute(
                select(bijeenkomst_t.c.huidig_onderdeel_id).where(bijeenkomst_t.c.id == self.bijeenkomst_id)
            ).scalar()
            if huidig == onderdeel_id:
                raise OngeldigeInvoer("onderdeel", "Dit is het huidige onderdeel; ga eerst naar een ander onderdeel.")
            conn.execute(delete(onderdeel_t).where(onderdeel_t.c.id == onderdeel_id))
            self._herschik(conn, [i for i in self._volgorde(conn) if i != onderdeel_id])

        self._doe("programma", onderdeel_id, werk)

    def verplaats_onderdeel(self, onderdeel_id: int, positie: int) -> None:
        def werk(conn: Connection) -> None:
            self._eigen_onderdeel(conn, onderdeel_id)
            ids = [i for i in self._volgorde(conn) if i != onderdeel_id]
            ids.insert(max(0, min(positie, len(ids))), onderdeel_id)
            self._herschik(conn, ids)

        self._doe("programma", onderdeel_id, werk)

    def _volgorde(self, conn: Connection) -> list[int]:
        return list(
            conn.execute(
                select(onderdeel_t.c.id)
                .where(onderdeel_t.c.bijeenkomst_id == self.bijeenkomst_id)
                .order_by(onderdeel_t.c.volgorde, onderdeel_t.c.id)
            ).scalars()
        )

    @staticmethod
    def _herschik(conn: Connection, ids: list[int]) -> None:
        for volgorde, oid in enumerate(ids):
            conn.execute(update(onderdeel_t).where(onderdeel_t.c.id == oid).values(volgorde=volgorde))

    # per onderdeel ----------------------------------------------------------------------------

    def zet_onthuld(self, onderdeel_id: int, onthuld: bool = True) -> None:
        """End private writing: the wand shows the entries (or hide them again)."""
        self._zet_onderdeel(onderdeel_id, onthuld=onthuld)

    def start_stemmen(self, onderdeel_id: int, stippen: int | None = None) -> None:
        waarden: dict[str, Any] = {"stemmen_open": True}
        if stippen is not None:
            waarden["stippen"] = model.schaal("stippen", stippen, 1, 20)
        self._zet_onderdeel(onderdeel_id, **waarden)

    def stop_stemmen(self, onderdeel_id: int) -> None:
        self._zet_onderdeel(onderdeel_id, stemmen_open=False)

    def _zet_onderdeel(self, onderdeel_id: int, **waarden: Any) -> None:
        def werk(conn: Connection) -> None:
            self._eigen_onderdeel(conn, onderdeel_id)
            conn.execute(update(onderdeel_t).where(onderdeel_t.c.id == onderdeel_id).values(**waarden))

        self._doe("onderdeel", onderdeel_id, werk)

    def _zet_item(self, soort: str, item_id: int, **waarden: Any) -> None:
        _klasse, tabel = SOORTEN[soort]

        def werk(conn: Connection) -> None:
            rij = conn.execute(select(tabel.c.bijeenkomst_id).where(tabel.c.id == item_id)).first()
            if rij is None or rij.bijeenkomst_id != self.bijeenkomst_id:
                raise NietGevonden(f"Deze {soort} hoort niet bij deze bijeenkomst.")
            conn.execute(update(tabel).where(tabel.c.id == item_id).values(**waarden))

        self._doe(soort, item_id, werk)

    def verberg(self, soort: str, item_id: int) -> None:
        """Moderation: the entry leaves the wand and the documents, but is kept."""
        self._zet_item(soort, item_id, zichtbaar=False)

    def herstel(self, soort: str, item_id: int) -> None:
        self._zet_item(soort, item_id, zichtbaar=True)

    def zet_cluster(self, bijdrage_ids: list[int] | tuple[int, ...], cluster: str) -> None:
        """Group entries under one cluster name ('' takes them out of any cluster)."""
        naam = model.tekst("cluster", cluster, maximum=model.MAX_KORT, verplicht=False)

        def werk(conn: Connection) -> None:
            for volgnummer, item_id in enumerate(bijdrage_ids):
                rij = conn.execute(select(bijdrage_t.c.bijeenkomst_id).where(bijdrage_t.c.id == item_id)).first()
                if rij is None or rij.bijeenkomst_id != self.bijeenkomst_id:
                    raise NietGevonden("Deze bijdrage hoort niet bij deze bijeenkomst.")
                conn.execute(update(bijdrage_t).where(bijdrage_t.c.id == item_id).values(cluster=naam))
                if volgnummer == 0:
                    self.store._bump(conn, self.bijeenkomst_id, "bijdrage", item_id)
                else:
                    self.store._noteer(conn, self.bijeenkomst_id, "bijdrage", item_id)

        self.store._draai(werk)

    def zet_thema(self, bijdrage_id: int, thema: str) -> None:
        self._zet_item("bijdrage", bijdrage_id, thema=model.keuze("thema", thema, model.THEMAS, verplicht=False))

    def voeg_samen(self, bijdrage_id: int, in_id: int) -> None:
        """Merge a duplicate into another entry; its dots move along."""
        if bijdrage_id == in_id:
            raise OngeldigeInvoer("samenvoegen", "Kies twee verschillende bijdragen om samen te voegen.")

        def werk(conn: Connection) -> None:
            for i in (bijdrage_id, in_id):
                rij = conn.execute(select(bijdrage_t.c.bijeenkomst_id).where(bijdrage_t.c.id == i)).first()
                if rij is None or rij.bijeenkomst_id != self.bijeenkomst_id:
                    raise NietGevonden("Deze bijdrage hoort niet bij deze bijeenkomst.")
            conn.execute(update(bijdrage_t).where(bijdrage_t.c.id == bijdrage_id).values(samengevoegd_met=in_id))
            conn.execute(
                update(stem_t).where(stem_t.c.soort == "bijdrage", stem_t.c.doel_id == bijdrage_id).values(doel_id=in_id)
            )
            self.store._bump(conn, self.bijeenkomst_id, "bijdrage", bijdrage_id)
            self.store._noteer(conn, self.bijeenkomst_id, "bijdrage", in_id)

        self.store._draai(werk)

    def voeg_toe(self, item: T) -> T:
        """The facilitator (or an import) adds an entry to any onderdeel of this bijeenkomst."""
        soort = soort_van(item)
        _klasse, tabel = SOORTEN[soort]

        def werk(conn: Connection) -> int:
            onderdeel_id = getattr(item, "onderdeel_id", None)
            if onderdeel_id is not None:
                self._eigen_onderdeel(conn, onderdeel_id)
            elif "onderdeel_id" in tabel.c and not tabel.c.onderdeel_id.nullable:
                raise OngeldigeInvoer("onderdeel", f"Kies het onderdeel waar deze {soort} bij hoort.")
            waarden = self.store._waarden(item, tabel)
            if "deelnemer_id" in waarden and waarden["deelnemer_id"] is not None:
                eigenaar = conn.execute(
                    select(deelnemer_t.c.bijeenkomst_id).where(deelnemer_t.c.id == waarden["deelnemer_id"])
                ).scalar()
                if eigenaar != self.bijeenkomst_id:
                    raise NietGevonden("Deze deelnemer hoort niet bij deze bijeenkomst.")
            return conn.execute(
                insert(tabel).values(bijeenkomst_id=self.bijeenkomst_id, aangemaakt=model.nu(), **waarden)
            ).inserted_primary_key[0]

        return self.store.haal(soort, self._doe(soort, None, werk))

    def wijzig(self, item: T) -> T:
        """The facilitator corrects any entry (text, theme, an action's status ...)."""
        soort = soort_van(item)
        _klasse, tabel = SOORTEN[soort]
        waarden = self.store._waarden(item, tabel)
        for vast in ("deelnemer_id", "onderdeel_id"):
            waarden.pop(vast, None)
        self._zet_item(soort, item.id, **waarden)  # type: ignore[attr-defined]
        return self.store.haal(soort, item.id)  # type: ignore[attr-defined]

    def verwijder(self, soort: str, item_id: int) -> None:
        """Remove a facilitator-made item (an action, agreement or strategy)."""
        if soort not in ("actie", "afspraak", "confrontatie"):
            raise OngeldigeInvoer("soort", "Bijdragen van deelnemers verwijder je niet; verberg ze.")
        _klasse, tabel = SOORTEN[soort]

        def werk(conn: Connection) -> None:
            conn.execute(delete(tabel).where(tabel.c.id == item_id, tabel.c.bijeenkomst_id == self.bijeenkomst_id))

        self._doe(soort, item_id, werk)

    def promoveer(
        self,
        bijdrage_id: int,
        *,
        wie: str,
        wanneer: date | str,
        wat: str | None = None,
        thema: str | None = None,
        onderdeel_id: int | None = None,
        vandaag: date | None = None,
    ) -> model.Actie:
        """Turn an entry into an actie (wat defaults to the entry's text)."""
        bron = self.store.haal("bijdrage", bijdrage_id)
        actie = model.Actie.nieuw(
            vandaag=vandaag,
            wat=wat or bron.tekst,
            wie=wie,
            wanneer=wanneer,
            thema=thema if thema is not None else bron.thema,
            bijdrage_id=bijdrage_id,
            onderdeel_id=onderdeel_id,
        )
        return self.voeg_toe(actie)

    def zet_definitieve_stip(self, onderdeel_id: int, tekst: str) -> model.Stip:
        """The stip op de horizon the room composed; replaces an earlier definitive one."""
        stip = model.Stip(tekst=tekst, onderdeel_id=onderdeel_id, definitief=True)

        def werk(conn: Connection) -> int:
            self._eigen_onderdeel(conn, onderdeel_id)
            conn.execute(
                update(stip_t)
                .where(stip_t.c.bijeenkomst_id == self.bijeenkomst_id, stip_t.c.definitief.is_(True))
                .values(definitief=False, zichtbaar=False)
            )
            return conn.execute(
                insert(stip_t).values(
                    bijeenkomst_id=self.bijeenkomst_id, aangemaakt=model.nu(), **self.store._waarden(stip, stip_t)
                )
            ).inserted_primary_key[0]

        return self.store.haal("stip", self._doe("stip", None, werk))

    def voeg_confrontatie_toe(self, onderdeel_id: int, intern_id: int, extern_id: int, strategie: str) -> model.Confrontatie:
        intern = self.store.haal("swot", intern_id)
        extern = self.store.haal("swot", extern_id)
        model.confrontatie_soort(intern, extern)
        return self.voeg_toe(
            model.Confrontatie(intern_id=intern_id, extern_id=extern_id, strategie=strategie, onderdeel_id=onderdeel_id)
        )

    # bulk (imports) -------------------------------------------------------------------------

    def voeg_toe_veel(self, items: list[Any]) -> int:
        """Add many entries (an imported sheet) in ONE transaction: all or nothing."""

        def werk(conn: Connection) -> int:
            eigen: set[int] = set()
            for item in items:
                soort = soort_van(item)
                _klasse, tabel = SOORTEN[soort]
                onderdeel_id = getattr(item, "onderdeel_id", None)
                if onderdeel_id is not None and onderdeel_id not in eigen:
                    self._eigen_onderdeel(conn, onderdeel_id)
                    eigen.add(onderdeel_id)
                elif onderdeel_id is None and "onderdeel_id" in tabel.c and not tabel.c.onderdeel_id.nullable:
                    raise OngeldigeInvoer("onderdeel", f"Kies het onderdeel waar deze {soort} bij hoort.")
                waarden = self.store._waarden(item, tabel)
                if waarden.get("deelnemer_id") is not None:
                    raise OngeldigeInvoer("deelnemer", "Een import voegt invoer toe zonder deelnemer.")
                conn.execute(insert(tabel).values(bijeenkomst_id=self.bijeenkomst_id, aangemaakt=model.nu(), **waarden))
            for soort in dict.fromkeys(soort_van(item) for item in items):
                self.store._bump(conn, self.bijeenkomst_id, soort)
            return len(items)

        return self.store._draai(werk)


def open_store(url: str | os.PathLike[str] | None = None) -> Store:
    """The store at ``url``, ``WERKPLAATS_DB`` or the default file, migrated."""
    return Store(url)


__all__ = [
    "DEELNEMER_SOORTEN",
    "INVOER_SOORT",
    "Regie",
    "SCHEMA_VERSIE",
    "SOORTEN",
    "Store",
    "Telling",
    "Wijzigingen",
    "db_url",
    "metadata",
    "open_store",
    "soort_van",
    "standaard_db_pad",
]
