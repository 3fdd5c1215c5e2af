"""What is wrong with a phrase ("My words", ``kindtray phrases``) is said in German and Spanish."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kindtray import i18n
from kindtray.core.phrase_rules import check_entry
from kindtray.core.phrases import SHIPPED_SOURCE, Phrase, PhraseLibrary, check_phrase
from tools import translations

TOO_LONG = "Long words " * 10


@pytest.fixture(params=["de", "es"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    translations.compile_all()
    i18n.use_language(request.param)
    yield str(request.param)
    i18n.use_language(i18n.SYSTEM)


def test_a_phrases_problems_speak_the_language(language: str) -> None:
    long_reason = check_entry("mine", TOO_LONG)[0]
    id_reason = check_entry("my id", "Words.")[0]
    library = PhraseLibrary([Phrase("calm-1", "arrive", "I am here.", SHIPPED_SOURCE)])
    twin = check_phrase(library, "phrases.toml", "arrive", "mine", "I am here.")
    expected = {
        "de": (
            "der Satz ist 109 Zeichen lang; Sätze bleiben unter 90",
            "eine Kennung darf nur Buchstaben",
            "phrases.toml: [arrive] mine: dieselben Worte wie „calm-1“ (ein mitgelieferter Satz)",
        ),
        "es": (
            "la frase tiene 109 caracteres; las frases se quedan por debajo de 90",
            "un identificador solo puede llevar letras",
            'phrases.toml: [arrive] mine: las mismas palabras que "calm-1" (una frase incluida)',
        ),
    }[language]
    assert long_reason == expected[0]
    assert id_reason is not None and id_reason.startswith(expected[1])
    assert twin == expected[2]


def test_english_stays_as_it_was() -> None:
    assert check_entry("mine", TOO_LONG)[0] == (
        "the phrase is 109 characters long; phrases stay under 90"
    )
