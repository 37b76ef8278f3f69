"""Altair chart builders: data in, chart out, Dutch labels, one colour per domein.

Every builder is pure: it takes a DataFrame (as :mod:`toolkit.analysis` produces it) and
returns an Altair chart, never touching the store. ``groot=True`` scales type and size for
the beamer (the wand); the default suits a notebook and the Word export. Empty data gives a
chart that says "Nog geen gegevens" instead of an exception, so a wand never breaks on a
quiet room. :func:`naar_png` and :func:`naar_svg` render with vl-convert: no browser and no
script from the internet.
"""

from __future__ import annotations

import json
import math
import textwrap
from typing import Any

import altair as alt
import pandas as pd

from toolkit import model
from toolkit.analysis import horizon, stakeholders
from toolkit.analysis import stellingen as stellingen_analyse

LEEG = "Nog geen gegevens"
#: Marks what needs attention (a glyph the chart font has, unlike ⚠).
MARKERING = "● "

#: One colour per domein, shared by every chart: Okabe-Ito hues darkened until each has at
#: least 4.5:1 contrast on white (WCAG AA), so they stay apart for colour-blind readers too.
DOMEIN_KLEUREN: dict[str, str] = {
    "zorg": "#0062A0",  # blue
    "sociaal": "#B34700",  # vermillion
    "gemeente": "#00704F",  # bluish green
    "inwoner": "#A23B72",  # reddish purple
    "verzekeraar": "#6A4C93",  # violet
    "overig": "#595959",  # grey
}
#: Colours for the five themes of seed 003 plus entries without a theme.
THEMA_KLEUREN: dict[str, str] = {
    "kwaliteit van zorg": "#0062A0",
    "communicatie": "#B34700",
    "verwijzen en indiceren": "#00704F",
    "informatie-uitwisseling": "#A23B72",
    "financiering": "#6A4C93",
    "(geen)": "#8C8C8C",
}
#: Diverging scale oneens (orange-brown) .. eens (blue), neutral grey in the middle.
SCHAAL_KLEUREN: tuple[str, ...] = ("#8C3B00", "#E0915A", "#BDBDBD", "#6BA3D6", "#0B4F8A")
KWADRANT_KLEUREN: dict[str, str] = {
    stakeholders.NAUW_BETREKKEN: "#0062A0",
    stakeholders.TEVREDEN_HOUDEN: "#6A4C93",
    stakeholders.INFORMEREN: "#00704F",
    stakeholders.MONITOREN: "#595959",
}
LETTERTYPE = "Liberation Sans, Arial, Helvetica, sans-serif"


# --- shared pieces ------------------------------------------------------------------------


def _maat(groot: bool) -> dict[str, float]:
    """Font sizes and chart size for a notebook/Word (default) or the beamer (groot)."""
    f = 2.0 if groot else 1.0  # groot: at least 24 px on a 1920x1080 beamer
    return {
        "label": (14 if groot else 13) * f,
        "titel_as": 14 * f,
        "titel": 18 * f,
        "tekst": (14 if groot else 12) * f,
        "breedte": 1100 if groot else 620,
        "hoogte": 480 if groot else 380,  # groot: drawn 1:1 below the step title on 1080 lines
        "factor": f,
    }


def _stijl(chart: Any, groot: bool) -> Any:
    """Apply the house style to a top-level chart."""
    m = _maat(groot)
    return (
        chart.configure(font=LETTERTYPE, background="white")
        .configure_axis(
            labelFontSize=m["label"],
            titleFontSize=m["titel_as"],
            labelColor="#222222",
            titleColor="#222222",
            gridColor="#E5E5E5",
        )
        .configure_legend(
            labelFontSize=m["label"], titleFontSize=m["titel_as"], labelLimit=400, labelOverlap="greedy"
        )
        .configure_title(
            fontSize=m["titel"],
            anchor="start",
            color="#111111",
            subtitleFontSize=m["label"],
            offset=10 * m["factor"],
        )
        .configure_view(stroke=None)
    )


def _titel(titel: str, ondertitel: str | list[str] | None = None) -> alt.TitleParams:
    return alt.TitleParams(text=titel, subtitle=ondertitel or "")


def domein_kleur(
    veld: str = "domein_label", *, titel: str = "Domein", legenda: bool = True, kolommen: int | None = None
) -> alt.Color:
    """The one colour encoding for domeinen (on the Dutch label column)."""
    return alt.Color(
        f"{veld}:N",
        title=titel,
        scale=alt.Scale(
            domain=[model.DOMEIN_LABELS[d] for d in model.DOMEINEN],
            range=[DOMEIN_KLEUREN[d] for d in model.DOMEINEN],
        ),
        legend=(alt.Legend(orient="bottom", direction="horizontal", **({"columns": kolommen} if kolommen else {})))
        if legenda
        else None,
    )


def _met_domein_label(df: pd.DataFrame, veld: str = "domein") -> pd.DataFrame:
    return df.assign(
        domein_label=df[veld].map(lambda d: model.DOMEIN_LABELS.get(d, model.DOMEIN_LABELS["overig"]))
    )


def _breek(tekst: str, breedte: int, regels: int = 3) -> str:
    """Wrap a text to at most ``regels`` lines of ``breedte``; '\n' separated (see labelExpr)."""
    lijnen = textwrap.wrap(str(tekst), breedte) or [""]
    if len(lijnen) > regels:
        lijnen = lijnen[:regels]
        lijnen[-1] = lijnen[-1][: max(0, breedte - 1)].rstrip() + "…"
    return "\n".join(lijnen)


