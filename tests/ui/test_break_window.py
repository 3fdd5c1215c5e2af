"""The break window: the guided minute as a user meets it, by mouse, keyboard and screen reader.

Time is driven, never waited for: the step timer's interval is checked against the script and
``advance()`` does what the timer would; the pacer reads a FakeClock.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QAbstractAnimation, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kindtray.assets import find_resource
from kindtray.core.break_script import BreakResult, BreakTexts, build_script
from kindtray.core.clock import FakeClock
from kindtray.core.history import Trigger
from kindtray.core.settings import BreakSettings
from kindtray.session.break_flow import MOOD_PATIENCE_MS
from kindtray.ui import break_window as bw
from kindtray.ui.break_window import DARK, FAREWELL, LIGHT, TITLE, BreakWindow

TEXTS = BreakTexts(
    arrive="Pause for a moment.",
    notice="This is a hard moment.",
    not_alone="Everyone struggles sometimes.",
    kindness="May I be gentle with myself.",
    touch="You might rest a hand on your heart.",
    closing="Thank you for this minute.",
    phrase_ids=("notice-3", "kind-12"),
    ids={"notice": "notice-3", "kindness": "kind-12"},
)

MakeWindow = Callable[..., BreakWindow]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 29, 10, 0, tzinfo=UTC))


@pytest.fixture
def make_window(qtbot: QtBot, clock: FakeClock) -> MakeWindow:
    def make(
        *,
        trigger: Trigger = Trigger.REQUEST,
        texts: BreakTexts = TEXTS,
        start: bool = True,
        **settings: object,
    ) -> BreakWindow:
        options: dict[str, object] = {"mood_check_in": False, "reduced_motion": "off"}
        options.update(settings)
        window = BreakWindow(
            texts,
            BreakSettings(**options),  # type: ignore[arg-type]
            clock,
            trigger=trigger,
        )
        qtbot.addWidget(window)
        if start:
            window.start()
        return window

    return make


def results_of(window: BreakWindow) -> list[BreakResult]:
    received: list[BreakResult] = []
    window.finished.connect(received.append)
    return received


def key(qtbot: QtBot, window: BreakWindow, which: Qt.Key, text: str = "") -> None:
    """Press a key where the keyboard is: the focused control, or the window itself."""
    target = window.focusWidget() or window
    QTest.keyClick(target, which)


# -- the schedule ---------------------------------------------------------------------------


def test_steps_advance_on_the_scripts_schedule(make_window: MakeWindow) -> None:
    window = make_window(length_seconds=60)
    received = results_of(window)
    seen = []
    for _ in range(6):
        assert window.beat_timer.isActive()
        seen.append(
            (window.step_label.text(), window.phrase_label.text(), window.beat_timer.interval())
        )
        window.advance()
    assert seen == [
        ("Arriving", TEXTS.arrive, 5000),
        ("Noticing", TEXTS.notice, 15000),
        ("Not alone", TEXTS.not_alone, 10000),
        ("Kindness", TEXTS.touch, 8000),
        ("Kindness", TEXTS.kindness, 12000),
        ("Closing", TEXTS.closing, 10000),
    ]
    assert [r.outcome for r in received] == ["completed"]
    assert not window.isVisible()


def test_a_longer_break_stretches_every_step(make_window: MakeWindow) -> None:
    window = make_window(length_seconds=300)
    intervals = []
    while window.flow.result is None:
        intervals.append(window.beat_timer.interval())
        window.advance()
    assert intervals == [25000, 75000, 50000, 40000, 60000, 50000]
    assert sum(intervals) == 300_000


def test_the_step_timer_moves_the_break_on(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window()
    window.beat_timer.start(1)  # the same timer, due now instead of in five seconds
    qtbot.waitUntil(lambda: window.step_label.text() == "Noticing", timeout=2000)


def test_the_result_tells_the_history_what_happened(
    make_window: MakeWindow, clock: FakeClock
) -> None:
    window = make_window(length_seconds=90)
    received = results_of(window)
    for _ in range(5):
        clock.advance(18)
        window.advance()
    clock.advance(1)
    window.advance()
    [result] = received
    assert result.started == datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
    assert (result.ended - result.started).total_seconds() == 91
    assert result.planned_seconds == 90
    assert result.phrase_ids == ("notice-3", "kind-12")
    assert (result.mood_before, result.mood_after) == (None, None)


# -- skipping and ending ----------------------------------------------------------------------


def test_skip_step_button_goes_to_the_next_step(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window()
    QTest.mouseClick(window.skip_button, Qt.MouseButton.LeftButton)
    assert window.step_label.text() == "Noticing"
    assert window.beat_timer.interval() == 15000


def test_right_arrow_skips_a_step_even_on_a_focused_button(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    window.not_now_button.setFocus()
    QTest.keyClick(window.not_now_button, Qt.Key.Key_Right)
    assert window.step_label.text() == "Noticing"
    QTest.keyClick(window, Qt.Key.Key_Right)
    assert window.step_label.text() == "Not alone"


def test_the_last_skip_completes_the_break(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window()
    received = results_of(window)
    for _ in range(5):
        window.advance()  # each step to its end (skipping them all is ending early)
    assert window.skip_button.text() == "Done"
    assert not window.not_now_button.isVisible()
    QTest.mouseClick(window.skip_button, Qt.MouseButton.LeftButton)
    assert [r.outcome for r in received] == ["completed"]


def test_escape_ends_gently_then_closes(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window()
    received = results_of(window)
    window.skip_step()
    key(qtbot, window, Qt.Key.Key_Escape)
    # First a kind word, and nothing recorded yet...
    assert window.farewell_label.text() == FAREWELL
    assert window.center.currentWidget() is window.farewell_label
    assert window.isVisible() and received == []
    assert not window.beat_timer.isActive()
    assert window.farewell_timer.isActive()
    assert 1500 <= window.farewell_timer.interval() <= 4000
    # ...then the window closes by itself.
    window.farewell_timer.start(1)
    with qtbot.waitSignal(window.finished, timeout=2000):
        pass
    assert [r.outcome for r in received] == ["ended_early"]
    assert not window.isVisible()


def test_not_now_ends_gently(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window()
    received = results_of(window)
    QTest.mouseClick(window.not_now_button, Qt.MouseButton.LeftButton)
    assert window.flow.farewell
    window.advance()  # whatever moves on during the farewell just closes
    assert [r.outcome for r in received] == ["ended_early"]


def test_closing_the_window_ends_the_break_early_once(make_window: MakeWindow) -> None:
    window = make_window()
    received = results_of(window)
    window.close()
    window.close()
    window.advance()
    window.skip_step()
    window.end_gently()
    assert [r.outcome for r in received] == ["ended_early"]


def test_finished_is_emitted_exactly_once_after_completing(make_window: MakeWindow) -> None:
    window = make_window()
    received = results_of(window)
    for _ in range(10):
        window.advance()
    window.close()
    window.end_gently()
    assert [r.outcome for r in received] == ["completed"]


# -- mood taps --------------------------------------------------------------------------------


def test_mood_taps_by_click_and_by_key_are_recorded(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window(mood_check_in=True)
    received = results_of(window)
    assert window.center.currentWidget() is window.mood_panel
    assert [b.text() for b in window.mood_panel.buttons] == [
        "heavy",
        "low",
        "okay",
        "calm",
        "light",
    ]
    # While the question is open the step waits (a long patience, not the step's 5 s).
    assert window.beat_timer.interval() == MOOD_PATIENCE_MS
    QTest.mouseClick(window.mood_panel.buttons[1], Qt.MouseButton.LeftButton)
    assert window.flow.mood_before == 2
    assert window.center.currentWidget() is window.guide
    assert window.beat_timer.interval() == 5000  # the arrival's moment starts now
    for _ in range(5):
        window.advance()
    assert window.step_label.text() == "Closing"
    assert window.center.currentWidget() is window.mood_panel
    key(qtbot, window, Qt.Key.Key_4)
    assert window.flow.mood_after == 4
    window.advance()
    [result] = received
    assert (result.mood_before, result.mood_after, result.outcome) == (2, 4, "completed")


def test_number_keys_do_nothing_when_no_question_is_open(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window(mood_check_in=True)
    key(qtbot, window, Qt.Key.Key_3)
    key(qtbot, window, Qt.Key.Key_5)
    assert window.flow.mood_before == 3
    assert window.flow.mood_after is None


def test_mood_can_be_skipped(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window(mood_check_in=True)
    received = results_of(window)
    QTest.mouseClick(window.mood_panel.skip_button, Qt.MouseButton.LeftButton)
    assert window.flow.mood_before is None
    assert window.beat_timer.interval() == 5000
    for _ in range(4):
        window.skip_step()
    window.skip_step()  # skipping the closing step skips its question too
    assert (received[0].mood_before, received[0].mood_after) == (None, None)
    assert received[0].outcome == "ended_early"  # every step skipped: not a completed break


def test_an_unanswered_question_lets_the_break_go_on(make_window: MakeWindow) -> None:
    window = make_window(mood_check_in=True)
    window.advance()  # the patience timer ran out: nobody there
    assert window.step_label.text() == "Noticing"
    assert window.flow.mood_before is None


def test_no_mood_question_when_check_in_is_off(make_window: MakeWindow) -> None:
    window = make_window(mood_check_in=False)
    assert window.center.currentWidget() is window.guide
    for _ in range(5):
        window.advance()
    assert window.center.currentWidget() is window.guide


# -- motion -----------------------------------------------------------------------------------


def test_pacer_breathes_at_about_thirty_frames_a_second(
    make_window: MakeWindow, clock: FakeClock
) -> None:
    window = make_window()
    window.advance()  # noticing: the pacer breathes
    guide = window.guide
    assert guide.frame_timer.isActive()
    assert guide.frame_timer.interval() >= 33  # at most ~30 fps
    assert guide.caption.text() == "Breathe in"
    start = guide.circle.size_fraction
    clock.advance(2.0)
    guide.refresh()
    assert guide.circle.size_fraction > start  # grows on the inhale
    clock.advance(4.0)
    guide.refresh()
    assert guide.caption.text() == "Breathe out"
    assert guide.circle.size_fraction < 1.0  # shrinks on the exhale


def test_the_breath_flows_on_across_steps(make_window: MakeWindow, clock: FakeClock) -> None:
    window = make_window()
    window.advance()
    clock.advance(5.0)  # into the exhale
    window.advance()  # next step: the breath does not restart with an inhale
    assert window.guide.caption.text() == "Breathe out"


def test_pacer_rests_while_arriving(make_window: MakeWindow) -> None:
    window = make_window()
    assert not window.guide.breathing
    assert not window.guide.frame_timer.isActive()


def test_pacer_stops_while_hidden(make_window: MakeWindow) -> None:
    window = make_window()
    window.advance()
    assert window.guide.frame_timer.isActive()
    window.hide()
    assert not window.guide.frame_timer.isActive()
    window.show()
    assert window.guide.frame_timer.isActive()


def test_step_changes_cross_fade(make_window: MakeWindow) -> None:
    window = make_window()
    window.advance()
    assert window.fade.state() == QAbstractAnimation.State.Running
    assert window.fade.duration() == 400


def test_reduced_motion_is_text_and_a_counter_without_animation(
    make_window: MakeWindow, clock: FakeClock
) -> None:
    window = make_window(reduced_motion="on")
    guide = window.guide
    window.advance()  # noticing
    assert not guide.circle.isVisible()
    assert not guide.frame_timer.isActive()
    assert window.fade.state() != QAbstractAnimation.State.Running
    assert guide.caption.text() == "Breathe in\N{HORIZONTAL ELLIPSIS} 4"
    # The counter wakes once a second at most, exactly when its number changes.
    assert guide.count_timer.isActive()
    assert guide.count_timer.interval() == 1000
    clock.advance(1.0)
    guide.refresh()
    assert guide.caption.text() == "Breathe in\N{HORIZONTAL ELLIPSIS} 3"
    clock.advance(3.0)
    guide.refresh()
    assert guide.caption.text() == "Breathe out\N{HORIZONTAL ELLIPSIS} 6"
    for _ in range(4):
        window.advance()
        assert not guide.frame_timer.isActive()
        assert window.fade.state() != QAbstractAnimation.State.Running
    assert all(a.state() != QAbstractAnimation.State.Running for a in _animations(window))


def test_reduced_motion_setting_values(qapp: QApplication) -> None:
    assert bw.wants_reduced_motion("on") is True
    assert bw.wants_reduced_motion("off") is False
    # "system" asks Qt; the offscreen platform has no preference, so motion stays on.
    assert bw.wants_reduced_motion("system") is False


def _animations(window: BreakWindow) -> list[QAbstractAnimation]:
    return window.findChildren(QAbstractAnimation)


# -- keyboard, focus and screen readers ------------------------------------------------------


def test_a_whole_break_by_keyboard_alone(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window(mood_check_in=True, trigger=Trigger.REQUEST)
    received = results_of(window)

    def tab_to(target: QWidget) -> None:
        for _ in range(12):
            if window.focusWidget() is target:
                return
            key(qtbot, window, Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {target.accessibleName()}")

    tab_to(window.mood_panel.buttons[2])
    key(qtbot, window, Qt.Key.Key_Return)  # "okay"
    tab_to(window.skip_button)
    key(qtbot, window, Qt.Key.Key_Space)  # skip "arriving"
    assert window.step_label.text() == "Noticing"
    key(qtbot, window, Qt.Key.Key_Right)
    key(qtbot, window, Qt.Key.Key_Right)
    assert window.step_label.text() == "Kindness"
    key(qtbot, window, Qt.Key.Key_Right)
    key(qtbot, window, Qt.Key.Key_5)  # "light"
    tab_to(window.skip_button)
    assert window.skip_button.text() == "Done"
    key(qtbot, window, Qt.Key.Key_Enter)
    [result] = received
    # Every step skipped at once: the break ended early, however it was reached.
    assert (result.outcome, result.mood_before, result.mood_after) == ("ended_early", 3, 5)


def test_every_control_is_reachable_with_tab_and_named(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window(mood_check_in=True)
    reached = []
    for _ in range(10):
        key(qtbot, window, Qt.Key.Key_Tab)
        reached.append(window.focusWidget())
    expected = [*window.mood_panel.buttons, window.mood_panel.skip_button]
    expected += [window.skip_button, window.not_now_button]
    assert set(expected) <= set(reached)
    for control in expected:
        assert control.accessibleName(), control
        assert control.accessibleDescription(), control.accessibleName()


def test_screen_readers_can_follow_the_steps(make_window: MakeWindow) -> None:
    window = make_window()
    window.advance()
    assert window.accessibleName() == TITLE
    assert window.step_label.accessibleName() == "Step 2 of 5: Noticing"
    assert window.phrase_label.accessibleName() == TEXTS.notice
    assert TEXTS.notice in window.accessibleDescription()
    assert window.guide.caption.accessibleName() == "Breathe in"
    assert window.guide.circle.accessibleName() == "Breathing guide"


def test_opened_by_a_reminder_it_does_not_take_the_keyboard(
    make_window: MakeWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    activations: list[str] = []
    monkeypatch.setattr(BreakWindow, "activateWindow", lambda self: activations.append("x"))
    window = make_window(trigger=Trigger.REMINDER)
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert activations == []


def test_opened_on_request_it_takes_focus(make_window: MakeWindow, qtbot: QtBot) -> None:
    editor = QLineEdit()
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    window = make_window(trigger=Trigger.REQUEST)
    assert not window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


# -- looks ------------------------------------------------------------------------------------


def test_phrases_are_shown_as_plain_text(make_window: MakeWindow) -> None:
    sneaky = "Be <b>gentle</b> & kind <img src='x'>"
    window = make_window(texts=BreakTexts(sneaky, "n", "a", "k", "t", "c"))
    assert window.phrase_label.textFormat() == Qt.TextFormat.PlainText
    assert window.phrase_label.text() == sneaky
    drawn = " ".join(window.phrase_label.lines(window.phrase_label.width()))
    assert drawn == sneaky


def test_a_two_line_phrase_is_balanced(make_window: MakeWindow) -> None:
    text = "Everyone struggles sometimes and you are not alone in this, not today"
    window = make_window(texts=BreakTexts(text, "n", "a", "k", "t", "c"))
    lines = window.phrase_label.lines(window.phrase_label.width())
    assert len(lines) == 2
    assert " ".join(lines) == text
    metrics = window.phrase_label.fontMetrics()
    widths = [metrics.horizontalAdvance(line) for line in lines]
    assert abs(widths[0] - widths[1]) < max(widths) / 3


def test_window_is_small_titled_on_top_and_centred(make_window: MakeWindow) -> None:
    window = make_window()
    assert window.windowTitle() == "A minute for you"
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert 420 <= window.width() <= 520 and 300 <= window.height() <= 400
    screen = window.screen().availableGeometry()
    assert abs(window.geometry().center().x() - screen.center().x()) <= 2
    assert abs(window.geometry().center().y() - screen.center().y()) <= 2


@pytest.mark.parametrize(("theme", "colors"), [("light", LIGHT), ("dark", DARK)])
def test_theme_setting_picks_the_palette(
    make_window: MakeWindow, theme: str, colors: bw.Colors
) -> None:
    window = make_window(theme=theme)
    assert window.palette().color(QPalette.ColorRole.Window) == QColor(colors.background)
    assert window.palette().color(QPalette.ColorRole.WindowText) == QColor(colors.text)


# -- sound ------------------------------------------------------------------------------------


def test_sound_without_qtmultimedia_is_silently_skipped(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # import fails
    window = make_window(sound=True)
    received = results_of(window)
    for _ in range(6):
        window.advance()
    assert [r.outcome for r in received] == ["completed"]


def test_no_chime_unless_sound_is_on(make_window: MakeWindow) -> None:
    assert make_window(sound=False)._chime is None


def test_script_matches_the_window(make_window: MakeWindow) -> None:
    window = make_window(length_seconds=45, mood_check_in=True)
    assert window.script == build_script(TEXTS, 45, mood_check_in=True)


def test_the_qt_binding_keeps_none_alive(make_window: MakeWindow) -> None:
    # PySide6 6.12.0 on Python 3.11 lost a reference to None on every void call: a break
    # window (a few thousand calls a minute) then crashed the process. Guard the pin.
    window = make_window()
    before = sys.getrefcount(None)
    for _ in range(200):
        window.guide.circle.update()
        window.phrase_label.setText(TEXTS.notice)
    assert sys.getrefcount(None) >= before - 20


def test_two_lines_break_where_the_sentence_pauses(make_window: MakeWindow) -> None:
    text = "Everyone struggles sometimes. You are not alone in this."
    window = make_window(texts=BreakTexts(text, "n", "a", "k", "t", "c"))
    assert window.phrase_label.lines(window.phrase_label.width()) == [
        "Everyone struggles sometimes.",
        "You are not alone in this.",
    ]


def test_the_chime_ships_with_the_package() -> None:
    assert find_resource("sounds", "chime.wav").read_bytes()[:4] == b"RIFF"


def test_starting_again_does_not_restart_the_break(make_window: MakeWindow) -> None:
    window = make_window()
    window.advance()
    window.start()
    assert window.step_label.text() == "Noticing"
