"""Export writes every file it can and names the one it could not (issue 14).

The facilitator always takes ``bijeenkomst.json`` home; a file that failed is named with its
reason, in the CLI (non-zero exit, no traceback) and on the regiekamer's export button,
which never keeps saying "wordt gemaakt".
"""

from __future__ import annotations

import errno
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.apps.regiekamer import RegiekamerApp
from toolkit.cli import cli
from toolkit.export import BESTANDEN, exporteer
from toolkit.fouten import ExportOnvolledig


@pytest.fixture(autouse=True)
def _snelle_grafieken(monkeypatch) -> None:
    """Charts are not what these tests are about: a tiny PNG stands in for each."""
    monkeypatch.setattr("toolkit.charts.naar_png", lambda chart, schaal=2: PIXEL)


def _png_pixel() -> bytes:
    def blok(soort: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + soort + data + struct.pack(">I", zlib.crc32(soort + data))

    kop = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + blok(b"IHDR", kop) + blok(b"IDAT", zlib.compress(b"\0\xff\xff\xff")) + blok(b"IEND", b"")


PIXEL = _png_pixel()


def _schijf_vol(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def uit(tmp_path: Path) -> Path:
    (tmp_path / "verslag").mkdir()
    return tmp_path / "verslag"


def _kapot(*_args, **_kwargs):
    raise RuntimeError("onverwacht")


@pytest.mark.parametrize(
    ("bestand", "schrijver", "fout", "reden"),
    [
        ("actielijst.xlsx", "toolkit.export.xlsx.schrijf_actielijst_xlsx", _schijf_vol, "de schijf is vol"),
        ("visiedocument.docx", "toolkit.export.docx.schrijf_document", _kapot, "RuntimeError: onverwacht"),
        ("bijeenkomst.json", "toolkit.export.json.schrijf_json", _kapot, "onverwacht"),
    ],
)
def test_een_bestand_dat_mislukt_wordt_genoemd_en_de_rest_komt(
    demo, uit: Path, monkeypatch, bestand, schrijver, fout, reden
) -> None:
    monkeypatch.setattr(schrijver, fout)
    with pytest.raises(ExportOnvolledig) as info:
        exporteer(demo.store, demo.code, uit)
    assert list(info.value.mislukt) == [bestand]
    assert reden in info.value.mislukt[bestand]
    assert bestand in str(info.value) and reden in str(info.value)
    rest = [n for n in BESTANDEN if n != bestand]
    assert sorted(p.name for p in uit.iterdir()) == sorted(rest), "no half or temporary files"
    assert [p.name for p in info.value.geschreven] == rest


def test_half_geschreven_bestand_verdwijnt_en_een_oud_blijft_heel(demo, uit: Path, monkeypatch) -> None:
    (uit / "actielijst.csv").write_text("oude export\n", encoding="utf-8")

    def half(context, pad):
        pad.write_text("wat;wie\nhalf", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("toolkit.export.csv.schrijf_actielijst_csv", half)
    with pytest.raises(ExportOnvolledig, match="actielijst.csv: de schijf is vol"):
        exporteer(demo.store, demo.code, uit)
    assert (uit / "actielijst.csv").read_text(encoding="utf-8") == "oude export\n"
    assert not list(uit.glob(".*bezig"))


def test_zonder_analyse_komt_toch_bijeenkomst_json(demo, uit: Path, monkeypatch) -> None:
    monkeypatch.setattr("toolkit.export.context.context_uit", _kapot)
    with pytest.raises(ExportOnvolledig) as info:
        exporteer(demo.store, demo.code, uit)
    assert [p.name for p in uit.iterdir()] == ["bijeenkomst.json"]
    assert sorted(info.value.mislukt) == sorted(n for n in BESTANDEN if n != "bijeenkomst.json")


def test_grafiek_die_niet_lukt_kost_alleen_die_grafiek(demo, uit: Path, monkeypatch) -> None:
    from docx import Document

    from toolkit.export import figuren
    from toolkit.fouten import GrafiekFout

    echt = figuren.BOUWERS["netwerk"]

    def netwerk_kapot(frames, context):
        echt(frames, context)
        raise GrafiekFout("de tekenaar stopte onverwacht (code -6)")

    monkeypatch.setitem(figuren.BOUWERS, "netwerk", netwerk_kapot)
    stappen: list[str] = []
    geschreven = exporteer(demo.store, demo.code, uit, voortgang=stappen.append)
    assert [p.name for p in geschreven] == list(BESTANDEN)
    assert "grafiek netwerk niet beschikbaar in visiedocument.docx" in stappen
    tekst = "\n".join(a.text for a in Document(str(uit / "visiedocument.docx")).paragraphs)
    assert "(Grafiek niet beschikbaar.)" in tekst


def test_cli_export_zegt_welk_bestand_ontbreekt_zonder_traceback(demo, uit: Path, monkeypatch) -> None:
    monkeypatch.setattr("toolkit.export.kumu.schrijf_netwerk_xlsx", _schijf_vol)
    antwoord = CliRunner().invoke(cli, ["export", demo.code, "--naar", str(uit)])
    assert antwoord.exit_code == 2, antwoord.output
    assert "Traceback" not in antwoord.output
    assert "netwerk.xlsx: de schijf is vol" in antwoord.output
    assert (uit / "bijeenkomst.json").is_file()
    assert (uit / "visiedocument.docx").is_file()


def test_exportknop_biedt_wat_er_is_en_noemt_wat_ontbreekt(demo, uit: Path, monkeypatch) -> None:
    monkeypatch.setenv("WERKPLAATS_EXPORT", str(uit))
    monkeypatch.setattr("toolkit.export.xlsx.schrijf_actielijst_xlsx", _schijf_vol)
    app = RegiekamerApp(demo.store, {"code": demo.code, "sleutel": demo.sleutel})
    app.export_knop.click()
    assert app.melding.soort == "fout"
    assert "actielijst.xlsx" in app.melding.tekst and "wordt gemaakt" not in app.melding.tekst
    assert 'download="bijeenkomst.json"' in app.export_uit.value
    assert 'download="actielijst.xlsx"' not in app.export_uit.value


def test_exportknop_blijft_nooit_op_wordt_gemaakt(demo, uit: Path, monkeypatch) -> None:
    monkeypatch.setenv("WERKPLAATS_EXPORT", str(uit))
    monkeypatch.setattr("toolkit.export.exporteer", _kapot)
    app = RegiekamerApp(demo.store, {"code": demo.code, "sleutel": demo.sleutel})
    app.export_knop.click()
    assert app.melding.soort == "fout"
    assert "kon niet worden gemaakt" in app.melding.tekst
