"""The change log: every write raises the bijeenkomst's ``versie`` and notes what changed.

Live pages poll :meth:`Wijzigingslog.versie` (one primary-key read; on SQLite only after
:meth:`Wijzigingslog.datateller` saw a commit) and fetch
:meth:`Wijzigingslog.wijzigingen_sinds` only when it moved. The same log is the writing
budget of a participant (:func:`controleer_tempo`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection, make_url

from toolkit import model
from toolkit.fouten import NietGevonden, TeSnel
from toolkit.model import Wijzigingen
from toolkit.store.knooppunten import meld
from toolkit.store.motor import Motor
from toolkit.store.tabellen import bijeenkomst_t, wijziging_t


def verhoog(
    conn: Connection,
    bijeenkomst_id: int,
    soort: str,
    doel_id: int | None = None,
    deelnemer_id: int | None = None,
) -> int:
    """Raise the bijeenkomst's ``versie`` and log this change under it; returns the new versie."""
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
    meld(conn, bijeenkomst_id)  # PostgreSQL: wakes the live pages on commit (toolkit.wekker)
    return versie


def noteer_ook(conn: Connection, bijeenkomst_id: int, soort: str, doel_id: int) -> None:
    """Log one more changed entry under the versie this action already raised.

    An action on several entries (merge, cluster) is still one change for the live pages.
    """
    versie = conn.execute(select(bijeenkomst_t.c.versie).where(bijeenkomst_t.c.id == bijeenkomst_id)).scalar_one()
    conn.execute(
        insert(wijziging_t).values(
            bijeenkomst_id=bijeenkomst_id, versie=versie, soort=soort, doel_id=doel_id, tijd=model.nu()
        )
    )


def controleer_tempo(conn: Connection, deelnemer_id: int) -> None:
    """Refuse a participant who sent ``model.RATE_MAX`` entries within ``model.RATE_VENSTER``."""
    grens = model.nu() - timedelta(seconds=model.RATE_VENSTER)
    aantal = conn.execute(
        select(func.count())
        .select_from(wijziging_t)
        .where(wijziging_t.c.deelnemer_id == deelnemer_id, wijziging_t.c.tijd > grens)
        # Submissions only: joining and putting dots do not use up the writing budget.
        .where(wijziging_t.c.soort.in_(model.BEGRENSDE_SOORTEN))
    ).scalar_one()
    if aantal >= model.RATE_MAX:
        raise TeSnel("Even rustig aan: je hebt net veel ingestuurd. Wacht een halve minuut; je tekst blijft staan.")


class Wijzigingslog(Motor):
    """Reading the change log."""

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
        """What changed after ``versie``: the kinds and the ids per kind."""
        with self.lees() as conn:
            huidig = conn.execute(
                select(bijeenkomst_t.c.versie).where(bijeenkomst_t.c.id == bijeenkomst_id)
            ).scalar()
            rijen = conn.execute(
                select(wijziging_t.c.soort, wijziging_t.c.doel_id, wijziging_t.c.deelnemer_id).where(
                    wijziging_t.c.bijeenkomst_id == bijeenkomst_id, wijziging_t.c.versie > versie
                )
            ).all()
        if huidig is None:
            raise NietGevonden(f"Bijeenkomst {bijeenkomst_id} bestaat niet (meer).")
        ids: dict[str, set[int]] = {}
        door: set[int] = set()
        for soort, doel_id, deelnemer_id in rijen:
            ids.setdefault(soort, set())
            if doel_id is not None:
                ids[soort].add(doel_id)
            if deelnemer_id is not None:
                door.add(deelnemer_id)
        return Wijzigingen(versie=huidig, ids={k: frozenset(v) for k, v in ids.items()}, door=frozenset(door))

    def datateller(self) -> Callable[[], object] | None:
        """For the live pages' polling: a function whose value changes after any commit to the
        database, or ``None`` where there is none (PostgreSQL: wake-ups or :meth:`versie`).

        On SQLite it reads ``PRAGMA data_version`` on a private connection of the standard
        library (about 10 µs, against a few hundred for a query through SQLAlchemy), so dozens
        of quiet kernels that look several times a second cost next to nothing. The value
        moves on commits of *other* connections, which includes every writer of the store.
        """
        if not self.sqlite:
            return None
        from toolkit.wekker import sqlite_teller

        return sqlite_teller(make_url(self.url).database)
