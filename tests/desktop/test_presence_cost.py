"""What the presence start loads in the running tray on a real X desktop, every source on.

tests/ui/test_startup_cost.py holds what the icon needs; this holds what comes a moment later,
when the presence sources and the sleep watcher start. The memory itself is measured by
``make bench``, never asserted here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from tests.desktop.conftest import Desktop

pytestmark = pytest.mark.desktop

# The tray as ui/process.py runs it; it quits once the presence sources have given their first
# answer. The sleep watcher starts on the same timer, right after them, before the loop ends.
START = """
import json, sys
from pathlib import Path
import kindtray.ui.process as process
from kindtray.core.clock import SystemClock
from kindtray.paths import default_paths
from kindtray.ui.app import build_kindtray

app = process.create_application(["kindtray"])
kindtray = build_kindtray(app, default_paths(Path(sys.argv[1])), SystemClock())
kindtray.presence.changed.connect(lambda presence: app.quit())
kindtray.start()
app.exec()
sources = {s.name: not s.why_not for s in kindtray.presence.monitor.sources()}
report = {"modules": sorted(sys.modules), "sources": sources}
kindtray.shutdown()
print(json.dumps(report))
"""

# Every switch on, the microphone and camera one too (it is off by default).
SETTINGS = """\
schema = 1
[waiting]
when_mic_or_camera = true
"""


@pytest.fixture(scope="module")
def started() -> dict[str, Any]:
    from desktopstack import X11
    from tests.desktop.conftest import require

    require(X11)
    desktop = Desktop()
    try:
        desktop.start(tray=True, notifications=True)
        desktop.config.mkdir(parents=True)
        (desktop.config / "settings.toml").write_text(SETTINGS)
        result = subprocess.run(
            [sys.executable, "-c", START, str(desktop.config)],
            capture_output=True,
            text=True,
            env=desktop.env,
            timeout=60,
            check=False,
        )
    finally:
        desktop.stop()
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return report


def test_the_x11_sources_started(started: dict[str, Any]) -> None:
    # Otherwise the tests below would prove nothing.
    for name in ("Fullscreen window (X11)", "Time away (X11)", "Microphone or camera"):
        assert started["sources"][name] is True, name


def test_python_xlib_loads_only_the_extensions_the_sources_use(
    started: dict[str, Any],
) -> None:
    modules = set(started["modules"])
    assert "Xlib.display" in modules
    loaded = {m for m in modules if m.startswith("Xlib.ext.")}
    # ge comes with the core protocol module; screensaver tells the idle time.
    assert loaded == {"Xlib.ext.ge", "Xlib.ext.screensaver"}


def test_logind_is_heard_through_jeepney_not_qtdbus(started: dict[str, Any]) -> None:
    modules = set(started["modules"])
    assert "jeepney.io.blocking" in modules
    assert "PySide6.QtDBus" not in modules
