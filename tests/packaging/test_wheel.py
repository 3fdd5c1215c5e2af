"""Resources are found through importlib.resources in an installed wheel, not just a checkout."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from tests.packaging.helpers import ROOT

RESOURCES = ROOT / "src" / "kindtray" / "resources"


@pytest.mark.packaging
def test_every_resource_is_readable_from_an_installed_wheel(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("kindtray-*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    # In a fresh interpreter whose first path entry is the wheel's install, read every resource
    # the way the app does, and load the shipped phrase library through the app's own code.
    script = textwrap.dedent(
        f"""
        import json, sys
        sys.path.insert(0, {str(target)!r})
        from importlib.resources import files
        import kindtray
        from kindtray.storage.phrase_store import load_library
        root = files("kindtray") / "resources"
        found = {{}}
        def walk(node, prefix):
            for child in node.iterdir():
                name = prefix + child.name
                if child.is_dir():
                    walk(child, name + "/")
                else:
                    found[name] = len(child.read_bytes())
        walk(root, "")
        library, problems = load_library(None)
        print(json.dumps({{
            "module": kindtray.__file__, "found": found,
            "phrases": len(library.phrases), "problems": [str(p) for p in problems],
        }}))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["module"].startswith(str(target)), "the checkout was imported, not the wheel"
    shipped = {
        str(p.relative_to(RESOURCES)): p.stat().st_size for p in RESOURCES.rglob("*") if p.is_file()
    }
    assert report["found"] == shipped
    assert report["phrases"] > 0 and report["problems"] == []
