"""The collector's policy in the server (toolkit.geheugen): collect once, then freeze."""

from __future__ import annotations

import gc
import weakref

from toolkit import geheugen


class _Knoop:
    pass


def test_bevriezen_ruimt_eerst_op_en_houdt_daarna_wat_blijft_buiten_de_opruimer(ontdooi):
    kring = _Knoop()
    kring.zelf = kring  # garbage only the cyclic collector can free
    weg = weakref.ref(kring)
    del kring
    blijft = _Knoop()
    assert any(o is blijft for o in gc.get_objects())

    bevroren, duur = geheugen.bevries_blijvers()

    assert weg() is None  # collected before the freeze, not kept for the whole meeting
    assert bevroren == gc.get_freeze_count() > 0
    assert not any(o is blijft for o in gc.get_objects())  # no longer walked by a collection
    assert duur >= 0
