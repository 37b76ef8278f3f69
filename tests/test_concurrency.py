"""Twenty phones write at once: nothing is lost and no 'database is locked' reaches anyone.

Each process is its own Store on the same SQLite file, like the Voila kernels in a room.
The writes go through the facilitator path (``Regie.voeg_toe`` with a ``deelnemer_id``) so the
per-participant rate limit does not get in the way of 50 quick entries.
"""

from __future__ import annotations

import multiprocessing as mp
import time
import traceback
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from toolkit import model
from toolkit.store import Store, bijdrage_t, wijziging_t

PROCESSEN = 20
PER_PROCES = 50


def schrijver(db: str, code: str, sleutel: str, nummer: int, klaar: Any, start: Any, uitkomsten: Any) -> None:
    """One participant's kernel: join, wait for the others, then add PER_PROCES bijdragen."""
    ids: list[int] = []
    fout = None
    try:
        store = Store(db)
        deelnemer, _token = store.aanmelden(code, organisatie=f"Organisatie {nummer}", domein="overig")
        regie = store.regie(code, sleutel)
        onderdeel_id = store.bijeenkomst(code).huidig_onderdeel_id
        klaar.wait(timeout=120)
        start.wait(timeout=120)
        for i in range(PER_PROCES):
            bijdrage = model.Bijdrage(
                tekst=f"Idee {i} van deelnemer {nummer}", onderdeel_id=onderdeel_id, deelnemer_id=deelnemer.id
            )
            ids.append(regie.voeg_toe(bijdrage).id)
    except BaseException:  # noqa: BLE001 - every failure must reach the test, whatever it is
        fout = traceback.format_exc()
    uitkomsten.put((nummer, ids, fout))


@pytest.mark.traag
def test_twintig_processen_schrijven_tegelijk_zonder_verlies(store: Store, db_pad: Path) -> None:
    onderdeel = model.Onderdeel(
        werkvorm="wijkbrainstorm", titel="Brainstorm", vraag="Wat speelt er?", invoer="tekst"
    )
    bijeenkomst, sleutel = store.nieuwe_bijeenkomst("Drukte in de zaal", onderdelen=[onderdeel])
    regie = store.regie(bijeenkomst.code, sleutel)
    regie.volgende()

    # fork: the children need not import everything again (slow on a busy machine); the parent
    # holds no open SQLite connection across the fork.
    store.engine.dispose()
    ctx = mp.get_context("fork")
    klaar, start = ctx.Barrier(PROCESSEN + 1), ctx.Barrier(PROCESSEN + 1)
    uitkomsten = ctx.Queue()
    processen = [
        ctx.Process(
            target=schrijver, args=(str(db_pad), bijeenkomst.code, sleutel, n, klaar, start, uitkomsten)
        )
        for n in range(PROCESSEN)
    ]
    for p in processen:
        p.start()
    try:
        klaar.wait(timeout=120)  # everyone has joined; only bijdragen follow
        voor = store.versie(bijeenkomst.id)
        begin = time.monotonic()
        start.wait(timeout=30)
        resultaten = [uitkomsten.get(timeout=120) for _ in processen]
        duur = time.monotonic() - begin
    finally:
        for p in processen:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()

    fouten = [f"proces {n}:\n{fout}" for n, _ids, fout in resultaten if fout]
    assert not fouten, "\n".join(fouten)
    assert all(p.exitcode == 0 for p in processen)
    alle_ids = [i for _n, ids, _f in resultaten for i in ids]
    assert len(alle_ids) == len(set(alle_ids)) == PROCESSEN * PER_PROCES

    assert len(store.items("bijdrage", bijeenkomst.id)) == PROCESSEN * PER_PROCES
    assert store.versie(bijeenkomst.id) == voor + PROCESSEN * PER_PROCES
    with store.engine.connect() as conn:
        in_tabel = conn.execute(select(func.count()).select_from(bijdrage_t)).scalar_one()
        versies = conn.execute(
            select(wijziging_t.c.versie).where(wijziging_t.c.versie > voor).order_by(wijziging_t.c.versie)
        ).scalars()
        assert list(versies) == list(range(voor + 1, voor + PROCESSEN * PER_PROCES + 1))
    assert in_tabel == PROCESSEN * PER_PROCES
    per_deelnemer = {d.id: 0 for d in store.deelnemers(bijeenkomst.id)}
    for b in store.items("bijdrage", bijeenkomst.id):
        per_deelnemer[b.deelnemer_id] += 1
    assert sorted(per_deelnemer.values()) == [PER_PROCES] * PROCESSEN
    assert duur < 60, f"1000 bijdragen kostten {duur:.1f} s"
