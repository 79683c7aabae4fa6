"""Rule cases 184-190: dealing the hands round the table, and a deck scaled to the seats (rules §4.3, §5.2, §6.2)."""

from __future__ import annotations

from attrs import evolve

from rules import apply
from rules.action import Advance
from rules.cards import eras_in_deck
from rules.scenario import Scenario
from tests.rules.helpers import ALPHA, BETA, at_engine_step, entries, fresh, mini

PILE = ("c1", "c2", "c3", "c4", "c5", "c6")


def news(scenario: Scenario, round_: int, **fields: object) -> tuple:
    """The engine's news step in the era's round `round_` (not its first, so no era begins)."""
    state = at_engine_step(fresh(scenario), "news", round=2, absolute_round=round_, **fields)
    return apply(scenario, state, Advance())


def with_eras(later: tuple[str, ...], hand_size: int = 3) -> Scenario:
    """The mini scenario with the cards `later` moved to its era 2, and hands of `hand_size`."""
    base = mini()
    cards = tuple(evolve(c, era=2) if c.id in later else c for c in base.cards)
    definition = evolve(base.definition, rules=evolve(base.definition.rules, hand_size=hand_size))
    return Scenario(definition, base.world, cards)


def test_case_184_cards_are_dealt_one_at_a_time_round_the_table():
    """rules §5.2: the cards are dealt one at a time round the table.
    Setup: round 1 of the game (absolute round 1), both hands empty, a known draw pile of 6. Actions: news.
    Expect: alpha takes the 1st, 3rd and 5th cards, beta the 2nd, 4th and 6th; the pile is empty."""
    sc = mini()
    st, log = news(sc, 1, hands=((), ()), draw_pile=PILE)
    assert st.hands[ALPHA] == ("c1", "c3", "c5") and st.hands[BETA] == ("c2", "c4", "c6")
    assert st.draw_pile == ()
    assert [(e.seat, e.cards) for e in entries(log, "cards_dealt")] == [
        ("alpha", ("c1", "c3", "c5")),
        ("beta", ("c2", "c4", "c6")),
    ]


def test_case_185_the_first_seat_dealt_moves_on_each_round():
    """rules §5.2: the deal starts from seat 1 in the first round, seat 2 in the second, and so on.
    Setup: the game's second round (absolute round 2), both hands empty, the same pile. Actions: news.
    Expect: beta takes the 1st, 3rd and 5th cards and is logged first; alpha the others."""
    sc = mini()
    st, log = news(sc, 2, hands=((), ()), draw_pile=PILE)
    assert st.hands[BETA] == ("c1", "c3", "c5") and st.hands[ALPHA] == ("c2", "c4", "c6")
    assert [e.seat for e in entries(log, "cards_dealt")] == ["beta", "alpha"]


def test_case_186_a_short_deck_leaves_every_hand_within_one_card():
    """rules §5.2: a full hand is skipped; when the cards run out, no hand is short by more than one more
    card than another's.
    Setup: absolute round 2; alpha holds 1 card, beta none; 3 cards in the pile, no discards or removed
    cards. Actions: news.
    Expect: beta takes 2 cards and alpha 1: both hold 2 (hand size 3), and no card is left."""
    sc = mini()
    st, _ = news(sc, 2, hands=(("c8",), ()), draw_pile=("c1", "c2", "c3"), discard=(), removed=())
    assert st.hands == (("c2", "c8"), ("c1", "c3"))
    assert st.draw_pile == () and st.discard == () and st.removed == ()


def test_case_187_the_discards_are_shuffled_in_before_the_removed_cards():
    """rules §6.2: when the draw pile runs out, the discards are shuffled into a new pile.
    Setup: alpha's hand full, beta's empty; no draw pile; 3 discards and 3 removed cards. Actions: news.
    Expect: beta holds the 3 discards; the removed cards stay removed; one shuffle logged."""
    sc = mini()
    hands = (("c7", "c8", "c6"), ())
    st, log = news(sc, 2, hands=hands, draw_pile=(), discard=("c1", "c2", "c3"), removed=("c4", "c5"))
    assert st.hands[BETA] == ("c1", "c2", "c3")
    assert st.removed == ("c4", "c5") and st.discard == ()
    assert [e.cards for e in entries(log, "deck_shuffled")] == [3]


def test_case_188_with_no_discards_the_removed_cards_come_back():
    """rules §6.2: with no draw pile and no discards, the removed cards are shuffled into a new pile (the
    news repeats).
    Setup: both hands empty; no draw pile, no discards; 6 removed cards. Actions: news.
    Expect: the 6 are dealt, 3 to each seat; none is removed any more; one shuffle of 6 logged."""
    sc = mini()
    st, log = news(sc, 1, hands=((), ()), draw_pile=(), discard=(), removed=PILE)
    assert sorted(st.hands[ALPHA] + st.hands[BETA]) == list(PILE)
    assert [len(h) for h in st.hands] == [3, 3] and st.removed == ()
    assert [e.cards for e in entries(log, "deck_shuffled")] == [6]


def test_case_189_the_next_eras_cards_join_when_the_deck_cannot_fill_the_hands():
    """rules §4.3: at an era's start, when the cards of the eras so far number fewer than (hand size + the
    kept-back headline) x seats, the next era's cards join the deck now.
    Setup: the mini scenario with 4 cards in era 1 and 4 in era 2; two seats, hand size 3 ((3 + 1) x 2 > 4).
    Actions: the engine's steps to the first headline.
    Expect: the deck holds eras 1 and 2 from the start; every seat holds 3 cards; all 8 cards are in play."""
    sc = with_eras(("c5", "c6", "c7", "c8"))
    assert eras_in_deck(sc, 2, 0) == (1, 2) and eras_in_deck(sc, 2, 1) == (1, 2)
    st = at_engine_step(fresh(sc), "news", objectives=("o1", "o2"))
    st, _ = apply(sc, st, Advance())
    assert [len(h) for h in st.hands] == [3, 3]
    assert sorted(st.hands[ALPHA] + st.hands[BETA] + st.draw_pile) == [f"c{i}" for i in range(1, 9)]


def test_case_190_an_era_that_can_fill_the_hands_keeps_its_own_cards():
    """rules §4.3: the next era's cards wait for their era when the eras so far fill every hand and every
    kept-back headline.
    Setup: the mini scenario with 6 cards in era 1 and 2 in era 2; two seats, hand size 2 ((2 + 1) x 2 = 6).
    Actions: the engine's news step of the first round.
    Expect: the deck holds era 1 only; the era 2 cards are nowhere yet. With hand size 3 ((3 + 1) x 2 > 6)
    era 2 joins at once."""
    assert eras_in_deck(with_eras(("c7", "c8")), 2, 0) == (1, 2)
    sc = with_eras(("c7", "c8"), hand_size=2)
    assert eras_in_deck(sc, 2, 0) == (1,) and eras_in_deck(sc, 2, 1) == (1, 2)
    st = at_engine_step(fresh(sc), "news", objectives=("o1", "o2"))
    st, _ = apply(sc, st, Advance())
    in_play = set(st.hands[ALPHA] + st.hands[BETA] + st.draw_pile)
    assert in_play == {f"c{i}" for i in range(1, 7)}
