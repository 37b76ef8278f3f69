"""Read prior inventories and whole bijeenkomsten back in: ``werkplaats import``.

* ``bijeenkomst.json`` (format ``werkplaats/1``) becomes a new bijeenkomst with a new code
  and key, with all its content.
* An ``.xlsx`` workbook whose sheets, or a ``.csv`` file whose name (or ``soort``), is one of
  :data:`SOORTEN` adds rows to an existing bijeenkomst, into the onderdeel of the standard
  programme that collects that kind. Kumu's Elements/Connections sheets are read as
  stakeholders and relaties.

Every row is checked by the same model rules as an entry in the room (except that an action
may lie in the past: historic inventories). Any problem stops the whole import: nothing is
stored, and :class:`ImportFout` lists every problem with its sheet, row and column.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit import model
from toolkit.fouten import GeenToegang, OngeldigeInvoer, WerkplaatsFout

if TYPE_CHECKING:
    from toolkit.store import Regie, Store

# --- errors and result --------------------------------------------------------------------


@dataclass(frozen=True)
class Probleem:
    """One problem in an imported file: where (sheet or file, row, column) and what."""

    bron: str
    rij: int | None
    kolom: str
    melding: str

    def __str__(self) -> str:
        plek = [self.bron]
        if self.rij is not None:
            plek.append(f"rij {self.rij}")
        if self.kolom:
            plek.append(f"kolom '{self.kolom}'")
        return f"{', '.join(plek)}: {self.melding}"


class ImportFout(OngeldigeInvoer):
    """A file that cannot be imported; ``problemen`` says where and why. Nothing was stored."""

    def __init__(self, problemen: list[Probleem]) -> None:
        self.problemen = list(problemen)
        aantal = "1 probleem" if len(problemen) == 1 else f"{len(problemen)} problemen"
        regels = "\n".join(f"- {p}" for p in problemen[:50])
        meer = f"\n- ... en nog {len(problemen) - 50}" if len(problemen) > 50 else ""
        super().__init__("bestand", f"Er is niets ingelezen; {aantal} gevonden:\n{regels}{meer}")


@dataclass
class ImportResultaat:
    """What was imported: rows per kind, and for a bijeenkomst.json the new code and key."""

    bestand: str
    aantallen: dict[str, int] = field(default_factory=dict)
    code: str | None = None
    sleutel: str | None = None
    overgeslagen: list[str] = field(default_factory=list)
    #: The other bijeenkomsten of an imported traject: (code, sleutel).
    andere: list[tuple[str, str]] = field(default_factory=list)

    @property
    def totaal(self) -> int:
        return sum(self.aantallen.values())

    def __str__(self) -> str:
        delen = ", ".join(f"{n} {soort}" for soort, n in self.aantallen.items() if n) or "niets"
        tekst = f"Ingelezen uit {self.bestand}: {delen}."
        if self.sleutel:
            tekst += (
                f"\nNieuwe bijeenkomst met code {self.code}."
                f"\nSleutel van de procesbegeleider (bewaar hem goed): {self.sleutel}"
            )
        for code, sleutel in self.andere:
            tekst += f"\nOok in het traject: bijeenkomst {code}, sleutel {sleutel}"
        if self.overgeslagen:
            tekst += f"\nOvergeslagen bladen (geen bekende soort): {', '.join(self.overgeslagen)}."
        return tekst


# --- kinds of sheets ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Soort:
    """One importable kind: its Dutch column headers and how a row becomes a model object."""

    naam: str
    invoer: str
    verplicht: tuple[str, ...]
    optioneel: tuple[str, ...]
    maak: Callable[[dict[str, Any]], Any]


def _getal(waarde: Any) -> Any:
    """Excel gives 3.0 for 3; the model's scale rule wants the whole number."""
    if isinstance(waarde, float) and waarde.is_integer():
        return int(waarde)
    return waarde


def _tekst(waarde: Any) -> Any:
    return "" if waarde is None else waarde


def _swot(r: dict[str, Any]) -> model.SwotItem:
    return model.SwotItem(kwadrant=r["kwadrant"], tekst=_tekst(r["tekst"]))


def _actie(r: dict[str, Any]) -> model.Actie:
    # model.Actie without ``vanaf`` accepts a wanneer in the past: historic action lists.
    return model.Actie(
        wat=_tekst(r["wat"]),
        wie=_tekst(r["wie"]),
        wanneer=r["wanneer"],
        thema=_tekst(r.get("thema")),
        status=r.get("status") or "open",
    )


