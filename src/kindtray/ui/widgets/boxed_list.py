"""The settings dialog's building blocks, after GNOME's boxed lists: pages, groups and rows.

A ``PreferencesPage`` scrolls a column of ``Group``s; a group has a heading, an optional line
under it and a box of ``Row``s; a row has a title, a one-line subtitle and its control at the
right end (or, for a wide control, under the words). A row's problem takes the subtitle's
place, in space reserved for it, so nothing moves when a problem appears or goes. Object names
(``row``, ``boxedList``, ``heading``, ``subtitle``, ``problem``) are what the dialog's style
sheet colours; nothing here picks a colour. Any page of the dialog, a declared one or one
written by hand, is built from these.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kindtray.i18n import _
from kindtray.ui.widgets.mnemonic import FocusLabel

SECONDARY_SCALE = 0.92  # subtitles and group lines, a little smaller than the titles
_SIDE = 28  # the page's margin left and right of its groups


def secondary(label: QLabel) -> QLabel:
    """Make ``label`` secondary text: a little smaller (the style sheet gives the colour)."""
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * SECONDARY_SCALE)
    label.setFont(font)
    return label


def _wrapped(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class _Place(QWidget):
    """The subtitle's place, shared with the problem, never resized by either.

    As tall as the taller of the subtitle and the longest problem the row can have. All three
    sit in one cell and keep their room when hidden, so the layout measures each as it paints
    it; the longest problem itself is never shown (nor read out).
    """

    def __init__(self, subtitle: QLabel, problem: QLabel, reserve: str) -> None:
        super().__init__()
        self.subtitle = subtitle
        self.problem = problem
        self.reserve = secondary(_wrapped(reserve, "reserve"))
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for label in (subtitle, problem, self.reserve):
            policy = label.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            label.setSizePolicy(policy)
            grid.addWidget(label, 0, 0)
        self.reserve.hide()
        problem.hide()

    def currentWidget(self) -> QLabel:
        """The label showing now: the problem, or the subtitle."""
        return self.problem if not self.problem.isHidden() else self.subtitle

    def show_problem(self, message: str) -> None:
        """Show ``message`` instead of the subtitle ("" brings the subtitle back)."""
        self.problem.setText(message)
        self.problem.setVisible(bool(message))
        self.subtitle.setVisible(not message)


class Row(QFrame):
    """One row: ``title`` and ``subtitle`` at the left, the control at the right end.

    ``wide`` puts the control under the words, across the row (a day picker, a set of
    choices). ``problem`` holds the row's problem; shown, it stands where the subtitle was.
    """

    def __init__(
        self,
        title: str,
        subtitle: str = "",
        control: QWidget | None = None,
        *,
        buddy: QWidget | None = None,
        wide: bool = False,
        reserve: str = "",
    ) -> None:
        """Build the row; ``buddy`` is where the title's mnemonic moves the focus.

        ``reserve`` is the longest problem this row can show: its lines are kept free, so
        a problem never makes the row taller.
        """
        super().__init__()
        self.setObjectName("row")
        self.title = FocusLabel(title)
        self.title.setObjectName("rowTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        if buddy is not None:
            self.title.setBuddy(buddy)
        self.subtitle = secondary(_wrapped(subtitle, "subtitle"))
        self.problem = secondary(_wrapped("", "problem"))
        self.problem.setAccessibleName(_("Problem"))
        # The subtitle and the problem share one place, as tall as the taller of the two.
        self.slot = _Place(self.subtitle, self.problem, reserve)
        self.slot.setVisible(bool(subtitle or reserve))

        words = QWidget()
        words_layout = QVBoxLayout(words)
        words_layout.setContentsMargins(0, 0, 0, 0)
        words_layout.setSpacing(2)
        words_layout.addWidget(self.title)
        words_layout.addWidget(self.slot)
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 10, 14, 10)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(8)
        grid.addWidget(words, 0, 0, Qt.AlignmentFlag.AlignVCenter)
        grid.setColumnStretch(0, 1)
        self.control = control
        if control is not None and wide:
            grid.addWidget(control, 1, 0, 1, 2)
        elif control is not None:
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            grid.addWidget(control, 0, 1, right)
        self.setMinimumHeight(52)

    def show_problem(self, message: str) -> None:
        """Show ``message`` where the subtitle is; "" brings the subtitle back."""
        self.slot.show_problem(message)
        if message:
            self.slot.show()
        self.title.setProperty("invalid", bool(message))
        self.title.style().unpolish(self.title)
        self.title.style().polish(self.title)


class Group(QWidget):
    """A heading, an optional line under it, and a box of rows with lines between them."""

    def __init__(self, heading: str, description: str = "") -> None:
        super().__init__()
        self.setObjectName("group")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.heading = QLabel(heading)
        self.heading.setObjectName("heading")
        font = self.heading.font()
        font.setWeight(font.Weight.DemiBold)
        self.heading.setFont(font)
        self.heading.setVisible(bool(heading))
        layout.addWidget(self.heading)
        self.description = secondary(_wrapped(description, "groupDescription"))
        self.description.setVisible(bool(description))
        layout.addWidget(self.description)
        layout.addSpacing(2)
        self.box = QFrame()
        self.box.setObjectName("boxedList")
        self._rows = QVBoxLayout(self.box)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(0)
        layout.addWidget(self.box)
        self.rows: list[Row] = []

    def add(self, row: Row) -> Row:
        """Add ``row`` at the bottom of the box; return it."""
        if self.rows:
            line = QFrame()
            line.setObjectName("separator")
            line.setFixedHeight(1)
            self._rows.addWidget(line)
        self._rows.addWidget(row)
        self.rows.append(row)
        return row

    def add_below(self, widget: QWidget) -> QWidget:
        """Add ``widget`` under the box (a notice about the group's rows); return it."""
        layout = self.layout()
        if layout is not None:
            layout.addWidget(widget)
        return widget


class PreferencesPage(QScrollArea):
    """One page of the dialog: its groups from top to bottom, scrolling if it must."""

    def __init__(self, title: str, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.title = title
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Tab goes straight to the first control; the area still scrolls to what has focus.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.column = QWidget()
        self.column.setObjectName("pageColumn")
        self._layout = QVBoxLayout(self.column)
        self._layout.setContentsMargins(_SIDE, 18, _SIDE, 18)
        self._layout.setSpacing(26)
        self._layout.addStretch(1)
        self.setWidget(self.column)
        self.groups: list[Group] = []
        # A scroll bar takes its width from the right margin, not from the rows: the controls
        # stay in the same column on a page that scrolls and on one that does not.
        self.verticalScrollBar().rangeChanged.connect(self._keep_column)

    def _keep_column(self, low: int, high: int) -> None:
        taken = self.verticalScrollBar().sizeHint().width() if high > low else 0
        self._layout.setContentsMargins(_SIDE, 18, max(_SIDE - taken, 0), 18)

    def add(self, group: Group) -> Group:
        """Add ``group`` under the others; return it."""
        self._layout.insertWidget(self._layout.count() - 1, group)
        self.groups.append(group)
        return group
