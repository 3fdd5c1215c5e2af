"""Watching the X server for the moments the benchmarks time: an icon embedded, a window mapped.

Events arrive on our own X connection (SubstructureNotify on the root window), each stamped
with time.monotonic() when read, so the timing does not depend on a polling interval.
"""

from __future__ import annotations

import select
import time
from collections.abc import Callable

from Xlib import X, display
from Xlib.error import XError
from Xlib.protocol import event as xevent


class XWatch:
    def __init__(self, name: str) -> None:
        self.display = display.Display(name)
        self.root = self.display.screen().root
        self.root.change_attributes(event_mask=X.SubstructureNotifyMask)
        self.net_wm_pid = self.display.intern_atom("_NET_WM_PID")
        self.display.sync()

    def close(self) -> None:
        self.display.close()

    def pid_of(self, window: object) -> int | None:
        try:
            prop = window.get_full_property(self.net_wm_pid, X.AnyPropertyType)  # type: ignore[attr-defined]
        except XError:
            return None
        return int(prop.value[0]) if prop is not None and len(prop.value) else None

    def _events(self, deadline: float) -> object:
        while True:
            while self.display.pending_events():
                yield self.display.next_event(), time.monotonic()
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            select.select([self.display.fileno()], [], [], min(left, 0.5))

    def drain(self) -> None:
        while self.display.pending_events():
            self.display.next_event()

    def wait_tray_icon(self, pids: Callable[[], list[int]], timeout: float = 30) -> float:
        """Wait until a window of one of ``pids`` is reparented out of the root and viewable."""
        icon = None
        for ev, stamp in self._events(time.monotonic() + timeout):  # type: ignore[attr-defined]
            if icon is None and isinstance(ev, xevent.ReparentNotify):
                if ev.parent.id != self.root.id and self.pid_of(ev.window) in pids():
                    icon = ev.window
                    icon.change_attributes(event_mask=X.StructureNotifyMask)
                    self.display.sync()
                    try:
                        if icon.get_attributes().map_state == X.IsViewable:
                            return stamp
                    except XError:
                        icon = None
            elif icon is not None and isinstance(ev, xevent.MapNotify) and ev.window == icon:
                return stamp
        raise TimeoutError

    def wait_window_mapped(
        self, pids: Callable[[], list[int]], min_width: int = 200, timeout: float = 30
    ) -> tuple[float, int]:
        """Wait for a top-level window of one of ``pids`` (at least min_width wide) to map."""
        for ev, stamp in self._events(time.monotonic() + timeout):  # type: ignore[attr-defined]
            if isinstance(ev, xevent.MapNotify) and self.pid_of(ev.window) in pids():
                try:
                    width = ev.window.get_geometry().width
                except XError:
                    continue
                if width >= min_width:
                    return stamp, ev.window.id
        raise TimeoutError

    def wait_unmapped(self, window_id: int, timeout: float = 30) -> float:
        for ev, stamp in self._events(time.monotonic() + timeout):  # type: ignore[attr-defined]
            if (
                isinstance(ev, xevent.UnmapNotify | xevent.DestroyNotify)
                and ev.window.id == window_id
            ):
                return stamp
        raise TimeoutError
