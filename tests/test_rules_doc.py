"""docs/rules.md, the rules of record: the code cites it (not the original brief, which is not in the
repository), every section cited exists, the Russian text has the same sections, and the numbers its
scenario table gives are the scenarios' own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.content_files import load_scenario

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "docs" / "rules.md"
RULES_RU = ROOT / "docs" / "rules.ru.md"
CODE = ("rules", "game", "tests", "tools", "bench")
# "rules §7.4", "rules §9.4, §11.3", "rules §7.6-7.10"; and "(§9.4)" inside rules.md itself.
_CITATION = re.compile(r"rules (§[\d.]*\d(?:-[\d.]*\d)?(?:, §[\d.]*\d(?:-[\d.]*\d)?)*)")
_SECTION = re.compile(r"§([\d.]*\d)(?:-([\d.]*\d))?")
_HEADING = re.compile(r"^#{2,3} (\d+(?:\.\d+)?)\.? ", re.MULTILINE)


def sections(path: Path = RULES) -> set[str]:
    """The numbers of the sections and subsections of a rules text ("7", "7.4")."""
    return set(_HEADING.findall(path.read_text(encoding="utf-8")))


def cited(text: str) -> list[str]:
    """Every section number a text cites as "rules §..." (both ends of a range)."""
    out = []
    for group in _CITATION.findall(text):
        for first, last in _SECTION.findall(group):
            out.append(first)
            if last:
                out.append(last if "." in last else f"{first.split('.')[0]}.{last}")
    return out


def repository_citations() -> list[tuple[str, str]]:
    """(file, section) for every citation of the rules in the project's code, data and documents."""
    out = []
    for folder in (*CODE, "assets", "docs"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".py", ".toml", ".md"):
                name = str(path.relative_to(ROOT))
                out += [(name, number) for number in cited(path.read_text(encoding="utf-8"))]
    return out


def test_every_cited_section_exists() -> None:
    known = sections()
    citations = repository_citations()
    assert len(citations) > 100
    missing = [f"{name}: §{number}" for name, number in citations if number not in known]
    assert not missing, missing


def test_no_code_cites_the_brief() -> None:
    """The brief was the design before the code; the code and its tests cite docs/rules.md instead."""
    citing = [
        str(path.relative_to(ROOT))
        for folder in CODE
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "BRIEF" + " §" in path.read_text(encoding="utf-8")
    ]
    assert citing == []


def test_the_russian_rules_have_the_same_sections() -> None:
    assert sections(RULES_RU) == sections(RULES)


def test_cross_references_inside_the_rules_exist() -> None:
    known = sections()
    text = RULES.read_text(encoding="utf-8")
    missing = sorted({n for n in re.findall(r"§(\d+(?:\.\d+)?)", text) if n not in known})
    assert not missing, missing


def test_sections_are_numbered_in_order() -> None:
    numbers = _HEADING.findall(RULES.read_text(encoding="utf-8"))
    keys = [tuple(int(part) for part in n.split(".")) for n in numbers]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


def scenario_table() -> dict[str, list[str]]:
    """The rows of the table in §1.5: label -> the values for 2023, 2024 and the tutorial."""
    text = RULES.read_text(encoding="utf-8")
    part = text.split("### 1.5 ", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in part.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[1] and cells[1][0].isdigit():
            rows[cells[0]] = cells[1:]
    return rows


_FIELDS = {
    "Hand size": "hand_size",
    "Starting tension": "start_tension",
    "Tension after a crisis": "crisis_reset",
    "Tension a throttle adds": "throttle_tension",
    "Tension a cut adds": "cut_tension",
    "Summit margin (bloc dominance)": "summit_margin",
    "Sovereignty cap": "sovereignty_cap",
}


@pytest.mark.parametrize("column, scenario_id", [(0, "caspian-2023"), (1, "caspian-2024"), (2, "tutorial")])
def test_the_scenario_table_gives_each_scenarios_numbers(column: int, scenario_id: str) -> None:
    scenario = load_scenario(scenario_id)
    rows = scenario_table()
    assert set(_FIELDS) < set(rows)
    for label, field in _FIELDS.items():
        assert rows[label][column] == str(getattr(scenario.rules, field)), label
    assert {int(rows["Rounds per era"][column])} == {era.rounds for era in scenario.definition.eras}
    prices = {**scenario.world.prices, **scenario.definition.start_prices}
    assert rows["Starting price of oil / gas"][column] == f"{prices['oil']}/{prices['gas']}"
