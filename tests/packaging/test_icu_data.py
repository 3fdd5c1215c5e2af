"""The rules that cut down the bundle's ICU data (packaging/icu-data.rules), on the wheel's data.

Reads the ICU data package inside the installed PySide6's libicudata with icupkg (Debian:
icu-devtools); without icupkg or gcc these tests are skipped with the reason, except under
CI=true. test_bundle.py checks the library the build made from these rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.packaging.helpers import ROOT, load_packaging_module, skip_or_fail

pytestmark = pytest.mark.packaging

icu = load_packaging_module("icu_data")
# Each tree of locale data the rules keep for kindtray's languages ("" is the top level).
LOCALE_TREES = ("", "coll/", "zone/", "lang/", "region/", "curr/")


def wheel_library() -> Path:
    import PySide6

    (library,) = (Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*")
    return library


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if icu.missing_tools():
        skip_or_fail("cannot read ICU data without " + ", ".join(icu.missing_tools()))
    path, _symbol = icu.extract_package(wheel_library(), tmp_path_factory.mktemp("icu"))
    return Path(path)


@pytest.fixture(scope="module")
def items(package: Path) -> list[str]:
    names: list[str] = icu.list_items(package)
    return names


def test_every_rule_matches_an_item_of_the_wheels_data(items):
    # A rule that matches nothing is stale (ICU renamed or removed the item): look at it again.
    stale = [rule.pattern for rule in icu.read_rules() if not any(map(rule.matches, items))]
    assert stale == []


def test_every_item_is_named_by_a_rule_and_most_of_the_data_goes(items):
    chosen = icu.plan(items, icu.read_rules())
    assert len(chosen.kept) + len(chosen.dropped) == len(items)
    # The big unused items go; the ones Qt reads stay.
    assert {"brkitr/cjdict.dict", "translit/root.res", "unames.icu", "ibm-37_P100-1995.cnv"} <= set(
        chosen.dropped
    )
    assert {"coll/ucadata.icu", "coll/root.res", "cnvalias.icu", "zoneinfo64.res"} <= set(
        chosen.kept
    )


def test_the_languages_kindtray_speaks_keep_their_locale_data(items):
    languages = icu.shipped_languages()
    catalogs = sorted(po.stem for po in (ROOT / "resources" / "translations").glob("*.po"))
    assert catalogs and languages == ["en", *catalogs]
    kept = set(icu.plan(items, icu.read_rules()).kept)
    for language in languages:
        for tree in LOCALE_TREES:
            assert f"{tree}{language}.res" in kept
            variants = [i for i in items if i.startswith(f"{tree}{language}_")]
            assert variants and set(variants) <= kept, (tree, language)


def test_a_new_translation_keeps_its_locale_data_without_a_new_rule(items):
    before = icu.plan(items, icu.read_rules(languages=["en", "de", "es"]))
    after = icu.plan(items, icu.read_rules(languages=["en", "de", "es", "fr"]))
    french = {"fr.res", "fr_CA.res", "zone/fr.res", "lang/fr.res", "curr/fr_CA.res"}
    assert french <= set(before.dropped)
    assert french <= set(after.kept)


def test_a_pattern_stays_inside_one_folder_and_names_whole_locales():
    assert icu.compile_pattern("*.res", ["de"]).fullmatch("coll/de.res") is None
    shipped = icu.compile_pattern("{shipped}.res", ["en", "de", "es"])
    for name in ("de.res", "de_AT.res", "en_US_POSIX.res", "es_419.res"):
        assert shipped.fullmatch(name), name
    for name in ("dsb.res", "eo.res", "ses.res", "et.res", "zone/de.res"):
        assert shipped.fullmatch(name) is None, name


def test_a_malformed_rule_or_an_unknown_item_is_an_error(tmp_path):
    rules = tmp_path / "rules"
    rules.write_text("# a comment\nkeep root.res why\nremove *.res why\n")
    with pytest.raises(ValueError, match=r"rules:3:"):
        icu.read_rules(rules, ["en"])
    with pytest.raises(LookupError, match="newitem.xyz"):
        icu.decide("newitem.xyz", icu.read_rules())


def test_icupkg_refuses_to_drop_an_item_a_kept_one_depends_on(package, tmp_path):
    # GBK's table extends another one: dropping only the base would leave GBK broken.
    with pytest.raises(RuntimeError, match="depends on missing item ibm-1386"):
        icu.trim_package(package, ["ibm-1386_P100-2001.cnv"], tmp_path / package.name)


BINARIES = [
    ("PySide6/Qt/lib/libicudata.so.73", "/wheel/libicudata.so.73", "BINARY"),
    ("PySide6/Qt/lib/libQt6Core.so.6", "/wheel/libQt6Core.so.6", "BINARY"),
]


def test_without_icupkg_the_build_says_so_and_ships_the_full_library(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))  # no icupkg, no gcc
    monkeypatch.delenv("KINDTRAY_FULL_ICU", raising=False)
    monkeypatch.setenv("CI", "false")
    assert icu.replace_icu_data(BINARIES, tmp_path) == BINARIES
    assert "missing icupkg (Debian: icu-devtools)" in capsys.readouterr().err
    # CI installs the tools (.ci/run): there a missing one is an error, not a bigger bundle.
    monkeypatch.setenv("CI", "true")
    with pytest.raises(SystemExit, match="icu-devtools"):
        icu.replace_icu_data(BINARIES, tmp_path)


def test_kindtray_full_icu_ships_the_wheels_library(monkeypatch, tmp_path):
    monkeypatch.setenv("KINDTRAY_FULL_ICU", "1")
    monkeypatch.setenv("CI", "true")
    assert icu.replace_icu_data(BINARIES, tmp_path) == BINARIES
    assert list(tmp_path.iterdir()) == []
