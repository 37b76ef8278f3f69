"""The tekst werkvorm on the phone: write, edit and withdraw bijdragen, put dots.

Light imports only (this runs in every participant kernel). The widgets never decide
what is valid: they build a :class:`toolkit.model.Bijdrage` (which checks the text) and
call the store (which checks the onderdeel, the rate limit and the dot budget), and show
the Dutch message when either refuses; the typed text stays.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import ipywidgets as w

from toolkit import model
from toolkit.apps import ui
from toolkit.apps.gedeeld import bijdragen_van
from toolkit.fouten import WerkplaatsFout

if TYPE_CHECKING:
    from toolkit.apps.basis import Sessie
    from toolkit.store import Wijzigingen


class _EigenRij:
    """One own bijdrage with edit and withdraw."""

    def __init__(self, paneel: TekstInvoer, bijdrage_id: int) -> None:
        self.id = bijdrage_id
        self.tekst = ui.label("", "wp-eigen-tekst")
        self.wijzig = ui.knop("Wijzig", "wp-edit-button", tooltip="Deze bijdrage aanpassen")
        self.trek_in = ui.knop("Trek in", "wp-withdraw-button", tooltip="Deze bijdrage intrekken")
        self.wijzig.on_click(lambda _b: paneel.bewerk(self.id))
        self.trek_in.on_click(lambda _b: paneel.trek_in(self.id))
        self.widget = ui.vak(
            [self.tekst, ui.vak([self.wijzig, self.trek_in], "wp-knoppen", rij=True)], "wp-eigen"
        )


class TekstInvoer:
    """Phone paneel of a tekst onderdeel."""

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        if sessie.deelnemer is None:
            raise ValueError("TekstInvoer heeft een aangemelde deelnemer nodig")
        self.sessie = sessie
        self.store = sessie.store
        self.deelnemer_id: int = sessie.deelnemer.id  # type: ignore[assignment]
        self.onderdeel = onderdeel
        self.bewerk_id: int | None = None
        self._eigen_ids: frozenset[int] = frozenset()

        self.kolom = w.Dropdown(
            options=[(k, k) for k in onderdeel.kolommen],
            description="Kolom",
            layout=w.Layout(width="100%", display=None if onderdeel.kolommen else "none"),
        )
        self.kolom.add_class("wp-kolom")
        self.invoer = w.Textarea(
            description="Jouw bijdrage",
            placeholder="Eén gedachte per bijdrage",
            rows=3,
            layout=w.Layout(width="100%"),
        )
        self.invoer.add_class("wp-input")
        self.verstuur_knop = ui.knop("Versturen", "wp-submit", stijl="primary")
        self.annuleer_knop = ui.knop("Annuleer wijzigen", "wp-cancel-edit")
        self.annuleer_knop.layout.display = "none"
        self.melding = ui.Melding()
        self.verstuur_knop.on_click(lambda _b: self.verstuur())
        self.annuleer_knop.on_click(lambda _b: self.stop_bewerken())
        self.invoer.observe(lambda _c: self._verberg_opgeslagen(), names="value")
        #: A step that works on earlier entries (clustering, voting) has nothing to write.
        self.schrijft = not onderdeel.neemt_over

        self.eigen_kop = ui.html_widget("<h3>Jouw bijdragen</h3>", "wp-kop")
        self.eigen_box = ui.vak([], "wp-eigen-lijst")
        self.eigen = ui.Rijen(self.eigen_box, lambda i: _EigenRij(self, i))

        self.stippen_over = ui.Melding("wp-votes-left")
        self.stem_melding = ui.Melding()
        self.stemlijst = ui.Stemlijst(self.stem, self.stem_terug)
        self.stem_vak = ui.vak(
            [
                ui.html_widget("<h3>Stemmen</h3>", "wp-kop"),
                self.stippen_over.widget,
                self.stem_melding.widget,
                self.stemlijst,
            ],
            "wp-stemmen",
        )
        self.wacht_op_stemmen = ui.html_widget(
            "<p>Het stemmen is nog niet begonnen. Wacht even. Hier zie je straks de punten "
            "waar je stippen op kunt zetten.</p>",
            "wp-wacht-stemmen",
        )

        self.schrijf_vak = ui.vak(
            [
                self.kolom,
                self.invoer,
                ui.vak([self.verstuur_knop, self.annuleer_knop], "wp-knoppen", rij=True),
                self.melding.widget,
            ],
            "wp-schrijven",
        )
        self.schrijf_vak.layout.display = None if self.schrijft else "none"
        self.widget = ui.vak(
            [self.wacht_op_stemmen, self.stem_vak, self.schrijf_vak, self.eigen_kop, self.eigen_box],
            "wp-paneel",
            "wp-tekst",
        )
        self._toon()

    # actions -------------------------------------------------------------------------------

    def verstuur(self) -> model.Bijdrage | None:
        """Save the typed text (new, or the one being edited); 'Opgeslagen' after the commit."""
        self._verberg_opgeslagen()
        kolom = self.kolom.value or "" if self.onderdeel.kolommen else ""
        try:
            if self.bewerk_id is not None:
                oud = self.store.haal("bijdrage", self.bewerk_id)
                nieuw = self.store.wijzig(
                    self.deelnemer_id, replace(oud, tekst=self.invoer.value, kolom=kolom)
                )
            else:
                concept = model.Bijdrage(tekst=self.invoer.value, kolom=kolom, onderdeel_id=self.onderdeel.id)
                nieuw = self.store.voeg_toe(self.deelnemer_id, concept)
        except WerkplaatsFout as fout:
            self._verberg_opgeslagen()  # never an old "Opgeslagen" beside text that was not stored
            self.melding.fout(str(fout))
            return None
        self.bewerk_id = None
        self.invoer.value = ""
        self.verstuur_knop.description = "Versturen"
        self.annuleer_knop.layout.display = "none"
        self.melding.ok("Opgeslagen")
        self._toon()
        return nieuw

    def bewerk(self, bijdrage_id: int) -> None:
        bijdrage = self.store.haal("bijdrage", bijdrage_id)
        self.bewerk_id = bijdrage_id
        self.invoer.value = bijdrage.tekst
        if bijdrage.kolom in self.onderdeel.kolommen:
            self.kolom.value = bijdrage.kolom
        self.verstuur_knop.description = "Wijziging opslaan"
        self.annuleer_knop.layout.display = None
        self.melding.wis()

    def stop_bewerken(self) -> None:
        self.bewerk_id = None
        self.invoer.value = ""
        self.verstuur_knop.description = "Versturen"
        self.annuleer_knop.layout.display = "none"

    def trek_in(self, bijdrage_id: int) -> None:
        self.melding.vang(
            lambda: self.store.trek_in(self.deelnemer_id, "bijdrage", bijdrage_id), "Ingetrokken."
        )
        if self.bewerk_id == bijdrage_id:
            self.stop_bewerken()
        self._toon()

    def stem(self, bijdrage_id: int) -> None:
        self.stem_melding.vang(lambda: self.store.stem(self.deelnemer_id, self.onderdeel.id, bijdrage_id))
        self._toon()

    def stem_terug(self, bijdrage_id: int) -> None:
        self.stem_melding.vang(
            lambda: self.store.stem_terug(self.deelnemer_id, self.onderdeel.id, bijdrage_id)
        )
        self._toon()

    def _verberg_opgeslagen(self) -> None:
        if self.melding.soort == "ok":
            self.melding.wis()

    # the paneel contract -------------------------------------------------------------------

    def ververs(self, wijzigingen: Wijzigingen) -> None:
        if wijzigingen.soorten & {"onderdeel", "programma"}:
            self.onderdeel = self.store.onderdeel(self.onderdeel.id)  # type: ignore[arg-type]
            self._toon()
        elif self._raakt_mij(wijzigingen):
            self._toon()

    def _raakt_mij(self, wijzigingen: Wijzigingen) -> bool:
        """Whether a change alters this phone's view. Every phone runs this on every change in
        the room, so it decides without reading the store: own entries and dots (also from
        another tab of the same participant), the facilitator's work on own entries, and any
        entry while the vote is open (the list to vote on). Others' dots and joins never do."""
        soorten = wijzigingen.soorten
        if "stap" in soorten or self.deelnemer_id in wijzigingen.door and soorten & {"bijdrage", "stem"}:
            return True
        if "bijdrage" not in soorten:
            return False
        stemmen = self.onderdeel.stemmen_open and self.onderdeel.stippen > 0
        return stemmen or bool(wijzigingen.ids["bijdrage"] & self._eigen_ids)

    def sluit(self) -> None:
        self.widget.close()

    # drawing -------------------------------------------------------------------------------

    def _toon(self) -> None:
        o = self.onderdeel
        eigen = [
            b
            for b in self.store.items(
                "bijdrage", self.sessie.bijeenkomst_id, onderdeel_id=o.id, deelnemer_id=self.deelnemer_id
            )
            if not b.ingetrokken
        ]
        per_id = {b.id: b for b in eigen}
        self._eigen_ids = frozenset(per_id)  # type: ignore[arg-type]

        def bij_eigen(rij: _EigenRij, i: int) -> None:
            b = per_id[i]
            voor = f"{b.kolom}: " if b.kolom else ""
            ui.zet_waarde(
                rij.tekst,
                "value",
                voor + b.tekst + ("" if b.op_de_wand else " (verborgen door de procesbegeleider)"),
            )

        self.eigen.zet([b.id for b in eigen], bij_eigen)
        ui.zet_waarde(self.eigen_kop.layout, "display", None if eigen else "none")

        stemmen = o.stemmen_open and o.stippen > 0
        ui.zet_waarde(self.stem_vak.layout, "display", None if stemmen else "none")
        ui.zet_waarde(self.wacht_op_stemmen.layout, "display", None if not (stemmen or self.schrijft) else "none")
        if not stemmen:
            self.stemlijst.zet([])
            return
        items = bijdragen_van(self.sessie, o)
        mijn: dict[int, int] = {}
        for s in self.store.stemmen(
            self.sessie.bijeenkomst_id, onderdeel_id=o.id, deelnemer_id=self.deelnemer_id
        ):
            mijn[s.doel_id] = mijn.get(s.doel_id, 0) + 1
        over = model.stippen_over(o.stippen, sum(mijn.values()))
        self.stippen_over.info(
            f"Je hebt nog {over} van je {o.stippen} stippen."
            if over
            else f"Je hebt al je {o.stippen} stippen gezet. Wil je een stip verplaatsen? Haal er dan eerst een weg."
        )
        self.stemlijst.zet([(b.id, b.tekst, mijn.get(b.id, 0)) for b in items])


def maak(sessie: Sessie, onderdeel: model.Onderdeel) -> TekstInvoer:
    return TekstInvoer(sessie, onderdeel)
