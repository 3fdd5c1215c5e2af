"""Safe file writing for everything kindtray stores: atomic, private, never half-written.

A write goes to a temporary file in the same directory, is flushed to disk, then renamed over
the old file, so after a crash or a kill at any moment the file is either the old version or
the new one. Failures (full disk, read-only or missing permissions) raise SaveError with a
message a user can act on, and leave the old file untouched. A kill between creating the
temporary file and the rename leaves that file behind; its name carries the writer's process
id, so the next save (or load) of the same file removes it once that process is gone.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


class SaveError(OSError):
    """A file could not be written; the message says which and why, in plain words."""

    def __str__(self) -> str:
        # Just the plain words; OSError would put "[Errno 30]" in front of them.
        return self.strerror if isinstance(self.strerror, str) else super().__str__()


def ensure_private_dir(directory: Path) -> None:
    """Create ``directory`` (and any missing parents) readable only by the user.

    ``Path.mkdir(parents=True)`` gives the parents it creates the default mode; every
    folder kindtray creates is private, so each missing level is made here with 0700.
    Folders that already exist are left as they are.
    """
    missing: list[Path] = []
    level = directory
    while not level.exists() and level != level.parent:
        missing.append(level)
        level = level.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=DIR_MODE)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, mode 0600; raise SaveError on failure."""
    tmp_name: str | None = None
    try:
        ensure_private_dir(path.parent)
        remove_stale_temp_files(path)
        fd, tmp_name = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
        _fsync_dir(path.parent)
    except OSError as exc:
        raise SaveError(exc.errno or 0, f"could not save {path}: {describe_os_error(exc)}") from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def remove_stale_temp_files(path: Path) -> int:
    """Remove temporary files that a killed writer of ``path`` left behind; return how many.

    Only files named the way atomic_write names them (``.<name>.<pid>.<random>.tmp``) whose
    writer process no longer exists are removed: a save in progress in another process (the
    tray app and a command may both save) is never disturbed. Errors are ignored; this is
    housekeeping and must never stop a load or a save.
    """
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.[a-z0-9_]+\.tmp")
    removed = 0
    try:
        candidates = list(path.parent.iterdir())
    except OSError:
        return 0
    for candidate in candidates:
        match = pattern.fullmatch(candidate.name)
        if match is None or _process_exists(int(match.group(1))):
            continue
        try:
            candidate.unlink()
        except OSError:
            continue
        removed += 1
    return removed


def copy_aside(path: Path, suffix: str) -> Path:
    """Copy ``path`` to ``path`` + suffix (never overwriting another copy); return the copy.

    If an earlier copy (same name stem and kind, e.g. ``settings.toml.corrupt-*``) already
    holds exactly these bytes, that copy is returned instead: reading the same broken file
    at every start must not fill the folder with identical copies.
    """
    content = path.read_bytes()
    kind = suffix.split("-", 1)[0]  # ".corrupt" of ".corrupt-20261129T100000"
    for earlier in sorted(path.parent.glob(f"{path.name}{kind}-*")):
        with contextlib.suppress(OSError):
            if earlier.is_file() and earlier.read_bytes() == content:
                return earlier
    target = path.with_name(path.name + suffix)
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}{suffix}-{counter}")
    shutil.copy2(path, target)
    with contextlib.suppress(OSError):
        os.chmod(target, FILE_MODE)
    return target


def describe_os_error(exc: OSError) -> str:
    """Say what an OSError means for the user, in a few words."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    return exc.strerror or str(exc)


def _temp_prefix(path: Path) -> str:
    return f".{path.name}.{os.getpid()}."


def _process_exists(pid: int) -> bool:
    if os.name != "posix":
        # os.kill(pid, 0) would end the process on Windows; there we leave such files alone.
        return True
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but belongs to someone else
    return True


def _fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable; not possible on every platform, harmless to skip there.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
