"""How much the idle tray app costs: wake-ups, context switches and CPU while nothing is due.

Runs the installed kindtray under the desktop-test stack (Xvfb, private bus, trayer, dunst),
waits until it settles, then watches it for ``--seconds`` (default 60) through /proc and,
with ``--strace``, counts its system calls. Usage, from a checkout with the venv:

    .venv/bin/python bench/idle_wakeups.py [--seconds 60] [--strace]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.desktop.conftest import Desktop


def snapshot(pid: int) -> tuple[dict[str, tuple[str, int]], float]:
    threads: dict[str, tuple[str, int]] = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        fields: dict[str, str] = {}
        with open(f"/proc/{pid}/task/{tid}/status") as status:
            for line in status:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
        switches = int(fields["voluntary_ctxt_switches"]) + int(
            fields["nonvoluntary_ctxt_switches"]
        )
        threads[tid] = (fields["Name"], switches)
    with open(f"/proc/{pid}/stat") as stat:
        parts = stat.read().split()
    cpu = (int(parts[13]) + int(parts[14])) / os.sysconf("SC_CLK_TCK")
    return threads, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--strace", action="store_true")
    args = parser.parse_args()
    desktop = Desktop(Path(tempfile.mkdtemp(prefix="ktb-")))
    try:
        desktop.start()
        started = time.monotonic()
        app = desktop.launch()
        while not desktop.status():
            time.sleep(0.02)
        print(f"start to answering commands: {time.monotonic() - started:.2f} s")
        time.sleep(10)  # let start-up work finish
        with open(f"/proc/{app.pid}/status") as status:
            rss = next(line.split(":")[1].strip() for line in status if line.startswith("VmRSS"))
        before, cpu_before = snapshot(app.pid)
        tracer = None
        if args.strace:
            out = desktop.base / "strace.txt"
            command = ["strace", "-f", "-c", "-o", str(out), "-p", str(app.pid)]
            tracer = subprocess.Popen(command, stderr=subprocess.DEVNULL)
        time.sleep(args.seconds)
        if tracer is not None:
            tracer.terminate()
            tracer.wait()
        after, cpu_after = snapshot(app.pid)
        total = 0
        for tid, (name, switches) in after.items():
            if tid in before:
                delta = switches - before[tid][1]
                total += delta
                print(f"  thread {name}: {delta} context switches")
        print(
            f"idle {args.seconds:.0f} s: {total} context switches, "
            f"CPU {cpu_after - cpu_before:.3f} s, {len(after)} threads, RSS {rss}"
        )
        if tracer is not None:
            print((desktop.base / "strace.txt").read_text())
        desktop.kindtray("quit")
    finally:
        desktop.stop()


if __name__ == "__main__":
    main()
