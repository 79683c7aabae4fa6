"""The content loader: exact problem messages for broken data, clean loads of good data."""

from __future__ import annotations

import copy
import shutil
import tomllib
from pathlib import Path
from typing import Any

import attrs
import pytest

from game.content_files import ASSETS, content_hash, list_scenarios, load_scenario, validate, validate_tree
from rules.content import (
    ContentError,
    build_scenario,
    converter,
    parse_cards,
    parse_scenario,
    parse_sources,
    parse_world,
)
from rules.content.refs import date
from rules.scenario import CardDef, RulesDef, ScenarioDef, SourceDef, World
from rules.setup import new_game

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "content"
GOOD = FIXTURES / "good"
BROKEN = FIXTURES / "broken"
G = "tests/fixtures/content/good"
B = "tests/fixtures/content/broken"


def doc(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


def good_world() -> World:
    world, problems = parse_world(doc(GOOD / "world" / "mini.toml"), "w.toml")
    assert problems == [] and world is not None
    return world


def good_cards() -> tuple[CardDef, ...]:
    cards, problems = parse_cards(doc(GOOD / "cards" / "era1.toml"), "c.toml")
    assert problems == []
    return cards


def good_sources() -> tuple[SourceDef, ...]:
    sources, problems = parse_sources(doc(GOOD / "sources.toml"), "s.toml")
    assert problems == []
    return sources


def scenario_doc() -> dict[str, Any]:
    return doc(GOOD / "scenarios" / "mini.toml")


def build_problems(scenario: dict[str, Any], cards: tuple[CardDef, ...] | None = None) -> tuple[str, ...]:
    """The problems `build_scenario` raises for a scenario document over the good world."""
    definition, problems = parse_scenario(scenario, "s.toml")
    assert problems == [] and definition is not None
    cards = good_cards() if cards is None else cards
    with pytest.raises(ContentError) as caught:
        build_scenario(definition, good_world(), [("c.toml", cards)], good_sources(), "src.toml", "s.toml", "w.toml")
    return caught.value.problems


# --------------------------------------------------------------------------- broken fixtures, exact messages

BROKEN_FILES = {
    "world/mini.toml": [
        f'{B}/world/mini.toml: nodes[5].id: duplicate id "tbilisi" (first at nodes[4])',
        f'{B}/world/mini.toml: links[3].type: unknown link type "railway" (did you mean "rail"?); '
        "expected one of: rail, sea, oil, gas, power",
        f'{B}/world/mini.toml: links[3].states[1]: unknown state "georgai" (did you mean "georgia"?)',
        f'{B}/world/mini.toml: links[4].b: unknown node "poti"',
        f'{B}/world/mini.toml: links[5].a: unknown node "poti"',
        f'{B}/world/mini.toml: routes[0].links[3]: link "poti_europe" does not continue from link "baku_tbilisi"; '
        "a route must be a contiguous path",
        f'{B}/world/mini.toml: producers[1].node: node "tengiz" lies in "kazakhstan", '
        'not in the producer\'s state "azerbaijan"',
        f'{B}/world/mini.toml: blocs[1].sponsor: unknown sponsor "europe_union"; a sponsor is a patron or state id',
    ],
    "cards/structure.toml": [
        f'{B}/cards/structure.toml: cards[0].ops: expected an integer, got string "two"',
        f"{B}/cards/structure.toml: cards[0].favours: missing required key",
        f'{B}/cards/structure.toml: cards[0].effects[0].kind: unknown effect kind "infuence" '
        '(did you mean "influence"?); expected one of: budget, build_progress, credibility, influence, join_bloc, '
        "leave_bloc, link_capacity, link_cost, link_status, ops, price, production, stability, standing, summit, "
        "tension, vp",
        f'{B}/cards/structure.toml: cards[0].effects[1].until: unknown key "until"; '
        "expected one of: kind, target, amount",
        f'{B}/cards/structure.toml: cards[0].favors: unknown key "favors" (did you mean "favours"?)',
    ],
    "cards/refs.toml": [
        f"{B}/cards/refs.toml: cards[0].ops: ops must be 1, 2 or 3, got 4",
        f"{B}/cards/refs.toml: cards[0].note: note has 63 words; at most 60",
        f'{B}/cards/refs.toml: cards[0].source: source "crash_2024" is not in {B}/sources.toml '
        '(did you mean "shusha_2024"?)',
        f'{B}/cards/refs.toml: cards[0].effects[0].target: unknown state "kazakstan" (did you mean "kazakhstan"?)',
        f'{B}/cards/refs.toml: cards[1].source: source "cpc_2O22" is not in {B}/sources.toml '
        '(did you mean "cpc_2022"?)',
        f'{B}/cards/refs.toml: cards[1].id: duplicate id "aktau_crash" (first at {B}/cards/refs.toml: cards[0])',
    ],
    "cards/syntax.toml": [f"{B}/cards/syntax.toml: line 4: Invalid value (column 8)"],
    "scenarios/mini.toml": [
        f"{B}/scenarios/mini.toml: lengths.full: a length plays 1 to 2 eras (the scenario's eras), got 3",
        f'{B}/scenarios/mini.toml: default_length: unknown length "ful" (did you mean "full"?)',
        f'{B}/scenarios/mini.toml: default_seats[2]: state "kyrgyzstan" cannot be a seat (seatable = false)',
    ],
    "sources.toml": [],
}


@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_broken_fixture_reports_exact_problems(name: str) -> None:
    assert validate([BROKEN / name]) == BROKEN_FILES[name]


def test_loading_a_broken_scenario_reports_every_problem_at_once() -> None:
    with pytest.raises(ContentError) as caught:
        load_scenario("mini", BROKEN)
    expected = [p for name in sorted(BROKEN_FILES) for p in BROKEN_FILES[name]]
    assert sorted(caught.value.problems) == sorted(expected)
    assert str(caught.value) == "\n".join(caught.value.problems)


def test_validating_a_tree_finds_the_problems_of_all_its_files() -> None:
    expected = [p for name in BROKEN_FILES for p in BROKEN_FILES[name]]
    assert sorted(validate_tree(BROKEN)) == sorted(expected)


# --------------------------------------------------------------------------- structure pass


def test_a_boolean_is_not_an_integer() -> None:
    raw = scenario_doc()
    raw["min_seats"] = True
    assert parse_scenario(raw, "s.toml") == (None, ["s.toml: min_seats: expected an integer, got boolean true"])


def test_a_string_is_not_an_array() -> None:
    raw = scenario_doc()
    raw["default_seats"] = "russia"
    assert parse_scenario(raw, "s.toml")[1] == ['s.toml: default_seats: expected an array, got string "russia"']


def test_an_unquoted_toml_date_is_not_a_string() -> None:
    raw = tomllib.loads("[[sources]]\nid = 'a'\ntitle = 'A'\ndate = 2022-03-23\n")
    assert parse_sources(raw, "s.toml") == (
        (),
        ["s.toml: sources[0].date: expected a string, got date 2022-03-23 (put it in quotes to make it a string)"],
    )


def test_an_effect_without_kind_is_a_problem() -> None:
    raw = doc(GOOD / "cards" / "era1.toml")
    del raw["cards"][0]["effects"][1]["kind"]
    assert parse_cards(raw, "c.toml") == ((), ["c.toml: cards[0].effects[1].kind: missing required key"])


def test_unknown_top_level_key_of_a_card_file_is_a_problem() -> None:
    raw = {"card": doc(GOOD / "cards" / "era1.toml")["cards"]}
    assert parse_cards(raw, "c.toml")[1] == [
        "c.toml: cards: missing required key",
        'c.toml: card: unknown key "card" (did you mean "cards"?)',
    ]


def test_problems_in_map_values_name_the_key() -> None:
    raw = scenario_doc()
    raw["opening_hands"] = {"kazakhstan": ["cpc_outage", 3]}
    assert parse_scenario(raw, "s.toml")[1] == ["s.toml: opening_hands.kazakhstan[1]: expected a string, got integer 3"]


def test_effects_structure_to_the_class_their_kind_names() -> None:
    cards = good_cards()
    kinds = [type(e).__name__ for e in cards[0].effects]
    assert kinds == ["LinkStatus", "Budget"]
    assert cards[1].choice is not None and cards[1].choice.options[1].effects == ()


def test_world_round_trips_through_unstructure() -> None:
    world = good_world()
    assert converter.structure(converter.unstructure(world), World) == world


def test_cards_round_trip_through_unstructure() -> None:
    cards = good_cards()
    assert converter.structure(converter.unstructure(cards), tuple[CardDef, ...]) == cards


# --------------------------------------------------------------------------- cross-reference pass


def test_good_parts_build_a_scenario() -> None:
    definition, _ = parse_scenario(scenario_doc(), "s.toml")
    assert definition is not None
    scenario = build_scenario(
        definition, good_world(), [("c.toml", good_cards())], good_sources(), "src.toml", "s.toml", "w.toml", "abc"
    )
    assert scenario.content_hash == "abc"
    assert scenario.cards_by_era == {1: ("btc_barrels", "cpc_outage"), 2: ()}


def test_cards_must_belong_to_an_era_of_the_scenario() -> None:
    raw = scenario_doc()
    raw["eras"] = raw["eras"][1:]
    raw["lengths"] = {"full": 1}
    assert build_problems(raw) == (
        'c.toml: cards[0].era: era 1 is not an era of scenario "mini" (s.toml: eras 2)',
        'c.toml: cards[1].era: era 1 is not an era of scenario "mini" (s.toml: eras 2)',
    )


def test_opening_hands_name_seats_and_cards_in_play() -> None:
    raw = scenario_doc()
    raw["cards"] = ["cpc_outage", "btc_barels"]
    raw["opening_hands"] = {"kazakstan": ["cpc_outage"], "russia": ["btc_barrels"]}
    assert build_problems(raw) == (
        's.toml: cards[1]: unknown card "btc_barels" (did you mean "btc_barrels"?)',
        's.toml: opening_hands.kazakstan: unknown state "kazakstan" (did you mean "kazakhstan"?)',
        's.toml: opening_hands.russia[0]: card "btc_barrels" is not in play in this scenario '
        "(disabled, or not in its cards list)",
    )


def test_a_scenario_may_set_route_points_in_place_of_the_world() -> None:
    raw = scenario_doc()
    raw["route_vp"] = {"middle_corridor": 3}
    definition, _ = parse_scenario(raw, "s.toml")
    assert definition is not None
    world = good_world()
    scenario = build_scenario(
        definition, world, [("c.toml", good_cards())], good_sources(), "src.toml", "s.toml", "w.toml"
    )
    changed = scenario.route_index["middle_corridor"]
    assert scenario.routes[changed].vp == 3 and world.routes[changed].vp != 3
    assert [r.vp for i, r in enumerate(scenario.routes) if i != changed] == [
        r.vp for i, r in enumerate(world.routes) if i != changed
    ]
    raw["route_vp"] = {"midle_corridor": 1, "middle_corridor": -1}
    assert build_problems(raw) == (
        's.toml: route_vp.midle_corridor: unknown route "midle_corridor" (did you mean "middle_corridor"?)',
        "s.toml: route_vp.middle_corridor: must be at least 0, got -1",
    )


def test_scenario_names_its_world_and_enough_seats() -> None:
    raw = scenario_doc()
    raw["world"] = "mni"
    raw["default_seats"] = ["russia"]
    assert build_problems(raw) == (
        's.toml: world: unknown world "mni" (did you mean "mini"?)',
        "s.toml: default_seats: 1 seats is outside min_seats..max_seats (2..9)",
    )


def test_chooser_needs_a_choice_on_the_card() -> None:
    raw = doc(GOOD / "cards" / "era1.toml")
    raw["cards"][0]["effects"][1]["target"] = "@chooser"
    raw["cards"][1]["favours"] = ""  # "@favoured" on a neutral card names the player: fine
    cards, _ = parse_cards(raw, "c.toml")
    assert build_problems(scenario_doc(), cards) == (
        'c.toml: cards[0].effects[1].target: target "@chooser" needs the card to have a choice',
    )


def test_choice_effects_are_checked_with_their_path() -> None:
    raw = doc(GOOD / "cards" / "era1.toml")
    raw["cards"][1]["choice"]["options"][0]["effects"][0]["patron"] = "chna"
    cards, _ = parse_cards(raw, "c.toml")
    assert build_problems(scenario_doc(), cards) == (
        'c.toml: cards[1].choice.options[0].effects[0].patron: unknown patron "chna" (did you mean "china"?)',
    )


def test_a_link_lies_in_at_most_two_states() -> None:
    raw = doc(GOOD / "world" / "mini.toml")
    raw["links"][3]["states"] = ["azerbaijan", "georgia", "russia"]
    world, _ = parse_world(raw, "w.toml")
    definition, _ = parse_scenario(scenario_doc(), "s.toml")
    assert world is not None and definition is not None
    with pytest.raises(ContentError) as caught:
        build_scenario(definition, world, [], (), "src.toml", "s.toml", "w.toml")
    assert caught.value.problems == ("w.toml: links[3].states: a link lies in at most 2 states, got 3",)


# --------------------------------------------------------------------------- files


def test_good_fixture_has_no_problems() -> None:
    assert validate_tree(GOOD) == []


def test_loads_a_scenario_with_its_world_cards_and_sources() -> None:
    scenario = load_scenario("mini", GOOD)
    assert scenario.id == "mini" and scenario.world.id == "mini"
    assert scenario.rules.hand_size == 4
    assert [c.id for c in scenario.cards] == ["cpc_outage", "btc_barrels", "shusha_summit"]
    assert [s.id for s in scenario.sources] == ["cpc_2022", "btc_2023", "shusha_2024"]
    assert [e.number for e in scenario.eras_for("short")] == [1]


def test_a_scenario_may_restrict_its_cards() -> None:
    assert [c.id for c in load_scenario("tutorial", GOOD).cards] == ["cpc_outage", "btc_barrels"]


def test_repeated_loads_come_from_the_cache() -> None:
    assert load_scenario("mini", GOOD) is load_scenario("mini", GOOD)


def test_scenarios_are_listed_by_id_and_name() -> None:
    assert list_scenarios(GOOD) == [("mini", "Mini game"), ("tutorial", "Tutorial")]


def test_an_unknown_scenario_id_suggests_a_known_one() -> None:
    with pytest.raises(ContentError) as caught:
        load_scenario("tutorail", GOOD)
    assert caught.value.problems == (f'{G}/scenarios: unknown scenario "tutorail" (did you mean "tutorial"?)',)


def test_content_hash_covers_the_scenario_files_and_follows_their_bytes(tmp_path: Path) -> None:
    files = [GOOD / "scenarios" / "mini.toml", GOOD / "world" / "mini.toml", GOOD / "sources.toml"]
    files += sorted((GOOD / "cards").glob("*.toml"))
    assert load_scenario("mini", GOOD).content_hash == content_hash(files)
    copied = tmp_path / "assets"
    shutil.copytree(GOOD, copied)
    era2 = copied / "cards" / "era2.toml"
    era2.write_text(era2.read_text().replace("ops = 1", "ops = 2"))
    changed = load_scenario("mini", copied)
    assert changed.content_hash != load_scenario("mini", GOOD).content_hash
    assert changed.card("shusha_summit").ops == 2


def test_a_missing_file_is_one_clear_problem() -> None:
    assert validate([GOOD / "cards" / "nowhere.toml"]) == [f"{G}/cards/nowhere.toml: file not found"]


def test_file_names_outside_the_repository_are_kept_as_given(tmp_path: Path) -> None:
    loose = tmp_path / "cards.toml"
    loose.write_text('[[cards]]\nid = "x"\n')
    problems = validate([loose])
    assert problems[0] == f"{loose}: cards[0].title: missing required key"
    assert all(p.startswith(f"{loose}: cards[0].") for p in problems)


def test_a_loose_file_of_unknown_shape_says_so(tmp_path: Path) -> None:
    loose = tmp_path / "what.toml"
    loose.write_text('colour = "blue"\n')
    assert validate([loose]) == [
        f'{loose}: cannot tell what this file holds (expected one of the keys "cards", "sources", "eras", "states")'
    ]


def test_an_unterminated_toml_file_names_its_last_line(tmp_path: Path) -> None:
    broken = tmp_path / "cards.toml"
    broken.write_text('[[cards]]\nid = "x"\nimpacts = [1,\n2')
    assert validate([broken]) == [f"{broken}: line 4: Unclosed array (at end of file)"]


def test_a_scenario_naming_a_missing_world_cannot_load(tmp_path: Path) -> None:
    copied = tmp_path / "assets"
    shutil.copytree(GOOD, copied)
    scenario = copied / "scenarios" / "mini.toml"
    scenario.write_text(scenario.read_text().replace('world = "mini"', 'world = "mimi"'))
    with pytest.raises(ContentError) as caught:
        load_scenario("mini", copied)
    assert caught.value.problems == (f'{scenario}: world: unknown world "mimi" (did you mean "mini"?)',)


def test_parsing_leaves_the_document_unchanged() -> None:
    raw = scenario_doc()
    before = copy.deepcopy(raw)
    parse_scenario(raw, "s.toml")
    assert raw == before
    assert isinstance(parse_scenario(raw, "s.toml")[0], ScenarioDef)


# --------------------------------------------------------------------------- shipped assets


@pytest.mark.skipif(
    not any((ASSETS / "scenarios").glob("*.toml")),
    reason="assets/scenarios/ is still empty: the data files are being written in parallel",
)
def test_shipped_assets_have_no_problems() -> None:
    assert validate() == []


def test_a_scenario_file_with_a_syntax_error_reports_it_when_loaded(tmp_path: Path) -> None:
    copied = tmp_path / "assets"
    shutil.copytree(GOOD, copied)
    tutorial = copied / "scenarios" / "tutorial.toml"
    tutorial.write_text(tutorial.read_text().replace('name = "Tutorial"', 'name = "Tutorial'))
    with pytest.raises(ContentError) as caught:
        load_scenario("tutorial", copied)
    assert caught.value.problems == (f"{tutorial}: line 2: Illegal character '\\n' (column 17)",)
    assert list_scenarios(copied) == [("mini", "Mini game")]


@pytest.mark.parametrize(
    ("value", "real"),
    [
        ("2023", True),
        ("2023-04", True),
        ("2024-02-29", True),
        ("2000-02-29", True),
        ("2023-02-29", False),
        ("1900-02-29", False),
        ("2023-4", False),
        ("2023-13", False),
        ("2023-00", False),
        ("2023-01-00", False),
        ("2023-04-31", False),
        ("April 2023", False),
    ],
)
def test_a_content_date_must_be_a_real_year_month_or_day(value: str, real: bool) -> None:
    assert (date(value) is None) is real


def test_a_format_sets_numbers_checked_as_the_scenarios() -> None:
    raw = scenario_doc()
    raw["formats"] = {
        "lesson": {
            "eras": 1,
            "rules": {"summit_margn": 4, "hand_size": 3, "speed": 1},
            "start_prices": {"oill": 9},
            "route_vp": {"midle_corridor": 1},
        },
        "short": {"eras": 3},
    }
    rules = ", ".join(a.name for a in attrs.fields(RulesDef))
    assert build_problems(raw) == (
        "s.toml: formats.short.eras: a length plays 1 to 2 eras (the scenario's eras), got 3",
        's.toml: formats.short: format "short" is also in lengths',
        's.toml: formats.lesson.rules.summit_margn: unknown key "summit_margn" (did you mean "summit_margin"?)',
        f's.toml: formats.lesson.rules.speed: unknown key "speed"; expected one of: {rules}',
        's.toml: formats.lesson.start_prices.oill: unknown commodity "oill" (did you mean "oil"?); '
        "expected one of: oil, gas, cargo, power",
        's.toml: formats.lesson.route_vp.midle_corridor: unknown route "midle_corridor" '
        '(did you mean "middle_corridor"?)',
    )
    raw["formats"] = {"lesson": {"eras": 1, "rules": {"summit_margin": "4"}, "era": 1}}
    raw["rules"] = {"summit_margn": 4}
    definition, problems = parse_scenario(raw, "s.toml")
    assert definition is None and problems == [
        's.toml: formats.lesson.rules.summit_margin: expected an integer, got string "4"',
        's.toml: formats.lesson.era: unknown key "era" (did you mean "eras"?)',
        's.toml: rules.summit_margn: unknown key "summit_margn" (did you mean "summit_margin"?)',
    ]


def test_a_format_plays_its_numbers_over_the_scenarios() -> None:
    raw = scenario_doc()
    raw["default_length"] = "lesson"
    raw["formats"] = {"lesson": {"eras": 1, "rules": {"summit_margin": 4}, "start_prices": {"gas": 11}}}
    definition, _ = parse_scenario(raw, "s.toml")
    assert definition is not None
    scenario = build_scenario(
        definition, good_world(), [("c.toml", good_cards())], good_sources(), "src.toml", "s.toml", "w.toml"
    )
    lesson = scenario.played("lesson", 3)
    assert definition.format_names() == ("full", "short", "lesson")
    assert (scenario.rules.summit_margin, lesson.rules.summit_margin) == (3, 4)
    assert lesson.rules.hand_size == scenario.rules.hand_size == 4
    assert (scenario.start_prices, lesson.start_prices) == ({"oil": 12}, {"oil": 12, "gas": 11})
    assert [e.number for e in scenario.eras_for("lesson")] == [1]


def test_a_table_sets_numbers_checked_as_the_scenarios() -> None:
    raw = scenario_doc()
    raw["tables"] = {
        "6": {
            "rules": {"summit_margn": 4},
            "start_prices": {"oill": 9},
            "route_vp": {"midle_corridor": 1},
            "budgets": {"kazakstan": 9, "kyrgyzstan": 4, "georgia": -1},
        },
        "5-7": {},
        "six": {},
        "7-5": {},
        "8-12": {},
        "1": {},
    }
    assert build_problems(raw) == (
        's.toml: tables.6.rules.summit_margn: unknown key "summit_margn" (did you mean "summit_margin"?)',
        's.toml: tables.6.start_prices.oill: unknown commodity "oill" (did you mean "oil"?); '
        "expected one of: oil, gas, cargo, power",
        's.toml: tables.6.route_vp.midle_corridor: unknown route "midle_corridor" (did you mean "middle_corridor"?)',
        's.toml: tables.6.budgets.kazakstan: unknown state "kazakstan" (did you mean "kazakhstan"?)',
        's.toml: tables.6.budgets.kyrgyzstan: state "kyrgyzstan" cannot be a seat (seatable = false)',
        "s.toml: tables.6.budgets.georgia: must be at least 0, got -1",
        's.toml: tables.5-7: table "5-7" is for seat counts another table is for (6)',
        's.toml: tables.six: table "six" is not a seat count or a range of them (write "6" or "6-9")',
        's.toml: tables.7-5: table "7-5" is not a seat count or a range of them (write "6" or "6-9")',
        's.toml: tables.8-12: table "8-12" is for seat counts outside min_seats..max_seats (2..9)',
        's.toml: tables.1: table "1" is for seat counts outside min_seats..max_seats (2..9)',
    )
    raw["tables"] = {"6": {"rules": {"hand_size": "4"}, "eras": 1, "route_vpp": {}}}
    definition, problems = parse_scenario(raw, "s.toml")
    assert definition is None and problems == [
        's.toml: tables.6.rules.hand_size: expected an integer, got string "4"',
        's.toml: tables.6.eras: unknown key "eras"; expected one of: rules, start_prices, route_vp, budgets',
        's.toml: tables.6.route_vpp: unknown key "route_vpp" (did you mean "route_vp"?)',
    ]


def test_a_table_plays_its_numbers_over_the_format_at_its_seat_counts_only() -> None:
    raw = scenario_doc()
    raw["formats"] = {"lesson": {"eras": 1, "rules": {"summit_margin": 4}, "start_prices": {"gas": 11}}}
    raw["tables"] = {
        "3-4": {
            "rules": {"summit_margin": 7, "hand_size": 5},
            "route_vp": {"middle_corridor": 3},
            "budgets": {"kazakhstan": 4},
        },
        "9": {"start_prices": {"oil": 14}},
    }
    definition, _ = parse_scenario(raw, "s.toml")
    assert definition is not None
    scenario = build_scenario(
        definition, good_world(), [("c.toml", good_cards())], good_sources(), "src.toml", "s.toml", "w.toml"
    )
    corridor = scenario.route_index["middle_corridor"]

    def numbers(length: str, seats: int) -> tuple[int, int, dict[str, int], int, int]:
        played = scenario.played(length, seats)
        rules, kazakhstan = played.rules, played.start_budgets["kazakhstan"]
        return rules.summit_margin, rules.hand_size, played.start_prices, played.routes[corridor].vp, kazakhstan

    plain = scenario.routes[corridor].vp
    assert numbers("full", 2) == (3, 4, {"oil": 12}, plain, 10) and scenario.played("full", 2) is scenario
    assert numbers("full", 3) == numbers("full", 4) == (7, 5, {"oil": 12}, 3, 4)
    assert numbers("lesson", 2) == (4, 4, {"oil": 12, "gas": 11}, plain, 10)
    assert numbers("lesson", 4) == (7, 5, {"oil": 12, "gas": 11}, 3, 4)  # the format, then the table
    assert numbers("lesson", 9) == (4, 4, {"oil": 14, "gas": 11}, plain, 10)
    assert scenario.played("full", 3) is scenario.played("full", 4) is scenario.played("lesson", 2).played("full", 4)
    seats = ("kazakhstan", "russia", "azerbaijan", "georgia")
    assert [new_game(scenario, 1, seats[:n]).budget[0] for n in (2, 3, 4)] == [10, 4, 4]
