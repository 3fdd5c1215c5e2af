"""Loading and saving ``state.toml``, the runtime state that must survive a restart.

Owns the file: read with the same care as settings (an unreadable file is kept aside and a
fresh state is used), written atomically, and carrying a schema number that is checked on
every load. A state file from a newer kindtray is left untouched: this session starts from a
fresh state in memory, and saving raises SaveError instead of writing over it. An older one
is upgraded by MIGRATIONS. What the state means lives in ``kindtray.core.state``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from kindtray.core.clock import Clock
from kindtray.core.state import State, new_seed
from kindtray.storage.files import SaveError
from kindtray.storage.schema import SCHEMA_KEY, Migration, upgrade
from kindtray.storage.tomlfile import read_toml, write_toml

SCHEMA: Final = 1
MIGRATIONS: Final[tuple[Migration, ...]] = ()
"""One function per schema change: ``MIGRATIONS[n - 1]`` turns schema n into n + 1."""

HEADER: Final = "kindtray runtime state; safe to delete."


class StateStore:
    """Loads and saves state.toml atomically."""

    def __init__(self, path: Path, clock: Clock) -> None:
        self.path = path
        self._clock = clock
        self.messages: tuple[str, ...] = ()
        self.newer_schema = False

    def load(self, *, keep_backup: bool = True) -> State:
        """Return the saved state, or a fresh one (with a new seed) when none is usable."""
        read = read_toml(self.path, self._clock, keep_backup=keep_backup)
        messages = list(read.messages)
        state = State()
        self.newer_schema = False
        if read.document is not None:
            versioned = upgrade(read.document, SCHEMA, MIGRATIONS)
            self.newer_schema = versioned.newer
            if versioned.document is None:
                keeping = "left untouched" if versioned.newer else "replaced at the next save"
                messages.append(
                    f"{self.path}: {versioned.problem}; a fresh state is used for now and the "
                    f"file is {keeping}"
                )
            else:
                state, problems = State.from_document(versioned.document)
                messages.extend(f"{self.path}: {p}" for p in problems)
        if state.seed == 0:
            state = state.with_changes(seed=new_seed())
        self.messages = tuple(messages)
        return state

    def save(self, state: State) -> None:
        """Write the state atomically; raises SaveError if it cannot or must not be written."""
        if self.newer_schema:
            raise SaveError(
                0,
                f"{self.path} was not changed: it is from a newer kindtray, and saving "
                "would lose what is in it",
            )
        write_toml(self.path, {SCHEMA_KEY: SCHEMA, **state.to_document()}, HEADER)
