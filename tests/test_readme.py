"""README promises: its first commands and its reference tables stay true."""

import re
from pathlib import Path

from kindtray.cli import build_parser
from kindtray.core.settings_keys import KEYS, KEYS_BY_NAME

README = (Path(__file__).parent.parent / "README.md").read_text()


def test_readme_starts_with_the_run_and_test_commands():
    first_block = README.split("```")[1]
    assert "make run" in first_block and "make test" in first_block


def _settings_rows() -> list[str]:
    table = README.split("## Settings file")[1].split("\n## ")[0]
    return [line for line in table.splitlines() if re.match(r"\| `[a-z_]+\.[a-z_]+` \|", line)]


def test_the_settings_table_is_the_declaration():
    """Each row of README's table is what the declaration says (fix: paste the rows shown)."""
    expected = [spec.reference_row() for spec in KEYS]
    assert _settings_rows() == expected, "README's settings rows should be:\n" + "\n".join(expected)


def test_every_command_is_documented():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    documented = set(re.findall(r"`kindtray ([a-z-]+)", README))
    assert sub.choices is not None
    assert set(sub.choices) <= documented


def test_the_documented_key_names_exist():
    table = README.split("## Settings file")[1].split("\n## ")[0]
    for key in re.findall(r"^\| `([a-z_]+\.[a-z_]+)`", table, flags=re.M):
        assert key in KEYS_BY_NAME, f"README documents an unknown key {key}"
