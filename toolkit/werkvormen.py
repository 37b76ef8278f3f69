"""The werkvormen catalogue: load and validate ``werkvormen/*.yaml`` and programmes.

A *werkvorm* is one reusable exercise (one YAML file, ``id`` equal to the file stem); a
*programma* (``werkvormen/programma/<naam>.yaml``) is an ordered list of werkvormen with
optional overrides, turned into :class:`toolkit.model.Onderdeel` objects.

Pure loading: no database, no widgets. Every problem raises
:class:`toolkit.fouten.WerkvormFout` with a Dutch message that names the file and the
field, e.g. ``werkvormen/swot.yaml: veld 'invoer' heeft onbekende waarde 'swat'; ...``.

Schema of a werkvorm file (unknown keys are an error):

required  ``id`` ``titel`` ``doel`` ``duur_minuten`` ``invoer`` ``vraag`` ``instructie``
          ``anoniem`` ``stippen`` ``prive_eerst`` ``bron``
optional  ``kolommen`` (tekst: column prompts; stip: horizons, the entries are then
          mijlpalen), ``stellingen`` (only and required for invoer stelling), ``themas``
          (facilitator tags entries with :data:`toolkit.model.THEMAS`), ``fase`` (one of
          :data:`FASEN`)
"""

from __future__ import annotations

import difflib
import importlib.resources
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from toolkit import model
from toolkit.fouten import NietGevonden, OngeldigeInvoer, WerkvormFout

# --- constants ------------------------------------------------------------------------

#: The five source documents (``../shared/seeds/``); a ``bron`` starts with one of these
#: followed by the section, or with one of :data:`PUBLIEKE_METHODEN`.
SEED_BESTANDEN: tuple[str, ...] = (
    "000_86e93b7bbfa9c973.txt",
    "001_95c4c309c7687a68.txt",
    "002_b272cbbde6d5258f.txt",
    "003_b8621e380286c598.txt",
    "004_3c2cc2824ef1b159.txt",
)
#: Named public methods a ``bron`` may start with instead of a seed file.
PUBLIEKE_METHODEN: tuple[str, ...] = (
    "Liberating Structures",
    "Quintuple Aim",
    "Backcasting",
)
#: Steps of the default programme (design.md section 2, after the Pharos stappenplan).
FASEN: tuple[str, ...] = (
    "kennismaking",
    "wijkbrainstorm",
    "clusteren",
    "oplossingen",
    "dubbelcheck",
    "stakeholders",
    "swot",
    "horizon",
    "afspraken",
)
FASE_LABELS: dict[str, str] = {
    "kennismaking": "Kennismaking en netwerk",
    "wijkbrainstorm": "Brainstorm over de wijk",
    "clusteren": "Clusteren en stemmen",
    "oplossingen": "Oplossingen",
    "dubbelcheck": "Dubbelcheck voor de meest kwetsbaren",
    "stakeholders": "Stakeholderkaart",
    "swot": "SWOT en confrontatiematrix",
    "horizon": "Stip op de horizon en mijlpalen",
    "afspraken": "Actielijst en afspraken",
    "evaluatie": "Terugblik en evaluatie",
}
#: Steps of a follow-up meeting in a traject (issue 11), besides the startbijeenkomst's.
VERVOLG_FASEN: tuple[str, ...] = ("evaluatie",)
#: Input kinds on whose entries participants can put dots (see model.STEM_SOORTEN).
STEMBARE_INVOER: tuple[str, ...] = ("tekst", "swot", "stip")
#: Input kinds whose questions are listed in ``stellingen`` (monitoring: the questions scored 1-5).
STELLING_INVOER: tuple[str, ...] = ("stelling", "monitoring")
#: Input kinds whose entries can carry one of the five themes.
THEMA_INVOER: tuple[str, ...] = ("tekst", "actie")

