"""'Why this helps': words from the package, what is known, and where people can help."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kindtray.storage.help_pages import load_help_page
from kindtray.ui.why_window import PAGE, WhyWindow

# What issue 16 asks the page to say, each as a word the text must hold.
TOPICS = (
    "alarm",  # it settles the body's alarm
    "hand on the heart",
    "hug",
    "mistakes",
    "stress",
    "mood",
    "healing",
    "view of yourself",  # self-image
    "sleep",
    "habits",
    "27 trials",  # the research, named plainly
    "someone you trust",
    "doctor",
    "helpline",
)


def test_the_page_says_what_the_issue_asks_in_plain_words():
    text = load_help_page(PAGE).plain_text()
    for topic in TOPICS:
        assert topic in text, topic


def test_the_page_promises_nothing_and_gives_no_orders():
    text = load_help_page(PAGE).plain_text().lower()
    assert "!" not in text
    for word in ("should", "must", "will heal", "cure", "guarantee", "proven"):
        assert not re.search(rf"\b{word}\b", text), word
    assert "promise no health outcome" in text


def test_an_unknown_language_falls_back_to_english_and_an_unknown_page_is_an_error():
    assert load_help_page(PAGE, "xx") == load_help_page(PAGE)
    with pytest.raises(FileNotFoundError):
        load_help_page("no-such-page")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_window_reads_by_keyboard_and_screen_reader(qtbot: QtBot, theme: str):
    window = WhyWindow(theme=theme)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "Why this helps"
    assert window.focusWidget() is window.text
    assert window.text.accessibleName() == "Why this helps"
    assert "A hand on the heart is a kind of hug" in window.text.toPlainText()
    assert window.close_button.accessibleDescription()
    qtbot.keyClick(window.text, Qt.Key.Key_Tab)  # type: ignore[no-untyped-call]
    assert window.focusWidget() is window.close_button
    qtbot.keyClick(window.close_button, Qt.Key.Key_Escape)  # type: ignore[no-untyped-call]
    assert not window.isVisible()
