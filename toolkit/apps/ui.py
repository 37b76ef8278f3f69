"""Small widget helpers shared by the three live pages; light imports only.

Every piece of participant text that goes into an ``HTML`` widget passes :func:`tekst`
(``html.escape``) first: the ``HTML`` widget renders markup, ``Label`` does not.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Callable, Hashable
from importlib import resources
from typing import Any
from urllib.parse import parse_qs

import anywidget
import ipywidgets as w
import traitlets

from toolkit.fouten import WerkplaatsFout


def tekst(waarde: object) -> str:
    """Escaped text for inside an ``HTML`` widget (quotes too, for attributes)."""
    return html.escape(str(waarde if waarde is not None else ""), quote=True)


def html_widget(inhoud: str = "", *klassen: str, **kwargs: Any) -> w.HTML:
    """An ``HTML`` widget; ``inhoud`` must already be escaped markup."""
    widget = w.HTML(value=inhoud, **kwargs)
    for klasse in klassen:
        widget.add_class(klasse)
    return widget


def label(waarde: str = "", *klassen: str) -> w.Label:
    """A ``Label``: its value is shown as text, never as markup."""
    widget = w.Label(value=waarde, layout=w.Layout(width="auto", max_width="100%"))
    for klasse in klassen:
        widget.add_class(klasse)
    return widget


def knop(tekst_: str, *klassen: str, stijl: str = "", tooltip: str = "") -> w.Button:
    widget = w.Button(
        description=tekst_, button_style=stijl, tooltip=tooltip or tekst_, layout=w.Layout(width="auto")
    )
    widget.add_class("wp-knop")
    for klasse in klassen:
        widget.add_class(klasse)
    return widget


def vak(kinderen: list[w.Widget] | tuple[w.Widget, ...] = (), *klassen: str, rij: bool = False) -> w.Box:
    """A VBox (or HBox with ``rij``) that wraps on narrow screens."""
    box = (w.HBox if rij else w.VBox)(list(kinderen), layout=w.Layout(width="100%"))
    if rij:
        box.layout.flex_flow = "row wrap"
    for klasse in klassen:
        box.add_class(klasse)
    return box


def zet_klasse(widget: w.DOMWidget, klasse: str, aan: bool) -> None:
    if aan and klasse not in widget._dom_classes:
        widget.add_class(klasse)
    elif not aan and klasse in widget._dom_classes:
        widget.remove_class(klasse)


class Melding:
    """One line of feedback under a form: an error in red, a confirmation in green."""

    def __init__(self, *klassen: str, begeleider: bool = False) -> None:
        self.widget = html_widget("", "wp-melding", *klassen)
        #: The facilitator also sees the cause of an error (e.g. why storing failed).
        self.begeleider = begeleider
        self.widget.layout.display = "none"
        self.tekst = ""
        self.soort = ""

    def fout(self, bericht: str) -> None:
        self._zet(bericht, "wp-melding-fout", rol="alert")

    def ok(self, bericht: str) -> None:
        self._zet(bericht, "wp-melding-ok", rol="status")

    def wis(self) -> None:
        self.tekst = self.soort = ""
        self.widget.value = ""
        self.widget.layout.display = "none"

    def _zet(self, bericht: str, klasse: str, rol: str) -> None:
        self.tekst, self.soort = bericht, klasse.removeprefix("wp-melding-")
        self.widget.value = f'<div class="{klasse}" role="{rol}">{tekst(bericht)}</div>'
        self.widget.layout.display = None

    def vang(self, actie: Callable[[], Any], gelukt: str | None = None) -> Any:
        """Run ``actie``; show the Dutch message of a WerkplaatsFout instead of raising."""
        try:
            uitkomst = actie()
        except WerkplaatsFout as fout:
            self.fout((getattr(fout, "voor_begeleider", None) if self.begeleider else None) or str(fout))
            return None
        if gelukt:
            self.ok(gelukt)
        else:
            self.wis()
        return uitkomst


class Rijen:
    """Keyed children of a box: rows are built once per key and reused on every refresh.

    Rebuilding all rows on every change would send a storm of comm messages to every
    browser; reusing them sends only the values that changed.
    """

    def __init__(self, box: w.Box, maak: Callable[[Any], Any]) -> None:
        self.box = box
        self._maak = maak
        self.rijen: dict[Hashable, Any] = {}

    def zet(self, sleutels: list[Hashable], bij: Callable[[Any, Hashable], None] | None = None) -> None:
        """Show rows for ``sleutels`` in this order; ``bij(rij, sleutel)`` updates a row."""
        for sleutel in sleutels:
            if sleutel not in self.rijen:
                self.rijen[sleutel] = self._maak(sleutel)
            if bij is not None:
                bij(self.rijen[sleutel], sleutel)
        for weg in [s for s in self.rijen if s not in set(sleutels)]:
            rij = self.rijen.pop(weg)
            widget = getattr(rij, "widget", rij)
            widget.close()
        kinderen = tuple(getattr(self.rijen[s], "widget", self.rijen[s]) for s in sleutels)
        if kinderen != tuple(self.box.children):
            self.box.children = kinderen


def zet_waarde(widget: w.Widget, naam: str, waarde: Any) -> None:
    """Assign only when different: no message to the browser for an unchanged value."""
    if getattr(widget, naam) != waarde:
        setattr(widget, naam, waarde)


_CSS: str | None = None


def stijl() -> w.HTML:
    """The page style (``stijl.css`` beside this module) as a widget."""
    global _CSS
    if _CSS is None:
        _CSS = resources.files("toolkit.apps").joinpath("stijl.css").read_text(encoding="utf-8")
    return w.HTML(value=f"<style>{_CSS}</style>", layout=w.Layout(display="none"))


# --- URL parameters ------------------------------------------------------------------------


def url_parameters() -> dict[str, str]:
    """The page's query parameters (``?code=...&t=...``), also in a preheated kernel.

    A preheated Voila kernel ran the notebook before the browser asked for the page; it
    learns the request from ``/voila/query/<kernel>``. This mirrors
    ``voila.utils.wait_for_request`` without importing ``voila`` (2.6 s and tens of MB
    of jupyter_server and nbconvert in every participant kernel). Call it once, before
    showing anything that depends on the parameters.
    """
    if os.environ.get("VOILA_PREHEAT", "False") != "False":
        _wacht_op_verzoek()
    return parse_query(os.environ.get("QUERY_STRING") or "")


def parse_query(qs: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(qs.lstrip("?"), keep_blank_values=True).items()}


def _wacht_op_verzoek() -> None:
    from websockets.sync.client import connect

    protocol = os.environ.get("VOILA_WS_PROTOCOL", "ws")
    ip = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    poort = os.environ.get("VOILA_APP_PORT", "8866")
    basis = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    kernel = os.environ.get("VOILA_KERNEL_ID", "")
    try:
        with connect(f"{protocol}://{ip}:{poort}{basis}voila/query/{kernel}", open_timeout=5) as ws:
            info = ws.recv()
    except (OSError, TimeoutError):
        return
    for k, v in json.loads(info).items():
        os.environ[k] = v


def pagina_basis() -> str:
    """``http://host:poort`` of the page as the browser asked for it (Voila's request env)."""
    if os.environ.get("WERKPLAATS_URL"):
        return os.environ["WERKPLAATS_URL"].rstrip("/")
    host = os.environ.get("SERVER_NAME") or "127.0.0.1"
    poort = os.environ.get("SERVER_PORT") or ""
    return f"http://{host}:{poort}" if poort else f"http://{host}"


