"""Routing of oil, gas, power and transit cargo over open links; transit fees; dependence.

`route` is a pure function of capacities, costs and volumes and is memoised per scenario, so a
round whose network did not change costs one dictionary look-up. `settle` turns the routed paths
into money and dependence for the current owners of each territory.
"""

from __future__ import annotations

import heapq

from rules import board
from rules.memo import Memo, MemoName
from rules.scenario import Scenario
from rules.state import FlowPath, FlowReport, GameState, LinkState, update

# Entries each flow memo of a scenario holds before it starts afresh (a table of tables counts its tables).
_CACHE_LIMIT = 20000
# The scenario's flow memo tables (see rules.memo).
_ROUTES = MemoName("flows.route", _CACHE_LIMIT)
_MADE_PATHS = MemoName("flows.made_paths", _CACHE_LIMIT)
_WEIGHTS = MemoName("flows.weights", _CACHE_LIMIT)
_PATH_TABLES = MemoName("flows.paths", _CACHE_LIMIT)
_ADJACENCY = MemoName("flows.adjacency", _CACHE_LIMIT)
_FEE_PLANS = MemoName("flows.fee_plans", _CACHE_LIMIT)

Routed = tuple[tuple[int, ...], tuple[FlowPath, ...], tuple[int, ...]]  # loads, paths, unshipped per shipment
_Path = tuple[tuple[int, ...], int]  # a cheapest path's links, and the node it reaches (-1: no path)
_PathKey = tuple[int, tuple[int, ...], str, frozenset[int]]  # origin, goals, commodity, closed links
_PathFields = tuple[str, str, tuple[int, ...], int, int]  # a flow path's owner, commodity, links, volume, market
_Adjacency = tuple[tuple[tuple[int, int, int], ...], ...]  # per node: (link, other node, weight)
_Discounts = tuple[tuple[frozenset[str], int], ...]  # fee-discount blocs' members and discount
_Halved = frozenset[tuple[str, str, str]]  # (party, other party, link id) of transit and swap agreements
_FeeTerms = tuple[str, _Discounts, _Halved]  # an exporter and the terms that touch it
# One exporter's path: (state index, fee percent, divisor of the value) per territory crossed, and the
# states crossed other than the exporter's own.
_Plan = tuple[tuple[tuple[int, int, int], ...], tuple[int, ...]]


def effective_capacity(link: LinkState) -> int:
    """What a link carries this round: all when built, half when throttled, none otherwise."""
    if link.status == "built":
        return link.capacity
    if link.status == "throttled":
        return link.capacity // 2
    return 0


def shipments(scenario: Scenario, production: tuple[int, ...]) -> tuple[tuple[str, int, str, int, int], ...]:
    """(owner, origin node, commodity, volume, destination node or -1 for any market) to route."""
    out: list[tuple[str, int, str, int, int]] = []
    for producer, volume in zip(scenario.world.producers, production):
        out.append((producer.state, scenario.node_index[producer.node], producer.commodity, volume, -1))
    for cargo in scenario.world.cargo:
        origin, dest = scenario.node_index[cargo.origin], scenario.node_index[cargo.destination]
        out.append(("", origin, "cargo", cargo.volume, dest))
    return tuple(out)


def route(scenario: Scenario, caps: tuple[int, ...], costs: tuple[int, ...], production: tuple[int, ...]) -> Routed:
    """Route every shipment, cheapest path first within capacity: (loads, paths, unshipped per shipment)."""
    routes: Memo[tuple[tuple[int, ...], ...], Routed] = scenario.memos[_ROUTES]
    key = (caps, costs, production)
    found = routes.get(key)
    if found is None:
        found = routes.put(key, _route(scenario, caps, costs, shipments(scenario, production)))
    return found


