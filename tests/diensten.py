"""Throwaway servers from Debian on free loopback ports: PostgreSQL 15 (and friends).

``cluster()`` starts one PostgreSQL cluster per test process (``-c fsync=off``, trust
auth, user ``werkplaats``) and returns it, or a string saying why it could not (then the
test skips with that reason). ``nieuwe_database(cluster)`` creates a fresh database and
drops it afterwards; the ``postgres_url`` fixture in ``conftest.py`` wraps it. As root
the cluster runs as the ``postgres`` user.
"""

from __future__ import annotations

import atexit
import functools
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

GEBRUIKER = "werkplaats"


@dataclass(frozen=True)
class Cluster:
    map: Path
    poort: int
    bin: Path
    als: list[str]

    @property
    def beheer_url(self) -> str:
        return f"postgresql+psycopg://{GEBRUIKER}@127.0.0.1:{self.poort}/postgres"

    def stop(self) -> None:
        subprocess.run(
            [*self.als, str(self.bin / "pg_ctl"), "stop", "-D", str(self.map / "data"), "-m", "immediate"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.map, ignore_errors=True)


def server_bin() -> Path | None:
    """The newest installed PostgreSQL server's bin folder, if any."""
    kandidaten = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(kandidaten[-1]).parent if kandidaten else None


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@functools.cache
def cluster() -> Cluster | str:
    """Start the cluster once per process; a string says why it could not start."""
    bin = server_bin()
    if bin is None:
        return "PostgreSQL-serverprogramma's ontbreken (/usr/lib/postgresql/*/bin/initdb); apt-get install postgresql"
    map = Path(tempfile.mkdtemp(prefix="werkplaats-pg-"))
    als: list[str] = []
    if os.geteuid() == 0:  # initdb and postgres refuse to run as root
        postgres = pwd.getpwnam("postgres")
        os.chown(map, postgres.pw_uid, postgres.pw_gid)
        als = ["runuser", "-u", "postgres", "--"]
    c = Cluster(map, vrije_poort(), bin, als)
    try:
        subprocess.run(
            [
                *als,
                str(bin / "initdb"),
                "-D",
                str(map / "data"),
                "-A",
                "trust",
                "-U",
                GEBRUIKER,
                "-E",
                "UTF8",
            ],
            capture_output=True,
            check=True,
            timeout=180,
        )
        subprocess.run(
            [
                *als,
                str(bin / "pg_ctl"),
                "start",
                "-w",
                "-t",
                "120",
                "-D",
                str(map / "data"),
                "-l",
                str(map / "log"),
                "-o",
                f"-k {map} -h 127.0.0.1 -p {c.poort} -c fsync=off",
            ],
            capture_output=True,
            check=True,
            timeout=180,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as fout:
        uitvoer = getattr(fout, "stderr", b"") or b""
        log = (map / "log").read_text(errors="replace") if (map / "log").exists() else ""
        c.stop()
        return f"PostgreSQL start niet: {fout}\n{uitvoer.decode(errors='replace')}\n{log}"
    atexit.register(c.stop)
    return c


@contextmanager
def nieuwe_database(c: Cluster) -> Iterator[str]:
    """A fresh, empty database on the cluster (SQLAlchemy URL); dropped afterwards."""
    naam = f"w_{uuid.uuid4().hex[:12]}"
    beheer = create_engine(c.beheer_url, isolation_level="AUTOCOMMIT")
    with beheer.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{naam}"'))
    try:
        yield make_url(c.beheer_url).set(database=naam).render_as_string(hide_password=False)
    finally:
        with beheer.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
        beheer.dispose()


# ------------------------------------------------------------------------- nginx

NGINX = Path("/usr/sbin/nginx")


@dataclass
class Nginx:
    """A running throwaway nginx (``nginx -p werkmap -c nginx.conf``)."""

    proces: subprocess.Popen
    poort: int
    werkmap: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.poort}"

    def stop(self) -> None:
        if self.proces.poll() is None:
            self.proces.terminate()
            try:
                self.proces.wait(10)
            except subprocess.TimeoutExpired:
                self.proces.kill()
                self.proces.wait(5)


def nginx_test(config: Path, werkmap: Path) -> subprocess.CompletedProcess:
    """``nginx -t`` on ``config`` with ``werkmap`` as prefix; the result (check ``returncode``)."""
    return subprocess.run(
        [str(NGINX), "-t", "-p", str(werkmap), "-c", str(config)], capture_output=True, text=True, timeout=30
    )


def start_nginx(config_tekst: str, werkmap: Path, poort: int) -> Nginx:
    """Write ``config_tekst`` into ``werkmap``, check it, and run nginx in the foreground."""
    import time

    werkmap.mkdir(parents=True, exist_ok=True)
    (werkmap / "logs").mkdir(exist_ok=True)
    conf = werkmap / "nginx.conf"
    conf.write_text(config_tekst, encoding="utf-8")
    getest = nginx_test(conf, werkmap)
    if getest.returncode != 0:
        raise RuntimeError(f"nginx -t weigert de configuratie:\n{getest.stderr}")
    proces = subprocess.Popen(
        [str(NGINX), "-p", str(werkmap), "-c", str(conf), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=open(werkmap / "stderr.log", "wb"),  # noqa: SIM115 - handed to Popen
    )
    n = Nginx(proces, poort, werkmap)
    eind = time.monotonic() + 30
    while time.monotonic() < eind:
        if proces.poll() is not None:
            raise RuntimeError((werkmap / "stderr.log").read_text(errors="replace"))
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=1):
                return n
        except OSError:
            time.sleep(0.05)
    n.stop()
    raise TimeoutError("nginx luistert niet")


# ---------------------------------------------------------------------- PgBouncer

PGBOUNCER = Path("/usr/sbin/pgbouncer")


@dataclass
class PgBouncer:
    """A throwaway PgBouncer in session mode in front of ``cluster()``."""

    proces: subprocess.Popen
    poort: int
    map: Path

    def via(self, url: str) -> str:
        """The same database URL, through PgBouncer."""
        return make_url(url).set(port=self.poort).render_as_string(hide_password=False)

    def stop(self) -> None:
        if self.proces.poll() is None:
            self.proces.terminate()
            try:
                self.proces.wait(10)
            except subprocess.TimeoutExpired:
                self.proces.kill()
                self.proces.wait(5)
        shutil.rmtree(self.map, ignore_errors=True)


def start_pgbouncer(c: Cluster, *, pool: int = 10) -> PgBouncer | str:
    """PgBouncer (session mode, ``pool`` server connections per database) on a free port;
    a string says why it could not start. Runs as ``postgres`` when we are root."""
    import time

    if not PGBOUNCER.exists():
        return "pgbouncer ontbreekt (scripts/test installeert het met apt)"
    map = Path(tempfile.mkdtemp(prefix="werkplaats-pgbouncer-"))
    poort = vrije_poort()
    (map / "userlist.txt").write_text(f'"{GEBRUIKER}" ""\n')
    (map / "pgbouncer.ini").write_text(
        f"""[databases]
* = host=127.0.0.1 port={c.poort}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {poort}
unix_socket_dir =
auth_type = trust
auth_file = {map / "userlist.txt"}
pool_mode = session
max_client_conn = 1000
default_pool_size = {pool}
logfile = {map / "pgbouncer.log"}
ignore_startup_parameters = extra_float_digits
"""
    )
    if c.als:
        postgres = pwd.getpwnam("postgres")
        for pad in (map, *map.iterdir()):
            os.chown(pad, postgres.pw_uid, postgres.pw_gid)
    proces = subprocess.Popen(
        [*c.als, str(PGBOUNCER), str(map / "pgbouncer.ini")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    b = PgBouncer(proces, poort, map)
    eind = time.monotonic() + 30
    while time.monotonic() < eind:
        if proces.poll() is not None:
            log = (map / "pgbouncer.log").read_text(errors="replace") if (map / "pgbouncer.log").exists() else ""
            b.stop()
            return f"pgbouncer start niet:\n{log}"
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=1):
                atexit.register(b.stop)
                return b
        except OSError:
            time.sleep(0.05)
    b.stop()
    return "pgbouncer luistert niet"
