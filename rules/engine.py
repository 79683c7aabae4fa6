"""The rules engine's API: new_game, legal_actions, why_illegal, apply, outcome.

`why_illegal` checks in one fixed order — game over, not your turn, wrong phase, wrong stage —
then the action's own conditions. `legal_actions` enumerates candidates and keeps those the same
checks allow, so the two can never disagree. `apply` dispatches through a dict from action type
to handler and returns the new state with its log entries.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import evolve

from rules import board, clock, scoring
from rules import log as L
from rules.action import (
    Action,
    Advance,
    Answer,
    ApplyPressure,
    BuildLink,
    Choose,
    EndTurn,
    KeepObjective,
    PassTurn,
    PickHeadline,
    PlaceInfluence,
    PlayCard,
    PlayEvent,
    Propose,
    UseOps,
    sort_key,
)
from rules.effects import (
    Context,
    apply_effects,
    change_budget,
    change_credibility,
    change_influence,
    change_standing,
    join_bloc,
    raise_tension,
    score,
    set_link_status,
)
from rules.errors import IllegalActionError, InvalidActionError
from rules.flows import run_flows
from rules.rng import Rng, shuffled
from rules.scenario import DEAL_KINDS, PRESSURE_KINDS, VERBS, CardDef, LinkDef, Scenario
from rules.state import (
    ENGINE,
    NOBODY,
    Agreement,
    GameState,
    LinkState,
    Options,
    PendingChoice,
    Proposal,
    Turn,
    set_item,
    update,
)

Log = list


class SetupError(ValueError):
    """new_game was asked for seats or options the scenario does not allow."""


# =========================================================================== new game


def new_game(
    scenario: Scenario, seed: int, seats: tuple[str, ...] | list[str], *, length: str = "", tier: str = "standard"
) -> GameState:
    """A fresh game: nothing dealt yet; the engine's first step deals the national interests."""
    seats = tuple(seats)
    _check_setup(scenario, seats, length or scenario.definition.default_length, tier)
    world = scenario.world
    n = len(seats)
    home = tuple(scenario.state_index[s] for s in seats)
    influence = tuple(
        tuple(scenario.states[s].home_influence if s == home[i] else 0 for s in range(len(world.states)))
        for i in range(n)
    )
    members = tuple(frozenset(m for m in b.members if m not in b.suspended) for b in world.blocs)
    standing = tuple(tuple(_start_standing(scenario, seat, p.id, members) for p in world.patrons) for seat in seats)
    prices = {**world.prices, **scenario.definition.start_prices}
    state = GameState(
        scenario_id=scenario.id,
        seats=seats,
        options=Options(length=length or scenario.definition.default_length, tier=tier),
        rng=Rng(seed),
        era=0,
        round=1,
        absolute_round=1,
        phase="deal",
        to_act=ENGINE,
        budget=tuple(scenario.state(s).budget for s in seats),
        vp=(0,) * n,
        credibility=(scenario.rules.start_credibility,) * n,
        ops_mod=(0,) * n,
        era_income=(0,) * n,
        influence=influence,
        standing=standing,
        hands=((),) * n,
        headlines=(None,) * n,
        objectives=(None,) * n,
        offers=((),) * n,
        stability=tuple(s.stability for s in world.states),
        production=tuple(p.volume for p in world.producers),
        members=members,
        links=tuple(_start_link(lk) for lk in world.links),
        prices=tuple(prices[c] for c in scenario.commodities),
        tension=scenario.rules.start_tension,
    )
    return state


def _check_setup(scenario: Scenario, seats: tuple[str, ...], length: str, tier: str) -> None:
    d = scenario.definition
    if not d.min_seats <= len(seats) <= d.max_seats:
        raise SetupError(f"{scenario.id} takes {d.min_seats} to {d.max_seats} seats, not {len(seats)}")
    if len(set(seats)) != len(seats):
        raise SetupError("a state can take only one seat")
    for seat in seats:
        if seat not in scenario.state_index or not scenario.state(seat).seatable:
            raise SetupError(f"{seat!r} is not a state a player can lead in {scenario.id}")
    if length not in d.lengths:
        raise SetupError(f"unknown length {length!r} (this scenario has {', '.join(sorted(d.lengths))})")
    if tier not in ("basic", "standard", "advanced"):
        raise SetupError(f"unknown rules tier {tier!r}")


def _start_standing(scenario: Scenario, seat: str, patron: str, members: tuple[frozenset[str], ...]) -> int:
    sponsored = any(seat in m and b.sponsor == patron for b, m in zip(scenario.blocs, members))
    return 2 if sponsored else 1


def _start_link(link) -> LinkState:  # type: ignore[no-untyped-def]
    progress = link.build_ops if link.status != "planned" else 0
    return LinkState(status=link.status, capacity=link.capacity, progress=progress)


# =========================================================================== helpers


def _seat(state: GameState, seat: str) -> int:
    try:
        return state.seats.index(seat)
    except ValueError:
        raise InvalidActionError(f"{seat!r} has no seat in this game") from None


def card_ops(scenario: Scenario, state: GameState, seat: int, card: CardDef) -> int:
    """A card's ops for a seat, after modifiers (1..4)."""
    return max(1, min(4, card.ops + state.ops_mod[seat]))


def can_play_event(state: GameState, seat: int, card: CardDef) -> bool:
    """A seat may play an event that favours nobody, itself, or a state no seat plays."""
    return not card.favours or card.favours == state.seats[seat] or card.favours not in state.seats


def _ops_of_turn(scenario: Scenario, state: GameState, seat: int) -> int:
    assert state.turn is not None
    return card_ops(scenario, state, seat, scenario.card(state.turn.card))


def influence_cost(scenario: Scenario, state: GameState, seat: int, s_idx: int) -> int:
    """Ops per influence point: doubled where a rival controls the state."""
    holder = board.controlling_seat(state, s_idx)
    return 2 if holder >= 0 and holder != seat else 1


def build_cost_per_op(scenario: Scenario, state: GameState, seat: int, l_idx: int) -> int:
    """Budget each op of building a planned link costs this seat (bloc discounts applied)."""
    per_op, discounts = _build_prices(scenario)[l_idx]
    if discounts:
        me = state.seats[seat]
        for b_idx, amount in discounts:
            if me in state.members[b_idx]:
                per_op = max(0, per_op - amount)
    return per_op


def _build_prices(scenario: Scenario) -> tuple[tuple[int, tuple[tuple[int, int], ...]], ...]:
    """Per link: the budget per op of building it before discounts, and the (bloc index, amount) of the
    build discounts its blocs' members get, in bloc order (built once per scenario)."""
    key = ("build_prices",)
    found = scenario.cache.get(key)
    if found is None:
        found = scenario.cache[key] = tuple(_build_price(scenario, link) for link in scenario.links)
    return found  # type: ignore[no-any-return]


