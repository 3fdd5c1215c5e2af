"""The floor: the smallest PySide6 tray app that does what a tray app must.

A QApplication, a QSystemTrayIcon with a painted icon and a one-item menu, and one long
QTimer (as a reminder app would have). bench/run.py measures kindtray against this.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon


def main() -> int:
    app = QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#6a8caf"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(8, 8, 48, 48)
    painter.end()
    tray = QSystemTrayIcon(QIcon(pixmap))
    menu = QMenu()
    menu.addAction("Quit", app.quit)
    tray.setContextMenu(menu)
    tray.show()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.setInterval(20 * 60 * 1000)
    timer.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
