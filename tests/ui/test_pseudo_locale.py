"""Under the pseudo-language every text of every window went through translation.

``LANGUAGE=x-pseudo`` marks each translated text ``⟦…⟧``; tests/ui/windows_walk.py opens
every window in every state and reads every text a person sees or a screen reader says. A
text outside the marks is a straggler, unless it is data: no letters at all, kindtray's name
and commands, or exactly a text of the loaded phrase library, the help page's file or a path
(tests/pseudo_text.py). Qt's own words (standard buttons, a text field's menu) are Qt's
catalog's, so here a pseudo catalog for Qt marks them too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kindtray import i18n
from kindtray.ui.app import KindtrayApp
from kindtray.ui.notify.freedesktop import reminder_actions
from tests.pseudo_text import Exempt, unmarked
from tests.ui.windows_walk import (
    WINDOW_WALKS,
    Shown,
    exemptions,
    menu_texts,
    start_app,
    stop_app,
    tray_decisions,
    window_texts,
)


class PseudoQt(QTranslator):
    """Qt's own words, marked the way kindtray's are: they went through Qt's catalog."""

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        return i18n._Pseudo().gettext(source_text) if source_text else source_text


class Route:
    """A route that keeps what it was asked to show."""

    name = "window"
    why = "a test route"

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def notify(self, title: str, body: str) -> None:
        self.shown.append((title, body))

    def withdraw(self) -> None:
        """Nothing on screen."""

    def probe(self) -> str | None:
        return None

    def shutdown(self) -> None:
        """Nothing to let go."""


@pytest.fixture
def pseudo(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LANGUAGE", i18n.PSEUDO)
    # gettext reads LANGUAGE only under a real locale, not C.
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    i18n.use_language(i18n.SYSTEM)
    qt_words = PseudoQt(qapp)
    qapp.installTranslator(qt_words)
    yield
    qapp.removeTranslator(qt_words)
    i18n.use_language(i18n.SYSTEM)  # resolved again after the environment is restored


@pytest.fixture
def kindtray(qapp: QApplication, tmp_path: Path, pseudo: None) -> Iterator[KindtrayApp]:
    app = start_app(qapp, tmp_path, [Route()])
    assert i18n.current_language() == i18n.PSEUDO
    yield app
    stop_app(app)


def stragglers(shown: list[Shown], exempt: Exempt) -> list[str]:
    """Each text outside the marks once, with the first state that showed it."""
    found: dict[tuple[str, str, str], Shown] = {}
    for text in shown:
        if unmarked(text.text, exempt):
            found.setdefault((text.widget, text.what, text.text), text)
    return [str(text) for text in found.values()]


def test_the_check_finds_unmarked_words_and_lets_data_through(qtbot: QtBot) -> None:
    exempt = Exempt().with_texts(["You are here, and that is enough."], "the phrase library")
    assert unmarked("⟦Ñéxt···⟧ 14:32", exempt) == ""
    assert unmarked("⟦Štéƥ {n}⟧ ⟦⟦Móñ⟧ 07⟧ ·  ● ○", exempt) == ""
    assert unmarked("You are here, and that is enough.", exempt) == ""
    assert unmarked("kindtray break --help", exempt) == ""
    assert unmarked("kindtray pause 1h", exempt) == ""
    assert unmarked("You are here,\nand that is enough.", exempt) == ""
    assert unmarked("⟦Ñéxt···⟧ at 14:32", exempt) == "at 14:32"
    assert unmarked("Not now", exempt) == "Not now"
    assert unmarked("You are here.", exempt) == "You are here."
    # The walker reads a window's texts, mnemonics and rich text as they are shown.
    window = QWidget()
    qtbot.addWidget(window)
    QLabel("<b>Hello</b> there", window)
    QPushButton("&Close", window).setToolTip("Closes it")
    window.setWindowTitle("⟦Ŧíţłé··⟧")
    window.show()
    found = stragglers(window_texts(window, "sample"), exempt)
    assert [line.split(": ", 1)[1] for line in found] == [
        "'Hello there'",
        "'Closes it'",
        "'Close'",
    ]


@pytest.mark.parametrize("walk", WINDOW_WALKS)
def test_every_text_of_every_window_went_through_translation(
    kindtray: KindtrayApp, walk: str
) -> None:
    exempt = exemptions(kindtray)
    shown: list[Shown] = []
    states = 0
    for where, window in WINDOW_WALKS[walk](kindtray):
        assert window.isVisible(), where
        shown += window_texts(window, where)
        states += 1
    assert states, walk
    found = stragglers(shown, exempt)
    assert not found, f"{len(found)} texts never went through translation:\n" + "\n".join(found)
    # The walk read the windows in the pseudo-language: some texts are marked.
    assert any(i18n.PSEUDO_OPEN in text.text for text in shown), walk


def test_every_item_of_the_tray_menu_went_through_translation(kindtray: KindtrayApp) -> None:
    tray = kindtray.tray
    shown: list[Shown] = []
    for where, decision in tray_decisions(kindtray.clock.now()).items():
        tray.show_decision(decision, kindtray.clock.now())
        shown += menu_texts(tray.menu, where)
        shown.append(Shown(where, "QSystemTrayIcon", "tooltip", tray.icon.toolTip()))
    found = stragglers(shown, exemptions(kindtray))
    assert not found, "\n".join(found)


def test_the_reminders_words_went_through_translation(kindtray: KindtrayApp) -> None:
    route = kindtray.routes.routes[0]
    assert isinstance(route, Route)
    kindtray.show_reminder(kindtray.reminder_texts.next())
    shown = [
        Shown("reminder", "route", what, text)
        for what, text in zip(("title", "body"), route.shown[-1], strict=True)
    ]
    # The desktop notification's buttons: (key, label) pairs, keys being the protocol's.
    for server in ("GNOME Shell", "dunst", None):
        labels = reminder_actions(server)[1::2]
        shown += [Shown(f"notification ({server})", "action", "label", text) for text in labels]
    assert len(shown) > 2
    found = stragglers(shown, exemptions(kindtray))
    assert not found, "\n".join(found)
