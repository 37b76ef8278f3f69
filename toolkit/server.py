"""Start Voila for a bijeenkomst: three pages only, offline, preheated, culled.

Public API
----------
``start_server(...) -> subprocess.Popen``
    Starts the server as a subprocess (``python -m toolkit.server ...``) and returns at
    once; wait with ``wacht_tot_bereikbaar(url, timeout)``. Stop it with
    ``proces.terminate()`` (SIGTERM: Voila shuts its kernels down and the served temp
    dir is removed), then ``proces.wait()``.
``voila_argv(notebook_dir, *, host, poort, ...) -> list[str]``
    The command line ``start_server`` runs (for a caller who wants its own Popen).
``voila_config(...) -> traitlets.config.Config``
    The Voila/Jupyter configuration, as a pure function (tests read it).
``pagina_url(basis, pagina, **params) -> str``
    ``http://host:poort/voila/render/<pagina>.ipynb?...``.
``notebook_bron() -> Path``
    Where the three live notebooks come from (repo ``notebooks/``, else package data).
``url_parameters() -> dict[str, str]``, ``query_string() -> str | None``
    For app code *in the kernel* (see below). Importing this module in a kernel costs
    only the standard library; the Voila/jupyter_server parts are imported lazily.

What is served
--------------
Only ``/voila/render/{regiekamer,wand,deelnemer}.ipynb`` (and ``/`` redirects to the
deelnemer page, query string kept, so ``http://<laptop>:8866/?code=ABC123`` is a short
link), plus Voila's own static assets, the kernel websocket and ``/voila/query/<kernel>``
(preheat). No tree view, no contents API, no ``/voila/files/``: the subclass
``WerkplaatsVoila`` drops those routes, and the three notebooks are copied into a fresh
temp dir that holds nothing else, which is the kernels' working directory too.

Reading URL parameters in an app (``?code=...&t=...``)
------------------------------------------------------
``deelnemer.ipynb`` runs in a *preheated* kernel: the notebook was executed when the
server started, before any browser asked for it, so ``os.environ`` has no query string
yet. ``toolkit.server.url_parameters()`` blocks until the page is requested and then
returns its parameters; in a kernel that was not preheated (pool empty, or the other two
pages) it returns at once. The same code works in both cases::

    from toolkit.server import url_parameters   # stdlib + websockets only

    def toon(params: dict[str, str] | None = None) -> None:
        # heavy imports above this line run while the kernel waits in the pool
        if params is None:
            params = url_parameters()   # blocks in a preheated kernel until the request
        code = params.get("code", "")   # ?code=ABC123
        token = params.get("t", "")     # &t=...
        ...build and display the widgets...

``url_parameters()``/``query_string()`` speak Voila's own protocol (the one of
``voila.utils.get_query_string()``, which works too), but ``import voila.utils`` drags
all of Voila, jupyter_server and jupyterlab_server into every kernel: about +30 MB RSS
per participant (kernel 119 MB instead of ~85 MB) and a slower pool fill. Rules:

* Import everything heavy *before* calling it: that part runs while the kernel waits in
  the pool, so the participant does not wait for it.
* Call it in the cell/function that builds the page, *before* displaying anything that
  depends on the parameters (what a preheated notebook displayed before the call was
  rendered before the request came). A second call returns the same answer.
* Do not call it from a background task: it blocks the kernel's main thread.
* It returns ``{}`` (``query_string()``: ``None``) if the server could not be reached
  within ``timeout`` (join storm on a slow laptop): show the join form with an empty
  code field rather than failing.
* Outside Voila (tests, JupyterLab) ``VOILA_PREHEAT`` is unset and it reads
  ``QUERY_STRING`` from the environment (usually absent): pass ``params`` in tests.

Kernels see the server's environment, so ``WERKPLAATS_DB`` and any other ``WERKPLAATS_*``
variable passed in ``start_server(env=...)`` reach every kernel, preheated or not.

Culling kernels of closed tabs, and the kernel budget
-----------------------------------------------------
Voila's shutdown-on-close request is refused with XSRF on (voila#1458) and we keep XSRF
on, so kernels are culled: a kernel whose websockets all closed, or whose page was
delivered and never connected (a bot, a link preview, a second GET), is shut down
``cull_timeout`` seconds later (default 45 s), whatever the kernel does meanwhile (the
apps' polling would count as activity for the stock rule). Connected kernels and pages
still loading are never culled. A phone that comes back after a longer screen lock
reloads itself with its personal link (``verbinding.js`` in the template). A GET of the
wand, the regiekamer or a personal link replaces the unconnected kernels of the same
page and person; caps per bijeenkomst and per server answer "de zaal is vol". The
deelnemer pool is filled up to the expected room in batches and refilled only while
the room is quiet. All of that lives in ``toolkit.zaalbeheer`` (``KernelBudget``,
``ZaalPool``, the page handler); ``werkplaats_kernel_manager()`` only wires it in.

Offline
-------
Template ``werkplaats`` (``toolkit/static/jupyter/voila/templates/werkplaats``, found via
``JUPYTER_PATH``) is Voila's ``lab`` template without its two Font Awesome CDN links (Font
Awesome is bundled in Voila's JS). MathJax: Voila 0.5.13 uses its bundled MathJax 3
unless ``Voila.mathjax_url``/``mathjax_config`` are set, so we leave them unset. Widget
code: only the federated extensions in ``extensies`` (default: ipywidgets' manager,
Voila's widgets-manager8 and anywidget) are loaded, all from ``/voila/labextensions``;
anywidget front-end modules arrive over the kernel's comm channel, not from a CDN.
Responses are gzip-compressed (tornado ``compress_response``); static files are compressed
once per server and kept (``toolkit.statisch``), not again for every phone.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGINAS: tuple[str, ...] = ("regiekamer", "wand", "deelnemer")
"""The only notebooks Voila serves (``<naam>.ipynb``)."""

STANDAARD_POORT = 8866
STANDAARD_POOL_DEELNEMERS = 4
STANDAARD_CULL_TIMEOUT = 45
"""Seconds a page's kernel lives without a websocket (closed tab, bot, locked phone).

