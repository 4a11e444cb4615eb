"""Layers only point down and nothing imports in a loop (issue 11).

extract must not import transform, warehouse or flows; transform must not import warehouse or
flows; warehouse must not import flows; no package imports tests; and nothing imports in a loop
at import time. The graph is read with `ast` (tests/import_graph.py): a lazy import inside a
function counts for the layers, not for loops.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.import_graph import LAYERS, build_graph, cycle_path, cycles, upward_imports


@pytest.fixture(scope="module")
def graph():
    return build_graph()


def test_the_graph_sees_the_packages_and_their_edges(graph):
    # a sanity floor, so that an empty or mis-rooted graph cannot pass the checks below
    assert {"extract.http", "transform.parsers.csc", "warehouse.load", "flows.cli"} <= set(graph)
    assert "extract.archive" in graph["extract.http"]
    assert "transform.parquet_store" in graph["warehouse.load"]
    # lazy imports inside functions count: flows.cli imports most of its layers in its commands
    assert "warehouse.queries" in graph["flows.cli"]


def test_no_layer_imports_a_layer_above_it(graph):
    bad = upward_imports(graph)
    assert not bad, "imports that point up the layers " + " <- ".join(LAYERS) + ":\n" + "\n".join(bad)


def test_no_package_imports_the_tests():
    with_tests = build_graph(packages=(*LAYERS, "tests"))
    bad = [
        f"{module} -> {target}"
        for module, targets in sorted(with_tests.items())
        if not module.startswith("tests")
        for target in sorted(targets)
        if target.startswith("tests")
    ]
    assert not bad, "\n".join(bad)


def test_no_import_loops():
    # what runs at import time: a lazy import inside a function or one under TYPE_CHECKING is how a
    # loop is broken, so it does not count here (it does count for the layer rule above)
    graph = build_graph(import_time=True)
    loops = [f"{', '.join(c)} (e.g. {' -> '.join(cycle_path(graph, c))})" for c in cycles(graph)]
    assert not loops, "import loops:\n" + "\n".join(loops)


# ---- the checker itself, on made-up graphs (so the checks above can fail) ------------------------


def test_cycles_finds_a_loop_and_ignores_a_diamond():
    diamond = {"a": {"b", "c"}, "b": {"d"}, "c": {"d"}, "d": set()}
    assert cycles(diamond) == []
    loop = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(loop) == [["a", "b", "c"]]
    assert cycle_path(loop, ["a", "b", "c"]) == ["a", "b", "c", "a"]


def test_upward_imports_names_the_offending_edge():
    graph = {"extract.http": {"transform.document"}, "transform.x": {"extract.y"}, "extract.y": set()}
    assert upward_imports(graph | {"transform.document": set()}) == ["extract.http -> transform.document"]


def test_from_package_import_counts_the_package_and_relative_imports_resolve(tmp_path: Path):
    pkg = tmp_path / "extract"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from extract.sub import thing\n")
    (pkg / "sub" / "__init__.py").write_text("from .leaf import thing\n")
    (pkg / "sub" / "leaf.py").write_text("def thing():\n    from extract import sub\n    return sub\n")
    graph = build_graph(tmp_path, packages=("extract",))
    assert graph["extract"] == {"extract.sub"}
    assert graph["extract.sub"] == {"extract.sub.leaf"}
    assert graph["extract.sub.leaf"] == {"extract", "extract.sub"}
    assert cycles(graph) == [["extract", "extract.sub", "extract.sub.leaf"]]


def test_a_lazy_or_type_checking_import_is_a_dependency_but_not_an_import_time_loop(tmp_path: Path):
    # the shape transform/figures/__init__.py uses: names loaded on first access, types for the checker
    pkg = tmp_path / "transform"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from transform.reader import read\n"
        "def __getattr__(name):\n    from transform import reader\n    return getattr(reader, name)\n"
    )
    (pkg / "reader.py").write_text("from transform import helpers\n")
    (pkg / "helpers.py").write_text("try:\n    import transform.reader\nexcept ImportError:\n    pass\n")
    every = build_graph(tmp_path, packages=("transform",))
    at_import = build_graph(tmp_path, packages=("transform",), import_time=True)
    assert every["transform"] == {"transform.reader"}
    assert at_import["transform"] == set()
    # an import inside try: still runs at import time, so reader <-> helpers is a loop
    assert cycles(at_import) == [["transform.helpers", "transform.reader"]]
    assert cycles(every) == [["transform", "transform.helpers", "transform.reader"]]
