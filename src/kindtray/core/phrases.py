"""The phrase library and the choice of words for each break and reminder.

Owns: reading a phrases text (the shipped ``resources/phrases/en.toml`` and the user's own
``phrases.toml``, with its hidden and favourite marks) and reporting each bad entry with its
line (what makes an entry bad is ``kindtray.core.phrase_rules``), and picking the words of a
break: all in one voice, the kind phrase by need, time of day and the mood tap, so that no
phrase repeats within its group and voice until all of them have been shown (the round is
kept by a RotationStore, so it carries on across restarts).

Must not: import Qt, read the clock (the time is passed in), touch files (reading the
libraries and the rotation file is ``kindtray.storage.phrase_store``'s job), or ever fail a
break because of a user's file. A bad user entry is reported (file, line, reason) and skipped.

File format (the same for the shipped library and the user's file)::

    [warmth]
    my-grandmother = "Somebody once loved me just as I am. I can too."

One table per group, one ``id = "words"`` line per phrase. User ids only need to be unique
within the user's file: they are kept apart from the shipped ones by the prefix ``user:``
(that is the id the history stores), so a later kindtray adding a phrase with the same id
never pushes a user's phrase out.

The user's file may also hold two lists of ids (their own ids, or kindtray's)::

    [hidden]
    ids = ["calm-lake"]           # never shown

    [favourite]
    ids = ["my-grandmother"]      # comes round twice in each round of its group

An id names the user's own phrase when there is one, else kindtray's. The shipped library
has a ``[retired]`` table: lines no longer shown, kept so the history can still show them.
"""

from __future__ import annotations

import random
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any, Final, Protocol, TypeGuard

from kindtray.core.break_script import PRACTICE_GROUPS, BreakTexts
from kindtray.core.phrase_rules import (
    ENGLISH,
    Voice,
    check_entry,
    fits_the_hour,
    normalized,
    value_shape,
    voice_of,
)
from kindtray.core.settings import PhraseSettings
from kindtray.core.settings_keys import NEEDS
from kindtray.i18n import N_, _

STEP_GROUPS: Final = ("arrive", "notice", "not_alone", "touch", "closing")
REMINDER_GROUP: Final = "reminder"
# The groups of the other practices (hard moment, loving-kindness, wind-down) are declared with
# the practices in core/break_script.py.
GROUPS: Final = (*STEP_GROUPS, REMINDER_GROUP, *NEEDS, *PRACTICE_GROUPS)
SLEEP_NEED: Final = "sleep"
FALLBACK_NEED: Final = "warmth"
HEAVY_NEEDS: Final = ("hard-times", "low-mood")
"""After a heavy or low mood tap, the kind phrase comes from these."""

RETIRED_GROUP: Final = "retired"
"""Shipped lines no longer shown; only the shipped library may have this table."""
SHIPPED_GROUPS: Final = (*GROUPS, RETIRED_GROUP)

HIDDEN_TABLE: Final = "hidden"
FAVOURITE_TABLE: Final = "favourite"
MARK_TABLES: Final = (HIDDEN_TABLE, FAVOURITE_TABLE)
MARK_KEY: Final = "ids"
# Translators: ids = [...] is written in the file as it is here.
MARK_ALLOWED: Final = N_('a list of phrase ids in quotes, e.g. ids = ["calm-lake", "my-own"]')

NIGHT_ENDS: Final = time(4, 0)
"""The wind-down (from its time of day) lasts until this time of the next morning."""

DEFAULT_WIND_DOWN: Final = time(20, 0)
"""Without a wind-down time, sleep phrases join the mix only from here until NIGHT_ENDS."""

USER_ID_PREFIX: Final = "user:"
SHIPPED_SOURCE: Final = "kindtray/resources/phrases/en.toml"

