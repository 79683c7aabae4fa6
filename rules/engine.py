"""The rules engine's API — new_game, legal_actions, why_illegal, apply, outcome — and its registry.

The registry is one record per action type: the phases it belongs to, the ids it names, its own check
and its handler. The turn frame's and the card flow's records are listed here; each ops verb brings its
own (`rules.verbs.VERB_RULES`), and the engine builds the same records from them.

`why_illegal` checks in one fixed order — game over, not your turn, wrong phase, wrong stage — then
the action's own conditions. `legal_actions` enumerates candidates and keeps those the same checks
allow, so the two can never disagree. `apply` dispatches to the action type's handler and returns the
new state with its log entries; the clock then decides who acts next. Each plays the scenario as the
game's format does (`Scenario.played`, from the state's options).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from attrs import frozen

from rules import cards, clock, steps, teacher, turn
from rules.action import (
    FIELD_TYPES,
    Action,
    Advance,
    Answer,
    Choose,
    EndTurn,
    KeepObjective,
    PassTurn,
    PlayCard,
    PlayEvent,
    UseOps,
    sort_key,
)
from rules.cards import can_play_event, to_keep
from rules.errors import IllegalActionError, InvalidActionError, Reason
from rules.indexes import Made, made_actions, shared
from rules.log import Log, LogEntry
from rules.scenario import Scenario
from rules.setup import SetupError, new_game
from rules.state import ENGINE, NOBODY, GameState, Outcome, Phase
from rules.teacher import TEACHER, TEACHER_ACTIONS, InjectCard, RevealAll, SetTension, TeacherNote, WithholdCard
from rules.turn import card_ops, ops_of_turn
from rules.verbs import VERB_RULES, VERBS
from rules.verbs.base import AnyVerbRule, Ids
from rules.verbs.build import consenting
from rules.verbs.negotiate import answer, check_answer, proposal_candidates

# Public helpers other packages read (bots, client) — the rules they state live in these modules.
__all__ = [
    "SetupError",
    "apply",
    "can_play_event",
    "card_ops",
    "consenting",
    "legal_actions",
    "new_game",
    "outcome",
    "proposal_candidates",
    "verb_candidates",
    "why_illegal",
]

A = TypeVar("A")


@frozen
class ActionRule(Generic[A]):
    """What the engine needs of one action type."""

    phases: tuple[str, ...]  # the phases it belongs to
    ids: Callable[[Scenario, A], Ids]  # the ids and values it names, each with the pool it must come from
    check: Callable[[Scenario, GameState, int, A], Reason | None]  # its own conditions (after the stages)
    handler: Callable[[Scenario, GameState, A, Log], GameState]


def _no_ids(scenario: Scenario, a: object) -> Ids:
    return []


def _card_ids(scenario: Scenario, a: PlayCard | InjectCard | WithholdCard) -> Ids:
    return [(a.card, scenario.card_by_id)]


def _objective_ids(scenario: Scenario, a: KeepObjective) -> Ids:
    return [(a.objective, scenario.objective_by_id)]


_VERB_IDS = frozenset(VERBS)
_VERBS: dict[str, AnyVerbRule] = {rule.name: rule for rule in VERB_RULES}
_SORTED_VERBS = tuple(sorted(_VERBS.items()))


def _verb_ids(scenario: Scenario, a: UseOps) -> Ids:
    return [(a.verb, _VERB_IDS)]


def _check_use_ops(scenario: Scenario, state: GameState, seat: int, a: UseOps) -> Reason | None:
    problem = turn.choosing_use(state)
    if problem is not None:
        return problem
    ops = ops_of_turn(scenario, state, seat)
    return None if _VERBS[a.verb].has_target(scenario, state, seat, ops) else Reason.NO_TARGET


def _verb_rule(verb: AnyVerbRule) -> ActionRule[Any]:
    """The engine's record for a verb's target action: at the verb's stage of a turn, the verb's check
    with the ops of the turn's card."""

    def check(scenario: Scenario, state: GameState, seat: int, a: Any) -> Reason | None:
        return turn.ops_stage(state, verb.name) or verb.check(
            scenario, state, seat, a, ops_of_turn(scenario, state, seat)
        )

    return ActionRule(_ACTIONS, verb.ids, check, verb.handler)


