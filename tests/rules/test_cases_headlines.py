"""Rule cases 019-026: headline picks, reveal and card choices (rules §5.3, §6.7, §6.8)."""

from __future__ import annotations

from attrs import evolve

from rules import legal_actions, player_view, why_illegal
from rules.action import Choose, PickHeadline, PlaceInfluence, PlayCard, PlayEvent
from rules.log import is_visible
from rules.scenario import Scenario
from rules.state import ENGINE, GameState
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


def _headline(sc: Scenario, alpha_hand: tuple[str, ...], beta_hand: tuple[str, ...]) -> GameState:
    """A game waiting for headline picks with the given hands (alpha picks first)."""
    st = at_engine_step(fresh(sc), "headline", hands=(alpha_hand, beta_hand), objectives=("", ""))
    return evolve(st, to_act=ALPHA)


def test_case_019_a_headline_pick_is_secret_until_the_reveal():
    """rules §5.3: each seat picks a headline card in secret.
    Setup: headline phase, alpha holds c1 and c6. Actions: alpha picks c6.
    Expect: beta's view shows a hidden pick; the public log entry names no card; beta is to pick next."""
    sc = mini()
    st = _headline(sc, ("c1", "c6"), ("c2", "c5"))
    st, log = play(sc, st, PickHeadline("alpha", "c6"))
    assert player_view(st, "beta").headlines[ALPHA] == ""
    assert player_view(st, "alpha").headlines[ALPHA] == "c6"
    assert kinds(log) == ["headline_picked"] and is_visible(log[0], "beta")
    assert "c6" not in str(log[0])
    assert st.to_act == BETA


def test_case_020_a_seat_picks_only_one_headline():
    """rules §5.3: each seat picks one headline card.
    Setup: headline phase; alpha has picked. Actions: alpha tries a second pick (out of turn), beta a card it lacks.
    Expect: not_your_turn for alpha; not_in_hand for beta."""
    sc = mini()
    st, _ = play(sc, _headline(sc, ("c1", "c6"), ("c2", "c5")), PickHeadline("alpha", "c6"))
    assert why_illegal(sc, st, PickHeadline("alpha", "c1")) == "not_your_turn"
    assert why_illegal(sc, st, PickHeadline("beta", "c1")) == "not_in_hand"


def test_case_021_headlines_resolve_highest_ops_first():
    """rules §6.7: reveal and resolve in order; the order is highest ops first.
    Setup: alpha picks c6 (1 op, oil +2), beta picks c1 (2 ops, tension +1). Actions: both pick, the engine reveals.
    Expect: beta's c1 resolves before alpha's c6; then the action phase starts."""
    sc = mini()
    st = _headline(sc, ("c6",), ("c1",))
    st, _ = play(sc, st, PickHeadline("alpha", "c6"), PickHeadline("beta", "c1"))
    assert st.to_act == ENGINE and st.phase == "reveal"
    st, log = run_engine(sc, st)
    played = [e.card for e in entries(log, "card_played")]
    assert played == ["c1", "c6"]
    assert st.tension == 3 and st.phase == "actions"


def test_case_022_equal_ops_headlines_resolve_in_seat_order():
    """rules §6.7: resolve in order; decided: on equal ops, seat order.
    Setup: alpha picks c2 (3 ops), beta picks c8 (3 ops). Actions: picks, reveal.
    Expect: alpha's c2 resolves first."""
    sc = mini()
    st = _headline(sc, ("c2",), ("c8",))
    st, log = play(sc, st, PickHeadline("alpha", "c2"), PickHeadline("beta", "c8"))
    st, log = run_engine(sc, st)
    assert [e.card for e in entries(log, "card_played")] == ["c2", "c8"]


def test_case_023_a_rival_headline_fires_for_the_seat_it_favours():
    """rules §6.6, §6.7 (the Twilight Struggle dilemma) applied to headlines; decided: an event that favours a
    seat always fires for that seat, whoever puts it on the table — as it does when played for ops.
    Setup: alpha headlines c3 (favours beta: +2 influence in gamma for the player); beta headlines c6.
    Actions: picks, reveal. Expect: beta, not alpha, gains 2 influence in gamma."""
    sc = mini()
    st = _headline(sc, ("c3",), ("c6",))
    st, _ = play(sc, st, PickHeadline("alpha", "c3"), PickHeadline("beta", "c6"))
    st, log = run_engine(sc, st)
    assert st.influence[BETA][2] == 2 and st.influence[ALPHA][2] == 0
    assert entries(log, "event_fired")[0].for_seat == "beta"


def test_case_024_a_seated_chooser_decides_during_the_reveal():
    """rules §6.8: a card has an optional choice for the affected seat.
    Setup: beta headlines c4 (a_b throttled; alpha chooses: +1 budget or call a summit); alpha headlines c6.
    Actions: picks, reveal. Expect: the reveal waits for alpha, who may only choose; choosing x gives alpha
    +1 budget, then the remaining headline resolves and the action phase starts."""
    sc = mini()
    st = _headline(sc, ("c6",), ("c4",))
    st, _ = play(sc, st, PickHeadline("alpha", "c6"), PickHeadline("beta", "c4"))
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
