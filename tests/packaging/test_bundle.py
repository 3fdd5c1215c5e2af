"""The PyInstaller build: it is made from the spec, runs, and is a complete kindtray on a desktop.

One build per test session (the ``bundle`` fixture runs packaging/build.py, as `make package`
does; PyInstaller's cache in build/pyinstaller makes later builds quicker). Without
PyInstaller the tests are skipped with the reason, except under CI=true, where the fixture
installs the `package` extra. The desktop part reuses tests/desktop's real desktop (Xvfb, a
private session bus, trayer, dunst) and runs the built binary instead of the installed script:
that is what proves the spec's exclusions safe (Qt finds its platform, SVG and input plugins;
kindtray finds its resources).
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.packaging.helpers import (
    APP_ID,
    ROOT,
    load_build_script,
    load_packaging_module,
    skip_or_fail,
)
from tests.packaging.test_install import Home

pytestmark = pytest.mark.packaging

OUT = ROOT / "build" / "test-bundle"


def ensure_pyinstaller() -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        if os.environ.get("CI") != "true":
            skip_or_fail("PyInstaller is not installed (make package installs it)")
        # CI runs `make test`, which installs only the dev extra; the build needs `package`.
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[package]"],
            check=True,
        )


@pytest.fixture(scope="session")
def build() -> dict[str, Any]:
    """Build dist/kindtray and the archive once per session, into build/test-bundle."""
    ensure_pyinstaller()
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(OUT / "dist")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    seconds = time.monotonic() - started
    print(f"\nbundle built in {seconds:.1f} s\n{result.stdout}")
    archive = OUT / "dist" / f"{load_build_script().archive_name()}.tar.gz"
    return {"bundle": OUT / "dist" / "kindtray", "archive": archive, "seconds": seconds}


@pytest.fixture(scope="session")
def program(build: dict[str, Any]) -> Path:
    path: Path = build["bundle"] / "kindtray"
    return path


def run(program: Path, *args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run(
        [str(program), *args], capture_output=True, text=True, timeout=30, env=env, **kwargs
    )


def test_built_program_reports_its_version(program):
    from kindtray import __version__

    result = run(program, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"kindtray {__version__}"


def test_built_program_reads_its_bundled_phrases(program, tmp_path):
    # `kindtray phrases` loads the shipped library through kindtray.assets.find_resource.
    result = run(program, "--config-dir", str(tmp_path), "phrases")
    assert result.returncode == 0, result.stdout + result.stderr
    counts = [int(line.split()[1]) for line in result.stdout.splitlines()[1:] if line.strip()]
    assert counts and all(count > 0 for count in counts)
    # The compiled catalogs are found and read: the schedule speaks the environment's language.
    german = subprocess.run(
        [str(program), "--config-dir", str(tmp_path), "schedule"],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "LANG": "de_DE.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""},
    )
    assert german.returncode == 0 and "Erinnerung" in german.stdout, german.stdout + german.stderr


def test_bundle_leaves_out_what_kindtray_never_loads(build):
    internal = build["bundle"] / "_internal"
    files = {p.relative_to(internal).as_posix() for p in internal.rglob("*")}
    plugins = "PySide6/Qt/plugins/"
    assert f"{plugins}platforms/libqxcb.so" in files
    assert f"{plugins}imageformats/libqsvg.so" in files
    # GNOME's title bars for kindtray's windows on Wayland (kindtray.ui.decoration asks for it).
    assert f"{plugins}wayland-decoration-client/libadwaita.so" in files
    unwanted = [
        name
        for name in files
        # Qt translations, but Qt's own words in the languages kindtray speaks (its buttons)
        if (name.endswith(".qm") and not name.endswith(("/qtbase_de.qm", "/qtbase_es.qm")))
        or "libqgtk3" in name
        or "libgtk-3" in name
        or "/tls/" in name
        or "egldeviceintegrations" in name
        or "xcbglintegrations" in name
        or "libqjpeg" in name
        or "libQt6Qml" in name
        or "libQt6Quick" in name
        or "libQt6Pdf" in name
        or name.startswith(("tkinter", "unittest"))
        or "_tkinter" in name
        or "libssl" in name
    ]
    assert unwanted == []
    for language in ("de", "es"):
        assert f"PySide6/Qt/translations/qtbase_{language}.qm" in files
        # kindtray's own catalog, compiled from its .po source by the spec.
        assert f"kindtray/resources/translations/{language}.mo" in files
    # Every resource is in the bundle, next to the package, where find_resource looks first.
    resources = ROOT / "resources"
    for path in resources.rglob("*"):
        if path.is_file():
            assert f"kindtray/resources/{path.relative_to(resources).as_posix()}" in files


def test_bundle_runs_our_runtime_hook_instead_of_pyinstallers_qt_and_inspect_ones(program):
    # The scripts the bootloader runs before kindtray's __main__ (typecode "s" in the archive
    # inside the executable). PyInstaller's PySide6 hook imported QtCore before any of kindtray
    # ran and its inspect hook imported inspect and zipfile: time at every start, for nothing
    # kindtray uses (packaging/kindtray.spec says why).
    from PyInstaller.archive.readers import CArchiveReader

    scripts = [name for name, entry in CArchiveReader(str(program)).toc.items() if entry[4] == "s"]
    assert "pyi_rth_kindtray_qt" in scripts
    assert not {"pyi_rth_pyside6", "pyi_rth_inspect"} & set(scripts), scripts
    assert scripts[-1] == "__main__"


def test_a_short_command_through_the_bundle_loads_no_qt(program, tmp_path):
    # The dynamic loader lists every library it loads (LD_DEBUG=files, on stderr): `kindtray
    # status` must get by without Qt, as it does from the wheel.
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")},
        "LD_DEBUG": "files",
    }
    result = subprocess.run(
        [str(program), "--config-dir", str(tmp_path), "status"],
        capture_output=True,
        text=True,
        timeout=30,
        env=env,
    )
    loaded = re.findall(r"file=(\S+)", result.stderr)
    assert any("libpython" in name for name in loaded), result.stderr[-2000:]
    assert [name for name in loaded if "Qt" in name or "shiboken" in name] == []
    assert (result.returncode, result.stdout.strip()) == (3, "not running"), result.stderr[-2000:]


def bundled_icu_data(build: dict[str, Any]) -> Path:
    bundle: Path = build["bundle"]
    (library,) = (bundle / "_internal" / "PySide6" / "Qt" / "lib").glob("libicudata.so.*")
    return library


def test_bundle_ships_the_cut_down_icu_data(build, tmp_path):
    icu = load_packaging_module("icu_data")
    if icu.missing_tools():
        skip_or_fail(
            "the build shipped the full ICU data: missing " + ", ".join(icu.missing_tools())
        )
    library = bundled_icu_data(build)
    assert library.stat().st_size < 8_000_000  # the wheel's is 32 MB
    package, symbol = icu.extract_package(library, tmp_path)
    assert re.fullmatch(r"icudt\d+_dat", symbol)
    items = set(icu.list_items(package))
    assert {"coll/de.res", "coll/es.res", "zone/de.res", "zone/es.res", "cnvalias.icu"} <= items
    assert not {"brkitr/cjdict.dict", "unames.icu", "zone/fr.res"} & items


# Qt's ICU-backed calls, run by this environment's PySide6 bindings on the bundle's own QtCore
# and ICU libraries (preloaded: the bindings' RPATH would pick the wheel's). The bundled program
# runs no script, and no kindtray command is sure to reach these calls.
ICU_SCRIPT = """
import json
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone

