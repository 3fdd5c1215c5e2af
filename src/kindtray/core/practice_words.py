"""The words of each practice, chosen from the phrase library, and the practice a reminder offers.

Owns: which phrases fill the steps of every practice (the guided minute's own words come from
``PhrasePicker.break_texts``, with its rules for needs and voice), the options of the "What do
you need to hear right now?" choice, the script a practice opens with, and which practice a
reminder at a given time offers (the wind-down, once the person's wind-down time has come).

Must not: read the clock or files; the picker, the settings and the time are handed in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Final

from kindtray.core.break_script import (
    N_,
    NEED_GROUP,
    PRACTICES,
    WORD_CHOICES,
    BreakScript,
    BreathPattern,
    Choice,
    ChoiceKind,
    Line,
    PracticePlan,
    PracticeWords,
    StepKind,
    breath_pattern,
    build_practice,
    build_script,
)
from kindtray.core.history import Practice
from kindtray.core.phrases import PhrasePicker, in_wind_down
from kindtray.core.settings import PhraseSettings, Settings

#: What an evening reminder says when its phrase group is empty (a broken install).
EVENING_REMINDER_FALLBACK: Final = N_("The evening is here. A slow minute to wind down?")


def practice_words(picker: PhrasePicker, plan: PracticePlan) -> PracticeWords:
    """Choose the words for every step of ``plan`` (not the minute: it has break_texts)."""
    steps: dict[StepKind, tuple[Line, ...]] = {}
    choices: dict[StepKind, tuple[Choice, ...]] = {}
    for step in plan.steps:
        lines: list[Line] = []
        for group in dict.fromkeys(g for g in step.groups if g != NEED_GROUP):
            # A group named twice gives that many different phrases, one per beat.
            wanted = step.groups.count(group)
            lines.extend(Line(p.text, p.id) for p in picker.pick(group, wanted))
        steps[step.kind] = tuple(lines)
        if step.choice is ChoiceKind.WORDS and step.choice_group:
            offered = picker.pick(step.choice_group, WORD_CHOICES)
            choices[step.kind] = tuple(Choice(p.id, p.text, p.text, p.id) for p in offered)
    return PracticeWords(steps, choices)


def practice_script(
    picker: PhrasePicker,
    practice: Practice,
    settings: Settings,
    now: datetime,
    *,
    breath: BreathPattern | None = None,
) -> BreakScript:
    """Return ``practice`` ready to open at ``now``, with its words chosen.

    The breath is the person's pace (``break.breaths_per_minute``) unless ``breath`` is given;
    a practice with a longer out-breath lengthens it from there.
    """
    length, mood = settings.break_.length_seconds, settings.break_.mood_check_in
    breath = breath or breath_pattern(settings.break_.breaths_per_minute)
    if practice is Practice.MINUTE:
        texts = picker.break_texts(settings.phrases, now)
        return build_script(texts, length, mood_check_in=mood, breath=breath)
    plan = PRACTICES[practice]
    return build_practice(
        plan, practice_words(picker, plan), length, mood_check_in=mood, breath=breath
    )


def offered_practice(now: datetime, phrases: PhraseSettings) -> Practice:
    """The practice a reminder at ``now`` offers: the wind-down after the wind-down time.

    Only when the person set a wind-down time: without one, every reminder offers the minute.
    """
    if phrases.wind_down is not None and in_wind_down(now.time(), phrases.wind_down):
        return Practice.WIND_DOWN
    return Practice.MINUTE


def reminder_line(
    picker: PhrasePicker, practice: Practice, translate: Callable[[str], str] = str
) -> str | None:
    """The reminder's words for ``practice``; None: the usual reminder lines.

    ``translate`` puts kindtray's own fallback words into the person's language (core has no
    catalog); a phrase is in the library's language already.
    """
    group = PRACTICES[practice].reminder_group
    if not group:
        return None
    chosen = picker.pick(group)
    return chosen[0].text if chosen else translate(EVENING_REMINDER_FALLBACK)
