"""A demo traject: the De Horst startbijeenkomst and its evaluation three months later.

The start is :func:`toolkit.demo.vul_demo` dated 91 days ago, with a nulmeting of the
monitoring added; the follow-up (today, programme 'evaluatie') shows believable change:
two actions done, one carried on, one stuck; two new ties between zorg and the sociaal
domein and one that disappeared; monitoring scores that moved; successes, lessons, new
questions and a next evaluatiemoment. Everything goes through the same store actions as
the live pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from toolkit import model
from toolkit.demo import DEELNEMERS, RELATIES, STAKEHOLDERS, Demo, vul_demo
from toolkit.store import Store
from toolkit.store import traject as st
from toolkit.werkvormen import laad_programma, werkvorm

TITEL = "Evaluatie na drie maanden: Samen Gezond De Horst"
DAGEN = 91

#: Monitoring scores per question: (at the start, three months later), per participant a small spread.
MONITORING = {
    "Bereiken we de juiste inwoners?": (2.4, 3.0),
    "Voelen ze zich gezond?": (2.6, 2.8),
    "Is de samenwerking verbeterd?": (2.2, 3.8),
    "Verlopen de interventies goed?": (2.8, 3.4),
    "Gezondheid van de populatie": (2.8, 2.9),
    "Ervaren kwaliteit door inwoner": (2.6, 3.2),
    "Kosten": (3.0, 3.0),
    "Werkplezier van professionals": (2.8, 3.6),
    "Gezondheidsgelijkheid": (2.0, 2.4),
}
SPREIDING = (0, 1, -1, 0, 1, -1, 0, 0, 1, -1, 0, 0)

#: Changes in the network: (van-index, naar-index) -> new frequentie and overleg; None: gone.
NETWERK_NU = {
    (0, 4): ("wekelijks", "Spreekuur wijkteam in de praktijk"),
    (0, 6): ("maandelijks", "Welzijn op Recept"),
    (3, 4): ("wekelijks", "Casusoverleg"),
    (6, 9): None,
}
SUCCESSEN = (
    "Iedere praktijk heeft nu een vast contactpersoon in het wijkteam; we bellen elkaar direct.",
    "Het spreekuur van het wijkteam in de huisartsenpraktijk loopt vol: zes inwoners per week.",
    "De terugkoppeling na een verwijzing komt bijna altijd binnen twee weken.",
)
LESSEN = (
    "De financiering van Welzijn op Recept hadden we eerder met de gemeente moeten bespreken.",
    "Inwoners waren bij het casusoverleg niet aan tafel; dat missen we.",
)
NIEUWE_VRAGEN = (
    ("Hoe bereiken we inwoners die niet naar de huisarts of het wijkteam komen?", "kwaliteit van zorg"),
    ("Kunnen we één gezamenlijk verwijsformulier gebruiken?", "verwijzen en indiceren"),
    ("Wie betaalt de uren voor het casusoverleg na de pilot?", "financiering"),
)
#: Facilitator's status per start action (index in the start's actielijst), with remark or new date (days).
STATUSSEN = (
    ("gedaan", "", None),
    ("gedaan", "Afspraak staat in het werkproces van beide teams.", None),
    ("bezig", "Eerste versie staat online; de GGZ ontbreekt nog.", 60),
    ("niet gelukt", "Geen budget in 2027; opnieuw agenderen bij de gemeente.", None),
)


@dataclass(frozen=True)
class TrajectDemo:
    start: Demo
    vervolg: model.Bijeenkomst
    sleutel: str


def _monitoring_invullen(store: Store, onderdeel: model.Onderdeel, mensen: list[model.Deelnemer], moment: int) -> None:
    for i, mens in enumerate(mensen):
        for j, (vraag, scores) in enumerate(MONITORING.items()):
            waarde = round(scores[moment] + SPREIDING[(i + j) % len(SPREIDING)] * 0.8)
            store.voeg_toe(mens.id, model.Antwoord(onderwerp=vraag, waarde=max(1, min(5, waarde)),  # type: ignore[arg-type]
                                                   onderdeel_id=onderdeel.id))


def vul_traject_demo(store: Store, *, vandaag: date | None = None) -> TrajectDemo:
    """Fill the demo startbijeenkomst (91 days ago) and its follow-up (today)."""
    vandaag = vandaag or date.today()
    begin = vandaag - timedelta(days=DAGEN)
    start = vul_demo(store, vandaag=begin)
    regie0 = start.regie

    # a nulmeting at the end of the start, so the follow-up has something to compare with
    nulmeting = regie0.voeg_onderdeel_toe(werkvorm("monitoring").als_onderdeel(titel="Nulmeting monitoring"))
    regie0.ga_naar(nulmeting.id)
    _monitoring_invullen(store, nulmeting, list(start.deelnemers), 0)
    regie0.ga_naar(store.onderdelen(start.bijeenkomst.id)[0].id)  # type: ignore[arg-type]

    onderdelen = list(laad_programma("evaluatie").onderdelen)
    onderdelen.insert(4, werkvorm("stakeholderkaart").als_onderdeel(titel="Stakeholderkaart: wie is er nu bij?"))
    traject = model.Traject(
        titel="Samen Gezond De Horst", wijk="De Horst, Lindenveen",
        partners=tuple(dict.fromkeys(org for _n, _t, org, _d in DEELNEMERS)),
    )
    vervolg, sleutel = st.vervolg(store, start.bijeenkomst.code, TITEL, datum=vandaag, onderdelen=onderdelen,
                                  programma="evaluatie", traject=traject)
    regie = store.regie(vervolg.code, sleutel)
    per = {o.werkvorm: o for o in store.onderdelen(vervolg.id)}  # type: ignore[arg-type]
    # nine of the twelve come back, and the apotheek joins
    terug = [d for i, d in enumerate(DEELNEMERS) if i not in (3, 8, 10)] + [
        ("Iris Kok", True, "Apotheek De Horst", "zorg")
    ]
    mensen = [
        store.aanmelden(vervolg.code, organisatie=org, domein=dom, naam=naam, naam_tonen=tonen)[0]
        for naam, tonen, org, dom in terug
    ]

    # terugblik: what the room says, then the facilitator's status per action
    o = regie.ga_naar(per["terugblik-acties"].id)
    acties = st.items_van_traject(store, "actie", vervolg.id)
    meldingen = (("gedaan",) * 7 + ("bezig", "weet ik niet", "gedaan"),
                 ("gedaan",) * 5 + ("bezig",) * 2 + ("weet ik niet",) * 3,
                 ("bezig",) * 8 + ("niet gelukt", "weet ik niet"),
                 ("niet gelukt",) * 6 + ("bezig",) * 2 + ("weet ik niet",) * 2)
    for actie, per_mens in zip(acties, meldingen, strict=False):
        for mens, melding in zip(mensen, per_mens, strict=False):
            store.voeg_toe(mens.id, model.Antwoord(  # type: ignore[arg-type]
                onderwerp=model.onderwerp_van("actie", actie.id), waarde=model.melding_waarde(melding),
                onderdeel_id=o.id))  # type: ignore[union-attr]
    for actie, (status, opmerking, dagen) in zip(acties, STATUSSEN, strict=False):
        st.zet_voortgang(regie, "actie", actie.id, status, opmerking=opmerking,  # type: ignore[arg-type]
                         wanneer=vandaag + timedelta(days=dagen) if dagen else None, vandaag=vandaag)

    # afspraken-check
    o = regie.ga_naar(per["afspraken-check"].id)
    for afspraak, scores in zip(store.items("afspraak", start.bijeenkomst.id), ((5, 4, 4, 5, 4), (3, 4, 2, 3, 4)),
                                strict=False):
        for mens, score in zip(mensen, scores, strict=False):
            store.voeg_toe(mens.id, model.Antwoord(  # type: ignore[arg-type]
                onderwerp=model.onderwerp_van("afspraak", afspraak.id), waarde=score, onderdeel_id=o.id))  # type: ignore[union-attr]
    store.voeg_toe(mensen[2].id, model.Bijdrage(  # type: ignore[arg-type]
        tekst="Bij de GGZ is de contactpersoon al twee keer gewisseld.",
        kolom=model.onderwerp_van("afspraak", store.items("afspraak", start.bijeenkomst.id)[1].id),
        onderdeel_id=o.id))  # type: ignore[union-attr]

    # monitoring three months later
    o = regie.ga_naar(per["monitoring"].id)
    _monitoring_invullen(store, o, mensen, 1)  # type: ignore[arg-type]

    # the network now
    o = regie.ga_naar(per["netwerkanalyse"].id)
    for van, naar, freq, overleg in RELATIES:
        if (van, naar) in NETWERK_NU:
            nieuw = NETWERK_NU[(van, naar)]
            if nieuw is None:
                continue
            freq, overleg = nieuw
        regie.voeg_toe(model.Relatie(van=DEELNEMERS[van][2], naar=DEELNEMERS[naar][2], frequentie=freq,
                                     overlegvorm=overleg, onderdeel_id=o.id))  # type: ignore[union-attr]

    # the stakeholderkaart again: the woningcorporatie gained influence, inwoners joined the table
    o = regie.ga_naar(per["stakeholderkaart"].id)
    for naam, org, dom, invloed, belang in STAKEHOLDERS:
        if naam == "ggd ":
            continue
        if naam == "Woningcorporatie":
            invloed, belang = 4, 4
        if naam == "Inwoners van De Horst":
            invloed = 4
        regie.voeg_toe(model.Stakeholder(naam=naam, organisatie=org, domein=dom, invloed=invloed, belang=belang,
                                         onderdeel_id=o.id))  # type: ignore[union-attr]
    regie.voeg_toe(model.Stakeholder(naam="Apotheek", organisatie="Apotheek De Horst", domein="zorg", invloed=3,
                                     belang=4, onderdeel_id=o.id))  # type: ignore[union-attr]

    o = regie.ga_naar(per["successen-en-lessen"].id)
    for i, tekst in enumerate(SUCCESSEN):
        store.voeg_toe(mensen[i].id, model.Bijdrage(tekst=tekst, kolom="Wat ging goed", onderdeel_id=o.id))  # type: ignore[arg-type,union-attr]
    for i, tekst in enumerate(LESSEN):
        store.voeg_toe(mensen[i + 4].id, model.Bijdrage(tekst=tekst, kolom="Waar leren we van", onderdeel_id=o.id))  # type: ignore[arg-type,union-attr]

    o = regie.ga_naar(per["nieuwe-vragen"].id)
    for i, (tekst, thema) in enumerate(NIEUWE_VRAGEN):
        b = store.voeg_toe(mensen[i + 2].id, model.Bijdrage(tekst=tekst, onderdeel_id=o.id))  # type: ignore[arg-type,union-attr]
        regie.zet_thema(b.id, thema)

    o = regie.ga_naar(per["actielijst"].id)
    regie.voeg_toe(model.Actie.nieuw(
        vandaag=vandaag, wat="Financiering Welzijn op Recept agenderen in het college-overleg",
        wie="Els van Dijk (gemeente)", wanneer=vandaag + timedelta(days=45), thema="financiering",
        onderdeel_id=o.id))  # type: ignore[union-attr]
    regie.voeg_toe(model.Actie.nieuw(
        vandaag=vandaag, wat="Twee inwoners uitnodigen voor het casusoverleg",
        wie="Bewonersplatform De Horst", wanneer=vandaag + timedelta(days=30), thema="communicatie",
        onderdeel_id=o.id))  # type: ignore[union-attr]
    o = regie.ga_naar(per["afspraken"].id)
    regie.voeg_toe(model.Afspraak.nieuw(
        vandaag=vandaag, tekst="Over zes maanden evalueren we opnieuw, met de monitoring als vragenlijst vooraf.",
        wie="Procesbegeleider", evaluatiemoment=vandaag + timedelta(days=182), onderdeel_id=o.id))  # type: ignore[union-attr]
    regie.ga_naar(store.onderdelen(vervolg.id)[0].id)  # type: ignore[arg-type]
    return TrajectDemo(start, store.bijeenkomst_met_id(vervolg.id), sleutel)  # type: ignore[arg-type]


__all__ = ["TrajectDemo", "vul_traject_demo"]
