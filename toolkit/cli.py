"""The ``werkplaats`` command: a thin translation of words into toolkit calls.

Each command opens the store, calls one toolkit function and prints its result; every
:class:`~toolkit.fouten.WerkplaatsFout` becomes a Dutch message and exit code 2.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import socket
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from toolkit.fouten import WerkplaatsFout

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Fout(click.ClickException):
    """A message for the user, no traceback; exit code 2 like click's usage errors."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"Fout: {self.format_message()}", err=True)


def vertaal_fouten(functie: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(functie)
    def omhulsel(*args: Any, **kwargs: Any) -> Any:
        try:
            return functie(*args, **kwargs)
        except WerkplaatsFout as fout:
            # The facilitator at the command line also hears the cause (a full disk, ...).
            raise Fout(fout.voor_begeleider) from None
        except OSError as fout:
            if fout.errno in (errno.ENOSPC, errno.EDQUOT):
                raise Fout(f"De schijf is vol; maak ruimte vrij en probeer het opnieuw ({fout}).") from None
            raise

    return omhulsel


def json_optie(functie: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "als_json", is_flag=True, help="Uitvoer als JSON, voor scripts.")(functie)


def _store() -> Any:
    from toolkit.store import Store

    return Store()


def _print_json(waarde: Any) -> None:
    click.echo(json.dumps(waarde, ensure_ascii=False, default=str))


# --- remembered facilitator keys -------------------------------------------------------


def _sleutelbestand(store: Any) -> Path:
    """Keys this machine created, beside the database, readable by this user only.

    The database holds only a hash of each key; this file lets ``werkplaats start`` print
    the regiekamer link again on the facilitator's own laptop.
    """
    if store.url.startswith("sqlite:///"):
        return Path(store.url.removeprefix("sqlite:///")).with_name("sleutels.json")
    from toolkit.store import standaard_db_pad

    return standaard_db_pad().with_name("sleutels.json")


def _onthoud_sleutel(store: Any, code: str, sleutel: str) -> None:
    pad = _sleutelbestand(store)
    try:
        bekend = json.loads(pad.read_text(encoding="utf-8")) if pad.exists() else {}
    except (OSError, ValueError):
        bekend = {}
    bekend[code] = sleutel
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.touch(mode=0o600, exist_ok=True)
    pad.write_text(json.dumps(bekend, indent=1), encoding="utf-8")
    os.chmod(pad, 0o600)


def _vergeet_sleutel(store: Any, code: str) -> None:
    pad = _sleutelbestand(store)
    if pad.exists():
        bekend = json.loads(pad.read_text(encoding="utf-8") or "{}")
        bekend.pop(code, None)
        pad.write_text(json.dumps(bekend, indent=1), encoding="utf-8")


def _bekende_sleutel(store: Any, code: str) -> str | None:
    pad = _sleutelbestand(store)
    try:
        return json.loads(pad.read_text(encoding="utf-8")).get(code)
    except (OSError, ValueError):
        return None


def _deelnemersbestand(store: Any) -> Path:
    """Expected room size per bijeenkomst (``nieuw --deelnemers``), beside the keys."""
    return _sleutelbestand(store).with_name("deelnemers.json")


def _onthoud_deelnemers(store: Any, code: str, aantal: int) -> None:
    pad = _deelnemersbestand(store)
    try:
        bekend = json.loads(pad.read_text(encoding="utf-8")) if pad.exists() else {}
    except (OSError, ValueError):
        bekend = {}
    bekend[code] = aantal
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text(json.dumps(bekend, indent=1), encoding="utf-8")


def _verwachte_deelnemers(store: Any, code: str) -> int | None:
    try:
        waarde = json.loads(_deelnemersbestand(store).read_text(encoding="utf-8")).get(code)
    except (OSError, ValueError, AttributeError):
        return None
    return int(waarde) if isinstance(waarde, int) and waarde >= 0 else None


def deelnemers_optie(functie: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--deelnemers",
        default=None,
        type=click.IntRange(0, 200),
        help="Hoeveel deelnemers u verwacht: zoveel plaatsen worden vooraf warm gezet.",
    )(functie)


# --- commands --------------------------------------------------------------------------


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="werkplaats", prog_name="werkplaats", message="%(prog)s %(version)s")
def cli() -> None:
    """Werkplaats: een startbijeenkomst van zorg en sociaal domein live begeleiden.

    De gegevens staan in een SQLite-bestand in uw gebruikersmap, of waar WERKPLAATS_DB
    naar wijst (een bestandspad of een database-URL, zoals postgresql+psycopg://...).
    """


