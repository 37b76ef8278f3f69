"""Everything one bijeenkomst produced, as pandas DataFrames: the start of every analysis.

:func:`frames_uit` turns a :class:`toolkit.model.Inhoud` (what the store reads in one
transaction) into one frame per kind; the analysis functions in this package take these
frames. :func:`laad_frames` is the shorthand the verslag notebook, the wand charts and the
Word export share: it asks any object with an ``inhoud`` method (the store) for the rows.
Pure: this package imports nothing of the store.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from typing import Any, Protocol

import pandas as pd

from toolkit import model


class Bron(Protocol):
    """Where frames come from: anything that reads a bijeenkomst's :class:`model.Inhoud`."""

    def inhoud(self, bijeenkomst_id: int, *, met_verborgen: bool = False) -> model.Inhoud: ...

    def bijeenkomst(self, code: str) -> model.Bijeenkomst: ...

    def bijeenkomst_met_id(self, bijeenkomst_id: int) -> model.Bijeenkomst: ...

    def bijeenkomsten(self) -> list[model.Bijeenkomst]: ...

#: Columns added to every kind written in an onderdeel.
ONDERDEEL_KOLOMMEN = ("onderdeel_titel", "werkvorm", "invoer")
#: Columns added to every kind a participant writes (the author's organisation and domein).
AUTEUR_KOLOMMEN = ("organisatie", "domein")


def _velden(klasse: type) -> list[str]:
    return [f.name for f in fields(klasse) if f.init and f.name != "vanaf"]


@dataclass
class Frames:
    """One DataFrame per kind of a bijeenkomst; empty frames keep their columns.

    Joins: kinds written in an onderdeel carry ``onderdeel_titel``, ``werkvorm``, ``invoer``;
    kinds a participant writes carry the author's ``organisatie`` and ``domein`` (for
    stakeholders, which have their own, ``deelnemer_organisatie`` and ``deelnemer_domein``);
    bijdragen, swot, stip and confrontaties carry ``stemmen`` (dots received); confrontaties
    carry ``soort`` (S-O, S-T, W-O, W-T), ``intern_tekst`` and ``extern_tekst``.
    """

    bijeenkomst: model.Bijeenkomst
    deelnemers: pd.DataFrame
    onderdelen: pd.DataFrame
    bijdragen: pd.DataFrame
    stemmen: pd.DataFrame
    antwoorden: pd.DataFrame
    stakeholders: pd.DataFrame
    relaties: pd.DataFrame
    swot: pd.DataFrame
    confrontaties: pd.DataFrame
    stippen: pd.DataFrame
    mijlpalen: pd.DataFrame
    acties: pd.DataFrame
    afspraken: pd.DataFrame

    @property
    def stip(self) -> pd.DataFrame:
        """The vision statements (older name of :attr:`stippen`)."""
        return self.stippen

    @property
    def namen(self) -> tuple[str, ...]:
        """The names of the frames, in programme order."""
        return tuple(f.name for f in fields(self) if f.name != "bijeenkomst")

    def samenvatting(self) -> pd.DataFrame:
        """How many rows each frame has: a first look in the verslag notebook."""
        return pd.DataFrame({"frame": list(self.namen), "rijen": [len(getattr(self, n)) for n in self.namen]})


