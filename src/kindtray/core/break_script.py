"""The practices as data: their steps, texts, durations, breath and choices.

Owns *what* each practice (the guided minute, loving-kindness, winding down, a hard moment,
and "Ground me") says and *how long* each step lasts, which phrase groups a step draws on,
the breathing pattern, the mood levels and the record of how a break went. The window in ui/
only shows it; session/break_flow.py runs it. No Qt, no clock: durations are plain
milliseconds and the breath is a function of elapsed time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Final

from kindtray.core.history import Outcome, Practice
from kindtray.core.settings_keys import KEYS_BY_NAME


def N_(message: str) -> str:
    """Mark ``message`` for the catalog; it is translated where it is shown.

    ``core`` imports nothing outside itself (not ``kindtray.i18n``), so its words stay English
    here and ``session/break_words.py`` translates a practice's own words when a break opens.
    """
    return message


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
    """Every step of every practice; a step's phrases come from the groups its plan names."""

    # the guided minute, in order
    ARRIVE = "arrive"
    NOTICE = "notice"
    NOT_ALONE = "not_alone"
    KINDNESS = "kindness"
    CLOSING = "closing"
    # a hard moment
    HARD_GROUND = "hard_ground"
    HARD_EXHALE = "hard_exhale"
    HARD_TOUCH = "hard_touch"
    HARD_WORDS = "hard_words"
    HARD_CLOSE = "hard_close"
    # the loving-kindness minute
    KIND_SETTLE = "kind_settle"
    KIND_DEAR = "kind_dear"
    KIND_SELF = "kind_self"
    KIND_EVERYONE = "kind_everyone"
    KIND_CLOSE = "kind_close"
    # the evening wind-down
    EVENING_ARRIVE = "evening_arrive"
    EVENING_BREATH = "evening_breath"
    EVENING_LET_GO = "evening_let_go"
    EVENING_SLEEP = "evening_sleep"
    EVENING_CLOSE = "evening_close"
    # "Ground me": the way back to the here and now, from any step that offers it
    GROUND_FEET = "ground_feet"
    GROUND_SOUNDS = "ground_sounds"
    GROUND_END = "ground_end"


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
class Choice:
    """One option of a choice step: the words on its button and what the step says after.

    ``phrase_id``: the library id of its words, when they are a phrase.
    """

    id: str
    label: str
    says: str
    phrase_id: str | None = None


@dataclass(frozen=True)
class Line:
    """One text chosen for a beat, and its library id (None: fixed words or a fallback).

    ``heavy_text`` (and its id): said instead after a heavy or low mood tap (see ``Beat``).
    """

    text: str
    phrase_id: str | None = None
    heavy_text: str = ""
    heavy_phrase_id: str | None = None


@dataclass(frozen=True)
class Step:
    """One step of the break: what it shows and for how long.

    ``asks_mood``: the step opens with the mood tap, and its time starts once it is answered.
    ``breathing``: the pacer breathes during this step (otherwise it rests).
    ``warm``: the hand-on-heart step, drawn in the warm accent.
    ``own_pace``: no timer moves it on; the person says "Next" when ready (``duration_ms`` is
    only the time it is expected to take).
    ``choices``: the step opens with these options (its first beat's words ask); the chosen
    option's words are shown after.
    ``offers_help``: the step also says where to find human help (``HELP_TEXT``).
    """

    kind: StepKind
    label: str
    duration_ms: int
    beats: tuple[Beat, ...]
    breathing: bool
    asks_mood: bool
    warm: bool = False
    own_pace: bool = False
    choices: tuple[Choice, ...] = ()
    offers_help: bool = False


@dataclass(frozen=True)
class BreakScript:
    """The whole guided break: its steps in order and the breathing pattern.

    ``grounding``: the steps "Ground me" leads through (empty: the practice offers none).
    """

    steps: tuple[Step, ...]
    breath: BreathPattern
    practice: Practice = Practice.MINUTE
    title: str = N_("A minute for you")
    grounding: tuple[Step, ...] = ()

    @property
    def length_ms(self) -> int:
        """Planned length of the break (mood taps not counted)."""
        return sum(step.duration_ms for step in self.steps)

    @property
    def planned_seconds(self) -> int:
        """Planned length in whole seconds (at least 1), as the history stores it."""
        return max(1, round(self.length_ms / 1000))


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


