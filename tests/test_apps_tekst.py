"""The tekst werkvorm on phone, wand and regiekamer, driven in-process on a real zaal.store."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from toolkit import model
from toolkit.apps.invoer.tekst import TekstInvoer
from toolkit.apps.weergave.tekst import PAGINA_SECONDEN, TekstWand, stippen_tekst


def _onderdeel(**velden) -> model.Onderdeel:
    basis = dict(
        werkvorm="wijkbrainstorm", titel="Brainstorm", vraag="Wat zie je in de wijk?", invoer="tekst"
    )
    return model.Onderdeel(**(basis | velden))


def schrijf(paneel: TekstInvoer, tekst: str):
    paneel.invoer.value = tekst
    paneel.verstuur_knop.click()


def wandteksten(wand: TekstWand) -> list[str]:
    return [item.value for item in wand.muur_items()]


@pytest.fixture
def zaal(nieuwe_kamer):
    """One active tekst onderdeel (the brainstorm) with its facilitator."""
    return nieuwe_kamer(_onderdeel(), titel="Wijk Noord")


def test_deelnemer_ziet_opgeslagen_pas_na_het_opslaan_en_de_wand_toont_de_bijdrage(zaal):
    telefoon, wand = zaal.telefoon(), zaal.wand()
    assert telefoon.melding.soort != "ok"
    schrijf(telefoon, "Eenzame ouderen in de flat")
    assert (telefoon.melding.soort, telefoon.melding.tekst) == ("ok", "Opgeslagen")
    assert telefoon.invoer.value == ""
    assert [b.tekst for b in zaal.store.items("bijdrage", zaal.bijeenkomst.id)] == ["Eenzame ouderen in de flat"]
    zaal.ververs(wand)
    assert any("Eenzame ouderen in de flat" in t for t in wandteksten(wand))


@pytest.mark.parametrize("tekst, melding", [("   ", "alleen spaties"), ("x" * 1001, "maximaal 1000")])
def test_geweigerde_tekst_blijft_staan_met_een_nederlandse_melding(zaal, tekst, melding):
    telefoon = zaal.telefoon()
    schrijf(telefoon, tekst)
    assert melding in telefoon.melding.tekst
    assert telefoon.invoer.value == tekst
    assert telefoon.melding.soort != "ok"
    assert zaal.store.items("bijdrage", zaal.bijeenkomst.id) == []


def test_te_snel_insturen_geeft_een_vriendelijke_melding(zaal):
    telefoon = zaal.telefoon()
    for i in range(model.RATE_MAX):
        schrijf(telefoon, f"punt {i}")
    schrijf(telefoon, "nog een")
    assert "rustig aan" in telefoon.melding.tekst
    assert telefoon.invoer.value == "nog een"


def test_deelnemer_wijzigt_en_trekt_eigen_bijdrage_in(zaal):
    telefoon = zaal.telefoon()
    schrijf(telefoon, "Wachtlijsten")
    (rij,) = telefoon.eigen.rijen.values()
    rij.wijzig.click()
    assert telefoon.invoer.value == "Wachtlijsten"
    schrijf(telefoon, "Lange wachtlijsten GGZ")
    assert [b.tekst for b in zaal.store.items("bijdrage", zaal.bijeenkomst.id)] == ["Lange wachtlijsten GGZ"]
    (rij,) = telefoon.eigen.rijen.values()
    rij.trek_in.click()
    assert telefoon.eigen.rijen == {}
    assert zaal.store.items("bijdrage", zaal.bijeenkomst.id, alleen_zichtbaar=True) == []


def test_kolommen_op_telefoon_en_wand(nieuwe_kamer):
    zaal = nieuwe_kamer(_onderdeel(kolommen=("Trots", "Nodig")))
    telefoon, wand = zaal.telefoon(), zaal.wand()
    assert telefoon.kolom.layout.display is None
    telefoon.kolom.value = "Nodig"
    schrijf(telefoon, "Een vast aanspreekpunt")
    zaal.ververs(wand)
    koppen = [g.children[0].value for g in wand.muur.children]
    assert koppen == ["<h2>Trots</h2>", "<h2>Nodig</h2>"]
    nodig = wand.muur.children[1].children[1].children
    assert "Een vast aanspreekpunt" in nodig[0].value


def test_een_nieuwe_bijdrage_staat_meteen_op_de_wand_ook_als_de_wand_doorbladert(zaal):
    telefoons = [zaal.telefoon(naam=f"Deelnemer {i}") for i in range(5)]
    zin = "Ouderen in de wijk weten de weg naar het sociaal wijkteam en de huisarts niet te vinden. "
    for i, telefoon in enumerate(telefoons * 6):
        schrijf(telefoon, f"{i}: {zin * 2}")
    wand = zaal.wand()
    assert wand._aantal_paginas > 1, "de test heeft een wand van meer dan een pagina nodig"
    for _ in range(PAGINA_SECONDEN):
        wand.tik()
    assert wand.pagina == 1
    assert not any("Net binnen" in t for t in wandteksten(wand))

    schrijf(telefoons[0], "Net binnen: de wachtlijst bij de POH")
    zaal.ververs(wand)
    assert wand.pagina == 0
    assert any("Net binnen" in t for t in wandteksten(wand))
    for _ in range(PAGINA_SECONDEN - 1):
        wand.tik()
    assert wand.pagina == 0, "de nieuwste pagina blijft een hele beurt staan"


def test_elke_stip_telt_meteen_mee_op_de_wand_ook_op_een_pagina_die_niet_getoond_wordt(nieuwe_kamer):
    zaal = nieuwe_kamer(_onderdeel(stippen=3))
    telefoons = [zaal.telefoon(naam=f"Deelnemer {i}") for i in range(5)]
    zin = "Ouderen in de wijk weten de weg naar het sociaal wijkteam en de huisarts niet te vinden. "
    for i, telefoon in enumerate(telefoons * 6):
        schrijf(telefoon, f"{i}: {zin * 2}")
    regie = zaal.regiepaneel()
    regie.stippen.value = 3
    regie.stem_knop.click()
    wand = zaal.wand()
    assert wand._aantal_paginas > 1, "de test heeft een wand van meer dan een pagina nodig"
    assert "Nog geen stippen gezet" in wand.ranking.value
    zaal.ververs(*telefoons)
    oudste = min(item["id"] for item in telefoons[0].stemlijst.items)
    assert not any(oudste == i for i, item in wand._items.items() if item in wand.muur_items())
    for n, telefoon in enumerate(telefoons[:3], start=1):
        telefoon.stemlijst.stem(oudste)  # on the last page: the wall shows the newest first
        zaal.ververs(wand)
        assert f"{stippen_tekst(n)} gezet" in wand.ranking.value


def test_markup_van_een_deelnemer_komt_letterlijk_op_de_wand(zaal):
    telefoon, wand = zaal.telefoon(), zaal.wand()
    schrijf(telefoon, "<img src=x onerror=alert(1)><script>alert(2)</script>")
    zaal.ververs(wand)
    (html,) = wandteksten(wand)
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize("anoniem, naam_op_wand", [(True, False), (False, True)])
def test_naam_op_de_wand_alleen_als_de_werkvorm_niet_anoniem_is(nieuwe_kamer, anoniem, naam_op_wand):
    zaal = nieuwe_kamer(_onderdeel(anoniem=anoniem))
    telefoon, wand = zaal.telefoon(naam="Fatima", organisatie="Sociaal wijkteam"), zaal.wand()
    schrijf(telefoon, "Schuldenproblematiek")
    zaal.ververs(wand)
    assert ("Fatima (Sociaal wijkteam)" in wandteksten(wand)[0]) is naam_op_wand


def test_prive_schrijven_toont_alleen_het_aantal_tot_de_onthulling(nieuwe_kamer):
    zaal = nieuwe_kamer(_onderdeel(prive_eerst=True, onthuld=False))
    telefoon, wand, regie = zaal.telefoon(), zaal.wand(), zaal.regiepaneel()
    schrijf(telefoon, "Eerste gedachte")
    schrijf(telefoon, "Tweede gedachte")
    zaal.ververs(wand)
    assert wandteksten(wand) == []
    assert ">2</span> bijdragen" in wand.aantal.value
    regie.onthul.click()
    zaal.ververs(wand)
    assert len(wandteksten(wand)) == 2
    assert wand.aantal.layout.display == "none"


def test_verborgen_bijdrage_verlaat_de_wand_en_komt_terug(zaal):
    telefoon, wand, regie = zaal.telefoon(), zaal.wand(), zaal.regiepaneel()
    schrijf(telefoon, "Scheldwoord")
    regie.ververs_alles()
    (rij,) = regie.rijen.rijen.values()
    rij.verberg.click()
    zaal.ververs(wand, telefoon)
    assert wandteksten(wand) == []
    assert "verborgen door de procesbegeleider" in next(iter(telefoon.eigen.rijen.values())).tekst.value
    assert rij.verberg.description == "Herstel"
    rij.verberg.click()
    zaal.ververs(wand)
    assert len(wandteksten(wand)) == 1


def test_stemmen_binnen_het_budget_en_een_stip_te_veel_wordt_geweigerd(nieuwe_kamer):
    zaal = nieuwe_kamer(_onderdeel(stippen=2))
    telefoon, wand, regie = zaal.telefoon(), zaal.wand(), zaal.regiepaneel()
    schrijf(telefoon, "Wachtlijsten")
    schrijf(telefoon, "Eenzaamheid")
    assert telefoon.stem_vak.layout.display == "none"
    regie.stippen.value = 2
    regie.stem_knop.click()
    zaal.ververs(telefoon, wand)
    assert telefoon.stippen_over.tekst == "Je hebt nog 2 van je 2 stippen."
    eerste = min(item["id"] for item in telefoon.stemlijst.items)
    telefoon.stemlijst.stem(eerste)
    telefoon.stemlijst.stem(eerste)
    assert "al je 2 stippen" in telefoon.stippen_over.tekst
    telefoon.stemlijst.stem(eerste)
    assert "al je 2 stippen gebruikt" in telefoon.stem_melding.tekst
    assert len(zaal.store.stemmen(zaal.bijeenkomst.id)) == 2
    zaal.ververs(wand)
    assert "Wachtlijsten" in wand.ranking.value and "2 stippen" in wand.ranking.value
    assert [item["mijn"] for item in telefoon.stemlijst.items if item["id"] == eerste] == [2]
    telefoon.stemlijst.terug(eerste)
    assert telefoon.stippen_over.tekst == "Je hebt nog 1 van je 2 stippen."


def test_thema_en_cluster_groeperen_de_wand(zaal):
    telefoon, wand, regie = zaal.telefoon(), zaal.wand(), zaal.regiepaneel()
    for tekst in ("Geen terugkoppeling", "Verschillende systemen", "Niemand weet wie wat doet"):
        schrijf(telefoon, tekst)
    regie.ververs_alles()
    ids = sorted(regie.rijen.rijen)
    regie.rijen.rijen[ids[0]].thema.value = "communicatie"
    zaal.ververs(wand)
    assert [g.children[0].value for g in wand.muur.children] == [
        "<h2>Communicatie</h2>",
        "<h2>Nog niet gegroepeerd</h2>",
    ]
    regie.kies(ids[1], ids[2])
    regie.cluster.value = "Elkaar kennen"
    regie.cluster_knop.click()
    zaal.ververs(wand)
    koppen = [g.children[0].value for g in wand.muur.children]
    assert koppen == ["<h2>Elkaar kennen</h2>", "<h2>Nog niet gegroepeerd</h2>"]


def test_dubbele_bijdragen_samenvoegen(zaal):
    telefoon, wand, regie = zaal.telefoon(), zaal.wand(), zaal.regiepaneel()
    schrijf(telefoon, "Wachtlijst GGZ")
    schrijf(telefoon, "GGZ-wachtlijsten")
    regie.ververs_alles()
    regie.kies(*regie.rijen.rijen)
    regie.samen_knop.click()
    zaal.ververs(wand)
    assert len(wandteksten(wand)) == 1 and "Wachtlijst GGZ" in wandteksten(wand)[0]
    assert "samengevoegd" in regie.melding.tekst


def test_bijdrage_promoveren_tot_actie(zaal):
    telefoon, regie = zaal.telefoon(), zaal.regiepaneel()
    schrijf(telefoon, "Sociale kaart bijwerken")
    regie.ververs_alles()
    regie.kies(*regie.rijen.rijen)
    regie.wie.value = "Gemeente"
    regie.wanneer.value = date.today() + timedelta(days=30)
    regie.actie_knop.click()
    (actie,) = zaal.store.items("actie", zaal.bijeenkomst.id)
    assert (actie.wat, actie.wie) == ("Sociale kaart bijwerken", "Gemeente")
    regie.kies(*regie.rijen.rijen)
    regie.wanneer.value = date.today() - timedelta(days=1)
    regie.wie.value = "GGD"
    regie.actie_knop.click()
    assert "vanaf vandaag" in regie.melding.tekst


def test_clusterstap_werkt_op_de_bijdragen_van_de_brainstorms_ervoor(nieuwe_kamer):
    zaal = nieuwe_kamer(
        _onderdeel(),
        _onderdeel(werkvorm="inventarisatie", titel="Inventarisatie"),
        _onderdeel(
            werkvorm="clusteren-en-stemmen",
            titel="Clusteren",
            stippen=3,
            neemt_over=("wijkbrainstorm", "inventarisatie"),
        ),
        actief=0,
    )
    onderdelen = zaal.store.onderdelen(zaal.bijeenkomst.id)
    assert zaal.store.bron_onderdelen(onderdelen[2]) == onderdelen
    assert zaal.store.bron_onderdelen(onderdelen[1]) == [onderdelen[1]]
    schrijf(zaal.telefoon(), "Uit de brainstorm")
    zaal.regie.ga_naar(onderdelen[2].id)
    zaal.onderdeel = onderdelen[2]
    assert "Uit de brainstorm" in wandteksten(zaal.wand())[0]


class Lezingen:
    """Counts the store reads of the phones' redraws."""

    def __init__(self, store, monkeypatch) -> None:
        self.aantal = 0
        for naam in ("items", "items_voor", "stemmen", "onderdeel"):
            echt = getattr(store, naam)
            monkeypatch.setattr(store, naam, self._tel(echt))

    def _tel(self, echt):
        def geteld(*args, **kwargs):
            self.aantal += 1
            return echt(*args, **kwargs)

        return geteld


