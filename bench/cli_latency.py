"""How long a short kindtray command takes as a whole process, beside ``python -c pass``.

A keyboard shortcut bound to ``kindtray pause 1h`` or ``kindtray break`` starts a new Python
process each time; what the person waits for is that whole process: the interpreter starting,
kindtray's imports, the round trip to the running kindtray and the exit. This starts a
kindtray of its own (offscreen Qt unless DISPLAY or WAYLAND_DISPLAY is set, with a fresh
``--config-dir``), then runs each command many times, interleaved with ``python -c pass`` on
the same interpreter, and prints median and p90 wall time, the median CPU time, and the
ratio to ``python -c pass``: on a shared machine the absolute figures move with the load, the
ratio much less.

    python bench/cli_latency.py                  # 30 runs of each
    python bench/cli_latency.py --runs 60
    python bench/cli_latency.py --kindtray dist/kindtray/kindtray   # the PyInstaller build
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

BIN = Path(sys.executable).parent

# No reminder can fall due while this runs; no mood question before a break.
SETTINGS = """\
schema = 1
[reminders]
interval_minutes = 480
[break]
mood_check_in = false
"""

PASS = "python -c pass"
#: (label, arguments after ``kindtray --config-dir DIR``; None: ``python -c pass``).
COMMANDS: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    (PASS, None),
    ("kindtray status", ("status",)),
    ("kindtray pause 30m", ("pause", "30m")),
    ("kindtray break (already running)", ("break",)),
    ("kindtray status (not running)", ("status",)),
)


_COMPILE = (
    "import compileall, os, kindtray; "
    "compileall.compile_dir(os.path.dirname(kindtray.__file__), quiet=1)"
)


def compile_as_installed(env: Mapping[str, str] | None = None) -> None:
    """Write kindtray's bytecode, as pip does when it installs a wheel.

    Even where PYTHONDONTWRITEBYTECODE keeps Python from writing it: without it every
    measured start would compile each changed module again, which no installed copy does.
    """
    subprocess.run(
        [sys.executable, "-c", _COMPILE],
        env=dict(os.environ if env is None else env),
        check=False,
        stdout=subprocess.DEVNULL,
    )


def run_once(argv: Sequence[str], env: Mapping[str, str]) -> tuple[float, float]:
    """Run ``argv`` to its end; return (wall ms, CPU ms of the child: user + system)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, env=dict(env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, _, usage = os.wait4(process.pid, 0)
    wall = (time.perf_counter() - started) * 1000
    process.returncode = 0  # reaped above; keep Popen from waiting again
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def wait_running(kindtray: Sequence[str], config: Path, env: Mapping[str, str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status = subprocess.run(
            [*kindtray, "--config-dir", str(config), "status"],
            env=dict(env),
            capture_output=True,
            check=False,
        )
        if status.returncode == 0:
            return
        time.sleep(0.2)
    raise SystemExit("the benchmark's kindtray did not start within 60 s")


def measure(
    kindtray: Sequence[str], runs: int, env: Mapping[str, str] | None = None
) -> dict[str, dict[str, list[float]]]:
    """Each command of COMMANDS ``runs`` times, interleaved; {label: {"wall"|"cpu": [ms]}}."""
    env = dict(os.environ if env is None else env)
    compile_as_installed(env)
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    base = Path(tempfile.mkdtemp(prefix="kindtray-cli-bench-"))
    running, idle = base / "running", base / "idle"
    for config in (running, idle):
        config.mkdir()
        (config / "settings.toml").write_text(SETTINGS)
    app = subprocess.Popen(
        [*kindtray, "--config-dir", str(running)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    samples: dict[str, dict[str, list[float]]] = {
        label: {"wall": [], "cpu": []} for label, _ in COMMANDS
    }
    try:
        wait_running(kindtray, running, env)
        argvs = {}
        for label, args in COMMANDS:
            if args is None:
                argvs[label] = [sys.executable, "-c", "pass"]
            else:
                config = idle if "not running" in label else running
                argvs[label] = [*kindtray, "--config-dir", str(config), *args]
        for argv in argvs.values():  # warm the page cache and the running app's first break
            run_once(argv, env)
        for number in range(runs):
            # Alternate the order, so no command always follows the same one.
            order = list(argvs) if number % 2 == 0 else list(reversed(argvs))
            for label in order:
                wall, cpu = run_once(argvs[label], env)
                samples[label]["wall"].append(wall)
                samples[label]["cpu"].append(cpu)
    finally:
        subprocess.run(
            [*kindtray, "--config-dir", str(running), "quit"],
            env=env,
            capture_output=True,
            timeout=30,
            check=False,
        )
        try:
            app.wait(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
        shutil.rmtree(base, ignore_errors=True)
    return samples


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.9 * len(ordered)) - 1)]


def ratio(samples: dict[str, dict[str, list[float]]], label: str, kind: str = "wall") -> float:
    """A command's median over ``python -c pass``'s median, from the same run."""
    return statistics.median(samples[label][kind]) / statistics.median(samples[PASS][kind])


def table(samples: dict[str, dict[str, list[float]]]) -> str:
    """A Markdown table: wall median and p90, CPU median, and the ratios to ``python -c pass``."""
    base = statistics.median(samples[PASS]["wall"])
    lines = [
        "| command | wall median (ms) | wall p90 (ms) | over `python -c pass` (ms) "
        "| wall ratio | CPU median (ms) | CPU ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, values in samples.items():
        wall = statistics.median(values["wall"])
        lines.append(
            f"| `{label}` | {wall:.1f} | {p90(values['wall']):.1f} | {wall - base:+.1f} "
            f"| {ratio(samples, label):.2f}× | {statistics.median(values['cpu']):.1f} "
            f"| {ratio(samples, label, 'cpu'):.2f}× |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="runs of each command (30)")
    parser.add_argument(
        "--kindtray",
        default=str(BIN / "kindtray"),
        help="the kindtray to run (default: this environment's; or a PyInstaller build)",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    samples = measure([args.kindtray], args.runs)
    load = os.getloadavg()[0]
    print(
        f"{args.runs} runs of each, interleaved, on {os.cpu_count()} CPUs (load {load:.1f}), "
        f"Python {sys.version.split()[0]}; took {time.monotonic() - started:.0f} s.\n"
    )
    print(table(samples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
