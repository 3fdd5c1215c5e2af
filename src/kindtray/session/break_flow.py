"""The break's step-by-step state machine: which step and beat is on, mood taps, the farewell.

Owns the order of the guided minute (from ``core/break_script``), what the user's inputs do
(skip a step, tap a mood, Esc, "Not now", closing the window) and the ``BreakResult`` at the
end. It shows nothing and arms no timer: the window renders ``BreakFlow``'s state after each
call, and calls ``advance()`` when ``wait_ms`` has passed (tests call it directly).

The result says no more than happened: the ids of the beats that came on screen, the time the
beats were on (a beat whose time ran out counts whole; one cut short by a skip or an end counts
as long as it was on, at most its length; a mood question's wait and the farewell never count),
and ``COMPLETED`` only when the end was reached with at least ``COMPLETED_SHARE`` of the
guided time spent: skipping through is ending early.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from enum import Enum
from typing import Final

from kindtray.core.break_script import (
    HEAVY_MOODS,
    MOODS,
    Beat,
    BreakResult,
    BreakScript,
    Step,
)
from kindtray.core.clock import Clock
from kindtray.core.history import Outcome, Practice

FAREWELL_MS: Final = 2500
# How long a mood question waits before the break goes on without an answer (someone who
# walked away should not come back to a window stuck on a question).
MOOD_PATIENCE_MS: Final = 30_000
# A break reached by skipping is "completed" only if the person stayed for at least this share
# of its guided time; a skip after reading a step's phrase is still taking the break.
COMPLETED_SHARE: Final = 0.5


class Change(Enum):
    """What one call changed, so the window knows what to redraw."""

    NONE = "none"
    STEP = "step"  # a new step began, on its first beat (or its mood question)
    BEAT = "beat"  # the next beat of the same step
    MOOD_ANSWERED = "mood_answered"  # the question is gone; the step's own time begins
    FAREWELL = "farewell"  # ended early: a kind word before closing
    FINISHED = "finished"  # ``result`` is set; nothing changes any more


class BreakFlow:
    """One break from its first step to its result; every input is a method call."""

    def __init__(
        self,
        script: BreakScript,
        clock: Clock,
        *,
        planned_seconds: int,
        practice: Practice = Practice.MINUTE,
    ) -> None:
        self.script = script
        self._clock = clock
        self._planned_seconds = planned_seconds
        self._practice = practice
        self._shown: list[str] = []  # phrase ids in the order they came on screen
        self._practice_ms = 0.0
        self._beat_running_since: datetime | None = None
        self.step_index = -1
        self.beat_index = 0
        self.awaiting_mood = False
        self.farewell = False
        self.mood_before: int | None = None
        self.mood_after: int | None = None
        self._started = clock.now()
        self.result: BreakResult | None = None

    # -- what is on --------------------------------------------------------------------------

    @property
    def started(self) -> bool:
        """Whether ``start()`` has run."""
        return self.step_index >= 0

    @property
    def current_step(self) -> Step | None:
        """The step on screen, or None before start and during the farewell."""
        if 0 <= self.step_index < len(self.script.steps) and not self.farewell:
            return self.script.steps[self.step_index]
        return None

    @property
    def current_beat(self) -> Beat | None:
        """The beat of the current step, or None when no step is on."""
        step = self.current_step
        if step is None:
            return None
        beat = step.beats[self.beat_index]
        if beat.heavy_text and self.leaning_heavy:
            return replace(beat, text=beat.heavy_text, phrase_id=beat.heavy_phrase_id)
        return beat

    @property
    def leaning_heavy(self) -> bool:
        """Whether the mood tap at the start was heavy or low (the kind phrase leans)."""
        return self.mood_before in HEAVY_MOODS

    @property
    def is_last_step(self) -> bool:
        """Whether the current step is the closing one (its skip completes the break)."""
        return self.step_index == len(self.script.steps) - 1

    @property
    def wait_ms(self) -> int | None:
        """How long until ``advance()`` is due, or None when nothing moves on by itself."""
        if self.result is not None:
            return None
        if self.farewell:
            return FAREWELL_MS
        beat = self.current_beat
        if beat is None:
            return None
        return MOOD_PATIENCE_MS if self.awaiting_mood else beat.duration_ms

    # -- inputs ------------------------------------------------------------------------------

    def start(self) -> Change:
        """Begin the first step (a second call changes nothing: the break never restarts)."""
        if self.started:
            return Change.NONE
        self._started = self._clock.now()
        return self._enter_step(0)

    def advance(self) -> Change:
        """Time is up (``wait_ms``): next beat, next step, or the end."""
        if self.result is not None:
            return Change.NONE
        if self.farewell:
            return self._finish(Outcome.ENDED_EARLY)
        step = self.current_step
        if step is None:
            return Change.NONE
        if self.awaiting_mood:
            return self._next_step()  # nobody answered: go on quietly, mood not recorded
        self._stop_beat_clock(ran_out=True)
        if self.beat_index + 1 < len(step.beats):
            self.beat_index += 1
            self._beat_on()
            return Change.BEAT
        return self._next_step()

    def skip_step(self) -> Change:
        """Go to the next step now (the last step's skip completes the break)."""
        if self.result is not None:
            return Change.NONE
        if self.farewell:
            return self._finish(Outcome.ENDED_EARLY)
        if self.current_step is None:
            return Change.NONE
        return self._next_step()

    def end_gently(self) -> Change:
        """End early ("Not now"): with a kind word; ``advance()`` then closes."""
        if self.result is not None or self.farewell:
            return Change.NONE
        self._stop_beat_clock()
        self.farewell = True
        self.awaiting_mood = False
        return Change.FAREWELL

    def escape(self) -> Change:
        """Esc: end gently, or close at once when already saying goodbye."""
        if self.farewell:
            return self._finish(Outcome.ENDED_EARLY)
        return self.end_gently()

    def choose_mood(self, level: int | None) -> Change:
        """Record the mood tap (1..5, None = skipped) and let the step's time begin."""
        if not self.awaiting_mood or self.result is not None:
            return Change.NONE
        if level is not None and not 1 <= level <= len(MOODS):
            raise ValueError(f"mood must be 1..{len(MOODS)} or None, not {level!r}")
        if self.step_index == 0:
            self.mood_before = level
        else:
            self.mood_after = level
        self.awaiting_mood = False
        self._start_beat_clock()
        return Change.MOOD_ANSWERED

    def close(self) -> Change:
        """The window was closed some other way: the break ended early (and that is fine)."""
        if self.result is not None:
            return Change.NONE
        return self._finish(Outcome.ENDED_EARLY)

    # -- moves -------------------------------------------------------------------------------

    def _next_step(self) -> Change:
        if self.step_index + 1 >= len(self.script.steps):
            self._stop_beat_clock()
            stayed = self._practice_ms >= COMPLETED_SHARE * self.script.length_ms
            return self._finish(Outcome.COMPLETED if stayed else Outcome.ENDED_EARLY)
        return self._enter_step(self.step_index + 1)

    def _enter_step(self, index: int) -> Change:
        self._stop_beat_clock()
        self.step_index = index
        self.beat_index = 0
        self.awaiting_mood = self.script.steps[index].asks_mood
        self._beat_on()
        return Change.STEP

    def _beat_on(self) -> None:
        """The current beat came on screen (its phrase shows even above a mood question)."""
        beat = self.current_beat
        if beat is not None and beat.phrase_id is not None and beat.phrase_id not in self._shown:
            self._shown.append(beat.phrase_id)
        if not self.awaiting_mood:
            self._start_beat_clock()

    def _start_beat_clock(self) -> None:
        self._beat_running_since = self._clock.now()

    def _stop_beat_clock(self, *, ran_out: bool = False) -> None:
        """Count the running beat's time (a suspend mid-beat adds nothing).

        All of it when its time ran out (``advance``); else as long as it was on, at most its
        length.
        """
        since, self._beat_running_since = self._beat_running_since, None
        beat = self.current_beat
        if since is None or beat is None:
            return
        ran_ms = (self._clock.now() - since).total_seconds() * 1000
        self._practice_ms += (
            beat.duration_ms if ran_out else min(max(ran_ms, 0.0), beat.duration_ms)
        )

    def _finish(self, outcome: Outcome) -> Change:
        self._stop_beat_clock()
        self.result = BreakResult(
            started=self._started,
            ended=self._clock.now(),
            planned_seconds=self._planned_seconds,
            outcome=outcome,
            mood_before=self.mood_before,
            mood_after=self.mood_after,
            phrase_ids=tuple(self._shown),
            practice_seconds=round(self._practice_ms / 1000, 1),
            practice=self._practice,
        )
        return Change.FINISHED
