"""Prior inventories from Excel and CSV land in the right onderdeel, or not at all.

A facilitator imports a SWOT, an action list or a stakeholder inventory made before the
bijeenkomst. Every kind works from .xlsx and from .csv (',' or ';', with or without BOM);
a file with any problem says where (sheet, row, column) and imports nothing.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook

from toolkit.fouten import GeenToegang
from toolkit.importeer import ImportFout, importeer
from toolkit.store import Store
from toolkit.werkvormen import laad_programma

VERLEDEN = (date.today() - timedelta(days=400)).isoformat()
TOEKOMST = (date.today() + timedelta(days=30)).isoformat()

#: kind -> (header, rows, store kind, werkvorm of the standard programme that collects it)
VOORBEELDEN: dict[str, tuple[list[str], list[list[str]], str, str]] = {
    "swot": (
        ["kwadrant", "tekst"],
        [
            ["sterkte", "Korte lijnen tussen praktijk en wijkteam"],
            ["bedreiging", "Personeelstekort bij de POH-GGZ"],
        ],
        "swot",
        "swot",
    ),
    "acties": (
        ["wat", "wie", "wanneer", "thema", "status"],
        [
            ["Sociale kaart bijwerken", "Welzijn Lindenveen", VERLEDEN, "informatie-uitwisseling", "klaar"],
            ["Spreekuur wijkteam in de praktijk", "Peter Bakker", TOEKOMST, "", ""],
        ],
        "actie",
        "actielijst",
    ),
    "stakeholders": (
        ["naam", "organisatie", "domein", "invloed", "belang"],
        [
            ["Woningcorporatie", "Woonstede", "overig", "3", "2"],
            ["Apotheek", "Apotheek De Horst", "zorg", "2", "4"],
        ],
        "stakeholder",
        "stakeholderkaart",
    ),
    "relaties": (
        ["van", "naar", "frequentie"],
        [
            ["Huisartsenpraktijk De Horst", "Sociaal Wijkteam", "wekelijks"],
            ["GGZ Lindenveen", "Welzijn", "nooit"],
        ],
        "relatie",
        "netwerkanalyse",
    ),
    "bijdragen": (
        ["werkvorm", "tekst", "thema"],
        [
            ["wijkbrainstorm", "Eenzaamheid onder ouderen", "kwaliteit van zorg"],
            ["oplossingen", "Buurtkamer elke week open", ""],
        ],
        "bijdrage",
        "wijkbrainstorm",
    ),
}


def _csv(pad: Path, kop: list[str], rijen: list[list[str]], *, scheiding: str, bom: bool) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=scheiding).writerows([kop, *rijen])
    pad.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
    return pad


def _xlsx(pad: Path, bladen: dict[str, tuple[list, list[list]]]) -> Path:
    boek = Workbook()
    boek.remove(boek.active)
    for naam, (kop, rijen) in bladen.items():
        blad = boek.create_sheet(naam)
        blad.append(kop)
        for rij in rijen:
            blad.append(rij)
    boek.save(pad)
    return pad


def _alles(store: Store, bijeenkomst_id: int) -> dict[str, int]:
    soorten = ("bijdrage", "stakeholder", "relatie", "swot", "actie")
    return {s: len(store.items(s, bijeenkomst_id)) for s in soorten}


@pytest.mark.parametrize("soort", list(VOORBEELDEN))
@pytest.mark.parametrize("vorm", ["xlsx", "csv-puntkomma-bom", "csv-komma-bom", "csv-puntkomma", "csv-komma"])
def test_elke_soort_komt_in_het_onderdeel_dat_hem_verzamelt(
    standaard_zaal, tmp_path: Path, soort: str, vorm: str
) -> None:
    store, b, sleutel = standaard_zaal.delen()
    kop, rijen, store_soort, werkvorm = VOORBEELDEN[soort]
    if vorm == "xlsx":
        pad = _xlsx(tmp_path / "inventarisatie.xlsx", {soort: (kop, rijen)})
    else:
        pad = _csv(
            tmp_path / f"{soort}.csv",
            kop,
            rijen,
            scheiding=";" if "puntkomma" in vorm else ",",
            bom=vorm.endswith("bom"),
        )
    resultaat = importeer(store, pad, code=b.code, sleutel=sleutel)
    assert resultaat.aantallen == {soort: 2}
    items = store.items(store_soort, b.id)
    assert len(items) == 2
    per_werkvorm = {o.id: o.werkvorm for o in store.onderdelen(b.id)}
    if soort == "bijdragen":
        assert [per_werkvorm[i.onderdeel_id] for i in items] == ["wijkbrainstorm", "oplossingen"]
        assert items[0].thema == "kwaliteit van zorg"
    else:
        assert {per_werkvorm[i.onderdeel_id] for i in items} == {werkvorm}
    if soort == "acties":
        assert items[0].wanneer.isoformat() == VERLEDEN and items[0].status == "klaar"  # history is welcome
        assert items[1].status == "open"
    if soort == "stakeholders":
        assert (items[1].invloed, items[1].belang) == (2, 4)


def test_soort_van_een_csv_mag_ook_uit_de_optie_komen(standaard_zaal, tmp_path: Path) -> None:
    store, b, sleutel = standaard_zaal.delen()
    kop, rijen, *_ = VOORBEELDEN["swot"]
    pad = _csv(tmp_path / "uit-de-enquete.csv", kop, rijen, scheiding=";", bom=True)
    assert importeer(store, pad, code=b.code, soort="swot", sleutel=sleutel).aantallen == {"swot": 2}


def test_een_werkboek_met_meerdere_bladen_gaat_in_een_keer(standaard_zaal, tmp_path: Path) -> None:
    store, b, sleutel = standaard_zaal.delen()
    bladen = {s: VOORBEELDEN[s][:2] for s in ("swot", "acties")}
    bladen["Toelichting"] = (["wat"], [["Dit blad wordt overgeslagen"]])
    resultaat = importeer(store, _xlsx(tmp_path / "werk.xlsx", bladen), code=b.code, sleutel=sleutel)
    assert resultaat.aantallen == {"swot": 2, "acties": 2}
    assert resultaat.overgeslagen == ["Toelichting"]
    assert "2 swot" in str(resultaat)


def test_kumu_netwerk_wordt_stakeholders_en_relaties(standaard_zaal, tmp_path: Path) -> None:
    store, b, sleutel = standaard_zaal.delen()
    pad = _xlsx(
        tmp_path / "netwerk.xlsx",
        {
            "Elements": (["Label", "Type"], [["Huisartsenpraktijk", "zorg"], ["Gemeente", "Gemeente"]]),
            "Connections": (["From", "To", "Strength"], [["Huisartsenpraktijk", "Gemeente", 12]]),
        },
    )
    resultaat = importeer(store, pad, code=b.code, sleutel=sleutel)
    assert resultaat.aantallen == {"elements": 2, "connections": 1}
    (relatie,) = store.items("relatie", b.id)
    assert relatie.frequentie == "maandelijks"
    assert {s.domein for s in store.items("stakeholder", b.id)} == {"zorg", "gemeente"}


def test_onze_eigen_actielijst_leest_weer_in(demo, tmp_path: Path) -> None:
    from toolkit.export.context import bouw_context
    from toolkit.export.csv import schrijf_actielijst_csv

    pad = schrijf_actielijst_csv(bouw_context(demo.store, demo.bijeenkomst.id), tmp_path / "actielijst.csv")
    voor = len(demo.store.items("actie", demo.bijeenkomst.id))
    importeer(demo.store, pad, code=demo.code, sleutel=demo.sleutel)
    assert len(demo.store.items("actie", demo.bijeenkomst.id)) == 2 * voor


#: (kind, header, bad row, column the message names, words in the message)
FOUTEN = [
    ("swot", ["kwadrant", "tekst"], ["kracht", "Korte lijnen"], "kwadrant", "kies uit: sterkte"),
    ("swot", ["kwadrant", "tekst"], ["kans", "   "], "tekst", "Vul tekst in"),
    ("acties", ["wat", "wie", "wanneer"], ["Overleg plannen", "Els", "3 maart"], "wanneer", "JJJJ-MM-DD"),
    (
        "acties",
        ["wat", "wie", "wanneer", "status"],
        ["Overleg", "Els", TOEKOMST, "gedaan"],
        "status",
        "open, bezig, klaar",
    ),
    (
        "acties",
        ["wat", "wie", "wanneer", "thema"],
        ["Overleg", "Els", TOEKOMST, "geld"],
        "thema",
        "financiering",
    ),
    (
        "stakeholders",
        ["naam", "organisatie", "domein", "invloed", "belang"],
        ["GGD", "GGD", "zorg", "9", "3"],
        "invloed",
        "van 1 tot en met 5",
    ),
    (
        "stakeholders",
        ["naam", "organisatie", "domein", "invloed", "belang"],
        ["GGD", "GGD", "medisch", "3", "3"],
        "domein",
        "kies uit: zorg",
    ),
    (
        "relaties",
        ["van", "naar", "frequentie"],
        ["Wijkteam", "Wijkteam", "wekelijks"],
        "naar",
        "andere organisatie",
    ),
    ("relaties", ["van", "naar", "frequentie"], ["Wijkteam", "GGD", "soms"], "frequentie", "dagelijks"),
    (
        "bijdragen",
        ["werkvorm", "tekst"],
        ["brainstorm", "Eenzaamheid"],
        "werkvorm",
        "geen onderdeel met werkvorm",
    ),
]


@pytest.mark.parametrize("vorm", ["xlsx", "csv"])
@pytest.mark.parametrize(("soort", "kop", "fout", "kolom", "woorden"), FOUTEN)
def test_elke_fout_noemt_blad_rij_en_kolom_en_niets_komt_binnen(
    standaard_zaal, tmp_path: Path, vorm: str, soort: str, kop: list[str], fout: list[str], kolom: str, woorden: str
) -> None:
    store, b, sleutel = standaard_zaal.delen()
    volledig, voorbeeld, *_ = VOORBEELDEN[soort]
    goed = [dict(zip(volledig, voorbeeld[0], strict=True))[k] for k in kop]
    rijen = [goed, goed, fout]  # the bad row is row 4 (row 1 is the header)
    if vorm == "xlsx":
        pad = _xlsx(tmp_path / "in.xlsx", {soort: (kop, rijen)})
    else:
        pad = _csv(tmp_path / f"{soort}.csv", kop, rijen, scheiding=";", bom=True)
    voor = _alles(store, b.id)
    with pytest.raises(ImportFout) as info:
        importeer(store, pad, code=b.code, sleutel=sleutel)
    (probleem,) = info.value.problemen
    assert (probleem.rij, probleem.kolom) == (4, kolom)
    assert soort in probleem.bron
    assert woorden in probleem.melding
    assert "rij 4" in str(info.value) and "niets ingelezen" in str(info.value)
    assert _alles(store, b.id) == voor


def test_ontbrekende_kolom_wordt_genoemd(standaard_zaal, tmp_path: Path) -> None:
    store, b, sleutel = standaard_zaal.delen()
    pad = _csv(tmp_path / "acties.csv", ["wat", "wanneer"], [["Overleg", TOEKOMST]], scheiding=",", bom=False)
    with pytest.raises(ImportFout) as info:
        importeer(store, pad, code=b.code, sleutel=sleutel)
    (probleem,) = info.value.problemen
    assert (probleem.rij, probleem.kolom) == (1, "wie")


def test_een_fout_op_een_blad_houdt_ook_de_goede_bladen_tegen(standaard_zaal, tmp_path: Path) -> None:
    store, b, sleutel = standaard_zaal.delen()
    bladen = {
        "swot": VOORBEELDEN["swot"][:2],
        "acties": (["wat", "wie", "wanneer"], [["Overleg", "", TOEKOMST]]),
    }
    with pytest.raises(ImportFout) as info:
        importeer(store, _xlsx(tmp_path / "werk.xlsx", bladen), code=b.code, sleutel=sleutel)
    assert [(p.bron, p.rij, p.kolom) for p in info.value.problemen] == [("blad 'acties'", 2, "wie")]
    assert store.items("swot", b.id) == []


def test_zonder_passend_onderdeel_zegt_de_import_wat_er_mist(store: Store, tmp_path: Path) -> None:
    programma = [o for o in laad_programma("standaard").onderdelen if o.invoer != "swot"]
    b, sleutel = store.nieuwe_bijeenkomst("Zonder SWOT", onderdelen=programma)
    kop, rijen, *_ = VOORBEELDEN["swot"]
    with pytest.raises(ImportFout, match="geen onderdeel voor swot"):
        importeer(
            store,
            _csv(tmp_path / "swot.csv", kop, rijen, scheiding=";", bom=True),
            code=b.code,
            sleutel=sleutel,
        )


@pytest.mark.parametrize(("naam", "melding"), [("losse-notities.csv", "--soort"), ("notities.txt", ".xlsx")])
def test_onbekende_bestanden_worden_uitgelegd(standaard_zaal, tmp_path: Path, naam: str, melding: str) -> None:
    store, b, sleutel = standaard_zaal.delen()
    pad = tmp_path / naam
    pad.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(ImportFout, match=melding):
        importeer(store, pad, code=b.code, sleutel=sleutel)


def test_toevoegen_vraagt_de_sleutel_van_de_procesbegeleider(standaard_zaal, tmp_path: Path) -> None:
    store, b, _sleutel = standaard_zaal.delen()
    kop, rijen, *_ = VOORBEELDEN["swot"]
    pad = _csv(tmp_path / "swot.csv", kop, rijen, scheiding=";", bom=True)
    with pytest.raises(GeenToegang):
        importeer(store, pad, code=b.code, sleutel="verkeerd")
    with pytest.raises(GeenToegang):
        importeer(store, pad, code=b.code)
