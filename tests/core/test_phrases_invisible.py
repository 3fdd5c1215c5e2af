"""Invisible characters in phrases are refused, and the lines after them are numbered rightly.

U+2028 and U+2029 passed validation and broke a phrase in two on screen; zero-width and other
format characters passed unseen (a joiner between two emoji stays allowed); and every problem
after such a character got a wrong line number (splitlines() splits at U+2028, TOML does not).
"""

from __future__ import annotations

import pytest

from kindtray.core.phrases import parse_phrases


@pytest.mark.parametrize(
    "hidden",
    ["\u2028", "\u2029", "\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\x85"],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_an_invisible_character_is_refused_on_its_line(hidden: str) -> None:
    text = f'[warmth]\nfine = "May I be kind to myself."\nodd = "May I{hidden} rest."\n'
    phrases, problems = parse_phrases(text, "phrases.toml")
    assert [p.id for p in phrases] == ["fine"]
    assert len(problems) == 1
    assert problems[0].startswith("phrases.toml, line 3: [warmth] odd: ")


def test_lines_after_a_line_separator_keep_their_numbers() -> None:
    text = (
        "[warmth]\n"
        'one = "May I\u2028be kind."\n'
        'two = "May I\u2029be gentle."\n'
        'three = "ok"\n'
        "four = 4\n"
    )
    _, problems = parse_phrases(text, "phrases.toml")
    lines = [p.split(":")[0] for p in problems]
    assert lines == ["phrases.toml, line 2", "phrases.toml, line 3", "phrases.toml, line 5"]
