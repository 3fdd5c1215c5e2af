"""The other practices in the step machine and the reminder flow: a hard moment, "Ground me",
own-pace steps, choices, switching the practice, the wind-down offer and ``kindtray sos``."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from kindtray.core.break_script import (
    HARD_MOMENT,
    LOVING_KINDNESS,
    MINUTE,
    TOUCH_CHOICES,
    BreakScript,
    Choice,
    Line,
    PracticeWords,
    StepKind,
    build_practice,
)
from kindtray.core.clock import FakeClock
from kindtray.core.history import Outcome, Practice, Trigger
from kindtray.core.settings import Settings
from kindtray.session.break_flow import BreakFlow, Change
from kindtray.session.commands import COMMANDS, CommandName, dispatch
from kindtray.session.reminder_flow import Answer, BreakFinished, ReminderAnswered, ReminderDue
from tests.session.fakes import Rig

START = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
WORDS = (
    Choice("hard-words-a", "It makes sense.", "It makes sense.", "hard-words-a"),
    Choice("hard-words-b", "One breath at a time.", "One breath at a time.", "hard-words-b"),
)


HARD_MOMENT_SECONDS = sum(plan.seconds for plan in HARD_MOMENT.steps)


def hard_moment() -> BreakScript:
    words = PracticeWords(
        {StepKind.HARD_GROUND: (Line("Feet.", "hard-ground-1"), Line("Room.", "hard-ground-2"))},
        {StepKind.HARD_WORDS: WORDS},
    )
    return build_practice(HARD_MOMENT, words)


def flow_of(script: BreakScript, clock: FakeClock) -> BreakFlow:
    return BreakFlow(script, clock)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


def walk_to(flow: BreakFlow, index: int, *, beat: int = 0, clock: FakeClock | None = None) -> None:
    """Bring the flow to step ``index`` (and beat), as the person would with Next.

    With ``clock``: staying 30 s on each step before Next, as someone taking the practice.
    """
    flow.start()
    while flow.step_index < index:
        if clock is not None:
            clock.advance(30)
        assert flow.skip_step() is Change.STEP
    for _ in range(beat):
        assert flow.advance() is Change.BEAT


# -- "Ground me" ----------------------------------------------------------------------------


GROUND_ME_MOMENTS = [
    pytest.param(index, beat, id=f"{kind.value}-beat{beat}")
    for index, kind, beats in (
        (i, plan.kind, max(1, len(plan.groups))) for i, plan in enumerate(HARD_MOMENT.steps)
    )
    for beat in range(beats)
]


@pytest.mark.parametrize(("index", "beat"), GROUND_ME_MOMENTS)
def test_ground_me_works_at_every_step_and_records_grounded(
    clock: FakeClock, index: int, beat: int
) -> None:
    flow = flow_of(hard_moment(), clock)
    walk_to(flow, index, beat=beat)
    assert flow.can_ground
    assert flow.ground_me() is Change.STEP
    assert flow.grounding and not flow.can_ground and not flow.awaiting_choice
    seen = []
    while flow.result is None:
        step, beat_on = flow.current_step, flow.current_beat
        assert step is not None and beat_on is not None
        seen.append(step.kind)
        if flow.wait_ms is None:
            change = flow.skip_step()  # own pace: "Next" when ready
        else:
            clock.advance(flow.wait_ms / 1000)
            change = flow.advance()
        assert change in (Change.STEP, Change.FINISHED)
    assert seen == [StepKind.GROUND_FEET, StepKind.GROUND_SOUNDS, StepKind.GROUND_END]
    assert flow.result.outcome is Outcome.GROUNDED
    assert flow.result.practice is Practice.HARD_MOMENT


@pytest.mark.parametrize("leave", ["escape", "end_gently", "close"])
def test_leaving_while_grounding_is_still_grounded(clock: FakeClock, leave: str) -> None:
    flow = flow_of(hard_moment(), clock)
    walk_to(flow, 2)
    flow.ground_me()
    assert getattr(flow, leave)() is Change.FINISHED
    assert flow.result is not None and flow.result.outcome is Outcome.GROUNDED


def test_ground_me_is_offered_only_while_a_practice_with_it_runs(clock: FakeClock) -> None:
    minute = flow_of(build_practice(MINUTE, PracticeWords({})), clock)
    minute.start()
    assert not minute.can_ground and minute.ground_me() is Change.NONE
    flow = flow_of(hard_moment(), clock)
    assert not flow.can_ground  # not before it starts
    flow.start()
    flow.end_gently()
    assert not flow.can_ground and flow.ground_me() is Change.NONE  # nor while saying goodbye


# -- own pace and choices -------------------------------------------------------------------


def test_the_hard_moment_waits_for_the_person_where_it_says_so(clock: FakeClock) -> None:
    flow = flow_of(hard_moment(), clock)
    walk_to(flow, 1)
    assert flow.current_step is not None and flow.current_step.kind is StepKind.HARD_EXHALE
    assert flow.wait_ms is None  # no timer rushes the longer out-breath
    clock.advance(600)
    assert flow.advance() is Change.NONE and flow.step_index == 1
    assert flow.skip_step() is Change.STEP and flow.step_index == 2


def test_a_touch_is_chosen_and_its_words_stay_until_next(clock: FakeClock) -> None:
    flow = flow_of(hard_moment(), clock)
    walk_to(flow, 2)
    assert flow.awaiting_choice and flow.wait_ms is None
    hug = TOUCH_CHOICES[2]
    assert flow.choose(hug.id) is Change.CHOSEN
    assert flow.current_beat is not None and flow.current_beat.text == hug.says
    assert not flow.awaiting_choice and flow.advance() is Change.NONE
    assert flow.choose(TOUCH_CHOICES[0].id) is Change.NONE  # chosen once; Next moves on
    assert flow.skip_step() is Change.STEP and flow.chosen == {StepKind.HARD_TOUCH: hug}


def test_what_you_need_to_hear_is_chosen_among_a_few_phrases(clock: FakeClock) -> None:
    flow = flow_of(hard_moment(), clock)
    walk_to(flow, 3, clock=clock)
    step = flow.current_step
    assert step is not None and step.choices == WORDS
    assert flow.current_beat is not None and "need to hear" in flow.current_beat.text
    with pytest.raises(ValueError):
        flow.choose("hard-words-z")
    flow.choose("hard-words-b")
    assert flow.current_beat is not None and flow.current_beat.text == "One breath at a time."
    clock.advance(30)
    flow.skip_step()
    assert flow.is_last_step and flow.current_step is not None
    assert flow.current_step.offers_help
    clock.advance(20)
    assert flow.advance() is Change.FINISHED
    assert flow.result is not None and flow.result.outcome is Outcome.COMPLETED
    # Every phrase that came on screen, the options of the choice included; none twice.
    # (Next on the first grounding line: the second never came on screen.)
    assert flow.result.phrase_ids[0] == "hard-ground-1"
    assert "hard-ground-2" not in flow.result.phrase_ids
    assert {"hard-words-a", "hard-words-b"} <= set(flow.result.phrase_ids)
    assert len(set(flow.result.phrase_ids)) == len(flow.result.phrase_ids)


def test_skipping_a_choice_is_fine(clock: FakeClock) -> None:
    flow = flow_of(hard_moment(), clock)
    walk_to(flow, 2)
    assert flow.skip_step() is Change.STEP and flow.step_index == 3
    assert flow.chosen == {}


# -- choosing the practice as the break opens -----------------------------------------------


def test_the_practice_can_be_changed_on_the_first_step_only(clock: FakeClock) -> None:
    minute = build_practice(MINUTE, PracticeWords({}))
    kindness = build_practice(LOVING_KINDNESS, PracticeWords({}), mood_check_in=True)
    flow = flow_of(minute, clock)
    flow.start()
    assert flow.can_switch
    flow.choose_mood(4)
    assert flow.switch_practice(kindness) is Change.STEP
    assert flow.script is kindness and flow.step_index == 0
    assert not flow.awaiting_mood  # the mood given is kept, not asked again
    flow.skip_step()
    assert not flow.can_switch and flow.switch_practice(minute) is Change.NONE
    while flow.result is None:
        flow.skip_step()
        if flow.awaiting_mood:
            flow.choose_mood(None)
    assert flow.result.practice is Practice.LOVING_KINDNESS
    assert flow.result.mood_before == 4


# -- the reminder flow and the command ------------------------------------------------------


def evening_rig(wind_down: time | None) -> Rig:
    return Rig(Settings().with_value("phrases.wind_down", wind_down))


@pytest.mark.parametrize(
    ("hours_later", "offered", "text"),
    [
        (0, Practice.MINUTE, "A minute for yourself?"),  # 10:00
        (11, Practice.WIND_DOWN, "An evening minute (wind-down)?"),  # 21:00, after 20:30
        (16, Practice.WIND_DOWN, "An evening minute (wind-down)?"),  # 02:00, still the night
    ],
)
def test_after_the_wind_down_time_reminders_offer_the_wind_down(
    hours_later: int, offered: Practice, text: str
) -> None:
    rig = evening_rig(time(20, 30))
    rig.clock.advance(timedelta(hours=hours_later))
    rig.flow.handle(ReminderDue())
    assert rig.screen.reminders[-1] == text
    assert rig.flow.offered is offered
    rig.flow.handle(ReminderAnswered(Answer.START_BREAK))
    assert (rig.screen.breaks[-1], rig.screen.practices[-1]) == (Trigger.REMINDER, offered)


def test_without_a_wind_down_time_the_evening_reminder_is_the_usual_one() -> None:
    rig = evening_rig(None)
    rig.clock.advance(timedelta(hours=12))
    rig.flow.handle(ReminderDue())
    assert rig.screen.reminders[-1] == "A minute for yourself?"
    rig.flow.handle(ReminderAnswered(Answer.START_BREAK))
    assert rig.screen.practices[-1] is Practice.MINUTE


def test_sos_opens_a_hard_moment_with_the_callers_activation_token() -> None:
    rig = Rig()
    reply = dispatch(rig.flow, {"command": "sos", "activation_token": "shortcut-token"})
    assert (reply.exit, reply.message) == (0, "Opening A hard moment")
    assert rig.screen.practices == [Practice.HARD_MOMENT]
    assert rig.screen.breaks == [Trigger.REQUEST]
    assert rig.screen.activation_tokens == ["shortcut-token"]
    sos = COMMANDS[CommandName.SOS]
    assert sos.starts_kindtray and sos.forwards_activation


def test_a_break_on_request_is_still_the_minute() -> None:
    rig = Rig()
    dispatch(rig.flow, {"command": "break"})
    assert rig.screen.practices == [Practice.MINUTE]


# -- the history ----------------------------------------------------------------------------


def test_a_grounded_hard_moment_is_in_the_history_as_grounded(tmp_path: Path) -> None:
    from kindtray.core.history import BreakRecord
    from kindtray.storage.history import History

    rig = Rig()
    history = History(tmp_path / "history.sqlite3", rig.clock)
    rig.flow._record = lambda **entry: history.record(BreakRecord(**entry))  # as the app does
    flow = flow_of(hard_moment(), rig.clock)
    walk_to(flow, 1)
    rig.clock.advance(20)
    flow.ground_me()
    while flow.result is None:
        rig.clock.advance(10)
        flow.skip_step()
    rig.flow.handle(BreakFinished(flow.result, Trigger.REQUEST))
    [record] = history.records()
    assert (record.outcome, record.practice) == (Outcome.GROUNDED, Practice.HARD_MOMENT)
    assert record.planned_seconds == HARD_MOMENT_SECONDS
    assert record.phrase_ids == ("hard-ground-1",)
    assert record.practice_seconds is not None and record.practice_seconds > 20
    history.close()
