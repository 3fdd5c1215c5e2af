"""The break window: the guided minute on screen, with a breathing pacer and mood taps.

Owns how the script from ``core/break_script.py`` looks, moves and answers the keyboard. It
decides nothing about *what* is said or *how long* a step lasts (the script does), and it
stores nothing: when it closes it emits one ``BreakResult`` for whoever keeps the history.

Timing: one single-shot QTimer per beat of the script; tests call ``advance()`` (what the
timer does) instead of waiting. The pacer redraws from a ~30 fps QTimer that runs only while
the window is visible and a breathing step is on; with reduced motion it is replaced by text
and a counter that changes once a second.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QObject,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QUrl,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QHideEvent,
    QIcon,
    QKeyEvent,
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
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kindtray.assets import find_resource
from kindtray.core.break_script import (
    MOODS,
    OUTCOME_COMPLETED,
    OUTCOME_ENDED_EARLY,
    BreakResult,
    BreakScript,
    BreakTexts,
    BreathMoment,
    BreathPattern,
    BreathPhase,
    Step,
    build_script,
)
from kindtray.core.clock import Clock
from kindtray.core.settings import BreakSettings

__all__ = ["BreakResult", "BreakWindow", "Colors", "DARK", "LIGHT"]

TITLE = "A minute for you"
FAREWELL = "That's fine \N{EM DASH} see you later."
MOOD_QUESTION = "How do you feel right now?"
FRAME_MS = 33  # about 30 frames per second: smooth for a slow breath, light on the CPU
FADE_MS = 400
FAREWELL_MS = 2500
# How long a mood question waits before the break goes on without an answer (someone who
# walked away should not come back to a window stuck on a question).
MOOD_PATIENCE_MS = 30_000
WINDOW_SIZE = QSize(440, 320)
PACER_SIZE = 132
MIN_REDRAW_PX = 0.3
SIDE_MARGIN = 24


@dataclass(frozen=True)
class Colors:
    """The break window's palette (shared/ui-design.md); every text pair is at least 4.5:1."""

    background: str
    surface: str
    pressed: str
    text: str
    secondary: str
    accent: str
    warm: str


LIGHT = Colors(
    background="#F6F4EF",
    surface="#ECE8DF",
    pressed="#E0DBCF",
    text="#2E3338",
    secondary="#5F666D",
    accent="#4A7366",
    warm="#94603F",
)
DARK = Colors(
    background="#1F2326",
    surface="#2A3034",
    pressed="#343B40",
    text="#E8E6E1",
    secondary="#A9B0B6",
    accent="#8DB8AA",
    warm="#D9A483",
)


def colors_for(theme: str) -> Colors:
    """Return the palette for the ``theme`` setting ("system" follows the desktop)."""
    if theme == "dark":
        return DARK
    if theme == "light":
        return LIGHT
    scheme = QGuiApplication.styleHints().colorScheme()
    return DARK if scheme == Qt.ColorScheme.Dark else LIGHT


def wants_reduced_motion(setting: str) -> bool:
    """Return whether to replace motion with text ("system" asks Qt 6.11+, else no)."""
    if setting in ("on", "off"):
        return setting == "on"
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:  # Qt before 6.11 does not know the desktop's preference
        return False
    preference = getattr(accessibility(), "motionPreference", None)
    reduced = getattr(getattr(Qt, "MotionPreference", None), "ReducedMotion", None)
    return preference is not None and reduced is not None and preference() == reduced


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
        # A break where the sentence pauses reads best, even if the lines differ a little.
        score = widest * (0.75 if first.endswith((".", ",", ";", ":", "\N{EM DASH}")) else 1.0)
        if best is None or score < best[0]:
            best = (score, first + "\n" + second)
    return text if best is None else best[1]


def _qcolor(hex_color: str, alpha: float = 1.0) -> QColor:
    color = QColor(hex_color)
    color.setAlphaF(alpha)
    return color


