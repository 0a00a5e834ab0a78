"""Import rules: the store's tables stay behind the Store's methods (issue 13)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "eventledger"
STORE = PACKAGE / "store"
MODELS = "eventledger.store.models"


def _outside_store() -> list[Path]:
    files = sorted(p for p in PACKAGE.rglob("*.py") if STORE not in p.parents)
    assert len(files) > 50, "the package was not found where this test looks for it"
    return files


def _imported(tree: ast.AST) -> set[str]:
    """Every module a file imports, written out in full (`from a import b` counts as a and a.b)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def _session_calls(tree: ast.AST) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "session"
    ]


def test_imported_sees_every_way_of_naming_the_models():
    for src in (
        "import eventledger.store.models",
        "from eventledger.store import models as m",
        "from eventledger.store.models import EventRow",
        "def f():\n    from eventledger.store import models\n",
    ):
        assert MODELS in _imported(ast.parse(src)), src
    assert MODELS not in _imported(ast.parse("from eventledger.store import Store"))


def test_no_module_outside_the_store_imports_its_tables():
    offenders = [str(p.relative_to(PACKAGE)) for p in _outside_store() if MODELS in _imported(ast.parse(p.read_text()))]
    assert offenders == [], f"use a Store method instead of the ORM tables in: {', '.join(offenders)}"


def test_no_module_outside_the_store_opens_a_session():
    offenders = {
        str(p.relative_to(PACKAGE)): lines
        for p in _outside_store()
        if (lines := _session_calls(ast.parse(p.read_text())))
    }
    assert offenders == {}, f"query through a Store method, not store.session(): {offenders}"


def test_no_test_module_imports_another():
    """What tests share lives in tests/support; a test module importing another runs its tests' imports twice
    and ties the two together."""
    tests = Path(__file__).resolve().parent
    wrong = []
    for path in sorted(tests.glob("*.py")):
        for name in _imported(ast.parse(path.read_text(encoding="utf-8"))):
            if name.split(".")[0] == "conftest" or name.split(".")[0].startswith("test_"):
                wrong.append(f"{path.name} imports {name}")
    assert not wrong, "; ".join(wrong)
