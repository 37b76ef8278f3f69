"""The traject: a follow-up reviews the same actions as the startbijeenkomst, never copies.

The facilitator's story: a startbijeenkomst with actions, ``werkplaats vervolg``, statuses
recorded at the follow-up, and ``werkplaats traject`` showing the chain and each action's
history. Bad input changes nothing.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, select

from toolkit import model
from toolkit.analysis.traject import overzicht_uit_store
from toolkit.cli import cli
from toolkit.fouten import NietGevonden, OngeldigeInvoer
from toolkit.store import Store, bijeenkomst_t
from toolkit.store import traject as st
from toolkit.werkvormen import laad_programma

START = date(2027, 3, 4)


def werkplaats(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=True)


def geslaagd(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def startbijeenkomst(store: Store, vandaag: date = START) -> tuple[model.Bijeenkomst, str]:
    """A startbijeenkomst in wijk De Horst with three actions and one afspraak."""
    b, sleutel = store.nieuwe_bijeenkomst(
        "Startbijeenkomst De Horst", datum=vandaag, locatie="De Horst",
        onderdelen=list(laad_programma("standaard").onderdelen),
    )
    regie = store.regie(b.code, sleutel)
    for wat, wie, dagen in (
        ("Vast aanspreekpunt per huisartsenpraktijk", "Huisarts Jansen", 30),
        ("Sociale kaart delen met de POH's", "Welzijn De Horst", 45),
        ("Casusoverleg elke maand", "Sociaal wijkteam", 60),
    ):
        regie.voeg_toe(model.Actie.nieuw(vandaag=vandaag, wat=wat, wie=wie, wanneer=vandaag + timedelta(days=dagen)))
    regie.voeg_toe(
        model.Afspraak.nieuw(vandaag=vandaag, tekst="Terugkoppeling na elke verwijzing binnen een week",
                             wie="iedereen", evaluatiemoment=vandaag + timedelta(days=90))
    )
    store.aanmelden(b.code, organisatie="Huisartsenpraktijk Jansen", domein="zorg")
    store.aanmelden(b.code, organisatie="Sociaal wijkteam De Horst", domein="sociaal")
    return b, sleutel


def aantal_bijeenkomsten(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(bijeenkomst_t)).scalar_one()


def test_een_vervolg_maakt_een_traject_met_de_startbijeenkomst_als_basis(store: Store) -> None:
    start, _sleutel = startbijeenkomst(store)
    vervolg, sleutel = st.vervolg(
        store, start.code, "Evaluatie na drie maanden", datum="2027-06-03",
        onderdelen=laad_programma("evaluatie").onderdelen, programma="evaluatie",
    )
    assert vervolg.code != start.code and sleutel
    assert store.regie(vervolg.code, sleutel).bijeenkomst_id == vervolg.id
    keten = st.keten(store, vervolg.id)
    assert [b.code for b in keten.bijeenkomsten] == [start.code, vervolg.code]
    assert keten.basis.id == start.id
    assert keten.traject is not None and keten.traject.wijk == "De Horst"
    assert set(keten.traject.partners) == {"Huisartsenpraktijk Jansen", "Sociaal wijkteam De Horst"}
    assert st.keten(store, start.id) == keten, "vanuit elke bijeenkomst dezelfde keten"
    assert st.vorige_van(store, vervolg.id) == start.id
    assert [o.werkvorm for o in store.onderdelen(vervolg.id)][:3] == ["terugblik-acties", "afspraken-check", "monitoring"]


def test_acties_gaan_mee_als_verwijzing_met_een_status_per_bijeenkomst(store: Store) -> None:
    start, _ = startbijeenkomst(store)
    vervolg, sleutel = st.vervolg(store, start.code, "Evaluatie", datum="2027-06-03")
    regie = store.regie(vervolg.code, sleutel)
    acties = st.items_van_traject(store, "actie", vervolg.id)
    assert len(acties) == 3 and all(a.bijeenkomst_id == start.id for a in acties)
    assert store.items("actie", vervolg.id) == [], "geen kopie in de vervolgbijeenkomst"

    st.zet_voortgang(regie, "actie", acties[0].id, "gedaan", vandaag=START)
    st.zet_voortgang(regie, "actie", acties[1].id, "niet gelukt", opmerking="Geen tijd bij Welzijn", vandaag=START)
    st.zet_voortgang(regie, "actie", acties[2].id, "bezig", wanneer="2027-09-01", vandaag=START)
    st.zet_voortgang(regie, "actie", acties[0].id, "gedaan", opmerking="Werkt goed", vandaag=START)  # again: replaces

    o = overzicht_uit_store(store, vervolg.id)
    assert [a.statussen for a in o.acties] == [("open", "gedaan"), ("open", "niet gelukt"), ("open", "bezig")]
    assert o.acties[2].wanneer == date(2027, 9, 1), "doorgeschoven naar een nieuwe datum"
    assert o.acties[0].opmerking == "Werkt goed"
    assert o.telling() == {"gedaan": 1, "niet gelukt": 1, "bezig": 1}
    assert [a.wat for a in o.open_acties()] == [acties[1].wat, acties[2].wat]
    assert len(st.voortgang(store, start.id)) == 3

    # a third meeting reviews only what is still open, and the history keeps growing
    derde, sleutel3 = st.vervolg(store, vervolg.code, "Evaluatie na een half jaar", datum="2027-09-02")
    st.zet_voortgang(store.regie(derde.code, sleutel3), "actie", acties[2].id, "gedaan", vandaag=START)
    o = overzicht_uit_store(store, start.id)
    assert [b.code for b in o.bijeenkomsten] == [start.code, vervolg.code, derde.code]
    assert o.acties[2].statussen == ("open", "bezig", "gedaan")
    assert o.acties[1].statussen == ("open", "niet gelukt", "niet gelukt"), "zonder nieuwe status blijft de vorige"
    assert [a.id for a in o.open_acties(2)] == [acties[1].id, acties[2].id]


def test_een_actie_van_een_andere_bijeenkomst_krijgt_geen_status(store: Store) -> None:
    start, _ = startbijeenkomst(store)
    ander, _ = startbijeenkomst(store)
    vervolg, sleutel = st.vervolg(store, start.code, "Evaluatie", datum="2027-06-03")
    vreemd = store.items("actie", ander.id)[0]
    with pytest.raises(NietGevonden, match="hoort niet bij dit traject"):
        st.zet_voortgang(store.regie(vervolg.code, sleutel), "actie", vreemd.id, "gedaan")


def test_een_nieuwe_datum_voor_een_doorlopende_actie_ligt_niet_in_het_verleden(store: Store) -> None:
    start, _ = startbijeenkomst(store)
    vervolg, sleutel = st.vervolg(store, start.code, "Evaluatie", datum="2027-06-03")
    actie = st.items_van_traject(store, "actie", vervolg.id)[0]
    with pytest.raises(OngeldigeInvoer, match="vanaf vandaag"):
        st.zet_voortgang(store.regie(vervolg.code, sleutel), "actie", actie.id, "bezig",
                         wanneer="2027-01-01", vandaag=START)
    assert st.voortgang(store, vervolg.id) == []


def test_geimporteerde_acties_zijn_open_acties_van_het_traject(store: Store, tmp_path: Path) -> None:
    from toolkit.importeer import importeer

    start, sleutel = startbijeenkomst(store)
    csv = tmp_path / "acties.csv"
    csv.write_text("wat;wie;wanneer\nWelzijn op Recept starten;Gemeente;2026-01-15\n", encoding="utf-8")
    importeer(store, csv, code=start.code, soort="acties", sleutel=sleutel)
    vervolg, _ = st.vervolg(store, start.code, "Evaluatie", datum="2027-06-03")
    wat = [a.wat for a in overzicht_uit_store(store, vervolg.id).open_acties()]
    assert "Welzijn op Recept starten" in wat and len(wat) == 4


# --- the command line --------------------------------------------------------------------------


def test_vervolg_en_traject_op_de_opdrachtregel(store: Store) -> None:
    start, _ = startbijeenkomst(store)
    uit = json.loads(geslaagd(werkplaats("vervolg", start.code, "Evaluatie na drie maanden",
                                          "--datum", "2027-06-03", "--json")).stdout)
    assert set(uit) >= {"code", "sleutel"} and len(uit["code"]) == model.CODE_LENGTE
    tekst = geslaagd(werkplaats("vervolg", uit["code"], "Tweede evaluatie", "--datum", "2027-09-02")).stdout
    assert "Code voor deelnemers:" in tekst and "Sleutel procesbegeleider:" in tekst

    data = json.loads(geslaagd(werkplaats("traject", start.code, "--json")).stdout)
    assert [(b["titel"], b["datum"]) for b in data["bijeenkomsten"]] == [
        ("Startbijeenkomst De Horst", "2027-03-04"),
        ("Evaluatie na drie maanden", "2027-06-03"),
        ("Tweede evaluatie", "2027-09-02"),
    ]
    assert data["bijeenkomsten"][1]["code"] == uit["code"]
    assert [a["wat"] for a in data["acties"]][0] == "Vast aanspreekpunt per huisartsenpraktijk"
    eerste = data["acties"][0]
    assert {"wat", "wie", "wanneer", "status"} <= set(eerste)
    assert eerste["status"] == "open" and len(eerste["statussen"]) == 3
    assert data["volgend_evaluatiemoment"] is None or data["volgend_evaluatiemoment"] > "2027-06-03"

    leesbaar = geslaagd(werkplaats("traject", uit["code"])).stdout
    assert "Vast aanspreekpunt per huisartsenpraktijk" in leesbaar and start.code in leesbaar


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (["vervolg", "ZZZZZZ", "Evaluatie"], "Er is geen bijeenkomst met code ZZZZZZ"),
        (["vervolg", "{code}", "Evaluatie", "--datum", "2027-01-01"], "niet vóór de eerste bijeenkomst"),
        (["vervolg", "{code}", "Evaluatie", "--datum", "4 maart"], "geen datum"),
        (["vervolg", "{code}", "Evaluatie", "--programma", "lang"], "Onbekend programma 'lang'"),
        (["vervolg", "{code}", "   "], "Vul titel in"),
        (["traject", "ZZZZZZ"], "Er is geen bijeenkomst met code ZZZZZZ"),
    ],
)
def test_fout_bij_vervolg_geeft_een_nederlandse_melding_en_verandert_niets(
    store: Store, args: list[str], melding: str
) -> None:
    start, _ = startbijeenkomst(store)
    voor = aantal_bijeenkomsten(store)
    result = werkplaats(*(a.format(code=start.code) for a in args))
    assert result.exit_code == 2, result.output
    assert melding in result.output
    assert "Traceback" not in result.output
    assert aantal_bijeenkomsten(store) == voor
    assert st.keten(store, start.id).traject is None, "ook geen half traject"


# --- the schema ------------------------------------------------------------------------------


def test_een_database_van_voor_het_traject_wordt_bijgewerkt_en_houdt_zijn_gegevens(db_pad: Path) -> None:
    from toolkit.migrations import upgrade

    oud = Store(db_pad, migreren=False)
    upgrade(oud.engine, "0001")
    start, _ = oud.nieuwe_bijeenkomst("Startbijeenkomst De Horst", datum=START)
    oud.engine.dispose()
    nieuw = Store(db_pad)
    vervolg, _ = st.vervolg(nieuw, start.code, "Evaluatie", datum="2027-06-03")
    assert [b.id for b in st.keten(nieuw, start.id).bijeenkomsten] == [start.id, vervolg.id]


@pytest.mark.postgres
def test_het_traject_werkt_ook_op_postgres(postgres_url: str) -> None:
    store = Store(postgres_url)
    try:
        start, _ = startbijeenkomst(store)
        vervolg, sleutel = st.vervolg(store, start.code, "Evaluatie", datum="2027-06-03")
        actie = st.items_van_traject(store, "actie", vervolg.id)[0]
        st.zet_voortgang(store.regie(vervolg.code, sleutel), "actie", actie.id, "gedaan", vandaag=START)
        st.zet_voortgang(store.regie(vervolg.code, sleutel), "actie", actie.id, "bezig", vandaag=START)
        o = overzicht_uit_store(store, start.id)
        assert o.acties[0].statussen == ("open", "bezig")
        with pytest.raises(OngeldigeInvoer):
            st.vervolg(store, start.code, "Te vroeg", datum="2026-01-01")
        assert len(st.keten(store, start.id).bijeenkomsten) == 2
    finally:
        store.engine.dispose()


def test_wissen_van_een_vervolg_laat_de_startbijeenkomst_en_zijn_acties_staan(store: Store) -> None:
    start, _ = startbijeenkomst(store)
    vervolg, sleutel = st.vervolg(store, start.code, "Evaluatie", datum="2027-06-03")
    actie = st.items_van_traject(store, "actie", vervolg.id)[0]
    st.zet_voortgang(store.regie(vervolg.code, sleutel), "actie", actie.id, "gedaan", vandaag=START)
    store.wis(vervolg.code, sleutel)
    o = overzicht_uit_store(store, start.id)
    assert [b.id for b in o.bijeenkomsten] == [start.id]
    assert len(o.acties) == 3 and o.acties[0].statussen == ("open",)


# --- the follow-up werkvormen, driven in-process as on the phones, the wand and the regiekamer


def _panelen(store: Store, bijeenkomst: model.Bijeenkomst, onderdeel: model.Onderdeel, **sessie: object):
    from toolkit.apps.basis import Sessie, maak_paneel

    return lambda soort: maak_paneel(soort, Sessie(store, bijeenkomst, **sessie), onderdeel)  # type: ignore[arg-type]


def _html(widget: object) -> str:
    uit = [getattr(widget, "value", "")] if isinstance(getattr(widget, "value", None), str) else []
    for kind in getattr(widget, "children", ()):
        uit.append(_html(kind))
    return "\n".join(uit)


def _kaarten(paneel: object) -> dict:
    return paneel.kaarten  # type: ignore[attr-defined]


def vervolg_in_de_zaal(store: Store) -> tuple[model.Bijeenkomst, str, model.Bijeenkomst, dict[str, model.Onderdeel]]:
    start, _ = startbijeenkomst(store, vandaag=date.today())
    vervolg, sleutel = st.vervolg(store, start.code, "Evaluatie na drie maanden",
                                  onderdelen=laad_programma("evaluatie").onderdelen)
    onderdelen = {o.werkvorm: o for o in store.onderdelen(vervolg.id)}
    return start, sleutel, vervolg, onderdelen


def test_deelnemers_melden_per_actie_en_de_wand_telt_en_de_regie_zet_de_status(store: Store) -> None:
    start, sleutel, vervolg, onderdelen = vervolg_in_de_zaal(store)
    regie = store.regie(vervolg.code, sleutel)
    terugblik = regie.ga_naar(onderdelen["terugblik-acties"].id)
    anna, _ = store.aanmelden(vervolg.code, organisatie="Huisartsenpraktijk Jansen", domein="zorg")
    bram, _ = store.aanmelden(vervolg.code, organisatie="Welzijn De Horst", domein="sociaal")
    telefoon_anna = _panelen(store, vervolg, terugblik, deelnemer=anna)("deelnemer")
    telefoon_bram = _panelen(store, vervolg, terugblik, deelnemer=bram)("deelnemer")
    acties = st.items_van_traject(store, "actie", vervolg.id)
    onderwerpen = [model.onderwerp_van("actie", a.id) for a in acties]
    assert list(_kaarten(telefoon_anna)) == onderwerpen, "elke open actie van de startbijeenkomst"

    _kaarten(telefoon_anna)[onderwerpen[0]].keuze.value = model.melding_waarde("gedaan")
    _kaarten(telefoon_bram)[onderwerpen[0]].keuze.value = model.melding_waarde("gedaan")
    _kaarten(telefoon_bram)[onderwerpen[1]].keuze.value = model.melding_waarde("niet gelukt")
    kaart = _kaarten(telefoon_bram)[onderwerpen[1]]
    kaart.opmerking.value = "<b>Geen tijd</b> bij Welzijn"
    kaart.bewaar.click()
    assert "Opgeslagen: niet gelukt" in kaart.status.tekst
    assert kaart.melding.soort == "ok"

    wand = _panelen(store, vervolg, terugblik)("wand")
    tekst = _html(wand.widget)
    assert "&lt;b&gt;Geen tijd&lt;/b&gt; bij Welzijn" in tekst and "<b>Geen tijd" not in tekst
    assert "<b>2</b>" in tekst, "twee keer gedaan bij de eerste actie"

    regiepaneel = _panelen(store, vervolg, terugblik, regie=regie)("regie")
    rij = regiepaneel.rijen.rijen[onderwerpen[1]]
    rij.status.value = "bezig"
    rij.wanneer.value = date.today() + timedelta(days=60)
    rij.opslaan()
    assert rij.melding.soort == "ok", rij.melding.tekst
    rij0 = regiepaneel.rijen.rijen[onderwerpen[0]]
    rij0.status.value = "gedaan"
    rij0.opslaan()
    o = overzicht_uit_store(store, vervolg.id)
    assert [a.status for a in o.acties] == ["gedaan", "bezig", "open"]
    assert o.acties[1].wanneer == date.today() + timedelta(days=60)

    # a reload of Anna's phone shows her own answer again
    opnieuw = _panelen(store, vervolg, terugblik, deelnemer=anna)("deelnemer")
    assert _kaarten(opnieuw)[onderwerpen[0]].keuze.value == model.melding_waarde("gedaan")


def test_monitoring_is_te_vergelijken_met_de_vorige_meting(store: Store) -> None:
    start, _ = startbijeenkomst(store, vandaag=date.today())
    programma = [o for o in laad_programma("evaluatie").onderdelen if o.werkvorm == "monitoring"]
    eerste, sleutel1 = st.vervolg(store, start.code, "Nulmeting", onderdelen=programma)
    tweede, sleutel2 = st.vervolg(store, eerste.code, "Na drie maanden",
                                  datum=date.today() + timedelta(days=91), onderdelen=programma)
    vragen = store.onderdelen(eerste.id)[0].stellingen
    for b, sleutel, scores in ((eerste, sleutel1, (2, 3)), (tweede, sleutel2, (4, 5))):
        onderdeel = store.regie(b.code, sleutel).ga_naar(store.onderdelen(b.id)[0].id)
        for score, domein in zip(scores, ("zorg", "sociaal"), strict=True):
            d, _ = store.aanmelden(b.code, organisatie=f"Org {domein}", domein=domein)
            telefoon = _panelen(store, b, onderdeel, deelnemer=d)("deelnemer")
            assert list(_kaarten(telefoon)) == list(vragen)
            _kaarten(telefoon)[vragen[2]].keuze.value = score
    verloop = dict(monitoring_verloop_van(store, tweede.id))
    assert [(g, n) for _b, g, n in verloop[vragen[2]]] == [(None, 0), (2.5, 2), (4.5, 2)]
    wand = _panelen(store, tweede, store.onderdelen(tweede.id)[0])("wand")
    tekst = _html(wand.widget)
    assert "2.5" in tekst and "4.5" in tekst and "+2.0" in tekst

    from toolkit.analysis.traject import metingen

    rijen = [(m.code, m.werkvorm, m.vraag, m.domein, m.waarde) for m in metingen(store, start.id)]
    assert (tweede.code, "monitoring", vragen[2], "sociaal", 5) in rijen
    assert len(rijen) == 4


def monitoring_verloop_van(store: Store, bijeenkomst_id: int):
    from toolkit.analysis.traject import monitoring_verloop

    return monitoring_verloop(store, bijeenkomst_id)


def test_afspraken_check_scoort_de_afspraken_van_de_startbijeenkomst(store: Store) -> None:
    start, sleutel, vervolg, onderdelen = vervolg_in_de_zaal(store)
    check = store.regie(vervolg.code, sleutel).ga_naar(onderdelen["afspraken-check"].id)
    d, _ = store.aanmelden(vervolg.code, organisatie="Sociaal wijkteam", domein="sociaal")
    telefoon = _panelen(store, vervolg, check, deelnemer=d)("deelnemer")
    afspraak = store.items("afspraak", start.id)[0]
    kaart = _kaarten(telefoon)[model.onderwerp_van("afspraak", afspraak.id)]
    kaart.keuze.value = 2
    kaart.opmerking.value = "De terugkoppeling komt vaak te laat."
    kaart.bewaar.click()
    regie = _panelen(store, vervolg, check, regie=store.regie(vervolg.code, sleutel))("regie")
    tekst = _html(regie.widget)
    assert "Terugkoppeling na elke verwijzing" in tekst and "2.0" in tekst and "te laat" in tekst


# --- questionnaire mode: open for days, answered at one's own moment ---------------------------


def test_vragenlijst_over_meerdere_dagen_met_eigen_link_en_respons_per_domein(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import datetime

    from toolkit.apps.deelnemer import DeelnemerApp

    start, _ = startbijeenkomst(store, vandaag=date.today())
    programma = [o for o in laad_programma("evaluatie").onderdelen if o.werkvorm in ("afspraken-check", "monitoring")]
    vervolg, _ = st.vervolg(store, start.code, "Monitoring na zes maanden", onderdelen=programma)
    tot = date.today() + timedelta(days=7)
    uit = json.loads(geslaagd(werkplaats(
        "vragenlijst", vervolg.code, "--open-tot", tot.isoformat(), "--adres", "http://laptop.local:8866",
        "--naar", str(tmp_path / "uitnodiging"), "--json",
    )).stdout)
    assert uit["open_tot"] == tot.isoformat() and uit["link"].startswith("http://laptop.local:8866/")
    tekst = (tmp_path / "uitnodiging" / "uitnodiging.txt").read_text(encoding="utf-8")
    assert uit["link"] in tekst and model.datum_nl(tot) in tekst and vervolg.code in tekst
    assert (tmp_path / "uitnodiging" / "uitnodiging-qr.png").read_bytes().startswith(b"\x89PNG")

    def op_dag(dagen: int) -> None:
        moment = datetime.combine(date.today() + timedelta(days=dagen), datetime.min.time()).replace(hour=10)
        monkeypatch.setattr(model, "nu", lambda: moment)

    vraag = "Is de samenwerking verbeterd?"

    def telefoon(**params: str) -> DeelnemerApp:
        app = DeelnemerApp(store, {"code": vervolg.code, **params})
        return app

    def kaart(app: DeelnemerApp):
        [monitoring] = [p for p in app.volger.panelen if vraag in getattr(p, "kaarten", {})]  # type: ignore[union-attr]
        return monitoring.kaarten[vraag]

    op_dag(1)
    anna, token_anna = store.aanmelden(vervolg.code, organisatie="Huisartsenpraktijk", domein="zorg", naam="Anna")
    app = telefoon(t=token_anna)
    assert len(app.volger.panelen) == 2, "alle onderdelen onder elkaar, niemand hoeft de zaal te volgen"  # type: ignore[union-attr]
    kaart(app).keuze.value = 4
    assert kaart(app).status.soort == "ok"

    op_dag(3)
    _bram, token_bram = store.aanmelden(vervolg.code, organisatie="Sociaal wijkteam", domein="sociaal")
    kaart(telefoon(t=token_bram)).keuze.value = 3

    op_dag(5)  # Anna comes back with her personal link and changes her mind
    terug = telefoon(t=token_anna)
    assert kaart(terug).keuze.value == 4
    kaart(terug).keuze.value = 2
    antwoorden = [a for a in store.items("antwoord", vervolg.id) if a.onderwerp == vraag]
    assert sorted((a.deelnemer_id == anna.id, a.waarde) for a in antwoorden) == [(False, 3), (True, 2)]

    assert st.vragenlijst_respons(store, vervolg.id)["zorg"] == 1
    monitoring = next(o for o in store.onderdelen(vervolg.id) if o.invoer == "monitoring")
    regie = _panelen(store, vervolg, monitoring, regie=None)("regie")
    assert "Ingevuld door 2 deelnemers: Zorg (medisch) 1, Sociaal domein 1." in _html(regie.widget)
    overzicht = geslaagd(werkplaats("vragenlijst", vervolg.code)).stdout
    assert "Ingevuld door 2 deelnemers" in overzicht and "Zorg (medisch)" in overzicht and "Sociaal domein" in overzicht

    op_dag(8)  # after the closing day nothing changes any more, with a message that says why
    laat = telefoon(t=token_anna)
    kaart(laat).keuze.value = 5
    assert kaart(laat).status.soort == "fout" and "gesloten" in kaart(laat).status.tekst
    assert [a.waarde for a in store.items("antwoord", vervolg.id, deelnemer_id=anna.id) if a.onderwerp == vraag] == [2]


def test_vragenlijst_met_een_datum_in_het_verleden_verandert_niets(store: Store) -> None:
    start, _ = startbijeenkomst(store, vandaag=date.today())
    result = werkplaats("vragenlijst", start.code, "--open-tot", "2020-01-01")
    assert result.exit_code == 2 and "vanaf vandaag" in result.output
    assert st.vragenlijst_tot(store, start.id) is None


def test_een_herhaalde_netwerkanalyse_toont_op_de_wand_de_verandering_sinds_de_start(store: Store) -> None:
    start, sleutel0 = startbijeenkomst(store, vandaag=date.today())
    netwerk = [o for o in laad_programma("standaard").onderdelen if o.werkvorm == "netwerkanalyse"]
    o0 = next(o for o in store.onderdelen(start.id) if o.werkvorm == "netwerkanalyse")
    regie0 = store.regie(start.code, sleutel0)
    regie0.voeg_toe(model.Relatie(van="Huisartsenpraktijk Jansen", naar="Welzijn", frequentie="jaarlijks", onderdeel_id=o0.id))
    vervolg, sleutel = st.vervolg(store, start.code, "Evaluatie", onderdelen=netwerk)
    regie = store.regie(vervolg.code, sleutel)
    o1 = regie.ga_naar(store.onderdelen(vervolg.id)[0].id)
    store.aanmelden(vervolg.code, organisatie="Huisartsenpraktijk Jansen", domein="zorg")
    store.aanmelden(vervolg.code, organisatie="Sociaal wijkteam De Horst", domein="sociaal")
    regie.voeg_toe(model.Relatie(van="Huisartsenpraktijk Jansen", naar="Sociaal wijkteam De Horst",
                                 frequentie="wekelijks", onderdeel_id=o1.id))
    wand = _panelen(store, vervolg, o1)("wand")
    tekst = _html(wand.widget)
    assert "Sinds de startbijeenkomst" in tekst
    assert "Nieuw: Huisartsenpraktijk Jansen - Sociaal wijkteam De Horst" in tekst
    assert "Verdwenen: Huisartsenpraktijk Jansen - Welzijn" in tekst


def test_herhaalde_stellingen_staan_toen_en_nu_in_het_voortgangsrapport(store: Store) -> None:
    from toolkit.export.blokken import Tabel
    from toolkit.export.voortgang import voortgang_context, voortgang_secties
    from toolkit.werkvormen import werkvorm

    start, sleutel0 = startbijeenkomst(store, vandaag=date.today())
    stellingen = werkvorm("stellingen").als_onderdeel()
    stelling = stellingen.stellingen[0]
    vervolg, sleutel1 = st.vervolg(store, start.code, "Evaluatie", onderdelen=[stellingen],
                                   datum=date.today() + timedelta(days=90))
    for b, sleutel, scores in ((start, sleutel0, (2, 3)), (vervolg, sleutel1, (4, 5))):
        regie = store.regie(b.code, sleutel)
        o = next((o for o in store.onderdelen(b.id) if o.werkvorm == "stellingen"), None)
        o = regie.ga_naar((o or regie.voeg_onderdeel_toe(stellingen)).id)
        for i, score in enumerate(scores):
            d, _ = store.aanmelden(b.code, organisatie=f"Organisatie {i}", domein="zorg")
            store.voeg_toe(d.id, model.Antwoord(onderwerp=stelling, waarde=score, onderdeel_id=o.id))
    c = voortgang_context(store, vervolg.id)
    [rij] = [r for r in c["stellingen"] if r["onderwerp"] == stelling]
    assert rij["gemiddelden"] == [2.5, 4.5] and rij["aantallen"] == [2, 2]
    [tabel] = [b for s in voortgang_secties(c) for b in s.blokken if isinstance(b, Tabel) and b.naam == "stellingen"]
    assert (stelling, "2,5 (n=2)", "4,5 (n=2)") in tabel.rijen
    o = next(o for o in store.onderdelen(vervolg.id) if o.werkvorm == "stellingen")
    wand = _html(_panelen(store, vervolg, o)("wand").widget)
    assert "Sinds de startbijeenkomst" in wand and "2,5 → 4,5" in wand


def test_een_herhaalde_stakeholderkaart_toont_op_de_wand_wie_erbij_kwam(store: Store) -> None:
    from toolkit.werkvormen import werkvorm

    start, sleutel0 = startbijeenkomst(store, vandaag=date.today())
    kaart = werkvorm("stakeholderkaart").als_onderdeel()
    vervolg, sleutel1 = st.vervolg(store, start.code, "Evaluatie", onderdelen=[kaart])
    o0 = next(o for o in store.onderdelen(start.id) if o.werkvorm == "stakeholderkaart")
    store.regie(start.code, sleutel0).voeg_toe(
        model.Stakeholder(naam="Woningcorporatie", domein="overig", invloed=2, belang=2, onderdeel_id=o0.id))
    o1 = store.onderdelen(vervolg.id)[0]
    regie = store.regie(vervolg.code, sleutel1)
    for naam, invloed in (("Woningcorporatie", 4), ("<b>Apotheek</b>", 3)):
        regie.voeg_toe(model.Stakeholder(naam=naam, domein="zorg", invloed=invloed, belang=3, onderdeel_id=o1.id))
    wand = _html(_panelen(store, vervolg, o1)("wand").widget)
    assert "Nieuw: &lt;b&gt;Apotheek&lt;/b&gt;" in wand
    assert "Woningcorporatie: invloed 2 → 4, belang 2 → 3" in wand


@pytest.mark.parametrize("soort", ["wand", "regie"])
def test_een_herhaalde_dubbelcheck_toont_de_verandering_per_doel_sinds_de_start(store: Store, soort: str) -> None:
    from toolkit.analysis.onderwerpen import KWETSBAREN, dubbelcheck_onderwerp
    from toolkit.werkvormen import werkvorm

    start, sleutel0 = startbijeenkomst(store, vandaag=date.today())
    vervolg, sleutel1 = st.vervolg(store, start.code, "Evaluatie", datum=date.today() + timedelta(days=90),
                                   onderdelen=[werkvorm("oplossingen").als_onderdeel(),
                                               werkvorm("dubbelcheck").als_onderdeel()])
    dubbelchecks = {}
    for b, sleutel, scores in ((start, sleutel0, (2, 2)), (vervolg, sleutel1, (4, 5))):
        regie = store.regie(b.code, sleutel)
        per = {o.werkvorm: o for o in store.onderdelen(b.id)}
        mensen = [store.aanmelden(b.code, organisatie=f"Organisatie {i}", domein="zorg")[0] for i in range(2)]
        regie.ga_naar(per["oplossingen"].id)
        oplossing = store.voeg_toe(mensen[0].id, model.Bijdrage(tekst="Samen <b>spreekuur</b>",
                                                                 onderdeel_id=per["oplossingen"].id))
        dubbelchecks[b.id] = regie.ga_naar(per["dubbelcheck"].id)
        for mens, score in zip(mensen, scores, strict=True):
            store.voeg_toe(mens.id, model.Antwoord(onderwerp=dubbelcheck_onderwerp(oplossing.id, KWETSBAREN),
                                                   waarde=score, onderdeel_id=per["dubbelcheck"].id))
    nu = _html(_panelen(store, vervolg, dubbelchecks[vervolg.id])(soort).widget)
    assert "Sinds de startbijeenkomst" in nu and "Kwetsbaren: 2,0 → 4,5" in nu
    assert "<b>spreekuur</b>" not in nu
    toen = _html(_panelen(store, start, dubbelchecks[start.id])(soort).widget)
    assert "Sinds de startbijeenkomst" not in toen, "de startbijeenkomst zelf is de basis"
