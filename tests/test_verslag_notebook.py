"""The verslag notebook runs top to bottom headless on the demo bijeenkomst and draws every chart."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "verslag.ipynb"


def test_verslag_notebook_is_opgeslagen_zonder_uitvoer():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


def test_verslag_notebook_volgt_het_programma():
    koppen = [
        c.source.splitlines()[0]
        for c in nbformat.read(NOTEBOOK, as_version=4).cells
        if c.cell_type == "markdown"
    ]
    volgorde = [
        "Wie waren er",
        "Netwerk",
        "Problemen",
        "Oplossingen",
        "Dubbelcheck",
        "Stakeholderkaart",
        "SWOT",
        "Stip op de horizon",
        "Actielijst",
        "Afspraken",
        "Exporteren",
    ]
    posities = [next(i for i, kop in enumerate(koppen) if woord in kop) for woord in volgorde]
    assert posities == sorted(posities)


@pytest.mark.traag
def test_facilitator_draait_het_verslag_op_de_demo(demo, tmp_path, monkeypatch):
    monkeypatch.setenv("WERKPLAATS_CODE", demo.code)
    monkeypatch.setenv("WERKPLAATS_VERSLAG", str(tmp_path / "verslag"))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()

    uitvoer = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in uitvoer if o.output_type == "error"]
    tekst = "".join(o.get("text", "") for o in uitvoer if o.output_type == "stream")
    assert demo.bijeenkomst.titel in tekst
    svgs = [o["data"]["image/svg+xml"] for o in uitvoer if "image/svg+xml" in o.get("data", {})]
    titels = (
        "Wie zijn er?",
        "Wie heeft contact met wie?",
        "De problemen met de meeste stippen",
        "Dubbelcheck",
        "Stakeholderkaart",
        "Op weg naar de stip",
    )
    for titel in titels:
        assert any(titel in svg for svg in svgs), titel
    assert f"Gemaakt: {tmp_path / 'verslag' / 'visiedocument.docx'}" in tekst
    assert (tmp_path / "verslag" / "visiedocument.docx").exists()
