"""Phone input for the stakeholderkaart: add a party with domein, invloed and belang.

Seed 004 step 1 asks who matters for the collaboration and who is missing. The participant's
own parties are listed below the form and can be edited or withdrawn while the onderdeel is open.
"""

from __future__ import annotations

import html
from dataclasses import replace

import ipywidgets as w

from toolkit import model
from toolkit.apps import ui
from toolkit.apps.basis import Paneel, Sessie
from toolkit.fouten import WerkplaatsFout
from toolkit.model import Wijzigingen

INVLOED_LABELS = ("1 - geen invloed", "2 - weinig", "3 - enige", "4 - veel", "5 - beslissend")
BELANG_LABELS = ("1 - geen belang", "2 - klein", "3 - enig", "4 - groot", "5 - heel groot")


def _schaal(description: str, labels: tuple[str, ...]) -> w.Dropdown:
    keuze = w.Dropdown(
        options=[(label, i) for i, label in enumerate(labels, start=1)],
        value=3,
        description=description,
        style={"description_width": "5em"},
        layout=w.Layout(width="100%"),
        _dom_classes=("wp-input",),
    )
    return keuze


class StakeholderInvoer(Paneel):
    """Form plus the participant's own list; editing loads an entry back into the form."""

    RELEVANT = frozenset({"stakeholder"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        super().__init__(sessie, onderdeel)
        self.bewerkt: model.Stakeholder | None = None
        breed = w.Layout(width="100%")
        veld = {"style": {"description_width": "5em"}, "_dom_classes": ("wp-input",)}
        self.naam = w.Text(
            description="Partij",
            placeholder="bijv. GGD, huisartsen, inwoners",
            layout=breed,
            **{**veld, "_dom_classes": ("wp-input", "wp-stakeholder-naam")},
        )
        self.organisatie = w.Text(description="Organisatie", placeholder="(niet verplicht)", layout=breed, **veld)
        self.domein = w.Dropdown(
            options=[(label, d) for d, label in model.DOMEIN_LABELS.items()],
            value="overig",
            description="Domein",
            layout=breed,
            **veld,
        )
        self.invloed = _schaal("Invloed", INVLOED_LABELS)
        self.belang = _schaal("Belang", BELANG_LABELS)
        self.knop = ui.knop("Toevoegen", "wp-submit", stijl="primary")
        self.knop.on_click(lambda _b: self.verstuur())
        self.annuleer = ui.knop("Annuleren", "wp-cancel-edit", verborgen=True)
        self.annuleer.on_click(lambda _b: self._leeg())
        self.melding = ui.Melding()
        self.eigen = ui.EigenLijst(
            lambda i: self.trek_in(self.store.haal("stakeholder", i)),
            lambda i: self.bewerk(self.store.haal("stakeholder", i)),
        )
        self.widget = ui.vak(
            [
                self.naam,
                self.organisatie,
                self.domein,
                self.invloed,
                self.belang,
                ui.vak([self.knop, self.annuleer], "wp-knoppen", rij=True),
                self.melding.widget,
                ui.html_widget("<h3>Jouw partijen</h3>", "wp-kop"),
                self.eigen.widget,
            ],
            "wp-paneel",
        )
        self.toon()

    def verstuur(self) -> None:
        """Save the form; the typed values stay when the model refuses them."""
        deelnemer = self.sessie.deelnemer
        if deelnemer is None:
            return
        velden = {
            "naam": self.naam.value,
            "organisatie": self.organisatie.value,
            "domein": self.domein.value,
            "invloed": self.invloed.value,
            "belang": self.belang.value,
        }
        try:
            if self.bewerkt is not None:
                self.sessie.store.wijzig(deelnemer.id, replace(self.bewerkt, **velden))  # type: ignore[arg-type]
            else:
                nieuw = model.Stakeholder(onderdeel_id=self.onderdeel.id, **velden)  # type: ignore[arg-type]
                self.sessie.store.voeg_toe(deelnemer.id, nieuw)  # type: ignore[arg-type]
        except WerkplaatsFout as fout:
            self.melding.fout(str(fout))
            return
        naam = self.naam.value.strip()
        self._leeg()
        self.melding.ok(f"Opgeslagen: {naam}")
        self._toon_eigen()

    def _leeg(self) -> None:
        self.bewerkt = None
        self.naam.value = ""
        self.organisatie.value = ""
        self.domein.value = "overig"
        self.invloed.value = 3
        self.belang.value = 3
        self.knop.description = "Toevoegen"
        ui.zet_layout(self.annuleer, display="none")
        self.melding.wis()

    def bewerk(self, item: model.Stakeholder) -> None:
        self.bewerkt = item
        self.naam.value = item.naam
        self.organisatie.value = item.organisatie
        self.domein.value = item.domein
        self.invloed.value = item.invloed
        self.belang.value = item.belang
        self.knop.description = "Wijziging opslaan"
        ui.zet_layout(self.annuleer, display="")

    def trek_in(self, item: model.Stakeholder) -> None:
        if not self.trek_eigen_in(self.melding, "stakeholder", item.id):  # type: ignore[arg-type]
            return
        if self.bewerkt is not None and self.bewerkt.id == item.id:
            self._leeg()
        self._toon_eigen()

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        if self.eigen_geraakt(wijzigingen, "stakeholder", self.eigen.rijen):
            self._toon_eigen()

    def _toon_eigen(self) -> None:
        self.eigen.zet(
            [
                (
                    item.id,
                    f"<b>{html.escape(item.naam)}</b> · {html.escape(model.DOMEIN_LABELS[item.domein])}"
                    f" · invloed {item.invloed}, belang {item.belang}",
                    item.naam,
                )
                for item in self.eigen_items("stakeholder")
            ]
        )


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = StakeholderInvoer
