"""Wand and regiekamer of the follow-up werkvormen: terugblik, afspraken-check, monitoring.

The wand tallies per actie what the room said (gedaan / bezig / niet gelukt / weet ik
niet), shows the mean score per afspraak, and per monitoring question the score now beside
the earlier meetings of the traject. The regiekamer adds, per actie, the status the
facilitator records for this meeting, a new date to carry it on, and a remark.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import ipywidgets as w

from toolkit import model
from toolkit.analysis.traject import (
    gemiddelden,
    meldingen_per_onderwerp,
    monitoring_verloop,
    opmerkingen,
    overzicht_uit_store,
    te_bespreken,
)
from toolkit.apps import ui
from toolkit.apps.basis import Paneel, Sessie
from toolkit.apps.weergave.vak import werkvorm_vak
from toolkit.model import Wijzigingen
from toolkit.store import traject as st

KLEUR = {"gedaan": "#1a7f37", "bezig": "#9a6700", "niet gelukt": "#b42318", "weet ik niet": "#57606a"}
STATUS_LABELS = {
    "open": "open",
    "bezig": "bezig",
    "gedaan": "gedaan",
    "niet gelukt": "niet gelukt",
    "vervallen": "gesloten (vervallen)",
}


def _balk(gemiddelde: float | None, breedte: int = 160) -> str:
    if gemiddelde is None:
        return "<span class='wp-leeg'>–</span>"
    px = round(breedte * (gemiddelde - 1) / 4) if gemiddelde >= 1 else 0
    return (
        f"<span style='display:inline-block;width:{breedte}px;background:#e6e8eb;height:0.8em;vertical-align:middle'>"
        f"<span style='display:block;width:{px}px;height:100%;background:#1f6feb'></span></span> "
        f"<b>{gemiddelde:.1f}</b>"
    )


def _verschil(nu: float | None, toen: float | None) -> str:
    if nu is None or toen is None:
        return ""
    d = nu - toen
    if abs(d) < 0.05:
        return "<span class='wp-gelijk'>= gelijk</span>"
    pijl, kleur = ("▲", "#1a7f37") if d > 0 else ("▼", "#b42318")
    return f"<span style='color:{kleur}'>{pijl} {d:+.1f}</span>"


def terugblik_html(rijen: list[tuple[str, str, str]], tellingen: dict, statussen: dict[str, str],
                   toelichting: dict[str, list[str]]) -> str:
    """The actions with the room's tally and the recorded status; all text escaped."""
    if not rijen:
        return "<p class='wp-leeg'>Er staan geen open acties uit eerdere bijeenkomsten.</p>"
    kop = "".join(f"<th>{ui.veilig(k)}</th>" for k in ("Actie", *model.MELDINGEN, "Status"))
    regels = []
    for onderwerp, titel, detail in rijen:
        telling = tellingen.get(onderwerp, {})
        cellen = "".join(
            f"<td style='text-align:center;color:{KLEUR[m]}'><b>{telling.get(m, 0) or ''}</b></td>" for m in model.MELDINGEN
        )
        extra = "".join(f"<li>{ui.veilig(t)}</li>" for t in toelichting.get(onderwerp, []))
        regels.append(
            f"<tr class='wp-wall-item'><td><b>{ui.veilig(titel)}</b><br><small>{ui.veilig(detail)}</small>"
            + (f"<ul class='wp-toelichting'>{extra}</ul>" if extra else "")
            + f"</td>{cellen}<td>{ui.veilig(STATUS_LABELS.get(statussen.get(onderwerp, ''), ''))}</td></tr>"
        )
    return f"<table class='wp-tabel wp-terugblik'><thead><tr>{kop}</tr></thead><tbody>{''.join(regels)}</tbody></table>"


