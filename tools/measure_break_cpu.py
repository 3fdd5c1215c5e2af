"""Measure the CPU share of the break window while the pacer breathes (needs an X display).

Usage: DISPLAY=:N python tools/measure_break_cpu.py [--seconds 30] [--reduced]
Starts ``kindtray break`` (length 300 s, no mood question) in a scratch config dir: with no
kindtray running, that process becomes the tray app and opens the break. Skips the resting
first step with the Right key (xdotool), reads utime+stime from /proc/PID/stat over the
window and prints the share of one core; then the same with no break open (the tray alone),
so the window's own share is the difference. Stops the app with ``kindtray quit``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(pid: int, seconds: float) -> float:
    """Percent of one core the process used over the next ``seconds``."""
    start_cpu, start_wall = cpu_seconds(pid), time.monotonic()
    time.sleep(seconds)
    return 100 * (cpu_seconds(pid) - start_cpu) / (time.monotonic() - start_wall)


def main() -> int:
    """Run the measurement and print the result."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--reduced", action="store_true", help="measure the reduced-motion form")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as config:
        motion = "on" if args.reduced else "off"
        Path(config, "settings.toml").write_text(
            f'[break]\nlength_seconds = 300\nmood_check_in = false\nreduced_motion = "{motion}"\n'
        )
        app = subprocess.Popen(
            [sys.executable, "-m", "kindtray", "--config-dir", config, "break"],
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(2.5)
            subprocess.run(["xdotool", "key", "Right"], check=True)  # to the breathing steps
            time.sleep(1.0)
            used = measure(app.pid, args.seconds)
            subprocess.run(["xdotool", "key", "Escape"], check=True)
            time.sleep(4.0)  # the farewell, then the window closes
            idle = measure(app.pid, args.seconds)
            kindtray = [sys.executable, "-m", "kindtray", "--config-dir", config]
            subprocess.run([*kindtray, "quit"], check=False, capture_output=True)
            app.wait(timeout=10)
        finally:
            if app.poll() is None:
                app.kill()
    form = "reduced motion" if args.reduced else "pacer animating"
    print(f"{form}: {used:.2f} % of one core; tray alone afterwards: {idle:.2f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
