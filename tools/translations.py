"""Extract, update, check and compile kindtray's translations (gettext, through Babel).

Usage: ``python tools/translations.py extract|update|check|compile`` (``make translations``
runs update, check and compile).

- extract: every ``_``/``ngettext``/``pgettext``/``N_`` text in src/kindtray into
  resources/translations/kindtray.pot, with the "Translators:" comments above it.
- update: the template merged into every ``<lang>.po`` (new texts empty, changed ones fuzzy).
- check: per language, how many texts are translated, and every text that is missing, fuzzy,
  or whose ``{placeholders}`` differ from the English; then the same for its phrase library
  (resources/phrases/<lang>.toml: missing and unknown ids, lines too long); exit status 1 if
  anything needs a look. ``--all`` lists each missing phrase id, not only their count.
- compile: each ``<lang>.po`` into ``<lang>.mo`` next to it, the file kindtray reads. The
  wheel's build hook (hatch_build.py) and the PyInstaller spec call ``compile_all`` too.

Babel is needed here only (the dev and package extras, and the wheel's build requirements);
kindtray itself reads the compiled catalogs with the standard library's gettext.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kindtray.storage.phrase_languages import LanguageCheck

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "resources" / "translations"
TEMPLATE = FOLDER / "kindtray.pot"
_FIELD = re.compile(r"\{(\w*)[^{}]*\}")  # a placeholder's name, without its format


def sources(folder: Path = FOLDER) -> list[Path]:
    """Every language's ``.po`` file, sorted."""
    return sorted(folder.glob("*.po"))


def compile_all(folder: Path = FOLDER) -> list[Path]:
    """Compile every ``<lang>.po`` in ``folder`` into ``<lang>.mo``; return the ``.mo`` files.

    Fuzzy and empty texts are left out, so kindtray shows the English for them.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sources(folder):
        with po.open("rb") as file:
            catalog = read_po(file, locale=po.stem)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as file:
            write_mo(file, catalog, use_fuzzy=False)
        written.append(mo)
    return written


def extract(template: Path = TEMPLATE) -> int:
    """Write the template from the sources; return the number of texts."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.pofile import write_po

    catalog = Catalog(
        project="kindtray",
        copyright_holder="The kindtray developers",
        msgid_bugs_address="",
        charset="utf-8",
    )
    found = extract_from_dir(
        str(ROOT / "src"),
        method_map=[("**.py", "python")],
        keywords=DEFAULT_KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(f"src/{filename}", lineno)], auto_comments=comments,
                    context=context)  # fmt: skip
    with template.open("wb") as file:
        # No line numbers: a moved line would otherwise change every catalog.
        write_po(file, catalog, width=100, include_lineno=False)
    return len(catalog)


def update(template: Path = TEMPLATE) -> None:
    """Merge the template into every language's ``.po``."""
    from babel.messages.pofile import read_po, write_po

    with template.open("rb") as file:
        pot = read_po(file)
    for po in sources(template.parent):
        with po.open("rb") as file:
            catalog = read_po(file, locale=po.stem)
        catalog.update(pot, update_header_comment=False)
        with po.open("wb") as file:
            write_po(file, catalog, width=100, ignore_obsolete=True, include_lineno=False)


@dataclass
class Report:
    """What ``check`` found in one language's catalog."""

    language: str
    translated: int = 0
    total: int = 0
    problems: list[str] = field(default_factory=list)


def check(folder: Path = FOLDER) -> list[Report]:
    """Per language: the count of translated texts and what needs a look."""
    from babel.messages.pofile import read_po

    with (folder / TEMPLATE.name).open("rb") as file:
        wanted = {(m.context, _key(m.id)) for m in read_po(file) if m.id}
    reports = []
    for po in sources(folder):
        with po.open("rb") as file:
            catalog = read_po(file, locale=po.stem)
        report = Report(po.stem, total=len(wanted))
        have = set()
        for message in catalog:
            if not message.id:
                continue
            key = (message.context, _key(message.id))
            have.add(key)
            english = _forms(message.id)
            strings = _forms(message.string)
            if message.fuzzy or not all(strings):
                report.problems.append(f"{po.name}: not translated yet: {english[0]!r}")
                continue
            if key not in wanted:
                report.problems.append(f"{po.name}: no longer in the template: {english[0]!r}")
                continue
            report.translated += 1
            allowed = {name for form in english for name in _FIELD.findall(form)}
            for text in strings:
                if set(_FIELD.findall(text)) - allowed:
                    report.problems.append(f"{po.name}: placeholders differ in {text!r}")
        report.problems += [f"{po.name}: missing: {k[1]!r}" for k in sorted(wanted - have, key=str)]
        reports.append(report)
    return reports


def check_phrases(languages: list[str]) -> list[LanguageCheck]:
    """Each language's phrase library against the shipped English one."""
    from kindtray.storage.phrase_languages import check_language
    from kindtray.storage.phrase_store import load_library

    english, _ = load_library(None)
    return [check_language(english, language) for language in languages]


def _forms(text: str | tuple[str, ...] | list[str] | None) -> list[str]:
    """A message's id or string as its list of forms (one, or one per plural form)."""
    if text is None:
        return [""]
    return [text] if isinstance(text, str) else list(text)


def _key(message_id: str | tuple[str, ...] | list[str]) -> str:
    return _forms(message_id)[0]


def main(argv: list[str] | None = None) -> int:
    """Run one of the steps; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("extract", "update", "check", "compile"))
    parser.add_argument("--all", action="store_true", help="check: list every missing phrase id")
    args = parser.parse_args(argv)
    step = args.step
    if step == "extract":
        print(f"{TEMPLATE.relative_to(ROOT)}: {extract()} texts")
    elif step == "update":
        update()
    elif step == "compile":
        for mo in compile_all():
            print(mo.relative_to(ROOT))
    else:
        reports = check()
        for report in reports:
            print(f"{report.language}: {report.translated} of {report.total} texts translated")
            for problem in report.problems:
                print(f"  {problem}")
        phrases = check_phrases([r.language for r in reports])
        for found in phrases:
            lines = found.lines()
            if not args.all and found.missing:
                lines = [line for line in lines if "missing" not in line]
                lines.insert(
                    1, f"  {len(found.missing)} missing: English is shown (--all lists them)"
                )
            print("\n".join(lines))
        fine = not any(r.problems for r in reports) and all(f.fine for f in phrases)
        return 0 if fine else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
