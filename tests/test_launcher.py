"""`make install-launcher`: one link to .venv/bin/kindtray in ~/.local/bin, and nothing else."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
VENV_KINDTRAY = (ROOT / ".venv" / "bin" / "kindtray").absolute()

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _make(target: str, home: Path) -> subprocess.CompletedProcess[str]:
    # -o: never (re)install .venv from a test; the link may point at a file not there yet.
    env = {**os.environ, "HOME": str(home), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", target, f"HOME={home}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _everything_under(home: Path) -> set[str]:
    return {str(p.relative_to(home)) for p in home.rglob("*")}


def test_install_launcher_writes_one_link_and_nothing_else(tmp_path: Path) -> None:
    result = _make("install-launcher", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    link = tmp_path / ".local" / "bin" / "kindtray"
    assert link.is_symlink()
    assert Path(os.readlink(link)) == VENV_KINDTRAY
    assert _everything_under(tmp_path) == {".local", ".local/bin", ".local/bin/kindtray"}
    assert "not on your PATH" in result.stdout
    # A second run is fine and changes nothing.
    assert _make("install-launcher", tmp_path).returncode == 0
    assert Path(os.readlink(link)) == VENV_KINDTRAY


def test_a_kindtray_that_is_not_ours_is_left_alone(tmp_path: Path) -> None:
    bin_dir = tmp_path / ".local" / "bin"
    bin_dir.mkdir(parents=True)
    theirs = bin_dir / "kindtray"
    theirs.symlink_to(tmp_path / "lib" / "kindtray" / "kindtray")  # as install.sh links it
    result = _make("install-launcher", tmp_path)
    assert result.returncode != 0
    assert "left alone" in result.stdout
    assert os.readlink(theirs) == str(tmp_path / "lib" / "kindtray" / "kindtray")
    assert _make("uninstall-launcher", tmp_path).returncode == 0
    assert theirs.is_symlink(), "uninstall-launcher removed a link it did not make"


def test_uninstall_launcher_removes_only_the_link(tmp_path: Path) -> None:
    assert _make("install-launcher", tmp_path).returncode == 0
    result = _make("uninstall-launcher", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _everything_under(tmp_path) == {".local", ".local/bin"}
