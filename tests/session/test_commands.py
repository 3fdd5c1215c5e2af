"""The command table: one entry per live command, dispatched by name, without Qt."""

from __future__ import annotations

import argparse

import pytest

from kindtray.session.commands import COMMANDS, CommandName, dispatch, parse_pause
from tests.session.fakes import Rig


def test_every_command_but_hello_is_on_the_command_line() -> None:
    assert set(COMMANDS) == set(CommandName) - {CommandName.HELLO}
    assert all(command.help for command in COMMANDS.values())


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        ({"command": "hello"}, "kindtray is already running"),
        ({"command": "break"}, "Opening a break"),
        ({"command": "settings"}, "Opening settings"),
        ({"command": "welcome"}, "Opening the welcome window"),
        ({"command": "quit"}, "kindtray is quitting"),
        ({"command": "remind"}, "Reminder shown (fake)"),
        ({"command": "pause", "minutes": 30}, "Paused until 10:30"),
        ({"command": "pause", "until": "tomorrow"}, "Paused until tomorrow 09:00"),
    ],
)
def test_each_command_answers_and_acts(request_: dict[str, object], message: str) -> None:
    rig = Rig()
    reply = dispatch(rig.flow, request_)
    assert (reply.exit, reply.message) == (0, message)


def test_the_commands_reach_the_screen() -> None:
    rig = Rig()
    for name in ("break", "settings", "welcome", "quit"):
        dispatch(rig.flow, {"command": name})
    assert rig.screen.opened == ["settings", "welcome", "quit"]
    assert len(rig.screen.breaks) == 1


def test_status_and_resume_say_the_plan() -> None:
    rig = Rig()
    dispatch(rig.flow, {"command": "pause", "minutes": 30})
    reply = dispatch(rig.flow, {"command": "status"})
    assert reply.message == "Paused until 10:30"
    assert reply.status is not None and reply.status["paused"] is True
    assert dispatch(rig.flow, {"command": "resume"}).message.startswith("Next reminder at")


@pytest.mark.parametrize(
    "request_",
    [
        {"command": "pause", "minutes": "soon"},
        {"command": "pause", "minutes": True},
        {"command": "pause", "minutes": 0},
        {"command": "pause"},
        {"command": "dance"},
        {},
    ],
)
def test_bad_requests_are_usage_errors(request_: dict[str, object]) -> None:
    rig = Rig()
    assert dispatch(rig.flow, request_).exit == 2
    assert rig.scheduler.state.pause_until is None


def test_pause_lengths_parse_into_request_fields() -> None:
    assert parse_pause(" 90 ") == {"minutes": 90}
    assert parse_pause("2h") == {"minutes": 120}
    assert parse_pause("Tomorrow") == {"until": "tomorrow"}
    with pytest.raises(argparse.ArgumentTypeError):
        parse_pause("25h")


def test_break_hands_the_callers_activation_token_to_the_screen() -> None:
    # The desktop's permission to take the focus came with the command (XDG_ACTIVATION_TOKEN).
    rig = Rig()
    dispatch(rig.flow, {"command": "break", "activation_token": "launcher-token"})
    dispatch(rig.flow, {"command": "break"})
    dispatch(rig.flow, {"command": "break", "activation_token": 7})  # not a token
    assert rig.screen.activation_tokens == ["launcher-token", None, None]
