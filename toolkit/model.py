"""Domain types of a bijeenkomst and the rules they obey.

Pure: no I/O, no SQL, no widgets. Every rule lives here once; the store, the CLI and
the widgets call these types and show the Dutch message of :class:`OngeldigeInvoer`.
Objects are frozen; the store hands out new ones after each change.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Literal, TypeVar

from toolkit.fouten import OngeldigeInvoer, StemmenOp

# --- fixed vocabularies ---------------------------------------------------------------

DOMEINEN: tuple[str, ...] = ("zorg", "sociaal", "gemeente", "inwoner", "verzekeraar", "overig")
DOMEIN_LABELS: dict[str, str] = {
    "zorg": "Zorg (medisch)",
    "sociaal": "Sociaal domein",
    "gemeente": "Gemeente",
    "inwoner": "Inwoner",
    "verzekeraar": "Zorgverzekeraar",
    "overig": "Overig",
}
FREQUENTIES: tuple[str, ...] = ("dagelijks", "wekelijks", "maandelijks", "jaarlijks", "nooit")
#: Contacts per year, for weighting network edges (seed 000 asks "hoe vaak").
FREQUENTIE_GEWICHT: dict[str, int] = {
    "dagelijks": 250,
    "wekelijks": 52,
    "maandelijks": 12,
    "jaarlijks": 1,
    "nooit": 0,
}
KWADRANTEN: tuple[str, ...] = ("sterkte", "zwakte", "kans", "bedreiging")
KWADRANT_LABELS: dict[str, str] = {
    "sterkte": "Sterktes",
    "zwakte": "Zwaktes",
    "kans": "Kansen",
    "bedreiging": "Bedreigingen",
}
HORIZONNEN: tuple[str, ...] = ("10 jaar", "5 jaar", "2 jaar", "1 jaar", "100 dagen")
#: The five themes of the Groningen Handreiking (seed 003).
THEMAS: tuple[str, ...] = (
    "kwaliteit van zorg",
    "communicatie",
    "verwijzen en indiceren",
    "informatie-uitwisseling",
    "financiering",
)
#: Quintuple Aim (seed 004 step 4), used by the dubbelcheck.
QUINTUPLE_AIM: tuple[str, ...] = (
    "gezondheid van de populatie",
    "ervaren kwaliteit door inwoner",
    "kosten",
    "werkplezier van professionals",
    "gezondheidsgelijkheid",
)
ACTIE_STATUSSEN: tuple[str, ...] = ("open", "bezig", "klaar")
BIJEENKOMST_STATUSSEN: tuple[str, ...] = ("open", "gesloten")
ONDERDEEL_STATUSSEN: tuple[str, ...] = ("gepland", "actief", "afgerond")
INVOER_SOORTEN: tuple[str, ...] = (
    "tekst",
    "stelling",
    "stakeholder",
    "relatie",
    "swot",
    "stip",
    "dubbelcheck",
    "actie",
    "afspraak",
)
#: What a vote can point at: the table of the entry.
SCHAAL: tuple[int, int] = (1, 5)

MAX_TEKST = 1000
MAX_KORT = 120
#: At most this many submissions per participant in RATE_VENSTER seconds.
RATE_MAX = 12
RATE_VENSTER = 30

CODE_ALFABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTE = 6

Kwadrant = Literal["sterkte", "zwakte", "kans", "bedreiging"]

T = TypeVar("T")

_STUURTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Noncharacters: U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF,
#: U+1FFFE, ...). Unicode reserves them for a program's own use, so they are never text a
#: person meant; U+FFFE/U+FFFF cannot be carried by XML 1.0 (Word, Excel, SVG) and made the
#: chart renderer abort its whole process.
_NIET_TEKENS = "\ufdd0-\ufdef" + "".join(
    f"{chr(vlak * 0x10000 + 0xFFFE)}{chr(vlak * 0x10000 + 0xFFFF)}" for vlak in range(17)
)
_ONTEKENS = re.compile(f"[{_NIET_TEKENS}]")
_SURROGATEN = re.compile("[\ud800-\udfff]")
#: Everything no output (XML 1.0, SVG, UTF-8 files) can carry: the stuurtekens except tab and
#: line breaks, lone surrogates and noncharacters.
_ONDRAAGBAAR = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff{_NIET_TEKENS}]")


def nu() -> datetime:
    """Naive UTC timestamp, the form the store keeps."""
    return datetime.now(UTC).replace(tzinfo=None)


# --- field rules ----------------------------------------------------------------------


def _heel(waarde: str) -> str:
    """Surrogate halves joined into the character they encode; a lone half becomes U+FFFD."""
    if not _SURROGATEN.search(waarde):
        return waarde
    return waarde.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def normaliseer(waarde: str) -> str:
    """The text rule's quiet part: what is not text at all goes, so nobody has to hunt for it.

    A participant cannot see, and so cannot remove, a noncharacter (U+FFFE, U+FFFF, ...) or
    half of a surrogate pair that a broken paste or a hostile client sent. These are
    normalised instead of refused: noncharacters are dropped, a lone surrogate becomes
    U+FFFD (the visible '�'), a proper pair becomes its character (an emoji stays an
    emoji). Visible text (accents, Arabic, Turkish, CJK, emoji, private use) is untouched;
    stuurtekens are refused by :func:`tekst`, as before.
    """
    return _ONTEKENS.sub("", _heel(waarde))


def veilig_voor_uitvoer(waarde: T) -> T:
    """Text, or dicts/lists/tuples/dataclasses of it, that every output can carry.

    The one sanitiser of the way out (charts, Word, Excel, CSV, JSON): data stored before
    :func:`tekst` normalised noncharacters and surrogates, or imported around the rules,
    loses what XML 1.0, SVG and UTF-8 cannot hold. Returns the same object when nothing
    needed changing, so it is cheap on clean data.
    """
    if isinstance(waarde, str):
        if not _ONDRAAGBAAR.search(waarde):
            return waarde
        return _STUURTEKENS.sub("", normaliseer(waarde))  # type: ignore[return-value]
    if isinstance(waarde, dict):
        schoon = {veilig_voor_uitvoer(k): veilig_voor_uitvoer(v) for k, v in waarde.items()}
        gelijk = all(
            a is b and c is d for (a, c), (b, d) in zip(schoon.items(), waarde.items(), strict=True)
        ) and len(schoon) == len(waarde)
        return waarde if gelijk else schoon  # type: ignore[return-value]
    if isinstance(waarde, (list, tuple)) and not hasattr(waarde, "_fields"):
        schoon_lijst = [veilig_voor_uitvoer(v) for v in waarde]
        if all(a is b for a, b in zip(schoon_lijst, waarde, strict=True)):
            return waarde
        return type(waarde)(schoon_lijst)  # type: ignore[return-value]
    if is_dataclass(waarde) and not isinstance(waarde, type):
        veranderd = {}
        for f in fields(waarde):
            if not f.init:
                continue
            oud = getattr(waarde, f.name)
            nieuw = veilig_voor_uitvoer(oud)
            if nieuw is not oud:
                veranderd[f.name] = nieuw
        return replace(waarde, **veranderd) if veranderd else waarde
    return waarde


def tekst(veld: str, waarde: object, *, maximum: int = MAX_TEKST, verplicht: bool = True) -> str:
    """Clean a text field: trimmed, NFC, not-text normalised away (:func:`normaliseer`),
    no control characters, not too long."""
    if waarde is None:
        waarde = ""
    if not isinstance(waarde, str):
        raise OngeldigeInvoer(veld, f"{veld.capitalize()} moet tekst zijn, niet {waarde!r}.")
    schoon = unicodedata.normalize("NFC", normaliseer(waarde).replace("\r\n", "\n")).strip()
    if _STUURTEKENS.search(schoon):
        raise OngeldigeInvoer(
            veld, f"{veld.capitalize()} bevat onzichtbare stuurtekens; typ de tekst opnieuw."
        )
    if verplicht and not schoon:
        raise OngeldigeInvoer(veld, f"Vul {veld} in; alleen spaties telt niet.")
    if len(schoon) > maximum:
        raise OngeldigeInvoer(
            veld,
            f"{veld.capitalize()} is {len(schoon)} tekens lang; maximaal {maximum} tekens.",
        )
    return schoon


def keuze(veld: str, waarde: object, opties: tuple[str, ...], *, verplicht: bool = True) -> str:
    """A value from a fixed list, case-insensitive; the message lists the valid choices."""
    if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
        if not verplicht:
            return ""
        raise OngeldigeInvoer(veld, f"Kies een {veld}: {', '.join(opties)}.")
    schoon = str(waarde).strip().lower()
    if schoon not in opties:
        raise OngeldigeInvoer(
            veld, f"'{waarde}' is geen geldige keuze bij {veld}; kies uit: {', '.join(opties)}."
        )
    return schoon


def schaal(veld: str, waarde: object, laag: int = SCHAAL[0], hoog: int = SCHAAL[1]) -> int:
    """An integer score on a closed scale, such as invloed 1-5."""
    try:
        getal = int(str(waarde).strip().removesuffix(".0"))
        if str(waarde).strip() not in (str(getal), f"{getal}.0"):
            raise ValueError
    except (TypeError, ValueError):
        raise OngeldigeInvoer(
            veld, f"{veld.capitalize()} moet een heel getal van {laag} tot en met {hoog} zijn, niet '{waarde}'."
        ) from None
    if not laag <= getal <= hoog:
        raise OngeldigeInvoer(
            veld, f"{veld.capitalize()} moet van {laag} tot en met {hoog} zijn, niet {getal}."
        )
    return getal


MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)


def datum_nl(d: date) -> str:
    """'3 maart 2027': how dates read in messages and documents."""
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def datum(veld: str, waarde: object, *, niet_voor: date | None = None, verplicht: bool = True) -> date | None:
    """A date (a ``date`` or 'YYYY-MM-DD'), optionally not before ``niet_voor``."""
    if waarde is None or waarde == "":
        if verplicht:
            raise OngeldigeInvoer(veld, f"Vul een datum in bij {veld} (JJJJ-MM-DD).")
        return None
    if isinstance(waarde, datetime):
        waarde = waarde.date()
    if not isinstance(waarde, date):
        try:
            waarde = date.fromisoformat(str(waarde).strip())
        except ValueError:
            raise OngeldigeInvoer(
                veld, f"'{waarde}' is geen datum; schrijf {veld} als JJJJ-MM-DD, bijvoorbeeld 2027-03-01."
            ) from None
    if niet_voor is not None and waarde < niet_voor:
        raise OngeldigeInvoer(
            veld,
            f"Kies bij {veld} een datum vanaf vandaag (gekozen: {datum_nl(waarde)}).",
        )
    return waarde


def join_code(waarde: object) -> str:
    """Normalise a typed join code: spaces and case do not matter."""
    schoon = re.sub(r"[\s-]", "", str(waarde or "")).upper()
    if len(schoon) != CODE_LENGTE or any(c not in CODE_ALFABET for c in schoon):
        raise OngeldigeInvoer(
            "code", f"'{waarde}' is geen geldige code; een code heeft {CODE_LENGTE} tekens, zoals K7M4PX."
        )
    return schoon


def stembudget(gebruikt: int, budget: int, erbij: int = 1) -> None:
    """Refuse a vote beyond the dots the onderdeel gives each participant."""
    if budget <= 0:
        raise StemmenOp("stem", "Bij dit onderdeel wordt niet gestemd.")
    if gebruikt + erbij > budget:
        raise StemmenOp(
            "stem",
            f"Je hebt al je {budget} stippen gebruikt; haal eerst een stip weg om opnieuw te stemmen.",
        )


# --- entities -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bijeenkomst:
    titel: str
    datum: date | None = None
    locatie: str = ""
    aanleiding: str = ""
    code: str = ""
    status: str = "open"
    id: int | None = None
    versie: int = 0
    huidig_onderdeel_id: int | None = None
    timer_eind: datetime | None = None
    timer_rest: int | None = None
    aangemaakt: datetime | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "titel", tekst("titel", self.titel, maximum=MAX_KORT * 2))
        object.__setattr__(self, "locatie", tekst("locatie", self.locatie, maximum=MAX_KORT * 2, verplicht=False))
        object.__setattr__(self, "aanleiding", tekst("aanleiding", self.aanleiding, verplicht=False, maximum=MAX_TEKST * 4))
        object.__setattr__(self, "status", keuze("status", self.status, BIJEENKOMST_STATUSSEN))
        object.__setattr__(self, "datum", datum("datum", self.datum, verplicht=False))

    @property
    def open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True, slots=True)
class Onderdeel:
    """One werkvorm in the programme, with its own question and settings."""

    werkvorm: str
    titel: str
    vraag: str
    invoer: str
    duur_minuten: int = 10
    volgorde: int = 0
    stippen: int = 0
    anoniem: bool = True
    prive_eerst: bool = False
    instructie: str = ""
    kolommen: tuple[str, ...] = ()
    stellingen: tuple[str, ...] = ()
    #: Werkvorm ids whose entries this onderdeel works on (clusters, votes) besides its own.
    neemt_over: tuple[str, ...] = ()
    status: str = "gepland"
    onthuld: bool = True
    stemmen_open: bool = False
    bijeenkomst_id: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "werkvorm", tekst("werkvorm", self.werkvorm, maximum=MAX_KORT))
        object.__setattr__(self, "titel", tekst("titel", self.titel, maximum=MAX_KORT))
        object.__setattr__(self, "vraag", tekst("vraag", self.vraag))
        object.__setattr__(self, "instructie", tekst("instructie", self.instructie, verplicht=False, maximum=MAX_TEKST * 4))
        object.__setattr__(self, "invoer", keuze("invoer", self.invoer, INVOER_SOORTEN))
        object.__setattr__(self, "duur_minuten", schaal("duur", self.duur_minuten, 1, 240))
        object.__setattr__(self, "stippen", schaal("stippen", self.stippen, 0, 20))
        object.__setattr__(self, "status", keuze("status", self.status, ONDERDEEL_STATUSSEN))
        object.__setattr__(self, "kolommen", tuple(tekst("kolom", k, maximum=MAX_KORT) for k in self.kolommen))
        object.__setattr__(self, "stellingen", tuple(tekst("stelling", s, maximum=MAX_KORT * 3) for s in self.stellingen))
        object.__setattr__(self, "neemt_over", tuple(tekst("neemt_over", w, maximum=MAX_KORT) for w in self.neemt_over))

    @property
    def schrijven_prive(self) -> bool:
        """Participants write, the wand shows only how many entries there are."""
        return self.prive_eerst and not self.onthuld


@dataclass(frozen=True, slots=True)
class Deelnemer:
    organisatie: str
    domein: str
    naam: str = ""
    naam_tonen: bool = False
    bijeenkomst_id: int | None = None
    id: int | None = None
    aangemaakt: datetime | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "naam", tekst("naam", self.naam, maximum=MAX_KORT, verplicht=False))
        object.__setattr__(self, "organisatie", tekst("organisatie", self.organisatie, maximum=MAX_KORT))
        object.__setattr__(self, "domein", keuze("domein", self.domein, DOMEINEN))

    @property
    def weergavenaam(self) -> str:
        return self.naam or f"Anoniem ({self.organisatie})"


@dataclass(frozen=True, slots=True)
class Bijdrage:
    """A sticky note: free text in a tekst onderdeel, optionally in one column."""

    tekst: str
    onderdeel_id: int | None = None
    deelnemer_id: int | None = None
    kolom: str = ""
    thema: str = ""
    cluster: str = ""
    zichtbaar: bool = True
    ingetrokken: bool = False
    samengevoegd_met: int | None = None
    id: int | None = None
    aangemaakt: datetime | None = None
    bewerkt: datetime | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "tekst", tekst("tekst", self.tekst))
        object.__setattr__(self, "kolom", tekst("kolom", self.kolom, maximum=MAX_KORT, verplicht=False))
        object.__setattr__(self, "thema", keuze("thema", self.thema, THEMAS, verplicht=False))
        object.__setattr__(self, "cluster", tekst("cluster", self.cluster, maximum=MAX_KORT, verplicht=False))

    @property
    def op_de_wand(self) -> bool:
        return self.zichtbaar and not self.ingetrokken and self.samengevoegd_met is None


@dataclass(frozen=True, slots=True)
class Stem:
    """One dot on one entry; a participant may put several dots on the same entry."""

    deelnemer_id: int
    onderdeel_id: int
    doel_id: int
    soort: str = "bijdrage"
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "soort", keuze("soort", self.soort, STEM_SOORTEN))


@dataclass(frozen=True, slots=True)
class Antwoord:
    """A score on a scale: a stelling (1 oneens - 5 eens) or a dubbelcheck aim."""

    onderwerp: str
    waarde: int
    onderdeel_id: int | None = None
    deelnemer_id: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "onderwerp", tekst("onderwerp", self.onderwerp, maximum=MAX_KORT * 3))
        object.__setattr__(self, "waarde", schaal("waarde", self.waarde))


@dataclass(frozen=True, slots=True)
class Stakeholder:
    naam: str
    organisatie: str = ""
    domein: str = "overig"
    invloed: int = 3
    belang: int = 3
    onderdeel_id: int | None = None
    deelnemer_id: int | None = None
    zichtbaar: bool = True
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "naam", tekst("naam", self.naam, maximum=MAX_KORT))
        object.__setattr__(self, "organisatie", tekst("organisatie", self.organisatie, maximum=MAX_KORT, verplicht=False))
        object.__setattr__(self, "domein", keuze("domein", self.domein, DOMEINEN))
        object.__setattr__(self, "invloed", schaal("invloed", self.invloed))
        object.__setattr__(self, "belang", schaal("belang", self.belang))


@dataclass(frozen=True, slots=True)
class Relatie:
    """How often organisation ``van`` has contact with ``naar`` (seed 000)."""

    van: str
    naar: str
    frequentie: str
    overlegvorm: str = ""
    onderdeel_id: int | None = None
    deelnemer_id: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "van", tekst("van", self.van, maximum=MAX_KORT))
        object.__setattr__(self, "naar", tekst("naar", self.naar, maximum=MAX_KORT))
        object.__setattr__(self, "frequentie", keuze("frequentie", self.frequentie, FREQUENTIES))
        object.__setattr__(self, "overlegvorm", tekst("overlegvorm", self.overlegvorm, maximum=MAX_KORT, verplicht=False))
        if self.van.casefold() == self.naar.casefold():
            raise OngeldigeInvoer("naar", f"Kies bij 'naar' een andere organisatie dan '{self.van}'.")


@dataclass(frozen=True, slots=True)
class SwotItem:
    kwadrant: str
    tekst: str
    onderdeel_id: int | None = None
    deelnemer_id: int | None = None
    zichtbaar: bool = True
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kwadrant", keuze("kwadrant", self.kwadrant, KWADRANTEN))
        object.__setattr__(self, "tekst", tekst("tekst", self.tekst))


@dataclass(frozen=True, slots=True)
class Confrontatie:
    """A strategy for one pair of the confrontatiematrix (seed 003, Tabel 4)."""

    intern_id: int
    extern_id: int
    strategie: str
    onderdeel_id: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "strategie", tekst("strategie", self.strategie))


def confrontatie_soort(intern: SwotItem, extern: SwotItem) -> str:
    """'S-O', 'S-T', 'W-O' or 'W-T'; refuses pairs that are not inside x outside."""
    if intern.kwadrant not in ("sterkte", "zwakte"):
        raise OngeldigeInvoer("intern", "Kies eerst een sterkte of zwakte.")
    if extern.kwadrant not in ("kans", "bedreiging"):
        raise OngeldigeInvoer("extern", "Kies als tweede een kans of bedreiging.")
    return ("S" if intern.kwadrant == "sterkte" else "W") + "-" + ("O" if extern.kwadrant == "kans" else "T")


@dataclass(frozen=True, slots=True)
class Stip:
    """A vision statement for the horizon; ``definitief`` marks the one the room chose."""

    tekst: str
    onderdeel_id: int | None = None
    deelnemer_id: int | None = None
    definitief: bool = False
    zichtbaar: bool = True
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "tekst", tekst("tekst", self.tekst, maximum=MAX_TEKST * 2))


@dataclass(frozen=True, slots=True)
class Mijlpaal:
    horizon: str
    tekst: str
    onderdeel_id: int | None = None
    deelnemer_id: int | None = None
    zichtbaar: bool = True
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "horizon", keuze("horizon", self.horizon, HORIZONNEN))
        object.__setattr__(self, "tekst", tekst("tekst", self.tekst))


@dataclass(frozen=True, slots=True)
class Actie:
    wat: str
    wie: str
    wanneer: date
    thema: str = ""
    status: str = "open"
    onderdeel_id: int | None = None
    bijdrage_id: int | None = None
    bijeenkomst_id: int | None = None
    id: int | None = None
    #: The first day ``wanneer`` may be; None accepts any date (imports of history).
    vanaf: date | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "wat", tekst("wat", self.wat))
        object.__setattr__(self, "wie", tekst("wie", self.wie, maximum=MAX_KORT))
        object.__setattr__(self, "wanneer", datum("wanneer", self.wanneer, niet_voor=self.vanaf))
        object.__setattr__(self, "thema", keuze("thema", self.thema, THEMAS, verplicht=False))
        object.__setattr__(self, "status", keuze("status", self.status, ACTIE_STATUSSEN))
        object.__setattr__(self, "vanaf", None)

    @classmethod
    def nieuw(cls, *, vandaag: date | None = None, **velden: object) -> Actie:
        """A new action from the room: wanneer must not lie in the past."""
        return cls(vanaf=vandaag or date.today(), **velden)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Afspraak:
    tekst: str
    evaluatiemoment: date | None = None
    wie: str = ""
    onderdeel_id: int | None = None
    bijeenkomst_id: int | None = None
    id: int | None = None
    vanaf: date | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tekst", tekst("tekst", self.tekst))
        object.__setattr__(self, "wie", tekst("wie", self.wie, maximum=MAX_KORT, verplicht=False))
        object.__setattr__(
            self,
            "evaluatiemoment",
            datum("evaluatiemoment", self.evaluatiemoment, niet_voor=self.vanaf, verplicht=False),
        )
        object.__setattr__(self, "vanaf", None)

    @classmethod
    def nieuw(cls, *, vandaag: date | None = None, **velden: object) -> Afspraak:
        return cls(vanaf=vandaag or date.today(), **velden)  # type: ignore[arg-type]


def herzie(item: Actie | Afspraak, *, vandaag: date | None = None, **velden: object) -> Actie | Afspraak:
    """An edited action or agreement: a changed date must not lie in the past; an unchanged
    (possibly past) date may stay, so an old action can still be marked klaar."""
    datumveld = "wanneer" if isinstance(item, Actie) else "evaluatiemoment"
    veranderd = datumveld in velden and velden[datumveld] != getattr(item, datumveld)
    return replace(item, vanaf=(vandaag or date.today()) if veranderd else None, **velden)  # type: ignore[arg-type]


# --- the traject: follow-up meetings, one actie with a status history -------------------

#: Input kinds of the follow-up werkvormen (issue 11): terugblik op acties, afspraken-check
#: and monitoring. Scores are ``Antwoord``s, remarks ``Bijdrage``s (kolom = what they are about).
TRAJECT_INVOER: tuple[str, ...] = ("terugblik", "afspraakcheck", "monitoring")
INVOER_SOORTEN = (*INVOER_SOORTEN, *(s for s in TRAJECT_INVOER if s not in INVOER_SOORTEN))
#: What the facilitator records about an actie or afspraak at a meeting.
VOORTGANG_STATUSSEN: tuple[str, ...] = ("open", "bezig", "gedaan", "niet gelukt", "vervallen")
#: Statuses after which an actie no longer comes along to the next meeting.
AFGEROND: tuple[str, ...] = ("gedaan", "vervallen")
#: What a participant says about an actie in the terugblik; the Antwoord.waarde is the position (1-4).
MELDINGEN: tuple[str, ...] = ("gedaan", "bezig", "niet gelukt", "weet ik niet")
#: The status an actie of the first meeting starts with, from its own ``Actie.status``.
BEGINSTATUS: dict[str, str] = {"open": "open", "bezig": "bezig", "klaar": "gedaan"}
VOORTGANG_SOORTEN: tuple[str, ...] = ("actie", "afspraak")


def melding_waarde(melding: object) -> int:
    """The Antwoord.waarde (1-4) of a participant's 'gedaan' / 'bezig' / 'niet gelukt' / 'weet ik niet'."""
    return MELDINGEN.index(keuze("melding", melding, MELDINGEN)) + 1


