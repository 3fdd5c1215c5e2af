"""Qt adapters: they show windows and run the event loop, and ask the core what to do.

Importing this package first imports the tray's Qt-free modules, then Qt, and tells PySide
that none of the modules loaded so far uses its ``__feature__`` switches. Otherwise PySide
reads the whole source of each of them the next time any ``import`` names it (looking for
"PySide6" in the text), and linecache keeps that text for the life of the process: about
2 MB of source, 5 MiB of memory and part of the time to the tray icon.
"""

import importlib
import sys

#: The tray's Qt-free modules; through them, most of the standard library it uses.
BEFORE_QT = (
    "kindtray.assets",
    "kindtray.logs",
    "kindtray.core.schedule",
    "kindtray.session.commands",
    "kindtray.session.reminder_flow",
    "kindtray.storage.settings_store",
    "kindtray.storage.state_store",
    "kindtray.system.desktop_entry",
    "kindtray.system.presence.monitor",
    "ctypes",
)


def _before_qt() -> None:
    for name in BEFORE_QT:
        importlib.import_module(name)
    import PySide6.QtCore  # noqa: F401 - installs PySide's import hook

    try:
        feature = importlib.import_module("PySide6.support.feature")
        modules: dict[str, int] = feature.pyside_feature_dict
    except (ImportError, AttributeError):  # another PySide: nothing to tell it
        return
    for name in list(sys.modules):
        modules.setdefault(name, -1)  # -1: "ignore this module", PySide's own value for them


_before_qt()
