"""The command line: offline commands answer here; live ones go to the running instance.

Offline commands (``schedule``, ``check-config``, ``phrases``, ``paths``, ``stats``,
``history``, ``--version``; the history's two in cli_history.py) must not import Qt, so they
answer at the speed of a small Python script. A bad argument gets one line of error and exit
status 2, never a traceback.

Live commands (``break``, ``sos``, ``remind``, ``pause``, ``resume``, ``status``,
``settings``, ``welcome``, ``quit``) are declared once in ``session/commands.py``, the table
the running instance dispatches through too. They go over a plain Unix socket
(kindtray.control), also without Qt: a keyboard shortcut bound to ``kindtray pause 1h``
answers in well under 0.1 s. Qt is imported only when this process becomes the tray app:
``kindtray`` alone, or ``break``, ``sos``, ``remind``, ``settings`` and ``welcome`` when no
kindtray runs yet, and by ``doctor``, which asks Qt about the tray. Exit statuses: 0 done,
1 failed, 2 bad usage, 3 not running.

Every command's ``--help`` says what it does and shows examples; a mistyped command gets the
closest one suggested. What a live command says in its help is declared with it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from kindtray import __version__, cli_live
from kindtray.cli_live import quietly_on_a_closed_pipe
from kindtray.control import (
    EXIT_FAILED,
    EXIT_NOT_RUNNING,
    EXIT_OK,
    InstanceLock,
    Reply,
    lock_holder,
    lock_path,
    send_command,
)
from kindtray.i18n import N_, _, ngettext, pgettext
from kindtray.paths import Paths, default_paths
from kindtray.session.commands import (
    ACTIVATION_ENV,
    ACTIVATION_TOKEN,
    COMMANDS,
    Command,
    CommandName,
)
from kindtray.start import print_reply, start_or_forward, use_language_setting

# Imported where used, to keep a live command (``kindtray status``) quick: the history
# commands' module (cli_history), datetime and the wording of the schedule, and Qt (only
# the tray process). tests/test_cli_imports.py holds this.
if TYPE_CHECKING:
    from datetime import datetime

# argparse's own words ("usage:", "options", its error messages) would come from gettext's
# default domain, which has no catalog here: they are in kindtray's catalog under argparse's
# own msgids (its %-placeholders included), and argparse asks kindtray's catalog for them
# once a command line is being parsed (see _Parser.parse_known_args).
_ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    # Translators: argparse's message; keep %(argument_name)s and %(message)s as they are.
    N_("argument %(argument_name)s: %(message)s"),
    # Translators: argparse's message; %s is a list of options such as --csv.
    N_("the following arguments are required: %s"),
    # Translators: argparse's message; %s is a list of options such as --csv, --forget.
    N_("one of the arguments %s is required"),
    # Translators: argparse's message; %s is an option such as --all.
    N_("not allowed with argument %s"),
    # Translators: argparse's message; %s is what was typed.
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    # Translators: argparse's message; %r is what was typed after the = of an option.
    N_("ignored explicit argument %r"),
    # Translators: argparse's message; %(type)s is the expected kind (int), %(value)r the text.
    N_("invalid %(type)s value: %(value)r"),
    # Translators: argparse's message; keep %(value)r and %(choices)s as they are.
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    # Translators: argparse's message; %(option)s is what was typed, %(matches)s the options.
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (and exit 2), never a usage dump.

    Its texts are kept in English (catalog ids) and translated when shown: the help by
    ``_HelpFormatter``, the errors as they are raised. So a command that prints nothing
    never loads a catalog.
    """

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        # From here on argparse's messages are kindtray's texts (argparse imported gettext's
        # ``gettext`` as ``_``, which knows only gettext's default domain).
        setattr(argparse, "_", _)  # noqa: B010
        setattr(argparse, "ngettext", ngettext)  # noqa: B010
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        # Translators: a usage error; {prog} is "kindtray" or "kindtray <command>".
        line = _("{prog}: {message} (see: {prog} --help)").format(prog=self.prog, message=message)
        self.exit(2, line + "\n")

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        # A command name not known: say so in words, with the nearest one if there is one.
        if isinstance(action, argparse._SubParsersAction) and value not in action.choices:
            import difflib  # only on this path: a correct command starts no slower

            close = difflib.get_close_matches(value, list(action.choices), n=1, cutoff=0.6)
            if close:
                # Translators: {typed} is what was typed, {command} the nearest command name.
                line = _('kindtray: no command "{typed}". Did you mean "{command}"?')
            else:
                line = _('kindtray: no command "{typed}". See: kindtray --help')
            self.exit(2, line.format(typed=value, command=close[0] if close else "") + "\n")
        super()._check_value(action, value)


