"""The command line speaks the person's language: `schedule`, `status`, every command's help,
its usage errors and hints, `paths`, `phrases`, `check-config`, `history`, `doctor` and the
running kindtray's replies; and the pseudo-language shows that every line the commands print
went through translation."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kindtray import i18n
from kindtray.cli import build_parser, main
from kindtray.session.commands import CommandName, dispatch
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
    base = {
        "TZ": "Europe/Berlin",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        # No desktop and no session bus: `doctor` answers the same everywhere.
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(config_dir),
    }
    return subprocess.run(
        [sys.executable, "-m", "kindtray", "--config-dir", str(config_dir), *args],
        capture_output=True,
        text=True,
        env={**base, **env},
        cwd=config_dir,  # a file a command writes lands there
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
    assert unmarked(shown) == []


def test_every_status_line_went_through_translation():
    # The running kindtray's answer to `kindtray status` is this line.
    i18n.use_language(i18n.PSEUDO)
    try:
        lines = [status_line(decision, NOW) for decision in every_status(NOW)]
    finally:
        i18n.use_language(i18n.SYSTEM)
    assert unmarked("\n".join(lines)) == []


# -- the other commands, in German and Spanish ------------------------------------------------

DE = {"LANG": "de_DE.UTF-8"}
ES = {"LANG": "es_ES.UTF-8"}


def test_a_commands_help_speaks_the_language(tmp_path: Path):
    german = kindtray(tmp_path, "pause", "--help", **DE).stdout
    assert german.startswith("Aufruf: kindtray pause [-h] 30m|1h|2h|tomorrow")
    assert "Eine Weile keine Erinnerungen" in german
    assert "\nOptionen:\n" in german
    assert "diese Hilfe zeigen und beenden" in german
    assert "kindtray pause 30m        eine halbe Stunde Ruhe" in german
    spanish = kindtray(tmp_path, "history", "--help", **ES).stdout
    assert spanish.startswith("uso: kindtray history")
    assert "\nopciones:\n" in spanish
    assert "\nEjemplos:\n" in spanish
    assert "borrar todo tu historial de práctica para siempre" in spanish


def test_usage_errors_and_their_frame_speak_the_language(tmp_path: Path):
    result = kindtray(tmp_path, "history", **DE)
    assert result.returncode == 2
    assert result.stderr == (
        "kindtray history: eine dieser Angaben fehlt noch: --csv --forget "
        "(siehe: kindtray history --help)\n"
    )
    result = kindtray(tmp_path, "--config-dir", **ES)
    assert result.stderr == (
        "kindtray: argumento --config-dir: necesita un valor detrás (consulta: kindtray --help)\n"
    )
    result = kindtray(tmp_path, "stats", "--days", "0", **DE)
    assert "--days braucht 1 oder mehr, nicht 0 (siehe: kindtray stats --help)" in result.stderr


def test_a_mistyped_command_gets_its_hint_in_the_language(tmp_path: Path):
    result = kindtray(tmp_path, "schedul", **DE)
    assert (
        result.stderr == "kindtray: Einen Befehl „schedul“ gibt es nicht. Meintest du „schedule“?\n"
    )
    result = kindtray(tmp_path, "xyzzy", **ES)
    assert result.stderr == "kindtray: no hay ningún comando «xyzzy». Consulta: kindtray --help\n"


def test_paths_label_the_files_in_the_language(tmp_path: Path):
    german = kindtray(tmp_path, "paths", **DE).stdout.splitlines()
    assert german[0] == f"Einstellungen: {tmp_path / 'settings.toml'}"
    assert german[1] == f"Sätze:         {tmp_path / 'phrases.toml'}"
    spanish = kindtray(tmp_path, "paths", **ES).stdout.splitlines()
    assert spanish[3].startswith("historial: ")


def test_phrases_speak_the_language(tmp_path: Path):
    german = kindtray(tmp_path, "phrases", **DE).stdout.splitlines()
    assert german[0] == f"deine Sätze: {tmp_path / 'phrases.toml'} (noch nicht vorhanden)"
    (tmp_path / "phrases.toml").write_text('[warmth]\nmine = "Hello, me."\n')
    spanish = kindtray(tmp_path, "phrases", **ES).stdout
    assert spanish.startswith(f"tus frases: {tmp_path / 'phrases.toml'}\n")
    assert "(de ellas, 1 tuya)" in spanish
    (tmp_path / "phrases.toml").write_text('[warmth]\nmine = "Hello, me."\nbad = 3\n')
    german = kindtray(tmp_path, "phrases", **DE).stdout.splitlines()
    # The file, its table and key, and the value stay as they are written there.
    assert german[-1] == (
        f"{tmp_path / 'phrases.toml'}, Zeile 3: [warmth] bad: 3 ist kein Text; setze die Worte "
        "in Anführungszeichen. Übersprungen"
    )


def test_check_config_says_what_is_wrong_in_the_language(tmp_path: Path):
    settings = tmp_path / "settings.toml"
    assert kindtray(tmp_path, "check-config", **ES).stdout == (
        f"{settings}: todavía no hay archivo de ajustes; se usan los valores predeterminados.\n"
    )
    settings.write_text("[reminders]\ninterval_minutes = 3\n")
    german = kindtray(tmp_path, "check-config", **DE)
    assert german.returncode == 1
    # The file, the key and the values stay as they are written in the file.
    assert german.stdout.startswith(f"{settings}: reminders.interval_minutes: 3 geht hier nicht")
    assert german.stdout.endswith("Bis dahin gilt der Standardwert 90.\n")
    spanish = kindtray(tmp_path, "check-config", **ES).stdout
    assert "3 no es válido aquí; puedes usar" in spanish
    assert "Mientras tanto se usa el valor predeterminado, 90." in spanish


def test_history_speaks_the_language(tmp_path: Path):
    result = kindtray(tmp_path, "history", "--forget", "--yes", **DE)
    assert result.stdout == "Es gibt keinen Übungsverlauf, der gelöscht werden könnte.\n"
    result = kindtray(tmp_path, "history", "--csv", str(tmp_path / "out.csv"), **ES)
    assert result.stdout == f"Se guardaron 0 entradas en {tmp_path / 'out.csv'}.\n"


class Terminal:
    """Stdin as if a person were typing ``answer`` at a terminal."""

    def __init__(self, answer: str) -> None:
        self.answer = answer

    def isatty(self) -> bool:
        return True

    def readline(self) -> str:
        return self.answer


@pytest.mark.parametrize(
    ("language", "asked", "answer", "kept"),
    [
        ("de", "Löschen? [j/N] ", "n\n", "Es wurde nichts gelöscht."),
        ("es", "¿Borrarlo? [s/N] ", "\n", "No se ha borrado nada."),
    ],
)
def test_forget_asks_in_the_language(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    asked: str,
    answer: str,
    kept: str,
):
    from kindtray.core.clock import SystemClock
    from kindtray.paths import default_paths
    from kindtray.storage.history import History

    with History(default_paths(tmp_path).history_file, SystemClock()):
        pass  # an empty history is there to be forgotten
    monkeypatch.setattr("sys.stdin", Terminal(answer))
    capsys.readouterr()
    i18n.use_language(language)
    try:
        assert main(["--config-dir", str(tmp_path), "history", "--forget"]) == 0
    finally:
        i18n.use_language(i18n.SYSTEM)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(("Damit wird dein ganzer Übungsverlauf (0 Einträge)", "Esto borra"))
    assert lines[1] == asked + kept


@pytest.mark.parametrize(
    ("language", "answer", "said"),
    [
        ("de", "ja\n", "Dein Übungsverlauf ist gelöscht."),
        ("de", "J\n", "Dein Übungsverlauf ist gelöscht."),
        ("de", "yes\n", "Dein Übungsverlauf ist gelöscht."),
        ("es", "sí\n", "Tu historial de práctica está borrado."),
        ("es", "no\n", "No se ha borrado nada."),
    ],
)
def test_forget_understands_yes_in_the_language(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    answer: str,
    said: str,
):
    from kindtray.core.clock import SystemClock
    from kindtray.paths import default_paths
    from kindtray.storage.history import History

    history_file = default_paths(tmp_path).history_file
    with History(history_file, SystemClock()):
        pass
    monkeypatch.setattr("sys.stdin", Terminal(answer))
    i18n.use_language(language)
    try:
        assert main(["--config-dir", str(tmp_path), "history", "--forget"]) == 0
    finally:
        i18n.use_language(i18n.SYSTEM)
    assert said in capsys.readouterr().out


def test_doctor_speaks_the_language_and_its_json_stays_english(tmp_path: Path):
    german = kindtray(tmp_path, "doctor", **DE).stdout.splitlines()
    assert german[0].startswith("kindtray kann dich hier nicht erinnern: Es gibt keine Anzeige")
    labels = [line.split()[0] for line in german[2:] if line and not line.startswith(" ")]
    assert labels[:3] == ["Anzeige", "Infobereich", "Benachrichtigungen"]
    spanish = kindtray(tmp_path, "doctor", **ES).stdout
    assert spanish.startswith("kindtray no puede avisarte aquí: no hay pantalla")
    assert "\nRutas " in spanish
    report = json.loads(kindtray(tmp_path, "doctor", "--json", **DE).stdout)
    assert report["reason"].startswith("kindtray cannot remind you here")
    assert report["sleep_signal"]["detail"].startswith("no system bus")


def test_status_not_running_follows_the_language_setting(tmp_path: Path):
    (tmp_path / "settings.toml").write_text('[system]\nlanguage = "es"\n')
    assert kindtray(tmp_path, "status", **DE).stdout == "kindtray no está en marcha\n"
    result = kindtray(tmp_path, "pause", "1h", **DE)
    assert (result.returncode, result.stderr) == (3, "kindtray no está en marcha\n")
    # A value the setting does not allow leaves the choice to the environment.
    (tmp_path / "settings.toml").write_text('[system]\nlanguage = "xx"\n')
    assert kindtray(tmp_path, "status", **DE).stdout == "kindtray läuft gerade nicht\n"
    # Only [system]'s language counts; a comment after it is no part of it.
    (tmp_path / "settings.toml").write_text(
        '[break]\nlanguage = "de"\n[system] # mine\n language="es"  # Spanish\n'
    )
    assert kindtray(tmp_path, "status", **DE).stdout == "kindtray no está en marcha\n"


class Flow:
    """The running kindtray's side, as far as the replies need it."""

    def __getattr__(self, name: str) -> object:
        return lambda *args, **kwargs: "freedesktop" if name == "remind" else None

    def status_line(self) -> str:
        return "status"

    def status(self) -> dict[str, object]:
        return {}


