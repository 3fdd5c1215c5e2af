"""Render the welcome window in the light and dark palettes for the README.

Usage: ``python tools/welcome_screenshots.py [--out DIR] [--scale 2]``
(``make screenshots-welcome``). Runs on Qt's offscreen platform unless QT_QPA_PLATFORM says
otherwise; uses temporary files, so the user's own settings are never read or written, and
start at login is a stand-in that writes nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


class _Autostart:
    supported = True

    def is_enabled(self) -> bool:
        return False

    def enable(self) -> None:
        """Nothing: a screenshot must not change the user's login."""

    def disable(self) -> None:
        """Nothing."""


def main() -> int:
    """Write welcome-light.png and welcome-dark.png."""
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).parent.parent / "docs" / "screenshots"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="like QT_SCALE_FACTOR")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)

    from PySide6.QtWidgets import QApplication

    from kindtray.core.clock import SystemClock
    from kindtray.storage.settings_store import SettingsStore
    from kindtray.ui.welcome import WelcomeWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = SettingsStore(Path(tmp) / "settings.toml", SystemClock())
        store.load()
        for theme in ("light", "dark"):
            window = WelcomeWindow(
                store, _Autostart(), lambda: None, theme=theme, open_why=lambda: None
            )
            window.show()
            app.processEvents()
            target = args.out / f"welcome-{theme}.png"
            window.grab().save(str(target))
            print(f"{target} ({window.width()}x{window.height()})")
            window.hide()  # hide, not close: closing would save the settings
    return 0


if __name__ == "__main__":
    sys.exit(main())