VERPLICHTE_VELDEN: dict[str, type] = {
    "id": str,
    "titel": str,
    "doel": str,
    "duur_minuten": int,
    "invoer": str,
    "vraag": str,
    "instructie": str,
    "anoniem": bool,
    "stippen": int,
    "prive_eerst": bool,
    "bron": str,
}
OPTIONELE_VELDEN: dict[str, type] = {
    "kolommen": list,
    "stellingen": list,
    "neemt_over": list,
    "themas": bool,
    "fase": str,
}
#: What a programme entry may change about its werkvorm.
OVERRIDE_VELDEN: dict[str, type] = {
    "titel": str,
    "vraag": str,
    "instructie": str,
    "duur_minuten": int,
    "stippen": int,
    "anoniem": bool,
    "prive_eerst": bool,
    "kolommen": list,
    "stellingen": list,
    "neemt_over": list,
}
PROGRAMMA_VELDEN: dict[str, type] = {"id": str, "titel": str, "bron": str, "onderdelen": list}

DUUR_BEREIK = (1, 240)
STIPPEN_BEREIK = (0, 20)
_MAX_LENGTE = {
    "titel": model.MAX_KORT,
    "vraag": model.MAX_TEKST,
    "doel": model.MAX_TEKST,
    "instructie": model.MAX_TEKST * 4,
    "bron": model.MAX_TEKST,
    "kolommen": model.MAX_KORT,
    "stellingen": model.MAX_KORT * 3,
    "neemt_over": model.MAX_KORT,
}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SEEDACHTIG = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
_TYPE_NAAM = {
    str: "tekst",
    int: "een heel getal",
    bool: "true of false",
    list: "een lijst (regels die beginnen met '- ')",
}


class OnbekendeWerkvorm(WerkvormFout, NietGevonden):
    """A werkvorm or programme id that is not in the catalogue; the message lists valid ids."""


# --- types ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Werkvorm:
    """One exercise of the catalogue, as read from ``werkvormen/<id>.yaml``."""

    id: str
    titel: str
    doel: str
    duur_minuten: int
    invoer: str
    vraag: str
    instructie: str
    anoniem: bool
    stippen: int
    prive_eerst: bool
    bron: str
    bestand: str = ""
    kolommen: tuple[str, ...] = ()
    stellingen: tuple[str, ...] = ()
    #: Werkvorm ids whose entries this one clusters and votes on, besides its own.
    neemt_over: tuple[str, ...] = ()
    themas: bool = False
    fase: str = ""

    @property
    def mijlpalen(self) -> bool:
        """A stip werkvorm with horizons as columns collects milestones, not vision statements."""
        return self.invoer == "stip" and bool(self.kolommen)

    def als_onderdeel(self, **overrides: Any) -> model.Onderdeel:
        """An onderdeel of a programme from this werkvorm, with its own settings.

        ``overrides`` may hold any field of :class:`toolkit.model.Onderdeel` except
        ``werkvorm`` and ``invoer`` (e.g. ``vraag``, ``duur_minuten``, ``volgorde``).
        """
        toegestaan = {f.name for f in fields(model.Onderdeel)} - {"werkvorm", "invoer"}
        onbekend = sorted(set(overrides) - toegestaan)
        plaats = self.bestand or f"werkvorm '{self.id}'"
        if onbekend:
            raise WerkvormFout(
                f"{plaats}: onbekende instelling {', '.join(repr(o) for o in onbekend)}; "
                f"kies uit: {', '.join(sorted(toegestaan))}."
            )
        waarden: dict[str, Any] = {
            "werkvorm": self.id,
            "titel": self.titel,
            "vraag": self.vraag,
            "invoer": self.invoer,
            "duur_minuten": self.duur_minuten,
            "stippen": self.stippen,
            "anoniem": self.anoniem,
            "prive_eerst": self.prive_eerst,
            "instructie": self.instructie,
            "kolommen": self.kolommen,
            "stellingen": self.stellingen,
            "neemt_over": self.neemt_over,
        }
        waarden.update(overrides)
        for veld in ("kolommen", "stellingen", "neemt_over"):
            if isinstance(waarden[veld], list):
                waarden[veld] = tuple(waarden[veld])
        _controleer_samenhang(
            plaats,
            invoer=self.invoer,
            stippen=waarden["stippen"],
            kolommen=waarden["kolommen"],
            stellingen=waarden["stellingen"],
            themas=self.themas,
        )
        try:
            return model.Onderdeel(**waarden)
        except OngeldigeInvoer as fout:
            raise WerkvormFout(f"{plaats}: veld '{fout.veld}': {fout.melding}") from None


