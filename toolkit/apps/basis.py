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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from toolkit.fouten import WeergaveOntbreekt

if TYPE_CHECKING:
    import ipywidgets

    from toolkit import model
    from toolkit.store import Regie, Store, Wijzigingen


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


class Paneel(Protocol):
    """The view of one onderdeel on one page.

    ``widget`` is placed by the page; ``ververs`` is called from the page's watcher with what
    changed since the last call (update widget values; never ``display()`` from there);
    ``sluit`` runs when the room moves on.
    """

    widget: ipywidgets.Widget

    def ververs(self, wijzigingen: Wijzigingen) -> None: ...

    def sluit(self) -> None: ...


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


class FoutPaneel:
    """What a page shows when an onderdeel's paneel cannot be built: the error, announced."""

    def __init__(self, fout: Exception) -> None:
        from toolkit.apps import ui

        self.melding = ui.Melding("wp-paneel-fout")
        self.melding.fout(str(fout))
        self.widget = self.melding.widget
        self.widget.add_class("wp-paneel")

    def ververs(self, wijzigingen: Wijzigingen) -> None:
        pass

    def sluit(self) -> None:
        self.widget.close()


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
