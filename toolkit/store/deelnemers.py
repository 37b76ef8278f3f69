"""Participant commands: join, write, edit and withdraw own entries, put and take back dots.

Each takes the participant's id, checks the onderdeel is open for them now and refuses
entries of someone else.
"""

from __future__ import annotations

import contextlib
import secrets
from typing import Any, TypeVar

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.engine import Connection

from toolkit import model
from toolkit.fouten import BijeenkomstGesloten, GeenToegang, NietGevonden, OngeldigeInvoer, WerkplaatsFout
from toolkit.store.lezen import Lezen, gebruikte_stippen
from toolkit.store.tabellen import (
    SOORTEN,
    antwoord_t,
    deelnemer_t,
    hash_geheim,
    naar_model,
    onderdeel_t,
    stem_t,
    vragenlijst_t,
    waarden_van,
)
from toolkit.store.wijzigingen import controleer_tempo, verhoog

T = TypeVar("T")


def voeg_deelnemer_in(conn: Connection, bijeenkomst_id: int, deelnemer: model.Deelnemer, token: str) -> int:
    """Insert a participant as given, keeping only a hash of their personal token."""
    return conn.execute(
        insert(deelnemer_t).values(
            bijeenkomst_id=bijeenkomst_id,
            naam=deelnemer.naam,
            naam_tonen=deelnemer.naam_tonen,
            organisatie=deelnemer.organisatie,
            domein=deelnemer.domein,
            token_hash=hash_geheim(token),
            aangemaakt=deelnemer.aangemaakt or model.nu(),
        )
    ).inserted_primary_key[0]


