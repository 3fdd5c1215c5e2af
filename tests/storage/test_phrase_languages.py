"""Phrase libraries per language: the English ids, English where a phrase is missing, a check."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindtray.core.phrases import SHIPPED_SOURCE, Phrase, PhraseLibrary
from kindtray.storage import phrase_languages
from kindtray.storage.phrase_languages import check_language, in_language
from kindtray.storage.phrase_store import load_library

ENGLISH = PhraseLibrary(
    [
        Phrase("arrive-pause", "arrive", "Pause for a moment.", SHIPPED_SOURCE),
        Phrase("arrive-yours", "arrive", "This minute is yours.", SHIPPED_SOURCE),
        Phrase("closing-thank-you", "closing", "Thank you for this minute.", SHIPPED_SOURCE),
        Phrase("user:mine", "arrive", "My own words.", "phrases.toml"),
    ]
)


@pytest.fixture
def library_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Write a language's library; the module finds it instead of the shipped one."""

    def write(text: str) -> None:
        path = tmp_path / "xx.toml"
        path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(phrase_languages, "find_resource", lambda *parts: path)

    return write


def test_a_translated_phrase_keeps_its_id_and_a_missing_one_stays_english(library_file):
    library_file('[arrive]\narrive-pause = "Halte einen Moment inne."\n')
    library, fallbacks = in_language(ENGLISH, "xx")
    assert [(p.id, p.text) for p in library.phrases] == [
        ("arrive-pause", "Halte einen Moment inne."),
        ("arrive-yours", "This minute is yours."),
        ("closing-thank-you", "Thank you for this minute."),
        ("user:mine", "My own words."),  # the person's own words are never replaced
    ]
    assert fallbacks == 2


def test_english_and_a_language_without_a_library_are_english(tmp_path: Path, monkeypatch):
    library, fallbacks = in_language(ENGLISH, "en")
    assert (library.phrases, fallbacks) == (ENGLISH.phrases, 0)
    monkeypatch.setattr(phrase_languages, "find_resource", _missing)
    library, fallbacks = in_language(ENGLISH, "fr")
    assert [p.text for p in library.phrases] == [p.text for p in ENGLISH.phrases]
    assert fallbacks == 3


def _missing(*parts: str) -> Path:
    raise FileNotFoundError("/".join(parts))


def test_the_check_names_missing_unknown_moved_and_too_long(library_file):
    library_file(
        "[arrive]\n"
        'arrive-pause = "Halte einen Moment inne."\n'
        f'arrive-yours = "{"Sehr lang " * 10}"\n'
        'arrive-gone = "Ein Satz, den es auf Englisch nicht gibt."\n'
        "[closing]\n"
        'arrive-moved = "Danke."\n'
    )
    found = check_language(ENGLISH, "xx")
    assert found.translated == 1
    assert found.missing == ("arrive-yours", "closing-thank-you")
    assert found.unknown == ("arrive-gone", "arrive-moved")
    assert len(found.problems) == 1 and "characters long" in found.problems[0]
    assert not found.fine
    assert found.lines()[0] == "xx: 1 of 3 phrases translated"


@pytest.mark.parametrize("language", ["de", "es"])
def test_the_shipped_libraries_use_only_english_ids_and_keep_the_rules(language: str):
    english, problems = load_library(None)
    assert problems == []
    found = check_language(english, language)
    assert (found.unknown, found.problems) == ((), ())
    assert found.translated >= 50  # every step of the break and the reminders, so far
