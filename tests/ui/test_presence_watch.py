"""The Qt side of presence: a source's descriptor wakes it; polling sources are asked at 30 s."""

from __future__ import annotations

import select
import socket
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from kindtray.core.clock import FakeClock
from kindtray.core.presence import HoldReason, Presence
from kindtray.core.settings import WaitingSettings
from kindtray.system.presence.base import Source
from kindtray.system.presence.monitor import PresenceMonitor
from kindtray.ui.presence_watch import PresenceWatch


class SocketSource(Source):
    """Says "fullscreen" once a byte arrives on its socket (like a D-Bus signal would)."""

    name = "fake fullscreen"
    reason = HoldReason.FULLSCREEN

    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self.sock = sock

    def start(self) -> None:
        self.value = False

    def fileno(self) -> int | None:
        return self.sock.fileno()

    def dispatch(self) -> None:
        self.value = self.sock.recv(1) == b"1"


@pytest.fixture
def pair() -> Iterator[tuple[socket.socket, socket.socket]]:
    ours, theirs = socket.socketpair()
    yield ours, theirs
    ours.close()
    theirs.close()


def test_a_signal_on_the_descriptor_becomes_a_new_presence(qtbot: QtBot, pair) -> None:
    ours, theirs = pair
    source = SocketSource(ours)
    watch = PresenceWatch(
        WaitingSettings(),
        FakeClock(datetime(2026, 12, 2, 10, tzinfo=UTC)),
        lambda waiting: PresenceMonitor(waiting, lambda w, everything: ([source], [])),
    )
    seen: list[Presence] = []
    watch.changed.connect(seen.append)
    watch.start()
    assert seen == [Presence()]
    assert not watch._timer.isActive()  # nothing polls: every source has a signal
    theirs.send(b"1")
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen[-1].held is HoldReason.FULLSCREEN
    theirs.send(b"1")  # the same answer again is not news
    qtbot.waitUntil(lambda: not select.select([ours], [], [], 0)[0])  # read by the source
    watch.stop()
    assert len(seen) == 2


def test_a_source_that_breaks_holds_nothing(qtbot: QtBot, pair) -> None:
    ours, theirs = pair

    class Broken(SocketSource):
        def dispatch(self) -> None:
            raise RuntimeError("the desktop went away")

    source = Broken(ours)
    source.value = True
    watch = PresenceWatch(
        WaitingSettings(),
        FakeClock(datetime(2026, 12, 2, 10, tzinfo=UTC)),
        lambda waiting: PresenceMonitor(waiting, lambda w, everything: ([source], [])),
    )
    watch.start()
    source.value = True
    theirs.send(b"1")
    qtbot.waitUntil(lambda: source.value is None)
    assert watch.presence.held is None
    watch.stop()
