"""What a short command loads: ``kindtray status`` must stay a small Python script.

A keyboard shortcut starts a whole process each time; these tests hold the import structure
that keeps it quick (bench/cli_latency.py measures the time; no test here times anything).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kindtray.cli import build_parser, parse_live

# Loaded by no live command: Qt, the history commands' module, dataclasses (which imports
# inspect, ast, dis and tokenize), tempfile (random, shutil) and the schedule's wording.
NOT_ON_THE_LIVE_PATH = (
    "PySide6",
    "kindtray.cli_history",
    "dataclasses",
    "inspect",
    "tempfile",
    "kindtray.session.wording",
)


# Not `break`: with nothing running, it starts the tray (its imports until then are these).
@pytest.mark.parametrize("command", [["status"], ["pause", "30m"], ["resume"], ["quit"]])
def test_a_live_command_imports_no_qt_history_or_dataclasses(
    tmp_path: Path, command: list[str]
) -> None:
    # Nothing runs here, so each command ends with "not running" after the same imports.
    code = (
        "import sys\n"
        "from kindtray.cli import main\n"
        f"main(['--config-dir', {str(tmp_path)!r}, *{command!r}])\n"
        f"print(sorted({{m.split('.')[0] if m.startswith('PySide6') else m "
        f"for m in sys.modules}} & set({NOT_ON_THE_LIVE_PATH!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stdout.splitlines()[-1] == "[]", result.stderr


def test_a_live_command_does_not_build_the_whole_parser(tmp_path: Path) -> None:
    # Building it asks gettext for every string of twenty subparsers and sizes the terminal
    # (shutil): a third of the command's own time.
    code = (
        "import sys, argparse\n"
        "built = []\n"
        "init = argparse.ArgumentParser.__init__\n"
        "def counting(self, *a, **k):\n"
        "    built.append(1)\n"
        "    init(self, *a, **k)\n"
        "argparse.ArgumentParser.__init__ = counting\n"
        "from kindtray.cli import main\n"
        f"main(['--config-dir', {str(tmp_path)!r}, 'status', '--json'])\n"
        "print(len(built))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stdout.splitlines()[-1] == "0", result.stderr


LIVE_SHAPES = [
    ["status"],
    ["status", "--json"],
    ["--debug", "status"],
    ["--config-dir", "/somewhere", "pause", "1h"],
    ["--config-dir", "/somewhere", "--debug", "pause", "tomorrow"],
    ["pause", "90"],
    ["resume"],
    ["break"],
    ["remind"],
    ["settings"],
    ["welcome"],
    ["quit"],
]


@pytest.mark.parametrize("argv", LIVE_SHAPES)
def test_the_quick_parse_gives_what_the_full_parser_gives(argv: list[str]) -> None:
    quick = parse_live(argv)
    assert quick is not None
    assert vars(quick) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["status", "--help"],
        ["-h"],
        ["pause"],
        ["pause", "soon"],
        ["pause", "1h", "2h"],
        ["--config", "/somewhere", "status"],  # an abbreviation: argparse's to accept
        ["--config-dir=/somewhere", "status"],
        ["statsu"],
        ["stats"],
        ["schedule"],
        ["quit", "--json"],
    ],
)
def test_anything_else_is_left_to_the_full_parser(argv: list[str]) -> None:
    assert parse_live(argv) is None


def test_the_history_commands_still_have_their_options() -> None:
    args = build_parser(["stats", "--json"]).parse_args(["stats", "--json"])
    assert args.json is True
    assert callable(args.handler)
