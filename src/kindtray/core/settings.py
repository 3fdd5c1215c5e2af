"""The user's preferences: a typed, frozen model with defaults, bounds and clear messages.

This module owns what each setting *means* and which values are allowed. It reads from and
writes to plain TOML documents (dicts); it never touches files (that is settings_store.py)
and never imports Qt. Every problem message names the file, the key, the value found and
what is allowed, so a user can fix a hand-edited file without guessing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import time
from typing import Any, Final

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


@dataclass(frozen=True)
class ReminderSettings:
    """When and how often kindtray invites the user to a break."""

    interval_minutes: int = 90
    randomness_percent: int = 10
    active_days: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri")
    active_start: time = time(9, 0)
    active_end: time = time(18, 0)
    snooze_minutes: int = 10


@dataclass(frozen=True)
class BreakSettings:
    """How the guided minute looks and sounds."""

    length_seconds: int = 60
    mood_check_in: bool = True
    reduced_motion: str = "system"
    theme: str = "system"
    sound: bool = False


@dataclass(frozen=True)
class PhraseSettings:
    """Which kinds of phrases the user wants, and when the evening begins."""

    needs: tuple[str, ...] = NEEDS
    wind_down: time | None = None


@dataclass(frozen=True)
class SystemSettings:
    """How kindtray fits into the user's session."""

    start_at_login: bool = False


@dataclass(frozen=True)
class Settings:
    """All preferences. ``break_`` is the TOML table ``[break]`` (a Python keyword)."""

    reminders: ReminderSettings = field(default_factory=ReminderSettings)
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


class InvalidValue(ValueError):
    """A raw value that a key does not accept."""


@dataclass(frozen=True)
class KeySpec:
    """One setting: where it lives in TOML, how to read and write it, and what is allowed."""

    section: str
    name: str
    parse: Callable[[object], Any]
    dump: Callable[[Any], object]
    allowed: str
    help: str

    @property
    def key(self) -> str:
        """The dotted key as users see it, e.g. ``reminders.interval_minutes``."""
        return f"{self.section}.{self.name}"

    @property
    def attr_section(self) -> str:
        """The attribute of Settings that holds this key's section."""
        return "break_" if self.section == "break" else self.section

    @property
    def default(self) -> Any:
        """The default value, taken from the dataclass so there is one source of truth."""
        return DEFAULTS.get(self.key)


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


# -- parsers: raw TOML value -> model value, or InvalidValue ---------------------------------


def _int_in(low: int, high: int) -> Callable[[object], int]:
    def parse(raw: object) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int) or not low <= raw <= high:
            raise InvalidValue(f"a whole number from {low} to {high}")
        return raw

    return parse


def _bool(raw: object) -> bool:
    if not isinstance(raw, bool):
        raise InvalidValue("true or false")
    return raw


def _choice(options: tuple[str, ...]) -> Callable[[object], str]:
    def parse(raw: object) -> str:
        if not isinstance(raw, str) or raw not in options:
            raise InvalidValue("one of " + ", ".join(f'"{o}"' for o in options))
        return raw

    return parse


_HHMM = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
_HHMM_ALLOWED = 'a time of day as "HH:MM" on a 24-hour clock, e.g. "09:00" or "21:30"'


def parse_hhmm(raw: object) -> time:
    """Parse ``"HH:MM"`` (24-hour) into a time; raise InvalidValue otherwise."""
    if not isinstance(raw, str) or not _HHMM.fullmatch(raw):
        raise InvalidValue(_HHMM_ALLOWED)
    hours, minutes = raw.split(":")
    return time(int(hours), int(minutes))


def format_hhmm(value: time) -> str:
    """Format a time as ``"HH:MM"``."""
    return f"{value.hour:02d}:{value.minute:02d}"


def _optional_hhmm(raw: object) -> time | None:
    if raw == "":
        return None
    try:
        return parse_hhmm(raw)
    except InvalidValue:
        raise InvalidValue('"" (off) or ' + _HHMM_ALLOWED) from None


def _list_allowed(options: tuple[str, ...]) -> str:
    return "a list of distinct values from " + ", ".join(f'"{o}"' for o in options)


def _subset_of(options: tuple[str, ...]) -> Callable[[object], tuple[str, ...]]:
    allowed = _list_allowed(options)

    def parse(raw: object) -> tuple[str, ...]:
        if not isinstance(raw, list) or not all(isinstance(v, str) and v in options for v in raw):
            raise InvalidValue(allowed)
        if len(set(raw)) != len(raw):
            raise InvalidValue(allowed + " (each at most once)")
        # Canonical order, so equal choices compare equal and files stay tidy.
        return tuple(o for o in options if o in raw)

    return parse


