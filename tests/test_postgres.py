"""The same store on PostgreSQL: a throwaway cluster on 127.0.0.1, started once per test run.

Skipped with a reason when the PostgreSQL server binaries are not installed
(``apt-get install postgresql``). As root the cluster runs as the ``postgres`` user.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text
from test_store import ACTIES, DEELNEMER_INVOER, VANDAAG, Bezig, maak_zaal, tel_rijen, zonder_meta

from toolkit import model
from toolkit.fouten import GeenToegang, NietGevonden
from toolkit.store import SCHEMA_VERSIE, Store, Wijzigingen, metadata

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_store(postgres_url: str) -> Iterator[Store]:
    s = Store(postgres_url)
    yield s
    s.engine.dispose()


# --- the tests ------------------------------------------------------------------------------


def test_lege_postgres_database_wordt_gemigreerd_en_opnieuw_openen_is_snel(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    eerste = Store(postgres_url)
    with eerste.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_VERSIE
    eerste.engine.dispose()

    import toolkit.migrations

    def niet_nodig(*_a: object) -> None:
        raise AssertionError("migratie opnieuw gedraaid")

    monkeypatch.setattr(toolkit.migrations, "upgrade", niet_nodig)
    Store(postgres_url).engine.dispose()


def test_postgres_schema_klopt_met_het_model(pg_store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with pg_store.engine.connect() as conn:
        verschillen = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), metadata
        )
    assert verschillen == []


@pytest.mark.parametrize(
    ("soort", "werkvorm", "maak"), DEELNEMER_INVOER, ids=[s for s, _w, _m in DEELNEMER_INVOER]
)
def test_invoer_komt_ongeschonden_terug_uit_postgres(
    pg_store: Store, postgres_url: str, soort: str, werkvorm: str, maak: Callable[[int], object]
) -> None:
    zaal = maak_zaal(pg_store)
    did = zaal.deelnemer()
    invoer = maak(zaal.ga_naar(werkvorm))
    opgeslagen = zaal.store.voeg_toe(did, invoer)
    opnieuw = Store(postgres_url)
    terug = opnieuw.haal(soort, opgeslagen.id)
    opnieuw.engine.dispose()
    assert terug == opgeslagen
    assert zonder_meta(terug) == zonder_meta(invoer)


def test_programma_en_facilitatorinvoer_in_postgres(pg_store: Store) -> None:
    zaal = maak_zaal(pg_store)
    onderdelen = pg_store.onderdelen(zaal.id)
    assert onderdelen[0].kolommen == ("problemen", "oplossingen") and onderdelen[0].prive_eerst is True
    assert onderdelen[1].neemt_over == ("wijkbrainstorm",) and onderdelen[2].anoniem is False
    did = zaal.deelnemer()
    swot = zaal.ga_naar("swot")
    s = pg_store.voeg_toe(did, model.SwotItem(kwadrant="sterkte", tekst="Korte lijnen", onderdeel_id=swot))
    k = pg_store.voeg_toe(did, model.SwotItem(kwadrant="kans", tekst="Subsidie", onderdeel_id=swot))
    c = zaal.regie.voeg_confrontatie_toe(swot, s.id, k.id, "Samen subsidie aanvragen")
    actie = zaal.regie.voeg_toe(
        model.Actie.nieuw(wat="Belrooster", wie="Els", wanneer=VANDAAG + timedelta(days=7), onderdeel_id=swot)
    )
    stip = zaal.regie.zet_definitieve_stip(zaal.onderdeel("stip").id, "Samen gezond")
    assert pg_store.haal("confrontatie", c.id) == c
    assert pg_store.haal("actie", actie.id).wanneer == VANDAAG + timedelta(days=7)
    assert pg_store.haal("stip", stip.id).definitief is True
    zaal.regie.verberg("swot", s.id)
    assert [i.id for i in pg_store.items("swot", zaal.id, alleen_zichtbaar=True)] == [k.id]


@pytest.fixture
def pg_bezig(pg_store: Store) -> Bezig:
    zaal = maak_zaal(pg_store)
    did = zaal.deelnemer()
    oid = zaal.ga_naar("wijkbrainstorm")
    bijdrage = pg_store.voeg_toe(did, model.Bijdrage(tekst="Wachtlijst GGZ", onderdeel_id=oid))
    zaal.regie.start_stemmen(oid)
    return Bezig(zaal, did, oid, bijdrage)


@pytest.mark.parametrize("naam", list(ACTIES))
def test_versie_en_wijzigingen_in_postgres(pg_bezig: Bezig, naam: str) -> None:
    soort, voorbereiding = ACTIES[naam]
    actie = voorbereiding(pg_bezig)
    voor = pg_bezig.zaal.versie()
    gewijzigd = actie()
    assert pg_bezig.zaal.versie() == voor + 1
    assert pg_bezig.zaal.store.wijzigingen_sinds(pg_bezig.zaal.id, voor) == Wijzigingen(
        versie=voor + 1, ids={soort: frozenset({gewijzigd})}
    )


def test_samenvoegen_en_wissen_in_postgres(pg_bezig: Bezig) -> None:
    z = pg_bezig.zaal
    dubbel = z.store.voeg_toe(pg_bezig.did, model.Bijdrage(tekst="Wachtlijst", onderdeel_id=pg_bezig.oid))
    z.store.stem(pg_bezig.did, pg_bezig.oid, dubbel.id)
    z.regie.voeg_samen(dubbel.id, pg_bezig.bijdrage.id)
    assert [(t.doel_id, t.stemmen) for t in z.store.telling(pg_bezig.oid)] == [(pg_bezig.bijdrage.id, 1)]
    with pytest.raises(GeenToegang):
        z.store.wis(z.code, "fout")
    z.store.wis(z.code, z.sleutel)
    assert set(tel_rijen(z.store, z.id).values()) == {0}
    with z.store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(metadata.tables["wijziging"])).scalar_one() == 0
    with pytest.raises(NietGevonden):
        z.store.versie(z.id)


def test_antwoord_upsert_in_postgres(pg_store: Store) -> None:
    zaal = maak_zaal(pg_store)
    did = zaal.deelnemer()
    oid = zaal.ga_naar("stellingen")
    a = model.Antwoord(onderwerp="De inwoner staat centraal.", waarde=2, onderdeel_id=oid)
    eerste = pg_store.voeg_toe(did, a)
    tweede = pg_store.voeg_toe(did, replace(a, waarde=4))
    assert eerste.id == tweede.id and [x.waarde for x in pg_store.items("antwoord", zaal.id)] == [4]
