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
from toolkit.apps.basis import Sessie
from toolkit.apps.gedeeld import definitieve_stip, mijlpaal_horizonnen
from toolkit.apps.invoer.swot import StemBlok
from toolkit.fouten import WerkplaatsFout
from toolkit.store import Wijzigingen


def horizon_jaar(bijeenkomst: model.Bijeenkomst, jaren: int = 10) -> int:
    """The year the stip is about: ten years after the bijeenkomst (or today)."""
    return (bijeenkomst.datum or date.today()).year + jaren


class StipInvoer:
    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        self.sessie = sessie
        self.onderdeel = onderdeel
        self.horizonnen = mijlpaal_horizonnen(onderdeel)
        self.soort = "mijlpaal" if self.horizonnen else "stip"
        self.gekozen = w.HTML()
        self.gekozen.add_class("wp-definitieve-stip")
        self.horizon = ui.Keuze([(h, h) for h in self.horizonnen], naam="Termijn van de mijlpaal")
        self.horizon.add_class("wp-input")
        self.horizon.add_class("wp-horizon")
        jaar = horizon_jaar(sessie.bijeenkomst)
        self.begin = "" if self.horizonnen else f"In {jaar} "
        self.tekst = w.Textarea(
            description="Jouw mijlpaal" if self.horizonnen else "Jouw stip op de horizon",
            value=self.begin,
            placeholder=f"In {jaar} ..." if not self.horizonnen else "Wat is er dan bereikt?",
            layout=w.Layout(width="100%", height="auto"),
            rows=4,
        )
        self.tekst.add_class("wp-input")
        self.tekst.add_class("wp-mijlpaal-tekst" if self.horizonnen else "wp-stip-tekst")
        self.knop = ui.knop("Toevoegen", "wp-submit", stijl="primary")
        self.knop.on_click(lambda _b: self.verstuur())
        self.melding = ui.Melding()
        self.lijst = ui.vak([], "wp-own-list")
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
            self.lijst,
        ]
        self.widget = ui.vak(velden, "wp-paneel")
        self._toon_gekozen()
        self._toon_eigen()
        self._toon_stemmen()

    def verstuur(self) -> None:
        deelnemer = self.sessie.deelnemer
        if deelnemer is None:
            return
        try:
            if self.horizonnen:
                item: object = model.Mijlpaal(
                    horizon=self.horizon.value, tekst=self.tekst.value, onderdeel_id=self.onderdeel.id
                )
            else:
                item = model.Stip(tekst=self.tekst.value, onderdeel_id=self.onderdeel.id)
            self.sessie.store.voeg_toe(deelnemer.id, item)  # type: ignore[arg-type]
        except WerkplaatsFout as fout:
            self.melding.fout(str(fout))
            return
        self.tekst.value = self.begin
        self.melding.ok("Opgeslagen")
        self._toon_eigen()

    def trek_in(self, item_id: int) -> None:
        try:
            self.sessie.store.trek_in(self.sessie.deelnemer.id, self.soort, item_id)  # type: ignore[union-attr]
        except WerkplaatsFout as fout:
            self.melding.fout(str(fout))
            return
        self._toon_eigen()

    def _toon_gekozen(self) -> None:
        stip = definitieve_stip(self.sessie.store, self.sessie.bijeenkomst_id)
        self.gekozen.value = (
            f"<div class='wp-stip'><h3>Onze stip op de horizon</h3><p>{html.escape(stip.tekst)}</p></div>"
            if stip
            else ""
        )

    def _toon_eigen(self) -> None:
        if self.sessie.deelnemer is None:
            return
        rijen = []
        for item in self.sessie.store.items(
            self.soort,
            self.sessie.bijeenkomst_id,
            onderdeel_id=self.onderdeel.id,
            deelnemer_id=self.sessie.deelnemer.id,
        ):
            voor = f"<b>{html.escape(item.horizon)}</b>: " if self.horizonnen else ""
            tekst = w.HTML(voor + html.escape(item.tekst), layout=w.Layout(flex="1 1 auto"))
            weg = ui.knop("Intrekken", "wp-withdraw-button", tooltip=f"Intrekken: {item.tekst}")
            weg.on_click(lambda _b, i=item.id: self.trek_in(i))
            rij = w.HBox([tekst, weg], layout=w.Layout(flex_flow="row wrap"))
            rij.add_class("wp-own-item")
            rijen.append(rij)
        self.lijst.children = rijen or [ui.html_widget("<p class='wp-noot'>Je hebt nog niets toegevoegd.</p>")]

    def _toon_stemmen(self) -> None:
        if self.horizonnen:
            self.stemmen.widget.layout.display = "none"
            return
        self.onderdeel = self.sessie.store.onderdeel(self.onderdeel.id)  # type: ignore[arg-type]
        stippen = self.sessie.store.items(
            "stip", self.sessie.bijeenkomst_id, onderdeel_id=self.onderdeel.id, alleen_zichtbaar=True
        )
        self.stemmen.toon(self.onderdeel, "stip", [(s.id, s.tekst) for s in stippen if not s.definitief])

    def ververs(self, wijzigingen: Wijzigingen) -> None:
        if "stip" in wijzigingen.soorten:
            self._toon_gekozen()
        if self.soort in wijzigingen.soorten:
            self._toon_eigen()
        if wijzigingen.soorten & {"onderdeel", "stip", "stem"}:
            self._toon_stemmen()

    def sluit(self) -> None:
        self.widget.close()


def maak(sessie: Sessie, onderdeel: model.Onderdeel) -> StipInvoer:
    return StipInvoer(sessie, onderdeel)
