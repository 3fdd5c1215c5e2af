"""On a real X server: A hard moment asked for takes the keyboard, and the keys alone carry it.

A request (the tray item, ``kindtray sos``) may take the focus; "Next" holds it first, and
the keyboard moves through grounding, a choice by number, and "Ground me" by G, as a person
without a mouse would. Runs in its own process on a private Xvfb display.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.desktop.test_break_focus import display

__all__ = ["display"]  # a fixture, used by name

pytestmark = pytest.mark.desktop

PROBE = """
import json
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from kindtray.core.break_script import HARD_MOMENT, PracticeWords, build_practice
from kindtray.core.clock import SystemClock
from kindtray.core.history import Trigger
from kindtray.core.settings import BreakSettings
from kindtray.ui.break_window import BreakWindow

def wait_for(condition, ms=3000):
    for _ in range(ms // 10):
        if condition():
            return True
        QTest.qWait(10)
    return condition()

def press(key):
    QTest.keyClick(QApplication.focusWidget() or window, key)
    QTest.qWait(50)

app = QApplication([])
window = BreakWindow(
    build_practice(HARD_MOMENT, PracticeWords({})), BreakSettings(reduced_motion="on"),
    SystemClock(), trigger=Trigger.REQUEST,
)
window.start()
active = wait_for(lambda: QApplication.activeWindow() is window)
first = QApplication.focusWidget().accessibleName()
press(Qt.Key.Key_Right)  # -> the longer out-breath
press(Qt.Key.Key_Right)  # -> a soothing touch: its first option takes the focus
on_choice = QApplication.focusWidget().accessibleName()
press(Qt.Key.Key_2)  # hand on cheek
chosen = window.phrase_label.text()
press(Qt.Key.Key_G)
print(json.dumps({
    "active": active, "first": first, "on_choice": on_choice, "chosen": chosen,
    "grounding": window.flow.grounding, "step": window.step_label.text(),
    "focus": QApplication.focusWidget().accessibleName(),
}))
window.close()
"""


def test_a_hard_moment_by_keyboard_on_a_real_x_server(display: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", DBUS_SESSION_BUS_ADDRESS="disabled:")
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {
        "active": True,
        "first": "Next",
        "on_choice": "Hand on heart",
        "chosen": "Let a hand rest on your cheek, softly, as you would for a friend.",
        "grounding": True,
        "step": "Feet on the floor",
        "focus": "Next",
    }