def _gehele_as(hoogste: int) -> alt.Axis:
    """An axis of counts: whole numbers only, never '1 1 2 2'."""
    stap = max(1, -(-hoogste // 8))
    return alt.Axis(values=list(range(0, hoogste + stap + 1, stap)), format="d")


#: Axis labels with '\n' become several lines.
_REGELS = "split(datum.label, '\\n')"


def _uniek(labels: list[str]) -> list[str]:
    """Make labels unique by adding invisible-looking suffixes, so bars never merge."""
    gezien: dict[str, int] = {}
    uit = []
    for label in labels:
        n = gezien.get(label, 0)
        gezien[label] = n + 1
        uit.append(label if n == 0 else f"{label}{' ' * n}")
    return uit


def leeg(titel: str, *, groot: bool = False, melding: str = LEEG) -> alt.Chart:
    """A chart that says there is nothing to show yet."""
    m = _maat(groot)
    chart = (
        alt.Chart(pd.DataFrame({"melding": [melding]}))
        .mark_text(fontSize=m["titel"], color="#595959")
        .encode(text="melding:N")
        .properties(title=_titel(titel), width=m["breedte"], height=m["hoogte"] / 3)
    )
    return _stijl(chart, groot)


# --- builders -------------------------------------------------------------------------------


def ranking(
    tally_df: pd.DataFrame,
    *,
    kleur: str | None = "thema",
    top: int | None = 10,
    groot: bool = False,
    titel: str = "Stemmen per bijdrage",
) -> alt.Chart:
    """Horizontal bars of votes, most first; coloured by theme when ``kleur`` names a filled column.

    Takes :func:`toolkit.analysis.stemmen.ranking` output or any frame with ``tekst`` and ``stemmen``.
    """
    if tally_df is None or tally_df.empty:
        return leeg(titel, groot=groot)
    m = _maat(groot)
    df = tally_df.sort_values("stemmen", ascending=False, kind="stable")
    if top is not None:
        df = df.head(top)
    df = df.assign(label=_uniek([_breek(t, 48 if groot else 42, 2) for t in df["tekst"]]))
    gebruik_kleur = bool(kleur) and kleur in df.columns and df[kleur].fillna("").astype(bool).any()
    if gebruik_kleur:
        df = df.assign(**{kleur: df[kleur].fillna("").replace("", "(geen)")})
    basis = alt.Chart(df).encode(
        y=alt.Y(
            "label:N",
            sort=list(df["label"]),
            title=None,
            axis=alt.Axis(labelExpr=_REGELS, labelLimit=m["breedte"] * 0.55, labelPadding=6),
        ),
        x=alt.X("stemmen:Q", title="Stemmen", axis=_gehele_as(int(df["stemmen"].max()))),
        tooltip=[alt.Tooltip("tekst:N", title="Bijdrage"), alt.Tooltip("stemmen:Q", title="Stemmen")],
    )
    if gebruik_kleur and kleur == "thema":
        aanwezig = [t for t in THEMA_KLEUREN if t in set(df["thema"])]
        kleur_enc = alt.Color(
            "thema:N",
            title="Thema",
            scale=alt.Scale(domain=aanwezig, range=[THEMA_KLEUREN[t] for t in aanwezig]),
            legend=alt.Legend(orient="bottom", direction="horizontal", columns=3),
        )
        staven = basis.mark_bar(cornerRadiusEnd=3).encode(color=kleur_enc)
    elif gebruik_kleur:
        staven = basis.mark_bar(cornerRadiusEnd=3).encode(
            color=alt.Color(f"{kleur}:N", title=kleur.capitalize())
        )
    else:
        staven = basis.mark_bar(cornerRadiusEnd=3, color=DOMEIN_KLEUREN["zorg"])
    getallen = basis.mark_text(
        align="left", dx=5, fontSize=m["tekst"], fontWeight="bold", color="#222222"
    ).encode(text="stemmen:Q")
    hoogte = max(m["hoogte"] * 0.4, len(df) * (60 if groot else 36))
    chart = (staven + getallen).properties(title=_titel(titel), width=m["breedte"] * 0.45, height=hoogte)
    return _stijl(chart, groot)


def _diverging(verdeling: pd.DataFrame) -> pd.DataFrame:
    """Start/end per segment: disagree left of 0, neutral centred on 0, agree right."""
    rijen = []
    for stelling, groep in verdeling.groupby("stelling", sort=False):
        aandeel = dict(zip(groep["waarde"], groep["aandeel"], strict=True))
        start = -(aandeel.get(1, 0) + aandeel.get(2, 0) + aandeel.get(3, 0) / 2)
        for _i, rij in groep.sort_values("waarde").iterrows():
            eind = start + rij["aandeel"]
            rijen.append({**rij.to_dict(), "stelling": stelling, "begin": start, "eind": eind})
            start = eind
    return pd.DataFrame(rijen)


def stellingen(
    df: pd.DataFrame,
    *,
    bespreken: int = 2,
    volgorde: list[str] | None = None,
    groot: bool = False,
    titel: str = "Stellingen: oneens of eens?",
) -> alt.LayerChart | alt.Chart:
    """Diverging stacked bars per stelling, oneens left and eens right; the most spread marked.

    Takes the ``antwoorden`` frame (stelling answers are picked out) or
    :func:`toolkit.analysis.stellingen.verdeling` output.
    """
    verdeling = df if "aandeel" in df.columns else stellingen_analyse.verdeling(df)
    if verdeling.empty:
        return leeg(titel, groot=groot)
    m = _maat(groot)
    spreiding = (
        stellingen_analyse.spreiding(df, bespreken=bespreken)
        if "onderwerp" in df.columns
        else _spreiding_uit_verdeling(verdeling, bespreken)
    )
    te_bespreken = set(spreiding.loc[spreiding["bespreken"], "stelling"])
    # the onderdeel's order first; answers to a stelling since edited away still get a row
    volgorde = list(dict.fromkeys([*(volgorde or []), *verdeling["stelling"]]))
    labels = {s: _breek(s, 40 if groot else 36, 3) for s in volgorde}
    data = _diverging(verdeling.rename(columns={"label": "antwoord"})).assign(
        label=lambda d: d["stelling"].map(labels),
        bespreken=lambda d: d["stelling"].isin(te_bespreken),
    )
    data = data[data["aantal"] > 0]
    y = alt.Y(
        "label:N",
        sort=[labels[s] for s in volgorde if s in labels],
        title=None,
        axis=alt.Axis(labelExpr=_REGELS, labelLimit=m["breedte"] * 0.5, labelPadding=8),
    )
    staven = (
        alt.Chart(data)
        .mark_bar(stroke="white", strokeWidth=1)
        .encode(
            y=y,
            x=alt.X(
                "begin:Q",
                title="Aandeel van de antwoorden (oneens ← → eens)",
                scale=alt.Scale(domain=[-1, 1]),
                axis=alt.Axis(labelExpr="format(abs(datum.value), '.0%')", values=[-1, -0.5, 0, 0.5, 1]),
            ),
            x2="eind:Q",
            color=alt.Color(
                "antwoord:N",
                title="Antwoord",
                scale=alt.Scale(domain=list(stellingen_analyse.SCHAAL_LABELS), range=list(SCHAAL_KLEUREN)),
                legend=alt.Legend(orient="bottom", direction="horizontal"),
            ),
            tooltip=[
                alt.Tooltip("stelling:N", title="Stelling"),
                alt.Tooltip("antwoord:N", title="Antwoord"),
                alt.Tooltip("aantal:Q", title="Aantal"),
                alt.Tooltip("aandeel:Q", title="Aandeel", format=".0%"),
            ],
        )
    )
    nul = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#333333", strokeWidth=1.5).encode(x="x:Q")
    markering = (
        alt.Chart(pd.DataFrame({"label": [labels[s] for s in volgorde if s in te_bespreken], "x": 1.0}))
        .mark_text(align="left", dx=8, fontSize=m["tekst"], fontWeight="bold", color="#8C3B00")
        .encode(y=y, x="x:Q", text=alt.value(f"{MARKERING}bespreken"))
    )
    hoogte = max(m["hoogte"] * 0.4, len(volgorde) * (90 if groot else 56))
    chart = alt.layer(staven, nul, markering).properties(
        title=_titel(titel, f"{MARKERING}bespreken = de meeste spreiding: hier is de groep het minst eens"),
        width=m["breedte"] * 0.5,
        height=hoogte,
    )
    return _stijl(chart, groot)


def _spreiding_uit_verdeling(verdeling: pd.DataFrame, bespreken: int) -> pd.DataFrame:
    antwoorden = verdeling.loc[verdeling.index.repeat(verdeling["aantal"]), ["stelling", "waarde"]]
    return stellingen_analyse.spreiding(
        antwoorden.rename(columns={"stelling": "onderwerp"}), bespreken=bespreken
    )


def _naam_posities(
    df: pd.DataFrame,
    grootte: str,
    domein: tuple[float, float],
    bereik: tuple[float, float],
    px_per_eenheid: float,
    rechts: float,
    lettergrootte: float,
) -> pd.DataFrame:
    """Where a point's name goes: just beside its circle (``lx``), left of it near the right edge."""
    lo, hi = domein
    lx, uitlijning = [], []
    for x, waarde, naam in zip(df["x"], df[grootte], df["label_naam"], strict=True):
        deel = (float(waarde) - lo) / (hi - lo) if hi > lo else 0.0
        straal = math.sqrt((bereik[0] + deel * (bereik[1] - bereik[0])) / math.pi)
        afstand = (straal + 0.4 * lettergrootte) / px_per_eenheid
        breedte = len(str(naam)) * lettergrootte * 0.58 / px_per_eenheid
        if x + afstand + breedte > rechts:
            lx.append(x - afstand)
            uitlijning.append("right")
        else:
            lx.append(x + afstand)
            uitlijning.append("left")
    return df.assign(lx=lx, uitlijning=uitlijning)


def _namen(data: pd.DataFrame, x: alt.X, y: alt.Y, lettergrootte: float, *, vet: bool = False) -> list[Any]:
    """Name labels with a white halo, so they stay readable over lines and shading."""
    lagen = []
    for uitlijning in ("left", "right"):
        deel = alt.Chart(data).transform_filter(f"datum.uitlijning == '{uitlijning}'")
        stijl = {
            "align": uitlijning,
            "baseline": "middle",
            "fontSize": lettergrootte,
            "fontWeight": "bold" if vet else "normal",
        }
        lagen.append(
            deel.mark_text(**stijl, color="white", stroke="white", strokeWidth=4, strokeJoin="round").encode(
                x=x, y=y, text="label_naam:N"
            )
        )
        lagen.append(deel.mark_text(**stijl, color="#1A1A1A").encode(x=x, y=y, text="label_naam:N"))
    return lagen


def _spreid(df: pd.DataFrame, straal: float = 0.18) -> pd.DataFrame:
    """Spread points that share a position on a small circle, so labels do not overlap."""

    df = df.copy()
    df["x"], df["y"] = df["belang"].astype(float), df["invloed"].astype(float)
    for _pos, groep in df.groupby([df["x"].round(2), df["y"].round(2)]):
        if len(groep) < 2:
            continue
        for k, i in enumerate(groep.index):
            hoek = 2 * math.pi * k / len(groep) + math.pi / 4
            df.loc[i, "x"] += straal * math.cos(hoek)
            df.loc[i, "y"] += straal * math.sin(hoek)
    return df


def stakeholderkaart(
    df: pd.DataFrame, *, groot: bool = False, titel: str = "Stakeholderkaart: invloed en belang"
) -> alt.LayerChart | alt.Chart:
    """The invloed x belang grid (1-5) with the four quadrants shaded and named.

    Points are coloured by domein and sized by how many people named them. Takes
    :func:`toolkit.analysis.stakeholders.voeg_samen` output, or the raw stakeholders frame.
    """
    m = _maat(groot)
    if df is not None and not df.empty and "aantal" not in df.columns:
        df = stakeholders.voeg_samen(df)
    d = stakeholders.DREMPEL
    vlakken = pd.DataFrame(
        [
            {
                "kwadrant": stakeholders.NAUW_BETREKKEN,
                "x": d,
                "x2": 5.5,
                "y": d,
                "y2": 5.5,
                "tx": 5.4,
                "ty": 5.4,
                "uitlijning": "right",
            },
            {
                "kwadrant": stakeholders.TEVREDEN_HOUDEN,
                "x": 0.5,
                "x2": d,
                "y": d,
                "y2": 5.5,
                "tx": 0.6,
                "ty": 5.4,
                "uitlijning": "left",
            },
            {
                "kwadrant": stakeholders.INFORMEREN,
                "x": d,
                "x2": 5.5,
                "y": 0.5,
                "y2": d,
                "tx": 5.4,
                "ty": 0.6,
                "uitlijning": "right",
            },
            {
                "kwadrant": stakeholders.MONITOREN,
                "x": 0.5,
                "x2": d,
                "y": 0.5,
                "y2": d,
                "tx": 0.6,
                "ty": 0.6,
                "uitlijning": "left",
            },
        ]
    ).assign(naam_kwadrant=lambda v: v["kwadrant"].str.capitalize())
    schaal = alt.Scale(domain=[0.5, 5.5], nice=False, zero=False)
    x = alt.X(
        "x:Q",
        title="Belang (1 laag – 5 hoog)",
        scale=schaal,
        axis=alt.Axis(values=[1, 2, 3, 4, 5], format="d", grid=False),
    )
    y = alt.Y(
        "y:Q",
        title="Invloed (1 laag – 5 hoog)",
        scale=schaal,
        axis=alt.Axis(values=[1, 2, 3, 4, 5], format="d", grid=False),
    )
    kwadrant_kleur = alt.Color(
        "kwadrant:N",
        scale=alt.Scale(domain=list(KWADRANT_KLEUREN), range=list(KWADRANT_KLEUREN.values())),
        legend=None,
    )
    vlak = (
        alt.Chart(vlakken)
        .mark_rect(opacity=0.07)
        .encode(x=x, x2="x2:Q", y=y, y2="y2:Q", color=kwadrant_kleur)
    )
    grens = alt.Chart(pd.DataFrame({"d": [d]})).mark_rule(color="#8C8C8C", strokeDash=[6, 4], strokeWidth=1.5)
    lagen: list[Any] = [
        vlak,
        grens.encode(x=alt.X("d:Q", scale=schaal)),
        grens.encode(y=alt.Y("d:Q", scale=schaal)),
    ]
    for uitlijning in ("left", "right"):
        for basislijn, filter_y in (("top", "datum.ty > 3"), ("bottom", "datum.ty < 3")):
            lagen.append(
                alt.Chart(vlakken)
                .transform_filter(f"datum.uitlijning == '{uitlijning}' && {filter_y}")
                .mark_text(
                    align=uitlijning,
                    baseline=basislijn,
                    fontSize=m["titel_as"],
                    fontWeight="bold",
                    opacity=0.8,
                )
                .encode(
                    x=alt.X("tx:Q", scale=schaal),
                    y=alt.Y("ty:Q", scale=schaal),
                    text="naam_kwadrant:N",
                    color=kwadrant_kleur,
                )
            )
    ondertitel = f"Hoog = gemiddeld boven {d:g}; grootte = hoe vaak genoemd"
    if df is None or df.empty:
        lagen.append(
            alt.Chart(pd.DataFrame({"x": [3.0], "y": [3.0], "melding": [LEEG]}))
            .mark_text(fontSize=m["titel"], color="#595959")
            .encode(x=alt.X("x:Q", scale=schaal), y=alt.Y("y:Q", scale=schaal), text="melding:N")
        )
    else:
        kant = m["hoogte"] * (1.1 if groot else 1.2)
        grootte_domein = (1.0, float(max(3, df["aantal"].max())))
        grootte_bereik = (120 * m["factor"] ** 2, 900 * m["factor"] ** 2)
        data = _naam_posities(
            _met_domein_label(_spreid(df)).assign(label_naam=lambda d: d["naam"]),
            "aantal",
            grootte_domein,
            grootte_bereik,
            px_per_eenheid=kant * 1.25 / 5,
            rechts=5.5,
            lettergrootte=m["tekst"],
        )
        punten = (
            alt.Chart(data)
            .mark_circle(opacity=0.9, stroke="white", strokeWidth=1.5)
            .encode(
                x=x,
                y=y,
                color=domein_kleur(),
                size=alt.Size(
                    "aantal:Q",
                    title="Keer genoemd",
                    scale=alt.Scale(domain=list(grootte_domein), range=list(grootte_bereik), zero=False),
                    legend=None,
                ),
                tooltip=[
                    alt.Tooltip("naam:N", title="Naam"),
                    alt.Tooltip("domein_label:N", title="Domein"),
                    alt.Tooltip("aantal:Q", title="Keer genoemd"),
                    alt.Tooltip("invloed:Q", title="Invloed", format=".1f"),
                    alt.Tooltip("belang:Q", title="Belang", format=".1f"),
                    alt.Tooltip("kwadrant:N", title="Kwadrant"),
                ],
            )
        )
        lagen += [punten, *_namen(data, alt.X("lx:Q", scale=schaal), y, m["tekst"])]
    kant = m["hoogte"] * (1.1 if groot else 1.2)
    chart = (
        alt.layer(*lagen)
        .resolve_scale(color="independent", size="independent")
        .properties(title=_titel(titel, ondertitel), width=kant * 1.25, height=kant)
    )
    return _stijl(chart, groot)


def _boven_of_onder(knopen: list[tuple[float, float, float, float]], hoogte: float) -> list[bool]:
    """Per node (x, y, radius, label width in px, y upwards): label above (True) or below.

    Greedy, top node first: above unless that box hits a label already placed, then below
    if that is free. Enough to keep neighbouring names apart on a small network.
    """
    geplaatst: list[tuple[float, float, float, float]] = []

    def doos(i: int, boven: bool) -> tuple[float, float, float, float]:
        x, y, r, b = knopen[i]
        onder = y + r + 3 if boven else y - r - 3 - hoogte
        return (x - b / 2, x + b / 2, onder, onder + hoogte)

    def botst(d: tuple[float, float, float, float]) -> bool:
        return any(d[0] < e[1] and e[0] < d[1] and d[2] < e[3] and e[2] < d[3] for e in geplaatst)

    keuze = [True] * len(knopen)
    for i in sorted(range(len(knopen)), key=lambda i: -knopen[i][1]):
        boven = not botst(doos(i, True)) or botst(doos(i, False))
        keuze[i] = boven
        geplaatst.append(doos(i, boven))
    return keuze


def netwerk(
    nodes_df: pd.DataFrame,
    edges_df: pd.DataFrame,
    *,
    groot: bool = False,
    titel: str = "Wie heeft contact met wie?",
) -> alt.LayerChart | alt.Chart:
    """The organisation network: lines by contact frequency, circles coloured by domein.

    Positions come from :func:`toolkit.analysis.netwerk.knopen_en_lijnen` (computed in Python,
    with a fixed seed), so the wand and the Word document show the same picture. Names sit
    centred above their circle; the plot area grows until every name fits.
    """
    if nodes_df is None or nodes_df.empty:
        return leeg(titel, groot=groot)
    m = _maat(groot)
    hoogte = m["hoogte"] * (0.8 if groot else 1.2)  # groot: with title and legend below a wand's step title
    breedte = hoogte * 1.35
    laag, hoog = float(nodes_df["contacten"].min()), float(nodes_df["contacten"].max())
    grootte_domein = (laag, max(hoog, laag + 1))
    grootte_bereik = (250 * m["factor"] ** 2, 1100 * m["factor"] ** 2)
    stralen = [
        math.sqrt(
            (
                grootte_bereik[0]
                + (c - laag) / (grootte_domein[1] - laag) * (grootte_bereik[1] - grootte_bereik[0])
            )
            / math.pi
        )
        for c in nodes_df["contacten"]
    ]
    helft = [len(str(n)) * m["tekst"] * 0.3 + 4 for n in nodes_df["organisatie"]]  # half a label, px
    xs, ys = list(nodes_df["x"]), list(nodes_df["y"])
    x_dom = [min(xs) - 0.1, max(xs) + 0.1]
    y_dom = [min(ys) - 0.12, max(ys) + 0.1]
    for _ in range(4):  # widen the domain until labels and circles fit in the fixed pixel size
        px_x = breedte / (x_dom[1] - x_dom[0])
        px_y = hoogte / (y_dom[1] - y_dom[0])
        x_dom = [
            min(x_dom[0], min(x - h / px_x for x, h in zip(xs, helft, strict=True))),
            max(x_dom[1], max(x + h / px_x for x, h in zip(xs, helft, strict=True))),
        ]
        y_dom[1] = max(
            y_dom[1], max(y + (r + m["tekst"] * 1.4) / px_y for y, r in zip(ys, stralen, strict=True))
        )
        y_dom[0] = min(
            y_dom[0], min(y - (r + m["tekst"] * 1.4) / px_y for y, r in zip(ys, stralen, strict=True))
        )
    px_y = hoogte / (y_dom[1] - y_dom[0])
    schaal_x = alt.Scale(domain=x_dom, nice=False, zero=False)
    schaal_y = alt.Scale(domain=y_dom, nice=False, zero=False)
    geen_as = alt.Axis(title=None, labels=False, ticks=False, domain=False, grid=False)
    frequenties = [f for f in model.FREQUENTIES if f != "nooit"]
    lagen: list[Any] = []
    if edges_df is not None and not edges_df.empty:
        lagen.append(
            alt.Chart(edges_df)
            .mark_rule(color="#4D4D4D", strokeCap="round")
            .encode(
                x=alt.X("x:Q", scale=schaal_x, axis=geen_as),
                y=alt.Y("y:Q", scale=schaal_y, axis=geen_as),
                x2="x2:Q",
                y2="y2:Q",
                strokeWidth=alt.StrokeWidth(
                    "frequentie:O",
                    title="Contact",
                    sort=frequenties,
                    scale=alt.Scale(domain=frequenties, range=[w * m["factor"] for w in (7, 4.5, 2.5, 1.2)]),
                    legend=alt.Legend(orient="bottom", direction="horizontal", **({"columns": 2} if groot else {})),
                ),
                opacity=alt.Opacity(
                    "frequentie:O",
                    sort=frequenties,
                    scale=alt.Scale(domain=frequenties, range=[0.85, 0.7, 0.55, 0.4]),
                    legend=None,
                ),
                tooltip=[
                    alt.Tooltip("van:N", title="Van"),
                    alt.Tooltip("naar:N", title="Naar"),
                    alt.Tooltip("frequentie:N", title="Contact"),
                ],
            )
        )
    px_x = breedte / (x_dom[1] - x_dom[0])
    boven = _boven_of_onder(
        [
            ((x - x_dom[0]) * px_x, (y - y_dom[0]) * px_y, r, 2 * h)
            for x, y, r, h in zip(xs, ys, stralen, helft, strict=True)
        ],
        m["tekst"] * 1.25,
    )
    data = _met_domein_label(nodes_df).assign(
        label_naam=nodes_df["organisatie"],
        plek=["boven" if b else "onder" for b in boven],
        ly=[y + (r + 3) / px_y * (1 if b else -1) for y, r, b in zip(ys, stralen, boven, strict=True)],
    )
    x = alt.X("x:Q", scale=schaal_x, axis=geen_as)
    lagen.append(
        alt.Chart(data)
        .mark_circle(opacity=1, stroke="white", strokeWidth=2)
        .encode(
            x=x,
            y=alt.Y("y:Q", scale=schaal_y, axis=geen_as),
            color=domein_kleur(kolommen=3 if groot else None),
            size=alt.Size(
                "contacten:Q",
                title="Aantal contacten",
                scale=alt.Scale(domain=list(grootte_domein), range=list(grootte_bereik), zero=False),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("organisatie:N", title="Organisatie"),
                alt.Tooltip("domein_label:N", title="Domein"),
                alt.Tooltip("contacten:Q", title="Contacten"),
                alt.Tooltip("betweenness:Q", title="Makelaarsrol (betweenness)", format=".2f"),
            ],
        )
    )
    ly = alt.Y("ly:Q", scale=schaal_y, axis=geen_as)
    for plek, basislijn in (("boven", "bottom"), ("onder", "top")):
        deel = alt.Chart(data).transform_filter(f"datum.plek == '{plek}'")
        stijl = {"align": "center", "baseline": basislijn, "fontSize": m["tekst"], "fontWeight": "bold"}
        lagen.append(
            deel.mark_text(**stijl, color="white", stroke="white", strokeWidth=4, strokeJoin="round").encode(
                x=x, y=ly, text="label_naam:N"
            )
        )
        lagen.append(deel.mark_text(**stijl, color="#1A1A1A").encode(x=x, y=ly, text="label_naam:N"))
    chart = alt.layer(*lagen).properties(
        title=_titel(titel, "Dikkere lijn = vaker contact; kleur = domein"), width=breedte, height=hoogte
    )
    return _stijl(chart, groot)


def tijdlijn(
    mijlpalen_df: pd.DataFrame,
    *,
    stip: str = "",
    groot: bool = False,
    titel: str = "Op weg naar de stip op de horizon",
) -> alt.LayerChart | alt.Chart:
    """Horizon timeline: 100 dagen, 1, 2, 5 and 10 jaar on x, the milestones stacked beneath.

    ``stip`` (the composed stip op de horizon) becomes the subtitle.
    """
    m = _maat(groot)
    if mijlpalen_df is None or mijlpalen_df.empty:
        return leeg(titel, groot=groot)
    df = mijlpalen_df if "rij" in mijlpalen_df.columns else horizon.tijdlijn(mijlpalen_df)
    df = df.assign(tekst_kort=df["tekst"].map(lambda t: _breek(t, 16 if groot else 24, 5)))
    x = alt.X(
        "horizon:N",
        sort=list(horizon.TIJDLIJN),
        scale=alt.Scale(domain=list(horizon.TIJDLIJN)),
        title=None,
        axis=alt.Axis(
            orient="top",
            labelAngle=0,
            labelFontWeight="bold",
            labelFontSize=m["titel_as"],
            ticks=False,
            domain=False,
        ),
    )
    stappen = pd.DataFrame({"horizon": list(horizon.TIJDLIJN), "rij": -0.45})
    rijen = int(df["rij"].max()) + 1
    y = alt.Y("rij:Q", scale=alt.Scale(domain=[rijen - 0.3, -0.6], nice=False, zero=False), axis=None)
    lijn = alt.Chart(stappen).mark_line(color="#0062A0", strokeWidth=3 * m["factor"]).encode(x=x, y=y)
    stippen = (
        alt.Chart(stappen)
        .mark_point(filled=True, size=260 * m["factor"] ** 2, color="#0062A0", opacity=1)
        .encode(x=x, y=y)
    )
    kaartjes = (
        alt.Chart(df)
        .mark_text(
            baseline="top",
            align="center",
            lineBreak="\n",
            fontSize=m["tekst"],
            color="#222222",
            lineHeight=m["tekst"] * 1.25,
        )
        .encode(
            x=x,
            y=y,
            text="tekst_kort:N",
            tooltip=[alt.Tooltip("horizon:N", title="Horizon"), alt.Tooltip("tekst:N", title="Mijlpaal")],
        )
    )
    chart = alt.layer(lijn, stippen, kaartjes).properties(
        title=_titel(titel, _breek(stip, 110, 3).split("\n") if stip else None),
        width=m["breedte"] * 1.25,
        height=(60 + rijen * 70) * m["factor"],
    )
    return _stijl(chart, groot)


def dubbelcheck(
    matrix_df: pd.DataFrame, *, groot: bool = False, titel: str = "Dubbelcheck: wat doet elke oplossing?"
) -> alt.LayerChart | alt.Chart:
    """Heatmap solutions x Quintuple Aim (plus reach of the most vulnerable), mean 1-5 as text.

    Flagged solutions (low on gezondheidsgelijkheid or on reaching kwetsbaren) get a ● and a
    dark outline. Takes :func:`toolkit.analysis.dubbelcheck.matrix` output.
    """
    from toolkit.analysis.dubbelcheck import ASPECT_LABELS, GRENS

    if matrix_df is None or matrix_df.empty:
        return leeg(titel, groot=groot)
    m = _maat(groot)
    volgorde = list(dict.fromkeys(matrix_df["bijdrage_id"]))
    labels = {}
    for bid, tekst, vlag in (
        matrix_df[["bijdrage_id", "oplossing", "gemarkeerd"]]
        .drop_duplicates("bijdrage_id")
        .itertuples(index=False)
    ):
        labels[bid] = (MARKERING if vlag else "") + _breek(tekst, 34 if groot else 32, 2)
    data = matrix_df.assign(
        label=matrix_df["bijdrage_id"].map(labels),
        waarde_tekst=matrix_df["gemiddelde"].map(lambda v: f"{v:.1f}".replace(".", ",")),
    )
    x = alt.X(
        "aspect_label:N",
        sort=list(ASPECT_LABELS.values()),
        title=None,
        axis=alt.Axis(orient="top", labelAngle=-25, labelAlign="left", labelLimit=260 * m["factor"]),
    )
    gemarkeerd = f"indexof(datum.label, '{MARKERING.strip()}') == 0"
    y = alt.Y(
        "label:N",
        sort=[labels[b] for b in volgorde],
        title=None,
        axis=alt.Axis(
            labelExpr=_REGELS,
            labelLimit=500,
            labelColor=alt.condition(gemarkeerd, alt.value("#8C3B00"), alt.value("#222222")),
            labelFontWeight=alt.condition(gemarkeerd, alt.value("bold"), alt.value("normal")),
        ),
    )
    vakken = (
        alt.Chart(data)
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "gemiddelde:Q",
                title="Gemiddelde score (1 laag – 5 hoog)",
                scale=alt.Scale(domain=[1, 5], scheme="blueorange", reverse=True),
                legend=alt.Legend(
                    orient="bottom", direction="horizontal", gradientLength=240 * m["factor"], titleLimit=600
                ),
            ),
            tooltip=[
                alt.Tooltip("oplossing:N", title="Oplossing"),
                alt.Tooltip("aspect_label:N", title="Aspect"),
                alt.Tooltip("gemiddelde:Q", title="Gemiddelde", format=".1f"),
                alt.Tooltip("n:Q", title="Antwoorden"),
            ],
        )
    )
    getallen = (
        alt.Chart(data)
        .mark_text(fontSize=m["tekst"] * 1.1, fontWeight="bold")
        .encode(
            x=x,
            y=y,
            text="waarde_tekst:N",
            color=alt.condition(
                "datum.gemiddelde <= 1.9 || datum.gemiddelde >= 4.1", alt.value("white"), alt.value("#111111")
            ),
        )
    )
    rand = (
        alt.Chart(data)
        .transform_filter("datum.gemarkeerd")
        .mark_rect(fill=None, stroke="#111111", strokeWidth=2.5)
        .encode(x=x, y=y)
    )
    chart = alt.layer(vakken, getallen, rand).properties(
        title=_titel(
            titel,
            f"{MARKERING}= gemiddeld {str(GRENS).replace('.', ',')} of lager op gezondheidsgelijkheid"
            " of op het bereiken van de meest kwetsbaren",
        ),
        width=len(ASPECT_LABELS) * (130 if groot else 80),
        height=len(volgorde) * (64 if groot else 48),
    )
    return _stijl(chart, groot)


