"""The tray icon: its menu, tooltip and active/paused look.

Owns what the user sees and clicks in the panel, and turns clicks into signals. It does not
decide anything: ui/app.py connects the signals to the scheduler and the break, and calls
``show_decision`` with each Decision so the tooltip, the menu's status line and the icon
follow the core (the words are session/wording.py's ``status_line``).

The menu, top to bottom: the status line (not clickable); the breaks ("Take a break now",
"A hard moment", "Remind me anyway" while a reminder is held); Pause and Resume; the windows
("Your practice", "Settings…", "About"); Quit.
Where Qt draws the menu itself (X11 trays) it wears kindtray's palette; a StatusNotifierItem
host (GNOME, KDE) draws the menu in the desktop's own look.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QAction, QGuiApplication, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from kindtray.assets import icon_files
from kindtray.i18n import N_, _, pgettext
from kindtray.session.wording import STARTING, status_line
from kindtray.ui.theme import colors_for, menu_style

if TYPE_CHECKING:
    from datetime import datetime

    from kindtray.core.schedule import Decision

# Marked here, translated when the menu is built (after the language is known).
PAUSE_CHOICES: tuple[tuple[str, int], ...] = ((N_("30 minutes"), 30), (N_("1 hour"), 60))


def icon_resource(name: str) -> QIcon:
    """One of kindtray's icons (``kindtray``, ``kindtray-tray``…), drawn at every size it has.

    PNG, not SVG: Qt picks the nearest size and scales it, without loading QtSvg.
    """
    icon = QIcon()
    for size, path in icon_files(name):
        icon.addFile(str(path), QSize(size, size))
    return icon


class Tray(QObject):
    """The tray icon and its menu."""

    break_requested = Signal()
    hard_moment_requested = Signal()
    pause_requested = Signal(int)  # minutes
    pause_until_tomorrow_requested = Signal()
    resume_requested = Signal()
    remind_anyway_requested = Signal()
    practice_requested = Signal()
    settings_requested = Signal()
    about_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # One icon per state for every panel: the app's palette says nothing about the panel
        # (GNOME's top bar is black under a light theme), and a StatusNotifierItem host does
        # not tell the app its colour. Each icon carries both a dark and a light part.
        self.active_icon = icon_resource("kindtray-tray")
        self.paused_icon = icon_resource("kindtray-tray-paused")
        self.paused = False

        self.menu = QMenu()
        self.menu.setAccessibleName("kindtray")
        # What kindtray will do next: words to read, not an entry to click.
        self.status_action = self.menu.addAction(_(STARTING))
        self.status_action.setEnabled(False)
        self.menu.addSeparator()
        self.break_action = self._action(_("Take a break now"), self.break_requested.emit)
        # For when it is needed, not scheduled: always in the menu, also while paused.
        self.hard_moment_action = self._action(_("A hard moment"), self.hard_moment_requested.emit)
        self.remind_anyway_action = self._action(
            _("Remind me anyway"), self.remind_anyway_requested.emit
        )
        self.remind_anyway_action.setVisible(False)
        self.menu.addSeparator()
        self.pause_menu = self.menu.addMenu(_("Pause"))
        self.pause_actions: list[QAction] = []
        for label, minutes in PAUSE_CHOICES:
            action = self.pause_menu.addAction(_(label))
            action.triggered.connect(lambda _=False, m=minutes: self.pause_requested.emit(m))
            self.pause_actions.append(action)
        tomorrow = self.pause_menu.addAction(_("Until tomorrow"))
        tomorrow.triggered.connect(self.pause_until_tomorrow_requested.emit)
        self.pause_actions.append(tomorrow)
        self._decision: tuple[Decision, datetime] | None = None
        self.resume_action = self._action(_("Resume"), self.resume_requested.emit)
        self.resume_action.setVisible(False)
        self.menu.addSeparator()
        self.practice_action = self._action(_("Your practice"), self.practice_requested.emit)
        self.settings_action = self._action(_("Settings…"), self.settings_requested.emit)
        self.about_action = self._action(pgettext("menu", "About"), self.about_requested.emit)
        self.menu.addSeparator()
        self.quit_action = self._action(_("Quit"), self.quit_requested.emit)

        self.icon = QSystemTrayIcon(self.active_icon, self)
        self.icon.setToolTip("kindtray")
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self._style_menu()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._style_menu)

    def _style_menu(self, *_: object) -> None:
        # The desktop's light or dark, in kindtray's colours: the accent marks the item under
        # the pointer, never the platform's bright blue.
        self.menu.setStyleSheet(menu_style(colors_for("system")))  # Pause's menu inherits it

    def _action(self, label: str, slot: object) -> QAction:
        action = self.menu.addAction(label)
        action.triggered.connect(slot)
        return action

    def retranslate(self) -> None:
        """Say the menu again in the language chosen now (the Settings' language row)."""
        self.break_action.setText(_("Take a break now"))
        self.hard_moment_action.setText(_("A hard moment"))
        self.remind_anyway_action.setText(_("Remind me anyway"))
        self.pause_menu.setTitle(_("Pause"))
        labels = [_(label) for label, _minutes in PAUSE_CHOICES] + [_("Until tomorrow")]
        for action, label in zip(self.pause_actions, labels, strict=True):
            action.setText(label)
        self.resume_action.setText(_("Resume"))
        self.practice_action.setText(_("Your practice"))
        self.settings_action.setText(_("Settings…"))
        # Translators: the tray menu's entry that opens the About window.
        self.about_action.setText(pgettext("menu", "About"))
        self.quit_action.setText(_("Quit"))
        if self._decision is None:
            self.status_action.setText(_(STARTING))
            self.icon.setToolTip("kindtray")
        else:
            self.show_decision(*self._decision)

    def show(self) -> None:
        """Put the icon in the tray (Qt embeds it later if the tray host appears later)."""
        self.icon.show()

    def hide(self) -> None:
        """Take the icon out of the tray."""
        self.icon.hide()

    def show_decision(self, decision: Decision, now: datetime) -> None:
        """Follow the core: tooltip, paused look, Resume, and "Remind me anyway" while held."""
        self._decision = (decision, now)
        if not shiboken6.isValid(self.menu):
            return  # the app is ending and Qt has already deleted the menu
        self.paused = decision.paused_until is not None
        line = status_line(decision, now)
        self.icon.setToolTip(line)
        self.status_action.setText(line)
        self.icon.setIcon(self.paused_icon if self.paused else self.active_icon)
        self.resume_action.setVisible(self.paused)
        self.remind_anyway_action.setVisible(decision.held is not None and not self.paused)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # A left click opens a break; the right click shows the menu (Qt does that itself).
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.break_requested.emit()
