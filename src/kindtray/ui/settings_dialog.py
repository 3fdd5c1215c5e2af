"""The settings dialog: every preference on one calm page per group, saved through the core.

What this module owns: showing the settings, turning each control into the raw TOML value a
user could have written, and showing the core's verdict on it. What it must not do: decide
which values are allowed (``kindtray.core.settings.validate_value`` does), write files itself
(``SettingsStore`` and ``Autostart`` do), or plan reminders (the preview only asks
``kindtray.core.schedule.upcoming``).

OK saves and closes, Apply saves, Cancel closes without touching any file. After every
successful save ``applied`` carries the new Settings so the tray can re-plan at once.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kindtray.core.clock import Clock, SystemClock
from kindtray.core.files import SaveError, atomic_write, ensure_private_dir
from kindtray.core.phrases import REMINDER_GROUP, STEP_GROUPS
from kindtray.core.schedule import upcoming
from kindtray.core.settings import (
    DAYS,
    KEYS,
    KEYS_BY_NAME,
    NEEDS,
    KeySpec,
    Kind,
    Page,
    Settings,
    validate_value,
)
from kindtray.core.settings_store import SettingsStore
from kindtray.core.state import State, StateStore
from kindtray.paths import Paths, default_paths
from kindtray.system.autostart import Autostart, default_autostart
from kindtray.ui.theme import day_button_style, desktop_is_dark, paint, pair_for
from kindtray.ui.widgets import DAY_NAMES, DayPicker, control_for

# -- words ------------------------------------------------------------------------------------

SOUND_MISSING = (
    "Not available here: the chime needs Qt Multimedia (the PySide6-Addons package), "
    "which is not installed."
)

PHRASES_EXAMPLE = f"""\
# Your own kind phrases for kindtray.
#
# kindtray mixes these in with its own. A line with a mistake is skipped, never fatal;
# "kindtray phrases" tells you what is wrong with it.
#
# Write a group in square brackets, then one line per phrase: a short id of letters,
# digits, - and _, then =, then your words in quotes (one line, under 90 characters).
# Groups for the kind phrase of a break, by need:
#   {", ".join(NEEDS)}
# Groups for the steps of a break and for reminders:
#   {", ".join((*STEP_GROUPS, REMINDER_GROUP))}
#
# To use the example, remove the "# " at the start of its lines and change the words.
#
# [warmth]
# my-own-words = "I can be a good friend to myself today."
#
# [reminder]
# tea = "Tea and a slow breath?"
"""

_PREVIEW_COUNT = 3
_LINE_LENGTH = 70


def sound_available() -> bool:
    """Return True if Qt Multimedia can be imported (the chime needs it)."""
    try:
        importlib.import_module("PySide6.QtMultimedia")
    except ImportError:
        return False
    return True


def fill(text: str) -> str:
    """Break text into lines of at most about 70 characters (paths are never split).

    Labels get their line breaks here instead of from QLabel's word wrap: a wrapped label
    inside a tab page reports too little height, and its last line is cut off at 200 %.
    """
    return "\n".join(
        textwrap.fill(line, _LINE_LENGTH, break_long_words=False, break_on_hyphens=False)
        for line in text.splitlines()
    )


def describe_upcoming(times: Sequence[datetime], now: datetime, more: bool) -> str:
    """Say when the next reminders come, e.g. ``Next reminders: today 11:04, 12:37 …``.

    The day is named once, where it changes: "today", "tomorrow", a weekday within the week
    ahead, otherwise a date.
    """
    if not times:
        return "No reminders are planned with these choices (no active days)."
    parts: list[str] = []
    last_day = None
    for when in times:
        day = when.date()
        stamp = when.strftime("%H:%M")
        if day != last_day:
            stamp = f"{_day_name(day, now)} {stamp}"
            last_day = day
        parts.append(stamp)
    return "Next reminders: " + ", ".join(parts) + (" …" if more else "")


def _day_name(day: Any, now: datetime) -> str:
    today = now.date()
    if day == today:
        return "today"
    if day == today + timedelta(days=1):
        return "tomorrow"
    if day < today + timedelta(days=7):
        return str(DAY_NAMES[DAYS[day.weekday()]][0])
    return f"{DAY_NAMES[DAYS[day.weekday()]][0]} {day.day} {day.strftime('%b')}"


@dataclass
class _Field:
    """One setting's control: how to read its raw value, how to show a value, where errors go."""

    read: Callable[[], object]
    show: Callable[[Any], None]
    error: QLabel
    label: QLabel | None
    focus: QWidget


