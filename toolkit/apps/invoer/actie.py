"""Phone view of the actielijst or the afspraken: the current list read-only, plus a proposal.

In the standard method (seeds 003, 004) the facilitator writes actions with the room; a
participant proposes one as a ``Bijdrage`` in kolom :data:`VOORSTEL`, which the facilitator
can promote to an actie in the regiekamer.
"""

from __future__ import annotations

import html

import ipywidgets as w

from toolkit import model
from toolkit.apps.basis import Sessie
from toolkit.fouten import WerkplaatsFout
from toolkit.store import Store, Wijzigingen

#: The kolom of a participant's proposal.
VOORSTEL = "voorstel"


def _tekst(waarde: object) -> str:
    if waarde is None or waarde == "":
        return ""
    return model.datum_nl(waarde) if hasattr(waarde, "isoformat") else str(waarde)  # type: ignore[arg-type]


def _cel(waarde: object) -> str:
    return f"<td>{html.escape(_tekst(waarde) or '–')}</td>"


def _kaart(titel: str, *details: object) -> str:
    """One entry as a card for a phone: the text bold, the details on one small line."""
    regel = " · ".join(html.escape(_tekst(d)) for d in details if _tekst(d))
    return (
        "<li class='wp-wall-item' style='margin:0 0 0.5em;list-style:none;border-bottom:1px solid #c4c9d0;"
        f"padding:0 0 0.4em'><b>{html.escape(titel)}</b><br><small>{regel}</small></li>"
    )


def actielijst_html(acties: list[model.Actie], *, kaarten: bool = False) -> str:
    """The actions as an escaped table (wat, wie, wanneer, thema, status), or as cards for a phone."""
    if not acties:
        return "<p class='wp-leeg'>Nog geen acties.</p>"
    acties = sorted(acties, key=lambda a: (a.wanneer, a.id or 0))
    if kaarten:
        items = "".join(_kaart(a.wat, a.wie, a.wanneer, a.thema, a.status) for a in acties)
        return f"<ul class='wp-actielijst' style='padding:0;margin:0'>{items}</ul>"
    kop = "".join(f"<th>{k}</th>" for k in ("Wat", "Wie", "Wanneer", "Thema", "Status"))
    rijen = "".join(
        f"<tr class='wp-wall-item'>{_cel(a.wat)}{_cel(a.wie)}{_cel(a.wanneer)}{_cel(a.thema)}{_cel(a.status)}</tr>"
        for a in acties
    )
    return (
        f"<table class='wp-tabel wp-actielijst'><thead><tr>{kop}</tr></thead><tbody>{rijen}</tbody></table>"
    )


def afspraken_html(afspraken: list[model.Afspraak], *, kaarten: bool = False) -> str:
    """The agreements as an escaped table (afspraak, wie, evaluatiemoment), or as cards for a phone."""
    if not afspraken:
        return "<p class='wp-leeg'>Nog geen afspraken.</p>"
    if kaarten:
        items = "".join(
            _kaart(a.tekst, a.wie, f"evaluatie {_tekst(a.evaluatiemoment)}" if a.evaluatiemoment else "")
            for a in afspraken
        )
        return f"<ul class='wp-afspraken' style='padding:0;margin:0'>{items}</ul>"
    kop = "".join(f"<th>{k}</th>" for k in ("Afspraak", "Wie", "Evaluatiemoment"))
    rijen = "".join(
        f"<tr class='wp-wall-item'>{_cel(a.tekst)}{_cel(a.wie)}{_cel(a.evaluatiemoment)}</tr>"
        for a in afspraken
    )
    return f"<table class='wp-tabel wp-afspraken'><thead><tr>{kop}</tr></thead><tbody>{rijen}</tbody></table>"


def lijst_html(store: Store, bijeenkomst_id: int, invoer: str, *, kaarten: bool = False) -> str:
    """What the room agreed so far, for ``invoer`` 'actie' or 'afspraak'."""
    if invoer == "afspraak":
        return afspraken_html(store.items("afspraak", bijeenkomst_id), kaarten=kaarten)
    return actielijst_html(store.items("actie", bijeenkomst_id), kaarten=kaarten)


def voorstel_tekst(wat: str, wie: str = "", wanneer: object = None) -> str:
    """One line the facilitator reads: 'wat (wie: ..., wanneer: ...)'."""
    extra = [f"wie: {wie.strip()}"] if wie and wie.strip() else []
    if wanneer:
        extra.append(f"wanneer: {model.datum_nl(wanneer) if hasattr(wanneer, 'isoformat') else wanneer}")
    return f"{wat.strip()} ({', '.join(extra)})" if extra else wat.strip()


