"""Kernels as a budget: the warm pool of a meeting, caps, replacement and culling.

Server-side only (imported by ``toolkit.server`` in the Voila process, never in a
kernel). Four separate pieces, so other kernel-manager changes (node-named kernel ids)
fit beside them:

``KernelBudget`` (mixin for the kernel manager)
    Remembers for each kernel which page it serves (:class:`Merk`: page, code, who),
    when its page was delivered and whether a websocket ever connected. Culling: a
    kernel whose websockets all closed, or whose page was delivered and never
    connected, is shut down ``cull_idle_timeout`` seconds later (default 45 s), whatever
    the kernel itself does (the apps' polling counts as activity for stock culling).
    A kernel that restarted (its start failed, e.g. "Address already in use", or it
    crashed) is shut down: its page reloads itself and the pool never hands it out.
``ZaalPool``
    Fills the deelnemer pool up to the expected number of participants (``doel``)
    in batches before the doors open, hands out warm kernels first (never one still
    waiting for a delayed refill), drops dead slots, and refills only while the room
    is quiet and only to replace participants who left: kernels started during the
    meeting <= participants beyond the pool (each of those gets a cold kernel).
``pagina_handler_klasse``
    The page handler: a GET of the wand, the regiekamer or a personal link replaces
    the unconnected kernels of the same page and person instead of adding one per GET;
    caps per page, per bijeenkomst and per server answer with a Dutch "de zaal is vol"
    page (HTTP 503).
``status_handlers``
    ``/werkplaats/levend`` (no secrets; the pages' connection check) and
    ``/werkplaats/status`` (only with the run token of ``werkplaats start``: proves the
    CLI talks to its own server, and reports the pool).

Messages for the facilitator are logged with the prefix :data:`MELDING` ("WERKPLAATS:
"); ``werkplaats start`` shows those lines from the log file and nothing else.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from toolkit.geheugen import bevries_blijvers

MELDING = "WERKPLAATS: "
"""Prefix of log lines meant for the facilitator (Dutch); the CLI prints them."""

DEELNEMER_NB = "deelnemer.ipynb"
RESERVE = 0
"""Warm kernels kept once more participants came than the pool was made for.