Short on purpose (issue 14: a kernel is a budget): a phone that comes back after a
longer screen lock finds its kernel gone, and the page reloads itself with the
personal link and the typed text (``verbinding.js``)."""
STANDAARD_CULL_INTERVAL = 10
STANDAARD_EXTENSIES: tuple[str, ...] = (
    "@jupyter-widgets/jupyterlab-manager",
    "@voila-dashboards/widgets-manager8",
    "anywidget",
)
"""Federated JupyterLab extensions the pages may load (all served locally)."""

SJABLOON = "werkplaats"
_STATIC = Path(__file__).resolve().parent / "static"
JUPYTER_DATA = _STATIC / "jupyter"
"""Prepended to ``JUPYTER_PATH`` in the server process: holds the Voila template."""


# --------------------------------------------------------------------------- paths


def notebook_bron() -> Path:
    """Directory holding ``regiekamer.ipynb``, ``wand.ipynb`` and ``deelnemer.ipynb``.

    A source checkout (also ``pip install -e``) has them in the repo-level ``notebooks/``
    beside the package; an installed wheel has them as package data ``toolkit.notebooks``
    (pyproject: package-dir ``"toolkit.notebooks" = "notebooks"``).
    """
    repo = Path(__file__).resolve().parent.parent / "notebooks"
    if any((repo / f"{p}.ipynb").is_file() for p in PAGINAS):
        return repo
    pakket = Path(__file__).resolve().parent / "notebooks"
    if any((pakket / f"{p}.ipynb").is_file() for p in PAGINAS):
        return pakket
    try:
        from importlib.resources import files

        bron = Path(str(files("toolkit.notebooks")))
        if any((bron / f"{p}.ipynb").is_file() for p in PAGINAS):
            return bron
    except (ModuleNotFoundError, TypeError):
        pass
    raise FileNotFoundError(
        "De notebooks regiekamer/wand/deelnemer.ipynb zijn niet gevonden "
        f"(gezocht in {repo} en in het pakket toolkit.notebooks)."
    )


def pagina_url(basis: str, pagina: str, **params: str) -> str:
    """``pagina_url("http://127.0.0.1:8866", "deelnemer", code="ABC123")``."""
    from urllib.parse import urlencode

    if pagina not in PAGINAS:
        raise ValueError(f"Onbekende pagina {pagina!r}; kies uit {', '.join(PAGINAS)}.")
    url = f"{basis.rstrip('/')}/voila/render/{pagina}.ipynb"
    return f"{url}?{urlencode(params)}" if params else url


# -------------------------------------------------------------------- configuration


def standaard_max_per_bijeenkomst(pool: int) -> int:
    """Pages one bijeenkomst may have open: the expected room, half again, plus screens."""
    return max(40, pool + pool // 2 + 10)


def standaard_max_kernels(pool: int) -> int:
    """Pages the whole server may have open (about 75 MB each)."""
    return max(60, 2 * pool + 20)


def voila_config(
    *,
    host: str = "127.0.0.1",
    poort: int = STANDAARD_POORT,
    pool_deelnemers: int = STANDAARD_POOL_DEELNEMERS,
    cull_timeout: int = STANDAARD_CULL_TIMEOUT,
    cull_interval: int | None = None,
    extensies: tuple[str, ...] | list[str] | None = STANDAARD_EXTENSIES,
    max_per_bijeenkomst: int | None = None,
    max_kernels: int | None = None,
):
    """The complete traitlets configuration of the Werkplaats Voila server.

    ``pool_deelnemers``: preheated kernels kept ready for ``deelnemer.ipynb`` (0: none,
    preheating off). The other pages never get a pool. ``cull_timeout`` seconds without
    a websocket before a kernel is shut down (0: never); ``cull_interval`` defaults to
    a quarter of it, between 1 and 60 s. ``extensies``: federated extensions allowed
    (``None``: all installed ones, which may load code from a CDN).
    ``max_per_bijeenkomst``/``max_kernels``: caps on pages open (kernels handed out)
    per bijeenkomst and on the whole server; beyond them a page gets "de zaal is vol".
    """
    from traitlets.config import Config

    if cull_interval is None:
        cull_interval = max(1, min(STANDAARD_CULL_INTERVAL, cull_timeout // 4 or 1))
    c = Config()
    c.Voila.ip = host
    c.Voila.port = poort
    c.Voila.port_retries = 0  # a taken port is an error, not a silent other port
    c.Voila.open_browser = False
    c.Voila.base_url = "/"
    # no voila.json / voila.py from cwd or ~/.jupyter may change these settings
    c.Voila.config_file_paths = []
    c.Voila.tornado_settings = {
        "compress_response": True,
        "werkplaats_pool": max(0, pool_deelnemers),
        "werkplaats_max_per_bijeenkomst": max_per_bijeenkomst or standaard_max_per_bijeenkomst(pool_deelnemers),
        "werkplaats_max_kernels": max_kernels or standaard_max_kernels(pool_deelnemers),
    }

    vc = c.VoilaConfiguration
    vc.template = SJABLOON
    vc.theme = "light"
    vc.allow_template_override = "NO"
    vc.allow_theme_override = "NO"
    vc.strip_sources = True
    vc.show_tracebacks = False
    vc.file_allowlist = []  # nothing under /voila/files (the route is dropped as well)
    vc.file_denylist = [r".*"]
    vc.preheat_kernel = pool_deelnemers > 0
    vc.default_pool_size = 0
    vc.multi_kernel_manager_class = werkplaats_kernel_manager()
    if extensies is not None:
        vc.extension_allowlist = list(extensies)
        vc.extension_denylist = []

    # Voila's own pool filling is off (size 0): ``toolkit.zaalbeheer.ZaalPool`` fills
    # the deelnemer pool in batches up to ``pool_deelnemers`` and refills only while the
    # room is quiet. Voila would start the whole pool at once (port collisions, both
    # cores busy) and refill every taken kernel after a delay a page may have to wait
    # out. The size lives in Voila.tornado_settings (see WerkplaatsVoila).
    c.VoilaKernelManager.kernel_pools_config = {
        "default": {"pool_size": 0},
        "deelnemer.ipynb": {"pool_size": 0},
    }
    c.VoilaKernelManager.fill_delay = 0.0
    # Kernels talk to the server over Unix sockets, not TCP: with dozens of kernels
    # starting, a kernel sometimes lost the race for its random TCP port ("Address
    # already in use") and left a dead slot; IPC has no ports to race for (and no
    # "running over TCP without encryption" warnings).
    c.KernelManager.transport = "ipc"

    mkm = c.MappingKernelManager
    mkm.cull_idle_timeout = max(0, cull_timeout)
    mkm.cull_interval = cull_interval
    mkm.cull_connected = False
    mkm.cull_busy = False
    return c


def voila_argv(
    notebook_dir: Path | None = None,
    *,
    host: str = "127.0.0.1",
    poort: int = STANDAARD_POORT,
    pool: int = STANDAARD_POOL_DEELNEMERS,
    cull_timeout: int = STANDAARD_CULL_TIMEOUT,
    cull_interval: int | None = None,
    extensies: tuple[str, ...] | list[str] | None = STANDAARD_EXTENSIES,
    python: str | None = None,
    max_per_bijeenkomst: int | None = None,
    max_kernels: int | None = None,
) -> list[str]:
    """Command line that starts the server (``python -m toolkit.server ...``)."""
    argv = [
        python or sys.executable,
        "-m",
        "toolkit.server",
        "--notebooks",
        str(Path(notebook_dir) if notebook_dir is not None else notebook_bron()),
        "--host",
        host,
        "--poort",
        str(poort),
        "--pool",
        str(pool),
        "--cull-timeout",
        str(cull_timeout),
    ]
    if cull_interval is not None:
        argv += ["--cull-interval", str(cull_interval)]
    if max_per_bijeenkomst is not None:
        argv += ["--max-per-bijeenkomst", str(max_per_bijeenkomst)]
    if max_kernels is not None:
        argv += ["--max-kernels", str(max_kernels)]
    if extensies is None:
        argv += ["--alle-extensies"]
    else:
        argv += ["--extensies", ",".join(extensies)]
    return argv


def start_server(
    *,
    host: str = "127.0.0.1",
    poort: int = STANDAARD_POORT,
    env: dict[str, str] | None = None,
    notebook_dir: Path | None = None,
    pool_deelnemers: int = STANDAARD_POOL_DEELNEMERS,
    cull_timeout: int = STANDAARD_CULL_TIMEOUT,
    cull_interval: int | None = None,
    extensies: tuple[str, ...] | list[str] | None = STANDAARD_EXTENSIES,
    log: Path | None = None,
    max_per_bijeenkomst: int | None = None,
    max_kernels: int | None = None,
    met_ouder_sterven: bool = True,
) -> subprocess.Popen:
    """Start the Voila server as a subprocess and return it (not yet listening).

    ``env`` is added to this process's environment (``WERKPLAATS_DB`` etc.); kernels
    inherit it. ``log``: file for the server's stdout+stderr (default: inherited).
    The server runs in its own process group (``os.killpg(proces.pid, ...)`` reaches
    it) and, with ``met_ouder_sterven``, stops when this process dies, even by SIGKILL
    (``PR_SET_PDEATHSIG`` on Linux plus a watchdog on the parent pid); its kernels
    follow it.
    Follow with ``wacht_tot_bereikbaar(f"http://{host}:{poort}/voila/static/", 60)``
    or simply ``wacht_tot_bereikbaar(basis_url(host, poort))``.
    """
    from toolkit.zaalbeheer import sterf_met_ouder_preexec

    volledig = os.environ.copy()
    volledig.update(env or {})
    # Voila's wait_for_request() in a preheated kernel connects back to VOILA_APP_IP
    # (default 127.0.0.1); with --lan the server listens on the LAN address only.
    if host not in ("", "0.0.0.0", "::", "localhost"):
        volledig["VOILA_APP_IP"] = host
    volledig.setdefault("PYTHONUNBUFFERED", "1")
    argv = voila_argv(
        notebook_dir,
        host=host,
        poort=poort,
        pool=pool_deelnemers,
        cull_timeout=cull_timeout,
        cull_interval=cull_interval,
        extensies=extensies,
        max_per_bijeenkomst=max_per_bijeenkomst,
        max_kernels=max_kernels,
    )
    if met_ouder_sterven:
        argv += ["--ouder-pid", str(os.getpid())]
    uit = open(log, "ab") if log is not None else None  # noqa: SIM115 - handed to Popen
    try:
        return subprocess.Popen(
            argv,
            env=volledig,
            stdout=uit,
            stderr=subprocess.STDOUT if uit is not None else None,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=sterf_met_ouder_preexec() if met_ouder_sterven else None,  # noqa: PLW1509
        )
    finally:
        if uit is not None:
            uit.close()


def basis_url(host: str, poort: int) -> str:
    """``http://host:poort`` (IPv6 literals in brackets; 0.0.0.0 becomes 127.0.0.1)."""
    if host in ("", "0.0.0.0"):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{poort}"


