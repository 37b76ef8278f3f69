"""A realistic, fictional startbijeenkomst to try Werkplaats with and to test against.

Wijk De Horst in the (fictional) gemeente Lindenveen: twelve people from the
huisartsenpraktijk, wijkverpleging, sociaal wijkteam, welzijn, gemeente, zorgverzekeraar
and two inwoners walk through the standard programme. Everything goes through the same
store actions the live pages use, so the demo also exercises the real paths.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from toolkit import model
from toolkit.store import Regie, Store
from toolkit.werkvormen import laad_programma

TITEL = "Startbijeenkomst Samen Gezond De Horst"

#: (naam, naam_tonen, organisatie, domein)
DEELNEMERS: tuple[tuple[str, bool, str, str], ...] = (
    ("Anouk de Vries", True, "Huisartsenpraktijk De Horst", "zorg"),
    ("Samir El Amrani", True, "Huisartsenpraktijk De Horst", "zorg"),
    ("Marieke Jansen", True, "Wijkverpleging Buurtzorg Lindenveen", "zorg"),
    ("", False, "GGZ Lindenveen", "zorg"),
    ("Peter Bakker", True, "Sociaal Wijkteam De Horst", "sociaal"),
    ("Fatima Yilmaz", False, "Sociaal Wijkteam De Horst", "sociaal"),
    ("Joost Hendriks", True, "Welzijn Lindenveen", "sociaal"),
    ("Els van Dijk", True, "Gemeente Lindenveen", "gemeente"),
    ("Ruud Smit", True, "Zorgverzekeraar Zilveren Kruis", "verzekeraar"),
    ("", False, "Bewonersplatform De Horst", "inwoner"),
    ("Henk Mulder", False, "Bewonersplatform De Horst", "inwoner"),
    ("Lotte Visser", True, "Schuldhulpverlening Lindenveen", "sociaal"),
)

KENNISMAKING = (
    "Huisarts, 12 jaar in De Horst; ik zie veel mensen met klachten door geldzorgen.",
    "POH-GGZ, sinds kort; ik wil weten wie ik kan bellen bij eenzaamheid.",
    "Wijkverpleegkundige; ik kom achter de voordeur en zie wat er speelt.",
    "Sociaal werker in het wijkteam; wij willen de huisarts beter bereiken.",
    "Beleidsadviseur gezondheid bij de gemeente; ik zoek wat wij kunnen faciliteren.",
    "Bewoner en vrijwilliger bij het buurthuis; ik hoor de verhalen van de straat.",
)

# Relations as (van-index, naar-index, frequentie, overlegvorm) over DEELNEMERS' organisations.
RELATIES = (
    (0, 2, "dagelijks", "MDO ouderen"),
    (0, 3, "wekelijks", "Consultatie POH-GGZ"),
    (0, 4, "jaarlijks", ""),
    (0, 6, "nooit", ""),
    (0, 8, "jaarlijks", "Contractgesprek"),
    (2, 4, "maandelijks", "Wijkoverleg"),
    (2, 6, "maandelijks", "Wijkoverleg"),
    (4, 6, "wekelijks", "Wijkoverleg"),
    (4, 7, "wekelijks", "Casusoverleg"),
    (4, 11, "wekelijks", "Casusoverleg"),
    (6, 9, "maandelijks", "Buurtkamer"),
    (7, 8, "maandelijks", "Regionaal overleg"),
    (3, 4, "nooit", ""),
    (3, 6, "nooit", ""),
)

PROBLEMEN = (
    ("Mensen met schulden komen steeds terug bij de huisarts met stressklachten.", "verwijzen en indiceren"),
    ("We weten niet wie er in het wijkteam zit en hoe we ze snel bereiken.", "communicatie"),
    ("Terugkoppeling na een verwijzing naar het wijkteam blijft uit.", "informatie-uitwisseling"),
    ("Eenzaamheid onder ouderen in de flats aan de Horstweg.", "kwaliteit van zorg"),
    ("Laaggeletterdheid: brieven van instanties worden niet begrepen.", "communicatie"),
    ("Er is geen structurele financiering voor tijd om samen te werken.", "financiering"),
    ("Privacyregels maken het delen van informatie over een gezin lastig.", "informatie-uitwisseling"),
    ("Lange wachttijden bij de GGZ; de huisarts vangt op wat blijft liggen.", "kwaliteit van zorg"),
)

INVENTARISATIE = (
    (0, "Wisselingen in contactpersonen bij het wijkteam."),
    (0, "Geen gezamenlijk registratiesysteem."),
    (1, "We kennen elkaar in het wijkoverleg en de lijnen zijn kort."),
    (1, "Welzijn op Recept loopt goed bij de twee praktijken die meedoen."),
    (2, "Wie is eigenaar als een inwoner tussen wal en schip valt?"),
    (3, "Eén vast aanspreekpunt per praktijk in het wijkteam."),
    (3, "Tijd en geld om elkaar te blijven ontmoeten."),
)

OPLOSSINGEN = (
    "Vast aanspreekpunt van het wijkteam per huisartsenpraktijk, met spreekuur in de praktijk.",
    "Welzijn op Recept uitbreiden naar alle praktijken in De Horst.",
    "Een gezamenlijke sociale kaart die we samen actueel houden.",
    "Vaste afspraken over terugkoppeling binnen twee weken na een verwijzing.",
    "Een maandelijks wijknetwerkoverleg met inwoners aan tafel.",
)

STAKEHOLDERS = (
    ("Inwoners van De Horst", "Bewonersplatform", "inwoner", 3, 5),
    ("Zorgverzekeraar", "Zilveren Kruis", "verzekeraar", 5, 3),
    ("Huisartsen", "Huisartsenpraktijk De Horst", "zorg", 4, 5),
    ("Wijkteam", "Sociaal Wijkteam De Horst", "sociaal", 4, 5),
    ("Gemeente", "Gemeente Lindenveen", "gemeente", 5, 4),
    ("GGD", "GGD Gelderland-Zuid", "zorg", 3, 3),
    ("ggd ", "GGD", "zorg", 4, 3),
    ("Woningcorporatie", "Woonstede", "overig", 3, 2),
    ("Apotheek", "Apotheek De Horst", "zorg", 2, 3),
    ("Welzijn", "Welzijn Lindenveen", "sociaal", 3, 4),
)

SWOT = (
    ("sterkte", "Korte lijnen in het bestaande wijkoverleg."),
    ("sterkte", "Gedeelde zorg over dezelfde gezinnen."),
    ("zwakte", "Geen vaste contactpersonen; veel wisselingen."),
    ("zwakte", "We registreren in verschillende systemen."),
    ("kans", "Het Integraal Zorgakkoord vraagt om samenwerking in de wijk."),
    ("kans", "De gemeente wil investeren in preventie."),
    ("bedreiging", "Personeelstekort in huisartsenzorg en wijkteams."),
    ("bedreiging", "Tijdelijke projectfinanciering die stopt."),
)

STIPPEN = (
    "In 2036 kan iedere inwoner van De Horst met één vraag bij één aanspreekpunt terecht.",
    "In 2036 werken huisarts, wijkverpleging en wijkteam vanuit één gezondheidscentrum in de wijk.",
    "In 2036 zijn de gezondheidsverschillen tussen De Horst en de rest van Lindenveen gehalveerd.",
)

MIJLPALEN = (
    ("5 jaar", "Eén gezamenlijke werkwijze voor inwoners met meervoudige problemen."),
    ("2 jaar", "Alle praktijken werken met Welzijn op Recept en een vast wijkteamlid."),
    ("1 jaar", "Terugkoppelafspraken zijn ingevoerd en geëvalueerd."),
    ("100 dagen", "Iedere praktijk kent zijn vaste contactpersoon in het wijkteam."),
    ("100 dagen", "De sociale kaart staat online en is door iedereen gecontroleerd."),
)


@dataclass(frozen=True)
class Demo:
    store: Store
    bijeenkomst: model.Bijeenkomst
    sleutel: str
    regie: Regie
    deelnemers: tuple[model.Deelnemer, ...]


def vul_demo(store: Store, *, vandaag: date | None = None, zaad: int = 7) -> Demo:
    """Fill a complete demo bijeenkomst; returns it with its facilitator key."""
    vandaag = vandaag or date.today()
    kans = random.Random(zaad)
    programma = laad_programma("standaard")
    bijeenkomst, sleutel = store.nieuwe_bijeenkomst(
        TITEL,
        datum=vandaag,
        locatie="Buurthuis De Horst, Lindenveen",
        aanleiding=(
            "Huisartsen, wijkverpleging, het sociaal wijkteam, welzijn en de gemeente zien in De Horst "
            "steeds vaker dezelfde inwoners met een stapeling van gezondheids- en sociale problemen. "
            "In deze startbijeenkomst verkennen we samen met inwoners en de zorgverzekeraar wat er speelt, "
            "wat we al doen en waar we over tien jaar willen staan."
        ),
        onderdelen=programma.onderdelen,
    )
    regie = store.regie(bijeenkomst.code, sleutel)
    mensen = tuple(
        store.aanmelden(bijeenkomst.code, organisatie=org, domein=dom, naam=naam, naam_tonen=tonen)[0]
        for naam, tonen, org, dom in DEELNEMERS
    )
    per_werkvorm = {o.werkvorm: o for o in store.onderdelen(bijeenkomst.id)}  # type: ignore[arg-type]

    def stemronde(onderdeel: model.Onderdeel, doelen: list[int], soort: str = "bijdrage") -> None:
        regie.start_stemmen(onderdeel.id)  # type: ignore[arg-type]
        gewichten = [len(doelen) - i for i in range(len(doelen))]
        for mens in mensen:
            for _ in range(onderdeel.stippen):
                doel = kans.choices(doelen, weights=gewichten)[0]
                store.stem(mens.id, onderdeel.id, doel, soort)  # type: ignore[arg-type]
        regie.stop_stemmen(onderdeel.id)  # type: ignore[arg-type]

    # 1. kennismaking and network
    o = per_werkvorm["kennismaking"]
    regie.ga_naar(o.id)
    for i, tekst in enumerate(KENNISMAKING):
        regie.voeg_toe(model.Bijdrage(tekst=tekst, onderdeel_id=o.id, deelnemer_id=mensen[i].id))
    o = per_werkvorm["netwerkanalyse"]
    regie.ga_naar(o.id)
    for van, naar, freq, overleg in RELATIES:
        regie.voeg_toe(
            model.Relatie(
                van=DEELNEMERS[van][2],
                naar=DEELNEMERS[naar][2],
                frequentie=freq,
                overlegvorm=overleg,
                onderdeel_id=o.id,
                deelnemer_id=mensen[van].id,
            )
        )

    # 2. wijkbrainstorm: problems before solutions
    o = per_werkvorm["wijkbrainstorm"]
    regie.ga_naar(o.id)
    problemen = [
        regie.voeg_toe(model.Bijdrage(tekst=tekst, thema=thema, onderdeel_id=o.id, deelnemer_id=mensen[i].id))
        for i, (tekst, thema) in enumerate(PROBLEMEN)
    ]
    dubbel = regie.voeg_toe(
        model.Bijdrage(
            tekst="Geldzorgen geven gezondheidsklachten", onderdeel_id=o.id, deelnemer_id=mensen[5].id
        )
    )
    regie.voeg_samen(dubbel.id, problemen[0].id)
    ongepast = regie.voeg_toe(
        model.Bijdrage(
            tekst="Dit soort bijeenkomsten is zonde van de tijd",
            onderdeel_id=o.id,
            deelnemer_id=mensen[10].id,
        )
    )
    regie.verberg("bijdrage", ongepast.id)
    regie.zet_onthuld(o.id, True)
    o = per_werkvorm["inventarisatie"]
    regie.ga_naar(o.id)
    for i, (kolom, tekst) in enumerate(INVENTARISATIE):
        regie.voeg_toe(
            model.Bijdrage(
                tekst=tekst, kolom=o.kolommen[kolom], onderdeel_id=o.id, deelnemer_id=mensen[(i * 5) % 12].id
            )
        )
    regie.zet_onthuld(o.id, True)

    # 3. clustering and dot voting on the problems
    o = per_werkvorm["clusteren-en-stemmen"]
    regie.ga_naar(o.id)
    regie.zet_cluster([problemen[0].id, problemen[4].id], "Bestaanszekerheid en gezondheid")
    regie.zet_cluster([problemen[1].id, problemen[2].id, problemen[6].id], "Elkaar kennen en informeren")
    regie.zet_cluster([problemen[3].id, problemen[7].id], "Zorg die tekortschiet")
    stemronde(o, [p.id for p in problemen])

    # 4. solutions together
    o = per_werkvorm["oplossingen"]
    regie.ga_naar(o.id)
    oplossingen = [
        regie.voeg_toe(model.Bijdrage(tekst=tekst, onderdeel_id=o.id, deelnemer_id=mensen[(i * 3) % 12].id))
        for i, tekst in enumerate(OPLOSSINGEN)
    ]
    stemronde(o, [b.id for b in oplossingen])

    # 5. dubbelcheck for the most vulnerable (Quintuple Aim)
    o = per_werkvorm["dubbelcheck"]
    regie.ga_naar(o.id)
    for j, oplossing in enumerate(oplossingen[:3]):
        for mens in mensen[:8]:
            for a, aim in enumerate((*model.QUINTUPLE_AIM, "kwetsbaren")):
                basis = 4 if j != 2 else (2 if aim in ("gezondheidsgelijkheid", "kwetsbaren") else 4)
                waarde = max(1, min(5, basis + kans.choice((-1, 0, 0, 1)) - (a == 2)))
                regie.voeg_toe(
                    model.Antwoord(
                        onderwerp=f"{oplossing.id}|{aim}",
                        waarde=waarde,
                        onderdeel_id=o.id,
                        deelnemer_id=mens.id,
                    )
                )

    # 6. stakeholderkaart
    o = per_werkvorm["stakeholderkaart"]
    regie.ga_naar(o.id)
    for i, (naam, org, dom, invloed, belang) in enumerate(STAKEHOLDERS):
        regie.voeg_toe(
            model.Stakeholder(
                naam=naam,
                organisatie=org,
                domein=dom,
                invloed=invloed,
                belang=belang,
                onderdeel_id=o.id,
                deelnemer_id=mensen[i % 12].id,
            )
        )

    # 7. SWOT and confrontatiematrix
    o = per_werkvorm["swot"]
    regie.ga_naar(o.id)
    swot = [
        regie.voeg_toe(model.SwotItem(kwadrant=k, tekst=t, onderdeel_id=o.id, deelnemer_id=mensen[i].id))
        for i, (k, t) in enumerate(SWOT)
    ]
    regie.zet_onthuld(o.id, True)
    strategieen = [
        regie.voeg_confrontatie_toe(
            o.id, swot[0].id, swot[4].id, "Bouw het wijkoverleg uit tot het IZA-netwerk van De Horst."
        ),
        regie.voeg_confrontatie_toe(
            o.id, swot[2].id, swot[6].id, "Leg vaste contactpersonen vast in een convenant, met vervanging."
        ),
        regie.voeg_confrontatie_toe(
            o.id, swot[3].id, swot[5].id, "Vraag de gemeente om een gedeelde sociale kaart als eerste stap."
        ),
    ]
    stemronde(o, [s.id for s in strategieen], "confrontatie")

    # 8. stip op de horizon and milestones
    o = per_werkvorm["stip-op-de-horizon"]
    regie.ga_naar(o.id)
    stippen = [
        regie.voeg_toe(model.Stip(tekst=t, onderdeel_id=o.id, deelnemer_id=mensen[i * 4].id))
        for i, t in enumerate(STIPPEN)
    ]
    regie.zet_onthuld(o.id, True)
    stemronde(o, [s.id for s in stippen], "stip")
    regie.zet_definitieve_stip(
        o.id,
        "In 2036 kan iedere inwoner van De Horst met één vraag bij één aanspreekpunt terecht, "
        "werken zorg en sociaal domein als één wijkteam samen en zijn de gezondheidsverschillen "
        "met de rest van Lindenveen gehalveerd.",
    )
    o = per_werkvorm["mijlpalen"]
    regie.ga_naar(o.id)
    for i, (horizon, tekst) in enumerate(MIJLPALEN):
        regie.voeg_toe(
            model.Mijlpaal(horizon=horizon, tekst=tekst, onderdeel_id=o.id, deelnemer_id=mensen[i * 2].id)
        )

    # 9. actions and agreements
    o = per_werkvorm["actielijst"]
    regie.ga_naar(o.id)
    regie.promoveer(
        oplossingen[0].id,
        wie="Peter Bakker (wijkteam)",
        wanneer=vandaag + timedelta(days=30),
        thema="communicatie",
        onderdeel_id=o.id,
        vandaag=vandaag,
    )
    regie.promoveer(
        oplossingen[3].id,
        wie="Anouk de Vries (huisarts)",
        wanneer=vandaag + timedelta(days=60),
        thema="informatie-uitwisseling",
        onderdeel_id=o.id,
        vandaag=vandaag,
    )
    regie.voeg_toe(
        model.Actie.nieuw(
            vandaag=vandaag,
            wat="Sociale kaart De Horst opzetten en delen met alle partners",
            wie="Els van Dijk (gemeente)",
            wanneer=vandaag + timedelta(days=90),
            thema="informatie-uitwisseling",
            onderdeel_id=o.id,
        )
    )
    regie.voeg_toe(
        model.Actie.nieuw(
            vandaag=vandaag,
            wat="Gesprek over financiering van Welzijn op Recept voor alle praktijken",
            wie="Ruud Smit (zorgverzekeraar)",
            wanneer=vandaag + timedelta(days=75),
            thema="financiering",
            onderdeel_id=o.id,
            status="bezig",
        )
    )
    o = per_werkvorm["afspraken"]
    regie.ga_naar(o.id)
    regie.voeg_toe(
        model.Afspraak.nieuw(
            vandaag=vandaag,
            tekst="We komen over drie maanden terug om de actielijst te evalueren.",
            wie="Procesbegeleider",
            evaluatiemoment=vandaag + timedelta(days=91),
            onderdeel_id=o.id,
        )
    )
    regie.voeg_toe(
        model.Afspraak.nieuw(
            vandaag=vandaag,
            tekst="Elke partner wijst binnen twee weken een vaste contactpersoon aan.",
            wie="Alle partners",
            evaluatiemoment=vandaag + timedelta(days=14),
            onderdeel_id=o.id,
        )
    )

    # Back to the start, so a facilitator can step through the filled programme live.
    eerste = store.onderdelen(bijeenkomst.id)[0]  # type: ignore[arg-type]
    regie.ga_naar(eerste.id)
    return Demo(store, store.bijeenkomst_met_id(bijeenkomst.id), sleutel, regie, mensen)  # type: ignore[arg-type]
