"""The core must do no file, database or OS I/O: that is kindtray.storage's job."""

from __future__ import annotations

import ast
from pathlib import Path

import kindtray.core

CORE = Path(kindtray.core.__file__).parent
FORBIDDEN_MODULES = {
    "os",
    "io",
    "shutil",
    "tempfile",
    "sqlite3",
    "pathlib",
    "importlib",
    "tomli_w",
    "subprocess",
    "socket",
    "kindtray.storage",
}
FORBIDDEN_CALLS = {"open"}
# SystemClock and local_zone read the real clock and time zone (os.environ, /etc/localtime);
# every other core module is handed a Clock. Moving them out is a separate step.
ALLOWED = {"clock.py"}


def _offences(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        names: list[str] = []
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            names = [node.module]
        for name in names:
            if any(name == m or name.startswith(m + ".") for m in FORBIDDEN_MODULES):
                found.append(f"{path.name}:{line} imports {name}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in FORBIDDEN_CALLS
        ):
            found.append(f"{path.name}:{line} calls {node.func.id}()")
    return found


def test_core_modules_do_no_io() -> None:
    checked = [p for p in sorted(CORE.glob("*.py")) if p.name not in ALLOWED]
    names = {p.name for p in checked}
    assert {"history.py", "phrases.py", "schedule.py", "settings.py", "state.py"} <= names
    assert [o for p in checked for o in _offences(p)] == []


def test_the_check_finds_io(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import os.path\nfrom pathlib import Path\nopen('x')\n")
    assert _offences(sample) == [
        "sample.py:1 imports os.path",
        "sample.py:2 imports pathlib",
        "sample.py:3 calls open()",
    ]
