"""Facilitator commands: create, open and delete a bijeenkomst; :class:`Regie` for the rest.

Only :meth:`Regiezaken.regie` hands out a :class:`Regie`, after checking the facilitator key.
Every Regie action is one unit of work (:meth:`toolkit.store.motor.Motor.schrijf`) that logs
its change with :func:`toolkit.store.wijzigingen.verhoog`.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from toolkit import model
from toolkit.fouten import GeenToegang, NietGevonden, OngeldigeInvoer, OpslagBezet
from toolkit.store.lezen import Lezen
from toolkit.store.tabellen import (
    SOORTEN,
    bijdrage_t,
    bijeenkomst_t,
    deelnemer_t,
    hash_geheim,
    kolomvelden,
    onderdeel_t,
    stem_t,
    stip_t,
    waarden_van,
    wijziging_t,
)
from toolkit.store.wijzigingen import noteer_ook, verhoog

T = TypeVar("T")


def voeg_bijeenkomst_in(conn: Connection, bijeenkomst: model.Bijeenkomst, sleutel: str) -> int:
    """Insert a bijeenkomst under a fresh join code, keeping only a hash of the key."""
    return conn.execute(
        insert(bijeenkomst_t).values(
            titel=bijeenkomst.titel,
            datum=bijeenkomst.datum,
            locatie=bijeenkomst.locatie,
            aanleiding=bijeenkomst.aanleiding,
            code=vrije_code(conn),
            status=bijeenkomst.status,
            sleutel_hash=hash_geheim(sleutel),
            versie=0,
            aangemaakt=model.nu(),
        )
    ).inserted_primary_key[0]


def vrije_code(conn: Connection) -> str:
    for _ in range(50):
        code = "".join(secrets.choice(model.CODE_ALFABET) for _ in range(model.CODE_LENGTE))
        bezet = conn.execute(
            select(bijeenkomst_t.c.id).where(bijeenkomst_t.c.code == code, bijeenkomst_t.c.status == "open")
        ).first()
        if bezet is None:
            return code
    raise OpslagBezet("Er is geen vrije code te vinden; sluit oude bijeenkomsten met 'werkplaats wis'.")


def voeg_onderdeel_in(conn: Connection, bijeenkomst_id: int, o: model.Onderdeel) -> int:
    """Insert an onderdeel as it is (its volgorde and status included)."""
    waarden = {naam: getattr(o, naam) for naam in kolomvelden(model.Onderdeel) if naam not in ("id", "bijeenkomst_id")}
    waarden["kolommen"] = list(o.kolommen)
    waarden["stellingen"] = list(o.stellingen)
    waarden["neemt_over"] = list(o.neemt_over)
    return conn.execute(insert(onderdeel_t).values(bijeenkomst_id=bijeenkomst_id, **waarden)).inserted_primary_key[0]


class Regiezaken(Lezen):
    """Creating a bijeenkomst, handing out its :class:`Regie`, deleting it."""

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
            bid = voeg_bijeenkomst_in(conn, concept, sleutel)
            for volgorde, onderdeel in enumerate(onderdelen):
                voeg_onderdeel_in(conn, bid, replace(onderdeel, volgorde=volgorde, status="gepland"))
            verhoog(conn, bid, "bijeenkomst", bid)
            return bid

        bid = self.schrijf(werk)
        return self.bijeenkomst_met_id(bid), sleutel

    def regie(self, code: str, sleutel: str) -> Regie:
        """Facilitator access: checks the key, then hands out the facilitator actions."""
        bijeenkomst = self.bijeenkomst(code)
        with self.lees() as conn:
            opgeslagen = conn.execute(
                select(bijeenkomst_t.c.sleutel_hash).where(bijeenkomst_t.c.id == bijeenkomst.id)
            ).scalar_one()
        if not sleutel or not hmac.compare_digest(opgeslagen, hash_geheim(str(sleutel).strip())):
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

        self.schrijf(werk)


class Regie:
    """The facilitator's actions on one bijeenkomst; obtained through :meth:`Store.regie`."""

    def __init__(self, store: Lezen, bijeenkomst_id: int) -> None:
        self.store = store
        self.bijeenkomst_id = bijeenkomst_id

    @property
    def bijeenkomst(self) -> model.Bijeenkomst:
        return self.store.bijeenkomst_met_id(self.bijeenkomst_id)

    def _doe(self, soort: str, doel_id: int | None, werk: Any) -> Any:
        def geheel(conn: Connection) -> Any:
            uitkomst = werk(conn)
            verhoog(conn, self.bijeenkomst_id, soort, doel_id if doel_id is not None else uitkomst)
            return uitkomst

        return self.store.schrijf(geheel)

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
            timer = model.Timer.klaar_voor(duur)
            conn.execute(
                update(bijeenkomst_t)
                .where(bijeenkomst_t.c.id == self.bijeenkomst_id)
                .values(huidig_onderdeel_id=onderdeel_id, timer_eind=timer.eind, timer_rest=timer.rest)
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
            duur = None
            if b.timer_eind is None and b.timer_rest is None and b.huidig_onderdeel_id:
                duur = conn.execute(
                    select(onderdeel_t.c.duur_minuten).where(onderdeel_t.c.id == b.huidig_onderdeel_id)
                ).scalar_one()
            self._zet_timer(conn, model.Timer(b.timer_eind, b.timer_rest).start(model.nu(), duur))

        self._doe("timer", self.bijeenkomst_id, werk)

    def timer_pauze(self) -> None:
        self._verander_timer(lambda timer: timer.pauze(model.nu()))

    def timer_erbij(self, minuten: int = 1) -> None:
        self._verander_timer(lambda timer: timer.erbij(minuten, model.nu()))

    def _verander_timer(self, stap: Callable[[model.Timer], model.Timer]) -> None:
        def werk(conn: Connection) -> None:
            b = conn.execute(select(bijeenkomst_t).where(bijeenkomst_t.c.id == self.bijeenkomst_id)).one()
            self._zet_timer(conn, stap(model.Timer(b.timer_eind, b.timer_rest)))

        self._doe("timer", self.bijeenkomst_id, werk)

    def _zet_timer(self, conn: Connection, timer: model.Timer) -> None:
        conn.execute(
            update(bijeenkomst_t)
            .where(bijeenkomst_t.c.id == self.bijeenkomst_id)
            .values(timer_eind=timer.eind, timer_rest=timer.rest)
        )

    # composing the programme -------------------------------------------------------------

    def voeg_onderdeel_toe(self, onderdeel: model.Onderdeel, positie: int | None = None) -> model.Onderdeel:
        def werk(conn: Connection) -> int:
            ids = self._volgorde(conn)
            plek = len(ids) if positie is None else max(0, min(positie, len(ids)))
            nieuw = voeg_onderdeel_in(conn, self.bijeenkomst_id, replace(onderdeel, status="gepland", volgorde=plek))
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
                    verhoog(conn, self.bijeenkomst_id, "bijdrage", item_id)
                else:
                    noteer_ook(conn, self.bijeenkomst_id, "bijdrage", item_id)

        self.store.schrijf(werk)

    def zet_thema(self, bijdrage_id: int, thema: str) -> None:
        self._zet_item("bijdrage", bijdrage_id, thema=model.keuze("thema", thema, model.THEMAS, verplicht=False))

    def voeg_samen(self, bijdrage_id: int, in_id: int) -> None:
        """Merge a duplicate into another entry; its dots move along."""
        if bijdrage_id == in_id:
            raise OngeldigeInvoer("samenvoegen", "Kies twee verschillende bijdragen om samen te voegen.")
        self.store.schrijf(lambda conn: self._voeg_samen(conn, in_id, (bijdrage_id,)))

    def voeg_samen_in_oudste(self, bijdrage_ids: list[int] | tuple[int, ...]) -> int:
        """Merge several entries in ONE action: the oldest stays (:func:`model.samenvoeging`).

        Returns the id of the entry that stays; the dots of the others move to it.
        """
        blijft, gaan = model.samenvoeging(bijdrage_ids)
        self.store.schrijf(lambda conn: self._voeg_samen(conn, blijft, gaan))
        return blijft

    def _voeg_samen(self, conn: Connection, in_id: int, bijdrage_ids: tuple[int, ...]) -> None:
        for i in (in_id, *bijdrage_ids):
            rij = conn.execute(select(bijdrage_t.c.bijeenkomst_id).where(bijdrage_t.c.id == i)).first()
            if rij is None or rij.bijeenkomst_id != self.bijeenkomst_id:
                raise NietGevonden("Deze bijdrage hoort niet bij deze bijeenkomst.")
        for volgnummer, bijdrage_id in enumerate(bijdrage_ids):
            conn.execute(update(bijdrage_t).where(bijdrage_t.c.id == bijdrage_id).values(samengevoegd_met=in_id))
            conn.execute(
                update(stem_t).where(stem_t.c.soort == "bijdrage", stem_t.c.doel_id == bijdrage_id).values(doel_id=in_id)
            )
            if volgnummer == 0:
                verhoog(conn, self.bijeenkomst_id, "bijdrage", bijdrage_id)
            else:
                noteer_ook(conn, self.bijeenkomst_id, "bijdrage", bijdrage_id)
        noteer_ook(conn, self.bijeenkomst_id, "bijdrage", in_id)

    def voeg_toe(self, item: T) -> T:
        """The facilitator (or an import) adds an entry to any onderdeel of this bijeenkomst."""
        soort = model.soort_van(item)
        _klasse, tabel = SOORTEN[soort]

        def werk(conn: Connection) -> int:
            onderdeel_id = getattr(item, "onderdeel_id", None)
            if onderdeel_id is not None:
                self._eigen_onderdeel(conn, onderdeel_id)
            elif "onderdeel_id" in tabel.c and not tabel.c.onderdeel_id.nullable:
                raise OngeldigeInvoer("onderdeel", f"Kies het onderdeel waar deze {soort} bij hoort.")
            waarden = waarden_van(item, tabel)
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
        soort = model.soort_van(item)
        _klasse, tabel = SOORTEN[soort]
        waarden = waarden_van(item, tabel)
        for vast in ("deelnemer_id", "onderdeel_id"):
            waarden.pop(vast, None)
        self._zet_item(soort, item.id, **waarden)  # type: ignore[attr-defined]
        return self.store.haal(soort, item.id)  # type: ignore[attr-defined]

    def verwijder(self, soort: str, item_id: int) -> None:
        """Remove a facilitator-made item (an action, agreement or strategy)."""
        if soort not in model.SOORTEN or model.SOORTEN[soort].door != "regie":
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
                    bijeenkomst_id=self.bijeenkomst_id, aangemaakt=model.nu(), **waarden_van(stip, stip_t)
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
                soort = model.soort_van(item)
                _klasse, tabel = SOORTEN[soort]
                onderdeel_id = getattr(item, "onderdeel_id", None)
                if onderdeel_id is not None and onderdeel_id not in eigen:
                    self._eigen_onderdeel(conn, onderdeel_id)
                    eigen.add(onderdeel_id)
                elif onderdeel_id is None and "onderdeel_id" in tabel.c and not tabel.c.onderdeel_id.nullable:
                    raise OngeldigeInvoer("onderdeel", f"Kies het onderdeel waar deze {soort} bij hoort.")
                waarden = waarden_van(item, tabel)
                if waarden.get("deelnemer_id") is not None:
                    raise OngeldigeInvoer("deelnemer", "Een import voegt invoer toe zonder deelnemer.")
                conn.execute(insert(tabel).values(bijeenkomst_id=self.bijeenkomst_id, aangemaakt=model.nu(), **waarden))
            for soort in dict.fromkeys(model.soort_van(item) for item in items):
                verhoog(conn, self.bijeenkomst_id, soort)
            return len(items)

        return self.store.schrijf(werk)

