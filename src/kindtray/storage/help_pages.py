"""The short help pages shipped with kindtray ("Why this helps"), read from resources/help/.

Owns reading one page in one language (``<name>.<language>.toml``: a title, an intro and
sections of a heading and a text), so a translation is one more file beside it. The words
themselves live in that file, not in code. No Qt.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from kindtray.assets import find_resource

__all__ = ["HelpPage", "HelpSection", "load_help_page"]

_SCHEMA = 1


@dataclass(frozen=True)
class HelpSection:
    """One heading and its paragraph."""

    heading: str
    text: str


@dataclass(frozen=True)
class HelpPage:
    """A help page: its title, a short intro, and its sections in order."""

    title: str
    intro: str
    sections: tuple[HelpSection, ...]

    def plain_text(self) -> str:
        """The whole page as plain text, headings on their own lines (for a screen reader)."""
        parts = [self.title, self.intro]
        for section in self.sections:
            parts += [section.heading, section.text]
        return "\n\n".join(parts)


def load_help_page(name: str, language: str = "en") -> HelpPage:
    """Read the help page ``name`` in ``language``, falling back to English.

    Raises:
        FileNotFoundError: the page is not shipped in this install.
        ValueError: the file is not a help page this kindtray can read.
    """
    try:
        path = find_resource("help", f"{name}.{language}.toml")
    except FileNotFoundError:
        if language == "en":
            raise
        path = find_resource("help", f"{name}.en.toml")
    with path.open("rb") as handle:
        document = tomllib.load(handle)
    if document.get("schema") != _SCHEMA:
        raise ValueError(f"{path}: not a help page of schema {_SCHEMA}")
    try:
        sections = tuple(
            HelpSection(_text(item["heading"]), _text(item["text"])) for item in document["section"]
        )
        return HelpPage(_text(document["title"]), _text(document["intro"]), sections)
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{path}: a help page needs a title, an intro and sections") from exc


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    # Multi-line TOML strings start with a newline kept for readability in the file.
    return value.strip()