@dataclass(frozen=True)
class Programma:
    """An ordered list of onderdelen, as read from ``werkvormen/programma/<id>.yaml``."""

    id: str
    titel: str
    bron: str
    onderdelen: tuple[model.Onderdeel, ...]
    bestand: str = ""

    @property
    def duur_minuten(self) -> int:
        """Working time of all onderdelen together (breaks not included)."""
        return sum(o.duur_minuten for o in self.onderdelen)


# --- locating the catalogue -----------------------------------------------------------


def catalogus_map() -> Path:
    """The ``werkvormen/`` folder beside the package, else the installed ``toolkit.catalogus``."""
    repo = Path(__file__).resolve().parent.parent / "werkvormen"
    if repo.is_dir():
        return repo
    bron = importlib.resources.files("toolkit.catalogus")
    if isinstance(bron, Path):
        return bron
    paden = getattr(bron, "_paths", None)  # namespace package: importlib's MultiplexedPath
    if paden:
        return Path(paden[0])
    return Path(str(bron))


def _toon(pad: Path, map: Path) -> str:
    """How a file is named in messages: 'werkvormen/swot.yaml'."""
    try:
        return f"{map.name}/{pad.relative_to(map).as_posix()}"
    except ValueError:
        return str(pad)


# --- reading YAML ---------------------------------------------------------------------


class _Lader(yaml.SafeLoader):
    """SafeLoader that refuses a key given twice (plain YAML keeps the last silently)."""


def _mapping_zonder_dubbelen(loader: _Lader, node: yaml.MappingNode) -> dict[Any, Any]:
    gezien: set[Any] = set()
    for sleutel_node, _ in node.value:
        sleutel = loader.construct_object(sleutel_node, deep=True)
        try:
            dubbel = sleutel in gezien
        except TypeError:
            continue
        if dubbel:
            raise yaml.constructor.ConstructorError(
                None, None, f"sleutel '{sleutel}' staat twee keer in het bestand", sleutel_node.start_mark
            )
        gezien.add(sleutel)
    return loader.construct_mapping(node, deep=True)


_Lader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_zonder_dubbelen)


def _lees_yaml(pad: Path, naam: str) -> dict[Any, Any]:
    try:
        tekst = pad.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise WerkvormFout(f"{naam}: het bestand is geen UTF-8-tekst; sla het op als UTF-8.") from None
    except OSError as fout:
        raise WerkvormFout(f"{naam}: het bestand is niet te lezen ({fout.strerror}).") from None
    try:
        data = yaml.load(tekst, Loader=_Lader)  # noqa: S506 - _Lader is a SafeLoader
    except yaml.YAMLError as fout:
        mark = getattr(fout, "problem_mark", None) or getattr(fout, "context_mark", None)
        probleem = getattr(fout, "problem", None) or str(fout)
        waar = f" op regel {mark.line + 1}, kolom {mark.column + 1}" if mark is not None else ""
        raise WerkvormFout(f"{naam}: geen geldige YAML{waar}: {probleem}.") from None
    if data is None:
        raise WerkvormFout(f"{naam}: het bestand is leeg; verwacht velden als id, titel en bron.")
    if not isinstance(data, dict):
        raise WerkvormFout(
            f"{naam}: het bestand moet velden bevatten (regels als 'titel: ...'), "
            f"niet {_soort(data)}."
        )
    return data


