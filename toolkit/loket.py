"""The participant kernels' way to the store: through the loket, one process beside Voila.

Every phone has its own kernel. When each of sixty kernels opens the store itself, each
imports SQLAlchemy (12 MB a kernel, the largest part of what a phone kernel has over a bare
one) and compiles the same statements again. So the Werkplaats server starts one loket
process (:mod:`toolkit.store.loket`) that holds the store, and a phone kernel reaches it
over a Unix socket in the server's private folder: :class:`LoketStore` answers the same
calls as :class:`toolkit.store.Store` that a participant page makes, and the answers are
the same model objects (pickled; they are plain dataclasses in :mod:`toolkit.model`).

Nothing changes for what is valid or committed: the loket runs the store's own methods,
each one transaction, and a participant sees "opgeslagen" only after the loket answered.
When the loket cannot be reached the kernel opens the store itself (and logs why), so a
stopped loket makes a phone heavier, never broken.

Standard library only at import time: this module is imported in every phone kernel.
"""

from __future__ import annotations

import logging
import os
import pickle
import socket
import struct
import threading
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

ADRES_VARIABELE = "WERKPLAATS_LOKET"
"""Environment variable with the loket's socket path (set by the Werkplaats server)."""

LEZEN: frozenset[str] = frozenset(
    {
        "bijeenkomst",
        "bijeenkomst_met_id",
        "onderdelen",
        "onderdeel",
        "huidig_onderdeel",
        "deelnemer",
        "deelnemers",
        "deelnemers_per_domein",
        "haal",
        "items",
        "inhoud",
        "bron_onderdelen",
        "items_voor",
        "aantal",
        "stippen_over",
        "stemmen",
        "telling",
        "versie",
        "wijzigingen_sinds",
        "keten",
        "items_van_traject",
        "voortgang",
        "vragenlijst_tot",
    }
)
"""Reads a participant page makes: asked again on a fresh connection when one dropped."""

SCHRIJVEN: frozenset[str] = frozenset(
    {"aanmelden", "terugkeren", "voeg_toe", "wijzig", "trek_in", "stem", "stem_terug"}
)
"""The participant's commands: never sent twice (the first may have been committed)."""

METHODEN: frozenset[str] = LEZEN | SCHRIJVEN
"""Everything the loket answers; facilitator commands (``regie``) are not among them."""

_LENGTE = struct.Struct("!I")


# ------------------------------------------------------------------------ the wire


def verpak(bericht: object) -> bytes:
    return pickle.dumps(bericht, protocol=pickle.HIGHEST_PROTOCOL)


def stuur(sock: socket.socket, bericht: object) -> None:
    """One message: its length, then the pickle."""
    stuur_verpakt(sock, verpak(bericht))


def stuur_verpakt(sock: socket.socket, data: bytes) -> None:
    sock.sendall(_LENGTE.pack(len(data)) + data)


def ontvang(sock: socket.socket) -> Any:
    """One message, or EOFError when the other side closed."""
    (lengte,) = _LENGTE.unpack(_lees(sock, _LENGTE.size))
    return pickle.loads(_lees(sock, lengte))  # noqa: S301 - our own processes, a private socket


def _lees(sock: socket.socket, n: int) -> bytes:
    delen = []
    while n:
        deel = sock.recv(min(n, 1 << 20))
        if not deel:
            raise EOFError("het loket sloot de verbinding")
        delen.append(deel)
        n -= len(deel)
    return b"".join(delen)


class LoketWeg(ConnectionError):
    """The loket could not be reached (stopped, restarting, or never started)."""


# ------------------------------------------------------------------------ the kernel side


