"""The guided minute as data: its steps, their texts and durations.

Owns *what* the break says and *how long* each step lasts, the breathing pattern, the mood
levels and the record of how a break went. The window in ui/ only shows it. No Qt, no clock:
durations are plain milliseconds and the breath is a function of elapsed time.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Final

from kindtray.core.history import Outcome, Practice
from kindtray.core.settings_keys import KEYS_BY_NAME


@dataclass(frozen=True)
class BreakTexts:
    """The words of one break, one per step, chosen before the break opens.

    ``phrase_ids`` are the stable ids of the library phrases chosen; ``ids`` names the id
    behind each text by its field name (``"touch"``: ``"touch-4"``), so the history can keep
    the ids of the phrases actually shown (a built-in fallback text has none). Only ids are
    stored, never the texts themselves. ``heavy_kindness`` is the kind phrase shown instead
    when the mood tap at the start is heavy or low (see HEAVY_MOODS), its id under
    ``"heavy_kindness"``; empty: the break keeps ``kindness`` whatever the mood.
    """

    arrive: str
    notice: str
    not_alone: str
    kindness: str
    touch: str
    closing: str
    phrase_ids: tuple[str, ...] = ()
    ids: Mapping[str, str] = field(default_factory=dict, hash=False)
    heavy_kindness: str = ""


# -- the script of the minute -------------------------------------------------------------------

# The setting's bounds, from its one declaration.
MIN_LENGTH_SECONDS: Final = KEYS_BY_NAME["break.length_seconds"].low
MAX_LENGTH_SECONDS: Final = KEYS_BY_NAME["break.length_seconds"].high

# The five mood levels, lowest first; a mood is stored as its 1-based position here.
MOODS: Final = ("heavy", "low", "okay", "calm", "light")
HEAVY_MOODS: Final = frozenset({1, 2})
"""Mood taps (heavy, low) after which the kind phrase leans to hard times and low mood."""

# The breathing pace's bounds and default, from its one declaration.
_PACE = KEYS_BY_NAME["break.breaths_per_minute"]
MIN_BREATHS_PER_MINUTE: Final[int] = _PACE.low
MAX_BREATHS_PER_MINUTE: Final[int] = _PACE.high
EXHALE_SHARE: Final = 0.6
"""The out-breath's part of each breath: 4 s in and 6 s out at six breaths a minute."""


class StepKind(StrEnum):
    """The five steps of the guided minute, in order (see docs/design/practice.md)."""

    ARRIVE = "arrive"
    NOTICE = "notice"
    NOT_ALONE = "not_alone"
    KINDNESS = "kindness"
    CLOSING = "closing"


# Seconds of each step in a 60-second break; other lengths scale these in proportion.
STEP_WEIGHTS: Final[tuple[tuple[StepKind, int], ...]] = (
    (StepKind.ARRIVE, 5),
    (StepKind.NOTICE, 15),
    (StepKind.NOT_ALONE, 10),
    (StepKind.KINDNESS, 20),
    (StepKind.CLOSING, 10),
)

STEP_LABELS: Final[dict[StepKind, str]] = {
    StepKind.ARRIVE: "Arriving",
    StepKind.NOTICE: "Noticing",
    StepKind.NOT_ALONE: "Not alone",
    StepKind.KINDNESS: "Kindness",
    StepKind.CLOSING: "Closing",
}

# In the kindness step the hand-on-heart invitation comes first, the kind phrase after it.
TOUCH_SHARE: Final = 0.4


class BreathPhase(StrEnum):
    """Which way the breath is going."""

    IN = "in"
    OUT = "out"


@dataclass(frozen=True)
class BreathMoment:
    """Where a breath is at one instant: what the pacer draws and the counter says."""

    phase: BreathPhase
    progress: float  # 0..1 through the current phase
    size: float  # pacer radius as a fraction of its full size, sine-eased
    seconds_left: int  # whole seconds left in this phase (counts down to 1)