# --- field rules ----------------------------------------------------------------------


def _soort(waarde: object) -> str:
    for typ, naam in ((bool, "true of false"), (int, "een getal"), (float, "een kommagetal"),
                      (str, "tekst"), (list, "een lijst"), (dict, "een groep velden")):
        if isinstance(waarde, typ):
            return naam
    return "leeg" if waarde is None else type(waarde).__name__


def _onbekende_velden(plaats: str, data: dict[Any, Any], toegestaan: list[str], wat: str = "veld") -> None:
    for sleutel in data:
        if sleutel not in toegestaan:
            tip = difflib.get_close_matches(str(sleutel), toegestaan, n=1)
            bedoeld = f" Bedoel je '{tip[0]}'?" if tip else ""
            raise WerkvormFout(
                f"{plaats}: onbekend {wat} '{sleutel}';{bedoeld} toegestaan: {', '.join(toegestaan)}."
            )


def _veld(plaats: str, veld: str, waarde: object, typ: type) -> Any:
    """Check one field's type, range and length; return the cleaned value."""
    if typ is int:
        if isinstance(waarde, bool) or not isinstance(waarde, int):
            raise WerkvormFout(
                f"{plaats}: veld '{veld}' moet een heel getal zijn, niet '{waarde}' ({_soort(waarde)})."
            )
        laag, hoog = DUUR_BEREIK if veld == "duur_minuten" else STIPPEN_BEREIK
        if not laag <= waarde <= hoog:
            raise WerkvormFout(
                f"{plaats}: veld '{veld}' moet van {laag} tot en met {hoog} zijn, niet {waarde}."
            )
        return waarde
    if typ is bool:
        if not isinstance(waarde, bool):
            raise WerkvormFout(
                f"{plaats}: veld '{veld}' moet true of false zijn, niet '{waarde}' ({_soort(waarde)})."
            )
        return waarde
    if typ is str:
        if not isinstance(waarde, str):
            raise WerkvormFout(f"{plaats}: veld '{veld}' moet tekst zijn, niet '{waarde}' ({_soort(waarde)}).")
        schoon = " ".join(waarde.split()) if veld != "instructie" else waarde.strip()
        if not schoon:
            raise WerkvormFout(f"{plaats}: veld '{veld}' is leeg; vul het in.")
        maximum = _MAX_LENGTE.get(veld)
        if maximum and len(schoon) > maximum:
            raise WerkvormFout(
                f"{plaats}: veld '{veld}' is {len(schoon)} tekens lang; maximaal {maximum} tekens."
            )
        return schoon
    if typ is list:
        if not isinstance(waarde, list):
            raise WerkvormFout(
                f"{plaats}: veld '{veld}' moet een lijst zijn (regels die beginnen met '- '), "
                f"niet '{waarde}' ({_soort(waarde)})."
            )
        items = []
        for nummer, item in enumerate(waarde, start=1):
            if not isinstance(item, str) or not item.strip():
                raise WerkvormFout(
                    f"{plaats}: veld '{veld}', regel {nummer}: verwacht tekst, niet '{item}' ({_soort(item)})."
                )
            schoon = " ".join(item.split())
            maximum = _MAX_LENGTE[veld]
            if len(schoon) > maximum:
                raise WerkvormFout(
                    f"{plaats}: veld '{veld}', regel {nummer} is {len(schoon)} tekens lang; "
                    f"maximaal {maximum} tekens."
                )
            if schoon in items:
                raise WerkvormFout(f"{plaats}: veld '{veld}' noemt '{schoon}' twee keer.")
            items.append(schoon)
        return tuple(items)
    raise AssertionError(typ)  # pragma: no cover


def _keuze(plaats: str, veld: str, waarde: str, opties: tuple[str, ...]) -> str:
    if waarde not in opties:
        raise WerkvormFout(
            f"{plaats}: veld '{veld}' heeft onbekende waarde '{waarde}'; kies uit: {', '.join(opties)}."
        )
    return waarde