class PhraseLabel(QLabel):
    """A centred phrase of at most a few lines, with airy line spacing (1.4), as plain text.

    ``text()`` is always the phrase exactly as given (screen readers read it); only the
    painting breaks it into balanced lines.
    """

    LINE_HEIGHT = 1.4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # User phrases may contain "<" or "&": never interpret them as markup.
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def lines(self, width: int) -> list[str]:
        """The lines the phrase is drawn in at ``width`` pixels."""
        result: list[str] = []
        for part in balance_lines(self.text(), self.fontMetrics(), width).split("\n"):
            layout = QTextLayout(part, self.font())
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

    def two_line_height(self) -> int:
        """Room for two lines at the airy spacing."""
        return math.ceil(self.fontMetrics().height() * (1 + self.LINE_HEIGHT)) + 4

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        """Draw the lines centred, 1.4 line heights apart (closer if a long phrase needs it)."""
        rect = self.contentsRect()
        lines = self.lines(rect.width())
        if not lines:
            return
        height = self.fontMetrics().height()
        step = height * self.LINE_HEIGHT
        if len(lines) > 1:
            step = min(step, (rect.height() - height) / (len(lines) - 1))
        total = step * (len(lines) - 1) + height
        top = rect.top() + (rect.height() - total) / 2
        painter = QPainter(self)
        painter.setFont(self.font())
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        for index, line in enumerate(lines):
            box = QRectF(rect.left(), top + index * step, rect.width(), height)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, line)


class _Circle(QWidget):
    """The pacer's shape: a faint ring for the full breath, a soft circle for this moment."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(PACER_SIZE, PACER_SIZE)
        self.size_fraction = 0.5
        self.colors = LIGHT
        self.warm = False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
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
        reduced_motion: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._breath = breath
        self._clock = clock
        self.reduced_motion = reduced_motion
        self._origin: float | None = None  # monotonic seconds when the first inhale began
        self.circle = _Circle(self)
        self.circle.setVisible(not reduced_motion)  # reduced motion: the words alone
        self.circle.setAccessibleName("Breathing guide")
        self.circle.setAccessibleDescription(
            "A circle that grows as you breathe in and shrinks as you breathe out."
        )
        self.caption = QLabel(self)
        self.caption.setObjectName("breathCaption")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setAccessibleDescription("What to do with this breath")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addStretch(1)
        layout.addWidget(self.circle, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.caption)
        layout.addStretch(1)
        # Animated form: redraw at ~30 fps. Reduced form: wake when the counter changes.
        self.frame_timer = QTimer(self)
        self.frame_timer.setInterval(FRAME_MS)
        self.frame_timer.timeout.connect(self.refresh)
        self.count_timer = QTimer(self)
        self.count_timer.setSingleShot(True)
        self.count_timer.timeout.connect(self.refresh)
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

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        """Resume the pacer where the breath is now."""
        super().showEvent(event)
        self.refresh()
        self._sync_timers()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt API)
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
        word = "Breathe in" if moment.phase is BreathPhase.IN else "Breathe out"
        if self.reduced_motion:
            text = f"{word}\N{HORIZONTAL ELLIPSIS} {moment.seconds_left}"
            if self.isVisible() and self._origin is not None:
                elapsed_ms = (self._clock.monotonic() - self._origin) * 1000.0
                self.count_timer.start(self._breath.ms_to_next_count(elapsed_ms))
        else:
            text = word
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

    @staticmethod
    def pixmap(level: int, colors: Colors, ratio: float) -> QPixmap:
        side = 30
        pixmap = QPixmap(round(side * ratio), round(side * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # A ground line, and a dot resting on it when heavy, floating near the top when light.
        painter.setPen(
            QPen(
                _qcolor(colors.secondary, 0.6),
                1.5,
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
            )
        )
        painter.drawLine(QPointF(5, side - 3), QPointF(side - 5, side - 3))
        radius = 8.0 - level  # 7 (heavy) .. 3 (light)
        lift = (level - 1) / 4.0
        bottom = side - 5 - radius
        top = 3 + radius
        y = bottom - (bottom - top) * lift
        painter.setPen(QPen(_qcolor(colors.accent), 1.5))
        painter.setBrush(_qcolor(colors.accent, 0.85 - 0.15 * (level - 1)))
        painter.drawEllipse(QPointF(side / 2, y), radius, radius)
        painter.end()
        return pixmap


class MoodPanel(QWidget):
    """Five mood levels with words and shapes, plus "Skip"; one click or one key (1-5)."""

    chosen = Signal(object)  # int 1..5, or None when skipped

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = QLabel(MOOD_QUESTION, self)
        self.question.setObjectName("moodQuestion")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons: list[QToolButton] = []
        row = QHBoxLayout()
        row.setSpacing(4)
        row.addStretch(1)
        for level, word in enumerate(MOODS, start=1):
            button = QToolButton(self)
            button.setObjectName("moodButton")
            button.setText(word)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setIconSize(QSize(30, 30))
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setAccessibleName(word)
            button.setAccessibleDescription(f"Mood {level} of 5, {word}. Key {level}.")
            button.setMinimumWidth(62)
            button.clicked.connect(lambda _=False, value=level: self.chosen.emit(value))
            self.buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.skip_button = QPushButton("Skip", self)
        self.skip_button.setObjectName("quietButton")
        self.skip_button.setAccessibleName("Skip")
        self.skip_button.setAccessibleDescription("Go on without saying how you feel.")
        self.skip_button.clicked.connect(lambda: self.chosen.emit(None))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addStretch(1)
        layout.addWidget(self.question)
        layout.addLayout(row)
        layout.addWidget(self.skip_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.setAccessibleName("Mood check-in")
        self.setAccessibleDescription(MOOD_QUESTION + " Choose a word, or skip.")

    def set_colors(self, colors: Colors, ratio: float) -> None:
        """Redraw the shapes in ``colors``."""
        for level, button in enumerate(self.buttons, start=1):
            button.setIcon(QIcon(_MoodIcon.pixmap(level, colors, ratio)))


class _FadeOverlay(QWidget):
    """A picture of the previous step laid over the new one and faded out: the cross-fade."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._host = parent
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._picture = QPixmap()
        self._opacity = 1.0
        self.hide()

    def show_picture(self, picture: QPixmap) -> None:
        self._picture = picture
        self._opacity = 1.0
        self.setGeometry(self._host.rect())
        self.raise_()
        self.show()

    def set_opacity(self, value: object) -> None:
        self._opacity = float(value)  # type: ignore[arg-type]
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setOpacity(self._opacity)
        painter.drawPixmap(0, 0, self._picture)