def _route(
    scenario: Scenario, caps: tuple[int, ...], costs: tuple[int, ...], todo: tuple[tuple[str, int, str, int, int], ...]
) -> Routed:
    residual = list(caps)
    weights = _weights(scenario, costs)
    memo = _path_memo(scenario, weights)
    adjacency = {c: _adjacency(scenario, c, weights) for c in {commodity for _, _, commodity, _, _ in todo}}
    carries = scenario.link_carries
    closed = {commodity: frozenset(i for i in links if caps[i] <= 0) for commodity, links in scenario.carriers}
    remaining = [volume for _, _, _, volume, _ in todo]
    markets = scenario.market_nodes
    goals = [(dest,) if dest >= 0 else markets.get(commodity, ()) for _, _, commodity, _, dest in todo]
    shipped: dict[tuple[str, str, tuple[int, ...], int], int] = {}
    active = [k for k, volume in enumerate(remaining) if volume > 0]
    while active:
        still = []
        for k in active:
            owner, origin, commodity, _, _ = todo[k]
            path, market = _cheapest_memo(
                scenario, memo, origin, goals[k], commodity, closed.get(commodity, _NONE), adjacency[commodity]
            )
            if market < 0:
                continue
            amount = min(remaining[k], min([residual[i] for i in path]))
            for i in path:
                residual[i] -= amount
                if residual[i] <= 0:
                    for carried in carries[i]:
                        closed[carried] = closed[carried] | {i}
            remaining[k] -= amount
            if remaining[k] > 0:
                still.append(k)
            key = (owner, commodity, path, market)
            shipped[key] = shipped.get(key, 0) + amount
        active = still
    loads = tuple(cap - left for cap, left in zip(caps, residual))
    made = _made_paths(scenario)
    paths = tuple(made.get((o, c, p, v, m)) or _make_path(made, o, c, p, v, m) for (o, c, p, m), v in shipped.items())
    return loads, paths, tuple(remaining)


def _made_paths(scenario: Scenario) -> Memo[_PathFields, FlowPath]:
    """The flow paths routing has made for this scenario, by their fields (paths are values, and recur)."""
    made: Memo[_PathFields, FlowPath] = scenario.memos[_MADE_PATHS]
    return made


def _make_path(
    made: Memo[_PathFields, FlowPath], owner: str, commodity: str, links: tuple[int, ...], volume: int, market: int
) -> FlowPath:
    return made.put((owner, commodity, links, volume, market), FlowPath(owner, commodity, links, volume, market))


def _weights(scenario: Scenario, costs: tuple[int, ...]) -> tuple[int, ...]:
    """Per link: the cost of moving a unit over it (fee plus transport cost, at least 1)."""
    weights: Memo[tuple[int, ...], tuple[int, ...]] = scenario.memos[_WEIGHTS]
    found = weights.get(costs)
    if found is None:
        found = weights.put(costs, tuple(max(1, lk.fee + lk.cost + extra) for lk, extra in zip(scenario.links, costs)))
    return found


def _path_memo(scenario: Scenario, weights: tuple[int, ...]) -> Memo[_PathKey, _Path]:
    """The memo of cheapest paths for one set of link weights (shared by every game with those weights)."""
    tables: Memo[tuple[int, ...], Memo[_PathKey, _Path]] = scenario.memos[_PATH_TABLES]
    found = tables.get(weights)
    if found is None:
        found = tables.put(weights, Memo(_CACHE_LIMIT))
    return found


def _cheapest_memo(
    scenario: Scenario,
    memo: Memo[_PathKey, _Path],
    origin: int,
    targets: tuple[int, ...],
    commodity: str,
    closed: frozenset[int],
    adjacency: _Adjacency,
) -> _Path:
    """`_cheapest`, memoised: the cheapest path depends only on which of the links that carry the commodity
    are closed, not on how much room the open ones have left, so games that share a network share their paths."""
    key = (origin, targets, commodity, closed)
    found = memo.get(key)
    if found is None:
        found = memo.put(key, _cheapest(scenario, origin, targets, closed, adjacency))
    return found


_NONE: frozenset[int] = frozenset()
_NO_PATH: _Path = ((), -1)


