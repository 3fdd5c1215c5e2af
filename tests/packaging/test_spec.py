"""The spec's module exclusions are safe: no part of kindtray imports an excluded module.

test_bundle.py runs the built program; this checks the modules themselves, every one of
them, including those the desktop smoke test does not reach.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap

from tests.packaging.helpers import PACKAGING


def excluded_modules() -> list[str]:
    tree = ast.parse((PACKAGING / "kindtray.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "EXCLUDED_MODULES"
            for target in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return [str(name) for name in value]
    raise AssertionError("no EXCLUDED_MODULES in packaging/kindtray.spec")


def test_spec_excludes_the_modules_the_issue_names():
    excluded = set(excluded_modules())
    assert {"tkinter", "unittest", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtSql"} <= excluded
    assert not excluded & {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"}


def test_importing_all_of_kindtray_loads_no_excluded_module():
    script = textwrap.dedent(
        """
        import json, pkgutil, sys
        import kindtray
        for module in pkgutil.walk_packages(kindtray.__path__, "kindtray."):
            if module.name != "kindtray.__main__":
                __import__(module.name)
        print(json.dumps(sorted(sys.modules)))
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout))
    assert "kindtray.ui.app" in loaded
    excluded = excluded_modules()
    offending = sorted(
        name for name in loaded if any(name == ex or name.startswith(ex + ".") for ex in excluded)
    )
    assert offending == []
    if sys.platform != "win32":  # left out there: the command socket needs no QtNetwork
        assert "PySide6.QtNetwork" not in loaded
        assert 'EXCLUDED_MODULES.append("PySide6.QtNetwork")' in (
            PACKAGING / "kindtray.spec"
        ).read_text(encoding="utf-8")
