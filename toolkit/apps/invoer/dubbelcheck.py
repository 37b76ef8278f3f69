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
from toolkit.apps.basis import Sessie
from toolkit.apps.gedeeld import top_oplossingen
from toolkit.fouten import OpslagBezet, TeSnel, WerkplaatsFout
from toolkit.store import Wijzigingen

ASPECT_LABELS: dict[str, str] = {aim: aim[0].upper() + aim[1:] for aim in model.QUINTUPLE_AIM} | {
    KWETSBAREN: KWETSBAREN_VRAAG
}


class DubbelcheckInvoer:
    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        self.sessie = sessie
        self.onderdeel = onderdeel
        self.keuzes: dict[str, w.ToggleButtons] = {}
        self.meldingen: dict[str, w.HTML] = {}
        #: Scores refused for going too fast (18 taps in a row); saved again on the next change.
        self.wachtend: dict[str, int] = {}
        eigen = self._eigen()
        blokken: list[w.Widget] = [
            w.HTML(
                "<p class='wp-legenda'>Score 1 = helemaal niet, 5 = zeker. Elke keuze wordt meteen opgeslagen.</p>"
            )
        ]
        oplossingen = top_oplossingen(sessie.store, onderdeel)
        for nummer, oplossing in enumerate(oplossingen, start=1):
            rijen: list[w.Widget] = [
                w.HTML(f"<h4 class='wp-oplossing'>Oplossing {nummer}: {html.escape(oplossing.tekst)}</h4>")
            ]
            for aspect in DUBBELCHECK_ASPECTEN:
                onderwerp = dubbelcheck_onderwerp(oplossing.id, aspect)  # type: ignore[arg-type]
                keuze = w.ToggleButtons(
                    options=[(str(i), i) for i in range(1, 6)],
                    value=eigen.get(onderwerp),
                    style={"button_width": "3.2em"},
                )
                keuze.add_class("wp-input")
                keuze.add_class("wp-dubbelcheck-keuze")
                melding = w.HTML("<span class='wp-saved'>Opgeslagen</span>" if onderwerp in eigen else "")
                keuze.observe(lambda c, o=onderwerp: self._kies(o, c["new"]), names="value")
                self.keuzes[onderwerp] = keuze
                self.meldingen[onderwerp] = melding
                vet = " wp-kwetsbaren" if aspect == KWETSBAREN else ""
                rijen.append(
                    w.HTML(f"<div class='wp-aspect{vet}'>{html.escape(ASPECT_LABELS[aspect])}</div>")
                )
                rijen.append(
                    w.HBox([keuze, melding], layout=w.Layout(flex_flow="row wrap", align_items="center"))
                )
            blok = w.VBox(rijen, layout=w.Layout(margin="0 0 1.5em 0"))
            blok.add_class("wp-dubbelcheck-oplossing")
            blokken.append(blok)
        if not oplossingen:
            blokken.append(
                w.HTML("<p>Er zijn nog geen oplossingen om te toetsen; wacht op de procesbegeleider.</p>")
            )
        self.widget = w.VBox(blokken, layout=w.Layout(max_width="100%"))

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
            except (OpslagBezet, TeSnel):
                melding.value = (
                    "<span class='wp-wacht'>Nog niet opgeslagen; we proberen het zo opnieuw.</span>"
                )
                continue
            except WerkplaatsFout as fout:
                del self.wachtend[onderwerp]
                melding.value = f"<span class='wp-error'>{html.escape(str(fout))}</span>"
                continue
            del self.wachtend[onderwerp]
            melding.value = "<span class='wp-saved'>Opgeslagen</span>"

    def ververs(self, wijzigingen: Wijzigingen) -> None:
        """The solutions are fixed by now; a change in the room is a moment to save what waits."""
        if self.wachtend:
            self._bewaar_wachtend()

    def sluit(self) -> None:
        self.widget.close()


def maak(sessie: Sessie, onderdeel: model.Onderdeel) -> DubbelcheckInvoer:
    return DubbelcheckInvoer(sessie, onderdeel)
