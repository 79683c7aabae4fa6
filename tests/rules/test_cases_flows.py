"""Rule cases 092-104: flows, transit fees and dependence (rules §9).

The mini world routes alpha's 40 oil and beta's 20 oil (price 10) and 10 cargo (price 12) from the
east market to the west. Path weights are fee + cost: a_e 6 (to east), a_b 11 + b_w 11 (to west).
"""

from __future__ import annotations

from rules import preview
from rules.flows import run_flows, shipments
from tests.rules.helpers import (
    ALPHA,
    BETA,
    fresh,
    idx,
    mini,
    with_agreement,
    with_influence,
    with_link,
    with_members,
)


def _paths(sc, report):  # type: ignore[no-untyped-def]
    """{(owner, link ids): volume} of a flow report."""
    return {(p.owner, tuple(sc.links[i].id for i in p.links)): p.volume for p in report.paths}


def test_case_092_the_cheapest_path_is_filled_first():
    """rules §9.3: routed to markets over open links, cheapest path first within capacity.
    Setup: the mini world as it starts. Actions: route the flows.
    Expect: alpha fills a_e (cheapest, capacity 20) to the east, the other 20 go a_b + b_w to the west;
    beta ships 20 over b_w."""
    sc = mini()
    report = run_flows(sc, fresh(sc))
    assert _paths(sc, report) == {("alpha", ("a_e",)): 20, ("alpha", ("a_b", "b_w")): 20, ("beta", ("b_w",)): 20}


def test_case_093_no_link_carries_more_than_its_capacity():
    """rules §2.3: each link has a capacity.
    Setup: the mini world. Expect: every load is within the link's capacity; a_e is full (20 of 20)."""
    sc = mini()
    st = fresh(sc)
    report = run_flows(sc, st)
    assert all(load <= live.capacity for load, live in zip(report.loads, st.links))
    assert report.loads[sc.link_index["a_e"]] == 20


def test_case_094_a_throttled_link_carries_half():
    """rules §9.2: status throttled; the engine halves its capacity.
    Setup: a_e throttled (20 -> 10). Expect: alpha ships 10 over a_e and 30 by a_b + b_w; b_w is full (50)."""
    sc = mini()
    report = run_flows(sc, with_link(sc, fresh(sc), "a_e", status="throttled"))
    paths = _paths(sc, report)
    assert paths[("alpha", ("a_e",))] == 10 and paths[("alpha", ("a_b", "b_w"))] == 30
    assert report.loads[sc.link_index["b_w"]] == 50


def test_case_095_a_cut_link_reroutes_and_what_finds_no_room_stays_home():
    """rules §9.3: flows go over the links that are open. Decided (pinned): shippers are served in the
    world's producer order, each taking its cheapest path, so a rerouted flow can fill a pipeline first.
    Setup: a_e cut. Expect: alpha's 40 go a_b + b_w; beta ships the 10 left on b_w and 10 stay unshipped."""
    sc = mini()
    report = run_flows(sc, with_link(sc, fresh(sc), "a_e", status="cut"))
    assert _paths(sc, report) == {("alpha", ("a_b", "b_w")): 40, ("beta", ("b_w",)): 10}
    assert report.unshipped == (0, 10)


def test_case_096_what_is_produced_is_shipped_or_stays_home():
    """rules §9.3: conservation — every unit produced is either sold or left unshipped.
    Setup: a_e cut (case 095). Expect: per seat, shipped + unshipped = production."""
    sc = mini()
    st = with_link(sc, fresh(sc), "a_e", status="cut")
    report = run_flows(sc, st)
    for i, seat in enumerate(st.seats):
        produced = sum(v for owner, _, _, v, _ in shipments(sc, st.production) if owner == seat)
        shipped = sum(p.volume for p in report.paths if p.owner == seat)
        assert shipped + report.unshipped[i] == produced


def test_case_097_transit_fees_go_to_the_territory_holders():
    """rules §9.4: every link's controller earns a transit fee on what crosses it.
    Setup: the mini world. Alpha's 20 oil (value 200) cross a_b (fee 10%, half in beta's territory) and
    b_w (10%, beta). Expect: beta earns 10 + 20 = 30; alpha keeps 370 of its 400; incomes 3 and 2."""
    sc = mini()
    report = run_flows(sc, fresh(sc))
    assert report.fees == (0, 30) and report.exports == (370, 200)
    assert report.income == (3, 2)


