"""Render the settings dialog, light and dark, for the README and for review.

Usage: ``python tools/settings_screenshots.py [--out DIR] [--scale 2] [--all-pages]``
(``make screenshots-settings``). Writes settings-light.png and settings-dark.png (the first
page); with --all-pages also settings-<page>-<theme>.png for every page, and with --scale 2
the same names with "@2x". Runs on Qt's offscreen platform unless QT_QPA_PLATFORM says
otherwise; uses a fixed clock and temporary files, so the pictures are the same every run
and the user's own settings are never read or written. The dialog wears kindtray's palette
(the sample's break.theme), so the desktop's own palette here is only Qt's fallback.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

# What a desktop has that kindtray's palette does not: the field ground, disabled text and the
# frame colour. The rest comes from kindtray.ui.theme, so the pictures follow the palette.
DESKTOP_EXTRAS = {
    "light": {"base": "#FFFFFF", "disabled": "#8A8F94", "mid": "#B9B4AA"},
    "dark": {"base": "#262B2F", "disabled": "#767E84", "mid": "#4A5358"},
}

SAMPLE_SETTINGS = """\
schema = 1

[reminders]
interval_minutes = 90
randomness_percent = 10
active_days = ["mon", "tue", "wed", "thu", "fri"]
active_start = "09:00"
active_end = "18:00"
snooze_minutes = 10

[break]
theme = "THEME"

[phrases]
wind_down = "21:30"

[system]
start_at_login = true
"""


def main() -> int:
    """Write settings-light.png and settings-dark.png (and more with --all-pages)."""
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).parent.parent / "docs" / "screenshots"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="like QT_SCALE_FACTOR")
    parser.add_argument("--all-pages", action="store_true", help="one picture per page")
    args = parser.parse_args()

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)

    # Imported after the environment is set: Qt reads it when the application starts.
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication, QStyleFactory

    from kindtray.core.clock import FakeClock
    from kindtray.core.state import State
    from kindtray.paths import default_paths
    from kindtray.storage.settings_store import SettingsStore
    from kindtray.system.autostart import XdgAutostart
    from kindtray.ui.settings_dialog import SettingsDialog
    from kindtray.ui.theme import colors_for, on_accent

    def desktop(theme: str) -> dict[str, str]:
        c = colors_for(theme)
        return {
            "window": c.background,
            "surface": c.surface,
            "text": c.text,
            "accent": c.accent,
            "on_accent": on_accent(c),
            **DESKTOP_EXTRAS[theme],
        }

    app = QApplication([sys.argv[0]])
    app.setStyle(QStyleFactory.create("Fusion"))

    def palette(colors: dict[str, str]) -> QPalette:
        result = QPalette()
        role = QPalette.ColorRole
        for roles, name in (
            ((role.Window,), "window"),
            ((role.WindowText, role.Text, role.ButtonText, role.ToolTipText), "text"),
            ((role.Base,), "base"),
            ((role.AlternateBase, role.Button, role.ToolTipBase), "surface"),
            ((role.Highlight,), "accent"),
            ((role.HighlightedText,), "on_accent"),
            ((role.Mid, role.Dark), "mid"),
            ((role.PlaceholderText,), "disabled"),
        ):
            for r in roles:
                result.setColor(r, QColor(colors[name]))
        for r in (role.WindowText, role.Text, role.ButtonText):
            result.setColor(QPalette.ColorGroup.Disabled, r, QColor(colors["disabled"]))
        return result

    args.out.mkdir(parents=True, exist_ok=True)
    clock = FakeClock(datetime(2026, 11, 30, 10, 20, tzinfo=ZoneInfo("Europe/Berlin")))
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = default_paths(Path(tmp) / "kindtray")
        paths.config_dir.mkdir(parents=True)
        autostart = XdgAutostart(Path(tmp) / "xdg", ["/usr/bin/kindtray"])
        autostart.enable()
        scale = "" if args.scale == 1.0 else f"@{args.scale:g}x"
        for theme in ("light", "dark"):
            sample = SAMPLE_SETTINGS.replace("THEME", theme)
            paths.settings_file.write_text(sample, encoding="utf-8")
            app.setPalette(palette(desktop(theme)))
            dialog = SettingsDialog(
                SettingsStore(paths.settings_file, clock),
                paths,
                clock,
                lambda: State(seed=20261130),
                autostart,
                open_url=lambda url: True,
                has_sound=True,
            )
            dialog.show()
            pages = dialog._tabs
            shots = [(0, f"settings-{theme}{scale}.png")]
            if args.all_pages:
                for index in range(pages.count()):
                    slug = pages.title(index).lower().replace("the ", "").replace(" ", "-")
                    shots.append((index, f"settings-{slug}-{theme}{scale}.png"))
            for page, name in shots:
                pages.setCurrentIndex(page)
                app.processEvents()
                target = args.out / name
                dialog.grab().save(str(target))
                written.append(target)
            dialog.close()
            dialog.deleteLater()
            app.processEvents()
    for target in written:
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
