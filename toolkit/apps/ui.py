"""The widget kit of the three live pages; light imports only (it runs on every phone).

Factories (:func:`knop`, :func:`html_widget`, :func:`label`, :func:`vak`), the message
with its live region (:class:`Melding`), a named choice (:class:`Keuze`), the vote list
(:class:`Stemlijst`), own entries (:class:`EigenLijst`), keyed rows reused on every redraw
(:class:`Rijen`) and the page pieces (:class:`Stapkop`, :class:`Programma`). A werkvorm view
builds on these; what is valid is never decided here.

Every piece of participant text that goes into an ``HTML`` widget passes :func:`veilig`
(``html.escape``) first: the ``HTML`` widget renders markup, ``Label`` does not.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Hashable
from importlib import resources
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as w
import traitlets

from toolkit.fouten import WerkplaatsFout


def veilig(waarde: object) -> str:
    """Escaped text for inside an ``HTML`` widget (quotes too, for attributes)."""
    return html.escape(str(waarde if waarde is not None else ""), quote=True)


# The factories below give a widget its classes and layout when it is made: each change
# after that is one more message from the kernel through the server to the browser, and a
# phone that joins builds a few dozen widgets at once (issue 15).


# Layouts and styles are shared. In ipywidgets each widget has a Layout and a style model
# of its own: two more models to open and send for every button or text, over half of what
# a joining phone sends. Widgets that look alike share one (a few dozen per kernel, sent
# once), and :func:`zet_layout` changes a widget's look by pointing it at another shared
# layout, never by changing one that others use.

_LAYOUTS: dict[tuple[tuple[str, Any], ...], w.Layout] = {}
_STIJLEN: dict[type, w.Widget] = {}


def gedeelde_layout(**kenmerken: Any) -> w.Layout:
    """The one Layout with these properties (``None`` ones left out), shared."""
    sleutel = tuple(sorted((k, v) for k, v in kenmerken.items() if v is not None))
    layout = _LAYOUTS.get(sleutel)
    if layout is None or layout.comm is None:  # closed (a test's close_all): make it again
        layout = _LAYOUTS[sleutel] = w.Layout(**dict(sleutel))
    return layout


#: The shared layouts a phone's panels use besides those of the join form: made with the form
#: (:func:`maak_gedeelde_layouts`), they travel in the page's first state reply instead of as
#: four more messages at "Doe mee", when the whole room clicks at once.
PANEEL_LAYOUTS: tuple[dict[str, str], ...] = (
    {"display": "none"},
    {"display": "none", "width": "auto"},
    {"display": "none", "width": "100%"},
    {"flex_flow": "row wrap", "width": "100%"},
)


def maak_gedeelde_layouts(kenmerken: tuple[dict[str, str], ...] = PANEEL_LAYOUTS) -> None:
    for k in kenmerken:
        gedeelde_layout(**k)


def gedeelde_stijl(widget_klasse: type) -> Any:
    """The default style of a widget class (``w.HTML``, ``w.Text``, ...), shared: nothing
    here changes a style after the widget is made."""
    stijl = _STIJLEN.get(widget_klasse)
    if stijl is None or stijl.comm is None:
        stijl = _STIJLEN[widget_klasse] = widget_klasse.class_traits()["style"].klass()
    return stijl


def _layout_kenmerken(layout: w.Layout) -> dict[str, Any]:
    return {k: getattr(layout, k) for k in layout.keys if not k.startswith("_") and getattr(layout, k) is not None}


def zet_layout(widget: w.DOMWidget, **kenmerken: Any) -> None:
    """Change how a widget is laid out (``display="none"`` hides it): it gets the shared
    layout that has these changes; the layout it had is left as it was, for the others."""
    huidig = _layout_kenmerken(widget.layout)
    if all(huidig.get(k) == v for k, v in kenmerken.items()):
        return
    widget.layout = gedeelde_layout(**(huidig | kenmerken))


def html_widget(inhoud: str = "", *klassen: str, **kwargs: Any) -> w.HTML:
    """An ``HTML`` widget; ``inhoud`` must already be escaped markup."""
    kwargs.setdefault("layout", gedeelde_layout())
    kwargs.setdefault("style", gedeelde_stijl(w.HTML))
    return w.HTML(value=inhoud, _dom_classes=klassen, **kwargs)


def label(waarde: str = "", *klassen: str) -> w.Label:
    """A ``Label``: its value is shown as text, never as markup."""
    return w.Label(
        value=waarde,
        layout=gedeelde_layout(width="auto", max_width="100%"),
        style=gedeelde_stijl(w.Label),
        _dom_classes=klassen,
    )


def knop(tekst_: str, *klassen: str, stijl: str = "", tooltip: str = "", verborgen: bool = False) -> w.Button:
    return w.Button(
        description=tekst_,
        button_style=stijl,
        tooltip=tooltip or tekst_,
        layout=gedeelde_layout(width="auto", display="none" if verborgen else None),
        style=gedeelde_stijl(w.Button),
        _dom_classes=("wp-knop", *klassen),
    )


def vak(kinderen: list[w.Widget] | tuple[w.Widget, ...] = (), *klassen: str, rij: bool = False) -> w.Box:
    """A VBox (or HBox with ``rij``) that wraps on narrow screens."""
    layout = gedeelde_layout(width="100%", flex_flow="row wrap") if rij else gedeelde_layout(width="100%")
    return (w.HBox if rij else w.VBox)(list(kinderen), layout=layout, _dom_classes=klassen)


def zet_klasse(widget: w.DOMWidget, klasse: str, aan: bool) -> None:
    if aan and klasse not in widget._dom_classes:
        widget.add_class(klasse)
    elif not aan and klasse in widget._dom_classes:
        widget.remove_class(klasse)


_HIER = Path(__file__).parent


class _Anywidget(anywidget.AnyWidget):
    """An anywidget on a shared layout (see :func:`gedeelde_layout`)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("layout", gedeelde_layout())
        super().__init__(**kwargs)


