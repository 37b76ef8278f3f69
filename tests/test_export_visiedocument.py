"""The visiedocument and actielijst in Word: what the partners read after the bijeenkomst.

The demo bijeenkomst (De Horst) is exported once per module; tests read the files back
with python-docx, and LibreOffice converts them as an independent reader.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from toolkit import model
from toolkit.export import BESTANDEN, exporteer
from toolkit.export.blokken import NIET_AAN_DE_ORDE
from toolkit.export.context import KOPPEN, SECTIES, SEED_TITELS, bouw_context
from toolkit.export.docx import sjabloon_pad
from toolkit.store import Store

VERBORGEN = "Dit soort bijeenkomsten is zonde van de tijd"
SAMENGEVOEGD = "Geldzorgen geven gezondheidsklachten"


@pytest.fixture(scope="module")
def uitvoer(_demo_sjabloon: tuple[Path, str, str], tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The demo, exported once: the folder, the store and the code."""
    bron, code, sleutel = _demo_sjabloon
    map_ = tmp_path_factory.mktemp("export")
    shutil.copy(bron, map_ / "demo.db")
    store = Store(map_ / "demo.db")
    stappen: list[str] = []
    paden = exporteer(store, code, map_ / "uit", voortgang=stappen.append)
    return {
        "map": map_ / "uit",
        "paden": paden,
        "store": store,
        "code": code,
        "sleutel": sleutel,
        "stappen": stappen,
    }


@pytest.fixture(scope="module")
def visiedocument(uitvoer: dict):
    return Document(str(uitvoer["map"] / "visiedocument.docx"))


def _koppen(doc, niveau: int = 1) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {niveau}"]


def _alle_tekst(doc) -> str:
    delen = [p.text for p in doc.paragraphs]
    for tabel in doc.tables:
        for rij in tabel.rows:
            delen += [c.text for c in rij.cells]
    return "\n".join(delen)


def _tabel_met_kop(doc, *kop: str):
    for tabel in doc.tables:
        if tuple(c.text for c in tabel.rows[0].cells)[: len(kop)] == kop:
            return tabel
    raise AssertionError(f"geen tabel met kop {kop}")


def test_export_schrijft_alle_bestanden_en_meldt_voortgang(uitvoer: dict) -> None:
    assert [p.name for p in uitvoer["paden"]] == list(BESTANDEN)
    assert all(p.stat().st_size > 0 for p in uitvoer["paden"])
    assert any("grafiek" in s for s in uitvoer["stappen"])
    assert "visiedocument.docx klaar" in " ".join(uitvoer["stappen"])


def test_elke_sectie_staat_als_echte_kop_in_volgorde_van_de_zaal(visiedocument) -> None:
    assert _koppen(visiedocument) == [KOPPEN[s] for s in SECTIES]


def test_titelpagina_noemt_bijeenkomst_datum_en_plaats(uitvoer: dict, visiedocument) -> None:
    b = uitvoer["store"].bijeenkomst(uitvoer["code"])
    titel = next(p.text for p in visiedocument.paragraphs if p.style.name == "Title")
    assert titel == b.titel
    tekst = _alle_tekst(visiedocument)
    assert model.datum_nl(b.datum) in tekst and b.locatie in tekst
    assert "{{" not in tekst
    koptekst = visiedocument.sections[0].header.paragraphs[0].text
    assert b.titel in koptekst


def test_swot_tabel_zet_elk_item_in_zijn_kwadrant(uitvoer: dict, visiedocument) -> None:
    store, code = uitvoer["store"], uitvoer["code"]
    tabel = _tabel_met_kop(visiedocument, "Sterktes", "Zwaktes")
    cel = {
        "sterkte": tabel.cell(1, 0).text,
        "zwakte": tabel.cell(1, 1).text,
        "kans": tabel.cell(3, 0).text,
        "bedreiging": tabel.cell(3, 1).text,
    }
    assert (tabel.cell(2, 0).text, tabel.cell(2, 1).text) == ("Kansen", "Bedreigingen")
    items = store.items("swot", store.bijeenkomst(code).id, alleen_zichtbaar=True)
    assert items
    for item in items:
        assert item.tekst in cel[item.kwadrant]
        for ander, tekst in cel.items():
            if ander != item.kwadrant:
                assert item.tekst not in tekst


