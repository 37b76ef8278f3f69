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
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm
from docx.text.paragraph import Paragraph

from toolkit.export.blokken import Alinea, Figuur, Kop, Lijst, Sectie, Tabel
from toolkit.fouten import NietGevonden
from toolkit.model import veilig_voor_uitvoer

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


_STIJL_IDS: dict[int, dict[str, str]] = {}


def _stijl(doc: DocxDocument, *namen: str) -> str | None:
    """The style id of the first name the template has (a restyled template may lack one).

    Ids are looked up once per document: python-docx's lookup by name scans every style,
    which made a document with a thousand table cells take seconds.
    """
    ids = _STIJL_IDS.get(id(doc))
    if ids is None:
        ids = _STIJL_IDS[id(doc)] = {s.name: s.style_id for s in doc.styles if s.name}
    return next((ids[n] for n in namen if n in ids), None)


def _alinea(doc: DocxDocument, tekst: str = "", *stijlen: str) -> Paragraph:
    alinea = doc.add_paragraph(tekst)
    stijl = _stijl(doc, *stijlen) if stijlen else None
    if stijl:
        alinea._p.style = stijl
    return alinea


def _kop(doc: DocxDocument, tekst: str, niveau: int) -> Paragraph:
    return _alinea(doc, tekst, f"Heading {niveau}")


def _cel_xml(tekst: str, breedte: int | None, *, vet: bool, kop: bool, celstijl: str | None) -> str:
    """One table cell; a line break in the text becomes a paragraph of its own."""
    eigenschappen = f'<w:tcW w:w="{breedte}" w:type="dxa"/>' if breedte else ""
    if kop:
        eigenschappen += f'<w:shd w:val="clear" w:color="auto" w:fill="{KOPREGEL_KLEUR}"/>'
    alinea_stijl = (
        f'<w:pPr><w:pStyle w:val="{celstijl}"/></w:pPr>'
        if celstijl
        else '<w:pPr><w:spacing w:after="0"/></w:pPr>'
    )
    run_stijl = "<w:rPr><w:b/></w:rPr>" if vet else ""
    alineas = "".join(
        f'<w:p>{alinea_stijl}<w:r>{run_stijl}<w:t xml:space="preserve">{escape(regel)}</w:t></w:r></w:p>'
        for regel in (tekst.split("\n") if tekst else [""])
    )
    return f"<w:tc><w:tcPr>{eigenschappen}</w:tcPr>{alineas}</w:tc>"


def _tabel_xml(blok: Tabel, stijl: str | None, celstijl: str | None) -> str:
    """The whole table as WordprocessingML, parsed in one go.

    Building a big table cell by cell through python-docx took seconds; one parse takes
    milliseconds. The header row is marked ``w:tblHeader`` (repeats on every page) and no
    row breaks across pages; fixed column widths, which Word and LibreOffice both respect.
    """
    breedtes = [int(b * 567) for b in blok.breedtes] or [None] * len(blok.kop)
    eigenschappen = (f'<w:tblStyle w:val="{stijl}"/>' if stijl else "") + (
        f'<w:tblW w:w="{sum(breedtes)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        if blok.breedtes
        else '<w:tblW w:w="0" w:type="auto"/>'
    )
    raster = "".join(f'<w:gridCol w:w="{b}"/>' if b else "<w:gridCol/>" for b in breedtes)
    # The SWOT's second pair of quadrant names is a header-like row inside the table.
    tussenkoppen = {1} if blok.naam == "swot" else set()
    rijen = [
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        + "".join(
            _cel_xml(t, b, vet=True, kop=True, celstijl=celstijl)
            for t, b in zip(blok.kop, breedtes, strict=True)
        )
        + "</w:tr>"
    ]
    for i, waarden in enumerate(blok.rijen):
        extra = i in tussenkoppen
        rijen.append(
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            + "".join(
                _cel_xml(t, b, vet=extra, kop=extra, celstijl=celstijl)
                for t, b in zip(waarden, breedtes, strict=True)
            )
            + "</w:tr>"
        )
    return (
        f"<w:tbl {nsdecls('w')}><w:tblPr>{eigenschappen}"
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{raster}</w:tblGrid>{''.join(rijen)}</w:tbl>"
    )


def _tabel(doc: DocxDocument, blok: Tabel) -> Any:
    tbl = parse_xml(
        _tabel_xml(blok, _stijl(doc, "Werkplaats tabel", "Table Grid"), _stijl(doc, "Tabeltekst"))
    )
    body = doc.element.body
    if body.sectPr is not None:
        body.sectPr.addprevious(tbl)
    else:
        body.append(tbl)
    return tbl


def _blok(doc: DocxDocument, blok: object, figuren: dict[str, bytes]) -> list[Any]:
    """Append one block at the end of the body; returns the XML elements it made."""
    if isinstance(blok, Kop):
        return [_kop(doc, blok.tekst, blok.niveau)._p]
    if isinstance(blok, Alinea):
        alinea = doc.add_paragraph()
        if blok.vet_begin:
            alinea.add_run(blok.vet_begin + (" " if blok.tekst else "")).bold = True
            alinea.paragraph_format.keep_with_next = True
        if blok.tekst:
            alinea.add_run(blok.tekst).italic = blok.cursief or None
        return [alinea._p]
    if isinstance(blok, Lijst):
        stijlen = ("List Number" if blok.genummerd else "List Bullet", "List Paragraph")
        return [_alinea(doc, item, *stijlen)._p for item in blok.items]
    if isinstance(blok, Tabel):
        tbl = _tabel(doc, blok)
        na = doc.add_paragraph()  # breathing space, and Word needs a paragraph between tables
        na.paragraph_format.space_after = 0
        return [tbl, na._p]
    if isinstance(blok, Figuur):
        plaatje = _alinea(doc)
        plaatje.add_run().add_picture(io.BytesIO(figuren[blok.sleutel]), width=Cm(blok.breedte_cm))
        plaatje.paragraph_format.keep_with_next = True
        bijschrift = _alinea(doc, blok.bijschrift, "Caption")
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
        elementen = [_kop(doc, sectie.kop, 1)._p]
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
    velden, secties = veilig_voor_uitvoer(velden), veilig_voor_uitvoer(secties)
    vul_velden(sjabloon, velden)
    try:
        vul_secties(sjabloon, secties, figuren)
    finally:
        _STIJL_IDS.pop(id(sjabloon), None)
    sjabloon.core_properties.title = velden.get("titel", "")
    sjabloon.save(str(pad))
    return pad


__all__ = ["open_sjabloon", "schrijf_document", "sjabloon_pad", "vul_secties", "vul_velden"]
