"""The log: bounded, private, never in the way, and never holding the user's words or moods."""

from __future__ import annotations

import io
import logging
import stat
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kindtray.core.break_script import BreakResult
from kindtray.core.clock import FakeClock
from kindtray.core.history import Outcome, Trigger
from kindtray.logs import BACKUPS, MAX_BYTES, setup_logging
from kindtray.paths import Paths, default_paths
from kindtray.ui.app import build_kindtray
from kindtray.ui.notify.chain import RouteChain

MONDAY_10 = datetime.fromisoformat("2026-11-30T10:00:00+00:00")
SECRET = "Zebra lanterns hum softly over the quiet harbour"


@pytest.fixture(autouse=True)
def restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_rotation_keeps_the_log_bounded_and_private(tmp_path: Path) -> None:
    paths = default_paths(tmp_path)
    assert setup_logging(paths, stream=io.StringIO()) is not None
    log = logging.getLogger("kindtray.test")
    line = "x" * 200
    for _ in range(10 * MAX_BYTES // 200):  # ten times what one file may hold
        log.info(line)
    files = sorted(paths.state_dir.glob("kindtray.log*"))
    assert [f.name for f in files] == ["kindtray.log", "kindtray.log.1", "kindtray.log.2"]
    assert all(f.stat().st_size <= MAX_BYTES for f in files)
    assert sum(f.stat().st_size for f in files) <= MAX_BYTES * (BACKUPS + 1)
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    assert stat.S_IMODE(paths.state_dir.stat().st_mode) == 0o700


def test_a_log_that_cannot_be_opened_falls_back_to_stderr(tmp_path: Path) -> None:
    paths = default_paths(tmp_path)
    paths.state_dir.parent.mkdir(parents=True, exist_ok=True)
    paths.state_dir.write_text("a file where the folder should be")
    err = io.StringIO()
    assert setup_logging(paths, stream=err) is None
    logging.getLogger("kindtray.test").info("reminder shown by window")
    lines = err.getvalue().splitlines()
    assert lines[0].startswith(f"kindtray: cannot write the log {paths.log_file}")
    assert "reminder shown by window" in lines[1]


class BrokenStream(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(28, "No space left on device")


def test_a_full_disk_costs_one_line_and_never_an_exception(tmp_path: Path) -> None:
    paths = default_paths(tmp_path)
    err = io.StringIO()
    handler = setup_logging(paths, stream=err)
    assert handler is not None
    handler.stream.close()  # type: ignore[attr-defined]
    handler.stream = BrokenStream()  # type: ignore[attr-defined]
    log = logging.getLogger("kindtray.test")
    log.info("first")
    log.info("second")
    text = err.getvalue()
    assert text.count("cannot write the log") == 1
    assert "No space left on device" in text
    assert "first" in text and "second" in text  # nothing lost, now on stderr
    assert "Traceback" not in text


def test_debug_adds_detail_and_prints_to_stderr(tmp_path: Path) -> None:
    paths = default_paths(tmp_path)
    err = io.StringIO()
    setup_logging(paths, debug=True, stream=err)
    logging.getLogger("kindtray.test").debug("detail for a bug report")
    assert "detail for a bug report" in err.getvalue()
    assert "detail for a bug report" in paths.log_file.read_text()


def test_without_debug_only_warnings_reach_stderr(tmp_path: Path) -> None:
    paths = default_paths(tmp_path)
    err = io.StringIO()
    setup_logging(paths, stream=err)
    logging.getLogger("kindtray.test").debug("detail")
    logging.getLogger("kindtray.test").info("routine")
    logging.getLogger("kindtray.test").warning("worth knowing")
    assert "worth knowing" in err.getvalue() and "routine" not in err.getvalue()
    text = paths.log_file.read_text()
    assert "routine" in text and "detail" not in text


# -- privacy ------------------------------------------------------------------------------------


class RecordingRoute:
    name = "recording"
    why = "a test route"

    def __init__(self) -> None:
        self.shown: list[str] = []

    def notify(self, title: str, body: str) -> None:
        self.shown.append(body)

    def withdraw(self) -> None:
        pass

    def probe(self) -> str | None:
        return None

    def shutdown(self) -> None:
        pass


def write_phrases(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.phrases_file.write_text(
        "[reminder]\n"
        f'my-secret = "{SECRET}"\n'
        # A phrase the library refuses (too long): its problem is logged, its words are not.
        f'my-long-secret = "{SECRET} {SECRET} and on and on"\n',
        encoding="utf-8",
    )


def test_private_words_never_reach_the_log(qapp: QApplication, tmp_path: Path) -> None:
    paths = default_paths(tmp_path)
    write_phrases(paths)
    setup_logging(paths, debug=True, stream=io.StringIO())
    clock = FakeClock(MONDAY_10)
    route = RecordingRoute()
    kindtray = build_kindtray(qapp, paths, clock, routes=RouteChain([route]))
    kindtray.start()
    try:
        for _ in range(12):  # every reminder line comes round, ours included
            kindtray.handle_command({"command": "remind"})
            kindtray.answers.snooze.emit()
            clock.advance(timedelta(minutes=11))
            kindtray.timer.check()
        kindtray.handle_command({"command": "break"})
        assert kindtray.break_window is not None
        kindtray._break_finished(
            kindtray.break_window,
            BreakResult(
                started=clock.now(),
                ended=clock.now() + timedelta(seconds=60),
                planned_seconds=60,
                outcome=Outcome.COMPLETED,
                mood_before=1,
                mood_after=5,
                phrase_ids=("my-secret",),
            ),
            Trigger.REQUEST,
        )
    finally:
        kindtray.shutdown()
        for widget in QApplication.topLevelWidgets():
            widget.close()
    for handler in logging.getLogger().handlers:
        handler.flush()

    log = paths.log_file.read_text(encoding="utf-8")
    assert "my-long-secret" in log  # the refused phrase is named by its id, not its words
    assert "reminder shown by recording" in log  # the log did record the flow
    assert SECRET in route.shown  # our phrase was really used
    for text in {*route.shown, SECRET}:
        assert text not in log
    for word in ("Zebra", "lantern", "mood", "heavy", "calm"):
        assert word.lower() not in log.lower()


@pytest.mark.parametrize(("argv", "debug"), [(["--debug"], True), ([], False)])
@pytest.mark.parametrize(
    ("command", "first"),
    [
        (["break"], {"command": "break"}),
        # `kindtray [--config-dir DIR] [--debug]`, the start at login, goes from the entry
        # point straight to the tray, without the full parser; --debug must reach it too.
        ([], None),
    ],
)
def test_debug_from_the_command_line_is_passed_to_the_app(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    argv: list[str],
    debug: bool,
    command: list[str],
    first: object,
) -> None:
    # --debug travels as an argument to run_app (and on to setup_logging), not in a global.
    import kindtray.cli
    import kindtray.ui.process
    from kindtray.cli_live import main

    seen: dict[str, object] = {}
    full_parser = kindtray.cli.main

    def fake_run_app(paths: Paths, lock: object, first: object, *, debug: bool) -> int:
        seen.update(debug=debug, first=first)
        return 0

    def parser(argv: list[str]) -> int:
        seen["full parser"] = True
        return full_parser(argv)

    monkeypatch.setattr("kindtray.start.become_primary_or_forward", lambda name, request: object())
    monkeypatch.setattr(kindtray.ui.process, "run_app", fake_run_app)
    monkeypatch.setattr(kindtray.cli, "main", parser)
    assert main(["--config-dir", str(tmp_path), *argv, *command]) == 0
    assert seen.pop("full parser", False) == bool(command)
    assert seen == {"debug": debug, "first": first}
