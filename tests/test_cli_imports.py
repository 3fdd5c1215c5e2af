"""What a short command loads: ``kindtray status`` must stay a small Python script.

A keyboard shortcut starts a whole process each time; these tests hold the import structure
that keeps it quick (bench/cli_latency.py measures the time; no test here times anything).
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kindtray import cli_live
from kindtray.cli import build_parser, parse_live
from kindtray.paths import default_paths
from kindtray.session.commands import COMMANDS, parse_pause

# Loaded by no live command: Qt, the history commands' module, dataclasses (which imports
# inspect, ast, dis and tokenize), tempfile (random, shutil) and the schedule's wording.
NOT_ON_THE_LIVE_PATH = (
    "PySide6",
    "kindtray.cli_history",
    "dataclasses",
    "inspect",
    "tempfile",
    "kindtray.session.wording",
)


# Not `break`: with nothing running, it starts the tray (its imports until then are these).
@pytest.mark.parametrize("command", [["status"], ["pause", "30m"], ["resume"], ["quit"]])
def test_a_live_command_imports_no_qt_history_or_dataclasses(
    tmp_path: Path, command: list[str]
) -> None:
    # Nothing runs here, so each command ends with "not running" after the same imports.
    code = (
        "import sys\n"
        "from kindtray.cli import main\n"
        f"main(['--config-dir', {str(tmp_path)!r}, *{command!r}])\n"
        f"print(sorted({{m.split('.')[0] if m.startswith('PySide6') else m "
        f"for m in sys.modules}} & set({NOT_ON_THE_LIVE_PATH!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stdout.splitlines()[-1] == "[]", result.stderr


def test_a_live_command_does_not_build_the_whole_parser(tmp_path: Path) -> None:
    # Building it asks gettext for every string of twenty subparsers and sizes the terminal
    # (shutil): a third of the command's own time.
    code = (
        "import sys, argparse\n"
        "built = []\n"
        "init = argparse.ArgumentParser.__init__\n"
        "def counting(self, *a, **k):\n"
        "    built.append(1)\n"
        "    init(self, *a, **k)\n"
        "argparse.ArgumentParser.__init__ = counting\n"
        "from kindtray.cli import main\n"
        f"main(['--config-dir', {str(tmp_path)!r}, 'status', '--json'])\n"
        "print(len(built))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stdout.splitlines()[-1] == "0", result.stderr


LIVE_SHAPES = [
    ["status"],
    ["status", "--json"],
    ["--debug", "status"],
    ["--config-dir", "/somewhere", "pause", "1h"],
    ["--config-dir", "/somewhere", "--debug", "pause", "tomorrow"],
    ["pause", "90"],
    ["resume"],
    ["break"],
    ["remind"],
    ["settings"],
    ["welcome"],
    ["quit"],
]


@pytest.mark.parametrize("argv", LIVE_SHAPES)
def test_the_quick_parse_gives_what_the_full_parser_gives(argv: list[str]) -> None:
    quick = parse_live(argv)
    assert quick is not None
    assert vars(quick) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["status", "--help"],
        ["-h"],
        ["pause"],
        ["pause", "soon"],
        ["pause", "1h", "2h"],
        ["--config", "/somewhere", "status"],  # an abbreviation: argparse's to accept
        ["--config-dir=/somewhere", "status"],
        ["statsu"],
        ["stats"],
        ["schedule"],
        ["quit", "--json"],
    ],
)
def test_anything_else_is_left_to_the_full_parser(argv: list[str]) -> None:
    assert parse_live(argv) is None


def test_the_history_commands_still_have_their_options() -> None:
    args = build_parser(["stats", "--json"]).parse_args(["stats", "--json"])
    assert args.json is True
    assert callable(args.handler)


# What the quick path (kindtray.cli_live, the entry point) leaves out when a kindtray answers:
# the full parser and the app's modules, pathlib (urllib.parse, ipaddress), typing, the
# translations (gettext), and the json and socket packages (re, enum, selectors): their C
# cores do the work. ``status --json`` prints through json, so it has those four.
PRINTING_JSON = ("json", "re", "enum", "selectors")
NOT_ON_THE_QUICK_PATH = (
    *PRINTING_JSON,
    "socket",
    "argparse",
    "pathlib",
    "typing",
    "gettext",
    "dataclasses",
    "kindtray.cli",
    "kindtray.control",
    "kindtray.paths",
    "kindtray.session",
    "kindtray.i18n",
    "PySide6",
)


def _loaded_by(config_dir: Path, command: list[str]) -> tuple[str, list[str]]:
    """Run ``kindtray --config-dir DIR COMMAND`` from the entry point: (its output, which of
    NOT_ON_THE_QUICK_PATH it loaded)."""
    code = (
        "import sys\n"
        "from kindtray.cli_live import main\n"
        f"status = main(['--config-dir', {str(config_dir)!r}, *{command!r}])\n"
        f"print(status, sorted({{m.split('.')[0] if m.startswith('PySide6') else m "
        f"for m in sys.modules}} & set({NOT_ON_THE_QUICK_PATH!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    *said, last = result.stdout.splitlines() or [result.stderr]
    return "\n".join(said), [last, result.stderr]


@pytest.fixture
def answering(tmp_path: Path) -> Iterator[list[dict[str, object]]]:
    """A stand-in for the running kindtray: answers every request; the requests it got."""
    path = default_paths(tmp_path).socket_name
    Path(path).parent.mkdir(mode=0o700, parents=True)
    server = socket.socket(socket.AF_UNIX)
    server.bind(path)
    server.listen()
    requests: list[dict[str, object]] = []

    def serve() -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            with client:
                requests.append(json.loads(client.recv(4096).split(b"\n")[0]))
                reply = {"exit": 0, "message": "Paused until 15:00", "status": {"paused": True}}
                client.sendall(json.dumps(reply).encode() + b"\n")

    threading.Thread(target=serve, daemon=True).start()
    yield requests
    server.close()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows' named pipe goes the full path")
@pytest.mark.parametrize(
    "command", [["status"], ["status", "--json"], ["pause", "30m"], ["break"], ["resume"]]
)
def test_a_live_command_sent_to_a_running_kindtray_loads_only_the_quick_path(
    tmp_path: Path, answering: list[dict[str, object]], command: list[str]
) -> None:
    said, (loaded, errors) = _loaded_by(tmp_path, command)
    if command == ["status", "--json"]:
        assert loaded == "0 ['enum', 'json', 're']", errors
    else:
        assert loaded == "0 []", errors
    assert answering[0]["command"] == command[0]
    if command == ["status", "--json"]:
        assert json.loads(said) == {"paused": True}
    else:
        assert said == "Paused until 15:00"


@pytest.mark.skipif(sys.platform == "win32", reason="Windows' named pipe goes the full path")
@pytest.mark.parametrize(
    ("command", "status", "printed"),
    [
        (["status", "--json"], 3, '{"running": false}'),
        (["status"], 3, "not running"),  # English (tests/conftest.py): no catalog to read
        (["quit"], 0, "kindtray is not running"),
        (["pause", "1h"], 3, ""),  # said on stderr
    ],
)
def test_not_running_is_told_without_the_full_parser_or_translations(
    tmp_path: Path, command: list[str], status: int, printed: str
) -> None:
    said, (loaded, errors) = _loaded_by(tmp_path, command)
    assert loaded == f"{status} []", errors
    assert said == printed


def test_the_quick_table_is_the_command_table() -> None:
    assert {
        name.value: (c.json_help is not None, c.starts_kindtray, c.forwards_activation)
        for name, c in COMMANDS.items()
    } == cli_live.COMMANDS
    # pause is the one command with an argument, and the quick path reads it (pause_fields).
    assert [c.name.value for c in COMMANDS.values() if c.argument is not None] == ["pause"]


@pytest.mark.parametrize(
    "text",
    [
        "30m",
        "1h",
        "2h",
        "90",
        "90 min",
        "5 minutes",
        "1 hour",
        "24h",
        "1440",
        "Tomorrow",
        " 45m ",
        "0m",
        "25h",
        "1441",
        "soon",
        "-5m",
        "1d",
        "",
        "12345",
        "3hours",
        "1 h",
    ],
)
def test_the_quick_pause_reads_what_parse_pause_reads(text: str) -> None:
    quick = cli_live.pause_fields(text)
    try:
        full: dict[str, object] | None = parse_pause(text)
    except argparse.ArgumentTypeError:
        full = None
    assert quick == full


@pytest.mark.parametrize(
    "config_dir", ["/tmp/k", "/tmp//k/./x/", "relative/dir", ".", "", "~/kt", "/a/../b"]
)
def test_the_quick_socket_path_is_the_paths_one(config_dir: str) -> None:
    assert cli_live.socket_name(config_dir) == default_paths(Path(config_dir)).socket_name


@pytest.mark.skipif(sys.platform != "linux", reason="the quick path guesses only on Linux")
def test_without_a_config_dir_the_quick_socket_path_is_the_platforms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert cli_live.socket_name(None) == default_paths().socket_name
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    assert cli_live.socket_name(None) is None  # then the full path decides


ENVIRONMENTS = [
    {},
    {"LANG": "C"},
    {"LANG": "C.UTF-8", "LANGUAGE": "de"},  # a plain locale: gettext ignores LANGUAGE
    {"LANGUAGE": "en"},
    {"LANG": "en_US.UTF-8"},
    {"LC_ALL": "en_GB.UTF-8", "LANGUAGE": "en_GB:en"},
    {"LANG": "de_DE.UTF-8"},
    {"LANG": "en_US.UTF-8", "LANGUAGE": "es:en"},
    {"LC_MESSAGES": "es_ES"},
    {"LANGUAGE": "x-pseudo"},
]


@pytest.mark.parametrize("environ", ENVIRONMENTS)
def test_english_only_never_hides_another_language(environ: dict[str, str]) -> None:
    from kindtray import i18n

    picked = i18n.pick_language(i18n.system_languages(environ), i18n.available_languages())
    assert not cli_live.english_only(environ) or picked == "en"


def test_there_is_no_regional_english_catalog_the_quick_path_would_miss() -> None:
    folder = Path(__file__).parents[1] / "resources" / "translations"
    assert not list(folder.glob("en*.po"))


@pytest.mark.parametrize(
    "request_",
    [
        {"command": "pause", "minutes": 30},
        {"command": "break", "activation_token": 'a"b\\c\n\u00e9\U0001f33f'},
        {"command": "x", "flag": True, "list": [1, 2.5, None]},  # not text: through json
    ],
)
def test_the_quick_request_is_what_json_writes(request_: dict[str, object]) -> None:
    assert cli_live._encode(request_) == json.dumps(request_, separators=(",", ":")).encode()


@pytest.mark.parametrize(
    "line",
    [
        '{"exit":0,"message":"Pausiert bis 15:00 \u00e9 \\"x\\"","status":{"a":[1,2.5,null,true]}}',
        '  {"exit": 1, "message": "\u00fc\ud83c\udf3f"}  ',
        '{"n": NaN, "i": -Infinity, "big": 12345678901234567890}',
        "[1, 2]",
        '"text"',
    ],
)
def test_the_quick_reply_reading_is_what_json_reads(line: str) -> None:
    quick, full = cli_live._decode(line), json.loads(line)
    assert repr(quick) == repr(full)  # (NaN is not equal to itself)


@pytest.mark.parametrize("line", ["", "{", '{"exit": 0} x', "nope", '{"a": }'])
def test_a_broken_reply_is_a_value_error_as_with_json(line: str) -> None:
    with pytest.raises(ValueError):
        json.loads(line)
    with pytest.raises(ValueError):
        cli_live._decode(line)


@pytest.mark.skipif(sys.platform == "win32", reason="Windows' named pipe goes the full path")
def test_the_quick_path_speaks_the_settings_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kindtray import i18n

    (tmp_path / "settings.toml").write_text('schema = 1\n[system]\nlanguage = "de"\n')
    try:
        assert cli_live.run(["--config-dir", str(tmp_path), "status"]) == 3
        assert cli_live.run(["--config-dir", str(tmp_path), "resume"]) == 3
    finally:
        i18n.use_language(i18n.SYSTEM)
    said = capsys.readouterr()
    assert said.out == "kindtray läuft gerade nicht\n"
    assert said.err.strip() == i18n_text("de", "kindtray is not running")


def i18n_text(language: str, message: str) -> str:
    from kindtray import i18n

    i18n.use_language(language)
    try:
        return i18n._(message)
    finally:
        i18n.use_language(i18n.SYSTEM)
