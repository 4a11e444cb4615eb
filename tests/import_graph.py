"""The project's import graph, read from the source with `ast` (nothing is imported to build it).

Used by tests/test_layers.py to keep the layers pointing down (extract <- transform <- warehouse <-
flows) and the graph free of loops. Two graphs:

* every dependency (`build_graph()`): each `import` or `from ... import` anywhere in a module, at
  top level, inside a function (a lazy import is still a dependency) or under `if TYPE_CHECKING:`;
  the layer rule is checked on this one;
* what runs at import time (`build_graph(import_time=True)`): top-level statements only (class
  bodies, `if`/`try`/`with` blocks included; function bodies and `if TYPE_CHECKING:` left out);
  an import loop is a cycle in this one, the kind that makes a module see a half-initialised other.

Each import gives these edges:

* `import a.b` -> `a.b`;
* `from a import b` -> `a` (its `__init__` runs, and `b` may be a name defined there), plus `a.b`
  when `a/b.py` or `a/b/` is a module of the project;
* relative imports are resolved against the importing module's package.

Only edges between modules of the scanned packages are kept.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Lowest first: a package may import only packages at its own rank or below.
LAYERS = ("extract", "transform", "warehouse", "flows")

Graph = dict[str, set[str]]


def module_name(path: Path, root: Path) -> str:
    """`transform/figures/__init__.py` -> `transform.figures`; `extract/http.py` -> `extract.http`."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules(root: Path = ROOT, packages: Iterable[str] = LAYERS) -> dict[str, Path]:
    """Every module of the given top-level packages, by dotted name."""
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            found[module_name(path, root)] = path
    return found


def _resolve_relative(module: str, is_package: bool, level: int, name: str | None) -> str:
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (level - 1)] if level > 1 else base
    return ".".join([*base, name] if name else base)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_time_nodes(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of `body` that run when the module is imported, nested blocks included."""
    for node in body:
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _import_time_nodes(node.orelse)
            continue
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list):
                yield from _import_time_nodes([n for n in block if isinstance(n, ast.stmt)])
        for handler in getattr(node, "handlers", []):
            yield from _import_time_nodes(handler.body)


def imports_of(module: str, path: Path, known: Mapping[str, Path], import_time: bool = False) -> set[str]:
    """The project modules that `module` (at `path`) imports (only at import time, if asked)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    targets: set[str] = set()
    nodes = _import_time_nodes(tree.body) if import_time else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:
                source = _resolve_relative(module, is_package, node.level, node.module)
            targets.add(source)
            targets.update(f"{source}.{alias.name}" for alias in node.names)
    return {t for t in targets if t in known and t != module}


def build_graph(root: Path = ROOT, packages: Iterable[str] = LAYERS, import_time: bool = False) -> Graph:
    """module -> the project modules it imports (every dependency, or only those run at import time)."""
    known = project_modules(root, packages)
    return {name: imports_of(name, path, known, import_time) for name, path in known.items()}


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Every import loop: the strongly connected components with more than one module, sorted.

    Tarjan's algorithm, iterative (no recursion limit on deep graphs).
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return sorted(found)


def cycle_path(graph: Mapping[str, set[str]], component: list[str]) -> list[str]:
    """One concrete loop through a component, `a -> b -> ... -> a`, for a readable failure."""
    members = set(component)
    start = component[0]
    # breadth-first search from start back to start, inside the component
    paths = {child: [start, child] for child in sorted(graph[start] & members)}
    frontier = list(paths)
    while frontier and start not in paths:
        nxt = []
        for node in frontier:
            for child in sorted(graph[node] & members):
                if child not in paths:
                    paths[child] = [*paths[node], child]
                    nxt.append(child)
        frontier = nxt
    return paths.get(start, component)


def layer_of(module: str) -> str:
    return module.split(".", 1)[0]


def upward_imports(graph: Mapping[str, set[str]], layers: tuple[str, ...] = LAYERS) -> list[str]:
    """Every import from a lower layer to a higher one, as `importer -> imported`."""
    rank = {name: i for i, name in enumerate(layers)}
    bad = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            if rank[layer_of(target)] > rank[layer_of(module)]:
                bad.append(f"{module} -> {target}")
    return bad
