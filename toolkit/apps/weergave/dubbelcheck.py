"""Wand and regiekamer for the dubbelcheck (seed 004 step 4): heatmap solutions x aims.

Solutions scoring low on gezondheidsgelijkheid or on reaching the most vulnerable are
flagged (rule in :mod:`toolkit.analysis.dubbelcheck`) so the room discusses them first.
"""

from __future__ import annotations

import html
from functools import partial

import ipywidgets as w

from toolkit import charts, model
from toolkit.analysis.dubbelcheck import matrix, signalen
from toolkit.analysis.frames import laad_frames
from toolkit.apps.basis import Paneel, Sessie
from toolkit.apps.gedeeld import top_oplossingen
from toolkit.apps.weergave import sinds
from toolkit.apps.weergave.vak import opsomming, svg, werkvorm_vak
from toolkit.model import Wijzigingen


def signalen_html(tabel: object) -> str:
    """The flagged solutions with the reason, escaped; empty when nothing is flagged."""
    rijen = [r for _i, r in tabel.iterrows() if r["gemarkeerd"]]  # type: ignore[attr-defined]
    if not rijen:
        return ""
    items = "".join(
        f"<li class='wp-wall-item'><b>{html.escape(str(r['oplossing']))}</b>: {html.escape(str(r['reden']))}</li>"
        for r in rijen
    )
    return (
        f"<div class='wp-signalen'><b>⚠ Bespreken: bereikt dit de meest kwetsbaren?</b><ul>{items}</ul></div>"
    )


class DubbelcheckWeergave(Paneel):
    HERLEES = frozenset({"onderdeel"})
    RELEVANT = frozenset({"antwoord", "stem", "onderdeel", "bijdrage"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel, *, regie: bool = False) -> None:
        super().__init__(sessie, onderdeel)
        self.regie = regie
        self.grafiek = w.HTML()
        self.signalen = w.HTML()
        self.voortgang = w.HTML()
        self.widget = werkvorm_vak(
            [self.grafiek, self.signalen] + ([self.voortgang] if regie else []),
            "wp-dubbelcheck",
            rij=not regie,  # on the wand the flagged solutions sit beside the chart
        )
        self.toon()

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        oplossingen = top_oplossingen(self.sessie.store, self.onderdeel)
        frames = laad_frames(self.sessie.store, self.sessie.bijeenkomst_id)
        antwoorden = frames.antwoorden
        if not antwoorden.empty:
            antwoorden = antwoorden[antwoorden["onderdeel_id"] == self.onderdeel.id]
        bijdragen = frames.bijdragen
        if not bijdragen.empty:
            bijdragen = bijdragen[bijdragen["id"].isin([b.id for b in oplossingen])]
        tabel = matrix(antwoorden, bijdragen)
        mensen = antwoorden["deelnemer_id"].nunique() if not antwoorden.empty else 0
        if self.regie:
            self.voortgang.value = (
                f"<p>{mensen} deelnemers scoorden; {len(oplossingen)} oplossingen in de dubbelcheck.</p>"
            )
        if self.onderdeel.schrijven_prive and not self.regie:
            self.grafiek.value = (
                f"<p class='wp-wall-count'>{mensen} deelnemers scoorden; de uitslag volgt.</p>"
            )
            self.signalen.value = ""
            return
        if tabel.empty:
            namen = "".join(f"<li>{html.escape(b.tekst)}</li>" for b in oplossingen)
            self.grafiek.value = (
                f"<p class='wp-leeg'>Nog geen scores. Te toetsen oplossingen:</p><ol>{namen}</ol>"
                if oplossingen
                else "<p class='wp-leeg'>Nog geen oplossingen met stippen om te toetsen.</p>"
            )
            self.signalen.value = ""
            return
        self.grafiek.value = svg(
            charts.dubbelcheck(tabel, groot=not self.regie),
            f"Dubbelcheck: gemiddelde score van {tabel['oplossing'].nunique()} oplossingen op "
            f"{tabel['aspect'].nunique()} aspecten: {opsomming(tabel['oplossing'].unique())}.",
        )
        self.signalen.value = signalen_html(signalen(tabel)) + sinds.dubbelcheck_html(self.sessie)


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = DubbelcheckWeergave
maak_regie = partial(DubbelcheckWeergave, regie=True)
