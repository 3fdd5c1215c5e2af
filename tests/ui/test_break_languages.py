"""The whole break in the person's language: every practice walked step by step through the
running app under LANG=de_DE.UTF-8 and es_ES.UTF-8 (its own words from the catalog, its
phrases from de.toml / es.toml), under the pseudo-language with no unmarked text or
screen-reader name, a German break in one voice, and "Why this helps" in the language. Time is
driven (``skip_step()``, ``choose()``), never waited for."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from kindtray import i18n
from kindtray.core.clock import FakeClock
from kindtray.core.history import Practice, Trigger
from kindtray.core.phrase_rules import Voice, voice_of
from kindtray.core.phrases import PhrasePicker
from kindtray.core.settings import Settings
from kindtray.paths import default_paths
from kindtray.storage.help_pages import load_help_page
from kindtray.storage.phrase_languages import in_language, read_language
from kindtray.storage.phrase_store import load_library
from kindtray.ui.app import KindtrayApp, build_kindtray
from kindtray.ui.break_window import BreakWindow
from kindtray.ui.notify.chain import RouteChain
from kindtray.ui.translations import install_translations
from kindtray.ui.why_window import PAGE, WhyWindow
from tests.ui.test_app import MONDAY_10, FakeRoute
from tools import translations


@dataclass(frozen=True)
class Words:
    """The words a break says in one language (a few key ones of each practice)."""

    minute_title: str
    arriving: str
    mood_question: str
    moods: tuple[str, ...]
    rather_not: str
    not_now: str
    next_: str
    done: str
    breathing: tuple[str, str]
    farewell: str
    hard_title: str
    grounding: str
    ground_me: str
    touch: tuple[str, ...]
    heart_says: str
    need_question: str
    help_starts: str
    feet: str
    sounds: str
    here_and_now: str
    chooser: tuple[str, ...]
    kind_title: str
    kind_steps: tuple[str, ...]
    evening_title: str
    evening_steps: tuple[str, ...]


GERMAN = Words(
    minute_title="Eine Minute für dich",
    arriving="Ankommen",
    mood_question="Wie fühlst du dich gerade?",
    moods=("schwer", "gedrückt", "okay", "ruhig", "leicht"),
    rather_not="Lieber nicht sagen",
    not_now="Jetzt nicht",
    next_="Weiter",
    done="Fertig",
    breathing=("Atme ein", "Atme aus"),
    farewell="Das ist in Ordnung \N{EM DASH} bis später.",
    hard_title="Ein schwerer Moment",
    grounding="Boden finden",
    ground_me="Boden spüren",
    touch=("Hand auf dem Herzen", "Hand an der Wange", "Die Arme um dich", "Hände ineinander"),
    heart_says="Leg eine Hand auf dein Herz und spür ihre Wärme, während du atmest.",
    need_question="Welche Worte brauchst du gerade?",
    help_starts="Wenn es zu viel ist für dich allein",
    feet="Füße auf dem Boden",
    sounds="Fünf Geräusche",
    here_and_now="Hier und jetzt",
    chooser=("&Eine Minute", "&Liebende Güte", "&Abendruhe"),
    kind_title="Eine Minute liebende Güte",
    kind_steps=("Zur Ruhe kommen", "Ein lieber Mensch", "Auch du", "Alle", "Ausklang"),
    evening_title="Den Tag ausklingen lassen",
    evening_steps=("Ankommen", "Ruhiger atmen", "Den Tag loslassen", "Hin zur Ruhe", "Gute Nacht"),
)
SPANISH = Words(
    minute_title="Un minuto para ti",
    arriving="Llegar",
    mood_question="¿Cómo te sientes ahora mismo?",
    moods=("pesadez", "desánimo", "bien", "calma", "ligereza"),
    rather_not="Prefiero no decirlo",
    not_now="Ahora no",
    next_="Siguiente",
    done="Terminar",
    breathing=("Toma aire", "Suelta el aire"),
    farewell="Está bien \N{EM DASH} hasta luego.",
    hard_title="Un momento difícil",
    grounding="Sentir el suelo",
    ground_me="Tocar tierra",
    touch=("Mano en el corazón", "Mano en la mejilla", "Un abrazo para ti", "Una mano en la otra"),
    heart_says="Apoya una mano en el corazón y siente su calor mientras respiras.",
    need_question="¿Qué necesitas oír ahora mismo?",
    help_starts="Si esto pesa demasiado para llevarlo a solas",
    feet="Pies en el suelo",
    sounds="Cinco sonidos",
    here_and_now="Aquí y ahora",
    chooser=("&Un minuto", "&Bondad amorosa", "&Cerrar el día"),
    kind_title="Un minuto de bondad amorosa",
    kind_steps=("Asentarse", "Una persona querida", "También tú", "Todo el mundo", "Cierre"),
    evening_title="Para cerrar el día",
    evening_steps=(
        "Llegar",
        "Respirar más despacio",
        "Soltar el día",
        "Hacia el descanso",
        "Buenas noches",
    ),
)
WORDS = {"de": GERMAN, "es": SPANISH}


@pytest.fixture(scope="module", autouse=True)
def catalogs() -> None:
    translations.compile_all()


#: The environment a person's desktop sets for each language (the issue's LANG=de_DE.UTF-8);
#: the pseudo-language is asked for the way a developer would, with LANGUAGE.
ENVIRONMENT = {
    "de": {"LANG": "de_DE.UTF-8"},
    "es": {"LANG": "es_ES.UTF-8"},
    i18n.PSEUDO: {"LANG": "en_US.UTF-8", "LANGUAGE": i18n.PSEUDO},
}


@pytest.fixture
def run_in(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[str], KindtrayApp]]:
    """Start kindtray in an environment that asks for a language."""
    before = QLocale()
    started: list[KindtrayApp] = []

    def start(language: str) -> KindtrayApp:
        for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
            monkeypatch.delenv(name, raising=False)
        for name, value in ENVIRONMENT[language].items():
            monkeypatch.setenv(name, value)
        app = build_kindtray(
            qapp, default_paths(tmp_path), FakeClock(MONDAY_10), routes=RouteChain([FakeRoute()])
        )
        app.start()
        started.append(app)
        return app

    yield start
    for app in started:
        app.shutdown()
    for widget in QApplication.topLevelWidgets():
        widget.close()
    monkeypatch.undo()  # the suite's English (tests/conftest.py), before speaking it again
    install_translations(qapp, i18n.SYSTEM)
    QLocale.setDefault(before)


def library_texts(language: str) -> dict[str, str]:
    """The phrases of ``language``'s shipped library, by id."""
    phrases, problems = read_language(language)
    assert problems == []
    return {p.id: p.text for p in phrases}


