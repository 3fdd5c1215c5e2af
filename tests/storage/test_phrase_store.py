"""Phrases from files: the user's own phrases.toml, and the rotation file that keeps a round."""

from __future__ import annotations

import random
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kindtray.core.phrases import Phrase, PhraseLibrary, PhrasePicker
from kindtray.core.settings import PhraseSettings
from kindtray.storage.phrase_store import RotationFile, load_library
from tests.core.phrase_helpers import MORNING, only, shipped

__all__ = ["shipped"]  # a fixture, used by name


@settings(max_examples=60, deadline=None)
@given(
    size=st.integers(1, 7),
    picks=st.integers(1, 30),
    restart_after=st.integers(0, 30),
    seed=st.integers(0, 2**32),
)
def test_every_round_shows_each_phrase_once_even_across_a_restart(
    size: int, picks: int, restart_after: int, seed: int
) -> None:
    library = PhraseLibrary(
        Phrase(f"r{i}", "reminder", f"Reminder {i}", "test") for i in range(size)
    )
    with tempfile.TemporaryDirectory() as folder:
        rotation = Path(folder) / "rotation.toml"
        picker = PhrasePicker(library, RotationFile(rotation), random.Random(seed))
        shown = []
        for count in range(picks):
            if count == restart_after:
                picker = PhrasePicker(library, RotationFile(rotation), random.Random(seed + 1))
            shown.append(picker.reminder_text())
    for start in range(0, picks, size):
        block = shown[start : start + size]
        assert len(set(block)) == len(block)
    if size > 1:
        assert all(a != b for a, b in zip(shown, shown[1:], strict=False))


def test_rotation_survives_a_restart(shipped: PhraseLibrary, tmp_path: Path) -> None:
    # Reminders: one round is the whole group (a break's rounds are per voice).
    rotation = tmp_path / "state" / "phrases-rotation.toml"
    reminders = {p.text for p in shipped.group("reminder")}
    before = PhrasePicker(shipped, RotationFile(rotation), random.Random(11))
    seen = [before.reminder_text() for _ in range(10)]
    assert rotation.exists()

    # The same seed: only the file helps.
    after = PhrasePicker(shipped, RotationFile(rotation), random.Random(11))
    seen += [after.reminder_text() for _ in range(len(reminders) - 10)]
    assert set(seen) == reminders
    assert before.messages == [] and after.messages == []


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff not toml",
        b"shown = 3\nneeds_shown = 'calm'\n",
        b"[shown]\nreminder = [1, 2]\narrive = 'x'\n",
        b"[shown]\nreminder = ['no-such-id', 'reminder-minute', 'reminder-minute']\n",
        b"",
    ],
)
def test_damaged_rotation_file_just_restarts_the_rotation(
    shipped: PhraseLibrary, tmp_path: Path, content: bytes
) -> None:
    rotation = tmp_path / "phrases-rotation.toml"
    rotation.write_bytes(content)
    picker = PhrasePicker(shipped, RotationFile(rotation), random.Random(12))
    reminders = [p.text for p in shipped.group("reminder")]
    shown = [picker.reminder_text() for _ in reminders]
    assert set(shown) <= set(reminders)
    assert len(set(shown)) >= len(reminders) - 1  # at most the one remembered was shown before
    assert "shown" in tomllib.loads(rotation.read_text())  # and the file is whole again