class _MeldingVak(_Anywidget):
    """The browser side of :class:`Melding`: a persistent ``role="status"`` region."""

    _esm = _HIER / "melding.js"
    tekst = traitlets.Unicode("").tag(sync=True)
    soort = traitlets.Unicode("").tag(sync=True)
    teller = traitlets.Int(0).tag(sync=True)


class Melding:
    """Feedback under a form: an error, a confirmation or a short status (dots left).

    The message lives in one persistent live region (``role="status"``) that stays in the
    page while empty, so a screen reader announces each new message, also the same
    "Opgeslagen" twice. Errors carry ``wp-melding-fout``/``wp-error``, confirmations
    ``wp-melding-ok``/``wp-saved``; the text is set as text, never as markup.
    """

    def __init__(self, *klassen: str, begeleider: bool = False) -> None:
        self.widget = _MeldingVak(_dom_classes=("wp-melding", *klassen))
        #: The facilitator also sees the cause of an error (e.g. why storing failed).
        self.begeleider = begeleider
        self.tekst = ""
        self.soort = ""

    def fout(self, bericht: str) -> None:
        self._zet(bericht, "fout")

    def ok(self, bericht: str) -> None:
        self._zet(bericht, "ok")

    def info(self, bericht: str) -> None:
        """A status line that is neither error nor confirmation (e.g. the dots left)."""
        if (bericht, "info") != (self.tekst, self.soort):
            self._zet(bericht, "info")

    def wis(self) -> None:
        if self.tekst or self.soort:
            self._zet("", "")

    def _zet(self, bericht: str, soort: str) -> None:
        self.tekst, self.soort = bericht, soort
        with self.widget.hold_sync():
            self.widget.tekst = bericht
            self.widget.soort = soort
            self.widget.teller += 1

    def vang(self, actie: Callable[[], Any], gelukt: str | None = None) -> Any:
        """Run ``actie``; show the Dutch message of a WerkplaatsFout instead of raising."""
        try:
            uitkomst = actie()
        except WerkplaatsFout as fout:
            self.fout(fout.voor_begeleider if self.begeleider else str(fout))
            return None
        if gelukt:
            self.ok(gelukt)
        else:
            self.wis()
        return uitkomst


