"""The pseudo-language's check, shared by the windows' walk and the command line's tests.

Under ``LANGUAGE=x-pseudo`` every text that went through translation comes back inside
``⟦…⟧``. What stands outside the marks never went through it, unless it is one of a few
narrow kinds of data named here: text with no letters (numbers, times, punctuation, the
mood shapes), the program's own name and its command lines, and the exact texts an
``Exempt`` lists (the loaded phrase library, the help page read from its file, the paths
and values the person wrote). Imports no Qt: the command line's tests use it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from kindtray import i18n

_MARKED = re.compile(re.escape(i18n.PSEUDO_OPEN) + r"[^⟦⟧]*" + re.escape(i18n.PSEUDO_CLOSE))
# The program's name, alone or as a command someone types ("kindtray break --help"): a name
# and a command stay as they are in every language.
_COMMAND = re.compile(r"\bkindtray(?:\s+(?:--?)?[a-z0-9][\w:.-]*)*")


@dataclass(frozen=True)
class Exempt:
    """Exact texts that are data, not kindtray's words: each with the reason it is data.

    ``texts`` maps a text to why it may stand unmarked ("phrase library", "help page",
    "a path"). A text counts only when it appears whole; the longest are taken out first.
    """

    texts: dict[str, str] = field(default_factory=dict)

    def with_texts(self, texts: Iterable[str], reason: str) -> Exempt:
        """These ``texts`` too, for ``reason``."""
        more = {_spaced(text): reason for text in texts if text.strip()}
        return Exempt({**self.texts, **more})

    def take_out(self, text: str) -> str:
        """``text`` with every exempt text in it replaced by a space.

        Spaces count as one: a window may break a phrase into lines.
        """
        text = _spaced(text)
        if text in self.texts:
            return ""
        for known in sorted(self.texts, key=len, reverse=True):
            if len(known) >= 8 and known in text:  # short texts only count whole
                text = text.replace(known, " ")
        return text


def _spaced(text: str) -> str:
    return " ".join(text.split())


def unmarked(text: str, exempt: Exempt | None = None) -> str:
    """What of ``text`` did not go through translation ("" when all of it did).

    Marks nest (a translated day inside a translated sentence): the innermost go first.
    """
    rest = text
    while _MARKED.search(rest):
        rest = _MARKED.sub(" ", rest)
    if exempt is not None:
        rest = exempt.take_out(rest)
    rest = _COMMAND.sub(" ", rest)
    if not any(char.isalpha() for char in rest):
        return ""
    return " ".join(rest.split())


def unmarked_lines(text: str, exempt: Exempt | None = None) -> list[str]:
    """The lines of ``text`` (a command's output) with words outside the marks."""
    return [line for line in text.splitlines() if unmarked(line, exempt)]
