"""A long session of the real app: hundreds of reminders and breaks, memory flat, none lost.

Driven through the app's own commands (``kindtray remind``, ``kindtray break``) under the
desktop stack, so nothing waits for the clock: 300 reminders, each one counted as it reaches
the notification daemon (dunst prints every notification it receives), and a break opened and
ended with Esc after every third. The session runs once for the module; its tests then look at
what happened. Memory (PSS of the app) is read after the first 30 reminders and at the end.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from desktopstack import X11
from tests.desktop.conftest import KINDTRAY, Desktop, wait_until

pytestmark = [pytest.mark.desktop, pytest.mark.slow]

REMINDERS = int(os.environ.get("KT_LONG_REMINDERS", "300"))
BREAK_EVERY = 3
SAMPLE_EVERY = 30
# Flat means no growth once warm: caches (fonts, SQLite's page cache, the heap's free lists)
# fill during the first half and then stay; a leak keeps growing through the second half.
GROWTH_LIMIT_MIB = 4.0


def pss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no Pss line")


def delivered(desktop: Desktop) -> int:
    return desktop.dunst_printed().count("appname: 'kindtray'")


def arrived(desktop: Desktop, count: int) -> Callable[[], bool]:
    return lambda: delivered(desktop) >= count


def gone(desktop: Desktop, pid: int, window: str) -> Callable[[], bool]:
    return lambda: window not in desktop.windows_of(pid)


@dataclass
class Session:
    delivered_after_each: list[int] = field(default_factory=list)
    breaks: int = 0
    pss_samples: dict[int, float] = field(default_factory=dict)  # reminders so far -> PSS
    alive: bool = False


@pytest.fixture(scope="module")
def session() -> Iterator[Session]:
    missing = X11.missing()
    if missing or not KINDTRAY.exists():
        reason = f"desktop stack or kindtray missing: {missing or KINDTRAY}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        print(reason)
        pytest.skip(reason)
    desktop = Desktop()
    try:
        yield run_session(desktop)
    finally:
        desktop.stop()


def run_session(desktop: Desktop) -> Session:
    desktop.start()
    desktop.config.mkdir(mode=0o700)
    (desktop.config / "settings.toml").write_text(
        'schema = 1\n[break]\nmood_check_in = false\nreduced_motion = "off"\n'
    )
    app = desktop.start_app()
    result = Session()
    for number in range(1, REMINDERS + 1):
        answer = desktop.kindtray("remind")
        assert answer.returncode == 0, answer.stdout + answer.stderr
        wait_until(arrived(desktop, number), 10, f"reminder {number} in dunst")
        result.delivered_after_each.append(delivered(desktop))
        desktop.run(["dunstctl", "close-all"], check=False)
        if number % BREAK_EVERY == 0:
            assert desktop.kindtray("break").returncode == 0
            window = wait_until(
                lambda: next(
                    (w for w in desktop.windows_of(app.pid) if max(desktop.size(w)) >= 200), None
                ),
                10,
                "the break window",
            )
            desktop.run(["xdotool", "key", "--window", window, "Escape"])
            wait_until(gone(desktop, app.pid, window), 15, "the end of the break")
            result.breaks += 1
        if number % SAMPLE_EVERY == 0 or number == REMINDERS // 2:
            result.pss_samples[number] = pss_mib(app.pid)
    result.pss_samples[REMINDERS] = pss_mib(app.pid)
    result.alive = app.poll() is None
    print(
        f"{REMINDERS} reminders, {result.breaks} breaks; PSS (MiB) after n reminders: "
        + ", ".join(f"{n}: {pss:.1f}" for n, pss in sorted(result.pss_samples.items()))
    )
    return result


def test_every_reminder_reaches_the_daemon_exactly_once(session: Session) -> None:
    assert session.alive, "kindtray died during the session"
    assert session.delivered_after_each == list(range(1, REMINDERS + 1))
    assert session.breaks == REMINDERS // BREAK_EVERY


def test_memory_stays_flat_over_the_session(session: Session) -> None:
    # PSS wobbles by a few MiB from sample to sample (heap pages come and go), so compare the
    # median of three samples around the middle with the median of the last three.
    samples = [pss for _, pss in sorted(session.pss_samples.items())]
    middle = len(samples) // 2
    warm = statistics.median(samples[middle - 1 : middle + 2])
    end = statistics.median(samples[-3:])
    assert end - warm < GROWTH_LIMIT_MIB, session.pss_samples
