"""On a real X server: a reminder's break leaves the keyboard alone, a requested one takes it.

The offscreen platform activates every window it shows, so only a real X server can tell the
two ways of opening apart. Each case runs in its own process on a private Xvfb display. Either
way the window's focus rests on a visible control (the first mood choice), so the focus ring
shows as soon as the window has the keyboard.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator

import pytest

pytestmark = pytest.mark.desktop

PROBE = """
import json, sys
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from kindtray.core.break_script import BreakTexts
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

app = QApplication([])
editor = QLineEdit()  # the user typing somewhere else
editor.show()
editor.activateWindow()
ready = wait_for(lambda: QApplication.activeWindow() is editor)
window = BreakWindow(
    BreakTexts("a", "b", "c", "d", "e", "f"), BreakSettings(), SystemClock(),
    trigger=Trigger.REQUEST if sys.argv[1] == "request" else Trigger.REMINDER,
)
window.start()
if sys.argv[1] == "request":
    wait_for(lambda: QApplication.activeWindow() is window)
else:
    QTest.qWait(500)  # give a focus change every chance to happen
active = QApplication.activeWindow()
focused = window.focusWidget()
control = focused.accessibleName() if focused is not None and focused.isVisible() else None
print(json.dumps({
    "ready": ready, "editor": active is editor, "break": active is window, "control": control,
    "shown": focused is not None and focused.hasFocus(),
}))
window.close()
"""


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Xvfb is missing (apt-get install xvfb)")
        pytest.skip("Xvfb is not installed; the focus test needs a real X server")
    # -displayfd: the server picks a free display itself and writes its number to us.
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24"]
        + ["-nolisten", "tcp", "-noreset"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as announced:
            number = announced.readline().strip()
        if not number:
            pytest.fail("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def probe(display: str, how: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    # No session bus here: keep Qt from launching one that would outlive the test.
    env["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, how],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_reminders_break_does_not_take_the_keyboard(display: str) -> None:
    result = probe(display, "reminder")
    # The control is chosen even so: it shows its ring once the person clicks into the window.
    assert result == {
        "ready": True,
        "editor": True,
        "break": False,
        "control": "heavy",
        "shown": False,
    }


def test_a_requested_break_takes_the_keyboard(display: str) -> None:
    result = probe(display, "request")
    assert result == {
        "ready": True,
        "editor": False,
        "break": True,
        "control": "heavy",
        "shown": True,
    }
