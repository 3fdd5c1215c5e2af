"""A break's own words in the person's language, translated as the break opens.

Owns the one rule for which words of a practice's script go through the catalog: every text
kindtray itself wrote (the window title, step names, the grounding and touch words, the
question a choice asks, the fallback lines of a broken install), which are the texts without
a library id. The phrases carry their id and come from the phrase library already in the
person's language (``storage/phrase_languages.py``), so they are never looked up here: the
catalog has no entry for them, and the pseudo-language must leave them unmarked.

``core`` marks its words with its own ``N_`` (it imports nothing outside itself); this module
is where they are translated, once per script. No Qt.
"""

from __future__ import annotations

from dataclasses import replace

from kindtray.core.break_script import PRACTICES, Beat, BreakScript, Choice, Step
from kindtray.core.history import Practice
from kindtray.i18n import _

__all__ = ["practice_description", "translated_script"]


def translated_script(script: BreakScript) -> BreakScript:
    """``script`` with kindtray's own words in the current language; phrases as they are."""
    return replace(
        script,
        title=_(script.title),
        steps=tuple(_step(step) for step in script.steps),
        grounding=tuple(_step(step) for step in script.grounding),
    )


def practice_description(practice: Practice) -> str:
    """What a practice is, in one sentence, in the current language (for screen readers)."""
    return _(PRACTICES[practice].description)


def _own(text: str, phrase_id: str | None) -> str:
    """Translate kindtray's own words; a library phrase (it has an id) stays as it is."""
    return _(text) if text and phrase_id is None else text


def _step(step: Step) -> Step:
    return replace(
        step,
        label=_(step.label),
        beats=tuple(_beat(beat) for beat in step.beats),
        choices=tuple(_choice(choice) for choice in step.choices),
    )


def _beat(beat: Beat) -> Beat:
    return replace(
        beat,
        text=_own(beat.text, beat.phrase_id),
        heavy_text=_own(beat.heavy_text, beat.heavy_phrase_id),
    )


def _choice(choice: Choice) -> Choice:
    if choice.phrase_id is not None:
        return choice
    return replace(choice, label=_(choice.label), says=_(choice.says))
