"""What kindtray says about its plan and your practice, in one place.

Owns the words of the status line (tray tooltip, tray menu and ``kindtray status``), the
schedule preview, the stats document, the no-tray note and the welcome's line on where
kindtray lives (both worded by whether there is a tray and how reminders come), the About
text and the built-in reminder texts with their fallback rotation. It decides nothing and
reads no file: callers pass the decision, times and figures in. No Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Final

from kindtray.i18n import N_, _, format_day, format_time, ngettext, weekday_name

if TYPE_CHECKING:  # the command line imports this module: it stays light
    from kindtray.core.history import Practice, Summary
    from kindtray.core.schedule import Decision

# Marked for the catalog here, translated where they are said (the language can change).
STARTING: Final = N_("Starting")
NO_PLAN: Final = N_("No reminders planned (see Settings: active days and hours)")
ABOUT_TEXT: Final = N_(
    "A calm tray app for one-minute self-compassion breaks. Everything stays on your computer."
)
NO_TRAY_TITLE: Final = N_("kindtray has no tray icon")
NO_TRAY_HEADING: Final = N_("kindtray is running")
NO_TRAY_INTRO: Final = N_(
    "Your desktop shows no tray icons, so kindtray's icon is not in your panel."
)
#: How reminders reach the person when there is no tray, by what the desktop offers:
#: "notifications" (a notification service answers), "window" (kindtray's own small window),
#: "none" (nothing can show one here).
REMINDERS_COME: Final = {
    "notifications": N_("Reminders still come, as your desktop's notifications."),
    "window": N_("Reminders still come, in a small window of kindtray's own."),
    "none": N_("Reminders cannot be shown here: there is no notification service and no display."),
}
NO_TRAY_HELP: Final = N_(
    "On GNOME, the “AppIndicator and KStatusNotifierItem Support” extension shows the icon. "
    "Without it, these commands work from a terminal or a keyboard shortcut:"
)
#: The commands that stand in for the tray menu: (command, what it does). The commands are
#: typed as they are; their words are translated where they are shown.
NO_TRAY_COMMANDS: Final = (
    ("kindtray break", N_("a break now")),
    ("kindtray pause 1h", N_("no reminders for an hour")),
    ("kindtray settings", N_("your settings")),
    ("kindtray quit", N_("stop kindtray")),
)
#: The welcome's line on where kindtray lives, with a tray and without one.
WELCOME_WHERE_TRAY: Final = N_(
    "kindtray lives in your panel's tray as a small heart in a soft circle, usually in a corner "
    "of the screen. Click it for a break; everything here can be changed later in Settings."
)
WELCOME_WHERE_NO_TRAY: Final = N_(
    "Your desktop shows no tray icons, so kindtray has no icon in your panel. {reminders} "
    "In a terminal, “kindtray break” starts a break and “kindtray settings” changes "
    "everything here later."
)


def reminders_come(route: str) -> str:
    """Say how reminders come without a tray ("notifications", "window" or "none")."""
    return _(REMINDERS_COME.get(route, REMINDERS_COME["none"]))


def no_tray_text(route: str) -> str:
    """The no-tray note's words above its list of commands, for how reminders come."""
    # Whole sentences each, so no order within a sentence is fixed here.
    return f"{_(NO_TRAY_INTRO)} {reminders_come(route)}\n\n{_(NO_TRAY_HELP)}"


def no_tray_log(route: str) -> str:
    """The log's line when there is no tray: what really happens to reminders."""
    return {
        "notifications": "no system tray on this desktop; reminders come as notifications",
        "window": "no system tray on this desktop and no notification service; reminders come "
        "in kindtray's own window",
    }.get(
        route,
        "no system tray on this desktop, no notification service and no display; reminders "
        "cannot be shown",
    )


def welcome_where(has_tray: bool, route: str) -> str:
    """The welcome's line on where kindtray lives: by what this desktop has."""
    if has_tray:
        return _(WELCOME_WHERE_TRAY)
    return _(WELCOME_WHERE_NO_TRAY).format(reminders=reminders_come(route))


