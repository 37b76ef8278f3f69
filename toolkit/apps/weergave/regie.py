"""The facilitator's controls every werkvorm's regiekamer view shares.

:class:`RegiePaneel` runs a facilitator action and shows its Dutch message (with the cause
for the facilitator) or redraws itself and the wand picture it holds; :class:`StemKnop`
opens and closes the vote; :class:`VerbergLijst` lists every entry with "Verberg" and
"Herstel" (nothing is deleted: hiding takes an entry off the wand). What is allowed is the
store's and the model's to decide.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from toolkit.apps import ui
from toolkit.apps.basis import Paneel

if TYPE_CHECKING:
    from toolkit import model
    from toolkit.apps.basis import Sessie
    from toolkit.store import Regie


class RegiePaneel(Paneel):
    """A regiekamer view: a message for the facilitator, and optionally the wand's picture."""

    HERLEES = frozenset({"onderdeel"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel, wand: Paneel | None = None) -> None:
        super().__init__(sessie, onderdeel)
        self.melding = ui.Melding(begeleider=True)
        self.wand = wand
        if wand is not None:
            self.delen.append(wand)

    def doe(self, actie: Callable[[Regie], Any], gelukt: str | None = None) -> bool:
        """Run a facilitator action; show its Dutch error, or read the onderdeel again and redraw."""
        regie = self.sessie.regie
        if regie is None:
            return False
        if self.melding.vang(lambda: actie(regie) or True, gelukt) is None:
            return False
        if self.wand is not None:
            self.wand.toon()
        self.ververs_alles()
        return True


def stemmen_open_tekst(stippen: int) -> str:
    return f"Het stemmen is open: iedereen heeft {stippen} stippen."


STEMMEN_DICHT = "Het stemmen is gesloten."


class StemKnop:
    """One button that opens the vote on the paneel's onderdeel, and closes it again.

    ``budget()`` is the dots per participant at the start (default: the onderdeel's own,
    :func:`toolkit.model.stippen_budget`); :meth:`toon` keeps the button's text in step.
    """

    def __init__(
        self,
        paneel: RegiePaneel,
        start: str = "Start stemmen",
        *klassen: str,
        stijl: str = "",
        budget: Callable[[], int] | None = None,
    ) -> None:
        from toolkit import model

        self.paneel = paneel
        self.start = start
        self.budget = budget or (lambda: model.stippen_budget(self.paneel.onderdeel))
        self.knop = ui.knop(start, *(klassen or ("wp-vote-start",)), stijl=stijl)
        self.knop.on_click(lambda _b: self.wissel())

    def wissel(self) -> None:
        onderdeel_id = self.paneel.onderdeel.id
        if self.paneel.onderdeel.stemmen_open:
            self.paneel.doe(lambda regie: regie.stop_stemmen(onderdeel_id), STEMMEN_DICHT)
        else:
            stippen = self.budget()
            self.paneel.doe(lambda regie: regie.start_stemmen(onderdeel_id, stippen), stemmen_open_tekst(stippen))

    def toon(self) -> None:
        ui.zet_waarde(self.knop, "description", "Stop stemmen" if self.paneel.onderdeel.stemmen_open else self.start)


class _VerbergRij:
    def __init__(self, lijst: VerbergLijst, sleutel: tuple[str, int]) -> None:
        self.soort, self.id = sleutel
        self.zichtbaar = True
        self.tekst = ui.html_widget(layout=w.Layout(flex="1 1 auto"))
        self.knop = ui.knop("Verberg", "wp-hide-button")
        self.knop.disabled = lijst.paneel.sessie.regie is None
        self.knop.on_click(lambda _b: lijst.wissel(self))
        self.widget = ui.vak([self.tekst, self.knop], "wp-regie-rij", rij=True)

    def zet(self, inhoud: str, zichtbaar: bool) -> None:
        self.zichtbaar = zichtbaar
        ui.zet_waarde(self.tekst, "value", inhoud if zichtbaar else f"<s>{inhoud}</s> (verborgen)")
        ui.zet_waarde(self.knop, "description", "Verberg" if zichtbaar else "Herstel")
        ui.zet_waarde(self.knop, "tooltip", "Van de wand halen (blijft bewaard)" if zichtbaar else "Weer op de wand zetten")
        ui.zet_klasse(self.knop, "wp-hide-button", zichtbaar)
        ui.zet_klasse(self.knop, "wp-restore-button", not zichtbaar)


class VerbergLijst:
    """Every entry of the onderdeel, hidden ones struck through, each with "Verberg"/"Herstel".

    ``zet([(soort, id, inhoud, zichtbaar)])`` with ``inhoud`` escaped markup; rows are built
    once per entry and updated in place; without entries the list says ``leeg``.
    """

    def __init__(self, paneel: RegiePaneel, leeg: str) -> None:
        self.paneel = paneel
        self.box = ui.vak([])
        self.leeg = ui.html_widget(f"<p class='wp-leeg'>{ui.veilig(leeg)}</p>")
        self.widget = ui.vak([self.box, self.leeg], "wp-regie-lijst")
        self.rijen = ui.Rijen(self.box, lambda sleutel: _VerbergRij(self, sleutel))

    def zet(self, items: list[tuple[str, int, str, bool]]) -> None:
        per_sleutel = {(soort, i): (inhoud, zichtbaar) for soort, i, inhoud, zichtbaar in items}
        self.rijen.zet(list(per_sleutel), lambda rij, sleutel: rij.zet(*per_sleutel[sleutel]))
        ui.zet_layout(self.leeg, display="none" if items else None)

    def wissel(self, rij: _VerbergRij) -> None:
        if rij.zichtbaar:
            self.paneel.doe(lambda regie: regie.verberg(rij.soort, rij.id))
        else:
            self.paneel.doe(lambda regie: regie.herstel(rij.soort, rij.id))