def melding_van(waarde: int) -> str:
    return MELDINGEN[schaal("melding", waarde, 1, len(MELDINGEN)) - 1]


def onderwerp_van(soort: str, item_id: int) -> str:
    """The ``Antwoord.onderwerp`` (and ``Bijdrage.kolom``) of a score about one actie or afspraak."""
    return f"{keuze('soort', soort, VOORTGANG_SOORTEN)}:{int(item_id)}"


def lees_onderwerp_van(onderwerp: str) -> tuple[str, int] | None:
    """``('actie', 12)`` for 'actie:12'; None for anything else (a stelling, a monitoring question)."""
    soort, teken, nummer = str(onderwerp).partition(":")
    if not teken or soort not in VOORTGANG_SOORTEN or not nummer.isdigit():
        return None
    return soort, int(nummer)


@dataclass(frozen=True, slots=True)
class Traject:
    """A chain of bijeenkomsten of one collaboration (seed 003's phases, seed 004's evaluatiemomenten)."""

    titel: str
    wijk: str = ""
    partners: tuple[str, ...] = ()
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "titel", tekst("titel", self.titel, maximum=MAX_KORT * 2))
        object.__setattr__(self, "wijk", tekst("wijk", self.wijk, maximum=MAX_KORT, verplicht=False))
        partners = tuple(dict.fromkeys(tekst("partner", p, maximum=MAX_KORT) for p in self.partners))
        object.__setattr__(self, "partners", partners)