def _stakeholder(r: dict[str, Any]) -> model.Stakeholder:
    return model.Stakeholder(
        naam=_tekst(r["naam"]),
        organisatie=_tekst(r["organisatie"]),
        domein=_domein(r["domein"]),
        invloed=_getal(r["invloed"]),
        belang=_getal(r["belang"]),
    )


def _relatie(r: dict[str, Any]) -> model.Relatie:
    return model.Relatie(
        van=_tekst(r["van"]),
        naar=_tekst(r["naar"]),
        frequentie=r["frequentie"],
        overlegvorm=_tekst(r.get("overlegvorm")),
    )


def _bijdrage(r: dict[str, Any]) -> model.Bijdrage:
    return model.Bijdrage(tekst=_tekst(r["tekst"]), thema=_tekst(r.get("thema")))


def _domein(waarde: Any) -> Any:
    """A domein by key ('zorg') or by its label ('Zorg (medisch)')."""
    labels = {v.casefold(): k for k, v in model.DOMEIN_LABELS.items()}
    return labels.get(str(waarde).strip().casefold(), waarde) if isinstance(waarde, str) else waarde


def _kumu_element(r: dict[str, Any]) -> model.Stakeholder:
    return model.Stakeholder(
        naam=_tekst(r["label"]),
        organisatie=_tekst(r["label"]),
        domein=_domein(r.get("type") or "overig"),
        invloed=_getal(r.get("invloed") or 3),
        belang=_getal(r.get("belang") or 3),
    )


def _kumu_connectie(r: dict[str, Any]) -> model.Relatie:
    frequentie = r.get("frequentie")
    if not frequentie:
        frequentie = _frequentie_uit_sterkte(r.get("strength"))
    return model.Relatie(
        van=_tekst(r["from"]),
        naar=_tekst(r["to"]),
        frequentie=frequentie,
        overlegvorm=_tekst(r.get("overleg")),
    )


def _frequentie_uit_sterkte(sterkte: Any) -> str:
    """Kumu's Strength (contacts per year) back to the nearest frequency word."""
    try:
        getal = float(sterkte)
    except (TypeError, ValueError):
        raise OngeldigeInvoer(
            "strength",
            f"Strength '{sterkte}' is geen getal; geef het aantal contacten per jaar of een kolom frequentie.",
        ) from None
    return min(model.FREQUENTIE_GEWICHT, key=lambda f: abs(model.FREQUENTIE_GEWICHT[f] - getal))


SOORTEN: dict[str, Soort] = {
    "swot": Soort("swot", "swot", ("kwadrant", "tekst"), (), _swot),
    "acties": Soort("acties", "actie", ("wat", "wie", "wanneer"), ("thema", "status"), _actie),
    "stakeholders": Soort(
        "stakeholders",
        "stakeholder",
        ("naam", "organisatie", "domein", "invloed", "belang"),
        (),
        _stakeholder,
    ),
    "relaties": Soort("relaties", "relatie", ("van", "naar", "frequentie"), ("overlegvorm",), _relatie),
    "bijdragen": Soort("bijdragen", "tekst", ("werkvorm", "tekst"), ("thema",), _bijdrage),
    "elements": Soort("elements", "stakeholder", ("label",), ("type", "invloed", "belang"), _kumu_element),
    "connections": Soort(
        "connections", "relatie", ("from", "to"), ("strength", "frequentie", "overleg"), _kumu_connectie
    ),
}
#: Other names a sheet or file may have for a kind (our own export's names among them).
ALIASSEN: dict[str, str] = {
    "actielijst": "acties",
    "actie": "acties",
    "stakeholder": "stakeholders",
    "relatie": "relaties",
    "bijdrage": "bijdragen",
}
#: Which column a model field's error belongs to, where the names differ.
VELD_KOLOM: dict[str, dict[str, str]] = {
    "elements": {"naam": "label", "organisatie": "label", "domein": "type"},
    "connections": {"van": "from", "naar": "to", "frequentie": "strength"},
}


def soort_van_naam(naam: str) -> str | None:
    schoon = naam.strip().casefold()
    schoon = ALIASSEN.get(schoon, schoon)
    return schoon if schoon in SOORTEN else None


# --- reading files ------------------------------------------------------------------------------


Rijen = list[tuple[int, dict[str, Any]]]


