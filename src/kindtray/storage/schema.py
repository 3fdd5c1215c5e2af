"""The schema number every file kindtray writes carries, and the migrations between numbers.

Owns: reading the ``schema`` key of a TOML document, deciding whether the file is older (then
upgraded in memory by one small function per schema change, applied in order), current, or
from a newer kindtray (then left untouched: the caller uses defaults and never writes it).

Must not: read or write files itself; the stores do that and decide what "defaults" means.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeGuard

Document = dict[str, Any]
Migration = Callable[[Document], None]
"""Changes a document in place from schema n to n + 1 (the n-th entry of a chain, from 1)."""

SCHEMA_KEY: Final = "schema"


@dataclass(frozen=True)
class Versioned:
    """A document brought to the current schema, or the reason it could not be.

    ``document`` is None when the file must not be used (a newer or a meaningless schema);
    ``newer`` is True when it came from a newer kindtray and so must never be written over.
    """

    document: Document | None
    found: object
    newer: bool = False
    migrated_from: int | None = None
    problem: str | None = None


def file_schema(document: Mapping[str, Any], default: int = 1) -> object:
    """Return the schema number a document claims (``default`` when it names none)."""
    return document.get(SCHEMA_KEY, default)


def is_schema_number(value: object) -> TypeGuard[int]:
    """Return True for a whole number from 1 up (not a bool, not text)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def upgrade(
    document: Mapping[str, Any],
    current: int,
    migrations: Sequence[Migration],
    *,
    default: int = 1,
) -> Versioned:
    """Check a document's schema and bring it to ``current``.

    Args:
        document: as parsed; never changed (a migrated copy is returned).
        current: the schema this kindtray writes.
        migrations: ``migrations[n - 1]`` turns schema n into n + 1; exactly ``current - 1``.
        default: the schema of a document without a ``schema`` key.
    """
    if len(migrations) != current - 1:
        raise ValueError(f"schema {current} needs {current - 1} migrations, not {len(migrations)}")
    found = file_schema(document, default)
    if not is_schema_number(found):
        return Versioned(None, found, problem=f"schema = {found!r} is not a schema number")
    if found > current:
        return Versioned(
            None,
            found,
            newer=True,
            problem=(
                f"it was written by a newer kindtray (schema {found}; this version knows "
                f"schema {current})"
            ),
        )
    if found == current:
        return Versioned(dict(document), found)
    upgraded: Document = copy.deepcopy(dict(document))
    for version in range(found, current):
        migrations[version - 1](upgraded)
        upgraded[SCHEMA_KEY] = version + 1
    return Versioned(upgraded, found, migrated_from=found)
