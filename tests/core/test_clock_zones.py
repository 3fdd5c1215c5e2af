"""The real clock's time zone: every TZ the C library honours works; nothing else crashes."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kindtray.core import clock
from kindtray.core.clock import SystemClock, local_zone

SUMMER = datetime(2026, 7, 1, 12, tzinfo=UTC)
WINTER = datetime(2026, 1, 15, 12, tzinfo=UTC)
EU_SPRING_GAP = datetime(2026, 3, 20, 12, tzinfo=UTC)  # after US, before EU summer time


@pytest.mark.parametrize(
    ("tz", "summer", "winter"),
    [
        ("JST-9", 9, 9),
        ("UTC0", 0, 0),
        ("CET-1CEST", 2, 1),
        ("CET-1CEST,M3.5.0,M10.5.0/3", 2, 1),
        ("EST5EDT,M3.2.0,M11.1.0", -4, -5),
        ("<+0330>-3:30", 3.5, 3.5),
        (":/usr/share/zoneinfo/Asia/Tokyo", 9, 9),
        ("/usr/share/zoneinfo/Asia/Tokyo", 9, 9),
        (":Asia/Tokyo", 9, 9),
        ("Europe/Berlin", 2, 1),
    ],
)
def test_tz_values_the_c_library_honours_are_honoured(
    monkeypatch: pytest.MonkeyPatch, tz: str, summer: float, winter: float
) -> None:
    if "zoneinfo/" in tz and not Path("/usr/share/zoneinfo/Asia/Tokyo").exists():
        pytest.skip("this system has no /usr/share/zoneinfo to point TZ at")
    monkeypatch.setenv("TZ", tz)
    zone = local_zone()
    assert SUMMER.astimezone(zone).utcoffset() == timedelta(hours=summer)
    assert WINTER.astimezone(zone).utcoffset() == timedelta(hours=winter)
    assert SystemClock().now().tzinfo is not None


def test_a_posix_zone_without_dates_uses_the_c_library_default_rule(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # glibc starts summer time for "CET-1CEST" on the US dates (second Sunday of March).
    monkeypatch.setenv("TZ", "CET-1CEST")
    assert EU_SPRING_GAP.astimezone(local_zone()).utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize("tz", ["Foo/Bar", "garbage", ":Not/AZone", ":/no/such/file", ":", "J"])
def test_an_unusable_tz_falls_back_to_the_system_zone_with_a_message(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tz: str
) -> None:
    monkeypatch.setattr(clock, "_REPORTED", set())
    monkeypatch.delenv("TZ", raising=False)
    system = SUMMER.astimezone(local_zone()).utcoffset()
    monkeypatch.setenv("TZ", tz)
    with caplog.at_level(logging.WARNING):
        now = SystemClock().now()
        SystemClock().now()
    assert SUMMER.astimezone(now.tzinfo).utcoffset() == system
    said = [r.getMessage() for r in caplog.records if "TZ=" in r.getMessage()]
    assert len(said) == 1, said  # once per value, not at every reading
    assert "system's local time" in said[0]


def test_far_times_in_a_posix_zone_do_not_overflow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "EST5EDT,M3.2.0,M11.1.0")
    zone = local_zone()
    assert datetime(9999, 12, 31, 23, tzinfo=zone).utcoffset() == timedelta(hours=-5)
    assert datetime(1, 1, 1, tzinfo=zone).utcoffset() == timedelta(hours=-5)