def test_case_098_fees_follow_control_of_the_territory():
    """rules §9.4, §11.3: the controller of a territory earns its fees.
    Setup: alpha controls beta (7 against 4, stability 2). Expect: the 30 of fees on beta's links go to alpha."""
    sc = mini()
    report = run_flows(sc, with_influence(sc, fresh(sc), "alpha", "beta", 7))
    assert report.fees == (30, 0)


def test_case_099_a_non_player_territory_pays_fees_only_to_a_controller():
    """rules §9.4; decided: fees in a non-player state's territory go to the seat that controls it, else to nobody.
    Setup: a_g built and a_e enlarged to 50, so the 10 cargo (value 120) go a_e, a_g, g_w (fee 5% in gamma).
    Expect: alpha earns 6 on a_e; gamma's 6 go to nobody, and to alpha once it controls gamma."""
    sc = mini()
    st = with_link(sc, with_link(sc, fresh(sc), "a_g", status="built"), "a_e", capacity=50)
    assert ("", ("a_e", "a_g", "g_w")) in _paths(sc, run_flows(sc, st))
    assert run_flows(sc, st).fees == (6, 0)
    assert run_flows(sc, with_influence(sc, st, "alpha", "gamma", 2)).fees == (12, 0)


def test_case_100_a_shared_bloc_discounts_fees():
    """rules §9.4, §12.3: EAEU-style internal fee discount (union: 2 points off the fee between members).
    Setup: alpha joins union (leaving league). Expect: beta earns 8 + 16 = 24 instead of 30."""
    sc = mini()
    st = with_members(sc, with_members(sc, fresh(sc), "league", ()), "union", ("alpha", "beta", "gamma"))
    assert run_flows(sc, st).fees == (0, 24)


def test_case_101_a_transit_deal_halves_the_fee_on_its_link():
    """rules §8.1 (transit deal); the term: the parties halve the fee on its link.
    Setup: alpha and beta have a transit deal on b_w. Expect: b_w pays 10 instead of 20; a_b still 10."""
    sc = mini()
    st = with_agreement(fresh(sc), "transit", "alpha", "beta", "b_w")
    assert run_flows(sc, st).fees == (0, 20)


def test_case_102_dependence_is_the_share_of_exports_crossing_a_state():
    """rules §9.6: each seat's dependence — the share of its exports that crosses each other state.
    Setup: the mini world; then a_e cut. Expect: alpha depends on beta for 500 permille, then 1000; beta on nobody."""
    sc = mini()
    b = idx(sc, "beta")
    assert run_flows(sc, fresh(sc)).dependence[ALPHA][b] == 500
    cut = run_flows(sc, with_link(sc, fresh(sc), "a_e", status="cut"))
    assert cut.dependence[ALPHA][b] == 1000 and max(cut.dependence[BETA]) == 0


def test_case_103_a_preview_shows_who_loses_what_without_changing_anything():
    """rules §9.7: before any cut, the client previews who loses what.
    Setup: the mini world. Actions: preview cutting a_e.
    Expect: alpha's dependence on beta 500 -> 1000, beta's income 2 -> 1 with 10 unshipped; the state is unchanged."""
    sc = mini()
    st = fresh(sc)
    out = preview(sc, st, "a_e", "cut")
    assert out["alpha"]["dependence"] == {"beta": (500, 1000)}
    assert (out["beta"]["income_before"], out["beta"]["income_after"], out["beta"]["unshipped_after"]) == (2, 1, 10)
    assert st == fresh(sc) and st.last_flows is None


def test_case_104_a_cost_event_can_make_a_path_dearer():
    """rules §6.9 (link_cost effect: sanctions, bottlenecks raise a link's transport cost).
    Setup: a_e's extra cost raised by 20 (weight 26 > a_b + b_w's 22). Expect: alpha ships everything west."""
    sc = mini()
    report = run_flows(sc, with_link(sc, fresh(sc), "a_e", cost=20))
    assert _paths(sc, report)[("alpha", ("a_b", "b_w"))] == 40
    assert ("alpha", ("a_e",)) not in _paths(sc, report)
