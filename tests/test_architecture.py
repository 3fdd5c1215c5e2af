"""Every import boundary of docs/design/architecture.md, checked on every module in src/kindtray.

The rules are read from the page's table, so the page and the check cannot drift apart: a
boundary written there is a boundary tested here.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import kindtray

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "design" / "architecture.md"
PACKAGE = Path(kindtray.__file__).parent


@dataclass(frozen=True)
class Rule:
    may_import: frozenset[str]  # parts of kindtray
    never: frozenset[str]  # other modules
    only_in_functions: frozenset[str]  # parts or modules


def _cell(text: str) -> frozenset[str]:
    text = text.strip().replace("\\_", "_")
    return frozenset() if text in ("—", "-", "") else frozenset(t.strip() for t in text.split(","))


def read_rules(page: Path = PAGE) -> dict[str, Rule]:
    """The boundary table: part (or module) -> its rule."""
    text = page.read_text(encoding="utf-8").split("## Import boundaries", 1)[1]
    rules: dict[str, Rule] = {}
    for line in text.splitlines():
        cells = line.strip().strip("|").split("|")
        if not line.startswith("|") or len(cells) != 4 or set(cells[0]) <= {"-", " "}:
            continue
        name = cells[0].strip().replace("\\_", "_")
        if name == "part":
            continue
        rules[name] = Rule(_cell(cells[1]), _cell(cells[2]), _cell(cells[3]))
    return rules


RULES = read_rules()


def module_name(path: Path, package: Path = PACKAGE) -> str:
    """``core/clock.py`` -> ``core.clock``; the package's own ``__init__`` is ``kindtray``."""
    parts = list(path.relative_to(package).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) or "kindtray"


def rule_for(name: str) -> tuple[str, Rule]:
    """The most specific row for a module: its own, else its part's."""
    keys = [k for k in RULES if name == k or name.startswith(k + ".")]
    if not keys:
        raise LookupError(f"no boundary in {PAGE.name} for {name}")
    key = max(keys, key=len)
    return key, RULES[key]


def _part(imported: str) -> str | None:
    """The part of kindtray an import reaches, or None for a module outside kindtray."""
    if imported == "kindtray":
        return "kindtray"
    if imported.startswith("kindtray."):
        return imported.split(".")[1]
    return None


def _matches(imported: str, names: frozenset[str]) -> str | None:
    for name in names:
        if imported == name or imported.startswith(name + "."):
            return name
    return None


def _imports(tree: ast.Module, name: str) -> list[tuple[int, str, bool]]:
    """(line, module, at module level) for every import; relative ones made absolute."""
    found: list[tuple[int, str, bool]] = []
    package = ("kindtray." + name).split(".")[:-1] if name != "kindtray" else ["kindtray"]

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = top and not isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            )
            if isinstance(child, ast.Import):
                found.extend((child.lineno, a.name, top) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package[: len(package) - child.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                if base == "kindtray" or (child.level and not child.module):
                    # ``from kindtray import x`` may name a part (x) or an attribute.
                    for alias in child.names:
                        sub = f"{base}.{alias.name}"
                        found.append((child.lineno, sub if _part(sub) in RULES else base, top))
                else:
                    found.append((child.lineno, base, top))
            visit(child, inner)

    visit(tree, True)
    return found


def offences(source: str, name: str) -> list[str]:
    """Every import in ``source`` (module ``name``) that breaks its boundary."""
    key, rule = rule_for(name)
    tree = ast.parse(source)
    found = []
    for line, imported, top in _imports(tree, name):
        part = _part(imported)
        where = f"{name}:{line} imports {imported}"
        if part is not None and part not in rule.may_import:
            found.append(f"{where}: {key} may not import {part}")
        if part is None and (hit := _matches(imported, rule.never)):
            found.append(f"{where}: {key} never imports {hit}")
        late = rule.only_in_functions
        if top and (part in late or _matches(imported, late)):
            found.append(f"{where}: {key} imports it only inside a function")
    if key == "core":  # (core.clock has a row of its own: it reads the time zone's file)
        found.extend(
            f"{name}:{node.lineno} calls open(): core does no I/O"
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "open"
        )
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_page_has_a_row_for_every_part() -> None:
    parts = {module_name(p).split(".")[0] for p in MODULES}
    assert parts <= set(RULES), parts - set(RULES)
    # Every part named in a rule exists: a typo there would silently allow nothing.
    named = set().union(*(r.may_import for r in RULES.values()))
    assert named <= parts, named - parts
    assert len(MODULES) > 40


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_every_module_keeps_its_boundary(path: Path) -> None:
    assert offences(path.read_text(encoding="utf-8"), module_name(path)) == []


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        ("core.schedule", "import os", "core never imports os"),
        ("core.schedule", "from pathlib import Path", "core never imports pathlib"),
        ("core.schedule", "def f():\n    import sqlite3", "core never imports sqlite3"),
        ("core.schedule", "open('x')", "calls open(): core does no I/O"),
        ("core.settings", "from kindtray.storage import files", "core may not import storage"),
        ("core.clock", "from PySide6.QtCore import QTimer", "core.clock never imports PySide6"),
        ("storage.history", "from PySide6 import QtCore", "storage never imports PySide6"),
        ("storage.history", "import kindtray.session.wording", "storage may not import session"),
        ("session.wording", "from kindtray.ui.theme import paint", "session may not import ui"),
        ("session.wording", "import PySide6.QtCore", "session never imports PySide6"),
        ("session.wording", "import sqlite3", "session never imports sqlite3"),
        ("system.autostart", "from kindtray.ui import app", "system may not import ui"),
        ("system.autostart", "from ..ui import app", "system may not import ui"),
        ("system.autostart", "from kindtray import ui", "system may not import ui"),
        ("ui.tray", "from kindtray.cli import main", "ui may not import cli"),
        ("cli", "from kindtray.ui.process import run_app", "cli imports it only inside a function"),
        ("cli", "import PySide6", "cli never imports PySide6"),
        ("control", "from PySide6.QtNetwork import X", "control imports it only inside a function"),
        ("paths", "from kindtray.core import clock", "paths may not import core"),
        ("assets", "import PySide6", "assets never imports PySide6"),
    ],
)
def test_the_check_finds_a_broken_boundary(name: str, source: str, expected: str) -> None:
    found = offences(source, name)
    assert len(found) == 1 and found[0].endswith(expected), found


def test_what_the_rules_allow_passes() -> None:
    assert offences("def run():\n    from kindtray.ui.process import run_app\n", "cli") == []
    assert offences("import os\nimport time\n", "core.clock") == []
    assert offences("from kindtray import __version__\n", "session.reminder_flow") == []
    assert offences("from . import wording\n", "session.commands") == []


def test_a_module_without_a_row_is_an_error() -> None:
    with pytest.raises(LookupError):
        rule_for("newpart.module")


def test_core_session_and_the_offline_cli_load_no_qt() -> None:
    # The import rules see each module alone; this sees what importing them really loads.
    modules = sorted(
        f"kindtray.{module_name(p)}"
        for p in MODULES
        if module_name(p).split(".")[0] in ("core", "session", "storage", "system")
    )
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "from kindtray.cli import main\n"
        + "main(['paths'])\n"
        + "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
