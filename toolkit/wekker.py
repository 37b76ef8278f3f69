"""Wake-ups from PostgreSQL's LISTEN/NOTIFY, relayed by the node to its kernels.

Every committed change of a bijeenkomst on PostgreSQL sends ``NOTIFY werkplaats,
'<bijeenkomst id>'`` (``toolkit.store.knooppunten.meld``). A notification is only a *hint*: the page
still reads what changed from the store.

Who holds which connection (see ``docs/opschalen.md``):

* The node's server process (``werkplaats knooppunt``) holds the one connection that
  LISTENs (:func:`luister`) and relays each payload as a datagram to every kernel of the
  node, over Unix sockets in the folder ``WERKPLAATS_WEKKER`` (loopback of one machine;
  nothing leaves the node).
* A kernel binds one datagram socket in that folder (:class:`Wekker`) and opens a
  database connection only for the moment it reads or writes (``WERKPLAATS_DB_POOL=kort``:
  no pool, so an idle participant holds no PostgreSQL connection).

The watcher asks :func:`klok` how to wait: without a wekker (SQLite, ``werkplaats
start``, tests) it polls every ``interval`` as before (on SQLite a counter that moves on
every commit, and reads only then); with one it reads on a wake-up,
and as a fallback every :data:`TERUGVAL` seconds (a lost datagram, a restarting listener).

This module is imported in every kernel: standard library only at import time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

ALLES = "*"
"""Payload that wakes every page (sent after the listener (re)connected)."""
MAP_VARIABELE = "WERKPLAATS_WEKKER"
"""Environment variable naming the folder of the kernels' datagram sockets."""

TERUGVAL = float(os.environ.get("WERKPLAATS_TERUGVAL", "5"))
"""Seconds between fallback reads of the change counter when wake-ups arrive
(``WERKPLAATS_TERUGVAL``; the browser test sets it high, so only NOTIFY can wake a page)."""

TIK = 1.0
"""The watcher's clock ticks once a second (the wand's timer)."""


# ------------------------------------------------------------------ in the kernel


class Wekker:
    """This kernel's datagram socket; wakes the watchers of the bijeenkomsten named."""

    def __init__(self, map: Path) -> None:
        self.map = Path(map)
        self.pad = self.map / f"{os.getpid()}-{secrets.token_hex(4)}.sock"
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._sock.setblocking(False)
        self._sock.bind(str(self.pad))
        self._wachtenden: dict[int, set[asyncio.Event]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self.gewekt = 0

    def _zorg_voor_lezer(self) -> None:
        loop = asyncio.get_running_loop()
        if self._loop is loop:
            return
        loop.add_reader(self._sock.fileno(), self._lees)
        self._loop = loop

    def _lees(self) -> None:
        while True:
            try:
                data = self._sock.recv(256)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            self.gewekt += 1
            tekst = data.decode("ascii", "replace").strip()
            if tekst == ALLES:
                for events in self._wachtenden.values():
                    for e in events:
                        e.set()
                continue
            try:
                bid = int(tekst)
            except ValueError:
                continue
            for e in self._wachtenden.get(bid, ()):
                e.set()

    def inschrijven(self, bijeenkomst_id: int) -> asyncio.Event:
        self._zorg_voor_lezer()
        e = asyncio.Event()
        self._wachtenden.setdefault(bijeenkomst_id, set()).add(e)
        return e

    def uitschrijven(self, bijeenkomst_id: int, event: asyncio.Event) -> None:
        self._wachtenden.get(bijeenkomst_id, set()).discard(event)

    def sluit(self) -> None:
        if self._loop is not None:
            with contextlib.suppress(Exception):
                self._loop.remove_reader(self._sock.fileno())
        self._sock.close()
        with contextlib.suppress(OSError):
            self.pad.unlink()


_WEKKER: Wekker | None = None


def wekker(store: Any = None) -> Wekker | None:
    """This kernel's wekker, or None when wake-ups do not reach it (SQLite, no node)."""
    global _WEKKER
    if store is not None and getattr(store, "sqlite", True):
        return None
    map = os.environ.get(MAP_VARIABELE)
    if not map or not Path(map).is_dir():
        return None
    if _WEKKER is None:
        try:
            _WEKKER = Wekker(Path(map))
        except OSError as fout:
            log.warning("Geen wekker in %s: %s; de pagina leest elke keer", map, fout)
            return None
        import atexit

        atexit.register(_WEKKER.sluit)
    return _WEKKER


def sqlite_teller(database: str | None) -> Callable[[], object] | None:
    """A function whose value moves after every commit to this SQLite file by another
    connection: ``PRAGMA data_version`` on a private connection of the standard library
    (about 10 µs). None for no file (``:memory:``)."""
    if not database or database == ":memory:":
        return None
    import sqlite3

    conn = sqlite3.connect(database, isolation_level=None, check_same_thread=False, timeout=1)

    def teller() -> object:
        return conn.execute("PRAGMA data_version").fetchone()[0]

    return teller


class Klok:
    """How a watcher waits between reads: ``await klok.wacht()`` -> read now?

    With a ``teller`` (SQLite: ``Store.datateller()``, a counter that moves on every commit)
    it says "read" only when the counter moved since the last look, or after
    :data:`TERUGVAL` seconds: a quiet room costs each kernel a look at a counter, not a query.

    ``kijk``: look at the counter this often once ``interval`` has passed since the last read.
    The wand looks ten times a second, so a single entry shows at once, and still reads at
    most every ``interval`` while entries or dots pour in.
    """

    def __init__(
        self, interval: float, teller: Callable[[], object] | None = None, *, kijk: float | None = None
    ) -> None:
        self.interval = interval
        self.kijk = interval if kijk is None else min(kijk, interval)
        self.teller = teller
        # read before the watcher's first read, so a commit in between is not missed
        self._stand = self._lees_teller()
        self._gelezen = time.monotonic()

    def _lees_teller(self) -> object:
        if self.teller is None:
            return None
        try:
            return self.teller()
        except Exception:  # noqa: BLE001 - a hiccup of the side connection: read the normal way
            return None

    async def wacht(self, versie: int | None = None, wens: Any = None, *, tik: bool = True) -> bool:
        """``versie`` and ``wens`` (the watcher's and what its page waits for) are for a
        klok that can filter (:class:`toolkit.loket.LoketKlok`); this one reads on any change.
        ``tik``: the watcher has a clock to tick once a second (the wand's timer)."""
        if self.teller is None:
            await asyncio.sleep(self.interval)
            return True
        await asyncio.sleep(max(self.kijk, self.interval - (time.monotonic() - self._gelezen)))
        stand = self._lees_teller()  # before the watcher reads ``versie``
        nu = time.monotonic()
        if stand is not None and stand == self._stand and nu - self._gelezen < TERUGVAL:
            return False
        self._stand, self._gelezen = stand, nu
        return True

    def fout(self) -> None:
        """The last read failed: read again after ``interval``, wake-up or not."""
        self._stand = None

    def stop(self) -> None:
        pass


class WekkerKlok(Klok):
    """Reads on a wake-up for this bijeenkomst, else every :data:`TERUGVAL` seconds;
    returns at least once a second so the watcher's clock keeps ticking."""

    def __init__(self, wekker: Wekker, bijeenkomst_id: int, interval: float) -> None:
        super().__init__(interval)
        self.wekker = wekker
        self.bijeenkomst_id = bijeenkomst_id
        self._event: asyncio.Event | None = None
        self._gelezen = time.monotonic()
        self._opnieuw = False

    async def wacht(self, versie: int | None = None, wens: Any = None, *, tik: bool = True) -> bool:
        if self._event is None:
            self._event = self.wekker.inschrijven(self.bijeenkomst_id)
        if self._opnieuw:
            self._opnieuw = False
            await asyncio.sleep(self.interval)
            return self._gelezen_nu()
        rest = TERUGVAL - (time.monotonic() - self._gelezen)
        if rest > 0 and not self._event.is_set():
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._event.wait(), timeout=min(TIK, rest))
        if self._event.is_set() or time.monotonic() - self._gelezen >= TERUGVAL:
            self._event.clear()
            return self._gelezen_nu()
        return False

    def _gelezen_nu(self) -> bool:
        self._gelezen = time.monotonic()
        return True

    def fout(self) -> None:
        self._opnieuw = True

    def stop(self) -> None:
        if self._event is not None:
            self.wekker.uitschrijven(self.bijeenkomst_id, self._event)
            self._event = None


