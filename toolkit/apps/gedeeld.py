"""What the phone and the wand (or regiekamer) of a werkvorm both show.

The entries a tekst onderdeel works on, the solutions a dubbelcheck rates, the stip the room
chose, the actielijst as HTML: read here once, so a wand module never borrows from a phone
module. No widgets in this module.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from toolkit import model

if TYPE_CHECKING:
    from toolkit.apps.basis import Sessie
    from toolkit.store import Store

#: Kinds in the change log that can alter what a tekst paneel shows.
RELEVANT: frozenset[str] = frozenset({"bijdrage", "stem", "onderdeel", "programma", "stap", "deelnemer"})


def bijdragen_van(
    sessie: Sessie, onderdeel: model.Onderdeel, *, alleen_zichtbaar: bool = True
) -> list[model.Bijdrage]:
    """The bijdragen this onderdeel works on, oldest first: its own and, for a clustering
    step, those of the werkvormen it takes over (``Onderdeel.neemt_over``)."""
    return sessie.store.items_voor("bijdrage", onderdeel, alleen_zichtbaar=alleen_zichtbaar)


#: How many solutions the room checks (seed 004: the ones with the most dots).
AANTAL_OPLOSSINGEN = 3


def bron_onderdeel(store: Store, onderdeel: model.Onderdeel) -> model.Onderdeel | None:
    """Where the solutions come from, nearest before this onderdeel in the programme.

    In order: an onderdeel of a werkvorm named in ``onderdeel.neemt_over``; one of werkvorm
    :data:`model.OPLOSSING_WERKVORMEN`; a ``tekst`` onderdeel whose entries received dots.
    """
    eerder = [o for o in store.onderdelen(onderdeel.bijeenkomst_id) if o.volgorde < onderdeel.volgorde]  # type: ignore[arg-type]
    eerder.reverse()
    for past in (
        lambda o: o.werkvorm in onderdeel.neemt_over,
        lambda o: o.werkvorm in model.OPLOSSING_WERKVORMEN,
        lambda o: o.invoer == "tekst" and bool(store.telling(o.id)),
    ):
        for o in eerder:
            if past(o):
                return o
    return None


def top_oplossingen(
    store: Store, onderdeel: model.Onderdeel, aantal: int = AANTAL_OPLOSSINGEN
) -> list[model.Bijdrage]:
    """The visible bijdragen of :func:`bron_onderdeel` with the most dots (ties: oldest first).

    Dots count wherever they were cast in the bijeenkomst (a later voting onderdeel may vote
    on them); without any dots, the oldest entries come first.
    """
    bron = bron_onderdeel(store, onderdeel)
    if bron is None:
        return []
    bijdragen = store.items("bijdrage", bron.bijeenkomst_id, onderdeel_id=bron.id, alleen_zichtbaar=True)  # type: ignore[arg-type]
    stippen: dict[int, int] = {}
    for stem in store.stemmen(bron.bijeenkomst_id):  # type: ignore[arg-type]
        if stem.soort == "bijdrage":
            stippen[stem.doel_id] = stippen.get(stem.doel_id, 0) + 1
    return model.rangorde(bijdragen, stippen)[:aantal]


def mijlpaal_horizonnen(onderdeel: model.Onderdeel) -> tuple[str, ...]:
    """The horizons an onderdeel asks milestones for; empty for a stip onderdeel."""
    return tuple(k for k in onderdeel.kolommen if k in model.HORIZONNEN)


def definitieve_stip(store: Store, bijeenkomst_id: int) -> model.Stip | None:
    """The stip the room chose, if the facilitator has set one."""
    gekozen = [s for s in store.items("stip", bijeenkomst_id, alleen_zichtbaar=True) if s.definitief]
    return gekozen[-1] if gekozen else None


#: The kolom of a participant's proposal.
VOORSTEL = "voorstel"


def _tekst(waarde: object) -> str:
    if waarde is None or waarde == "":
        return ""
    return model.datum_nl(waarde) if hasattr(waarde, "isoformat") else str(waarde)  # type: ignore[arg-type]


def _cel(waarde: object) -> str:
    return f"<td>{html.escape(_tekst(waarde) or '–')}</td>"


def _kaart(titel: str, *details: object) -> str:
    """One entry as a card for a phone: the text bold, the details on one small line."""
    regel = " · ".join(html.escape(_tekst(d)) for d in details if _tekst(d))
    return (
        "<li class='wp-wall-item' style='margin:0 0 0.5em;list-style:none;border-bottom:1px solid #c4c9d0;"
        f"padding:0 0 0.4em'><b>{html.escape(titel)}</b><br><small>{regel}</small></li>"
    )


def actielijst_html(acties: list[model.Actie], *, kaarten: bool = False) -> str:
    """The actions as an escaped table (wat, wie, wanneer, thema, status), or as cards for a phone."""
    if not acties:
        return "<p class='wp-leeg'>Nog geen acties.</p>"
    acties = sorted(acties, key=lambda a: (a.wanneer, a.id or 0))
    if kaarten:
        items = "".join(_kaart(a.wat, a.wie, a.wanneer, a.thema, a.status) for a in acties)
        return f"<ul class='wp-actielijst' style='padding:0;margin:0'>{items}</ul>"
    kop = "".join(f"<th>{k}</th>" for k in ("Wat", "Wie", "Wanneer", "Thema", "Status"))
    rijen = "".join(
        f"<tr class='wp-wall-item'>{_cel(a.wat)}{_cel(a.wie)}{_cel(a.wanneer)}{_cel(a.thema)}{_cel(a.status)}</tr>"
        for a in acties
    )
    return (
        f"<table class='wp-tabel wp-actielijst'><thead><tr>{kop}</tr></thead><tbody>{rijen}</tbody></table>"
    )


def afspraken_html(afspraken: list[model.Afspraak], *, kaarten: bool = False) -> str:
    """The agreements as an escaped table (afspraak, wie, evaluatiemoment), or as cards for a phone."""
    if not afspraken:
        return "<p class='wp-leeg'>Nog geen afspraken.</p>"
    if kaarten:
        items = "".join(
            _kaart(a.tekst, a.wie, f"evaluatie {_tekst(a.evaluatiemoment)}" if a.evaluatiemoment else "")
            for a in afspraken
        )
        return f"<ul class='wp-afspraken' style='padding:0;margin:0'>{items}</ul>"
    kop = "".join(f"<th>{k}</th>" for k in ("Afspraak", "Wie", "Evaluatiemoment"))
    rijen = "".join(
        f"<tr class='wp-wall-item'>{_cel(a.tekst)}{_cel(a.wie)}{_cel(a.evaluatiemoment)}</tr>"
        for a in afspraken
    )
    return f"<table class='wp-tabel wp-afspraken'><thead><tr>{kop}</tr></thead><tbody>{rijen}</tbody></table>"


def lijst_html(store: Store, bijeenkomst_id: int, invoer: str, *, kaarten: bool = False) -> str:
    """What the room agreed so far, for ``invoer`` 'actie' or 'afspraak'."""
    if invoer == "afspraak":
        return afspraken_html(store.items("afspraak", bijeenkomst_id), kaarten=kaarten)
    return actielijst_html(store.items("actie", bijeenkomst_id), kaarten=kaarten)
