"""The phrase library's rules and the picker: shipped words and their tone, choosing, rounds."""

from __future__ import annotations

import random
import re
import tomllib
from datetime import datetime, time
from typing import Any

import pytest

from kindtray.assets import find_resource
from kindtray.core.phrases import (
    GROUPS,
    STEP_GROUPS,
    PhraseLibrary,
    PhrasePicker,
    in_wind_down,
)
from kindtray.core.settings import PhraseSettings
from kindtray.core.settings_keys import NEEDS
from tests.core.phrase_helpers import MORNING, ZONE, only, shipped

__all__ = ["shipped"]  # a fixture, used by name


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
    assert in_wind_down(time(22), time(21)) and in_wind_down(time(0, 30), time(21))
    assert not in_wind_down(time(4), time(21)) and not in_wind_down(time(20, 59), time(21))
    # A wind-down after midnight: only until 04:00 of the same night.
    assert in_wind_down(time(2), time(1, 30)) and not in_wind_down(time(23), time(1, 30))


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


def test_empty_library_still_gives_gentle_words() -> None:
    picker = PhrasePicker(PhraseLibrary(), None, random.Random(14))
    texts = picker.break_texts(PhraseSettings(), MORNING)
    assert all(
        (texts.arrive, texts.notice, texts.not_alone, texts.kindness, texts.touch, texts.closing)
    )
    assert texts.phrase_ids == ()
    assert picker.reminder_text()
