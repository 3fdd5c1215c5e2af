"""The user's preferences: one declaration per setting, and the typed, frozen model built on it.

This module owns what each setting *means*: ``KEYS`` declares every key once (its kind,
bounds or choices, default, label, help and where it shows), and validation, the settings
dialog, the welcome, README's settings table and ``kindtray check-config`` all read it. It
reads from and writes to plain TOML documents (dicts); it never touches files (the settings
store does) and never imports Qt. Every problem message names the file, the key, the value
found and what is allowed, so a user can fix a hand-edited file without guessing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import time
from typing import Any, Final

from kindtray.core.setting_kinds import (
    HHMM_ALLOWED,
    InvalidValue,
    KeySpec,
    Kind,
    Page,
    format_hhmm,
    parse_hhmm,
    printable,
    short_repr,
)

__all__ = [
    "DAYS",
    "DEFAULTS",
    "HHMM_ALLOWED",
    "KEYS",
    "KEYS_BY_NAME",
    "NEEDS",
    "REDUCED_MOTION_CHOICES",
    "SCHEMA_VERSION",
    "SECTIONS",
    "THEME_CHOICES",
    "BreakSettings",
    "InvalidValue",
    "KeySpec",
    "Kind",
    "Page",
    "PhraseSettings",
    "Problem",
    "ReadResult",
    "ReminderSettings",
    "Settings",
    "SystemSettings",
    "WaitingSettings",
    "changed_keys",
    "format_hhmm",
    "parse_hhmm",
    "printable",
    "read_document",
    "short_repr",
    "to_document",
    "validate_value",
]

SCHEMA_VERSION: Final = 1

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
REDUCED_MOTION_CHOICES: Final = ("system", "on", "off")
THEME_CHOICES: Final = ("system", "light", "dark")

_FOLLOW = "Follow my desktop"
_WAITING = "Don't interrupt me when"
_WAITING_HINT = (
    "A reminder that falls due then waits, and comes once, within a minute after. "
    "A break you ask for never waits."
)

# The declaration: one entry per key, in the order of the file and of the dialog's rows.
# Mnemonics (&) are unique within each dialog page, the tab bar and the button row.
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
        welcome="How &often",
    ),
    KeySpec(
        "reminders",
        "randomness_percent",
        Kind.NUMBER,
        10,
        Page.REMINDERS,
        "A little rando&mness",
        "Each gap is the interval ± this many percent, so reminders feel less mechanical.",
        "A little randomness keeps reminders from feeling mechanical.",
        low=0,
        high=30,
        unit=" %",
        prefix="± ",
    ),
    KeySpec(
        "reminders",
        "active_days",
        Kind.SUBSET,
        ("mon", "tue", "wed", "thu", "fri"),
        Page.REMINDERS,
        "Active da&ys",
        "Days on which reminders come. `[]` means no reminders (breaks on request still work).",
        "Reminders come on the days that are pressed in. With none, there are no reminders, "
        "but a break on request still works.",
        choices=DAYS,
        welcome="Active &days",
    ),
    KeySpec(
        "reminders",
        "active_start",
        Kind.TIME,
        time(9, 0),
        Page.REMINDERS,
        "Active &hours",
        "Local time when reminders may start.",
        'Reminders come only between these times, as "HH:MM". An end earlier than the start '
        "runs past midnight; the same time twice means all day.",
        accessible="Active hours start",
        welcome="Active &hours",
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
    ),
    KeySpec(
        "reminders",
        "snooze_minutes",
        Kind.NUMBER,
        10,
        Page.REMINDERS,
        "S&nooze length",
        'How much later "Later" brings a reminder back.',
        'How much later a reminder comes back when you choose "Later".',
        low=1,
        high=120,
        unit=" minutes",
    ),
    # The "Don't interrupt me when" group: switches that share a label share one row.
    *(
        KeySpec(
            "waiting",
            name,
            Kind.SWITCH,
            default,
            Page.WAITING,
            _WAITING,
            help,
            _WAITING_HINT if name == "when_screen_locked" else None,
            text=text,
            accessible=f"Don't interrupt me when {text.replace('&', '')}",
        )
        for name, default, text, help in (
            (
                "when_screen_locked",
                True,
                "my screen is &locked",
                "Hold reminders while the screen is locked.",
            ),
            (
                "when_fullscreen",
                True,
                "a window is &fullscreen (a talk, a video, a game)",
                "Hold reminders while a fullscreen window has the focus.",
            ),
            (
                "when_do_not_disturb",
                True,
                "my desktop's Do &Not Disturb is on",
                "Hold reminders while the desktop's Do Not Disturb is on.",
            ),
            (
                "when_screen_shared",
                True,
                "my screen is being s&hared",
                "Hold reminders while the screen is being shared.",
            ),
            (
                "when_mic_or_camera",
                False,
                "my &microphone or camera is in use",
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
        "No keyboard or mouse for this long, or a locked screen, means you are away. Time "
        "away as long as the gap between reminders counts as your break.",
        low=1,
        high=60,
        unit=" minutes",
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
    ),
    KeySpec(
        "break",
        "mood_check_in",
        Kind.SWITCH,
        True,
        Page.BREAK,
        "Mood check-&in",
        "Offer an optional mood tap at the start and end of a break.",
        "One optional tap; you can always skip it.",
        text="Ask how I feel at the start and the end",
    ),
    KeySpec(
        "break",
        "reduced_motion",
        Kind.CHOICE,
        "system",
        Page.BREAK,
        "Reduced &motion",
        'Replace the breathing animation with text and a counter; `"system"` follows your desktop.',
        choices=REDUCED_MOTION_CHOICES,
        choice_labels={
            "system": _FOLLOW,
            "on": "On: words and a gentle count, no moving circle",
            "off": "Off: show the breathing circle",
        },
    ),
    KeySpec(
        "break",
        "theme",
        Kind.CHOICE,
        "system",
        Page.BREAK,
        "&Theme",
        "Colours of the break window.",
        "Colours of the break window.",
        choices=THEME_CHOICES,
        choice_labels={"system": _FOLLOW, "light": "Light", "dark": "Dark"},
    ),
    KeySpec(
        "break",
        "sound",
        Kind.SWITCH,
        False,
        Page.BREAK,
        "Sound",
        "A soft chime at the start and end of a break (needs the optional sound extra).",
        text="Play a soft &chime at the start and the end",
    ),
    KeySpec(
        "phrases",
        "needs",
        Kind.SUBSET,
        NEEDS,
        Page.PHRASES,
        "Kind words about",
        "Which kinds of kind words you would like to hear.",
        "Phrases for what you would like support with right now.",
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
    ),
    KeySpec(
        "phrases",
        "wind_down",
        Kind.OPTIONAL_TIME,
        None,
        Page.PHRASES,
        "Evening",
        "From this time on, phrases for winding down and sleep come first.",
        "From this time on, phrases for winding down and sleep come first.",
        text="Wi&nd down from",
        accessible="Wind-down time",
    ),
    KeySpec(
        "system",
        "start_at_login",
        Kind.SWITCH,
        False,
        Page.SYSTEM,
        "Start",
        "Start kindtray when you log in.",
        text="Start kindtray when I &log in",
        accessible="Start at login",
        welcome="&Start kindtray when I log in",
    ),
)

KEYS_BY_NAME: Final = {spec.key: spec for spec in KEYS}
SECTIONS: Final = tuple(dict.fromkeys(spec.section for spec in KEYS))
DEFAULTS: Final = {spec.key: spec.default for spec in KEYS}


def _default(key: str) -> Any:
    return DEFAULTS[key]


@dataclass(frozen=True)
class ReminderSettings:
    """When and how often kindtray invites the user to a break."""

    interval_minutes: int = _default("reminders.interval_minutes")
    randomness_percent: int = _default("reminders.randomness_percent")
    active_days: tuple[str, ...] = _default("reminders.active_days")
    active_start: time = _default("reminders.active_start")
    active_end: time = _default("reminders.active_end")
    snooze_minutes: int = _default("reminders.snooze_minutes")


@dataclass(frozen=True)
class WaitingSettings:
    """When a reminder waits: the person is busy (each condition a switch) or away."""

    when_screen_locked: bool = _default("waiting.when_screen_locked")
    when_fullscreen: bool = _default("waiting.when_fullscreen")
    when_do_not_disturb: bool = _default("waiting.when_do_not_disturb")
    when_screen_shared: bool = _default("waiting.when_screen_shared")
    when_mic_or_camera: bool = _default("waiting.when_mic_or_camera")
    away_after_minutes: int = _default("waiting.away_after_minutes")


@dataclass(frozen=True)
class BreakSettings:
    """How the guided minute looks and sounds."""

    length_seconds: int = _default("break.length_seconds")
    mood_check_in: bool = _default("break.mood_check_in")
    reduced_motion: str = _default("break.reduced_motion")
    theme: str = _default("break.theme")
    sound: bool = _default("break.sound")


@dataclass(frozen=True)
class PhraseSettings:
    """Which kinds of phrases the user wants, and when the wind-down begins."""

    needs: tuple[str, ...] = _default("phrases.needs")
    wind_down: time | None = _default("phrases.wind_down")


@dataclass(frozen=True)
class SystemSettings:
    """How kindtray fits into the user's session."""

    start_at_login: bool = _default("system.start_at_login")


