"""The tray menu, the reminders, About, the no-tray note and "Your practice" in German and
Spanish (plurals right for 1 and 2), and under the pseudo-language no visible text or
accessible name of theirs that skipped translation (issue 17)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from kindtray import i18n
from kindtray.core.clock import FakeClock
from kindtray.core.history import BreakRecord, Outcome, Practice, Summary, Trigger
from kindtray.core.schedule import Decision
from kindtray.session.practice import read_practice
from kindtray.session.summary_words import summary_text
from kindtray.session.wording import entries
from kindtray.storage.history import History
from kindtray.ui.notices import AboutWindow, NoTrayWindow
from kindtray.ui.notify.base import ReminderAnswers
from kindtray.ui.notify.freedesktop import reminder_actions
from kindtray.ui.notify.window import ReminderWindow
from kindtray.ui.practice_window import PracticeWindow
from kindtray.ui.tray import Tray
from tools import translations

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 30, 17, 0, tzinfo=BERLIN)


@pytest.fixture(scope="module", autouse=True)
def catalogs() -> None:
    translations.compile_all()


@pytest.fixture
def speak(qapp: QApplication) -> Iterator[Callable[[str], None]]:
    """``speak("de")`` switches kindtray's language for the test; English again afterwards."""
    yield i18n.use_language
    i18n.use_language(i18n.SYSTEM)  # the suite's environment says English


def menu_texts(menu: QMenu) -> list[str]:
    texts = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            texts.append(submenu.title())
            texts += menu_texts(submenu)
        elif action.text():
            texts.append(action.text())
    return texts


def history(path: Path, clock: FakeClock, breaks: int, moods: bool = False) -> Path:
    with History(path, clock) as store:
        for n in range(breaks):
            started = NOW - timedelta(days=n, hours=1)
            store.record(
                BreakRecord(
                    started,
                    started + timedelta(seconds=70),
                    60,
                    Outcome.COMPLETED,
                    Trigger.REMINDER,
                    2 if moods else None,
                    3 if moods else None,
                    practice=Practice.MINUTE,
                    practice_seconds=60.0,
                )
            )
    return path


def practice_window(tmp_path: Path, breaks: int, moods: bool = False) -> PracticeWindow:
    clock = FakeClock(NOW, BERLIN)
    path = history(tmp_path / "history.sqlite3", clock, breaks, moods)
    return PracticeWindow(lambda: read_practice(path, clock), lambda _target: 0, lambda: None)


def card_words(window: PracticeWindow) -> list[str]:
    return [label.text() for span in window.spans for label in span.findChildren(QLabel)]


# -- German and Spanish -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("de", ["Jetzt eine Pause machen", "Pausieren", "Bis morgen", "Deine Praxis", "Beenden"]),
        ("es", ["Hacer una pausa ahora", "Pausar", "Hasta mañana", "Tu práctica", "Salir"]),
    ],
)
def test_the_tray_menu_speaks_the_language(qtbot: QtBot, speak, language, words):
    speak(language)
    tray = Tray()
    texts = menu_texts(tray.menu)
    for word in words:
        assert word in texts


def test_the_tray_menu_follows_a_language_change(qtbot: QtBot, speak):
    speak("en")
    tray = Tray()
    tray.show_decision(Decision(False, None, NOW + timedelta(minutes=32), None, NOW), NOW)
    speak("de")
    tray.retranslate()
    assert "Jetzt eine Pause machen" in menu_texts(tray.menu)
    assert tray.status_action.text() == "Nächste Erinnerung um 17:32"


@pytest.mark.parametrize(
    ("language", "title", "welcome", "close"),
    [
        ("de", "Über kindtray", "&Willkommen noch einmal zeigen", "Schließen"),
        ("es", "Acerca de kindtray", "Mostrar la &bienvenida otra vez", "Cerrar"),
    ],
)
def test_about_speaks_the_language(qtbot: QtBot, speak, language, title, welcome, close):
    speak(language)
    window = AboutWindow(lambda: None, show_why=lambda: None)
    qtbot.addWidget(window)
    assert window.windowTitle() == title
    assert window.welcome_button.text() == welcome
    assert window.close_button.text() == close
    assert "Computer" in window.about.text() or "equipo" in window.about.text()


