"""The welcome window: shown on the very first start, and again only when asked.

Owns the first thirty seconds: one sentence on what kindtray does and why, the three choices
that matter (how often, active days, active hours) prefilled with the defaults, "start at
login", and two ways on: "Try a one-minute break now" and "Done". It looks like the break
window (its palette and font sizes) and decides nothing itself: values are checked by
``kindtray.core.settings.validate_value``, saved through ``SettingsStore``, and start at login
goes through ``kindtray.system.autostart``. Opening the break is the caller's function.

Closing the window in any way (Done, Esc, the title bar's close button) counts as done and
saves what the window shows. Saving writes the settings file even when nothing was changed:
that file is the one sign of "not the first start" (``Paths.first_start``), visible to the user,
and deleting it gives the welcome back together with the defaults, which is what a fresh
start should look like. A marker hidden in the state folder would be a second truth to keep
in step.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QKeyEvent,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kindtray.core.settings import KeySpec, Kind, Settings, format_hhmm, validate_value
from kindtray.core.settings_keys import KEYS, KEYS_BY_NAME
from kindtray.i18n import N_, _
from kindtray.session.wording import welcome_where
from kindtray.storage.files import SaveError
from kindtray.storage.settings_store import SettingsStore
from kindtray.system.autostart import Autostart, switch
from kindtray.ui.theme import apply_window_palette, colors_for, on_accent, paint, welcome_style
from kindtray.ui.widgets import (
    Control,
    DayPicker,
    FocusLabel,
    Switch,
    TimeField,
    control_for,
    login_why_not,
)
from kindtray.ui.windows import (
    button_row,
    make_button,
    name_window,
    scaled_fonts,
    show_one,
    wrapped_label,
)

log = logging.getLogger(__name__)

TITLE = N_("Welcome to kindtray")
INTRO = N_(
    "Now and then, kindtray invites you to a one-minute break: a slow breath and a few kind "
    "words to yourself. Kindness toward yourself is a skill, and like any skill it grows "
    "with practice."
)
WIDTH = 500


class WelcomeWindow(QWidget):
    """The first-start window. ``finished`` carries the saved Settings (None if not saved)."""

    finished = Signal(object)

    def __init__(
        self,
        store: SettingsStore,
        autostart: Autostart,
        open_break: Callable[[], Any],
        *,
        theme: str | None = None,
        open_why: Callable[[], Any] | None = None,
        parent: QWidget | None = None,
        has_tray: bool = True,
        route: str = "notifications",
    ) -> None:
        """``has_tray`` and ``route`` (how reminders come without a tray) word its last line."""
        super().__init__(parent, Qt.WindowType.Window)
        self._where_words = welcome_where(has_tray, route)
        self._open_why = open_why
        self._store = store
        self._autostart = autostart
        self._open_break = open_break
        self._done = False
        self.settings = store.settings
        self._shown: dict[str, object] = {}  # what the controls showed when the window opened
        self.colors = colors_for(theme or self.settings.break_.theme)
        name_window(self, "welcomeWindow", _(TITLE), _(INTRO))
        self._build()
        self._show_settings(self.settings)
        self._shown = self.raw_values()
        self._apply_colors()
        self.adjustSize()  # after the style sheet, which sets the fields' padding
        self.interval.setFocus()

    # -- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        title_font, small = scaled_fonts(self, 1.6, 0.9)

        self.title = QLabel(_(TITLE))
        self.title.setObjectName("title")
        self.title.setFont(title_font)
        self.intro = self._text(_(INTRO), "intro")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        self._controls: dict[str, Control] = {}
        rows: dict[str, list[KeySpec]] = {}
        for spec in KEYS:
            if spec.welcome is not None:
                rows.setdefault(_(spec.welcome), []).append(spec)
        for text, specs in rows.items():
            self._add_row(form, text, specs)

        self.error = self._text("", "error")
        self.error.hide()
        self.where = self._text(self._where_words, "where")
        self.where.setFont(small)

        self.try_button = QPushButton(_("&Try a one-minute break now"))
        self.try_button.setObjectName("tryButton")
        self.try_button.setAccessibleDescription(_("Saves these choices and opens a break."))
        self.try_button.clicked.connect(self.try_break)
        self.done_button = QPushButton(_("D&one"))
        self.done_button.setObjectName("doneButton")
        self.done_button.setDefault(True)
        self.done_button.setAccessibleDescription(_("Saves these choices. Escape key."))
        self.done_button.clicked.connect(self.close)
        row = [self.try_button, self.done_button]
        if self._open_why is not None:  # "Why this helps", a short page; from the app only
            about = _("A short page on why these minutes help.")
            self.why_button = make_button(_("&Why this helps"), "tryButton", about, self._open_why)
            row.insert(0, self.why_button)
        buttons = button_row(*row, spacing=8)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 18)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addSpacing(8)
        layout.addWidget(self.intro)
        layout.addSpacing(18)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addSpacing(16)
        layout.addWidget(self.where)
        layout.addSpacing(16)
        layout.addStretch(1)
        layout.addLayout(buttons)

        for button in (*self.day_buttons.values(), *row):
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        chain: list[QWidget] = [
            self.interval,
            *self.day_buttons.values(),
            self.start_edit,
            self.end_edit,
            self.login,
            *row,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.setFixedWidth(WIDTH)

    def _text(self, text: str, name: str) -> QLabel:
        return wrapped_label(text, name)

    def _add_row(self, form: QFormLayout, text: str, specs: list[KeySpec]) -> None:
        """One row of the form from the declaration: its label and its control(s)."""
        if specs[0].kind is Kind.SWITCH:
            why_not = login_why_not(self._autostart.supported)
            # A switch, as in Settings, at the end of a row of its own words (a check box
            # drew a stark white square on the dark page).
            self.login = Switch(specs[0].name, text.replace("&", ""), why_not=why_not)
            self._controls[specs[0].key] = Control(
                self.login, self.login, self.login.isChecked, self.login.setChecked, ()
            )
            words = FocusLabel(text)
            words.setBuddy(self.login)
            words.setEnabled(not why_not)
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(words)
            line.addStretch(1)
            line.addWidget(self.login)
            form.addRow(row)
            return
        controls = [control_for(spec) for spec in specs]
        for spec, control in zip(specs, controls, strict=True):
            self._controls[spec.key] = control
            control.on_change(self._refresh)
        field = controls[0].widget
        if isinstance(field, QSpinBox):
            self.interval = field
            field.setRange(specs[0].low, specs[0].high)
            field.setSingleStep(15)
            field.setAccessibleName(
                _("{setting}: minutes between reminders").format(setting=specs[0].title)
            )
            field.setMinimumWidth(150)
            field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        elif isinstance(field, DayPicker):
            self.day_buttons = field.buttons
        else:
            field = self._hours(controls)
        label = QLabel(text)
        label.setBuddy(controls[0].focus)
        # As tall as its field, so the words sit level with the field's text.
        label.setMinimumHeight(field.sizeHint().height())
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(label, field)

    def _hours(self, controls: list[Control]) -> QWidget:
        """The two time fields of active hours on one line: "09:00 until 18:00"."""
        # control_for makes a TimeField for each Kind.TIME key.
        self.start_edit, self.end_edit = (cast(TimeField, c.widget) for c in controls)
        hours = QWidget()
        hours_layout = QHBoxLayout(hours)
        hours_layout.setContentsMargins(0, 0, 0, 0)
        until = QLabel(_("&until"))
        until.setBuddy(self.end_edit)
        for edit in (self.start_edit, self.end_edit):
            edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
            edit.setFixedWidth(edit.width() + 4)  # room for the rounded, padded frame
        hours_layout.addWidget(self.start_edit)
        hours_layout.addWidget(until)
        hours_layout.addWidget(self.end_edit)
        hours_layout.addStretch(1)
        return hours

    def _apply_colors(self) -> None:
        apply_window_palette(self, self.colors)
        self.setStyleSheet(welcome_style(self.colors))
        # The switch's knob, as in Settings: the colour that reads on the accent.
        paint(self.login, on_accent(self.colors), QPalette.ColorRole.Base)

    # -- values -------------------------------------------------------------------------------

    def _show_settings(self, settings: Settings) -> None:
        for key, control in self._controls.items():
            control.show(settings.get(key))
        # The switch shows the real entry, whatever the file says.
        self.login.setChecked(self._autostart.supported and self._autostart.is_enabled())

    def raw_values(self) -> dict[str, object]:
        """What the controls show, as the TOML values the core checks."""
        return {key: control.read() for key, control in self._controls.items()}

    def _refresh(self, *_args: object) -> None:
        """Check every value with the core; show what is wrong and hold the buttons."""
        if not hasattr(self, "done_button"):
            return  # still building
        problems = self.chosen_settings()[1]
        for edit, key in (
            (self.start_edit, "reminders.active_start"),
            (self.end_edit, "reminders.active_end"),
        ):
            message = validate_value(key, edit.raw())
            edit.setAccessibleDescription(message or "")
        self.error.setText("\n".join(problems))
        self.error.setVisible(bool(problems))
        for button in (self.done_button, self.try_button):
            button.setEnabled(not problems)
        self._fit()

    def chosen_settings(self) -> tuple[Settings, list[str]]:
        """The settings the window describes; a value the core refuses keeps what was there.

        Built on the settings as saved now, not as they were when the window opened, and only
        the values changed here are taken from it: Settings may have saved meanwhile.
        """
        settings = self._store.settings
        problems: list[str] = []
        for key, raw in self.raw_values().items():
            if raw == self._shown.get(key):
                continue
            message = validate_value(key, raw)
            if message is None:
                settings = settings.with_value(key, KEYS_BY_NAME[key].parse(raw))
            else:
                problems.append(
                    _("{setting}: {problem}").format(
                        setting=KEYS_BY_NAME[key].title, problem=message
                    )
                )
        return settings, problems

    # -- finishing ----------------------------------------------------------------------------

    def try_break(self) -> None:
        """Save, close the welcome, and open a break through the caller's function."""
        self.close()
        self._open_break()

    def finish(self) -> Settings | None:
        """Save what the window shows (once); return the saved settings, or None."""
        if self._done:
            return None
        self._done = True
        settings, problems = self.chosen_settings()
        for problem in problems:
            log.warning("welcome: %s", problem)
        want_login = settings.system.start_at_login
        if self._autostart.supported and want_login != self._autostart.is_enabled():
            try:
                switch(self._autostart, want_login)
            except OSError as exc:
                log.warning("start at login could not be changed: %s", exc.strerror or exc)
                settings = settings.with_value("system.start_at_login", not want_login)
        saved: Settings | None = settings
        try:
            # Every key, even unchanged ones: the file is the sign that setup happened.
            self._store.save(settings, write_all=True)
            log.info(
                "welcome done: every %d minutes, %s, %s-%s",
                settings.reminders.interval_minutes,
                ",".join(settings.reminders.active_days) or "no days",
                format_hhmm(settings.reminders.active_start),
                format_hhmm(settings.reminders.active_end),
            )
        except SaveError as exc:
            log.warning("the welcome's choices were not saved: %s", exc.strerror or exc)
            saved = None
        self.finished.emit(saved)
        return saved

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the height to the content once the style and the screen's fonts are known."""
        super().showEvent(event)
        self._fit()

    def _fit(self) -> None:
        # Style sheets apply at polish and fonts per screen, so the height known in __init__
        # can be short; without a window manager nothing else would enforce the minimum.
        layout = self.layout()
        needed = layout.totalHeightForWidth(WIDTH) if layout is not None else -1
        self.setMinimumHeight(max(needed, layout.totalMinimumSize().height() if layout else 0))
        if self.height() < self.minimumHeight():
            self.resize(WIDTH, self.minimumHeight())

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing in any way is "Done"."""
        self.finish()
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc is Done; Enter in a field is Done too (the default button)."""
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(
            self.focusWidget(), QPushButton | QCheckBox
        ):
            self.close()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """Follow the desktop when it switches between light and dark."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ThemeChange and self.settings.break_.theme == "system":
            self.colors = colors_for("system")
            self._apply_colors()


def show_welcome(
    store: SettingsStore,
    autostart: Autostart,
    open_break: Callable[[], Any],
    on_saved: Callable[[Settings], Any] | None = None,
    open_why: Callable[[], Any] | None = None,
    *,
    has_tray: bool = True,
    route: str = "notifications",
) -> WelcomeWindow:
    """Show the welcome window (or raise the one already open) and return it.

    ``on_saved`` gets the settings once the window is done and saved (to re-plan reminders);
    ``has_tray`` and ``route`` say what this desktop has, for the words on where kindtray is.
    """

    def make() -> WelcomeWindow:
        window = WelcomeWindow(
            store, autostart, open_break, open_why=open_why, has_tray=has_tray, route=route
        )
        if on_saved is not None:
            window.finished.connect(lambda saved: on_saved(saved) if saved is not None else None)
        return window

    return show_one(WelcomeWindow, make)
