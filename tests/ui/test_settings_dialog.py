"""The settings dialog, driven like a user would: typing, clicking, pressing keys."""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAccessible, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from kindtray.core.clock import FakeClock
from kindtray.core.settings import Settings, validate_value
from kindtray.core.state import State
from kindtray.paths import Paths, default_paths
from kindtray.storage.phrase_store import load_library
from kindtray.storage.settings_store import SettingsStore
from kindtray.system.autostart import XdgAutostart, launch_command, xdg_config_home
from kindtray.ui.settings_dialog import (
    PHRASES_EXAMPLE,
    SettingsDialog,
    describe_upcoming,
    show_settings_dialog,
)
from kindtray.ui.settings_pages import SOUND_MISSING
from kindtray.ui.theme import colors_for, on_accent, tints_for
from kindtray.ui.widgets import PreferencesPage
from tests.system.test_autostart import desktop_file_validate

# Monday 30 November 2026, 10:20 UTC: inside the default active hours.
START = datetime(2026, 11, 30, 10, 20, tzinfo=UTC)


class Env:
    """Everything a dialog needs, on temporary folders, plus what it opened."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
        self.clock = FakeClock(START)
        self.paths: Paths = default_paths(tmp_path / "cfg")
        self.autostart = XdgAutostart(xdg_config_home(), launch_command())
        self.opened: list[QUrl] = []
        self.state = State(seed=42)

    @property
    def file(self) -> Path:
        return self.paths.settings_file

    def document(self) -> dict[str, Any]:
        return tomllib.loads(self.file.read_text(encoding="utf-8"))

    def open_url(self, url: QUrl) -> bool:
        self.opened.append(url)
        return True

    def dialog(self, qtbot: Any, *, has_sound: bool = True) -> SettingsDialog:
        dialog = SettingsDialog(
            SettingsStore(self.file, self.clock),
            self.paths,
            self.clock,
            lambda: self.state,
            self.autostart,
            open_url=self.open_url,
            has_sound=has_sound,
        )
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Env:
    return Env(tmp_path, monkeypatch)


# -- helpers that act like a user --------------------------------------------------------


def find(dialog: QWidget, kind: type, name: str) -> Any:
    widget = dialog.findChild(kind, name)
    assert widget is not None, f"no {kind.__name__} named {name}"
    return widget


def go_to_tab(qtbot: Any, dialog: SettingsDialog, title: str) -> None:
    """Click the page ``title`` in the list of pages."""
    pages = dialog._tabs
    for index in range(pages.count()):
        if pages.title(index) == title:
            item = pages.nav.item(index)
            pos = pages.nav.visualItemRect(item).center()
            qtbot.mouseClick(pages.nav.viewport(), Qt.MouseButton.LeftButton, pos=pos)
            assert pages.currentIndex() == index
            return
    raise AssertionError(title)


def type_into(qtbot: Any, widget: QSpinBox | QLineEdit, text: str) -> None:
    """Select everything in the field and type ``text`` over it."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def pick_time(qtbot: Any, picker: QTimeEdit, text: str) -> None:
    """Click into the hours of a time picker and type the time, as "08:30"."""
    picker.setFocus()
    picker.setSelectedSection(QDateTimeEdit.Section.HourSection)
    qtbot.keyClicks(picker, text)


def press_space(qtbot: Any, button: QWidget) -> None:
    qtbot.keyClick(button, Qt.Key.Key_Space)


def button(dialog: SettingsDialog, which: QDialogButtonBox.StandardButton) -> QPushButton:
    kind = QDialogButtonBox.StandardButton
    return {
        kind.Ok: dialog._ok,
        kind.Cancel: dialog._cancel,
        kind.Apply: dialog._apply,
        kind.RestoreDefaults: dialog._defaults,
    }[which]