# Used only if a group has no phrases at all (a broken install): a break still has words.
# Marked for the catalog: the break translates every line without a library id as it opens
# (session/break_words.py).
_FALLBACK_TEXTS: Final[Mapping[str, str]] = {
    "arrive": N_("Pause for a moment."),
    "notice": N_("This is a hard moment."),
    "not_alone": N_("Everyone struggles sometimes."),
    "touch": N_("You might place a hand on your heart."),
    "closing": N_("Thank you for this minute."),
    "reminder": "A minute for yourself?",
    "kindness": N_("May I be kind to myself."),
}
_FALLBACK_TEXTS_I: Final[Mapping[str, str]] = {
    **_FALLBACK_TEXTS,
    "notice": N_("This moment is as it is."),
    "touch": N_("I can place a hand on my heart."),
    "closing": N_("This minute was mine."),
}


@dataclass(frozen=True)
class Phrase:
    """One phrase: its stable id, its group, its words and where it was written."""

    id: str
    group: str
    text: str
    source: str
    line: int | None = None
    #: The language of ``text`` ("en", "de", "es"), whose pronouns tell its voice.
    language: str = ENGLISH

    @property
    def voice(self) -> Voice:
        """Who speaks: to the reader, as the reader, or either (read from the words)."""
        return voice_of(self.text, self.language)


@dataclass(frozen=True)
class Marks:
    """The user's hidden and favourite phrases, as library ids (``user:`` for their own)."""

    hidden: frozenset[str] = frozenset()
    favourite: frozenset[str] = frozenset()


class PhraseLibrary:
    """All usable phrases, by group, in the order they were written, and the user's marks."""

    def __init__(self, phrases: Iterable[Phrase] = (), marks: Marks | None = None) -> None:
        self.phrases: tuple[Phrase, ...] = tuple(phrases)
        self.marks = marks or Marks()
        grouped: dict[str, list[Phrase]] = {name: [] for name in GROUPS}
        for phrase in self.phrases:
            grouped.setdefault(phrase.group, []).append(phrase)
        self._groups = {name: tuple(items) for name, items in grouped.items()}
        self._by_id = {phrase.id: phrase for phrase in self.phrases}

    def group(self, name: str) -> tuple[Phrase, ...]:
        """Return the phrases of one group, hidden ones too (empty for an unknown group)."""
        return self._groups.get(name, ())

    def shown(self, name: str) -> tuple[Phrase, ...]:
        """Return the phrases of one group that may be shown (the hidden ones left out)."""
        return tuple(p for p in self.group(name) if p.id not in self.marks.hidden)

    def get(self, phrase_id: str) -> Phrase | None:
        """Return the phrase with this id, if there is one."""
        return self._by_id.get(phrase_id)

    def counts(self) -> dict[str, int]:
        """Return how many phrases each group has that may be shown (not hidden or retired)."""
        return {name: len(self.shown(name)) for name in GROUPS}