def test_een_telefoon_leest_niets_als_een_ander_binnenkomt_schrijft_of_stemt(nieuwe_kamer, monkeypatch):
    zaal = nieuwe_kamer(_onderdeel(stippen=3))
    telefoon, ander = zaal.telefoon(), zaal.telefoon(organisatie="Welzijn")
    schrijf(telefoon, "Wachtlijsten")
    voor = zaal.store.versie(zaal.bijeenkomst.id)
    schrijf(ander, "Eenzaamheid")
    zaal.telefoon(organisatie="Gemeente")  # someone joins
    lezingen = Lezingen(zaal.store, monkeypatch)
    telefoon.ververs(zaal.store.wijzigingen_sinds(zaal.bijeenkomst.id, voor))
    assert lezingen.aantal == 0
    zaal.regie.start_stemmen(zaal.onderdeel.id, 3)
    zaal.ververs(telefoon, ander)
    voor = zaal.store.versie(zaal.bijeenkomst.id)
    (doel,) = [item["id"] for item in ander.stemlijst.items if item["tekst"] == "Wachtlijsten"]
    ander.stemlijst.stem(doel)
    lezingen.aantal = 0
    telefoon.ververs(zaal.store.wijzigingen_sinds(zaal.bijeenkomst.id, voor))
    assert lezingen.aantal == 0
    assert telefoon.stippen_over.tekst == "Je hebt nog 3 van je 3 stippen."


