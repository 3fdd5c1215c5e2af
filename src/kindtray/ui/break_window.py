"""The break window: every practice on screen, with a breathing pacer, mood taps and choices.

Owns how the break looks and answers the keyboard and mouse. It decides nothing: the order
of steps, beats, mood questions and the farewell is ``session/break_flow.py``'s, what is said
and for how long is ``core/break_script.py``'s. The window renders the flow's state after each
input and forwards the user's input to it; when it closes it emits the flow's one
``BreakResult`` for whoever keeps the history.

Timing: one single-shot QTimer armed for the flow's ``wait_ms``; tests call ``advance()``
(what the timer does) instead of waiting. The pacer (``ui/break_widgets.py``) redraws only
while the window is visible and a breathing step is on.

Layout: the header (step name and one dot per step), the centre (pacer, mood question or
farewell, all in one fixed place), the phrase in a reserved two-line box, and the buttons:
"Not now" at the left, "Next" at the right. Every part keeps its place from step to step,
hidden buttons included. Everything shown comes from the script's steps (their number, names,
beats, whether they ask the mood), so a practice with other steps needs no change here.

Focus: a visible control always holds the keyboard focus (the first mood choice while the
question is open, otherwise "Next"), drawn as one ring in the accent colour.

The other practices (``ui/practice_widgets.py``): a choice step shows its options in the
centre (keys 1-n); "Ground me" sits between the two buttons at every step of a practice that
offers it (key G); on a break's first step a row under the dots changes the practice (Tab, or
Alt and its letter); a step that says where to find help shows those words in the centre.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QObject,
    QSize,
    Qt,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kindtray.core.break_script import (
    CHOOSABLE,
    MOODS,
    BreakResult,
    BreakScript,
    BreakTexts,
    breath_pattern,
    build_script,
)
from kindtray.core.clock import Clock
from kindtray.core.history import Outcome, Practice, Trigger
from kindtray.core.settings import BreakSettings
from kindtray.i18n import N_, _
from kindtray.session.break_flow import BreakFlow, Change
from kindtray.session.break_words import practice_description, translated_script
from kindtray.ui.activation import bring_forward
from kindtray.ui.break_widgets import (
    BreathGuide,
    FadeOverlay,
    MoodPanel,
    PhraseLabel,
    StepDots,
    center_on_mouse_screen,
)
from kindtray.ui.chime import Chime
from kindtray.ui.practice_widgets import (
    GROUND_ME,
    GROUND_ME_HELP,
    ChoicePanel,
    PracticeChooser,
    help_label,
)
from kindtray.ui.theme import DARK, LIGHT, Colors, colors_for, set_roles, window_roles
from kindtray.ui.windows import make_timer, name_window, scaled_fonts

__all__ = ["BreakResult", "BreakWindow", "Colors", "DARK", "LIGHT"]

# Marked for the catalog here, translated where they are shown (the language can change).
TITLE = N_("A minute for you")
FAREWELL = N_("That's fine \N{EM DASH} see you later.")
# Translators: the button that goes on to the next step of the break.
NEXT = N_("Next")
# Translators: the button that ends the break on its last step.
DONE = N_("Done")
# Translators: the quiet button that ends the break early, at any step.
NOT_NOW = N_("Not now")
FADE_MS = 400
WINDOW_SIZE = QSize(480, 360)
SIDE_MARGIN = 24


def wants_reduced_motion(setting: str) -> bool:
    """Return whether to replace motion with text ("system" asks Qt 6.11+, else no)."""
    if setting in ("on", "off"):
        return setting == "on"
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:  # Qt before 6.11 does not know the desktop's preference
        return False
    preference = getattr(accessibility(), "motionPreference", None)
    reduced = getattr(getattr(Qt, "MotionPreference", None), "ReducedMotion", None)
    return preference is not None and reduced is not None and preference() == reduced


class BreakWindow(QWidget):
    """The guided minute.

    ``take_focus``: whether it takes the keyboard focus; by default only a break on request
    does (``Trigger.REQUEST``). The app passes True for every break, since each is opened by
    the person (a click on "Start break" in a reminder too). ``finished`` emits exactly one
    ``BreakResult`` when the window closes, however it closes.

    ``texts``: the words of the guided minute, or a whole practice's script.
    ``practices``: makes the script of another practice; when given (and the break is one
    of the choosable practices) its first step offers the practice chooser.
    """

    finished = Signal(object)

    def __init__(
        self,
        texts: BreakTexts | BreakScript,
        settings: BreakSettings,
        clock: Clock,
        *,
        trigger: Trigger,
        take_focus: bool | None = None,
        practices: Callable[[Practice], BreakScript] | None = None,
    ) -> None:
        # Always a window of its own, above the others: nothing is ever a break's parent.
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self._clock = clock
        self.trigger = trigger
        # Asked for: it may take the focus.
        self._on_request = trigger is Trigger.REQUEST if take_focus is None else take_focus
        # The practice's own words in the current language (the phrases already are).
        self.script: BreakScript = translated_script(
            texts
            if isinstance(texts, BreakScript)
            else build_script(
                texts,
                settings.length_seconds,
                mood_check_in=settings.mood_check_in,
                breath=breath_pattern(settings.breaths_per_minute),
            )
        )
        self.reduced_motion = wants_reduced_motion(settings.reduced_motion)
        self.colors = colors_for(settings.theme)
        self.flow = BreakFlow(self.script, clock)
        self._practices = practices if self.script.practice in CHOOSABLE else None

        name_window(
            self,
            "breakWindow",
            self.script.title,
            practice_description(self.script.practice),
        )
        # A reminder must never take the keyboard from what the user is typing.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, not self._on_request)
        # Tab moves between the controls only: the window itself shows no focus, so it never
        # takes it from them (the keys still reach it from whichever control has it).
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._build()
        self._apply_colors()
        if settings.theme == "system":
            QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)

        self.beat_timer = make_timer(self, self.advance, single_shot=True)
        self.farewell_timer = make_timer(self, self.advance, single_shot=True)
        self.fade = QVariantAnimation(self)
        self.fade.setDuration(FADE_MS)
        self.fade.setStartValue(1.0)
        self.fade.setEndValue(0.0)
        self.fade.setEasingCurve(QEasingCurve.Type.InOutSine)
        self.fade.valueChanged.connect(self._overlay.set_opacity)
        self.fade.finished.connect(self._overlay.hide)
        self._chime = Chime(settings.volume_percent) if settings.sound else None

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        # Reduced motion: the words alone carry the breath, so its caption is a little larger.
        caption = 1.15 if self.reduced_motion else 1.0
        small, phrase_font, caption_font, question_font, mood_font = scaled_fonts(
            self, 0.95, 1.3, caption, 1.1, 1.05
        )

        self.step_label = QLabel(self)
        self.step_label.setObjectName("stepLabel")
        self.step_label.setFont(small)
        self.step_label.setTextFormat(Qt.TextFormat.PlainText)
        self.step_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.step_dots = StepDots(self.colors, self)
        self.chooser: PracticeChooser | None = None
        if self._practices is not None:
            self.chooser = PracticeChooser(CHOOSABLE, self)
            self.chooser.setFont(small)
            self.chooser.set_current(self.script.practice)
            self.chooser.chosen.connect(self.switch_practice)

        self.guide = BreathGuide(
            self.script.breath,
            self._clock,
            colors=self.colors,
            reduced_motion=self.reduced_motion,
            parent=self,
        )
        self.guide.caption.setFont(caption_font)
        self.mood_panel = MoodPanel(self)
        self.mood_panel.set_fonts(question_font, mood_font)
        self.mood_panel.chosen.connect(self.choose_mood)
        self.farewell_label = QLabel(self)
        self.farewell_label.setObjectName("farewell")
        self.farewell_label.setFont(phrase_font)
        self.farewell_label.setTextFormat(Qt.TextFormat.PlainText)
        self.farewell_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.farewell_label.setWordWrap(True)
        self.choice_panel = ChoicePanel(self)
        self.choice_panel.chosen.connect(self.choose)
        self.choice_panel.prompt.setFont(question_font)
        self._choice_font = mood_font
        self.help_label = help_label(question_font, self)
        self.center = QStackedWidget(self)
        self.center.addWidget(self.guide)
        self.center.addWidget(self.mood_panel)
        self.center.addWidget(self.farewell_label)
        self.center.addWidget(self.choice_panel)
        self.center.addWidget(self.help_label)

        self.phrase_label = PhraseLabel(self)
        self.phrase_label.setObjectName("phrase")
        self.phrase_label.setFont(phrase_font)
        self.phrase_label.setFixedHeight(self.phrase_label.two_line_height())

        # "Next" moves on through the break; "Not now" leaves it. Both keep their place when
        # hidden, so the row never shifts.
        self.skip_button = QPushButton(_(NEXT), self)
        self.skip_button.setObjectName("nextButton")
        self.skip_button.clicked.connect(self.skip_step)
        self.not_now_button = QPushButton(_(NOT_NOW), self)
        self.not_now_button.setObjectName("quietButton")
        self.not_now_button.setAccessibleName(_(NOT_NOW))
        self.not_now_button.setAccessibleDescription(_("End the break gently. Escape key."))
        self.not_now_button.clicked.connect(self.end_gently)
        # The way back to the here and now, at every step of a practice that offers it.
        self.ground_button = QPushButton(_(GROUND_ME), self)
        self.ground_button.setObjectName("groundButton")
        self.ground_button.setAccessibleName(_(GROUND_ME))
        self.ground_button.setAccessibleDescription(_(GROUND_ME_HELP))
        self.ground_button.clicked.connect(self.ground_me)
        self.ground_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.not_now_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ground_button)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        kept_places: list[QWidget] = [
            self.step_dots,
            self.skip_button,
            self.not_now_button,
            self.ground_button,
        ]
        if self.chooser is not None:
            kept_places.append(self.chooser)
        for kept in kept_places:
            policy = kept.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            kept.setSizePolicy(policy)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SIDE_MARGIN, 16, SIDE_MARGIN, 14)
        layout.setSpacing(0)
        layout.addWidget(self.step_label)
        layout.addSpacing(6)
        layout.addWidget(self.step_dots)
        if self.chooser is not None:
            layout.addSpacing(8)
            layout.addWidget(self.chooser)
        layout.addSpacing(8)
        layout.addWidget(self.center, 1)
        layout.addSpacing(10)
        layout.addWidget(self.phrase_label)
        layout.addSpacing(12)
        layout.addLayout(buttons)

        for button in self._buttons():
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.installEventFilter(self)
        QWidget.setTabOrder(self.mood_panel.buttons[-1], self.mood_panel.skip_button)
        QWidget.setTabOrder(self.mood_panel.skip_button, self.choice_panel.buttons[0])
        QWidget.setTabOrder(self.choice_panel.buttons[-1], self.not_now_button)
        QWidget.setTabOrder(self.not_now_button, self.ground_button)
        QWidget.setTabOrder(self.ground_button, self.skip_button)
        self._overlay = FadeOverlay(self)

        hint = self.sizeHint()
        self.resize(
            max(WINDOW_SIZE.width(), hint.width()), max(WINDOW_SIZE.height(), hint.height())
        )

    def _buttons(self) -> list[QAbstractButton]:
        chooser = list(self.chooser.buttons.values()) if self.chooser is not None else []
        return [
            *chooser,
            *self.mood_panel.buttons,
            self.mood_panel.skip_button,
            *self.choice_panel.buttons,
            self.not_now_button,
            self.ground_button,
            self.skip_button,
        ]

    def _apply_colors(self) -> None:
        c = self.colors
        set_roles(self, window_roles(c) | {QPalette.ColorRole.ButtonText: c.secondary})
        # "outline: none" removes the platform's own focus frame (a pale box in the desktop's
        # highlight colour, inside the ring): the accent ring alone shows the focus.
        self.setStyleSheet(
            f"""
            QLabel {{ color: {c.text}; background: transparent; }}
            QLabel#stepLabel, QLabel#breathCaption, QLabel#helpText {{ color: {c.secondary}; }}
            QPushButton, QToolButton {{
                color: {c.secondary}; background: transparent; outline: none;
                border: 2px solid transparent; border-radius: 10px; padding: 5px 16px;
            }}
            QPushButton#nextButton {{ color: {c.text}; background: {c.surface}; }}
            QPushButton#choiceButton {{
                color: {c.text}; background: {c.surface}; border-radius: 14px;
                padding: 7px 18px;
            }}
            QPushButton#practiceButton {{ padding: 2px 10px; border-radius: 8px; }}
            QPushButton#practiceButton:checked {{ color: {c.text}; background: {c.surface}; }}
            QPushButton#groundButton {{ color: {c.text}; }}
            QToolButton#moodButton {{
                color: {c.text}; background: {c.surface};
                border-radius: 14px; padding: 8px 4px 6px 4px;
            }}
            QPushButton:hover, QToolButton:hover {{ background: {c.surface}; color: {c.text}; }}
            QPushButton#nextButton:hover, QToolButton#moodButton:hover,
            QPushButton#choiceButton:hover,
            QPushButton:pressed, QToolButton:pressed {{
                background: {c.pressed}; color: {c.text};
            }}
            QPushButton:focus, QToolButton:focus {{ border-color: {c.accent}; color: {c.text}; }}
            """
        )
        step = self.flow.current_step
        self.guide.set_colors(c, warm=step is not None and step.warm)
        self.step_dots.set_colors(c)
        self.mood_panel.set_colors(c, self.devicePixelRatioF())

    def _on_scheme_changed(self, _scheme: object) -> None:
        self.colors = colors_for("system")
        self._apply_colors()

    # -- the flow of the break: BreakFlow decides, the window shows --------------------------

    def start(self, activation_token: str | None = None) -> None:
        """Show the window on the screen with the mouse and begin the first step.

        Calling it again while the break runs only brings the window forward (when the
        break was asked for), with the desktop's ``activation_token`` if the request carried
        one; the break does not restart.
        """
        if self.flow.started:
            if self._on_request and self.flow.result is None:
                bring_forward(self, activation_token)
            return
        center_on_mouse_screen(self)
        self._render(self.flow.start(), fade=False)
        self.show()
        if self._on_request:
            bring_forward(self, activation_token)
        if self._chime is not None:
            self._chime.play()

    def advance(self) -> None:
        """Move on as the step timer does: next beat, next step, or the end."""
        self._render(self.flow.advance())

    def skip_step(self) -> None:
        """Go to the next step now (the last step's skip completes the break)."""
        self._render(self.flow.skip_step())

    def end_gently(self) -> None:
        """End early: say it is fine, then close after a moment."""
        self._render(self.flow.end_gently())

    def choose_mood(self, level: int | None) -> None:
        """Record the mood tap (1..5, None = skipped) and let the step's time begin."""
        self._render(self.flow.choose_mood(level))

    def choose(self, choice_id: str) -> None:
        """Take one option of the step's choice (a touch, or the words to hear)."""
        self._render(self.flow.choose(choice_id))

    def ground_me(self) -> None:
        """Leave the practice for the grounding steps: feet, five sounds, a gentle end."""
        self._render(self.flow.ground_me())

    def switch_practice(self, practice: Practice) -> None:
        """Change the practice while on the first step (the chooser's buttons)."""
        if self._practices is None or not self.flow.can_switch:
            return
        if practice is self.flow.script.practice or practice not in CHOOSABLE:
            return
        script = translated_script(self._practices(practice))
        change = self.flow.switch_practice(script)
        if change is Change.NONE:
            return
        self.script = script
        self.guide.set_pattern(script.breath)
        name_window(self, "breakWindow", script.title, practice_description(practice))
        if self.chooser is not None:
            self.chooser.set_current(practice)
        self._render(change)

    def _render(self, change: Change, *, fade: bool = True) -> None:
        """Show what ``change`` changed, and arm the timer for the flow's next move."""
        if change is Change.NONE:
            return
        if change is Change.FINISHED:
            self._show_finish()
            return
        if fade:
            self._begin_fade()
        if change is Change.FAREWELL:
            self._show_farewell()
        elif change is Change.STEP:
            self._show_step()
        elif change in (Change.MOOD_ANSWERED, Change.CHOSEN):
            self._show_center()
        self._show_beat()
        self.beat_timer.stop()
        self.farewell_timer.stop()
        wait = self.flow.wait_ms
        if wait is not None:
            (self.farewell_timer if self.flow.farewell else self.beat_timer).start(wait)
        self._keep_focus_visible()

    def _position(self) -> tuple[int, int]:
        """The step's place among its steps: the practice's, or the grounding's."""
        if self.flow.grounding:
            return self.flow.ground_index, len(self.script.grounding)
        return self.flow.step_index, len(self.script.steps)

    def _show_step(self) -> None:
        step = self.flow.current_step
        assert step is not None
        index, total = self._position()
        self.step_label.setText(step.label)
        self.step_label.setAccessibleName(
            # Translators: read by screen readers above the step dots; {name} is the step's.
            _("Step {number} of {count}: {name}").format(
                number=index + 1, count=total, name=step.label
            )
        )
        self.step_dots.set_step(index, total)
        last = self.flow.is_last_step
        self.skip_button.setText(_(DONE) if last else _(NEXT))
        self.skip_button.setAccessibleName(_(DONE) if last else _(NEXT))
        self.skip_button.setAccessibleDescription(
            _("Finish the break.") if last else _("Go on to the next step. Right arrow key.")
        )
        if step.own_pace and not last:
            self.skip_button.setAccessibleDescription(
                _("Go on when you are ready. Right arrow key.")
            )
        self.not_now_button.setVisible(not last and not self.flow.grounding)
        self.ground_button.setVisible(self.flow.can_ground)
        if self.chooser is not None:
            self.chooser.setVisible(self.flow.can_switch)
        self.guide.set_colors(self.colors, warm=step.warm)
        self._show_center()

    def _show_farewell(self) -> None:
        self.guide.rest()
        self.farewell_label.setText(_(FAREWELL))
        self.farewell_label.setAccessibleName(_(FAREWELL))
        self.center.setCurrentWidget(self.farewell_label)
        self.step_label.setText("")
        self.step_label.setAccessibleName("")
        self.step_dots.hide()
        self._set_phrase("")
        self.skip_button.hide()
        self.not_now_button.hide()
        self.ground_button.hide()
        if self.chooser is not None:
            self.chooser.hide()
        self.setAccessibleDescription(_(FAREWELL))

    def _keep_focus_visible(self) -> None:
        # The focus always rests on a control the person can see (its ring shows where the
        # keys go): when the focused one disappears, or none has it yet, the first mood
        # choice takes it while the question is open, otherwise "Next". During the farewell
        # no control is left, and the window keeps the keys (Esc closes).
        # (Qt hands the focus to the new page itself when a stacked page with it goes.)
        focused = self.focusWidget()
        options = self.choice_panel.buttons[: len(self.choice_panel.choices)]
        if self.flow.awaiting_choice and options and focused not in options:
            # A choice opens with its first option in focus: one key picks, Tab looks around.
            options[0].setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if focused in self._buttons() and focused is not None and focused.isVisibleTo(self):
            return
        if self.flow.awaiting_mood:
            self.mood_panel.buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.flow.awaiting_choice and self.choice_panel.buttons:
            self.choice_panel.buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.skip_button.isVisibleTo(self):
            self.skip_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_center(self) -> None:
        step = self.flow.current_step
        if step is None:
            return
        # While the question is open, answering it (or "Rather not say") is the way on:
        # "Next" steps aside so the two never compete.
        self.skip_button.setVisible(not self.flow.awaiting_mood)
        if self.flow.awaiting_mood:
            self.center.setCurrentWidget(self.mood_panel)
            self.guide.rest()
        elif self.flow.awaiting_choice:
            width = self.width() - 2 * SIDE_MARGIN
            prompt = step.beats[0].text
            self.choice_panel.set_choices(prompt, step.choices, self._choice_font, width)
            self.center.setCurrentWidget(self.choice_panel)
            self.guide.rest()
        elif step.offers_help:
            # Where to find human help: said plainly, in the pacer's place, with no motion.
            self.center.setCurrentWidget(self.help_label)
            self.guide.rest()
        else:
            self.center.setCurrentWidget(self.guide)
            if step.breathing:
                self.guide.breathe()
            else:
                self.guide.rest()

    def _show_beat(self) -> None:
        step, beat = self.flow.current_step, self.flow.current_beat
        if step is None or beat is None:
            return
        # While a choice is open its words stand above the options, not under them, and the
        # options may use the phrase's room.
        self._set_phrase("" if self.flow.awaiting_choice else beat.text)
        self.phrase_label.setVisible(not self.flow.awaiting_choice)
        index, total = self._position()
        # Translators: what a screen reader hears at each beat; {name} is the step's name,
        # {words} what the step says.
        said = _("Step {number} of {count}, {name}: {words}").format(
            number=index + 1, count=total, name=step.label, words=beat.text
        )
        if step.offers_help and not self.flow.awaiting_choice:
            said += " " + self.help_label.text()
        self.setAccessibleDescription(said)

    def _set_phrase(self, text: str) -> None:
        self.phrase_label.setText(text)
        self.phrase_label.setAccessibleName(text)

    def _begin_fade(self) -> None:
        """Lay a picture of the current look over the window and fade it out."""
        if self.reduced_motion or not self.isVisible():
            return
        self.fade.stop()
        self._overlay.hide()
        self._overlay.show_picture(self.grab())
        self.fade.start()

    def _show_finish(self) -> None:
        result = self.flow.result
        assert result is not None
        self.beat_timer.stop()
        self.farewell_timer.stop()
        self.fade.stop()
        self.guide.rest()
        if result.outcome is Outcome.COMPLETED and self._chime is not None:
            self._chime.play()
        self.close()
        self.finished.emit(result)

    # -- events -------------------------------------------------------------------------------

    def closeEvent(self, event: QEvent) -> None:
        """Closing the window any other way ends the break early (and is fine)."""
        self._render(self.flow.close())
        super().closeEvent(event)  # type: ignore[arg-type]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc ends gently, Right goes on, 1-5 answer a question or pick a choice, G grounds."""
        if not self._handle_key(event):
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Catch the break's keys before a focused button turns them into focus moves."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if self._handle_key(event):
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(
                watched, QAbstractButton
            ):
                watched.click()  # Enter activates like Space, on every button
                return True
        return super().eventFilter(watched, event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self._render(self.flow.escape())
            return True
        if key == Qt.Key.Key_Right and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.skip_step()
            return True
        if key == Qt.Key.Key_G and self.flow.can_ground:
            self.ground_me()
            return True
        if event.modifiers() == Qt.KeyboardModifier.AltModifier and self.chooser is not None:
            # Alt and a practice's letter, also where the desktop does not deliver mnemonics.
            practice = self.chooser.practice_for_key(event.text() or chr(int(key) & 0xFF))
            if practice is not None and self.chooser.isVisible():
                self.switch_practice(practice)
                return True
        digit = int(key) - Qt.Key.Key_0.value
        if self.flow.awaiting_mood and 1 <= digit <= len(MOODS):
            self.choose_mood(digit)
            return True
        choices = self.choice_panel.choices
        if self.flow.awaiting_choice and 1 <= digit <= len(choices):
            self.choose(choices[digit - 1].id)
            return True
        return False