def deelnemers(
    df: pd.DataFrame, *, groot: bool = False, titel: str = "Wie zijn er? Deelnemers per organisatie"
) -> alt.LayerChart | alt.Chart:
    """Participants per organisation, coloured and ordered by domein (no names).

    Takes the ``deelnemers`` frame or :func:`toolkit.analysis.deelnemers.per_organisatie` output.
    """
    from toolkit.analysis.deelnemers import per_organisatie

    if df is None or df.empty:
        return leeg(titel, groot=groot)
    m = _maat(groot)
    data = df if "aantal" in df.columns else per_organisatie(df)
    data = _met_domein_label(data)
    basis = alt.Chart(data).encode(
        y=alt.Y("organisatie:N", sort=list(data["organisatie"]), title=None, axis=alt.Axis(labelLimit=400)),
        x=alt.X("aantal:Q", title="Deelnemers", axis=_gehele_as(int(data["aantal"].max()))),
    )
    staven = basis.mark_bar(cornerRadiusEnd=3).encode(
        color=domein_kleur(),
        tooltip=[
            alt.Tooltip("organisatie:N", title="Organisatie"),
            alt.Tooltip("domein_label:N", title="Domein"),
            alt.Tooltip("aantal:Q", title="Deelnemers"),
        ],
    )
    getallen = basis.mark_text(align="left", dx=5, fontSize=m["tekst"], color="#222222").encode(
        text="aantal:Q"
    )
    chart = (staven + getallen).properties(
        title=_titel(titel, f"{int(data['aantal'].sum())} deelnemers uit {len(data)} organisaties"),
        width=m["breedte"] * 0.6,
        height=max(120, len(data) * (44 if groot else 26)),
    )
    return _stijl(chart, groot)


