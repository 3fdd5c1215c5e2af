"""The phrase library and the choice of words for each break and reminder.

Owns: reading a phrases text (the shipped ``resources/phrases/en.toml`` and the user's own
``phrases.toml``) and reporting each bad entry with its line (what makes an entry bad is
``kindtray.core.phrase_rules``), and picking phrases by need and time of day so that no
phrase repeats within its group until the whole group has been shown (the round is kept by a
RotationStore, so it carries on across restarts).

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
"""

from __future__ import annotations

import random
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any, Final, Protocol, TypeGuard

from kindtray.core.break_script import BreakTexts
from kindtray.core.phrase_rules import check_entry, normalized, value_shape
from kindtray.core.settings import PhraseSettings
from kindtray.core.settings_keys import NEEDS

STEP_GROUPS: Final = ("arrive", "notice", "not_alone", "touch", "closing")
REMINDER_GROUP: Final = "reminder"
GROUPS: Final = (*STEP_GROUPS, REMINDER_GROUP, *NEEDS)
SLEEP_NEED: Final = "sleep"
FALLBACK_NEED: Final = "warmth"

NIGHT_ENDS: Final = time(4, 0)
"""The wind-down (from its time of day) lasts until this time of the next morning."""

DEFAULT_WIND_DOWN: Final = time(20, 0)
"""Without a wind-down time, sleep phrases join the mix only from here until NIGHT_ENDS."""

USER_ID_PREFIX: Final = "user:"
SHIPPED_SOURCE: Final = "kindtray/resources/phrases/en.toml"

# Used only if a group has no phrases at all (a broken install): a break still has words.
_FALLBACK_TEXTS: Final[Mapping[str, str]] = {
    "arrive": "Pause for a moment.",
    "notice": "This is a hard moment.",
    "not_alone": "Everyone struggles sometimes.",
    "touch": "You might place a hand on your heart.",
    "closing": "Thank you for this minute.",
    "reminder": "A minute for yourself?",
    "kindness": "May I be kind to myself.",
}


@dataclass(frozen=True)
class Phrase:
    """One phrase: its stable id, its group, its words and where it was written."""

    id: str
    group: str
    text: str
    source: str
    line: int | None = None


class PhraseLibrary:
    """All usable phrases, by group, in the order they were written."""

    def __init__(self, phrases: Iterable[Phrase] = ()) -> None:
        self.phrases: tuple[Phrase, ...] = tuple(phrases)
        grouped: dict[str, list[Phrase]] = {name: [] for name in GROUPS}
        for phrase in self.phrases:
            grouped.setdefault(phrase.group, []).append(phrase)
        self._groups = {name: tuple(items) for name, items in grouped.items()}
        self._by_id = {phrase.id: phrase for phrase in self.phrases}

    def group(self, name: str) -> tuple[Phrase, ...]:
        """Return the phrases of one group (empty for an unknown group)."""
        return self._groups.get(name, ())

    def get(self, phrase_id: str) -> Phrase | None:
        """Return the phrase with this id, if there is one."""
        return self._by_id.get(phrase_id)

    def counts(self) -> dict[str, int]:
        """Return how many phrases each group has."""
        return {name: len(items) for name, items in self._groups.items()}


def parse_phrases(
    text: str,
    source: str,
    existing: Sequence[Phrase] = (),
    id_prefix: str = "",
) -> tuple[list[Phrase], list[str]]:
    """Read phrases from TOML text; bad entries are reported and left out.

    Args:
        text: the file's contents.
        source: the file name used in messages.
        existing: phrases already loaded; a new phrase with the same words is a duplicate.
        id_prefix: put before every id (``"user:"`` for the user's file).

    Returns:
        The good phrases, and one line per problem.
    """
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return [], [_toml_error(source, exc)]
    except ValueError:  # an integer of more than 4300 digits: Python refuses to convert it
        return [], [f"{source}: it holds a number too long to read; none of its phrases are used"]
    except (RecursionError, MemoryError):
        return [], [f"{source}: it is nested too deeply to read; none of its phrases are used"]

    locations = _Locations.scan(text)
    problems: list[str] = []
    accepted: list[Phrase] = []
    seen_ids: dict[str, Phrase] = {}
    seen_texts = {normalized(p.text): p for p in existing}

    for group, entries in document.items():
        if not isinstance(entries, dict) or group not in GROUPS:
            line = locations.entry_line("", group) or locations.table_line(group)
            if isinstance(entries, dict):
                what = f"[{group}] is not a group kindtray knows"
            elif group in GROUPS:
                what = f"{group} = {value_shape(entries)} is not a group table like [{group}]"
            else:
                what = f"{group} = {value_shape(entries)} is outside any group"
            problems.append(
                _message(source, line, f"{what}; the groups are {', '.join(GROUPS)}. Skipped")
            )
            continue
        for key, value in entries.items():
            line = locations.entry_line(group, key)
            reason, words = check_entry(key, value)
            if reason is None:
                earlier = seen_ids.get(key)
                if earlier is not None:
                    reason = f'the id "{key}" is already used ({_where(earlier, source)})'
            if reason is None:
                twin = seen_texts.get(normalized(words))
                if twin is not None:
                    name = twin.id.removeprefix(id_prefix) if twin.source == source else twin.id
                    reason = f'the same words as "{name}" ({_where(twin, source)})'
            if reason is not None:
                problems.append(_message(source, line, f"[{group}] {key}: {reason}. Skipped"))
                continue
            phrase = Phrase(id_prefix + key, group, words, source, line)
            seen_ids[key] = phrase
            seen_texts[normalized(words)] = phrase
            accepted.append(phrase)
    return accepted, problems


