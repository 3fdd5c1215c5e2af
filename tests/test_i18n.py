"""kindtray.i18n: which language, the catalogs, plurals, dates and times, the pseudo-language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from kindtray import i18n
from kindtray.core.schedule import Decision
from kindtray.session.wording import describe_schedule, status_line
from tools import translations

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 12, 7, 14, 0)  # a Monday


@pytest.fixture(autouse=True)
def catalogs() -> Iterator[None]:
    """Fresh .mo catalogs from the .po sources, and the language set back after each test."""
    translations.compile_all()
    yield
    i18n.use_language(i18n.SYSTEM)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "de_DE.UTF-8"}, ["de_DE"]),
        ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}, ["es_ES"]),
        ({"LANG": "de_DE.UTF-8", "LC_ALL": "es_MX.utf8"}, ["es_MX"]),
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "es:de"}, ["es", "de"]),
        # gettext's rule: LANGUAGE does not count in the C locale.
        ({"LANG": "C.UTF-8", "LANGUAGE": "de"}, ["en"]),
        ({"LANGUAGE": "de"}, ["de"]),
        ({}, []),
    ],
)
def test_the_environment_names_the_languages(environ: dict[str, str], expected: list[str]):
    assert i18n.system_languages(environ) == expected


def test_the_first_language_spoken_wins_and_regions_find_their_language():
    have = ("de", "es")
    assert i18n.pick_language(["de_AT"], have) == "de"
    assert i18n.pick_language(["fr_FR", "es_ES"], have) == "es"
    assert i18n.pick_language(["fr_FR", "it"], have) == "en"
    assert i18n.pick_language(["en_US", "de"], have) == "en"
    assert i18n.pick_language(["de-DE"], have) == "de"  # Qt's uiLanguages() form
    assert i18n.pick_language([], have) == "en"


def test_the_setting_comes_before_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LANGUAGE", "")
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    i18n.use_language(i18n.SYSTEM)
    assert i18n.current_language() == "es"
    i18n.use_language("de")
    assert i18n.current_language() == "de"
    assert i18n._("not running") == "kindtray läuft gerade nicht"
    i18n.use_language("fr")  # no catalog: English, never an error
    assert i18n._("not running") == "not running"


def test_the_desktops_ui_languages_count_when_the_environment_names_none(
    monkeypatch: pytest.MonkeyPatch,
):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    i18n.set_ui_languages(["es-ES", "en-US"])
    try:
        assert i18n.current_language() == "es"
    finally:
        i18n.set_ui_languages([])


def test_times_and_days_the_locales_way():
    monday = datetime(2026, 12, 7, 9, 5)
    i18n.use_language("en")
    assert (i18n.format_day(monday), i18n.format_time(monday)) == ("Mon 07 Dec", "09:05")
    i18n.use_language("de")
    assert (i18n.format_day(monday), i18n.format_time(time(14, 32))) == ("Mo., 7. Dez.", "14:32")
    i18n.use_language("es")
    assert i18n.format_day(monday) == "lun 7 dic"


def every_status(now: datetime) -> list[Decision | None]:
    """A decision for each shape of the status line."""
    from kindtray.core.presence import Hold, HoldReason

    soon, wake = now + timedelta(minutes=32), now + timedelta(minutes=5)
    held = Hold(HoldReason.SCREEN_SHARED, now)
    return [
        None,
        Decision(False, None, soon, None, wake),
        Decision(False, None, now + timedelta(days=1), None, wake),
        Decision(False, None, now + timedelta(days=3), None, wake),
        Decision(False, None, soon, now + timedelta(hours=1), wake),
        Decision(False, None, soon, None, wake, (), held, True),
        Decision(False, None, soon, None, wake, (), held, False),
        Decision(False, None, None, None, wake),
    ]


def test_the_status_line_in_german_and_spanish():
    i18n.use_language("de")
    assert [status_line(d, NOW) for d in every_status(NOW)] == [
        "Wird gestartet",
        "Nächste Erinnerung um 14:32",
        "Nächste Erinnerung morgen um 14:00",
        "Nächste Erinnerung am Do. um 14:00",
        "Pause bis 15:00",
        "Die Erinnerung wartet, solange du präsentierst",
        "Nächste Erinnerung um 14:32; sie wartet, solange du präsentierst",
        "Gerade ist keine Erinnerung geplant (Einstellungen: aktive Tage und Zeiten)",
    ]
    i18n.use_language("es")
    assert [status_line(d, NOW) for d in every_status(NOW)][1:5] == [
        "Próximo recordatorio a las 14:32",
        "Próximo recordatorio mañana a las 14:00",
        "Próximo recordatorio el jue a las 14:00",
        "En pausa hasta las 15:00",
    ]
    paused = Decision(False, None, None, NOW + timedelta(days=1), NOW)
    assert status_line(paused, NOW) == "En pausa hasta mañana a las 14:00"


PLURALS = {
    "en": ("Upcoming reminder (1 in the next day):", "Upcoming reminders (2 in the next 2 days):"),
    "de": (
        "Kommende Erinnerung (1 am nächsten Tag):",
        "Kommende Erinnerungen (2 in den nächsten 2 Tagen):",
    ),
    "es": (
        "Próximo recordatorio (1 en el próximo día):",
        "Próximos recordatorios (2 en los próximos 2 días):",
    ),
}


@pytest.mark.parametrize(("language", "one", "two"), [(k, *v) for k, v in PLURALS.items()])
def test_plurals_follow_the_count(language: str, one: str, two: str):
    i18n.use_language(language)
    times = [NOW + timedelta(hours=1), NOW + timedelta(days=1)]
    assert describe_schedule(times[:1], NOW, 1, None).splitlines()[0] == one
    assert describe_schedule(times, NOW, 2, None).splitlines()[0] == two


def test_days_of_different_lengths_keep_the_times_in_one_column():
    i18n.use_language("de")
    times = [datetime(2026, 12, 7, 9, 0), datetime(2026, 12, 14, 10, 0)]  # "7." and "14."
    lines = describe_schedule(times, datetime(2026, 12, 7, 8, 0), 8, None).splitlines()[1:]
    assert [line.index(":") for line in lines] == [lines[0].index(":")] * 2


def test_the_pseudo_language_marks_and_lengthens_and_keeps_placeholders():
    i18n.use_language(i18n.PSEUDO)
    text = i18n._("Next reminder {when}")
    assert text.startswith(i18n.PSEUDO_OPEN) and text.endswith(i18n.PSEUDO_CLOSE)
    assert "{when}" in text
    assert len(text) >= len("Next reminder {when}") * 1.3
    assert text.format(when="x")  # still a usable pattern
    assert i18n.format_day(NOW).count(i18n.PSEUDO_OPEN) == 3  # the pattern and both names


def test_every_catalog_translates_every_text():
    """German and Spanish are complete: nothing falls back to English, no placeholder lost."""
    reports = translations.check()
    assert {r.language for r in reports} >= {"de", "es"}
    for report in reports:
        assert report.problems == [] and report.translated == report.total > 0


def test_the_template_holds_every_text_in_the_code(tmp_path: Path):
    """A wrapped text missing from kindtray.pot (fix: make translations) would stay English."""
    from babel.messages.pofile import read_po

    fresh = tmp_path / "kindtray.pot"
    translations.extract(fresh)

    def ids(path: Path) -> set[tuple[str | None, str]]:
        with path.open("rb") as file:
            return {(m.context, str(m.id)) for m in read_po(file) if m.id}

    assert ids(fresh) == ids(translations.TEMPLATE)