0: a participant beyond the pool gets a cold kernel ("Even geduld, je plek wordt
klaargezet", a few seconds) and no kernel is started for someone who may not come, so
kernels started during the meeting <= participants beyond the pool (issue 15). A
reserve of R makes late joiners faster at the price of up to R kernels more."""
STIL_NA = 10.0
"""Seconds without a participant joining before the room counts as quiet (refill)."""
BATCH_OPWARMEN = max(2, (os.cpu_count() or 2) + 1)
"""Kernels starting at once while preheating before the doors open."""
BATCH_BIJVULLEN = 2
"""Kernels starting at once when refilling during the meeting."""
BEVROREN_IN_LOG = "frozen out of the collector"
"""In the server log once the warm room is frozen (:meth:`ZaalPool.bevries_als_klaar`)."""
DOOD_NA = 120.0
"""A pool kernel not ready after this many seconds is a dead slot."""
LADEN_MAX = 300.0
"""A page still loading after this many seconds is stuck; its kernel is culled."""
NOOIT_VERBONDEN_GRENS = 20.0
"""A delivered page that never connected after this many seconds may be evicted at a cap."""
MAX_PER_PAGINA = {"wand": 3, "regiekamer": 3, "deelnemer": 2}
"""Open kernels per page and person (the wand, the regiekamer, one personal link)."""
TOKEN_HEADER = "X-Werkplaats-Token"
TOKEN_ENV = "WERKPLAATS_RUN_TOKEN"
STATUS_ENV = "WERKPLAATS_ZAAL_STATUS"
"""Kernels find the pool status (JSON file) here; the regiekamer shows it."""

log = logging.getLogger("werkplaats.zaal")

VOL_HTML = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="30">
<title>De zaal is vol - Werkplaats</title>
<style>body{{font-family:sans-serif;max-width:32em;margin:3em auto;padding:0 1em;line-height:1.5}}</style>
</head><body><main>
<h1>De zaal is vol</h1>
<p>{reden}</p>
<p>Deze pagina probeert het over een halve minuut vanzelf opnieuw.
Lukt het dan nog niet, meld het de procesbegeleider.</p>
</main></body></html>
"""


@dataclass(frozen=True)
class Merk:
    """Which page a kernel serves: ``pagina``, bijeenkomst ``code``, and ``wie``.

    ``wie`` is ``"wand"``/``"regie"`` for those pages, ``"t:<token>"`` for a personal
    link and ``""`` for a participant who joins with the code only (not replaced).
    """

    pagina: str
    code: str = ""
    wie: str = ""

    @property
    def vervangbaar(self) -> bool:
        return bool(self.wie)


def merk_van(pad: str | None, query: dict[str, list[bytes]]) -> Merk:
    """The :class:`Merk` of a page request (path ``deelnemer.ipynb``, query arguments)."""

    def arg(naam: str) -> str:
        waarden = query.get(naam) or [b""]
        return waarden[-1].decode("utf-8", "replace").strip()

    pagina = (pad or "").removesuffix(".ipynb")
    code = arg("code").upper()[:32]
    if pagina == "wand":
        wie = "wand"
    elif pagina == "regiekamer":
        wie = "regie"
    else:
        token = arg("t")
        wie = f"t:{token[:80]}" if token else ""
    return Merk(pagina, code, wie)


# ------------------------------------------------------------------ kernel manager


class KernelBudget:
    """Mixin for the (async mapping) kernel manager; see the module docstring."""

    def _budget_init(self) -> None:
        if getattr(self, "_budget_klaar", False):
            return
        self._budget_klaar = True
        self._merken: dict[str, Merk] = {}
        self._geleverd: dict[str, float] = {}  # kernel id -> monotonic time page delivered
        self._ooit_verbonden: set[str] = set()
        self._los_sinds_m: dict[str, float] = {}  # kernel id -> monotonic time last ws closed
        self._kapot: set[str] = set()  # restarted or died: never hand out
        self._sluitend: set[str] = set()  # being shut down: no longer counted
        self._gestart_m: dict[str, float] = {}  # kernel id -> monotonic start
        self.zaalpool: ZaalPool | None = None

    # -- bookkeeping

    def merk_kernel(self, kernel_id: str, merk: Merk) -> None:
        self._budget_init()
        self._merken[kernel_id] = merk

    def pagina_geleverd(self, kernel_id: str) -> None:
        self._budget_init()
        if kernel_id in self._kernels:
            self._geleverd[kernel_id] = time.monotonic()

    def verbindingen(self, kernel_id: str) -> int:
        return self._kernel_connections.get(kernel_id, 0)

    def budget_verbonden(self, kernel_id: str) -> None:
        self._budget_init()
        self._ooit_verbonden.add(kernel_id)
        self._los_sinds_m.pop(kernel_id, None)

    def budget_losgekoppeld(self, kernel_id: str) -> None:
        self._budget_init()
        if self.verbindingen(kernel_id) <= 0 and kernel_id in self._kernels:
            self._los_sinds_m[kernel_id] = time.monotonic()

    def budget_vergeet(self, kernel_id: str) -> None:
        self._budget_init()
        for d in (self._merken, self._geleverd, self._los_sinds_m, self._gestart_m):
            d.pop(kernel_id, None)
        self._ooit_verbonden.discard(kernel_id)
        self._kapot.discard(kernel_id)

    def budget_let_op(self, kernel_id: str) -> None:
        """After a start: a restart (failed start, crash) marks the kernel unusable."""
        self._budget_init()
        self._gestart_m[kernel_id] = time.monotonic()
        try:
            kernel = self.get_kernel(kernel_id)
        except KeyError:
            return

        def kapot(reden: str) -> None:
            self._kapot.add(kernel_id)
            self.log.warning("Kernel %s %s; not handed out again.", kernel_id, reden)

        def herstart() -> None:
            # A restarted kernel has lost its page (Voila does not run the notebook
            # again): close its websockets and shut it down once the restart settled,
            # so the page reloads itself (verbinding.js) instead of showing widgets
            # nobody answers.
            kapot("restarted")
            asyncio.get_event_loop().call_later(1.0, lambda: (self.sluit_websockets(kernel_id), self.sluit_later(kernel_id)))

        kernel.add_restart_callback(herstart, "restart")
        kernel.add_restart_callback(lambda: kapot("died"), "dead")

    def sluit_websockets(self, kernel_id: str) -> None:
        """Close the browser websockets of a kernel (the page notices at once)."""
        try:
            from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
        except ImportError:
            return
        for sleutel, handler in list(ZMQChannelsWebsocketConnection._open_sessions.items()):
            if sleutel.startswith(f"{kernel_id}:"):
                try:
                    handler.close(1011, "kernel herstart")
                except Exception:  # noqa: BLE001 - already closing
                    pass

    def is_kapot(self, kernel_id: str) -> bool:
        self._budget_init()
        return kernel_id in self._kapot or kernel_id not in self._kernels

    # -- questions

    def uitgegeven(self) -> list[str]:
        """Kernels that serve (or are loading) a page: everything but the pool."""
        self._budget_init()
        in_pool = self.zaalpool.kernel_ids() if self.zaalpool else set()
        return [k for k in list(self._kernels) if k not in in_pool and k not in self._sluitend]

    def onverbonden_sinds(self, kernel_id: str) -> float | None:
        """Seconds this delivered kernel has been without a websocket (None: connected/loading)."""
        self._budget_init()
        if self.verbindingen(kernel_id) > 0:
            return None
        los = self._los_sinds_m.get(kernel_id)
        if los is not None:
            return time.monotonic() - los
        geleverd = self._geleverd.get(kernel_id)
        if geleverd is not None and kernel_id not in self._ooit_verbonden:
            return time.monotonic() - geleverd
        return None

    # -- culling (called by MappingKernelManager's periodic culler)

    async def budget_cull(self, kernel_id: str) -> bool:
        """Shut the kernel down if it has had no websocket for ``cull_idle_timeout`` s.

        Always decides (returns True): the stock rule counts the apps' polling as
        activity and would cull a kernel that is still starting its page.
        """
        self._budget_init()
        if kernel_id not in self._kernels:
            return True
        onverbonden = self.onverbonden_sinds(kernel_id)
        if onverbonden is None:
            # connected, or its page is still loading: a kernel that is starting on a
            # busy laptop is never culled (Voila's request would hang for ever); one
            # that loads for minutes is stuck
            gestart = self._gestart_m.get(kernel_id)
            if self.verbindingen(kernel_id) > 0 or gestart is None:
                return True
            onverbonden = time.monotonic() - gestart
            if onverbonden < max(LADEN_MAX, self.cull_idle_timeout):
                return True
        if onverbonden > self.cull_idle_timeout:
            self.log.warning("Culling kernel %s: no websocket for %d s.", kernel_id, onverbonden)
            # not awaited: jupyter_server culls one kernel after the other, and a shutdown
            # waits for the process; sixty phones that left together would otherwise take
            # minutes to clear on a busy laptop
            self.sluit_later(kernel_id)
        return True

    async def _sluit(self, kernel_id: str) -> None:
        from jupyter_core.utils import ensure_async

        if kernel_id not in self._kernels or kernel_id in self._sluitend:
            return
        self._sluitend.add(kernel_id)
        try:
            await ensure_async(self.shutdown_kernel(kernel_id))
        except Exception as e:  # noqa: BLE001 - a kernel that is already gone is fine
            self.log.info("Kernel %s: shutdown failed (%s).", kernel_id, e)
        finally:
            self._sluitend.discard(kernel_id)

    async def _sluit_nu(self, kernel_id: str) -> None:
        self._sluitend.discard(kernel_id)
        await self._sluit(kernel_id)

    def sluit_later(self, kernel_id: str) -> None:
        asyncio.ensure_future(self._sluit(kernel_id))

    # -- the budget at a page request

    def maak_ruimte(self, merk: Merk, max_per_bijeenkomst: int, max_kernels: int) -> str | None:
        """Before a page request: replace and evict, then check the caps.

        Returns ``None`` when the page may get a kernel, else the Dutch reason for the
        "de zaal is vol" page.
        """
        self._budget_init()
        room = self.uitgegeven()
        if merk.vervangbaar:
            zelfde = [k for k in room if self._merken.get(k) == merk]
            for k in zelfde:
                # the same page of the same person that is not connected: a reload or a
                # second GET (link preview, a bot); the new page replaces it
                if self.onverbonden_sinds(k) is not None:
                    self._sluitend.add(k)
                    asyncio.ensure_future(self._sluit_nu(k))
            over = [k for k in zelfde if k not in self._sluitend]
            if len(over) >= MAX_PER_PAGINA.get(merk.pagina, 2):
                return "Deze pagina is al op te veel schermen tegelijk open."

        def verwijder_wezen(kandidaten: list[str]) -> int:
            """Evict delivered kernels that never connected (a bot, a closed preview)."""
            wezen = [
                k
                for k in kandidaten
                if k not in self._ooit_verbonden
                and (self.onverbonden_sinds(k) or 0) > NOOIT_VERBONDEN_GRENS
            ]
            for k in wezen:
                self._sluitend.add(k)
                asyncio.ensure_future(self._sluit_nu(k))
            return len(wezen)

        room = [k for k in self.uitgegeven() if k in self._kernels]
        van_bijeenkomst = [k for k in room if self._merken.get(k, Merk("")).code == merk.code]
        if len(van_bijeenkomst) >= max_per_bijeenkomst:
            if len(van_bijeenkomst) - verwijder_wezen(van_bijeenkomst) >= max_per_bijeenkomst:
                self.meld_vol(f"bijeenkomst {merk.code}: {len(van_bijeenkomst)} pagina's open")
                return "Er zijn al zoveel pagina's van deze bijeenkomst open dat er nu niemand meer bij kan."
        if len(room) >= max_kernels:
            if len(room) - verwijder_wezen(room) >= max_kernels:
                self.meld_vol(f"server: {len(room)} pagina's open")
                return "De laptop van de procesbegeleider heeft geen plaats meer voor nog een pagina."
        return None

    def meld_vol(self, wat: str) -> None:
        nu = time.monotonic()
        if nu - getattr(self, "_laatst_vol_gemeld", -1e9) > 60:
            self._laatst_vol_gemeld = nu
            self.log.warning(
                "%sDe zaal is vol (%s). Nieuwe pagina's krijgen 'de zaal is vol'. "
                "Start de volgende keer met een groter --deelnemers.",
                MELDING,
                wat,
            )


# ------------------------------------------------------------------------- the pool


class ZaalPool:
    """The deelnemer pool of a meeting (see the module docstring).

    Works on Voila's ``VoilaKernelManager`` (``km._pools``, ``km.fill_if_needed``,
    ``km.kernel_pools_config``); Voila's own refill is switched off by keeping the
    configured pool size at 0 except while this class asks for kernels.
    """

    def __init__(self, km, doel: int, status_pad: Path | None = None) -> None:
        self.km = km
        self.doel = max(0, int(doel))
        self.status_pad = status_pad
        self.genomen = 0  # pool kernels handed to participants
        self.koud = 0  # participants who got a cold kernel (pool empty)
        self.gestart = 0  # pool kernels started in total
        self.gestart_tijdens = 0  # ... after the first participant joined
        self.dood = 0  # dead slots removed
        self.laatste_join = -1e9
        self._gestart_op: dict[int, float] = {}  # id(task) -> monotonic start
        self._laatste_status: dict | None = None
        self._bevroren_bij: int | None = None  # kernels in the server at the last freeze

    # -- what is in the pool

    def _pool(self) -> list:
        return self.km._pools.setdefault(DEELNEMER_NB, [])

    @staticmethod
    def _kernel_id(taak) -> str | None:
        if not taak.done() or taak.cancelled() or taak.exception() is not None:
            return None
        return taak.result().get("kernel_id")

    def kernel_ids(self) -> set[str]:
        return {k for t in self._pool() if (k := self._kernel_id(t))}

    def _wacht_op_verzoek(self, kernel_id: str) -> bool:
        """Warm: the kernel ran its imports and waits for its page request."""
        from voila.request_info_handler import RequestInfoSocketHandler

        return kernel_id in RequestInfoSocketHandler._waiters

    def _is_dood(self, taak) -> bool:
        if taak.done():
            if taak.cancelled() or taak.exception() is not None:
                return True
            inhoud = taak.result()
            kid = inhoud.get("kernel_id")
            render = inhoud.get("task")
            if kid is None or self.km.is_kapot(kid) or not self._proces_leeft(kid):
                return True
            if render is not None and render.done() and not render.cancelled() and render.exception():
                return True
            if self._wacht_op_verzoek(kid):
                return False
        leeftijd = time.monotonic() - self._gestart_op.get(id(taak), time.monotonic())
        return leeftijd > DOOD_NA

    def _proces_leeft(self, kernel_id: str) -> bool:
        """The kernel's process still runs (the restarter notices a death only later)."""
        try:
            proces = self.km.get_kernel(kernel_id).provisioner.process
        except (KeyError, AttributeError):
            return True
        return proces is None or proces.poll() is None

    def warm(self) -> int:
        return sum(1 for t in self._pool() if (k := self._kernel_id(t)) and self._wacht_op_verzoek(k))

    def in_gebruik(self) -> int:
        """Participant pages open now: deelnemer kernels connected or still loading.

        A kernel whose page closed (waiting to be culled) holds no place: a phone that
        comes back within the cull timeout reconnects to it; a new participant gets a
        warm place.
        """
        merken, km = self.km._merken, self.km
        return sum(
            1
            for k in list(km._kernels)
            if (m := merken.get(k)) and m.pagina == "deelnemer" and km.onverbonden_sinds(k) is None
        )

    def doelwarm(self) -> int:
        """How many pool kernels to keep now.

        As many as the expected room still lacks (a participant who left and whose
        kernel was culled frees a place), plus :data:`RESERVE` once more participants
        came than expected.
        """
        bezet = self.in_gebruik()
        nog = self.doel - bezet
        if nog > 0:
            return nog
        return min(RESERVE, self.doel) if (bezet > self.doel or self.koud > 0) else 0

    # -- handing out (called from the page handler's kernel-manager proxy)

    def geef_volgorde(self) -> int:
        """Put the best pool kernel first; return how many are usable (0: start cold).

        Warm kernels first; then kernels still starting (never one in a delay: this
        pool has none). Dead slots are dropped here too.
        """
        self.ruim_op()
        pool = self._pool()

        def rang(taak) -> tuple[int, float]:
            kid = self._kernel_id(taak)
            if kid and self._wacht_op_verzoek(kid):
                return (0, 0.0)
            return (1 if taak.done() else 2, self._gestart_op.get(id(taak), 0.0))

        pool.sort(key=rang)
        return len(pool)

    def genomen_een(self) -> None:
        self.genomen += 1
        self.laatste_join = time.monotonic()

    def koude_join(self) -> None:
        self.koud += 1
        self.laatste_join = time.monotonic()

    # -- upkeep (every second on the server's loop)

    def ruim_op(self) -> None:
        pool = self._pool()
        for taak in list(pool):
            if self._is_dood(taak):
                pool.remove(taak)
                self.dood += 1
                self._gestart_op.pop(id(taak), None)
                kid = None
                if taak.done() and not taak.cancelled() and taak.exception() is None:
                    kid = taak.result().get("kernel_id")
                elif not taak.done():
                    taak.cancel()
                self.km.log.warning("Pool: dead slot removed (kernel %s).", kid)
                if kid:
                    self.km.sluit_later(kid)

    def tik(self) -> None:
        try:
            self.ruim_op()
            self._vul()
            self._schrijf_status()
            self.bevries_als_klaar()
        except Exception:  # noqa: BLE001 - upkeep must never stop the server loop
            self.km.log.exception("Pool upkeep failed")

    def bevries_als_klaar(self) -> bool:
        """Once every place is warm and nobody joined for a while, take what the meeting
        keeps out of the garbage collector's walk (:mod:`toolkit.geheugen`): its full
        collections then no longer stop the server in the middle of a join storm. Again
        after the kernels changed (a refill, a culled phone), never while people join."""
        kernels = len(self.km._kernels)
        if kernels == self._bevroren_bij or self.warm() < self.doelwarm():
            return False
        if time.monotonic() - self.laatste_join < STIL_NA:
            return False
        bevroren, duur = bevries_blijvers()
        self._bevroren_bij = kernels
        ms = duur * 1000
        self.km.log.info("Pool warm: %d objects %s in %.0f ms.", bevroren, BEVROREN_IN_LOG, ms)
        return True

    def _vul(self) -> None:
        pool = self._pool()
        tekort = self.doelwarm() - len(pool)
        if tekort <= 0:
            return
        bezig = sum(1 for t in pool if not (k := self._kernel_id(t)) or not self._wacht_op_verzoek(k))
        in_zaal = self.genomen + self.koud > 0
        if in_zaal:
            if time.monotonic() - self.laatste_join < STIL_NA:
                return  # the room is busy: a start would compete with joining participants
            batch = BATCH_BIJVULLEN
        else:
            batch = BATCH_OPWARMEN
        n = min(tekort, batch - bezig)
        if n <= 0:
            return
        cfg = self.km.kernel_pools_config.setdefault(DEELNEMER_NB, {})
        voor = {id(t) for t in pool}
        cfg["pool_size"] = len(pool) + n
        try:
            self.km.fill_if_needed(delay=0, notebook_name=DEELNEMER_NB)
        finally:
            cfg["pool_size"] = 0
        nu = time.monotonic()
        for t in self._pool():
            if id(t) not in voor:
                self._gestart_op[id(t)] = nu
                self.gestart += 1
                if in_zaal:
                    self.gestart_tijdens += 1

    def status(self) -> dict:
        return {
            "doel": self.doel,
            "warm": self.warm(),
            "in_pool": len(self._pool()),
            "genomen": self.genomen,
            "koud": self.koud,
            "in_gebruik": self.in_gebruik(),
            "nodig": self.doelwarm(),
            "gestart": self.gestart,
            "gestart_tijdens": self.gestart_tijdens,
            "dode_plaatsen": self.dood,
            "kernels": len(self.km._kernels),
            "verbonden": sum(1 for k in list(self.km._kernels) if self.km.verbindingen(k) > 0),
        }

    def _schrijf_status(self) -> None:
        s = self.status()
        kern = (s["doel"], s["warm"], s["genomen"], s["koud"], s["nodig"])
        if self._laatste_status is None or kern != self._laatste_status.get("_kern"):
            self.km.log.info(
                "Werkplaats-pool: %d van %d plaatsen warm (%d genomen, %d koud, nu nodig %d).",
                s["warm"],
                s["doel"],
                s["genomen"],
                s["koud"],
                s["nodig"],
            )
        s["_kern"] = kern
        vorige = self._laatste_status
        self._laatste_status = s
        if self.status_pad is not None and (vorige is None or vorige != s):
            tijdelijk = self.status_pad.with_suffix(".tmp")
            tijdelijk.write_text(json.dumps({k: v for k, v in s.items() if k != "_kern"}), encoding="utf-8")
            os.replace(tijdelijk, self.status_pad)


def zaal_status_tekst(status: dict | None) -> str:
    """"zaal klaar: 60 van 60 plaatsen warm" for the regiekamer (``""`` without a pool)."""
    if not status or not status.get("doel"):
        return ""
    doel, warm, genomen = status["doel"], status.get("warm", 0), status.get("genomen", 0)
    if genomen == 0:
        if warm >= doel:
            return f"zaal klaar: {warm} van {doel} plaatsen warm"
        return f"zaal wordt klaargezet: {warm} van {doel} plaatsen warm"
    return f"{genomen} van {doel} plaatsen in gebruik, {warm} nog warm"


def lees_zaal_status() -> dict | None:
    """In a kernel: the pool status the server writes (``WERKPLAATS_ZAAL_STATUS``)."""
    pad = os.environ.get(STATUS_ENV)
    if not pad:
        return None
    try:
        return json.loads(Path(pad).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# ---------------------------------------------------------------- the page handler


class GemerkteKernels:
    """The kernel manager as one page request sees it: notes which kernel it got."""

    def __init__(self, km, merk: Merk) -> None:
        self._km = km
        self._merk = merk
        self.kernel_id: str | None = None

    def __getattr__(self, naam):
        return getattr(self._km, naam)

    def get_pool_size(self, notebook_name: str) -> int:
        pool = getattr(self._km, "zaalpool", None)
        if notebook_name == DEELNEMER_NB and pool is not None:
            return pool.geef_volgorde()
        return self._km.get_pool_size(notebook_name)

    async def get_rendered_notebook(self, *args, **kwargs):
        uitkomst = await self._km.get_rendered_notebook(*args, **kwargs)
        self.kernel_id = uitkomst[2]
        self._km.merk_kernel(self.kernel_id, self._merk)
        if self._km.zaalpool is not None:
            self._km.zaalpool.genomen_een()
        return uitkomst

    async def start_kernel(self, *args, **kwargs):
        from jupyter_core.utils import ensure_async

        kid = await ensure_async(self._km.start_kernel(*args, **kwargs))
        self.kernel_id = kid
        self._km.merk_kernel(kid, self._merk)
        if self._merk.pagina == "deelnemer" and self._km.zaalpool is not None:
            self._km.zaalpool.koude_join()
        return kid


def pagina_handler_klasse(basis, max_per_bijeenkomst: int, max_kernels: int):
    """Subclass of Voila's page handler (``basis``) that keeps the kernel budget."""
    import tornado.web

    class WerkplaatsPaginaHandler(basis):
        _gemerkt: GemerkteKernels | None = None

        @property
        def kernel_manager(self):
            return self._gemerkt if self._gemerkt is not None else self.settings["kernel_manager"]

        @tornado.web.authenticated
        async def get(self, path=None):
            km = self.settings["kernel_manager"]
            merk = merk_van(path, self.request.query_arguments)
            if merk.pagina == "deelnemer" and km.zaalpool is not None:
                km.zaalpool.laatste_join = time.monotonic()
            reden = km.maak_ruimte(merk, max_per_bijeenkomst, max_kernels)
            if reden:
                self.set_status(503)
                self.set_header("Retry-After", "30")
                self.set_header("Cache-Control", "no-store")
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.finish(VOL_HTML.format(reden=reden))
                return
            self._gemerkt = GemerkteKernels(km, merk)
            try:
                await super().get(path)
            finally:
                if self._gemerkt.kernel_id:
                    km.pagina_geleverd(self._gemerkt.kernel_id)

    return WerkplaatsPaginaHandler


def status_handlers(server_url: str, token: str | None):
    """``/werkplaats/levend`` and ``/werkplaats/status`` (token-protected)."""
    import hmac

    import tornado.web
    from jupyter_server.utils import url_path_join

    class Levend(tornado.web.RequestHandler):
        def get(self):
            self.set_header("Cache-Control", "no-store")
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish("ja")

    class Status(tornado.web.RequestHandler):
        def get(self):
            self.set_header("Cache-Control", "no-store")
            gegeven = self.request.headers.get(TOKEN_HEADER, "")
            if not token or not hmac.compare_digest(gegeven.encode(), token.encode()):
                raise tornado.web.HTTPError(403)
            km = self.settings["kernel_manager"]
            pool = getattr(km, "zaalpool", None)
            self.set_header("Content-Type", "application/json")
            self.finish(
                json.dumps(
                    {
                        "server": "werkplaats",
                        "pid": os.getpid(),
                        "pool": pool.status() if pool else None,
                        "kernels": len(km._kernels),
                    }
                )
            )

    return [
        (url_path_join(server_url, "/werkplaats/levend"), Levend),
        (url_path_join(server_url, "/werkplaats/status"), Status),
    ]


# ------------------------------------------------------------------ process life


def sterf_met_ouder_preexec():
    """A ``preexec_fn`` for the server process: SIGTERM when its parent dies (Linux).

    The kernels follow their server (ipykernel polls its parent), so a SIGKILL of
    ``werkplaats start`` takes Voila and every kernel with it. ``None`` where prctl is
    not available; the server's watchdog (:func:`bewaak_ouder`) covers that case.
    Everything is prepared here, before the fork: the child only makes one call.
    """
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1
    sigterm = int(signal.SIGTERM)

    def preexec() -> None:
        prctl(pr_set_pdeathsig, sigterm, 0, 0, 0)

    return preexec


def bewaak_ouder(ouder_pid: int, interval: float = 1.0) -> None:
    """In the server process: stop (SIGTERM to self) when ``ouder_pid`` is gone."""
    import signal
    import threading

    def kijk() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != ouder_pid:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(10)
                os._exit(1)

    threading.Thread(target=kijk, name="werkplaats-ouder", daemon=True).start()