@cli.command(context_settings=CONTEXT)
@json_optie
@vertaal_fouten
def werkvormen(als_json: bool) -> None:
    """Toon de werkvormen uit de catalogus, met hun bron."""
    from toolkit.werkvormen import laad_werkvormen

    catalogus = laad_werkvormen()
    if als_json:
        _print_json(
            [
                {
                    "id": w.id,
                    "titel": w.titel,
                    "invoer": w.invoer,
                    "duur_minuten": w.duur_minuten,
                    "stippen": w.stippen,
                    "bron": w.bron,
                }
                for w in catalogus.values()
            ]
        )
        return
    for w in catalogus.values():
        click.echo(f"{w.id:<22} {w.duur_minuten:>3} min  {w.invoer:<11} {w.titel}")
        click.echo(f"{'':<22} bron: {w.bron}")


@cli.command(context_settings=CONTEXT)
@click.argument("titel")
@click.option(
    "--programma", default="standaard", show_default=True, help="Programma uit werkvormen/programma/."
)
@click.option("--datum", default=None, help="Datum van de bijeenkomst, JJJJ-MM-DD.")
@click.option("--locatie", default="", help="Waar de bijeenkomst is.")
@deelnemers_optie
@json_optie
@vertaal_fouten
def nieuw(
    titel: str, programma: str, datum: str | None, locatie: str, deelnemers: int | None, als_json: bool
) -> None:
    """Maak een nieuwe bijeenkomst; toont de deelnamecode en de sleutel van de procesbegeleider."""
    from toolkit import model
    from toolkit.werkvormen import laad_programma

    onderdelen = laad_programma(programma).onderdelen
    store = _store()
    bijeenkomst, sleutel = store.nieuwe_bijeenkomst(
        titel, datum=model.datum("datum", datum, verplicht=False), locatie=locatie, onderdelen=onderdelen
    )
    _onthoud_sleutel(store, bijeenkomst.code, sleutel)
    if deelnemers is not None:
        _onthoud_deelnemers(store, bijeenkomst.code, deelnemers)
    if als_json:
        _print_json({"code": bijeenkomst.code, "sleutel": sleutel, "titel": bijeenkomst.titel})
        return
    click.echo(f"Bijeenkomst '{bijeenkomst.titel}' aangemaakt met {len(onderdelen)} onderdelen.")
    click.echo(f"Code voor deelnemers:      {bijeenkomst.code}")
    click.echo(f"Sleutel procesbegeleider:  {sleutel}")
    click.echo("Bewaar de sleutel goed: zonder sleutel kan niemand de bijeenkomst leiden.")
    click.echo(f"Start met: werkplaats start {bijeenkomst.code}")


@cli.command(context_settings=CONTEXT)
@click.argument("code")
@click.argument("titel")
@click.option("--datum", default=None, help="Datum van de vervolgbijeenkomst, JJJJ-MM-DD.")
@click.option(
    "--programma", default="evaluatie", show_default=True, help="Programma uit werkvormen/programma/."
)
@json_optie
@vertaal_fouten
def vervolg(code: str, titel: str, datum: str | None, programma: str, als_json: bool) -> None:
    """Maak een vervolgbijeenkomst in het traject van CODE; open acties en afspraken gaan mee."""
    from toolkit.store.traject import vervolg as maak_vervolg
    from toolkit.werkvormen import laad_programma

    onderdelen = laad_programma(programma).onderdelen
    store = _store()
    bijeenkomst, sleutel = maak_vervolg(
        store, code, titel, datum=datum, onderdelen=onderdelen, programma=programma
    )
    _onthoud_sleutel(store, bijeenkomst.code, sleutel)
    if als_json:
        _print_json(
            {
                "code": bijeenkomst.code,
                "sleutel": sleutel,
                "titel": bijeenkomst.titel,
                "datum": bijeenkomst.datum.isoformat() if bijeenkomst.datum else None,
            }
        )
        return
    click.echo(f"Vervolgbijeenkomst '{bijeenkomst.titel}' aangemaakt met {len(onderdelen)} onderdelen.")
    click.echo(f"Code voor deelnemers:      {bijeenkomst.code}")
    click.echo(f"Sleutel procesbegeleider:  {sleutel}")
    click.echo(f"Het traject bekijken:      werkplaats traject {bijeenkomst.code}")


