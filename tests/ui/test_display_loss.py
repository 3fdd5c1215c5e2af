"""Killing the X server: Qt logs "The X11 connection broke" and exits at once. Before it does,
kindtray records the open break, saves its state and removes its socket."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import qWarning
from PySide6.QtWidgets import QApplication

from kindtray.core.clock import FakeClock
from kindtray.core.history import Outcome, Trigger
from kindtray.paths import default_paths
from kindtray.storage.history import History
from kindtray.storage.state_store import StateStore
from kindtray.ui.app import KindtrayApp, build_kindtray
from kindtray.ui.display_loss import X_CONNECTION_LOST, on_display_lost
from kindtray.ui.notify.chain import RouteChain
from tests.ui.test_app import MONDAY_10, FakeRoute


@pytest.fixture
def kindtray(qapp: QApplication, tmp_path: Path) -> Iterator[KindtrayApp]:
    app = build_kindtray(
        qapp, default_paths(tmp_path), FakeClock(MONDAY_10), routes=RouteChain([FakeRoute()])
    )
    app.start()
    yield app
    app.shutdown()
    for widget in QApplication.topLevelWidgets():
        widget.close()


@pytest.mark.qt_log_ignore(X_CONNECTION_LOST)  # the test says it on purpose
def test_the_x_server_going_away_keeps_the_break_the_state_and_no_socket(
    kindtray: KindtrayApp,
) -> None:
    kindtray.open_break(Trigger.REQUEST)
    kindtray.handle_command({"command": "pause", "minutes": 30})
    socket = Path(kindtray.paths.socket_name)
    assert socket.exists()
    said: list[bool] = []

    def last_words() -> None:
        kindtray.leave_without_display()
        said.append(True)

    undo = on_display_lost(last_words)
    try:
        qWarning(f"{X_CONNECTION_LOST}: (code 1)")  # what Qt says just before exit(1)
        qWarning(f"{X_CONNECTION_LOST}: (code 1)")  # once is enough
    finally:
        undo()
    assert said == [True]
    assert not socket.exists()
    with History(kindtray.paths.history_file, kindtray.clock) as history:
        assert history.count() == 1
        assert f",{Outcome.ENDED_EARLY.value}," in history.csv_text()[0]
    assert StateStore(kindtray.paths.state_file, kindtray.clock).load().pause_until is not None
