"""Wand and regiekamer for stellingen: a diverging bar chart, the spread ones marked 'bespreken'.

Charts are inline SVG (no vega JavaScript from a CDN): the room works offline.
"""

from __future__ import annotations

import html
from functools import partial

import ipywidgets as w

from toolkit import charts, model
from toolkit.analysis.frames import laad_frames
from toolkit.analysis.stellingen import spreiding, stelling_antwoorden
from toolkit.apps.basis import Paneel, Sessie
from toolkit.apps.weergave import sinds
from toolkit.apps.weergave.vak import opsomming, svg, werkvorm_vak
from toolkit.model import Wijzigingen


class StellingWeergave(Paneel):
    """The chart plus the stellingen to discuss; with ``regie`` also how many answered."""

    HERLEES = frozenset({"onderdeel"})
    RELEVANT = frozenset({"deelnemer", "antwoord", "onderdeel"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel, *, regie: bool = False) -> None:
        super().__init__(sessie, onderdeel)
        self.regie = regie
        self.grafiek = w.HTML()
        self.bespreken = w.HTML()
        self.bespreken.add_class("wp-bespreken")
        self.tellingen = w.HTML()
        self.widget = werkvorm_vak(
            [self.grafiek, self.bespreken] + ([self.tellingen] if regie else []), "wp-stellingen-wand"
        )
        self.toon()

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        frames = laad_frames(self.sessie.store, self.sessie.bijeenkomst_id)
        antwoorden = frames.antwoorden
        if not antwoorden.empty:
            antwoorden = antwoorden[antwoorden["onderdeel_id"] == self.onderdeel.id]
        antwoorden = stelling_antwoorden(antwoorden)
        tabel = spreiding(antwoorden, volgorde=list(self.onderdeel.stellingen))
        if self.onderdeel.schrijven_prive and not self.regie:
            mensen = antwoorden["deelnemer_id"].nunique() if not antwoorden.empty else 0
            self.grafiek.value = (
                f"<p class='wp-wall-count'>{mensen} deelnemers hebben gekozen; de uitslag volgt.</p>"
            )
            self.bespreken.value = ""
            return
        if tabel.empty:
            self.grafiek.value = (
                "<p class='wp-leeg'>Nog geen antwoorden. Kies op je telefoon per stelling 1 tot 5.</p>"
            )
        else:
            self.grafiek.value = svg(
                charts.stellingen(antwoorden, volgorde=list(self.onderdeel.stellingen), groot=not self.regie),
                "Stellingen, van 1 (oneens) tot 5 (eens): "
                + opsomming(
                    f"{s} (gemiddeld {komma})"
                    for s, komma in zip(
                        tabel["stelling"], (f"{g:.1f}".replace(".", ",") for g in tabel["gemiddelde"]), strict=True
                    )
                )
                + ".",
            )
        te_bespreken = [
            s for s, b in zip(tabel.get("stelling", []), tabel.get("bespreken", []), strict=True) if b
        ]
        self.bespreken.value = (
            "<div class='wp-signalen'><b>Bespreken</b> (hier lopen de meningen het verst uiteen):<ul>"
            + "".join(f"<li>{html.escape(s)}</li>" for s in te_bespreken)
            + "</ul></div>"
            if te_bespreken
            else ""
        ) + sinds.stellingen_html(self.sessie)
        if self.regie:
            aantal = len(self.sessie.store.deelnemers(self.sessie.bijeenkomst_id))
            per = dict(zip(tabel.get("stelling", []), tabel.get("n", []), strict=True))
            rijen = "".join(
                f"<tr><td>{html.escape(s)}</td><td>{int(per.get(s, 0))} van {aantal}</td></tr>"
                for s in self.onderdeel.stellingen
            )
            self.tellingen.value = (
                f"<table class='wp-tabel'><thead><tr><th>Stelling</th><th>Antwoorden</th></tr></thead>"
                f"<tbody>{rijen}</tbody></table>"
            )


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = StellingWeergave
maak_regie = partial(StellingWeergave, regie=True)
