"""docs/rules.md is the rules of record and docs/rules.ru.md the same rules in Russian: the same numbered
sections in the same order, and the same numbers. The code cites the English text, never the original brief
(not in the repository), by sections that exist; its table of numbers by scenario is the scenarios' own.

The rules of record are numbered (§N headings, §N.N subsections) and the code cites them by number, so the
Russian text the in-game reader shows must keep every section under its number. Each section is compared as the
multiset of the digit runs in it (budgets, VP, section references, years): a rule whose number changes in one
file and not in the other, or a section left out or added, fails here with the section named.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from game.content_files import load_scenario

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
ENGLISH = DOCS / "rules.md"
RUSSIAN = DOCS / "rules.ru.md"
HEADING = re.compile(r"^#{2,3} (\d+(?:\.\d+)?)[. ]")
DIGITS = re.compile(r"\d+")
REFERENCE = re.compile(r"§(\d+(?:\.\d+)?)")
PREAMBLE = "preamble"
CODE = ("rules", "game", "tests", "tools", "bench")
# A citation of the rules in code or data: "rules §7.4", "rules §9.4, §11.3", "rules §7.6-7.10".
CITATION = re.compile(r"rules (§[\d.]*\d(?:-[\d.]*\d)?(?:, §[\d.]*\d(?:-[\d.]*\d)?)*)")
CITED = re.compile(r"§([\d.]*\d)(?:-([\d.]*\d))?")


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


# --------------------------------------------------------------------------- the code cites the rules


def cited(text: str) -> list[str]:
    """Every section number a text cites as "rules §..." (both ends of a range)."""
    out = []
    for group in CITATION.findall(text):
        for first, last in CITED.findall(group):
            out += [first, last] if last else [first]
    return out


def project_citations() -> list[tuple[str, str]]:
    """(file, section) for every citation of the rules in the project's code, data and documents."""
    out = []
    for folder in (*CODE, "assets", "docs"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".py", ".toml", ".md"):
                name = str(path.relative_to(ROOT))
                out += [(name, number) for number in cited(path.read_text(encoding="utf-8"))]
    return out


def test_every_cited_section_exists() -> None:
    known = set(section_numbers(ENGLISH.read_text(encoding="utf-8")))
    citations = project_citations()
    assert len(citations) > 100
    assert [f"{name}: §{number}" for name, number in citations if number not in known] == []


def test_no_code_cites_the_brief() -> None:
    """The brief was the design before the code; the code and its tests cite docs/rules.md instead."""
    citing = [
        str(path.relative_to(ROOT))
        for folder in CODE
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "BRIEF" + " §" in path.read_text(encoding="utf-8")
    ]
    assert citing == []


# --------------------------------------------------------------------------- numbers by scenario (§1.5)


def scenario_table(heading: str = "") -> dict[str, list[str]]:
    """The rows of the first table in §1.5, or of the one under its `#### heading`: label -> the values of
    its columns (the header row's included)."""
    part = ENGLISH.read_text(encoding="utf-8").split("### 1.5 ", 1)[1].split("\n## ", 1)[0]
    part = part.split(f"\n#### {heading}\n", 1)[1] if heading else part
    part = part.split("\n#### ", 1)[0]
    rows = {}
    for line in part.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) > 2 and not set(cells[1]) <= set("-"):
            rows[cells[0]] = cells[1:]
    return rows


# The table's columns: a scenario played in one of its formats at a table of some seats.
COLUMNS = {
    "2023": ("caspian-2023", "full", 4),
    "2023 lesson": ("caspian-2023", "lesson", 4),
    "2024": ("caspian-2024", "short", 4),
    "2024 lesson": ("caspian-2024", "lesson", 4),
    "Tutorial": ("tutorial", "full", 2),
}
FIELDS = {
    "Hand size": "hand_size",
    "Starting tension": "start_tension",
    "Tension after a crisis": "crisis_reset",
    "Tension a throttle adds": "throttle_tension",
    "Tension a cut adds": "cut_tension",
    "Summit margin (bloc dominance)": "summit_margin",
    "Sovereignty cap": "sovereignty_cap",
}
ROUTES = {
    "Russia–Iran route (VP)": "caspian_north_south",
    "Caspian–Black Sea route (VP)": "caspian_black_sea",
    "Middle Corridor (VP)": "middle_corridor",
    "BTC pipeline (VP)": "btc_pipeline",
    "India–Central Asia route (VP)": "north_south",
    "Central Asia–China gas (VP)": "central_asia_china_gas",
    "Armenia's road to the sea (VP)": "armenia_black_sea",
    "Baku–Novorossiysk pipeline (VP)": "baku_novorossiysk_pipeline",
}


