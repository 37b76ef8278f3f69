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
from toolkit.apps.basis import Sessie
from toolkit.apps.gedeeld import top_oplossingen
from toolkit.fouten import OpslaanMislukt, OpslagBezet, TeSnel, WerkplaatsFout
from toolkit.store import Wijzigingen

#: What the five scores mean, read with each score button.
SCORE_UITLEG = ("helemaal niet", "niet echt", "een beetje", "grotendeels", "zeker")
ASPECT_LABELS: dict[str, str] = {aim: aim[0].upper() + aim[1:] for aim in model.QUINTUPLE_AIM} | {
    KWETSBAREN: KWETSBAREN_VRAAG
}


class DubbelcheckInvoer:
    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        self.sessie = sessie
        self.onderdeel = onderdeel
        self.keuzes: dict[str, ui.Keuze] = {}
        self.meldingen: dict[str, ui.Melding] = {}
        #: Scores refused for going too fast (18 taps in a row); saved again on the next change.
        self.wachtend: dict[str, int] = {}
        eigen = self._eigen()
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
                keuze = ui.Keuze(
                    [(str(i), i) for i in range(1, 6)],
                    eigen.get(onderwerp),
                    naam=f"{ASPECT_LABELS[aspect]}, oplossing {nummer}: {oplossing.tekst}",
                    uitleg=SCORE_UITLEG,
                )
                keuze.add_class("wp-input")
                keuze.add_class("wp-dubbelcheck-keuze")
                melding = ui.Melding()
                if onderwerp in eigen:
                    melding.ok("Opgeslagen")
                keuze.observe(lambda c, o=onderwerp: self._kies(o, c["new"]), names="value")
                self.keuzes[onderwerp] = keuze
                self.meldingen[onderwerp] = melding
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

    def _eigen(self) -> dict[str, int]:
        if self.sessie.deelnemer is None:
            return {}
        return {
            a.onderwerp: a.waarde
            for a in self.sessie.store.items(
                "antwoord",
                self.sessie.bijeenkomst_id,
                onderdeel_id=self.onderdeel.id,
                deelnemer_id=self.sessie.deelnemer.id,
            )
        }

    def _kies(self, onderwerp: str, waarde: int | None) -> None:
        if waarde is None or self.sessie.deelnemer is None:
            return
        self.wachtend[onderwerp] = waarde
        self._bewaar_wachtend()

    def _bewaar_wachtend(self) -> None:
        """Save every score still waiting; one the store could not take now stays and shows that it waits."""
        for onderwerp, waarde in list(self.wachtend.items()):
            melding = self.meldingen[onderwerp]
            try:
                antwoord = model.Antwoord(onderwerp=onderwerp, waarde=waarde, onderdeel_id=self.onderdeel.id)
                self.sessie.store.voeg_toe(self.sessie.deelnemer.id, antwoord)  # type: ignore[union-attr,arg-type]
            except (OpslagBezet, OpslaanMislukt, TeSnel):
                melding.info("Nog niet opgeslagen. We proberen het zo nog een keer.")
                continue
            except WerkplaatsFout as fout:
                del self.wachtend[onderwerp]
                melding.fout(str(fout))
                continue
            del self.wachtend[onderwerp]
            melding.ok("Opgeslagen")

    def ververs(self, wijzigingen: Wijzigingen) -> None:
        """The solutions are fixed by now; a change in the room is a moment to save what waits."""
        if self.wachtend:
            self._bewaar_wachtend()

    def sluit(self) -> None:
        self.widget.close()


def maak(sessie: Sessie, onderdeel: model.Onderdeel) -> DubbelcheckInvoer:
    return DubbelcheckInvoer(sessie, onderdeel)
