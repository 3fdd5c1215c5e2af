"""A fullscreen window has the focus: on X11 (EWMH properties) and on sway (its IPC).

Owns watching the focused window. On X11: the root window's ``_NET_ACTIVE_WINDOW`` and the
active window's ``_NET_WM_STATE`` (``_NET_WM_STATE_FULLSCREEN``), both with PropertyNotify
events, through python-xlib when it is installed. On sway: a subscription to window events on
the IPC socket; each event re-reads the tree. GNOME on Wayland has no public way to ask (its
Do Not Disturb and a locked screen still hold); Plasma 6.4+ reports fullscreen as Do Not
Disturb. Must not import Qt.
"""

from __future__ import annotations

import functools
import json
import os
import socket
import struct
from typing import Any, Final, Generic, Protocol, TypeVar

from kindtray.core.presence import HoldReason
from kindtray.system.presence.base import Source, Unavailable


class _Connection(Protocol):
    def fileno(self) -> int: ...

    def close(self) -> None: ...


Conn = TypeVar("Conn", bound=_Connection)


class _Fullscreen(Source, Generic[Conn]):
    """A fullscreen source that listens on one connection (the X display, sway's IPC socket).

    ``start`` opens it from ``where`` (a display name or a socket path; None: this session's).
    Its descriptor is the one to watch; closing the source closes it.
    """

    reason = HoldReason.FULLSCREEN

    def __init__(self, where: str | None = None) -> None:
        super().__init__()
        self._where = where
        self._conn: Conn | None = None

    def fileno(self) -> int | None:
        """The connection's descriptor."""
        return int(self._conn.fileno()) if self._conn is not None else None

    def close(self) -> None:
        """Close the connection."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        super().close()


#: The X extensions the X11 sources use: MIT-SCREEN-SAVER for the idle time (the fullscreen
#: source needs only the core protocol). python-xlib's Display otherwise imports its module
#: for every extension the server has and asks the server about each (a round trip each):
#: about a dozen modules and 1-2 MiB that no source uses.
X_EXTENSIONS: Final = frozenset({"MIT-SCREEN-SAVER"})


def open_display(name: str | None) -> Any:
    """A python-xlib connection to ``name`` (or $DISPLAY); Unavailable when there is none.

    The connection knows only the X_EXTENSIONS (those the server has).
    """
    try:
        from Xlib import display, error, ext
    except ImportError as exc:
        raise Unavailable("python-xlib is not installed") from exc
    name = name or os.environ.get("DISPLAY")
    if not name:
        raise Unavailable("not an X11 session")
    # Display reads this list (extension name, module) when it connects; narrowed only for
    # that moment, so python-xlib used elsewhere in the process still sees every extension.
    known = ext.__extensions__
    ext.__extensions__ = [(x, module) for x, module in known if x in X_EXTENSIONS]
    try:
        return _without_keymap(display.Display)(name)
    except (error.DisplayError, OSError) as exc:
        raise Unavailable("the X server cannot be reached") from exc
    finally:
        ext.__extensions__ = known


@functools.cache
def _without_keymap(base: type[Any]) -> type[Any]:
    """python-xlib's Display that does not fetch and keep the keyboard map.

    Display asks for it when it connects (and again on MappingNotify) to turn keycodes into
    keysyms: a round trip and about 200 KiB per connection that no source reads.
    """

    class Display(base):  # type: ignore[misc]
        def _update_keymap(self, *_: Any) -> None:
            pass

    return Display


class X11Fullscreen(_Fullscreen[Any]):
    """The active X11 window is fullscreen. Unknown without a window manager that says which."""

    name = "Fullscreen window (X11)"
    _watched: Any = None  # the active window, once its state changes are asked for

    def start(self) -> None:
        """Open the display, listen to the root window and read the active window."""
        from Xlib import X

        d = self._conn = open_display(self._where)
        # A window can vanish between two requests; its error is not ours to report.
        d.set_error_handler(lambda *_: None)
        self._active = d.intern_atom("_NET_ACTIVE_WINDOW")
        self._state = d.intern_atom("_NET_WM_STATE")
        self._full = d.intern_atom("_NET_WM_STATE_FULLSCREEN")
        self._root = d.screen().root
        self._root.change_attributes(event_mask=X.PropertyChangeMask)
        self._refresh()

    def dispatch(self) -> None:
        """Re-read when the active window or its state changed."""
        from Xlib import X

        if self._conn is None:
            return
        relevant = False
        while self._conn.pending_events():
            event = self._conn.next_event()
            if event.type == X.PropertyNotify and event.atom in (self._active, self._state):
                relevant = True
        if relevant:
            self._refresh()

    def _refresh(self) -> None:
        from Xlib import X, Xatom, error

        d: Any = self._conn
        try:
            active = self._root.get_full_property(self._active, Xatom.WINDOW)
            if active is None or not len(active.value) or not active.value[0]:
                self.value = None  # no window manager telling us
                return
            window = d.create_resource_object("window", int(active.value[0]))
            if self._watched is None or self._watched.id != window.id:
                window.change_attributes(event_mask=X.PropertyChangeMask)
                self._watched = window
            state = window.get_full_property(self._state, Xatom.ATOM)
            self.value = state is not None and self._full in list(state.value)
        except error.XError:
            self.value = None
        d.flush()


# -- sway --------------------------------------------------------------------------------------

_MAGIC = b"i3-ipc"
_HEADER = struct.Struct("<6sII")
_SUBSCRIBE = 2
_GET_TREE = 4


class SwayFullscreen(_Fullscreen[socket.socket]):
    """The focused sway window (or a container around it) is fullscreen."""

    name = "Fullscreen window (sway)"
    _buffer = b""  # what has arrived of the next event

    def start(self) -> None:
        """Subscribe to window events and read the tree once."""
        path = self._where or os.environ.get("SWAYSOCK")
        if not path:
            raise Unavailable("not a sway session")
        self._where = path
        try:
            events = self._conn = _connect(path)
            _send(events, _SUBSCRIBE, b'["window"]')
            _receive(events)  # {"success": true}
            events.setblocking(False)
            self.value = self._focused_fullscreen()
        except (OSError, ValueError) as exc:
            self.close()
            raise Unavailable("sway's IPC socket does not answer") from exc

    def dispatch(self) -> None:
        """Read what arrived; any window event means: look at the tree again."""
        if self._conn is None:
            return
        try:
            while chunk := self._conn.recv(65536):
                self._buffer += chunk
        except BlockingIOError:
            pass
        except OSError:
            self.value = None
            return
        seen = False
        while len(self._buffer) >= _HEADER.size:
            _, length, _ = _HEADER.unpack_from(self._buffer)
            if len(self._buffer) < _HEADER.size + length:
                break
            self._buffer = self._buffer[_HEADER.size + length :]
            seen = True
        if seen:
            try:
                self.value = self._focused_fullscreen()
            except (OSError, ValueError):
                self.value = None

    def _focused_fullscreen(self) -> bool | None:
        assert self._where is not None
        with _connect(self._where) as ask:
            _send(ask, _GET_TREE, b"")
            tree = json.loads(_receive(ask))
        return focused_is_fullscreen(tree)


def focused_is_fullscreen(tree: dict[str, Any]) -> bool | None:
    """Whether the focused node, or a container it is in, is fullscreen (None: no focus)."""

    def walk(node: dict[str, Any], inside: bool) -> bool | None:
        # Only windows and their containers count: sway reports workspaces as mode 1 too.
        window = node.get("type") in ("con", "floating_con")
        inside = inside or (window and bool(node.get("fullscreen_mode")))
        if node.get("focused"):
            return inside
        for child in node.get("nodes", []) + node.get("floating_nodes", []):
            found = walk(child, inside)
            if found is not None:
                return found
        return None

    return walk(tree, False)


def _connect(path: str) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(2)
    sock.connect(path)
    return sock


def _send(sock: socket.socket, kind: int, payload: bytes) -> None:
    sock.sendall(_HEADER.pack(_MAGIC, len(payload), kind) + payload)


def _receive(sock: socket.socket) -> bytes:
    header = _exactly(sock, _HEADER.size)
    magic, length, _ = _HEADER.unpack(header)
    if magic != _MAGIC:
        raise ValueError("not sway's IPC")
    return _exactly(sock, length)


def _exactly(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise OSError("sway closed the IPC socket")
        data += chunk
    return data
