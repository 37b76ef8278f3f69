"""The loket: one process that holds the store for the participant kernels of a server.

Started by the Werkplaats server (``python -m toolkit.store.loket --adres PATH``) before
its first kernel; the phone kernels connect with :class:`toolkit.loket.LoketStore`. Each
connection gets a thread that runs the asked store method and sends back its answer or its
error (a :class:`toolkit.fouten.WerkplaatsFout` travels as itself, so the phone shows the
same Dutch message). Only the calls in :data:`toolkit.loket.METHODEN` are answered.

One process means one engine and one statement cache for the whole room instead of one per
kernel, and kernels without SQLAlchemy (issue 15: memory per participant).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import socketserver
import sys
import threading
import time
from pathlib import Path
from typing import Any

from toolkit.fouten import OpslaanMislukt, WerkplaatsFout
from toolkit.loket import HOOGUIT, LEZEN, METHODEN, WACHT, ontvang, stuur, stuur_verpakt, verpak

log = logging.getLogger(__name__)


class _Loket(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    allow_reuse_address = True
    store: Any
    geheugen: Geheugen
    wachtkamer: Wachtkamer


class _Balie(socketserver.BaseRequestHandler):
    """One kernel's connection: questions in, answers out, until the kernel goes."""

    def handle(self) -> None:
        store = self.server.store  # type: ignore[attr-defined]
        geheugen = self.server.geheugen  # type: ignore[attr-defined]
        sock = self.request
        try:
            stuur(sock, {"url": store.url, "sqlite": store.sqlite})
            while True:
                try:
                    naam, args, kwargs = ontvang(sock)
                except (EOFError, ConnectionError):
                    return
                if naam == WACHT:
                    antwoord = self.server.wachtkamer.wacht(sock, *args)  # type: ignore[attr-defined]
                    if antwoord is None:
                        return  # the phone hung up while it waited
                    stuur(sock, antwoord)
                    continue
                stuur_verpakt(sock, geheugen.antwoord(naam, args, kwargs))
        except OSError:
            return  # the kernel went away mid-answer