@dataclass(frozen=True)
class Settings:
    """All preferences. ``break_`` is the TOML table ``[break]`` (a Python keyword)."""

    reminders: ReminderSettings = field(default_factory=ReminderSettings)
    waiting: WaitingSettings = field(default_factory=WaitingSettings)
    break_: BreakSettings = field(default_factory=BreakSettings)
    phrases: PhraseSettings = field(default_factory=PhraseSettings)
    system: SystemSettings = field(default_factory=SystemSettings)

    def get(self, key: str) -> Any:
        """Return the value of a dotted key such as ``"reminders.interval_minutes"``."""
        spec = KEYS_BY_NAME[key]
        return getattr(getattr(self, spec.attr_section), spec.name)

    def with_value(self, key: str, value: Any) -> Settings:
        """Return a copy with one dotted key changed (the value must already be valid)."""
        spec = KEYS_BY_NAME[key]
        section = getattr(self, spec.attr_section)
        return replace(self, **{spec.attr_section: replace(section, **{spec.name: value})})


@dataclass(frozen=True)
class Problem:
    """Something wrong in a settings file, phrased for the person who wrote it."""

    file: str
    key: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.file}: {self.key}: {self.message}"
            if self.key
            else f"{self.file}: {self.message}"
        )


def validate_value(key: str, raw: object) -> str | None:
    """Check one raw (TOML-typed) value; return None if allowed, else what is allowed."""
    try:
        KEYS_BY_NAME[key].parse(raw)
    except InvalidValue as exc:
        return f"{short_repr(raw)} is not allowed; use {exc}"
    return None


