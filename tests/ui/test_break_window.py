"""The break window: the guided minute as a user meets it, by mouse, keyboard and screen reader.

Time is driven, never waited for: the step timer's interval is checked against the script and
``advance()`` does what the timer would; the pacer reads a FakeClock.
"""

from __future__ import annotations

import dataclasses
import gc
import sys
import tomllib
import weakref
from array import array
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import QAbstractAnimation, QCoreApplication, QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QProgressBar, QWidget
from pytestqt.qtbot import QtBot

from kindtray.assets import find_resource
from kindtray.core.break_script import BreakResult, BreakScript, BreakTexts, build_script
from kindtray.core.clock import FakeClock
from kindtray.core.history import Trigger
from kindtray.core.settings import BreakSettings
from kindtray.session.break_flow import MOOD_PATIENCE_MS
from kindtray.ui import break_window as bw
from kindtray.ui.break_window import DARK, FAREWELL, LIGHT, TITLE, BreakWindow
from kindtray.ui.memory import release_memory

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
    size = guide.circle.size_fraction  # the circle stays, still
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
    assert guide.circle.size_fraction == size
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
    for _ in range(10):  # while the question is open
        key(qtbot, window, Qt.Key.Key_Tab)
        reached.append(window.focusWidget())
    window.choose_mood(3)
    for _ in range(3):  # and after it
        key(qtbot, window, Qt.Key.Key_Tab)
        reached.append(window.focusWidget())
    expected = [*window.mood_panel.buttons, window.mood_panel.skip_button]
    expected += [window.skip_button, window.not_now_button]
    assert set(expected) <= set(reached)
    for control in expected:
        assert control.accessibleName(), control
        assert control.accessibleDescription(), control.accessibleName()
    assert window.step_dots.accessibleName() == "Step 1 of 5"


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


# -- issue 15: focus, a steady layout, progress, the mood question ---------------------------

ONE_AND_TWO_LINES = BreakTexts(
    arrive="Pause for a moment.",
    notice="If something hurts right now, it makes sense that it does, and that is human.",
    not_alone="Others feel this too.",
    kindness="May I be gentle with myself.",
    touch="You might rest a hand on your heart and feel its warmth for a few breaths.",
    closing="Thank you for this minute.",
)


def _contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio of two colours."""

    def luminance(color: QColor) -> float:
        def linear(part: float) -> float:
            return part / 12.92 if part <= 0.03928 else ((part + 0.055) / 1.055) ** 2.4

        red, green, blue = (linear(c) for c in (color.redF(), color.greenF(), color.blueF()))
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _colors(image: QImage, rect: QRect | None = None) -> Counter[int]:
    """How often each colour (0xRRGGBB) appears in ``rect`` of ``image`` (all of it)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rect = image.rect() if rect is None else rect.intersected(image.rect())
    data, stride = bytes(image.constBits()), image.bytesPerLine()
    counts: Counter[int] = Counter()
    for y in range(rect.top(), rect.bottom() + 1):
        row = data[y * stride + rect.left() * 4 : y * stride + (rect.right() + 1) * 4]
        counts.update(value & 0xFFFFFF for value in array("I", row))
    return counts


def _color(value: int) -> QColor:
    return QColor((value >> 16) & 255, (value >> 8) & 255, value & 255)


def _ring_pixels(widget: QWidget, accent: str) -> int:
    """Pixels in the widget's outer 3 px band that are the accent colour (its focus ring)."""
    image = widget.grab().toImage()
    width, height, band = image.width(), image.height(), round(3 * image.devicePixelRatio())
    edges = [
        QRect(0, 0, width, band),
        QRect(0, height - band, width, band),
        QRect(0, band, band, height - 2 * band),
        QRect(width - band, band, band, height - 2 * band),
    ]
    want = QColor(accent)
    count = 0
    for edge in edges:
        for value, times in _colors(image, edge).items():
            color = _color(value)
            near = max(
                abs(color.red() - want.red()),
                abs(color.green() - want.green()),
                abs(color.blue() - want.blue()),
            )
            count += times if near <= 24 else 0
    return count


def _ink_top(window: BreakWindow, widget: QWidget) -> int:
    """The window row where ``widget``'s drawn text begins (the first row off its page)."""
    image = window.grab().toImage()
    page = window.palette().color(QPalette.ColorRole.Window)
    box = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    for y in range(box.top(), box.bottom() + 1):
        row = QRect(box.left(), y, box.width(), 1)
        if any(_contrast(_color(value), page) > 1.5 for value in _colors(image, row)):
            return y
    raise AssertionError("nothing drawn")


