"""The command line: offline commands answer here; live ones go to the running instance.

Offline commands (``schedule``, ``check-config``, ``paths``, ``--version``) must not import
Qt, so they answer at the speed of a small Python script. A bad argument gets one line of
error and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kindtray import __version__
from kindtray.paths import Paths, default_paths


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every kindtray command."""
    parser = argparse.ArgumentParser(
        prog="kindtray",
        description="A calm tray app for one-minute self-compassion breaks.",
    )
    parser.add_argument("--version", action="version", version=f"kindtray {__version__}")
    parser.add_argument(
        "--config-dir",
        type=Path,
        metavar="DIR",
        help="keep settings, state and history under DIR instead of the platform's folders",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # One line per command; each handler takes (args, paths) and returns the exit status.
    sub.add_parser("paths", help="show where kindtray keeps its files").set_defaults(handler=_paths)
    sub.add_parser(
        "phrases", help="check your phrases.toml and count the phrases in each group"
    ).set_defaults(handler=_phrases)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run kindtray with ``argv`` (default: the process arguments); return the exit status."""
    args = build_parser().parse_args(argv)
    paths = default_paths(args.config_dir)
    handler: Callable[[argparse.Namespace, Paths], int] | None = getattr(args, "handler", None)
    if handler is None:
        return 0  # the tray app itself arrives with the tray issue
    return handler(args, paths)


def _paths(args: argparse.Namespace, paths: Paths) -> int:
    print(f"settings: {paths.settings_file}")
    print(f"phrases:  {paths.phrases_file}")
    print(f"state:    {paths.state_file}")
    print(f"history:  {paths.history_file}")
    print(f"log:      {paths.log_file}")
    return 0


def _phrases(args: argparse.Namespace, paths: Paths) -> int:
    from kindtray.core.phrases import USER_ID_PREFIX, load_library

    library, problems = load_library(paths.phrases_file)
    for problem in problems:
        print(problem, file=sys.stderr)
    yours: dict[str, int] = {}
    for phrase in library.phrases:
        if phrase.id.startswith(USER_ID_PREFIX):
            yours[phrase.group] = yours.get(phrase.group, 0) + 1
    missing = "" if paths.phrases_file.exists() else " (not there yet)"
    print(f"your phrases: {paths.phrases_file}{missing}")
    for group, count in library.counts().items():
        mine = f"  ({yours[group]} of them yours)" if group in yours else ""
        print(f"  {group:<11} {count:3d}{mine}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