def shown_phrases(window: BreakWindow) -> list[tuple[str, str]]:
    """The current beat's phrase (its id and words), when it is one of the library's."""
    beat = window.flow.current_beat
    if beat is None or beat.phrase_id is None:
        return []
    return [(beat.phrase_id, beat.text)]


def assert_from_library(said: list[tuple[str, str]], library: dict[str, str]) -> None:
    assert said, "no phrase was shown"
    for phrase_id, text in said:
        assert library[phrase_id] == text, (phrase_id, text)


def walk_to_the_end(window: BreakWindow, said: list[tuple[str, str]]) -> list[str]:
    """Go through the remaining steps with "Next"; return the step names on the way."""
    names = [window.step_label.text()]
    while not window.flow.is_last_step:
        said += shown_phrases(window)
        window.skip_step()
        names.append(window.step_label.text())
    said += shown_phrases(window)
    return names


@pytest.mark.parametrize("language", ["de", "es"])
def test_the_minute_speaks_the_language_with_its_phrases(
    run_in: Callable[[str], KindtrayApp], language: str
) -> None:
    words, library = WORDS[language], library_texts(language)
    app = run_in(language)
    window = app.open_break(Trigger.REQUEST)
    said: list[tuple[str, str]] = []
    assert window.windowTitle() == words.minute_title
    assert window.step_label.text() == words.arriving
    assert window.mood_panel.question.text() == words.mood_question
    assert tuple(b.text() for b in window.mood_panel.buttons) == words.moods
    assert window.mood_panel.skip_button.text() == words.rather_not
    assert window.not_now_button.text() == words.not_now
    assert window.chooser is not None
    assert tuple(b.text() for b in window.chooser.buttons.values()) == words.chooser
    letters = {label[label.index("&") + 1].casefold() for label in words.chooser}
    assert len(letters) == len(words.chooser)  # the Alt letters stay apart in the language
    said += shown_phrases(window)
    window.choose_mood(3)
    window.skip_step()  # -> noticing: the pacer breathes
    assert window.guide.caption.text() in words.breathing
    assert window.skip_button.text() == words.next_
    walk_to_the_end(window, said)
    assert window.skip_button.text() == words.done
    assert_from_library(said, library)
    window.end_gently()
    assert window.farewell_label.text() == words.farewell


