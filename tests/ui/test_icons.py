"""The app's icons: PNG drawn from the SVG masters, so the tray starts without QtSvg."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from kindtray.assets import APP_ICON_SIZES, icon_files, resource_root
from kindtray.ui.tray import icon_resource

RENDER_ICONS = Path(__file__).resolve().parents[2] / "packaging" / "render_icons.py"
ICONS = [(name, size, path) for name in APP_ICON_SIZES for size, path in icon_files(name)]


def drawn_from_master(name: str, size: int) -> QImage:
    # packaging/render_icons.py draws the PNGs; loaded by path ("packaging" is also PyPI's).
    spec = importlib.util.spec_from_file_location("render_icons", RENDER_ICONS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return QImage.fromData(module.render_png(resource_root() / "icons" / f"{name}.svg", size))


def largest_difference(a: QImage, b: QImage) -> int:
    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            one, two = QColor(a.pixel(x, y)), QColor(b.pixel(x, y))
            worst = max(
                worst,
                abs(one.red() - two.red()),
                abs(one.green() - two.green()),
                abs(one.blue() - two.blue()),
                abs(one.alpha() - two.alpha()),
            )
    return worst


@pytest.mark.parametrize(("name", "size", "path"), ICONS, ids=[p.name for _n, _s, p in ICONS])
def test_each_png_is_its_svg_master_at_that_size(
    qapp: QApplication, name: str, size: int, path: object
) -> None:
    image = QImage(str(path))
    assert image.size() == QSize(size, size), f"{path}: run python packaging/render_icons.py"
    # A small tolerance for the renderer's antialiasing; a changed master differs by far more.
    assert largest_difference(image, drawn_from_master(name, size)) <= 8, (
        f"{path} is older than resources/icons/{name}.svg: run python packaging/render_icons.py"
    )


@pytest.mark.parametrize("name", list(APP_ICON_SIZES))
def test_an_icon_offers_every_size_a_panel_asks_for(qapp: QApplication, name: str) -> None:
    icon = icon_resource(name)
    assert {s.width() for s in icon.availableSizes()} == set(APP_ICON_SIZES[name])
    for side in (16, 22, 24, 32, 44, 48):  # 44: a 22 px panel at 200 %
        pixmap = icon.pixmap(side, side)
        assert not pixmap.isNull()
        assert pixmap.width() == side  # the nearest size, scaled: never a blank or a crop
