"""The card flow: national interests dealt and kept, hands filled, headlines kept back and revealed, events
fired and their choices made, played cards retired.

None of these write the clock: the steps return their state and `rules.clock` moves the phase on.
"""

from __future__ import annotations

from rules import clock
from rules import log as L
from rules.effects import Context, apply_effects
from rules.errors import Reason
from rules.frame import Choose, KeepObjective
from rules.log import Log
from rules.rng import shuffled
from rules.scenario import CardDef, Scenario
from rules.state import GameState, PendingChoice, Phase, set_item, update

# --------------------------------------------------------------------------- deal (setup)


def step_deal(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """Offer each seat its national-interest cards (draw some, keep one)."""
    offers = []
    rng = state.rng
    for seat in state.seats:
        pool = tuple(o.id for o in scenario.objectives if not o.seats or seat in o.seats)
        picked, rng = shuffled(rng, pool)
        offer = tuple(sorted(picked[: scenario.rules.objective_offer]))
        offers.append(offer)
        log.append(L.ObjectivesOffered(seat, offer, seat))
    return update(state, offers=tuple(offers), rng=rng)


def to_keep(state: GameState, seat: int) -> bool:
    """Whether the seat still has a national interest to keep (rules §4.2: it keeps one at the start of its
    first sitting, before it plays a card)."""
    return state.objectives[seat] is None and bool(state.offers[seat])


def check_keep(scenario: Scenario, state: GameState, seat: int, a: KeepObjective) -> Reason | None:
    if a.objective not in state.offers[seat]:
        return Reason.NOT_OFFERED
    return None if state.objectives[seat] is None else Reason.WRONG_STAGE


def keep(scenario: Scenario, state: GameState, a: KeepObjective, log: Log) -> GameState:
    seat = state.seats.index(a.seat)
    log.append(L.ObjectiveKept(a.seat, a.objective, a.seat))
    return update(state, objectives=set_item(state.objectives, seat, a.objective))


# --------------------------------------------------------------------------- news (hands)


def step_news(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """Start the round: at an era's start add its cards and shuffle; deal round the table."""
    if state.round == 1:
        state = _start_era(scenario, state, log)
    log.append(L.RoundBegan(clock.era_number(scenario, state), state.round))
    state = _deal_round(scenario, state, log)
    log.append(L.HandsFilled(tuple((s, len(h)) for s, h in zip(state.seats, state.hands))))
    return state


def eras_in_deck(scenario: Scenario, seats: int, era: int) -> tuple[int, ...]:
    """The era numbers whose cards are in the deck during the game's era `era` (an index) at a table of
    `seats`: the eras so far (with any cards numbered before the first era), and as many of the next ones as it
    takes for the deck to hold a full hand and a kept-back headline for every seat (rules §5.2)."""
    eras = scenario.definition.eras
    earlier = sorted(n for n in scenario.cards_by_era if n < eras[0].number)
    numbers = earlier + [e.number for e in eras[: era + 1]]
    size = sum(len(scenario.cards_by_era.get(n, ())) for n in numbers)
    for later in eras[era + 1 :]:
        if size >= seats * (scenario.rules.hand_size + 1):
            break
        numbers.append(later.number)
        size += len(scenario.cards_by_era.get(later.number, ()))
    return tuple(numbers)


def deal_order(state: GameState) -> tuple[int, ...]:
    """The seats in dealing order: round the table from seat 1 in the first round, seat 2 in the second,
    and so on (rules §5.2)."""
    n = len(state.seats)
    first = (state.absolute_round - 1) % n
    return tuple((first + i) % n for i in range(n))


def _start_era(scenario: Scenario, state: GameState, log: Log) -> GameState:
    era = scenario.definition.eras[state.era]
    log.append(L.EraBegan(era.number, era.name))
    held = {c for hand in state.hands for c in hand} | {h for h in state.headlines if h} | set(state.removed)
    joined = eras_in_deck(scenario, len(state.seats), state.era)
    new = tuple(c for number in joined for c in scenario.cards_by_era.get(number, ()) if c not in held)
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


def _deal_round(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """Deal one card at a time round the table in `deal_order`, skipping full hands, until every hand
    holds the hand size or no card is left to draw."""
    hand_size = scenario.rules.hand_size
    order = deal_order(state)
    dealt: list[list[str]] = [[] for _ in state.seats]
    short = [i for i in order if len(state.hands[i]) < hand_size]
    while short:
        for seat in short:
            state, card = _draw(state, log)
            if card is None:
                short = []
                break
            dealt[seat].append(card)
        short = [i for i in short if len(state.hands[i]) + len(dealt[i]) < hand_size]
    for seat in order:
        log.append(L.CardsDealt(state.seats[seat], tuple(dealt[seat]), state.seats[seat]))
    hands = tuple(tuple(sorted(hand + tuple(cards))) for hand, cards in zip(state.hands, dealt))
    return update(state, hands=hands)


def _draw(state: GameState, log: Log) -> tuple[GameState, str | None]:
    """The top card of the draw pile (None: no card left anywhere). An empty pile is made again from the
    discards shuffled; with no discards either, from the removed cards shuffled: the news repeats."""
    if not state.draw_pile:
        if state.discard:
            cards, state = state.discard, update(state, discard=())
        elif state.removed:
            cards, state = state.removed, update(state, removed=())
        else:
            return state, None
        start = state.rng.counter
        pile, rng = shuffled(state.rng, tuple(sorted(cards)))
        log.append(L.DeckShuffled(len(pile), (start, rng.counter)))
        state = update(state, draw_pile=pile, rng=rng)
    return update(state, draw_pile=state.draw_pile[1:]), state.draw_pile[0]


# --------------------------------------------------------------------------- headlines: kept back, revealed


def step_keep_back(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """After the action phase (or a crisis that cut it short), each seat holding exactly one card puts it face
    down as its headline for the next round; at the end of the game's last round it is discarded instead."""
    lone = [(i, hand[0]) for i, hand in enumerate(state.hands) if len(hand) == 1]
    if not lone:
        return state
    hands = list(state.hands)
    for seat, _ in lone:
        hands[seat] = ()
    if clock.is_era_end(scenario, state) and clock.is_last_era(scenario, state):
        return update(state, hands=tuple(hands), discard=state.discard + tuple(card for _, card in lone))
    headlines = list(state.headlines)
    for seat, card in lone:
        headlines[seat] = card
        log.append(L.HeadlineKept(state.seats[seat]))
    return update(state, hands=tuple(hands), headlines=tuple(headlines))


def step_reveal(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """Reveal the headlines kept back last round and resolve them, highest ops first."""
    picks = [(i, c) for i, c in enumerate(state.headlines) if c]
    if picks:
        log.append(L.HeadlinesRevealed(tuple((state.seats[i], c) for i, c in picks)))
    picks.sort(key=lambda p: (-scenario.card(p[1]).ops, p[0]))
    state = update(state, reveal_queue=tuple(picks), headlines=(None,) * len(state.seats))
    return continue_reveal(scenario, state, log)


def continue_reveal(scenario: Scenario, state: GameState, log: Log) -> GameState:
    """Resolve queued headlines until the queue is empty, a choice waits, or a crisis ends the era."""
    while state.reveal_queue and state.choice is None and not state.era_over:
        (seat, card_id), rest = state.reveal_queue[0], state.reveal_queue[1:]
        state = update(state, reveal_queue=rest)
        card = scenario.card(card_id)
        log.append(L.CardPlayed(state.seats[seat], card_id, "headline"))
        state = retire(state, card, fired=True)
        # An event that favours a seat fires for that seat, whoever headlined it (as with ops).
        for_seat = state.seats.index(card.favours) if card.favours in state.seats else seat
        state = fire_event(scenario, state, card, for_seat, log, by=seat)
    return state


# --------------------------------------------------------------------------- events and choices


def can_play_event(state: GameState, seat: int, card: CardDef) -> bool:
    """A seat may play an event that favours nobody, itself, or a state no seat plays."""
    return not card.favours or card.favours == state.seats[seat] or card.favours not in state.seats


def retire(state: GameState, card: CardDef, fired: bool) -> GameState:
    """Send a played card to the removed pile (a once-only event that fired) or the discards."""
    if fired and card.once:
        return update(state, removed=state.removed + (card.id,))
    return update(state, discard=state.discard + (card.id,))


def fire_event(
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


def check_choose(scenario: Scenario, state: GameState, seat: int, a: Choose) -> Reason | None:
    if state.choice is None:
        return Reason.WRONG_STAGE
    choice = scenario.card(state.choice.card).choice
    assert choice is not None
    return None if any(o.id == a.option for o in choice.options) else Reason.BAD_OPTION


def choose(scenario: Scenario, state: GameState, a: Choose, log: Log) -> GameState:
    """Resolve the chosen option; a choice made while headlines are revealed resumes the reveal."""
    assert state.choice is not None
    pending = state.choice
    card = scenario.card(pending.card)
    assert card.choice is not None
    option = next(o for o in card.choice.options if o.id == a.option)
    log.append(L.OptionChosen(a.seat, card.id, option.id))
    ctx = Context(player=pending.player, favoured=card.favours, chooser=card.choice.state, card=card.id)
    state = apply_effects(scenario, update(state, choice=None), option.effects, ctx, log)
    if state.phase == Phase.REVEAL:
        state = clock.step_done(scenario, continue_reveal(scenario, state, log))
    return state
