"""The "Your practice" window: the last 7 and 30 days, the mood picture, and an export.

Owns showing a PracticeView (read by ``kindtray.session.practice``): breaks taken and minutes
per span, the core's summary in words, the mood picture (chart or table, both with words a
screen reader reads), a kind line instead when there is too little to say anything honest,
and saving the history through a file dialog. No streaks, no scores, nothing counted against
anyone. Decides no wording of figures: ``kindtray.core.history`` does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kindtray.core.break_script import MOODS
from kindtray.core.history import Summary
from kindtray.i18n import N_, _, ngettext, pgettext
from kindtray.session.practice import PracticeView
from kindtray.session.summary_words import (
    mood_picture_text,
    practice_counts_text,
    summary_text,
)
from kindtray.ui.mood_chart import MoodChart, mood_table
from kindtray.ui.theme import apply_window_palette, colors_for, welcome_style
from kindtray.ui.windows import (
    button_row,
    make_button,
    name_window,
    scaled_fonts,
    show_one,
    wrapped_label,
)

__all__ = ["PracticeWindow", "show_practice"]

# Marked here, translated when the window is built (the language can change while kindtray runs).
TITLE = N_("Your practice")
INTRO = N_("The time you gave yourself lately: the last week and the last month.")
MOOD_HEADING = N_("Mood at the start and at the end")
TOO_FEW_MOODS = N_(
    "Once a few breaks have a mood noted at the start and at the end, a small picture of them "
    "appears here. Noting your mood always stays optional."
)
NO_MOODS = N_("Noting your mood is optional; without it, there is simply no picture here.")
EXPORT_NAME = "kindtray-practice.csv"
WIDTH = 520  # logical pixels; wider only when the buttons need it (a larger desktop font)

Ask = Callable[[QWidget, Path], Path | None]


def ask_export_target(parent: QWidget, suggested: Path) -> Path | None:
    """Ask where to save the export with the desktop's file dialog; None when cancelled."""
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Export your practice"),
        str(suggested),
        # Translators: a file type in the save dialog; keep "(*.csv)" as it is.
        _("CSV table (*.csv)"),
    )
    return Path(name) if name else None


