"""The phrase libraries in other languages: ``resources/phrases/<lang>.toml``, by English ids.

Owns reading a language's library, laying it over the English one, and checking it. A
language's file has exactly the format of ``en.toml`` and uses its ids: the same id is the same
phrase in every language, so the history (which keeps ids) means the same whatever language
it was written in, and a phrase not translated yet is shown in English. The check lists ids
English has and the language lacks (missing), ids English does not have or keeps in another
group (unknown), and every entry the phrase rules refuse (too long, empty, two lines).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final

from kindtray.assets import find_resource
from kindtray.core.phrases import (
    SHIPPED_GROUPS,
    SHIPPED_SOURCE,
    Phrase,
    PhraseLibrary,
    parse_phrases,
)

ENGLISH: Final = "en"


def source_name(language: str) -> str:
    """How messages name a language's shipped library."""
    return SHIPPED_SOURCE.replace("/en.toml", f"/{language}.toml")


def read_language(language: str) -> tuple[list[Phrase], list[str]]:
    """The phrases of ``language``'s shipped library, and its problems; none for English.

    A language without a library has no phrases and no problems: all of it is English.
    """
    if language == ENGLISH:
        return [], []
    try:
        text = find_resource("phrases", f"{language}.toml").read_text("utf-8")
    except FileNotFoundError:
        return [], []
    except (OSError, UnicodeDecodeError) as exc:
        return [], [f"{source_name(language)}: could not be read ({exc}); English is used"]
    return parse_phrases(text, source_name(language), groups=SHIPPED_GROUPS)


def in_language(library: PhraseLibrary, language: str) -> tuple[PhraseLibrary, int]:
    """``library`` with each shipped phrase in ``language`` where it is translated.

    Ids, groups, the user's marks and the user's own words stay as they are. Each phrase
    knows its language, so its voice is read with that language's pronouns (a German line
    with "dich" speaks to the reader): a translated line is in ``language``, an untranslated
    one in English, and the user's own words are read as written in ``language``, the one
    the person uses kindtray in. Returns the library and how many shipped phrases fell back
    to English.
    """
    if language == ENGLISH:
        return library, 0
    translated = {p.id: p.text for p in read_language(language)[0]}
    phrases = []
    fallbacks = 0
    for phrase in library.phrases:
        if phrase.source != SHIPPED_SOURCE:
            phrase = replace(phrase, language=language)
        elif phrase.id in translated:
            phrase = replace(phrase, text=translated[phrase.id], language=language)
        else:
            fallbacks += 1
        phrases.append(phrase)
    return PhraseLibrary(phrases, library.marks), fallbacks


@dataclass(frozen=True)
class LanguageCheck:
    """What checking one language's phrase library found."""

    language: str
    translated: int
    missing: tuple[str, ...]
    unknown: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def fine(self) -> bool:
        """Every English phrase translated, nothing unknown, nothing refused."""
        return not (self.missing or self.unknown or self.problems)

    def lines(self) -> list[str]:
        """The report, one line each, for a terminal."""
        total = self.translated + len(self.missing)
        found = [f"{self.language}: {self.translated} of {total} phrases translated"]
        found += [f"  missing (English is shown): {i}" for i in self.missing]
        found += [f"  unknown id, or in another group than in English: {i}" for i in self.unknown]
        found += [f"  {problem}" for problem in self.problems]
        return found


def check_language(english: PhraseLibrary, language: str) -> LanguageCheck:
    """Compare ``language``'s library with the shipped English phrases in ``english``."""
    phrases, problems = read_language(language)
    wanted = {p.id: p.group for p in english.phrases if p.source == SHIPPED_SOURCE}
    have = {p.id: p.group for p in phrases}
    return LanguageCheck(
        language,
        translated=sum(1 for i, group in have.items() if wanted.get(i) == group),
        missing=tuple(i for i in wanted if i not in have),
        unknown=tuple(i for i, group in have.items() if wanted.get(i) != group),
        problems=tuple(problems),
    )
