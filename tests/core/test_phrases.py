"""The phrase library's rules and the picker: shipped words and their tone, choosing, rounds."""

from __future__ import annotations

import random
import re
import tomllib
from datetime import datetime, time
from typing import Any

import pytest

from kindtray.assets import find_resource
from kindtray.core.phrase_rules import LOOKS_BACK_ON_THE_DAY, Voice, voice_of
from kindtray.core.phrases import (
    HEAVY_NEEDS,
    RETIRED_GROUP,
    SHIPPED_GROUPS,
    STEP_GROUPS,
    Marks,
    Phrase,
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
    assert set(document) == set(SHIPPED_GROUPS)
    assert all(isinstance(v, str) for table in document.values() for v in table.values())


def test_shipped_library_has_enough_phrases_in_every_group(shipped: PhraseLibrary) -> None:
    counts = shipped.counts()
    assert all(counts[need] >= 14 for need in NEEDS), counts
    assert all(counts[step] >= 12 for step in STEP_GROUPS), counts
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
    # Rounds are per voice: a phrase in neither voice takes part in both.
    picker = PhrasePicker(shipped, None, random.Random(9))
    breaks = [picker.break_texts(only("calm"), MORNING).phrase_ids for _ in range(200)]
    for position, group in ((3, "calm"), (0, "arrive"), (5, "closing")):
        shown = [ids[position] for ids in breaks]
        assert all(a != b for a, b in zip(shown, shown[1:], strict=False)), "never twice in a row"
        for voice in (Voice.I, Voice.YOU):
            own = {p.id for p in shipped.group(group) if voice_of(p.text) is voice}
            in_voice = [i for i in shown if i in own]
            # Until every phrase of the voice has had its turn, none comes again.
            first = in_voice[: len(own)]
            assert len(set(first)) == len(first), (group, voice)
            assert set(in_voice) == own


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


# -- one voice per break -----------------------------------------------------------------------


def test_every_shipped_phrase_speaks_in_one_person() -> None:
    first = re.compile(r"\bI\b|\b(?i:me|my|mine|myself)\b")
    second = re.compile(r"\b(?i:you|your|yours|yourself)\b")
    mixed = [
        key for _, key, text in shipped_entries() if first.search(text) and second.search(text)
    ]
    assert mixed == []


@pytest.mark.parametrize("group", [*STEP_GROUPS, *NEEDS])
def test_every_group_has_phrases_in_both_voices(shipped: PhraseLibrary, group: str) -> None:
    voices = [voice_of(p.text) for p in shipped.group(group)]
    for voice in (Voice.I, Voice.YOU):
        assert sum(v in (voice, Voice.ANY) for v in voices) >= 5, (group, voice)


def test_voice_is_read_from_the_words() -> None:
    assert voice_of("May I be kind to myself.") is Voice.I
    assert voice_of("My worth does not depend on today.") is Voice.I
    assert voice_of("You might rest a hand on your heart.") is Voice.YOU
    assert voice_of("I am glad you are here.") is Voice.YOU  # someone speaking to you
    assert voice_of("Everyone struggles sometimes.") is Voice.ANY
    assert voice_of("This is mine.") is Voice.I and voice_of("Yours, always.") is Voice.YOU


def test_every_break_keeps_to_one_voice(shipped: PhraseLibrary) -> None:
    voices_seen: set[Voice] = set()
    for seed in range(40):
        picker = PhrasePicker(shipped, None, random.Random(seed))
        for hour in (8, 13, 22):
            for needs in (("calm", "warmth", "stress"), NEEDS, ("body",)):
                texts = picker.break_texts(only(*needs, wind_down=time(21)), at(hour))
                words = (
                    texts.arrive,
                    texts.notice,
                    texts.not_alone,
                    texts.kindness,
                    texts.heavy_kindness,
                    texts.touch,
                    texts.closing,
                )
                voices = {voice_of(w) for w in words} - {Voice.ANY}
                assert len(voices) <= 1, words
                voices_seen |= voices
    assert voices_seen == {Voice.I, Voice.YOU}, "both voices are used"


# -- a heavy mood leans toward hard times and low mood ----------------------------------------


def test_heavy_alternative_comes_from_hard_times_or_low_mood(shipped: PhraseLibrary) -> None:
    picker = PhrasePicker(shipped, None, random.Random(21))
    groups = []
    for _ in range(30):
        texts = picker.break_texts(only("calm", "warmth", "stress"), MORNING)
        heavy = shipped.get(texts.ids["heavy_kindness"])
        assert heavy is not None and heavy.text == texts.heavy_kindness
        groups.append(heavy.group)
    assert set(groups) == set(HEAVY_NEEDS)


def test_a_heavy_need_is_its_own_alternative(shipped: PhraseLibrary) -> None:
    picker = PhrasePicker(shipped, None, random.Random(22))
    texts = picker.break_texts(only("hard-times"), MORNING)
    assert texts.heavy_kindness == texts.kindness
    assert texts.ids["heavy_kindness"] == texts.ids["kindness"]


# -- no look back on the day in the morning ---------------------------------------------------


def test_body_gratitude_waits_until_noon(shipped: PhraseLibrary) -> None:
    assert {p.id for p in shipped.group("body")} >= LOOKS_BACK_ON_THE_DAY
    morning = [at(4), at(8, 15), at(11, 59)]
    picker = PhrasePicker(shipped, None, random.Random(23))
    shown = {
        picker.break_texts(only("body"), moment).phrase_ids[3]
        for moment in morning
        for _ in range(40)
    }
    assert shown.isdisjoint(LOOKS_BACK_ON_THE_DAY)
    assert len(shown) == len(shipped.group("body")) - len(LOOKS_BACK_ON_THE_DAY)
    later = {picker.break_texts(only("body"), at(16)).phrase_ids[3] for _ in range(60)}
    assert later >= LOOKS_BACK_ON_THE_DAY


# -- retired lines, hidden and favourite ------------------------------------------------------


def test_retired_lines_are_never_shown_but_still_found(shipped: PhraseLibrary) -> None:
    retired = shipped.group(RETIRED_GROUP)
    assert {p.text for p in retired} >= {
        "Your worth was never up for debate.",
        "Many people are pausing for a breath like this one today.",
        "How about a slow breath together?",
    }
    old = shipped.get("self-image-worth")
    assert old is not None and old.text == "Your worth was never up for debate."
    picker = PhrasePicker(shipped, None, random.Random(24))
    ids = {i for _ in range(60) for i in picker.break_texts(only(*NEEDS), at(15)).phrase_ids}
    assert ids.isdisjoint(p.id for p in retired)
    assert {picker.reminder_text() for _ in range(40)}.isdisjoint(p.text for p in retired)


def _small_library(marks: Marks) -> PhraseLibrary:
    phrases = [Phrase(f"w{n}", "warmth", f"Kind words number {n}.", "test") for n in range(4)]
    return PhraseLibrary(phrases, marks)


def test_a_hidden_phrase_is_never_shown() -> None:
    picker = PhrasePicker(_small_library(Marks(hidden=frozenset({"w1"}))), None, random.Random(3))
    shown = {picker.break_texts(only("warmth"), MORNING).kindness for _ in range(30)}
    assert shown == {"Kind words number 0.", "Kind words number 2.", "Kind words number 3."}


def test_a_favourite_comes_round_about_twice_as_often() -> None:
    picker = PhrasePicker(
        _small_library(Marks(favourite=frozenset({"w2"}))), None, random.Random(4)
    )
    shown = [picker.break_texts(only("warmth"), MORNING).phrase_ids[0] for _ in range(200)]
    others = [shown.count(f"w{n}") for n in (0, 1, 3)]
    assert shown.count("w2") >= 1.6 * max(others), (shown.count("w2"), others)
    assert min(others) >= 35
    assert all(a != b for a, b in zip(shown, shown[1:], strict=False))
