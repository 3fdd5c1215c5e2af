"""The break window's parts for the other practices: a choice, the practice chooser, help.

Owns how a choice step's options (a soothing touch, or words to hear), the row that changes
the practice on a break's first step, and the words about human help look. It decides
nothing: the window hands each part what to show (from ``core/break_script.py``) and passes
its picks to the step machine (``session/break_flow.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kindtray.core.break_script import HELP_TEXT, TOUCH_CHOICES, WORD_CHOICES, Choice
from kindtray.core.history import Practice
from kindtray.i18n import N_, _
from kindtray.session.break_words import practice_description
from kindtray.ui.break_widgets import balance_lines

#: Each practice's name in the chooser, with its Alt-key letter.
#: Marked for the catalog here, translated where they are shown (the language can change).
PRACTICE_LABELS: Final = {
    # Translators: the practices in the row on a break's first step; the letter after & is
    # its Alt key, and the three letters differ.
    Practice.MINUTE: N_("&One minute"),
    Practice.LOVING_KINDNESS: N_("&Loving-kindness"),
    Practice.WIND_DOWN: N_("&Wind down"),
}
CHOOSER_NAME: Final = N_("Choose the practice")
# Translators: the button that leaves a practice for a short grounding: feet, sounds, an end.
GROUND_ME: Final = N_("Ground me")
GROUND_ME_HELP: Final = N_("Feet on the floor, five sounds, then a gentle end. G key.")
#: The most options any choice step offers (all buttons are made at once, so the window can
#: give each one its keys and place it in the Tab order).
MAX_CHOICES: Final = max(WORD_CHOICES, len(TOUCH_CHOICES))
# Room a choice button leaves around its words (padding and the focus ring).
_BUTTON_SPARE_PX: Final = 44


class ChoicePanel(QWidget):
    """A step's question, and under it its options as large buttons; a click or key 1-n picks.

    The options stand one under the other, all as wide as the widest.
    """

    chosen = Signal(str)  # the option's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: list[QPushButton] = []
        self._choices: tuple[Choice, ...] = ()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._layout.addStretch(1)
        self.prompt = QLabel(self)
        self.prompt.setObjectName("choicePrompt")
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setWordWrap(True)
        self._layout.addWidget(self.prompt)
        self._layout.addSpacing(4)
        for index in range(MAX_CHOICES):
            button = QPushButton(self)
            button.setObjectName("choiceButton")
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _=False, i=index: self._pick(i))
            button.hide()
            self._layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            self.buttons.append(button)
        self._layout.addStretch(1)
        for first, second in zip(self.buttons, self.buttons[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.setAccessibleName(_("Choices"))

    @property
    def choices(self) -> tuple[Choice, ...]:
        """The options on show."""
        return self._choices

    def set_choices(self, prompt: str, choices: Sequence[Choice], font: QFont, width: int) -> None:
        """Show ``prompt`` and ``choices``; words wider than ``width`` pixels take two lines."""
        self.prompt.setText(balance_lines(prompt, QFontMetrics(self.prompt.font()), width))
        self.prompt.setAccessibleName(prompt)
        self._choices = tuple(choices)[:MAX_CHOICES]
        metrics = QFontMetrics(font)
        count = len(self._choices)
        for index, button in enumerate(self.buttons):
            if index >= count:
                button.hide()
                continue
            option = self._choices[index]
            button.setFont(font)
            button.setText(balance_lines(option.label, metrics, width - _BUTTON_SPARE_PX))
            button.setAccessibleName(option.label)
            button.setAccessibleDescription(
                _("Choice {number} of {count}. Key {number}.").format(number=index + 1, count=count)
            )
            button.show()
        shown = self.buttons[:count]
        widest = max((button.sizeHint().width() for button in shown), default=0)
        for button in shown:
            button.setMinimumWidth(min(widest, width))

    def _pick(self, index: int) -> None:
        if index < len(self._choices):
            self.chosen.emit(self._choices[index].id)


class PracticeChooser(QWidget):
    """The practices a break may be, as a row of quiet toggles; the current one is checked.

    Shown on a break's first step only. Tab reaches it, Alt and a letter too (O, L, W).
    """

    chosen = Signal(object)  # a Practice

    def __init__(self, practices: Sequence[Practice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[Practice, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addStretch(1)
        for practice in practices:
            label = _(PRACTICE_LABELS[practice])
            button = QPushButton(label, self)
            button.setObjectName("practiceButton")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setAccessibleName(label.replace("&", ""))
            button.setAccessibleDescription(practice_description(practice))
            button.clicked.connect(lambda _=False, p=practice: self.chosen.emit(p))
            self._group.addButton(button)
            self.buttons[practice] = button
            row.addWidget(button)
        row.addStretch(1)
        self.setAccessibleName(_(CHOOSER_NAME))
        self.setAccessibleDescription(_("Change the practice for this break, if you like."))

    def practice_for_key(self, letter: str) -> Practice | None:
        """The practice whose Alt-key letter is ``letter`` (any case), if any."""
        for practice, button in self.buttons.items():
            label = button.text()
            if "&" not in label[:-1]:
                continue
            marked = label[label.index("&") + 1]
            if marked.casefold() == letter.casefold():
                return practice
        return None

    def set_current(self, practice: Practice) -> None:
        """Check the practice that is on."""
        button = self.buttons.get(practice)
        if button is not None:
            button.setChecked(True)


def help_label(font: QFont, parent: QWidget) -> QLabel:
    """The words about where to find human help, quiet and wrapped, read by screen readers."""
    label = QLabel(_(HELP_TEXT), parent)
    label.setObjectName("helpText")
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setAccessibleName(_(HELP_TEXT))
    return label
