"""The bots' evaluation of a position for one seat, built from public information plus its own objective.

A position is worth its points against the rivals, the income it will earn this era, its transit fees and
the leverage others' dependence on it gives, its own dependence on others, the states it controls, the
tension risk, patrons and blocs, credibility, budget, builds under way and its national interest. Each
seat weighs the terms by its personality (`StateDef.personality`: transit_control, multi_vector, income,
security, west, bloc_loyalty). `Assessment.facts` keeps the readable numbers behind the terms so that a
reason can quote them ("tension 3 → 4").
"""

from __future__ import annotations

from operator import is_

from attrs import frozen

from rules import board, scoring
from rules.engine import consenting
from rules.flows import Routed, route_state, settle
from rules.memo import IdentityMemo
from rules.scenario import Scenario
from rules.state import FlowReport, GameState, update

# Patrons the personality key "west" refers to.
WESTERN = frozenset({"eu", "us", "uk"})
# Objective kinds whose check reads the last flow report.
_FLOW_OBJECTIVES = frozenset({"diversified", "gatekeeper", "hub"})
# What setting off a crisis costs beyond its points and credibility (an era cut short, a reputation).
CRISIS_COST = 1.5
# What full consent for a project not yet begun is worth, per victory point it (or the national interest
# whose route it lies on) would bring, plus one.
PROSPECT_WEIGHT = 0.12
PERSONALITY_KEYS = ("transit_control", "multi_vector", "income", "security", "west", "bloc_loyalty")
# Entries an identity memo holds before it starts afresh.
MEMO_LIMIT = 4096
# The owner recorded for a link that carries the flows of more than one owner (no state has this id).
SHARED = "\x00shared"
ASSESSED_LIMIT = 256
# Assessments memoised by value (each keeps its position's tuples alive).
BY_VALUE_LIMIT = 4096


@frozen
class Assessment:
    """A position's value for one seat (points-equivalent), its weighted terms, and readable facts."""

    value: float
    terms: dict[str, float]
    facts: dict[str, object]


