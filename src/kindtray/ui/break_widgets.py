"""The break window's parts: phrase, step dots, breathing pacer, mood taps, cross-fade.

Owns how each part looks and moves; it decides nothing about the break's order or timing
(``session/break_flow.py``) and holds no palette of its own (ui/theme.py has it; the window
passes its colours in). Nothing here knows how many steps a practice has or what they are
called: the window hands each part what to show.
"""

from __future__ import annotations

import math
from typing import Final

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QHideEvent,
    QIcon,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QRadialGradient,
    QShowEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kindtray.core.break_script import MOODS, BreathMoment, BreathPattern, BreathPhase
from kindtray.core.clock import Clock
from kindtray.i18n import N_, _, pgettext
from kindtray.ui.theme import Colors
from kindtray.ui.windows import make_timer

# Marked for the catalog here, translated where they are shown (the language can change).
MOOD_QUESTION = N_("How do you feel right now?")
# Translators: passes the mood question without answering it.
MOOD_PASS = N_("Rather not say")
FRAME_MS = 33  # about 30 frames per second: smooth for a slow breath, light on the CPU
PACER_SIZE = 140
MIN_REDRAW_PX = 0.3
MOOD_ICON = 40  # the mood shapes' side, in logical pixels
# A phrase too long for two lines at its size is drawn smaller, down to this share of it,
# rather than spilling into a third line that the layout has no room for.
SMALLEST_PHRASE = 0.8

# Words that lean on the next one: a line ending in one reads as cut off ("feel right / now",
# "on your / heart"). A break after them is allowed when nothing better fits, never preferred.
LEANS_ON_NEXT: Final = frozenset(
    (  # noqa: SIM905 (a sentence of words reads better than fifty quoted ones)
        "a an the my your our their his her its this that these those to of in on at for with "
        "by from into and or but nor as so if than right just not no very quite be is am are "
        "was i you we they it can may will without about out through over toward towards same "
        "every each some any more less little own being"
    ).split()
)


def mood_words() -> tuple[str, ...]:
    """The five mood words of ``MOODS``, lowest first, in the current language."""
    # Written out, so that the extractor finds each; "light" is light as a feather here.
    words = (
        # Translators: the five mood words, from "heavy" to "light", answer "How do you feel
        # right now?"; one or two short words each, they sit under a small picture.
        pgettext("mood", "heavy"),
        pgettext("mood", "low"),
        pgettext("mood", "okay"),
        pgettext("mood", "calm"),
        pgettext("mood", "light"),
    )
    assert len(words) == len(MOODS)
    return words


def balance_lines(text: str, metrics: QFontMetrics, width: int) -> str:
    """Break a phrase that needs two lines near its middle, so no word is left alone.

    Returns the text unchanged when it fits on one line or cannot be split into two lines
    that fit (the label's own word wrap handles that).
    """
    if "\n" in text or metrics.horizontalAdvance(text) <= width:
        return text
    words = text.split(" ")
    best: tuple[float, str] | None = None
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        widest = max(metrics.horizontalAdvance(first), metrics.horizontalAdvance(second))
        if widest > width:
            continue
        # A break where the sentence pauses reads best, even if the lines differ a little;
        # one after a word that leans on the next reads worst.
        last = words[cut - 1]
        if last.endswith((".", ",", ";", ":", "?", "\N{EM DASH}")):
            score = widest * 0.75
        elif last.lower() in LEANS_ON_NEXT:
            score = widest * 1.3
        else:
            score = float(widest)
        if best is None or score < best[0]:
            best = (score, first + "\n" + second)
    return text if best is None else best[1]


def _qcolor(hex_color: str, alpha: float = 1.0) -> QColor:
    color = QColor(hex_color)
    color.setAlphaF(alpha)
    return color


