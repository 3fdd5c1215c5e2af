"""What "Your practice" shows, read from the history: the spans' summaries and the mood picture.

Owns reading the history for the practice window (the last 7 and 30 days, and the mood picture
of the longer span) and exporting it from there, without ever creating a history where there is
none (its absence is what marks a first start). Decides no words: ``kindtray.core.history``
says them. No Qt.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kindtray.core.clock import Clock
from kindtray.core.history import (
    MIN_BREAKS_FOR_WORDS,
    MoodPicture,
    Practice,
    Summary,
    mood_picture,
)
from kindtray.session.wording import PRACTICE_SPANS
from kindtray.storage.history import History

__all__ = ["PracticeView", "export_practice", "read_practice"]


@dataclass(frozen=True)
class PracticeView:
    """The figures of "Your practice": one summary per span, and the longest span's moods."""

    summaries: tuple[Summary, ...]
    picture: MoodPicture
    picture_days: int
    messages: tuple[str, ...] = ()
    #: How many of each practice were taken in the longest span.
    practices: Mapping[Practice, int] = field(default_factory=dict)

    @property
    def picture_is_honest(self) -> bool:
        """Whether enough breaks have both moods for a picture that says something."""
        return self.picture.breaks >= MIN_BREAKS_FOR_WORDS

    @property
    def nothing_yet(self) -> bool:
        """No break at all in the longest span."""
        return all(summary.breaks_taken == 0 for summary in self.summaries)


def read_practice(history_file: Path, clock: Clock) -> PracticeView:
    """Read the practice view from the history file; an absent file reads as no breaks.

    Raises:
        kindtray.storage.history.HistoryError: the history could not be read.
    """
    longest = max(PRACTICE_SPANS)
    if not history_file.exists():
        empty = tuple(Summary(days, None, 0, 0.0, 0, None) for days in PRACTICE_SPANS)
        return PracticeView(empty, mood_picture(()), longest)
    with History(history_file, clock) as history:
        summaries = tuple(history.summary(days) for days in PRACTICE_SPANS)
        pairs = history.mood_pairs(longest)
        practices = history.practice_counts(longest)
        messages = history.messages
    return PracticeView(summaries, mood_picture(pairs), longest, messages, practices)


def export_practice(history_file: Path, clock: Clock, target: Path) -> int:
    """Save the whole history to ``target`` as CSV (``kindtray history --csv``'s format).

    Returns the number of rows. Before any break, the empty table is written from a throw-away
    history, so exporting never creates one.

    Raises:
        kindtray.storage.files.SaveError: ``target`` could not be written.
        kindtray.storage.history.HistoryError: the history could not be read.
    """
    if history_file.exists():
        with History(history_file, clock) as history:
            return history.export_csv(target)
    with tempfile.TemporaryDirectory() as scratch, History(Path(scratch) / "h", clock) as empty:
        return empty.export_csv(target)
