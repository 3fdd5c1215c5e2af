"""What a process tree costs, read from /proc: memory, CPU time and context switches."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants that exist right now."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may contain spaces: parse after the last ")".
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def memory_kib(pid: int) -> tuple[int, int]:
    """RSS and PSS in KiB, summed over the process tree (smaps_rollup)."""
    rss = pss = 0
    for member in process_tree(pid):
        try:
            lines = Path(f"/proc/{member}/smaps_rollup").read_text().splitlines()
        except OSError:
            continue
        for line in lines:
            name, _, value = line.partition(":")
            if name == "Rss":
                rss += int(value.split()[0])
            elif name == "Pss":
                pss += int(value.split()[0])
    return rss, pss


@dataclass(frozen=True)
class Activity:
    """CPU time (ns, exact: from schedstat) and context switches of every thread in the tree."""

    cpu_ns: int
    switches: int

    def __sub__(self, other: Activity) -> Activity:
        return Activity(self.cpu_ns - other.cpu_ns, self.switches - other.switches)


def _threads(pid: int) -> dict[tuple[int, str], tuple[int, int]]:
    """(process, thread) -> (CPU ns, context switches) for every thread of the tree now."""
    found = {}
    for member in process_tree(pid):
        try:
            tasks = os.listdir(f"/proc/{member}/task")
        except OSError:
            continue
        for task in tasks:
            base = Path(f"/proc/{member}/task/{task}")
            try:
                cpu = int((base / "schedstat").read_text().split()[0])
                switches = 0
                for line in (base / "status").read_text().splitlines():
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        switches += int(line.split()[1])
            except (OSError, IndexError, ValueError):
                continue
            found[(member, task)] = (cpu, switches)
    return found


def activity(pid: int) -> Activity:
    """CPU time and context switches of the threads alive now (see measure_idle for windows)."""
    threads = _threads(pid).values()
    return Activity(sum(c for c, _ in threads), sum(s for _, s in threads))


def measure_idle(pid: int, seconds: float, step: float = 0.5) -> Activity:
    """What the tree spends over ``seconds``, sampled every ``step`` seconds.

    Summing the threads alive at the start and at the end would lose (even turn negative)
    the counts of threads that end in between, such as Qt's pooled threads, which exit after
    30 idle seconds; each thread's growth is added up sample by sample instead, so a thread
    that ends loses at most one step of its activity. Reading /proc wakes nothing in the app.
    """
    deadline = time.monotonic() + seconds
    last = _threads(pid)
    cpu = switches = 0
    while True:
        time.sleep(max(0.0, min(step, deadline - time.monotonic())))
        now = _threads(pid)
        for key, (c, s) in now.items():
            before = last.get(key)
            if before is not None:
                cpu += c - before[0]
                switches += s - before[1]
        last = now
        if time.monotonic() >= deadline:
            return Activity(cpu, switches)


def cpu_ms(pid: int) -> float:
    """User + system CPU time of the process tree so far, in ms (clock ticks: 10 ms steps).

    Counts the threads that have already ended too, which the per-thread figures do not.
    """
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for member in process_tree(pid):
        try:
            stat = Path(f"/proc/{member}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total * 1000 / ticks