def wacht_tot_bereikbaar(url: str, timeout: float = 60.0, proces: subprocess.Popen | None = None) -> None:
    """Wait until ``url`` answers HTTP (any status < 500); ``TimeoutError`` otherwise.

    A bare ``http://host:poort`` is probed at Voila's static route. With ``proces``,
    fail at once (``RuntimeError``) when that process has exited.
    """
    import urllib.error
    import urllib.request
    from urllib.parse import urlsplit

    if urlsplit(url).path in ("", "/"):
        url = url.rstrip("/") + "/voila/static/"
    eind = time.monotonic() + timeout
    laatste: Exception | None = None
    while time.monotonic() < eind:
        if proces is not None and proces.poll() is not None:
            raise RuntimeError(f"De server is gestopt (exitcode {proces.returncode}).")
        try:
            with urllib.request.urlopen(url, timeout=5) as antwoord:  # noqa: S310
                if antwoord.status < 500:
                    return
        except urllib.error.HTTPError as e:
            if e.code < 500:
                return
            laatste = e
        except (OSError, ValueError) as e:
            laatste = e
        time.sleep(0.1)
    raise TimeoutError(f"{url} antwoordt niet binnen {timeout:.0f} s ({laatste}).")


# ------------------------------------------------------------------ in the kernel


