"""The package's layers import downward only (DEVELOPERS architecture), engines keep to each other's public
face, and no module imports itself through a circle.

    model  <-  reference, store  <-  figures, obligations, news  <-  viz  <-  brief, allied  <-  cli, web

"Public face" of an engine: the package itself (``allied.news``), not its modules (``allied.news.merge``).
Imports inside functions count for the layers (they are still dependencies); ``TYPE_CHECKING`` imports
count too. Circles are looked for among the imports that run at import time.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "allied"
LAYERS = {
    "datacache": 0,  # allied/datacache.py: derived data kept between runs; imports nothing of allied's
    "model": 0,
    "reference": 1,
    "store": 1,
    "figures": 2,
    "obligations": 2,
    "news": 2,
    "viz": 3,
    "brief": 4,
    "": 4,  # allied/__init__.py, allied/__main__.py: the public API
    "cli": 5,
    "web": 5,
}
ENGINES = {"figures", "obligations", "news"}


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, top_level: bool = False) -> set[str]:
    """Modules of allied that ``path`` imports (with ``top_level``: only those run when it is imported)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    me = _module(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    out = set()
    nodes = list(_top_level(tree.body)) if top_level else list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("allied")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")
                base = ".".join(up[: len(up) - node.level + 1] + ([base] if base else []))
            if base.startswith("allied"):
                modules = {f"{base}.{a.name}" for a in node.names if _is_module(f"{base}.{a.name}")}
                out |= modules
                if len(modules) < len(node.names):
                    out.add(base)
    return out


def _top_level(body: list[ast.stmt]) -> list[ast.stmt]:
    """Statements run at import time: the module body and its if/try blocks (TYPE_CHECKING included)."""
    out: list[ast.stmt] = []
    for node in body:
        out.append(node)
        if isinstance(node, ast.If | ast.Try):
            for part in (node.body, node.orelse, *[h.body for h in getattr(node, "handlers", [])]):
                out += _top_level(part)
    return out


def _is_module(name: str) -> bool:
    path = SRC.parent / name.replace(".", "/")
    return path.is_dir() or path.with_suffix(".py").exists()


def _graph(top_level: bool = False) -> dict[str, set[str]]:
    return {_module(p): _imports(p, top_level) for p in SRC.rglob("*.py")}


def _top(module: str) -> str:
    parts = module.split(".")
    if parts[1:] == ["__main__"]:  # python -m allied: the command line
        return "cli"
    return parts[1] if len(parts) > 1 else ""


def test_layers_import_downward_only() -> None:
    bad = []
    for mod, deps in _graph().items():
        for dep in deps:
            if LAYERS[_top(dep)] > LAYERS[_top(mod)]:
                bad.append(f"{mod} -> {dep}")
    assert bad == []


# Where the brief and viz still reach into an engine's modules: to be replaced by the engine's public
# functions. A new entry fails the test; removing one is progress.
KNOWN_INTERNAL = {
    "allied.brief.build -> allied.obligations.api",
    "allied.brief.build -> allied.figures.api",
    "allied.viz.coverage -> allied.obligations.geodata",
    "allied.viz.coverage -> allied.obligations.coverage",
    "allied.viz.itinerary -> allied.obligations.geodata",
}


def test_engines_use_each_others_public_face_only() -> None:
    bad = []
    for mod, deps in _graph().items():
        for dep in deps:
            if _top(dep) in ENGINES and _top(dep) != _top(mod) and _top(mod) in ENGINES:
                bad.append(f"{mod} -> {dep}")
            elif _top(dep) in ENGINES and dep.count(".") > 1 and _top(mod) in ("viz", "brief"):
                bad.append(f"{mod} -> {dep}")
    assert sorted(set(bad) - KNOWN_INTERNAL) == []


def test_no_import_circle() -> None:
    """Among the imports run when a module is imported (a deliberate import inside a function, made to load a
    heavy or optional part on first use, is not run then and closes no circle)."""
    graph = _graph(top_level=True)
    state: dict[str, int] = {}
    circles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if dep not in graph or dep == node:
                continue
            if state.get(dep) == 1 and not _package_of(node, dep):
                loop = trail[trail.index(dep) :] if dep in trail else [node]
                circles.append(" -> ".join([*loop, dep]))
            elif dep not in state:
                visit(dep, [*trail, dep])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert circles == []


def _package_of(a: str, b: str) -> bool:
    """A package's ``__init__`` re-exporting its own modules is no circle."""
    return a.startswith(b + ".") or b.startswith(a + ".")
