"""The installed kindtray on a real X desktop with a tray host and a notification daemon."""

from __future__ import annotations

import json
import signal
import subprocess

import pytest

from tests.desktop.conftest import Desktop, wait_until

pytestmark = pytest.mark.desktop


def test_icon_is_embedded_in_the_tray(desktop: Desktop) -> None:
    desktop.start()
    app = desktop.start_app()

    def embedded_icon() -> str | None:
        for window in desktop.windows_of(app.pid):
            if any('"trayer"' in line for line in desktop.ancestors(window)):
                return window
        return None

    icon = wait_until(embedded_icon, 10, "kindtray's icon inside trayer's panel")
    assert max(desktop.size(icon)) <= 48  # an icon, not a window
    status = desktop.status()
    assert status is not None and status["tray_available"] is True

    # A left click on the icon opens a break.
    assert not any(max(desktop.size(w)) >= 200 for w in desktop.windows_of(app.pid))
    x, y = desktop.position(icon)
    desktop.run(["xdotool", "mousemove", str(x + 5), str(y + 5), "click", "1"])
    wait_until(
        lambda: any(max(desktop.size(w)) >= 200 for w in desktop.windows_of(app.pid)),
        10,
        "the break window after a click on the icon",
    )


def test_remind_reaches_the_notification_daemon_with_both_actions(desktop: Desktop) -> None:
    desktop.start()
    app = desktop.start_app()
    result = desktop.kindtray("remind")
    assert result.returncode == 0, result.stderr
    printed = wait_until(
        lambda: "Later" in desktop.dunst_printed() and desktop.dunst_printed(), 10, "dunst"
    )
    assert "appname: 'kindtray'" in printed
    assert '"default": "Start break"' in printed
    assert '"later": "Later"' in printed
    assert "desktop_entry: 'io.github.kindtray.Kindtray'" in printed

    # A click on the notification (its default action) opens a break in kindtray.
    desktop.run(["dunstctl", "action", "0"])
    wait_until(
        lambda: any(max(desktop.size(w)) >= 200 for w in desktop.windows_of(app.pid)),
        10,
        "the break window after clicking the notification",
    )

    desktop.run(["dunstctl", "close-all"])
    history = wait_until(
        lambda: json.loads(desktop.run(["dunstctl", "history"]).stdout)["data"][0],
        10,
        "dunst's history",
    )
    assert history[0]["appname"]["data"] == "kindtray"


def test_reminders_replace_rather_than_stack(desktop: Desktop) -> None:
    desktop.start()
    desktop.start_app()
    for _ in range(3):
        assert desktop.kindtray("remind").returncode == 0
    wait_until(lambda: desktop.dunst_printed().count("appname: 'kindtray'") == 3, 10, "3 sends")
    count = desktop.run(["dunstctl", "count", "displayed"]).stdout.strip()
    assert count == "1"


def test_break_opens_a_window_of_the_running_process(desktop: Desktop) -> None:
    desktop.start(notifications=False)
    app = desktop.start_app()
    before = set(desktop.windows_of(app.pid))
    result = desktop.kindtray("break")
    assert result.returncode == 0, result.stderr
    window = wait_until(
        lambda: [w for w in desktop.windows_of(app.pid) if w not in before], 10, "a break window"
    )
    assert max(desktop.size(window[0])) >= 200


def test_a_second_start_leaves_one_process_and_quit_ends_it(desktop: Desktop) -> None:
    desktop.start(notifications=False)
    app = desktop.start_app()
    # How fast is bench's business (bench/cli_latency.py); here: it hands over and exits.
    second = desktop.kindtray()
    assert second.returncode == 0
    assert "already running" in second.stdout
    status = desktop.status()
    assert status is not None and status["pid"] == app.pid

    assert desktop.kindtray("quit").returncode == 0
    app.wait(timeout=20)  # a deadline for a hung app, not a speed limit
    assert (desktop.config / "state" / "state.toml").exists()
    assert desktop.kindtray("status").returncode == 3


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_ends_it_within_two_seconds_with_state_saved(
    desktop: Desktop, signum: signal.Signals
) -> None:
    desktop.start(tray=False, notifications=False)
    app = desktop.start_app()
    desktop.kindtray("pause", "1h")
    app.send_signal(signum)
    assert app.wait(timeout=2) == 0
    assert "pause_until" in (desktop.config / "state" / "state.toml").read_text()
    assert "state saved" in desktop.log()


def test_without_a_tray_host_the_reminder_still_arrives(desktop: Desktop) -> None:
    desktop.start(tray=False)
    desktop.start_app()
    status = desktop.status()
    assert status is not None and status["tray_available"] is False
    assert desktop.kindtray("remind").returncode == 0
    wait_until(lambda: "appname: 'kindtray'" in desktop.dunst_printed(), 10, "the reminder")


def test_without_a_notification_daemon_the_tray_message_is_used(desktop: Desktop) -> None:
    desktop.start(notifications=False)
    desktop.start_app()
    result = desktop.kindtray("remind")
    assert result.returncode == 0
    status = desktop.status()
    assert status is not None and status["last_reminder_via"] == "tray-message"


def test_without_tray_or_daemon_our_own_window_shows_the_reminder(desktop: Desktop) -> None:
    desktop.start(tray=False, notifications=False)
    app = desktop.start_app()
    assert desktop.kindtray("remind").returncode == 0
    status = desktop.status()
    assert status is not None and status["last_reminder_via"] == "window"
    wait_until(
        lambda: "kindtray reminder" in desktop.tree() and desktop.windows_of(app.pid),
        10,
        "the reminder window",
    )


def test_fifty_parallel_launches_leave_exactly_one(desktop: Desktop) -> None:
    desktop.start(notifications=False)
    launches = [desktop.launch() for _ in range(50)]

    def only_one_left() -> bool:
        return sum(p.poll() is None for p in launches) == 1

    wait_until(only_one_left, 60, "49 of 50 launches to hand over and exit")
    (survivor,) = [p for p in launches if p.poll() is None]
    assert all(p.returncode == 0 for p in launches if p is not survivor)
    status = wait_until(desktop.status, 10, "the survivor to answer")
    assert status["pid"] == survivor.pid
    # A late start still finds the same one.
    assert desktop.kindtray().returncode == 0
    later = desktop.status()
    assert later is not None and later["pid"] == survivor.pid
    desktop.kindtray("quit")
    survivor.wait(timeout=2)


def test_a_live_command_is_answered_by_the_running_app(desktop: Desktop) -> None:
    # Its speed is measured in bench/, never asserted here: a busy machine is slow.
    desktop.start(tray=False, notifications=False)
    app = desktop.start_app()
    result = subprocess.run(
        desktop.kindtray_args("pause", "30m"), env=desktop.env, capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.startswith("Paused until")
    status = desktop.status()
    assert status is not None and status["pid"] == app.pid and status["paused_until"]
