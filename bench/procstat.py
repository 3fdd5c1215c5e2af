"""What a process tree costs, read from /proc: memory, CPU time and context switches."""

from __future__ import annotations

import os
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


def activity(pid: int) -> Activity:
    cpu = switches = 0
    for member in process_tree(pid):
        try:
            tasks = os.listdir(f"/proc/{member}/task")
        except OSError:
            continue
        for task in tasks:
            base = Path(f"/proc/{member}/task/{task}")
            try:
                cpu += int((base / "schedstat").read_text().split()[0])
                for line in (base / "status").read_text().splitlines():
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        switches += int(line.split()[1])
            except (OSError, IndexError, ValueError):
                continue
    return Activity(cpu, switches)