def query_string(timeout: float = 30.0) -> str | None:
    """The page request's query string (without ``?``), also in a preheated kernel.

    Same protocol as ``voila.utils.get_query_string()`` (``VOILA_PREHEAT``,
    ``/voila/query/<kernel id>``), but it imports only ``websockets``: ``import
    voila.utils`` loads all of Voila, jupyter_server and jupyterlab_server into the
    kernel (+30-60 MB RSS per participant). Blocks a preheated kernel until its page is
    requested; elsewhere returns ``os.environ.get("QUERY_STRING")`` at once. Sets the
    request variables (``QUERY_STRING``, ``SCRIPT_NAME``, ``SERVER_NAME``, ...) in
    ``os.environ`` like Voila does. ``None`` when the server could not be reached.
    """
    if os.environ.get("VOILA_PREHEAT", "False") == "True" and "QUERY_STRING" not in os.environ:
        from websockets.sync.client import connect

        ip = os.environ.get("VOILA_APP_IP", "127.0.0.1")
        if ":" in ip and not ip.startswith("["):
            ip = f"[{ip}]"
        basis = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
        url = (
            f"{os.environ.get('VOILA_WS_PROTOCOL', 'ws')}://{ip}:"
            f"{os.environ.get('VOILA_APP_PORT', '8866')}{basis}voila/query/"
            f"{os.environ.get('VOILA_KERNEL_ID', '')}"
        )
        try:
            # no timeout on recv: the kernel waits in the pool until a participant comes
            with connect(url, open_timeout=timeout, max_size=2**20) as ws:
                info = json.loads(ws.recv())
        except (OSError, TimeoutError, ValueError) as e:
            import warnings

            warnings.warn(f"Geen verzoekgegevens van {url}: {e}", stacklevel=2)
            return None
        for k, v in info.items():
            os.environ[k] = str(v)
    return os.environ.get("QUERY_STRING")


