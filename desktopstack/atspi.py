"""The accessibility bus of a test desktop and a small AT-SPI client: what a screen reader sees.

Owns starting at-spi-bus-launcher on a desktop's session bus (it starts the accessibility bus
and the registry; the desktop stops them by its mark) and reading the AT-SPI tree over D-Bus
with jeepney: roles, names, states, actions. It must not know about kindtray.
"""

from __future__ import annotations

import shutil
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jeepney import MatchRule
from jeepney.bus_messages import message_bus
from jeepney.low_level import HeaderFields, Message

from desktopstack.base import Desktop, DesktopError, wait_until
from desktopstack.bus import TIMEOUT, Bus, BusError

# Where distributions put at-spi2-core's launcher (Debian, Fedora, Arch, older Debian).
LAUNCHERS = (
    "/usr/libexec/at-spi-bus-launcher",
    "/usr/lib/at-spi-bus-launcher",
    "/usr/lib/at-spi2-core/at-spi-bus-launcher",
)
A11Y_BUS = "org.a11y.Bus"
REGISTRY = "org.a11y.atspi.Registry"
ROOT = "/org/a11y/atspi/accessible/root"
NULL = "/org/a11y/atspi/null"
ACCESSIBLE = "org.a11y.atspi.Accessible"
ACTION = "org.a11y.atspi.Action"
COMPONENT = "org.a11y.atspi.Component"
STATE_CHANGED = MatchRule(
    type="signal", interface="org.a11y.atspi.Event.Object", member="StateChanged"
)

#: Roles a person operates (AT-SPI role names): each needs a name a screen reader can say.
CONTROL_ROLES = frozenset(
    {
        "push button",
        "toggle button",
        "check box",
        "radio button",
        "combo box",
        "spin button",
        "text",
        "entry",
        "password text",
        "list item",
        "slider",
        "page tab",
        "menu item",
        "check menu item",
        "radio menu item",
        "link",
    }
)

# AtspiStateType, in the order of its bits (at-spi2-core's atspi-constants.h).
STATE_NAMES = (
    "invalid", "active", "armed", "busy", "checked", "collapsed", "defunct", "editable",
    "enabled", "expandable", "expanded", "focusable", "focused", "has tooltip", "horizontal",
    "iconified", "modal", "multi line", "multiselectable", "opaque", "pressed", "resizable",
    "selectable", "selected", "sensitive", "showing", "single line", "stale", "transient",
    "vertical", "visible", "manages descendants", "indeterminate", "required", "truncated",
    "animated", "invalid entry", "supports autocompletion", "selectable text", "is default",
    "visited", "checkable", "has popup", "read only",
)  # fmt: skip


def launcher() -> str | None:
    """The at-spi-bus-launcher executable, or None when at-spi2-core is not installed."""
    return next((p for p in LAUNCHERS if Path(p).exists()), shutil.which("at-spi-bus-launcher"))


def start_accessibility(desktop: Desktop, timeout: float = 10) -> str:
    """Start the accessibility bus for ``desktop`` with assistive technology switched on.

    at-spi-bus-launcher owns org.a11y.Bus on the session bus and starts the accessibility bus
    (a dbus-daemon) at once; the registry is started on that bus when first asked for. Setting
    org.a11y.Status.IsEnabled is what a screen reader does: toolkits started afterwards expose
    their tree. Returns the accessibility bus's address.
    """
    path = launcher()
    if path is None:
        raise FileNotFoundError("at-spi-bus-launcher (package at-spi2-core)")
    desktop.spawn([path, "--launch-immediately"], log="at-spi.log")
    with Bus(desktop.session_bus) as bus:
        wait_until(lambda: bus.owner(A11Y_BUS), timeout, "at-spi-bus-launcher on the session bus")
        bus.set(A11Y_BUS, "/org/a11y/bus", "org.a11y.Status", "IsEnabled", "b", True)
        address = bus.call(A11Y_BUS, "/org/a11y/bus", A11Y_BUS, "GetAddress")[0]
    return str(address)


@dataclass(frozen=True)
class Node:
    """One accessible object: the bus name of its application and its object path."""

    bus: str
    path: str


@dataclass(frozen=True)
class Control:
    """What a screen reader knows of one object, and the path of roles leading to it."""

    node: Node
    role: str
    name: str
    states: frozenset[str]
    trail: tuple[str, ...]  # "role 'name'" of each ancestor, window first

    def describe(self) -> str:
        return " > ".join((*self.trail, f"{self.role} {self.name!r}"))