def click_ok(qtbot: Any, dialog: SettingsDialog) -> None:
    qtbot.mouseClick(button(dialog, QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def click_apply(qtbot: Any, dialog: SettingsDialog) -> None:
    qtbot.mouseClick(
        button(dialog, QDialogButtonBox.StandardButton.Apply), Qt.MouseButton.LeftButton
    )


def choose(qtbot: Any, combo: QComboBox, steps: int) -> None:
    """Move the combo box selection down by ``steps`` with the arrow key."""
    combo.setFocus()
    for _ in range(steps):
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def words(text: str) -> str:
    """The text with its line breaks undone."""
    return " ".join(text.split())


def preview(dialog: SettingsDialog) -> str:
    return str(find(dialog, QLabel, "preview").text())


# -- each page changes the file exactly as expected -----------------------------------------


def test_reminders_page_writes_exactly_what_the_user_chose(qtbot, env):
    dialog = env.dialog(qtbot)
    type_into(qtbot, find(dialog, QSpinBox, "interval_minutes"), "45")
    type_into(qtbot, find(dialog, QSpinBox, "randomness_percent"), "20")
    qtbot.mouseClick(find(dialog, QPushButton, "day_mon"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(dialog, QPushButton, "day_sat"), Qt.MouseButton.LeftButton)
    pick_time(qtbot, find(dialog, QTimeEdit, "active_start"), "08:30")
    pick_time(qtbot, find(dialog, QTimeEdit, "active_end"), "17:00")
    type_into(qtbot, find(dialog, QSpinBox, "snooze_minutes"), "15")

    with qtbot.waitSignal(dialog.applied) as applied:
        click_ok(qtbot, dialog)

    assert not dialog.isVisible()
    assert env.document()["reminders"] == {
        "interval_minutes": 45,
        "randomness_percent": 20,
        "active_days": ["tue", "wed", "thu", "fri", "sat"],
        "active_start": "08:30",
        "active_end": "17:00",
        "snooze_minutes": 15,
    }
    assert applied.args[0].reminders.interval_minutes == 45
    # Nothing else changed.
    saved = SettingsStore(env.file, env.clock).load().settings
    assert saved.break_ == Settings().break_
    assert saved.phrases == Settings().phrases


def test_break_page_writes_exactly_what_the_user_chose(qtbot, env):
    dialog = env.dialog(qtbot)
    go_to_tab(qtbot, dialog, "The break")
    type_into(qtbot, find(dialog, QSpinBox, "length_seconds"), "120")
    type_into(qtbot, find(dialog, QSpinBox, "breaths_per_minute"), "5")
    mood = dialog._fields["break.mood_check_in"].focus
    press_space(qtbot, mood)
    choose(qtbot, find(dialog, QComboBox, "reduced_motion"), 1)  # system -> on
    choose(qtbot, find(dialog, QComboBox, "theme"), 2)  # system -> dark
    press_space(qtbot, dialog._fields["break.sound"].focus)
    type_into(qtbot, find(dialog, QSpinBox, "volume_percent"), "40")

    with qtbot.waitSignal(dialog.applied):
        click_apply(qtbot, dialog)

    assert dialog.isVisible()  # Apply keeps the dialog open
    assert env.document()["break"] == {
        "length_seconds": 120,
        "breaths_per_minute": 5,
        "mood_check_in": False,
        "reduced_motion": "on",
        "theme": "dark",
        "sound": True,
        "volume_percent": 40,
    }
    assert not button(dialog, QDialogButtonBox.StandardButton.Apply).isEnabled()


def test_quiet_times_page_is_one_group_of_switches_and_the_away_time(qtbot, env):
    dialog = env.dialog(qtbot)
    go_to_tab(qtbot, dialog, "Quiet times")
    switches = [key for key in dialog._fields if key.startswith("waiting.when_")]
    page = dialog._tabs.widget(dialog._tabs.currentIndex())
    [group] = [g for g in page.groups if g.heading.text() == "Don't interrupt me when"]
    assert [dialog._fields[key].row for key in switches] == group.rows  # one row each
    assert len(switches) == 5
    assert not dialog._fields["waiting.when_mic_or_camera"].read()  # off unless asked for
    press_space(qtbot, dialog._fields["waiting.when_fullscreen"].focus)
    press_space(qtbot, dialog._fields["waiting.when_mic_or_camera"].focus)
    type_into(qtbot, find(dialog, QSpinBox, "away_after_minutes"), "15")

    with qtbot.waitSignal(dialog.applied):
        click_apply(qtbot, dialog)

    assert env.document()["waiting"] == {
        "when_screen_locked": True,
        "when_fullscreen": False,
        "when_do_not_disturb": True,
        "when_screen_shared": True,
        "when_mic_or_camera": True,
        "away_after_minutes": 15,
    }


def test_phrases_page_writes_needs_and_wind_down(qtbot, env):
    dialog = env.dialog(qtbot)
    go_to_tab(qtbot, dialog, "Phrases")
    # From the default (calm, warmth, stress), three more are turned on.
    for need in ("mistakes", "body", "self-image"):
        press_space(qtbot, find(dialog, QPushButton, f"need_{need}"))
    press_space(qtbot, find(dialog, QCheckBox, "wind_down_on"))
    wind = find(dialog, QTimeEdit, "wind_down")
    assert wind.isEnabled()
    pick_time(qtbot, wind, "22:15")
    click_apply(qtbot, dialog)

    assert env.document()["phrases"] == {
        "needs": ["calm", "warmth", "mistakes", "stress", "self-image", "body"],
        "wind_down": "22:15",
    }

    # Turning the evening off writes the "off" value.
    press_space(qtbot, find(dialog, QCheckBox, "wind_down_on"))
    assert not wind.isEnabled()
    click_apply(qtbot, dialog)
    assert env.document()["phrases"]["wind_down"] == ""


def test_start_at_login_writes_a_valid_entry_and_removes_it(qtbot, env):
    entry = xdg_config_home() / "autostart" / "kindtray.desktop"
    dialog = env.dialog(qtbot)
    go_to_tab(qtbot, dialog, "System")
    login = find(dialog, QCheckBox, "start_at_login")
    assert not login.isChecked()

    press_space(qtbot, login)
    click_apply(qtbot, dialog)
    assert entry.is_file()
    assert env.document()["system"]["start_at_login"] is True
    desktop_file_validate(entry)

    press_space(qtbot, login)
    click_apply(qtbot, dialog)
    assert not entry.exists()
    assert env.document()["system"]["start_at_login"] is False


def test_checkbox_shows_the_real_entry_and_the_setting_follows_it(qtbot, env):
    # The file says yes, but the user deleted the entry by hand: the dialog says no,
    # and saving brings the file in line.
    env.file.parent.mkdir(parents=True)
    env.file.write_text("[system]\nstart_at_login = true\n")
    dialog = env.dialog(qtbot)
    assert not find(dialog, QCheckBox, "start_at_login").isChecked()
    click_ok(qtbot, dialog)
    assert env.document()["system"]["start_at_login"] is False

    env.autostart.enable()
    again = env.dialog(qtbot)
    assert find(again, QCheckBox, "start_at_login").isChecked()


# -- validation comes from the core -----------------------------------------------------------


def test_invalid_number_disables_ok_and_shows_the_cores_message(qtbot, env):
    dialog = env.dialog(qtbot)
    ok = button(dialog, QDialogButtonBox.StandardButton.Ok)
    apply = button(dialog, QDialogButtonBox.StandardButton.Apply)
    error = dialog._fields["reminders.interval_minutes"].error
    assert ok.isEnabled()
    assert error.isHidden()

    type_into(qtbot, find(dialog, QSpinBox, "interval_minutes"), "5")
    assert not ok.isEnabled()
    assert not apply.isEnabled()
    assert not error.isHidden()
    assert words(error.text()) == validate_value("reminders.interval_minutes", 5)
    assert "from 10 to 480" in error.text()

    type_into(qtbot, find(dialog, QSpinBox, "interval_minutes"), "50")
    assert ok.isEnabled()
    assert apply.isEnabled()
    assert error.isHidden()


def test_invalid_value_disables_ok_and_nothing_is_saved(qtbot, env):
    dialog = env.dialog(qtbot)
    type_into(qtbot, find(dialog, QSpinBox, "snooze_minutes"), "500")
    error = dialog._fields["reminders.snooze_minutes"].error
    assert words(error.text()) == validate_value("reminders.snooze_minutes", 500)
    assert not button(dialog, QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert preview(dialog) == (
        "Next reminders: shown again once the marked rows on Reminders are fixed."
    )
    # Enter (the default button) must not save an invalid dialog either.
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert not env.file.exists()


def test_times_are_picked_never_typed_in_a_format(qtbot, env):
    dialog = env.dialog(qtbot)
    end = find(dialog, QTimeEdit, "active_end")
    pick_time(qtbot, end, "25")  # no 25th hour: the picker keeps a real time
    raw = dialog._fields["reminders.active_end"].read()
    assert validate_value("reminders.active_end", raw) is None
    assert button(dialog, QDialogButtonBox.StandardButton.Ok).isEnabled()
    # No "HH:MM" anywhere a person reads or hears.
    for widget in dialog.findChildren(QWidget):
        texts = [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        assert not any("HH:MM" in text for text in texts), (widget, texts)


def test_wind_down_time_turns_on_and_off_with_its_switch(qtbot, env):
    dialog = env.dialog(qtbot)
    go_to_tab(qtbot, dialog, "Phrases")
    wind = find(dialog, QTimeEdit, "wind_down")
    assert not wind.isEnabled()
    press_space(qtbot, find(dialog, QCheckBox, "wind_down_on"))
    assert wind.isEnabled()
    assert dialog._fields["phrases.wind_down"].read() == "21:30"  # offered, ready to change


# -- the live preview -------------------------------------------------------------------------


def test_preview_follows_the_interval_before_saving(qtbot, env):
    dialog = env.dialog(qtbot)
    before = preview(dialog)
    assert before.startswith("Next reminders: today ")
    type_into(qtbot, find(dialog, QSpinBox, "randomness_percent"), "0")
    type_into(qtbot, find(dialog, QSpinBox, "interval_minutes"), "30")
    # Anchored at 10:20 with no randomness: every half hour from there.
    assert preview(dialog) == "Next reminders: today 10:50, 11:20, 11:50 …"
    type_into(qtbot, find(dialog, QSpinBox, "interval_minutes"), "60")
    assert preview(dialog) == "Next reminders: today 11:20, 12:20, 13:20 …"
    assert not env.file.exists()


def test_preview_follows_active_hours(qtbot, env):
    dialog = env.dialog(qtbot)
    type_into(qtbot, find(dialog, QSpinBox, "randomness_percent"), "0")
    type_into(qtbot, find(dialog, QSpinBox, "interval_minutes"), "60")
    pick_time(qtbot, find(dialog, QTimeEdit, "active_end"), "12:00")
    text = preview(dialog)
    assert text.startswith("Next reminders: today 11:20, tomorrow ")
    pick_time(qtbot, find(dialog, QTimeEdit, "active_start"), "14:00")
    pick_time(qtbot, find(dialog, QTimeEdit, "active_end"), "20:00")
    assert preview(dialog).startswith("Next reminders: today 15:00, 16:00")


def test_preview_says_so_when_no_day_is_active(qtbot, env):
    dialog = env.dialog(qtbot)
    for day in ("mon", "tue", "wed", "thu", "fri"):
        qtbot.mouseClick(find(dialog, QPushButton, f"day_{day}"), Qt.MouseButton.LeftButton)
    assert "No reminders" in preview(dialog)


def test_describe_upcoming_names_each_day_once():
    now = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    times = [
        now + timedelta(hours=1, minutes=4),
        now + timedelta(hours=2, minutes=37),
        now + timedelta(days=1, minutes=5),
        now + timedelta(days=3),
        now + timedelta(days=9),
    ]
    assert describe_upcoming(times[:2], now, more=True) == ("Next reminders: today 11:04, 12:37 …")
    assert describe_upcoming(times[2:], now, more=False) == (
        "Next reminders: tomorrow 10:05, Thu 10:00, Wed 09 Dec 10:00"
    )


# -- Cancel, restore defaults, unknown keys, failures -----------------------------------------


HAND_WRITTEN = """\
# my notes about kindtray
schema = 1

[reminders]
interval_minutes = 60   # hourly
colour = "green"

[plugins]
thing = true
"""


def test_cancel_leaves_the_file_byte_identical(qtbot, env):
    env.file.parent.mkdir(parents=True)
    env.file.write_text(HAND_WRITTEN)
    before = env.file.read_bytes()
    dialog = env.dialog(qtbot)
    type_into(qtbot, find(dialog, QSpinBox, "interval_minutes"), "200")
    go_to_tab(qtbot, dialog, "System")
    press_space(qtbot, find(dialog, QCheckBox, "start_at_login"))
    qtbot.mouseClick(
        button(dialog, QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    assert not dialog.isVisible()
    assert env.file.read_bytes() == before
    assert not env.autostart.is_enabled()


def test_escape_is_cancel(qtbot, env):
    env.file.parent.mkdir(parents=True)
    env.file.write_text(HAND_WRITTEN)
    before = env.file.read_bytes()
    dialog = env.dialog(qtbot)
    type_into(qtbot, find(dialog, QSpinBox, "interval_minutes"), "200")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert env.file.read_bytes() == before


def test_unknown_keys_survive_a_save_from_the_dialog(qtbot, env):
    env.file.parent.mkdir(parents=True)
    env.file.write_text(HAND_WRITTEN)
    dialog = env.dialog(qtbot)
    type_into(qtbot, find(dialog, QSpinBox, "interval_minutes"), "75")
    click_ok(qtbot, dialog)
    document = env.document()
    assert document["reminders"]["interval_minutes"] == 75
    assert document["reminders"]["colour"] == "green"
    assert document["plugins"] == {"thing": True}


def answer_restore(qtbot: Any, dialog: SettingsDialog, restore: bool) -> None:
    qtbot.mouseClick(
        button(dialog, QDialogButtonBox.StandardButton.RestoreDefaults), Qt.MouseButton.LeftButton
    )
    shown = [b for b in dialog.findChildren(QMessageBox, "confirmRestore") if b.isVisible()]
    assert len(shown) == 1, "restoring defaults must ask first"
    box = shown[0]
    if restore:
        chosen = next(b for b in box.buttons() if b.text().replace("&", "") == "Restore defaults")
    else:
        chosen = next(b for b in box.buttons() if b.text() == "Cancel")
    assert all(b.icon().isNull() for b in box.buttons())
    qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible())


def test_restore_defaults_asks_first_and_saves_every_default(qtbot, env):
    env.file.parent.mkdir(parents=True)
    env.file.write_text(
        HAND_WRITTEN.replace("[plugins]", '[break]\ntheme = "dark"\nlength_seconds = 9\n[plugins]')
    )
    dialog = env.dialog(qtbot)

    answer_restore(qtbot, dialog, restore=False)
    assert find(dialog, QSpinBox, "interval_minutes").value() == 60

    answer_restore(qtbot, dialog, restore=True)
    assert find(dialog, QSpinBox, "interval_minutes").value() == 90
    assert env.document()["break"]["theme"] == "dark"  # nothing saved before OK
    click_ok(qtbot, dialog)

    document = env.document()
    # Every key written with its default, even the one the user had written wrongly.
    assert document["reminders"]["interval_minutes"] == 90
    assert document["break"]["length_seconds"] == 60
    assert document["break"]["theme"] == "system"
    assert document["phrases"]["wind_down"] == ""
    assert SettingsStore(env.file, env.clock).load().settings == Settings()
    # What is not ours stays.
    assert document["plugins"] == {"thing": True}
    assert document["reminders"]["colour"] == "green"


def test_a_failed_save_is_explained_and_nothing_is_lost(qtbot, env):
    dialog = env.dialog(qtbot)
    type_into(qtbot, find(dialog, QSpinBox, "interval_minutes"), "120")
    # The settings folder's place is taken by a file: the save cannot succeed.
    env.paths.config_dir.parent.mkdir(parents=True, exist_ok=True)
    env.paths.config_dir.write_text("not a folder")
    with qtbot.assertNotEmitted(dialog.applied):
        click_ok(qtbot, dialog)
    assert dialog.isVisible()
    status = find(dialog, QLabel, "status")
    assert not status.isHidden()
    assert "not saved" in status.text()
    assert str(env.file) in status.text()
    assert find(dialog, QSpinBox, "interval_minutes").value() == 120

    env.paths.config_dir.unlink()
    click_ok(qtbot, dialog)
    assert env.document()["reminders"]["interval_minutes"] == 120


# -- the rest of each page --------------------------------------------------------------------


def test_sound_is_greyed_out_with_a_reason_without_qt_multimedia(qtbot, env):
    dialog = env.dialog(qtbot, has_sound=False)
    go_to_tab(qtbot, dialog, "The break")
    sound = dialog._fields["break.sound"].focus
    assert not sound.isEnabled()
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    assert SOUND_MISSING in [words(t) for t in texts]


def test_open_my_phrases_file_creates_a_commented_example(qtbot, env):
    dialog = env.dialog(qtbot)
    go_to_tab(qtbot, dialog, "Phrases")
    qtbot.mouseClick(find(dialog, QPushButton, "open_phrases"), Qt.MouseButton.LeftButton)
    path = env.paths.phrases_file
    assert path.read_text() == PHRASES_EXAMPLE
    assert env.opened == [QUrl.fromLocalFile(str(path))]
    assert tomllib.loads(path.read_text()) == {}  # only comments: changes nothing until edited

    # The example, once uncommented as the file says, is read without a single problem.
    lines = path.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if "To use the example" in line)
    path.write_text("\n".join(line.removeprefix("# ") for line in lines[start + 1 :]) + "\n")
    library, problems = load_library(path)
    assert problems == []
    assert "user:my-own-words" in {p.id for p in library.group("warmth")}

    # An existing file is opened as it is, never overwritten.
    path.write_text('[calm]\nmine = "My own calm words."\n')
    qtbot.mouseClick(find(dialog, QPushButton, "open_phrases"), Qt.MouseButton.LeftButton)
    assert "mine" in path.read_text()


def test_no_program_for_the_phrases_file_is_said_inline_with_ways_on(qtbot, env):
    # The desktop has no handler for the file: the person sees where it is, can copy the
    # path and can open its folder instead, right under the button they pressed.
    env.open_url = lambda url: env.opened.append(url) or url.toLocalFile().endswith("kindtray")
    dialog = env.dialog(qtbot)
    go_to_tab(qtbot, dialog, "Phrases")
    size = dialog.size()
    notice = find(dialog, QWidget, "phrasesNotice")
    assert notice.isHidden()
    qtbot.mouseClick(find(dialog, QPushButton, "open_phrases"), Qt.MouseButton.LeftButton)
    path = env.paths.phrases_file
    assert notice.isVisible()
    shown = " ".join(label.text() for label in notice.findChildren(QLabel))
    assert str(path) in shown and "No program opened" in shown
    assert dialog.size() == size  # the message does not grow the window

    qtbot.mouseClick(find(dialog, QPushButton, "copy_phrases_path"), Qt.MouseButton.LeftButton)
    clipboard = QApplication.clipboard()
    assert clipboard is not None and clipboard.text() == str(path)
    assert "copied" in " ".join(label.text() for label in notice.findChildren(QLabel))

    qtbot.mouseClick(find(dialog, QPushButton, "open_phrases_folder"), Qt.MouseButton.LeftButton)
    assert env.opened[-1] == QUrl.fromLocalFile(str(path.parent))


def test_folder_buttons_open_the_folders(qtbot, env):
    dialog = env.dialog(qtbot)
    go_to_tab(qtbot, dialog, "System")
    for name, folder in (
        ("open_config", env.paths.config_dir),
        ("open_data", env.paths.data_dir),
        ("open_state", env.paths.state_dir),
    ):
        qtbot.mouseClick(find(dialog, QPushButton, name), Qt.MouseButton.LeftButton)
        assert env.opened[-1] == QUrl.fromLocalFile(str(folder))
        assert folder.is_dir()


def test_only_one_dialog_at_a_time(qtbot, env):
    args = (
        SettingsStore(env.file, env.clock),
        env.paths,
        env.clock,
        lambda: env.state,
        env.autostart,
    )
    first = show_settings_dialog(lambda: SettingsDialog(*args))
    qtbot.addWidget(first)
    assert first.isVisible()
    assert show_settings_dialog(lambda: SettingsDialog(*args)) is first
    first.close()
    qtbot.waitUntil(lambda: not first.isVisible())
    second = show_settings_dialog(lambda: SettingsDialog(*args))
    qtbot.addWidget(second)
    assert second is not first
    second.close()


# -- keyboard and screen readers --------------------------------------------------------------


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else None


def test_every_field_is_named_and_reachable_by_a_mnemonic_or_tab(qtbot, env):
    dialog = env.dialog(qtbot)
    for key, field in dialog._fields.items():
        assert field.focus.accessibleName(), key
        # A group of buttons passes the focus on to its first one.
        takes = getattr(field.focus, "first_button", None) or field.focus
        assert takes.focusPolicy() & Qt.FocusPolicy.TabFocus, key
        if field.label is not None:
            assert field.label.buddy() is not None, key


def accessible_tree(root: QWidget) -> list[Any]:
    """Every accessible object under ``root``, as Qt hands them to AT-SPI."""
    found = []
    todo = [QAccessible.queryAccessibleInterface(root)]
    while todo:
        node = todo.pop()
        if node is None or not node.isValid():
            continue
        found.append(node)
        todo.extend(node.child(i) for i in range(node.childCount()))
    return found


CONTROL_ROLES = {
    QAccessible.Role.Button,
    QAccessible.Role.CheckBox,
    QAccessible.Role.SpinBox,
    QAccessible.Role.ComboBox,
    QAccessible.Role.EditableText,
    QAccessible.Role.List,
    QAccessible.Role.ListItem,
}


def test_every_control_has_a_name_for_screen_readers(qtbot, env):
    dialog = env.dialog(qtbot)
    for index in range(dialog._tabs.count()):
        dialog._tabs.setCurrentIndex(index)
        QApplication.processEvents()
        controls = [n for n in accessible_tree(dialog) if n.role() in CONTROL_ROLES]
        assert len(controls) > 8
        for node in controls:
            if isinstance(node.object(), QLineEdit) and isinstance(
                node.object().parent(), QSpinBox | QTimeEdit
            ):
                continue  # a spin box's own text field: the spin box carries the name
            name = node.text(QAccessible.Text.Name)
            assert name.strip(), (dialog._tabs.title(index), node.role(), node.object())


def test_tab_goes_from_the_page_list_into_the_page_and_on_to_the_buttons(qtbot, env):
    dialog = env.dialog(qtbot)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog._tabs.nav
    qtbot.keyClick(dialog._tabs.nav, Qt.Key.Key_Down)
    assert dialog._tabs.currentIndex() == 1  # arrows pick a page
    qtbot.keyClick(dialog._tabs.nav, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog._fields["waiting.when_screen_locked"].focus
    seen = []
    for _ in range(30):
        focused = QApplication.focusWidget()
        seen.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert dialog._ok in seen and dialog._cancel in seen
    assert all(w is None or w.isVisible() for w in seen)  # never into a hidden page


def test_mnemonics_do_not_clash_on_any_page(qtbot, env):
    dialog = env.dialog(qtbot)
    pages = dialog._tabs
    shared = [mnemonic(b.text()) for b in dialog._buttons.buttons()]
    for index in range(pages.count()):
        page = pages.widget(index)
        keys = [mnemonic(w.text()) for w in page.findChildren(QLabel)]
        keys += [mnemonic(w.text()) for w in page.findChildren(QAbstractButton)]
        used = [k for k in shared + keys if k]
        assert len(used) == len(set(used)), (pages.title(index), sorted(used))


def test_tab_order_follows_the_page_from_top_to_bottom(qtbot, env):
    dialog = env.dialog(qtbot)
    order = [
        dialog._fields[key].focus
        for key in (
            "reminders.interval_minutes",
            "reminders.randomness_percent",
            "reminders.snooze_minutes",
            "reminders.active_days",
            "reminders.active_start",
            "reminders.active_end",
        )
    ]
    chain: list[QWidget] = []
    widget = order[0]
    for _ in range(400):
        chain.append(widget)
        widget = widget.nextInFocusChain()
    positions = [chain.index(w) for w in order]
    assert positions == sorted(positions)


# -- fits at large sizes ----------------------------------------------------------------------


@pytest.mark.parametrize("font_scale", [1.0, 2.0])
def test_nothing_is_cut_off_with_large_text_and_errors_showing(qtbot, env, font_scale):
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.font()
    bigger = QFont(original)
    bigger.setPointSizeF(original.pointSizeF() * font_scale)
    app.setFont(bigger)
    try:
        dialog = env.dialog(qtbot)
        type_into(qtbot, find(dialog, QSpinBox, "snooze_minutes"), "9999")
        type_into(qtbot, find(dialog, QSpinBox, "interval_minutes"), "5")
        for index in range(dialog._tabs.count()):
            dialog._tabs.setCurrentIndex(index)
            app.processEvents()  # let the layout settle, as the event loop would
            for widget in dialog.findChildren(QWidget):
                fields = QLineEdit | QSpinBox | QTimeEdit | QComboBox
                leaf = isinstance(widget, QLabel | QAbstractButton | fields)
                leaf = leaf and not isinstance(widget.parent(), QSpinBox | QTimeEdit)
                if not leaf or not widget.isVisible():
                    continue
                hint = widget.minimumSizeHint()
                assert widget.height() >= hint.height(), (widget, widget.size(), hint)
                if isinstance(widget, QLabel | QAbstractButton):
                    assert widget.width() >= hint.width(), (widget.text(), widget.size(), hint)
                # Inside the window, not cut off by its edge; off the bottom only where
                # the page scrolls to it.
                corner = widget.mapTo(dialog, widget.rect().bottomRight())
                page = dialog._tabs.widget(index)
                if page.isAncestorOf(widget):
                    assert 0 <= corner.x() <= dialog.width(), (widget, corner, dialog.size())
                else:
                    assert dialog.rect().contains(corner), (widget, corner, dialog.size())
    finally:
        app.setFont(original)


# -- the file as found ------------------------------------------------------------------------


def test_problems_in_the_file_are_shown_and_the_default_is_offered(qtbot, env):
    env.file.parent.mkdir(parents=True)
    env.file.write_text("[reminders]\ninterval_minutes = 5\n")
    dialog = env.dialog(qtbot)
    status = find(dialog, QLabel, "status")
    assert not status.isHidden()
    assert "reminders.interval_minutes" in status.text()
    assert find(dialog, QSpinBox, "interval_minutes").value() == 90
    assert button(dialog, QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_a_file_from_a_newer_kindtray_is_never_overwritten(qtbot, env):
    env.file.parent.mkdir(parents=True)
    env.file.write_text("schema = 99\n[reminders]\ninterval_minutes = 60\n")
    before = env.file.read_bytes()
    dialog = env.dialog(qtbot)
    type_into(qtbot, find(dialog, QSpinBox, "interval_minutes"), "30")
    assert not button(dialog, QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert not button(dialog, QDialogButtonBox.StandardButton.Apply).isEnabled()
    assert "cannot be saved" in words(find(dialog, QLabel, "status").text())
    assert env.file.read_bytes() == before


def test_helper_text_follows_the_theme_chosen_here_at_once(qtbot, env):
    env.file.parent.mkdir(parents=True)
    env.file.write_text('[break]\ntheme = "light"\n')
    dialog = env.dialog(qtbot)
    helper = next(
        label
        for label in dialog.findChildren(QLabel)
        if label.text().startswith("Time between two invitations")
    )

    def colors() -> tuple[str, str]:
        helper.ensurePolished()
        dialog.ensurePolished()
        return (
            helper.palette().color(QPalette.ColorRole.WindowText).name(),
            dialog.palette().color(QPalette.ColorRole.Window).name(),
        )

    assert colors() == ("#5f666d", "#f6f4ef")
    go_to_tab(qtbot, dialog, "The break")
    choose(qtbot, find(dialog, QComboBox, "theme"), 1)  # light -> dark, not saved yet
    assert colors() == ("#a9b0b6", "#1f2326")
    assert env.document()["break"] == {"theme": "light"}  # nothing saved yet


# -- the look: one title, a stable layout, the palette, the focus ring -----------------------


def test_one_plain_title_and_buttons_without_icons(qtbot, env):
    dialog = env.dialog(qtbot)
    assert dialog.windowTitle() == "Settings"
    # Qt appends the display name only when one is set; kindtray sets none (test_window_titles).
    assert QApplication.applicationDisplayName() in ("", QApplication.applicationName())
    assert dialog.windowTitle().count("kindtray") == 0
    for found in dialog._buttons.buttons():
        assert found.icon().isNull(), found.text()


def test_the_window_does_not_grow_when_problems_appear(qtbot, env):
    dialog = env.dialog(qtbot)
    row = dialog._fields["reminders.interval_minutes"].row
    size, row_height = dialog.size(), row.height()
    type_into(qtbot, find(dialog, QSpinBox, "interval_minutes"), "5")
    type_into(qtbot, find(dialog, QSpinBox, "snooze_minutes"), "9999")
    QApplication.processEvents()
    assert not row.problem.isHidden()
    assert dialog.size() == size
    assert row.height() == row_height  # the problem takes the subtitle's reserved place
    # Under the row's title, inside the row.
    assert row.isAncestorOf(row.problem)
    assert row.problem.mapTo(row, row.problem.rect().topLeft()).y() > row.title.y()


def test_the_controls_keep_their_column_on_every_page(qtbot, env):
    dialog = env.dialog(qtbot)
    pages = dialog._tabs
    # A window short enough that the Quiet times page scrolls and System does not.
    heights = {
        pages.title(i): pages.widget(i).widget().sizeHint().height() for i in range(pages.count())
    }
    chrome = dialog.height() - pages.stack.height()
    dialog.resize(dialog.width(), chrome + (heights["Quiet times"] + heights["System"]) // 2)
    right_edges = set()
    scrolled = set()
    for index in range(pages.count()):
        pages.setCurrentIndex(index)
        for _ in range(3):
            QApplication.processEvents()
        page = pages.widget(index)
        if isinstance(page, PreferencesPage):
            scrolled.add(page.verticalScrollBar().isVisible())
        for field in dialog._fields.values():
            if page.isAncestorOf(field.focus) and field.row.control is not None:
                control = field.row.control
                if not isinstance(control, QPushButton) and control.width() < 400:
                    right_edges.add(control.mapTo(dialog, control.rect().topRight()).x())
    assert len(right_edges) == 1, right_edges
    assert scrolled == {True, False}


def luminance(color: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(color)
    return 0.2126 * channel(q.red()) + 0.7152 * channel(q.green()) + 0.0722 * channel(q.blue())


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_text_in_the_dialog_reads_at_4_5_to_1(theme):
    c = colors_for(theme)
    t = tints_for(c)
    pairs = [(c.text, ground) for ground in (c.background, c.surface, t.card, t.field, t.chosen)]
    pairs += [(c.secondary, ground) for ground in (c.background, c.surface, t.card)]
    pairs += [(c.warm, t.card), (on_accent(c), c.accent)]  # problems; the OK button
    for text, ground in pairs:
        assert contrast(text, ground) >= 4.5, (theme, text, ground)
    # A switch's edge, on and off, stands out from its row at 3:1 (a control's boundary).
    assert contrast(t.off, t.card) >= 3.0
    assert contrast(c.accent, t.card) >= 3.0


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_dialog_wears_the_break_windows_palette(qtbot, env, theme):
    env.file.parent.mkdir(parents=True)
    env.file.write_text(f'[break]\ntheme = "{theme}"\n')
    dialog = env.dialog(qtbot)
    dialog.ensurePolished()
    assert dialog.palette().color(QPalette.ColorRole.Window).name() == (
        colors_for(theme).background.lower()
    )


def accent_pixels(widget: QWidget, accent: str) -> int:
    """How many pixels of ``widget`` are the accent (give or take antialiasing)."""
    image = widget.grab().toImage()
    wanted = QColor(accent)

    def near(color: QColor) -> bool:
        return (
            abs(color.red() - wanted.red())
            + abs(color.green() - wanted.green())
            + abs(color.blue() - wanted.blue())
        ) < 24

    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if near(image.pixelColor(x, y))
    )


def test_one_focus_ring_in_the_accent_from_the_first_key(qtbot, env):
    env.file.parent.mkdir(parents=True)
    env.file.write_text('[break]\ntheme = "light"\n')
    dialog = env.dialog(qtbot)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    accent = colors_for("light").accent
    go_to_tab(qtbot, dialog, "Quiet times")
    switch = dialog._fields["waiting.when_mic_or_camera"].focus  # off: no accent of its own
    cancel = dialog._cancel
    for widget in (switch, cancel):
        before = accent_pixels(widget, accent)
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        QApplication.processEvents()
        assert accent_pixels(widget, accent) > before + 20, widget.objectName()


def test_my_words_is_a_page_after_phrases_and_writes_the_phrases_file(qtbot, env):
    from kindtray.ui.my_words import MyWordsPage

    dialog = env.dialog(qtbot)
    go_to_tab(qtbot, dialog, "My words")
    page = dialog._tabs.stack.currentWidget()
    assert isinstance(page, MyWordsPage)
    titles = [dialog._tabs.title(i) for i in range(dialog._tabs.count())]
    assert titles.index("My words") == titles.index("Phrases") + 1
    page.group_box.setCurrentIndex(page.group_box.findData("calm"))
    page.list.setCurrentRow(0)
    qtbot.mouseClick(page.hide_button, Qt.MouseButton.LeftButton)
    hidden = tomllib.loads(page.path.read_text("utf-8"))["hidden"]["ids"]
    assert hidden == [page.list.currentItem().data(Qt.ItemDataRole.UserRole)]
