"""The quick path of a live command: ``kindtray status`` with as few imports as it can have.

A keyboard shortcut bound to ``kindtray pause 1h`` starts a whole process each time, and
on most systems the interpreter's own start is most of what it waits for. This module is
the command line's entry point: a live command in its usual shape (``[--config-dir DIR]
[--debug] COMMAND [ARGUMENT] [--json]``) is sent to the running kindtray from here, with only
``os``, ``sys``, ``socket`` and ``json``: no argparse, pathlib, enum, typing or re. Anything
else goes to kindtray.cli, which answers it in full: help, mistakes and their hints, the
offline commands, a command that starts kindtray, Windows (its named pipe needs Qt), and
any case this module cannot tell for sure (the platform's folders without ``--config-dir``
when no kindtray answers, a socket that looks unsafe, a lock held with the socket gone).
Translations load only when a line of ours is printed. tests/test_cli_imports.py holds this.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing's own flag, without importing typing (mypy reads the name)
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

# name: (has a --json option, starts kindtray when none runs, forwards the activation
# token). The same as session/commands.py's table, which tests/test_cli_imports.py checks.
COMMANDS: dict[str, tuple[bool, bool, bool]] = {
    "break": (False, True, True),
    "sos": (False, True, True),
    "remind": (False, True, False),
    "pause": (False, False, False),
    "resume": (False, False, False),
    "status": (True, False, False),
    "settings": (False, True, False),
    "welcome": (False, True, False),
    "quit": (False, False, False),
}
# What a pause length's unit multiplies its number by (minutes), as parse_pause reads it.
_PAUSE_UNITS = {
    "": 1,
    "m": 1,
    "min": 1,
    "minute": 1,
    "minutes": 1,
    "h": 60,
    "hour": 60,
    "hours": 60,
}
_ACTIVATION_ENV = "XDG_ACTIVATION_TOKEN"  # session/commands.py's ACTIVATION_ENV and _TOKEN
_ACTIVATION_TOKEN = "activation_token"
_SUN_PATH_MAX = 107  # as in kindtray.control
MAX_LINE = 64 * 1024  # the longest line either end reads

#: The exit status of a command whose reader went away (``kindtray phrases | head -1``), as if
#: SIGPIPE had ended it the way it ends other command-line tools.
EXIT_CLOSED_PIPE = 128 + 13
EXIT_OK, EXIT_FAILED, EXIT_NOT_RUNNING = 0, 1, 3  # kindtray.control's


def main(argv: list[str] | None = None) -> int:
    """Run kindtray with ``argv`` (default: the process arguments); return the exit status."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    status = quietly_on_a_closed_pipe(run, arguments)
    if status is not None:
        return status
    plain = plain_start(arguments)
    if plain is not None:
        from kindtray.start import start_plain

        config_dir, debug = plain
        return start_plain(config_dir, debug=debug)
    from kindtray.cli import main as full

    return full(arguments)


def quietly_on_a_closed_pipe(
    command: Callable[[list[str]], int | None], argv: list[str]
) -> int | None:
    """Call ``command(argv)``; a reader that stops reading (``| head -1``) ends it quietly."""
    try:
        status = command(argv)
        sys.stdout.flush()  # a closed pipe shows here, not at exit where it cannot be caught
    except BrokenPipeError:
        # Whatever is still buffered cannot be written; make the final flush at exit a no-op.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_CLOSED_PIPE
    return status


def plain_start(argv: list[str]) -> tuple[str | None, bool] | None:
    """``(config dir or None, --debug)`` for ``kindtray [--config-dir DIR] [--debug]``.

    The start at login: straight to the tray, without building the full parser. None for
    anything else, which kindtray.cli answers.
    """
    config_dir: str | None = None
    debug = False
    rest = list(argv)
    while rest:
        option = rest.pop(0)
        if option == "--config-dir" and rest and not rest[0].startswith("-"):
            config_dir = rest.pop(0)
        elif option == "--debug":
            debug = True
        else:
            return None
    return config_dir, debug


def parse(argv: list[str]) -> tuple[str | None, dict[str, object], bool] | None:
    """``(config dir or None, request, --json)`` for a live command in its usual shape.

    None for anything else: the full parser (kindtray.cli) answers that, errors included.
    """
    config_dir: str | None = None
    rest = list(argv)
    while rest and rest[0].startswith("-"):
        option = rest.pop(0)
        if option == "--config-dir" and rest and not rest[0].startswith("-"):
            config_dir = rest.pop(0)
        elif option != "--debug":  # --debug matters only to a starting kindtray
            return None
    if not rest or rest[0] not in COMMANDS:
        return None
    name = rest.pop(0)
    has_json, _starts, forwards = COMMANDS[name]
    request: dict[str, object] = {"command": name}
    if name == "pause":
        fields = pause_fields(rest.pop(0)) if rest else None
        if fields is None:
            return None
        request.update(fields)
    as_json = has_json and rest == ["--json"]
    if rest and not as_json:
        return None
    token = os.environ.get(_ACTIVATION_ENV)
    if forwards and token:
        # The desktop's permission to take the focus belongs to this process; the running
        # kindtray shows the window, so it needs the token.
        request[_ACTIVATION_TOKEN] = token
    return config_dir, request, as_json


