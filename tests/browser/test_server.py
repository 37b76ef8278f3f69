"""The Voila server layer: three pages only, offline, compressed, preheated, culled.

Runs against a real ``toolkit.server`` with small test notebooks (named like the real
pages, so the allowlist applies) and, for routing, against the real notebook folder.
"""

from __future__ import annotations

import http.client
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from toolkit import server as wp_server

from .conftest import (
    geen_externe_verzoeken,
    kernel_pid,
    maak_notebook,
    verzoeken,
    wacht_op_voila,
    wacht_op_widget,
)

CULL_TIMEOUT = 8  # s; long enough that a loading page is never culled on a slow CI box
CULL_INTERVAL = 1

DEELNEMER = """
import asyncio, os
import ipywidgets as w
from toolkit.server import query_string, url_parameters

qs = query_string() or ""
assert url_parameters() == {k: v for k, v in (p.split("=") for p in qs.split("&") if p)}
info = w.Label(
    f"qs={qs}|db={os.environ.get('WERKPLAATS_DB')}"
    f"|preheat={os.environ.get('VOILA_PREHEAT')}|pid={os.getpid()}"
)
info.add_class("wp-test")
teller = w.IntText(value=0)
teller.add_class("wp-teller")

async def tik():
    # like the apps' store polling: widget updates from a background task
    while True:
        await asyncio.sleep(0.3)
        teller.value += 1

_taak = asyncio.get_event_loop().create_task(tik())
display(w.VBox([info, teller]))
"""

REGIEKAMER_MD = "%%md\n# Kop\n\nEen formule $e^{i\\pi} + 1 = 0$ en $$\\sum_{k=1}^n k$$"
REGIEKAMER = """
import os
import ipywidgets as w
knop = w.Button(description="Volgende", icon="check")
knop.add_class("wp-test")
label = w.Label(f"pid={os.getpid()}")
label.add_class("wp-pid")
display(w.VBox([knop, label]))
"""

WAND = """
geheime_bron = "BRONCODE-GEHEIM"
def binnenste():
    raise RuntimeError("SPOOR-GEHEIM")
binnenste()
"""


