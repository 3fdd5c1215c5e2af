"""Render Settings' "My words" page in the light and dark palettes.

Usage: ``python tools/my_words_screenshots.py [--out DIR] [--scale 2]``. Runs on Qt's offscreen
platform unless QT_QPA_PLATFORM says otherwise; uses a sample phrases file in a temporary
folder, so the user's own file is never read or written. The palette is built the way
tools/settings_screenshots.py builds it, from kindtray.ui.theme.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

SAMPLE = """\
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
    """Write my-words-light.png and my-words-dark.png (with a suffix at another scale)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parents[1] / "docs/screenshots")
    parser.add_argument("--scale", type=float, default=1.0, help="as QT_SCALE_FACTOR does")
    options = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if options.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(options.scale)

    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication, QStyleFactory

    from kindtray.ui.my_words import MyWordsPage
    from kindtray.ui.theme import apply_window_palette, colors_for

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle(QStyleFactory.create("Fusion"))
    options.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if options.scale == 1.0 else f"-{options.scale:g}x"
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "phrases.toml"
        for theme in ("light", "dark"):
            file.write_text(SAMPLE, encoding="utf-8")
            page = MyWordsPage(file)
            # The settings dialog's pages take the break window's palette, as here.
            colors = colors_for(theme)
            apply_window_palette(page, colors)
            palette = page.palette()  # a desktop greys what is disabled; the palette alone does not
            for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text):
                palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colors.secondary))
            page.setPalette(palette)
            page.resize(640, 580)
            page.group_box.setCurrentIndex(page.group_box.findData("warmth"))
            page.list.setCurrentRow(page.list.count() - 2)
            page.show()
            app.processEvents()
            target = options.out / f"my-words-{theme}{suffix}.png"
            page.grab().save(str(target))
            print(target)
            page.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