class _Chime:
    """A soft chime through QtMultimedia, if that optional extra is installed; else silence."""

    def __init__(self, parent: QObject) -> None:
        self._effect: QObject | None = None
        try:
            from PySide6.QtMultimedia import QSoundEffect  # optional extra "sound"
        except ImportError:
            return
        path = _resource_path("sounds", "chime.wav")
        if path is None:
            return
        effect = QSoundEffect(parent)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(0.35)
        self._effect = effect

    @property
    def available(self) -> bool:
        return self._effect is not None

    def play(self) -> None:
        if self._effect is not None:
            self._effect.play()  # type: ignore[attr-defined]


def _resource_path(*parts: str) -> Path | None:
    try:
        return find_resource(*parts)
    except FileNotFoundError:
        return None


class BreakWindow(QWidget):
    """The guided minute.

    Opened by a reminder (``on_request=False``) it appears without taking keyboard focus;
    opened on request it takes focus. ``finished`` emits exactly one ``BreakResult`` when the
    window closes, however it closes.
    """

    finished = Signal(object)

    def __init__(
        self,
        texts: BreakTexts,
        settings: BreakSettings,
        clock: Clock,
        *,
        on_request: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self._texts = texts
        self._settings = settings
        self._clock = clock
        self.on_request = on_request
        self.script: BreakScript = build_script(
            texts, settings.length_seconds, mood_check_in=settings.mood_check_in
        )
        self.reduced_motion = wants_reduced_motion(settings.reduced_motion)
        self.colors = colors_for(settings.theme)
        self.step_index = -1
        self.beat_index = 0
        self.awaiting_mood = False
        self.farewell = False
        self.mood_before: int | None = None
        self.mood_after: int | None = None
        self._started = clock.now()
        self._result: BreakResult | None = None

        self.setObjectName("breakWindow")
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.setAccessibleDescription("A guided break of about a minute for yourself.")
        # A reminder must never take the keyboard from what the user is typing.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, not on_request)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build()
        self._apply_colors()
        if settings.theme == "system":
            QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)

        self.beat_timer = QTimer(self)
        self.beat_timer.setSingleShot(True)
        self.beat_timer.timeout.connect(self.advance)
        self.farewell_timer = QTimer(self)
        self.farewell_timer.setSingleShot(True)
        self.farewell_timer.timeout.connect(self._close_after_farewell)
        self.fade = QVariantAnimation(self)
        self.fade.setDuration(FADE_MS)
        self.fade.setStartValue(1.0)
        self.fade.setEndValue(0.0)
        self.fade.setEasingCurve(QEasingCurve.Type.InOutSine)
        self.fade.valueChanged.connect(self._overlay.set_opacity)
        self.fade.finished.connect(self._overlay.hide)
        self._chime = _Chime(self) if settings.sound else None

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        base = QFont(self.font())
        base.setPointSizeF(max(base.pointSizeF(), 10.0))
        self.setFont(base)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.95)
        phrase_font = QFont(base)
        phrase_font.setPointSizeF(base.pointSizeF() * 1.3)

        self.step_label = QLabel(self)
        self.step_label.setObjectName("stepLabel")
        self.step_label.setFont(small)
        self.step_label.setTextFormat(Qt.TextFormat.PlainText)
        self.step_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.guide = BreathGuide(
            self.script.breath, self._clock, reduced_motion=self.reduced_motion, parent=self
        )
        caption_font = QFont(base)
        if self.reduced_motion:  # the words alone carry the breath: a little larger
            caption_font.setPointSizeF(base.pointSizeF() * 1.15)
        self.guide.caption.setFont(caption_font)
        self.mood_panel = MoodPanel(self)
        self.mood_panel.chosen.connect(self.choose_mood)
        self.farewell_label = QLabel(self)
        self.farewell_label.setObjectName("farewell")
        self.farewell_label.setFont(phrase_font)
        self.farewell_label.setTextFormat(Qt.TextFormat.PlainText)
        self.farewell_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.farewell_label.setWordWrap(True)
        self.center = QStackedWidget(self)
        self.center.addWidget(self.guide)
        self.center.addWidget(self.mood_panel)
        self.center.addWidget(self.farewell_label)

        self.phrase_label = PhraseLabel(self)
        self.phrase_label.setObjectName("phrase")
        self.phrase_label.setFont(phrase_font)
        self.phrase_label.setFixedHeight(self.phrase_label.two_line_height())

        self.skip_button = QPushButton("Skip step", self)
        self.skip_button.setObjectName("quietButton")
        self.skip_button.setAccessibleName("Skip step")
        self.skip_button.setAccessibleDescription("Go on to the next step. Right arrow key.")
        self.skip_button.clicked.connect(self.skip_step)
        self.not_now_button = QPushButton("Not now", self)
        self.not_now_button.setObjectName("quietButton")
        self.not_now_button.setAccessibleName("Not now")
        self.not_now_button.setAccessibleDescription("End the break gently. Escape key.")
        self.not_now_button.clicked.connect(self.end_gently)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.not_now_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SIDE_MARGIN, 14, SIDE_MARGIN, 12)
        layout.setSpacing(4)
        layout.addWidget(self.step_label)
        layout.addWidget(self.center, 1)
        layout.addSpacing(4)
        layout.addWidget(self.phrase_label)
        layout.addSpacing(4)
        layout.addLayout(buttons)

        for button in self._buttons():
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.installEventFilter(self)
        QWidget.setTabOrder(self.mood_panel.buttons[-1], self.mood_panel.skip_button)
        QWidget.setTabOrder(self.mood_panel.skip_button, self.skip_button)
        QWidget.setTabOrder(self.skip_button, self.not_now_button)
        self._overlay = _FadeOverlay(self)

        hint = self.sizeHint()
        self.resize(
            max(WINDOW_SIZE.width(), hint.width()), max(WINDOW_SIZE.height(), hint.height())
        )

    def _buttons(self) -> list[QAbstractButton]:
        return [
            *self.mood_panel.buttons,
            self.mood_panel.skip_button,
            self.skip_button,
            self.not_now_button,
        ]

    def _apply_colors(self) -> None:
        c = self.colors
        palette = self.palette()
        for role, value in (
            (QPalette.ColorRole.Window, c.background),
            (QPalette.ColorRole.WindowText, c.text),
            (QPalette.ColorRole.Text, c.text),
            (QPalette.ColorRole.ButtonText, c.secondary),
            (QPalette.ColorRole.Highlight, c.accent),
        ):
            palette.setColor(role, QColor(value))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            f"""
            QLabel {{ color: {c.text}; background: transparent; }}
            QLabel#stepLabel, QLabel#moodQuestion, QLabel#breathCaption {{ color: {c.secondary}; }}
            QPushButton, QToolButton {{
                color: {c.secondary}; background: transparent;
                border: 2px solid transparent; border-radius: 10px; padding: 4px 14px;
            }}
            QToolButton {{ padding: 4px 2px; }}
            QPushButton:hover, QToolButton:hover {{ background: {c.surface}; color: {c.text}; }}
            QPushButton:pressed, QToolButton:pressed {{
                background: {c.pressed}; color: {c.text};
            }}
            QPushButton:focus, QToolButton:focus {{ border-color: {c.accent}; color: {c.text}; }}
            """
        )
        step = self.current_step
        self.guide.set_colors(c, warm=step is not None and step.warm)
        self.mood_panel.set_colors(c, self.devicePixelRatioF())

    def _on_scheme_changed(self, _scheme: object) -> None:
        self.colors = colors_for("system")
        self._apply_colors()

    # -- the flow of the break ----------------------------------------------------------------

    @property
    def current_step(self) -> Step | None:
        """The step on screen, or None before start and during the farewell."""
        if 0 <= self.step_index < len(self.script.steps) and not self.farewell:
            return self.script.steps[self.step_index]
        return None

    @property
    def result(self) -> BreakResult | None:
        """How the break went, once it has finished."""
        return self._result

    def start(self) -> None:
        """Show the window on the screen with the mouse and begin the first step.

        Calling it again while the break runs only brings the window forward (when the
        break was asked for); the break does not restart.
        """
        if self.step_index >= 0:
            if self.on_request and self._result is None:
                self.raise_()
                self.activateWindow()
            return
        self._started = self._clock.now()
        self._place_on_mouse_screen()
        self._enter_step(0, fade=False)
        self.show()
        if self.on_request:
            self.raise_()
            self.activateWindow()
        if self._chime is not None:
            self._chime.play()

    def advance(self) -> None:
        """Move on as the step timer does: next beat, next step, or the end."""
        if self._result is not None:
            return
        if self.farewell:
            self._close_after_farewell()
            return
        step = self.current_step
        if step is None:
            return
        if self.awaiting_mood:
            self._next_step()  # nobody answered: go on quietly, mood not recorded
        elif self.beat_index + 1 < len(step.beats):
            self.beat_index += 1
            self._show_beat(fade=True)
        else:
            self._next_step()

    def skip_step(self) -> None:
        """Go to the next step now (the last step's skip completes the break)."""
        if self._result is not None:
            return
        if self.farewell:
            self._close_after_farewell()
        elif self.current_step is not None:
            self._next_step()

    def end_gently(self) -> None:
        """End early: say it is fine, then close after a moment."""
        if self._result is not None or self.farewell:
            return
        self._begin_fade()
        self.farewell = True
        self.awaiting_mood = False
        self.beat_timer.stop()
        self.guide.rest()
        self.farewell_label.setText(FAREWELL)
        self.farewell_label.setAccessibleName(FAREWELL)
        self.center.setCurrentWidget(self.farewell_label)
        self.step_label.setText("")
        self.step_label.setAccessibleName("")
        self._set_phrase("")
        self.skip_button.hide()
        self.not_now_button.hide()
        self._keep_focus_visible()
        self.setAccessibleDescription(FAREWELL)
        self.farewell_timer.start(FAREWELL_MS)

    def choose_mood(self, level: int | None) -> None:
        """Record the mood tap (1..5, None = skipped) and let the step's time begin."""
        if not self.awaiting_mood or self._result is not None:
            return
        if level is not None and not 1 <= level <= len(MOODS):
            raise ValueError(f"mood must be 1..{len(MOODS)} or None, not {level!r}")
        if self.step_index == 0:
            self.mood_before = level
        else:
            self.mood_after = level
        self.awaiting_mood = False
        self._begin_fade()
        self._show_center()
        step = self.current_step
        assert step is not None
        self.beat_timer.start(step.beats[self.beat_index].duration_ms)
        self._keep_focus_visible()

    def _next_step(self) -> None:
        if self.step_index + 1 >= len(self.script.steps):
            self._finish(OUTCOME_COMPLETED)
        else:
            self._enter_step(self.step_index + 1, fade=True)

    def _enter_step(self, index: int, *, fade: bool) -> None:
        if fade:
            self._begin_fade()
        self.step_index = index
        self.beat_index = 0
        step = self.script.steps[index]
        self.awaiting_mood = step.asks_mood
        total = len(self.script.steps)
        self.step_label.setText(step.label)
        self.step_label.setAccessibleName(f"Step {index + 1} of {total}: {step.label}")
        last = index == total - 1
        self.skip_button.setText("Done" if last else "Skip step")
        self.skip_button.setAccessibleName("Done" if last else "Skip step")
        self.skip_button.setAccessibleDescription(
            "Finish the break." if last else "Go on to the next step. Right arrow key."
        )
        self.not_now_button.setVisible(not last)
        self.guide.set_colors(self.colors, warm=step.warm)
        self._show_center()
        self._show_beat(fade=False)
        if self.awaiting_mood:
            self.beat_timer.start(MOOD_PATIENCE_MS)
        self._keep_focus_visible()

    def _keep_focus_visible(self) -> None:
        # When the focused control disappears (a mood button, a hidden button), hand focus
        # back to the window: the keys keep working and the next Tab starts from the top.
        focused = self.focusWidget()
        if focused is None or focused is self or not focused.isVisibleTo(self):
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_center(self) -> None:
        step = self.current_step
        if step is None:
            return
        if self.awaiting_mood:
            self.center.setCurrentWidget(self.mood_panel)
            self.guide.rest()
        else:
            self.center.setCurrentWidget(self.guide)
            if step.breathing:
                self.guide.breathe()
            else:
                self.guide.rest()

    def _show_beat(self, *, fade: bool) -> None:
        step = self.current_step
        assert step is not None
        if fade:
            self._begin_fade()
        beat = step.beats[self.beat_index]
        self._set_phrase(beat.text)
        total = len(self.script.steps)
        self.setAccessibleDescription(
            f"Step {self.step_index + 1} of {total}, {step.label}: {beat.text}"
        )
        if not self.awaiting_mood:
            self.beat_timer.start(beat.duration_ms)

    def _set_phrase(self, text: str) -> None:
        self.phrase_label.setText(text)
        self.phrase_label.setAccessibleName(text)

    def _begin_fade(self) -> None:
        """Lay a picture of the current look over the window and fade it out."""
        if self.reduced_motion or not self.isVisible():
            return
        self.fade.stop()
        self._overlay.hide()
        self._overlay.show_picture(self.grab())
        self.fade.start()

    def _place_on_mouse_screen(self) -> None:
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        self.move(
            area.x() + (area.width() - self.width()) // 2,
            area.y() + (area.height() - self.height()) // 2,
        )

    def _close_after_farewell(self) -> None:
        self._finish(OUTCOME_ENDED_EARLY)

    def _finish(self, outcome: str) -> None:
        if self._result is not None:
            return
        self.beat_timer.stop()
        self.farewell_timer.stop()
        self.fade.stop()
        self.guide.rest()
        self._result = BreakResult(
            started=self._started,
            ended=self._clock.now(),
            planned_seconds=self._settings.length_seconds,
            outcome=outcome,
            mood_before=self.mood_before,
            mood_after=self.mood_after,
            phrase_ids=self._texts.phrase_ids,
        )
        if outcome == OUTCOME_COMPLETED and self._chime is not None:
            self._chime.play()
        self.close()
        self.finished.emit(self._result)

    # -- events -------------------------------------------------------------------------------

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        """Closing the window any other way ends the break early (and is fine)."""
        if self._result is None:
            self._finish(OUTCOME_ENDED_EARLY)
        super().closeEvent(event)  # type: ignore[arg-type]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        """Esc ends gently, Right skips a step, 1-5 answer the mood question."""
        if not self._handle_key(event):
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Catch the break's keys before a focused button turns them into focus moves."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if self._handle_key(event):
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(
                watched, QAbstractButton
            ):
                watched.click()  # Enter activates like Space, on every button
                return True
        return super().eventFilter(watched, event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            if self.farewell:
                self._close_after_farewell()
            else:
                self.end_gently()
            return True
        if key == Qt.Key.Key_Right and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.skip_step()
            return True
        digit = int(key) - Qt.Key.Key_0.value
        if self.awaiting_mood and 1 <= digit <= len(MOODS):
            self.choose_mood(digit)
            return True
        return False
