"""A table stays within what its scenario allows: bounds, seatable states, one seat per state."""

from __future__ import annotations

import random

from game import table
from game.content_files import load_scenario
from game.table import TableSeat

CASPIAN = load_scenario("caspian-2023")
TUTORIAL = load_scenario("tutorial")


def test_allowed_states_are_the_nine_seatable_or_a_lessons_scripted_ones() -> None:
    assert len(table.allowed_states(CASPIAN)) == 9 and "kyrgyzstan" not in table.allowed_states(CASPIAN)
    assert table.allowed_states(TUTORIAL) == ("kazakhstan", "russia")


def test_a_seat_switches_only_to_free_states_and_added_seats_take_one() -> None:
    seats = table.default_table(CASPIAN)
    assert table.next_free_state(CASPIAN, seats, 0) == "iran"  # russia -> the next state after it not seated
    assert table.next_free_state(CASPIAN, seats, 0, -1) == "turkey"  # back, round past the first
    grown = table.add_seat(CASPIAN, table.add_seat(CASPIAN, seats))
    assert [s.state for s in grown[4:]] == ["iran", "georgia"]
    while table.can_add(CASPIAN, grown):
        grown = table.add_seat(CASPIAN, grown)
    assert len(grown) == 9 and len({s.state for s in grown}) == 9


def test_moves_stay_within_the_table_and_a_shuffle_keeps_the_seats() -> None:
    seats = table.default_table(CASPIAN)
    assert table.move_seat(seats, 0, -1) == seats
    assert [s.state for s in table.move_seat(seats, 3, -1)][2:] == ["turkmenistan", "azerbaijan"]
    assert sorted(table.shuffled(seats, random.Random(1)), key=str) == sorted(seats, key=str)


def test_a_remembered_table_is_cut_to_the_scenarios_bounds() -> None:
    nine = [[s, False, "hard"] for s in table.allowed_states(CASPIAN)]
    assert len(table.remembered_table(TUTORIAL, nine)) == 2
    assert table.remembered_table(TUTORIAL, nine)[0] == TableSeat("kazakhstan", False, "hard")
    assert table.remembered_table(CASPIAN, None) == table.default_table(CASPIAN)


def test_a_seat_is_played_by_a_human_a_bot_or_a_browser_and_the_table_remembers_which() -> None:
    seat = TableSeat("russia")
    cycle = [seat, seat.next_player(), seat.next_player().next_player(), seat.next_player().next_player().next_player()]
    assert [(s.human, s.remote) for s in cycle] == [(True, False), (False, False), (False, True), (True, False)]
    scenario = load_scenario("caspian-2023")
    remembered = [s.to_json() for s in (TableSeat("russia", False, remote=True), TableSeat("iran"))]
    assert remembered[1] == ["iran", True, "greedy"], "a table without browser seats is saved as before"
    back = table.remembered_table(scenario, remembered)
    assert [(s.state, s.human, s.remote) for s in back[:2]] == [("russia", False, True), ("iran", True, False)]
