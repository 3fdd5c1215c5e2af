"""How a practice summary is said, in the person's language: "Your practice" and ``stats``.

Owns the words for the figures ``kindtray.core.history`` counts: the gentle summary sentence,
the soft words for how mood moved, which practices were taken, and the mood picture in words
for a screen reader. Every sentence is whole in the catalog, with its plural chosen by the
count (``ngettext``). Nothing here counts what did not happen: no streaks, no skipped breaks.
Decides no figure and reads no file. No Qt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kindtray.core.history import MIN_BREAKS_FOR_WORDS, MoodPicture, Practice, Summary
from kindtray.i18n import _, ngettext, pgettext

__all__ = [
    "duration_text",
    "mood_change_words",
    "mood_picture_text",
    "mood_words",
    "practice_counts_text",
    "summary_text",
]


def _practice_count(practice: Practice, n: int) -> str:
    """One practice counted: "5 one-minute breaks", "1 hard moment"."""
    if practice is Practice.HARD_MOMENT:
        return ngettext("{count} hard moment", "{count} hard moments", n).format(count=n)
    if practice is Practice.WIND_DOWN:
        return ngettext("{count} evening wind-down", "{count} evening wind-downs", n).format(
            count=n
        )
    if practice is Practice.LOVING_KINDNESS:
        return ngettext(
            "{count} loving-kindness minute", "{count} loving-kindness minutes", n
        ).format(count=n)
    return ngettext("{count} one-minute break", "{count} one-minute breaks", n).format(count=n)


def _listed(parts: Sequence[str]) -> str:
    """Join a list the language's way: "a", "a and b", "a, b and c"."""
    if len(parts) == 1:
        return parts[0]
    # Translators: the end of a list: "5 one-minute breaks and 1 hard moment".
    return _("{items} and {last}").format(
        # Translators: the separator between the items of a list, before its last "and".
        items=pgettext("list separator", ", ").join(parts[:-1]),
        last=parts[-1],
    )


def practice_counts_text(counts: Mapping[Practice, int]) -> str | None:
    """Say which practices were taken, by kind: "5 one-minute breaks and 1 hard moment".

    None when there is nothing to tell apart: no practice, or only the one-minute break.
    """
    taken = [(practice, n) for practice, n in counts.items() if n]
    if not taken or [p for p, _n in taken] == [Practice.MINUTE]:
        return None
    order = list(Practice)
    return _listed(
        [
            _practice_count(practice, n)
            for practice, n in sorted(taken, key=lambda item: order.index(item[0]))
        ]
    )


def mood_picture_text(picture: MoodPicture, days: int, labels: Sequence[str]) -> str:
    """The mood picture in words, for a screen reader: counts per mood, start and end.

    ``labels`` name the mood levels 1..5 (the break's mood words, already translated).
    """

    def counts(row: tuple[int, ...]) -> str:
        separator = pgettext("list separator", ", ")
        # Translators: a count and a mood word: "3 calm".
        said = [
            _("{count} {mood}").format(count=n, mood=label)
            for n, label in zip(row, labels, strict=True)
            if n
        ]
        return separator.join(said)

    return ngettext(
        "Breaks in the last day with a mood noted at the start and the end: {count}. "
        "At the start: {before}. At the end: {after}.",
        "Breaks in the last {days} days with a mood noted at the start and the end: {count}. "
        "At the start: {before}. At the end: {after}.",
        days,
    ).format(
        days=days, count=picture.breaks, before=counts(picture.before), after=counts(picture.after)
    )


def _mood_kind(change: float) -> str:
    """Lighter, same or heavier: soft at any size of change (a mood tap is rough)."""
    if change >= 0.25:
        return "lighter"
    if change > -0.25:
        return "same"
    return "heavier"


def mood_change_words(change: float) -> str:
    """Say softly how mood moved on average from before a break to after it.

    Only for an average over at least ``MIN_BREAKS_FOR_WORDS`` breaks (see ``mood_words``).

    Args:
        change: average of (mood after - mood before), on the 1..5 scale.
    """
    return {
        "lighter": _("a little lighter afterwards"),
        "same": _("about the same before and after"),
        "heavier": _("a little heavier afterwards"),
    }[_mood_kind(change)]


