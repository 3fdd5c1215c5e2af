"""From a declared setting to the control that edits it, by the setting's kind.

``control_for`` is the one place that knows which control shows which kind of value (a
number, a switch, a choice, a set of days or needs, a time, an optional time). A ``Control``
reads the raw TOML value a user could have written and shows a model value; the windows
place it, label it from the declaration and let the core judge what it reads. The settings
dialog's rows ask for ``rows=True``: a switch instead of a check box with words, a time picker
instead of a typed time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from typing import Any

from PySide6.QtCore import QPointF, Qt, QTime, SignalInstance
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QSizePolicy, QSpinBox, QWidget

from kindtray.core.settings import KeySpec, Kind
from kindtray.core.settings_keys import DAYS
from kindtray.i18n import _, ngettext
from kindtray.ui.widgets.day_picker import ChoiceButton, DayPicker
from kindtray.ui.widgets.mnemonic import ButtonGroup
from kindtray.ui.widgets.switch import Switch
from kindtray.ui.widgets.switch_row import SwitchRow
from kindtray.ui.widgets.time_field import TimeField
from kindtray.ui.widgets.time_picker import TimePicker

# What "Wind down from" offers when it is switched on with no time yet.
_WIND_DOWN_OFFERED = time(21, 30)


@dataclass
class Control:
    """One setting's control: the widget to place, where focus goes, how to read and show."""

    widget: QWidget
    focus: QWidget
    read: Callable[[], object]
    show: Callable[[Any], None]
    signals: tuple[SignalInstance, ...]

    def on_change(self, slot: Callable[..., object]) -> None:
        """Call ``slot`` whenever the user changes the value."""
        for signal in self.signals:
            signal.connect(slot)


def control_for(spec: KeySpec, *, why_not: str = "", rows: bool = False) -> Control:
    """Build the control for ``spec``; ``why_not`` disables a switch and says why.

    ``rows``: the settings dialog's look (a switch with no words of its own, a time picker).
    """
    if spec.kind is Kind.NUMBER:
        return _number(spec)
    if spec.kind is Kind.CHOICE:
        return _choice(spec)
    if spec.kind is Kind.SWITCH and rows:
        pill = Switch(spec.name, spec.title, why_not=why_not)
        return Control(pill, pill, pill.isChecked, pill.setChecked, (pill.toggled,))
    if spec.kind is Kind.SWITCH:
        switch = SwitchRow(_(spec.text), spec.name, why_not=why_not)
        return Control(switch, switch, switch.isChecked, switch.setChecked, (switch.toggled,))
    if spec.kind is Kind.SUBSET and spec.choices == DAYS:
        days = DayPicker()
        days.setObjectName(spec.name)
        # The picker, not Monday's button, is what a label points at (see DayPicker).
        return Control(days, days, days.value, days.set_value, (days.changed,))
    if spec.kind is Kind.SUBSET:
        return _choice_grid(spec)
    if spec.kind is Kind.TIME and rows:
        picker = TimePicker(spec.name, spec.title)
        return Control(picker, picker, picker.raw, picker.set_time, (picker.timeChanged,))
    if spec.kind is Kind.TIME:
        field = TimeField(spec.name, spec.title)
        return Control(field, field, field.raw, field.set_time, (field.textChanged,))
    return _optional_time(spec)


def _number(spec: KeySpec) -> Control:
    spin = QSpinBox()
    # Wide on purpose: the core, not the widget, says what is allowed, with its message.
    spin.setRange(0, 9999)
    spin.setPrefix(_(spec.prefix) if spec.prefix else "")
    if spec.unit:
        # The unit follows the number's plural form: "1 minute", "10 minutes".
        spin.valueChanged.connect(lambda value: spin.setSuffix(unit_text(spec.unit, value)))
        spin.setSuffix(unit_text(spec.unit, spin.value()))
    spin.setObjectName(spec.name)
    spin.setKeyboardTracking(True)
    spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return Control(spin, spin, spin.value, spin.setValue, (spin.valueChanged,))


