"""The declaration of every setting: one ``KeySpec`` per key, and the tables derived from it.

Owns what each setting *means*: ``KEYS`` declares every key once (its kind, bounds or choices,
default, label, help and where it shows), in the order of the file and of the dialog's rows.
Validation, the model's defaults, the settings dialog, the welcome, docs/files.md's table and
``kindtray check-config`` all read it. Pure data: no files, no Qt, no reading of documents
(``kindtray.core.settings`` builds the model and reads and writes documents with it).
"""

from __future__ import annotations

from datetime import time
from typing import Final

from kindtray.core.setting_kinds import KeySpec, Kind, Page

__all__ = [
    "DAYS",
    "DEFAULTS",
    "DEFAULT_NEEDS",
    "GROUP_NOTES",
    "KEYS",
    "KEYS_BY_NAME",
    "NEEDS",
    "REDUCED_MOTION_CHOICES",
    "SECTIONS",
    "THEME_CHOICES",
]

DAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
NEEDS: Final = (
    "calm",
    "warmth",
    "mistakes",
    "stress",
    "low-mood",
    "hard-times",
    "self-image",
    "body",
    "sleep",
)
DEFAULT_NEEDS: Final = ("calm", "warmth", "stress")
"""A small general set: kind words anyone might take on any day. The others (after a mistake,
low mood, hard times...) speak to a particular moment, so the person chooses them."""
REDUCED_MOTION_CHOICES: Final = ("system", "on", "off")
THEME_CHOICES: Final = ("system", "light", "dark")

_FOLLOW = "Follow my desktop"
_WAITING = "Don't interrupt me when"
_OFTEN = "Rhythm"
_WHEN = "When"
_BREAK = "The break"
_LOOK = "Look and sound"

# The line under a group's heading, where the group needs one.
GROUP_NOTES: Final = {
    _WAITING: "A reminder that falls due then waits, and comes once, within a minute after. "
    "A break you ask for never waits.",
}