class SettingsDialog(QDialog):
    """Every preference, validated by the core, saved atomically through the store."""

    applied = Signal(object)

    def __init__(
        self,
        store: SettingsStore,
        paths: Paths,
        clock: Clock,
        state_provider: Callable[[], State],
        autostart: Autostart,
        parent: QWidget | None = None,
        *,
        open_url: Callable[[QUrl], bool] | None = None,
        has_sound: bool | None = None,
    ) -> None:
        """Build the dialog from the file on disk and the real start-at-login state.

        Args:
            store: reads and writes the settings file.
            paths: where the user's files are (for the folder buttons and the phrases file).
            clock: the time for the preview.
            state_provider: returns the scheduler's current state (pause, snooze, anchor).
            autostart: the platform's start-at-login entry.
            parent: an optional parent window.
            open_url: opens a file or folder (default: the desktop's handler); for tests.
            has_sound: whether the chime can play (default: whether Qt Multimedia imports).
        """
        super().__init__(parent)
        self.setWindowTitle("kindtray settings")
        self.setObjectName("kindtraySettings")
        self._store = store
        self._paths = paths
        self._clock = clock
        self._state_provider = state_provider
        self._autostart = autostart
        self._open_url = open_url or QDesktopServices.openUrl
        self._has_sound = sound_available() if has_sound is None else has_sound
        self._fields: dict[str, _Field] = {}
        self._secondary_labels: list[QLabel] = []
        self._day_pickers: list[DayPicker] = []
        self._restored = False
        self._showing = False

        loaded = store.load()
        self._writable = loaded.writable
        self._autostart_on = autostart.supported and autostart.is_enabled()
        # The checkbox shows the real entry; the setting follows it (saved on OK/Apply).
        self._initial = loaded.settings.with_value("system.start_at_login", self._autostart_on)

        self._tabs = QTabWidget()
        self._tabs.setDocumentMode(True)
        for page in Page:
            self._tabs.addTab(self._build_page(page), page.value)

        self._preview = QLabel()
        self._preview.setContentsMargins(0, 6, 0, 0)
        self._preview.setObjectName("preview")
        self._preview.setAccessibleName("Preview of the next reminders")
        self._status = QLabel()
        self._status.setObjectName("status")
        self._status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._status.setAccessibleName("Message")
        self._status.hide()

        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self._ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._apply = self._buttons.button(QDialogButtonBox.StandardButton.Apply)
        self._apply.setText("&Apply")
        self._defaults = self._buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self._defaults.setText("Restore &defaults")
        self._ok.clicked.connect(self._on_ok)
        self._apply.clicked.connect(self._on_apply)
        self._defaults.clicked.connect(self._ask_restore_defaults)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self._tabs)
        layout.addWidget(self._preview)
        layout.addWidget(self._status)
        layout.addWidget(self._buttons)

        self._show_settings(self._initial)
        if loaded.messages:
            self._set_status("\n".join(loaded.messages), error=not loaded.writable)
        if not loaded.writable:
            self._set_status(
                "\n".join(loaded.messages)
                + "\nChanges made here cannot be saved until that file is fixed or moved away.",
                error=True,
            )
        self._apply_colours()
        self._refresh()
        self._fields["reminders.interval_minutes"].focus.setFocus()

    # -- pages ---------------------------------------------------------------------------

    def _build_page(self, page_id: Page) -> QWidget:
        """One row per declared setting of this page; keys that share a label share a row."""
        page, form = _page()
        specs = [spec for spec in KEYS if spec.page is page_id]
        for spec in specs:
            if spec.key in self._fields:
                continue
            together = [s for s in specs if s.label == spec.label]
            if len(together) == 2 and all(s.kind is Kind.TIME for s in together):
                self._add_time_range(form, *together)
                continue
            why_not = self._why_not(spec)
            control = control_for(spec, why_not=why_not)
            control.on_change(self._refresh)
            if isinstance(control.widget, DayPicker):
                self._day_pickers.append(control.widget)
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
        if spec.key == "system.start_at_login" and not self._autostart.supported:
            return "Starting at login is not supported on this system."
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
            control.on_change(self._refresh)
            self._fields[spec.key] = _Field(control.read, control.show, error, label, control.focus)

    def _add_phrases_file_row(self, form: QFormLayout) -> None:
        open_phrases = QPushButton("Open my phrases &file")
        open_phrases.setObjectName("open_phrases")
        open_phrases.clicked.connect(self._open_phrases_file)
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
            button.clicked.connect(lambda _=False, f=folder: self._open_folder(f))
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
        self._fields[key] = _Field(read, show, error, label, focus)

    def _secondary(self, label: QLabel) -> QLabel:
        label.setText(fill(label.text()))
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 0.92)
        label.setFont(font)
        self._secondary_labels.append(label)
        return label

    # -- reading and checking ------------------------------------------------------------------

    def _show_settings(self, settings: Settings) -> None:
        # One refresh at the end instead of one per control.
        self._showing = True
        try:
            for key, field in self._fields.items():
                field.show(settings.get(key))
        finally:
            self._showing = False

    def _collect(self) -> tuple[Settings | None, dict[str, str]]:
        """Return the settings the controls describe (None if any is invalid) and the errors."""
        settings = self._initial
        errors: dict[str, str] = {}
        for spec in KEYS:
            raw = self._fields[spec.key].read()
            message = validate_value(spec.key, raw)
            if message is not None:
                errors[spec.key] = message
            else:
                settings = settings.with_value(spec.key, KEYS_BY_NAME[spec.key].parse(raw))
        return (None if errors else settings), errors

    def current_settings(self) -> Settings | None:
        """The settings as edited so far, or None while a field is invalid."""
        return self._collect()[0]

    def _refresh(self, *_: object) -> None:
        if self._showing:
            return
        settings, errors = self._collect()
        by_label: dict[int, list[str]] = {}
        for key, field in self._fields.items():
            message = errors.get(key)
            field.focus.setAccessibleDescription(message or "")
            by_label.setdefault(id(field.error), [])
            if message:
                by_label[id(field.error)].append(message)
        for field in self._fields.values():
            messages = by_label[id(field.error)]
            field.error.setText(fill("\n".join(messages)))
            field.error.setVisible(bool(messages))
            if field.label is not None:
                field.label.setProperty("invalid", bool(messages))
        self._colour_labels()

        changed = settings is not None and (
            settings != self._store.settings
            or settings.system.start_at_login != self._autostart_on
            or self._restored
        )
        self._ok.setEnabled(settings is not None and self._writable)
        self._apply.setEnabled(bool(changed) and self._writable)
        self._preview.setText(self._preview_text(settings, errors))

    def _preview_text(self, settings: Settings | None, errors: dict[str, str]) -> str:
        if settings is None:
            # Say where the problem is: it may be on a page that is not showing.
            pages = []
            for index in range(self._tabs.count()):
                page = self._tabs.widget(index)
                if page is not None and any(
                    page.isAncestorOf(self._fields[key].focus) for key in errors
                ):
                    pages.append(self._tabs.tabText(index).replace("&", ""))
            return (
                "Next reminders: shown again once the marked fields on "
                + " and ".join(pages)
                + " are fixed."
            )
        now = self._clock.now()
        times = upcoming(settings, self._state_provider(), now, _PREVIEW_COUNT + 1)
        return describe_upcoming(times[:_PREVIEW_COUNT], now, len(times) > _PREVIEW_COUNT)

    # -- colours -------------------------------------------------------------------------

    def _apply_colours(self) -> None:
        secondary = pair_for(desktop_is_dark(self)).secondary
        for label in self._secondary_labels:
            paint(label, secondary, QPalette.ColorRole.WindowText)
        style = day_button_style(self)
        for picker in self._day_pickers:
            for button in picker.buttons.values():
                button.setStyleSheet(style)
        self._colour_labels()

    def _colour_labels(self) -> None:
        error = pair_for(desktop_is_dark(self)).warm
        text = self.palette().color(QPalette.ColorRole.WindowText)
        seen: set[int] = set()
        for field in self._fields.values():
            paint(field.error, error, QPalette.ColorRole.WindowText)
            if field.label is not None and id(field.label) not in seen:
                seen.add(id(field.label))
                invalid = bool(field.label.property("invalid"))
                paint(field.label, error if invalid else text, QPalette.ColorRole.WindowText)
        if not self._status.isHidden():
            colour = error if self._status.property("error") else text
            paint(self._status, colour, QPalette.ColorRole.WindowText)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        """Recolour helper and error text when the desktop switches light/dark."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._secondary_labels:
            self._apply_colours()

    def _set_status(self, text: str, *, error: bool) -> None:
        self._status.setText(fill(text))
        self._status.setProperty("error", error)
        self._status.setVisible(bool(text))
        self._colour_labels()

    # -- actions -------------------------------------------------------------------------

    def _save(self) -> bool:
        """Write what the controls say; return True if everything was saved."""
        settings = self.current_settings()
        if settings is None or not self._writable:
            return False
        want_login = settings.system.start_at_login
        if self._autostart.supported and want_login != self._autostart_on:
            try:
                if want_login:
                    self._autostart.enable()
                else:
                    self._autostart.disable()
            except OSError as exc:
                self._set_status(
                    f"Start at login could not be changed: {exc.strerror or exc}. "
                    "Nothing was saved; your choices are still here.",
                    error=True,
                )
                return False
            self._autostart_on = self._autostart.is_enabled()
        if settings != self._store.settings or self._restored:
            try:
                self._store.save(settings, write_all=self._restored)
            except SaveError as exc:
                self._set_status(
                    f"Your settings were not saved: {exc.strerror or exc}. "
                    "Your choices are still here; try again once that is fixed.",
                    error=True,
                )
                self._refresh()
                return False
        self._restored = False
        self._set_status("", error=False)
        self._refresh()
        self.applied.emit(settings)
        return True

    def _on_apply(self) -> None:
        self._save()

    def _on_ok(self) -> None:
        if self._save():
            self.accept()

    def _ask_restore_defaults(self) -> None:
        box = QMessageBox(self)
        box.setObjectName("confirmRestore")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Restore defaults")
        box.setText("Put every setting back to how kindtray started?")
        box.setInformativeText(
            "Nothing is saved until you press OK or Apply. Start at login stays as it is."
        )
        restore = box.addButton("&Restore defaults", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(restore)

        def answered(button: QAbstractButton) -> None:
            if button is restore:
                self.restore_defaults()

        box.buttonClicked.connect(answered)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def restore_defaults(self) -> None:
        """Show the defaults in every control (start at login stays); saving writes all keys."""
        current_login = self._fields["system.start_at_login"].read()
        defaults = Settings().with_value("system.start_at_login", current_login)
        self._show_settings(defaults)
        self._restored = True
        self._refresh()

    def _open_phrases_file(self) -> None:
        path = self._paths.phrases_file
        if not path.exists():
            try:
                atomic_write(path, PHRASES_EXAMPLE.encode("utf-8"))
            except SaveError as exc:
                self._set_status(f"Your phrases file could not be created: {exc}", error=True)
                return
        if not self._open_url(QUrl.fromLocalFile(str(path))):
            self._set_status(
                f"No program opened {path}. You can open it with any text editor.", error=False
            )

    def _open_folder(self, folder: Path) -> None:
        try:
            ensure_private_dir(folder)
        except OSError as exc:
            self._set_status(f"{folder} could not be created: {exc.strerror or exc}", error=True)
            return
        if not self._open_url(QUrl.fromLocalFile(str(folder))):
            self._set_status(f"No program opened {folder}.", error=False)


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


# -- opening ------------------------------------------------------------------------------


def show_settings_dialog(
    store: SettingsStore,
    paths: Paths,
    clock: Clock,
    state_provider: Callable[[], State],
    autostart: Autostart,
    parent: QWidget | None = None,
) -> SettingsDialog:
    """Show the settings dialog, or raise the one already open; return it.

    Needs a QApplication. The dialog is not modal (the tray keeps working) and is deleted
    when closed.
    """
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, SettingsDialog) and widget.isVisible():
            widget.raise_()
            widget.activateWindow()
            return widget
    dialog = SettingsDialog(store, paths, clock, state_provider, autostart, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def main(argv: Sequence[str] | None = None) -> int:
    """Open the settings dialog on its own: ``python -m kindtray.ui.settings_dialog``."""
    parser = argparse.ArgumentParser(prog="python -m kindtray.ui.settings_dialog")
    parser.add_argument("--config-dir", type=Path, metavar="DIR")
    args = parser.parse_args(argv)
    paths = default_paths(args.config_dir)
    clock = SystemClock()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    state_store = StateStore(paths.state_file, clock)
    show_settings_dialog(
        SettingsStore(paths.settings_file, clock),
        paths,
        clock,
        state_store.load,
        default_autostart(),
    )
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
