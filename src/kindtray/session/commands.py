"""The live commands, declared once: name, argument, help and what the running instance does.

``kindtray <command>`` builds its live subcommands from ``COMMANDS`` (cli.py), and the running
instance answers every request through ``dispatch`` (ui/app.py hands it the ``ReminderFlow``).
Adding a command means one entry here. No Qt, and nothing that is slow to import: the client
side of a keyboard shortcut imports this module. The help texts are catalog ids in English
(``N_``), translated by the command line's help formatter when help is shown; the replies are
translated when the running instance answers, in its language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from kindtray.control import EXIT_OK, EXIT_USAGE, Reply
from kindtray.i18n import N_, _

if TYPE_CHECKING:  # the command line imports this table: the flow's imports stay out of it
    from kindtray.session.reminder_flow import ReminderFlow


class CommandName(StrEnum):
    """Every request the running instance answers (``hello``: "are you there?")."""

    HELLO = "hello"
    BREAK = "break"
    SOS = "sos"
    REMIND = "remind"
    PAUSE = "pause"
    RESUME = "resume"
    STATUS = "status"
    SETTINGS = "settings"
    WELCOME = "welcome"
    QUIT = "quit"


TOMORROW: Final = "tomorrow"
_DURATION = re.compile(r"(\d{1,4})\s*(m|min|minutes?|h|hours?)?")


def parse_pause(text: str) -> dict[str, object]:
    """Parse a pause length: ``30m``, ``1h``, ``2h``, ``90`` (minutes) or ``tomorrow``."""
    text = text.strip().lower()
    if text == TOMORROW:
        return {"until": TOMORROW}
    match = _DURATION.fullmatch(text)
    if match:
        minutes = int(match.group(1)) * (60 if (match.group(2) or "m")[0] == "h" else 1)
        if 1 <= minutes <= 24 * 60:
            return {"minutes": minutes}
    import argparse  # only to word the mistake: the tray process parses no command line

    raise argparse.ArgumentTypeError(
        # Translators: 30m, 1h, 2h and tomorrow are what to type: keep them as they are.
        _("{text} is not a pause length; use e.g. 30m, 1h, 2h or tomorrow (at most 24h)").format(
            text=repr(text)
        )
    )


# NamedTuples, not dataclasses: the command line reads this table, and dataclasses would
# import inspect, a noticeable part of a short command's time.
class Argument(NamedTuple):
    """A command's one positional argument: parsed on the command line into request fields."""

    name: str
    metavar: str
    parse: Callable[[str], dict[str, object]]


Handler = Callable[["ReminderFlow", Mapping[str, Any]], Reply]


class Command(NamedTuple):
    """One live command.

    ``starts_kindtray``: when no kindtray runs, the command line starts one and runs the
    command there (otherwise it says "not running"). ``json_help``: the command has a
    ``--json`` option, with this help. ``about`` and ``examples`` (a command line and what
    it does) make ``kindtray <command> --help``.
    """

    name: CommandName
    help: str
    run: Handler
    starts_kindtray: bool = False
    argument: Argument | None = None
    json_help: str | None = None
    forwards_activation: bool = False  # the request carries the caller's activation token
    about: str = ""
    examples: tuple[tuple[str, str], ...] = ()


# A request's field for the desktop's permission to take the keyboard focus: the
# xdg-activation token a launcher or keyboard shortcut gave ``kindtray <command>`` (Wayland).
ACTIVATION_TOKEN: Final = "activation_token"
ACTIVATION_ENV: Final = "XDG_ACTIVATION_TOKEN"


def _remind(flow: ReminderFlow, _request: Mapping[str, Any]) -> Reply:
    via = flow.remind()
    if via:
        # Translators: {route} is how it was shown: freedesktop, tray-message, plyer or window.
        return Reply(EXIT_OK, _("Reminder shown ({route})").format(route=via))
    return Reply(EXIT_OK, _("Reminder shown (nowhere: see the log)"))


def _pause(flow: ReminderFlow, request: Mapping[str, Any]) -> Reply:
    minutes = request.get("minutes")
    if request.get("until") == TOMORROW:
        flow.pause_until_tomorrow()
    elif isinstance(minutes, int) and not isinstance(minutes, bool) and minutes > 0:
        flow.pause_for(minutes)
    else:
        return Reply(EXIT_USAGE, _("pause needs minutes or until=tomorrow"))
    return Reply(EXIT_OK, flow.status_line())


def _resume(flow: ReminderFlow, _request: Mapping[str, Any]) -> Reply:
    flow.resume()
    return Reply(EXIT_OK, flow.status_line())


def _break(flow: ReminderFlow, request: Mapping[str, Any]) -> Reply:
    token = request.get(ACTIVATION_TOKEN)
    flow.open_break(activation_token=token if isinstance(token, str) and token else None)
    return Reply(EXIT_OK, _("Opening a break"))


def _sos(flow: ReminderFlow, request: Mapping[str, Any]) -> Reply:
    token = request.get(ACTIVATION_TOKEN)
    flow.open_hard_moment(activation_token=token if isinstance(token, str) and token else None)
    # Translators: "A hard moment" is the practice's name, as in the tray menu.
    return Reply(EXIT_OK, _("Opening A hard moment"))


def _then_say(action: Callable[[ReminderFlow], None], message: str) -> Handler:
    """A command that does one thing and says so (``message``: a catalog id, ``N_``)."""

    def run(flow: ReminderFlow, _request: Mapping[str, Any]) -> Reply:
        action(flow)
        return Reply(EXIT_OK, _(message))

    return run


