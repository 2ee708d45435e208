"""The shape of the code: imports flow one way (commands → core → models) and never in a circle."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "fangkong_cli"

# Higher layers may import lower ones, never the reverse. Anything not listed is core (1).
LAYERS = {"models": 0, "errors": 0, "limits": 0, "writers": 2, "cli": 3, "__main__": 4}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every fangkong module `path` imports, at the top or inside a function."""
    module = _module_name(path)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            elif node.module and node.module.startswith("fangkong_cli"):
                target = node.module.removeprefix("fangkong_cli").lstrip(".")
            else:
                continue
            for alias in node.names:  # `from . import cache` imports the module cache
                candidate = f"{target}.{alias.name}" if target else alias.name
                found.add(candidate if _exists(candidate) else target)
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("fangkong_cli.") for a in node.names if a.name.startswith("fangkong_cli.")}
    return {m for m in found if m and m != module}


def _exists(module: str) -> bool:
    path = PACKAGE.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in PACKAGE.rglob("*.py")}


def _layer(module: str) -> int:
    return LAYERS.get(module.split(".")[0], 1)


def test_the_graph_is_read() -> None:
    graph = _graph()
    assert "cli.commands.status" in graph
    assert "evaluation" in graph["cli.commands.status"]
    assert "models" in graph["schemas"]


def test_no_import_cycle() -> None:
    graph = _graph()
    # A package imports its own modules (cli.commands → cli.commands.status): not a cycle of ideas.
    edges = {m: {d for d in deps if not d.startswith(m + ".")} for m, deps in graph.items()}
    try:
        tuple(graphlib.TopologicalSorter(edges).static_order())
    except graphlib.CycleError as exc:
        pytest.fail(f"import cycle: {' -> '.join(exc.args[1])}")


def test_imports_point_down() -> None:
    upward = [
        f"{module} imports {dep}" for module, deps in _graph().items() for dep in deps if _layer(dep) > _layer(module)
    ]
    assert upward == []


def test_the_core_never_touches_the_terminal() -> None:
    """typer and rich belong to the command layer: the core is usable as a library."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if _layer(_module_name(path)) >= LAYERS["cli"]:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [f"{_module_name(path)}: {n}" for n in names if n.split(".")[0] in ("typer", "rich", "click")]
    assert offenders == []


def test_the_bottom_layer_imports_nothing_of_fangkong() -> None:
    graph = _graph()
    assert graph["models"] == set()
    assert graph["errors"] == set()
    assert graph["limits"] == set()
    assert graph["schemas"] <= {"models", "errors", "limits"}


def _functions() -> list[tuple[str, str, int]]:
    """(module, function, lines of its body): the signature (one option a line, as the
    formatter writes a command's) and the docstring are not counted."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno is not None:
                body = node.body
                docstring = isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                first = body[1] if docstring and len(body) > 1 else body[0]
                found.append((_module_name(path), node.name, node.end_lineno - first.lineno + 1))
    return found


def test_no_function_is_longer_than_sixty_lines() -> None:
    assert len(_functions()) > 100  # the walk sees them
    assert [f for f in _functions() if f[2] > 60] == []


def test_the_core_reads_no_environment_variable() -> None:
    """Settings come from the environment in the command layer and travel in as arguments."""
    readers = []
    for path in PACKAGE.rglob("*.py"):
        if _layer(_module_name(path)) >= LAYERS["cli"]:
            continue
        text = path.read_text(encoding="utf-8")
        if "os.environ" in text or "getenv(" in text:
            readers.append(_module_name(path))
    assert readers == []
