"""The "My words" page: typed words are checked at once, and every click lands in the file."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from kindtray.ui.my_words import MyWordsPage

MINE = (
    "# My phrases. Kept by hand since 2025.\n"
    "\n"
    "[warmth]  # the good ones\n"
    'grandma = "Grandma\'s voice: you are loved, little one."  # every night\n'
    "\n"
    "# more later\n"
)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    file = tmp_path / "config" / "phrases.toml"
    file.parent.mkdir()
    file.write_text(MINE, encoding="utf-8")
    return file


def page_on(qtbot: Any, path: Path, group: str) -> MyWordsPage:
    page = MyWordsPage(path)
    qtbot.addWidget(page)
    page.group_box.setCurrentIndex(page.group_box.findData(group))
    return page


def select(page: MyWordsPage, phrase_id: str) -> None:
    for row in range(page.list.count()):
        if page.list.item(row).data(Qt.ItemDataRole.UserRole) == phrase_id:
            page.list.setCurrentRow(row)
            return
    raise AssertionError(f"{phrase_id} is not listed")


def type_words(qtbot: Any, edit: QLineEdit, words: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, words)


def document(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text("utf-8"))


def test_a_new_phrase_is_checked_added_and_the_file_keeps_its_comments(qtbot, path) -> None:
    page = page_on(qtbot, path, "calm")
    page.list.setCurrentRow(-1)
    type_words(qtbot, page.words, "I can let the kettle boil slowly.")
    assert page.add_button.isEnabled()
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    text = path.read_text("utf-8")
    assert text.startswith(MINE.rstrip("\n"))  # the hand-written part, byte for byte
    assert document(path)["calm"] == {"i-can-let-the": "I can let the kettle boil slowly."}
    selected = page.selected()
    assert selected is not None and selected.id == "user:i-can-let-the"
    assert "Added" in page.message.text()


def test_bad_words_are_refused_on_the_spot_naming_file_key_and_rule(qtbot, path) -> None:
    page = page_on(qtbot, path, "warmth")
    page.list.setCurrentRow(-1)
    type_words(qtbot, page.words, "A kind word " * 8)
    message = page.words_row.problem.text()
    assert message.startswith(f"{path}: [warmth] a-kind-word-a: the phrase is")
    assert "phrases stay under 90" in message
    assert not page.add_button.isEnabled()
    assert page.words.accessibleDescription() == message
    type_words(qtbot, page.words, "may I be KIND to myself.")
    problem = page.words_row.problem.text()
    assert 'the same words as "warmth-kind-to-myself" (a built-in phrase)' in problem
    type_words(qtbot, page.words, "A kind word.")
    assert page.words_row.slot.currentWidget() is page.words_row.subtitle
    assert page.add_button.isEnabled()
    assert path.read_text("utf-8") == MINE, "nothing is written while checking"


def test_hide_and_show_again_a_built_in_phrase(qtbot, path) -> None:
    page = page_on(qtbot, path, "calm")
    select(page, "calm-lake")
    qtbot.mouseClick(page.hide_button, Qt.MouseButton.LeftButton)
    assert document(path)["hidden"] == {"ids": ["calm-lake"]}
    assert "(hidden)" in page.list.currentItem().text()
    assert page.hide_button.accessibleName() == "Show again"
    qtbot.mouseClick(page.hide_button, Qt.MouseButton.LeftButton)
    assert document(path)["hidden"] == {"ids": []}
    assert path.read_text("utf-8").startswith(MINE.rstrip("\n"))


def test_editing_a_built_in_phrase_saves_it_as_mine_and_hides_the_original(qtbot, path) -> None:
    page = page_on(qtbot, path, "calm")
    select(page, "calm-no-hurry")
    assert page.save_button.accessibleName() == "Save as my own version"
    type_words(qtbot, page.words, "There is no hurry in this minute, none at all.")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = document(path)
    assert saved["calm"] == {"there-is-no-hurry": "There is no hurry in this minute, none at all."}
    assert saved["hidden"] == {"ids": ["calm-no-hurry"]}


def test_my_own_phrase_is_edited_in_place_favoured_and_removed(qtbot, path) -> None:
    page = page_on(qtbot, path, "warmth")
    select(page, "user:grandma")
    type_words(qtbot, page.words, "Grandma's voice: you are loved, just as you are.")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    text = path.read_text("utf-8")
    assert 'grandma = "Grandma\'s voice: you are loved, just as you are."  # every night' in text
    qtbot.mouseClick(page.favourite_button, Qt.MouseButton.LeftButton)
    assert document(path)["favourite"] == {"ids": ["grandma"]}
    assert "favourite" in page.list.currentItem().text()
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    saved = document(path)
    assert saved["warmth"] == {} and saved["favourite"] == {"ids": []}
    assert "# more later" in path.read_text("utf-8")


def test_a_file_that_is_not_toml_is_shown_but_never_written(qtbot, path) -> None:
    path.write_text("[warmth\nbroken =\n", encoding="utf-8")
    page = page_on(qtbot, path, "calm")
    assert str(path) in page.message.text() and "not valid TOML" in page.message.text()
    select(page, "calm-lake")
    assert not page.hide_button.isEnabled() and not page.favourite_button.isEnabled()
    type_words(qtbot, page.words, "Fine new words.")
    assert not page.add_button.isEnabled()
    assert path.read_text("utf-8") == "[warmth\nbroken =\n"


def test_every_control_has_a_name_and_a_keyboard_way(qtbot, path) -> None:
    page = page_on(qtbot, path, "calm")
    for control in (
        page.group_box,
        page.list,
        page.hide_button,
        page.favourite_button,
        page.remove_button,
        page.words,
        page.add_button,
        page.save_button,
    ):
        own_words = control.text() if isinstance(control, QPushButton | QLineEdit) else ""
        assert control.accessibleName() or own_words.replace("&", ""), control
        assert control.focusPolicy() != Qt.FocusPolicy.NoFocus
    labels = [b.text() for b in (page.hide_button, page.favourite_button, page.remove_button)] + [
        page.add_button.text(),
        page.save_button.text(),
    ]
    keys = [t[t.index("&") + 1].lower() for t in labels]
    assert len(set(keys)) == len(keys)
