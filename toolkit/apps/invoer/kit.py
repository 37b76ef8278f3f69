"""What the phone views share: the vote block and scores saved the moment they are chosen.

:class:`StemBlok` is the one list of entries to put dots on (tekst, swot, stip), with the
dots left and the store's answer to the last dot; :class:`Antwoorden` saves a participant's
scores (stellingen, dubbelcheck, terugblik) with a message per score. Whether a dot or a
score is allowed is the store's and the model's to decide.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from toolkit import model
from toolkit.apps import ui
from toolkit.fouten import WerkplaatsFout

if TYPE_CHECKING:
    from toolkit.apps.basis import Paneel, Sessie


def over_tekst(over: int, budget: int) -> str:
    """'Je hebt nog 2 van je 3 stippen.', or how to move a dot once all are placed."""
    if over:
        return f"Je hebt nog {over} van je {budget} stippen."
    return f"Je hebt al je {budget} stippen gezet. Wil je een stip verplaatsen? Haal er dan eerst een weg."


class StemBlok:
    """Vote list for one kind of target (``soort``) in one onderdeel, with the dots left.

    :meth:`toon` shows it with the targets ``(id, tekst)`` while voting is open, and hides
    it otherwise; a dot placed or taken back re-draws it. ``gelukt`` is what the message
    says after a dot the store took (``None``: nothing, the counts say it).
    """

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel, *, gelukt: str | None = "Opgeslagen") -> None:
        self.sessie = sessie
        self.onderdeel = onderdeel
        self.gelukt = gelukt
        self.soort = "bijdrage"
        self.doelen: list[tuple[int, str]] = []
        self.over = ui.Melding("wp-votes-left")
        self.melding = ui.Melding()
        self.lijst = ui.Stemlijst(self.stem, lambda doel_id: self.stem(doel_id, terug=True))
        #: Hidden until voting opens (made so: no message to show it hidden).
        self.widget = w.VBox(
            [ui.html_widget("<h3>Stemmen</h3>", "wp-kop"), self.over.widget, self.melding.widget, self.lijst],
            layout=w.Layout(width="100%", display="none"),
            _dom_classes=("wp-stemmen",),
        )

    @staticmethod
    def open_op(onderdeel: model.Onderdeel) -> bool:
        """Whether the facilitator has voting open on this onderdeel (no need to read targets otherwise)."""
        return onderdeel.stemmen_open and onderdeel.stippen > 0

    def toon(
        self, onderdeel: model.Onderdeel, soort: str, doelen: list[tuple[int, str]], *, ook_leeg: bool = False
    ) -> bool:
        """Show the vote list for ``doelen`` when voting is open (``ook_leeg``: also while
        there is nothing to vote on yet); hide it otherwise. Returns whether it shows."""
        self.onderdeel, self.soort, self.doelen = onderdeel, soort, doelen
        deelnemer = self.sessie.deelnemer
        open_ = self.open_op(onderdeel) and deelnemer is not None
        if not open_ or not (doelen or ook_leeg):
            ui.zet_layout(self.widget, display="none")
            self.lijst.zet([])
            return False
        ui.zet_layout(self.widget, display=None)
        mijn: dict[int, int] = {}
        for stem in self.sessie.store.stemmen(
            self.sessie.bijeenkomst_id, onderdeel_id=onderdeel.id, deelnemer_id=deelnemer.id  # type: ignore[union-attr]
        ):
            mijn[stem.doel_id] = mijn.get(stem.doel_id, 0) + 1
        self.over.info(over_tekst(model.stippen_over(onderdeel.stippen, sum(mijn.values())), onderdeel.stippen))
        self.lijst.zet([(doel_id, tekst, mijn.get(doel_id, 0)) for doel_id, tekst in doelen])
        return True

    def stem(self, doel_id: int, *, terug: bool = False) -> None:
        """Put a dot on ``doel_id`` (or take one back); the store says whether it may."""
        deelnemer_id = self.sessie.deelnemer.id  # type: ignore[union-attr]
        actie = self.sessie.store.stem_terug if terug else self.sessie.store.stem
        if self.melding.vang(lambda: actie(deelnemer_id, self.onderdeel.id, doel_id, self.soort), self.gelukt) is None:  # type: ignore[arg-type]
            return
        self.toon(self.onderdeel, self.soort, self.doelen, ook_leeg=True)


#: A score from 1 to 5, as the choices show it.
CIJFERS: list[tuple[str, int]] = [(str(i), i) for i in range(1, 6)]


class Antwoorden:
    """Saves a participant's scores (``Antwoord``: one per onderwerp) the moment they are chosen.

    Each onderwerp has a choice (:attr:`keuzes`) and a message beside it (:attr:`meldingen`),
    made by :meth:`keuze` or joined by :meth:`koppel`; ``opgeslagen(waarde)`` is what the
    message says once saved. A score the store cannot take now (an exception in ``wacht_op``:
    busy, too fast) waits in :attr:`wachtend`, says so, and is saved on :meth:`bewaar_wachtend`
    (the next change in the room); any other refusal shows its Dutch message.
    """

    def __init__(
        self,
        paneel: Paneel,
        opgeslagen: Callable[[int], str],
        *,
        wacht_op: tuple[type[WerkplaatsFout], ...] = (),
    ) -> None:
        self.paneel = paneel
        self.opgeslagen, self.wacht_op = opgeslagen, wacht_op
        self.keuzes: dict[str, ui.Keuze] = {}
        self.meldingen: dict[str, ui.Melding] = {}
        self.wachtend: dict[str, int] = {}
        #: True while the page follows a score saved elsewhere (not a choice to save).
        self.volgt = False

    def keuze(
        self,
        onderwerp: str,
        opties: list[tuple[str, int]] | None = None,
        *,
        naam: str,
        klasse: str,
        waarde: int | None = None,
        uitleg: tuple[str, ...] = (),
    ) -> tuple[ui.Keuze, ui.Melding]:
        """A named choice for ``onderwerp`` (``opties``: 1 to 5 unless told; ``waarde``: the
        saved score) and its message."""
        opties = CIJFERS if opties is None else opties
        keuze = ui.Keuze(opties, waarde, naam=naam, uitleg=uitleg, _dom_classes=("wp-input", klasse))
        melding = ui.Melding()
        if waarde is not None:
            melding.ok(self.opgeslagen(waarde))
        self.koppel(onderwerp, keuze, melding)
        return keuze, melding

    def koppel(self, onderwerp: str, keuze: ui.Keuze, melding: ui.Melding) -> None:
        """Save ``keuze``'s value for ``onderwerp`` whenever it is chosen; report in ``melding``."""
        self.keuzes[onderwerp], self.meldingen[onderwerp] = keuze, melding
        keuze.observe(lambda c: self.kies(onderwerp, c["new"]), names="value")

    def volg_eigen(self) -> None:
        """Show the scores this participant saved elsewhere (another tab, a reload)."""
        for onderwerp, waarde in self.eigen().items():
            keuze = self.keuzes.get(onderwerp)
            if keuze is None or onderwerp in self.wachtend or keuze.value == waarde:
                continue
            self.volgt = True
            try:
                keuze.value = waarde
            finally:
                self.volgt = False
            self.meldingen[onderwerp].ok(self.opgeslagen(waarde))

    def eigen(self) -> dict[str, int]:
        """This participant's saved scores in this onderdeel, per onderwerp."""
        return {a.onderwerp: a.waarde for a in self.paneel.eigen_items("antwoord")}

    def kies(self, onderwerp: str, waarde: int | None) -> None:
        if waarde is None or self.paneel.sessie.deelnemer is None or self.volgt:
            return
        self.wachtend[onderwerp] = waarde
        self.bewaar_wachtend()

    def bewaar_wachtend(self) -> None:
        """Save every score still waiting; one the store could not take now stays and says it waits."""
        for onderwerp, waarde in list(self.wachtend.items()):
            melding = self.meldingen[onderwerp]
            try:
                antwoord = model.Antwoord(onderwerp=onderwerp, waarde=waarde, onderdeel_id=self.paneel.onderdeel.id)
                self.paneel.store.voeg_toe(self.paneel.sessie.deelnemer.id, antwoord)  # type: ignore[union-attr,arg-type]
            except self.wacht_op:
                melding.info("Nog niet opgeslagen. We proberen het zo nog een keer.")
                continue
            except WerkplaatsFout as fout:
                del self.wachtend[onderwerp]
                melding.fout(str(fout))
                continue
            del self.wachtend[onderwerp]
            melding.ok(self.opgeslagen(waarde))