# -- the practices, as data ------------------------------------------------------------------

NEED_GROUP: Final = "need"
"""In a step's groups: the kind phrase for the need chosen for this break (core.phrases)."""


class ChoiceKind(StrEnum):
    """What a choice step offers."""

    TOUCH = "touch"  # a soothing touch, from TOUCH_CHOICES
    WORDS = "words"  # words to hear, drawn from the step's phrase group


@dataclass(frozen=True)
class StepPlan:
    """One step of a practice before its words are chosen.

    ``seconds``: its length in a practice of 60 s (scaled practices) or as written (fixed
    ones); for an own-pace step, the time it is expected to take. ``groups``: the phrase
    group of each beat, in order (``NEED_GROUP``: the break's kind phrase); ``shares``: the
    beats' shares of the step's time (default: equal). ``words``: fixed words instead of
    phrases (the grounding steps: a way out that is the same every time). ``prompt``: fixed
    words that ask, shown while a choice waits. ``choice_group``: the phrase group a WORDS
    choice draws its options from.
    """

    kind: StepKind
    label: str
    seconds: int
    groups: tuple[str, ...] = ()
    shares: tuple[float, ...] = ()
    words: tuple[str, ...] = ()
    breathing: bool = True
    mood: bool = False
    warm: bool = False
    own_pace: bool = False
    choice: ChoiceKind | None = None
    prompt: str = ""
    choice_group: str = ""
    offers_help: bool = False


@dataclass(frozen=True)
class PracticePlan:
    """One practice: its name, its steps, and how it breathes.

    ``scales``: its steps share the break length setting (else each lasts its ``seconds``).
    ``exhale_factor``: the out-breath is this much longer than the person's usual pace.
    ``grounding``: "Ground me" is offered at every step. ``reminder_group``: the phrase group
    of the reminder that offers this practice (empty: the usual reminder lines).
    """

    kind: Practice
    title: str
    label: str
    description: str
    steps: tuple[StepPlan, ...]
    scales: bool = True
    exhale_factor: float = 1.0
    grounding: bool = False
    reminder_group: str = ""

    @property
    def phrase_groups(self) -> tuple[str, ...]:
        """The phrase groups its steps draw on, in order, each once (the need not included)."""
        seen: dict[str, None] = {}
        for plan in self.steps:
            for group in (*plan.groups, plan.choice_group):
                if group and group != NEED_GROUP:
                    seen.setdefault(group)
        if self.reminder_group:
            seen.setdefault(self.reminder_group)
        return tuple(seen)


HELP_TEXT: Final = N_(
    "If this feels like too much to carry alone, you could talk with someone you trust, "
    "a doctor, or a local helpline."
)
NEED_QUESTION: Final = N_("What do you need to hear right now?")
#: How many phrases the "what do you need to hear" step offers to choose from.
WORD_CHOICES: Final = 4

TOUCH_CHOICES: Final = (
    Choice(
        "heart",
        N_("Hand on heart"),
        N_("Rest a hand on your heart and feel its warmth as you breathe."),
    ),
    Choice(
        "cheek",
        N_("Hand on cheek"),
        N_("Let a hand rest on your cheek, softly, as you would for a friend."),
    ),
    Choice(
        "hug",
        N_("Arms around yourself"),
        N_("Wrap your arms around yourself and let them hold you."),
    ),
    Choice(
        "hands",
        N_("Hands resting together"),
        N_("Let one hand rest in the other, gently, in your lap."),
    ),
)

GROUNDING: Final = (
    StepPlan(
        StepKind.GROUND_FEET,
        N_("Feet on the floor"),
        12,
        words=(N_("Feel your feet on the floor. Press them down a little and notice the ground."),),
        breathing=False,
    ),
    StepPlan(
        StepKind.GROUND_SOUNDS,
        N_("Five sounds"),
        30,
        words=(N_("Listen for five sounds around you. Count them slowly, one by one."),),
        breathing=False,
        own_pace=True,
    ),
    StepPlan(
        StepKind.GROUND_END,
        N_("Here and now"),
        12,
        words=(N_("You are here, in this moment. That is enough for now."),),
        breathing=False,
        offers_help=True,
    ),
)

