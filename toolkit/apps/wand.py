"""The wand: what the beamer shows. Read-only, big type, no controls at all.

While joining is open it shows the code, a QR code and the short URL; always the
current onderdeel's title, question and timer (ticking each second from the watcher),
the participant count and the onderdeel's live paneel.
"""

from __future__ import annotations

from toolkit import model
from toolkit.apps import ui
from toolkit.apps.basis import Sessie
from toolkit.apps.live import INTERVAL_WAND, KIJK_WAND, Volger, Wachter
from toolkit.fouten import WerkplaatsFout
from toolkit.model import Wijzigingen
from toolkit.store import Store


class WandApp:
    def __init__(self, store: Store, params: dict[str, str] | None = None) -> None:
        self.store = store
        params = params or {}
        self.wachter: Wachter | None = None
        self.melding = ui.Melding()
        self.widget = ui.vak(ui.stijl(), "wp-pagina", "wp-wand")
        try:
            self.bijeenkomst = store.bijeenkomst(params.get("code", ""))
        except WerkplaatsFout as fout:
            self.melding.fout(f"{fout} Open de wand met de link uit 'werkplaats start'.")
            self.widget.children = (*self.widget.children, self.melding.widget)
            return
        versie = store.versie(self.bijeenkomst.id)  # type: ignore[arg-type]
        self.sessie = Sessie(store, self.bijeenkomst)
        self.basis = ui.pagina_basis()

        self.titel = ui.html_widget("", "wp-bijeenkomst")
        self.timer = ui.label("", "wp-timer")
        self.aantal = ui.label("", "wp-participant-count")
        self.qr = ui.html_widget("", "wp-join-qr")
        self.code = ui.html_widget("", "wp-code")
        self.aanmeld_vak = ui.vak([self.qr, self.code], "wp-aanmelden-wand", rij=True)
        self.stapkop = ui.Stapkop("Welkom! We beginnen zo.", bijeenkomst=self.bijeenkomst.titel)
        self.paneel_vak = ui.vak([], "wp-paneel-vak")
        self.balk = ui.vak([self.titel, self.aantal, self.timer], "wp-wandbalk", rij=True)
        self.widget.children = (*self.widget.children, self.balk, self.aanmeld_vak, self.stapkop.widget, self.paneel_vak)
        self.volger = Volger(self.sessie, "wand", self.paneel_vak, bij_wissel=self.stapkop.zet)
        self.wachter = Wachter(
            store,
            self.bijeenkomst.id,  # type: ignore[arg-type]
            versie=versie,
            interval=INTERVAL_WAND,
            kijk=KIJK_WAND,
        )
        self.wachter.abonneer(self._bij_wijziging)
        self.wachter.abonneer(self.volger)
        self.wachter.elke_seconde(self.tik)
        self._toon_bijeenkomst()
        self._toon_aantal()

    def deelnemer_url(self) -> str:
        """The short link to join: ``/`` redirects to the deelnemer page, query kept."""
        return f"{self.basis}/?code={self.bijeenkomst.code}"

    def _bij_wijziging(self, wijzigingen: Wijzigingen) -> None:
        if wijzigingen.soorten & {"bijeenkomst", "timer", "stap"}:
            self.bijeenkomst = self.store.bijeenkomst_met_id(self.bijeenkomst.id)  # type: ignore[arg-type]
            self._toon_bijeenkomst()
        if "deelnemer" in wijzigingen.soorten:
            self._toon_aantal()

    def _toon_bijeenkomst(self) -> None:
        b = self.bijeenkomst
        ui.zet_waarde(self.titel, "value", f'<h1 class="wp-bijeenkomst-titel">{ui.veilig(b.titel)}</h1>')
        if b.open:
            if not self.qr.value:
                naam = "QR-code: scan hem met je telefoon om mee te doen"
                self.qr.value = f"<div role='img' aria-label='{naam}'>{ui.qr_svg(self.deelnemer_url())}</div>"
            ui.zet_waarde(
                self.code,
                "value",
                f'<p class="wp-doe-mee">Doe mee op je telefoon</p>'
                f'<div class="wp-code-groot">{ui.veilig(b.code)}</div>'
                f'<p class="wp-korte-url">{ui.veilig(self.deelnemer_url())}</p>',
            )
        ui.zet_layout(self.aanmeld_vak, display=None if b.open else "none")
        # Once the first step has started the join block shrinks to a strip in the top bar,
        # so the room's work gets the screen; it goes when joining is closed.
        klein = b.huidig_onderdeel_id is not None
        ui.zet_klasse(self.aanmeld_vak, "wp-aanmelden-klein", klein)
        ui.zet_layout(self.aanmeld_vak, width="auto" if klein else "100%")
        ui.zet_layout(self.balk, flex_flow="row nowrap" if klein else "row wrap")
        balk = (self.titel, self.aantal, self.timer) + ((self.aanmeld_vak,) if klein else ())
        if tuple(self.balk.children) != balk:
            self.balk.children = balk
            self.widget.children = tuple(k for k in self.widget.children if k is not self.aanmeld_vak or not klein)
            if not klein and self.aanmeld_vak not in self.widget.children:
                kinderen = list(self.widget.children)
                kinderen.insert(kinderen.index(self.balk) + 1, self.aanmeld_vak)
                self.widget.children = tuple(kinderen)
        self.tik()

    def _toon_aantal(self) -> None:
        # a count per domain, not every deelnemer's row: this runs on each join
        n = sum(self.store.deelnemers_per_domein(self.bijeenkomst.id).values())  # type: ignore[arg-type]
        ui.zet_waarde(self.aantal, "value", f"{n} {'deelnemer' if n == 1 else 'deelnemers'}")

    def tik(self) -> None:
        ui.zet_waarde(self.timer, "value", ui.timer_tekst(self.bijeenkomst, model.nu()))
        paneel = getattr(getattr(self, "volger", None), "paneel", None)
        if paneel is not None and hasattr(paneel, "tik"):  # a long wall turns its pages
            paneel.tik()

    def start(self) -> None:
        if self.wachter is not None:
            self.wachter.start()


def toon(params: dict[str, str] | None = None, store: Store | None = None) -> None:
    """What ``wand.ipynb`` calls."""
    from toolkit.apps.basis import WAND_PANELEN
    from toolkit.apps.live import toon_pagina

    toon_pagina(WandApp, list(WAND_PANELEN.values()), params, store, panelen_vooraf=False)
