"""Phone input for the stip op de horizon (seed 004) and its milestones (backcasting).

An onderdeel whose ``kolommen`` are horizons (5 jaar ... 100 dagen) collects milestones;
any other ``stip`` onderdeel collects vision statements "In <jaar + 10> ...", and offers
dots on them while the facilitator has voting open.
"""

from __future__ import annotations

import html
from datetime import date

import ipywidgets as w

from toolkit import model
from toolkit.apps import ui
from toolkit.apps.basis import Paneel, Sessie, geraakt
from toolkit.apps.gedeeld import definitieve_stip, mijlpaal_horizonnen
from toolkit.apps.invoer.kit import StemBlok
from toolkit.model import Wijzigingen


def horizon_jaar(bijeenkomst: model.Bijeenkomst, jaren: int = 10) -> int:
    """The year the stip is about: ten years after the bijeenkomst (or today)."""
    return (bijeenkomst.datum or date.today()).year + jaren


class StipInvoer(Paneel):
    HERLEES = frozenset({"onderdeel"})
    RELEVANT = frozenset({"stip", "mijlpaal", "onderdeel", "stem"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        super().__init__(sessie, onderdeel)
        self.horizonnen = mijlpaal_horizonnen(onderdeel)
        self.soort = "mijlpaal" if self.horizonnen else "stip"
        self.gekozen = w.HTML(_dom_classes=("wp-definitieve-stip",))
        self.horizon = ui.Keuze(
            [(h, h) for h in self.horizonnen], naam="Termijn van de mijlpaal", _dom_classes=("wp-input", "wp-horizon")
        )
        jaar = horizon_jaar(sessie.bijeenkomst)
        self.begin = "" if self.horizonnen else f"In {jaar} "
        self.tekst = w.Textarea(
            description="Jouw mijlpaal" if self.horizonnen else "Jouw stip op de horizon",
            value=self.begin,
            placeholder=f"In {jaar} ..." if not self.horizonnen else "Wat is er dan bereikt?",
            layout=w.Layout(width="100%", height="auto"),
            rows=4,
            _dom_classes=("wp-input", "wp-mijlpaal-tekst" if self.horizonnen else "wp-stip-tekst"),
        )
        self.knop = ui.knop("Toevoegen", "wp-submit", stijl="primary")
        self.knop.on_click(lambda _b: self.verstuur())
        self.melding = ui.Melding()
        self.eigen = ui.EigenLijst(self.trek_in)
        self.stemmen = StemBlok(sessie, onderdeel)
        velden: list[w.Widget] = [self.gekozen]
        if self.horizonnen:
            velden.append(ui.html_widget("<p>Kies een termijn. Schrijf dan één mijlpaal.</p>"))
            velden.append(self.horizon)
        velden += [
            self.tekst,
            self.knop,
            self.melding.widget,
            self.stemmen.widget,
            ui.html_widget("<h3>Wat jij schreef</h3>", "wp-kop"),
            self.eigen.widget,
        ]
        self.widget = ui.vak(velden, "wp-paneel")
        self.toon()

    def verstuur(self) -> None:
        def item() -> model.Mijlpaal | model.Stip:
            if self.horizonnen:
                return model.Mijlpaal(horizon=self.horizon.value, tekst=self.tekst.value, onderdeel_id=self.onderdeel.id)
            return model.Stip(tekst=self.tekst.value, onderdeel_id=self.onderdeel.id)

        if self.stuur_in(self.melding, item) is None:
            return
        self.tekst.value = self.begin
        self.melding.ok("Opgeslagen")
        self._toon_eigen()

    def trek_in(self, item_id: int) -> None:
        if self.trek_eigen_in(self.melding, self.soort, item_id):
            self._toon_eigen()

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        if geraakt(wijzigingen, "stip"):
            self._toon_gekozen()
        if self.eigen_geraakt(wijzigingen, self.soort, self.eigen.rijen):
            self._toon_eigen()
        if geraakt(wijzigingen, "onderdeel", "stip", "stem"):
            self._toon_stemmen()

    def _toon_gekozen(self) -> None:
        stip = definitieve_stip(self.sessie.store, self.sessie.bijeenkomst_id)
        self.gekozen.value = (
            f"<div class='wp-stip'><h3>Onze stip op de horizon</h3><p>{html.escape(stip.tekst)}</p></div>"
            if stip
            else ""
        )

    def _toon_eigen(self) -> None:
        eigen = self.eigen_items(self.soort)
        self.eigen.zet(
            [
                (i.id, (f"<b>{html.escape(i.horizon)}</b>: " if self.horizonnen else "") + html.escape(i.tekst), i.tekst)
                for i in eigen
            ]
        )

    def _toon_stemmen(self) -> None:
        if self.horizonnen or not self.stemmen.open_op(self.onderdeel):  # nothing to vote on, nothing to read
            self.stemmen.toon(self.onderdeel, "stip", [])
            return
        stippen = self.store.items(
            "stip", self.sessie.bijeenkomst_id, onderdeel_id=self.onderdeel.id, alleen_zichtbaar=True
        )
        self.stemmen.toon(self.onderdeel, "stip", [(s.id, s.tekst) for s in stippen if not s.definitief])


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = StipInvoer