@dataclass(frozen=True)
class BreathPattern:
    """A slow breath with a long exhale; ``smallest`` is the pacer's size at empty lungs."""

    inhale_ms: int = 4000
    exhale_ms: int = 6000
    smallest: float = 0.5

    def __post_init__(self) -> None:
        if self.inhale_ms <= 0 or self.exhale_ms <= 0:
            raise ValueError("inhale and exhale must last a positive time")
        if not 0.0 <= self.smallest < 1.0:
            raise ValueError("smallest must be in [0, 1)")

    @property
    def cycle_ms(self) -> int:
        """One full breath, in and out."""
        return self.inhale_ms + self.exhale_ms

    def at(self, elapsed_ms: float) -> BreathMoment:
        """Return the breath ``elapsed_ms`` after the first inhale began (negative = 0)."""
        within = max(0.0, elapsed_ms) % self.cycle_ms
        if within < self.inhale_ms:
            phase, done, length = BreathPhase.IN, within, self.inhale_ms
        else:
            phase, done, length = BreathPhase.OUT, within - self.inhale_ms, self.exhale_ms
        progress = done / length
        # Sine ease-in-out: slow at the turns of the breath, as a body breathes.
        eased = (1.0 - math.cos(math.pi * progress)) / 2.0
        span = 1.0 - self.smallest
        size = self.smallest + span * eased if phase is BreathPhase.IN else 1.0 - span * eased
        seconds_left = max(1, math.ceil((length - done) / 1000.0 - 1e-9))
        return BreathMoment(phase, progress, size, seconds_left)

    def ms_to_next_count(self, elapsed_ms: float) -> int:
        """Milliseconds until the counter's number (or the phase) next changes; at least 1."""
        within = max(0.0, elapsed_ms) % self.cycle_ms
        left = self.inhale_ms - within if within < self.inhale_ms else self.cycle_ms - within
        to_next = left % 1000.0 or 1000.0
        return max(1, math.ceil(to_next))


def breath_pattern(breaths_per_minute: int = _PACE.default) -> BreathPattern:
    """Return the pacer's breath for a pace, the out-breath always the longer part.

    Raises:
        ValueError: If the pace is outside the setting's bounds.
    """
    if isinstance(breaths_per_minute, bool) or not (
        MIN_BREATHS_PER_MINUTE <= breaths_per_minute <= MAX_BREATHS_PER_MINUTE
    ):
        raise ValueError(
            f"breaths_per_minute must be from {MIN_BREATHS_PER_MINUTE} to "
            f"{MAX_BREATHS_PER_MINUTE}, not {breaths_per_minute!r}"
        )
    cycle_ms = round(60_000 / breaths_per_minute)
    exhale_ms = round(cycle_ms * EXHALE_SHARE)
    return BreathPattern(inhale_ms=cycle_ms - exhale_ms, exhale_ms=exhale_ms)


@dataclass(frozen=True)
class Beat:
    """One text shown for a while within a step; ``phrase_id`` is its library id, if any.

    ``heavy_text`` (and its id), when set, is shown instead after a heavy or low mood tap.
    """

    text: str
    duration_ms: int
    phrase_id: str | None = None
    heavy_text: str = ""
    heavy_phrase_id: str | None = None


@dataclass(frozen=True)
class Step:
    """One step of the break: what it shows and for how long.

    ``asks_mood``: the step opens with the mood tap, and its time starts once it is answered.
    ``breathing``: the pacer breathes during this step (otherwise it rests).
    ``warm``: the hand-on-heart step, drawn in the warm accent.
    """

    kind: StepKind
    label: str
    duration_ms: int
    beats: tuple[Beat, ...]
    breathing: bool
    asks_mood: bool
    warm: bool = False


@dataclass(frozen=True)
class BreakScript:
    """The whole guided break: its steps in order and the breathing pattern."""

    steps: tuple[Step, ...]
    breath: BreathPattern

    @property
    def length_ms(self) -> int:
        """Planned length of the break (mood taps not counted)."""
        return sum(step.duration_ms for step in self.steps)