def _build_price(scenario: Scenario, link: LinkDef) -> tuple[int, tuple[tuple[int, int], ...]]:
    if link.build_ops <= 0:
        return 0, ()
    discounts = tuple(
        (b_idx, bloc.benefit_amount)
        for b_idx, bloc in enumerate(scenario.blocs)
        if bloc.benefit == "build_discount" and link.id in bloc.benefit_links
    )
    return -(-link.build_cost // link.build_ops), discounts


def _bound_to(state: GameState, seat: int) -> frozenset[str]:
    """Everyone bound to a seat by an agreement in force."""
    me = state.seats[seat]
    return frozenset(a.parties[1] if a.parties[0] == me else a.parties[0] for a in state.agreements if me in a.parties)


def consenting(scenario: Scenario, state: GameState, seat: int) -> tuple[bool, ...]:
    """Per state: whether it consents to the seat's projects — it is the seat's own or controlled by it,
    or bound to it by an agreement in force (BRIEF §4.2 Build)."""
    held = board.holders(scenario, state)
    bound = _bound_to(state, seat)
    return tuple(held[s_idx] == seat or s.id in bound for s_idx, s in enumerate(scenario.states))


def _consent_problem(
    scenario: Scenario, state: GameState, seat: int, l_idx: int, agree: tuple[bool, ...] | None = None
) -> str | None:
    """Every state the link crosses consents; a Caspian link also needs enough littoral states."""
    if agree is None:
        agree = consenting(scenario, state, seat)
    return _consent_problems(scenario, agree)[l_idx]


def _consent_problems(scenario: Scenario, agree: tuple[bool, ...]) -> tuple[str | None, ...]:
    """Per link: its consent problem when the states that consent are `agree` (memoised on it)."""
    key = ("consent", agree)
    found = scenario.cache.get(key)
    if found is None:
        found = scenario.cache[key] = tuple(
            _link_consent(scenario, l_idx, agree) for l_idx in range(len(scenario.links))
        )
    return found  # type: ignore[no-any-return]


def _link_consent(scenario: Scenario, l_idx: int, agree: tuple[bool, ...]) -> str | None:
    for s_idx in scenario.link_states[l_idx]:
        if not agree[s_idx]:
            return "no_consent"
    if scenario.links[l_idx].caspian:
        agreeing = sum(1 for s_idx in scenario.littoral_indexes if agree[s_idx])
        if agreeing < scenario.rules.caspian_consent:
            return "no_caspian_consent"
    return None


# ========================================== checks (shared by why_illegal and legal_actions)


def _check_keep(scenario: Scenario, state: GameState, seat: int, a: KeepObjective) -> str | None:
    return None if a.objective in state.offers[seat] else "not_offered"


def _check_headline(scenario: Scenario, state: GameState, seat: int, a: PickHeadline) -> str | None:
    if state.headlines[seat] is not None:
        return "already_picked"
    return None if a.card in state.hands[seat] else "not_in_hand"


def _check_play_card(scenario: Scenario, state: GameState, seat: int, a: PlayCard) -> str | None:
    if state.turn is None or state.turn.card:
        return "wrong_stage"
    return None if a.card in state.hands[seat] else "not_in_hand"


def _check_event(scenario: Scenario, state: GameState, seat: int, a: PlayEvent) -> str | None:
    turn = state.turn
    if turn is None or not turn.card or turn.use:
        return "wrong_stage"
    return None if can_play_event(state, seat, scenario.card(turn.card)) else "event_favours_rival"


def _check_use_ops(scenario: Scenario, state: GameState, seat: int, a: UseOps) -> str | None:
    turn = state.turn
    if turn is None or not turn.card or turn.use:
        return "wrong_stage"
    ops = card_ops(scenario, state, seat, scenario.card(turn.card))
    return None if _has_target(scenario, state, seat, a.verb, ops) else "no_target"


def _has_target(scenario: Scenario, state: GameState, seat: int, verb: str, ops: int) -> bool:
    """Whether a verb's ops would have at least one legal target."""
    if verb == "build":
        return _can_build(scenario, state, seat, ops)
    if verb == "influence":
        return _can_influence(scenario, state, seat, ops)
    if verb == "pressure" and len(state.seats) > 1:
        return True  # a sanction on any other seat is always allowed (see _check_sanction)
    if verb == "negotiate":
        return _can_negotiate(scenario, state, seat)
    for _ in _TARGETS[verb](scenario, state, seat, ops):
        return True
    return False


def _can_influence(scenario: Scenario, state: GameState, seat: int, ops: int) -> bool:
    """Whether `_influence_problem` allows at least one state."""
    row, top = state.influence[seat], scenario.rules.max_influence
    if ops >= 2:
        return any(value < top for value in row)
    table = board.control_table(state)
    return any(value < top and table[s_idx] in (-1, seat) for s_idx, value in enumerate(row))


def _can_build(scenario: Scenario, state: GameState, seat: int, ops: int) -> bool:
    """Whether `_build_problem` allows at least one link."""
    problems = _consent_problems(scenario, consenting(scenario, state, seat))
    for l_idx in _by_id(scenario, "buildable_links"):
        if problems[l_idx] is None:
            need = _build_need(scenario, state, seat, l_idx)
            if need is not None and state.budget[seat] >= need[0] and (ops >= 2 or not need[1]):
                return True
    return False


def _build_need(scenario: Scenario, state: GameState, seat: int, l_idx: int) -> tuple[int, bool] | None:
    """What building or upgrading a link needs — (budget, whether 2 ops) — or None if its state or
    upgrades rule it out (the checks of `_build_problem` before budget, ops and consent)."""
    link, live = scenario.links[l_idx], state.links[l_idx]
    if live.status == "planned":
        return (build_cost_per_op(scenario, state, seat, l_idx), False) if link.build_ops > 0 else None
    if live.status in ("built", "throttled") and link.upgrade_capacity > 0 and live.upgrades < link.max_upgrades:
        return link.upgrade_cost, True
    return None


def _ops_stage(state: GameState, verb: str) -> str | None:
    turn = state.turn
    if turn is None or turn.use != "ops" or turn.verb != verb or turn.done:
        return "wrong_stage"
    return None


def _check_influence(scenario: Scenario, state: GameState, seat: int, a: PlaceInfluence) -> str | None:
    problem = _ops_stage(state, "influence")
    if problem:
        return problem
    return _influence_problem(scenario, state, seat, scenario.state_index[a.state], _ops_of_turn(scenario, state, seat))


def _influence_problem(scenario: Scenario, state: GameState, seat: int, s_idx: int, ops: int) -> str | None:
    if state.influence[seat][s_idx] >= scenario.rules.max_influence:
        return "no_target"
    if ops < influence_cost(scenario, state, seat, s_idx):
        return "too_costly"
    return None


def _check_build(scenario: Scenario, state: GameState, seat: int, a: BuildLink) -> str | None:
    problem = _ops_stage(state, "build")
    if problem:
        return problem
    return _build_problem(scenario, state, seat, scenario.link_index[a.link], _ops_of_turn(scenario, state, seat))


def _build_problem(
    scenario: Scenario, state: GameState, seat: int, l_idx: int, ops: int, agree: tuple[bool, ...] | None = None
) -> str | None:
    link, live = scenario.links[l_idx], state.links[l_idx]
    if live.status == "planned":
        if link.build_ops <= 0:
            return "not_buildable"
        if state.budget[seat] < build_cost_per_op(scenario, state, seat, l_idx):
            return "no_budget"
    elif live.status in ("built", "throttled"):
        if link.upgrade_capacity <= 0:
            return "not_buildable"
        if live.upgrades >= link.max_upgrades:
            return "max_upgrades"
        if ops < 2:
            return "too_costly"
        if state.budget[seat] < link.upgrade_cost:
            return "no_budget"
    else:
        return "not_buildable"
    return _consent_problem(scenario, state, seat, l_idx, agree)


def _check_propose(scenario: Scenario, state: GameState, seat: int, a: Propose) -> str | None:
    return _ops_stage(state, "negotiate") or _proposal_problem(scenario, state, seat, a)


def _proposal_problem(scenario: Scenario, state: GameState, seat: int, a: Propose) -> str | None:
    me = state.seats[seat]
    if a.deal == "accession":
        return _check_accession(scenario, state, me, a)
    if a.deal == "investment":
        if a.partner not in scenario.patron_index:
            return "not_partner"
        return "already_agreed" if board.agreement_between(state, me, a.partner, "investment") else None
    if a.partner not in scenario.state_index:
        return "not_partner"
    if a.partner == me:
        return "self_target"
    if a.deal == "drill":
        return "already_agreed" if board.agreement_between(state, me, a.partner, "drill") else None
    link = scenario.link(a.subject)
    if a.partner not in link.states or (a.deal == "swap" and link.type != "gas"):
        return "not_partner"
    if board.agreement_between(state, me, a.partner, a.deal, a.subject):
        return "already_agreed"
    return None


def _check_accession(scenario: Scenario, state: GameState, me: str, a: Propose) -> str | None:
    if a.partner != f"bloc:{a.subject}":
        return "not_partner"
    bloc = scenario.blocs[scenario.bloc_index[a.subject]]
    if board.is_member(scenario, state, me, bloc.id):
        return "already_member"
    if any(board.is_member(scenario, state, me, other) for other in bloc.incompatible):
        return "incompatible_bloc"
    return None


def _check_pressure(scenario: Scenario, state: GameState, seat: int, a: ApplyPressure) -> str | None:
    problem = _ops_stage(state, "pressure")
    if problem:
        return problem
    return _PRESSURE_CHECKS[a.pressure](scenario, state, seat, a.target, _ops_of_turn(scenario, state, seat))


def _check_remove(scenario: Scenario, state: GameState, seat: int, target: str, ops: int) -> str | None:
    s_idx = scenario.state_index[target]
    if any(row[s_idx] > 0 for i, row in enumerate(state.influence) if i != seat):
        return None
    return "no_rival_influence"


def _check_sanction(scenario: Scenario, state: GameState, seat: int, target: str, ops: int) -> str | None:
    if target == state.seats[seat]:
        return "self_target"
    return None if target in state.seats else "no_target"


def _check_drill(scenario: Scenario, state: GameState, seat: int, target: str, ops: int) -> str | None:
    s_idx = scenario.state_index[target]
    return None if board.controller(scenario, state, s_idx) == seat else "not_controller"


def _check_throttle(scenario: Scenario, state: GameState, seat: int, target: str, ops: int) -> str | None:
    l_idx = scenario.link_index[target]
    if not board.controls_link(scenario, state, seat, l_idx):
        return "not_controller"
    return None if state.links[l_idx].status == "built" else "link_not_open"


def _check_cut(scenario: Scenario, state: GameState, seat: int, target: str, ops: int) -> str | None:
    l_idx = scenario.link_index[target]
    if not board.controls_link(scenario, state, seat, l_idx):
        return "not_controller"
    if state.links[l_idx].status not in ("built", "throttled"):
        return "link_not_open"
    return None if ops >= 2 else "too_costly"


def _check_restore(scenario: Scenario, state: GameState, seat: int, target: str, ops: int) -> str | None:
    l_idx = scenario.link_index[target]
    if not board.controls_link(scenario, state, seat, l_idx):
        return "not_controller"
    return None if state.links[l_idx].status in ("throttled", "cut") else "link_not_closed"


_PRESSURE_CHECKS: dict[str, Callable[[Scenario, GameState, int, str, int], str | None]] = {
    "remove": _check_remove,
    "sanction": _check_sanction,
    "drill": _check_drill,
    "throttle": _check_throttle,
    "cut": _check_cut,
    "restore": _check_restore,
}
_LINK_PRESSURES = ("throttle", "cut", "restore")


def _check_answer(scenario: Scenario, state: GameState, seat: int, a: Answer) -> str | None:
    return None if state.proposal is not None else "wrong_stage"


def _check_choose(scenario: Scenario, state: GameState, seat: int, a: Choose) -> str | None:
    if state.choice is None:
        return "wrong_stage"
    choice = scenario.card(state.choice.card).choice
    assert choice is not None
    return None if any(o.id == a.option for o in choice.options) else "bad_option"


def _check_end(scenario: Scenario, state: GameState, seat: int, a: EndTurn) -> str | None:
    return None if state.turn is not None and state.turn.done else "not_done"


def _check_pass(scenario: Scenario, state: GameState, seat: int, a: PassTurn) -> str | None:
    if state.turn is None or state.turn.card:
        return "wrong_stage"
    return "has_cards" if state.hands[seat] else None


# Per action type: (phases it belongs to, its own check).
_RULES: dict[type, tuple[tuple[str, ...], Callable]] = {
    KeepObjective: (("setup",), _check_keep),
    PickHeadline: (("headline",), _check_headline),
    PlayCard: (("actions",), _check_play_card),
    PlayEvent: (("actions",), _check_event),
    UseOps: (("actions",), _check_use_ops),
    PlaceInfluence: (("actions",), _check_influence),
    BuildLink: (("actions",), _check_build),
    Propose: (("actions",), _check_propose),
    ApplyPressure: (("actions",), _check_pressure),
    Answer: (("actions",), _check_answer),
    Choose: (("reveal", "actions"), _check_choose),
    EndTurn: (("actions",), _check_end),
    PassTurn: (("actions",), _check_pass),
}


def _validate(scenario: Scenario, state: GameState, action: Action) -> int:
    """Raise InvalidActionError for a malformed action (unknown ids or values); the acting seat, or -1 for
    the engine's own step."""
    ids = _IDS.get(type(action))
    if ids is None:
        if not isinstance(action, Advance):
            raise InvalidActionError(f"not an action: {action!r}")
        return -1
    seat = _seat(state, action.seat)  # type: ignore[union-attr]
    for value, pool in ids(scenario, action):
        if not isinstance(value, str) or value not in pool:
            raise InvalidActionError(f"unknown id {value!r} in {action!r}")
    return seat


_Ids = list[tuple[object, "dict | frozenset"]]
_VERB_IDS = frozenset(VERBS)
_PRESSURE_IDS = frozenset(PRESSURE_KINDS)
_DEAL_IDS = frozenset(DEAL_KINDS)


def _no_ids(scenario: Scenario, a: Action) -> _Ids:
    return []


def _card_ids(scenario: Scenario, a: PickHeadline | PlayCard) -> _Ids:
    return [(a.card, scenario.card_by_id)]


def _objective_ids(scenario: Scenario, a: KeepObjective) -> _Ids:
    return [(a.objective, scenario.objective_by_id)]


def _verb_ids(scenario: Scenario, a: UseOps) -> _Ids:
    return [(a.verb, _VERB_IDS)]


def _state_ids(scenario: Scenario, a: PlaceInfluence) -> _Ids:
    return [(a.state, scenario.state_index)]


def _link_ids(scenario: Scenario, a: BuildLink) -> _Ids:
    return [(a.link, scenario.link_index)]


def _pressure_ids(scenario: Scenario, a: ApplyPressure) -> _Ids:
    pool = scenario.link_index if a.pressure in _LINK_PRESSURES else scenario.state_index
    return [(a.pressure, _PRESSURE_IDS), (a.target, pool)]


def _proposal_ids(scenario: Scenario, a: Propose) -> _Ids:
    checks: _Ids = [(a.deal, _DEAL_IDS)]
    if a.deal in ("transit", "swap"):
        checks.append((a.subject, scenario.link_index))
    elif a.deal == "accession":
        checks.append((a.subject, scenario.bloc_index))
    checks.append((a.partner, _partners(scenario)))
    return checks


def _partners(scenario: Scenario) -> frozenset[str]:
    """Every id a proposal may name as partner: states, patrons and "bloc:<id>" (built once per scenario)."""
    key = ("partners",)
    found = scenario.cache.get(key)
    if found is None:
        blocs = [f"bloc:{b.id}" for b in scenario.blocs]
        found = scenario.cache[key] = frozenset([*scenario.state_index, *scenario.patron_index, *blocs])
    return found  # type: ignore[no-any-return]


def _answer_ids(scenario: Scenario, a: Answer) -> _Ids:
    if not isinstance(a.accept, bool):
        raise InvalidActionError(f"answer must be true or false: {a!r}")
    return []


# Per action type: the ids and values it names, each with the pool it must come from.
_IDS: dict[type, Callable[[Scenario, Any], _Ids]] = {
    KeepObjective: _objective_ids,
    PickHeadline: _card_ids,
    PlayCard: _card_ids,
    PlayEvent: _no_ids,
    UseOps: _verb_ids,
    PlaceInfluence: _state_ids,
    BuildLink: _link_ids,
    Propose: _proposal_ids,
    ApplyPressure: _pressure_ids,
    Answer: _answer_ids,
    Choose: _no_ids,
    EndTurn: _no_ids,
    PassTurn: _no_ids,
}


def why_illegal(scenario: Scenario, state: GameState, action: Action) -> str | None:
    """The reason code an action is not allowed now, or None if it is legal."""
    seat = _validate(scenario, state, action)
    if state.outcome is not None:
        return "game_over"
    if seat < 0:
        return None if state.to_act == ENGINE else "not_your_turn"
    if state.to_act != seat:
        return "not_your_turn"
    phases, check = _RULES[type(action)]
    if state.phase not in phases:
        return "wrong_phase"
    if state.choice is not None and type(action) is not Choose:
        return "wrong_stage"
    if state.proposal is not None and state.choice is None and type(action) is not Answer:
        return "wrong_stage"
    return check(scenario, state, seat, action)  # type: ignore[no-any-return]


# =========================================================================== legal actions


def legal_actions(scenario: Scenario, state: GameState) -> tuple[Action, ...]:
    """Every action allowed now, in a fixed sorted order. Empty only when the game is over."""
    if state.to_act == NOBODY or state.outcome is not None:
        return ()
    if state.to_act == ENGINE:
        return _ADVANCE
    seat = state.to_act
    me = state.seats[seat]
    made = _made_actions(scenario)
    if state.choice is not None:
        choice = scenario.card(state.choice.card).choice
        assert choice is not None
        out: list[Action] = sorted((Choose(me, o.id) for o in choice.options), key=sort_key)
    elif state.proposal is not None:
        out = [_shared(made, Answer, me, False), _shared(made, Answer, me, True)]
    elif state.phase == "setup":
        out = [_shared(made, KeepObjective, me, o) for o in state.offers[seat]]
    elif state.phase == "headline":
        out = [_shared(made, PickHeadline, me, c) for c in state.hands[seat]]
    else:
        out = list(_turn_actions(scenario, state, seat))
    # Every branch above builds its actions in sort_key order already (hands and offers are kept
    # sorted; target generators walk id-sorted tables); tests/rules/test_properties.py checks it.
    legal = tuple(out)
    _LAST_ANSWER[0] = (scenario, state, legal)
    return legal


# The last answer of legal_actions: one (scenario, state, actions) tuple, swapped whole, so a thread
# (the client's bot runner) never reads one call's state with another call's actions. It keeps the state
# it answered for alive, so the identity check in `_known_legal` is exact.
_LAST_ANSWER: list[tuple] = [(None, None, ())]


def _known_legal(scenario: Scenario, state: GameState, action: Action) -> bool:
    """Whether legal_actions has just listed this very action object for this state (so why_illegal would
    allow it). Only identity is looked for: comparing by value would cost as much as checking."""
    last_scenario, last_state, legal = _LAST_ANSWER[0]
    if last_state is not state or last_scenario is not scenario:
        return False
    for listed in legal:
        if listed is action:
            return True
    return False


_ADVANCE: tuple[Action, ...] = (Advance(),)


def _made_actions(scenario: Scenario) -> dict[tuple, Action]:
    """The actions legal_actions has made for this scenario, by (type, *fields)."""
    key = ("made_actions",)
    found = scenario.cache.get(key)
    if found is None:
        found = scenario.cache[key] = {}
    return found  # type: ignore[no-any-return]


def _shared(made: dict[tuple, Action], kind: type, *fields: object) -> Action:
    """The action of that type with those fields, made the first time it is asked for: actions are
    values, so equal ones can be one object."""
    key = (kind, *fields)
    action = made.get(key)
    if action is None:
        action = made[key] = kind(*fields)
    return action


def _turn_actions(scenario: Scenario, state: GameState, seat: int):  # type: ignore[no-untyped-def]
    me = state.seats[seat]
    turn = state.turn
    assert turn is not None
    made = _made_actions(scenario)
    if turn.done:
        yield _shared(made, EndTurn, me)
    elif not turn.card:
        if not state.hands[seat]:
            yield _shared(made, PassTurn, me)
        for card in state.hands[seat]:
            yield _shared(made, PlayCard, me, card)
    elif not turn.use:
        played = scenario.card(turn.card)
        if can_play_event(state, seat, played):
            yield _shared(made, PlayEvent, me)
        ops = card_ops(scenario, state, seat, played)
        for verb in _SORTED_VERBS:
            if _has_target(scenario, state, seat, verb, ops):
                yield _shared(made, UseOps, me, verb)
    else:
        yield from _TARGETS[turn.verb](scenario, state, seat, _ops_of_turn(scenario, state, seat))


def _influence_targets(scenario: Scenario, state: GameState, seat: int, ops: int):  # type: ignore[no-untyped-def]
    """The states `_influence_problem` allows (read from one control table), by id."""
    me = state.seats[seat]
    made = _made_actions(scenario)
    row, top = state.influence[seat], scenario.rules.max_influence
    table = board.control_table(state)
    for s_idx, where in _states_by_id(scenario):
        if row[s_idx] < top and (ops >= 2 or table[s_idx] in (-1, seat)):
            yield _shared(made, PlaceInfluence, me, where)


def _build_targets(scenario: Scenario, state: GameState, seat: int, ops: int):  # type: ignore[no-untyped-def]
    me = state.seats[seat]
    made = _made_actions(scenario)
    agree = consenting(scenario, state, seat)
    for l_idx in _by_id(scenario, "buildable_links"):
        if _build_problem(scenario, state, seat, l_idx, ops, agree) is None:
            yield _shared(made, BuildLink, me, scenario.links[l_idx].id)


def _negotiate_targets(scenario: Scenario, state: GameState, seat: int, ops: int) -> list[Propose]:
    """The proposals `_proposal_problem` allows."""
    me = state.seats[seat]
    candidates, index = _proposal_table(scenario, me)
    refused = _refused_proposals(scenario, state, me, index)
    return [action for action in candidates if id(action) not in refused]


def _can_negotiate(scenario: Scenario, state: GameState, seat: int) -> bool:
    """Whether `_proposal_problem` allows at least one proposal. Usually settled by the first candidate
    whose deal and partner appear in no agreement of the seat; otherwise the refusals are counted."""
    me = state.seats[seat]
    candidates, index = _proposal_table(scenario, me)
    agreed = {
        (a.deal, a.parties[1] if a.parties[0] == me else a.parties[0]) for a in state.agreements if me in a.parties
    }
    if any(c.deal != "accession" and (c.deal, c.partner) not in agreed for c in candidates):
        return True
    return len(_refused_proposals(scenario, state, me, index)) < len(candidates)


def _refused_proposals(
    scenario: Scenario, state: GameState, me: str, index: dict[tuple, tuple[Propose, ...]]
) -> set[int]:
    """The ids of the candidate proposals `_proposal_problem` refuses, found with one pass over the
    agreements: the same deal with the same partner (and, for transit and swap, the same link), and
    accessions `_check_accession` refuses."""
    refused: set[int] = set()
    for a in state.agreements:
        if me in a.parties:
            partner = a.parties[1] if a.parties[0] == me else a.parties[0]
            subject = "" if a.deal in ("investment", "drill") else a.subject
            refused.update(id(action) for action in index.get((a.deal, partner, subject), ()))
    for action in index.get(("accession",), ()):
        if _check_accession(scenario, state, me, action) is not None:
            refused.add(id(action))
    return refused


def _proposal_table(scenario: Scenario, me: str) -> tuple[tuple[Propose, ...], dict[tuple, tuple[Propose, ...]]]:
    """A seat's candidate proposals, and the same objects by (deal, partner, subject) — subject "" for
    investment and drill — with its accessions under ("accession",) (built once per scenario and seat)."""
    key = ("proposal_table", me)
    found = scenario.cache.get(key)
    if found is None:
        candidates = proposal_candidates(scenario, me)
        index: dict[tuple, tuple[Propose, ...]] = {}
        for action in candidates:
            if action.deal == "accession":
                slot: tuple = ("accession",)
            else:
                slot = (action.deal, action.partner, "" if action.deal in ("investment", "drill") else action.subject)
            index[slot] = index.get(slot, ()) + (action,)
        found = scenario.cache[key] = (candidates, index)
    return found  # type: ignore[no-any-return]


def proposal_candidates(scenario: Scenario, me: str) -> tuple[Propose, ...]:
    """Every proposal a seat could make, built once per scenario and seat."""
    key = ("proposals", me)
    found = scenario.cache.get(key)
    if found is None:
        out: list[Propose] = []
        for link in scenario.links:
            for partner in link.states:
                if partner != me:
                    out.append(Propose(me, partner, "transit", link.id))
                    if link.type == "gas":
                        out.append(Propose(me, partner, "swap", link.id))
        out += [Propose(me, f"bloc:{b.id}", "accession", b.id) for b in scenario.blocs]
        out += [Propose(me, p.id, "investment") for p in scenario.patrons]
        out += [Propose(me, s.id, "drill") for s in scenario.states if s.id != me]
        found = scenario.cache[key] = tuple(sorted(out, key=sort_key))
    return found  # type: ignore[no-any-return]


def _link_rank(scenario: Scenario) -> tuple[int, ...]:
    """Per link index: its position when links are ordered by id."""
    key = ("link_rank",)
    found = scenario.cache.get(key)
    if found is None:
        order = _by_id(scenario, "links")
        rank = [0] * len(order)
        for position, l_idx in enumerate(order):
            rank[l_idx] = position
        found = scenario.cache[key] = tuple(rank)
    return found  # type: ignore[no-any-return]


def _by_id(scenario: Scenario, table: str) -> tuple[int, ...]:
    """Indexes of a scenario table (states, or buildable links), ordered by their ids."""
    key = ("by_id", table)
    found = scenario.cache.get(key)
    if found is None:
        if table == "states":
            found = tuple(sorted(range(len(scenario.states)), key=lambda i: scenario.states[i].id))
        elif table == "links":
            found = tuple(sorted(range(len(scenario.links)), key=lambda i: scenario.links[i].id))
        else:
            found = tuple(sorted(scenario.buildable_links, key=lambda i: scenario.links[i].id))
        scenario.cache[key] = found
    return found  # type: ignore[no-any-return]


def _pressure_targets(scenario: Scenario, state: GameState, seat: int, ops: int):  # type: ignore[no-untyped-def]
    """The pressure actions the `_check_*` pressure rules allow, with the board read once, yielded in
    sort order (kinds alphabetically, then targets by id)."""
    me = state.seats[seat]
    held = board.holders(scenario, state)
    states = _states_by_id(scenario)
    mine = [(link, state.links[l_idx].status) for l_idx, link in _held_links_by_id(scenario, held, seat)]
    rivals = _rival_presence(state, seat)
    made = _made_actions(scenario)
    for link, status in mine:
        if status in ("built", "throttled") and ops >= 2:
            yield _shared(made, ApplyPressure, me, "cut", link)
    for s_idx, where in states:
        if held[s_idx] == seat:
            yield _shared(made, ApplyPressure, me, "drill", where)
    for s_idx, where in states:
        if rivals[s_idx]:
            yield _shared(made, ApplyPressure, me, "remove", where)
    for link, status in mine:
        if status in ("throttled", "cut"):
            yield _shared(made, ApplyPressure, me, "restore", link)
    for _, where in states:
        if where != me and where in state.seats:
            yield _shared(made, ApplyPressure, me, "sanction", where)
    for link, status in mine:
        if status == "built":
            yield _shared(made, ApplyPressure, me, "throttle", link)


def _states_by_id(scenario: Scenario) -> tuple[tuple[int, str], ...]:
    """(index, id) of every state, ordered by id (built once per scenario)."""
    key = ("states_by_id",)
    found = scenario.cache.get(key)
    if found is None:
        found = scenario.cache[key] = tuple((s_idx, scenario.states[s_idx].id) for s_idx in _by_id(scenario, "states"))
    return found  # type: ignore[no-any-return]


def _held_links_by_id(scenario: Scenario, held: tuple[int, ...], seat: int) -> tuple[tuple[int, str], ...]:
    """(index, id) of the links in a territory the seat holds, ordered by id; memoised on the holders."""
    key = ("held_links_by_id", held, seat)
    found = scenario.cache.get(key)
    if found is None:
        rank = _link_rank(scenario)
        near = {
            l_idx for s_idx, holder in enumerate(held) if holder == seat for l_idx in scenario.links_in_state[s_idx]
        }
        found = tuple((l_idx, scenario.links[l_idx].id) for l_idx in sorted(near, key=rank.__getitem__))
        if len(scenario.cache) > _MEMO_LIMIT:
            scenario.cache.clear()
        scenario.cache[key] = found
    return found  # type: ignore[no-any-return]


_MEMO_LIMIT = 20000


def _rival_presence(state: GameState, seat: int) -> list[bool]:
    """Per state: whether any other seat has influence there."""
    present = [False] * len(state.stability)
    for other, row in enumerate(state.influence):
        if other != seat:
            for s_idx, value in enumerate(row):
                if value > 0:
                    present[s_idx] = True
    return present


_SORTED_VERBS = tuple(sorted(VERBS))
_TARGETS = {
    "influence": _influence_targets,
    "build": _build_targets,
    "negotiate": _negotiate_targets,
    "pressure": _pressure_targets,
}


# =========================================================================== apply


def apply(scenario: Scenario, state: GameState, action: Action) -> tuple[GameState, tuple]:
    """Apply a legal action: the new state and what happened. Raises IllegalActionError otherwise."""
    if not _known_legal(scenario, state, action):
        reason = why_illegal(scenario, state, action)
        if reason is not None:
            raise IllegalActionError(reason, action)
    log: Log = []
    after = _HANDLERS[type(action)](scenario, state, action, log)
    return clock.settle(scenario, after, state), tuple(log)


# --------------------------------------------------------------------------- engine steps


def _advance(scenario: Scenario, state: GameState, action: Advance, log: Log) -> GameState:
    return _STEPS[state.phase](scenario, state, log)


def _step_deal(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """Offer each seat its national-interest cards (draw some, keep one)."""
    offers = []
    rng = state.rng
    for seat in state.seats:
        pool = tuple(o.id for o in scenario.objectives if not o.seats or seat in o.seats)
        picked, rng = shuffled(rng, pool)
        offer = tuple(sorted(picked[: scenario.rules.objective_offer]))
        offers.append(offer)
        log.append(L.ObjectivesOffered(seat, offer, seat))
    return update(state, offers=tuple(offers), rng=rng, phase="setup")


def _step_news(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """Start the round: at an era's start add its cards and shuffle; fill every hand."""
    if state.round == 1:
        state = _start_era(scenario, state, log)
    log.append(L.RoundBegan(clock.era_number(scenario, state), state.round))
    hands = list(state.hands)
    for seat in range(len(state.seats)):
        state, dealt = _draw(scenario, state, scenario.rules.hand_size - len(hands[seat]), log)
        hands[seat] = tuple(sorted(hands[seat] + dealt))
        log.append(L.CardsDealt(state.seats[seat], dealt, state.seats[seat]))
    log.append(L.HandsFilled(tuple((s, len(h)) for s, h in zip(state.seats, hands))))
    return update(state, hands=tuple(hands), headlines=(None,) * len(state.seats), phase="headline")


def _start_era(scenario: Scenario, state: GameState, log: Log) -> GameState:
    era = scenario.definition.eras[state.era]
    log.append(L.EraBegan(era.number, era.name))
    held = {c for hand in state.hands for c in hand} | set(state.removed)
    new = tuple(c for c in scenario.cards_by_era.get(era.number, ()) if c not in held)
    if state.era == 0:
        new = new + tuple(c for e, ids in scenario.cards_by_era.items() if e < era.number for c in ids if c not in held)
    hands = state.hands
    if state.era == 0 and scenario.definition.opening_hands:
        scripted = scenario.definition.opening_hands
        hands = tuple(tuple(sorted(scripted.get(s, ()))) for s in state.seats)
        dealt = {c for hand in hands for c in hand}
        new = tuple(c for c in new if c not in dealt)
    pool = tuple(sorted(set(state.draw_pile + state.discard + new)))
    start = state.rng.counter
    pile, rng = shuffled(state.rng, pool)
    log.append(L.DeckShuffled(len(pile), (start, rng.counter)))
    return update(state, draw_pile=pile, discard=(), rng=rng, hands=hands)


def _draw(scenario: Scenario, state: GameState, count: int, log: Log) -> tuple[GameState, tuple[str, ...]]:
    """Draw cards from the pile, reshuffling the discards in when it runs out."""
    dealt: list[str] = []
    pile, discard, rng = state.draw_pile, state.discard, state.rng
    while len(dealt) < count:
        if not pile:
            if not discard:
                break
            start = rng.counter
            pile, rng = shuffled(rng, tuple(sorted(discard)))
            discard = ()
            log.append(L.DeckShuffled(len(pile), (start, rng.counter)))
        taken = pile[: count - len(dealt)]
        dealt.extend(taken)
        pile = pile[len(taken) :]
    return update(state, draw_pile=pile, discard=discard, rng=rng), tuple(dealt)


def _step_reveal(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """Reveal the headlines and resolve them, highest ops first."""
    picks = [(i, c) for i, c in enumerate(state.headlines) if c]
    log.append(L.HeadlinesRevealed(tuple((state.seats[i], c) for i, c in picks)))
    picks.sort(key=lambda p: (-scenario.card(p[1]).ops, p[0]))
    state = update(state, reveal_queue=tuple(picks), headlines=(None,) * len(state.seats))
    return _continue_reveal(scenario, state, log)


def _continue_reveal(scenario: Scenario, state: GameState, log: Log) -> GameState:
    while state.reveal_queue and state.choice is None and not state.era_over:
        (seat, card_id), rest = state.reveal_queue[0], state.reveal_queue[1:]
        state = update(state, reveal_queue=rest)
        card = scenario.card(card_id)
        log.append(L.CardPlayed(state.seats[seat], card_id, "headline"))
        state = _retire(state, card, fired=True)
        # An event that favours a seat fires for that seat, whoever headlined it (as with ops).
        for_seat = state.seats.index(card.favours) if card.favours in state.seats else seat
        state = _fire_event(scenario, state, card, for_seat, log, by=seat)
    if state.reveal_queue or state.choice is not None or state.era_over:
        return state
    return clock.start_actions(state, scenario.rules.turns_per_round)


def _step_flows(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """Route the round's flows and pay exports and transit fees."""
    report = run_flows(scenario, state)
    budget = tuple(b + i for b, i in zip(state.budget, report.income))
    era_income = tuple(e + i for e, i in zip(state.era_income, report.income))
    shipped = sum(p.volume for p in report.paths)
    log.append(L.FlowsRouted(tuple(zip(state.seats, report.income)), shipped, sum(report.unshipped)))
    state = update(state, budget=budget, era_income=era_income, last_flows=report)
    state = _trade_benefits(scenario, state, log)
    summit = state.summit_pending or clock.is_era_end(scenario, state)
    return clock.enter(state, "summit" if summit else "cleanup")


def _trade_benefits(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """A trade bloc's benefit: each member seat earns its amount in budget every flow phase."""
    for bloc, members in zip(scenario.blocs, state.members):
        if bloc.benefit != "trade":
            continue
        for seat, state_id in enumerate(state.seats):
            if state_id in members:
                state = change_budget(state, seat, bloc.benefit_amount, log)
    return state


def _step_summit(scenario: Scenario, state: GameState, log: Log) -> GameState:
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
    return clock.enter(state, "cleanup")


def _step_cleanup(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """Tension eases, non-player states act, agreements expire; then the next round."""
    state = raise_tension(scenario, state, -1, -1, log)
    state = _non_players_act(scenario, state, log)
    expired = [a for a in state.agreements if a.until_round <= state.absolute_round]
    for agreement in expired:
        log.append(L.AgreementExpired(agreement.id))
    if expired:
        state = update(state, agreements=tuple(a for a in state.agreements if a not in expired))
    return clock.next_round(scenario, state)


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


_STEPS: dict[str, Callable[[Scenario, GameState, Log], GameState]] = {
    "deal": _step_deal,
    "news": _step_news,
    "reveal": _step_reveal,
    "flows": _step_flows,
    "summit": _step_summit,
    "cleanup": _step_cleanup,
}


# --------------------------------------------------------------------------- seat decisions


def _keep(scenario: Scenario, state: GameState, a: KeepObjective, log: Log) -> GameState:
    seat = state.seats.index(a.seat)
    log.append(L.ObjectiveKept(a.seat, a.objective, a.seat))
    return update(state, objectives=set_item(state.objectives, seat, a.objective))


def _pick_headline(scenario: Scenario, state: GameState, a: PickHeadline, log: Log) -> GameState:
    seat = state.seats.index(a.seat)
    hand = tuple(c for c in state.hands[seat] if c != a.card)
    log.append(L.HeadlinePicked(a.seat))
    return update(state, hands=set_item(state.hands, seat, hand), headlines=set_item(state.headlines, seat, a.card))


def _play_card(scenario: Scenario, state: GameState, a: PlayCard, log: Log) -> GameState:
    seat = state.seats.index(a.seat)
    hand = tuple(c for c in state.hands[seat] if c != a.card)
    assert state.turn is not None
    return update(state, hands=set_item(state.hands, seat, hand), turn=Turn(state.turn.holder, card=a.card))


def _play_event(scenario: Scenario, state: GameState, a: PlayEvent, log: Log) -> GameState:
    seat = state.seats.index(a.seat)
    assert state.turn is not None
    card = scenario.card(state.turn.card)
    log.append(L.CardPlayed(a.seat, card.id, "event"))
    state = update(state, turn=Turn(state.turn.holder, state.turn.card, "event", "", True))
    state = _retire(state, card, fired=True)
    return _fire_event(scenario, state, card, seat, log)


def _use_ops(scenario: Scenario, state: GameState, a: UseOps, log: Log) -> GameState:
    assert state.turn is not None
    return update(state, turn=Turn(state.turn.holder, state.turn.card, "ops", a.verb))


def _retire(state: GameState, card: CardDef, fired: bool) -> GameState:
    """Send a played card to the removed pile (a once-only event that fired) or the discards."""
    if fired and card.once:
        return update(state, removed=state.removed + (card.id,))
    return update(state, discard=state.discard + (card.id,))


def _fire_event(
    scenario: Scenario, state: GameState, card: CardDef, seat: int, log: Log, by: int | None = None
) -> GameState:
    """Resolve a card's event for a seat; a choice goes to the affected seat, or its first option."""
    log.append(L.EventFired(card.id, state.seats[seat] if seat >= 0 else ""))
    chooser = card.choice.state if card.choice else ""
    ctx = Context(player=seat, favoured=card.favours, chooser=chooser, card=card.id, by=by)
    state = apply_effects(scenario, state, card.effects, ctx, log)
    if card.choice is None or state.era_over:
        return state
    if chooser in state.seats:
        log.append(L.ChoiceOffered(chooser, card.id))
        return update(state, choice=PendingChoice(state.seats.index(chooser), card.id, seat))
    option = card.choice.options[0]
    log.append(L.OptionChosen(chooser, card.id, option.id))
    return apply_effects(scenario, state, option.effects, ctx, log)


def _choose(scenario: Scenario, state: GameState, a: Choose, log: Log) -> GameState:
    assert state.choice is not None
    pending = state.choice
    card = scenario.card(pending.card)
    assert card.choice is not None
    option = next(o for o in card.choice.options if o.id == a.option)
    log.append(L.OptionChosen(a.seat, card.id, option.id))
    ctx = Context(player=pending.player, favoured=card.favours, chooser=card.choice.state, card=card.id)
    state = apply_effects(scenario, update(state, choice=None), option.effects, ctx, log)
    if state.phase == "reveal":
        state = _continue_reveal(scenario, state, log)
    return state


def _finish_ops(scenario: Scenario, state: GameState, seat: int, verb: str, ops: int, log: Log) -> GameState:
    """After the ops: the turn is done; a card that favours another seat fires its event for them."""
    assert state.turn is not None
    card = scenario.card(state.turn.card)
    log.append(L.OpsUsed(state.seats[seat], verb, ops))
    t = state.turn
    state = update(state, turn=Turn(t.holder, t.card, t.use, t.verb, True), ops_mod=set_item(state.ops_mod, seat, 0))
    beneficiary = card.favours if card.favours and card.favours != state.seats[seat] else ""
    if beneficiary in state.seats and not state.era_over:
        state = _retire(state, card, fired=True)
        return _fire_event(scenario, state, card, state.seats.index(beneficiary), log, by=seat)
    return _retire(state, card, fired=False)


def _begin_ops(scenario: Scenario, state: GameState, seat: int, log: Log) -> int:
    assert state.turn is not None
    log.append(L.CardPlayed(state.seats[seat], state.turn.card, "ops"))
    return _ops_of_turn(scenario, state, seat)


def _place_influence(scenario: Scenario, state: GameState, a: PlaceInfluence, log: Log) -> GameState:
    seat = state.seats.index(a.seat)
    ops = _begin_ops(scenario, state, seat, log)
    s_idx = scenario.state_index[a.state]
    points = ops // influence_cost(scenario, state, seat, s_idx)
    state = change_influence(scenario, state, seat, s_idx, points, log)
    return _finish_ops(scenario, state, seat, "influence", ops, log)


def _build(scenario: Scenario, state: GameState, a: BuildLink, log: Log) -> GameState:
    seat = state.seats.index(a.seat)
    ops = _begin_ops(scenario, state, seat, log)
    l_idx = scenario.link_index[a.link]
    link, live = scenario.links[l_idx], state.links[l_idx]
    if live.status == "planned":
        per_op = build_cost_per_op(scenario, state, seat, l_idx)
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
    return _finish_ops(scenario, state, seat, "build", ops, log)


# --------------------------------------------------------------------------- negotiation


def _propose(scenario: Scenario, state: GameState, a: Propose, log: Log) -> GameState:
    seat = state.seats.index(a.seat)
    ops = _begin_ops(scenario, state, seat, log)
    log.append(L.ProposalMade(a.seat, a.partner, a.deal, a.subject))
    state = _finish_ops(scenario, state, seat, "negotiate", ops, log)
    voters, votes = _voters(scenario, state, seat, a, log)
    proposal = Proposal(seat, a.partner, a.deal, a.subject, voters, votes)
    if voters:
        return update(state, proposal=proposal)
    return _conclude(scenario, state, proposal, log)


def _voters(
    scenario: Scenario, state: GameState, seat: int, a: Propose, log: Log
) -> tuple[tuple[int, ...], tuple[bool, ...]]:
    """Who must answer a proposal (seats, in order), and the votes the published rules already cast."""
    if a.deal != "accession":
        deciders: tuple[str, ...] = (a.partner,)
    else:
        bloc = scenario.blocs[scenario.bloc_index[a.subject]]
        if bloc.entry == "sponsor":
            deciders = (bloc.sponsor,)
        else:
            deciders = tuple(sorted(state.members[scenario.bloc_index[bloc.id]]))
    voters: list[int] = []
    votes: list[bool] = []
    for who in deciders:
        if who in state.seats and who != state.seats[seat]:
            voters.append(state.seats.index(who))
        elif who != state.seats[seat]:
            accept, rule = _rule_answer(scenario, state, seat, who)
            log.append(L.ProposalAnswered(who, accept, rule))
            votes.append(accept)
    return tuple(voters), tuple(votes)


def _rule_answer(scenario: Scenario, state: GameState, seat: int, who: str) -> tuple[bool, str]:
    """How a non-player state or a patron answers: influence, standing and credibility decide."""
    cred = state.credibility[seat]
    if who in scenario.patron_index:
        standing = state.standing[seat][scenario.patron_index[who]]
        return standing + cred >= 4, f"standing {standing} + credibility {cred} >= 4"
    s_idx = scenario.state_index[who]
    infl, stab = state.influence[seat][s_idx], state.stability[s_idx]
    lean = scenario.states[s_idx].orientation
    if lean and lean in scenario.bloc_index and board.is_member(scenario, state, state.seats[seat], lean) and cred >= 2:
        return True, f"shares {lean} and credibility {cred} >= 2"
    return infl + cred >= stab + 2, f"influence {infl} + credibility {cred} >= stability {stab} + 2"


def _answer(scenario: Scenario, state: GameState, a: Answer, log: Log) -> GameState:
    assert state.proposal is not None
    log.append(L.ProposalAnswered(a.seat, a.accept, ""))
    proposal = evolve(state.proposal, awaiting=state.proposal.awaiting[1:], votes=state.proposal.votes + (a.accept,))
    if proposal.awaiting:
        return update(state, proposal=proposal)
    return _conclude(scenario, update(state, proposal=None), proposal, log)


def _conclude(scenario: Scenario, state: GameState, p: Proposal, log: Log) -> GameState:
    """Sign or reject a proposal once every answer is in."""
    state = update(state, proposal=None)
    me = state.seats[p.proposer]
    if not _carried(scenario, state, p):
        log.append(L.ProposalRejected(me, p.partner, p.deal))
        return state
    if p.deal == "accession":
        bloc = scenario.blocs[scenario.bloc_index[p.subject]]
        state = join_bloc(scenario, state, me, bloc.id, log)
        if bloc.sponsor in scenario.patron_index:
            state = change_standing(scenario, state, p.proposer, scenario.patron_index[bloc.sponsor], 1, log)
        return state
    until = state.absolute_round + scenario.rules.deal_rounds - 1  # the signing round counts
    agreement = Agreement(state.next_agreement, p.deal, (me, p.partner), p.subject, until)
    log.append(L.AgreementSigned(agreement.id, p.deal, agreement.parties, p.subject, until))
    state = update(state, agreements=state.agreements + (agreement,), next_agreement=state.next_agreement + 1)
    return _SIGNING[p.deal](scenario, state, p, log)


def _carried(scenario: Scenario, state: GameState, p: Proposal) -> bool:
    yes = sum(p.votes)
    if p.deal == "accession":
        bloc = scenario.blocs[scenario.bloc_index[p.subject]]
        if bloc.entry == "unanimity":
            return yes == len(p.votes)
        if bloc.entry == "majority":
            return yes * 2 > len(p.votes) or not p.votes
    return bool(p.votes) and all(p.votes)


def _sign_transit(scenario: Scenario, state: GameState, p: Proposal, log: Log) -> GameState:
    return state


def _sign_swap(scenario: Scenario, state: GameState, p: Proposal, log: Log) -> GameState:
    state = change_budget(state, p.proposer, 1, log)
    if p.partner in state.seats:
        state = change_budget(state, state.seats.index(p.partner), 1, log)
    return state


def _sign_investment(scenario: Scenario, state: GameState, p: Proposal, log: Log) -> GameState:
    state = change_budget(state, p.proposer, 3, log)
    return change_standing(scenario, state, p.proposer, scenario.patron_index[p.partner], 1, log)


def _sign_drill(scenario: Scenario, state: GameState, p: Proposal, log: Log) -> GameState:
    state = change_influence(scenario, state, p.proposer, scenario.state_index[p.partner], 1, log)
    if p.partner in state.seats:
        partner = state.seats.index(p.partner)
        state = change_influence(scenario, state, partner, scenario.state_index[state.seats[p.proposer]], 1, log)
    return raise_tension(scenario, state, scenario.rules.drill_tension, p.proposer, log)


_SIGNING = {
    "transit": _sign_transit,
    "swap": _sign_swap,
    "investment": _sign_investment,
    "drill": _sign_drill,
}


# --------------------------------------------------------------------------- pressure


def _pressure(scenario: Scenario, state: GameState, a: ApplyPressure, log: Log) -> GameState:
    seat = state.seats.index(a.seat)
    ops = _begin_ops(scenario, state, seat, log)
    state = _PRESSURES[a.pressure](scenario, state, seat, a.target, ops, log)
    return _finish_ops(scenario, state, seat, "pressure", ops, log)


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


def _sanction(scenario: Scenario, state: GameState, seat: int, target: str, ops: int, log: Log) -> GameState:
    victim = state.seats.index(target)
    amount = max(0, min(ops, state.budget[victim]) - _shield(scenario, state, seat, target))
    log.append(L.PressureApplied(state.seats[seat], "sanction", target, amount))
    state = change_budget(state, victim, -amount, log)
    state = _breaches(scenario, state, seat, target, "", True, log)
    return raise_tension(scenario, state, scenario.rules.sanction_tension, seat, log)


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


def _throttle(scenario: Scenario, state: GameState, seat: int, target: str, ops: int, log: Log) -> GameState:
    state = _close_link(scenario, state, seat, target, "throttle", log)
    return raise_tension(scenario, state, scenario.rules.throttle_tension, seat, log)


def _cut(scenario: Scenario, state: GameState, seat: int, target: str, ops: int, log: Log) -> GameState:
    state = _close_link(scenario, state, seat, target, "cut", log)
    state = change_credibility(scenario, state, seat, -scenario.rules.cut_credibility, log)
    return raise_tension(scenario, state, scenario.rules.cut_tension, seat, log)


def _restore(scenario: Scenario, state: GameState, seat: int, target: str, ops: int, log: Log) -> GameState:
    log.append(L.PressureApplied(state.seats[seat], "restore", target, 1))
    return set_link_status(scenario, state, scenario.link_index[target], "built", state.seats[seat], log)


_PRESSURES = {
    "remove": _remove,
    "sanction": _sanction,
    "drill": _drill,
    "throttle": _throttle,
    "cut": _cut,
    "restore": _restore,
}


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


# --------------------------------------------------------------------------- turn end


def _end_turn(scenario: Scenario, state: GameState, a: EndTurn, log: Log) -> GameState:
    log.append(L.TurnEnded(a.seat))
    return clock.end_turn(state)


def _pass(scenario: Scenario, state: GameState, a: PassTurn, log: Log) -> GameState:
    log.append(L.TurnPassed(a.seat))
    return clock.end_turn(state)


_HANDLERS: dict[type, Callable] = {
    Advance: _advance,
    KeepObjective: _keep,
    PickHeadline: _pick_headline,
    PlayCard: _play_card,
    PlayEvent: _play_event,
    UseOps: _use_ops,
    PlaceInfluence: _place_influence,
    BuildLink: _build,
    Propose: _propose,
    ApplyPressure: _pressure,
    Answer: _answer,
    Choose: _choose,
    EndTurn: _end_turn,
    PassTurn: _pass,
}


def outcome(scenario: Scenario, state: GameState):  # type: ignore[no-untyped-def]
    """How the game ended (winner, scores, reason), or None while it goes on."""
    return state.outcome