@pytest.mark.parametrize(
    ("language", "heading", "how", "first_command"),
    [
        ("de", "kindtray läuft", "in einem kleinen Fenster", "jetzt eine Pause"),
        ("es", "kindtray está en marcha", "en una pequeña ventana", "una pausa ahora"),
    ],
)
def test_the_no_tray_note_speaks_the_language(
    qtbot: QtBot, speak, language, heading, how, first_command
):
    speak(language)
    window = NoTrayWindow("window")
    qtbot.addWidget(window)
    assert window.heading.text() == heading
    assert how in window.words.text()
    typed, meaning = window.command_rows()[0]
    assert (typed.text(), meaning.text()) == ("kindtray break", first_command)


@pytest.mark.parametrize(
    ("language", "later", "start"),
    [("de", "Später", "Pause beginnen"), ("es", "Más tarde", "Empezar la pausa")],
)
def test_the_reminder_answers_speak_the_language(qtbot: QtBot, speak, language, later, start):
    speak(language)
    window = ReminderWindow(ReminderAnswers())
    qtbot.addWidget(window)
    window.present("…")
    assert (window.snooze_button.text(), window.start_button.text()) == (later, start)
    assert reminder_actions("dunst") == ["default", start, "later", later]


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        (
            "de",
            ["Letzte 7 Tage", "1 Übung", "1 Minute"],
            ["Letzte 7 Tage", "2 Übungen", "2 Minuten"],
        ),
        (
            "es",
            ["Últimos 7 días", "1 práctica", "1 minuto"],
            ["Últimos 7 días", "2 prácticas", "2 minutos"],
        ),
    ],
)
def test_your_practice_speaks_the_language_with_its_plurals(
    qtbot: QtBot, tmp_path: Path, speak, language, one, two
):
    speak(language)
    single = practice_window(tmp_path / "one", 1)
    double = practice_window(tmp_path / "two", 2)
    for window in (single, double):
        qtbot.addWidget(window)
    assert card_words(single)[:3] == one
    assert card_words(double)[:3] == two
    assert single.windowTitle() == ("Deine Praxis" if language == "de" else "Tu práctica")


def test_mood_counts_and_hours_are_said_the_languages_way(speak):
    summary = Summary(30, None, 160, 9000.0, 2, 0.5, mood_lighter=1, mood_same=1)
    speak("de")
    assert summary_text(summary) == (
        "In den letzten 30 Tagen hast du dir etwa 2,5 Stunden für dich genommen, in 160 Pausen. "
        "Du hast zweimal deine Stimmung am Anfang und am Ende notiert: "
        "einmal danach leichter, einmal gleich."
    )
    assert entries(1) == "1 Eintrag"
    speak("es")
    assert summary_text(summary).startswith(
        "En los últimos 30 días te has dado unas 2,5 horas en 160 pausas. "
        "Has anotado tu ánimo al principio y al final dos veces: "
    )
    assert entries(2) == "2 entradas"


# -- the pseudo-language: nothing unmarked ----------------------------------------------------

# Inner marks first: a sentence may hold another translated text in a placeholder.
_MARKED = re.compile(
    f"{i18n.PSEUDO_OPEN}[^{i18n.PSEUDO_OPEN}{i18n.PSEUDO_CLOSE}]*{i18n.PSEUDO_CLOSE}"
)
# Names and typed commands are never translated: the app's name, and the no-tray commands.
_KEPT = re.compile(r"kindtray( break| pause 1h| settings| quit)?")


def unmarked(text: str) -> str:
    """What is left of ``text`` outside the pseudo-language's marks, numbers exempt."""
    while True:
        shorter = _MARKED.sub("", text)
        if shorter == text:
            break
        text = shorter
    text = _KEPT.sub("", text)
    return re.sub(r"[\W\d_]+", "", text)  # numbers, spaces and punctuation say nothing