def parse_phrases(
    text: str,
    source: str,
    existing: Sequence[Phrase] = (),
    id_prefix: str = "",
    groups: Sequence[str] = GROUPS,
) -> tuple[list[Phrase], list[str]]:
    """Read phrases from TOML text; bad entries are reported and left out.

    Args:
        text: the file's contents.
        source: the file name used in messages.
        existing: phrases already loaded; a new phrase with the same words is a duplicate.
        id_prefix: put before every id (``"user:"`` for the user's file).
        groups: the tables that hold phrases (SHIPPED_GROUPS for the shipped library). The
            mark tables ([hidden], [favourite]) are read by ``parse_marks`` and skipped here.

    Returns:
        The good phrases, and one line per problem.
    """
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return [], [_toml_error(source, exc)]
    except ValueError:  # an integer of more than 4300 digits: Python refuses to convert it
        text = _("it holds a number too long to read; none of its phrases are used")
        return [], [_message(source, None, text)]
    except (RecursionError, MemoryError):
        text = _("it is nested too deeply to read; none of its phrases are used")
        return [], [_message(source, None, text)]

    locations = _Locations.scan(text)
    problems: list[str] = []
    accepted: list[Phrase] = []
    seen_ids: dict[str, Phrase] = {}
    seen_texts = {normalized(p.text): p for p in existing}

    for group, entries in document.items():
        if group in MARK_TABLES and id_prefix:
            continue
        if not isinstance(entries, dict) or group not in groups:
            line = locations.entry_line("", group) or locations.table_line(group)
            # Translators: [{group}] and {group} are the file's table names; {groups} lists the
            # names it may use; {value} is the value's shape ("…", a list).
            if isinstance(entries, dict):
                what = _(
                    "[{group}] is not a group kindtray knows; the groups are {groups}. Skipped"
                )
            elif group in groups:
                what = _(
                    "{group} = {value} is not a group table like [{group}]; the groups are "
                    "{groups}. Skipped"
                )
            else:
                what = _("{group} = {value} is outside any group; the groups are {groups}. Skipped")
            text = what.format(group=group, value=value_shape(entries), groups=", ".join(GROUPS))
            problems.append(_message(source, line, text))
            continue
        for key, value in entries.items():
            line = locations.entry_line(group, key)
            reason, words = check_entry(key, value)
            if reason is None:
                earlier = seen_ids.get(key)
                if earlier is not None:
                    reason = _('the id "{key}" is already used ({where})').format(
                        key=key, where=_where(earlier, source)
                    )
            if reason is None:
                twin = seen_texts.get(normalized(words))
                if twin is not None:
                    name = twin.id.removeprefix(id_prefix) if twin.source == source else twin.id
                    reason = _same_words(name, _where(twin, source))
            if reason is not None:
                text = _skipped(group, key, reason)
                problems.append(_message(source, line, text))
                continue
            phrase = Phrase(id_prefix + key, group, words, source, line)
            seen_ids[key] = phrase
            seen_texts[normalized(words)] = phrase
            accepted.append(phrase)
    return accepted, problems


def parse_marks(text: str, source: str) -> tuple[Marks, list[str]]:
    """Read the user's [hidden] and [favourite] lists, as ids written in the file.

    The ids are returned as written (``resolve_marks`` turns them into library ids); a list
    of the wrong shape is reported with its line, the key and what is allowed, and skipped.
    An unparseable text gives no marks and no message (``parse_phrases`` reports it).
    """
    try:
        document = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError, MemoryError):
        return Marks(), []
    locations = _Locations.scan(text)
    lists: dict[str, frozenset[str]] = {}
    problems: list[str] = []
    for table in MARK_TABLES:
        entries = document.get(table)
        if entries is None:
            continue
        if not isinstance(entries, dict):
            line = locations.entry_line("", table)
            problems.append(
                _message(
                    source,
                    line,
                    _(
                        "{table} = {value} is not a table like [{table}]; use [{table}] with "
                        "{allowed}. Skipped"
                    ).format(table=table, value=value_shape(entries), allowed=_(MARK_ALLOWED)),
                )
            )
            continue
        for key, value in entries.items():
            line = locations.entry_line(table, key)
            if key != MARK_KEY:
                problems.append(
                    _message(
                        source,
                        line,
                        _(
                            "[{table}] {key}: is not a key kindtray knows; the only key here "
                            "is {only}, {allowed}. Skipped"
                        ).format(table=table, key=key, only=MARK_KEY, allowed=_(MARK_ALLOWED)),
                    )
                )
            elif not _is_list_of_str(value):
                problems.append(
                    _message(
                        source,
                        line,
                        _skipped(
                            table,
                            key,
                            _("{value} is not allowed; use {allowed}").format(
                                value=value_shape(value), allowed=_(MARK_ALLOWED)
                            ),
                        ),
                    )
                )
            else:
                lists[table] = frozenset(value)
    return Marks(
        lists.get(HIDDEN_TABLE, frozenset()), lists.get(FAVOURITE_TABLE, frozenset())
    ), problems


def resolve_marks(marks: Marks, phrases: Sequence[Phrase]) -> Marks:
    """Turn ids as written in the user's file into library ids: their own phrase first."""
    known = {p.id for p in phrases}

    def resolve(ids: frozenset[str]) -> frozenset[str]:
        return frozenset(USER_ID_PREFIX + i if USER_ID_PREFIX + i in known else i for i in ids)

    return Marks(resolve(marks.hidden), resolve(marks.favourite))


