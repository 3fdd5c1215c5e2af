"""The tray process's start: the icon first, the rest in the event loop's first turn."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kindtray.control import InstanceLock, Reply, lock_path, send_command
from kindtray.paths import Paths, default_paths
from kindtray.session.wording import STARTING
from kindtray.ui import process
from kindtray.ui.app import KindtrayApp
from kindtray.ui.tray import Tray


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))  # the desktop entry
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.toml").write_text("schema = 1\n")  # not a first start: no welcome
    return default_paths(config)


def held_lock(paths: Paths) -> InstanceLock:
    lock = InstanceLock(lock_path(paths.socket_name))
    Path(paths.socket_name).parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    assert lock.try_acquire()
    return lock


@pytest.fixture
def trays(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Tray, str]]:
    """Each tray shown, with its status line at that moment."""
    shown: list[tuple[Tray, str]] = []
    show = Tray.show

    def remember(self: Tray) -> None:
        shown.append((self, self.status_action.text()))
        show(self)

    monkeypatch.setattr(Tray, "show", remember)
    return shown


def test_the_icon_shows_starting_and_then_the_plan(
    qapp: QApplication,
    paths: Paths,
    trays: list[tuple[Tray, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[KindtrayApp] = []
    start = KindtrayApp.start

    def start_then_quit(self: KindtrayApp, bound: int | None = None) -> None:
        built.append(self)
        start(self, bound)
        QTimer.singleShot(0, QApplication.quit)

    monkeypatch.setattr(KindtrayApp, "start", start_then_quit)
    lock = held_lock(paths)
    assert process.run_app(paths, lock) == 0
    tray, first_words = trays[0]
    assert first_words == STARTING  # shown before anything behind it was built
    assert built and built[0].tray is tray  # the app took over the icon already shown
    assert tray.status_action.text() != STARTING  # and said what comes next
    assert lock.try_acquire()  # released at the end
    lock.release()


def test_a_start_that_cannot_listen_ends_with_1_before_any_icon_shows(
    qapp: QApplication, paths: Paths, trays: list[tuple[Tray, str]]
) -> None:
    lock = held_lock(paths)
    Path(paths.socket_name).mkdir()  # something in the way the start will not remove
    assert process.run_app(paths, lock) == 1
    assert trays == []  # no icon that could never be asked anything
    assert "a folder is in the way" in paths.log_file.read_text(encoding="utf-8")
    assert lock.try_acquire()
    lock.release()


def test_a_bug_behind_the_icon_ends_the_process_with_its_traceback_in_the_log(
    qapp: QApplication,
    paths: Paths,
    trays: list[tuple[Tray, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> KindtrayApp:
        raise RuntimeError("a bug while building")

    monkeypatch.setattr("kindtray.ui.app.build_kindtray", broken)
    lock = held_lock(paths)
    assert process.run_app(paths, lock) == 1  # not an icon left in the panel doing nothing
    assert not trays[0][0].icon.isVisible()
    log = paths.log_file.read_text(encoding="utf-8")
    assert "kindtray could not start" in log
    assert "RuntimeError: a bug while building" in log
    lock.release()


def test_a_command_sent_as_the_icon_appears_waits_for_its_answer(
    qapp: QApplication, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At login a keyboard shortcut may fire the moment the icon is there: the socket is
    # already bound then, so the command waits for the app instead of finding no socket.
    replies: list[Reply | None] = []
    asking: list[threading.Thread] = []
    show = Tray.show

    def show_and_ask(self: Tray) -> None:
        show(self)
        if not asking:
            request = {"command": "status"}
            ask = threading.Thread(
                target=lambda: replies.append(send_command(paths.socket_name, request))
            )
            ask.start()
            asking.append(ask)
            watch = QTimer(self)
            watch.timeout.connect(lambda: ask.is_alive() or QApplication.quit())
            watch.start(10)

    monkeypatch.setattr(Tray, "show", show_and_ask)
    lock = held_lock(paths)
    assert process.run_app(paths, lock) == 0
    asking[0].join(5)
    assert replies and replies[0] is not None and replies[0].exit == 0
    lock.release()
