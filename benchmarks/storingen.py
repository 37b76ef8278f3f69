"""Server faults, measured (issue 14): a burst of GETs, and a server restart under open pages.

    python benchmarks/storingen.py [--gets 15] [--geen-herstart]

Prints
- kernels in the server tree before and after ``--gets`` GETs of the wand URL and of one
  personal link, and again 60 s later (culling of unconnected kernels);
- the restart: a phone (personal link, a saved entry, text typed during the outage) and
  the wand in headless Chromium; the server is stopped and started again on the same
  port. Time until the phone shows "verbinding weg", time from the restart until the
  phone has its page and typed text back and until the wand shows the room again, and
  entries lost (sent vs. in the store).

Runs against whatever ``toolkit`` is on ``PYTHONPATH`` (the baseline: the main
checkout; the restart part needs the connection banner, so only the burst is
comparable there).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil

from toolkit import model
from toolkit import server as wp_server
from toolkit.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _voila import _vrije_poort, start_chromium  # noqa: E402


def kernels(proces) -> int:
    try:
        kinderen = psutil.Process(proces.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return 0
    n = 0
    for k in kinderen:
        try:
            n += "ipykernel" in " ".join(k.cmdline())
        except psutil.Error:
            pass
    return n


def start(werkmap: Path, db: Path, poort: int, pool: int):
    proces = wp_server.start_server(
        host="127.0.0.1",
        poort=poort,
        env={"WERKPLAATS_DB": str(db)},
        pool_deelnemers=pool,
        log=werkmap / "server.log",
    )
    wp_server.wacht_tot_bereikbaar(wp_server.basis_url("127.0.0.1", poort), 120, proces=proces)
    return proces


def stop(proces) -> None:
    kinderen = []
    try:
        kinderen = psutil.Process(proces.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        pass
    proces.terminate()
    try:
        proces.wait(20)
    except Exception:  # noqa: BLE001
        proces.kill()
    psutil.wait_procs(kinderen, timeout=5)


def wacht_stil(proces, n: int, timeout: float = 180) -> None:
    eind = time.monotonic() + timeout
    while time.monotonic() < eind and kernels(proces) < n:
        time.sleep(0.5)
    time.sleep(3)


def bijeenkomst(db: Path):
    store = Store(db)
    b, sleutel = store.nieuwe_bijeenkomst(
        "Storingen",
        onderdelen=[
            model.Onderdeel(werkvorm="wijkbrainstorm", titel="Brainstorm", vraag="Wat zie je?", invoer="tekst")
        ],
    )
    store.regie(b.code, sleutel).volgende()
    return store, b


def burst(werkmap: Path, gets: int) -> None:
    db = werkmap / "burst.db"
    store, b = bijeenkomst(db)
    _d, token = store.aanmelden(b.code, organisatie="GGD", domein="zorg")
    poort = _vrije_poort()
    proces = start(werkmap, db, poort, pool=2)
    try:
        wacht_stil(proces, 2)
        basis = wp_server.basis_url("127.0.0.1", poort)
        voor = kernels(proces)
        rijen = []
        for naam, url in (
            ("wand", wp_server.pagina_url(basis, "wand", code=b.code)),
            ("persoonlijke link", wp_server.pagina_url(basis, "deelnemer", code=b.code, t=token)),
        ):
            t0 = time.monotonic()
            statussen = [httpx.get(url, timeout=120).status_code for _ in range(gets)]
            duur = time.monotonic() - t0
            rijen.append((naam, kernels(proces), duur, statussen.count(200)))
        time.sleep(60)
        later = kernels(proces)
        print(f"\nBurst van {gets} GETs (pool 2; kernels in de serverboom)")
        print(f"  voor de burst:                      {voor}")
        for naam, n, duur, ok in rijen:
            print(f"  na {gets} GETs {naam:<20} {n:>3}   ({ok} x 200, {duur:.1f} s)")
        print(f"  60 s later:                         {later}")
    finally:
        stop(proces)


def herstart(werkmap: Path) -> None:
    from playwright.sync_api import sync_playwright

    db = werkmap / "herstart.db"
    store, b = bijeenkomst(db)
    poort = _vrije_poort()
    proces = start(werkmap, db, poort, pool=1)
    basis = wp_server.basis_url("127.0.0.1", poort)
    try:
        wacht_stil(proces, 1)
        with sync_playwright() as pw:
            browser = start_chromium(pw)
            tel = browser.new_context(viewport={"width": 375, "height": 812}).new_page()
            wand = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
            for p in (tel, wand):
                p.set_default_timeout(120_000)
            tel.goto(wp_server.pagina_url(basis, "deelnemer", code=b.code))
            tel.locator(".wp-join-organisatie input").fill("Wijkteam")
            tel.locator(".wp-join-domein select").select_option(label="Zorg (medisch)")
            tel.locator(".wp-join-button").click()
            tel.locator(".wp-input textarea").wait_for()
            wand.goto(wp_server.pagina_url(basis, "wand", code=b.code))
            wand.locator(".wp-current-step").wait_for()
            verzonden = 0
            for tekst in ("Eerste", "Tweede"):
                tel.locator(".wp-input textarea").fill(tekst)
                tel.locator(".wp-submit").click()
                tel.locator(".wp-saved").wait_for()
                verzonden += 1
            wand.locator(".wp-wall").get_by_text("Tweede").wait_for()

            # the server stops (SIGTERM: Voila shuts its kernels down first); the banner
            # is timed from the moment the server process is gone
            proces.terminate()
            t_weg = t_banner_gezien = None
            eind = time.monotonic() + 120
            while time.monotonic() < eind and (t_weg is None or t_banner_gezien is None):
                if t_weg is None and proces.poll() is not None:
                    t_weg = time.monotonic()
                if t_banner_gezien is None and tel.locator("#wp-verbinding").is_visible():
                    t_banner_gezien = time.monotonic()
                time.sleep(0.1)
            stop(proces)
            t_banner = max(0.0, t_banner_gezien - t_weg)
            tel.locator(".wp-input textarea").fill("Tijdens de storing")
            for p in (tel, wand):
                p.evaluate("window.__oude_pagina = true")
            time.sleep(2)

            t_start = time.monotonic()
            proces = start(werkmap, db, poort, pool=1)
            t_server = time.monotonic() - t_start
            tel.wait_for_function(
                "() => { const t = document.querySelector('.wp-input textarea');"
                " return window.__oude_pagina === undefined && t && t.value === 'Tijdens de storing'"
                " && document.documentElement.dataset.wpVerbinding === 'verbonden'; }"
            )
            t_telefoon = time.monotonic() - t_start
            wand.wait_for_function("() => window.__oude_pagina === undefined")
            wand.locator(".wp-wall").get_by_text("Tweede").wait_for()
            t_wand = time.monotonic() - t_start
            tel.locator(".wp-submit").click()
            tel.locator(".wp-saved").wait_for()
            verzonden += 1
            wand.locator(".wp-wall").get_by_text("Tijdens de storing").wait_for()
            browser.close()
        opgeslagen = len(Store(db).items("bijdrage", b.id))
        print("\nServer weg en terug (telefoon met persoonlijke link + wand, Chromium)")
        print(f"  'verbinding weg' op de telefoon:      {t_banner:.1f} s nadat de server weg was")
        print(f"  server weer bereikbaar na start:      {t_server:.1f} s")
        print(f"  telefoon herladen, tekst terug:       {t_telefoon:.1f} s na de start")
        print(f"  wand herladen met de bijdragen:       {t_wand:.1f} s na de start")
        print(f"  bijdragen verstuurd / opgeslagen:     {verzonden} / {opgeslagen} (verloren: {verzonden - opgeslagen})")
    finally:
        stop(proces)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--gets", type=int, default=15)
    p.add_argument("--geen-herstart", action="store_true")
    p.add_argument("--geen-burst", action="store_true")
    a = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="werkplaats-storingen-") as d:
        werkmap = Path(d)
        if not a.geen_burst:
            burst(werkmap, a.gets)
        if not a.geen_herstart:
            herstart(werkmap)
    return 0


if __name__ == "__main__":
    sys.exit(main())