def controleer_bron(plaats: str, bron: str) -> str:
    """A ``bron`` starts with a seed file name plus its section, or with a public method."""
    for naam in _SEEDACHTIG.findall(bron):
        if naam not in SEED_BESTANDEN:
            raise WerkvormFout(
                f"{plaats}: veld 'bron' noemt '{naam}', maar dat bronbestand bestaat niet; "
                f"kies uit: {', '.join(SEED_BESTANDEN)}."
            )
    for seed in SEED_BESTANDEN:
        if bron.startswith(seed):
            if not bron[len(seed):].strip(" ,:;.-–"):
                raise WerkvormFout(
                    f"{plaats}: veld 'bron' noemt {seed} maar geen hoofdstuk of stap; "
                    f"schrijf bijvoorbeeld '{seed}, stap 2: ...'."
                )
            return bron
    if any(bron.startswith(methode) for methode in PUBLIEKE_METHODEN):
        return bron
    raise WerkvormFout(
        f"{plaats}: veld 'bron' moet beginnen met een bronbestand ({', '.join(SEED_BESTANDEN)}) "
        f"gevolgd door het hoofdstuk of de stap, of met een publieke methode "
        f"({', '.join(PUBLIEKE_METHODEN)}); nu staat er '{bron[:60]}'."
    )


def _controleer_samenhang(
    plaats: str,
    *,
    invoer: str,
    stippen: object,
    kolommen: tuple[str, ...],
    stellingen: tuple[str, ...],
    themas: bool,
) -> None:
    """Rules between fields, for a werkvorm and again after a programme's overrides."""
    if invoer in STELLING_INVOER and not stellingen:
        raise WerkvormFout(
            f"{plaats}: veld 'stellingen' is verplicht bij invoer '{invoer}'; geef minstens één "
            f"{'stelling' if invoer == 'stelling' else 'vraag'}."
        )
    if stellingen and invoer not in STELLING_INVOER:
        raise WerkvormFout(
            f"{plaats}: veld 'stellingen' hoort alleen bij invoer {' of '.join(repr(i) for i in STELLING_INVOER)}, "
            f"niet bij '{invoer}'."
        )
    if kolommen and invoer not in ("tekst", "stip"):
        raise WerkvormFout(
            f"{plaats}: veld 'kolommen' hoort alleen bij invoer 'tekst' of 'stip', niet bij '{invoer}'."
        )
    if invoer == "stip" and kolommen:
        for kolom in kolommen:
            if kolom not in model.HORIZONNEN:
                raise WerkvormFout(
                    f"{plaats}: veld 'kolommen' heeft bij invoer 'stip' termijnen voor mijlpalen; "
                    f"onbekende termijn '{kolom}'; kies uit: {', '.join(model.HORIZONNEN)}."
                )
    if isinstance(stippen, int) and stippen > 0:
        if invoer not in STEMBARE_INVOER:
            raise WerkvormFout(
                f"{plaats}: veld 'stippen' moet 0 zijn bij invoer '{invoer}'; er wordt alleen gestemd "
                f"bij invoer {', '.join(STEMBARE_INVOER)}."
            )
        if invoer == "stip" and kolommen:
            raise WerkvormFout(
                f"{plaats}: veld 'stippen' moet 0 zijn bij mijlpalen (invoer 'stip' met kolommen); "
                f"stemmen kan op de stip op de horizon zelf."
            )
    if themas and invoer not in THEMA_INVOER:
        raise WerkvormFout(
            f"{plaats}: veld 'themas' kan alleen bij invoer {', '.join(THEMA_INVOER)}, niet bij '{invoer}'."
        )


# --- werkvormen -----------------------------------------------------------------------


