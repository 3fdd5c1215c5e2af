"""README and docs/ stay true: the two commands lead, links resolve, the references are complete.

README is for people using kindtray first, then the command reference, then development; the
long reference material lives in docs/*.md. The command list comes from the argparse parser,
so a new command or option without documentation fails here.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from kindtray.cli import build_parser
from kindtray.core.settings_keys import KEYS, KEYS_BY_NAME

ROOT = Path(__file__).parent.parent
README_PATH = ROOT / "README.md"
README = README_PATH.read_text()
COMMANDS_PAGE = (ROOT / "docs" / "commands.md").read_text()
FILES_PAGE = (ROOT / "docs" / "files.md").read_text()
PAGES = [README_PATH, *sorted((ROOT / "docs").rglob("*.md"))]

#: The order README keeps: what a user needs, then the command reference, then development.
README_ORDER = [
    "Install",
    "First start: the welcome",
    "The break",
    "The tray",
    "Settings",
    "Privacy",
    "Command reference",
    "Development",
]


def _section(text: str, heading: str) -> str:
    """The text under a `## heading`, up to the next `## `."""
    return text.split(f"\n## {heading}\n")[1].split("\n## ")[0]


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert isinstance(sub.choices, dict)
    return sub.choices


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [o for a in parser._actions for o in a.option_strings if o not in ("-h", "--help")]


def test_readme_starts_with_the_run_and_test_commands() -> None:
    lines = [line for line in README.splitlines() if line.strip()]
    assert lines[0].startswith("# ") and lines[1].startswith("```"), "README opens with code"
    block = README.split("```")[1].splitlines()[1:]
    commands = [line.split("#")[0].strip() for line in block if line.strip()]
    assert commands[:2] == ["make run", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_readme_stays_short() -> None:
    assert len(README.splitlines()) <= 300, "move reference material to docs/*.md"


def test_readme_puts_the_user_first_then_commands_then_development() -> None:
    headings = re.findall(r"^## (.+)$", README, flags=re.M)
    missing = [h for h in README_ORDER if h not in headings]
    assert not missing, f"README has lost the sections {missing}"
    positions = [headings.index(h) for h in README_ORDER]
    assert positions == sorted(positions), f"README's sections are in the order {README_ORDER}"


# Markdown links and images, and the src/href of HTML tags.
_MD_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_LINK = re.compile(r"""<(?:img|a)\b[^>]*?\b(?:src|href)\s*=\s*["']([^"']+)["']""", re.I)


def _links(text: str) -> list[str]:
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # code shows commands, not links
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    return _MD_LINK.findall(text) + _HTML_LINK.findall(text)


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = re.sub(r"[`*_]", "", heading.strip()).lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", page.read_text(), flags=re.S)
    return {_anchor(h) for h in re.findall(r"^#{1,6} (.+)$", text, flags=re.M)}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_and_image_resolves_inside_the_repository(page: Path) -> None:
    problems = []
    for link in _links(page.read_text()):
        if re.match(r"[a-z][a-z+.-]*:", link):  # https:, mailto:: not a file of this repository
            continue
        path, _, anchor = unquote(link).partition("#")
        target = (page.parent / path).resolve() if path else page
        if not target.is_relative_to(ROOT.resolve()):
            problems.append(f"{link}: outside the repository")
        elif not target.exists():
            problems.append(f"{link}: no such file")
        elif anchor and target.suffix == ".md" and anchor not in _anchors(target):
            problems.append(f"{link}: no heading with that anchor in {target.name}")
    # A path named in the text, not only in a link, stays inside the repository too.
    for path in re.findall(r"(?:\.\./)+[\w.-][\w./-]*", page.read_text()):
        target = (page.parent / path.rstrip(".")).resolve()
        if not target.is_relative_to(ROOT.resolve()) or not target.exists():
            problems.append(f"{path}: not a file of this repository")
    assert not problems, f"{page.relative_to(ROOT)}: " + "; ".join(problems)


def test_every_command_is_in_readmes_command_reference() -> None:
    reference = _section(README, "Command reference")
    documented = set(re.findall(r"`kindtray ([a-z][a-z-]*)", reference))
    commands = set(_subcommands())
    assert not commands - documented, (
        f"add {sorted(commands - documented)} to README's command reference and docs/commands.md"
    )
    assert not documented - commands, f"README documents unknown commands {documented - commands}"


def test_every_command_and_option_is_in_docs_commands() -> None:
    lines = COMMANDS_PAGE.splitlines()
    problems = []
    for name, parser in _subcommands().items():
        rows = "\n".join(line for line in lines if f"`kindtray {name}" in line)
        if not rows:
            problems.append(f"kindtray {name}")
        problems += [f"kindtray {name} {o}" for o in _options(parser) if o not in rows]
    problems += [f"kindtray {o}" for o in _options(build_parser()) if o not in COMMANDS_PAGE]
    assert not problems, f"docs/commands.md does not describe {problems}"


def _settings_rows() -> list[str]:
    table = _section(FILES_PAGE, "Settings file")
    return [line for line in table.splitlines() if re.match(r"\| `[a-z_]+\.[a-z_]+` \|", line)]


def test_the_settings_table_is_the_declaration() -> None:
    """Each row of docs/files.md's table is what the declaration says (fix: paste the rows)."""
    expected = [spec.reference_row() for spec in KEYS]
    assert _settings_rows() == expected, "docs/files.md's settings rows should be:\n" + "\n".join(
        expected
    )


def test_the_documented_key_names_exist() -> None:
    table = _section(FILES_PAGE, "Settings file")
    for key in re.findall(r"^\| `([a-z_]+\.[a-z_]+)`", table, flags=re.M):
        assert key in KEYS_BY_NAME, f"docs/files.md documents an unknown key {key}"
