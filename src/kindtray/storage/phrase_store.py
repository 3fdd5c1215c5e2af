"""Reading the phrase libraries, editing the user's own, and keeping the rotation file.

Owns: reading the shipped library (``resources/phrases/en.toml``, from a checkout, a wheel or
the bundle) and the user's own ``phrases.toml`` with its hidden and favourite lists; the
edits "My words" makes to that file (``MyWordsFile``: through tomlkit, so every comment, blank
line and hand-written entry it does not touch stays byte for byte); and the rotation file
that remembers which phrases the current round has shown. A user file that cannot be read is
reported and the shipped phrases are used alone; "My words" then refuses to write it, so
nothing in it is lost.

The rotation file carries a schema number, checked on every load: one from a newer kindtray is
left untouched (this session starts a fresh round in memory and never writes the file); an
older one is upgraded by ROTATION_MIGRATIONS. Checking the phrases themselves and choosing them
is ``kindtray.core.phrases``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Final

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import Array, Table
from tomlkit.toml_document import TOMLDocument

from kindtray.assets import find_resource
from kindtray.core.phrases import (
    GROUPS,
    MARK_ALLOWED,
    MARK_KEY,
    MARK_TABLES,
    RETIRED_GROUP,
    SHIPPED_GROUPS,
    SHIPPED_SOURCE,
    USER_ID_PREFIX,
    Marks,
    Phrase,
    PhraseLibrary,
    Rotation,
    parse_marks,
    parse_phrases,
    resolve_marks,
)
from kindtray.storage.files import atomic_write, describe_os_error, read_regular_file
from kindtray.storage.schema import SCHEMA_KEY, Migration, upgrade
from kindtray.storage.tomlfile import write_toml

ROTATION_SCHEMA: Final = 1
ROTATION_MIGRATIONS: Final[tuple[Migration, ...]] = ()
"""One function per schema change: ``ROTATION_MIGRATIONS[n - 1]`` turns schema n into n + 1."""

ROTATION_HEADER: Final = "Which kindtray phrases were shown in the current round; safe to delete."


def load_library(user_file: Path | None) -> tuple[PhraseLibrary, list[str]]:
    """Load the shipped phrases plus the user's own; never raises.

    Args:
        user_file: the user's ``phrases.toml`` (``Paths.phrases_file``), or None. A missing
            file is normal and not reported.

    Returns:
        The library, and one line per problem found (file, line, reason), for the log and for
        ``kindtray`` to show. Every entry a problem names was skipped.
    """
    problems: list[str] = []
    phrases: list[Phrase] = []
    marks = Marks()
    try:
        shipped_text = _shipped_text()
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{SHIPPED_SOURCE}: could not be read ({exc}); a few plain words are used")
    else:
        shipped, shipped_problems = parse_phrases(
            shipped_text, SHIPPED_SOURCE, groups=SHIPPED_GROUPS
        )
        phrases.extend(shipped)
        problems.extend(shipped_problems)

    if user_file is not None:
        user_text, read_problems = _read_user_file(user_file)
        problems.extend(read_problems)
        if user_text is not None:
            # A retired line is not in use: the person may write those words themselves.
            current = [p for p in phrases if p.group != RETIRED_GROUP]
            user, user_problems = parse_phrases(
                user_text, str(user_file), existing=current, id_prefix=USER_ID_PREFIX
            )
            written_marks, mark_problems = parse_marks(user_text, str(user_file))
            phrases.extend(user)
            problems.extend(user_problems)
            problems.extend(mark_problems)
            marks = resolve_marks(written_marks, phrases)
    return PhraseLibrary(phrases, marks), problems


def _shipped_text() -> str:
    # The one place that knows where the shipped library lives (checkout, wheel or bundle).
    return find_resource("phrases", "en.toml").read_text("utf-8")


def _read_user_file(path: Path) -> tuple[str | None, list[str]]:
    try:
        raw = read_regular_file(path)
    except FileNotFoundError:
        return None, []
    except OSError as exc:
        return None, [
            f"{path}: could not be read ({describe_os_error(exc)}); using the built-in phrases only"
        ]
    try:
        # utf-8-sig: some editors put a byte-order mark at the start, which TOML does not allow.
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return None, [f"{path}: is not UTF-8 text; using the built-in phrases only"]


class RotationFile:
    """The rotation kept in a small TOML file (a RotationStore for PhrasePicker)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.newer_schema = False

    def load(self) -> tuple[Rotation, list[str]]:
        """Return the saved rotation, or a fresh one and the reason; never raises."""
        self.newer_schema = False
        try:
            document = tomllib.loads(read_regular_file(self.path).decode("utf-8"))
        except FileNotFoundError:
            return Rotation(), []
        except OSError as exc:
            return Rotation(), [
                f"{self.path}: could not be read ({describe_os_error(exc)}); "
                "phrases start a fresh rotation"
            ]
        except (ValueError, RecursionError, MemoryError):  # not UTF-8, not TOML, too big
            return Rotation(), [f"{self.path}: unreadable; phrases start a fresh rotation"]
        versioned = upgrade(document, ROTATION_SCHEMA, ROTATION_MIGRATIONS)
        if versioned.document is None:
            self.newer_schema = versioned.newer
            keeping = "is left untouched" if versioned.newer else "will be replaced"
            return Rotation(), [
                f"{self.path}: {versioned.problem}; phrases start a fresh rotation and the file "
                f"{keeping}"
            ]
        return Rotation.from_document(versioned.document), []

    def save(self, rotation: Rotation) -> None:
        """Write the rotation atomically; a file from a newer kindtray is never written over.

        Raises SaveError when the file cannot be written.
        """
        if self.newer_schema:
            return  # said once when loading; the round goes on in memory
        write_toml(
            self.path, {SCHEMA_KEY: ROTATION_SCHEMA, **rotation.to_document()}, ROTATION_HEADER
        )


