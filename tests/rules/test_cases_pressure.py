"""Rule cases 067-084: breaches and credibility (rules §8.4, §8.5, §12.4), pressure (rules §7.6-7.10)."""

from __future__ import annotations

from rules import why_illegal
from rules.action import ApplyPressure
from tests.rules.helpers import (
    ALPHA,
    BETA,
    at_actions,
    entries,
    fresh,
    idx,
    link_of,
    mini,
    mini_plus,
    turn_with_card,
    use_ops,
    with_agreement,
    with_flows,
    with_influence,
    with_link,
    with_members,
    with_seat,
)


def _press(sc, st, seat, kind, target, card="c1"):  # type: ignore[no-untyped-def]
    """`seat` plays `card` for pressure of `kind` on `target`."""
    st = at_actions(sc, seat, hands={seat: (card,)}, state=st)
    return use_ops(sc, st, seat, card, "pressure", ApplyPressure(seat, kind, target))


# --------------------------------------------------------------------------- breaches and credibility


def test_case_067_closing_a_link_under_a_transit_deal_breaches_it():
    """rules §8.4: the engine detects a breach, logs it and charges credibility. A transit deal forbids
    closing its link.
    Setup: alpha and beta have a transit deal on a_b; alpha credibility 3. Actions: alpha throttles a_b.
    Expect: the breach is logged, alpha drops to 2 credibility, and the broken deal is void."""
    sc = mini()
    st, log = _press(sc, with_agreement(fresh(sc), "transit", "alpha", "beta", "a_b"), "alpha", "throttle", "a_b")
    assert entries(log, "agreement_breached")[0].by == "alpha"
    assert st.credibility[ALPHA] == 2 and st.agreements == ()


def test_case_068_a_cut_costs_credibility_even_without_a_deal():
    """rules §8.5: credibility falls when a seat breaks an agreement or cuts a flow.
    Setup: alpha cuts its own a_e (no deal); separately cuts a_b under a transit deal with beta.
    Expect: credibility 3 -> 2 for the plain cut; 3 -> 1 for the cut that also breaks a deal."""
    sc = mini()
    st, _ = _press(sc, fresh(sc), "alpha", "cut", "a_e")
    assert st.credibility[ALPHA] == 2
    st, _ = _press(sc, with_agreement(fresh(sc), "transit", "alpha", "beta", "a_b"), "alpha", "cut", "a_b")
    assert st.credibility[ALPHA] == 1


def test_case_069_a_joint_drill_forbids_pressure_on_the_partner():
    """rules §8.4: a joint drill's breach condition: pressure on the partner.
    Setup: alpha and beta have a drill agreement. Actions: alpha sanctions beta.
    Expect: the drill agreement is breached; alpha's credibility 3 -> 2."""
    sc = mini()
    st, log = _press(sc, with_agreement(fresh(sc), "drill", "alpha", "beta"), "alpha", "sanction", "beta")
    assert entries(log, "agreement_breached") and st.credibility[ALPHA] == 2


def test_case_070_an_investment_forbids_escalation_by_the_investee():
    """rules §8.4: an investment's breach condition: escalation (sanction, cut) by the seat that took it.
    Setup: alpha took an investment from west. Actions: alpha sanctions beta; separately alpha throttles a_e.
    Expect: the sanction breaches it (credibility 2); the throttle does not (credibility 3, deal kept)."""
    sc = mini()
    base = with_agreement(fresh(sc), "investment", "alpha", "west")
    st, log = _press(sc, base, "alpha", "sanction", "beta")
    assert entries(log, "agreement_breached") and st.credibility[ALPHA] == 2
    st, log = _press(sc, base, "alpha", "throttle", "a_e")
    assert not entries(log, "agreement_breached") and st.credibility[ALPHA] == 3 and len(st.agreements) == 1


def test_case_071_pressure_on_a_fellow_member_breaks_the_bloc_obligation():
    """rules §12.4: a bloc has an obligation (union: no pressure on members).
    Setup: alpha and beta are both in union. Actions: beta sanctions alpha.
    Expect: the obligation is broken (logged) and beta loses 1 credibility."""
    sc = mini()
    st = with_members(sc, with_members(sc, fresh(sc), "league", ()), "union", ("alpha", "beta", "gamma"))
    st, log = _press(sc, st, "beta", "sanction", "alpha")
    assert entries(log, "obligation_broken")[0].bloc == "union"
    assert st.credibility[BETA] == 2