def _same(value: Any) -> object:
    return value


def _list(value: Any) -> object:
    return list(value)


def _dump_optional_hhmm(value: time | None) -> object:
    return "" if value is None else format_hhmm(value)


KEYS: Final[tuple[KeySpec, ...]] = (
    KeySpec(
        "reminders",
        "interval_minutes",
        _int_in(10, 480),
        _same,
        "a whole number from 10 to 480",
        "Minutes between reminders.",
    ),
    KeySpec(
        "reminders",
        "randomness_percent",
        _int_in(0, 30),
        _same,
        "a whole number from 0 to 30",
        "Each gap is the interval plus or minus this many percent, so reminders feel less "
        "mechanical.",
    ),
    KeySpec(
        "reminders",
        "active_days",
        _subset_of(DAYS),
        _list,
        _list_allowed(DAYS),
        "Days on which reminders come. An empty list means no reminders (breaks on request "
        "still work).",
    ),
    KeySpec(
        "reminders",
        "active_start",
        parse_hhmm,
        format_hhmm,
        _HHMM_ALLOWED,
        "Local time when reminders may start.",
    ),
    KeySpec(
        "reminders",
        "active_end",
        parse_hhmm,
        format_hhmm,
        _HHMM_ALLOWED,
        "Local time when reminders stop. Earlier than the start means the window crosses "
        "midnight; equal to the start means all day.",
    ),
    KeySpec(
        "reminders",
        "snooze_minutes",
        _int_in(1, 120),
        _same,
        "a whole number from 1 to 120",
        'How much later "Later" brings the reminder back.',
    ),
    KeySpec(
        "break",
        "length_seconds",
        _int_in(30, 300),
        _same,
        "a whole number from 30 to 300",
        "Length of the guided break in seconds.",
    ),
    KeySpec(
        "break",
        "mood_check_in",
        _bool,
        _same,
        "true or false",
        "Offer an optional mood tap at the start and end of a break.",
    ),
    KeySpec(
        "break",
        "reduced_motion",
        _choice(REDUCED_MOTION_CHOICES),
        _same,
        'one of "system", "on", "off"',
        'Replace the breathing animation with text and a counter ("system" follows the desktop).',
    ),
    KeySpec(
        "break",
        "theme",
        _choice(THEME_CHOICES),
        _same,
        'one of "system", "light", "dark"',
        "Colours of the break window.",
    ),
    KeySpec(
        "break",
        "sound",
        _bool,
        _same,
        "true or false",
        "A soft chime at the start and end of a break (needs the optional sound extra).",
    ),
    KeySpec(
        "phrases",
        "needs",
        _subset_of(NEEDS),
        _list,
        _list_allowed(NEEDS),
        "Which kinds of kind words you would like to hear.",
    ),
    KeySpec(
        "phrases",
        "wind_down",
        _optional_hhmm,
        _dump_optional_hhmm,
        '"" (off) or ' + _HHMM_ALLOWED,
        "From this time on, phrases for winding down and sleep come first.",
    ),
    KeySpec(
        "system",
        "start_at_login",
        _bool,
        _same,
        "true or false",
        "Start kindtray when you log in.",
    ),
)

KEYS_BY_NAME: Final = {spec.key: spec for spec in KEYS}
SECTIONS: Final = tuple(dict.fromkeys(spec.section for spec in KEYS))


def _defaults() -> dict[str, Any]:
    settings = Settings()
    result: dict[str, Any] = {}
    for section_field in fields(Settings):
        section_name = "break" if section_field.name == "break_" else section_field.name
        section = getattr(settings, section_field.name)
        for f in fields(section):
            result[f"{section_name}.{f.name}"] = getattr(section, f.name)
    return result


DEFAULTS: Final = _defaults()


def short_repr(value: object, limit: int = 40) -> str:
    """Show a value the way it looks in TOML, shortened so a huge value cannot flood a message."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = '"' + value.replace("\n", "\\n") + '"'
    elif isinstance(value, dict):
        text = "a table"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
                "unknown keys kept as they are: " + ", ".join(unknown),
            )
        )
    return ReadResult(settings, tuple(problems), tuple(unknown), newer)


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
