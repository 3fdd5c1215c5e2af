"""The one palette of kindtray's windows, and the style sheets built from it.

What this module owns: the light and dark colours (every text pair at least 4.5:1), which of
them the ``break.theme`` setting picks, and the style sheets of the welcome, of the
settings dialog, of the small windows (About, no tray, the reminder window) and of the tray
menu. What it must not do: build widgets or decide anything about settings; windows ask it
for colours and apply them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

__all__ = [
    "DARK",
    "LIGHT",
    "Colors",
    "apply_window_palette",
    "Tints",
    "colors_for",
    "contrast",
    "desktop_is_dark",
    "menu_style",
    "notice_style",
    "on_accent",
    "paint",
    "pair_for",
    "set_roles",
    "settings_roles",
    "settings_style",
    "tints_for",
    "welcome_style",
    "window_roles",
]


@dataclass(frozen=True)
class Colors:
    """One palette; every text colour is at least 4.5:1 against ``background`` and ``surface``."""

    background: str
    surface: str
    pressed: str
    text: str
    secondary: str
    accent: str
    warm: str


# One row per palette, in the order of Colors' fields:
#              background surface    pressed    text       secondary  accent     warm
LIGHT = Colors("#F6F4EF", "#ECE8DF", "#E0DBCF", "#2E3338", "#5F666D", "#4A7366", "#94603F")
DARK = Colors("#1F2326", "#2A3034", "#343B40", "#E8E6E1", "#A9B0B6", "#8DB8AA", "#D9A483")


def colors_for(theme: str) -> Colors:
    """Return the palette for the ``theme`` setting ("system" follows the desktop)."""
    if theme == "dark":
        return DARK
    if theme == "light":
        return LIGHT
    scheme = QGuiApplication.styleHints().colorScheme()
    return DARK if scheme == Qt.ColorScheme.Dark else LIGHT


def on_accent(colors: Colors) -> str:
    """Text on the accent: white on the light accent, the page colour on the dark one."""
    return "#FFFFFF" if QColor(colors.accent).lightness() < 128 else colors.background


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21); text needs 4.5 against its ground."""

    def luminance(value: str) -> float:
        color = QColor(value)
        channels = []
        for part in (color.redF(), color.greenF(), color.blueF()):
            linear = part / 12.92 if part <= 0.03928 else ((part + 0.055) / 1.055) ** 2.4
            channels.append(linear)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def desktop_is_dark(widget: QWidget) -> bool:
    """Whether ``widget`` is drawn in a dark desktop palette (the settings dialog follows it)."""
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def pair_for(dark: bool) -> Colors:
    """The palette whose helper and error text suit a light or dark desktop window."""
    return DARK if dark else LIGHT


def paint(widget: QWidget, color: str | QColor, role: QPalette.ColorRole) -> None:
    """Set one colour role of ``widget``'s own palette (for text that follows the desktop)."""
    palette = widget.palette()
    palette.setColor(role, QColor(color))
    widget.setPalette(palette)


def window_roles(c: Colors) -> dict[QPalette.ColorRole, str]:
    """The colour roles every kindtray-styled window shares: page, text and accent."""
    role = QPalette.ColorRole
    return {
        role.Window: c.background,
        role.WindowText: c.text,
        role.Text: c.text,
        role.Highlight: c.accent,
    }


def set_roles(window: QWidget, roles: Mapping[QPalette.ColorRole, str]) -> None:
    """Give ``window`` these colours and let it fill its own background with them."""
    palette = window.palette()
    for role, value in roles.items():
        palette.setColor(role, QColor(value))
    window.setPalette(palette)
    window.setAutoFillBackground(True)


def apply_window_palette(window: QWidget, c: Colors) -> None:
    """Give ``window`` the break window's look, with fields and switches drawn to match."""
    role = QPalette.ColorRole
    roles = window_roles(c) | {
        role.Base: c.surface,
        role.Button: c.surface,
        role.ButtonText: c.text,
        role.HighlightedText: on_accent(c),
        # The check box's frame is drawn in these: secondary text is 4.5:1 on the page.
        role.Mid: c.secondary,
        role.Dark: c.secondary,
    }
    set_roles(window, roles)


