"""One room across three nodes behind nginx, on one PostgreSQL.

Three real ``werkplaats knooppunt`` processes (``python -m toolkit.knooppunt``) share a
throwaway PostgreSQL cluster; a throwaway nginx from Debian in front routes pages to any
node and each kernel's websocket to the node named in its kernel id. Which node served a
page is read from the kernel id in its websocket address.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
from diensten import NGINX, start_nginx, vrije_poort
from playwright.sync_api import Error as PlaywrightError

from toolkit import knooppunt, model
from toolkit import server as wp_server
from toolkit.store import Store

from .conftest import doe_mee, schrijf, verzoeken, wacht_op_widget

pytestmark = [pytest.mark.postgres, pytest.mark.traag]

SNEL = 30_000  # ms: three nodes and nginx on a shared 2-core box (not a speed figure)
NAMEN = ("n1", "n2", "n3")


@dataclass
class Knoop:
    naam: str
    poort: int
    proces: subprocess.Popen
    log: Path
    map: Path

    def dood(self) -> None:
        """The machine is gone: the node and its kernels, without a chance to clean up."""
        try:
            kinderen = psutil.Process(self.proces.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            kinderen = []
        for p in [psutil.Process(self.proces.pid), *kinderen]:
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass
        psutil.wait_procs(kinderen, timeout=10)
        self.proces.wait(10)


def start_knoop(naam: str, db: str, werkmap: Path) -> Knoop:
    poort = vrije_poort()
    map_ = Path(tempfile.mkdtemp(prefix=f"wp-{naam}-"))  # kernel sockets (IPC) need a short path
    log = map_ / "knooppunt.log"
    env = {
        **os.environ,
        "WERKPLAATS_DB": db,
        "TMPDIR": str(map_),
        "PYTHONUNBUFFERED": "1",
        "WERKPLAATS_TERUGVAL": "600",  # pages follow the room by NOTIFY alone, no fallback reads
    }
    with open(log, "wb") as uit:
        proces = subprocess.Popen(
            [sys.executable, "-m", "toolkit.knooppunt", "--naam", naam, "--poort", str(poort), "--deelnemers", "1"],
            env=env,
            stdout=uit,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    return Knoop(naam, poort, proces, log, map_)


@pytest.fixture
def drie_knooppunten(postgres_url: str, tmp_path: Path):
    if not NGINX.exists():
        pytest.skip("nginx ontbreekt (scripts/test installeert het met apt)")
    knopen = [start_knoop(n, postgres_url, tmp_path) for n in NAMEN]
    proxy = None
    try:
        for k in knopen:
            wp_server.wacht_tot_bereikbaar(f"http://127.0.0.1:{k.poort}", 120, proces=k.proces)
        poort = vrije_poort()
        conf = knooppunt.nginx_config(
            poort, {k.naam: f"127.0.0.1:{k.poort}" for k in knopen}, host="127.0.0.1", werkmap=tmp_path / "nginx"
        )
        proxy = start_nginx(conf, tmp_path / "nginx", poort)
        yield proxy, {k.naam: k for k in knopen}
    except BaseException:
        for k in knopen:
            print(f"--- {k.naam} ---\n{k.log.read_text(errors='replace')[-4000:]}")
        raise
    finally:
        if proxy is not None:
            proxy.stop()
        for k in knopen:
            if k.proces.poll() is None:
                k.proces.terminate()
                try:
                    k.proces.wait(20)
                except subprocess.TimeoutExpired:
                    k.dood()
            shutil.copyfile(k.log, tmp_path / f"{k.naam}.log")
            shutil.rmtree(k.map, ignore_errors=True)


def knoop_van(page) -> str:
    """The node whose kernel serves this page (from its newest websocket address)."""
    for url in reversed(verzoeken(page)):
        m = re.search(r"/api/kernels/([^/?]+)/channels", url)
        if m:
            naam = knooppunt.knooppunt_van(m.group(1), NAMEN)
            assert naam is not None, url
            return naam
    raise AssertionError(f"geen kernel-websocket in {verzoeken(page)}")



def _herlaad(page) -> None:
    """Reload, as a person would; the page may already be reloading itself (verbinding.js
    does when its node is gone), and then Chromium aborts the second navigation."""
    try:
        page.reload()
    except PlaywrightError as fout:
        if "ERR_ABORTED" not in str(fout) and "detached" not in str(fout):
            raise

def test_een_zaal_over_drie_knooppunten_overleeft_een_dood_knooppunt(
    drie_knooppunten, postgres_url: str, nieuwe_pagina
) -> None:
    proxy, knopen = drie_knooppunten
    store = Store(postgres_url)
    b, sleutel = store.nieuwe_bijeenkomst(
        "Netwerkbijeenkomst regio",
        onderdelen=[
            model.Onderdeel(werkvorm="wijkbrainstorm", titel="Brainstorm", vraag="Wat zie je?", invoer="tekst"),
            model.Onderdeel(
                werkvorm="stellingen",
                titel="Stellingen",
                vraag="Hoe staan we ervoor?",
                invoer="stelling",
                stellingen=("We kennen elkaar goed",),
            ),
        ],
    )
    store.regie(b.code, sleutel).volgende()
    deelnemer_url = wp_server.pagina_url(proxy.base, "deelnemer", code=b.code)

    # pages go to any node: the wand lands somewhere, phones are opened until the two
    # other nodes each serve one (a phone on a node already in use is put away). On a cold,
    # busy machine nginx may find a node slow to accept (5 s) and skip it for 10 s, so try
    # for a while rather than a fixed dozen times.
    wand = nieuwe_pagina(viewport=(1920, 1080))
    wand.goto(wp_server.pagina_url(proxy.base, "wand", code=b.code))
    wacht_op_widget(wand, "wp-current-step", timeout=120_000)
    knoop = {wand: knoop_van(wand)}
    telefoons: dict[str, object] = {}
    for _ in range(40):
        page = nieuwe_pagina()
        page.goto(deelnemer_url)
        wacht_op_widget(page, "wp-join-code", timeout=120_000)
        naam = knoop_van(page)
        if naam != knoop[wand] and naam not in telefoons:
            telefoons[naam] = page
            knoop[page] = naam
            if len(telefoons) == 2:
                break
        else:
            page.context.close()
    assert len(telefoons) == 2, f"nginx gaf geen pagina aan de andere knooppunten dan {knoop[wand]}"
    anna, bram = telefoons.values()
    regiekamer = nieuwe_pagina(viewport=(1280, 800))
    regiekamer.goto(wp_server.pagina_url(proxy.base, "regiekamer", code=b.code, sleutel=sleutel))
    wacht_op_widget(regiekamer, "wp-next-step", timeout=120_000)
    knoop[regiekamer] = knoop_van(regiekamer)

    # the node to kill serves a phone, not the wand, and the regiekamer when it can
    dood = knoop[regiekamer] if knoop[regiekamer] != knoop[wand] else knoop[anna]
    (verhuizer,) = [p for p in (anna, bram) if knoop[p] == dood]
    eigen = "Eenzame ouderen in de flat" if verhuizer is anna else "Wachtlijst schuldhulp"

    doe_mee(anna, "Huisartsenpraktijk De Linde", timeout=SNEL)
    doe_mee(bram, "Sociaal wijkteam Noord", timeout=SNEL)
    schrijf(anna, "Eenzame ouderen in de flat", timeout=SNEL)
    schrijf(bram, "Wachtlijst schuldhulp", timeout=SNEL)
    muur = wand.locator(".wp-wall")
    muur.get_by_text("Eenzame ouderen in de flat").wait_for(timeout=SNEL)
    muur.get_by_text("Wachtlijst schuldhulp").wait_for(timeout=SNEL)

    # that node dies mid-meeting: its participant reloads the personal link, lands on a
    # living node with their entries, and carries on
    verhuizer.wait_for_url(re.compile(r"[?&]t="), timeout=SNEL)  # the personal link is in the address bar
    knopen[dood].dood()
    _herlaad(verhuizer)
    wacht_op_widget(verhuizer, "wp-input", timeout=90_000)
    assert knoop_van(verhuizer) != dood
    verhuizer.locator(".wp-eigen-lijst").get_by_text(eigen).wait_for(timeout=SNEL)
    schrijf(verhuizer, "Geen vast aanspreekpunt", timeout=SNEL)
    muur.get_by_text("Geen vast aanspreekpunt").wait_for(timeout=SNEL)

    # the facilitator (reloading too if the regiekamer was on that node) moves the room
    if knoop[regiekamer] == dood:
        _herlaad(regiekamer)
        wacht_op_widget(regiekamer, "wp-next-step", timeout=90_000)
        assert knoop_van(regiekamer) != dood
    regiekamer.locator(".wp-next-step").click()
    for page in (wand, anna, bram):
        page.locator(".wp-current-step", has_text="Stellingen").wait_for(timeout=SNEL)
    assert sorted(x.tekst for x in store.items("bijdrage", b.id)) == [
        "Eenzame ouderen in de flat",
        "Geen vast aanspreekpunt",
        "Wachtlijst schuldhulp",
    ]
    store.engine.dispose()
