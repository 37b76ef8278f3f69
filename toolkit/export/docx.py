"""Render sections of blocks into a Word template (python-docx): the thin last step.

A template marks where each section goes with a paragraph ``{{sectie:<naam>}}``; a section
whose marker a user removed is added at the end, so restyling a template never loses
content. ``{{titel}}``, ``{{datum}}``, ``{{locatie}}`` and ``{{code}}`` are filled in the
body, headers and footers.
"""

from __future__ import annotations

import importlib.resources
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table
from docx.text.paragraph import Paragraph

from toolkit.export.blokken import Alinea, Figuur, Kop, Lijst, Sectie, Tabel
from toolkit.fouten import NietGevonden

_MARKER = re.compile(r"^\s*\{\{\s*sectie:([a-z_]+)\s*\}\}\s*$")
KOPREGEL_KLEUR = "DCE6F0"


def sjabloon_pad(naam: str) -> Path:
    """``templates/<naam>`` beside the package, else the installed ``toolkit.sjablonen``."""
    repo = Path(__file__).resolve().parents[2] / "templates" / naam
    if repo.is_file():
        return repo
    bron = importlib.resources.files("toolkit.sjablonen") / naam
    return Path(str(bron))


def open_sjabloon(pad: Path | None, naam: str) -> DocxDocument:
    pad = Path(pad) if pad is not None else sjabloon_pad(naam)
    if not pad.is_file():
        raise NietGevonden(f"Het sjabloon {pad} bestaat niet; geef een .docx-bestand op.")
    try:
        return Document(str(pad))
    except Exception as fout:  # python-docx raises several kinds for a file that is no .docx
        raise NietGevonden(f"{pad} is geen Word-bestand (.docx) dat Werkplaats kan lezen: {fout}") from None


# --- placeholders -------------------------------------------------------------------------


def _alle_alineas(doc: DocxDocument) -> Iterable[Paragraph]:
    yield from doc.paragraphs
    for tabel in doc.tables:
        for rij in tabel.rows:
            for cel in rij.cells:
                yield from cel.paragraphs
    for sectie in doc.sections:
        for deel in (
            sectie.header,
            sectie.footer,
            sectie.first_page_header,
            sectie.first_page_footer,
            sectie.even_page_header,
            sectie.even_page_footer,
        ):
            if not deel.is_linked_to_previous:
                yield from deel.paragraphs
                for tabel in deel.tables:
                    for rij in tabel.rows:
                        for cel in rij.cells:
                            yield from cel.paragraphs


def vul_velden(doc: DocxDocument, velden: dict[str, str]) -> None:
    """Replace ``{{naam}}`` everywhere; a placeholder Word split over runs is joined first."""
    for alinea in _alle_alineas(doc):
        if "{{" not in alinea.text:
            continue
        for run in alinea.runs:
            for naam, waarde in velden.items():
                if f"{{{{{naam}}}}}" in run.text:
                    run.text = run.text.replace(f"{{{{{naam}}}}}", waarde)
        if any(f"{{{{{naam}}}}}" in alinea.text for naam in velden) and alinea.runs:
            tekst = alinea.text
            for naam, waarde in velden.items():
                tekst = tekst.replace(f"{{{{{naam}}}}}", waarde)
            alinea.runs[0].text = tekst
            for run in alinea.runs[1:]:
                run.text = ""


# --- rendering blocks -----------------------------------------------------------------------


def _stijl(doc: DocxDocument, *namen: str) -> str | None:
    """The first style name the template has (a restyled template may lack one)."""
    bekend = {s.name for s in doc.styles}
    return next((n for n in namen if n in bekend), None)


def _herhaal_kop(rij: Any) -> None:
    """Mark a table row as header row: Word and LibreOffice repeat it on every page."""
    tr_pr = rij._tr.get_or_add_trPr()
    kop = OxmlElement("w:tblHeader")
    kop.set(qn("w:val"), "true")
    tr_pr.append(kop)
    niet_breken = OxmlElement("w:cantSplit")
    tr_pr.append(niet_breken)


def _arceer(cel: Any, kleur: str) -> None:
    tc_pr = cel._tc.get_or_add_tcPr()
    vulling = OxmlElement("w:shd")
    vulling.set(qn("w:val"), "clear")
    vulling.set(qn("w:color"), "auto")
    vulling.set(qn("w:fill"), kleur)
    tc_pr.append(vulling)


def _zet_cel(cel: Any, tekst: str, *, vet: bool = False, stijl: str | None = None) -> None:
    regels = tekst.split("\n") if tekst else [""]
    alinea = cel.paragraphs[0]
    for i, regel in enumerate(regels):
        if i:
            alinea = cel.add_paragraph()
        if stijl:
            alinea.style = stijl
        else:
            alinea.paragraph_format.space_after = 0
        run = alinea.add_run(regel)
        run.bold = vet or None