class LoketStore:
    """A participant kernel's store: the calls of :class:`toolkit.store.Store` that a
    participant page makes, answered by the loket. ``url`` and ``sqlite`` as the store's."""

    def __init__(self, adres: str, *, wacht: float = 20.0) -> None:
        self.adres = adres
        self._slot = threading.Lock()
        self._sock: socket.socket | None = None
        self._direct: Any = None
        welkom = self._verbind(wacht)
        self.url: str = welkom["url"]
        self.sqlite: bool = welkom["sqlite"]

    # connection ----------------------------------------------------------------------------

    def _verbind(self, wacht: float) -> dict[str, Any]:
        eind = time.monotonic() + wacht
        while True:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.connect(self.adres)
                welkom = ontvang(sock)
            except (OSError, EOFError) as fout:
                sock.close()
                if time.monotonic() >= eind:
                    raise LoketWeg(f"Het loket op {self.adres} is niet bereikbaar: {fout}") from fout
                time.sleep(0.1)  # the server starts the loket together with the first kernels
                continue
            self._sock = sock
            return welkom

    def _sluit_sock(self) -> None:
        if self._sock is not None:
            try:
                self._sock.close()
            finally:
                self._sock = None

    def _open_zelf(self) -> Any:
        """The loket is gone: this kernel opens the store itself (SQLAlchemy after all)."""
        if self._direct is None:
            from toolkit.store import Store

            log.warning("Het loket is niet bereikbaar; deze pagina opent de opslag zelf.")
            self._direct = Store(self.url)
        return self._direct

    # calls ---------------------------------------------------------------------------------

    def _vraag(self, methode: str, /, *args: Any, **kwargs: Any) -> Any:
        if self._direct is None:
            with self._slot:
                for _poging in (1, 2):
                    if self._sock is None:
                        try:
                            self._verbind(wacht=2.0)
                        except LoketWeg:
                            break  # nothing was sent: this kernel opens the store itself
                    assert self._sock is not None
                    try:
                        stuur(self._sock, (methode, args, kwargs))
                    except OSError:
                        self._sluit_sock()  # a line that broke earlier; the loket never got it
                        continue
                    try:
                        gelukt, antwoord = ontvang(self._sock)
                    except (OSError, EOFError) as fout:
                        self._sluit_sock()
                        if methode in SCHRIJVEN:
                            # it may have been committed before the line broke: never send it twice
                            from toolkit.fouten import OpslaanMislukt

                            raise OpslaanMislukt(f"verbinding met het loket verbroken: {fout}") from fout
                        continue
                    if gelukt:
                        return antwoord
                    raise antwoord
        return getattr(self._open_zelf(), methode)(*args, **kwargs)

    def __getattr__(self, naam: str) -> Any:
        if naam in METHODEN:
            return lambda *args, **kwargs: self._vraag(naam, *args, **kwargs)
        raise AttributeError(f"Het loket beantwoordt {naam!r} niet (alleen wat een deelnemerspagina vraagt).")

    def warm_op(self) -> None:
        """Nothing to warm in this kernel: the loket compiled its statements when it started."""

    def datateller(self) -> Any:
        """As :meth:`toolkit.store.Store.datateller`, read here: a quiet page asks the loket nothing."""
        if not self.sqlite:
            return None
        from toolkit.wekker import sqlite_teller

        return sqlite_teller(self.url.split("///", 1)[1] if "///" in self.url else None)

    def wachtklok(self, bijeenkomst_id: int, interval: float) -> LoketKlok | None:
        """How this phone's watcher waits: at the loket, for what its page needs (SQLite).
        None on PostgreSQL (a node wakes its kernels itself) or without a loket."""
        if not self.sqlite or self._direct is not None:
            return None

        def terugval() -> Any:
            from toolkit.wekker import Klok

            return Klok(interval, self.datateller())

        return LoketKlok(self.adres, bijeenkomst_id, terugval)

    def sluit(self) -> None:
        with self._slot:
            self._sluit_sock()


WACHT = "wacht"
"""The one call that is not a store method: wait for a change that matters to this page."""

HOOGUIT = 25.0
"""Seconds the loket holds a question before it answers "nothing yet" (a heartbeat of the line)."""