def _kopnaam(waarde: Any) -> str:
    return str(waarde or "").strip().casefold()


def _tabel_uit(bron: str, rijen: Iterator[tuple[Any, ...]], soort: Soort, problemen: list[Probleem]) -> Rijen:
    """Header row plus data rows as dicts keyed by lower-case header; row numbers as in Excel."""
    try:
        kop = [_kopnaam(k) for k in next(rijen)]
    except StopIteration:
        problemen.append(
            Probleem(bron, None, "", "Het blad is leeg; de eerste rij moet de kolomnamen bevatten.")
        )
        return []
    ontbreekt = [k for k in soort.verplicht if k not in kop]
    for kolom in ontbreekt:
        problemen.append(
            Probleem(
                bron,
                1,
                kolom,
                f"Kolom '{kolom}' ontbreekt; verwacht: {', '.join(soort.verplicht + soort.optioneel)}.",
            )
        )
    if ontbreekt:
        return []
    uit: Rijen = []
    for nummer, rij in enumerate(rijen, start=2):
        waarden = {k: (v.strip() if isinstance(v, str) else v) for k, v in zip(kop, rij, strict=False) if k}
        if all(v in (None, "") for v in waarden.values()):
            continue
        uit.append((nummer, waarden))
    return uit


#: Larger files are refused before reading: a real inventory or bijeenkomst is far smaller,
#: and a bigger one would make the export of that bijeenkomst take minutes and gigabytes.
MAX_BESTAND = 20 * 1024 * 1024
#: At most this many rows per xlsx/csv file (all sheets together), counted while reading.
MAX_RIJEN = 10_000
#: At most this many entries (all lists together) in a bijeenkomst.json.
MAX_JSON_ITEMS = 50_000
#: An xlsx is a zip: its unpacked size is checked too (a small file can unpack to gigabytes).
MAX_UITGEPAKT = 200 * 1024 * 1024
OPSLAAN_ALS_UTF8 = (
    "Sla het bestand op als UTF-8 (in Excel: Opslaan als > 'CSV UTF-8 (door komma's gescheiden)') "
    "en lees het opnieuw in."
)


class _RijenOp(Exception):
    """Internal: stop reading, the row limit is reached."""


def _grootte(getal: int) -> str:
    return f"{getal / (1024 * 1024):.1f} MB".replace(".", ",")


def _duizendtal(getal: int) -> str:
    return f"{getal:,}".replace(",", ".")


def lees_tekst(pad: Path) -> str:
    """The text of a CSV or JSON file: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252.

    cp1252 is what an older Dutch Excel writes; it is only assumed when the file has no valid
    UTF-8 in it at all. A file that mixes the two (a stray byte in a UTF-8 file) or is in
    another encoding is refused with the line of the first bad byte and how to save it.
    """
    ruw = pad.read_bytes()
    for bom, codering in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if ruw.startswith(bom):
            try:
                return ruw.decode(codering)
            except UnicodeDecodeError as fout:
                raise _onleesbaar(pad, ruw, fout.start, codering.upper()) from None
    try:
        return ruw.decode("utf-8")
    except UnicodeDecodeError as fout:
        eerste_fout = fout.start
    if b"\x00" in ruw:
        raise _onleesbaar(pad, ruw, ruw.index(b"\x00"), "UTF-16 of UTF-32 zonder BOM")
    if ruw.decode("utf-8", "replace").replace("\ufffd", "").isascii():
        try:
            return ruw.decode("cp1252")
        except UnicodeDecodeError as fout:
            raise _onleesbaar(pad, ruw, fout.start, "een onbekende codering") from None
    raise _onleesbaar(pad, ruw, eerste_fout, "UTF-8 met losse tekens in een andere codering")


def _onleesbaar(pad: Path, ruw: bytes, positie: int, wat: str) -> ImportFout:
    regel = ruw.count(b"\n", 0, positie) + 1
    return ImportFout(
        [
            Probleem(
                pad.name,
                None,
                "",
                f"De tekens zijn niet te lezen (regel {regel}, byte {positie + 1}: {wat}). {OPSLAAN_ALS_UTF8}",
            )
        ]
    )