@cli.command(context_settings=CONTEXT)
@click.argument("code")
@click.option("--open-tot", default=None, help="Open de bijeenkomst als vragenlijst tot en met JJJJ-MM-DD.")
@click.option(
    "--adres",
    default="http://127.0.0.1:8866",
    show_default=True,
    help="Adres waarop de partners de server bereiken (zie werkplaats start --lan of uw server).",
)
@click.option(
    "--naar", default=None, type=click.Path(file_okay=False, path_type=Path),
    help="Map voor uitnodiging.txt en uitnodiging-qr.png (standaard: vragenlijst-CODE).",
)
@json_optie
@vertaal_fouten
def vragenlijst(code: str, open_tot: str | None, adres: str, naar: Path | None, als_json: bool) -> None:
    """Zet een bijeenkomst open als vragenlijst voor een paar dagen, of toon wie al antwoordde."""
    from toolkit import model, server
    from toolkit.export.uitnodiging import schrijf_uitnodiging
    from toolkit.store.traject import vragenlijst_respons, vragenlijst_tot, zet_vragenlijst

    store = _store()
    bijeenkomst = store.bijeenkomst(code)
    link = server.pagina_url(adres, "deelnemer", code=bijeenkomst.code)
    bestanden: list[Path] = []
    if open_tot is not None:
        tot = zet_vragenlijst(store, bijeenkomst.id, open_tot)
        bestanden = list(
            schrijf_uitnodiging(naar or Path(f"vragenlijst-{bijeenkomst.code}"), bijeenkomst.titel, link, tot,
                                code=bijeenkomst.code)
        )
    tot = vragenlijst_tot(store, bijeenkomst.id)
    respons = vragenlijst_respons(store, bijeenkomst.id)
    if als_json:
        _print_json(
            {
                "code": bijeenkomst.code,
                "open_tot": tot.isoformat() if tot else None,
                "link": link,
                "respons": respons,
                "bestanden": [str(p) for p in bestanden],
            }
        )
        return
    if tot is None:
        click.echo(f"{bijeenkomst.code} is (nog) geen vragenlijst. Open hem met: werkplaats vragenlijst "
                   f"{bijeenkomst.code} --open-tot JJJJ-MM-DD")
    else:
        click.echo(f"Vragenlijst '{bijeenkomst.titel}' staat open tot en met {model.datum_nl(tot)}.")
        click.echo(f"Link voor de partners: {link}")
    for pad in bestanden:
        click.echo(f"Geschreven: {pad}")
    totaal = sum(respons.values())
    click.echo(f"Ingevuld door {totaal} {'deelnemer' if totaal == 1 else 'deelnemers'}:")
    for domein, aantal in respons.items():
        if aantal:
            click.echo(f"  {model.DOMEIN_LABELS[domein]:<18} {aantal}")


def _datum_tekst(waarde: Any) -> str:
    return waarde.isoformat() if waarde else "zonder datum"