def url_parameters(timeout: float = 30.0) -> dict[str, str]:
    """``?code=ABC123&t=x`` -> ``{"code": "ABC123", "t": "x"}`` (last value wins)."""
    from urllib.parse import parse_qs

    qs = query_string(timeout) or ""
    return {k: v[-1] for k, v in parse_qs(qs, keep_blank_values=True).items()}


# ------------------------------------------------------------- server-side classes


_KERNEL_MANAGER = None

#: Set for the kernels of this server: the page template carries ``stijl.css``.
STIJL_IN_PAGINA = "WERKPLAATS_STIJL_IN_PAGINA"


def werkplaats_kernel_manager():
    """``WerkplaatsKernelManager`` (built on first use: kernels never import it).

    An ``AsyncMappingKernelManager`` with ``toolkit.zaalbeheer.KernelBudget``: it culls
    a kernel ``cull_idle_timeout`` seconds after its last websocket closed (or after its
    page was delivered, if none ever connected), whatever the kernel does since, and
    shuts down a kernel that restarted (its page is gone with it). Connected kernels
    and pages still loading are never culled.
    """
    global _KERNEL_MANAGER
    if _KERNEL_MANAGER is not None:
        return _KERNEL_MANAGER

    from jupyter_core.utils import ensure_async
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    from toolkit.zaalbeheer import KernelBudget

    class WerkplaatsKernelManager(KernelBudget, AsyncMappingKernelManager):
        __doc__ = werkplaats_kernel_manager.__doc__

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self._budget_init()

        async def start_kernel(self, *args, **kwargs):
            kernel_id = await ensure_async(super().start_kernel(*args, **kwargs))
            self.budget_let_op(kernel_id)
            return kernel_id

        def notify_connect(self, kernel_id):
            super().notify_connect(kernel_id)
            self.budget_verbonden(kernel_id)

        def notify_disconnect(self, kernel_id):
            super().notify_disconnect(kernel_id)
            self.budget_losgekoppeld(kernel_id)

        def remove_kernel(self, kernel_id):
            self.budget_vergeet(kernel_id)
            return super().remove_kernel(kernel_id)

        async def shutdown_kernel(self, kernel_id, *args, **kwargs):
            self.budget_vergeet(kernel_id)
            return await ensure_async(super().shutdown_kernel(kernel_id, *args, **kwargs))

        async def cull_kernel_if_idle(self, kernel_id):
            # the budget's rule replaces the stock one (see KernelBudget.budget_cull)
            await self.budget_cull(kernel_id)

        def start_watching_activity(self, kernel_id):
            # jupyter_server checks the signature of and parses every message a kernel sends
            # on IOPub, only to note the time and the busy/idle state; with sixty phones that
            # is every widget update parsed a second time in this one process (issue 15:
            # 15 % of the server's CPU in a join storm). Here only status messages are
            # parsed; other messages note the time, at most once a second. Culling goes by
            # the budget's rule (websockets), not by this time.
            from jupyter_client.session import Session
            from jupyter_server._tz import utcnow

            kernel = self._kernels[kernel_id]
            kernel.reason = ""
            kernel.last_activity = utcnow()
            kernel._activity_stream = kernel.connect_iopub()
            session = Session(config=kernel.session.config, key=kernel.session.key)
            laatst = [time.monotonic()]

            def record_activity(msg_list):
                try:
                    plek = msg_list.index(b"<IDS|MSG>")
                    status = b'"status"' in msg_list[plek + 2]
                except (ValueError, IndexError):
                    return
                nu = time.monotonic()
                if not status:
                    if nu - laatst[0] >= 1.0:
                        laatst[0] = nu
                        self.last_kernel_activity = kernel.last_activity = utcnow()
                    return
                laatst[0] = nu
                self.last_kernel_activity = kernel.last_activity = utcnow()
                msg = session.deserialize(msg_list[plek + 1 :])
                parent = (msg.get("parent_header") or {}).get("msg_type")
                toestand = msg["content"].get("execution_state")
                if self.track_message_type(parent):
                    kernel.execution_state = toestand
                elif kernel.execution_state == "starting" and toestand != "starting":
                    kernel.execution_state = "idle"

            kernel._activity_stream.on_recv(record_activity)

    WerkplaatsKernelManager.__module__ = __name__
    _KERNEL_MANAGER = WerkplaatsKernelManager
    return WerkplaatsKernelManager


