"""laad_frames against a real temporary store: one frame per kind, hidden entries left out."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pandas as pd
import pytest

from toolkit import model
from toolkit.analysis.frames import (
    Frames,
    frames_uit,
    kies_bijeenkomst,
    laad_frames,
    recentste_bijeenkomst_id,
)
from toolkit.analysis.onderwerpen import KWETSBAREN, dubbelcheck_onderwerp
from toolkit.analysis.stemmen import OPLOSSING_WERKVORMEN, PROBLEEM_WERKVORMEN, uit_werkvormen
from toolkit.fouten import NietGevonden
from toolkit.store import Store

STELLINGEN = (
    "Huisartsen en het sociaal team kennen elkaar goed genoeg.",
    "We delen informatie over inwoners snel en veilig.",
    "De financiering van samenwerking is goed geregeld.",
)
DEELNEMERS = (
    ("Huisartsenpraktijk De Linde", "zorg"),
    ("Huisartsenpraktijk De Linde", "zorg"),
    ("Buurtzorg Noord", "zorg"),
    ("Sociaal Team Noord", "sociaal"),
    ("Welzijn Samen", "sociaal"),
    ("Gemeente Rivierstad", "gemeente"),
    ("Zorgverzekeraar Zuid", "verzekeraar"),
)


def _onderdelen() -> list[model.Onderdeel]:
    def o(werkvorm: str, titel: str, invoer: str, **extra: object) -> model.Onderdeel:
        return model.Onderdeel(werkvorm=werkvorm, titel=titel, vraag=f"{titel}?", invoer=invoer, **extra)

    return [
        o("netwerkanalyse", "Netwerk", "relatie"),
        o("wijkbrainstorm", "Wijkbrainstorm", "tekst", kolommen=("belemmeringen", "trots")),
        o("clusteren-en-stemmen", "Stemmen", "tekst", stippen=3),
        o("oplossingen", "Oplossingen", "tekst"),
        o("dubbelcheck", "Dubbelcheck", "dubbelcheck"),
        o("stakeholderkaart", "Stakeholderkaart", "stakeholder"),
        o("stellingen", "Stellingen", "stelling", stellingen=STELLINGEN),
        o("swot", "SWOT", "swot"),
        o("stip-op-de-horizon", "Stip op de horizon", "stip"),
        o("actielijst", "Actielijst", "actie"),
        o("afspraken", "Afspraken", "afspraak"),
    ]


def vul_kleine_bijeenkomst(store: Store) -> SimpleNamespace:
    """A small but complete bijeenkomst built with the store API, every kind present once or more."""
    b, sleutel = store.nieuwe_bijeenkomst("Startbijeenkomst Wijk Noord", onderdelen=_onderdelen())
    regie = store.regie(b.code, sleutel)
    od = {o.werkvorm: o.id for o in store.onderdelen(b.id)}
    mensen = [store.aanmelden(b.code, organisatie=org, domein=dom)[0] for org, dom in DEELNEMERS]
    ids = [m.id for m in mensen]

    for van, naar, freq in (
        ("Huisartsenpraktijk De Linde", "Buurtzorg Noord", "dagelijks"),
        ("Huisartsenpraktijk De Linde", "Sociaal Team Noord", "maandelijks"),
        ("Buurtzorg Noord", "Sociaal Team Noord", "wekelijks"),
        ("Sociaal Team Noord", "Welzijn Samen", "wekelijks"),
        ("Sociaal Team Noord", "Gemeente Rivierstad", "wekelijks"),
        ("Gemeente Rivierstad", "Zorgverzekeraar Zuid", "jaarlijks"),
        ("Welzijn Samen", "Huisartsenpraktijk De Linde", "nooit"),
    ):
        regie.voeg_toe(
            model.Relatie(
                van=van, naar=naar, frequentie=freq, onderdeel_id=od["netwerkanalyse"], deelnemer_id=ids[0]
            )
        )

    problemen = [
        ("Lange wachttijden bij de GGZ", "kwaliteit van zorg"),
        ("We weten niet wie de contactpersoon is bij het sociaal team", "communicatie"),
        ("Geen terugkoppeling na een verwijzing", "verwijzen en indiceren"),
        ("Privacyregels maken het delen van informatie lastig", "informatie-uitwisseling"),
        ("Tijd voor overleg wordt niet betaald", "financiering"),
    ]
    bijdragen = [
        regie.voeg_toe(
            model.Bijdrage(
                tekst=t,
                thema=th,
                kolom="belemmeringen",
                onderdeel_id=od["wijkbrainstorm"],
                deelnemer_id=ids[i],
            )
        )
        for i, (t, th) in enumerate(problemen)
    ]
    verborgen = regie.voeg_toe(
        model.Bijdrage(tekst="Ongepaste opmerking", onderdeel_id=od["wijkbrainstorm"], deelnemer_id=ids[1])
    )
    regie.verberg("bijdrage", verborgen.id)
    regie.zet_cluster([bijdragen[1].id, bijdragen[2].id], "Korte lijnen")

    regie.ga_naar(od["clusteren-en-stemmen"])
    regie.start_stemmen(od["clusteren-en-stemmen"])
    for deelnemer, doelen in zip(ids, ([1, 1, 2], [1, 2, 3], [0, 1], [1, 4], [2, 2], [1], [3]), strict=False):
        for d in doelen:
            store.stem(deelnemer, od["clusteren-en-stemmen"], bijdragen[d].id)
    regie.stop_stemmen(od["clusteren-en-stemmen"])

    oplossingen = [
        regie.voeg_toe(model.Bijdrage(tekst=t, onderdeel_id=od["oplossingen"], deelnemer_id=ids[i]))
        for i, t in enumerate(
            ("Vaste contactpersoon per praktijk", "Gezamenlijk wijkspreekuur", "Digitale sociale kaart")
        )
    ]
    scores = {  # per solution: aim -> scores of three participants
        0: dict.fromkeys(model.QUINTUPLE_AIM, (4, 4, 5)) | {KWETSBAREN: (4, 5, 4)},
        1: dict.fromkeys(model.QUINTUPLE_AIM, (3, 4, 4)) | {KWETSBAREN: (5, 5, 4)},
        2: dict.fromkeys(model.QUINTUPLE_AIM, (4, 3, 4))
        | {"gezondheidsgelijkheid": (2, 2, 3), KWETSBAREN: (1, 2, 2)},
    }
    for nr, per_aim in scores.items():
        for aim, waarden in per_aim.items():
            for deelnemer, waarde in zip(ids, waarden, strict=False):
                regie.voeg_toe(
                    model.Antwoord(
                        onderwerp=dubbelcheck_onderwerp(oplossingen[nr].id, aim),
                        waarde=waarde,
                        onderdeel_id=od["dubbelcheck"],
                        deelnemer_id=deelnemer,
                    )
                )

    for naam, org, dom, inv, bel, wie in (
        ("GGD", "GGD Regio", "zorg", 4, 3, 0),
        ("ggd ", "", "zorg", 4, 4, 1),
        ("G.G.D.", "GGD Regio", "zorg", 5, 4, 2),
        ("Wethouder zorg", "Gemeente Rivierstad", "gemeente", 5, 4, 3),
        ("Ervaringsdeskundigen", "", "inwoner", 2, 5, 4),
        ("Woningcorporatie", "Thuis Wonen", "overig", 3, 2, 5),
        ("Apotheek", "", "zorg", 2, 2, 6),
    ):
        regie.voeg_toe(
            model.Stakeholder(
                naam=naam,
                organisatie=org,
                domein=dom,
                invloed=inv,
                belang=bel,
                onderdeel_id=od["stakeholderkaart"],
                deelnemer_id=ids[wie],
            )
        )

    for nr, stelling in enumerate(STELLINGEN):
        waarden = ((4, 4, 5, 4, 3, 4, 5), (1, 5, 2, 5, 1, 4, 3), (2, 1, 2, 2, 3, 1, 2))[nr]
        for deelnemer, waarde in zip(ids, waarden, strict=False):
            regie.voeg_toe(
                model.Antwoord(
                    onderwerp=stelling, waarde=waarde, onderdeel_id=od["stellingen"], deelnemer_id=deelnemer
                )
            )

    swot = {
        k: regie.voeg_toe(model.SwotItem(kwadrant=k, tekst=t, onderdeel_id=od["swot"], deelnemer_id=ids[i]))
        for i, (k, t) in enumerate(
            (
                ("sterkte", "Korte lijnen tussen huisarts en wijkverpleging"),
                ("zwakte", "Sociaal team is slecht bereikbaar"),
                ("kans", "Gemeente investeert in preventie"),
                ("bedreiging", "Personeelstekort in de zorg"),
            )
        )
    }
    regie.voeg_confrontatie_toe(
        od["swot"], swot["sterkte"].id, swot["kans"].id, "Samen een preventiespreekuur opzetten"
    )
    regie.voeg_confrontatie_toe(
        od["swot"], swot["zwakte"].id, swot["bedreiging"].id, "Eén vast telefoonnummer voor professionals"
    )

    for i, tekst in enumerate(
        ("In 2036 kent elke inwoner één vast aanspreekpunt", "In 2036 delen we gegevens vanzelfsprekend")
    ):
        regie.voeg_toe(model.Stip(tekst=tekst, onderdeel_id=od["stip-op-de-horizon"], deelnemer_id=ids[i]))
    regie.zet_definitieve_stip(
        od["stip-op-de-horizon"], "In 2036 werken zorg en sociaal domein in Noord als één team."
    )
    for horizon, tekst in (
        ("100 dagen", "Contactpersonen uitgewisseld"),
        ("100 dagen", "Eerste gezamenlijke casusbespreking"),
        ("1 jaar", "Maandelijks wijkoverleg loopt"),
        ("2 jaar", "Gedeeld dossier voor complexe casuïstiek"),
        ("5 jaar", "Financiering structureel geregeld"),
        ("10 jaar", "Gezondheidsverschillen in de wijk gehalveerd"),
    ):
        regie.voeg_toe(
            model.Mijlpaal(
                horizon=horizon, tekst=tekst, onderdeel_id=od["stip-op-de-horizon"], deelnemer_id=ids[0]
            )
        )

    regie.promoveer(bijdragen[1].id, wie="Sociaal Team Noord", wanneer=date.today() + timedelta(days=30))
    regie.voeg_toe(
        model.Afspraak(
            tekst="We evalueren over een half jaar",
            wie="Gemeente",
            onderdeel_id=od["afspraken"],
            evaluatiemoment=date.today() + timedelta(days=180),
        )
    )
    return SimpleNamespace(
        store=store,
        bijeenkomst=store.bijeenkomst_met_id(b.id),
        sleutel=sleutel,
        regie=regie,
        verborgen_id=verborgen.id,
        problemen=bijdragen,
        oplossingen=oplossingen,
    )


@pytest.fixture(scope="module")
def klein(tmp_path_factory):
    """Built once per module: filling takes a few seconds of real transactions."""
    return vul_kleine_bijeenkomst(Store(tmp_path_factory.mktemp("klein") / "werkplaats.db"))


@pytest.fixture(scope="module")
def frames(klein) -> Frames:
    return laad_frames(klein.store, klein.bijeenkomst.id)


@pytest.mark.parametrize(
    ("naam", "rijen"),
    [
        ("deelnemers", 7),
        ("onderdelen", 11),
        ("bijdragen", 8),
        ("stemmen", 14),
        ("antwoorden", 3 * 6 * 3 + 3 * 7),  # dubbelcheck + stellingen
        ("stakeholders", 7),
        ("relaties", 7),
        ("swot", 4),
        ("confrontaties", 2),
        ("stip", 3),
        ("mijlpalen", 6),
        ("acties", 1),
        ("afspraken", 1),
    ],
)
def test_facilitator_krijgt_een_frame_per_soort(frames, naam, rijen):
    assert len(getattr(frames, naam)) == rijen


def test_verborgen_bijdrage_staat_niet_in_het_verslag(klein, frames):
    assert klein.verborgen_id not in set(frames.bijdragen["id"])
    met = laad_frames(klein.store, klein.bijeenkomst.id, met_verborgen=True)
    assert klein.verborgen_id in set(met.bijdragen["id"])


def test_samengevoegde_bijdrage_verdwijnt_en_haar_stemmen_verhuizen(tmp_path):
    klein = vul_kleine_bijeenkomst(Store(tmp_path / "eigen.db"))
    regie, store = klein.regie, klein.store
    doel = klein.problemen[0]
    regie.voeg_samen(doel.id, klein.problemen[1].id)
    frames = laad_frames(store, klein.bijeenkomst.id)
    assert doel.id not in set(frames.bijdragen["id"])
    assert doel.id not in set(frames.stemmen["doel_id"])
    # the merged entry's dots moved to the entry it was merged into
    assert frames.bijdragen.set_index("id").loc[klein.problemen[1].id, "stemmen"] == 7


def test_bijdragen_dragen_auteur_onderdeel_en_stemmen(klein, frames):
    rij = frames.bijdragen.set_index("id").loc[klein.problemen[1].id]
    assert (rij["organisatie"], rij["domein"]) == ("Huisartsenpraktijk De Linde", "zorg")
    assert (rij["onderdeel_titel"], rij["werkvorm"], rij["invoer"]) == (
        "Wijkbrainstorm",
        "wijkbrainstorm",
        "tekst",
    )
    assert rij["stemmen"] == 6
    assert rij["cluster"] == "Korte lijnen"


def test_stakeholders_houden_eigen_domein_naast_dat_van_de_deelnemer(frames):
    rij = frames.stakeholders.iloc[3]
    assert (rij["domein"], rij["deelnemer_domein"]) == ("gemeente", "sociaal")


def test_confrontaties_zijn_benoemd(frames):
    assert list(frames.confrontaties["soort"]) == ["S-O", "W-T"]
    assert frames.confrontaties.iloc[0]["intern_tekst"].startswith("Korte lijnen")


def test_lege_bijeenkomst_geeft_lege_frames_met_kolommen(tmp_path):
    store = Store(tmp_path / "leeg.db")
    b, _ = store.nieuwe_bijeenkomst("Leeg", onderdelen=_onderdelen()[:1])
    frames = laad_frames(store, b.id)
    for naam in frames.namen:
        if naam == "onderdelen":
            continue
        df = getattr(frames, naam)
        assert isinstance(df, pd.DataFrame) and df.empty, naam
        assert len(df.columns) > 0, naam
    assert {"stemmen", "organisatie", "onderdeel_titel"} <= set(frames.bijdragen.columns)
    assert recentste_bijeenkomst_id(store) == b.id


def test_samenvatting_telt_rijen_per_frame(frames):
    samenvatting = frames.samenvatting().set_index("frame")["rijen"]
    assert samenvatting["mijlpalen"] == 6


def test_verslag_kiest_de_code_of_anders_de_laatste_bijeenkomst(klein):
    store = klein.store
    assert kies_bijeenkomst(store, klein.bijeenkomst.code.lower()).id == klein.bijeenkomst.id
    assert kies_bijeenkomst(store, "").id == recentste_bijeenkomst_id(store)


def test_lege_opslag_geeft_een_nederlandse_hint(tmp_path):
    with pytest.raises(NietGevonden, match="werkplaats demo"):
        kies_bijeenkomst(Store(tmp_path / "leeg.db"))


def test_problemen_en_oplossingen_komen_uit_hun_eigen_werkvormen(frames):
    assert set(uit_werkvormen(frames.bijdragen, PROBLEEM_WERKVORMEN)["werkvorm"]) == {"wijkbrainstorm"}
    assert len(uit_werkvormen(frames.bijdragen, OPLOSSING_WERKVORMEN)) == 3


@pytest.mark.parametrize(
    "naam",
    [
        "deelnemers",
        "bijdragen",
        "stemmen",
        "antwoorden",
        "stakeholders",
        "relaties",
        "swot",
        "confrontaties",
        "stip",
        "mijlpalen",
        "acties",
        "afspraken",
    ],
)
def test_demo_vult_elk_frame(demo, naam):
    frames = laad_frames(demo.store, demo.bijeenkomst.id)
    assert not getattr(frames, naam).empty


def test_frames_ontstaan_zonder_opslag_uit_de_inhoud_van_een_bijeenkomst():
    """The analysis is pure: a hand-made Inhoud gives frames, votes and names of a confrontation."""
    sterk = model.SwotItem(id=1, kwadrant="sterkte", tekst="Korte lijnen", onderdeel_id=5)
    kans = model.SwotItem(id=2, kwadrant="kans", tekst="Nieuwe wijkagenda", onderdeel_id=5)
    inhoud = model.Inhoud(
        bijeenkomst=model.Bijeenkomst(id=1, titel="Wijk Noord"),
        deelnemers=(),
        onderdelen=(model.Onderdeel(id=5, werkvorm="swot", titel="SWOT", vraag="SWOT?", invoer="swot"),),
        items={
            "swot": (sterk,),  # the kans is hidden: it is only in alle_swot
            "confrontatie": (model.Confrontatie(id=3, intern_id=1, extern_id=2, strategie="Samen", onderdeel_id=5),),
        },
        stemmen=(model.Stem(id=9, deelnemer_id=4, onderdeel_id=5, doel_id=1, soort="swot"),),
        alle_swot=(sterk, kans),
        met_verborgen=True,
    )
    frames = frames_uit(inhoud)
    assert frames.bijeenkomst.titel == "Wijk Noord"
    assert list(frames.swot["stemmen"]) == [1]
    assert list(frames.confrontaties["soort"]) == ["S-O"]
    assert list(frames.confrontaties["extern_tekst"]) == ["Nieuwe wijkagenda"]
    assert frames.bijdragen.empty and "stemmen" in frames.bijdragen.columns
