"""The reminder reaches the user exactly once, through the best backend that works."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kindtray.ui.notifier import (
    FreedesktopNotifier,
    NotifierChain,
    NotifierError,
    PlyerNotifier,
    ReminderAnswers,
    WindowNotifier,
)


class FakeBackend:
    def __init__(self, name: str, *, fails: bool = False) -> None:
        self.name = name
        self.fails = fails
        self.shown: list[tuple[str, str]] = []
        self.withdrawn = 0

    def show(self, title: str, body: str) -> None:
        if self.fails:
            raise NotifierError(f"{self.name} is broken")
        self.shown.append((title, body))

    def withdraw(self) -> None:
        self.withdrawn += 1


def test_the_first_working_backend_shows_the_reminder_and_only_it() -> None:
    first, second, third = FakeBackend("a", fails=True), FakeBackend("b"), FakeBackend("c")
    chain = NotifierChain([first, second, third])
    assert chain.show("A minute for yourself?") == "b"
    assert second.shown == [("kindtray", "A minute for yourself?")]
    assert third.shown == []
    assert chain.last_used == "b"


def test_backends_are_tried_in_order_each_time() -> None:
    best, fallback = FakeBackend("best"), FakeBackend("fallback")
    chain = NotifierChain([best, fallback])
    best.fails = True
    assert chain.show("one") == "fallback"
    best.fails = False  # e.g. the notification daemon came back
    assert chain.show("two") == "best"
    assert best.shown == [("kindtray", "two")]
    assert fallback.shown == [("kindtray", "one")]


def test_switching_backend_takes_the_old_reminder_off_the_screen() -> None:
    best, fallback = FakeBackend("best", fails=True), FakeBackend("fallback")
    chain = NotifierChain([best, fallback])
    chain.show("one")
    best.fails = False
    chain.show("two")
    assert fallback.withdrawn == 1  # never two kindtray reminders at once


def test_nothing_works_is_reported_not_raised() -> None:
    chain = NotifierChain([FakeBackend("a", fails=True), FakeBackend("b", fails=True)])
    assert chain.show("x") is None
    assert chain.last_used is None


def test_without_a_session_bus_freedesktop_fails_so_the_next_backend_is_used(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/kindtray-test-bus")
    answers = ReminderAnswers()
    fallback = FakeBackend("fallback")
    chain = NotifierChain([FreedesktopNotifier(answers), fallback])
    assert chain.show("A minute for yourself?") == "fallback"


def test_plyer_is_not_used_on_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    with pytest.raises(NotifierError):
        PlyerNotifier().show("kindtray", "hello")


def test_own_window_shows_the_text_and_its_buttons_answer(qtbot: QtBot) -> None:
    answers = ReminderAnswers()
    notifier = WindowNotifier(answers)
    notifier.show("kindtray", "A minute for yourself?")
    window = notifier.window
    assert window is not None
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.body.text() == "A minute for yourself?"
    with qtbot.waitSignal(answers.start_break):
        window.start_button.click()
    assert not window.isVisible()
    notifier.show("kindtray", "again")
    with qtbot.waitSignal(answers.later):
        window.later_button.click()


def test_own_window_closed_by_the_user_is_a_dismissal(qtbot: QtBot) -> None:
    answers = ReminderAnswers()
    notifier = WindowNotifier(answers)
    notifier.show("kindtray", "A minute for yourself?")
    assert notifier.window is not None
    qtbot.addWidget(notifier.window)
    with qtbot.waitSignal(answers.dismissed):
        notifier.window.close()


def test_own_window_replaces_rather_than_stacks(qtbot: QtBot) -> None:
    notifier = WindowNotifier(ReminderAnswers())
    notifier.show("kindtray", "one")
    first = notifier.window
    notifier.show("kindtray", "two")
    assert notifier.window is first
    assert first is not None
    qtbot.addWidget(first)
    assert first.body.text() == "two"


def test_withdrawing_the_window_is_not_a_dismissal(qtbot: QtBot) -> None:
    answers = ReminderAnswers()
    notifier = WindowNotifier(answers)
    notifier.show("kindtray", "one")
    assert notifier.window is not None
    qtbot.addWidget(notifier.window)
    with qtbot.assertNotEmitted(answers.dismissed):
        notifier.withdraw()
    assert not notifier.window.isVisible()


def _signal(member: str, signature: str, body: tuple[object, ...]) -> object:
    from jeepney import DBusAddress, new_signal

    emitter = DBusAddress(
        "/org/freedesktop/Notifications", interface="org.freedesktop.Notifications"
    )
    return new_signal(emitter, member, signature, body)


@pytest.mark.parametrize(
    ("action", "signal_name"), [("default", "start_break"), ("later", "later")]
)
def test_notification_actions_come_back_as_answers(
    qtbot: QtBot, action: str, signal_name: str
) -> None:
    answers = ReminderAnswers()
    notifier = FreedesktopNotifier(answers)
    notifier._current_id = 5
    with qtbot.waitSignal(getattr(answers, signal_name)):
        notifier._handle(_signal("ActionInvoked", "us", (5, action)))
    # The daemon then closes it; that is not a second answer.
    with qtbot.assertNotEmitted(answers.dismissed):
        notifier._handle(_signal("NotificationClosed", "uu", (5, 2)))


def test_closing_the_notification_is_a_dismissal_but_expiry_is_not(qtbot: QtBot) -> None:
    answers = ReminderAnswers()
    notifier = FreedesktopNotifier(answers)
    notifier._current_id = 5
    with qtbot.assertNotEmitted(answers.dismissed):
        notifier._handle(_signal("NotificationClosed", "uu", (5, 1)))  # expired
    notifier._answered = False
    with qtbot.waitSignal(answers.dismissed):
        notifier._handle(_signal("NotificationClosed", "uu", (5, 2)))  # closed by the user


def test_signals_about_other_notifications_are_ignored(qtbot: QtBot) -> None:
    answers = ReminderAnswers()
    notifier = FreedesktopNotifier(answers)
    notifier._current_id = 5
    with qtbot.assertNotEmitted(answers.start_break), qtbot.assertNotEmitted(answers.dismissed):
        notifier._handle(_signal("ActionInvoked", "us", (6, "default")))
        notifier._handle(_signal("NotificationClosed", "uu", (6, 2)))


class FakeBus:
    """A session bus connection with a notification daemon of the given capabilities."""

    def __init__(self, capabilities: list[str]) -> None:
        self.capabilities = capabilities
        self.bodies: list[str] = []

    def send_and_get_reply(self, message: object, timeout: float | None = None) -> object:
        from jeepney import new_method_return
        from jeepney.low_level import HeaderFields

        member = message.header.fields[HeaderFields.member]  # type: ignore[attr-defined]
        if member == "GetCapabilities":
            return new_method_return(message, "as", (self.capabilities,))
        self.bodies.append(message.body[4])  # type: ignore[attr-defined]
        return new_method_return(message, "u", (7,))

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
    notifier = FreedesktopNotifier(ReminderAnswers())
    bus = FakeBus(capabilities)
    notifier._conn = bus
    notifier.show("kindtray", TEA)
    assert bus.bodies == [sent]


def test_own_window_shows_markup_as_the_words_written(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    notifier = WindowNotifier(ReminderAnswers())
    notifier.show("kindtray", TEA)
    assert notifier.window is not None
    qtbot.addWidget(notifier.window)
    assert notifier.window.body.textFormat() == Qt.TextFormat.PlainText
