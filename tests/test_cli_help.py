"""Every command's help says what it does, with examples; a mistyped command gets a hint."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from kindtray.cli import build_parser, main


def command_names() -> list[str]:
    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(commands.choices)


def help_of(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--help"])
    assert exit_info.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("name", command_names())
def test_every_command_says_what_it_does_with_an_example(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "72")
    text = help_of([name], capsys)
    paragraphs = text.split("\n\n")
    # usage, then what it does in a sentence or more, before the arguments and options.
    assert paragraphs[0].startswith(f"usage: kindtray {name}")
    about = " ".join(paragraphs[1].split())
    assert about[0].isupper() and about.endswith(".") and len(about) > 30, about
    examples = paragraphs[-1].splitlines()
    assert examples[0] == "Examples:"
    assert examples[1].startswith(f"  kindtray {name}")
    assert all(len(line) <= 72 for line in text.splitlines()), text


def test_the_overview_points_to_each_commands_help(capsys: pytest.CaptureFixture[str]) -> None:
    text = help_of([], capsys)
    assert "kindtray COMMAND --help" in " ".join(text.split())
    assert "Examples:\n  kindtray " in text


def test_examples_line_up_in_two_columns_when_they_fit(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert help_of(["pause"], capsys).endswith(
        "Examples:\n"
        "  kindtray pause 30m        quiet for half an hour\n"
        "  kindtray pause tomorrow   quiet for the rest of today\n"
    )
    # Too narrow for two columns: each explanation goes under its example.
    monkeypatch.setenv("COLUMNS", "40")
    assert help_of(["pause"], capsys).endswith(
        "Examples:\n"
        "  kindtray pause 30m\n"
        "      quiet for half an hour\n"
        "  kindtray pause tomorrow\n"
        "      quiet for the rest of today\n"
    )


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("brake", "break"), ("shedule", "schedule"), ("setings", "settings"), ("stat", "stats")],
)
def test_a_mistyped_command_suggests_the_closest(
    typed: str, meant: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--config-dir", "/nonexistent", typed])
    assert exit_info.value.code == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == f'kindtray: no command "{typed}". Did you mean "{meant}"?\n'


def test_a_command_like_no_other_points_to_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["xyzzy"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == 'kindtray: no command "xyzzy". See: kindtray --help\n'


def test_the_hint_costs_a_correct_command_nothing(tmp_path: Path) -> None:
    code = (
        "import sys; from kindtray.cli import main; "
        f"main(['--config-dir', {str(tmp_path)!r}, 'paths']); "
        "print(sorted(m for m in ('difflib', 'textwrap') if m in sys.modules)); "
        "main(['brake'])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "[]"  # nothing loaded for help or hints
    assert (result.returncode, result.stderr) == (
        2,
        'kindtray: no command "brake". Did you mean "break"?\n',
    )