class PracticeWindow(QWidget):
    """The practice figures of the last 7 and 30 days, drawn from the history."""

    def __init__(
        self,
        load: Callable[[], PracticeView],
        export: Callable[[Path], int],
        open_why: Callable[[], Any],
        *,
        theme: str = "system",
        ask_target: Ask = ask_export_target,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._export = export
        self._ask_target = ask_target
        self.colors = colors_for(theme)
        name_window(self, "practiceWindow", _(TITLE), _(INTRO))
        self._title_font, self._figure_font, self._small = scaled_fonts(self, 1.6, 1.4, 0.9)
        self.view: PracticeView | None = None
        self.problem: str | None = None
        try:
            self.view = load()
        except Exception as exc:  # a history problem is told kindly, never a crash
            self.problem = _("Your history could not be read just now ({problem}).").format(
                problem=exc
            )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 18)
        layout.setSpacing(10)
        title = QLabel(_(TITLE))
        title.setObjectName("title")
        title.setFont(self._title_font)
        layout.addWidget(title)
        self.summary = wrapped_label("", "summary")
        self.spans: list[QFrame] = []
        self.kinds: QLabel | None = None
        self.chart: MoodChart | None = None
        self.table_button: QPushButton | None = None
        self.mood_note = wrapped_label("", "where")
        self.mood_note.hide()
        self.pictures = QStackedWidget()
        self.pictures.hide()
        if self.view is None:
            self.summary.setText(self.problem or "")
            layout.addWidget(self.summary)
        elif self.view.nothing_yet:
            self.summary.setText(summary_text(Summary(None, None, 0, 0.0, 0, None)))
            layout.addWidget(self.summary)
        else:
            self._build_figures(layout, self.view)

        self.status = wrapped_label("", "where")
        self.status.setFont(self._small)
        self.status.hide()
        layout.addStretch(1)
        layout.addWidget(self.status)
        # Translators: the & marks each button's Alt key letter; keep them different here
        # (with "Show as a &table" and "Show as a cha&rt").
        self.why_button = make_button(
            _("Why this &helps"),
            "tryButton",
            _("A short page on why these minutes help."),
            open_why,
        )
        self.export_button = make_button(
            _("&Export…"),
            "tryButton",
            _("Saves your whole practice history as a CSV table, in a file you choose."),
            self.export,
        )
        self.close_button = make_button(
            _("&Close"),
            "doneButton",
            _("Closes this window. Escape key."),
            self.close,
            default=True,
        )
        buttons: list[QPushButton] = [self.table_button] if self.table_button else []
        buttons += [self.why_button, self.export_button, self.close_button]
        self._buttons = buttons
        layout.addLayout(button_row(*buttons, spacing=8))

        apply_window_palette(self, self.colors)
        self.setStyleSheet(
            welcome_style(self.colors)
            + f"QFrame#span {{ background: {self.colors.surface}; border-radius: 12px; }}"
            + f"QLabel#figure {{ color: {self.colors.accent}; }}"
            + f"QTableWidget {{ color: {self.colors.text}; background: {self.colors.surface};"
            f" gridline-color: {self.colors.pressed}; }}"
        )
        self._fit()
        self.close_button.setFocus()

    def _fit(self) -> None:
        """Take the width the buttons need (at least WIDTH) and the height the words need."""
        layout = self.layout()
        if layout is None or getattr(self, "_fitting", False):
            return
        self._fitting = True
        try:
            self.ensurePolished()  # the style sheet's fonts and padding count
            for button in self._buttons:  # some styles let a button shrink below its words
                button.setMinimumWidth(button.sizeHint().width())
            if self.table_button is not None:  # room for either of its two texts (German's)
                shown = self.table_button.text()
                self.table_button.setText(_("Show as a cha&rt"))
                widest = max(self.table_button.minimumWidth(), self.table_button.sizeHint().width())
                self.table_button.setText(shown)
                self.table_button.setMinimumWidth(widest)
            layout.activate()
            # A desktop's larger font (GNOME's) widens the buttons: never squeeze their words.
            self.setFixedWidth(max(WIDTH, layout.totalMinimumSize().width()))
            # A fixed width counts as a minimum size, after which the layout no longer keeps
            # the window tall enough for its wrapped text and the picture; a small screen (or
            # 200 %) then squeezed the picture.
            self.setMinimumHeight(layout.totalHeightForWidth(self.width()))
            self.adjustSize()
        finally:
            self._fitting = False

    def event(self, event: QEvent) -> bool:
        """Fit again when the fonts change (a Wayland window learns its screen's late)."""
        handled = super().event(event)
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.FontChange):
            self._fit()
        return handled

    def showEvent(self, event: QShowEvent) -> None:
        """Fit again once on the screen: the desktop's fonts are known only there."""
        self._fit()
        super().showEvent(event)

    # -- building -----------------------------------------------------------------------------

    def _build_figures(self, layout: QVBoxLayout, view: PracticeView) -> None:
        row = QHBoxLayout()
        row.setSpacing(12)
        # Which practices, under the longest span, once there is more than the minute.
        kinds = practice_counts_text(view.practices)
        for summary in view.summaries:
            longest = summary.days == view.picture_days
            span = self._span(summary, kinds if longest else None)
            self.spans.append(span)
            row.addWidget(span)
        layout.addLayout(row)
        self.summary.setText(summary_text(view.summaries[-1]))
        layout.addWidget(self.summary)
        days = view.picture_days
        heading = QLabel(
            ngettext(
                "Mood at the start and at the end (last day)",
                "Mood at the start and at the end (last {days} days)",
                days,
            ).format(days=days)
        )
        heading.setObjectName("heading")
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        layout.addSpacing(6)
        layout.addWidget(heading)
        if view.picture_is_honest:
            # The break's own mood words, translated as the break window says them.
            moods = [pgettext("mood", mood) for mood in MOODS]
            words = mood_picture_text(view.picture, view.picture_days, moods)
            self.chart = MoodChart(view.picture, moods, self.colors, self)
            self.chart.setAccessibleName(_(MOOD_HEADING))
            self.chart.setAccessibleDescription(words)
            self.chart.setToolTip(words)
            table = mood_table(view.picture, moods, self)
            table.setAccessibleDescription(words)
            self.pictures.addWidget(self.chart)
            self.pictures.addWidget(table)
            self.pictures.show()
            layout.addWidget(self.pictures)
            self.table_button = make_button(
                _("Show as a &table"),
                "tryButton",
                _("Switches the mood picture between a chart and a table."),
                self.toggle_table,
            )
        else:
            self.mood_note.setText(_(TOO_FEW_MOODS if view.picture.breaks else NO_MOODS))
            self.mood_note.show()
            layout.addWidget(self.mood_note)

    def _span(self, summary: Summary, kinds: str | None) -> QFrame:
        """One card: "Last 7 days", the breaks taken, the minutes, and which practices."""
        frame = QFrame()
        frame.setObjectName("span")
        box = QVBoxLayout(frame)
        box.setContentsMargins(16, 12, 16, 12)
        box.setSpacing(2)
        days = summary.days or 0
        when = QLabel(ngettext("Last day", "Last {days} days", days).format(days=days))
        taken = summary.breaks_taken
        breaks = ngettext("{count} practice", "{count} practices", taken).format(count=taken)
        minutes = round(summary.minutes_for_yourself)
        if 0 < summary.seconds_for_yourself < 60:
            minutes_text = _("under a minute")
        else:
            minutes_text = ngettext("{count} minute", "{count} minutes", minutes).format(
                count=minutes
            )
        figure = QLabel(breaks)
        figure.setObjectName("figure")
        figure.setFont(self._figure_font)
        time_label = QLabel(minutes_text)
        for label in (when, figure, time_label):
            box.addWidget(label)
        # Translators: what a screen reader says of one card: "Last 7 days: 3 practices, 4
        # minutes".
        name = ngettext(
            "Last day: {breaks}, {minutes}", "Last {days} days: {breaks}, {minutes}", days
        ).format(days=days, breaks=breaks, minutes=minutes_text)
        if kinds is not None:
            self.kinds = wrapped_label(kinds, "where")
            self.kinds.setFont(self._small)
            box.addWidget(self.kinds)
            name += f" ({kinds})"
        box.addStretch(1)
        frame.setAccessibleName(name)
        return frame

    # -- actions ------------------------------------------------------------------------------

    def toggle_table(self) -> None:
        """Switch the mood picture between the chart and the table (focus follows)."""
        showing_table = self.pictures.currentIndex() == 1
        self.pictures.setCurrentIndex(0 if showing_table else 1)
        if self.table_button is not None:
            self.table_button.setText(
                _("Show as a &table") if showing_table else _("Show as a cha&rt")
            )
        shown = self.pictures.currentWidget()
        if shown is not None:
            shown.setFocus()

    def export(self) -> Path | None:
        """Ask where to save, then save the history there as CSV; say how it went."""
        target = self._ask_target(self, Path.home() / EXPORT_NAME)
        if target is None:
            return None
        try:
            rows = self._export(target)
        except Exception as exc:  # SaveError, HistoryError: told here, never a crash
            message = getattr(exc, "strerror", None) or str(exc)
            self.status.setText(_("Nothing was saved: {problem}").format(problem=message))
        else:
            self.status.setText(
                ngettext(
                    "Saved {count} entry to {file}.", "Saved {count} entries to {file}.", rows
                ).format(count=rows, file=target)
            )
        self.status.show()
        self.status.setAccessibleName(self.status.text())
        return target

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape closes the window, as in every kindtray window."""
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


def show_practice(
    load: Callable[[], PracticeView],
    export: Callable[[Path], int],
    open_why: Callable[[], Any],
    theme: str = "system",
) -> PracticeWindow:
    """Show "Your practice" (or raise the one already open) and return it."""
    return show_one(PracticeWindow, lambda: PracticeWindow(load, export, open_why, theme=theme))
