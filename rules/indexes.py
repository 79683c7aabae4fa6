"""One shared object per action: the actions legal_actions hands out, kept per scenario and seat in
`Scenario.memo`, so games on one scenario share them and nothing is global."""

from __future__ import annotations

from typing import Any, TypeVar

from rules.memo import Memo, MemoName
from rules.scenario import Scenario

A = TypeVar("A")


Made = dict[tuple[Any, ...], Any]


_MADE = MemoName("made_actions", 64)


def made_actions(scenario: Scenario, seat: str) -> Made:
    """The actions legal_actions has handed out to a seat on this scenario, by (type, *fields)."""
    memo: Memo[str, Made] = scenario.memos[_MADE]
    found = memo.get(seat)
    return found if found is not None else memo.put(seat, {})


def shared(made: Made, kind: type[A], *fields: object) -> A:
    """The action of that type with those fields, made the first time it is asked for: actions are
    values, so equal ones can be one object."""
    key = (kind, *fields)
    action: A | None = made.get(key)
    if action is None:
        action = made[key] = kind(*fields)
    return action
