"""The kinds of value a setting can hold, and the shape of one setting's declaration.

What this module owns: ``KeySpec`` (one row of the declaration table in ``settings_keys.py``), and
for each kind of value how a raw TOML value is checked and parsed, how a model value is
written back, and how the allowed values are put into words. Bounds and choices live only in
the table; everything here reads them from the KeySpec. It must not import Qt or touch files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from enum import Enum
from typing import Any

from kindtray.i18n import N_, _


class InvalidValue(ValueError):
    """A raw value that a key does not accept; its text says what is allowed."""


class Kind(Enum):
    """What a setting holds; it picks the parser, the writer and the control that edits it."""

    NUMBER = "number"  # a whole number within low..high
    SWITCH = "switch"  # true or false
    CHOICE = "choice"  # one of choices
    SUBSET = "subset"  # a list of distinct choices (days, needs)
    TIME = "time"  # "HH:MM"
    OPTIONAL_TIME = "optional time"  # "" (off) or "HH:MM"


class Page(Enum):
    """The settings dialog's page that shows a setting (its tab title, with mnemonic).

    The values are catalog texts in English: ``_(page.value)`` is the title shown.
    """

    REMINDERS = N_("&Reminders")
    WAITING = N_("&Quiet times")
    BREAK = N_("The &break")
    PHRASES = N_("&Phrases")
    SYSTEM = N_("&System")


@dataclass(frozen=True)
class KeySpec:
    """One setting, declared once: where it lives, what it allows, and how it is shown.

    ``label`` is its row's title in the settings dialog (keys with the same label share one
    row), ``hint`` the line under that title, and ``group`` the heading of the box of rows it
    sits in (keys of one group sit together, in the order of their first key); ``text`` is a
    switch's own words where it has them (the welcome). ``welcome`` is the welcome window's
    label for it, None when the welcome does not show it. ``help`` says in one line what the
    key means for someone editing the file (docs/files.md, check-config).

    The words a person reads in a window (label, hint, group, choice labels, text, unit,
    prefix, accessible, welcome) are catalog texts in English, marked with ``N_``; the windows
    translate them when they show them. ``help`` stays English: it is the file's reference.
    """

    section: str
    name: str
    kind: Kind
    default: Any
    page: Page
    label: str
    help: str
    hint: str | None = None
    low: int = 0
    high: int = 0
    choices: tuple[str, ...] = ()
    choice_labels: Mapping[str, str] = field(default_factory=dict)
    text: str = ""
    unit: str = ""
    prefix: str = ""
    accessible: str = ""
    welcome: str | None = None
    group: str = ""

    @property
    def key(self) -> str:
        """The dotted key as users see it, e.g. ``reminders.interval_minutes``."""
        return f"{self.section}.{self.name}"

    @property
    def attr_section(self) -> str:
        """The attribute of Settings that holds this key's section."""
        return "break_" if self.section == "break" else self.section

    @property
    def title(self) -> str:
        """The plain name of this key's control, translated: ``accessible``, else the label's."""
        return _(self.accessible) if self.accessible else _(self.label).replace("&", "")

    @property
    def allowed(self) -> str:
        """What the key allows, in the words of a problem message (the values stay literal)."""
        if self.kind is Kind.NUMBER:
            return _("a whole number from {low} to {high}").format(low=self.low, high=self.high)
        if self.kind is Kind.SWITCH:
            # Translators: true and false are the file's literal values: keep them as they are.
            return _("true or false")
        if self.kind is Kind.CHOICE:
            # Translators: {values} are the file's literal values, quoted: "system", "on", "off".
            return _("one of {values}").format(values=_quoted(self.choices))
        if self.kind is Kind.SUBSET:
            return _("a list of distinct values from {values}").format(values=_quoted(self.choices))
        if self.kind is Kind.TIME:
            return _(HHMM_ALLOWED)
        # Translators: "" is the file's literal value for "off"; keep it.
        return _('"" (off) or {time}').format(time=_(HHMM_ALLOWED))

    def parse(self, raw: object) -> Any:
        """Turn a raw TOML value into the model's value; raise InvalidValue if not allowed."""
        kind = self.kind
        if kind is Kind.NUMBER:
            if (
                isinstance(raw, bool)
                or not isinstance(raw, int)
                or not self.low <= raw <= self.high
            ):
                raise InvalidValue(self.allowed)
            return raw
        if kind is Kind.SWITCH:
            if not isinstance(raw, bool):
                raise InvalidValue(self.allowed)
            return raw
        if kind is Kind.CHOICE:
            if not isinstance(raw, str) or raw not in self.choices:
                raise InvalidValue(self.allowed)
            return raw
        if kind is Kind.SUBSET:
            return self._parse_subset(raw)
        if kind is Kind.OPTIONAL_TIME and raw == "":
            return None
        try:
            return parse_hhmm(raw)
        except InvalidValue:
            raise InvalidValue(self.allowed) from None

    def _parse_subset(self, raw: object) -> tuple[str, ...]:
        if not isinstance(raw, list) or not all(
            isinstance(v, str) and v in self.choices for v in raw
        ):
            raise InvalidValue(self.allowed)
        if len(set(raw)) != len(raw):
            raise InvalidValue(_("{allowed} (each at most once)").format(allowed=self.allowed))
        # Canonical order, so equal choices compare equal and files stay tidy.
        return tuple(o for o in self.choices if o in raw)

    def reference_row(self) -> str:
        """This key as a row of docs/files.md's settings table: key, default, allowed, meaning."""
        default = self.dump(self.default)
        if self.kind is Kind.SUBSET and tuple(self.default) == self.choices:
            shown = "all"
        else:
            shown = "`" + json.dumps(default, ensure_ascii=False) + "`"
        allowed = {
            Kind.NUMBER: f"{self.low}–{self.high}",
            Kind.SWITCH: "`true`/`false`",
            Kind.CHOICE: ", ".join(f'`"{o}"`' for o in self.choices),
            Kind.SUBSET: "any of " + ", ".join(f'`"{o}"`' for o in self.choices),
            Kind.TIME: '`"HH:MM"`, 24-hour',
            Kind.OPTIONAL_TIME: '`""` (off) or `"HH:MM"`',
        }[self.kind]
        return f"| `{self.key}` | {shown} | {allowed} | {self.help} |"

    def dump(self, value: Any) -> object:
        """Turn a model value into the TOML value written to the file."""
        if self.kind is Kind.SUBSET:
            return list(value)
        if self.kind is Kind.TIME:
            return format_hhmm(value)
        if self.kind is Kind.OPTIONAL_TIME:
            return "" if value is None else format_hhmm(value)
        return value