MINUTE: Final = PracticePlan(
    Practice.MINUTE,
    N_("A minute for you"),
    N_("One minute"),
    N_("A guided break of about a minute for yourself."),
    (
        StepPlan(StepKind.ARRIVE, N_("Arriving"), 5, ("arrive",), breathing=False, mood=True),
        StepPlan(StepKind.NOTICE, N_("Noticing"), 15, ("notice",)),
        StepPlan(StepKind.NOT_ALONE, N_("Not alone"), 10, ("not_alone",)),
        # The hand-on-heart invitation comes first, the kind phrase after it.
        StepPlan(
            StepKind.KINDNESS, N_("Kindness"), 20, ("touch", NEED_GROUP), (0.4, 0.6), warm=True
        ),
        StepPlan(StepKind.CLOSING, N_("Closing"), 10, ("closing",), mood=True),
    ),
)

LOVING_KINDNESS: Final = PracticePlan(
    Practice.LOVING_KINDNESS,
    N_("A loving-kindness minute"),
    N_("Loving-kindness"),
    N_("A minute of kind wishes: for someone dear, for yourself, for everyone."),
    (
        StepPlan(
            StepKind.KIND_SETTLE, N_("Settling"), 8, ("kind_settle",), breathing=False, mood=True
        ),
        StepPlan(StepKind.KIND_DEAR, N_("Someone dear"), 15, ("kind_dear",)),
        StepPlan(StepKind.KIND_SELF, N_("You too"), 20, ("kind_self",), warm=True),
        StepPlan(StepKind.KIND_EVERYONE, N_("Everyone"), 10, ("kind_everyone",)),
        StepPlan(StepKind.KIND_CLOSE, N_("Closing"), 7, ("kind_close",), mood=True),
    ),
    # Kindness can stir up old pain: the way back is always at hand.
    grounding=True,
)

WIND_DOWN: Final = PracticePlan(
    Practice.WIND_DOWN,
    N_("Winding down"),
    N_("Wind down"),
    N_("A slow minute for the end of the day: a slower breath, letting the day go, rest."),
    (
        StepPlan(
            StepKind.EVENING_ARRIVE,
            N_("Arriving"),
            6,
            ("evening_arrive",),
            breathing=False,
            mood=True,
        ),
        StepPlan(StepKind.EVENING_BREATH, N_("Slower breath"), 20, ("evening_breath",)),
        StepPlan(StepKind.EVENING_LET_GO, N_("Letting the day go"), 16, ("evening_let_go",)),
        StepPlan(StepKind.EVENING_SLEEP, N_("Towards rest"), 12, ("evening_sleep",), warm=True),
        StepPlan(StepKind.EVENING_CLOSE, N_("Goodnight"), 6, ("evening_close",), mood=True),
    ),
    exhale_factor=4 / 3,  # out-breath 8 s at the usual 4 s in, 6 s out
    reminder_group="evening_reminder",
)

HARD_MOMENT: Final = PracticePlan(
    Practice.HARD_MOMENT,
    N_("A hard moment"),
    N_("A hard moment"),
    N_("A slow practice for a hard moment, at your own pace. Ground me is always there."),
    (
        # Grounding first: two lines, one after the other.
        StepPlan(
            StepKind.HARD_GROUND,
            N_("Grounding"),
            24,
            ("hard_ground", "hard_ground"),
            breathing=False,
        ),
        StepPlan(
            StepKind.HARD_EXHALE, N_("A longer out-breath"), 40, ("hard_exhale",), own_pace=True
        ),
        StepPlan(
            StepKind.HARD_TOUCH,
            N_("Soothing touch"),
            30,
            ("hard_touch",),
            warm=True,
            own_pace=True,
            choice=ChoiceKind.TOUCH,
        ),
        StepPlan(
            StepKind.HARD_WORDS,
            N_("What you need"),
            30,
            warm=True,
            own_pace=True,
            choice=ChoiceKind.WORDS,
            prompt=NEED_QUESTION,
            choice_group="hard_words",
        ),
        StepPlan(StepKind.HARD_CLOSE, N_("Closing"), 20, ("hard_close",), offers_help=True),
    ),
    scales=False,
    exhale_factor=7 / 6,  # a longer out-breath, still at the person's own pace
    grounding=True,
)

