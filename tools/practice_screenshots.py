"""Render "Your practice" and "Why this helps" to PNG, in light and dark (offscreen).

Run ``.venv/bin/python tools/practice_screenshots.py``. The pictures land in docs/screenshots/
as ``practice-<theme>.png`` and ``why-<theme>.png``. The practice window reads a sample
history written here to a throw-away folder, through the same reader as the app.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # after the platform is chosen

from kindtray.core.clock import FakeClock
from kindtray.core.history import BreakRecord, Outcome, Practice, Trigger
from kindtray.session.practice import read_practice
from kindtray.storage.history import History
from kindtray.ui.practice_window import PracticeWindow
from kindtray.ui.why_window import WhyWindow

NOW = datetime(2026, 11, 29, 17, 0, tzinfo=ZoneInfo("Europe/Berlin"))
# (days ago, seconds in the practice, mood before, mood after, practice): a plausible month.
SAMPLE = (
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


def sample_history(folder: Path, clock: FakeClock) -> Path:
    """Write the sample breaks into a fresh history in ``folder``."""
    path = folder / "history.sqlite3"
    with History(path, clock) as history:
        for days, seconds, before, after, practice in SAMPLE:
            started = NOW - timedelta(days=days, hours=days % 5)
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


def main() -> int:
    """Save the four pictures and print their paths."""
    app = QApplication.instance() or QApplication(sys.argv)
    out = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    clock = FakeClock(NOW, "Europe/Berlin")
    with tempfile.TemporaryDirectory() as scratch:
        path = sample_history(Path(scratch), clock)
        for theme in ("light", "dark"):
            windows = {
                "practice": PracticeWindow(
                    lambda: read_practice(path, clock), lambda _: 0, lambda: None, theme=theme
                ),
                "why": WhyWindow(theme=theme),
            }
            for name, window in windows.items():
                window.show()
                app.processEvents()
                target = out / f"{name}-{theme}.png"
                window.grab().save(str(target))
                print(target)
                window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
