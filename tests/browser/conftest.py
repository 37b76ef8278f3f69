"""Browser test harness: a real Voila server (``toolkit.server``) and headless Chromium.

Everything here is marked ``browser`` automatically (``pytest -m "not browser"`` skips it).

Fixtures
--------
``chromium_browser`` (session)
    A Playwright ``Browser`` on Debian's ``/usr/bin/chromium`` (never ``playwright
    install``). Skips the test when Chromium or Playwright is missing.
``voila_server_factory`` (session)
    ``start(notebook_dir=None, *, pool=2, cull_timeout=600, cull_interval=None, env=None,
    db=None) -> VoilaServer``: starts ``toolkit.server`` on a free port of 127.0.0.1 with
    ``WERKPLAATS_DB`` set to a fresh temp file (or ``db``), waits until it answers and
    stops it at the end of the session (or earlier with ``server.stop()``).
    ``notebook_dir=None`` serves the real notebooks (``toolkit.server.notebook_bron()``).
``voila_server`` (module)
    One server on the real notebooks for the whole test module: pool 2, cull timeout
    600 s. Create your bijeenkomst in ``voila_server.db`` (the kernels read
    ``WERKPLAATS_DB``) before opening pages.
``nieuwe_pagina`` (function)
    ``nieuwe_pagina(viewport=(375, 812), timeout=60_000, **context_kwargs) -> Page``: a new
    browser context + page that records every request (``verzoeken(page)``); closed after
    the test. Give each participant their own page: each context has its own cookies.
    (``pagina_in(browser, ...)`` does the same for a module-scoped fixture.)

``VoilaServer``
    ``.base`` ("http://127.0.0.1:PORT"), ``.url(pagina="deelnemer", **params)`` (page URL,
    e.g. ``server.url("deelnemer", code="ABC123")``), ``.proces`` (Popen), ``.db``,
    ``.log`` (path; ``.log_tekst()``), ``.kernel_pids()``, ``.wacht_op_pool()`` (warm
    pool ready), ``.pool``,
    ``.stop()``. On a failing test the logs of all running servers are attached to the
    report as a section "voila server log".

Helpers (in a test module here: ``from .conftest import geen_externe_verzoeken, ...``)
-----------------------------------------------------------------------------------
``geen_externe_verzoeken(page)``
    Fails if the page requested anything but 127.0.0.1/localhost (``data:``, ``blob:``
    are fine).
``wacht_op_widget(page, css, timeout=60_000) -> Locator``
    Waits until Voila rendered a widget carrying CSS class ``css`` (``add_class``;
    with or without the leading dot) and returns a locator of the first one.
``doe_mee(page, organisatie, *, naam="", domein="Zorg (medisch)", timeout=60_000)``
    Joins on an open deelnemer page as a participant does; waits for the first input.
``schrijf(page, tekst, *, timeout=60_000)``
    Types a bijdrage on the phone and sends it; waits for "Opgeslagen".
``wacht_op_voila(page, timeout=60_000)``
    Waits until Voila finished executing and shows the cells.
``kernel_pid(page)``/``verzoeken(page)``: see their docstrings.
"""

from __future__ import annotations

import re
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from toolkit import server as wp_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOKAAL = {"127.0.0.1", "localhost", "::1", "[::1]"}
SERVER_START_TIMEOUT = 90.0
STANDAARD_TIMEOUT_MS = 60_000  # generous: a 2-core CI box also runs the kernels

_draaiende_servers: list[VoilaServer] = []


def pytest_collection_modifyitems(config, items):
    hier = Path(__file__).parent
    for item in items:
        if hier in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    uitkomst = yield
    rapport = uitkomst.get_result()
    if rapport.failed:
        for s in list(_draaiende_servers):
            rapport.sections.append((f"voila server log ({s.base})", s.log_tekst(staart=20_000)))


# ------------------------------------------------------------------ the server


