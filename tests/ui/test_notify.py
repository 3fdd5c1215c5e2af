"""The reminder reaches the user exactly once, through the best route that works."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from kindtray.ui.notify.base import ReminderAnswers, RouteError
from kindtray.ui.notify.chain import RouteChain
from kindtray.ui.notify.freedesktop import FreedesktopRoute, reminder_actions
from kindtray.ui.notify.plyer import PlyerRoute
from kindtray.ui.notify.window import ReminderWindow, WindowRoute
from kindtray.ui.theme import DARK, LIGHT


class FakeRoute:
    why = "a test route"

    def __init__(self, name: str, *, fails: bool = False) -> None:
        self.name = name
        self.fails = fails
        self.shown: list[tuple[str, str]] = []
        self.withdrawn = 0
        self.shut = 0

    def probe(self) -> str | None:
        return f"{self.name} is broken" if self.fails else None

    def notify(self, title: str, body: str) -> None:
        if self.fails:
            raise RouteError(f"{self.name} is broken")
        self.shown.append((title, body))

    def withdraw(self) -> None:
        self.withdrawn += 1

    def shutdown(self) -> None:
        self.shut += 1


def test_the_first_working_route_shows_the_reminder_and_only_it() -> None:
    first, second, third = FakeRoute("a", fails=True), FakeRoute("b"), FakeRoute("c")
    chain = RouteChain([first, second, third])
    assert chain.notify("A minute for yourself?") == "b"
    assert second.shown == [("kindtray", "A minute for yourself?")]
    assert third.shown == []
    assert chain.last_used == "b"


def test_routes_are_tried_in_order_each_time() -> None:
    best, fallback = FakeRoute("best"), FakeRoute("fallback")
    chain = RouteChain([best, fallback])
    best.fails = True
    assert chain.notify("one") == "fallback"
    best.fails = False  # e.g. the notification daemon came back
    assert chain.notify("two") == "best"
    assert best.shown == [("kindtray", "two")]
    assert fallback.shown == [("kindtray", "one")]


def test_switching_route_takes_the_old_reminder_off_the_screen() -> None:
    best, fallback = FakeRoute("best", fails=True), FakeRoute("fallback")
    chain = RouteChain([best, fallback])
    chain.notify("one")
    best.fails = False
    chain.notify("two")
    assert fallback.withdrawn == 1  # never two kindtray reminders at once


def test_nothing_works_is_reported_not_raised() -> None:
    chain = RouteChain([FakeRoute("a", fails=True), FakeRoute("b", fails=True)])
    assert chain.notify("x") is None
    assert chain.last_used is None


def test_without_a_session_bus_freedesktop_fails_so_the_next_route_is_used(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/kindtray-test-bus")
    answers = ReminderAnswers()
    fallback = FakeRoute("fallback")
    chain = RouteChain([FreedesktopRoute(answers), fallback])
    assert chain.notify("A minute for yourself?") == "fallback"


def test_plyer_is_not_used_on_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    with pytest.raises(RouteError):
        PlyerRoute().notify("kindtray", "hello")


def test_own_window_shows_the_text_and_its_buttons_answer(qtbot: QtBot) -> None:
    answers = ReminderAnswers()
    route = WindowRoute(answers)
    route.notify("kindtray", "A minute for yourself?")
    window = route.window
    assert window is not None
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.body.text() == "A minute for yourself?"
    with qtbot.waitSignal(answers.start_break):
        window.start_button.click()
    assert not window.isVisible()
    route.notify("kindtray", "again")
    with qtbot.waitSignal(answers.snooze):
        window.snooze_button.click()


def shown_window(qtbot: QtBot, answers: ReminderAnswers) -> tuple[WindowRoute, ReminderWindow]:
    """A window route that has shown one reminder; the window is closed after the test."""
    route = WindowRoute(answers)
    route.notify("kindtray", "one")
    assert route.window is not None
    qtbot.addWidget(route.window)
    return route, route.window


def test_own_window_closed_by_the_user_is_a_dismissal(qtbot: QtBot) -> None:
    answers = ReminderAnswers()
    _, window = shown_window(qtbot, answers)
    with qtbot.waitSignal(answers.dismissed):
        window.close()


def test_own_window_replaces_rather_than_stacks(qtbot: QtBot) -> None:
    route = WindowRoute(ReminderAnswers())
    route.notify("kindtray", "one")
    first = route.window
    route.notify("kindtray", "two")
    assert route.window is first
    assert first is not None
    qtbot.addWidget(first)
    assert first.body.text() == "two"


def test_own_window_wears_the_theme_the_settings_ask_for_now(qtbot: QtBot) -> None:
    # Bare X11 tells Qt nothing about dark: only the break.theme setting can.
    theme = ["dark"]
    route = WindowRoute(ReminderAnswers(), lambda: theme[0])
    route.notify("kindtray", "one")
    assert route.window is not None
    qtbot.addWidget(route.window)
    background = QPalette.ColorRole.Window
    assert route.window.palette().color(background) == QColor(DARK.background)
    theme[0] = "light"
    route.notify("kindtray", "two")
    assert route.window is not None
    qtbot.addWidget(route.window)
    assert route.window.palette().color(background) == QColor(LIGHT.background)
    assert route.window.body.text() == "two"


def test_withdrawing_the_window_is_not_a_dismissal(qtbot: QtBot) -> None:
    answers = ReminderAnswers()
    route, window = shown_window(qtbot, answers)
    with qtbot.assertNotEmitted(answers.dismissed):
        route.withdraw()
    assert not window.isVisible()


def _signal(member: str, signature: str, body: tuple[object, ...]) -> object:
    from jeepney import DBusAddress, new_signal

    emitter = DBusAddress(
        "/org/freedesktop/Notifications", interface="org.freedesktop.Notifications"
    )
    return new_signal(emitter, member, signature, body)


def shown_notification(
    answers: ReminderAnswers, capabilities: list[str] | None = None
) -> tuple[FreedesktopRoute, FakeBus]:
    """A freedesktop route whose reminder (id 5) is on screen, on a fake session bus."""
    route = FreedesktopRoute(answers)
    bus = FakeBus(capabilities or ["actions", "body"], notification_id=5)
    route._conn = bus
    route.notify("kindtray", "A minute for yourself?")
    return route, bus


@pytest.mark.parametrize(
    ("action", "signal_name"),
    [("default", "start_break"), ("start", "start_break"), ("later", "snooze")],
)
def test_notification_actions_come_back_as_answers(
    qtbot: QtBot, action: str, signal_name: str
) -> None:
    answers = ReminderAnswers()
    route, _ = shown_notification(answers)
    with qtbot.waitSignal(getattr(answers, signal_name)):
        route._handle(_signal("ActionInvoked", "us", (5, action)))
    # The daemon then closes it; that is not a second answer.
    with qtbot.assertNotEmitted(answers.dismissed):
        route._handle(_signal("NotificationClosed", "uu", (5, 2)))


def test_an_action_delivered_twice_is_one_answer_and_one_close(qtbot: QtBot) -> None:
    # GNOME Shell broadcasts ActionInvoked and its gjs helper forwards a copy (another sender).
    answers = ReminderAnswers()
    route, bus = shown_notification(answers)
    answered: list[None] = []
    answers.snooze.connect(lambda: answered.append(None))
    answers.start_break.connect(lambda: answered.append(None))
    for _ in range(2):
        route._handle(_signal("ActionInvoked", "us", (5, "later")))
    for _ in range(2):
        route._handle(_signal("NotificationClosed", "uu", (5, 2)))
    route.withdraw()  # the app withdraws the reminder too when a break opens
    assert len(answered) == 1
    assert bus.closed == [5]


def test_an_answered_notification_is_closed_and_a_stale_click_is_no_answer(qtbot: QtBot) -> None:
    # mako leaves a notification on screen after an action unless the app closes it.
    answers = ReminderAnswers()
    route, bus = shown_notification(answers)
    with qtbot.waitSignal(answers.snooze):
        route._handle(_signal("ActionInvoked", "us", (5, "later")))
    assert bus.closed == [5]
    with qtbot.assertNotEmitted(answers.snooze), qtbot.assertNotEmitted(answers.start_break):
        route._handle(_signal("ActionInvoked", "us", (5, "later")))
        route._handle(_signal("ActionInvoked", "us", (5, "default")))
    assert bus.closed == [5]


def test_closed_twice_after_a_click_is_one_answer(qtbot: QtBot) -> None:
    # Plasma: NotificationClosed after the click, and again after kindtray's CloseNotification.
    answers = ReminderAnswers()
    route, bus = shown_notification(answers)
    with qtbot.waitSignal(answers.start_break):
        route._handle(_signal("ActionInvoked", "us", (5, "default")))
    with qtbot.assertNotEmitted(answers.dismissed), qtbot.assertNotEmitted(answers.start_break):
        route._handle(_signal("NotificationClosed", "uu", (5, 2)))
        route._handle(_signal("NotificationClosed", "uu", (5, 3)))
    assert bus.closed == [5]


def test_dismissed_twice_is_one_dismissal(qtbot: QtBot) -> None:
    answers = ReminderAnswers()
    route, bus = shown_notification(answers)
    dismissals: list[None] = []
    answers.dismissed.connect(lambda: dismissals.append(None))
    for _ in range(2):
        route._handle(_signal("NotificationClosed", "uu", (5, 2)))
    route.withdraw()
    assert len(dismissals) == 1
    assert bus.closed == []  # the server closed it already


def test_unknown_actions_are_no_answer(qtbot: QtBot) -> None:
    answers = ReminderAnswers()
    route, bus = shown_notification(answers)
    with qtbot.assertNotEmitted(answers.start_break), qtbot.assertNotEmitted(answers.snooze):
        route._handle(_signal("ActionInvoked", "us", (5, "inline-reply")))
    assert bus.closed == []


@pytest.mark.parametrize(
    ("server", "start_actions"),
    [
        ("gnome-shell", ["default", "start"]),  # draws no button for "default"
        ("Plasma", ["default", "start"]),  # likewise
        ("dunst", ["default"]),  # lists "default" in its context menu
        ("mako", ["default"]),  # lists "default" among the actions
        ("some-other-server", ["default", "start"]),
        (None, ["default", "start"]),
    ],
)
def test_one_start_break_is_shown_whatever_the_server(
    server: str | None, start_actions: list[str]
) -> None:
    actions = reminder_actions(server)
    labels = dict(zip(actions[::2], actions[1::2], strict=True))
    assert [key for key, label in labels.items() if label == "Start break"] == start_actions
    assert [key for key, label in labels.items() if label == "Later"] == ["later"]


def test_the_server_name_chooses_the_actions_sent(qtbot: QtBot) -> None:
    route = FreedesktopRoute(ReminderAnswers())
    bus = FakeBus(["actions", "body"], server="mako")
    route._conn = bus
    route.notify("kindtray", "one")
    assert bus.actions == [reminder_actions("mako")]


def test_closing_the_notification_is_a_dismissal_but_expiry_is_not(qtbot: QtBot) -> None:
    answers = ReminderAnswers()
    route, _ = shown_notification(answers)
    with qtbot.assertNotEmitted(answers.dismissed):
        route._handle(_signal("NotificationClosed", "uu", (5, 1)))  # expired
    route, _ = shown_notification(answers)
    with qtbot.waitSignal(answers.dismissed):
        route._handle(_signal("NotificationClosed", "uu", (5, 2)))  # closed by the user


def test_signals_about_other_notifications_are_ignored(qtbot: QtBot) -> None:
    answers = ReminderAnswers()
    route, bus = shown_notification(answers)
    with qtbot.assertNotEmitted(answers.start_break), qtbot.assertNotEmitted(answers.dismissed):
        route._handle(_signal("ActionInvoked", "us", (6, "default")))
        route._handle(_signal("NotificationClosed", "uu", (6, 2)))
    assert bus.closed == []


class FakeBus:
    """A session bus connection with a notification daemon of the given capabilities."""

    def __init__(
        self, capabilities: list[str], *, server: str = "test-server", notification_id: int = 7
    ) -> None:
        self.capabilities = capabilities
        self.server = server
        self.notification_id = notification_id
        self.bodies: list[str] = []
        self.actions: list[list[str]] = []
        self.closed: list[int] = []  # ids kindtray sent CloseNotification for

    def send_and_get_reply(self, message: object, timeout: float | None = None) -> object:
        from jeepney import new_method_return
        from jeepney.low_level import HeaderFields

        member = message.header.fields[HeaderFields.member]  # type: ignore[attr-defined]
        if member == "GetCapabilities":
            return new_method_return(message, "as", (self.capabilities,))
        if member == "GetServerInformation":
            return new_method_return(message, "ssss", (self.server, "test", "1", "1.2"))
        self.bodies.append(message.body[4])  # type: ignore[attr-defined]
        self.actions.append(message.body[5])  # type: ignore[attr-defined]
        return new_method_return(message, "u", (self.notification_id,))

    def send(self, message: object) -> None:
        from jeepney.low_level import HeaderFields

        member = message.header.fields[HeaderFields.member]  # type: ignore[attr-defined]
        assert member == "CloseNotification", member
        self.closed.append(message.body[0])  # type: ignore[attr-defined]

    def receive(self, timeout: float | None = None) -> object:
        raise TimeoutError

    def close(self) -> None:
        pass


TEA = 'Tea & toast, <b>slowly</b> <a href="http://example.org">here</a>?'
ESCAPED = TEA.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.mark.parametrize(
    ("capabilities", "sent"),
    [
        (["body", "body-markup"], ESCAPED),
        (["actions", "body", "body-hyperlinks"], ESCAPED),  # dunst: markup, not advertised
        (["body"], TEA),
    ],
)
def test_reminder_text_reaches_the_daemon_as_plain_text(
    qtbot: QtBot, capabilities: list[str], sent: str
) -> None:
    # A daemon that reads markup would make "<b>" bold and "<a>" a link, and lose a lone "&".
    route = FreedesktopRoute(ReminderAnswers())
    bus = FakeBus(capabilities)
    route._conn = bus
    route.notify("kindtray", TEA)
    assert bus.bodies == [sent]


def test_own_window_shows_markup_as_the_words_written(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    route = WindowRoute(ReminderAnswers())
    route.notify("kindtray", TEA)
    assert route.window is not None
    qtbot.addWidget(route.window)
    assert route.window.body.textFormat() == Qt.TextFormat.PlainText


def test_the_chain_asks_every_route_in_order_and_shuts_them_all_down() -> None:
    best, fallback = FakeRoute("best", fails=True), FakeRoute("fallback")
    chain = RouteChain([best, fallback])
    assert chain.probe() == {"best": "best is broken", "fallback": None}
    assert list(chain.probe()) == ["best", "fallback"]
    chain.shutdown()
    assert (best.shut, fallback.shut) == (1, 1)


def test_freedesktop_probe_says_why_without_a_session_bus(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/kindtray-test-bus")
    route = FreedesktopRoute(ReminderAnswers())
    problem = route.probe()
    assert problem is not None and problem.startswith("no D-Bus session bus")
    assert route.service is not None and route.service["available"] is False


@pytest.mark.parametrize(("platform", "usable"), [("linux", False), ("win32", True)])
def test_plyer_probe_follows_the_platform(
    monkeypatch: pytest.MonkeyPatch, platform: str, usable: bool
) -> None:
    monkeypatch.setattr("sys.platform", platform)
    assert (PlyerRoute().probe() is None) is usable


def test_window_probe_sees_that_offscreen_shows_nobody(qtbot: QtBot) -> None:
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.platformName() == "offscreen"  # the tests' Qt platform
    assert WindowRoute(ReminderAnswers()).probe() == "there is no display to show a window on"
