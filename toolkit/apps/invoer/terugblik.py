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
from toolkit.apps.basis import Sessie
from toolkit.fouten import OpslagBezet, TeSnel, WerkplaatsFout
from toolkit.store import Wijzigingen

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
    return [(str(i), i) for i in range(1, 6)]


class Kaart:
    """One onderwerp: title, the choice, a remark box and their saved state."""

    def __init__(self, invoer: str, onderwerp: str, titel: str, detail: str) -> None:
        self.onderwerp = onderwerp
        self.keuze = ui.Keuze(_opties(invoer), naam=titel)
        self.keuze.add_class("wp-input")
        self.keuze.add_class("wp-traject-keuze")
        self.status = ui.Melding("wp-status")
        self.opmerking = w.Textarea(placeholder=OPMERKING_VRAAG[invoer], layout=w.Layout(width="100%", height="3.5em"))
        self.opmerking.add_class("wp-input")
        self.opmerking.add_class("wp-traject-opmerking")
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
        self.widget.layout.margin = "0 0 1.2em 0"


class TrajectInvoer:
    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        self.sessie = sessie
        self.onderdeel = onderdeel
        self._volgt = False
        #: Scores refused for going too fast; saved again on the next change in the room.
        self.wachtend: dict[str, int] = {}
        self.kaarten: dict[str, Kaart] = {}
        for onderwerp, titel, detail in te_bespreken(sessie.store, onderdeel):
            kaart = Kaart(onderdeel.invoer, onderwerp, titel, detail)
            kaart.keuze.observe(lambda c, o=onderwerp: self._kies(o, c["new"]), names="value")
            kaart.bewaar.on_click(lambda _b, o=onderwerp: self._bewaar_opmerking(o))
            self.kaarten[onderwerp] = kaart
        kinderen: list[w.Widget] = [ui.html_widget(f"<p class='wp-legenda'>{ui.veilig(LEGENDA[onderdeel.invoer])}</p>")]
        kinderen += [k.widget for k in self.kaarten.values()]
        if not self.kaarten:
            kinderen.append(ui.html_widget(f"<p class='wp-leeg'>{ui.veilig(LEEG[onderdeel.invoer])}</p>"))
        self.widget = ui.vak(kinderen, "wp-traject-invoer")
        self._volg_eigen()

    def _eigen(self) -> tuple[dict[str, int], dict[str, model.Bijdrage]]:
        d = self.sessie.deelnemer
        if d is None:
            return {}, {}
        store, bid = self.sessie.store, self.sessie.bijeenkomst_id
        antwoorden = {
            a.onderwerp: a.waarde for a in store.items("antwoord", bid, onderdeel_id=self.onderdeel.id, deelnemer_id=d.id)
        }
        opmerkingen = {
            b.kolom: b
            for b in store.items("bijdrage", bid, onderdeel_id=self.onderdeel.id, deelnemer_id=d.id)
            if not b.ingetrokken
        }
        return antwoorden, opmerkingen

    def _volg_eigen(self) -> None:
        """Show what this participant saved before (a reload, the personal link, another tab)."""
        antwoorden, opmerkingen = self._eigen()
        self._volgt = True
        try:
            for onderwerp, kaart in self.kaarten.items():
                if onderwerp in antwoorden and onderwerp not in self.wachtend:
                    ui.zet_waarde(kaart.keuze, "value", antwoorden[onderwerp])
                    kaart.status.ok(self._opgeslagen(antwoorden[onderwerp]))
                eigen = opmerkingen.get(onderwerp)
                if eigen is not None and kaart.opmerking_id is None:
                    kaart.opmerking_id = eigen.id
                    ui.zet_waarde(kaart.opmerking, "value", eigen.tekst)
        finally:
            self._volgt = False

    def _opgeslagen(self, waarde: int) -> str:
        tekst = model.melding_van(waarde) if self.onderdeel.invoer == "terugblik" else str(waarde)
        return f"Opgeslagen: {tekst}"

    def _kies(self, onderwerp: str, waarde: int | None) -> None:
        if waarde is None or self.sessie.deelnemer is None or self._volgt:
            return
        self.wachtend[onderwerp] = waarde
        self._bewaar_wachtend()

    def _bewaar_wachtend(self) -> None:
        for onderwerp, waarde in list(self.wachtend.items()):
            kaart = self.kaarten[onderwerp]
            try:
                antwoord = model.Antwoord(onderwerp=onderwerp, waarde=waarde, onderdeel_id=self.onderdeel.id)
                self.sessie.store.voeg_toe(self.sessie.deelnemer.id, antwoord)  # type: ignore[union-attr,arg-type]
            except (OpslagBezet, TeSnel):
                kaart.status.info("Nog niet opgeslagen. We proberen het zo nog een keer.")
                continue
            except WerkplaatsFout as fout:
                del self.wachtend[onderwerp]
                kaart.status.fout(str(fout))
                continue
            del self.wachtend[onderwerp]
            kaart.status.ok(self._opgeslagen(waarde))

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
            self._bewaar_wachtend()
        if wijzigingen.soorten & {"antwoord", "bijdrage"}:
            self._volg_eigen()

    def sluit(self) -> None:
        self.widget.close()


def maak(sessie: Sessie, onderdeel: model.Onderdeel) -> TrajectInvoer:
    return TrajectInvoer(sessie, onderdeel)
