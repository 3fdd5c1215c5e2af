"""The user's phrases file and the rotation file, given hostile contents: reported, never fatal.

Markup in a phrase is kept as the literal words (the break window shows it as plain text; see
the break window tests); anything that breaks the file is reported with the file's name.
"""

from __future__ import annotations

import random

import pytest

from kindtray.core.phrases import USER_ID_PREFIX, PhrasePicker
from kindtray.storage.phrase_store import RotationFile, load_library

MARKUP = {
    "img": "<img src=http://127.0.0.1:9/x> breathe",
    "link": '<a href="http://127.0.0.1:9/">you are doing fine</a>',
    "bold": "<b>soft</b> and &amp; kind",
    "real-writing": "Ça va\u00a0: 👩\u200d👧 ok",  # a no-break space and an emoji joiner are fine
}

BROKEN = {
    "int-of-5000-digits": b"[calm]\nbig = " + b"9" * 5000 + b"\n",
    "invalid-utf8": b'[calm]\nbad = "\xff\xfe"\n',
    "inline-table-bomb": b"[calm]\nx = " + b"{a = " * 100_000 + b"1" + b"}" * 100_000 + b"\n",
    "array-bomb": b"[calm]\nx = " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "table-bomb": b"[calm" + b".a" * 20_000 + b"]\nx = 1\n",
    "10MB-phrase": b'[calm]\nlong = "' + b"x" * 10_000_000 + b'"\n',
    "terminal-escapes": b'[calm]\nesc = "\\u001b[2J\\u0000"\n',
}


def test_markup_in_a_phrase_is_kept_as_the_literal_words(tmp_path):
    path = tmp_path / "phrases.toml"
    lines = ["[calm]"] + [f"{name} = '{text}'" for name, text in MARKUP.items()]
    path.write_text("\n".join(lines) + "\n")
    library, problems = load_library(path)
    assert problems == []
    for name, text in MARKUP.items():
        phrase = library.get(f"{USER_ID_PREFIX}{name}")
        assert phrase is not None and phrase.text == text


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_phrases_file_is_reported_by_name_and_the_shipped_phrases_stay(case, tmp_path):
    path = tmp_path / "phrases.toml"
    path.write_bytes(BROKEN[case])
    shipped, _ = load_library(None)
    library, problems = load_library(path)
    assert problems, "a broken file must be reported"
    assert all(str(path) in p for p in problems)
    assert all(len(p) < 400 for p in problems)
    assert {p.id for p in library.phrases} >= {p.id for p in shipped.phrases}
    assert path.read_bytes() == BROKEN[case]


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_rotation_file_starts_a_fresh_rotation(case, tmp_path):
    path = tmp_path / "phrases-rotation.toml"
    path.write_bytes(BROKEN[case])
    library, _ = load_library(None)
    picker = PhrasePicker(library, RotationFile(path), random.Random(1))
    assert all(str(path) in m for m in picker.messages)
    assert picker.reminder_text()  # the next reminder still has its words
