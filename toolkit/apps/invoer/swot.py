"""Phone input for the SWOT (seed 003, 8.4 Tabel 4): quadrant plus text, then dots.

While the facilitator has voting open, the phone shows vote buttons: on the strategies of the
confrontatiematrix once there are any, else on the SWOT items themselves.
"""

from __future__ import annotations

import html

import ipywidgets as w

from toolkit import model
from toolkit.apps.basis import Sessie
from toolkit.fouten import WerkplaatsFout
from toolkit.store import Wijzigingen

UITLEG = {
    "sterkte": "Sterkte: wat gaat goed in onze samenwerking?",
    "zwakte": "Zwakte: wat loopt stroef in onze samenwerking?",
    "kans": "Kans: wat in de omgeving kunnen we benutten?",
    "bedreiging": "Bedreiging: wat van buitenaf zet de samenwerking onder druk?",
}


def fout_html(fout: Exception) -> str:
    return f"<span class='wp-error'>{html.escape(str(fout))}</span>"


class StemBlok:
    """Vote buttons for one kind of target, with the dots left; shared by swot and stip."""

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        self.sessie = sessie
        self.onderdeel = onderdeel
        self.over = w.HTML()
        self.over.add_class("wp-votes-left")
        self.melding = w.HTML()
        self.knoppen = w.VBox()
        self.widget = w.VBox([self.over, self.knoppen, self.melding])
        self.widget.add_class("wp-stemmen")

    def toon(self, onderdeel: model.Onderdeel, soort: str, doelen: list[tuple[int, str]]) -> None:
        """Show buttons for ``doelen`` (id, text) when voting is open; hide otherwise."""
        self.onderdeel = onderdeel
        deelnemer = self.sessie.deelnemer
        if not onderdeel.stemmen_open or deelnemer is None or not doelen:
            self.widget.layout.display = "none"
            return
        self.widget.layout.display = ""
        eigen: dict[int, int] = {}
        for stem in self.sessie.store.stemmen(
            self.sessie.bijeenkomst_id, onderdeel_id=onderdeel.id, deelnemer_id=deelnemer.id
        ):
            eigen[stem.doel_id] = eigen.get(stem.doel_id, 0) + 1
        over = self.sessie.store.stippen_over(deelnemer.id, onderdeel.id)  # type: ignore[arg-type]
        self.over.value = f"<b>Je hebt nog {over} van {onderdeel.stippen} stippen.</b>"
        rijen = []
        for doel_id, tekst in doelen:
            knop = w.Button(description=f"+ stip ({eigen.get(doel_id, 0)})", layout=w.Layout(width="auto"))
            knop.add_class("wp-vote-button")
            knop.on_click(lambda _b, d=doel_id: self.stem(soort, d, doelen))
            terug = w.Button(description="−", layout=w.Layout(width="3em"), disabled=not eigen.get(doel_id))
            terug.tooltip = "Stip terugnemen"
            terug.on_click(lambda _b, d=doel_id: self.stem(soort, d, doelen, terug=True))
            label = w.HTML(html.escape(tekst), layout=w.Layout(flex="1 1 12em"))
            rij = w.HBox([label, knop, terug], layout=w.Layout(flex_flow="row wrap", align_items="center"))
            rij.add_class("wp-vote-item")
            rijen.append(rij)
        self.knoppen.children = rijen

    def stem(self, soort: str, doel_id: int, doelen: list[tuple[int, str]], *, terug: bool = False) -> None:
        deelnemer_id = self.sessie.deelnemer.id  # type: ignore[union-attr]
        actie = self.sessie.store.stem_terug if terug else self.sessie.store.stem
        try:
            actie(deelnemer_id, self.onderdeel.id, doel_id, soort)  # type: ignore[arg-type]
        except WerkplaatsFout as fout:
            self.melding.value = fout_html(fout)
            return
        self.melding.value = "<span class='wp-saved'>Opgeslagen</span>"
        self.toon(self.onderdeel, soort, doelen)