def welcome_style(c: Colors) -> str:
    """The welcome's style sheet: the break window's palette, rounded calm fields."""
    accent_text = on_accent(c)
    return f"""
            QLabel {{ color: {c.text}; background: transparent; }}
            QLabel#where {{ color: {c.secondary}; }}
            QLabel#error {{ color: {c.warm}; padding-top: 8px; }}
            QSpinBox, QLineEdit {{
                color: {c.text}; background: {c.surface};
                border: 2px solid transparent; border-radius: 8px; padding: 0px 6px;
                min-height: 26px;
                selection-background-color: {c.accent}; selection-color: {accent_text};
            }}
            QSpinBox:focus, QLineEdit:focus {{ border-color: {c.accent}; }}
            /* No arrow buttons (calmer): typing, the arrow keys and the wheel still work.
               Zero-width buttons, because NoButtons with a styled frame hides the text. */
            QSpinBox::up-button, QSpinBox::down-button {{ width: 0px; border: none; }}
            QCheckBox {{ color: {c.text}; spacing: 8px; }}
            QPushButton {{
                color: {c.text}; background: {c.surface};
                border: 2px solid transparent; border-radius: 10px; padding: 6px 14px;
            }}
            QPushButton[objectName^="day_"] {{ padding: 4px 0px; min-width: 36px; }}
            QPushButton:checked, QPushButton#doneButton {{
                background: {c.accent}; color: {accent_text};
            }}
            QPushButton:focus {{ border-color: {c.text}; }}
            QPushButton#tryButton {{ background: transparent; color: {c.text}; }}
            QPushButton#tryButton:hover {{ background: {c.surface}; }}
            QPushButton#tryButton:focus {{ border-color: {c.accent}; }}
            """


# -- the settings dialog ------------------------------------------------------------------


@dataclass(frozen=True)
class Tints:
    """The settings dialog's extra colours, one set per palette.

    ``card`` is the ground of the boxed rows, ``field`` of a number, time or choice on a row,
    ``chosen`` of a choice that is pressed in, ``line`` the box's edge and the lines between
    rows, ``off`` a switch's track when off (3:1 against the card, as a control's edge needs).
    Text sits on card, field and chosen at 4.5:1 at least; secondary and warm text on card.
    """

    card: str
    field: str
    chosen: str
    line: str
    off: str


#                  card       field      chosen     line       off
LIGHT_TINTS = Tints("#FDFCFA", "#EEEAE2", "#D6E4DD", "#DDD8CD", "#8C9297")
DARK_TINTS = Tints("#272C30", "#343B40", "#34504A", "#394146", "#6E777D")


def tints_for(c: Colors) -> Tints:
    """The settings dialog's tints that go with palette ``c``."""
    return DARK_TINTS if c is DARK else LIGHT_TINTS


def settings_style(c: Colors) -> str:
    """The settings dialog's style sheet: the break window's palette, boxed lists of rows.

    One focus ring for everything: two pixels of the accent around the focused control.
    """
    t = tints_for(c)
    accent_text = on_accent(c)
    return f"""
        QDialog, QWidget#pageColumn, QScrollArea, QStackedWidget#pages {{
            background: {c.background}; }}
        QLabel {{ color: {c.text}; background: transparent; }}
        QLabel#subtitle, QLabel#groupDescription, QLabel#preview, QLabel#where {{
            color: {c.secondary}; }}
        QLabel#problem, QLabel#rowTitle[invalid="true"] {{ color: {c.warm}; }}
        QLabel#status {{ color: {c.text}; }}
        QLabel#status[error="true"] {{ color: {c.warm}; }}
        QFrame#boxedList {{
            background: {t.card}; border: 1px solid {t.line}; border-radius: 12px; }}
        QFrame#row {{ background: transparent; border: none; }}
        QFrame#separator {{ background: {t.line}; border: none; margin: 0px 1px; }}
        QFrame#notice, QFrame#phrasesNotice {{
            background: {t.card}; border: 1px solid {t.line}; border-radius: 10px; }}
        QFrame#side {{ background: {c.surface}; }}
        QLabel#sideTitle {{ color: {c.text}; }}
        QListWidget#nav {{
            background: transparent; border: none; outline: none; color: {c.text};
        }}
        QListWidget#nav::item {{
            padding: 8px 12px; margin: 1px 0px; border-radius: 8px;
            border: 2px solid transparent; color: {c.text};
        }}
        QListWidget#nav::item:selected {{ background: {t.chosen}; color: {c.text}; }}
        QListWidget#nav::item:hover:!selected {{ background: {c.pressed}; }}
        QListWidget#nav:focus::item:selected {{ border-color: {c.accent}; }}
        QListWidget#myWordsList, QLineEdit#myWordsWords {{
            color: {c.text}; background: {t.field};
            border: 2px solid transparent; border-radius: 8px; padding: 3px 6px;
            outline: none; selection-background-color: {c.accent};
            selection-color: {accent_text};
        }}
        QListWidget#myWordsList:focus, QLineEdit#myWordsWords:focus {{
            border-color: {c.accent}; }}
        QListWidget#myWordsList::item {{ padding: 2px 6px; border-radius: 6px; }}
        QListWidget#myWordsList::item:selected {{ background: {t.chosen}; color: {c.text}; }}
        QSpinBox, QTimeEdit, QComboBox {{
            color: {c.text}; background: {t.field};
            border: 2px solid transparent; border-radius: 8px; padding: 3px 8px;
            min-height: 24px;
            selection-background-color: {c.accent}; selection-color: {accent_text};
        }}
        QSpinBox:focus, QTimeEdit:focus, QComboBox:focus {{ border-color: {c.accent}; }}
        QSpinBox:disabled, QTimeEdit:disabled {{ color: {c.secondary}; background: {t.card};
            border-color: {t.line}; }}
        /* No arrow buttons (calmer): typing, the arrow keys and the wheel still work. */
        QSpinBox::up-button, QSpinBox::down-button,
        QTimeEdit::up-button, QTimeEdit::down-button {{ width: 0px; border: none; }}
        QComboBox {{ padding-right: 26px; }}
        QComboBox::drop-down {{ border: none; width: 24px; }}
        QComboBox::down-arrow {{ image: none; width: 0px; }}
        QComboBox QAbstractItemView {{
            color: {c.text}; background: {t.card}; border: 1px solid {t.line};
            selection-background-color: {t.chosen}; selection-color: {c.text}; outline: none;
        }}
        QPushButton {{
            color: {c.text}; background: {t.field};
            border: 2px solid transparent; border-radius: 8px; padding: 5px 14px;
            outline: none;
        }}
        QPushButton:hover {{ background: {c.pressed}; }}
        QPushButton:focus {{ border-color: {c.accent}; }}
        QPushButton:disabled {{ color: {c.secondary}; background: {c.surface}; }}
        QPushButton:checked {{
            background: {t.chosen}; border: 1px solid {c.accent}; padding: 6px 15px; }}
        QPushButton:checked:focus {{ border: 2px solid {c.accent}; padding: 5px 14px; }}
        QPushButton[objectName^="day_"] {{ min-width: 34px; padding-left: 4px;
            padding-right: 4px; }}
        QPushButton[objectName^="day_"]:checked {{ padding-left: 5px; padding-right: 5px; }}
        QPushButton[objectName^="day_"]:checked:focus {{ padding-left: 4px;
            padding-right: 4px; }}
        QPushButton#okButton {{ background: {c.accent}; color: {accent_text}; }}
        QPushButton#okButton:focus {{ border-color: {c.text}; }}
        QPushButton#okButton:disabled {{ background: {c.surface}; color: {c.secondary}; }}
        QPushButton#quiet {{ background: transparent; }}
        QPushButton#quiet:hover {{ background: {c.surface}; }}
        QPushButton#quiet:focus {{ border-color: {c.accent}; }}
        QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
        QScrollBar::handle:vertical {{ background: {t.line}; border-radius: 3px;
            min-height: 24px; }}
        QScrollBar::add-line, QScrollBar::sub-line {{ height: 0px; }}
        QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
        QToolTip {{ color: {c.text}; background: {t.card}; border: 1px solid {t.line}; }}
        """