def _werkplaats_voila_klasse():
    """The Voila application subclass (imported only in the server process)."""
    import tornado.web
    from jupyter_server.utils import url_path_join
    from voila.app import Voila
    from voila.static_file_handler import AllowListFileHandler
    from voila.tornado.contentshandler import VoilaContentsHandler
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.tornado.treehandler import TornadoVoilaTreeHandler

    from toolkit import statisch, zaalbeheer

    statisch.deel_sjablonen()  # Voila compiles its templates once, not for every page it renders

    class WerkplaatsVoila(Voila):
        """Voila serving the three Werkplaats pages and nothing else of the directory.

        Page requests go through ``zaalbeheer.pagina_handler_klasse`` (kernel budget);
        the deelnemer pool is a ``zaalbeheer.ZaalPool`` ticking once a second.
        """

        def init_settings(self):
            settings = super().init_settings()
            # tornado reads compress_response when the Application is built; Voila
            # only applies tornado_settings afterwards, too late for the transform
            settings["compress_response"] = True
            km = self.kernel_manager
            pool = int(self.tornado_settings.get("werkplaats_pool", 0))
            if pool > 0 and hasattr(km, "_pools"):
                status = os.environ.get(zaalbeheer.STATUS_ENV)
                km.zaalpool = zaalbeheer.ZaalPool(km, pool, Path(status) if status else None)
            return settings

        def start(self):
            # kernel sockets (IPC) in a short private directory: a Unix socket path may
            # not exceed ~107 bytes, and a home directory can be long
            eigen = tempfile.mkdtemp(prefix="wp-k-")
            self.connection_dir_root = eigen
            try:
                super().start()
            finally:
                shutil.rmtree(eigen, ignore_errors=True)

        def listen(self):
            import tornado.ioloop

            km = self.kernel_manager
            if getattr(km, "zaalpool", None) is not None:
                km.zaalpool.tik()
                tornado.ioloop.PeriodicCallback(km.zaalpool.tik, 1000).start()
            super().listen()

        def init_handlers(self):
            weg = (TornadoVoilaTreeHandler, VoilaContentsHandler, AllowListFileHandler)
            handlers = []
            for h in super().init_handlers():
                klasse = h[1]
                if isinstance(klasse, type) and issubclass(klasse, weg):
                    continue
                if isinstance(klasse, type) and issubclass(klasse, tornado.web.StaticFileHandler):
                    # JavaScript gzipped once per server, not once per phone (toolkit.statisch)
                    h = (h[0], statisch.met_voorraad(klasse), *h[2:])
                if klasse is TornadoVoilaHandler:
                    namen = "|".join(PAGINAS)
                    pagina = zaalbeheer.pagina_handler_klasse(
                        TornadoVoilaHandler,
                        int(self.tornado_settings.get("werkplaats_max_per_bijeenkomst", 10**6)),
                        int(self.tornado_settings.get("werkplaats_max_kernels", 10**6)),
                    )
                    h = (
                        url_path_join(self.server_url, rf"/voila/render/((?:{namen})\.ipynb)"),
                        pagina,
                        *h[2:],
                    )
                handlers.append(h)
            handlers += zaalbeheer.status_handlers(self.server_url, os.environ.get(zaalbeheer.TOKEN_ENV))
            handlers.append(
                (
                    self.server_url,
                    tornado.web.RedirectHandler,
                    {"url": url_path_join(self.base_url, "voila/render/deelnemer.ipynb")},
                )
            )
            return handlers

    return WerkplaatsVoila


