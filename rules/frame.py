"""The actions of the turn frame and the card flow: the engine's own step, keeping an objective, taking a
card and choosing its use, answering a proposal, choosing an option, ending a turn.

Each ops verb's target action lives with its verb (`rules.verbs`); `rules.action` joins them all into
the `Action` union. Imperative names; `kind` is the JSON tag.
"""

from __future__ import annotations

from typing import ClassVar

from attrs import frozen


@frozen
class Advance:
    """The engine's own step: run the next automated phase (deal, news, reveal, headlines kept back, flows,
    summit, cleanup)."""

    kind: ClassVar[str] = "advance"


@frozen
class KeepObjective:
    kind: ClassVar[str] = "keep_objective"
    seat: str
    objective: str


@frozen
class PlayCard:
    kind: ClassVar[str] = "play_card"
    seat: str
    card: str


@frozen
class PlayEvent:
    kind: ClassVar[str] = "play_event"
    seat: str


@frozen
class UseOps:
    kind: ClassVar[str] = "use_ops"
    seat: str
    verb: str


@frozen
class Answer:
    kind: ClassVar[str] = "answer"
    seat: str
    accept: bool


@frozen
class Choose:
    kind: ClassVar[str] = "choose"
    seat: str
    option: str


@frozen
class EndTurn:
    kind: ClassVar[str] = "end_turn"
    seat: str


@frozen
class PassTurn:
    kind: ClassVar[str] = "pass_turn"
    seat: str