def test_case_072_closing_a_members_link_breaks_a_no_cut_obligation():
    """rules §12.4: obligation "no cutting members' links" (pact: beta, gamma). Decided: a throttle closes the
    link partly and counts as well.
    Setup: beta (pact) holds b_g_gas, which crosses gamma (pact). Actions: beta throttles it; separately cuts it.
    Expect: throttle: credibility 3 -> 2 (obligation); cut: 3 -> 1 (cut + obligation)."""
    sc = mini_plus()
    st, log = _press(sc, fresh(sc), "beta", "throttle", "b_g_gas")
    assert entries(log, "obligation_broken") and st.credibility[BETA] == 2
    st, _ = _press(sc, fresh(sc), "beta", "cut", "b_g_gas")
    assert st.credibility[BETA] == 1


def test_case_073_the_basic_tier_has_no_credibility():
    """rules §1.3, §8.5: credibility (0-5) is for standard rules and up.
    Setup: a basic-tier game. Actions: alpha cuts a_e. Expect: credibility unchanged."""
    sc = mini()
    st, _ = _press(sc, fresh(sc, tier="basic"), "alpha", "cut", "a_e")
    assert st.credibility[ALPHA] == 3


def test_case_074_credibility_stays_within_zero_and_five():
    """rules §8.5: credibility runs 0-5.
    Setup: alpha at credibility 0. Actions: alpha cuts a_e. Expect: still 0."""
    sc = mini()
    st, _ = _press(sc, with_seat(fresh(sc), "credibility", "alpha", 0), "alpha", "cut", "a_e")
    assert st.credibility[ALPHA] == 0


# --------------------------------------------------------------------------- pressure


def test_case_075_remove_takes_rival_influence_up_to_the_ops():
    """rules §7.7: remove rival influence (1 per op).
    Setup: beta has 3 in gamma, then 1. Actions: alpha plays c1 (2 ops) to remove in gamma.
    Expect: 3 -> 1; and 1 -> 0 (never below zero)."""
    sc = mini()
    g = idx(sc, "gamma")
    st, _ = _press(sc, with_influence(sc, fresh(sc), "beta", "gamma", 3), "alpha", "remove", "gamma")
    assert st.influence[BETA][g] == 1
    st, _ = _press(sc, with_influence(sc, fresh(sc), "beta", "gamma", 1), "alpha", "remove", "gamma")
    assert st.influence[BETA][g] == 0


def test_case_076_remove_needs_rival_influence():
    """rules §7.7: remove *rival* influence.
    Setup: nobody but alpha has influence in gamma. Expect: remove in gamma is no_rival_influence."""
    sc = mini()
    st = turn_with_card(at_actions(sc, state=with_influence(sc, fresh(sc), "alpha", "gamma", 2)), "c1", "pressure")
    assert why_illegal(sc, st, ApplyPressure("alpha", "remove", "gamma")) == "no_rival_influence"


def test_case_077_a_sanction_costs_the_target_budget_and_raises_tension():
    """rules §7.8: sanction (1 budget per op); some actions raise tension.
    Setup: tension 2; beta budget 8. Actions: alpha plays c1 (2 ops) to sanction beta.
    Expect: beta 6 budget; tension 3. A sanction on oneself is self_target; on a non-player state no_target."""
    sc = mini()
    st, _ = _press(sc, fresh(sc), "alpha", "sanction", "beta")
    assert st.budget[BETA] == 6 and st.tension == 3
    probe = turn_with_card(at_actions(sc), "c1", "pressure")
    assert why_illegal(sc, probe, ApplyPressure("alpha", "sanction", "alpha")) == "self_target"
    assert why_illegal(sc, probe, ApplyPressure("alpha", "sanction", "gamma")) == "no_target"


def test_case_078_a_drill_steadies_a_state_you_hold_and_raises_tension():
    """rules §7.9: hold a drill. The effect: +1 stability where you hold the territory; tension +1.
    Setup: alpha holds its home (stability 2). Actions: alpha drills in alpha; beta's drill in alpha is checked.
    Expect: stability 3, tension 3; beta may not drill there (not_controller)."""
    sc = mini()
    st, _ = _press(sc, fresh(sc), "alpha", "drill", "alpha")
    assert st.stability[idx(sc, "alpha")] == 3 and st.tension == 3
    probe = turn_with_card(at_actions(sc, "beta"), "c1", "pressure")
    assert why_illegal(sc, probe, ApplyPressure("beta", "drill", "alpha")) == "not_controller"


