"""The phrase library: shipped words and their tone, user phrases, and the picker's rotation."""

from __future__ import annotations

import random
import re
import tempfile
import tomllib
from datetime import datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kindtray.assets import find_resource
from kindtray.core.phrases import (
    GROUPS,
    STEP_GROUPS,
    Phrase,
    PhraseLibrary,
    PhrasePicker,
    is_evening,
    load_library,
)
from kindtray.core.settings import NEEDS, PhraseSettings

ZONE = ZoneInfo("Europe/Berlin")
MORNING = datetime(2026, 3, 10, 10, 30, tzinfo=ZONE)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 10, hour, minute, tzinfo=ZONE)


def shipped_document() -> dict[str, Any]:
    text = find_resource("phrases", "en.toml").read_text()
    return tomllib.loads(text)


def shipped_entries() -> list[tuple[str, str, str]]:
    return [
        (group, key, value)
        for group, table in shipped_document().items()
        for key, value in table.items()
    ]


def only(*needs: str, wind_down: time | None = None) -> PhraseSettings:
    return PhraseSettings(needs=needs, wind_down=wind_down)


@pytest.fixture(scope="module")
def shipped() -> PhraseLibrary:
    library, problems = load_library(None)
    assert problems == []
    return library


def kindness_group(picker: PhrasePicker, settings: PhraseSettings, now: datetime) -> str:
    texts = picker.break_texts(settings, now)
    phrase = picker.library.get(texts.phrase_ids[3])
    assert phrase is not None and phrase.text == texts.kindness
    return phrase.group


# -- the shipped library -----------------------------------------------------------------------


def test_shipped_file_has_exactly_the_known_groups_of_plain_text() -> None:
    document = shipped_document()
    assert set(document) == set(GROUPS)
    assert all(isinstance(v, str) for table in document.values() for v in table.values())


def test_shipped_library_has_enough_phrases_in_every_group(shipped: PhraseLibrary) -> None:
    counts = shipped.counts()
    assert all(counts[need] >= 14 for need in NEEDS), counts
    assert all(counts[step] >= 6 for step in STEP_GROUPS), counts
    assert counts["reminder"] >= 12, counts


def test_shipped_ids_are_unique_across_groups() -> None:
    keys = [key for _, key, _ in shipped_entries()]
    assert len(keys) == len(set(keys))


def test_shipped_texts_are_all_different_even_ignoring_case_and_spaces() -> None:
    normalized = [" ".join(text.casefold().split()) for _, _, text in shipped_entries()]
    assert len(normalized) == len(set(normalized))


@pytest.mark.parametrize(("group", "key", "text"), shipped_entries())
def test_shipped_phrase_follows_the_tone_rules(group: str, key: str, text: str) -> None:
    assert len(text) < 90
    assert text == text.strip() and "\n" not in text
    assert "!" not in text
    assert not re.search(r"\b(should|must|productiv\w*|efficien\w*)\b", text, re.IGNORECASE)
    assert re.fullmatch(r"[a-z0-9-]+", key)


def test_every_shipped_phrase_is_in_the_library(shipped: PhraseLibrary) -> None:
    assert len(shipped.phrases) == len(shipped_entries())


# -- choosing by need and time of day ----------------------------------------------------------


def test_kind_phrase_comes_only_from_the_enabled_needs(shipped: PhraseLibrary) -> None:
    picker = PhrasePicker(shipped, None, random.Random(1))
    groups = {kindness_group(picker, only("calm", "stress"), MORNING) for _ in range(30)}
    assert groups == {"calm", "stress"}


def test_enabled_needs_take_turns(shipped: PhraseLibrary) -> None:
    picker = PhrasePicker(shipped, None, random.Random(2))
    needs = ("calm", "warmth", "mistakes")
    first_round = [kindness_group(picker, only(*needs), MORNING) for _ in needs]
    assert sorted(first_round) == sorted(needs)


def test_no_enabled_needs_falls_back_to_warmth(shipped: PhraseLibrary) -> None:
    picker = PhrasePicker(shipped, None, random.Random(3))
    assert {kindness_group(picker, only(), MORNING) for _ in range(5)} == {"warmth"}


@pytest.mark.parametrize("evening", [at(21, 0), at(23, 59), at(1, 30), at(3, 59)])
def test_after_wind_down_sleep_comes_first_even_if_not_chosen(
    shipped: PhraseLibrary, evening: datetime
) -> None:
    picker = PhrasePicker(shipped, None, random.Random(4))
    settings = only("calm", "stress", wind_down=time(21, 0))
    assert {kindness_group(picker, settings, evening) for _ in range(5)} == {"sleep"}


@pytest.mark.parametrize("daytime", [at(4, 0), at(10, 30), at(20, 59)])
def test_before_wind_down_the_needs_apply(shipped: PhraseLibrary, daytime: datetime) -> None:
    picker = PhrasePicker(shipped, None, random.Random(5))
    settings = only("calm", wind_down=time(21, 0))
    assert kindness_group(picker, settings, daytime) == "calm"


def test_sleep_phrases_wait_for_the_evening_without_wind_down(shipped: PhraseLibrary) -> None:
    picker = PhrasePicker(shipped, None, random.Random(6))
    settings = only("calm", "sleep")
    assert {kindness_group(picker, settings, MORNING) for _ in range(10)} == {"calm"}
    assert {kindness_group(picker, settings, at(22)) for _ in range(10)} == {"calm", "sleep"}


def test_sleep_alone_is_honoured_at_any_time(shipped: PhraseLibrary) -> None:
    picker = PhrasePicker(shipped, None, random.Random(7))
    assert kindness_group(picker, only("sleep"), MORNING) == "sleep"


def test_evening_window_crosses_midnight_and_ends_at_four() -> None:
    assert is_evening(time(22), time(21)) and is_evening(time(0, 30), time(21))
    assert not is_evening(time(4), time(21)) and not is_evening(time(20, 59), time(21))
    # A wind-down after midnight: only until 04:00 of the same night.
    assert is_evening(time(2), time(1, 30)) and not is_evening(time(23), time(1, 30))


def test_break_texts_fill_every_step_with_its_own_group(shipped: PhraseLibrary) -> None:
    texts = PhrasePicker(shipped, None, random.Random(8)).break_texts(only("body"), MORNING)
    steps = ("arrive", "notice", "not_alone", "body", "touch", "closing")
    phrases = [shipped.get(i) for i in texts.phrase_ids]
    assert [p.group for p in phrases if p] == list(steps)
    assert [p.text for p in phrases if p] == [
        texts.arrive,
        texts.notice,
        texts.not_alone,
        texts.kindness,
        texts.touch,
        texts.closing,
    ]


# -- rotation ----------------------------------------------------------------------------------


def test_same_seed_gives_the_same_words(shipped: PhraseLibrary) -> None:
    def run(seed: int) -> list[tuple[str, ...]]:
        picker = PhrasePicker(shipped, None, random.Random(seed))
        return [picker.break_texts(PhraseSettings(), MORNING).phrase_ids for _ in range(10)]

    assert run(42) == run(42)
    assert run(42) != run(43)


def test_no_phrase_repeats_until_its_group_is_exhausted(shipped: PhraseLibrary) -> None:
    picker = PhrasePicker(shipped, None, random.Random(9))
    calm = [p.id for p in shipped.group("calm")]
    rounds = [picker.break_texts(only("calm"), MORNING).phrase_ids for _ in range(2 * len(calm))]
    kind = [ids[3] for ids in rounds]
    assert sorted(kind[: len(calm)]) == sorted(calm)
    assert sorted(kind[len(calm) :]) == sorted(calm)
    assert kind[len(calm)] != kind[len(calm) - 1], "a new round starts with a different phrase"
    arrive = [ids[0] for ids in rounds[: len(shipped.group("arrive"))]]
    assert len(set(arrive)) == len(arrive)


def test_reminders_rotate_too(shipped: PhraseLibrary) -> None:
    picker = PhrasePicker(shipped, None, random.Random(10))
    count = len(shipped.group("reminder"))
    texts = [picker.reminder_text() for _ in range(count)]
    assert sorted(texts) == sorted(p.text for p in shipped.group("reminder"))


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
        picker = PhrasePicker(library, rotation, random.Random(seed))
        shown = []
        for count in range(picks):
            if count == restart_after:
                picker = PhrasePicker(library, rotation, random.Random(seed + 1))
            shown.append(picker.reminder_text())
    for start in range(0, picks, size):
        block = shown[start : start + size]
        assert len(set(block)) == len(block)
    if size > 1:
        assert all(a != b for a, b in zip(shown, shown[1:], strict=False))


def test_rotation_survives_a_restart(shipped: PhraseLibrary, tmp_path: Path) -> None:
    rotation = tmp_path / "state" / "phrases-rotation.toml"
    calm = {p.id for p in shipped.group("calm")}
    before = PhrasePicker(shipped, rotation, random.Random(11))
    seen = [before.break_texts(only("calm"), MORNING).phrase_ids[3] for _ in range(10)]
    assert rotation.exists()

    after = PhrasePicker(shipped, rotation, random.Random(11))  # same seed: only the file helps
    seen += [after.break_texts(only("calm"), MORNING).phrase_ids[3] for _ in range(len(calm) - 10)]
    assert set(seen) == calm
    assert before.messages == [] and after.messages == []


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff not toml",
        b"shown = 3\nneeds_shown = 'calm'\n",
        b"[shown]\ncalm = [1, 2]\narrive = 'x'\n",
        b"[shown]\ncalm = ['no-such-id', 'calm-no-hurry', 'calm-no-hurry']\n",
        b"",
    ],
)
def test_damaged_rotation_file_just_restarts_the_rotation(
    shipped: PhraseLibrary, tmp_path: Path, content: bytes
) -> None:
    rotation = tmp_path / "phrases-rotation.toml"
    rotation.write_bytes(content)
    picker = PhrasePicker(shipped, rotation, random.Random(12))
    calm = [p.id for p in shipped.group("calm")]
    kind = [picker.break_texts(only("calm"), MORNING).phrase_ids[3] for _ in calm]
    assert len(kind) == len(calm) and set(kind) <= set(calm)
    assert len(set(kind)) >= len(calm) - 1  # at most the one remembered id was shown before
    assert "shown" in tomllib.loads(rotation.read_text())  # and the file is whole again


def test_rotation_file_that_cannot_be_saved_never_stops_a_break(
    shipped: PhraseLibrary, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the state dir would be")
    picker = PhrasePicker(shipped, blocker / "phrases-rotation.toml", random.Random(13))
    texts = picker.break_texts(PhraseSettings(), MORNING)
    assert texts.kindness and picker.reminder_text()
    assert any("could not save" in m and "phrases-rotation.toml" in m for m in picker.messages)
    told = list(picker.messages)
    picker.break_texts(PhraseSettings(), MORNING)
    assert picker.messages == told, "told once, not after every break"


def test_empty_library_still_gives_gentle_words() -> None:
    picker = PhrasePicker(PhraseLibrary(), None, random.Random(14))
    texts = picker.break_texts(PhraseSettings(), MORNING)
    assert all(
        (texts.arrive, texts.notice, texts.not_alone, texts.kindness, texts.touch, texts.closing)
    )
    assert texts.phrase_ids == ()
    assert picker.reminder_text()


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
    one_round = len(library.group("warmth"))
    shown = {picker.break_texts(only("warmth"), MORNING).kindness for _ in range(one_round)}
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