def settings_roles(c: Colors) -> dict[QPalette.ColorRole, str]:
    """The palette roles the dialog's hand-drawn parts read (the switch, the focus ring)."""
    t = tints_for(c)
    role = QPalette.ColorRole
    return window_roles(c) | {
        role.Base: on_accent(c),  # the switch's knob
        role.Mid: t.off,  # the switch's track when off
        role.Button: t.field,
        role.ButtonText: c.text,
        role.HighlightedText: on_accent(c),
        role.PlaceholderText: c.secondary,
    }


# -- the small windows and the tray menu ---------------------------------------------------


def notice_style(c: Colors) -> str:
    """The small windows (About, no tray, the reminder window): the welcome's look.

    Quiet buttons on the surface, the one that goes on in the accent, and one focus ring in
    the text colour on every button, drawn from the first key press (it is the style sheet's
    ``:focus``, not the platform's keyboard-only focus frame).
    """
    accent_text = on_accent(c)
    return f"""
            QLabel {{ color: {c.text}; background: transparent; }}
            QLabel#secondary, QLabel#commandWords {{ color: {c.secondary}; }}
            QLabel#command {{ color: {c.text}; }}
            QFrame#commands {{ background: {c.surface}; border-radius: 10px; }}
            QPushButton {{
                color: {c.text}; background: {c.surface};
                border: 2px solid transparent; border-radius: 10px; padding: 6px 16px;
            }}
            QPushButton:hover {{ background: {c.pressed}; }}
            QPushButton:pressed {{ background: {c.pressed}; }}
            QPushButton#primaryButton {{ background: {c.accent}; color: {accent_text}; }}
            QPushButton:focus, QPushButton#primaryButton:focus {{ border-color: {c.text}; }}
            """


def menu_style(c: Colors) -> str:
    """The tray menu where Qt draws it (X11 trays), in kindtray's colours.

    The page colour, the accent for the highlighted entry instead of the platform's bright
    blue, and the status line (a disabled entry) in secondary text.
    """
    accent_text = on_accent(c)
    return f"""
            QMenu {{
                background: {c.background}; color: {c.text};
                border: 1px solid {c.pressed}; padding: 6px 0px;
            }}
            QMenu::item {{ padding: 6px 28px 6px 18px; background: transparent; }}
            QMenu::item:selected {{ background: {c.accent}; color: {accent_text}; }}
            QMenu::item:disabled {{ color: {c.secondary}; background: transparent; }}
            QMenu::separator {{ height: 1px; background: {c.pressed}; margin: 5px 12px; }}
            QMenu::right-arrow {{ width: 8px; height: 8px; }}
            """