def test_rotation_file_that_cannot_be_saved_never_stops_a_break(
    shipped: PhraseLibrary, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the state dir would be")
    picker = PhrasePicker(
        shipped, RotationFile(blocker / "phrases-rotation.toml"), random.Random(13)
    )
    texts = picker.break_texts(PhraseSettings(), MORNING)
    assert texts.kindness and picker.reminder_text()
    assert any("could not save" in m and "phrases-rotation.toml" in m for m in picker.messages)
    told = list(picker.messages)
    picker.break_texts(PhraseSettings(), MORNING)
    assert picker.messages == told, "told once, not after every break"


def test_rotation_file_carries_its_schema(shipped: PhraseLibrary, tmp_path: Path) -> None:
    rotation = tmp_path / "phrases-rotation.toml"
    PhrasePicker(shipped, RotationFile(rotation), random.Random(17)).reminder_text()
    assert tomllib.loads(rotation.read_text())["schema"] == 1


def test_a_rotation_file_from_a_newer_kindtray_is_never_overwritten(
    shipped: PhraseLibrary, tmp_path: Path
) -> None:
    rotation = tmp_path / "phrases-rotation.toml"
    original = b"schema = 2\nneeds_shown = ['calm']\n[shown]\nreminder = ['x']\n[new]\ny = 1\n"
    rotation.write_bytes(original)
    picker = PhrasePicker(shipped, RotationFile(rotation), random.Random(18))
    assert len(picker.messages) == 1
    assert str(rotation) in picker.messages[0]
    assert "newer kindtray (schema 2" in picker.messages[0]
    assert "left untouched" in picker.messages[0]
    for _ in range(3):  # breaks and reminders go on, with a round kept in memory
        assert picker.break_texts(PhraseSettings(), MORNING).kindness and picker.reminder_text()
    assert len(picker.messages) == 1
    assert rotation.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == [rotation.name], "no temporary file left"


def test_a_rotation_file_with_a_meaningless_schema_starts_a_fresh_round(
    shipped: PhraseLibrary, tmp_path: Path
) -> None:
    rotation = tmp_path / "phrases-rotation.toml"
    rotation.write_text("schema = 0\n[shown]\nreminder = ['x']\n")
    picker = PhrasePicker(shipped, RotationFile(rotation), random.Random(19))
    assert "not a schema number" in picker.messages[0]
    picker.reminder_text()
    assert tomllib.loads(rotation.read_text())["schema"] == 1


def test_an_older_rotation_file_goes_through_the_migration_chain(
    shipped: PhraseLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pretend the rotation is at schema 2, where "needs" became "needs_shown".
    def v1_to_v2(document: dict[str, object]) -> None:
        document["needs_shown"] = document.pop("needs")

    monkeypatch.setattr("kindtray.storage.phrase_store.ROTATION_SCHEMA", 2)
    monkeypatch.setattr("kindtray.storage.phrase_store.ROTATION_MIGRATIONS", (v1_to_v2,))
    rotation = tmp_path / "phrases-rotation.toml"
    rotation.write_text("schema = 1\nneeds = ['calm', 'body']\n")
    loaded, problems = RotationFile(rotation).load()
    assert problems == [] and loaded.needs_shown == ["calm", "body"]
    RotationFile(rotation).save(loaded)
    assert tomllib.loads(rotation.read_text())["schema"] == 2


# -- the user's own phrases --------------------------------------------------------------------


def write_user(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "phrases.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_user_phrases_join_their_groups(shipped: PhraseLibrary, tmp_path: Path) -> None:
    user = write_user(
        tmp_path,
        '# mine\n[warmth]\ngrandma = "Grandma\'s voice: you are loved, little one."\n'
        '[reminder]\ntea = "Tea and a breath?"\n',
    )
    library, problems = load_library(user)
    assert problems == []
    grandma = library.get("user:grandma")
    assert grandma is not None
    assert (grandma.group, grandma.line) == ("warmth", 3)
    assert grandma.text == "Grandma's voice: you are loved, little one."
    assert len(library.group("warmth")) == len(shipped.group("warmth")) + 1
    picker = PhrasePicker(library, None, random.Random(15))
    # Within a few rounds (each voice has its own), the user's phrase has had its turn.
    rounds = 3 * len(library.group("warmth"))
    shown = {picker.break_texts(only("warmth"), MORNING).kindness for _ in range(rounds)}
    assert grandma.text in shown
    assert "Tea and a breath?" in {picker.reminder_text() for _ in library.group("reminder")}


def test_user_id_may_match_a_built_in_id(shipped: PhraseLibrary, tmp_path: Path) -> None:
    user = write_user(tmp_path, '[calm]\ncalm-no-hurry = "Slow is fine with me today."\n')
    library, problems = load_library(user)
    assert problems == []
    assert library.get("calm-no-hurry") == shipped.get("calm-no-hurry")
    phrase = library.get("user:calm-no-hurry")
    assert phrase is not None and phrase.text == "Slow is fine with me today."


def test_markup_in_a_user_phrase_stays_plain_text(tmp_path: Path) -> None:
    words = "<img src=http://x> & <b>you</b> &amp; me"
    user = write_user(tmp_path, f'[warmth]\ntags = "{words}"\n')
    library, problems = load_library(user)
    assert problems == []
    phrase = library.get("user:tags")
    assert phrase is not None and phrase.text == words


BAD_ENTRIES = [
    pytest.param("number = 42\n", 4, "42 is not text", id="not text"),
    pytest.param("table = { a = 1 }\n", 4, "a table is not text", id="a table"),
    pytest.param(f'long = "{"a" * 95}"\n', 4, "95 characters long", id="too long"),
    pytest.param('blank = "   "\n', 4, "empty", id="empty"),
    pytest.param('two = """one\n[calm]\ntwo"""\n', 4, "more than one line", id="two lines"),
    pytest.param('"has space" = "Spaces in an id."\n', 4, "letters, digits", id="bad id"),
    pytest.param(
        '[calm]\nfine = "The same id in another group."\n',
        5,
        'the id "fine" is already used (line 3)',
        id="duplicate id",
    ),
    pytest.param(
        'again = "  A KIND word   from me. "\n', 4, 'same words as "fine" (line 3)', id="same words"
    ),
    pytest.param(
        'copy = "Pause for a moment."\n',
        4,
        'same words as "arrive-pause" (a built-in phrase)',
        id="same words as built-in",
    ),
    pytest.param('[joy]\nhappy = "Joy is here."\n', 4, "[joy] is not a group", id="unknown group"),
    pytest.param('[[calm]]\nx = "In a list."\n', 4, "is not a group table", id="array of tables"),
]


@pytest.mark.parametrize(("bad", "line", "reason"), BAD_ENTRIES)
def test_bad_user_entry_is_reported_with_its_line_and_skipped(
    shipped: PhraseLibrary, tmp_path: Path, bad: str, line: int, reason: str
) -> None:
    text = '# my phrases\n[warmth]\nfine = "A kind word from me."\n'
    # The good entry comes first, the bad one starts at `line`; a good one follows it.
    user = write_user(tmp_path, text + bad + '\n[body]\nafter = "My shoulders can drop."\n')
    library, problems = load_library(user)

    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{user}, line {line}: "), problems
    assert reason in problems[0] and problems[0].endswith("Skipped")
    user_ids = sorted(p.id for p in library.phrases if p.id.startswith("user:"))
    assert user_ids == ["user:after", "user:fine"]
    assert len(library.phrases) == len(shipped.phrases) + 2


def test_stray_entry_outside_any_group_is_reported_with_its_line(tmp_path: Path) -> None:
    user = write_user(tmp_path, '\n\nstray = "Before any group."\n[calm]\nok = "I am okay."\n')
    library, problems = load_library(user)
    assert len(problems) == 1
    assert problems[0].startswith(f"{user}, line 3: stray = ")
    assert "outside any group" in problems[0]
    assert library.get("user:ok") is not None


def test_lines_are_found_for_quoted_keys_and_after_multiline_strings(tmp_path: Path) -> None:
    user = write_user(
        tmp_path,
        '["low-mood"]  # quoted group\n'
        "'literal' = 7\n"
        'text = """\n'
        "[sleep]\n"
        'late = "inside the string"\n'
        '"""\n'
        '"quoted key" = "x"\n'
        "[ sleep ]\n"
        "late = 3\n",
    )
    _, problems = load_library(user)
    assert [p.split(":")[0] for p in problems] == [f"{user}, line {n}" for n in (2, 3, 7, 9)]


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('[calm]\nx = "one"\nx = "two"\n', 3, "same id or group there twice"),
        ("[calm]\nx = unquoted words\n", 2, "not valid TOML"),
        ('[calm\nx = "y"\n', 1, "not valid TOML"),
    ],
)
def test_invalid_toml_user_file_is_reported_and_the_built_in_phrases_still_work(
    shipped: PhraseLibrary, tmp_path: Path, text: str, line: int, reason: str
) -> None:
    user = write_user(tmp_path, text)
    library, problems = load_library(user)
    assert len(problems) == 1
    assert problems[0].startswith(f"{user}, line {line}: ") and reason in problems[0]
    assert library.counts() == shipped.counts()
    assert PhrasePicker(library, None, random.Random(16)).break_texts(PhraseSettings(), MORNING)


def test_user_file_that_is_not_utf8_is_reported(shipped: PhraseLibrary, tmp_path: Path) -> None:
    user = tmp_path / "phrases.toml"
    user.write_bytes(b'[calm]\nx = "caf\xe9"\n')
    library, problems = load_library(user)
    assert problems == [f"{user}: is not UTF-8 text; using the built-in phrases only"]
    assert library.counts() == shipped.counts()


def test_user_file_that_cannot_be_read_is_reported(shipped: PhraseLibrary, tmp_path: Path) -> None:
    user = tmp_path / "phrases.toml"
    user.mkdir()
    library, problems = load_library(user)
    assert len(problems) == 1 and problems[0].startswith(f"{user}: could not be read")
    assert library.counts() == shipped.counts()


def test_missing_user_file_is_not_a_problem(shipped: PhraseLibrary, tmp_path: Path) -> None:
    library, problems = load_library(tmp_path / "phrases.toml")
    assert problems == [] and library.counts() == shipped.counts()


def test_user_file_with_byte_order_mark_is_read(tmp_path: Path) -> None:
    user = tmp_path / "phrases.toml"
    user.write_bytes('\ufeff[calm]\nbom = "Saved by a picky editor."\n'.encode())
    library, problems = load_library(user)
    assert problems == [] and library.get("user:bom") is not None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('grandma = "You are loved as you are"\n', id="before any group"),
        pytest.param('calm = "You are loved as you are"\n', id="a need without a table"),
        pytest.param('[calm]\nmine = ["You are loved as you are"]\n', id="words in a list"),
    ],
)
def test_problem_messages_never_quote_the_users_words(tmp_path: Path, text: str) -> None:
    # The app logs these messages, and the log must never hold the user's phrases.
    _, problems = load_library(write_user(tmp_path, text))
    assert len(problems) == 1, problems
    assert "loved" not in problems[0]
    assert "line 1" in problems[0] or "line 2" in problems[0]
