"""Summits, era-end points, national interests and the outcome."""

from __future__ import annotations

from rules import board
from rules import log as L
from rules.effects import change_standing, score
from rules.log import Log
from rules.scenario import ObjectiveDef, Scenario
from rules.state import GameState, Outcome, update


def presence_parts(scenario: Scenario, state: GameState) -> tuple[tuple[str, int, int, int], ...]:
    """Each bloc's presence in its parts: (bloc, sponsor's weight, members, members' standing with a patron
    sponsor)."""
    out = []
    for bloc, members in zip(scenario.blocs, state.members):
        p_idx = scenario.patron_index.get(bloc.sponsor, -1)
        standing = 0
        for member in members:
            if member in state.seats and p_idx >= 0:
                standing += state.standing[state.seats.index(member)][p_idx]
        out.append((bloc.id, bloc.weight, len(members), standing))
    return tuple(out)


def presence(scenario: Scenario, state: GameState) -> tuple[tuple[str, int], ...]:
    """Each bloc's presence: its sponsor's weight, plus each member and its standing with a patron sponsor."""
    return tuple(
        (bloc, weight + members + standing) for bloc, weight, members, standing in presence_parts(scenario, state)
    )


def dominant_bloc(scenario: Scenario, state: GameState) -> tuple[str, tuple[tuple[str, int], ...]]:
    """The bloc that leads all others by the scenario's margin ("" if none), and every bloc's presence."""
    table = presence(scenario, state)
    ranked = sorted(table, key=lambda item: -item[1])
    if not ranked:
        return "", table
    lead = ranked[0][1] - (ranked[1][1] if len(ranked) > 1 else 0)
    return (ranked[0][0] if lead >= scenario.rules.summit_margin else ""), table


def sovereignty(scenario: Scenario, state: GameState, seat: int) -> int:
    """The multi-vector reward (rules §12.8): patrons that favour you (standing 2+), markets your exports
    reach, and links you control that carry others' flows (at most 2 points from those), capped."""
    patrons = sum(1 for value in state.standing[seat] if value >= 2)
    home = state.seats[seat]
    markets: set[int] = set()
    transit = 0
    flows = state.last_flows
    if flows is not None:
        markets = {p.market for p in flows.paths if p.owner == home and p.volume > 0}
        mine = board.held_links(scenario, state, seat)
        carried: set[int] = set()
        for p in flows.paths:
            if p.owner != home:
                carried.update(p.links)
        transit = len(mine.intersection(carried))
    return min(scenario.rules.sovereignty_cap, patrons + len(markets) + min(2, transit))


