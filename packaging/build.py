"""Build the stand-alone kindtray folder and its Linux archive (run by `make package`).

Produces, relative to the repository:
    dist/kindtray/                                   the PyInstaller onedir bundle
    dist/kindtray-<version>-linux-x86_64.tar.gz      the bundle, desktop files, icons,
                                                     install.sh and uninstall.sh
PyInstaller's work files stay in build/pyinstaller, so a second build reuses the analysis.
Needs the `package` extra (pip install -e '.[package]'); only for Linux x86_64 archives.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
APP_ID = "io.github.kindtray.Kindtray"


def version() -> str:
    """The version from src/kindtray/__init__.py."""
    text = (ROOT / "src" / "kindtray" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    assert found, "no __version__ in src/kindtray/__init__.py"
    return found.group(1)


def archive_name() -> str:
    """The archive's folder name (the file adds .tar.gz)."""
    return f"kindtray-{version()}-linux-x86_64"


def run_pyinstaller(dist: Path, work: Path) -> None:
    """Build dist/kindtray from packaging/kindtray.spec."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        sys.exit("PyInstaller is not installed: pip install -e '.[package]' (make package does)")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(PACKAGING / "kindtray.spec"),
        ],
        check=True,
        cwd=ROOT,
    )


def archive_members() -> list[tuple[Path, str]]:
    """The files that go into the archive beside the bundle: (source, path in archive)."""
    members = [
        (LINUX / "install.sh", "install.sh"),
        (LINUX / "uninstall.sh", "uninstall.sh"),
        (LINUX / f"{APP_ID}.desktop", f"share/applications/{APP_ID}.desktop"),
        (LINUX / f"{APP_ID}.metainfo.xml", f"share/metainfo/{APP_ID}.metainfo.xml"),
    ]
    icons = LINUX / "icons"
    for icon in sorted(icons.rglob("*")):
        if icon.is_file():
            members.append((icon, f"share/icons/{icon.relative_to(icons).as_posix()}"))
    return members


def make_archive(bundle: Path, target: Path) -> Path:
    """Write target (a .tar.gz) with the bundle under kindtray/ and the desktop files."""
    top = target.name.removesuffix(".tar.gz")
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        # Symlinks inside the bundle stay symlinks (PyInstaller links libraries to Qt's).
        tar.add(bundle, arcname=f"{top}/kindtray")
        for source, name in archive_members():
            tar.add(source, arcname=f"{top}/{name}")
    return target


def size_of(path: Path) -> int:
    """Bytes used by the files under path (symlinks count as themselves)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if not p.is_dir())


def main(argv: list[str] | None = None) -> int:
    """Build the bundle and the archive; print their sizes and the time taken."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output directory")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller cache"
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    run_pyinstaller(args.dist, args.work)
    built = time.monotonic()
    bundle = args.dist / "kindtray"
    target = make_archive(bundle, args.dist / f"{archive_name()}.tar.gz")
    done = time.monotonic()
    mib = 1024 * 1024
    print(f"bundle:  {bundle}  {size_of(bundle) / mib:.1f} MiB  (built in {built - started:.1f} s)")
    print(f"archive: {target}  {size_of(target) / mib:.1f} MiB  (packed in {done - built:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