@dataclass(frozen=True, slots=True)
class Voortgang:
    """The status of one actie or afspraak as recorded at one meeting of the traject.

    The actie itself lives once, in the meeting that made it; a follow-up adds a Voortgang,
    never a copy. ``wanneer`` is a new date when the action is carried on.
    """

    soort: str
    item_id: int
    status: str
    bijeenkomst_id: int | None = None
    wanneer: date | None = None
    opmerking: str = ""
    id: int | None = None
    aangemaakt: datetime | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "soort", keuze("soort", self.soort, VOORTGANG_SOORTEN))
        object.__setattr__(self, "status", keuze("status", self.status, VOORTGANG_STATUSSEN))
        object.__setattr__(self, "wanneer", datum("wanneer", self.wanneer, verplicht=False))
        object.__setattr__(self, "opmerking", tekst("opmerking", self.opmerking, verplicht=False))

    @property
    def afgerond(self) -> bool:
        return self.status in AFGEROND


def vervolg_datum(waarde: object, vorige: date | None, *, eerste: bool = True) -> date | None:
    """The date of a follow-up: not before the meeting it follows (the baseline comes first)."""
    gekozen = datum("datum", waarde, verplicht=False)
    if gekozen is not None and vorige is not None and gekozen < vorige:
        welke = "de eerste bijeenkomst" if eerste else "de vorige bijeenkomst"
        raise OngeldigeInvoer(
            "datum",
            f"Een vervolgbijeenkomst kan niet vóór {welke} liggen ({datum_nl(vorige)}); "
            f"u koos {datum_nl(gekozen)}. Kies een latere datum.",
        )
    return gekozen


