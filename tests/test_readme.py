"""README promises: its first commands and its reference tables stay true."""

import re
from pathlib import Path

from kindtray.cli import build_parser
from kindtray.core.settings import DEFAULTS, KEYS, KEYS_BY_NAME

README = (Path(__file__).parent.parent / "README.md").read_text()


def test_readme_starts_with_the_run_and_test_commands():
    first_block = README.split("```")[1]
    assert "make run" in first_block and "make test" in first_block


def test_every_settings_key_is_documented_with_its_default():
    table = README.split("## Settings file")[1].split("\n## ")[0]
    for spec in KEYS:
        row = next((line for line in table.splitlines() if f"`{spec.key}`" in line), None)
        assert row is not None, f"{spec.key} is missing from the README"
        default = spec.dump(DEFAULTS[spec.key])
        if isinstance(default, bool):
            assert f"`{str(default).lower()}`" in row
        elif isinstance(default, int):
            assert f"`{default}`" in row
        elif isinstance(default, str):
            assert f'`"{default}"`' in row


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
