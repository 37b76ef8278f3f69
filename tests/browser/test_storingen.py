"""Fault injection on the server side (issue 14): what must survive each fault.

- the server stops and comes back under open pages: every saved entry, the text a
  participant typed meanwhile (in the field and in the kernel), the participant's
  identity (personal link), a wand and a regiekamer that nobody touches;
- the server freezes (SIGSTOP) and thaws: the phone says so, keeps its page and text;
- ``werkplaats start`` is killed with SIGKILL: no Voila and no kernel keeps serving;
  a taken port: a Dutch error, exit code 2, no secret printed;
- a wand kernel dies: the wand comes back by itself;
- a burst of GETs of the wand, a personal link or new joins: the kernel count stays
  bounded, the beamer's open wand survives, past the cap a Dutch "de zaal is vol".

Figures (kernels before/after a burst, time to recover) come from
``benchmarks/storingen.py``; these tests assert outcomes only.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

from toolkit.store import Store

from .conftest import kernel_pid, maak_notebook, start_voila_server, vrije_poort, wacht_op_widget
from .test_server import DEELNEMER, REGIEKAMER

BANNER = "verbinding weg — je tekst is nog niet opgeslagen"


def _wacht(voorwaarde, timeout: float, stap: float = 0.3):
    """Poll ``voorwaarde`` until truthy (returns it) or ``timeout`` s passed (returns it)."""
    eind = time.monotonic() + timeout
    uitkomst = voorwaarde()
    while not uitkomst and time.monotonic() < eind:
        time.sleep(stap)
        uitkomst = voorwaarde()
    return uitkomst


def _levend(pids: set[int]) -> set[int]:
    over = set()
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                over.add(pid)
        except psutil.NoSuchProcess:
            pass
    return over


# ------------------------------------------------------- server stop and restart


def test_server_weg_en_terug_telefoon_wand_en_regiekamer_herstellen_zich_zonder_verlies(
    tmp_path, nieuwe_pagina, voila_server_factory
):
    """Survives: the saved entry, the text typed during the outage (in the field and in
    the kernel: Versturen stores it), the personal link, the wand and the regiekamer
    without anyone touching them. Never shown: a stale "Opgeslagen"."""
    from .test_live_bijeenkomst import _onderdelen, kom_binnen, open_wand, schrijf

    werkmap = tmp_path / "server"
    db = tmp_path / "werkplaats.db"
    store = Store(db)
    b, sleutel = store.nieuwe_bijeenkomst("Storing", onderdelen=_onderdelen())
    store.regie(b.code, sleutel).volgende()
    server = start_voila_server(werkmap, None, pool=1, db=db)
    try:
        server.wacht_op_pool()
        telefoon = nieuwe_pagina()
        wand = nieuwe_pagina(viewport=(1920, 1080))
        regiekamer = nieuwe_pagina(viewport=(1280, 800))
        kom_binnen(telefoon, server, b.code, "Wijkteam", naam="Dina")
        open_wand(wand, server, b.code)
        regiekamer.goto(server.url("regiekamer", code=b.code, sleutel=sleutel))
        wacht_op_widget(regiekamer, "wp-next-step")
        schrijf(telefoon, "Voor de storing")
        wand.locator(".wp-wall").get_by_text("Voor de storing").wait_for(timeout=15_000)
        persoonlijk = telefoon.url
        assert "t=" in persoonlijk

        server.stop()
        banner = telefoon.locator("#wp-verbinding")
        banner.wait_for(state="visible", timeout=20_000)
        assert banner.inner_text() == BANNER
        assert not telefoon.locator(".wp-saved").is_visible()  # no stale "Opgeslagen"
        wand.locator("#wp-verbinding").wait_for(state="visible", timeout=20_000)
        regiekamer.locator("#wp-verbinding").wait_for(state="visible", timeout=20_000)
        telefoon.locator(".wp-input textarea").fill("Tijdens de storing getypt")
        for pagina in (telefoon, wand, regiekamer):
            pagina.evaluate("window.__oude_pagina = true")  # gone once the page reloaded

        poort = int(server.base.rsplit(":", 1)[1])
        server = start_voila_server(werkmap, None, pool=1, db=db, poort=poort)
        # the phone reloads itself with the personal link and puts the typed text back,
        # into the field and (confirmed by the kernel) into the widget's value
        telefoon.wait_for_function(
            "() => window.__oude_pagina === undefined"
            " && document.documentElement.dataset.wpHersteld === '1'",
            timeout=90_000,
        )
        assert telefoon.url == persoonlijk
        invoer = telefoon.locator(".wp-input textarea")
        assert invoer.input_value() == "Tijdens de storing getypt"
        assert not banner.is_visible()
        telefoon.locator(".wp-submit").click()
        wacht_op_widget(telefoon, "wp-saved", timeout=15_000)
        assert invoer.input_value() == ""
        teksten = sorted(x.tekst for x in Store(db).items("bijdrage", b.id))
        assert teksten == ["Tijdens de storing getypt", "Voor de storing"]
        # the wand came back by itself and shows both entries
        wand.wait_for_function("() => window.__oude_pagina === undefined", timeout=90_000)
        muur = wand.locator(".wp-wall")
        muur.get_by_text("Tijdens de storing getypt").wait_for(timeout=90_000)
        assert "Voor de storing" in muur.inner_text()
        # the regiekamer came back by itself and its Volgende works again
        regiekamer.wait_for_function("() => window.__oude_pagina === undefined", timeout=90_000)
        wacht_op_widget(regiekamer, "wp-next-step", timeout=90_000).click()
        regiekamer.locator(".wp-current-step", has_text="Stellingen").wait_for(timeout=30_000)
        wand.locator(".wp-current-step", has_text="Stellingen").wait_for(timeout=30_000)
    finally:
        server.stop()


def test_server_weg_tijdens_het_aanmelden_naam_en_organisatie_komen_terug_in_hun_eigen_veld(
    tmp_path, nieuwe_pagina, voila_server_factory
):
    """Survives: what a participant filled in on the join form while the server was gone,
    each text in its own field and in the kernel (joining uses both)."""
    from .test_live_bijeenkomst import _onderdelen

    db = tmp_path / "werkplaats.db"
    store = Store(db)
    b, sleutel = store.nieuwe_bijeenkomst("Aanmelden", onderdelen=_onderdelen())
    store.regie(b.code, sleutel).volgende()
    server = start_voila_server(tmp_path / "server", None, pool=1, db=db)
    try:
        server.wacht_op_pool()
        telefoon = nieuwe_pagina()
        telefoon.goto(server.url("deelnemer", code=b.code))
        wacht_op_widget(telefoon, "wp-join-organisatie")

        server.stop()
        telefoon.locator("#wp-verbinding").wait_for(state="visible", timeout=20_000)
        telefoon.locator(".wp-join-naam input").fill("Joost")
        telefoon.locator(".wp-join-organisatie input").fill("Bibliotheek Noord")
        telefoon.evaluate("window.__oude_pagina = true")

        poort = int(server.base.rsplit(":", 1)[1])
        server = start_voila_server(tmp_path / "server", None, pool=1, db=db, poort=poort)
        telefoon.wait_for_function(
            "() => window.__oude_pagina === undefined && document.documentElement.dataset.wpHersteld === '2'",
            timeout=90_000,
        )
        assert telefoon.locator(".wp-join-naam input").input_value() == "Joost"
        assert telefoon.locator(".wp-join-organisatie input").input_value() == "Bibliotheek Noord"
        telefoon.locator(".wp-join-domein select").select_option(label="Zorg (medisch)")
        telefoon.locator(".wp-join-button").click()
        wacht_op_widget(telefoon, "wp-input")
        telefoon.get_by_text("Je doet mee als Joost (Bibliotheek Noord)").wait_for(timeout=15_000)
    finally:
        server.stop()


def test_bevroren_server_de_telefoon_zegt_het_en_verliest_niets_als_hij_weer_draait(
    tmp_path, nieuwe_pagina, voila_server_factory
):
    """A frozen server (a laptop that hangs; SIGSTOP here) keeps its sockets open, so only
    the page's own check notices. Survives: the same page (no reload), the text typed
    meanwhile, which Versturen stores once the server runs again. Never shown: a stale
    "Opgeslagen"."""
    from .test_live_bijeenkomst import _onderdelen, kom_binnen, schrijf

    db = tmp_path / "werkplaats.db"
    store = Store(db)
    b, sleutel = store.nieuwe_bijeenkomst("Bevroren", onderdelen=_onderdelen())
    store.regie(b.code, sleutel).volgende()
    server = start_voila_server(tmp_path / "server", None, pool=1, db=db)
    bevroren = False
    try:
        server.wacht_op_pool()
        telefoon = nieuwe_pagina()
        kom_binnen(telefoon, server, b.code, "Buurthuis", naam="Ilse")
        schrijf(telefoon, "Voor het bevriezen")
        telefoon.evaluate("window.__zelfde_pagina = true")

        os.kill(server.proces.pid, signal.SIGSTOP)
        bevroren = True
        banner = telefoon.locator("#wp-verbinding")
        banner.wait_for(state="visible", timeout=20_000)  # the page checks every 5 s, 2 s after a miss
        assert banner.inner_text() == BANNER
        assert not telefoon.locator(".wp-saved").is_visible()  # no stale "Opgeslagen"
        telefoon.locator(".wp-input textarea").fill("Tijdens het bevriezen getypt")

        os.kill(server.proces.pid, signal.SIGCONT)
        bevroren = False
        banner.wait_for(state="hidden", timeout=30_000)
        assert telefoon.evaluate("window.__zelfde_pagina") is True  # no reload was needed
        assert telefoon.locator(".wp-input textarea").input_value() == "Tijdens het bevriezen getypt"
        telefoon.locator(".wp-submit").click()
        wacht_op_widget(telefoon, "wp-saved", timeout=15_000)
        teksten = sorted(x.tekst for x in Store(db).items("bijdrage", b.id))
        assert teksten == ["Tijdens het bevriezen getypt", "Voor het bevriezen"]
    finally:
        if bevroren:
            os.kill(server.proces.pid, signal.SIGCONT)
        server.stop()


# ------------------------------------------------------------- the CLI process


def _cli(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "toolkit.cli", *args],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigkill_van_werkplaats_start_neemt_voila_en_kernels_mee(tmp_path):
    """Survives: nothing of the server. After SIGKILL of the CLI no process keeps serving."""
    env = {"WERKPLAATS_DB": str(tmp_path / "w.db"), "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
    nieuw = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "nieuw", "Proef", "--deelnemers", "1", "--json"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    code = json.loads(nieuw.stdout)["code"]
    poort = vrije_poort()
    cli = _cli("start", code, "--poort", str(poort), "--json", env=env)
    try:
        regel = cli.stdout.readline()
        adressen = json.loads(regel)
        assert adressen["wand"].startswith(f"http://127.0.0.1:{poort}/")
        assert httpx.get(adressen["wand"], timeout=60).status_code == 200  # a wand kernel too
        nakomelingen = {p.pid for p in psutil.Process(cli.pid).children(recursive=True)}
        assert len(nakomelingen) >= 3  # Voila, the pool kernel, the wand kernel
        cli.send_signal(signal.SIGKILL)
        cli.wait(10)
        over = _wacht(lambda: not _levend(nakomelingen), 30)
        assert over, f"na SIGKILL leven nog: {_levend(nakomelingen)}"
        with pytest.raises(httpx.TransportError):
            httpx.get(adressen["wand"], timeout=5)
    finally:
        if cli.poll() is None:
            cli.kill()
        cli.wait(10)


def test_start_op_bezette_poort_zegt_het_in_het_nederlands_en_toont_geen_sleutel(tmp_path):
    """Survives: the secret. Someone else's server on the port never gets the facilitator's key."""
    env = {"WERKPLAATS_DB": str(tmp_path / "w.db"), "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
    nieuw = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "nieuw", "Proef", "--json"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    gegevens = json.loads(nieuw.stdout)
    with socket.socket() as bezet:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen()
        poort = bezet.getsockname()[1]
        uit = subprocess.run(
            [sys.executable, "-m", "toolkit.cli", "start", gegevens["code"], "--poort", str(poort)],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert uit.returncode == 2
    assert f"Poort {poort} is al in gebruik" in uit.stderr
    assert gegevens["sleutel"] not in uit.stdout + uit.stderr
    assert "Traceback" not in uit.stderr


# --------------------------------------------------------- kernels as a budget

WAND = REGIEKAMER  # a small page with a button and the kernel's pid
GETS = 5  # per URL; benchmarks/storingen.py measures the 15


@pytest.fixture(scope="module")
def kleine_notebooks(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("kleine_notebooks")
    maak_notebook(d / "deelnemer.ipynb", DEELNEMER)
    maak_notebook(d / "wand.ipynb", WAND)
    maak_notebook(d / "regiekamer.ipynb", REGIEKAMER)
    return d


@pytest.fixture(scope="module")
def budget_server(voila_server_factory, kleine_notebooks):
    return voila_server_factory(kleine_notebooks, pool=0, cull_timeout=8, cull_interval=1, max_kernels=4)


def _get(url: str) -> int:
    with httpx.Client(timeout=60) as c:
        return c.get(url).status_code


def test_een_storm_van_gets_op_de_wand_laat_de_beamer_staan_en_kost_geen_kernel_per_get(
    budget_server, nieuwe_pagina
):
    """Survives: the beamer's wand (connected). GETs of the wand URL or of one personal
    link do not leave a kernel each; the unconnected ones go within a minute."""
    beamer = nieuwe_pagina(viewport=(1920, 1080))
    beamer.goto(budget_server.url("wand", code="STORM1"))
    pid_beamer = kernel_pid(beamer, "wp-pid")
    voor = budget_server.kernel_pids()

    for url in (budget_server.url("wand", code="STORM1"), budget_server.url("deelnemer", code="STORM1", t="x")):
        for _ in range(GETS):
            assert _get(url) == 200
    na = budget_server.kernel_pids()
    # per page and person at most the beamer plus the latest (still loading) GET
    assert len(na - voor) <= 2, f"{len(na - voor)} kernels erbij na {2 * GETS} GETs"
    assert pid_beamer in na
    # unconnected kernels are culled whatever the room does; the beamer stays
    assert _wacht(lambda: budget_server.kernel_pids() == {pid_beamer}, 60), budget_server.kernel_pids()
    assert "Volgende" in wacht_op_widget(beamer, "wp-test").inner_text()


def test_gedode_wandkernel_de_wand_komt_vanzelf_terug(budget_server, nieuwe_pagina):
    """Survives: the wand on the beamer, nobody touching it, after its kernel is killed."""
    wand = nieuwe_pagina(viewport=(1920, 1080))
    wand.goto(budget_server.url("wand", code="DOOD12"))
    oud = kernel_pid(wand, "wp-pid")
    wand.evaluate("window.__oude_pagina = true")
    os.kill(oud, signal.SIGKILL)
    # the page reloads itself and gets a new kernel
    wand.wait_for_function("() => window.__oude_pagina === undefined", timeout=60_000)
    nieuw = kernel_pid(wand, "wp-pid")
    assert nieuw and nieuw != oud
    assert "Volgende" in wacht_op_widget(wand, "wp-test").inner_text()


def test_boven_de_grens_krijgt_een_nieuwe_pagina_de_zaal_is_vol(budget_server):
    """Survives: the pages already open. Past the server's cap (4 here) a new page
    gets a Dutch "de zaal is vol" (HTTP 503) instead of a kernel."""
    assert _wacht(lambda: not budget_server.kernel_pids(), 60)
    statussen = [_get(budget_server.url("deelnemer", code="VOL123")) for _ in range(4)]
    assert statussen == [200] * 4
    r = httpx.get(budget_server.url("deelnemer", code="VOL123"), timeout=60)
    assert r.status_code == 503
    assert "De zaal is vol" in r.text
    assert len(budget_server.kernel_pids()) == 4
    assert "De zaal is vol" in budget_server.log_tekst()


def test_een_dode_plaats_in_de_pool_laat_geen_deelnemer_wachten(
    voila_server_factory, kleine_notebooks, nieuwe_pagina
):
    """Survives: the next participant's join. A pool kernel that dies (as one did when it
    lost the race for its TCP port) is dropped from the pool, never handed out."""
    server = voila_server_factory(kleine_notebooks, pool=1, cull_timeout=8, cull_interval=1)
    server.wacht_op_pool()
    (dood,) = server.kernel_pids()
    os.kill(dood, signal.SIGKILL)
    telefoon = nieuwe_pagina()
    telefoon.goto(server.url("deelnemer", code="DOOD00"))
    tekst = wacht_op_widget(telefoon, "wp-test").inner_text()
    assert "qs=code=DOOD00" in tekst
    assert f"pid={dood}" not in tekst
    log = server.log_tekst()
    assert "dead slot removed" in log or "not handed out again" in log
    server.stop()
