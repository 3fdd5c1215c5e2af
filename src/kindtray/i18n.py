"""The language kindtray speaks: which one, its translated words, and its dates and times.

Owns the choice of language (the ``system.language`` setting, else the environment's
``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG``, else the desktop's UI languages that the Qt
side hands in on Windows and macOS), the gettext catalog of that language
(``resources/translations/<lang>.mo``, compiled from the ``.po`` sources at build time), the
``_``/``ngettext``/``pgettext`` every module calls, and the locale's way of writing a clock
time and a day, which live in the catalog too (so the command line needs no Babel and no Qt).

``x-pseudo`` is a pseudo-language for tests: every translated text comes back marked and
longer, so a test can see text that never went through translation. Why gettext and not Qt's
linguist tools: docs/design/translations.md. Imports no Qt: the offline commands use it.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # the command line's quick commands import this module without datetime
    from datetime import date, datetime, time

__all__ = [
    "PSEUDO",
    "SYSTEM",
    "N_",
    "_",
    "available_languages",
    "current_language",
    "format_day",
    "format_time",
    "ngettext",
    "npgettext",
    "pgettext",
    "pick_language",
    "set_ui_languages",
    "system_languages",
    "use_language",
    "weekday_name",
]

SYSTEM: Final = "system"
"""The setting's value for "follow the environment"."""
PSEUDO: Final = "x-pseudo"
"""The test pseudo-language: every translated text marked and about 30 % longer."""
ENGLISH: Final = "en"
PSEUDO_OPEN: Final = "⟦"
PSEUDO_CLOSE: Final = "⟧"


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it (module-level constants)."""
    return message


class _Pseudo(gettext.NullTranslations):
    """Every text marked with ⟦ ⟧, its letters accented and padded; placeholders kept."""

    _FIELD = re.compile(r"(\{[^{}]*\}|%\([a-z_]+\)[sd]|%[sd])")
    _ACCENTS = str.maketrans("aeiouAEIOUcnyCNY", "áéíóúÁÉÍÓÚçñýÇÑÝ")

    def gettext(self, message: str) -> str:
        parts = self._FIELD.split(message)
        shown = "".join(p if i % 2 else p.translate(self._ACCENTS) for i, p in enumerate(parts))
        letters = sum(len(p) for p in parts[::2])
        return f"{PSEUDO_OPEN}{shown}{'·' * max(1, (letters * 3 + 9) // 10)}{PSEUDO_CLOSE}"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return self.gettext(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self.ngettext(msgid1, msgid2, n)


class _State:
    setting: str = SYSTEM
    ui_languages: tuple[str, ...] = ()
    language: str | None = None  # resolved lazily, on the first translated text
    catalog: gettext.NullTranslations = gettext.NullTranslations()


def use_language(setting: str) -> None:
    """Speak ``setting``'s language from now on: a language code, or ``"system"``."""
    _State.setting = setting or SYSTEM
    _State.language = None


def set_ui_languages(languages: Iterable[str]) -> None:
    """Take the desktop's UI languages, best first (Qt's ``QLocale.uiLanguages()``).

    For Windows and macOS, where the environment usually names none; it still comes first.
    """
    _State.ui_languages = tuple(languages)
    _State.language = None


