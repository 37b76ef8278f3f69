"""What every phone's page is made of, prepared once per server, not once per phone.

A phone's first visit fetches about a hundred files from the one server thread: Voila's and
the widget manager's JavaScript, 5.3 MB before compression. With tornado's
``compress_response`` every file is gzipped anew for every phone, about a quarter of a
second of the server's only thread per phone; meanwhile every other phone's page and
widgets wait (issue 15: sixty people scan the QR code within a few seconds). Here each file
is compressed once, the first time it is asked for, and the same bytes go to every phone.

The same holds for the page templates: Voila makes a new Jinja environment for every page it
renders (each preheated kernel, each phone beyond the pool) and so parses and compiles its
templates again each time. :func:`deel_sjablonen` gives those environments one in-memory
cache of compiled templates.

Used only in the server process (``toolkit.server`` wraps Voila's static handlers).
"""

from __future__ import annotations

import gzip
import os
from pathlib import PurePath
from typing import Any

import jinja2

SAMEN_TE_PERSEN = frozenset({".js", ".mjs", ".css", ".json", ".map", ".svg", ".html", ".txt"})
"""Text files; fonts and images are compressed already."""

_VOORRAAD: dict[str, tuple[tuple[int, int], bytes]] = {}
"""absolute path -> ((mtime_ns, size), gzipped bytes)"""

_GEVONDEN: dict[tuple[type, str, str], tuple[str, str, str]] = {}
"""(handler class, its root, path in the URL) -> (parsed path, root, checked absolute path)"""


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
    takes gzip (no range request), else what the handler serves itself.

    It also finds each file once. For every request Voila's handlers look for the file in each
    of their folders and tornado resolves symlinks and checks it stays inside its folder: a
    quarter of the server's time per file, a hundred files per phone. What passed those checks
    once is remembered per URL; what did not (404, 403, a folder) is checked again each time.
    """

    _gz: bytes | None = None
    _gevonden: tuple[str, str, str] | None = None
    _gevraagd: tuple[type, str, str] | None = None

    def parse_url_path(self, url_path: str) -> str:
        sleutel = (type(self), str(self.root), url_path)  # type: ignore[attr-defined]
        self._gevraagd = sleutel
        self._gevonden = _GEVONDEN.get(sleutel)
        if self._gevonden is not None:
            return self._gevonden[0]
        return super().parse_url_path(url_path)  # type: ignore[misc]

    def get_absolute_path(self, root: str, path: str) -> str:
        # An instance method over tornado's classmethod: these classes serve routes only;
        # static_url() goes through the app's own static_handler_class, which is not wrapped.
        if self._gevonden is not None:
            self.root = self._gevonden[1]
            return self._gevonden[2]
        return super().get_absolute_path(root, path)  # type: ignore[misc]

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        if self._gevonden is not None:
            return self._gevonden[2]
        pad = super().validate_absolute_path(root, absolute_path)  # type: ignore[misc]
        if pad is not None and self._gevraagd is not None and os.path.isfile(pad):
            _GEVONDEN[self._gevraagd] = (self.path, self.root, pad)  # type: ignore[attr-defined]
        return pad

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


class GedeeldeSjablonen(jinja2.BytecodeCache):
    """Compiled templates in memory, for every Jinja environment of this process. Keyed by
    the template's name, file and source (jinja's own key and checksum) and by what changes
    the compiled code: async or not, and the extensions."""

    def __init__(self) -> None:
        self._code: dict[tuple[Any, ...], Any] = {}

    @staticmethod
    def _sleutel(bucket: jinja2.bccache.Bucket) -> tuple[Any, ...]:
        env = bucket.environment
        return (env.is_async, tuple(sorted(env.extensions)), bucket.key, bucket.checksum)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(self._sleutel(bucket))
        if code is not None:
            bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[self._sleutel(bucket)] = bucket.code


SJABLONEN = GedeeldeSjablonen()


def deel_sjablonen() -> None:
    """Every nbconvert/Voila template environment made from now on in this process uses
    :data:`SJABLONEN`."""
    from nbconvert.exporters.templateexporter import TemplateExporter

    if getattr(TemplateExporter._create_environment, "_werkplaats", False):
        return
    maak = TemplateExporter._create_environment

    def _create_environment(self: Any) -> jinja2.Environment:
        omgeving = maak(self)
        omgeving.bytecode_cache = SJABLONEN
        return omgeving

    _create_environment._werkplaats = True  # type: ignore[attr-defined]
    TemplateExporter._create_environment = _create_environment  # type: ignore[method-assign]
