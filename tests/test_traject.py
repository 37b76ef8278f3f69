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
from test_postgres import postgres_url  # noqa: F401,E402 - fixture: a fresh database on a throwaway cluster

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
def test_het_traject_werkt_ook_op_postgres(postgres_url: str) -> None:  # noqa: F811
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
