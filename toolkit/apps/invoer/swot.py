"""Phone input for the SWOT (seed 003, 8.4 Tabel 4): quadrant plus text, then dots.

While the facilitator has voting open, the phone shows vote buttons: on the strategies of the
confrontatiematrix once there are any, else on the SWOT items themselves.
"""

from __future__ import annotations

import html

import ipywidgets as w

from toolkit import model
from toolkit.apps import ui
from toolkit.apps.basis import Paneel, Sessie
from toolkit.apps.invoer.kit import StemBlok
from toolkit.model import Wijzigingen

UITLEG = {
    "sterkte": "Sterkte: wat gaat goed in onze samenwerking?",
    "zwakte": "Zwakte: wat loopt stroef in onze samenwerking?",
    "kans": "Kans: wat in de omgeving kunnen we benutten?",
    "bedreiging": "Bedreiging: wat van buitenaf zet de samenwerking onder druk?",
}


class SwotInvoer(Paneel):
    HERLEES = frozenset({"onderdeel"})
    RELEVANT = frozenset({"onderdeel", "confrontatie", "stem", "swot"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        super().__init__(sessie, onderdeel)
        self.kwadrant = ui.Keuze(
            [(model.KWADRANT_LABELS[k], k) for k in model.KWADRANTEN],
            naam="Vak van de SWOT",
            uitleg=[UITLEG[k] for k in model.KWADRANTEN],
            _dom_classes=("wp-input", "wp-kwadrant"),
        )
        self.uitleg = ui.html_widget("<p>Kies eerst een vak van de SWOT.</p>", "wp-uitleg")
        self.kwadrant.observe(lambda c: self._leg_uit(c["new"]), names="value")
        self.tekst = w.Textarea(
            description="Jouw punt",
            placeholder="Schrijf één punt per keer",
            layout=w.Layout(width="100%", height="auto"),
            _dom_classes=("wp-input", "wp-swot-tekst"),
        )
        self.knop = ui.knop("Toevoegen", "wp-submit", stijl="primary")
        self.knop.on_click(lambda _b: self.verstuur())
        self.melding = ui.Melding()
        self.eigen = ui.EigenLijst(self.trek_in)
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
                self.eigen.widget,
            ],
            "wp-paneel",
        )
        self.toon()

    def _leg_uit(self, kwadrant: str | None) -> None:
        self.uitleg.value = f"<p>{html.escape(UITLEG[kwadrant])}</p>" if kwadrant else ""

    def verstuur(self) -> None:
        item = self.stuur_in(
            self.melding,
            lambda: model.SwotItem(kwadrant=self.kwadrant.value, tekst=self.tekst.value, onderdeel_id=self.onderdeel.id),
        )
        if item is None:
            return
        self.tekst.value = ""
        self.melding.ok(f"Opgeslagen bij {model.KWADRANT_LABELS[item.kwadrant]}")
        self._toon_eigen()

    def trek_in(self, item_id: int) -> None:
        if self.trek_eigen_in(self.melding, "swot", item_id):
            self._toon_eigen()

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        if self.eigen_geraakt(wijzigingen, "swot", self.eigen.rijen):
            self._toon_eigen()
        self._toon_stemmen()

    def _toon_eigen(self) -> None:
        eigen = self.eigen_items("swot")
        self.eigen.zet(
            [(i.id, f"<b>{model.KWADRANT_LABELS[i.kwadrant]}</b>: {html.escape(i.tekst)}", i.tekst) for i in eigen]
        )

    def _toon_stemmen(self) -> None:
        if not self.stemmen.open_op(self.onderdeel):  # nothing to read while voting is closed
            self.stemmen.toon(self.onderdeel, "swot", [])
            return
        store, bid = self.store, self.bijeenkomst_id
        strategieen = store.items("confrontatie", bid, onderdeel_id=self.onderdeel.id)
        if strategieen:
            self.stemmen.toon(self.onderdeel, "confrontatie", [(s.id, s.strategie) for s in strategieen])
        else:
            items = store.items("swot", bid, onderdeel_id=self.onderdeel.id, alleen_zichtbaar=True)
            doelen = [(i.id, f"{model.KWADRANT_LABELS[i.kwadrant]}: {i.tekst}") for i in items]
            self.stemmen.toon(self.onderdeel, "swot", doelen)


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = SwotInvoer
