"""What the PyInstaller folder is made of: its size by component, as a Markdown table.

    python bench/bundle_size.py                      # dist/kindtray (make package)
    python bench/bundle_size.py dist/kindtray /tmp/floor/bare_tray   # side by side

The second folder is for the floor: the same recipe around bench/bare_tray.py
(``KINDTRAY_SPEC_FLOOR=1 pyinstaller packaging/kindtray.spec``), the smallest PySide6 tray app.
Symbolic links count as nothing: PyInstaller links some libraries to Qt's own copies.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# First match wins: (component, test on the path inside the folder).
COMPONENTS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("ICU data (libicudata, linked by QtCore)", lambda p: "libicudata" in p),
    ("ICU code (libicuuc, libicui18n)", lambda p: "libicuuc" in p or "libicui18n" in p),
    ("Qt libraries (PySide6/Qt/lib)", lambda p: "/Qt/lib/" in p),
    ("Qt plugins", lambda p: "/Qt/plugins/" in p),
    ("PySide6 and shiboken bindings", lambda p: "PySide6/" in p or "shiboken6/" in p),
    ("Python (libpython, extension modules, standard library)", lambda p: _python(p)),
    ("kindtray's resources", lambda p: "kindtray/resources" in p),
    ("other shared libraries (X11, D-Bus, fonts, glib...)", lambda p: ".so" in p),
)


def _python(path: str) -> bool:
    name = Path(path).name
    return (
        name.startswith("libpython")
        or "/lib-dynload/" in path
        or name in {"base_library.zip"}
        or "python3." in path
    )


def by_component(folder: Path) -> dict[str, int]:
    """Bytes per component; the executable (with the app's own Python code) is its own row."""
    sizes: dict[str, int] = {}
    for file in sorted(folder.rglob("*")):
        if file.is_symlink() or not file.is_file():
            continue
        relative = "/" + file.relative_to(folder).as_posix()
        if file.parent == folder:
            name = "the executable (bootloader and the compiled Python code)"
        else:
            name = next((label for label, test in COMPONENTS if test(relative)), "other files")
        sizes[name] = sizes.get(name, 0) + file.stat().st_size
    return sizes


def table(folders: list[Path]) -> str:
    """Megabytes (10^6 bytes) per component, one column per folder."""
    columns = [by_component(folder) for folder in folders]
    names = [label for label, _ in COMPONENTS]
    names += sorted({n for c in columns for n in c} - set(names))
    names_only = len({folder.name for folder in folders}) == len(folders)
    header = " | ".join(folder.name if names_only else str(folder) for folder in folders)
    lines = [f"| component | {header} |", "|---|" + "---|" * len(folders)]
    for name in names:
        if any(name in column for column in columns):
            cells = " | ".join(f"{column.get(name, 0) / 1e6:.1f}" for column in columns)
            lines.append(f"| {name} | {cells} |")
    totals = " | ".join(f"**{sum(column.values()) / 1e6:.1f}**" for column in columns)
    lines.append(f"| **total** | {totals} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folders = [Path(arg) for arg in args] or [ROOT / "dist" / "kindtray"]
    missing = [str(folder) for folder in folders if not folder.is_dir()]
    if missing:
        print(f"no such folder: {', '.join(missing)} (make package builds dist/kindtray)")
        return 2
    print(table(folders))
    return 0


if __name__ == "__main__":
    sys.exit(main())
