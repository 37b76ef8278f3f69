"""The watcher: follows a bijeenkomst's change counter from inside the kernel.

Every browser tab is its own kernel, so a page learns what others did only from the
store. :class:`Wachter` runs as an asyncio task on the kernel's event loop, reads
``store.versie`` every ~0.3 s (one primary-key read) and, when it moved, fetches
``store.wijzigingen_sinds`` once and hands it to every subscriber. Subscribers update
widget values; they never ``display()`` (Voila drops output from background tasks).
A subscriber that raises is logged and the watcher keeps going; the task ends with the
kernel's loop, or when the bijeenkomst no longer exists.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from toolkit.fouten import NietGevonden
from toolkit.model import Wekwens, wekwens_samen

if TYPE_CHECKING:
    from toolkit import model
    from toolkit.apps.basis import Paneel, Sessie
    from toolkit.model import Wijzigingen
    from toolkit.store import Store

log = logging.getLogger(__name__)

Abonnee = Callable[["Wijzigingen"], None]
Tikker = Callable[[], None]

STANDAARD_INTERVAL = 0.3

INTERVAL_WAND, KIJK_WAND = 0.2, 0.1
"""The wand, which the room watches, reads at most every 0.2 s while entries or dots pour
in, and between reads looks at the change counter every 0.1 s (:class:`toolkit.wekker.Klok`),
so an entry after a quiet moment is on the wall within a tenth of a second. A look is one
small read in one kernel; sixty phones never look themselves (they wait at the loket)."""


class Wachter:
    """Polls one bijeenkomst and dispatches what changed; also ticks once a second."""

    def __init__(
        self,
        store: Store,
        bijeenkomst_id: int,
        *,
        versie: int | None = None,
        interval: float = STANDAARD_INTERVAL,
        kijk: float | None = None,
    ) -> None:
        self.store = store
        self.bijeenkomst_id = bijeenkomst_id
        self.kijk = kijk
        #: Read the versie *before* building the page, so no change in between is lost.
        self.versie = store.versie(bijeenkomst_id) if versie is None else versie
        self.interval = interval
        self._abonnees: list[Abonnee] = []
        self._tikkers: list[Tikker] = []
        self._taak: asyncio.Task[None] | None = None
        self._gestopt = False
        self._laatste_tik = 0.0

    # subscribing ---------------------------------------------------------------------------

    def abonneer(self, abonnee: Abonnee) -> Callable[[], None]:
        """Call ``abonnee(wijzigingen)`` after every change; returns the unsubscribe."""
        self._abonnees.append(abonnee)
        return lambda: self._abonnees.remove(abonnee) if abonnee in self._abonnees else None

    def elke_seconde(self, tikker: Tikker) -> Callable[[], None]:
        """Call ``tikker()`` about once a second (the timer on the wand)."""
        self._tikkers.append(tikker)
        return lambda: self._tikkers.remove(tikker) if tikker in self._tikkers else None

    # one step (also what tests call) -------------------------------------------------------

    def stap(self) -> Wijzigingen | None:
        """Poll once; dispatch and return the changes, or None when nothing moved."""
        versie = self.store.versie(self.bijeenkomst_id)
        if versie == self.versie:
            return None
        wijzigingen = self.store.wijzigingen_sinds(self.bijeenkomst_id, self.versie)
        self.verdeel(wijzigingen)
        return wijzigingen

    def wekwens(self) -> Wekwens | None:
        """What the subscribers wait for together (None: every change); the loket wakes a
        phone only for these (a subscriber without ``wekt()`` hears of everything)."""
        return wekwens_samen(abonnee.wekt() if hasattr(abonnee, "wekt") else None for abonnee in self._abonnees)

    def verdeel(self, wijzigingen: Wijzigingen) -> None:
        """Hand the changes after this watcher's versie to every subscriber."""
        if wijzigingen.versie <= self.versie:
            return  # already seen (an answer that crossed a read of our own)
        self.versie = wijzigingen.versie
        for abonnee in list(self._abonnees):
            try:
                abonnee(wijzigingen)
            except Exception:  # a broken panel must not stop the page
                log.exception("Abonnee %r faalde bij versie %s", abonnee, self.versie)

    def tik(self) -> None:
        self._laatste_tik = time.monotonic()
        for tikker in list(self._tikkers):
            try:
                tikker()
            except Exception:
                log.exception("Tikker %r faalde", tikker)

    # the task ------------------------------------------------------------------------------

    async def _loop(self) -> None:
        from toolkit.wekker import klok as maak_klok

        # polls every interval; on a node with PostgreSQL, reads when woken by NOTIFY; a phone
        # behind the loket waits there for what its page needs and gets it handed over
        klok = maak_klok(self.store, self.bijeenkomst_id, self.interval, kijk=self.kijk)
        lezen: bool | Wijzigingen = not getattr(klok, "volledig", False)
        try:
            while not self._gestopt:
                if lezen is not False:
                    try:
                        if lezen is True:
                            self.stap()
                        else:
                            self.verdeel(lezen)
                    except NietGevonden:
                        log.warning("Bijeenkomst %s bestaat niet meer; de wachter stopt.", self.bijeenkomst_id)
                        return
                    except Exception:  # a busy database or a hiccup: try again next round
                        log.exception("Wachter kon de versie niet lezen")
                        klok.fout()
                if time.monotonic() - self._laatste_tik >= 1.0:
                    self.tik()
                lezen = await klok.wacht(self.versie, self.wekwens(), tik=bool(self._tikkers))
        finally:
            klok.stop()

    def start(self) -> asyncio.Task[None]:
        """Run on the kernel's event loop (Voila's and ipykernel's loop is asyncio)."""
        if self._taak is not None and not self._taak.done():
            return self._taak
        self._gestopt = False
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = asyncio.get_event_loop()
        self._taak = loop.create_task(self._loop())
        return self._taak

    def stop(self) -> None:
        self._gestopt = True
        if self._taak is not None and not self._taak.done():
            self._taak.cancel()

    @property
    def loopt(self) -> bool:
        return self._taak is not None and not self._taak.done()


