"""What changes during a game. Frozen, hashable, refers to content by id or scenario index.

Per-seat tuples are indexed by seat position (`GameState.seats`); per-state tuples by the
scenario's state order; per-link tuples by the scenario's link order. The clock fields (era,
round, phase, queue, holder, to_act) are written only by `rules.clock`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

import attrs
from attrs import frozen

from rules.rng import Rng


class Phase(StrEnum):
    """The phases of a round, in playing order (the clock's table in `rules.clock` says how each runs)."""

    DEAL = "deal"
    NEWS = "news"
    REVEAL = "reveal"
    ACTIONS = "actions"
    HEADLINE = "headline"
    FLOWS = "flows"
    SUMMIT = "summit"
    CLEANUP = "cleanup"
    OVER = "over"


T = TypeVar("T")
ENGINE = -1  # to_act value when the engine's own step (Advance) is next
NOBODY = -2  # to_act value when the game is over


@frozen
class Options:
    """Choices made when the game is created."""

    length: str = "full"
    tier: str = "standard"  # basic | standard | advanced


@frozen
class LinkState:
    """The changing part of one link."""

    status: str  # planned | built | throttled | cut
    capacity: int  # capacity when fully open (throttled halves it)
    progress: int = 0  # ops put into a planned build
    upgrades: int = 0
    cost: int = 0  # extra transport cost from events (sanctions, bottlenecks)
    builder: str = ""  # who completed or started it


@frozen
class Agreement:
    """A signed agreement: terms, duration and the breach condition implied by its kind."""

    id: int
    deal: str  # transit | swap | investment | drill | accession
    parties: tuple[str, str]  # proposer state id, partner id (state, patron or "bloc:<id>")
    subject: str  # link id, bloc id or ""
    until_round: int  # last absolute round it is in force


@frozen
class Proposal:
    """A proposal waiting for answers (a seat partner, or seated members of a bloc)."""

    proposer: int
    partner: str
    deal: str
    subject: str
    awaiting: tuple[int, ...]  # seats still to answer, in order
    votes: tuple[bool, ...] = ()


@frozen
class PendingChoice:
    """A card's choice waiting for the affected seat."""

    seat: int
    card: str
    player: int  # who triggered the event


@frozen
class Turn:
    """The turn in progress: the card taken, how it is used, and whether it resolved."""

    holder: int
    card: str = ""
    use: str = ""  # "" | event | ops
    verb: str = ""
    done: bool = False


@frozen
class FlowPath:
    """A volume of one commodity shipped along a path of links."""

    owner: str  # exporting state id, or "" for transit cargo
    commodity: str
    links: tuple[int, ...]
    volume: int
    market: int  # node index where it was sold or delivered


@frozen
class FlowReport:
    """What the last flow phase routed, and what it paid."""

    loads: tuple[int, ...]  # per link
    paths: tuple[FlowPath, ...]
    income: tuple[int, ...]  # per seat, budget gained
    fees: tuple[int, ...]  # per seat, value earned as transit fees
    exports: tuple[int, ...]  # per seat, export value sold
    dependence: tuple[tuple[int, ...], ...]  # per seat, per state: permille of export value crossing it
    unshipped: tuple[int, ...]  # per seat, volume that found no route


@frozen
class Outcome:
    """How the game ended."""

    winner: str
    scores: tuple[tuple[str, int], ...]
    reason: str  # final | margin
    rounds: int


@attrs.define(frozen=True, slots=False)
class GameState:
    """The whole changing state of a game.

    Not slotted, on purpose: `update` copies its __dict__ in one C call, which makes the engine's
    most frequent operation several times cheaper than field-by-field copying.
    """

    scenario_id: str
    seats: tuple[str, ...]
    options: Options
    rng: Rng
    # clock
    era: int  # position in the eras played (0-based)
    round: int  # round within the era (1-based)
    absolute_round: int
    phase: str
    to_act: int
    queue: tuple[int, ...] = ()  # seats still to take a turn this round (head = current)
    turn: Turn | None = None
    steps: int = 0  # actions applied so far
    # seats
    budget: tuple[int, ...] = ()
    vp: tuple[int, ...] = ()
    credibility: tuple[int, ...] = ()
    ops_mod: tuple[int, ...] = ()
    era_income: tuple[int, ...] = ()
    influence: tuple[tuple[int, ...], ...] = ()  # [seat][state]
    standing: tuple[tuple[int, ...], ...] = ()  # [seat][patron]
    hands: tuple[tuple[str, ...], ...] = ()
    headlines: tuple[str | None, ...] = ()
    objectives: tuple[str | None, ...] = ()
    offers: tuple[tuple[str, ...], ...] = ()
    # world
    stability: tuple[int, ...] = ()
    production: tuple[int, ...] = ()  # per producer in the world's order: volume per round
    members: tuple[frozenset[str], ...] = ()  # per bloc
    links: tuple[LinkState, ...] = ()
    prices: tuple[int, ...] = ()  # per commodity (scenario.commodities order)
    tension: int = 2
    # cards
    draw_pile: tuple[str, ...] = ()
    discard: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    reveal_queue: tuple[tuple[int, str], ...] = ()
    # diplomacy
    agreements: tuple[Agreement, ...] = ()
    next_agreement: int = 1
    proposal: Proposal | None = None
    choice: PendingChoice | None = None
    summit_pending: bool = False
    era_over: bool = False
    last_flows: FlowReport | None = None
    outcome: Outcome | None = None

    def seat_index(self, seat: str) -> int:
        return self.seats.index(seat)


_new = object.__new__
_set = object.__setattr__
_FIELDS = len(attrs.fields(GameState))


def update(state: GameState, **changes: object) -> GameState:
    """A copy of the state with some fields changed (like attrs.evolve, without its per-field cost)."""
    fields = state.__dict__.copy()
    fields.update(changes)
    if len(fields) != _FIELDS:
        unknown = sorted(set(changes) - set(state.__dict__))
        raise TypeError(f"GameState has no field {unknown[0]!r}")
    new = _new(GameState)
    _set(new, "__dict__", fields)
    return new


def finish(state: GameState, before: GameState, **changes: object) -> GameState:
    """`update` for the last change an action makes. A state the action built itself (not `before`, so
    nobody else has seen it yet) takes the changes in place instead of being copied once more."""
    if state is before:
        return update(state, **changes)
    state.__dict__.update(changes)
    return state


def set_item(values: tuple[T, ...], index: int, value: T) -> tuple[T, ...]:
    """A copy of a tuple with one item replaced."""
    return values[:index] + (value,) + values[index + 1 :]


def add_item(
    values: tuple[int, ...], index: int, amount: int, low: int = 0, high: int | None = None
) -> tuple[int, ...]:
    """A copy of a tuple of ints with one item changed by amount, clamped to [low, high]."""
    value = values[index] + amount
    if value < low:
        value = low
    if high is not None and value > high:
        value = high
    return values[:index] + (value,) + values[index + 1 :]
