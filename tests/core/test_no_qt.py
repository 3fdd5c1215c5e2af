"""The core must stay GUI-free: importing it must not pull in Qt."""

import subprocess
import sys
from pathlib import Path

import kindtray.core

CORE = Path(kindtray.core.__file__).parent


def test_core_modules_do_not_mention_qt():
    offenders = [
        path.name
        for path in CORE.glob("*.py")
        if "PySide6" in path.read_text() or "PyQt" in path.read_text()
    ]
    assert offenders == []


def test_importing_every_core_module_and_the_offline_cli_loads_no_qt():
    modules = sorted(f"kindtray.core.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__")
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "import kindtray.cli\n"
        + "from kindtray.cli import main\n"
        + "main(['paths'])\n"
        + "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
