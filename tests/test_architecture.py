"""The shape of the package, checked from its source: no import cycles (counting imports inside
functions), kinds that do not import one another, and modules short enough to read."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "checker"
MAX_LINES = 450


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the checker modules it imports, anywhere in its source (also inside functions)."""
    modules = {module_name(p, package): p for p in package.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # `from checker.kinds import base` may name a module or a name in the package.
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            targets.update(n for n in names if n in modules and n != name)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import(tmp_path):
    # The test above would pass vacuously if the graph missed imports: show it catches one.
    package = tmp_path / "checker"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from checker.b import thing\n")
    (package / "b.py").write_text("def thing():\n    from checker import a\n    return a\n")
    assert cycles(import_graph(package)) == [["checker.a", "checker.b"]]


def test_kinds_do_not_import_kinds_or_the_layers_above_them():
    graph = import_graph()
    above = {"checker.cli", "checker.session", "checker.engine", "checker.rulefile", "checker.selftest", "checker.config"}
    for module, targets in graph.items():
        if not module.startswith("checker.kinds.") or module == "checker.kinds.base":
            continue
        kinds = {t for t in targets if t.startswith("checker.kinds.") and t != "checker.kinds.base"}
        assert not kinds, f"{module} imports other kinds: {sorted(kinds)}"
        assert not targets & above, f"{module} imports {sorted(targets & above)}"


def test_modules_are_short_enough_to_read():
    long = {module_name(p): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}
