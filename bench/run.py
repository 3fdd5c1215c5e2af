"""kindtray against the floor: start time, memory, idle cost and the break window, side by side.

Runs bench/bare_tray.py (the smallest PySide6 tray app) and kindtray interleaved, several
rounds, under one private desktop (Xvfb, a session bus, trayer, dunst), and prints median,
min and max of each figure and the ratio kindtray / bare. Until kindtray has a tray app (or
with --self-check) the bare app is measured against itself, which checks the harness: every
ratio should then be close to 1.

    python bench/run.py                # 3 rounds, 60 s idle each (about 8 minutes)
    python bench/run.py --long         # 10 minutes idle
    python bench/run.py --quick        # a fast look (2 rounds, 10 s idle, fewer tries)
    python bench/run.py --readme bench/README.md   # also write the table there
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import math
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # the desktop-stack helper shared with tests/

import cli_latency  # noqa: E402
from procstat import cpu_ms, measure_idle, memory_kib, process_tree  # noqa: E402
from xwatch import XWatch  # noqa: E402

from desktopstack import X11 as Stack  # noqa: E402

ROOT = HERE.parent
BIN = Path(sys.executable).parent
BUNDLE = ROOT / "dist" / "kindtray" / "kindtray"
MIB = 1024

# kindtray for the bench: no reminder can fall due during a run, the pacer runs at once,
# and the presence sources are as a new user has them (all but the microphone and camera).
BENCH_SETTINGS = """\
schema = 1
[reminders]
interval_minutes = 480
[break]
mood_check_in = false
reduced_motion = "off"
"""
# The same with the opt-in microphone and camera check, which has to ask every 30 s: its idle
# cost is measured on its own, once, after the rounds.
MIC_SETTINGS = BENCH_SETTINGS + "[waiting]\nwhen_mic_or_camera = true\n"


@dataclass
class Subject:
    name: str
    argv: Callable[[Path], list[str]]
    kindtray: bool = False
    settings: str = BENCH_SETTINGS
    samples: dict[str, list[float]] = field(default_factory=dict)

    def add(self, metric: str, value: float) -> None:
        self.samples.setdefault(metric, []).append(value)


def has_tray_app() -> bool:
    return importlib.util.find_spec("kindtray.ui.app") is not None


def bare(_: Path) -> list[str]:
    return [sys.executable, str(HERE / "bare_tray.py")]


def kindtray_script(config: Path) -> list[str]:
    return [str(BIN / "kindtray"), "--config-dir", str(config)]


def kindtray_bundle(config: Path) -> list[str]:
    return [str(BUNDLE), "--config-dir", str(config)]


class Running:
    """One subject's process on the bench desktop."""

    def __init__(self, subject: Subject, stack: Stack, watch: XWatch) -> None:
        self.subject = subject
        self.stack = stack
        self.config = Path(tempfile.mkdtemp(prefix="ktc-", dir=stack.base))
        (self.config / "settings.toml").write_text(subject.settings)
        watch.drain()
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            subject.argv(self.config),
            env=stack.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.icon_at = watch.wait_tray_icon(lambda: process_tree(self.process.pid))
        # The work done until then: on a busy machine the wall time stretches, this much less.
        self.cpu_to_icon = cpu_ms(self.process.pid)

    @property
    def pid(self) -> int:
        return self.process.pid

    def command(self, *args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [*self.subject.argv(self.config), *args],
            env=self.stack.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            if self.subject.kindtray:
                self.command("quit").wait(timeout=20)
            else:
                self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def sleep_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.monotonic()))


