"""Phrases with markup (a user's <img src=http://...> or <a href=...>) are shown as the words.

Every label of the break window, the reminder window and the notification body get the
literal text; nothing is fetched: the test fails if any socket connects, and if the process
holds an IPv4/IPv6 socket afterwards that it did not hold before.
"""

from __future__ import annotations

import os
import random
import socket
import subprocess
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kindtray.core.clock import FakeClock
from kindtray.core.history import Trigger
from kindtray.core.phrases import GROUPS, PhraseLibrary, PhrasePicker, parse_phrases
from kindtray.core.settings import BreakSettings, PhraseSettings
from kindtray.ui.break_window import BreakWindow
from kindtray.ui.notify.base import ReminderAnswers
from kindtray.ui.notify.window import ReminderWindow
from tests.desktop.conftest import Desktop, wait_until
from tests.reliability.test_privacy import inet_inodes, socket_inodes

HOSTILE = (
    "<img src=http://127.0.0.1:9/x> rest here",
    '<a href="http://127.0.0.1:9/">you are doing fine</a>',
)


def markup_library() -> PhraseLibrary:
    lines = []
    for group in GROUPS:
        lines.append(f"[{group}]")
        lines.extend(
            f"{group.replace('-', '_')}_{n} = '{text} {group}'" for n, text in enumerate(HOSTILE)
        )
    phrases, problems = parse_phrases("\n".join(lines) + "\n", "phrases.toml", id_prefix="user:")
    assert problems == []
    return PhraseLibrary(phrases)


@pytest.fixture
def no_network(monkeypatch):
    def refuse(self, address):
        pytest.fail(f"something tried to connect to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    before = socket_inodes_inet()
    yield
    assert socket_inodes_inet() <= before, "a network socket was opened while showing phrases"


def socket_inodes_inet() -> set[str]:
    return socket_inodes(os.getpid()) & inet_inodes(os.getpid())


def markup_labels(widget) -> list[QLabel]:
    return [label for label in widget.findChildren(QLabel) if "<" in label.text()]


def test_every_step_of_a_break_shows_markup_as_plain_words(qtbot, no_network):
    clock = FakeClock(datetime(2026, 11, 29, 10, 0, tzinfo=UTC))
    picker = PhrasePicker(markup_library(), None, random.Random(3))
    texts = picker.break_texts(PhraseSettings(), clock.now())
    window = BreakWindow(
        texts,
        BreakSettings(mood_check_in=False, reduced_motion="on"),
        clock,
        trigger=Trigger.REQUEST,
    )
    qtbot.addWidget(window)
    window.start()
    qtbot.waitExposed(window)
    finished: list[object] = []
    window.finished.connect(finished.append)
    steps_seen = 0
    while not finished:
        labels = markup_labels(window)
        assert labels, f"step {window.flow.step_index}: the markup phrase is not on screen"
        for label in labels:
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
            assert any(label.text().startswith(h) for h in HOSTILE), label.text()
        window.grab()  # paint everything, as the screen would
        steps_seen += 1
        window.skip_step()
    assert steps_seen == len(window.script.steps)


def test_the_reminder_window_shows_markup_as_plain_words(qtbot, no_network):
    window = ReminderWindow(ReminderAnswers())
    qtbot.addWidget(window)
    window.present(HOSTILE[0])
    window.grab()
    assert window.body.textFormat() == Qt.TextFormat.PlainText
    assert window.body.text() == HOSTILE[0]


@pytest.mark.desktop
@pytest.mark.parametrize("markup", ["no", "full"])
def test_a_notification_daemon_gets_the_words_not_markup(desktop: Desktop, markup: str) -> None:
    desktop.start(markup=markup)
    desktop.config.mkdir(mode=0o700)
    (desktop.config / "phrases.toml").write_text(f"[reminder]\nmine = '{HOSTILE[0]}'\n")
    desktop.start_app()
    capabilities = subprocess.run(
        [
            "dbus-send",
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.Notifications",
            "/org/freedesktop/Notifications",
            "org.freedesktop.Notifications.GetCapabilities",
        ],
        env=desktop.env,
        capture_output=True,
        text=True,
        timeout=10,
    ).stdout
    reads_markup = '"body-markup"' in capabilities
    assert reads_markup == (markup == "full")
    for _ in range(16):  # the rotation shows every reminder phrase once before any repeats
        assert desktop.kindtray("remind").returncode == 0
        if "127.0.0.1" in desktop.dunst_printed():
            break
    printed = wait_until(
        lambda: "127.0.0.1" in desktop.dunst_printed() and desktop.dunst_printed(),
        10,
        "our phrase in dunst",
    )
    line = next(line for line in printed.splitlines() if "127.0.0.1" in line)
    escaped = "&lt;img src=http://127.0.0.1:9/x&gt; rest here"
    if reads_markup:
        assert escaped in line, line
    else:  # a daemon that shows text as it comes: escaping is allowed, never required
        assert escaped in line or HOSTILE[0] in line, line
    print(f"dunst body-markup: {reads_markup}; body line: {line.strip()}")
