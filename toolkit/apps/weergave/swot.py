"""Wand and regiekamer for the SWOT and its confrontatiematrix (seed 003, 8.4, Tabel 4).

The wand shows the 2x2 table and the strategies with their dots; the regiekamer pairs a
sterkte/zwakte with a kans/bedreiging, writes a strategy per pair and opens the vote on them.
"""

from __future__ import annotations

import html
from collections import Counter

import ipywidgets as w

from toolkit import model
from toolkit.apps import ui
from toolkit.apps.basis import Paneel, Sessie
from toolkit.apps.weergave.regie import RegiePaneel, StemKnop, VerbergLijst
from toolkit.apps.weergave.vak import werkvorm_vak
from toolkit.model import Wijzigingen
from toolkit.store import Store


def _stippen(store: Store, bijeenkomst_id: int, onderdeel_id: int) -> Counter[tuple[str, int]]:
    return Counter((s.soort, s.doel_id) for s in store.stemmen(bijeenkomst_id, onderdeel_id=onderdeel_id))


def _badge(n: int) -> str:
    return f" <span class='wp-stippen'>{n}●</span>" if n else ""


def swot_tabel_html(items: list[model.SwotItem], stippen: Counter[tuple[str, int]]) -> str:
    """The 2x2: intern (sterktes, zwaktes) above extern (kansen, bedreigingen); text escaped."""

    def vak(kwadrant: str) -> str:
        eigen = model.rangorde(
            (i for i in items if i.kwadrant == kwadrant), {i.id: stippen[("swot", i.id)] for i in items}
        )
        lijst = "".join(
            f"<li class='wp-wall-item'>{html.escape(i.tekst)}{_badge(stippen[('swot', i.id)])}</li>"
            for i in eigen
        )
        return (
            f"<td class='wp-swot-{kwadrant}'><h3>{model.KWADRANT_LABELS[kwadrant]}</h3>"
            f"<ul>{lijst or '<li class=wp-leeg>-</li>'}</ul></td>"
        )

    return (
        "<table class='wp-swot'><tbody>"
        f"<tr>{vak('sterkte')}{vak('zwakte')}</tr>"
        f"<tr>{vak('kans')}{vak('bedreiging')}</tr>"
        "</tbody></table>"
    )


def strategieen_html(
    strategieen: list[model.Confrontatie], items: dict[int, model.SwotItem], stippen: Counter[tuple[str, int]]
) -> str:
    """The confrontatiematrix: per pair its kind (S-O ...), both items and the strategy."""
    if not strategieen:
        return ""
    rijen = []
    for c in model.rangorde(strategieen, {c.id: stippen[("confrontatie", c.id)] for c in strategieen}):
        intern, extern = items.get(c.intern_id), items.get(c.extern_id)
        if intern is None or extern is None:
            continue
        soort = model.confrontatie_soort(intern, extern)
        rijen.append(
            f"<tr class='wp-wall-item'><td title='{html.escape(model.confrontatie_label(soort))}'><b>{soort}</b></td>"
            f"<td>{html.escape(intern.tekst)} × {html.escape(extern.tekst)}</td>"
            f"<td>{html.escape(c.strategie)}{_badge(stippen[('confrontatie', c.id)])}</td></tr>"
        )
    return (
        "<h3>Confrontatiematrix: strategieën</h3><table class='wp-tabel wp-confrontaties'>"
        "<thead><tr><th>Soort</th><th>Combinatie</th><th>Strategie</th></tr></thead>"
        f"<tbody>{''.join(rijen)}</tbody></table>"
    )