def hold_summit(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """Score a summit: the dominant bloc's members by standing, or every seat for sovereignty."""
    dominant, table = dominant_bloc(scenario, state)
    log.append(L.SummitHeld(table, dominant))
    if dominant:
        bloc = scenario.blocs[scenario.bloc_index[dominant]]
        p_idx = scenario.patron_index.get(bloc.sponsor, -1)
        for seat, state_id in enumerate(state.seats):
            if board.is_member(scenario, state, state_id, dominant):
                bonus = state.standing[seat][p_idx] // 2 if p_idx >= 0 else 1
                state = score(state, seat, bloc.member_vp + bonus, "summit_bloc", log, dominant)
    else:
        for seat in range(len(state.seats)):
            state = score(state, seat, sovereignty(scenario, state, seat), "sovereignty", log)
    return update(_standing_benefits(scenario, state, log), summit_pending=False)


def _standing_benefits(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """A standing bloc's benefit: at every summit its member seats gain standing with the sponsor."""
    for bloc, members in zip(scenario.blocs, state.members):
        p_idx = scenario.patron_index.get(bloc.sponsor, -1)
        if bloc.benefit != "standing" or p_idx < 0:
            continue
        for seat, state_id in enumerate(state.seats):
            if state_id in members:
                state = change_standing(scenario, state, seat, p_idx, bloc.benefit_amount, log)
    return state


def score_era_end(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """Era-end points: export income and open routes through your territory."""
    rules = scenario.rules
    for seat in range(len(state.seats)):
        points = min(rules.max_income_vp, state.era_income[seat] // rules.income_per_vp)
        state = score(state, seat, points, "income", log)
    for r_idx, route in enumerate(scenario.routes):
        if not board.route_open(scenario, state, r_idx):
            continue
        crossed = scenario.route_states[r_idx]
        for seat, state_id in enumerate(state.seats):
            if state_id in crossed:
                state = score(state, seat, route.vp, "route", log, route.id)
    return update(state, era_income=(0,) * len(state.seats))


def objective_met(scenario: Scenario, state: GameState, seat: int, objective: ObjectiveDef) -> bool:
    """Whether a seat has achieved a national interest now."""
    return _CHECKS[objective.kind](scenario, state, seat, objective)


def _diversified(scenario: Scenario, state: GameState, seat: int, o: ObjectiveDef) -> bool:
    flows = state.last_flows
    if flows is None or flows.exports[seat] <= 0:
        return False
    return max(flows.dependence[seat]) <= o.threshold * 10


def _gatekeeper(scenario: Scenario, state: GameState, seat: int, o: ObjectiveDef) -> bool:
    flows = state.last_flows
    if flows is None:
        return False
    mine = board.held_links(scenario, state, seat)
    others = {p.owner for p in flows.paths if p.owner not in ("", state.seats[seat]) and not mine.isdisjoint(p.links)}
    return len(others & set(state.seats)) >= o.threshold


def caspian_cargo(scenario: Scenario, state: GameState) -> dict[str, int]:
    """Volume handled by each state's Caspian ports in the last flow phase."""
    out: dict[str, int] = {}
    flows = state.last_flows
    if flows is None:
        return out
    for l_idx, load in enumerate(flows.loads):
        link = scenario.links[l_idx]
        if not load or not link.caspian:
            continue
        for node_id in (link.a, link.b):
            node = scenario.nodes[scenario.node_index[node_id]]
            if node.caspian_port and node.state:
                out[node.state] = out.get(node.state, 0) + load
    return out


def _hub(scenario: Scenario, state: GameState, seat: int, o: ObjectiveDef) -> bool:
    cargo = caspian_cargo(scenario, state)
    mine = cargo.get(state.seats[seat], 0)
    return mine > 0 and all(mine > v for k, v in cargo.items() if k != state.seats[seat])


def _bloc_member(scenario: Scenario, state: GameState, seat: int, o: ObjectiveDef) -> bool:
    return board.is_member(scenario, state, state.seats[seat], o.subject)


def _route_open(scenario: Scenario, state: GameState, seat: int, o: ObjectiveDef) -> bool:
    return board.route_open(scenario, state, scenario.route_index[o.subject])


def _control(scenario: Scenario, state: GameState, seat: int, o: ObjectiveDef) -> bool:
    return board.controlling_seat(state, scenario.state_index[o.subject]) == seat


def _standing(scenario: Scenario, state: GameState, seat: int, o: ObjectiveDef) -> bool:
    return state.standing[seat][scenario.patron_index[o.subject]] >= o.threshold


def _budget(scenario: Scenario, state: GameState, seat: int, o: ObjectiveDef) -> bool:
    return state.budget[seat] >= o.threshold


def _calm(scenario: Scenario, state: GameState, seat: int, o: ObjectiveDef) -> bool:
    return state.tension <= o.threshold


_CHECKS = {
    "diversified": _diversified,
    "gatekeeper": _gatekeeper,
    "hub": _hub,
    "bloc_member": _bloc_member,
    "route_open": _route_open,
    "control": _control,
    "standing": _standing,
    "budget": _budget,
    "calm": _calm,
}
OBJECTIVE_KINDS = tuple(_CHECKS)


def score_objectives(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """Reveal every national interest and score those achieved."""
    for seat, objective_id in enumerate(state.objectives):
        if not objective_id:
            continue
        objective = scenario.objective_by_id[objective_id]
        met = objective_met(scenario, state, seat, objective)
        log.append(L.ObjectiveRevealed(state.seats[seat], objective_id, met))
        if met:
            state = score(state, seat, objective.vp, "objective", log, objective_id)
    return state


def ranking(state: GameState) -> list[int]:
    """Seats from first to last: points, then budget, then credibility, then seat order."""
    return sorted(range(len(state.seats)), key=lambda i: (-state.vp[i], -state.budget[i], -state.credibility[i], i))


def finish(state: GameState, reason: str, log: Log) -> GameState:
    """End the game with the current leader as winner (the clock then moves to the phase "over")."""
    order = ranking(state)
    scores = tuple((state.seats[i], state.vp[i]) for i in order)
    winner = state.seats[order[0]]
    log.append(L.GameEnded(winner, reason, scores))
    return update(state, outcome=Outcome(winner, scores, reason, state.absolute_round))


def margin_winner(scenario: Scenario, state: GameState) -> bool:
    """Whether the leader is ahead of everyone by the instant-win margin."""
    order = ranking(state)
    if len(order) < 2:
        return False
    return state.vp[order[0]] - state.vp[order[1]] >= scenario.rules.instant_win_margin
