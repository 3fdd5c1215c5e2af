"""The instance lock and the start race, without Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kindtray.control import (
    InstanceLock,
    Reply,
    become_primary_or_forward,
    check_socket_path,
    decode,
    encode,
    lock_path,
)


def test_only_one_holder_of_the_lock(tmp_path: Path) -> None:
    first, second = InstanceLock(tmp_path / "k.lock"), InstanceLock(tmp_path / "k.lock")
    assert first.try_acquire()
    assert not second.try_acquire()
    first.release()
    assert second.try_acquire()
    second.release()


def test_the_lock_of_a_dead_process_is_free(tmp_path: Path) -> None:
    # A process that takes the lock and dies without releasing it (as in a crash).
    code = (
        "import os, sys; from pathlib import Path; from kindtray.control import InstanceLock;"
        f"assert InstanceLock(Path({str(tmp_path / 'k.lock')!r})).try_acquire(); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    lock = InstanceLock(tmp_path / "k.lock")
    assert lock.try_acquire()
    lock.release()


def test_the_first_start_takes_the_lock(tmp_path: Path) -> None:
    outcome = become_primary_or_forward(str(tmp_path / "k.sock"), {"command": "hello"})
    assert isinstance(outcome, InstanceLock)
    assert outcome.held
    assert outcome.path == lock_path(str(tmp_path / "k.sock")) == tmp_path / "k.lock"
    outcome.release()


def test_a_holder_that_never_answers_ends_in_a_timeout(tmp_path: Path) -> None:
    holder = InstanceLock(tmp_path / "k.lock")
    assert holder.try_acquire()
    ticks = iter(range(100))
    with pytest.raises(TimeoutError):
        become_primary_or_forward(
            str(tmp_path / "k.sock"),
            {"command": "hello"},
            timeout=3,
            sleep=lambda _: None,
            monotonic=lambda: float(next(ticks)),
        )
    holder.release()


def test_protocol_round_trip() -> None:
    reply = Reply(0, "Paused until 15:00", {"paused": True})
    assert Reply.from_json(decode(encode(reply.to_json()))) == reply
    assert Reply.from_json({"exit": "nonsense"}).exit == 1
    with pytest.raises(ValueError):
        decode(b"[1, 2]")


def test_a_too_long_socket_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="too long"):
        check_socket_path(str(tmp_path / ("x" * 120) / "kindtray.sock"))