class SwotWand(Paneel):
    HERLEES = frozenset({"onderdeel"})
    RELEVANT = frozenset({"swot", "confrontatie", "stem", "onderdeel"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel, *, regie: bool = False) -> None:
        super().__init__(sessie, onderdeel)
        self.regie = regie
        self.tabel = w.HTML()
        self.strategieen = w.HTML()
        self.widget = werkvorm_vak([self.tabel, self.strategieen], "wp-swot-wand")
        self.toon()

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        store, bid, oid = self.store, self.bijeenkomst_id, self.onderdeel.id
        items = store.items("swot", bid, onderdeel_id=oid, alleen_zichtbaar=True)
        if self.onderdeel.schrijven_prive and not self.regie:
            self.tabel.value = f"<p class='wp-wall-count'>{len(items)} punten binnen; de SWOT volgt.</p>"
            self.strategieen.value = ""
            return
        stippen = _stippen(store, bid, oid)  # type: ignore[arg-type]
        self.tabel.value = swot_tabel_html(items, stippen)
        per_id = {i.id: i for i in items}
        self.strategieen.value = strategieen_html(
            store.items("confrontatie", bid, onderdeel_id=oid), per_id, stippen
        )  # type: ignore[arg-type]


class SwotRegie(RegiePaneel):
    """Pair items into strategies, moderate items, open and close the vote on strategies."""

    RELEVANT = frozenset({"swot", "onderdeel"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        super().__init__(sessie, onderdeel, SwotWand(sessie, onderdeel, regie=True))
        self.intern = w.Dropdown(description="Intern", layout=w.Layout(width="100%"))
        self.extern = w.Dropdown(description="Extern", layout=w.Layout(width="100%"))
        self.strategie = w.Textarea(
            placeholder="Strategie voor deze combinatie", layout=w.Layout(width="100%")
        )
        self.strategie.add_class("wp-input")
        self.voeg_toe = ui.knop("Strategie toevoegen", "wp-submit", stijl="primary")
        self.voeg_toe.on_click(lambda _b: self.maak_strategie())
        self.stemming = StemKnop(self, "Start stemmen op strategieën")
        self.stemmen = self.stemming.knop
        self.lijst = VerbergLijst(self, "Nog geen punten.")
        self.widget = werkvorm_vak(
            [
                self.wand.widget,
                ui.html_widget("<h3>Confrontatiematrix: kies een sterkte of zwakte en een kans of bedreiging</h3>", "wp-kop"),
                self.intern,
                self.extern,
                self.strategie,
                ui.vak([self.voeg_toe, self.stemmen], "wp-knoppen", rij=True),
                self.melding.widget,
                ui.html_widget("<h3>Alle punten (verbergen en herstellen)</h3>", "wp-kop"),
                self.lijst.widget,
            ]
        )
        self.toon()

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        alle = self.store.items("swot", self.bijeenkomst_id, onderdeel_id=self.onderdeel.id)
        zichtbaar = [i for i in alle if i.zichtbaar]

        def opties(kwadranten: tuple[str, ...]) -> list[tuple[str, int]]:
            return [
                (f"{model.KWADRANT_LABELS[i.kwadrant]}: {i.tekst[:80]}", i.id)  # type: ignore[misc]
                for i in zichtbaar
                if i.kwadrant in kwadranten
            ]

        for keuze, kwadranten in (
            (self.intern, ("sterkte", "zwakte")),
            (self.extern, ("kans", "bedreiging")),
        ):
            nieuw = opties(kwadranten)
            if list(keuze.options) != nieuw:
                vorige = keuze.value
                keuze.options = nieuw
                if vorige in dict(nieuw).values():
                    keuze.value = vorige
        self.stemming.toon()
        self.lijst.zet(
            [
                ("swot", i.id, f"<b>{model.KWADRANT_LABELS[i.kwadrant]}</b>: {html.escape(i.tekst)}", i.zichtbaar)
                for i in alle
            ]
        )

    def maak_strategie(self) -> None:
        if self.sessie.regie is None:
            return
        if self.intern.value is None or self.extern.value is None:
            self.melding.fout("Kies een sterkte of zwakte én een kans of bedreiging.")
            return
        intern, extern, strategie = self.intern.value, self.extern.value, self.strategie.value
        if self.doe(
            lambda regie: regie.voeg_confrontatie_toe(self.onderdeel.id, intern, extern, strategie),
            "Strategie toegevoegd",
        ):
            self.strategie.value = ""


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = SwotWand
maak_regie = SwotRegie
