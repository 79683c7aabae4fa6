"""Pressure: remove a rival's influence, sanction a seat, drill to steady a state, or throttle, cut and
restore a link one holds. Each kind is one record; breaking an agreement or a bloc obligation costs
credibility."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import ClassVar, NamedTuple

from attrs import field, frozen

from rules import board
from rules import log as L
from rules.effects import (
    change_budget,
    change_credibility,
    change_influence,
    change_standing,
    raise_tension,
    set_link_status,
)
from rules.errors import Reason
from rules.indexes import Made, shared
from rules.log import Log
from rules.memo import Memo, MemoName
from rules.scenario import Scenario
from rules.state import Agreement, GameState, set_item, update
from rules.turn import begin_ops, finish_ops
from rules.verbs.base import Ids, VerbRule

NAME = "pressure"


@frozen
class ApplyPressure:
    kind: ClassVar[str] = "apply_pressure"
    seat: str
    pressure: str  # one of PRESSURE_KINDS
    target: str  # a state id or link id


class Sight(NamedTuple):
    """What the pressure targets read of the board, read once per listing (a tuple: made per call)."""

    seat: int
    me: str
    seats: tuple[str, ...]
    ops: int
    held: tuple[int, ...]  # per state: the seat holding it, or -1
    states: tuple[tuple[int, str], ...]  # (index, id) of every state, by id
    mine: tuple[tuple[str, str], ...]  # (id, status) of the links in territory the seat holds, by id
    rivals: tuple[bool, ...]  # per state: whether another seat has influence there


@frozen
class PressureRule:
    """One kind of pressure: what it targets ("state" or "link"), why a target is refused, every target
    it allows (by id, from a `Sight`), and what it does."""

    kind: str = field(converter=str)
    on: str
    check: Callable[[Scenario, GameState, int, str, int], Reason | None]
    targets: Callable[[Sight], list[str]]
    handler: Callable[[Scenario, GameState, int, str, int, Log], GameState]


# --------------------------------------------------------------------------- remove


def _check_remove(scenario: Scenario, state: GameState, seat: int, target: str, ops: int) -> Reason | None:
    s_idx = scenario.state_index[target]
    if any(row[s_idx] > 0 for i, row in enumerate(state.influence) if i != seat):
        return None
    return Reason.NO_RIVAL_INFLUENCE


def _remove_targets(sight: Sight) -> list[str]:
    rivals = sight.rivals
    return [where for s_idx, where in sight.states if rivals[s_idx]]


def _remove(scenario: Scenario, state: GameState, seat: int, target: str, ops: int, log: Log) -> GameState:
    s_idx = scenario.state_index[target]
    rival = max((i for i in range(len(state.seats)) if i != seat), key=lambda i: (state.influence[i][s_idx], -i))
    amount = max(0, min(ops, state.influence[rival][s_idx]) - _shield(scenario, state, seat, target))
    log.append(L.PressureApplied(state.seats[seat], "remove", target, amount))
    state = change_influence(scenario, state, rival, s_idx, -amount, log)
    return _breaches(scenario, state, seat, state.seats[rival], "", False, log)


def _shield(scenario: Scenario, state: GameState, seat: int, target: str) -> int:
    """A security bloc's benefit: pressure from outside on a member state loses this much."""
    me = state.seats[seat]
    return sum(
        bloc.benefit_amount
        for bloc, members in zip(scenario.blocs, state.members)
        if bloc.benefit == "security" and target in members and me not in members
    )


# --------------------------------------------------------------------------- sanction


def _check_sanction(scenario: Scenario, state: GameState, seat: int, target: str, ops: int) -> Reason | None:
    if target == state.seats[seat]:
        return Reason.SELF_TARGET
    return None if target in state.seats else Reason.NO_TARGET


def _sanction_targets(sight: Sight) -> list[str]:
    me, seats = sight.me, sight.seats
    return [where for _, where in sight.states if where != me and where in seats]