def _lees_csv(pad: Path) -> Iterator[tuple[Any, ...]]:
    tekst = lees_tekst(pad)
    eerste = tekst.split("\n", 1)[0]
    # Dutch Excel writes ';', others ',', Excel's 'Unicode-tekst' (UTF-16) a tab.
    scheiding = max((";", ",", "\t"), key=eerste.count)
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    while True:
        try:
            rij = next(lezer)
        except StopIteration:
            return
        except csv.Error as fout:
            raise ImportFout(
                [Probleem(f"bestand {pad.name}", lezer.line_num, "", f"Dit is geen leesbare CSV: {fout}.")]
            ) from None
        yield tuple(rij)


def _begrensd(rijen: Iterator[tuple[Any, ...]], teller: list[int]) -> Iterator[tuple[Any, ...]]:
    """Rows until the file's row limit (``teller`` counts over all sheets); then stop reading."""
    for rij in rijen:
        teller[0] += 1
        if teller[0] > MAX_RIJEN + 1:  # + 1: each sheet's header row is not a data row
            raise _RijenOp
        yield rij


def _controleer_grootte(pad: Path) -> None:
    grootte = pad.stat().st_size
    if grootte > MAX_BESTAND:
        raise ImportFout(
            [
                Probleem(
                    pad.name,
                    None,
                    "",
                    f"Het bestand is {_grootte(grootte)}; Werkplaats leest bestanden tot "
                    f"{_grootte(MAX_BESTAND)} in. Splits het bestand of laat overbodige bladen weg.",
                )
            ]
        )


def _bladen(
    pad: Path, soort: str | None, problemen: list[Probleem], overgeslagen: list[str]
) -> list[tuple[str, Soort, Rijen]]:
    """(label for messages, kind, rows) for every sheet or file to import."""
    teller = [0]
    if pad.suffix.lower() == ".csv":
        naam = soort or pad.stem
        gevonden = soort_van_naam(naam)
        if gevonden is None:
            problemen.append(
                Probleem(
                    pad.name,
                    None,
                    "",
                    f"Uit de naam '{naam}' blijkt niet wat erin staat; noem het bestand of geef --soort: "
                    f"{', '.join(s for s in SOORTEN if s not in ('elements', 'connections'))}.",
                )
            )
            return []
        s = SOORTEN[gevonden]
        label = f"bestand {pad.name}"
        try:
            return [(label, s, _tabel_uit(label, _begrensd(_lees_csv(pad), teller), s, problemen))]
        except _RijenOp:
            problemen.append(_te_veel_rijen(label))
            return []
    if pad.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            with zipfile.ZipFile(pad) as zip_:
                uitgepakt = sum(info.file_size for info in zip_.infolist())
            if uitgepakt > MAX_UITGEPAKT:
                problemen.append(
                    Probleem(
                        pad.name,
                        None,
                        "",
                        f"Uitgepakt is dit Excel-bestand {_grootte(uitgepakt)}; Werkplaats leest tot "
                        f"{_grootte(MAX_UITGEPAKT)}. Splits het bestand.",
                    )
                )
                return []
            boek = load_workbook(pad, read_only=True, data_only=True)
        except Exception as fout:  # openpyxl and zipfile raise several kinds for a damaged file
            problemen.append(
                Probleem(pad.name, None, "", f"Dit is geen Excel-bestand dat te lezen is ({fout}).")
            )
            return []
        uit = []
        for blad in boek.worksheets:
            gevonden = (
                soort_van_naam(soort) if soort and len(boek.worksheets) == 1 else soort_van_naam(blad.title)
            )
            if gevonden is None:
                overgeslagen.append(blad.title)
                continue
            label = f"blad '{blad.title}'"
            s = SOORTEN[gevonden]
            # The dimension tag in the file may lie (A1:E5 over a million rows): read the real rows.
            blad.reset_dimensions()
            try:
                uit.append(
                    (label, s, _tabel_uit(label, _begrensd(blad.iter_rows(values_only=True), teller), s, problemen))
                )
            except _RijenOp:
                problemen.append(_te_veel_rijen(pad.name))
                break
            except Exception as fout:  # noqa: BLE001 - a damaged sheet inside a valid zip
                problemen.append(Probleem(label, None, "", f"Dit blad is beschadigd en niet te lezen ({fout})."))
        boek.close()
        if not uit and not problemen:
            problemen.append(
                Probleem(
                    pad.name,
                    None,
                    "",
                    "Geen blad met een bekende naam gevonden; noem de bladen: " + ", ".join(SOORTEN) + ".",
                )
            )
        return uit
    problemen.append(Probleem(pad.name, None, "", "Lees een .json-, .xlsx- of .csv-bestand in."))
    return []


