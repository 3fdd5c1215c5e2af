"""The voice of a phrase read in German and Spanish, by each language's own pronouns."""

from __future__ import annotations

import pytest

from kindtray.core.phrase_rules import Voice, voice_of


@pytest.mark.parametrize(
    ("words", "voice"),
    [
        ("Vielleicht magst du eine Hand auf dein Herz legen.", Voice.YOU),
        ("Diese Minute gehört dir.", Voice.YOU),
        ("Du darfst dich ausruhen.", Voice.YOU),
        ("Ich bin froh, dass du da bist.", Voice.YOU),  # someone speaking to you
        ("Möge ich freundlich zu mir sein.", Voice.I),
        ("Meine Schultern dürfen sinken.", Voice.I),
        ("Ich kann hier einen Moment innehalten.", Voice.I),
        ("Halte einen Moment inne.", Voice.ANY),
        ("Jeder Mensch hat es manchmal schwer.", Voice.ANY),
        ("Die Dusche, das Dickicht, die Meinung.", Voice.ANY),  # only whole words count
    ],
)
def test_german_voice(words: str, voice: Voice) -> None:
    assert voice_of(words, "de") is voice


@pytest.mark.parametrize(
    ("words", "voice"),
    [
        ("Tú también mereces cariño.", Voice.YOU),
        ("Puedes poner una mano sobre tu corazón.", Voice.YOU),
        ("Este minuto es para ti.", Voice.YOU),
        ("Me alegra que te tomes este minuto.", Voice.YOU),  # someone speaking to you
        ("Que yo sea amable conmigo.", Voice.I),
        ("Puedo poner una mano sobre mi corazón.", Voice.I),
        ("Este minuto es para mí.", Voice.I),
        ("Todo el mundo lo pasa mal a veces.", Voice.ANY),
        ("Tumba, mesa, mitad.", Voice.ANY),  # only whole words count
    ],
)
def test_spanish_voice(words: str, voice: Voice) -> None:
    assert voice_of(words, "es") is voice


def test_each_language_keeps_to_its_own_pronouns() -> None:
    # English "me" and "you" mean nothing in German; German "dir" and "mir" nothing in English.
    assert voice_of("Gib mir ein Zeichen.") is Voice.ANY
    assert voice_of("Give me a sign.", "de") is Voice.ANY
    assert voice_of("Give me a sign.") is Voice.I
    # A language without its own pronouns is read with the English ones.
    assert voice_of("You are here.", "fr") is Voice.YOU
