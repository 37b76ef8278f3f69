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
from toolkit.apps.basis import Sessie
from toolkit.apps.weergave import sinds
from toolkit.apps.weergave.vak import opsomming, svg, werkvorm_vak
from toolkit.store import Wijzigingen


def ontbreekt_html(rollen: list[str]) -> str:
    if not rollen:
        return "<div class='wp-zijpaneel wp-ontbreekt'><b>Wie ontbreekt?</b> Alle rollen staan op de kaart.</div>"
    items = "".join(f"<li>{html.escape(r)}</li>" for r in rollen)
    return f"<div class='wp-zijpaneel wp-ontbreekt'><b>Wie ontbreekt?</b><ul>{items}</ul></div>"


class StakeholderWand:
    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        self.sessie = sessie
        self.onderdeel = onderdeel
        self.grafiek = w.HTML()
        self.ontbreekt = w.HTML()
        self.widget = werkvorm_vak([self.grafiek, self.ontbreekt], "wp-stakeholderkaart", rij=True)
        self.toon()

    def toon(self) -> None:
        frames = laad_frames(self.sessie.store, self.sessie.bijeenkomst_id)
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

    def ververs(self, wijzigingen: Wijzigingen) -> None:
        if "stakeholder" in wijzigingen.soorten:
            self.toon()

    def sluit(self) -> None:
        self.widget.close()


class StakeholderRegie:
    """Every entry with its author's domein and a hide/restore button, plus the wand's picture."""

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        self.sessie = sessie
        self.onderdeel = onderdeel
        self.wand = StakeholderWand(sessie, onderdeel)
        self.lijst = w.VBox()
        self.lijst.add_class("wp-regie-lijst")
        self.widget = w.VBox(
            [self.wand.widget, w.HTML("<h3>Alle partijen (verbergen en herstellen)</h3>"), self.lijst]
        )
        self.toon()

    def toon(self) -> None:
        regie = self.sessie.regie
        rijen = []
        for item in self.sessie.store.items(
            "stakeholder", self.sessie.bijeenkomst_id, onderdeel_id=self.onderdeel.id
        ):
            tekst = w.HTML(
                f"{'' if item.zichtbaar else '<s>'}<b>{html.escape(item.naam)}</b>"
                f" ({html.escape(item.organisatie or '-')}) · {html.escape(model.DOMEIN_LABELS[item.domein])}"
                f" · invloed {item.invloed}, belang {item.belang}{'' if item.zichtbaar else '</s> (verborgen)'}",
                layout=w.Layout(flex="1 1 auto"),
            )
            knop = w.Button(
                description="Verberg" if item.zichtbaar else "Herstel", layout=w.Layout(width="auto")
            )
            knop.add_class("wp-hide-button" if item.zichtbaar else "wp-restore-button")
            if regie is not None:
                actie = regie.verberg if item.zichtbaar else regie.herstel
                knop.on_click(lambda _b, a=actie, i=item.id: (a("stakeholder", i), self.ververs_alles()))
            else:
                knop.disabled = True
            rijen.append(w.HBox([tekst, knop]))
        self.lijst.children = rijen or [w.HTML("<i>Nog geen partijen.</i>")]

    def ververs_alles(self) -> None:
        self.wand.toon()
        self.toon()

    def ververs(self, wijzigingen: Wijzigingen) -> None:
        if "stakeholder" in wijzigingen.soorten:
            self.ververs_alles()

    def sluit(self) -> None:
        self.widget.close()


def maak(sessie: Sessie, onderdeel: model.Onderdeel) -> StakeholderWand:
    return StakeholderWand(sessie, onderdeel)


def maak_regie(sessie: Sessie, onderdeel: model.Onderdeel) -> StakeholderRegie:
    return StakeholderRegie(sessie, onderdeel)