def monitoring(
    df: pd.DataFrame, *, groot: bool = False, titel: str = "Monitoring: gemiddelde score per vraag"
) -> alt.LayerChart | alt.Chart:
    """Mean score (1-5) per monitoring question, one bar per meeting of the traject.

    ``df`` has ``vraag``, ``bijeenkomst`` (a label), ``volgorde`` (meeting order), ``gemiddelde``
    and ``n``; the questions keep their order of appearance, the meetings their date order.
    """
    if df is None or df.empty:
        return leeg(titel, groot=groot)
    m = _maat(groot)
    data = df.dropna(subset=["gemiddelde"]).copy()
    if data.empty:
        return leeg(titel, groot=groot)
    vragen = list(dict.fromkeys(data["vraag"]))
    metingen = list(dict.fromkeys(data.sort_values("volgorde", kind="stable")["bijeenkomst"]))
    kleuren = ["#9DB4CC", "#1F4E79", "#E08E0B", "#2E7D32", "#6A1B9A"]
    basis = alt.Chart(data).encode(
        y=alt.Y("vraag:N", sort=vragen, title=None, axis=alt.Axis(labelLimit=360)),
        yOffset=alt.YOffset("bijeenkomst:N", sort=metingen),
        x=alt.X("gemiddelde:Q", title="Gemiddelde score (1 = slecht, 5 = goed)", scale=alt.Scale(domain=[0, 5])),
    )
    staven = basis.mark_bar(cornerRadiusEnd=2).encode(
        color=alt.Color(
            "bijeenkomst:N",
            title="Meting",
            sort=metingen,
            scale=alt.Scale(domain=metingen, range=kleuren[: len(metingen)]),
            legend=alt.Legend(orient="bottom", direction="horizontal"),
        ),
        tooltip=[
            alt.Tooltip("vraag:N", title="Vraag"),
            alt.Tooltip("bijeenkomst:N", title="Meting"),
            alt.Tooltip("gemiddelde:Q", title="Gemiddelde", format=".1f"),
            alt.Tooltip("n:Q", title="Antwoorden"),
        ],
    )
    getallen = basis.mark_text(align="left", dx=4, fontSize=m["tekst"] * 0.85, color="#222222").encode(
        text=alt.Text("gemiddelde:Q", format=".1f")
    )
    chart = (staven + getallen).properties(
        title=_titel(titel, f"{len(vragen)} vragen, {len(metingen)} metingen"),
        width=m["breedte"] * 0.62,
        height=max(160, len(vragen) * len(metingen) * (30 if groot else 17)),
    )
    return _stijl(chart, groot)


