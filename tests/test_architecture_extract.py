"""Import rules of extraction and knowledge (docs/architecture-extract.md).

- `eventledger.extract` is used through its package interface only (the names in its __init__): no module
  outside src/eventledger/extract/ imports `eventledger.extract.<module>`.
- That interface is imported only by the stages that run or measure extraction: `eventledger.ingest`, the
  command line (`eventledger.cli`, for `train relevance`) and `eventledger.eval`.
- `eventledger.knowledge` is the ground floor: it imports no other eventledger package but `records`.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "eventledger"
EXTRACT_USERS = ("eventledger.ingest", "eventledger.cli", "eventledger.eval")


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module an import statement names, with `from X import y` also giving X.y (y may be a module)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
            out += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return out


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        yield _module(path), path


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _extract_submodules() -> set[str]:
    return {_module(p) for p in (SRC / "extract").glob("*.py") if p.name != "__init__.py"}


def test_no_module_outside_extract_imports_its_modules():
    inner = _extract_submodules()
    bad = [
        f"{path.relative_to(SRC)}:{line} imports {name}"
        for mod, path in _modules()
        if not _within(mod, "eventledger.extract")
        for line, name in _imports(path)
        if name in inner
    ]
    assert not bad, "use the names eventledger.extract exports instead:\n" + "\n".join(bad)


def test_only_ingest_cli_and_eval_use_extraction():
    bad = [
        f"{path.relative_to(SRC)}:{line} imports {name}"
        for mod, path in _modules()
        if not _within(mod, "eventledger.extract") and not any(_within(mod, u) for u in EXTRACT_USERS)
        for line, name in _imports(path)
        if _within(name, "eventledger.extract")
    ]
    assert not bad, "ask eventledger.knowledge for curated data instead:\n" + "\n".join(bad)


def test_knowledge_is_the_ground_floor():
    allowed = ("eventledger.knowledge", "eventledger.records")
    bad = [
        f"{path.relative_to(SRC)}:{line} imports {name}"
        for mod, path in _modules()
        if _within(mod, "eventledger.knowledge")
        for line, name in _imports(path)
        if _within(name, "eventledger") and not any(_within(name, a) for a in allowed)
    ]
    assert not bad, "\n".join(bad)


def test_the_rule_sees_imports(tmp_path):
    """The checker itself: a submodule import, in either spelling, is found."""
    p = tmp_path / "m.py"
    p.write_text(
        "from eventledger.extract.times import find_dates\nfrom eventledger.extract import work\n"
        "import eventledger.extract.naming\n"
    )
    names = {n for _, n in _imports(p)}
    assert {"eventledger.extract.times", "eventledger.extract.work", "eventledger.extract.naming"} <= names
    assert {"eventledger.extract.times", "eventledger.extract.work"} <= _extract_submodules()


# Extraction's rules are read and changed most often; a function longer than a screen hides its cases.
LONGEST_EXTRACT_FUNCTION = 80


def test_no_function_in_extract_is_over_80_lines():
    long = []
    for path in sorted((SRC / "extract").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > LONGEST_EXTRACT_FUNCTION:
                    long.append(f"{path.relative_to(SRC)}:{node.lineno} {node.name} ({lines} lines)")
    assert not long, "split these into named steps: " + "; ".join(long)
