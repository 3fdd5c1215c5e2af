"""check-config's and the dialog's problem messages in German and Spanish.

The words are translated; the file's names for keys and its literal values are not, so the
person can still find and type them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kindtray import i18n
from kindtray.core.settings import read_document, validate_value
from tools import translations


@pytest.fixture(autouse=True)
def catalogs() -> Iterator[None]:
    translations.compile_all()
    yield
    i18n.use_language(i18n.SYSTEM)  # English again: the suite's environment says so


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            '"pink" geht hier nicht; möglich ist einer dieser Werte: "system", "light", "dark". '
            'Bis dahin gilt der Standardwert "system".',
        ),
        (
            "es",
            '"pink" no es válido aquí; puedes usar uno de estos valores: "system", "light", '
            '"dark". Mientras tanto se usa el valor predeterminado, "system".',
        ),
    ],
)
def test_a_files_problem_is_worded_in_the_language_with_its_values_kept(
    language: str, expected: str
) -> None:
    i18n.use_language(language)
    [problem] = read_document({"break": {"theme": "pink"}}).problems
    assert problem.key == "break.theme"
    assert problem.message == expected


def test_the_dialogs_inline_problem_keeps_the_time_format_literal() -> None:
    i18n.use_language("de")
    assert validate_value("reminders.active_start", "9") == (
        '"9" geht hier nicht; möglich ist eine Uhrzeit als "HH:MM" im 24-Stunden-Format, '
        'etwa "09:00" oder "21:30"'
    )
