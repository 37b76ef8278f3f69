"""The kernel budget and the pool's rules, without a server (toolkit.zaalbeheer).

The browser-level behaviour (replacement, caps, culling, restarts) is in
tests/browser/test_storingen.py; here are the decisions those rest on.
"""

from __future__ import annotations

import gc
import json
import logging
import time

import pytest

from toolkit import zaalbeheer
from toolkit.zaalbeheer import Merk, ZaalPool, merk_van, zaal_status_tekst


@pytest.mark.parametrize(
    ("pad", "query", "merk"),
    [
        ("wand.ipynb", {"code": [b"abc123"]}, Merk("wand", "ABC123", "wand")),
        ("regiekamer.ipynb", {"code": [b"ABC123"], "sleutel": [b"geheim"]}, Merk("regiekamer", "ABC123", "regie")),
        ("deelnemer.ipynb", {"code": [b"ABC123"], "t": [b"tok"]}, Merk("deelnemer", "ABC123", "t:tok")),
        ("deelnemer.ipynb", {"code": [b"ABC123"]}, Merk("deelnemer", "ABC123", "")),
        ("deelnemer.ipynb", {}, Merk("deelnemer", "", "")),
    ],
)
def test_merk_van_een_paginaverzoek(pad, query, merk):
    assert merk_van(pad, query) == merk


def test_de_sleutel_van_de_regiekamer_komt_niet_in_het_merk():
    merk = merk_van("regiekamer.ipynb", {"code": [b"ABC123"], "sleutel": [b"geheim"]})
    assert "geheim" not in repr(merk)


def test_alleen_wand_regiekamer_en_persoonlijke_link_worden_vervangen():
    assert Merk("wand", "A", "wand").vervangbaar
    assert Merk("deelnemer", "A", "t:x").vervangbaar
    assert not Merk("deelnemer", "A", "").vervangbaar  # a new participant: never replaced


@pytest.mark.parametrize(
    ("status", "tekst"),
    [
        ({"doel": 60, "warm": 60, "genomen": 0}, "zaal klaar: 60 van 60 plaatsen warm"),
        ({"doel": 60, "warm": 12, "genomen": 0}, "zaal wordt klaargezet: 12 van 60 plaatsen warm"),
        ({"doel": 60, "warm": 20, "genomen": 40}, "40 van 60 plaatsen in gebruik, 20 nog warm"),
        ({"doel": 0, "warm": 0, "genomen": 0}, ""),
        (None, ""),
    ],
)
def test_zaalstatus_voor_de_regiekamer(status, tekst):
    assert zaal_status_tekst(status) == tekst


def test_regiekamer_leest_de_status_die_de_server_schrijft(tmp_path, monkeypatch):
    pad = tmp_path / "zaal.json"
    monkeypatch.setenv(zaalbeheer.STATUS_ENV, str(pad))
    assert zaalbeheer.lees_zaal_status() is None  # not written yet: no crash
    pad.write_text(json.dumps({"doel": 8, "warm": 8, "genomen": 0}), encoding="utf-8")
    assert zaal_status_tekst(zaalbeheer.lees_zaal_status()) == "zaal klaar: 8 van 8 plaatsen warm"


class _Km:
    """Just enough of a kernel manager for the pool's arithmetic."""

    def __init__(self, deelnemers: int) -> None:
        self._kernels = {f"k{i}": object() for i in range(deelnemers)}
        self._merken = {k: Merk("deelnemer", "A", "") for k in self._kernels}
        self._pools: dict = {}
        self.log = logging.getLogger(__name__)

    def onverbonden_sinds(self, kernel_id: str) -> float | None:
        return None  # all connected


@pytest.mark.parametrize(
    ("doel", "in_gebruik", "koud", "warm_houden"),
    [
        (60, 0, 0, 60),  # before the doors open: the whole room
        (60, 40, 0, 20),  # taken kernels are not replaced while the room fills
        (60, 60, 0, 0),  # exactly as expected: no kernel started during the meeting
        (60, 61, 1, 0),  # more came than expected: they start cold, nothing in advance
        (60, 55, 0, 5),  # five left (culled): their places are warmed again
        (0, 3, 2, 0),  # no pool at all
    ],
)
def test_de_pool_vult_alleen_bij_voor_wie_nog_komt(doel, in_gebruik, koud, warm_houden):
    pool = ZaalPool(_Km(in_gebruik), doel)
    pool.koud = koud
    assert pool.doelwarm() == warm_houden


@pytest.mark.parametrize(("in_gebruik", "koud", "warm_houden"), [(60, 0, 0), (61, 1, 2), (60, 1, 2), (70, 10, 2)])
def test_een_reserve_alleen_als_er_meer_kwamen_dan_verwacht(monkeypatch, in_gebruik, koud, warm_houden):
    monkeypatch.setattr(zaalbeheer, "RESERVE", 2)
    pool = ZaalPool(_Km(in_gebruik), 60)
    pool.koud = koud
    assert pool.doelwarm() == warm_houden


def test_als_alles_warm_en_stil_is_houdt_de_opruimer_de_zaal_niet_meer_op(monkeypatch, ontdooi):
    pool = ZaalPool(_Km(0), 3)
    warm = [2]
    monkeypatch.setattr(pool, "warm", lambda: warm[0])
    assert not pool.bevries_als_klaar()  # still warming up: kernels are being made
    warm[0] = 3
    voor = gc.get_freeze_count()
    assert pool.bevries_als_klaar()
    assert gc.get_freeze_count() > voor
    assert not pool.bevries_als_klaar()  # nothing changed since: no second collection

    pool.km._kernels["k-nieuw"] = object()  # a refill, a wand, a culled phone
    pool.laatste_join = time.monotonic()  # ... but someone joins right now
    assert not pool.bevries_als_klaar()
    pool.laatste_join -= zaalbeheer.STIL_NA
    assert pool.bevries_als_klaar()


def test_de_terminal_toont_alleen_de_meldingen_voor_de_procesbegeleider(tmp_path):
    from toolkit.cli import _Logvolger

    log = tmp_path / "server.log"
    log.write_text(
        "[WerkplaatsVoila] WARNING | Notebook deelnemer.ipynb is not trusted\n"
        "[WerkplaatsVoila] Kernel started: 1234\n"
        f"[WerkplaatsVoila] WARNING | {zaalbeheer.MELDING}De zaal is vol (server: 80 pagina's open).\n"
        "[WerkplaatsVoila] half geschreven regel",
        encoding="utf-8",
    )
    volger = _Logvolger(log)
    assert volger.meldingen() == ["De zaal is vol (server: 80 pagina's open)."]
    assert volger.meldingen() == []  # each line once
    with log.open("a", encoding="utf-8") as f:
        f.write(f" gaat verder\n{zaalbeheer.MELDING}De server stopt.\n")
    assert volger.meldingen() == ["De server stopt."]


def test_een_bezette_poort_in_het_logboek_wordt_een_nederlandse_reden():
    from toolkit.cli import _waarom_gestopt

    assert "poort 8866" in _waarom_gestopt("OSError: [Errno 98] Address already in use", "127.0.0.1", 8866)