class Keuze(_Anywidget):
    """One choice among a few options, as a named radio group (scores, SWOT vak, termijn).

    Replaces ``ToggleButtons``, which show the choice only by colour and have no group name:
    here the group is named (``naam``, e.g. the aspect and the solution), each option is a
    native radio button with a visible label, and ``uitleg[i]`` is read with option ``i``.
    ``value`` is the chosen option's value (``None`` before a choice), as with ipywidgets.
    """

    _esm = _HIER / "keuze.js"
    labels = traitlets.List(traitlets.Unicode()).tag(sync=True)
    uitleg = traitlets.List(traitlets.Unicode()).tag(sync=True)
    naam = traitlets.Unicode("").tag(sync=True)
    index = traitlets.Int(None, allow_none=True).tag(sync=True)
    value = traitlets.Any(None, allow_none=True)

    def __init__(
        self,
        options: list[tuple[str, Any]],
        value: Any = None,
        *,
        naam: str,
        uitleg: list[str] | tuple[str, ...] = (),
        **kwargs: Any,
    ) -> None:
        self._waarden = [waarde for _label, waarde in options]
        kwargs["_dom_classes"] = ("wp-keuze", *kwargs.get("_dom_classes", ()))
        super().__init__(labels=[str(label) for label, _w in options], uitleg=list(uitleg), naam=naam, **kwargs)
        self.observe(self._van_index, names="index")
        self.observe(self._van_waarde, names="value")
        self.value = value

    @property
    def options(self) -> list[tuple[str, Any]]:
        return list(zip(self.labels, self._waarden, strict=True))

    def _van_index(self, change: dict[str, Any]) -> None:
        waarde = None if change["new"] is None else self._waarden[change["new"]]
        if waarde != self.value:
            self.value = waarde

    def _van_waarde(self, change: dict[str, Any]) -> None:
        if change["new"] is not None and change["new"] not in self._waarden:
            raise traitlets.TraitError(f"{change['new']!r} is geen keuze van {self.naam!r}")
        index = None if change["new"] is None else self._waarden.index(change["new"])
        if index != self.index:
            self.index = index


class Stemlijst(_Anywidget):
    """The entries to put dots on, each with "+ stip"/"− stip" buttons that name their entry.

    ``zet(items)`` with ``(id, tekst, mijn_stippen)`` changes texts and counts in place; a
    click calls ``bij_stem(id)`` or ``bij_terug(id)`` in the kernel (or call ``stem(id)``/
    ``terug(id)`` directly, as a test does). Deciding whether a dot is allowed is the store's.
    """

    _esm = _HIER / "stemlijst.js"
    items = traitlets.List(traitlets.Dict()).tag(sync=True)

    def __init__(self, bij_stem: Callable[[int], Any], bij_terug: Callable[[int], Any], **kwargs: Any) -> None:
        super().__init__(**{**kwargs, "_dom_classes": ("wp-stemlijst-vak", *kwargs.get("_dom_classes", ()))})
        self.bij_stem, self.bij_terug = bij_stem, bij_terug
        self.on_msg(self._bericht)

    def zet(self, items: list[tuple[int, str, int]]) -> None:
        nieuw = [{"id": i, "tekst": str(t), "mijn": int(m)} for i, t, m in items]
        if nieuw != self.items:
            self.items = nieuw

    def stem(self, doel_id: int) -> None:
        self.bij_stem(doel_id)

    def terug(self, doel_id: int) -> None:
        self.bij_terug(doel_id)

    def _bericht(self, _widget: Any, inhoud: dict[str, Any], _buffers: Any) -> None:
        if "stem" in inhoud:
            self.stem(int(inhoud["stem"]))
        elif "terug" in inhoud:
            self.terug(int(inhoud["terug"]))