def _frame(items: list[Any], klasse: type, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    kolommen = _velden(klasse)
    rijen = [{k: getattr(i, k) for k in kolommen} for i in items]
    return pd.DataFrame(rijen, columns=[*kolommen, *extra])


def _koppel_onderdeel(df: pd.DataFrame, onderdelen: pd.DataFrame) -> pd.DataFrame:
    info = onderdelen.set_index("id")
    for kolom, bron in zip(ONDERDEEL_KOLOMMEN, ("titel", "werkvorm", "invoer"), strict=True):
        df[kolom] = df["onderdeel_id"].map(info[bron]) if len(df) else pd.Series(dtype=object)
    return df


def _koppel_auteur(df: pd.DataFrame, deelnemers: pd.DataFrame, kolommen: tuple[str, str]) -> pd.DataFrame:
    info = deelnemers.set_index("id")
    for kolom, bron in zip(kolommen, AUTEUR_KOLOMMEN, strict=True):
        df[kolom] = df["deelnemer_id"].map(info[bron]) if len(df) else pd.Series(dtype=object)
    return df


def _koppel_stemmen(df: pd.DataFrame, telling: Counter[tuple[str, int]], soort: str) -> pd.DataFrame:
    df["stemmen"] = [telling.get((soort, int(i)), 0) for i in df["id"]]
    df["stemmen"] = df["stemmen"].astype(int)
    return df


def laad_frames(bron: Bron, bijeenkomst_id: int, *, met_verborgen: bool = False) -> Frames:
    """Load a bijeenkomst into one DataFrame per kind: :func:`frames_uit` of its ``inhoud``."""
    return frames_uit(bron.inhoud(bijeenkomst_id, met_verborgen=met_verborgen))


def frames_uit(inhoud: model.Inhoud) -> Frames:
    """One DataFrame per kind from everything a bijeenkomst produced.

    Hidden (moderated), withdrawn and merged entries, and the votes and strategies that
    point at them, are left out unless ``inhoud.met_verborgen``: what the room and the
    documents should see is the default.
    """
    zichtbaar = not inhoud.met_verborgen
    deelnemers = _frame(list(inhoud.deelnemers), model.Deelnemer)
    onderdelen = _frame(list(inhoud.onderdelen), model.Onderdeel)
    per_soort = {naam: list(inhoud.items.get(naam, ())) for naam in model.SOORTEN}
    if zichtbaar:
        # a strategy on a hidden SWOT item is hidden with it
        swot_ids = {i.id for i in per_soort["swot"]}
        per_soort["confrontatie"] = [
            c for c in per_soort["confrontatie"] if c.intern_id in swot_ids and c.extern_id in swot_ids
        ]
    lijsten = {naam: _frame(per_soort[naam], s.klasse) for naam, s in model.SOORTEN.items()}

    stem_items = list(inhoud.stemmen)
    if zichtbaar:
        bestaand = {naam: {i.id for i in per_soort[naam]} for naam in model.STEM_SOORTEN}
        stem_items = [s for s in stem_items if s.doel_id in bestaand.get(s.soort, set())]
    stemmen = _frame(stem_items, model.Stem)
    telling: Counter[tuple[str, int]] = Counter((s.soort, s.doel_id) for s in stem_items)

    for naam, soort in model.SOORTEN.items():
        df = lijsten[naam]
        if soort.stembaar:
            _koppel_stemmen(df, telling, naam)
        if naam == "confrontatie":
            _benoem_confrontaties(df, inhoud.alle_swot)
        if naam == "stakeholder":  # has its own organisatie and domein
            _koppel_auteur(df, deelnemers, ("deelnemer_organisatie", "deelnemer_domein"))
        elif soort.door == "deelnemer":
            _koppel_auteur(df, deelnemers, AUTEUR_KOLOMMEN)
        _koppel_onderdeel(df, onderdelen)
    _koppel_onderdeel(stemmen, onderdelen)

    return Frames(
        bijeenkomst=inhoud.bijeenkomst,
        deelnemers=deelnemers,
        onderdelen=onderdelen,
        stemmen=stemmen,
        **{s.lijst: lijsten[naam] for naam, s in model.SOORTEN.items()},
    )


def _benoem_confrontaties(df: pd.DataFrame, alle_swot: tuple[model.SwotItem, ...]) -> pd.DataFrame:
    """Add the S-O/S-T/W-O/W-T label and both texts (also of hidden SWOT items)."""
    alle = {s.id: s for s in alle_swot}
    soorten, intern, extern = [], [], []
    for i, e in zip(df["intern_id"], df["extern_id"], strict=True):
        a, b = alle.get(i), alle.get(e)
        soorten.append(model.confrontatie_soort(a, b) if a and b else "")
        intern.append(a.tekst if a else "")
        extern.append(b.tekst if b else "")
    df["soort"] = pd.Series(soorten, index=df.index, dtype=object)
    df["intern_tekst"] = pd.Series(intern, index=df.index, dtype=object)
    df["extern_tekst"] = pd.Series(extern, index=df.index, dtype=object)
    return df


def recentste_bijeenkomst_id(store: Bron) -> int | None:
    """The newest bijeenkomst in the store, for a notebook opened without a code."""
    lijst = store.bijeenkomsten()
    return lijst[0].id if lijst else None


def kies_bijeenkomst(store: Bron, code: str | None = None) -> model.Bijeenkomst:
    """The bijeenkomst with this join code, or the most recent one when ``code`` is empty."""
    from toolkit.fouten import NietGevonden

    if code and code.strip():
        return store.bijeenkomst(code)
    bid = recentste_bijeenkomst_id(store)
    if bid is None:
        raise NietGevonden(
            "Er staat nog geen bijeenkomst in deze opslag; maak er een met 'werkplaats nieuw' of 'werkplaats demo'."
        )
    return store.bijeenkomst_met_id(bid)


__all__ = ["Bron", "Frames", "frames_uit", "kies_bijeenkomst", "laad_frames", "recentste_bijeenkomst_id"]
