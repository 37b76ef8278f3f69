"""Wand and regiekamer for the stip op de horizon and its milestones (seed 004).

The wand shows the definitive stip in big type, the top statements and the timeline of
milestones; the regiekamer opens the vote, composes the definitive stip from the top
statements and adds milestones per horizon with the room.
"""

from __future__ import annotations

import html

import ipywidgets as w

from toolkit import charts, model
from toolkit.analysis.frames import laad_frames
from toolkit.analysis.horizon import tijdlijn
from toolkit.apps import ui
from toolkit.apps.basis import Paneel, Sessie
from toolkit.apps.gedeeld import definitieve_stip, mijlpaal_horizonnen
from toolkit.apps.weergave.regie import RegiePaneel, StemKnop, VerbergLijst
from toolkit.apps.weergave.vak import opsomming, svg, werkvorm_vak
from toolkit.model import Wijzigingen

#: How many statements the wand lists as the top.
TOP = 5


def top_uitspraken(
    sessie: Sessie, onderdeel: model.Onderdeel, aantal: int = TOP
) -> list[tuple[model.Stip, int]]:
    """The statements of this onderdeel with their dots, most first (ties: oldest first)."""
    stippen = {t.doel_id: t.stemmen for t in sessie.store.telling(onderdeel.id) if t.soort == "stip"}  # type: ignore[arg-type]
    uitspraken = [
        s
        for s in sessie.store.items(
            "stip", sessie.bijeenkomst_id, onderdeel_id=onderdeel.id, alleen_zichtbaar=True
        )
        if not s.definitief
    ]
    uitspraken = model.rangorde(uitspraken, stippen)
    return [(s, stippen.get(s.id, 0)) for s in uitspraken[:aantal]]


