"""Netwerkanalyse (seed 000; tip in seed 004): who has contact with whom, and where the gaps are.

Nodes are organisations, with the domein their participants (or, failing that, the
stakeholderkaart) gave; edges are undirected and weighted by contacts per year
(:data:`toolkit.model.FREQUENTIE_GEWICHT`). When several people report the same pair, the
most frequent report counts (one person's "wekelijks" is evidence of contact); a pair
reported only as "nooit" gets no edge. The question that matters most is zorg <-> sociaal:
:data:`ZORG` and :data:`SOCIAAL` say which domeinen stand on each side (the gemeente is part
of the social domain, as in design.md).
"""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pandas as pd

from toolkit import model
from toolkit.analysis.stakeholders import normaliseer_naam

ZORG: frozenset[str] = frozenset({"zorg"})
SOCIAAL: frozenset[str] = frozenset({"sociaal", "gemeente"})
#: Fixed seed, so the wand and the Word export draw the same picture every time.
LAYOUT_SEED = 7


def _meest(waarden: list[str]) -> str:
    gevuld = [w for w in waarden if isinstance(w, str) and w.strip()]
    return Counter(gevuld).most_common(1)[0][0] if gevuld else ""


def bouw_netwerk(
    relaties: pd.DataFrame,
    deelnemers: pd.DataFrame | None = None,
    stakeholders: pd.DataFrame | None = None,
) -> nx.Graph:
    """The organisation network; every organisation present in the room is a node, tied or not.

    Spellings of one organisation ('Sociaal Team', 'sociaal team ') become one node named by
    the most common spelling. Node attribute ``domein``; edge attributes ``gewicht`` (contacts
    per year), ``frequentie``, ``meldingen`` (how many reports) and ``overlegvormen``.
    """
    spellingen: dict[str, list[str]] = {}
    domeinen: dict[str, list[str]] = {}

    def noem(naam: str, domein: str | None = None) -> str:
        sleutel = normaliseer_naam(naam)
        spellingen.setdefault(sleutel, []).append(str(naam).strip())
        if domein:
            domeinen.setdefault(sleutel, []).append(domein)
        return sleutel

    if deelnemers is not None and not deelnemers.empty:
        for org, dom in zip(deelnemers["organisatie"], deelnemers["domein"], strict=True):
            noem(org, dom)
    reserve: dict[str, str] = {}
    if stakeholders is not None and not stakeholders.empty:
        for naam, org, dom in zip(
            stakeholders["naam"], stakeholders["organisatie"], stakeholders["domein"], strict=True
        ):
            for n in (naam, org):
                if isinstance(n, str) and n.strip():
                    reserve.setdefault(normaliseer_naam(n), dom)

    paren: dict[tuple[str, str], list[tuple[str, str]]] = {}
    if relaties.empty:
        relaties = pd.DataFrame(columns=["van", "naar", "frequentie", "overlegvorm"])
    for van, naar, freq, overleg in zip(
        relaties["van"], relaties["naar"], relaties["frequentie"], relaties["overlegvorm"], strict=True
    ):
        a, b = noem(van), noem(naar)
        if a == b:
            continue
        paren.setdefault(tuple(sorted((a, b))), []).append((freq, overleg or ""))

    naam_van = {s: _meest(v) for s, v in spellingen.items()}
    g = nx.Graph()
    for sleutel, naam in naam_van.items():
        domein = _meest(domeinen.get(sleutel, [])) or reserve.get(sleutel, "overig")
        g.add_node(naam, domein=domein)
    for (a, b), meldingen in paren.items():
        freq = max((f for f, _o in meldingen), key=lambda f: model.FREQUENTIE_GEWICHT[f])
        gewicht = model.FREQUENTIE_GEWICHT[freq]
        if gewicht <= 0:
            continue
        overleg = sorted({o for _f, o in meldingen if o})
        g.add_edge(
            naam_van[a],
            naam_van[b],
            gewicht=gewicht,
            frequentie=freq,
            meldingen=len(meldingen),
            overlegvormen=overleg,
        )
    return g