class Programma(_Anywidget):
    """The regiekamer's programme as navigation: a ``nav`` landmark named ``naam`` ("Programma").

    It holds "Vorige"/"Volgende" and one row per onderdeel (``zet``: dicts with ``id``,
    ``titel``, ``tekst`` as shown, ``klein`` and ``huidig``), each with "Ga hierheen", ↑, ↓,
    "Bewerk" and "Verwijder" buttons that name their onderdeel ("Omhoog: <titel>"). A click
    calls ``acties[actie]()`` (vorige, volgende) or ``acties[actie](id)`` (ga, op, neer,
    bewerk, weg) in the kernel; :meth:`doe` does the same, as a test does.
    """

    _esm = _HIER / "programma.js"
    naam = traitlets.Unicode("Programma").tag(sync=True)
    rijen = traitlets.List(traitlets.Dict()).tag(sync=True)

    ZONDER_ID = ("vorige", "volgende")
    MET_ID = ("ga", "op", "neer", "bewerk", "weg")

    def __init__(self, acties: dict[str, Callable[..., Any]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.acties = acties
        self.add_class("wp-programma-vak")
        self.on_msg(self._bericht)

    def zet(self, rijen: list[dict[str, Any]]) -> None:
        if rijen != self.rijen:
            self.rijen = rijen

    def rij(self, onderdeel_id: int) -> dict[str, Any] | None:
        return next((r for r in self.rijen if r["id"] == onderdeel_id), None)

    def doe(self, actie: str, onderdeel_id: int | None = None) -> None:
        if actie in self.ZONDER_ID:
            self.acties[actie]()
        elif actie in self.MET_ID and onderdeel_id is not None:
            self.acties[actie](int(onderdeel_id))

    def _bericht(self, _widget: Any, inhoud: dict[str, Any], _buffers: Any) -> None:
        self.doe(str(inhoud.get("actie", "")), inhoud.get("id"))


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


class _EigenRij:
    """One own entry: its text, "Wijzig" where it can be changed, and "Intrekken"."""

    def __init__(self, lijst: EigenLijst, sleutel: Hashable) -> None:
        self.sleutel = sleutel
        inhoud, naam = lijst.inhoud.get(sleutel, ("", ""))  # made with its values: no update after
        breed = gedeelde_layout(width="auto", max_width="100%", flex="1 1 auto")
        klassen = ("wp-eigen-tekst",)
        klasse = w.Label if lijst.als_tekst else w.HTML
        self.tekst = klasse(value=inhoud, layout=breed, style=gedeelde_stijl(klasse), _dom_classes=klassen)
        knoppen = []
        self.wijzig: w.Button | None = None
        if lijst.bij_wijzig is not None:
            bij_wijzig = lijst.bij_wijzig
            self.wijzig = knop("Wijzig", "wp-edit-button", tooltip=f"Wijzig: {naam}")
            self.wijzig.on_click(lambda _b: bij_wijzig(self.sleutel))
            knoppen.append(self.wijzig)
        self.trek_in = knop("Intrekken", "wp-withdraw-button", tooltip=f"Intrekken: {naam}")
        self.trek_in.on_click(lambda _b: lijst.bij_trek_in(self.sleutel))
        knoppen.append(self.trek_in)
        self.widget = vak([self.tekst, vak(knoppen, "wp-knoppen", rij=True)], "wp-eigen", "wp-own-item")

    def zet(self, inhoud: str, naam: str) -> None:
        zet_waarde(self.tekst, "value", inhoud)
        if self.wijzig is not None:
            zet_waarde(self.wijzig, "tooltip", f"Wijzig: {naam}")
        zet_waarde(self.trek_in, "tooltip", f"Intrekken: {naam}")


class EigenLijst:
    """What this participant sent in this onderdeel, each entry with "Wijzig" and "Intrekken".

    ``zet([(id, inhoud, naam)])`` shows the entries in order: ``inhoud`` is the row's text
    (escaped markup, or plain text with ``als_tekst``), ``naam`` names the entry in the
    buttons' tooltips. Rows are built once per entry and updated in place; without entries
    the list says ``leeg``. A click calls ``bij_wijzig(id)`` or ``bij_trek_in(id)``.
    """

    def __init__(
        self,
        bij_trek_in: Callable[[Any], Any],
        bij_wijzig: Callable[[Any], Any] | None = None,
        *,
        leeg: str = "Je hebt nog niets toegevoegd.",
        als_tekst: bool = False,
    ) -> None:
        self.bij_trek_in, self.bij_wijzig, self.als_tekst = bij_trek_in, bij_wijzig, als_tekst
        self.inhoud: dict[Hashable, tuple[str, str]] = {}
        self.box = vak([])
        self.leeg = html_widget(
            f"<p class='wp-noot'>{veilig(leeg)}</p>" if leeg else "", layout=gedeelde_layout(display=None if leeg else "none")
        )
        self.widget = vak([self.box, self.leeg], "wp-eigen-lijst", "wp-own-list")
        self._rijen = Rijen(self.box, lambda sleutel: _EigenRij(self, sleutel))

    @property
    def rijen(self) -> dict[Hashable, _EigenRij]:
        return self._rijen.rijen

    def zet(self, items: list[tuple[Hashable, str, str]]) -> None:
        per_id = self.inhoud = {sleutel: (inhoud, naam) for sleutel, inhoud, naam in items}
        self._rijen.zet(list(per_id), lambda rij, sleutel: rij.zet(*per_id[sleutel]))
        zet_layout(self.leeg, display="none" if per_id or not self.leeg.value else None)


def zet_waarde(widget: w.Widget, naam: str, waarde: Any) -> None:
    """Assign only when different: no message to the browser for an unchanged value."""
    if getattr(widget, naam) != waarde:
        setattr(widget, naam, waarde)


_CSS: str | None = None


def stijl() -> list[w.HTML]:
    """The page style (``stijl.css``, in the Voila template's static folder) as a widget to
    put first in a page; none on the Werkplaats server, whose template links the file."""
    global _CSS
    if os.environ.get("WERKPLAATS_STIJL_IN_PAGINA"):
        return []
    if _CSS is None:
        _CSS = (
            resources.files("toolkit")
            .joinpath("static/jupyter/voila/templates/werkplaats/static/stijl.css")
            .read_text(encoding="utf-8")
        )
    return [w.HTML(value=f"<style>{_CSS}</style>", layout=w.Layout(display="none"))]


# --- URL parameters ------------------------------------------------------------------------


def url_parameters() -> dict[str, str]:
    """The page's query parameters (``?code=...&t=...``), also in a preheated kernel.

    One implementation of Voila's preheat protocol: :func:`toolkit.server.url_parameters`
    (stdlib and ``websockets`` only, so a participant kernel stays light). Call it once,
    before showing anything that depends on the parameters.
    """
    from toolkit.server import url_parameters as lees

    return lees()


def pagina_basis() -> str:
    """``http://host:poort`` of the page as the browser asked for it (Voila's request env)."""
    if os.environ.get("WERKPLAATS_URL"):
        return os.environ["WERKPLAATS_URL"].rstrip("/")
    host = os.environ.get("SERVER_NAME") or "127.0.0.1"
    poort = os.environ.get("SERVER_PORT") or ""
    return f"http://{host}:{poort}" if poort else f"http://{host}"


# --- shared pieces of the three pages ----------------------------------------------------


def timer_tekst(bijeenkomst: Any, nu: Any) -> str:
    """'mm:ss' left on the room's timer, 'Tijd is om', or '' without a timer (:class:`model.Timer`)."""
    from toolkit.model import Timer

    return Timer.van(bijeenkomst).tekst(nu)


def qr_svg(data: str) -> str:
    """An inline SVG QR code, made in the kernel (no web service, works offline)."""
    import qrcode
    import qrcode.image.svg

    beeld = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    svg = beeld.to_string(encoding="unicode")
    return svg.split("?>", 1)[-1] if svg.startswith("<?xml") else svg


class Stapkop(_Anywidget):
    """Title (a heading, ``wp-current-step``) and question of the current onderdeel, on every page.

    It also keeps the page title ("<stap> · <bijeenkomst> · Werkplaats") up to date. With
    ``volg_focus`` (the phone) a new step is announced ("Nu: <stap>") and the focus moves to
    its heading, so a keyboard or screen reader user starts reading there;
    :meth:`focus_op_invoer` moves it to the step's first field (after joining).
    """

    _esm = _HIER / "stapkop.js"
    titel = traitlets.Unicode("").tag(sync=True)
    vraag = traitlets.Unicode("").tag(sync=True)
    bijeenkomst = traitlets.Unicode("").tag(sync=True)
    niveau = traitlets.Int(2).tag(sync=True)
    zeg = traitlets.Unicode("").tag(sync=True)
    focus_op = traitlets.Unicode("kop").tag(sync=True)
    focus_teller = traitlets.Int(0).tag(sync=True)

    def __init__(self, leeg: str = "We beginnen zo.", *, bijeenkomst: str = "", volg_focus: bool = False) -> None:
        super().__init__(titel=leeg, bijeenkomst=bijeenkomst, _dom_classes=("wp-stapkop",))
        self.leeg = leeg
        self.volg_focus = volg_focus
        self._onderdeel_id: object = None

    @property
    def widget(self) -> Stapkop:
        return self

    def zet(self, onderdeel: Any) -> None:
        nieuw_id = onderdeel.id if onderdeel is not None else None
        with self.hold_sync():
            zet_waarde(self, "titel", onderdeel.titel if onderdeel is not None else self.leeg)
            zet_waarde(self, "vraag", onderdeel.vraag if onderdeel is not None else "")
            if self.volg_focus and nieuw_id != self._onderdeel_id and onderdeel is not None:
                self.zeg = f"Nu: {onderdeel.titel}"
                self.focus_op = "kop"
                self.focus_teller += 1
        self._onderdeel_id = nieuw_id

    def focus_op_invoer(self) -> None:
        with self.hold_sync():
            self.zeg = ""
            self.focus_op = "invoer"
            self.focus_teller += 1


class Adresbalk(_Anywidget):
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
