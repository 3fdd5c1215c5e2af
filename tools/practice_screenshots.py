"""Render "Your practice" and "Why this helps" to PNG, in light and dark.

``.venv/bin/python tools/practice_screenshots.py`` draws them offscreen into docs/screenshots/
as ``practice-<theme>.png`` and ``why-<theme>.png``; with ``--x11`` it shows each on the X11
stack of ``desktopstack`` (Xvfb, no window manager) and takes the screen's own picture of it:
``desktop-x11-<theme>-<practice|why>.png``. ``practice-few-<theme>.png`` shows the kind line
that stands in for the mood picture when too few breaks have moods; with QT_SCALE_FACTOR=2
every file name ends in ``-200``. The practice window reads a sample history written
here to a throw-away folder, through the same reader as the app. ``--language de`` draws
"Your practice" in that language (``de-practice-<theme>.png``, ``de-practice-few-...``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

if "--show" not in sys.argv:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget  # after the platform is chosen

from kindtray.core.clock import FakeClock
from kindtray.core.history import BreakRecord, Outcome, Practice, Trigger
from kindtray.session.practice import read_practice
from kindtray.storage.history import History
from kindtray.ui.practice_window import PracticeWindow
from kindtray.ui.why_window import WhyWindow

NOW = datetime(2026, 11, 29, 17, 0, tzinfo=ZoneInfo("Europe/Berlin"))
# (days ago, seconds in the practice, mood before, mood after, practice): a plausible month.
Sample = tuple[tuple[int, int, int | None, int | None, Practice], ...]
SAMPLE: Sample = (
    (0, 58, 2, 3, Practice.MINUTE),
    (1, 60, 3, 4, Practice.MINUTE),
    (2, 150, None, None, Practice.HARD_MOMENT),
    (3, 57, 2, 2, Practice.MINUTE),
    (5, 60, 3, 4, Practice.MINUTE),
    (9, 59, 1, 3, Practice.MINUTE),
    (12, 60, 4, 4, Practice.MINUTE),
    (16, 41, 3, 3, Practice.MINUTE),
    (20, 60, 2, 3, Practice.MINUTE),
    (27, 60, None, 4, Practice.MINUTE),
)


# Too little to say anything honest about mood: one break with both moods.
FEW: Sample = ((0, 60, 3, 4, Practice.MINUTE), (2, 55, None, None, Practice.MINUTE))


def sample_history(
    folder: Path, clock: FakeClock, sample: Sample = SAMPLE, now: datetime = NOW
) -> Path:
    """Write the sample breaks, counted back from ``now``, into a fresh history in ``folder``."""
    path = folder / "history.sqlite3"
    with History(path, clock) as history:
        for days, seconds, before, after, practice in sample:
            started = now - timedelta(days=days, hours=days % 5)
            history.record(
                BreakRecord(
                    started,
                    started + timedelta(seconds=seconds + 20),  # the mood taps take a moment
                    max(60, seconds),
                    Outcome.COMPLETED,
                    Trigger.REMINDER,
                    before,
                    after,
                    practice=practice,
                    practice_seconds=float(seconds),
                )
            )
    return path


def make_window(name: str, theme: str, path: Path, clock: FakeClock) -> QWidget:
    """The window ``name`` ("practice" or "why") in ``theme``, over the sample history."""
    if name == "why":
        return WhyWindow(theme=theme)
    return PracticeWindow(
        lambda: read_practice(path, clock), lambda _: 0, lambda: None, theme=theme
    )


def offscreen(out: Path, suffix: str, language: str | None = None) -> None:
    """Draw each window into a PNG without any display (and the practice with few moods)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    names: tuple[str, ...] = ("practice", "why")
    prefix = ""
    if language:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from kindtray.ui.translations import install_translations
        from tools.translations import compile_all

        compile_all()
        install_translations(app, language)
        # "Why this helps" has its page in each language from its own round.
        names, prefix = ("practice",), f"{language}-"
    clock = FakeClock(NOW, "Europe/Berlin")
    with tempfile.TemporaryDirectory() as scratch:
        path = sample_history(Path(scratch), clock)
        few = sample_history(Path(scratch) / "few", clock, FEW)
        shots = [(name, "", path) for name in names] + [("practice", "-few", few)]
        for theme in ("light", "dark"):
            for name, variant, history in shots:
                window = make_window(name, theme, history, clock)
                window.show()
                app.processEvents()
                target = out / f"{prefix}{name}{variant}-{theme}{suffix}.png"
                window.grab().save(str(target))
                print(target)
                window.close()


def show(name: str, theme: str) -> int:
    """Show one window on the real display until killed (the --x11 mode's child)."""
    app = QApplication(sys.argv[:1])
    clock = FakeClock(NOW, "Europe/Berlin")
    with tempfile.TemporaryDirectory() as scratch:
        window = make_window(name, theme, sample_history(Path(scratch), clock), clock)
        window.move(40, 40)
        window.show()
        return app.exec()


def on_x11(out: Path) -> None:
    """Show each window on Xvfb and save the display's picture of it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from desktopstack import X11, Desktop
    from tools.desktop_screenshots import x11_window_shot

    with X11(notifications=False) as desktop:
        assert isinstance(desktop, X11)
        for theme in ("light", "dark"):
            for name in ("practice", "why"):
                child = subprocess.Popen(
                    [sys.executable, __file__, "--show", name, theme],
                    env=desktop.env | {"QT_QPA_PLATFORM": "xcb"},
                )
                try:
                    target = out / f"desktop-x11-{theme}-{name}.png"
                    x11_window_shot(desktop, child.pid, target)
                    print(target)
                finally:
                    Desktop.end(child)


def main() -> int:
    """Save the pictures and print their paths."""
    out = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    if sys.argv[1:2] == ["--show"]:
        return show(sys.argv[2], sys.argv[3])
    if sys.argv[1:2] == ["--x11"]:
        on_x11(out)
    else:
        # QT_SCALE_FACTOR=2 draws at 200 %: those files end in -200.
        scale = os.environ.get("QT_SCALE_FACTOR", "1")
        language = sys.argv[2] if sys.argv[1:2] == ["--language"] else None
        offscreen(out, "" if scale in ("", "1") else f"-{round(float(scale) * 100)}", language)
    return 0


if __name__ == "__main__":
    sys.exit(main())