class PhraseLabel(QLabel):
    """A centred phrase of at most two lines, with airy line spacing (1.4), as plain text.

    ``text()`` is always the phrase exactly as given (screen readers read it); only the
    painting breaks it into balanced lines. The window reserves two lines' height and the
    first line always sits at the top of it, so a one-line phrase after a two-line one (or
    the mood question giving way to the pacer) never moves the words.
    """

    LINE_HEIGHT = 1.4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # User phrases may contain "<" or "&": never interpret them as markup.
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)

    def lines(self, width: int, font: QFont | None = None) -> list[str]:
        """The lines the phrase is drawn in at ``width`` pixels (in ``font``, or the label's)."""
        font = font or self.font()
        result: list[str] = []
        for part in balance_lines(self.text(), QFontMetrics(font), width).split("\n"):
            layout = QTextLayout(part, font)
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WordWrap)
            layout.setTextOption(option)
            layout.beginLayout()
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                start = line.textStart()
                result.append(part[start : start + line.textLength()].strip())
            layout.endLayout()
        return [line for line in result if line]

    def fitted_font(self, width: int) -> QFont:
        """The label's font, or a little smaller when the phrase would need three lines."""
        font = QFont(self.font())
        size = font.pointSizeF()
        for share in (1.0, 0.95, 0.9, 0.85, SMALLEST_PHRASE):
            font.setPointSizeF(size * share)
            if len(self.lines(width, font)) <= 2:
                break
        return font

    def two_line_height(self) -> int:
        """Room for two lines at the airy spacing."""
        return math.ceil(self.fontMetrics().height() * (1 + self.LINE_HEIGHT)) + 4

    def line_boxes(self) -> list[tuple[QRectF, str]]:
        """Where each line is drawn: from the top of the label, centred across it."""
        rect = self.contentsRect()
        font = self.fitted_font(rect.width())
        lines = self.lines(rect.width(), font)
        height = QFontMetrics(font).height()
        step = height * self.LINE_HEIGHT
        if len(lines) > 1:  # squeeze the spacing rather than draw outside the label
            step = min(step, (rect.height() - height) / (len(lines) - 1))
        return [
            (QRectF(rect.left(), rect.top() + index * step, rect.width(), height), line)
            for index, line in enumerate(lines)
        ]

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the lines centred across, 1.4 line heights apart, from the top."""
        boxes = self.line_boxes()
        if not boxes:
            return
        painter = QPainter(self)
        # Each line in its own direction, as a QLabel does: an English phrase in a
        # right-to-left window keeps its full stop at its end.
        painter.setLayoutDirection(Qt.LayoutDirection.LayoutDirectionAuto)
        painter.setFont(self.fitted_font(self.contentsRect().width()))
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        for box, line in boxes:
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, line)


class StepDots(QWidget):
    """Where the break is, calmly: one small dot per step, the current one a little larger.

    Steps behind are filled, steps ahead are faint rings; nothing counts down or fills up.
    The number of dots is whatever the window says, so a practice of any length fits.
    """

    DOT = 7.0
    CURRENT = 10.0
    GAP = 10.0

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colors = colors
        self.count = 0
        self.current = -1
        self.setFixedHeight(math.ceil(self.CURRENT) + 4)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_step(self, index: int, count: int) -> None:
        """Show step ``index`` (0-based) of ``count``."""
        self.current, self.count = index, count
        self.setAccessibleName(_("Step {number} of {count}").format(number=index + 1, count=count))
        self.updateGeometry()
        self.update()

    def set_colors(self, colors: Colors) -> None:
        """Draw in ``colors``."""
        self.colors = colors
        self.update()

    def sizeHint(self) -> QSize:
        """As wide as the dots."""
        width = self.count * self.CURRENT + max(0, self.count - 1) * self.GAP
        return QSize(math.ceil(width) + 4, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Filled dots behind, a larger one for now, rings ahead."""
        if self.count <= 0:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pitch = self.CURRENT + self.GAP
        left = (self.width() - (self.count * pitch - self.GAP)) / 2 + self.CURRENT / 2
        middle = self.height() / 2
        # Right to left, the steps run from the right like the words.
        mirrored = self.layoutDirection() is Qt.LayoutDirection.RightToLeft
        for index in range(self.count):
            place = self.count - 1 - index if mirrored else index
            center = QPointF(left + place * pitch, middle)
            if index < self.current:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(_qcolor(self.colors.accent, 0.7))
                radius = self.DOT / 2
            elif index == self.current:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(_qcolor(self.colors.accent))
                radius = self.CURRENT / 2
            else:
                # A ring in the secondary text colour: 3:1 or more against the page.
                painter.setPen(QPen(_qcolor(self.colors.secondary), 1.2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                radius = self.DOT / 2 - 0.6
            painter.drawEllipse(center, radius, radius)


class _Circle(QWidget):
    """The pacer's shape: a faint ring for the full breath, a soft circle for this moment."""

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(PACER_SIZE, PACER_SIZE)
        self.size_fraction = 0.5
        self.colors = colors
        self.warm = False

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the ring and the circle."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        center = QPointF(self.width() / 2, self.height() / 2)
        full = min(self.width(), self.height()) / 2 - 2
        accent = self.colors.warm if self.warm else self.colors.accent
        painter.setBrush(_qcolor(self.colors.surface))
        painter.setPen(QPen(_qcolor(accent, 0.35), 1.5))
        painter.drawEllipse(center, full, full)
        radius = full * self.size_fraction
        gradient = QRadialGradient(center, radius)
        # Nearly even, a touch stronger at the rim: soft, not a ball and not a hole.
        gradient.setColorAt(0.0, _qcolor(accent, 0.62))
        gradient.setColorAt(1.0, _qcolor(accent, 0.80))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(gradient)
        painter.drawEllipse(center, radius, radius)


class BreathGuide(QWidget):
    """The breathing pacer: a growing and shrinking circle, or text and a counter.

    Its timers run only while it is visible and breathing, so a hidden or minimised window
    costs nothing.
    """

    def __init__(
        self,
        breath: BreathPattern,
        clock: Clock,
        *,
        colors: Colors,
        reduced_motion: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._breath = breath
        self._clock = clock
        self.reduced_motion = reduced_motion
        self._origin: float | None = None  # monotonic seconds when the first inhale began
        # Reduced motion: the circle stays, still, so the layout is the same and no hole
        # opens where it was; the words and a gentle count carry the breath.
        self.circle = _Circle(colors, self)
        self.circle.setAccessibleName(_("Breathing guide"))
        self.circle.setAccessibleDescription(
            _("A still circle; the words under it say when to breathe in and out.")
            if reduced_motion
            else _("A circle that grows as you breathe in and shrinks as you breathe out.")
        )
        self.caption = QLabel(self)
        self.caption.setObjectName("breathCaption")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setAccessibleDescription(_("What to do with this breath"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addStretch(1)
        layout.addWidget(self.circle, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.caption)
        layout.addStretch(1)
        # Animated form: redraw at ~30 fps. Reduced form: wake when the counter changes.
        self.frame_timer = make_timer(self, self.refresh, interval=FRAME_MS)
        self.count_timer = make_timer(self, self.refresh, single_shot=True)
        self._rest()

    @property
    def breathing(self) -> bool:
        """Whether the guide is pacing a breath (not resting)."""
        return self._origin is not None

    def breathe(self) -> None:
        """Start pacing, unless already: the breath flows on across steps, never restarts."""
        if self._origin is None:
            self._origin = self._clock.monotonic()
        self.refresh()
        self._sync_timers()

    def rest(self) -> None:
        """Stop pacing and show the circle at rest."""
        self._origin = None
        self._rest()
        self._sync_timers()

    def set_pattern(self, breath: BreathPattern) -> None:
        """Pace ``breath`` from now on (another practice breathes slower)."""
        self._breath = breath
        self.refresh()

    def set_colors(self, colors: Colors, *, warm: bool) -> None:
        """Use ``colors`` (the warm accent for the hand-on-heart step)."""
        self.circle.colors = colors
        self.circle.warm = warm
        self.circle.update()

    def moment(self) -> BreathMoment | None:
        """The breath now, or None while resting."""
        if self._origin is None:
            return None
        return self._breath.at((self._clock.monotonic() - self._origin) * 1000.0)

    def showEvent(self, event: QShowEvent) -> None:
        """Resume the pacer where the breath is now."""
        super().showEvent(event)
        self.refresh()
        self._sync_timers()

    def hideEvent(self, event: QHideEvent) -> None:
        """Stop every timer: nothing is drawn while hidden."""
        super().hideEvent(event)
        self._sync_timers()

    def _sync_timers(self) -> None:
        running = self._origin is not None and self.isVisible()
        if running and not self.reduced_motion:
            if not self.frame_timer.isActive():
                self.frame_timer.start()
        else:
            self.frame_timer.stop()
        if not (running and self.reduced_motion):
            self.count_timer.stop()

    def _rest(self) -> None:
        self.circle.size_fraction = self._breath.smallest
        self.caption.setText("")
        self.caption.setAccessibleName("")
        self.circle.update()

    def refresh(self) -> None:
        """Show the breath as it is now (the timers call this)."""
        moment = self.moment()
        if moment is None:
            return
        breathing_in = moment.phase is BreathPhase.IN
        if self.reduced_motion:
            text = (
                # Translators: the breath's words and the seconds left of it, counting down.
                _("Breathe in\N{HORIZONTAL ELLIPSIS} {seconds}")
                if breathing_in
                else _("Breathe out\N{HORIZONTAL ELLIPSIS} {seconds}")
            ).format(seconds=moment.seconds_left)
            if self.isVisible() and self._origin is not None:
                elapsed_ms = (self._clock.monotonic() - self._origin) * 1000.0
                self.count_timer.start(self._breath.ms_to_next_count(elapsed_ms))
        else:
            text = _("Breathe in") if breathing_in else _("Breathe out")
            # Redraw only when the edge moves by a visible amount (less often at the turns).
            moved_px = abs(moment.size - self.circle.size_fraction) * PACER_SIZE / 2
            if moved_px >= MIN_REDRAW_PX:
                self.circle.size_fraction = moment.size
                self.circle.update()
        if self.caption.text() != text:
            self.caption.setText(text)
            self.caption.setAccessibleName(text)


class _MoodIcon:
    """Draws the five mood shapes: a dot that rises and lightens from "heavy" to "light"."""

    GRID = 30.0  # the shapes are drawn on a 30-unit square and scaled to the icon's side

    @staticmethod
    def pixmap(level: int, colors: Colors, ratio: float, side: int = MOOD_ICON) -> QPixmap:
        pixmap = QPixmap(round(side * ratio), round(side * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(side / _MoodIcon.GRID, side / _MoodIcon.GRID)
        grid = _MoodIcon.GRID
        # A ground line, and a dot resting on it when heavy, floating near the top when light.
        painter.setPen(
            QPen(
                _qcolor(colors.secondary, 0.6),
                1.5,
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
            )
        )
        painter.drawLine(QPointF(5, grid - 3), QPointF(grid - 5, grid - 3))
        radius = 8.0 - level  # 7 (heavy) .. 3 (light)
        lift = (level - 1) / 4.0
        bottom = grid - 5 - radius
        top = 3 + radius
        y = bottom - (bottom - top) * lift
        painter.setPen(QPen(_qcolor(colors.accent), 1.5))
        painter.setBrush(_qcolor(colors.accent, 0.85 - 0.15 * (level - 1)))
        painter.drawEllipse(QPointF(grid / 2, y), radius, radius)
        painter.end()
        return pixmap


class MoodPanel(QWidget):
    """The mood question: five levels as large word-and-shape choices, one click or key (1-5).

    Under them, "Rather not say" passes the question. It lives here, with the question, and
    says what it does, so it is never mistaken for the window's "Next".
    """

    chosen = Signal(object)  # int 1..5, or None when passed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = QLabel(_(MOOD_QUESTION), self)
        self.question.setObjectName("moodQuestion")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons: list[QToolButton] = []
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addStretch(1)
        for level, word in enumerate(mood_words(), start=1):
            button = QToolButton(self)
            button.setObjectName("moodButton")
            button.setText(word)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setIconSize(QSize(MOOD_ICON, MOOD_ICON))
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setAccessibleName(word)
            button.setAccessibleDescription(
                # Translators: read by screen readers on each mood choice; {word} is the mood.
                _("Mood {level} of {count}, {word}. Key {level}.").format(
                    level=level, count=len(MOODS), word=word
                )
            )
            button.setMinimumWidth(76)
            button.clicked.connect(lambda _=False, value=level: self.chosen.emit(value))
            self.buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.skip_button = QPushButton(_(MOOD_PASS), self)
        self.skip_button.setObjectName("moodPass")
        self.skip_button.setAccessibleName(_(MOOD_PASS))
        self.skip_button.setAccessibleDescription(_("Go on without saying how you feel."))
        self.skip_button.clicked.connect(lambda: self.chosen.emit(None))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addStretch(1)
        layout.addWidget(self.question)
        layout.addSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.skip_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.setAccessibleName(_("Mood check-in"))
        self.setAccessibleDescription(
            _("How do you feel right now? Choose a word, or say you would rather not.")
        )

    def set_fonts(self, question: QFont, words: QFont) -> None:
        """The question's font and the choices' words' font."""
        self.question.setFont(question)
        for button in self.buttons:
            button.setFont(words)

    def set_colors(self, colors: Colors, ratio: float) -> None:
        """Redraw the shapes in ``colors``."""
        for level, button in enumerate(self.buttons, start=1):
            button.setIcon(QIcon(_MoodIcon.pixmap(level, colors, ratio)))


class FadeOverlay(QWidget):
    """A picture of the previous step laid over the new one and faded out: the cross-fade."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._picture = QPixmap()
        self._opacity = 1.0
        self.hide()

    def show_picture(self, picture: QPixmap) -> None:
        """Cover the window with ``picture``, fully opaque."""
        self._picture = picture
        self._opacity = 1.0
        # Ask Qt for the parent rather than keeping it in an attribute: a Python reference
        # back to the window makes a cycle, and then every closed window (with this
        # screen-sized picture) waits for a full garbage collection, which may never come.
        host = self.parentWidget()
        if host is not None:
            self.setGeometry(host.rect())
        self.raise_()
        self.show()

    def set_opacity(self, value: object) -> None:
        """Fade the picture to ``value`` (1 = opaque); the fade animation calls this."""
        self._opacity = float(value)  # type: ignore[arg-type]
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the picture at the current opacity."""
        painter = QPainter(self)
        painter.setOpacity(self._opacity)
        painter.drawPixmap(0, 0, self._picture)


def center_on_mouse_screen(window: QWidget) -> None:
    """Move ``window`` to the middle of the screen the mouse is on (where the user looks)."""
    screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    window.move(
        area.x() + (area.width() - window.width()) // 2,
        area.y() + (area.height() - window.height()) // 2,
    )
