"""The clock: era, round, phase, turn queue and who is to act. The only module that writes them."""

from __future__ import annotations

from attrs import evolve

from rules.scenario import Scenario
from rules.state import ENGINE, NOBODY, GameState, Turn, finish, update


def eras_played(scenario: Scenario, state: GameState) -> int:
    return scenario.definition.lengths[state.options.length]


def rounds_in_era(scenario: Scenario, state: GameState) -> int:
    return scenario.definition.eras[state.era].rounds


def era_number(scenario: Scenario, state: GameState) -> int:
    return scenario.definition.eras[state.era].number


def is_era_end(scenario: Scenario, state: GameState) -> bool:
    return state.era_over or state.round >= rounds_in_era(scenario, state)


def is_last_era(scenario: Scenario, state: GameState) -> bool:
    return state.era + 1 >= eras_played(scenario, state)


def enter(state: GameState, phase: str) -> GameState:
    """Move to a phase; who acts is settled afterwards."""
    return update(state, phase=phase)


def start_actions(state: GameState, turns_per_round: int) -> GameState:
    """The action phase: seats take turns, lowest score first (ties: seat order)."""
    order = sorted(range(len(state.seats)), key=lambda i: (state.vp[i], i))
    queue = tuple(order) * turns_per_round
    return update(state, phase="actions", queue=queue, turn=Turn(queue[0]) if queue else None)


def end_turn(state: GameState) -> GameState:
    """The turn holder is done: the next seat in the queue, or the flow phase."""
    queue = state.queue[1:]
    if queue:
        return update(state, queue=queue, turn=Turn(queue[0]))
    return update(state, queue=(), turn=None, phase="flows")


def next_round(scenario: Scenario, state: GameState) -> GameState:
    """Cleanup done: the next round, or the next era's first round."""
    if is_era_end(scenario, state):
        return evolve(
            state, era=state.era + 1, round=1, absolute_round=state.absolute_round + 1, era_over=False, phase="news"
        )
    return update(state, round=state.round + 1, absolute_round=state.absolute_round + 1, phase="news")


def end_era_now(state: GameState) -> GameState:
    """A crisis: drop what is in progress and go straight to the era's summit."""
    discard = state.discard + tuple(h for h in state.headlines if h) + tuple(c for _, c in state.reveal_queue)
    if state.turn is not None and state.turn.card and not state.turn.done:
        discard += (state.turn.card,)
    return evolve(
        state,
        phase="summit",
        queue=(),
        turn=None,
        proposal=None,
        choice=None,
        reveal_queue=(),
        headlines=(None,) * len(state.seats),
        discard=discard,
    )


def settle(scenario: Scenario, state: GameState, before: GameState) -> GameState:
    """Count the action that turned `before` into `state` and decide who acts next, moving past decision
    phases that nobody has left to make."""
    steps = before.steps + 1
    if state.outcome is not None:
        return finish(state, before, to_act=NOBODY, phase="over", steps=steps)
    state, seat = _next_to_act(state)
    return finish(state, before, to_act=seat, steps=steps)


def _next_to_act(state: GameState) -> tuple[GameState, int]:
    if state.era_over and state.phase in ("headline", "reveal", "actions"):
        state = end_era_now(state)
    if state.choice is not None:
        return state, state.choice.seat
    if state.proposal is not None:
        return state, state.proposal.awaiting[0]
    if state.phase == "setup":
        seat = _first(i for i in range(len(state.seats)) if state.objectives[i] is None and state.offers[i])
        if seat >= 0:
            return state, seat
        state = enter(state, "news")
    elif state.phase == "headline":
        seat = _first(i for i in range(len(state.seats)) if state.headlines[i] is None and state.hands[i])
        if seat >= 0:
            return state, seat
        state = enter(state, "reveal")
    elif state.phase == "actions" and state.turn is not None:
        return state, state.turn.holder
    return state, ENGINE


def _first(values) -> int:  # type: ignore[no-untyped-def]
    return next(values, -1)