#: Kinds in the change log after which a page re-reads the room's current onderdeel.
STAP_SOORTEN: frozenset[str] = frozenset({"stap", "programma", "onderdeel", "bijeenkomst"})


class Volger:
    """Keeps a page on the room's current onderdeel: swaps the paneel when the
    facilitator moves on and passes every change to the paneel that is showing.

    ``container`` is the box the paneel goes in; ``bij_wissel(onderdeel)`` lets the page
    update its title and question (also after an edit of the current onderdeel).

    With ``vooruit`` (the phone) it builds the paneel of the *next* onderdeel a few seconds
    after a step began, while the room works: at Volgende sixty phones then only swap a
    ready paneel in and redraw its values, instead of all building two dozen widgets at
    the same moment (each one a message through the one server process, issue 15).
    """

    #: Seconds after a step began before the next paneel is built, spread over the phones.
    VOORUIT_NA = (2.0, 6.0)
    #: The same after a phone joined: later and wider, so that while the room comes in the
    #: phones that are in do not build a second paneel each (issue 15: it doubled the work
    #: of a join storm). A step that comes sooner builds its paneel at Volgende, as before.
    VOORUIT_NA_BINNENKOMST = (15.0, 45.0)

    def __init__(
        self,
        sessie: Sessie,
        pagina: str,
        container: Any,
        *,
        bij_wissel: Callable[[model.Onderdeel | None], None] | None = None,
        vooruit: bool = False,
    ) -> None:
        self.sessie = sessie
        self.pagina = pagina
        self.container = container
        self.bij_wissel = bij_wissel
        self.vooruit = vooruit
        self.paneel: Paneel | None = None
        self.onderdeel: model.Onderdeel | None = None
        #: (onderdeel id, paneel) built ahead for the next onderdeel, not shown yet
        self.klaar: tuple[int, Paneel] | None = None
        self._gepland: Any = None
        self._zet(sessie.store.huidig_onderdeel(sessie.bijeenkomst_id), na=self.VOORUIT_NA_BINNENKOMST)

    def __call__(self, wijzigingen: Wijzigingen) -> None:
        if wijzigingen.soorten & STAP_SOORTEN:
            huidig = self.sessie.store.huidig_onderdeel(self.sessie.bijeenkomst_id)
            if (huidig.id if huidig else None) != (self.onderdeel.id if self.onderdeel else None):
                self._zet(huidig)
                return
            if wijzigingen.soorten & {"programma", "onderdeel"}:
                self._vergeet_klaar()  # the next onderdeel may have changed: build it again later
                self._plan_vooruit()
            self.onderdeel = huidig
            if self.bij_wissel is not None:
                self.bij_wissel(huidig)
        if self.paneel is not None:
            self.paneel.ververs(wijzigingen)

    def wekt(self) -> Wekwens | None:
        """A step, and what the paneel on screen waits for (a paneel built ahead is drawn
        afresh when it comes up)."""
        return wekwens_samen([Wekwens.op(STAP_SOORTEN), self.paneel.wekt() if self.paneel is not None else Wekwens()])

    def _zet(self, onderdeel: model.Onderdeel | None, *, na: tuple[float, float] = VOORUIT_NA) -> None:
        if self.paneel is not None:
            try:
                self.paneel.sluit()
            except Exception:
                log.exception("Paneel sluiten faalde")
        self.onderdeel = onderdeel
        self.container.children = ()
        if self.bij_wissel is not None:  # the title first: a paneel's first import can take a while
            self.bij_wissel(onderdeel)
        self.paneel = None
        if onderdeel is not None:
            if self.klaar is not None and self.klaar[0] == onderdeel.id:
                self.paneel = self.klaar[1]
                self.klaar = None
                self.paneel.onderdeel = onderdeel
                self.paneel.toon()
            else:
                self.paneel = self._maak(onderdeel)
        self._vergeet_klaar()
        self.container.children = (self.paneel.widget,) if self.paneel is not None else ()
        self._plan_vooruit(na)

    def _maak(self, onderdeel: model.Onderdeel) -> Paneel:
        from toolkit.apps.basis import FoutPaneel, maak_paneel
        from toolkit.fouten import WeergaveOntbreekt

        try:
            return maak_paneel(self.pagina, self.sessie, onderdeel)
        except WeergaveOntbreekt as fout:
            log.error("%s", fout)
            return FoutPaneel(fout)  # type: ignore[return-value]

    # building ahead ------------------------------------------------------------------------

    def bouw_vooruit(self) -> None:
        """Complete the paneel on screen (:meth:`Paneel.vul_aan`) and build (not show) the
        paneel of the onderdeel after the current one."""
        self._gepland = None
        if self.paneel is not None:
            try:
                self.paneel.vul_aan()
            except Exception:  # the view makes the part itself when it needs it
                log.exception("Paneel aanvullen faalde")
        onderdelen = self.sessie.store.onderdelen(self.sessie.bijeenkomst_id)
        ids = [o.id for o in onderdelen]
        plek = ids.index(self.onderdeel.id) + 1 if self.onderdeel is not None and self.onderdeel.id in ids else 0
        if plek >= len(onderdelen) or (self.klaar is not None and self.klaar[0] == ids[plek]):
            return
        self._vergeet_klaar()
        try:
            self.klaar = (ids[plek], self._maak(onderdelen[plek]))  # type: ignore[assignment]
        except Exception:  # the step itself will try again, and show what went wrong
            log.exception("Vooruit bouwen faalde")

    def _plan_vooruit(self, na: tuple[float, float] = VOORUIT_NA) -> None:
        if not self.vooruit or self._gepland is not None:
            return
        import random

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # not in a kernel's loop (tests call bouw_vooruit themselves)
        self._gepland = loop.call_later(random.uniform(*na), self._bouw_vooruit_veilig)

    def _bouw_vooruit_veilig(self) -> None:
        try:
            self.bouw_vooruit()
        except Exception:
            log.exception("Vooruit bouwen faalde")

    def _vergeet_klaar(self) -> None:
        if self.klaar is not None:
            with contextlib.suppress(Exception):
                self.klaar[1].sluit()
            self.klaar = None


