"""The clock: era, round, phase, turn queue and who is to act. The only module that writes them.

How every phase runs is one table, `PHASES`: who acts in it (the engine's own step, or the seats still
to decide), when it is over, what comes next, and whether a crisis cuts it short. The engine's steps and
the seats' actions only change the board; `step_done` (after a step) and `settle` (after every action)
read the table and move the clock on.
"""

from __future__ import annotations

from collections.abc import Callable

from attrs import frozen

from rules.scenario import Scenario
from rules.state import ENGINE, NOBODY, GameState, Phase, Turn, finish, update


def eras_played(scenario: Scenario, state: GameState) -> int:
    return scenario.definition.format(state.options.length).eras


def rounds_in_era(scenario: Scenario, state: GameState) -> int:
    return scenario.definition.eras[state.era].rounds


def era_number(scenario: Scenario, state: GameState) -> int:
    return scenario.definition.eras[state.era].number


def is_era_end(scenario: Scenario, state: GameState) -> bool:
    return state.era_over or state.round >= rounds_in_era(scenario, state)


def is_last_era(scenario: Scenario, state: GameState) -> bool:
    return state.era + 1 >= eras_played(scenario, state)


# =========================================================================== the phase table


@frozen
class PhaseRule:
    """How one phase runs.

    `waiting`: for a phase of seat decisions, the seat still to decide (-1: everyone has); None for a
    phase the engine's own step (Advance) plays. `done`: whether the engine's step has finished the
    phase (it may wait for a seat's choice). `next`: leaves the phase, writing the clock fields of the
    next one (None: the game is over). `crisis_ends`: a crisis (era_over) cuts the phase short and
    sends play straight to the era's summit.
    """

    waiting: Callable[[GameState], int] | None
    next: Callable[[Scenario, GameState], GameState] | None
    done: Callable[[GameState], bool] = lambda state: True
    crisis_ends: bool = False


def _to(phase: Phase) -> Callable[[Scenario, GameState], GameState]:
    def enter(scenario: Scenario, state: GameState) -> GameState:
        return update(state, phase=phase)

    enter.__doc__ = f"Move to the {phase} phase."
    return enter


def _turn_holder(state: GameState) -> int:
    return state.turn.holder if state.turn is not None else -1


def _revealed(state: GameState) -> bool:
    """Every headline resolved, no choice waiting and no crisis."""
    return not state.reveal_queue and state.choice is None and not state.era_over


def _start_actions(scenario: Scenario, state: GameState) -> GameState:
    """The action phase: each seat takes its turns back to back (its sitting), lowest score first (ties:
    seat order)."""
    order = sorted(range(len(state.seats)), key=lambda i: (state.vp[i], i))
    queue = tuple(seat for seat in order for _ in range(scenario.rules.turns_per_round))
    return update(state, phase=Phase.ACTIONS, queue=queue, turn=Turn(queue[0]) if queue else None)


def _after_headlines(scenario: Scenario, state: GameState) -> GameState:
    """Headlines kept back: the flows, or after a crisis straight to the era's summit."""
    return update(state, phase=Phase.SUMMIT if state.era_over else Phase.FLOWS)


def _after_flows(scenario: Scenario, state: GameState) -> GameState:
    """A summit when one is called or the era ends; else the cleanup."""
    summit = state.summit_pending or is_era_end(scenario, state)
    return update(state, phase=Phase.SUMMIT if summit else Phase.CLEANUP)


def _next_round(scenario: Scenario, state: GameState) -> GameState:
    """Cleanup done: the next round, or the next era's first round."""
    if is_era_end(scenario, state):
        return update(
            state,
            era=state.era + 1,
            round=1,
            absolute_round=state.absolute_round + 1,
            era_over=False,
            phase=Phase.NEWS,
        )
    return update(state, round=state.round + 1, absolute_round=state.absolute_round + 1, phase=Phase.NEWS)


PHASES: dict[str, PhaseRule] = {
    Phase.DEAL: PhaseRule(waiting=None, next=_to(Phase.NEWS)),
    Phase.NEWS: PhaseRule(waiting=None, next=_to(Phase.REVEAL)),
    Phase.REVEAL: PhaseRule(waiting=None, next=_start_actions, done=_revealed, crisis_ends=True),
    Phase.ACTIONS: PhaseRule(waiting=_turn_holder, next=_to(Phase.HEADLINE), crisis_ends=True),
    Phase.HEADLINE: PhaseRule(waiting=None, next=_after_headlines),
    Phase.FLOWS: PhaseRule(waiting=None, next=_after_flows),
    Phase.SUMMIT: PhaseRule(waiting=None, next=_to(Phase.CLEANUP)),
    Phase.CLEANUP: PhaseRule(waiting=None, next=_next_round),
    Phase.OVER: PhaseRule(waiting=None, next=None),
}


# =========================================================================== moving the clock


def step_done(scenario: Scenario, state: GameState) -> GameState:
    """The engine's step has run: leave its phase if the table says the phase is over."""
    rule = PHASES[state.phase]
    if state.outcome is None and rule.next is not None and rule.done(state):
        return rule.next(scenario, state)
    return state


def end_turn(state: GameState) -> GameState:
    """The turn holder is done: the next seat in the queue (none left: the phase is over)."""
    queue = state.queue[1:]
    return update(state, queue=queue, turn=Turn(queue[0]) if queue else None)


def end_era_now(state: GameState) -> GameState:
    """A crisis: drop what is in progress; the seats keep back their headlines, then the era's summit."""
    discard = state.discard + tuple(c for _, c in state.reveal_queue)
    if state.turn is not None and state.turn.card and not state.turn.done:
        discard += (state.turn.card,)
    return update(
        state,
        phase=Phase.HEADLINE,
        queue=(),
        turn=None,
        proposal=None,
        choice=None,
        reveal_queue=(),
        discard=discard,
    )


def settle(scenario: Scenario, state: GameState, before: GameState) -> GameState:
    """Count the action that turned `before` into `state` and decide who acts next, moving past decision
    phases that nobody has left to make."""
    steps = before.steps + 1
    if state.outcome is not None:
        return finish(state, before, to_act=NOBODY, phase=Phase.OVER, steps=steps)
    state, seat = _next_to_act(scenario, state)
    return finish(state, before, to_act=seat, steps=steps)


def _next_to_act(scenario: Scenario, state: GameState) -> tuple[GameState, int]:
    while True:
        rule = PHASES[state.phase]
        if state.era_over and rule.crisis_ends:
            state = end_era_now(state)
            continue
        if state.choice is not None:
            return state, state.choice.seat
        if state.proposal is not None:
            return state, state.proposal.awaiting[0]
        if rule.waiting is None or rule.next is None:
            return state, ENGINE
        seat = rule.waiting(state)
        if seat >= 0:
            return state, seat
        state = rule.next(scenario, state)
