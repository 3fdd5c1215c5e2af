"""Qt adapters: they show windows and run the event loop, and ask the core what to do.

Importing this package imports Qt and tells PySide that none of kindtray's modules, nor the
standard library and third-party modules the tray loads after Qt, uses its ``__feature__``
switches. Otherwise PySide reads the whole source of each of them when an ``import`` first
names it (looking for "PySide6" in the text), and linecache keeps that text for the life of
the process: about 2 MB of source, 5 MiB of memory and part of the time to the tray icon.
Telling it by name lets the tray show its icon first and load the rest after.
"""

import importlib
import os
import sys

#: What the tray loads after Qt besides kindtray itself (the Qt-free half's standard library
#: and third-party modules). A module missing here costs its source being read once:
#: tests/ui/test_startup_cost.py holds the total.
LATER = (
    "array",
    "copy",
    "ctypes",
    "ctypes._endian",
    "dataclasses",
    "datetime",
    "encodings.utf_8_sig",
    "fcntl",
    "heapq",
    "jeepney",
    "jeepney.auth",
    "jeepney.bus",
    "jeepney.bus_messages",
    "jeepney.fds",
    "jeepney.io",
    "jeepney.io.blocking",
    "jeepney.io.common",
    "jeepney.low_level",
    "jeepney.wrappers",
    "json",
    "json.decoder",
    "json.encoder",
    "json.scanner",
    "locale",
    "logging.handlers",
    "pickle",
    "platform",
    "platformdirs",
    "platformdirs.api",
    "platformdirs.unix",
    "queue",
    "select",
    "selectors",
    "signal",
    "six",
    "socket",
    "subprocess",
    "sysconfig",
    "tomli_w",
    "tomli_w._writer",
    "tomllib",
    "tomllib._parser",
    "tomllib._re",
    "tomllib._types",
    "zlib",
    "zoneinfo",
    "zoneinfo._common",
    "zoneinfo._tzpath",
)


def _kindtray_modules() -> list[str]:
    """Every module name of the kindtray package, from its files (none in a frozen bundle)."""
    root = os.path.dirname(os.path.dirname(__file__))
    names = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__" and d != "resources"]
        relative = os.path.relpath(folder, root)
        package = "kindtray" if relative == "." else "kindtray." + relative.replace(os.sep, ".")
        names += [
            package if file == "__init__.py" else f"{package}.{file[:-3]}"
            for file in files
            if file.endswith(".py")
        ]
    return names


def _tell_pyside() -> None:
    import PySide6.QtCore  # noqa: F401 - installs PySide's import hook

    try:
        feature = importlib.import_module("PySide6.support.feature")
        modules: dict[str, int] = feature.pyside_feature_dict
    except (ImportError, AttributeError):  # another PySide: nothing to tell it
        return
    # -1: "ignore this module", PySide's own value for modules that do not switch features.
    for name in (*sys.modules, *_kindtray_modules(), *LATER):
        modules.setdefault(name, -1)


_tell_pyside()
