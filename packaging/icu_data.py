"""A cut-down ICU data library for the bundle, built from the PySide6 wheel's own data.

libQt6Core links libicudata.so.NN, whose only content is one symbol, ``icudtNN_dat``: ICU's
"common data" package (a .dat file) of about 32 MB. This module copies those bytes out, removes
the items packaging/icu-data.rules drops with ICU's own package tool (icupkg, which also refuses
to remove an item a kept one depends on), and links the rest into a library with the same
soname and symbol, so libicuuc finds it as before. docs/packaging.md has the design.

    python packaging/icu_data.py            # what the rules keep and drop, by kind, in MB

The spec (packaging/kindtray.spec) calls ``replace_icu_data``; KINDTRAY_FULL_ICU=1 ships the
wheel's library unchanged.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
RULES = PACKAGING / "icu-data.rules"
TRANSLATIONS = ROOT / "resources" / "translations"
# icupkg edits the package; gcc assembles the new library around it (Debian: icu-devtools, gcc).
TOOLS = {"icupkg": "icu-devtools", "gcc": "gcc"}


@dataclass(frozen=True)
class Rule:
    """One line of the rules file: keep or drop the items ``pattern`` matches, and why."""

    keep: bool
    pattern: str
    why: str
    regex: re.Pattern[str]

    def matches(self, item: str) -> bool:
        return self.regex.fullmatch(item) is not None


def shipped_languages() -> list[str]:
    """English (the source texts) and each language with a catalog in resources/translations."""
    return ["en", *sorted(po.stem for po in TRANSLATIONS.glob("*.po"))]


def compile_pattern(pattern: str, languages: list[str]) -> re.Pattern[str]:
    """A rule's pattern as a regular expression: * stays inside one folder of the item name."""
    locale = "(?:" + "|".join(map(re.escape, languages)) + ")(?:_[A-Za-z0-9]+)*"
    parts = re.split(r"(\*|\{shipped\})", pattern)
    table = {"*": "[^/]*", "{shipped}": locale}
    return re.compile("".join(table.get(part, re.escape(part)) for part in parts))


def read_rules(path: Path = RULES, languages: list[str] | None = None) -> list[Rule]:
    """The rules in file order; a malformed line is an error that names it."""
    languages = shipped_languages() if languages is None else languages
    rules = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split(maxsplit=2)
        if len(fields) < 3 or fields[0] not in ("keep", "drop"):
            raise ValueError(f"{path.name}:{number}: expected 'keep|drop PATTERN WHY': {line!r}")
        action, pattern, why = fields
        rules.append(Rule(action == "keep", pattern, why, compile_pattern(pattern, languages)))
    return rules


def decide(item: str, rules: list[Rule]) -> Rule:
    """The first rule that matches ``item``; an item no rule names is an error."""
    for rule in rules:
        if rule.matches(item):
            return rule
    raise LookupError(f"no rule in {RULES.name} names the ICU data item {item!r}")


# -- reading the wheel's library ------------------------------------------------------------


