"""The ``werkplaats`` command: each command does its job, and wrong input gets a Dutch message.

Commands run in-process with click's CliRunner against the temporary database of the
``store`` fixture (``WERKPLAATS_DB``); one test runs the installed console script for real.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from toolkit import model
from toolkit.cli import cli
from toolkit.store import Store
from toolkit.werkvormen import laad_werkvormen


def werkplaats(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=True)


def geslaagd(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    assert result.exception is None
    return result


def nieuw(titel: str = "Startbijeenkomst De Horst") -> dict[str, str]:
    return json.loads(geslaagd(werkplaats("nieuw", titel, "--json")).stdout)


# --- every command ---------------------------------------------------------------------------


def test_werkvormen_toont_de_catalogus_met_bron(store: Store) -> None:
    uitvoer = geslaagd(werkplaats("werkvormen")).stdout
    for w in laad_werkvormen().values():
        assert w.id in uitvoer and w.titel in uitvoer
    assert "bron:" in uitvoer


def test_werkvormen_als_json_voor_scripts(store: Store) -> None:
    lijst = json.loads(geslaagd(werkplaats("werkvormen", "--json")).stdout)
    assert isinstance(lijst, list) and len(lijst) == len(laad_werkvormen())
    for item in lijst:
        assert {"id", "titel", "invoer", "duur_minuten", "bron"} <= set(item)
        assert item["invoer"] in model.INVOER_SOORTEN
        assert isinstance(item["duur_minuten"], int) and item["bron"]


def test_nieuw_maakt_een_bijeenkomst_met_code_en_sleutel(store: Store) -> None:
    gegevens = nieuw()
    assert set(gegevens) == {"code", "sleutel", "titel"}
    assert gegevens["titel"] == "Startbijeenkomst De Horst"
    assert model.join_code(gegevens["code"]) == gegevens["code"]
    regie = store.regie(gegevens["code"], gegevens["sleutel"])
    assert len(store.onderdelen(regie.bijeenkomst_id)) > 5


def test_nieuw_zonder_json_toont_code_en_sleutel_leesbaar(store: Store) -> None:
    uitvoer = geslaagd(
        werkplaats("nieuw", "Start Lindenveen", "--datum", "2027-03-01", "--locatie", "Buurthuis")
    ).stdout
    code = re.search(r"Code voor deelnemers:\s+(\w{6})", uitvoer).group(1)  # type: ignore[union-attr]
    b = store.bijeenkomst(code)
    assert (b.titel, b.datum.isoformat(), b.locatie) == ("Start Lindenveen", "2027-03-01", "Buurthuis")  # type: ignore[union-attr]
    assert "Sleutel procesbegeleider:" in uitvoer


def test_bijeenkomsten_als_json(store: Store) -> None:
    assert json.loads(geslaagd(werkplaats("bijeenkomsten", "--json")).stdout) == []
    een, twee = nieuw("Eerste"), nieuw("Tweede")
    lijst = json.loads(geslaagd(werkplaats("bijeenkomsten", "--json")).stdout)
    assert [(b["code"], b["titel"]) for b in lijst] == [(twee["code"], "Tweede"), (een["code"], "Eerste")]
    assert {b["status"] for b in lijst} == {"open"}
    assert "Eerste" in geslaagd(werkplaats("bijeenkomsten")).stdout


def test_wis_verwijdert_de_bijeenkomst(store: Store) -> None:
    blijft, weg = nieuw("Blijft"), nieuw("Weg")
    uitvoer = geslaagd(werkplaats("wis", weg["code"], "--sleutel", weg["sleutel"], "--ja")).stdout
    assert "verwijderd" in uitvoer
    codes = [b["code"] for b in json.loads(geslaagd(werkplaats("bijeenkomsten", "--json")).stdout)]
    assert codes == [blijft["code"]]


@pytest.mark.traag
def test_demo_zonder_server_vult_een_bijeenkomst_met_twaalf_deelnemers(store: Store) -> None:
    uitvoer = geslaagd(werkplaats("demo", "--geen-server")).stdout
    code = re.search(r"Code voor deelnemers:\s+(\w{6})", uitvoer).group(1)  # type: ignore[union-attr]
    b = store.bijeenkomst(code)
    assert len(store.deelnemers(b.id)) == 12  # type: ignore[arg-type]
    assert len(store.items("bijdrage", b.id)) > 10  # type: ignore[arg-type]


# --- wrong input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (["nieuw", ""], "Vul titel in"),
        (["nieuw", "   "], "Vul titel in"),
        (["nieuw", "Start", "--programma", "bestaatniet"], "Onbekend programma 'bestaatniet'"),
        (["nieuw", "Start", "--datum", "31-12-2027"], "'31-12-2027' is geen datum"),
        (["wis", "ABCDEF", "--sleutel", "x", "--ja"], "Er is geen bijeenkomst met code ABCDEF"),
        (["wis", "XYZ", "--sleutel", "x", "--ja"], "'XYZ' is geen geldige code"),
    ],
    ids=["lege titel", "spaties", "onbekend programma", "slechte datum", "onbekende code", "ongeldige code"],
)
def test_verkeerde_invoer_geeft_een_nederlandse_melding_en_code_2(
    store: Store, args: list[str], melding: str
) -> None:
    result = werkplaats(*args)
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stderr.startswith("Fout: ")
    assert melding in result.stderr


def test_wis_met_verkeerde_sleutel_wist_niets(store: Store) -> None:
    gegevens = nieuw()
    result = werkplaats("wis", gegevens["code"], "--sleutel", "verkeerd", "--ja")
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "Deze sleutel hoort niet bij deze bijeenkomst" in result.stderr
    assert store.bijeenkomst(gegevens["code"]).titel == gegevens["titel"]


@pytest.mark.parametrize(
    "args", [["wis", "ABCDEF"], ["nieuw"], ["demo", "--poort", "0"], ["bestaatniet"], ["werkvormen", "--xml"]]
)
def test_gebruiksfouten_van_click_geven_ook_code_2(store: Store, args: list[str]) -> None:
    result = werkplaats(*args)
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("db", "melding"),
    [
        ("postgresql+psycopg://werkplaats:geheim@127.0.0.1:1/werkplaats", "is niet bereikbaar"),
        ("/proc/bestaat-niet/werkplaats.db", "kan niet worden gemaakt"),
    ],
    ids=["server onbereikbaar", "map onmogelijk"],
)
def test_onbruikbare_opslag_geeft_een_melding_zonder_traceback(
    monkeypatch: pytest.MonkeyPatch, db: str, melding: str
) -> None:
    monkeypatch.setenv("WERKPLAATS_DB", db)
    result = werkplaats("bijeenkomsten")
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert melding in result.stderr
    assert "geheim" not in result.output


# --- help ------------------------------------------------------------------------------------


def alle_commandos() -> list[tuple[str, click.Command]]:
    return sorted(cli.commands.items())  # type: ignore[attr-defined]


def test_elk_commando_heeft_helptekst() -> None:
    zonder = [naam for naam, commando in alle_commandos() if not (commando.help or "").strip()]
    assert zonder == [], f"commando's zonder helptekst: {zonder}"
    for naam, commando in alle_commandos():
        for parameter in commando.params:
            if isinstance(parameter, click.Option) and parameter.name != "help":
                assert (parameter.help or "").strip(), f"{naam} {parameter.opts} heeft geen helptekst"


def test_de_verwachte_commandos_bestaan() -> None:
    namen = {naam for naam, _c in alle_commandos()}
    assert {"werkvormen", "nieuw", "bijeenkomsten", "wis", "demo", "start", "export", "import"} <= namen


@pytest.mark.parametrize("naam", [naam for naam, _c in alle_commandos()])
@pytest.mark.parametrize("vlag", ["--help", "-h"])
def test_help_van_elk_commando_werkt(naam: str, vlag: str) -> None:
    uitvoer = geslaagd(werkplaats(naam, vlag)).stdout
    assert uitvoer.startswith("Usage: ")
    eerste_regel = (cli.commands[naam].help or "").strip().splitlines()[0]  # type: ignore[attr-defined]
    assert eerste_regel in " ".join(uitvoer.split())


class _GestopteServer:
    """Stands in for the Voila process: it has stopped at once (nothing listens, nothing to kill)."""

    pid = -1

    def poll(self) -> int:
        return 1

    def wait(self, timeout: float | None = None) -> int:
        return 1


@pytest.mark.parametrize(
    ("opties", "verwacht"),
    [
        (["--max-kernels", "30", "--max-per-bijeenkomst", "12"], {"max_kernels": 30, "max_per_bijeenkomst": 12}),
        ([], {"max_kernels": None, "max_per_bijeenkomst": None}),  # the server's defaults
    ],
)
def test_start_geeft_de_kernelgrenzen_door_aan_de_server(
    store: Store, monkeypatch: pytest.MonkeyPatch, opties: list[str], verwacht: dict[str, int | None]
) -> None:
    from toolkit import cli as cli_module
    from toolkit import server

    gekregen: dict[str, object] = {}

    def start_server(**kwargs: object) -> _GestopteServer:
        gekregen.update(kwargs)
        return _GestopteServer()

    monkeypatch.setattr(server, "start_server", start_server)
    monkeypatch.setattr(cli_module, "_stop_groep", lambda _proces: None)
    monkeypatch.setattr(cli_module.signal, "signal", lambda *_a: None)  # not this test process's SIGTERM
    gegevens = nieuw()
    uitkomst = werkplaats("start", gegevens["code"], "--poort", str(_vrije_poort()), *opties)
    assert uitkomst.exit_code == 2  # the stand-in server stopped: a Dutch error, no traceback
    assert "De server is gestopt" in uitkomst.output
    assert {k: gekregen[k] for k in verwacht} == verwacht
    assert gegevens["sleutel"] not in uitkomst.output


def test_start_weigert_een_kernelgrens_van_nul(store: Store) -> None:
    uitkomst = werkplaats("start", nieuw()["code"], "--max-kernels", "0")
    assert uitkomst.exit_code == 2
    assert "--max-kernels" in uitkomst.output


def _vrije_poort() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_hoofdhelp_noemt_alle_commandos() -> None:
    uitvoer = geslaagd(werkplaats("--help")).stdout
    for naam, _c in alle_commandos():
        assert naam in uitvoer


# --- the installed command -----------------------------------------------------------------------


@pytest.mark.traag
def test_geinstalleerd_commando_demo_drukt_een_code_af(tmp_path: Path) -> None:
    programma = shutil.which("werkplaats") or str(Path(sys.executable).with_name("werkplaats"))
    if not Path(programma).exists():
        pytest.skip("het commando werkplaats is niet geïnstalleerd (pip install -e .)")
    omgeving = {**os.environ, "WERKPLAATS_DB": str(tmp_path / "werkplaats.db")}
    uitkomst = subprocess.run(
        [programma, "demo", "--geen-server"],
        capture_output=True,
        text=True,
        env=omgeving,
        timeout=300,
        check=False,
    )
    assert uitkomst.returncode == 0, uitkomst.stderr
    code = re.search(r"Code voor deelnemers:\s+(\S+)", uitkomst.stdout)
    assert code is not None, uitkomst.stdout
    assert len(code.group(1)) == 6 and model.join_code(code.group(1)) == code.group(1)


def test_lan_adres_komt_uit_de_netwerkkaarten_en_niet_van_loopback() -> None:
    from toolkit.cli import adressen_uit_ip

    uitvoer = (
        "2: wlan0    inet 192.168.1.23/24 brd 192.168.1.255 scope global dynamic wlan0\n"
        "3: eth0    inet 10.0.0.5/8 scope global eth0\n"
    )
    assert adressen_uit_ip(uitvoer) == ["192.168.1.23", "10.0.0.5"]
    assert adressen_uit_ip("") == []