@dataclass(frozen=True, slots=True)
class Inhoud:
    """Everything one bijeenkomst produced, as model objects: what the store hands to analysis.

    ``items`` holds the entries per kind (``bijdrage``, ``swot`` ...), oldest first; without
    ``met_verborgen`` the moderated, withdrawn and merged ones are already left out.
    ``alle_swot`` keeps the hidden SWOT items too, because a confrontation may still name one.
    """

    bijeenkomst: Bijeenkomst
    deelnemers: tuple[Deelnemer, ...]
    onderdelen: tuple[Onderdeel, ...]
    items: Mapping[str, tuple[object, ...]]
    stemmen: tuple[Stem, ...]
    alle_swot: tuple[SwotItem, ...]
    met_verborgen: bool = False


# --- the kinds of entry: one registry ---------------------------------------------------

#: A field that holds the id of another row -> the kind of that row (the same in every kind).
VERWIJZINGEN: dict[str, str] = {
    "onderdeel_id": "onderdeel",
    "deelnemer_id": "deelnemer",
    "bijdrage_id": "bijdrage",
    "samengevoegd_met": "bijdrage",
    "intern_id": "swot",
    "extern_id": "swot",
}


@dataclass(frozen=True, slots=True)
class Soort:
    """One kind of entry, and what every layer derives from it.

    ``naam`` is what the store, the change log and a vote call it; ``lijst`` names its list
    in ``bijeenkomst.json`` and its frame in :class:`toolkit.analysis.frames.Frames`;
    ``door`` says who writes it (a ``"deelnemer"`` in the current onderdeel, or only the
    ``"regie"``); ``begrensd`` whether it uses up the writing budget (:data:`RATE_MAX`);
    ``stembaar`` whether dots can go on it; ``invoer`` which invoer of an onderdeel accepts it.
    """

    naam: str
    klasse: type
    lijst: str
    door: Literal["deelnemer", "regie"]
    invoer: tuple[str, ...]
    begrensd: bool = False
    stembaar: bool = False

    @property
    def verwijzingen(self) -> dict[str, str]:
        """The fields of this kind that hold the id of another row, and that row's kind."""
        velden = {f.name for f in fields(self.klasse)}
        return {veld: naar for veld, naar in VERWIJZINGEN.items() if veld in velden}


