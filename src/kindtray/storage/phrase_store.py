"""Reading the phrase libraries and keeping the phrase rotation file.

Owns: reading the shipped library (``resources/phrases/en.toml``, from a checkout, a wheel or
the bundle) and the user's own ``phrases.toml`` with its hidden and favourite lists, and the
rotation file that remembers which
phrases the current round has shown. The user's file is only ever read, never written, so
unlike settings it is not copied aside when broken: a user file that cannot be read is
reported and the shipped phrases are used alone.

The rotation file carries a schema number, checked on every load: one from a newer kindtray is
left untouched (this session starts a fresh round in memory and never writes the file); an
older one is upgraded by ROTATION_MIGRATIONS. Checking the phrases themselves and choosing them
is ``kindtray.core.phrases``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Final

from kindtray.assets import find_resource
from kindtray.core.phrases import (
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
from kindtray.storage.files import describe_os_error, read_regular_file
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
