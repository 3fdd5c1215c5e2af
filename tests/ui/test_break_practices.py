"""The other practices in the break window: A hard moment with "Ground me" at every step,
the touch and words choices, the practice chooser, all by keyboard and with names for a
screen reader. Time is driven (``advance()``), never waited for."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QAbstractAnimation, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from kindtray.core.break_script import HARD_MOMENT, HELP_TEXT, TOUCH_CHOICES, BreakResult
from kindtray.core.clock import FakeClock
from kindtray.core.history import Outcome, Practice, Trigger
from kindtray.core.phrases import PhrasePicker
from kindtray.core.practice_words import practice_script
from kindtray.core.settings import BreakSettings, Settings
from kindtray.storage.phrase_store import load_library
from kindtray.ui.break_window import BreakWindow
from kindtray.ui.practice_widgets import GROUND_ME

START = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
Open = Callable[..., BreakWindow]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def open_practice(qtbot: QtBot, clock: FakeClock) -> Iterator[Open]:
    library, problems = load_library(None)
    assert problems == []
    picker = PhrasePicker(library, None, random.Random(3))
    settings = Settings()

    def prepare(practice: Practice) -> object:
        return practice_script(picker, practice, settings, clock.now())

    def make(practice: Practice = Practice.HARD_MOMENT, **options: object) -> BreakWindow:
        chosen: dict[str, object] = {"mood_check_in": False, "reduced_motion": "on"}
        chosen.update(options)
        window = BreakWindow(
            prepare(practice),  # type: ignore[arg-type]
            BreakSettings(**chosen),  # type: ignore[arg-type]
            clock,
            trigger=Trigger.REQUEST,
            practices=prepare,  # type: ignore[arg-type]
        )
        qtbot.addWidget(window)
        made.append(window)  # held until the test ends: a window is never collected mid-test
        window.start()
        return window

    made: list[BreakWindow] = []
    yield make
    for window in made:
        window.close()


def results_of(window: BreakWindow) -> list[BreakResult]:
    received: list[BreakResult] = []
    window.finished.connect(received.append)
    return received


def press(window: BreakWindow, key: Qt.Key) -> None:
    """Press a key where the keyboard is: the focused control, or the window itself."""
    QTest.keyClick(window.focusWidget() or window, key)


def visible_buttons(window: BreakWindow) -> list[QAbstractButton]:
    return [b for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window)]


def practice_of(window: BreakWindow) -> Practice:
    return window.flow.script.practice


def go_to_step(window: BreakWindow, index: int) -> None:
    while window.flow.step_index < index:
        window.skip_step()


# -- "Ground me" at every step --------------------------------------------------------------


@pytest.mark.parametrize(
    "index", range(len(HARD_MOMENT.steps)), ids=[s.kind for s in HARD_MOMENT.steps]
)
def test_ground_me_is_there_at_every_step_and_ends_grounded(
    open_practice: Open, index: int
) -> None:
    window = open_practice()
    received = results_of(window)
    go_to_step(window, index)
    assert window.ground_button.isVisible() and window.ground_button.text() == GROUND_ME
    window.ground_button.click()
    assert window.flow.grounding and not window.ground_button.isVisible()
    assert "feet on the floor" in window.phrase_label.text()
    assert window.step_label.accessibleName() == "Step 1 of 3: Feet on the floor"
    window.skip_step()
    assert "five sounds" in window.phrase_label.text()
    assert window.beat_timer.isActive() is False  # counting sounds takes the time it takes
    window.skip_step()
    assert window.center.currentWidget() is window.help_label
    assert window.help_label.text() == HELP_TEXT
    assert window.skip_button.text() == "Done"
    window.skip_step()
    [result] = received
    assert (result.outcome, result.practice) == (Outcome.GROUNDED, Practice.HARD_MOMENT)


def test_the_hard_moment_by_keyboard_alone(open_practice: Open, clock: FakeClock) -> None:
    window = open_practice()
    received = results_of(window)
    assert window.windowTitle() == "A hard moment"
    assert window.focusWidget() is window.skip_button
    # Grounding: two timed lines.
    window.advance()
    window.advance()
    assert window.flow.current_step is not None
    assert window.flow.current_step.kind == "hard_exhale"
    assert not window.beat_timer.isActive()  # own pace: no timer, "Next" when ready
    clock.advance(40)  # a few slow breaths, then Next
    press(window, Qt.Key.Key_Right)
    # A soothing touch: the options take the focus; key 3 is arms around yourself.
    assert window.center.currentWidget() is window.choice_panel
    assert window.focusWidget() is window.choice_panel.buttons[0]
    assert [b.accessibleName() for b in window.choice_panel.buttons] == [
        c.label for c in TOUCH_CHOICES
    ]
    press(window, Qt.Key.Key_3)
    assert window.phrase_label.text() == TOUCH_CHOICES[2].says
    assert window.center.currentWidget() is window.guide
    clock.advance(30)
    press(window, Qt.Key.Key_Right)
    # What do you need to hear: Tab to the second phrase, Enter takes it.
    assert window.choice_panel.prompt.text() == "What do you need to hear right now?"
    assert window.phrase_label.text() == ""  # the question stands above the options
    assert "What do you need to hear right now?" in window.accessibleDescription()
    second = window.choice_panel.buttons[1]
    press(window, Qt.Key.Key_Tab)
    assert window.focusWidget() is second
    QTest.keyClick(second, Qt.Key.Key_Return)
    assert window.phrase_label.text() == second.accessibleName()
    clock.advance(30)
    press(window, Qt.Key.Key_Right)
    assert window.center.currentWidget() is window.help_label
    assert HELP_TEXT in window.accessibleDescription()
    press(window, Qt.Key.Key_Right)
    [result] = received
    assert (result.outcome, result.practice) == (Outcome.COMPLETED, Practice.HARD_MOMENT)


def test_g_grounds_from_the_keyboard(open_practice: Open) -> None:
    window = open_practice()
    press(window, Qt.Key.Key_G)
    assert window.flow.grounding


def test_every_control_has_a_name_at_every_step(open_practice: Open) -> None:
    window = open_practice(Practice.LOVING_KINDNESS)
    window.switch_practice(Practice.HARD_MOMENT)  # not choosable: stays loving-kindness
    assert window.flow.script.practice is Practice.LOVING_KINDNESS
    seen = 0
    for practice in (Practice.HARD_MOMENT, Practice.LOVING_KINDNESS):
        window = open_practice(practice)
        while window.flow.result is None:
            for button in visible_buttons(window):
                assert button.accessibleName(), (practice, button.objectName())
                seen += 1
            assert window.step_label.accessibleName()
            window.skip_step()
    assert seen > 20


# -- choosing the practice as a break opens -------------------------------------------------


def test_the_minute_opens_by_default_and_the_practice_can_be_chosen_on_its_first_step(
    open_practice: Open,
) -> None:
    window = open_practice(Practice.MINUTE)
    received = results_of(window)
    chooser = window.chooser
    assert chooser is not None and chooser.isVisible()
    assert chooser.buttons[Practice.MINUTE].isChecked()
    assert not window.ground_button.isVisible()
    assert [b.accessibleName() for b in chooser.buttons.values()] == [
        "One minute",
        "Loving-kindness",
        "Wind down",
    ]
    # By keyboard: Alt+W, the Wind down button's letter.
    QTest.keyClick(window.skip_button, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert practice_of(window) is Practice.WIND_DOWN
    assert window.windowTitle() == window.accessibleName() == "Winding down"
    assert chooser.buttons[Practice.WIND_DOWN].isChecked()
    window.switch_practice(Practice.LOVING_KINDNESS)
    assert practice_of(window) is Practice.LOVING_KINDNESS
    assert window.ground_button.isVisible()  # kindness may stir up pain: the way back is here
    window.skip_step()
    assert not chooser.isVisible()  # only while the break begins
    window.switch_practice(Practice.MINUTE)
    assert window.flow.script.practice is Practice.LOVING_KINDNESS
    while window.flow.result is None:
        window.skip_step()
    assert received[0].practice is Practice.LOVING_KINDNESS


def test_a_hard_moment_offers_no_chooser(open_practice: Open) -> None:
    window = open_practice(Practice.HARD_MOMENT)
    assert window.chooser is None


@pytest.mark.parametrize(("reduced", "moves"), [("on", False), ("off", True)])
def test_with_reduced_motion_nothing_in_a_hard_moment_moves(
    open_practice: Open, reduced: str, moves: bool
) -> None:
    window = open_practice(reduced_motion=reduced)
    running = QAbstractAnimation.State.Running
    go_to_step(window, 1)  # the longer out-breath: the pacer breathes
    assert window.guide.frame_timer.isActive() is moves  # still circle, words and a count
    assert (window.fade.state() == running) is moves
    window.fade.stop()
    go_to_step(window, 2)
    window.choose("heart")
    assert (window.fade.state() == running) is moves
    window.fade.stop()
    window.ground_me()
    assert (window.fade.state() == running) is moves