@cli.command(context_settings=CONTEXT)
@click.argument("code")
@json_optie
@vertaal_fouten
def traject(code: str, als_json: bool) -> None:
    """Toon het traject van CODE: de bijeenkomsten en de acties met hun status per bijeenkomst."""
    from datetime import date

    from toolkit.analysis.traject import overzicht_uit_store

    store = _store()
    o = overzicht_uit_store(store, store.bijeenkomst(code).id)
    codes = [b.code for b in o.bijeenkomsten]

    def item(i: Any) -> dict[str, Any]:
        return {
            "wat": i.wat,
            "wie": i.wie,
            "wanneer": i.wanneer.isoformat() if i.wanneer else None,
            "status": i.status,
            "statussen": [
                {"code": c, "status": s} for c, s in zip(codes, i.statussen, strict=True) if s is not None
            ],
        }

    te_doen = o.te_doen(date.today())
    if als_json:
        _print_json(
            {
                "traject": (
                    {"titel": o.traject.titel, "wijk": o.traject.wijk, "partners": list(o.traject.partners)}
                    if o.traject
                    else None
                ),
                "bijeenkomsten": [
                    {"code": b.code, "titel": b.titel, "datum": b.datum.isoformat() if b.datum else None}
                    for b in o.bijeenkomsten
                ],
                "acties": [item(a) for a in o.acties],
                "afspraken": [item(a) for a in o.afspraken],
                "te_doen": [item(a) for a in te_doen],
                "volgend_evaluatiemoment": (
                    o.volgend_evaluatiemoment.isoformat() if o.volgend_evaluatiemoment else None
                ),
            }
        )
        return
    if o.traject:
        click.echo(f"Traject: {o.traject.titel}" + (f" ({o.traject.wijk})" if o.traject.wijk else ""))
    else:
        click.echo("Deze bijeenkomst heeft nog geen vervolg; maak er een met: werkplaats vervolg CODE TITEL")
    click.echo("Bijeenkomsten:")
    for nummer, b in enumerate(o.bijeenkomsten, start=1):
        click.echo(f"  {nummer}. {b.code}  {_datum_tekst(b.datum):<12} {b.titel}")
    click.echo(f"Acties ({len(o.acties)}), status per bijeenkomst {' → '.join(codes)}:")
    for a in o.acties:
        verloop = " → ".join(s or "–" for s in a.statussen)
        click.echo(f"  [{a.status}] {a.wat} — {a.wie}, {_datum_tekst(a.wanneer)}  ({verloop})")
    if te_doen:
        click.echo(f"Nu aan de beurt ({len(te_doen)}):")
        for a in te_doen:
            click.echo(f"  {a.wat} — {a.wie}, {_datum_tekst(a.wanneer)}")
    if o.volgend_evaluatiemoment:
        click.echo(f"Volgend evaluatiemoment: {_datum_tekst(o.volgend_evaluatiemoment)}")


@cli.command(context_settings=CONTEXT)
@json_optie
@vertaal_fouten
def bijeenkomsten(als_json: bool) -> None:
    """Toon alle bijeenkomsten in de opslag, nieuwste eerst."""
    store = _store()
    lijst = store.bijeenkomsten()
    if als_json:
        _print_json(
            [
                {
                    "code": b.code,
                    "titel": b.titel,
                    "datum": b.datum.isoformat() if b.datum else None,
                    "status": b.status,
                    "deelnemers": sum(store.deelnemers_per_domein(b.id).values()),
                }
                for b in lijst
            ]
        )
        return
    if not lijst:
        click.echo('Nog geen bijeenkomsten. Maak er een met: werkplaats nieuw "Titel"')
    for b in lijst:
        datum = b.datum.isoformat() if b.datum else "zonder datum"
        click.echo(f"{b.code}  {b.status:<8} {datum:<12} {b.titel}")


@cli.command(context_settings=CONTEXT)
@click.argument("code")
@click.option("--sleutel", required=True, help="De sleutel van de procesbegeleider.")
@click.option("--ja", is_flag=True, help="Niet om bevestiging vragen.")
@vertaal_fouten
def wis(code: str, sleutel: str, ja: bool) -> None:
    """Verwijder een bijeenkomst met alle deelnemers en bijdragen, definitief (AVG)."""
    store = _store()
    bijeenkomst = store.regie(code, sleutel).bijeenkomst
    if not ja and sys.stdin.isatty():
        click.confirm(f"'{bijeenkomst.titel}' ({bijeenkomst.code}) definitief verwijderen?", abort=True)
    store.wis(code, sleutel)
    _vergeet_sleutel(store, bijeenkomst.code)
    click.echo(f"Bijeenkomst {bijeenkomst.code} en alles wat erbij hoort is verwijderd.")


