"""Pure functions over what a bijeenkomst produced.

Start with :func:`toolkit.analysis.frames.laad_frames` (one DataFrame per kind), then:
``stemmen`` (tallies, rankings), ``deelnemers``, ``netwerk`` (networkx), ``stakeholders``
(merging, quadrants, wie ontbreekt), ``stellingen`` (spread), ``swot`` (confrontatiematrix),
``dubbelcheck`` (Quintuple Aim) and ``horizon`` (stip, mijlpalen). ``onderwerpen`` and
``dubbelcheck`` import no pandas at import time: the participant's phone uses them.
"""
