import tomllib
from datetime import UTC, datetime, timedelta

import pytest

from kindtray.core.clock import FakeClock
from kindtray.core.state import State
from kindtray.storage.files import SaveError
from kindtray.storage.state_store import StateStore

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)


def test_state_round_trips(tmp_path):
    clock = FakeClock(NOW)
    store = StateStore(tmp_path / "state.toml", clock)
    state = State(
        pause_until=NOW + timedelta(hours=1),
        snooze_until=NOW + timedelta(minutes=10),
        last_reminder_at=NOW - timedelta(minutes=5),
        anchor=NOW - timedelta(minutes=5),
        seed=42,
    )
    store.save(state)
    assert StateStore(tmp_path / "state.toml", clock).load() == state


def test_missing_state_gets_a_fresh_seed(tmp_path):
    state = StateStore(tmp_path / "state.toml", FakeClock(NOW)).load()
    assert state.seed != 0
    assert state.pause_until is None


def test_corrupt_state_is_kept_aside_and_reset(tmp_path):
    path = tmp_path / "state.toml"
    path.write_text("pause_until = [")
    store = StateStore(path, FakeClock(NOW))
    state = store.load()
    assert state.pause_until is None
    assert "kept as" in store.messages[0]
    assert (tmp_path / "state.toml.corrupt-20261129T100000").exists()


def test_wrong_types_in_state_are_dropped(tmp_path):
    path = tmp_path / "state.toml"
    path.write_text('pause_until = "tomorrow"\nseed = "x"\nanchor = 2026-11-29T09:00:00\n')
    store = StateStore(path, FakeClock(NOW))
    state = store.load()
    assert state.pause_until is None and state.anchor is None
    assert len(store.messages) == 3


def test_state_file_carries_its_schema(tmp_path):
    path = tmp_path / "state.toml"
    StateStore(path, FakeClock(NOW)).save(State(seed=7))
    assert tomllib.loads(path.read_text())["schema"] == 1


def test_a_state_file_from_a_newer_kindtray_is_never_overwritten(tmp_path):
    path = tmp_path / "state.toml"
    original = b"schema = 2\nseed = 99\npause_until = 2026-11-29T12:00:00Z\n[future]\nx = 1\n"
    path.write_bytes(original)
    store = StateStore(path, FakeClock(NOW))
    state = store.load()
    assert state.pause_until is None and state.seed not in (0, 99), "defaults, in memory"
    assert len(store.messages) == 1
    assert str(path) in store.messages[0] and "newer kindtray (schema 2" in store.messages[0]
    assert "left untouched" in store.messages[0]
    with pytest.raises(SaveError, match="newer kindtray"):
        store.save(state.with_changes(seed=5))
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.toml"], "no copy, no temp file"


def test_a_state_file_with_a_meaningless_schema_is_replaced_by_a_fresh_state(tmp_path):
    path = tmp_path / "state.toml"
    path.write_text('schema = "x"\nseed = 99\n')
    store = StateStore(path, FakeClock(NOW))
    state = store.load()
    assert state.seed != 99
    assert "not a schema number" in store.messages[0] and str(path) in store.messages[0]
    store.save(state)
    assert tomllib.loads(path.read_text())["schema"] == 1


def test_an_older_state_file_goes_through_the_migration_chain(tmp_path, monkeypatch):
    # Pretend the state is at schema 2, where "pause_end" became "pause_until".
    def v1_to_v2(document):
        document["pause_until"] = document.pop("pause_end")

    monkeypatch.setattr("kindtray.storage.state_store.SCHEMA", 2)
    monkeypatch.setattr("kindtray.storage.state_store.MIGRATIONS", (v1_to_v2,))
    path = tmp_path / "state.toml"
    path.write_text("schema = 1\nseed = 42\npause_end = 2026-11-29T12:00:00Z\n")
    store = StateStore(path, FakeClock(NOW))
    state = store.load()
    assert store.messages == ()
    assert state.pause_until == datetime(2026, 11, 29, 12, tzinfo=UTC) and state.seed == 42
    store.save(state)
    assert tomllib.loads(path.read_text())["schema"] == 2


def test_a_hold_and_an_absence_survive_a_restart(tmp_path):
    clock = FakeClock(NOW)
    state = State(
        seed=3,
        held_reason="fullscreen",
        held_since=NOW - timedelta(minutes=20),
        held_due=NOW - timedelta(minutes=2),
        away_since=NOW - timedelta(minutes=8),
    )
    StateStore(tmp_path / "state.toml", clock).save(state)
    assert StateStore(tmp_path / "state.toml", clock).load() == state


def test_a_state_file_from_before_holds_reads_as_nothing_held(tmp_path):
    path = tmp_path / "state.toml"
    path.write_text("schema = 1\nseed = 5\nanchor = 2026-11-29T09:00:00Z\n")
    store = StateStore(path, FakeClock(NOW))
    state = store.load()
    assert (state.held_reason, state.held_since, state.held_due, state.away_since) == (None,) * 4
    assert store.messages == ()


def test_an_unknown_hold_reason_is_dropped(tmp_path):
    path = tmp_path / "state.toml"
    path.write_text('schema = 1\nseed = 5\nheld_reason = "napping"\n')
    store = StateStore(path, FakeClock(NOW))
    assert store.load().held_reason is None
    assert "held_reason" in store.messages[0]
