"""The practices as data: their steps, phrase groups, breath, words and which one is offered."""

from __future__ import annotations

import random
import re
from datetime import datetime, time

import pytest

from kindtray.core.break_script import (
    CHOOSABLE,
    GROUNDING,
    HARD_MOMENT,
    HELP_TEXT,
    NEED_QUESTION,
    PRACTICE_GROUPS,
    PRACTICES,
    TOUCH_CHOICES,
    WORD_CHOICES,
    BreathPattern,
    PracticeWords,
    StepKind,
    build_practice,
)
from kindtray.core.history import Practice
from kindtray.core.phrases import GROUPS, PhraseLibrary, PhrasePicker
from kindtray.core.practice_words import (
    EVENING_REMINDER_FALLBACK,
    offered_practice,
    practice_script,
    practice_words,
    reminder_line,
)
from kindtray.core.settings import Settings
from tests.core.phrase_helpers import ZONE, only, shipped

__all__ = ["shipped"]  # a fixture, used by name

# The minute's own groups are the phrase library's (tests/core/test_phrases.py counts them).
NEW_STEP_GROUPS = [
    (practice.value, group)
    for practice in PRACTICES
    if practice is not Practice.MINUTE
    for group in PRACTICES[practice].phrase_groups
]


def picker(library: PhraseLibrary, seed: int = 7) -> PhrasePicker:
    return PhrasePicker(library, None, random.Random(seed))


def group_of(library: PhraseLibrary, phrase_id: str | None) -> str:
    phrase = library.get(phrase_id or "")
    assert phrase is not None, phrase_id
    return phrase.group


# -- phrases ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("practice", "group"), NEW_STEP_GROUPS)
def test_every_step_of_the_new_practices_has_at_least_twelve_phrases(
    shipped: PhraseLibrary, practice: str, group: str
) -> None:
    assert len(shipped.group(group)) >= 12, (practice, group)


def test_the_new_groups_are_known_to_the_library() -> None:
    assert set(PRACTICE_GROUPS) <= set(GROUPS)
    assert "evening_reminder" in PRACTICE_GROUPS


@pytest.mark.parametrize("group", PRACTICE_GROUPS)
def test_the_new_practices_speak_to_you_never_as_i(shipped: PhraseLibrary, group: str) -> None:
    # One voice per practice: "you" (or nobody in particular), never "I", "me" or "my".
    first_person = re.compile(r"\bI\b|\b(?i:me|my|mine|myself)\b")
    assert [p.text for p in shipped.group(group) if first_person.search(p.text)] == []


# -- the hard moment ----------------------------------------------------------------------------


def test_a_hard_moment_grounds_first_and_breathes_out_longer_at_its_own_pace(
    shipped: PhraseLibrary,
) -> None:
    script = practice_script(picker(shipped), Practice.HARD_MOMENT, Settings(), _at(15))
    kinds = [step.kind for step in script.steps]
    assert kinds == [
        StepKind.HARD_GROUND,
        StepKind.HARD_EXHALE,
        StepKind.HARD_TOUCH,
        StepKind.HARD_WORDS,
        StepKind.HARD_CLOSE,
    ]
    ground, exhale, touch, words, close = script.steps
    assert not ground.breathing and len(ground.beats) == 2
    assert ground.beats[0].text != ground.beats[1].text
    assert all(shipped.get(b.phrase_id or "") for b in ground.beats)
    assert exhale.own_pace and exhale.breathing and not exhale.asks_mood
    assert script.breath.exhale_ms > BreathPattern().exhale_ms > script.breath.inhale_ms
    assert touch.own_pace and touch.choices == TOUCH_CHOICES
    assert [c.label for c in touch.choices] == [
        "Hand on heart",
        "Hand on cheek",
        "Arms around yourself",
        "Hands resting together",
    ]
    assert words.own_pace and words.beats[0].text == NEED_QUESTION
    assert len(words.choices) == WORD_CHOICES == len({c.says for c in words.choices})
    assert {group_of(shipped, c.phrase_id) for c in words.choices} == {"hard_words"}
    assert close.offers_help and not any(s.offers_help for s in script.steps[:-1])
    assert "someone you trust" in HELP_TEXT and "helpline" in HELP_TEXT
    # Two to three minutes, whatever the break length setting says; never a mood question.
    assert 120 <= script.planned_seconds <= 180
    short = Settings().with_value("break.length_seconds", 30)
    assert practice_script(picker(shipped), Practice.HARD_MOMENT, short, _at(15)).length_ms == (
        script.length_ms
    )
    assert not any(step.asks_mood for step in script.steps)


def test_ground_me_is_feet_then_five_sounds_then_a_gentle_end_with_help() -> None:
    script = build_practice(HARD_MOMENT, PracticeWords({}))
    assert [s.kind for s in script.grounding] == [p.kind for p in GROUNDING]
    feet, sounds, end = (s.beats[0].text for s in script.grounding)
    assert "feet on the floor" in feet and "five sounds" in sounds
    assert script.grounding[1].own_pace  # counting sounds takes the time it takes
    assert script.grounding[-1].offers_help


