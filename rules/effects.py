"""Card effect kinds as pure functions: (scenario, state, effect, context, log) -> new state.

Effects name who they touch with a state id or a selector (`@player`, `@favoured`, `@chooser`,
`@all`). Effects on a seat's budget, credibility, standing, points or ops do nothing to a state no
seat plays. Tension goes through `raise_tension`, which also sets off a crisis.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from attrs import evolve, frozen

from rules import board
from rules import log as L
from rules import scenario as S
from rules.log import Log
from rules.state import GameState, add_item, set_item, update


@frozen
class Context:
    """Who an event is resolved for."""

    player: int  # seat index the event fires for (-1: none)
    favoured: str = ""
    chooser: str = ""
    card: str = ""
    by: int | None = None  # the seat whose play set the event off (a crisis is charged to it); None: player


def resolve(state: GameState, target: str, ctx: Context) -> list[str]:
    """The state ids a target names."""
    if target == "@player":
        return [state.seats[ctx.player]] if ctx.player >= 0 else []
    if target == "@favoured":
        if ctx.favoured:
            return [ctx.favoured]
        return [state.seats[ctx.player]] if ctx.player >= 0 else []
    if target == "@chooser":
        return [ctx.chooser] if ctx.chooser else []
    if target == "@all":
        return list(state.seats)
    return [target]


def seats_named(state: GameState, target: str, ctx: Context) -> list[int]:
    """Seat indexes among the states a target names."""
    return [state.seats.index(s) for s in resolve(state, target, ctx) if s in state.seats]


def change_budget(state: GameState, seat: int, amount: int, log: Log) -> GameState:
    budget = add_item(state.budget, seat, amount)
    log.append(L.BudgetChanged(state.seats[seat], budget[seat] - state.budget[seat], budget[seat]))
    return update(state, budget=budget)


def change_influence(scenario: S.Scenario, state: GameState, seat: int, s_idx: int, amount: int, log: Log) -> GameState:
    before = board.controlling_seat(state, s_idx)
    row = add_item(state.influence[seat], s_idx, amount, 0, scenario.rules.max_influence)
    delta = row[s_idx] - state.influence[seat][s_idx]
    if delta == 0:
        return state
    changed = update(state, influence=set_item(state.influence, seat, row))
    log.append(L.InfluenceChanged(state.seats[seat], scenario.states[s_idx].id, delta, row[s_idx]))
    return _log_control(scenario, state, changed, s_idx, before, log)


def _log_control(
    scenario: S.Scenario, previous: GameState, state: GameState, s_idx: int, before: int, log: Log
) -> GameState:
    """Log a change of control in the one state whose influence or stability changed."""
    after = board.control_table_after(previous, state, s_idx)[s_idx]
    if after != before:
        log.append(L.ControlChanged(scenario.states[s_idx].id, state.seats[after] if after >= 0 else ""))
    return state


def change_credibility(scenario: S.Scenario, state: GameState, seat: int, amount: int, log: Log) -> GameState:
    if state.options.tier == "basic":
        return state
    values = add_item(state.credibility, seat, amount, 0, scenario.rules.max_credibility)
    if values == state.credibility:
        return state
    log.append(L.CredibilityChanged(state.seats[seat], values[seat] - state.credibility[seat], values[seat]))
    return update(state, credibility=values)


def change_standing(scenario: S.Scenario, state: GameState, seat: int, p_idx: int, amount: int, log: Log) -> GameState:
    row = add_item(state.standing[seat], p_idx, amount, 0, scenario.rules.max_standing)
    if row == state.standing[seat]:
        return state
    delta = row[p_idx] - state.standing[seat][p_idx]
    log.append(L.StandingChanged(state.seats[seat], scenario.patrons[p_idx].id, delta, row[p_idx]))
    return update(state, standing=set_item(state.standing, seat, row))


def score(state: GameState, seat: int, amount: int, reason: str, log: Log, detail: str = "") -> GameState:
    if amount == 0:
        return state
    log.append(L.PointsScored(state.seats[seat], amount, reason, detail))
    return update(state, vp=add_item(state.vp, seat, amount, -999))


def raise_tension(scenario: S.Scenario, state: GameState, amount: int, by: int, log: Log) -> GameState:
    """Move the tension track; reaching the crisis level ends the era and costs whoever caused it."""
    rules = scenario.rules
    level = max(1, min(rules.crisis_level, state.tension + amount))
    if level == state.tension:
        return state
    log.append(L.TensionChanged(level - state.tension, level))
    state = update(state, tension=level)
    if level >= rules.crisis_level and amount > 0:
        culprit = state.seats[by] if by >= 0 else ""
        log.append(L.CrisisErupted(culprit, level))
        if by >= 0:
            state = score(state, by, -rules.crisis_vp, "crisis", log)
            state = change_credibility(scenario, state, by, -1, log)
        log.append(L.TensionChanged(rules.crisis_reset - level, rules.crisis_reset))
        state = update(state, tension=rules.crisis_reset, era_over=True)
    return state


def set_link_status(scenario: S.Scenario, state: GameState, l_idx: int, status: str, by: str, log: Log) -> GameState:
    link = state.links[l_idx]
    if link.status == status:
        return state
    if status == "built" and link.status == "planned":
        link = evolve(link, progress=scenario.links[l_idx].build_ops)
    log.append(L.LinkStatusChanged(scenario.links[l_idx].id, status, by))
    return update(state, links=set_item(state.links, l_idx, evolve(link, status=status)))


# --------------------------------------------------------------------------- one function per kind


def _budget(scenario: S.Scenario, state: GameState, e: S.Budget, ctx: Context, log: Log) -> GameState:
    for seat in seats_named(state, e.target, ctx):
        state = change_budget(state, seat, e.amount, log)
    return state


def _influence(scenario: S.Scenario, state: GameState, e: S.Influence, ctx: Context, log: Log) -> GameState:
    where = resolve(state, e.state, ctx)
    for seat in seats_named(state, e.target, ctx):
        for s in where:
            state = change_influence(scenario, state, seat, scenario.state_index[s], e.amount, log)
    return state


def _tension(scenario: S.Scenario, state: GameState, e: S.Tension, ctx: Context, log: Log) -> GameState:
    return raise_tension(scenario, state, e.amount, ctx.player if ctx.by is None else ctx.by, log)


def _credibility(scenario: S.Scenario, state: GameState, e: S.Credibility, ctx: Context, log: Log) -> GameState:
    for seat in seats_named(state, e.target, ctx):
        state = change_credibility(scenario, state, seat, e.amount, log)
    return state


def _standing(scenario: S.Scenario, state: GameState, e: S.Standing, ctx: Context, log: Log) -> GameState:
    p_idx = scenario.patron_index[e.patron]
    for seat in seats_named(state, e.target, ctx):
        state = change_standing(scenario, state, seat, p_idx, e.amount, log)
    return state


def _link_status(scenario: S.Scenario, state: GameState, e: S.LinkStatus, ctx: Context, log: Log) -> GameState:
    return set_link_status(scenario, state, scenario.link_index[e.link], e.status, "", log)


def _link_capacity(scenario: S.Scenario, state: GameState, e: S.LinkCapacity, ctx: Context, log: Log) -> GameState:
    l_idx = scenario.link_index[e.link]
    link = state.links[l_idx]
    capacity = max(0, link.capacity + e.amount)
    log.append(L.LinkCapacityChanged(e.link, capacity - link.capacity, capacity))
    return update(state, links=set_item(state.links, l_idx, evolve(link, capacity=capacity)))


def _link_cost(scenario: S.Scenario, state: GameState, e: S.LinkCost, ctx: Context, log: Log) -> GameState:
    l_idx = scenario.link_index[e.link]
    link = state.links[l_idx]
    cost = max(-scenario.links[l_idx].cost, link.cost + e.amount)
    log.append(L.LinkCostChanged(e.link, cost - link.cost, cost))
    return update(state, links=set_item(state.links, l_idx, evolve(link, cost=cost)))


def _build_progress(scenario: S.Scenario, state: GameState, e: S.BuildProgress, ctx: Context, log: Log) -> GameState:
    l_idx = scenario.link_index[e.link]
    link = state.links[l_idx]
    if link.status != "planned":
        return state
    needed = scenario.links[l_idx].build_ops
    progress = max(0, min(needed, link.progress + e.amount))
    by = state.seats[ctx.player] if ctx.player >= 0 else ""
    log.append(L.BuildProgressed(by, e.link, progress, needed, 0))
    state = update(state, links=set_item(state.links, l_idx, evolve(link, progress=progress)))
    if progress >= needed:
        state = set_link_status(scenario, state, l_idx, "built", by, log)
        log.append(L.LinkBuilt(by, e.link))
        if ctx.player >= 0:  # the seat that completes a link scores it, by ops or by event
            state = score(state, ctx.player, scenario.links[l_idx].vp, "build", log, e.link)
    return state


def _join_bloc(scenario: S.Scenario, state: GameState, e: S.JoinBloc, ctx: Context, log: Log) -> GameState:
    for s in resolve(state, e.state, ctx):
        state = join_bloc(scenario, state, s, e.bloc, log)
    return state


def join_bloc(scenario: S.Scenario, state: GameState, state_id: str, bloc_id: str, log: Log) -> GameState:
    b_idx = scenario.bloc_index[bloc_id]
    if state_id in state.members[b_idx]:
        return state
    for other in scenario.blocs[b_idx].incompatible:
        state = leave_bloc(scenario, state, state_id, other, log)
    log.append(L.BlocJoined(state_id, bloc_id))
    return update(state, members=set_item(state.members, b_idx, state.members[b_idx] | {state_id}))


def leave_bloc(scenario: S.Scenario, state: GameState, state_id: str, bloc_id: str, log: Log) -> GameState:
    b_idx = scenario.bloc_index[bloc_id]
    if state_id not in state.members[b_idx]:
        return state
    log.append(L.BlocLeft(state_id, bloc_id))
    return update(state, members=set_item(state.members, b_idx, state.members[b_idx] - {state_id}))


def _leave_bloc(scenario: S.Scenario, state: GameState, e: S.LeaveBloc, ctx: Context, log: Log) -> GameState:
    for s in resolve(state, e.state, ctx):
        state = leave_bloc(scenario, state, s, e.bloc, log)
    return state


def _price(scenario: S.Scenario, state: GameState, e: S.Price, ctx: Context, log: Log) -> GameState:
    c_idx = scenario.commodity_index[e.commodity]
    prices = add_item(state.prices, c_idx, e.amount, 1)
    log.append(L.PriceChanged(e.commodity, prices[c_idx] - state.prices[c_idx], prices[c_idx]))
    return update(state, prices=prices)


def _stability(scenario: S.Scenario, state: GameState, e: S.Stability, ctx: Context, log: Log) -> GameState:
    s_idx = scenario.state_index[e.state]
    before = board.controlling_seat(state, s_idx)
    values = add_item(state.stability, s_idx, e.amount, 1, 6)
    log.append(L.StabilityChanged(e.state, values[s_idx] - state.stability[s_idx], values[s_idx]))
    return _log_control(scenario, state, update(state, stability=values), s_idx, before, log)


def _production(scenario: S.Scenario, state: GameState, e: S.Production, ctx: Context, log: Log) -> GameState:
    for i, producer in enumerate(scenario.world.producers):
        if producer.state == e.state and producer.commodity == e.commodity:
            production = add_item(state.production, i, e.amount)
            delta = production[i] - state.production[i]
            log.append(L.ProductionChanged(e.state, e.commodity, delta, production[i]))
            return update(state, production=production)
    return state


def _ops(scenario: S.Scenario, state: GameState, e: S.Ops, ctx: Context, log: Log) -> GameState:
    for seat in seats_named(state, e.target, ctx):
        log.append(L.OpsModified(state.seats[seat], e.amount))
        state = update(state, ops_mod=add_item(state.ops_mod, seat, e.amount, -2, 2))
    return state


def _vp(scenario: S.Scenario, state: GameState, e: S.VictoryPoints, ctx: Context, log: Log) -> GameState:
    for seat in seats_named(state, e.target, ctx):
        state = score(state, seat, e.amount, "event", log, ctx.card)
    return state


def _summit(scenario: S.Scenario, state: GameState, e: S.Summit, ctx: Context, log: Log) -> GameState:
    log.append(L.SummitCalled(ctx.card))
    return update(state, summit_pending=True)


E = TypeVar("E")
# One handler per effect class; each takes its own class (`Handler[S.Budget]`...), so the table's
# value type leaves the effect Any, and tests/rules/test_kinds.py checks each handler's class.
Handler = Callable[[S.Scenario, GameState, E, Context, Log], GameState]
HANDLERS: dict[type[S.Effect], Handler[Any]] = {
    S.Budget: _budget,
    S.Influence: _influence,
    S.Tension: _tension,
    S.Credibility: _credibility,
    S.Standing: _standing,
    S.LinkStatus: _link_status,
    S.LinkCapacity: _link_capacity,
    S.LinkCost: _link_cost,
    S.BuildProgress: _build_progress,
    S.JoinBloc: _join_bloc,
    S.LeaveBloc: _leave_bloc,
    S.Price: _price,
    S.Stability: _stability,
    S.Production: _production,
    S.Ops: _ops,
    S.VictoryPoints: _vp,
    S.Summit: _summit,
}


def apply_effects(
    scenario: S.Scenario, state: GameState, effects: tuple[S.Effect, ...], ctx: Context, log: Log
) -> GameState:
    """Apply a card's effects in order."""
    for effect in effects:
        state = HANDLERS[type(effect)](scenario, state, effect, ctx, log)
    return state
