"""The settings dialog: every preference in calm boxed rows, page by page, saved through the core.

What this module owns: showing the settings, turning each control into the raw TOML value a
user could have written, and showing the core's verdict on it. What it must not do: decide
which values are allowed (``kindtray.core.settings.validate_value`` does), write files itself
(``SettingsStore`` and ``Autostart`` do), or plan reminders (the preview only asks
``kindtray.core.plan.upcoming``).

OK saves and closes, Apply saves, Cancel closes without touching any file. After every
successful save ``applied`` carries the new Settings so the tray can re-plan at once. It wears
the break window's palette, light or dark as the ``break.theme`` setting says, and changes it
as soon as that setting is changed here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kindtray.core.clock import Clock, SystemClock
from kindtray.core.phrases import REMINDER_GROUP, STEP_GROUPS
from kindtray.core.plan import upcoming
from kindtray.core.settings import Settings, validate_value
from kindtray.core.settings_keys import KEYS, KEYS_BY_NAME, NEEDS
from kindtray.core.state import State
from kindtray.i18n import N_, _, format_day, format_time, weekday_name
from kindtray.paths import Paths, default_paths
from kindtray.storage.files import SaveError, atomic_write, ensure_private_dir
from kindtray.storage.settings_store import SettingsStore
from kindtray.storage.state_store import StateStore
from kindtray.system.autostart import Autostart, default_autostart, switch
from kindtray.ui.settings_pages import ExtraPage, SettingsPages, sound_available
from kindtray.ui.theme import Colors, colors_for, set_roles, settings_roles, settings_style
from kindtray.ui.widgets import Switch, SwitchRow, TimePicker
from kindtray.ui.windows import name_window, scaled_fonts, show_one

# -- words ------------------------------------------------------------------------------------

# The example file stays English: its comments explain a file format whose group names and
# keys are English too.
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
# To hide a phrase (yours or kindtray's) or keep it as a favourite (it comes round about
# twice as often), list its id; Settings > My words does this for you and keeps your notes:
#   [hidden]
#   ids = ["calm-lake"]
#   [favourite]
#   ids = ["my-own-words"]
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
TITLE = N_("Settings")
_CONTENT_WIDTH = 600  # the page column, logical pixels: the same on every page


def describe_upcoming(times: Sequence[datetime], now: datetime, more: bool) -> str:
    """Say when the next reminders come, e.g. ``Next reminders: today 11:04, 12:37 …``.

    The day is named once, where it changes: "today", "tomorrow", a weekday within the week
    ahead, otherwise a date; times and days are written the locale's way.
    """
    if not times:
        return _("No reminders are planned with these choices (no active days).")
    parts: list[str] = []
    last_day = None
    for when in times:
        day = when.date()
        stamp = format_time(when)
        if day != last_day:
            stamp = _stamp_with_day(day, now, stamp)
            last_day = day
        parts.append(stamp)
    # Translators: the times of the next reminders, e.g. "today 11:04, 12:37".
    listed = _(", ").join(parts)
    if more:
        # Translators: {times} are the next reminders; the ellipsis says more follow.
        return _("Next reminders: {times} …").format(times=listed)
    return _("Next reminders: {times}").format(times=listed)


def _stamp_with_day(day: Any, now: datetime, time: str) -> str:
    today = now.date()
    if day == today:
        # Translators: in the list of next reminders; {time} is a clock time.
        return _("today {time}").format(time=time)
    if day == today + timedelta(days=1):
        return _("tomorrow {time}").format(time=time)
    if day < today + timedelta(days=7):
        # Translators: {weekday} is a short weekday name, {time} a clock time: "Mon 09:00".
        return _("{weekday} {time}").format(weekday=weekday_name(day), time=time)
    # Translators: {date} is a short date ("Mon 07 Dec"), {time} a clock time.
    return _("{date} {time}").format(date=format_day(day), time=time)


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
        extra_pages: tuple[ExtraPage, ...] | None = None,
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
            extra_pages: pages written by hand (default: ``settings_pages.EXTRA_PAGES``).
        """
        super().__init__(parent)
        scaled_fonts(self)
        # One title: the desktop shows the application's name beside it where it shows one.
        name_window(
            self, "kindtraySettings", _(TITLE), _("kindtray's settings, one page at a time.")
        )
        self._store = store
        self._paths = paths
        self._clock = clock
        self._state_provider = state_provider
        self._autostart = autostart
        self._open_url = open_url or QDesktopServices.openUrl
        self._has_sound = sound_available() if has_sound is None else has_sound
        self._restored = False
        self._showing = False
        self._fitted = False

        loaded = store.load()
        self._writable = loaded.writable
        self._autostart_on = autostart.supported and autostart.is_enabled()
        # The switch shows the real entry; the setting follows it (saved on OK/Apply).
        self._initial = loaded.settings.with_value("system.start_at_login", self._autostart_on)
        self._theme = self._initial.break_.theme
        self.colors: Colors = colors_for(self._theme)

        self._tabs = SettingsPages(
            paths,
            has_sound=self._has_sound,
            login_supported=autostart.supported,
            extra_pages=extra_pages,
        )
        for signal in self._tabs.signals:
            signal.connect(self._refresh)
        self._tabs.open_phrases_file.connect(self._open_phrases_file)
        self._tabs.open_folder.connect(self._open_folder)
        self._tabs.copy_text.connect(self._copy)
        self._fields = self._tabs.fields

        self._preview = QLabel()
        self._preview.setObjectName("preview")
        self._preview.setAccessibleName(_("Preview of the next reminders"))
        self._preview.setWordWrap(True)
        self._status = self._tabs.status

        # kindtray's own buttons, not Qt's standard ones: their words come from kindtray's
        # catalog, and the mnemonics are chosen not to clash with any page's.
        self._ok = self._button(_("OK"), "okButton")
        self._cancel = self._button(_("Cancel"), "cancelButton")
        self._apply = self._button(_("&Apply"), "applyButton")
        self._defaults = self._button(_("Restore &defaults"), "quiet")
        self._ok.setDefault(True)
        self._buttons = QDialogButtonBox()
        self._buttons.addButton(self._ok, QDialogButtonBox.ButtonRole.AcceptRole)
        self._buttons.addButton(self._cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self._buttons.addButton(self._apply, QDialogButtonBox.ButtonRole.ApplyRole)
        self._buttons.addButton(self._defaults, QDialogButtonBox.ButtonRole.ResetRole)
        self._ok.clicked.connect(self._on_ok)
        self._apply.clicked.connect(self._on_apply)
        self._defaults.clicked.connect(self._ask_restore_defaults)
        self._cancel.clicked.connect(self.reject)

        footer = QVBoxLayout()
        footer.setContentsMargins(28, 10, 20, 16)
        footer.setSpacing(12)
        footer.addWidget(self._preview)
        footer.addWidget(self._buttons)
        self._tabs.add_footer(footer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._tabs)

        self._show_settings(self._initial)
        messages = "\n".join(loaded.messages)
        if not loaded.writable:
            messages += "\n" + _(
                "Changes made here cannot be saved until that file is fixed or moved away."
            )
        if messages:
            self._set_status(messages.strip(), error=not loaded.writable)
        self._name_drop_down_lists()
        self._apply_colors()
        self._refresh()
        self._fit()
        # The focus starts on the list of pages: arrows pick a page, Tab goes into it; no
        # field opens with its text selected.
        self._tabs.nav.setFocus()

    def _name_drop_down_lists(self) -> None:
        # The list a combo box drops down is a control of its own to a screen reader; a page
        # written by hand may not have named it.
        for combo in self.findChildren(QComboBox):
            view = combo.view()
            if view is not None and not view.accessibleName():
                setting = combo.accessibleName() or _("Choices")
                view.setAccessibleName(_("{setting}: choices").format(setting=setting))

    def _button(self, text: str, name: str) -> QPushButton:
        # Plain buttons: a standard button would take the style's dated icons.
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        return button

    def _fit(self) -> None:
        """Size the dialog once for its tallest page: no page, problem or message resizes it."""
        self.ensurePolished()  # the style sheet's paddings and fonts count
        # Layouts measured before the style sheet keep stale sizes: measure them all again.
        # (A disabled time picker's row kept the height measured before: hold it open.)
        for picker in self.findChildren(TimePicker):
            picker.setMinimumHeight(picker.sizeHint().height())
        columns = []
        for index in range(self._tabs.count()):
            page = self._tabs.widget(index)
            column = page.widget() if isinstance(page, QScrollArea) else page
            if column is not None:
                columns.append(column)
        # As wide as the widest page needs (large text), else the calm default.
        content = max([_CONTENT_WIDTH] + [c.minimumSizeHint().width() for c in columns])
        # As tall as the tallest page, those written by hand too: no page scrolls at 100 %.
        tallest = 0
        for column in columns:
            needed = column.sizeHint().height()
            inner = column.layout()
            if inner is not None and inner.hasHeightForWidth():
                needed = max(needed, inner.totalHeightForWidth(content))
            tallest = max(tallest, needed)
        # Everything around the pages (the footer, a message), as laid out now.
        chrome = self.height() - self._tabs.stack.height() if self._fitted else 120
        side = self._tabs.nav.width() + 16
        height = tallest + chrome
        screen = self.screen()
        if screen is not None:  # a small screen scrolls the pages rather than cut them off
            height = min(height, int(screen.availableGeometry().height() * 0.9))
        self._tabs.stack.setMinimumWidth(content)
        self.resize(QSize(side + content, height))

    def showEvent(self, event: QShowEvent) -> None:
        """Fit once more with the layout in place: now the footer's real height is known."""
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            self._fit()

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

    def _refresh(self, *_args: object) -> None:
        if self._showing:
            return
        settings, errors = self._collect()
        by_row: dict[int, list[str]] = {}
        for key, field in self._fields.items():
            message = errors.get(key)
            # A disabled switch keeps saying why (the refresh used to wipe that).
            reason = field.focus.why_not if isinstance(field.focus, Switch | SwitchRow) else ""
            field.focus.setAccessibleDescription(message or reason)
            by_row.setdefault(id(field.row), [])
            if message:
                by_row[id(field.row)].append(message)
        for field in self._fields.values():
            field.row.show_problem("\n".join(by_row[id(field.row)]))

        changed = settings is not None and (
            settings != self._store.settings
            or settings.system.start_at_login != self._autostart_on
            or self._restored
        )
        self._ok.setEnabled(settings is not None and self._writable)
        self._apply.setEnabled(bool(changed) and self._writable)
        self._preview.setText(self._preview_text(settings, errors))
        theme = str(self._fields["break.theme"].read())
        if theme != self._theme:
            self._theme = theme
            self.colors = colors_for(theme)
            self._apply_colors()

    def _preview_text(self, settings: Settings | None, errors: dict[str, str]) -> str:
        if settings is None:
            # Say where the problem is: it may be on a page that is not showing.
            pages = []
            for index in range(self._tabs.count()):
                page = self._tabs.widget(index)
                if any(page.isAncestorOf(self._fields[key].focus) for key in errors):
                    pages.append(self._tabs.title(index))
            return _(
                "Next reminders: shown again once the marked rows on {pages} are fixed."
            ).format(pages=_listed(pages))
        now = self._clock.now()
        times = upcoming(settings, self._state_provider(), now, _PREVIEW_COUNT + 1)
        return describe_upcoming(times[:_PREVIEW_COUNT], now, len(times) > _PREVIEW_COUNT)

    # -- colours -------------------------------------------------------------------------

    def _apply_colors(self) -> None:
        roles = settings_roles(self.colors)
        set_roles(self, roles)
        self.setStyleSheet(settings_style(self.colors))
        # A style sheet gives unstyled children the application's palette back: the switches,
        # drawn by hand, get theirs (the accent, the off track, the knob) set directly.
        for pill in self.findChildren(Switch):
            palette = pill.palette()
            for role in (
                QPalette.ColorRole.Highlight,
                QPalette.ColorRole.Mid,
                QPalette.ColorRole.Base,
            ):
                palette.setColor(role, QColor(roles[role]))
            pill.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        """Follow the desktop when it switches between light and dark (theme "system")."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ThemeChange and self._theme == "system":
            colors = colors_for("system")
            if colors is not self.colors:
                self.colors = colors
                self._apply_colors()

    def _set_status(self, text: str, *, error: bool) -> None:
        self._tabs.set_status(text, error=error)

    # -- actions -------------------------------------------------------------------------

    def _save(self) -> bool:
        """Write what the controls say; return True if everything was saved."""
        settings = self.current_settings()
        if settings is None or not self._writable:
            return False
        want_login = settings.system.start_at_login
        if self._autostart.supported and want_login != self._autostart_on:
            try:
                switch(self._autostart, want_login)
            except OSError as exc:
                self._set_status(
                    _(
                        "Start at login could not be changed: {reason}. "
                        "Nothing was saved; your choices are still here."
                    ).format(reason=exc.strerror or exc),
                    error=True,
                )
                return False
            self._autostart_on = self._autostart.is_enabled()
        if settings != self._store.settings or self._restored:
            try:
                self._store.save(settings, write_all=self._restored)
            except SaveError as exc:
                self._set_status(
                    _(
                        "Your settings were not saved: {reason}. "
                        "Your choices are still here; try again once that is fixed."
                    ).format(reason=exc.strerror or exc),
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
        box.setIcon(QMessageBox.Icon.NoIcon)
        box.setWindowTitle(_("Restore defaults"))
        box.setText(_("Put every setting back to how kindtray started?"))
        box.setInformativeText(
            _("Nothing is saved until you press OK or Apply. Start at login stays as it is.")
        )
        restore = box.addButton(_("&Restore defaults"), QMessageBox.ButtonRole.AcceptRole)
        # Words, not a standard button: those carry the style's dated icons.
        box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)

        box.buttonClicked.connect(self._restore_answered)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _restore_answered(self, button: QAbstractButton) -> None:
        # A method, not a closure over the box's button: the box deletes itself on close.
        box = self.sender()
        if (
            isinstance(box, QMessageBox)
            and box.buttonRole(button) is QMessageBox.ButtonRole.AcceptRole
        ):
            self.restore_defaults()

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
                self._set_status(
                    _("Your phrases file could not be created: {reason}").format(reason=exc),
                    error=True,
                )
                return
        if not self._open_url(QUrl.fromLocalFile(str(path))):
            self._tabs.show_phrases_notice(path)

    def _copy(self, text: str) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(text)
            self._tabs.phrases_message.setText(
                _("The path is copied: paste it into a text editor's Open box.")
            )

    def _open_folder(self, folder: Path) -> None:
        try:
            ensure_private_dir(folder)
        except OSError as exc:
            self._set_status(
                _("{folder} could not be created: {reason}").format(
                    folder=folder, reason=exc.strerror or exc
                ),
                error=True,
            )
            return
        if not self._open_url(QUrl.fromLocalFile(str(folder))):
            self._set_status(_("No program opened {folder}.").format(folder=folder), error=False)


def _listed(names: Sequence[str]) -> str:
    """Names as a list in words: "A", "A and B", "A, B and C"."""
    if len(names) < 2:
        return "".join(names)
    # Translators: the end of a list of page names, "Reminders and The break".
    return _("{names} and {last}").format(names=_(", ").join(names[:-1]), last=names[-1])


# -- opening ------------------------------------------------------------------------------


def show_settings_dialog(make: Callable[[], SettingsDialog]) -> SettingsDialog:
    """Show the settings dialog ``make`` builds, or raise the one already open; return it.

    Needs a QApplication. The dialog is not modal (the tray keeps working) and is deleted
    when closed.
    """
    return show_one(SettingsDialog, make)


def main(argv: Sequence[str] | None = None) -> int:
    """Open the settings dialog on its own: ``python -m kindtray.ui.settings_dialog``."""
    parser = argparse.ArgumentParser(prog="python -m kindtray.ui.settings_dialog")
    parser.add_argument("--config-dir", type=Path, metavar="DIR")
    args = parser.parse_args(argv)
    paths = default_paths(args.config_dir)
    clock = SystemClock()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    state_store = StateStore(paths.state_file, clock)
    store = SettingsStore(paths.settings_file, clock)
    show_settings_dialog(
        lambda: SettingsDialog(store, paths, clock, state_store.load, default_autostart())
    )
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
