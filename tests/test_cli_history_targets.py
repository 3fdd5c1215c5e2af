"""Where ``kindtray history --csv`` writes: "-" is standard output, and nothing is replaced that
is not a regular file (as root, an export to /dev/null once replaced the device)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kindtray.cli import main
from kindtray.storage.history import CSV_COLUMNS

HEADER = ",".join(CSV_COLUMNS)


def test_a_dash_means_standard_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config-dir", str(tmp_path), "history", "--csv", "-"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [HEADER]
    assert "standard output" in err
    assert not Path("-").exists() and not (tmp_path / "-").exists()


def test_a_missing_folder_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no-such-folder" / "breaks.csv"
    assert main(["--config-dir", str(tmp_path), "history", "--csv", str(target)]) == 1
    assert f"the folder {target.parent} does not exist" in capsys.readouterr().err
    assert not target.parent.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symlinks as POSIX has them")
@pytest.mark.parametrize("kind", ["fifo", "symlink", "dangling symlink", "folder"])
def test_what_is_not_a_regular_file_is_never_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    target = tmp_path / "out.csv"
    precious = tmp_path / "precious.txt"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        precious.write_text("keep me\n")
        target.symlink_to(precious)
    elif kind == "dangling symlink":
        target.symlink_to(precious)
    else:
        target.mkdir()
    assert main(["--config-dir", str(tmp_path), "history", "--csv", str(target)]) == 1
    assert "only replaces regular files" in capsys.readouterr().err
    assert target.is_symlink() or target.is_fifo() or target.is_dir()
    assert not precious.exists() or precious.read_text() == "keep me\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full to fill a disk")
def test_a_full_disk_says_so(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "kindtray", "--config-dir", str(tmp_path), "history"]
            + ["--csv", "-"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert "the disk is full" in done.stderr
    assert "Traceback" not in done.stderr
