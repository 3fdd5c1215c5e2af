"""What the planner is told about the person: busy (a reminder is held) or away.

Owns the vocabulary of respectful timing, pure and without I/O: why a reminder may be held
(``HoldReason``), the snapshot the presence sources add up to (``Presence``), and how several
sources' answers become one (``combine``). Which desktop signal says what lives in
``kindtray.system.presence``; what the planner does with a Presence lives in
``kindtray.core.schedule``. A source that cannot tell answers None ("unknown"), and unknown
never holds a reminder.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum


class HoldReason(Enum):
    """Why a reminder waits. Listed in order of precedence when several are true at once."""

    SCREEN_LOCKED = "screen-locked"
    SCREEN_SHARED = "screen-shared"
    FULLSCREEN = "fullscreen"
    DO_NOT_DISTURB = "do-not-disturb"
    MIC_OR_CAMERA = "mic-or-camera"
    AWAY = "away"


#: The settings switch (in the ``waiting`` section) that allows each reason to hold a
#: reminder. Being away needs no switch: a reminder nobody sees helps no one.
SETTING_FOR: dict[HoldReason, str] = {
    HoldReason.SCREEN_LOCKED: "waiting.when_screen_locked",
    HoldReason.SCREEN_SHARED: "waiting.when_screen_shared",
    HoldReason.FULLSCREEN: "waiting.when_fullscreen",
    HoldReason.DO_NOT_DISTURB: "waiting.when_do_not_disturb",
    HoldReason.MIC_OR_CAMERA: "waiting.when_mic_or_camera",
}


@dataclass(frozen=True)
class Presence:
    """One moment's answer to "may a reminder come now?".

    ``held`` names why a reminder must wait (None: nothing holds it). ``away_since`` is when
    the person was last seen (their last input, or when the screen locked) if they count as
    away now, else None. The time of the snapshot is the clock's, read by the planner.
    """

    held: HoldReason | None = None
    away_since: datetime | None = None


@dataclass(frozen=True)
class Hold:
    """Why a reminder may not come now, and since when."""

    reason: HoldReason
    since: datetime


def combine(
    answers: Iterable[tuple[HoldReason, bool | None]],
    enabled: Iterable[HoldReason],
    away_since: datetime | None = None,
) -> Presence:
    """Add the sources' answers up: the first true reason (by precedence) that is enabled.

    An answer of None (the source cannot tell) and a reason the person switched off never
    hold a reminder.
    """
    allowed = set(enabled)
    true = {reason for reason, answer in answers if answer is True and reason in allowed}
    held = next((reason for reason in HoldReason if reason in true), None)
    return Presence(held=held, away_since=away_since)


def away_since(
    now: datetime, idle_seconds: float | None, away_after_seconds: float
) -> datetime | None:
    """When the person was last seen, if idle at least ``away_after_seconds``; else None.

    ``idle_seconds`` None means the desktop cannot tell: never away then.
    """
    if idle_seconds is None or idle_seconds < away_after_seconds:
        return None
    return now - timedelta(seconds=idle_seconds)