def mood_words(summary: Summary) -> str | None:
    """The soft words for the average mood change, or None when too few breaks have moods."""
    if summary.average_mood_change is None or summary.breaks_with_mood < MIN_BREAKS_FOR_WORDS:
        return None
    return mood_change_words(summary.average_mood_change)


def summary_text(summary: Summary, practices: Mapping[Practice, int] | None = None) -> str:
    """Return a gentle summary in plain words: time taken for yourself, and mood if noted.

    Mood is said as plain counts until ``MIN_BREAKS_FOR_WORDS`` breaks have both moods; only
    then as an average, in soft words. With ``practices`` (how many of each were taken), the
    first sentence names them once there is more than the one-minute break.
    """
    days = summary.days
    if summary.breaks_taken == 0:
        if days is None:
            nothing = _("No breaks yet.")
        elif days == 1:
            nothing = _("No break yet today.")
        else:
            nothing = ngettext(
                "No breaks in the last day.", "No breaks in the last {days} days.", days
            ).format(days=days)
        invitation = _("Whenever you like, a minute for yourself is here.")
        return f"{nothing} {invitation}"
    n = summary.breaks_taken
    breaks = ngettext("{count} break", "{count} breaks", n).format(count=n)
    kinds = practice_counts_text(practices or {})
    if kinds:
        breaks = f"{breaks} ({kinds})"
    if days is None:
        # Translators: {duration} is "12 minutes" or "about 2 hours"; {breaks} "3 breaks".
        first = _("Since you started, you took {duration} for yourself over {breaks}.")
    elif days == 1:
        first = _("Today you took {duration} for yourself over {breaks}.")
    else:
        first = ngettext(
            "In the last day you took {duration} for yourself over {breaks}.",
            "In the last {days} days you took {duration} for yourself over {breaks}.",
            days,
        )
    lines = [
        first.format(days=days, duration=duration_text(summary.seconds_for_yourself), breaks=breaks)
    ]
    if summary.breaks_with_mood:
        lines.append(_mood_sentence(summary))
    return " ".join(lines)


def _mood_sentence(summary: Summary) -> str:
    times = _times(summary.breaks_with_mood)
    if summary.average_mood_change is None or summary.breaks_with_mood < MIN_BREAKS_FOR_WORDS:
        counts = [
            said.format(times=_times(count))
            for said, count in (
                # Translators: {times} is "once", "twice" or "3 times".
                (_("lighter afterwards {times}"), summary.mood_lighter),
                (_("the same {times}"), summary.mood_same),
                (_("heavier afterwards {times}"), summary.mood_heavier),
            )
            if count
        ]
        if not counts:  # figures from an older summary without the counts
            return _("You noted your mood at the start and the end {times}.").format(times=times)
        return _("You noted your mood at the start and the end {times}: {counts}.").format(
            times=times, counts=pgettext("list separator", ", ").join(counts)
        )
    kind = _mood_kind(summary.average_mood_change)
    if kind == "lighter":
        sentence = _(
            "When you noted your mood at the start and the end ({times}), it was a little "
            "lighter afterwards, on average."
        )
    elif kind == "same":
        sentence = _(
            "When you noted your mood at the start and the end ({times}), it was about the "
            "same before and after."
        )
    else:
        sentence = _(
            "When you noted your mood at the start and the end ({times}), it was a little "
            "heavier afterwards. Some moments are heavy; meeting them kindly still counts."
        )
    return sentence.format(times=times)


def _times(count: int) -> str:
    if count == 1:
        return _("once")
    if count == 2:
        return _("twice")
    return ngettext("{count} time", "{count} times", count).format(count=count)


def duration_text(seconds: float) -> str:
    """Time taken, said roughly: "less than a minute", "12 minutes", "about 2.5 hours"."""
    if seconds < 60:
        return _("less than a minute")
    minutes = round(seconds / 60)
    if minutes < 120:
        return ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)
    half_hours = round(seconds / 1800)
    whole = str(half_hours // 2)
    # Translators: the decimal separator in "2.5 hours" ("," in German and Spanish).
    point = pgettext("decimal separator", ".")
    hours = whole if half_hours % 2 == 0 else f"{whole}{point}5"
    return _("about {hours} hours").format(hours=hours)
