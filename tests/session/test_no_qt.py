"""The session layer is Qt-free: importing all of it loads no Qt."""

import subprocess
import sys
from pathlib import Path

import kindtray.session

SESSION = Path(kindtray.session.__file__).parent


def test_importing_every_session_module_loads_no_qt() -> None:
    modules = sorted(f"kindtray.session.{p.stem}" for p in SESSION.glob("*.py"))
    assert len(modules) >= 5
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