def split_ms(total_ms: int, weights: Sequence[float]) -> tuple[int, ...]:
    """Share ``total_ms`` among ``weights`` in whole milliseconds that sum exactly to it.

    Largest-remainder rounding: each share is within 1 ms of its exact proportion.
    """
    if total_ms < 0 or not weights or any(w < 0 for w in weights) or sum(weights) <= 0:
        raise ValueError("need a non-negative total and non-negative weights with a positive sum")
    whole = sum(weights)
    exact = [total_ms * w / whole for w in weights]
    shares = [math.floor(x) for x in exact]
    leftover = total_ms - sum(shares)
    by_remainder = sorted(range(len(exact)), key=lambda i: (shares[i] - exact[i], i))
    for i in by_remainder[:leftover]:
        shares[i] += 1
    return tuple(shares)


def build_script(
    texts: BreakTexts,
    length_seconds: int = 60,
    *,
    mood_check_in: bool = True,
    breath: BreathPattern | None = None,
) -> BreakScript:
    """Return the guided break for ``texts``, its steps scaled to ``length_seconds``.

    Args:
        texts: The words of this break, one per step.
        length_seconds: Planned length, within the setting's bounds.
        mood_check_in: Whether the first and last steps open with the mood tap.
        breath: The breathing pattern (default: in 4 s, out 6 s).

    Raises:
        ValueError: If ``length_seconds`` is outside those bounds.
    """
    if isinstance(length_seconds, bool) or not (
        MIN_LENGTH_SECONDS <= length_seconds <= MAX_LENGTH_SECONDS
    ):
        raise ValueError(
            f"length_seconds must be from {MIN_LENGTH_SECONDS} to {MAX_LENGTH_SECONDS}, "
            f"not {length_seconds!r}"
        )
    durations = split_ms(length_seconds * 1000, [w for _, w in STEP_WEIGHTS])
    steps: list[Step] = []
    beats: tuple[Beat, ...]
    for (kind, _), duration in zip(STEP_WEIGHTS, durations, strict=True):
        if kind is StepKind.KINDNESS:
            touch_ms, kind_ms = split_ms(duration, [TOUCH_SHARE, 1.0 - TOUCH_SHARE])
            beats = (
                Beat(texts.touch, touch_ms, texts.ids.get("touch")),
                Beat(
                    texts.kindness,
                    kind_ms,
                    texts.ids.get("kindness"),
                    texts.heavy_kindness,
                    texts.ids.get("heavy_kindness"),
                ),
            )
        else:
            beats = (Beat(_STEP_TEXT[kind](texts), duration, texts.ids.get(kind.value)),)
        steps.append(
            Step(
                kind=kind,
                label=STEP_LABELS[kind],
                duration_ms=duration,
                beats=beats,
                breathing=kind is not StepKind.ARRIVE,
                asks_mood=mood_check_in and kind in (StepKind.ARRIVE, StepKind.CLOSING),
                warm=kind is StepKind.KINDNESS,
            )
        )
    return BreakScript(tuple(steps), breath or BreathPattern())


_STEP_TEXT: Final[dict[StepKind, Callable[[BreakTexts], str]]] = {
    StepKind.ARRIVE: lambda t: t.arrive,
    StepKind.NOTICE: lambda t: t.notice,
    StepKind.NOT_ALONE: lambda t: t.not_alone,
    StepKind.CLOSING: lambda t: t.closing,
}


@dataclass(frozen=True)
class BreakResult:
    """How one break went, for the practice history.

    ``outcome`` is ``COMPLETED``, ``ENDED_EARLY`` or ``GROUNDED``; moods are 1..5 (see
    MOODS) or None when not given; ``planned_seconds`` is the chosen length; ``phrase_ids``
    the ids of the phrases shown; ``practice_seconds`` the time in the guided steps (None:
    not measured). See ``core.history.BreakRecord``.
    """

    started: datetime
    ended: datetime
    planned_seconds: int
    outcome: Outcome
    mood_before: int | None
    mood_after: int | None
    phrase_ids: tuple[str, ...]
    practice_seconds: float | None = None
    practice: Practice = Practice.MINUTE