def test_tijdens_het_stemmen_ziet_een_telefoon_nieuwe_bijdragen_van_anderen(nieuwe_kamer):
    zaal = nieuwe_kamer(_onderdeel(stippen=3))
    telefoon, ander = zaal.telefoon(), zaal.telefoon(organisatie="Welzijn")
    zaal.regie.start_stemmen(zaal.onderdeel.id, 3)
    zaal.ververs(telefoon)
    voor = zaal.store.versie(zaal.bijeenkomst.id)
    schrijf(ander, "Schulden")
    telefoon.ververs(zaal.store.wijzigingen_sinds(zaal.bijeenkomst.id, voor))
    assert [item["tekst"] for item in telefoon.stemlijst.items] == ["Schulden"]


def test_een_tweede_tabblad_van_dezelfde_deelnemer_volgt_de_eigen_stippen(nieuwe_kamer):
    zaal = nieuwe_kamer(_onderdeel(stippen=3))
    telefoon = zaal.telefoon()
    tweede = TekstInvoer(telefoon.sessie, zaal.vers())
    schrijf(telefoon, "Wachtlijsten")
    zaal.regie.start_stemmen(zaal.onderdeel.id, 3)
    zaal.ververs(telefoon, tweede)
    voor = zaal.store.versie(zaal.bijeenkomst.id)
    telefoon.stemlijst.stem(telefoon.stemlijst.items[0]["id"])
    tweede.ververs(zaal.store.wijzigingen_sinds(zaal.bijeenkomst.id, voor))
    assert tweede.stippen_over.tekst == "Je hebt nog 2 van je 3 stippen."