def _where(phrase: Phrase, source: str) -> str:
    if phrase.source != source:
        return "a built-in phrase" if phrase.source == SHIPPED_SOURCE else phrase.source
    return f"line {phrase.line}" if phrase.line is not None else "earlier in this file"


def _message(source: str, line: int | None, text: str) -> str:
    return f"{source}, line {line}: {text}" if line is not None else f"{source}: {text}"


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)$")


def _toml_error(source: str, exc: tomllib.TOMLDecodeError) -> str:
    detail = str(exc)
    match = _TOML_POSITION.search(detail)
    line = int(match.group(1)) if match else None
    reason = detail[: match.start()] if match else detail
    if reason.startswith("Cannot overwrite"):
        reason += "; is the same id or group there twice?"
    return _message(
        source,
        line,
        f"this is not valid TOML ({reason}); none of the phrases in this file are used "
        "until it is fixed",
    )


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
        if rotation is not None:
            saved, problems = rotation.load()
            self.messages.extend(problems)
            self._shown, self._needs_shown = saved.shown, saved.needs_shown

    def break_texts(self, phrase_settings: PhraseSettings, now: datetime) -> BreakTexts:
        """Choose the words for one break.

        Args:
            phrase_settings: the enabled needs and the wind-down time.
            now: the local wall time (aware), from a Clock.

        Returns:
            One text per step, and the ids of the library phrases used.
        """
        need = self._choose_need(phrase_settings, now)
        picked = {group: self._pick(group) for group in STEP_GROUPS}
        kindness = self._pick(need)
        self._save()

        def text(phrase: Phrase | None, fallback: str) -> str:
            return phrase.text if phrase is not None else _FALLBACK_TEXTS[fallback]

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
            },
        )

    def reminder_text(self) -> str:
        """Choose the line for a reminder notification."""
        phrase = self._pick(REMINDER_GROUP)
        self._save()
        return phrase.text if phrase is not None else _FALLBACK_TEXTS[REMINDER_GROUP]

    def _choose_need(self, phrase_settings: PhraseSettings, now: datetime) -> str:
        """Decide which need the kind phrase of a break at ``now`` speaks to.

        From the wind-down time until 04:00, sleep phrases come first, whether or not "sleep"
        is among the needs: setting a wind-down time asks for them. At other times the enabled
        needs take turns; "sleep" takes part only in the evening (from 20:00 when no wind-down
        time is set) unless it is the only need, so "tonight is for rest" never greets a
        morning. With no usable need, warmth.
        """
        available = [n for n in NEEDS if self.library.group(n)]
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

    def _pick(self, group: str) -> Phrase | None:
        phrases = self.library.group(group)
        if not phrases:
            return None
        chosen, self._shown[group] = _next_in_rotation(
            [p.id for p in phrases], self._shown.get(group, []), self._rng
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
    candidates: Sequence[str], shown: Sequence[str], rng: random.Random
) -> tuple[str, list[str]]:
    """Pick a candidate not yet shown this round; return it and the updated round.

    When every candidate has been shown a new round begins, avoiding the one shown last so
    nothing appears twice in a row. Ids in ``shown`` that are no longer candidates are dropped.
    """
    still_there = set(candidates)
    round_so_far = [item for item in shown if item in still_there]
    unseen = [item for item in candidates if item not in round_so_far]
    if not unseen:
        last = round_so_far[-1] if round_so_far else None
        round_so_far = []
        unseen = [item for item in candidates if item != last] or list(candidates)
    chosen = rng.choice(unseen)
    return chosen, [*round_so_far, chosen]
