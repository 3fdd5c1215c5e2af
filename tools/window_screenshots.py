"""Render the small windows, the tray menu and the welcome, light and dark, at 100 % and 200 %.

Usage: ``python tools/window_screenshots.py [--out DIR] [--scale 1|2] [--language de]``.
Without ``--scale``
it renders both scales (200 % in a second process: Qt reads QT_SCALE_FACTOR once). Runs on
Qt's offscreen platform unless QT_QPA_PLATFORM says otherwise; uses temporary files, so the
user's own settings are never read or written. Writes into docs/screenshots/:

- about-<theme>.png, no-tray-<theme>.png (reminders in kindtray's own window),
  fallback-reminder-<theme>.png (the focus on "Later", as it opens),
  tray-menu-<theme>.png (the status line, "Take a break now" under the pointer),
  welcome-<theme>.png and welcome-no-tray-<theme>.png;
- the same with ``@2x`` before ``.png`` at 200 %;
- with ``--language``: About, the no-tray note, the reminder window and the tray menu in that
  language, named ``<language>-about-<theme>.png`` and so on (the welcome is left out).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class _Autostart:
    supported = True

    def is_enabled(self) -> bool:
        return False

    def enable(self) -> None:
        """Nothing: a screenshot must not change the user's login."""

    def disable(self) -> None:
        """Nothing."""


def reminder_line(language: str | None) -> str:
    """A reminder phrase in ``language``, from its phrase library (English without one)."""
    import tomllib

    if not language:
        return "A minute for yourself?"
    name = f"{language}.toml" if language and language != "x-pseudo" else "en.toml"
    with (ROOT / "resources" / "phrases" / name).open("rb") as file:
        library = tomllib.load(file)
    return str(library["reminder"]["reminder-kind-pause"])


def render(out: Path, scale: float, language: str | None = None) -> list[Path]:
    """Render every window at ``scale`` (QT_SCALE_FACTOR is set already); return the files."""
    from PySide6.QtWidgets import QApplication, QWidget

    from kindtray import i18n
    from kindtray.core.clock import SystemClock
    from kindtray.core.schedule import Decision
    from kindtray.storage.settings_store import SettingsStore
    from kindtray.ui.notices import AboutWindow, NoTrayWindow
    from kindtray.ui.notify.base import ReminderAnswers
    from kindtray.ui.notify.window import ReminderWindow
    from kindtray.ui.theme import DARK, LIGHT, menu_style
    from kindtray.ui.tray import Tray
    from kindtray.ui.welcome import WelcomeWindow
    from kindtray.ui.windows import center_on_pointer_screen

    app = QApplication.instance() or QApplication(sys.argv[:1])
    suffix = "@2x" if scale != 1.0 else ""
    prefix = f"{language}-" if language else ""
    if language:
        from kindtray.ui.translations import install_translations
        from tools.translations import compile_all

        compile_all()
        install_translations(app, language)
        i18n.use_language(language)
    written: list[Path] = []

    def save(widget: QWidget, name: str) -> None:
        target = out / f"{prefix}{name}{suffix}.png"
        widget.grab().save(str(target))
        written.append(target)
        shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
        print(f"{shown} ({widget.width()}x{widget.height()})")

    def shoot(window: QWidget, name: str) -> None:
        window.show()
        center_on_pointer_screen(window)
        window.activateWindow()
        for _ in range(3):
            app.processEvents()
        save(window, name)
        window.hide()  # hide, not close: closing the welcome would save the settings

    now = datetime.now().astimezone().replace(hour=14, minute=0, second=0, microsecond=0)
    plan = Decision(False, None, now + timedelta(minutes=32), None, now + timedelta(minutes=5))
    with tempfile.TemporaryDirectory() as tmp:
        store = SettingsStore(Path(tmp) / "settings.toml", SystemClock())
        store.load()
        for theme, colors in (("light", LIGHT), ("dark", DARK)):
            shoot(AboutWindow(lambda: None, theme, show_why=lambda: None), f"about-{theme}")
            shoot(NoTrayWindow("window", theme), f"no-tray-{theme}")
            reminder = ReminderWindow(ReminderAnswers(), theme)
            reminder.present(reminder_line(language))
            reminder.activateWindow()
            for _ in range(3):
                app.processEvents()
            save(reminder, f"fallback-reminder-{theme}")
            reminder.withdraw()
            # The welcome's words are the settings' round; in a language, only these four.
            welcomes = () if language else ((True, "welcome"), (False, "welcome-no-tray"))
            for has_tray, name in welcomes:
                window = WelcomeWindow(
                    store,
                    _Autostart(),  # type: ignore[arg-type]
                    lambda: None,
                    theme=theme,
                    open_why=lambda: None,
                    has_tray=has_tray,
                    route="notifications",
                )
                shoot(window, f"{name}-{theme}")
            tray = Tray()
            tray.show_decision(plan, now)
            tray.menu.setStyleSheet(menu_style(colors))
            tray.menu.ensurePolished()
            tray.menu.adjustSize()
            tray.menu.setActiveAction(tray.break_action)
            save(tray.menu, f"tray-menu-{theme}")
    return written


def main() -> int:
    """Render at the scale asked for, or at both."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--scale", type=float, help="like QT_SCALE_FACTOR (default: 1 and 2)")
    parser.add_argument("--language", help="a language code: de, es, x-pseudo")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))  # tools.translations compiles the catalogs
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args.out.mkdir(parents=True, exist_ok=True)
    if args.scale is None:
        command = [sys.executable, __file__, "--out", str(args.out), "--scale", "2"]
        if args.language:
            command += ["--language", args.language]
        subprocess.run(command, check=True)
        args.scale = 1.0
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    render(args.out, args.scale, args.language)
    return 0


if __name__ == "__main__":
    sys.exit(main())
