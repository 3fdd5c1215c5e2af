"""The German phrase library: the same ids as English, every line usable, each in its voice.

Read with kindtray's own parser, so a line the app would refuse fails here first.
"""

from __future__ import annotations

import re
import tomllib

import pytest

from kindtray.assets import find_resource
from kindtray.core.phrase_rules import MAX_LENGTH, Voice, voice_of
from kindtray.core.phrases import (
    GROUPS,
    RETIRED_GROUP,
    SHIPPED_GROUPS,
    Phrase,
    PhraseLibrary,
    check_phrase,
    parse_phrases,
)

SOURCE = "resources/phrases/de.toml"


def _read(language: str) -> tuple[list[Phrase], list[str]]:
    text = find_resource("phrases", f"{language}.toml").read_text("utf-8")
    return parse_phrases(text, f"resources/phrases/{language}.toml", groups=SHIPPED_GROUPS)


@pytest.fixture(scope="module")
def english() -> dict[str, Phrase]:
    phrases, problems = _read("en")
    assert problems == []
    return {p.id: p for p in phrases}


@pytest.fixture(scope="module")
def german() -> dict[str, Phrase]:
    phrases, problems = _read("de")
    assert problems == [], "\n".join(problems)
    return {p.id: p for p in phrases}


def test_every_table_of_the_file_is_one_kindtray_knows() -> None:
    # parse_phrases reports an unknown table, but a misspelt table that is still a dict of
    # ids could hide ids from the comparison below: check the raw tables too.
    document = tomllib.loads(find_resource("phrases", "de.toml").read_text("utf-8"))
    assert set(document) <= set(SHIPPED_GROUPS)


def test_the_same_ids_as_english_in_the_same_tables(
    english: dict[str, Phrase], german: dict[str, Phrase]
) -> None:
    missing = sorted(english.keys() - german.keys())
    unknown = sorted(german.keys() - english.keys())
    moved = sorted(i for i in english.keys() & german.keys() if english[i].group != german[i].group)
    assert (missing, unknown, moved) == ([], [], [])


def test_every_line_passes_the_checks_of_my_words(german: dict[str, Phrase]) -> None:
    # The same check Settings > My words runs on a typed line, against the rest of the library.
    library = PhraseLibrary(german.values())
    problems = [
        check_phrase(library, SOURCE, p.group, p.id, p.text, replacing=p.id)
        for p in german.values()
        if p.group in GROUPS
    ]
    assert [p for p in problems if p is not None] == []
    assert all(p.group in GROUPS or p.group == RETIRED_GROUP for p in german.values())


def test_no_line_is_90_characters_or_longer() -> None:
    # From the file itself: the parser leaves a long line out, and with it the evidence.
    document = tomllib.loads(find_resource("phrases", "de.toml").read_text("utf-8"))
    lengths = {key: len(words) for table in document.values() for key, words in table.items()}
    assert MAX_LENGTH < 90
    assert {key: n for key, n in lengths.items() if n > MAX_LENGTH} == {}


def test_each_line_speaks_in_the_voice_of_its_english_phrase(
    english: dict[str, Phrase], german: dict[str, Phrase]
) -> None:
    wrong = {
        i: (voice_of(english[i].text).value, voice_of(p.text, "de").value, p.text)
        for i, p in german.items()
        if i in english and voice_of(p.text, "de") is not voice_of(english[i].text)
    }
    assert wrong == {}


def test_both_voices_are_used(german: dict[str, Phrase]) -> None:
    voices = {voice_of(p.text, "de") for p in german.values()}
    assert voices == {Voice.YOU, Voice.I, Voice.ANY}


_DU = re.compile(r"\b(?i:du|dich|dir|dein|deine[mnrs]?)\b")
_ICH = re.compile(r"\b(?i:ich|mich|mir|mein|meine[mnrs]?)\b")


def test_no_line_mixes_du_and_ich(german: dict[str, Phrase]) -> None:
    mixed = [p.id for p in german.values() if _DU.search(p.text) and _ICH.search(p.text)]
    assert mixed == []


# Orders and pressure: the tone of docs/design/practice.md ("no should or must").
_PRESSURE = re.compile(r"!|\b(?i:musst|müssen|muss|sollst|sollen|soll|solltest)\b")


def test_no_exclamation_marks_and_no_must_or_should(german: dict[str, Phrase]) -> None:
    assert [p.id for p in german.values() if _PRESSURE.search(p.text)] == []


def test_du_is_written_in_lower_case_inside_a_sentence(german: dict[str, Phrase]) -> None:
    # "Du" only where a sentence (or a clause after a colon) begins.
    capital = re.compile(r"(?<![.:?]\s)(?<!^)\b(?:Du|Dich|Dir|Dein\w*)\b")
    assert [p.id for p in german.values() if capital.search(p.text)] == []
