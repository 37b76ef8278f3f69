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
from toolkit.apps.basis import Sessie
from toolkit.apps.gedeeld import definitieve_stip, mijlpaal_horizonnen
from toolkit.apps.weergave.vak import opsomming, svg, werkvorm_vak
from toolkit.store import Wijzigingen

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


class StipWand:
    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel, *, regie: bool = False) -> None:
        self.sessie = sessie
        self.onderdeel = onderdeel
        self.regie = regie
        self.mijlpalen = bool(mijlpaal_horizonnen(onderdeel))
        self.stip = w.HTML()
        self.stip.add_class("wp-definitieve-stip")
        self.top = w.HTML()
        self.grafiek = w.HTML()
        self.widget = werkvorm_vak([self.stip, self.top, self.grafiek], "wp-stip-wand")
        self.toon()

    def toon(self) -> None:
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

    def ververs(self, wijzigingen: Wijzigingen) -> None:
        if "onderdeel" in wijzigingen.soorten:
            self.onderdeel = self.sessie.store.onderdeel(self.onderdeel.id)  # type: ignore[arg-type]
        if wijzigingen.soorten & {"stip", "mijlpaal", "stem", "onderdeel"}:
            self.toon()

    def sluit(self) -> None:
        self.widget.close()


class StipRegie:
    """Vote, compose the definitive stip, add milestones; plus hide/restore per entry."""

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        self.sessie = sessie
        self.onderdeel = onderdeel
        self.wand = StipWand(sessie, onderdeel, regie=True)
        self.melding = ui.Melding(begeleider=True)
        self.stemmen = w.Button(description="Start stemmen")
        self.stemmen.add_class("wp-vote-start")
        self.stemmen.on_click(lambda _b: self.wissel_stemmen())
        self.samenstellen = w.Textarea(
            placeholder="Formuleer met de zaal één stip uit de uitspraken met de meeste stippen",
            layout=w.Layout(width="100%", height="7em"),
        )
        self.samenstellen.add_class("wp-input")
        self.neem_top = w.Button(description="Neem top-uitspraken over")
        self.neem_top.on_click(lambda _b: self.vul_met_top())
        self.definitief = w.Button(description="Maak definitief", button_style="primary")
        self.definitief.add_class("wp-submit")
        self.definitief.on_click(lambda _b: self.maak_definitief())
        self.horizon = w.Dropdown(options=list(model.HORIZONNEN[1:]), description="Termijn")
        self.mijlpaal = w.Text(placeholder="Mijlpaal", layout=w.Layout(width="100%"))
        self.mijlpaal.add_class("wp-input")
        self.mijlpaal_knop = w.Button(description="Mijlpaal toevoegen")
        self.mijlpaal_knop.on_click(lambda _b: self.voeg_mijlpaal_toe())
        self.lijst = w.VBox()
        self.widget = werkvorm_vak(
            [
                self.wand.widget,
                self.melding.widget,
                w.HTML("<h3>Stip op de horizon samenstellen</h3>"),
                w.HBox([self.stemmen, self.neem_top]),
                self.samenstellen,
                self.definitief,
                w.HTML("<h3>Mijlpalen terugrekenen</h3>"),
                w.HBox([self.horizon, self.mijlpaal_knop]),
                self.mijlpaal,
                w.HTML("<h3>Alle invoer (verbergen en herstellen)</h3>"),
                self.lijst,
            ]
        )
        self.toon()

    def _doe(self, actie: object, gelukt: str = "") -> bool:
        if self.melding.vang(lambda: actie() or True, gelukt or None) is None:  # type: ignore[operator]
            return False
        self.wand.toon()
        self.toon()
        return True

    def toon(self) -> None:
        store, bid = self.sessie.store, self.sessie.bijeenkomst_id
        self.onderdeel = store.onderdeel(self.onderdeel.id)  # type: ignore[arg-type]
        self.stemmen.description = "Stop stemmen" if self.onderdeel.stemmen_open else "Start stemmen"
        rijen = []
        for soort in ("stip", "mijlpaal"):
            for item in store.items(soort, bid, onderdeel_id=self.onderdeel.id):
                voor = f"<b>{html.escape(item.horizon)}</b>: " if soort == "mijlpaal" else ""
                tekst = w.HTML(
                    f"{'' if item.zichtbaar else '<s>'}{voor}{html.escape(item.tekst)}{'' if item.zichtbaar else '</s>'}",
                    layout=w.Layout(flex="1 1 auto"),
                )
                knop = w.Button(
                    description="Verberg" if item.zichtbaar else "Herstel", layout=w.Layout(width="auto")
                )
                knop.add_class("wp-hide-button" if item.zichtbaar else "wp-restore-button")
                knop.on_click(lambda _b, s=soort, i=item: self.wissel_zichtbaar(s, i))
                rijen.append(w.HBox([tekst, knop]))
        self.lijst.children = rijen or [w.HTML("<i>Nog geen invoer.</i>")]

    def vul_met_top(self) -> None:
        top = top_uitspraken(self.sessie, self.onderdeel, 3)
        self.samenstellen.value = "\n".join(s.tekst for s, _n in top)

    def maak_definitief(self) -> None:
        regie = self.sessie.regie
        if regie is not None:
            self._doe(
                lambda: regie.zet_definitieve_stip(self.onderdeel.id, self.samenstellen.value),
                "Stip vastgelegd",
            )

    def voeg_mijlpaal_toe(self) -> None:
        regie = self.sessie.regie
        if regie is None:
            return

        def actie() -> None:
            regie.voeg_toe(
                model.Mijlpaal(
                    horizon=self.horizon.value, tekst=self.mijlpaal.value, onderdeel_id=self.onderdeel.id
                )
            )

        if self._doe(actie, "Mijlpaal toegevoegd"):
            self.mijlpaal.value = ""

    def wissel_stemmen(self) -> None:
        regie = self.sessie.regie
        if regie is None:
            return
        if self.onderdeel.stemmen_open:
            self._doe(lambda: regie.stop_stemmen(self.onderdeel.id), "Stemmen gesloten")
        else:
            self._doe(
                lambda: regie.start_stemmen(self.onderdeel.id, model.stippen_budget(self.onderdeel)), "Stemmen geopend"
            )

    def wissel_zichtbaar(self, soort: str, item: object) -> None:
        regie = self.sessie.regie
        if regie is None:
            return
        actie = regie.verberg if item.zichtbaar else regie.herstel  # type: ignore[attr-defined]
        self._doe(lambda: actie(soort, item.id))  # type: ignore[attr-defined]

    def ververs(self, wijzigingen: Wijzigingen) -> None:
        self.wand.ververs(wijzigingen)
        if wijzigingen.soorten & {"stip", "mijlpaal", "onderdeel"}:
            self.toon()

    def sluit(self) -> None:
        self.widget.close()


def maak(sessie: Sessie, onderdeel: model.Onderdeel) -> StipWand:
    return StipWand(sessie, onderdeel)


def maak_regie(sessie: Sessie, onderdeel: model.Onderdeel) -> StipRegie:
    return StipRegie(sessie, onderdeel)
