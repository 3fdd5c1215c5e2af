"""A built wheel, installed into a fresh venv, finds every resource through kindtray.assets."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

from tests.packaging.helpers import ROOT

RESOURCES = ROOT / "resources"


def venv_site_packages(venv: Path) -> Path:
    """The site-packages directory of ``venv`` (same Python version as this one)."""
    purelib = sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)})
    return Path(purelib)


@pytest.mark.packaging
def test_every_resource_is_found_in_a_wheel_installed_into_a_venv(tmp_path: Path) -> None:
    # The translations' catalogs are build products: the wheel's build hook makes them.
    for catalog in (RESOURCES / "translations").glob("*.mo"):
        catalog.unlink()
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("kindtray-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps"]
        + ["--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    # kindtray's dependencies (tomli-w, platformdirs) come from this venv, after the wheel's
    # own site-packages: a path line, so the editable install's .pth here is not read.
    site = venv_site_packages(venv)
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    # Read every resource the way the app does, and load the shipped phrase library.
    script = textwrap.dedent(
        """
        import json
        import kindtray
        from kindtray.assets import find_resource, resource_root
        from kindtray.storage.phrase_store import load_library
        root = resource_root()
        names = [p.relative_to(root) for p in root.rglob("*") if p.is_file()]
        found = {n.as_posix(): len(find_resource(*n.parts).read_bytes()) for n in names}
        library, problems = load_library(None)
        from kindtray import i18n
        i18n.use_language("de")
        print(json.dumps({
            "module": kindtray.__file__, "root": str(root), "found": found,
            "phrases": len(library.phrases), "problems": [str(p) for p in problems],
            "german": i18n._("not running"), "language": i18n.current_language(),
        }))
        """
    )
    result = subprocess.run(
        [str(python), "-I", "-c", script], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["module"] == str(site / "kindtray" / "__init__.py"), "not the wheel's kindtray"
    assert report["root"] == str(site / "kindtray" / "resources")
    shipped = {
        p.relative_to(RESOURCES).as_posix(): p.stat().st_size
        for p in RESOURCES.rglob("*")
        if p.is_file()
    }
    assert report["found"] == shipped
    assert report["phrases"] > 0 and report["problems"] == []
    # The catalogs compiled from the .po sources at build time, read from the wheel.
    for language in ("de", "es"):
        assert f"translations/{language}.mo" in report["found"]
    assert (report["language"], report["german"]) == ("de", "kindtray läuft gerade nicht")
