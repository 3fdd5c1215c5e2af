"""Each presence source against fakes of its desktop: answers, signals, and "unknown"."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kindtray.core.presence import HoldReason
from kindtray.core.settings import WaitingSettings
from kindtray.system.presence import dnd, idle, locked, macos, windows
from kindtray.system.presence.base import POLL_SECONDS, IdleSource, Source, Unavailable
from kindtray.system.presence.fullscreen import SwayFullscreen, focused_is_fullscreen
from kindtray.system.presence.mic_camera import MicOrCamera, camera_in_use, microphone_in_use
from kindtray.system.presence.monitor import PresenceMonitor, report
from kindtray.system.presence.screen_shared import ScreenShared, screencast_running
from tests.fake_bus import FakeBus

PROPS = "org.freedesktop.DBus.Properties"


def no_bus() -> FakeBus:
    raise Unavailable("no session bus")


# -- Do Not Disturb ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make,iface,name",
    [
        (dnd.DunstPaused, "org.dunstproject.cmd0", "paused"),
        (dnd.PlasmaInhibited, "org.freedesktop.Notifications", "Inhibited"),
    ],
)
def test_a_dnd_property_is_read_then_followed_by_its_signal(make, iface, name) -> None:
    bus = FakeBus({name: False})
    source = make(lambda: bus)
    assert source.try_start() and source.value is False
    bus.emit(PROPS, "PropertiesChanged", iface, {name: ("b", True)}, [])
    assert source.value is True
    bus.emit(PROPS, "PropertiesChanged", "org.other", {name: ("b", False)}, [])
    assert source.value is True
    assert source.fileno() == bus.fileno() and not source.polls
    source.close()
    assert bus.closed and source.value is None


def test_without_a_bus_a_source_is_unknown_and_says_why() -> None:
    source = dnd.PlasmaInhibited(no_bus)
    assert not source.try_start()
    assert source.value is None and source.why_not == "no session bus"


def test_gnome_dnd_is_banners_off_and_is_read_again_only_when_dconf_says_so() -> None:
    answers = iter(["true\n", "false\n"])
    reads: list[list[str]] = []

    def run(command: list[str]) -> str | None:
        reads.append(command)
        return next(answers)

    bus = FakeBus()
    source = dnd.GnomeBanners(lambda: bus, run)
    assert source.try_start() and source.value is False
    bus.emit("ca.desrt.dconf.Writer", "Notify", "/org/gnome/desktop/interface/", ["x"], "")
    assert len(reads) == 1
    bus.emit("ca.desrt.dconf.Writer", "Notify", "/org/gnome/desktop/notifications/", [""], "")
    assert source.value is True and len(reads) == 2
    assert reads[0] == ["gsettings", "get", "org.gnome.desktop.notifications", "show-banners"]


def test_gnome_dnd_without_gsettings_is_unavailable() -> None:
    assert not dnd.GnomeBanners(FakeBus, lambda command: None).try_start()


@pytest.mark.parametrize(
    "modes,expected", [("default\n", False), ("default\ndo-not-disturb\n", True), (None, None)]
)
def test_mako_dnd_is_a_mode_and_is_polled(modes: str | None, expected: bool | None) -> None:
    source = dnd.MakoMode(lambda command: modes)
    assert source.try_start() is (expected is not None)
    assert source.value is expected and source.polls and source.fileno() is None


def test_the_notification_daemon_picks_its_dnd_source() -> None:
    assert isinstance(dnd.for_server("dunst"), dnd.DunstPaused)
    assert isinstance(dnd.for_server("Plasma"), dnd.PlasmaInhibited)
    assert isinstance(dnd.for_server("gnome-shell"), dnd.GnomeBanners)
    assert isinstance(dnd.for_server("mako"), dnd.MakoMode)
    assert dnd.for_server("xfce4-notifyd") is None
    bus = FakeBus({"GetServerInformation": ("dunst", "dunst", "1.9.0", "1.2")})
    assert dnd.server_name(bus) == "dunst"
    assert dnd.server_name(FakeBus()) == ""


# -- locked screen -----------------------------------------------------------------------------


def test_logind_lock_follows_locked_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_SESSION_ID", "3")
    bus = FakeBus({"GetSession": ("/org/freedesktop/login1/session/_33",), "LockedHint": False})
    source = locked.LogindLocked(lambda: bus)
    assert source.try_start() and source.value is False
    assert bus.calls[0] == ("GetSession", "s", "3")
    bus.emit(
        PROPS,
        "PropertiesChanged",
        "org.freedesktop.login1.Session",
        {"LockedHint": ("b", True)},
        [],
    )
    assert source.value is True


def test_logind_without_a_session_id_asks_by_pid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_SESSION_ID", raising=False)
    bus = FakeBus({"GetSessionByPID": ("/s",), "LockedHint": True})
    source = locked.LogindLocked(lambda: bus)
    assert source.try_start() and source.value is True
    assert bus.calls[0][0] == "GetSessionByPID"


def test_no_system_bus_means_no_lock_signal_not_an_error() -> None:
    source = locked.LogindLocked(no_bus)
    assert not source.try_start() and source.value is None


def test_screensaver_lock_follows_active_changed() -> None:
    bus = FakeBus({"GetActive": (False,)})
    source = locked.ScreenSaverLocked(
        "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", lambda: bus
    )
    assert source.try_start() and source.value is False and "GNOME" in source.name
    bus.emit("org.gnome.ScreenSaver", "ActiveChanged", True)
    assert source.value is True


# -- idle --------------------------------------------------------------------------------------


def test_gnome_idle_is_told_by_mutter_watches() -> None:
    watches = iter([1, 2])
    bus = FakeBus(
        {
            "GetIdletime": (10_000,),
            "AddIdleWatch": lambda: (next(watches),),
            "AddUserActiveWatch": lambda: (next(watches),),
        }
    )
    source = idle.MutterIdle(300, lambda: bus)
    assert source.try_start() and source.value is False
    assert ("AddIdleWatch", "t", 300_000) in bus.calls
    bus.emit(idle.MUTTER, "WatchFired", 1)
    assert source.value is True
    bus.emit(idle.MUTTER, "WatchFired", 2)
    assert source.value is False
    assert source.idle_seconds() == 10.0


def test_kde_idle_is_asked_in_milliseconds() -> None:
    bus = FakeBus({"GetSessionIdleTime": (400_000,)})
    source = idle.ScreenSaverIdle(300, lambda: bus)
    assert source.try_start() and source.value is True and source.polls


def test_an_idle_source_that_cannot_tell_is_unknown() -> None:
    assert not idle.ScreenSaverIdle(300, FakeBus).try_start()


# -- fullscreen, screen sharing, mic and camera -------------------------------------------------


def test_sway_fullscreen_is_the_focused_node_or_a_container_around_it() -> None:
    leaf = {"type": "con", "focused": True, "fullscreen_mode": 0}
    workspace = {"type": "workspace", "fullscreen_mode": 1}  # sway says 1 for every workspace
    assert focused_is_fullscreen({"nodes": [dict(workspace, nodes=[leaf])]}) is False
    split = {"type": "con", "fullscreen_mode": 1, "nodes": [leaf]}
    assert focused_is_fullscreen({"nodes": [dict(workspace, nodes=[split])]}) is True
    floating = dict(leaf, type="floating_con", fullscreen_mode=1)
    assert focused_is_fullscreen({"nodes": [], "floating_nodes": [floating]})
    assert focused_is_fullscreen({"nodes": []}) is None


def test_sway_outside_sway_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SWAYSOCK", raising=False)
    source = SwayFullscreen()
    assert not source.try_start() and source.why_not == "not a sway session"


def test_a_running_screencast_is_sharing_and_a_camera_is_not() -> None:
    cast = {"info": {"state": "running", "props": {"media.class": "Video/Source"}}}
    camera = {
        "info": {"state": "running", "props": {"media.class": "Video/Source", "device.api": "v4l2"}}
    }
    idle_cast = {"info": {"state": "suspended", "props": {"media.class": "Video/Source"}}}
    assert screencast_running([cast])
    assert not screencast_running([camera, idle_cast, {"info": None}])
    assert ScreenShared(lambda command: "[]").try_start()
    assert not ScreenShared(lambda command: None).try_start()


def test_the_microphone_counts_unless_it_is_a_monitor_of_an_output() -> None:
    sources = '[{"index": 1, "name": "alsa_output.monitor"}, {"index": 2, "name": "alsa_input"}]'

    def pactl(outputs: str):
        return lambda command: outputs if "source-outputs" in command else sources

    assert microphone_in_use(pactl('[{"source": 1}]')) is False
    assert microphone_in_use(pactl('[{"source": 2}]')) is True
    assert microphone_in_use(pactl("[]")) is False
    assert microphone_in_use(lambda command: None) is None


def test_without_a_recording_stream_pactl_is_asked_one_question() -> None:
    asked: list[str] = []
    sources = '[{"index": 1, "name": "alsa_output.monitor"}, {"index": 2, "name": "alsa_input"}]'

    def pactl(outputs: str, sources: str | None = sources) -> Callable[[list[str]], str | None]:
        def run(command: list[str]) -> str | None:
            asked.append(command[-1])
            return outputs if command[-1] == "source-outputs" else sources

        return run

    assert microphone_in_use(pactl("[]")) is False
    assert asked == ["source-outputs"]
    asked.clear()
    assert microphone_in_use(pactl('[{"source": 2}]')) is True
    assert asked == ["source-outputs", "sources"]
    # A stream but no list of sources: cannot tell; unreadable output: cannot tell.
    assert microphone_in_use(pactl('[{"source": 2}]', None)) is None
    assert microphone_in_use(pactl("not json")) is None
    assert microphone_in_use(pactl('[{"source": 2}]', "[{}]")) is None


def test_the_camera_counts_when_another_process_holds_a_video_device(tmp_path: Path) -> None:
    fds = tmp_path / "4242" / "fd"
    fds.mkdir(parents=True)
    (fds / "3").symlink_to("/dev/null")
    assert camera_in_use(tmp_path, me=1, dev=tmp_path) is False
    (fds / "4").symlink_to("/dev/video0")
    dev = tmp_path / "dev"
    dev.mkdir()
    (dev / "video0").touch()
    assert camera_in_use(tmp_path, me=1, dev=dev) is True
    assert camera_in_use(tmp_path, me=4242, dev=dev) is False  # our own use does not count
    assert camera_in_use(tmp_path / "missing") is None


def test_mic_or_camera_is_unknown_only_when_neither_can_tell() -> None:
    assert MicOrCamera(lambda: None, lambda: False).try_start()
    both_unknown = MicOrCamera(lambda: None, lambda: None)
    assert not both_unknown.try_start() and both_unknown.value is None
    either = MicOrCamera(lambda: None, lambda: True)
    either.poll()
    assert either.value is True


# -- Windows and macOS (from their documentation; fakes only) ----------------------------------


@pytest.mark.parametrize(
    "state,locked_,full,quiet",
    [
        (1, True, False, False),
        (2, False, True, False),
        (3, False, True, False),
        (4, False, True, False),
        (5, False, False, False),
        (6, False, False, True),
    ],
)
def test_windows_notification_state(state: int, locked_: bool, full: bool, quiet: bool) -> None:
    answers = {}
    for reason in (HoldReason.SCREEN_LOCKED, HoldReason.FULLSCREEN, HoldReason.DO_NOT_DISTURB):
        source = windows.NotificationState(reason, lambda: state)
        assert source.try_start() and source.polls
        answers[reason] = source.value
    assert answers == {
        HoldReason.SCREEN_LOCKED: locked_,
        HoldReason.FULLSCREEN: full,
        HoldReason.DO_NOT_DISTURB: quiet,
    }


def test_windows_sources_off_windows_are_unknown() -> None:
    assert not windows.NotificationState(HoldReason.FULLSCREEN).try_start()
    assert not windows.WindowsIdle(300).try_start()
    assert not windows.WindowsMicOrCamera().try_start()


def test_windows_idle_and_mic() -> None:
    source = windows.WindowsIdle(300, lambda: 301.0)
    assert source.try_start() and source.value is True

    def stops(in_use: bool):
        def read(kind: str) -> Iterator[int]:
            yield 133_000_000_000
            if in_use and kind == "webcam":
                yield 0

        return read

    assert windows.WindowsMicOrCamera(stops(False)).try_start()
    on = windows.WindowsMicOrCamera(stops(True))
    on.try_start()
    assert on.value is True


def test_macos_lock_and_idle() -> None:
    source = macos.MacLocked(lambda: {"CGSSessionScreenIsLocked": True})
    assert source.try_start() and source.value is True
    unlocked = macos.MacLocked(lambda: {"kCGSSessionOnConsoleKey": True})
    assert unlocked.try_start() and unlocked.value is False
    assert not macos.MacLocked(lambda: None).try_start()
    assert macos.MacIdle(300, lambda: 12.0).try_start()
    assert not macos.MacIdle(300).try_start()  # not on a Mac


# -- the monitor -------------------------------------------------------------------------------


class Fixed(Source):
    polls = True

    def __init__(self, reason: HoldReason, value: bool | None, works: bool = True) -> None:
        super().__init__()
        self.reason, self.answer, self.works = reason, value, works
        self.name = reason.value
        self.polled = 0

    def start(self) -> None:
        if not self.works:
            raise Unavailable("not here")
        self.value = self.answer

    def poll(self) -> None:
        self.polled += 1
        self.value = self.answer


class FixedIdle(IdleSource):
    polls = True

    def __init__(self, seconds: float | None) -> None:
        super().__init__(300)
        self.seconds = seconds
        self.name = "idle"

    def start(self) -> None:
        self.poll()
        if self.value is None:
            raise Unavailable("no idle time")

    def idle_seconds(self) -> float | None:
        return self.seconds


NOW = datetime(2026, 12, 2, 10, tzinfo=UTC)


class Ticks:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def monitor(
    holds: list[Source], idle_: list[IdleSource], ticks: Ticks | None = None, **waiting: Any
) -> PresenceMonitor:
    made = PresenceMonitor(
        WaitingSettings(**waiting), lambda w, everything: (holds, idle_), ticks or Ticks()
    )
    made.start()
    return made


def test_the_monitor_holds_for_the_first_true_enabled_reason_only() -> None:
    dnd_on = Fixed(HoldReason.DO_NOT_DISTURB, True)
    full_unknown = Fixed(HoldReason.FULLSCREEN, None)
    assert monitor([dnd_on, full_unknown], []).presence(NOW).held is HoldReason.DO_NOT_DISTURB
    assert monitor([dnd_on], [], when_do_not_disturb=False).presence(NOW).held is None
    assert monitor([full_unknown], []).presence(NOW).held is None
    mic = Fixed(HoldReason.MIC_OR_CAMERA, True)
    assert monitor([mic], []).presence(NOW).held is None  # off by default
    assert (
        monitor([mic], [], when_mic_or_camera=True).presence(NOW).held is HoldReason.MIC_OR_CAMERA
    )


def test_away_comes_from_idle_time_or_the_moment_the_screen_locked() -> None:
    away = monitor([], [FixedIdle(None), FixedIdle(400)])
    assert isinstance(away.idle, FixedIdle) and away.idle.seconds == 400  # the first that works
    assert away.presence(NOW).away_since == NOW - timedelta(seconds=400)
    assert monitor([], [FixedIdle(100)]).presence(NOW).away_since is None
    lock = Fixed(HoldReason.SCREEN_LOCKED, True)
    locked_ = monitor([lock], [FixedIdle(10)])
    assert locked_.presence(NOW).away_since == NOW
    assert locked_.presence(NOW + timedelta(minutes=5)).away_since == NOW
    lock.value = False
    assert locked_.presence(NOW + timedelta(minutes=6)).away_since is None


def test_a_call_without_typing_is_not_an_absence() -> None:
    call = Fixed(HoldReason.MIC_OR_CAMERA, True)
    assert (
        monitor([call], [FixedIdle(900)], when_mic_or_camera=True).presence(NOW).away_since is None
    )


def test_the_monitor_polls_only_sources_that_work_and_need_it() -> None:
    works, broken = (
        Fixed(HoldReason.FULLSCREEN, False),
        Fixed(HoldReason.SCREEN_SHARED, True, False),
    )
    ticks = Ticks()
    made = monitor([works, broken], [], ticks)
    ticks.now = POLL_SECONDS
    made.poll()
    assert (works.polled, broken.polled) == (1, 0)
    assert made.needs_polling() and made.watched() == []
    assert POLL_SECONDS >= 30


def test_doctor_report_lists_every_source_with_why_not() -> None:
    rows = report(
        WaitingSettings(),
        lambda w, everything: (
            [Fixed(HoldReason.DO_NOT_DISTURB, False), Fixed(HoldReason.MIC_OR_CAMERA, None, False)],
            [FixedIdle(20)],
        ),
    )
    assert [(r["name"], r["works"], r["why_not"], r["switched_on"]) for r in rows] == [
        ("do-not-disturb", True, None, True),
        ("mic-or-camera", False, "not here", False),
        ("idle", True, None, True),
    ]


def test_an_active_person_costs_one_idle_question_every_few_minutes() -> None:
    here = FixedIdle(20)
    here.try_start()
    assert here.next_poll() == 280  # not before the idle time could reach five minutes
    away = FixedIdle(400)
    away.try_start()
    assert away.next_poll() == POLL_SECONDS  # while away, notice the return soon
    camera = Fixed(HoldReason.MIC_OR_CAMERA, False)
    assert monitor([camera], [here], when_mic_or_camera=True).next_poll() == POLL_SECONDS
    assert monitor([], [here]).next_poll() == 280


class CountedIdle(FixedIdle):
    asked = 0

    def poll(self) -> None:
        self.asked += 1
        super().poll()


def test_each_polling_source_keeps_its_own_pace() -> None:
    # The microphone check every 30 s does not drag the idle question along with it.
    ticks = Ticks()
    camera, here = Fixed(HoldReason.MIC_OR_CAMERA, False), CountedIdle(20)
    made = monitor([camera], [here], ticks, when_mic_or_camera=True)
    assert here.asked == 1  # at start
    for _ in range(9):  # 270 s: the idle time cannot have reached five minutes yet
        ticks.now += made.next_poll()
        made.poll()
    assert camera.polled == 9 and here.asked == 1
    here.seconds = 300  # nobody touched anything since
    ticks.now += made.next_poll()  # 300 s: its time has come (280 s after the start)
    made.poll()
    assert camera.polled == 10 and here.asked == 2
    assert made.presence(NOW).away_since is not None
    for _ in range(3):  # away: asked at every turn, to notice the return soon
        ticks.now += made.next_poll()
        made.poll()
    assert here.asked == 5


def test_a_timer_that_fires_a_little_early_still_asks() -> None:
    ticks = Ticks()
    camera = Fixed(HoldReason.MIC_OR_CAMERA, False)
    made = monitor([camera], [], ticks, when_mic_or_camera=True)
    ticks.now = made.next_poll() - 1  # a timer may fire a moment early
    made.poll()
    assert camera.polled == 1


def test_without_a_video_device_no_process_is_looked_at(tmp_path: Path) -> None:
    fds = tmp_path / "proc" / "4242" / "fd"
    fds.mkdir(parents=True)
    (fds / "4").symlink_to("/dev/video0")
    (tmp_path / "dev").mkdir()
    assert camera_in_use(tmp_path / "proc", me=1, dev=tmp_path / "dev") is False
    (tmp_path / "dev" / "video0").touch()
    assert camera_in_use(tmp_path / "proc", me=1, dev=tmp_path / "dev") is True


def test_a_start_that_fails_lets_go_of_its_bus() -> None:
    # Mutter did not answer (a busy desktop): the connection the start opened is closed, not
    # left for the garbage collector, and the source says why it does not work.
    bus = FakeBus({})
    source = idle.MutterIdle(60, lambda: bus)
    assert not source.try_start()
    assert bus.closed
    assert source.value is None and source.why_not


@pytest.mark.skipif(sys.platform != "linux", reason="the Linux sources")
def test_a_switched_off_source_is_not_even_imported() -> None:
    # Its own process: this one has imported every source module already.
    child = """
import sys
from kindtray.core.settings import WaitingSettings
from kindtray.system.presence.monitor import default_sources
off = WaitingSettings(when_fullscreen=False, when_screen_shared=False, when_mic_or_camera=False)
holds, idle = default_sources(off)
print(sorted(m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("kindtray.system.presence.")))
"""
    result = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = result.stdout.strip()
    for module in ("fullscreen", "screen_shared", "mic_camera"):
        assert f"'{module}'" not in loaded, loaded
    assert "'locked'" in loaded and "'idle'" in loaded