def widget_texts(window: QWidget) -> dict[str, str]:
    """Every text a person sees or hears of ``window``: titles, labels, buttons, names, tips."""
    said: dict[str, str] = {"title": window.windowTitle()}
    for widget in [window, *window.findChildren(QWidget)]:
        if widget is not window and not widget.isVisibleTo(window):
            continue
        where = f"{type(widget).__name__} {widget.objectName()}"
        said[f"{where} name"] = widget.accessibleName()
        said[f"{where} description"] = widget.accessibleDescription()
        said[f"{where} tip"] = widget.toolTip()
        if isinstance(widget, QLabel | QAbstractButton):
            said[f"{where} text {id(widget)}"] = widget.text()
        if isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                item = widget.horizontalHeaderItem(column)
                said[f"{where} column {column}"] = item.text() if item else ""
            for row in range(widget.rowCount()):
                item = widget.verticalHeaderItem(row)
                said[f"{where} row {row}"] = item.text() if item else ""
    return said


def assert_all_marked(texts: dict[str, str]) -> None:
    left = {where: text for where, text in texts.items() if unmarked(text)}
    assert not left, f"texts that skipped translation: {left}"


def test_the_check_sees_unmarked_text(speak):
    speak(i18n.PSEUDO)
    assert unmarked("Take a break now") == "Takeabreaknow"
    assert unmarked(i18n._("{count} of {all}").format(count=3, all=i18n._("these"))) == ""
    assert unmarked("kindtray break 12:30") == ""


def test_pseudo_leaves_nothing_unmarked_in_the_tray_menu(qtbot: QtBot, speak):
    speak(i18n.PSEUDO)
    tray = Tray()
    tray.remind_anyway_action.setVisible(True)
    assert_all_marked({text: text for text in menu_texts(tray.menu)})
    tray.show_decision(Decision(False, None, NOW + timedelta(minutes=32), None, NOW), NOW)
    assert_all_marked({"status": tray.status_action.text(), "tip": tray.icon.toolTip()})


def test_pseudo_leaves_nothing_unmarked_in_the_small_windows(qtbot: QtBot, speak):
    speak(i18n.PSEUDO)
    about = AboutWindow(lambda: None, show_why=lambda: None)
    notes = [NoTrayWindow(route) for route in ("notifications", "window", "none")]
    reminder = ReminderWindow(ReminderAnswers())
    for window in (about, *notes, reminder):
        qtbot.addWidget(window)
    reminder.present(i18n._("A minute for yourself?"))  # the phrase library's, marked too
    for window in (about, *notes, reminder):
        assert_all_marked(widget_texts(window))
    assert_all_marked({action: action for action in reminder_actions(None)[1::2]})


@pytest.mark.parametrize(("breaks", "moods"), [(0, False), (2, True), (6, True)])
def test_pseudo_leaves_nothing_unmarked_in_your_practice(
    qtbot: QtBot, tmp_path: Path, speak, breaks, moods
):
    speak(i18n.PSEUDO)
    window = practice_window(tmp_path, breaks, moods)
    qtbot.addWidget(window)
    window.show()
    assert_all_marked(widget_texts(window))
    if window.table_button is not None:
        window.toggle_table()
        assert_all_marked(widget_texts(window))
    window._ask_target = lambda _parent, _suggested: tmp_path / "export.csv"
    window.export()
    assert_all_marked({"status": window.status.text()})


def mnemonics(window: QWidget) -> list[str]:
    letters = []
    for button in window.findChildren(QAbstractButton):
        found = re.search(r"&(\w)", button.text())
        if found and button.isVisibleTo(window):
            letters.append(found.group(1).lower())
    return letters


@pytest.mark.parametrize("language", ["de", "es"])
def test_alt_keys_stay_unique_in_each_language(qtbot: QtBot, tmp_path: Path, speak, language):
    speak(language)
    about = AboutWindow(lambda: None, show_why=lambda: None)
    practice = practice_window(tmp_path, 6, moods=True)
    assert about.welcome_button.text() != "Show &welcome again"  # the language's own letters
    for window in (about, practice):
        qtbot.addWidget(window)
        letters = mnemonics(window)
        assert len(letters) >= 2
        assert len(set(letters)) == len(letters), letters
    assert practice.table_button is not None
    practice.toggle_table()  # "Show as a chart" takes the table's place
    letters = mnemonics(practice)
    assert len(set(letters)) == len(letters), letters
