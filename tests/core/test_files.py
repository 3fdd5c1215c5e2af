import stat
from pathlib import Path

from kindtray.core.files import atomic_write, ensure_private_dir


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_folder_kindtray_creates_is_private(tmp_path: Path) -> None:
    (tmp_path / "existing").mkdir(mode=0o755)
    ensure_private_dir(tmp_path / "existing" / "config" / "state")
    assert mode(tmp_path / "existing") == 0o755  # not ours: untouched
    assert mode(tmp_path / "existing" / "config") == 0o700
    assert mode(tmp_path / "existing" / "config" / "state") == 0o700


def test_atomic_write_creates_private_file_and_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "file.toml"
    atomic_write(target, b"x = 1\n")
    assert target.read_bytes() == b"x = 1\n"
    assert mode(target) == 0o600
    assert mode(tmp_path / "a") == 0o700 and mode(tmp_path / "a" / "b") == 0o700
    atomic_write(target, b"x = 2\n")
    assert target.read_bytes() == b"x = 2\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["file.toml"]