def _te_veel_rijen(bron: str) -> Probleem:
    return Probleem(
        bron,
        None,
        "",
        f"Het bestand heeft meer dan {_duizendtal(MAX_RIJEN)} rijen; Werkplaats leest er hoogstens "
        f"{_duizendtal(MAX_RIJEN)} per keer in. Splits het bestand.",
    )


# --- where rows land ----------------------------------------------------------------------------


def _standaard_werkvormen() -> dict[str, str]:
    """invoer -> werkvorm id of the standard programme that collects it (first one)."""
    try:
        from toolkit.werkvormen import laad_programma

        uit: dict[str, str] = {}
        for o in laad_programma("standaard").onderdelen:
            uit.setdefault(o.invoer, o.werkvorm)
        return uit
    except Exception:  # noqa: BLE001 - without a catalogue, any onderdeel of that invoer will do
        return {}


def _doel_onderdeel(
    onderdelen: list[model.Onderdeel], soort: Soort, rij: dict[str, Any], standaard: dict[str, str]
) -> model.Onderdeel:
    if soort.naam == "bijdragen":
        werkvorm = str(rij.get("werkvorm") or "").strip()
        passend = [o for o in onderdelen if o.werkvorm == werkvorm]
        if not passend:
            bekend = sorted({o.werkvorm for o in onderdelen if o.invoer in ("tekst", "dubbelcheck")})
            raise OngeldigeInvoer(
                "werkvorm",
                f"Deze bijeenkomst heeft geen onderdeel met werkvorm '{werkvorm}'; kies uit: {', '.join(bekend)}.",
            )
        return passend[0]
    passend = [o for o in onderdelen if o.invoer == soort.invoer]
    if not passend:
        raise OngeldigeInvoer(
            "onderdeel",
            f"Deze bijeenkomst heeft geen onderdeel voor {soort.naam} (invoer '{soort.invoer}'); voeg eerst "
            f"het onderdeel '{standaard.get(soort.invoer, soort.invoer)}' uit het standaardprogramma toe.",
        )
    voorkeur = [o for o in passend if o.werkvorm == standaard.get(soort.invoer)]
    return (voorkeur or passend)[0]


def _tabellen_importeren(
    store: Store, pad: Path, code: str | None, soort: str | None, sleutel: str | None
) -> ImportResultaat:
    if not code:
        raise OngeldigeInvoer(
            "bijeenkomst", "Zeg aan welke bijeenkomst u toevoegt: geef de code mee (--bijeenkomst)."
        )
    if not sleutel:
        raise GeenToegang(
            "Toevoegen aan een bijeenkomst vraagt de sleutel van de procesbegeleider (--sleutel)."
        )
    regie: Regie = store.regie(code, sleutel)
    problemen: list[Probleem] = []
    resultaat = ImportResultaat(pad.name)
    bladen = _bladen(pad, soort, problemen, resultaat.overgeslagen)
    onderdelen = store.onderdelen(regie.bijeenkomst_id)
    standaard = _standaard_werkvormen()
    items: list[Any] = []
    for label, s, rijen in bladen:
        for nummer, rij in rijen:
            try:
                item = s.maak(rij)
                onderdeel = _doel_onderdeel(onderdelen, s, rij, standaard)
            except OngeldigeInvoer as fout:
                kolom = VELD_KOLOM.get(s.naam, {}).get(fout.veld, fout.veld)
                problemen.append(Probleem(label, nummer, kolom if kolom != "onderdeel" else "", fout.melding))
                continue
            except KeyError as fout:  # an optional column the row lacks
                problemen.append(Probleem(label, nummer, str(fout.args[0]), "Deze kolom ontbreekt."))
                continue
            items.append(replace(item, onderdeel_id=onderdeel.id))
            resultaat.aantallen[s.naam] = resultaat.aantallen.get(s.naam, 0) + 1
    if problemen:
        raise ImportFout(problemen)
    if items:
        regie.voeg_toe_veel(items)
    return resultaat


# --- bijeenkomst.json -----------------------------------------------------------------------------


def _schema() -> dict[str, Any]:
    import importlib.resources

    bron = importlib.resources.files("toolkit") / "schema" / "bijeenkomst.schema.json"
    return json.loads(bron.read_text(encoding="utf-8"))