@pytest.mark.parametrize(
    ("language", "command", "reply"),
    [
        ("de", CommandName.BREAK, "Eine Pause öffnet sich"),
        ("es", CommandName.SETTINGS, "Abriendo los ajustes"),
        ("de", CommandName.REMIND, "Erinnerung gezeigt (freedesktop)"),
        ("es", CommandName.QUIT, "kindtray se está cerrando"),
    ],
)
def test_the_running_kindtray_replies_in_its_language(
    language: str, command: CommandName, reply: str
):
    i18n.use_language(language)
    try:
        answer = dispatch(Flow(), {"command": command.value})  # type: ignore[arg-type]
    finally:
        i18n.use_language(i18n.SYSTEM)
    assert answer.message == reply


# -- every command under the pseudo-language --------------------------------------------------


def command_names() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


# What stands outside the marks on purpose, and only this: what a person types (the program,
# its commands, options and placeholders, the command lines of the examples), and quoted
# values they typed, and paths. Numbers and names of things are exempted per command below.
_TYPED = re.compile(
    r"kindtray(?: [^\s⟦⟧]+)*"  # a command line, up to its explanation
    r"|(?<![\w-])-{1,2}[a-z][a-z-]*"  # an option
    r"|\b[A-Z][A-Z-]*\b"  # a placeholder: COMMAND, DIR, N, FILE, ISO-DATETIME
    r"|30m\|1h\|2h\|tomorrow"  # the pause's placeholder: what to type
    r"|'[^']*'"  # a value as typed
    r"|(?<![\w.])(?:~|/)[^\s⟦⟧]*"  # a path
    r"|[\[\]{}|]"
    r"|\b(?:" + "|".join(re.escape(name) for name in command_names()) + r")\b"
)


