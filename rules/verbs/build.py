"""Build: put ops into a planned link (paying budget per op) or upgrade a built one (2 ops), with the
consent of every state it crosses (rules §7.2-7.4)."""

from __future__ import annotations

from typing import ClassVar

from attrs import evolve, frozen

from rules import board
from rules import log as L
from rules.effects import change_budget, score, set_link_status
from rules.errors import Reason
from rules.indexes import Made, shared
from rules.log import Log
from rules.memo import Memo, MemoName
from rules.scenario import LinkDef, Scenario
from rules.state import GameState, set_item, update
from rules.turn import begin_ops, finish_ops
from rules.verbs.base import Ids, VerbRule

NAME = "build"
# Per link: the budget per op of building it before discounts, and the (bloc index, amount) of the
# build discounts its blocs' members get.
Prices = tuple[tuple[int, tuple[tuple[int, int], ...]], ...]


@frozen
class BuildLink:
    kind: ClassVar[str] = "build_link"
    seat: str
    link: str


# --------------------------------------------------------------------------- prices and consent


_PRICES = MemoName("build_prices", 1)


def _prices(scenario: Scenario) -> Prices:
    """The scenario's build prices (made once)."""
    memo: Memo[None, Prices] = scenario.memos[_PRICES]
    found = memo.get(None)
    return found if found is not None else memo.put(None, tuple(_price(scenario, link) for link in scenario.links))


