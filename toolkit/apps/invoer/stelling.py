"""Phone input for stellingen: one 1-5 choice per stelling, saved the moment it is chosen.

Each choice is an ``Antwoord(onderwerp=stelling)``; the store keeps one per participant and
stelling, so choosing again simply changes the answer (seed 003, visievorming).
"""

from __future__ import annotations

import html

import ipywidgets as w

from toolkit import model
from toolkit.apps import ui
from toolkit.apps.basis import Sessie
from toolkit.fouten import WerkplaatsFout
from toolkit.store import Wijzigingen

#: The scale as participants read it; the value is the position (1-5).
SCHAAL_LABELS: tuple[str, ...] = ("helemaal oneens", "oneens", "neutraal", "eens", "helemaal eens")


class StellingInvoer:
    """All stellingen of the onderdeel under each other, each with its own saved state."""

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        self.sessie = sessie
        self.onderdeel = onderdeel
        self.keuzes: dict[str, ui.Keuze] = {}
        self.meldingen: dict[str, ui.Melding] = {}
        self._volgt = False
        eigen = self._eigen_antwoorden()
        rijen: list[w.Widget] = [
            ui.html_widget(
                "<p class='wp-legenda'>Kies bij elke stelling een cijfer: 1 = helemaal oneens, "
                "3 = neutraal, 5 = helemaal eens. We slaan je keuze meteen op. Je mag hem nog veranderen.</p>"
            )
        ]
        for nummer, stelling in enumerate(onderdeel.stellingen, start=1):
            keuze = ui.Keuze(
                [(str(waarde), waarde) for waarde in range(1, 6)],
                eigen.get(stelling),
                naam=f"Stelling {nummer}: {stelling}",
                uitleg=SCHAAL_LABELS,
            )
            keuze.add_class("wp-input")
            keuze.add_class("wp-stelling-keuze")
            melding = ui.Melding()
            if stelling in eigen:
                melding.ok(self._opgeslagen_tekst(eigen[stelling]))
            keuze.observe(lambda change, s=stelling: self._kies(s, change["new"]), names="value")
            self.keuzes[stelling] = keuze
            self.meldingen[stelling] = melding
            kop = ui.html_widget(f"<h3 class='wp-stelling'>{nummer}. {html.escape(stelling)}</h3>")
            schaal = ui.html_widget(
                "<div class='wp-schaal' aria-hidden='true'><span>oneens</span><span>eens</span></div>"
            )
            rijen.append(ui.vak([kop, keuze, schaal, melding.widget], "wp-stelling-vak"))
        if not onderdeel.stellingen:
            rijen.append(ui.html_widget("<p>Er zijn nog geen stellingen. Wacht even op de procesbegeleider.</p>"))
        self.widget = ui.vak(rijen, "wp-paneel")
        self.widget.add_class("wp-stellingen")

    def _eigen_antwoorden(self) -> dict[str, int]:
        deelnemer = self.sessie.deelnemer
        if deelnemer is None:
            return {}
        antwoorden = self.sessie.store.items(
            "antwoord", self.sessie.bijeenkomst_id, onderdeel_id=self.onderdeel.id, deelnemer_id=deelnemer.id
        )
        return {a.onderwerp: a.waarde for a in antwoorden}

    @staticmethod
    def _opgeslagen_tekst(waarde: int) -> str:
        return f"Opgeslagen: {SCHAAL_LABELS[waarde - 1]}"

    def _kies(self, stelling: str, waarde: int | None) -> None:
        melding = self.meldingen[stelling]
        if waarde is None or self.sessie.deelnemer is None or self._volgt:
            return
        try:
            antwoord = model.Antwoord(onderwerp=stelling, waarde=waarde, onderdeel_id=self.onderdeel.id)
            self.sessie.store.voeg_toe(self.sessie.deelnemer.id, antwoord)  # type: ignore[arg-type]
        except WerkplaatsFout as fout:
            melding.fout(str(fout))
            return
        melding.ok(self._opgeslagen_tekst(waarde))

    def ververs(self, wijzigingen: Wijzigingen) -> None:
        """Another tab of the same participant may have answered: follow it."""
        if "antwoord" not in wijzigingen.soorten:
            return
        for stelling, waarde in self._eigen_antwoorden().items():
            keuze = self.keuzes.get(stelling)
            if keuze is not None and keuze.value != waarde:
                self._volgt = True
                try:
                    keuze.value = waarde
                finally:
                    self._volgt = False
                self.meldingen[stelling].ok(self._opgeslagen_tekst(waarde))

    def sluit(self) -> None:
        self.widget.close()


def maak(sessie: Sessie, onderdeel: model.Onderdeel) -> StellingInvoer:
    return StellingInvoer(sessie, onderdeel)