def pause_fields(text: str) -> dict[str, object] | None:
    """A pause length as ``session.commands.parse_pause`` reads it, without ``re``.

    Only plain ASCII forms (``30m``, ``1h``, ``90``, ``tomorrow``); None for anything else,
    which parse_pause then accepts or explains.
    """
    text = text.strip().lower()
    if text == "tomorrow":
        return {"until": "tomorrow"}
    digits = text[: len(text) - len(text.lstrip("0123456789"))]
    unit = text[len(digits) :].lstrip(" ")
    if not 1 <= len(digits) <= 4 or unit not in _PAUSE_UNITS:
        return None
    minutes = int(digits) * _PAUSE_UNITS[unit]
    return {"minutes": minutes} if 1 <= minutes <= 24 * 60 else None


def socket_name(config_dir: str | None) -> str | None:
    """The control socket's path as kindtray.paths gives it; None where that needs more.

    With ``--config-dir`` it is exact. Without, only on Linux with a private
    ``XDG_RUNTIME_DIR``, and a path that may still differ from platformdirs' choice: the
    caller trusts it only when a kindtray answers there.
    """
    if config_dir is not None:
        base = os.path.expanduser(config_dir)
        if not os.path.isabs(base):
            base = os.path.join(os.getcwd(), base)
        # As pathlib writes it: no empty or "." parts ("..", which a link may bend, stays).
        parts = [part for part in base.split("/") if part not in ("", ".")]
        return "/" + "/".join([*parts, "run", "kindtray.sock"])
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if sys.platform != "linux" or not os.path.isabs(runtime):
        return None
    return os.path.join(runtime, "kindtray", "kindtray.sock")


def _own(path: str) -> bool:
    """Whether the socket at ``path`` (if any) and its folder are this user's and private.

    storage.files.check_own_socket's test; when it fails the full path says why.
    """
    import stat

    me = os.getuid()
    try:
        folder = os.lstat(os.path.dirname(path))
        entry = os.lstat(path)
    except FileNotFoundError:
        return True  # nothing listens there
    return (
        stat.S_ISDIR(folder.st_mode)
        and folder.st_uid == me
        and not stat.S_IMODE(folder.st_mode) & 0o022
        and entry.st_uid == me
    )


