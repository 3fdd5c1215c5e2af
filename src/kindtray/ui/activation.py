"""Bringing a window forward with the keyboard focus when the person asked for it.

Owns what Qt alone does not do right on each platform:

- Wayland: the compositor decides. It lets a window take the focus when the request carries
  an xdg-activation token from the person's action (a launcher or keyboard shortcut gives
  ``kindtray break`` one in ``XDG_ACTIVATION_TOKEN``). Qt's Wayland plugin reads that variable
  in ``QWindow.requestActivate`` and unsets it, so the token the command forwarded is put
  there just before ``activateWindow``.
- X11: Qt stamps its focus request with the time of the last X event it saw. Without a window
  manager the X server ignores a focus change older than the last one (another window took
  the focus since), so the window stayed behind. A request the person made now is sent with
  the server's current time: ``_NET_ACTIVE_WINDOW`` as a user request (source 2) where a
  window manager handles it, else ``SetInputFocus``.

It must only be called for what the person asked for (a click on "Start break", the menu,
``kindtray break``): a reminder never takes the keyboard by itself.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import logging
import os
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

TOKEN_VARIABLE = "XDG_ACTIVATION_TOKEN"


def bring_forward(window: QWidget, activation_token: str | None = None) -> None:
    """Raise ``window`` and ask for the keyboard focus, with ``activation_token`` if given."""
    window.raise_()
    platform = QGuiApplication.platformName()
    if platform == "wayland" and activation_token:
        os.environ[TOKEN_VARIABLE] = activation_token
        window.activateWindow()  # Qt reads the token here and unsets it
        os.environ.pop(TOKEN_VARIABLE, None)  # keep Python's copy of the environment in step
    else:
        window.activateWindow()
    handle = window.windowHandle()
    # A window not mapped yet cannot take the focus; Qt activates it when it is mapped.
    if platform == "xcb" and handle is not None and handle.isExposed():
        with contextlib.suppress(OSError, AttributeError):
            _x11_activate_now(int(window.winId()))


# -- X11, through libxcb (Qt's own xcb connection is not reachable from Python) ---------------

_CURRENT_TIME = 0
_INPUT_FOCUS_PARENT = 2
_CLIENT_MESSAGE = 33
_SOURCE_USER = 2  # _NET_ACTIVE_WINDOW's source indication for a request from the user
_REDIRECT_AND_NOTIFY = 0x100000 | 0x80000  # SubstructureRedirect | SubstructureNotify
_ATOM = 4


class _Cookie(ctypes.Structure):
    _fields_ = [("sequence", ctypes.c_uint)]


def _x11_fields(second: str, *rest: tuple[str, Any]) -> list[tuple[str, Any]]:
    """The fields of an X11 reply or event, in the order libxcb lays them out.

    Each starts with its type, one byte of its own (named ``second``) and the sequence
    number; ``rest`` follows.
    """
    header = [("response_type", ctypes.c_uint8), (second, ctypes.c_uint8)]
    return [*header, ("sequence", ctypes.c_uint16), *rest]


class _AtomReply(ctypes.Structure):
    _fields_ = _x11_fields("pad0", ("length", ctypes.c_uint32), ("atom", ctypes.c_uint32))


class _ScreenIterator(ctypes.Structure):
    _fields_ = [
        ("data", ctypes.POINTER(ctypes.c_uint32)),
        ("rem", ctypes.c_int),
        ("index", ctypes.c_int),
    ]


class _ClientMessage(ctypes.Structure):
    _fields_ = _x11_fields(
        "format",
        ("window", ctypes.c_uint32),
        ("type", ctypes.c_uint32),
        ("data", ctypes.c_uint32 * 5),
    )


_P, _U8, _U16, _U32 = ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint16, ctypes.c_uint32
_INT = ctypes.c_int  # ctypes' own default result type, for results kindtray ignores or tests

# Each libxcb function used here: its result type and its argument types.
_XCB_FUNCTIONS: dict[str, tuple[Any, list[Any]]] = {
    "xcb_connect": (_P, [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]),
    "xcb_connection_has_error": (_INT, [_P]),
    "xcb_disconnect": (_INT, [_P]),
    "xcb_flush": (_INT, [_P]),
    "xcb_get_setup": (_P, [_P]),
    "xcb_setup_roots_iterator": (_ScreenIterator, [_P]),
    "xcb_screen_next": (_INT, [ctypes.POINTER(_ScreenIterator)]),
    "xcb_intern_atom": (_Cookie, [_P, _U8, _U16, ctypes.c_char_p]),
    "xcb_intern_atom_reply": (ctypes.POINTER(_AtomReply), [_P, _Cookie, _P]),
    "xcb_get_property": (_Cookie, [_P, _U8, _U32, _U32, _U32, _U32, _U32]),
    "xcb_get_property_reply": (_P, [_P, _Cookie, _P]),
    "xcb_get_property_value": (ctypes.POINTER(_U32), [_P]),
    "xcb_get_property_value_length": (_INT, [_P]),
    "xcb_set_input_focus": (_INT, [_P, _U8, _U32, _U32]),
    "xcb_send_event": (_INT, [_P, _U8, _U32, _U32, _P]),
}


def _libxcb() -> ctypes.CDLL:
    lib = ctypes.CDLL(ctypes.util.find_library("xcb") or "libxcb.so.1")
    for name, (result, arguments) in _XCB_FUNCTIONS.items():
        function = getattr(lib, name)
        function.restype = result
        function.argtypes = arguments
    return lib


def _free(pointer: Any) -> None:
    """Free a reply libxcb allocated (with the C library's free)."""
    free = ctypes.CDLL(None).free
    free.argtypes = [ctypes.c_void_p]
    free(ctypes.cast(pointer, ctypes.c_void_p))


def _atom(lib: ctypes.CDLL, conn: int, name: bytes) -> int:
    reply = lib.xcb_intern_atom_reply(conn, lib.xcb_intern_atom(conn, 0, len(name), name), None)
    if not reply:
        return 0
    atom = int(reply.contents.atom)
    _free(reply)
    return atom


def _supported(lib: ctypes.CDLL, conn: int, root: int) -> set[int]:
    """The atoms in the root window's ``_NET_SUPPORTED`` (empty: no EWMH window manager)."""
    cookie = lib.xcb_get_property(
        conn, 0, root, _atom(lib, conn, b"_NET_SUPPORTED"), _ATOM, 0, 4096
    )
    reply = lib.xcb_get_property_reply(conn, cookie, None)
    if not reply:
        return set()
    count = lib.xcb_get_property_value_length(reply) // 4
    values = lib.xcb_get_property_value(reply)
    atoms = {int(values[i]) for i in range(count)}
    _free(reply)
    return atoms


def _x11_activate_now(window_id: int) -> None:
    """Give ``window_id`` the focus with the server's current time (see the module docstring)."""
    lib = _libxcb()
    screen = ctypes.c_int(0)
    display = os.environ.get("DISPLAY", "").encode() or None
    conn = lib.xcb_connect(display, ctypes.byref(screen))
    if not conn:
        return
    try:
        if lib.xcb_connection_has_error(conn):
            return
        roots = lib.xcb_setup_roots_iterator(lib.xcb_get_setup(conn))
        for _ in range(screen.value):  # the DISPLAY's screen (":0.1" is the second)
            lib.xcb_screen_next(ctypes.byref(roots))
        root = int(roots.data[0])  # xcb_screen_t starts with its root window
        active = _atom(lib, conn, b"_NET_ACTIVE_WINDOW")
        if active and active in _supported(lib, conn, root):
            message = _ClientMessage(_CLIENT_MESSAGE, 32, 0, window_id, active)
            message.data[:] = [_SOURCE_USER, _CURRENT_TIME, 0, 0, 0]
            event = (ctypes.c_char * 32).from_buffer_copy(bytes(message).ljust(32, b"\0"))
            lib.xcb_send_event(conn, 0, root, _REDIRECT_AND_NOTIFY, event)
        else:
            lib.xcb_set_input_focus(conn, _INPUT_FOCUS_PARENT, window_id, _CURRENT_TIME)
        lib.xcb_flush(conn)
        log.debug("asked X11 to focus window %#x now", window_id)
    finally:
        lib.xcb_disconnect(conn)