def run_rounds(
    subjects: list[Subject], rounds: int, idle: float, stack: Stack, watch: XWatch
) -> None:
    """Each subject alone on the desktop (PSS splits shared pages between processes that map
    them, so two Qt apps side by side would each look smaller), in alternating order."""
    for number in range(rounds):
        order = subjects if number % 2 == 0 else list(reversed(subjects))
        for subject in order:
            run = Running(subject, stack, watch)
            try:
                subject.add("start", run.icon_at - run.started)
                subject.add("start_cpu", run.cpu_to_icon)
                sleep_until(run.started + 10)
                rss, pss = memory_kib(run.pid)
                subject.add("rss", rss / MIB)
                subject.add("pss", pss / MIB)
                if idle > 0:
                    spent = measure_idle(run.pid, idle)
                    subject.add("idle_cpu", spent.cpu_ns / 1e6)
                    subject.add("idle_switches", spent.switches)
                    subject.add("switches_per_hour", spent.switches * 3600 / idle)
            finally:
                run.stop()
        print(f"  round {number + 1}/{rounds} done", file=sys.stderr)


def warm_up(subject: Subject, stack: Stack, watch: XWatch) -> None:
    """One start that is not counted, so the subject's files are in the page cache as the
    others' are. The bundle runs last, minutes after its files were last read: a machine that
    pages out what was not touched for a minute (DAMON reclaim on this CI machine) makes that
    start a cold one (about 0.25 s instead of 0.14 s) against warm runs of the others."""
    Running(subject, stack, watch).stop()


def run_breaks(subject: Subject, tries: int, stack: Stack, watch: XWatch) -> None:
    """`kindtray break` to the window mapped, `tries` times; CPU share while the pacer runs."""
    run = Running(subject, stack, watch)
    try:
        time.sleep(2)
        for attempt in range(tries):
            watch.drain()
            sent = time.monotonic()
            command = run.command("break")
            mapped, window = watch.wait_window_mapped(lambda: process_tree(run.pid))
            subject.add("break_open", (mapped - sent) * 1000)
            if attempt == 0:
                time.sleep(1)
                subject.add("pacer_cpu", measure_idle(run.pid, 8).cpu_ns / 8e9 * 100)
            stack.run("xdotool", "key", "--window", str(window), "Escape")
            watch.wait_unmapped(window, timeout=30)
            command.wait(timeout=30)
        rss, pss = memory_kib(run.pid)
        subject.add("after_breaks_pss", pss / MIB)
    finally:
        run.stop()


