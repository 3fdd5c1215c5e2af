"""Time from launch to the tray icon embedded: the built folder against `python -m kindtray`.

Runs both on the test desktop (tests/desktop: Xvfb, a private bus, trayer), interleaved, a
warm-up round first (not counted), and prints the median of the counted rounds. The moment the
icon is embedded is taken from X events on our own connection (a window of the process is
reparented into the tray and mapped), not from polling. Needs python-xlib (the `package`
extra) and a bundle from `make package`:
    .venv/bin/python packaging/measure_start.py [--rounds 5] [--bundle dist/kindtray/kindtray]
"""

from __future__ import annotations

import argparse
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from Xlib import X, display  # noqa: E402
from Xlib.error import XError  # noqa: E402
from Xlib.protocol import event as xevent  # noqa: E402

from desktopstack import X11  # noqa: E402


class IconWatch:
    """Our own X connection, listening to what happens to the root's children."""

    def __init__(self, name: str) -> None:
        self.display = display.Display(name)
        self.root = self.display.screen().root
        self.root.change_attributes(event_mask=X.SubstructureNotifyMask)
        self.pid_atom = self.display.intern_atom("_NET_WM_PID")
        self.display.sync()

    def forget_old_events(self) -> None:
        while self.display.pending_events():
            self.display.next_event()

    def _pid(self, window: object) -> int | None:
        try:
            prop = window.get_full_property(self.pid_atom, X.AnyPropertyType)  # type: ignore[attr-defined]
        except XError:
            return None
        return int(prop.value[0]) if prop is not None and len(prop.value) else None

    def icon_embedded(self, pid: int, timeout: float = 30) -> float:
        """The monotonic time a window of pid was reparented away from the root and shown."""
        deadline = time.monotonic() + timeout
        icon = None
        while time.monotonic() < deadline:
            select.select([self.display.fileno()], [], [], 0.5)
            while self.display.pending_events():
                ev = self.display.next_event()
                seen = time.monotonic()
                if icon is None and isinstance(ev, xevent.ReparentNotify):
                    if ev.parent.id != self.root.id and self._pid(ev.window) == pid:
                        icon = ev.window
                        icon.change_attributes(event_mask=X.StructureNotifyMask)
                        self.display.sync()
                        if icon.get_attributes().map_state == X.IsViewable:
                            return seen
                elif icon is not None and isinstance(ev, xevent.MapNotify) and ev.window == icon:
                    return seen
        raise TimeoutError(f"no tray icon from pid {pid} within {timeout} s")


def main(argv: list[str] | None = None) -> int:
    """Measure and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "kindtray" / "kindtray")
    args = parser.parse_args(argv)
    subjects = {
        "built folder": [str(args.bundle)],
        "python -m kindtray": [sys.executable, "-m", "kindtray"],
    }
    times: dict[str, list[float]] = {name: [] for name in subjects}
    desktop = X11(notifications=False)
    base = desktop.base
    try:
        desktop.start()
        watch = IconWatch(desktop.env["DISPLAY"])
        for round_number in range(args.rounds + 1):
            for name, command in subjects.items():
                folder = Path(tempfile.mkdtemp(prefix="c", dir=base))
                # A returning user: with a settings file, the first-start welcome stays shut.
                (folder / "settings.toml").write_text("schema = 1\n")
                config = ["--config-dir", str(folder)]
                watch.forget_old_events()
                started = time.monotonic()
                process = subprocess.Popen(
                    [*command, *config],
                    env=desktop.env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                embedded = watch.icon_embedded(process.pid)
                if round_number:
                    times[name].append(embedded - started)
                subprocess.run([*command, *config, "quit"], env=desktop.env, capture_output=True)
                process.wait(timeout=20)
    finally:
        desktop.stop()
    for name, values in times.items():
        runs = " ".join(f"{value:.3f}" for value in values)
        print(f"{name:20} median {statistics.median(values):.3f} s  ({runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
