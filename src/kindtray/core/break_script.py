"""The guided minute as data: its steps, their texts and durations.

Owns *what* the break says and *how long* each step lasts; the window in ui/ only shows it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BreakTexts:
    """The words of one break, one per step, chosen before the break opens.

    ``phrase_ids`` are the stable ids of the library phrases used (stored in the history,
    never the texts themselves).
    """

    arrive: str
    notice: str
    not_alone: str
    kindness: str
    touch: str
    closing: str
    phrase_ids: tuple[str, ...] = ()
