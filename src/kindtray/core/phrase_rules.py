"""The rules one phrase entry must meet, and what its words say about when it fits.

Owns: whether an id and its words may be used (one line of visible text, under 90
characters, no control, bidi or zero-width characters), how a misplaced value is named in a
problem message without showing its words, the form of the words compared for duplicates,
a phrase's voice (spoken to the reader or as the reader; in English, German or Spanish), and
the few lines that only fit after noon.

Must not: know about groups, files, TOML or line numbers (``kindtray.core.phrases`` reads
the library and reports where a problem is), or choose phrases. Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import time
from enum import StrEnum
from typing import Final

from kindtray.core.settings import short_repr
from kindtray.i18n import _

MAX_LENGTH: Final = 89
"""Longest phrase in characters: phrases stay under 90, so they fit two lines of the window."""

_ID = re.compile(r"[A-Za-z0-9_-]+")

# Control characters and bidi overrides; other invisible marks (a no-break space, the joiner
# inside an emoji) belong to real writing and stay allowed.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Unicode categories nobody can see: format (zero-width space and joiners, soft hyphen,
#: byte-order mark), line and paragraph separators, surrogates and private use.
_UNSEEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co"})
_JOINER = "\u200d"


def value_shape(value: object) -> str:
    """Show a misplaced value without its words: problem messages go to the private log."""
    if isinstance(value, str):
        return '"…"'
    if isinstance(value, list):
        return _("a list")
    return short_repr(value)


def check_entry(key: str, value: object) -> tuple[str | None, str]:
    """Return (reason it is bad or None, the cleaned words)."""
    if not _ID.fullmatch(key):
        return _('an id may use only letters, digits, "-" and "_"'), ""
    if not isinstance(value, str):
        # Translators: {value} is the value's shape as in the file (3, true, a list).
        return _("{value} is not text; put the words in quotes").format(
            value=value_shape(value)
        ), ""  # fmt: skip
    words = value.strip()
    if not words:
        return _("the phrase is empty"), ""
    if any(c in words for c in "\n\r\u2028\u2029\x0b\x0c\x85"):
        return _("the phrase has more than one line; keep it on one line"), ""
    if len(words) > MAX_LENGTH:
        text = _("the phrase is {length} characters long; phrases stay under {most}")
        return text.format(length=len(words), most=MAX_LENGTH + 1), ""
    if _HIDDEN.search(words) or _has_unseen(words):
        # Escape sequences, NUL, bidi overrides, zero-width or other format characters:
        # invisible, and a terminal would act on some of them.
        return (
            _(
                "the phrase holds invisible characters (control, zero-width or format "
                "characters); write plain words"
            ),
            "",
        )
    return None, words


def _has_unseen(words: str) -> bool:
    for at, char in enumerate(words):
        if unicodedata.category(char) not in _UNSEEN:
            continue
        if char == _JOINER and _joins_symbols(words, at):
            continue  # an emoji sequence such as a family: the joiner is part of the picture
        return True
    return False


def _joins_symbols(words: str, at: int) -> bool:
    before, after = words[at - 1 : at], words[at + 1 : at + 2]
    return bool(before and after) and all(
        unicodedata.category(c)[0] in "SM" for c in (before, after)
    )


def normalized(text: str) -> str:
    """Return the words as compared for duplicates: case and spacing do not count."""
    return " ".join(text.casefold().split())


class Voice(StrEnum):
    """Who speaks in a phrase: to the reader ("you"), as the reader ("I"), or neither."""

    YOU = "you"
    I = "I"  # noqa: E741 - the word itself, not a lower-case l
    ANY = "any"


# "I" only as a capital letter (a lower-case "i" is a typo, not a voice); the other words in
# any case, so a sentence may start with them.
_SECOND_PERSON = re.compile(r"\b(?i:you|your|yours|yourself)\b")
_FIRST_PERSON = re.compile(r"\bI\b|\b(?i:me|my|mine|myself)\b")

ENGLISH: Final = "en"
"""The language of the shipped library, and of words whose language has no pronouns here."""

# Each language's (to the reader, as the reader) pronouns, keyed like resources/phrases/<lang>.toml.
# Only whole words count: a Spanish pronoun joined to its verb ("tómate", "permíteme") is not
# seen, so a line in Spanish carries its voice in a word of its own ("te", "tu", "me", "mi").
_PRONOUNS: Final[dict[str, tuple[re.Pattern[str], re.Pattern[str]]]] = {
    ENGLISH: (_SECOND_PERSON, _FIRST_PERSON),
    "de": (
        re.compile(r"\b(?i:du|dich|dir|dein|deine[mnrs]?)\b"),
        re.compile(r"\b(?i:ich|mich|mir|mein|meine[mnrs]?)\b"),
    ),
    "es": (
        re.compile(r"\b(?i:tú|te|ti|tu|tus|contigo|tuyo|tuya|tuyos|tuyas)\b"),
        re.compile(r"\b(?i:yo|me|mí|mi|mis|conmigo|mío|mía|míos|mías)\b"),
    ),
}


def voice_of(words: str, language: str = ENGLISH) -> Voice:
    """Return the voice of a phrase, read from its words in ``language`` ("en", "de", "es").

    A phrase with "you" or "your" speaks to the reader, whoever else it names ("I am glad you
    are here" is someone speaking to you), so it is YOU; one with only "I", "me" or "my"
    speaks as the reader; one with neither fits a break in either voice. Every phrase has a
    voice this way, so none is refused for it; the shipped library keeps to one person per
    line, which a test checks. German and Spanish count their own pronouns (du, dich, dir,
    dein… / ich, mich, mir, mein…; tú, te, ti, tu… / yo, me, mí, mi…); another language is
    read with the English ones.
    """
    second, first = _PRONOUNS.get(language, _PRONOUNS[ENGLISH])
    if second.search(words):
        return Voice.YOU
    if first.search(words):
        return Voice.I
    return Voice.ANY


def fits_voice(words: str, voice: Voice) -> bool:
    """Return True if a phrase can be shown in a break that speaks in ``voice``."""
    own = voice_of(words)
    return own is Voice.ANY or voice is Voice.ANY or own is voice


MORNING: Final = (time(4, 0), time(12, 0))
"""From the end of the night until noon."""

LOOKS_BACK_ON_THE_DAY: Final = frozenset({"body-thank-you", "body-carried-you"})
"""Shipped ids of lines that thank the body for the day: they read wrongly before noon."""


def fits_the_hour(phrase_id: str, moment: time) -> bool:
    """Return False for a line that looks back on the day when it is still morning."""
    start, noon = MORNING
    return phrase_id not in LOOKS_BACK_ON_THE_DAY or not start <= moment < noon
