"""Rule cases 019-026 and 179-183: headlines kept back, revealed and resolved, and card choices (rules §5.3,
§6.7, §6.8)."""

from __future__ import annotations

from attrs import evolve

from rules import legal_actions, player_view, why_illegal
from rules.action import (
    Advance,
    ApplyPressure,
    Choose,
    EndTurn,
    PlaceInfluence,
    PlayCard,
    PlayEvent,
)
from rules.log import is_visible
from rules.state import ENGINE
from tests.rules.helpers import (
    ALPHA,
    BETA,
    at_actions,
    at_engine_step,
    entries,
    fresh,
    kinds,
    link_of,
    mini,
    mini_plus,
    play,
    run_engine,
    use_ops,
)


def test_case_019_a_kept_back_headline_is_secret_until_the_reveal():
    """rules §5.3: after the action phase a seat holding exactly one card puts it face down as its headline.
    Setup: the step after the action phase; alpha holds c6, beta holds c2 and c5. Actions: the engine's step.
    Expect: alpha's headline is c6, beta's view shows it hidden; the public log entry names no card; beta,
    holding two cards, keeps none back and keeps its hand; then the flows."""
    sc = mini()
    st = at_engine_step(fresh(sc), "headline", hands=(("c6",), ("c2", "c5")))
    st, log = play(sc, st, Advance())
    assert st.headlines == ("c6", None) and st.hands == ((), ("c2", "c5"))
    assert player_view(st, "beta").headlines[ALPHA] == ""
    assert player_view(st, "alpha").headlines[ALPHA] == "c6"
    assert kinds(log) == ["headline_kept"] and is_visible(log[0], "beta")
    assert "c6" not in str(log[0])
    assert st.phase == "flows"


def test_case_020_a_seat_with_no_card_keeps_no_headline_and_nobody_picks_one():
    """rules §5.3: nobody picks; a seat holding no card has no headline next round.
    Setup: the step after the action phase, both hands empty. Actions: the engine's step.
    Expect: no headline, nothing logged; no seat is ever asked to decide a headline (the engine acts)."""
    sc = mini()
    st = at_engine_step(fresh(sc), "headline", hands=((), ()))
    assert legal_actions(sc, st) == (Advance(),)
    st, log = play(sc, st, Advance())
    assert st.headlines == (None, None) and log == []


def test_case_021_headlines_resolve_highest_ops_first():
    """rules §6.7: reveal and resolve in order; the order is highest ops first.
    Setup: the reveal; alpha kept back c6 (1 op, oil +2), beta c1 (2 ops, tension +1). Actions: the engine reveals.
    Expect: beta's c1 resolves before alpha's c6; then the action phase starts."""
    sc = mini()
    st = at_engine_step(fresh(sc), "reveal", headlines=("c6", "c1"), hands=((), ()))
    st, log = run_engine(sc, st)
    played = [e.card for e in entries(log, "card_played")]
    assert played == ["c1", "c6"]
    assert st.tension == 3 and st.phase == "actions"


def test_case_022_equal_ops_headlines_resolve_in_seat_order():
    """rules §6.7: resolve in order; decided: on equal ops, seat order.
    Setup: the reveal; alpha's headline c2 (3 ops), beta's c8 (3 ops). Actions: the reveal.
    Expect: alpha's c2 resolves first."""
    sc = mini()
    st = at_engine_step(fresh(sc), "reveal", headlines=("c2", "c8"), hands=((), ()))
    st, log = run_engine(sc, st)
    assert [e.card for e in entries(log, "card_played")] == ["c2", "c8"]


def test_case_023_a_rival_headline_fires_for_the_seat_it_favours():
    """rules §6.6, §6.7 (the Twilight Struggle dilemma) applied to headlines; decided: an event that favours a
    seat always fires for that seat, whoever puts it on the table — as it does when played for ops.
    Setup: alpha's headline c3 (favours beta: +2 influence in gamma for the player); beta's c6.
    Actions: the reveal. Expect: beta, not alpha, gains 2 influence in gamma."""
    sc = mini()
    st = at_engine_step(fresh(sc), "reveal", headlines=("c3", "c6"), hands=((), ()))
    st, log = run_engine(sc, st)
    assert st.influence[BETA][2] == 2 and st.influence[ALPHA][2] == 0
    assert entries(log, "event_fired")[0].for_seat == "beta"


def test_case_024_a_seated_chooser_decides_during_the_reveal():
    """rules §6.8: a card has an optional choice for the affected seat.
    Setup: beta's headline c4 (a_b throttled; alpha chooses: +1 budget or call a summit); alpha's c6.
    Actions: the reveal. Expect: the reveal waits for alpha, who may only choose; choosing x gives alpha
    +1 budget, then the remaining headline resolves and the action phase starts."""
    sc = mini()
    st = at_engine_step(fresh(sc), "reveal", headlines=("c6", "c4"), hands=((), ()))
    st, log = run_engine(sc, st)
    assert st.to_act == ALPHA and st.choice is not None
    assert link_of(sc, st, "a_b").status == "throttled"
    assert legal_actions(sc, st) == (Choose("alpha", "x"), Choose("alpha", "y"))
    assert why_illegal(sc, st, Choose("alpha", "z")) == "bad_option"
    budget = st.budget[ALPHA]
    st, log = play(sc, st, Choose("alpha", "x"))
    assert st.budget[ALPHA] == budget + 1
    assert "c6" in [e.card for e in entries(log, "card_played")]
    assert st.phase == "actions"


