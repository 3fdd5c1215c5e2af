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

# The programs kindtray starts (the chime's player, pactl, the file manager that opens a
# folder) must find their own libraries, not the bundle's Debian ones: the bootloader set
# LD_LIBRARY_PATH for this process, whose dynamic loader read it as it started, and kept the
# value it found in LD_LIBRARY_PATH_ORIG. Qt's two paths go once the QApplication holds them
# (kindtray.ui.process.create_application).
_original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
if _original is None:
    os.environ.pop("LD_LIBRARY_PATH", None)
else:
    os.environ["LD_LIBRARY_PATH"] = _original
del _original