def _quoted(options: tuple[str, ...]) -> str:
    return ", ".join(f'"{o}"' for o in options)


_HHMM = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
# Translators: "HH:MM", "09:00" and "21:30" are literal values of the file: keep them.
HHMM_ALLOWED = N_('a time of day as "HH:MM" on a 24-hour clock, e.g. "09:00" or "21:30"')


def parse_hhmm(raw: object) -> time:
    """Parse ``"HH:MM"`` (24-hour) into a time; raise InvalidValue otherwise."""
    if not isinstance(raw, str) or not _HHMM.fullmatch(raw):
        raise InvalidValue(_(HHMM_ALLOWED))
    hours, minutes = raw.split(":")
    return time(int(hours), int(minutes))


def format_hhmm(value: time) -> str:
    """Format a time as ``"HH:MM"``."""
    return f"{value.hour:02d}:{value.minute:02d}"


def short_repr(value: object, limit: int = 40) -> str:
    """Show a value the way it looks in TOML, shortened so a huge value cannot flood a message."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = '"' + printable(value[: limit + 1]) + '"'
    elif isinstance(value, dict):
        text = "a table"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def printable(text: str) -> str:
    """Escape what a terminal would act on (escape sequences, NUL, bidi overrides, newlines)."""
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def _escape(char: str) -> str:
    return "\\n" if char == "\n" else f"\\u{ord(char):04x}"
