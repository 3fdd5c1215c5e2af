"""Settings' "My words" page: add, edit, hide or favourite the phrases of each group.

Owns the page's controls and what each click does to the user's phrases file: every change
is checked on the spot by the rules of ``kindtray phrases`` (``core.phrases.check_phrase``)
and written at once through ``storage.phrase_store.MyWordsFile``, which keeps the file's
comments and hand-written lines. It must not judge words itself or write the file any
other way. kindtray's own phrases are never changed: editing one saves the new words as the
person's own and hides kindtray's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kindtray.core.break_script import PRACTICE_GROUP_LABELS
from kindtray.core.phrase_rules import MAX_LENGTH
from kindtray.core.phrases import (
    FAVOURITE_TABLE,
    GROUPS,
    HIDDEN_TABLE,
    USER_ID_PREFIX,
    Phrase,
    PhraseLibrary,
    check_phrase,
    new_phrase_id,
)
from kindtray.core.settings_keys import KEYS_BY_NAME
from kindtray.storage.phrase_store import MyWordsError, MyWordsFile, load_library
from kindtray.ui.widgets import Group, PreferencesPage, Row, secondary

_NEED_LABELS = KEYS_BY_NAME["phrases.needs"].choice_labels
GROUP_LABELS: Final[dict[str, str]] = {
    "arrive": "Arriving",
    "notice": "Noticing the moment",
    "not_alone": "Not alone",
    "touch": "A kind touch",
    "closing": "Closing",
    "reminder": "Reminders",
    **{need: "Kind words: " + label.replace("&", "") for need, label in _NEED_LABELS.items()},
}
"""Each group of the minute as the page names it, in the order of GROUPS."""


def group_label(group: str) -> str:
    """The page's name for a group (another practice's groups: as its plan names them)."""
    return (
        GROUP_LABELS.get(group)
        or PRACTICE_GROUP_LABELS.get(group)
        or group.replace("_", " ").replace("-", " ").capitalize()
    )


INTRO: Final = "Your own phrases sit beside kindtray's. Changes are saved to your file at once."
HIDDEN_NOTE: Final = "A hidden phrase is never shown; a favourite comes round twice as often."
WRITE_NOTE: Final = (
    'Under 90 characters. "You" speaks to you, "I" speaks as you; a break keeps to one. '
    "Changing one of kindtray's phrases keeps yours and hides theirs."
)
ID_ROLE: Final = Qt.ItemDataRole.UserRole


class MyWordsPage(PreferencesPage):
    """The page: a group, its phrases, the words being written, and what they may become.

    Built from the settings dialog's boxed lists, so it looks like the declared pages.
    ``changed`` is emitted after every save (the running app picks the file up by itself;
    the signal is for whoever shows the page).
    """

    changed = Signal()

    def __init__(self, phrases_file: Path) -> None:
        super().__init__("My words", "page_my_words")
        self.setAccessibleName("My words")
        self.path = phrases_file
        self.library = PhraseLibrary()
        self.file = MyWordsFile(phrases_file)
        self.editable = True

        self.group_box = QComboBox()
        self.group_box.setObjectName("myWordsGroup")
        self.group_box.setAccessibleName("Group")
        for group in GROUPS:
            self.group_box.addItem(group_label(group), group)

        self.list = QListWidget()
        self.list.setObjectName("myWordsList")
        self.list.setAccessibleName("Phrases in this group")
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setMinimumHeight(180)
        self.hide_button = QPushButton("&Hide")
        self.hide_button.setObjectName("myWordsHide")
        self.favourite_button = QPushButton("Fa&vourite")
        self.favourite_button.setObjectName("myWordsFavourite")
        self.remove_button = QPushButton("Re&move mine")
        self.remove_button.setObjectName("myWordsRemove")
        self.remove_button.setAccessibleName("Remove my phrase")
        phrases = QWidget()
        phrases_layout = QVBoxLayout(phrases)
        phrases_layout.setContentsMargins(0, 0, 0, 0)
        phrases_layout.addWidget(self.list)
        marks = QHBoxLayout()
        for button in (self.hide_button, self.favourite_button, self.remove_button):
            marks.addWidget(button)
        marks.addStretch(1)
        phrases_layout.addLayout(marks)

        self.words = QLineEdit()
        self.words.setObjectName("myWordsWords")
        self.words.setAccessibleName("Words")
        self.words.setPlaceholderText("Write a phrase in your own words")
        self.words.setMaxLength(200)  # room to see the length message, not a whole essay
        self.length = QLabel()
        self.length.setObjectName("myWordsLength")
        self.length.setAccessibleName("Length")
        self.add_button = QPushButton("Add as &new")
        self.add_button.setObjectName("myWordsAdd")
        self.save_button = QPushButton("Sav&e change")
        self.save_button.setObjectName("myWordsSave")
        writing = QWidget()
        writing_layout = QVBoxLayout(writing)
        writing_layout.setContentsMargins(0, 0, 0, 0)
        writing_layout.addWidget(self.words)
        edits = QHBoxLayout()
        edits.addWidget(self.length)
        edits.addStretch(1)
        edits.addWidget(self.add_button)
        edits.addWidget(self.save_button)
        writing_layout.addLayout(edits)

        self.message = QLabel()
        self.message.setObjectName("myWordsMessage")
        self.message.setAccessibleName("Message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where = secondary(QLabel(f"Your phrases file: {phrases_file}"))
        self.where.setObjectName("subtitle")
        self.where.setWordWrap(True)
        self.where.setTextFormat(Qt.TextFormat.PlainText)

        words_group = self.add(Group("Your words and kindtray's", INTRO))
        words_group.add(
            Row("&Group", "Which phrases to show", self.group_box, buddy=self.group_box)
        )
        self.phrases_row = words_group.add(
            Row("Phrases", HIDDEN_NOTE, phrases, buddy=self.list, wide=True)
        )
        write_group = self.add(Group("Write", WRITE_NOTE))
        self.words_row = write_group.add(
            Row(
                "&Words",
                "A phrase of your own, or a change to the one selected.",
                writing,
                buddy=self.words,
                wide=True,
            )
        )
        write_group.add_below(self.message)
        write_group.add_below(self.where)

        self.group_box.currentIndexChanged.connect(self._fill_list)
        self.list.currentItemChanged.connect(self._selected)
        self.words.textChanged.connect(self._check)
        self.hide_button.clicked.connect(self.toggle_hidden)
        self.favourite_button.clicked.connect(self.toggle_favourite)
        self.remove_button.clicked.connect(self.remove)
        self.add_button.clicked.connect(self.add_new)
        self.save_button.clicked.connect(self.save_change)
        self.reload()

    # -- what is shown ---------------------------------------------------------------------

    @property
    def group(self) -> str:
        """The group the page shows."""
        return str(self.group_box.currentData())

    def selected(self) -> Phrase | None:
        """The phrase selected in the list, if any."""
        item = self.list.currentItem()
        return None if item is None else self.library.get(str(item.data(ID_ROLE)))

    def reload(self, select: str | None = None) -> None:
        """Read the file and the library again, and show ``select`` (a library id) if given."""
        self.library, problems = load_library(self.path)
        try:
            self.file.load()
        except MyWordsError as exc:
            self.editable = False
            self._tell(f"{exc}. Until then, this page only shows the phrases.")
        else:
            self.editable = True
            own = [p for p in problems if p.startswith(str(self.path))]
            self._tell(own[0] if own else "")
        self._fill_list(select=select)

    def _fill_list(self, *_: object, select: str | None = None) -> None:
        self.list.clear()
        marks = self.library.marks
        for phrase in self.library.group(self.group):
            tags = []
            if phrase.id.startswith(USER_ID_PREFIX):
                tags.append("yours")
            if phrase.id in marks.favourite:
                tags.append("favourite")
            if phrase.id in marks.hidden:
                tags.append("hidden")
            label = phrase.text + (f"   ({', '.join(tags)})" if tags else "")
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, phrase.id)
            if phrase.id in marks.hidden:
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
            self.list.addItem(item)
            if phrase.id == select:
                self.list.setCurrentItem(item)
        if select is None:
            self.words.clear()
        self._selected()

    def _selected(self, *_: object) -> None:
        phrase = self.selected()
        if phrase is not None:
            self.words.setText(phrase.text)
        hidden = phrase is not None and phrase.id in self.library.marks.hidden
        favourite = phrase is not None and phrase.id in self.library.marks.favourite
        self.hide_button.setText("S&how again" if hidden else "&Hide")
        self.hide_button.setAccessibleName("Show again" if hidden else "Hide")
        self.favourite_button.setText("Not a fa&vourite" if favourite else "Fa&vourite")
        self.favourite_button.setAccessibleName("Not a favourite" if favourite else "Favourite")
        own = phrase is not None and phrase.id.startswith(USER_ID_PREFIX)
        self.save_button.setText("Sav&e change" if own or phrase is None else "Sav&e as mine")
        self.save_button.setAccessibleName(
            "Save change" if own or phrase is None else "Save as my own version"
        )
        for button in (self.hide_button, self.favourite_button):
            button.setEnabled(self.editable and phrase is not None)
        self.remove_button.setEnabled(self.editable and own)
        self._check()

    def _check(self, *_: object) -> str | None:
        """Check the words as typed; show the first problem; return it (None when fine)."""
        words = self.words.text()
        self.length.setText(f"{len(words.strip())} of {MAX_LENGTH} characters")
        phrase = self.selected()
        changed = phrase is None or words.strip() != phrase.text
        problem: str | None = None
        if words.strip() and changed:
            key, replacing = self._key_for(words, phrase)
            problem = check_phrase(
                self.library, str(self.path), self.group, key, words, replacing=replacing
            )
        self.words_row.show_problem(problem or "")
        self.words.setAccessibleDescription(problem or "")
        fine = self.editable and bool(words.strip()) and problem is None
        self.add_button.setEnabled(fine and changed)
        self.save_button.setEnabled(fine and changed and phrase is not None)
        return problem

    def _key_for(self, words: str, editing: Phrase | None) -> tuple[str, str | None]:
        """The id the words would be written under, and the id they replace."""
        if editing is not None and editing.id.startswith(USER_ID_PREFIX):
            return editing.id.removeprefix(USER_ID_PREFIX), editing.id
        return new_phrase_id(words, self.file.keys()), None

    def _tell(self, text: str) -> None:
        self.message.setText(text)

    # -- what the buttons do ---------------------------------------------------------------

    def add_new(self) -> None:
        """Add the words as a new phrase of the person's own in the group shown."""
        if self._check() is not None or not self.words.text().strip():
            return
        key = new_phrase_id(self.words.text(), self.file.keys())
        self.file.set_phrase(self.group, key, self.words.text().strip())
        self._save(f"Added to {group_label(self.group)}.", USER_ID_PREFIX + key)

    def save_change(self) -> None:
        """Save the edited words: in place for the person's own, as theirs for kindtray's."""
        phrase = self.selected()
        if phrase is None or self._check() is not None:
            return
        words = self.words.text().strip()
        if phrase.id.startswith(USER_ID_PREFIX):
            key = phrase.id.removeprefix(USER_ID_PREFIX)
            self.file.set_phrase(self.group, key, words)
            self._save("Saved.", phrase.id)
            return
        key = new_phrase_id(words, self.file.keys())
        self.file.set_phrase(self.group, key, words)
        self.file.set_mark(HIDDEN_TABLE, phrase.id, on=True)
        self._save("Saved as your own; kindtray's version is hidden.", USER_ID_PREFIX + key)

    def toggle_hidden(self) -> None:
        """Hide the selected phrase, or show it again."""
        self._toggle(HIDDEN_TABLE, self.library.marks.hidden, "Hidden.", "Shown again.")

    def toggle_favourite(self) -> None:
        """Make the selected phrase a favourite, or an ordinary one again."""
        self._toggle(
            FAVOURITE_TABLE,
            self.library.marks.favourite,
            "A favourite now.",
            "No longer a favourite.",
        )

    def remove(self) -> None:
        """Take the selected phrase of the person's own out of the file."""
        phrase = self.selected()
        if phrase is None or not phrase.id.startswith(USER_ID_PREFIX):
            return
        self.file.remove_phrase(self.group, phrase.id.removeprefix(USER_ID_PREFIX))
        self._save("Removed.", None)

    def _toggle(self, table: str, marked: frozenset[str], on_text: str, off_text: str) -> None:
        phrase = self.selected()
        if phrase is None:
            return
        on = phrase.id not in marked
        self.file.set_mark(table, phrase.id.removeprefix(USER_ID_PREFIX), on=on)
        self._save(on_text if on else off_text, phrase.id)

    def _save(self, done: str, select: str | None) -> None:
        try:
            self.file.save()
        except (OSError, MyWordsError) as exc:
            self.reload(select)
            self._tell(f"Not saved: {exc}")
            return
        self.reload(select)
        self._tell(done)
        self.changed.emit()
