"""The content of the visiedocument as plain dicts and lists, built from the store.

Everything the Word rendering needs is decided here (what goes in which section, in which
order, with which votes), so tests can check the content without opening a .docx, and the
rendering in :mod:`toolkit.export.docx` stays a thin step. Hidden (moderated), withdrawn
and merged entries never get in: :func:`toolkit.analysis.frames.laad_frames` leaves them out.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd

from toolkit import model
from toolkit.analysis import deelnemers as deelnemer_analyse
from toolkit.analysis import dubbelcheck as dubbelcheck_analyse
from toolkit.analysis import netwerk as netwerk_analyse
from toolkit.analysis import stakeholders as stakeholder_analyse
from toolkit.analysis.frames import Frames, laad_frames
from toolkit.analysis.onderwerpen import DUBBELCHECK_ASPECTEN, KWETSBAREN, KWETSBAREN_VRAAG, lees_onderwerp
from toolkit.analysis.stemmen import op_rang

if TYPE_CHECKING:
    from toolkit.store import Store

#: Section keys of the visiedocument, in the order of the room (design.md section 4).
SECTIES: tuple[str, ...] = (
    "aanleiding",
    "deelnemers",
    "netwerk",
    "problemen",
    "oplossingen",
    "dubbelcheck",
    "stakeholders",
    "swot",
    "horizon",
    "acties",
    "afspraken",
    "bronnen",
)
#: The Heading 1 of each section.
KOPPEN: dict[str, str] = {
    "aanleiding": "Aanleiding",
    "deelnemers": "Wie deden er mee",
    "netwerk": "Het netwerk: wie heeft contact met wie",
    "problemen": "Problemen en behoeften in de wijk",
    "oplossingen": "Oplossingen",
    "dubbelcheck": "Dubbelcheck: bereiken we de meest kwetsbaren?",
    "stakeholders": "Stakeholderkaart",
    "swot": "SWOT en confrontatiematrix",
    "horizon": "Stip op de horizon en mijlpalen",
    "acties": "Actielijst",
    "afspraken": "Afspraken en evaluatiemoment",
    "bronnen": "Bronnen en werkwijze",
}
#: The seed documents by file name, cited by their titles (../shared/seeds/README.md).
SEED_TITELS: dict[str, str] = {
    "000_86e93b7bbfa9c973.txt": (
        "GEZ Midden Betuwe, Verstevigen verbinding Sociaal Team en de eerstelijnszorg in de "
        "gemeente Overbetuwe (2022)"
    ),
    "001_95c4c309c7687a68.txt": (
        "Robuust, onderzoek onder zorggroepen in Brabant en Zeeland naar de samenwerking tussen "
        "huisartsen en het sociaal domein en Welzijn op Recept"
    ),
    "002_b272cbbde6d5258f.txt": "Gemeente Alphen aan den Rijn, Verkleinen gezondheidsverschillen",
    "003_b8621e380286c598.txt": (
        "Samenwerken in het sociale domein. Handreiking voor huisartsen, gemeenten en sociale "
        "teams (Groningen)"
    ),
    "004_3c2cc2824ef1b159.txt": (
        "Pharos, Samenwerken tussen het medisch en sociaal domein voor passende zorg voor mensen "
        "met complexe problematiek (infosheet met stappenplan voor een startbijeenkomst)"
    ),
}
#: Which section collects the entries of a werkvorm, by the werkvorm's ``fase``.
FASE_SECTIE: dict[str, str] = {
    "kennismaking": "deelnemers",
    "wijkbrainstorm": "problemen",
    "clusteren": "problemen",
    "oplossingen": "oplossingen",
    "dubbelcheck": "dubbelcheck",
    "stakeholders": "stakeholders",
    "swot": "swot",
    "horizon": "horizon",
    "afspraken": "afspraken",
}
STRATEGIE_LABELS: dict[str, str] = {soort: model.confrontatie_label(soort) for soort in model.CONFRONTATIES}
ASPECT_LABELS: dict[str, str] = {
    **{a: a[0].upper() + a[1:] for a in model.QUINTUPLE_AIM},
    KWETSBAREN: KWETSBAREN_VRAAG,
}
GEEN_THEMA = "Nog niet bij een thema ingedeeld"
#: Named public methods a werkvorm may cite besides the seeds (toolkit.werkvormen.PUBLIEKE_METHODEN).
PUBLIEKE_METHODEN: tuple[str, ...] = ("Liberating Structures", "Quintuple Aim", "Backcasting")
PUBLIEKE_TITELS: dict[str, str] = {
    "Liberating Structures": "Liberating Structures (Lipmanowicz en McCandless), werkvorm 1-2-4-All",
    "Quintuple Aim": "Quintuple Aim (Nundy, Cooper en Mate, 2022)",
    "Backcasting": "Backcasting: terugrekenen vanaf een gewenst toekomstbeeld",
}
_SEED = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")


def _werkvorm_info() -> dict[str, Any]:
    """Werkvormen by id, or {} when the catalogue cannot be read (the export still works)."""
    try:
        from toolkit.werkvormen import laad_werkvormen

        return laad_werkvormen()
    except Exception:  # noqa: BLE001 - a broken catalogue must not block the export
        return {}


def _sectie_van(onderdeel: pd.Series, werkvormen: dict[str, Any]) -> str:
    wv = werkvormen.get(onderdeel["werkvorm"])
    if wv is not None and getattr(wv, "fase", "") in FASE_SECTIE:
        return FASE_SECTIE[wv.fase]
    return {
        "relatie": "netwerk",
        "stakeholder": "stakeholders",
        "swot": "swot",
        "stip": "horizon",
        "stelling": "horizon",
        "dubbelcheck": "dubbelcheck",
        "actie": "acties",
        "afspraak": "afspraken",
    }.get(onderdeel["invoer"], "problemen")


def _records(df: pd.DataFrame, kolommen: list[str]) -> list[dict[str, Any]]:
    if df.empty:
        return []
    return [{k: _plat(v) for k, v in rij.items()} for rij in df[kolommen].to_dict("records")]


def _plat(waarde: Any) -> Any:
    """numpy scalars and NaN to plain Python, so the context is plain data."""
    if waarde is None:
        return None
    if isinstance(waarde, float) and pd.isna(waarde):
        return None
    if hasattr(waarde, "item"):
        return waarde.item()
    return waarde


def bouw_context(store: Store, bijeenkomst_id: int, *, vandaag: date | None = None) -> dict[str, Any]:
    """All content of the visiedocument of one bijeenkomst, as plain data."""
    return context_uit(laad_frames(store, bijeenkomst_id), vandaag=vandaag)


def context_uit(frames: Frames, *, vandaag: date | None = None) -> dict[str, Any]:
    """The same from frames already loaded (the export also draws its charts from them)."""
    werkvormen = _werkvorm_info()
    onderdelen = frames.onderdelen
    sectie_per_onderdeel = {int(o["id"]): _sectie_van(o, werkvormen) for _, o in onderdelen.iterrows()}

    def van_sectie(df: pd.DataFrame, sectie: str) -> pd.DataFrame:
        if df.empty:
            return df
        return df[df["onderdeel_id"].map(lambda i: sectie_per_onderdeel.get(int(i)) == sectie)]

    b = frames.bijeenkomst
    return {
        "titel": b.titel,
        "code": b.code,
        "datum": b.datum,
        "datum_tekst": model.datum_nl(b.datum) if b.datum else "",
        "locatie": b.locatie,
        "koppen": dict(KOPPEN),
        "aanleiding": _aanleiding(b, onderdelen),
        "deelnemers": _deelnemers(frames, van_sectie(frames.bijdragen, "deelnemers")),
        "netwerk": _netwerk(frames),
        "problemen": _problemen(van_sectie(frames.bijdragen, "problemen"), onderdelen),
        "oplossingen": _oplossingen(van_sectie(frames.bijdragen, "oplossingen")),
        "dubbelcheck": _dubbelcheck(frames, van_sectie(frames.bijdragen, "dubbelcheck")),
        "stakeholders": _stakeholders(frames.stakeholders),
        "swot": _swot(frames),
        "horizon": _horizon(frames),
        "acties": _acties(frames.acties),
        "afspraken": _afspraken(frames.afspraken, vandaag or date.today()),
        "bronnen": _bronnen(onderdelen, werkvormen),
    }


# --- sections -----------------------------------------------------------------------------


def _aanleiding(b: model.Bijeenkomst, onderdelen: pd.DataFrame) -> dict[str, Any]:
    programma = [
        {"titel": o["titel"], "duur_minuten": int(o["duur_minuten"])} for _, o in onderdelen.iterrows()
    ]
    return {"tekst": b.aanleiding, "programma": programma}


def _deelnemers(frames: Frames, kennismaking: pd.DataFrame) -> dict[str, Any]:
    df = frames.deelnemers
    per_domein = deelnemer_analyse.per_domein(df)
    namen = sorted(df.loc[df["naam_tonen"].astype(bool) & (df["naam"] != ""), "naam"]) if not df.empty else []
    return {
        "aantal": len(df),
        "organisaties": int(df["organisatie"].nunique()) if not df.empty else 0,
        "per_domein": _records(per_domein[per_domein["aantal"] > 0], ["domein", "domein_label", "aantal"]),
        "per_organisatie": _records(
            deelnemer_analyse.per_organisatie(df), ["organisatie", "domein", "domein_label", "aantal"]
        ),
        "ontbrekende_domeinen": [r["domein_label"] for _, r in per_domein.iterrows() if r["aantal"] == 0],
        "namen": [str(n) for n in namen],
        "kennismaking": [str(t) for t in kennismaking.get("tekst", [])],
    }


def _netwerk(frames: Frames) -> dict[str, Any]:
    """Relations and plain findings (seed 000 asks who talks to whom, and how often)."""
    g = netwerk_analyse.bouw_netwerk(frames.relaties, frames.deelnemers, frames.stakeholders)
    relaties = frames.relaties
    if relaties.empty:
        return {"relaties": [], "organisaties": [], "bevindingen": [], "overlegvormen": []}
    kern = netwerk_analyse.samenvatting(g)
    tabel = netwerk_analyse.centraliteit(g)
    bevindingen = [
        f"{kern['organisaties']} organisaties; {len(relaties)} keer noemde iemand een contact, "
        f"samen {kern['contacten']} verbindingen tussen organisaties."
        f" Van alle mogelijke verbindingen bestaat {kern['dichtheid']:.0%}; tussen zorg en het "
        f"sociaal domein (met gemeente) is dat {kern['dichtheid_zorg_sociaal']:.0%}."
    ]
    if kern["makelaars"]:
        bevindingen.append(
            "Spilfunctie (verbindt partijen die elkaar anders niet bereiken): "
            + ", ".join(kern["makelaars"])
            + "."
        )
    if kern["zonder_brug"]:
        bevindingen.append(
            "Geen enkel contact met de andere kant (zorg of sociaal domein): "
            + ", ".join(kern["zonder_brug"])
            + "."
        )
    paren = kern["ontbrekende_paren"]
    if paren:
        eerste = "; ".join(f"{a} en {b}" for a, b in paren[:6])
        rest = f" (en nog {len(paren) - 6})" if len(paren) > 6 else ""
        bevindingen.append(f"Nog geen contact tussen zorg en sociaal domein: {eerste}{rest}.")
    overleg = Counter(o for o in relaties["overlegvorm"] if o)
    volgorde = {f: i for i, f in enumerate(model.FREQUENTIES)}
    rijen = relaties.assign(_v=relaties["frequentie"].map(volgorde)).sort_values(["_v", "van", "naar"])
    organisaties = tabel.assign(domein_label=tabel["domein"].map(model.DOMEIN_LABELS))
    return {
        "relaties": _records(rijen, ["van", "naar", "frequentie", "overlegvorm"]),
        "organisaties": _records(organisaties, ["organisatie", "domein", "domein_label", "contacten"]),
        "bevindingen": bevindingen,
        "overlegvormen": [{"overlegvorm": o, "aantal": n} for o, n in overleg.most_common()],
    }


def _problemen(bijdragen: pd.DataFrame, onderdelen: pd.DataFrame) -> dict[str, Any]:
    kolommen = ["id", "tekst", "thema", "cluster", "stemmen", "kolom", "onderdeel_id"]
    if bijdragen.empty:
        return {"themas": [], "inventarisatie": []}
    met_kolom = bijdragen[bijdragen["kolom"] != ""]
    zonder = bijdragen[bijdragen["kolom"] == ""].pipe(op_rang)
    themas = []
    for thema in (*model.THEMAS, ""):
        groep = zonder[zonder["thema"] == thema]
        if groep.empty:
            continue
        themas.append(
            {
                "thema": thema[0].upper() + thema[1:] if thema else GEEN_THEMA,
                "stemmen": int(groep["stemmen"].sum()),
                "items": _records(groep, kolommen),
            }
        )
    volgorde_kolom: dict[str, int] = {}
    for _, o in onderdelen.iterrows():
        for k in o["kolommen"]:
            volgorde_kolom.setdefault(k, len(volgorde_kolom))
    inventarisatie = [
        {"kolom": kolom, "items": _records(groep, kolommen)}
        for kolom, groep in sorted(met_kolom.groupby("kolom"), key=lambda kg: volgorde_kolom.get(kg[0], 99))
    ]
    return {"themas": themas, "inventarisatie": inventarisatie}


def _oplossingen(bijdragen: pd.DataFrame) -> list[dict[str, Any]]:
    df = (
        bijdragen.pipe(op_rang)
        if not bijdragen.empty
        else bijdragen
    )
    return _records(df, ["id", "tekst", "thema", "stemmen"])


def _dubbelcheck(frames: Frames, opmerkingen: pd.DataFrame) -> dict[str, Any]:
    """Mean score per solution and aspect (1-5): the Quintuple Aim plus 'kwetsbaren'."""
    m = dubbelcheck_analyse.matrix(frames.antwoorden, frames.bijdragen)
    signalen = dubbelcheck_analyse.signalen(m)
    redenen = dict(zip(signalen["bijdrage_id"], signalen["reden"], strict=True))
    oplossingen = []
    for (bid, tekst), groep in m.groupby(["bijdrage_id", "oplossing"], sort=False):
        scores = dict(zip(groep["aspect"], groep["gemiddelde"], strict=True))
        oplossingen.append(
            {
                "id": int(bid),
                "tekst": str(tekst),
                "scores": {
                    a: round(float(scores[a]), 1) if a in scores else None for a in DUBBELCHECK_ASPECTEN
                },
                "beoordelaars": int(groep["n"].max()),
                "signaal": str(redenen.get(bid, "")),
            }
        )
    return {
        "aspecten": [{"aspect": a, "label": ASPECT_LABELS[a]} for a in DUBBELCHECK_ASPECTEN],
        "oplossingen": oplossingen,
        "opmerkingen": [str(t) for t in opmerkingen.get("tekst", [])],
    }


def _stakeholders(df: pd.DataFrame) -> dict[str, Any]:
    samen = stakeholder_analyse.voeg_samen(df)
    samen = samen.assign(domein_label=samen["domein"].map(model.DOMEIN_LABELS)) if not samen.empty else samen
    rijen = _records(samen, ["naam", "organisatie", "domein", "aantal", "invloed", "belang", "kwadrant"])
    for rij in rijen:
        rij["invloed"] = round(rij["invloed"], 1)
        rij["belang"] = round(rij["belang"], 1)
    return {
        "stakeholders": rijen,
        "kwadranten": list(stakeholder_analyse.KWADRANTEN),
        "ontbreekt": stakeholder_analyse.wie_ontbreekt(df) if not df.empty else [],
    }


def _swot(frames: Frames) -> dict[str, Any]:
    swot = (
        frames.swot.pipe(op_rang)
        if not frames.swot.empty
        else frames.swot
    )
    kwadranten = {
        k: {
            "label": model.KWADRANT_LABELS[k],
            "items": _records(swot[swot["kwadrant"] == k], ["id", "tekst", "stemmen"]),
        }
        if not swot.empty
        else {"label": model.KWADRANT_LABELS[k], "items": []}
        for k in model.KWADRANTEN
    }
    c = frames.confrontaties
    c = c.sort_values(["soort", "stemmen"], ascending=[True, False]) if not c.empty else c
    confrontaties = _records(c, ["soort", "intern_tekst", "extern_tekst", "strategie", "stemmen"])
    for rij in confrontaties:
        rij["soort_label"] = STRATEGIE_LABELS.get(rij["soort"], rij["soort"])
    return {"kwadranten": kwadranten, "confrontaties": confrontaties}


def _horizon(frames: Frames) -> dict[str, Any]:
    stip = frames.stippen
    definitief = stip[stip["definitief"].astype(bool)] if not stip.empty else stip
    voorstellen = stip[~stip["definitief"].astype(bool)] if not stip.empty else stip
    voorstellen = (
        voorstellen.pipe(op_rang)
        if not voorstellen.empty
        else voorstellen
    )
    mijlpalen = [
        {
            "horizon": h,
            "items": [str(t) for t in frames.mijlpalen.loc[frames.mijlpalen["horizon"] == h, "tekst"]],
        }
        for h in model.HORIZONNEN
        if not frames.mijlpalen.empty and (frames.mijlpalen["horizon"] == h).any()
    ]
    stellingen = []
    for onderwerp, groep in (
        frames.antwoorden.groupby("onderwerp", sort=False) if not frames.antwoorden.empty else []
    ):
        if lees_onderwerp(onderwerp) is None:
            stellingen.append(
                {
                    "stelling": str(onderwerp),
                    "gemiddelde": round(float(groep["waarde"].mean()), 1),
                    "aantal": len(groep),
                }
            )
    return {
        "stip": str(definitief["tekst"].iloc[-1]) if not definitief.empty else "",
        "voorstellen": _records(voorstellen, ["id", "tekst", "stemmen"]),
        "mijlpalen": mijlpalen,
        "stellingen": stellingen,
    }


def _acties(df: pd.DataFrame) -> list[dict[str, Any]]:
    if df.empty:
        return []
    df = df.sort_values(["wanneer", "id"])
    return [
        {
            "wat": str(r["wat"]),
            "wie": str(r["wie"]),
            "wanneer": r["wanneer"],
            "wanneer_tekst": model.datum_nl(r["wanneer"]),
            "thema": str(r["thema"]),
            "status": str(r["status"]),
        }
        for _, r in df.iterrows()
    ]


def _afspraken(df: pd.DataFrame, vandaag: date) -> dict[str, Any]:
    afspraken = []
    if not df.empty:
        for _, r in df.sort_values("id").iterrows():
            moment = r["evaluatiemoment"] if isinstance(r["evaluatiemoment"], date) else None
            afspraken.append(
                {
                    "tekst": str(r["tekst"]),
                    "wie": str(r["wie"]),
                    "evaluatiemoment": moment,
                    "evaluatiemoment_tekst": model.datum_nl(moment) if moment else "",
                }
            )
    momenten = sorted(a["evaluatiemoment"] for a in afspraken if a["evaluatiemoment"])
    komend = [m for m in momenten if m >= vandaag]
    eerstvolgend = komend[0] if komend else (momenten[-1] if momenten else None)
    return {
        "afspraken": afspraken,
        "evaluatiemoment": eerstvolgend,
        "evaluatiemoment_tekst": model.datum_nl(eerstvolgend) if eerstvolgend else "",
    }


def _bronnen(onderdelen: pd.DataFrame, werkvormen: dict[str, Any]) -> list[dict[str, Any]]:
    """The seed documents behind the werkvormen used, each with the onderdelen that drew on it."""
    per_seed: dict[str, list[str]] = {}
    methoden: dict[str, list[str]] = {}
    for _, o in onderdelen.iterrows():
        wv = werkvormen.get(o["werkvorm"])
        bron = getattr(wv, "bron", "") if wv is not None else ""
        seeds = _SEED.findall(bron)
        for seed in dict.fromkeys(seeds):
            per_seed.setdefault(seed, []).append(str(o["titel"]))
        for methode in PUBLIEKE_METHODEN:
            if methode in bron:
                methoden.setdefault(methode, []).append(str(o["titel"]))
    uit = [
        {"titel": SEED_TITELS.get(seed, seed), "bestand": seed, "onderdelen": titels}
        for seed, titels in sorted(per_seed.items())
    ]
    uit += [
        {"titel": PUBLIEKE_TITELS.get(m, m), "bestand": "", "onderdelen": t}
        for m, t in sorted(methoden.items())
    ]
    return uit


__all__ = ["KOPPEN", "SECTIES", "SEED_TITELS", "bouw_context", "context_uit"]
