"""Right to left: every window mirrors its layouts and still shows every text whole.

A language written right to left (Arabic, Hebrew, Persian) turns Qt's layout direction
around (``QGuiApplication.setLayoutDirection``). Each window of tests/ui/windows_walk.py, in
each state, is laid out that way here: every row of a layout runs from the right (its first
control rightmost, a form's label right of its field, a button row's buttons in reverse), no
label or button is cut off (it has the room its size hint asks), and nothing lies outside its
window. The words stay English: this is about the layout, not the letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QBoxLayout,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kindtray import i18n
from kindtray.core.history import Trigger
from kindtray.ui.app import KindtrayApp
from tests.ui.windows_walk import (
    WINDOW_WALKS,
    speak_mirrored,
    start_app,
    stop_app,
    window_texts,
)

MIRRORED = "\u202e"  # how MirroredWords begins a text
CLOCK_TIME = re.compile(r"\d{1,2}:\d{2}")
SLACK = 1  # pixels: rounding between a size hint and the geometry a layout hands out


@pytest.fixture
def right_to_left(qapp: QApplication) -> Iterator[None]:
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    yield
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


@pytest.fixture(params=["english words", "mirrored words"])
def kindtray(
    qapp: QApplication, tmp_path: Path, right_to_left: None, request: pytest.FixtureRequest
) -> Iterator[KindtrayApp]:
    """kindtray right to left, its words English, or mirrored as a right-to-left language's.

    English words keep their own direction in a mirrored window; mirrored ones align and
    wrap as Arabic or Hebrew words would.
    """
    monkeypatch = request.getfixturevalue("monkeypatch")
    if request.param == "mirrored words":
        for name in ("LANGUAGE", "LANG", "LC_ALL", "LC_MESSAGES"):
            monkeypatch.delenv(name, raising=False)  # restored afterwards
        speak_mirrored(monkeypatch.setattr)
    app = start_app(qapp, tmp_path)
    yield app
    stop_app(app)
    monkeypatch.undo()
    i18n.use_language(i18n.SYSTEM)


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and not widget.size().isEmpty()


def _scrolled(widget: QWidget, window: QWidget) -> bool:
    """Whether ``widget`` lives inside a scroll area of ``window`` (it may lie beyond it)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _rect_in(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
    return f"{type(widget).__name__}#{widget.objectName()} {text[:40]!r}"


def unmirrored_rows(window: QWidget) -> list[str]:
    """Each layout row of ``window`` that runs left to right though the window is RTL."""
    found: list[str] = []
    for layout in window.findChildren(QLayout):
        if isinstance(layout, QBoxLayout) and layout.direction() in (
            QBoxLayout.Direction.LeftToRight,
            QBoxLayout.Direction.RightToLeft,
        ):
            placed: list[QWidget] = []
            for index in range(layout.count()):
                item = layout.itemAt(index)
                widget = item.widget() if item is not None else None
                if widget is not None and _shown(widget, window):
                    placed.append(widget)
            # Written left to right, shown right to left: the first is rightmost.
            forward = layout.direction() is QBoxLayout.Direction.RightToLeft
            for first, second in zip(placed, placed[1:], strict=False):
                x1, x2 = _rect_in(first, window).center().x(), _rect_in(second, window).center().x()
                if (x1 < x2) != forward:
                    found.append(f"{_name(first)} is not right of {_name(second)}")
        elif isinstance(layout, QGridLayout | QFormLayout):
            cells: dict[int, list[tuple[int, QWidget]]] = {}
            for index in range(layout.count()):
                item = layout.itemAt(index)
                widget = item.widget() if item is not None else None
                if widget is None or not _shown(widget, window):
                    continue
                if isinstance(layout, QGridLayout):
                    row, column, _, span = cast(
                        tuple[int, int, int, int], layout.getItemPosition(index)
                    )
                    if span != 1:
                        continue
                else:
                    row, role = cast(
                        tuple[int, QFormLayout.ItemRole], layout.getItemPosition(index)
                    )
                    if role is QFormLayout.ItemRole.SpanningRole:
                        continue
                    column = 0 if role is QFormLayout.ItemRole.LabelRole else 1
                cells.setdefault(row, []).append((column, widget))
            for row_cells in cells.values():
                ordered = [w for _, w in sorted(row_cells, key=lambda cell: cell[0])]
                for first, second in zip(ordered, ordered[1:], strict=False):
                    x1 = _rect_in(first, window).center().x()
                    x2 = _rect_in(second, window).center().x()
                    if x1 < x2:
                        found.append(f"{_name(first)} is not right of {_name(second)}")
    return found


def cut_off(window: QWidget) -> list[str]:
    """Each label or button of ``window`` with less room than its words need, or outside it."""
    found: list[str] = []
    area = window.rect()
    for widget in window.findChildren(QWidget):
        if not _shown(widget, window):
            continue
        if not _scrolled(widget, window) and not area.adjusted(
            -SLACK, -SLACK, SLACK, SLACK
        ).contains(_rect_in(widget, window)):
            found.append(f"{_name(widget)} lies outside the window: {_rect_in(widget, window)}")
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + SLACK:
                    found.append(f"{_name(widget)} needs {needed} px high, has {widget.height()}")
            elif widget.sizeHint().width() > widget.width() + SLACK:
                found.append(
                    f"{_name(widget)} needs {widget.sizeHint().width()} px wide, "
                    f"has {widget.width()}"
                )
        elif (
            isinstance(widget, QPushButton)
            and widget.text()
            and widget.minimumSizeHint().width() > widget.width() + SLACK
        ):
            found.append(
                f"{_name(widget)} needs {widget.minimumSizeHint().width()} px wide, "
                f"has {widget.width()}"
            )
    return found


def reversed_times(window: QWidget) -> list[str]:
    """Each clock time of ``window`` laid out right to left (09:00 would show as 00:09)."""
    found = [
        f"{_name(field)} shows {field.text()!r} right to left"
        for field in window.findChildren(QLineEdit)
        if _shown(field, window)
        and CLOCK_TIME.fullmatch(field.text().strip())
        and field.layoutDirection() is not Qt.LayoutDirection.LeftToRight
    ]
    # A time edit turns its format around when it was right to left as the format was set.
    found += [
        f"{_name(edit)} shows {edit.text()!r} for {edit.time().toString('HH:mm')}"
        for edit in window.findChildren(QTimeEdit)
        if _shown(edit, window) and edit.text() != edit.time().toString(edit.displayFormat())
    ]
    return found


def test_the_check_sees_a_row_that_does_not_mirror(qtbot: QtBot, right_to_left: None) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    row = QHBoxLayout(window)
    first, second = QPushButton("First"), QPushButton("Second")
    row.addWidget(first)
    row.addWidget(second)
    window.show()
    qtbot.waitExposed(window)
    assert unmirrored_rows(window) == []
    assert cut_off(window) == []
    window.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a window that refuses to mirror
    QApplication.processEvents()
    assert len(unmirrored_rows(window)) == 1
    second.setFixedWidth(8)
    assert cut_off(window) == [
        f"QPushButton# 'Second' needs {second.minimumSizeHint().width()} px wide, has 8"
    ]


@pytest.mark.parametrize("walk", WINDOW_WALKS)
def test_every_window_mirrors_without_breaking(kindtray: KindtrayApp, walk: str) -> None:
    problems: list[str] = []
    mirrored = i18n.current_language() == i18n.PSEUDO  # MirroredWords in its place
    for where, window in WINDOW_WALKS[walk](kindtray):
        QApplication.processEvents()
        assert window.layoutDirection() is Qt.LayoutDirection.RightToLeft, where
        found = unmirrored_rows(window) + cut_off(window) + reversed_times(window)
        problems += [f"{where}: {p}" for p in found]
        if mirrored:  # the words are a right-to-left language's in every state
            assert any(MIRRORED in t.text for t in window_texts(window, where)), where
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_the_steps_run_from_the_right(kindtray: KindtrayApp) -> None:
    # The step dots are painted: on the first step the one filled dot (now) is rightmost.
    window = kindtray.open_break(Trigger.REQUEST)
    QApplication.processEvents()
    picture = window.step_dots.grab().toImage()
    background = picture.pixelColor(0, 0)

    inked = [
        x
        for x in range(picture.width())
        for y in range(picture.height())
        if abs(picture.pixelColor(x, y).lightness() - background.lightness()) > 40
    ]
    # The filled dot outweighs the rings ahead: the ink leans to the right.
    assert sum(inked) / len(inked) > picture.width() / 2 + 4