def scores_html(rijen: list[tuple[str, str, str]], scores: dict[str, tuple[float, int]],
                toelichting: dict[str, list[str]], eerder: dict[str, list[tuple[str, float | None]]] | None = None) -> str:
    """Mean score per afspraak or question; with ``eerder`` also the earlier meetings."""
    if not rijen:
        return "<p class='wp-leeg'>Nog niets om te scoren.</p>"
    namen = [naam for naam, _ in next(iter(eerder.values()), [])] if eerder else []
    kop = "".join(f"<th>{ui.veilig(k)}</th>" for k in ("", *namen, "Nu", "Aantal"))
    regels = []
    for onderwerp, titel, _detail in rijen:
        gem, n = scores.get(onderwerp, (None, 0))
        vorige = [g for _naam, g in (eerder or {}).get(onderwerp, [])]
        toen = next((g for g in reversed(vorige) if g is not None), None)
        extra = "".join(f"<li>{ui.veilig(t)}</li>" for t in toelichting.get(onderwerp, []))
        eerdere_cellen = "".join(f"<td>{'–' if g is None else f'{g:.1f}'}</td>" for g in vorige)
        regels.append(
            f"<tr class='wp-wall-item'><td><b>{ui.veilig(titel)}</b>"
            + (f"<ul class='wp-toelichting'>{extra}</ul>" if extra else "")
            + f"</td>{eerdere_cellen}<td>{_balk(gem)} {_verschil(gem, toen)}</td><td>{n}</td></tr>"
        )
    return f"<table class='wp-tabel wp-scores'><thead><tr>{kop}</tr></thead><tbody>{''.join(regels)}</tbody></table>"


class TrajectWeergave(Paneel):
    HERLEES = frozenset({"onderdeel"})
    RELEVANT = frozenset({"actie", "onderdeel", "afspraak", "voortgang", "antwoord", "traject", "bijdrage"})

    def __init__(self, sessie: Sessie, onderdeel: model.Onderdeel, *, regie: bool = False) -> None:
        super().__init__(sessie, onderdeel)
        self.regie = regie
        self.tabel = ui.html_widget("", "wp-traject-tabel")
        self.voortgang = ui.html_widget()
        self.knoppen = ui.vak([], "wp-traject-regie")
        kinderen: list[w.Widget] = [self.tabel]
        if regie:
            kinderen += [self.voortgang, self.knoppen]
        self.widget = werkvorm_vak(kinderen, f"wp-{onderdeel.invoer}")
        self.rijen = ui.Rijen(self.knoppen, self._maak_rij)
        self.toon()

    # the view ---------------------------------------------------------------------------

    def toon(self, wijzigingen: Wijzigingen | None = None) -> None:
        store, o = self.sessie.store, self.onderdeel
        rijen = te_bespreken(store, o)
        self._rijen = {onderwerp: (titel, detail) for onderwerp, titel, detail in rijen}
        antwoorden = store.items("antwoord", self.sessie.bijeenkomst_id, onderdeel_id=o.id)
        bijdragen = store.items("bijdrage", self.sessie.bijeenkomst_id, onderdeel_id=o.id, alleen_zichtbaar=True)
        mensen = len({a.deelnemer_id for a in antwoorden})
        if self.regie:
            regel = f"{mensen} deelnemers gaven antwoord."
            open_tot = store.vragenlijst_tot(self.sessie.bijeenkomst_id)
            if open_tot is not None:  # a questionnaire: who answered, by domein
                respons = st.vragenlijst_respons(store, self.sessie.bijeenkomst_id)
                per_domein = ", ".join(f"{model.DOMEIN_LABELS[d]} {n}" for d, n in respons.items() if n)
                regel = (
                    f"Vragenlijst open tot en met {model.datum_nl(open_tot)}. Ingevuld door "
                    f"{sum(respons.values())} deelnemers" + (f": {per_domein}." if per_domein else ".")
                )
            self.voortgang.value = f"<p class='wp-respons'>{ui.veilig(regel)}</p>"
        if o.schrijven_prive and not self.regie:
            self.tabel.value = f"<p class='wp-wall-count'>{mensen} deelnemers gaven antwoord; de uitslag volgt.</p>"
        elif o.invoer == "terugblik":
            self.tabel.value = terugblik_html(
                rijen, meldingen_per_onderwerp(antwoorden), self._statussen(), opmerkingen(bijdragen)
            )
        elif o.invoer == "monitoring":
            eerder: dict[str, list[tuple[str, float | None]]] = {}
            for vraag, reeks in monitoring_verloop(store, self.sessie.bijeenkomst_id):
                eerder[vraag] = [
                    (model.datum_nl(b.datum) if b.datum else b.titel, g)
                    for b, g, _n in reeks
                    if b.id != self.sessie.bijeenkomst_id
                ]
            self.tabel.value = scores_html(rijen, gemiddelden(antwoorden), opmerkingen(bijdragen), eerder)
        else:
            self.tabel.value = scores_html(rijen, gemiddelden(antwoorden), opmerkingen(bijdragen))
        if self.regie and o.invoer == "terugblik":
            self.rijen.zet(list(self._rijen), lambda rij, sleutel: rij.bij(self._statussen().get(sleutel, "open")))

    def _statussen(self) -> dict[str, str]:
        ov = overzicht_uit_store(self.sessie.store, self.sessie.bijeenkomst_id)
        index = ov.index(self.sessie.bijeenkomst_id)
        return {model.onderwerp_van("actie", a.id): a.status_bij(index) or a.status for a in ov.acties}

    # the facilitator's controls ------------------------------------------------------------

    def _maak_rij(self, onderwerp: str) -> ActieStatusRij:
        return ActieStatusRij(self, onderwerp)