def test_actietabel_heeft_elke_actie_met_wie_en_wanneer(uitvoer: dict, visiedocument) -> None:
    store, code = uitvoer["store"], uitvoer["code"]
    tabel = _tabel_met_kop(visiedocument, "Wat", "Wie", "Wanneer", "Thema", "Status")
    rijen = {r.cells[0].text: (r.cells[1].text, r.cells[2].text) for r in tabel.rows[1:]}
    acties = store.items("actie", store.bijeenkomst(code).id)
    assert len(rijen) == len(acties) == 4
    for actie in acties:
        assert rijen[actie.wat] == (actie.wie, model.datum_nl(actie.wanneer))


def test_grafieken_zijn_ingebed_als_png(visiedocument) -> None:
    plaatjes = [r for r in visiedocument.part.rels.values() if "image" in r.reltype]
    assert len(plaatjes) >= 5
    assert all(r.target_part.content_type == "image/png" for r in plaatjes)
    breedte = (
        visiedocument.sections[0].page_width
        - visiedocument.sections[0].left_margin
        - visiedocument.sections[0].right_margin
    )
    assert all(s.width <= breedte for s in visiedocument.inline_shapes)


def test_tabellen_herhalen_hun_kopregel_op_elke_pagina(visiedocument) -> None:
    assert len(visiedocument.tables) >= 10
    for tabel in visiedocument.tables:
        tr_pr = tabel.rows[0]._tr.trPr
        assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None


def test_verborgen_en_samengevoegde_bijdragen_komen_niet_in_het_document(visiedocument) -> None:
    tekst = _alle_tekst(visiedocument)
    assert VERBORGEN not in tekst
    assert SAMENGEVOEGD not in tekst
    assert "Mensen met schulden komen steeds terug" in tekst


def test_namen_alleen_van_wie_instemde(uitvoer: dict, visiedocument) -> None:
    store = uitvoer["store"]
    tekst = _alle_tekst(visiedocument)
    for d in store.deelnemers(store.bijeenkomst(uitvoer["code"]).id):
        if d.naam and d.naam_tonen:
            assert d.naam in tekst
        elif d.naam:
            assert d.naam not in tekst


def test_bronnen_noemen_de_seeds_bij_hun_titel(visiedocument) -> None:
    tekst = _alle_tekst(visiedocument)
    assert SEED_TITELS["004_3c2cc2824ef1b159.txt"] in tekst
    assert SEED_TITELS["003_b8621e380286c598.txt"] in tekst


def test_context_telt_deelnemers_per_domein_en_stemmen_per_thema(uitvoer: dict) -> None:
    store = uitvoer["store"]
    c = bouw_context(store, store.bijeenkomst(uitvoer["code"]).id)
    assert c["deelnemers"]["aantal"] == 12
    assert sum(r["aantal"] for r in c["deelnemers"]["per_domein"]) == 12
    themas = {t["thema"]: t for t in c["problemen"]["themas"]}
    assert "Verwijzen en indiceren" in themas
    for groep in themas.values():
        assert groep["stemmen"] == sum(i["stemmen"] for i in groep["items"])
    assert c["horizon"]["stip"].startswith("In 2036")
    assert c["afspraken"]["evaluatiemoment"] is not None


