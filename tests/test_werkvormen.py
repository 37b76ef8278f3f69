"""The werkvormen catalogue: every file loads, every bron is traceable, broken files say why."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from toolkit import model
from toolkit.fouten import NietGevonden, WerkvormFout
from toolkit.werkvormen import (
    FASEN,
    PUBLIEKE_METHODEN,
    SEED_BESTANDEN,
    VERVOLG_FASEN,
    Werkvorm,
    catalogus_map,
    laad_programma,
    laad_werkvormen,
    programmas,
    werkvorm,
)

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
CATALOGUS = laad_werkvormen()


def seedtekst(naam: str) -> str:
    pad = SEEDS / naam
    if not pad.is_file():
        pytest.skip(f"bronbestanden niet aanwezig in {SEEDS}")
    return " ".join(pad.read_text(encoding="utf-8").split())


def schrijf(map: Path, naam: str, data: object) -> Path:
    map.mkdir(parents=True, exist_ok=True)
    pad = map / naam
    tekst = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    pad.write_text(tekst, encoding="utf-8")
    return pad


def geldige_werkvorm(id: str = "swot", **anders: object) -> dict[str, object]:
    data: dict[str, object] = {
        "id": id,
        "titel": "SWOT",
        "doel": "Sterktes, zwaktes, kansen en bedreigingen van de samenwerking.",
        "duur_minuten": 20,
        "invoer": "swot",
        "vraag": "Wat zijn de sterktes van onze samenwerking?",
        "instructie": "Laat eerst stil schrijven.",
        "anoniem": True,
        "stippen": 3,
        "prive_eerst": True,
        "bron": "003_b8621e380286c598.txt, 8.4 Sterktes en zwaktes, Tabel 4",
    }
    data.update(anders)
    return {k: v for k, v in data.items() if v is not WEG}


WEG = object()


# --- the real catalogue ---------------------------------------------------------------


def test_elke_werkvorm_in_de_catalogus_laadt_en_wordt_een_onderdeel():
    bestanden = [p.stem for p in sorted(catalogus_map().glob("*.yaml"), key=lambda p: p.name)]
    assert list(CATALOGUS) == bestanden
    for id, wv in CATALOGUS.items():
        assert isinstance(wv, Werkvorm)
        assert wv.bestand == f"werkvormen/{id}.yaml"
        onderdeel = wv.als_onderdeel()
        assert (onderdeel.werkvorm, onderdeel.invoer, onderdeel.stippen) == (id, wv.invoer, wv.stippen)
        assert wv.fase in FASEN + VERVOLG_FASEN


VERWACHT = {
    # id: (invoer, stippen)
    "kennismaking": ("tekst", 0),
    "netwerkanalyse": ("relatie", 0),
    "wijkbrainstorm": ("tekst", 0),
    "inventarisatie": ("tekst", 0),
    "clusteren-en-stemmen": ("tekst", 3),
    "vijf-themas": ("tekst", 0),
    "oplossingen": ("tekst", 3),
    "dubbelcheck": ("dubbelcheck", 0),
    "stakeholderkaart": ("stakeholder", 0),
    "swot": ("swot", 3),
    "stellingen": ("stelling", 0),
    "stip-op-de-horizon": ("stip", 3),
    "mijlpalen": ("stip", 0),
    "actielijst": ("actie", 0),
    "afspraken": ("afspraak", 0),
}


@pytest.mark.parametrize("id", VERWACHT)
def test_de_procesbegeleider_vindt_elke_werkvorm_van_de_methode(id):
    wv = werkvorm(id)
    assert (wv.invoer, wv.stippen) == VERWACHT[id]
    assert 5 <= wv.duur_minuten <= 30, "een onderdeel van een startbijeenkomst duurt 5 tot 30 minuten"


@pytest.mark.parametrize("id", list(CATALOGUS))
def test_elke_bron_noemt_een_bestaand_bronbestand_of_een_publieke_methode(id):
    bron = CATALOGUS[id].bron
    assert bron.startswith(SEED_BESTANDEN + PUBLIEKE_METHODEN)
    genoemd = re.findall(r"\d{3}_[0-9a-f]{16}\.txt", bron)
    assert genoemd, "elke werkvorm is herleidbaar tot minstens één bronbestand"
    for naam in genoemd:
        assert naam in SEED_BESTANDEN
        if SEEDS.is_dir():
            assert (SEEDS / naam).is_file(), f"{naam} ontbreekt in {SEEDS}"


def test_de_lijst_met_bronbestanden_klopt_met_de_map():
    if not SEEDS.is_dir():
        pytest.skip(f"bronbestanden niet aanwezig in {SEEDS}")
    assert set(SEED_BESTANDEN) == {p.name for p in SEEDS.glob("*.txt")}


# Per werkvorm: the seed file and a section title the bron quotes; it must be in that seed.
CITATEN = [
    ("kennismaking", "003_b8621e380286c598.txt", "3.3.1 Stap 8: kennismaken met externe partijen"),
    ("netwerkanalyse", "000_86e93b7bbfa9c973.txt", "Hoofdstuk 5 De netwerkanalyse"),
    ("netwerkanalyse", "004_3c2cc2824ef1b159.txt", "wie heeft contact met wie en hoe zijn de verhoudingen"),
    ("wijkbrainstorm", "004_3c2cc2824ef1b159.txt", "Stappenplan voor een startbijeenkomst"),
    ("wijkbrainstorm", "004_3c2cc2824ef1b159.txt", "brainstorm samen over de wijk"),
    ("inventarisatie", "002_b272cbbde6d5258f.txt", "Belemmerende factoren in de samenwerking"),
    ("inventarisatie", "002_b272cbbde6d5258f.txt", "Prangende vragen over integrale samenwerking"),
    ("clusteren-en-stemmen", "003_b8621e380286c598.txt", "3.1.3 Stap 3: bepaal de rode lijn"),
    ("vijf-themas", "003_b8621e380286c598.txt", "3.2.3 Stap 6: concretiseer de rode draad"),
    ("oplossingen", "004_3c2cc2824ef1b159.txt", "denk gezamenlijk na over oplossingen"),
    ("dubbelcheck", "004_3c2cc2824ef1b159.txt", "dubbel check"),
    ("dubbelcheck", "004_3c2cc2824ef1b159.txt", "Quintuple Aim"),
    ("stakeholderkaart", "004_3c2cc2824ef1b159.txt", "organiseer een startbijeenkomst en nodig hiervoor belangrijke spelers in de wijk uit"),
    ("swot", "003_b8621e380286c598.txt", "8.4 Sterktes en zwaktes"),
    ("swot", "003_b8621e380286c598.txt", "Tabel 4: sterkte-zwakteanalyse"),
    ("stellingen", "003_b8621e380286c598.txt", "3.2 Visievorming (fase 2)"),
    ("stip-op-de-horizon", "004_3c2cc2824ef1b159.txt", "waar zou je over 10 jaar willen staan"),
    ("mijlpalen", "004_3c2cc2824ef1b159.txt", "Hoe bereik je dat samen?"),
    ("actielijst", "001_95c4c309c7687a68.txt", "heldere afspraken over acties en terugkoppelingen"),
    ("afspraken", "004_3c2cc2824ef1b159.txt", "evaluatiemomenten in te plannen"),
    ("afspraken", "003_b8621e380286c598.txt", "3.3.4 Stap 11: borg het proces"),
    ("terugblik-acties", "003_b8621e380286c598.txt", "3.3.4 Stap 11: borg het proces"),
    ("afspraken-check", "003_b8621e380286c598.txt", "3.3.4 Stap 11: borg het proces"),
    ("monitoring", "002_b272cbbde6d5258f.txt", "Wat hebben we geleerd in Wijzer in de Wijk"),
    ("monitoring", "002_b272cbbde6d5258f.txt", "De monitoring wordt vorm gegeven vanuit 4 centrale vragen"),
    ("monitoring", "004_3c2cc2824ef1b159.txt", "Quintuple Aim"),
    ("successen-en-lessen", "000_86e93b7bbfa9c973.txt", "Leer van fouten en vier successen"),
    ("nieuwe-vragen", "003_b8621e380286c598.txt", "3.3.5 Stap 12: werk met nieuwe vragen"),
]


@pytest.mark.parametrize(("id", "seed", "citaat"), CITATEN)
def test_de_bron_citeert_een_sectie_die_echt_in_het_bronbestand_staat(id, seed, citaat):
    bron = CATALOGUS[id].bron
    assert seed in bron
    assert citaat.casefold() in bron.casefold()
    tekst = seedtekst(seed).replace("*", "")
    assert citaat.casefold() in tekst.casefold()


def test_de_inventarisatie_stelt_de_vier_vragen_uit_alphen():
    wv = werkvorm("inventarisatie")
    assert wv.kolommen == (
        "Belemmerende factoren in de samenwerking",
        "Waar zijn we trots op",
        "Prangende vragen over integrale samenwerking",
        "Wat hebben we nodig",
    )
    tekst = seedtekst("002_b272cbbde6d5258f.txt")
    for kolom in wv.kolommen:
        assert f"### {kolom}" in tekst


def test_de_vijf_themas_zijn_die_uit_de_groningse_handreiking():
    assert werkvorm("vijf-themas").kolommen == model.THEMAS
    assert werkvorm("clusteren-en-stemmen").themas


def test_de_stellingen_zijn_vier_tot_zes_volzinnen():
    stellingen = werkvorm("stellingen").stellingen
    assert 4 <= len(stellingen) <= 6
    for stelling in stellingen:
        assert stelling[0].isupper() and stelling.endswith("."), stelling


def test_mijlpalen_rekenen_terug_van_vijf_jaar_naar_honderd_dagen():
    wv = werkvorm("mijlpalen")
    assert wv.mijlpalen and wv.invoer == "stip"
    assert wv.kolommen == ("5 jaar", "2 jaar", "1 jaar", "100 dagen")
    assert not werkvorm("stip-op-de-horizon").mijlpalen


@pytest.mark.parametrize("id", list(CATALOGUS))
def test_de_vraag_spreekt_deelnemers_aan_met_je(id):
    vraag = CATALOGUS[id].vraag
    assert not re.search(r"\b(u|uw)\b", vraag, re.IGNORECASE), vraag
    assert len(vraag) <= 200, "een vraag past op een telefoonscherm"


def test_de_monitoring_stelt_de_vier_vragen_uit_alphen_en_de_quintuple_aim():
    vragen = werkvorm("monitoring").stellingen
    tekst = seedtekst("002_b272cbbde6d5258f.txt")
    for vraag in vragen[:4]:
        assert vraag.rstrip("?") in tekst
    assert [v.casefold() for v in vragen[4:]] == list(model.QUINTUPLE_AIM)


@pytest.mark.parametrize(
    ("naam", "fase"),
    [
        ("fase-1-verdiepen-van-de-vraag", "3.1 Verdiepen van de vraag (fase 1)"),
        ("fase-2-visievorming", "3.2 Visievorming (fase 2)"),
        ("fase-3-dialoog", "3.3 Dialoog met gemeente en sociale teams (fase 3)"),
        ("fase-4-inhoudelijke-projecten", "3.4 Opstarten inhoudelijke projecten (fase 4)"),
    ],
)
def test_de_vier_fasen_van_binderveurmekoar_zijn_programmas_met_hun_stappen(naam, fase):
    programma = laad_programma(naam)
    assert fase in programma.bron and fase in seedtekst("003_b8621e380286c598.txt")
    tekst = seedtekst("003_b8621e380286c598.txt").replace("*", "")
    for onderdeel in programma.onderdelen:
        if onderdeel.titel.startswith("Stap "):
            assert onderdeel.titel.split(",")[0].casefold() in tekst.casefold(), onderdeel.titel


def test_het_evaluatieprogramma_kijkt_terug_meet_en_maakt_nieuwe_afspraken():
    werkvormen = [o.werkvorm for o in laad_programma("evaluatie").onderdelen]
    assert werkvormen[:3] == ["terugblik-acties", "afspraken-check", "monitoring"]
    assert {"netwerkanalyse", "successen-en-lessen", "nieuwe-vragen", "actielijst", "afspraken"} <= set(werkvormen)


def test_de_dubbelcheck_noemt_alle_doelen_van_de_quintuple_aim():
    instructie = werkvorm("dubbelcheck").instructie
    for doel in model.QUINTUPLE_AIM:
        assert doel.split()[0] in instructie


# --- the standard programme -----------------------------------------------------------

PHAROS_VOLGORDE = [
    "kennismaking",
    "netwerkanalyse",
    "wijkbrainstorm",
    "inventarisatie",
    "clusteren-en-stemmen",
    "oplossingen",
    "dubbelcheck",
    "stakeholderkaart",
    "swot",
    "stip-op-de-horizon",
    "mijlpalen",
    "actielijst",
    "afspraken",
]


def test_het_standaardprogramma_volgt_het_pharos_stappenplan():
    programma = laad_programma()
    assert programma.id == "standaard" and programma.titel
    assert programma.bron.startswith("004_3c2cc2824ef1b159.txt")
    assert [o.werkvorm for o in programma.onderdelen] == PHAROS_VOLGORDE
    assert [o.volgorde for o in programma.onderdelen] == list(range(len(PHAROS_VOLGORDE)))
    fasen = [FASEN.index(werkvorm(o.werkvorm).fase) for o in programma.onderdelen]
    assert fasen == sorted(fasen), "de stappen komen in de volgorde van het stappenplan"
    assert set(fasen) == set(range(len(FASEN))), "elke stap van het stappenplan zit erin"


def test_het_standaardprogramma_past_in_een_middag_van_drie_uur():
    programma = laad_programma("standaard")
    assert 150 <= programma.duur_minuten <= 170, "met een kwartier pauze hooguit drie uur"


def test_elk_onderdeel_van_het_standaardprogramma_is_geldig():
    for onderdeel in laad_programma().onderdelen:
        wv = werkvorm(onderdeel.werkvorm)
        assert isinstance(onderdeel, model.Onderdeel)
        assert onderdeel.invoer == wv.invoer
        assert onderdeel.vraag and onderdeel.instructie
        assert onderdeel.status == "gepland"


def test_het_programma_overschrijft_alleen_wat_het_noemt():
    onderdelen = {o.werkvorm: o for o in laad_programma().onderdelen}
    assert werkvorm("inventarisatie").duur_minuten == 15
    assert onderdelen["inventarisatie"].duur_minuten == 10
    assert onderdelen["inventarisatie"].kolommen == werkvorm("inventarisatie").kolommen
    assert onderdelen["wijkbrainstorm"].duur_minuten == werkvorm("wijkbrainstorm").duur_minuten


def test_de_programmalijst_noemt_standaard():
    assert "standaard" in programmas()


def test_een_onbekend_programma_noemt_de_geldige_namen():
    with pytest.raises(WerkvormFout, match=r"Onbekend programma 'lang'; kies uit: .*standaard"):
        laad_programma("lang")


# --- the API --------------------------------------------------------------------------


def test_een_onbekende_werkvorm_noemt_de_geldige_ids():
    with pytest.raises(WerkvormFout, match=r"Onbekende werkvorm 'swat'; kies uit: .*swot") as fout:
        werkvorm("swat")
    assert isinstance(fout.value, NietGevonden)


def test_de_catalogus_komt_uit_de_repo_en_wordt_eenmaal_gelezen():
    assert catalogus_map() == REPO / "werkvormen"
    assert werkvorm("swot") is werkvorm("swot")
    kopie = laad_werkvormen()
    kopie.clear()
    assert laad_werkvormen(), "de cache is niet aan te tasten via een teruggegeven dict"


def test_als_onderdeel_neemt_eigen_instellingen_over():
    onderdeel = werkvorm("wijkbrainstorm").als_onderdeel(vraag="Wat speelt er in Noord?", volgorde=4)
    assert (onderdeel.vraag, onderdeel.volgorde, onderdeel.invoer) == ("Wat speelt er in Noord?", 4, "tekst")


def test_als_onderdeel_weigert_een_onbekende_instelling():
    with pytest.raises(WerkvormFout, match=r"werkvormen/swot\.yaml: onbekende instelling 'kleur'"):
        werkvorm("swot").als_onderdeel(kleur="rood")


def test_als_onderdeel_weigert_stippen_waar_niet_gestemd_wordt():
    with pytest.raises(WerkvormFout, match=r"stakeholderkaart\.yaml: veld 'stippen' moet 0 zijn"):
        werkvorm("stakeholderkaart").als_onderdeel(stippen=3)


def test_een_publieke_methode_als_bron_wordt_geaccepteerd(tmp_path):
    map = tmp_path / "werkvormen"
    schrijf(map, "een-twee-vier.yaml", geldige_werkvorm(
        "een-twee-vier", invoer="tekst", bron="Liberating Structures: 1-2-4-All"))
    assert laad_werkvormen(map)["een-twee-vier"].bron == "Liberating Structures: 1-2-4-All"


# --- broken files ---------------------------------------------------------------------

KAPOT = [
    pytest.param({"invoer": "swat"},
                 r"werkvormen/swot\.yaml: veld 'invoer' heeft onbekende waarde 'swat'; kies uit: tekst, stelling, ",
                 id="onbekende-invoer"),
    pytest.param({"bron": WEG}, r"werkvormen/swot\.yaml: verplicht veld 'bron' ontbreekt", id="bron-ontbreekt"),
    pytest.param({"vraag": WEG}, r"werkvormen/swot\.yaml: verplicht veld 'vraag' ontbreekt", id="vraag-ontbreekt"),
    pytest.param({"stippen": "drie"}, r"swot\.yaml: veld 'stippen' moet een heel getal zijn, niet 'drie' \(tekst\)",
                 id="stippen-tekst"),
    pytest.param({"stippen": True}, r"swot\.yaml: veld 'stippen' moet een heel getal zijn", id="stippen-bool"),
    pytest.param({"stippen": 50}, r"swot\.yaml: veld 'stippen' moet van 0 tot en met 20 zijn", id="stippen-te-veel"),
    pytest.param({"duur_minuten": 0}, r"swot\.yaml: veld 'duur_minuten' moet van 1 tot en met 240", id="duur-nul"),
    pytest.param({"anoniem": "ja"}, r"swot\.yaml: veld 'anoniem' moet true of false zijn, niet 'ja'",
                 id="anoniem-tekst"),
    pytest.param({"titel": 2024}, r"swot\.yaml: veld 'titel' moet tekst zijn", id="titel-getal"),
    pytest.param({"titel": "x" * 200}, r"swot\.yaml: veld 'titel' is 200 tekens lang; maximaal 120",
                 id="titel-te-lang"),
    pytest.param({"vraag": "   "}, r"swot\.yaml: veld 'vraag' is leeg", id="vraag-leeg"),
    pytest.param({"stipen": 3}, r"swot\.yaml: onbekend veld 'stipen'; Bedoel je 'stippen'\?", id="onbekend-veld"),
    pytest.param({"id": "swat"}, r"swot\.yaml: veld 'id' is 'swat', maar moet gelijk zijn aan de bestandsnaam 'swot'",
                 id="id-niet-bestandsnaam"),
    pytest.param({"bron": "Wikipedia"}, r"swot\.yaml: veld 'bron' moet beginnen met een bronbestand",
                 id="bron-onbekend"),
    pytest.param({"bron": "003_b8621e380286c598.txt"}, r"swot\.yaml: veld 'bron' noemt .* geen hoofdstuk of stap",
                 id="bron-zonder-sectie"),
    pytest.param({"bron": "005_0000000000000000.txt, stap 1"},
                 r"swot\.yaml: veld 'bron' noemt '005_0000000000000000\.txt', maar dat bronbestand bestaat niet",
                 id="bron-bestand-bestaat-niet"),
    pytest.param({"invoer": "stelling", "stippen": 0},
                 r"swot\.yaml: veld 'stellingen' is verplicht bij invoer 'stelling'", id="stelling-zonder-stellingen"),
    pytest.param({"stellingen": ["Samenwerken loont."]},
                 r"swot\.yaml: veld 'stellingen' hoort alleen bij invoer 'stelling'", id="stellingen-bij-swot"),
    pytest.param({"invoer": "stakeholder"}, r"swot\.yaml: veld 'stippen' moet 0 zijn bij invoer 'stakeholder'",
                 id="stippen-bij-stakeholder"),
    pytest.param({"kolommen": "Sterktes"}, r"swot\.yaml: veld 'kolommen' moet een lijst zijn", id="kolommen-geen-lijst"),
    pytest.param({"kolommen": ["Sterktes"]}, r"swot\.yaml: veld 'kolommen' hoort alleen bij invoer 'tekst' of 'stip'",
                 id="kolommen-bij-swot"),
    pytest.param({"invoer": "stip", "stippen": 0, "kolommen": ["3 jaar"]},
                 r"swot\.yaml: veld 'kolommen' .* onbekende termijn '3 jaar'; kies uit: 10 jaar, 5 jaar",
                 id="mijlpaal-onbekende-termijn"),
    pytest.param({"invoer": "tekst", "kolommen": ["Trots", "Trots"]}, r"swot\.yaml: veld 'kolommen' noemt 'Trots' twee keer",
                 id="kolom-dubbel"),
    pytest.param({"fase": "pauze"}, r"swot\.yaml: veld 'fase' heeft onbekende waarde 'pauze'; kies uit: kennismaking",
                 id="fase-onbekend"),
    pytest.param({"themas": True}, r"swot\.yaml: veld 'themas' kan alleen bij invoer tekst, actie", id="themas-bij-swot"),
]


@pytest.mark.parametrize(("anders", "melding"), KAPOT)
def test_kapotte_werkvorm_noemt_bestand_en_veld(tmp_path, anders, melding):
    map = tmp_path / "werkvormen"
    schrijf(map, "swot.yaml", geldige_werkvorm(**anders))
    with pytest.raises(WerkvormFout, match=melding):
        laad_werkvormen(map)


def test_een_geldige_werkvorm_in_een_eigen_map_laadt(tmp_path):
    map = tmp_path / "werkvormen"
    schrijf(map, "swot.yaml", geldige_werkvorm())
    assert laad_werkvormen(map)["swot"].bestand == "werkvormen/swot.yaml"


def test_ongeldige_yaml_noemt_bestand_en_regel(tmp_path):
    map = tmp_path / "werkvormen"
    schrijf(map, "kapot.yaml", "id: kapot\ntitel: Kapot\nvraag: [niet gesloten\nbron: x\n")
    with pytest.raises(WerkvormFout, match=r"werkvormen/kapot\.yaml: geen geldige YAML op regel \d+, kolom \d+"):
        laad_werkvormen(map)


def test_een_dubbele_sleutel_wordt_niet_stilzwijgend_overschreven(tmp_path):
    map = tmp_path / "werkvormen"
    tekst = yaml.safe_dump(geldige_werkvorm(), allow_unicode=True, sort_keys=False) + "titel: Nog een titel\n"
    schrijf(map, "swot.yaml", tekst)
    with pytest.raises(WerkvormFout, match=r"swot\.yaml: geen geldige YAML op regel 12.*sleutel 'titel' staat twee keer"):
        laad_werkvormen(map)


@pytest.mark.parametrize(("inhoud", "melding"), [
    pytest.param("", r"leeg\.yaml: het bestand is leeg", id="leeg"),
    pytest.param("- id: leeg\n", r"leeg\.yaml: het bestand moet velden bevatten .*niet een lijst", id="lijst"),
])
def test_een_leeg_of_verkeerd_gevormd_bestand_zegt_wat_er_mist(tmp_path, inhoud, melding):
    map = tmp_path / "werkvormen"
    schrijf(map, "leeg.yaml", inhoud)
    with pytest.raises(WerkvormFout, match=melding):
        laad_werkvormen(map)


def test_een_dubbele_id_noemt_beide_bestanden(tmp_path):
    map = tmp_path / "werkvormen"
    schrijf(map, "swot.yaml", geldige_werkvorm())
    schrijf(map, "swot.yml", geldige_werkvorm())
    with pytest.raises(WerkvormFout, match=r"werkvormen/swot\.yml: veld 'id' 'swot' is dubbel.*werkvormen/swot\.yaml"):
        laad_werkvormen(map)


def _programma(map: Path, onderdelen: list[object], **anders: object) -> None:
    schrijf(map, "swot.yaml", geldige_werkvorm())
    schrijf(map, "brainstorm.yaml", geldige_werkvorm(
        "brainstorm", invoer="tekst", stippen=0,
        bron="004_3c2cc2824ef1b159.txt, stap 2: brainstorm samen over de wijk"))
    data = {"id": "kapot", "titel": "Kapot programma",
            "bron": "004_3c2cc2824ef1b159.txt, Stappenplan voor een startbijeenkomst", "onderdelen": onderdelen}
    data.update(anders)
    schrijf(map / "programma", "kapot.yaml", {k: v for k, v in data.items() if v is not WEG})


def test_een_eigen_programma_krijgt_volgorde_en_overrides(tmp_path):
    map = tmp_path / "werkvormen"
    _programma(map, [{"werkvorm": "brainstorm", "vraag": "Wat speelt er in Noord?"}, {"werkvorm": "swot"}])
    programma = laad_programma("kapot", map)
    assert [(o.werkvorm, o.volgorde) for o in programma.onderdelen] == [("brainstorm", 0), ("swot", 1)]
    assert programma.onderdelen[0].vraag == "Wat speelt er in Noord?"
    assert programma.bestand == "werkvormen/programma/kapot.yaml"
    assert programmas(map) == ["kapot"]


KAPOTTE_PROGRAMMAS = [
    pytest.param([{"werkvorm": "brainstorm"}, {"werkvorm": "swat"}], {},
                 r"programma/kapot\.yaml: onderdeel 2: veld 'werkvorm' noemt onbekende werkvorm 'swat'; "
                 r"kies uit: brainstorm, swot", id="onbekende-werkvorm"),
    pytest.param([{"titel": "Zonder werkvorm"}], {},
                 r"programma/kapot\.yaml: onderdeel 1: verplicht veld 'werkvorm' ontbreekt", id="werkvorm-ontbreekt"),
    pytest.param([{"werkvorm": "swot", "stippen": "veel"}], {},
                 r"programma/kapot\.yaml: onderdeel 1 \(swot\): veld 'stippen' moet een heel getal zijn",
                 id="override-fout-type"),
    pytest.param([{"werkvorm": "swot", "invoer": "tekst"}], {},
                 r"programma/kapot\.yaml: onderdeel 1 \(swot\): onbekend veld \(overschrijfbaar\) 'invoer'",
                 id="override-niet-toegestaan"),
    pytest.param([{"werkvorm": "brainstorm", "stellingen": ["Samenwerken loont."]}], {},
                 r"programma/kapot\.yaml: onderdeel 1 \(brainstorm\): veld 'stellingen' hoort alleen bij invoer",
                 id="override-past-niet-bij-invoer"),
    pytest.param([], {}, r"programma/kapot\.yaml: veld 'onderdelen' is leeg", id="geen-onderdelen"),
    pytest.param([{"werkvorm": "swot"}], {"bron": WEG}, r"programma/kapot\.yaml: verplicht veld 'bron' ontbreekt",
                 id="bron-ontbreekt"),
    pytest.param([{"werkvorm": "swot"}], {"id": "ander"},
                 r"programma/kapot\.yaml: veld 'id' is 'ander', maar moet gelijk zijn aan de bestandsnaam",
                 id="id-niet-bestandsnaam"),
    pytest.param([{"werkvorm": "swot"}], {"duur": 120}, r"programma/kapot\.yaml: onbekend veld 'duur'",
                 id="onbekend-veld"),
]


@pytest.mark.parametrize(("onderdelen", "anders", "melding"), KAPOTTE_PROGRAMMAS)
def test_kapot_programma_noemt_bestand_onderdeel_en_veld(tmp_path, onderdelen, anders, melding):
    map = tmp_path / "werkvormen"
    _programma(map, onderdelen, **anders)
    with pytest.raises(WerkvormFout, match=melding):
        laad_programma("kapot", map)