_EXAMPLES_TITLE = N_("Examples:")


def _examples(examples: Sequence[tuple[str, str]]) -> str:
    """An examples block for a help text: a command line and what it does, per line."""
    return "\n".join((_EXAMPLES_TITLE, *(f"{line}\t{what}" for line, what in examples)))


class _HelpFormatter(argparse.HelpFormatter):
    """Help whose paragraphs fill the terminal's width and whose examples line up.

    An examples block (``_examples``) is two columns when it fits the width, else each
    explanation goes on its own line under its example. Every text is a catalog id in
    English until here, where it is translated: each paragraph, heading, option's help and
    example's explanation (the command lines of the examples stay as they are typed).
    "usage:" is argparse's own, translated as the parser's errors are.
    """

    def start_section(self, heading: str | None) -> None:
        super().start_section(_(heading) if heading else heading)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        # argparse %-formats what this returns; no help here uses %(default)s, so a "%" a
        # translation writes ("50 %") is kept as it is.
        return _(action.help).replace("%", "%%") if action.help else action.help

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap  # only when help is shown

        blocks = []
        for block in text.split("\n\n"):
            if not block.startswith(_EXAMPLES_TITLE):
                words = " ".join(_(block).split())
                blocks.append(textwrap.fill(words, width, initial_indent=indent))
                continue
            rows = [
                (line, _(what) if what else what)
                for line, what in (row.partition("\t")[::2] for row in block.splitlines()[1:])
            ]
            column = max(len(line) for line, _what in rows)
            side_by_side = all(2 + column + 3 + len(what) <= width for _line, what in rows)
            lines = [_(_EXAMPLES_TITLE)]
            for line, what in rows:
                if not what:
                    lines.append(f"  {line}")
                elif side_by_side:
                    lines.append(f"  {line:<{column}}   {what}")
                else:
                    lines.extend((f"  {line}", f"      {what}"))
            blocks.append("\n".join(indent + line for line in lines))
        return "\n\n".join(blocks)


