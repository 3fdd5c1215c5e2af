"""The guided minute as data: step order, scaled durations, the breath and the mood levels."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kindtray.core.break_script import (
    MAX_BREATHS_PER_MINUTE,
    MIN_BREATHS_PER_MINUTE,
    MOODS,
    BreakTexts,
    BreathPattern,
    BreathPhase,
    StepKind,
    breath_pattern,
    build_script,
    split_ms,
)
from kindtray.core.settings_keys import KEYS_BY_NAME

TEXTS = BreakTexts(
    arrive="Pause for a moment.",
    notice="This is a hard moment.",
    not_alone="Everyone struggles sometimes.",
    kindness="May I be gentle with myself.",
    touch="You might rest a hand on your heart.",
    closing="Thank you for this minute.",
    phrase_ids=("notice-1", "kind-7"),
)


def test_steps_come_in_the_order_of_the_practice() -> None:
    script = build_script(TEXTS)
    assert [s.kind for s in script.steps] == [
        StepKind.ARRIVE,
        StepKind.NOTICE,
        StepKind.NOT_ALONE,
        StepKind.KINDNESS,
        StepKind.CLOSING,
    ]


def test_one_minute_has_the_documented_durations() -> None:
    script = build_script(TEXTS, 60)
    assert [s.duration_ms for s in script.steps] == [5000, 15000, 10000, 20000, 10000]


def test_each_step_shows_its_own_words() -> None:
    script = build_script(TEXTS)
    texts = [[b.text for b in s.beats] for s in script.steps]
    assert texts == [
        [TEXTS.arrive],
        [TEXTS.notice],
        [TEXTS.not_alone],
        [TEXTS.touch, TEXTS.kindness],  # the hand on the heart comes first
        [TEXTS.closing],
    ]


@given(st.integers(min_value=30, max_value=300))
def test_durations_sum_to_the_chosen_length_and_keep_their_proportions(length: int) -> None:
    script = build_script(TEXTS, length)
    assert script.length_ms == length * 1000
    for step, weight in zip(script.steps, (5, 15, 10, 20, 10), strict=True):
        assert abs(step.duration_ms - length * 1000 * weight / 60) <= 1
        assert sum(b.duration_ms for b in step.beats) == step.duration_ms


@pytest.mark.parametrize("length", [29, 301, 0, -60])
def test_lengths_outside_the_bounds_are_refused(length: int) -> None:
    with pytest.raises(ValueError, match="30 to 300"):
        build_script(TEXTS, length)


def test_the_shortest_and_longest_breaks_are_allowed() -> None:
    assert build_script(TEXTS, 30).length_ms == 30_000
    assert build_script(TEXTS, 300).length_ms == 300_000


def test_mood_is_asked_at_start_and_end_only_when_wanted() -> None:
    asks = [s.asks_mood for s in build_script(TEXTS, mood_check_in=True).steps]
    assert asks == [True, False, False, False, True]
    assert not any(s.asks_mood for s in build_script(TEXTS, mood_check_in=False).steps)


def test_the_pacer_rests_while_arriving_and_the_heart_step_is_warm() -> None:
    steps = build_script(TEXTS).steps
    assert [s.breathing for s in steps] == [False, True, True, True, True]
    assert [s.warm for s in steps] == [False, False, False, True, False]


def test_split_ms_is_exact_and_fair() -> None:
    assert split_ms(1000, [1, 1, 1]) == (334, 333, 333)
    assert sum(split_ms(31_000, [5, 15, 10, 20, 10])) == 31_000
    with pytest.raises(ValueError):
        split_ms(1000, [])


def test_breath_breathes_in_for_four_seconds_and_out_for_six() -> None:
    breath = BreathPattern()
    assert breath.cycle_ms == 10_000
    assert breath.at(0).phase is BreathPhase.IN
    assert breath.at(3999).phase is BreathPhase.IN
    assert breath.at(4000).phase is BreathPhase.OUT
    assert breath.at(9999).phase is BreathPhase.OUT
    assert breath.at(10_000).phase is BreathPhase.IN  # the next breath


def test_pacer_grows_on_inhale_and_shrinks_on_exhale_with_soft_turns() -> None:
    breath = BreathPattern(smallest=0.5)
    assert breath.at(0).size == pytest.approx(0.5)
    assert breath.at(2000).size == pytest.approx(0.75)  # half-way, by symmetry of the sine
    assert breath.at(4000).size == pytest.approx(1.0)
    assert breath.at(7000).size == pytest.approx(0.75)
    sizes = [breath.at(ms).size for ms in range(0, 4001, 100)]
    assert sizes == sorted(sizes)
    # Slow at the turn, fast in the middle: the ease is a sine, not a straight line.
    assert sizes[1] - sizes[0] < sizes[21] - sizes[20]


def test_counter_counts_down_whole_seconds_of_each_phase() -> None:
    breath = BreathPattern()
    counts = [breath.at(ms).seconds_left for ms in (0, 999, 1000, 3500, 4000, 9500)]
    assert counts == [4, 4, 3, 1, 6, 1]


@given(st.floats(min_value=0, max_value=600_000, allow_nan=False))
def test_counter_changes_exactly_when_announced(elapsed: float) -> None:
    breath = BreathPattern()
    wait = breath.ms_to_next_count(elapsed)
    assert 1 <= wait <= 1000
    now = breath.at(elapsed)
    if wait > 2:
        assert breath.at(elapsed + wait - 2).seconds_left == now.seconds_left
    after = breath.at(elapsed + wait)
    assert (after.phase, after.seconds_left) != (now.phase, now.seconds_left) or math.isclose(
        wait, 1
    )


def test_breath_pattern_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        BreathPattern(inhale_ms=0)
    with pytest.raises(ValueError):
        BreathPattern(smallest=1.0)


def test_five_mood_levels_from_heavy_to_light() -> None:
    assert MOODS == ("heavy", "low", "okay", "calm", "light")


# -- the breathing pace -----------------------------------------------------------------------


@pytest.mark.parametrize("pace", range(4, 9))
def test_every_pace_breathes_out_longer_than_in(pace: int) -> None:
    breath = breath_pattern(pace)
    assert breath.exhale_ms > breath.inhale_ms
    assert abs(breath.cycle_ms - 60_000 / pace) < 1


def test_the_default_pace_is_six_breaths_four_in_six_out() -> None:
    assert breath_pattern() == BreathPattern(inhale_ms=4000, exhale_ms=6000)
    assert KEYS_BY_NAME["break.breaths_per_minute"].default == 6
    assert "faster" in (KEYS_BY_NAME["break.breaths_per_minute"].hint or "")


@pytest.mark.parametrize("pace", [3, 9, 0, True])
def test_a_pace_outside_four_to_eight_is_refused(pace: int) -> None:
    assert (MIN_BREATHS_PER_MINUTE, MAX_BREATHS_PER_MINUTE) == (4, 8)
    with pytest.raises(ValueError, match="from 4 to 8"):
        breath_pattern(pace)


def test_the_script_carries_the_chosen_pace() -> None:
    script = build_script(TEXTS, 60, breath=breath_pattern(8))
    assert (script.breath.inhale_ms, script.breath.exhale_ms) == (3000, 4500)
