"""Render Settings' "My words" page, light and dark, with a sample phrases file.

Usage: ``python tools/my_words_screenshots.py [--out DIR] [--scale 2]``. Writes
my-words-light.png and my-words-dark.png (with "@2x" at --scale 2). Runs on Qt's offscreen
platform unless QT_QPA_PLATFORM says otherwise; uses temporary files and a fixed clock, so
the user's own files are never read or written. The dialog wears kindtray's palette (the
sample's break.theme), as tools/settings_screenshots.py has it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

SAMPLE_PHRASES = """\
# My own words, collected over the years.

[warmth]
grandma = "Grandma's voice: you are loved, little one."  # every night
tea = "Tea and a breath, just for me."

[hidden]
ids = ["warmth-all-of-you"]

[favourite]
ids = ["grandma", "warmth-own-side"]
"""


def main() -> int:
    """Write the two pictures and print their names."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parents[1] / "docs/screenshots")
    parser.add_argument("--scale", type=float, default=1.0, help="as QT_SCALE_FACTOR does")
    options = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if options.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(options.scale)

    from PySide6.QtWidgets import QApplication, QStyleFactory

    from kindtray.core.clock import FakeClock
    from kindtray.core.state import State
    from kindtray.paths import default_paths
    from kindtray.storage.settings_store import SettingsStore
    from kindtray.system.autostart import XdgAutostart
    from kindtray.ui.my_words import MyWordsPage
    from kindtray.ui.settings_dialog import SettingsDialog

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle(QStyleFactory.create("Fusion"))
    options.out.mkdir(parents=True, exist_ok=True)
    clock = FakeClock(datetime(2026, 11, 30, 10, 20, tzinfo=ZoneInfo("Europe/Berlin")))
    scale = "" if options.scale == 1.0 else f"@{options.scale:g}x"
    with tempfile.TemporaryDirectory() as tmp:
        paths = default_paths(Path(tmp) / "kindtray")
        paths.config_dir.mkdir(parents=True)
        for theme in ("light", "dark"):
            paths.settings_file.write_text(f'[break]\ntheme = "{theme}"\n', encoding="utf-8")
            paths.phrases_file.write_text(SAMPLE_PHRASES, encoding="utf-8")
            dialog = SettingsDialog(
                SettingsStore(paths.settings_file, clock),
                paths,
                clock,
                lambda: State(seed=20261130),
                XdgAutostart(Path(tmp) / "xdg", ["/usr/bin/kindtray"]),
                open_url=lambda url: True,
                has_sound=True,
            )
            dialog.show()
            pages = dialog._tabs
            index = next(i for i in range(pages.count()) if pages.title(i) == "My words")
            pages.nav.setCurrentRow(index)
            page = pages.widget(index)
            assert isinstance(page, MyWordsPage)
            page.group_box.setCurrentIndex(page.group_box.findData("warmth"))
            page.list.setCurrentRow(page.list.count() - 2)
            app.processEvents()
            target = options.out / f"my-words-{theme}{scale}.png"
            dialog.grab().save(str(target))
            print(target)
            dialog.close()
            dialog.deleteLater()
            app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
