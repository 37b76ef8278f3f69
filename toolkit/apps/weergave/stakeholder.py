"""Wand and regiekamer for the stakeholderkaart (seed 004 step 1).

The wand shows the invloed x belang grid with merged near-duplicates and "Wie ontbreekt?";
the regiekamer adds hide/restore per entry (moderation; nothing is deleted).
"""

from __future__ import annotations

import html

import ipywidgets as w

from toolkit import charts, model
from toolkit.analysis.frames import laad_frames
from toolkit.analysis.stakeholders import voeg_samen, wie_ontbreekt
from toolkit.apps import ui
from toolkit.apps.basis import Paneel, Sessie
from toolkit.apps.weergave import sinds
from toolkit.apps.weergave.regie import RegiePaneel, VerbergLijst
from toolkit.apps.weergave.vak import opsomming, svg, werkvorm_vak
from toolkit.model import Wijzigingen


def ontbreekt_html(rollen: list[str]) -> str:
    if not rollen:
        return "<div class='wp-zijpaneel wp-ontbreekt'><b>Wie ontbreekt?</b> Alle rollen staan op de kaart.</div>"
    items = "".join(f"<li>{html.escape(r)}</li>" for r in rollen)
    return f"<div class='wp-zijpaneel wp-ontbreekt'><b>Wie ontbreekt?</b><ul>{items}</ul></div>"


class StakeholderWand(Paneel):
    RELEVANT = frozenset({"stakeholder"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        super().__init__(sessie, onderdeel)
        self.grafiek = w.HTML()
        self.ontbreekt = w.HTML()
        self.widget = werkvorm_vak([self.grafiek, self.ontbreekt], "wp-stakeholderkaart", rij=True)
        self.toon()

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        frames = laad_frames(self.store, self.bijeenkomst_id)
        df = frames.stakeholders
        if not df.empty:
            df = df[df["onderdeel_id"] == self.onderdeel.id]
        samen = voeg_samen(df)
        if samen.empty:
            self.grafiek.value = "<p class='wp-leeg'>Nog geen partijen op de kaart.</p>"
        else:
            self.grafiek.value = svg(
                charts.stakeholderkaart(samen, groot=True),
                f"Stakeholderkaart naar invloed en belang, {len(samen)} {'partij' if len(samen) == 1 else 'partijen'}: "
                f"{opsomming(samen['naam'])}.",
            )
        self.ontbreekt.value = ontbreekt_html(wie_ontbreekt(df)) + sinds.stakeholders_html(self.sessie)


class StakeholderRegie(RegiePaneel):
    """Every entry with its author's domein and a hide/restore button, plus the wand's picture."""

    HERLEES = frozenset()
    RELEVANT = frozenset({"stakeholder"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        super().__init__(sessie, onderdeel, StakeholderWand(sessie, onderdeel))
        self.lijst = VerbergLijst(self, "Nog geen partijen.")
        self.widget = w.VBox(
            [
                self.wand.widget,
                ui.html_widget("<h3>Alle partijen (verbergen en herstellen)</h3>", "wp-kop"),
                self.melding.widget,
                self.lijst.widget,
            ]
        )
        self.toon()

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        self.lijst.zet(
            [
                (
                    "stakeholder",
                    item.id,
                    f"<b>{html.escape(item.naam)}</b> ({html.escape(item.organisatie or '-')})"
                    f" · {html.escape(model.DOMEIN_LABELS[item.domein])}"
                    f" · invloed {item.invloed}, belang {item.belang}",
                    item.zichtbaar,
                )
                for item in self.store.items("stakeholder", self.bijeenkomst_id, onderdeel_id=self.onderdeel.id)
            ]
        )


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = StakeholderWand
maak_regie = StakeholderRegie