class LoketKlok:
    """A phone's watcher waits at the loket instead of looking for itself (issue 15).

    It asks ``wacht(bijeenkomst, versie, wekwens)`` on a connection of its own, on the
    kernel's event loop; the loket answers when a change after ``versie`` matters to this
    page (:class:`toolkit.model.Wekwens`), with that change, so the phone reads nothing
    itself. Sixty phones are no longer woken by each other's joins and dots, and a quiet
    phone costs nothing. :meth:`wacht` returns now and then (so a wish that changed without a
    change in the room, e.g. a score waiting to be saved, is asked anew); a broken line makes
    the watcher read the normal way (``terugval``), from then on.
    """

    #: Its answers carry every change since the watcher's versie that matters to the page:
    #: the watcher need not read before it first waits.
    volledig = True

    def __init__(self, adres: str, bijeenkomst_id: int, terugval: Callable[[], Any]) -> None:
        self.adres = adres
        self.bijeenkomst_id = bijeenkomst_id
        self._maak_terugval = terugval
        self._terugval: Any = None
        self._vraag: tuple[int | None, Any] | None = None
        self._taak: Any = None
        self._schrijver: Any = None
        self._lezer: Any = None
        self.kapot = False

    @property
    def terugval(self) -> Any:
        """The klok of a page that looks for itself, made when first needed."""
        if self._terugval is None:
            self._terugval = self._maak_terugval()
        return self._terugval

    async def wacht(self, versie: int | None = None, wens: Any = None, *, tik: bool = True) -> Any:
        """True: read now; False: nothing yet; a ``Wijzigingen``: this changed, already read.
        Returns after a :data:`~toolkit.wekker.TIK` when the watcher ticks a clock, else after
        :data:`~toolkit.wekker.TERUGVAL` at the latest (a phone: a quiet phone wakes rarely)."""
        import asyncio

        from toolkit.wekker import TERUGVAL, TIK

        if self.kapot or versie is None:
            return await self.terugval.wacht()
        if self._taak is not None and self._vraag != (versie, wens):
            self._sluit()  # the question changed while the loket held the old one: ask anew
        if self._taak is None:
            self._vraag = (versie, wens)
            self._taak = asyncio.ensure_future(self._vraag_het(versie, wens))
        klaar, _ = await asyncio.wait({self._taak}, timeout=TIK if tik else TERUGVAL)
        if not klaar:
            return False
        taak, self._taak = self._taak, None
        try:
            gelukt, antwoord = taak.result()
        except (OSError, EOFError, asyncio.IncompleteReadError, pickle.UnpicklingError) as fout:
            log.warning("Wachten bij het loket lukt niet (%s); de pagina kijkt voortaan zelf.", fout)
            self.kapot = True
            self._sluit()
            return True
        if not gelukt:
            return True  # e.g. the bijeenkomst is gone: the watcher's own read says so
        return False if antwoord is None else antwoord

    async def _vraag_het(self, versie: int, wens: Any) -> tuple[bool, Any]:
        import asyncio

        if self._schrijver is None:
            self._lezer, self._schrijver = await asyncio.open_unix_connection(self.adres)
            await self._ontvang()  # the welcome
        data = verpak((WACHT, (self.bijeenkomst_id, versie, wens), {}))
        self._schrijver.write(_LENGTE.pack(len(data)) + data)
        await self._schrijver.drain()
        return await self._ontvang()

    async def _ontvang(self) -> Any:
        (lengte,) = _LENGTE.unpack(await self._lezer.readexactly(_LENGTE.size))
        return pickle.loads(await self._lezer.readexactly(lengte))  # noqa: S301 - our own loket

    def _sluit(self) -> None:
        if self._taak is not None:
            self._taak.cancel()
            self._taak = None
        if self._schrijver is not None:
            self._schrijver.close()
            self._schrijver = self._lezer = None

    def fout(self) -> None:
        if self._terugval is not None:
            self._terugval.fout()

    def stop(self) -> None:
        self._sluit()
        if self._terugval is not None:
            self._terugval.stop()


def verbind(adres: str | None = None) -> LoketStore | None:
    """The loket of this server (``WERKPLAATS_LOKET``), or None when there is none or it
    does not answer: the page then opens the store itself."""
    adres = adres or os.environ.get(ADRES_VARIABELE)
    if not adres:
        return None
    try:
        return LoketStore(adres)
    except LoketWeg as fout:
        log.warning("%s; de pagina opent de opslag zelf.", fout)
        return None