def _werkvorm_uit(pad: Path, map: Path) -> Werkvorm:
    naam = _toon(pad, map)
    data = _lees_yaml(pad, naam)
    _onbekende_velden(naam, data, [*VERPLICHTE_VELDEN, *OPTIONELE_VELDEN])
    for veld in VERPLICHTE_VELDEN:
        if veld not in data:
            raise WerkvormFout(f"{naam}: verplicht veld '{veld}' ontbreekt.")
    waarden: dict[str, Any] = {}
    for veld, typ in {**VERPLICHTE_VELDEN, **OPTIONELE_VELDEN}.items():
        if veld in data:
            waarden[veld] = _veld(naam, veld, data[veld], typ)
    if not _SLUG.match(waarden["id"]):
        raise WerkvormFout(
            f"{naam}: veld 'id' '{waarden['id']}' mag alleen kleine letters, cijfers en streepjes bevatten."
        )
    if waarden["id"] != pad.stem:
        raise WerkvormFout(
            f"{naam}: veld 'id' is '{waarden['id']}', maar moet gelijk zijn aan de bestandsnaam "
            f"'{pad.stem}'."
        )
    _keuze(naam, "invoer", waarden["invoer"], model.INVOER_SOORTEN)
    if "fase" in waarden:
        _keuze(naam, "fase", waarden["fase"], FASEN + VERVOLG_FASEN)
    controleer_bron(naam, waarden["bron"])
    _controleer_samenhang(
        naam,
        invoer=waarden["invoer"],
        stippen=waarden["stippen"],
        kolommen=waarden.get("kolommen", ()),
        stellingen=waarden.get("stellingen", ()),
        themas=waarden.get("themas", False),
    )
    werkvorm = Werkvorm(bestand=naam, **waarden)
    werkvorm.als_onderdeel()  # the domain model's own rules, with the file named
    return werkvorm


def _bestanden(map: Path) -> list[Path]:
    if not map.is_dir():
        raise WerkvormFout(f"De werkvormenmap {map} bestaat niet.")
    return sorted(
        (p for p in map.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()),
        key=lambda p: p.name,
    )


def _laad(map: Path) -> dict[str, Werkvorm]:
    werkvormen: dict[str, Werkvorm] = {}
    for pad in _bestanden(map):
        werkvorm = _werkvorm_uit(pad, map)
        if werkvorm.id in werkvormen:
            raise WerkvormFout(
                f"{werkvorm.bestand}: veld 'id' '{werkvorm.id}' is dubbel; het staat ook in "
                f"{werkvormen[werkvorm.id].bestand}."
            )
        werkvormen[werkvorm.id] = werkvorm
    for werkvorm in werkvormen.values():
        for bron in werkvorm.neemt_over:
            if bron not in werkvormen:
                raise WerkvormFout(
                    f"{werkvorm.bestand}: veld 'neemt_over' noemt onbekende werkvorm '{bron}'; "
                    f"kies uit: {', '.join(werkvormen)}."
                )
    return werkvormen


_CACHE: dict[Path, dict[str, Werkvorm]] = {}


def laad_werkvormen(map: Path | None = None) -> dict[str, Werkvorm]:
    """All werkvormen of a folder by id, in file-name order; the default catalogue is cached."""
    if map is not None:
        return _laad(Path(map))
    standaard = catalogus_map()
    if standaard not in _CACHE:
        _CACHE[standaard] = _laad(standaard)
    return dict(_CACHE[standaard])


def vergeet_cache() -> None:
    """Read the default catalogue again on the next call (after editing a YAML file)."""
    _CACHE.clear()


def werkvorm(id: str, map: Path | None = None) -> Werkvorm:
    """One werkvorm by id; an unknown id gives a message with all valid ids."""
    werkvormen = laad_werkvormen(map)
    try:
        return werkvormen[id]
    except (KeyError, TypeError):
        raise OnbekendeWerkvorm(
            f"Onbekende werkvorm '{id}'; kies uit: {', '.join(werkvormen)}."
        ) from None


# --- programmes -----------------------------------------------------------------------


