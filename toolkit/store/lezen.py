"""Reading: bijeenkomsten, the programme, participants, entries and votes as model objects."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.engine import Connection

from toolkit import model
from toolkit.fouten import NietGevonden
from toolkit.model import Telling
from toolkit.store.motor import Motor
from toolkit.store.tabellen import (
    SOORTEN,
    bijeenkomst_t,
    deelnemer_t,
    naar_model,
    onderdeel_t,
    stem_t,
)

T = TypeVar("T")


def gebruikte_stippen(conn: Connection, deelnemer_id: int, onderdeel_id: int) -> int:
    """How many dots a participant has put in an onderdeel."""
    return conn.execute(
        select(func.count())
        .select_from(stem_t)
        .where(stem_t.c.deelnemer_id == deelnemer_id, stem_t.c.onderdeel_id == onderdeel_id)
    ).scalar_one()


def _lijst(conn: Connection, klasse: type[T], vraag: Select[Any]) -> list[T]:
    return [naar_model(klasse, r) for r in conn.execute(vraag).all()]


def _onderdelen_vraag(bijeenkomst_id: int) -> Select[Any]:
    return (
        select(onderdeel_t)
        .where(onderdeel_t.c.bijeenkomst_id == bijeenkomst_id)
        .order_by(onderdeel_t.c.volgorde, onderdeel_t.c.id)
    )


def _deelnemers_vraag(bijeenkomst_id: int) -> Select[Any]:
    return select(deelnemer_t).where(deelnemer_t.c.bijeenkomst_id == bijeenkomst_id).order_by(deelnemer_t.c.id)


def _items_vraag(soort: str, bijeenkomst_id: int, *, alleen_zichtbaar: bool = False) -> Select[Any]:
    """Entries of one kind, oldest first; ``alleen_zichtbaar``: not moderated, withdrawn or merged."""
    tabel = SOORTEN[soort][1]
    q = select(tabel).where(tabel.c.bijeenkomst_id == bijeenkomst_id).order_by(tabel.c.id)
    if alleen_zichtbaar:
        if "zichtbaar" in tabel.c:
            q = q.where(tabel.c.zichtbaar.is_(True))
        if soort == "bijdrage":
            q = q.where(tabel.c.ingetrokken.is_(False), tabel.c.samengevoegd_met.is_(None))
    return q


class Lezen(Motor):
    """Reads; every method is one read transaction."""

    def bijeenkomst(self, code: str) -> model.Bijeenkomst:
        """The bijeenkomst with this join code (open ones first, then the newest)."""
        code = model.join_code(code)
        with self.lees() as conn:
            rij = conn.execute(
                select(bijeenkomst_t)
                .where(bijeenkomst_t.c.code == code)
                .order_by((bijeenkomst_t.c.status == "open").desc(), bijeenkomst_t.c.id.desc())
            ).first()
        if rij is None:
            raise NietGevonden(f"Er is geen bijeenkomst met code {code}; kijk de code op de wand nog eens na.")
        return naar_model(model.Bijeenkomst, rij)

    def bijeenkomst_met_id(self, bijeenkomst_id: int) -> model.Bijeenkomst:
        with self.lees() as conn:
            rij = conn.execute(select(bijeenkomst_t).where(bijeenkomst_t.c.id == bijeenkomst_id)).first()
        if rij is None:
            raise NietGevonden(f"Bijeenkomst {bijeenkomst_id} bestaat niet (meer).")
        return naar_model(model.Bijeenkomst, rij)

    def bijeenkomsten(self) -> list[model.Bijeenkomst]:
        with self.lees() as conn:
            rijen = conn.execute(select(bijeenkomst_t).order_by(bijeenkomst_t.c.id.desc())).all()
        return [naar_model(model.Bijeenkomst, r) for r in rijen]

    def onderdelen(self, bijeenkomst_id: int) -> list[model.Onderdeel]:
        """The programme, in order."""
        with self.lees() as conn:
            return _lijst(conn, model.Onderdeel, _onderdelen_vraag(bijeenkomst_id))

    def onderdeel(self, onderdeel_id: int) -> model.Onderdeel:
        with self.lees() as conn:
            rij = conn.execute(select(onderdeel_t).where(onderdeel_t.c.id == onderdeel_id)).first()
        if rij is None:
            raise NietGevonden(f"Onderdeel {onderdeel_id} bestaat niet (meer).")
        return naar_model(model.Onderdeel, rij)

    def huidig_onderdeel(self, bijeenkomst_id: int) -> model.Onderdeel | None:
        b = self.bijeenkomst_met_id(bijeenkomst_id)
        return self.onderdeel(b.huidig_onderdeel_id) if b.huidig_onderdeel_id else None

    def deelnemer(self, deelnemer_id: int) -> model.Deelnemer:
        with self.lees() as conn:
            rij = conn.execute(select(deelnemer_t).where(deelnemer_t.c.id == deelnemer_id)).first()
        if rij is None:
            raise NietGevonden(f"Deelnemer {deelnemer_id} bestaat niet (meer).")
        return naar_model(model.Deelnemer, rij)

    def deelnemers(self, bijeenkomst_id: int) -> list[model.Deelnemer]:
        with self.lees() as conn:
            return _lijst(conn, model.Deelnemer, _deelnemers_vraag(bijeenkomst_id))

    def deelnemers_per_domein(self, bijeenkomst_id: int) -> dict[str, int]:
        with self.lees() as conn:
            rijen = conn.execute(
                select(deelnemer_t.c.domein, func.count())
                .where(deelnemer_t.c.bijeenkomst_id == bijeenkomst_id)
                .group_by(deelnemer_t.c.domein)
            ).all()
        return {domein: aantal for domein, aantal in rijen}

    def haal(self, soort: str, item_id: int) -> Any:
        klasse, tabel = SOORTEN[soort]
        with self.lees() as conn:
            rij = conn.execute(select(tabel).where(tabel.c.id == item_id)).first()
        if rij is None:
            raise NietGevonden(f"Deze {soort} bestaat niet (meer).")
        return naar_model(klasse, rij)

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
        q = _items_vraag(soort, bijeenkomst_id, alleen_zichtbaar=alleen_zichtbaar)
        tabel = SOORTEN[soort][1]
        if onderdeel_id is not None:
            q = q.where(tabel.c.onderdeel_id == onderdeel_id)
        if deelnemer_id is not None:
            q = q.where(tabel.c.deelnemer_id == deelnemer_id)
        if ids is not None:
            q = q.where(tabel.c.id.in_(list(ids)))
        with self.lees() as conn:
            return _lijst(conn, SOORTEN[soort][0], q)

    def inhoud(self, bijeenkomst_id: int, *, met_verborgen: bool = False) -> model.Inhoud:
        """Everything one bijeenkomst produced, read in ONE transaction (so it is consistent).

        Moderated, withdrawn and merged entries are left out unless ``met_verborgen``;
        ``alle_swot`` keeps the hidden SWOT items, which confrontations may still name.
        """
        with self.lees() as conn:
            rij = conn.execute(select(bijeenkomst_t).where(bijeenkomst_t.c.id == bijeenkomst_id)).first()
            if rij is None:
                raise NietGevonden(f"Bijeenkomst {bijeenkomst_id} bestaat niet (meer).")
            items = {
                soort: tuple(_lijst(conn, klasse, _items_vraag(soort, bijeenkomst_id, alleen_zichtbaar=not met_verborgen)))
                for soort, (klasse, _tabel) in SOORTEN.items()
            }
            alle_swot = items["swot"] if met_verborgen else tuple(
                _lijst(conn, model.SwotItem, _items_vraag("swot", bijeenkomst_id))
            )
            return model.Inhoud(
                bijeenkomst=naar_model(model.Bijeenkomst, rij),
                deelnemers=tuple(_lijst(conn, model.Deelnemer, _deelnemers_vraag(bijeenkomst_id))),
                onderdelen=tuple(_lijst(conn, model.Onderdeel, _onderdelen_vraag(bijeenkomst_id))),
                items=items,
                stemmen=tuple(_lijst(conn, model.Stem, select(stem_t).where(stem_t.c.bijeenkomst_id == bijeenkomst_id).order_by(stem_t.c.id))),
                alle_swot=alle_swot,
                met_verborgen=met_verborgen,
            )

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
        with self.lees() as conn:
            return conn.execute(q).scalar_one()

    def stippen_over(self, deelnemer_id: int, onderdeel_id: int) -> int:
        o = self.onderdeel(onderdeel_id)
        with self.lees() as conn:
            return max(0, o.stippen - gebruikte_stippen(conn, deelnemer_id, onderdeel_id))

    def stemmen(
        self, bijeenkomst_id: int, *, onderdeel_id: int | None = None, deelnemer_id: int | None = None
    ) -> list[model.Stem]:
        q = select(stem_t).where(stem_t.c.bijeenkomst_id == bijeenkomst_id)
        if onderdeel_id is not None:
            q = q.where(stem_t.c.onderdeel_id == onderdeel_id)
        if deelnemer_id is not None:
            q = q.where(stem_t.c.deelnemer_id == deelnemer_id)
        with self.lees() as conn:
            rijen = conn.execute(q.order_by(stem_t.c.id)).all()
        return [naar_model(model.Stem, r) for r in rijen]

    def telling(self, onderdeel_id: int) -> list[Telling]:
        """Dots per entry in an onderdeel, most first."""
        with self.lees() as conn:
            rijen = conn.execute(
                select(stem_t.c.soort, stem_t.c.doel_id, func.count().label("n"))
                .where(stem_t.c.onderdeel_id == onderdeel_id)
                .group_by(stem_t.c.soort, stem_t.c.doel_id)
            ).all()
        return sorted((Telling(s, d, n) for s, d, n in rijen), key=lambda t: model.rang(t.stemmen, t.doel_id))
