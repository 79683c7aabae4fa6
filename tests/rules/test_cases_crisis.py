"""Rule cases 085-091: the tension track and the crisis (rules §10)."""

from __future__ import annotations

from attrs import evolve

from rules import legal_actions
from rules.action import Advance, ApplyPressure, PlaceInfluence
from rules.state import ENGINE
from tests.rules.helpers import (
    BETA,
    at_actions,
    at_engine_step,
    entries,
    fresh,
    kinds,
    mini,
    mini_plus,
    play,
    run_engine,
    use_ops,
)


def _crisis(sc, st):  # type: ignore[no-untyped-def]
    """Alpha, with tension at 5, throttles a_e (+1 tension): a crisis."""
    st = at_actions(sc, hands={"alpha": ("c1", "c6")}, state=evolve(st, tension=5))
    return use_ops(sc, st, "alpha", "c1", "pressure", ApplyPressure("alpha", "throttle", "a_e"))


def test_case_085_a_crisis_ends_the_era_at_once_and_costs_its_cause():
    """rules §10.3: at 6 a crisis ends the era at once and costs whoever caused it (2 points, 1 credibility).
    Setup: tension 5, round 1 of era one, beta still has a turn queued. Actions: alpha throttles a_e.
    Expect: crisis logged against alpha; alpha -2 points, credibility 2; tension resets to 4; no turn is left:
    the engine's next step keeps back the headlines (rules §5.3), then the summit."""
    sc = mini()
    st, log = _crisis(sc, fresh(sc))
    assert entries(log, "crisis_erupted")[0].by == "alpha"
    assert st.vp == (-2, 0) and st.credibility == (2, 3) and st.tension == 4
    assert st.phase == "headline" and st.to_act == ENGINE and st.queue == () and st.turn is None
    assert legal_actions(sc, st) == (Advance(),)
    st, _ = play(sc, st, Advance())
    assert st.phase == "summit"


def test_case_086_after_a_crisis_the_next_era_begins():
    """rules §10.3: the crisis ends the era — even in its first round.
    Setup: the crisis of case 085 in round 1 of era one (of two). Actions: the engine's summit and cleanup.
    Expect: no flows this round; era two starts at round 1; the crisis flag is cleared."""
    sc = mini()
    st, _ = _crisis(sc, fresh(sc))
    st, log = run_engine(sc, st)
    assert "flows_routed" not in kinds(log) and "summit_held" in kinds(log)
    assert (st.era, st.round, st.era_over) == (1, 1, False)


def test_case_087_a_crisis_in_the_last_era_ends_the_game():
    """rules §10.3, §14.3: the era ends at once; after the last era's summit the game is over.
    Setup: the last era (era two of two), round 1; tension 5. Actions: alpha throttles a_e; the engine's summit.
    Expect: the game ends with reason final."""
    sc = mini()
    st, _ = _crisis(sc, evolve(fresh(sc), era=1, absolute_round=3))
    st, _ = run_engine(sc, st)
    assert st.outcome is not None and st.outcome.reason == "final"


def test_case_088_a_headline_crisis_drops_the_headlines_still_to_resolve():
    """rules §10.3, §6.7: the era ends at once — remaining headlines do not resolve.
    Setup: tension 5; beta's headline c1 (2 ops, tension +1), alpha's c6 (1 op, oil +2). Actions: the reveal.
    Expect: crisis charged to beta; oil price unchanged; c6 in the discards; the headlines are kept back next."""
    sc = mini()
    st = at_engine_step(fresh(sc), "reveal", headlines=("c6", "c1"), hands=((), ()), tension=5)
    oil = sc.commodity_index["oil"]
    price = st.prices[oil]
    st, log = play(sc, st, Advance())
    assert entries(log, "crisis_erupted")[0].by == "beta" and st.vp == (0, -2)
    assert st.prices[oil] == price and "c6" in st.discard
    assert st.phase == "headline"


def test_case_089_a_rival_event_played_for_ops_is_charged_to_the_player():
    """rules §10.4: a crisis costs whoever caused it. Decided: a seat that plays a card whose event favours a
    rival sets that event off, so a crisis it raises is charged to the seat that played the card (as in
    Twilight Struggle), not to the rival it favours. The same for a rival's card put up as a headline.
    Setup: tension 4; alpha holds c10 (2 ops; favours beta; tension +2). Actions: alpha plays c10 for influence.
    Expect: the crisis costs alpha 2 points and 1 credibility; beta loses nothing."""
    sc = mini_plus()
    st = at_actions(sc, hands={"alpha": ("c10",)}, state=evolve(fresh(sc), tension=4))
    st, log = use_ops(sc, st, "alpha", "c10", "influence", PlaceInfluence("alpha", "gamma"))
    assert entries(log, "crisis_erupted")[0].by == "alpha"
    assert st.vp == (-2, 0) and st.credibility == (2, 3)


def test_case_090_a_rival_headline_crisis_is_charged_to_the_seat_that_headlined_it():
    """rules §10.4 with case 089's decision, for headlines.
    Setup: tension 4; alpha's headline c10 (favours beta; tension +2), beta's c6. Actions: the reveal.
    Expect: the crisis is charged to alpha."""
    sc = mini_plus()
    st = at_engine_step(fresh(sc), "reveal", headlines=("c10", "c6"), hands=((), ()), tension=4)
    st, log = play(sc, st, Advance())
    assert entries(log, "crisis_erupted")[0].by == "alpha" and st.vp[BETA] == 0


def test_case_091_tension_below_the_crisis_level_is_only_a_number():
    """rules §10.1, §10.3: the shared tension track runs 1-6; only reaching 6 sets off a crisis.
    Setup: tension 4. Actions: alpha sanctions beta (+1). Expect: tension 5, no crisis, the round goes on."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c1",)}, state=evolve(fresh(sc), tension=4))
    st, log = use_ops(sc, st, "alpha", "c1", "pressure", ApplyPressure("alpha", "sanction", "beta"))
    assert st.tension == 5 and not entries(log, "crisis_erupted") and st.phase == "actions"
