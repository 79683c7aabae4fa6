"""The engine's own steps (what Advance does in each phase the seats do not play): deal, news, reveal and
headlines kept back (the card flow), then flows, summit and cleanup. A step changes the board; the clock
moves the phase on.
"""

from __future__ import annotations

from collections.abc import Callable

from rules import cards, clock, scoring
from rules import log as L
from rules.effects import change_budget, change_influence, raise_tension
from rules.flows import run_flows
from rules.log import Log
from rules.scenario import Scenario
from rules.state import GameState, Phase, update

Step = Callable[[Scenario, GameState, Log], GameState]


def step_flows(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """Route the round's flows and pay exports and transit fees."""
    report = run_flows(scenario, state)
    budget = tuple(b + i for b, i in zip(state.budget, report.income))
    era_income = tuple(e + i for e, i in zip(state.era_income, report.income))
    shipped = sum(p.volume for p in report.paths)
    log.append(L.FlowsRouted(tuple(zip(state.seats, report.income)), shipped, sum(report.unshipped)))
    state = update(state, budget=budget, era_income=era_income, last_flows=report)
    return _trade_benefits(scenario, state, log)


def _trade_benefits(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """A trade bloc's benefit: each member seat earns its amount in budget every flow phase."""
    for bloc, members in zip(scenario.blocs, state.members):
        if bloc.benefit != "trade":
            continue
        for seat, state_id in enumerate(state.seats):
            if state_id in members:
                state = change_budget(state, seat, bloc.benefit_amount, log)
    return state


def step_summit(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """Hold the summit; at the era's end also score income and routes; at the last, end the game."""
    state = scoring.hold_summit(scenario, state, log)
    if clock.is_era_end(scenario, state):
        state = scoring.score_era_end(scenario, state, log)
        if clock.is_last_era(scenario, state):
            state = scoring.score_objectives(scenario, state, log)
            return scoring.finish(state, "final", log)
    if scoring.margin_winner(scenario, state):
        state = scoring.score_objectives(scenario, state, log)
        return scoring.finish(state, "margin", log)
    return state


def step_cleanup(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """Tension eases, non-player states act, agreements expire (the clock then starts the next round)."""
    state = raise_tension(scenario, state, -1, -1, log)
    state = _non_players_act(scenario, state, log)
    expired = [a for a in state.agreements if a.until_round <= state.absolute_round]
    for agreement in expired:
        log.append(L.AgreementExpired(agreement.id))
    if expired:
        state = update(state, agreements=tuple(a for a in state.agreements if a not in expired))
    return state


def _non_players_act(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """Published rule: a non-player state gives +1 influence to the seat with the most influence there
    among the members of the bloc it leans to (no one on a tie)."""
    for s_idx, s in enumerate(scenario.states):
        if s.id in state.seats or not s.orientation or s.orientation not in scenario.bloc_index:
            continue
        members = state.members[scenario.bloc_index[s.orientation]]
        ranked = sorted(
            ((state.influence[i][s_idx], i) for i, seat in enumerate(state.seats) if seat in members), reverse=True
        )
        if not ranked or ranked[0][0] == 0 or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            continue
        seat = ranked[0][1]
        log.append(L.NonPlayerActed(s.id, f"leans to {s.orientation}", state.seats[seat]))
        state = change_influence(scenario, state, seat, s_idx, 1, log)
    return state


# Per phase the engine plays (those whose rule in `clock.PHASES` waits on no seat): its step.
STEPS: dict[str, Step] = {
    Phase.DEAL: cards.step_deal,
    Phase.NEWS: cards.step_news,
    Phase.REVEAL: cards.step_reveal,
    Phase.HEADLINE: cards.step_keep_back,
    Phase.FLOWS: step_flows,
    Phase.SUMMIT: step_summit,
    Phase.CLEANUP: step_cleanup,
}


def advance(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """Run the current phase's step, then let the clock move on if the phase is over."""
    return clock.step_done(scenario, STEPS[state.phase](scenario, state, log))
