"""The command line: offline commands answer here; live ones go to the running instance.

Offline commands (``schedule``, ``check-config``, ``paths``, ``--version``) must not import
Qt, so they answer at the speed of a small Python script; ``break`` imports it inside its
handler. A bad argument gets one line of
error and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kindtray import __version__
from kindtray.core.break_script import BreakTexts
from kindtray.core.clock import Clock, SystemClock
from kindtray.core.settings import Settings
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
    sub.add_parser("break", help="take a one-minute break now").set_defaults(handler=_break)
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


# Used until the phrase library is on main (see _break_texts).
PLACEHOLDER_TEXTS = BreakTexts(
    arrive="Pause for a moment. You are here.",
    notice="This moment may be hard, and that is okay.",
    not_alone="Everyone struggles sometimes. You are not alone.",
    kindness="May I be kind to myself, as I would be to a friend.",
    touch="You might rest a hand on your heart and feel its warmth.",
    closing="Thank you for this minute with yourself.",
)


def _break_texts(paths: Paths, settings: Settings, clock: Clock) -> BreakTexts:
    try:
        # The phrase picker lands on its own branch; until then the placeholder words serve.
        phrases = importlib.import_module("kindtray.core.phrases")
    except ImportError:
        return PLACEHOLDER_TEXTS
    library, problems = phrases.load_library(paths.phrases_file)
    for problem in problems:
        print(problem, file=sys.stderr)
    rotation = getattr(paths, "phrases_rotation_file", paths.state_dir / "phrases-rotation.toml")
    picker = phrases.PhrasePicker(library, rotation, random.Random())
    texts: BreakTexts = picker.break_texts(settings.phrases, clock.now())
    return texts


def _break(args: argparse.Namespace, paths: Paths) -> int:
    from kindtray.core.settings_store import SettingsStore

    clock = SystemClock()
    loaded = SettingsStore(paths.settings_file, clock).load()
    for message in loaded.messages:
        print(message, file=sys.stderr)
    texts = _break_texts(paths, loaded.settings, clock)

    # Qt only here: the other commands stay quick and work without a display.
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from kindtray.ui.break_window import BreakWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("kindtray")
    window = BreakWindow(texts, loaded.settings.break_, clock, on_request=True)
    # A local loop, not app.exec()/quit(): quitting the application would also end any loop
    # a caller runs (the tray app later routes this command to its own instance).
    loop = QEventLoop()
    window.finished.connect(lambda _result: loop.quit())
    window.start()
    loop.exec()
    # Destroy the window while the application still exists: widgets must not outlive it.
    del window
    return 0


if __name__ == "__main__":
    sys.exit(main())
