"""The settings dialog's pages: a list of pages at the left, one page of boxed rows at a time.

What this module owns: which pages there are and in what order, and building each declared
page from ``kindtray.core.settings_keys.KEYS`` (one group per declared ``group``, one row per
declared ``label``) with the shared controls of ``kindtray.ui.widgets``, plus the hand-made
rows (your phrases file, the folders). What it must not do: judge values, save, or open
anything itself; the dialog does, on the signals this module sends.

Adding a page: write it as a QWidget (``kindtray.ui.widgets.PreferencesPage``, ``Group`` and
``Row`` give it the dialog's look) and add an ``ExtraPage`` to ``EXTRA_PAGES`` below, saying
which declared page it follows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kindtray.core.settings import KeySpec, Kind, Page, validate_value
from kindtray.core.settings_keys import GROUP_NOTES, KEYS
from kindtray.i18n import N_, _, pgettext
from kindtray.paths import Paths
from kindtray.ui.widgets import (
    Control,
    Group,
    PreferencesPage,
    Row,
    control_for,
    login_why_not,
    secondary,
)
from kindtray.ui.widgets.mnemonic import FocusLabel

SOUND_MISSING = N_("Sound cannot be played on this system.")
NO_EDITOR = N_("No program opened your phrases file. You can open it with any text editor:")


def page_title(page: Page) -> str:
    """A declared page's title in the list, in the language spoken now, without mnemonic."""
    return _(page.value).replace("&", "")


@dataclass(frozen=True)
class ExtraPage:
    """A page written by hand: its title in the list, its object name, how to build it.

    ``title`` is an English catalog text (``N_``), translated when the list is built. ``make``
    gets the user's paths and returns the page (a QWidget); ``after`` is the declared page it
    follows in the list (None: at the end).
    """

    title: str
    name: str
    make: Callable[[Paths], QWidget]
    after: Page | None = None


def _my_words(paths: Paths) -> QWidget:
    # Imported when the dialog is built: the page loads the phrase libraries.
    from kindtray.ui.my_words import MyWordsPage

    return MyWordsPage(paths.phrases_file)


# Pages that are not built from the declaration.
EXTRA_PAGES: tuple[ExtraPage, ...] = (
    ExtraPage(N_("My words"), "page_my_words", _my_words, after=Page.PHRASES),
)


def sound_available() -> bool:
    """Return True if this system has a player for the chime (see kindtray.system.sound)."""
    from kindtray.system.sound import find_player

    return find_player() is not None


@dataclass
class Field:
    """One setting's control: how to read its raw value, how to show a value, its row."""

    read: Callable[[], object]
    show: Callable[[Any], None]
    error: QLabel
    label: QLabel | None
    focus: QWidget
    row: Row


