"""install.sh and uninstall.sh from the archive: where each file goes, and that all go again.

These run the real scripts (with /bin/sh) from an unpacked-archive layout made from the
repository's packaging/ files and a stand-in program folder, in a temporary HOME. The real
PyInstaller folder is installed too by test_bundle.py (marker ``packaging``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.helpers import APP_ID, HICOLOR_PNG_SIZES, load_build_script, snapshot

STAND_IN = """#!/bin/sh
# stands in for the PyInstaller program in these tests
[ "${1:-}" = quit ] && exit 3
echo "kindtray (stand-in) $*"
"""


def unpack_layout(target: Path, bundle: Path | None = None) -> Path:
    """The unpacked archive as build.py lays it out, with ``bundle`` or a stand-in program."""
    build = load_build_script()
    top: Path = target / build.archive_name()
    for source, name in build.archive_members():
        (top / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, top / name)
    if bundle is not None:
        shutil.copytree(bundle, top / "kindtray", symlinks=True)
    else:
        program = top / "kindtray" / "kindtray"
        (top / "kindtray" / "_internal").mkdir(parents=True)
        (top / "kindtray" / "_internal" / "libstandin.so").write_text("not a library")
        program.write_text(STAND_IN)
        program.chmod(0o755)
    return top


class Home:
    """A temporary HOME with its own PATH, for running the scripts."""

    def __init__(self, base: Path, data_home: Path | None = None) -> None:
        self.home = base / "home"
        self.home.mkdir()
        self.tools = base / "tools"
        self.tools.mkdir()
        self.data = data_home or self.home / ".local" / "share"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
        self.env["HOME"] = str(self.home)
        # A stand-in icon-cache tool (GTK's is not installed everywhere): it writes the cache
        # file the real one would, so the scripts' cache handling is exercised.
        fake = self.tools / "gtk-update-icon-cache"
        fake.write_text('#!/bin/sh\nfor last; do :; done\n: > "$last/icon-theme.cache"\n')
        fake.chmod(0o755)
        self.env["PATH"] = f"{self.tools}:{os.environ['PATH']}"
        if data_home is not None:
            self.env["XDG_DATA_HOME"] = str(data_home)

    def run(self, script: Path, *args: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            ["sh", str(script), *args], env=self.env, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    @property
    def lib(self) -> Path:
        return self.home / ".local" / "lib" / "kindtray"


def expected_files(home: Home) -> list[Path]:
    icons = home.data / "icons" / "hicolor"
    return [
        home.lib / "kindtray",
        home.lib / "_internal",
        home.lib / "uninstall.sh",
        home.data / "applications" / f"{APP_ID}.desktop",
        home.data / "metainfo" / f"{APP_ID}.metainfo.xml",
        icons / "scalable" / "apps" / f"{APP_ID}.svg",
        *(icons / f"{n}x{n}" / "apps" / f"{APP_ID}.png" for n in HICOLOR_PNG_SIZES),
    ]


@pytest.mark.parametrize("custom_data_home", [False, True], ids=["default", "XDG_DATA_HOME"])
def test_install_puts_every_file_where_the_specs_say(tmp_path, custom_data_home):
    home = Home(tmp_path, tmp_path / "elsewhere" / "data" if custom_data_home else None)
    layout = unpack_layout(tmp_path / "unpacked")

    out = home.run(layout / "install.sh").stdout

    for path in expected_files(home):
        assert path.exists(), f"{path} was not installed"
    link = home.home / ".local" / "bin" / "kindtray"
    assert link.is_symlink() and link.resolve() == (home.lib / "kindtray").resolve()
    assert os.access(home.lib / "kindtray", os.X_OK)
    # The menu entry starts the installed program by its full path.
    entry = (home.data / "applications" / f"{APP_ID}.desktop").read_text()
    assert f'Exec="{home.lib}/kindtray"\n' in entry
    assert f'Exec="{home.lib}/kindtray" break\n' in entry
    assert f"TryExec={home.lib}/kindtray\n" in entry
    if custom_data_home:
        assert not (home.home / ".local" / "share").exists()
    assert "uninstall.sh" in out


def test_installed_desktop_entry_still_validates(tmp_path):
    if shutil.which("desktop-file-validate") is None:
        reason = "desktop-file-validate is not installed (apt-get install desktop-file-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        print(reason)
        pytest.skip(reason)
    home = Home(tmp_path)
    home.run(unpack_layout(tmp_path / "unpacked") / "install.sh")
    entry = home.data / "applications" / f"{APP_ID}.desktop"
    result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def populate_with_other_things(home: Home) -> None:
    """Files another app or the user owns, in the same places kindtray installs to."""
    for path, text in [
        (home.data / "applications" / "other.desktop", "[Desktop Entry]\n"),
        (home.data / "icons" / "hicolor" / "48x48" / "apps" / "other.png", "png"),
        (home.home / ".local" / "bin" / "other-tool", "#!/bin/sh\n"),
        (home.home / ".local" / "lib" / "other" / "lib.so", "x"),
        (home.home / ".config" / "kindtray" / "settings.toml", "[reminders]\n"),
    ]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.mark.parametrize("other_things", [False, True], ids=["empty-home", "busy-home"])
def test_uninstall_removes_exactly_what_install_added(tmp_path, other_things):
    home = Home(tmp_path)
    if other_things:
        populate_with_other_things(home)
        # An icon cache that was there before is refreshed, not deleted.
        (home.data / "icons" / "hicolor" / "icon-theme.cache").write_text("old cache")
    layout = unpack_layout(tmp_path / "unpacked")
    before = snapshot(home.home)

    home.run(layout / "install.sh")
    assert snapshot(home.home) != before
    out = home.run(home.lib / "uninstall.sh").stdout

    after = snapshot(home.home)
    if other_things:
        cache = ".local/share/icons/hicolor/icon-theme.cache"
        assert cache in after, "a cache that existed before was deleted"
        after[cache] = before[cache]
    assert after == before
    assert "removed" in out


def test_installing_again_upgrades_without_leftovers(tmp_path):
    home = Home(tmp_path)
    populate_with_other_things(home)
    before = snapshot(home.home)
    old = unpack_layout(tmp_path / "old")
    (old / "kindtray" / "_internal" / "only-in-the-old-version.so").write_text("x")
    home.run(old / "install.sh")

    home.run(unpack_layout(tmp_path / "new") / "install.sh")
    assert not (home.lib / "_internal" / "only-in-the-old-version.so").exists()
    home.run(home.lib / "uninstall.sh")

    assert snapshot(home.home) == before


def test_a_kindtray_in_bin_that_is_not_ours_is_left_alone(tmp_path):
    home = Home(tmp_path)
    theirs = home.home / ".local" / "bin" / "kindtray"
    theirs.parent.mkdir(parents=True)
    theirs.write_text("#!/bin/sh\n# a pip-installed kindtray\n")

    result = home.run(unpack_layout(tmp_path / "unpacked") / "install.sh")
    assert "not ours" in result.stderr
    home.run(home.lib / "uninstall.sh")

    assert theirs.read_text() == "#!/bin/sh\n# a pip-installed kindtray\n"


def test_uninstall_without_an_install_says_so(tmp_path):
    home = Home(tmp_path)
    result = subprocess.run(
        ["sh", str(unpack_layout(tmp_path / "unpacked") / "uninstall.sh")],
        env=home.env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "not installed" in result.stderr
