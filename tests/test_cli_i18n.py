"""`kindtray schedule` and `kindtray status` speak the environment's language, and the
pseudo-language shows that every line they print went through translation."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kindtray import i18n
from kindtray.session.wording import status_line
from tests.test_i18n import NOW, every_status
from tools import translations

MONDAY_8 = "2026-11-30T08:00:00+01:00"


@pytest.fixture(scope="module", autouse=True)
def catalogs() -> None:
    translations.compile_all()


def config(tmp_path: Path, active_end: str = "17:00") -> Path:
    """Reminders every half hour from 09:30 to ``active_end``, the same on every run."""
    (tmp_path / "state").mkdir(exist_ok=True)
    (tmp_path / "state" / "state.toml").write_text("schema = 1\nseed = 4242\n")
    (tmp_path / "settings.toml").write_text(
        "[reminders]\ninterval_minutes = 30\nrandomness_percent = 0\n"
        f'active_start = "09:00"\nactive_end = "{active_end}"\n'
    )
    return tmp_path


def kindtray(config_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {"TZ": "Europe/Berlin", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    return subprocess.run(
        [sys.executable, "-m", "kindtray", "--config-dir", str(config_dir), *args],
        capture_output=True,
        text=True,
        env={**base, **env},
        timeout=60,
    )


def schedule(config_dir: Path, *args: str, **env: str) -> list[str]:
    result = kindtray(config_dir, "schedule", "--from", MONDAY_8, *args, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_schedule_speaks_german_and_spanish(tmp_path: Path):
    german = schedule(config(tmp_path), LANG="de_DE.UTF-8")
    assert german[0] == "Kommende Erinnerungen (15 am nächsten Tag):"
    assert german[1].startswith("  Mo., 30. Nov.   09:30  10:00  10:30")
    spanish = schedule(config(tmp_path), "--days", "2", LANG="es_ES.UTF-8")
    assert spanish[0] == "Próximos recordatorios (30 en los próximos 2 días):"
    assert spanish[1].startswith("  lun 30 nov   09:30  10:00  10:30")


def test_an_unknown_language_falls_back_to_english(tmp_path: Path):
    assert schedule(config(tmp_path), LANG="fr_FR.UTF-8")[0] == (
        "Upcoming reminders (15 in the next day):"
    )
    assert schedule(config(tmp_path), LANGUAGE="fr:it", LANG="fr_FR.UTF-8")[1].startswith(
        "  Mon 30 Nov"
    )


def test_the_language_setting_comes_before_the_environment(tmp_path: Path):
    folder = config(tmp_path)
    with (folder / "settings.toml").open("a") as file:
        file.write('[system]\nlanguage = "es"\n')
    assert schedule(folder, LANG="de_DE.UTF-8")[0].startswith("Próximos recordatorios")


@pytest.mark.parametrize(
    ("end", "german", "spanish"),
    [
        ("10:00", "Kommende Erinnerung (1 am", "Próximo recordatorio (1 en"),
        ("10:30", "Kommende Erinnerungen (2 am", "Próximos recordatorios (2 en"),
    ],
)
def test_one_and_two_reminders_take_their_plural(
    tmp_path: Path, end: str, german: str, spanish: str
):
    folder = config(tmp_path, active_end=end)
    assert schedule(folder, LANG="de_DE.UTF-8")[0].startswith(german)
    assert schedule(folder, LANG="es_ES.UTF-8")[0].startswith(spanish)


def test_schedules_errors_speak_the_language_too(tmp_path: Path):
    result = kindtray(tmp_path, "schedule", "--days", "many", LANG="de_DE.UTF-8")
    assert result.returncode == 2
    assert "--days braucht eine ganze Zahl, nicht 'many'" in result.stderr
    result = kindtray(tmp_path, "schedule", "--from", "soon", LANG="es_ES.UTF-8")
    assert "--from necesita una fecha y una hora" in result.stderr


def test_status_says_not_running_in_the_language(tmp_path: Path):
    result = kindtray(tmp_path, "status", LANG="de_DE.UTF-8", XDG_RUNTIME_DIR=str(tmp_path))
    assert result.stdout.strip() == "kindtray läuft gerade nicht"
    result = kindtray(tmp_path, "status", LANG="es_ES.UTF-8", XDG_RUNTIME_DIR=str(tmp_path))
    assert result.stdout.strip() == "kindtray no está en marcha"


# -- the pseudo-language: anything printed that is not marked never went through translation --

_MARKED = re.compile(re.escape(i18n.PSEUDO_OPEN) + r"[^⟦⟧]*" + re.escape(i18n.PSEUDO_CLOSE))
# What may stand outside the marks: numbers (counts, days of the month) and their punctuation.
_DATA = re.compile(r"[\s\d.,:;()'\-]*")


def unmarked(text: str) -> list[str]:
    """The visible lines of ``text`` with words that did not go through translation."""
    found = []
    for line in text.splitlines():
        rest = line
        while _MARKED.search(rest):  # marks nest: take the innermost first
            rest = _MARKED.sub(" ", rest)
        if not _DATA.fullmatch(rest):
            found.append(line)
    return found


def test_the_check_finds_an_unmarked_word():
    assert unmarked("⟦Ñéxt···⟧ 14:32\n  ⟦⟦Móñ⟧ 07⟧") == []
    assert unmarked("⟦Ñéxt···⟧ at 14:32") == ["⟦Ñéxt···⟧ at 14:32"]
    assert unmarked("not running") == ["not running"]


PSEUDO = {"LANGUAGE": i18n.PSEUDO, "LANG": "en_US.UTF-8"}


@pytest.mark.parametrize(
    "args",
    [
        ("schedule", "--from", MONDAY_8),
        ("schedule", "--from", MONDAY_8, "--days", "3"),
        ("schedule", "--days", "400"),
        ("schedule", "--from", "soon"),
        ("status",),
    ],
)
def test_every_line_of_schedule_and_status_went_through_translation(
    tmp_path: Path, args: tuple[str, ...]
):
    result = kindtray(config(tmp_path), *args, **PSEUDO, XDG_RUNTIME_DIR=str(tmp_path))
    shown = result.stdout + result.stderr
    assert i18n.PSEUDO_OPEN in shown
    if result.returncode == 2:
        # The frame of a usage error ("kindtray schedule: argument --days: ... (see: kindtray
        # schedule --help)") is argparse's and the parser's, not translated yet: the message
        # inside it is checked.
        shown = shown.split(": ", 2)[-1].rsplit(" (see: ", 1)[0]
    assert unmarked(shown) == []


def test_every_status_line_went_through_translation():
    # The running kindtray's answer to `kindtray status` is this line.
    i18n.use_language(i18n.PSEUDO)
    try:
        lines = [status_line(decision, NOW) for decision in every_status(NOW)]
    finally:
        i18n.use_language(i18n.SYSTEM)
    assert unmarked("\n".join(lines)) == []
