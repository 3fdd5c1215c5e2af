"""`kindtray break`: opens the break window, takes focus, and returns when the break ends."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kindtray.cli import main
from kindtray.ui.break_window import BreakWindow


def test_break_command_opens_the_window_and_returns_when_it_ends(
    qapp: QApplication, tmp_path: Path
) -> None:
    (tmp_path / "settings.toml").write_text("[break]\nlength_seconds = 30\nmood_check_in = false\n")
    seen: list[BreakWindow] = []

    def end_it() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, BreakWindow)]
        seen.extend(windows)
        for window in windows:
            window.close()  # like the window's close button

    QTimer.singleShot(0, end_it)
    assert main(["--config-dir", str(tmp_path), "break"]) == 0
    [window] = seen
    assert window.on_request  # asked for: it takes focus
    assert window.script.length_ms == 30_000  # the user's settings are used
    assert window.result is not None and window.result.outcome == "ended_early"
    window.deleteLater()


def test_other_commands_do_not_load_qt() -> None:
    code = "import sys, kindtray.cli; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_break_command_exits_cleanly_as_its_own_process(tmp_path: Path) -> None:
    # As a user runs it: the command creates the application itself and must shut down
    # without a crash when the break ends (Qt objects outliving the app crash at exit).
    code = f"""
import sys
from PySide6.QtCore import QTimer
from kindtray.ui import break_window
start = break_window.BreakWindow.start
def start_then_close(self):
    start(self)
    QTimer.singleShot(0, self.close)
break_window.BreakWindow.start = start_then_close
from kindtray.cli import main
sys.exit(main(["--config-dir", {str(tmp_path)!r}, "break"]))
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
