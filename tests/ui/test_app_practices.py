"""The other practices through the running app: the tray item and ``sos`` open a hard moment,
Ground me lands in the history, and after the wind-down time a reminder offers the wind-down."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kindtray.core.history import Outcome, Practice, Trigger
from kindtray.storage.history import History
from kindtray.storage.phrase_store import load_library
from kindtray.ui.app import KindtrayApp
from tests.ui.test_app import FakeRoute, clock, kindtray, route

__all__ = ["clock", "kindtray", "route"]  # fixtures, used by name


def test_the_tray_item_and_sos_open_a_hard_moment(qtbot: QtBot, kindtray: KindtrayApp) -> None:
    kindtray.tray.hard_moment_action.trigger()
    window = kindtray.break_window
    assert window is not None and window.isVisible()
    assert window.flow.script.practice is Practice.HARD_MOMENT
    assert window.windowTitle() == "A hard moment"
    reply = kindtray.handle_command({"command": "sos"})
    assert reply.message == "Opening A hard moment"
    assert kindtray.break_window is window  # brought forward, not a second one


def test_ground_me_ends_a_hard_moment_as_grounded_in_the_history(
    qtbot: QtBot, kindtray: KindtrayApp
) -> None:
    kindtray.handle_command({"command": "sos"})
    window = kindtray.break_window
    assert window is not None
    window.ground_button.click()
    while window.flow.result is None:
        window.skip_step()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    with History(kindtray.paths.history_file, kindtray.clock) as history:
        [record] = history.records()
    assert (record.outcome, record.practice) == (Outcome.GROUNDED, Practice.HARD_MOMENT)


def test_after_the_wind_down_time_the_reminder_offers_the_wind_down(
    qtbot: QtBot, kindtray: KindtrayApp, route: FakeRoute
) -> None:
    settings = kindtray.scheduler.settings
    kindtray.handle_command({"command": "remind"})
    assert kindtray.flow.offered is Practice.MINUTE
    # The fake clock says 10:00 (UTC): a wind-down from 09:00 has begun.
    kindtray.apply_settings(settings.with_value("phrases.wind_down", time(9, 0)))
    kindtray.handle_command({"command": "remind"})
    library, _ = load_library(None)
    assert route.shown[-1] in {p.text for p in library.group("evening_reminder")}
    kindtray.answers.start_break.emit()
    window = kindtray.break_window
    assert window is not None and window.flow.script.practice is Practice.WIND_DOWN
    assert window.windowTitle() == "Winding down"


def test_a_hard_moment_takes_the_place_of_an_open_break_but_not_the_other_way(
    qtbot: QtBot, kindtray: KindtrayApp
) -> None:
    minute = kindtray.open_break(Trigger.REQUEST)
    kindtray.handle_command({"command": "sos"})
    hard = kindtray.break_window
    assert hard is not None and hard is not minute and hard.isVisible()
    assert hard.flow.script.practice is Practice.HARD_MOMENT
    assert minute.flow.result is not None  # the minute ended (early), and was recorded
    assert minute.flow.result.outcome is Outcome.ENDED_EARLY
    kindtray.handle_command({"command": "break"})
    assert kindtray.break_window is hard  # a hard moment is never cut short by a break
