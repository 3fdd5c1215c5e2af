"""`kindtray stats` and `kindtray history`: gentle figures, export, and forgetting on request."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from kindtray.cli import main
from kindtray.core.clock import SystemClock
from kindtray.core.history import BreakRecord, Outcome, Practice, Trigger
from kindtray.paths import default_paths
from kindtray.storage.history import History


class Terminal(io.StringIO):
    """Stdin as if a person were typing at a terminal."""

    def isatty(self) -> bool:
        return True


def record(config_dir: Path, *breaks: tuple[timedelta, Outcome, int | None, int | None]) -> None:
    # The command reads the real clock, so the breaks are placed relative to it.
    now = datetime.now().astimezone()
    with History(default_paths(config_dir).history_file, SystemClock()) as history:
        for ago, outcome, before, after in breaks:
            started = now - ago
            history.record(
                BreakRecord(
                    started,
                    started + timedelta(seconds=60),
                    60,
                    outcome,
                    Trigger.REMINDER,
                    before,
                    after,
                    ("calm-01",),
                )
            )


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    return tmp_path / "kindtray"


@pytest.fixture
def week(config_dir: Path) -> Path:
    """Three breaks this week (moods a little lighter), one long ago, one snoozed reminder."""
    record(
        config_dir,
        (timedelta(minutes=5), Outcome.COMPLETED, 2, 3),
        (timedelta(days=2), Outcome.COMPLETED, 3, 3),
        (timedelta(days=3), Outcome.ENDED_EARLY, 2, 3),
        (timedelta(days=40), Outcome.COMPLETED, None, None),
        (timedelta(minutes=1), Outcome.SNOOZED, None, None),
    )
    return config_dir


def run(config_dir: Path, *argv: str) -> int:
    return main(["--config-dir", str(config_dir), *argv])


def test_stats_without_any_history_is_kind_and_creates_nothing(config_dir, capsys):
    assert run(config_dir, "stats") == 0
    assert capsys.readouterr().out == (
        "No breaks yet. Whenever you like, a minute for yourself is here.\n"
    )
    assert not config_dir.exists()


def test_stats_for_the_last_days_in_words(week, capsys):
    assert run(week, "stats", "--days", "7") == 0
    # Three breaks with moods are too few for an average: plain counts (issue 15).
    assert capsys.readouterr().out == (
        "In the last 7 days you took 3 minutes for yourself over 3 breaks. "
        "You noted your mood at the start and the end 3 times: "
        "lighter afterwards twice, the same once.\n"
    )


def test_stats_show_the_last_7_and_30_days_by_default(week, capsys):
    assert run(week, "stats") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("In the last 7 days you took 3 minutes for yourself over 3 breaks.")
    assert lines[1].startswith("In the last 30 days you took 3 minutes")


def test_stats_for_all_time(week, capsys):
    assert run(week, "stats", "--all") == 0
    out = capsys.readouterr().out
    assert out.startswith("Since you started, you took 4 minutes for yourself over 4 breaks.")
    assert "snooz" not in out


def test_stats_as_json(week, capsys):
    assert run(week, "stats", "--days", "7", "--json") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["days"] == 7
    assert document["breaks_taken"] == 3
    assert document["minutes_for_yourself"] == 3.0
    assert document["breaks_with_mood"] == 3
    assert document["average_mood_change"] == 0.67
    assert document["mood_lighter"] == 2 and document["mood_same"] == 1
    assert document["mood_change"] is None  # too few breaks with moods for words
    since = datetime.fromisoformat(document["since"])
    assert since.time() == time(0) and since.tzinfo is not None  # local midnight, 7 days back
    assert document["text"].startswith("In the last 7 days")


@pytest.mark.parametrize("days", ["0", "-3", "soon"])
def test_stats_with_a_bad_number_of_days_is_a_one_line_error(config_dir, capsys, days):
    with pytest.raises(SystemExit) as stopped:
        run(config_dir, "stats", "--days", days)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("kindtray stats: argument --days") and err.count("\n") == 1


def test_history_exports_csv(week, tmp_path, capsys):
    target = tmp_path / "practice.csv"
    assert run(week, "history", "--csv", str(target)) == 0
    assert capsys.readouterr().out == f"Saved 5 entries to {target}.\n"
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5
    assert sorted(row["outcome"] for row in rows) == [
        "completed",
        "completed",
        "completed",
        "ended_early",
        "snoozed",
    ]


def test_exporting_before_any_break_creates_no_history(tmp_path, capsys):
    target = tmp_path / "practice.csv"
    config = tmp_path / "config"
    assert run(config, "history", "--csv", str(target)) == 0
    assert capsys.readouterr().out == f"Saved 0 entries to {target}.\n"
    assert target.read_text(encoding="utf-8").startswith("started,")
    # No database appeared: the next start is still a first start, with the welcome.
    assert not default_paths(config).history_file.exists()


def test_history_export_failure_is_one_line_and_status_1(week, tmp_path, capsys):
    (tmp_path / "a-file").write_text("x")
    assert run(week, "history", "--csv", str(tmp_path / "a-file" / "out.csv")) == 1
    err = capsys.readouterr().err
    assert err.startswith("kindtray: could not save")
    assert err.count("\n") == 1


def test_history_needs_an_action(config_dir, capsys):
    with pytest.raises(SystemExit) as stopped:
        run(config_dir, "history")
    assert stopped.value.code == 2


def test_forget_with_yes_deletes_everything(week, capsys):
    assert run(week, "history", "--forget", "--yes") == 0
    assert "deleted" in capsys.readouterr().out
    assert run(week, "stats", "--all") == 0
    assert capsys.readouterr().out.startswith("No breaks yet.")


def test_forget_asks_first_and_no_keeps_everything(week, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
    assert run(week, "history", "--forget") == 0
    out = capsys.readouterr().out
    assert "(5 entries)" in out and "[y/N]" in out
    assert "Nothing was deleted." in out
    assert run(week, "stats", "--all") == 0
    assert "4 breaks" in capsys.readouterr().out


def test_forget_asks_first_and_yes_deletes(week, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    assert run(week, "history", "--forget") == 0
    assert run(week, "stats", "--all") == 0
    assert capsys.readouterr().out.endswith(
        "No breaks yet. Whenever you like, a minute for yourself is here.\n"
    )


def test_forget_without_a_terminal_or_yes_refuses(week, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    assert run(week, "history", "--forget") == 1
    assert "add --yes" in capsys.readouterr().err
    assert run(week, "stats", "--all") == 0
    assert "4 breaks" in capsys.readouterr().out


def test_forget_when_there_is_nothing(config_dir, capsys):
    assert run(config_dir, "history", "--forget", "--yes") == 0
    assert capsys.readouterr().out == "There is no practice history to forget.\n"


def test_a_damaged_history_is_reported_on_stderr_and_stats_still_answer(config_dir, capsys):
    history_file = default_paths(config_dir).history_file
    history_file.parent.mkdir(parents=True)
    history_file.write_bytes(b"not a database" * 100)
    assert run(config_dir, "stats", "--all") == 0
    captured = capsys.readouterr()
    assert "was kept as" in captured.err
    assert captured.out.startswith("No breaks yet.")


def test_stats_answer_without_loading_qt(week, tmp_path):
    script = (
        "import sys; from kindtray.cli import main; "
        f"code = main(['--config-dir', {str(week)!r}, 'stats']); "
        "assert not any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules), 'Qt'; "
        "sys.exit(code)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "3 breaks" in done.stdout


def test_stats_name_the_practices_once_there_is_more_than_the_minute(week, capsys):
    now = datetime.now().astimezone()
    with History(default_paths(week).history_file, SystemClock()) as history:
        history.record(
            BreakRecord(
                now - timedelta(hours=1),
                now - timedelta(hours=1) + timedelta(seconds=150),
                150,
                Outcome.GROUNDED,
                Trigger.REQUEST,
                practice=Practice.HARD_MOMENT,
                practice_seconds=140.0,
            )
        )
    assert run(week, "stats", "--days", "7") == 0
    assert capsys.readouterr().out.startswith(
        "In the last 7 days you took 5 minutes for yourself over 4 breaks "
        "(3 one-minute breaks and 1 hard moment)."
    )
    assert run(week, "stats", "--days", "7", "--json") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["practices"] == {"minute": 3, "hard-moment": 1}
