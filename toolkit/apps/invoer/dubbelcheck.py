"""Phone input for the dubbelcheck (seed 004 step 4): score the top solutions on the Quintuple Aim.

Every score is an ``Antwoord`` whose onderwerp is ``dubbelcheck_onderwerp(bijdrage_id, aspect)``;
:func:`top_oplossingen` is the one place that decides which solutions are checked.
"""

from __future__ import annotations

import html

import ipywidgets as w

from toolkit import model
from toolkit.analysis.onderwerpen import (
    DUBBELCHECK_ASPECTEN,
    KWETSBAREN,
    KWETSBAREN_VRAAG,
    dubbelcheck_onderwerp,
)
from toolkit.apps import ui
from toolkit.apps.basis import Paneel, Sessie
from toolkit.apps.gedeeld import top_oplossingen
from toolkit.apps.invoer.kit import Antwoorden
from toolkit.fouten import OpslaanMislukt, OpslagBezet, TeSnel
from toolkit.model import Wekwens, Wijzigingen

#: What the five scores mean, read with each score button.
SCORE_UITLEG = ("helemaal niet", "niet echt", "een beetje", "grotendeels", "zeker")
ASPECT_LABELS: dict[str, str] = {aim: aim[0].upper() + aim[1:] for aim in model.QUINTUPLE_AIM} | {
    KWETSBAREN: KWETSBAREN_VRAAG
}


class DubbelcheckInvoer(Paneel):
    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        super().__init__(sessie, onderdeel)
        #: Scores refused for going too fast (18 taps in a row) wait and are saved on the next change.
        self.antwoorden = Antwoorden(self, lambda _w: "Opgeslagen", wacht_op=(OpslagBezet, OpslaanMislukt, TeSnel))
        self.keuzes, self.meldingen = self.antwoorden.keuzes, self.antwoorden.meldingen
        self.wachtend = self.antwoorden.wachtend
        eigen = self.antwoorden.eigen()
        blokken: list[w.Widget] = [
            ui.html_widget(
                "<p class='wp-legenda'>Geef een cijfer: 1 = helemaal niet, 5 = zeker. "
                "We slaan elke keuze meteen op.</p>"
            )
        ]
        oplossingen = top_oplossingen(sessie.store, onderdeel)
        for nummer, oplossing in enumerate(oplossingen, start=1):
            rijen: list[w.Widget] = [
                ui.html_widget(
                    f"<h3 class='wp-oplossing'>Oplossing {nummer}: {html.escape(oplossing.tekst)}</h3>"
                )
            ]
            for aspect in DUBBELCHECK_ASPECTEN:
                onderwerp = dubbelcheck_onderwerp(oplossing.id, aspect)  # type: ignore[arg-type]
                keuze, melding = self.antwoorden.keuze(
                    onderwerp,
                    naam=f"{ASPECT_LABELS[aspect]}, oplossing {nummer}: {oplossing.tekst}",
                    klasse="wp-dubbelcheck-keuze",
                    waarde=eigen.get(onderwerp),
                    uitleg=SCORE_UITLEG,
                )
                vet = " wp-kwetsbaren" if aspect == KWETSBAREN else ""
                rijen.append(
                    ui.html_widget(
                        f"<p class='wp-aspect{vet}' aria-hidden='true'>{html.escape(ASPECT_LABELS[aspect])}</p>"
                    )
                )
                rijen.append(ui.vak([keuze, melding.widget], "wp-score-rij", rij=True))
            blokken.append(ui.vak(rijen, "wp-dubbelcheck-oplossing"))
        if not oplossingen:
            blokken.append(
                ui.html_widget("<p>Er zijn nog geen oplossingen om te toetsen. Wacht even op de procesbegeleider.</p>")
            )
        self.widget = ui.vak(blokken, "wp-paneel")

    def wekwens(self) -> Wekwens:
        """The solutions are fixed by now; a change in the room is a moment to save what waits."""
        return Wekwens.elke() if self.wachtend else Wekwens()

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        self.antwoorden.bewaar_wachtend()


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = DubbelcheckInvoer
