"""My words' file: edits keep every comment and hand-written line; marks reach the library."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

import pytest

from kindtray.core.phrases import (
    MARK_ALLOWED,
    PhrasePicker,
    check_phrase,
    new_phrase_id,
)
from kindtray.storage.phrase_store import MyWordsError, MyWordsFile, load_library
from tests.core.phrase_helpers import MORNING, only

# A file written by hand: comments everywhere, odd spacing, a multi-line string, a table
# kindtray does not know, a note after a phrase, CRLF-free but with a byte-order mark.
HAND_WRITTEN = (
    "\ufeff# My own words, collected over the years.\n"
    "#   (keep   this spacing)\n"
    "\n"
    "[warmth]   # the ones that help most\n"
    'grandma = "Grandma\'s voice: you are loved, little one."   # she said it every night\n'
    "tea   =   'Tea and a breath, just for me.'\n"
    "\n"
    "# sleep ones below\n"
    "[sleep]\n"
    'quilt = """The quilt is warm and I can rest."""\n'
    "\n"
    "[ideas]   # not a group: kindtray reports it and leaves it\n"
    "someday = [1, 2,\n"
    "  3]   # keep me\n"
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "phrases.toml"
    path.write_bytes(text.encode("utf-8"))
    return path


def untouched_lines(before: str, after: str, touched: set[str]) -> None:
    """Every line of ``before`` not naming a touched key is in ``after``, in order."""
    kept = [line for line in before.split("\n") if not any(t in line for t in touched)]
    position = 0
    lines = after.split("\n")
    for line in kept:
        assert line in lines[position:], f"lost or moved: {line!r}"
        position = lines.index(line, position) + 1


def test_edits_change_only_the_lines_they_touch(tmp_path: Path) -> None:
    path = write(tmp_path, HAND_WRITTEN)
    words = MyWordsFile(path)
    words.load()
    words.set_phrase("warmth", "grandma", "Grandma's voice: you are loved, just as you are.")
    words.set_phrase("warmth", "walk", "A short walk is a kindness too.")
    words.set_phrase("calm", "window", "I can look out of the window for a breath.")
    words.set_mark("hidden", "calm-lake", on=True)
    words.set_mark("favourite", "tea", on=True)
    words.save()

    after = path.read_bytes().decode("utf-8")
    assert after.startswith("\ufeff# My own words")
    untouched_lines(HAND_WRITTEN, after, {"grandma"})
    # The edited phrase keeps its place and its note.
    assert (
        'grandma = "Grandma\'s voice: you are loved, just as you are."   # she said it every night'
        in after
    )
    # The new one sits after the last phrase of its table, before the comment that leads on.
    lines = after.split("\n")
    assert (
        lines.index('walk = "A short walk is a kindness too."')
        == lines.index("tea   =   'Tea and a breath, just for me.'") + 1
    )
    document = tomllib.loads(after.removeprefix("\ufeff"))
    assert document["hidden"] == {"ids": ["calm-lake"]}
    assert document["favourite"] == {"ids": ["tea"]}
    assert document["ideas"] == {"someday": [1, 2, 3]}


def test_untouched_file_is_written_back_byte_for_byte(tmp_path: Path) -> None:
    path = write(tmp_path, HAND_WRITTEN)
    words = MyWordsFile(path)
    words.load()
    words.set_mark("hidden", "calm-lake", on=True)
    words.set_mark("hidden", "calm-lake", on=False)
    words.save()
    after = path.read_bytes().decode("utf-8")
    assert after.startswith(HAND_WRITTEN)  # at most an empty [hidden] list was added at the end


def test_removing_and_unmarking_leave_the_rest(tmp_path: Path) -> None:
    text = HAND_WRITTEN + '\n[hidden]   # for now\nids = ["calm-lake",  "tea"]  # two\n'
    path = write(tmp_path, text)
    words = MyWordsFile(path)
    words.load()
    words.remove_phrase("warmth", "tea")
    words.save()
    after = path.read_bytes().decode("utf-8")
    untouched_lines(text, after, {"tea"})
    assert "tea   =" not in after
    assert tomllib.loads(after.removeprefix("\ufeff"))["hidden"]["ids"] == ["calm-lake"]
    assert "[hidden]   # for now" in after


def test_a_new_file_explains_itself_and_is_read_back(tmp_path: Path) -> None:
    path = tmp_path / "config" / "phrases.toml"
    words = MyWordsFile(path)
    words.load()
    words.set_phrase("warmth", "sister", "My sister says I am doing fine.")
    words.set_mark("favourite", "sister", on=True)
    words.set_mark("hidden", "calm-lake", on=True)
    words.save()
    text = path.read_text("utf-8")
    assert text.startswith("# My words:")
    assert "[hidden]" in text.split("\n[")[0] and "favourite" in text  # documented up top
    library, problems = load_library(path)
    assert problems == []
    assert library.marks.favourite == {"user:sister"}
    assert library.marks.hidden == {"calm-lake"}
    assert "calm-lake" not in {p.id for p in library.shown("calm")}
    assert library.get("calm-lake") is not None  # hidden, still known


def test_hidden_phrases_never_come_and_the_id_names_your_own_first(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[calm]\ncalm-no-hurry = "Slow is fine with me today."\n'
        '[hidden]\nids = ["calm-no-hurry", "calm-lake"]\n',
    )
    library, problems = load_library(path)
    assert problems == []
    assert library.marks.hidden == {"user:calm-no-hurry", "calm-lake"}
    picker = PhrasePicker(library, None, random.Random(5))
    shown = {picker.break_texts(only("calm"), MORNING).phrase_ids[3] for _ in range(80)}
    assert shown.isdisjoint({"user:calm-no-hurry", "calm-lake"})
    assert "calm-no-hurry" in shown  # kindtray's own phrase of that id is not hidden


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ("[hidden]\nids = 3\n", "[hidden] ids"),
        ('[favourite]\nids = "calm-lake"\n', "[favourite] ids"),
        ('[hidden]\nphrase = ["calm-lake"]\n', "[hidden] phrase"),
    ],
)
def test_a_bad_list_names_the_file_the_key_and_what_is_allowed(
    tmp_path: Path, content: str, key: str
) -> None:
    path = write(tmp_path, "# mine\n" + content)
    library, problems = load_library(path)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}, line 3: {key}")
    assert MARK_ALLOWED in problems[0]
    assert library.marks.hidden == frozenset() and library.marks.favourite == frozenset()


def test_words_typed_in_my_words_are_checked_by_the_library_rules(tmp_path: Path) -> None:
    path = write(tmp_path, HAND_WRITTEN)
    library, _ = load_library(path)
    source = str(path)
    assert check_phrase(library, source, "warmth", "walk", "A walk is kind.") is None
    long = check_phrase(library, source, "warmth", "walk", "x" * 95)
    assert long == (
        f"{path}: [warmth] walk: the phrase is 95 characters long; phrases stay under 90"
    )
    twin = check_phrase(library, source, "calm", "mine", "may I be at ease in this moment.")
    assert twin is not None and 'the same words as "calm-at-ease" (a built-in phrase)' in twin
    own = library.get("user:grandma")
    assert own is not None
    same = check_phrase(library, source, "warmth", "grandma", own.text, replacing=own.id)
    assert same is None, "editing a phrase does not clash with itself"
    bad_id = check_phrase(library, source, "warmth", "my words", "Fine words.")
    assert bad_id is not None and 'letters, digits, "-" and "_"' in bad_id
    # A retired line is free to use again.
    assert check_phrase(library, source, "warmth", "w", "You belong here as you are.") is None


def test_new_ids_come_from_the_words_and_never_clash() -> None:
    assert new_phrase_id("Tea and a breath, just for me.", set()) == "tea-and-a-breath"
    assert new_phrase_id("Tea and a breath again", {"tea-and-a-breath"}) == "tea-and-a-breath-2"
    assert new_phrase_id("Ça va ?", set()) == "ca-va"
    assert new_phrase_id("…", {"mine"}) == "mine-2"


def test_a_file_that_is_not_toml_is_never_written(tmp_path: Path) -> None:
    path = write(tmp_path, "[warmth\nbroken = \n")
    words = MyWordsFile(path)
    with pytest.raises(MyWordsError, match=str(path)):
        words.load()
