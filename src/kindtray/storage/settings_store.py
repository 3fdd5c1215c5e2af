"""Loading and saving settings.toml: never crash, never lose what the user wrote.

Rules (each has a test):
- missing file: defaults; nothing is written until the user changes something;
- a bad key: that key takes its default and the problem is reported; the bad value stays in
  the file until the user sets that key again;
- unknown keys: kept on every save and reported;
- unparseable file: copied aside, defaults used, the user told where the copy is;
- a file from a newer schema: read what is understood and never overwrite it;
- a file from an older schema: upgraded in memory by MIGRATIONS, one small function per
  schema change applied in order; the upgraded document is what the next save writes;
- saving is atomic, mode 0600; a failure raises SaveError and keeps the old file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from kindtray.core.clock import Clock
from kindtray.core.settings import (
    SCHEMA_VERSION,
    Problem,
    Settings,
    changed_keys,
    read_document,
    to_document,
)
from kindtray.storage.files import SaveError
from kindtray.storage.schema import Document, Migration, upgrade
from kindtray.storage.tomlfile import read_toml, write_toml

# Schema 1's default, written out (NEEDS may grow, this must not); one line, not a copy of NEEDS.
_OLD_DEFAULT_NEEDS: Final = sorted(
    "calm warmth mistakes stress low-mood hard-times self-image body sleep".split()  # noqa: SIM905
)


def _needs_default_narrowed(document: Document) -> None:
    """Schema 1 to 2: all nine needs on was the default; the default is now a small set.

    A file that lists exactly all nine got them from a first save, which writes every key
    (or from someone who turned them all back on, which cannot be told apart): the key is
    dropped so the new default applies. Any other choice is the person's and stays.
    """
    phrases = document.get("phrases")
    if not isinstance(phrases, dict):
        return
    needs = phrases.get("needs")
    if isinstance(needs, list) and sorted(map(str, needs)) == _OLD_DEFAULT_NEEDS:
        del phrases["needs"]


MIGRATIONS: Final[tuple[Migration, ...]] = (_needs_default_narrowed,)
"""One function per schema change, in order: ``MIGRATIONS[n - 1]`` turns schema n into n + 1.

A migration changes the document in place and only ever moves or rewrites what the user
wrote (a renamed key, a changed unit); it never drops a value it does not understand. Bump
``SCHEMA_VERSION`` (``kindtray.core.settings``) together with adding one here.
"""

HEADER = """kindtray settings. Edit freely; kindtray keeps keys it does not know.
Every key is described in kindtray's docs/files.md, under "Settings file"."""


@dataclass(frozen=True)
class LoadedSettings:
    """Settings as loaded, with every message the user should see about the file."""

    settings: Settings
    problems: tuple[Problem, ...]
    writable: bool
    exists: bool
    backup: Path | None = None
    migrated_from: int | None = None

    @property
    def messages(self) -> tuple[str, ...]:
        """The problems as lines of text."""
        return tuple(str(p) for p in self.problems)


class SettingsStore:
    """Reads and writes one settings file, remembering what was read so saves keep it."""

    def __init__(self, path: Path, clock: Clock) -> None:
        self.path = path
        self._clock = clock
        self._document: dict[str, Any] = {}
        self._loaded = Settings()
        self._writable = True

    def load(self, *, keep_backup: bool = True) -> LoadedSettings:
        """Read the file (see the module rules) and remember it for the next save.

        ``keep_backup=False`` is for read-only checks: an unreadable file is reported but
        not copied (and then cannot be saved over).
        """
        read = read_toml(self.path, self._clock, keep_backup=keep_backup)
        # read_toml's messages already start with the file's name.
        problems = [
            Problem(str(self.path), "", m.removeprefix(f"{self.path}: ")) for m in read.messages
        ]
        if read.document is None:
            self._document = {}
            self._loaded = Settings()
            self._writable = read.writable
            return LoadedSettings(
                Settings(), tuple(problems), read.writable, read.exists, read.backup
            )
        document, migrated_from = _migrated(read.document)
        result = read_document(document, str(self.path))
        problems.extend(result.problems)
        self._document = document
        self._loaded = result.settings
        self._writable = result.newer_schema is None
        return LoadedSettings(
            result.settings, tuple(problems), self._writable, True, migrated_from=migrated_from
        )

    @property
    def settings(self) -> Settings:
        """The settings as last loaded or saved."""
        return self._loaded

    def save(self, settings: Settings, *, write_all: bool = False) -> None:
        """Save ``settings`` atomically, keeping unknown keys and untouched values.

        Only keys that differ from what was loaded are written (all keys with ``write_all``),
        so a value kindtray could not read stays in the file as the user wrote it.
        Raises SaveError if the file must not or cannot be written.
        """
        if not self._writable:
            raise SaveError(
                0,
                f"{self.path} was not changed: it is from a newer kindtray or could not be "
                "read, and saving would lose what is in it",
            )
        keys = None if write_all or not self._document else changed_keys(self._loaded, settings)
        document = to_document(settings, self._document, keys)
        write_toml(self.path, document, HEADER)
        self._document = document
        self._loaded = settings


def _migrated(document: Document) -> tuple[Document, int | None]:
    """Bring an older document to SCHEMA_VERSION; anything else is returned as it is.

    A newer or a meaningless schema is left for ``read_document`` to report.
    """
    versioned = upgrade(document, SCHEMA_VERSION, MIGRATIONS, default=SCHEMA_VERSION)
    if versioned.document is None or versioned.migrated_from is None:
        return document, None
    return versioned.document, versioned.migrated_from
