"""Runtime state that must survive a restart: pause, snooze, the last reminder, the jitter seed.

Kept in ``<state dir>/state.toml`` so that quitting and starting again never forgets a
pause or repeats a reminder that was just shown. Read with the same care as settings: an
unreadable file is kept aside and kindtray starts from a fresh state.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from kindtray.core.clock import Clock
from kindtray.core.tomlfile import read_toml, write_toml

_STATE_SCHEMA = 1
_DATETIME_FIELDS = (
    "pause_until",
    "snooze_until",
    "catch_up_at",
    "last_reminder_at",
    "anchor",
    "last_seen",
)


@dataclass(frozen=True)
class State:
    """What the scheduler must remember between runs. All times are aware datetimes.

    - ``pause_until``: no reminders before this time (a pause always has an end);
    - ``snooze_until``: the user said "Later"; the reminder comes back at this time;
    - ``catch_up_at``: after a sleep or clock jump, the one reminder that makes up for any
      that fell due while away;
    - ``last_reminder_at``: when the last reminder was shown;
    - ``anchor``: where the current gap started (the last reminder, a resume or a wake);
    - ``last_seen``: wall time when kindtray last looked at the clock, to notice time that
      passed while it was not running;
    - ``seed``: makes the "little randomness" of each gap stable across restarts.
    """

    pause_until: datetime | None = None
    snooze_until: datetime | None = None
    catch_up_at: datetime | None = None
    last_reminder_at: datetime | None = None
    anchor: datetime | None = None
    last_seen: datetime | None = None
    seed: int = 0

    def to_document(self) -> dict[str, Any]:
        """Return a TOML document (absent times are left out)."""
        document: dict[str, Any] = {"schema": _STATE_SCHEMA, "seed": self.seed}
        for name in _DATETIME_FIELDS:
            value = getattr(self, name)
            if value is not None:
                document[name] = value
        return document

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> tuple[State, list[str]]:
        """Build a State from a document; anything unusable is dropped and reported."""
        problems: list[str] = []
        values: dict[str, Any] = {}
        for name in _DATETIME_FIELDS:
            raw = document.get(name)
            if raw is None:
                continue
            if isinstance(raw, datetime) and raw.tzinfo is not None:
                values[name] = raw
            else:
                problems.append(f"{name}: expected a date and time with an offset; ignored")
        seed = document.get("seed")
        if isinstance(seed, int) and not isinstance(seed, bool) and 0 <= seed < 2**63:
            values["seed"] = seed
        elif seed is not None:
            problems.append("seed: expected a whole number; a new one is used")
        return cls(**values), problems

    def with_changes(self, **changes: Any) -> State:
        """Return a copy with the given fields changed."""
        return replace(self, **changes)


def new_seed(rng: random.Random | None = None) -> int:
    """Return a fresh jitter seed."""
    return (rng or random.SystemRandom()).randrange(1, 2**63)


class StateStore:
    """Loads and saves state.toml atomically."""

    def __init__(self, path: Path, clock: Clock) -> None:
        self.path = path
        self._clock = clock
        self.messages: tuple[str, ...] = ()

    def load(self, *, keep_backup: bool = True) -> State:
        """Return the saved state, or a fresh one (with a new seed) when none is usable."""
        read = read_toml(self.path, self._clock, keep_backup=keep_backup)
        messages = list(read.messages)
        state = State()
        if read.document is not None:
            state, problems = State.from_document(read.document)
            messages.extend(f"{self.path}: {p}" for p in problems)
        if state.seed == 0:
            state = state.with_changes(seed=new_seed())
        self.messages = tuple(messages)
        return state

    def save(self, state: State) -> None:
        """Write the state atomically; raises SaveError if it cannot be written."""
        write_toml(self.path, state.to_document(), "kindtray runtime state; safe to delete.")


STATE_FIELDS = tuple(f.name for f in fields(State))
