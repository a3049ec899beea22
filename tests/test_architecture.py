"""The stages stay apart: read → model → engine → report → render, with no way back.

Read with `ast` from the source files, so that a lazy import inside a function counts as much
as one at the top (only imports under `if TYPE_CHECKING:` are left out: they never run)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "numcheck"

# stage → stages it must never import
FORBIDDEN = {
    "read": {"engine", "render", "extract", "check", "report", "cli"},
    "engine": {"read", "render", "extract", "check", "report", "cli"},
    "render": {"read", "engine", "extract", "check", "cli"},
    "extract": {"engine", "check", "cli"},
}
THIRD_PARTY_SOLVERS = {"z3", "highspy", "flint"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _imports(path: Path) -> set[str]:
    """Every module this file imports (absolute names), lazy ones too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    me = _module_name(path)
    package = me if path.name == "__init__.py" else me.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            out.add(name)
            out.update(f"{name}.{alias.name}" for alias in node.names)
    return out


def _files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "numcheck" else None


def test_no_stage_imports_a_later_or_sideways_stage() -> None:
    wrong = []
    for path in _files():
        stage = _stage(_module_name(path))
        banned = FORBIDDEN.get(stage or "", set())
        for target in _imports(path):
            if _stage(target) in banned:
                wrong.append(f"{path.relative_to(PACKAGE.parent)} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_only_the_engine_imports_the_solvers() -> None:
    wrong = [f"{path.relative_to(PACKAGE.parent)} imports {target}"
             for path in _files() if _stage(_module_name(path)) != "engine"
             for target in _imports(path) if target.split(".")[0] in THIRD_PARTY_SOLVERS]
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles() -> None:
    modules = {_module_name(p): p for p in _files()}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = {t for t in _imports(path) if t in modules and t != name}
        graph[name] |= {t.rsplit(".", 1)[0] for t in _imports(path)
                        if t not in modules and t.rsplit(".", 1)[0] in modules and t.rsplit(".", 1)[0] != name}
    # a package's __init__ re-exporting its own modules is not a cycle: drop edges into a parent package
    for name in graph:
        graph[name] = {t for t in graph[name] if not name.startswith(t + ".")}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, stack: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle.extend(stack[stack.index(nxt):] + [node, nxt] if nxt in stack else [node, nxt])
                return True
            if state.get(nxt) is None and visit(nxt, stack + [node]):
                return True
        state[node] = 2
        return False

    for name in sorted(graph):
        if state.get(name) is None and visit(name, []):
            break
    assert not cycle, " -> ".join(cycle)


def test_modules_and_functions_stay_small() -> None:
    long_modules = []
    long_functions = []
    for path in _files():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 450:
            long_modules.append(f"{path.relative_to(PACKAGE.parent)}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 70:
                    long_functions.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name}: {length} lines")
    assert not long_modules, "\n".join(long_modules)
    assert not long_functions, "\n".join(long_functions)
