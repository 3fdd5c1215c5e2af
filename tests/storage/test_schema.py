"""The schema number every kindtray file carries: checked on read, migrated in order."""

from __future__ import annotations

from typing import Any

import pytest

from kindtray.core import settings as settings_model
from kindtray.storage import phrase_store, settings_store, state_store
from kindtray.storage.schema import upgrade


def _rename(old: str, new: str, log: list[str]) -> Any:
    def migrate(document: dict[str, Any]) -> None:
        log.append(f"{old}->{new} at schema {document.get('schema')}")
        document[new] = document.pop(old)

    return migrate


def test_a_current_document_is_used_as_it_is() -> None:
    result = upgrade({"schema": 1, "a": 1}, 1, ())
    assert result.document == {"schema": 1, "a": 1}
    assert not result.newer and result.migrated_from is None and result.problem is None


def test_a_document_without_a_schema_has_the_default_one() -> None:
    assert upgrade({"a": 1}, 1, ()).document == {"a": 1}
    assert upgrade({"a": 1}, 3, (lambda d: None,) * 2, default=3).migrated_from is None


def test_the_migration_chain_is_applied_in_order_from_the_files_schema() -> None:
    log: list[str] = []
    chain = (_rename("a", "b", log), _rename("b", "c", log), _rename("c", "d", log))
    original = {"schema": 2, "b": "kept", "other": [1]}
    result = upgrade(original, 4, chain)
    assert log == ["b->c at schema 2", "c->d at schema 3"]  # the step 1->2 is not re-applied
    assert result.document == {"schema": 4, "d": "kept", "other": [1]}
    assert result.migrated_from == 2
    assert original == {"schema": 2, "b": "kept", "other": [1]}, "the parsed file is not changed"


def test_a_newer_schema_gives_no_document_and_says_so() -> None:
    result = upgrade({"schema": 7, "a": 1}, 1, ())
    assert result.document is None and result.newer
    assert result.problem is not None and "newer kindtray (schema 7" in result.problem


@pytest.mark.parametrize("schema", [0, -1, "1", True, 1.5, [1]])
def test_a_meaningless_schema_gives_no_document(schema: object) -> None:
    result = upgrade({"schema": schema}, 1, ())
    assert result.document is None and not result.newer
    assert result.problem is not None and "not a schema number" in result.problem


def test_a_chain_of_the_wrong_length_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="needs 1 migrations"):
        upgrade({}, 2, ())


@pytest.mark.parametrize(
    ("current", "chain"),
    [
        (settings_model.SCHEMA_VERSION, settings_store.MIGRATIONS),
        (state_store.SCHEMA, state_store.MIGRATIONS),
        (phrase_store.ROTATION_SCHEMA, phrase_store.ROTATION_MIGRATIONS),
    ],
    ids=["settings", "state", "rotation"],
)
def test_every_file_has_one_migration_per_schema_change(current: int, chain: tuple[Any]) -> None:
    # Bumping a schema without its migration would make every load of an older file fail.
    assert len(chain) == current - 1