class Evaluator:
    """Scores positions for one seat with that seat's personality weights."""

    def __init__(self, scenario: Scenario, seat: str, personality: dict[str, float] | None = None) -> None:
        self.scenario = scenario
        self.seat = seat
        self.home = scenario.state_index[seat]
        data = dict(scenario.state(seat).personality)
        data.update(personality or {})
        self.weights = {key: float(data.get(key, 1.0)) for key in PERSONALITY_KEYS}
        self._western = tuple(i for i, p in enumerate(scenario.patrons) if p.id in WESTERN)
        orientation = scenario.state(seat).orientation
        self._bloc = scenario.bloc_index.get(orientation, -1)
        sponsor = scenario.blocs[self._bloc].sponsor if self._bloc >= 0 else ""
        self._sponsor = scenario.patron_index.get(sponsor, -1)
        self._project_memo: dict[str | None, tuple[tuple[int, float], ...]] = {}
        self._assessed: dict[tuple, tuple[tuple, Assessment]] = {}  # see `assess`
        self._by_value: dict[tuple, Assessment] = {}  # see `assess`
        self._links_seen: dict[int, tuple[tuple, tuple]] = {}  # id -> (links, canonical equal links)
        self._links_canon: dict[tuple, tuple] = {}
        # links, production, prices, agreements, members, seats, holders
        self._by_id: IdentityMemo[FlowReport] = IdentityMemo(MEMO_LIMIT)
        # links, production: the routing (one shared object per network)
        self._routed: IdentityMemo[Routed] = IdentityMemo(MEMO_LIMIT)
        self._settled: dict[tuple, tuple[Routed, FlowReport]] = {}  # the routing's id and what settling reads
        self._route_states = tuple(enumerate(scenario.route_states))
        # Identity memos of the evaluation's parts, each keyed on what it reads.
        self._routes: IdentityMemo[tuple[float, ...]] = IdentityMemo(MEMO_LIMIT)  # links, seats: route points per seat
        # members, standing, seats
        self._summits: IdentityMemo[tuple[tuple[int, ...] | None, tuple[int, ...]]] = IdentityMemo(MEMO_LIMIT)
        # report, seats: markets reached per seat
        self._markets: IdentityMemo[tuple[int, ...]] = IdentityMemo(MEMO_LIMIT)
        # report, holders, seats: held links carrying others' flows
        self._transit: IdentityMemo[tuple[int, ...]] = IdentityMemo(MEMO_LIMIT)
        # report: each link's flow owner (or SHARED)
        self._carried: IdentityMemo[dict[int, str]] = IdentityMemo(MEMO_LIMIT)
        # report
        self._flow_memo: IdentityMemo[tuple[float, dict[str, float], float, tuple[str, float], float]] = IdentityMemo(
            MEMO_LIMIT
        )
        # influence, stability, seats
        self._control: IdentityMemo[tuple[tuple[str, ...], bool, float]] = IdentityMemo(MEMO_LIMIT)
        self._loyalty: IdentityMemo[tuple[float, int, float]] = IdentityMemo(MEMO_LIMIT)  # standing, members, seats
        self._builds: IdentityMemo[float] = IdentityMemo(MEMO_LIMIT)  # links

    # ------------------------------------------------------------------ flows

    def controllers(self, state: GameState) -> tuple[int, ...]:
        """Per state: the seat holding its territory (see `board.controller`)."""
        return board.holders(self.scenario, state)

    def flows(self, state: GameState, holders: tuple[int, ...] | None = None) -> FlowReport:
        """The flows the position would route now, memoised on what routing and settling read.

        The first key holds the state's own tuples by identity (positions derived from one another share
        them), so a look-up does not hash the whole network. Else the routing, memoised on the network's
        identity and shared by networks that route alike (see `flows.route`), is settled once per routing,
        prices, agreements, blocs, seats and holders.
        """
        if holders is None:
            holders = self.controllers(state)
        parts = (state.links, state.production, state.prices, state.agreements, state.members, state.seats, holders)
        report = self._by_id.get(parts)
        if report is not None:
            return report
        routed = self._routed.get_or_make((state.links, state.production), lambda: route_state(self.scenario, state))
        key = (id(routed), state.prices, state.agreements, state.members, state.seats, holders)
        found = self._settled.get(key)
        if found is not None and found[0] is routed:
            report = found[1]
        else:
            if len(self._settled) >= MEMO_LIMIT:
                self._settled.clear()
            report = settle(self.scenario, state, *routed)
            self._settled[key] = (routed, report)
        self._by_id.put(parts, report)
        return report

    # ------------------------------------------------------------------ value

    def value(self, state: GameState) -> float:
        """The position's value for this seat."""
        return self.assess(state).value

    def assess(self, state: GameState) -> Assessment:
        """The position's value, its terms and the facts behind them, memoised on the identity of every
        field the assessment reads (a position comes back unchanged when a proposal to it is refused). The
        memo is small: the positions that come back are recent ones, and a large one keeps old states alive."""
        parts = (
            *(state.seats, state.links, state.production, state.prices, state.agreements, state.members),
            *(state.influence, state.stability, state.standing, state.vp, state.era_income, state.credibility),
            *(state.budget, state.objectives),
        )
        key = (*map(id, parts), state.era, state.round, state.phase, state.era_over, state.tension)
        found = self._assessed.get(key)
        if found is not None and all(map(is_, found[0], parts)):
            return found[1]
        # Else by value: positions equal in every field read, reached in different sampled worlds (hands
        # differ, the board does not), are worth the same. The links enter by a canonical copy's identity,
        # so that a look-up does not hash every link.
        links = self._canonical(state.links)
        mine = state.objectives[state.seats.index(self.seat)] if self.seat in state.seats else None
        by_value = (id(links), parts[0], *parts[2:13], mine, *key[-5:])
        assessment = self._by_value.get(by_value)
        if assessment is None:
            assessment = self._assess(state)
            if len(self._by_value) >= BY_VALUE_LIMIT:
                self._by_value.clear()
            self._by_value[by_value] = assessment
        if len(self._assessed) >= ASSESSED_LIMIT:
            self._assessed.clear()
        self._assessed[key] = (parts, assessment)
        return assessment

    def _canonical(self, links: tuple) -> tuple:
        """One shared tuple per distinct value of the links (hashed once per tuple object seen). The
        canonical tuples stay alive as long as the value memo keyed on their identity."""
        found = self._links_seen.get(id(links))
        if found is not None and found[0] is links:
            return found[1]
        if len(self._links_seen) >= MEMO_LIMIT:
            self._links_seen.clear()
            self._links_canon.clear()
            self._by_value.clear()
        canonical = self._links_canon.setdefault(links, links)
        self._links_seen[id(links)] = (links, canonical)
        return canonical

    def _assess(self, state: GameState) -> Assessment:
        me = state.seats.index(self.seat)
        w = self.weights
        holders = self.controllers(state)
        report = self.flows(state, holders)
        terms: dict[str, float] = {}
        facts: dict[str, object] = {}
        self._score_terms(state, me, report, holders, terms, facts)
        self._flow_terms(state, me, report, terms, facts, w)
        self._board_terms(state, me, holders, terms, facts, w)
        terms["tension"] = -w["security"] * self._tension_risk(state, facts)
        facts["credibility"] = state.credibility[me]
        terms["credibility"] = 0.25 * state.credibility[me]
        facts["budget"] = state.budget[me]
        terms["budget"] = 0.04 * state.budget[me]
        terms["objective"] = self._objective_term(state, me, report, facts)
        return Assessment(sum(terms.values()), terms, facts)

    def _tension_risk(self, state: GameState, facts: dict[str, object]) -> float:
        """How close the track is to a crisis. A crisis that has just erupted (the era cut short, the
        track reset) counts as the worst case plus its own cost, so that setting one off never looks like
        relief: the culprit's lost points and credibility are in the other terms already."""
        crisis = self.scenario.rules.crisis_level
        tension = crisis if state.era_over else state.tension
        facts["tension"] = state.tension
        facts["crisis"] = state.era_over
        risk = max(0, tension - 2) ** 2 * 0.12 + (0.6 if tension >= crisis - 1 else 0.0)
        return risk + (CRISIS_COST if state.era_over else 0.0)

    def _score_terms(
        self,
        state: GameState,
        me: int,
        report: FlowReport,
        holders: tuple[int, ...],
        terms: dict[str, float],
        facts: dict[str, object],
    ) -> None:
        """Points now plus the points each seat is on course for at the next summit and era end (bloc or
        sovereignty, open routes, income), against the rivals."""
        projected = self.projected_points(state, report, holders)
        rivals = [projected[i] for i in range(len(state.seats)) if i != me]
        best = max(rivals, default=0.0)
        mean = sum(rivals) / len(rivals) if rivals else 0.0
        terms["score"] = projected[me] - 0.5 * best - 0.5 * mean
        terms["income"] = self.weights["income"] * 0.08 * report.income[me]
        facts["vp"] = state.vp[me]
        facts["projected"] = round(projected[me], 1)
        facts["rival_vp"] = max((state.vp[i] for i in range(len(state.seats)) if i != me), default=0)
        facts["income"] = report.income[me]

    def projected_points(self, state: GameState, report: FlowReport, holders: tuple[int, ...]) -> list[float]:
        """Per seat: points now, plus what the next summit and the era's end would give as things stand."""
        rules = self.scenario.rules
        left = _rounds_left(self.scenario, state)
        summits = self._summit_points(state, report, holders)
        routes = self._route_points(state)
        out = []
        for i in range(len(state.seats)):
            income = min(rules.max_income_vp, (state.era_income[i] + report.income[i] * left) / rules.income_per_vp)
            out.append(state.vp[i] + summits[i] + routes[i] + income)
        return out

    def _summit_points(self, state: GameState, report: FlowReport, holders: tuple[int, ...]) -> tuple[int, ...]:
        """Per seat: what the next summit would give as things stand (the dominant bloc's members by
        standing, else every seat's sovereignty)."""
        bloc, patrons = self._summit_basis(state)
        if bloc is not None:
            return bloc
        markets, transit = self._market_counts(state, report), self._transit_counts(state, report, holders)
        cap = self.scenario.rules.sovereignty_cap
        return tuple(min(cap, patrons[i] + markets[i] + min(2, transit[i])) for i in range(len(state.seats)))

    def _summit_basis(self, state: GameState) -> tuple[tuple[int, ...] | None, tuple[int, ...]]:
        """Per seat: the dominant bloc's summit points (None if no bloc dominates), and the patrons that
        favour it (standing 2+)."""
        parts = (state.members, state.standing, state.seats)
        found = self._summits.get(parts)
        if found is not None:
            return found
        sc = self.scenario
        dominant, _ = scoring.dominant_bloc(sc, state)
        bloc_points: tuple[int, ...] | None = None
        if dominant:
            bloc = sc.blocs[sc.bloc_index[dominant]]
            p_idx = sc.patron_index.get(bloc.sponsor, -1)
            members = state.members[sc.bloc_index[dominant]]
            bloc_points = tuple(
                (bloc.member_vp + (state.standing[i][p_idx] // 2 if p_idx >= 0 else 1)) if seat in members else 0
                for i, seat in enumerate(state.seats)
            )
        patrons = tuple(sum(1 for v in row if v >= 2) for row in state.standing)
        basis = (bloc_points, patrons)
        self._summits.put(parts, basis)
        return basis

    def _route_points(self, state: GameState) -> tuple[float, ...]:
        """Per seat: the points of the open routes that cross it."""
        parts = (state.links, state.seats)
        found = self._routes.get(parts)
        if found is not None:
            return found
        sc = self.scenario
        routes = [0.0] * len(state.seats)
        for r_idx, crossing in self._route_states:
            if board.route_open(sc, state, r_idx):
                for i, seat in enumerate(state.seats):
                    if seat in crossing:
                        routes[i] += sc.routes[r_idx].vp
        points = tuple(routes)
        self._routes.put(parts, points)
        return points

    def _market_counts(self, state: GameState, report: FlowReport) -> tuple[int, ...]:
        """Per seat: how many markets its exports reach in the flow report."""
        parts = (report, state.seats)
        found = self._markets.get(parts)
        if found is not None:
            return found
        markets: list[set[int]] = [set() for _ in state.seats]
        seat_of = {seat: i for i, seat in enumerate(state.seats)}
        for path in report.paths:
            owner = seat_of.get(path.owner, -1)
            if owner >= 0 and path.volume > 0:
                markets[owner].add(path.market)
        counts = tuple(len(m) for m in markets)
        self._markets.put(parts, counts)
        return counts

    def _transit_counts(self, state: GameState, report: FlowReport, holders: tuple[int, ...]) -> tuple[int, ...]:
        """Per seat: the links it holds that carry others' flows in the report, up to the 2 that count (the
        sovereignty summit's transit, `scoring.sovereignty`, read from the flows as they would run now)."""
        parts = (report, holders, state.seats)
        found = self._transit.get(parts)
        if found is not None:
            return found
        carried = self._carried.get_or_make((report,), lambda: _flow_owners(report))
        counts = []
        for i, home in enumerate(state.seats):
            count = 0
            for l_idx in board.held_links(self.scenario, state, i):
                owner = carried.get(l_idx)
                if owner is not None and owner != home:
                    count += 1
                    if count == 2:
                        break
            counts.append(count)
        out = tuple(counts)
        self._transit.put(parts, out)
        return out

    def _flow_terms(
        self,
        state: GameState,
        me: int,
        report: FlowReport,
        terms: dict[str, float],
        facts: dict[str, object],
        w: dict[str, float],
    ) -> None:
        """Transit fees and leverage (others' dependence on us) against our own dependence on others."""
        found = self._flow_memo.get_or_make((report, state.seats), lambda: self._flow_parts(state, me, report, w))
        fees, reliance, transit, dependence, dep_term = found
        facts["fees"] = fees
        facts["reliance"] = dict(reliance)
        terms["transit"] = transit
        facts["dependence"] = dependence
        terms["dependence"] = dep_term
        facts["unshipped"] = report.unshipped[me]

    def _flow_parts(
        self, state: GameState, me: int, report: FlowReport, w: dict[str, float]
    ) -> tuple[float, dict[str, float], float, tuple[str, float], float]:
        """The fees fact, the reliance on us, the transit term, our worst dependence and its term."""
        sc = self.scenario
        fees = report.fees[me] / sc.rules.income_divisor
        home = self.home
        reliance = {state.seats[i]: report.dependence[i][home] / 1000 for i in range(len(state.seats)) if i != me}
        leverage = sum(reliance.values())
        transit = w["transit_control"] * (0.15 * fees + 0.8 * leverage)
        row = report.dependence[me]
        worst = max((s for s in range(len(row)) if s != home), key=lambda s: row[s], default=-1)
        dep = row[worst] / 1000 if worst >= 0 else 0.0
        dependence = (sc.states[worst].id if worst >= 0 else "", round(dep, 2))
        return round(fees, 1), reliance, transit, dependence, -1.2 * w["multi_vector"] * dep

    def _board_terms(
        self,
        state: GameState,
        me: int,
        holders: tuple[int, ...],
        terms: dict[str, float],
        facts: dict[str, object],
        w: dict[str, float],
    ) -> None:
        """Control of states, patrons' standing, blocs, builds under way and open routes."""
        held, home_lost, control_term = self._control.get_or_make(
            (state.influence, state.stability, state.seats), lambda: self._control_parts(state, me, holders)
        )
        facts["held"] = held
        facts["home_lost"] = home_lost
        terms["control"] = control_term
        standing_term, standing_total, bloc_term = self._loyalty.get_or_make(
            (state.standing, state.members, state.seats), lambda: self._loyalty_parts(state, me, w)
        )
        terms["standing"] = standing_term
        facts["standing"] = standing_total
        terms["bloc"] = bloc_term
        terms["build"] = self._build_term(state)
        terms["prospects"] = self._prospects_term(state, me, facts)

    def _control_parts(
        self, state: GameState, me: int, holders: tuple[int, ...]
    ) -> tuple[tuple[str, ...], bool, float]:
        """The states we hold, whether our home is lost, and the control term (with progress elsewhere)."""
        sc = self.scenario
        held: list[str] = []
        progress = 0.0
        home_lost = False
        for s_idx, s in enumerate(sc.states):
            holder = holders[s_idx]
            if s_idx == self.home:
                home_lost = holder != me
                continue
            if holder == me:
                held.append(s.id)
                continue
            mine = state.influence[me][s_idx]
            if mine:
                _, top, second = board.influence_leader(state, s_idx)
                rival_best = top if top > mine else second
                need = rival_best + state.stability[s_idx]
                progress += min(1.0, mine / need) * 0.12 if need else 0.0
        return tuple(held), home_lost, 0.3 * len(held) + progress - (3.0 if home_lost else 0.0)

    def _loyalty_parts(self, state: GameState, me: int, w: dict[str, float]) -> tuple[float, int, float]:
        """The standing term, our total standing, and the bloc term."""
        standing = state.standing[me]
        standing_term = 0.15 * w["west"] * sum(standing[i] for i in self._western) + 0.05 * sum(standing)
        loyal = 0.0
        if self._bloc >= 0:
            loyal = (1.0 if self.seat in state.members[self._bloc] else 0.0) + (
                0.1 * standing[self._sponsor] if self._sponsor >= 0 else 0.0
            )
        return standing_term, sum(standing), 0.5 * w["bloc_loyalty"] * loyal

    def _build_term(self, state: GameState) -> float:
        """Builds this seat has under way, by how far along they are."""
        parts = (state.links,)
        found = self._builds.get(parts)
        if found is not None:
            return found
        total = 0.0
        for link, live in zip(self.scenario.links, state.links):
            if live.status == "planned" and live.builder == self.seat and link.build_ops:
                total += 0.6 * (link.vp + 1) * live.progress / link.build_ops
        self._builds.put(parts, total)
        return total

    def _prospects_term(self, state: GameState, me: int, facts: dict[str, object]) -> float:
        """Consent gathered for projects not yet begun: planned links through our territory or on our
        national interest's route, each by the square of the share of the consents its build needs (every
        state it crosses; enough littoral states for a Caspian link). A deal that opens a project is
        worth something before the first op goes in (the build term takes over from there)."""
        sc = self.scenario
        projects = self._projects(state.objectives[me])
        if not projects:
            return 0.0
        consents = consenting(sc, state, me)  # the engine's own rule for who consents to our builds
        total = 0.0
        shares: dict[str, float] = {}
        for l_idx, weight in projects:
            live = state.links[l_idx]
            if live.status != "planned" or live.progress:
                continue
            crossed = sc.link_states[l_idx]
            agree = sum(1 for s_idx in crossed if consents[s_idx])
            need = len(crossed)
            if sc.links[l_idx].caspian:
                littoral = sum(1 for s in sc.littoral_indexes if consents[s])
                agree += min(littoral, sc.rules.caspian_consent)
                need += sc.rules.caspian_consent
            share = agree / need if need else 1.0
            total += weight * share * share
            shares[sc.links[l_idx].id] = round(share, 2)
        facts["prospects"] = shares
        return total

    def _projects(self, objective_id: str | None) -> tuple[tuple[int, float], ...]:
        """(link, weight) for the links whose consent `_prospects_term` counts, given our national interest."""
        found = self._project_memo.get(objective_id)
        if found is not None:
            return found
        sc = self.scenario
        objective = sc.objective_by_id.get(objective_id or "")
        on_route: frozenset[int] = frozenset()
        if objective is not None and objective.kind == "route_open":
            on_route = frozenset(sc.route_links[sc.route_index[objective.subject]])
        out = []
        for l_idx, link in enumerate(sc.links):
            if link.build_ops <= 0 or (self.home not in sc.link_states[l_idx] and l_idx not in on_route):
                continue
            weight = PROSPECT_WEIGHT * (link.vp + 1)
            if l_idx in on_route and objective is not None:
                weight += PROSPECT_WEIGHT * objective.vp
            out.append((l_idx, weight))
        found = self._project_memo[objective_id] = tuple(out)
        return found

    def _objective_term(self, state: GameState, me: int, report: FlowReport, facts: dict[str, object]) -> float:
        objective_id = state.objectives[me]
        if not objective_id:
            return 0.0
        objective = self.scenario.objective_by_id[objective_id]
        probe = update(state, last_flows=report) if objective.kind in _FLOW_OBJECTIVES else state
        met = scoring.objective_met(self.scenario, probe, me, objective)
        facts["objective"] = met
        return 0.7 * objective.vp if met else 0.0


def _flow_owners(report: FlowReport) -> dict[int, str]:
    """Per link in the report's paths: the one owner of its flows, or SHARED. Ints and strings only, so
    that the collector does not track it."""
    owners: dict[int, str] = {}
    for path in report.paths:
        for l_idx in path.links:
            if owners.setdefault(l_idx, path.owner) != path.owner:
                owners[l_idx] = SHARED
    return owners


def _rounds_left(scenario: Scenario, state: GameState) -> int:
    """Flow phases still to come in this era (the current round's included until it has flowed)."""
    if state.era >= len(scenario.definition.eras) or state.era_over:
        return 0
    rounds = scenario.definition.eras[state.era].rounds
    pending = state.phase in ("deal", "news", "headline", "reveal", "actions", "flows")
    return max(0, rounds - state.round + (1 if pending else 0))
