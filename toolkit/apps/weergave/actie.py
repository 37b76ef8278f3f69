"""Wand and regiekamer for the actielijst and the afspraken (seeds 003, 004).

The wand shows the overview table. The regiekamer edits it: one row per actie (wat, wie,
wanneer, thema, status) or afspraak (tekst, wie, evaluatiemoment), a form for a new one,
and the participants' proposals ready to promote. The model validates; rows show its
Dutch message and keep what was typed.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w

from toolkit import model
from toolkit.apps import ui
from toolkit.apps.basis import Paneel, Sessie, geraakt
from toolkit.apps.gedeeld import VOORSTEL, lijst_html
from toolkit.apps.weergave.regie import RegiePaneel
from toolkit.apps.weergave.vak import werkvorm_vak
from toolkit.fouten import WerkplaatsFout
from toolkit.model import Wijzigingen
from toolkit.store import Regie

_THEMA_OPTIES = [("(geen thema)", ""), *[(t, t) for t in model.THEMAS]]


def _breed(breedte: str) -> w.Layout:
    return w.Layout(width=breedte, margin="0 8px 0 0")


def _rij() -> w.Layout:
    """One actie or afspraak: the text on top, the details in one line below it."""
    return w.Layout(border_bottom="1px solid #c4c9d0", padding="4px 0 6px", margin="0 0 4px")


def _fout(melding: ui.Melding, fout: WerkplaatsFout) -> None:
    melding.fout(fout.voor_begeleider)


class LijstWand(Paneel):
    RELEVANT = frozenset({"actie", "afspraak"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        super().__init__(sessie, onderdeel)
        self.tabel = w.HTML()
        self.widget = werkvorm_vak([self.tabel], "wp-lijst-wand")
        self.toon()

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        self.tabel.value = lijst_html(self.sessie.store, self.sessie.bijeenkomst_id, self.onderdeel.invoer)


class _Rij:
    """What an editable row of the actielijst or the afspraken shares: saving and removing."""

    soort = ""

    def __init__(self, regie: LijstRegie, item: model.Actie | model.Afspraak | None) -> None:
        self.regie = regie
        self.item = item

    @property
    def actie(self) -> model.Actie | model.Afspraak | None:
        return self.item

    afspraak = actie

    def _knoppen(self, nieuw: str) -> list[w.Button]:
        """"Opslaan" (or ``nieuw`` on the empty form, primary) and, for a saved row, "Verwijder"."""
        if self.item is None:
            self.bewaar = ui.knop(nieuw, "wp-submit", stijl="primary")
        else:
            self.bewaar = ui.knop("Opslaan", "wp-submit")
        self.bewaar.on_click(lambda _b: self.opslaan())
        knoppen = [self.bewaar]
        if self.item is not None:
            weg = ui.knop("Verwijder", "wp-delete-button")
            weg.on_click(lambda _b: self.verwijder())
            knoppen.append(weg)
        return knoppen

    def _omlijst(self, tekst: w.Textarea, velden: list[w.Widget], nieuw: str, klasse: str) -> None:
        """The row: the text on top, the details and buttons in one line below it, then its message."""
        for veld in (tekst, *velden):
            veld.add_class("wp-input")
        self.melding = ui.Melding(begeleider=True)
        self.widget = w.VBox(
            [
                tekst,
                w.HBox(
                    [*velden, *self._knoppen(nieuw)],
                    layout=w.Layout(flex_flow="row wrap", align_items="flex-end"),
                ),
                self.melding.widget,
            ],
            layout=_rij(),
            _dom_classes=(klasse,),
        )

    def opslaan(self) -> bool:
        raise NotImplementedError

    def _bewaar(self, doe: Callable[[Regie], model.Actie | model.Afspraak]) -> bool:
        """Run the store action; show its Dutch message, or confirm and refresh the table."""
        regie = self.regie.sessie.regie
        if regie is None:
            return False
        try:
            nieuw = doe(regie)
        except WerkplaatsFout as fout:
            _fout(self.melding, fout)
            return False
        self.melding.ok("Opgeslagen")
        if self.item is None:
            self.regie.toegevoegd()
        else:
            self.item = nieuw
            self.regie._toon_rijen()
        return True

    def verwijder(self) -> None:
        regie = self.regie.sessie.regie
        if regie is None or self.item is None:
            return
        try:
            regie.verwijder(self.soort, self.item.id)  # type: ignore[arg-type]
        except WerkplaatsFout as fout:
            _fout(self.melding, fout)
            return
        self.regie._toon_rijen()


class ActieRij(_Rij):
    """Edit fields for one actie (or the empty form for a new one when ``actie`` is None)."""

    soort = "actie"

    def __init__(self, regie: LijstRegie, actie: model.Actie | None) -> None:
        super().__init__(regie, actie)
        #: The participant's proposal this new actie comes from (set by "Neem over").
        self.voorstel_id: int | None = None
        self.wat = w.Textarea(
            value=actie.wat if actie else "",
            placeholder="Wat gaan we doen?",
            description="Wat" if actie is None else "",
            layout=w.Layout(width="100%", height="3.4em"),
        )
        self.wie = w.Text(value=actie.wie if actie else "", description="Wie", layout=_breed("12em"))
        self.wanneer = w.DatePicker(
            value=actie.wanneer if actie else None, description="Wanneer", layout=_breed("10em")
        )
        self.thema = w.Dropdown(
            options=_THEMA_OPTIES,
            value=actie.thema if actie else "",
            description="Thema",
            layout=_breed("14em"),
        )
        self.status = w.Dropdown(
            options=list(model.ACTIE_STATUSSEN),
            value=actie.status if actie else "open",
            description="Status",
            layout=_breed("7em"),
        )
        self._omlijst(self.wat, [self.wie, self.wanneer, self.thema, self.status], "Actie toevoegen", "wp-actie-rij")

    def opslaan(self) -> bool:
        velden = {
            "wat": self.wat.value,
            "wie": self.wie.value,
            "wanneer": self.wanneer.value,
            "thema": self.thema.value,
            "status": self.status.value,
        }

        def doe(regie: Regie) -> model.Actie:
            if self.item is None and self.voorstel_id is not None:
                zonder_status = {k: v for k, v in velden.items() if k != "status"}
                return regie.promoveer(
                    self.voorstel_id, onderdeel_id=self.regie.onderdeel.id, **zonder_status
                )
            if self.item is None:
                return regie.voeg_toe(model.Actie.nieuw(onderdeel_id=self.regie.onderdeel.id, **velden))
            return regie.wijzig(model.herzie(self.item, **velden))

        return self._bewaar(doe)


class AfspraakRij(_Rij):
    soort = "afspraak"

    def __init__(self, regie: LijstRegie, afspraak: model.Afspraak | None) -> None:
        super().__init__(regie, afspraak)
        self.tekst = w.Textarea(
            value=afspraak.tekst if afspraak else "",
            placeholder="Welke afspraak maken we?",
            description="Afspraak" if afspraak is None else "",
            layout=w.Layout(width="100%", height="3.4em"),
        )
        self.wie = w.Text(value=afspraak.wie if afspraak else "", description="Wie", layout=_breed("12em"))
        self.evaluatie = w.DatePicker(
            value=afspraak.evaluatiemoment if afspraak else None,
            description="Evaluatiemoment",
            layout=_breed("11em"),
        )
        self._omlijst(self.tekst, [self.wie, self.evaluatie], "Afspraak toevoegen", "wp-afspraak-rij")

    def opslaan(self) -> bool:
        velden = {"tekst": self.tekst.value, "wie": self.wie.value, "evaluatiemoment": self.evaluatie.value}

        def doe(regie: Regie) -> model.Afspraak:
            if self.item is None:
                return regie.voeg_toe(model.Afspraak.nieuw(onderdeel_id=self.regie.onderdeel.id, **velden))
            return regie.wijzig(model.herzie(self.item, **velden))

        return self._bewaar(doe)


class _VoorstelRij:
    """A participant's proposal: take it into the new-row form, or hide it."""

    def __init__(self, regie: LijstRegie, bijdrage_id: int) -> None:
        self.tekst = ui.html_widget(layout=w.Layout(flex="1 1 auto"))
        neem = ui.knop("Neem over in formulier", "wp-promote-button")
        neem.on_click(lambda _b: regie.neem_over(regie.store.haal("bijdrage", bijdrage_id)))
        verberg = ui.knop("Verberg", "wp-hide-button", tooltip="Van de wand halen (blijft bewaard)")
        verberg.on_click(lambda _b: regie.doe(lambda r: r.verberg("bijdrage", bijdrage_id)))
        self.widget = ui.vak([self.tekst, neem, verberg], "wp-regie-rij", rij=True)


