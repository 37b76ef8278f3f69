"""The single truth of every bijeenkomst: the only package that speaks SQL.

Every browser tab has its own kernel, so people reach each other only through here.
Each action is one short transaction that also raises the bijeenkomst's ``versie`` and
logs what changed in ``wijziging``; live pages poll :meth:`Store.versie` (one indexed
read) and fetch :meth:`Store.wijzigingen_sinds` only when it moved.

Facilitator actions live on :class:`Regie`, which only :meth:`Store.regie` hands out
after checking the facilitator key. Participant actions take the participant's id and
refuse entries of someone else.

The parts: ``tabellen`` (schema), ``motor`` (engine, locking, the unit of work),
``wijzigingen`` (change log), ``lezen`` (reads), ``deelnemers`` (participant commands),
``regie`` (facilitator commands), ``laden`` (JSON import), ``traject`` (chains of
meetings), ``wekker`` (wake-ups on PostgreSQL).
"""

from __future__ import annotations

import os

from toolkit.model import BEGRENSDE_SOORTEN, DEELNEMER_SOORTEN, INVOER_SOORT, soort_van
from toolkit.store.deelnemers import Deelnemerszaken
from toolkit.store.laden import Laden
from toolkit.store.lezen import Telling
from toolkit.store.motor import db_url, standaard_db_pad
from toolkit.store.regie import Regie, Regiezaken
from toolkit.store.tabellen import (
    SCHEMA_VERSIE,
    SOORTEN,
    actie_t,
    afspraak_t,
    antwoord_t,
    bijdrage_t,
    bijeenkomst_t,
    confrontatie_t,
    deelnemer_t,
    metadata,
    mijlpaal_t,
    onderdeel_t,
    relatie_t,
    stakeholder_t,
    stem_t,
    stip_t,
    swot_t,
    wijziging_t,
)
from toolkit.store.traject import Trajectlezen
from toolkit.store.wijzigingen import Wijzigingen, Wijzigingslog


class Store(Deelnemerszaken, Regiezaken, Laden, Trajectlezen, Wijzigingslog):
    """Opens (and migrates) the database; one instance per process."""


def open_store(url: str | os.PathLike[str] | None = None) -> Store:
    """The store at ``url``, ``WERKPLAATS_DB`` or the default file, migrated."""
    return Store(url)


__all__ = [
    "BEGRENSDE_SOORTEN",
    "DEELNEMER_SOORTEN",
    "INVOER_SOORT",
    "Regie",
    "SCHEMA_VERSIE",
    "SOORTEN",
    "Store",
    "Telling",
    "Wijzigingen",
    "actie_t",
    "afspraak_t",
    "antwoord_t",
    "bijdrage_t",
    "bijeenkomst_t",
    "confrontatie_t",
    "db_url",
    "deelnemer_t",
    "metadata",
    "mijlpaal_t",
    "onderdeel_t",
    "open_store",
    "relatie_t",
    "soort_van",
    "standaard_db_pad",
    "stakeholder_t",
    "stem_t",
    "stip_t",
    "swot_t",
    "wijziging_t",
]
