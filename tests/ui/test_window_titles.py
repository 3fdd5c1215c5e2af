"""Each window's title is its own: Qt appends no " — kindtray" to it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kindtray.ui.process import create_application


def test_the_application_sets_no_display_name_for_qt_to_append(qtbot: QtBot) -> None:
    # Qt's X11 and Wayland windows append the display name to every title that does not end
    # with it, once one is set ("A minute for you — kindtray"). Unset, it follows the name.
    app = create_application([])
    assert app.applicationName() == "kindtray"
    try:
        app.setApplicationName("kindtray-probe")
        assert app.applicationDisplayName() == "kindtray-probe"
    finally:
        app.setApplicationName("kindtray")
