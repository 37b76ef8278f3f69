"""Phone view of the actielijst or the afspraken: the current list read-only, plus a proposal.

In the standard method (seeds 003, 004) the facilitator writes actions with the room; a
participant proposes one as a ``Bijdrage`` in kolom :data:`VOORSTEL`, which the facilitator
can promote to an actie in the regiekamer.
"""

from __future__ import annotations

import html

import ipywidgets as w

from toolkit import model
from toolkit.apps import ui
from toolkit.apps.basis import Sessie
from toolkit.apps.gedeeld import VOORSTEL, lijst_html
from toolkit.fouten import WerkplaatsFout
from toolkit.store import Wijzigingen


def voorstel_tekst(wat: str, wie: str = "", wanneer: object = None) -> str:
    """One line the facilitator reads: 'wat (wie: ..., wanneer: ...)'."""
    extra = [f"wie: {wie.strip()}"] if wie and wie.strip() else []
    if wanneer:
        extra.append(f"wanneer: {model.datum_nl(wanneer) if hasattr(wanneer, 'isoformat') else wanneer}")
    return f"{wat.strip()} ({', '.join(extra)})" if extra else wat.strip()


class ActieInvoer:
    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        self.sessie = sessie
        self.onderdeel = onderdeel
        self.afspraak = onderdeel.invoer == "afspraak"
        self.lijst = w.HTML()
        self.lijst.add_class("wp-lijst")
        breed = w.Layout(width="100%")
        self.wat = w.Textarea(
            description="Jouw voorstel",
            placeholder="Welke afspraak stel je voor?" if self.afspraak else "Wat moet er gebeuren?",
            layout=w.Layout(width="100%", height="auto"),
            rows=3,
        )
        self.wie = w.Text(description="Wie", placeholder="functie of organisatie", layout=breed)
        self.wanneer = w.DatePicker(description="Evaluatie" if self.afspraak else "Wanneer", layout=breed)
        self.thema = w.Dropdown(
            options=[("(geen thema)", ""), *[(t, t) for t in model.THEMAS]], description="Thema", layout=breed
        )
        self.wat.add_class("wp-voorstel-wat")
        for veld in (self.wat, self.wie, self.wanneer, self.thema):
            veld.add_class("wp-input")
            veld.style = {"description_width": "5em"}
        self.knop = ui.knop("Voorstel insturen", "wp-submit", stijl="primary")
        self.knop.on_click(lambda _b: self.verstuur())
        self.melding = ui.Melding()
        self.eigen = ui.vak([], "wp-own-list")
        velden = [self.wat, self.wie, self.wanneer] + ([] if self.afspraak else [self.thema])
        self.widget = ui.vak(
            [
                ui.html_widget(f"<h3>{'Afspraken' if self.afspraak else 'Actielijst'} tot nu toe</h3>", "wp-kop"),
                self.lijst,
                ui.html_widget("<h3>Doe een voorstel</h3>", "wp-kop"),
                *velden,
                self.knop,
                self.melding.widget,
                ui.html_widget("<h3>Jouw voorstellen</h3>", "wp-kop"),
                self.eigen,
            ],
            "wp-paneel",
        )
        self._toon_lijst()
        self._toon_eigen()

    def verstuur(self) -> None:
        deelnemer = self.sessie.deelnemer
        if deelnemer is None:
            return
        try:
            wat = model.tekst("wat", self.wat.value)
            voorstel = model.Bijdrage(
                tekst=voorstel_tekst(wat, self.wie.value, self.wanneer.value),
                kolom=VOORSTEL,
                thema=self.thema.value if not self.afspraak else "",
                onderdeel_id=self.onderdeel.id,
            )
            self.sessie.store.voeg_toe(deelnemer.id, voorstel)  # type: ignore[arg-type]
        except WerkplaatsFout as fout:
            self.melding.fout(str(fout))
            return
        self.wat.value = ""
        self.wie.value = ""
        self.wanneer.value = None
        self.melding.ok("Opgeslagen. De procesbegeleider neemt je voorstel mee.")
        self._toon_eigen()

    def trek_in(self, bijdrage_id: int) -> None:
        try:
            self.sessie.store.trek_in(self.sessie.deelnemer.id, "bijdrage", bijdrage_id)  # type: ignore[union-attr]
        except WerkplaatsFout as fout:
            self.melding.fout(str(fout))
            return
        self._toon_eigen()

    def _toon_lijst(self) -> None:
        self.lijst.value = lijst_html(
            self.sessie.store, self.sessie.bijeenkomst_id, self.onderdeel.invoer, kaarten=True
        )

    def _toon_eigen(self) -> None:
        if self.sessie.deelnemer is None:
            return
        rijen = []
        for b in self.sessie.store.items(
            "bijdrage",
            self.sessie.bijeenkomst_id,
            onderdeel_id=self.onderdeel.id,
            deelnemer_id=self.sessie.deelnemer.id,
            alleen_zichtbaar=True,
        ):
            weg = ui.knop("Intrekken", "wp-withdraw-button", tooltip=f"Intrekken: {b.tekst}")
            weg.on_click(lambda _b, i=b.id: self.trek_in(i))
            rij = w.HBox([w.HTML(html.escape(b.tekst), layout=w.Layout(flex="1 1 auto")), weg])
            rij.add_class("wp-own-item")
            rijen.append(rij)
        self.eigen.children = rijen or [ui.html_widget("<p class='wp-noot'>Je hebt nog geen voorstellen.</p>")]

    def ververs(self, wijzigingen: Wijzigingen) -> None:
        if wijzigingen.soorten & {"actie", "afspraak"}:
            self._toon_lijst()
        if "bijdrage" in wijzigingen.soorten:
            self._toon_eigen()

    def sluit(self) -> None:
        self.widget.close()


def maak(sessie: Sessie, onderdeel: model.Onderdeel) -> ActieInvoer:
    return ActieInvoer(sessie, onderdeel)