# --- rendering -------------------------------------------------------------------------------


#: What a page shows where a chart could not be drawn.
NIET_BESCHIKBAAR = "Grafiek niet beschikbaar"


def _spec(chart: alt.TopLevelMixin) -> str:
    """The Vega-Lite JSON with every text made drawable (:func:`model.veilig_voor_uitvoer`).

    Not validated against the Vega-Lite schema here: that took most of a chart's time on
    the wand, and the builders' output is validated by the chart tests.
    """
    return json.dumps(model.veilig_voor_uitvoer(chart.to_dict(validate=False)))


def naar_png(chart: alt.TopLevelMixin, schaal: float = 2) -> bytes:
    """PNG bytes for the Word export (vl-convert in a child process, no browser).

    Raises :class:`~toolkit.fouten.GrafiekFout` when the chart cannot be drawn; a crash of
    the renderer never takes this process with it (see :mod:`toolkit.tekenaar`).
    """
    from toolkit.tekenaar import teken_veilig

    return teken_veilig("png", _spec(chart), schaal)


def naar_svg(chart: alt.TopLevelMixin) -> str:
    """SVG markup for the wand's HTML widget: self-contained, no vega script from a CDN.

    Raises :class:`~toolkit.fouten.GrafiekFout` like :func:`naar_png`.
    """
    from toolkit.tekenaar import teken_veilig

    return teken_veilig("svg", _spec(chart)).decode("utf-8")


__all__ = [
    "DOMEIN_KLEUREN",
    "LEEG",
    "NIET_BESCHIKBAAR",
    "THEMA_KLEUREN",
    "deelnemers",
    "domein_kleur",
    "dubbelcheck",
    "leeg",
    "monitoring",
    "naar_png",
    "naar_svg",
    "netwerk",
    "ranking",
    "stakeholderkaart",
    "stellingen",
    "tijdlijn",
]
