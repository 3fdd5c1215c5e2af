"""The panel with kindtray's icon on each real desktop, into docs/screenshots/.

Starts each desktop of the ``desktopstack`` package (light and dark panels where the desktop
has both), runs ``python -m kindtray`` on it until its icon is in the tray, takes a screenshot
the desktop's own way and keeps the strip with the tray:
docs/screenshots/desktop-<name>-panel.png.

    python tools/desktop_screenshots.py [NAME ...]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QImage  # noqa: E402

from desktopstack import X11, Desktop, Gnome, Plasma, Sway, wait_until  # noqa: E402
from desktopstack.bus import Bus  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
WATCHER = "org.kde.StatusNotifierWatcher"
SETTINGS = "schema = 1\n[reminders]\ninterval_minutes = 480\n"

# name: (desktop, where the panel is: "top" or "bottom")
SHOTS: dict[str, tuple[Callable[[], Desktop], str]] = {
    "x11-light": (lambda: X11(notifications=False), "top"),
    "x11-dark": (lambda: X11(notifications=False, dark_panel=True), "top"),
    "sway-light": (Sway, "top"),
    "sway-dark": (lambda: Sway(dark_bar=True), "top"),
    "gnome": (lambda: Gnome(appindicator=True), "top"),
    "plasma": (Plasma, "bottom"),
}


def icon_is_in(desktop: Desktop, pid: int) -> bool:
    """Is process ``pid``'s icon in the desktop's tray?"""
    if isinstance(desktop, X11):
        return bool(desktop.tray_icons(pid))
    with Bus(desktop.session_bus) as bus:
        items = bus.get(WATCHER, "/StatusNotifierWatcher", WATCHER, "RegisteredStatusNotifierItems")
        return bool(items)


def shoot(name: str) -> Path:
    """Start the desktop ``name`` and kindtray on it; save the panel; return the file."""
    make, edge = SHOTS[name]
    with make() as desktop, tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch)
        (config / "settings.toml").write_text(SETTINGS)
        app = subprocess.Popen(
            [sys.executable, "-m", "kindtray", "--config-dir", str(config)],
            env=desktop.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until(lambda: icon_is_in(desktop, app.pid), 20, "kindtray's icon in the tray")
            whole = config / "whole.png"
            # The panel draws the icon a moment after it registers: take the second of two.
            for _ in range(2):
                wait_until(lambda: desktop.screenshot(whole) or whole.exists(), 10, "a shot")
            image = QImage(str(whole))
            width, height = image.width() // 2, 48
            top = 0 if edge == "top" else image.height() - height
            target = OUT / f"desktop-{name}-panel.png"
            image.copy(image.width() - width, top, width, height).save(str(target))
            return target
        finally:
            subprocess.run(
                [sys.executable, "-m", "kindtray", "--config-dir", str(config), "quit"],
                env=desktop.env,
                capture_output=True,
                timeout=20,
            )
            Desktop.end(app)


def main(names: list[str]) -> int:
    """Take the shots named (all without names)."""
    for name in names or list(SHOTS):
        print(shoot(name).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