def check_phrase(
    library: PhraseLibrary,
    source: str,
    group: str,
    key: str,
    words: str,
    replacing: str | None = None,
) -> str | None:
    """Check one phrase written in "My words" by the rules of ``kindtray phrases``.

    Args:
        library: the phrases loaded now; the same words as one of them is a duplicate.
        source: the user's file, named in the message.
        group: the group the phrase goes in.
        key: its id in the user's file.
        words: the words as typed.
        replacing: the library id of the phrase being edited (its own words do not count).

    Returns:
        None when it may be written, else one line that names the file, the group and id,
        and what is allowed.
    """
    if group not in GROUPS:
        text = _("[{group}] is not a group; the groups are {groups}")
        return _message(source, None, text.format(group=group, groups=", ".join(GROUPS)))
    reason, cleaned = check_entry(key, words)
    if reason is None:
        for phrase in library.phrases:
            if phrase.group == RETIRED_GROUP or phrase.id == replacing:
                continue
            if normalized(phrase.text) == normalized(cleaned):
                name = phrase.id.removeprefix(USER_ID_PREFIX)
                reason = _same_words(name, _where(phrase, source))
                break
    if reason is None:
        return None
    # Translators: [{group}] {key} name the phrase as the file writes it.
    return _message(source, None, _("[{group}] {key}: {reason}").format(
        group=group, key=key, reason=reason
    ))  # fmt: skip


_SLUG_WORD = re.compile(r"[a-z0-9]+")


def new_phrase_id(words: str, taken: Iterable[str]) -> str:
    """Return an id for new words: their first few words, made unique among ``taken``."""
    used = set(taken)
    # "Ça" becomes "ca": accents come off, as the id allows only plain letters.
    plain = unicodedata.normalize("NFKD", words.casefold()).encode("ascii", "ignore").decode()
    base = "-".join(_SLUG_WORD.findall(plain)[:4])[:40].strip("-") or "mine"
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _where(phrase: Phrase, source: str) -> str:
    if phrase.source != source:
        return _("a built-in phrase") if phrase.source == SHIPPED_SOURCE else phrase.source
    if phrase.line is None:
        return _("earlier in this file")
    # Translators: where the other phrase is in the same file.
    return _("line {line}").format(line=phrase.line)


def _same_words(name: str, where: str) -> str:
    # Translators: {name} is the other phrase's id, {where} where it is.
    return _('the same words as "{name}" ({where})').format(name=name, where=where)


def _skipped(group: str, key: str, reason: str) -> str:
    # Translators: [{group}] {key} name the entry as the file writes it; {reason} says why.
    return _("[{group}] {key}: {reason}. Skipped").format(group=group, key=key, reason=reason)


def _message(source: str, line: int | None, text: str) -> str:
    if line is None:
        return f"{source}: {text}"
    # Translators: {source} is a file's path, {line} a line number in it, {text} the problem.
    return _("{source}, line {line}: {text}").format(source=source, line=line, text=text)


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)$")


def _toml_error(source: str, exc: tomllib.TOMLDecodeError) -> str:
    detail = str(exc)
    match = _TOML_POSITION.search(detail)
    line = int(match.group(1)) if match else None
    reason = detail[: match.start()] if match else detail
    if reason.startswith("Cannot overwrite"):
        reason += _("; is the same id or group there twice?")
    # Translators: {reason} is what Python's TOML reader said, in English.
    text = _(
        "this is not valid TOML ({reason}); none of the phrases in this file are used until "
        "it is fixed"
    )
    return _message(source, line, text.format(reason=reason))


# -- finding line numbers ----------------------------------------------------------------------
# tomllib gives no positions, so the raw text is scanned for table headers and "key =" lines.
# This is deliberately simple: it knows comments, quoted keys and multi-line strings, which is
# all a phrases file contains; anything it cannot place is reported without a line number.

