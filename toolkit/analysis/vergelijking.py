"""The same werkvorm in two meetings of a traject: what changed against the baseline.

Used by the voortgangsrapport and by the wand when a follow-up repeats the netwerkanalyse,
the stellingen, the stakeholderkaart or the dubbelcheck. Reads through the store object it is handed; imports no store.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from toolkit import model


def netwerk_van(bron: Any, b: model.Bijeenkomst) -> Any:
    from toolkit.analysis.frames import laad_frames
    from toolkit.analysis.netwerk import bouw_netwerk

    frames = laad_frames(bron, b.id)  # type: ignore[arg-type]
    if frames.relaties.empty:
        return None
    return bouw_netwerk(frames.relaties, frames.deelnemers, frames.stakeholders)


def lijnen(g: Any) -> dict[frozenset[str], tuple[str, str]]:
    from toolkit.analysis.stakeholders import normaliseer_naam

    return {frozenset((normaliseer_naam(a), normaliseer_naam(b))): (a, b) for a, b in g.edges}


def netwerk_toen_nu(bron: Any, keten: tuple[model.Bijeenkomst, ...]) -> dict[str, Any]:
    from toolkit.analysis.netwerk import SOCIAAL, ZORG, dichtheid, dichtheid_tussen
    from toolkit.analysis.stakeholders import normaliseer_naam

    # An organisation keeps its domein across the traject, also when nobody of it came back.
    domeinen = {normaliseer_naam(d.organisatie): d.domein for b in keten for d in bron.deelnemers(b.id)}  # type: ignore[arg-type]
    grafen = [(b, g) for b in keten if (g := netwerk_van(bron, b)) is not None]
    for _b, g in grafen:
        for knoop, gegevens in g.nodes(data=True):
            if gegevens.get("domein", "overig") == "overig":
                gegevens["domein"] = domeinen.get(normaliseer_naam(knoop), "overig")
    if not grafen:
        return {"basis": None, "nu": None}
    (b0, g0), (b1, g1) = grafen[0], grafen[-1]

    def samenvatting(b: model.Bijeenkomst, g: Any) -> dict[str, Any]:
        return {
            "los": sorted(n for n in g if g.degree(n) == 0),
            "bijeenkomst": model.bijeenkomst_label(b),
            "kort": model.bijeenkomst_kort(b),
            "organisaties": g.number_of_nodes(),
            "contacten": g.number_of_edges(),
            "dichtheid": dichtheid(g),
            "zorg_sociaal": dichtheid_tussen(g, ZORG, SOCIAAL),
        }

    uit: dict[str, Any] = {"basis": samenvatting(b0, g0), "nu": None, "nieuw": [], "weg": [], "grafen": (g0, None)}
    if b1.id != b0.id:
        uit["nu"] = samenvatting(b1, g1)
        toen, nu = lijnen(g0), lijnen(g1)

        def paar(g: Any, a: str, b: str) -> dict[str, Any]:
            da, db = g.nodes[a].get("domein", "overig"), g.nodes[b].get("domein", "overig")
            over = (da in ZORG and db in SOCIAAL) or (db in ZORG and da in SOCIAAL)
            return {"van": a, "naar": b, "zorg_sociaal": over, "frequentie": g.edges[a, b].get("frequentie", "")}

        uit["nieuw"] = [paar(g1, *nu[k]) for k in nu if k not in toen]
        uit["weg"] = [paar(g0, *toen[k]) for k in toen if k not in nu]
        uit["grafen"] = (g0, g1)
    return uit


def stakeholders_toen_nu(bron: Any, keten: tuple[model.Bijeenkomst, ...]) -> dict[str, Any]:
    from toolkit.analysis.stakeholders import normaliseer_naam

    kaarten = [(b, s) for b in keten if (s := bron.items("stakeholder", b.id, alleen_zichtbaar=True))]  # type: ignore[arg-type]
    if len(kaarten) < 2:
        return {"vergeleken": False, "basis": model.bijeenkomst_label(kaarten[0][0]) if kaarten else None}
    (b0, s0), (b1, s1) = kaarten[0], kaarten[-1]

    def per_naam(items: list[model.Stakeholder]) -> dict[str, model.Stakeholder]:
        """One per party: spellings of one name are one party, with the rounded mean scores."""
        groepen: dict[str, list[model.Stakeholder]] = {}
        for s in items:
            groepen.setdefault(normaliseer_naam(s.naam), []).append(s)
        return {
            k: replace(
                g[0],
                invloed=round(sum(s.invloed for s in g) / len(g)),
                belang=round(sum(s.belang for s in g) / len(g)),
            )
            for k, g in groepen.items()
        }

    toen, nu = per_naam(s0), per_naam(s1)
    verschoven = []
    for k in toen.keys() & nu.keys():
        a, b = toen[k], nu[k]
        if (a.invloed, a.belang) != (b.invloed, b.belang):
            verschoven.append(
                {"naam": b.naam, "invloed": (a.invloed, b.invloed), "belang": (a.belang, b.belang)}
            )
    return {
        "vergeleken": True,
        "basis": model.bijeenkomst_label(b0),
        "nu": model.bijeenkomst_label(b1),
        "nieuw": sorted(nu[k].naam for k in nu.keys() - toen.keys()),
        "weg": sorted(toen[k].naam for k in toen.keys() - nu.keys()),
        "verschoven": sorted(verschoven, key=lambda v: v["naam"]),
    }


def zorg_sociaal_paar(g: Any, a: str, b: str) -> bool:
    from toolkit.analysis.netwerk import SOCIAAL, ZORG

    da, db = g.nodes[a].get("domein", "overig"), g.nodes[b].get("domein", "overig")
    return (da in ZORG and db in SOCIAAL) or (db in ZORG and da in SOCIAAL)


def vergelijk_netwerk(g0: Any, g1: Any) -> dict[str, Any]:
    """New and gone ties (by organisation name, spelling-proof) and the zorg-sociaal density then and now."""
    from toolkit.analysis.netwerk import SOCIAAL, ZORG, dichtheid_tussen

    toen, nu = lijnen(g0), lijnen(g1)
    return {
        "nieuw": [(*nu[k], zorg_sociaal_paar(g1, *nu[k])) for k in nu if k not in toen],
        "weg": [(*toen[k], zorg_sociaal_paar(g0, *toen[k])) for k in toen if k not in nu],
        "zorg_sociaal": (dichtheid_tussen(g0, ZORG, SOCIAAL), dichtheid_tussen(g1, ZORG, SOCIAAL)),
    }


__all__ = [
    "lijnen",
    "netwerk_toen_nu",
    "netwerk_van",
    "scores_per_meting",
    "stakeholders_toen_nu",
    "vergelijk_netwerk",
    "zorg_sociaal_paar",
]


def scores_per_meting(bron: Any, keten: tuple[model.Bijeenkomst, ...], invoer: str) -> list[dict[str, Any]]:
    """Mean score per stelling (invoer 'stelling') or per Quintuple Aim aspect (invoer 'dubbelcheck')
    for every meeting; only what was scored in at least two meetings, so there is a change to see."""
    from toolkit.analysis.onderwerpen import lees_onderwerp

    per: dict[str, list[list[int]]] = {}
    for index, b in enumerate(keten):
        ids = {o.id for o in bron.onderdelen(b.id) if o.invoer == invoer}
        for a in bron.items("antwoord", b.id):
            if a.onderdeel_id not in ids:
                continue
            sleutel = a.onderwerp
            if invoer == "dubbelcheck":
                gelezen = lees_onderwerp(a.onderwerp)
                if gelezen is None:
                    continue
                sleutel = gelezen[1]
            per.setdefault(sleutel, [[] for _ in keten])[index].append(a.waarde)
    uit = []
    for sleutel, reeksen in per.items():
        if sum(1 for r in reeksen if r) >= 2:
            uit.append(
                {
                    "onderwerp": sleutel[0].upper() + sleutel[1:],
                    "gemiddelden": [sum(r) / len(r) if r else None for r in reeksen],
                    "aantallen": [len(r) for r in reeksen],
                }
            )
    return uit
