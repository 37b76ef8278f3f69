"""The schema: every table, and how a row maps to a model object and back.

The migrations (``toolkit/migrations/env.py``) import this module and nothing else of the
store, so the schema has no cycle with the code that migrates it.
"""

from __future__ import annotations

import hashlib
from dataclasses import MISSING, fields
from typing import Any, TypeVar

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
)

from toolkit import model

SCHEMA_VERSIE = "0002"
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

# --- the traject (issue 11): chain of bijeenkomsten, status history, questionnaire mode

traject_t = Table(
    "traject",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("titel", String(240), nullable=False),
    Column("wijk", String(120), nullable=False, default=""),
    Column("partners", JSON, nullable=False, default=list),
    Column("aangemaakt", DateTime, nullable=False),
)
traject_bijeenkomst_t = Table(
    "traject_bijeenkomst",
    metadata,
    Column("bijeenkomst_id", Integer, ForeignKey("bijeenkomst.id", ondelete="CASCADE"), primary_key=True),
    Column("traject_id", Integer, ForeignKey("traject.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("vorige_id", Integer, ForeignKey("bijeenkomst.id", ondelete="SET NULL"), nullable=True),
    Column("programma", String(120), nullable=False, default=""),
)
voortgang_t = Table(
    "voortgang",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("bijeenkomst_id", Integer, ForeignKey("bijeenkomst.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("soort", String(16), nullable=False),
    Column("item_id", Integer, nullable=False, index=True),
    Column("status", String(16), nullable=False),
    Column("wanneer", Date),
    Column("opmerking", Text, nullable=False, default=""),
    Column("aangemaakt", DateTime, nullable=False),
    UniqueConstraint("bijeenkomst_id", "soort", "item_id", name="uq_voortgang_per_bijeenkomst"),
)
vragenlijst_t = Table(
    "vragenlijst",
    metadata,
    Column("bijeenkomst_id", Integer, ForeignKey("bijeenkomst.id", ondelete="CASCADE"), primary_key=True),
    Column("open_tot", Date, nullable=False),
)


#: Kind name (``model.SOORTEN``) -> its table.
TABELLEN: dict[str, Table] = {
    "bijdrage": bijdrage_t,
    "stakeholder": stakeholder_t,
    "relatie": relatie_t,
    "swot": swot_t,
    "stip": stip_t,
    "mijlpaal": mijlpaal_t,
    "antwoord": antwoord_t,
    "confrontatie": confrontatie_t,
    "actie": actie_t,
    "afspraak": afspraak_t,
}
#: Kind name -> (model class, table), in ``model.SOORTEN`` order. The kind names are also
#: what the wijziging log says.
SOORTEN: dict[str, tuple[type, Table]] = {naam: (s.klasse, TABELLEN[naam]) for naam, s in model.SOORTEN.items()}


def kolomvelden(klasse: type) -> list[str]:
    """The fields of a model class that have a column."""
    return [f.name for f in fields(klasse) if f.init and f.name != "vanaf"]


def naar_model(klasse: type[T], rij: Any) -> T:
    """A model object from a table row, as stored: a row is trusted, not validated again.

    Rules are checked on write and on import. A rule tightened later (a shorter maximum,
    one domein less) must not make a years-old database unreadable, so reading skips the
    model's ``__post_init__``; JSON lists become the tuples the model holds.
    """
    waarden = rij._mapping
    item = object.__new__(klasse)
    for veld in fields(klasse):  # type: ignore[arg-type]
        if veld.name in waarden:
            waarde = waarden[veld.name]
            if isinstance(waarde, list):
                waarde = tuple(waarde)
        elif veld.default is not MISSING:
            waarde = veld.default
        elif veld.default_factory is not MISSING:
            waarde = veld.default_factory()
        else:
            raise TypeError(f"{klasse.__name__}.{veld.name} heeft geen kolom in deze rij")
        object.__setattr__(item, veld.name, waarde)
    return item


def waarden_van(item: Any, tabel: Table) -> dict[str, Any]:
    """The columns of ``tabel`` an item fills (not its id, bijeenkomst or creation time)."""
    kolommen = set(tabel.c.keys()) - {"id", "bijeenkomst_id", "aangemaakt"}
    return {naam: getattr(item, naam) for naam in kolomvelden(type(item)) if naam in kolommen}


def hash_geheim(geheim: str) -> str:
    """Keys and personal tokens are stored only as this hash."""
    return hashlib.sha256(geheim.encode("utf-8")).hexdigest()