def unmarked_but(text: str, *exempt: str) -> list[str]:
    """``unmarked``, with what a person types and the ``exempt`` values taken out first.

    A marked text may be wrapped over several lines (help): the marks are taken out of the
    whole text, not line by line.
    """
    while _MARKED.search(text):
        text = _MARKED.sub(lambda found: "\n" * found.group().count("\n") + " ", text)
    text = _TYPED.sub(" ", text)
    for value in sorted(exempt, key=len, reverse=True):  # whole values, not within words
        text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ", text)
    return unmarked(text)


HELP = [("--help",), *((name, "--help") for name in command_names())]
ERRORS = [
    ("schedul",),  # the nearest command
    ("xyzzy",),  # no command near it
    ("--config-dir",),  # argparse: a value missing
    ("schedule", "--days", "1", "--x"),  # argparse: an option not known
    ("history",),  # argparse: one of two needed
    ("stats", "--all", "--days", "3"),  # argparse: two that do not go together
    ("stats", "--days", "0"),
    ("stats", "--days", "some"),
    ("history", "--yes", "--csv", "x.csv"),
    ("pause", "forever"),
    ("pause",),  # argparse: an argument missing
]
NOT_RUNNING = [("pause", "1h"), ("resume",), ("quit",)]  # status: see above
OFFLINE = [
    ("paths",),
    ("check-config",),
    ("phrases",),
    ("history", "--forget"),
    ("history", "--forget", "--yes"),
    ("history", "--csv", "out.csv"),
]