def run_break_cycles(subject: Subject, cycles: int, stack: Stack) -> None:
    result = subprocess.run(
        [sys.executable, str(HERE / "break_cycles.py"), str(cycles)],
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if result.returncode != 0:
        print(f"  break cycles failed: {result.stderr.strip()[-400:]}", file=sys.stderr)
        return
    growth = [line for line in result.stdout.splitlines() if line.startswith("growth")]
    rss_mib, pss_mib = (float(v) for v in growth[-1].split()[1:3])
    subject.add("cycles_rss_growth", rss_mib)
    subject.add("cycles_pss_growth", pss_mib)


# -- reporting ---------------------------------------------------------------------------------


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def cell(values: list[float] | None, digits: int) -> str:
    if not values:
        return "–"
    median = statistics.median(values)
    if len(values) == 1:
        return f"{median:.{digits}f}"
    return f"{median:.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


ROWS = (
    # key, label, digits, target
    ("start", "start to tray icon embedded (s)", 3, "≤ 1.3× bare"),
    ("start_cpu", "CPU time until the icon is embedded (ms)", 0, ""),
    ("rss", "RSS 10 s after start (MiB)", 1, ""),
    ("pss", "PSS 10 s after start (MiB)", 1, "≤ 1.25× bare"),
    ("idle_cpu", "idle CPU over {idle} (ms)", 2, "≤ 1.1× bare"),
    ("idle_switches", "idle context switches over {idle}", 0, ""),
    ("switches_per_hour", "idle context switches per hour (from the above)", 0, "≤ 12 wake-ups/h"),
)


def table(base: Subject, other: Subject, idle: float, extra: list[tuple[str, str, str]]) -> str:
    idle_text = f"{idle / 60:g} min" if idle >= 60 else f"{idle:g} s"
    lines = [
        f"| figure | {base.name} | {other.name} | ratio | target |",
        "|---|---|---|---|---|",
    ]
    for key, label, digits, target in ROWS:
        a, b = base.samples.get(key), other.samples.get(key)
        ratio = "–"
        if a and b and statistics.median(a) > 0:
            ratio = f"{statistics.median(b) / statistics.median(a):.2f}×"
        lines.append(
            f"| {label.format(idle=idle_text)} | {cell(a, digits)} | {cell(b, digits)} "
            f"| {ratio} | {target} |"
        )
    for label, value, target in extra:
        lines.append(f"| {label} | – | {value} | – | {target} |")
    return "\n".join(lines)


def machine() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem_kib = int(Path("/proc/meminfo").read_text().split()[1])
    pyside = importlib.util.find_spec("PySide6")
    version = "?"
    if pyside is not None:
        import PySide6

        version = PySide6.__version__
    return (
        f"{os.cpu_count()} CPUs ({model}), {mem_kib / 1024 / 1024:.1f} GiB RAM, "
        f"{platform.platform()}, Python {platform.python_version()}, PySide6 {version}"
    )


def update_readme(path: Path, text: str) -> None:
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    content = path.read_text() if path.exists() else f"{start}\n{end}\n"
    head, _, rest = content.partition(start)
    _, _, tail = rest.partition(end)
    path.write_text(f"{head}{start}\n{text}\n{end}{tail}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--idle", type=float, default=60, help="idle window in seconds")
    parser.add_argument("--long", action="store_true", help="idle for 10 minutes")
    parser.add_argument("--quick", action="store_true", help="2 rounds, 10 s idle, 5 tries")
    parser.add_argument("--tries", type=int, default=20, help="break window openings")
    parser.add_argument("--cycles", type=int, default=500, help="breaks opened and closed")
    parser.add_argument("--self-check", action="store_true", help="bare against itself")
    parser.add_argument("--cli-runs", type=int, default=30, help="runs of each short command")
    parser.add_argument("--readme", type=Path, help="write the table into this file")
    parser.add_argument(
        "--release",
        metavar="VERSION",
        help="also add this run's ratios to the history table in --readme (once per release)",
    )
    args = parser.parse_args(argv)
    if args.long:
        args.idle = 600
    if args.quick:
        args.rounds, args.idle, args.tries, args.cycles, args.cli_runs = 2, 10, 5, 50, 10

    missing = Stack.missing()
    if missing:
        print("the bench needs the desktop stack; missing: " + ", ".join(missing))
        return 2

    base = Subject("bare", bare)
    if args.self_check or not has_tray_app():
        if not args.self_check:
            print("kindtray has no tray app yet: measuring bare against itself (harness check)")
        other = Subject("bare again", bare)
    else:
        other = Subject("kindtray", kindtray_script, kindtray=True)
    subjects = [base, other]
    bundle = Subject("bundle", kindtray_bundle, kindtray=True) if BUNDLE.exists() else None

    extra: list[tuple[str, str, str]] = []
    started = time.monotonic()
    cli_latency.compile_as_installed()
    with Stack() as stack:
        watch = XWatch(stack.env["DISPLAY"])
        try:
            run_rounds(subjects, args.rounds, args.idle, stack, watch)
            has_window = importlib.util.find_spec("kindtray.ui.break_window") is not None
            if other.kindtray and has_window:
                run_breaks(other, args.tries, stack, watch)
                opens = other.samples.get("break_open", [])
                if opens:
                    extra.append(
                        (
                            f"`kindtray break` to window mapped, {len(opens)} tries (ms)",
                            f"median {statistics.median(opens):.0f}, p95 {p95(opens):.0f}",
                            "p95 ≤ 150 ms",
                        )
                    )
                if other.samples.get("pacer_cpu"):
                    extra.append(
                        (
                            "CPU while the break's pacer runs (% of one core)",
                            f"{other.samples['pacer_cpu'][0]:.1f} %",
                            "",
                        )
                    )
            if has_window:
                run_break_cycles(other, args.cycles, stack)
                if other.samples.get("cycles_pss_growth"):
                    extra.append(
                        (
                            f"memory growth over {args.cycles} breaks in one process (MiB)",
                            f"RSS {other.samples['cycles_rss_growth'][0]:+.1f}, "
                            f"PSS {other.samples['cycles_pss_growth'][0]:+.1f}",
                            "≤ 5 MB",
                        )
                    )
            if other.kindtray and args.idle > 0:
                mic = Subject("kindtray", kindtray_script, kindtray=True, settings=MIC_SETTINGS)
                run_rounds([mic], 1, args.idle, stack, watch)
                idle_text = f"{args.idle / 60:g} min" if args.idle >= 60 else f"{args.idle:g} s"
                spent = statistics.median(mic.samples["idle_cpu"])
                switches = statistics.median(mic.samples["idle_switches"])
                extra.append(
                    (
                        f"idle CPU over {idle_text}, microphone/camera check on (opt-in; ms)",
                        f"{spent:.2f}, {switches:.0f} context switches",
                        "",
                    )
                )
            if other.kindtray:
                latency = cli_latency.measure([str(BIN / "kindtray")], args.cli_runs, stack.env)
                base_ms = statistics.median(latency[cli_latency.PASS]["wall"])
                for label, _ in cli_latency.COMMANDS[1:4]:
                    ms = statistics.median(latency[label]["wall"])
                    ratio = cli_latency.ratio(latency, label)
                    other.add(f"cli:{label}", ratio)
                    extra.append(
                        (
                            f"`{label}`, whole process, {args.cli_runs} runs (ms)",
                            f"{ms:.0f} ({ratio:.2f}× `python -c pass`, {base_ms:.0f})",
                            "≤ 40 ms" if "status" in label else "",
                        )
                    )
            if bundle is not None:
                warm_up(bundle, stack, watch)
                run_rounds([base, bundle], max(1, args.rounds // 2), 0, stack, watch)
                # PyInstaller links some libraries twice by symlink: count each file once.
                size = sum(
                    f.lstat().st_size
                    for f in BUNDLE.parent.rglob("*")
                    if f.is_file() and not f.is_symlink()
                )
                start = statistics.median(bundle.samples["start"])
                ratio = start / statistics.median(base.samples["start"])
                other.add("bundle_mb", size / 1e6)
                extra.append(("PyInstaller onedir size (MB)", f"{size / 1e6:.0f}", "≤ 100 MB"))
                extra.append(
                    (
                        "PyInstaller build: start to tray icon (s)",
                        f"{start:.3f} ({ratio:.2f}× bare)",
                        "",
                    )
                )
        finally:
            watch.close()
    for app in ("workrave", "safeeyes"):
        if shutil.which(app) is None:
            print(f"{app} is not installed: not measured", file=sys.stderr)

    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = (
        f"Measured {stamp} on {machine()}; {args.rounds} interleaved rounds, "
        f"took {(time.monotonic() - started) / 60:.1f} min.\n"
        "Cells: median (min–max).\n\n" + table(base, other, args.idle, extra)
    )
    print(text)
    if args.readme:
        update_readme(args.readme, text)
        if args.release:
            add_history_row(args.readme, history_row(args.release, stamp, base, other))
    return 0


def history_row(release: str, stamp: str, base: Subject, other: Subject) -> str:
    """One release's ratios to the bare app (and the CLI's to ``python -c pass``)."""

    def ratio(key: str) -> str:
        a, b = base.samples.get(key), other.samples.get(key)
        if not a or not b or statistics.median(a) == 0:
            return "–"
        return f"{statistics.median(b) / statistics.median(a):.2f}×"

    status = other.samples.get("cli:kindtray status")
    size = other.samples.get("bundle_mb")
    return (
        f"| {release} | {stamp[:10]} | {ratio('start')} | {ratio('pss')} | {ratio('idle_cpu')} "
        f"| {f'{status[0]:.2f}×' if status else '–'} | {f'{size[0]:.0f}' if size else '–'} |"
    )


def add_history_row(path: Path, row: str) -> None:
    """Append ``row`` to the history table, which ends at its marker."""
    marker = "<!-- bench:history-end -->"
    content = path.read_text()
    if marker not in content:
        print(f"{path} has no {marker}: history row not added", file=sys.stderr)
        return
    path.write_text(content.replace(marker, f"{row}\n{marker}"))


if __name__ == "__main__":
    sys.exit(main())