def _cheapest(
    scenario: Scenario, origin: int, targets: tuple[int, ...], closed: frozenset[int], adjacency: _Adjacency
) -> _Path:
    """Dijkstra from origin to the nearest target over open links (not in `closed`) of a commodity's
    adjacency (`_NO_PATH` if none is reached)."""
    if not targets:
        return _NO_PATH
    goal = set(targets)
    stops = scenario.is_market
    best = [_FAR] * len(adjacency)
    best[origin] = 0
    back: dict[int, tuple[int, int]] = {}
    heap = [(0, origin)]
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        dist, node = pop(heap)
        if node in goal:
            return _unwind(back, node), node
        if dist > best[node] or (stops[node] and node != origin):
            continue
        for link, other, weight in adjacency[node]:
            if link in closed:
                continue
            cand = dist + weight
            if cand < best[other]:
                best[other] = cand
                back[other] = (node, link)
                push(heap, (cand, other))
    return _NO_PATH


_FAR = 1 << 60


def _adjacency(scenario: Scenario, commodity: str, weights: tuple[int, ...]) -> _Adjacency:
    """Per node, the (link, other node, weight) of the links that can carry the commodity (built once per
    scenario and weights)."""
    tables: Memo[tuple[str, tuple[int, ...]], _Adjacency] = scenario.memos[_ADJACENCY]
    key = (commodity, weights)
    found = tables.get(key)
    if found is None:
        carries = scenario.link_carries
        found = tables.put(
            key,
            tuple(
                tuple((lk, other, weights[lk]) for lk, other in adj if commodity in carries[lk])
                for adj in scenario.adjacency
            ),
        )
    return found


def _unwind(back: dict[int, tuple[int, int]], node: int) -> tuple[int, ...]:
    path = []
    while node in back:
        node, link = back[node]
        path.append(link)
    return tuple(reversed(path))


def route_state(scenario: Scenario, state: GameState) -> Routed:
    """Route the flows of a game state."""
    caps = tuple(effective_capacity(lk) for lk in state.links)
    costs = tuple(lk.cost for lk in state.links)
    return route(scenario, caps, costs, state.production)


class _FeeRates:
    """Fee rates under one set of terms: bloc discounts per (exporter, territory), agreement halvings per link."""

    def __init__(self, scenario: Scenario, discounts: _Discounts, halved: _Halved) -> None:
        self.scenario = scenario
        self.discounts = discounts
        self.halved = halved

    def rate(self, owner: str, l_idx: int, s_idx: int) -> int:
        link = self.scenario.links[l_idx]
        territory = self.scenario.states[s_idx].id
        if owner == territory:
            return 0
        fee = link.fee
        if not owner:
            return fee
        for members, amount in self.discounts:
            if owner in members and territory in members:
                fee = max(0, fee - amount)
        if (owner, territory, link.id) in self.halved:
            fee //= 2
        return fee


def _fee_terms(scenario: Scenario, state: GameState) -> tuple[_Discounts, _Halved]:
    """What fee rates depend on in a state: fee-discount blocs' members, and the (party, other party, link)
    of every transit or swap agreement."""
    discounts = tuple(
        (members, bloc.benefit_amount)
        for bloc, members in zip(scenario.blocs, state.members)
        if bloc.benefit == "fee_discount"
    )
    halved = frozenset(
        (party, other, a.subject)
        for a in state.agreements
        if a.deal in ("transit", "swap")
        for party, other in (a.parties, a.parties[::-1])
    )
    return discounts, halved


def fee_rate(scenario: Scenario, state: GameState, owner: str, link_id: str, territory: str) -> int:
    """The fee (percent of the value) an exporter pays to cross one state's territory on a link, under the
    state's bloc discounts and agreements."""
    rates = _FeeRates(scenario, *_fee_terms(scenario, state))
    return rates.rate(owner, scenario.link_index[link_id], scenario.state_index[territory])


def _fee_plans(
    tables: Memo[_FeeTerms, Memo[tuple[int, ...], _Plan]], owner: str, discounts: _Discounts, halved: _Halved
) -> Memo[tuple[int, ...], _Plan]:
    """The memo of one exporter's fee plans (by path links) under the terms that touch that exporter."""
    mine = tuple((members, amount) for members, amount in discounts if owner in members)
    key = (owner, mine, frozenset(entry for entry in halved if entry[0] == owner))
    found = tables.get(key)
    if found is None:
        found = tables.put(key, Memo(_CACHE_LIMIT))
    return found


