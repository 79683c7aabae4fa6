"""Dealing at every table size (rules §5.2): a seeded 9-seat game deals every seat a full hand every round,
and a property test over random tables, hands and decks checks what one deal round the table allows."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from game.bots import make_bot
from game.content_files import load_scenario
from rules import apply, legal_actions, new_game, player_view
from rules import log as L
from rules.action import Action, Advance, PassTurn
from rules.cards import deal_order
from rules.scenario import Scenario
from tests.rules.helpers import at_engine_step


@cache
def full() -> Scenario:
    return load_scenario("caspian-2024")


def nine_seats(scenario: Scenario) -> tuple[str, ...]:
    return tuple(s.id for s in scenario.states if s.seatable)[:9]


def test_a_nine_seat_game_deals_every_seat_a_full_hand_every_round() -> None:
    sc = full()
    seats = nine_seats(sc)
    assert len(seats) == 9
    bots = {seat: make_bot("random", seat, i) for i, seat in enumerate(seats)}
    state = new_game(sc, 3, seats)
    fills, passes = [], 0
    while state.outcome is None:
        action: Action = Advance()
        if state.to_act >= 0:
            seat = seats[state.to_act]
            action = bots[seat].choose(sc, player_view(state, seat), legal_actions(sc, state)).action
        passes += isinstance(action, PassTurn)
        state, entries = apply(sc, state, action)
        fills += [dict(e.counts) for e in entries if isinstance(e, L.HandsFilled)]
    assert len(fills) == state.absolute_round
    assert all(fill == {seat: sc.rules.hand_size for seat in seats} for fill in fills)
    assert passes == 0


@st.composite
def tables(draw: st.DrawFn) -> tuple[object, ...]:
    """A table of 2-9 seats at a round's news: hands of 0 to hand-size cards, the other cards split at
    random between the draw pile, the discards, the removed cards and out of play."""
    sc = full()
    count = draw(st.integers(2, 9))
    cards = list(draw(st.permutations([c.id for c in sc.cards])))
    hands = []
    for _ in range(count):
        size = draw(st.integers(0, sc.rules.hand_size))
        hands.append(tuple(sorted(cards[:size])))
        del cards[:size]
    cuts = sorted(draw(st.lists(st.integers(0, len(cards)), min_size=3, max_size=3)))
    piles = (tuple(cards[: cuts[0]]), tuple(cards[cuts[0] : cuts[1]]), tuple(cards[cuts[1] : cuts[2]]))
    return count, tuple(hands), piles, draw(st.integers(1, 12))


@settings(max_examples=150, deadline=None)
@given(tables())
def test_one_deal_fills_every_hand_or_spreads_the_shortfall_round_the_table(table: tuple) -> None:
    """After a deal: no hand loses a card or passes the hand size; a hand is left short only when no card
    is left to draw; and a seat left short was dealt at most one card fewer than any other, one fewer
    only than seats dealt before it in the round's deal order."""
    count, hands, (pile, discard, removed), round_ = table
    sc = full()
    size = sc.rules.hand_size
    state = new_game(sc, 1, nine_seats(sc)[:count])
    state = at_engine_step(
        state, "news", round=2, absolute_round=round_, hands=hands, draw_pile=pile, discard=discard, removed=removed
    )
    after, _ = apply(sc, state, Advance())
    dealt = [len(a) - len(b) for a, b in zip(after.hands, hands)]
    assert all(set(b) <= set(a) and len(a) <= size for a, b in zip(after.hands, hands))
    short = [i for i in range(count) if len(after.hands[i]) < size]
    if short:
        assert after.draw_pile == after.discard == after.removed == ()
    order = deal_order(state)
    for i in short:
        for j in range(count):
            assert dealt[j] <= dealt[i] + 1
            if dealt[j] == dealt[i] + 1:
                assert order.index(j) < order.index(i)
