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
from toolkit.apps.basis import Paneel, Sessie, geraakt
from toolkit.apps.gedeeld import VOORSTEL, lijst_html
from toolkit.model import Wijzigingen


def voorstel_tekst(wat: str, wie: str = "", wanneer: object = None) -> str:
    """One line the facilitator reads: 'wat (wie: ..., wanneer: ...)'."""
    extra = [f"wie: {wie.strip()}"] if wie and wie.strip() else []
    if wanneer:
        extra.append(f"wanneer: {model.datum_nl(wanneer) if hasattr(wanneer, 'isoformat') else wanneer}")
    return f"{wat.strip()} ({', '.join(extra)})" if extra else wat.strip()


class ActieInvoer(Paneel):
    RELEVANT = frozenset({"actie", "afspraak", "bijdrage"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        super().__init__(sessie, onderdeel)
        self.afspraak = onderdeel.invoer == "afspraak"
        self.lijst = w.HTML(_dom_classes=("wp-lijst",))
        breed = w.Layout(width="100%")
        veld = {"style": {"description_width": "5em"}, "_dom_classes": ("wp-input",)}
        self.wat = w.Textarea(
            description="Jouw voorstel",
            placeholder="Welke afspraak stel je voor?" if self.afspraak else "Wat moet er gebeuren?",
            layout=w.Layout(width="100%", height="auto"),
            rows=3,
            **{**veld, "_dom_classes": ("wp-voorstel-wat", "wp-input")},
        )
        self.wie = w.Text(description="Wie", placeholder="functie of organisatie", layout=breed, **veld)
        self.wanneer = w.DatePicker(description="Evaluatie" if self.afspraak else "Wanneer", layout=breed, **veld)
        self.thema = w.Dropdown(
            options=[("(geen thema)", ""), *[(t, t) for t in model.THEMAS]], description="Thema", layout=breed, **veld
        )
        self.knop = ui.knop("Voorstel insturen", "wp-submit", stijl="primary")
        self.knop.on_click(lambda _b: self.verstuur())
        self.melding = ui.Melding()
        self.eigen = ui.EigenLijst(self.trek_in, leeg="Je hebt nog geen voorstellen.")
        self._eigen_ids: frozenset[int] = frozenset()
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
                self.eigen.widget,
            ],
            "wp-paneel",
        )
        self.toon()

    def verstuur(self) -> None:
        def voorstel() -> model.Bijdrage:
            return model.Bijdrage(
                tekst=voorstel_tekst(model.tekst("wat", self.wat.value), self.wie.value, self.wanneer.value),
                kolom=VOORSTEL,
                thema=self.thema.value if not self.afspraak else "",
                onderdeel_id=self.onderdeel.id,
            )

        if self.stuur_in(self.melding, voorstel) is None:
            return
        self.wat.value = ""
        self.wie.value = ""
        self.wanneer.value = None
        self.melding.ok("Opgeslagen. De procesbegeleider neemt je voorstel mee.")
        self._toon_eigen()

    def trek_in(self, bijdrage_id: int) -> None:
        if self.trek_eigen_in(self.melding, "bijdrage", bijdrage_id):
            self._toon_eigen()

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        if geraakt(wijzigingen, "actie", "afspraak"):
            self.lijst.value = lijst_html(self.store, self.bijeenkomst_id, self.onderdeel.invoer, kaarten=True)
        if self.eigen_geraakt(wijzigingen, "bijdrage", self._eigen_ids):
            self._toon_eigen()

    def _toon_eigen(self) -> None:
        alle = self.eigen_items("bijdrage")
        #: Every own proposal, also hidden ones: restoring one is a change to show.
        self._eigen_ids = frozenset(b.id for b in alle)
        zichtbaar = [b for b in alle if b.zichtbaar and not b.ingetrokken and b.samengevoegd_met is None]
        self.eigen.zet([(b.id, html.escape(b.tekst), b.tekst) for b in zichtbaar])


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = ActieInvoer
