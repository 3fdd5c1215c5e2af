"""kindtray's log: a small rotating file in the state dir, and stderr with ``--debug``.

Owns where log lines go and how big the log may grow: ``Paths.log_file``, at most
``MAX_BYTES`` plus ``BACKUPS`` older files, each private (0600, in a 0700 directory). What
is logged is the callers' business, with one rule they all keep: times, routes and reasons
only, never a phrase text or a mood value (they are the user's private practice).

A log that cannot be written (read-only directory, full disk) must never stop the app: the
first failure prints one line to stderr and from then on lines go to stderr only.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import sys
from pathlib import Path
from typing import TextIO

from kindtray.paths import Paths
from kindtray.storage.files import ensure_private_dir

MAX_BYTES = 256 * 1024
BACKUPS = 2
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_OURS = "_kindtray_handler"  # marks handlers set up here, so a second setup replaces them


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A RotatingFileHandler whose files are created 0600 and that gives up quietly.

    On the first write error it tells stderr once, closes the file and hands every later
    line to ``fallback`` (a stderr handler), so a full disk costs one line, not a traceback
    per log call.
    """

    def __init__(self, path: Path, fallback: logging.Handler, stream: TextIO | None) -> None:
        self.fallback = fallback
        self.failed = False
        self._err = stream
        super().__init__(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")

    def _open(self) -> io.TextIOWrapper:
        # os.open with the mode, so the file is never readable by others, not even briefly.
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(fd, "a", encoding="utf-8")  # the handler keeps it open

    def emit(self, record: logging.LogRecord) -> None:
        """Write the record to the file, or to the fallback once the file has failed."""
        if self.failed:
            self.fallback.handle(record)
            return
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        """The file could not be written: say so once, then use the fallback."""
        if self.failed:
            return
        self.failed = True
        error = sys.exc_info()[1]
        stream = self._err or sys.stderr
        print(
            f"kindtray: cannot write the log {self.baseFilename} ({error}); "
            "logging to stderr from now on",
            file=stream,
        )
        try:
            if self.stream is not None:
                self.stream.close()
        except OSError:
            pass
        self.fallback.handle(record)


def setup_logging(
    paths: Paths, *, debug: bool = False, stream: TextIO | None = None
) -> logging.Handler | None:
    """Send the app's log to ``paths.log_file`` (rotating) and warnings to stderr.

    ``debug`` (``--debug``, passed down from the command line) logs DEBUG lines too and
    prints every line to stderr. Returns the file handler, or None when the log cannot be
    opened (then everything goes to stderr, and one line says why). Never raises.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(logging.DEBUG if debug else logging.INFO)

    err = stream or sys.stderr
    console = logging.StreamHandler(err)
    console.setFormatter(logging.Formatter("kindtray: %(levelname)s %(name)s: %(message)s"))
    console.setLevel(logging.DEBUG if debug else logging.WARNING)
    setattr(console, _OURS, True)
    root.addHandler(console)

    # Lines the file could not take go to stderr, unless the console prints them already.
    fallback = logging.StreamHandler(err)
    fallback.setFormatter(logging.Formatter("kindtray: " + FORMAT))
    fallback.setLevel(logging.CRITICAL + 1 if debug else logging.DEBUG)
    # What the console shows already must not be printed twice.
    fallback.addFilter(lambda record: record.levelno < console.level)

    try:
        ensure_private_dir(paths.log_file.parent)
        file_handler = PrivateRotatingFileHandler(paths.log_file, fallback, stream)
        os.chmod(paths.log_file, 0o600)  # a log left by an older version may be wider
    except OSError as exc:
        print(
            f"kindtray: cannot write the log {paths.log_file} ({exc.strerror or exc}); "
            "logging to stderr",
            file=err,
        )
        fallback.setLevel(logging.INFO)
        if not debug:
            setattr(fallback, _OURS, True)
            root.addHandler(fallback)
        return None
    file_handler.setFormatter(logging.Formatter(FORMAT))
    setattr(file_handler, _OURS, True)
    root.addHandler(file_handler)
    return file_handler
