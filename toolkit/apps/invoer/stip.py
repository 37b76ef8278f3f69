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
from toolkit.apps.basis import Sessie
from toolkit.apps.gedeeld import definitieve_stip, mijlpaal_horizonnen
from toolkit.apps.invoer.swot import StemBlok, fout_html
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
        self.horizon = w.ToggleButtons(
            options=list(self.horizonnen), value=None, style={"button_width": "6.5em"}
        )
        self.horizon.add_class("wp-input")
        self.horizon.add_class("wp-horizon")
        jaar = horizon_jaar(sessie.bijeenkomst)
        self.begin = "" if self.horizonnen else f"In {jaar} "
        self.tekst = w.Textarea(
            value=self.begin,
            placeholder=f"In {jaar} ..." if not self.horizonnen else "Wat is er dan bereikt?",
            layout=w.Layout(width="100%", height="6em"),
        )
        self.tekst.add_class("wp-input")
        self.tekst.add_class("wp-mijlpaal-tekst" if self.horizonnen else "wp-stip-tekst")
        self.knop = w.Button(description="Toevoegen", button_style="primary", icon="plus")
        self.knop.add_class("wp-submit")
        self.knop.on_click(lambda _b: self.verstuur())
        self.melding = w.HTML()
        self.lijst = w.VBox()
        self.lijst.add_class("wp-own-list")
        self.stemmen = StemBlok(sessie, onderdeel)
        velden: list[w.Widget] = [self.gekozen]
        if self.horizonnen:
            velden.append(w.HTML("<p>Kies een termijn en schrijf één mijlpaal.</p>"))
            velden.append(self.horizon)
        velden += [
            self.tekst,
            self.knop,
            self.melding,
            self.stemmen.widget,
            w.HTML("<h4>Wat jij schreef</h4>"),
            self.lijst,
        ]
        self.widget = w.VBox(velden, layout=w.Layout(max_width="100%"))
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
            self.melding.value = fout_html(fout)
            return
        self.tekst.value = self.begin
        self.melding.value = "<span class='wp-saved'>Opgeslagen</span>"
        self._toon_eigen()

    def trek_in(self, item_id: int) -> None:
        try:
            self.sessie.store.trek_in(self.sessie.deelnemer.id, self.soort, item_id)  # type: ignore[union-attr]
        except WerkplaatsFout as fout:
            self.melding.value = fout_html(fout)
            return
        self._toon_eigen()

    def _toon_gekozen(self) -> None:
        stip = definitieve_stip(self.sessie.store, self.sessie.bijeenkomst_id)
        self.gekozen.value = (
            f"<div class='wp-stip'><b>Onze stip op de horizon</b><br>{html.escape(stip.tekst)}</div>"
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
            weg = w.Button(description="Intrekken", layout=w.Layout(width="auto"))
            weg.add_class("wp-withdraw-button")
            weg.on_click(lambda _b, i=item.id: self.trek_in(i))
            rij = w.HBox([tekst, weg], layout=w.Layout(flex_flow="row wrap"))
            rij.add_class("wp-own-item")
            rijen.append(rij)
        self.lijst.children = rijen or [w.HTML("<i>Nog niets toegevoegd.</i>")]

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