# --- shared pieces of the three pages ----------------------------------------------------


def timer_tekst(bijeenkomst: Any, nu: Any) -> str:
    """'mm:ss' left on the room's timer, '(pauze)' when paused, '' without a timer."""
    if bijeenkomst.timer_eind is not None:
        rest = max(0, round((bijeenkomst.timer_eind - nu).total_seconds()))
        return f"{rest // 60:02d}:{rest % 60:02d}" if rest else "Tijd is om"
    if bijeenkomst.timer_rest is not None:
        rest = bijeenkomst.timer_rest
        return f"{rest // 60:02d}:{rest % 60:02d}"
    return ""


def qr_svg(data: str) -> str:
    """An inline SVG QR code, made in the kernel (no web service, works offline)."""
    import qrcode
    import qrcode.image.svg

    beeld = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    svg = beeld.to_string(encoding="unicode")
    return svg.split("?>", 1)[-1] if svg.startswith("<?xml") else svg


class Stapkop:
    """Title (``wp-current-step``) and question of the current onderdeel, on every page."""

    def __init__(self, leeg: str = "We beginnen zo.") -> None:
        self.leeg = leeg
        self.titel = label(leeg, "wp-current-step")
        self.vraag = html_widget("", "wp-vraag")
        self.widget = vak([self.titel, self.vraag], "wp-stapkop")

    def zet(self, onderdeel: Any) -> None:
        zet_waarde(self.titel, "value", onderdeel.titel if onderdeel is not None else self.leeg)
        zet_waarde(self.vraag, "value", f"<p>{tekst(onderdeel.vraag)}</p>" if onderdeel is not None else "")


class Adresbalk(anywidget.AnyWidget):
    """Puts the personal link in the browser's address bar (``history.replaceState``).

    After joining, a reload, a locked phone that reloads the tab, or a bookmark then opens
    the participant's own link, so they come back as themselves without having to save it.
    """

    _esm = """
    function render({ model }) {
      const zet = () => {
        const zoek = model.get("zoek");
        if (zoek && window.location.search !== zoek) {
          window.history.replaceState(null, "", window.location.pathname + zoek);
        }
      };
      zet();
      model.on("change:zoek", zet);
    }
    export default { render };
    """
    zoek = traitlets.Unicode("").tag(sync=True)
