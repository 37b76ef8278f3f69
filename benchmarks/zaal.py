"""A full room on one laptop: N simulated phones, the wand and the regiekamer, one table.

    python benchmarks/zaal.py                      # 60 deelnemers, a whole meeting (~7 min)
    python benchmarks/zaal.py --deelnemers 20 --kort
    python benchmarks/zaal.py --knie               # 20, 40, 60, 80, 100: where join/wand p95 passes 1 s

The phones speak the Voila/widget protocol themselves, without a browser each, so the load
is the server's and not Chromium's: GET the deelnemer page (the kernel id is in the page
config), open ``/api/kernels/<id>/channels`` (protocol ``v1.kernel.websocket.jupyter.org``,
as JupyterLab's services do), ask the ``jupyter.widget.control`` comm for every widget
(``request_states``), find widgets by their ``_dom_classes``, set values with comm
``update`` messages and click buttons with ``custom {"event": "click"}``: what the
browser's widget manager sends. A text field with ``continuous_update`` gets one update per
keystroke, as in a browser. The wand and the regiekamer (and one real phone) run in
headless Chromium (``/usr/bin/chromium``), so the wand figures are what the room sees.

The meeting: a join storm (all N arrive within ~5 s; each reads the form for a moment,
types the organisation key by key, picks a domain and taps "Doe mee", 3.5-9 s in all;
``--meteen``: everyone taps at once, the heaviest storm), a brainstorm starting 30 s later
(2-3 entries each over a minute), a dot vote (3 dots each within 15 s), a step change
(Volgende), a quiet minute, then every phone leaves. The same storm (the N protocol
phones and the one real phone) on a bare one-widget Voila page, served the same way, is
the baseline of the same run. The real phone's Chromium runs at a lower CPU priority (in a
room it renders on the phone; see :func:`telefoon_chromium`). Prints figures;
asserts nothing (``uitvoeren()`` returns them, the test checks what must be exact).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import math
import os
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _voila import CHROMIUM, CHROMIUM_ARGS  # noqa: E402,F401 - one list of flags for every benchmark

from toolkit import model, server  # noqa: E402

PROTOCOL = "v1.kernel.websocket.jupyter.org"
KAAL_BRON = """\
import ipywidgets as w
from toolkit.server import url_parameters
url_parameters()
knop = w.Button(description="Doe mee")
knop.add_class("wp-join-button")
display(knop)
"""
DOMEINEN = [d for d in model.DOMEIN_LABELS]


@dataclass
class Fasen:
    """Durations of the meeting's phases in seconds (shorter for the test)."""

    storm: float = 5.0
    pauze: float = 30.0
    brainstorm: float = 60.0
    stemmen: float = 15.0
    rust: float = 60.0
    opruimen: float = 120.0
    typen: float = 0.12  # seconds between keystrokes
    #: A person reads the join form for a moment, types the organisation, picks a domain and
    #: taps "Doe mee": up to this many seconds of reading before typing (``--meteen``: none).
    lezen: float = 3.0
    meteen: bool = False
    alleen_storm: bool = False
    #: ``--met-bestanden``: every phone also fetches the files of a first visit (Voila's
    #: JavaScript and CSS, read from a real page load), as a real phone does before it connects
    bestanden: list[str] = field(default_factory=list)
    met_bestanden: bool = False

    @classmethod
    def kort(cls) -> Fasen:
        return cls(
            storm=2.0, pauze=2.0, brainstorm=8.0, stemmen=4.0, rust=5.0, opruimen=0.0, typen=0.01, lezen=0.3
        )


# --- the widget protocol --------------------------------------------------------------------


def _pak_in(kanaal: str, bericht: dict[str, Any]) -> bytes:
    delen = [json.dumps(bericht[k]).encode() for k in ("header", "parent_header", "metadata", "content")]
    kanaal_b = kanaal.encode()
    offsets = [8 * (1 + 1 + len(delen) + 1)]
    offsets.append(offsets[-1] + len(kanaal_b))
    for d in delen:
        offsets.append(offsets[-1] + len(d))
    return b"".join(
        [len(offsets).to_bytes(8, "little"), *(o.to_bytes(8, "little") for o in offsets), kanaal_b, *delen]
    )


