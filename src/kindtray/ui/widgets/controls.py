"""From a declared setting to the control that edits it, by the setting's kind.

``control_for`` is the one place that knows which control shows which kind of value (a
number, a switch, a choice, a set of days or needs, a time, an optional time). A ``Control``
reads the raw TOML value a user could have written and shows a model value; the windows
place it, label it from the declaration and let the core judge what it reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QSpinBox, QWidget

from kindtray.core.settings import KeySpec, Kind
from kindtray.core.settings_keys import DAYS
from kindtray.ui.widgets.day_picker import DayPicker
from kindtray.ui.widgets.switch_row import SwitchRow
from kindtray.ui.widgets.time_field import TimeField

# What "Wind down from" offers when it is switched on with an empty field.
_WIND_DOWN_OFFERED = "21:30"


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


def control_for(spec: KeySpec, *, why_not: str = "") -> Control:
    """Build the control for ``spec``; ``why_not`` disables a switch and says why."""
    if spec.kind is Kind.NUMBER:
        return _number(spec)
    if spec.kind is Kind.CHOICE:
        return _choice(spec)
    if spec.kind is Kind.SWITCH:
        switch = SwitchRow(spec.text, spec.name, why_not=why_not)
        return Control(switch, switch, switch.isChecked, switch.setChecked, (switch.toggled,))
    if spec.kind is Kind.SUBSET and spec.choices == DAYS:
        days = DayPicker()
        return Control(days, days.first, days.value, days.set_value, (days.changed,))
    if spec.kind is Kind.SUBSET:
        return _check_grid(spec)
    if spec.kind is Kind.TIME:
        field = TimeField(spec.name, spec.title)
        return Control(field, field, field.raw, field.set_time, (field.textChanged,))
    return _optional_time(spec)


def _number(spec: KeySpec) -> Control:
    spin = QSpinBox()
    # Wide on purpose: the core, not the widget, says what is allowed, with its message.
    spin.setRange(0, 9999)
    spin.setSuffix(spec.unit)
    spin.setPrefix(spec.prefix)
    spin.setObjectName(spec.name)
    spin.setKeyboardTracking(True)
    return Control(spin, spin, spin.value, spin.setValue, (spin.valueChanged,))


def _choice(spec: KeySpec) -> Control:
    combo = QComboBox()
    combo.setObjectName(spec.name)
    for choice in spec.choices:
        combo.addItem(spec.choice_labels.get(choice, choice), choice)

    def show(value: Any) -> None:
        combo.setCurrentIndex(max(0, combo.findData(value)))

    return Control(combo, combo, combo.currentData, show, (combo.currentIndexChanged,))


def _check_grid(spec: KeySpec) -> Control:
    grid_widget = QWidget()
    grid = QGridLayout(grid_widget)
    grid.setContentsMargins(0, 0, 0, 0)
    boxes: dict[str, SwitchRow] = {}
    singular = spec.name.removesuffix("s")  # "need_calm" for the key "needs"
    for index, choice in enumerate(spec.choices):
        box = SwitchRow(spec.choice_labels.get(choice, choice), f"{singular}_{choice}")
        grid.addWidget(box, index // 3, index % 3)
        boxes[choice] = box
    grid.setColumnStretch(3, 1)
    grid.setHorizontalSpacing(18)

    def read() -> object:
        return [c for c in spec.choices if boxes[c].isChecked()]

    def show(value: Any) -> None:
        for choice, box in boxes.items():
            box.setChecked(choice in value)

    signals = tuple(box.toggled for box in boxes.values())
    return Control(grid_widget, boxes[spec.choices[0]], read, show, signals)


def _optional_time(spec: KeySpec) -> Control:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    switch = SwitchRow(spec.text, f"{spec.name}_on")
    field = TimeField(spec.name, spec.title)
    layout.addWidget(switch)
    layout.addWidget(field)
    layout.addStretch(1)

    def toggled(on: bool) -> None:
        field.setEnabled(on)
        if on and not field.raw():
            field.setText(_WIND_DOWN_OFFERED)

    switch.toggled.connect(toggled)

    def read() -> object:
        return field.raw() if switch.isChecked() else ""

    def show(value: Any) -> None:
        field.set_time(value)
        switch.setChecked(value is not None)
        field.setEnabled(value is not None)

    return Control(row, switch, read, show, (switch.toggled, field.textChanged))
