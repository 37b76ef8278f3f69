"""The layers of toolkit/ depend one way: read from the import statements themselves (ast).

model <- store <- analysis/charts <- apps <- notebooks; a wand module never borrows from a
phone module, and no module imports itself back through others. Imports under
``if TYPE_CHECKING:`` and inside functions count too: a type or a lazy import is still a
dependency someone must carry.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

TOOLKIT = Path(__file__).resolve().parent.parent / "toolkit"


def _modules(map_: Path) -> dict[str, Path]:
    modules = {}
    for pad in sorted(map_.rglob("*.py")):
        delen = list(pad.relative_to(map_.parent).with_suffix("").parts)
        if delen[-1] == "__init__":
            delen.pop()
        modules[".".join(delen)] = pad
    return modules


def _doel(naam: str, modules: dict[str, Path]) -> str | None:
    """The module of toolkit an imported name lives in (``toolkit.store.Store`` -> ``toolkit.store``)."""
    while naam and naam not in modules:
        naam = naam.rpartition(".")[0]
    return naam or None


def importgraaf(map_: Path = TOOLKIT) -> nx.DiGraph:
    """Module -> the toolkit modules it imports (absolute and relative imports, at any depth)."""
    modules = _modules(map_)
    graaf = nx.DiGraph()
    graaf.add_nodes_from(modules)
    for module, pad in modules.items():
        pakket = module if pad.name == "__init__.py" else module.rpartition(".")[0]
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"), str(pad))):
            if isinstance(knoop, ast.Import):
                namen = [alias.name for alias in knoop.names]
            elif isinstance(knoop, ast.ImportFrom):
                basis = knoop.module or ""
                if knoop.level:
                    boven = pakket.rsplit(".", knoop.level - 1)[0] if knoop.level > 1 else pakket
                    basis = f"{boven}.{basis}" if basis else boven
                namen = [f"{basis}.{alias.name}" for alias in knoop.names]
            else:
                continue
            for naam in namen:
                doel = _doel(naam, modules)
                if doel is not None and doel != module:
                    graaf.add_edge(module, doel)
    return graaf


def _in(module: str, laag: str) -> bool:
    return module == laag or module.startswith(laag + ".")


#: (from, to, why): a module in the first layer may not import one in the second.
VERBODEN = [
    ("toolkit.apps.weergave", "toolkit.apps.invoer", "een wand-module leent niets van een telefoon-module"),
    ("toolkit.store", "toolkit.apps", "de opslag weet niets van de pagina's"),
    ("toolkit.analysis", "toolkit.store", "analyse is puur: de opslag levert de rijen"),
    ("toolkit.analysis", "toolkit.apps", "analyse is puur"),
    ("toolkit.charts", "toolkit.store", "grafieken zijn puur: data erin, grafiek eruit"),
]


@pytest.fixture(scope="module")
def graaf() -> nx.DiGraph:
    return importgraaf()


def test_de_graaf_kent_de_lagen(graaf: nx.DiGraph) -> None:
    """Guards the test itself: a graph without these edges would let every rule pass."""
    assert graaf.has_edge("toolkit.store.tabellen", "toolkit.model")
    assert graaf.has_edge("toolkit.apps.wand", "toolkit.apps.basis")
    assert graaf.has_edge("toolkit.migrations.env", "toolkit.store.tabellen")


@pytest.mark.parametrize(("van", "naar", "waarom"), VERBODEN, ids=[f"{v}->{n}" for v, n, _ in VERBODEN])
def test_een_laag_importeert_niet_omhoog_of_opzij(graaf: nx.DiGraph, van: str, naar: str, waarom: str) -> None:
    fout = sorted(f"{a} -> {b}" for a, b in graaf.edges if _in(a, van) and _in(b, naar))
    assert not fout, f"{waarom}: {fout}"


#: What a werkvorm module may take from its own folder: the shared kit, never another werkvorm.
GEDEELD = {
    "toolkit.apps.invoer.kit",
    "toolkit.apps.weergave.vak",
    "toolkit.apps.weergave.regie",
    "toolkit.apps.weergave.sinds",
}


@pytest.mark.parametrize("map_", ["toolkit.apps.invoer", "toolkit.apps.weergave"])
def test_een_werkvorm_leent_niets_van_een_andere_werkvorm(graaf: nx.DiGraph, map_: str) -> None:
    assert graaf.has_edge("toolkit.apps.invoer.swot", "toolkit.apps.invoer.kit")  # the graph sees the folder
    fout = sorted(
        f"{a} -> {b}"
        for a, b in graaf.edges
        if _in(a, map_) and _in(b, map_) and b not in GEDEELD and b != map_ and a not in GEDEELD
    )
    assert not fout, f"een werkvorm neemt het gedeelde uit de kit, niet uit een andere werkvorm: {fout}"


def test_model_importeert_alleen_fouten(graaf: nx.DiGraph) -> None:
    assert set(graaf.successors("toolkit.model")) <= {"toolkit.fouten"}
    assert set(graaf.successors("toolkit.fouten")) == set()


def test_geen_kringloop_in_de_imports(graaf: nx.DiGraph) -> None:
    kringen = sorted(" -> ".join([*k, k[0]]) for k in nx.simple_cycles(graaf))
    assert not kringen, kringen


@pytest.mark.parametrize(
    ("bron", "verwacht"),
    [
        ("from toolkit.apps.invoer.tekst import bijdragen_van\n", ("toolkit.apps.weergave.x", "toolkit.apps.invoer.tekst")),
        ("from ..invoer import tekst\n", ("toolkit.apps.weergave.x", "toolkit.apps.invoer.tekst")),
        ("if TYPE_CHECKING:\n    from toolkit.store import Store\n", ("toolkit.apps.weergave.x", "toolkit.store")),
        ("def f():\n    import toolkit.store.regie\n", ("toolkit.apps.weergave.x", "toolkit.store.regie")),
    ],
)
def test_de_graaf_ziet_elke_vorm_van_import(tmp_path: Path, bron: str, verwacht: tuple[str, str]) -> None:
    """A copy of the tree with one extra module: every way of importing shows up as an edge."""
    import shutil

    kopie = tmp_path / "toolkit"
    shutil.copytree(TOOLKIT, kopie, ignore=shutil.ignore_patterns("__pycache__", "static", "schema"))
    (kopie / "apps" / "weergave" / "x.py").write_text(bron, encoding="utf-8")
    assert importgraaf(kopie).has_edge(*verwacht)