@pytest.mark.parametrize("language", ["de", "es"])
def test_a_hard_moment_and_ground_me_speak_the_language(
    run_in: Callable[[str], KindtrayApp], language: str
) -> None:
    words, library = WORDS[language], library_texts(language)
    app = run_in(language)
    window = app.open_break(Trigger.REQUEST, practice=Practice.HARD_MOMENT)
    said = shown_phrases(window)
    assert window.windowTitle() == words.hard_title
    assert window.step_label.text() == words.grounding
    assert window.ground_button.text() == words.ground_me
    window.skip_step()  # -> the longer out-breath
    said += shown_phrases(window)
    window.skip_step()  # -> a soothing touch: the choice is open
    shown = tuple(b.text().replace("\n", " ") for b in window.choice_panel.buttons[:4])
    assert shown == words.touch
    window.choose("heart")
    assert window.phrase_label.text() == words.heart_says
    window.skip_step()  # -> what do you need to hear
    assert window.choice_panel.prompt.text().replace("\n", " ") == words.need_question
    for choice in window.choice_panel.choices:
        assert choice.phrase_id is not None and library[choice.phrase_id] == choice.label
    window.choose(window.choice_panel.choices[0].id)
    said += shown_phrases(window)
    window.skip_step()  # -> the quiet close, with where to find help
    said += shown_phrases(window)
    assert window.help_label.text().startswith(words.help_starts)
    assert_from_library(said, library)
    window.ground_me()
    assert window.step_label.text() == words.feet
    window.skip_step()
    assert window.step_label.text() == words.sounds
    window.skip_step()
    assert window.step_label.text() == words.here_and_now
    assert window.skip_button.text() == words.done


@pytest.mark.parametrize("language", ["de", "es"])
def test_loving_kindness_and_the_wind_down_speak_the_language(
    run_in: Callable[[str], KindtrayApp], language: str
) -> None:
    words, library = WORDS[language], library_texts(language)
    app = run_in(language)
    window = app.open_break(Trigger.REQUEST)
    window.switch_practice(Practice.LOVING_KINDNESS)  # the chooser on the first step
    assert window.windowTitle() == words.kind_title
    window.choose_mood(None)
    said: list[tuple[str, str]] = []
    assert tuple(walk_to_the_end(window, said)) == words.kind_steps
    assert_from_library(said, library)
    window.close()

    evening = app.open_break(Trigger.REQUEST, practice=Practice.WIND_DOWN)
    assert evening.windowTitle() == words.evening_title
    evening.choose_mood(None)
    said = []
    assert tuple(walk_to_the_end(evening, said)) == words.evening_steps
    assert_from_library(said, library)


def test_a_german_break_keeps_to_one_voice() -> None:
    english, _problems = load_library(None)
    german, fallbacks = in_language(english, "de")
    assert fallbacks == 0
    settings = Settings()
    for seed in range(40):
        picker = PhrasePicker(german, None, random.Random(seed))
        texts = picker.break_texts(settings.phrases, datetime(2026, 11, 30, 15, 0))
        lines = (texts.arrive, texts.notice, texts.not_alone, texts.touch, texts.kindness)
        voices = {voice_of(line, "de") for line in (*lines, texts.closing)} - {Voice.ANY}
        assert len(voices) <= 1, (seed, lines, texts.closing)


# -- the pseudo-language: every text a person reads or hears went through translation --------

MARKED = re.compile(
    f"{re.escape(i18n.PSEUDO_OPEN)}[^{i18n.PSEUDO_OPEN}{i18n.PSEUDO_CLOSE}]*"
    f"{re.escape(i18n.PSEUDO_CLOSE)}"
)


