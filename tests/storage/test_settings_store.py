import os
import stat
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kindtray.core.clock import FakeClock
from kindtray.core.settings import Settings
from kindtray.storage.files import SaveError
from kindtray.storage.settings_store import SettingsStore


@pytest.fixture
def clock():
    return FakeClock(datetime(2026, 11, 29, 10, 0, tzinfo=UTC))


@pytest.fixture
def path(tmp_path):
    return tmp_path / "config" / "settings.toml"


def test_missing_file_gives_defaults_and_writes_nothing(path, clock):
    loaded = SettingsStore(path, clock).load()
    assert loaded.settings == Settings()
    assert loaded.problems == ()
    assert not loaded.exists
    assert not path.exists()


def test_save_then_load_round_trips_every_key(path, clock):
    store = SettingsStore(path, clock)
    store.load()
    changed = (
        Settings()
        .with_value("reminders.interval_minutes", 25)
        .with_value("reminders.active_days", ("sat",))
        .with_value("break.theme", "dark")
        .with_value("phrases.needs", ("calm",))
        .with_value("system.start_at_login", True)
    )
    store.save(changed)
    assert SettingsStore(path, clock).load().settings == changed
    text = path.read_text()
    assert text.startswith("# kindtray settings")
    assert "interval_minutes = 25" in text


def test_saved_file_and_dir_are_private(path, clock):
    store = SettingsStore(path, clock)
    store.load()
    store.save(Settings())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    "content",
    [b"", b"   \n", b"[reminders\ninterval", b"\xff\xfe garbage", b'{"json": true}'],
    ids=["empty", "blank", "truncated", "not-utf8", "json"],
)
def test_unparseable_file_is_kept_aside_and_defaults_used(path, clock, content):
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    loaded = SettingsStore(path, clock).load()
    assert loaded.settings == Settings()
    assert loaded.backup == path.with_name("settings.toml.corrupt-20261129T100000")
    assert loaded.backup is not None and loaded.backup.read_bytes() == content
    assert str(loaded.backup) in loaded.messages[0]


def test_a_second_corrupt_backup_does_not_overwrite_the_first(path, clock):
    path.parent.mkdir(parents=True)
    path.write_bytes(b"one [")
    first = SettingsStore(path, clock).load().backup
    path.write_bytes(b"two [")
    second = SettingsStore(path, clock).load().backup
    assert first is not None and second is not None
    assert first != second
    assert first.read_bytes() == b"one ["
    assert second.read_bytes() == b"two ["


def test_the_same_broken_file_is_copied_aside_only_once(path, clock):
    path.parent.mkdir(parents=True)
    path.write_bytes(b"broken [")
    first = SettingsStore(path, clock).load().backup
    clock.advance(3600)
    again = SettingsStore(path, clock).load()
    assert again.backup == first
    assert str(first) in again.messages[0]
    assert len(list(path.parent.glob("settings.toml.corrupt-*"))) == 1


def test_deeply_nested_toml_bomb_is_handled(path, clock):
    path.parent.mkdir(parents=True)
    path.write_text("x = " + "[" * 100_000 + "]" * 100_000)
    loaded = SettingsStore(path, clock).load()
    assert loaded.settings == Settings()
    assert loaded.backup is not None


def test_bad_values_stay_in_the_file_until_the_user_changes_them(path, clock):
    path.parent.mkdir(parents=True)
    path.write_text(
        "# my notes\n[reminders]\ninterval_minutes = 'often'\nsnooze_minutes = 5\nmine = 1\n"
    )
    store = SettingsStore(path, clock)
    loaded = store.load()
    assert "reminders.interval_minutes" in loaded.messages[0]
    store.save(loaded.settings.with_value("break.theme", "light"))
    saved = tomllib.loads(path.read_text())
    assert saved["reminders"] == {"interval_minutes": "often", "snooze_minutes": 5, "mine": 1}
    assert saved["break"] == {"theme": "light"}
    store.save(store.settings.with_value("reminders.interval_minutes", 60))
    assert tomllib.loads(path.read_text())["reminders"]["interval_minutes"] == 60


def test_newer_schema_file_is_never_overwritten(path, clock):
    path.parent.mkdir(parents=True)
    original = b"schema = 3\n[reminders]\ninterval_minutes = 30\n[future]\nthing = 1\n"
    path.write_bytes(original)
    store = SettingsStore(path, clock)
    loaded = store.load()
    assert loaded.settings.reminders.interval_minutes == 30
    assert not loaded.writable
    with pytest.raises(SaveError, match="newer kindtray"):
        store.save(loaded.settings.with_value("break.theme", "dark"))
    assert path.read_bytes() == original


def test_read_only_dir_gives_clear_error_and_keeps_old_file(path, clock, monkeypatch):
    # Tests run as root in CI, where chmod cannot make a dir read-only: inject the error.
    store = SettingsStore(path, clock)
    store.load()
    store.save(Settings())
    before = path.read_bytes()

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", read_only)
    with pytest.raises(SaveError, match="permission denied"):
        store.save(Settings().with_value("break.theme", "dark"))
    assert path.read_bytes() == before