#: Every kind of entry, in the order the store loads them (a reference points back).
#: Adding a kind: its class above, one line here, a table in the store, its views.
SOORTEN: dict[str, Soort] = {
    s.naam: s
    for s in (
        Soort("bijdrage", Bijdrage, "bijdragen", "deelnemer",
              ("tekst", "dubbelcheck", "actie", "afspraak", *TRAJECT_INVOER), begrensd=True, stembaar=True),
        Soort("stakeholder", Stakeholder, "stakeholders", "deelnemer", ("stakeholder",), begrensd=True),
        Soort("relatie", Relatie, "relaties", "deelnemer", ("relatie",), begrensd=True),
        Soort("swot", SwotItem, "swot", "deelnemer", ("swot",), begrensd=True, stembaar=True),
        Soort("stip", Stip, "stippen", "deelnemer", ("stip",), begrensd=True, stembaar=True),
        Soort("mijlpaal", Mijlpaal, "mijlpalen", "deelnemer", ("stip",), begrensd=True),
        # Scores replace each other per onderwerp, so they do not use up the writing budget.
        Soort("antwoord", Antwoord, "antwoorden", "deelnemer", ("stelling", "dubbelcheck", *TRAJECT_INVOER)),
        Soort("confrontatie", Confrontatie, "confrontaties", "regie", ("swot",), stembaar=True),
        Soort("actie", Actie, "acties", "regie", ("actie",)),
        Soort("afspraak", Afspraak, "afspraken", "regie", ("afspraak",)),
    )
}
_SOORT_VAN_KLASSE: dict[type, str] = {s.klasse: s.naam for s in SOORTEN.values()}
#: Kinds a participant writes into the current onderdeel.
DEELNEMER_SOORTEN: tuple[str, ...] = tuple(n for n, s in SOORTEN.items() if s.door == "deelnemer")
#: Kinds that use up the writing budget.
BEGRENSDE_SOORTEN: tuple[str, ...] = tuple(n for n, s in SOORTEN.items() if s.begrensd)
#: Kinds dots can go on (``Stem.soort``).
STEM_SOORTEN: tuple[str, ...] = tuple(n for n, s in SOORTEN.items() if s.stembaar)
#: Which kinds fit which invoer of an onderdeel.
INVOER_SOORT: dict[str, tuple[str, ...]] = {
    invoer: tuple(n for n, s in SOORTEN.items() if invoer in s.invoer) for invoer in INVOER_SOORTEN
}


