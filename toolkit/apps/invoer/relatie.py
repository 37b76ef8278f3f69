"""Phone input for the netwerkanalyse: how often does my organisation talk to each other one?

Seed 000 mapped who contacts whom and through which overleg. Every organisation present in
the room gets a row; choosing a frequency saves that row at once (one entry per pair), so a
participant never loses what they already chose. One free row covers an organisation that
is not in the room.
"""

from __future__ import annotations

import html
from dataclasses import replace

import ipywidgets as w

from toolkit import model
from toolkit.apps.basis import Sessie
from toolkit.fouten import WerkplaatsFout
from toolkit.store import Wijzigingen

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
            w.Text(placeholder="andere organisatie", layout=w.Layout(width="100%")) if naar is None else None
        )
        if self.naam is not None:
            self.naam.add_class("wp-input")
        kop = self.naam or w.HTML(f"<b>{html.escape(naar or '')}</b>")
        self.naar = naar
        self.frequentie = w.Dropdown(
            options=[_GEEN, *model.FREQUENTIES],
            value=bestaand.frequentie if bestaand else _GEEN,
            layout=w.Layout(width="44%", margin="0 2% 0 0"),
        )
        self.frequentie.add_class("wp-input")
        self.frequentie.add_class("wp-frequentie")
        self.overleg = w.Text(
            value=bestaand.overlegvorm if bestaand else "",
            placeholder="overleg, bijv. MDO",
            layout=w.Layout(width="54%"),
            continuous_update=False,
        )
        self.overleg.add_class("wp-input")
        self.melding = w.HTML(self._opgeslagen() if bestaand else "")
        self.frequentie.observe(lambda _c: self.bewaar(), names="value")
        self.overleg.observe(lambda _c: self.bewaar(), names="value")
        self.frequentie.tooltip = "Hoe vaak hebben jullie contact?"
        self.overleg.tooltip = "Via welk overleg (niet verplicht)?"
        self.widget = w.VBox(
            [kop, w.HBox([self.frequentie, self.overleg], layout=w.Layout(width="100%")), self.melding],
            layout=w.Layout(margin="0 0 0.6em 0"),
        )
        self.widget.add_class("wp-relatie-rij")

    def _opgeslagen(self) -> str:
        return "<span class='wp-saved'>Opgeslagen</span>"

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
            self.melding.value = f"<span class='wp-error'>{html.escape(str(fout))}</span>"
            return
        self.melding.value = self._opgeslagen()


class RelatieInvoer:
    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        self.sessie = sessie
        self.onderdeel = onderdeel
        eigen_org = sessie.deelnemer.organisatie if sessie.deelnemer else ""
        self.van = w.Text(
            value=eigen_org,
            description="Mijn organisatie",
            layout=w.Layout(width="100%"),
            continuous_update=False,
        )
        self.van.add_class("wp-input")
        self.van.add_class("wp-relatie-van")
        self.rijen: dict[str, RelatieRij] = {}
        self.lijst = w.VBox()
        self.vrij = RelatieRij(self, None, None)
        self.widget = w.VBox(
            [
                self.van,
                w.HTML(
                    "<p>Kies per organisatie hoe vaak jullie contact hebben (ook 'nooit' telt) en, "
                    "als je wilt, in welk overleg. Elke keuze wordt meteen opgeslagen.</p>"
                ),
                self.lijst,
                w.HTML("<h4>Organisatie die hier niet is</h4>"),
                self.vrij.widget,
            ],
            layout=w.Layout(max_width="100%"),
        )
        self._vul()

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

    def _vul(self) -> None:
        """Add a row for every organisation that joined since the last look."""
        bestaand = self._eigen()
        deelnemers = self.sessie.store.deelnemers(self.sessie.bijeenkomst_id)
        for naar in andere_organisaties(deelnemers, self.van.value):
            if naar.casefold() not in self.rijen:
                self.rijen[naar.casefold()] = RelatieRij(self, naar, bestaand.get(naar.casefold()))
        self.lijst.children = [rij.widget for rij in self.rijen.values()] or [
            w.HTML("<i>Nog geen andere organisaties aangemeld.</i>")
        ]

    def ververs(self, wijzigingen: Wijzigingen) -> None:
        if "deelnemer" in wijzigingen.soorten:
            self._vul()

    def sluit(self) -> None:
        self.widget.close()


def maak(sessie: Sessie, onderdeel: model.Onderdeel) -> RelatieInvoer:
    return RelatieInvoer(sessie, onderdeel)
