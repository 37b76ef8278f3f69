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
from toolkit.analysis.onderwerpen import lees_onderwerp


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
    k = store.keten(bijeenkomst_id)
    return overzicht(
        k.traject,
        k.bijeenkomsten,
        store.items_van_traject("actie", bijeenkomst_id),
        store.items_van_traject("afspraak", bijeenkomst_id),
        store.voortgang(bijeenkomst_id),
    )




# --- what a follow-up werkvorm shows, and what the room answered (no pandas: the phone imports this)


def te_bespreken(store: Any, onderdeel: model.Onderdeel) -> list[tuple[str, str, str]]:
    """``(onderwerp, titel, detail)`` per thing scored in this onderdeel, in order.

    terugblik: the actions still open before this meeting; afspraakcheck: the agreements
    in force made before it; monitoring: the questions of the onderdeel (``stellingen``).
    """
    if onderdeel.invoer == "monitoring":
        return [(vraag, vraag, "") for vraag in onderdeel.stellingen]
    o = overzicht_uit_store(store, onderdeel.bijeenkomst_id)  # type: ignore[arg-type]
    index = o.index(onderdeel.bijeenkomst_id)
    if onderdeel.invoer == "terugblik":
        items = o.open_acties(index) if index > 0 else [a for a in o.acties if a.open]
    else:
        ids = [b.id for b in o.bijeenkomsten[: max(index, 1)]]
        items = [a for a in o.afspraken if a.herkomst_id in ids and a.open]
    uit = []
    for item in items:
        detail = " · ".join(
            d for d in (item.wie, model.datum_nl(item.wanneer) if item.wanneer else "") if d
        )
        uit.append((model.onderwerp_van(item.soort, item.id), item.wat, detail))
    return uit


def meldingen_per_onderwerp(antwoorden: list[model.Antwoord]) -> dict[str, Counter[str]]:
    """terugblik: per onderwerp how many participants said gedaan / bezig / niet gelukt / weet ik niet."""
    uit: dict[str, Counter[str]] = {}
    for a in antwoorden:
        if 1 <= a.waarde <= len(model.MELDINGEN):
            uit.setdefault(a.onderwerp, Counter())[model.melding_van(a.waarde)] += 1
    return uit


def gemiddelden(antwoorden: list[model.Antwoord]) -> dict[str, tuple[float, int]]:
    """Per onderwerp: mean score and number of answers."""
    per: dict[str, list[int]] = {}
    for a in antwoorden:
        per.setdefault(a.onderwerp, []).append(a.waarde)
    return {k: (sum(v) / len(v), len(v)) for k, v in per.items()}


def opmerkingen(bijdragen: list[model.Bijdrage]) -> dict[str, list[str]]:
    """Per onderwerp (the bijdrage's kolom) the remarks shown, oldest first."""
    uit: dict[str, list[str]] = {}
    for b in bijdragen:
        if b.op_de_wand:
            uit.setdefault(b.kolom, []).append(b.tekst)
    return uit


@dataclass(frozen=True, slots=True)
class Meting:
    """One score in the traject, in long format (metingen.csv, the monitoring chart)."""

    bijeenkomst: str
    code: str
    datum: date | None
    werkvorm: str
    vraag: str
    domein: str
    waarde: int


def metingen(store: Any, bijeenkomst_id: int) -> list[Meting]:
    """Every score of every meeting of the traject: monitoring, afspraken-check, stellingen,
    dubbelcheck and the participants' terugblik (waarde = position in ``model.MELDINGEN``)."""
    k = store.keten(bijeenkomst_id)
    afspraken = {a.id: a.tekst for a in store.items_van_traject("afspraak", bijeenkomst_id)}
    acties = {a.id: a.wat for a in store.items_van_traject("actie", bijeenkomst_id)}
    uit: list[Meting] = []
    for b in k.bijeenkomsten:
        onderdelen = {o.id: o for o in store.onderdelen(b.id)}
        domeinen = {d.id: d.domein for d in store.deelnemers(b.id)}
        oplossingen: dict[int, str] = {}
        for a in store.items("antwoord", b.id):
            o = onderdelen.get(a.onderdeel_id)
            if o is None:
                continue
            vraag = a.onderwerp
            verwijzing = model.lees_onderwerp_van(vraag)
            if verwijzing is not None:
                vraag = (acties if verwijzing[0] == "actie" else afspraken).get(verwijzing[1], vraag)
            elif (score := lees_onderwerp(vraag)) is not None:  # dubbelcheck: solution and aim, in words
                if not oplossingen:
                    oplossingen.update({x.id: x.tekst for x in store.items("bijdrage", b.id)})
                vraag = f"{oplossingen.get(score[0], f'Oplossing {score[0]}')} | {score[1]}"
            uit.append(
                Meting(
                    bijeenkomst=b.titel,
                    code=b.code,
                    datum=b.datum,
                    werkvorm=o.werkvorm,
                    vraag=vraag,
                    domein=domeinen.get(a.deelnemer_id, ""),  # type: ignore[arg-type]
                    waarde=a.waarde,
                )
            )
    return uit


def monitoring_verloop(store: Any, bijeenkomst_id: int) -> list[tuple[str, list[tuple[model.Bijeenkomst, float | None, int]]]]:
    """Per monitoring question: ``(bijeenkomst, mean or None, n)`` for every meeting of the traject."""
    k = store.keten(bijeenkomst_id)
    vragen: list[str] = []
    per_b: dict[int, dict[str, tuple[float, int]]] = {}
    for b in k.bijeenkomsten:
        ids = [o.id for o in store.onderdelen(b.id) if o.invoer == "monitoring"]
        for o in store.onderdelen(b.id):
            if o.invoer == "monitoring":
                vragen.extend(v for v in o.stellingen if v not in vragen)
        antwoorden = [a for a in store.items("antwoord", b.id) if a.onderdeel_id in ids]
        per_b[b.id] = gemiddelden(antwoorden)  # type: ignore[index]
    return [
        (v, [(b, *(per_b[b.id].get(v, (None, 0)))) for b in k.bijeenkomsten])  # type: ignore[index,misc]
        for v in vragen
    ]


__all__ = [
    "ItemVoortgang",
    "Meting",
    "Overzicht",
    "gemiddelden",
    "meldingen_per_onderwerp",
    "metingen",
    "monitoring_verloop",
    "opmerkingen",
    "overzicht",
    "overzicht_uit_store",
    "te_bespreken",
]
