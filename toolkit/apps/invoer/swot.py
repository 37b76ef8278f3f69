"""Phone input for the SWOT (seed 003, 8.4 Tabel 4): quadrant plus text, then dots.

While the facilitator has voting open, the phone shows vote buttons: on the strategies of the
confrontatiematrix once there are any, else on the SWOT items themselves.
"""

from __future__ import annotations

import html

import ipywidgets as w

from toolkit import model
from toolkit.apps import ui
from toolkit.apps.basis import Sessie
from toolkit.fouten import WerkplaatsFout
from toolkit.store import Wijzigingen

UITLEG = {
    "sterkte": "Sterkte: wat gaat goed in onze samenwerking?",
    "zwakte": "Zwakte: wat loopt stroef in onze samenwerking?",
    "kans": "Kans: wat in de omgeving kunnen we benutten?",
    "bedreiging": "Bedreiging: wat van buitenaf zet de samenwerking onder druk?",
}


class StemBlok:
    """Vote list for one kind of target, with the dots left; shared by swot and stip."""

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        self.sessie = sessie
        self.onderdeel = onderdeel
        self.soort = ""
        self.doelen: list[tuple[int, str]] = []
        self.over = ui.Melding("wp-votes-left")
        self.melding = ui.Melding()
        self.lijst = ui.Stemlijst(lambda d: self.stem(self.soort, d, self.doelen),
                                  lambda d: self.stem(self.soort, d, self.doelen, terug=True))
        self.widget = ui.vak(
            [ui.html_widget("<h3>Stemmen</h3>", "wp-kop"), self.over.widget, self.melding.widget, self.lijst],
            "wp-stemmen",
        )

    def toon(self, onderdeel: model.Onderdeel, soort: str, doelen: list[tuple[int, str]]) -> None:
        """Show the vote list for ``doelen`` (id, text) when voting is open; hide otherwise."""
        self.onderdeel, self.soort, self.doelen = onderdeel, soort, doelen
        deelnemer = self.sessie.deelnemer
        if not onderdeel.stemmen_open or deelnemer is None or not doelen:
            ui.zet_waarde(self.widget.layout, "display", "none")
            return
        ui.zet_waarde(self.widget.layout, "display", None)
        eigen: dict[int, int] = {}
        for stem in self.sessie.store.stemmen(
            self.sessie.bijeenkomst_id, onderdeel_id=onderdeel.id, deelnemer_id=deelnemer.id
        ):
            eigen[stem.doel_id] = eigen.get(stem.doel_id, 0) + 1
        over = self.sessie.store.stippen_over(deelnemer.id, onderdeel.id)  # type: ignore[arg-type]
        self.over.info(f"Je hebt nog {over} van je {onderdeel.stippen} stippen.")
        self.lijst.zet([(doel_id, tekst, eigen.get(doel_id, 0)) for doel_id, tekst in doelen])

    def stem(self, soort: str, doel_id: int, doelen: list[tuple[int, str]], *, terug: bool = False) -> None:
        deelnemer_id = self.sessie.deelnemer.id  # type: ignore[union-attr]
        actie = self.sessie.store.stem_terug if terug else self.sessie.store.stem
        if self.melding.vang(lambda: actie(deelnemer_id, self.onderdeel.id, doel_id, soort), "Opgeslagen") is None:  # type: ignore[arg-type]
            return
        self.toon(self.onderdeel, soort, doelen)


class SwotInvoer:
    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        self.sessie = sessie
        self.onderdeel = onderdeel
        self.kwadrant = ui.Keuze(
            [(model.KWADRANT_LABELS[k], k) for k in model.KWADRANTEN],
            naam="Vak van de SWOT",
            uitleg=[UITLEG[k] for k in model.KWADRANTEN],
        )
        self.kwadrant.add_class("wp-input")
        self.kwadrant.add_class("wp-kwadrant")
        self.uitleg = ui.html_widget("<p>Kies eerst een vak van de SWOT.</p>", "wp-uitleg")
        self.kwadrant.observe(lambda c: self._leg_uit(c["new"]), names="value")
        self.tekst = w.Textarea(
            description="Jouw punt",
            placeholder="Schrijf één punt per keer",
            layout=w.Layout(width="100%", height="auto"),
        )
        self.tekst.add_class("wp-input")
        self.tekst.add_class("wp-swot-tekst")
        self.knop = ui.knop("Toevoegen", "wp-submit", stijl="primary")
        self.knop.on_click(lambda _b: self.verstuur())
        self.melding = ui.Melding()
        self.lijst = ui.vak([], "wp-own-list")
        self.stemmen = StemBlok(sessie, onderdeel)
        self.widget = ui.vak(
            [
                self.kwadrant,
                self.uitleg,
                self.tekst,
                self.knop,
                self.melding.widget,
                self.stemmen.widget,
                ui.html_widget("<h3>Jouw punten</h3>", "wp-kop"),
                self.lijst,
            ],
            "wp-paneel",
        )
        self._toon_eigen()
        self._toon_stemmen()

    def _leg_uit(self, kwadrant: str | None) -> None:
        self.uitleg.value = f"<p>{html.escape(UITLEG[kwadrant])}</p>" if kwadrant else ""

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
            self.melding.fout(str(fout))
            return
        self.tekst.value = ""
        self.melding.ok(f"Opgeslagen bij {model.KWADRANT_LABELS[item.kwadrant]}")
        self._toon_eigen()

    def trek_in(self, item: model.SwotItem) -> None:
        try:
            self.sessie.store.trek_in(self.sessie.deelnemer.id, "swot", item.id)  # type: ignore[union-attr,arg-type]
        except WerkplaatsFout as fout:
            self.melding.fout(str(fout))
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
            weg = ui.knop("Intrekken", "wp-withdraw-button", tooltip=f"Intrekken: {item.tekst}")
            weg.on_click(lambda _b, i=item: self.trek_in(i))
            rij = w.HBox([tekst, weg], layout=w.Layout(flex_flow="row wrap"))
            rij.add_class("wp-own-item")
            rijen.append(rij)
        self.lijst.children = rijen or [ui.html_widget("<p class='wp-noot'>Je hebt nog niets toegevoegd.</p>")]

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