class SwotInvoer:
    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        self.sessie = sessie
        self.onderdeel = onderdeel
        self.kwadrant = w.ToggleButtons(
            options=[(model.KWADRANT_LABELS[k], k) for k in model.KWADRANTEN],
            value=None,
            tooltips=[UITLEG[k] for k in model.KWADRANTEN],
            style={"button_width": "7.5em"},
        )
        self.kwadrant.add_class("wp-input")
        self.kwadrant.add_class("wp-kwadrant")
        self.uitleg = w.HTML("<i>Kies eerst een vak van de SWOT.</i>")
        self.kwadrant.observe(lambda c: self._leg_uit(c["new"]), names="value")
        self.tekst = w.Textarea(
            placeholder="Schrijf één punt per keer", layout=w.Layout(width="100%", height="5em")
        )
        self.tekst.add_class("wp-input")
        self.tekst.add_class("wp-swot-tekst")
        self.knop = w.Button(description="Toevoegen", button_style="primary", icon="plus")
        self.knop.add_class("wp-submit")
        self.knop.on_click(lambda _b: self.verstuur())
        self.melding = w.HTML()
        self.lijst = w.VBox()
        self.lijst.add_class("wp-own-list")
        self.stemmen = StemBlok(sessie, onderdeel)
        self.widget = w.VBox(
            [
                self.kwadrant,
                self.uitleg,
                self.tekst,
                self.knop,
                self.melding,
                self.stemmen.widget,
                w.HTML("<h4>Jouw punten</h4>"),
                self.lijst,
            ],
            layout=w.Layout(max_width="100%"),
        )
        self._toon_eigen()
        self._toon_stemmen()

    def _leg_uit(self, kwadrant: str | None) -> None:
        self.uitleg.value = html.escape(UITLEG[kwadrant]) if kwadrant else ""

    def verstuur(self) -> None:
        deelnemer = self.sessie.deelnemer
        if deelnemer is None:
            return
        try:
            item = model.SwotItem(
                kwadrant=self.kwadrant.value, tekst=self.tekst.value, onderdeel_id=self.onderdeel.id
            )
            self.sessie.store.voeg_toe(deelnemer.id, item)  # type: ignore[arg-type]
        except WerkplaatsFout as fout:
            self.melding.value = fout_html(fout)
            return
        self.tekst.value = ""
        self.melding.value = (
            f"<span class='wp-saved'>Opgeslagen bij {model.KWADRANT_LABELS[item.kwadrant]}</span>"
        )
        self._toon_eigen()

    def trek_in(self, item: model.SwotItem) -> None:
        try:
            self.sessie.store.trek_in(self.sessie.deelnemer.id, "swot", item.id)  # type: ignore[union-attr,arg-type]
        except WerkplaatsFout as fout:
            self.melding.value = fout_html(fout)
            return
        self._toon_eigen()

    def _toon_eigen(self) -> None:
        if self.sessie.deelnemer is None:
            return
        rijen = []
        for item in self.sessie.store.items(
            "swot",
            self.sessie.bijeenkomst_id,
            onderdeel_id=self.onderdeel.id,
            deelnemer_id=self.sessie.deelnemer.id,
        ):
            tekst = w.HTML(
                f"<b>{model.KWADRANT_LABELS[item.kwadrant]}</b>: {html.escape(item.tekst)}",
                layout=w.Layout(flex="1 1 auto"),
            )
            weg = w.Button(description="Intrekken", layout=w.Layout(width="auto"))
            weg.add_class("wp-withdraw-button")
            weg.on_click(lambda _b, i=item: self.trek_in(i))
            rij = w.HBox([tekst, weg], layout=w.Layout(flex_flow="row wrap"))
            rij.add_class("wp-own-item")
            rijen.append(rij)
        self.lijst.children = rijen or [w.HTML("<i>Nog niets toegevoegd.</i>")]

    def _toon_stemmen(self) -> None:
        store, bid = self.sessie.store, self.sessie.bijeenkomst_id
        self.onderdeel = store.onderdeel(self.onderdeel.id)  # type: ignore[arg-type]
        strategieen = store.items("confrontatie", bid, onderdeel_id=self.onderdeel.id)
        if strategieen:
            self.stemmen.toon(self.onderdeel, "confrontatie", [(s.id, s.strategie) for s in strategieen])
        else:
            items = store.items("swot", bid, onderdeel_id=self.onderdeel.id, alleen_zichtbaar=True)
            doelen = [(i.id, f"{model.KWADRANT_LABELS[i.kwadrant]}: {i.tekst}") for i in items]
            self.stemmen.toon(self.onderdeel, "swot", doelen)

    def ververs(self, wijzigingen: Wijzigingen) -> None:
        if "swot" in wijzigingen.soorten:
            self._toon_eigen()
        if wijzigingen.soorten & {"onderdeel", "confrontatie", "stem", "swot"}:
            self._toon_stemmen()

    def sluit(self) -> None:
        self.widget.close()


def maak(sessie: Sessie, onderdeel: model.Onderdeel) -> SwotInvoer:
    return SwotInvoer(sessie, onderdeel)
