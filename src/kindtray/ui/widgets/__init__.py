"""Controls shared by the welcome and the settings dialog, built from the settings declaration.

What this package owns: the one day picker, the one time field, the one switch row, and
``control_for``, which turns a declared setting into the control that edits it. What it must
not do: decide which values are allowed (the core's declaration does), pick colours (the
theme does), or save anything.
"""

from kindtray.ui.widgets.controls import Control, control_for
from kindtray.ui.widgets.day_picker import DAY_NAMES, DayPicker
from kindtray.ui.widgets.switch_row import SwitchRow, login_why_not
from kindtray.ui.widgets.time_field import TimeField

__all__ = [
    "DAY_NAMES",
    "Control",
    "DayPicker",
    "SwitchRow",
    "TimeField",
    "control_for",
    "login_why_not",
]
