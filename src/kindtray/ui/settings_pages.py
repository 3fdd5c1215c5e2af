"""The settings dialog's pages: one row per declared setting, grouped as the declaration says.

What this module owns: laying out the tabs, rows, labels, helper lines and error places of
the settings dialog, from ``kindtray.core.settings_keys.KEYS`` and the shared controls of
``kindtray.ui.widgets``. What it must not do: judge values, save, or open anything itself;
the dialog does, through the callbacks it passes in.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kindtray.core.settings import KeySpec, Kind, Page
from kindtray.core.settings_keys import KEYS
from kindtray.paths import Paths
from kindtray.ui.widgets import DayPicker, control_for, login_why_not

SOUND_MISSING = "Not available here: this system has no sound player kindtray can use."

_LINE_LENGTH = 70


def sound_available() -> bool:
    """Return True if this system has a player for the chime (see kindtray.system.sound)."""
    from kindtray.system.sound import find_player

    return find_player() is not None


def fill(text: str) -> str:
    """Break text into lines of at most about 70 characters (paths are never split).

    Labels get their line breaks here instead of from QLabel's word wrap: a wrapped label
    inside a tab page reports too little height, and its last line is cut off at 200 %.
    """
    return "\n".join(
        textwrap.fill(line, _LINE_LENGTH, break_long_words=False, break_on_hyphens=False)
        for line in text.splitlines()
    )


@dataclass
class Field:
    """One setting's control: how to read its raw value, how to show a value, where errors go."""

    read: Callable[[], object]
    show: Callable[[Any], None]
    error: QLabel
    label: QLabel | None
    focus: QWidget


