"""Render the settings dialog, light and dark, for the README and for review.

Usage: ``python tools/settings_screenshots.py [--out DIR] [--scale 2] [--all-pages]
[--language de]`` (``make screenshots-settings``). Writes settings-light.png and
settings-dark.png (the first page); with --all-pages also settings-<page>-<theme>.png for every
other page, with --scale 2 the same names with "@2x", and with --language the dialog in that
language, the names starting with it ("de-settings-light.png"). Runs on Qt's offscreen
platform unless QT_QPA_PLATFORM says otherwise; uses a fixed clock and temporary files, so
the pictures are the same every run and the user's own settings are never read or written.
The dialog wears kindtray's palette (the sample's break.theme), so the desktop's own palette
here is only Qt's fallback.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

# A desktop's own palette, not kindtray's: grey and blue, as Qt's Fusion style and a typical
# dark desktop have them. The dialog must bring its own colours; nothing of these may show.
DESKTOP = {
    "light": {
        "window": "#EFEFEF",
        "text": "#000000",
        "base": "#FFFFFF",
        "button": "#EFEFEF",
        "highlight": "#308CC6",
        "on_highlight": "#FFFFFF",
        "mid": "#B8B8B8",
        "disabled": "#8A8A8A",
    },
    "dark": {
        "window": "#353535",
        "text": "#FFFFFF",
        "base": "#2A2A2A",
        "button": "#353535",
        "highlight": "#2A82DA",
        "on_highlight": "#FFFFFF",
        "mid": "#5A5A5A",
        "disabled": "#7F7F7F",
    },
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
    parser.add_argument("--language", default="en", help="a language code: de, es, x-pseudo")
    args = parser.parse_args()

    # A screen as large as a laptop's (the offscreen default, 800x600, is half that at 200 %).
    screen = Path(tempfile.mkdtemp()) / "screen.json"
    screen.write_text(
        '{"screens": [{"name": "shot", "x": 0, "y": 0, "width": 2560, "height": 1600,'
        ' "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}',
        encoding="utf-8",
    )
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={screen}")
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
    from kindtray.ui.translations import install_translations

    app = QApplication([sys.argv[0]])
    app.setStyle(QStyleFactory.create("Fusion"))
    install_translations(app, args.language)
    language = "" if args.language == "en" else f"{args.language}-"

    def palette(colors: dict[str, str]) -> QPalette:
        result = QPalette()
        role = QPalette.ColorRole
        for roles, name in (
            ((role.Window,), "window"),
            ((role.WindowText, role.Text, role.ButtonText, role.ToolTipText), "text"),
            ((role.Base,), "base"),
            ((role.AlternateBase, role.Button, role.ToolTipBase), "button"),
            ((role.Highlight,), "highlight"),
            ((role.HighlightedText,), "on_highlight"),
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
            app.setPalette(palette(DESKTOP[theme]))
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
            shots = [(0, f"{language}settings-{theme}{scale}.png")]
            if args.all_pages:
                for index in range(1, pages.count()):  # the first is settings-<theme>
                    # Named by the page, not its title: the same names in every language.
                    name = pages.widget(index).objectName().removeprefix("page_")
                    slug = {"waiting": "quiet-times"}.get(name, name).replace("_", "-")
                    shots.append((index, f"{language}settings-{slug}-{theme}{scale}.png"))
            for page, name in shots:
                pages.setCurrentIndex(page)
                for _ in range(3):  # a row that measures itself asks for one more layout pass
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