@cli.command(context_settings=CONTEXT)
@click.option("--geen-server", is_flag=True, help="Alleen de demo vullen, geen server starten.")
@click.option(
    "--poort", default=8866, show_default=True, type=click.IntRange(1, 65535), help="Poort van de server."
)
@click.option("--lan", is_flag=True, help="Bereikbaar op het lokale netwerk (wifi in de zaal).")
@click.option(
    "--traject", "met_traject", is_flag=True,
    help="Ook een vervolgbijeenkomst drie maanden later, met voortgang (zie werkplaats export).",
)
@deelnemers_optie
@json_optie
@vertaal_fouten
def demo(
    geen_server: bool, poort: int, lan: bool, met_traject: bool, deelnemers: int | None, als_json: bool
) -> None:
    """Vul een voorbeeldbijeenkomst (wijk De Horst) en start de live pagina's."""
    store = _store()
    if met_traject:
        from toolkit.demo_traject import vul_traject_demo

        traject_demo = vul_traject_demo(store)
        uitkomst = traject_demo.start
        _onthoud_sleutel(store, uitkomst.bijeenkomst.code, uitkomst.sleutel)
        vervolg = traject_demo.vervolg
        _onthoud_sleutel(store, vervolg.code, traject_demo.sleutel)
        if geen_server:
            if als_json:
                _print_json(
                    {
                        "code": vervolg.code,
                        "sleutel": traject_demo.sleutel,
                        "titel": vervolg.titel,
                        "start": {"code": uitkomst.bijeenkomst.code, "sleutel": uitkomst.sleutel},
                    }
                )
            else:
                click.echo(f"Demotraject gevuld: '{uitkomst.bijeenkomst.titel}' en '{vervolg.titel}'.")
                click.echo(f"Code startbijeenkomst:     {uitkomst.bijeenkomst.code}")
                click.echo(f"Code vervolgbijeenkomst:   {vervolg.code}")
                click.echo(f"Sleutel procesbegeleider:  {traject_demo.sleutel}")
                click.echo(f"Het traject:               werkplaats traject {vervolg.code}")
                click.echo(f"Voortgangsrapport:         werkplaats export {vervolg.code} --naar verslag/")
            return
        _start(
            store, vervolg.code, traject_demo.sleutel, poort=poort, lan=lan, als_json=als_json, pool=deelnemers
        )
        return
    from toolkit.demo import vul_demo

    uitkomst = vul_demo(store)
    code = uitkomst.bijeenkomst.code
    _onthoud_sleutel(store, code, uitkomst.sleutel)
    if geen_server:
        if als_json:
            _print_json({"code": code, "sleutel": uitkomst.sleutel, "titel": uitkomst.bijeenkomst.titel})
        else:
            click.echo(f"Demobijeenkomst '{uitkomst.bijeenkomst.titel}' is gevuld.")
            click.echo(f"Code voor deelnemers:      {code}")
            click.echo(f"Sleutel procesbegeleider:  {uitkomst.sleutel}")
            click.echo(f"Start de live pagina's met: werkplaats start {code}")
        return
    _start(store, code, uitkomst.sleutel, poort=poort, lan=lan, als_json=als_json, pool=deelnemers)


@cli.command(context_settings=CONTEXT)
@click.argument("code")
@click.option(
    "--poort", default=8866, show_default=True, type=click.IntRange(1, 65535), help="Poort van de server."
)
@click.option("--lan", is_flag=True, help="Bereikbaar op het lokale netwerk (wifi in de zaal).")
@click.option(
    "--sleutel", default=None, help="Sleutel van de procesbegeleider (standaard: de onthouden sleutel)."
)
@deelnemers_optie
@click.option(
    "--pool", default=None, type=click.IntRange(0, 200), hidden=True, help="Oude naam van --deelnemers."
)
@click.option(
    "--max-kernels",
    default=None,
    type=click.IntRange(1, 10_000),
    help="Hoeveel pagina's de server samen open mag hebben (standaard: 2 x deelnemers + 20, minstens 60). "
    "Daarboven krijgt een nieuwe pagina 'de zaal is vol'.",
)
@click.option(
    "--max-per-bijeenkomst",
    default=None,
    type=click.IntRange(1, 10_000),
    help="Hoeveel pagina's één bijeenkomst open mag hebben (standaard: deelnemers x 1,5 + 10, minstens 40).",
)
@json_optie
@vertaal_fouten
def start(
    code: str,
    poort: int,
    lan: bool,
    sleutel: str | None,
    deelnemers: int | None,
    pool: int | None,
    max_kernels: int | None,
    max_per_bijeenkomst: int | None,
    als_json: bool,
) -> None:
    """Start de regiekamer, de wand en de deelnemerspagina voor een bijeenkomst.

    Er worden vooraf zoveel deelnemerplaatsen warm gezet als --deelnemers (of het aantal
    dat bij 'werkplaats nieuw' is opgegeven); pas daarna verschijnen de adressen.
    """
    store = _store()
    bijeenkomst = store.bijeenkomst(code)
    sleutel = sleutel or _bekende_sleutel(store, bijeenkomst.code)
    if not sleutel:
        raise Fout(
            f"De sleutel van {bijeenkomst.code} is op deze computer niet bekend; geef hem mee met --sleutel."
        )
    store.regie(bijeenkomst.code, sleutel)
    if deelnemers is None:
        deelnemers = pool if pool is not None else _verwachte_deelnemers(store, bijeenkomst.code)
    _start(
        store,
        bijeenkomst.code,
        sleutel,
        poort=poort,
        lan=lan,
        als_json=als_json,
        pool=deelnemers,
        max_kernels=max_kernels,
        max_per_bijeenkomst=max_per_bijeenkomst,
    )


