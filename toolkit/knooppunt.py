"""Nodes (knooppunten): several Werkplaats Voila servers on one PostgreSQL, behind nginx.

A node is the ordinary Werkplaats Voila server (:mod:`toolkit.server`: three pages,
offline, preheated pool, culling) with three additions:

* **Kernel ids carry the node name.** ``KnooppuntKernelManager.new_kernel_id`` returns
  ``<naam>__<uuid4>`` (dashes of the name become ``_``: Jupyter's URL pattern for a kernel
  id is five ``\\w+`` groups joined by ``-``). Voila's preheated pool starts its kernels
  through the same manager, so pooled kernels carry the name as well. nginx routes
  ``/api/kernels/<id>/...`` (the websocket, the shutdown call) by a ``map`` on that
  prefix to the node that owns the kernel; pages go to any node (least connections),
  static files likewise. No cookies, no sticky sessions.
* **One LISTEN connection per node** (:func:`toolkit.wekker.luister`) relays
  PostgreSQL's NOTIFY to the node's kernels over Unix datagram sockets in a private
  folder (``WERKPLAATS_WEKKER``), so pages wake on a change instead of polling.
* **Kernels hold no idle database connection** (``WERKPLAATS_DB_POOL=kort``: one
  connection per transaction), so 300 participants do not take 300 of PostgreSQL's
  ``max_connections``. See ``docs/opschalen.md`` for the measurements and the choice.

``werkplaats knooppunt --naam n1 --poort 8871`` runs one node in the foreground;
``werkplaats proxy-config --poort 8080 --knooppunt n1=127.0.0.1:8871 ...`` prints the
nginx configuration (:func:`nginx_config`).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import uuid
from pathlib import Path

import click

NAAM_PATROON = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""A node name: lower-case letters and digits, single dashes between (a DNS label, like
a StatefulSet pod name ``werkplaats-0``), at most 20 characters: the kernel id carries
it, and the kernel's IPC socket path (``$TMPDIR/wp-k-.../voila_.../kernel-<id>-ipc-N``)
must stay under the 107 bytes a Unix socket path may have."""

SCHEIDING = "__"
"""Between the node part and the uuid of a kernel id (never inside a node part)."""

KNOOPPUNT_VARIABELE = "WERKPLAATS_KNOOPPUNT"

KERNEL_PADEN = "api/kernels|voila/api/shutdown|voila/query|voila/execution"
"""URL paths followed by a kernel id (jupyter_server's and Voila's handlers): these go to
the node that owns the kernel."""


def controleer_naam(naam: str) -> str:
    if not (0 < len(naam) <= 20) or not NAAM_PATROON.match(naam):
        raise ValueError(
            f"Ongeldige naam voor een knooppunt: {naam!r}. Gebruik kleine letters, cijfers en "
            "losse streepjes, bijvoorbeeld n1 of werkplaats-0 (hoogstens 20 tekens)."
        )
    return naam


def kernel_voorvoegsel(naam: str) -> str:
    """``werkplaats-0`` -> ``werkplaats_0__``: what every kernel id of that node starts with."""
    return controleer_naam(naam).replace("-", "_") + SCHEIDING


def nieuw_kernel_id(naam: str) -> str:
    """``n1__8c0e...-...`` : matches Jupyter's kernel-id pattern ``\\w+-\\w+-\\w+-\\w+-\\w+``."""
    return kernel_voorvoegsel(naam) + str(uuid.uuid4())


def knooppunt_van(kernel_id: str, namen: list[str] | tuple[str, ...]) -> str | None:
    """Which of ``namen`` owns ``kernel_id`` (the rule nginx's ``map`` applies)."""
    for naam in namen:
        if kernel_id.startswith(kernel_voorvoegsel(naam)):
            return naam
    return None


# ------------------------------------------------------------------ server process


_KM: dict[str, type] = {}


def knooppunt_kernel_manager():
    """``KnooppuntKernelManager``: Werkplaats' kernel manager with node-named kernel ids.

    The node name comes from ``WERKPLAATS_KNOOPPUNT`` in the server process.
    """
    if "km" in _KM:
        return _KM["km"]
    from toolkit.server import werkplaats_kernel_manager

    class KnooppuntKernelManager(werkplaats_kernel_manager()):
        def new_kernel_id(self, **kwargs):
            return nieuw_kernel_id(os.environ[KNOOPPUNT_VARIABELE])

    KnooppuntKernelManager.__module__ = __name__
    _KM["km"] = KnooppuntKernelManager
    return KnooppuntKernelManager


