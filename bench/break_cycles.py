"""Open and close the break window many times in one process; print how much memory grew.

Run under a real X display (bench/run.py does). Each cycle builds a BreakWindow exactly as the
app does for a break on request, shows it until it is on screen, skips through every step to
the end, lets Qt delete it and frees what the app frees after a break. Memory is read after 20
warm-up cycles and at the end, so one-time caches (fonts, style, the phrase library) do not
count as growth.

    python bench/break_cycles.py 500
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from procstat import memory_kib
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from kindtray.core.clock import SystemClock
from kindtray.core.history import Trigger
from kindtray.core.phrases import PhrasePicker
from kindtray.core.settings import BreakSettings, PhraseSettings
from kindtray.storage.phrase_store import load_library
from kindtray.ui.break_window import BreakWindow

WARM_UP = 20
# The app frees Qt's pixmap cache and glibc's spare heap after each break; do the same.
release = getattr(importlib.import_module("kindtray.ui.memory"), "release_memory", None)


def settle(app: QApplication, condition: object, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        app.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("the break window did not get there")
        time.sleep(0.001)


def one_break(app: QApplication, picker: PhrasePicker, clock: SystemClock) -> None:
    settings = BreakSettings(mood_check_in=False, reduced_motion="off")
    window = BreakWindow(
        picker.break_texts(PhraseSettings(), clock.now()), settings, clock, trigger=Trigger.REQUEST
    )
    finished: list[object] = []
    window.finished.connect(finished.append)
    window.start()
    settle(app, lambda: window.isVisible() and window.windowHandle() is not None)
    settle(app, lambda: window.windowHandle().isExposed())
    while not finished:
        window.skip_step()
        app.processEvents()
    settle(app, lambda: not window.isVisible())
    window.deleteLater()
    QCoreApplication.sendPostedEvents(window, QEvent.Type.DeferredDelete)
    app.processEvents()
    if release is not None:
        release()  # what the app does after every break


def main() -> int:
    cycles = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    clock = SystemClock()
    library, _ = load_library(None)
    picker = PhrasePicker(library, None)
    start = None
    for number in range(cycles + WARM_UP):
        if number == WARM_UP:
            gc.collect()
            start = memory_kib(os.getpid())
        one_break(app, picker, clock)
        if number % 100 == 0:
            print(f"cycle {number}", flush=True)
    gc.collect()
    end = memory_kib(os.getpid())
    assert start is not None
    rss, pss = ((e - s) / 1024 for s, e in zip(start, end, strict=True))
    print(f"growth {rss:.2f} {pss:.2f} MiB over {cycles} breaks (RSS, PSS)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