def beantwoord(store: Any, naam: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[bool, Any]:
    """``(True, result)`` or ``(False, error)`` for one call of a participant kernel."""
    if naam not in METHODEN:
        return False, AttributeError(f"Het loket beantwoordt {naam!r} niet.")
    try:
        return True, getattr(store, naam)(*args, **kwargs)
    except WerkplaatsFout as fout:
        return False, fout
    except Exception as fout:  # noqa: BLE001 - the kernel shows the participant a plain message
        log.exception("Loket: %s faalde", naam)
        return False, OpslaanMislukt(f"{type(fout).__name__}: {fout}")


class Geheugen:
    """The room asks the same thing sixty times: after one entry every phone reads the
    change log since the same versie, and the same list. On SQLite the loket answers each
    read once per database state (``PRAGMA data_version``: it moves on every commit, the
    loket's own included) and sends the other phones the same packed answer.

    A stored answer was read after the state it is filed under, so it is never older than
    what the asking phone could know. Writes are never stored; on PostgreSQL (no counter)
    every read goes to the database.
    """

    def __init__(self, store: Any) -> None:
        self.store = store
        datateller = getattr(store, "datateller", None)
        self.teller = datateller() if datateller is not None else None
        self._slot = threading.Lock()
        self._stand: object = object()
        self._antwoorden: dict[Any, bytes] = {}
        self.gelezen = self.uit_geheugen = 0

    def antwoord(self, naam: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bytes:
        """The packed reply to one call."""
        if self.teller is None or naam not in LEZEN:
            return verpak(beantwoord(self.store, naam, args, kwargs))
        sleutel = (naam, args, tuple(sorted(kwargs.items())))
        try:
            hash(sleutel)
        except TypeError:
            return verpak(beantwoord(self.store, naam, args, kwargs))
        with self._slot:
            stand = self.teller()
            if stand != self._stand:
                self._antwoorden.clear()
                self._stand = stand
            elif sleutel in self._antwoorden:
                self.uit_geheugen += 1
                return self._antwoorden[sleutel]
        data = verpak(beantwoord(self.store, naam, args, kwargs))
        with self._slot:
            self.gelezen += 1
            if self._stand == stand:
                self._antwoorden[sleutel] = data
        return data


class _Wachtende:
    """One phone's question: wake me for a change after ``versie`` that ``wens`` matches."""

    def __init__(self, versie: int, wens: Any) -> None:
        self.versie = versie
        self.wens = wens
        #: changes up to here were looked at and did not matter to this phone
        self.gezien = versie
        self.antwoord: tuple[bool, Any] | None = None
        self.klaar = threading.Event()

    def geef(self, antwoord: tuple[bool, Any]) -> None:
        self.antwoord = antwoord
        self.klaar.set()


class Wachtkamer:
    """The phones waiting for a change that matters to them (:class:`toolkit.loket.LoketKlok`).

    One thread looks at the database's change counter every :attr:`interval` seconds (on
    SQLite ``PRAGMA data_version``; without one it reads each bijeenkomst's versie) and, when
    it moved, reads what changed once per bijeenkomst and per starting point, and wakes only
    the phones whose :class:`toolkit.model.Wekwens` it matches, handing them the change. A
    join, another phone's dot or a quiet minute wakes no phone (issue 15: sixty phones each
    read the store after each of sixty joins). A phone's first question is looked at at once,
    so a change between its last read and its question is never missed.
    """

    def __init__(self, store: Any, teller: Any, interval: float = 0.1) -> None:
        self.store = store
        self.teller = teller
        self.interval = interval
        self._cond = threading.Condition()
        self._wachtenden: dict[int, list[_Wachtende]] = {}
        self._nieuw = False
        self._draad: threading.Thread | None = None

    def wacht(self, sock: Any, bijeenkomst_id: int, versie: int, wens: Any) -> tuple[bool, Any] | None:
        """Hold this connection's question until a change matters, :data:`HOOGUIT` passed
        (``(True, None)``) or the phone hung up (None)."""
        w = _Wachtende(versie, wens)
        with self._cond:
            self._wachtenden.setdefault(bijeenkomst_id, []).append(w)
            self._nieuw = True
            if self._draad is None:
                self._draad = threading.Thread(target=self._kijk_steeds, name="wachtkamer", daemon=True)
                self._draad.start()
            self._cond.notify_all()
        try:
            eind = time.monotonic() + HOOGUIT
            while not w.klaar.wait(timeout=2.0):
                if _opgehangen(sock):
                    return None
                if time.monotonic() >= eind:
                    return (True, None)
            return w.antwoord
        finally:
            with self._cond:
                lijst = self._wachtenden.get(bijeenkomst_id, [])
                if w in lijst:
                    lijst.remove(w)
                if not lijst:
                    self._wachtenden.pop(bijeenkomst_id, None)

    def _kijk_steeds(self) -> None:
        stand: object = object()
        while True:
            with self._cond:
                if not self._nieuw:
                    self._cond.wait(timeout=self.interval)
                nieuw, self._nieuw = self._nieuw, False
                if not self._wachtenden:
                    continue
            nu = self.teller() if self.teller is not None else object()
            if nu == stand and not nieuw:
                continue
            stand = nu
            try:
                self.kijk()
            except Exception:  # noqa: BLE001 - a busy database: look again next round
                log.exception("Wachtkamer: kijken faalde")
                stand = object()

    def kijk(self) -> int:
        """Wake the phones a change since their versie matters to; returns how many woke."""
        with self._cond:
            per_bijeenkomst = {bid: list(lijst) for bid, lijst in self._wachtenden.items()}
        return sum(self._kijk_naar(bid, lijst) for bid, lijst in per_bijeenkomst.items())

    def _kijk_naar(self, bijeenkomst_id: int, lijst: list[_Wachtende]) -> int:
        try:
            huidig = self.store.versie(bijeenkomst_id)
        except WerkplaatsFout as fout:  # the bijeenkomst is gone: every phone hears it
            for w in lijst:
                w.geef((False, fout))
            return 0
        sinds: dict[int, Any] = {}  # phones that asked at the same versie share one read

        def gelezen(versie: int) -> Any:
            if versie not in sinds:
                sinds[versie] = self.store.wijzigingen_sinds(bijeenkomst_id, versie)
            return sinds[versie]

        gewekt = 0
        for w in lijst:
            if w.klaar.is_set() or w.gezien >= huidig:
                continue
            nieuw = gelezen(w.gezien)
            if w.wens is None or w.wens.raakt(nieuw):
                w.geef((True, gelezen(w.versie)))
                gewekt += 1
            else:
                w.gezien = nieuw.versie
        return gewekt


def _opgehangen(sock: Any) -> bool:
    """Whether the phone closed this connection (it never sends while it waits)."""
    import select

    try:
        leesbaar, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(leesbaar)


def open_loket(store: Any, adres: str | os.PathLike[str]) -> _Loket:
    """Bind the socket (only this user may connect); serve with ``serve_forever()``."""
    adres = str(adres)
    Path(adres).unlink(missing_ok=True)
    oud = os.umask(0o077)
    try:
        server = _Loket(adres, _Balie)
    finally:
        os.umask(oud)
    server.store = store
    server.geheugen = Geheugen(store)
    server.wachtkamer = Wachtkamer(store, server.geheugen.teller)
    return server


def serveer_in_draad(store: Any, adres: str | os.PathLike[str]) -> _Loket:
    """A loket in a thread of this process (the tests)."""
    server = open_loket(store, adres)
    threading.Thread(target=server.serve_forever, name="werkplaats-loket", daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m toolkit.store.loket", description=__doc__.split("\n")[0])
    p.add_argument("--adres", required=True, help="pad van de Unix-socket")
    p.add_argument("--ouder-pid", type=int, default=None, help="stop zodra dit proces weg is")
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="[loket] %(levelname)s %(message)s")

    # A node's kernels open a connection per transaction (WERKPLAATS_DB_POOL=kort); the loket
    # is one process for all of them and keeps a normal pool.
    os.environ.pop("WERKPLAATS_DB_POOL", None)
    from toolkit.store import Store

    store = Store()
    store.warm_op()  # compile the participant statements once, before the first phone
    server = open_loket(store, a.adres)
    if a.ouder_pid:
        from toolkit.zaalbeheer import bewaak_ouder

        bewaak_ouder(a.ouder_pid)

    def stop(*_: object) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        server.serve_forever(poll_interval=0.5)
    finally:
        server.server_close()
        Path(a.adres).unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
