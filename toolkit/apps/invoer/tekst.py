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
from toolkit.apps.basis import Paneel
from toolkit.apps.gedeeld import bijdragen_van
from toolkit.apps.invoer.kit import StemBlok
from toolkit.fouten import WerkplaatsFout

if TYPE_CHECKING:
    from toolkit.apps.basis import Sessie
    from toolkit.model import Wijzigingen


class TekstInvoer(Paneel):
    """Phone paneel of a tekst onderdeel."""

    HERLEES = frozenset({"onderdeel", "programma"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        if sessie.deelnemer is None:
            raise ValueError("TekstInvoer heeft een aangemelde deelnemer nodig")
        super().__init__(sessie, onderdeel)
        self.deelnemer_id: int = sessie.deelnemer.id  # type: ignore[assignment]
        self.bewerk_id: int | None = None
        self._eigen_ids: frozenset[int] = frozenset()

        self.kolom = w.Dropdown(
            options=[(k, k) for k in onderdeel.kolommen],
            description="Kolom",
            layout=ui.gedeelde_layout(width="100%", display=None if onderdeel.kolommen else "none"),
            style=ui.gedeelde_stijl(w.Dropdown),
            _dom_classes=("wp-kolom",),
        )
        self.invoer = w.Textarea(
            description="Jouw bijdrage",
            placeholder="Eén gedachte per bijdrage",
            rows=3,
            layout=ui.gedeelde_layout(width="100%"),
            style=ui.gedeelde_stijl(w.Text),
            _dom_classes=("wp-input",),
        )
        self.verstuur_knop = ui.knop("Versturen", "wp-submit", stijl="primary")
        self.annuleer_knop = ui.knop("Annuleer wijzigen", "wp-cancel-edit", verborgen=True)
        self.melding = ui.Melding()
        self.verstuur_knop.on_click(lambda _b: self.verstuur())
        self.annuleer_knop.on_click(lambda _b: self.stop_bewerken())
        self.invoer.observe(lambda _c: self._verberg_opgeslagen(), names="value")
        #: A step that works on earlier entries (clustering, voting) has nothing to write.
        self.schrijft = not onderdeel.neemt_over

        self.eigen_kop = ui.html_widget("<h3>Jouw bijdragen</h3>", "wp-kop")
        self.eigen = ui.EigenLijst(self.trek_in, self.bewerk, leeg="", als_tekst=True)

        self.stemmen = StemBlok(sessie, onderdeel, gelukt=None)
        self.stem_vak, self.stippen_over = self.stemmen.widget, self.stemmen.over
        self.stem_melding, self.stemlijst = self.stemmen.melding, self.stemmen.lijst
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
        ui.zet_layout(self.schrijf_vak, display=None if self.schrijft else "none")
        self.widget = ui.vak(
            [self.wacht_op_stemmen, self.stem_vak, self.schrijf_vak, self.eigen_kop, self.eigen.widget],
            "wp-paneel",
            "wp-tekst",
        )
        self.toon()

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
        ui.zet_layout(self.annuleer_knop, display="none")
        self.melding.ok("Opgeslagen")
        self.toon()
        return nieuw

    def bewerk(self, bijdrage_id: int) -> None:
        bijdrage = self.store.haal("bijdrage", bijdrage_id)
        self.bewerk_id = bijdrage_id
        self.invoer.value = bijdrage.tekst
        if bijdrage.kolom in self.onderdeel.kolommen:
            self.kolom.value = bijdrage.kolom
        self.verstuur_knop.description = "Wijziging opslaan"
        ui.zet_layout(self.annuleer_knop, display=None)
        self.melding.wis()

    def stop_bewerken(self) -> None:
        self.bewerk_id = None
        self.invoer.value = ""
        self.verstuur_knop.description = "Versturen"
        ui.zet_layout(self.annuleer_knop, display="none")

    def trek_in(self, bijdrage_id: int) -> None:
        self.melding.vang(
            lambda: self.store.trek_in(self.deelnemer_id, "bijdrage", bijdrage_id), "Ingetrokken."
        )
        if self.bewerk_id == bijdrage_id:
            self.stop_bewerken()
        self.toon()

    def _verberg_opgeslagen(self) -> None:
        if self.melding.soort == "ok":
            self.melding.wis()

    # the paneel contract -------------------------------------------------------------------

    def raakt(self, wijzigingen: Wijzigingen) -> bool:
        """Whether a change alters this phone's view. Every phone runs this on every change in
        the room, so it decides without reading the store: a change of the onderdeel, own
        entries and dots (also from another tab of the same participant), the facilitator's
        work on own entries, and any entry while the vote is open (the list to vote on).
        Others' dots and joins never do."""
        soorten = wijzigingen.soorten
        if soorten & self.HERLEES or "stap" in soorten:
            return True
        if self.deelnemer_id in wijzigingen.door and soorten & {"bijdrage", "stem"}:
            return True
        if "bijdrage" not in soorten:
            return False
        stemmen = self.onderdeel.stemmen_open and self.onderdeel.stippen > 0
        return stemmen or bool(wijzigingen.ids["bijdrage"] & self._eigen_ids)

    # drawing -------------------------------------------------------------------------------

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        o = self.onderdeel
        eigen = [
            b
            for b in self.store.items(
                "bijdrage", self.sessie.bijeenkomst_id, onderdeel_id=o.id, deelnemer_id=self.deelnemer_id
            )
            if not b.ingetrokken
        ]
        self._eigen_ids = frozenset(b.id for b in eigen)  # type: ignore[misc]
        self.eigen.zet(
            [
                (
                    b.id,
                    (f"{b.kolom}: " if b.kolom else "")
                    + b.tekst
                    + ("" if b.op_de_wand else " (verborgen door de procesbegeleider)"),
                    b.tekst,
                )
                for b in eigen
            ]
        )
        ui.zet_layout(self.eigen_kop, display=None if eigen else "none")

        stemmen = self.stemmen.open_op(o)
        doelen = [(b.id, b.tekst) for b in bijdragen_van(self.sessie, o)] if stemmen else []
        self.stemmen.toon(o, "bijdrage", doelen, ook_leeg=True)
        ui.zet_layout(self.wacht_op_stemmen, display=None if not (stemmen or self.schrijft) else "none")


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = TekstInvoer
