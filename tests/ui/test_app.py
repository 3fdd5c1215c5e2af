"""The wiring: commands, menu entries and reminder answers reach the scheduler and the screen."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kindtray.core.clock import FakeClock
from kindtray.core.history import Trigger
from kindtray.paths import default_paths
from kindtray.storage.history import History
from kindtray.storage.phrase_store import load_library
from kindtray.storage.state_store import StateStore
from kindtray.ui.app import NO_TRAY_MARKER, KindtrayApp, build_kindtray
from kindtray.ui.notify.base import RouteError
from kindtray.ui.notify.chain import RouteChain
from kindtray.ui.settings_dialog import SettingsDialog

MONDAY_10 = datetime.fromisoformat("2026-11-30T10:00:00+00:00")


class FakeRoute:
    name = "fake"
    why = "a test route"

    def __init__(self) -> None:
        self.shown: list[str] = []
        self.fails = False

    def notify(self, title: str, body: str) -> None:
        if self.fails:
            raise RouteError("broken")
        self.shown.append(body)

    def withdraw(self) -> None:
        pass

    def probe(self) -> str | None:
        return None

    def shutdown(self) -> None:
        pass


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_10)


@pytest.fixture
def route() -> FakeRoute:
    return FakeRoute()


@pytest.fixture
def kindtray(
    qapp: QApplication, tmp_path: Path, clock: FakeClock, route: FakeRoute
) -> Iterator[KindtrayApp]:
    app = build_kindtray(qapp, default_paths(tmp_path), clock, routes=RouteChain([route]))
    app.start()
    yield app
    app.shutdown()
    for widget in QApplication.topLevelWidgets():
        widget.close()


def test_pause_command_pauses_saves_and_shows_paused(
    kindtray: KindtrayApp, clock: FakeClock
) -> None:
    reply = kindtray.handle_command({"command": "pause", "minutes": 60})
    assert (reply.exit, reply.message) == (0, "Paused until 11:00")
    assert kindtray.tray.icon.toolTip() == "Paused until 11:00"
    assert kindtray.tray.resume_action.isVisible()
    saved = StateStore(kindtray.paths.state_file, clock).load()
    assert saved.pause_until == MONDAY_10 + timedelta(hours=1)


def test_resume_command_ends_the_pause(kindtray: KindtrayApp) -> None:
    kindtray.handle_command({"command": "pause", "until": "tomorrow"})
    reply = kindtray.handle_command({"command": "resume"})
    assert reply.message.startswith("Next reminder at")
    assert not kindtray.tray.resume_action.isVisible()


def test_menu_pause_entry_pauses(kindtray: KindtrayApp) -> None:
    kindtray.tray.pause_actions[0].trigger()
    assert kindtray.tray.icon.toolTip() == "Paused until 10:30"


def test_a_bad_pause_is_a_usage_error(kindtray: KindtrayApp) -> None:
    assert kindtray.handle_command({"command": "pause", "minutes": "soon"}).exit == 2
    assert kindtray.handle_command({"command": "dance"}).exit == 2


def test_remind_shows_exactly_one_reminder_and_counts_it(
    route: FakeRoute, kindtray: KindtrayApp, clock: FakeClock
) -> None:
    reply = kindtray.handle_command({"command": "remind"})
    assert reply.exit == 0
    assert len(route.shown) == 1
    assert kindtray.scheduler.state.last_reminder_at == clock.now()


def test_a_due_reminder_is_shown_when_the_timer_fires(
    route: FakeRoute, kindtray: KindtrayApp, clock: FakeClock
) -> None:
    due = kindtray.timer.last_decision.next_reminder  # type: ignore[union-attr]
    assert due is not None
    clock.advance(due - clock.now())
    kindtray.timer.check()
    assert len(route.shown) == 1


def test_later_snoozes(kindtray: KindtrayApp, clock: FakeClock) -> None:
    kindtray.handle_command({"command": "remind"})
    kindtray.answers.snooze.emit()
    snooze = kindtray.scheduler.settings.reminders.snooze_minutes
    assert kindtray.timer.last_decision is not None
    assert kindtray.timer.last_decision.next_reminder == clock.now() + timedelta(minutes=snooze)


def test_start_break_answer_and_break_command_open_one_break(
    qtbot: QtBot, kindtray: KindtrayApp
) -> None:
    kindtray.answers.start_break.emit()
    window = kindtray.break_window
    assert window is not None and window.isVisible()
    kindtray.handle_command({"command": "break"})
    assert kindtray.break_window is window  # brought to the front, not a second one


def test_an_ended_break_is_recorded_and_its_window_freed(
    qtbot: QtBot, kindtray: KindtrayApp
) -> None:
    window = kindtray.open_break(Trigger.REQUEST)
    window.end_gently()
    window.advance()  # the farewell's moment passes
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(window)  # deleted, not kept for the app's lifetime
    assert kindtray.break_window is None
    with History(kindtray.paths.history_file, kindtray.clock) as history:
        summary = history.summary(None)
    assert summary.breaks_taken == 1


def test_a_break_on_request_moves_the_next_reminder(
    kindtray: KindtrayApp, clock: FakeClock
) -> None:
    def next_reminder() -> datetime:
        decision = kindtray.timer.last_decision
        assert decision is not None and decision.next_reminder is not None
        return decision.next_reminder

    planned = next_reminder()
    clock.advance(planned - clock.now() - timedelta(minutes=5))
    window = kindtray.open_break(Trigger.REQUEST)
    window.end_gently()
    window.advance()
    assert next_reminder() > planned + timedelta(minutes=30)


def test_status_reports_the_plan(kindtray: KindtrayApp) -> None:
    reply = kindtray.handle_command({"command": "status"})
    assert reply.status is not None
    assert reply.status["running"] is True
    assert reply.status["paused"] is False
    assert reply.status["next_reminder"].startswith("2026-11-30T")
    assert reply.message.startswith("Next reminder at")


def test_without_a_tray_the_user_is_told_once(qtbot: QtBot, kindtray: KindtrayApp) -> None:
    # The offscreen platform has no system tray, like GNOME without the extension.
    kindtray._tell_about_missing_tray_once()
    box = kindtray.no_tray_notice
    assert box is not None and box.isVisible()
    assert "kindtray pause 1h" in [typed.text() for typed, _ in box.command_rows()]
    assert (kindtray.paths.state_dir / NO_TRAY_MARKER).exists()
    box.close()
    kindtray.no_tray_notice = None
    kindtray._tell_about_missing_tray_once()
    assert kindtray.no_tray_notice is None


def test_the_reminder_speaks_a_phrase_from_the_library(
    route: FakeRoute, kindtray: KindtrayApp
) -> None:
    library, _ = load_library(None)
    texts = {phrase.text for phrase in library.group("reminder")}
    kindtray.handle_command({"command": "remind"})
    assert route.shown[0] in texts


@pytest.mark.parametrize(("answer", "outcome"), [("snooze", "snoozed"), ("dismissed", "dismissed")])
def test_snoozing_and_dismissing_are_recorded_in_the_history(
    tmp_path: Path, kindtray: KindtrayApp, clock: FakeClock, answer: str, outcome: str
) -> None:
    kindtray.handle_command({"command": "remind"})
    clock.advance(30)
    getattr(kindtray.answers, answer).emit()
    with History(kindtray.paths.history_file, clock) as history:
        assert history.count() == 1
        exported = tmp_path / "history.csv"
        history.export_csv(exported)
    assert outcome in exported.read_text()


def test_settings_opens_one_dialog_whose_saves_replan_at_once(
    qtbot: QtBot, kindtray: KindtrayApp, clock: FakeClock
) -> None:
    reply = kindtray.handle_command({"command": "settings"})
    assert reply.exit == 0
    dialog = kindtray.settings_window
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    assert kindtray.open_settings() is dialog
    faster = kindtray.scheduler.settings.with_value("reminders.interval_minutes", 10)
    faster = faster.with_value("reminders.randomness_percent", 0)
    dialog.applied.emit(faster)
    assert kindtray.scheduler.settings == faster
    assert kindtray.timer.last_decision is not None
    assert kindtray.timer.last_decision.next_reminder == clock.now() + timedelta(minutes=10)


def test_about_says_what_kindtray_is_without_blocking(qtbot: QtBot, kindtray: KindtrayApp) -> None:
    kindtray.tray.about_action.trigger()
    about = kindtray.about_box
    assert about is not None and about.isVisible() and not about.isModal()
    assert "self-compassion" in about.about.text()


def test_a_hand_edited_settings_file_replans_at_once(
    qtbot: QtBot, tmp_path: Path, qapp: QApplication, clock: FakeClock
) -> None:
    paths = default_paths(tmp_path)
    app = build_kindtray(qapp, paths, clock)
    app.start()
    paths.settings_file.write_text(
        "[reminders]\ninterval_minutes = 10\nrandomness_percent = 0\n", encoding="utf-8"
    )
    qtbot.waitUntil(lambda: app.scheduler.settings.reminders.interval_minutes == 10)
    assert app.timer.last_decision is not None
    assert app.timer.last_decision.next_reminder == clock.now() + timedelta(minutes=10)
    app.shutdown()


def test_hand_edits_are_noticed_after_a_first_start_created_the_config_folder(
    qtbot: QtBot, tmp_path: Path, qapp: QApplication, clock: FakeClock
) -> None:
    # A first start: the config folder does not exist yet, so there is nothing to watch.
    paths = default_paths(tmp_path / "fresh")
    app = build_kindtray(qapp, paths, clock)
    app.start()
    # The welcome (or the settings dialog) saves through the store and re-plans.
    app.settings_store.save(app.scheduler.settings, write_all=True)
    app.apply_settings(app.scheduler.settings)
    # Later the user edits the file by hand: kindtray must follow without a restart.
    paths.settings_file.write_text(
        "[reminders]\ninterval_minutes = 10\nrandomness_percent = 0\n", encoding="utf-8"
    )
    qtbot.waitUntil(lambda: app.scheduler.settings.reminders.interval_minutes == 10)
    app.shutdown()


def test_a_phrases_file_written_while_running_is_used_without_a_restart(
    route: FakeRoute,
    kindtray: KindtrayApp,
) -> None:
    kindtray.handle_command({"command": "remind"})  # the library is loaded now
    mine = "Tea, a window and a slow breath?"
    kindtray.paths.phrases_file.write_text(f'[reminder]\ntea = "{mine}"\n', encoding="utf-8")
    library, _ = load_library(None)
    for _ in range(len(library.group("reminder")) + 1):  # one full round, and then some
        kindtray.handle_command({"command": "remind"})
    assert mine in route.shown


def test_no_reminder_pops_up_over_a_break_in_progress(
    route: FakeRoute, qtbot: QtBot, kindtray: KindtrayApp, clock: FakeClock
) -> None:
    window = kindtray.open_break(Trigger.REQUEST)
    due = kindtray.timer.last_decision.next_reminder  # type: ignore[union-attr]
    assert due is not None
    clock.advance(due - clock.now())
    kindtray.timer.check()  # the plan's reminder falls due in the middle of the minute
    assert route.shown == []
    assert window.isVisible()


def test_the_no_tray_marker_is_private_like_every_other_file(
    qtbot: QtBot, kindtray: KindtrayApp
) -> None:
    kindtray._tell_about_missing_tray_once()
    marker = kindtray.paths.state_dir / NO_TRAY_MARKER
    assert marker.stat().st_mode & 0o777 == 0o600


def test_a_hand_edit_that_breaks_the_file_is_kept_aside_once_not_over_and_over(
    qtbot: QtBot, tmp_path: Path, qapp: QApplication, clock: FakeClock
) -> None:
    paths = default_paths(tmp_path)
    app = build_kindtray(qapp, paths, clock)
    app.start()
    paths.settings_file.write_text('[reminders]\nactive_start = "09:00\n', encoding="utf-8")

    def copies() -> list[Path]:
        return sorted(tmp_path.glob("settings.toml.corrupt-*"))

    app.settings_watch.file_changed(str(paths.settings_file))  # what the file watcher calls
    assert len(copies()) == 1
    # The copy lands in the watched folder, which reports a change of the folder each time:
    # that must not set off another copy, and another...
    for _ in range(3):
        app.settings_watch.file_changed(str(paths.config_dir))
    app.shutdown()
    assert len(copies()) == 1, copies()


def test_starting_the_tray_loads_no_window_history_or_phrases_yet() -> None:
    # A tray app starts at every login: what it needs only later loads only later. The
    # history's vocabulary (core.history: Trigger, Outcome, pure) is used by the reminder
    # flow from the start; the history's database (storage.history, sqlite3) stays lazy.
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import kindtray.ui.process\n"
        "lazy = ['kindtray.ui.break_window', 'kindtray.ui.settings_dialog', "
        "'kindtray.ui.welcome', 'kindtray.core.phrases', "
        "'kindtray.storage.history', 'kindtray.storage.phrase_store', 'sqlite3']\n"
        "print([m for m in lazy if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_break_the_locked_history_cannot_take_is_kept_and_told_once(
    kindtray: KindtrayApp, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    kindtray.handle_command({"command": "remind"})
    kindtray.answers.dismissed.emit()  # creates the history
    kindtray.paths.history_file.parent.mkdir(parents=True, exist_ok=True)
    locker = sqlite3.connect(kindtray.paths.history_file, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")  # another process holds the history
    try:
        for _ in range(2):
            clock.advance(600)
            kindtray.handle_command({"command": "remind"})
            kindtray.answers.dismissed.emit()
        assert kindtray.paths.pending_breaks_file.exists()
        told = [r for r in caplog.records if "It is kept" in r.getMessage()]
        assert len(told) == 1 and str(kindtray.paths.history_file) in told[0].getMessage()
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    kindtray.history.retry()  # what the retry timer does
    assert not kindtray.paths.pending_breaks_file.exists()
    with History(kindtray.paths.history_file, clock) as history:
        assert history.count() == 3


def test_rapid_invalid_edits_are_read_once_they_pause(
    qtbot: QtBot, kindtray: KindtrayApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[int] = []
    real_load = kindtray.settings_store.load

    def counting_load(**kwargs: Any) -> Any:
        loads.append(1)
        return real_load(**kwargs)

    monkeypatch.setattr(kindtray.settings_store, "load", counting_load)
    settings = kindtray.paths.settings_file
    settings.parent.mkdir(parents=True, exist_ok=True)
    for n in range(40):  # an editor or a script saving broken versions in a burst
        settings.write_text(f"[reminders\ninterval_minutes = {n}\n")
        kindtray.settings_watch.watcher.fileChanged.emit(str(settings))
    assert loads == []
    qtbot.waitUntil(lambda: loads == [1], timeout=5000)
    assert len(list(settings.parent.glob("settings.toml.corrupt-*"))) == 1


def test_start_break_in_a_reminder_takes_the_focus_and_is_recorded_as_reminded(
    qtbot: QtBot, kindtray: KindtrayApp
) -> None:
    # Clicking "Start break" is the person's request: the window takes the keyboard (X11
    # left it behind before); the history still says a reminder led to it.
    kindtray.answers.start_break.emit()
    window = kindtray.break_window
    assert window is not None
    assert not window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    window.end_gently()
    window.advance()
    export = kindtray.paths.config_dir / "history.csv"
    with History(kindtray.paths.history_file, kindtray.clock) as history:
        history.export_csv(export)
    assert [row.split(",")[4] for row in export.read_text().splitlines()] == ["trigger", "reminder"]


def test_a_second_break_command_brings_the_window_forward_with_its_token(
    qtbot: QtBot, kindtray: KindtrayApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    forwarded: list[str | None] = []
    monkeypatch.setattr(
        "kindtray.ui.activation.bring_forward", lambda window, token=None: forwarded.append(token)
    )
    kindtray.handle_command({"command": "break"})
    opened = len(forwarded)  # the new window's own start may ask too (without a token)
    kindtray.handle_command({"command": "break", "activation_token": "launcher-token"})
    assert forwarded[opened:] == ["launcher-token"]


def test_an_app_that_has_ended_starts_no_presence_sources(kindtray: KindtrayApp) -> None:
    # Presence starts a moment after the icon; an app shut down before then must not start
    # it: the sources' first answer would re-plan and reach a tray whose menu Qt deleted.
    assert kindtray._presence_start.isActive()
    kindtray.shutdown()
    assert not kindtray._presence_start.isActive()
