"""Both windows are built from the one declaration and share their controls.

The settings dialog shows one row per declared key, on the declared page and under the
declared label; the welcome shows exactly the keys declared for it. The day picker, the time
field and the start-at-login switch are the same widgets in both, and answer alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kindtray.core.clock import FakeClock
from kindtray.core.settings import Kind, validate_value
from kindtray.core.settings_keys import DAYS, KEYS
from kindtray.storage.settings_store import SettingsStore
from kindtray.ui.settings_dialog import SettingsDialog
from kindtray.ui.settings_pages import EXTRA_PAGES
from kindtray.ui.welcome import WelcomeWindow
from kindtray.ui.widgets import DayPicker, PreferencesPage, SwitchRow, TimeField, day_names
from tests.ui.test_settings_dialog import Env
from tests.ui.test_welcome import MONDAY_10, FakeAutostart


class NoAutostart(FakeAutostart):
    supported = False


def make_dialog(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SettingsDialog:
    return Env(tmp_path, monkeypatch).dialog(qtbot)


def make_welcome(
    qtbot: Any, tmp_path: Path, autostart: FakeAutostart | None = None
) -> WelcomeWindow:
    store = SettingsStore(tmp_path / "welcome" / "settings.toml", FakeClock(MONDAY_10))
    store.load()
    window = WelcomeWindow(store, autostart or FakeAutostart(), lambda: None, theme="light")
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture(params=["settings", "welcome"])
def window(
    request: pytest.FixtureRequest, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> QWidget:
    if request.param == "settings":
        return make_dialog(qtbot, tmp_path, monkeypatch)
    return make_welcome(qtbot, tmp_path)


def row_titles(page: PreferencesPage) -> list[tuple[str, str]]:
    """Each group's heading with each of its rows' titles, top to bottom."""
    return [(group.heading.text(), row.title.text()) for group in page.groups for row in group.rows]


# -- one row per declared setting ------------------------------------------------------------


def test_the_dialog_has_one_row_per_declared_setting_on_its_page(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = make_dialog(qtbot, tmp_path, monkeypatch)
    pages = dialog._tabs
    assert set(dialog._fields) == {spec.key for spec in KEYS}
    written_by_hand = {extra.title for extra in EXTRA_PAGES}
    for index in range(pages.count()):
        if pages.title(index) in written_by_hand:
            continue
        page = pages.widget(index)
        assert isinstance(page, PreferencesPage)
        declared = [s for s in KEYS if s.page.value.replace("&", "") == pages.title(index)]
        assert declared, f"page {pages.title(index)} declares nothing"
        # One group per declared group, in the order of its first key; keys that share a
        # label share a row; groups written by hand (buttons) come after them.
        groups = list(dict.fromkeys(s.group for s in declared))
        expected = [
            (group, label)
            for group in groups
            for label in dict.fromkeys(s.label for s in declared if s.group == group)
        ]
        assert row_titles(page)[: len(expected)] == expected
        for spec in declared:
            field = dialog._fields[spec.key]
            assert page.isAncestorOf(field.focus), spec.key
            assert field.label is not None and field.label.text() == spec.label


def test_the_welcome_has_exactly_the_settings_declared_for_it(qtbot: Any, tmp_path: Path) -> None:
    window = make_welcome(qtbot, tmp_path)
    assert set(window.raw_values()) == {s.key for s in KEYS if s.welcome is not None}
    texts = {w.text() for w in window.findChildren(QLabel)}
    texts |= {w.text() for w in window.findChildren(SwitchRow)}
    for spec in KEYS:
        if spec.welcome is not None:
            assert spec.welcome in texts, spec.key


def test_the_welcome_spin_box_takes_its_bounds_from_the_declaration(
    qtbot: Any, tmp_path: Path
) -> None:
    window = make_welcome(qtbot, tmp_path)
    [spec] = [s for s in KEYS if s.welcome is not None and s.kind is Kind.NUMBER]
    assert (window.interval.minimum(), window.interval.maximum()) == (spec.low, spec.high)


# -- the same widgets, answering alike, in both windows ----------------------------------------


def test_one_day_picker_with_the_same_day_names(window: QWidget, qtbot: Any) -> None:
    [picker] = window.findChildren(DayPicker)
    assert [b.text() for b in picker.buttons.values()] == [day_names(d)[0] for d in DAYS]
    assert [b.accessibleName() for b in picker.buttons.values()] == [day_names(d)[1] for d in DAYS]
    assert picker.value() == ["mon", "tue", "wed", "thu", "fri"]
    qtbot.mouseClick(picker.buttons["fri"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(picker.buttons["sun"], Qt.MouseButton.LeftButton)
    assert picker.value() == ["mon", "tue", "wed", "thu", "sun"]
    picker.set_value(["sat"])
    assert [d for d, b in picker.buttons.items() if b.isChecked()] == ["sat"]


def test_one_time_field_judged_by_the_core(qtbot: Any, tmp_path: Path) -> None:
    # The welcome types its times; the settings dialog picks them (test_settings_dialog).
    window = make_welcome(qtbot, tmp_path)
    fields = {f.objectName(): f for f in window.findChildren(TimeField)}
    assert {"active_start", "active_end"} <= set(fields)
    end = fields["active_end"]
    assert (end.text(), end.placeholderText(), end.maxLength()) == ("18:00", "HH:MM", 8)
    end.selectAll()
    qtbot.keyClicks(end, " 25:00 ")
    assert end.raw() == "25:00"
    message = validate_value("reminders.active_end", "25:00")
    assert message is not None
    # Each window words it in its own place, but the words are the core's.
    shown = [
        label.text().replace("\n", " ")
        for label in window.findChildren(QLabel)
        if label.isVisible()
    ]
    assert any(message in text for text in shown), shown


def test_one_reason_for_start_at_login_being_off_limits(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = Env(tmp_path, monkeypatch)
    env.autostart = NoAutostart()  # type: ignore[assignment]
    dialog = env.dialog(qtbot)
    welcome = make_welcome(qtbot, tmp_path, NoAutostart())
    tips = []
    for window in (dialog, welcome):
        # A check box with words in the welcome, a switch on a row in the settings.
        switch = window.findChild(QAbstractButton, "start_at_login")
        assert isinstance(switch, QAbstractButton)
        assert not switch.isEnabled()
        assert not switch.isChecked()
        tips.append((switch.toolTip(), switch.accessibleDescription()))
    assert tips[0] == tips[1] and tips[0][0] != ""