_HEADER = re.compile(r"\s*\[\[?\s*(?P<name>[^,=]*?)\s*\]\]?\s*(?:#.*)?")
_KEY = re.compile(r"""\s*(?P<key>[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')\s*=""")


@dataclass(frozen=True)
class _Locations:
    tables: Mapping[str, int]
    entries: Mapping[tuple[str, str], int]

    @classmethod
    def scan(cls, text: str) -> _Locations:
        tables: dict[str, int] = {}
        entries: dict[tuple[str, str], int] = {}
        table = ""
        open_string: str | None = None
        # TOML ends lines with \n only; splitlines() would also split at U+2028, \x0c or
        # \x85 inside a phrase and number every later line wrongly.
        for number, line in enumerate(text.split("\n"), start=1):
            if open_string is not None:
                if line.count(open_string) % 2 == 1:
                    open_string = None
                continue
            key_match = _KEY.match(line)
            if key_match:
                entries.setdefault((table, _decode_key(key_match.group("key"))), number)
            else:
                header = _HEADER.fullmatch(line)
                if header:
                    table = _decode_key(header.group("name"))
                    tables.setdefault(table, number)
            for delimiter in ('"""', "'''"):
                if line.count(delimiter) % 2 == 1:
                    open_string = delimiter
                    break
        return cls(tables, entries)

    def table_line(self, table: str) -> int | None:
        return self.tables.get(table)

    def entry_line(self, table: str, key: str) -> int | None:
        line = self.entries.get((table, key))
        return line if line is not None else self.tables.get(table)


def _decode_key(raw: str) -> str:
    if raw[:1] in ('"', "'"):
        try:
            decoded = tomllib.loads(f"{raw} = 0")
        except tomllib.TOMLDecodeError:
            return raw
        return next(iter(decoded))
    return raw


# -- choosing ----------------------------------------------------------------------------------


@dataclass
class Rotation:
    """Where each round stands: the ids shown so far per group, and the needs shown so far."""

    shown: dict[str, list[str]] = field(default_factory=dict)
    needs_shown: list[str] = field(default_factory=list)

    @classmethod
    def from_document(cls, document: Mapping[str, Any]) -> Rotation:
        """Read a rotation document; anything of the wrong shape starts that round afresh."""
        rotation = cls()
        shown = document.get("shown")
        if isinstance(shown, dict):
            rotation.shown = {
                group: list(ids) for group, ids in shown.items() if _is_list_of_str(ids)
            }
        needs = document.get("needs_shown")
        if _is_list_of_str(needs):
            rotation.needs_shown = list(needs)
        return rotation

    def to_document(self) -> dict[str, Any]:
        """Return the rotation as a plain document (empty rounds left out)."""
        return {
            "needs_shown": self.needs_shown,
            "shown": {group: ids for group, ids in self.shown.items() if ids},
        }


class RotationStore(Protocol):
    """Keeps the rotation between runs (``kindtray.storage.phrase_store.RotationFile``)."""

    def load(self) -> tuple[Rotation, list[str]]:
        """Return the saved rotation (empty when there is none) and any problems, as lines."""
        ...

    def save(self, rotation: Rotation) -> None:
        """Keep the rotation; raise OSError (a SaveError) when it cannot be kept."""
        ...


def in_wind_down(moment: time, start: time) -> bool:
    """Return True from ``start`` until NIGHT_ENDS (04:00) the next morning."""
    if start < NIGHT_ENDS:
        return start <= moment < NIGHT_ENDS
    return moment >= start or moment < NIGHT_ENDS


