"""Nodes behind nginx: kernel ids that name their node, the nginx config, and PostgreSQL's
NOTIFY reaching the pages through the node's one listener.

The routing test runs a real nginx from Debian on a free port in front of small stand-in
nodes (each answers with its own name), so what is tested is nginx's choice, not Voila's.
The browser test with three real nodes is ``tests/browser/test_knooppunten.py``.
"""

from __future__ import annotations

import asyncio
import re
import threading
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from diensten import NGINX, nginx_test, start_nginx, vrije_poort
from sqlalchemy import create_engine, text
from test_store import maak_zaal

from toolkit import knooppunt, model, wekker
from toolkit.cli import cli
from toolkit.store import Store

JUPYTER_KERNEL_ID = re.compile(r"^\w+-\w+-\w+-\w+-\w+$")  # jupyter_server's _kernel_id_regex

nodig_nginx = pytest.mark.skipif(not NGINX.exists(), reason="nginx ontbreekt (scripts/test installeert het met apt)")


# --- kernel ids --------------------------------------------------------------------------


@pytest.mark.parametrize("naam", ["n1", "n2", "werkplaats-0", "zaal-a-3", "x" * 20])
def test_kernel_id_noemt_het_knooppunt_en_past_in_jupyters_adressen(naam: str) -> None:
    kid = knooppunt.nieuw_kernel_id(naam)
    assert JUPYTER_KERNEL_ID.match(kid)
    assert knooppunt.knooppunt_van(kid, ["n1", "n2", "werkplaats-0", "werkplaats-1", "zaal-a-3", "x" * 20]) == naam


def test_gelijkende_namen_krijgen_elk_hun_eigen_kernels() -> None:
    namen = ["n1", "n1-1", "n11", "n"]
    for naam in namen:
        assert knooppunt.knooppunt_van(knooppunt.nieuw_kernel_id(naam), namen) == naam


@pytest.mark.parametrize("naam", ["", "N1", "n_1", "n1-", "-n1", "n--1", "n 1", "x" * 21, "n1;"])
def test_ongeldige_naam_wordt_geweigerd_met_uitleg(naam: str) -> None:
    with pytest.raises(ValueError, match="knooppunt"):
        knooppunt.controleer_naam(naam)


