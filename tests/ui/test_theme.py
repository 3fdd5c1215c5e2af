"""The one palette: readable text pairs, and "system" follows the desktop."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QApplication

from kindtray.ui.theme import DARK, LIGHT, Colors, colors_for, contrast, on_accent


def test_system_theme_follows_the_desktop(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Hints:
        scheme = Qt.ColorScheme.Dark

        def colorScheme(self) -> Qt.ColorScheme:
            return self.scheme

    hints = Hints()
    monkeypatch.setattr(QGuiApplication, "styleHints", staticmethod(lambda: hints))
    assert colors_for("system") is DARK
    hints.scheme = Qt.ColorScheme.Light
    assert colors_for("system") is LIGHT
    hints.scheme = Qt.ColorScheme.Unknown
    assert colors_for("system") is LIGHT


def _luminance(hex_color: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    color = QColor(hex_color)
    r, g, b = (channel(v / 255) for v in (color.red(), color.green(), color.blue()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("colors", [LIGHT, DARK])
def test_every_text_color_is_readable(colors: Colors) -> None:
    pairs = [
        (text, ground)
        for text in (colors.text, colors.secondary)
        for ground in (colors.background, colors.surface)
    ]
    pairs.append((colors.text, colors.pressed))  # a pressed button shows the full text colour
    for text, ground in pairs:
        lighter, darker = sorted((_luminance(text), _luminance(ground)), reverse=True)
        assert (lighter + 0.05) / (darker + 0.05) >= 4.5, (text, ground)


def test_text_on_the_accent_is_white_on_light_and_the_page_color_on_dark() -> None:
    assert on_accent(LIGHT) == "#FFFFFF"
    assert on_accent(DARK) == DARK.background


@pytest.mark.parametrize("colors", [LIGHT, DARK], ids=["light", "dark"])
def test_every_text_pair_of_the_small_windows_and_the_menu_is_readable(colors: Colors) -> None:
    # (text, ground) as notice_style and menu_style pair them.
    pairs = {
        "words on the page": (colors.text, colors.background),
        "secondary words on the page": (colors.secondary, colors.background),
        "a quiet button": (colors.text, colors.surface),
        "a quiet button under the pointer": (colors.text, colors.pressed),
        "a command's words in the list": (colors.secondary, colors.surface),
        "the primary button and the highlighted menu entry": (on_accent(colors), colors.accent),
    }
    for name, (text, ground) in pairs.items():
        assert contrast(text, ground) >= 4.5, name
    # The focus ring (the text colour) stands out from the page and from a quiet button.
    assert contrast(colors.text, colors.background) >= 3
    assert contrast(colors.text, colors.surface) >= 3