def soort_van(item: object) -> str:
    """The kind name of a model object (``Bijdrage`` -> ``"bijdrage"``)."""
    try:
        return _SOORT_VAN_KLASSE[type(item)]
    except KeyError:
        raise TypeError(f"{type(item).__name__} is geen soort invoer die de opslag kent") from None



# --- rules of the room: ranking, grouping, dots, timer, confrontation labels ------------

#: Dots per participant when the facilitator opens voting on an onderdeel without its own number.
STANDAARD_STIPPEN = 3
#: Werkvormen whose bijdragen are the wijk's problems and needs (seed 004 step 2).
PROBLEEM_WERKVORMEN: tuple[str, ...] = ("wijkbrainstorm", "inventarisatie", "vijf-themas")
#: Werkvormen whose bijdragen are solutions (seed 004 step 3): what the dubbelcheck rates.
OPLOSSING_WERKVORMEN: tuple[str, ...] = ("oplossingen",)
#: Werkvormen that always vote, even when the onderdeel has no dots of its own yet.
STEMMENDE_WERKVORMEN: tuple[str, ...] = ("clusteren-en-stemmen",)


def rang(stippen: int, item_id: int | None) -> tuple[int, int]:
    """Sort key of the ranking rule: most dots first, the oldest entry (lowest id) breaks ties."""
    return (-int(stippen), int(item_id or 0))


