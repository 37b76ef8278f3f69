"""The tekst werkvorm on the wand (the live wall) and in the regiekamer (moderation).

Wand: columns per ``kolommen``, grouped by cluster or theme once the facilitator grouped,
the author only where the werkvorm is not anonymous, only the count while writing is
private, and a ranking once dots are cast. Regiekamer: reveal, hide/restore, merge,
cluster, theme, voting and promoting an entry to an actie. Participant text is escaped.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import ipywidgets as w

from toolkit import model
from toolkit.apps import ui
from toolkit.apps.basis import Paneel
from toolkit.apps.gedeeld import RELEVANT, bijdragen_van
from toolkit.apps.weergave.regie import RegiePaneel, StemKnop
from toolkit.model import ZONDER_GROEP, groep_van, groepering

if TYPE_CHECKING:
    from toolkit.apps.basis import Sessie
    from toolkit.model import Telling, Wijzigingen



def afzender(deelnemer: model.Deelnemer | None) -> str:
    """'naam (organisatie)', or only the organisation when no name was given."""
    if deelnemer is None:
        return ""
    return f"{deelnemer.naam} ({deelnemer.organisatie})" if deelnemer.naam else deelnemer.organisatie


#: What fits the beamer below the step title (16:9; type scales with the width, so 1920x1080
#: and 1280x720 hold the same): lines of text on the wall, its width in em, and the cards.
WAND_REGELS = 14.5
WAND_BREEDTE_EM = 58.0
KAART_EM = 13.6
KAARTEN_PER_RIJ = 4
#: Seconds a page of a long wall stays before the next one shows.
PAGINA_SECONDEN = 10
#: How many entries the ranking shows; the rest is "+ 12 meer".
TOP = 5


def _regels(tekst: str, breedte_em: float) -> int:
    """Lines a text takes in a box ``breedte_em`` wide (about 0.55 em per character)."""
    per_regel = max(8, int(breedte_em / 0.55))
    return max(1, -(-len(tekst) // per_regel))


def pagineer(hoogtes: list[float], *, per_rij: int = 1, max_regels: float = WAND_REGELS) -> list[list[int]]:
    """Split items (their heights in lines, in wall order) into pages that fit ``max_regels``:
    rows of ``per_rij`` items, a row as high as its highest item. Every page holds at least
    one row, so a very long entry still shows."""
    paginas: list[list[int]] = []
    pagina: list[int] = []
    hoogte = 0.0
    for start in range(0, len(hoogtes), per_rij):
        rij = list(range(start, min(start + per_rij, len(hoogtes))))
        rij_hoogte = max(hoogtes[i] for i in rij)
        if pagina and hoogte + rij_hoogte > max_regels:
            paginas.append(pagina)
            pagina, hoogte = [], 0.0
        pagina += rij
        hoogte += rij_hoogte
    if pagina or not paginas:
        paginas.append(pagina)
    return paginas


def stippen_tekst(n: int) -> str:
    return f"{n} stip" if n == 1 else f"{n} stippen"


class TekstWand(Paneel):
    """The live wall of one tekst onderdeel."""

    HERLEES = frozenset({"onderdeel", "programma"})
    RELEVANT = RELEVANT

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        super().__init__(sessie, onderdeel)
        self._namen: dict[int, model.Deelnemer] = {}
        self.aantal = ui.html_widget("", "wp-count")
        self.ranking = ui.html_widget("", "wp-ranking")
        self.muur = ui.vak([], "wp-wall", rij=True)
        self.pagina_teller = ui.label("", "wp-pagina-teller")
        self._items: dict[int, w.HTML] = {}
        self._groepen: dict[str, w.VBox] = {}
        #: A wall longer than the beamer shows page by page (newest first), turning each
        #: PAGINA_SECONDEN on the wand's tick.
        self.pagina = 0
        self._tikken = 0
        self._ranking_regels = 0.0
        self._laatste: tuple = ([], "", {})
        self.widget = ui.vak(
            [self.aantal, self.ranking, self.pagina_teller, self.muur], "wp-paneel", "wp-tekst-wand"
        )
        self._toon()

    def muur_items(self) -> list[w.HTML]:
        """The entries on the wall, in the order they show (groups left to right)."""
        uit: list[w.HTML] = []
        for kind in self.muur.children:
            uit += list(kind.children[1].children) if kind in self._groepen.values() else [kind]
        return uit

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        if wijzigingen is not None and "deelnemer" in wijzigingen.soorten:
            self._namen.clear()
        if wijzigingen is not None and wijzigingen.ids.get("bijdrage", frozenset()) - self._items.keys():
            # A new entry is on screen at once: back to the newest page, which then stays a
            # full turn before the wall pages on.
            self.pagina, self._tikken = 0, 0
        self._toon()

    def tik(self) -> None:
        """Each second from the wand: turn to the next page of a long wall now and then."""
        self._tikken += 1
        if self._tikken % PAGINA_SECONDEN == 0 and self._aantal_paginas > 1:
            self.pagina = (self.pagina + 1) % self._aantal_paginas
            self._zet_wand(*self._laatste)

    _aantal_paginas = 1

    # drawing -------------------------------------------------------------------------------

    def _naam(self, deelnemer_id: int | None) -> str:
        if deelnemer_id is None:
            return ""
        if deelnemer_id not in self._namen:
            self._namen = {d.id: d for d in self.store.deelnemers(self.sessie.bijeenkomst_id)}  # type: ignore[misc]
        return afzender(self._namen.get(deelnemer_id))

    def _toon(self) -> None:
        o = self.onderdeel
        bijdragen = bijdragen_van(self.sessie, o)
        if o.schrijven_prive:
            n = self.store.aantal("bijdrage", o.id)  # type: ignore[arg-type]
            ui.zet_waarde(
                self.aantal,
                "value",
                f'<p class="wp-aantal"><span class="wp-getal">{n}</span> '
                f"{'bijdrage' if n == 1 else 'bijdragen'} — iedereen schrijft eerst voor zichzelf</p>",
            )
            ui.zet_layout(self.aantal, display=None)
            self._zet_wand([], "")
            ui.zet_layout(self.ranking, display="none")
            return
        ui.zet_layout(self.aantal, display="none")
        tellingen = _tellingen(self.store.telling(o.id))  # type: ignore[arg-type]
        self._zet_ranking(bijdragen, tellingen)
        nieuwste_eerst = sorted(bijdragen, key=lambda b: -(b.id or 0))
        self._laatste = (nieuwste_eerst, groepering(bijdragen), tellingen)
        self._zet_wand(*self._laatste)

    def _zet_ranking(self, bijdragen: list[model.Bijdrage], tellingen: dict[int, int]) -> None:
        per_id = {b.id: b for b in bijdragen}
        met_stippen = [per_id[i] for i, n in tellingen.items() if i in per_id and n > 0]
        alle = [(tellingen[b.id], b.id) for b in model.rangorde(met_stippen, tellingen)]
        gerangschikt = alle[:TOP]
        if not gerangschikt and not self.onderdeel.stemmen_open:
            self._ranking_regels = 0.0
            ui.zet_layout(self.ranking, display="none")
            return
        regels = "".join(
            f'<li><span class="wp-rang-stippen">{stippen_tekst(n)}</span> {ui.veilig(per_id[i].tekst)}</li>'
            for n, i in gerangschikt
        )
        meer = len(alle) - len(gerangschikt)
        staart = f'<p class="wp-meer">+ {meer} meer met stippen</p>' if meer else ""
        # Every dot moves this count at once, also when its entry is on a page of the wall
        # that is not showing: the room sees the vote come in.
        totaal = sum(n for i, n in tellingen.items() if i in per_id)
        teller = (
            f'<p class="wp-stippen-totaal" aria-live="polite">{stippen_tekst(totaal)} gezet</p>'
            if totaal
            else '<p class="wp-stippen-totaal" aria-live="polite">Nog geen stippen gezet</p>'
        )
        self._ranking_regels = 3.0 + sum(_regels(per_id[i].tekst, WAND_BREEDTE_EM - 8) for _n, i in gerangschikt)
        self._ranking_regels += 1.0 if meer else 0.0
        lijst = f'<ol class="wp-rangorde">{regels}</ol>' if regels else ""
        ui.zet_waarde(self.ranking, "value", f"<h2>Meeste stippen</h2>{teller}{lijst}{staart}")
        ui.zet_layout(self.ranking, display=None)

    def _item_html(self, b: model.Bijdrage, stippen: int) -> str:
        delen = [f'<p class="wp-item-tekst">{ui.veilig(b.tekst)}</p>']
        if not self.onderdeel.anoniem:
            naam = self._naam(b.deelnemer_id)
            if naam:
                delen.append(f'<p class="wp-item-naam">{ui.veilig(naam)}</p>')
        if stippen:
            delen.append(f'<p class="wp-item-stippen">{"●" * min(stippen, 12)} {stippen_tekst(stippen)}</p>')
        return "".join(delen)

    def _zet_wand(
        self, bijdragen: list[model.Bijdrage], gegroepeerd: str, tellingen: dict[int, int] | None = None
    ) -> None:
        tellingen = tellingen or {}
        for b in bijdragen:
            item = self._items.get(b.id)  # type: ignore[arg-type]
            if item is None:
                item = self._items[b.id] = ui.html_widget("", "wp-wall-item")  # type: ignore[index]
            ui.zet_waarde(item, "value", self._item_html(b, tellingen.get(b.id, 0)))  # type: ignore[arg-type]
        zichtbaar = {b.id for b in bijdragen}
        for weg in [i for i in self._items if i not in zichtbaar]:
            self._items.pop(weg).close()

        kolommen = self.onderdeel.kolommen
        vraag = 1.15 * _regels(self.onderdeel.vraag, WAND_BREEDTE_EM / 1.15) - 1.15  # beyond one line
        ruimte = max(4.0, WAND_REGELS - vraag - self._ranking_regels)
        naam_regel = 0 if self.onderdeel.anoniem else 1

        def hoogte(b: model.Bijdrage, breedte_em: float) -> float:
            tekst = _regels(b.tekst, breedte_em - 1.6) * 1.05  # the entry's text is 1.05 em
            return tekst + 0.8 * naam_regel + 0.85 * (1 if tellingen.get(b.id) else 0) + 1.3  # type: ignore[arg-type]

        if kolommen:
            namen = list(kolommen) + ([""] if any(b.kolom not in kolommen for b in bijdragen) else [])
            sleutel = lambda b: b.kolom if b.kolom in kolommen else ""  # noqa: E731
        elif gegroepeerd:
            namen = sorted(
                {groep_van(b, gegroepeerd) for b in bijdragen}, key=lambda g: (g == ZONDER_GROEP, g)
            )
            sleutel = lambda b: groep_van(b, gegroepeerd)  # noqa: E731
        else:
            paginas = pagineer(
                [hoogte(b, KAART_EM) for b in bijdragen], per_rij=KAARTEN_PER_RIJ, max_regels=ruimte
            )
            op_pagina = self._kies_pagina(paginas)
            kinderen = tuple(self._items[bijdragen[i].id] for i in op_pagina)  # type: ignore[index]
            if tuple(self.muur.children) != kinderen:
                self.muur.children = kinderen
            ui.zet_klasse(self.muur, "wp-wall-groepen", False)
            return
        # groups side by side, each paged on its own; page p shows every group's p-th page
        breedte = WAND_BREEDTE_EM / max(1, len(namen))
        per_groep = {
            naam: [b for b in bijdragen if sleutel(b) == naam] for naam in namen
        }
        kop = max(1.1 * _regels(naam or "Overig", breedte / 1.1 - 0.6) for naam in namen) + 1.4
        groep_paginas = {
            naam: pagineer([hoogte(b, breedte) for b in lijst], max_regels=ruimte - kop - 1.0)
            for naam, lijst in per_groep.items()
        }
        self._kies_pagina([[]] * max(len(p) for p in groep_paginas.values()) if groep_paginas else [[]])
        # no room for even one entry below the ranking: the ranking is what the room looks at
        past = ruimte - kop - 1.0 >= min((hoogte(b, breedte) for b in bijdragen), default=0)
        ui.zet_layout(self.muur, display=None if past else "none")
        if not past:
            ui.zet_layout(self.pagina_teller, display="none")
        ui.zet_klasse(self.muur, "wp-wall-groepen", True)
        groepen = []
        for naam in namen:
            box = self._groepen.get(naam)
            if box is None:
                kop = ui.html_widget(f"<h2>{ui.veilig(naam or 'Overig')}</h2>", "wp-groep-kop")
                box = self._groepen[naam] = ui.vak([kop, ui.vak([], "wp-groep-items")], "wp-groep")
            paginas = groep_paginas[naam]
            deel = paginas[self.pagina] if self.pagina < len(paginas) else []
            items = tuple(self._items[per_groep[naam][i].id] for i in deel)  # type: ignore[index]
            binnen = box.children[1]
            if tuple(binnen.children) != items:
                binnen.children = items
            groepen.append(box)
        for weg in [g for g in self._groepen if g not in namen]:
            self._groepen.pop(weg).close()
        if tuple(self.muur.children) != tuple(groepen):
            self.muur.children = tuple(groepen)

    def _kies_pagina(self, paginas: list[list[int]]) -> list[int]:
        """The page to show now (it may have shrunk) and the "pagina 1/3" line."""
        self._aantal_paginas = len(paginas)
        if self.pagina >= len(paginas):
            self.pagina = 0
        teller = f"Pagina {self.pagina + 1}/{len(paginas)}, de nieuwste eerst" if len(paginas) > 1 else ""
        ui.zet_waarde(self.pagina_teller, "value", teller)
        ui.zet_layout(self.pagina_teller, display=None if teller else "none")
        return paginas[self.pagina]


# --- regiekamer ------------------------------------------------------------------------------

THEMA_OPTIES: list[tuple[str, str]] = [("(geen thema)", "")] + [(t.capitalize(), t) for t in model.THEMAS]


class _RegieRij:
    """One entry in the facilitator's list: select, theme, hide/restore."""

    def __init__(self, paneel: TekstRegie, bijdrage_id: int) -> None:
        self.id = bijdrage_id
        # the entry's own text is the checkbox's visible label (WCAG 1.3.1, 4.1.2)
        self.kies = w.Checkbox(value=False, description="", indent=False, layout=w.Layout(width="auto"))
        self.kies.add_class("wp-select")
        self.kies.add_class("wp-regie-tekst")
        self.info = ui.label("", "wp-regie-info")
        self.thema = w.Dropdown(options=THEMA_OPTIES, description="Thema", layout=w.Layout(width="auto"))
        self.thema.add_class("wp-theme")
        self.verberg = ui.knop("Verberg", "wp-hide-button", tooltip="Van de wand halen (blijft bewaard)")
        ui.zet_layout(self.verberg, min_width="6.5em")  # "Verberg"/"Herstel" never cut off
        self._bezig = False
        self.thema.observe(
            lambda c: None if self._bezig else paneel.zet_thema(self.id, c["new"]), names="value"
        )
        self.verberg.on_click(lambda _b: paneel.wissel_zichtbaar(self.id))
        self.widget = ui.vak(
            [
                self.kies,
                ui.vak([self.info, self.thema, self.verberg], "wp-knoppen", rij=True),
            ],
            "wp-regierij",
        )

    def zet(self, b: model.Bijdrage, stippen: int) -> None:
        self._bezig = True
        try:
            ui.zet_waarde(self.thema, "value", b.thema)
        finally:
            self._bezig = False
        ui.zet_waarde(self.kies, "description", b.tekst)
        delen = [f"kolom: {b.kolom}"] if b.kolom else []
        if b.cluster:
            delen.append(f"cluster: {b.cluster}")
        if stippen:
            delen.append(stippen_tekst(stippen))
        if not b.zichtbaar:
            delen.append("verborgen")
        ui.zet_waarde(self.info, "value", " · ".join(delen))
        ui.zet_waarde(self.verberg, "description", "Herstel" if not b.zichtbaar else "Verberg")
        ui.zet_klasse(self.verberg, "wp-restore-button", not b.zichtbaar)
        ui.zet_klasse(self.widget, "wp-verborgen", not b.zichtbaar)