def test_kernel_manager_geeft_kernels_de_naam_van_het_knooppunt(monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.server import werkplaats_kernel_manager

    monkeypatch.setenv(knooppunt.KNOOPPUNT_VARIABELE, "n7")
    klasse = knooppunt.knooppunt_kernel_manager()
    assert issubclass(klasse, werkplaats_kernel_manager())  # culling as on one server
    kid = klasse().new_kernel_id()
    assert kid.startswith("n7__") and JUPYTER_KERNEL_ID.match(kid)


# --- nginx configuration -----------------------------------------------------------------


def _config_via_cli(*args: str) -> str:
    uitkomst = CliRunner().invoke(cli, ["proxy-config", *args])
    assert uitkomst.exit_code == 0, uitkomst.output
    return uitkomst.output


@nodig_nginx
@pytest.mark.parametrize("met_werkmap", [True, False])
def test_proxy_config_wordt_door_nginx_geaccepteerd_zoals_hij_is(tmp_path: Path, met_werkmap: bool) -> None:
    args = ["--poort", "8080", "--knooppunt", "n1=127.0.0.1:8871", "--knooppunt", "n2=127.0.0.1:8872"]
    if met_werkmap:
        args += ["--werkmap", str(tmp_path)]
    conf = tmp_path / "nginx.conf"
    conf.write_text(_config_via_cli(*args), encoding="utf-8")
    getest = nginx_test(conf, tmp_path)
    assert getest.returncode == 0, getest.stderr


@pytest.mark.parametrize(
    "args, melding",
    [
        (["--knooppunt", "n1"], "naam=host:poort"),
        (["--knooppunt", "N1=127.0.0.1:1"], "Ongeldige naam"),
        (["--knooppunt", "n1=127.0.0.1"], "Ongeldig adres"),
        (["--knooppunt", "n1=127.0.0.1:1", "--knooppunt", "n1=127.0.0.1:2"], "twee keer"),
        (["--knooppunt", "n1=a;b:1"], "Ongeldig adres"),
    ],
)
def test_proxy_config_weigert_fouten_met_een_nederlandse_melding(args: list[str], melding: str) -> None:
    uitkomst = CliRunner().invoke(cli, ["proxy-config", *args])
    assert uitkomst.exit_code == 2
    assert melding in uitkomst.output


class _Knoop(BaseHTTPRequestHandler):
    naam = "?"

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        tekst = f"{self.naam} {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(tekst)))
        self.end_headers()
        self.wfile.write(tekst)

    do_DELETE = do_GET  # noqa: N815

    def log_message(self, *_args: object) -> None:
        pass



def _draai_los(coro):
    """asyncio.run in its own thread: the browser tests keep a session-wide Playwright loop in this one."""
    with ThreadPoolExecutor(1) as draad:
        return draad.submit(asyncio.run, coro).result()

@pytest.fixture
def drie_knopen() -> Iterator[dict[str, tuple[ThreadingHTTPServer, int]]]:
    knopen = {}
    for naam in ("n1", "n2", "werkplaats-3"):
        handler = type(f"Knoop_{naam}", (_Knoop,), {"naam": naam})
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        knopen[naam] = (httpd, httpd.server_address[1])
    yield knopen
    for httpd, _ in knopen.values():
        httpd.shutdown()
        httpd.server_close()


def _vraag(url: str, methode: str = "GET") -> str:
    with urllib.request.urlopen(urllib.request.Request(url, method=methode), timeout=10) as antwoord:  # noqa: S310
        return antwoord.read().decode()


@nodig_nginx
def test_nginx_stuurt_kernelverkeer_naar_de_eigenaar_en_paginas_naar_elk_knooppunt(
    tmp_path: Path, drie_knopen: dict[str, tuple[ThreadingHTTPServer, int]]
) -> None:
    poort = vrije_poort()
    conf = knooppunt.nginx_config(
        poort,
        {naam: f"127.0.0.1:{p}" for naam, (_, p) in drie_knopen.items()},
        host="127.0.0.1",
        werkmap=tmp_path,
    )
    proxy = start_nginx(conf, tmp_path, poort)
    try:
        for naam in drie_knopen:
            kid = knooppunt.nieuw_kernel_id(naam)
            for pad, methode in [
                (f"/api/kernels/{kid}/channels?session_id=x", "GET"),
                (f"/api/kernels/{kid}", "DELETE"),
                (f"/voila/query/{kid}", "GET"),
                (f"/voila/api/shutdown/{kid}", "GET"),
            ]:
                assert _vraag(proxy.base + pad, methode).split()[0] == naam
        bediend = {_vraag(proxy.base + "/voila/render/deelnemer.ipynb?code=ABC123").split()[0] for _ in range(12)}
        assert bediend == set(drie_knopen)  # pages and static: any node

        # a node goes down: its pages are served by the others
        httpd, _ = drie_knopen.pop("n2")
        httpd.shutdown()
        httpd.server_close()
        bediend = {_vraag(proxy.base + "/voila/static/x.js").split()[0] for _ in range(9)}
        assert bediend == {"n1", "werkplaats-3"}
    finally:
        proxy.stop()


# --- wake-ups ------------------------------------------------------------------------------


class _Store:
    sqlite = False


def test_wekker_maakt_alleen_de_wachter_van_zijn_bijeenkomst_wakker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(wekker.MAP_VARIABELE, str(tmp_path))
    monkeypatch.setattr(wekker, "_WEKKER", None)

    async def scenario() -> tuple[bool, bool, bool]:
        eerste = wekker.klok(_Store(), 1, 0.3)
        tweede = wekker.klok(_Store(), 2, 0.3)
        assert isinstance(eerste, wekker.WekkerKlok)
        assert wekker.stuur(tmp_path, "1") == 1  # one kernel: one socket
        gewekt = await eerste.wacht()
        niet_gewekt = await tweede.wacht()  # a tick without reading
        wekker.stuur(tmp_path, wekker.ALLES)
        iedereen = await tweede.wacht()
        return gewekt, niet_gewekt, iedereen

    try:
        gewekt, niet_gewekt, iedereen = _draai_los(scenario())
    finally:
        if wekker._WEKKER is not None:
            wekker._WEKKER.sluit()
    assert gewekt and not niet_gewekt and iedereen


def test_zonder_knooppunt_of_op_sqlite_blijft_de_wachter_pollen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: Store
) -> None:
    monkeypatch.setenv(wekker.MAP_VARIABELE, str(tmp_path))
    assert type(wekker.klok(store, 1, 0.3)) is wekker.Klok  # SQLite: polling
    monkeypatch.delenv(wekker.MAP_VARIABELE)
    assert type(wekker.klok(_Store(), 1, 0.3)) is wekker.Klok  # no node: polling


