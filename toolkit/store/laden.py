"""Loading a whole bijeenkomst (``bijeenkomst.json``) in one transaction, references remapped."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.engine import Connection

from toolkit import model
from toolkit.fouten import OngeldigeInvoer
from toolkit.store.deelnemers import voeg_deelnemer_in
from toolkit.store.lezen import Lezen
from toolkit.store.regie import voeg_bijeenkomst_in, voeg_onderdeel_in
from toolkit.store.tabellen import (
    SOORTEN,
    bijdrage_t,
    bijeenkomst_t,
    stem_t,
    waarden_van,
)
from toolkit.store.wijzigingen import verhoog


class Laden(Lezen):
    """Import of an exported bijeenkomst."""

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
            bid = voeg_bijeenkomst_in(conn, bijeenkomst, sleutel)
            nieuw: dict[str, dict[int, int]] = {"onderdeel": {}, "deelnemer": {}}
            for o in onderdelen:
                oid = voeg_onderdeel_in(conn, bid, o)
                nieuw["onderdeel"][o.id] = oid  # type: ignore[index]
            if bijeenkomst.huidig_onderdeel_id in nieuw["onderdeel"]:
                conn.execute(
                    update(bijeenkomst_t)
                    .where(bijeenkomst_t.c.id == bid)
                    .values(huidig_onderdeel_id=nieuw["onderdeel"][bijeenkomst.huidig_onderdeel_id])
                )
            for d in deelnemers:
                nieuw["deelnemer"][d.id] = voeg_deelnemer_in(conn, bid, d, secrets.token_urlsafe(16))  # type: ignore[index]
            later: list[tuple[int, int]] = []
            for soort in SOORTEN:  # bijdrage and swot come before actie and confrontatie
                _klasse, tabel = SOORTEN[soort]
                nieuw[soort] = {}
                for item in items.get(soort, []):
                    if pas_aan is not None:
                        item = pas_aan(soort, item, nieuw)
                    waarden = waarden_van(item, tabel)
                    samen = waarden.pop("samengevoegd_met", None)  # may point ahead: set below
                    for veld, naar in model.VERWIJZINGEN.items():
                        if waarden.get(veld) is not None:
                            waarden[veld] = nieuw[naar][waarden[veld]]
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
            verhoog(conn, bid, "bijeenkomst", bid)
            return bid

        try:
            bid = self.schrijf(werk)
        except KeyError as fout:
            raise OngeldigeInvoer("verwijzing", f"Het bestand verwijst naar nummer {fout} dat er niet in staat.") from None
        return self.bijeenkomst_met_id(bid), sleutel