def _vaste_breedtes(tabel: Table, breedtes: tuple[float, ...]) -> None:
    """Column widths that Word and LibreOffice both respect: grid, cells and a fixed layout."""
    tbl_pr = tabel._tbl.tblPr
    indeling = OxmlElement("w:tblLayout")
    indeling.set(qn("w:type"), "fixed")
    tbl_pr.append(indeling)
    totaal = OxmlElement("w:tblW")
    totaal.set(qn("w:w"), str(int(sum(breedtes) * 567)))
    totaal.set(qn("w:type"), "dxa")
    for oud in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(oud)
    tbl_pr.append(totaal)
    for kolom, breedte in zip(tabel.columns, breedtes, strict=True):
        kolom.width = Cm(breedte)
    for rij in tabel.rows:
        for cel, breedte in zip(rij.cells, breedtes, strict=True):
            cel.width = Cm(breedte)


def _tabel(doc: DocxDocument, blok: Tabel) -> Table:
    tabel = doc.add_table(rows=1, cols=len(blok.kop))
    stijl = _stijl(doc, "Werkplaats tabel", "Table Grid")
    if stijl:
        tabel.style = stijl
    tabel.autofit = False
    kop = tabel.rows[0]
    _herhaal_kop(kop)
    celstijl = _stijl(doc, "Tabeltekst")
    for cel, tekst in zip(kop.cells, blok.kop, strict=True):
        _zet_cel(cel, tekst, vet=True, stijl=celstijl)
        _arceer(cel, KOPREGEL_KLEUR)
    # The SWOT's second pair of quadrant names is a header-like row inside the table.
    tussenkoppen = {1} if blok.naam == "swot" else set()
    for i, waarden in enumerate(blok.rijen):
        cellen = tabel.add_row().cells
        for cel, tekst in zip(cellen, waarden, strict=True):
            _zet_cel(cel, tekst, vet=i in tussenkoppen, stijl=celstijl)
            if i in tussenkoppen:
                _arceer(cel, KOPREGEL_KLEUR)
    if blok.breedtes:
        _vaste_breedtes(tabel, blok.breedtes)
    return tabel


def _blok(doc: DocxDocument, blok: object, figuren: dict[str, bytes]) -> list[Any]:
    """Append one block at the end of the body; returns the XML elements it made."""
    if isinstance(blok, Kop):
        return [doc.add_heading(blok.tekst, level=blok.niveau)._p]
    if isinstance(blok, Alinea):
        alinea = doc.add_paragraph()
        if blok.vet_begin:
            alinea.add_run(blok.vet_begin + (" " if blok.tekst else "")).bold = True
            alinea.paragraph_format.keep_with_next = True
        if blok.tekst:
            alinea.add_run(blok.tekst).italic = blok.cursief or None
        return [alinea._p]
    if isinstance(blok, Lijst):
        stijl = _stijl(doc, "List Number" if blok.genummerd else "List Bullet", "List Paragraph")
        return [doc.add_paragraph(item, style=stijl)._p for item in blok.items]
    if isinstance(blok, Tabel):
        tabel = _tabel(doc, blok)
        na = doc.add_paragraph()  # breathing space, and Word needs a paragraph between tables
        na.paragraph_format.space_after = 0
        return [tabel._tbl, na._p]
    if isinstance(blok, Figuur):
        doc.add_picture(io.BytesIO(figuren[blok.sleutel]), width=Cm(blok.breedte_cm))
        plaatje = doc.paragraphs[-1]
        plaatje.paragraph_format.keep_with_next = True
        bijschrift = doc.add_paragraph(blok.bijschrift, style=_stijl(doc, "Caption"))
        return [plaatje._p, bijschrift._p]
    raise TypeError(f"Onbekend blok {blok!r}")


def vul_secties(doc: DocxDocument, secties: list[Sectie], figuren: dict[str, bytes]) -> None:
    """Put every section at its marker; sections without a marker go at the end."""
    markers: dict[str, Paragraph] = {}
    for alinea in doc.paragraphs:
        treffer = _MARKER.match(alinea.text)
        if treffer:
            markers[treffer.group(1)] = alinea
    for sectie in secties:
        elementen = [doc.add_heading(sectie.kop, level=1)._p]
        for i, blok in enumerate(sectie.blokken):
            nieuw = _blok(doc, blok, figuren)
            volgend = sectie.blokken[i + 1] if i + 1 < len(sectie.blokken) else None
            if isinstance(blok, Alinea) and isinstance(volgend, (Figuur, Tabel, Lijst)):
                Paragraph(nieuw[-1], doc._body).paragraph_format.keep_with_next = True
            elementen += nieuw
        marker = markers.pop(sectie.sleutel, None)
        if marker is not None:
            for el in elementen:
                marker._p.addprevious(el)
    for marker in markers.values():  # markers of sections this document does not have
        marker._p.getparent().remove(marker._p)
    for alinea in doc.paragraphs:
        if _MARKER.match(alinea.text):
            alinea._p.getparent().remove(alinea._p)


def schrijf_document(
    sjabloon: DocxDocument,
    velden: dict[str, str],
    secties: list[Sectie],
    figuren: dict[str, bytes],
    pad: Path,
) -> Path:
    vul_velden(sjabloon, velden)
    vul_secties(sjabloon, secties, figuren)
    sjabloon.core_properties.title = velden.get("titel", "")
    sjabloon.save(str(pad))
    return pad


__all__ = ["open_sjabloon", "schrijf_document", "sjabloon_pad", "vul_secties", "vul_velden"]
