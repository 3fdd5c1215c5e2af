"""``kindtray doctor`` on a real X desktop, with and without a tray host and a daemon."""

from __future__ import annotations

import json

import pytest

from tests.desktop.conftest import Desktop, wait_until

pytestmark = pytest.mark.desktop


def test_doctor_finds_the_tray_and_the_notification_service(desktop: Desktop) -> None:
    desktop.start()
    result = desktop.kindtray("doctor", "--json", timeout=30)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["can_remind"] is True
    assert report["display"]["available"] is True
    assert report["display"]["qt_platform"] == "xcb"
    assert report["tray"]["available"] is True
    assert report["tray"]["advice"] is None
    notes = report["notifications"]
    assert notes["route"] == "freedesktop"
    service = notes["service"]
    assert service["available"] is True
    assert service["server"]["name"] == "dunst"
    assert service["actions"] is True and "actions" in service["capabilities"]
    assert report["reason"].startswith("kindtray can remind you: through the desktop's")

    text = desktop.kindtray("doctor", timeout=30)
    assert text.returncode == 0
    assert text.stdout.splitlines()[0] == report["reason"]
    assert "Tray           available" in text.stdout
    assert "-> freedesktop: usable" in text.stdout


def test_doctor_send_test_reaches_the_daemon(desktop: Desktop) -> None:
    desktop.start()
    result = desktop.kindtray("doctor", "--json", "--send-test", timeout=30)
    assert result.returncode == 0, result.stderr
    test = json.loads(result.stdout)["notifications"]["test"]
    assert test["sent"] is True and test["via"] == "freedesktop"
    wait_until(
        lambda: "This is a test from kindtray doctor" in desktop.dunst_printed(),
        10,
        "the test notification in dunst",
    )


def test_doctor_without_tray_host_or_daemon(desktop: Desktop) -> None:
    desktop.start(tray=False, notifications=False)
    result = desktop.kindtray("doctor", "--json", timeout=30)
    report = json.loads(result.stdout)
    # A display is there, so kindtray's own window can still remind: exit 0, said plainly.
    assert result.returncode == 0
    assert report["can_remind"] is True
    assert report["tray"]["available"] is False
    assert "AppIndicator" in report["tray"]["advice"]
    notes = report["notifications"]
    assert notes["service"]["available"] is False
    assert notes["service"]["error"].startswith("no notification daemon answers")
    assert notes["route"] == "window"
    assert [r["name"] for r in notes["routes"]] == ["freedesktop", "window"]
    assert report["reason"].startswith("kindtray can remind you, but only with a small window")

    text = desktop.kindtray("doctor", timeout=30).stdout
    assert "Tray           not available" in text
    assert "AppIndicator" in text
    assert "org.freedesktop.Notifications: not available" in text
