"""Reading and writing the small TOML files kindtray keeps, without ever losing one.

A file that is missing is simply absent. A file that cannot be parsed (empty, truncated,
invalid UTF-8, not TOML, absurdly nested) is first copied aside as
``<name>.corrupt-<timestamp>`` and reported; the caller then uses defaults. Writing is atomic
(see files.py).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kindtray.core.clock import Clock
from kindtray.storage.files import (
    atomic_write,
    copy_aside,
    describe_os_error,
    read_regular_file,
    remove_stale_temp_files,
)


@dataclass(frozen=True)
class TomlRead:
    """The outcome of reading a TOML file.

    ``document`` is None when the file was missing or unusable. ``writable`` is False when
    the file exists but could not be read at all: saving over it would lose what is there.
    """

    document: dict[str, Any] | None
    messages: tuple[str, ...] = ()
    backup: Path | None = None
    writable: bool = True
    exists: bool = False
    raw: bytes = field(default=b"", repr=False)


def read_toml(path: Path, clock: Clock, *, keep_backup: bool = True) -> TomlRead:
    """Read ``path`` as TOML; an unusable file is copied aside first and reported.

    With ``keep_backup=False`` (for read-only checks) nothing is copied and the file is
    reported as not writable, so nothing can overwrite it. Otherwise temporary files that a
    killed writer left next to ``path`` are removed first.
    """
    if keep_backup:
        remove_stale_temp_files(path)
    try:
        raw = read_regular_file(path)
    except FileNotFoundError:
        return TomlRead(None)
    except OSError as exc:
        return TomlRead(
            None,
            (f"{path}: could not be read ({describe_os_error(exc)}); using defaults",),
            writable=False,
            exists=True,
        )

    reason: str | None = None
    document: dict[str, Any] | None = None
    if not raw.strip():
        reason = "the file is empty"
    else:
        try:
            # utf-8-sig: some editors put a byte-order mark first, which TOML does not allow.
            document = tomllib.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            reason = "the file is not UTF-8 text"
        except tomllib.TOMLDecodeError as exc:
            reason = f"it is not valid TOML ({exc})"
        except ValueError:
            # Python refuses integers of more than 4300 digits (a guard against slow parsing).
            reason = "it holds a number too long to read"
        except (RecursionError, MemoryError):
            reason = "it is nested too deeply to read"
    if document is not None:
        return TomlRead(document, exists=True, raw=raw)
    if not keep_backup:
        return TomlRead(
            None, (f"{path}: could not be read because {reason}",), writable=False, exists=True
        )

    stamp = clock.now().strftime("%Y%m%dT%H%M%S")
    try:
        backup = copy_aside(path, f".corrupt-{stamp}")
    except OSError as exc:
        # Could not keep a copy: then we must not overwrite the original either.
        return TomlRead(
            None,
            (
                f"{path}: could not be read because {reason}, and no backup copy could be "
                f"made ({describe_os_error(exc)}); using defaults and leaving the file alone",
            ),
            writable=False,
            exists=True,
        )
    return TomlRead(
        None,
        (
            f"{path}: could not be read because {reason}. Your file was kept as {backup}; "
            "using defaults until you fix or remove it",
        ),
        backup=backup,
        exists=True,
    )


def write_toml(path: Path, document: dict[str, Any], header: str = "") -> None:
    """Write ``document`` atomically as TOML, with an optional comment header."""
    import tomli_w  # most starts only read: the writer loads with the first save

    text = tomli_w.dumps(document)
    if header:
        text = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines()) + text
    atomic_write(path, text.encode("utf-8"))