# -- "My words": editing the user's file -------------------------------------------------------

MY_WORDS_HEADER: Final = """\
# My words: your own phrases for kindtray, and the ones you hide or keep as favourites.
# Settings > My words edits this file; it keeps these comments and anything you write here.
#
# One table per group, one line per phrase, as in kindtray's own library:
#
#     [warmth]
#     my-grandmother = "Somebody once loved me just as I am. I can too."
#
# Groups: {groups}.
# An id uses letters, digits, "-" and "_" and is unique in this file. The words stay on one
# line, under 90 characters. "you" speaks to you, "I" speaks as you; a break keeps to one.
#
# Hidden phrases are never shown; a favourite comes round about twice as often. Both lists
# take ids: yours, or kindtray's (see "kindtray phrases"). An id names your phrase if you
# have one with it, else kindtray's.
#
#     [hidden]
#     ids = ["calm-lake"]
#
#     [favourite]
#     ids = ["my-grandmother"]
#
# Check the file with: kindtray phrases
"""


class MyWordsError(Exception):
    """The user's file cannot be edited safely; the message says why, naming the file."""


class MyWordsFile:
    """The user's ``phrases.toml`` as "My words" edits it, comments and all.

    ``load()`` reads it (a missing file starts from a commented header); the edit methods
    change the document in memory; ``save()`` writes it atomically. Only the lines an edit
    touches change: tomlkit keeps every other byte, a byte-order mark included.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._document: TOMLDocument = tomlkit.document()
        self._bom = ""

    def load(self) -> None:
        """Read the file; raise MyWordsError when it exists but cannot be edited safely."""
        try:
            raw = read_regular_file(self.path)
        except FileNotFoundError:
            self._document = tomlkit.parse(MY_WORDS_HEADER.format(groups=", ".join(GROUPS)))
            self._bom = ""
            return
        except OSError as exc:
            raise MyWordsError(
                f"{self.path}: could not be read ({describe_os_error(exc)})"
            ) from exc
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise MyWordsError(
                f"{self.path}: is not UTF-8 text; fix it in an editor first"
            ) from exc
        self._bom = "\ufeff" if text.startswith("\ufeff") else ""
        try:
            self._document = tomlkit.parse(text.removeprefix("\ufeff"))
        except (TOMLKitError, ValueError, RecursionError) as exc:
            raise MyWordsError(
                f"{self.path}: is not valid TOML ({exc}); fix it in an editor first, so that "
                "nothing in it is lost"
            ) from exc

    def text(self) -> str:
        """The file's text as it would be saved."""
        return self._bom + tomlkit.dumps(self._document)

    def save(self) -> None:
        """Write the file atomically (mode 0600); raise SaveError when it cannot be."""
        atomic_write(self.path, self.text().encode("utf-8"))

    # -- reading ---------------------------------------------------------------------------

    def keys(self) -> set[str]:
        """Every phrase id in the file, in any group (a new id must differ from all)."""
        keys: set[str] = set()
        for name in GROUPS:
            table = self._document.get(name)
            if isinstance(table, dict):
                keys.update(str(key) for key in table)
        return keys

    def marks(self, table: str) -> list[str]:
        """The ids in [hidden] or [favourite], as written."""
        marks = self._document.get(table)
        ids = marks.get(MARK_KEY) if isinstance(marks, dict) else None
        return [str(i) for i in ids if isinstance(i, str)] if isinstance(ids, list) else []

    # -- editing ---------------------------------------------------------------------------

    def set_phrase(self, group: str, key: str, words: str) -> None:
        """Add a phrase, or change the words of one; its place and its comment stay."""
        table = self._table(group)
        new = tomlkit.string(words)
        old = table.get(key)
        if old is not None:
            # The person's own note after the phrase ("# from my sister") stays with it.
            new.trivia.comment_ws = old.trivia.comment_ws
            new.trivia.comment = old.trivia.comment
            table[key] = new
            return
        keys = [k for k, _ in table.value.body if k is not None]
        if keys:
            # After the last phrase, not after a comment that leads into the next table.
            table.value._insert_after(keys[-1], key, new)
        else:
            table[key] = new

    def remove_phrase(self, group: str, key: str) -> None:
        """Take one of the user's phrases (with its comment) and its marks out of the file."""
        table = self._document.get(group)
        if isinstance(table, Table) and key in table:
            del table[key]
        for mark in MARK_TABLES:
            self.set_mark(mark, key, on=False)

    def set_mark(self, table: str, phrase_id: str, *, on: bool) -> None:
        """Put an id into [hidden] or [favourite], or take it out."""
        ids = self._mark_list(table, create=on)
        if ids is None:
            return
        present = [i for i, item in enumerate(ids) if item == phrase_id]
        if on and not present:
            ids.append(phrase_id)
        if not on:
            for index in reversed(present):
                del ids[index]

    def _table(self, group: str) -> Table:
        if group not in GROUPS:
            raise ValueError(f"{group} is not a phrase group")
        table = self._document.get(group)
        if table is None:
            table = tomlkit.table()
            self._document.add(tomlkit.nl())
            self._document.add(group, table)
            return table
        if not isinstance(table, Table):
            raise MyWordsError(
                f"{self.path}: {group} is not a table like [{group}]; fix it in an editor first"
            )
        return table

    def _mark_list(self, table: str, *, create: bool) -> Array | None:
        marks = self._document.get(table)
        if marks is None:
            if not create:
                return None
            marks = tomlkit.table()
            self._document.add(tomlkit.nl())
            self._document.add(table, marks)
        if not isinstance(marks, Table):
            raise MyWordsError(
                f"{self.path}: {table} is not a table like [{table}]; fix it in an editor first"
            )
        ids = marks.get(MARK_KEY)
        if ids is None:
            if not create:
                return None
            ids = tomlkit.array()
            marks[MARK_KEY] = ids
        if not isinstance(ids, Array):
            raise MyWordsError(
                f"{self.path}: [{table}] {MARK_KEY} is not allowed; use {MARK_ALLOWED}. Fix it "
                "in an editor first"
            )
        return ids