def _sanction(scenario: Scenario, state: GameState, seat: int, target: str, ops: int, log: Log) -> GameState:
    victim = state.seats.index(target)
    amount = max(0, min(ops, state.budget[victim]) - _shield(scenario, state, seat, target))
    log.append(L.PressureApplied(state.seats[seat], "sanction", target, amount))
    state = change_budget(state, victim, -amount, log)
    state = _breaches(scenario, state, seat, target, "", True, log)
    return raise_tension(scenario, state, scenario.rules.sanction_tension, seat, log)


# --------------------------------------------------------------------------- drill


def _check_drill(scenario: Scenario, state: GameState, seat: int, target: str, ops: int) -> Reason | None:
    s_idx = scenario.state_index[target]
    return None if board.controller(scenario, state, s_idx) == seat else Reason.NOT_CONTROLLER


def _drill_targets(sight: Sight) -> list[str]:
    held, seat = sight.held, sight.seat
    return [where for s_idx, where in sight.states if held[s_idx] == seat]


def _drill(scenario: Scenario, state: GameState, seat: int, target: str, ops: int, log: Log) -> GameState:
    s_idx = scenario.state_index[target]
    log.append(L.PressureApplied(state.seats[seat], "drill", target, 1))
    before = board.controlling_seat(state, s_idx)
    stability = set_item(state.stability, s_idx, min(6, state.stability[s_idx] + 1))
    log.append(L.StabilityChanged(target, stability[s_idx] - state.stability[s_idx], stability[s_idx]))
    previous, state = state, update(state, stability=stability)
    after = board.control_table_after(previous, state, s_idx)[s_idx]
    if after != before:
        log.append(L.ControlChanged(target, state.seats[after] if after >= 0 else ""))
    return raise_tension(scenario, state, scenario.rules.drill_tension, seat, log)


# --------------------------------------------------------------------------- throttle, cut, restore


def _check_throttle(scenario: Scenario, state: GameState, seat: int, target: str, ops: int) -> Reason | None:
    l_idx = scenario.link_index[target]
    if not board.controls_link(scenario, state, seat, l_idx):
        return Reason.NOT_CONTROLLER
    return None if state.links[l_idx].status == "built" else Reason.LINK_NOT_OPEN


def _throttle_targets(sight: Sight) -> list[str]:
    return [link for link, status in sight.mine if status == "built"]


def _throttle(scenario: Scenario, state: GameState, seat: int, target: str, ops: int, log: Log) -> GameState:
    state = _close_link(scenario, state, seat, target, "throttle", log)
    return raise_tension(scenario, state, scenario.rules.throttle_tension, seat, log)


def _check_cut(scenario: Scenario, state: GameState, seat: int, target: str, ops: int) -> Reason | None:
    l_idx = scenario.link_index[target]
    if not board.controls_link(scenario, state, seat, l_idx):
        return Reason.NOT_CONTROLLER
    if state.links[l_idx].status not in ("built", "throttled"):
        return Reason.LINK_NOT_OPEN
    return None if ops >= 2 else Reason.TOO_COSTLY


def _cut_targets(sight: Sight) -> list[str]:
    if sight.ops < 2:
        return []
    return [link for link, status in sight.mine if status in ("built", "throttled")]


def _cut(scenario: Scenario, state: GameState, seat: int, target: str, ops: int, log: Log) -> GameState:
    state = _close_link(scenario, state, seat, target, "cut", log)
    state = change_credibility(scenario, state, seat, -scenario.rules.cut_credibility, log)
    return raise_tension(scenario, state, scenario.rules.cut_tension, seat, log)


def _check_restore(scenario: Scenario, state: GameState, seat: int, target: str, ops: int) -> Reason | None:
    l_idx = scenario.link_index[target]
    if not board.controls_link(scenario, state, seat, l_idx):
        return Reason.NOT_CONTROLLER
    return None if state.links[l_idx].status in ("throttled", "cut") else Reason.LINK_NOT_CLOSED


def _restore_targets(sight: Sight) -> list[str]:
    return [link for link, status in sight.mine if status in ("throttled", "cut")]


def _restore(scenario: Scenario, state: GameState, seat: int, target: str, ops: int, log: Log) -> GameState:
    log.append(L.PressureApplied(state.seats[seat], "restore", target, 1))
    return set_link_status(scenario, state, scenario.link_index[target], "built", state.seats[seat], log)


