"""Shared by the packaging tests: the repository's packaging/ files and a file-tree snapshot.

The folder is named packaging/ like the PyPA library pytest depends on, so build.py is
loaded by its path instead of imported by name.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
APP_ID = "io.github.kindtray.Kindtray"
HICOLOR_PNG_SIZES = (48, 64, 128, 256)


def skip_or_fail(reason: str) -> None:
    """Skip the test with the reason; under CI=true, where everything is installed, fail it."""
    if os.environ.get("CI") == "true":
        pytest.fail(reason + " (CI=true: the packaging tests must run)")
    print(reason)
    pytest.skip(reason)


def load_packaging_module(name: str) -> ModuleType:
    """packaging/<name>.py as a module."""
    spec = importlib.util.spec_from_file_location(f"kindtray_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Registered before it runs: its dataclasses look their module up by name.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def load_build_script() -> ModuleType:
    """packaging/build.py as a module."""
    return load_packaging_module("build")


def snapshot(root: Path) -> dict[str, str]:
    """Every file, link and directory under root, with its content hash or link target."""
    tree = {}
    for path in sorted(root.rglob("*")):
        key = str(path.relative_to(root))
        if path.is_symlink():
            tree[key] = "link -> " + str(path.readlink())
        elif path.is_dir():
            tree[key] = "dir"
        else:
            tree[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return tree