def _price(scenario: Scenario, link: LinkDef) -> tuple[int, tuple[tuple[int, int], ...]]:
    if link.build_ops <= 0:
        return 0, ()
    discounts = tuple(
        (b_idx, bloc.benefit_amount)
        for b_idx, bloc in enumerate(scenario.blocs)
        if bloc.benefit == "build_discount" and link.id in bloc.benefit_links
    )
    return -(-link.build_cost // link.build_ops), discounts


def _cost_per_op(prices: Prices, state: GameState, seat: int, l_idx: int) -> int:
    """Budget each op of building a planned link costs this seat (bloc discounts applied)."""
    per_op, discounts = prices[l_idx]
    if discounts:
        me = state.seats[seat]
        for b_idx, amount in discounts:
            if me in state.members[b_idx]:
                per_op = max(0, per_op - amount)
    return per_op


def consenting(scenario: Scenario, state: GameState, seat: int) -> tuple[bool, ...]:
    """Per state: whether it consents to the seat's projects — it is the seat's own or controlled by it,
    or bound to it by an agreement in force (rules §7.4)."""
    held = board.holders(scenario, state)
    me = state.seats[seat]
    bound = {a.parties[1] if a.parties[0] == me else a.parties[0] for a in state.agreements if me in a.parties}
    if not bound:
        return tuple([holder == seat for holder in held])
    return tuple([holder == seat or s.id in bound for holder, s in zip(held, scenario.states)])


# The reasons consent and build checks return, as module constants: reading a member off an enum class
# costs ~190 ns in Python 3.11, and these are read once per link of a consent table or a listing.
_NO_CONSENT, _NO_CASPIAN_CONSENT = Reason.NO_CONSENT, Reason.NO_CASPIAN_CONSENT
_NOT_BUILDABLE, _NO_BUDGET, _MAX_UPGRADES, _TOO_COSTLY = (
    Reason.NOT_BUILDABLE,
    Reason.NO_BUDGET,
    Reason.MAX_UPGRADES,
    Reason.TOO_COSTLY,
)

_CONSENT = MemoName("consent")


def _consent_problems(scenario: Scenario, agree: tuple[bool, ...]) -> tuple[Reason | None, ...]:
    """Per link: its consent problem when the states that consent are `agree` (memoised on it)."""
    memo: Memo[tuple[bool, ...], tuple[Reason | None, ...]] = scenario.memos[_CONSENT]
    found = memo.get(agree)
    if found is None:
        found = memo.put(agree, tuple(_link_consent(scenario, l_idx, agree) for l_idx in range(len(scenario.links))))
    return found


def _link_consent(scenario: Scenario, l_idx: int, agree: tuple[bool, ...]) -> Reason | None:
    """Every state the link crosses consents; a Caspian link also needs enough littoral states."""
    for s_idx in scenario.link_states[l_idx]:
        if not agree[s_idx]:
            return _NO_CONSENT
    if scenario.links[l_idx].caspian:
        agreeing = sum(1 for s_idx in scenario.littoral_indexes if agree[s_idx])
        if agreeing < scenario.rules.caspian_consent:
            return _NO_CASPIAN_CONSENT
    return None


# --------------------------------------------------------------------------- the record's parts


def _ids(scenario: Scenario, a: BuildLink) -> Ids:
    return [(a.link, scenario.link_index)]


def _check(scenario: Scenario, state: GameState, seat: int, a: BuildLink, ops: int) -> Reason | None:
    l_idx = scenario.link_index[a.link]
    consent = _consent_problems(scenario, consenting(scenario, state, seat))
    return _problem(scenario, _prices(scenario), state, seat, l_idx, ops, consent)


def _problem(
    scenario: Scenario,
    prices: Prices,
    state: GameState,
    seat: int,
    l_idx: int,
    ops: int,
    consent: tuple[Reason | None, ...],
) -> Reason | None:
    """Why the seat may not build or upgrade the link with these ops (`consent`: per link, its consent
    problem for this seat)."""
    link, live = scenario.links[l_idx], state.links[l_idx]
    if live.status == "planned":
        if link.build_ops <= 0:
            return _NOT_BUILDABLE
        if state.budget[seat] < _cost_per_op(prices, state, seat, l_idx):
            return _NO_BUDGET
    elif live.status in ("built", "throttled"):
        if link.upgrade_capacity <= 0:
            return _NOT_BUILDABLE
        if live.upgrades >= link.max_upgrades:
            return _MAX_UPGRADES
        if ops < 2:
            return _TOO_COSTLY
        if state.budget[seat] < link.upgrade_cost:
            return _NO_BUDGET
    else:
        return _NOT_BUILDABLE
    return consent[l_idx]


def _has_target(scenario: Scenario, state: GameState, seat: int, ops: int) -> bool:
    """Whether `_problem` allows at least one link."""
    problems = _consent_problems(scenario, consenting(scenario, state, seat))
    prices = _prices(scenario)
    for l_idx in scenario.buildable_by_id:
        if problems[l_idx] is None:
            need = _need(scenario, prices, state, seat, l_idx)
            if need is not None and state.budget[seat] >= need[0] and (ops >= 2 or not need[1]):
                return True
    return False


def _need(scenario: Scenario, prices: Prices, state: GameState, seat: int, l_idx: int) -> tuple[int, bool] | None:
    """What building or upgrading a link needs — (budget, whether 2 ops) — or None if its state or
    upgrades rule it out (the checks of `_problem` before budget, ops and consent)."""
    link, live = scenario.links[l_idx], state.links[l_idx]
    if live.status == "planned":
        return (_cost_per_op(prices, state, seat, l_idx), False) if link.build_ops > 0 else None
    if live.status in ("built", "throttled") and link.upgrade_capacity > 0 and live.upgrades < link.max_upgrades:
        return link.upgrade_cost, True
    return None


def _targets(scenario: Scenario, state: GameState, seat: int, ops: int, made: Made) -> list[BuildLink]:
    me = state.seats[seat]
    consent = _consent_problems(scenario, consenting(scenario, state, seat))
    prices = _prices(scenario)
    return [
        shared(made, BuildLink, me, scenario.links[l_idx].id)
        for l_idx in scenario.buildable_by_id
        if _problem(scenario, prices, state, seat, l_idx, ops, consent) is None
    ]


def _candidates(scenario: Scenario, state: GameState, me: str) -> list[BuildLink]:
    return [
        BuildLink(me, lk.id)
        for i, lk in enumerate(scenario.links)
        if state.links[i].status == "planned" or lk.upgrade_capacity
    ]


def _build(scenario: Scenario, state: GameState, a: BuildLink, log: Log) -> GameState:
    seat = state.seats.index(a.seat)
    ops = begin_ops(scenario, state, seat, log)
    l_idx = scenario.link_index[a.link]
    link, live = scenario.links[l_idx], state.links[l_idx]
    if live.status == "planned":
        per_op = _cost_per_op(_prices(scenario), state, seat, l_idx)
        affordable = state.budget[seat] // per_op if per_op else ops
        used = min(ops, link.build_ops - live.progress, affordable)
        paid = used * per_op
        progress = live.progress + used
        state = change_budget(state, seat, -paid, log) if paid else state
        new_live = evolve(live, progress=progress, builder=a.seat)
        state = update(state, links=set_item(state.links, l_idx, new_live))
        log.append(L.BuildProgressed(a.seat, link.id, progress, link.build_ops, paid))
        if progress >= link.build_ops:
            state = set_link_status(scenario, state, l_idx, "built", a.seat, log)
            log.append(L.LinkBuilt(a.seat, link.id))
            state = score(state, seat, link.vp, "build", log, link.id)
    else:
        state = change_budget(state, seat, -link.upgrade_cost, log) if link.upgrade_cost else state
        upgraded = evolve(live, capacity=live.capacity + link.upgrade_capacity, upgrades=live.upgrades + 1)
        state = update(state, links=set_item(state.links, l_idx, upgraded))
        log.append(L.LinkUpgraded(a.seat, link.id, upgraded.capacity, link.upgrade_cost))
    return finish_ops(scenario, state, seat, NAME, ops, log)


RULE = VerbRule(
    name=NAME,
    action_type=BuildLink,
    ids=_ids,
    check=_check,
    has_target=_has_target,
    targets=_targets,
    candidates=_candidates,
    handler=_build,
)
