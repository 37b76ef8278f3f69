"""Sixty phones fetch the same JavaScript: the server compresses each file once, not for
every phone, and every phone still gets exactly the file (``toolkit.statisch``)."""

from __future__ import annotations

import asyncio
import gzip
import os
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import tornado.web
from voila.static_file_handler import MultiStaticFileHandler

from toolkit import statisch

SCRIPT = "const zaal = 'vol';\n" * 400


@pytest.fixture
def statische_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A tornado server as Voila's: static files through the wrapped handler, compress_response on."""
    (tmp_path / "voila.js").write_text(SCRIPT)
    (tmp_path / "lettertype.woff2").write_bytes(os.urandom(4000))
    (tmp_path / "leeg").mkdir()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    klaar = threading.Event()
    lus: list[asyncio.AbstractEventLoop] = []

    def draai() -> None:
        async def main() -> None:
            app = tornado.web.Application(
                [
                    (
                        r"/static/(.*)",
                        statisch.met_voorraad(tornado.web.StaticFileHandler),
                        {"path": str(tmp_path)},
                    ),
                    (  # Voila's: the first of several folders that has the file
                        r"/multi/(.*)",
                        statisch.met_voorraad(MultiStaticFileHandler),
                        {"paths": [str(tmp_path / "leeg"), str(tmp_path)]},
                    ),
                ],
                compress_response=True,
            )
            server = app.listen(poort, "127.0.0.1")
            lus.append(asyncio.get_running_loop())
            klaar.set()
            try:
                await asyncio.Event().wait()
            finally:
                server.stop()

        try:
            asyncio.run(main())
        except RuntimeError:
            pass  # the loop was stopped from the test

    draad = threading.Thread(target=draai, daemon=True)
    draad.start()
    assert klaar.wait(10)
    try:
        yield f"http://127.0.0.1:{poort}/static", tmp_path
    finally:
        lus[0].call_soon_threadsafe(lus[0].stop)
        draad.join(5)


def _haal(url: str, **headers: str) -> httpx.Response:
    # the raw body: httpx would unpack gzip itself
    with httpx.Client() as client, client.stream("GET", url, headers=headers) as antwoord:
        antwoord.raw = b"".join(antwoord.iter_raw())  # type: ignore[attr-defined]
        return antwoord


def test_de_telefoon_krijgt_het_script_gecomprimeerd_en_precies_zoals_het_is(statische_server):
    basis, _map = statische_server
    antwoord = _haal(f"{basis}/voila.js", **{"Accept-Encoding": "gzip, deflate"})
    assert antwoord.status_code == 200
    assert antwoord.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in antwoord.headers["Vary"]
    assert len(antwoord.raw) < len(SCRIPT) / 10
    assert gzip.decompress(antwoord.raw).decode() == SCRIPT


def test_zestig_telefoons_een_keer_comprimeren(statische_server, monkeypatch):
    basis, _map = statische_server
    statisch._VOORRAAD.clear()
    keer: list[int] = []
    echt = gzip.compress
    monkeypatch.setattr(statisch.gzip, "compress", lambda data, **kw: keer.append(1) or echt(data, **kw))
    lichamen = {_haal(f"{basis}/voila.js", **{"Accept-Encoding": "gzip"}).raw for _ in range(5)}
    assert len(keer) == 1
    assert len(lichamen) == 1  # every phone the same bytes


def test_een_gewijzigd_bestand_wordt_opnieuw_gecomprimeerd(statische_server):
    basis, map_ = statische_server
    _haal(f"{basis}/voila.js", **{"Accept-Encoding": "gzip"})
    (map_ / "voila.js").write_text("const zaal = 'leeg';\n" * 300)
    antwoord = _haal(f"{basis}/voila.js", **{"Accept-Encoding": "gzip"})
    assert gzip.decompress(antwoord.raw).decode() == "const zaal = 'leeg';\n" * 300


@pytest.mark.parametrize(
    ("headers", "verwacht"),
    [
        ({"Accept-Encoding": "identity"}, SCRIPT.encode()),  # a client without gzip
        ({"Accept-Encoding": "gzip", "Range": "bytes=0-9"}, SCRIPT.encode()[:10]),  # a range: those bytes
    ],
)
def test_zonder_gzip_of_met_een_bereik_het_bestand_zelf(statische_server, headers, verwacht):
    basis, _map = statische_server
    antwoord = _haal(f"{basis}/voila.js", **headers)
    inhoud = gzip.decompress(antwoord.raw) if antwoord.headers.get("Content-Encoding") else antwoord.raw
    assert inhoud == verwacht