def _knooppunt_voila_klasse(basis: type, wekker_map: Path, db: str) -> type:
    class KnooppuntVoila(basis):
        """The Werkplaats Voila server plus the node's one LISTEN connection."""

        def listen(self):
            if db.startswith("postgresql"):
                import asyncio

                import tornado.ioloop

                from toolkit.wekker import luister

                def begin() -> None:
                    self._luisteraar = asyncio.ensure_future(luister(db, wekker_map))

                tornado.ioloop.IOLoop.current().add_callback(begin)
            super().listen()

    return KnooppuntVoila


def main(argv: list[str] | None = None) -> int:
    """Run one node in the foreground (``python -m toolkit.knooppunt`` / ``werkplaats knooppunt``).

    A node *is* ``python -m toolkit.server`` (``server.main``: pool, kernel budget,
    culling, template, whatever it sets up), with two parts swapped in: the kernel
    manager (node-named kernel ids) and the Voila class (the LISTEN connection). Options
    this parser does not know are passed on to ``server.main``.
    """
    from toolkit import server

    p = argparse.ArgumentParser(prog="werkplaats knooppunt", description=__doc__.split("\n")[0])
    p.add_argument("--naam", required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--poort", type=int, default=8871)
    p.add_argument("--deelnemers", type=int, default=server.STANDAARD_POOL_DEELNEMERS)
    a, rest = p.parse_known_args(argv)
    naam = controleer_naam(a.naam)

    from toolkit.store import db_url
    from toolkit.store.knooppunten import migreer_gedeeld

    db = db_url(os.environ.get("WERKPLAATS_DB"))
    migreer_gedeeld(db)  # reachable, schema up to date, before any kernel starts

    wekker_map = Path(tempfile.mkdtemp(prefix=f"werkplaats-wekker-{naam}-"))
    os.environ[KNOOPPUNT_VARIABELE] = naam
    os.environ["WERKPLAATS_DB"] = db
    if db.startswith("postgresql"):
        from toolkit.wekker import MAP_VARIABELE

        os.environ[MAP_VARIABELE] = str(wekker_map)
        os.environ.setdefault("WERKPLAATS_DB_POOL", "kort")  # kernels: no idle connections
    if a.host not in ("", "0.0.0.0", "::", "localhost"):
        os.environ["VOILA_APP_IP"] = a.host  # preheated kernels call their own node back
    os.environ.setdefault("PYTHONUNBUFFERED", "1")

    basis_config, basis_klasse = server.voila_config, server._werkplaats_voila_klasse

    def config(**kwargs):
        c = basis_config(**kwargs)
        c.VoilaConfiguration.multi_kernel_manager_class = knooppunt_kernel_manager()
        return c

    server.voila_config = config
    server._werkplaats_voila_klasse = lambda: _knooppunt_voila_klasse(basis_klasse(), wekker_map, db)
    try:
        return server.main(["--host", a.host, "--poort", str(a.poort), "--pool", str(a.deelnemers), *rest])
    finally:
        server.voila_config, server._werkplaats_voila_klasse = basis_config, basis_klasse
        shutil.rmtree(wekker_map, ignore_errors=True)


# ------------------------------------------------------------------------- nginx


def _upstream(naam: str) -> str:
    return "knooppunt_" + naam.replace("-", "_")


def nginx_config(
    poort: int,
    knooppunten: dict[str, str],
    *,
    host: str = "",
    werkmap: Path | None = None,
    servernaam: str = "_",
) -> str:
    """A complete ``nginx.conf`` for the nodes ``{naam: "host:poort"}``.

    ``werkmap``: folder for pid, logs and temp files (a throwaway instance); without it
    Debian's places (``/run``, ``/var/log/nginx``, ``/var/lib/nginx``) are used.
    """
    if not knooppunten:
        raise ValueError("Geef minstens één knooppunt: --knooppunt n1=127.0.0.1:8871.")
    for naam, adres in knooppunten.items():
        controleer_naam(naam)
        if not re.match(r"^[A-Za-z0-9.\-\[\]:]+:\d{1,5}$", adres):
            raise ValueError(f"Ongeldig adres voor knooppunt {naam}: {adres!r} (verwacht host:poort).")
    luister = f"{host}:{poort}" if host else str(poort)
    if werkmap is not None:
        w = Path(werkmap)
        pid = w / "nginx.pid"
        foutlog = w / "error.log"
        toegang = f"access_log {w / 'access.log'};"
        tijdelijk = "\n".join(
            f"    {soort}_temp_path {w / soort};" for soort in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        mime = "    types { text/html html; text/css css; application/javascript js; }"
    else:
        pid = Path("/run/nginx-werkplaats.pid")
        foutlog = Path("/var/log/nginx/werkplaats-error.log")
        toegang = "access_log /var/log/nginx/werkplaats-access.log;"
        tijdelijk = ""
        mime = "    include /etc/nginx/mime.types;"
    regels = "\n".join(
        f'        "~^/(?:{KERNEL_PADEN})/{kernel_voorvoegsel(n)}" {_upstream(n)};'
        for n in knooppunten
    )
    paginas = "\n".join(
        f"        server {adres} max_fails=1 fail_timeout=10s;" for adres in knooppunten.values()
    )
    per_knooppunt = "\n".join(
        f"    upstream {_upstream(n)} {{\n        server {adres};\n    }}" for n, adres in knooppunten.items()
    )
    return f"""# Werkplaats: {len(knooppunten)} knooppunt(en) achter nginx (werkplaats proxy-config).
# Pagina's en statische bestanden: elk knooppunt (least_conn). De websocket en het afsluiten
# van een kernel: het knooppunt waarvan de naam vooraan in de kernel-id staat.
worker_processes 1;
pid {pid};
error_log {foutlog} warn;

events {{
    worker_connections 4096;
}}

http {{
{mime}
    default_type application/octet-stream;
    {toegang}
{tijdelijk}
    sendfile on;
    server_tokens off;

    map $http_upgrade $werkplaats_verbinding {{
        default upgrade;
        ""      close;
    }}

    # kernel-id "<knooppunt>__<uuid>" in het pad -> het knooppunt dat de kernel heeft
    map $uri $werkplaats_doel {{
        default werkplaats_paginas;
{regels}
    }}

    upstream werkplaats_paginas {{
        least_conn;
{paginas}
    }}

{per_knooppunt}

    server {{
        listen {luister};
        server_name {servernaam};
        client_max_body_size 20m;

        location / {{
            proxy_pass http://$werkplaats_doel;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $werkplaats_verbinding;
            proxy_set_header Host $http_host;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_buffering off;
            proxy_read_timeout 3600s;
            proxy_send_timeout 3600s;
            proxy_connect_timeout 5s;
            # a page whose node is down is asked of the next node
            proxy_next_upstream error timeout http_502 http_503;
        }}
    }}
}}
"""


def _knooppunt_optie(waarden: tuple[str, ...]) -> dict[str, str]:
    uit: dict[str, str] = {}
    for w in waarden:
        naam, _, adres = w.partition("=")
        if not adres:
            raise click.BadParameter(f"{w!r}: schrijf naam=host:poort, bijvoorbeeld n1=127.0.0.1:8871.")
        if naam in uit:
            raise click.BadParameter(f"Knooppunt {naam} staat er twee keer in.")
        uit[naam] = adres
    return uit


@click.command("proxy-config", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--poort", default=8080, show_default=True, type=click.IntRange(1, 65535), help="Poort van nginx.")
@click.option("--host", default="", help="Adres waarop nginx luistert (standaard: alle).")
@click.option(
    "--knooppunt",
    "knooppunten",
    multiple=True,
    required=True,
    help="naam=host:poort van een knooppunt; herhaal voor elk knooppunt.",
)
@click.option(
    "--werkmap",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Map voor pid, logs en tijdelijke bestanden (standaard die van Debian).",
)
def proxy_config(poort: int, host: str, knooppunten: tuple[str, ...], werkmap: Path | None) -> None:
    """Druk een complete nginx-configuratie af voor knooppunten achter één adres."""
    try:
        tekst = nginx_config(poort, _knooppunt_optie(knooppunten), host=host, werkmap=werkmap)
    except ValueError as fout:
        raise click.UsageError(str(fout)) from None
    click.echo(tekst, nl=False)


@click.command(
    "knooppunt",
    context_settings={"help_option_names": ["-h", "--help"], "ignore_unknown_options": False},
)
@click.option("--naam", required=True, help="Naam van dit knooppunt, bijvoorbeeld n1 (staat in elke kernel-id).")
@click.option("--poort", default=8871, show_default=True, type=click.IntRange(1, 65535), help="Poort.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres waarop het knooppunt luistert.")
@click.option(
    "--deelnemers",
    default=None,
    type=click.IntRange(0, 200),
    help="Aantal voorverwarmde deelnemer-kernels (pool).",
)
def knooppunt(naam: str, poort: int, host: str, deelnemers: int | None) -> None:
    """Start één knooppunt: een Werkplaats-server voor alle bijeenkomsten in de opslag.

    Alle knooppunten delen dezelfde WERKPLAATS_DB (PostgreSQL) en staan achter nginx
    (werkplaats proxy-config).
    """
    try:
        controleer_naam(naam)
    except ValueError as fout:
        raise click.UsageError(str(fout)) from None
    argv = ["--naam", naam, "--poort", str(poort), "--host", host]
    if deelnemers is not None:
        argv += ["--deelnemers", str(deelnemers)]
    from toolkit.fouten import WerkplaatsFout

    try:
        sys.exit(main(argv))
    except WerkplaatsFout as fout:
        click.echo(f"Fout: {fout}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    from toolkit.knooppunt import main as _main

    sys.exit(_main())
