"""The wheel's build hook: compile the translations' .po sources into the .mo catalogs.

kindtray reads only the compiled catalogs (``resources/translations/<lang>.mo``, through the
standard library's gettext); the repository keeps only the sources. hatch copies
``resources/`` into the wheel after this hook has run, so the catalogs go with it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ROOT = Path(__file__).resolve().parent


class CompileTranslations(BuildHookInterface):  # type: ignore[misc]
    """Runs tools/translations.py's compile step before the files are collected."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile every catalog (wheel and editable install alike)."""
        spec = importlib.util.spec_from_file_location(
            "translations", ROOT / "tools" / "translations.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
        module.compile_all()