def _advance(scenario: Scenario, state: GameState, a: Advance, log: Log) -> GameState:
    return steps.advance(scenario, state, log)


def _engine_step(scenario: Scenario, state: GameState, seat: int, a: Advance) -> Reason | None:
    return None  # the engine's step may run whenever the engine is to act


# Phases as module constants: reading a member off an enum class costs ~190 ns in Python 3.11.
_ACTIONS = (Phase.ACTIONS,)
_ANY = tuple(p for p in Phase if p != Phase.OVER)  # the teacher's actions: any time before the end
RULES: dict[type, ActionRule[Any]] = {
    Advance: ActionRule(tuple(steps.STEPS), _no_ids, _engine_step, _advance),
    KeepObjective: ActionRule(_ACTIONS, _objective_ids, cards.check_keep, cards.keep),
    PlayCard: ActionRule(_ACTIONS, _card_ids, turn.check_play_card, turn.play_card),
    PlayEvent: ActionRule(_ACTIONS, _no_ids, turn.check_event, turn.play_event),
    UseOps: ActionRule(_ACTIONS, _verb_ids, _check_use_ops, turn.use_ops),
    **{verb.action_type: _verb_rule(verb) for verb in VERB_RULES},
    Answer: ActionRule(_ACTIONS, _no_ids, check_answer, answer),
    Choose: ActionRule((Phase.REVEAL, Phase.ACTIONS), _no_ids, cards.check_choose, cards.choose),
    EndTurn: ActionRule(_ACTIONS, _no_ids, turn.check_end, turn.end_turn),
    PassTurn: ActionRule(_ACTIONS, _no_ids, turn.check_pass, turn.pass_turn),
    InjectCard: ActionRule(_ANY, _card_ids, teacher.check_inject, teacher.inject),
    WithholdCard: ActionRule(_ANY, _card_ids, teacher.check_withhold, teacher.withhold),
    SetTension: ActionRule(_ANY, _no_ids, teacher.check_tension, teacher.set_tension),
    RevealAll: ActionRule(_ANY, _no_ids, teacher.check_reveal, teacher.reveal),
    TeacherNote: ActionRule(_ANY, _no_ids, teacher.check_note, teacher.note),
}


# =========================================================================== why_illegal


def _validate(scenario: Scenario, state: GameState, action: Action) -> int:
    """Raise InvalidActionError for a malformed action (a field of the wrong type, unknown ids or values);
    the acting seat, ENGINE for the engine's own step or TEACHER for a teacher's action."""
    rule = RULES.get(type(action))
    if rule is None:
        raise InvalidActionError(f"not an action: {action!r}")
    if isinstance(action, Advance):
        return ENGINE
    for name, kind in FIELD_TYPES[type(action)]:
        if not isinstance(getattr(action, name), kind):
            raise InvalidActionError(f"{name} must be a {kind.__name__}: {action!r}")
    if isinstance(action, TEACHER_ACTIONS):
        seat = TEACHER
    else:
        try:
            seat = state.seats.index(action.seat)
        except ValueError:
            raise InvalidActionError(f"{action.seat!r} has no seat in this game") from None
    for value, pool in rule.ids(scenario, action):
        if not isinstance(value, str) or value not in pool:
            raise InvalidActionError(f"unknown id {value!r} in {action!r}")
    return seat


def why_illegal(scenario: Scenario, state: GameState, action: Action) -> Reason | None:
    """The reason code an action is not allowed now, or None if it is legal."""
    scenario = scenario.played(state.options.length, len(state.seats))
    seat = _validate(scenario, state, action)
    if state.outcome is not None:
        return Reason.GAME_OVER
    if seat == TEACHER:  # whoever is to act: a teacher's action waits for no seat (rules §17)
        return RULES[type(action)].check(scenario, state, seat, action)
    if state.to_act != seat:
        return Reason.NOT_YOUR_TURN
    kind = type(action)
    rule = RULES[kind]
    if state.phase not in rule.phases:
        return Reason.WRONG_PHASE
    if state.choice is not None and kind is not Choose:
        return Reason.WRONG_STAGE
    if state.proposal is not None and state.choice is None and kind is not Answer:
        return Reason.WRONG_STAGE
    if kind is not KeepObjective and seat >= 0 and state.choice is None and state.proposal is None:
        if to_keep(state, seat):  # a sitting opens with the seat's national interest, if it has none yet (§4.2)
            return Reason.WRONG_STAGE
    return rule.check(scenario, state, seat, action)