@pytest.fixture(scope="module")
def test_notebooks(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("notebooks")
    maak_notebook(d / "deelnemer.ipynb", DEELNEMER)
    maak_notebook(d / "regiekamer.ipynb", REGIEKAMER_MD, REGIEKAMER)
    maak_notebook(d / "wand.ipynb", WAND)
    maak_notebook(d / "verslag.ipynb", "print('VERSLAG-GEHEIM')")
    (d / "geheim.txt").write_text("GEHEIM", encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def server(voila_server_factory, test_notebooks):
    s = voila_server_factory(test_notebooks, pool=2, cull_timeout=CULL_TIMEOUT, cull_interval=CULL_INTERVAL)
    s.wacht_op_pool()
    return s


@pytest.fixture(scope="module")
def echte_server(voila_server_factory):
    """The real notebook folder (routing only), no pool, no kernels until asked."""
    return voila_server_factory(None, pool=0)


def _rauw(base: str, pad: str, methode: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """An HTTP request with the path sent literally (no ``..`` normalisation)."""
    deel = urlsplit(base)
    conn = http.client.HTTPConnection(deel.hostname, deel.port, timeout=30)
    try:
        conn.request(methode, pad, headers={"Accept-Encoding": "identity"})
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


# ------------------------------------------------------------------ config, no browser


def test_config_pool_alleen_voor_deelnemer_en_culling():
    c = wp_server.voila_config(pool_deelnemers=5, cull_timeout=120)
    assert c.VoilaConfiguration.preheat_kernel is True
    # Voila fills nothing itself; the ZaalPool fills deelnemer up to 5
    assert c.VoilaKernelManager.kernel_pools_config == {
        "default": {"pool_size": 0},
        "deelnemer.ipynb": {"pool_size": 0},
    }
    assert c.Voila.tornado_settings["werkplaats_pool"] == 5
    assert c.KernelManager.transport == "ipc"  # no TCP ports to collide on
    assert c.MappingKernelManager.cull_idle_timeout == 120
    assert c.MappingKernelManager.cull_connected is False
    assert 1 <= c.MappingKernelManager.cull_interval <= 60
    assert c.VoilaConfiguration.strip_sources is True
    assert c.VoilaConfiguration.show_tracebacks is False
    assert c.Voila.tornado_settings["compress_response"] is True
    assert wp_server.voila_config(pool_deelnemers=0).VoilaConfiguration.preheat_kernel is False


def test_notebooks_gevonden():
    bron = wp_server.notebook_bron()
    for p in wp_server.PAGINAS:
        assert (bron / f"{p}.ipynb").is_file()


# ---------------------------------------------------------------------------- routing

VERBODEN = [
    "/voila/render/verslag.ipynb",
    "/voila/tree",
    "/voila/tree/",
    "/voila/tree/notebooks",
    "/tree",
    "/tree/",
    "/voila/files/deelnemer.ipynb",
    "/voila/files/verslag.ipynb",
    "/voila/files/geheim.txt",
    "/voila/files/../../etc/passwd",
    "/voila/render/../verslag.ipynb",
    "/voila/render/%2e%2e/verslag.ipynb",
    "/voila/render/deelnemer.ipynb/../verslag.ipynb",
    "/voila/render/deelnemer.ipynb.bak",
    "/voila/render/Deelnemer.ipynb",
    "/voila/render/geheim.txt",
    "/voila/render/",
    "/voila/static/../../../../../../etc/passwd",
    "/voila/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/voila/templates/lab/static/../../../../../../etc/passwd",
    "/voila/api/contents",
    "/voila/api/contents/",
    "/voila/api/contents/verslag.ipynb",
    "/api/contents",
    "/api/kernels",
    "/api/sessions",
    "/deelnemer.ipynb",
    "/verslag.ipynb",
    "/notebooks/verslag.ipynb",
    "/lab",
    "/edit/verslag.ipynb",
    "/geheim.txt",
    "/etc/passwd",
    "/voila/query/00000000-0000-0000-0000-000000000000",
]


def _geen_inhoud(status: int, body: bytes) -> bool:
    return status >= 400 or not body.strip()


@pytest.mark.parametrize("pad", VERBODEN)
def test_alleen_drie_paginas_op_echte_notebookmap(echte_server, pad):
    status, headers, body = _rauw(echte_server.base, pad)
    assert _geen_inhoud(status, body), f"{pad} -> {status}: {body[:200]!r}"
    assert b"verslag" not in body.lower() or status >= 400


def test_testmap_serveert_geen_bestanden(server):
    for pad in ("/voila/files/geheim.txt", "/voila/render/verslag.ipynb", "/voila/tree", "/"):
        status, headers, body = _rauw(server.base, pad)
        assert b"GEHEIM" not in body
        if pad == "/":
            assert status in (301, 302)
            assert headers["location"].endswith("/voila/render/deelnemer.ipynb")
        else:
            assert status >= 400, pad


def test_wortel_stuurt_door_naar_deelnemer_met_query(echte_server):
    status, headers, _ = _rauw(echte_server.base, "/?code=ABC123")
    assert status in (301, 302)
    assert headers["location"] == "/voila/render/deelnemer.ipynb?code=ABC123"


def test_echte_pagina_antwoordt(echte_server):
    import httpx

    r = httpx.get(echte_server.url("wand"), timeout=60)
    assert r.status_code == 200
    assert "from toolkit.apps.wand import toon" not in r.text  # the notebook's source is stripped


# --------------------------------------------------------------------------- offline


def test_pagina_toont_widget_zonder_externe_verzoeken(server, nieuwe_pagina):
    page = nieuwe_pagina()
    page.goto(server.url("regiekamer"))
    knop = wacht_op_widget(page, "wp-test")
    assert "Volgende" in knop.inner_text()
    wacht_op_voila(page)
    page.wait_for_load_state("networkidle")
    # MathJax typesets from the bundle, not from cdnjs
    assert page.locator("mjx-container").count() >= 1
    assert any("/voila/static/" in u for u in verzoeken(page))
    geen_externe_verzoeken(page)
    # sources are stripped
    assert "add_class" not in page.content()


def test_deelnemer_pagina_offline(server, nieuwe_pagina):
    page = nieuwe_pagina()
    page.goto(server.url("deelnemer", code="OFF123"))
    wacht_op_widget(page, "wp-test")
    page.wait_for_load_state("networkidle")
    geen_externe_verzoeken(page)


def test_geen_traceback_naar_browser(server, nieuwe_pagina):
    status, _, body = _rauw(server.base, "/voila/render/wand.ipynb")
    tekst = body.decode("utf-8", "replace")
    for geheim in ("SPOOR-GEHEIM", "BRONCODE-GEHEIM", "binnenste", "Traceback"):
        assert geheim not in tekst
    page = nieuwe_pagina()
    page.goto(server.url("wand"))
    page.wait_for_load_state("networkidle")
    inhoud = page.content()
    for geheim in ("SPOOR-GEHEIM", "BRONCODE-GEHEIM", "binnenste", "Traceback"):
        assert geheim not in inhoud
    geen_externe_verzoeken(page)


# ------------------------------------------------------------------------ compression


def test_antwoorden_gecomprimeerd(server):
    import httpx

    with httpx.Client(base_url=server.base, timeout=60, headers={"Accept-Encoding": "gzip"}) as c:
        html = c.get("/voila/render/regiekamer.ipynb")
        assert html.headers.get("content-encoding") == "gzip"
        scripts = re.findall(r'src="(/voila/[^"]+\.js[^"]*)"', html.text)
        assert scripts, "geen scripts in de pagina"
        groot = c.get("/voila/static/voila.js")
        assert groot.status_code == 200
        assert len(groot.content) > 10_000
        assert groot.headers.get("content-encoding") == "gzip"
        # every script the page loads from our server comes compressed
        for pad in scripts[:5]:
            r = c.get(pad)
            if len(r.content) > 1024:
                assert r.headers.get("content-encoding") == "gzip", pad


# --------------------------------------------------------------------------- preheat


def test_voorverwarmde_kernel_leest_queryparameters(server, nieuwe_pagina):
    server.wacht_op_pool()
    teksten = []
    for code in ("ABC123", "XYZ789"):
        page = nieuwe_pagina()
        page.goto(server.url("deelnemer", code=code, t="tok-" + code))
        tekst = wacht_op_widget(page, "wp-test").inner_text()
        teksten.append(tekst)
        assert f"qs=code={code}&t=tok-{code}" in tekst
        assert f"db={server.db}" in tekst
        assert "preheat=True" in tekst, tekst
        # live updates from a background task reach the page
        teller = page.locator(".wp-teller input")
        eerste = int(teller.input_value())
        page.wait_for_function("([el, v]) => Number(el.value) > v + 2", arg=[teller.element_handle(), eerste])
    assert "Using pre-heated kernel" in server.log_tekst()


# --------------------------------------------------------------------------- culling


def test_kernel_van_gesloten_tab_wordt_opgeruimd(server, nieuwe_pagina):
    blijft = nieuwe_pagina()
    blijft.goto(server.url("regiekamer"))
    pid_blijft = kernel_pid(blijft, "wp-pid")

    weg = nieuwe_pagina()
    weg.goto(server.url("deelnemer", code="WEG000"))
    pid_weg = kernel_pid(weg)
    assert pid_weg and pid_blijft
    # the kernel keeps updating a widget from a background task; still culled
    wacht_op_widget(weg, "wp-teller")
    assert {pid_weg, pid_blijft} <= server.kernel_pids()

    weg.context.close()
    gesloten = time.monotonic()
    eind = gesloten + CULL_TIMEOUT + 4 * CULL_INTERVAL + 20
    while time.monotonic() < eind and pid_weg in server.kernel_pids():
        time.sleep(0.5)
    duur = time.monotonic() - gesloten
    assert pid_weg not in server.kernel_pids(), "kernel van gesloten tab leeft nog"
    assert duur >= CULL_TIMEOUT - 1, f"te vroeg opgeruimd ({duur:.1f} s)"
    # the open page's kernel (idle, but connected) stays
    assert pid_blijft in server.kernel_pids()
    assert "Volgende" in wacht_op_widget(blijft, "wp-test").inner_text()
