"""Builders of the files a clumsy or hostile user feeds ``werkplaats import`` (issue 14).

Shared by ``tests/test_import_grenzen.py`` and ``benchmarks/import_grenzen.py``.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

TOEKOMST = (date.today() + timedelta(days=30)).isoformat()
KOP = ["wat", "wie", "wanneer", "thema", "status"]


def actie_rij(i: int) -> list[str]:
    return [f"Actie {i}: café in de wijk", "Wijkteam Noord", TOEKOMST, "", "open"]


def csv_bytes(rijen: int, *, scheiding: str = ";") -> str:
    regels = [scheiding.join(KOP)] + [scheiding.join(actie_rij(i)) for i in range(1, rijen + 1)]
    return "\r\n".join(regels) + "\r\n"


def utf8_met_los_cp1252_byte(pad: Path) -> Path:
    """A UTF-8 file (accents as UTF-8) with one line typed in cp1252: 'é' as the byte 0xE9."""
    tekst = csv_bytes(5).encode("utf-8")
    pad.write_bytes(tekst + ";".join(["Overleg met de ggd", "Ren\xe9e", TOEKOMST, "", "open"]).encode("cp1252"))
    return pad


def cp1252(pad: Path) -> Path:
    pad.write_bytes(csv_bytes(3).replace("café", "café — ‘koffie’").encode("cp1252"))
    return pad


def utf16(pad: Path, *, scheiding: str = "\t") -> Path:
    """What Excel's 'Unicode-tekst' writes: UTF-16 LE with BOM, tab separated."""
    pad.write_bytes(csv_bytes(3, scheiding=scheiding).encode("utf-16"))
    return pad


def utf16_zonder_bom(pad: Path) -> Path:
    pad.write_bytes(csv_bytes(3).encode("utf-16-le"))
    return pad


def veel_rijen_csv(pad: Path, rijen: int) -> Path:
    pad.write_text(csv_bytes(rijen), encoding="utf-8")
    return pad


def te_groot(pad: Path, grootte: int) -> Path:
    """A file of ``grootte`` bytes (sparse: costs no disk)."""
    with open(pad, "wb") as f:
        f.write(csv_bytes(1).encode())
        f.truncate(grootte)
    return pad


def reuzenveld_csv(pad: Path) -> Path:
    """One field larger than the csv module's limit (131072 characters)."""
    pad.write_text(";".join(KOP) + "\n" + '"' + "x" * 200_000 + '";wie;2030-01-01;;\n', encoding="utf-8")
    return pad


def json_met_losse_surrogaat(pad: Path, bron: dict) -> Path:
    """A bijeenkomst.json in which one text holds a lone surrogate (as a JSON escape)."""
    data = json.loads(json.dumps(bron))
    data["bijeenkomst"]["titel"] = "Wijk Noord \ud800 start"
    data["deelnemers"][0]["organisatie"] = "Praktijk \udfff0"
    pad.write_text(json.dumps(data), encoding="utf-8")  # ensure_ascii: written as \\ud800
    return pad


def diep_geneste_json(pad: Path) -> Path:
    pad.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return pad


def xlsx_met_rijen(pad: Path, rijen: int, *, dimensie: str | None = "A1:E5", blad: str = "acties") -> Path:
    """An xlsx of ``rijen`` actions whose <dimension> tag claims ``dimensie`` (it lies).

    The sheet XML is written directly (inline strings): openpyxl would take minutes for a
    million rows, and this is what a tool that writes xlsx files cheaply produces.
    """
    boek = Workbook()
    boek.active.title = blad
    boek.active.append(KOP)
    sjabloon = io.BytesIO()
    boek.save(sjabloon)

    def cel(kolom: str, rij: int, waarde: str) -> str:
        return f'<c r="{kolom}{rij}" t="inlineStr"><is><t>{waarde}</t></is></c>'

    def regels():
        yield "<row r=\"1\">" + "".join(cel(k, 1, v) for k, v in zip("ABCDE", KOP, strict=True)) + "</row>"
        for i in range(1, rijen + 1):
            r = i + 1
            yield f'<row r="{r}">' + "".join(cel(k, r, v) for k, v in zip("ABCDE", actie_rij(i), strict=True)) + "</row>"

    with zipfile.ZipFile(sjabloon) as bron, zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as doel:
        for info in bron.infolist():
            inhoud = bron.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                xml = inhoud.decode("utf-8")
                xml = re.sub(r"<dimension ref=\"[^\"]*\"/>", f'<dimension ref="{dimensie}"/>' if dimensie else "", xml)
                kop, _, staart = xml.partition("<sheetData>")
                _, _, staart = staart.partition("</sheetData>")
                with doel.open(info.filename, "w") as f:
                    f.write((kop + "<sheetData>").encode())
                    for regel in regels():
                        f.write(regel.encode())
                    f.write(("</sheetData>" + staart).encode())
            else:
                doel.writestr(info, inhoud)
    return pad


def rommel(pad: Path) -> Path:
    pad.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 20)
    return pad
