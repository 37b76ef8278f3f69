"""What every live page shares: the session it runs in and the panel contract.

A page (deelnemer, wand, regiekamer) shows one *paneel* for the current onderdeel. Which
paneel fits is decided by the onderdeel's ``invoer`` through the registries below, so a
werkvorm with its own view plugs in without the pages knowing it.

Participant kernels must stay light: modules under ``toolkit.apps.invoer`` (the phone)
import neither pandas nor altair; ``toolkit.apps.weergave`` (wand and regiekamer) may.

A kind without its module (or without its ``maak``/``maak_regie``) is an error, not a
quiet fallback: :func:`maak_paneel` raises :class:`toolkit.fouten.WeergaveOntbreekt`, and
the page shows that message in a :class:`FoutPaneel`, so a renamed module is seen at once.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from toolkit.fouten import WeergaveOntbreekt, WerkplaatsFout
from toolkit.model import Wekwens, wekwens_samen

if TYPE_CHECKING:
    import ipywidgets

    from toolkit import model
    from toolkit.apps.ui import Melding
    from toolkit.model import Wijzigingen
    from toolkit.store import Regie, Store


@dataclass
class Sessie:
    """Who is looking at which bijeenkomst, in this kernel."""

    store: Store
    bijeenkomst: model.Bijeenkomst
    deelnemer: model.Deelnemer | None = None
    regie: Regie | None = None

    @property
    def bijeenkomst_id(self) -> int:
        return self.bijeenkomst.id  # type: ignore[return-value]


class Paneel:
    """The view of one onderdeel on one page, and the contract every view keeps.

    The page places ``widget``; its watcher calls :meth:`ververs` with what changed since
    the last call; :meth:`sluit` runs when the room moves on. A view builds its widgets in
    ``__init__`` (after ``super().__init__``), names in :attr:`RELEVANT` the kinds of change
    it redraws on, and draws in :meth:`toon`, changing widget values rather than building
    widgets anew (never ``display()`` from there).

    ``ververs`` does the same for every view: hand the change to the views it holds
    (:attr:`delen`, e.g. the wand picture inside the regiekamer's controls), read the
    onderdeel again after a kind in :attr:`HERLEES` (where its settings matter here), then
    :meth:`toon` when :meth:`raakt` says the change matters here. A view that can tell more
    cheaply (from ``Wijzigingen.ids`` or ``.door``) overrides :meth:`raakt`.
    """

    #: Kinds in the change log (``Wijzigingen.soorten``) after which :meth:`toon` runs.
    RELEVANT: frozenset[str] = frozenset()
    #: Kinds after which the onderdeel is read again before drawing (for a view that shows
    #: its settings: voting open, writing private, ...), e.g. ``{"onderdeel"}``.
    HERLEES: frozenset[str] = frozenset()

    widget: ipywidgets.Widget

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        self.sessie = sessie
        self.onderdeel = onderdeel
        #: Views inside this one that follow the room on their own.
        self.delen: list[Paneel] = []

    @property
    def store(self) -> Store:
        return self.sessie.store

    @property
    def bijeenkomst_id(self) -> int:
        return self.sessie.bijeenkomst_id

    # the contract ------------------------------------------------------------------------

    def ververs(self, wijzigingen: Wijzigingen) -> None:
        for deel in self.delen:
            deel.ververs(wijzigingen)
        if wijzigingen.soorten & self.HERLEES:
            self.herlees()
        if self.raakt(wijzigingen):
            self.toon(wijzigingen)

    def wekwens(self) -> Wekwens:
        """The changes after which :meth:`toon` runs (default: a kind in RELEVANT). A view
        that can tell more narrowly (own entries, own answers) says so here, once: the same
        rule decides the redraw and, on a phone, whether the loket wakes it at all."""
        return Wekwens.op(self.RELEVANT)

    def raakt(self, wijzigingen: Wijzigingen) -> bool:
        """Whether this change alters what this view shows."""
        return self.wekwens().raakt(wijzigingen)

    def wekt(self) -> Wekwens | None:
        """Every change this view must hear of (None: all): its :meth:`wekwens`, the kinds in
        :attr:`HERLEES`, and what the views it holds wait for. A view that decides in its
        own :meth:`raakt` rather than in :meth:`wekwens` hears of everything."""
        if type(self).raakt is not Paneel.raakt:
            return None
        eigen = self.wekwens() | Wekwens.op(self.HERLEES)
        return wekwens_samen([eigen, *(deel.wekt() for deel in self.delen)])

    def herlees(self) -> None:
        self.onderdeel = self.store.onderdeel(self.onderdeel.id)  # type: ignore[arg-type]

    def ververs_alles(self) -> None:
        """Read the onderdeel again and draw everything (after an own action)."""
        self.herlees()
        self.toon()

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        """Draw: everything when ``wijzigingen`` is None (first draw, after an own action),
        else what these changes touch (see :func:`geraakt`)."""

    def sluit(self) -> None:
        self.widget.close()

    def vul_aan(self) -> None:
        """Make the parts this view left for later (a phone's vote list, say), in a quiet
        moment: the page calls it a while after it showed the view (:class:`Volger`)."""

    # on a phone -----------------------------------------------------------------------------

    def eigen_items(self, soort: str, **filters: object) -> list:
        """This participant's ``soort`` entries in this onderdeel, oldest first (none without one)."""
        deelnemer = self.sessie.deelnemer
        if deelnemer is None:
            return []
        return self.store.items(
            soort, self.bijeenkomst_id, onderdeel_id=self.onderdeel.id, deelnemer_id=deelnemer.id, **filters  # type: ignore[arg-type]
        )

    def stuur_in(self, melding: Melding, maak: Callable[[], object]) -> object | None:
        """Store the entry ``maak()`` builds (the model checks it) for this participant (the
        store checks the rest); a refusal shows its Dutch message in ``melding``, the typed
        text stays. Returns the stored entry, or None."""
        deelnemer = self.sessie.deelnemer
        if deelnemer is None:
            return None
        try:
            return self.store.voeg_toe(deelnemer.id, maak())  # type: ignore[arg-type]
        except WerkplaatsFout as fout:
            melding.fout(str(fout))
            return None

    def trek_eigen_in(self, melding: Melding, soort: str, item_id: int) -> bool:
        """Withdraw one of this participant's entries; a refusal shows in ``melding``."""
        deelnemer = self.sessie.deelnemer
        if deelnemer is None:
            return False
        try:
            self.store.trek_in(deelnemer.id, soort, item_id)  # type: ignore[arg-type]
        except WerkplaatsFout as fout:
            melding.fout(str(fout))
            return False
        return True

    def eigen_geraakt(self, wijzigingen: Wijzigingen | None, soort: str, eigen: Iterable[object]) -> bool:
        """In :meth:`toon` on a phone: did this participant's ``soort`` entries change? Decided
        without reading the store: sent by this participant (also from another tab), or one
        of ``eigen`` (the ids shown) touched by the facilitator. Others' entries never do."""
        if wijzigingen is None:
            return True
        if soort not in wijzigingen.soorten:
            return False
        deelnemer = self.sessie.deelnemer
        if deelnemer is not None and deelnemer.id in wijzigingen.door:
            return True
        return not wijzigingen.ids[soort].isdisjoint(eigen)


def geraakt(wijzigingen: Wijzigingen | None, *soorten: str) -> bool:
    """In :meth:`Paneel.toon`: draw this part? Always on a full draw, else on these kinds."""
    return wijzigingen is None or not wijzigingen.soorten.isdisjoint(soorten)


class PaneelMaker(Protocol):
    def __call__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> Paneel: ...


#: invoer -> module that provides ``maak(sessie, onderdeel) -> Paneel``, per surface.
#: Modules are imported only when an onderdeel of that invoer is shown.
DEELNEMER_PANELEN: dict[str, str] = {
    "tekst": "toolkit.apps.invoer.tekst",
    "stelling": "toolkit.apps.invoer.stelling",
    "stakeholder": "toolkit.apps.invoer.stakeholder",
    "relatie": "toolkit.apps.invoer.relatie",
    "swot": "toolkit.apps.invoer.swot",
    "stip": "toolkit.apps.invoer.stip",
    "dubbelcheck": "toolkit.apps.invoer.dubbelcheck",
    "actie": "toolkit.apps.invoer.actie",
    "afspraak": "toolkit.apps.invoer.actie",
    "terugblik": "toolkit.apps.invoer.terugblik",
    "afspraakcheck": "toolkit.apps.invoer.terugblik",
    "monitoring": "toolkit.apps.invoer.terugblik",
}
WAND_PANELEN: dict[str, str] = {
    "tekst": "toolkit.apps.weergave.tekst",
    "stelling": "toolkit.apps.weergave.stelling",
    "stakeholder": "toolkit.apps.weergave.stakeholder",
    "relatie": "toolkit.apps.weergave.relatie",
    "swot": "toolkit.apps.weergave.swot",
    "stip": "toolkit.apps.weergave.stip",
    "dubbelcheck": "toolkit.apps.weergave.dubbelcheck",
    "actie": "toolkit.apps.weergave.actie",
    "afspraak": "toolkit.apps.weergave.actie",
    "terugblik": "toolkit.apps.weergave.terugblik",
    "afspraakcheck": "toolkit.apps.weergave.terugblik",
    "monitoring": "toolkit.apps.weergave.terugblik",
}
#: The regiekamer's per-onderdeel controls live in the same weergave modules as ``maak_regie``.
REGIE_PANELEN = WAND_PANELEN


class FoutPaneel(Paneel):
    """What a page shows when an onderdeel's paneel cannot be built: the error, announced."""

    def __init__(self, fout: Exception) -> None:
        from toolkit.apps import ui

        self.delen = []
        self.melding = ui.Melding("wp-paneel-fout")
        self.melding.fout(str(fout))
        self.widget = self.melding.widget
        self.widget.add_class("wp-paneel")


def maak_paneel(pagina: str, sessie: Sessie, onderdeel: model.Onderdeel) -> Paneel:
    """Build the paneel of ``pagina`` ('deelnemer', 'wand' or 'regie') for an onderdeel."""
    tabel = {"deelnemer": DEELNEMER_PANELEN, "wand": WAND_PANELEN, "regie": REGIE_PANELEN}[pagina]
    functie = "maak_regie" if pagina == "regie" else "maak"
    naam = tabel.get(onderdeel.invoer)
    waar = f"'{onderdeel.titel}' (invoer '{onderdeel.invoer}') heeft geen weergave voor de {pagina}"
    if naam is None:
        raise WeergaveOntbreekt(f"{waar}: geen module aangewezen.")
    try:
        module = importlib.import_module(naam)
    except ModuleNotFoundError as fout:
        if fout.name != naam:  # a missing dependency inside an existing module is another bug
            raise
        raise WeergaveOntbreekt(f"{waar}: module {naam} ontbreekt.") from None
    maker: PaneelMaker | None = getattr(module, functie, None)
    if maker is None:
        raise WeergaveOntbreekt(f"{waar}: {naam}.{functie} ontbreekt.")
    return maker(sessie, onderdeel)