# =========================================================================== legal actions


def legal_actions(scenario: Scenario, state: GameState) -> tuple[Action, ...]:
    """Every action allowed now, in a fixed sorted order. Empty only when the game is over."""
    scenario = scenario.played(state.options.length, len(state.seats))
    if state.to_act == NOBODY or state.outcome is not None:
        return ()
    if state.to_act == ENGINE:
        return _ADVANCE
    seat = state.to_act
    me = state.seats[seat]
    made = made_actions(scenario, me)
    if state.choice is not None:
        choice = scenario.card(state.choice.card).choice
        assert choice is not None
        out: list[Action] = sorted((Choose(me, o.id) for o in choice.options), key=sort_key)
    elif state.proposal is not None:
        out = [shared(made, Answer, me, False), shared(made, Answer, me, True)]
    elif to_keep(state, seat):
        out = [shared(made, KeepObjective, me, o) for o in state.offers[seat]]
    else:
        out = _turn_actions(scenario, state, seat, made)
    # Every branch above builds its actions in sort_key order already (hands and offers are kept
    # sorted; target generators walk id-sorted tables); tests/rules/test_properties.py checks it.
    legal = tuple(out)
    _LAST_ANSWER[0] = (scenario, state, legal)
    return legal


# The last answer of legal_actions: one (scenario, state, actions) tuple, swapped whole, so a thread
# (the client's bot runner) never reads one call's state with another call's actions. It keeps the state
# it answered for alive, so the identity check in `_known_legal` is exact.
_LAST_ANSWER: list[tuple[Scenario | None, GameState | None, tuple[Action, ...]]] = [(None, None, ())]
_ADVANCE: tuple[Action, ...] = (Advance(),)


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


def _turn_actions(scenario: Scenario, state: GameState, seat: int, made: Made) -> list[Action]:
    """The actions of the turn's stage: end it; take a card (or pass with none); use the card; a target."""
    me = state.seats[seat]
    now = state.turn
    assert now is not None
    if now.done:
        return [shared(made, EndTurn, me)]
    if not now.card:
        hand = state.hands[seat]
        return [shared(made, PlayCard, me, card) for card in hand] if hand else [shared(made, PassTurn, me)]
    if not now.use:
        played = scenario.card(now.card)
        out: list[Action] = [shared(made, PlayEvent, me)] if can_play_event(state, seat, played) else []
        ops = card_ops(scenario, state, seat, played)
        for name, verb in _SORTED_VERBS:
            if verb.has_target(scenario, state, seat, ops):
                out.append(shared(made, UseOps, me, name))
        return out
    return list(_VERBS[now.verb].targets(scenario, state, seat, ops_of_turn(scenario, state, seat), made))


def verb_candidates(scenario: Scenario, state: GameState, seat: str, verb: str) -> list[Action]:
    """Every target a verb could name for a seat, allowed or not (the client lists the refused ones with
    their reasons). An unknown verb raises InvalidActionError."""
    rule = _VERBS.get(verb) if isinstance(verb, str) else None
    if rule is None:
        raise InvalidActionError(f"unknown verb {verb!r}")
    scenario = scenario.played(state.options.length, len(state.seats))
    found: list[Action] = rule.candidates(scenario, state, seat)
    return found


# =========================================================================== apply


def apply(scenario: Scenario, state: GameState, action: Action) -> tuple[GameState, tuple[LogEntry, ...]]:
    """Apply a legal action: the new state and what happened. Raises IllegalActionError otherwise."""
    scenario = scenario.played(state.options.length, len(state.seats))
    if not _known_legal(scenario, state, action):
        reason = why_illegal(scenario, state, action)
        if reason is not None:
            raise IllegalActionError(reason, action)
    log: Log = []
    after = RULES[type(action)].handler(scenario, state, action, log)
    return clock.settle(scenario, after, state), tuple(log)


def outcome(scenario: Scenario, state: GameState) -> Outcome | None:
    """How the game ended (winner, scores, reason), or None while it goes on."""
    return state.outcome
