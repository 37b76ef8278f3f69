"""The regiekamer: the facilitator's dashboard, behind the facilitator key.

Without a valid key the page holds only the key prompt, so there is nothing to click.
With it: the programme (compose from the catalogue, reorder, edit), moving the room,
the timer, joining open/closed, who is here by domein, the current onderdeel's own
controls and the export.
"""

from __future__ import annotations

import base64
import logging
import os
from dataclasses import replace
from pathlib import Path

import ipywidgets as w

from toolkit import model
from toolkit.apps import ui
from toolkit.apps.basis import Sessie
from toolkit.apps.live import Volger, Wachter
from toolkit.fouten import ExportOnvolledig, OngeldigeInvoer, WerkplaatsFout
from toolkit.model import Wijzigingen
from toolkit.store import Regie, Store


class RegiekamerApp:
    def __init__(self, store: Store, params: dict[str, str] | None = None) -> None:
        self.store = store
        params = params or {}
        self.regie: Regie | None = None
        self.wachter: Wachter | None = None
        self._getoond = False
        self.melding = ui.Melding(begeleider=True)
        self._stijl = tuple(ui.stijl())
        self.widget = ui.vak(self._stijl, "wp-pagina", "wp-regiekamer")
        self._bouw_sleutelvraag(params.get("code", ""))
        if params.get("code") and params.get("sleutel"):
            self.open(params["code"], params["sleutel"])

    # the key ---------------------------------------------------------------------------------

    def _bouw_sleutelvraag(self, code: str) -> None:
        self.code_invoer = w.Text(value=code, description="Code", layout=w.Layout(width="100%"))
        self.code_invoer.add_class("wp-regie-code")
        self.sleutel_invoer = w.Password(
            description="Sleutel",
            placeholder="sleutel van de procesbegeleider",
            layout=w.Layout(width="100%"),
        )
        self.sleutel_invoer.add_class("wp-key-input")
        knop = ui.knop("Open de regiekamer", "wp-key-button", stijl="primary")
        knop.on_click(lambda _b: self.open(self.code_invoer.value, self.sleutel_invoer.value))
        self.sleutelvak = ui.vak(
            [
                ui.html_widget(
                    "<h1>Regiekamer</h1><p>Vul de code en de sleutel van de procesbegeleider in "
                    "(uit <code>werkplaats start</code>).</p>",
                    "wp-uitleg",
                ),
                self.code_invoer,
                self.sleutel_invoer,
                knop,
                self.melding.widget,
            ],
            "wp-sleutelvak",
        )
        self.widget.children = (*self._stijl, self.sleutelvak)

    def open(self, code: str, sleutel: str) -> bool:
        """Check the key; only then build the controls."""
        try:
            self.regie = self.store.regie(code, sleutel)
        except WerkplaatsFout as fout:
            self.melding.fout(str(fout))
            return False
        self.melding.wis()
        self._bouw_regie()
        return True

    # the controls ----------------------------------------------------------------------------

    def _bouw_regie(self) -> None:
        assert self.regie is not None
        bid = self.regie.bijeenkomst_id
        versie = self.store.versie(bid)
        self.bijeenkomst = self.store.bijeenkomst_met_id(bid)
        self.sessie = Sessie(self.store, self.bijeenkomst, regie=self.regie)
        self.melding = ui.Melding(begeleider=True)

        self.titel = ui.html_widget("", "wp-regie-titel")
        # the programme is the page's navigation (a nav landmark): Vorige/Volgende and the steps
        self.programma = ui.Programma(
            {
                "vorige": lambda: self._doe(self.regie.vorige),
                "volgende": lambda: self._doe(self.regie.volgende),
                "ga": self.ga_naar,
                "op": lambda i: self.verplaats(i, -1),
                "neer": lambda i: self.verplaats(i, +1),
                "bewerk": self.bewerk,
                "weg": self.verwijder,
            }
        )
        self.timer = ui.label("", "wp-timer")
        self.timer_start = ui.knop("Start timer", "wp-timer-start")
        self.timer_pauze = ui.knop("Pauze", "wp-timer-pause")
        self.timer_erbij = ui.knop("+1 min", "wp-timer-plus")
        self.timer_start.on_click(lambda _b: self._doe(self.regie.timer_start))
        self.timer_pauze.on_click(lambda _b: self._doe(self.regie.timer_pauze))
        self.timer_erbij.on_click(lambda _b: self._doe(lambda: self.regie.timer_erbij(1)))
        self.aanmeld_knop = ui.knop("", "wp-join-toggle")
        self.aanmeld_knop.on_click(
            lambda _b: self._doe(lambda: self.regie.zet_aanmelden(not self.bijeenkomst.open))
        )
        self.aantal = ui.label("", "wp-participant-count")
        # "zaal klaar: 60 van 60 plaatsen warm" (the server's pool, toolkit.zaalbeheer)
        self.zaal = ui.label("", "wp-zaal-status")
        self.export_knop = ui.knop("Exporteer verslag", "wp-export-button")
        self.export_knop.on_click(lambda _b: self.exporteer())
        self.export_uit = ui.html_widget("", "wp-export-uitkomst")

        self.stapkop = ui.Stapkop(
            "Nog geen onderdeel gestart: kies 'Volgende' of 'Ga hierheen'.", bijeenkomst=self.bijeenkomst.titel
        )
        self.paneel_vak = ui.vak([], "wp-paneel-vak")
        self._bouw_voorbereiding()

        balk = ui.vak(
            [
                self.timer,
                self.timer_start,
                self.timer_pauze,
                self.timer_erbij,
            ],
            "wp-regiebalk",
            rij=True,
        )
        status = ui.vak([self.aanmeld_knop, self.aantal, self.zaal, self.export_knop], "wp-knoppen", rij=True)
        links = ui.vak(
            [self.programma, self.voorbereiding],
            "wp-kolom-links",
        )
        rechts = ui.vak([self.stapkop.widget, self.paneel_vak], "wp-kolom-rechts")
        self.sleutelvak.close()
        self.widget.children = (
            *self._stijl,
            self.titel,
            balk,
            status,
            self.melding.widget,
            self.export_uit,
            ui.vak([links, rechts], "wp-regie-kolommen", rij=True),
        )
        self.volger = Volger(self.sessie, "regie", self.paneel_vak, bij_wissel=self._bij_stap)
        self.wachter = Wachter(self.store, bid, versie=versie)
        self.wachter.abonneer(self._bij_wijziging)
        self.wachter.abonneer(self.volger)
        self.wachter.elke_seconde(self.tik)
        self._toon()
        if self._getoond:
            self.wachter.start()

    def _bouw_voorbereiding(self) -> None:
        from toolkit.werkvormen import laad_werkvormen

        try:
            self.werkvormen = laad_werkvormen()
        except WerkplaatsFout as fout:
            self.werkvormen = {}
            self.melding.fout(f"De werkvormen zijn niet te laden: {fout}")
        self.nieuw_keuze = w.Dropdown(
            options=[(wv.titel, wv.id) for wv in self.werkvormen.values()],
            description="Werkvorm",
            layout=w.Layout(width="100%"),
        )
        self.nieuw_keuze.add_class("wp-werkvorm-keuze")
        nieuw_knop = ui.knop("Voeg toe aan het programma", "wp-add-step-button")
        nieuw_knop.on_click(lambda _b: self.voeg_toe(self.nieuw_keuze.value))

        self.bewerk_id: int | None = None
        self.b_kop = ui.label("Kies 'Bewerk' bij een onderdeel.", "wp-bewerk-kop")
        self.b_titel = w.Text(description="Titel", layout=w.Layout(width="100%"))
        self.b_vraag = w.Textarea(description="Vraag", rows=3, layout=w.Layout(width="100%"))
        self.b_duur = w.BoundedIntText(description="Minuten", min=1, max=240, layout=w.Layout(width="auto"))
        self.b_stippen = w.BoundedIntText(description="Stippen", min=0, max=20, layout=w.Layout(width="auto"))
        self.b_anoniem = w.Checkbox(description="Anoniem op de wand", indent=False)
        self.b_prive = w.Checkbox(description="Eerst privé schrijven", indent=False)
        for veld, klasse in (
            (self.b_titel, "wp-edit-titel"),
            (self.b_vraag, "wp-edit-vraag"),
            (self.b_duur, "wp-edit-duur"),
            (self.b_stippen, "wp-edit-stippen"),
            (self.b_anoniem, "wp-edit-anoniem"),
            (self.b_prive, "wp-edit-prive"),
        ):
            veld.add_class(klasse)
        opslaan = ui.knop("Opslaan", "wp-save-step-button", stijl="primary")
        opslaan.on_click(lambda _b: self.sla_op())
        self.bewerk_vak = ui.vak(
            [
                self.b_kop,
                self.b_titel,
                self.b_vraag,
                ui.vak([self.b_duur, self.b_stippen], rij=True),
                ui.vak([self.b_anoniem, self.b_prive], rij=True),
                opslaan,
            ],
            "wp-bewerk",
        )
        inhoud = ui.vak([self.nieuw_keuze, nieuw_knop, self.bewerk_vak], "wp-voorbereiding")
        self.voorbereiding = w.Accordion(children=[inhoud], titles=("Programma samenstellen en bewerken",))
        self.voorbereiding.add_class("wp-voorbereiding-vak")

    # actions ---------------------------------------------------------------------------------

    def _doe(self, actie, gelukt: str | None = None) -> bool:  # type: ignore[no-untyped-def]
        """Run a facilitator action; show its Dutch error, or refresh what it changed."""
        if self.melding.vang(lambda: actie() or True, gelukt) is None:
            return False
        self.ververs_nu()
        return True

    def ga_naar(self, onderdeel_id: int) -> None:
        self._doe(lambda: self.regie.ga_naar(onderdeel_id))

    def verplaats(self, onderdeel_id: int, stap: int) -> None:
        ids = [o.id for o in self.store.onderdelen(self.regie.bijeenkomst_id)]
        positie = max(0, ids.index(onderdeel_id) + stap)
        self._doe(lambda: self.regie.verplaats_onderdeel(onderdeel_id, positie))

    def verwijder(self, onderdeel_id: int) -> None:
        if self._doe(lambda: self.regie.verwijder_onderdeel(onderdeel_id), "Onderdeel verwijderd.") and (
            self.bewerk_id == onderdeel_id
        ):
            self.bewerk_id = None
            self.b_kop.value = "Kies 'Bewerk' bij een onderdeel."

    def voeg_toe(self, werkvorm_id: str) -> model.Onderdeel | None:
        wv = self.werkvormen.get(werkvorm_id)
        if wv is None:
            self.melding.fout("Kies eerst een werkvorm.")
            return None
        nieuw: list[model.Onderdeel] = []
        if self._doe(
            lambda: nieuw.append(self.regie.voeg_onderdeel_toe(wv.als_onderdeel())),
            f"'{wv.titel}' staat achteraan in het programma.",
        ):
            self.bewerk(nieuw[0].id)  # type: ignore[arg-type]
            return nieuw[0]
        return None

    def bewerk(self, onderdeel_id: int) -> None:
        o = self.store.onderdeel(onderdeel_id)
        self.bewerk_id = onderdeel_id
        self.b_kop.value = f"Bewerk: {o.titel}"
        self.b_titel.value, self.b_vraag.value = o.titel, o.vraag
        self.b_duur.value, self.b_stippen.value = o.duur_minuten, o.stippen
        self.b_anoniem.value, self.b_prive.value = o.anoniem, o.prive_eerst
        self.voorbereiding.selected_index = 0

    def sla_op(self) -> model.Onderdeel | None:
        if self.bewerk_id is None:
            self.melding.fout("Kies eerst 'Bewerk' bij een onderdeel.")
            return None
        uit: list[model.Onderdeel] = []

        def opslaan() -> None:
            oud = self.store.onderdeel(self.bewerk_id)  # type: ignore[arg-type]
            try:
                nieuw = replace(
                    oud,
                    titel=self.b_titel.value,
                    vraag=self.b_vraag.value,
                    duur_minuten=self.b_duur.value,
                    stippen=self.b_stippen.value,
                    anoniem=self.b_anoniem.value,
                    prive_eerst=self.b_prive.value,
                )
            except ValueError as fout:
                if isinstance(fout, OngeldigeInvoer):
                    raise
                raise OngeldigeInvoer("onderdeel", str(fout)) from None
            uit.append(self.regie.wijzig_onderdeel(nieuw))

        self._doe(opslaan, "Opgeslagen.")
        return uit[0] if uit else None

    def exporteer(self) -> list[Path]:
        """Write the visiedocument, actielijst and the rest, and offer them as downloads.

        Voila serves no files, so the files come along as ``data:`` links; they are also
        written to ``$WERKPLAATS_EXPORT`` (default ``~/werkplaats-export``)/<code>.
        """
        from toolkit.export import exporteer  # heavy (docx, charts): only when asked

        naar = (
            Path(os.environ.get("WERKPLAATS_EXPORT") or Path.home() / "werkplaats-export")
            / self.bijeenkomst.code
        )
        self.melding.ok("Het verslag wordt gemaakt; dat duurt enkele seconden.")
        try:
            bestanden = exporteer(self.store, self.bijeenkomst.code, naar)
            self.melding.ok("Het verslag is klaar.")
        except ExportOnvolledig as fout:  # the files that were written still come as downloads
            bestanden = fout.geschreven
            self.melding.fout(str(fout))
        except WerkplaatsFout as fout:
            self.melding.fout(str(fout))
            return []
        except Exception as fout:  # noqa: BLE001 - never leave "wordt gemaakt" standing
            logging.getLogger(__name__).exception("export mislukt")
            self.melding.fout(f"Het verslag kon niet worden gemaakt ({type(fout).__name__}: {fout}).")
            return []
        links = [
            f'<li><a download="{ui.veilig(pad.name)}" '
            f'href="data:application/octet-stream;base64,{base64.b64encode(pad.read_bytes()).decode("ascii")}">'
            f"{ui.veilig(pad.name)}</a></li>"
            for pad in bestanden
        ]
        self.export_uit.value = (
            f"<p>Geschreven naar <code>{ui.veilig(str(naar))}</code>. Download:</p><ul>{''.join(links)}</ul>"
        )
        return bestanden

    # showing ---------------------------------------------------------------------------------

    def _bij_stap(self, onderdeel: model.Onderdeel | None) -> None:
        self.stapkop.zet(onderdeel)

    def _bij_wijziging(self, wijzigingen: Wijzigingen) -> None:
        if wijzigingen.soorten & {"bijeenkomst", "timer", "stap", "programma", "onderdeel"}:
            self._toon()
        elif "deelnemer" in wijzigingen.soorten:
            self._toon_aantal()  # someone joined: only the count changes, one read instead of four

    def ververs_nu(self) -> None:
        """Show the effect of an own action now, without waiting for the watcher."""
        if self.wachter is not None:
            self.wachter.stap()

    def _toon(self) -> None:
        b = self.bijeenkomst = self.store.bijeenkomst_met_id(self.regie.bijeenkomst_id)  # type: ignore[union-attr]
        ui.zet_waarde(
            self.titel,
            "value",
            f"<h1>{ui.veilig(b.titel)}</h1><p>Code <strong class='wp-regie-code-tekst'>{ui.veilig(b.code)}</strong>"
            f" · aanmelden is {'open' if b.open else 'gesloten'}</p>",
        )
        ui.zet_waarde(self.aanmeld_knop, "description", "Sluit aanmelden" if b.open else "Open aanmelden")
        self._toon_aantal()
        onderdelen = self.store.onderdelen(b.id)  # type: ignore[arg-type]

        rijen = []
        for n, o in enumerate(onderdelen, start=1):
            huidig = o.id == b.huidig_onderdeel_id
            teken = "▶ " if huidig else ("✓ " if o.status == "afgerond" else "")
            rijen.append(
                {
                    "id": o.id,
                    "titel": o.titel,
                    "tekst": f"{teken}{n}. {o.titel}",
                    "klein": f"({o.duur_minuten} min, {o.invoer})",
                    "huidig": huidig,
                }
            )
        self.programma.zet(rijen)
        self.tik()

    def _toon_aantal(self) -> None:
        per_domein = self.store.deelnemers_per_domein(self.bijeenkomst.id)  # type: ignore[arg-type]
        totaal = sum(per_domein.values())
        delen = ", ".join(
            f"{model.DOMEIN_LABELS.get(d, d)} {n}" for d, n in sorted(per_domein.items(), key=lambda x: -x[1])
        )
        ui.zet_waarde(
            self.aantal,
            "value",
            f"{totaal} {'deelnemer' if totaal == 1 else 'deelnemers'}" + (f": {delen}" if delen else ""),
        )

    def tik(self) -> None:
        from toolkit.zaalbeheer import lees_zaal_status, zaal_status_tekst

        ui.zet_waarde(self.timer, "value", ui.timer_tekst(self.bijeenkomst, model.nu()) or "geen timer")
        ui.zet_waarde(self.zaal, "value", zaal_status_tekst(lees_zaal_status()))

    def start(self) -> None:
        self._getoond = True
        if self.wachter is not None:
            self.wachter.start()


def toon(params: dict[str, str] | None = None, store: Store | None = None) -> None:
    """What ``regiekamer.ipynb`` calls."""
    from toolkit.apps.basis import REGIE_PANELEN
    from toolkit.apps.live import toon_pagina

    toon_pagina(RegiekamerApp, list(REGIE_PANELEN.values()), params, store, panelen_vooraf=False)