def vrije_poort(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@dataclass
class VoilaServer:
    """A running ``toolkit.server`` subprocess (see the module docstring)."""

    proces: subprocess.Popen
    base: str
    db: Path
    log: Path
    notebook_dir: Path | None
    pool: int = 0
    _gestopt: bool = field(default=False, repr=False)

    def url(self, pagina: str = "deelnemer", **params: str) -> str:
        return wp_server.pagina_url(self.base, pagina, **params)

    def log_tekst(self, staart: int | None = None) -> str:
        try:
            tekst = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return tekst[-staart:] if staart else tekst

    def kernel_pids(self) -> set[int]:
        """Pids of the kernel processes of this server (psutil children)."""
        import psutil

        try:
            kinderen = psutil.Process(self.proces.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return set()
        pids = set()
        for k in kinderen:
            try:
                if "ipykernel" in " ".join(k.cmdline()):
                    pids.add(k.pid)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        return pids

    def wacht_op_pool(self, timeout: float = 120.0) -> None:
        """Wait until the deelnemer pool is filled *and* its kernels are quiet.

        The server logs "W van N plaatsen warm (..., nu nodig K)"; the pool is ready
        when W >= K: every place the room still needs waits for its page request (it
        ran its imports up to ``url_parameters()``). Pages still open hold their place,
        so K is N minus the participant pages open. We also wait until the server has
        at least K kernels and all of them use < 10 % CPU, so the next page really gets
        a warm kernel. No-op without a pool.
        """
        if self.pool <= 0:
            return
        import psutil

        eind = time.monotonic() + timeout
        while time.monotonic() < eind:
            if self.proces.poll() is not None:
                raise RuntimeError(f"Voila server stopped:\n{self.log_tekst(staart=5000)}")
            warm = re.findall(r"(\d+) van \d+ plaatsen warm .*nu nodig (\d+)", self.log_tekst())
            if warm and int(warm[-1][0]) >= int(warm[-1][1]):
                pids = self.kernel_pids()
                if len(pids) >= int(warm[-1][1]):
                    procs = []
                    for pid in pids:
                        try:
                            procs.append(psutil.Process(pid))
                            procs[-1].cpu_percent(None)
                        except psutil.NoSuchProcess:
                            pass
                    time.sleep(0.5)
                    try:
                        if all(p.cpu_percent(None) < 10.0 for p in procs):
                            return
                    except psutil.NoSuchProcess:
                        pass
                    continue
            time.sleep(0.2)
        raise TimeoutError(f"Kernel pool not ready in {timeout} s:\n{self.log_tekst(staart=5000)}")

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM (Voila shuts its kernels down), then SIGKILL; no kernel is left."""
        if self._gestopt:
            return
        self._gestopt = True
        import psutil

        try:
            kinderen = psutil.Process(self.proces.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            kinderen = []
        if self.proces.poll() is None:
            self.proces.terminate()
            try:
                self.proces.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proces.kill()
                self.proces.wait(5)
        _, levend = psutil.wait_procs(kinderen, timeout=5)
        for k in levend:  # only processes this server started
            try:
                k.kill()
            except psutil.NoSuchProcess:
                pass
        if self in _draaiende_servers:
            _draaiende_servers.remove(self)


def start_voila_server(
    werkmap: Path,
    notebook_dir: Path | None = None,
    *,
    pool: int = 2,
    cull_timeout: int = 600,
    cull_interval: int | None = None,
    env: dict[str, str] | None = None,
    db: Path | None = None,
    poort: int | None = None,
    **server_kwargs,
) -> VoilaServer:
    """Start ``toolkit.server`` on a free port of 127.0.0.1 and wait until it answers.

    ``poort``: a given port (a restart on the same address); ``server_kwargs`` go to
    ``toolkit.server.start_server`` (``max_kernels=...``).
    """
    werkmap.mkdir(parents=True, exist_ok=True)
    poort = poort or vrije_poort()
    db = db or werkmap / "werkplaats.db"
    log = werkmap / f"voila-{poort}.log"
    volledig_env = {"WERKPLAATS_DB": str(db), **(env or {})}
    proces = wp_server.start_server(
        host="127.0.0.1",
        poort=poort,
        env=volledig_env,
        notebook_dir=notebook_dir,
        pool_deelnemers=pool,
        cull_timeout=cull_timeout,
        cull_interval=cull_interval,
        log=log,
        **server_kwargs,
    )
    server = VoilaServer(proces, wp_server.basis_url("127.0.0.1", poort), db, log, notebook_dir, pool=pool)
    _draaiende_servers.append(server)
    try:
        wp_server.wacht_tot_bereikbaar(server.base, SERVER_START_TIMEOUT, proces=proces)
    except (TimeoutError, RuntimeError) as e:
        tekst = server.log_tekst(staart=10_000)
        server.stop()
        raise RuntimeError(f"Voila server did not start: {e}\n--- log ---\n{tekst}") from e
    return server


@pytest.fixture(scope="session")
def voila_server_factory(tmp_path_factory) -> Iterator[Callable[..., VoilaServer]]:
    servers: list[VoilaServer] = []

    def start(notebook_dir: Path | None = None, **kwargs) -> VoilaServer:
        s = start_voila_server(tmp_path_factory.mktemp("voila"), notebook_dir, **kwargs)
        servers.append(s)
        return s

    yield start
    for s in servers:
        s.stop()


@pytest.fixture(scope="module")
def voila_server(voila_server_factory) -> VoilaServer:
    return voila_server_factory(None, pool=2, cull_timeout=600)


# ----------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def chromium_browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} ontbreekt (scripts/test installeert chromium met apt)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright (PyPI) is niet geïnstalleerd")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def pagina_in(browser, viewport: tuple[int, int] = (375, 812), *, timeout: float = STANDAARD_TIMEOUT_MS, **context_kwargs):
    """A page in a new browser context (its own cookies) that records every request and
    websocket (read with :func:`verzoeken`); close it with ``page.context.close()``."""
    ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, **context_kwargs)
    ctx.set_default_timeout(timeout)
    page = ctx.new_page()
    lijst: list[str] = []
    page._wp_verzoeken = lijst  # read with verzoeken(page)
    ctx.on("request", lambda r: lijst.append(r.url))
    page.on("websocket", lambda ws: lijst.append(ws.url))
    return page


@pytest.fixture
def nieuwe_pagina(chromium_browser):
    contexten = []

    def maak(viewport: tuple[int, int] = (375, 812), **kwargs):
        page = pagina_in(chromium_browser, viewport, **kwargs)
        contexten.append(page.context)
        return page

    yield maak
    for ctx in contexten:
        try:
            ctx.close()
        except Exception:  # noqa: BLE001 - browser may already be gone
            pass


# ------------------------------------------------------------------- helpers


def verzoeken(page) -> list[str]:
    """Every URL the page's context requested so far (also websockets)."""
    return list(getattr(page, "_wp_verzoeken", []))


def externe_verzoeken(page) -> list[str]:
    extern = []
    for url in verzoeken(page):
        deel = urlsplit(url)
        if deel.scheme in ("data", "blob", "about"):
            continue
        if deel.hostname not in LOKAAL:
            extern.append(url)
    return extern


def geen_externe_verzoeken(page) -> None:
    """Assert the page requested nothing outside 127.0.0.1/localhost."""
    extern = externe_verzoeken(page)
    assert not extern, f"verzoeken buiten de server: {extern}"


def wacht_op_voila(page, timeout: float = STANDAARD_TIMEOUT_MS) -> None:
    """Wait until Voila executed the notebook and shows the rendered cells."""
    page.wait_for_selector("#rendered_cells", state="visible", timeout=timeout)


def wacht_op_widget(page, css: str, timeout: float = STANDAARD_TIMEOUT_MS):
    """Wait until a widget with CSS class ``css`` is visible; return its locator."""
    selector = css if css.startswith((".", "#", "[")) or " " in css else f".{css}"
    loc = page.locator(selector).first
    loc.wait_for(state="visible", timeout=timeout)
    return loc


def doe_mee(
    page, organisatie: str, *, naam: str = "", domein: str = "Zorg (medisch)", timeout: float = STANDAARD_TIMEOUT_MS
) -> None:
    """Join on an open deelnemer page as a participant does: (name,) organisation, domein,
    the join button; then wait for the current onderdeel's first input."""
    if naam:
        page.locator(".wp-join-naam input").fill(naam)
    page.locator(".wp-join-organisatie input").fill(organisatie)
    page.locator(".wp-join-domein select").select_option(label=domein)
    page.locator(".wp-join-button").click()
    wacht_op_widget(page, "wp-input", timeout=timeout)


def schrijf(page, tekst: str, *, timeout: float = STANDAARD_TIMEOUT_MS) -> None:
    """Type a bijdrage on the phone and send it; wait until it says "Opgeslagen"."""
    page.locator(".wp-input textarea").fill(tekst)
    page.locator(".wp-submit").click()
    wacht_op_widget(page, "wp-saved", timeout=timeout)


def kernel_pid(page, css: str = "wp-test") -> int | None:
    """For test notebooks that print ``pid=<os.getpid()>`` in a widget's text."""
    import re

    tekst = wacht_op_widget(page, css).inner_text()
    m = re.search(r"pid=(\d+)", tekst)
    return int(m.group(1)) if m else None


def maak_notebook(pad: Path, *cellen: str) -> Path:
    """Write a small notebook; a cell starting with ``%%md`` is Markdown."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for c in cellen:
        if c.startswith("%%md"):
            nb.cells.append(nbformat.v4.new_markdown_cell(c[4:].lstrip()))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(c))
    pad.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, pad)
    return pad


__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "VoilaServer",
    "doe_mee",
    "externe_verzoeken",
    "geen_externe_verzoeken",
    "kernel_pid",
    "maak_notebook",
    "pagina_in",
    "schrijf",
    "start_voila_server",
    "verzoeken",
    "vrije_poort",
    "wacht_op_voila",
    "wacht_op_widget",
]
