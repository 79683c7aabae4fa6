"""The turn frame: a seat takes a card, plays it as an event or as ops for one verb, and ends the turn.

The ops verbs themselves live in `rules.verbs`; each handler opens with `begin_ops` and closes with
`finish_ops`, which also fires a card that favours another seat for that seat.
"""

from __future__ import annotations

from rules import cards, clock
from rules import log as L
from rules.errors import Reason
from rules.frame import EndTurn, PassTurn, PlayCard, PlayEvent, UseOps
from rules.log import Log
from rules.scenario import CardDef, Scenario
from rules.state import GameState, Turn, set_item, update


def card_ops(scenario: Scenario, state: GameState, seat: int, card: CardDef) -> int:
    """A card's ops for a seat, after modifiers (1..4)."""
    return max(1, min(4, card.ops + state.ops_mod[seat]))


def ops_of_turn(scenario: Scenario, state: GameState, seat: int) -> int:
    """The ops of the card the seat holds this turn."""
    assert state.turn is not None
    return card_ops(scenario, state, seat, scenario.card(state.turn.card))


def ops_stage(state: GameState, verb: str) -> Reason | None:
    """WRONG_STAGE unless the turn's card is being used as ops for this verb and has not resolved."""
    turn = state.turn
    if turn is None or turn.use != "ops" or turn.verb != verb or turn.done:
        return Reason.WRONG_STAGE
    return None


def choosing_use(state: GameState) -> Reason | None:
    """WRONG_STAGE unless a card is taken and its use (event or ops) not yet chosen."""
    turn = state.turn
    if turn is None or not turn.card or turn.use:
        return Reason.WRONG_STAGE
    return None


def begin_ops(scenario: Scenario, state: GameState, seat: int, log: Log) -> int:
    """Log the card played as ops; its ops."""
    assert state.turn is not None
    log.append(L.CardPlayed(state.seats[seat], state.turn.card, "ops"))
    return ops_of_turn(scenario, state, seat)


def finish_ops(scenario: Scenario, state: GameState, seat: int, verb: str, ops: int, log: Log) -> GameState:
    """After the ops: the turn is done; a card that favours another seat fires its event for them."""
    assert state.turn is not None
    card = scenario.card(state.turn.card)
    log.append(L.OpsUsed(state.seats[seat], verb, ops))
    t = state.turn
    state = update(state, turn=Turn(t.holder, t.card, t.use, t.verb, True), ops_mod=set_item(state.ops_mod, seat, 0))
    beneficiary = ops_fire_for(state, seat, card)
    if beneficiary:
        state = cards.retire(state, card, fired=True)
        return cards.fire_event(scenario, state, card, state.seats.index(beneficiary), log, by=seat)
    return cards.retire(state, card, fired=False)


def ops_fire_for(state: GameState, seat: int, card: CardDef) -> str:
    """The other seat whose event a card fires when this seat uses it for ops ("" when none: the card
    favours nobody, the seat itself or a state no seat plays, or the era is over)."""
    beneficiary = card.favours if card.favours and card.favours != state.seats[seat] else ""
    return beneficiary if beneficiary in state.seats and not state.era_over else ""


# --------------------------------------------------------------------------- take a card, use it


def check_play_card(scenario: Scenario, state: GameState, seat: int, a: PlayCard) -> Reason | None:
    if state.turn is None or state.turn.card:
        return Reason.WRONG_STAGE
    return None if a.card in state.hands[seat] else Reason.NOT_IN_HAND


def play_card(scenario: Scenario, state: GameState, a: PlayCard, log: Log) -> GameState:
    seat = state.seats.index(a.seat)
    hand = tuple(c for c in state.hands[seat] if c != a.card)
    assert state.turn is not None
    return update(state, hands=set_item(state.hands, seat, hand), turn=Turn(state.turn.holder, card=a.card))


def check_event(scenario: Scenario, state: GameState, seat: int, a: PlayEvent) -> Reason | None:
    problem = choosing_use(state)
    if problem is not None:
        return problem
    assert state.turn is not None
    allowed = cards.can_play_event(state, seat, scenario.card(state.turn.card))
    return None if allowed else Reason.EVENT_FAVOURS_RIVAL


def play_event(scenario: Scenario, state: GameState, a: PlayEvent, log: Log) -> GameState:
    seat = state.seats.index(a.seat)
    assert state.turn is not None
    card = scenario.card(state.turn.card)
    log.append(L.CardPlayed(a.seat, card.id, "event"))
    state = update(state, turn=Turn(state.turn.holder, state.turn.card, "event", "", True))
    state = cards.retire(state, card, fired=True)
    return cards.fire_event(scenario, state, card, seat, log)


def use_ops(scenario: Scenario, state: GameState, a: UseOps, log: Log) -> GameState:
    assert state.turn is not None
    return update(state, turn=Turn(state.turn.holder, state.turn.card, "ops", a.verb))


# --------------------------------------------------------------------------- end the turn


def check_end(scenario: Scenario, state: GameState, seat: int, a: EndTurn) -> Reason | None:
    return None if state.turn is not None and state.turn.done else Reason.NOT_DONE


def end_turn(scenario: Scenario, state: GameState, a: EndTurn, log: Log) -> GameState:
    log.append(L.TurnEnded(a.seat))
    return clock.end_turn(state)


def check_pass(scenario: Scenario, state: GameState, seat: int, a: PassTurn) -> Reason | None:
    if state.turn is None or state.turn.card:
        return Reason.WRONG_STAGE
    return Reason.HAS_CARDS if state.hands[seat] else None


def pass_turn(scenario: Scenario, state: GameState, a: PassTurn, log: Log) -> GameState:
    log.append(L.TurnPassed(a.seat))
    return clock.end_turn(state)