class PhrasePicker:
    """Chooses the words of each break and reminder; remembers what was shown.

    Within every group (and among the enabled needs) nothing repeats until everything has had
    its turn, and the first choice of a new round is never the last one of the old round. The
    rotation is saved after every choice, so it carries on after a restart. Problems reading or
    saving the rotation file are collected in ``messages``; they never stop a break.

    ``library`` may be replaced (e.g. after the user edits phrases.toml); the rotation simply
    ignores ids that no longer exist.
    """

    def __init__(
        self,
        library: PhraseLibrary,
        rotation: RotationStore | None,
        rng: random.Random | None = None,
    ) -> None:
        self.library = library
        self.messages: list[str] = []
        self._store = rotation
        self._rng = rng if rng is not None else random.Random()
        self._shown: dict[str, list[str]] = {}
        self._needs_shown: list[str] = []
        self._heavy_shown: list[str] = []
        if rotation is not None:
            saved, problems = rotation.load()
            self.messages.extend(problems)
            self._shown, self._needs_shown = saved.shown, saved.needs_shown

    def break_texts(self, phrase_settings: PhraseSettings, now: datetime) -> BreakTexts:
        """Choose the words for one break, all in one voice.

        The voice ("you" or "I") is drawn for each break; every phrase of the break is in
        that voice or in neither. Besides the kind phrase for the chosen need, a second one
        from hard times or low mood is chosen in advance (``heavy_kindness``): the break
        shows it instead when the mood tap at the start says heavy or low.

        Args:
            phrase_settings: the enabled needs and the wind-down time.
            now: the local wall time (aware), from a Clock.

        Returns:
            One text per step, and the ids of the library phrases used.
        """
        voice = self._rng.choice((Voice.YOU, Voice.I))
        moment = now.time()
        need = self._choose_need(phrase_settings, now)
        picked = {group: self._pick(group, voice, moment) for group in STEP_GROUPS}
        kindness = self._pick(need, voice, moment)
        heavy_needs = [n for n in HEAVY_NEEDS if self.library.shown(n)]
        if need in HEAVY_NEEDS or not heavy_needs:
            heavy = kindness
        else:
            heavy_need, self._heavy_shown = _next_in_rotation(
                heavy_needs, self._heavy_shown, self._rng
            )
            heavy = self._pick(heavy_need, voice, moment)
        self._save()
        fallbacks = _FALLBACK_TEXTS_I if voice is Voice.I else _FALLBACK_TEXTS

        def text(phrase: Phrase | None, fallback: str) -> str:
            return phrase.text if phrase is not None else fallbacks[fallback]

        ordered = (
            picked["arrive"],
            picked["notice"],
            picked["not_alone"],
            kindness,
            picked["touch"],
            picked["closing"],
        )
        return BreakTexts(
            arrive=text(picked["arrive"], "arrive"),
            notice=text(picked["notice"], "notice"),
            not_alone=text(picked["not_alone"], "not_alone"),
            kindness=text(kindness, "kindness"),
            touch=text(picked["touch"], "touch"),
            closing=text(picked["closing"], "closing"),
            phrase_ids=tuple(p.id for p in ordered if p is not None),
            ids={
                name: p.id
                for name, p in zip(
                    ("arrive", "notice", "not_alone", "kindness", "touch", "closing"),
                    ordered,
                    strict=True,
                )
                if p is not None
            }
            | ({"heavy_kindness": heavy.id} if heavy is not None else {}),
            heavy_kindness=text(heavy, "kindness"),
        )

    def reminder_text(self) -> str:
        """Choose the line for a reminder notification."""
        phrase = self._pick(REMINDER_GROUP)
        self._save()
        return phrase.text if phrase is not None else _FALLBACK_TEXTS[REMINDER_GROUP]

    def pick(self, group: str, count: int = 1) -> tuple[Phrase, ...]:
        """Choose up to ``count`` different phrases of ``group``, in its rotation.

        For the practices beyond the minute (``core.practice_words``); an empty or unknown
        group gives none.
        """
        chosen: list[Phrase] = []
        wanted = min(count, len(self.library.group(group)))
        # A new round may begin half-way and offer an earlier choice again: ask a few more times.
        for _attempt in range(wanted * 3):
            if len(chosen) >= wanted:
                break
            phrase = self._pick(group)
            if phrase is not None and phrase not in chosen:
                chosen.append(phrase)
        self._save()
        return tuple(chosen)

    def _choose_need(self, phrase_settings: PhraseSettings, now: datetime) -> str:
        """Decide which need the kind phrase of a break at ``now`` speaks to.

        From the wind-down time until 04:00, sleep phrases come first, whether or not "sleep"
        is among the needs: setting a wind-down time asks for them. At other times the enabled
        needs take turns; "sleep" takes part only in the evening (from 20:00 when no wind-down
        time is set) unless it is the only need, so "tonight is for rest" never greets a
        morning. With no usable need, warmth.
        """
        available = [n for n in NEEDS if self.library.shown(n)]
        moment = now.time()
        wind_down = phrase_settings.wind_down
        if wind_down is not None and in_wind_down(moment, wind_down) and SLEEP_NEED in available:
            return SLEEP_NEED
        enabled = [n for n in phrase_settings.needs if n in available]
        if len(enabled) > 1 and not in_wind_down(moment, wind_down or DEFAULT_WIND_DOWN):
            enabled = [n for n in enabled if n != SLEEP_NEED]
        if not enabled:
            return FALLBACK_NEED
        need, self._needs_shown = _next_in_rotation(enabled, self._needs_shown, self._rng)
        return need

    def _pick(
        self, group: str, voice: Voice = Voice.ANY, moment: time | None = None
    ) -> Phrase | None:
        """Choose from ``group`` a phrase in ``voice`` that fits the hour, in its round.

        A group with no phrase in the voice (a user's group of their own words) gives one
        in the other voice rather than none.
        """
        phrases = self.library.shown(group)
        if not phrases:
            return None
        fitting = [p for p in phrases if moment is None or fits_the_hour(p.id, moment)]
        allowed = [p.id for p in fitting if p.voice in (voice, Voice.ANY) or voice is Voice.ANY]
        chosen, self._shown[group] = _next_in_rotation(
            [p.id for p in phrases],
            self._shown.get(group, []),
            self._rng,
            allowed=allowed or [p.id for p in fitting] or None,
            twice=self.library.marks.favourite,
        )
        return self.library.get(chosen)

    def _save(self) -> None:
        if self._store is None:
            return
        try:
            self._store.save(Rotation(self._shown, self._needs_shown))
        except OSError as exc:
            # Said once, not after every break, if the state folder stays unwritable.
            if str(exc) not in self.messages:
                self.messages.append(str(exc))


