"""Wand and regiekamer for the netwerkanalyse (seed 000): the network picture and key findings.

Layout and metrics come from :mod:`toolkit.analysis.netwerk`; the picture is drawn by
``charts.netwerk`` and shown as inline SVG.
"""

from __future__ import annotations

import html
from functools import partial

import ipywidgets as w

from toolkit import charts, model
from toolkit.analysis import netwerk, vergelijking
from toolkit.analysis.frames import laad_frames
from toolkit.apps.basis import Paneel, Sessie
from toolkit.apps.weergave.vak import svg, werkvorm_vak
from toolkit.model import Wijzigingen


def bevindingen(samenvatting: dict[str, object]) -> list[str]:
    """The findings in plain Dutch sentences, in the order the facilitator discusses them."""
    uit = [
        f"{samenvatting['organisaties']} organisaties, {samenvatting['contacten']} lijnen met contact; "
        f"dichtheid {float(samenvatting['dichtheid']):.0%}.",  # type: ignore[arg-type]
        f"Dichtheid tussen zorg en sociaal domein: {float(samenvatting['dichtheid_zorg_sociaal']):.0%}.",  # type: ignore[arg-type]
    ]
    makelaars = list(samenvatting["makelaars"])  # type: ignore[call-overload]
    if makelaars:
        uit.append("Makelaars (verbinden het netwerk): " + ", ".join(makelaars) + ".")
    zonder = list(samenvatting["zonder_brug"])  # type: ignore[call-overload]
    if zonder:
        uit.append("Zonder lijn naar het andere domein: " + ", ".join(zonder) + ".")
    paren = list(samenvatting["ontbrekende_paren"])  # type: ignore[call-overload]
    if paren:
        uit.append(f"{len(paren)} paren zorg - sociaal zonder enig contact.")
    return uit


def bevindingen_html(regels: list[str]) -> str:
    items = "".join(f"<li>{html.escape(r)}</li>" for r in regels)
    return f"<div class='wp-zijpaneel wp-bevindingen'><b>Wat valt op?</b><ul>{items}</ul></div>"


class NetwerkWeergave(Paneel):
    RELEVANT = frozenset({"deelnemer", "relatie"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel, *, regie: bool = False) -> None:
        super().__init__(sessie, onderdeel)
        self.regie = regie
        self.grafiek = w.HTML()
        self.bevindingen = w.HTML()
        kinderen = [self.bevindingen] if regie else [self.grafiek, self.bevindingen]
        self.widget = werkvorm_vak(kinderen, "wp-netwerk", rij=True)
        self.toon()

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        frames = laad_frames(self.sessie.store, self.sessie.bijeenkomst_id)
        relaties = frames.relaties
        if not relaties.empty:
            relaties = relaties[relaties["onderdeel_id"] == self.onderdeel.id]
        g = netwerk.bouw_netwerk(relaties, frames.deelnemers, frames.stakeholders)
        if not self.regie:
            if g.number_of_nodes() == 0:
                self.grafiek.value = "<p class='wp-leeg'>Nog niemand aangemeld.</p>"
            else:
                knopen, lijnen = netwerk.knopen_en_lijnen(g)
                self.grafiek.value = svg(
                    charts.netwerk(knopen, lijnen, groot=True),
                    f"Netwerk van contacten: {g.number_of_nodes()} deelnemers en partijen, "
                    f"{g.number_of_edges()} verbindingen.",
                )
        ingevuld = relaties["deelnemer_id"].nunique() if not relaties.empty else 0
        regels = [f"{ingevuld} deelnemers vulden hun contacten in."]
        if g.number_of_nodes():
            regels += bevindingen(netwerk.samenvatting(g))
        if g.number_of_edges():
            regels += self._sinds_de_start(g)
        self.bevindingen.value = bevindingen_html(regels)

    def _sinds_de_start(self, g: object) -> list[str]:
        """In a follow-up of a traject: the change against the startbijeenkomst's network."""
        if not hasattr(self, "_basis"):
            keten = self.sessie.store.keten(self.sessie.bijeenkomst_id)
            basis = keten.basis if keten.traject is not None and keten.basis.id != self.sessie.bijeenkomst_id else None
            self._basis = (basis, vergelijking.netwerk_van(self.sessie.store, basis) if basis else None)
        basis, g0 = self._basis
        if basis is None or g0 is None:
            return []
        v = vergelijking.vergelijk_netwerk(g0, g)
        toen, nu = v["zorg_sociaal"]
        wanneer = model.datum_nl(basis.datum) if basis.datum else basis.titel
        uit = [f"Sinds de startbijeenkomst ({wanneer}): contact zorg - sociaal {toen:.0%} → {nu:.0%}."]
        if v["nieuw"]:
            uit.append("Nieuw: " + ", ".join(f"{a} - {b}" for a, b, _zs in v["nieuw"][:5]) + ".")
        if v["weg"]:
            uit.append("Verdwenen: " + ", ".join(f"{a} - {b}" for a, b, _zs in v["weg"][:5]) + ".")
        return uit


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = NetwerkWeergave
maak_regie = partial(NetwerkWeergave, regie=True)