class ActieInvoer:
    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel) -> None:
        self.sessie = sessie
        self.onderdeel = onderdeel
        self.afspraak = onderdeel.invoer == "afspraak"
        self.lijst = w.HTML()
        self.lijst.add_class("wp-lijst")
        breed = w.Layout(width="100%")
        self.wat = w.Textarea(
            placeholder="Welke afspraak stel je voor?" if self.afspraak else "Wat moet er gebeuren?",
            layout=w.Layout(width="100%", height="4.5em"),
        )
        self.wie = w.Text(description="Wie", placeholder="functie of organisatie", layout=breed)
        self.wanneer = w.DatePicker(description="Evaluatie" if self.afspraak else "Wanneer", layout=breed)
        self.thema = w.Dropdown(
            options=[("(geen thema)", ""), *[(t, t) for t in model.THEMAS]], description="Thema", layout=breed
        )
        self.wat.add_class("wp-voorstel-wat")
        for veld in (self.wat, self.wie, self.wanneer, self.thema):
            veld.add_class("wp-input")
            veld.style = {"description_width": "5em"}
        self.knop = w.Button(description="Voorstel insturen", button_style="primary", icon="paper-plane")
        self.knop.add_class("wp-submit")
        self.knop.on_click(lambda _b: self.verstuur())
        self.melding = w.HTML()
        self.eigen = w.VBox()
        self.eigen.add_class("wp-own-list")
        velden = [self.wat, self.wie, self.wanneer] + ([] if self.afspraak else [self.thema])
        self.widget = w.VBox(
            [
                w.HTML(f"<h4>{'Afspraken' if self.afspraak else 'Actielijst'} tot nu toe</h4>"),
                self.lijst,
                w.HTML("<h4>Doe een voorstel</h4>"),
                *velden,
                self.knop,
                self.melding,
                w.HTML("<h4>Jouw voorstellen</h4>"),
                self.eigen,
            ],
            layout=w.Layout(max_width="100%"),
        )
        self._toon_lijst()
        self._toon_eigen()

    def verstuur(self) -> None:
        deelnemer = self.sessie.deelnemer
        if deelnemer is None:
            return
        try:
            wat = model.tekst("wat", self.wat.value)
            voorstel = model.Bijdrage(
                tekst=voorstel_tekst(wat, self.wie.value, self.wanneer.value),
                kolom=VOORSTEL,
                thema=self.thema.value if not self.afspraak else "",
                onderdeel_id=self.onderdeel.id,
            )
            self.sessie.store.voeg_toe(deelnemer.id, voorstel)  # type: ignore[arg-type]
        except WerkplaatsFout as fout:
            self.melding.value = f"<span class='wp-error'>{html.escape(str(fout))}</span>"
            return
        self.wat.value = ""
        self.wie.value = ""
        self.wanneer.value = None
        self.melding.value = "<span class='wp-saved'>Opgeslagen; de procesbegeleider neemt het mee.</span>"
        self._toon_eigen()

    def trek_in(self, bijdrage_id: int) -> None:
        try:
            self.sessie.store.trek_in(self.sessie.deelnemer.id, "bijdrage", bijdrage_id)  # type: ignore[union-attr]
        except WerkplaatsFout as fout:
            self.melding.value = f"<span class='wp-error'>{html.escape(str(fout))}</span>"
            return
        self._toon_eigen()

    def _toon_lijst(self) -> None:
        self.lijst.value = lijst_html(
            self.sessie.store, self.sessie.bijeenkomst_id, self.onderdeel.invoer, kaarten=True
        )

    def _toon_eigen(self) -> None:
        if self.sessie.deelnemer is None:
            return
        rijen = []
        for b in self.sessie.store.items(
            "bijdrage",
            self.sessie.bijeenkomst_id,
            onderdeel_id=self.onderdeel.id,
            deelnemer_id=self.sessie.deelnemer.id,
            alleen_zichtbaar=True,
        ):
            weg = w.Button(description="Intrekken", layout=w.Layout(width="auto"))
            weg.add_class("wp-withdraw-button")
            weg.on_click(lambda _b, i=b.id: self.trek_in(i))
            rij = w.HBox([w.HTML(html.escape(b.tekst), layout=w.Layout(flex="1 1 auto")), weg])
            rij.add_class("wp-own-item")
            rijen.append(rij)
        self.eigen.children = rijen or [w.HTML("<i>Nog geen voorstellen.</i>")]

    def ververs(self, wijzigingen: Wijzigingen) -> None:
        if wijzigingen.soorten & {"actie", "afspraak"}:
            self._toon_lijst()
        if "bijdrage" in wijzigingen.soorten:
            self._toon_eigen()

    def sluit(self) -> None:
        self.widget.close()


def maak(sessie: Sessie, onderdeel: model.Onderdeel) -> ActieInvoer:
    return ActieInvoer(sessie, onderdeel)
