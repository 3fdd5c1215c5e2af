"""The rules one phrase entry must meet, and what makes two phrases the same words.

Owns: whether an id and its words may be used (one line of visible text, under 90
characters, no control, bidi or zero-width characters), how a misplaced value is named in a
problem message without showing its words, and the form of the words compared for
duplicates.

Must not: know about groups, files, TOML or line numbers (``kindtray.core.phrases`` reads
the library and reports where a problem is), or choose phrases. Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from kindtray.core.settings import short_repr

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
        return "a list"
    return short_repr(value)


def check_entry(key: str, value: object) -> tuple[str | None, str]:
    """Return (reason it is bad or None, the cleaned words)."""
    if not _ID.fullmatch(key):
        return 'an id may use only letters, digits, "-" and "_"', ""
    if not isinstance(value, str):
        return f"{value_shape(value)} is not text; put the words in quotes", ""
    words = value.strip()
    if not words:
        return "the phrase is empty", ""
    if any(c in words for c in "\n\r\u2028\u2029\x0b\x0c\x85"):
        return "the phrase has more than one line; keep it on one line", ""
    if len(words) > MAX_LENGTH:
        return f"the phrase is {len(words)} characters long; phrases stay under 90", ""
    if _HIDDEN.search(words) or _has_unseen(words):
        # Escape sequences, NUL, bidi overrides, zero-width or other format characters:
        # invisible, and a terminal would act on some of them.
        return (
            "the phrase holds invisible characters (control, zero-width or format "
            "characters); write plain words",
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