def compare(locale, a, b):
    return QCollator(QLocale(locale)).compare(a, b)

zone = QTimeZone(b"Europe/Berlin")
standard, long_name = QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName
print(json.dumps({
    "mapped": sorted({line.split()[-1] for line in open("/proc/self/maps")
                      if "libicudata" in line or "libQt6Core" in line}),
    "de: ä before z": compare("de", "ä", "z") < 0,
    "sv: ä after z": compare("sv", "ä", "z") > 0,
    "es: n, ñ, o": compare("es", "n", "ñ") < 0 < compare("es", "o", "ñ"),
    "upper": [QLocale("de").toUpper("straße"), QLocale("tr").toUpper("i")],
    "zone": [zone.displayName(standard, long_name, QLocale(language)) for language in ("de", "es")],
    "codecs": {name: QStringDecoder(name).isValid()
               for name in ("windows-1252", "ISO-8859-2", "KOI8-R", "Shift_JIS", "GBK", "IBM037")},
}))
"""


def test_qt_icu_calls_work_on_the_bundled_libraries(build):
    missing = load_packaging_module("icu_data").missing_tools()
    if missing:
        skip_or_fail("the build shipped the full ICU data: missing " + ", ".join(missing))
    lib = bundled_icu_data(build).parent
    env = {
        **os.environ,
        "LD_PRELOAD": str(lib / "libQt6Core.so.6"),
        "LD_LIBRARY_PATH": str(lib),
        "LANG": "C.UTF-8",
        "LC_ALL": "",
    }
    result = subprocess.run(
        [sys.executable, "-c", ICU_SCRIPT], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found.pop("mapped") == [
        str(lib / "libQt6Core.so.6"),
        str(lib / bundled_icu_data(build).name),
    ]
    assert found == {
        "de: ä before z": True,
        "sv: ä after z": True,  # collation is kept for every language (the file dialog's order)
        "es: n, ñ, o": True,
        "upper": ["STRASSE", "İ"],
        "zone": ["Mitteleuropäische Normalzeit", "hora estándar de Europa central"],
        # The web's legacy encodings are kept; EBCDIC is not.
        "codecs": {
            "windows-1252": True,
            "ISO-8859-2": True,
            "KOI8-R": True,
            "Shift_JIS": True,
            "GBK": True,
            "IBM037": False,
        },
    }


# The ICU functions Qt calls (collation, case mapping, codecs, time-zone names): the kinds of
# data packaging/icu-data.rules keeps. A call outside these (a break iterator, a date or
# number formatter) would read data the rules drop.
ICU_CALLS_KEPT_DATA_SERVES = re.compile(
    r"(ucol_(open|close|strcoll|getSortKey|setAttribute)|u_strTo(Upper|Lower)"
    r"|ucal_(open|close|getCanonicalTimeZoneID|getTimeZoneDisplayName)"
    r"|ucnv_\w+|UCNV_\w+)_\d+"
)


def test_no_bundled_library_calls_icu_beyond_what_the_kept_data_serves(build):
    internal = build["bundle"] / "_internal"
    # ICU's C names end in its major version, as the library's soname does: ucol_open_73.
    major = bundled_icu_data(build).name.rsplit(".", 1)[1]
    calls: dict[str, set[str]] = {}
    for library in internal.rglob("*.so*"):
        if library.is_symlink() or library.name.startswith("libicu"):
            continue
        out = subprocess.run(
            ["nm", "-D", "--undefined-only", str(library)], capture_output=True, text=True
        ).stdout
        for symbol in re.findall(rf"\b([A-Za-z]\w*_{major})$", out, re.MULTILINE):
            calls.setdefault(symbol, set()).add(library.name)
    assert f"ucol_open_{major}" in calls
    beyond = {s: sorted(n) for s, n in calls.items() if not ICU_CALLS_KEPT_DATA_SERVES.fullmatch(s)}
    assert beyond == {}


def test_archive_installs_a_working_program_and_uninstalls_cleanly(build, tmp_path):
    with tarfile.open(build["archive"]) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    (top,) = (tmp_path / "unpacked").iterdir()
    assert top.name == build["archive"].name.removesuffix(".tar.gz")
    home = Home(tmp_path)
    home.run(top / "install.sh")

    # The link in ~/.local/bin starts the program (PyInstaller finds _internal through it).
    result = run(home.home / ".local" / "bin" / "kindtray", "--version")
    assert result.returncode == 0 and result.stdout.startswith("kindtray "), result.stderr
    assert (home.data / "applications" / f"{APP_ID}.desktop").exists()

    home.run(home.lib / "uninstall.sh")
    assert not home.lib.exists()
    assert not (home.home / ".local").exists()


# -- on a real desktop --------------------------------------------------------------------


def desktop_stack() -> tuple[Any, Any, tuple[str, ...]]:
    """tests/desktop's Desktop, wait_until and TOOLS, or a skip/failure naming what is missing."""
    try:
        stack = importlib.import_module("tests.desktop.conftest")
    except ImportError:
        skip_or_fail(
            "tests/desktop/conftest.py (the desktop stack from the tray work) is not on this "
            "branch yet"
        )
    return stack.Desktop, stack.wait_until, stack.TOOLS