def test_the_scenario_table_has_a_column_for_each_scenario_and_format() -> None:
    assert scenario_table()["Rule"] == list(COLUMNS)


@pytest.mark.parametrize("column, scenario_id, length, seats", [(i, *c) for i, c in enumerate(COLUMNS.values())])
def test_the_scenario_table_gives_each_scenarios_numbers(
    column: int, scenario_id: str, length: str, seats: int
) -> None:
    scenario = load_scenario(scenario_id).played(length, seats)
    rows = scenario_table()
    assert set(FIELDS) | set(ROUTES) < set(rows)
    for label, field in FIELDS.items():
        assert rows[label][column] == str(getattr(scenario.rules, field)), label
    for label, route in ROUTES.items():
        assert rows[label][column] == str(scenario.routes[scenario.route_index[route]].vp), label
    eras = scenario.eras_for(length)
    assert rows["Eras played"][column] == str(len(eras))
    assert {int(rows["Rounds per era"][column])} == {era.rounds for era in eras}
    prices = {**scenario.world.prices, **scenario.start_prices}
    assert rows["Starting price of oil / gas"][column] == f"{prices['oil']}/{prices['gas']}"


# The table of route points at bigger tables (§1.5): its columns, and its rows' routes.
TABLE_COLUMNS = {
    "2023, 6 seats": ("caspian-2023", "full", 6),
    "2023, 9 seats": ("caspian-2023", "full", 9),
    "2024, 6 seats": ("caspian-2024", "short", 6),
    "2024, 9 seats": ("caspian-2024", "short", 9),
}
TABLE_ROUTES = {
    **ROUTES,
    "Northern Corridor (VP)": "northern_corridor",
    "CPC pipeline (VP)": "cpc_pipeline",
    "Turkmen gas swap (VP)": "turkmen_swap",
    "Trans-Caspian gas route (VP)": "trans_caspian_gas",
    "Green power line (VP)": "green_power",
    "Zangezur link (VP)": "zangezur_corridor",
    "Armenia–Türkiye railway (VP)": "kars_gyumri",
    "Uzbekistan–Tajikistan railway (VP)": "uz_tj_rail",
}


def test_the_table_of_bigger_tables_gives_each_routes_points() -> None:
    """Every route a scenario's table changes is a row, and every cell is the route's points there."""
    rows = scenario_table("At six and nine seats")
    assert rows["Route"] == list(TABLE_COLUMNS)
    changed = set()
    for column, (scenario_id, length, seats) in enumerate(TABLE_COLUMNS.values()):
        scenario = load_scenario(scenario_id)
        played = scenario.played(length, seats)
        assert played is not scenario.played(length, len(scenario.definition.default_seats))
        changed |= {r.id for r, plain in zip(played.routes, scenario.routes) if r.vp != plain.vp}
        for label, cells in rows.items():
            if label != "Route":
                assert cells[column] == str(played.routes[played.route_index[TABLE_ROUTES[label]]].vp), label
    assert changed == {TABLE_ROUTES[label] for label in rows if label != "Route"}


def test_the_starting_budgets_of_bigger_tables_are_in_the_rules() -> None:
    """A table's own starting budgets (`budgets` in `[tables.N]`) are said under the table of §1.5, in
    English as "<State> with <budget>"; the Russian text keeps the same numbers (test_every_section_keeps...)."""
    from game.i18n import Translator, world_name

    part = ENGLISH.read_text(encoding="utf-8").split("\n#### At six and nine seats\n", 1)[1].split("\n## ", 1)[0]
    said = " ".join(part.split())
    english = Translator("en")
    own = []
    for scenario_id, length, seats in TABLE_COLUMNS.values():
        scenario = load_scenario(scenario_id)
        played = scenario.played(length, seats)
        world = {state.id: state.budget for state in scenario.world.states}
        for state_id, budget in played.start_budgets.items():
            if budget != world[state_id]:
                own.append(f"{world_name(english, scenario, 'state', state_id)} with {budget}")
    assert own  # caspian-2023 at nine seats sets two
    assert [phrase for phrase in own if phrase not in said] == []
