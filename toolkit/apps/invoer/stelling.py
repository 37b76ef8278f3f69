"""Phone input for stellingen: one 1-5 choice per stelling, saved the moment it is chosen.

Each choice is an ``Antwoord(onderwerp=stelling)``; the store keeps one per participant and
stelling, so choosing again simply changes the answer (seed 003, visievorming).
"""

from __future__ import annotations

import html

import ipywidgets as w

from toolkit import model
from toolkit.apps import ui
from toolkit.apps.basis import Paneel, Sessie
from toolkit.apps.invoer.kit import Antwoorden
from toolkit.model import Wekwens, Wijzigingen

#: The scale as participants read it; the value is the position (1-5).
SCHAAL_LABELS: tuple[str, ...] = ("helemaal oneens", "oneens", "neutraal", "eens", "helemaal eens")


class StellingInvoer(Paneel):
    """All stellingen of the onderdeel under each other, each with its own saved state."""

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        super().__init__(sessie, onderdeel)
        self.antwoorden = Antwoorden(self, self._opgeslagen_tekst)
        self.keuzes, self.meldingen = self.antwoorden.keuzes, self.antwoorden.meldingen
        eigen = self.antwoorden.eigen()
        rijen: list[w.Widget] = [
            ui.html_widget(
                "<p class='wp-legenda'>Kies bij elke stelling een cijfer: 1 = helemaal oneens, "
                "3 = neutraal, 5 = helemaal eens. We slaan je keuze meteen op. Je mag hem nog veranderen.</p>"
            )
        ]
        for nummer, stelling in enumerate(onderdeel.stellingen, start=1):
            keuze, melding = self.antwoorden.keuze(
                stelling,
                naam=f"Stelling {nummer}: {stelling}",
                klasse="wp-stelling-keuze",
                waarde=eigen.get(stelling),
                uitleg=SCHAAL_LABELS,
            )
            kop = ui.html_widget(f"<h3 class='wp-stelling'>{nummer}. {html.escape(stelling)}</h3>")
            schaal = ui.html_widget(
                "<div class='wp-schaal' aria-hidden='true'><span>oneens</span><span>eens</span></div>"
            )
            rijen.append(ui.vak([kop, keuze, schaal, melding.widget], "wp-stelling-vak"))
        if not onderdeel.stellingen:
            rijen.append(ui.html_widget("<p>Er zijn nog geen stellingen. Wacht even op de procesbegeleider.</p>"))
        self.widget = ui.vak(rijen, "wp-paneel", "wp-stellingen")

    @staticmethod
    def _opgeslagen_tekst(waarde: int) -> str:
        return f"Opgeslagen: {SCHAAL_LABELS[waarde - 1]}"

    def wekwens(self) -> Wekwens:
        """Only an answer of this participant (another tab of theirs) changes this view."""
        deelnemer = self.sessie.deelnemer
        return Wekwens.op({"antwoord"}, door=deelnemer.id) if deelnemer is not None else Wekwens()

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        """Another tab of the same participant may have answered: follow it."""
        self.antwoorden.volg_eigen()


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = StellingInvoer
