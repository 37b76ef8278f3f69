"""The traject in the store: which bijeenkomsten follow each other, and the status history
of actions and agreements per meeting.

An actie or afspraak lives once, in the bijeenkomst that made it (the baseline for the
first meeting's actions); a follow-up records a :class:`toolkit.model.Voortgang` per item,
never a copy. Part of the store (the only SQL); the chain and the history are read here,
the overview over them is computed in :mod:`toolkit.analysis.traject`.
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from toolkit import model
from toolkit.fouten import NietGevonden, OngeldigeInvoer
from toolkit.model import Keten
from toolkit.store.lezen import Lezen
from toolkit.store.regie import voeg_bijeenkomst_in, voeg_onderdeel_in
from toolkit.store.tabellen import (
    SOORTEN,
    antwoord_t,
    bijdrage_t,
    bijeenkomst_t,
    deelnemer_t,
    naar_model,
    onderdeel_t,
    traject_bijeenkomst_t,
    traject_t,
    voortgang_t,
    vragenlijst_t,
)
from toolkit.store.wijzigingen import verhoog

if TYPE_CHECKING:
    from toolkit.store.regie import Regie

def _dag(b: Any) -> date:
    """The day of a bijeenkomst row: its datum, else the day it was made."""
    return b.datum or b.aangemaakt.date()


def _traject_id(conn: Connection, bijeenkomst_id: int) -> int | None:
    return conn.execute(
        select(traject_bijeenkomst_t.c.traject_id).where(traject_bijeenkomst_t.c.bijeenkomst_id == bijeenkomst_id)
    ).scalar()


def _leden(conn: Connection, bijeenkomst_id: int) -> tuple[Any, list[Any]]:
    """The traject row (or None) and the bijeenkomst rows of the chain, in date order."""
    tid = _traject_id(conn, bijeenkomst_id)
    if tid is None:
        rij = conn.execute(select(bijeenkomst_t).where(bijeenkomst_t.c.id == bijeenkomst_id)).first()
        if rij is None:
            raise NietGevonden(f"Bijeenkomst {bijeenkomst_id} bestaat niet (meer).")
        return None, [rij]
    traject = conn.execute(select(traject_t).where(traject_t.c.id == tid)).one()
    rijen = conn.execute(
        select(bijeenkomst_t)
        .join(traject_bijeenkomst_t, traject_bijeenkomst_t.c.bijeenkomst_id == bijeenkomst_t.c.id)
        .where(traject_bijeenkomst_t.c.traject_id == tid)
    ).all()
    return traject, sorted(rijen, key=lambda r: (_dag(r), r.id))


def _traject_model(rij: Any) -> model.Traject:
    return model.Traject(titel=rij.titel, wijk=rij.wijk, partners=tuple(rij.partners or ()), id=rij.id)


def keten(store: Lezen, bijeenkomst_id: int) -> Keten:
    """The traject of a bijeenkomst and all its meetings; a lone bijeenkomst is a chain of one."""
    with store.lees() as conn:
        traject, rijen = _leden(conn, bijeenkomst_id)
    return Keten(
        _traject_model(traject) if traject is not None else None,
        tuple(naar_model(model.Bijeenkomst, r) for r in rijen),
    )


def vorige_van(store: Lezen, bijeenkomst_id: int) -> int | None:
    with store.lees() as conn:
        return conn.execute(
            select(traject_bijeenkomst_t.c.vorige_id).where(traject_bijeenkomst_t.c.bijeenkomst_id == bijeenkomst_id)
        ).scalar()


def _partners(conn: Connection, bijeenkomst_ids: list[int]) -> list[str]:
    return list(
        dict.fromkeys(
            conn.execute(
                select(deelnemer_t.c.organisatie)
                .where(deelnemer_t.c.bijeenkomst_id.in_(bijeenkomst_ids))
                .order_by(deelnemer_t.c.id)
            ).scalars()
        )
    )


def vervolg(
    store: Lezen,
    code: str,
    titel: str,
    *,
    datum: date | str | None = None,
    onderdelen: list[model.Onderdeel] | tuple[model.Onderdeel, ...] = (),
    programma: str = "",
    traject: model.Traject | None = None,
) -> tuple[model.Bijeenkomst, str]:
    """A follow-up of the bijeenkomst with ``code``: a new bijeenkomst (new code and key) at the
    end of its traject, which is made on the first follow-up. Nothing changes on an error."""
    eerder = store.bijeenkomst(code)
    concept = model.Bijeenkomst(titel=titel, locatie=eerder.locatie)
    sleutel = secrets.token_urlsafe(24)

    def werk(conn: Connection) -> int:
        traject_rij, rijen = _leden(conn, eerder.id)  # type: ignore[arg-type]
        laatste = rijen[-1]
        dag = model.vervolg_datum(datum, _dag(laatste), eerste=len(rijen) == 1)
        if traject_rij is None:
            naam = eerder.titel.removeprefix("Startbijeenkomst ").strip() or eerder.titel
            basis = traject or model.Traject(
                titel=naam[: model.MAX_KORT * 2],
                wijk=eerder.locatie[: model.MAX_KORT],
                partners=tuple(_partners(conn, [eerder.id])),  # type: ignore[list-item]
            )
            tid = conn.execute(
                insert(traject_t).values(
                    titel=basis.titel, wijk=basis.wijk, partners=list(basis.partners), aangemaakt=model.nu()
                )
            ).inserted_primary_key[0]
            conn.execute(
                insert(traject_bijeenkomst_t).values(bijeenkomst_id=eerder.id, traject_id=tid, vorige_id=None, programma="")
            )
        else:
            tid = traject_rij.id
        bid = voeg_bijeenkomst_in(conn, replace(concept, datum=dag), sleutel)
        for volgorde, onderdeel in enumerate(onderdelen):
            voeg_onderdeel_in(conn, bid, replace(onderdeel, volgorde=volgorde, status="gepland"))
        conn.execute(
            insert(traject_bijeenkomst_t).values(
                bijeenkomst_id=bid, traject_id=tid, vorige_id=laatste.id, programma=programma
            )
        )
        verhoog(conn, bid, "bijeenkomst", bid)
        for rij in rijen:
            verhoog(conn, rij.id, "traject", bid)
        return bid

    bid = store.schrijf(werk)
    return store.bijeenkomst_met_id(bid), sleutel


def wijzig_traject(regie: Regie, **velden: Any) -> model.Traject:
    """The facilitator changes titel, wijk or partners of the traject of this bijeenkomst."""
    store = regie.store
    huidig = keten(store, regie.bijeenkomst_id).traject
    if huidig is None:
        raise NietGevonden("Deze bijeenkomst hoort (nog) niet bij een traject; maak eerst een vervolg.")
    nieuw = replace(huidig, **velden)

    def werk(conn: Connection) -> None:
        conn.execute(
            update(traject_t)
            .where(traject_t.c.id == nieuw.id)
            .values(titel=nieuw.titel, wijk=nieuw.wijk, partners=list(nieuw.partners))
        )

    regie._doe("traject", nieuw.id, werk)
    return nieuw


# --- actions and agreements of the whole traject ----------------------------------------------


def items_van_traject(store: Lezen, soort: str, bijeenkomst_id: int) -> list[Any]:
    """Every actie (or afspraak) made in any meeting of the traject, oldest first: each once."""
    ids = keten(store, bijeenkomst_id).ids
    _klasse, tabel = SOORTEN[soort]
    klasse = SOORTEN[soort][0]
    with store.lees() as conn:
        rijen = conn.execute(select(tabel).where(tabel.c.bijeenkomst_id.in_(ids)).order_by(tabel.c.id)).all()
    return [naar_model(klasse, r) for r in rijen]


def voortgang(store: Lezen, bijeenkomst_id: int) -> list[model.Voortgang]:
    """Every recorded status in the traject of this bijeenkomst, oldest first."""
    ids = keten(store, bijeenkomst_id).ids
    with store.lees() as conn:
        rijen = conn.execute(
            select(voortgang_t).where(voortgang_t.c.bijeenkomst_id.in_(ids)).order_by(voortgang_t.c.id)
        ).all()
    return [naar_model(model.Voortgang, r) for r in rijen]


def zet_voortgang(
    regie: Regie,
    soort: str,
    item_id: int,
    status: str,
    *,
    wanneer: date | str | None = None,
    opmerking: str = "",
    vandaag: date | None = None,
) -> model.Voortgang:
    """The facilitator records the status of an actie or afspraak at this meeting (again: replaces).

    ``wanneer`` carries the action on to a new date, which must not lie in the past.
    """
    store = regie.store
    bid = regie.bijeenkomst_id
    nieuwe_datum = model.datum("wanneer", wanneer, niet_voor=vandaag or date.today(), verplicht=False)
    concept = model.Voortgang(
        soort=soort, item_id=item_id, status=status, bijeenkomst_id=bid, wanneer=nieuwe_datum, opmerking=opmerking
    )
    _klasse, tabel = SOORTEN[concept.soort]

    def werk(conn: Connection) -> int:
        _traject, rijen = _leden(conn, bid)
        eigen = {r.id for r in rijen}
        herkomst = conn.execute(select(tabel.c.bijeenkomst_id).where(tabel.c.id == item_id)).scalar()
        if herkomst not in eigen:
            raise NietGevonden(f"Deze {concept.soort} hoort niet bij dit traject.")
        conn.execute(
            delete(voortgang_t).where(
                voortgang_t.c.bijeenkomst_id == bid, voortgang_t.c.soort == concept.soort, voortgang_t.c.item_id == item_id
            )
        )
        return conn.execute(
            insert(voortgang_t).values(
                bijeenkomst_id=bid,
                soort=concept.soort,
                item_id=item_id,
                status=concept.status,
                wanneer=concept.wanneer,
                opmerking=concept.opmerking,
                aangemaakt=model.nu(),
            )
        ).inserted_primary_key[0]

    vid = regie._doe("voortgang", None, werk)
    return next(v for v in voortgang(store, bid) if v.id == vid)


# --- questionnaire mode -----------------------------------------------------------------------


def vragenlijst_tot(store: Lezen, bijeenkomst_id: int) -> date | None:
    """The last day a bijeenkomst in questionnaire mode accepts answers, or None (a live meeting)."""
    with store.lees() as conn:
        return conn.execute(
            select(vragenlijst_t.c.open_tot).where(vragenlijst_t.c.bijeenkomst_id == bijeenkomst_id)
        ).scalar()


def zet_vragenlijst(store: Lezen, bijeenkomst_id: int, open_tot: date | str, *, vandaag: date | None = None) -> date:
    """Open a bijeenkomst as a questionnaire until ``open_tot`` (inclusive)."""
    tot = model.datum("open-tot", open_tot, niet_voor=vandaag or date.today())
    store.bijeenkomst_met_id(bijeenkomst_id)

    def werk(conn: Connection) -> None:
        conn.execute(delete(vragenlijst_t).where(vragenlijst_t.c.bijeenkomst_id == bijeenkomst_id))
        conn.execute(insert(vragenlijst_t).values(bijeenkomst_id=bijeenkomst_id, open_tot=tot))
        # Nobody moves the room along: every onderdeel takes answers until the closing day.
        onderdelen = conn.execute(
            select(onderdeel_t.c.id).where(onderdeel_t.c.bijeenkomst_id == bijeenkomst_id).order_by(
                onderdeel_t.c.volgorde, onderdeel_t.c.id
            )
        ).scalars().all()
        if not onderdelen:
            raise OngeldigeInvoer("programma", "Deze bijeenkomst heeft nog geen onderdelen om als vragenlijst te openen.")
        conn.execute(update(onderdeel_t).where(onderdeel_t.c.bijeenkomst_id == bijeenkomst_id).values(status="actief"))
        conn.execute(
            update(bijeenkomst_t)
            .where(bijeenkomst_t.c.id == bijeenkomst_id)
            .values(status="open", huidig_onderdeel_id=onderdelen[0], timer_eind=None, timer_rest=None)
        )
        verhoog(conn, bijeenkomst_id, "stap", onderdelen[0])

    store.schrijf(werk)
    return tot  # type: ignore[return-value]


def vragenlijst_respons(store: Lezen, bijeenkomst_id: int) -> dict[str, int]:
    """How many participants answered anything, per domein (what the facilitator follows)."""
    with store.lees() as conn:
        wie: set[int] = set()
        for tabel in (antwoord_t, bijdrage_t):
            wie |= set(
                conn.execute(
                    select(tabel.c.deelnemer_id).where(
                        tabel.c.bijeenkomst_id == bijeenkomst_id, tabel.c.deelnemer_id.is_not(None)
                    )
                ).scalars()
            )
        rijen = conn.execute(
            select(deelnemer_t.c.id, deelnemer_t.c.domein).where(deelnemer_t.c.bijeenkomst_id == bijeenkomst_id)
        ).all()
    telling = {d: 0 for d in model.DOMEINEN}
    for did, domein in rijen:
        if did in wie:
            telling[domein] = telling.get(domein, 0) + 1
    return telling


def laad_traject(
    store: Lezen,
    traject: model.Traject,
    bijeenkomst_ids: list[int],
    voortgangen: list[model.Voortgang],
) -> None:
    """Link imported bijeenkomsten (in date order) into a new traject with their history, in ONE
    transaction; ``voortgangen`` already carry the new bijeenkomst and item ids."""
    if not bijeenkomst_ids:
        raise OngeldigeInvoer("traject", "Een traject heeft minstens één bijeenkomst.")

    def werk(conn: Connection) -> None:
        tid = conn.execute(
            insert(traject_t).values(
                titel=traject.titel, wijk=traject.wijk, partners=list(traject.partners), aangemaakt=model.nu()
            )
        ).inserted_primary_key[0]
        vorige = None
        for bid in bijeenkomst_ids:
            conn.execute(insert(traject_bijeenkomst_t).values(bijeenkomst_id=bid, traject_id=tid, vorige_id=vorige))
            vorige = bid
        for v in voortgangen:
            conn.execute(
                insert(voortgang_t).values(
                    bijeenkomst_id=v.bijeenkomst_id,
                    soort=v.soort,
                    item_id=v.item_id,
                    status=v.status,
                    wanneer=v.wanneer,
                    opmerking=v.opmerking,
                    aangemaakt=v.aangemaakt or model.nu(),
                )
            )
        for bid in bijeenkomst_ids:
            verhoog(conn, bid, "traject", bid)

    store.schrijf(werk)


__all__ = [
    "Keten",
    "items_van_traject",
    "keten",
    "laad_traject",
    "vervolg",
    "voortgang",
    "vragenlijst_tot",
    "wijzig_traject",
    "zet_voortgang",
    "vragenlijst_respons",
    "zet_vragenlijst",
]


class Trajectlezen(Lezen):
    """The traject read through the store object itself, so a caller that is handed the store
    (the pure analysis in :mod:`toolkit.analysis.traject`) never imports the store."""

    def keten(self, bijeenkomst_id: int) -> Keten:
        return keten(self, bijeenkomst_id)

    def items_van_traject(self, soort: str, bijeenkomst_id: int) -> list[Any]:
        return items_van_traject(self, soort, bijeenkomst_id)

    def voortgang(self, bijeenkomst_id: int) -> list[model.Voortgang]:
        return voortgang(self, bijeenkomst_id)

    def vragenlijst_tot(self, bijeenkomst_id: int) -> date | None:
        return vragenlijst_tot(self, bijeenkomst_id)