PRACTICES: Final[dict[Practice, PracticePlan]] = {
    p.kind: p for p in (MINUTE, LOVING_KINDNESS, WIND_DOWN, HARD_MOMENT)
}
#: The practices offered when a break opens, the default first. A hard moment has its own way in.
CHOOSABLE: Final = (Practice.MINUTE, Practice.LOVING_KINDNESS, Practice.WIND_DOWN)
#: Every phrase group the new practices add to the library, in the order of the practices.
PRACTICE_GROUPS: Final = tuple(
    group for p in (HARD_MOMENT, LOVING_KINDNESS, WIND_DOWN) for group in p.phrase_groups
)


def _group_labels() -> dict[str, str]:
    """Each new practice's phrase group as people read it: "A hard moment: grounding"."""
    labels: dict[str, str] = {}
    for plan in (HARD_MOMENT, LOVING_KINDNESS, WIND_DOWN):
        for step in plan.steps:
            for group in (*step.groups, step.choice_group):
                if group and group != NEED_GROUP:
                    labels.setdefault(
                        group, f"{plan.label}: {step.label[:1].lower()}{step.label[1:]}"
                    )
        if plan.reminder_group:
            labels[plan.reminder_group] = f"{plan.label}: reminders"
    return labels


#: The new practices' phrase groups by name, for places that list groups (My words).
PRACTICE_GROUP_LABELS: Final = _group_labels()

# The guided minute's shape, as earlier code and tests name it.
STEP_WEIGHTS: Final = tuple((plan.kind, plan.seconds) for plan in MINUTE.steps)
STEP_LABELS: Final = {plan.kind: plan.label for plan in MINUTE.steps}
TOUCH_SHARE: Final = MINUTE.steps[3].shares[0]


@dataclass(frozen=True)
class PracticeWords:
    """The words of one practice, chosen before it opens.

    ``steps``: per step, one text per group of its plan (a missing text takes a gentle
    fallback); ``choices``: the options of a WORDS choice step. Each line and option carries
    its library id, so the history can keep the ids of the phrases shown (never the texts).
    """

    steps: Mapping[StepKind, tuple[Line, ...]]
    choices: Mapping[StepKind, tuple[Choice, ...]] = field(default_factory=dict)


#: Words for a step whose group is empty (a broken install): a practice still has words.
FALLBACK_WORDS: Final[Mapping[str, str]] = {
    "hard_ground": N_("Feel the ground under your feet."),
    "hard_exhale": N_("Breathe out a little longer than you breathe in, at your own pace."),
    "hard_touch": N_("If it helps, you might choose a soothing touch."),
    "hard_words": N_("This is hard, and you are meeting it as best you can."),
    "hard_close": N_("Thank you for staying with yourself."),
    "kind_settle": N_("Let yourself settle for a breath or two."),
    "kind_dear": N_("Picture someone dear to you, and wish them well."),
    "kind_self": N_("Now wish yourself the same: may you be at ease."),
    "kind_everyone": N_("And everyone else, too: may they be at ease."),
    "kind_close": N_("Thank you for these kind wishes."),
    "evening_arrive": N_("The day is nearly done. You can slow down now."),
    "evening_breath": N_("Let each out-breath be a little longer."),
    "evening_let_go": N_("Whatever is unfinished can wait for tomorrow."),
    "evening_sleep": N_("Rest is yours to take tonight."),
    "evening_close": N_("Goodnight. Thank you for this time."),
}
_GENERAL_FALLBACK: Final = N_("Take a slow breath, at your own pace.")


def _check_length(length_seconds: int) -> None:
    if isinstance(length_seconds, bool) or not (
        MIN_LENGTH_SECONDS <= length_seconds <= MAX_LENGTH_SECONDS
    ):
        raise ValueError(
            f"length_seconds must be from {MIN_LENGTH_SECONDS} to {MAX_LENGTH_SECONDS}, "
            f"not {length_seconds!r}"
        )


def _step_lines(plan: StepPlan, lines: Sequence[Line]) -> list[Line]:
    """One line per beat: fixed words, the prompt, or the chosen phrases (fallbacks if short)."""
    if plan.words:
        return [Line(text) for text in plan.words]
    if plan.prompt:
        return [Line(plan.prompt)]
    chosen = list(lines[: len(plan.groups)])
    chosen.extend(
        Line(FALLBACK_WORDS.get(group, _GENERAL_FALLBACK)) for group in plan.groups[len(chosen) :]
    )
    return chosen or [Line(_GENERAL_FALLBACK)]


