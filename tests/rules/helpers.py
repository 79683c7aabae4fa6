"""Builders for the numbered rule cases: make a game on a scenario, then set fields with attrs.evolve.

Every helper returns a new state; none of them runs a rule, so a case's setup never depends on
the rules it checks. `play` and `run_engine` go through the public `rules.apply`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from attrs import evolve

from rules import apply, new_game
from rules.action import Action, Advance, PlayCard, UseOps
from rules.flows import run_flows
from rules.scenario import BlocDef, Budget, CardDef, ChoiceDef, LinkDef, OptionDef, Price, Scenario, Tension
from rules.state import ENGINE, NOBODY, Agreement, GameState, Turn, set_item
from tests.fixtures.mini_world import mini_scenario

SEATS = ("alpha", "beta")
ALPHA, BETA = 0, 1


def mini() -> Scenario:
    """The hand-built two-seat world (alpha, beta; gamma is a non-player state)."""
    return mini_scenario()


def _new(cls: Any, *args: Any, **kwargs: Any) -> Any:
    """Content definitions from plain strings (the id NewTypes are for the loader, not hand-built worlds)."""
    return cls(*args, **kwargs)


def mini_plus() -> Scenario:
    """The mini world plus a gas pipeline beta-gamma, a planned Caspian sea lane a_b_sea, a unanimity
    bloc `pact` (sponsor east, members beta and gamma, no cutting members' links), an empty bloc `forum`
    that refuses pact members, and cards c9 (gamma, a non-player state, chooses: oil +1 or -1) and
    c10 (favours beta: tension +2)."""
    base = mini_scenario()
    gas = _new(LinkDef, "b_g_gas", "B-G gas", "b1", "g1", "gas", ("beta", "gamma"), 10, fee=10)
    pact = _new(
        BlocDef, "pact", "Pact", "east", ("beta", "gamma"), "unanimity", "standing", obligation="no_cut_member_links"
    )
    forum = _new(BlocDef, "forum", "Forum", "east", (), "majority", "trade", incompatible=("pact",))
    sea = _new(LinkDef, "a_b_sea", "A-B sea", "a1", "b1", "sea", ("alpha", "beta"), 20, status="planned", caspian=True)
    world = evolve(base.world, links=base.world.links + (gas, sea), blocs=base.world.blocs + (pact, forum))
    c9 = _new(
        CardDef,
        "c9",
        "Nine",
        "2023",
        1,
        2,
        "",
        "t",
        (Budget("budget", "@player", 1),),
        "n",
        "s",
        choice=_new(
            ChoiceDef,
            "gamma",
            "p",
            (
                _new(OptionDef, "up", "up", (Price("price", "oil", 1),)),
                _new(OptionDef, "down", "down", (Price("price", "oil", -1),)),
            ),
        ),
    )
    c10 = _new(CardDef, "c10", "Ten", "2023", 1, 2, "beta", "t", (Tension("tension", 2),), "n", "s")
    return Scenario(base.definition, world, base.cards + (c9, c10))


def fresh(scenario: Scenario, seats: tuple[str, ...] = SEATS, seed: int = 7, **options: str) -> GameState:
    """A new game, nothing dealt yet."""
    return new_game(scenario, seed, seats, **options)


def at_actions(
    scenario: Scenario,
    holder: str = "alpha",
    hands: dict[str, tuple[str, ...]] | None = None,
    state: GameState | None = None,
    **fields: Any,
) -> GameState:
    """A game in the action phase with `holder` to take a turn; hands replaced where given.

    The queue is the holder, then every other seat once. Extra keyword fields are set as they are.
    """
    state = state if state is not None else fresh(scenario)
    seat = state.seat_index(holder)
    hand_list = list(state.hands)
    for who, cards in (hands or {}).items():
        hand_list[state.seat_index(who)] = tuple(cards)
    queue = (seat,) + tuple(i for i in range(len(state.seats)) if i != seat)
    objectives = tuple(o or "" for o in state.objectives)
    state = evolve(
        state,
        phase="actions",
        to_act=seat,
        queue=queue,
        turn=Turn(seat),
        hands=tuple(hand_list),
        objectives=objectives,
        headlines=(None,) * len(state.seats),
    )
    return evolve(state, **fields) if fields else state


def at_engine_step(state: GameState, phase: str, **fields: Any) -> GameState:
    """A game whose next step is the engine's own (`Advance`) in the given phase."""
    return evolve(state, phase=phase, to_act=ENGINE, queue=(), turn=None, **fields)


def with_seat(state: GameState, field: str, seat: str, value: object) -> GameState:
    """Set one seat's entry in a per-seat field (budget, vp, credibility, ops_mod, era_income...)."""
    changes: dict[str, Any] = {field: set_item(getattr(state, field), state.seat_index(seat), value)}
    return evolve(state, **changes)


def with_influence(scenario: Scenario, state: GameState, seat: str, where: str, value: int) -> GameState:
    """Set a seat's influence in a state."""
    i = state.seat_index(seat)
    row = set_item(state.influence[i], scenario.state_index[where], value)
    return evolve(state, influence=set_item(state.influence, i, row))


def with_standing(scenario: Scenario, state: GameState, seat: str, patron: str, value: int) -> GameState:
    """Set a seat's standing with a patron."""
    i = state.seat_index(seat)
    row = set_item(state.standing[i], scenario.patron_index[patron], value)
    return evolve(state, standing=set_item(state.standing, i, row))


def with_stability(scenario: Scenario, state: GameState, where: str, value: int) -> GameState:
    return evolve(state, stability=set_item(state.stability, scenario.state_index[where], value))


def with_link(scenario: Scenario, state: GameState, link: str, **changes: Any) -> GameState:
    """Change a link's live fields (status, capacity, progress, upgrades, cost, builder)."""
    l_idx = scenario.link_index[link]
    return evolve(state, links=set_item(state.links, l_idx, evolve(state.links[l_idx], **changes)))


def with_members(scenario: Scenario, state: GameState, bloc: str, members: Iterable[str]) -> GameState:
    """Set a bloc's members."""
    b_idx = scenario.bloc_index[bloc]
    return evolve(state, members=set_item(state.members, b_idx, frozenset(members)))


def with_agreement(
    state: GameState, deal: str, first: str, second: str, subject: str = "", until: int = 99
) -> GameState:
    """Add a signed agreement between two parties."""
    agreement = Agreement(state.next_agreement, deal, (first, second), subject, until)
    return evolve(state, agreements=state.agreements + (agreement,), next_agreement=state.next_agreement + 1)


def with_flows(scenario: Scenario, state: GameState) -> GameState:
    """The state with `last_flows` set to what a flow phase would route now."""
    return evolve(state, last_flows=run_flows(scenario, state))


def play(scenario: Scenario, state: GameState, *actions: Action) -> tuple[GameState, list]:
    """Apply actions in order; the final state and every log entry."""
    log: list = []
    for action in actions:
        state, entries = apply(scenario, state, action)
        log.extend(entries)
    return state, log


def use_ops(scenario: Scenario, state: GameState, seat: str, card: str, verb: str, target: Action) -> tuple:
    """Play a card for ops on a verb and a target."""
    return play(scenario, state, PlayCard(seat, card), UseOps(seat, verb), target)


def run_engine(scenario: Scenario, state: GameState, limit: int = 50) -> tuple[GameState, list]:
    """Take the engine's own steps until a seat must decide or the game is over."""
    log: list = []
    for _ in range(limit):
        if state.to_act != ENGINE or state.to_act == NOBODY:
            break
        state, entries = apply(scenario, state, Advance())
        log.extend(entries)
    return state, log


def kinds(log: Iterable[object]) -> list[str]:
    """The kind tags of log entries, in order."""
    return [entry.kind for entry in log]  # type: ignore[attr-defined]


def entries(log: Iterable[object], kind: str) -> list:
    """The log entries of one kind."""
    return [entry for entry in log if entry.kind == kind]  # type: ignore[attr-defined]


def idx(scenario: Scenario, state_id: str) -> int:
    """A state's index in the scenario."""
    return scenario.state_index[state_id]


def link_of(scenario: Scenario, state: GameState, link: str):  # type: ignore[no-untyped-def]
    """A link's live state."""
    return state.links[scenario.link_index[link]]


def hand_of(state: GameState, seat: str) -> tuple[str, ...]:
    return state.hands[state.seat_index(seat)]


def turn_with_card(state: GameState, card: str, verb: str = "") -> GameState:
    """The holder has already taken `card` (and chosen `verb` for ops, if given)."""
    assert state.turn is not None
    use = "ops" if verb else ""
    return evolve(state, turn=evolve(state.turn, card=card, use=use, verb=verb))
