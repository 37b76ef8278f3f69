"""Static files compressed once per server, not once per phone.

A phone's first visit fetches about a hundred files from the one server thread: Voila's and
the widget manager's JavaScript, 5.3 MB before compression. With tornado's
``compress_response`` every file is gzipped anew for every phone, about a quarter of a
second of the server's only thread per phone; meanwhile every other phone's page and
widgets wait (issue 15: sixty people scan the QR code within a few seconds). Here each file
is compressed once, the first time it is asked for, and the same bytes go to every phone.

Used only in the server process (``toolkit.server`` wraps Voila's static handlers).
"""

from __future__ import annotations

import gzip
from pathlib import PurePath
from typing import Any

SAMEN_TE_PERSEN = frozenset({".js", ".mjs", ".css", ".json", ".map", ".svg", ".html", ".txt"})
"""Text files; fonts and images are compressed already."""

_VOORRAAD: dict[str, tuple[tuple[int, int], bytes]] = {}
"""absolute path -> ((mtime_ns, size), gzipped bytes)"""


def gezipt(pad: str, stempel: tuple[int, int]) -> bytes:
    """The gzipped contents of ``pad``, made once for each version of the file."""
    bewaard = _VOORRAAD.get(pad)
    if bewaard is not None and bewaard[0] == stempel:
        return bewaard[1]
    with open(pad, "rb") as f:
        data = gzip.compress(f.read(), compresslevel=6, mtime=0)
    _VOORRAAD[pad] = (stempel, data)
    return data


class GzipVoorraad:
    """Mixin for a ``tornado.web.StaticFileHandler``: serve the stored gzip when the browser
    takes gzip (no range request), else what the handler serves itself."""

    _gz: bytes | None = None

    def set_headers(self) -> None:
        super().set_headers()  # type: ignore[misc]
        verzoek: Any = self.request  # type: ignore[attr-defined]
        if (
            "gzip" in verzoek.headers.get("Accept-Encoding", "")
            and "Range" not in verzoek.headers
            and PurePath(self.absolute_path).suffix in SAMEN_TE_PERSEN  # type: ignore[attr-defined]
        ):
            stat = self._stat()  # type: ignore[attr-defined]
            gz = gezipt(self.absolute_path, (stat.st_mtime_ns, stat.st_size))  # type: ignore[attr-defined]
            self._gz = gz
            # for this response only: tornado also calls the class's get_content (to hash the file)
            self.get_content = lambda _pad, _begin=None, _eind=None: gz
            self.set_header("Content-Encoding", "gzip")  # type: ignore[attr-defined]
        self.add_header("Vary", "Accept-Encoding")  # type: ignore[attr-defined]

    def get_content_size(self) -> int:
        if self._gz is not None:
            return len(self._gz)
        return super().get_content_size()  # type: ignore[misc]


def met_voorraad(klasse: type) -> type:
    """``klasse`` (a StaticFileHandler) with :class:`GzipVoorraad` in front of it."""
    return type(klasse.__name__, (GzipVoorraad, klasse), {"__module__": __name__})