@pytest.mark.parametrize("args", HELP + ERRORS + NOT_RUNNING + OFFLINE, ids=" ".join)
def test_every_command_prints_only_translated_text(tmp_path: Path, args: tuple[str, ...]):
    from kindtray.storage.phrase_store import load_library

    result = kindtray(tmp_path, *args, **PSEUDO)
    shown = result.stdout + result.stderr
    assert i18n.PSEUDO_OPEN in shown
    groups = load_library(None)[0].counts()  # the phrase groups: the file's own table names
    assert unmarked_but(shown, *args, *groups) == [], shown


def test_check_config_and_phrases_with_problems_print_only_translated_text(tmp_path: Path):
    (tmp_path / "settings.toml").write_text(
        'schema = 9\nreminders = 3\n[break]\nfoo = 1\n[system]\nlanguage = "xx"\n'
    )
    result = kindtray(tmp_path, "check-config", **PSEUDO)
    assert result.returncode == 1
    # The values named are as the file has them; what is allowed is settings' own text.
    keys = ["schema", "reminders", "break.foo", "system.language"]
    assert unmarked_but(result.stdout, *keys, '"xx"', '"system"', '"en"') == [], result.stdout


def test_doctor_prints_only_translated_text(tmp_path: Path):
    report = json.loads(kindtray(tmp_path, "doctor", "--json").stdout)
    result = kindtray(tmp_path, "doctor", **PSEUDO)
    # Exempt: what the desktop and its parts call themselves (routes, sources, services,
    # Qt's platform, versions), what they answered (their problems are their own words), paths,
    # the paths' --json keys, and the marks "->" (the route chosen) and "ok" (a source works).
    notes = report["notifications"]
    values = [
        *report["paths"].values(),
        *report["paths"],
        report["display"]["qt_platform"],
        notes["service"]["name"],
        notes["service"]["error"] or "",
        *(route["name"] for route in notes["routes"]),
        *(route["problem"] or "" for route in notes["routes"]),
        *(item["name"] for item in report["presence"]),
        *(item["why_not"] or "" for item in report["presence"]),
        report["autostart"]["entry"] or "",
        *report["sound"]["detail"].split("(looked for ")[-1].split(",")[0:1],
        "pw-play",
        "paplay",
        "aplay",
        *(f"{name} {version}" for name, version in report["versions"].items() if name != "os"),
        "Python " + report["versions"]["python"],
        "Qt " + report["versions"]["qt"],
        "PySide6 " + report["versions"]["pyside6"],
        *report["versions"]["os"].split(),
        "->",
        "ok ",
    ]
    assert unmarked_but(result.stdout, *(v for v in values if v)) == [], result.stdout


def test_a_command_that_prints_no_words_loads_no_catalog(tmp_path: Path):
    # The help and the errors are translated when shown; building the parser translates
    # nothing, so `schedule --json` (a list of times) never reads a catalog.
    code = (
        "import sys; from kindtray import cli, i18n; "
        f"status = cli.main(['--config-dir', {str(tmp_path)!r}, 'schedule', '--json']); "
        "sys.exit(status or (i18n._State.language is not None) * 5)"
    )
    env = {"PATH": os.environ.get("PATH", ""), "LANG": "de_DE.UTF-8"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("[")


def test_phrases_with_problems_print_only_translated_text(tmp_path: Path):
    (tmp_path / "phrases.toml").write_text(
        '[warmth]\nmine = "Hello, me."\nbad = 3\nempty = ""\ntwin = "Hello, me."\n'
        'kind = "You are doing your best."\n[nogroup]\nx = "y"\n[hidden]\nfoo = 1\n'
    )
    result = kindtray(tmp_path, "phrases", **PSEUDO)
    assert result.returncode == 1
    from kindtray.core.phrases import GROUPS

    # Exempt: the file's own words (tables, keys, values, the phrase groups' names).
    written = ["warmth", "bad", "empty", "twin", "kind", "mine", "nogroup", "hidden", "foo", "ids"]
    shown = result.stdout.replace('"calm-lake", "my-own"', "")
    assert unmarked_but(shown, *written, *GROUPS) == [], result.stdout
