"""Every settings key, given a wrong type, an out-of-range value and a hostile one, in a file.

For each key in settings.KEYS the file gets one bad value beside good values for the other
keys and a comment of the user's. Loading must not crash, must name the file and the key in
one short, printable message, must keep the other keys, must not change the file, and a
later save of another key must keep the bad value as the user wrote it. Values that make the
whole file unreadable (invalid UTF-8, integers beyond 64 bits, nesting bombs) must leave an
identical copy aside. ``kindtray check-config`` reports each case without a traceback.
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kindtray import cli
from kindtray.core.clock import FakeClock
from kindtray.core.settings import InvalidValue, KeySpec
from kindtray.core.settings_keys import DEFAULTS, KEYS, KEYS_BY_NAME
from kindtray.storage.settings_store import SettingsStore

CLOCK = FakeClock(datetime(2026, 11, 29, 10, 0, tzinfo=UTC))
MESSAGE_LIMIT = 400

# A good, non-default value for every key, as TOML text: they must survive a bad neighbour.
GOOD = {
    "reminders.interval_minutes": "45",
    "reminders.randomness_percent": "20",
    "reminders.active_days": '["sat", "sun"]',
    "reminders.active_start": '"08:30"',
    "reminders.active_end": '"17:30"',
    "reminders.snooze_minutes": "15",
    "waiting.when_screen_locked": "false",
    "waiting.when_fullscreen": "false",
    "waiting.when_do_not_disturb": "false",
    "waiting.when_screen_shared": "false",
    "waiting.when_mic_or_camera": "true",
    "waiting.away_after_minutes": "20",
    "break.length_seconds": "90",
    "break.mood_check_in": "false",
    "break.reduced_motion": '"on"',
    "break.theme": '"dark"',
    "break.sound": "true",
    "break.volume_percent": "30",
    "break.breaths_per_minute": "5",
    "phrases.needs": '["calm", "sleep"]',
    "phrases.wind_down": '"21:30"',
    "system.start_at_login": "true",
    "system.language": '"de"',
}

WRONG_TYPES = {
    "bool": "true",
    "int": "42",
    "float": "4.5",
    "string": '"text"',
    "empty-string": '""',
    "int-list": "[1, 2]",
    "mixed-list": '["mon", 1]',
    "table": "{ a = 1 }",
    "offset-datetime": "2026-11-29T10:00:00Z",
    "local-date": "2026-11-29",
    "local-time": "09:00:00",
}

HOSTILE = {
    # Just under the 1 MB a settings file may hold (a bigger file is refused whole, see
    # tests/storage/test_awkward_files.py).
    "900KB-string": '"' + "x" * 900_000 + '"',
    "largest-int": "9223372036854775807",
    "int-beyond-64-bits": "99999999999999999999999",
    "smallest-int": "-9223372036854775808",
    "nan": "nan",
    "inf": "inf",
    "minus-inf": "-inf",
    "nested-arrays": "[" * 200 + "]" * 200,
    "long-list": "[" + ", ".join(['"mon"'] * 100_000) + "]",
    "terminal-escapes": r'"\u001b[2J\u001b[31mgotcha\u0000\u202e"',
    "markup": '"<img src=http://127.0.0.1:9/x>"',
}

# Whole-file breakers: the file cannot be parsed, so it must be copied aside unchanged.
UNPARSEABLE = {
    "invalid-utf8": b'"\xff\xfe\xc3\x28"',
    "int-of-5000-digits": b"9" * 5000,  # Python refuses to convert it: must not crash
    "inline-table-bomb": b"{a = " * 100_000 + b"1" + b"}" * 100_000,
    "array-bomb": b"[" * 100_000 + b"]" * 100_000,
}


def out_of_range(spec: KeySpec) -> dict[str, str]:
    """Values of the right type that the key does not allow."""
    bounds = re.search(r"from (\d+) to (\d+)", spec.allowed)
    if bounds:
        low, high = int(bounds.group(1)), int(bounds.group(2))
        return {"below": str(low - 1), "above": str(high + 1), "negative": "-1"}
    if spec.allowed.startswith("true or false"):
        return {}
    if "list" in spec.allowed:
        first = spec.dump(spec.default)[0] if spec.dump(spec.default) else "mon"  # type: ignore[index]
        return {"unknown-entry": '["nonsense"]', "twice": f'["{first}", "{first}"]'}
    if "HH:MM" in spec.allowed:
        return {"hour-25": '"25:00"', "no-leading-zero": '"9:00"', "seconds": '"09:00:00"'}
    return {"unknown-choice": '"nonsense"', "wrong-case": '"SYSTEM"'}


@functools.cache
def parsed(literal: str) -> Any:
    return tomllib.loads(f"v = {literal}")["v"]


def is_bad(spec: KeySpec, literal: str) -> bool:
    try:
        spec.parse(parsed(literal))
    except InvalidValue:
        return True
    return False


# A 900 KB value costs a fraction of a second a case (three parses and a save): one key runs in the
# quick suite, the other keys with the slow tests.
QUICK_HUGE_KEY = "reminders.interval_minutes"


def marks(key: str, name: str) -> tuple[pytest.MarkDecorator, ...]:
    return (pytest.mark.slow,) if name == "900KB-string" and key != QUICK_HUGE_KEY else ()


CASES = [
    pytest.param(spec.key, literal, id=f"{spec.key}-{kind}-{name}", marks=marks(spec.key, name))
    for spec in KEYS
    for kind, values in (
        ("type", WRONG_TYPES),
        ("range", out_of_range(spec)),
        ("hostile", HOSTILE),
    )
    for name, literal in values.items()
    if is_bad(spec, literal)
]


def settings_text(bad_key: str, bad_literal: bytes) -> bytes:
    lines = [b"# my own notes, please keep", b"schema = 1"]
    section = None
    for spec in KEYS:
        if spec.section != section:
            section = spec.section
            lines.append(f"[{section}]".encode())
        value = bad_literal if spec.key == bad_key else GOOD[spec.key].encode()
        lines.append(spec.name.encode() + b" = " + value)
    return b"\n".join(lines) + b"\n"


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def check_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert cli.main(["--config-dir", str(tmp_path), "check-config"]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return out.out


def test_every_key_is_covered_by_each_kind_of_bad_value():
    keys = {case.values[0] for case in CASES}
    assert keys == set(KEYS_BY_NAME) == set(GOOD)
    for kind in ("type", "hostile"):
        assert {c.values[0] for c in CASES if f"-{kind}-" in str(c.id)} == keys
    print(f"{len(CASES)} bad-value cases, {len(UNPARSEABLE) * len(KEYS)} unparseable-file cases")


@pytest.mark.parametrize(("key", "literal"), CASES)
def test_a_bad_value_is_named_and_kept_and_nothing_else_is_lost(key, literal, tmp_path, capsys):
    path = tmp_path / "settings.toml"
    original = settings_text(key, literal.encode())
    path.write_bytes(original)
    store = SettingsStore(path, CLOCK)
    loaded = store.load()

    assert path.read_bytes() == original
    assert loaded.settings.get(key) == DEFAULTS[key]
    for spec in KEYS:
        if spec.key != key:
            assert (
                spec.dump(loaded.settings.get(spec.key))
                == tomllib.loads(f"v = {GOOD[spec.key]}")["v"]
            ), spec.key
    assert len(loaded.messages) == 1
    message = loaded.messages[0]
    assert message.startswith(f"{path}: {key}: ")
    assert KEYS_BY_NAME[key].allowed in message
    assert len(message) < MESSAGE_LIMIT
    assert message.isprintable(), "a hostile value must not reach the terminal raw"

    printed = check_config(tmp_path, capsys)
    assert printed.strip() == message

    # Saving another key rewrites the file but keeps the user's bad value for them to fix.
    other = next(s for s in KEYS if s.key != key)
    store.save(loaded.settings.with_value(other.key, other.default))
    section, name = key.split(".")
    before = parsed(literal)
    assert same(tomllib.loads(path.read_text())[section][name], before)


@pytest.mark.parametrize("breaker", sorted(UNPARSEABLE))
@pytest.mark.parametrize("key", sorted(KEYS_BY_NAME))
def test_an_unreadable_file_is_copied_aside_byte_for_byte(key, breaker, tmp_path, capsys):
    path = tmp_path / "settings.toml"
    original = settings_text(key, UNPARSEABLE[breaker])
    path.write_bytes(original)

    printed = check_config(tmp_path, capsys)  # a check never copies or changes anything
    assert str(path) in printed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml"]

    loaded = SettingsStore(path, CLOCK).load()
    assert loaded.settings.get(key) == DEFAULTS[key]
    assert loaded.backup is not None
    assert loaded.backup.read_bytes() == original
    assert path.read_bytes() == original
    assert len(loaded.messages) == 1
    assert str(path) in loaded.messages[0] and str(loaded.backup) in loaded.messages[0]
    assert len(loaded.messages[0]) < MESSAGE_LIMIT


def test_a_table_bomb_in_place_of_a_key_is_a_clear_problem(tmp_path):
    path = tmp_path / "settings.toml"
    original = b"[reminders.interval_minutes" + b".a" * 20_000 + b"]\nx = 1\n"
    path.write_bytes(original)
    loaded = SettingsStore(path, CLOCK).load()
    assert loaded.settings.reminders.interval_minutes == DEFAULTS["reminders.interval_minutes"]
    assert path.read_bytes() == original
    assert len(loaded.messages) == 1
    assert "reminders.interval_minutes" in loaded.messages[0] or loaded.backup is not None
    assert len(loaded.messages[0]) < MESSAGE_LIMIT


def test_thousands_of_unknown_keys_give_one_short_message(tmp_path):
    path = tmp_path / "settings.toml"
    original = "[reminders]\n" + "".join(f"key{i} = {i}\n" for i in range(50_000))
    path.write_text(original)
    loaded = SettingsStore(path, CLOCK).load()
    assert len(loaded.messages) == 1
    assert "reminders.key0" in loaded.messages[0]
    assert "and 49990 more" in loaded.messages[0]
    assert len(loaded.messages[0]) < MESSAGE_LIMIT
    assert path.read_text() == original
