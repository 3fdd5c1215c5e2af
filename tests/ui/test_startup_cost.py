"""What the tray loads to show its icon and arm its timer, and what it leaves for later.

The time and memory are measured by ``make bench`` (bench/README.md), never asserted here;
these tests hold the structure that keeps them low. What the presence start loads a moment
later, on a real X desktop: tests/desktop/test_presence_cost.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

# Starts the tray as the login does (the entry point, ``kindtray --config-dir DIR``), and
# reports what was loaded when the icon was shown and a moment after.
START = """
import json, linecache, sys
import kindtray.ui.tray as tray_module
from PySide6.QtCore import QCoreApplication, QTimer

report = {}
shown = tray_module.Tray.show

def look():
    try:
        with open("/proc/self/maps") as maps:
            libraries = sorted({line.split("/")[-1].strip() for line in maps if ".so" in line})
    except OSError:  # no /proc: the test that reads this says so
        libraries = []
    report.update({"modules": sorted(sys.modules), "sources read": sorted(linecache.cache),
                   "libraries": libraries})
    QCoreApplication.quit()

def show(self):
    if "at the icon" not in report:
        report["at the icon"] = sorted(sys.modules)
        QTimer.singleShot(300, look)
    shown(self)

tray_module.Tray.show = show
from kindtray.cli_live import main
status = main(["--config-dir", sys.argv[1]])
report["status"] = status
print(json.dumps(report))
"""


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    config = tmp_path_factory.mktemp("config")
    (config / "settings.toml").write_text("schema = 1\n")  # not a first start: no welcome
    result = subprocess.run(
        [sys.executable, "-c", START, str(config)],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(config)},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    assert report.pop("status") == 0
    return report


@pytest.mark.skipif(sys.platform == "win32", reason="Windows listens through QtNetwork")
def test_the_command_socket_does_not_load_qtnetwork(started: dict[str, list[str]]) -> None:
    # A plain Unix socket; QtNetwork (and the Kerberos libraries it links) is 2-3 MiB.
    assert "PySide6.QtNetwork" not in started["modules"]


@pytest.mark.parametrize(
    "later",
    [
        "kindtray.ui.settings_dialog",
        "kindtray.ui.break_window",
        "kindtray.ui.welcome",
        "kindtray.cli_history",
        "kindtray.storage.history",
        "sqlite3",
        "plistlib",  # macOS's start at login only
        "jeepney",  # the presence sources and the notifier, a moment after the icon
        "kindtray.ui.notify.window",  # the last reminder route, only if the others fail
        "kindtray.ui.activation",  # ctypes and xcb, to bring an open window forward
        "PySide6.QtDBus",  # not even later: logind's sleep signal comes through jeepney
        "html",  # and its entity table: a notification server that reads markup, when asked
        # A plain start goes from the entry point to the tray: no parser for twenty commands.
        "kindtray.cli",
    ],
)
def test_what_the_icon_does_not_need_waits_for_first_use(
    started: dict[str, list[str]], later: str
) -> None:
    assert later not in started["modules"]


def test_pyside_reads_the_source_of_no_module_loaded_before_qt(
    started: dict[str, list[str]],
) -> None:
    # PySide looks for "PySide6" in the text of every module an import names, and linecache
    # keeps the text: several MiB for the standard library and kindtray's Qt-free half.
    # ui/__init__.py imports those first and tells PySide they do not use its features. Left:
    # the few PySide reads while it loads itself, and a module or two loaded after the start.
    texts = {path: Path(path).read_text(encoding="utf-8") for path in started["sources read"]}
    read = {path: len(text) for path, text in texts.items() if "PySide6" not in text}
    assert sum(read.values()) < 150_000, read  # it was about 2 MB


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="no /proc to read")
def test_the_icons_load_without_qtsvg(started: dict[str, Any]) -> None:
    # PNG icons: QtSvg and its icon engine (about 2 MiB) wait for a window that draws SVG.
    loaded = [name for name in started["libraries"] if "Svg" in name or "qsvg" in name]
    assert loaded == []


@pytest.mark.parametrize(
    "behind",
    [
        "kindtray.ui.app",  # the wiring, the timer, the notifier and the command socket
        "kindtray.core.schedule",  # the core and its planner
        "kindtray.storage.settings_store",  # the settings' full load (tomllib)
        "tomllib",
        "logging.handlers",  # the log file
        "zoneinfo",
    ],
)
def test_the_icon_shows_before_what_is_behind_it_loads(
    started: dict[str, Any], behind: str
) -> None:
    # The icon goes to the panel first; the rest loads in the event loop's first turn.
    assert behind not in started["at the icon"]
    assert behind in started["modules"] or behind == "zoneinfo"