def _close_link(scenario: Scenario, state: GameState, seat: int, target: str, status: str, log: Log) -> GameState:
    l_idx = scenario.link_index[target]
    me = state.seats[seat]
    log.append(L.PressureApplied(me, status, target, 1))
    markets = _markets_served(scenario, state, l_idx)
    state = set_link_status(scenario, state, l_idx, "throttled" if status == "throttle" else "cut", me, log)
    for patron in markets:
        state = change_standing(scenario, state, seat, scenario.patron_index[patron], -1, log)
    return _breaches(scenario, state, seat, "", target, status == "cut", log)


def _markets_served(scenario: Scenario, state: GameState, l_idx: int) -> list[str]:
    """Patrons whose markets received flows over a link in the last flow phase."""
    if state.last_flows is None:
        return []
    patrons = {scenario.market_patron.get(p.market, "") for p in state.last_flows.paths if l_idx in p.links}
    return sorted(p for p in patrons if p in scenario.patron_index)


# --------------------------------------------------------------------------- breaches


def _breaches(
    scenario: Scenario, state: GameState, seat: int, victim: str, link: str, escalation: bool, log: Log
) -> GameState:
    """Detect the agreements and bloc obligations a pressure action breaks, and charge credibility.

    Transit and swap deals forbid closing their link; a joint drill forbids pressure on the partner;
    an investment forbids escalation (sanctions, cuts) while it runs.
    """
    me = state.seats[seat]
    broken = [a for a in state.agreements if me in a.parties and _breaks(a, me, victim, link, escalation)]
    for agreement in broken:
        cost = scenario.rules.breach_credibility
        log.append(L.AgreementBreached(agreement.id, me, cost))
        state = change_credibility(scenario, state, seat, -cost, log)
    if broken:
        state = update(state, agreements=tuple(a for a in state.agreements if a not in broken))
    for bloc, members in zip(scenario.blocs, state.members):
        if me in members and _violates(scenario, bloc.obligation, members, me, victim, link):
            log.append(L.ObligationBroken(me, bloc.id, 1))
            state = change_credibility(scenario, state, seat, -1, log)
    return state


def _breaks(agreement: Agreement, me: str, victim: str, link: str, escalation: bool) -> bool:
    other = agreement.parties[1] if agreement.parties[0] == me else agreement.parties[0]
    if agreement.deal in ("transit", "swap"):
        return bool(link) and agreement.subject == link
    if agreement.deal == "drill":
        return bool(victim) and victim == other
    if agreement.deal == "investment":
        return escalation and agreement.parties[0] == me
    return False


def _violates(scenario: Scenario, obligation: str, members: frozenset[str], me: str, victim: str, link: str) -> bool:
    if obligation == "no_pressure_members":
        return victim in members and victim != me
    if obligation == "no_cut_member_links" and link:
        return any(s in members and s != me for s in scenario.link(link).states)
    return False


# =========================================================================== the kinds and the verb


class PressureKind(StrEnum):
    REMOVE = "remove"
    SANCTION = "sanction"
    DRILL = "drill"
    THROTTLE = "throttle"
    CUT = "cut"
    RESTORE = "restore"


# In PressureKind order (the order the client lists them in).
PRESSURES: tuple[PressureRule, ...] = (
    PressureRule(PressureKind.REMOVE, "state", _check_remove, _remove_targets, _remove),
    PressureRule(PressureKind.SANCTION, "state", _check_sanction, _sanction_targets, _sanction),
    PressureRule(PressureKind.DRILL, "state", _check_drill, _drill_targets, _drill),
    PressureRule(PressureKind.THROTTLE, "link", _check_throttle, _throttle_targets, _throttle),
    PressureRule(PressureKind.CUT, "link", _check_cut, _cut_targets, _cut),
    PressureRule(PressureKind.RESTORE, "link", _check_restore, _restore_targets, _restore),
)
PRESSURE_KINDS: tuple[str, ...] = tuple(str(rule.kind) for rule in PRESSURES)
_BY_KIND = {rule.kind: rule for rule in PRESSURES}
_SORTED = tuple(sorted(PRESSURES, key=lambda rule: rule.kind))
_KIND_IDS = frozenset(PRESSURE_KINDS)


