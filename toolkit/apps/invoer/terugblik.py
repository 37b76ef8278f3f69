"""Phone input of the follow-up werkvormen: terugblik op acties, afspraken-check, monitoring.

One card per thing to score (an open actie, an afspraak in force, a monitoring question):
a choice saved the moment it is tapped (``Antwoord``; one per participant and onderwerp,
so tapping again changes it) and an optional remark (a ``Bijdrage`` whose kolom is the
onderwerp). What is on the list is decided in :func:`toolkit.analysis.traject.te_bespreken`.
"""

from __future__ import annotations

import ipywidgets as w

from toolkit import model
from toolkit.analysis.traject import te_bespreken
from toolkit.apps import ui
from toolkit.apps.basis import Paneel, Sessie
from toolkit.apps.invoer.kit import CIJFERS, Antwoorden
from toolkit.fouten import OpslagBezet, TeSnel
from toolkit.model import Wijzigingen

LEGENDA = {
    "terugblik": "Kies per actie: gedaan, bezig, niet gelukt of weet ik niet. Je keuze wordt meteen opgeslagen.",
    "afspraakcheck": (
        "Score per afspraak: 1 = we houden ons er niet aan, 5 = het is routine. "
        "Je keuze wordt meteen opgeslagen; schrijf erbij waar je tegenaan loopt."
    ),
    "monitoring": "Score per vraag: 1 = slecht, 5 = goed. Je keuze wordt meteen opgeslagen.",
}
LEEG = {
    "terugblik": "Er staan geen open acties uit eerdere bijeenkomsten.",
    "afspraakcheck": "Er zijn nog geen afspraken om te toetsen.",
    "monitoring": "De procesbegeleider heeft nog geen vragen klaargezet.",
}
OPMERKING_VRAAG = {
    "terugblik": "Toelichting (mag leeg)",
    "afspraakcheck": "Waar lopen we tegenaan?",
    "monitoring": "Toelichting (mag leeg)",
}


def _opties(invoer: str) -> list[tuple[str, int]]:
    if invoer == "terugblik":
        return [(m, i) for i, m in enumerate(model.MELDINGEN, start=1)]
    return CIJFERS


class Kaart:
    """One onderwerp: title, the choice, a remark box and their saved state."""

    def __init__(self, invoer: str, onderwerp: str, titel: str, detail: str) -> None:
        self.onderwerp = onderwerp
        self.keuze = ui.Keuze(_opties(invoer), naam=titel, _dom_classes=("wp-input", "wp-traject-keuze"))
        self.status = ui.Melding("wp-status")
        self.opmerking = w.Textarea(
            placeholder=OPMERKING_VRAAG[invoer],
            layout=w.Layout(width="100%", height="3.5em"),
            _dom_classes=("wp-input", "wp-traject-opmerking"),
        )
        self.bewaar = ui.knop("Toelichting opslaan", "wp-submit", "wp-traject-opmerking-opslaan")
        self.melding = ui.Melding()
        self.opmerking_id: int | None = None
        kop = ui.html_widget(
            f"<p class='wp-traject-titel'><b>{ui.veilig(titel)}</b>"
            + (f"<br><small>{ui.veilig(detail)}</small>" if detail else "")
            + "</p>"
        )
        self.widget = ui.vak(
            [kop, ui.vak([self.keuze, self.status.widget], rij=True), self.opmerking, self.bewaar, self.melding.widget],
            "wp-traject-kaart",
        )
        ui.zet_layout(self.widget, margin="0 0 1.2em 0")


class TrajectInvoer(Paneel):
    RELEVANT = frozenset({"antwoord", "bijdrage"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        super().__init__(sessie, onderdeel)
        #: Scores refused for going too fast wait and are saved on the next change in the room.
        self.antwoorden = Antwoorden(self, self._opgeslagen, wacht_op=(OpslagBezet, TeSnel))
        self.wachtend = self.antwoorden.wachtend
        self.kaarten: dict[str, Kaart] = {}
        for onderwerp, titel, detail in te_bespreken(sessie.store, onderdeel):
            kaart = Kaart(onderdeel.invoer, onderwerp, titel, detail)
            self.antwoorden.koppel(onderwerp, kaart.keuze, kaart.status)
            kaart.bewaar.on_click(lambda _b, o=onderwerp: self._bewaar_opmerking(o))
            self.kaarten[onderwerp] = kaart
        kinderen: list[w.Widget] = [ui.html_widget(f"<p class='wp-legenda'>{ui.veilig(LEGENDA[onderdeel.invoer])}</p>")]
        kinderen += [k.widget for k in self.kaarten.values()]
        if not self.kaarten:
            kinderen.append(ui.html_widget(f"<p class='wp-leeg'>{ui.veilig(LEEG[onderdeel.invoer])}</p>"))
        self.widget = ui.vak(kinderen, "wp-traject-invoer")
        self._volg_eigen()

    def _volg_eigen(self) -> None:
        """Show what this participant saved before (a reload, the personal link, another tab)."""
        self.antwoorden.volg_eigen()
        opmerkingen = {b.kolom: b for b in self.eigen_items("bijdrage") if not b.ingetrokken}
        for onderwerp, kaart in self.kaarten.items():
            eigen = opmerkingen.get(onderwerp)
            if eigen is not None and kaart.opmerking_id is None:
                kaart.opmerking_id = eigen.id
                ui.zet_waarde(kaart.opmerking, "value", eigen.tekst)

    def _opgeslagen(self, waarde: int) -> str:
        tekst = model.melding_van(waarde) if self.onderdeel.invoer == "terugblik" else str(waarde)
        return f"Opgeslagen: {tekst}"

    def _bewaar_opmerking(self, onderwerp: str) -> None:
        kaart = self.kaarten[onderwerp]
        deelnemer = self.sessie.deelnemer
        if deelnemer is None:
            return
        store = self.sessie.store

        def opslaan() -> None:
            if kaart.opmerking_id is not None:
                oud = store.haal("bijdrage", kaart.opmerking_id)
                store.wijzig(deelnemer.id, model.Bijdrage(  # type: ignore[arg-type]
                    tekst=kaart.opmerking.value, kolom=onderwerp[: model.MAX_KORT],
                    onderdeel_id=self.onderdeel.id, id=oud.id,
                ))
            else:
                nieuw = store.voeg_toe(deelnemer.id, model.Bijdrage(  # type: ignore[arg-type]
                    tekst=kaart.opmerking.value, kolom=onderwerp[: model.MAX_KORT], onderdeel_id=self.onderdeel.id
                ))
                kaart.opmerking_id = nieuw.id

        kaart.melding.vang(opslaan, "Opgeslagen.")

    def ververs(self, wijzigingen: Wijzigingen) -> None:
        if self.wachtend:
            self.antwoorden.bewaar_wachtend()
        super().ververs(wijzigingen)

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        self._volg_eigen()


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = TrajectInvoer
