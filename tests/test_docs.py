"""docs/rules.ru.md is docs/rules.md in Russian: the same numbered sections in the same order, and the same numbers.

The rules of record are numbered (§N headings, §N.N subsections) and the code cites them by number, so the
Russian text the in-game reader shows must keep every section under its number. Each section is compared as the
multiset of the digit runs in it (budgets, VP, section references, years): a rule whose number changes in one
file and not in the other, or a section left out or added, fails here with the section named.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"
ENGLISH = DOCS / "rules.md"
RUSSIAN = DOCS / "rules.ru.md"
HEADING = re.compile(r"^#{2,3} (\d+(?:\.\d+)?)[. ]")
DIGITS = re.compile(r"\d+")
REFERENCE = re.compile(r"§(\d+(?:\.\d+)?)")
PREAMBLE = "preamble"


def section_numbers(text: str) -> list[str]:
    """The numbers of the text's §N and §N.N headings, in the order they appear."""
    return [match.group(1) for line in text.splitlines() if (match := HEADING.match(line))]


def numbers_by_section(text: str) -> dict[str, Counter[str]]:
    """Each section's digit runs (its heading line included), keyed by section number; the text before §1 first."""
    sections: dict[str, Counter[str]] = {PREAMBLE: Counter()}
    current = PREAMBLE
    for line in text.splitlines():
        if match := HEADING.match(line):
            current = match.group(1)
            sections.setdefault(current, Counter())
        sections[current].update(DIGITS.findall(line))
    return sections


def number_differences(english: str, russian: str) -> list[str]:
    """One line for each section whose numbers differ between the texts: what only one side has."""
    theirs = numbers_by_section(russian)
    found = []
    for section, numbers in numbers_by_section(english).items():
        other = theirs.get(section, Counter())
        if numbers != other:
            only_en = sorted((numbers - other).elements())
            only_ru = sorted((other - numbers).elements())
            found.append(f"§{section}: only in English {only_en}, only in Russian {only_ru}")
    return found


def dangling_references(text: str) -> list[str]:
    """The §N / §N.N references in the text that name no heading of it."""
    headings = set(section_numbers(text))
    return sorted({ref for ref in REFERENCE.findall(text) if ref not in headings})


def test_the_russian_rules_have_the_english_sections_in_order() -> None:
    english = section_numbers(ENGLISH.read_text(encoding="utf-8"))
    assert len(english) > 100 and "1" in english and "16.4" in english
    assert section_numbers(RUSSIAN.read_text(encoding="utf-8")) == english


def test_every_section_keeps_its_numbers() -> None:
    english = ENGLISH.read_text(encoding="utf-8")
    assert number_differences(english, RUSSIAN.read_text(encoding="utf-8")) == []


def test_section_references_name_a_section() -> None:
    for path in (ENGLISH, RUSSIAN):
        assert dangling_references(path.read_text(encoding="utf-8")) == [], path.name


def test_the_checks_catch_a_missing_section_and_a_changed_number() -> None:
    english = ENGLISH.read_text(encoding="utf-8")
    russian = RUSSIAN.read_text(encoding="utf-8")
    without_7_3 = "\n".join(line for line in russian.splitlines() if not line.startswith("### 7.3 "))
    assert section_numbers(without_7_3) != section_numbers(english)
    assert any(line.startswith("§7.3:") for line in number_differences(english, without_7_3))
    changed = russian.replace("Пять **прикаспийских**", "Пять **прикаспийских** (их 6)", 1)
    assert changed != russian
    assert number_differences(english, changed) == ["§2.1: only in English [], only in Russian ['6']"]
