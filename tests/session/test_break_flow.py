"""The break's state machine, without a window: steps, beats, mood taps, farewell, result."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from kindtray.core.break_script import StepKind, build_script
from kindtray.core.clock import FakeClock
from kindtray.core.history import Practice
from kindtray.core.phrases import PhrasePicker
from kindtray.core.settings import PhraseSettings
from kindtray.session.break_flow import FAREWELL_MS, MOOD_PATIENCE_MS, BreakFlow, Change
from kindtray.storage.phrase_store import load_library
from tests.core.test_break_script import TEXTS as PLAIN_TEXTS

# Every text from the library, so the history can say which ones were on screen.
IDS = {
    "arrive": "arrive-2",
    "notice": "notice-1",
    "not_alone": "human-5",
    "touch": "touch-3",
    "kindness": "kind-7",
    "closing": "close-4",
}
TEXTS = replace(PLAIN_TEXTS, phrase_ids=tuple(IDS.values()), ids=IDS)

START = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)


def make(clock: FakeClock, *, mood: bool = False, seconds: int = 60) -> BreakFlow:
    script = build_script(TEXTS, seconds, mood_check_in=mood)
    return BreakFlow(script, clock, planned_seconds=seconds)


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
    assert flow.result.planned_seconds == 60
    # In the order shown: the hand-on-heart line comes before the kind phrase.
    assert flow.result.phrase_ids == (
        "arrive-2",
        "notice-1",
        "human-5",
        "touch-3",
        "kind-7",
        "close-4",
    )
    # Each beat whose time ran out counts whole.
    assert (flow.result.practice_seconds, flow.result.practice) == (60, Practice.MINUTE)
    assert flow.wait_ms is None
    assert flow.advance() is Change.NONE  # finished is final


def test_a_second_start_does_not_restart(clock: FakeClock) -> None:
    flow = make(clock)
    flow.start()
    flow.skip_step()
    assert flow.start() is Change.NONE
    assert flow.step_index == 1


def test_skipping_the_last_step_after_staying_with_the_break_completes(clock: FakeClock) -> None:
    flow = make(clock)
    flow.start()
    changes = []
    # Each step nearly to its end, then "Skip step"; the kindness step during its first beat.
    for seconds in (5, 15, 10, 8):
        clock.advance(seconds - 0.5)
        changes.append(flow.skip_step())
    changes.append(flow.skip_step())  # "Done" as soon as the closing line shows
    assert changes == [Change.STEP] * 4 + [Change.FINISHED]
    assert flow.result is not None and flow.result.outcome == "completed"
    assert flow.result.practice_seconds == 36.0
    assert "kind-7" not in flow.result.phrase_ids  # skipped before it showed


def test_a_break_with_every_step_skipped_is_not_completed(clock: FakeClock) -> None:
    # The trial: both mood questions waited on, every step skipped, 32 s in all.
    flow = make(clock, mood=True)
    flow.start()
    clock.advance(15)
    flow.choose_mood(3)
    for _ in range(4):
        clock.advance(0.5)
        flow.skip_step()
    clock.advance(14.5)
    flow.choose_mood(4)
    clock.advance(0.5)
    flow.skip_step()
    result = flow.result
    assert result is not None
    assert (result.ended - result.started).total_seconds() == 32
    assert result.outcome == "ended_early"
    assert result.practice_seconds == 2.5


def test_only_the_phrases_shown_are_recorded(clock: FakeClock) -> None:
    flow = make(clock, mood=True)
    flow.start()
    clock.advance(20)
    flow.choose_mood(2)
    clock.advance(3)
    flow.end_gently()  # "Not now" during "Arriving"
    clock.advance(2.5)
    flow.advance()
    assert flow.result is not None
    assert flow.result.phrase_ids == ("arrive-2",)
    assert flow.result.outcome == "ended_early"


def test_the_kind_phrase_counts_only_once_it_shows(clock: FakeClock) -> None:
    flow = make(clock)
    flow.start()
    for _ in range(3):
        flow.skip_step()
    assert flow.current_beat is not None and flow.current_beat.text == TEXTS.touch
    flow.close()
    assert flow.result is not None
    assert flow.result.phrase_ids == ("arrive-2", "notice-1", "human-5", "touch-3")


def test_time_in_the_practice_leaves_out_mood_questions_and_the_farewell(
    clock: FakeClock,
) -> None:
    # The trial's one-minute break that counted as "2 minutes".
    flow = make(clock, mood=True)
    flow.start()
    clock.advance(25)  # thinking about the first mood question
    flow.choose_mood(2)
    for seconds in (5, 15, 10, 8, 12):
        clock.advance(seconds)
        flow.advance()
    assert flow.awaiting_mood  # the closing mood question
    clock.advance(20)
    flow.choose_mood(4)
    clock.advance(10)
    flow.advance()
    result = flow.result
    assert result is not None
    assert (result.ended - result.started).total_seconds() == 105
    assert (result.outcome, result.practice_seconds) == ("completed", 60)


def test_a_suspend_mid_beat_adds_no_time(clock: FakeClock) -> None:
    flow = make(clock)
    flow.start()
    clock.advance(5)
    flow.advance()
    clock.advance(3 * 3600)  # the laptop slept during "Noticing"; its timer fires on waking
    flow.advance()
    flow.close()
    assert flow.result is not None and flow.result.practice_seconds == 20


def test_the_practice_taken_is_in_the_result(clock: FakeClock) -> None:
    script = build_script(TEXTS, 60, mood_check_in=False)
    flow = BreakFlow(script, clock, planned_seconds=60, practice=Practice.LOVING_KINDNESS)
    flow.start()
    flow.close()
    assert flow.result is not None
    assert (flow.result.practice, flow.result.practice_seconds) == (Practice.LOVING_KINDNESS, 0)


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


def test_the_library_names_the_phrase_behind_every_beat(clock: FakeClock) -> None:
    library, problems = load_library(None)
    assert problems == []
    texts = PhrasePicker(library, None, random.Random(5)).break_texts(PhraseSettings(), START)
    flow = BreakFlow(build_script(texts, 60, mood_check_in=False), clock, planned_seconds=60)
    flow.start()
    shown: list[str] = []
    while flow.result is None:
        beat = flow.current_beat
        assert beat is not None and beat.phrase_id is not None
        phrase = library.get(beat.phrase_id)
        assert phrase is not None and phrase.text == beat.text
        shown.append(beat.phrase_id)
        if beat.text == texts.touch:
            flow.advance()  # on to the kind phrase of the same step
        else:
            flow.skip_step()
    assert list(flow.result.phrase_ids) == shown
    assert sorted(shown) == sorted(texts.phrase_ids)


# -- a heavy mood at the start leans the kind phrase ------------------------------------------

LEANING = replace(
    TEXTS,
    heavy_kindness="I can hold this pain with tenderness.",
    ids={**IDS, "heavy_kindness": "hard-times-9"},
)
HEAVY_IDS = tuple("hard-times-9" if i == IDS["kindness"] else i for i in TEXTS.phrase_ids)


def kind_words_after(clock: FakeClock, mood: int | None) -> tuple[str, tuple[str, ...]]:
    script = build_script(LEANING, 60, mood_check_in=True)
    flow = BreakFlow(script, clock, planned_seconds=60)
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
    assert kind_words_after(clock, mood) == (LEANING.heavy_kindness, HEAVY_IDS)


@pytest.mark.parametrize("mood", [3, 4, 5, None])
def test_other_moods_keep_the_chosen_phrase(clock: FakeClock, mood: int | None) -> None:
    assert kind_words_after(clock, mood) == (LEANING.kindness, TEXTS.phrase_ids)