class Deelnemerszaken(Lezen):
    """What a participant does."""

    def warm_op(self) -> None:
        """Run the statements of joining once, on nothing, while a phone's kernel waits in the pool.

        SQLAlchemy compiles a statement the first time a process runs it: a fifth of the CPU of
        a join, which sixty phones joining at once would otherwise all pay at the same moment.
        The reads look for ids that do not exist; the writes run in a transaction that is
        always rolled back, so nothing changes and no one is woken.
        """
        for lees in (
            lambda: self.bijeenkomst("------"),
            lambda: self.bijeenkomst_met_id(-1),
            lambda: self.deelnemer(-1),
            lambda: self.versie(-1),  # type: ignore[attr-defined]
            lambda: self.wijzigingen_sinds(-1, 0),  # type: ignore[attr-defined]
            lambda: self.huidig_onderdeel(-1),
            lambda: self.items("bijdrage", -1, onderdeel_id=-1, deelnemer_id=-1),
            lambda: self.stemmen(-1, onderdeel_id=-1, deelnemer_id=-1),
        ):
            with contextlib.suppress(WerkplaatsFout):
                lees()
        from toolkit.store.regie import voeg_bijeenkomst_in

        with contextlib.suppress(Exception), self.engine.connect() as conn:  # type: ignore[attr-defined]
            tx = conn.begin()
            try:
                bid = voeg_bijeenkomst_in(conn, model.Bijeenkomst(titel="opwarmen"), "-")
                deelnemer = model.Deelnemer(organisatie="-", domein=next(iter(model.DOMEIN_LABELS)))
                did = voeg_deelnemer_in(conn, bid, deelnemer, "-")
                verhoog(conn, bid, "deelnemer", did, did)
            finally:
                tx.rollback()

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
            did = voeg_deelnemer_in(conn, bijeenkomst.id, concept, token)  # type: ignore[arg-type]
            verhoog(conn, bijeenkomst.id, "deelnemer", did, did)  # type: ignore[arg-type]
            return did

        did = self.schrijf(werk)
        return self.deelnemer(did), token

    def terugkeren(self, code: str, token: str) -> model.Deelnemer:
        """The participant behind a personal link, after a reload or on a new tab."""
        bijeenkomst = self.bijeenkomst(code)
        with self.lees() as conn:
            rij = conn.execute(
                select(deelnemer_t).where(
                    deelnemer_t.c.token_hash == hash_geheim(str(token or "")),
                    deelnemer_t.c.bijeenkomst_id == bijeenkomst.id,
                )
            ).first()
        if rij is None:
            raise GeenToegang("Deze persoonlijke link is niet (meer) geldig; meld je opnieuw aan met de code.")
        return naar_model(model.Deelnemer, rij)

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
        tot = conn.execute(
            select(vragenlijst_t.c.open_tot).where(vragenlijst_t.c.bijeenkomst_id == rij.bijeenkomst_id)
        ).scalar()
        if tot is not None and model.nu().date() > tot:
            raise BijeenkomstGesloten(
                f"De vragenlijst is gesloten sinds {model.datum_nl(tot)}; je antwoorden zijn bewaard."
            )
        return rij.bijeenkomst_id, o

    def voeg_toe(self, deelnemer_id: int, item: T) -> T:
        """A participant's entry in the current onderdeel; committed before this returns."""
        soort = model.soort_van(item)
        if soort not in model.DEELNEMER_SOORTEN:
            raise GeenToegang(f"Alleen de procesbegeleider kan een {soort} toevoegen.")
        _klasse, tabel = SOORTEN[soort]

        def werk(conn: Connection) -> int:
            bid, o = self._onderdeel_open_voor(conn, deelnemer_id, item.onderdeel_id)  # type: ignore[attr-defined]
            if soort not in model.INVOER_SOORT[o.invoer]:
                raise OngeldigeInvoer("invoer", f"Bij '{o.titel}' kun je geen {soort} invullen.")
            if soort in model.BEGRENSDE_SOORTEN:
                controleer_tempo(conn, deelnemer_id)
            waarden = waarden_van(item, tabel) | {"deelnemer_id": deelnemer_id}
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
                    verhoog(conn, bid, soort, bestaand, deelnemer_id)
                    return bestaand
            nieuw_id = conn.execute(
                insert(tabel).values(bijeenkomst_id=bid, aangemaakt=model.nu(), **waarden)
            ).inserted_primary_key[0]
            verhoog(conn, bid, soort, nieuw_id, deelnemer_id)
            return nieuw_id

        return self.haal(soort, self.schrijf(werk))  # type: ignore[return-value]

    def wijzig(self, deelnemer_id: int, item: T) -> T:
        """A participant edits their own entry while its onderdeel is open."""
        soort = model.soort_van(item)
        _klasse, tabel = SOORTEN[soort]
        item_id = item.id  # type: ignore[attr-defined]

        def werk(conn: Connection) -> None:
            rij = self._eigen(conn, tabel, item_id, deelnemer_id)
            bid, _o = self._onderdeel_open_voor(conn, deelnemer_id, rij.onderdeel_id)
            controleer_tempo(conn, deelnemer_id)
            waarden = waarden_van(item, tabel)
            for vast in ("deelnemer_id", "onderdeel_id", "zichtbaar", "cluster", "thema", "samengevoegd_met", "ingetrokken"):
                waarden.pop(vast, None)
            if soort == "bijdrage":
                waarden["bewerkt"] = model.nu()
            conn.execute(update(tabel).where(tabel.c.id == item_id).values(**waarden))
            verhoog(conn, bid, soort, item_id, deelnemer_id)

        self.schrijf(werk)
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
            verhoog(conn, bid, soort, item_id, deelnemer_id)

        self.schrijf(werk)

    @staticmethod
    def _eigen(conn: Connection, tabel: Table, item_id: int, deelnemer_id: int) -> Any:
        rij = conn.execute(select(tabel).where(tabel.c.id == item_id)).first()
        if rij is None:
            raise NietGevonden("Deze bijdrage bestaat niet (meer).")
        if rij._mapping.get("deelnemer_id") != deelnemer_id:
            raise GeenToegang("Je kunt alleen je eigen bijdragen aanpassen.")
        return rij

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
            gebruikt = gebruikte_stippen(conn, deelnemer_id, onderdeel_id)
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
            verhoog(conn, bid, "stem", doel_id, deelnemer_id)
            return o.stippen - gebruikt - 1

        return self.schrijf(werk)

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
            verhoog(conn, bid, "stem", doel_id, deelnemer_id)
            return o.stippen - gebruikte_stippen(conn, deelnemer_id, onderdeel_id)

        return self.schrijf(werk)
