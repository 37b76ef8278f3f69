"""axe-core in the browser tests: inject it from disk, run the WCAG 2.1 AA rules, report plainly.

axe-core is the npm package that ``scripts/test`` installs into ``.node/`` (never a CDN).
:func:`controleer` makes the viewport as tall as the page's content first (axe skips the
contrast of what is scrolled out of view), runs the rules and restores the viewport.
"""

from __future__ import annotations

from pathlib import Path

AXE_JS = Path(__file__).resolve().parents[2] / ".node" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
#: Best-practice rules the issue asks for on top of the WCAG tags.
EXTRA_REGELS = ("region", "heading-order", "label-title-only")

_RUN = """
async ([tags, extra]) => {
  const ids = axe.getRules(tags).map(r => r.ruleId).concat(extra);
  const uit = await axe.run(document, {runOnly: {type: 'rule', values: ids}, resultTypes: ['violations']});
  return uit.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                              summary: (n.failureSummary || '').slice(0, 300)})),
  }));
}
"""

_HOOGTE = """
() => {
  let h = Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);
  for (const el of document.querySelectorAll('body *')) {
    const s = getComputedStyle(el);
    if (/(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1) {
      h = Math.max(h, el.scrollHeight + el.getBoundingClientRect().top + window.scrollY);
    }
  }
  return Math.ceil(h);
}
"""

_STIL = """
(ms) => new Promise(klaar => {
  let t = setTimeout(() => { obs.disconnect(); klaar(true); }, ms);
  const obs = new MutationObserver(() => { clearTimeout(t); t = setTimeout(() => { obs.disconnect(); klaar(true); }, ms); });
  obs.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
})
"""


def wacht_tot_stil(page, ms: int = 400) -> None:
    """Wait until the page's DOM has not changed for ``ms`` milliseconds (widgets settled)."""
    page.evaluate(_STIL, ms)


def controleer(page, max_hoogte: int = 20_000) -> list[dict]:
    """The axe violations of the page as it is now, with the viewport as tall as its content."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    oud = page.viewport_size
    hoogte = min(max_hoogte, max(oud["height"], page.evaluate(_HOOGTE)))
    if hoogte != oud["height"]:
        page.set_viewport_size({"width": oud["width"], "height": hoogte})
        wacht_tot_stil(page, 150)
    try:
        return page.evaluate(_RUN, [list(TAGS), list(EXTRA_REGELS)])
    finally:
        if hoogte != oud["height"]:
            page.set_viewport_size(oud)


def beschrijf(waar: str, overtredingen: list[dict]) -> list[str]:
    """One readable line per violated rule: where, rule, impact, how many nodes, the first two."""
    regels = []
    for v in overtredingen:
        voorbeelden = "; ".join(f"{n['target']} {n['html']!r}" for n in v["nodes"][:2])
        regels.append(f"{waar}: {v['id']} ({v['impact']}, {len(v['nodes'])}x) {v['help']} -- {voorbeelden}")
    return regels