def _active(qtbot: QtBot, window: BreakWindow) -> BreakWindow:
    """Wait until ``window`` has the keyboard (as a break on request gets it)."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


@pytest.mark.parametrize("mood", [True, False])
def test_a_control_shows_the_focus_as_the_window_opens(
    make_window: MakeWindow, qtbot: QtBot, mood: bool
) -> None:
    window = _active(qtbot, make_window(mood_check_in=mood, theme="light"))
    expected = window.mood_panel.buttons[0] if mood else window.skip_button
    assert window.focusWidget() is expected
    assert expected.isVisible() and expected.hasFocus()
    assert _ring_pixels(expected, LIGHT.accent) >= expected.width() + expected.height()
    if mood:
        # Answered by mouse, the focused choice goes away: the focus moves on, still seen.
        QTest.mouseClick(window.mood_panel.buttons[2], Qt.MouseButton.LeftButton)
        assert window.focusWidget() is window.skip_button
        assert _ring_pixels(window.skip_button, LIGHT.accent) > 0


@pytest.mark.parametrize(("theme", "colors"), [("light", LIGHT), ("dark", DARK)])
def test_the_focus_is_one_accent_ring_without_the_platform_highlight(
    make_window: MakeWindow, qtbot: QtBot, qapp: QApplication, theme: str, colors: bw.Colors
) -> None:
    # The desktop's highlight (a bright magenta here, so nothing of ours resembles it) must
    # not show: Fusion draws a pale box of it inside the ring once Tab moved the focus.
    before = QPalette(qapp.palette())
    loud = QPalette(before)
    loud.setColor(QPalette.ColorRole.Highlight, QColor("#FF00FF"))
    qapp.setPalette(loud)
    try:
        window = _active(qtbot, make_window(mood_check_in=True, theme=theme))
        seen: list[QWidget] = []

        def look_at_focus() -> None:
            focused = window.focusWidget()
            seen.append(focused)
            drawn = [_color(value) for value in _colors(focused.grab().toImage())]
            pinkish = [
                c.name() for c in drawn if 270 <= c.hsvHue() <= 345 and c.hsvSaturation() >= 12
            ]
            assert pinkish == [], focused.accessibleName()
            assert _ring_pixels(focused, colors.accent) >= focused.width(), focused.accessibleName()

        for _ in range(7):
            key(qtbot, window, Qt.Key.Key_Tab)
            look_at_focus()
        key(qtbot, window, Qt.Key.Key_3)
        for _ in range(2):
            key(qtbot, window, Qt.Key.Key_Tab)
            look_at_focus()
        controls = [*window.mood_panel.buttons, window.mood_panel.skip_button]
        controls += [window.not_now_button, window.skip_button]
        assert set(controls) <= set(seen)
    finally:
        qapp.setPalette(before)


@pytest.mark.parametrize("reduced", ["off", "on"])
def test_the_phrase_keeps_its_place_from_step_to_step(
    make_window: MakeWindow, reduced: str
) -> None:
    window = make_window(mood_check_in=True, reduced_motion=reduced, texts=ONE_AND_TWO_LINES)
    tops: dict[str, int] = {}

    def look() -> None:
        window.fade.setCurrentTime(window.fade.duration())
        QApplication.processEvents()
        tops[window.phrase_label.text()] = _ink_top(window, window.phrase_label)

    look()  # arriving, the question open
    window.choose_mood(3)
    while window.flow.current_step is not None and not window.flow.awaiting_mood:
        look()
        window.advance()
    look()  # closing, the question open again
    assert len(tops) == 6  # every phrase, one and two lines long
    assert max(tops.values()) - min(tops.values()) <= 1, tops


def test_a_line_never_ends_on_a_word_that_leans_on_the_next(make_window: MakeWindow) -> None:
    window = make_window()
    label = window.phrase_label
    for text in (
        "Whatever you feel right now is allowed to be here.",
        "Would a hand on your heart feel good right now?",
        "If something hurts right now, it makes sense that it does.",
    ):
        label.setText(text)
        # Narrow enough for two lines, whatever the font: the choice of break is the test.
        lines = label.lines(round(label.fontMetrics().horizontalAdvance(text) * 0.7))
        assert len(lines) == 2 and " ".join(lines) == text
        assert not lines[0].endswith((" right", " your")), lines


def test_every_library_phrase_fits_in_two_lines(make_window: MakeWindow) -> None:
    library = tomllib.loads(find_resource("phrases", "en.toml").read_text(encoding="utf-8"))
    window = make_window()
    label = window.phrase_label
    width = label.contentsRect().width()
    phrases = [text for group in library.values() for text in group.values()]
    assert len(phrases) > 100
    for text in phrases:
        label.setText(text)
        lines = label.lines(width, label.fitted_font(width))
        assert len(lines) <= 2 and " ".join(lines) == text, lines
        assert not any(line.endswith(" right") for line in lines), lines


def test_reduced_motion_leaves_no_empty_hole(make_window: MakeWindow) -> None:
    window = make_window(reduced_motion="on", theme="light")
    window.advance()  # noticing: the breath in words
    QApplication.processEvents()
    image = window.grab().toImage()
    page = QColor(LIGHT.background).rgb() & 0xFFFFFF
    top = window.step_label.geometry().bottom()
    bottom = window.phrase_label.geometry().top()
    longest = run = 0
    for y in range(top, bottom):
        blank = set(_colors(image, QRect(0, y, image.width(), 1))) == {page}
        run = run + 1 if blank else 0
        longest = max(longest, run)
    assert longest < 40, f"{longest} empty rows between the step name and the phrase"


def test_the_mood_choices_are_large_and_easy_to_read(make_window: MakeWindow) -> None:
    window = make_window(mood_check_in=True)
    base = window.font().pointSizeF()
    for button in window.mood_panel.buttons:
        assert button.width() >= 64 and button.height() >= 64, button.text()
        assert button.iconSize().width() >= 36
        assert button.font().pointSizeF() >= base * 1.05


def test_progress_is_one_quiet_dot_per_step_of_the_script(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def three_steps(texts: BreakTexts, length: int, **options: Any) -> BreakScript:
        script = build_script(texts, length, **options)
        return dataclasses.replace(script, steps=(*script.steps[:2], script.steps[-1]))

    five = make_window().step_dots
    assert (five.count, five.current) == (5, 0)
    monkeypatch.setattr(bw, "build_script", three_steps)
    window = make_window()
    dots = window.step_dots
    assert (dots.count, dots.current, dots.accessibleName()) == (3, 0, "Step 1 of 3")
    window.skip_step()
    assert (dots.current, dots.accessibleName()) == (1, "Step 2 of 3")
    window.skip_step()
    assert window.step_label.accessibleName() == "Step 3 of 3: Closing"
    assert window.skip_button.text() == "Done"
    assert window.findChildren(QProgressBar) == []  # nothing that fills up or counts down


def test_passing_the_question_and_moving_on_are_told_apart(make_window: MakeWindow) -> None:
    window = make_window(mood_check_in=True)
    passing, going_on, leaving = (
        window.mood_panel.skip_button,
        window.skip_button,
        window.not_now_button,
    )
    words = [passing.text(), going_on.text(), leaving.text()]
    assert len(set(words)) == 3
    assert not any("skip" in word.lower() for word in words), words
    # While the question is open, answering it or passing it is the way on.
    assert passing.isVisible() and passing.parent() is window.mood_panel
    assert not going_on.isVisible()
    passing.click()
    assert window.flow.mood_before is None and going_on.isVisible()
    # "Not now" and "Next" sit at opposite ends of the bottom row.
    assert leaving.geometry().right() < window.width() / 2 < going_on.geometry().left()


@pytest.mark.parametrize(("theme", "colors"), [("light", LIGHT), ("dark", DARK)])
def test_every_text_is_drawn_at_4_5_to_1_or_more(
    make_window: MakeWindow, theme: str, colors: bw.Colors
) -> None:
    window = make_window(mood_check_in=True, theme=theme)
    checked = 0

    def check_texts() -> None:
        nonlocal checked
        window.fade.setCurrentTime(window.fade.duration())
        QApplication.processEvents()
        image = window.grab().toImage()
        for widget in window.findChildren(QWidget):
            text = getattr(widget, "text", lambda: "")()
            if not isinstance(text, str) or not text or not widget.isVisible():
                continue
            counts = _colors(image, QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()))
            ground = _color(counts.most_common(1)[0][0])
            ink = max((_color(value) for value in counts), key=lambda c: _contrast(c, ground))
            assert _contrast(ink, ground) >= 4.5, (text, ink.name(), ground.name())
            checked += 1

    check_texts()  # the question
    window.choose_mood(2)
    window.advance()
    clock_free_caption = window.guide.caption.text()
    assert clock_free_caption  # "Breathe in" is shown and checked
    check_texts()
    window.end_gently()
    check_texts()  # the farewell
    assert checked >= 15


# -- memory -------------------------------------------------------------------------------


def test_a_closed_window_is_freed_without_waiting_for_the_garbage_collector(
    qtbot: QtBot, clock: FakeClock
) -> None:
    """A reference cycle through the window kept every closed one (and its cross-fade
    picture) until a full collection, which a quiet tray app may not run for hours."""
    settings = BreakSettings(mood_check_in=False, reduced_motion="off")
    window = BreakWindow(TEXTS, settings, clock, trigger=Trigger.REQUEST)
    window.start()
    qtbot.waitExposed(window)
    window.skip_step()  # cross-fades: the overlay takes a picture of the window
    window.close()
    gc.collect()
    gc.disable()
    try:
        dead = weakref.ref(window)
        window.deleteLater()
        QCoreApplication.sendPostedEvents(window, QEvent.Type.DeferredDelete)
        del window
        release_memory()
        assert dead() is None
        assert gc.collect() == 0  # nothing closed is left in a cycle, release_memory included
    finally:
        gc.enable()