def _opening(
    name: CommandName,
    help_: str,
    action: Callable[[ReminderFlow], None],
    message: str,
    about: str,
    example: str,
) -> Command:
    """A command that opens a window, starting kindtray for it if needed (texts: ``N_``)."""
    return Command(
        name,
        help_,
        _then_say(action, message),
        starts_kindtray=True,
        about=about,
        examples=((f"kindtray {name.value}", example),),
    )


# The order is the order of ``kindtray --help``.
COMMANDS: Final[dict[CommandName, Command]] = {
    command.name: command
    for command in (
        Command(
            CommandName.BREAK,
            N_("open a break now (starts kindtray if needed)"),
            _break,
            starts_kindtray=True,
            forwards_activation=True,
            about=N_(
                "Open a break now, whatever the schedule says. If kindtray is not running yet, "
                "it starts in the tray first. Bound to a keyboard shortcut, it is a minute for "
                "yourself whenever you want one."
            ),
            examples=(("kindtray break", N_("a break now")),),
        ),
        Command(
            CommandName.SOS,
            N_(
                "open A hard moment: grounding, a slow breath, kind words "
                "(starts kindtray if needed)"
            ),
            _sos,
            starts_kindtray=True,
            forwards_activation=True,
            about=N_(
                "Open A hard moment: grounding, a slow breath and kind words, for when "
                "things are hard. If kindtray is not running yet, it starts in the tray first."
            ),
            examples=(("kindtray sos", N_("A hard moment, now")),),
        ),
        Command(
            CommandName.REMIND,
            N_("show the reminder now (starts kindtray if needed)"),
            _remind,
            starts_kindtray=True,
            about=N_(
                "Show the reminder now, the way a planned one comes. Handy to see how reminders "
                "look on this desktop. If kindtray is not running yet, it starts first."
            ),
            examples=(("kindtray remind", N_("the reminder, now")),),
        ),
        Command(
            CommandName.PAUSE,
            N_("no reminders for a while: 30m, 1h, 2h or tomorrow"),
            _pause,
            argument=Argument("duration", "30m|1h|2h|tomorrow", parse_pause),
            about=N_(
                "No reminders for a while: minutes (30m, 90), hours (1h, 2h, at most 24h), or "
                "until tomorrow's active hours. A pause always ends by itself; `kindtray resume` "
                "ends it sooner. It works while kindtray is running."
            ),
            examples=(
                ("kindtray pause 30m", N_("quiet for half an hour")),
                ("kindtray pause tomorrow", N_("quiet for the rest of today")),
            ),
        ),
        Command(
            CommandName.RESUME,
            N_("end a pause"),
            _resume,
            about=N_("End a pause now: reminders come again as planned."),
            examples=(("kindtray resume", N_("reminders again from now")),),
        ),
        Command(
            CommandName.STATUS,
            N_("is kindtray running or paused; the next reminder"),
            lambda flow, _request: Reply(EXIT_OK, flow.status_line(), flow.status()),
            json_help=N_("print the status as JSON"),
            about=N_(
                "Say whether kindtray is running, paused or holding reminders, and when the "
                "next one comes. Exit status 3 when kindtray is not running."
            ),
            examples=(
                ("kindtray status", N_("one line, e.g. the time of the next reminder")),
                ("kindtray status --json", N_("the same for scripts and panel widgets")),
            ),
        ),
        _opening(
            CommandName.SETTINGS,
            N_("open the settings (starts kindtray if needed)"),
            lambda flow: flow.open_settings(),
            N_("Opening settings"),
            N_(
                "Open the settings window: when reminders come, and how a break goes. If "
                "kindtray is not running yet, it starts in the tray first."
            ),
            N_("the settings window"),
        ),
        _opening(
            CommandName.WELCOME,
            N_("show the welcome window again (starts kindtray if needed)"),
            lambda flow: flow.show_welcome(),
            N_("Opening the welcome window"),
            N_(
                "Show the welcome window from the first start again. If kindtray is not "
                "running yet, it starts in the tray first."
            ),
            N_("the welcome window"),
        ),
        Command(
            CommandName.QUIT,
            N_("stop the running kindtray"),
            _then_say(lambda flow: flow.quit(), N_("kindtray is quitting")),
            about=N_(
                "Stop the running kindtray, as Quit in its tray menu does. The command returns "
                "once it has really gone, so a new start can follow straight away."
            ),
            examples=(
                ("kindtray quit", N_("stop kindtray")),
                ("kindtray quit && kindtray", N_("start it afresh")),
            ),
        ),
    )
}
# Not a command line command: what a second ``kindtray`` sends to the running one.
HELLO: Final = Command(
    CommandName.HELLO,
    "",
    _then_say(lambda flow: None, N_("kindtray is already running")),
    starts_kindtray=True,
)


def dispatch(flow: ReminderFlow, request: Mapping[str, Any]) -> Reply:
    """Answer one request from ``kindtray <command>`` (see kindtray.control's protocol)."""
    name = request.get("command")
    try:
        command = HELLO if name == CommandName.HELLO else COMMANDS[CommandName(str(name))]
    except ValueError:
        return Reply(EXIT_USAGE, _("unknown command: {name}").format(name=repr(name)))
    return command.run(flow, request)
