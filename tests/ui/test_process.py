"""The tray process's start: the icon first, the rest in the event loop's first turn."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kindtray.control import InstanceLock, lock_path
from kindtray.paths import Paths, default_paths
from kindtray.session.wording import STARTING
from kindtray.ui import process
from kindtray.ui.app import KindtrayApp
from kindtray.ui.single_instance import CommandServer
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

    def start_then_quit(self: KindtrayApp) -> None:
        built.append(self)
        start(self)
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


def test_a_start_that_cannot_listen_ends_with_1_and_takes_its_icon_away(
    qapp: QApplication,
    paths: Paths,
    trays: list[tuple[Tray, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def cannot_listen(self: CommandServer) -> None:
        raise OSError(f"cannot listen on {paths.socket_name}: Permission denied")

    monkeypatch.setattr(CommandServer, "listen", cannot_listen)
    lock = held_lock(paths)
    assert process.run_app(paths, lock) == 1
    assert not trays[0][0].icon.isVisible()
    assert "cannot listen" in paths.log_file.read_text(encoding="utf-8")
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
