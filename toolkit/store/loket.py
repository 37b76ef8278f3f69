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
from pathlib import Path
from typing import Any

from toolkit.fouten import OpslaanMislukt, WerkplaatsFout
from toolkit.loket import LEZEN, METHODEN, ontvang, stuur, stuur_verpakt, verpak

log = logging.getLogger(__name__)


class _Loket(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    allow_reuse_address = True
    store: Any
    geheugen: Geheugen


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