def test_case_079_a_throttle_halves_a_link_and_costs_standing_with_its_market():
    """rules §7.10: throttle a flow through a link you control (raises tension); patrons' standing:
    decided — each patron whose market took flows over that link last round thinks less of you (-1).
    Setup: last round's flows sent alpha's oil over a_e to the east market; alpha standing 1 with east.
    Actions: alpha throttles a_e. Expect: a_e throttled; tension 3; alpha's east standing 0, west unchanged."""
    sc = mini()
    st, _ = _press(sc, with_flows(sc, fresh(sc)), "alpha", "throttle", "a_e")
    assert link_of(sc, st, "a_e").status == "throttled" and st.tension == 3
    assert st.standing[ALPHA] == (0, 2)


def test_case_080_only_a_holder_may_throttle_an_open_link():
    """rules §7.10: throttle / cut a flow through a link you control.
    Setup: beta with c1 taken for pressure; a_e lies only in alpha. Then alpha with a_e already throttled.
    Expect: beta: not_controller; alpha throttling again: link_not_open."""
    sc = mini()
    probe = turn_with_card(at_actions(sc, "beta"), "c1", "pressure")
    assert why_illegal(sc, probe, ApplyPressure("beta", "throttle", "a_e")) == "not_controller"
    probe = turn_with_card(at_actions(sc, state=with_link(sc, fresh(sc), "a_e", status="throttled")), "c1", "pressure")
    assert why_illegal(sc, probe, ApplyPressure("alpha", "throttle", "a_e")) == "link_not_open"


def test_case_081_a_cut_needs_two_ops_and_raises_tension_by_two():
    """rules §7.10: cut (a bigger step than a throttle; decided: it needs 2 ops).
    Setup: alpha with c6 (1 op) taken for pressure; then alpha plays c1 (2 ops) to cut a throttled a_e.
    Expect: too_costly with 1 op; with 2 ops a_e is cut and tension 2 -> 4."""
    sc = mini()
    probe = turn_with_card(at_actions(sc), "c6", "pressure")
    assert why_illegal(sc, probe, ApplyPressure("alpha", "cut", "a_e")) == "too_costly"
    st, _ = _press(sc, with_link(sc, fresh(sc), "a_e", status="throttled"), "alpha", "cut", "a_e")
    assert link_of(sc, st, "a_e").status == "cut" and st.tension == 4


def test_case_082_restore_reopens_a_closed_link():
    """rules §7.10: restore. Decided: restoring costs a card but raises no tension.
    Setup: a_e cut. Actions: alpha restores it. Expect: built, tension unchanged; restoring an open link is
    link_not_closed."""
    sc = mini()
    st, _ = _press(sc, with_link(sc, fresh(sc), "a_e", status="cut"), "alpha", "restore", "a_e")
    assert link_of(sc, st, "a_e").status == "built" and st.tension == 2
    probe = turn_with_card(at_actions(sc), "c1", "pressure")
    assert why_illegal(sc, probe, ApplyPressure("alpha", "restore", "a_e")) == "link_not_closed"


def test_case_083_either_holder_of_a_shared_link_may_close_it():
    """rules §11.4: a link lies in one or two states' territory; each holder controls it.
    Setup: a_b lies in alpha and beta. Actions: beta cuts a_b. Expect: a_b cut by beta."""
    sc = mini()
    st, log = _press(sc, fresh(sc), "beta", "cut", "a_b")
    assert link_of(sc, st, "a_b").status == "cut"
    assert entries(log, "link_status_changed")[0].by == "beta"


def test_case_084_a_rival_who_takes_your_territory_takes_your_valves():
    """rules §11.3, §11.4: control of a state gives control of the links in it.
    Setup: beta controls alpha's home (6 against 2). Actions: beta throttles a_e; alpha tries the same.
    Expect: beta may; alpha is not_controller."""
    sc = mini()
    st = with_influence(sc, with_influence(sc, fresh(sc), "beta", "alpha", 6), "alpha", "alpha", 2)
    done, _ = _press(sc, st, "beta", "throttle", "a_e")
    assert link_of(sc, done, "a_e").status == "throttled"
    probe = turn_with_card(at_actions(sc, state=st), "c1", "pressure")
    assert why_illegal(sc, probe, ApplyPressure("alpha", "throttle", "a_e")) == "not_controller"