def _kant(g: nx.Graph, knoop: str, groep: frozenset[str]) -> bool:
    return g.nodes[knoop].get("domein") in groep


def dichtheid(g: nx.Graph) -> float:
    """Share of all possible pairs that have contact (0 with fewer than two organisations)."""
    return float(nx.density(g)) if g.number_of_nodes() > 1 else 0.0


def dichtheid_tussen(
    g: nx.Graph, groep_a: frozenset[str] | set[str], groep_b: frozenset[str] | set[str]
) -> float:
    """Edges between the two groups of domeinen / possible pairs between them (0 if none possible).

    With the same group twice, the density inside that group.
    """
    a = [n for n in g if _kant(g, n, frozenset(groep_a))]
    b = [n for n in g if _kant(g, n, frozenset(groep_b))]
    if set(groep_a) == set(groep_b):
        mogelijk = len(a) * (len(a) - 1) // 2
        aanwezig = g.subgraph(a).number_of_edges()
    else:
        mogelijk = len(a) * len(b)
        aanwezig = sum(1 for u, v in g.edges if (u in a and v in b) or (u in b and v in a))
    return aanwezig / mogelijk if mogelijk else 0.0


def dichtheid_per_domeinpaar(g: nx.Graph) -> pd.DataFrame:
    """``domein_a``, ``domein_b``, ``dichtheid``, ``contacten``, ``mogelijk`` for every pair of present domeinen."""
    aanwezig = [d for d in model.DOMEINEN if any(g.nodes[n].get("domein") == d for n in g)]
    rijen = []
    for i, a in enumerate(aanwezig):
        for b in aanwezig[i:]:
            na = sum(1 for n in g if g.nodes[n]["domein"] == a)
            nb = sum(1 for n in g if g.nodes[n]["domein"] == b)
            mogelijk = na * (na - 1) // 2 if a == b else na * nb
            contacten = sum(1 for u, v in g.edges if {g.nodes[u]["domein"], g.nodes[v]["domein"]} == {a, b})
            rijen.append(
                {
                    "domein_a": a,
                    "domein_b": b,
                    "dichtheid": contacten / mogelijk if mogelijk else 0.0,
                    "contacten": contacten,
                    "mogelijk": mogelijk,
                }
            )
    return pd.DataFrame(rijen, columns=["domein_a", "domein_b", "dichtheid", "contacten", "mogelijk"])


def centraliteit(g: nx.Graph) -> pd.DataFrame:
    """Per organisation: ``organisatie``, ``domein``, ``contacten`` (degree), ``degree``, ``betweenness`` (both normalised), ``contacten_per_jaar``; most central first."""
    kolommen = ["organisatie", "domein", "contacten", "degree", "betweenness", "contacten_per_jaar"]
    if g.number_of_nodes() == 0:
        return pd.DataFrame(columns=kolommen)
    degree = nx.degree_centrality(g) if g.number_of_nodes() > 1 else dict.fromkeys(g, 0.0)
    between = nx.betweenness_centrality(g, normalized=True)
    rijen = [
        {
            "organisatie": n,
            "domein": g.nodes[n].get("domein", "overig"),
            "contacten": g.degree(n),
            "degree": float(degree[n]),
            "betweenness": float(between[n]),
            "contacten_per_jaar": int(g.degree(n, weight="gewicht")),
        }
        for n in g
    ]
    uit = pd.DataFrame(rijen, columns=kolommen)
    return uit.sort_values(
        ["betweenness", "degree", "organisatie"], ascending=[False, False, True]
    ).reset_index(drop=True)


def makelaars(g: nx.Graph, aantal: int = 3) -> list[str]:
    """The brokers: organisations with the highest betweenness above zero (at most ``aantal``)."""
    tabel = centraliteit(g)
    return list(tabel.loc[tabel["betweenness"] > 0, "organisatie"].head(aantal))