def klok(store: Any, bijeenkomst_id: int, interval: float, *, kijk: float | None = None) -> Klok:
    """The watcher's way of waiting: at the loket for a phone on SQLite (``store.wachtklok``),
    wake-ups on a node with PostgreSQL, else polling (``kijk``: see :class:`Klok`)."""
    wachtklok = getattr(store, "wachtklok", None)
    if wachtklok is not None:
        gevonden = wachtklok(bijeenkomst_id, interval)
        if gevonden is not None:
            return gevonden
    w = wekker(store)
    if w is None:
        datateller = getattr(store, "datateller", None)
        return Klok(interval, datateller() if datateller is not None else None, kijk=kijk)
    return WekkerKlok(w, bijeenkomst_id, interval)


# ------------------------------------------------------------- in the node process


def stuur(map: Path, payload: str, *, doelen: Iterable[Path] | None = None) -> int:
    """Send ``payload`` to every kernel socket in ``map``; returns how many received it.

    Sockets of kernels that are gone (killed, culled) are removed.
    """
    data = payload.encode("ascii")
    n = 0
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
        s.setblocking(False)
        for pad in doelen if doelen is not None else Path(map).glob("*.sock"):
            try:
                s.sendto(data, str(pad))
                n += 1
            except (ConnectionRefusedError, FileNotFoundError):
                with contextlib.suppress(OSError):
                    pad.unlink()
            except (BlockingIOError, OSError):
                pass  # its queue is full: it is awake already
    return n


SPREIDING = 0.002
"""Seconds between two kernels' wake-ups: a node with 100 kernels wakes them over ~0.2 s,
so they do not all open their short connection in the same millisecond."""


async def luister(url: str, map: Path) -> None:
    """The node's one LISTEN connection (``toolkit.store.knooppunten.luister``), relayed to the
    kernels in ``map``. Runs for ever; cancel the task to stop it."""
    from toolkit.store.knooppunten import luister as luister_naar_store

    await luister_naar_store(url, lambda payload: _relais(map, payload))


async def _relais(map: Path, payload: str) -> None:
    doelen = list(Path(map).glob("*.sock"))
    for i in range(0, len(doelen), 10):
        stuur(map, payload, doelen=doelen[i : i + 10])
        if i + 10 < len(doelen):
            await asyncio.sleep(SPREIDING * 10)