def data_symbol(library: Path) -> tuple[str, int, int]:
    """The library's ``icudtNN_dat`` symbol: its name, virtual address and size (nm)."""
    out = subprocess.run(
        ["nm", "-D", "-S", "--defined-only", str(library)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for line in out.splitlines():
        fields = line.split()
        if len(fields) == 4 and re.fullmatch(r"icudt\d+_dat", fields[3]):
            return fields[3], int(fields[0], 16), int(fields[1], 16)
    raise ValueError(f"{library.name} exports no icudtNN_dat symbol")


def file_offset(elf: bytes, address: int) -> int:
    """Where the byte at virtual ``address`` lies in a 64-bit little-endian ELF file."""
    if elf[:5] != b"\x7fELF\x02" or elf[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    (phoff,) = struct.unpack_from("<Q", elf, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", elf, 0x36)
    for index in range(phnum):
        kind, _flags, offset, vaddr, _paddr, filesz = struct.unpack_from(
            "<IIQQQQ", elf, phoff + index * phentsize
        )
        if kind == 1 and vaddr <= address < vaddr + filesz:  # PT_LOAD
            return int(offset + address - vaddr)
    raise ValueError(f"address {address:#x} is in no loaded segment")


def package_name(symbol: str) -> str:
    """The package's own name, icudt73_dat -> icudt73l (little-endian, ASCII).

    icupkg takes the prefix of the item names from the file's name, so the .dat file must
    carry it.
    """
    return symbol.removesuffix("_dat") + "l"


def extract_package(library: Path, folder: Path) -> tuple[Path, str]:
    """Write the library's ICU common data into ``folder``; return the file and the symbol."""
    name, address, size = data_symbol(library)
    elf = library.read_bytes()
    start = file_offset(elf, address)
    target = folder / f"{package_name(name)}.dat"
    target.write_bytes(elf[start : start + size])
    return target, name


def list_items(package: Path) -> list[str]:
    """The item names in a .dat package, without the package prefix (icupkg -l)."""
    out = subprocess.run(
        ["icupkg", "-l", str(package)], capture_output=True, text=True, check=True
    ).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


def item_sizes(package: Path) -> dict[str, int]:
    """Every item's size in bytes (icupkg extracts them to a temporary folder)."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["icupkg", "-d", folder, "-x", "*", str(package)], capture_output=True, check=True
        )
        return {
            path.relative_to(folder).as_posix(): path.stat().st_size
            for path in Path(folder).rglob("*")
            if path.is_file()
        }


# -- writing the cut-down library -----------------------------------------------------------


def trim_package(package: Path, dropped: list[str], target: Path) -> None:
    """Write ``package`` without the ``dropped`` items to ``target`` (icupkg -r).

    icupkg checks that no kept item depends on a dropped one and fails if one does.
    """
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "dropped.txt"  # icupkg reads a list from a .txt file
        listing.write_text("".join(f"{item}\n" for item in dropped), encoding="utf-8")
        result = subprocess.run(
            ["icupkg", "-r", str(listing), str(package), str(target)],
            capture_output=True,
            text=True,
        )
    if result.returncode != 0:
        raise RuntimeError(f"icupkg could not remove the dropped items:\n{result.stderr}")


def build_library(package: Path, symbol: str, soname: str, target: Path) -> None:
    """Link ``package`` into a shared library exporting it as ``symbol`` (gcc, .incbin).

    ICU reads the package in place, so it only has to be aligned as the original (16 bytes)
    and read-only; nothing else is in the library, as in ICU's own data library.
    """
    assembly = target.parent / "icudata.s"
    assembly.write_text(
        "\n".join(
            [
                '\t.section .note.GNU-stack,"",@progbits',  # no executable stack
                '\t.section .rodata,"a",@progbits',
                f"\t.globl {symbol}",
                f"\t.type {symbol}, @object",
                "\t.balign 16",
                f"{symbol}:",
                f'\t.incbin "{package.name}"',
                f"\t.size {symbol}, . - {symbol}",
                "",
            ]
        ),
        encoding="ascii",
    )
    subprocess.run(
        ["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-Wl,-z,noexecstack"]
        + [f"-Wa,-I,{package.parent}", "-o", str(target), str(assembly)],
        check=True,
    )


@dataclass(frozen=True)
class Plan:
    """What the rules make of one package: the kept and the dropped items."""

    kept: list[str]
    dropped: list[str]


def plan(items: list[str], rules: list[Rule]) -> Plan:
    """Split ``items`` by the first rule that matches each."""
    kept: list[str] = []
    dropped: list[str] = []
    for item in items:
        (kept if decide(item, rules).keep else dropped).append(item)
    return Plan(kept, dropped)


def build(library: Path, work: Path) -> Path:
    """The cut-down copy of ``library`` (the wheel's libicudata.so.NN), built under ``work``."""
    (work / "full").mkdir(parents=True, exist_ok=True)
    full, symbol = extract_package(library, work / "full")
    chosen = plan(list_items(full), read_rules())
    trimmed = work / full.name
    trimmed.unlink(missing_ok=True)
    trim_package(full, chosen.dropped, trimmed)
    if sorted(list_items(trimmed)) != sorted(chosen.kept):
        raise RuntimeError("icupkg's package does not hold exactly the kept items")
    full.unlink()  # 32 MB, extracted again on each build
    target = work / library.name
    build_library(trimmed, symbol, library.name, target)
    if data_symbol(target)[0] != symbol:
        raise RuntimeError(f"{target} does not export {symbol}")
    return target


def missing_tools() -> list[str]:
    """The tools the cut-down build needs and this machine lacks, with their Debian package."""
    return [
        f"{tool} (Debian: {package})" for tool, package in TOOLS.items() if not shutil.which(tool)
    ]


def replace_icu_data(
    binaries: list[tuple[str, str, str]], work: Path
) -> list[tuple[str, str, str]]:
    """PyInstaller's binaries with libicudata.so.NN replaced by the cut-down copy.

    Without icupkg or gcc the full library stays, with a message saying so (an error under
    CI=true, where the tools are installed and the bundle must be the small one).
    """
    if os.environ.get("KINDTRAY_FULL_ICU") == "1":
        print("kindtray.spec: KINDTRAY_FULL_ICU=1, shipping the full ICU data library")
        return binaries
    missing = missing_tools()
    if missing:
        message = (
            "kindtray.spec: cannot cut down the ICU data library, missing "
            + ", ".join(missing)
            + "; shipping the full one (about 32 MB more)"
        )
        if os.environ.get("CI") == "true":
            raise SystemExit(message)
        print(message, file=sys.stderr)
        return binaries
    result = []
    for dest, src, kind in binaries:
        if re.fullmatch(r"libicudata\.so\.\d+", Path(dest).name):
            src = str(build(Path(src), work))
        result.append((dest, src, kind))
    return result


def main() -> int:
    """Print what the rules keep and drop from the installed PySide6's ICU data."""
    import PySide6

    libraries = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not libraries or missing_tools():
        print("needs PySide6's libicudata and " + ", ".join(TOOLS), file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        package, _ = extract_package(libraries[0], Path(folder))
        sizes = item_sizes(package)
    rules = read_rules()
    totals: dict[tuple[bool, str, str], list[int]] = {}
    for item, size in sizes.items():
        rule = decide(item, rules)
        entry = totals.setdefault((rule.keep, rule.pattern, rule.why), [0, 0])
        entry[0] += 1
        entry[1] += size
    for keep in (True, False):
        print("kept:" if keep else "\ndropped:")
        rows = [(size, count, p, why) for (k, p, why), (count, size) in totals.items() if k == keep]
        for size, count, pattern, why in sorted(rows, reverse=True):
            print(f"  {size / 1e6:6.2f} MB  {count:4d}  {pattern:28} {why}")
        print(f"  {sum(row[0] for row in rows) / 1e6:6.2f} MB in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
