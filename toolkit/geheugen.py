"""Python's cyclic garbage collector in a server that must not pause while people wait.

A full (generation 2) collection walks every object the collector tracks. Once the pool of
a room of 60 is warm, the server holds ~280 000 of them (imported modules, the kernels'
managers, sessions and sockets); on a 2-core laptop one full collection then stops the
server for 165-215 ms. Nobody gets a page and nothing reaches the wand during it, and it
comes when allocations pile up: in the middle of the join storm.

What lives for the whole meeting is made before the doors open. Once the pool is warm and
the room is quiet, :func:`bevries_blijvers` collects once and moves everything that is left
out of the collector's sight (``gc.freeze``). Later collections walk only what the meeting
itself makes. Frozen objects are still freed by reference counting; only a reference cycle
among them would stay until the server stops.
"""

from __future__ import annotations

import gc
import time


def bevries_blijvers() -> tuple[int, float]:
    """Collect, then freeze what is left; return (objects frozen in all, seconds it took)."""
    begin = time.perf_counter()
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count(), time.perf_counter() - begin