# The declaration: one entry per key, in the order of the file and of the dialog's rows.
# Mnemonics (&) are unique within each dialog page and the button row; they only ever move
# the focus.
KEYS: Final[tuple[KeySpec, ...]] = (
    KeySpec(
        "reminders",
        "interval_minutes",
        Kind.NUMBER,
        90,
        Page.REMINDERS,
        "How &often",
        "Minutes between reminders.",
        "Time between two invitations to a break.",
        low=10,
        high=480,
        unit=" minutes",
        prefix="every ",
        welcome="How o&ften",
        group=_OFTEN,
    ),
    KeySpec(
        "reminders",
        "randomness_percent",
        Kind.NUMBER,
        10,
        Page.REMINDERS,
        "A little rando&mness",
        "Each gap is the interval ± this many percent, so reminders feel less mechanical.",
        "Each gap changes a little, so reminders feel less like a timer.",
        low=0,
        high=30,
        unit=" %",
        prefix="± ",
        group=_OFTEN,
    ),
    KeySpec(
        "reminders",
        "active_days",
        Kind.SUBSET,
        ("mon", "tue", "wed", "thu", "fri"),
        Page.REMINDERS,
        "Active da&ys",
        "Days on which reminders come. `[]` means no reminders (breaks on request still work).",
        "With no day chosen there are no reminders; a break you ask for still works.",
        choices=DAYS,
        welcome="Active &days",
        group=_WHEN,
    ),
    KeySpec(
        "reminders",
        "active_start",
        Kind.TIME,
        time(9, 0),
        Page.REMINDERS,
        "Active &hours",
        "Local time when reminders may start.",
        "An end before the start runs past midnight; the same time twice means all day.",
        accessible="Active hours start",
        welcome="Active &hours",
        group=_WHEN,
    ),
    KeySpec(
        "reminders",
        "active_end",
        Kind.TIME,
        time(18, 0),
        Page.REMINDERS,
        "Active &hours",
        'When they stop. Earlier than the start: the window crosses midnight (`"22:00"` → '
        '`"02:00"`) and belongs to the day it starts. Equal to the start: all day.',
        accessible="Active hours end",
        welcome="Active &hours",
        group=_WHEN,
    ),
    KeySpec(
        "reminders",
        "snooze_minutes",
        Kind.NUMBER,
        10,
        Page.REMINDERS,
        "S&nooze length",
        'How much later "Later" brings a reminder back.',
        'How long "Later" puts a reminder off.',
        low=1,
        high=120,
        unit=" minutes",
        group=_OFTEN,
    ),
    # The "Don't interrupt me when" group: one switch per row, each row finishing the heading.
    *(
        KeySpec(
            "waiting",
            name,
            Kind.SWITCH,
            default,
            Page.WAITING,
            text[0].upper() + text[1:],
            help,
            hint,
            text=text,
            accessible=f"Don't interrupt me when {text.replace('&', '')}",
            group=_WAITING,
        )
        for name, default, text, hint, help in (
            (
                "when_screen_locked",
                True,
                "my screen is &locked",
                None,
                "Hold reminders while the screen is locked.",
            ),
            (
                "when_fullscreen",
                True,
                "a window is &fullscreen",
                "A talk, a video, a game.",
                "Hold reminders while a fullscreen window has the focus.",
            ),
            (
                "when_do_not_disturb",
                True,
                "my desktop's Do &Not Disturb is on",
                None,
                "Hold reminders while the desktop's Do Not Disturb is on.",
            ),
            (
                "when_screen_shared",
                True,
                "my screen is being s&hared",
                None,
                "Hold reminders while the screen is being shared.",
            ),
            (
                "when_mic_or_camera",
                False,
                "my &microphone or camera is in use",
                "A call or a recording.",
                "Hold reminders while the microphone or the camera is in use.",
            ),
        )
    ),
    KeySpec(
        "waiting",
        "away_after_minutes",
        Kind.NUMBER,
        5,
        Page.WAITING,
        "Awa&y after",
        "Minutes without keyboard or mouse before you count as away. Time away as long as the "
        "interval counts as a break.",
        "No keyboard or mouse for this long means you are away. Away for a whole gap between "
        "reminders counts as your break.",
        low=1,
        high=60,
        unit=" minutes",
        group="Away",
    ),
    KeySpec(
        "break",
        "length_seconds",
        Kind.NUMBER,
        60,
        Page.BREAK,
        "&Length",
        "Length of the guided break.",
        "About a minute is enough; the steps stretch or shrink to fit.",
        low=30,
        high=300,
        unit=" seconds",
        group=_BREAK,
    ),
    KeySpec(
        "break",
        "breaths_per_minute",
        Kind.NUMBER,
        6,
        Page.BREAK,
        "Breat&hing pace",
        "Breaths a minute for the breathing guide; the out-breath is always the longer part.",
        "About six is slow and calming. If slowing down feels hard, a faster pace is fine too.",
        low=4,
        high=8,
        unit=" breaths a minute",
        group=_BREAK,
    ),
    KeySpec(
        "break",
        "mood_check_in",
        Kind.SWITCH,
        True,
        Page.BREAK,
        "Mood check-&in",
        "Offer an optional mood tap at the start and end of a break.",
        "A tap at the start and the end to say how you feel; you can always skip it.",
        text="Ask how I feel at the start and the end",
        group=_BREAK,
    ),
    KeySpec(
        "break",
        "reduced_motion",
        Kind.CHOICE,
        "system",
        Page.BREAK,
        "Reduced &motion",
        'Replace the breathing animation with text and a counter; `"system"` follows your desktop.',
        "Words and a gentle count instead of the moving circle.",
        choices=REDUCED_MOTION_CHOICES,
        choice_labels={"system": _FOLLOW, "on": "On", "off": "Off"},
        group=_LOOK,
    ),
    KeySpec(
        "break",
        "theme",
        Kind.CHOICE,
        "system",
        Page.BREAK,
        "&Theme",
        "Colours of the break window.",
        "Colours of kindtray's windows, this one too.",
        choices=THEME_CHOICES,
        choice_labels={"system": _FOLLOW, "light": "Light", "dark": "Dark"},
        group=_LOOK,
    ),
    KeySpec(
        "break",
        "sound",
        Kind.SWITCH,
        False,
        Page.BREAK,
        "Soft &chime",
        "A soft chime at the start and end of a break, played by the system's sound player "
        "(pw-play, paplay or aplay on Linux).",
        "At the start and the end of a break.",
        text="Play a soft &chime at the start and the end",
        group=_LOOK,
    ),
    KeySpec(
        "break",
        "volume_percent",
        Kind.NUMBER,
        60,
        Page.BREAK,
        "Chime &volume",
        "How loud the chime is, from 0 (silent) to 100 (the sound as recorded).",
        "How loud the chime is, when it is on.",
        low=0,
        high=100,
        unit=" %",
        group=_LOOK,
    ),
    KeySpec(
        "phrases",
        "needs",
        Kind.SUBSET,
        DEFAULT_NEEDS,
        Page.PHRASES,
        "&Kind words about",
        "Which kinds of kind words you would like to hear.",
        "What you would like support with right now. A heavy mood at the start of a break "
        "brings words for hard times too.",
        choices=NEEDS,
        choice_labels={
            "calm": "&Calm",
            "warmth": "&Warmth",
            "mistakes": "After a mista&ke",
            "stress": "S&tress",
            "low-mood": "&Low mood",
            "hard-times": "&Hard times",
            "self-image": "How I see &myself",
            "body": "B&ody and habits",
            "sleep": "Sl&eep",
        },
        group="Phrases",
    ),
    KeySpec(
        "phrases",
        "wind_down",
        Kind.OPTIONAL_TIME,
        None,
        Page.PHRASES,
        "Wi&nd down from",
        "From this time on, phrases for winding down and sleep come first.",
        "From this time on, phrases for winding down and sleep come first.",
        text="Wi&nd down from",
        accessible="Wind-down time",
        group="Evening",
    ),
    KeySpec(
        "system",
        "start_at_login",
        Kind.SWITCH,
        False,
        Page.SYSTEM,
        "Start kindtray when I &log in",
        "Start kindtray when you log in.",
        text="Start kindtray when I &log in",
        accessible="Start at login",
        welcome="&Start kindtray when I log in",
        group="Start",
    ),
    KeySpec(
        "system",
        "language",
        Kind.CHOICE,
        "system",
        Page.SYSTEM,
        "Speak to me &in",
        'The language of kindtray\'s words; `"system"` follows your desktop.',
        choices=("system", "en", "de", "es"),
        choice_labels={"system": _FOLLOW, "en": "English", "de": "Deutsch", "es": "Español"},
        group="Language",
    ),
)

KEYS_BY_NAME: Final = {spec.key: spec for spec in KEYS}
SECTIONS: Final = tuple(dict.fromkeys(spec.section for spec in KEYS))
DEFAULTS: Final = {spec.key: spec.default for spec in KEYS}
