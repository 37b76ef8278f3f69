"""The building blocks of a Word document, independent of python-docx.

:mod:`toolkit.export.secties` writes the visiedocument's Dutch text as these blocks;
:mod:`toolkit.export.docx` renders them into a template. Keeping the two apart means the
wording can be checked without Word, and the rendering knows nothing of the method.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: What an empty section says, so a reader sees it was not forgotten.
NIET_AAN_DE_ORDE = "Bij deze bijeenkomst niet aan de orde geweest."


@dataclass(frozen=True)
class Kop:
    tekst: str
    niveau: int = 2


@dataclass(frozen=True)
class Alinea:
    tekst: str
    vet_begin: str = ""
    cursief: bool = False


@dataclass(frozen=True)
class Lijst:
    items: tuple[str, ...]
    genummerd: bool = False


@dataclass(frozen=True)
class Tabel:
    """A table with one header row that repeats on every page; ``breedtes`` in cm."""

    kop: tuple[str, ...]
    rijen: tuple[tuple[str, ...], ...]
    breedtes: tuple[float, ...] = ()
    naam: str = ""


@dataclass(frozen=True)
class Figuur:
    sleutel: str
    bijschrift: str
    breedte_cm: float = 16.0


@dataclass(frozen=True)
class Sectie:
    sleutel: str
    kop: str
    blokken: tuple[object, ...] = field(default_factory=tuple)


Blok = Kop | Alinea | Lijst | Tabel | Figuur

__all__ = ["NIET_AAN_DE_ORDE", "Alinea", "Blok", "Figuur", "Kop", "Lijst", "Sectie", "Tabel"]
