"""Runtime state that must survive a restart: pause, snooze, the last reminder, the jitter seed.

Owns the model and its conversion to and from a plain document (pure). The file it lives in,
``<state dir>/state.toml``, is read and written by ``kindtray.storage.state_store``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from kindtray.core.presence import HoldReason

_STATE_SCHEMA = 1
_DATETIME_FIELDS = (
    "pause_until",
    "snooze_until",
    "catch_up_at",
    "last_reminder_at",
    "anchor",
    "last_seen",
    "held_since",
    "held_due",
    "away_since",
)
#: Why a reminder is held, as written in the file.
_HOLD_REASONS = tuple(reason.value for reason in HoldReason)

# Every time kindtray saves lies near "now"; one outside these years was written by something
# else, and planning from it would overflow the calendar (year 9999) or look back forever.
EARLIEST: datetime = datetime(2000, 1, 1, tzinfo=UTC)
LATEST: datetime = datetime(2200, 1, 1, tzinfo=UTC)


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
    - ``seed``: makes the "little randomness" of each gap stable across restarts;
    - ``held_reason`` and ``held_since``: a reminder may not come now, why and since when;
    - ``held_due``: a reminder fell due during that hold and waits for it to end;
    - ``away_since``: the person has been away since then (last input or screen locked).

    The four hold fields were added without a new schema number: a file without them reads
    as "nothing held", and an older kindtray ignores them.
    """

    pause_until: datetime | None = None
    snooze_until: datetime | None = None
    catch_up_at: datetime | None = None
    last_reminder_at: datetime | None = None
    anchor: datetime | None = None
    last_seen: datetime | None = None
    seed: int = 0
    held_reason: str | None = None
    held_since: datetime | None = None
    held_due: datetime | None = None
    away_since: datetime | None = None

    def to_document(self) -> dict[str, Any]:
        """Return a TOML document (absent times are left out; the store adds the schema)."""
        document: dict[str, Any] = {"seed": self.seed}
        if self.held_reason is not None:
            document["held_reason"] = self.held_reason
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
                try:
                    usable = EARLIEST <= raw.astimezone(UTC) < LATEST
                except OverflowError:  # an offset that pushes it past year 1 or 9999
                    usable = False
                if usable:
                    values[name] = raw
                else:
                    problems.append(
                        f"{name}: {raw.isoformat()} is not a time kindtray could have saved "
                        f"(allowed: years {EARLIEST.year} to {LATEST.year - 1}); ignored"
                    )
            else:
                problems.append(f"{name}: expected a date and time with an offset; ignored")
        reason = document.get("held_reason")
        if reason in _HOLD_REASONS:
            values["held_reason"] = reason
        elif reason is not None:
            problems.append("held_reason: not a reason kindtray knows; ignored")
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
