"""``kindtray sos``: A hard moment from a terminal or a keyboard shortcut, starting kindtray."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kindtray.cli import build_parser, main
from tests.test_cli_live import FakeInstance, instance

__all__ = ["instance"]  # a fixture, used by name


def test_sos_is_sent_to_the_running_kindtray_with_the_shortcuts_token(
    tmp_path: Path,
    instance: FakeInstance,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    instance.reply = {"exit": 0, "message": "Opening A hard moment"}
    monkeypatch.setenv("XDG_ACTIVATION_TOKEN", "shortcut-token")
    assert main(["--config-dir", str(tmp_path), "sos"]) == 0
    assert instance.requests == [{"command": "sos", "activation_token": "shortcut-token"}]
    assert capsys.readouterr().out == "Opening A hard moment\n"


def test_sos_starts_kindtray_when_none_runs_and_opens_a_hard_moment_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kindtray.ui.process

    started: list[Any] = []

    def run_app(paths: object, lock: object, first: object, *, debug: bool) -> int:
        started.append(first)
        lock.release()  # type: ignore[attr-defined]
        return 0

    monkeypatch.delenv("XDG_ACTIVATION_TOKEN", raising=False)
    monkeypatch.setattr(kindtray.ui.process, "run_app", run_app)
    assert main(["--config-dir", str(tmp_path), "sos"]) == 0
    assert started == [{"command": "sos"}]


def test_sos_is_in_the_help() -> None:
    assert "sos" in build_parser().format_help()