@pytest.fixture
def bundle_desktop(program: Path) -> Iterator[Any]:
    """A real desktop whose `kindtray` is the built program."""
    desktop_class, _, tools = desktop_stack()
    # ImageMagick's import looks at the icon's pixels.
    missing = [tool for tool in (*tools, "import") if shutil.which(tool) is None]
    if missing:
        skip_or_fail("desktop stack not installed: missing " + ", ".join(missing))

    class BundleDesktop(desktop_class):  # type: ignore[misc,valid-type]
        def kindtray_args(self, *args: str) -> list[str]:
            return [str(program), "--config-dir", str(self.config), *args]

    desktop = BundleDesktop()
    try:
        yield desktop
    finally:
        desktop.stop()


def test_built_program_on_a_desktop_tray_reminder_break_quit(bundle_desktop):
    _, wait_until, _ = desktop_stack()
    desktop = bundle_desktop
    desktop.start()
    app = desktop.start_app()

    def embedded_icon() -> str | None:
        for window in desktop.windows_of(app.pid):
            if any('"trayer"' in line for line in desktop.ancestors(window)):
                return str(window)
        return None

    icon = wait_until(embedded_icon, 15, "the built kindtray's icon inside trayer's panel")
    assert max(desktop.size(icon)) <= 48

    # The icon is drawn from the bundled PNGs: without them it would be blank.
    def colors_in_icon() -> int:
        shot = desktop.run(["import", "-window", icon, "-format", "%k", "info:"], check=False)
        return int(shot.stdout.strip() or 0)

    wait_until(lambda: colors_in_icon() > 4, 10, "the tray icon drawn from its PNGs")

    # A reminder reaches the notification daemon, under the app id of the desktop entry.
    assert desktop.kindtray("remind").returncode == 0
    printed = wait_until(
        lambda: "appname: 'kindtray'" in desktop.dunst_printed() and desktop.dunst_printed(),
        10,
        "the reminder at dunst",
    )
    assert f"desktop_entry: '{APP_ID}'" in printed

    # A break opens a window of the running process.
    before = set(desktop.windows_of(app.pid))
    result = desktop.kindtray("break")
    assert result.returncode == 0, result.stderr
    window = wait_until(
        lambda: [w for w in desktop.windows_of(app.pid) if w not in before], 10, "a break window"
    )
    assert max(desktop.size(window[0])) >= 200

    assert desktop.kindtray("quit").returncode == 0
    assert app.wait(timeout=5) == 0
    # Nothing the bundle was missing showed up in the log.
    log = desktop.log()
    assert "Traceback" not in log and "ModuleNotFoundError" not in log, log


