"""Rule cases 035-047: building, upgrading and consent (rules §7.2-7.4, §12.3)."""

from __future__ import annotations

from rules import legal_actions, why_illegal
from rules.action import BuildLink, PlayCard, PlayEvent, UseOps
from rules.scenario import Scenario
from rules.state import GameState
from tests.rules.helpers import (
    ALPHA,
    BETA,
    at_actions,
    entries,
    fresh,
    link_of,
    mini,
    play,
    turn_with_card,
    use_ops,
    with_agreement,
    with_influence,
    with_link,
    with_members,
    with_seat,
)


def _alpha_may_build_a_g(sc: Scenario) -> GameState:
    """Alpha controls gamma (4 influence, stability 2) and has a deal with beta: every consent a_g needs."""
    st = with_influence(sc, fresh(sc), "alpha", "gamma", 4)
    return with_agreement(st, "transit", "alpha", "beta", "a_b")


def test_case_035_every_crossed_state_must_consent():
    """rules §7.4: every state the link crosses must be controlled by you or bound to you by an agreement.
    Setup: alpha holds c2 for build; a_g crosses alpha and gamma, which nobody controls.
    Expect: BuildLink a_g is illegal with no_consent, and build has no target at all."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c2",)})
    assert why_illegal(sc, turn_with_card(st, "c2", "build"), BuildLink("alpha", "a_g")) == "no_consent"
    st, _ = play(sc, st, PlayCard("alpha", "c2"))
    assert why_illegal(sc, st, UseOps("alpha", "build")) == "no_target"


def test_case_036_a_sea_link_needs_the_caspian_littoral_consent():
    """rules §7.4: sea links also need the Caspian littoral consent the scenario sets (3 littoral states).
    Setup: alpha controls gamma but has no deal with beta, the third littoral state. Actions: build a_g.
    Expect: no_caspian_consent; with any agreement with beta it becomes legal."""
    sc = mini()
    st = with_influence(sc, fresh(sc), "alpha", "gamma", 4)
    st = turn_with_card(at_actions(sc, hands={"alpha": ("c2",)}, state=st), "c2", "build")
    assert why_illegal(sc, st, BuildLink("alpha", "a_g")) == "no_caspian_consent"
    st = with_agreement(st, "drill", "alpha", "beta")
    assert why_illegal(sc, st, BuildLink("alpha", "a_g")) is None
    assert BuildLink("alpha", "a_g") in legal_actions(sc, st)


def test_case_037_an_agreement_with_a_crossed_state_stands_for_control():
    """rules §7.4: a crossed state bound to you by an agreement consents.
    Setup: alpha has no influence in gamma but transit deals with gamma (on a_g) and with beta.
    Expect: BuildLink a_g is legal."""
    sc = mini()
    st = with_agreement(with_agreement(fresh(sc), "transit", "alpha", "gamma", "a_g"), "drill", "alpha", "beta")
    st = turn_with_card(at_actions(sc, hands={"alpha": ("c2",)}, state=st), "c2", "build")
    assert why_illegal(sc, st, BuildLink("alpha", "a_g")) is None


def test_case_038_a_home_state_held_by_a_rival_withholds_consent():
    """rules §7.4, §11.3: the holder of a territory is whoever controls it.
    Setup: alpha has every consent for a_g, but beta controls alpha's home (beta 6 against alpha's 2).
    Expect: no_consent."""
    sc = mini()
    st = with_influence(sc, with_influence(sc, _alpha_may_build_a_g(sc), "beta", "alpha", 6), "alpha", "alpha", 2)
    st = turn_with_card(at_actions(sc, hands={"alpha": ("c2",)}, state=st), "c2", "build")
    assert why_illegal(sc, st, BuildLink("alpha", "a_g")) == "no_consent"


def test_case_039_big_projects_take_more_than_one_turn():
    """rules §7.2: multi-round for big projects.
    Setup: a_g needs 4 ops; alpha may build it and holds c2 (3 ops) and c1 (2 ops).
    Actions: c2 for build a_g; later c1 for build a_g.
    Expect: after c2, 3/4 and still planned, no points; after c1, built (progress 4), 2 points to alpha."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c2", "c1")}, state=_alpha_may_build_a_g(sc))
    st, log = use_ops(sc, st, "alpha", "c2", "build", BuildLink("alpha", "a_g"))
    assert link_of(sc, st, "a_g").status == "planned" and link_of(sc, st, "a_g").progress == 3
    assert st.vp[ALPHA] == 0
    st = at_actions(sc, state=st)
    st, log = use_ops(sc, st, "alpha", "c1", "build", BuildLink("alpha", "a_g"))
    live = link_of(sc, st, "a_g")
    assert (live.status, live.progress, live.builder) == ("built", 4, "alpha")
    assert st.vp[ALPHA] == 2
    assert [e.link for e in entries(log, "link_built")] == ["a_g"]


def test_case_040_building_is_paid_per_op():
    """rules §7.2: building costs ops + budget (a_g: 4 budget over 4 ops, 1 per op).
    Setup: beta may build a_g (controls gamma, deal with alpha); holds c2 (3 ops), budget 8.
    Actions: c2 for build a_g. Expect: progress 3 and beta pays 3."""
    sc = mini()
    st = with_agreement(with_influence(sc, fresh(sc), "beta", "gamma", 4), "transit", "beta", "alpha", "a_b")
    st = at_actions(sc, "beta", hands={"beta": ("c2",)}, state=st)
    st, _ = use_ops(sc, st, "beta", "c2", "build", BuildLink("beta", "a_g"))
    assert link_of(sc, st, "a_g").progress == 3 and st.budget[BETA] == 5