class SettingsPages(QWidget):
    """The page list and the pages; ``fields`` maps each dotted key to its control and row.

    Signals, not callbacks, reach the dialog: a child holding the dialog's methods would keep
    both alive in a reference cycle after the dialog is closed and deleted.
    """

    open_phrases_file = Signal()
    open_folder = Signal(object)
    copy_text = Signal(str)

    def __init__(
        self,
        paths: Paths,
        *,
        has_sound: bool,
        login_supported: bool,
        extra_pages: tuple[ExtraPage, ...] | None = None,
    ) -> None:
        super().__init__()
        self._paths = paths
        self._has_sound = has_sound
        self._login_supported = login_supported
        self.fields: dict[str, Field] = {}
        self.signals: list[SignalInstance] = []  # every control's "the user changed me"

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName(_("Pages"))
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setAccessibleName(_("Message"))
        self.status_box = _notice(self.status)
        self.status_box.hide()

        extras = EXTRA_PAGES if extra_pages is None else extra_pages
        for page in Page:
            self._add_page(page_title(page), self._build_page(page))
            for extra in extras:
                if extra.after is page:
                    self._add_page(_(extra.title), self._build_extra(extra))
        for extra in extras:
            if extra.after is None:
                self._add_page(_(extra.title), self._build_extra(extra))

        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        self.nav.setFixedWidth(max(self.nav.sizeHintForColumn(0) + 40, 168))

        # The side: the window's name over the list of pages, as GNOME's Settings has it.
        side = QFrame()
        side.setObjectName("side")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 18, 8, 12)
        side_layout.setSpacing(10)
        heading = QLabel(_("Settings"))
        heading.setObjectName("sideTitle")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        heading.setFont(font)
        heading.setContentsMargins(12, 0, 0, 0)
        side_layout.addWidget(heading)
        side_layout.addWidget(self.nav, 1)

        self.right = QVBoxLayout()
        self.right.setContentsMargins(0, 0, 0, 0)
        self.right.setSpacing(0)
        status_place = QHBoxLayout()
        status_place.setContentsMargins(28, 18, 28, 0)
        status_place.addWidget(self.status_box)
        self.right.addLayout(status_place)
        self.right.addWidget(self.stack, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addLayout(self.right, 1)

    def add_footer(self, footer: QLayout) -> None:
        """Put ``footer`` under the pages, beside the list (the preview and the buttons)."""
        self.right.addLayout(footer)

    # -- the pages as a whole ------------------------------------------------------------

    def _add_page(self, title: str, page: QWidget) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
        self.nav.addItem(item)
        self.stack.addWidget(page)

    def _build_extra(self, extra: ExtraPage) -> QWidget:
        page = extra.make(self._paths)
        page.setObjectName(page.objectName() or extra.name)
        return page

    def count(self) -> int:
        """How many pages there are."""
        return self.stack.count()

    def widget(self, index: int) -> QWidget:
        """The page at ``index``."""
        page = self.stack.widget(index)
        assert page is not None, index
        return page

    def title(self, index: int) -> str:
        """The title of the page at ``index``, as the list shows it."""
        item = self.nav.item(index)
        return item.text() if item is not None else ""

    def currentIndex(self) -> int:
        """The index of the page showing."""
        return self.stack.currentIndex()

    def setCurrentIndex(self, index: int) -> None:
        """Show the page at ``index`` (the list follows)."""
        self.nav.setCurrentRow(index)

    def set_status(self, text: str, *, error: bool) -> None:
        """Show ``text`` above the pages ("" hides it)."""
        self.status.setText(text)
        self.status.setProperty("error", error)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status_box.setVisible(bool(text))

    # -- a declared page -----------------------------------------------------------------

    def _build_page(self, page_id: Page) -> PreferencesPage:
        """One group per declared group, one row per declared label, in declared order."""
        name = page_id.name.lower()
        page = PreferencesPage(page_title(page_id), f"page_{name}")
        specs = [spec for spec in KEYS if spec.page is page_id]
        groups: dict[str, list[KeySpec]] = {}
        for spec in specs:
            groups.setdefault(spec.group, []).append(spec)
        for heading, members in groups.items():
            note = GROUP_NOTES.get(heading, "")
            group = page.add(Group(_(heading) if heading else "", _(note) if note else ""))
            rows: dict[str, list[KeySpec]] = {}
            for spec in members:
                rows.setdefault(spec.label, []).append(spec)
            for together in rows.values():
                if len(together) == 2 and all(s.kind is Kind.TIME for s in together):
                    self._add_time_range(group, *together)
                else:
                    self._add_row(group, together[0])
        if page_id is Page.PHRASES:
            self._add_phrases_file_group(page)
        if page_id is Page.SYSTEM:
            self._add_folder_group(page)
        return page

    def _why_not(self, spec: KeySpec) -> str:
        """Why a switch cannot work here, or "" when it can."""
        if spec.key == "break.sound" and not self._has_sound:
            return _(SOUND_MISSING)
        if spec.key == "system.start_at_login":
            return login_why_not(self._login_supported)
        return ""

    def _add_row(self, group: Group, spec: KeySpec) -> None:
        why_not = self._why_not(spec)
        control = control_for(spec, why_not=why_not, rows=True)
        if not control.focus.accessibleName():
            control.focus.setAccessibleName(spec.title)
        wide = spec.kind is Kind.SUBSET
        row = Row(
            _(spec.label),
            why_not or (_(spec.hint) if spec.hint else ""),
            control.widget,
            buddy=control.focus,
            wide=wide,
            reserve=_longest_problem(spec),
        )
        if spec.kind is Kind.OPTIONAL_TIME:
            control.focus.setAccessibleName(_(spec.label).replace("&", ""))
        group.add(row)
        self._keep(spec, control, row)

    def _add_time_range(self, group: Group, first: KeySpec, second: KeySpec) -> None:
        """Two times on one row ("09:00 until 18:00"), with one title and one subtitle."""
        start = control_for(first, rows=True)
        end = control_for(second, rows=True)
        hours = QWidget()
        hours_layout = QHBoxLayout(hours)
        hours_layout.setContentsMargins(0, 0, 0, 0)
        hours_layout.setSpacing(10)
        # Translators: between two times of day, "09:00 until 18:00"; keep the mnemonic (&).
        until = FocusLabel(_("&until"))
        until.setBuddy(end.focus)
        hours_layout.addWidget(start.widget)
        hours_layout.addWidget(until)
        hours_layout.addWidget(end.widget)
        row = Row(_(first.label), _(first.hint) if first.hint else "", hours, buddy=start.focus)
        group.add(row)
        self._keep(first, start, row)
        self._keep(second, end, row)

    def _keep(self, spec: KeySpec, control: Control, row: Row) -> None:
        self.signals.extend(control.signals)
        self.fields[spec.key] = Field(
            control.read, control.show, row.problem, row.title, control.focus, row
        )

    # -- the rows written by hand ------------------------------------------------------------

    def _add_phrases_file_group(self, page: PreferencesPage) -> None:
        group = page.add(Group(_("Your own phrases")))
        button = QPushButton(_("Open my phrases &file"))
        button.setObjectName("open_phrases")
        button.clicked.connect(self.open_phrases_file)
        group.add(
            Row(_("Phrases in your own words"), _("kindtray mixes them in with its own."), button)
        )

        # Shown when no program opened the file: where it is, and two ways on.
        self.phrases_where = QLabel()
        self.phrases_where.setObjectName("where")
        self.phrases_where.setWordWrap(True)
        self.phrases_where.setTextFormat(Qt.TextFormat.PlainText)
        self.phrases_where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.phrases_where.setAccessibleName(_("Where your phrases file is"))
        self.phrases_message = QLabel(_(NO_EDITOR))
        self.phrases_message.setObjectName("phrasesMessage")
        self.phrases_message.setWordWrap(True)
        copy = QPushButton(_("&Copy the path"))
        copy.setObjectName("copy_phrases_path")
        copy.clicked.connect(lambda: self.copy_text.emit(str(self._paths.phrases_file)))
        folder = QPushButton(_("Open the f&older"))
        folder.setObjectName("open_phrases_folder")
        folder.clicked.connect(lambda: self.open_folder.emit(self._paths.phrases_file.parent))
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addStretch(1)
        buttons.addWidget(copy)
        buttons.addWidget(folder)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.setSpacing(6)
        inner_layout.addWidget(self.phrases_message)
        inner_layout.addWidget(secondary(self.phrases_where))
        inner_layout.addLayout(buttons)
        self.phrases_notice = _notice(inner)
        self.phrases_notice.setObjectName("phrasesNotice")
        self.phrases_notice.hide()
        group.add_below(self.phrases_notice)

    def show_phrases_notice(self, path: Path) -> None:
        """Say that no program opened the phrases file, where it is, and offer two ways on."""
        self.phrases_where.setText(str(path))
        self.phrases_notice.show()
        page = self.stack.currentWidget()
        if isinstance(page, QScrollArea):
            # Once laid out, scroll so the message and its buttons are in sight.
            notice = self.phrases_notice
            QTimer.singleShot(0, page, lambda: page.ensureWidgetVisible(notice, 0, 12))

    def _add_folder_group(self, page: PreferencesPage) -> None:
        group = page.add(
            Group(_("Your files"), _("Everything kindtray keeps stays on this computer."))
        )
        for title, folder, name, what, accessible in (
            (
                # Translators: a folder's name, on a row with an "Open" button.
                _("&Settings"),
                self._paths.config_dir,
                "open_config",
                _("Your settings and phrases"),
                _("Open the settings folder"),
            ),
            (
                _("&History"),
                self._paths.data_dir,
                "open_data",
                _("The record of your breaks"),
                _("Open the history folder"),
            ),
            (
                _("Lo&g"),
                self._paths.state_dir,
                "open_state",
                _("The log, and what kindtray remembers, such as a pause"),
                _("Open the log folder"),
            ),
        ):
            # Translators: the button that opens a folder.
            button = QPushButton(pgettext("folder", "Open"))
            button.setObjectName(name)
            button.setAccessibleName(accessible)
            button.clicked.connect(lambda _checked=False, f=folder: self.open_folder.emit(f))
            row = Row(title, f"{what}\n{folder}", button, buddy=button)
            row.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            group.add(row)


# -- helpers ------------------------------------------------------------------------------


def _longest_problem(spec: KeySpec) -> str:
    """The longest problem a row's control can lead to, to keep its place free ("" if none)."""
    if spec.kind is Kind.NUMBER:
        return validate_value(spec.key, 9999) or ""  # the spin box's widest wrong value
    return ""


def _notice(content: QWidget) -> QFrame:
    """A soft box around ``content``: a message the person should see."""
    box = QFrame()
    box.setObjectName("notice")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(14, 10, 14, 10)
    layout.addWidget(content)
    return box