class ActieStatusRij:
    """Regiekamer row: the status of one actie at this meeting, a new date, a remark."""

    def __init__(self, weergave: TrajectWeergave, onderwerp: str) -> None:
        self.weergave = weergave
        self.item_id = model.lees_onderwerp_van(onderwerp)[1]  # type: ignore[index]
        titel = weergave._rijen.get(onderwerp, ("", ""))[0]
        self.status = w.Dropdown(
            options=[(STATUS_LABELS[s], s) for s in model.VOORTGANG_STATUSSEN],
            description="Status",
            layout=w.Layout(width="16em"),
        )
        self.wanneer = w.DatePicker(description="Nieuwe datum", layout=w.Layout(width="17em"))
        self.opmerking = w.Text(placeholder="Opmerking (mag leeg)", layout=w.Layout(width="18em"))
        for veld in (self.status, self.wanneer, self.opmerking):
            veld.add_class("wp-input")
        self.bewaar = ui.knop("Status opslaan", "wp-submit", "wp-voortgang-opslaan")
        self.bewaar.on_click(lambda _b: self.opslaan())
        self.melding = ui.Melding()
        self.widget = ui.vak(
            [
                ui.html_widget(f"<b>{ui.veilig(titel)}</b>"),
                ui.vak([self.status, self.wanneer, self.opmerking, self.bewaar], rij=True),
                self.melding.widget,
            ],
            "wp-voortgang-rij",
        )

    def bij(self, status: str) -> None:
        ui.zet_waarde(self.status, "value", status)

    def opslaan(self) -> None:
        regie = self.weergave.sessie.regie
        if regie is None:
            self.melding.fout("Alleen de procesbegeleider kan de status zetten.")
            return
        wanneer: date | None = self.wanneer.value
        self.melding.vang(
            lambda: st.zet_voortgang(
                regie, "actie", self.item_id, self.status.value, wanneer=wanneer, opmerking=self.opmerking.value
            ),
            "Status opgeslagen.",
        )


#: What the page registries in toolkit.apps.basis call: ``maak(sessie, onderdeel)``.
maak = TrajectWeergave
maak_regie = partial(TrajectWeergave, regie=True)
