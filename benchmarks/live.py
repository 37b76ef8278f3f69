"""Benchmark of the live pages: a wand and N participant pages in headless Chromium.

    python benchmarks/live.py                  # 20 participants
    python benchmarks/live.py --deelnemers 40

Each figure is printed beside a baseline measured in the same run on a bare one-widget
Voila page served the same way (same server, pool and template). Prints figures; asserts
nothing. Goals (issue 6): submit -> wand p95 <= 0.4 s with 40 participants; time to
interactive <= 1.3x bare; first load <= 1.5 MB; join storm of 40 <= 10 s; memory per
kernel <= 1.2x bare; 0 kernels left of closed tabs after the cull timeout.

Every participant here is a real Chromium tab, so on a 2-core machine the tabs, not the
server, set the limit at about 20. A full room (60 and more phones at the protocol level,
the wand and one real phone in Chromium) is ``benchmarks/zaal.py`` (issue 15).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
import nbformat
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit import model, server  # noqa: E402
from toolkit.store import Store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
KAAL = """
import ipywidgets as w
from toolkit.apps.ui import url_parameters
url_parameters()
knop = w.Button(description="Doe mee")
knop.add_class("wp-join-button")
display(knop)
"""


class Server:
    def __init__(self, notebooks: Path | None, pool: int, cull: int, werk: Path) -> None:
        werk.mkdir(parents=True, exist_ok=True)
        self.db = werk / "werkplaats.db"
        self.log = werk / "voila.log"
        self.poort = _vrije_poort()
        self.proces = server.start_server(
            poort=self.poort,
            env={"WERKPLAATS_DB": str(self.db)},
            notebook_dir=notebooks,
            pool_deelnemers=pool,
            cull_timeout=cull,
            cull_interval=max(1, cull // 4),
            log=self.log,
        )
        self.base = server.basis_url("127.0.0.1", self.poort)
        self.pool = pool
        self._gevuld = 0
        self._gebruikt = False
        server.wacht_tot_bereikbaar(self.base, 120, proces=self.proces)

    def url(self, pagina: str, **params: str) -> str:
        return server.pagina_url(self.base, pagina, **params)

    def wacht_op_pool(self, timeout: float = 900) -> None:
        """Until Voila reports the pool (re)filled since the last wait, and its kernels are quiet.

        Kernels in use count as kernels too, so counting processes cannot tell a full pool;
        Voila logs "is filled" each time a refill completes (after ``server.VULPAUZE``).
        """
        eind = time.monotonic() + timeout
        while time.monotonic() < eind:
            gevuld = self.log.read_text(errors="replace").count("Kernel pool of deelnemer.ipynb is filled")
            if gevuld > self._gevuld or (gevuld and not self._gebruikt):
                voor = self.cpu()
                time.sleep(1.0)
                if self.cpu() - voor < 0.3:
                    self._gevuld, self._gebruikt = gevuld, False
                    return
            else:
                time.sleep(0.5)

    def kernel_van(self, page) -> psutil.Process | None:
        """The kernel serving an open page (its id is in the page's config)."""
        m = re.search(r'"kernelId":\s*"([\w-]+)"', page.content())
        if not m:
            return None
        for k in self.kernels():
            try:
                if f"kernel-{m.group(1)}.json" in " ".join(k.cmdline()):
                    return k
            except psutil.Error:
                pass
        return None

    def gebruik(self) -> None:
        """Pages are about to take kernels from the pool: the next wait waits for a refill."""
        self._gebruikt = True

    def kernels(self) -> list[psutil.Process]:
        try:
            kinderen = psutil.Process(self.proces.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        uit = []
        for k in kinderen:
            try:
                if "ipykernel" in " ".join(k.cmdline()):
                    uit.append(k)
            except psutil.Error:  # gone or a zombie between listing and reading
                pass
        return uit

    def cpu(self) -> float:
        totaal = 0.0
        for p in [psutil.Process(self.proces.pid), *psutil.Process(self.proces.pid).children(recursive=True)]:
            try:
                t = p.cpu_times()
                totaal += t.user + t.system
            except psutil.NoSuchProcess:
                pass
        return totaal

    def stop(self) -> None:
        kinderen = psutil.Process(self.proces.pid).children(recursive=True)
        self.proces.terminate()
        try:
            self.proces.wait(20)
        except Exception:
            self.proces.kill()
        psutil.wait_procs(kinderen, timeout=5)


def _vrije_poort() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tti(browser, url: str, css: str) -> tuple[float, int]:
    """Seconds until ``css`` is visible, and bytes transferred, for a cold page in a new context."""
    ctx = browser.new_context(viewport={"width": 375, "height": 812})
    page = ctx.new_page()
    verzoeken = []
    page.on("requestfinished", lambda r: verzoeken.append(r))
    t = time.perf_counter()
    page.goto(url)
    page.locator(css).first.wait_for(timeout=120_000)
    duur = time.perf_counter() - t
    page.wait_for_timeout(500)
    bytes_ = 0
    for r in verzoeken:
        try:
            s = r.sizes()
            bytes_ += s["responseBodySize"] + s["responseHeadersSize"]
        except Exception:
            pass
    ctx.close()
    return duur, bytes_


async def _storm(urls: list[str]) -> float:
    async with httpx.AsyncClient(timeout=300) as client:
        t = time.perf_counter()
        antwoorden = await asyncio.gather(*(client.get(u) for u in urls))
        duur = time.perf_counter() - t
    assert all(a.status_code == 200 for a in antwoorden), [a.status_code for a in antwoorden]
    return duur


def join_storm(srv: Server, n: int, url: str) -> tuple[float, float]:
    """All N deelnemer pages requested at once over HTTP: seconds until all are served,
    and server CPU-seconds (server and kernels) per join."""
    srv.wacht_op_pool()
    srv.gebruik()
    cpu = srv.cpu()
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API owns this thread's event loop
        duur = pool.submit(asyncio.run, _storm([url] * n)).result()
    time.sleep(2)
    return duur, (srv.cpu() - cpu) / n


def rss_mb(kernels: list[psutil.Process]) -> float:
    waarden = []
    for k in kernels:
        try:
            waarden.append(k.memory_info().rss / 2**20)
        except psutil.NoSuchProcess:
            pass
    return statistics.median(waarden) if waarden else float("nan")


def kaal_notebooks(map_: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(KAAL)]
    map_.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, map_ / "deelnemer.ipynb")
    return map_


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--deelnemers", type=int, default=20)
    p.add_argument("--pool", type=int, default=None, help="preheated kernels (default: deelnemers)")
    p.add_argument("--cull", type=int, default=30, help="cull timeout in s for the closed-tab count")
    a = p.parse_args()
    n = a.deelnemers
    if n > 20 and (os.cpu_count() or 1) <= 2:
        print(
            f"Let op: {n} Chromium-tabbladen op {os.cpu_count()} kernen meten vooral de tabbladen zelf; "
            "een volle zaal meet je met python benchmarks/zaal.py --deelnemers 60.",
            flush=True,
        )
    pool = a.pool if a.pool is not None else n
    werk = Path(tempfile.mkdtemp(prefix="wp-bench-"))
    from playwright.sync_api import sync_playwright

    rijen: list[tuple[str, str, str]] = []
    print(f"Benchmark live pages: {n} deelnemers, pool {pool}, cull {a.cull} s", flush=True)

    # --- baseline: bare one-widget page --------------------------------------------------------
    kaal = Server(kaal_notebooks(werk / "kaal"), pool, a.cull, werk / "kaal")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        kaal.wacht_op_pool()
        kaal.gebruik()
        kaal_tti = [tti(browser, kaal.url("deelnemer"), ".wp-join-button") for _ in range(3)]
        kaal_storm, kaal_cpu = join_storm(kaal, n, kaal.url("deelnemer"))
        time.sleep(3)
        kaal_rss = rss_mb(kaal.kernels())
        print(
            f"  kale pagina: tti {kaal_tti}, storm {kaal_storm:.1f} s, cpu/join {kaal_cpu:.2f} s, rss {kaal_rss:.0f} MB",
            flush=True,
        )
        browser.close()
    kaal.stop()

    # --- the real pages -------------------------------------------------------------------------
    echt = Server(None, pool, a.cull, werk / "echt")
    store = Store(echt.db)
    b, sleutel = store.nieuwe_bijeenkomst(
        "Benchmark",
        onderdelen=[
            model.Onderdeel(
                werkvorm="wijkbrainstorm",
                titel="Brainstorm",
                vraag="Wat zie je?",
                invoer="tekst",
                anoniem=True,
            )
        ],
    )
    regie = store.regie(b.code, sleutel)
    regie.volgende()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        echt.wacht_op_pool()
        echt.gebruik()
        echt_tti = [tti(browser, echt.url("deelnemer", code=b.code), ".wp-join-button") for _ in range(3)]
        echt_storm, echt_cpu = join_storm(echt, n, echt.url("deelnemer", code=b.code))
        echt.wacht_op_pool()

        wand = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
        wand.goto(echt.url("wand", code=b.code))
        wand.locator(".wp-current-step").wait_for(timeout=120_000)
        wand.evaluate(
            """() => { window.__gezien = {};
            new MutationObserver(() => {
              for (const el of document.querySelectorAll('.wp-wall-item')) {
                const t = el.innerText.trim().split('\\n')[0];
                if (!(t in window.__gezien)) window.__gezien[t] = Date.now();
              }
            }).observe(document.body, {subtree: true, childList: true, characterData: true}); }"""
        )
        paginas = []
        for i in range(n):
            page = browser.new_context(viewport={"width": 375, "height": 812}).new_page()
            page.goto(echt.url("deelnemer", code=b.code))
            page.locator(".wp-join-organisatie input").wait_for(timeout=300_000)
            page.locator(".wp-join-organisatie input").fill(f"Organisatie {i}")
            page.locator(".wp-join-domein select").select_option(label="Overig")
            page.locator(".wp-join-button").click()
            page.locator(".wp-input textarea").wait_for(timeout=60_000)
            paginas.append(page)
        print(f"  {n} deelnemerpagina's open en aangemeld", flush=True)
        latenties = []
        for ronde in range(2):
            for i, page in enumerate(paginas):
                tekst = f"bijdrage {ronde}-{i}"
                page.locator(".wp-input textarea").fill(tekst)
                t0 = page.evaluate(
                    "() => { const t = Date.now(); document.querySelector('.wp-submit').click(); return t; }"
                )
                item = wand.locator(".wp-wall-item", has_text=tekst)
                try:
                    item.wait_for(timeout=20_000, state="attached")
                    gezien = wand.evaluate("() => Date.now()")
                    latenties.append((gezien - t0) / 1000)
                except Exception:
                    latenties.append(float("inf"))
        # the kernels behind the open pages: measured while they serve, then watched as the tabs close
        achter = [k for k in (echt.kernel_van(page) for page in [wand, *paginas]) if k is not None]
        gebruikt_rss = rss_mb(achter[1:])
        gebruikt = {k.pid for k in achter}
        for page in [wand, *paginas]:
            page.context.close()
        browser.close()
    time.sleep(60 + a.cull)
    over = len(gebruikt & {k.pid for k in echt.kernels()})
    echt.stop()

    def p(q: float) -> float:
        lijst = sorted(latenties)
        return lijst[min(len(lijst) - 1, int(q * len(lijst)))]

    kt, et = statistics.median(t for t, _ in kaal_tti), statistics.median(t for t, _ in echt_tti)
    rijen += [
        ("tijd tot interactief, deelnemer (mediaan van 3)", f"{et:.2f} s", f"{kt:.2f} s ({et / kt:.2f}x)"),
        ("bytes eerste lading", f"{echt_tti[0][1] / 1e6:.2f} MB", f"{kaal_tti[0][1] / 1e6:.2f} MB"),
        (f"join storm: {n} tegelijk geserveerd", f"{echt_storm:.1f} s", f"{kaal_storm:.1f} s"),
        ("server-CPU per join", f"{echt_cpu:.2f} s", f"{kaal_cpu:.2f} s"),
        ("insturen -> op de wand p50", f"{statistics.median(latenties):.3f} s", "-"),
        ("insturen -> op de wand p95", f"{p(0.95):.3f} s", "-"),
        ("insturen -> op de wand max", f"{max(latenties):.3f} s", "-"),
        (
            "RSS per deelnemerkernel (mediaan)",
            f"{gebruikt_rss:.0f} MB",
            f"{kaal_rss:.0f} MB ({gebruikt_rss / kaal_rss:.2f}x)",
        ),
        (f"kernels over {60 + a.cull} s na sluiten", f"{over} van {len(gebruikt)}", "-"),
    ]
    breedte = max(len(r[0]) for r in rijen)
    print(f"\n{'meting'.ljust(breedte)}  {'werkplaats':>14}  kale pagina")
    for naam, waarde, basis in rijen:
        print(f"{naam.ljust(breedte)}  {waarde:>14}  {basis}")


if __name__ == "__main__":
    main()