def test_case_041_the_budget_limits_what_an_op_builds():
    """rules §7.2: ops + budget; decided: ops the budget cannot pay for are lost, and with no money
    for even one op the link is no target.
    Setup: as case 040 with beta's budget 2, then 0. Expect: progress 2 for 2 budget; then no_budget."""
    sc = mini()
    st = with_agreement(with_influence(sc, fresh(sc), "beta", "gamma", 4), "transit", "beta", "alpha", "a_b")
    st = with_seat(at_actions(sc, "beta", hands={"beta": ("c2",)}, state=st), "budget", "beta", 2)
    done, _ = use_ops(sc, st, "beta", "c2", "build", BuildLink("beta", "a_g"))
    assert link_of(sc, done, "a_g").progress == 2 and done.budget[BETA] == 0
    broke = turn_with_card(with_seat(st, "budget", "beta", 0), "c2", "build")
    assert why_illegal(sc, broke, BuildLink("beta", "a_g")) == "no_budget"


def test_case_042_a_bloc_can_make_building_cheaper():
    """rules §12.3: a bloc's benefit (Organization of Turkic States: cheaper Middle Corridor building).
    Setup: league's build discount (1 per op on a_g); alpha, a league member, may build a_g, budget 8.
    Actions: c2 for build a_g as a member, and again after leaving league.
    Expect: a member pays 0; a non-member pays 3."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c2",)}, state=_alpha_may_build_a_g(sc))
    member, _ = use_ops(sc, st, "alpha", "c2", "build", BuildLink("alpha", "a_g"))
    outsider, _ = use_ops(sc, with_members(sc, st, "league", ()), "alpha", "c2", "build", BuildLink("alpha", "a_g"))
    assert member.budget[ALPHA] == 8 and outsider.budget[ALPHA] == 5


def test_case_043_an_upgrade_adds_capacity_for_two_ops_and_budget():
    """rules §7.3: start or upgrade a link. g_w: +10 capacity for 2 budget, needs 2 ops.
    Setup: alpha controls gamma; holds c1 (2 ops). Actions: c1 for build g_w.
    Expect: capacity 30 -> 40, 1 upgrade, alpha pays 2."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c1",)}, state=with_influence(sc, fresh(sc), "alpha", "gamma", 4))
    st, log = use_ops(sc, st, "alpha", "c1", "build", BuildLink("alpha", "g_w"))
    live = link_of(sc, st, "g_w")
    assert (live.capacity, live.upgrades) == (40, 1) and st.budget[ALPHA] == 6
    assert entries(log, "link_upgraded")[0].capacity == 40


def test_case_044_an_upgrade_needs_two_ops():
    """rules §7.3; decided: an upgrade is a big project's worth of ops (2 or more).
    Setup: alpha controls gamma; has taken c6 (1 op) for build. Expect: BuildLink g_w is too_costly."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ()}, state=with_influence(sc, fresh(sc), "alpha", "gamma", 4))
    assert why_illegal(sc, turn_with_card(st, "c6", "build"), BuildLink("alpha", "g_w")) == "too_costly"


def test_case_045_upgrades_stop_at_the_maximum():
    """rules §7.3: upgrades are limited per link (max_upgrades 2).
    Setup: alpha controls gamma; g_w already upgraded twice; c1 taken for build. Expect: max_upgrades."""
    sc = mini()
    st = with_link(sc, with_influence(sc, fresh(sc), "alpha", "gamma", 4), "g_w", upgrades=2, capacity=50)
    st = turn_with_card(at_actions(sc, state=st), "c1", "build")
    assert why_illegal(sc, st, BuildLink("alpha", "g_w")) == "max_upgrades"


def test_case_046_cut_or_fixed_links_are_not_buildable():
    """rules §7.2, §7.3: only a planned link can be started and only an upgradable open link upgraded.
    Setup: alpha with c1 taken for build. Expect: a_b (no upgrade defined) and a cut a_e are not_buildable."""
    sc = mini()
    st = turn_with_card(at_actions(sc, state=with_link(sc, fresh(sc), "a_e", status="cut")), "c1", "build")
    assert why_illegal(sc, st, BuildLink("alpha", "a_b")) == "not_buildable"
    assert why_illegal(sc, st, BuildLink("alpha", "a_e")) == "not_buildable"


def test_case_047_an_event_that_completes_a_link_scores_it_for_the_player():
    """rules §6.9 (build_progress effect), LinkDef.vp: victory points to the seat that completes the link.
    Setup: a_g at 2/4; alpha plays c5 (+2 progress on a_g) as an event.
    Expect: a_g is built and alpha, for whom the event fired, scores its 2 points."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c5",)}, state=with_link(sc, fresh(sc), "a_g", progress=2))
    st, log = play(sc, st, PlayCard("alpha", "c5"), PlayEvent("alpha"))
    assert link_of(sc, st, "a_g").status == "built"
    assert st.vp[ALPHA] == 2