BUILT_IN_REMINDERS: Final = (
    "A minute for yourself?",
    "Time for a slow breath and a kind word to yourself?",
    "You have been at it a while. A gentle minute?",
    "How about a short pause, just for you?",
)


def format_clock(when: datetime, now: datetime) -> str:
    """Say a time the short way, for the log (English): "14:32", "tomorrow 09:00", "Mon 09:00"."""
    hhmm = when.strftime("%H:%M")
    days = (when.date() - now.date()).days
    if days == 0:
        return hhmm
    if days == 1:
        return f"tomorrow {hhmm}"
    return f"{when.strftime('%a')} {hhmm}"


def at_time(when: datetime, now: datetime) -> str:
    """Say when, as part of a sentence: "at 14:32", "tomorrow at 09:00", "on Mon at 09:00"."""
    hhmm = format_time(when)
    days = (when.date() - now.date()).days
    if days == 0:
        return _("at {time}").format(time=hhmm)
    if days == 1:
        return _("tomorrow at {time}").format(time=hhmm)
    return _("on {weekday} at {time}").format(weekday=weekday_name(when), time=hhmm)


#: Why a reminder waits, as the end of "Holding the reminder ..." (HoldReason values).
HELD_WHILE: Final = {
    "screen-locked": N_("while your screen is locked"),
    "screen-shared": N_("while you present"),
    "fullscreen": N_("while a window is fullscreen"),
    "do-not-disturb": N_("while Do Not Disturb is on"),
    "mic-or-camera": N_("while you are on a call"),
    "away": N_("until you are back"),
}
HELD_FOR_NOW: Final = N_("for now")


def held_while(reason: str) -> str:
    """Say why a reminder waits: "while you present"."""
    return _(HELD_WHILE.get(reason, HELD_FOR_NOW))


def status_line(decision: Decision | None, now: datetime) -> str:
    """The one line that says what kindtray will do next (tooltip and ``kindtray status``)."""
    if decision is None:
        return _(STARTING)
    if decision.paused_until is not None:
        return _paused_until(decision.paused_until, now)
    if decision.held is not None and decision.waiting:
        # Translators: {why} is one of the "while ..." phrases, e.g. "while you present".
        return _("Holding the reminder {why}").format(why=held_while(decision.held.reason.value))
    if decision.next_reminder is not None:
        # Translators: {when} is "at 14:32", "tomorrow at 09:00" or "on Mon at 09:00".
        line = _("Next reminder {when}").format(when=at_time(decision.next_reminder, now))
        if decision.held is not None:
            return _("{line}; it waits {why}").format(
                line=line, why=held_while(decision.held.reason.value)
            )
        return line
    return _(NO_PLAN)


def _paused_until(when: datetime, now: datetime) -> str:
    """Say until when a pause lasts: "Paused until 14:32", "... tomorrow 09:00", "... Mon 09:00".

    Three whole sentences: the words around a time differ between languages.
    """
    days = (when.date() - now.date()).days
    if days == 0:
        return _("Paused until {time}").format(time=format_time(when))
    if days == 1:
        return _("Paused until tomorrow {time}").format(time=format_time(when))
    return _("Paused until {weekday} {time}").format(
        weekday=weekday_name(when), time=format_time(when)
    )


def planned_for(decision: Decision, now: datetime) -> str:
    """The log's note on the next reminder: a time only, so the log stays private."""
    if decision.next_reminder is None:
        return "nothing (no active days or hours ahead)"
    return format_clock(decision.next_reminder, now)