def rangorde(items: Iterable[T], stippen: Mapping[int, int]) -> list[T]:
    """Entries in ranking order (:func:`rang`), with ``stippen`` the dots per entry id."""
    return sorted(items, key=lambda item: rang(stippen.get(item.id, 0), item.id))  # type: ignore[attr-defined]


def stembaar(onderdeel: Onderdeel) -> bool:
    """Whether the facilitator can open voting on this onderdeel."""
    return onderdeel.stippen > 0 or onderdeel.werkvorm in STEMMENDE_WERKVORMEN


def stippen_budget(onderdeel: Onderdeel) -> int:
    """The dots each participant gets when voting opens: the onderdeel's own, else the default."""
    return onderdeel.stippen or STANDAARD_STIPPEN


def stippen_over(budget: int, gebruikt: int) -> int:
    """Dots a participant has left."""
    return max(0, budget - gebruikt)


def samenvoeging(bijdrage_ids: Iterable[int]) -> tuple[int, tuple[int, ...]]:
    """Which entry stays when entries are merged (the oldest, lowest id) and which go into it."""
    ids = sorted(set(bijdrage_ids))
    if len(ids) < 2:
        raise OngeldigeInvoer("samenvoegen", "Kies minstens twee bijdragen om samen te voegen; de oudste blijft staan.")
    return ids[0], tuple(ids[1:])


def datum_tekst(d: date | None) -> str:
    """'3 maart 2026', or 'zonder datum'."""
    return datum_nl(d) if d else "zonder datum"


def bijeenkomst_label(b: Bijeenkomst) -> str:
    """How a meeting of a traject is named in an overview: its title, with the date when it has one."""
    return f"{b.titel} ({datum_tekst(b.datum)})" if b.datum else b.titel


def bijeenkomst_kort(b: Bijeenkomst) -> str:
    """A meeting in a chart or a column head: its date, else its title."""
    return datum_tekst(b.datum) if b.datum else b.titel


#: The name of the group of entries that are in none yet.
ZONDER_GROEP = "Nog niet gegroepeerd"


def groepering(bijdragen: Iterable[Bijdrage]) -> str:
    """How the wall groups: ``'cluster'`` once any entry has a cluster, else ``'thema'`` once any
    has a theme, else ``''`` (clusters the room made come before the fixed themes)."""
    bijdragen = list(bijdragen)
    if any(b.cluster for b in bijdragen):
        return "cluster"
    if any(b.thema for b in bijdragen):
        return "thema"
    return ""


def groep_van(bijdrage: Bijdrage, gegroepeerd: str) -> str:
    """The group an entry sits in under :func:`groepering`: its cluster, else its theme."""
    if gegroepeerd == "cluster":
        return bijdrage.cluster or ZONDER_GROEP
    if gegroepeerd == "thema":
        return bijdrage.thema.capitalize() if bijdrage.thema else ZONDER_GROEP
    return ""


