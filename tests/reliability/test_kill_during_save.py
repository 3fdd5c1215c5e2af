"""kill -9 at random moments while kindtray saves: every file stays whole and nothing is left.

A fork server (killer.py) runs the real SettingsStore, StateStore and History in a child that
saves version after version, and kills it with SIGKILL after a random delay: while it loads,
while it writes the temporary file, between the rename and the directory sync, in the middle
of an SQLite commit. After every kill the file must be exactly the last version the child
finished or the one after it, parse cleanly, and the next load must leave no temporary file.
"""

from __future__ import annotations

import functools
import random
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kindtray.core.clock import FakeClock
from kindtray.storage.history import History
from kindtray.storage.settings_store import SettingsStore
from kindtray.storage.state_store import StateStore
from tests.reliability import killer

KILLS = 200
KILLS_IN_FSYNC = 5
KILLER = Path(killer.__file__)
CLOCK = FakeClock(datetime(2026, 11, 29, 10, 0, tzinfo=UTC))


class ForkServer:
    """Talks to killer.py: one line per kill."""

    def __init__(self, kind: str, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(KILLER), kind, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def kill(self, mode: str, delay: float, first: int) -> int:
        """Start a writer at version ``first``, kill it; return the last version it finished."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"{mode} {delay:.6f} {first}\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().split()
        assert answer and answer[0] == "killed", f"the writer was not killed: {answer}"
        return int(answer[1])

    def close(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        self.process.wait(timeout=10)
        self.process.stdout.close()


@pytest.fixture
def fork_server() -> Iterator[Callable[[str, Path], ForkServer]]:
    servers: list[ForkServer] = []

    def start(kind: str, path: Path) -> ForkServer:
        server = ForkServer(kind, path)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def temp_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


@functools.cache
def settings_bytes(k: int, scratch: Path) -> bytes:
    path = scratch / f"settings-{k}.toml"
    SettingsStore(path, CLOCK).save(killer.settings_version(k), write_all=True)
    return path.read_bytes()


@functools.cache
def state_bytes(k: int, scratch: Path) -> bytes:
    path = scratch / f"state-{k}.toml"
    StateStore(path, CLOCK).save(killer.state_version(k))
    return path.read_bytes()


def kill_schedule(seed: int, max_delay: float) -> list[tuple[str, float]]:
    """Five kills inside a save's fsync (certain to strand a temp file), then 200 at random."""
    rng = random.Random(seed)
    return [("in-fsync", 0.0)] * KILLS_IN_FSYNC + [
        ("random", rng.uniform(0, max_delay)) for _ in range(KILLS)
    ]


@pytest.mark.parametrize("kind", ["settings", "state"])
def test_a_kill_during_save_leaves_the_old_or_the_new_file_and_no_temp_file(
    kind, tmp_path, fork_server
):
    directory = tmp_path / "dir"
    scratch = tmp_path / "scratch"
    path = directory / f"{kind}.toml"
    if kind == "settings":
        expected, load_check = settings_bytes, check_settings
        SettingsStore(path, CLOCK).save(killer.settings_version(0), write_all=True)
    else:
        expected, load_check = state_bytes, check_state
        StateStore(path, CLOCK).save(killer.state_version(0))
    server = fork_server(kind, path)
    version = 0
    seen: Counter[str] = Counter()
    # About 0.7 ms per save on this machine's disk: delays cover the child's load and a few saves.
    for mode, delay in kill_schedule(7, 0.004):
        last = server.kill(mode, delay, version + 1)
        assert last >= version
        raw = path.read_bytes()
        if raw == expected(last, scratch):
            version = last
            seen["file is the last finished version"] += 1
        else:
            assert raw == expected(last + 1, scratch), f"{path} is neither version {last} nor next"
            version = last + 1
            seen["file is the version being saved"] += 1
        if temp_files(directory):
            seen["kill stranded a temp file"] += 1
        elif mode == "in-fsync":
            pytest.fail("a kill inside fsync must strand the temp file; the test missed its aim")
        load_check(path, version)
        assert temp_files(directory) == [], "the next load must remove what a killed save left"
        assert sorted(p.name for p in directory.iterdir()) == [path.name]
    print(f"{kind}: {KILLS + KILLS_IN_FSYNC} kills, {version} versions saved, {dict(seen)}")
    assert seen["kill stranded a temp file"] >= KILLS_IN_FSYNC


def check_settings(path: Path, version: int) -> None:
    loaded = SettingsStore(path, CLOCK).load()
    assert loaded.problems == ()
    assert loaded.settings == killer.settings_version(version)


def check_state(path: Path, version: int) -> None:
    store = StateStore(path, CLOCK)
    assert store.load() == killer.state_version(version)
    assert store.messages == ()


def test_a_kill_during_a_history_write_keeps_every_committed_break(tmp_path, fork_server):
    path = tmp_path / "data" / "history.sqlite3"
    server = fork_server("history", path)
    rows = 0  # breaks 0 .. rows-1 are known to be committed and checked
    for _, delay in kill_schedule(11, 0.006)[KILLS_IN_FSYNC:]:
        last = server.kill("random", delay, rows)
        with History(path, CLOCK) as history:
            assert history.messages == ()
            assert history.backup is None
            count = history.count()
        # Every break the writer finished is there; at most the one being written besides.
        assert last + 1 <= count <= last + 2
        check_history_rows(path, rows, count)
        rows = count
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        total = conn.execute("SELECT count(*) FROM breaks").fetchone()[0]
    finally:
        conn.close()
    assert total == rows
    check_history_rows(path, 0, rows)
    print(f"history: {KILLS} kills, {rows} breaks committed and intact")
    assert list(path.parent.glob("*.corrupt-*")) == []


def check_history_rows(path: Path, first: int, end: int) -> None:
    conn = sqlite3.connect(path)
    try:
        found = conn.execute(
            "SELECT started, ended, planned_seconds, outcome, trigger, mood_before, mood_after,"
            " phrase_ids FROM breaks ORDER BY id LIMIT ? OFFSET ?",
            (end - first, first),
        ).fetchall()
    finally:
        conn.close()
    assert len(found) == end - first
    for k, row in enumerate(found, start=first):
        entry = killer.history_row(k)
        assert row == (
            entry.started.isoformat(timespec="seconds"),
            entry.ended.isoformat(timespec="seconds"),
            entry.planned_seconds,
            entry.outcome.value,
            entry.trigger.value,
            entry.mood_before,
            entry.mood_after,
            f'["calm-{k}"]',
        )