def _json_importeren(store: Store, pad: Path) -> ImportResultaat:
    import jsonschema

    from toolkit.export.json import FORMAAT

    bron = pad.name
    try:
        # Not-text (lone surrogates, noncharacters) is normalised the way the model does it,
        # also in fields the model does not check, so no message carries what cannot be printed.
        data = _normaliseer(json.loads(lees_tekst(pad)))
    except json.JSONDecodeError as fout:
        raise ImportFout([Probleem(bron, fout.lineno, "", f"Geen geldige JSON: {fout}")]) from None
    except RecursionError:
        raise ImportFout([Probleem(bron, None, "", "Geen geldige JSON: te diep genest.")]) from None
    aantal = sum(len(v) for v in data.values() if isinstance(v, list)) if isinstance(data, dict) else 0
    if aantal > MAX_JSON_ITEMS:
        raise ImportFout(
            [
                Probleem(
                    bron,
                    None,
                    "",
                    f"Het bestand bevat {_duizendtal(aantal)} onderdelen, deelnemers en bijdragen samen; "
                    f"Werkplaats leest er hoogstens {_duizendtal(MAX_JSON_ITEMS)} in.",
                )
            ]
        )
    if not isinstance(data, dict) or data.get("formaat") != FORMAAT:
        gevonden = data.get("formaat") if isinstance(data, dict) else None
        raise ImportFout(
            [Probleem(bron, None, "formaat", f"Verwacht formaat '{FORMAAT}', niet '{gevonden}'.")]
        )
    validator = jsonschema.Draft202012Validator(_schema())
    schemafouten = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if schemafouten:
        raise ImportFout([_schema_probleem(bron, f) for f in schemafouten])
    if isinstance(data.get("traject"), dict):
        return _traject_importeren(store, bron, data["traject"])
    return _bijeenkomst_importeren(store, bron, data)


def _bijeenkomst_importeren(
    store: Store,
    bron: str,
    data: dict[str, Any],
    *,
    verwijzing: Any = None,
    nieuw_uit: dict[str, Any] | None = None,
) -> ImportResultaat:
    """One validated bijeenkomst dict into the store. ``verwijzing(soort, item)`` may rewrite an
    item first; ``nieuw_uit['ids']`` receives the file id -> new id map per kind."""
    from toolkit.analysis.onderwerpen import SCHEIDING, lees_onderwerp
    from toolkit.export.json import LIJSTEN, VERWIJZINGEN, velden

    problemen: list[Probleem] = []

    def bouw(klasse: type, lijst: str, rij: dict[str, Any], nummer: int) -> Any:
        waarden = {k: rij[k] for k in velden(klasse) if k in rij}
        for k in ("aangemaakt", "bewerkt"):
            if isinstance(waarden.get(k), str):
                waarden[k] = datetime.fromisoformat(waarden[k])
        try:
            return replace(klasse(**waarden), id=rij["id"]) if "id" in rij else klasse(**waarden)
        except OngeldigeInvoer as fout:
            problemen.append(Probleem(f"{bron}, {lijst}", nummer, fout.veld, fout.melding))
        except TypeError as fout:
            problemen.append(Probleem(f"{bron}, {lijst}", nummer, "", f"Onverwachte velden: {fout}"))
        return None

    b = data["bijeenkomst"]
    try:
        bijeenkomst = model.Bijeenkomst(
            **{k: b[k] for k in ("titel", "datum", "locatie", "aanleiding", "status") if k in b},
            huidig_onderdeel_id=b.get("huidig_onderdeel"),
        )
    except OngeldigeInvoer as fout:
        raise ImportFout([Probleem(f"{bron}, bijeenkomst", None, fout.veld, fout.melding)]) from None
    onderdelen = [
        bouw(model.Onderdeel, "onderdelen", r, i) for i, r in enumerate(data["onderdelen"], start=1)
    ]
    deelnemers = [
        bouw(model.Deelnemer, "deelnemers", r, i) for i, r in enumerate(data["deelnemers"], start=1)
    ]
    items = {
        soort: [
            bouw(model.SOORTEN[soort].klasse, lijst, r, i) for i, r in enumerate(data.get(lijst, []), start=1)
        ]
        for soort, lijst in LIJSTEN.items()
    }
    stemmen = [bouw(model.Stem, "stemmen", r, i) for i, r in enumerate(data.get("stemmen", []), start=1)]

    # Every reference must point at a row of the file.
    bekend = {"onderdeel": {o.id for o in onderdelen if o}, "deelnemer": {d.id for d in deelnemers if d}}
    bekend |= {soort: {i.id for i in lijst if i} for soort, lijst in items.items()}
    for lijst in LIJSTEN.values():
        for nummer, rij in enumerate(data.get(lijst, []), start=1):
            for veld, naar in VERWIJZINGEN.items():
                if rij.get(veld) is not None and rij[veld] not in bekend[naar]:
                    problemen.append(
                        Probleem(
                            f"{bron}, {lijst}",
                            nummer,
                            veld,
                            f"Verwijst naar {naar} {rij[veld]}, die niet in het bestand staat.",
                        )
                    )
    for nummer, s in enumerate(stemmen, start=1):
        if s and (
            s.doel_id not in bekend.get(s.soort, set())
            or s.onderdeel_id not in bekend["onderdeel"]
            or s.deelnemer_id not in bekend["deelnemer"]
        ):
            problemen.append(
                Probleem(
                    f"{bron}, stemmen",
                    nummer,
                    "doel_id",
                    "Deze stem verwijst naar iets dat niet in het bestand staat.",
                )
            )
    if problemen:
        raise ImportFout(problemen)

    def pas_aan(soort: str, item: Any, nieuw: dict[str, dict[int, int]]) -> Any:
        if nieuw_uit is not None:
            nieuw_uit["ids"] = nieuw  # filled further while the rows go in
        if verwijzing is not None:
            item = verwijzing(soort, item)
        if soort == "antwoord":
            gelezen = lees_onderwerp(item.onderwerp)
            if gelezen is not None and gelezen[0] in nieuw.get("bijdrage", {}):
                return replace(item, onderwerp=f"{nieuw['bijdrage'][gelezen[0]]}{SCHEIDING}{gelezen[1]}")
        return item

    nieuw_b, sleutel = store.laad_bijeenkomst(
        bijeenkomst, onderdelen, deelnemers, items, stemmen, pas_aan=pas_aan
    )
    aantallen = {"onderdelen": len(onderdelen), "deelnemers": len(deelnemers)}
    aantallen |= {LIJSTEN[s]: len(lijst) for s, lijst in items.items()}
    aantallen["stemmen"] = len(stemmen)
    return ImportResultaat(bron, aantallen, code=nieuw_b.code, sleutel=sleutel)


