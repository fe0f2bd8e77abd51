"""The shape of the package: no import loops, late imports with their reason, one home for each
constant.

Read from the source with :mod:`ast`, never by importing it, so that an import written inside a
function counts as much as one at the top of a module.

* **No import loops.** The graph of ``src/analysis``: an edge from a module to every module of
  the package it imports, at its top or inside a function (``from analysis.data import loaders``
  is an edge to ``analysis.data.loaders``; ``from analysis.data.loaders import load`` to the same
  module; ``from analysis import DATA_DIR`` to ``analysis``). An import under
  ``if TYPE_CHECKING:`` never runs and is left out. The test fails on every strongly connected
  group of more than one module, naming them.
* **Late imports say why.** An import inside a function (or a method) is allowed only where a
  measured start-up cost needs it (a command's ``--help`` that does not load pandas, the kernel
  that boots while the inputs are checked); the reason is written beside it, as a comment on the
  import's line or on the line just above.
* **One home for each constant.** An UPPER_CASE name assigned at the top level of two modules of
  ``src/analysis`` is two homes for one rule; every other module imports it. A re-export (``from
  x import NAME``) is not an assignment. :data:`ALLOWED_TWICE` lists the exceptions, each with
  its reason.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "analysis"
#: UPPER_CASE names that two modules may assign, with the reason.
ALLOWED_TWICE: dict[str, str] = {}
_UPPER = re.compile(r"^[A-Z][A-Z0-9_]*$")


def _modules() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its ``__init__``)."""
    out = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST):
    """``(node, inside_a_function)`` for every import that runs (not under TYPE_CHECKING)."""
    def walk(node, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    yield from walk(other, in_function)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child, in_function
            yield from walk(child, in_function or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda))
    yield from walk(tree, False)


def _targets(name: str, node: ast.AST) -> set[str]:
    """The package's modules an import node of module ``name`` brings in."""
    out = set()
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name.split(".")[0] == PACKAGE and alias.name in MODULES:
                out.add(alias.name)
        return out
    base = node.module or ""
    if node.level:  # relative: from the module's package
        package = name if MODULES[name].name == "__init__.py" else name.rsplit(".", 1)[0]
        for _ in range(node.level - 1):
            package = package.rsplit(".", 1)[0]
        base = f"{package}.{base}" if base else package
    if base.split(".")[0] != PACKAGE:
        return out
    for alias in node.names:
        child = f"{base}.{alias.name}"
        out.add(child if child in MODULES else base)
    return {m for m in out if m in MODULES}


def _graph() -> dict[str, set[str]]:
    graph = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[name] = set().union(*[_targets(name, n) for n, _ in _imports(tree)]) - {name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one module."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_cycle_finder_finds_a_cycle_and_only_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_imports_are_read_inside_functions_and_not_under_type_checking():
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                     "    from analysis.engine import assess\n"
                     "def f():\n    from analysis.data import loaders\n")
    found = [(_targets("analysis.report.render", n), inside) for n, inside in _imports(tree)]
    assert found == [(set(), False), ({"analysis.data.loaders"}, True)]


def test_no_import_loops():
    cycles = _cycles(_graph())
    assert not cycles, "\n".join(" ↔ ".join(c) for c in cycles)


def test_every_late_import_says_why():
    silent = []
    for path in MODULES.values():
        lines = path.read_text(encoding="utf-8").splitlines()
        for node, inside in _imports(ast.parse("\n".join(lines))):
            if not inside:
                continue
            here = lines[node.lineno - 1]
            above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
            if "#" not in here and not above.startswith("#"):
                silent.append(f"{path.relative_to(SRC)}:{node.lineno}: {here.strip()}")
    assert not silent, "\n".join(silent)


def _assigned(path: Path) -> set[str]:
    """The UPPER_CASE names a module assigns at its top level (not those it imports)."""
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        for target in targets:
            for leaf in ast.walk(target):
                if isinstance(leaf, ast.Name) and _UPPER.match(leaf.id):
                    names.add(leaf.id)
    return names


def test_no_constant_has_two_homes():
    homes = defaultdict(list)
    for name, path in MODULES.items():
        for constant in _assigned(path):
            homes[constant].append(name)
    twice = {k: v for k, v in homes.items() if len(v) > 1 and k not in ALLOWED_TWICE}
    assert not twice, "\n".join(f"{k}: {', '.join(v)}" for k, v in sorted(twice.items()))


def test_the_allow_list_holds_only_names_still_assigned_twice():
    homes = defaultdict(list)
    for path in MODULES.values():
        for constant in _assigned(path):
            homes[constant].append(path)
    stale = [k for k in ALLOWED_TWICE if len(homes[k]) < 2]
    assert not stale, stale
