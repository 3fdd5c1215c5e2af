"""The "Why this helps" window: a short, calm page on what kindness toward yourself does.

Owns showing the help page (its words live in resources/help/, read by
``kindtray.storage.help_pages``) in the break window's palette, readable by keyboard and
screen reader. Reached from the welcome, the About box and "Your practice".
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from kindtray.i18n import _, current_language
from kindtray.storage.help_pages import HelpPage, load_help_page
from kindtray.ui.theme import Colors, apply_window_palette, colors_for, welcome_style
from kindtray.ui.windows import button_row, make_button, name_window, scaled_fonts, show_one

__all__ = ["WhyWindow", "show_why"]

PAGE = "why-this-helps"


class WhyWindow(QWidget):
    """The page in a scrollable, read-only text view, with one Close button."""

    def __init__(
        self, page: HelpPage | None = None, *, theme: str = "system", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.page = page or load_help_page(PAGE, current_language())
        self.colors = colors_for(theme)
        name_window(self, "whyWindow", self.page.title, self.page.intro)
        title_font, text_font = scaled_fonts(self, 1.6, 1.05)

        self.title = QLabel(self.page.title)
        self.title.setObjectName("title")
        self.title.setFont(title_font)
        self.text = QTextBrowser()
        self.text.setObjectName("whyText")
        self.text.setFont(text_font)
        self.text.setOpenLinks(False)
        self.text.setHtml(page_html(self.page, self.colors))
        self.text.setAccessibleName(self.page.title)
        self.text.setAccessibleDescription(_("The page's text. The arrow keys scroll it."))
        self.close_button = make_button(
            _("&Close"), "doneButton", _("Closes this page. Escape key."), self.close, default=True
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 18)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addLayout(button_row(self.close_button))
        apply_window_palette(self, self.colors)
        self.setStyleSheet(
            welcome_style(self.colors)
            + f"QTextBrowser {{ background: {self.colors.background}; border: none; }}"
            + f"QTextBrowser:focus {{ border: 2px solid {self.colors.accent};"
            " border-radius: 8px; }"
            + "QScrollBar:vertical { background: transparent; width: 10px; margin: 4px 0; }"
            + f"QScrollBar::handle:vertical {{ background: {self.colors.pressed};"
            " border-radius: 5px; min-height: 32px; }"
            + "QScrollBar::add-line, QScrollBar::sub-line { height: 0px; }"
            + "QScrollBar::add-page, QScrollBar::sub-page { background: transparent; }"
        )
        self.text.document().setDocumentMargin(10)
        self.resize(580, 680)
        self.text.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape closes the page, as in every kindtray window."""
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


def page_html(page: HelpPage, colors: Colors) -> str:
    """The page as simple HTML: the intro, then each heading and its paragraph."""
    parts = [f'<p style="color:{colors.secondary}">{escape(page.intro)}</p>']
    for section in page.sections:
        parts.append(f'<h3 style="color:{colors.text}">{escape(section.heading)}</h3>')
        parts.append(f'<p style="color:{colors.text}">{escape(section.text)}</p>')
    return "".join(parts)


def show_why(theme: str = "system") -> WhyWindow:
    """Show the page (or raise the one already open) and return it."""
    return show_one(WhyWindow, lambda: WhyWindow(theme=theme))
