"""A fork server for the kill tests: starts a writer, kills it with SIGKILL, reports progress.

Run as ``python killer.py KIND PATH``. It imports kindtray once, then for every line on stdin
(``random DELAY FIRST`` or ``in-fsync 0 FIRST``) forks a child that saves versions FIRST,
FIRST+1, ... of the file through the real store, writing each finished version number to a
pipe. The parent kills the child after DELAY seconds (``random``) or while it is inside the
fsync of its first save (``in-fsync``), and prints ``killed LAST`` where LAST is the newest
version the child finished (FIRST-1 if none). Forking from one quiet process makes a kill
cost about a millisecond, so 200 of them stay quick.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kindtray.core.clock import FakeClock, SystemClock
from kindtray.core.history import BreakRecord, Outcome, Trigger
from kindtray.core.settings import Settings
from kindtray.core.state import State
from kindtray.storage.history import History
from kindtray.storage.settings_store import SettingsStore
from kindtray.storage.state_store import StateStore

BASE = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
SEED = 424242


def settings_version(k: int) -> Settings:
    """Version k of the settings file (the interval and snooze together pin k down)."""
    return (
        Settings()
        .with_value("reminders.interval_minutes", 10 + k % 471)
        .with_value("reminders.snooze_minutes", 1 + k // 471 % 120)
    )


def state_version(k: int) -> State:
    """Version k of the state file."""
    return State(last_reminder_at=BASE + timedelta(minutes=k), anchor=BASE, seed=SEED)


def history_row(k: int) -> BreakRecord:
    """The k-th break (k from 0) written to the history."""
    started = BASE + timedelta(minutes=k)
    return BreakRecord(
        started,
        started + timedelta(seconds=30 + k % 270),
        30 + k % 270,
        Outcome.COMPLETED,
        Trigger.REQUEST,
        1 + k % 5,
        1 + (k + 1) % 5,
        (f"calm-{k}",),
    )


def _writer(kind: str, path: Path) -> Callable[[int], None]:
    if kind == "settings":
        store = SettingsStore(path, SystemClock())
        store.load()
        return lambda k: store.save(settings_version(k))
    if kind == "state":
        state_store = StateStore(path, SystemClock())
        state_store.load()
        return lambda k: state_store.save(state_version(k))
    history = History(path, FakeClock(BASE))
    if history.messages:
        raise SystemExit(f"history opened with messages: {history.messages}")
    return lambda k: history.record(history_row(k))


def _child(kind: str, path: Path, first: int, progress: int, hang_in_fsync: bool) -> None:
    if hang_in_fsync:
        real_fsync = os.fsync

        def fsync_then_hang(fd: int) -> None:
            real_fsync(fd)
            os.write(progress, b"F\n")
            time.sleep(60)

        os.fsync = fsync_then_hang  # type: ignore[assignment]
    save = _writer(kind, path)
    k = first
    while True:
        save(k)
        os.write(progress, b"%d\n" % k)
        k += 1


def main() -> None:
    kind, path = sys.argv[1], Path(sys.argv[2])
    for line in sys.stdin:
        mode, delay, first = line.split()
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            try:
                _child(kind, path, int(first), write, mode == "in-fsync")
            finally:
                os._exit(1)
        os.close(write)
        if mode == "in-fsync":
            with os.fdopen(os.dup(read), "rb", buffering=0) as pipe:
                while pipe.read(2) != b"F\n":
                    pass
        else:
            time.sleep(float(delay))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        with os.fdopen(read, "rb") as pipe:
            numbers = [int(n) for n in pipe.read().split() if n.isdigit()]
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        print(f"{'killed' if killed else 'exited'} {max(numbers, default=int(first) - 1)}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
