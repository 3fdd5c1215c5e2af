"""Reading "Your practice" and exporting from it never creates a history that is not there."""

from __future__ import annotations

from datetime import UTC, datetime

from kindtray.core.clock import FakeClock
from kindtray.session.practice import export_practice, read_practice

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def test_before_any_break_the_view_is_empty_and_no_file_appears(tmp_path):
    history = tmp_path / "history.sqlite3"
    view = read_practice(history, FakeClock(NOW))
    assert view.nothing_yet and not view.picture_is_honest
    assert [s.days for s in view.summaries] == [7, 30]
    assert not history.exists()


def test_exporting_before_any_break_writes_the_empty_table_only(tmp_path):
    history = tmp_path / "history.sqlite3"
    target = tmp_path / "out.csv"
    assert export_practice(history, FakeClock(NOW), target) == 0
    assert target.read_text(encoding="utf-8").startswith("started,ended,")
    assert not history.exists()
