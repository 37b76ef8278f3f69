"""What every werkvorm view on the wand and in the regiekamer shares: its box, style and charts.

Charts are inline SVG (no vega JavaScript from a CDN): the room works offline.
"""

from __future__ import annotations

import html
import logging

import ipywidgets as w

from toolkit import charts
from toolkit.apps import ui

#: Layout of the werkvorm views on the wand and in the regiekamer, on top of ``stijl.css``.
WERKVORM_STIJL = """
.wp-werkvorm .widget-html, .wp-werkvorm .widget-html-content { font-size: inherit !important; line-height: 1.35 !important; }
.wp-werkvorm .wp-grafiek svg { display: block; max-width: 100%; height: auto; width: auto; }
.wp-wand .wp-werkvorm .wp-grafiek svg { max-height: calc(100vh - 12.5em); }
.wp-werkvorm .wp-zijpaneel { flex: 1 1 18em; max-width: 36em; background: #f4f6f9; border-radius: 10px;
  padding: 0.3em 0.9em; margin: 0 0 0.6em 0; }
.wp-werkvorm .wp-zijpaneel ul { padding-left: 1.1em; margin: 0.3em 0; }
.wp-werkvorm li.wp-wall-item, .wp-werkvorm tr.wp-wall-item { background: none; box-shadow: none; width: auto;
  padding: 0.15em 0; border-radius: 0; }
.wp-werkvorm .wp-signalen { background: #fdf0e6; border-left: 6px solid #b35900; border-radius: 8px;
  padding: 0.3em 0.9em; margin: 0.4em 0; }
.wp-werkvorm .wp-stippen { color: #7a1d00; font-weight: 700; white-space: nowrap; }
.wp-werkvorm .wp-wall-count { font-size: 1.6em; }
.wp-werkvorm .wp-leeg { color: #4a4a4a; font-style: italic; }
.wp-werkvorm .wp-swot { border-collapse: separate; border-spacing: 6px; width: 100%; table-layout: fixed; }
.wp-werkvorm .wp-swot td { vertical-align: top; padding: 0.3em 0.8em 0.6em; border-radius: 10px; width: 50%; }
.wp-werkvorm .wp-swot h3 { margin: 0.2em 0; font-size: 1.2em; }
.wp-werkvorm .wp-swot ul { margin: 0; padding-left: 1.1em; }
.wp-werkvorm .wp-swot-sterkte { background: #e4f2e7; } .wp-werkvorm .wp-swot-zwakte { background: #fbe7e5; }
.wp-werkvorm .wp-swot-kans { background: #e3eefa; } .wp-werkvorm .wp-swot-bedreiging { background: #fff1d0; }
.wp-werkvorm .wp-tabel { border-collapse: collapse; width: 100%; }
.wp-werkvorm .wp-tabel th, .wp-werkvorm .wp-tabel td { text-align: left; vertical-align: top; padding: 0.3em 0.6em;
  border-bottom: 1px solid #c4c9d0; }
.wp-werkvorm .wp-tabel th { background: #f4f6f9; }
.wp-werkvorm .wp-confrontaties td:first-child, .wp-werkvorm .wp-confrontaties th:first-child { white-space: nowrap; }
.wp-werkvorm .wp-stip-groot { font-size: 1.3em; font-weight: 700; line-height: 1.25; background: #e3eefa;
  border-left: 8px solid #0b5cad; border-radius: 8px; padding: 0.3em 0.8em; margin: 0.2em 0 0.4em; }
.wp-werkvorm .wp-stip-groot span { display: block; font-size: 0.75em; letter-spacing: 0.08em; text-transform: uppercase;
  color: #4a4a4a; }
.wp-werkvorm .wp-stip-groot p { margin: 0.1em 0; }
.wp-werkvorm .wp-uitspraken { font-size: 1em; }
.wp-werkvorm .wp-uitspraken li { margin: 0.2em 0; }
.wp-werkvorm .wp-regie-rij { border-bottom: 1px solid #c4c9d0; padding: 2px 0; align-items: center; }
"""


def stijl() -> w.HTML:
    """The werkvorm view style as an invisible widget; every wand/regie paneel carries one."""
    return w.HTML(f"<style>{WERKVORM_STIJL}</style>", layout=w.Layout(display="none"))


def werkvorm_vak(kinderen: list[w.Widget], *klassen: str, rij: bool = False) -> w.Box:
    """The root box of a werkvorm view: style, the ``wp-wall`` contract class and its own classes."""
    box = (w.HBox if rij else w.VBox)([stijl(), *kinderen], layout=w.Layout(width="100%"))
    if rij:
        ui.zet_layout(box, flex_flow="row wrap", align_items="flex-start")
    for klasse in ("wp-wall", "wp-werkvorm", *klassen):
        box.add_class(klasse)
    return box


def svg(chart: object, beschrijving: str) -> str:
    """A chart as inline SVG inside a wrapper the page style can size.

    The wrapper is an image with ``beschrijving`` as its name (WCAG 1.1.1): a short Dutch
    summary of what the chart shows, made from the same data. It may hold participant
    text; it is escaped here. A chart that cannot be drawn says so in its place; the rest
    of the page lives on.
    """
    try:
        teken = charts.naar_svg(chart)
    except Exception:  # noqa: BLE001 - GrafiekFout, or a spec Altair refuses: never the page's end
        logging.getLogger(__name__).warning("grafiek niet getekend", exc_info=True)
        return f"<p class='wp-leeg wp-grafiek-fout' role='status'>{charts.NIET_BESCHIKBAAR}</p>"
    naam = html.escape(" ".join(str(beschrijving).split()), quote=True)
    return f"<div class='wp-grafiek' role='img' aria-label='{naam}'>{teken}</div>"


def opsomming(namen: object, hoogstens: int = 8) -> str:
    """'a, b en c' (the first ``hoogstens``, then 'en n meer') for a chart's description."""
    lijst = [" ".join(str(n).split()) for n in namen]
    lijst = [n for n in lijst if n]
    if len(lijst) > hoogstens:
        rest = len(lijst) - hoogstens
        lijst = [*lijst[:hoogstens], f"{rest} meer"]
    if len(lijst) <= 1:
        return "".join(lijst)
    return ", ".join(lijst[:-1]) + " en " + lijst[-1]