def _normaliseer(waarde: Any) -> Any:
    if isinstance(waarde, str):
        return model.normaliseer(waarde)
    if isinstance(waarde, list):
        return [_normaliseer(v) for v in waarde]
    if isinstance(waarde, dict):
        return {_normaliseer(k): _normaliseer(v) for k, v in waarde.items()}
    return waarde


def _traject_importeren(store: Store, bron: str, traject: dict[str, Any]) -> ImportResultaat:
    """A whole traject: every bijeenkomst in date order, then the chain and the status history.

    References to an actie or afspraak of another meeting (``actie:@<meeting>:<id>`` in the file)
    get the new ids. When any part fails, the bijeenkomsten already read in are removed again.
    """
    import jsonschema

    from toolkit.store import traject as st

    validator = jsonschema.Draft202012Validator(_schema())
    bijeenkomsten = traject.get("bijeenkomsten")
    if not isinstance(bijeenkomsten, list) or not bijeenkomsten:
        raise ImportFout([Probleem(bron, None, "traject", "Het traject noemt geen bijeenkomsten.")])
    problemen = [
        _schema_probleem(f"{bron}, traject bijeenkomst {i}", f)
        for i, b in enumerate(bijeenkomsten, start=1)
        for f in validator.iter_errors(b)
    ]
    if problemen:
        raise ImportFout(problemen)
    try:
        concept = model.Traject(
            titel=traject.get("titel", ""), wijk=traject.get("wijk", ""), partners=tuple(traject.get("partners", ()))
        )
    except (OngeldigeInvoer, TypeError) as fout:
        raise ImportFout([Probleem(f"{bron}, traject", None, getattr(fout, "veld", ""), str(fout))]) from None

    kaarten: list[dict[str, dict[int, int]]] = []

    def nieuwe_verwijzing(tekst: str) -> str:
        soort, _, rest = tekst.partition(":@")
        meeting, _, nummer = rest.partition(":")
        if soort in model.VOORTGANG_SOORTEN and meeting.isdigit() and nummer.isdigit():
            if int(meeting) < len(kaarten):
                nieuw = kaarten[int(meeting)].get(soort, {}).get(int(nummer))
                if nieuw is not None:
                    return model.onderwerp_van(soort, nieuw)
        return tekst

    def verwijzing(soort: str, item: Any) -> Any:
        if soort == "antwoord" and ":@" in item.onderwerp:
            return replace(item, onderwerp=nieuwe_verwijzing(item.onderwerp))
        if soort == "bijdrage" and ":@" in item.kolom:
            return replace(item, kolom=nieuwe_verwijzing(item.kolom))
        return item

    gemaakt: list[ImportResultaat] = []
    try:
        for data in bijeenkomsten:
            uit: dict[str, Any] = {}
            gemaakt.append(_bijeenkomst_importeren(store, bron, data, verwijzing=verwijzing, nieuw_uit=uit))
            kaarten.append(uit.get("ids", {}))
        ids = [store.bijeenkomst(r.code).id for r in gemaakt]  # type: ignore[arg-type]
        voortgangen = []
        for nummer, v in enumerate(traject.get("voortgang", []), start=1):
            try:
                meeting, item = int(v["bijeenkomst"]), v["item"]
                voortgangen.append(
                    model.Voortgang(
                        soort=v["soort"],
                        item_id=kaarten[int(item[0])][v["soort"]][int(item[1])],
                        status=v["status"],
                        bijeenkomst_id=ids[meeting],
                        wanneer=v.get("wanneer"),
                        opmerking=v.get("opmerking", ""),
                    )
                )
            except OngeldigeInvoer as fout:
                raise ImportFout([Probleem(f"{bron}, traject voortgang", nummer, fout.veld, fout.melding)]) from None
            except (KeyError, IndexError, TypeError, ValueError):
                raise ImportFout(
                    [Probleem(f"{bron}, traject voortgang", nummer, "item",
                              "Verwijst naar een bijeenkomst of actie die niet in het bestand staat.")]
                ) from None
        st.laad_traject(store, concept, ids, voortgangen)
    except BaseException:
        for r in gemaakt:
            store.wis(r.code, r.sleutel)  # type: ignore[arg-type]
        raise
    deze = traject.get("deze", len(gemaakt) - 1)
    hoofd = gemaakt[deze if isinstance(deze, int) and 0 <= deze < len(gemaakt) else -1]
    aantallen: dict[str, int] = {"bijeenkomsten": len(gemaakt)}
    for r in gemaakt:
        for soort, n in r.aantallen.items():
            aantallen[soort] = aantallen.get(soort, 0) + n
    return ImportResultaat(
        bron, aantallen, code=hoofd.code, sleutel=hoofd.sleutel,
        andere=[(r.code, r.sleutel) for r in gemaakt if r is not hoofd],  # type: ignore[misc]
    )


