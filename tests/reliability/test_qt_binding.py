"""The Qt binding itself must not break kindtray over a long session.

PySide6 6.12.0 on Python 3.11 drops a reference to None every time Qt calls a Python override
such as paintEvent. None is not immortal before Python 3.12, so after some thousands of
repaints (the break's pacer makes about 30 a second) the interpreter aborts with "deallocating
None". pyproject.toml excludes that combination; this test catches it coming back.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget


class Painted(QWidget):
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.drawLine(0, 0, 10, 10)
        painter.end()


def test_repaints_through_a_python_override_keep_none_alive(qtbot):
    widget = Painted()
    qtbot.addWidget(widget)
    widget.resize(40, 40)
    widget.show()
    qtbot.waitExposed(widget)
    before = sys.getrefcount(None)
    for _ in range(300):  # enough to see a leak, too few to exhaust None and abort pytest
        widget.repaint()
    # On Python 3.12+ None is immortal and the count never moves; before, a leak shows here.
    assert sys.getrefcount(None) >= before - 100, "each repaint loses a reference to None"
