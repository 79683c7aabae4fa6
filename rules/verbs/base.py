"""The record an ops verb hands the engine: everything the engine needs to check, list and apply it."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from typing import Any, Generic, TypeVar

from attrs import frozen

from rules.errors import Reason
from rules.indexes import Made
from rules.log import Log
from rules.scenario import Scenario
from rules.state import GameState

A = TypeVar("A")
# The ids and values an action names, each with the pool it must come from.
Ids = list[tuple[object, Container[str]]]


@frozen
class VerbRule(Generic[A]):
    """One ops verb (rules §7): after a seat plays a card as ops for `name`, it names one target with
    an action of `action_type`.

    - `ids(scenario, action)`: the ids the action names, with their pools (an unknown one is malformed).
    - `check(scenario, state, seat, action, ops)`: why this target is refused, or None (the engine has
      already checked that the turn is at this verb's stage).
    - `has_target(scenario, state, seat, ops)`: whether any target is allowed (may the seat pick the verb).
    - `targets(scenario, state, seat, ops, made)`: every allowed action, in `rules.action.sort_key`
      order, each made with `rules.indexes.shared(made, ...)` (the seat's table of handed-out actions).
    - `candidates(scenario, state, seat)`: every action the verb could name, allowed or not (the
      client lists them with their reasons).
    - `handler(scenario, state, action, log)`: the new state; it opens with `turn.begin_ops` and closes
      with `turn.finish_ops`.
    - `uses_ops`: whether what the verb does depends on how many ops the card gives (False for a verb whose
      one action is the same whatever the ops, as a proposal is: bots then try cards that differ only in
      their ops once).
    """

    name: str
    action_type: type[A]
    ids: Callable[[Scenario, A], Ids]
    check: Callable[[Scenario, GameState, int, A, int], Reason | None]
    has_target: Callable[[Scenario, GameState, int, int], bool]
    targets: Callable[[Scenario, GameState, int, int, Made], Iterable[A]]
    candidates: Callable[[Scenario, GameState, str], list[A]]
    handler: Callable[[Scenario, GameState, A, Log], GameState]
    uses_ops: bool = True


AnyVerbRule = VerbRule[Any]