@dataclass(frozen=True, slots=True)
class Timer:
    """The room's timer: running until ``eind``, or paused with ``rest`` seconds left, or off."""

    eind: datetime | None = None
    rest: int | None = None

    @classmethod
    def van(cls, bijeenkomst: Bijeenkomst) -> Timer:
        return cls(bijeenkomst.timer_eind, bijeenkomst.timer_rest)

    @classmethod
    def klaar_voor(cls, duur_minuten: int | None) -> Timer:
        """A paused timer holding an onderdeel's duration (off without one)."""
        return cls(None, duur_minuten * 60 if duur_minuten else None)

    def over(self, nu: datetime) -> int | None:
        """Seconds left (0 when time is up), or None without a timer."""
        if self.eind is not None:
            return max(0, round((self.eind - nu).total_seconds()))
        return self.rest

    def start(self, nu: datetime, duur_minuten: int | None = None) -> Timer:
        """Run from the paused rest (or the given duration); a running timer stays as it is."""
        if self.eind is not None:
            return self
        rest = self.rest if self.rest is not None else (duur_minuten or 0) * 60
        return Timer(nu + timedelta(seconds=rest), None)

    def pauze(self, nu: datetime) -> Timer:
        return self if self.eind is None else Timer(None, self.over(nu))

    def erbij(self, minuten: int, nu: datetime) -> Timer:
        """More time: a running timer ends later (from now if it already ran out)."""
        if self.eind is not None:
            return Timer(max(self.eind, nu) + timedelta(minutes=minuten), None)
        return Timer(None, (self.rest or 0) + minuten * 60)

    def tekst(self, nu: datetime) -> str:
        """'mm:ss' left, 'Tijd is om' when a running timer ran out, '' without a timer."""
        rest = self.over(nu)
        if rest is None:
            return ""
        if self.eind is not None and not rest:
            return "Tijd is om"
        return f"{rest // 60:02d}:{rest % 60:02d}"


#: The four strategies of the confrontatiematrix (seed 003, Tabel 4): pair -> (inside, outside, verb).
CONFRONTATIES: dict[str, tuple[str, str, str]] = {
    "S-O": ("sterkte", "kans", "benutten"),
    "S-T": ("sterkte", "bedreiging", "verdedigen"),
    "W-O": ("zwakte", "kans", "versterken"),
    "W-T": ("zwakte", "bedreiging", "beperken"),
}


def confrontatie_label(soort: str) -> str:
    """'versterken (zwakte x kans)': the label the wand and the Word document share."""
    intern, extern, werkwoord = CONFRONTATIES[soort]
    return f"{werkwoord} ({intern} x {extern})"


# --------------------------------------------------------------- what the store hands back
# Plain values, here and not in ``toolkit.store``, so that a participant kernel, which reaches
# the store through the loket (``toolkit.loket``), can unpickle them without SQLAlchemy.


@dataclass(frozen=True, slots=True)
class Wijzigingen:
    """What changed in a bijeenkomst after a given versie: kinds and ids per kind, and
    ``door``: the participants who made those changes (the facilitator is not one)."""

    versie: int
    ids: dict[str, frozenset[int]]
    door: frozenset[int] = field(default=frozenset(), compare=False)

    @property
    def soorten(self) -> frozenset[str]:
        return frozenset(self.ids)

    def __bool__(self) -> bool:
        return bool(self.ids)


@dataclass(frozen=True, slots=True)
class Wekregel:
    """One kind of change a page waits for: of these ``soorten`` (None: of any kind),
    optionally only those made by participant ``door`` or only those of the entries ``ids``."""

    soorten: frozenset[str] | None
    door: int | None = None
    ids: frozenset[int] | None = None

    def raakt(self, wijzigingen: Wijzigingen) -> bool:
        geraakt = wijzigingen.soorten if self.soorten is None else self.soorten & wijzigingen.soorten
        if not geraakt:
            return False
        if self.door is not None and self.door not in wijzigingen.door:
            return False
        return self.ids is None or any(wijzigingen.ids[s] & self.ids for s in geraakt)


@dataclass(frozen=True, slots=True)
class Wekwens:
    """Which changes in the room matter to a page: any of its rules. A view says it once
    (``Paneel.wekwens``); the view itself decides with it whether to redraw, and the loket
    (``toolkit.store.loket``) whether to wake the phone at all, so sixty phones are not woken
    by each other's joins (issue 15). Matching is on the change log's kinds, ids and authors,
    never on the store; a rule may wake a page too often, never too rarely."""

    regels: tuple[Wekregel, ...] = ()

    @classmethod
    def op(
        cls, soorten: Iterable[str], *, door: int | None = None, ids: Iterable[int] | None = None
    ) -> Wekwens:
        soorten = frozenset(soorten)
        if not soorten:
            return cls()
        return cls((Wekregel(soorten, door, None if ids is None else frozenset(ids)),))

    @classmethod
    def elke(cls) -> Wekwens:
        """Any change at all."""
        return cls((Wekregel(None),))

    def __or__(self, ander: Wekwens) -> Wekwens:
        return Wekwens(self.regels + tuple(r for r in ander.regels if r not in self.regels))

    def raakt(self, wijzigingen: Wijzigingen) -> bool:
        return any(r.raakt(wijzigingen) for r in self.regels)


def wekwens_samen(wensen: Iterable[Wekwens | None]) -> Wekwens | None:
    """Together: None (every change) as soon as one of them waits for every change."""
    samen = Wekwens()
    for wens in wensen:
        if wens is None:
            return None
        samen = samen | wens
    return samen


@dataclass(frozen=True, slots=True)
class Telling:
    """Dots on one entry."""

    soort: str
    doel_id: int
    stemmen: int


@dataclass(frozen=True, slots=True)
class Keten:
    """A traject with its bijeenkomsten in date order (the first one is the baseline)."""

    traject: Traject | None
    bijeenkomsten: tuple[Bijeenkomst, ...]

    @property
    def basis(self) -> Bijeenkomst:
        return self.bijeenkomsten[0]

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(b.id for b in self.bijeenkomsten)  # type: ignore[misc]
