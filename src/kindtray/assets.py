"""Where kindtray's resources (phrases, icons, sounds) are: one function, every install form.

Owns the lookup of files under the repository's top-level ``resources/`` directory, wherever
kindtray runs from:

- a wheel: hatch copies ``resources/`` into the package as ``kindtray/resources``;
- the PyInstaller build: the spec puts it at ``kindtray/resources`` next to the package too;
- an editable install (``pip install -e .``, make's .venv) and the tests: the package is
  ``src/kindtray`` in the checkout, so the files are at the repository's top.

It must not read the files or import Qt: callers decide what a resource means.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# Installed (wheel, bundle) first; the checkout's top-level directory second.
_ROOTS = (_PACKAGE / "resources", _PACKAGE.parent.parent / "resources")


def resource_root() -> Path:
    """Return the directory that holds kindtray's resources in this install."""
    for root in _ROOTS:
        if root.is_dir():
            return root
    raise FileNotFoundError(
        f"kindtray's resources are missing (looked in {', '.join(map(str, _ROOTS))})"
    )


def find_resource(*parts: str) -> Path:
    """Return the path of the resource ``parts`` (e.g. ``"icons", "kindtray.svg"``).

    Raises FileNotFoundError when the file is not there, naming the path it looked for.
    """
    path = resource_root().joinpath(*parts)
    if not path.is_file():
        raise FileNotFoundError(f"kindtray resource not found: {path}")
    return path


#: The running app's icons, drawn from their SVG masters (resources/icons/*.svg) as PNG at the
#: sizes panels and title bars ask for, by packaging/render_icons.py. An SVG icon would load
#: QtSvg and its icon engine with the tray, about 2 MiB, for pictures that never change.
APP_ICON_SIZES: dict[str, tuple[int, ...]] = {
    "kindtray-tray": (16, 22, 24, 32, 48, 64),
    "kindtray-tray-paused": (16, 22, 24, 32, 48, 64),
    "kindtray": (16, 24, 32, 48, 64, 96, 128, 256),  # 96: the About heart at 200 %
}


def icon_files(name: str) -> list[tuple[int, Path]]:
    """``(size, path)`` of each PNG of the app icon ``name`` (a key of APP_ICON_SIZES)."""
    folder = resource_root() / "icons" / "png"
    return [(size, folder / f"{name}-{size}.png") for size in APP_ICON_SIZES[name]]
