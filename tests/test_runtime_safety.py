"""Runtime files cannot be planted: the lock, the socket's folder and backup copies.

Another local user who could create kindtray's runtime folder first (a shared XDG_RUNTIME_DIR,
a leftover /tmp/runtime-UID) could make the lock truncate a file of the user's through a
symlink, or plant a socket that answers the user's commands.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
from pathlib import Path

import pytest

from kindtray.control import InstanceLock, send_command
from kindtray.storage.files import UnsafeFolderError, copy_aside, secure_private_dir

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX ownership and modes")
SOMEONE_ELSE = 65534  # nobody
needs_root = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0,
    reason="giving a folder to another user needs root; run as root (CI does) to check it",
)


def test_a_symlink_at_the_lock_path_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("the user's work\n")
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    (run / "kindtray.lock").symlink_to(victim)
    with pytest.raises(OSError, match="symbolic link"):
        InstanceLock(run / "kindtray.lock").try_acquire()
    assert victim.read_text() == "the user's work\n"


def test_a_folder_that_others_may_enter_is_made_private(tmp_path: Path) -> None:
    run = tmp_path / "run"
    run.mkdir()
    run.chmod(0o777)
    lock = InstanceLock(run / "kindtray.lock")
    assert lock.try_acquire()
    lock.release()
    assert run.stat().st_mode & 0o777 == 0o700


@needs_root
def test_a_runtime_folder_of_another_user_is_refused(tmp_path: Path) -> None:
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    os.chown(run, SOMEONE_ELSE, SOMEONE_ELSE)
    with pytest.raises(UnsafeFolderError, match="belongs to another user") as refused:
        InstanceLock(run / "kindtray.lock").try_acquire()
    assert "XDG_RUNTIME_DIR" in str(refused.value)
    assert not (run / "kindtray.lock").exists()


def test_a_runtime_folder_in_an_open_parent_is_refused(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # world-writable, not sticky: anyone can swap our folder
    with pytest.raises(UnsafeFolderError, match="open to other users"):
        secure_private_dir(shared / "kindtray")


@needs_root
def test_commands_are_not_sent_to_a_planted_socket(tmp_path: Path) -> None:
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    name = str(run / "kindtray.sock")
    planted = socket.socket(socket.AF_UNIX)
    planted.bind(name)
    planted.listen(1)
    os.chown(run, SOMEONE_ELSE, SOMEONE_ELSE)
    os.chown(name, SOMEONE_ELSE, SOMEONE_ELSE)

    def answer() -> None:
        client, _ = planted.accept()
        client.recv(4096)
        client.sendall(b'{"exit": 0, "message": "planted"}\n')
        client.close()

    threading.Thread(target=answer, daemon=True).start()
    try:
        with pytest.raises(UnsafeFolderError, match="not a folder of your own"):
            send_command(name, {"command": "status"}, timeout=2)
    finally:
        planted.close()


def test_a_backup_copy_never_writes_through_a_planted_link(tmp_path: Path) -> None:
    broken = tmp_path / "settings.toml"
    broken.write_text("not = [toml\n")
    elsewhere = tmp_path / "elsewhere.txt"
    (tmp_path / "settings.toml.corrupt-1").symlink_to(elsewhere)  # dangling on purpose
    copy = copy_aside(broken, ".corrupt-1")
    assert not elsewhere.exists()
    assert copy.read_text() == "not = [toml\n" and not copy.is_symlink()
