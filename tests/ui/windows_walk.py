"""A walk through every kindtray window, state by state, reading what a person sees and hears.

Each walk opens one window the app's own way and yields it in each state worth reading: every
step and beat of every practice (the mood question, the choices, "Ground me", the farewell),
every settings page and its question, the welcome and the no-tray note for each desktop, the
fallback reminder, About, "Your practice" empty and with a history (its table too), "Why this
helps", and the tray menu. ``window_texts`` reads one state: labels, buttons, window titles,
tooltips, accessible names and descriptions, placeholders, combo items, list and table cells
and headers, spin box words, menus. The pseudo-language test checks that each went through
translation; the right-to-left test lays out the same states mirrored.

What a widget paints itself (the mood chart's picture, the step dots) is not read: the chart's
words are its table twin's, which is.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QTextDocumentFragment
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabBar,
    QTextEdit,
    QWidget,
)

from kindtray import i18n
from kindtray.core.clock import FakeClock
from kindtray.core.history import BreakRecord, Outcome, Practice, Trigger
from kindtray.core.presence import Hold, HoldReason
from kindtray.core.schedule import Decision
from kindtray.core.settings_keys import KEYS, KEYS_BY_NAME
from kindtray.paths import default_paths
from kindtray.storage.help_pages import load_help_page
from kindtray.storage.history import History
from kindtray.ui.app import KindtrayApp, build_kindtray
from kindtray.ui.break_window import BreakWindow
from kindtray.ui.notify.base import ReminderAnswers, Route
from kindtray.ui.notify.chain import RouteChain
from kindtray.ui.notify.window import ReminderWindow
from tests.pseudo_text import Exempt

W = TypeVar("W", bound=QWidget)
State = tuple[str, QWidget]
"""One state of one window: where it is (for a failure's message), and the window."""


@dataclass(frozen=True)
class Shown:
    """One text a person sees or hears, and where."""

    where: str
    widget: str
    what: str
    text: str

    def __str__(self) -> str:
        return f"{self.where} | {self.widget} {self.what}: {self.text!r}"


def _name(widget: QWidget | QAction) -> str:
    return f"{type(widget).__name__}#{widget.objectName()}"


def plain(text: str, rich: bool = False) -> str:
    """What a control shows of ``text``: rich text as its words, mnemonics' "&" taken out."""
    if rich:
        return QTextDocumentFragment.fromHtml(text).toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _label_text(label: QLabel) -> str:
    text, format_ = label.text(), label.textFormat()
    if format_ is Qt.TextFormat.RichText or (
        format_ is Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    ):
        return plain(text, rich=True)
    return plain(text)


def _model_texts(view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    rows = model.rowCount(QModelIndex())
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list's model keeps its one column to itself
        columns = 1
    for orientation, count, name in (
        (Qt.Orientation.Horizontal, columns, "column header"),
        (Qt.Orientation.Vertical, rows, "row header"),
    ):
        for section in range(count):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.headerData(section, orientation, role)
                # A row header Qt numbers itself is data, like any number.
                if isinstance(value, str):
                    yield name, value
    for row in range(rows):
        for column in range(columns):
            index = model.index(row, column, QModelIndex())
            for role, name in (
                (Qt.ItemDataRole.DisplayRole, "cell"),
                (Qt.ItemDataRole.ToolTipRole, "cell tooltip"),
                (Qt.ItemDataRole.AccessibleTextRole, "cell accessible text"),
            ):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield name, value


def _own_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """Every text of one widget a person reads or a screen reader says."""
    if widget.isWindow():
        yield "window title", widget.windowTitle()
    yield "tooltip", widget.toolTip()
    yield "status tip", widget.statusTip()
    yield "what's this", widget.whatsThis()
    yield "accessible name", widget.accessibleName()
    yield "accessible description", widget.accessibleDescription()
    if isinstance(widget, QLabel):
        yield "text", _label_text(widget)
    elif isinstance(widget, QAbstractButton):
        yield "text", widget.text()
        if isinstance(widget, QPushButton) and widget.menu() is not None:
            yield from _menu_texts(widget.menu())
    elif isinstance(widget, QLineEdit):
        # Its text is the person's own value (or a spin box's number): only the hint is ours.
        yield "placeholder", widget.placeholderText()
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        yield "text", widget.toPlainText()
        yield "placeholder", widget.placeholderText()
    elif isinstance(widget, QComboBox):
        for index in range(widget.count()):
            yield "item", widget.itemText(index)
            tip = widget.itemData(index, Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                yield "item tooltip", tip
        yield "placeholder", widget.placeholderText()
    elif isinstance(widget, QGroupBox):
        yield "title", widget.title()
    elif isinstance(widget, QTabBar):
        for index in range(widget.count()):
            yield "tab", widget.tabText(index)
            yield "tab tooltip", widget.tabToolTip(index)
    elif isinstance(widget, QAbstractItemView):
        yield from _model_texts(widget)
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        yield "prefix", widget.prefix()
        yield "suffix", widget.suffix()
    if isinstance(widget, QAbstractSpinBox):
        yield "special value", widget.specialValueText()


def _menu_texts(menu: QMenu) -> Iterator[tuple[str, str]]:
    yield "menu title", menu.title()
    yield "menu accessible name", menu.accessibleName()
    for action in menu.actions():
        if action.isSeparator():
            continue
        yield "menu item", action.text()
        if action.toolTip() != action.text().replace("&", ""):
            yield "menu item tooltip", action.toolTip()
        yield "menu item status tip", action.statusTip()
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from _menu_texts(submenu)


def window_texts(window: QWidget, where: str) -> list[Shown]:
    """Every text ``window`` shows now (its hidden parts left out), each with its widget."""
    QApplication.processEvents()
    widgets = [window, *(w for w in window.findChildren(QWidget) if w.isVisibleTo(window))]
    found = []
    for widget in widgets:
        for what, text in _own_texts(widget):
            if text and text.strip():
                shown = text if isinstance(widget, QLabel) and what == "text" else plain(text)
                found.append(Shown(where, _name(widget), what, shown))
    return found


def menu_texts(menu: QMenu, where: str) -> list[Shown]:
    """Every item of ``menu`` and its submenus, the hidden ones too (each shows some time)."""
    return [
        Shown(where, _name(menu), what, plain(text))
        for what, text in _menu_texts(menu)
        if text and text.strip()
    ]


# -- the app the walks open the windows of -------------------------------------------------------

MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


class NoLogin:
    """Start at login that a walk never changes."""

    supported = True

    def is_enabled(self) -> bool:
        return False

    def enable(self) -> None:
        """Nothing: a walk never changes the login."""

    def disable(self) -> None:
        """Nothing."""


def start_app(qapp: QApplication, folder: Path, routes: Sequence[Route] = ()) -> KindtrayApp:
    """A running kindtray on a fake clock (Monday 10:00) with its files in ``folder``."""
    app = build_kindtray(
        qapp,
        default_paths(folder),
        FakeClock(MONDAY_10),
        routes=RouteChain(list(routes)),
        autostart=NoLogin(),
    )
    app.start()
    return app


def stop_app(app: KindtrayApp) -> None:
    """End ``app`` and every window it left open."""
    app.shutdown()
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.processEvents()


class MirroredWords(i18n._Pseudo):
    """A right-to-left stand-in language: every translated text mirrored, read from the right.

    A right-to-left mark makes each text a right-to-left paragraph (so it aligns and wraps as
    Arabic or Hebrew would) and a right-to-left override draws its letters mirrored, still
    readable in a mirror. Placeholders are filled in afterwards, inside the override. Plurals
    and contexts come to ``gettext`` as the pseudo-language's do.
    """

    def gettext(self, message: str) -> str:
        return f"\u200f\u202e{message}\u202c"


def speak_mirrored(set_attribute: Callable[[object, str, object], None] = setattr) -> None:
    """kindtray speaks ``MirroredWords`` from now on, however often the language is chosen.

    The pseudo-language's place is taken: the environment asks for it (so that Qt's own
    catalog stays out) and its catalog is ``MirroredWords``. Tests pass pytest's
    ``monkeypatch.setattr`` to have it undone.
    """
    set_attribute(i18n, "_load", lambda language: MirroredWords())
    os.environ["LANGUAGE"] = i18n.PSEUDO
    os.environ["LANG"] = "en_US.UTF-8"
    os.environ.pop("LC_ALL", None)
    os.environ.pop("LC_MESSAGES", None)
    i18n.use_language(i18n.SYSTEM)


# -- what may stand unmarked: the app's data ----------------------------------------------------


def exemptions(app: KindtrayApp) -> Exempt:
    """The texts of ``app`` that are data: its phrase library, the help page, its paths."""
    library = app._phrase_picker().library  # the library the breaks and reminders draw on
    page = load_help_page("why-this-helps")
    paths = app.paths
    # The language picker names each language in its own words, whatever language is on.
    language_names = [
        label
        for value, label in KEYS_BY_NAME["system.language"].choice_labels.items()
        if value != i18n.SYSTEM
    ]
    return (
        Exempt()
        .with_texts((phrase.text for phrase in library.phrases), "the phrase library")
        .with_texts((OWN_WORDS, *MISTAKEN_KEYS), "words the person wrote")
        .with_texts((spec.key for spec in KEYS), "a setting's name, as the file spells it")
        .with_texts(language_names, "a language's name for itself")
        .with_texts(
            (
                page.title,
                page.intro,
                *(section.heading for section in page.sections),
                *(section.text for section in page.sections),
            ),
            "the help page, read from its file in the language's own file",
        )
        .with_texts(
            (
                str(p)
                for p in (
                    paths.config_dir,
                    paths.data_dir,
                    paths.state_dir,
                    paths.settings_file,
                    paths.phrases_file,
                    paths.history_file,
                )
            ),
            "a path",
        )
    )


# -- the walks ----------------------------------------------------------------------------------


def _position(window: BreakWindow) -> tuple[object, ...]:
    flow = window.flow
    return (
        flow.step_index,
        flow.ground_index,
        flow.beat_index,
        flow.grounding,
        flow.farewell,
        flow.awaiting_mood,
        flow.awaiting_choice,
        flow.result is not None,
    )


def _break_state(window: BreakWindow) -> str:
    flow = window.flow
    if flow.farewell:
        return "farewell"
    step = flow.current_step
    if step is None:
        return "no step"
    index = flow.ground_index if flow.grounding else flow.step_index
    state = f"{'ground me ' if flow.grounding else ''}step {index + 1} {step.kind}"
    state += f" beat {flow.beat_index + 1}"
    if flow.awaiting_mood:
        state += " (mood question)"
    if flow.awaiting_choice:
        state += " (choice)"
    return state


def through_the_break(window: BreakWindow, name: str) -> Iterator[State]:
    """Every state of an open break until it ends: each beat, question and choice.

    The mood taps are "heavy", so the kind phrase shown is the heavy one.
    """
    for _ in range(200):
        flow = window.flow
        if flow.result is not None:
            return
        yield f"{name}: {_break_state(window)}", window
        if flow.awaiting_mood:
            window.choose_mood(1)
        elif flow.awaiting_choice:
            step = flow.current_step
            assert step is not None
            window.choose(step.choices[0].id)
        else:
            before = _position(window)
            window.advance()  # what the timer does
            if _position(window) == before:  # an own-pace step waits for "Next"
                window.skip_step()
    raise AssertionError(f"{name}: the break never ended")


def walk_break(app: KindtrayApp, practice: Practice) -> Iterator[State]:
    """One practice from its first step to its last, mood questions and choices included."""
    window = app.open_break(Trigger.REQUEST, practice=practice)
    yield from through_the_break(window, f"break {practice.value}")


def walk_ground_me(app: KindtrayApp, practice: Practice) -> Iterator[State]:
    """ "Ground me" taken on the first step, and its steps to the end."""
    window = app.open_break(Trigger.REQUEST, practice=practice)
    yield f"break {practice.value}: before ground me", window
    window.ground_me()
    yield from through_the_break(window, f"break {practice.value} ground me")


def walk_farewell(app: KindtrayApp) -> Iterator[State]:
    """ "Not now": the kind word before the window closes."""
    window = app.open_break(Trigger.REQUEST)
    window.end_gently()
    yield from through_the_break(window, "break not now")


OWN_WORDS = "A quiet line of my own, for the walk."
"""What the walk writes in My words: the person's own words, never translated."""
TOO_LONG = "So many words " * 8
"""Words too long for a phrase: My words says so."""
MISTAKES = """\
[reminders]
interval_minutes = "often"
active_days = ["mon", "someday"]
surprise = 1
"""
"""A settings file with mistakes: Settings tells what it did with each."""
MISTAKEN_KEYS = ("reminders.surprise",)
"""The names in ``MISTAKES`` that are no setting's: the person's own words."""


def _child(window: QWidget, kind: type[W], name: str) -> W:
    found = window.findChild(kind, name)
    assert isinstance(found, kind), f"no {kind.__name__} {name!r}"
    return found


def walk_settings(app: KindtrayApp) -> Iterator[State]:
    """Every page of the settings dialog and what My words says; then "Restore defaults"."""
    from kindtray.ui.settings_pages import SettingsPages

    dialog = app.open_settings()
    pages = dialog.findChild(SettingsPages)
    assert pages is not None
    for index in range(pages.count()):
        pages.setCurrentIndex(index)
        yield f"settings page {index + 1}", dialog
        page = pages.widget(index)
        if page.findChild(QLineEdit, "myWordsWords") is None:
            continue
        words = _child(page, QLineEdit, "myWordsWords")
        phrases = _child(page, QListWidget, "myWordsList")
        phrases.setCurrentRow(0)
        yield f"settings page {index + 1}: one of kindtray's phrases chosen", dialog
        phrases.setCurrentRow(-1)
        words.setText(TOO_LONG)
        yield f"settings page {index + 1}: words too long", dialog
        words.setText(OWN_WORDS)
        _child(page, QPushButton, "myWordsAdd").click()
        yield f"settings page {index + 1}: my own words added", dialog
    pages.setCurrentIndex(0)
    for day in dialog.findChildren(QAbstractButton):
        if day.objectName().startswith("day_") and day.isChecked():
            day.click()
    yield "settings: no active day", dialog
    restore = next(
        button
        for button in dialog.findChildren(QPushButton)
        if button.objectName() == "quiet" and button.isVisibleTo(dialog)
    )
    restore.click()
    boxes = [box for box in dialog.findChildren(QMessageBox) if box.isVisible()]
    assert boxes, "Restore defaults asked nothing"
    yield "settings: restore defaults?", boxes[0]
    boxes[0].reject()
    dialog.close()


def walk_settings_mistakes(app: KindtrayApp) -> Iterator[State]:
    """Settings opened on a file with mistakes: what it says about each."""
    app.paths.settings_file.write_text(MISTAKES)
    dialog = app.open_settings()
    yield "settings (a file with mistakes)", dialog
    dialog.close()


def walk_welcome(app: KindtrayApp) -> Iterator[State]:
    """The welcome where there is a tray, and for each way reminders come without one."""
    from kindtray.ui.welcome import show_welcome

    for has_tray, route in (
        (True, "notifications"),
        (False, "notifications"),
        (False, "window"),
        (False, "none"),
    ):
        window = show_welcome(
            app.settings_store,
            app.autostart(),
            lambda: None,
            open_why=lambda: None,
            has_tray=has_tray,
            route=route,
        )
        yield f"welcome (tray: {has_tray}, reminders: {route})", window
        if has_tray:
            _child(window, QLineEdit, "active_start").setText("25:99")
            yield "welcome: a time it cannot read", window
        window.hide()
        window.deleteLater()
        QApplication.processEvents()


def walk_about(app: KindtrayApp) -> Iterator[State]:
    """The About window."""
    yield "about", app.show_about()


def walk_no_tray(app: KindtrayApp) -> Iterator[State]:
    """The no-tray note, for each way reminders come."""
    for route in ("notifications", "window", "none"):
        window = app.show_no_tray_notice(route)
        yield f"no tray (reminders: {route})", window
        window.close()
        window.deleteLater()
        QApplication.processEvents()


def walk_reminder(app: KindtrayApp) -> Iterator[State]:
    """The fallback reminder window, with a reminder phrase from the library."""
    window = ReminderWindow(ReminderAnswers())
    window.present(app._phrase_picker().reminder_text())
    yield "fallback reminder", window
    window.withdraw()
    window.deleteLater()


def seed_history(path: Path, clock: FakeClock) -> None:
    """Breaks of every practice over the last weeks, with moods, enough for the chart."""
    now = clock.now()
    practices = list(Practice)
    with History(path, clock) as history:
        for day in range(24):
            started = now - timedelta(days=day, hours=2)
            history.record(
                BreakRecord(
                    started,
                    started + timedelta(seconds=60),
                    60,
                    Outcome.COMPLETED if day % 5 else Outcome.ENDED_EARLY,
                    Trigger.REMINDER,
                    day % 5 + 1,
                    (day + 2) % 5 + 1,
                    practice=practices[day % len(practices)],
                    practice_seconds=55.0,
                )
            )


def walk_practice(app: KindtrayApp) -> Iterator[State]:
    """ "Your practice" with no history yet, then with weeks of it, picture and table."""
    window = app.show_practice()
    yield "your practice (nothing yet)", window
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    assert isinstance(app.clock, FakeClock)
    seed_history(app.paths.history_file, app.clock)
    window = app.show_practice()
    yield "your practice (four weeks)", window
    table_button = getattr(window, "table_button", None)
    if isinstance(table_button, QPushButton):
        table_button.click()
        yield "your practice (four weeks, as a table)", window
    window.close()


def walk_why(app: KindtrayApp) -> Iterator[State]:
    """The "Why this helps" page."""
    yield "why this helps", app.show_why()


def tray_decisions(now: datetime) -> dict[str, Decision]:
    """The tray's states: a reminder planned, paused (Resume shows), held ("Remind me anyway")."""
    soon, later = now + timedelta(minutes=5), now + timedelta(hours=1)
    return {
        "tray (next reminder planned)": Decision(False, None, later, None, soon),
        "tray (paused)": Decision(False, None, None, later, soon),
        "tray (held by a fullscreen window)": Decision(
            False, None, None, None, soon, (), Hold(HoldReason.FULLSCREEN, now), True
        ),
    }


def _walk_of(
    walk: Callable[[KindtrayApp, Practice], Iterator[State]], practice: Practice
) -> Callable[[KindtrayApp], Iterator[State]]:
    return lambda app: walk(app, practice)


WINDOW_WALKS: dict[str, Callable[[KindtrayApp], Iterator[State]]] = {
    "welcome": walk_welcome,
    "settings": walk_settings,
    "settings with mistakes": walk_settings_mistakes,
    "about": walk_about,
    "no tray": walk_no_tray,
    "fallback reminder": walk_reminder,
    "your practice": walk_practice,
    "why this helps": walk_why,
    "break farewell": walk_farewell,
    **{f"break {practice.value}": _walk_of(walk_break, practice) for practice in Practice},
    **{
        f"ground me in {practice.value}": _walk_of(walk_ground_me, practice)
        for practice in (Practice.HARD_MOMENT, Practice.LOVING_KINDNESS)
    },
}
"""Every window, by the name a failure shows; each walk yields its states in turn."""