class Atspi:
    """A client of one accessibility bus, reading the tree the way a screen reader does."""

    def __init__(self, address: str) -> None:
        self.bus = Bus(address)

    def close(self) -> None:
        self.bus.close()

    def __enter__(self) -> Atspi:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, node: Node, member: str) -> tuple[Any, ...]:
        return self.bus.call(node.bus, node.path, ACCESSIBLE, member)

    # -- one object ----------------------------------------------------------------------

    def children(self, node: Node) -> list[Node]:
        found = self._call(node, "GetChildren")[0]
        return [Node(str(bus), str(path)) for bus, path in found if path != NULL]

    def role(self, node: Node) -> str:
        return str(self._call(node, "GetRoleName")[0])

    def name(self, node: Node) -> str:
        return str(self.bus.get(node.bus, node.path, ACCESSIBLE, "Name"))

    def states(self, node: Node) -> frozenset[str]:
        low, high = self._call(node, "GetState")[0]
        bits = int(low) | int(high) << 32
        return frozenset(n for i, n in enumerate(STATE_NAMES) if bits >> i & 1)

    def actions(self, node: Node) -> list[str]:
        count = int(self.bus.get(node.bus, node.path, ACTION, "NActions"))
        return [
            str(self.bus.call(node.bus, node.path, ACTION, "GetName", "i", (i,))[0])
            for i in range(count)
        ]

    def do_action(self, node: Node, action: str | None = None) -> None:
        """Do ``action`` (by name; the first one when None), as a screen reader's user would."""
        names = self.actions(node)
        index = 0 if action is None else names.index(action)
        self.bus.call(node.bus, node.path, ACTION, "DoAction", "i", (index,))

    def extents(self, node: Node) -> tuple[int, int, int, int]:
        """Where ``node`` is on the screen: x, y, width, height (Component.GetExtents)."""
        x, y, width, height = self.bus.call(
            node.bus, node.path, COMPONENT, "GetExtents", "u", (0,)
        )[0]
        return int(x), int(y), int(width), int(height)

    def control(self, node: Node, trail: tuple[str, ...] = ()) -> Control:
        return Control(node, self.role(node), self.name(node), self.states(node), trail)

    # -- the tree ------------------------------------------------------------------------

    def applications(self) -> list[Node]:
        """The applications registered with the registry (empty until it has started)."""
        try:
            return self.children(Node(REGISTRY, ROOT))
        except BusError:
            return []

    def application_of(self, pid: int) -> Node | None:
        """The accessible application of process ``pid``, once it has registered."""
        for app in self.applications():
            try:
                if self.bus.pid_of(app.bus) == pid:
                    return app
            except BusError:
                continue
        return None

    def windows(self, app: Node) -> list[Control]:
        """The application's top-level windows that are showing."""
        found = []
        for child in self.children(app):
            try:
                window = self.control(child)
            except BusError:  # closed while we looked
                continue
            if "showing" in window.states or "visible" in window.states:
                found.append(window)
        return found

    def walk(self, top: Node, trail: tuple[str, ...] = ()) -> Iterator[Control]:
        """``top`` and every object below it, depth first."""
        here = self.control(top, trail)
        yield here
        # What is not showing hides what is inside it (a settings page not chosen), except a
        # combo box's list, which a screen reader reads while it is closed.
        in_combo = bool(trail) and trail[-1].startswith("combo box ")
        if "showing" not in here.states and not in_combo:
            return
        below = (*trail, f"{here.role} {here.name!r}")
        for child in self.children(top):
            yield from self.walk(child, below)

    # -- events --------------------------------------------------------------------------

    def listen_to_state_changes(self) -> StateChanges:
        """Start receiving state changes (a popup menu showing, the focus moving).

        Toolkits send events only for what a listener registered with the registry; call this
        before the application starts, as a screen reader running already would have.
        """
        registry = (REGISTRY, "/org/a11y/atspi/registry", REGISTRY)
        self.bus.call(*registry, "RegisterEvent", "s", ("object:state-changed",))
        self.bus.conn.send_and_get_reply(message_bus.AddMatch(STATE_CHANGED), timeout=TIMEOUT)
        return StateChanges(self)

    def find(self, top: Node, role: str, name: str) -> Control | None:
        """The first object below ``top`` with this role and name."""
        return next((c for c in self.walk(top) if c.role == role and c.name == name), None)


class StateChanges:
    """The StateChanged events of an accessibility bus, kept in order until read."""

    def __init__(self, atspi: Atspi) -> None:
        self.atspi = atspi
        self.queue: deque[Message] = deque()
        atspi.bus.conn.filter(STATE_CHANGED, queue=self.queue, bufsize=10_000)

    def clear(self) -> None:
        """Forget the events received so far."""
        self.queue.clear()

    def wait(self, state: str, role: str, timeout: float = 10) -> Control:
        """The next object of ``role`` that gains ``state`` (e.g. a popup menu now showing)."""
        deadline = time.monotonic() + timeout
        seen: list[str] = []
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = self.atspi.bus.conn.recv_until_filtered(self.queue, timeout=left)
            except TimeoutError:
                break
            changed, on = message.body[0], message.body[1]
            fields = message.header.fields
            node = Node(str(fields[HeaderFields.sender]), str(fields[HeaderFields.path]))
            try:
                control = self.atspi.control(node)
            except BusError:  # gone again
                continue
            seen.append(f"{control.role} {control.name!r} {changed}={on}")
            # Still so when asked: an old event of the same menu, shown before, doesn't count.
            if changed == state and on and control.role == role and state in control.states:
                return control
        raise DesktopError(
            f"timed out after {timeout} s waiting for a {role} to be {state}; seen: {seen}"
        )


def unnamed_controls(controls: list[Control]) -> list[Control]:
    """The controls a person can reach that have no name for a screen reader to say."""
    return [
        c
        for c in controls
        if c.role in CONTROL_ROLES and "showing" in c.states and not c.name.strip()
    ]