class TekstRegie(RegiePaneel):
    """The facilitator's controls for one tekst onderdeel."""

    HERLEES = frozenset({"onderdeel", "programma"})
    RELEVANT = RELEVANT

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        if sessie.regie is None:
            raise ValueError("TekstRegie heeft de regie (sleutel) nodig")
        super().__init__(sessie, onderdeel)

        self.onthul = ui.knop("Onthul de bijdragen", "wp-reveal-button", stijl="warning")
        self.onthul.on_click(lambda _b: self.wissel_onthuld())
        self.stippen = w.BoundedIntText(
            value=model.stippen_budget(onderdeel),
            min=1,
            max=20,
            description="Stippen p.p.",
            layout=w.Layout(width="auto"),
        )
        self.stippen.add_class("wp-dots-input")
        self.stemming = StemKnop(self, "Start stemmen", "wp-vote-toggle", stijl="primary", budget=lambda: self.stippen.value)
        self.stem_knop = self.stemming.knop
        self.status = ui.label("", "wp-regie-status")

        self.rijen_box = ui.vak([], "wp-regie-lijst")
        self.rijen = ui.Rijen(self.rijen_box, lambda i: _RegieRij(self, i))

        self.cluster = w.Text(
            description="Cluster", placeholder="naam van het cluster", layout=w.Layout(width="auto")
        )
        self.cluster.add_class("wp-cluster-input")
        self.cluster_knop = ui.knop("Zet in cluster", "wp-cluster-button")
        self.cluster_knop.on_click(lambda _b: self.zet_cluster())
        self.samen_knop = ui.knop(
            "Voeg samen", "wp-merge-button", tooltip="Voeg de gekozen bijdragen samen in de eerste"
        )
        self.samen_knop.on_click(lambda _b: self.voeg_samen())
        self.wie = w.Text(description="Wie", placeholder="trekker", layout=w.Layout(width="auto"))
        self.wie.add_class("wp-actie-wie")
        self.wanneer = w.DatePicker(description="Wanneer", layout=w.Layout(width="auto"))
        self.wanneer.add_class("wp-actie-wanneer")
        self.actie_knop = ui.knop(
            "Maak actie", "wp-promote-button", tooltip="Maak van de gekozen bijdrage een actie"
        )
        self.actie_knop.on_click(lambda _b: self.promoveer())

        self.widget = ui.vak(
            [
                ui.vak([self.onthul, self.stippen, self.stem_knop, self.status], "wp-knoppen", rij=True),
                self.melding.widget,
                ui.html_widget("<h3>Bijdragen</h3>", "wp-kop"),
                self.rijen_box,
                ui.html_widget("<h3>Met de gekozen bijdragen</h3>", "wp-kop"),
                ui.vak([self.cluster, self.cluster_knop, self.samen_knop], "wp-knoppen", rij=True),
                ui.vak([self.wie, self.wanneer, self.actie_knop], "wp-knoppen", rij=True),
            ],
            "wp-paneel",
            "wp-tekst-regie",
        )
        self.toon()

    # selection -----------------------------------------------------------------------------

    def gekozen(self) -> list[int]:
        return [i for i, rij in self.rijen.rijen.items() if rij.kies.value]

    def kies(self, *ids: int) -> None:
        """Select these entries (what a click on their checkboxes does)."""
        for i, rij in self.rijen.rijen.items():
            rij.kies.value = i in ids

    def _wis_keuze(self) -> None:
        for rij in self.rijen.rijen.values():
            rij.kies.value = False

    # actions -------------------------------------------------------------------------------

    def wissel_onthuld(self) -> None:
        self.doe(lambda r: r.zet_onthuld(self.onderdeel.id, not self.onderdeel.onthuld))

    def wissel_stemmen(self) -> None:
        self.stemming.wissel()

    def wissel_zichtbaar(self, bijdrage_id: int) -> None:
        b = self.store.haal("bijdrage", bijdrage_id)
        if b.zichtbaar:
            self.doe(
                lambda r: r.verberg("bijdrage", bijdrage_id),
                "Verborgen: de bijdrage staat niet meer op de wand.",
            )
        else:
            self.doe(
                lambda r: r.herstel("bijdrage", bijdrage_id),
                "Hersteld: de bijdrage staat weer op de wand.",
            )

    def zet_thema(self, bijdrage_id: int, thema: str) -> None:
        self.doe(lambda r: r.zet_thema(bijdrage_id, thema))

    def zet_cluster(self) -> None:
        ids = self.gekozen()
        if not ids:
            self.melding.fout("Kies eerst een of meer bijdragen met het vinkje.")
            return
        naam = self.cluster.value
        if self.doe(lambda r: r.zet_cluster(ids, naam), f"{len(ids)} bijdrage(n) gegroepeerd."):
            self._wis_keuze()

    def voeg_samen(self) -> None:
        ids = self.gekozen()
        if self.doe(lambda r: r.voeg_samen_in_oudste(ids), f"{len(set(ids))} bijdragen samengevoegd."):
            self._wis_keuze()

    def promoveer(self) -> None:
        ids = self.gekozen()
        if len(ids) != 1:
            self.melding.fout("Kies precies één bijdrage om er een actie van te maken.")
            return
        wanneer: date | str = self.wanneer.value or ""
        wie = self.wie.value
        if self.doe(
            lambda r: r.promoveer(ids[0], wie=wie, wanneer=wanneer, onderdeel_id=None),
            "Actie gemaakt; je vindt hem in de actielijst.",
        ):
            self._wis_keuze()
            self.wie.value = ""

    # drawing -------------------------------------------------------------------------------

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        o = self.onderdeel
        ui.zet_layout(self.onthul, display=None if o.prive_eerst else "none")
        ui.zet_waarde(
            self.onthul,
            "description",
            "Verberg weer (privé schrijven)" if o.onthuld else "Onthul de bijdragen",
        )
        stembaar = model.stembaar(o)
        for widget in (self.stippen, self.stem_knop):
            ui.zet_layout(widget, display=None if stembaar else "none")
        self.stemming.toon()
        status = []
        if o.schrijven_prive:
            status.append("De wand toont alleen het aantal.")
        if o.stemmen_open:
            status.append(f"Stemmen open ({o.stippen} stippen p.p.).")
        ui.zet_waarde(self.status, "value", " ".join(status))

        bijdragen = [
            b
            for b in bijdragen_van(self.sessie, o, alleen_zichtbaar=False)
            if not b.ingetrokken and b.samengevoegd_met is None
        ]
        tellingen: dict[int, int] = {
            t.doel_id: t.stemmen for t in self.store.telling(o.id) if t.soort == "bijdrage"
        }  # type: ignore[arg-type]
        per_id = {b.id: b for b in bijdragen}
        self.rijen.zet([b.id for b in bijdragen], lambda rij, i: rij.zet(per_id[i], tellingen.get(i, 0)))


def _tellingen(tellingen: list[Telling]) -> dict[int, int]:
    return {t.doel_id: t.stemmen for t in tellingen if t.soort == "bijdrage"}


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = TekstWand
maak_regie = TekstRegie