def test_de_etag_blijft_zodat_een_telefoon_die_terugkomt_niets_opnieuw_haalt(statische_server, caplog):
    basis, _map = statische_server
    eerst = _haal(f"{basis}/voila.js", **{"Accept-Encoding": "gzip"})
    assert eerst.headers.get("Etag")
    weer = _haal(f"{basis}/voila.js", **{"Accept-Encoding": "gzip", "If-None-Match": eerst.headers["Etag"]})
    assert weer.status_code == 304
    assert "Could not open static file" not in caplog.text


def test_een_lettertype_wordt_niet_nog_eens_gecomprimeerd(statische_server):
    basis, map_ = statische_server
    statisch._VOORRAAD.clear()
    antwoord = _haal(f"{basis}/lettertype.woff2", **{"Accept-Encoding": "gzip"})
    assert antwoord.raw == (map_ / "lettertype.woff2").read_bytes()
    assert statisch._VOORRAAD == {}


def test_elke_pagina_gebruikt_het_eenmaal_gecompileerde_sjabloon(tmp_path, monkeypatch):
    import jinja2

    (tmp_path / "pagina.html.j2").write_text("Hallo {{ naam }}")
    cache = statisch.GedeeldeSjablonen()
    gecompileerd: list[bool] = []
    echt = jinja2.Environment.compile

    def compileer(self, *args, **kwargs):
        gecompileerd.append(self.is_async)
        return echt(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", compileer)

    def omgeving(**opties) -> jinja2.Environment:  # Voila makes a new one for every page
        return jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache, **opties)

    for naam in ("Anna", "Bram", "Cas"):
        assert omgeving().get_template("pagina.html.j2").render(naam=naam) == f"Hallo {naam}"
    assert gecompileerd == [False]
    sjabloon = omgeving(enable_async=True).get_template("pagina.html.j2")  # other code: its own
    with ThreadPoolExecutor(1) as draad:  # beside the browser tests' session-wide event loop
        assert draad.submit(asyncio.run, sjabloon.render_async(naam="Dirk")).result() == "Hallo Dirk"
    assert gecompileerd == [False, True]
    (tmp_path / "pagina.html.j2").write_text("Dag {{ naam }}")  # a changed template
    assert omgeving().get_template("pagina.html.j2").render(naam="Eva") == "Dag Eva"
    assert gecompileerd == [False, True, False]


def test_de_server_geeft_voila_de_gedeelde_sjablonen(monkeypatch):
    from nbconvert.exporters.templateexporter import TemplateExporter

    monkeypatch.setattr(TemplateExporter, "_create_environment", TemplateExporter._create_environment)
    statisch.deel_sjablonen()
    gewikkeld = TemplateExporter._create_environment
    statisch.deel_sjablonen()  # twice: wrapped once
    assert TemplateExporter._create_environment is gewikkeld
    from voila.exporter import VoilaExporter

    assert VoilaExporter().environment.bytecode_cache is statisch.SJABLONEN


@pytest.mark.parametrize("route", ["static", "multi"])
def test_elk_bestand_wordt_een_keer_gezocht_niet_voor_elke_telefoon(statische_server, monkeypatch, route):
    basis, _map = statische_server
    gezocht: list[str] = []
    echt = tornado.web.StaticFileHandler.validate_absolute_path

    def zoek(self, root, pad):
        gezocht.append(pad)
        return echt(self, root, pad)

    monkeypatch.setattr(tornado.web.StaticFileHandler, "validate_absolute_path", zoek)
    adres = basis.replace("/static", f"/{route}") + "/voila.js"
    antwoorden = [_haal(adres, **{"Accept-Encoding": "gzip"}) for _ in range(5)]
    assert [a.status_code for a in antwoorden] == [200] * 5
    assert {gzip.decompress(a.raw).decode() for a in antwoorden} == {SCRIPT}
    assert len({a.headers["Etag"] for a in antwoorden}) == 1
    assert len(gezocht) == 1


def test_een_bestand_dat_er_eerst_niet_was_wordt_daarna_gevonden(statische_server):
    basis, map_ = statische_server
    assert _haal(f"{basis}/later.js").status_code == 404
    (map_ / "later.js").write_text("const later = 1;\n")
    assert _haal(f"{basis}/later.js", **{"Accept-Encoding": "identity"}).raw == b"const later = 1;\n"


@pytest.mark.parametrize("pad", ["..%2Fgeheim.txt", "%2E%2E/geheim.txt"])
def test_wat_buiten_de_map_ligt_blijft_onbereikbaar(statische_server, pad):
    basis, map_ = statische_server
    (map_.parent / "geheim.txt").write_text("sleutel")
    for _ in range(2):  # the second time too: a refusal is never remembered as a find
        antwoord = _haal(f"{basis}/{pad}")
        assert antwoord.status_code in (403, 404)
        assert b"sleutel" not in antwoord.raw