def system_languages(environ: Mapping[str, str] | None = None) -> list[str]:
    """The languages the environment asks for, best first, as gettext reads them.

    ``LANGUAGE`` (a colon-separated list) counts unless the locale is ``C``/``POSIX``; else the
    first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set.
    """
    env = os.environ if environ is None else environ
    locale = next((env[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(v)), "")
    plain = _normalized(locale) in ("", ENGLISH) and locale.split(".")[0] in ("", "C", "POSIX")
    if env.get("LANGUAGE") and not (locale and plain):
        return [_normalized(code) for code in env["LANGUAGE"].split(":") if code]
    return [_normalized(locale)] if locale else []


def _normalized(code: str) -> str:
    """``de_DE.UTF-8`` -> ``de_DE``, ``es-ES`` -> ``es_ES``, ``C`` -> ``en``."""
    if code == PSEUDO:
        return code
    code = code.split(".")[0].split("@")[0].replace("-", "_")
    return ENGLISH if code in ("C", "POSIX") else code


def available_languages() -> tuple[str, ...]:
    """English and every language with a compiled catalog in this install, sorted."""
    from kindtray.assets import resource_root

    try:
        folder = resource_root() / "translations"
    except FileNotFoundError:
        return (ENGLISH,)
    return tuple(sorted({ENGLISH, *(p.stem for p in folder.glob("*.mo"))}))


def pick_language(wanted: Sequence[str], available: Iterable[str]) -> str:
    """The first of ``wanted`` this install speaks (``de_AT`` finds ``de``); else English."""
    have = set(available) | {ENGLISH, PSEUDO}
    for code in wanted:
        code = _normalized(code)
        for candidate in (code, code.split("_")[0]):
            if candidate in have:
                return candidate
    return ENGLISH


def current_language() -> str:
    """The language kindtray speaks now (resolving it on first use)."""
    _catalog()
    assert _State.language is not None
    return _State.language


def _catalog() -> gettext.NullTranslations:
    if _State.language is None:
        if _State.setting != SYSTEM:
            wanted = [_State.setting]
        else:
            wanted = [*system_languages(), *_State.ui_languages]
        language = pick_language(wanted, available_languages())
        _State.catalog = _load(language)
        _State.language = language
    return _State.catalog


def _load(language: str) -> gettext.NullTranslations:
    if language == PSEUDO:
        return _Pseudo()
    if language == ENGLISH:
        return gettext.NullTranslations()
    from kindtray.assets import find_resource

    try:
        with find_resource("translations", f"{language}.mo").open("rb") as file:
            return gettext.GNUTranslations(file)
    except (OSError, ValueError):  # a missing or broken catalog: English rather than no words
        return gettext.NullTranslations()


def _(message: str) -> str:
    """``message`` in the current language."""
    return _catalog().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for ``n`` in the current language's plural rule."""
    return _catalog().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, for the meaning ``context`` names."""
    return _catalog().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """``ngettext`` with a ``context``."""
    return _catalog().npgettext(context, singular, plural, n)


# -- dates and times: the patterns and names come from the catalog, like every other text --


def format_time(when: datetime | time) -> str:
    """A clock time the locale's way: "14:32"."""
    # Translators: a clock time; {hour} is 00-23, {hour12} 1-12, {minute} 00-59, {ampm} AM/PM.
    pattern = pgettext("clock time", "{hour}:{minute}")
    return pattern.format(
        hour=f"{when.hour:02d}",
        hour12=str((when.hour + 11) % 12 + 1),
        minute=f"{when.minute:02d}",
        ampm="AM" if when.hour < 12 else "PM",
    )


def weekday_name(day: date) -> str:
    """The day's short weekday name: "Mon", "Mo.", "lun"."""
    # Written out, so that the extractor finds every name for the catalog.
    return (
        pgettext("short weekday", "Mon"),
        pgettext("short weekday", "Tue"),
        pgettext("short weekday", "Wed"),
        pgettext("short weekday", "Thu"),
        pgettext("short weekday", "Fri"),
        pgettext("short weekday", "Sat"),
        pgettext("short weekday", "Sun"),
    )[day.weekday()]


def format_day(day: date) -> str:
    """A day the locale's way, short: "Mon 07 Dec", "Mo., 7. Dez."."""
    # Translators: a short date; {weekday} and {month} are the short names, {day} the
    # day of the month (write {day:02d} for 07).
    pattern = pgettext("short date", "{weekday} {day:02d} {month}")
    return pattern.format(
        weekday=weekday_name(day),
        day=day.day,
        month=_month_name(day.month),
    )


def _month_name(month: int) -> str:
    return (
        pgettext("short month", "Jan"),
        pgettext("short month", "Feb"),
        pgettext("short month", "Mar"),
        pgettext("short month", "Apr"),
        pgettext("short month", "May"),
        pgettext("short month", "Jun"),
        pgettext("short month", "Jul"),
        pgettext("short month", "Aug"),
        pgettext("short month", "Sep"),
        pgettext("short month", "Oct"),
        pgettext("short month", "Nov"),
        pgettext("short month", "Dec"),
    )[month - 1]
