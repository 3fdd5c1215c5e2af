"""The break's state machine, without a window: steps, beats, mood taps, farewell, result."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from kindtray.core.break_script import StepKind, build_script
from kindtray.core.clock import FakeClock
from kindtray.session.break_flow import FAREWELL_MS, MOOD_PATIENCE_MS, BreakFlow, Change
from tests.core.test_break_script import TEXTS

START = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)


def make(clock: FakeClock, *, mood: bool = False, seconds: int = 60) -> BreakFlow:
    script = build_script(TEXTS, seconds, mood_check_in=mood)
    return BreakFlow(script, clock, planned_seconds=seconds, phrase_ids=TEXTS.phrase_ids)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


def test_nothing_is_on_before_the_start(clock: FakeClock) -> None:
    flow = make(clock)
    assert (flow.started, flow.current_step, flow.wait_ms) == (False, None, None)
    assert flow.advance() is Change.NONE
    assert flow.skip_step() is Change.NONE


def test_the_beats_follow_the_script_and_the_break_completes(clock: FakeClock) -> None:
    flow = make(clock)
    seen = [(flow.start(), flow.current_beat.text, flow.wait_ms)]  # type: ignore[union-attr]
    for _ in range(5):
        clock.advance(10)
        change = flow.advance()
        seen.append((change, flow.current_beat.text, flow.wait_ms))  # type: ignore[union-attr]
    assert seen == [
        (Change.STEP, TEXTS.arrive, 5000),
        (Change.STEP, TEXTS.notice, 15000),
        (Change.STEP, TEXTS.not_alone, 10000),
        (Change.STEP, TEXTS.touch, 8000),
        (Change.BEAT, TEXTS.kindness, 12000),
        (Change.STEP, TEXTS.closing, 10000),
    ]
    assert flow.is_last_step
    clock.advance(10)
    assert flow.advance() is Change.FINISHED
    assert flow.result is not None
    assert flow.result.outcome == "completed"
    assert (flow.result.started, flow.result.ended) == (START, clock.now())
    assert (flow.result.planned_seconds, flow.result.phrase_ids) == (60, ("notice-1", "kind-7"))
    assert flow.wait_ms is None
    assert flow.advance() is Change.NONE  # finished is final


def test_a_second_start_does_not_restart(clock: FakeClock) -> None:
    flow = make(clock)
    flow.start()
    flow.skip_step()
    assert flow.start() is Change.NONE
    assert flow.step_index == 1


def test_skipping_the_last_step_completes(clock: FakeClock) -> None:
    flow = make(clock)
    flow.start()
    changes = [flow.skip_step() for _ in range(5)]
    assert changes == [Change.STEP] * 4 + [Change.FINISHED]
    assert flow.result is not None and flow.result.outcome == "completed"


def test_mood_questions_wait_patiently_and_record_taps(clock: FakeClock) -> None:
    flow = make(clock, mood=True)
    flow.start()
    assert flow.awaiting_mood and flow.wait_ms == MOOD_PATIENCE_MS
    assert flow.choose_mood(2) is Change.MOOD_ANSWERED
    assert not flow.awaiting_mood and flow.wait_ms == 5000
    assert flow.choose_mood(3) is Change.NONE  # no question open: ignored
    for _ in range(4):
        flow.skip_step()
    assert flow.awaiting_mood
    flow.choose_mood(None)  # skipped
    flow.advance()
    assert flow.result is not None
    assert (flow.result.mood_before, flow.result.mood_after) == (2, None)


def test_an_unanswered_question_goes_on_without_a_mood(clock: FakeClock) -> None:
    flow = make(clock, mood=True)
    flow.start()
    assert flow.advance() is Change.STEP
    assert (flow.step_index, flow.mood_before) == (1, None)


def test_a_mood_out_of_range_is_refused(clock: FakeClock) -> None:
    flow = make(clock, mood=True)
    flow.start()
    with pytest.raises(ValueError, match="mood must be"):
        flow.choose_mood(6)
    assert flow.awaiting_mood


def test_not_now_says_goodbye_then_ends_early(clock: FakeClock) -> None:
    flow = make(clock, mood=True)
    flow.start()
    assert flow.end_gently() is Change.FAREWELL
    assert (flow.farewell, flow.awaiting_mood, flow.current_step) == (True, False, None)
    assert flow.wait_ms == FAREWELL_MS
    assert flow.end_gently() is Change.NONE
    clock.advance(2.5)
    assert flow.advance() is Change.FINISHED
    assert flow.result is not None and flow.result.outcome == "ended_early"


@pytest.mark.parametrize("leave", ["escape", "skip_step"])
def test_escape_or_skip_during_the_farewell_closes_at_once(clock: FakeClock, leave: str) -> None:
    flow = make(clock)
    flow.start()
    assert flow.escape() is Change.FAREWELL
    assert getattr(flow, leave)() is Change.FINISHED
    assert flow.result is not None and flow.result.outcome == "ended_early"


def test_closing_the_window_ends_early_once(clock: FakeClock) -> None:
    flow = make(clock)
    flow.start()
    assert flow.close() is Change.FINISHED
    first = flow.result
    assert first is not None and first.outcome == "ended_early"
    assert flow.close() is Change.NONE
    assert flow.result is first


# -- a heavy mood at the start leans the kind phrase ------------------------------------------

LEANING = dataclasses.replace(
    TEXTS,
    phrase_ids=("arrive-1", "calm-3", "closing-2"),
    heavy_kindness="I can hold this pain with tenderness.",
    heavy_phrase_ids=("arrive-1", "hard-times-9", "closing-2"),
)


def kind_words_after(clock: FakeClock, mood: int | None) -> tuple[str, tuple[str, ...]]:
    script = build_script(LEANING, 60, mood_check_in=True)
    flow = BreakFlow(script, clock, planned_seconds=60, phrase_ids=LEANING.phrase_ids)
    flow.start()
    flow.choose_mood(mood)
    while flow.current_step is not None and flow.current_step.kind is not StepKind.KINDNESS:
        flow.advance()
    flow.advance()  # from the touch invitation to the kind phrase
    kind = flow.current_beat
    assert kind is not None
    while flow.result is None:
        if flow.awaiting_mood:
            flow.choose_mood(None)
        flow.advance()
    return kind.text, flow.result.phrase_ids


@pytest.mark.parametrize("mood", [1, 2])
def test_a_heavy_or_low_mood_brings_the_hard_times_phrase(clock: FakeClock, mood: int) -> None:
    assert kind_words_after(clock, mood) == (LEANING.heavy_kindness, LEANING.heavy_phrase_ids)


@pytest.mark.parametrize("mood", [3, 4, 5, None])
def test_other_moods_keep_the_chosen_phrase(clock: FakeClock, mood: int | None) -> None:
    assert kind_words_after(clock, mood) == (LEANING.kindness, LEANING.phrase_ids)
