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

import pytest

# Runs the tray as ui/process.py does (the package first, then the QApplication, the app and
# its start), lets the event loop turn for a moment, and reports what was loaded.
START = """
import json, linecache, sys
from pathlib import Path
import kindtray.ui.process as process
from PySide6.QtCore import QTimer
from kindtray.core.clock import SystemClock
from kindtray.paths import default_paths
from kindtray.ui.app import build_kindtray

app = process.create_application(["kindtray"])
kindtray = build_kindtray(app, default_paths(Path(sys.argv[1])), SystemClock())
kindtray.start()
QTimer.singleShot(300, app.quit)
app.exec()
report = {"modules": sorted(sys.modules), "sources read": sorted(linecache.cache)}
kindtray.shutdown()
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
    report: dict[str, list[str]] = json.loads(result.stdout.splitlines()[-1])
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
