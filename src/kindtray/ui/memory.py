"""What a process that runs for months gives back after a window or a reminder.

Owns only the freeing of caches and spare heap; it must not decide when (its callers do).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import linecache
import sys

from PySide6.QtGui import QPixmapCache


@functools.cache
def _libc() -> ctypes.CDLL:
    # Loaded once: each CDLL builds a new function-pointer class in a reference cycle, which
    # only a full garbage collection frees, so loading it per break grew memory per break.
    return ctypes.CDLL("libc.so.6")


def release_memory() -> None:
    """Give back what a closed window or a reminder left behind, so months cost nothing.

    Each break window has its own palette, so Qt's style caches its pixmaps under new keys
    every time, up to QPixmapCache's 10 MB; nothing else in a tray app needs that cache.
    PySide reads the whole source of every module imported after it (looking for
    ``from __feature__``), and linecache keeps those lines: several MiB after the start,
    more after a window's first use. Tracebacks read them again when they need them.
    Then glibc is asked to return freed heap pages to the system (elsewhere: nothing to do).
    """
    QPixmapCache.clear()
    linecache.clearcache()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            _libc().malloc_trim(0)
