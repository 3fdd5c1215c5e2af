"""The command line's practice-history commands: ``stats``, ``history --csv`` and ``--forget``.

Owns reading the history for a summary, exporting it as CSV (to a file or standard output)
and deleting it after a confirmation. Like every offline command it must not import Qt, and
it never creates a history where there is none: that absence is what marks a first start.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kindtray.i18n import N_, _
from kindtray.paths import Paths, default_paths
from kindtray.session.wording import PRACTICE_SPANS, entries, summary_document

if TYPE_CHECKING:
    from kindtray.storage.history import History


def add_stats(parser: argparse.ArgumentParser) -> None:
    """The ``stats`` command's arguments and handler."""
    span = parser.add_mutually_exclusive_group()
    span.add_argument(
        "--days",
        type=_stats_days,
        metavar="N",
        help=N_("only the last N days, today included (default: the last 7 and 30 days)"),
    )
    span.add_argument("--all", action="store_true", help=N_("everything since you started"))
    parser.add_argument("--json", action="store_true", help=N_("print the figures as JSON"))
    parser.set_defaults(handler=_stats)


def add_history(parser: argparse.ArgumentParser) -> None:
    """The ``history`` command's arguments (export as CSV, or forget) and handler."""
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument(
        "--csv", type=Path, metavar="FILE", help=N_("save every stored break to FILE as CSV")
    )
    action.add_argument(
        "--forget", action="store_true", help=N_("delete your whole practice history, for good")
    )
    parser.add_argument("--yes", action="store_true", help=N_("with --forget: do not ask first"))
    parser.set_defaults(handler=_history)


def _stats_days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("--days wants a whole number, not {text}").format(text=repr(text))
        ) from None
    if days < 1:
        raise argparse.ArgumentTypeError(_("--days wants 1 or more, not {days}").format(days=days))
    return days


def _open_history(paths: Paths) -> History:
    from kindtray.core.clock import SystemClock
    from kindtray.storage.history import History

    history = History(paths.history_file, SystemClock())
    for message in history.messages:
        print(_("kindtray: {error}").format(error=message), file=sys.stderr)
    return history


def _stats(args: argparse.Namespace, paths: Paths) -> int:
    from kindtray.core.history import Practice, Summary
    from kindtray.session.summary_words import summary_text
    from kindtray.storage.history import HistoryError

    spans: tuple[int | None, ...] = (
        (None,) if args.all else (args.days,) if args.days else PRACTICE_SPANS
    )
    practices: list[dict[Practice, int]] = [{} for _ in spans]
    if paths.history_file.exists():
        try:
            with _open_history(paths) as history:
                summaries = [history.summary(days) for days in spans]
                practices = [history.practice_counts(days) for days in spans]
        except HistoryError as exc:
            print(_("kindtray: {error}").format(error=exc), file=sys.stderr)
            return 1
    else:
        # Nothing recorded yet; a look at the figures should not create any file.
        summaries = [Summary(days, None, 0, 0.0, 0, None) for days in spans]
    if args.json:
        documents = [
            summary_document(summary, counts)
            for summary, counts in zip(summaries, practices, strict=True)
        ]
        print(json.dumps(documents[0] if len(documents) == 1 else documents, indent=2))
    elif len(summaries) > 1 and summaries[-1].breaks_taken == 0:
        # One kind line, not the same "nothing" once per span.
        first = not paths.history_file.exists()
        print(summary_text(Summary(None, None, 0, 0.0, 0, None) if first else summaries[-1]))
    else:
        texts = map(summary_text, summaries, practices)
        print("\n".join(texts))
    return 0


def _history(args: argparse.Namespace, paths: Paths) -> int:
    if args.yes and not args.forget:
        print(_("kindtray history: --yes only goes with --forget"), file=sys.stderr)
        return 2
    if args.forget:
        return _forget(args, paths)
    from kindtray.storage.files import SaveError
    from kindtray.storage.history import HistoryError

    to_stdout = str(args.csv) == "-"
    try:
        if paths.history_file.exists():
            with _open_history(paths) as history:
                rows = _export(history, args.csv, to_stdout)
        else:
            # Nothing recorded yet: export the empty table from a throw-away history, so
            # this command never creates one (its absence is what marks a first start).
            with tempfile.TemporaryDirectory() as scratch:
                empty = default_paths(Path(scratch))
                with _open_history(empty) as history:
                    rows = _export(history, args.csv, to_stdout)
    except (HistoryError, SaveError) as exc:
        error = exc.strerror if isinstance(exc, SaveError) else exc
        print(_("kindtray: {error}").format(error=error), file=sys.stderr)
        return 1
    # With "-" the CSV is the output; the note goes to stderr so a pipe gets only CSV.
    if to_stdout:
        # Translators: {entries} is e.g. "12 breaks" (its own text).
        text = _("Saved {entries} to standard output.")
    else:
        # Translators: {entries} is e.g. "12 breaks" (its own text); {file} a path.
        text = _("Saved {entries} to {file}.")
    note = text.format(entries=entries(rows), file=args.csv)
    print(note, file=sys.stderr if to_stdout else sys.stdout)
    return 0


def _export(history: History, target: Path, to_stdout: bool) -> int:
    from kindtray.storage.files import SaveError, describe_os_error

    if not to_stdout:
        return history.export_csv(target)
    text, rows = history.csv_text()
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        # Translators: {error} is the system's own description of what went wrong.
        message = _("could not write to standard output: {error}").format(
            error=describe_os_error(exc)
        )
        raise SaveError(exc.errno or 0, message) from exc
    return rows


def _forget(args: argparse.Namespace, paths: Paths) -> int:
    if not paths.history_file.exists():
        print(_("There is no practice history to forget."))
        return 0
    if not args.yes and not sys.stdin.isatty():
        print(
            _(
                "kindtray: not deleting your history without a confirmation; "
                "run this in a terminal, or add --yes"
            ),
            file=sys.stderr,
        )
        return 1
    from kindtray.storage.files import SaveError
    from kindtray.storage.history import HistoryError

    try:
        with _open_history(paths) as history:
            if not args.yes:
                # Translators: {entries} is e.g. "12 breaks" (its own text).
                warning = _(
                    "This deletes your whole practice history ({entries}) from this "
                    "computer. It cannot be undone."
                )
                print(warning.format(entries=entries(history.count())))
                # Translators: the question before the answer is typed; [y/N] names the
                # answers this language's "yes" and "no" start with (the default in capitals).
                print(_("Delete it? [y/N] "), end="", flush=True)
                if not _said_yes(sys.stdin.readline()):
                    print(_("Nothing was deleted."))
                    return 0
            history.forget()
    except (HistoryError, SaveError) as exc:
        error = exc.strerror if isinstance(exc, SaveError) else exc
        print(_("kindtray: {error}").format(error=error), file=sys.stderr)
        return 1
    print(_("Your practice history is deleted. New breaks are kept from now on, as before."))
    return 0


def _said_yes(answer: str) -> bool:
    """Whether ``answer`` is yes: English "y"/"yes", or this language's own words."""
    # Translators: the answers that mean yes to "Delete it?", separated by spaces,
    # lower case (German "j ja", Spanish "s sí si"); "y" and "yes" always count too.
    words = {"y", "yes", *_("y yes").split()}
    return answer.strip().lower() in words
