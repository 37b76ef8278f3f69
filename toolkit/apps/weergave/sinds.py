"""'Sinds de startbijeenkomst': what a repeated werkvorm in a follow-up shows beside its own view.

The comparison itself is :mod:`toolkit.analysis.vergelijking` (the voortgangsrapport uses it
too); this module only finds the baseline of the traject and writes the escaped HTML.
"""

from __future__ import annotations

import html

from toolkit import model
from toolkit.analysis import vergelijking
from toolkit.apps.basis import Sessie


def basis_van(sessie: Sessie) -> model.Bijeenkomst | None:
    """The startbijeenkomst of the traject, when this page shows a follow-up of it."""
    keten = sessie.store.keten(sessie.bijeenkomst_id)
    if keten.traject is None or keten.basis.id == sessie.bijeenkomst_id:
        return None
    return keten.basis


def _kop(basis: model.Bijeenkomst) -> str:
    wanneer = model.datum_nl(basis.datum) if basis.datum else basis.titel
    return f"Sinds de startbijeenkomst ({html.escape(wanneer)})"


def _getal(g: float | None) -> str:
    return "–" if g is None else f"{g:.1f}".replace(".", ",")


def _scores_html(sessie: Sessie, soort: str, schaal: str) -> str:
    """Mean per onderwerp of ``soort`` ('stelling', 'dubbelcheck') at the start and now."""
    basis = basis_van(sessie)
    if basis is None:
        return ""
    nu = sessie.store.bijeenkomst_met_id(sessie.bijeenkomst_id)
    rijen = vergelijking.scores_per_meting(sessie.store, (basis, nu), soort)
    if not rijen:
        return ""
    items = "".join(
        f"<li>{html.escape(r['onderwerp'])}: {_getal(r['gemiddelden'][0])} → {_getal(r['gemiddelden'][1])}</li>"
        for r in rijen
    )
    return f"<div class='wp-sinds'><b>{_kop(basis)}</b> ({schaal}):<ul>{items}</ul></div>"


def stellingen_html(sessie: Sessie) -> str:
    """Mean per stelling at the start and now, for stellingen scored in both."""
    return _scores_html(sessie, "stelling", "gemiddelde, 1 oneens - 5 eens")


def dubbelcheck_html(sessie: Sessie) -> str:
    """Mean score per aim at the start and now, over the solutions checked in each meeting
    (the same figures as 'Dubbelcheck toen en nu' in the voortgangsrapport)."""
    return _scores_html(
        sessie, "dubbelcheck", "gemiddelde van de getoetste oplossingen, 1 helemaal niet - 5 zeker"
    )


def stakeholders_html(sessie: Sessie) -> str:
    """Who is new on the map, who is gone and who moved, against the start's map."""
    basis = basis_van(sessie)
    if basis is None:
        return ""
    nu = sessie.store.bijeenkomst_met_id(sessie.bijeenkomst_id)
    v = vergelijking.stakeholders_toen_nu(sessie.store, (basis, nu))
    if not v["vergeleken"]:
        return ""
    regels = []
    if v["nieuw"]:
        regels.append("Nieuw: " + ", ".join(v["nieuw"]))
    if v["weg"]:
        regels.append("Niet meer op de kaart: " + ", ".join(v["weg"]))
    for s in v["verschoven"]:
        regels.append(
            f"{s['naam']}: invloed {s['invloed'][0]} → {s['invloed'][1]}, belang {s['belang'][0]} → {s['belang'][1]}"
        )
    items = "".join(f"<li>{html.escape(r)}</li>" for r in regels) or "<li>Geen verschil.</li>"
    return f"<div class='wp-sinds'><b>{_kop(basis)}</b><ul>{items}</ul></div>"