@pytest.mark.parametrize(
    ("lang", "title"), [("de_DE.UTF-8", "Einstellungen"), ("es_ES.UTF-8", "Ajustes")]
)
def test_built_program_speaks_german_and_spanish_on_a_desktop(bundle_desktop, lang, title):
    _, wait_until, _ = desktop_stack()
    desktop = bundle_desktop
    desktop.start()
    desktop.env.update(LANG=lang, LANGUAGE="", LC_ALL="", LC_MESSAGES="")
    app = desktop.start_app()

    def titles() -> list[str]:
        return [
            desktop.run(["xdotool", "getwindowname", window], check=False).stdout.strip()
            for window in desktop.windows_of(app.pid)
        ]

    # The settings window: Qt's own words from qtbase_<lang>.qm, time fields in the locale.
    assert desktop.kindtray("settings").returncode == 0
    wait_until(lambda: title in titles(), 10, f"the settings window titled {title!r}")
    before = set(desktop.windows_of(app.pid))
    assert desktop.kindtray("break").returncode == 0
    wait_until(
        lambda: [w for w in desktop.windows_of(app.pid) if w not in before], 10, "a break window"
    )
    assert desktop.kindtray("quit").returncode == 0
    assert app.wait(timeout=5) == 0
    log = desktop.log()
    assert "Traceback" not in log and "ModuleNotFoundError" not in log, log


