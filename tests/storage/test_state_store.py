from datetime import UTC, datetime, timedelta

from kindtray.core.clock import FakeClock
from kindtray.core.state import State
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
