"""bijeenkomst.json: everything of one bijeenkomst in the versioned format ``werkplaats/1``.

Hidden, withdrawn and merged entries are included (with their flags), so an import
restores the bijeenkomst without loss. Ids in the file are the file's own numbers (1, 2,
... per kind, in the store's order); every reference uses them, so exporting an imported
bijeenkomst gives the same file again. ``toolkit/schema/bijeenkomst.schema.json`` describes it.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit import model
from toolkit.analysis.onderwerpen import SCHEIDING, lees_onderwerp

if TYPE_CHECKING:
    from toolkit.store import Store

FORMAAT = "werkplaats/1"
#: Kind -> list name in the file, in insertion order (references point back).
LIJSTEN: dict[str, str] = {naam: soort.lijst for naam, soort in model.SOORTEN.items()}
#: Field -> the kind whose file id it holds.
VERWIJZINGEN: dict[str, str] = model.VERWIJZINGEN
PERSOONSGEGEVENS = (
    "deelnemers[].naam: de naam die een deelnemer opgaf (naam_tonen zegt of die genoemd mag worden)",
    "deelnemers[].organisatie en domein: samen soms herleidbaar tot een persoon",
    "bijdragen[].tekst en andere vrije tekst: kan namen of persoonlijke situaties bevatten",
)
BIJEENKOMST_VELDEN = ("titel", "datum", "locatie", "aanleiding", "status")
WEGLATEN = {"id", "bijeenkomst_id", "vanaf", "versie", "huidig_onderdeel_id", "timer_eind", "timer_rest"}


def _waarde(v: Any) -> Any:
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    if isinstance(v, tuple):
        return list(v)
    return v


def velden(klasse: type) -> list[str]:
    """The fields of a model class that the file holds."""
    return [f.name for f in fields(klasse) if f.init and f.name not in WEGLATEN]


def _rij(item: Any, nummer: int, ids: dict[str, dict[int, int]]) -> dict[str, Any]:
    rij: dict[str, Any] = {"id": nummer}
    for naam in velden(type(item)):
        waarde = getattr(item, naam)
        if naam in VERWIJZINGEN and waarde is not None:
            waarde = ids[VERWIJZINGEN[naam]].get(waarde)
        rij[naam] = _waarde(waarde)
    if isinstance(item, model.Antwoord):
        gelezen = lees_onderwerp(item.onderwerp)
        if gelezen is not None and gelezen[0] in ids["bijdrage"]:
            rij["onderwerp"] = f"{ids['bijdrage'][gelezen[0]]}{SCHEIDING}{gelezen[1]}"
    return rij


def bijeenkomst_als_dict(
    store: Store, bijeenkomst_id: int, ids: dict[str, dict[int, int]] | None = None
) -> dict[str, Any]:
    """The file of one bijeenkomst; ``ids`` (when given) receives store id -> file id per kind."""
    b = store.bijeenkomst_met_id(bijeenkomst_id)
    ids = {} if ids is None else ids

    def nummer(soort: str, items: list[Any]) -> list[Any]:
        ids[soort] = {item.id: i for i, item in enumerate(items, start=1)}
        return items

    onderdelen = nummer("onderdeel", store.onderdelen(bijeenkomst_id))
    deelnemers = nummer("deelnemer", store.deelnemers(bijeenkomst_id))
    per_soort = {soort: nummer(soort, store.items(soort, bijeenkomst_id)) for soort in LIJSTEN}
    data: dict[str, Any] = {
        "formaat": FORMAAT,
        "persoonsgegevens": list(PERSOONSGEGEVENS),
        "bijeenkomst": {
            **{v: _waarde(getattr(b, v)) for v in BIJEENKOMST_VELDEN},
            "code": b.code,
            "huidig_onderdeel": ids["onderdeel"].get(b.huidig_onderdeel_id),
        },
        "onderdelen": [_rij(o, i, ids) for i, o in enumerate(onderdelen, start=1)],
        "deelnemers": [_rij(d, i, ids) for i, d in enumerate(deelnemers, start=1)],
    }
    for soort, lijst in LIJSTEN.items():
        data[lijst] = [_rij(item, i, ids) for i, item in enumerate(per_soort[soort], start=1)]
    data["stemmen"] = [
        {
            "onderdeel_id": ids["onderdeel"][s.onderdeel_id],
            "deelnemer_id": ids["deelnemer"][s.deelnemer_id],
            "soort": s.soort,
            "doel_id": ids[s.soort][s.doel_id],
        }
        for s in store.stemmen(bijeenkomst_id)
        if s.doel_id in ids.get(s.soort, {})
    ]
    return data


def traject_als_dict(store: Store, bijeenkomst_id: int) -> dict[str, Any] | None:
    """The whole traject of a bijeenkomst (None for a lone one): every meeting as its own file
    dict, the status history, and references to actions of other meetings as ``actie:@<m>:<id>``."""
    keten = store.keten(bijeenkomst_id)
    if keten.traject is None:
        return None
    bijeenkomsten = []
    herkomst: dict[tuple[str, int], tuple[int, int]] = {}
    for m, b in enumerate(keten.bijeenkomsten):
        ids: dict[str, dict[int, int]] = {}
        bijeenkomsten.append(bijeenkomst_als_dict(store, b.id, ids))  # type: ignore[arg-type]
        for soort in model.VOORTGANG_SOORTEN:
            herkomst |= {(soort, sid): (m, n) for sid, n in ids.get(soort, {}).items()}

    def verwijzing(tekst: str) -> str:
        gelezen = model.lees_onderwerp_van(tekst)
        if gelezen is None or gelezen not in herkomst:
            return tekst
        m, n = herkomst[gelezen]
        return f"{gelezen[0]}:@{m}:{n}"

    for data in bijeenkomsten:
        for rij in data["antwoorden"]:
            rij["onderwerp"] = verwijzing(rij["onderwerp"])
        for rij in data["bijdragen"]:
            rij["kolom"] = verwijzing(rij["kolom"])
    index = {b.id: m for m, b in enumerate(keten.bijeenkomsten)}
    return {
        "titel": keten.traject.titel,
        "wijk": keten.traject.wijk,
        "partners": list(keten.traject.partners),
        "deze": index[bijeenkomst_id],
        "bijeenkomsten": bijeenkomsten,
        "voortgang": [
            {
                "bijeenkomst": index[v.bijeenkomst_id],  # type: ignore[index]
                "soort": v.soort,
                "item": list(herkomst[(v.soort, v.item_id)]),
                "status": v.status,
                "wanneer": _waarde(v.wanneer),
                "opmerking": v.opmerking,
            }
            for v in store.voortgang(bijeenkomst_id)
            if (v.soort, v.item_id) in herkomst
        ],
    }


def schrijf_json(store: Store, bijeenkomst_id: int, pad: Path) -> Path:
    data = bijeenkomst_als_dict(store, bijeenkomst_id)
    traject = traject_als_dict(store, bijeenkomst_id)
    if traject is not None:
        data["traject"] = traject
    data = model.veilig_voor_uitvoer(data)
    pad.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return pad


__all__ = [
    "FORMAAT",
    "LIJSTEN",
    "VERWIJZINGEN",
    "bijeenkomst_als_dict",
    "schrijf_json",
    "traject_als_dict",
    "velden",
]
