"""Phone input for the netwerkanalyse: how often does my organisation talk to each other one?

Seed 000 mapped who contacts whom and through which overleg. Every organisation present in
the room gets a row; choosing a frequency saves that row at once (one entry per pair), so a
participant never loses what they already chose. One free row covers an organisation that
is not in the room.
"""

from __future__ import annotations

from dataclasses import replace

import ipywidgets as w

from toolkit import model
from toolkit.apps import ui
from toolkit.apps.basis import Paneel, Sessie
from toolkit.fouten import WerkplaatsFout
from toolkit.model import Wijzigingen

_GEEN = "hoe vaak?"


def andere_organisaties(deelnemers: list[model.Deelnemer], eigen: str) -> list[str]:
    """Organisations present in the room besides ``eigen``, once each, in order of arrival."""
    gezien = {eigen.casefold()}
    uit = []
    for d in deelnemers:
        sleutel = d.organisatie.casefold()
        if sleutel not in gezien:
            gezien.add(sleutel)
            uit.append(d.organisatie)
    return uit


class RelatieRij:
    """One organisation: frequency and optional overlegvorm, with its own saved mark."""

    def __init__(self, paneel: RelatieInvoer, naar: str | None, bestaand: model.Relatie | None) -> None:
        self.paneel = paneel
        self.relatie = bestaand
        self.naam = (
            w.Text(description="Naam van de organisatie", layout=w.Layout(width="100%"), _dom_classes=("wp-input",))
            if naar is None
            else None
        )
        self.naar = naar
        wie = naar or "deze organisatie"
        self.frequentie = w.Dropdown(
            options=[_GEEN, *model.FREQUENTIES],
            value=bestaand.frequentie if bestaand else _GEEN,
            description=f"Hoe vaak contact met {wie}?",
            layout=w.Layout(width="100%"),
            _dom_classes=("wp-input", "wp-frequentie"),
        )
        self.overleg = w.Text(
            value=bestaand.overlegvorm if bestaand else "",
            description="In welk overleg? (hoeft niet)",
            placeholder="bijv. MDO",
            layout=w.Layout(width="100%"),
            continuous_update=False,
            _dom_classes=("wp-input",),
        )
        self.melding = ui.Melding()
        if bestaand:
            self.melding.ok("Opgeslagen")
        self.frequentie.observe(lambda _c: self.bewaar(), names="value")
        self.overleg.observe(lambda _c: self.bewaar(), names="value")
        velden: list[w.Widget] = [self.naam] if self.naam is not None else []
        self.widget = ui.vak([*velden, self.frequentie, self.overleg, self.melding.widget], "wp-relatie-rij")

    def doel(self) -> str:
        return self.naam.value if self.naam is not None else (self.naar or "")

    def bewaar(self) -> None:
        """Save this row when a frequency is chosen; the store decides what is valid."""
        if self.frequentie.value == _GEEN:
            return
        deelnemer = self.paneel.sessie.deelnemer
        if deelnemer is None:
            return
        store = self.paneel.sessie.store
        velden = {
            "van": self.paneel.van.value,
            "naar": self.doel(),
            "frequentie": self.frequentie.value,
            "overlegvorm": self.overleg.value,
        }
        try:
            if self.relatie is not None:
                self.relatie = store.wijzig(deelnemer.id, replace(self.relatie, **velden))  # type: ignore[arg-type]
            else:
                nieuw = model.Relatie(onderdeel_id=self.paneel.onderdeel.id, **velden)
                self.relatie = store.voeg_toe(deelnemer.id, nieuw)  # type: ignore[arg-type]
        except WerkplaatsFout as fout:
            self.melding.fout(str(fout))
            return
        self.melding.ok("Opgeslagen")


class RelatieInvoer(Paneel):
    RELEVANT = frozenset({"deelnemer"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        super().__init__(sessie, onderdeel)
        eigen_org = sessie.deelnemer.organisatie if sessie.deelnemer else ""
        self.van = w.Text(
            value=eigen_org,
            description="Mijn organisatie",
            layout=w.Layout(width="100%"),
            continuous_update=False,
            _dom_classes=("wp-input", "wp-relatie-van"),
        )
        self.rijen: dict[str, RelatieRij] = {}
        self.lijst = w.VBox()
        self.vrij = RelatieRij(self, None, None)
        self.widget = w.VBox(
            [
                self.van,
                ui.html_widget(
                    "<p>Kies bij elke organisatie hoe vaak jullie contact hebben. Ook 'nooit' telt. "
                    "Je mag ook het overleg invullen. We slaan elke keuze meteen op.</p>"
                ),
                self.lijst,
                ui.html_widget("<h3>Een organisatie die hier niet is</h3>", "wp-kop"),
                self.vrij.widget,
            ],
            layout=w.Layout(max_width="100%"),
        )
        self.toon()

    def _eigen(self) -> dict[str, model.Relatie]:
        if self.sessie.deelnemer is None:
            return {}
        relaties = self.sessie.store.items(
            "relatie",
            self.sessie.bijeenkomst_id,
            onderdeel_id=self.onderdeel.id,
            deelnemer_id=self.sessie.deelnemer.id,
        )
        return {r.naar.casefold(): r for r in relaties}

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        """Add a row for every organisation that joined since the last look."""
        bestaand = self._eigen()
        deelnemers = self.sessie.store.deelnemers(self.sessie.bijeenkomst_id)
        for naar in andere_organisaties(deelnemers, self.van.value):
            if naar.casefold() not in self.rijen:
                self.rijen[naar.casefold()] = RelatieRij(self, naar, bestaand.get(naar.casefold()))
        self.lijst.children = [rij.widget for rij in self.rijen.values()] or [
            ui.html_widget("<p class='wp-noot'>Er zijn nog geen andere organisaties.</p>")
        ]


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = RelatieInvoer
