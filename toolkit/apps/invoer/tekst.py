"""The tekst werkvorm on the phone: write, edit and withdraw bijdragen, put dots.

Light imports only (this runs in every participant kernel). The widgets never decide
what is valid: they build a :class:`toolkit.model.Bijdrage` (which checks the text) and
call the store (which checks the onderdeel, the rate limit and the dot budget), and show
the Dutch message when either refuses; the typed text stays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from toolkit import model
from toolkit.apps import ui
from toolkit.apps.basis import Paneel
from toolkit.apps.gedeeld import bijdragen_van
from toolkit.apps.invoer.kit import StemBlok
from toolkit.fouten import WerkplaatsFout
from toolkit.model import Wekwens

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
        #: The parts made so far. A phone makes what shows when it joins (the field and its
        #: button); the vote list, its own entries and the rest follow when needed or in a
        #: quiet moment (:meth:`vul_aan`): each widget is a message through the one server,
        #: and sixty phones join at once (issue 15).
        self._gemaakt: dict[str, Any] = {}

        self.invoer = w.Textarea(
            description="Jouw bijdrage",
            placeholder="Eén gedachte per bijdrage",
            rows=3,
            layout=ui.gedeelde_layout(width="100%"),
            style=ui.gedeelde_stijl(w.Text),
            _dom_classes=("wp-input",),
        )
        self.verstuur_knop = ui.knop("Versturen", "wp-submit", stijl="primary")
        self.melding = ui.Melding()
        self.verstuur_knop.on_click(lambda _b: self.verstuur())
        self.invoer.observe(lambda _c: self._verberg_opgeslagen(), names="value")
        #: A step that works on earlier entries (clustering, voting) has nothing to write.
        self.schrijft = not onderdeel.neemt_over

        self.knoppen = ui.vak([self.verstuur_knop], "wp-knoppen", rij=True)
        if onderdeel.kolommen:  # made now: the writer chooses one with every entry
            self._gemaakt["kolom"] = self._maak_kolom()
        self.schrijf_vak = ui.vak(self._schrijf_delen(), "wp-schrijven")
        ui.zet_layout(self.schrijf_vak, display=None if self.schrijft else "none")
        self.widget = ui.vak([self.schrijf_vak], "wp-paneel", "wp-tekst")
        self.toon()

    # the parts made when needed ------------------------------------------------------------

    def _deel(self, naam: str, maak: Callable[[], Any]) -> Any:
        deel = self._gemaakt.get(naam)
        if deel is None:
            deel = self._gemaakt[naam] = maak()
            self._plaats()
        return deel

    def _schrijf_delen(self) -> list[w.Widget]:
        kolom = self._gemaakt.get("kolom")
        return [x for x in (kolom, self.invoer, self.knoppen, self.melding.widget) if x is not None]

    def _plaats(self) -> None:
        g = self._gemaakt
        self.schrijf_vak.children = tuple(self._schrijf_delen())
        self.knoppen.children = tuple(x for x in (self.verstuur_knop, g.get("annuleer")) if x is not None)
        kinderen = [g.get("wacht"), g["stemmen"].widget if "stemmen" in g else None, self.schrijf_vak]
        if "eigen" in g:
            kinderen += [g["eigen_kop"], g["eigen"].widget]
        self.widget.children = tuple(x for x in kinderen if x is not None)

    @property
    def kolom(self) -> w.Dropdown:
        return self._deel("kolom", self._maak_kolom)

    def _maak_kolom(self) -> w.Dropdown:
        return w.Dropdown(
            options=[(k, k) for k in self.onderdeel.kolommen],
            description="Kolom",
            layout=ui.gedeelde_layout(width="100%"),
            style=ui.gedeelde_stijl(w.Dropdown),
            _dom_classes=("wp-kolom",),
        )

    @property
    def annuleer_knop(self) -> w.Button:
        def maak() -> w.Button:
            knop = ui.knop("Annuleer wijzigen", "wp-cancel-edit", verborgen=True)
            knop.on_click(lambda _b: self.stop_bewerken())
            return knop

        return self._deel("annuleer", maak)

    @property
    def eigen(self) -> ui.EigenLijst:
        def maak() -> ui.EigenLijst:
            self._gemaakt["eigen_kop"] = ui.html_widget(
                "<h3>Jouw bijdragen</h3>", "wp-kop", layout=ui.gedeelde_layout(display="none")
            )
            return ui.EigenLijst(self.trek_in, self.bewerk, leeg="", als_tekst=True)

        return self._deel("eigen", maak)

    @property
    def eigen_kop(self) -> w.HTML:
        self.eigen  # noqa: B018 - made together
        return self._gemaakt["eigen_kop"]

    @property
    def stemmen(self) -> StemBlok:
        return self._deel("stemmen", lambda: StemBlok(self.sessie, self.onderdeel, gelukt=None))

    @property
    def stem_vak(self) -> w.VBox:
        return self.stemmen.widget

    @property
    def stippen_over(self) -> ui.Melding:
        return self.stemmen.over

    @property
    def stem_melding(self) -> ui.Melding:
        return self.stemmen.melding

    @property
    def stemlijst(self) -> ui.Stemlijst:
        return self.stemmen.lijst

    @property
    def wacht_op_stemmen(self) -> w.HTML:
        return self._deel(
            "wacht",
            lambda: ui.html_widget(
                "<p>Het stemmen is nog niet begonnen. Wacht even. Hier zie je straks de punten "
                "waar je stippen op kunt zetten.</p>",
                "wp-wacht-stemmen",
                layout=ui.gedeelde_layout(display="none"),
            ),
        )

    def vul_aan(self) -> None:
        """Make, hidden, what this onderdeel will need: its vote list (when it has dots) and
        the list of own entries, so neither is built at the moment the whole room needs it."""
        if self.onderdeel.stippen > 0:
            self.stemmen  # noqa: B018
        if self.schrijft:
            self.eigen  # noqa: B018

    # actions -------------------------------------------------------------------------------

    def verstuur(self) -> model.Bijdrage | None:
        """Save the typed text (new, or the one being edited); 'Opgeslagen' after the commit."""
        self._verberg_opgeslagen()
        kolom = self.kolom.value or "" if self.onderdeel.kolommen and "kolom" in self._gemaakt else ""
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
        self._verberg_annuleer()
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
        self._verberg_annuleer()

    def _verberg_annuleer(self) -> None:
        if "annuleer" in self._gemaakt:
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

    def wekwens(self) -> Wekwens:
        """Every phone hears of every change in the room, so this decides without reading the
        store: a change of the onderdeel, own entries and dots (also from another tab of the
        same participant), the facilitator's work on own entries, and any entry while the
        vote is open (the list to vote on). Others' dots and joins never matter here."""
        wens = Wekwens.op(self.HERLEES | {"stap"}) | Wekwens.op({"bijdrage", "stem"}, door=self.deelnemer_id)
        if self.onderdeel.stemmen_open and self.onderdeel.stippen > 0:
            return wens | Wekwens.op({"bijdrage"})
        return wens | Wekwens.op({"bijdrage"}, ids=self._eigen_ids)

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
        if eigen or "eigen" in self._gemaakt:
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

        stemmen = StemBlok.open_op(o)
        if stemmen or "stemmen" in self._gemaakt:
            doelen = [(b.id, b.tekst) for b in bijdragen_van(self.sessie, o)] if stemmen else []
            self.stemmen.toon(o, "bijdrage", doelen, ook_leeg=True)
        wachten = not (stemmen or self.schrijft)
        if wachten or "wacht" in self._gemaakt:
            ui.zet_layout(self.wacht_op_stemmen, display=None if wachten else "none")


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = TekstInvoer