def laad_panelen(modules: list[str] | tuple[str, ...]) -> None:
    """Import the paneel modules now, so moving to the next onderdeel does not wait for it."""
    import importlib

    for naam in dict.fromkeys(modules):
        try:
            importlib.import_module(naam)
        except Exception:  # maak_paneel raises it again, on the page, when the onderdeel comes up
            log.exception("Paneel %s laden faalde", naam)


def laad_panelen_op_achtergrond(modules: list[str] | tuple[str, ...]) -> None:
    """The wand and regiekamer views pull in pandas and altair (seconds): load them in a
    thread after the page is shown, while the first onderdeel is already on screen."""
    import threading

    threading.Thread(target=laad_panelen, args=(tuple(modules),), name="panelen-laden", daemon=True).start()


#: The apps shown in this kernel; kept so their widgets and watchers live as long as it.
_ACTIEF: list[Any] = []


def toon_pagina(
    maak_app: Callable[[Any, dict[str, str] | None], Any],
    panelen: list[str],
    params: dict[str, str] | None,
    store: Any = None,
    *,
    panelen_vooraf: bool,
    pagina_vooraf: bool = False,
) -> Any:
    """Show one page in a Voila kernel: read the URL, build the app, display it, follow the room.

    ``panelen_vooraf``: import the panel modules before the URL is read (the phone page, whose
    preheated kernel waits there anyway); otherwise after the page shows, in the background.
    ``pagina_vooraf``: also build and display the page before the URL is read, and hand the
    URL to ``app.lees_adres`` afterwards: in a preheated kernel the page request then waits
    only for what depends on the URL, not for building two dozen widgets.
    """
    from IPython.display import display

    from toolkit.apps import ui

    if store is None:
        from toolkit.store import Store

        store = Store()
    if panelen_vooraf:
        laad_panelen(panelen)
    if pagina_vooraf and params is None:
        app = maak_app(store, None)
        display(app.widget)
        app.lees_adres(ui.url_parameters())  # blocks a preheated kernel until the page is requested
    else:
        if params is None:
            params = ui.url_parameters()  # blocks a preheated kernel until the page is requested
        app = maak_app(store, params)
        display(app.widget)
    app.start()
    if not panelen_vooraf:
        laad_panelen_op_achtergrond(panelen)
    _ACTIEF.append(app)
    return app
