"""Bringing a window forward: the activation token reaches Qt's Wayland plugin, and only then."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kindtray.ui import activation


@pytest.mark.parametrize(
    ("platform", "seen"), [("wayland", "launcher-token"), ("xcb", None), ("offscreen", None)]
)
def test_the_token_is_in_the_environment_only_while_qt_activates(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, platform: str, seen: str | None
) -> None:
    # Qt's Wayland plugin reads XDG_ACTIVATION_TOKEN in requestActivate (and unsets it).
    monkeypatch.delenv(activation.TOKEN_VARIABLE, raising=False)
    monkeypatch.setattr("kindtray.ui.activation.QGuiApplication.platformName", lambda: platform)
    monkeypatch.setattr(activation, "_x11_activate_now", lambda window_id: None)
    window = QWidget()
    qtbot.addWidget(window)
    during: list[str | None] = []
    monkeypatch.setattr(
        window, "activateWindow", lambda: during.append(os.environ.get(activation.TOKEN_VARIABLE))
    )
    activation.bring_forward(window, "launcher-token")
    assert during == [seen]
    assert activation.TOKEN_VARIABLE not in os.environ  # no stale token for a later request
