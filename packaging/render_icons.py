"""Render every packaged app icon from the one SVG master, with QtSvg on the offscreen platform.

Writes (all committed, so a build needs no rendering):
    packaging/linux/icons/hicolor/scalable/apps/<APP_ID>.svg      a copy of the master
    packaging/linux/icons/hicolor/<N>x<N>/apps/<APP_ID>.png        N = 48, 64, 128, 256
    packaging/windows/kindtray.ico                                 16 to 256 px, PNG-compressed
    packaging/macos/kindtray.icns                                  16 to 1024 px, PNG-compressed
    resources/icons/png/<icon>-<N>.png                             kindtray.assets.APP_ICON_SIZES
Run it again (python packaging/render_icons.py) whenever the master changes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MASTER = ROOT / "resources" / "icons" / "kindtray.svg"
PACKAGING = ROOT / "packaging"
HICOLOR = PACKAGING / "linux" / "icons" / "hicolor"
APP_ID = "io.github.kindtray.Kindtray"
HICOLOR_SIZES = (48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS entry types holding PNG data, by pixel size (Apple's icns format).
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}
ICNS_RETINA_512 = b"ic10"  # 1024 px, "512@2x"
ICONS = ROOT / "resources" / "icons"


def render_png(svg: Path, size: int) -> bytes:
    """The master drawn into a transparent size x size square, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding each PNG (Windows Vista and later read PNG entries)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries, payload = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        payload += data
        offset += len(data)
    return header + entries + payload


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding each PNG under its type code."""
    body = b""
    for size, kind in ICNS_TYPES.items():
        body += kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
    body += ICNS_RETINA_512 + struct.pack(">I", 8 + len(pngs[1024])) + pngs[1024]
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def render_all(master: Path) -> list[Path]:
    """Write every icon file from master; return the paths written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs it
    sizes = sorted(set(HICOLOR_SIZES + ICO_SIZES + tuple(ICNS_TYPES) + (1024,)))
    pngs = {size: render_png(master, size) for size in sizes}
    written = []
    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(master, scalable)
    written.append(scalable)
    for size in HICOLOR_SIZES:
        target = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
        written.append(target)
    ico = PACKAGING / "windows" / "kindtray.ico"
    ico.parent.mkdir(parents=True, exist_ok=True)
    ico.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    icns = PACKAGING / "macos" / "kindtray.icns"
    icns.parent.mkdir(parents=True, exist_ok=True)
    icns.write_bytes(icns_bytes(pngs))
    from kindtray.assets import APP_ICON_SIZES

    for name, icon_sizes in APP_ICON_SIZES.items():
        for size in icon_sizes:
            target = ICONS / "png" / f"{name}-{size}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(render_png(ICONS / f"{name}.svg", size))
            written.append(target)
    return [*written, ico, icns]


def main(argv: list[str] | None = None) -> int:
    """Render the icons; print each file written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--master", type=Path, default=MASTER, help="the SVG to render")
    args = parser.parse_args(argv)
    for path in render_all(args.master):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