def zonder_brug(g: nx.Graph, groep_a: frozenset[str] = ZORG, groep_b: frozenset[str] = SOCIAAL) -> list[str]:
    """Organisations on either side with no contact at all with the other side, sorted."""
    uit = []
    for n in g:
        if _kant(g, n, groep_a):
            ander = groep_b
        elif _kant(g, n, groep_b):
            ander = groep_a
        else:
            continue
        if not any(_kant(g, m, ander) for m in g.neighbors(n)):
            uit.append(n)
    return sorted(uit, key=str.casefold)


def ontbrekende_paren(
    g: nx.Graph, groep_a: frozenset[str] = ZORG, groep_b: frozenset[str] = SOCIAAL
) -> list[tuple[str, str]]:
    """Pairs (a from ``groep_a``, b from ``groep_b``) with no contact at all, sorted."""
    a = sorted((n for n in g if _kant(g, n, groep_a)), key=str.casefold)
    b = sorted((n for n in g if _kant(g, n, groep_b)), key=str.casefold)
    return [(x, y) for x in a for y in b if not g.has_edge(x, y)]


def layout(g: nx.Graph, seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """x/y per organisation in [-1, 1], deterministic (spring layout with a fixed seed)."""
    if g.number_of_nodes() == 0:
        return {}
    if g.number_of_nodes() == 1:
        return {next(iter(g)): (0.0, 0.0)}
    posities = nx.spring_layout(g, weight=None, seed=seed, k=1.6 / g.number_of_nodes() ** 0.5)
    return {n: (float(x), float(y)) for n, (x, y) in posities.items()}


def knopen_en_lijnen(g: nx.Graph, seed: int = LAYOUT_SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The frames :func:`toolkit.charts.netwerk` draws: nodes with x/y and edges with both ends."""
    posities = layout(g, seed)
    tabel = centraliteit(g).set_index("organisatie") if g.number_of_nodes() else None
    knopen = pd.DataFrame(
        [
            {
                "organisatie": n,
                "domein": g.nodes[n].get("domein", "overig"),
                "x": posities[n][0],
                "y": posities[n][1],
                "contacten": g.degree(n),
                "betweenness": float(tabel.loc[n, "betweenness"]) if tabel is not None else 0.0,
            }
            for n in g
        ],
        columns=["organisatie", "domein", "x", "y", "contacten", "betweenness"],
    )
    lijnen = pd.DataFrame(
        [
            {
                "van": u,
                "naar": v,
                "x": posities[u][0],
                "y": posities[u][1],
                "x2": posities[v][0],
                "y2": posities[v][1],
                "frequentie": d["frequentie"],
                "gewicht": d["gewicht"],
                "tussen_domeinen": (_kant(g, u, ZORG) and _kant(g, v, SOCIAAL))
                or (_kant(g, u, SOCIAAL) and _kant(g, v, ZORG)),
            }
            for u, v, d in g.edges(data=True)
        ],
        columns=["van", "naar", "x", "y", "x2", "y2", "frequentie", "gewicht", "tussen_domeinen"],
    )
    return knopen, lijnen


def samenvatting(g: nx.Graph) -> dict[str, object]:
    """The figures the wand and the visiedocument quote, in one plain dict."""
    return {
        "organisaties": g.number_of_nodes(),
        "contacten": g.number_of_edges(),
        "dichtheid": dichtheid(g),
        "dichtheid_zorg_sociaal": dichtheid_tussen(g, ZORG, SOCIAAL),
        "makelaars": makelaars(g),
        "zonder_brug": zonder_brug(g),
        "ontbrekende_paren": ontbrekende_paren(g),
    }


__all__ = [
    "LAYOUT_SEED",
    "SOCIAAL",
    "ZORG",
    "bouw_netwerk",
    "centraliteit",
    "dichtheid",
    "dichtheid_per_domeinpaar",
    "dichtheid_tussen",
    "knopen_en_lijnen",
    "layout",
    "makelaars",
    "ontbrekende_paren",
    "samenvatting",
    "zonder_brug",
]