class SettingsPages(QTabWidget):
    """The dialog's tabs; ``fields`` maps each dotted key to its control and error place.

    Signals, not callbacks, reach the dialog: a child holding the dialog's methods would keep
    both alive in a reference cycle after the dialog is closed and deleted.
    """

    open_phrases_file = Signal()
    open_folder = Signal(object)

    def __init__(self, paths: Paths, *, has_sound: bool, login_supported: bool) -> None:
        super().__init__()
        self.setDocumentMode(True)
        self._paths = paths
        self._has_sound = has_sound
        self._login_supported = login_supported
        self.fields: dict[str, Field] = {}
        self.secondary_labels: list[QLabel] = []
        self.day_pickers: list[DayPicker] = []
        self.signals: list[SignalInstance] = []  # every control's "the user changed me"
        for page in Page:
            self.addTab(self._build_page(page), page.value)

    def _build_page(self, page_id: Page) -> QWidget:
        """One row per declared setting of this page; keys that share a label share a row."""
        page, form = _page()
        specs = [spec for spec in KEYS if spec.page is page_id]
        for spec in specs:
            if spec.key in self.fields:
                continue
            together = [s for s in specs if s.label == spec.label]
            if len(together) == 2 and all(s.kind is Kind.TIME for s in together):
                self._add_time_range(form, *together)
                continue
            if len(together) > 1 and all(s.kind is Kind.SWITCH for s in together):
                self._add_switch_group(form, together)
                continue
            why_not = self._why_not(spec)
            control = control_for(spec, why_not=why_not)
            self.signals.extend(control.signals)
            if isinstance(control.widget, DayPicker):
                self.day_pickers.append(control.widget)
            widget = control.widget
            if spec.kind in (Kind.NUMBER, Kind.CHOICE):
                widget = _left(widget)
            self._add_custom_row(
                form,
                spec.label,
                spec.key,
                widget,
                control.focus,
                control.read,
                control.show,
                why_not or spec.hint,
            )
        if page_id is Page.PHRASES:
            self._add_phrases_file_row(form)
        if page_id is Page.SYSTEM:
            self._add_folder_rows(form)
        return page

    def _why_not(self, spec: KeySpec) -> str:
        """Why a switch cannot work here, or "" when it can."""
        if spec.key == "break.sound" and not self._has_sound:
            return SOUND_MISSING
        if spec.key == "system.start_at_login":
            return login_why_not(self._login_supported)
        return ""

    def _add_time_range(self, form: QFormLayout, first: KeySpec, second: KeySpec) -> None:
        """Two times on one row ("09:00 until 18:00"), with one label, error and hint."""
        hours = QWidget()
        hours_layout = QHBoxLayout(hours)
        hours_layout.setContentsMargins(0, 0, 0, 0)
        start = control_for(first)
        end = control_for(second)
        until = QLabel("&until")
        until.setBuddy(end.focus)
        hours_layout.addWidget(start.widget)
        hours_layout.addWidget(until)
        hours_layout.addWidget(end.widget)
        hours_layout.addStretch(1)
        error = _error_label()
        label = QLabel(first.label)
        label.setBuddy(start.focus)
        hint = self._secondary(QLabel(first.hint)) if first.hint else None
        form.addRow(label, _block(hours, error, hint))
        for spec, control in ((first, start), (second, end)):
            self.signals.extend(control.signals)
            self.fields[spec.key] = Field(control.read, control.show, error, label, control.focus)

    def _add_switch_group(self, form: QFormLayout, specs: list[KeySpec]) -> None:
        """Switches under one label ("Don't interrupt me when"), with one error and hint."""
        controls = [control_for(spec) for spec in specs]
        column = QWidget()
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        for control in controls:
            column_layout.addWidget(control.widget)
        error = _error_label()
        label = QLabel(specs[0].label)
        label.setBuddy(controls[0].focus)
        hint = next((s.hint for s in specs if s.hint), None)
        form.addRow(label, _block(column, error, self._secondary(QLabel(hint)) if hint else None))
        for spec, control in zip(specs, controls, strict=True):
            self.signals.extend(control.signals)
            control.focus.setAccessibleName(spec.title)
            self.fields[spec.key] = Field(control.read, control.show, error, label, control.focus)

    def _add_phrases_file_row(self, form: QFormLayout) -> None:
        open_phrases = QPushButton("Open my phrases &file")
        open_phrases.setObjectName("open_phrases")
        open_phrases.clicked.connect(self.open_phrases_file)
        form.addRow(
            "Your own phrases",
            _block(
                _left(open_phrases),
                self._secondary(QLabel("Add phrases in your own words; kindtray mixes them in.")),
            ),
        )

    def _add_folder_rows(self, form: QFormLayout) -> None:
        for title, folder, text, name, what in (
            (
                "Settings",
                self._paths.config_dir,
                "Open settings &folder",
                "open_config",
                "Your settings and your own phrases.",
            ),
            (
                "History",
                self._paths.data_dir,
                "Open &history folder",
                "open_data",
                "The private record of your breaks. It never leaves this computer.",
            ),
            (
                "Log",
                self._paths.state_dir,
                "Open lo&g folder",
                "open_state",
                "The log and what kindtray remembers between runs, such as a pause.",
            ),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _=False, f=folder: self.open_folder.emit(f))
            where = self._secondary(QLabel(f"{what}\n{folder}"))
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(title, _block(_left(button), where))

    # -- building blocks -------------------------------------------------------------------

    def _add_custom_row(
        self,
        form: QFormLayout,
        title: str,
        key: str,
        widget: QWidget,
        focus: QWidget,
        read: Callable[[], object],
        show: Callable[[Any], None],
        helper: str | None,
    ) -> None:
        label = QLabel(title)
        label.setBuddy(focus)
        if not focus.accessibleName():
            focus.setAccessibleName(title.replace("&", ""))
        error = _error_label()
        helper_label = self._secondary(QLabel(helper)) if helper else None
        # The problem goes right under the field, above the helper text.
        form.addRow(label, _block(widget, error, helper_label))
        self.fields[key] = Field(read, show, error, label, focus)

    def _secondary(self, label: QLabel) -> QLabel:
        label.setText(fill(label.text()))
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 0.92)
        label.setFont(font)
        self.secondary_labels.append(label)
        return label


# -- layout helpers -----------------------------------------------------------------------


def _page() -> tuple[QWidget, QFormLayout]:
    page = QWidget()
    form = QFormLayout(page)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    form.setVerticalSpacing(14)
    return page, form


def _block(*widgets: QWidget | None) -> QWidget:
    block = QWidget()
    layout = QVBoxLayout(block)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(3)
    for widget in widgets:
        if widget is not None:
            layout.addWidget(widget)
    return block


def _left(widget: QWidget) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    layout.addStretch(1)
    return row


def _error_label() -> QLabel:
    label = QLabel()
    label.setAccessibleName("Problem")
    label.hide()
    return label
