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
from kindtray.i18n import N_, _, ngettext, pgettext
from kindtray.storage.phrase_store import MyWordsError, MyWordsFile, load_library
from kindtray.ui.widgets import Group, PreferencesPage, Row, secondary

_NEED_LABELS = KEYS_BY_NAME["phrases.needs"].choice_labels
GROUP_LABELS: Final[dict[str, str]] = {
    "arrive": N_("Arriving"),
    "notice": N_("Noticing the moment"),
    "not_alone": N_("Not alone"),
    "touch": N_("A kind touch"),
    "closing": N_("Closing"),
    "reminder": N_("Reminders"),
}
"""Each group of the minute as the page names it (English catalog texts), in GROUPS' order."""


def group_label(group: str) -> str:
    """The page's name for a group, translated (another practice's: as its plan names it)."""
    if group in GROUP_LABELS:
        return _(GROUP_LABELS[group])
    if group in _NEED_LABELS:
        # Translators: a group of phrases for one need, "Kind words: Calm".
        return _("Kind words: {need}").format(need=_(_NEED_LABELS[group]).replace("&", ""))
    practice = PRACTICE_GROUP_LABELS.get(group)
    if practice:
        return _(practice)
    return group.replace("_", " ").replace("-", " ").capitalize()


INTRO: Final = N_("Your own phrases sit beside kindtray's. Changes are saved to your file at once.")
HIDDEN_NOTE: Final = N_("A hidden phrase is never shown; a favourite comes round twice as often.")
WRITE_NOTE: Final = N_(
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
        super().__init__(_("My words"), "page_my_words")
        self.setAccessibleName(_("My words"))
        self.path = phrases_file
        self.library = PhraseLibrary()
        self.file = MyWordsFile(phrases_file)
        self.editable = True

        self.group_box = QComboBox()
        self.group_box.setObjectName("myWordsGroup")
        # Translators: a group of phrases (the steps of a break, the reminders, the needs).
        self.group_box.setAccessibleName(pgettext("phrases", "Group"))
        for group in GROUPS:
            self.group_box.addItem(group_label(group), group)

        self.list = QListWidget()
        self.list.setObjectName("myWordsList")
        self.list.setAccessibleName(_("Phrases in this group"))
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setMinimumHeight(180)
        self.hide_button = QPushButton(_("&Hide"))
        self.hide_button.setObjectName("myWordsHide")
        self.favourite_button = QPushButton(_("Fa&vourite"))
        self.favourite_button.setObjectName("myWordsFavourite")
        self.remove_button = QPushButton(_("Re&move mine"))
        self.remove_button.setObjectName("myWordsRemove")
        self.remove_button.setAccessibleName(_("Remove my phrase"))
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
        self.words.setAccessibleName(_("Words"))
        self.words.setPlaceholderText(_("Write a phrase in your own words"))
        self.words.setMaxLength(200)  # room to see the length message, not a whole essay
        self.length = QLabel()
        self.length.setObjectName("myWordsLength")
        self.length.setAccessibleName(pgettext("phrase", "Length"))
        self.add_button = QPushButton(_("Add as &new"))
        self.add_button.setObjectName("myWordsAdd")
        self.save_button = QPushButton(_("Sav&e change"))
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
        self.message.setAccessibleName(_("Message"))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where = secondary(QLabel(_("Your phrases file: {path}").format(path=phrases_file)))
        self.where.setObjectName("subtitle")
        self.where.setWordWrap(True)
        self.where.setTextFormat(Qt.TextFormat.PlainText)

        words_group = self.add(Group(_("Your words and kindtray's"), _(INTRO)))
        words_group.add(
            Row(
                pgettext("phrases", "&Group"),
                _("Which phrases to show"),
                self.group_box,
                buddy=self.group_box,
            )
        )
        self.phrases_row = words_group.add(
            Row(_("Phrases"), _(HIDDEN_NOTE), phrases, buddy=self.list, wide=True)
        )
        write_group = self.add(Group(_("Write"), _(WRITE_NOTE)))
        self.words_row = write_group.add(
            Row(
                _("&Words"),
                _("A phrase of your own, or a change to the one selected."),
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
            # Translators: {problem} says what is wrong with the phrases file.
            self._tell(
                _("{problem}. Until then, this page only shows the phrases.").format(problem=exc)
            )
        else:
            self.editable = True
            own = [p for p in problems if p.startswith(str(self.path))]
            self._tell(own[0] if own else "")
        self._fill_list(select=select)

    def _fill_list(self, *_args: object, select: str | None = None) -> None:
        self.list.clear()
        marks = self.library.marks
        for phrase in self.library.group(self.group):
            tags = []
            if phrase.id.startswith(USER_ID_PREFIX):
                # Translators: a tag after a phrase in the list: the person wrote it.
                tags.append(pgettext("phrase tag", "yours"))
            if phrase.id in marks.favourite:
                tags.append(pgettext("phrase tag", "favourite"))
            if phrase.id in marks.hidden:
                tags.append(pgettext("phrase tag", "hidden"))
            label = phrase.text
            if tags:
                # Translators: a phrase, then its tags in brackets: "Breathe in.   (yours)".
                label = _("{phrase}   ({tags})").format(phrase=label, tags=_(", ").join(tags))
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

    def _selected(self, *_args: object) -> None:
        phrase = self.selected()
        if phrase is not None:
            self.words.setText(phrase.text)
        hidden = phrase is not None and phrase.id in self.library.marks.hidden
        favourite = phrase is not None and phrase.id in self.library.marks.favourite
        self.hide_button.setText(_("S&how again") if hidden else _("&Hide"))
        self.hide_button.setAccessibleName(_("Show again") if hidden else _("Hide"))
        self.favourite_button.setText(_("Not a fa&vourite") if favourite else _("Fa&vourite"))
        self.favourite_button.setAccessibleName(
            _("Not a favourite") if favourite else _("Favourite")
        )
        own = phrase is not None and phrase.id.startswith(USER_ID_PREFIX)
        self.save_button.setText(_("Sav&e change") if own or phrase is None else _("Sav&e as mine"))
        self.save_button.setAccessibleName(
            _("Save change") if own or phrase is None else _("Save as my own version")
        )
        for button in (self.hide_button, self.favourite_button):
            button.setEnabled(self.editable and phrase is not None)
        self.remove_button.setEnabled(self.editable and own)
        self._check()

    def _check(self, *_args: object) -> str | None:
        """Check the words as typed; show the first problem; return it (None when fine)."""
        words = self.words.text()
        count = len(words.strip())
        self.length.setText(
            ngettext(
                "{count} of {most} characters", "{count} of {most} characters", MAX_LENGTH
            ).format(count=count, most=MAX_LENGTH)
        )
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
        self._save(
            _("Added to {group}.").format(group=group_label(self.group)), USER_ID_PREFIX + key
        )

    def save_change(self) -> None:
        """Save the edited words: in place for the person's own, as theirs for kindtray's."""
        phrase = self.selected()
        if phrase is None or self._check() is not None:
            return
        words = self.words.text().strip()
        if phrase.id.startswith(USER_ID_PREFIX):
            key = phrase.id.removeprefix(USER_ID_PREFIX)
            self.file.set_phrase(self.group, key, words)
            self._save(_("Saved."), phrase.id)
            return
        key = new_phrase_id(words, self.file.keys())
        self.file.set_phrase(self.group, key, words)
        self.file.set_mark(HIDDEN_TABLE, phrase.id, on=True)
        self._save(_("Saved as your own; kindtray's version is hidden."), USER_ID_PREFIX + key)

    def toggle_hidden(self) -> None:
        """Hide the selected phrase, or show it again."""
        self._toggle(HIDDEN_TABLE, self.library.marks.hidden, _("Hidden."), _("Shown again."))

    def toggle_favourite(self) -> None:
        """Make the selected phrase a favourite, or an ordinary one again."""
        self._toggle(
            FAVOURITE_TABLE,
            self.library.marks.favourite,
            _("A favourite now."),
            _("No longer a favourite."),
        )

    def remove(self) -> None:
        """Take the selected phrase of the person's own out of the file."""
        phrase = self.selected()
        if phrase is None or not phrase.id.startswith(USER_ID_PREFIX):
            return
        self.file.remove_phrase(self.group, phrase.id.removeprefix(USER_ID_PREFIX))
        self._save(_("Removed."), None)

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
            self._tell(_("Not saved: {reason}").format(reason=exc))
            return
        self.reload(select)
        self._tell(done)
        self.changed.emit()