class StipWand(Paneel):
    HERLEES = frozenset({"onderdeel"})
    RELEVANT = frozenset({"stip", "mijlpaal", "stem", "onderdeel"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel, *, regie: bool = False) -> None:
        super().__init__(sessie, onderdeel)
        self.regie = regie
        self.mijlpalen = bool(mijlpaal_horizonnen(onderdeel))
        self.stip = w.HTML()
        self.stip.add_class("wp-definitieve-stip")
        self.top = w.HTML()
        self.grafiek = w.HTML()
        self.widget = werkvorm_vak([self.stip, self.top, self.grafiek], "wp-stip-wand")
        self.toon()

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        gekozen = definitieve_stip(self.sessie.store, self.sessie.bijeenkomst_id)
        self.stip.value = (
            f"<div class='wp-stip-groot'><span>Onze stip op de horizon</span><p>{html.escape(gekozen.tekst)}</p></div>"
            if gekozen
            else ""
        )
        self._toon_tijdlijn()
        if self.mijlpalen:
            self.top.value = ""
            return
        top = top_uitspraken(self.sessie, self.onderdeel)
        if self.onderdeel.schrijven_prive and not self.regie:
            aantal = len(
                self.sessie.store.items("stip", self.sessie.bijeenkomst_id, onderdeel_id=self.onderdeel.id)
            )
            self.top.value = (
                f"<p class='wp-wall-count'>{aantal} stippen geschreven; ze verschijnen straks.</p>"
            )
        elif top:
            items = "".join(
                f"<li class='wp-wall-item'>{html.escape(s.tekst)}"
                f"{f' <span class=wp-stippen>{n}●</span>' if n else ''}</li>"
                for s, n in top
            )
            self.top.value = f"<h3>Uitspraken{' met de meeste stippen' if any(n for _s, n in top) else ''}</h3><ol class='wp-uitspraken'>{items}</ol>"
        else:
            self.top.value = "<p class='wp-leeg'>Nog geen uitspraken.</p>"

    def _toon_tijdlijn(self) -> None:
        if not (self.mijlpalen or self.regie):  # on the wand the timeline belongs to the milestones step
            self.grafiek.value = ""
            return
        frames = laad_frames(self.sessie.store, self.sessie.bijeenkomst_id)
        lijn = tijdlijn(frames.mijlpalen)
        if not lijn.empty:
            self.grafiek.value = svg(
                charts.tijdlijn(frames.mijlpalen, groot=not self.regie),
                f"Tijdlijn met {len(lijn)} mijlpalen, van dichtbij naar ver: {opsomming(lijn['tekst'])}.",
            )
        else:
            self.grafiek.value = "<p class='wp-leeg'>Nog geen mijlpalen.</p>" if self.mijlpalen else ""


class StipRegie(RegiePaneel):
    """Vote, compose the definitive stip, add milestones; plus hide/restore per entry."""

    RELEVANT = frozenset({"stip", "mijlpaal", "onderdeel"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        super().__init__(sessie, onderdeel, StipWand(sessie, onderdeel, regie=True))
        self.stemming = StemKnop(self)
        self.stemmen = self.stemming.knop
        self.samenstellen = w.Textarea(
            placeholder="Formuleer met de zaal één stip uit de uitspraken met de meeste stippen",
            layout=w.Layout(width="100%", height="7em"),
        )
        self.samenstellen.add_class("wp-input")
        self.neem_top = ui.knop("Neem top-uitspraken over")
        self.neem_top.on_click(lambda _b: self.vul_met_top())
        self.definitief = ui.knop("Maak definitief", "wp-submit", stijl="primary")
        self.definitief.on_click(lambda _b: self.maak_definitief())
        self.horizon = w.Dropdown(options=list(model.HORIZONNEN[1:]), description="Termijn")
        self.mijlpaal = w.Text(placeholder="Mijlpaal", layout=w.Layout(width="100%"))
        self.mijlpaal.add_class("wp-input")
        self.mijlpaal_knop = ui.knop("Mijlpaal toevoegen")
        self.mijlpaal_knop.on_click(lambda _b: self.voeg_mijlpaal_toe())
        self.lijst = VerbergLijst(self, "Nog geen invoer.")
        self.widget = werkvorm_vak(
            [
                self.wand.widget,
                self.melding.widget,
                ui.html_widget("<h3>Stip op de horizon samenstellen</h3>", "wp-kop"),
                ui.vak([self.stemmen, self.neem_top], "wp-knoppen", rij=True),
                self.samenstellen,
                self.definitief,
                ui.html_widget("<h3>Mijlpalen terugrekenen</h3>", "wp-kop"),
                ui.vak([self.horizon, self.mijlpaal_knop], "wp-knoppen", rij=True),
                self.mijlpaal,
                ui.html_widget("<h3>Alle invoer (verbergen en herstellen)</h3>", "wp-kop"),
                self.lijst.widget,
            ]
        )
        self.toon()

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        self.stemming.toon()
        items = []
        for soort in ("stip", "mijlpaal"):
            for item in self.store.items(soort, self.bijeenkomst_id, onderdeel_id=self.onderdeel.id):
                voor = f"<b>{html.escape(item.horizon)}</b>: " if soort == "mijlpaal" else ""
                items.append((soort, item.id, voor + html.escape(item.tekst), item.zichtbaar))
        self.lijst.zet(items)

    def vul_met_top(self) -> None:
        top = top_uitspraken(self.sessie, self.onderdeel, 3)
        self.samenstellen.value = "\n".join(s.tekst for s, _n in top)

    def maak_definitief(self) -> None:
        tekst = self.samenstellen.value
        self.doe(lambda regie: regie.zet_definitieve_stip(self.onderdeel.id, tekst), "Stip vastgelegd")

    def voeg_mijlpaal_toe(self) -> None:
        horizon, tekst = self.horizon.value, self.mijlpaal.value
        if self.doe(
            lambda regie: regie.voeg_toe(model.Mijlpaal(horizon=horizon, tekst=tekst, onderdeel_id=self.onderdeel.id)),
            "Mijlpaal toegevoegd",
        ):
            self.mijlpaal.value = ""


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = StipWand
maak_regie = StipRegie
