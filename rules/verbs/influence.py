"""Influence: put ops into a state as influence, one point per op (two per point where a rival controls
it), up to the maximum."""

from __future__ import annotations

from typing import ClassVar

from attrs import frozen

from rules import board
from rules.effects import change_influence
from rules.errors import Reason
from rules.indexes import Made, shared
from rules.log import Log
from rules.scenario import Scenario
from rules.state import GameState
from rules.turn import begin_ops, finish_ops
from rules.verbs.base import Ids, VerbRule

NAME = "influence"


@frozen
class PlaceInfluence:
    kind: ClassVar[str] = "place_influence"
    seat: str
    state: str


def influence_cost(scenario: Scenario, state: GameState, seat: int, s_idx: int) -> int:
    """Ops per influence point: doubled where a rival controls the state."""
    holder = board.controlling_seat(state, s_idx)
    return 2 if holder >= 0 and holder != seat else 1


def _ids(scenario: Scenario, a: PlaceInfluence) -> Ids:
    return [(a.state, scenario.state_index)]


def _check(scenario: Scenario, state: GameState, seat: int, a: PlaceInfluence, ops: int) -> Reason | None:
    s_idx = scenario.state_index[a.state]
    if state.influence[seat][s_idx] >= scenario.rules.max_influence:
        return Reason.NO_TARGET
    if ops < influence_cost(scenario, state, seat, s_idx):
        return Reason.TOO_COSTLY
    return None


def _has_target(scenario: Scenario, state: GameState, seat: int, ops: int) -> bool:
    """Whether `_check` allows at least one state."""
    row, top = state.influence[seat], scenario.rules.max_influence
    if ops >= 2:
        return any(value < top for value in row)
    table = board.control_table(state)
    return any(value < top and table[s_idx] in (-1, seat) for s_idx, value in enumerate(row))


def _targets(scenario: Scenario, state: GameState, seat: int, ops: int, made: Made) -> list[PlaceInfluence]:
    """The states `_check` allows (read from one control table), by id."""
    me = state.seats[seat]
    row, top = state.influence[seat], scenario.rules.max_influence
    table = board.control_table(state)
    return [
        shared(made, PlaceInfluence, me, where)
        for s_idx, where in scenario.states_by_id
        if row[s_idx] < top and (ops >= 2 or table[s_idx] in (-1, seat))
    ]


def _candidates(scenario: Scenario, state: GameState, me: str) -> list[PlaceInfluence]:
    return [PlaceInfluence(me, s.id) for s in scenario.states]


def _place(scenario: Scenario, state: GameState, a: PlaceInfluence, log: Log) -> GameState:
    seat = state.seats.index(a.seat)
    ops = begin_ops(scenario, state, seat, log)
    s_idx = scenario.state_index[a.state]
    points = ops // influence_cost(scenario, state, seat, s_idx)
    state = change_influence(scenario, state, seat, s_idx, points, log)
    return finish_ops(scenario, state, seat, NAME, ops, log)


RULE = VerbRule(
    name=NAME,
    action_type=PlaceInfluence,
    ids=_ids,
    check=_check,
    has_target=_has_target,
    targets=_targets,
    candidates=_candidates,
    handler=_place,
)
