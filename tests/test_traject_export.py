"""What the facilitator sends to the partners and the wethouder after a follow-up: the
voortgangsrapport (baseline against now), the measurements in long format, and the demo
traject that shows it in one command. Numbers in the documents match what was entered.
"""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from toolkit import model
from toolkit.analysis.traject import gemiddelden, metingen, overzicht_uit_store
from toolkit.cli import cli
from toolkit.export import BESTANDEN, TRAJECT_BESTANDEN, exporteer
from toolkit.export.voortgang import METING_KOLOMMEN, SECTIES, voortgang_context, voortgang_secties
from toolkit.store import Store
from toolkit.store import traject as st


@pytest.fixture(scope="module")
def traject_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The demo traject (startbijeenkomst + evaluation after three months), built once."""
    from toolkit.demo_traject import vul_traject_demo

    pad = tmp_path_factory.mktemp("traject") / "traject.db"
    demo = vul_traject_demo(Store(pad))
    demo.start.store.engine.dispose()
    with sqlite3.connect(pad) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return pad, demo.vervolg.code


@pytest.fixture(scope="module")
def export(traject_db: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> dict:
    bron, code = traject_db
    map_ = tmp_path_factory.mktemp("traject-export")
    shutil.copy(bron, map_ / "t.db")
    store = Store(map_ / "t.db")
    paden = exporteer(store, code, map_ / "uit")
    return {"store": store, "code": code, "map": map_ / "uit", "paden": paden,
            "bijeenkomst": store.bijeenkomst(code)}


def _tekst(doc) -> str:
    delen = [p.text for p in doc.paragraphs]
    for tabel in doc.tables:
        for rij in tabel.rows:
            delen += [c.text for c in rij.cells]
    return "\n".join(delen)


def _tabel(doc, *kop: str):
    for tabel in doc.tables:
        if tuple(c.text for c in tabel.rows[0].cells)[: len(kop)] == kop:
            return [[c.text for c in rij.cells] for rij in tabel.rows[1:]]
    raise AssertionError(f"geen tabel met kop {kop}")


def test_export_van_een_vervolg_schrijft_ook_voortgangsrapport_en_metingen(export: dict) -> None:
    assert [p.name for p in export["paden"]] == [*BESTANDEN, *TRAJECT_BESTANDEN]


def test_export_van_een_losse_bijeenkomst_blijft_zoals_hij_was(demo, tmp_path: Path) -> None:
    assert [p.name for p in exporteer(demo.store, demo.code, tmp_path)] == list(BESTANDEN)


def test_het_voortgangsrapport_telt_de_acties_zoals_ze_zijn_gezet(export: dict) -> None:
    doc = Document(str(export["map"] / "voortgangsrapport.docx"))
    koppen = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert koppen == [s.kop for s in voortgang_secties(voortgang_context(export["store"], export["bijeenkomst"].id))]
    assert len(koppen) == len(SECTIES)
    o = overzicht_uit_store(export["store"], export["bijeenkomst"].id)
    uit_start = [a for a in o.acties if a.herkomst_id == o.bijeenkomsten[0].id]
    telling = {s: sum(1 for a in uit_start if a.status == s) for s in ("gedaan", "bezig", "niet gelukt")}
    assert telling == {"gedaan": 2, "bezig": 1, "niet gelukt": 1}, "de demo: twee gedaan, één loopt, één zit vast"
    tekst = _tekst(doc)
    assert (
        f"Van de {len(uit_start)} acties uit de startbijeenkomst zijn er 2 gedaan, 1 nog bezig en 1 niet gelukt"
        in tekst
    )
    rijen = _tabel(doc, "Actie", "Wie", "Wanneer", "Status", "Verloop")
    assert len(rijen) == len(o.acties)
    vast = next(r for r in rijen if r[0].startswith("Gesprek over financiering"))
    assert vast[3] == "niet gelukt" and "Geen budget in 2027" in vast[0] and vast[1].startswith("Ruud Smit")
    assert "Volgend evaluatiemoment" in tekst and model.datum_nl(o.volgend_evaluatiemoment) in tekst


def test_het_voortgangsrapport_toont_de_monitoring_per_meting_zoals_ingevuld(export: dict) -> None:
    store, b = export["store"], export["bijeenkomst"]
    doc = Document(str(export["map"] / "voortgangsrapport.docx"))
    keten = st.keten(store, b.id).bijeenkomsten
    rijen = {r[0]: r[1:] for r in _tabel(doc, "Vraag")}
    vraag = "Is de samenwerking verbeterd?"
    for kolom, bijeenkomst in enumerate(keten):
        monitoring = [o.id for o in store.onderdelen(bijeenkomst.id) if o.invoer == "monitoring"]
        antwoorden = [a for a in store.items("antwoord", bijeenkomst.id) if a.onderdeel_id in monitoring]
        gem, n = gemiddelden(antwoorden)[vraag]
        assert rijen[vraag][kolom] == f"{gem:.1f}".replace(".", ",") + f" (n={n})"
    assert rijen[vraag][0] < rijen[vraag][1], "de samenwerking is in de demo verbeterd"
    figuren = [r for r in doc.part.rels.values() if "image" in r.reltype]
    assert len(figuren) == 3, "de monitoringgrafiek en het netwerk toen en nu"


def test_het_voortgangsrapport_toont_het_netwerk_toen_en_nu(export: dict) -> None:
    c = voortgang_context(export["store"], export["bijeenkomst"].id)
    n = c["netwerk"]
    nieuw_zorg_sociaal = [p for p in n["nieuw"] if p["zorg_sociaal"]]
    assert len(nieuw_zorg_sociaal) == 2, "de demo: twee nieuwe contacten tussen zorg en sociaal domein"
    assert [(p["van"], p["naar"]) for p in n["weg"]] == [("Welzijn Lindenveen", "Bewonersplatform De Horst")]
    assert n["nu"]["zorg_sociaal"] > n["basis"]["zorg_sociaal"]
    doc = Document(str(export["map"] / "voortgangsrapport.docx"))
    rijen = {r[0]: r[1:] for r in _tabel(doc, "", "Toen", "Nu")}
    assert rijen["Dichtheid zorg ↔ sociaal domein"] == [
        f"{round(n['basis']['zorg_sociaal'] * 100)}%", f"{round(n['nu']['zorg_sociaal'] * 100)}%"
    ]
    tekst = _tekst(doc)
    for p in n["nieuw"]:
        assert f"{p['van']} – {p['naar']}" in tekst
    s = c["stakeholders"]
    assert s["vergeleken"] and any(v["naam"] == "Woningcorporatie" for v in s["verschoven"])


def test_metingen_in_lange_vorm_voor_een_analist(export: dict) -> None:
    store, b = export["store"], export["bijeenkomst"]
    verwacht = metingen(store, b.id)
    with open(export["map"] / "metingen.csv", encoding="utf-8-sig", newline="") as f:
        rijen = list(csv.reader(f, delimiter=";"))
    assert tuple(rijen[0]) == METING_KOLOMMEN
    assert len(rijen) - 1 == len(verwacht) == sum(
        len(store.items("antwoord", k.id)) for k in st.keten(store, b.id).bijeenkomsten
    )
    blad = load_workbook(export["map"] / "metingen.xlsx")["Metingen"]
    assert [c.value for c in blad[1]] == list(METING_KOLOMMEN)
    assert blad.max_row - 1 == len(verwacht)
    monitoring = [r for r in rijen[1:] if r[3] == "monitoring" and r[4] == "Kosten"]
    assert {r[1] for r in monitoring} == {k.code for k in st.keten(store, b.id).bijeenkomsten}
    assert all(r[5] in model.DOMEINEN for r in monitoring) and all(1 <= int(r[6]) <= 5 for r in monitoring)


@pytest.mark.libreoffice
def test_libreoffice_leest_het_voortgangsrapport(export: dict, tmp_path: Path) -> None:
    if not shutil.which("libreoffice") or not shutil.which("pdftotext"):
        pytest.skip("libreoffice of pdftotext ontbreekt; scripts/test installeert libreoffice-writer-nogui")
    subprocess.run(
        ["libreoffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(export["map"] / "voortgangsrapport.docx")],
        check=True, capture_output=True, timeout=240,
    )
    tekst = subprocess.run(["pdftotext", "-layout", str(tmp_path / "voortgangsrapport.pdf"), "-"],
                           check=True, capture_output=True, text=True).stdout
    tekst = " ".join(tekst.split())
    for sectie in voortgang_secties(voortgang_context(export["store"], export["bijeenkomst"].id)):
        assert sectie.kop in tekst
    assert "{{" not in tekst, "geen sjabloonveld blijft staan"


def test_demo_traject_in_een_commando(store: Store, tmp_path: Path) -> None:
    uit = CliRunner().invoke(cli, ["demo", "--traject", "--geen-server", "--json"])
    assert uit.exit_code == 0, uit.output
    data = json.loads(uit.stdout)
    assert {"code", "sleutel", "start"} <= set(data)
    traject = json.loads(CliRunner().invoke(cli, ["traject", data["code"], "--json"]).stdout)
    assert [b["code"] for b in traject["bijeenkomsten"]] == [data["start"]["code"], data["code"]]
    export = CliRunner().invoke(cli, ["export", data["code"], "--naar", str(tmp_path / "verslag")])
    assert export.exit_code == 0, export.output
    for naam in TRAJECT_BESTANDEN:
        assert (tmp_path / "verslag" / naam).is_file()


def _zonder_codes(waarde: object) -> object:
    if isinstance(waarde, dict):
        return {k: _zonder_codes(v) for k, v in waarde.items() if k != "code"}
    if isinstance(waarde, list):
        return [_zonder_codes(v) for v in waarde]
    return waarde


def test_de_json_draagt_het_hele_traject_en_leest_weer_in(export: dict, tmp_path: Path) -> None:
    from toolkit.export.json import traject_als_dict
    from toolkit.importeer import importeer

    data = json.loads((export["map"] / "bijeenkomst.json").read_text(encoding="utf-8"))
    traject = data["traject"]
    assert len(traject["bijeenkomsten"]) == 2 and traject["deze"] == 1
    assert any(r["onderwerp"].startswith("actie:@0:") for r in traject["bijeenkomsten"][1]["antwoorden"])

    nieuw = Store(tmp_path / "nieuw.db")
    resultaat = importeer(nieuw, export["map"] / "bijeenkomst.json")
    assert resultaat.code and resultaat.sleutel and len(resultaat.andere) == 1
    b = nieuw.bijeenkomst(resultaat.code)
    assert _zonder_codes(traject_als_dict(nieuw, b.id)) == _zonder_codes(traject)

    oud = overzicht_uit_store(export["store"], export["bijeenkomst"].id)
    o = overzicht_uit_store(nieuw, b.id)
    assert [(a.wat, a.statussen, a.wanneer) for a in o.acties] == [(a.wat, a.statussen, a.wanneer) for a in oud.acties]
    assert len(metingen(nieuw, b.id)) == len(metingen(export["store"], export["bijeenkomst"].id))
    # the terugblik answers point at the imported actions, not at numbers from the old database
    terugblik = [a for a in nieuw.items("antwoord", b.id) if a.onderwerp.startswith("actie:")]
    ids = {a.id for a in nieuw.items_van_traject("actie", b.id)}
    assert terugblik and all(model.lees_onderwerp_van(a.onderwerp)[1] in ids for a in terugblik)


def test_een_kapot_traject_in_de_json_leest_niets_in(export: dict, tmp_path: Path) -> None:
    from toolkit.importeer import ImportFout, importeer

    data = json.loads((export["map"] / "bijeenkomst.json").read_text(encoding="utf-8"))
    data["traject"]["voortgang"][0]["item"] = [0, 999]
    pad = tmp_path / "kapot.json"
    pad.write_text(json.dumps(data), encoding="utf-8")
    nieuw = Store(tmp_path / "nieuw.db")
    with pytest.raises(ImportFout, match="niet in het bestand staat"):
        importeer(nieuw, pad)
    assert nieuw.bijeenkomsten() == [], "ook de bijeenkomsten die al waren ingelezen zijn weer weg"


@pytest.mark.traag
def test_het_verslag_notebook_toont_het_traject(traject_db: tuple[Path, str], tmp_path: Path, monkeypatch) -> None:
    import nbformat
    from nbclient import NotebookClient

    bron, code = traject_db
    shutil.copy(bron, tmp_path / "t.db")
    monkeypatch.setenv("WERKPLAATS_DB", str(tmp_path / "t.db"))
    monkeypatch.setenv("WERKPLAATS_CODE", code)
    monkeypatch.setenv("WERKPLAATS_VERSLAG", str(tmp_path / "verslag"))
    nb = nbformat.read(Path(__file__).resolve().parents[1] / "notebooks" / "verslag.ipynb", as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    uitvoer = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in uitvoer if o.output_type == "error"]
    svgs = [o["data"]["image/svg+xml"] for o in uitvoer if "image/svg+xml" in o.get("data", {})]
    assert any("Monitoring: gemiddelde score per vraag" in s for s in svgs)
    assert any("Wie heeft contact met wie? (nu)" in s for s in svgs)
    assert (tmp_path / "verslag" / "voortgangsrapport.docx").exists()