def adressen_uit_ip(uitvoer: str) -> list[str]:
    """IPv4 addresses from ``ip -4 -o addr show scope global``, in the order listed."""
    adressen = []
    for regel in uitvoer.splitlines():
        delen = regel.split()
        if "inet" in delen and delen.index("inet") + 1 < len(delen):
            adressen.append(delen[delen.index("inet") + 1].split("/")[0])
    return adressen


def lan_adres() -> str:
    """This machine's address on the local network, read from its interfaces (sends nothing)."""
    import subprocess

    kandidaten: list[str] = []
    try:
        uitvoer = subprocess.run(
            ["ip", "-4", "-o", "addr", "show", "scope", "global"], capture_output=True, text=True, timeout=5
        ).stdout
        kandidaten = adressen_uit_ip(uitvoer)
    except (OSError, subprocess.SubprocessError):
        pass
    if not kandidaten:
        try:
            for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
                if not str(info[4][0]).startswith("127."):
                    kandidaten.append(str(info[4][0]))
        except OSError:
            pass
    if not kandidaten:
        raise Fout("Geen netwerkadres gevonden; is de laptop met de wifi verbonden? Start anders zonder --lan.")
    return kandidaten[0]


def _logpad(store: Any, code: str) -> Path:
    """Where the server's own log lines go (one file per start, beside the database)."""
    import time

    return _sleutelbestand(store).parent / "logboek" / f"server-{code}-{time.strftime('%Y%m%d-%H%M%S')}.log"


def _poort_vrij(host: str, poort: int) -> bool:
    familie = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(familie, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, poort))
        except OSError:
            return False
    return True


def _server_status(basis: str, token: str) -> dict[str, Any] | None:
    """The status of *our* server (proved by the run token), or None."""
    import urllib.error
    import urllib.request

    from toolkit.zaalbeheer import TOKEN_HEADER

    verzoek = urllib.request.Request(f"{basis}/werkplaats/status", headers={TOKEN_HEADER: token})
    try:
        with urllib.request.urlopen(verzoek, timeout=5) as antwoord:  # noqa: S310 - our own server
            gegevens = json.loads(antwoord.read().decode("utf-8"))
    except (OSError, ValueError):
        return None
    return gegevens if isinstance(gegevens, dict) and gegevens.get("server") == "werkplaats" else None


class _Logvolger:
    """Reads new lines of the server log; shows the facilitator's (Dutch) ones."""

    def __init__(self, pad: Path) -> None:
        self.pad = pad
        self.positie = 0

    def nieuwe_regels(self) -> list[str]:
        try:
            with open(self.pad, "rb") as f:
                f.seek(self.positie)
                data = f.read()
        except OSError:
            return []
        einde = data.rfind(b"\n")
        if einde < 0:
            return []
        self.positie += einde + 1
        return data[: einde + 1].decode("utf-8", "replace").splitlines()

    def meldingen(self) -> list[str]:
        from toolkit.zaalbeheer import MELDING

        return [r.split(MELDING, 1)[1] for r in self.nieuwe_regels() if MELDING in r]

    def staart(self) -> str:
        try:
            return self.pad.read_text(encoding="utf-8", errors="replace")[-4000:]
        except OSError:
            return ""