def _fee_plan(scenario: Scenario, rates: _FeeRates, owner: str, links: tuple[int, ...]) -> _Plan:
    """For one exporter's path: (state index, fee percent, divisor of the value) per territory of each link,
    and the states it crosses other than the exporter's own."""
    cuts = []
    crossed: set[int] = set()
    for l_idx in links:
        territory = scenario.link_states[l_idx]
        for s_idx in territory:
            cuts.append((s_idx, rates.rate(owner, l_idx, s_idx), 100 * len(territory)))
            crossed.add(s_idx)
    home = scenario.state_index.get(owner, -1)
    return tuple(cuts), tuple(s_idx for s_idx in crossed if s_idx != home)


def settle(
    scenario: Scenario,
    state: GameState,
    loads: tuple[int, ...],
    paths: tuple[FlowPath, ...],
    unshipped: tuple[int, ...],
) -> FlowReport:
    """Money and dependence of the routed paths for the current territory holders."""
    n = len(state.seats)
    seat_of = {seat: i for i, seat in enumerate(state.seats)}
    holder = board.holders(scenario, state)
    exports = [0] * n
    fees = [0] * n
    gross = [0] * n
    crossing = [[0] * len(scenario.states) for _ in range(n)]
    discounts, halved = _fee_terms(scenario, state)
    rates = _FeeRates(scenario, discounts, halved)
    plans_of: dict[str, Memo[tuple[int, ...], _Plan]] = {}
    fee_tables: Memo[_FeeTerms, Memo[tuple[int, ...], _Plan]] = scenario.memos[_FEE_PLANS]
    prices, commodity_index = state.prices, scenario.commodity_index
    for path in paths:
        value = path.volume * prices[commodity_index[path.commodity]]
        net = value
        plans = plans_of.get(path.owner)
        if plans is None:
            plans = plans_of[path.owner] = _fee_plans(fee_tables, path.owner, discounts, halved)
        plan = plans.get(path.links)
        if plan is None:
            plan = plans.put(path.links, _fee_plan(scenario, rates, path.owner, path.links))
        cuts, crossed = plan
        for s_idx, rate, share in cuts:
            fee = value * rate // share
            net -= fee
            if holder[s_idx] >= 0:
                fees[holder[s_idx]] += fee
        owner = seat_of.get(path.owner, -1)
        if owner >= 0:
            exports[owner] += net
            gross[owner] += value
            row = crossing[owner]
            for s_idx in crossed:
                row[s_idx] += value
    dependence = tuple(tuple(c * 1000 // gross[i] if gross[i] else 0 for c in crossing[i]) for i in range(n))
    divisor = scenario.rules.income_divisor
    income = tuple((exports[i] + fees[i]) // divisor for i in range(n))
    left = [0] * n
    for owner_id, rest in zip(scenario.shipment_owners, unshipped):
        if owner_id in seat_of:
            left[seat_of[owner_id]] += rest
    return FlowReport(loads, paths, income, tuple(fees), tuple(exports), dependence, tuple(left))


def run_flows(scenario: Scenario, state: GameState) -> FlowReport:
    """Route and settle this round's flows."""
    loads, paths, unshipped = route_state(scenario, state)
    return settle(scenario, state, loads, paths, unshipped)


def preview(scenario: Scenario, state: GameState, link_id: str, status: str) -> dict[str, dict[str, object]]:
    """What a change of one link's status would change for every seat, without applying it.

    Per seat: income before and after, and dependence (permille) on each state before and after
    where it differs.
    """
    from attrs import evolve

    l_idx = scenario.link_index[link_id]
    before = run_flows(scenario, state)
    links = state.links[:l_idx] + (evolve(state.links[l_idx], status=status),) + state.links[l_idx + 1 :]
    after = run_flows(scenario, update(state, links=links))
    out: dict[str, dict[str, object]] = {}
    for i, seat in enumerate(state.seats):
        changed = {
            scenario.states[s].id: (before.dependence[i][s], after.dependence[i][s])
            for s in range(len(scenario.states))
            if before.dependence[i][s] != after.dependence[i][s]
        }
        out[seat] = {
            "income_before": before.income[i],
            "income_after": after.income[i],
            "dependence": changed,
            "unshipped_after": after.unshipped[i],
        }
    return out
