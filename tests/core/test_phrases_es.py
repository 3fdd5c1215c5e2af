"""The Spanish phrase library: English's ids and tables, the library's checks, tone and voice."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import pytest

from kindtray.assets import find_resource
from kindtray.core.phrase_rules import Voice, voice_of
from kindtray.core.phrases import SHIPPED_GROUPS, parse_phrases

SOURCE = "es.toml"

# Spanish drops subject pronouns, so each line carries its voice in a word of its own: a
# pronoun or possessive of "tú" (spoken to the reader) or of "yo" (spoken as the reader).
# Pronouns joined to a verb ("cuídate", "permíteme") do not count, as in the library.
_TO_READER = re.compile(r"(?<!\w)(?:tú|te|ti|tu|tus|contigo|tuyo|tuya|tuyos|tuyas)(?!\w)", re.I)
_AS_READER = re.compile(r"(?<!\w)(?:yo|me|mí|mi|mis|conmigo|mío|mía|míos|mías)(?!\w)", re.I)

# Orders and guilt ("debes", "tienes que"), productivity talk, exclamation marks.
_NOT_OUR_TONE = re.compile(
    r"[!¡]|(?<!\w)(?:debe\w*|debo|debí\w*|tienes que|tengo que|hay que|productiv\w*|"
    r"eficien\w*|rendimiento)(?!\w)",
    re.I,
)


def spanish_voice(words: str) -> Voice | None:
    """Return the voice a Spanish line speaks in, or None if it mixes both."""
    to_reader, as_reader = _TO_READER.search(words), _AS_READER.search(words)
    if to_reader and as_reader:
        return None
    return Voice.YOU if to_reader else Voice.I if as_reader else Voice.ANY


def entries(name: str) -> dict[str, tuple[str, str]]:
    """Return id -> (group, words) for one shipped library."""
    document: dict[str, Any] = tomllib.loads(find_resource("phrases", name).read_text())
    return {
        key: (group, words) for group, table in document.items() for key, words in table.items()
    }


ENGLISH = entries("en.toml")
SPANISH = entries(SOURCE)


def test_spanish_has_every_english_id_and_no_other() -> None:
    assert sorted(ENGLISH.keys() - SPANISH.keys()) == [], "missing in es.toml"
    assert sorted(SPANISH.keys() - ENGLISH.keys()) == [], "unknown to en.toml"


def test_every_id_is_in_the_same_table_as_in_english() -> None:
    moved = {
        key: group for key, (group, _) in SPANISH.items() if group != ENGLISH.get(key, (group,))[0]
    }
    assert moved == {}


def test_every_line_passes_the_librarys_own_checks() -> None:
    text = find_resource("phrases", SOURCE).read_text()
    phrases, problems = parse_phrases(text, SOURCE, groups=SHIPPED_GROUPS)
    assert problems == []
    assert len(phrases) == len(SPANISH)


def test_the_file_has_the_same_tables_in_the_same_order_as_english() -> None:
    def tables(name: str) -> list[str]:
        return list(tomllib.loads(find_resource("phrases", name).read_text()))

    assert tables(SOURCE) == tables("en.toml")


@pytest.mark.parametrize(("key", "entry"), SPANISH.items(), ids=list(SPANISH))
def test_line_is_short_and_in_our_tone(key: str, entry: tuple[str, str]) -> None:
    words = entry[1]
    assert len(words) < 90, (len(words), words)
    assert words == words.strip() and "\n" not in words
    assert not _NOT_OUR_TONE.search(words), words


@pytest.mark.parametrize(("key", "entry"), SPANISH.items(), ids=list(SPANISH))
def test_line_keeps_the_voice_of_its_english_twin(key: str, entry: tuple[str, str]) -> None:
    # kindtray picks one voice per break by these words: "tú" stays "tú", "yo" stays "yo", and
    # a line that speaks to no one in English speaks to no one in Spanish.
    assert key in ENGLISH, "unknown to en.toml"
    assert spanish_voice(entry[1]) is voice_of(ENGLISH[key][1]), entry[1]


def test_the_voice_check_reads_spanish_pronouns() -> None:
    assert spanish_voice("Que pueda ser amable conmigo.") is Voice.I
    assert spanish_voice("Mi valor no depende de hoy.") is Voice.I
    assert spanish_voice("Puedes poner una mano sobre tu corazón.") is Voice.YOU
    assert spanish_voice("Tú importas.") is Voice.YOU
    assert spanish_voice("A todo el mundo le cuesta a veces.") is Voice.ANY
    assert spanish_voice("Puedes cuidarte.") is Voice.ANY  # a joined pronoun is not seen
    assert spanish_voice("Me alegra que estés aquí, contigo.") is None
