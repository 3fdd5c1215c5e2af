"""Measure the CPU share of the break window while the pacer breathes (needs an X display).

Usage: DISPLAY=:N python tools/measure_break_cpu.py [--seconds 30] [--reduced]
Starts ``kindtray break`` (length 300 s, no mood question) in a scratch config dir, skips the
resting first step with the Right key (xdotool), then reads utime+stime from /proc/PID/stat
over the window and prints the share of one core. Ends the break with Esc afterwards.
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
            time.sleep(2.0)
            subprocess.run(["xdotool", "key", "Right"], check=True)  # to the breathing steps
            time.sleep(1.0)
            start_cpu, start_wall = cpu_seconds(app.pid), time.monotonic()
            time.sleep(args.seconds)
            used, wall = cpu_seconds(app.pid) - start_cpu, time.monotonic() - start_wall
            subprocess.run(["xdotool", "key", "Escape"], check=True)
            app.wait(timeout=10)
        finally:
            if app.poll() is None:
                app.kill()
    form = "reduced motion" if args.reduced else "pacer animating"
    print(f"{form}: {used:.2f} s CPU in {wall:.1f} s = {100 * used / wall:.2f} % of one core")
    print(f"exit status {app.returncode}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