def test_lege_bijeenkomst_zegt_per_sectie_dat_het_niet_aan_de_orde_was(store: Store, tmp_path: Path) -> None:
    b, _sleutel = store.nieuwe_bijeenkomst("Kleine verkenning", locatie="Wijkcentrum")
    exporteer(store, b.code, tmp_path)
    doc = Document(str(tmp_path / "visiedocument.docx"))
    assert _koppen(doc) == [KOPPEN[s] for s in SECTIES]
    aantal = sum(1 for p in doc.paragraphs if p.text == NIET_AAN_DE_ORDE)
    assert aantal >= len(SECTIES) - 2  # aanleiding and afspraken say more than that
    assert not doc.inline_shapes


def test_actielijst_docx_heeft_acties_en_afspraken(uitvoer: dict) -> None:
    doc = Document(str(uitvoer["map"] / "actielijst.docx"))
    assert _koppen(doc) == ["Acties", "Afspraken"]
    tabel = _tabel_met_kop(doc, "Wat", "Wie", "Wanneer", "Thema", "Status")
    assert len(tabel.rows) == 5
    assert _tabel_met_kop(doc, "Afspraak", "Wie", "Evaluatiemoment")


def _herstijl(bron: Path, doel: Path, logo: bytes, *, zonder_marker: str) -> None:
    """What a user does in Word: other fonts and colours, a logo in the header, a section marker gone."""
    doc = Document(str(bron))
    for naam in ("Normal", "Heading 1", "Heading 2"):
        doc.styles[naam].font.name = "Georgia"
    doc.styles["Heading 1"].font.color.rgb = RGBColor(0x8B, 0x00, 0x3A)
    doc.styles["Heading 1"].font.size = Pt(20)
    koptekst = doc.sections[0].header
    (doel.parent / "logo.png").write_bytes(logo)
    koptekst.paragraphs[0].insert_paragraph_before().add_run().add_picture(str(doel.parent / "logo.png"))
    for p in doc.paragraphs:
        if p.text == f"{{{{sectie:{zonder_marker}}}}}":
            p._p.getparent().remove(p._p)
    doc.add_paragraph("Eigen slottekst van de gemeente.")
    doc.save(str(doel))


def test_hergestileerd_sjabloon_met_logo_krijgt_nog_elke_sectie(uitvoer: dict, tmp_path: Path) -> None:
    logo = next(
        r.target_part.blob
        for r in Document(str(uitvoer["map"] / "visiedocument.docx")).part.rels.values()
        if "image" in r.reltype
    )
    sjabloon = tmp_path / "huisstijl.docx"
    _herstijl(sjabloon_pad("visiedocument.docx"), sjabloon, logo, zonder_marker="swot")
    exporteer(uitvoer["store"], uitvoer["code"], tmp_path / "uit", sjabloon=sjabloon)
    doc = Document(str(tmp_path / "uit" / "visiedocument.docx"))
    assert set(_koppen(doc)) == {KOPPEN[s] for s in SECTIES}
    assert _koppen(doc)[-1] == KOPPEN["swot"]  # its marker was removed: added at the end
    assert doc.styles["Heading 1"].font.name == "Georgia"
    assert any("image" in r.reltype for r in doc.sections[0].header.part.rels.values())
    assert "Eigen slottekst van de gemeente." in _alle_tekst(doc)


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    ("bestand", "koppen"),
    [
        ("visiedocument.docx", [KOPPEN[s] for s in SECTIES]),
        ("actielijst.docx", ["Actielijst", "Acties", "Afspraken"]),
    ],
)
def test_libreoffice_leest_de_word_bestanden_met_alle_koppen(
    uitvoer: dict, tmp_path: Path, bestand: str, koppen: list[str]
) -> None:
    if not shutil.which("libreoffice") or not shutil.which("pdftotext"):
        pytest.skip("libreoffice of pdftotext ontbreekt; scripts/test installeert libreoffice-writer-nogui")
    subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(uitvoer["map"] / bestand),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / bestand.replace(".docx", ".pdf")
    tekst = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    tekst = " ".join(tekst.split())
    for kop in koppen:
        assert " ".join(kop.split()) in tekst
    assert VERBORGEN not in tekst
