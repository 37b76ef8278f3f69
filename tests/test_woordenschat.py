"""One vocabulary: the store, the JSON file, the frames and the import derive the kinds of entry
from ``model.SOORTEN``, so a new kind is one line there (plus its table and its views)."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest

from toolkit import model
from toolkit.analysis.frames import Frames
from toolkit.export.json import LIJSTEN
from toolkit.store import SOORTEN as OPSLAG_SOORTEN
from toolkit.store import Store

SCHEMA = Path(__file__).resolve().parent.parent / "toolkit" / "schema" / "bijeenkomst.schema.json"


def test_elke_soort_heeft_een_tabel_een_lijst_in_het_bestand_en_een_frame() -> None:
    assert list(OPSLAG_SOORTEN) == list(model.SOORTEN)
    assert list(LIJSTEN.values()) == [s.lijst for s in model.SOORTEN.values()]
    frames = {f.name for f in fields(Frames)} - {"bijeenkomst", "deelnemers", "onderdelen", "stemmen"}
    assert frames == {s.lijst for s in model.SOORTEN.values()}
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"]
    assert {s.lijst for s in model.SOORTEN.values()} <= set(schema)


@pytest.mark.parametrize("soort", list(model.SOORTEN.values()), ids=list(model.SOORTEN))
def test_een_soort_noemt_klasse_en_verwijzingen_die_bestaan(soort: model.Soort) -> None:
    assert model.soort_van(soort.klasse.__new__(soort.klasse)) == soort.naam
    velden = {f.name for f in fields(soort.klasse)}
    assert set(soort.verwijzingen) <= velden
    assert "onderdeel_id" in soort.verwijzingen
    assert all(naar in {"onderdeel", "deelnemer", *model.SOORTEN} for naar in soort.verwijzingen.values())
    assert set(soort.invoer) <= set(model.INVOER_SOORTEN)


def test_elke_invoer_van_een_onderdeel_neemt_iets_aan() -> None:
    leeg = [invoer for invoer in model.INVOER_SOORTEN if not model.INVOER_SOORT[invoer]]
    assert not leeg


@pytest.mark.parametrize(
    ("lijst", "verwacht"),
    [
        (model.STEM_SOORTEN, ("bijdrage", "swot", "stip", "confrontatie")),
        (model.DEELNEMER_SOORTEN, ("bijdrage", "stakeholder", "relatie", "swot", "stip", "mijlpaal", "antwoord")),
        (model.BEGRENSDE_SOORTEN, ("bijdrage", "stakeholder", "relatie", "swot", "stip", "mijlpaal")),
    ],
)
def test_afgeleide_lijsten_zeggen_wat_het_register_zegt(lijst: tuple[str, ...], verwacht: tuple[str, ...]) -> None:
    assert lijst == verwacht


@pytest.mark.parametrize("soort", [n for n, s in model.SOORTEN.items() if s.door == "regie"])
def test_een_deelnemer_schrijft_geen_soort_van_de_procesbegeleider(store: Store, soort: str) -> None:
    from toolkit.fouten import GeenToegang

    bijeenkomst, _sleutel = store.nieuwe_bijeenkomst(
        "Wijk Noord",
        onderdelen=[model.Onderdeel(werkvorm="swot", titel="SWOT", vraag="SWOT?", invoer="swot")],
    )
    deelnemer, _token = store.aanmelden(bijeenkomst.code, organisatie="Buurtzorg", domein="zorg")
    klasse = model.SOORTEN[soort].klasse
    item = klasse.__new__(klasse)  # never stored: the store refuses by kind, before any field
    with pytest.raises(GeenToegang, match="Alleen de procesbegeleider"):
        store.voeg_toe(deelnemer.id, item)  # type: ignore[arg-type]