def _command(
    sub: argparse._SubParsersAction[_Parser],
    name: str,
    help_: str,
    about: str,
    examples: Sequence[tuple[str, str]],
) -> _Parser:
    """Add one command whose ``--help`` says what it does (``about``) and shows examples."""
    return sub.add_parser(
        name,
        help=help_,
        description=about,
        epilog=_examples(examples),
        formatter_class=_HelpFormatter,
    )


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """Return the argument parser for every kindtray command.

    With ``argv`` (the arguments about to be parsed), ``stats`` and ``history`` get their
    options only when named there: their module is slow to import, and no other command
    needs it.
    """
    parser = _Parser(
        prog="kindtray",
        description=N_(
            "A calm tray app for one-minute self-compassion breaks. Without a command, "
            "kindtray starts in the tray (or says it is running already)."
        ),
        epilog=(
            N_("Each command explains itself, with examples: kindtray COMMAND --help")
            + "\n\n"
            + _examples(
                [
                    ("kindtray", N_("start kindtray in the tray")),
                    ("kindtray break", N_("a break now")),
                    ("kindtray pause 1h", N_("no reminders for an hour")),
                    ("kindtray schedule --days 7", N_("when reminders will come this week")),
                ]
            )
        ),
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kindtray {__version__}")
    parser.add_argument(
        "--config-dir",
        type=Path,
        metavar="DIR",
        help=N_("keep settings, state and history under DIR instead of the platform's folders"),
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help=N_("log more detail, and print the log to stderr too"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Each handler takes (args, paths) and returns the exit status.
    _command(
        sub,
        "paths",
        N_("show where kindtray keeps its files"),
        N_(
            "Show where kindtray keeps its files: settings, your phrases, state, practice "
            "history and log. --config-dir moves them all."
        ),
        [("kindtray paths", ""), ("kindtray --config-dir ~/kindtray-test paths", "")],
    ).set_defaults(handler=_paths)

    schedule = _command(
        sub,
        "schedule",
        N_("show the upcoming reminders"),
        N_(
            "Show when the next reminders come, day by day, as your settings and any pause "
            "make them. Nothing is changed, and kindtray need not be running. Each day's "
            "times wrap at the width of the terminal."
        ),
        [
            ("kindtray schedule", N_("the reminders of the next day")),
            ("kindtray schedule --days 7", N_("the coming week")),
            ("kindtray schedule --from 2026-12-07T08:00 --json", N_("a list of times, as JSON")),
        ],
    )
    schedule.add_argument(
        "--days", type=_positive_days, default=1, metavar="N", help=N_("how many days (1-366)")
    )
    schedule.add_argument(
        "--from",
        dest="start",
        type=_local_datetime,
        metavar="ISO-DATETIME",
        help=N_("start from this local date/time instead of now, e.g. 2026-12-01T08:00"),
    )
    schedule.add_argument("--json", action="store_true", help=N_("print a JSON list of times"))
    schedule.set_defaults(handler=_schedule)

    _command(
        sub,
        "check-config",
        N_("check the settings file"),
        N_(
            "Read your settings file and say what in it kindtray cannot use, and why. The "
            "file is only read, never changed. Exit status 1 when something needs a look."
        ),
        [("kindtray check-config", "")],
    ).set_defaults(handler=_check_config)

    _command(
        sub,
        "phrases",
        N_("check your phrases.toml and count the phrases in each group"),
        N_(
            "Check your own phrases file with the rules kindtray uses, and count the phrases "
            "of each group, yours among them. Exit status 1 when a phrase needs a look."
        ),
        [("kindtray phrases", "")],
    ).set_defaults(handler=_phrases)
    stats = _command(
        sub,
        "stats",
        N_("a gentle look at the breaks you took"),
        N_(
            "A gentle look back at the breaks you took: how many, the time you gave "
            "yourself, and how your mood moved when you noted it. Nothing here counts "
            "what did not happen."
        ),
        [
            ("kindtray stats", N_("the last 7 and the last 30 days")),
            ("kindtray stats --days 14", N_("the last 14 days, today included")),
            ("kindtray stats --all", N_("since you started")),
            ("kindtray stats --json", N_("the figures, for scripts")),
        ],
    )
    history = _command(
        sub,
        "history",
        N_("export or delete your practice history"),
        N_(
            "Save your practice history as a CSV file, or delete it for good. It stays on "
            "this computer and holds the ids of phrases, never their words."
        ),
        [
            ("kindtray history --csv practice.csv", N_("save it to practice.csv")),
            ("kindtray history --csv -", N_("print it, e.g. to pipe it elsewhere")),
            ("kindtray history --forget", N_("delete it, after asking")),
        ],
    )
    if argv is None or "stats" in argv or "history" in argv:
        from kindtray.cli_history import add_history, add_stats

        add_stats(stats)
        add_history(history)
    doctor = _command(
        sub,
        "doctor",
        N_("check this desktop: tray, notifications, files; what kindtray will do"),
        N_(
            "Check this desktop: whether there is a tray, which ways of showing a reminder "
            "work, whether kindtray can write its files; and say what kindtray will do here."
        ),
        [
            ("kindtray doctor", N_("a readable report")),
            ("kindtray doctor --send-test", N_("also show a test reminder")),
            ("kindtray doctor --json > report.json", N_("a report to attach to a bug report")),
        ],
    )
    doctor.add_argument("--json", action="store_true", help=N_("print a JSON report (bug reports)"))
    doctor.add_argument(
        "--send-test",
        action="store_true",
        help=N_("also send a test reminder the way kindtray would"),
    )
    doctor.set_defaults(handler=_doctor)
    _add_live_commands(sub)
    return parser


def _add_live_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    """The commands the running tray process answers, from session/commands.py's table."""
    for command in COMMANDS.values():
        name = command.name.value
        examples = command.examples or ((f"kindtray {name}", ""),)
        parser = _command(sub, name, command.help, command.about, examples)
        if command.argument is not None:
            parser.add_argument(
                command.argument.name,
                type=command.argument.parse,
                metavar=command.argument.metavar,
            )
        if command.json_help is not None:
            parser.add_argument("--json", action="store_true", help=command.json_help)
        parser.set_defaults(handler=_CLIENTS.get(command.name, _live), command_spec=command)


def main(argv: Sequence[str] | None = None) -> int:
    """Run kindtray with ``argv`` (default: the process arguments); return the exit status.

    A live command in its usual shape is answered by kindtray.cli_live when it can be (the
    entry point goes there first, and tests call this). A reader that stops reading
    (``| head -1``) ends the command quietly, without a traceback.
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    status = quietly_on_a_closed_pipe(_main, arguments)
    assert status is not None
    return status


def _main(arguments: list[str]) -> int:
    quick = cli_live.run(arguments)
    if quick is not None:
        return quick
    args = parse_live(arguments) or build_parser(arguments).parse_args(arguments)
    paths = default_paths(args.config_dir)
    handler: Callable[[argparse.Namespace, Paths], int] | None = getattr(args, "handler", None)
    if handler is None:
        return start_or_forward(paths, {"command": CommandName.HELLO.value}, debug=args.debug)
    return handler(args, paths)


def parse_live(argv: Sequence[str]) -> argparse.Namespace | None:
    """Parse a live command in its usual shape without building the whole parser.

    ``[--config-dir DIR] [--debug] COMMAND [ARGUMENT] [--json]`` gives the same Namespace as
    ``build_parser().parse_args``; anything else (help, a mistake, an abbreviation) gives
    None, and the full parser answers it. Building the parser (twenty subparsers, each
    asking gettext for its strings) is about a third of ``kindtray status``'s own time.
    """
    args = argparse.Namespace(config_dir=None, debug=False)
    rest = list(argv)
    while rest and rest[0].startswith("-"):
        option = rest.pop(0)
        if option == "--debug":
            args.debug = True
        elif option == "--config-dir" and rest and not rest[0].startswith("-"):
            args.config_dir = Path(rest.pop(0))
        else:
            return None
    try:
        command = COMMANDS[CommandName(rest.pop(0))]
    except (IndexError, ValueError, KeyError):
        return None
    if command.argument is not None:
        if not rest or rest[0].startswith("-"):
            return None
        try:
            setattr(args, command.argument.name, command.argument.parse(rest.pop(0)))
        except (argparse.ArgumentTypeError, ValueError):
            return None  # the full parser says what is wrong
    if command.json_help is not None:
        args.json = rest == ["--json"]
        if args.json:
            rest.clear()
    if rest:
        return None
    args.command = command.name.value
    args.handler = _CLIENTS.get(command.name, _live)
    args.command_spec = command
    return args


def _paths(args: argparse.Namespace, paths: Paths) -> int:
    rows = (
        # Translators: the labels before kindtray's file paths in `kindtray paths`.
        (pgettext("a file", "settings"), paths.settings_file),
        (pgettext("a file", "phrases"), paths.phrases_file),
        (pgettext("a file", "state"), paths.state_file),
        (pgettext("a file", "history"), paths.history_file),
        (pgettext("a file", "log"), paths.log_file),
    )
    width = max(len(label) for label, _path in rows) + 2
    for label, path in rows:
        print(f"{label}:".ljust(width) + str(path))
    return 0


def _doctor(args: argparse.Namespace, paths: Paths) -> int:
    import logging

    from kindtray.ui.doctor import run

    # The checks' own log lines are noise in a report, except when asked for with --debug.
    handler: logging.Handler = logging.NullHandler()
    if args.debug:
        handler = logging.StreamHandler(sys.stderr)
        logging.getLogger().setLevel(logging.DEBUG)
    logging.getLogger().addHandler(handler)
    return run(paths, as_json=args.json, send_test=args.send_test)


def _positive_days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("--days wants a whole number, not {text}").format(text=repr(text))
        ) from None
    if not 1 <= days <= 366:
        raise argparse.ArgumentTypeError(_("--days wants 1 to 366, not {days}").format(days=days))
    return days


def _local_datetime(text: str) -> datetime:
    from datetime import datetime

    from kindtray.core.clock import local_zone

    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("--from wants a date and time like 2026-12-01T08:00, not {text}").format(
                text=repr(text)
            )
        ) from None
    zone = local_zone()
    return value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)


def _schedule(args: argparse.Namespace, paths: Paths) -> int:
    from datetime import timedelta

    from kindtray.core.clock import SystemClock
    from kindtray.core.plan import upcoming
    from kindtray.i18n import use_language
    from kindtray.session.wording import describe_schedule
    from kindtray.storage.settings_store import SettingsStore
    from kindtray.storage.state_store import StateStore

    clock = SystemClock()
    loaded = SettingsStore(paths.settings_file, clock).load(keep_backup=False)
    use_language(loaded.settings.system.language)
    for message in loaded.messages:
        # Translators: before a problem found in the settings file (the problem stays English).
        print(_("note: {message}").format(message=message), file=sys.stderr)
    state_store = StateStore(paths.state_file, clock)
    state = state_store.load(keep_backup=False)
    if not paths.state_file.exists():
        # Keep the fresh jitter seed, so this preview is the plan the app will follow.
        with contextlib.suppress(OSError):
            state_store.save(state)
    start: datetime = args.start or clock.now()
    end = start + timedelta(days=args.days)
    # Enough for the shortest interval over the whole span; the list is cut at `end`.
    most = args.days * 24 * 6 + 2
    times = [t for t in upcoming(loaded.settings, state, start, most) if t < end]
    if args.json:
        print(json.dumps([t.isoformat(timespec="seconds") for t in times]))
        return 0
    import shutil  # here, not at the top: the other commands start without it

    # COLUMNS, or the terminal's width (80 for a file or a pipe); one column spare, as some
    # terminals wrap a line that fills the last column.
    columns = shutil.get_terminal_size().columns
    print(describe_schedule(times, start, args.days, state.pause_until, width=columns - 1))
    return 0


def _check_config(args: argparse.Namespace, paths: Paths) -> int:
    from kindtray.core.clock import SystemClock
    from kindtray.i18n import use_language
    from kindtray.storage.settings_store import SettingsStore

    loaded = SettingsStore(paths.settings_file, SystemClock()).load(keep_backup=False)
    use_language(loaded.settings.system.language)
    if not loaded.exists:
        text = _("{file}: no settings file yet; the defaults are used.")
        print(text.format(file=paths.settings_file))
        return 0
    if not loaded.problems:
        # Translators: the settings file has nothing kindtray cannot use.
        print(_("{file}: fine.").format(file=paths.settings_file))
        return 0
    for message in loaded.messages:
        print(message)
    return 1


# -- live commands: sent to the running instance --------------------------------------------


def _send(paths: Paths, request: dict[str, object]) -> Reply | None:
    """Send ``request``; None only when no kindtray runs (not when its socket is gone)."""
    try:
        reply = send_command(paths.socket_name, request)
    except (OSError, ValueError) as exc:
        use_language_setting(paths)
        # Translators: {error} is the system's own description of what went wrong.
        text = _("kindtray: the running kindtray did not answer: {error}")
        print(text.format(error=exc), file=sys.stderr)
        return Reply(EXIT_FAILED)
    if reply is None and (holder := lock_holder(paths.socket_name)) is not None:
        use_language_setting(paths)
        if holder:
            # Translators: {process} is a process id; `kill {process}` is a command to type.
            text = _(
                "kindtray: kindtray is running (process {process}), but its control socket "
                "{socket} is gone, so it cannot be asked. Quit it from its tray menu or with "
                "kill {process}, then start it again."
            )
        else:
            text = _(
                "kindtray: kindtray is running, but its control socket {socket} is gone, so "
                "it cannot be asked. Quit it from its tray menu, then start it again."
            )
        print(text.format(process=holder, socket=paths.socket_name), file=sys.stderr)
        return Reply(EXIT_FAILED)
    return reply


def _request(args: argparse.Namespace) -> dict[str, object]:
    """The request line for a parsed live command: its name and its argument's fields."""
    command: Command = args.command_spec
    request: dict[str, object] = {"command": command.name.value}
    if command.argument is not None:
        request.update(getattr(args, command.argument.name))
    token = os.environ.get(ACTIVATION_ENV)
    if command.forwards_activation and token:
        # The desktop's permission for the window to take the focus belongs to this
        # process; the running kindtray shows the window, so it needs the token.
        request[ACTIVATION_TOKEN] = token
    return request


def _live(args: argparse.Namespace, paths: Paths) -> int:
    if args.command_spec.starts_kindtray:
        return start_or_forward(paths, _request(args), debug=args.debug)
    reply = _send(paths, _request(args))
    if reply is None:
        use_language_setting(paths)
        print(_("kindtray is not running"), file=sys.stderr)
        return EXIT_NOT_RUNNING
    return print_reply(reply)


def _status(args: argparse.Namespace, paths: Paths) -> int:
    reply = _send(paths, _request(args))
    if reply is None:
        if args.json:
            print(json.dumps({"running": False}))
        else:
            use_language_setting(paths)
            print(_("not running"))
        return EXIT_NOT_RUNNING
    if args.json and reply.exit == EXIT_OK:
        print(json.dumps(reply.status or {}, indent=2))
        return EXIT_OK
    return print_reply(reply)


def _quit(args: argparse.Namespace, paths: Paths) -> int:
    reply = _send(paths, _request(args))
    if reply is None:
        use_language_setting(paths)
        print(_("kindtray is not running"))
        return EXIT_OK
    if reply.exit != EXIT_OK:
        return print_reply(reply)
    # Return once it is really gone, so `kindtray quit && kindtray` starts a fresh one.
    lock = InstanceLock(lock_path(paths.socket_name))
    deadline = time.monotonic() + 5.0
    while time.monotonic() < deadline:
        if lock.try_acquire():
            lock.release()
            use_language_setting(paths)
            return print_reply(Reply(EXIT_OK, _("kindtray has quit")))
        time.sleep(0.02)
    use_language_setting(paths)
    print(_("kindtray: asked to quit, but it is still running"), file=sys.stderr)
    return EXIT_FAILED


# Live commands whose command-line side does more than send and print (default: ``_live``).
_CLIENTS: dict[CommandName, Callable[[argparse.Namespace, Paths], int]] = {
    CommandName.STATUS: _status,
    CommandName.QUIT: _quit,
}


def _phrases(args: argparse.Namespace, paths: Paths) -> int:
    from kindtray.core.phrases import USER_ID_PREFIX
    from kindtray.storage.phrase_store import load_library

    library, problems = load_library(paths.phrases_file)
    yours: dict[str, int] = {}
    for phrase in library.phrases:
        if phrase.id.startswith(USER_ID_PREFIX):
            yours[phrase.group] = yours.get(phrase.group, 0) + 1
    if paths.phrases_file.exists():
        # Translators: {file} is the path of the person's own phrases file.
        print(_("your phrases: {file}").format(file=paths.phrases_file))
    else:
        print(_("your phrases: {file} (not there yet)").format(file=paths.phrases_file))
    counts = library.counts()
    width = max(map(len, counts), default=0)
    for group, count in counts.items():
        # The group names are the file's table names: they stay as they are written there.
        mine = ""
        if group in yours:
            # Translators: after a count of phrases in a group: how many the person wrote.
            text = ngettext("({count} of them yours)", "({count} of them yours)", yours[group])
            mine = "  " + text.format(count=yours[group])
        print(f"  {group:<{width}} {count:3d}{mine}")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
