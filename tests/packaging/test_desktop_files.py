"""The Linux desktop files: valid for the freedesktop tools, consistent with each other."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

import pytest

from kindtray import __version__
from tests.packaging.helpers import APP_ID, HICOLOR_PNG_SIZES, LINUX, PACKAGING, ROOT

DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
HICOLOR = LINUX / "icons" / "hicolor"
MASTER = ROOT / "resources" / "icons" / "kindtray.svg"


def need_tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        reason = f"{name} is not installed (apt-get install {package})"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; CI=true needs it")
        print(reason)
        pytest.skip(reason)
    return path


def desktop_entry() -> ConfigParser:
    parser = ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser


def test_desktop_entry_passes_desktop_file_validate():
    tool = need_tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    # It prints hints and warnings too, with exit status 0: accept none of them.
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_metainfo_passes_appstreamcli_validate():
    tool = need_tool("appstreamcli", "appstream")
    result = subprocess.run(
        [tool, "validate", "--no-net", "--no-color", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Infos such as an older appstream not knowing <developer> are fine; warnings are not.
    assert "\nW:" not in "\n" + result.stdout and "\nE:" not in "\n" + result.stdout


def test_metainfo_describes_this_release_and_launches_the_desktop_entry():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == DESKTOP.name  # type: ignore[union-attr]
    versions = [release.get("version") for release in root.iter("release")]
    assert __version__ in versions, "add a <release> entry for the new version"
    assert root.find("content_rating") is not None
    assert root.findtext("description/p")


def test_metainfo_screenshots_are_files_in_docs_screenshots():
    images = [image.text or "" for image in ET.parse(METAINFO).getroot().iter("image")]
    assert images
    names = [image.split("/main/", 1)[1] for image in images]
    missing = [name for name in names if not (ROOT / name).exists()]
    if missing:
        reason = "screenshots not on this branch yet: " + ", ".join(missing)
        print(reason)
        pytest.skip(reason)


def test_desktop_entry_names_the_app_id_icon_and_command():
    entry = desktop_entry()["Desktop Entry"]
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "kindtray"  # install.sh rewrites exactly this prefix
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_hicolor_icons_have_every_size_and_the_master_svg():
    for size in HICOLOR_PNG_SIZES:
        png = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png_size(png) == (size, size)
    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    if not MASTER.exists():
        reason = f"the SVG master {MASTER.relative_to(ROOT)} is not on this branch yet"
        print(reason)
        pytest.skip(reason)
    assert scalable.read_bytes() == MASTER.read_bytes(), (
        "the packaged icons are older than the master: run python packaging/render_icons.py"
    )


def test_windows_ico_holds_png_icons_up_to_256_px():
    data = (PACKAGING / "windows" / "kindtray.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        side, _, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.append(side or 256)
    assert {16, 32, 48, 256} <= set(sizes)


def test_macos_icns_holds_the_retina_sizes():
    data = (PACKAGING / "macos" / "kindtray.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    kinds, at = [], 8
    while at < len(data):
        kind, length = data[at : at + 4], struct.unpack(">I", data[at + 4 : at + 8])[0]
        kinds.append(kind)
        at += length
    assert at == len(data)
    assert {b"ic07", b"ic08", b"ic09", b"ic10"} <= set(kinds)


def test_autostart_entry_starts_the_frozen_program_with_the_packaged_icon(tmp_path):
    from kindtray.system.autostart import XdgAutostart, launch_command

    # In the installed bundle, sys.executable is the program itself (sys.frozen is set).
    program = "/home/a user/.local/lib/kindtray/kindtray"
    command = launch_command(argv0=program, executable=program, frozen=True)
    assert command == [program]
    entry = XdgAutostart(tmp_path, command)
    text = entry.entry_text()
    assert f"Icon={APP_ID}\n" in text
    assert f'Exec="{program}"\n' in text

    tool = need_tool("desktop-file-validate", "desktop-file-utils")
    path = tmp_path / "kindtray.desktop"
    path.write_text(text)
    result = subprocess.run([tool, str(path)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_the_app_names_this_desktop_entry_to_qt():
    # Qt passes it to notifications and window properties, so they match the menu entry.
    from kindtray.ui.notify.base import DESKTOP_ENTRY

    assert DESKTOP_ENTRY == APP_ID
    assert DESKTOP.name == f"{DESKTOP_ENTRY}.desktop"


@pytest.mark.parametrize(
    ("path", "sizes"),
    [
        (PACKAGING / "windows" / "kindtray.ico", [16, 24, 32, 48, 64, 128, 256]),
        (PACKAGING / "macos" / "kindtray.icns", [16, 32, 64, 128, 256, 512, 1024]),
    ],
    ids=["ico", "icns"],
)
def test_qt_reads_every_size_of_the_windows_and_macos_icons(qapp, path, sizes):
    # An independent reader (Qt's ico and icns plugins) agrees with our writer.
    from PySide6.QtGui import QImageReader

    reader = QImageReader(str(path))
    read = []
    for _ in range(reader.imageCount()):
        image = reader.read()
        assert not image.isNull(), reader.errorString()
        read.append(image.width())
        reader.jumpToNextImage()
    assert sorted(read) == sizes