def _pak_uit(data: bytes) -> tuple[str, list[bytes]]:
    n = int.from_bytes(data[:8], "little")
    offsets = [int.from_bytes(data[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(n)]
    offsets.append(len(data))
    kanaal = data[offsets[0] : offsets[1]].decode()
    return kanaal, [data[offsets[i] : offsets[i + 1]] for i in range(1, len(offsets) - 1)]


class Mislukt(Exception):
    pass


class Telefoon:
    """One participant's phone at the protocol level."""

    def __init__(self, nr: int, base: str, bestanden: list[str] | None = None) -> None:
        self.nr = nr
        self.base = base
        self.bestanden = bestanden or []
        self.gehaald = 0  # files of a first visit fetched
        self.sessie = uuid.uuid4().hex
        self.kernel_id = ""
        self.root = ""
        self.modellen: dict[str, dict[str, Any]] = {}
        self.ws: Any = None
        self._lezer: asyncio.Task | None = None
        self._wijziging = asyncio.Event()
        self._control = ""
        self._klaar = asyncio.Event()
        self.fout = ""  # the connection failed
        self.fouten: list[str] = []  # an action failed
        self.berichten = 0

    # connection ------------------------------------------------------------------------------

    async def laad(self, client: Any, url: str) -> None:
        antwoord = await client.get(url)
        if antwoord.status_code != 200:
            raise Mislukt(f"HTTP {antwoord.status_code}")
        m = re.search(r'"kernelId":\s*"([\w-]+)"', antwoord.text)
        if not m:
            raise Mislukt("geen kernelId in de pagina")
        self.kernel_id = m.group(1)
        wortels = re.findall(r'widget-view\+json":\s*\{"model_id":\s*"([0-9a-f]+)"', antwoord.text)
        if not wortels:
            tekst = re.sub(
                r"<[^>]+>|\s+", " ", re.sub(r"(?s)<(script|style)[^>]*>.*?</\1>", "", antwoord.text)
            )
            raise Mislukt(f"geen widget in de pagina: {' '.join(tekst.split())[:300]}")
        self.root = wortels[-1]
        self.cookie = "; ".join(f"{k}={v}" for k, v in antwoord.cookies.items())
        if self.bestanden:
            await self._haal_bestanden(client)

    async def _haal_bestanden(self, client: Any) -> None:
        """The files of a first visit, four at a time, still compressed (a phone unpacks them,
        not the laptop)."""
        rij = asyncio.Semaphore(4)

        async def een(pad: str) -> None:
            async with rij, client.stream("GET", self.base + pad, headers={"Accept-Encoding": "gzip"}) as a:
                async for _ in a.aiter_raw():
                    pass
                if a.status_code != 200:
                    raise Mislukt(f"HTTP {a.status_code} voor {pad}")
                self.gehaald += 1

        await asyncio.gather(*(een(p) for p in self.bestanden))

    async def verbind(self) -> None:
        import websockets

        url = (
            self.base.replace("http", "ws", 1)
            + f"/api/kernels/{self.kernel_id}/channels?session_id={self.sessie}"
        )
        self.ws = await websockets.connect(
            url,
            subprotocols=[PROTOCOL],
            additional_headers={"Cookie": self.cookie} if self.cookie else None,
            max_size=None,
            open_timeout=60,
            ping_interval=None,
        )
        self._lezer = asyncio.create_task(self._lees())
        self._control = uuid.uuid4().hex
        # what the widget manager does on connecting: open the control comm, ask for all states
        await self._stuur(
            "comm_open",
            {"comm_id": self._control, "target_name": "jupyter.widget.control", "data": {}},
            {"version": "1.0.0"},
        )
        await self._stuur("comm_msg", {"comm_id": self._control, "data": {"method": "request_states"}})
        await asyncio.wait_for(self._klaar.wait(), 60)

    async def sluit(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()
        if self._lezer is not None:
            self._lezer.cancel()
            with contextlib.suppress(BaseException):
                await self._lezer

    async def _stuur(self, soort: str, inhoud: dict[str, Any], metadata: dict | None = None) -> None:
        bericht = {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": soort,
                "username": "",
                "session": self.sessie,
                "date": datetime.now(UTC).isoformat(),
                "version": "5.3",
            },
            "parent_header": {},
            "metadata": metadata or {},
            "content": inhoud,
        }
        await self.ws.send(_pak_in("shell", bericht))

    def _gewijzigd(self) -> None:
        self._wijziging.set()
        self._wijziging = asyncio.Event()

    async def _lees(self) -> None:
        try:
            async for data in self.ws:
                if isinstance(data, str):
                    continue
                kanaal, delen = _pak_uit(data)
                if kanaal != "iopub" or len(delen) < 4:
                    continue
                soort = json.loads(delen[0]).get("msg_type")
                if soort not in ("comm_open", "comm_msg", "comm_close"):
                    continue
                self.berichten += 1
                inhoud = json.loads(delen[3])
                comm = inhoud.get("comm_id", "")
                gegevens = inhoud.get("data", {})
                if soort == "comm_open":
                    self.modellen[comm] = dict(gegevens.get("state", {}))
                elif soort == "comm_close":
                    self.modellen.pop(comm, None)
                elif comm == self._control and gegevens.get("method") == "update_states":
                    for mid, s in gegevens.get("states", {}).items():
                        self.modellen[mid] = dict(s.get("state", {}))
                    self._klaar.set()
                elif gegevens.get("method") in ("update", "echo_update") and comm in self.modellen:
                    self.modellen[comm].update(gegevens.get("state", {}))
                self._gewijzigd()
        except Exception as e:  # the connection went away
            self.fout = self.fout or f"websocket: {e!r}"
            self._gewijzigd()

    # widgets ---------------------------------------------------------------------------------

    def zichtbaar(self) -> list[str]:
        """Model ids a person would see: reachable from the page's root through ``children``,
        with no box on the way hidden by ``layout.display = none``."""
        uit: list[str] = []
        stapel = [self.root]
        gezien: set[str] = set()
        while stapel:
            mid = stapel.pop()
            if mid in gezien or mid not in self.modellen:
                continue
            gezien.add(mid)
            s = self.modellen[mid]
            layout = self.modellen.get(str(s.get("layout", "")).removeprefix("IPY_MODEL_"), {})
            if layout.get("display") == "none":
                continue
            uit.append(mid)
            for kind in reversed(s.get("children", []) or []):
                stapel.append(str(kind).removeprefix("IPY_MODEL_"))
        return uit

    def vind(self, klasse: str, binnen: str | None = None) -> list[str]:
        ids = self.zichtbaar() if binnen is None else self._onder(binnen)
        return [m for m in ids if klasse in (self.modellen[m].get("_dom_classes") or [])]

    def _onder(self, mid: str) -> list[str]:
        uit, stapel = [], [mid]
        while stapel:
            m = stapel.pop()
            if m in self.modellen:
                uit.append(m)
                stapel += [
                    str(k).removeprefix("IPY_MODEL_") for k in self.modellen[m].get("children", []) or []
                ]
        return uit

    def waarde(self, mid: str, naam: str = "value") -> Any:
        return self.modellen.get(mid, {}).get(naam)

    async def wacht(self, voorwaarde, timeout: float = 60.0) -> Any:
        eind = time.monotonic() + timeout
        while True:
            gebeurtenis = self._wijziging
            uitkomst = voorwaarde()
            if uitkomst:
                return uitkomst
            if self.fout:
                raise Mislukt(self.fout)
            rest = eind - time.monotonic()
            if rest <= 0:
                raise Mislukt("wachten duurde te lang")
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(gebeurtenis.wait(), rest)

    async def zet(self, mid: str, **staat: Any) -> None:
        self.modellen[mid].update(staat)
        await self._stuur(
            "comm_msg", {"comm_id": mid, "data": {"method": "update", "state": staat, "buffer_paths": []}}
        )

    async def typ(self, mid: str, tekst: str, pauze: float) -> None:
        """Type like a browser: one update per keystroke with ``continuous_update``."""
        if self.modellen[mid].get("continuous_update", True):
            for i in range(1, len(tekst) + 1):
                await self.zet(mid, value=tekst[:i])
                await asyncio.sleep(pauze)
        else:
            await asyncio.sleep(pauze * len(tekst))
            await self.zet(mid, value=tekst)  # the change event on blur

    async def klik(self, mid: str) -> None:
        await self.bericht(mid, {"event": "click"})

    async def bericht(self, mid: str, inhoud: dict[str, Any]) -> None:
        """A custom message, as a button's click or an anywidget's ``model.send(...)``."""
        await self._stuur("comm_msg", {"comm_id": mid, "data": {"method": "custom", "content": inhoud}})

    def klasse(self, mid: str, klasse: str) -> bool:
        return klasse in (self.modellen.get(mid, {}).get("_dom_classes") or [])


# --- the servers ----------------------------------------------------------------------------


def _vrije_poort() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, werk: Path, notebooks: Path | None, pool: int, cull: int) -> None:
        werk.mkdir(parents=True, exist_ok=True)
        self.db = werk / "werkplaats.db"
        self.log = werk / "voila.log"
        self.pool = pool
        poort = _vrije_poort()
        self.proces = server.start_server(
            poort=poort,
            env={"WERKPLAATS_DB": str(self.db)},
            notebook_dir=notebooks,
            pool_deelnemers=pool,
            cull_timeout=cull,
            cull_interval=max(1, cull // 4),
            log=self.log,
        )
        self.base = server.basis_url("127.0.0.1", poort)
        server.wacht_tot_bereikbaar(self.base, 120, proces=self.proces)

    def url(self, pagina: str, **params: str) -> str:
        return server.pagina_url(self.base, pagina, **params)

    def processen(self) -> list[Any]:
        import psutil

        try:
            hoofd = psutil.Process(self.proces.pid)
            return [hoofd, *hoofd.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def kernels(self) -> dict[str, Any]:
        """kernel id -> process, read from the kernels' connection-file argument."""
        uit = {}
        for p in self.processen()[1:]:
            try:
                cmd = " ".join(p.cmdline())
            except Exception:  # noqa: BLE001 - gone or zombie
                continue
            m = re.search(r"kernel-([\w-]+)\.json", cmd)
            if m and "ipykernel" in cmd:
                uit[m.group(1)] = p
        return uit

    def cpu(self) -> float:
        totaal = 0.0
        for p in self.processen():
            with contextlib.suppress(Exception):
                t = p.cpu_times()
                totaal += t.user + t.system + t.children_user + t.children_system
        return totaal

    async def wacht_op_pool(self, timeout: float = 600) -> None:
        """Until ``pool`` kernels run and the whole server tree is quiet."""
        eind = time.monotonic() + timeout
        while time.monotonic() < eind:
            if self.proces.poll() is not None:
                raise RuntimeError("de server is gestopt; zie " + str(self.log))
            if len(self.kernels()) >= self.pool:
                voor = self.cpu()
                await asyncio.sleep(1.0)
                if self.cpu() - voor < 0.15:
                    return
            else:
                await asyncio.sleep(0.5)
        raise TimeoutError(f"pool van {self.pool} niet warm binnen {timeout} s")

    def kernels_gestart(self) -> int:
        """Kernels this server started so far (jupyter_server logs each start)."""
        tekst = self.log.read_text(errors="replace") if self.log.exists() else ""
        return tekst.count("Kernel started:")

    def log_fouten(self) -> list[str]:
        tekst = self.log.read_text(errors="replace") if self.log.exists() else ""
        return [
            r
            for r in tekst.splitlines()
            if re.search(r"Address already in use|Traceback|\[E |ERROR|died|restarting", r)
        ]

    def stop(self) -> None:
        import psutil

        kinderen = self.processen()[1:]
        if self.proces.poll() is None:
            self.proces.terminate()
            try:
                self.proces.wait(30)
            except Exception:  # noqa: BLE001
                self.proces.kill()
        _, levend = psutil.wait_procs(kinderen, timeout=10)
        for k in levend:
            with contextlib.suppress(Exception):
                k.kill()


def telefoon_chromium(werk: Path) -> str:
    """Chromium for the real phone, at a lower CPU priority (``nice 10``). In a room each phone
    renders its own page; here the one real phone shares the laptop's two cores, and its page
    load (a core for a second and a half) would otherwise decide which of the simulated phones
    wait. What the laptop runs itself (server, kernels, loket, the wand's and regiekamer's
    browser) keeps its priority. The same for the bare storm and the room's."""
    pad = werk / "telefoon-chromium"
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text(f'#!/bin/sh\nexec nice -n 10 {CHROMIUM} "$@"\n')
    pad.chmod(0o755)
    return str(pad)


def _kaal_map(map_: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(KAAL_BRON)]
    map_.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, map_ / "deelnemer.ipynb")
    return map_


# --- figures --------------------------------------------------------------------------------


def pct(waarden: list[float], q: float) -> float:
    if not waarden:
        return float("nan")
    lijst = sorted(waarden)
    return lijst[min(len(lijst) - 1, max(0, math.ceil(q * len(lijst)) - 1))]


def drie(waarden: list[float]) -> str:
    if not waarden:
        return "-"
    return f"{pct(waarden, 0.5):.2f} / {pct(waarden, 0.95):.2f} / {max(waarden):.2f} s"


@dataclass
class Uitkomst:
    n: int
    kaal_join: list[float] = field(default_factory=list)
    kaal_mislukt: int = 0
    kaal_rss_mb: float = float("nan")
    form: list[float] = field(default_factory=list)  # GET -> join form interactive
    join: list[float] = field(default_factory=list)  # GET -> the input shows (after "Doe mee")
    join_mislukt: int = 0
    #: where a join's time goes: GET (the page), websocket + widget states, "Doe mee" -> input
    form_get: list[float] = field(default_factory=list)
    form_ws: list[float] = field(default_factory=list)
    kaal_get: list[float] = field(default_factory=list)
    kaal_ws: list[float] = field(default_factory=list)
    #: ``--met-bestanden``: files of a first visit each phone fetched (median), in the room
    bestanden_per_telefoon: float = 0.0
    doe_mee: list[float] = field(default_factory=list)
    echte_telefoon_s: float = float("nan")
    kaal_echte_telefoon_s: float = float("nan")
    opslaan: list[float] = field(default_factory=list)  # click -> "Opgeslagen" on the phone
    wand: list[float] = field(default_factory=list)  # click -> first seen on the wand
    wand_stem: list[float] = field(default_factory=list)
    stem_totaal: list[float] = field(default_factory=list)
    wand_aankomst: list[float] = field(default_factory=list)  # click -> reaches the wand's browser
    stem_aankomst: list[float] = field(default_factory=list)
    verstuurd: int = 0
    in_store: int = 0
    op_wand: int = 0
    stippen_gezet: int = 0
    stippen_in_store: int = 0
    ranking_goed: bool = False
    ranking_verschil: str = ""
    stap: list[float] = field(default_factory=list)
    stap_gemist: int = 0
    stap_opgeslagen: float = float("nan")  # Volgende clicked -> the step change committed
    rust_cpu_pct: float = float("nan")
    storm_cpu: str = ""
    kaal_storm_cpu: str = ""
    #: ms for a fixed piece of Python just before each storm: a machine that slowed down
    #: between the baseline and the room (another VM on the host) shows here
    snelheid_ms: float = float("nan")
    kaal_snelheid_ms: float = float("nan")
    rss_mediaan_mb: float = float("nan")
    rss_totaal_mb: float = float("nan")
    pss_totaal_mb: float = float("nan")
    kernels_eind: int = 0
    kernels_start: int = 0
    kernels_erbij: int = 0
    kernels_over: int = -1
    #: the server took what the meeting keeps out of the garbage collector before the storm
    #: (toolkit.geheugen): a full collection then no longer stops it for ~0.2 s mid-storm
    bevroren_voor_storm: bool = False
    log_fouten: list[str] = field(default_factory=list)
    fouten_telefoons: list[str] = field(default_factory=list)
    belasting: str = ""

    def tabel(self) -> str:
        r = self
        kj = pct(r.kaal_join, 0.95)
        rijen = [
            ("deelnemers", f"{r.n}", ""),
            *(
                [
                    (
                        "elke telefoon haalt ook de bestanden van een eerste bezoek",
                        f"{r.bestanden_per_telefoon:.0f}",
                        "",
                    )
                ]
                if r.bestanden_per_telefoon
                else []
            ),
            (
                "join storm: pagina -> formulier bruikbaar p50/p95/max",
                drie(r.form),
                f"kaal {drie(r.kaal_join)} ({pct(r.form, 0.95) / kj:.2f}x p95)" if r.kaal_join else "",
            ),
            (
                "join storm: pagina -> invoerveld (na 'Doe mee') p50/p95/max",
                drie(r.join),
                f"{pct(r.join, 0.95) / kj:.2f}x kale p95" if r.kaal_join else "",
            ),
            (
                "  waarvan GET pagina / websocket + widgets p95",
                f"{pct(r.form_get, 0.95):.2f} / {pct(r.form_ws, 0.95):.2f} s",
                f"kaal {pct(r.kaal_get, 0.95):.2f} / {pct(r.kaal_ws, 0.95):.2f} s",
            ),
            ("  waarvan 'Doe mee' -> invoerveld p50/p95/max", drie(r.doe_mee), ""),
            ("mislukte joins", f"{r.join_mislukt}", f"kaal {r.kaal_mislukt}"),
            ("CPU-seconden tijdens de storm", r.storm_cpu, f"kaal {r.kaal_storm_cpu}"),
            (
                "machinesnelheid vlak voor de storm (vaste rekenklus)",
                f"{r.snelheid_ms:.0f} ms",
                f"kaal {r.kaal_snelheid_ms:.0f} ms"
                + (" - de machine veranderde van snelheid: meet opnieuw" if _snelheid_verschilt(r) else ""),
            ),
            (
                "echte telefoon (Chromium): pagina -> invoerveld",
                f"{r.echte_telefoon_s:.2f} s",
                f"kaal (tot de knop) {r.kaal_echte_telefoon_s:.2f} s",
            ),
            ("brainstorm: klik -> 'Opgeslagen' p50/p95/max", drie(r.opslaan), ""),
            ("brainstorm: klik -> bij de wand aangekomen p50/p95/max", drie(r.wand_aankomst), "websocket"),
            ("brainstorm: klik -> zichtbaar op de wand p50/p95/max", drie(r.wand), "incl. bladeren"),
            (
                "bijdragen verstuurd / in de opslag / op de wand",
                f"{r.verstuurd} / {r.in_store} / {r.op_wand}",
                "",
            ),
            (
                "stemmen: klik -> telling bij de wand aangekomen p50/p95/max",
                drie(r.stem_aankomst),
                "websocket",
            ),
            (
                "stemmen: klik -> teller 'N stippen gezet' op de wand p50/p95/max",
                drie(r.stem_totaal),
                "zichtbaar",
            ),
            (
                "stemmen: klik -> telling op de eigen kaart zichtbaar p50/p95/max",
                drie(r.wand_stem),
                "incl. bladeren",
            ),
            (
                "stippen gezet / in de opslag; ranking op de wand",
                f"{r.stippen_gezet} / {r.stippen_in_store}; {'goed' if r.ranking_goed else 'FOUT ' + r.ranking_verschil}",
                "",
            ),
            ("Volgende -> telefoons op de nieuwe stap p50/p95/max", drie(r.stap), f"{r.stap_gemist} gemist"),
            ("  waarvan klik -> stap opgeslagen (regiekamer)", f"{r.stap_opgeslagen:.2f} s", ""),
            ("stille zaal: CPU server + kernels", f"{r.rust_cpu_pct:.1f} % van een kern", ""),
            (
                "RSS per deelnemerkernel (mediaan)",
                f"{r.rss_mediaan_mb:.0f} MB",
                f"kaal {r.kaal_rss_mb:.0f} MB ({r.rss_mediaan_mb / r.kaal_rss_mb:.2f}x)",
            ),
            (
                "geheugen hele serverboom: RSS-som / PSS-som",
                f"{r.rss_totaal_mb / 1024:.2f} / {r.pss_totaal_mb / 1024:.2f} GB",
                f"{r.kernels_eind} kernels",
            ),
            (
                "kernels bij de start / erbij gestart tijdens de bijeenkomst",
                f"{r.kernels_start} / {r.kernels_erbij}",
                "",
            ),
            ("kernels over na sluiten", f"{r.kernels_over}" if r.kernels_over >= 0 else "niet gemeten", ""),
            ("fouten in het serverlog", f"{len(r.log_fouten)}", ""),
            ("belasting van de machine (uptime)", r.belasting, ""),
        ]
        breed = max(len(a) for a, _, _ in rijen)
        midden = max(len(b) for _, b, _ in rijen)
        return "\n".join(f"{a.ljust(breed)}  {b.ljust(midden)}  {c}".rstrip() for a, b, c in rijen)


def _laatste_wijziging(store: Any, bijeenkomst_id: int, soort: str) -> float:
    """When the last change of ``soort`` was committed (epoch seconds), read from the change log."""
    from sqlalchemy import text

    with store.engine.connect() as conn:
        tijd = conn.execute(
            text("SELECT max(tijd) FROM wijziging WHERE bijeenkomst_id = :b AND soort = :s"),
            {"b": bijeenkomst_id, "s": soort},
        ).scalar()
    if tijd is None:
        return float("nan")
    if isinstance(tijd, str):
        tijd = datetime.fromisoformat(tijd)
    return tijd.replace(tzinfo=UTC).timestamp()


def cpu_per_proces() -> dict[int, tuple[str, float]]:
    """pid -> (command line, CPU seconds so far) for every process on the machine."""
    import psutil

    uit = {}
    for p in psutil.process_iter(["pid", "cmdline", "cpu_times"]):
        t = p.info["cpu_times"]
        if t is not None:
            uit[p.info["pid"]] = (" ".join(p.info["cmdline"] or []), t.user + t.system)
    return uit


def cpu_verdeling(voor: dict[int, tuple[str, float]], srv: Server, telefoons: list[str]) -> str:
    """Where the machine's CPU went between ``voor`` and now, by role."""
    na = cpu_per_proces()
    kernels = {p.pid: kid for kid, p in srv.kernels().items()}
    rollen: dict[str, float] = {}
    for pid, (cmd, cpu) in na.items():
        delta = cpu - voor.get(pid, (cmd, 0.0))[1]
        if delta <= 0.005:
            continue
        if pid == srv.proces.pid:
            rol = "server"
        elif pid in kernels:
            rol = "deelnemerkernels" if kernels[pid] in telefoons else "wand/regie-kernels"
        elif pid == os.getpid():
            rol = "generator"
        elif "chromium" in cmd or "playwright" in cmd:
            rol = "chromium"
        else:
            rol = "overig"
        rollen[rol] = rollen.get(rol, 0.0) + delta
    return ", ".join(f"{k} {v:.1f}" for k, v in sorted(rollen.items(), key=lambda x: -x[1]))


def _bezig() -> tuple[int, int]:
    with open("/proc/stat") as f:
        waarden = [int(x) for x in f.readline().split()[1:]]
    return sum(waarden) - waarden[3] - waarden[4], sum(waarden)


async def rustig(onder: float = 0.25, timeout: float = 20.0) -> None:
    """Until the machine is quiet (less than ``onder`` of its CPUs busy over half a second):
    a storm starts on a quiet machine, as the baseline's does."""
    eind = time.monotonic() + timeout
    while time.monotonic() < eind:
        b0, t0 = _bezig()
        await asyncio.sleep(0.5)
        b1, t1 = _bezig()
        if (b1 - b0) / max(1, t1 - t0) < onder:
            return


def snelheid() -> float:
    """Milliseconds for a fixed piece of pure Python (best of five): the machine's speed now."""
    tijden = []
    for _ in range(5):
        t0 = time.perf_counter()
        x = 0
        for i in range(200_000):
            x += i * i % 7
        tijden.append(time.perf_counter() - t0)
    return min(tijden) * 1000


def _snelheid_verschilt(r: Uitkomst) -> bool:
    a, b = r.snelheid_ms, r.kaal_snelheid_ms
    return a == a and b == b and max(a, b) > 1.15 * min(a, b)


def _belasting() -> str:
    return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())


# --- the meeting ----------------------------------------------------------------------------


async def storm(
    srv: Server, url: str, n: int, fasen: Fasen, *, doe_mee: bool, uitkomst: Uitkomst, rnd: random.Random
) -> list[Telefoon]:
    """N phones arrive within ``fasen.storm`` seconds; each joins as a person would: reads the
    form, types the organisation key by key, picks a domain, taps "Doe mee". The arrivals are
    drawn first, so the bare storm (same seed) has the same phones at the same moments."""
    import httpx

    limieten = httpx.Limits(max_connections=4, max_keepalive_connections=4)
    telefoons = [Telefoon(i, srv.base, fasen.bestanden) for i in range(n)]
    begin = [rnd.uniform(0, fasen.storm) for _ in telefoons]
    lezen = fasen.lezen
    # per phone: reading, seconds a key, choosing the domain, finding the button
    mens = [
        (rnd.uniform(lezen / 3, lezen), fasen.typen * rnd.uniform(1, 2), rnd.uniform(lezen / 6, lezen / 2),
         rnd.uniform(lezen / 10, lezen / 3))
        for _ in telefoons
    ]  # fmt: skip
    form: list[float] = []
    join: list[float] = []
    get: list[float] = []
    ws: list[float] = []
    doe: list[float] = []
    mislukt = 0

    async def een(t: Telefoon, wacht: float, client: Any) -> None:
        nonlocal mislukt
        await asyncio.sleep(wacht)
        t0 = time.perf_counter()
        try:
            await t.laad(client, url)
            t1 = time.perf_counter()
            await t.verbind()
            knop = await t.wacht(lambda: t.vind("wp-join-button"), 60)
            t2 = time.perf_counter()
            form.append(t2 - t0)
            get.append(t1 - t0)
            ws.append(t2 - t1)
            if not doe_mee:
                return
            veld = lambda k: t.vind(k)[0]  # noqa: E731
            organisatie = f"Organisatie {t.nr % 17}"
            leest, toets, kiest, tikt = mens[t.nr]
            if fasen.meteen:
                await t.zet(veld("wp-join-organisatie"), value=organisatie)
            else:
                await asyncio.sleep(leest)
                await t.typ(veld("wp-join-organisatie"), organisatie, toets)
                await asyncio.sleep(kiest)
            dd = veld("wp-join-domein")
            labels = t.waarde(dd, "_options_labels") or []
            await t.zet(dd, index=1 + t.nr % max(1, len(labels) - 1))
            if not fasen.meteen:
                await asyncio.sleep(tikt)
            await t.klik(knop[0])
            t3 = time.perf_counter()
            await t.wacht(lambda: t.vind("wp-input"), 60)
            doe.append(time.perf_counter() - t3)
            join.append(t2 - t0 + doe[-1])  # the page's time, not the person's
        except Exception as e:  # noqa: BLE001 - count it, keep the room going
            mislukt += 1
            t.fout = t.fout or repr(e)

    # one client per phone: each phone has its own cookies, as in a room
    clients = [httpx.AsyncClient(timeout=120, limits=limieten, verify=False) for _ in telefoons]  # plain http
    # The generator stands in for 60 phones: a full collection of its own (0.1 s with the
    # phones' widget states) would count as the server's time for whoever waits then. As
    # timeit does, the collector rests while the storm is measured; the same for both storms.
    gc.collect()
    gc.disable()
    try:
        await asyncio.gather(*(een(t, w, c) for t, w, c in zip(telefoons, begin, clients, strict=True)))
    finally:
        gc.enable()
        for c in clients:
            await c.aclose()
    if doe_mee:
        uitkomst.form, uitkomst.join, uitkomst.join_mislukt = form, join, mislukt
        uitkomst.form_get, uitkomst.form_ws, uitkomst.doe_mee = get, ws, doe
        uitkomst.bestanden_per_telefoon = statistics.median(t.gehaald for t in telefoons)
    else:
        uitkomst.kaal_join, uitkomst.kaal_mislukt = form, mislukt
        uitkomst.kaal_get, uitkomst.kaal_ws = get, ws
    return telefoons


class Aankomst:
    """When an entry (``idee 3-1 ...``) and each dot count of it first reached the wand's
    browser, read from the websocket frames: the update path, whether or not the wall's page
    that holds the entry is showing (a long wall turns its pages every few seconds)."""

    TEKST = re.compile(r"idee (\d+-\d+ [a-z]+)")
    STIPPEN = re.compile(
        r"idee (\d+-\d+ [a-z]+)(?:(?!idee ).){0,200}?wp-item-stippen(?:(?!idee ).){0,80}?(\d+) stip"
    )

    def __init__(self) -> None:
        self.tijd: dict[str, float] = {}

    def bij_frame(self, data: str | bytes) -> None:
        nu = time.time()
        tekst = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        if "idee " not in tekst:
            return
        for m in self.TEKST.finditer(tekst):
            self.tijd.setdefault(f"idee {m.group(1)}", nu)
        for m in self.STIPPEN.finditer(tekst):
            self.tijd.setdefault(f"idee {m.group(1)}|{m.group(2)}", nu)


WAND_WACHTER = """() => {
  window.__gezien = {};
  const kijk = () => {
    const nu = Date.now();
    for (const el of document.querySelectorAll('.wp-wall-item')) {
      const t = el.querySelector('.wp-item-tekst');
      if (!t) continue;
      const tekst = t.textContent.trim();
      const s = el.querySelector('.wp-item-stippen');
      const n = s ? parseInt((s.textContent.match(/(\\d+) stip/) || [0, 0])[1]) : 0;
      const sleutel = tekst + '|' + n;
      if (!(tekst in window.__gezien)) window.__gezien[tekst] = nu;
      if (!(sleutel in window.__gezien)) window.__gezien[sleutel] = nu;
    }
    // the vote's running total ("112 stippen gezet"): when did it first reach each number?
    const totaal = document.querySelector('.wp-stippen-totaal');
    const gezet = totaal ? parseInt((totaal.textContent.match(/(\\d+) stip/) || [0, 0])[1]) : 0;
    for (let k = 1; k <= gezet; k++) if (!(('totaal|' + k) in window.__gezien)) window.__gezien['totaal|' + k] = nu;
  };
  new MutationObserver(kijk).observe(document.body, {subtree: true, childList: true, characterData: true});
  setInterval(kijk, 250);  // a safety net; the observer sees nearly everything first
  kijk();
}"""


def profiel(map_: Path | None, fase: str, duur: float, pids: dict[str, int]) -> None:
    """``py-spy record`` on the server and some kernels for ``duur`` seconds (in the background)."""
    import shutil
    import subprocess

    if map_ is None or not shutil.which("py-spy"):
        return
    map_.mkdir(parents=True, exist_ok=True)
    for rol, pid in pids.items():
        subprocess.Popen(
            ["py-spy", "record", "--pid", str(pid), "--duration", str(max(1, int(duur))), "--rate", "100"]
            + ["--format", "raw", "--nonblocking", "-o", str(map_ / f"{fase}-{rol}.txt")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


async def vergadering(
    n: int,
    fasen: Fasen,
    werk: Path,
    cull: int,
    rnd: random.Random,
    *,
    kaal: bool = True,
    profiel_map: Path | None = None,
) -> Uitkomst:
    from playwright.async_api import async_playwright

    from toolkit.store import Store

    u = Uitkomst(n)
    pool = n + 1  # the real phone too
    # the baseline and the room get the same storm: the same phones at the same moments
    aankomst_zaad = rnd.random()

    # --- baseline: the same storm on a bare page ------------------------------------------------
    if kaal:
        ks = Server(werk / "kaal", _kaal_map(werk / "kaal" / "nb"), pool + 1, cull)
        try:
            await ks.wacht_op_pool()
            # The same storm as the room's: N phones at the protocol level and, halfway, one
            # real phone in Chromium (its page load is a large part of the storm's CPU).
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(
                    executable_path=telefoon_chromium(werk), headless=True, args=CHROMIUM_ARGS
                )
                # one page load before the storm, as the room's wand and regiekamer are open
                # before people come: the server has its JavaScript compressed in both
                voor = await browser.new_context()
                eerste = await voor.new_page()
                if fasen.met_bestanden:  # what a phone fetches on its first visit, besides the page
                    eerste.on(
                        "request",
                        lambda r: (
                            fasen.bestanden.append(r.url[len(ks.base) :])
                            if r.url.startswith(ks.base) and "/static/" in r.url
                            else None
                        ),
                    )
                await eerste.goto(ks.url("deelnemer", code="KAAL00"))
                await eerste.locator(".wp-join-button").first.wait_for(timeout=120_000)
                await voor.close()
                echt = await (await browser.new_context(viewport={"width": 375, "height": 812})).new_page()

                async def echte_kale_telefoon() -> None:
                    await asyncio.sleep(fasen.storm / 2)
                    t0 = time.perf_counter()
                    await echt.goto(ks.url("deelnemer", code="KAAL00"))
                    await echt.locator(".wp-join-button").first.wait_for(timeout=120_000)
                    u.kaal_echte_telefoon_s = time.perf_counter() - t0

                await rustig()  # the browser's start is not part of the storm
                u.kaal_snelheid_ms = snelheid()
                cpu_voor = cpu_per_proces()
                telefoons, _ = await asyncio.gather(
                    storm(
                        ks,
                        ks.url("deelnemer", code="KAAL00"),
                        n,
                        fasen,
                        doe_mee=False,
                        uitkomst=u,
                        rnd=random.Random(aankomst_zaad),
                    ),
                    echte_kale_telefoon(),
                )
                u.kaal_storm_cpu = cpu_verdeling(cpu_voor, ks, [t.kernel_id for t in telefoons])
                await browser.close()
            await asyncio.sleep(2)
            kernels = ks.kernels()
            rss = [
                kernels[t.kernel_id].memory_info().rss / 2**20 for t in telefoons if t.kernel_id in kernels
            ]
            u.kaal_rss_mb = statistics.median(rss) if rss else float("nan")
            for t in telefoons:
                await t.sluit()
        finally:
            ks.stop()
        print(
            f"  kale pagina: join p95 {pct(u.kaal_join, 0.95):.2f} s, kernel {u.kaal_rss_mb:.0f} MB ({_belasting()})",
            flush=True,
        )

    # --- the real room -------------------------------------------------------------------------
    srv = Server(werk / "echt", None, pool, cull)
    store = Store(srv.db)
    b, sleutel = store.nieuwe_bijeenkomst(
        "Zaalproef",
        onderdelen=[
            model.Onderdeel(
                werkvorm="wijkbrainstorm",
                titel="Wijkbrainstorm",
                vraag="Wat speelt er in de wijk?",
                invoer="tekst",
                anoniem=True,
                stippen=3,
            ),
            model.Onderdeel(
                werkvorm="oplossingen",
                titel="Oplossingen",
                vraag="Wat kunnen we samen doen?",
                invoer="tekst",
                anoniem=True,
            ),
        ],
    )
    onderdelen = store.onderdelen(b.id)
    store.regie(b.code, sleutel).volgende()
    try:
        await srv.wacht_op_pool()
        u.kernels_start = len(srv.kernels())
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            wand = await (await browser.new_context(viewport={"width": 1920, "height": 1080})).new_page()
            aankomst = Aankomst()
            regie = await (await browser.new_context(viewport={"width": 1440, "height": 900})).new_page()
            wand.on("websocket", lambda ws: ws.on("framereceived", aankomst.bij_frame))
            await wand.goto(srv.url("wand", code=b.code))
            await wand.locator(".wp-wall").first.wait_for(state="attached", timeout=120_000)
            await wand.evaluate(WAND_WACHTER)
            await regie.goto(srv.url("regiekamer", code=b.code, sleutel=sleutel))
            await regie.locator(".wp-next-step").first.wait_for(timeout=120_000)
            await srv.wacht_op_pool()
            u.kernels_start = len(srv.kernels())
            gestart_voor = srv.kernels_gestart()
            pool_pids = [k.pid for k in srv.kernels().values()][-3:]
            profiel(
                profiel_map,
                "storm",
                fasen.storm + 15,
                {"server": srv.proces.pid, **{f"poolkernel{i}": pid for i, pid in enumerate(pool_pids)}},
            )

            # join storm, with one real phone among them
            telefoon_browser = await pw.chromium.launch(
                executable_path=telefoon_chromium(werk), headless=True, args=CHROMIUM_ARGS
            )
            echt = await (
                await telefoon_browser.new_context(viewport={"width": 375, "height": 812})
            ).new_page()

            async def echte_telefoon() -> None:
                await asyncio.sleep(fasen.storm / 2)
                t0 = time.perf_counter()
                await echt.goto(srv.url("deelnemer", code=b.code))
                await echt.locator(".wp-join-organisatie input").fill("Echte telefoon", timeout=120_000)
                await echt.locator(".wp-join-domein select").select_option(index=2)
                await echt.locator(".wp-join-button").click()
                await echt.locator(".wp-input textarea").wait_for(timeout=120_000)
                u.echte_telefoon_s = time.perf_counter() - t0

            await rustig()  # the real phone's new renderer is not part of the storm
            from toolkit.zaalbeheer import BEVROREN_IN_LOG

            u.bevroren_voor_storm = BEVROREN_IN_LOG in srv.log.read_text(errors="replace")
            u.snelheid_ms = snelheid()
            cpu_voor = cpu_per_proces()
            telefoons, _ = await asyncio.gather(
                storm(
                    srv,
                    srv.url("deelnemer", code=b.code),
                    n,
                    fasen,
                    doe_mee=True,
                    uitkomst=u,
                    rnd=random.Random(aankomst_zaad),
                ),
                echte_telefoon(),
            )
            actief = [t for t in telefoons if not t.fout]
            u.storm_cpu = cpu_verdeling(cpu_voor, srv, [t.kernel_id for t in telefoons])
            print(
                f"  join storm: {len(actief)} van {n} binnen, p95 {pct(u.join, 0.95):.2f} s ({_belasting()})\n"
                f"  CPU-seconden tijdens de storm: {u.storm_cpu}",
                flush=True,
            )
            if fasen.alleen_storm:
                u.fouten_telefoons = [t.fout for t in telefoons if t.fout]
                for t in telefoons:
                    await t.sluit()
                return u

            # brainstorm, 30 s after the storm
            kernels = srv.kernels()
            wand_id = re.search(r'"kernelId":\s*"([\w-]+)"', await wand.content())
            rollen = {"server": srv.proces.pid}
            if wand_id and wand_id.group(1) in kernels:
                rollen["wand"] = kernels[wand_id.group(1)].pid
            for t in actief[:2]:
                if t.kernel_id in kernels:
                    rollen[f"telefoon{t.nr}"] = kernels[t.kernel_id].pid
            profiel(profiel_map, "pauze", fasen.pauze, rollen)
            await asyncio.sleep(fasen.pauze)
            verstuurd: dict[str, float] = {}
            opslaan: list[float] = []

            async def schrijf(t: Telefoon) -> None:
                aantal = rnd.choice([2, 3])
                momenten = sorted(rnd.uniform(0, fasen.brainstorm) for _ in range(aantal))
                begin = time.monotonic()
                for k, moment in enumerate(momenten):
                    await asyncio.sleep(max(0, begin + moment - time.monotonic()))
                    tekst = f"idee {t.nr}-{k} {rnd.choice(['wachtlijst', 'eenzaamheid', 'schulden', 'mantelzorg', 'jongeren'])}"
                    try:
                        veld = t.vind("wp-input")[0]
                        await t.typ(veld, tekst, fasen.typen)
                        knop = t.vind("wp-submit")[0]
                        schrijf_vak = t.vind("wp-schrijven")[0]
                        melding = next(m for m in t._onder(schrijf_vak) if t.klasse(m, "wp-melding"))
                        # the kernel has the text once it took the previous "Opgeslagen" away
                        await t.wacht(lambda m=melding: t.waarde(m, "soort") != "ok", 30)
                        teller = t.waarde(melding, "teller") or 0
                        t0 = time.perf_counter()
                        verstuurd[tekst] = time.time()
                        await t.klik(knop)
                        await t.wacht(
                            lambda m=melding, n=teller: (
                                (t.waarde(m, "teller") or 0) > n and t.waarde(m, "soort")
                            ),
                            60,
                        )
                        if t.waarde(melding, "soort") != "ok":
                            raise Mislukt(f"melding: {t.waarde(melding, 'tekst')}")
                        opslaan.append(time.perf_counter() - t0)
                    except Exception as e:  # noqa: BLE001
                        t.fouten.append(f"brainstorm: {e!r}")

            profiel(profiel_map, "brainstorm", fasen.brainstorm, rollen)
            await asyncio.gather(*(schrijf(t) for t in actief))
            u.verstuurd, u.opslaan = len(verstuurd), opslaan
            eind = time.monotonic() + 30
            gezien: dict[str, float] = {}
            while time.monotonic() < eind:
                gezien = await wand.evaluate("() => window.__gezien")
                if all(tekst in gezien or tekst in aankomst.tijd for tekst in verstuurd):
                    break
                await asyncio.sleep(0.5)
            u.op_wand = sum(tekst in gezien or tekst in aankomst.tijd for tekst in verstuurd)
            u.wand = [gezien[tk] / 1000 - t for tk, t in verstuurd.items() if tk in gezien]
            u.wand_aankomst = [aankomst.tijd[tk] - t for tk, t in verstuurd.items() if tk in aankomst.tijd]
            opgeslagen = store.items("bijdrage", b.id, onderdeel_id=onderdelen[0].id)
            u.in_store = len(opgeslagen)
            for tekst in sorted(set(verstuurd) - set(gezien) - set(aankomst.tijd))[:3]:
                op_de_wand = await wand.locator(".wp-wall-item .wp-item-tekst").all_text_contents()
                print(
                    f"    niet op de wand: {tekst!r}; opgeslagen: {tekst in {x.tekst for x in opgeslagen}}; "
                    f"in de wand-DOM: {tekst in op_de_wand} ({len(op_de_wand)} items)"
                )
            print(
                f"  brainstorm: {u.verstuurd} verstuurd, wand p95 {pct(u.wand_aankomst, 0.95):.2f} s aangekomen, "
                f"{pct(u.wand, 0.95):.2f} s zichtbaar ({_belasting()})",
                flush=True,
            )

            # dot vote: the facilitator opens it in the regiekamer
            await regie.locator(".wp-vote-toggle").click()
            bijdragen = store.items("bijdrage", b.id, onderdeel_id=onderdelen[0].id)
            # a few favourites, so the ranking has a clear top
            gewicht = {bd.tekst: (8 if i % 7 == 0 else 1) for i, bd in enumerate(bijdragen)}
            klikken: dict[str, list[float]] = {}

            async def stem(t: Telefoon) -> None:
                try:
                    lijst = (
                        await t.wacht(
                            lambda: [
                                m
                                for m in t.vind("wp-stemlijst-vak")
                                if len(t.waarde(m, "items") or []) >= len(bijdragen)
                            ],
                            60,
                        )
                    )[0]
                    rijen = {item["tekst"]: item["id"] for item in t.waarde(lijst, "items")}
                    keuzes = rnd.choices(list(rijen), weights=[gewicht.get(x, 1) for x in rijen], k=3)
                    momenten = sorted(rnd.uniform(0, fasen.stemmen) for _ in keuzes)
                    begin = time.monotonic()
                    for keuze, moment in zip(keuzes, momenten, strict=True):
                        await asyncio.sleep(max(0, begin + moment - time.monotonic()))
                        klikken.setdefault(keuze, []).append(time.time())
                        await t.bericht(lijst, {"stem": rijen[keuze]})
                        await asyncio.sleep(0.3)
                except Exception as e:  # noqa: BLE001
                    t.fouten.append(f"stemmen: {e!r}")

            profiel(profiel_map, "stemmen", fasen.stemmen + 2, rollen)
            await asyncio.gather(*(stem(t) for t in actief))
            u.stippen_gezet = sum(len(v) for v in klikken.values())
            verwacht_per_tekst = {k: len(v) for k, v in klikken.items()}
            per_id = {bd.id: bd for bd in bijdragen}
            eind = time.monotonic() + 30
            while time.monotonic() < eind:
                telling = {t.doel_id: t.stemmen for t in store.telling(onderdelen[0].id)}
                if sum(telling.values()) >= u.stippen_gezet:
                    break
                await asyncio.sleep(0.3)
            u.stippen_in_store = sum(telling.values())
            from toolkit.apps.weergave.tekst import TOP  # the wand shows the top TOP, by model.rangorde

            met_stippen = [per_id[i] for i, n_ in telling.items() if n_ > 0 and i in per_id]
            verwacht = [(telling[bd.id], bd.id) for bd in model.rangorde(met_stippen, telling)][:TOP]
            verwachte_regels = [
                f"{'1 stip' if k == 1 else f'{k} stippen'} {per_id[i].tekst}" for k, i in verwacht
            ]
            regels: list[str] = []
            eind = time.monotonic() + 30
            while time.monotonic() < eind:
                regels = [r.strip() for r in await wand.locator(".wp-rangorde li").all_inner_texts()]
                if regels == verwachte_regels:
                    break
                await asyncio.sleep(0.5)
            u.ranking_goed = regels == verwachte_regels and telling_klopt(telling, per_id, verwacht_per_tekst)
            if not u.ranking_goed:
                u.ranking_verschil = f"wand {regels[:3]} verwacht {verwachte_regels[:3]}"
            gezien = await wand.evaluate("() => window.__gezien")
            for tekst, tijden in klikken.items():
                for j, t_klik in enumerate(sorted(tijden), start=1):
                    moment = min(
                        (
                            v
                            for k, v in gezien.items()
                            if k.startswith(tekst + "|") and int(k.rsplit("|", 1)[1]) >= j
                        ),
                        default=None,
                    )
                    if moment is not None:
                        u.wand_stem.append(max(0.0, moment / 1000 - t_klik))
                    aan = min(
                        (
                            v
                            for k, v in aankomst.tijd.items()
                            if k.startswith(tekst + "|") and int(k.rsplit("|", 1)[1]) >= j
                        ),
                        default=None,
                    )
                    if aan is not None:
                        u.stem_aankomst.append(max(0.0, aan - t_klik))
            # the running total on the wand: the k-th dot clicked in the room is seen when it reads k
            alle_klikken = sorted(t_ for tijden in klikken.values() for t_ in tijden)
            for k, t_klik in enumerate(alle_klikken, start=1):
                moment = gezien.get(f"totaal|{k}")
                if moment is not None:
                    u.stem_totaal.append(max(0.0, moment / 1000 - t_klik))
            print(
                f"  stemmen: {u.stippen_gezet} stippen, teller op de wand p95 {pct(u.stem_totaal, 0.95):.2f} s, "
                f"eigen kaart p95 {pct(u.wand_stem, 0.95):.2f} s ({_belasting()})",
                flush=True,
            )

            # step change: Volgende in the regiekamer
            nieuw = onderdelen[1].titel
            await asyncio.sleep(1.0)
            t_klik = await regie.evaluate(
                "() => { const t = Date.now(); document.querySelector('.wp-next-step button, button.wp-next-step').click(); return t; }"
            )

            async def volg(t: Telefoon) -> None:
                try:
                    await t.wacht(
                        lambda: any(t.waarde(m, "titel") == nieuw for m in t.vind("wp-stapkop")), 30
                    )
                    u.stap.append(time.time() - t_klik / 1000)
                except Exception as e:  # noqa: BLE001
                    u.stap_gemist += 1
                    t.fouten.append(f"Volgende: {e!r} {[t.waarde(m, 'titel') for m in t.vind('wp-stapkop')]}")

            await asyncio.gather(*(volg(t) for t in actief))
            u.stap_opgeslagen = _laatste_wijziging(store, b.id, "stap") - t_klik / 1000
            print(f"  Volgende: p95 {pct(u.stap, 0.95):.2f} s ({_belasting()})", flush=True)

            # quiet room
            await asyncio.sleep(3)
            kernels = srv.kernels()
            cpu0, t0 = srv.cpu(), time.monotonic()
            profiel(profiel_map, "rust", fasen.rust, rollen)
            await asyncio.sleep(fasen.rust)
            u.rust_cpu_pct = 100 * (srv.cpu() - cpu0) / (time.monotonic() - t0)
            kernels = srv.kernels()
            rss = [kernels[t.kernel_id].memory_info().rss / 2**20 for t in actief if t.kernel_id in kernels]
            u.rss_mediaan_mb = statistics.median(rss) if rss else float("nan")
            totaal = pss = 0
            for p in srv.processen():
                with contextlib.suppress(Exception):
                    totaal += p.memory_info().rss
                with contextlib.suppress(Exception):
                    pss += p.memory_full_info().pss  # shared pages counted once: what the room really takes
            u.rss_totaal_mb, u.pss_totaal_mb = totaal / 2**20, pss / 2**20
            u.kernels_eind = len(kernels)
            u.belasting = _belasting()
            u.kernels_erbij = srv.kernels_gestart() - gestart_voor
            print(
                f"  stille zaal: {u.rust_cpu_pct:.1f} % CPU, {u.rss_mediaan_mb:.0f} MB per kernel ({u.belasting})",
                flush=True,
            )

            # everyone leaves
            for t in telefoons:
                await t.sluit()
            for p in (echt, wand, regie):
                await p.context.close()
            await browser.close()
            await telefoon_browser.close()
        if fasen.opruimen > 0:
            weg = {t.kernel_id for t in telefoons if t.kernel_id}
            eind = time.monotonic() + fasen.opruimen
            while time.monotonic() < eind and weg & set(srv.kernels()):
                await asyncio.sleep(2)
            u.kernels_over = len(weg & set(srv.kernels()))
        u.log_fouten = srv.log_fouten()
        u.fouten_telefoons = [f for t in telefoons for f in ([t.fout] if t.fout else []) + t.fouten]
    finally:
        srv.stop()
    return u


def telling_klopt(
    telling: dict[int, int], per_id: dict[int, Any], verwacht_per_tekst: dict[str, int]
) -> bool:
    """Every dot the phones placed is in the store's tally, on the entry it was meant for."""
    return {per_id[i].tekst: k for i, k in telling.items() if k} == verwacht_per_tekst


def uitvoeren(
    n: int,
    fasen: Fasen,
    *,
    cull: int = 60,
    zaad: int = 15,
    kaal: bool = True,
    profiel_map: Path | None = None,
) -> Uitkomst:
    import shutil

    werk = Path(tempfile.mkdtemp(prefix="wp-zaal-"))
    try:
        return asyncio.run(
            vergadering(n, fasen, werk, cull, random.Random(zaad), kaal=kaal, profiel_map=profiel_map)
        )
    finally:
        shutil.rmtree(werk, ignore_errors=True)  # the databases and server logs of this run


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--deelnemers", type=int, default=60)
    p.add_argument(
        "--knie", action="store_true", help="20, 40, 60, 80, 100 deelnemers: waar passeert p95 1 s?"
    )
    p.add_argument("--kort", action="store_true", help="korte fasen (voor de test)")
    p.add_argument(
        "--cull", type=int, default=60, help="seconden zonder verbinding voor een kernel opgeruimd wordt"
    )
    p.add_argument("--zaad", type=int, default=15)
    p.add_argument("--alleen-storm", action="store_true", help="alleen de join storm (ontwikkelen)")
    p.add_argument("--zonder-kaal", action="store_true", help="sla de kale basislijn over (ontwikkelen)")
    p.add_argument(
        "--meteen",
        action="store_true",
        help="'Doe mee' zonder lezen of typen: alle aanmeldingen vallen in de storm (de zwaarste)",
    )
    p.add_argument(
        "--met-bestanden",
        action="store_true",
        help="elke telefoon haalt ook de bestanden van een eerste bezoek (JavaScript, CSS), als een echte",
    )
    p.add_argument("--opruimen", type=float, default=None, help="seconden wachten op opgeruimde kernels")
    p.add_argument(
        "--profiel", type=Path, default=None, help="map: py-spy-profielen per fase (server, wand, telefoons)"
    )
    a = p.parse_args(argv)
    fasen = Fasen.kort() if a.kort else Fasen()
    fasen.meteen = a.meteen
    fasen.met_bestanden = a.met_bestanden
    if a.met_bestanden and a.zonder_kaal:
        p.error("--met-bestanden leest de bestanden uit de kale run; laat --zonder-kaal weg")
    if a.knie:
        # a shorter meeting per size: storm, brainstorm, vote, Volgende; no long quiet minute
        fasen.pauze, fasen.brainstorm, fasen.rust, fasen.opruimen = 15.0, 40.0, 15.0, 0.0
        regels = []
        for n in (20, 40, 60, 80, 100):
            print(f"{n} deelnemers ...", flush=True)
            u = uitvoeren(n, fasen, cull=a.cull, zaad=a.zaad)
            regels.append(
                f"{n:>4}  join p95 {pct(u.join, 0.95):5.2f} s (kaal {pct(u.kaal_join, 0.95):.2f} s)  "
                f"wand p95 {pct(u.wand, 0.95):5.2f} s  Volgende p95 {pct(u.stap, 0.95):5.2f} s  "
                f"rust {u.rust_cpu_pct:4.1f} %  {u.rss_totaal_mb / 1024:.1f} GB  mislukt {u.join_mislukt}  {u.belasting}"
            )
            print(regels[-1], flush=True)
            if max(pct(u.join, 0.95), pct(u.wand, 0.95), pct(u.stap, 0.95)) > 1.0:
                break
        print("\nknie (p95 boven 1 s = laatste regel):\n" + "\n".join(regels))
        return 0
    print(f"Zaal: {a.deelnemers} deelnemers ({_belasting()})", flush=True)
    if a.opruimen is not None:
        fasen.opruimen = a.opruimen
    fasen.alleen_storm = a.alleen_storm
    u = uitvoeren(
        a.deelnemers, fasen, cull=a.cull, zaad=a.zaad, kaal=not a.zonder_kaal, profiel_map=a.profiel
    )
    print()
    print(u.tabel())
    druk_fouten(u)
    return 0


def druk_fouten(u: Uitkomst) -> None:
    """The first server-log errors and failed phones of a run, under its table."""
    for regel in u.log_fouten[:10]:
        print("  log:", regel[:200])
    for fout in u.fouten_telefoons[:10]:
        print("  telefoon:", fout[:200])


if __name__ == "__main__":
    sys.exit(main())
