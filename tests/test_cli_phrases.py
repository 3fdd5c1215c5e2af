"""`kindtray phrases`: a quick check of the user's phrases file from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindtray.cli import main


def test_phrases_command_counts_groups_and_succeeds_without_a_user_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config-dir", str(tmp_path), "phrases"]) == 0
    out = capsys.readouterr()
    assert "(not there yet)" in out.out
    assert any(line.split()[:1] == ["sleep"] for line in out.out.splitlines())
    assert "Skipped" not in out.out


def test_phrases_command_reports_a_bad_entry_and_counts_the_good_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user = tmp_path / "phrases.toml"
    user.write_text('[warmth]\nmine = "Hello, me."\nbad = 3\n')
    assert main(["--config-dir", str(tmp_path), "phrases"]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines()[-1] == (
        f"{user}, line 3: [warmth] bad: 3 is not text; put the words in quotes. Skipped"
    )
    assert "(1 of them yours)" in next(line for line in out.out.splitlines() if "warmth" in line)
