"""Becoming the tray process: ``kindtray`` with no command, or a command that starts it.

Apart from kindtray.cli so that a plain start (at login, from the menu) builds no argparse
parser and loads none of the command line's wording before the tray icon shows: cli_live
sends it here directly. tests/test_cli_imports.py holds this.
"""

from __future__ import annotations

import sys

from kindtray import cli_live
from kindtray.control import EXIT_FAILED, EXIT_OK, Reply, become_primary_or_forward
from kindtray.i18n import _
from kindtray.paths import Paths, default_paths
from kindtray.session.commands import CommandName


def start_plain(config_dir: str | None, *, debug: bool) -> int:
    """``kindtray [--config-dir DIR] [--debug]``: become the tray, or greet the running one."""
    from pathlib import Path

    paths = default_paths(None if config_dir is None else Path(config_dir))
    return start_or_forward(paths, {"command": CommandName.HELLO.value}, debug=debug)


def start_or_forward(paths: Paths, request: dict[str, object], *, debug: bool) -> int:
    """Forward ``request`` to the running kindtray, or become it and then run ``request``."""
    try:
        outcome = become_primary_or_forward(paths.socket_name, request)
    except (OSError, ValueError) as exc:
        use_language_setting(paths)
        print(_("kindtray: {error}").format(error=exc), file=sys.stderr)
        return EXIT_FAILED
    if isinstance(outcome, Reply):
        return print_reply(outcome)
    from kindtray.ui.process import run_app  # Qt only for the tray process

    first = None if request.get("command") == CommandName.HELLO else request
    return run_app(paths, outcome, first, debug=debug)


def print_reply(reply: Reply) -> int:
    """Print the running kindtray's answer where it belongs; return its exit status."""
    if reply.message:
        stream = sys.stdout if reply.exit == EXIT_OK else sys.stderr
        print(reply.message, file=stream)
    return reply.exit


def use_language_setting(paths: Paths) -> None:
    """Speak the language the settings file names, before a line of our own is printed.

    A live command that answers itself ("not running") would otherwise follow only the
    environment (cli_live.settings_language reads the file without a TOML parser).
    """
    from kindtray.i18n import SYSTEM, available_languages, use_language

    language = cli_live.settings_language(str(paths.settings_file))
    if language is not None and (language == SYSTEM or language in available_languages()):
        use_language(language)
