import dataclasses
from datetime import time

import pytest

from kindtray.core.settings import Kind, Settings, read_document, to_document, validate_value
from kindtray.core.settings_keys import DEFAULTS, KEYS

GOOD_VALUES: dict[str, object] = {
    "reminders.interval_minutes": 45,
    "reminders.randomness_percent": 30,
    "reminders.active_days": ["sat", "sun"],
    "reminders.active_start": "22:00",
    "reminders.active_end": "02:00",
    "reminders.snooze_minutes": 120,
    "waiting.when_screen_locked": False,
    "waiting.when_fullscreen": False,
    "waiting.when_do_not_disturb": False,
    "waiting.when_screen_shared": False,
    "waiting.when_mic_or_camera": True,
    "waiting.away_after_minutes": 60,
    "break.length_seconds": 30,
    "break.breaths_per_minute": 8,
    "break.mood_check_in": False,
    "break.reduced_motion": "on",
    "break.theme": "dark",
    "break.sound": True,
    "break.volume_percent": 35,
    "phrases.needs": ["calm", "sleep"],
    "phrases.wind_down": "21:30",
    "system.start_at_login": True,
    "system.language": "de",
}
BAD_VALUES: dict[str, list[object]] = {
    "reminders.interval_minutes": [9, 481, "90", 90.0, True],
    "reminders.randomness_percent": [-1, 31],
    "reminders.active_days": ["mon", ["mon", "mon"], ["monday"], [1]],
    "reminders.active_start": ["9:00", "24:00", "09:60", 900, "09:00:00"],
    "reminders.active_end": ["", "noon"],
    "reminders.snooze_minutes": [0, 121],
    "waiting.when_screen_locked": ["true"],
    "waiting.when_fullscreen": [1],
    "waiting.when_do_not_disturb": ["off"],
    "waiting.when_screen_shared": [None],
    "waiting.when_mic_or_camera": [0],
    "waiting.away_after_minutes": [0, 61, 5.0],
    "break.length_seconds": [29, 301],
    "break.breaths_per_minute": [3, 9, 6.5, "6", True],
    "break.mood_check_in": ["yes", 1],
    "break.reduced_motion": ["maybe", True],
    "break.theme": ["blue"],
    "break.sound": ["false"],
    "break.volume_percent": [-1, 101, "loud", True],
    "phrases.needs": [["calm", "joy"], "calm"],
    "phrases.wind_down": ["9pm", 21],
    "system.start_at_login": [0],
    "system.language": ["german", 1],
}


def document_with(key: str, value: object) -> dict[str, object]:
    section, name = key.split(".")
    return {section: {name: value}}


def test_every_key_has_good_and_bad_examples():
    assert set(GOOD_VALUES) == {spec.key for spec in KEYS} == set(BAD_VALUES)


def test_defaults_match_the_documented_public_format():
    doc = to_document(Settings())
    assert doc["schema"] == 2
    assert doc["reminders"] == {
        "interval_minutes": 90,
        "randomness_percent": 10,
        "active_days": ["mon", "tue", "wed", "thu", "fri"],
        "active_start": "09:00",
        "active_end": "18:00",
        "snooze_minutes": 10,
    }
    assert doc["break"] == {
        "length_seconds": 60,
        "breaths_per_minute": 6,
        "mood_check_in": True,
        "reduced_motion": "system",
        "theme": "system",
        "sound": False,
        "volume_percent": 60,
    }
    assert doc["phrases"] == {"needs": ["calm", "warmth", "stress"], "wind_down": ""}
    assert doc["system"] == {"start_at_login": False, "language": "system"}


@pytest.mark.parametrize("key", sorted(GOOD_VALUES))
def test_a_good_value_is_read_and_written_back_unchanged(key):
    result = read_document(document_with(key, GOOD_VALUES[key]))
    assert result.problems == ()
    assert result.settings.get(key) != DEFAULTS[key]
    written = to_document(result.settings)
    section, name = key.split(".")
    assert written[section][name] == GOOD_VALUES[key]