def unmarked(text: str, phrases: list[str]) -> str:
    """What of ``text`` did not go through translation: letters outside the marks.

    The phrases are content, not interface: the library's own words (English here, since
    there is no pseudo library) are taken out first, by comparing with the library.
    """
    text = " ".join(text.replace("&", "").split())
    for phrase in phrases:  # longest first, so a phrase inside another goes with it
        text = text.replace(phrase, "")
    while True:  # innermost marks first: a marked sentence may hold a marked name
        inner = MARKED.sub("", text)
        if inner == text:
            break
        text = inner
    return "".join(c for c in text if c.isalpha())


def texts_of(window: BreakWindow) -> list[str]:
    """Every text on show, and every name and description a screen reader reads."""
    found = [window.windowTitle(), window.accessibleName(), window.accessibleDescription()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            found.append(widget.text())
        found += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
    return [text for text in found if text]


def test_under_the_pseudo_language_nothing_in_any_break_is_unmarked(
    run_in: Callable[[str], KindtrayApp],
) -> None:
    english, _problems = load_library(None)
    phrases = sorted((" ".join(p.text.split()) for p in english.phrases), key=len, reverse=True)
    app = run_in(i18n.PSEUDO)
    assert i18n.current_language() == i18n.PSEUDO
    checked = 0

    def check(window: BreakWindow) -> None:
        nonlocal checked
        for text in texts_of(window):
            assert unmarked(text, phrases) == "", text
            checked += 1

    def through(window: BreakWindow) -> None:
        check(window)
        if window.flow.awaiting_mood:
            window.choose_mood(2)
            check(window)
        while not window.flow.is_last_step:
            if window.flow.awaiting_choice:
                window.choose(window.choice_panel.choices[0].id)
                check(window)
            window.skip_step()
            check(window)
            if window.flow.awaiting_mood:
                window.choose_mood(4)
                check(window)

    minute = app.open_break(Trigger.REQUEST)
    through(minute)
    minute.end_gently()  # on the last step there is no "Not now": the farewell still speaks
    check(minute)
    minute.close()

    kind = app.open_break(Trigger.REQUEST)
    kind.switch_practice(Practice.LOVING_KINDNESS)
    through(kind)
    kind.close()

    evening = app.open_break(Trigger.REQUEST, practice=Practice.WIND_DOWN)
    through(evening)
    evening.close()

    hard = app.open_break(Trigger.REQUEST, practice=Practice.HARD_MOMENT)
    through(hard)
    hard.ground_me()
    through(hard)
    hard.close()

    reduced = app.scheduler.settings.with_value("break.reduced_motion", "on")
    app.apply_settings(reduced)
    counted = app.open_break(Trigger.REQUEST)
    counted.choose_mood(None)
    counted.skip_step()  # a breathing step: "Breathe in… 3", counted
    assert counted.guide.caption.text().startswith(i18n.PSEUDO_OPEN)
    check(counted)
    counted.end_gently()
    check(counted)
    assert checked > 300


# -- "Why this helps" in the person's language ----------------------------------------------

#: Per language: the page's title, and words for its topics that the page holds (the research
#: named plainly, where human help is), and words a kind page never uses (orders, alarm).
WHY = {
    "de": ("Warum das guttut", ("27", "2014", "2021", "vertraust", "Notruf"), ("musst", "sollst")),
    "es": (
        "Por qué esto ayuda",
        ("27", "2014", "2021", "confianza", "emergencias"),
        ("debes", "tienes que"),
    ),
}


@pytest.mark.parametrize("language", ["de", "es"])
def test_why_this_helps_is_read_in_the_language(
    run_in: Callable[[str], KindtrayApp], language: str
) -> None:
    app = run_in(language)
    window = app.show_why()
    assert isinstance(window, WhyWindow)
    title, holds, never = WHY[language]
    english = load_help_page(PAGE, "en")
    assert window.page.title == title == window.windowTitle()
    assert len(window.page.sections) == len(english.sections)
    text = window.page.plain_text()
    for word in holds:
        assert word in text, word
    assert "!" not in text
    for word in never:
        assert word not in text.casefold(), word
