"""Draw Vega-Lite specs in a child process, so a native crash of the renderer costs a chart, not a kernel.

vl-convert is Rust with an embedded JavaScript engine; some input made it panic in a way
that aborts the whole process (rc 134), and with it the wand's or regiekamer's kernel. Here
one small long-lived worker process does the drawing. It is started on the first chart,
restarted when it died, and killed when it takes too long; the caller then gets
:class:`GrafiekFout` and shows "grafiek niet beschikbaar" instead of the chart.

The worker reads requests from stdin and answers on a private copy of stdout, each message
a 4-byte big-endian length and a body: request ``{"soort": "svg"|"png", "spec": ..., "schaal": ...}``
as JSON, answer one status byte (``0`` ok, ``1`` error) and the SVG/PNG bytes or the message.
It exits when its parent closes the pipe, so it never outlives the kernel by long.
"""

from __future__ import annotations

import json
import os
import select
import struct
import subprocess
import sys
import threading
import time
from typing import IO, Any

from toolkit.fouten import GrafiekFout

#: A chart that takes longer is given up (and the worker restarted).
TIJDSLIMIET = 60.0
_KOP = struct.Struct(">I")


# --- the child ------------------------------------------------------------------------------


def _lees_precies(bron: IO[bytes], n: int) -> bytes | None:
    stukken = []
    while n:
        stuk = bron.read(n)
        if not stuk:
            return None
        stukken.append(stuk)
        n -= len(stuk)
    return b"".join(stukken)


def _lees_bericht(bron: IO[bytes]) -> bytes | None:
    kop = _lees_precies(bron, _KOP.size)
    if kop is None:
        return None
    return _lees_precies(bron, _KOP.unpack(kop)[0])


def _schrijf_bericht(doel: IO[bytes], inhoud: bytes) -> None:
    doel.write(_KOP.pack(len(inhoud)) + inhoud)
    doel.flush()


def teken(soort: str, spec: str, schaal: float = 1) -> bytes:
    """Render in this process: SVG as UTF-8 bytes, or PNG."""
    import vl_convert as vlc

    if soort == "png":
        return vlc.vegalite_to_png(spec, scale=schaal)
    return vlc.vegalite_to_svg(spec).encode("utf-8")


def werker() -> None:
    """The child's loop: keep the protocol on a private fd, send stray prints to stderr."""
    uit = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    invoer = sys.stdin.buffer
    import vl_convert  # noqa: F401 - load before the first request, not during it

    while True:
        bericht = _lees_bericht(invoer)
        if bericht is None:
            return
        try:
            verzoek = json.loads(bericht)
            antwoord = b"\x00" + teken(verzoek["soort"], verzoek["spec"], verzoek.get("schaal", 1))
        except Exception as fout:  # noqa: BLE001 - every failure goes back as a message
            antwoord = b"\x01" + f"{type(fout).__name__}: {fout}".encode("utf-8", "replace")
        _schrijf_bericht(uit, antwoord)


# --- the parent's side ------------------------------------------------------------------------


class Tekenaar:
    """The parent's handle on one worker; thread-safe, restarts the worker when it is gone."""

    def __init__(self, tijdslimiet: float = TIJDSLIMIET) -> None:
        self.tijdslimiet = tijdslimiet
        self._proces: subprocess.Popen[bytes] | None = None
        self._slot = threading.Lock()
        #: How often a worker was started; tests and the benchmark read it.
        self.starts = 0

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proces is not None and self._proces.poll() is None:
            return self._proces
        self._proces = subprocess.Popen(
            [sys.executable, "-c", "from toolkit.tekenaar import werker; werker()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # a panic's backtrace would only clutter the terminal
            env={**os.environ, "PYTHONPATH": _pythonpad()},
            start_new_session=False,
        )
        self.starts += 1
        return self._proces

    def _stop(self) -> None:
        proces, self._proces = self._proces, None
        if proces is None:
            return
        for pijp in (proces.stdin, proces.stdout):
            try:
                if pijp:
                    pijp.close()
            except OSError:
                pass
        if proces.poll() is None:
            proces.kill()
        proces.wait()

    def sluit(self) -> None:
        with self._slot:
            self._stop()

    def teken(self, soort: str, spec: str, schaal: float = 1) -> bytes:
        """Render through the worker; :class:`GrafiekFout` when it fails, crashes or hangs."""
        verzoek = json.dumps({"soort": soort, "spec": spec, "schaal": schaal}).encode("utf-8")
        with self._slot:
            proces = self._start()
            try:
                assert proces.stdin is not None and proces.stdout is not None
                _schrijf_bericht(proces.stdin, verzoek)
                antwoord = self._ontvang(proces)
            except (OSError, ValueError, GrafiekFout) as fout:
                self._stop()
                oorzaak = fout if isinstance(fout, GrafiekFout) else None
                if oorzaak is None:
                    oorzaak = GrafiekFout(f"de tekenaar stopte onverwacht ({fout})")
                raise oorzaak from None
        if antwoord[:1] != b"\x00":
            raise GrafiekFout(antwoord[1:].decode("utf-8", "replace"))
        return antwoord[1:]

    def _ontvang(self, proces: subprocess.Popen[bytes]) -> bytes:
        assert proces.stdout is not None
        eind = time.monotonic() + self.tijdslimiet
        fd = proces.stdout.fileno()
        buffer = bytearray()
        nodig: int | None = None
        while nodig is None or len(buffer) < nodig:
            rest = eind - time.monotonic()
            if rest <= 0:
                raise GrafiekFout(f"tekenen duurde langer dan {self.tijdslimiet:.0f} s")
            klaar, _, _ = select.select([fd], [], [], rest)
            if not klaar:
                continue
            stuk = os.read(fd, 1 << 20)
            if not stuk:
                code = proces.wait()
                raise GrafiekFout(f"de tekenaar stopte onverwacht (code {code})")
            buffer += stuk
            if nodig is None and len(buffer) >= _KOP.size:
                nodig = _KOP.size + _KOP.unpack(bytes(buffer[: _KOP.size]))[0]
        return bytes(buffer[_KOP.size :])


def _pythonpad() -> str:
    """The child imports this very toolkit (a worktree's, not the installed one)."""
    pakket = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    bestaand = os.environ.get("PYTHONPATH", "")
    return pakket + (os.pathsep + bestaand if bestaand else "")


_TEKENAAR: Tekenaar | None = None
_TEKENAAR_SLOT = threading.Lock()


def tekenaar() -> Tekenaar:
    """The process's one worker handle."""
    global _TEKENAAR
    with _TEKENAAR_SLOT:
        if _TEKENAAR is None:
            _TEKENAAR = Tekenaar()
        return _TEKENAAR


def teken_veilig(soort: str, spec: str | dict[str, Any], schaal: float = 1) -> bytes:
    """Render ``spec`` in the worker; :class:`GrafiekFout` when that is not possible."""
    tekst = spec if isinstance(spec, str) else json.dumps(spec)
    return tekenaar().teken(soort, tekst, schaal)


__all__ = ["TIJDSLIMIET", "Tekenaar", "teken", "teken_veilig", "tekenaar", "werker"]
