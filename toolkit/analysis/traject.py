"""The traject at a glance: every actie and afspraak once, with its status at each meeting.

Pure: takes the chain, the items and the recorded :class:`toolkit.model.Voortgang` rows and
returns plain dataclasses the CLI, the terugblik werkvorm and the voortgangsrapport read.
A status not recorded at a meeting carries over from the meeting before; the first status
of an actie is its own (open / bezig / klaar -> gedaan).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from toolkit import model


@dataclass(frozen=True, slots=True)
class ItemVoortgang:
    """One actie or afspraak of the traject and what became of it, meeting by meeting."""

    soort: str
    id: int
    wat: str
    wie: str
    #: The date now: the last date it was carried on to, else its own wanneer/evaluatiemoment.
    wanneer: date | None
    herkomst_id: int
    #: Status per bijeenkomst of the chain (None before the item existed).
    statussen: tuple[str | None, ...]
    opmerking: str = ""
    thema: str = ""
    #: Per bijeenkomst: was a status recorded there (not carried over)?
    vastgelegd: tuple[bool, ...] = ()

    @property
    def status(self) -> str:
        return next((s for s in reversed(self.statussen) if s is not None), "open")

    @property
    def open(self) -> bool:
        return self.status not in model.AFGEROND

    def status_bij(self, index: int) -> str | None:
        return self.statussen[index] if 0 <= index < len(self.statussen) else None


@dataclass(frozen=True, slots=True)
class Overzicht:
    traject: model.Traject | None
    bijeenkomsten: tuple[model.Bijeenkomst, ...]
    acties: tuple[ItemVoortgang, ...]
    afspraken: tuple[ItemVoortgang, ...]

    def index(self, bijeenkomst_id: int | None) -> int:
        ids = [b.id for b in self.bijeenkomsten]
        return ids.index(bijeenkomst_id) if bijeenkomst_id in ids else len(ids) - 1

    def open_acties(self, tot: int | None = None) -> list[ItemVoortgang]:
        """Actions still open before meeting ``tot`` (index), made before it: what that meeting reviews."""
        if tot is None:
            return [a for a in self.acties if a.open]
        ids = [b.id for b in self.bijeenkomsten[:tot]]
        uit = []
        for a in self.acties:
            if a.herkomst_id not in ids:
                continue
            voor = next((s for s in reversed(a.statussen[:tot]) if s is not None), "open")
            if voor not in model.AFGEROND or (tot < len(a.vastgelegd) and a.vastgelegd[tot]):
                uit.append(a)
        return uit

    def te_doen(self, vandaag: date) -> list[ItemVoortgang]:
        """Open actions whose date has come (what is due)."""
        return [a for a in self.acties if a.open and a.wanneer is not None and a.wanneer <= vandaag]

    def telling(self, index: int = -1) -> Counter[str]:
        """Actions per status at one meeting (default: the last)."""
        return Counter(
            s for a in self.acties if (s := a.status_bij(index if index >= 0 else len(self.bijeenkomsten) - 1))
        )

    @property
    def volgend_evaluatiemoment(self) -> date | None:
        """The earliest evaluatiemoment of an afspraak still in force, after the last meeting."""
        laatste = self.bijeenkomsten[-1]
        dag = laatste.datum or (laatste.aangemaakt.date() if laatste.aangemaakt else None)
        data = sorted(
            a.wanneer for a in self.afspraken if a.open and a.wanneer is not None and (dag is None or a.wanneer > dag)
        )
        return data[0] if data else None


def _dag(b: model.Bijeenkomst) -> date | None:
    return b.datum or (b.aangemaakt.date() if b.aangemaakt else None)


def _item(
    soort: str,
    item: Any,
    bijeenkomsten: tuple[model.Bijeenkomst, ...],
    per_bijeenkomst: dict[int, model.Voortgang],
) -> ItemVoortgang:
    ids = [b.id for b in bijeenkomsten]
    herkomst = ids.index(item.bijeenkomst_id) if item.bijeenkomst_id in ids else 0
    if soort == "actie":
        wat, wie, wanneer, begin = item.wat, item.wie, item.wanneer, model.BEGINSTATUS.get(item.status, "open")
    else:
        wat, wie, wanneer, begin = item.tekst, item.wie, item.evaluatiemoment, "open"
    statussen: list[str | None] = []
    vastgelegd: list[bool] = []
    huidig: str | None = None
    opmerking = ""
    for index, bid in enumerate(ids):
        if index < herkomst:
            statussen.append(None)
            vastgelegd.append(False)
            continue
        v = per_bijeenkomst.get(bid)
        vastgelegd.append(v is not None)
        if v is not None:
            huidig = v.status
            wanneer = v.wanneer or wanneer
            opmerking = v.opmerking or opmerking
        elif huidig is None:
            huidig = begin
        statussen.append(huidig)
    return ItemVoortgang(
        soort=soort,
        id=item.id,
        wat=wat,
        wie=wie,
        wanneer=wanneer,
        herkomst_id=item.bijeenkomst_id,
        statussen=tuple(statussen),
        opmerking=opmerking,
        thema=getattr(item, "thema", ""),
        vastgelegd=tuple(vastgelegd),
    )


def overzicht(
    traject: model.Traject | None,
    bijeenkomsten: tuple[model.Bijeenkomst, ...] | list[model.Bijeenkomst],
    acties: list[model.Actie],
    afspraken: list[model.Afspraak],
    voortgangen: list[model.Voortgang],
) -> Overzicht:
    bijeenkomsten = tuple(bijeenkomsten)
    per: dict[tuple[str, int], dict[int, model.Voortgang]] = {}
    for v in voortgangen:
        per.setdefault((v.soort, v.item_id), {})[v.bijeenkomst_id] = v  # type: ignore[index]
    return Overzicht(
        traject=traject,
        bijeenkomsten=bijeenkomsten,
        acties=tuple(_item("actie", a, bijeenkomsten, per.get(("actie", a.id), {})) for a in acties),
        afspraken=tuple(_item("afspraak", a, bijeenkomsten, per.get(("afspraak", a.id), {})) for a in afspraken),
    )


def overzicht_uit_store(store: Any, bijeenkomst_id: int) -> Overzicht:
    """Convenience for callers above the store (CLI, apps, export): read and compute."""
    from toolkit.store import traject as st

    k = st.keten(store, bijeenkomst_id)
    return overzicht(
        k.traject,
        k.bijeenkomsten,
        st.items_van_traject(store, "actie", bijeenkomst_id),
        st.items_van_traject(store, "afspraak", bijeenkomst_id),
        st.voortgang(store, bijeenkomst_id),
    )


__all__ = ["ItemVoortgang", "Overzicht", "overzicht", "overzicht_uit_store"]