def test_een_verdwenen_kernel_wordt_uit_de_wekkermap_gehaald(tmp_path: Path) -> None:
    import socket

    pad = tmp_path / "dood.sock"
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(str(pad))
    s.close()  # the kernel was killed: its socket file stays behind
    assert wekker.stuur(tmp_path, "1") == 0
    assert not pad.exists()


@pytest.mark.postgres
@pytest.mark.parametrize("via_pgbouncer", [False, True], ids=["direct", "pgbouncer-sessie"])
def test_een_opgeslagen_bijdrage_wekt_de_paginas_van_het_knooppunt_via_postgres(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, via_pgbouncer: bool
) -> None:
    """Store commit -> NOTIFY -> the node's listener -> the kernel's socket -> the watcher
    reads, and finds the participant's entry. Also through PgBouncer in session mode."""
    from toolkit.apps.live import Wachter

    if via_pgbouncer:
        from diensten import cluster, start_pgbouncer

        bouncer = start_pgbouncer(cluster(), pool=3)
        if isinstance(bouncer, str):
            pytest.skip(bouncer)
        postgres_url = bouncer.via(postgres_url)
        monkeypatch.setenv("WERKPLAATS_DB_POOL", "kort")

    store = Store(postgres_url)
    zaal = maak_zaal(store)
    andere = maak_zaal(store, "Andere zaal")
    oid = zaal.ga_naar("wijkbrainstorm")
    did = zaal.deelnemer()
    monkeypatch.setenv(wekker.MAP_VARIABELE, str(tmp_path))
    monkeypatch.setattr(wekker, "_WEKKER", None)
    monkeypatch.setattr(wekker, "TERUGVAL", 3600.0)  # only a wake-up can make it read

    async def scenario() -> tuple[list[object], int]:
        gezien: list[object] = []
        wachter = Wachter(store, zaal.id)
        wachter.abonneer(gezien.append)
        luisteraar = asyncio.ensure_future(wekker.luister(postgres_url, tmp_path))
        wachter.start()
        while wekker._WEKKER is None or wekker._WEKKER.gewekt == 0:  # listening: the first "*"
            await asyncio.sleep(0.05)
        await asyncio.to_thread(andere.ga_naar, "swot")  # another room: no wake-up for this page
        await asyncio.to_thread(store.voeg_toe, did, model.Bijdrage(tekst="Wachtlijst bij de POH", onderdeel_id=oid))
        while not gezien:
            await asyncio.sleep(0.05)
        wachter.stop()
        luisteraar.cancel()
        return gezien, wekker._WEKKER.gewekt

    try:
        gezien, _ = _draai_los(asyncio.wait_for(scenario(), 60))
    finally:
        if wekker._WEKKER is not None:
            wekker._WEKKER.sluit()
        store.engine.dispose()
        if via_pgbouncer:
            bouncer.stop()
    assert len(gezien) == 1 and "bijdrage" in gezien[0].soorten


