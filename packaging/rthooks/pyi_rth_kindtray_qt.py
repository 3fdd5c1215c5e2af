"""Run by the bundle before kindtray's entry point, in place of PyInstaller's PySide6 hook.

PyInstaller's own hook (pyi_rth_pyside6) imports PySide6.QtCore, and with it shiboken's
signature support, before any of kindtray runs, only to check that the Qt prefix is set: the
PyPI wheel's QtCore sets it itself when it loads. That cost 50 to 70 ms on every start,
including every short command (`kindtray status`, `pause`, `quit`), which never load Qt
otherwise. This hook keeps what the other does without importing anything: Qt's plugin path
(and the QML one, for an unchanged environment) point into the bundle.
"""

import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6", "Qt")  # type: ignore[attr-defined]
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
os.environ["QML2_IMPORT_PATH"] = os.path.join(_qt, "qml")
del _qt
