"""Rule cases 027-034: influence and control (rules §7.1, §11.2, §11.3, §15.2)."""

from __future__ import annotations

from rules import legal_actions, why_illegal
from rules.action import Advance, PlaceInfluence, PlayCard, UseOps
from rules.board import controller, controlling_seat
from tests.rules.helpers import (
    ALPHA,
    BETA,
    at_actions,
    at_engine_step,
    entries,
    fresh,
    idx,
    mini,
    play,
    use_ops,
    with_influence,
    with_members,
)


def test_case_027_one_op_places_one_influence():
    """rules §7.1: add influence in a state.
    Setup: alpha holds c1 (2 ops); nobody controls gamma. Actions: c1 for influence in gamma.
    Expect: alpha has 2 influence in gamma."""
    sc = mini()
    st, _ = use_ops(
        sc, at_actions(sc, hands={"alpha": ("c1",)}), "alpha", "c1", "influence", PlaceInfluence("alpha", "gamma")
    )
    assert st.influence[ALPHA][idx(sc, "gamma")] == 2


def test_case_028_control_needs_a_lead_of_at_least_the_stability():
    """rules §11.2: a seat controls a state when its influence leads by at least that state's stability.
    Setup: gamma has stability 2; alpha 3 and beta 2 there, then alpha 4 and beta 2.
    Expect: a lead of 1 controls nothing; a lead of exactly 2 controls, and the log says so when it changes."""
    sc = mini()
    g = idx(sc, "gamma")
    st = with_influence(sc, with_influence(sc, fresh(sc), "alpha", "gamma", 3), "beta", "gamma", 2)
    assert controlling_seat(st, g) == -1
    st = at_actions(sc, hands={"alpha": ("c6",)}, state=st)
    st, log = use_ops(sc, st, "alpha", "c6", "influence", PlaceInfluence("alpha", "gamma"))
    assert controlling_seat(st, g) == ALPHA
    assert entries(log, "control_changed")[0].controller == "alpha"


def test_case_029_influence_costs_double_where_a_rival_controls():
    """rules §7.1: cost doubles where a rival controls the state.
    Setup: alpha controls its home (4 influence, stability 2); beta holds c1 (2 ops) and c6 (1 op).
    Actions: c6 then c1 for influence in alpha. Expect: 1 op is too costly; 2 ops buy 1 point."""
    sc = mini()
    st = at_actions(sc, "beta", hands={"beta": ("c1", "c6")})
    st1, _ = play(sc, st, PlayCard("beta", "c6"), UseOps("beta", "influence"))
    assert why_illegal(sc, st1, PlaceInfluence("beta", "alpha")) == "too_costly"
    assert PlaceInfluence("beta", "alpha") not in legal_actions(sc, st1)
    st2, _ = use_ops(sc, st, "beta", "c1", "influence", PlaceInfluence("beta", "alpha"))
    assert st2.influence[BETA][idx(sc, "alpha")] == 1


def test_case_030_no_double_cost_in_your_own_controlled_state():
    """rules §7.1: only a rival's control doubles the cost.
    Setup: alpha (controls its home) holds c1 (2 ops). Actions: c1 for influence in alpha.
    Expect: 2 points placed."""
    sc = mini()
    st, _ = use_ops(
        sc, at_actions(sc, hands={"alpha": ("c1",)}), "alpha", "c1", "influence", PlaceInfluence("alpha", "alpha")
    )
    assert st.influence[ALPHA][idx(sc, "alpha")] == 6


def test_case_031_influence_is_capped():
    """rules §3.2, §7.1: influence is a number per (seat, state); the scenario caps it (max_influence 12).
    Setup: alpha holds c1 (2 ops) with 12 in gamma; again with 11. Actions: influence in gamma.
    Expect: at 12 the state is no target; at 11, 2 ops add only 1."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c1",)}, state=with_influence(sc, fresh(sc), "alpha", "gamma", 12))
    st1, _ = play(sc, st, PlayCard("alpha", "c1"), UseOps("alpha", "influence"))
    assert why_illegal(sc, st1, PlaceInfluence("alpha", "gamma")) == "no_target"
    st = at_actions(sc, hands={"alpha": ("c1",)}, state=with_influence(sc, fresh(sc), "alpha", "gamma", 11))
    st2, _ = use_ops(sc, st, "alpha", "c1", "influence", PlaceInfluence("alpha", "gamma"))
    assert st2.influence[ALPHA][idx(sc, "gamma")] == 12


def test_case_032_a_rival_can_take_a_home_state():
    """rules §11.2, §11.3: control follows influence, also in a seat's home; the territory's holder changes.
    Setup: beta has 5 influence in alpha against alpha's 4; then alpha drops to 2 (stability 2).
    Expect: the home seat holds its territory while nobody controls it; beta holds it once it leads by 2."""
    sc = mini()
    a = idx(sc, "alpha")
    st = with_influence(sc, fresh(sc), "beta", "alpha", 5)
    assert controller(sc, st, a) == ALPHA  # nobody controls: the home seat holds it
    st = with_influence(sc, st, "alpha", "alpha", 2)
    assert controller(sc, st, a) == BETA


def test_case_033_a_non_player_state_helps_the_leading_member_of_its_bloc():
    """rules §15.2: non-player states are run by simple published rules. The rule: at cleanup, a non-player
    state gives +1 influence to the seat with the most influence there among members of the bloc it leans to.
    Setup: gamma leans to union (beta is a member, alpha is not); alpha 3, beta 1 in gamma. Actions: cleanup.
    Expect: beta gains 1 in gamma; alpha gains nothing."""
    sc = mini()
    st = with_influence(sc, with_influence(sc, fresh(sc), "alpha", "gamma", 3), "beta", "gamma", 1)
    st, log = play(sc, at_engine_step(st, "cleanup"), Advance())
    g = idx(sc, "gamma")
    assert (st.influence[ALPHA][g], st.influence[BETA][g]) == (3, 2)
    assert entries(log, "non_player_acted")[0].seat == "beta"


def test_case_034_a_non_player_state_favours_nobody_on_a_tie():
    """rules §15.2: the published rule; decided: on a tie among the bloc's members nobody gains, and nobody
    gains from a state where no member has influence.
    Setup: alpha and beta both in union with 2 in gamma each. Actions: cleanup.
    Expect: no change and no non-player action logged."""
    sc = mini()
    st = with_members(sc, fresh(sc), "union", ("alpha", "beta", "gamma"))
    st = with_influence(sc, with_influence(sc, st, "alpha", "gamma", 2), "beta", "gamma", 2)
    st, log = play(sc, at_engine_step(st, "cleanup"), Advance())
    assert st.influence[ALPHA][idx(sc, "gamma")] == 2 == st.influence[BETA][idx(sc, "gamma")]
    assert not entries(log, "non_player_acted")
