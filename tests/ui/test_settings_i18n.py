"""Settings, My words and the welcome in German and Spanish, and nothing left untranslated.

The suite speaks English (tests/conftest.py); each test here picks its language and gives
English back. Under ``x-pseudo`` every translated text comes back marked ⟦…⟧: a visible text
or an accessible name outside the marks never went through the catalog.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QWidget,
)

from kindtray import i18n
from kindtray.core.clock import FakeClock
from kindtray.storage.settings_store import SettingsStore
from kindtray.ui.welcome import WelcomeWindow
from tests.ui.test_settings_dialog import Env, type_into
from tests.ui.test_welcome import MONDAY_10, FakeAutostart
from tools import translations


@pytest.fixture(scope="module", autouse=True)
def catalogs() -> None:
    translations.compile_all()


@pytest.fixture
def speak() -> Iterator[Any]:
    """Call with a language code; English again after the test."""
    yield i18n.use_language
    i18n.use_language(i18n.SYSTEM)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Env:
    return Env(tmp_path, monkeypatch)


def welcome(qtbot: Any, tmp_path: Path) -> WelcomeWindow:
    store = SettingsStore(tmp_path / "welcome.toml", FakeClock(MONDAY_10))
    store.load()
    window = WelcomeWindow(store, FakeAutostart(), lambda: None, theme="light", open_why=print)
    qtbot.addWidget(window)
    window.show()
    return window


def texts(window: QWidget) -> set[str]:
    """Every text the window shows now, mnemonics taken out."""
    found = {window.windowTitle()}
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            found.add(widget.text().replace("&", ""))
        elif isinstance(widget, QAbstractSpinBox):
            found.add(widget.text())
    return found


# -- German and Spanish ---------------------------------------------------------------------

SETTINGS_WORDS: dict[str, dict[str, Any]] = {
    "de": {
        "pages": ["Erinnerungen", "Ruhezeiten", "Die Pause", "Sätze", "Meine Worte", "System"],
        "buttons": ["OK", "Abbrechen", "Übernehmen", "Alles zurücksetzen"],
        "shown": {"Wie oft", "Aktive Tage", "Mo.", "alle 90 Minuten", "Rhythmus"},
        "preview": "Nächste Erinnerungen: heute ",
        "problem": "9999 geht hier nicht; möglich ist eine ganze Zahl von 10 bis 480",
        "question": "Alle Einstellungen so zurücksetzen, wie kindtray begonnen hat?",
        "welcome": {"Willkommen bei kindtray", "Wie oft", "Fertig", "bis", "Warum das hilft"},
    },
    "es": {
        "pages": ["Recordatorios", "Momentos de calma", "La pausa", "Frases", "Mis palabras"],
        "buttons": ["Aceptar", "Cancelar", "Aplicar", "Restablecer todo"],
        "shown": {"Frecuencia", "Días activos", "lun", "cada 90 minutos", "Ritmo"},
        "preview": "Próximos recordatorios: hoy ",
        "problem": "9999 no es válido aquí; puedes usar un número entero de 10 a 480",
        "question": "¿Volver a dejar todos los ajustes como al principio?",
        "welcome": {"Te damos la bienvenida a kindtray", "Frecuencia", "Hecho", "hasta"},
    },
}


@pytest.mark.parametrize("language", ["de", "es"])
def test_the_settings_dialog_speaks_german_and_spanish(
    qtbot: Any, env: Env, speak: Any, language: str
) -> None:
    speak(language)
    words = SETTINGS_WORDS[language]
    dialog = env.dialog(qtbot)
    pages: Any = dialog._tabs
    titles = [pages.title(i) for i in range(pages.count())]
    assert titles[: len(words["pages"])] == words["pages"]
    shown = texts(dialog)
    assert set(words["buttons"]) <= shown
    assert words["shown"] <= shown
    assert dialog._preview.text().startswith(words["preview"])
    spin = dialog.findChild(QSpinBox, "interval_minutes")
    assert spin is not None
    type_into(qtbot, spin, "9999")
    assert dialog._fields["reminders.interval_minutes"].row.problem.text() == words["problem"]

    dialog._ask_restore_defaults()
    box = dialog.findChild(QWidget, "confirmRestore")
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert words["question"] in texts(box)
    assert words["buttons"][1] in texts(box)  # the box's own Cancel


@pytest.mark.parametrize("language", ["de", "es"])
def test_the_welcome_speaks_german_and_spanish(
    qtbot: Any, tmp_path: Path, speak: Any, language: str
) -> None:
    speak(language)
    assert SETTINGS_WORDS[language]["welcome"] <= texts(welcome(qtbot, tmp_path))


def test_german_fits_no_row_grows_and_the_window_keeps_its_size(
    qtbot: Any, env: Env, speak: Any
) -> None:
    english = env.dialog(qtbot)
    english_size = english.size()
    english.close()
    speak("de")
    dialog = env.dialog(qtbot)
    for _ in range(3):
        QApplication.processEvents()
    assert dialog.size() == english_size  # German is longer, and fits the same window
    pages: Any = dialog._tabs
    for index in range(pages.count()):  # no page resizes the window
        pages.setCurrentIndex(index)
        QApplication.processEvents()
        assert dialog.size() == english_size, pages.title(index)
    pages.setCurrentIndex(0)
    rows = {key: field.row for key, field in dialog._fields.items() if key.startswith("rem")}
    heights = {key: row.height() for key, row in rows.items()}
    # The longest problems, in German, where the subtitles were.
    for name in ("interval_minutes", "randomness_percent", "snooze_minutes"):
        spin = dialog.findChild(QSpinBox, name)
        assert spin is not None
        type_into(qtbot, spin, "9999")
    QApplication.processEvents()
    assert "geht hier nicht" in rows["reminders.snooze_minutes"].problem.text()
    assert {key: row.height() for key, row in rows.items()} == heights
    assert dialog.size() == english_size


# -- the pseudo-language: nothing outside the marks -----------------------------------------

# The innermost marked text: a translated text may hold another ("Kind words: {need}").
MARKED = re.compile(
    f"{i18n.PSEUDO_OPEN}[^{i18n.PSEUDO_OPEN}{i18n.PSEUDO_CLOSE}]*{i18n.PSEUDO_CLOSE}"
)
# What may stand outside the marks: numbers, times, signs and spaces.
PLAIN = re.compile(r"[\d\s:.,%±…()/-]*")


def unmarked(text: str, exempt: tuple[str, ...]) -> str:
    """What of ``text`` went round the catalog ("" when nothing did)."""
    for value in sorted(exempt, key=len, reverse=True):  # "cfg/data" before "cfg"
        text = text.replace(value, "")
    rest, before = text, None
    while rest != before:
        before, rest = rest, MARKED.sub("", rest)
    return "" if PLAIN.fullmatch(rest) else rest


def untranslated(window: QWidget, exempt: tuple[str, ...]) -> list[str]:
    """Each visible text, placeholder, list item and accessible name outside the marks."""
    found: list[tuple[str, str]] = [("window title", window.windowTitle())]
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisibleTo(window) and widget is not window:
            continue
        where = f"{type(widget).__name__}:{widget.objectName()}"
        found += [(f"{where} name", widget.accessibleName())]
        found += [(f"{where} description", widget.accessibleDescription())]
        found += [(f"{where} tooltip", widget.toolTip())]
        if isinstance(widget, QLabel | QAbstractButton | QAbstractSpinBox):
            found.append((where, widget.text()))
        elif isinstance(widget, QLineEdit):
            found.append((f"{where} placeholder", widget.placeholderText()))
        elif isinstance(widget, QComboBox):
            found += [(where, widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QListWidget) and widget.objectName() != "myWordsList":
            # My words' list shows phrases, from the phrase library (resources/phrases), not
            # from the catalog; their tags are checked below.
            found += [(where, widget.item(i).text()) for i in range(widget.count())]
    return [f"{where}: {text!r}" for where, text in found if unmarked(text, exempt)]


def test_every_text_of_the_settings_dialog_is_translated(qtbot: Any, env: Env, speak: Any) -> None:
    speak(i18n.PSEUDO)
    dialog = env.dialog(qtbot)
    pages: Any = dialog._tabs
    # The person's own folders: paths, never translated.
    exempt = tuple(str(p) for p in (env.paths.config_dir, env.paths.data_dir, env.paths.state_dir))
    problems: list[str] = []
    for index in range(pages.count()):
        pages.setCurrentIndex(index)
        QApplication.processEvents()
        problems += untranslated(dialog, exempt)
    spin = dialog.findChild(QSpinBox, "interval_minutes")
    assert spin is not None
    type_into(qtbot, spin, "9999")  # a problem
    problems += untranslated(dialog, exempt)
    dialog._ask_restore_defaults()
    box = dialog.findChild(QWidget, "confirmRestore")
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    problems += untranslated(box, exempt)
    assert sorted(set(problems)) == []


def test_my_words_tags_the_persons_phrases_in_the_language(
    qtbot: Any, env: Env, speak: Any
) -> None:
    speak(i18n.PSEUDO)
    env.paths.config_dir.mkdir(parents=True, exist_ok=True)
    env.paths.phrases_file.write_text('[arrive]\nmine = "My own words, here."\n', "utf-8")
    dialog = env.dialog(qtbot)
    listed = dialog.findChild(QListWidget, "myWordsList")
    assert listed is not None
    mine = [
        listed.item(i).text() for i in range(listed.count()) if "My own" in listed.item(i).text()
    ]
    # The person's words stay as written, inside the marked "{phrase}   ({tags})".
    assert len(mine) == 1 and unmarked(mine[0], ("My own words, here.",)) == ""
    assert mine[0].startswith(i18n.PSEUDO_OPEN)


def test_every_text_of_the_welcome_is_translated(qtbot: Any, tmp_path: Path, speak: Any) -> None:
    speak(i18n.PSEUDO)
    assert untranslated(welcome(qtbot, tmp_path), ()) == []


@pytest.mark.parametrize(
    ("language", "one", "ten"),
    [
        ("de", "1 Minute", "10 Minuten"),
        ("es", "1 minuto", "10 minutos"),
        ("en", "1 minute", "10 minutes"),
    ],
)
def test_a_unit_follows_its_numbers_plural(
    qtbot: Any, env: Env, speak: Any, language: str, one: str, ten: str
) -> None:
    speak(language)
    dialog = env.dialog(qtbot)
    spin = dialog.findChild(QSpinBox, "snooze_minutes")
    assert spin is not None
    assert spin.text() == ten
    spin.setValue(1)
    assert spin.text() == one