def test_case_025_a_non_player_chooser_takes_the_first_option():
    """rules §6.8, §15.4: the choice belongs to the affected state; a non-player state takes its first option.
    Setup: alpha plays c9 as an event (gamma chooses: oil +1 first, oil -1 second).
    Actions: PlayCard, PlayEvent. Expect: no choice waits; the oil price rises by 1."""
    sc = mini_plus()
    st = at_actions(sc, hands={"alpha": ("c9",)})
    oil = sc.commodity_index["oil"]
    price = st.prices[oil]
    st, log = play(sc, st, PlayCard("alpha", "c9"), PlayEvent("alpha"))
    assert st.choice is None and st.prices[oil] == price + 1
    assert entries(log, "option_chosen")[0].option == "up"


def test_case_026_ops_on_a_neutral_card_offer_no_choice():
    """rules §6.5, §6.6: only a card whose event favours another seat fires when played for ops.
    Setup: beta holds c4 (neutral; its event throttles a_b and asks alpha to choose).
    Actions: beta plays c4 for influence in gamma. Expect: no event, no choice waiting, a_b still built."""
    sc = mini()
    st = at_actions(sc, "beta", hands={"beta": ("c4",)})
    st, log = use_ops(sc, st, "beta", "c4", "influence", PlaceInfluence("beta", "gamma"))
    assert st.choice is None and "event_fired" not in kinds(log)
    assert link_of(sc, st, "a_b").status == "built"


def test_case_179_the_first_round_of_the_game_has_no_headlines():
    """rules §5.1, §5.3: the first round of the game has no headlines.
    Setup: a new mini game. Actions: the deal, the news and the reveal.
    Expect: nothing is revealed (and no empty reveal logged), no card is played, the first turn has full hands."""
    sc = mini()
    st, log = run_engine(sc, fresh(sc))
    assert "headlines_revealed" not in kinds(log) and "card_played" not in kinds(log)
    assert st.phase == "actions" and [len(h) for h in st.hands] == [3, 3]


def test_case_180_the_card_left_after_two_turns_is_the_next_rounds_headline():
    """rules §5.3: the card you keep back is decided by the two you play; it resolves at the next reveal.
    Setup: round 1 of era one, alpha's last turn holding c1 and c6 (beta has no turn left, no card).
    Actions: alpha plays c1 for influence and ends its turn; the engine runs on to round 2's reveal.
    Expect: c6 is alpha's headline after the action phase; round 2's news fills alpha's hand to 3 with other
    cards; the reveal plays c6 as alpha's headline (oil +2)."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c1", "c6"), "beta": ()}, draw_pile=("c2", "c3", "c4", "c5", "c7", "c8"))
    st = evolve(st, queue=(ALPHA,))
    st, _ = use_ops(sc, st, "alpha", "c1", "influence", PlaceInfluence("alpha", "gamma"))
    st, _ = play(sc, st, EndTurn("alpha"))
    st, _ = play(sc, st, Advance())
    assert st.headlines == ("c6", None) and st.hands[ALPHA] == ()
    oil = sc.commodity_index["oil"]
    price = st.prices[oil]
    st, log = run_engine(sc, st)
    assert st.round == 2 and len(st.hands[ALPHA]) == 3 and "c6" not in st.hands[ALPHA]
    assert [(e.seat, e.card, e.use) for e in entries(log, "card_played")] == [("alpha", "c6", "headline")]
    assert st.prices[oil] == price + 2 and st.headlines == (None, None)


def test_case_181_a_headline_kept_at_an_eras_end_resolves_in_the_next_era():
    """rules §5.3: a headline kept back at the end of an era's last round resolves at the next era's first round.
    Setup: round 2, the last of era one (of two), after the action phase: alpha holds c6. Actions: the engine runs.
    Expect: the summit ends era one; era two's shuffle leaves c6 out of the deck; its first reveal plays c6."""
    sc = mini()
    st = at_engine_step(fresh(sc), "headline", round=2, absolute_round=2, hands=(("c6",), ()))
    st, log = run_engine(sc, st)
    assert "summit_held" in kinds(log) and (st.era, st.round) == (1, 1)
    assert "c6" not in st.draw_pile and "c6" not in st.discard[:-1]
    assert [(e.seat, e.card) for e in entries(log, "card_played")] == [("alpha", "c6")]


def test_case_182_a_headline_kept_at_the_end_of_the_game_is_discarded():
    """rules §5.3: one kept back at the end of the game is discarded.
    Setup: round 2 of era two, the game's last round, after the action phase: alpha holds c6.
    Actions: the engine's step. Expect: no headline, nothing logged for it; c6 in the discards."""
    sc = mini()
    st = at_engine_step(fresh(sc), "headline", era=1, round=2, absolute_round=4, hands=(("c6",), ()))
    st, log = play(sc, st, Advance())
    assert st.headlines == (None, None) and st.hands[ALPHA] == () and "c6" in st.discard
    assert "headline_kept" not in kinds(log)


def test_case_183_after_a_crisis_only_a_seat_left_with_one_card_keeps_a_headline():
    """rules §5.3, §10.3: a crisis cuts the round short; a seat holding more than one card has no headline, one
    holding exactly one keeps it back for the next era's first round.
    Setup: tension 5, alpha's turn holding c1 and c6, beta holding c2, c5 and c7. Actions: alpha throttles a_e
    with c1 (a crisis); the engine's step.
    Expect: alpha keeps c6 back as its headline; beta, with three cards, none; then the summit."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c1", "c6"), "beta": ("c2", "c5", "c7")}, state=evolve(fresh(sc), tension=5))
    st, log = use_ops(sc, st, "alpha", "c1", "pressure", ApplyPressure("alpha", "throttle", "a_e"))
    assert "crisis_erupted" in kinds(log) and st.phase == "headline" and st.to_act == ENGINE
    st, _ = play(sc, st, Advance())
    assert st.headlines == ("c6", None) and st.hands[BETA] == ("c2", "c5", "c7")
    assert st.phase == "summit"