def _is_list_of_str(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _next_in_rotation(
    candidates: Sequence[str],
    shown: Sequence[str],
    rng: random.Random,
    *,
    allowed: Sequence[str] | None = None,
    twice: frozenset[str] = frozenset(),
) -> tuple[str, list[str]]:
    """Pick a candidate not yet shown this round; return it and the updated round.

    Args:
        candidates: every id of the group.
        shown: the round so far; ids that are no longer candidates are dropped.
        rng: the random source.
        allowed: the candidates that fit now (a voice, an hour); all when None. The round
            of these ends when each has been shown, while the others keep their place.
        twice: favourites, shown twice in each round (once, when the second turn would
            follow the first directly at the end of a round).

    When every allowed candidate has had its turns a new round begins for them. The one
    shown last is never chosen next while another is possible, so nothing appears twice
    in a row.
    """
    still_there = set(candidates)
    choosable = list(candidates if allowed is None else allowed)
    round_so_far = [item for item in shown if item in still_there]

    def turns_left(round_: list[str]) -> list[str]:
        return [
            item
            for item in choosable
            for _copy in range((2 if item in twice else 1) - round_.count(item))
        ]

    last = round_so_far[-1] if round_so_far else None
    unseen = turns_left(round_so_far)
    if not [item for item in unseen if item != last]:
        # Only the last one's second turn is left: the round ends rather than repeat it.
        fresh = set(choosable)
        round_so_far = [item for item in round_so_far if item not in fresh]
        unseen = turns_left(round_so_far)
    chosen = rng.choice([item for item in unseen if item != last] or unseen)
    return chosen, [*round_so_far, chosen]