def describe_schedule(
    times: list[datetime],
    start: datetime,
    days: int,
    paused_until: datetime | None,
    width: int | None = None,
) -> str:
    """``kindtray schedule``: the pause, if any, and the reminders of each day.

    Each day is one line, or with ``width`` (the terminal's columns) as many as it takes,
    the times of each further line set under the day's first time.
    """
    lines = []
    if paused_until is not None and paused_until > start:
        until = paused_until.astimezone(start.tzinfo)
        # Translators: {day} is a short date ("Mon 07 Dec"), {time} a clock time.
        lines.append(
            _("Paused until {day} {time}.").format(day=format_day(until), time=format_time(until))
        )
    if not times:
        lines.append(
            ngettext(
                "No reminders in the next day (outside your active days and hours).",
                "No reminders in the next {days} days (outside your active days and hours).",
                days,
            ).format(days=days)
        )
        return "\n".join(lines)
    # Two counts in one line: the span's plural chosen on its own, then put in.
    span = ngettext("in the next day", "in the next {days} days", days).format(days=days)
    # Translators: {count} is a number; {span} is "in the next day" or "in the next 7 days".
    upcoming = ngettext(
        "Upcoming reminder ({count} {span}):", "Upcoming reminders ({count} {span}):", len(times)
    )
    lines.append(upcoming.format(count=len(times), span=span))
    by_day: dict[str, list[str]] = {}
    for moment in times:
        by_day.setdefault(format_day(moment), []).append(format_time(moment))
    # Days are written in different lengths in some languages ("Mo., 7. Dez."): the times
    # start in one column all the same.
    widest = max(len(day) for day in by_day)
    for day, hours in by_day.items():
        lines.extend(_wrapped_times(f"  {day:<{widest}}   ", hours, width))
    return "\n".join(lines)


def _wrapped_times(lead: str, hours: list[str], width: int | None) -> list[str]:
    """One day's times after ``lead``, two spaces apart, in lines of at most ``width``."""
    gap = "  "
    lines: list[str] = []
    line = ""
    for hour in hours:
        # A time always fits on a line of its own, however narrow the terminal.
        if line and width is not None and len(lead) + len(line + gap + hour) > width:
            lines.append(line)
            line = hour
        else:
            line = f"{line}{gap}{hour}" if line else hour
    lines.append(line)
    return [lead + lines[0], *(" " * len(lead) + rest for rest in lines[1:])]


#: The windows of days "Your practice" and ``kindtray stats`` look back over.
PRACTICE_SPANS: tuple[int, ...] = (7, 30)


def entries(count: int) -> str:
    """Say a count of history rows: "1 entry", "3 entries"."""
    return ngettext("{count} entry", "{count} entries", count).format(count=count)


def summary_document(
    summary: Summary, practices: Mapping[Practice, int] | None = None
) -> dict[str, object]:
    """``kindtray stats --json``: the figures, rounded, with the sentence the text form says.

    ``mood_change`` (the words) is None until enough breaks have both moods to say it honestly.
    """
    from kindtray.session.summary_words import mood_words, summary_text

    change = summary.average_mood_change
    return {
        "days": summary.days,
        "since": summary.since.isoformat() if summary.since else None,
        "breaks_taken": summary.breaks_taken,
        "minutes_for_yourself": round(summary.minutes_for_yourself, 1),
        "breaks_with_mood": summary.breaks_with_mood,
        "average_mood_change": None if change is None else round(change, 2),
        "mood_lighter": summary.mood_lighter,
        "mood_same": summary.mood_same,
        "mood_heavier": summary.mood_heavier,
        "mood_change": mood_words(summary),
        "practices": {practice.value: n for practice, n in (practices or {}).items()},
        "text": summary_text(summary, practices),
    }


class ReminderTexts:
    """The reminder's gentle line: from the phrase library, or a built-in one in turn."""

    def __init__(self, pick: Callable[[], str]) -> None:
        self._pick = pick
        self._fallback_index = 0

    def next(self) -> str:
        """The next reminder text; a failing library never costs a reminder."""
        try:
            return self._pick()
        except Exception:  # words are never worth missing a reminder
            import logging  # only here: the command line imports this module and no logging

            logging.getLogger(__name__).exception(
                "phrase library failed; using a built-in reminder text"
            )
        text = BUILT_IN_REMINDERS[self._fallback_index % len(BUILT_IN_REMINDERS)]
        self._fallback_index += 1
        return text
