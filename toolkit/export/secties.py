"""The Dutch text of the visiedocument: the context as sections of blocks.

One function per section, in the order of the room. An empty section still appears with
:data:`~toolkit.export.blokken.NIET_AAN_DE_ORDE`, so a reader sees it was not forgotten.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from toolkit.export.blokken import NIET_AAN_DE_ORDE, Alinea, Figuur, Kop, Lijst, Sectie, Tabel
from toolkit.export.context import KOPPEN, SECTIES

Blokken = list[object]

KWADRANT_AANPAK = {
    "nauw betrekken": "Nauw betrekken",
    "tevreden houden": "Tevreden houden",
    "informeren": "Informeren",
    "monitoren": "Monitoren",
}
STATUS_LABELS = {"open": "Open", "bezig": "Bezig", "klaar": "Klaar"}


def _stippen(n: int) -> str:
    return "1 stip" if n == 1 else f"{n} stippen"


def _hoofdletter(tekst: str) -> str:
    return tekst[:1].upper() + tekst[1:] if tekst else tekst


def _tabel(
    kop: tuple[str, ...],
    rijen: tuple[tuple[str, ...], ...],
    breedtes: tuple[float, ...],
    naam: str,
    optioneel: tuple[str, ...] = (),
) -> Tabel:
    """A table without the optional columns that are empty in every row (their width goes to the first)."""
    weg = {i for i, k in enumerate(kop) if k in optioneel and not any(r[i] for r in rijen)}
    if not weg:
        return Tabel(kop, rijen, breedtes, naam=naam)
    houd = [i for i in range(len(kop)) if i not in weg]
    nieuw = [breedtes[i] for i in houd]
    nieuw[0] += sum(breedtes[i] for i in weg)
    return Tabel(
        tuple(kop[i] for i in houd), tuple(tuple(r[i] for i in houd) for r in rijen), tuple(nieuw), naam=naam
    )


def _zin(tekst: str) -> str:
    """Text ending in a full stop, without doubling the punctuation it already has."""
    tekst = tekst.rstrip()
    return tekst if tekst.endswith((".", "?", "!")) else tekst + "."


def _figuur(figuren: dict[str, bytes], sleutel: str, bijschrift: str, breedte: float = 16.0) -> Blokken:
    if sleutel not in figuren:
        return []
    if not figuren[sleutel]:  # drawing failed: say so rather than leave a silent gap
        return [Alinea(f"{bijschrift} (Grafiek niet beschikbaar.)", cursief=True)]
    return [Figuur(sleutel, bijschrift, breedte)]


def _aanleiding(c: dict[str, Any], figuren: dict[str, bytes]) -> Blokken:
    a = c["aanleiding"]
    tekst = a["tekst"] or (
        "Huisartsen, wijkverpleging, gemeente, sociaal wijkteam en welzijn kwamen samen om te "
        "verkennen wat er in de wijk speelt en hoe zij elkaar beter kunnen vinden."
    )
    blokken: Blokken = [Alinea(tekst)]
    if a["programma"]:
        blokken += [
            Kop("Programma"),
            Alinea(
                "De bijeenkomst volgde het stappenplan voor een startbijeenkomst van Pharos: eerst "
                "kennismaken, dan de problemen in de wijk, daarna oplossingen, een dubbelcheck voor de "
                "meest kwetsbare inwoners, een stip op de horizon en afspraken."
            ),
            Lijst(
                tuple(f"{o['titel']} ({o['duur_minuten']} minuten)" for o in a["programma"]), genummerd=True
            ),
        ]
    return blokken


def _deelnemers(c: dict[str, Any], figuren: dict[str, bytes]) -> Blokken:
    d = c["deelnemers"]
    if not d["aantal"]:
        return [Alinea(NIET_AAN_DE_ORDE)]
    mensen = "1 deelnemer" if d["aantal"] == 1 else f"{d['aantal']} deelnemers"
    orgs = "1 organisatie" if d["organisaties"] == 1 else f"{d['organisaties']} organisaties"
    blokken: Blokken = [
        Alinea(f"Aan de bijeenkomst deden {mensen} mee uit {orgs}. Zo waren de domeinen vertegenwoordigd:"),
        Tabel(
            ("Domein", "Deelnemers"),
            tuple((r["domein_label"], str(r["aantal"])) for r in d["per_domein"]),
            (10.0, 3.0),
            naam="domeinen",
        ),
        *_figuur(figuren, "deelnemers", "Deelnemers per organisatie; de kleur geeft het domein.", 15.0),
    ]
    ontbreekt = [dl for dl in d["ontbrekende_domeinen"] if dl != "Overig"]
    if ontbreekt:
        blokken.append(
            Alinea(
                "Niet vertegenwoordigd: "
                + ", ".join(ontbreekt)
                + ". Het stappenplan van Pharos raadt aan ook inwoners en de zorgverzekeraar uit te nodigen."
            )
        )
    blokken += [
        Kop("Organisaties"),
        Tabel(
            ("Organisatie", "Domein", "Deelnemers"),
            tuple((r["organisatie"], r["domein_label"], str(r["aantal"])) for r in d["per_organisatie"]),
            (8.6, 4.4, 3.0),
            naam="organisaties",
        ),
    ]
    if d["namen"]:
        anoniem = d["aantal"] - len(d["namen"])
        rest = f" De andere {anoniem} deelnemers worden niet bij naam genoemd." if anoniem else ""
        blokken.append(
            Alinea(
                "Deelnemers die instemden met het noemen van hun naam: " + ", ".join(d["namen"]) + "." + rest
            )
        )
    else:
        blokken.append(Alinea("Deelnemers worden in dit document niet bij naam genoemd."))
    if d["kennismaking"]:
        blokken += [
            Kop("Kennismaking"),
            Alinea(
                "Wat deelnemers vertelden over hun rol in de wijk en wat zij van de bijeenkomst verwachtten:"
            ),
            Lijst(tuple(d["kennismaking"])),
        ]
    return blokken


def _netwerk(c: dict[str, Any], figuren: dict[str, bytes]) -> Blokken:
    n = c["netwerk"]
    if not n["relaties"]:
        return [Alinea(NIET_AAN_DE_ORDE)]
    blokken: Blokken = [
        Alinea(
            "Deelnemers gaven aan met welke organisaties hun organisatie contact heeft, hoe vaak en in "
            "welk overleg. Zo ontstaat een eerste beeld van het netwerk in de wijk: wie elkaar al weet te "
            "vinden en waar verbindingen ontbreken."
        ),
        *_figuur(
            figuren,
            "netwerk",
            "Het netwerk van organisaties. Hoe dikker de lijn, hoe vaker het contact; de kleur geeft het domein.",
        ),
        Kop("Bevindingen"),
        Lijst(tuple(n["bevindingen"])),
    ]
    if n["overlegvormen"]:
        blokken += [
            Kop("Bestaande overlegvormen"),
            Lijst(
                tuple(
                    f"{o['overlegvorm']} ({'1 keer' if o['aantal'] == 1 else str(o['aantal']) + ' keer'} genoemd)"
                    for o in n["overlegvormen"]
                )
            ),
        ]
    blokken += [
        Kop("Genoemde contacten"),
        _tabel(
            ("Van", "Naar", "Hoe vaak", "Overleg"),
            tuple((r["van"], r["naar"], r["frequentie"], r["overlegvorm"] or "") for r in n["relaties"]),
            (4.9, 4.9, 2.6, 3.6),
            "relaties",
            optioneel=("Overleg",),
        ),
    ]
    return blokken


def _problemen(c: dict[str, Any], figuren: dict[str, bytes]) -> Blokken:
    p = c["problemen"]
    if not p["themas"] and not p["inventarisatie"]:
        return [Alinea(NIET_AAN_DE_ORDE)]
    blokken: Blokken = []
    if p["themas"]:
        blokken += [
            Alinea(
                "Eerst de problemen, dan de oplossingen: deelnemers schreven op wat zij in de wijk zien. "
                "Daarna zijn de bijdragen geclusterd, ingedeeld bij de vijf thema's uit de Groningse "
                "handreiking en kreeg iedereen stippen om aan te geven wat als eerste aandacht verdient."
            ),
            *_figuur(figuren, "problemen", "De problemen met de meeste stippen."),
        ]
        for groep in p["themas"]:
            blokken += [
                Kop(f"{groep['thema']} ({_stippen(groep['stemmen'])})"),
                _tabel(
                    ("Probleem", "Cluster", "Stippen"),
                    tuple((i["tekst"], i["cluster"] or "", str(i["stemmen"])) for i in groep["items"]),
                    (9.8, 4.3, 1.9),
                    "problemen",
                    optioneel=("Cluster",),
                ),
            ]
    if p["inventarisatie"]:
        blokken.append(Kop("Belemmeringen, trots, vragen en behoeften"))
        for kolom in p["inventarisatie"]:
            blokken += [
                Alinea("", vet_begin=kolom["kolom"]),
                Lijst(tuple(i["tekst"] for i in kolom["items"])),
            ]
    return blokken


def _oplossingen(c: dict[str, Any], figuren: dict[str, bytes]) -> Blokken:
    rijen = c["oplossingen"]
    if not rijen:
        return [Alinea(NIET_AAN_DE_ORDE)]
    return [
        Alinea(
            "Voor de problemen met de meeste stippen bedachten de deelnemers samen oplossingen. Ook hier "
            "gaf iedereen met stippen aan welke oplossingen de meeste steun hebben."
        ),
        _tabel(
            ("Oplossing", "Thema", "Stippen"),
            tuple((r["tekst"], _hoofdletter(r["thema"]), str(r["stemmen"])) for r in rijen),
            (9.8, 4.3, 1.9),
            "oplossingen",
            optioneel=("Thema",),
        ),
    ]


def _dubbelcheck_tabellen(d: dict[str, Any], per_tabel: int = 5) -> Blokken:
    """Aims down, solutions across (numbered as in the list above): long labels stay readable."""
    tabellen: Blokken = []
    oplossingen = list(enumerate(d["oplossingen"], start=1))
    for begin in range(0, len(oplossingen), per_tabel):
        deel = oplossingen[begin : begin + per_tabel]
        breedte = round(10.0 / len(deel), 2)
        tabellen.append(
            Tabel(
                ("Doel", *(f"Oplossing {n}" for n, _o in deel)),
                tuple(
                    (
                        a["label"],
                        *(
                            "" if o["scores"][a["aspect"]] is None else f"{o['scores'][a['aspect']]:.1f}"
                            for _n, o in deel
                        ),
                    )
                    for a in d["aspecten"]
                ),
                (6.0, *([breedte] * len(deel))),
                naam="dubbelcheck",
            )
        )
    return tabellen


def _dubbelcheck(c: dict[str, Any], figuren: dict[str, bytes]) -> Blokken:
    d = c["dubbelcheck"]
    if not d["oplossingen"] and not d["opmerkingen"]:
        return [Alinea(NIET_AAN_DE_ORDE)]
    blokken: Blokken = [
        Alinea(
            "Komen de oplossingen ten goede aan de inwoners in de meest kwetsbare positie? De deelnemers "
            "scoorden de belangrijkste oplossingen van 1 (helemaal niet) tot 5 (zeker) op de vijf doelen "
            "van de Quintuple Aim en op de vraag of ze de meest kwetsbare inwoners bereiken. In de tabel "
            "staan de gemiddelden."
        )
    ]
    if d["oplossingen"]:
        blokken += [
            *_figuur(
                figuren,
                "dubbelcheck",
                "Gemiddelde score per oplossing en doel (1 = helemaal niet, 5 = zeker).",
            ),
            Lijst(tuple(f"Oplossing {n}: {o['tekst']}" for n, o in enumerate(d["oplossingen"], start=1))),
            *_dubbelcheck_tabellen(d),
        ]
        signalen = [f"{o['tekst'].rstrip('.')}: {o['signaal']}." for o in d["oplossingen"] if o["signaal"]]
        if signalen:
            blokken += [
                Alinea(
                    "Let op: deze oplossingen kunnen gezondheidsverschillen vergroten in plaats van verkleinen."
                ),
                Lijst(tuple(signalen)),
            ]
        else:
            blokken.append(
                Alinea(
                    "Geen van de oplossingen scoort laag op gezondheidsgelijkheid of op het bereiken van de "
                    "meest kwetsbare inwoners."
                )
            )
    if d["opmerkingen"]:
        blokken += [Kop("Opmerkingen uit de dubbelcheck"), Lijst(tuple(d["opmerkingen"]))]
    return blokken


def _stakeholders(c: dict[str, Any], figuren: dict[str, bytes]) -> Blokken:
    s = c["stakeholders"]
    if not s["stakeholders"]:
        return [Alinea(NIET_AAN_DE_ORDE)]
    blokken: Blokken = [
        Alinea(
            "Wie heeft invloed op de samenwerking in de wijk en wie heeft er belang bij? Deelnemers "
            "plaatsten partijen op een kaart van invloed en belang (1 tot 5). Dezelfde partij die vaker "
            "genoemd is, staat er één keer, met de gemiddelde scores."
        ),
        *_figuur(figuren, "stakeholders", "Stakeholderkaart: invloed en belang per partij.", 14.0),
        Tabel(
            ("Partij", "Organisatie", "Invloed", "Belang", "Aanpak"),
            tuple(
                (
                    r["naam"],
                    r["organisatie"],
                    f"{r['invloed']:.1f}",
                    f"{r['belang']:.1f}",
                    KWADRANT_AANPAK.get(r["kwadrant"], r["kwadrant"]),
                )
                for r in s["stakeholders"]
            ),
            (4.0, 4.6, 1.8, 1.8, 3.8),
            naam="stakeholders",
        ),
    ]
    if s["ontbreekt"]:
        blokken.append(
            Alinea(
                "Wie ontbreekt nog? Niet op de kaart staan: "
                + ", ".join(s["ontbreekt"])
                + ". Het stappenplan van Pharos vraagt juist ook hen aan tafel te halen."
            )
        )
    else:
        blokken.append(Alinea("Alle sleutelspelers uit het stappenplan van Pharos staan op de kaart."))
    return blokken


def _swot_cel(items: list[dict[str, Any]]) -> str:
    if not items:
        return "(niets genoemd)"
    return "\n".join(
        f"• {i['tekst']}" + (f" ({_stippen(i['stemmen'])})" if i["stemmen"] else "") for i in items
    )


def _swot(c: dict[str, Any], figuren: dict[str, bytes]) -> Blokken:
    s = c["swot"]
    k = s["kwadranten"]
    if not any(k[q]["items"] for q in k) and not s["confrontaties"]:
        return [Alinea(NIET_AAN_DE_ORDE)]
    blokken: Blokken = [
        Alinea(
            "Sterktes en zwaktes gaan over de samenwerking zelf, kansen en bedreigingen over de omgeving, "
            "zoals beleid, financiering en personeel (naar Tabel 4 van de Groningse handreiking)."
        ),
        Tabel(
            (k["sterkte"]["label"], k["zwakte"]["label"]),
            (
                (_swot_cel(k["sterkte"]["items"]), _swot_cel(k["zwakte"]["items"])),
                (k["kans"]["label"], k["bedreiging"]["label"]),
                (_swot_cel(k["kans"]["items"]), _swot_cel(k["bedreiging"]["items"])),
            ),
            (8.0, 8.0),
            naam="swot",
        ),
        Kop("Confrontatiematrix"),
    ]
    if s["confrontaties"]:
        blokken += [
            Alinea(
                "In de confrontatiematrix zijn de belangrijkste sterktes en zwaktes gekruist met de kansen "
                "en bedreigingen. Per combinatie staat de strategie die de groep koos."
            ),
            Tabel(
                ("Strategie", "Intern", "Extern", "Wat gaan we doen", "Stippen"),
                tuple(
                    (
                        r["soort_label"],
                        r["intern_tekst"],
                        r["extern_tekst"],
                        r["strategie"],
                        str(r["stemmen"]),
                    )
                    for r in s["confrontaties"]
                ),
                (2.6, 3.5, 3.5, 4.5, 1.9),
                naam="confrontatie",
            ),
        ]
    else:
        blokken.append(Alinea("De confrontatiematrix is bij deze bijeenkomst niet ingevuld."))
    return blokken


def _horizon(c: dict[str, Any], figuren: dict[str, bytes]) -> Blokken:
    h = c["horizon"]
    if not (h["stip"] or h["voorstellen"] or h["mijlpalen"] or h["stellingen"]):
        return [Alinea(NIET_AAN_DE_ORDE)]
    blokken: Blokken = []
    if h["stip"]:
        blokken += [
            Alinea("Waar willen we over tien jaar staan? De groep koos samen deze stip op de horizon:"),
            Alinea(h["stip"], cursief=True),
        ]
    elif h["voorstellen"]:
        blokken.append(
            Alinea("De groep heeft nog geen definitieve stip gekozen; hieronder staan de voorstellen.")
        )
    if h["voorstellen"]:
        blokken += [
            Kop("Voorstellen van de deelnemers"),
            Tabel(
                ("Voorstel", "Stippen"),
                tuple((v["tekst"], str(v["stemmen"])) for v in h["voorstellen"]),
                (14.1, 1.9),
                naam="voorstellen",
            ),
        ]
    blokken.append(Kop("Mijlpalen"))
    if h["mijlpalen"]:
        blokken += [
            Alinea("Terugrekenend vanaf de stip: wat moet er wanneer bereikt zijn?"),
            *_figuur(figuren, "horizon", "Mijlpalen op weg naar de stip op de horizon."),
            Tabel(
                ("Termijn", "Mijlpaal"),
                tuple((m["horizon"], t) for m in h["mijlpalen"] for t in m["items"]),
                (3.0, 13.0),
                naam="mijlpalen",
            ),
        ]
    else:
        blokken.append(Alinea("Er zijn bij deze bijeenkomst nog geen mijlpalen benoemd."))
    if h["stellingen"]:
        blokken += [
            Kop("Stellingen"),
            Tabel(
                ("Stelling", "Gemiddeld (1-5)", "Antwoorden"),
                tuple((s["stelling"], f"{s['gemiddelde']:.1f}", str(s["aantal"])) for s in h["stellingen"]),
                (10.6, 3.0, 2.4),
                naam="stellingen",
            ),
        ]
    return blokken


def actie_tabel(
    acties: list[dict[str, Any]], breedtes: tuple[float, ...] = (5.0, 3.4, 2.8, 3.1, 1.7)
) -> Tabel:
    """Wat / Wie / Wanneer / Thema / Status, shared by the visiedocument and the actielijst."""
    return Tabel(
        ("Wat", "Wie", "Wanneer", "Thema", "Status"),
        tuple(
            (
                a["wat"],
                a["wie"],
                a["wanneer_tekst"],
                _hoofdletter(a["thema"]),
                STATUS_LABELS.get(a["status"], a["status"]),
            )
            for a in acties
        ),
        breedtes,
        naam="acties",
    )


def afspraken_tabel(afspraken: list[dict[str, Any]], breedtes: tuple[float, ...] = (9.0, 3.4, 3.6)) -> Tabel:
    return Tabel(
        ("Afspraak", "Wie", "Evaluatiemoment"),
        tuple((a["tekst"], a["wie"], a["evaluatiemoment_tekst"]) for a in afspraken),
        breedtes,
        naam="afspraken",
    )


def _acties(c: dict[str, Any], figuren: dict[str, bytes]) -> Blokken:
    if not c["acties"]:
        return [Alinea(NIET_AAN_DE_ORDE)]
    return [
        Alinea("Wat gaan we doen, wie pakt het op en wanneer is het klaar?"),
        actie_tabel(c["acties"]),
    ]


def evaluatie_zin(a: dict[str, Any]) -> str:
    if a["evaluatiemoment"]:
        return (
            f"Het eerstvolgende evaluatiemoment is op {a['evaluatiemoment_tekst']}. Dan kijken de partners "
            "samen of de acties zijn uitgevoerd en of de afspraken werken."
        )
    return (
        "Er is nog geen evaluatiemoment afgesproken. Plan er een in: het stappenplan van Pharos raadt aan "
        "evaluatiemomenten vast te leggen, zodat afspraken niet verwateren."
    )


def _afspraken(c: dict[str, Any], figuren: dict[str, bytes]) -> Blokken:
    a = c["afspraken"]
    if not a["afspraken"]:
        return [Alinea(NIET_AAN_DE_ORDE), Alinea(evaluatie_zin(a))]
    return [afspraken_tabel(a["afspraken"]), Kop("Evaluatiemoment"), Alinea(evaluatie_zin(a))]


def _bronnen(c: dict[str, Any], figuren: dict[str, bytes]) -> Blokken:
    if not c["bronnen"]:
        return [Alinea(NIET_AAN_DE_ORDE)]
    return [
        Alinea("De werkvormen van deze bijeenkomst zijn ontleend aan deze bronnen:"),
        Lijst(
            tuple(
                f"{_zin(b['titel'])} Gebruikt bij: {_zin('; '.join(b['onderdelen']))}" for b in c["bronnen"]
            )
        ),
    ]


SCHRIJVERS: dict[str, Callable[[dict[str, Any], dict[str, bytes]], Blokken]] = {
    "aanleiding": _aanleiding,
    "deelnemers": _deelnemers,
    "netwerk": _netwerk,
    "problemen": _problemen,
    "oplossingen": _oplossingen,
    "dubbelcheck": _dubbelcheck,
    "stakeholders": _stakeholders,
    "swot": _swot,
    "horizon": _horizon,
    "acties": _acties,
    "afspraken": _afspraken,
    "bronnen": _bronnen,
}


def secties(context: dict[str, Any], figuren: dict[str, bytes] | None = None) -> list[Sectie]:
    """Every section of the visiedocument, in order, each with its blocks."""
    figuren = figuren or {}
    return [Sectie(s, KOPPEN[s], tuple(SCHRIJVERS[s](context, figuren))) for s in SECTIES]


__all__ = ["actie_tabel", "afspraken_tabel", "evaluatie_zin", "secties"]
