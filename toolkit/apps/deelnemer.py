"""The participant's page (phone first): join, then follow the room and take part.

Runs in a preheated kernel, so it imports only what the page needs (no pandas, altair,
docx or networkx) and reads the URL only after everything is loaded. After joining the
participant gets a personal link (``?code=...&t=...``): opening it again, on a reload or
a new tab, returns to the same participant and their entries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

import ipywidgets as w

from toolkit import model
from toolkit.apps import ui
from toolkit.apps.basis import Sessie
from toolkit.apps.live import Volger, Wachter
from toolkit.fouten import WerkplaatsFout

if TYPE_CHECKING:
    from toolkit.store import Store


class DeelnemerApp:
    """One participant's page; ``widget`` is what the notebook shows."""

    def __init__(self, store: Store, params: dict[str, str] | None = None) -> None:
        """``params`` (the URL's ``code``/``t``): ``None`` in a preheated kernel, which builds
        the whole page before its request comes and reads the URL with :meth:`lees_adres`,
        so a joining phone waits only for one store read."""
        self.store = store
        self.sessie: Sessie | None = None
        self.wachter: Wachter | None = None
        self.volger: Volger | None = None
        self.token = ""
        self._getoond = False
        self.kop = ui.html_widget('<h1 class="wp-titel">Werkplaats</h1>', "wp-paginakop")
        self.melding = ui.Melding("wp-join-melding")
        self.body = ui.vak([], "wp-body")
        self.widget = ui.vak([*ui.stijl(), self.kop, self.body], "wp-pagina", "wp-deelnemer")
        self._bouw_aanmelden("")
        self._bouw_meedoen()
        ui.maak_gedeelde_layouts()
        if params is None:
            store.warm_op()
        else:
            self.lees_adres(params)

    def lees_adres(self, params: dict[str, str]) -> None:
        """Act on the page's URL: a personal link returns, a code is checked and filled in."""
        code, token = params.get("code", ""), params.get("t", "")
        if code:
            ui.zet_waarde(self.code, "value", code)
        if token and code:
            try:
                deelnemer = self.store.terugkeren(code, token)
            except WerkplaatsFout as fout:
                self.melding.fout(str(fout))
            else:
                self._begin(deelnemer, token)
        elif code:
            self._controleer_code(code)

    # joining ---------------------------------------------------------------------------------

    def _bouw_aanmelden(self, code: str) -> None:
        # The join form's fields send their value when the person leaves the field (or taps
        # "Doe mee"), not at every key: nothing here reacts to typing, and each key would be
        # a message through the one server and this kernel while sixty phones join (issue 15).
        self.code = w.Text(
            continuous_update=False,
            style=ui.gedeelde_stijl(w.Text),
            value=code,
            description="Code",
            placeholder="bijv. K7M4PX",
            layout=ui.gedeelde_layout(width="100%"),
        )
        self.code.add_class("wp-join-code")
        self.naam = w.Text(
            continuous_update=False,
            style=ui.gedeelde_stijl(w.Text),
            description="Naam (mag leeg)",
            placeholder="leeg = anoniem",
            layout=ui.gedeelde_layout(width="100%"),
        )
        self.naam.add_class("wp-join-naam")
        self.naam_tonen = w.Checkbox(
            style=ui.gedeelde_stijl(w.Checkbox),
            layout=ui.gedeelde_layout(),
            value=False,
            description="Mijn naam mag in het verslag",
            indent=False,
        )
        self.naam_tonen.add_class("wp-join-toestemming")
        self.organisatie = w.Text(
            continuous_update=False,
            style=ui.gedeelde_stijl(w.Text),
            description="Organisatie",
            placeholder="bijv. Huisartsenpraktijk De Linde",
            layout=ui.gedeelde_layout(width="100%"),
        )
        self.organisatie.add_class("wp-join-organisatie")
        self.domein = w.Dropdown(
            style=ui.gedeelde_stijl(w.Dropdown),
            options=[("Kies je domein", "")] + [(label, d) for d, label in model.DOMEIN_LABELS.items()],
            value="",
            description="Domein",
            layout=ui.gedeelde_layout(width="100%"),
        )
        self.domein.add_class("wp-join-domein")
        self.aanmeld_knop = ui.knop("Doe mee", "wp-join-button", stijl="primary")
        self.aanmeld_knop.on_click(lambda _b: self.aanmelden())
        self.aanmeld_vak = ui.vak(
            [
                ui.html_widget(
                    "<h2>Doe mee</h2><p>Vul de code in die op de wand staat. Je naam hoeft niet. "
                    "Zeg wel waar je werkt of wie je bent: dat helpt de groep.</p>",
                    "wp-uitleg",
                ),
                self.code,
                self.naam,
                self.naam_tonen,
                self.organisatie,
                self.domein,
                self.aanmeld_knop,
                self.melding.widget,
            ],
            "wp-aanmelden",
        )
        self.body.children = (self.aanmeld_vak,)

    def _bouw_meedoen(self) -> None:
        """The participant's part of the page, built ahead and filled in by :meth:`_begin`."""
        self.welkom = ui.html_widget("", "wp-welkom-vak")
        self.stapkop = ui.Stapkop("Welkom! De procesbegeleider begint zo.", volg_focus=True)
        self.paneel_vak = ui.vak([], "wp-paneel-vak")
        self.adresbalk = ui.Adresbalk()

    def _controleer_code(self, code: str) -> None:
        """An unknown or closed code in the link: say so before anyone types."""
        try:
            b = self.store.bijeenkomst(code)
        except WerkplaatsFout as fout:
            self.melding.fout(str(fout))
            return
        if not b.open:
            self.melding.fout(
                "Aanmelden voor deze bijeenkomst is gesloten; vraag de procesbegeleider om het te openen."
            )
        else:
            ui.zet_waarde(self.kop, "value", f'<h1 class="wp-titel">{ui.veilig(b.titel)}</h1>')

    def aanmelden(self) -> model.Deelnemer | None:
        try:
            deelnemer, token = self.store.aanmelden(
                self.code.value,
                organisatie=self.organisatie.value,
                domein=self.domein.value,
                naam=self.naam.value,
                naam_tonen=self.naam_tonen.value,
            )
        except WerkplaatsFout as fout:
            self.melding.fout(str(fout))
            return None
        self.melding.wis()
        self._begin(deelnemer, token)
        return deelnemer

    # taking part -----------------------------------------------------------------------------

    def persoonlijke_link(self) -> str:
        """Relative link (``?code=...&t=...``): the browser keeps host and page."""
        assert self.sessie is not None
        return "?" + urlencode({"code": self.sessie.bijeenkomst.code, "t": self.token})

    def _begin(self, deelnemer: model.Deelnemer, token: str) -> None:
        bijeenkomst = self.store.bijeenkomst_met_id(deelnemer.bijeenkomst_id)  # type: ignore[arg-type]
        versie = self.store.versie(bijeenkomst.id)  # type: ignore[arg-type]
        self.sessie = Sessie(self.store, bijeenkomst, deelnemer=deelnemer)
        self.token = token
        ui.zet_waarde(self.kop, "value", f'<h1 class="wp-titel">{ui.veilig(bijeenkomst.titel)}</h1>')
        wie = deelnemer.naam or "anoniem"
        ui.zet_waarde(
            self.welkom,
            "value",
            f'<p class="wp-welkom">Je doet mee als <strong>{ui.veilig(wie)}</strong> '
            f"({ui.veilig(deelnemer.organisatie)}). "
            f'<a class="wp-personal-link" href="{ui.veilig(self.persoonlijke_link())}">Dit is jouw eigen link</a>. '
            "Bewaar hem. Dan kom je altijd terug bij wat je schreef.</p>",
        )
        with self.stapkop.hold_sync():  # the step's title, question and focus: one message
            ui.zet_waarde(self.stapkop, "bijeenkomst", bijeenkomst.titel)
            open_tot = self.store.vragenlijst_tot(bijeenkomst.id)  # type: ignore[arg-type]
            if open_tot is not None:  # questionnaire mode: every onderdeel at once, no room to follow
                from toolkit.apps.vragenlijst import VragenlijstVolger

                ui.zet_waarde(self.stapkop, "titel", "Vragenlijst")
                self.volger = VragenlijstVolger(self.sessie, self.paneel_vak, open_tot)  # type: ignore[assignment]
            else:
                self.volger = Volger(
                    self.sessie, "deelnemer", self.paneel_vak, bij_wissel=self.stapkop.zet, vooruit=True
                )
            self.wachter = Wachter(self.store, bijeenkomst.id, versie=versie)  # type: ignore[arg-type]
            self.wachter.abonneer(self.volger)  # type: ignore[arg-type]
            self.aanmeld_vak.close()
            ui.zet_waarde(self.adresbalk, "zoek", self.persoonlijke_link())
            self.body.children = (self.welkom, self.stapkop.widget, self.paneel_vak, self.adresbalk)
            self.stapkop.focus_op_invoer()  # not left on <body> after "Doe mee"
        if self._getoond:
            self.wachter.start()

    def start(self) -> None:
        """Start following the room (in Voila: on the kernel's event loop)."""
        self._getoond = True
        if self.wachter is not None:
            self.wachter.start()


def toon(params: dict[str, str] | None = None, store: Store | None = None) -> None:
    """What ``deelnemer.ipynb`` calls: open the store, show the page, then read the URL."""
    from toolkit.apps.basis import DEELNEMER_PANELEN
    from toolkit.apps.live import toon_pagina

    if store is None:
        from toolkit import loket

        store = loket.verbind()  # on the Werkplaats server: no SQLAlchemy in this kernel
    toon_pagina(
        DeelnemerApp, list(DEELNEMER_PANELEN.values()), params, store, panelen_vooraf=True, pagina_vooraf=True
    )