@dataclass(frozen=True)
class ReadResult:
    """What reading a settings document gave: the settings, and what to tell the user."""

    settings: Settings
    problems: tuple[Problem, ...] = ()
    unknown_keys: tuple[str, ...] = ()
    newer_schema: int | None = None


def read_document(document: Mapping[str, Any], file: str = "settings.toml") -> ReadResult:
    """Turn a parsed TOML document into Settings; bad keys fall back to their default.

    Never raises for anything a user can write: wrong types, out-of-range values, unknown
    keys and sections of the wrong shape all become Problems with a clear message.
    """
    problems: list[Problem] = []
    unknown: list[str] = []
    newer: int | None = None

    schema = document.get("schema", SCHEMA_VERSION)
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        problems.append(
            Problem(file, "schema", f"{short_repr(schema)} is not allowed; use {SCHEMA_VERSION}")
        )
    elif schema > SCHEMA_VERSION:
        newer = schema
        problems.append(
            Problem(
                file,
                "schema",
                f"this file is from a newer kindtray (schema {schema}); settings this version "
                "understands are used, and the file will not be changed",
            )
        )

    settings = Settings()
    for top_key, top_value in document.items():
        if top_key == "schema":
            continue
        if top_key not in SECTIONS:
            unknown.append(top_key)
            continue
        if not isinstance(top_value, dict):
            problems.append(
                Problem(file, top_key, f"{short_repr(top_value)} should be a table [{top_key}]")
            )
            continue
        for name, raw in top_value.items():
            key = f"{top_key}.{name}"
            spec = KEYS_BY_NAME.get(key)
            if spec is None:
                unknown.append(key)
                continue
            try:
                value = spec.parse(raw)
            except InvalidValue as exc:
                problems.append(
                    Problem(
                        file,
                        key,
                        f"{short_repr(raw)} is not allowed; use {exc}. "
                        f"Using the default, {short_repr(spec.dump(spec.default))}.",
                    )
                )
                continue
            settings = settings.with_value(key, value)

    if unknown:
        problems.append(
            Problem(
                file,
                "",
                "unknown keys kept as they are: " + _some(unknown),
            )
        )
    return ReadResult(settings, tuple(problems), tuple(unknown), newer)


def _some(names: list[str], shown: int = 10) -> str:
    # A file with thousands of unknown keys must not become a message of thousands of lines.
    listed = ", ".join(
        printable(name) if len(name) <= 60 else printable(name[:59]) + "…" for name in names[:shown]
    )
    return listed if len(names) <= shown else f"{listed} and {len(names) - shown} more"


def to_document(
    settings: Settings,
    base: Mapping[str, Any] | None = None,
    only_keys: set[str] | None = None,
) -> dict[str, Any]:
    """Write settings into a TOML document, keeping everything in ``base`` we do not own.

    With ``only_keys``, only those keys are written; every other value in ``base`` stays
    exactly as the user wrote it (even one we could not read), so nothing is lost.
    """
    document: dict[str, Any] = {k: _deep_copy(v) for k, v in (base or {}).items()}
    document["schema"] = document.get("schema", SCHEMA_VERSION)
    if not isinstance(document["schema"], int) or document["schema"] < 1:
        document["schema"] = SCHEMA_VERSION
    for spec in KEYS:
        if only_keys is not None and spec.key not in only_keys:
            continue
        section = document.get(spec.section)
        if not isinstance(section, dict):
            section = {}
            document[spec.section] = section
        section[spec.name] = spec.dump(settings.get(spec.key))
    # Keep a stable, readable order: schema first, our sections in model order, then the rest.
    ordered: dict[str, Any] = {"schema": document.pop("schema")}
    for name in SECTIONS:
        if name in document:
            ordered[name] = document.pop(name)
    ordered.update(document)
    return ordered


def changed_keys(old: Settings, new: Settings) -> set[str]:
    """Return the dotted keys whose values differ between two Settings."""
    return {spec.key for spec in KEYS if old.get(spec.key) != new.get(spec.key)}


def _deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value