def _serveer_map(bron: Path) -> Path:
    doel = Path(tempfile.mkdtemp(prefix="werkplaats-voila-"))
    gekopieerd = 0
    for p in PAGINAS:
        nb = bron / f"{p}.ipynb"
        if nb.is_file():
            shutil.copyfile(nb, doel / nb.name)
            gekopieerd += 1
    if not gekopieerd:
        shutil.rmtree(doel, ignore_errors=True)
        raise FileNotFoundError(f"Geen van {', '.join(PAGINAS)}.ipynb in {bron}.")
    return doel


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m toolkit.server`` (the server process)."""
    p = argparse.ArgumentParser(prog="python -m toolkit.server", description=__doc__.split("\n")[0])
    p.add_argument("--notebooks", type=Path, default=None)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--poort", type=int, default=STANDAARD_POORT)
    p.add_argument("--pool", type=int, default=STANDAARD_POOL_DEELNEMERS)
    p.add_argument("--cull-timeout", type=int, default=STANDAARD_CULL_TIMEOUT)
    p.add_argument("--cull-interval", type=int, default=None)
    p.add_argument("--extensies", default=",".join(STANDAARD_EXTENSIES))
    p.add_argument("--alle-extensies", action="store_true")
    p.add_argument("--max-per-bijeenkomst", type=int, default=None)
    p.add_argument("--max-kernels", type=int, default=None)
    p.add_argument("--ouder-pid", type=int, default=None)
    a = p.parse_args(argv)

    from toolkit import zaalbeheer

    if a.ouder_pid:
        zaalbeheer.bewaak_ouder(a.ouder_pid)
    bron = a.notebooks or notebook_bron()
    doel = _serveer_map(bron)
    # the pool's status for the regiekamer (kernels inherit the environment)
    os.environ[zaalbeheer.STATUS_ENV] = str(doel / ".zaal.json")
    # our template first; JUPYTER_PATH is read whenever Voila looks up templates
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        x for x in (str(JUPYTER_DATA), os.environ.get("JUPYTER_PATH", "")) if x
    )
    # Kernels inherit this. Every page has its own kernel and one browser view, so ipywidgets'
    # echo of each value a browser sends (one message back per keystroke in a text field)
    # only adds traffic through this process: switched off.
    os.environ.setdefault("JUPYTER_WIDGETS_ECHO", "0")
    # The template links stijl.css (cached by the browser), so the pages need not send it
    # as a widget: 17 kB less in every kernel's widget state (toolkit.apps.ui.stijl).
    os.environ[STIJL_IN_PAGINA] = "1"
    # One process holds the store for all phone kernels (toolkit.loket): they then import
    # no SQLAlchemy and share one statement cache. Started before the first kernel.
    loket = _start_loket(doel)
    cfg = voila_config(
        host=a.host,
        poort=a.poort,
        pool_deelnemers=a.pool,
        cull_timeout=a.cull_timeout,
        cull_interval=a.cull_interval,
        extensies=None if a.alle_extensies else tuple(x for x in a.extensies.split(",") if x),
        max_per_bijeenkomst=a.max_per_bijeenkomst,
        max_kernels=a.max_kernels,
    )
    app = _werkplaats_voila_klasse()(config=cfg)
    # SIGTERM: Voila stops its loop; Ctrl-C (SIGINT): Voila catches KeyboardInterrupt.
    # Either way it shuts the kernels down, then we remove the served copy.
    try:
        app.initialize([str(doel)])
        app.start()
    finally:
        _stop_loket(loket)
        shutil.rmtree(doel, ignore_errors=True)
    return 0


def _start_loket(doel: Path) -> subprocess.Popen | None:
    """The loket process for this server's phone kernels; None (phones open the store
    themselves) when it does not come up within 30 s."""
    from toolkit import loket

    adres = doel / "loket.sock"
    proces = subprocess.Popen(
        [sys.executable, "-m", "toolkit.store.loket", "--adres", str(adres), "--ouder-pid", str(os.getpid())]
    )
    eind = time.monotonic() + 30
    while time.monotonic() < eind and proces.poll() is None:
        if adres.exists():
            try:
                loket.LoketStore(str(adres), wacht=0).sluit()
            except loket.LoketWeg:
                pass
            else:
                os.environ[loket.ADRES_VARIABELE] = str(adres)
                return proces
        time.sleep(0.05)
    print("werkplaats: het loket startte niet; elke deelnemerspagina opent de opslag zelf.", file=sys.stderr)
    _stop_loket(proces)
    return None


def _stop_loket(proces: subprocess.Popen | None) -> None:
    if proces is None or proces.poll() is not None:
        return
    proces.terminate()
    try:
        proces.wait(10)
    except subprocess.TimeoutExpired:
        proces.kill()


if __name__ == "__main__":
    # run as the canonical module (one module object, one kernel-manager class)
    from toolkit.server import main as _main

    sys.exit(_main())