def _build_step(
    plan: StepPlan, duration: int, lines: Sequence[Line], options: Sequence[Choice], mood: bool
) -> Step:
    chosen = _step_lines(plan, lines)
    shares = plan.shares if len(plan.shares) == len(chosen) else (1.0,) * len(chosen)
    beats = tuple(
        Beat(line.text, ms, line.phrase_id, line.heavy_text, line.heavy_phrase_id)
        for line, ms in zip(chosen, split_ms(duration, shares), strict=True)
    )
    choices = TOUCH_CHOICES if plan.choice is ChoiceKind.TOUCH else tuple(options)
    return Step(
        kind=plan.kind,
        label=plan.label,
        duration_ms=duration,
        beats=beats,
        breathing=plan.breathing,
        asks_mood=mood and plan.mood,
        warm=plan.warm,
        own_pace=plan.own_pace,
        choices=choices if plan.choice is not None else (),
        offers_help=plan.offers_help,
    )


def build_practice(
    practice: PracticePlan,
    words: PracticeWords,
    length_seconds: int = 60,
    *,
    mood_check_in: bool = True,
    breath: BreathPattern | None = None,
) -> BreakScript:
    """Return ``practice`` with ``words`` as a script the step machine can run.

    Args:
        practice: The practice's plan.
        words: The words chosen for it.
        length_seconds: The break length setting; only practices that scale use it.
        mood_check_in: Whether the steps that may ask for the mood do.
        breath: The person's breathing pattern (default: in 4 s, out 6 s); a practice with a
            longer out-breath lengthens its exhale.

    Raises:
        ValueError: If ``length_seconds`` is outside the setting's bounds.
    """
    _check_length(length_seconds)
    plans = practice.steps
    if practice.scales:
        durations = split_ms(length_seconds * 1000, [plan.seconds for plan in plans])
    else:
        durations = tuple(plan.seconds * 1000 for plan in plans)
    steps = tuple(
        _build_step(
            plan,
            ms,
            words.steps.get(plan.kind, ()),
            words.choices.get(plan.kind, ()),
            mood_check_in,
        )
        for plan, ms in zip(plans, durations, strict=True)
    )
    grounding = (
        tuple(_build_step(plan, plan.seconds * 1000, (), (), False) for plan in GROUNDING)
        if practice.grounding
        else ()
    )
    base = breath or BreathPattern()
    if practice.exhale_factor != 1.0:
        base = BreathPattern(
            base.inhale_ms, round(base.exhale_ms * practice.exhale_factor), base.smallest
        )
    return BreakScript(steps, base, practice.kind, practice.title, grounding)


def build_script(
    texts: BreakTexts,
    length_seconds: int = 60,
    *,
    mood_check_in: bool = True,
    breath: BreathPattern | None = None,
) -> BreakScript:
    """Return the guided minute for ``texts``, its steps scaled to ``length_seconds``.

    Args:
        texts: The words of this break, one per step.
        length_seconds: Planned length, within the setting's bounds.
        mood_check_in: Whether the first and last steps open with the mood tap.
        breath: The breathing pattern (default: in 4 s, out 6 s).

    Raises:
        ValueError: If ``length_seconds`` is outside those bounds.
    """

    def line(name: str) -> Line:
        return Line(getattr(texts, name), texts.ids.get(name))

    words = PracticeWords(
        {
            StepKind.ARRIVE: (line("arrive"),),
            StepKind.NOTICE: (line("notice"),),
            StepKind.NOT_ALONE: (line("not_alone"),),
            StepKind.KINDNESS: (
                line("touch"),
                Line(
                    texts.kindness,
                    texts.ids.get("kindness"),
                    texts.heavy_kindness,
                    texts.ids.get("heavy_kindness"),
                ),
            ),
            StepKind.CLOSING: (line("closing"),),
        },
    )
    return build_practice(MINUTE, words, length_seconds, mood_check_in=mood_check_in, breath=breath)


@dataclass(frozen=True)
class BreakResult:
    """How one break went, for the practice history.

    ``outcome`` is ``COMPLETED``, ``ENDED_EARLY`` or ``GROUNDED`` (the person took "Ground
    me"); moods are 1..5 (see MOODS) or None when not given; ``planned_seconds`` is the chosen
    length; ``phrase_ids`` the ids of the phrases shown; ``practice_seconds`` the time in the
    guided steps (None: not measured); ``practice`` which practice it was. See
    ``core.history.BreakRecord``.
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