def test_an_empty_library_still_gives_every_step_words() -> None:
    for practice in PRACTICES.values():
        script = build_practice(practice, PracticeWords({}))
        assert all(beat.text for step in script.steps for beat in step.beats), practice.kind


# -- the other practices ------------------------------------------------------------------------


def test_the_wind_down_breathes_slower_than_the_day(shipped: PhraseLibrary) -> None:
    script = practice_script(picker(shipped), Practice.WIND_DOWN, Settings(), _at(22))
    assert script.breath.cycle_ms > BreathPattern().cycle_ms
    assert script.breath.exhale_ms > script.breath.inhale_ms
    groups = [group_of(shipped, b.phrase_id) for s in script.steps for b in s.beats]
    assert groups == [
        "evening_arrive",
        "evening_breath",
        "evening_let_go",
        "evening_sleep",
        "evening_close",
    ]
    assert script.length_ms == 60_000  # scaled to the break length, like the minute


def test_loving_kindness_wishes_well_to_someone_dear_then_to_you_then_to_everyone(
    shipped: PhraseLibrary,
) -> None:
    script = practice_script(picker(shipped), Practice.LOVING_KINDNESS, Settings(), _at(10))
    assert [s.kind for s in script.steps] == [
        StepKind.KIND_SETTLE,
        StepKind.KIND_DEAR,
        StepKind.KIND_SELF,
        StepKind.KIND_EVERYONE,
        StepKind.KIND_CLOSE,
    ]
    assert script.grounding  # kindness can stir up old pain: the way back is there too
    assert [s.asks_mood for s in script.steps] == [True, False, False, False, True]


def test_the_minute_stays_the_default_and_first_choice(shipped: PhraseLibrary) -> None:
    assert CHOOSABLE[0] is Practice.MINUTE
    assert Practice.HARD_MOMENT not in CHOOSABLE  # it has its own way in
    script = practice_script(picker(shipped), Practice.MINUTE, Settings(), _at(10))
    assert script.practice is Practice.MINUTE and not script.grounding
    assert [s.kind for s in script.steps][0] is StepKind.ARRIVE


def test_practice_words_rotate_like_every_phrase(shipped: PhraseLibrary) -> None:
    chooser = picker(shipped)
    plan = PRACTICES[Practice.LOVING_KINDNESS]
    seen = [practice_words(chooser, plan).steps[StepKind.KIND_SELF][0].text for _ in range(13)]
    assert len(set(seen)) == 13  # no repeat until the whole group had its turn


# -- which practice a reminder offers -----------------------------------------------------------


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 10, hour, minute, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("moment", "wind_down", "offered"),
    [
        (_at(21, 30), time(21, 0), Practice.WIND_DOWN),
        (_at(20, 59), time(21, 0), Practice.MINUTE),
        (_at(1, 0), time(21, 0), Practice.WIND_DOWN),  # the evening lasts the night
        (_at(10, 0), time(21, 0), Practice.MINUTE),
        (_at(22, 0), None, Practice.MINUTE),  # no wind-down time set: the minute, always
    ],
)
def test_after_the_wind_down_time_a_reminder_offers_the_wind_down(
    moment: datetime, wind_down: time | None, offered: Practice
) -> None:
    assert offered_practice(moment, only("warmth", wind_down=wind_down)) is offered


def test_an_evening_reminder_has_evening_words(shipped: PhraseLibrary) -> None:
    line = reminder_line(picker(shipped), Practice.WIND_DOWN)
    assert line in {p.text for p in shipped.group("evening_reminder")}
    assert reminder_line(picker(shipped), Practice.MINUTE) is None
    assert reminder_line(picker(PhraseLibrary()), Practice.WIND_DOWN) == EVENING_REMINDER_FALLBACK


@pytest.mark.parametrize("pace", [4, 6, 8])
def test_every_practice_keeps_to_the_persons_breathing_pace(
    shipped: PhraseLibrary, pace: int
) -> None:
    settings = Settings().with_value("break.breaths_per_minute", pace)
    scripts = {p: practice_script(picker(shipped), p, settings, _at(21)) for p in PRACTICES}
    minute = scripts[Practice.MINUTE].breath
    assert abs(minute.cycle_ms - 60_000 / pace) <= 1
    assert scripts[Practice.LOVING_KINDNESS].breath == minute
    for slower in (Practice.WIND_DOWN, Practice.HARD_MOMENT):
        breath = scripts[slower].breath
        assert breath.inhale_ms == minute.inhale_ms  # the same in-breath,
        assert breath.exhale_ms > minute.exhale_ms  # a longer out-breath


def test_every_new_group_has_a_name_people_can_read() -> None:
    from kindtray.core.break_script import PRACTICE_GROUP_LABELS

    assert set(PRACTICE_GROUP_LABELS) == set(PRACTICE_GROUPS)
    assert PRACTICE_GROUP_LABELS["hard_words"] == "A hard moment: what you need"
    assert PRACTICE_GROUP_LABELS["evening_reminder"] == "Wind down: reminders"