@pytest.mark.postgres
def test_een_kernel_op_een_knooppunt_houdt_geen_verbinding_open(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """300 participants must not hold 300 of max_connections: with WERKPLAATS_DB_POOL=kort
    (set by the node for its kernels) a store holds a connection only within a transaction."""
    def open_verbindingen() -> int:
        beheer = create_engine(postgres_url.rsplit("/", 1)[0] + "/postgres")
        naam = postgres_url.rsplit("/", 1)[1]
        with beheer.connect() as conn:
            n = conn.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE datname = :d"), {"d": naam}
            ).scalar_one()
        beheer.dispose()
        return n

    Store(postgres_url).engine.dispose()  # migrated
    gewoon = Store(postgres_url)
    monkeypatch.setenv("WERKPLAATS_DB_POOL", "kort")
    kernels = [Store(postgres_url, migreren=False) for _ in range(5)]
    zaal = maak_zaal(kernels[0])
    for s in kernels:
        s.voeg_toe(zaal.deelnemer(), model.Bijdrage(tekst="Wachtlijst", onderdeel_id=zaal.ga_naar("wijkbrainstorm")))
        s.wijzigingen_sinds(zaal.id, s.versie(zaal.id) - 1)
    gewoon.versie(zaal.id)
    try:
        assert open_verbindingen() == 1  # only the pooled store keeps one
    finally:
        gewoon.engine.dispose()


@pytest.mark.postgres
@pytest.mark.traag
def test_ook_voorverwarmde_kernels_dragen_de_naam_van_hun_knooppunt(postgres_url: str, tmp_path: Path) -> None:
    """Voila's preheated pool starts its kernels through the same kernel manager."""
    import os
    import shutil
    import subprocess
    import sys
    import tempfile
    import time

    from toolkit import server

    zaal = maak_zaal(Store(postgres_url))
    zaal.store.engine.dispose()
    poort = vrije_poort()
    log = tmp_path / "knooppunt.log"
    kort = Path(tempfile.mkdtemp(prefix="wp-t-"))  # kernel sockets need a short path (IPC)
    with open(log, "wb") as uit:
        proces = subprocess.Popen(
            [sys.executable, "-m", "toolkit.knooppunt", "--naam", "zaal-2", "--poort", str(poort), "--deelnemers", "1"],
            env={**os.environ, "WERKPLAATS_DB": postgres_url, "TMPDIR": str(kort)},
            stdout=uit,
            stderr=subprocess.STDOUT,
        )
    try:
        server.wacht_tot_bereikbaar(f"http://127.0.0.1:{poort}", 120, proces=proces)
        eind = time.monotonic() + 300  # a shared, loaded 2-core box
        while "1 van 1 plaatsen warm" not in log.read_text() and time.monotonic() < eind:
            time.sleep(0.2)
        voor = log.read_text()
        assert "1 van 1 plaatsen warm" in voor, voor[-3000:]
        html = _vraag(server.pagina_url(f"http://127.0.0.1:{poort}", "deelnemer", code=zaal.code))
        kernel_id = re.search(r'"kernelId":\s*"([^"]+)"', html).group(1)
    finally:
        proces.terminate()
        proces.wait(30)
        shutil.rmtree(kort, ignore_errors=True)
    assert kernel_id.startswith("zaal_2__")
    assert f"Kernel started: {kernel_id}" in voor  # started in the pool, before the page was asked for


def test_knooppunt_met_ongeldige_naam_start_niet_en_zegt_waarom() -> None:
    uitkomst = CliRunner().invoke(cli, ["knooppunt", "--naam", "Knoop_1", "--poort", "8871"])
    assert uitkomst.exit_code == 2
    assert "Ongeldige naam voor een knooppunt" in uitkomst.output


def test_knooppunt_en_proxy_config_staan_in_de_hulp() -> None:
    hulp = CliRunner().invoke(cli, ["--help"]).output
    assert "knooppunt" in hulp and "proxy-config" in hulp
    assert "--deelnemers" in CliRunner().invoke(cli, ["knooppunt", "--help"]).output
