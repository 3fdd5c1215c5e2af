"""One function finds every resource: here in the tests and in the editable install (make's .venv).

The wheel and the PyInstaller build are proved in tests/packaging (test_wheel.py, test_bundle.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kindtray.assets import find_resource, resource_root

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
SHIPPED = sorted(p.relative_to(RESOURCES) for p in RESOURCES.rglob("*") if p.is_file())


def test_the_repository_ships_phrases_icons_sounds_and_translations() -> None:
    assert {p.parts[0] for p in SHIPPED} == {"phrases", "icons", "sounds", "help", "translations"}
    assert not (ROOT / "src" / "kindtray" / "resources").exists(), "resources live at the top"


@pytest.mark.parametrize("relative", SHIPPED, ids=str)
def test_tests_find_every_resource_in_the_checkout(relative: Path) -> None:
    assert find_resource(*relative.parts) == RESOURCES / relative


def test_a_missing_resource_names_the_path_it_looked_for() -> None:
    with pytest.raises(FileNotFoundError, match=r"icons/no-such\.svg"):
        find_resource("icons", "no-such.svg")


def test_the_editable_install_finds_the_checkouts_resources(tmp_path: Path) -> None:
    # A fresh interpreter of the dev venv, started elsewhere: kindtray comes from the editable
    # install (src/ on the path through its .pth), not from pytest's path.
    script = (
        "import json, kindtray\n"
        "from kindtray.assets import find_resource, resource_root\n"
        "print(json.dumps({'module': kindtray.__file__, 'root': str(resource_root()),"
        " 'icon': str(find_resource('icons', 'kindtray.svg'))}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", script], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["module"] == str(ROOT / "src" / "kindtray" / "__init__.py")
    assert found["root"] == str(RESOURCES) == str(resource_root())
    assert found["icon"] == str(RESOURCES / "icons" / "kindtray.svg")