def test_failed_write_keeps_old_file_and_leaves_no_temp(path, clock, monkeypatch):
    store = SettingsStore(path, clock)
    store.load()
    store.save(Settings())
    before = path.read_bytes()

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(SaveError, match="the disk is full"):
        store.save(Settings().with_value("break.theme", "dark"))
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.toml"]


def test_unwritable_location_gives_clear_error(tmp_path, clock):
    store = SettingsStore(Path(tmp_path / "cfg" / "settings.toml"), clock)
    store.load()
    (tmp_path / "cfg").write_text("a file where the folder should be")
    with pytest.raises(SaveError, match="could not save"):
        store.save(Settings())


@pytest.mark.parametrize("keep_backup", [True, False])
def test_an_unreadable_file_is_named_once_in_its_message(path, clock, keep_backup):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[reminders\n", encoding="utf-8")
    loaded = SettingsStore(path, clock).load(keep_backup=keep_backup)
    [message] = loaded.messages
    assert message.startswith(f"{path}: could not be read because")
    assert f"{path}: {path}" not in message


def test_schema_is_checked_when_loading(path, clock):
    path.parent.mkdir(parents=True)
    path.write_text('schema = "one"\n[reminders]\ninterval_minutes = 30\n')
    loaded = SettingsStore(path, clock).load()
    assert any(p.key == "schema" and "not allowed" in str(p) for p in loaded.problems)
    assert loaded.settings.reminders.interval_minutes == 30


def test_an_older_settings_file_goes_through_the_migration_chain(path, clock, monkeypatch):
    # Pretend this kindtray is at schema 3: 1->2 renamed a key, 2->3 changed hours to minutes.
    def v1_to_v2(document):
        document["reminders"]["interval_minutes"] = document["reminders"].pop("every")

    def v2_to_v3(document):
        document["reminders"]["snooze_minutes"] = document["reminders"].pop("snooze_hours") * 60

    monkeypatch.setattr("kindtray.core.settings.SCHEMA_VERSION", 3)
    monkeypatch.setattr("kindtray.storage.settings_store.SCHEMA_VERSION", 3)
    monkeypatch.setattr("kindtray.storage.settings_store.MIGRATIONS", (v1_to_v2, v2_to_v3))
    path.parent.mkdir(parents=True)
    path.write_text("schema = 1\n[reminders]\nevery = 30\nsnooze_hours = 1\nmine = 2\n")
    store = SettingsStore(path, clock)
    loaded = store.load()
    assert loaded.migrated_from == 1 and loaded.writable
    assert [p.message for p in loaded.problems] == ["unknown keys kept as they are: reminders.mine"]
    assert loaded.settings.reminders.interval_minutes == 30
    assert loaded.settings.reminders.snooze_minutes == 60
    assert path.read_text().startswith("schema = 1"), "loading alone writes nothing"
    store.save(loaded.settings.with_value("break.theme", "dark"))
    saved = tomllib.loads(path.read_text())
    assert saved["schema"] == 3
    assert saved["reminders"] == {"interval_minutes": 30, "snooze_minutes": 60, "mine": 2}
    assert saved["break"]["theme"] == "dark"


# -- schema 1 to 2: a smaller default set of needs --------------------------------------------

ALL_NINE = (
    '["calm", "warmth", "mistakes", "stress", "low-mood", "hard-times", "self-image", "body", '
    '"sleep"]'
)


def test_new_default_needs_are_a_small_general_set():
    needs = Settings().phrases.needs
    assert needs == ("calm", "warmth", "stress")
    assert "mistakes" not in needs and "sleep" not in needs


def test_a_file_with_the_old_default_needs_gets_the_new_default(path, clock):
    # What a first save of schema 1 wrote: every key, all nine needs, never chosen.
    path.parent.mkdir(parents=True)
    path.write_text(f'schema = 1\n[break]\ntheme = "dark"\n[phrases]\nneeds = {ALL_NINE}\n')
    store = SettingsStore(path, clock)
    loaded = store.load()
    assert loaded.migrated_from == 1
    assert loaded.settings.phrases.needs == ("calm", "warmth", "stress")
    assert loaded.settings.break_.theme == "dark"
    store.save(loaded.settings.with_value("reminders.snooze_minutes", 5))
    saved = tomllib.loads(path.read_text())
    assert saved["schema"] == 2
    assert "needs" not in saved["phrases"], "the default is not frozen into the file"


@pytest.mark.parametrize(
    "chosen", ['["mistakes", "sleep"]', "[]", '["calm", "warmth", "stress", "body"]']
)
def test_a_file_with_needs_the_person_chose_keeps_them(path, clock, chosen):
    path.parent.mkdir(parents=True)
    path.write_text(f"schema = 1\n[phrases]\nneeds = {chosen}\n")
    store = SettingsStore(path, clock)
    loaded = store.load()
    assert list(loaded.settings.phrases.needs) == tomllib.loads(f"n = {chosen}")["n"]
    store.save(loaded.settings.with_value("break.theme", "light"))
    assert (
        tomllib.loads(path.read_text())["phrases"]["needs"] == tomllib.loads(f"n = {chosen}")["n"]
    )


def test_a_file_without_needs_follows_the_default(path, clock):
    path.parent.mkdir(parents=True)
    path.write_text('schema = 1\n[break]\ntheme = "dark"\n')
    assert SettingsStore(path, clock).load().settings.phrases.needs == ("calm", "warmth", "stress")