def _ids(scenario: Scenario, a: ApplyPressure) -> Ids:
    rule = _BY_KIND.get(a.pressure)
    if rule is None:
        return [(a.pressure, _KIND_IDS)]
    pool = scenario.link_index if rule.on == "link" else scenario.state_index
    return [(a.pressure, _KIND_IDS), (a.target, pool)]


def _check(scenario: Scenario, state: GameState, seat: int, a: ApplyPressure, ops: int) -> Reason | None:
    return _BY_KIND[a.pressure].check(scenario, state, seat, a.target, ops)


def _has_target(scenario: Scenario, state: GameState, seat: int, ops: int) -> bool:
    if len(state.seats) > 1:
        return True  # a sanction on any other seat is always allowed (see _check_sanction)
    return bool(_targets(scenario, state, seat, ops, {}))


def _targets(scenario: Scenario, state: GameState, seat: int, ops: int, made: Made) -> list[ApplyPressure]:
    """The pressure actions the kinds' checks allow, with the board read once, in sort order (kinds
    alphabetically, then targets by id)."""
    sight = _sight(scenario, state, seat, ops)
    me = sight.me
    out: list[ApplyPressure] = []
    for rule in _SORTED:
        kind = rule.kind
        out += [shared(made, ApplyPressure, me, kind, target) for target in rule.targets(sight)]
    return out


def _sight(scenario: Scenario, state: GameState, seat: int, ops: int) -> Sight:
    held = board.holders(scenario, state)
    mine = tuple([(link, state.links[l_idx].status) for l_idx, link in _held_links_by_id(scenario, held, seat)])
    present = [False] * len(state.stability)
    for other, row in enumerate(state.influence):
        if other != seat:
            for s_idx, value in enumerate(row):
                if value > 0:
                    present[s_idx] = True
    states = scenario.states_by_id
    return Sight(seat, state.seats[seat], state.seats, ops, held, states, mine, tuple(present))


_HELD_LINK_IDS = MemoName("held_links")


def _held_links_by_id(scenario: Scenario, held: tuple[int, ...], seat: int) -> tuple[tuple[int, str], ...]:
    """(index, id) of the links in a territory the seat holds, ordered by id; memoised on the holders."""
    memo: Memo[tuple[tuple[int, ...], int], tuple[tuple[int, str], ...]] = scenario.memos[_HELD_LINK_IDS]
    found = memo.get((held, seat))
    return found if found is not None else memo.put((held, seat), _make_held_links(scenario, held, seat))


def _make_held_links(scenario: Scenario, held: tuple[int, ...], seat: int) -> tuple[tuple[int, str], ...]:
    rank = scenario.link_rank
    near = {l_idx for s_idx, holder in enumerate(held) if holder == seat for l_idx in scenario.links_in_state[s_idx]}
    return tuple((l_idx, scenario.links[l_idx].id) for l_idx in sorted(near, key=rank.__getitem__))


def _candidates(scenario: Scenario, state: GameState, me: str) -> list[ApplyPressure]:
    """Every kind on every target of its sort: every state (the seat's own too: a rival's influence there can
    be removed, a state it controls drilled), links crossing a state. A sanction leaves out the seat itself,
    which `_check_sanction` always refuses."""
    states = [s.id for s in scenario.states]
    links = [lk.id for lk in scenario.links if lk.states]
    return [
        ApplyPressure(me, rule.kind, t)
        for rule in PRESSURES
        for t in (links if rule.on == "link" else states)
        if not (rule.kind == PressureKind.SANCTION and t == me)
    ]


def _pressure(scenario: Scenario, state: GameState, a: ApplyPressure, log: Log) -> GameState:
    seat = state.seats.index(a.seat)
    ops = begin_ops(scenario, state, seat, log)
    state = _BY_KIND[a.pressure].handler(scenario, state, seat, a.target, ops, log)
    return finish_ops(scenario, state, seat, NAME, ops, log)


RULE = VerbRule(
    name=NAME,
    action_type=ApplyPressure,
    ids=_ids,
    check=_check,
    has_target=_has_target,
    targets=_targets,
    candidates=_candidates,
    handler=_pressure,
)