def _waarom_gestopt(log: str, host: str, poort: int) -> str:
    if "Address already in use" in log or "no available port" in log:
        return f"poort {poort} op {host} is al in gebruik. Kies een andere met --poort."
    return "zie het logboek hierboven."


def _stop_groep(proces: Any) -> None:
    """SIGTERM to the server's process group (Voila shuts its kernels down), then SIGKILL."""
    import subprocess

    def signaal(sig: int) -> None:
        try:
            os.killpg(proces.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    if proces.poll() is None:
        signaal(signal.SIGTERM)
        try:
            proces.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
    signaal(signal.SIGKILL)
    try:
        proces.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def _start(
    store: Any,
    code: str,
    sleutel: str,
    *,
    poort: int,
    lan: bool,
    als_json: bool,
    pool: int | None = None,
    max_kernels: int | None = None,
    max_per_bijeenkomst: int | None = None,
) -> None:
    import secrets
    import time

    from toolkit import server
    from toolkit.zaalbeheer import TOKEN_ENV

    host = lan_adres() if lan else "127.0.0.1"
    if not _poort_vrij(host, poort):
        raise Fout(
            f"Poort {poort} is al in gebruik (draait de server al, of een ander programma?). "
            "Kies een andere poort met --poort, bijvoorbeeld --poort 8870."
        )
    token = secrets.token_urlsafe(24)
    env = {"WERKPLAATS_DB": store.url, TOKEN_ENV: token}
    doel = server.STANDAARD_POOL_DEELNEMERS if pool is None else pool
    log = _logpad(store, code)
    log.parent.mkdir(parents=True, exist_ok=True)
    proces = server.start_server(
        host=host,
        poort=poort,
        env=env,
        pool_deelnemers=doel,
        log=log,
        max_kernels=max_kernels,
        max_per_bijeenkomst=max_per_bijeenkomst,
    )
    volger = _Logvolger(log)
    basis = server.basis_url(host, poort)

    def meld(tekst: str) -> None:
        if not als_json:
            click.echo(tekst, err=True)

    def gestopt() -> Fout:
        return Fout(f"De server is gestopt: {_waarom_gestopt(volger.staart(), host, poort)} Logboek: {log}")

    signal.signal(signal.SIGTERM, lambda *_a: (_stop_groep(proces), sys.exit(0)))
    try:
        meld("De server start; even geduld...")
        meld(f"Logboek van de server: {log}")
        eind = time.monotonic() + 120
        status = None
        while status is None:
            if proces.poll() is not None:
                raise gestopt()
            if time.monotonic() > eind:
                raise Fout(f"De server kwam niet op gang binnen 2 minuten. Logboek: {log}")
            status = _server_status(basis, token)
            if status is None:
                time.sleep(0.2)
        _warm_maken(proces, basis, token, doel, meld, gestopt)
        urls = {
            "regiekamer": server.pagina_url(basis, "regiekamer", code=code, sleutel=sleutel),
            "wand": server.pagina_url(basis, "wand", code=code),
            "deelnemer": server.pagina_url(basis, "deelnemer", code=code),
            "code": code,
            "sleutel": sleutel,
        }
        if als_json:
            _print_json(urls)
            sys.stdout.flush()
        else:
            _toon_urls(urls)
        volger.nieuwe_regels()  # what came before the addresses stays in the log
        while proces.poll() is None:
            for melding in volger.meldingen():
                meld(melding)
            time.sleep(0.5)
        raise gestopt()
    except KeyboardInterrupt:
        meld("\nDe server stopt. Alles wat is ingevoerd staat veilig in de opslag.")
    finally:
        _stop_groep(proces)


def _warm_maken(proces: Any, basis: str, token: str, doel: int, meld: Callable[[str], None], gestopt: Any) -> None:
    """Wait until ``doel`` participant places are warm, showing progress (at most ~4 s each)."""
    import time

    if doel <= 0:
        return
    eind = time.monotonic() + max(60.0, 4.0 * doel)
    laatst = -1
    tty = sys.stderr.isatty()
    while True:
        if proces.poll() is not None:
            raise gestopt()
        status = _server_status(basis, token) or {}
        warm = int((status.get("pool") or {}).get("warm", 0))
        if warm != laatst:
            laatst = warm
            regel = f"Plaatsen warm zetten: {warm} van {doel}"
            if tty:
                click.echo(f"\r{regel}", nl=False, err=True)
            elif warm in (0, doel) or warm % 10 == 0:
                meld(regel)
        if warm >= doel:
            if tty:
                click.echo("", err=True)
            meld(f"Zaal klaar: {doel} van {doel} plaatsen warm.")
            return
        if time.monotonic() > eind:
            if tty:
                click.echo("", err=True)
            meld(f"Nog niet alle plaatsen zijn warm ({warm} van {doel}); de rest volgt terwijl u begint.")
            return
        time.sleep(0.5)


def _toon_urls(urls: dict[str, str]) -> None:
    import io

    import qrcode

    click.echo("")
    click.echo(f"Regiekamer (procesbegeleider, geheim!): {urls['regiekamer']}")
    click.echo(f"Wand (beamer):                          {urls['wand']}")
    click.echo(f"Deelnemers:                             {urls['deelnemer']}")
    click.echo(f"Code:                                   {urls['code']}")
    qr = qrcode.QRCode(border=1)
    qr.add_data(urls["deelnemer"])
    buffer = io.StringIO()
    qr.print_ascii(out=buffer, invert=True)
    click.echo(buffer.getvalue())
    click.echo("Stoppen: Ctrl-C")


@cli.command("export", context_settings=CONTEXT)
@click.argument("code")
@click.option(
    "--naar", required=True, type=click.Path(file_okay=False, path_type=Path), help="Map voor de bestanden."
)
@click.option(
    "--sjabloon",
    default=None,
    type=click.Path(exists=True, path_type=Path),
    help="Eigen Word-sjabloon voor het visiedocument.",
)
@vertaal_fouten
def export_(code: str, naar: Path, sjabloon: Path | None) -> None:
    """Schrijf visiedocument, actielijst (Word, Excel, CSV), netwerk en JSON van een bijeenkomst."""
    from toolkit.export import exporteer

    store = _store()
    bestanden = exporteer(
        store, code, naar, sjabloon=sjabloon, voortgang=lambda stap: click.echo(f"  {stap}", err=True)
    )
    click.echo(f"{len(bestanden)} bestanden geschreven naar {naar}:")
    for pad in bestanden:
        click.echo(f"  {pad.name}")


@cli.command("import", context_settings=CONTEXT)
@click.argument("bestand", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--bijeenkomst", "code", default=None, help="Code van de bijeenkomst waaraan u toevoegt.")
@click.option(
    "--soort",
    default=None,
    help="Soort gegevens in een CSV: swot, acties, stakeholders, relaties, bijdragen.",
)
@click.option(
    "--sleutel", default=None, help="Sleutel van de procesbegeleider (standaard: de onthouden sleutel)."
)
@vertaal_fouten
def import_(bestand: Path, code: str | None, soort: str | None, sleutel: str | None) -> None:
    """Lees een bijeenkomst.json, of inventarisaties uit Excel of CSV, in."""
    from toolkit.importeer import importeer

    store = _store()
    if code and not sleutel:
        sleutel = _bekende_sleutel(store, store.bijeenkomst(code).code)
        if not sleutel:
            raise Fout(f"De sleutel van {code} is op deze computer niet bekend; geef hem mee met --sleutel.")
    resultaat = importeer(store, bestand, code=code, soort=soort, sleutel=sleutel)
    nieuwe_code = getattr(resultaat, "code", None)
    nieuwe_sleutel = getattr(resultaat, "sleutel", None)
    if nieuwe_code and nieuwe_sleutel:
        _onthoud_sleutel(store, nieuwe_code, nieuwe_sleutel)
    for andere_code, andere_sleutel in getattr(resultaat, "andere", []):
        _onthoud_sleutel(store, andere_code, andere_sleutel)
    click.echo(str(resultaat))


def _voeg_knooppunten_toe() -> None:
    from toolkit.knooppunt import knooppunt, proxy_config

    cli.add_command(knooppunt)
    cli.add_command(proxy_config)


_voeg_knooppunten_toe()


def main() -> None:
    cli(prog_name="werkplaats")


if __name__ == "__main__":
    main()