class LijstRegie(RegiePaneel):
    """The editable table, a new-row form and the proposals of this onderdeel to promote."""

    HERLEES = frozenset()
    RELEVANT = frozenset({"actie", "afspraak", "bijdrage"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        super().__init__(sessie, onderdeel)
        self.afspraak = onderdeel.invoer == "afspraak"
        self.rijen = w.VBox()
        self.rijen.add_class("wp-regie-lijst")
        self.voorstellen = w.VBox()
        self.voorstellen.add_class("wp-voorstellen")
        self._voorstellen = ui.Rijen(self.voorstellen, lambda i: _VoorstelRij(self, i))
        self.geen_voorstellen = ui.html_widget("<p class='wp-leeg'>Geen voorstellen.</p>")
        self._rijen: dict[int, ActieRij | AfspraakRij] = {}
        self.nieuw: ActieRij | AfspraakRij = (AfspraakRij if self.afspraak else ActieRij)(self, None)  # type: ignore[arg-type]
        self.widget = werkvorm_vak(
            [
                ui.html_widget(f"<h3>{'Afspraken' if self.afspraak else 'Acties'} (bewerken)</h3>", "wp-kop"),
                self.rijen,
                ui.html_widget("<h3>Voorstellen van deelnemers</h3>", "wp-kop"),
                self.melding.widget,
                self.voorstellen,
                self.geen_voorstellen,
            ]
        )
        self.toon()

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        if geraakt(wijzigingen, "actie", "afspraak"):
            self._toon_rijen()
        if geraakt(wijzigingen, "bijdrage"):
            self._toon_voorstellen()

    def _toon_rijen(self) -> None:
        """Rebuild only rows whose item changed, so what the facilitator is typing elsewhere stays."""
        Rij = AfspraakRij if self.afspraak else ActieRij
        bestaand = self.store.items("afspraak" if self.afspraak else "actie", self.bijeenkomst_id)
        rijen: dict[int, ActieRij | AfspraakRij] = {}
        for item in bestaand:
            oud = self._rijen.get(item.id)
            rijen[item.id] = oud if oud is not None and oud.item == item else Rij(self, item)  # type: ignore[arg-type]
        self._rijen = rijen
        self.rijen.children = [r.widget for r in rijen.values()] + [self.nieuw.widget]

    def _toon_voorstellen(self) -> None:
        voorstellen = {
            b.id: b
            for b in self.store.items(
                "bijdrage", self.bijeenkomst_id, onderdeel_id=self.onderdeel.id, alleen_zichtbaar=True
            )
            if b.kolom == VOORSTEL
        }
        self._voorstellen.zet(
            list(voorstellen), lambda rij, i: ui.zet_waarde(rij.tekst, "value", html.escape(voorstellen[i].tekst))
        )
        ui.zet_layout(self.geen_voorstellen, display="none" if voorstellen else None)

    def toegevoegd(self) -> None:
        """A new row was saved: a fresh empty form, and the saved row in the table."""
        self.nieuw = (AfspraakRij if self.afspraak else ActieRij)(self, None)  # type: ignore[arg-type]
        self._toon_rijen()
        self._toon_voorstellen()

    def neem_over(self, voorstel: model.Bijdrage) -> None:
        """Put a proposal in the new-row form; the facilitator completes wie and wanneer with the room."""
        if isinstance(self.nieuw, AfspraakRij):
            self.nieuw.tekst.value = voorstel.tekst
        else:
            self.nieuw.wat.value = voorstel.tekst
            self.nieuw.thema.value = voorstel.thema
            self.nieuw.voorstel_id = voorstel.id


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = LijstWand
maak_regie = LijstRegie
