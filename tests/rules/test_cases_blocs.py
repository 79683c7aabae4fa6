"""Rule cases 139-: bloc benefits (rules §12.3: a bloc has a benefit), one case per kind not pinned elsewhere."""

from __future__ import annotations

from attrs import evolve

from rules.action import ApplyPressure
from rules.scenario import Scenario
from tests.rules.helpers import (
    ALPHA,
    BETA,
    at_actions,
    at_engine_step,
    entries,
    fresh,
    idx,
    mini_plus,
    run_engine,
    use_ops,
    with_influence,
    with_members,
    with_standing,
)


def test_case_139_a_standing_bloc_raises_its_members_standing_with_the_sponsor_at_each_summit():
    """rules §12.3: blocs are data with a benefit; 'standing' (EU partnership): members gain standing with the
    sponsor patron at every summit.
    Setup: mini_plus, bloc `pact` (sponsor east, benefit standing 1) has beta as a member; beta's standing
    with east is 2, alpha's 2. Actions: the engine holds a summit.
    Expect: beta's standing with east is 3; alpha's stays 2."""
    sc = mini_plus()
    st = with_members(sc, fresh(sc), "pact", ("beta",))
    st = with_standing(sc, with_standing(sc, st, "beta", "east", 2), "alpha", "east", 2)
    east = sc.patron_index["east"]
    done, _ = run_engine(sc, at_engine_step(st, "summit"), limit=1)
    assert done.standing[BETA][east] == 3
    assert done.standing[ALPHA][east] == 2


def test_case_140_a_trade_bloc_pays_its_members_at_every_flow_phase():
    """rules §12.3: 'trade' benefit (B5+1's trade-barrier reforms): each member seat earns the benefit amount
    in budget at every flow phase, on top of its export income.
    Setup: mini_plus, bloc `forum` (trade 1) with alpha as its only member. Actions: the flow phase.
    Expect: alpha's budget grows by its flow income plus 1; beta's by its flow income only."""
    sc = mini_plus()
    st = with_members(sc, fresh(sc), "forum", ("alpha",))
    before = st.budget
    done, log = run_engine(sc, at_engine_step(st, "flows"), limit=1)
    income = dict(entries(log, "flows_routed")[0].income)
    assert done.budget[ALPHA] == before[ALPHA] + income["alpha"] + 1
    assert done.budget[BETA] == before[BETA] + income["beta"]


def test_case_141_a_security_bloc_shields_members_from_outside_pressure():
    """rules §12.3: 'security' benefit (CSTO's umbrella): pressure from a non-member on a member state loses
    the benefit amount.
    Setup: mini world with bloc `union` turned into a security bloc of beta and gamma (amount 1); beta has 3
    influence in gamma. Actions: alpha removes influence in gamma with a 2-op card.
    Expect: only 1 influence is removed (2 - 1); from a member the shield does not apply."""
    sc0 = mini_plus()
    blocs = tuple(evolve(b, benefit="security", benefit_amount=1) if b.id == "union" else b for b in sc0.world.blocs)
    sc = Scenario(sc0.definition, evolve(sc0.world, blocs=blocs), sc0.cards)
    st = with_members(sc, fresh(sc), "union", ("beta", "gamma"))
    st = with_influence(sc, st, "beta", "gamma", 3)
    st = at_actions(sc, "alpha", hands={"alpha": ("c1",)}, state=st)
    done, log = use_ops(sc, st, "alpha", "c1", "pressure", ApplyPressure("alpha", "remove", "gamma"))
    assert entries(log, "pressure_applied")[0].amount == 1
    assert done.influence[BETA][idx(sc, "gamma")] == 2
