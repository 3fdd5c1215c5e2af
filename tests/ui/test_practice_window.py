"""'Your practice': real figures from the history, honest about mood, kind when empty, exportable.

Also the ways in: the tray item, and "Why this helps" from the window, the About box and the
welcome (issue 16, items 7 and 8).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kindtray.core.clock import FakeClock
from kindtray.core.history import BreakRecord, Outcome, Practice, Trigger
from kindtray.paths import default_paths
from kindtray.session.practice import export_practice, read_practice
from kindtray.storage.history import History
from kindtray.ui.app import KindtrayApp, build_kindtray
from kindtray.ui.mood_chart import MoodChart
from kindtray.ui.notify.chain import RouteChain
from kindtray.ui.practice_window import NO_MOODS, TOO_FEW_MOODS, PracticeWindow
from kindtray.ui.theme import LIGHT
from kindtray.ui.why_window import WhyWindow

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 30, 17, 0, tzinfo=BERLIN)
# Words that count against someone or keep a score; none may appear in the window.
UNKIND = ("streak", "missed", "failed", "score", "goal", "!")

Break = tuple[timedelta, int | None, int | None]  # ago, mood before, mood after


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW, BERLIN)


def history_with(
    path: Path,
    clock: FakeClock,
    *breaks: Break,
    outcome=Outcome.COMPLETED,
    practice=Practice.MINUTE,
) -> Path:
    with History(path, clock) as history:
        for ago, before, after in breaks:
            started = NOW - ago
            history.record(
                BreakRecord(
                    started,
                    started + timedelta(seconds=60),
                    60,
                    outcome,
                    Trigger.REMINDER,
                    before,
                    after,
                    practice=practice,
                    practice_seconds=55.0,
                )
            )
    return path


def window_for(
    qtbot: QtBot, path: Path, clock: FakeClock, **kwargs: object
) -> tuple[PracticeWindow, list[str]]:
    opened: list[str] = []
    window = PracticeWindow(
        lambda: read_practice(path, clock),
        lambda target: export_practice(path, clock, target),
        lambda: opened.append("why"),
        theme="light",
        **kwargs,  # type: ignore[arg-type]
    )
    qtbot.addWidget(window)
    return window, opened


def all_text(window: PracticeWindow) -> str:
    texts = [label.text() for label in window.findChildren(QLabel)]
    texts += [button.text() for button in window.findChildren(QPushButton)]
    texts += [window.accessibleDescription()]
    return "\n".join(texts)


# Seven breaks with moods within the month, two of them this week, and one older than 30 days.
MONTH: tuple[Break, ...] = (
    (timedelta(hours=1), 2, 3),
    (timedelta(days=2), 3, 4),
    (timedelta(days=8), 1, 3),
    (timedelta(days=10), 3, 3),
    (timedelta(days=12), 2, 4),
    (timedelta(days=20), 3, 4),
    (timedelta(days=25), 4, 4),
    (timedelta(days=40), 1, 5),
)


def test_the_window_shows_the_last_7_and_30_days_from_the_history(qtbot, tmp_path, clock):
    path = history_with(tmp_path / "history.sqlite3", clock, *MONTH)
    # A snoozed reminder is not a practice and shows nowhere.
    history_with(path, clock, (timedelta(hours=2), None, None), outcome=Outcome.SNOOZED)
    window, _ = window_for(qtbot, path, clock)
    assert [span.accessibleName() for span in window.spans] == [
        "Last 7 days: 2 practices, 2 minutes",
        "Last 30 days: 7 practices, 6 minutes",  # 7 x 55 s in the practice
    ]
    assert window.summary.text().startswith(
        "In the last 30 days you took 6 minutes for yourself over 7 breaks."
    )
    assert "a little lighter afterwards, on average" in window.summary.text()
    assert window.kinds is None  # only one-minute breaks: nothing to tell apart
    text = all_text(window)
    assert not any(word in text.lower() for word in UNKIND)


def test_minutes_are_the_time_in_the_practice_and_the_kinds_are_told_apart(qtbot, tmp_path, clock):
    path = history_with(tmp_path / "history.sqlite3", clock, *MONTH[:5])
    history_with(
        path,
        clock,
        (timedelta(hours=3), None, None),
        outcome=Outcome.GROUNDED,
        practice=Practice.HARD_MOMENT,
    )
    window, _ = window_for(qtbot, path, clock)
    # 6 practices of 55 s in the practice each (the minute the window was open is not counted).
    assert window.spans[1].accessibleName() == (
        "Last 30 days: 6 practices, 6 minutes (5 one-minute breaks and 1 hard moment)"
    )
    assert window.summary.text().startswith("In the last 30 days you took 6 minutes")
    assert window.kinds is not None
    assert window.kinds.text() == "5 one-minute breaks and 1 hard moment"


def test_the_mood_picture_is_drawn_and_said_in_words_and_as_a_table(qtbot, tmp_path, clock):
    path = history_with(tmp_path / "history.sqlite3", clock, *MONTH)
    window, _ = window_for(qtbot, path, clock)
    assert isinstance(window.chart, MoodChart)
    words = window.chart.accessibleDescription()
    assert words == (
        "Breaks in the last 30 days with a mood noted at the start and the end: 7. "
        "At the start: 1 heavy, 2 low, 3 okay, 1 calm. At the end: 3 okay, 4 calm."
    )
    # The chart really paints: the accent colour of "at the end" bars is on the picture.
    window.show()
    qtbot.waitExposed(window)
    # The wrapped text above never squeezes the picture, also on a small screen or at 200 %:
    # the window stays as tall as its text at this width needs.
    layout = window.layout()
    assert layout is not None
    assert window.minimumHeight() >= layout.totalHeightForWidth(window.width())
    assert window.pictures.height() >= window.chart.minimumHeight()
    image = window.chart.grab().toImage()
    colours = {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }
    assert QColor(LIGHT.accent).name() in colours

    # Keyboard: the table button swaps the chart for a table that holds the same counts.
    assert window.table_button is not None
    window.table_button.setFocus()
    qtbot.keyClick(window.table_button, Qt.Key.Key_Space)
    table = window.pictures.currentWidget()
    assert isinstance(table, QTableWidget)
    assert window.focusWidget() is table
    assert [cell_text(table.item(row, 1)) for row in range(5)] == ["0", "0", "3", "4", "0"]
    assert cell_text(table.verticalHeaderItem(0)) == "Heavy"


def test_one_break_with_moods_gets_a_kind_line_instead_of_a_picture(qtbot, tmp_path, clock):
    path = history_with(tmp_path / "history.sqlite3", clock, (timedelta(hours=1), 3, 4))
    window, _ = window_for(qtbot, path, clock)
    assert window.chart is None and window.table_button is None
    assert window.mood_note.text() == TOO_FEW_MOODS
    assert "average" not in window.summary.text()
    assert window.summary.text().endswith("once: lighter afterwards once.")


def test_breaks_without_moods_say_the_picture_is_optional(qtbot, tmp_path, clock):
    path = history_with(tmp_path / "history.sqlite3", clock, (timedelta(hours=1), None, None))
    window, _ = window_for(qtbot, path, clock)
    assert window.mood_note.text() == NO_MOODS


def test_before_any_break_a_kind_line_and_no_history_is_created(qtbot, tmp_path, clock):
    path = tmp_path / "history.sqlite3"
    window, _ = window_for(qtbot, path, clock)
    assert window.spans == []
    assert window.summary.text() == (
        "No breaks yet. Whenever you like, a minute for yourself is here."
    )
    assert not path.exists()


def test_a_history_that_cannot_be_read_is_told_kindly(qtbot, tmp_path):
    def broken() -> object:
        raise OSError("the disk is unwell")

    window = PracticeWindow(broken, lambda _: 0, lambda: None, theme="dark")  # type: ignore[arg-type]
    qtbot.addWidget(window)
    assert window.summary.text() == "Your history could not be read just now (the disk is unwell)."


def test_export_saves_the_history_where_the_person_chose(qtbot, tmp_path, clock):
    path = history_with(tmp_path / "history.sqlite3", clock, *MONTH)
    target: Path = tmp_path / "mine.csv"
    asked: list[Path] = []

    def ask(parent: object, suggested: Path) -> Path:
        asked.append(suggested)
        return target

    window, _ = window_for(qtbot, path, clock, ask_target=ask)
    qtbot.mouseClick(window.export_button, Qt.MouseButton.LeftButton)
    assert asked[0].name == "kindtray-practice.csv"
    with target.open(newline="", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == len(MONTH)
    assert window.status.text() == f"Saved 8 entries to {target}."


def test_a_cancelled_export_saves_nothing_and_a_failed_one_says_why(qtbot, tmp_path, clock):
    path = history_with(tmp_path / "history.sqlite3", clock, *MONTH)
    window, _ = window_for(qtbot, path, clock, ask_target=lambda parent, suggested: None)
    assert window.export() is None
    assert window.status.isHidden()
    folder_target = tmp_path / "a-folder"
    folder_target.mkdir()
    window, _ = window_for(qtbot, path, clock, ask_target=lambda parent, suggested: folder_target)
    window.export()
    assert window.status.text().startswith("Nothing was saved:")


def test_every_control_has_a_name_and_tab_reaches_each_button(qtbot, tmp_path, clock):
    path = history_with(tmp_path / "history.sqlite3", clock, *MONTH)
    window, opened = window_for(qtbot, path, clock)
    window.show()
    qtbot.waitExposed(window)
    for button in window.findChildren(QPushButton):
        assert button.text().replace("&", "") and button.accessibleDescription()
    assert window.chart is not None and window.chart.accessibleName()
    reached = set()
    for _ in range(8):
        qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Tab)
        reached.add(window.focusWidget())
    assert {window.chart, window.why_button, window.export_button, window.close_button} <= reached
    window.why_button.setFocus()
    qtbot.keyClick(window.why_button, Qt.Key.Key_Space)
    assert opened == ["why"]
    qtbot.keyClick(window.why_button, Qt.Key.Key_Escape)
    assert not window.isVisible()


# -- the ways in ---------------------------------------------------------------------------------


@pytest.fixture
def kindtray(qapp: QApplication, tmp_path: Path, clock: FakeClock) -> Iterator[KindtrayApp]:
    app = build_kindtray(qapp, default_paths(tmp_path), clock, routes=RouteChain([]))
    app.start()
    yield app
    app.shutdown()
    for widget in QApplication.topLevelWidgets():
        widget.close()


def cell_text(item: QTableWidgetItem | None) -> str:
    assert item is not None
    return item.text()


W = TypeVar("W", bound=QWidget)


def opened(kind: type[W]) -> list[W]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_the_tray_item_opens_your_practice_from_the_real_history(kindtray, clock):
    history_with(kindtray.paths.history_file, clock, *MONTH[:2])
    kindtray.tray.practice_action.trigger()
    (window,) = opened(PracticeWindow)
    assert window.spans[0].accessibleName() == "Last 7 days: 2 practices, 2 minutes"
    window.why_button.click()
    assert len(opened(WhyWindow)) == 1


def test_the_about_box_and_the_welcome_lead_to_why_this_helps(kindtray):
    box = kindtray.show_about()
    (why,) = [b for b in box.buttons() if b.text() == "Why this &helps"]
    why.click()
    assert len(opened(WhyWindow)) == 1
    for window in opened(WhyWindow):
        window.close()
    assert not box.isModal()

    welcome = kindtray.show_welcome()
    welcome.why_button.click()
    assert len(opened(WhyWindow)) == 1


def test_a_larger_desktop_font_widens_the_window_rather_than_squeeze_the_buttons(
    qtbot, tmp_path, clock
):
    # GNOME's 11-point font made the four buttons wider than 520 pixels: their words were cut.
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    before = qapp.font()
    larger = QFont(before)
    larger.setPointSizeF(max(before.pointSizeF(), 9.0) * 1.3)
    qapp.setFont(larger)
    try:
        window, _ = window_for(qtbot, history_with(tmp_path / "h.sqlite3", clock, *MONTH), clock)
        window.show()
        qtbot.waitExposed(window)
        for button in window.findChildren(QPushButton):
            if button.isVisible():
                assert button.width() >= button.sizeHint().width(), button.text()
        layout = window.layout()
        assert layout is not None
        assert window.height() >= layout.totalHeightForWidth(window.width())
    finally:
        qapp.setFont(before)
