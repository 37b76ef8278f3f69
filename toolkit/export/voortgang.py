"""voortgangsrapport.docx and metingen.xlsx/.csv: the traject, the baseline against now.

:func:`voortgang_context` builds a plain context (dicts, lists; tests read it directly),
:func:`voortgang_secties` writes the Dutch text as blocks, :func:`voortgang_figuren` draws
the monitoring chart and the network then and now; :mod:`toolkit.export.docx` fills
``templates/voortgangsrapport.docx``. The baseline is the first meeting of the traject.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from toolkit import model
from toolkit.analysis import traject as traject_analyse
from toolkit.analysis import vergelijking
from toolkit.export.blokken import Alinea, Figuur, Kop, Lijst, Sectie, Tabel
from toolkit.store import Store

#: Sections of the voortgangsrapport, in order (the template's markers).
SECTIES: tuple[str, ...] = (
    "samenvatting",
    "traject",
    "acties",
    "afspraken",
    "monitoring",
    "netwerk",
    "stakeholders",
    "successen",
    "nieuwe_vragen",
    "vervolg",
)
METING_KOLOMMEN = ("bijeenkomst", "code", "datum", "werkvorm", "vraag", "domein", "waarde")
STATUS_VOLGORDE = ("gedaan", "bezig", "niet gelukt", "open", "vervallen")
NIETS = "In dit traject (nog) niet aan de orde geweest."


# --- the context ----------------------------------------------------------------------------


def _teksten(store: Store, keten: tuple[model.Bijeenkomst, ...], werkvorm: str) -> list[dict[str, Any]]:
    uit = []
    for b in keten:
        onderdelen = {o.id: o for o in store.onderdelen(b.id) if o.werkvorm == werkvorm}  # type: ignore[arg-type]
        for bijdrage in store.items("bijdrage", b.id, alleen_zichtbaar=True):  # type: ignore[arg-type]
            if bijdrage.onderdeel_id in onderdelen:
                uit.append({"bijeenkomst": model.bijeenkomst_kort(b), "kolom": bijdrage.kolom, "tekst": bijdrage.tekst,
                            "thema": bijdrage.thema})
    return uit


def voortgang_context(store: Store, bijeenkomst_id: int, *, vandaag: date | None = None) -> dict[str, Any]:
    """Everything the voortgangsrapport says, as plain data (the whole traject of this bijeenkomst)."""
    o = traject_analyse.overzicht_uit_store(store, bijeenkomst_id)
    keten = o.bijeenkomsten
    basis, nu = keten[0], keten[-1]
    telling = o.telling()
    acties = [
        {
            "wat": a.wat,
            "wie": a.wie,
            "wanneer": a.wanneer,
            "status": a.status,
            "verloop": list(a.statussen),
            "opmerking": a.opmerking,
            "uit_basis": a.herkomst_id == basis.id,
        }
        for a in o.acties
    ]
    afspraak_scores: dict[str, list[float | None]] = {}
    for b_index, b in enumerate(keten):
        check = [od.id for od in store.onderdelen(b.id) if od.invoer == "afspraakcheck"]  # type: ignore[arg-type]
        scores = traject_analyse.gemiddelden(
            [a for a in store.items("antwoord", b.id) if a.onderdeel_id in check]  # type: ignore[arg-type]
        )
        for a in o.afspraken:
            sleutel = model.onderwerp_van("afspraak", a.id)
            afspraak_scores.setdefault(sleutel, [None] * len(keten))[b_index] = (
                scores[sleutel][0] if sleutel in scores else None
            )
    afspraken = [
        {
            "tekst": a.wat,
            "wie": a.wie,
            "evaluatiemoment": a.wanneer,
            "status": a.status,
            "scores": afspraak_scores.get(model.onderwerp_van("afspraak", a.id), [None] * len(keten)),
        }
        for a in o.afspraken
    ]
    monitoring = [
        {"vraag": vraag, "reeks": [{"bijeenkomst": model.bijeenkomst_kort(b), "volgorde": i, "gemiddelde": g, "n": n}
                                   for i, (b, g, n) in enumerate(reeks)]}
        for vraag, reeks in traject_analyse.monitoring_verloop(store, bijeenkomst_id)
    ]
    successen = _teksten(store, keten, "successen-en-lessen")
    return {
        "titel": o.traject.titel if o.traject else basis.titel,
        "wijk": (o.traject.wijk if o.traject else basis.locatie) or "",
        "partners": list(o.traject.partners) if o.traject else [],
        "bijeenkomsten": [
            {"code": b.code, "titel": b.titel, "datum": b.datum, "datum_tekst": model.datum_tekst(b.datum),
             "deelnemers": sum(store.deelnemers_per_domein(b.id).values())}  # type: ignore[arg-type]
            for b in keten
        ],
        "basis": model.bijeenkomst_label(basis),
        "nu": model.bijeenkomst_label(nu),
        "datum_tekst": model.datum_tekst(nu.datum),
        "acties": acties,
        "telling": {s: telling.get(s, 0) for s in STATUS_VOLGORDE},
        "afspraken": afspraken,
        "monitoring": monitoring,
        "netwerk": vergelijking.netwerk_toen_nu(store, keten),
        "stellingen": vergelijking.scores_per_meting(store, keten, "stelling"),
        "dubbelcheck": vergelijking.scores_per_meting(store, keten, "dubbelcheck"),
        "stakeholders": vergelijking.stakeholders_toen_nu(store, keten),
        "successen": [s for s in successen if s["kolom"] != "Waar leren we van"],
        "lessen": [s for s in successen if s["kolom"] == "Waar leren we van"],
        "nieuwe_vragen": _teksten(store, keten, "nieuwe-vragen"),
        "volgend_evaluatiemoment": o.volgend_evaluatiemoment,
        "te_doen": [a.wat for a in o.te_doen(vandaag or date.today())],
    }


# --- the text --------------------------------------------------------------------------------


def _score(g: float | None) -> str:
    return "–" if g is None else f"{g:.1f}".replace(".", ",")


def _procent(x: float) -> str:
    return f"{round(x * 100)}%"


def _samenvatting(c: dict[str, Any]) -> list[object]:
    b0, b1 = c["bijeenkomsten"][0], c["bijeenkomsten"][-1]
    zinnen = [
        f"Dit rapport zet de startbijeenkomst van {b0['datum_tekst']} naast de laatste bijeenkomst van het "
        f"traject, '{b1['titel']}' van {b1['datum_tekst']}."
    ]
    basis = Counter(a["status"] for a in c["acties"] if a["uit_basis"])
    totaal = sum(basis.values())
    if totaal:
        zinnen.append(
            f"Van de {totaal} acties uit de startbijeenkomst zijn er {basis['gedaan']} gedaan, {basis['bezig']} "
            f"nog bezig en {basis['niet gelukt']} niet gelukt"
            + (f"; {basis['open']} staan nog open" if basis["open"] else "")
            + (f"; {basis['vervallen']} zijn vervallen" if basis["vervallen"] else "")
            + "."
        )
    nieuw = sum(1 for a in c["acties"] if not a["uit_basis"])
    if nieuw:
        zinnen.append(f"Er kwamen {nieuw} nieuwe acties bij.")
    n = c["netwerk"]
    if n["basis"] and n["nu"]:
        zinnen.append(
            f"Het contact tussen zorg en sociaal domein ging van {_procent(n['basis']['zorg_sociaal'])} naar "
            f"{_procent(n['nu']['zorg_sociaal'])} van de mogelijke verbindingen; "
            f"{len(n['nieuw'])} contacten zijn nieuw, {len(n['weg'])} verdwenen."
        )
    veranderd = []
    for m in c["monitoring"]:
        waarden = [r["gemiddelde"] for r in m["reeks"] if r["gemiddelde"] is not None]
        if len(waarden) >= 2:
            veranderd.append((waarden[-1] - waarden[0], m["vraag"], waarden[0], waarden[-1]))
    if veranderd:
        beste = max(veranderd)
        slechtste = min(veranderd)
        zinnen.append(
            f"In de monitoring steeg '{beste[1]}' het meest ({_score(beste[2])} naar {_score(beste[3])})"
            + (
                f"; '{slechtste[1]}' daalde ({_score(slechtste[2])} naar {_score(slechtste[3])})."
                if slechtste[0] < 0
                else "."
            )
        )
    if c["volgend_evaluatiemoment"]:
        zinnen.append(f"Het volgende evaluatiemoment is {model.datum_nl(c['volgend_evaluatiemoment'])}.")
    return [Alinea(" ".join(zinnen))]


def _traject(c: dict[str, Any]) -> list[object]:
    blokken: list[object] = []
    if c["partners"]:
        blokken.append(Alinea("Partners: " + ", ".join(c["partners"]) + "."))
    blokken.append(
        Tabel(
            ("Bijeenkomst", "Datum", "Deelnemers"),
            tuple((b["titel"], b["datum_tekst"], str(b["deelnemers"])) for b in c["bijeenkomsten"]),
            (10.0, 4.0, 2.6),
            "bijeenkomsten",
        )
    )
    return blokken


def _acties(c: dict[str, Any]) -> list[object]:
    if not c["acties"]:
        return [Alinea(NIETS)]
    t = c["telling"]
    labels = [b["datum_tekst"] for b in c["bijeenkomsten"]]
    blokken: list[object] = [
        Alinea(
            f"Gedaan: {t['gedaan']} · bezig: {t['bezig']} · niet gelukt: {t['niet gelukt']} · "
            f"open: {t['open']}" + (f" · vervallen: {t['vervallen']}" if t["vervallen"] else ""),
            vet_begin="Stand van de acties. ",
        ),
        Tabel(
            ("Actie", "Wie", "Wanneer", "Status", "Verloop"),
            tuple(
                (
                    a["wat"] + (f" ({a['opmerking']})" if a["opmerking"] else ""),
                    a["wie"],
                    model.datum_tekst(a["wanneer"]),
                    a["status"],
                    " → ".join(s for s in a["verloop"] if s) or "–",
                )
                for a in sorted(c["acties"], key=lambda a: STATUS_VOLGORDE.index(a["status"]))
            ),
            (6.4, 3.0, 2.6, 2.0, 2.6),
            "acties",
        ),
        Alinea(f"Verloop: de status bij elke bijeenkomst ({', '.join(labels)}).", cursief=True),
    ]
    return blokken


def _afspraken(c: dict[str, Any]) -> list[object]:
    if not c["afspraken"]:
        return [Alinea(NIETS)]
    labels = tuple(b["datum_tekst"] for b in c["bijeenkomsten"])
    return [
        Alinea(
            "Bij de afspraken-check gaf iedere deelnemer per afspraak een score van 1 (we houden ons er niet "
            "aan) tot 5 (het is routine). Gemiddelde per bijeenkomst:"
        ),
        Tabel(
            ("Afspraak", "Wie", *labels),
            tuple((a["tekst"], a["wie"] or "–", *(_score(s) for s in a["scores"])) for a in c["afspraken"]),
            (7.0, 3.0, *([6.6 / max(len(labels), 1)] * len(labels))),
            "afspraken",
        ),
    ]


def _herhaald(c: dict[str, Any]) -> list[object]:
    """Stellingen and the dubbelcheck, when a follow-up repeated them: the mean per meeting."""
    labels = tuple(b["datum_tekst"] for b in c["bijeenkomsten"])
    blokken: list[object] = []
    for sleutel, kop, uitleg in (
        ("stellingen", "Stellingen toen en nu", "Gemiddelde van 1 (helemaal oneens) tot 5 (helemaal eens)."),
        ("dubbelcheck", "Dubbelcheck toen en nu",
         "Gemiddelde score van de getoetste oplossingen per doel, van 1 (helemaal niet) tot 5 (zeker)."),
    ):
        rijen = c.get(sleutel) or []
        if rijen:
            blokken += [
                Kop(kop),
                Alinea(uitleg),
                Tabel(
                    ("", *labels),
                    tuple(
                        (r["onderwerp"], *(f"{_score(g)} (n={n})" if n else "–"
                                            for g, n in zip(r["gemiddelden"], r["aantallen"], strict=True)))
                        for r in rijen
                    ),
                    (6.6, *([10.0 / max(len(labels), 1)] * len(labels))),
                    sleutel,
                ),
            ]
    return blokken


def _monitoring(c: dict[str, Any], figuren: dict[str, bytes]) -> list[object]:
    if not c["monitoring"]:
        return [Alinea(NIETS), *_herhaald(c)] if _herhaald(c) else [Alinea(NIETS)]
    labels = tuple(b["datum_tekst"] for b in c["bijeenkomsten"])
    blokken: list[object] = [
        Alinea(
            "De monitoring stelt steeds dezelfde vragen: de vier centrale vragen uit Alphen (bereiken we de "
            "juiste inwoners, voelen ze zich gezond, is de samenwerking verbeterd, verlopen de interventies "
            "goed) en de doelen van de Quintuple Aim. Score van 1 (slecht) tot 5 (goed)."
        )
    ]
    if "monitoring" in figuren:
        blokken.append(Figuur("monitoring", "Gemiddelde score per vraag, per meting.", 16.0))
    blokken.append(
        Tabel(
            ("Vraag", *labels),
            tuple(
                (m["vraag"], *(f"{_score(r['gemiddelde'])} (n={r['n']})" if r["n"] else "–" for r in m["reeks"]))
                for m in c["monitoring"]
            ),
            (6.6, *([10.0 / max(len(labels), 1)] * len(labels))),
            "monitoring",
        )
    )
    return blokken + _herhaald(c)


def _netwerk_tekst(c: dict[str, Any], figuren: dict[str, bytes]) -> list[object]:
    n = c["netwerk"]
    if not n["basis"]:
        return [Alinea(NIETS)]
    b0 = n["basis"]
    if not n["nu"]:
        return [
            Alinea(
                f"Het netwerk is bij {b0['bijeenkomst']} in kaart gebracht ({b0['organisaties']} organisaties, "
                f"{b0['contacten']} contacten) en daarna nog niet opnieuw. Herhaal de netwerkanalyse in een "
                "vervolgbijeenkomst om de verandering te zien."
            )
        ]
    b1 = n["nu"]
    blokken: list[object] = [
        Tabel(
            ("", "Toen", "Nu"),
            (
                ("Bijeenkomst", b0["kort"], b1["kort"]),
                ("Organisaties", str(b0["organisaties"]), str(b1["organisaties"])),
                ("Contacten", str(b0["contacten"]), str(b1["contacten"])),
                ("Dichtheid van het hele netwerk", _procent(b0["dichtheid"]), _procent(b1["dichtheid"])),
                ("Dichtheid zorg ↔ sociaal domein", _procent(b0["zorg_sociaal"]), _procent(b1["zorg_sociaal"])),
            ),
            (7.6, 4.4, 4.4),
            "netwerk",
        ),
        Alinea(
            "Dichtheid is het deel van alle mogelijke verbindingen dat er echt is. Zorg ↔ sociaal telt alleen "
            "verbindingen tussen een zorgorganisatie en een organisatie uit het sociaal domein of de gemeente.",
            cursief=True,
        ),
    ]
    def bijschrift(wanneer: str, b: dict[str, Any]) -> str:
        los = f" Zonder genoemd contact: {', '.join(b['los'])}." if b["los"] else ""
        return f"Het netwerk {wanneer} ({b['kort']}). Hoe dikker de lijn, hoe vaker het contact.{los}"

    if "netwerk_toen" in figuren:
        blokken.append(Figuur("netwerk_toen", bijschrift("toen", b0), 13.5))
    if "netwerk_nu" in figuren:
        blokken.append(Figuur("netwerk_nu", bijschrift("nu", b1), 13.5))

    def regel(p: dict[str, Any]) -> str:
        return f"{p['van']} – {p['naar']}" + (" (zorg ↔ sociaal)" if p["zorg_sociaal"] else "")

    blokken += [Kop("Nieuwe contacten"), Lijst(tuple(regel(p) for p in n["nieuw"]) or ("Geen.",))]
    blokken += [Kop("Verdwenen contacten"), Lijst(tuple(regel(p) for p in n["weg"]) or ("Geen.",))]
    return blokken


def _stakeholders_tekst(c: dict[str, Any]) -> list[object]:
    s = c["stakeholders"]
    if not s["vergeleken"]:
        if s["basis"]:
            return [Alinea(f"De stakeholderkaart is alleen bij {s['basis']} gemaakt; er is nog geen vergelijking.")]
        return [Alinea(NIETS)]
    blokken: list[object] = [
        Alinea(
            f"De stakeholderkaart van {s['basis']} naast die van {s['nu']}. Invloed en belang zijn scores "
            "van 1 (laag) tot 5 (hoog)."
        )
    ]
    blokken += [Kop("Nieuw op de kaart"), Lijst(tuple(s["nieuw"]) or ("Geen.",))]
    blokken += [Kop("Niet meer op de kaart"), Lijst(tuple(s["weg"]) or ("Geen.",))]
    if s["verschoven"]:
        blokken += [
            Kop("Verschoven"),
            Tabel(
                ("Partij", "Invloed toen → nu", "Belang toen → nu"),
                tuple(
                    (v["naam"], f"{v['invloed'][0]} → {v['invloed'][1]}", f"{v['belang'][0]} → {v['belang'][1]}")
                    for v in s["verschoven"]
                ),
                (8.0, 4.2, 4.2),
                "stakeholders",
            ),
        ]
    return blokken


def _met_moment(items: list[dict[str, Any]]) -> tuple[str, ...]:
    """Texts, with the meeting they came from only when more than one meeting contributed."""
    meer = len({i["bijeenkomst"] for i in items}) > 1
    return tuple(i["tekst"] + (f" ({i['bijeenkomst']})" if meer else "") for i in items)


def _successen(c: dict[str, Any]) -> list[object]:
    if not c["successen"] and not c["lessen"]:
        return [Alinea(NIETS)]
    return [
        Kop("Wat ging goed"),
        Lijst(_met_moment(c["successen"]) or ("Niets genoemd.",)),
        Kop("Waar leren we van"),
        Lijst(_met_moment(c["lessen"]) or ("Niets genoemd.",)),
    ]


def _nieuwe_vragen(c: dict[str, Any]) -> list[object]:
    if not c["nieuwe_vragen"]:
        return [Alinea(NIETS)]
    return [
        Lijst(
            tuple(
                v["tekst"] + (f" (thema: {v['thema']})" if v["thema"] else "") for v in c["nieuwe_vragen"]
            )
        )
    ]


def _vervolg(c: dict[str, Any]) -> list[object]:
    blokken: list[object] = []
    if c["volgend_evaluatiemoment"]:
        blokken.append(
            Alinea(model.datum_nl(c["volgend_evaluatiemoment"]) + ".", vet_begin="Volgend evaluatiemoment: ")
        )
    else:
        blokken.append(
            Alinea(
                "Er is nog geen volgend evaluatiemoment afgesproken. Plan er een in, bijvoorbeeld over drie tot "
                "zes maanden, en leg het vast bij de afspraken."
            )
        )
    open_ = [a for a in c["acties"] if a["status"] not in model.AFGEROND]
    if open_:
        blokken += [
            Kop("Lopende acties"),
            Lijst(tuple(f"{a['wat']} — {a['wie']}, {model.datum_tekst(a['wanneer'])}" for a in open_)),
        ]
    return blokken


def voortgang_secties(c: dict[str, Any], figuren: dict[str, bytes] | None = None) -> list[Sectie]:
    f = figuren or {}
    return [
        Sectie("samenvatting", "Samenvatting", tuple(_samenvatting(c))),
        Sectie("traject", "Het traject", tuple(_traject(c))),
        Sectie("acties", "Acties: wat is ervan terechtgekomen?", tuple(_acties(c))),
        Sectie("afspraken", "Afspraken: houden we ons eraan?", tuple(_afspraken(c))),
        Sectie("monitoring", "Monitoring", tuple(_monitoring(c, f))),
        Sectie("netwerk", "Het netwerk toen en nu", tuple(_netwerk_tekst(c, f))),
        Sectie("stakeholders", "Veranderingen op de stakeholderkaart", tuple(_stakeholders_tekst(c))),
        Sectie("successen", "Successen en lessen", tuple(_successen(c))),
        Sectie("nieuwe_vragen", "Nieuwe vragen", tuple(_nieuwe_vragen(c))),
        Sectie("vervolg", "Hoe verder", tuple(_vervolg(c))),
    ]


# --- pictures and files ------------------------------------------------------------------------


def voortgang_figuren(c: dict[str, Any]) -> dict[str, bytes]:
    import pandas as pd

    from toolkit import charts
    from toolkit.analysis.netwerk import knopen_en_lijnen

    figuren: dict[str, bytes] = {}
    rijen = [
        {"vraag": m["vraag"], **r} for m in c["monitoring"] for r in m["reeks"] if r["gemiddelde"] is not None
    ]
    if rijen:
        figuren["monitoring"] = charts.naar_png(charts.monitoring(pd.DataFrame(rijen)))
    g0, g1 = c["netwerk"].get("grafen", (None, None))
    for sleutel, g, wanneer in (("netwerk_toen", g0, "toen"), ("netwerk_nu", g1, "nu")):
        if g is not None and g.number_of_edges():
            # Organisations without any contact would push the picture apart; the caption names them.
            verbonden = g.subgraph([n for n in g if g.degree(n) > 0]).copy()
            figuren[sleutel] = charts.naar_png(
                charts.netwerk(*knopen_en_lijnen(verbonden), titel=f"Wie heeft contact met wie? ({wanneer})")
            )
    return figuren


def schrijf_voortgangsrapport(
    c: dict[str, Any], pad: Path, *, sjabloon: Path | None = None, figuren: dict[str, bytes] | None = None
) -> Path:
    from toolkit.export.docx import open_sjabloon, schrijf_document

    doc = open_sjabloon(sjabloon, "voortgangsrapport.docx")
    f = figuren if figuren is not None else voortgang_figuren(c)
    velden = {"titel": c["titel"], "datum": c["datum_tekst"], "locatie": c["wijk"], "code": c["bijeenkomsten"][-1]["code"]}
    return schrijf_document(doc, velden, voortgang_secties(c, f), f, pad)


def meting_rijen(store: Store, bijeenkomst_id: int) -> list[tuple[Any, ...]]:
    return [
        (m.bijeenkomst, m.code, m.datum, m.werkvorm, m.vraag, m.domein, m.waarde)
        for m in traject_analyse.metingen(store, bijeenkomst_id)
    ]


def schrijf_metingen_csv(rijen: list[tuple[Any, ...]], pad: Path) -> Path:
    """Long format, one measurement per line; semicolons and a BOM, like the other CSV files."""
    with open(pad, "w", encoding="utf-8-sig", newline="") as f:
        schrijver = csv.writer(f, delimiter=";", lineterminator="\r\n")
        schrijver.writerow(METING_KOLOMMEN)
        for r in rijen:
            schrijver.writerow(tuple(v.isoformat() if isinstance(v, date) else v for v in r))
    return pad


def schrijf_metingen_xlsx(rijen: list[tuple[Any, ...]], pad: Path, titel: str = "") -> Path:
    from openpyxl import Workbook

    from toolkit.export.xlsx import schrijf_tabel

    boek = Workbook()
    blad = boek.active
    blad.title = "Metingen"
    schrijf_tabel(blad, "Metingen", METING_KOLOMMEN, rijen, (34, 9, 13, 20, 50, 12, 8))
    boek.properties.title = f"Metingen {titel}".strip()
    boek.save(pad)
    return pad


def telling_per_status(c: dict[str, Any]) -> Counter[str]:
    return Counter(a["status"] for a in c["acties"])


__all__ = [
    "METING_KOLOMMEN",
    "SECTIES",
    "meting_rijen",
    "schrijf_metingen_csv",
    "schrijf_metingen_xlsx",
    "schrijf_voortgangsrapport",
    "voortgang_context",
    "voortgang_figuren",
    "voortgang_secties",
]
