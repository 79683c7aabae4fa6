"""Per-scenario tables the engine reads on every call: ids in order, and one shared object per action.

Each is made once per scenario and kept in `Scenario.memo`, so games on one scenario share them and
nothing is global.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from attrs import frozen

from rules.memo import Memo
from rules.scenario import Scenario

A = TypeVar("A")


@frozen
class Tables:
    """Orders and lookups a scenario's content fixes once."""

    states_by_id: tuple[tuple[int, str], ...]  # (index, id) of every state, ordered by id
    link_rank: tuple[int, ...]  # per link index: its position when links are ordered by id
    buildable_by_id: tuple[int, ...]  # indexes of the links a seat could build or upgrade, by id


def tables(scenario: Scenario) -> Tables:
    """The scenario's tables (made on first use)."""
    memo: Memo[None, Tables] = scenario.memo("engine_tables", 1)
    return memo.get_or_make(None, lambda: _make_tables(scenario))


def _make_tables(scenario: Scenario) -> Tables:
    states = sorted(range(len(scenario.states)), key=lambda i: scenario.states[i].id)
    links = sorted(range(len(scenario.links)), key=lambda i: scenario.links[i].id)
    rank = [0] * len(links)
    for position, l_idx in enumerate(links):
        rank[l_idx] = position
    return Tables(
        states_by_id=tuple((s_idx, scenario.states[s_idx].id) for s_idx in states),
        link_rank=tuple(rank),
        buildable_by_id=tuple(sorted(scenario.buildable_links, key=lambda i: scenario.links[i].id)),
    )


Made = dict[tuple[Any, ...], Any]


def made_actions(scenario: Scenario, seat: str) -> Made:
    """The actions legal_actions has handed out to a seat on this scenario, by (type, *fields)."""
    memo: Memo[str, Made] = scenario.memo("made_actions", 64)
    return memo.get_or_make(seat, dict)


def shared(made: Made, kind: type[A], *fields: object) -> A:
    """The action of that type with those fields, made the first time it is asked for: actions are
    values, so equal ones can be one object."""
    key = (kind, *fields)
    action = made.get(key)
    if action is None:
        action = made[key] = kind(*fields)
    return cast(A, action)