def unit_text(unit: str, count: int) -> str:
    """A declared unit (" minutes") in the form for ``count``, with its leading space."""
    # Translators: units after a number in a field, with their leading space.
    if unit == " minutes":
        return ngettext(" minute", " minutes", count)
    if unit == " seconds":
        return ngettext(" second", " seconds", count)
    if unit == " breaths a minute":
        return ngettext(" breath a minute", " breaths a minute", count)
    return _(unit)


class ChoiceBox(QComboBox):
    """A drop-down list of choices with a plain chevron of its own.

    A style sheet that rounds the box takes away the style's arrow; this one draws a small
    chevron in the text colour instead of an image file.
    """

    def paintEvent(self, event: QPaintEvent) -> None:
        """The box as the style draws it, then the chevron at the right end."""
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = self.palette().color(QPalette.ColorRole.ButtonText)
        if not self.isEnabled():
            color.setAlphaF(0.5)
        painter.setPen(QPen(color, 1.6))
        size = max(4.0, self.fontMetrics().height() / 4)
        x = self.width() - 14 - size
        y = self.height() / 2 - size / 2
        painter.drawPolyline([QPointF(x, y), QPointF(x + size, y + size), QPointF(x + 2 * size, y)])
        painter.end()


def _choice(spec: KeySpec) -> Control:
    combo = ChoiceBox()
    combo.setObjectName(spec.name)
    for choice in spec.choices:
        combo.addItem(_(spec.choice_labels.get(choice, choice)), choice)
    view = combo.view()
    if view is not None:  # the list that drops down, named for screen readers too
        view.setAccessibleName(_("{setting}: choices").format(setting=spec.title))

    def show(value: Any) -> None:
        combo.setCurrentIndex(max(0, combo.findData(value)))

    return Control(combo, combo, combo.currentData, show, (combo.currentIndexChanged,))


def _choice_grid(spec: KeySpec) -> Control:
    """Buttons that stay pressed in, three to a line, one per choice (the needs)."""
    grid_widget = ButtonGroup()
    grid_widget.setObjectName(spec.name)
    grid = QGridLayout(grid_widget)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setSpacing(6)
    buttons: dict[str, ChoiceButton] = {}
    singular = spec.name.removesuffix("s")  # "need_calm" for the key "needs"
    for index, choice in enumerate(spec.choices):
        # No mnemonic: an Alt+letter must never press a choice in or out.
        words = _(spec.choice_labels.get(choice, choice)).replace("&", "")
        button = ChoiceButton(words, f"{singular}_{choice}", words)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        grid.addWidget(button, index // 3, index % 3)
        buttons[choice] = button
    for column in range(3):
        grid.setColumnStretch(column, 1)
    # A label points at the grid; the focus goes on to the first choice.
    grid_widget.first_button = buttons[spec.choices[0]]

    def read() -> object:
        return [c for c in spec.choices if buttons[c].isChecked()]

    def show(value: Any) -> None:
        for choice, button in buttons.items():
            button.setChecked(choice in value)

    signals = tuple(button.toggled for button in buttons.values())
    return Control(grid_widget, grid_widget, read, show, signals)


def _optional_time(spec: KeySpec) -> Control:
    """A switch and, beside it, the time it turns on (the wind-down time)."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(12)
    picker = TimePicker(spec.name, spec.title)
    picker.setTime(QTime(_WIND_DOWN_OFFERED.hour, _WIND_DOWN_OFFERED.minute))
    pill = Switch(f"{spec.name}_on", _("{setting}: on or off").format(setting=spec.title))
    layout.addWidget(picker)
    layout.addWidget(pill)

    def read() -> object:
        return picker.raw() if pill.isChecked() else ""

    def show(value: Any) -> None:
        picker.set_time(value)
        pill.setChecked(value is not None)
        picker.setEnabled(value is not None)

    pill.toggled.connect(picker.setEnabled)
    return Control(row, pill, read, show, (pill.toggled, picker.timeChanged))