def lock_held(socket_name: str) -> bool:
    """Whether a kindtray holds the instance lock next to ``socket_name``."""
    import fcntl

    lock = os.path.splitext(socket_name)[0] + ".lock"
    try:
        fd = os.open(lock, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def ask(path: str, request: dict[str, object], timeout: float = 5.0) -> dict[str, object] | None:
    """Send ``request`` (kindtray.control's protocol); the answer, or None if none listens.

    Raises OSError (or TimeoutError) if a kindtray listens but does not answer in time, and
    ValueError if its answer is not a JSON object. No safety checks: the callers make them.
    """
    # The socket module's C core, which socket.socket subclasses: the module itself imports
    # enum and selectors (about a third of this command's own time), for a plain blocking
    # socket that needs neither.
    from _socket import AF_UNIX, SOCK_STREAM
    from _socket import socket as new_socket

    sock = new_socket(AF_UNIX, SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        try:
            sock.connect(path)
        except (FileNotFoundError, ConnectionRefusedError):
            return None
        sock.sendall(_encode(request) + b"\n")
        data = b""
        while b"\n" not in data and len(data) <= MAX_LINE:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    finally:
        sock.close()
    if not data or not isinstance(answer := _decode(data.split(b"\n", 1)[0].decode()), dict):
        from kindtray.i18n import _  # only for the error's words

        if not data:
            text = _("the running kindtray closed the connection without an answer")
            raise ConnectionError(text)
        raise ValueError(_("expected a JSON object"))
    return answer


# One protocol line through json's C speedups (CPython's, built in), as json.dumps and
# json.loads use them: the json package imports re (and re enum), another third of this
# command's own time. A request with other values than text and whole numbers goes through
# json itself.
class _Scanning:
    """What json's C scanner reads from a JSONDecoder: its defaults."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = float  # NaN, Infinity, -Infinity


def _encode(request: dict[str, object]) -> bytes:
    """``json.dumps(request, separators=(",", ":"))``, encoded."""
    from _json import encode_basestring_ascii as quoted

    if not all(
        type(value) in (str, int) and isinstance(key, str) for key, value in request.items()
    ):
        import json

        return json.dumps(request, separators=(",", ":")).encode()
    fields = (
        f"{quoted(key)}:{quoted(value) if isinstance(value, str) else value}"
        for key, value in request.items()
    )
    return ("{" + ",".join(fields) + "}").encode()


def _decode(text: str) -> object:
    """``json.loads(text)``."""
    from _json import make_scanner

    text = text.strip(" \t\r")
    try:
        # typeshed names the scanner's own class as its context; it reads only these fields.
        value, end = make_scanner(_Scanning())(text, 0)  # type: ignore[arg-type]
    except StopIteration:
        raise ValueError(f"not JSON: {text[:40]!r}") from None
    if end != len(text):
        raise ValueError(f"not JSON: extra data after {text[:end][-40:]!r}")
    return value


def run(argv: list[str]) -> int | None:
    """Answer a live command here if it can be done quickly and for sure; else None."""
    if sys.platform == "win32":
        return None
    parsed = parse(argv)
    if parsed is None:
        return None
    config_dir, request, as_json = parsed
    name = str(request["command"])
    path = socket_name(config_dir)
    if path is None or len(os.fsencode(path)) > _SUN_PATH_MAX or not _own(path):
        return None
    try:
        answer = ask(path, request)
    except (OSError, ValueError) as exc:
        _say(config_dir, "kindtray: the running kindtray did not answer: {error}", True, error=exc)
        return EXIT_FAILED
    if answer is None:
        return _not_running(config_dir, name, as_json, path) if config_dir is not None else None
    code = answer.get("exit", EXIT_FAILED)
    code = code if isinstance(code, int) else EXIT_FAILED
    message = str(answer.get("message", ""))
    if as_json and code == EXIT_OK:
        import json

        status = answer.get("status")
        print(json.dumps(status if isinstance(status, dict) else {}, indent=2))
        return code
    if name == "quit" and code == EXIT_OK:
        return _wait_until_gone(config_dir, path)
    if message:
        print(message, file=sys.stdout if code == EXIT_OK else sys.stderr)
    return code


def _not_running(config_dir: str, name: str, as_json: bool, path: str) -> int | None:
    """What a command says when nothing listens; None where kindtray.cli has more to say."""
    if COMMANDS[name][1] or lock_held(path):  # it starts kindtray; or the socket is gone
        return None
    if name == "status":
        if as_json:
            print('{"running": false}')
        else:
            _say(config_dir, "not running")
        return EXIT_NOT_RUNNING
    _say(config_dir, "kindtray is not running", stderr=name != "quit")
    return EXIT_OK if name == "quit" else EXIT_NOT_RUNNING


def english_only(environ: Mapping[str, str]) -> bool:
    """Whether the environment names no language but English.

    Then kindtray.i18n (gettext, re, the catalog's file) need not load for an English line.
    Looks at every variable i18n.system_languages may read, so it never says yes where that
    could pick another language. kindtray ships no regional English catalog (en_GB).
    """
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for code in environ.get(variable, "").split(":"):
            base = code.split(".")[0].split("@")[0].replace("-", "_")
            if base not in ("", "C", "POSIX", "en") and not base.startswith("en_"):
                return False
    return True


def settings_language(settings_file: str) -> str | None:
    """The ``language`` the settings file's ``[system]`` table names, or None.

    Read as kindtray writes the line (``language = "de"``): a TOML parser costs more to
    import than the rest of a live command (tomllib, 10 ms). A file written otherwise, or
    one that cannot be read, leaves the choice to the environment.
    """
    try:
        with open(settings_file, encoding="utf-8") as file:
            text = file.read()
    except (OSError, ValueError):
        return None
    table = ""
    for line in text.splitlines():
        words = line.strip()
        if words.startswith("["):
            table = words.split("#")[0].strip()
        elif table == "[system]" and words.replace(" ", "").startswith("language="):
            return words.partition("=")[2].split("#")[0].strip().strip("\"'")
    return None


def _say(config_dir: str | None, text: str, stderr: bool = False, **fields: object) -> None:
    """Print one line of our own in kindtray's language, as kindtray.cli does.

    The settings' language, else the environment's; English without loading the
    translations when nothing asks for another language.
    """
    if config_dir is not None:
        base = os.path.dirname(socket_name(config_dir) or "")
        settings: str | None = os.path.join(os.path.dirname(base), "settings.toml")
    else:
        settings = None
    wanted = settings_language(settings) if settings is not None else "?"
    if not (english_only(os.environ) and wanted in (None, "system", "en")):
        if settings is None:
            from kindtray.paths import default_paths

            settings = str(default_paths().settings_file)
        from kindtray.i18n import SYSTEM, _, available_languages, use_language

        wanted = settings_language(settings)
        if wanted is not None and (wanted == SYSTEM or wanted in available_languages()):
            use_language(wanted)
        text = _(text)
    print(text.format(**fields), file=sys.stderr if stderr else sys.stdout)


def _wait_until_gone(config_dir: str | None, path: str) -> int:
    # Return once it is really gone, so `kindtray quit && kindtray` starts a fresh one.
    import time

    deadline = time.monotonic() + 5.0
    while time.monotonic() < deadline:
        if not lock_held(path):
            _say(config_dir, "kindtray has quit")
            return EXIT_OK
        time.sleep(0.02)
    _say(config_dir, "kindtray: asked to quit, but it is still running", stderr=True)
    return EXIT_FAILED
