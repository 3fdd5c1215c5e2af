"""Render every step of the break window to PNG, in light and dark, with and without motion.

Run with ``make screenshots`` (offscreen, no display needed). The pictures land in
docs/screenshots/ as ``<theme>-<motion|reduced>-<NN>-<step>.png``; the other practices as
``<practice>-<theme>-<NN>-<step>.png`` (a hard moment with its choices and Ground me, the
loving-kindness minute chosen on a break's first step, the wind-down), with phrases from the
shipped library picked with a fixed seed; and a few samples at 200 %
scale (QT_SCALE_FACTOR=2, rendered by a second run of this script, since the factor is read
once per process) as ``...-<step>@2x.png``. Time comes from a FakeClock, so the pacer is
caught at the same moment of the breath on every run.

``--language de`` (or ``es``, ``x-pseudo``) renders the break in that language instead: the
minute (light with motion, dark with reduced motion) and every other practice, the phrases
from that language's library, named as above with the language in front
(``de-light-motion-04-kindness.png``, ``de-hard-moment-light-03-touch-choice.png``); the
English pictures stay as they are.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Collection
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # after the platform is chosen

from kindtray.core.break_script import BreakScript, BreakTexts
from kindtray.core.clock import FakeClock
from kindtray.core.history import Practice, Trigger
from kindtray.core.phrases import PhrasePicker
from kindtray.core.practice_words import practice_script
from kindtray.core.settings import BreakSettings, Settings
from kindtray.i18n import ENGLISH, current_language, use_language
from kindtray.storage.phrase_languages import in_language
from kindtray.storage.phrase_store import load_library
from kindtray.ui.break_window import BreakWindow

#: A picture named after a language ("de-", "es-", "x-pseudo-"): not one of the English run's.
IN_A_LANGUAGE = re.compile(r"^(?:[a-z]{2}|x-pseudo)-")

SAMPLE = BreakTexts(
    arrive="Pause for a moment. You are here.",
    notice="This is a hard moment, and it is okay to feel it.",
    not_alone="Everyone struggles sometimes. You are not alone in this.",
    kindness="May I be as kind to myself as I would be to a friend.",
    touch="You might rest a hand on your heart and feel its warmth.",
    closing="Thank you for this minute with yourself.",
)


def _settle(window: BreakWindow) -> None:
    """Finish any cross-fade and draw the breath as the fake clock says."""
    window.fade.setCurrentTime(window.fade.duration())
    window.guide.refresh()
    QApplication.processEvents()


# The 200 % samples: (theme, reduced motion) -> the steps to keep.
SAMPLES_2X: dict[tuple[str, bool], tuple[str, ...]] = {
    ("light", False): ("arrive-mood", "kindness"),
    ("dark", True): ("not-alone", "close-mood"),
}


def _language_prefix() -> str:
    language = current_language()
    return "" if language == ENGLISH else f"{language}-"


def render(
    out_dir: Path, theme: str, reduced: bool, *, keep: Collection[str] | None = None
) -> list[Path]:
    """Walk one break through its steps and save a picture of each (or of those in ``keep``).

    With ``keep`` the files are named ``...@2x.png``: only the 200 % samples use it. In
    English the minute says the sample words; in another language, phrases from its library.
    """
    clock = FakeClock(datetime(2026, 11, 29, 10, 0, tzinfo=UTC))
    settings = BreakSettings(
        length_seconds=60,
        mood_check_in=True,
        reduced_motion="on" if reduced else "off",
        theme=theme,
    )
    practices = _practices(clock)
    texts = SAMPLE if current_language() == ENGLISH else practices(Practice.MINUTE)
    window = BreakWindow(texts, settings, clock, trigger=Trigger.REMINDER, practices=practices)
    window.start()
    prefix = f"{_language_prefix()}{theme}-{'reduced' if reduced else 'motion'}"
    suffix = "" if keep is None else "@2x"
    saved: list[Path] = []
    taken = 0

    def shot(name: str) -> None:
        nonlocal taken
        taken += 1
        if keep is not None and name not in keep:
            return
        _settle(window)
        path = out_dir / f"{prefix}-{taken:02d}-{name}{suffix}.png"
        window.grab().save(str(path), "PNG", 0)
        saved.append(path)

    shot("arrive-mood")
    window.choose_mood(3)
    window.advance()  # -> notice
    clock.advance(2.6)  # most of an inhale
    shot("notice")
    window.advance()  # -> not alone
    clock.advance(4.0)  # into the exhale
    shot("not-alone")
    window.advance()  # -> kindness, the hand-on-heart invitation
    clock.advance(3.4)
    shot("kindness")
    window.advance()  # the kind phrase
    window.advance()  # -> close, the mood question again
    shot("close-mood")
    window.choose_mood(4)
    clock.advance(5.0)
    shot("close")
    window.end_gently()
    shot("farewell")
    window.close()
    window.deleteLater()
    return saved


def _practices(clock: FakeClock) -> Callable[[Practice], BreakScript]:
    """Scripts of the practices, with shipped phrases picked the same way on every run."""
    english, _problems = load_library(None)
    library, _fallbacks = in_language(english, current_language())
    picker = PhrasePicker(library, None, random.Random(16))
    settings = Settings()
    return lambda practice: practice_script(picker, practice, settings, clock.now())


def render_practices(out_dir: Path, theme: str) -> list[Path]:
    """Walk the other practices through their steps, Ground me included; save each picture."""
    clock = FakeClock(datetime(2026, 11, 29, 21, 0, tzinfo=UTC))
    settings = BreakSettings(length_seconds=60, mood_check_in=False, theme=theme)
    saved: list[Path] = []

    def open_(practice: Practice, **options: object) -> BreakWindow:
        prepare = _practices(clock)
        window = BreakWindow(
            prepare(practice),
            settings,
            clock,
            trigger=Trigger.REQUEST,
            practices=prepare,
            **options,  # type: ignore[arg-type]
        )
        window.start()
        return window

    def shot(window: BreakWindow, name: str, number: int) -> None:
        _settle(window)
        practice, step = name.split(":")
        path = out_dir / f"{_language_prefix()}{practice}-{theme}-{number:02d}-{step}.png"
        window.grab().save(str(path), "PNG", 0)
        saved.append(path)

    hard = open_(Practice.HARD_MOMENT)
    shot(hard, "hard-moment:ground", 1)
    hard.advance()
    hard.advance()  # -> the longer out-breath, at the person's own pace
    clock.advance(6.5)
    shot(hard, "hard-moment:exhale", 2)
    hard.skip_step()  # -> a soothing touch
    shot(hard, "hard-moment:touch-choice", 3)
    hard.choose("heart")
    clock.advance(2.0)
    shot(hard, "hard-moment:touch", 4)
    hard.skip_step()  # -> what do you need to hear
    shot(hard, "hard-moment:words-choice", 5)
    hard.choose(hard.flow.current_step.choices[1].id)  # type: ignore[union-attr]
    clock.advance(3.0)
    shot(hard, "hard-moment:words", 6)
    hard.skip_step()  # -> the quiet close, with where to find help
    shot(hard, "hard-moment:close", 7)
    hard.ground_me()
    shot(hard, "hard-moment:ground-feet", 8)
    hard.skip_step()
    shot(hard, "hard-moment:ground-sounds", 9)
    hard.skip_step()
    shot(hard, "hard-moment:ground-end", 10)
    hard.close()

    minute = open_(Practice.MINUTE)
    shot(minute, "practice-choice:minute", 1)
    minute.switch_practice(Practice.LOVING_KINDNESS)
    shot(minute, "practice-choice:loving-kindness", 2)
    minute.skip_step()
    minute.skip_step()  # -> the same wishes for yourself
    clock.advance(2.0)
    shot(minute, "loving-kindness:yourself", 3)
    minute.close()

    evening = open_(Practice.WIND_DOWN)
    shot(evening, "wind-down:arrive", 1)
    evening.skip_step()
    clock.advance(9.0)
    shot(evening, "wind-down:slower-breath", 2)
    evening.skip_step()
    evening.skip_step()
    clock.advance(3.0)
    shot(evening, "wind-down:towards-rest", 3)
    evening.close()
    for window in (hard, minute, evening):
        window.deleteLater()
    return saved


def shrink(paths: list[Path]) -> None:
    """Store the pictures with a 128-colour palette (a quarter of the size, same look).

    Needs ImageMagick's ``convert``; without it the full-colour files are kept.
    """
    convert = shutil.which("convert")
    if convert is None:
        print("ImageMagick not found: keeping full-colour PNGs", file=sys.stderr)
        return
    for path in paths:
        subprocess.run(
            [convert, str(path), "-dither", "None", "-colors", "128", f"PNG8:{path}"], check=True
        )


def main(argv: list[str] | None = None) -> int:
    """Render all pictures; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--samples-2x", action="store_true", help="only the 200 %% samples")
    parser.add_argument(
        "--language", help="render the break in this language (de, es, x-pseudo) only"
    )
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    args.out.mkdir(parents=True, exist_ok=True)
    if args.language:
        return render_language(app, args.out, args.language)
    use_language(ENGLISH)
    if args.samples_2x:
        saved = [
            path
            for (theme, reduced), steps in SAMPLES_2X.items()
            for path in render(args.out, theme, reduced, keep=steps)
        ]
        app.processEvents()
        shrink(saved)
        print(f"{len(saved)} screenshots at 200 % in {args.out}")
        return 0
    for old in args.out.glob("*-*-??-*.png"):
        if not IN_A_LANGUAGE.match(old.name):
            old.unlink()
    saved = [
        path
        for theme in ("light", "dark")
        for reduced in (False, True)
        for path in render(args.out, theme, reduced)
    ]
    saved += [path for theme in ("light", "dark") for path in render_practices(args.out, theme)]
    app.processEvents()
    shrink(saved)
    print(f"{len(saved)} screenshots in {args.out}")
    env = dict(os.environ, QT_SCALE_FACTOR="2")
    command = [sys.executable, __file__, "--out", str(args.out), "--samples-2x"]
    return subprocess.run(command, env=env, check=False).returncode


def render_language(app: QApplication, out_dir: Path, language: str) -> int:
    """The break in ``language``: the minute and the other practices, in both themes."""
    use_language(language)
    if current_language() != language:
        print(f"no catalog for {language!r}: run `make translations` first", file=sys.stderr)
        return 1
    for old in out_dir.glob(f"{language}-*-??-*.png"):
        old.unlink()
    # The minute with motion in light, with the counted breath in dark ("Atme ein… 3").
    saved = [*render(out_dir, "light", False), *render(out_dir, "dark", True)]
    saved += [path for theme in ("light", "dark") for path in render_practices(out_dir, theme)]
    app.processEvents()
    shrink(saved)
    print(f"{len(saved)} screenshots in {language} in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