def test_no_kindtray_module_needs_an_excluded_module(build):
    # PyInstaller lists every import of an excluded module it saw, lazy ones included, and
    # marks those inside try/except ImportError "optional" (like the chime's QtMultimedia,
    # which PySide6-Essentials does not have anyway).
    warnings = ROOT / "build" / "pyinstaller" / "kindtray" / "warn-kindtray.txt"
    lines = warnings.read_text(encoding="utf-8").splitlines()
    excluded = [line for line in lines if line.startswith("excluded module named")]
    assert excluded, "PyInstaller's warnings file changed its format"
    needed = []
    for line in excluded:
        importers = re.findall(r"(kindtray[\w.]*) \(([^)]*)\)", line.split(" - imported by ")[1])
        needed += [f"{line.split()[3]} by {who}" for who, how in importers if "optional" not in how]
    assert sorted(set(needed) - WINDOWS_ONLY) == []


# Left out of the bundle outside Windows, and imported only on Windows (its named pipe), where
# the spec keeps it; tests/ui/test_startup_cost.py checks that the tray never loads it here.
WINDOWS_ONLY = {
    "PySide6.QtNetwork by kindtray.control",
    "PySide6.QtNetwork by kindtray.ui.single_instance",
}


def test_a_program_the_bundle_starts_gets_its_own_library_path(bundle_desktop, tmp_path):
    # pactl (asked by the microphone check) stands for every program kindtray starts: the
    # chime's player, the file manager. It must not inherit the bundle's LD_LIBRARY_PATH or
    # Qt's plugin path, or it would load the bundle's libraries instead of its own.
    _, wait_until, _ = desktop_stack()
    desktop = bundle_desktop
    desktop.start()
    seen = tmp_path / "pactl-env.json"
    fake = tmp_path / "bin" / "pactl"
    fake.parent.mkdir()
    fake.write_text(
        f"#!{sys.executable}\n"
        "import json, os\n"
        f"open({str(seen)!r}, 'w').write(json.dumps(dict(os.environ)))\n"
        "print('[]')\n"
    )
    fake.chmod(0o755)
    desktop.env.update(PATH=f"{fake.parent}:{desktop.env['PATH']}", LD_LIBRARY_PATH="/opt/mine")
    desktop.config.mkdir(parents=True, exist_ok=True)
    (desktop.config / "settings.toml").write_text(
        "schema = 1\n[waiting]\nwhen_mic_or_camera = true\n"
    )
    app = desktop.start_app()
    wait_until(seen.exists, 15, "the microphone check to run pactl")
    environment = json.loads(seen.read_text())
    assert environment.get("LD_LIBRARY_PATH") == "/opt/mine"  # the user's own, as it was
    assert "QT_PLUGIN_PATH" not in environment
    assert "QML2_IMPORT_PATH" not in environment
    assert desktop.kindtray("quit").returncode == 0
    assert app.wait(timeout=5) == 0
