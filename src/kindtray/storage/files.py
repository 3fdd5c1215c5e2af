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
import stat
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


class UnsafeFolderError(OSError):
    """A folder kindtray must keep private belongs to someone else or cannot be made private."""

    def __str__(self) -> str:
        return self.strerror if isinstance(self.strerror, str) else super().__str__()


def secure_private_dir(directory: Path) -> None:
    """Create ``directory`` if needed and make sure only this user can use it.

    For the runtime folder, where the lock and the control socket live: another local user who
    created it first (a shared ``XDG_RUNTIME_DIR``, an old ``/tmp/runtime-UID``) could plant a
    socket that answers our commands, or a symlink that makes the lock truncate a file of ours.
    A folder (or its parent) owned by someone else, or a symlink in its place, is refused with
    UnsafeFolderError; one of ours that others may enter is made private again (0700).
    """
    ensure_private_dir(directory)
    if os.name != "posix":
        return
    me = os.getuid()
    info = os.lstat(directory)
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise _unsafe(directory, "it is a link or not a folder")
    if info.st_uid != me:
        raise _unsafe(directory, f"it belongs to another user (uid {info.st_uid})")
    if stat.S_IMODE(info.st_mode) & 0o077:
        try:
            os.chmod(directory, DIR_MODE)
        except OSError as exc:
            raise _unsafe(directory, "others may use it and it could not be made private") from exc
    parent = os.lstat(directory.parent)
    others_may_write = stat.S_IMODE(parent.st_mode) & 0o022
    sticky = parent.st_mode & stat.S_ISVTX
    if parent.st_uid not in (me, 0) or (others_may_write and not sticky):
        raise _unsafe(directory, f"its parent folder {directory.parent} is open to other users")


def check_own_socket(path: Path) -> None:
    """Raise UnsafeFolderError unless the socket at ``path`` and its folder are this user's.

    The command line checks before it talks: a socket planted by another user must never
    receive (or answer) the user's commands.
    """
    if os.name != "posix":
        return
    me = os.getuid()
    try:
        folder = os.lstat(path.parent)
        entry = os.lstat(path)
    except FileNotFoundError:
        return  # nothing listens there
    if not stat.S_ISDIR(folder.st_mode) or folder.st_uid != me:
        raise _unsafe(path.parent, "it is not a folder of your own")
    if stat.S_IMODE(folder.st_mode) & 0o022:
        raise _unsafe(path.parent, "other users may write to it")
    if entry.st_uid != me:
        raise _unsafe(path.parent, f"{path.name} in it belongs to another user")


def _unsafe(directory: Path, why: str) -> UnsafeFolderError:
    return UnsafeFolderError(
        errno.EPERM,
        f"kindtray will not use {directory}: {why}. Its lock and control socket must be "
        "private. Remove that folder, or set XDG_RUNTIME_DIR to a folder that only you can "
        "use, and start kindtray again.",
    )


#: The most kindtray reads of a settings, phrases or state file: far above any real one.
MAX_READ_BYTES = 1024 * 1024


def read_regular_file(path: Path, limit: int = MAX_READ_BYTES) -> bytes:
    """Return the bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    Opened without blocking, so a FIFO (or a device) in its place cannot hang kindtray, and
    read only up to the limit, so a link to /dev/zero or a huge file cannot eat memory. A
    symlink to a regular file is fine (dotfile managers use them). Raises FileNotFoundError
    when it is missing and OSError with plain words (``strerror``) otherwise.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe or a device"
            raise OSError(errno.EINVAL, f"it is {kind}, not a regular file")
        if info.st_size > limit:
            raise OSError(errno.EFBIG, _too_large(info.st_size, limit))
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, min(65536, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # it grew while we read
                raise OSError(errno.EFBIG, _too_large(size, limit))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _too_large(size: int, limit: int) -> str:
    return f"it is larger than {limit // (1024 * 1024)} MB: {size:,} bytes or more"


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, mode 0600; raise SaveError on failure."""
    tmp_name: str | None = None
    try:
        ensure_private_dir(path.parent)
        remove_stale_temp_files(path)
        import tempfile  # here: ``kindtray status`` imports this module and writes nothing

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


def write_export(target: Path, data: bytes) -> None:
    """Write a file the user asked for (an export) at ``target``; raise SaveError if not.

    Unlike kindtray's own files, nothing is created around it: a missing folder is an error
    (a typo should not make a new folder). Whatever is at ``target`` must be a regular file to
    be replaced: a device, a pipe, a folder or a symbolic link is left alone (as root, an
    export to /dev/null once replaced the device with a file).
    """
    if not target.parent.is_dir():
        raise SaveError(
            errno.ENOENT, f"could not save {target}: the folder {target.parent} does not exist"
        )
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise SaveError(
            exc.errno or 0, f"could not save {target}: {describe_os_error(exc)}"
        ) from exc
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = "a symbolic link" if stat.S_ISLNK(info.st_mode) else "not a regular file"
        raise SaveError(
            errno.EEXIST,
            f"could not save {target}: it is {kind}, and kindtray only replaces regular "
            "files. Choose another name, or use - for standard output",
        )
    atomic_write(target, data)


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
    while os.path.lexists(target):  # a dangling symlink counts: it must not be followed
        counter += 1
        target = path.with_name(f"{path.name}{suffix}-{counter}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(target, flags, FILE_MODE), "wb") as handle:
        handle.write(content)
    _keep_newest_copies(path, kind, target)
    return target


#: Copies aside of one file kept at most (the newest): enough to recover recent work, without
#: a folder filling up when a script or an editor writes broken versions many times a second.
MAX_COPIES_ASIDE = 5


def _keep_newest_copies(path: Path, kind: str, newest: Path) -> None:
    copies = [c for c in path.parent.glob(f"{path.name}{kind}-*") if c != newest]
    with contextlib.suppress(OSError):
        copies.sort(key=lambda c: c.lstat().st_mtime_ns)
    for old in copies[: max(0, len(copies) - (MAX_COPIES_ASIDE - 1))]:
        with contextlib.suppress(OSError):
            old.unlink()


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
