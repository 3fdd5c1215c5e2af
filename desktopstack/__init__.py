"""Real desktops for tests and benchmarks, each started and stopped by this package.

Shared by tests/ and bench/, never packaged into the wheel. Each desktop runs under a private
session bus (its own configuration, whose service directory holds only what that desktop
should start), a private XDG_RUNTIME_DIR (0700), HOME and XDG directories, and a private
empty system bus where the desktop needs one. Every process is stopped by the PID recorded
when it started, bus-activated ones included.
"""

from desktopstack.base import Desktop, DesktopError, wait_until
from desktopstack.desktops import DESKTOPS, X11, BusesOnly, Gnome, Plasma, Sway

__all__ = [
    "DESKTOPS",
    "X11",
    "BusesOnly",
    "Desktop",
    "DesktopError",
    "Gnome",
    "Plasma",
    "Sway",
    "wait_until",
]
