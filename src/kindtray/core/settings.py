"""The user's preferences: the typed, frozen model, and reading and writing its documents.

This module owns the model built on the declaration (``kindtray.core.settings_keys``, which
says once what each key means), validation of one value, and turning a TOML document into
Settings and back. The declaration's names are re-exported here, as the public face of
settings. It reads from and writes to plain TOML documents (dicts); it never touches files
(the settings store does) and never imports Qt. Every problem message names the file, the
key, the value found and what is allowed, so a user can fix a hand-edited file without
guessing.
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
from kindtray.core.settings_keys import (
    DAYS,
    DEFAULTS,
    KEYS,
    KEYS_BY_NAME,
    NEEDS,
    REDUCED_MOTION_CHOICES,
    SECTIONS,
    THEME_CHOICES,
)
from kindtray.i18n import _, ngettext

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

SCHEMA_VERSION: Final = 2
"""2: ``phrases.needs`` equal to the old default (all nine) is dropped, so the new, smaller
default applies (``kindtray.storage.settings_store.MIGRATIONS``)."""


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
    breaths_per_minute: int = _default("break.breaths_per_minute")
    mood_check_in: bool = _default("break.mood_check_in")
    reduced_motion: str = _default("break.reduced_motion")
    theme: str = _default("break.theme")
    sound: bool = _default("break.sound")
    volume_percent: int = _default("break.volume_percent")


@dataclass(frozen=True)
class PhraseSettings:
    """Which kinds of phrases the user wants, and when the wind-down begins."""

    needs: tuple[str, ...] = _default("phrases.needs")
    wind_down: time | None = _default("phrases.wind_down")


@dataclass(frozen=True)
class SystemSettings:
    """How kindtray fits into the user's session."""

    start_at_login: bool = _default("system.start_at_login")
    language: str = _default("system.language")


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
        return _not_allowed(raw, str(exc))
    return None


def _not_allowed(raw: object, allowed: str) -> str:
    # Translators: {value} is the value as written in the file; {allowed} says what is
    # allowed, with the file's literal values (its own text).
    return _("{value} is not allowed; use {allowed}").format(value=short_repr(raw), allowed=allowed)


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
        problems.append(Problem(file, "schema", _not_allowed(schema, str(SCHEMA_VERSION))))
    elif schema > SCHEMA_VERSION:
        newer = schema
        problems.append(
            Problem(
                file,
                "schema",
                _(
                    "this file is from a newer kindtray (schema {schema}); settings this "
                    "version understands are used, and the file will not be changed"
                ).format(schema=schema),
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
            # Translators: [{section}] is how a table starts in the file: keep the brackets.
            text = _("{value} should be a table [{section}]")
            problems.append(
                Problem(file, top_key, text.format(value=short_repr(top_value), section=top_key))
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
                        # Translators: {default} is the value used instead, as in the file.
                        _(
                            "{value} is not allowed; use {allowed}. Using the default, {default}."
                        ).format(
                            value=short_repr(raw),
                            allowed=exc,
                            default=short_repr(spec.dump(spec.default)),
                        ),
                    )
                )
                continue
            settings = settings.with_value(key, value)

    if unknown:
        problems.append(
            Problem(
                file,
                "",
                # Translators: {keys} is a list of the file's keys, as written there.
                _("unknown keys kept as they are: {keys}").format(keys=_some(unknown)),
            )
        )
    return ReadResult(settings, tuple(problems), tuple(unknown), newer)


def _some(names: list[str], shown: int = 10) -> str:
    # A file with thousands of unknown keys must not become a message of thousands of lines.
    listed = ", ".join(
        printable(name) if len(name) <= 60 else printable(name[:59]) + "…" for name in names[:shown]
    )
    if len(names) <= shown:
        return listed
    more = len(names) - shown
    # Translators: {keys} is a list of keys, {count} how many more were not listed.
    return ngettext("{keys} and {count} more", "{keys} and {count} more", more).format(
        keys=listed, count=more
    )


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
