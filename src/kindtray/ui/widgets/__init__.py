"""Controls shared by the welcome and the settings dialog, built from the settings declaration.

What this package owns: the one day picker, the one time field and time picker, the switch and
the switch row, ``control_for``, which turns a declared setting into the control that edits it,
and the boxed-list pages, groups and rows the settings dialog is made of. What it must not do:
decide which values are allowed (the core's declaration does), pick colours (the theme does),
or save anything. No mnemonic here ever changes a choice: it only moves the focus.
"""

from kindtray.ui.widgets.boxed_list import Group, PreferencesPage, Row, secondary
from kindtray.ui.widgets.controls import Control, control_for
from kindtray.ui.widgets.day_picker import ChoiceButton, DayPicker, day_names
from kindtray.ui.widgets.mnemonic import FocusLabel, focus_only_shortcut
from kindtray.ui.widgets.switch import Switch
from kindtray.ui.widgets.switch_row import SwitchRow, login_why_not
from kindtray.ui.widgets.time_field import TimeField
from kindtray.ui.widgets.time_picker import TimePicker

__all__ = [
    "ChoiceButton",
    "Control",
    "DayPicker",
    "FocusLabel",
    "Group",
    "PreferencesPage",
    "Row",
    "Switch",
    "SwitchRow",
    "TimeField",
    "TimePicker",
    "control_for",
    "day_names",
    "focus_only_shortcut",
    "login_why_not",
    "secondary",
]