@pytest.mark.parametrize(
    ("key", "value"), [(k, v) for k, values in sorted(BAD_VALUES.items()) for v in values]
)
def test_a_bad_value_falls_back_to_the_default_with_a_clear_message(key, value):
    result = read_document(document_with(key, value), "/home/u/settings.toml")
    assert result.settings.get(key) == DEFAULTS[key]
    assert len(result.problems) == 1
    message = str(result.problems[0])
    spec = next(s for s in KEYS if s.key == key)
    assert message.startswith("/home/u/settings.toml: " + key + ": ")
    assert spec.allowed in message
    assert "Using the default" in message
    assert validate_value(key, value) is not None


def test_the_other_keys_survive_a_bad_neighbour():
    result = read_document({"reminders": {"interval_minutes": 5, "snooze_minutes": 20}})
    assert result.settings.reminders.snooze_minutes == 20
    assert result.settings.reminders.interval_minutes == 90


def test_days_are_kept_in_week_order():
    result = read_document({"reminders": {"active_days": ["fri", "mon"]}})
    assert result.settings.reminders.active_days == ("mon", "fri")


def test_wind_down_empty_means_off():
    assert read_document({"phrases": {"wind_down": ""}}).settings.phrases.wind_down is None
    result = read_document({"phrases": {"wind_down": "20:15"}})
    assert result.settings.phrases.wind_down == time(20, 15)


def test_unknown_keys_are_reported_once_and_named():
    result = read_document({"reminders": {"intervall_minutes": 30}, "extras": {"a": 1}})
    assert result.unknown_keys == ("reminders.intervall_minutes", "extras")
    assert len(result.problems) == 1
    assert "reminders.intervall_minutes" in str(result.problems[0])


def test_a_section_of_the_wrong_shape_is_a_problem_not_a_crash():
    result = read_document({"reminders": "often", "break": [1, 2]})
    assert result.settings == Settings()
    assert [p.key for p in result.problems] == ["reminders", "break"]


def test_a_newer_schema_is_read_and_flagged():
    result = read_document({"schema": 7, "reminders": {"interval_minutes": 30}})
    assert result.newer_schema == 7
    assert result.settings.reminders.interval_minutes == 30
    assert "newer kindtray" in str(result.problems[0])


def test_a_huge_value_does_not_flood_the_message():
    result = read_document({"break": {"theme": "x" * 10_000_000}})
    assert len(str(result.problems[0])) < 400


def test_unknown_keys_are_kept_when_written():
    base = {"schema": 1, "reminders": {"interval_minutes": 30, "mine": "keep"}, "other": [1]}
    settings = read_document(base).settings.with_value("reminders.snooze_minutes", 5)
    doc = to_document(settings, base)
    assert doc["reminders"]["mine"] == "keep"
    assert doc["other"] == [1]
    assert doc["reminders"]["snooze_minutes"] == 5
    assert base["reminders"] == {"interval_minutes": 30, "mine": "keep"}  # base not mutated


def test_only_changed_keys_are_written_so_unreadable_values_stay():
    base = {"reminders": {"interval_minutes": "ninety", "snooze_minutes": 10}}
    settings = read_document(base).settings.with_value("reminders.snooze_minutes", 15)
    doc = to_document(settings, base, only_keys={"reminders.snooze_minutes"})
    assert doc["reminders"] == {"interval_minutes": "ninety", "snooze_minutes": 15}


def test_validate_value_accepts_good_values():
    for key, value in GOOD_VALUES.items():
        assert validate_value(key, value) is None, key


def test_the_model_has_one_field_per_declared_key_with_the_declared_default():
    model = Settings()
    fields_found = {
        f"{'break' if section.name == 'break_' else section.name}.{f.name}"
        for section in dataclasses.fields(Settings)
        for f in dataclasses.fields(getattr(model, section.name))
    }
    assert fields_found == {spec.key for spec in KEYS}
    for spec in KEYS:
        assert model.get(spec.key) == spec.default
        assert spec.parse(spec.dump(spec.default)) == spec.default


def test_every_declared_key_has_its_words_and_a_consistent_shape():
    for spec in KEYS:
        assert spec.label and spec.help.endswith("."), spec.key
        if spec.kind is Kind.NUMBER:
            assert spec.low < spec.high and spec.low <= spec.default <= spec.high
        if spec.kind in (Kind.CHOICE, Kind.SUBSET):
            assert spec.choices
        if spec.choice_labels:
            assert set(spec.choice_labels) == set(spec.choices), spec.key