def programmas(map: Path | None = None) -> list[str]:
    """Names of the programmes in ``werkvormen/programma/``, sorted."""
    programma_map = Path(map if map is not None else catalogus_map()) / "programma"
    if not programma_map.is_dir():
        return []
    return sorted(p.stem for p in programma_map.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def laad_programma(naam: str = "standaard", map: Path | None = None) -> Programma:
    """A programme with its onderdelen (volgorde 0..n-1, overrides applied)."""
    basis = Path(map) if map is not None else catalogus_map()
    bekend = programmas(basis)
    if not isinstance(naam, str) or naam not in bekend:
        raise OnbekendeWerkvorm(
            f"Onbekend programma '{naam}'; kies uit: {', '.join(bekend) or '(geen programma gevonden)'}."
        )
    pad = next(
        p for p in sorted((basis / "programma").iterdir()) if p.stem == naam and p.suffix in (".yaml", ".yml")
    )
    bestand = _toon(pad, basis)
    data = _lees_yaml(pad, bestand)
    _onbekende_velden(bestand, data, list(PROGRAMMA_VELDEN))
    for veld in PROGRAMMA_VELDEN:
        if veld not in data:
            raise WerkvormFout(f"{bestand}: verplicht veld '{veld}' ontbreekt.")
    if not isinstance(data["onderdelen"], list):
        raise WerkvormFout(
            f"{bestand}: veld 'onderdelen' moet een lijst zijn (regels die beginnen met '- werkvorm: ...')."
        )
    waarden = {veld: _veld(bestand, veld, data[veld], typ) for veld, typ in PROGRAMMA_VELDEN.items()
               if typ is not list}
    if waarden["id"] != pad.stem:
        raise WerkvormFout(
            f"{bestand}: veld 'id' is '{waarden['id']}', maar moet gelijk zijn aan de bestandsnaam '{pad.stem}'."
        )
    controleer_bron(bestand, waarden["bron"])
    if not data["onderdelen"]:
        raise WerkvormFout(f"{bestand}: veld 'onderdelen' is leeg; noem minstens één werkvorm.")

    werkvormen = laad_werkvormen(map)
    onderdelen = []
    for volgorde, item in enumerate(data["onderdelen"]):
        plaats = f"{bestand}: onderdeel {volgorde + 1}"
        if isinstance(item, str):
            item = {"werkvorm": item}
        if not isinstance(item, dict):
            raise WerkvormFout(f"{plaats}: verwacht 'werkvorm: <id>', niet '{item}' ({_soort(item)}).")
        if "werkvorm" not in item:
            raise WerkvormFout(f"{plaats}: verplicht veld 'werkvorm' ontbreekt.")
        wv_id = item["werkvorm"]
        if not isinstance(wv_id, str) or wv_id not in werkvormen:
            raise WerkvormFout(
                f"{plaats}: veld 'werkvorm' noemt onbekende werkvorm '{wv_id}'; "
                f"kies uit: {', '.join(werkvormen)}."
            )
        plaats = f"{plaats} ({wv_id})"
        overrides = {k: v for k, v in item.items() if k != "werkvorm"}
        _onbekende_velden(plaats, overrides, list(OVERRIDE_VELDEN), wat="veld (overschrijfbaar)")
        schoon = {veld: _veld(plaats, veld, waarde, OVERRIDE_VELDEN[veld]) for veld, waarde in overrides.items()}
        wv = werkvormen[wv_id]
        try:
            onderdeel = wv.als_onderdeel(volgorde=volgorde, **schoon)
        except WerkvormFout as fout:
            melding = str(fout).removeprefix(f"{wv.bestand}: ")
            raise WerkvormFout(f"{plaats}: {melding}") from None
        onderdelen.append(onderdeel)
    return Programma(
        id=waarden["id"], titel=waarden["titel"], bron=waarden["bron"], onderdelen=tuple(onderdelen), bestand=bestand
    )