def _schema_probleem(bron: str, fout: Any) -> Probleem:
    pad = list(fout.absolute_path)
    lijst = ".".join(str(p) for p in pad if isinstance(p, str) and pad.index(p) == 0) or "bestand"
    rij = next((p + 1 for p in pad if isinstance(p, int)), None)
    kolom = str(pad[-1]) if pad and isinstance(pad[-1], str) and len(pad) > 1 else ""
    return Probleem(f"{bron}, {lijst}", rij, kolom, f"Past niet in het formaat: {fout.message}")


# --- entry point ----------------------------------------------------------------------------------


def importeer(
    store: Store,
    bestand: Path,
    *,
    code: str | None = None,
    soort: str | None = None,
    sleutel: str | None = None,
) -> ImportResultaat:
    """Import a bijeenkomst.json (new bijeenkomst) or xlsx/csv rows (into bijeenkomst ``code``).

    Raises :class:`ImportFout` with every problem, having stored nothing.
    """
    pad = Path(bestand)
    if not pad.is_file():
        raise ImportFout([Probleem(pad.name, None, "", f"Het bestand {pad} bestaat niet.")])
    _controleer_grootte(pad)
    try:
        if pad.suffix.lower() == ".json":
            return _json_importeren(store, pad)
        return _tabellen_importeren(store, pad, code, soort, sleutel)
    except WerkplaatsFout:
        raise
    except Exception as fout:  # noqa: BLE001 - no file may end in a traceback
        raise ImportFout(
            [Probleem(pad.name, None, "", f"Dit bestand is niet te lezen ({type(fout).__name__}: {fout}).")]
        ) from fout


__all__ = ["ALIASSEN", "MAX_BESTAND", "MAX_JSON_ITEMS", "MAX_RIJEN", "ImportFout", "ImportResultaat", "Probleem", "SOORTEN", "importeer"]
