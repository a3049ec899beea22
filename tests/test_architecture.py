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


# ------------------------------------------------------------------ tests use only the public face

TESTS = Path(__file__).resolve().parent
PUBLIC_MODULES = {"model", "report", "check", "errors", "cli", "testing", "each", "packs", "schema"}
STAGES = {"read", "engine", "render", "extract", "web"}
_PATCHERS = {"setattr", "delattr", "patch", "object"}  # monkeypatch.setattr, mock.patch, mock.patch.object


def _all_of(module_file: Path) -> set[str]:
    """The names a module lists in `__all__`, read from its source (nothing is imported)."""
    for node in ast.parse(module_file.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return set(ast.literal_eval(node.value))
    return set()


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _why_not(module: str, name: str | None) -> str | None:
    """Why a test may not import `name` from `module` (None: `import module`), or None if it may."""
    parts = module.split(".")
    if parts[0] != "numcheck":
        return None
    if name is not None and _private(name):
        return "a private name"
    if len(parts) == 1:
        public = _all_of(PACKAGE / "__init__.py") | PUBLIC_MODULES | {"__version__"}
        return None if name is None or name in public else "not in numcheck's public face"
    if parts[1] in PUBLIC_MODULES and len(parts) == 2:
        return None
    if parts[1] in STAGES and len(parts) == 2 and name is not None:
        seams = _all_of(PACKAGE / parts[1] / "__init__.py")
        return None if name in seams else f"not a seam of numcheck.{parts[1]} (its __all__)"
    if parts[1] in STAGES and len(parts) == 2:
        return "a stage package is imported by name: from numcheck.STAGE import SEAM"
    return "a module inside a stage, or no public module: the tests would pin the file layout"


def _dotted_target(text: str) -> tuple[str, str | None]:
    """`numcheck.engine.z3glue.run` (a patch target) as what it imports: the shortest public
    prefix, and the name taken from it."""
    parts = text.split(".")
    for cut in range(1, len(parts)):
        module, name = ".".join(parts[:cut]), parts[cut]
        if _why_not(module, name) is None or cut == len(parts) - 1:
            return module, name
    return text, None


def _face_violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bound: set[str] = set()  # local names bound to something of numcheck's
    wrong: list[str] = []

    def flag(node: ast.AST, what: str, why: str | None) -> None:
        if why:
            wrong.append(f"tests/{path.name}:{getattr(node, 'lineno', 0)}: {what}: {why}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                flag(node, f"import {alias.name}", _why_not(alias.name, None))
                if alias.name.startswith("numcheck"):
                    bound.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            for alias in node.names:
                flag(node, f"from {node.module} import {alias.name}", _why_not(node.module, alias.name))
                if node.module.startswith("numcheck"):
                    bound.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr) and isinstance(node.value, ast.Name) \
                and node.value.id in bound:
            flag(node, f"{node.value.id}.{node.attr}", "a private name")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _PATCHERS:
            texts = [a.value for a in node.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            for text in texts:
                if text.startswith("numcheck."):
                    module, name = _dotted_target(text)
                    flag(node, f"patches {text}", _why_not(module, name))
                elif _private(text) and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id in bound:
                    flag(node, f"patches {node.args[0].id}.{text}", "a private name")
    return sorted(wrong, key=lambda line: int(line.split(":")[1]))


def test_tests_import_only_the_public_face_and_the_documented_seams() -> None:
    """A test may import numcheck, its public modules (PUBLIC_MODULES), and from a stage package
    only the names of its `__all__` (its seams, documented in its docstring); never a module
    inside a stage, and never a private name, lazy imports and patch targets included. So the
    tests pin what numcheck promises, not how its files are laid out."""
    wrong = [line for path in sorted(TESTS.glob("*.py"))
             for line in _face_violations(path)]
    assert not wrong, "\n".join(wrong)


def test_the_rule_on_test_imports_catches_what_it_should(tmp_path: Path) -> None:
    """The check above, on imports written to break it (and some that do not)."""
    sample = tmp_path / "test_sample.py"
    sample.write_text(
        "import numcheck\n"
        "from numcheck.read import loader, parse_value\n"
        "def test_x(monkeypatch):\n"
        "    from numcheck.engine.plan import solve_batch\n"
        "    monkeypatch.setattr(loader, '_Loader', None)\n"
        "    monkeypatch.setattr('numcheck.read.files.MAX_FILE_BYTES', 10)\n"
        "    monkeypatch.setattr('numcheck.engine.z3glue.run', None)\n"
        "    return loader._TOP_KEYS, numcheck.load\n", encoding="utf-8")
    assert [line.split(": ")[0] for line in _face_violations(sample)] == [
        "tests/test_sample.py:4", "tests/test_sample.py:5", "tests/test_sample.py:6", "tests/test_sample.py:8"]
    assert _why_not("numcheck", "check") is None and _why_not("numcheck.cli", "app") is None
    assert _why_not("numcheck.read", "parse_value") is None and _why_not("numcheck.engine", "z3glue") is None
    assert _why_not("numcheck.read.phrases", "parse_value")
    assert _why_not("numcheck.read", "phrases")  # a module, but no seam
    assert _why_not("numcheck.read", None)
    assert _why_not("numcheck.engine.pool", None)
    assert _why_not("numcheck.check", "_options") and _why_not("numcheck", "_Package")
    assert _dotted_target("numcheck.engine.z3glue.run") == ("numcheck.engine", "z3glue")
    assert _why_not(*_dotted_target("numcheck.engine.certify.ExactRows"))  # a seam, but not its module
    assert _why_not("numcheck.bundles", "bundle")
