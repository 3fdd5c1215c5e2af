"""The break's step-by-step state machine: which step and beat is on, mood taps, the farewell.

Owns the order of every practice (from ``core/break_script``), what the user's inputs do
(skip a step or "Next", tap a mood, choose a touch or words, "Ground me", switch the practice
on its first step, Esc, "Not now", closing the window) and the ``BreakResult`` at the end.
It shows nothing and arms no timer: the window renders ``BreakFlow``'s state after each call,
and calls ``advance()`` when ``wait_ms`` has passed (tests call it directly).

The result says no more than happened: the ids of the phrases that came on screen (a choice's
options included), the time the beats were on (a beat whose time ran out counts whole; one cut
short by a skip or an end counts as long as it was on, at most its length; a mood question's
wait and the farewell never count), and ``COMPLETED`` only when the end was reached with at
least ``COMPLETED_SHARE`` of the guided time spent: skipping through is ending early. "Ground
me" ends as ``GROUNDED``, however the grounding ends.
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
    Choice,
    Step,
    StepKind,
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
    CHOSEN = "chosen"  # a touch or words were chosen; the step shows them now
    FAREWELL = "farewell"  # ended early: a kind word before closing
    FINISHED = "finished"  # ``result`` is set; nothing changes any more


class BreakFlow:
    """One break from its first step to its result; every input is a method call."""

    def __init__(
        self,
        script: BreakScript,
        clock: Clock,
        *,
        planned_seconds: int | None = None,
        practice: Practice | None = None,
    ) -> None:
        self.script = script
        self._clock = clock
        self._planned_seconds = planned_seconds or script.planned_seconds
        self._practice = practice or script.practice
        self._shown: list[str] = []  # phrase ids in the order they came on screen
        self._practice_ms = 0.0
        self._beat_running_since: datetime | None = None
        self.step_index = -1
        self.beat_index = 0
        self.awaiting_mood = False
        self.awaiting_choice = False
        self.farewell = False
        #: "Ground me" was taken: the grounding steps are on (``ground_index``).
        self.grounding = False
        self.ground_index = 0
        self.chosen: dict[StepKind, Choice] = {}
        self.mood_before: int | None = None
        self.mood_after: int | None = None
        self._asked_before = False  # the first mood question was answered or passed
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
        if self.farewell:
            return None
        if self.grounding:
            return self.script.grounding[self.ground_index]
        if 0 <= self.step_index < len(self.script.steps):
            return self.script.steps[self.step_index]
        return None

    @property
    def current_beat(self) -> Beat | None:
        """The beat of the current step (after a choice: the chosen words), or None."""
        step = self.current_step
        if step is None:
            return None
        chosen = None if self.grounding else self.chosen.get(step.kind)
        if chosen is not None:
            return Beat(chosen.says, step.duration_ms, chosen.phrase_id)
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
        """Whether the current step is the last one (its "Next" ends the practice)."""
        if self.grounding:
            return self.ground_index == len(self.script.grounding) - 1
        return self.step_index == len(self.script.steps) - 1

    @property
    def can_ground(self) -> bool:
        """Whether "Ground me" is on offer now: the practice has it and nothing has ended."""
        return (
            bool(self.script.grounding)
            and self.started
            and not (self.grounding or self.farewell or self.result is not None)
        )

    @property
    def can_switch(self) -> bool:
        """Whether the practice may still be changed: only on its first step."""
        return (
            self.step_index == 0 and not (self.grounding or self.farewell) and self.result is None
        )

    @property
    def wait_ms(self) -> int | None:
        """How long until ``advance()`` is due, or None when nothing moves on by itself."""
        if self.result is not None:
            return None
        if self.farewell:
            return FAREWELL_MS
        step, beat = self.current_step, self.current_beat
        if step is None or beat is None:
            return None
        if self.awaiting_mood:
            return MOOD_PATIENCE_MS
        if self.awaiting_choice or step.own_pace:
            return None  # the person says "Next" when ready: no timer hurries them
        return beat.duration_ms

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
            self._asked_before = True
            return self._next_step()  # nobody answered: go on quietly, mood not recorded
        if self.awaiting_choice or step.own_pace:
            return Change.NONE  # only "Next" moves an own-pace step on
        self._stop_beat_clock(ran_out=True)
        if self.beat_index + 1 < len(step.beats) and step.kind not in self.chosen:
            self.beat_index += 1
            self._beat_on()
            return Change.BEAT
        return self._next_step()

    def skip_step(self) -> Change:
        """Next: go to the next step now (the last step's Next ends the practice)."""
        if self.result is not None:
            return Change.NONE
        if self.farewell:
            return self._finish(Outcome.ENDED_EARLY)
        if self.current_step is None:
            return Change.NONE
        if self.awaiting_mood:
            self._asked_before = True
        return self._next_step()

    def choose(self, choice_id: str) -> Change:
        """Take one option of the step's choice; the step shows its words until "Next"."""
        step = self.current_step
        if step is None or not self.awaiting_choice or self.result is not None:
            return Change.NONE
        for option in step.choices:
            if option.id == choice_id:
                self.chosen[step.kind] = option
                self.awaiting_choice = False
                self._beat_on()  # the chosen words; the step's clock runs on
                return Change.CHOSEN
        raise ValueError(f"{choice_id!r} is not one of this step's choices")

    def ground_me(self) -> Change:
        """Ground me: leave the practice for the grounding steps (feet, sounds, a gentle end)."""
        if not self.can_ground:
            return Change.NONE
        self._stop_beat_clock()
        self.grounding = True
        self.ground_index = 0
        self.beat_index = 0
        self.awaiting_mood = self.awaiting_choice = False
        self._beat_on()
        return Change.STEP

    def switch_practice(self, script: BreakScript) -> Change:
        """Change to another practice while on the first step; a mood given is kept."""
        if not self.can_switch:
            return Change.NONE
        self._stop_beat_clock()
        self.script = script
        self._practice = script.practice
        self._planned_seconds = script.planned_seconds
        self.chosen = {}
        return self._enter_step(0)

    def end_gently(self) -> Change:
        """End early ("Not now"): with a kind word; ``advance()`` then closes."""
        if self.result is not None or self.farewell:
            return Change.NONE
        if self.grounding:
            return self._finish(Outcome.GROUNDED)  # grounded is enough: no farewell needed
        self._stop_beat_clock()
        self.farewell = True
        self.awaiting_mood = self.awaiting_choice = False
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
            self._asked_before = True
        else:
            self.mood_after = level
        self.awaiting_mood = False
        self._start_beat_clock()
        return Change.MOOD_ANSWERED

    def close(self) -> Change:
        """The window was closed some other way: the break ended early (and that is fine)."""
        if self.result is not None:
            return Change.NONE
        return self._finish(Outcome.GROUNDED if self.grounding else Outcome.ENDED_EARLY)

    # -- moves -------------------------------------------------------------------------------

    def _next_step(self) -> Change:
        self._stop_beat_clock()
        if self.grounding:
            if self.ground_index + 1 >= len(self.script.grounding):
                return self._finish(Outcome.GROUNDED)
            self.ground_index += 1
            self.beat_index = 0
            self._beat_on()
            return Change.STEP
        if self.step_index + 1 >= len(self.script.steps):
            stayed = self._practice_ms >= COMPLETED_SHARE * self.script.length_ms
            return self._finish(Outcome.COMPLETED if stayed else Outcome.ENDED_EARLY)
        return self._enter_step(self.step_index + 1)

    def _enter_step(self, index: int) -> Change:
        self._stop_beat_clock()
        self.step_index = index
        self.beat_index = 0
        step = self.script.steps[index]
        self.awaiting_mood = step.asks_mood and not (index == 0 and self._asked_before)
        self.awaiting_choice = bool(step.choices)
        for option in step.choices:  # every option is on screen while the choice is open
            self._show_id(option.phrase_id)
        self._beat_on()
        return Change.STEP

    def _show_id(self, phrase_id: str | None) -> None:
        if phrase_id is not None and phrase_id not in self._shown:
            self._shown.append(phrase_id)

    def _beat_on(self) -> None:
        """The current beat came on screen (its phrase shows even above a mood question)."""
        beat = self.current_beat
        if beat is not None:
            self._show_id(beat.phrase_id)
        if not self.awaiting_mood and self._beat_running_since is None:
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
        self.awaiting_mood = self.awaiting_choice = False
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
