"""Build templates/visiedocument.docx, actielijst.docx and voortgangsrapport.docx with python-docx.

Run once (``python scripts/maak_sjablonen.py``) and commit the result. A user restyles the
templates in Word (fonts, colours, logo, headers and footers) and passes them with
``werkplaats export --sjabloon``. What the export needs from a template:

* ``{{titel}}``, ``{{datum}}``, ``{{locatie}}``, ``{{code}}`` anywhere (body, header, footer)
  are replaced by the bijeenkomst's data;
* a paragraph that holds only ``{{sectie:<naam>}}`` marks where that section goes; a
  section whose marker is missing is added at the end, so no section is ever lost;
* the styles Title, Subtitle, Heading 1, Heading 2, List Bullet, List Number, Caption,
  Tabeltekst (text in tables) and the table style "Table Grid" (restyle them freely; a
  missing one falls back to Word's default).
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit.export.context import SECTIES  # noqa: E402

MAP = Path(__file__).resolve().parent.parent / "templates"
KLEUR = RGBColor(0x1F, 0x4E, 0x79)
GRIJS = RGBColor(0x59, 0x59, 0x59)


def _veld(run, instructie: str) -> None:
    """A Word field (PAGE, NUMPAGES) inside a run; Word and LibreOffice fill it in."""
    for soort, tekst in (("begin", None), (None, instructie), ("separate", None), (None, "1"), ("end", None)):
        if soort:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), soort)
        elif tekst == instructie:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instructie} "
        else:
            el = OxmlElement("w:t")
            el.text = tekst
        run._r.append(el)


def _stijlen(doc: Document) -> None:
    stijlen = doc.styles
    normaal = stijlen["Normal"]
    normaal.font.name = "Calibri"
    normaal.font.size = Pt(10.5)
    normaal.paragraph_format.space_after = Pt(6)
    normaal.paragraph_format.line_spacing = 1.15
    for naam, grootte, voor in (("Heading 1", 16, 18), ("Heading 2", 12.5, 12)):
        s = stijlen[naam]
        s.font.name = "Calibri"
        s.font.size = Pt(grootte)
        s.font.bold = True
        s.font.color.rgb = KLEUR
        s.paragraph_format.space_before = Pt(voor)
        s.paragraph_format.space_after = Pt(6)
        s.paragraph_format.keep_with_next = True
    titel = stijlen["Title"]
    titel.font.name = "Calibri"
    titel.font.size = Pt(28)
    titel.font.color.rgb = KLEUR
    sub = stijlen["Subtitle"]
    sub.font.name = "Calibri"
    sub.font.size = Pt(15)
    sub.font.color.rgb = GRIJS
    tabeltekst = stijlen.add_style("Tabeltekst", WD_STYLE_TYPE.PARAGRAPH)
    tabeltekst.base_style = normaal
    tabeltekst.font.size = Pt(9.5)
    tabeltekst.paragraph_format.space_after = Pt(0)
    tabeltekst.paragraph_format.line_spacing = 1.0
    bijschrift = stijlen["Caption"]
    bijschrift.font.size = Pt(9)
    bijschrift.font.italic = True
    bijschrift.font.color.rgb = GRIJS


def _pagina(doc: Document, *, liggend: bool, naam: str) -> None:
    sectie = doc.sections[0]
    sectie.page_height, sectie.page_width = Cm(29.7), Cm(21.0)
    if liggend:
        sectie.orientation = WD_ORIENT.LANDSCAPE
        sectie.page_height, sectie.page_width = Cm(21.0), Cm(29.7)
    for kant in ("left_margin", "right_margin"):
        setattr(sectie, kant, Cm(2.2))
    sectie.top_margin = Cm(2.0)
    sectie.bottom_margin = Cm(2.0)
    sectie.different_first_page_header_footer = not liggend
    kop = sectie.header.paragraphs[0]
    kop.text = f"{naam} · {{{{titel}}}}"
    kop.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in kop.runs:
        run.font.size = Pt(8.5)
        run.font.color.rgb = GRIJS
    voet = sectie.footer.paragraphs[0]
    voet.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for tekst, veld in (("Pagina ", "PAGE"), (" van ", "NUMPAGES")):
        run = voet.add_run(tekst)
        run.font.size = Pt(8.5)
        veldrun = voet.add_run()
        veldrun.font.size = Pt(8.5)
        _veld(veldrun, veld)


def visiedocument() -> Document:
    doc = Document()
    _stijlen(doc)
    _pagina(doc, liggend=False, naam="Visiedocument")
    for _ in range(6):
        doc.add_paragraph()
    doc.add_paragraph("{{titel}}", style="Title")
    doc.add_paragraph("Visiedocument van de startbijeenkomst", style="Subtitle")
    doc.add_paragraph("{{datum}} · {{locatie}}")
    doc.add_paragraph()
    uitleg = doc.add_paragraph(
        "Dit document beschrijft wat de deelnemers uit zorg en sociaal domein samen hebben "
        "opgehaald: de problemen en behoeften in de wijk, de oplossingen, de stip op de horizon "
        "en de afspraken. Het is opgesteld met Werkplaats en bedoeld voor alle partners."
    )
    for run in uitleg.runs:
        run.font.color.rgb = GRIJS
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for naam in SECTIES:
        doc.add_paragraph(f"{{{{sectie:{naam}}}}}")
    return doc


def actielijst() -> Document:
    doc = Document()
    _stijlen(doc)
    _pagina(doc, liggend=True, naam="Actielijst")
    doc.add_paragraph("Actielijst", style="Title")
    doc.add_paragraph("{{titel}} · {{datum}} · {{locatie}}", style="Subtitle")
    doc.add_paragraph("{{sectie:acties}}")
    doc.add_paragraph("{{sectie:afspraken}}")
    return doc


def voortgangsrapport() -> Document:
    from toolkit.export.voortgang import SECTIES as VOORTGANG_SECTIES

    doc = Document()
    _stijlen(doc)
    _pagina(doc, liggend=False, naam="Voortgangsrapport")
    for _ in range(6):
        doc.add_paragraph()
    doc.add_paragraph("{{titel}}", style="Title")
    doc.add_paragraph("Voortgangsrapport: waar staan we sinds de startbijeenkomst?", style="Subtitle")
    doc.add_paragraph("{{locatie}} · stand van {{datum}}")
    doc.add_paragraph()
    uitleg = doc.add_paragraph(
        "Dit rapport zet de startbijeenkomst naast de laatste bijeenkomst van het traject: wat er van "
        "de acties terechtkwam, of we ons aan de afspraken houden, hoe de monitoring zich ontwikkelt "
        "en hoe het netwerk van zorg en sociaal domein veranderde. Het is opgesteld met Werkplaats en "
        "bedoeld voor alle partners en de gemeente."
    )
    for run in uitleg.runs:
        run.font.color.rgb = GRIJS
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for naam in VOORTGANG_SECTIES:
        doc.add_paragraph(f"{{{{sectie:{naam}}}}}")
    return doc


def main() -> None:
    MAP.mkdir(exist_ok=True)
    visiedocument().save(MAP / "visiedocument.docx")
    actielijst().save(MAP / "actielijst.docx")
    voortgangsrapport().save(MAP / "voortgangsrapport.docx")
    print(f"Sjablonen geschreven naar {MAP}: visiedocument.docx, actielijst.docx, voortgangsrapport.docx")


if __name__ == "__main__":
    main()
