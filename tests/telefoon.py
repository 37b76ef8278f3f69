"""How a participant fills in and sends each kind of input on the phone, driven in-process.

Shared by the tests that feed the phone odd input (a full disk, arbitrary Unicode).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from toolkit import model


@dataclass(frozen=True)
class Invoer:
    """How a participant fills in and sends one kind of input, and where the page answers."""

    invoer: str
    soort: str
    typ: Callable[[object, str], None]
    verstuur: Callable[[object], None]
    getypt: Callable[[object], str]
    melding: Callable[[object], str]
    velden: dict | None = None
    #: False where a second send changes the same entry (a relatie row saves on every choice).
    nieuw: bool = True

    def onderdeel(self, titel: str = "T") -> model.Onderdeel:
        """An onderdeel that asks for this input (its werkvorm and fields from ``velden``)."""
        velden = dict(self.velden or {})
        werkvorm = velden.pop("werkvorm", self.invoer)
        return model.Onderdeel(werkvorm=werkvorm, titel=titel, vraag="Vraag?", invoer=self.invoer, **velden)


def _tekst_van(melding) -> str:
    """What a form's message says (a ``ui.Melding`` or a plain HTML widget)."""
    return melding.tekst if hasattr(melding, "tekst") else melding.value


def _melding_html(p) -> str:
    return _tekst_van(p.melding)


INVOER = [
    Invoer(
        "tekst",
        "bijdrage",
        lambda p, t: setattr(p.invoer, "value", t),
        lambda p: p.verstuur_knop.click(),
        lambda p: p.invoer.value,
        _melding_html,
    ),
    Invoer(
        "stakeholder",
        "stakeholder",
        lambda p, t: (setattr(p.naam, "value", t), setattr(p.domein, "value", "gemeente")),
        lambda p: p.knop.click(),
        lambda p: p.naam.value,
        _melding_html,
    ),
    Invoer(
        "swot",
        "swot",
        lambda p, t: (setattr(p.kwadrant, "value", "kans"), setattr(p.tekst, "value", t)),
        lambda p: p.knop.click(),
        lambda p: p.tekst.value,
        _melding_html,
    ),
    Invoer(
        "stip",
        "stip",
        lambda p, t: setattr(p.tekst, "value", t),
        lambda p: p.knop.click(),
        lambda p: p.tekst.value,
        _melding_html,
    ),
    Invoer(
        "stip",
        "mijlpaal",
        lambda p, t: (setattr(p.horizon, "value", "100 dagen"), setattr(p.tekst, "value", t)),
        lambda p: p.knop.click(),
        lambda p: p.tekst.value,
        _melding_html,
        {"werkvorm": "mijlpalen", "kolommen": ("5 jaar", "100 dagen")},
    ),
    Invoer(
        "actie",
        "bijdrage",
        lambda p, t: (
            setattr(p.wat, "value", t),
            setattr(p.wie, "value", "Wijkteam"),
            setattr(p.wanneer, "value", date.today() + timedelta(days=9)),
        ),
        lambda p: p.knop.click(),
        lambda p: p.wat.value,
        _melding_html,
    ),
    Invoer(
        "relatie",
        "relatie",
        lambda p, t: setattr(p.vrij.naam, "value", t),
        lambda p: setattr(
            p.vrij.frequentie, "value", "wekelijks" if p.vrij.frequentie.value == "maandelijks" else "maandelijks"
        ),
        lambda p: p.vrij.naam.value,
        lambda p: _tekst_van(p.vrij.melding),
        nieuw=False,
    ),
]
