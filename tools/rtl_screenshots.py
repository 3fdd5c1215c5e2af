"""Render the main windows laid out right to left, as a language written that way shows them.

Run with ``.venv/bin/python tools/rtl_screenshots.py`` (offscreen, no display needed). The
pictures land in docs/screenshots/ as ``rtl-<window>.png``: the break (its mood question and
a hard moment's choice), Settings, the welcome and "Your practice" with a few weeks of
history. kindtray's words are mirrored (``MirroredWords`` in tests/ui/windows_walk.py): they
read from the right, align and wrap as Arabic or Hebrew would (``--english`` keeps them
English). tests/ui/test_right_to_left.py checks every state of every window this way.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the walker's history lives with the tests

from PySide6.QtCore import Qt  # noqa: E402 - after the platform is chosen
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from kindtray.core.clock import FakeClock  # noqa: E402
from kindtray.core.history import Practice, Trigger  # noqa: E402
from tests.ui.windows_walk import (  # noqa: E402
    seed_history,
    speak_mirrored,
    start_app,
    stop_app,
)


def _save(window: QWidget, path: Path) -> Path:
    QApplication.processEvents()
    window.grab().save(str(path), "PNG", 0)
    return path


def render(out_dir: Path, theme: str, mirrored: bool = True) -> list[Path]:
    """Open each window right to left and save its picture; return the files.

    ``mirrored``: kindtray's words in ``MirroredWords``, as a right-to-left language's align
    and wrap (the phrases stay English, as a language without its own library shows them).
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    saved: list[Path] = []
    suffix = "" if theme == "light" else f"-{theme}"
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder)
        (config / "settings.toml").write_text(f'[break]\ntheme = "{theme}"\n')
        if mirrored:
            speak_mirrored()
        kindtray = start_app(app, config)
        assert isinstance(kindtray.clock, FakeClock)
        seed_history(kindtray.paths.history_file, kindtray.clock)
        window = kindtray.open_break(Trigger.REQUEST)
        window.fade.setCurrentTime(window.fade.duration())
        saved.append(_save(window, out_dir / f"rtl-break{suffix}.png"))
        window.close()
        hard = kindtray.open_break(Trigger.REQUEST, practice=Practice.HARD_MOMENT)
        for _ in range(2):
            hard.skip_step()
        hard.fade.setCurrentTime(hard.fade.duration())
        saved.append(_save(hard, out_dir / f"rtl-break-choice{suffix}.png"))
        hard.close()
        saved.append(_save(kindtray.open_settings(), out_dir / f"rtl-settings{suffix}.png"))
        saved.append(_save(kindtray.show_welcome(), out_dir / f"rtl-welcome{suffix}.png"))
        saved.append(_save(kindtray.show_practice(), out_dir / f"rtl-practice{suffix}.png"))
        stop_app(kindtray)
    return saved


def main() -> int:
    """Render the pictures in light and dark; print each file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument(
        "--english", action="store_true", help="English words instead of mirrored ones"
    )
    args = parser.parse_args()
    os.environ["LANGUAGE"] = "en"
    args.out.mkdir(parents=True, exist_ok=True)
    for theme in ("light", "dark"):
        for path in render(args.out, theme, mirrored=not args.english):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
