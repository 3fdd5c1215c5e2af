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
from kindtray.i18n import N_

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

# The words a window shows are English catalog texts (N_): the windows translate them when
# they show them, so a change of language takes effect without a restart. The units that
# follow a number take its plural form: ``kindtray.ui.widgets.controls.unit_text``.
_FOLLOW = N_("Follow my desktop")
# Translators: a group heading; each row under it finishes the sentence ("… my screen is
# locked"). Keep the rows' words fitting after it.
_WAITING = N_("Don't interrupt me when")
_OFTEN = N_("Rhythm")
_WHEN = N_("When")
_BREAK = N_("The break")
_LOOK = N_("Look and sound")

# The line under a group's heading, where the group needs one.
GROUP_NOTES: Final = {
    _WAITING: N_(
        "A reminder that falls due then waits, and comes once, within a minute after. "
        "A break you ask for never waits."
    ),
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
        N_("How &often"),
        "Minutes between reminders.",
        N_("Time between two invitations to a break."),
        low=10,
        high=480,
        unit=" minutes",
        prefix=N_("every "),
        welcome=N_("How o&ften"),
        group=_OFTEN,
    ),
    KeySpec(
        "reminders",
        "randomness_percent",
        Kind.NUMBER,
        10,
        Page.REMINDERS,
        N_("A little rando&mness"),
        "Each gap is the interval ± this many percent, so reminders feel less mechanical.",
        N_("Each gap changes a little, so reminders feel less like a timer."),
        low=0,
        high=30,
        unit=N_(" %"),
        prefix=N_("± "),
        group=_OFTEN,
    ),
    KeySpec(
        "reminders",
        "active_days",
        Kind.SUBSET,
        ("mon", "tue", "wed", "thu", "fri"),
        Page.REMINDERS,
        N_("Active da&ys"),
        "Days on which reminders come. `[]` means no reminders (breaks on request still work).",
        N_("With no day chosen there are no reminders; a break you ask for still works."),
        choices=DAYS,
        welcome=N_("Active &days"),
        group=_WHEN,
    ),
    KeySpec(
        "reminders",
        "active_start",
        Kind.TIME,
        time(9, 0),
        Page.REMINDERS,
        N_("Active &hours"),
        "Local time when reminders may start.",
        N_("An end before the start runs past midnight; the same time twice means all day."),
        accessible=N_("Active hours start"),
        welcome=N_("Active &hours"),
        group=_WHEN,
    ),
    KeySpec(
        "reminders",
        "active_end",
        Kind.TIME,
        time(18, 0),
        Page.REMINDERS,
        N_("Active &hours"),
        'When they stop. Earlier than the start: the window crosses midnight (`"22:00"` → '
        '`"02:00"`) and belongs to the day it starts. Equal to the start: all day.',
        accessible=N_("Active hours end"),
        welcome=N_("Active &hours"),
        group=_WHEN,
    ),
    KeySpec(
        "reminders",
        "snooze_minutes",
        Kind.NUMBER,
        10,
        Page.REMINDERS,
        N_("S&nooze length"),
        'How much later "Later" brings a reminder back.',
        N_('How long "Later" puts a reminder off.'),
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
            label,
            help,
            hint,
            accessible=accessible,
            group=_WAITING,
        )
        for name, default, label, accessible, hint, help in (
            (
                "when_screen_locked",
                True,
                N_("My screen is &locked"),
                N_("Don't interrupt me when my screen is locked"),
                None,
                "Hold reminders while the screen is locked.",
            ),
            (
                "when_fullscreen",
                True,
                N_("A window is &fullscreen"),
                N_("Don't interrupt me when a window is fullscreen"),
                N_("A talk, a video, a game."),
                "Hold reminders while a fullscreen window has the focus.",
            ),
            (
                "when_do_not_disturb",
                True,
                N_("My desktop's Do &Not Disturb is on"),
                N_("Don't interrupt me when my desktop's Do Not Disturb is on"),
                None,
                "Hold reminders while the desktop's Do Not Disturb is on.",
            ),
            (
                "when_screen_shared",
                True,
                N_("My screen is being s&hared"),
                N_("Don't interrupt me when my screen is being shared"),
                None,
                "Hold reminders while the screen is being shared.",
            ),
            (
                "when_mic_or_camera",
                False,
                N_("My &microphone or camera is in use"),
                N_("Don't interrupt me when my microphone or camera is in use"),
                N_("A call or a recording."),
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
        N_("Awa&y after"),
        "Minutes without keyboard or mouse before you count as away. Time away as long as the "
        "interval counts as a break.",
        N_(
            "No keyboard or mouse for this long means you are away. Away for a whole gap between "
            "reminders counts as your break."
        ),
        low=1,
        high=60,
        unit=" minutes",
        group=N_("Away"),
    ),
    KeySpec(
        "break",
        "length_seconds",
        Kind.NUMBER,
        60,
        Page.BREAK,
        N_("&Length"),
        "Length of the guided break.",
        N_("About a minute is enough; the steps stretch or shrink to fit."),
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
        N_("Breat&hing pace"),
        "Breaths a minute for the breathing guide; the out-breath is always the longer part.",
        N_("About six is slow and calming. If slowing down feels hard, a faster pace is fine too."),
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
        N_("Mood check-&in"),
        "Offer an optional mood tap at the start and end of a break.",
        N_("A tap at the start and the end to say how you feel; you can always skip it."),
        text=N_("Ask how I feel at the start and the end"),
        group=_BREAK,
    ),
    KeySpec(
        "break",
        "reduced_motion",
        Kind.CHOICE,
        "system",
        Page.BREAK,
        N_("Reduced &motion"),
        'Replace the breathing animation with text and a counter; `"system"` follows your desktop.',
        N_("Words and a gentle count instead of the moving circle."),
        choices=REDUCED_MOTION_CHOICES,
        choice_labels={"system": _FOLLOW, "on": N_("On"), "off": N_("Off")},
        group=_LOOK,
    ),
    KeySpec(
        "break",
        "theme",
        Kind.CHOICE,
        "system",
        Page.BREAK,
        N_("&Theme"),
        "Colours of the break window.",
        N_("Colours of kindtray's windows, this one too."),
        choices=THEME_CHOICES,
        choice_labels={"system": _FOLLOW, "light": N_("Light"), "dark": N_("Dark")},
        group=_LOOK,
    ),
    KeySpec(
        "break",
        "sound",
        Kind.SWITCH,
        False,
        Page.BREAK,
        N_("Soft &chime"),
        "A soft chime at the start and end of a break, played by the system's sound player "
        "(pw-play, paplay or aplay on Linux).",
        N_("At the start and the end of a break."),
        text=N_("Play a soft &chime at the start and the end"),
        group=_LOOK,
    ),
    KeySpec(
        "break",
        "volume_percent",
        Kind.NUMBER,
        60,
        Page.BREAK,
        N_("Chime &volume"),
        "How loud the chime is, from 0 (silent) to 100 (the sound as recorded).",
        N_("How loud the chime is, when it is on."),
        low=0,
        high=100,
        unit=N_(" %"),
        group=_LOOK,
    ),
    KeySpec(
        "phrases",
        "needs",
        Kind.SUBSET,
        DEFAULT_NEEDS,
        Page.PHRASES,
        N_("&Kind words about"),
        "Which kinds of kind words you would like to hear.",
        N_(
            "What you would like support with right now. A heavy mood at the start of a break "
            "brings words for hard times too."
        ),
        choices=NEEDS,
        choice_labels={
            "calm": N_("&Calm"),
            "warmth": N_("&Warmth"),
            "mistakes": N_("After a mista&ke"),
            "stress": N_("S&tress"),
            "low-mood": N_("&Low mood"),
            "hard-times": N_("&Hard times"),
            "self-image": N_("How I see &myself"),
            "body": N_("B&ody and habits"),
            "sleep": N_("Sl&eep"),
        },
        group=N_("Phrases"),
    ),
    KeySpec(
        "phrases",
        "wind_down",
        Kind.OPTIONAL_TIME,
        None,
        Page.PHRASES,
        N_("Wi&nd down from"),
        "From this time on, phrases for winding down and sleep come first.",
        N_("From this time on, phrases for winding down and sleep come first."),
        text=N_("Wi&nd down from"),
        accessible=N_("Wind-down time"),
        group=N_("Evening"),
    ),
    KeySpec(
        "system",
        "start_at_login",
        Kind.SWITCH,
        False,
        Page.SYSTEM,
        N_("Start kindtray when I &log in"),
        "Start kindtray when you log in.",
        text=N_("Start kindtray when I &log in"),
        accessible=N_("Start at login"),
        welcome=N_("&Start kindtray when I log in"),
        group=N_("Start"),
    ),
    KeySpec(
        "system",
        "language",
        Kind.CHOICE,
        "system",
        Page.SYSTEM,
        N_("Speak to me &in"),
        'The language of kindtray\'s words; `"system"` follows your desktop.',
        choices=("system", "en", "de", "es"),
        # Each language by its own name, never translated: a person finds their language by it.
        choice_labels={"system": _FOLLOW, "en": "English", "de": "Deutsch", "es": "Español"},
        group=N_("Language"),
    ),
)

KEYS_BY_NAME: Final = {spec.key: spec for spec in KEYS}
SECTIONS: Final = tuple(dict.fromkeys(spec.section for spec in KEYS))
DEFAULTS: Final = {spec.key: spec.default for spec in KEYS}
