"""A long session of the real app: hundreds of reminders and breaks, memory flat, none lost.

Driven through the app's own commands (``kindtray remind``, ``kindtray break``) under the
desktop stack, so nothing waits for the clock: 300 reminders, each one counted as it reaches
the notification daemon (dunst prints every notification it receives), and a break opened and
ended with Esc after every third. Memory (PSS of the app) is read after the first 30 reminders
and at the end.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.desktop.conftest import Desktop, wait_until

pytestmark = [pytest.mark.desktop, pytest.mark.slow]

REMINDERS = int(os.environ.get("KT_LONG_REMINDERS", "300"))
BREAK_EVERY = 3
WARM = 30
GROWTH_LIMIT_MIB = 8.0


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


def test_hundreds_of_reminders_and_breaks_keep_memory_flat_and_lose_nothing(
    desktop: Desktop,
) -> None:
    desktop.start()
    desktop.config.mkdir(mode=0o700)
    (desktop.config / "settings.toml").write_text(
        'schema = 1\n[break]\nmood_check_in = false\nreduced_motion = "off"\n'
    )
    app = desktop.start_app()
    warm_pss = None
    breaks = 0
    for number in range(1, REMINDERS + 1):
        result = desktop.kindtray("remind")
        assert result.returncode == 0, result.stdout + result.stderr
        wait_until(arrived(desktop, number), 10, f"reminder {number} in dunst")
        assert delivered(desktop) == number, f"reminder {number} arrived more than once"
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
            breaks += 1
        if number == WARM:
            warm_pss = pss_mib(app.pid)
    end_pss = pss_mib(app.pid)
    assert app.poll() is None, "kindtray died during the run"
    assert delivered(desktop) == REMINDERS
    assert warm_pss is not None
    print(
        f"{REMINDERS} reminders, {breaks} breaks: PSS {warm_pss:.1f} MiB after {WARM}, "
        f"{end_pss:.1f} MiB at the end (pid {app.pid}, {os.cpu_count()} CPUs)"
    )
    assert end_pss - warm_pss < GROWTH_LIMIT_MIB
