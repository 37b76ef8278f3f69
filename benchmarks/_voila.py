"""Baseline for the live benchmarks: a bare one-widget Voila page, same server settings.

``benchmarks/live.py`` compares Werkplaats pages against this page measured in the same
run (ratios, not absolute times). The bare page is served by ``toolkit.server`` exactly
like the real ones (template, allowlist, compression, preheated pool, culling); only the
notebook differs: it reads its query string and shows one ``Label`` with CSS class
``wp-kaal`` (and its kernel pid, for RSS).

    python benchmarks/_voila.py [--keer 3] [--pool 2]

prints time to interactive, bytes transferred and requests of a first page load, and
the RSS of the bare kernel.

API: ``kale_notebookmap(map)``, ``start_kaal(werkmap, ...) -> KaleServer``,
``meet_pagina(browser, url, css) -> PaginaMeting``, ``kernel_rss_mb(pid)``,
``start_chromium(playwright)``.
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from toolkit import server as wp_server

KAAL_CSS = "wp-kaal"
KAAL_BRON = """\
import os
import ipywidgets as w
from toolkit.server import query_string

qs = query_string() or ""
kaal = w.Label(f"kaal qs={qs} pid={os.getpid()}")
kaal.add_class("wp-kaal")
display(kaal)
"""
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def kale_notebookmap(map_: Path) -> Path:
    """Write the bare page as ``deelnemer.ipynb`` (so the pool and allowlist apply)."""
    import nbformat

    map_.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells.append(nbformat.v4.new_code_cell(KAAL_BRON))
    nbformat.write(nb, map_ / "deelnemer.ipynb")
    return map_


@dataclass
class KaleServer:
    proces: subprocess.Popen
    base: str
    log: Path

    def url(self, **params: str) -> str:
        return wp_server.pagina_url(self.base, "deelnemer", **params)

    def stop(self) -> None:
        if self.proces.poll() is None:
            self.proces.terminate()
            try:
                self.proces.wait(20)
            except subprocess.TimeoutExpired:
                self.proces.kill()
                self.proces.wait(5)


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_kaal(
    werkmap: Path,
    *,
    poort: int | None = None,
    pool: int = wp_server.STANDAARD_POOL_DEELNEMERS,
    cull_timeout: int = wp_server.STANDAARD_CULL_TIMEOUT,
    cull_interval: int | None = None,
    env: dict[str, str] | None = None,
) -> KaleServer:
    """Start ``toolkit.server`` on the bare notebook and wait until it answers."""
    werkmap.mkdir(parents=True, exist_ok=True)
    nbmap = kale_notebookmap(werkmap / "kaal")
    poort = poort or _vrije_poort()
    log = werkmap / f"voila-kaal-{poort}.log"
    proces = wp_server.start_server(
        poort=poort,
        env={"WERKPLAATS_DB": str(werkmap / "kaal.db"), **(env or {})},
        notebook_dir=nbmap,
        pool_deelnemers=pool,
        cull_timeout=cull_timeout,
        cull_interval=cull_interval,
        log=log,
    )
    server = KaleServer(proces, wp_server.basis_url("127.0.0.1", poort), log)
    try:
        wp_server.wacht_tot_bereikbaar(server.base, 90, proces=proces)
    except Exception:
        server.stop()
        raise
    return server


def start_chromium(pw):
    return pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


@dataclass
class PaginaMeting:
    tti_s: float  # goto -> widget with the CSS class visible
    bytes: int  # encoded response bodies + headers, as transferred
    verzoeken: int
    extern: list[str]
    tekst: str


def meet_pagina(browser, url: str, css: str = KAAL_CSS, viewport=(375, 812)) -> PaginaMeting:
    """Load ``url`` in a fresh context (cold cache) and measure the first load."""
    ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    try:
        page = ctx.new_page()
        klaar: list = []
        urls: list[str] = []
        ctx.on("request", lambda r: urls.append(r.url))
        ctx.on("requestfinished", lambda r: klaar.append(r))
        t0 = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=120_000)
        loc = page.locator(f".{css}").first
        loc.wait_for(state="visible", timeout=120_000)
        tti = time.perf_counter() - t0
        page.wait_for_load_state("networkidle", timeout=120_000)
        totaal = 0
        for r in klaar:
            try:
                maten = r.sizes()
            except Exception:  # noqa: BLE001 - request gone with its page
                continue
            totaal += maten["responseBodySize"] + maten["responseHeadersSize"]
        extern = [
            u
            for u in urls
            if not u.startswith(("data:", "blob:"))
            and not re.match(r"^(https?|wss?)://(127\.0\.0\.1|localhost|\[::1\])[:/]", u)
        ]
        return PaginaMeting(tti, totaal, len(urls), extern, loc.inner_text())
    finally:
        ctx.close()


def kernel_rss_mb(pid: int) -> float:
    import psutil

    return psutil.Process(pid).memory_info().rss / 2**20


def _wacht_rustig(server: KaleServer, pool: int, timeout: float = 120) -> None:
    """Wait until ``pool`` kernels run and are idle (pool warm)."""
    import psutil

    eind = time.monotonic() + timeout
    while time.monotonic() < eind:
        try:
            kinderen = [
                k
                for k in psutil.Process(server.proces.pid).children(recursive=True)
                if "ipykernel" in " ".join(k.cmdline())
            ]
        except psutil.NoSuchProcess:
            raise RuntimeError("server gestopt") from None
        if len(kinderen) >= pool:
            for k in kinderen:
                k.cpu_percent(None)
            time.sleep(0.5)
            if all(k.cpu_percent(None) < 10 for k in kinderen):
                return
        time.sleep(0.3)
    raise TimeoutError("pool niet warm")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--keer", type=int, default=3, help="page loads to measure")
    p.add_argument("--pool", type=int, default=2)
    a = p.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="wp-kaal-") as tmp:
        server = start_kaal(Path(tmp), pool=max(a.pool, 1))
        try:
            with sync_playwright() as pw:
                browser = start_chromium(pw)
                metingen = []
                for i in range(a.keer):
                    _wacht_rustig(server, max(a.pool, 1))
                    m = meet_pagina(browser, server.url(code=f"K{i}"))
                    pid = int(re.search(r"pid=(\d+)", m.tekst).group(1))
                    time.sleep(1.0)  # let the kernel settle after rendering
                    rss = kernel_rss_mb(pid)
                    metingen.append((m, rss))
                    print(
                        f"laad {i + 1}: tti {m.tti_s:.2f} s, {m.bytes / 1e6:.2f} MB, "
                        f"{m.verzoeken} verzoeken, extern {len(m.extern)}, kernel {rss:.0f} MB RSS",
                        flush=True,
                    )
                browser.close()
        finally:
            server.stop()
    tti = statistics.median(m.tti_s for m, _ in metingen)
    mb = statistics.median(m.bytes for m, _ in metingen) / 1e6
    rss = statistics.median(r for _, r in metingen)
    print(f"kale pagina (mediaan van {len(metingen)}): tti {tti:.2f} s, {mb:.2f} MB, kernel {rss:.0f} MB RSS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
