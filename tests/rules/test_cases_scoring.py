"""Rule cases 105-125, 143 and 194: summits, era-end points, national interests and the outcome (rules
§12.6-12.8, §13, §14), and the numbers of a format and of a table of some seat counts (rules §1.2, §1.5)."""

from __future__ import annotations

from attrs import evolve

from rules import legal_actions, outcome, why_illegal
from rules.action import Advance, EndTurn
from rules.scenario import FormatDef, ObjectiveDef, ObjectiveId, Scenario, TableDef
from rules.scoring import finish, objective_met
from rules.state import FlowReport
from tests.rules.helpers import (
    ALPHA,
    BETA,
    at_engine_step,
    entries,
    fresh,
    mini,
    mini_plus,
    play,
    with_flows,
    with_influence,
    with_link,
    with_members,
    with_seat,
    with_standing,
)


def _summit(sc, st, **fields):  # type: ignore[no-untyped-def]
    """Hold the summit that closes era one (round 2 of 2) and return the state and log."""
    st = at_engine_step(st, "summit", **{"round": 2, "absolute_round": 2, **fields})
    return play(sc, st, Advance())


def _points(log, reason):  # type: ignore[no-untyped-def]
    """{seat: points} scored for one reason."""
    out: dict[str, int] = {}
    for e in entries(log, "points_scored"):
        if e.reason == reason:
            out[e.seat] = out.get(e.seat, 0) + e.amount
    return out


# --------------------------------------------------------------------------- summits


def test_case_105_without_a_dominant_bloc_every_seat_scores_sovereignty():
    """rules §12.7, §12.8: presence = sponsor + members' standing; if no bloc leads by the margin (3), every seat
    scores sovereignty: patrons that favour it (standing >= 2), markets it reaches, links it controls that carry
    others' flows (at most 2).
    Setup: league 4 (west 1 + alpha 1 + standing 2), union 3; last flows reached both markets for alpha, west for
    beta; alpha's oil crosses a_b and b_w, which beta holds.
    Expect: no dominant bloc; alpha 1 + 2 + 0 = 3 points, beta 0 + 1 + 2 = 3."""
    sc = mini()
    st, log = _summit(sc, with_flows(sc, fresh(sc)))
    assert entries(log, "summit_held")[0].dominant == ""
    assert dict(entries(log, "summit_held")[0].presence) == {"union": 3, "league": 4}
    assert _points(log, "sovereignty") == {"alpha": 3, "beta": 3}


def test_case_106_a_bloc_leading_by_the_margin_scores_its_members():
    """rules §12.7: if one bloc leads by the scenario's margin, its members score by standing.
    Setup: alpha's standing with west is 4: league 6 against union 3 (lead 3 = the margin).
    Expect: league dominates; alpha scores 1 + 4 // 2 = 3; beta scores no summit points."""
    sc = mini()
    st, log = _summit(sc, with_flows(sc, with_standing(sc, fresh(sc), "alpha", "west", 4)))
    assert entries(log, "summit_held")[0].dominant == "league"
    assert _points(log, "summit_bloc") == {"alpha": 3} and "beta" not in _points(log, "sovereignty")


def test_case_107_a_lead_short_of_the_margin_is_not_dominance():
    """rules §12.7: only a lead of the full margin dominates.
    Setup: alpha's west standing 3: league 5 against union 3 (lead 2). Expect: sovereignty is scored."""
    sc = mini()
    st, log = _summit(sc, with_flows(sc, with_standing(sc, fresh(sc), "alpha", "west", 3)))
    assert entries(log, "summit_held")[0].dominant == "" and _points(log, "sovereignty")


def test_case_108_sovereignty_is_capped():
    """rules §12.8: the multi-vector reward; the scenario caps it (sovereignty_cap 4).
    Setup: alpha has standing 2 with both patrons, reaches both markets and controls gamma (5 in all).
    Expect: alpha scores 4."""
    sc = mini()
    st = with_standing(sc, with_influence(sc, fresh(sc), "alpha", "gamma", 3), "alpha", "east", 2)
    st, log = _summit(sc, with_flows(sc, st))
    assert _points(log, "sovereignty")["alpha"] == 4


def test_case_109_a_state_sponsored_bloc_scores_its_members_one_bonus_point():
    """rules §12.7: a bloc's sponsor may be a state, not a patron; decided: its members score the base
    points plus 1 (there is no patron standing to count).
    Setup: alpha has left league and joined union: union 1 + 3 members = 4, league 1. Expect: union dominates;
    alpha and beta score 2 each."""
    sc = mini()
    st = with_members(sc, with_members(sc, fresh(sc), "league", ()), "union", ("alpha", "beta", "gamma"))
    st, log = _summit(sc, with_flows(sc, st))
    assert entries(log, "summit_held")[0].dominant == "union"
    assert _points(log, "summit_bloc") == {"alpha": 2, "beta": 2}


def test_case_110_a_summit_card_holds_a_summit_mid_era_without_era_points():
    """rules §12.6: a summit also when a summit card comes up — at the end of that round.
    Setup: round 1 of 2, a summit called by a card; the flows step next. Actions: flows, summit.
    Expect: a summit is held, no income or route points are scored, and play goes on to cleanup."""
    sc = mini()
    st = at_engine_step(fresh(sc), "flows", summit_pending=True, era_income=(40, 40))
    st, log = play(sc, st, Advance(), Advance())
    assert entries(log, "summit_held") and not _points(log, "income")
    assert st.phase == "cleanup" and not st.summit_pending


# --------------------------------------------------------------------------- era end


def test_case_111_era_income_scores_points_up_to_a_cap():
    """rules §14.2: victory points from export income (1 per 8 budget earned in the era, at most 3).
    Setup: era income alpha 17, beta 40 at era one's summit. Expect: 2 and 3 points; era income reset."""
    sc = mini()
    st, log = _summit(sc, fresh(sc), era_income=(17, 40))
    assert _points(log, "income") == {"alpha": 2, "beta": 3}
    assert st.era_income == (0, 0)


def test_case_112_an_open_route_scores_the_seats_it_crosses_at_era_end():
    """rules §14.2: victory points from completed routes; decided: scored at the era's summit (not at summits
    called by cards), to every seat whose territory the route crosses while all its links are open.
    Setup: the south route (a_g, g_w) is open; it crosses alpha and gamma. Expect: alpha 1 route point; beta none."""
    sc = mini()
    st, log = _summit(sc, with_link(sc, fresh(sc), "a_g", status="built"))
    assert _points(log, "route") == {"alpha": 1}
    mid = at_engine_step(with_link(sc, fresh(sc), "a_g", status="built"), "flows", summit_pending=True)
    _, log = play(sc, mid, Advance(), Advance())
    assert not _points(log, "route")


def test_case_113_a_route_with_a_closed_link_scores_nothing():
    """rules §14.2: completed routes only.
    Setup: south's a_g built but g_w cut. Expect: no route points."""
    sc = mini()
    st = with_link(sc, with_link(sc, fresh(sc), "a_g", status="built"), "g_w", status="cut")
    _, log = _summit(sc, st)
    assert not _points(log, "route")


# --------------------------------------------------------------------------- national interests


def _met(sc, st, seat, kind, threshold=0, subject=""):  # type: ignore[no-untyped-def]
    objective = ObjectiveDef(ObjectiveId("t"), "T", "t", kind, threshold=threshold, subject=subject)
    return objective_met(sc, st, seat, objective)


def test_case_114_diversified_means_no_transit_state_carries_over_half():
    """rules §13.2: "Diversified: no single transit state carries over half your exports".
    Setup: alpha sends exactly half its exports across beta; then a_e is cut (all across beta); then no flows yet.
    Expect: met at exactly half; not met at all; not met before any flows."""
    sc = mini()
    assert _met(sc, with_flows(sc, fresh(sc)), ALPHA, "diversified", 50)
    assert not _met(sc, with_flows(sc, with_link(sc, fresh(sc), "a_e", status="cut")), ALPHA, "diversified", 50)
    assert not _met(sc, fresh(sc), ALPHA, "diversified", 50)


def test_case_115_gatekeeper_counts_other_seats_flowing_through_your_links():
    """rules §13.2: "Gatekeeper: N other seats' flows cross your links" (N = 1 in a two-seat test).
    Setup: alpha's oil crosses a_b and b_w (beta's); beta's oil crosses no link of alpha's.
    Expect: met for beta, not for alpha."""
    sc = mini()
    st = with_flows(sc, fresh(sc))
    assert _met(sc, st, BETA, "gatekeeper", 1) and not _met(sc, st, ALPHA, "gatekeeper", 1)


def test_case_116_hub_needs_strictly_the_most_caspian_cargo():
    """rules §13.2: "Hub: your ports handle the most Caspian cargo". Decided: strictly the most — a tie is no hub.
    Setup: mini_plus; the last flows carried 10 on a_g (a1-g1) and 5 on a_b_sea (a1-b1); then only a_g.
    Expect: alpha's port (15) beats gamma (10) and beta (5): met; with a_g alone alpha ties gamma: not met."""
    sc = mini_plus()
    st = fresh(sc)
    loads = [0] * len(sc.links)
    loads[sc.link_index["a_g"]] = 10
    loads[sc.link_index["a_b_sea"]] = 5
    report = FlowReport(tuple(loads), (), (0, 0), (0, 0), (0, 0), ((0, 0, 0), (0, 0, 0)), (0, 0))
    assert _met(sc, evolve(st, last_flows=report), ALPHA, "hub")
    assert not _met(sc, evolve(st, last_flows=report), BETA, "hub")
    loads[sc.link_index["a_b_sea"]] = 0
    assert not _met(sc, evolve(st, last_flows=evolve(report, loads=tuple(loads))), ALPHA, "hub")


def test_case_117_bloc_member_and_standing_interests():
    """rules §13.2: membership of a bloc; standing with a patron of at least N.
    Setup: alpha in league, standing 2 with west. Expect: member of league, not union; standing 2 >= 2, not >= 3."""
    sc = mini()
    st = fresh(sc)
    assert _met(sc, st, ALPHA, "bloc_member", subject="league") and not _met(
        sc, st, ALPHA, "bloc_member", subject="union"
    )
    assert _met(sc, st, ALPHA, "standing", 2, "west") and not _met(sc, st, ALPHA, "standing", 3, "west")


def test_case_118_route_open_and_control_interests():
    """rules §13.2: a named route all open; control of a state.
    Setup: south with a_g planned, then built; alpha with 2 then 1 influence in gamma (stability 2).
    Expect: route open only once built; control at 2, not at 1."""
    sc = mini()
    st = fresh(sc)
    assert not _met(sc, st, ALPHA, "route_open", subject="south")
    assert _met(sc, with_link(sc, st, "a_g", status="built"), ALPHA, "route_open", subject="south")
    assert _met(sc, with_influence(sc, st, "alpha", "gamma", 2), ALPHA, "control", subject="gamma")
    assert not _met(sc, with_influence(sc, st, "alpha", "gamma", 1), ALPHA, "control", subject="gamma")


def test_case_119_budget_and_calm_interests():
    """rules §13.2: a budget of at least N; tension at most N.
    Setup: alpha budget 8 then 10; tension 3 then 4. Expect: budget >= 10 only at 10; calm <= 3 only at 3."""
    sc = mini()
    st = fresh(sc)
    assert not _met(sc, st, ALPHA, "budget", 10) and _met(sc, with_seat(st, "budget", "alpha", 10), ALPHA, "budget", 10)
    assert _met(sc, evolve(st, tension=3), ALPHA, "calm", 3) and not _met(sc, evolve(st, tension=4), ALPHA, "calm", 3)


def test_case_120_interests_are_revealed_and_scored_at_the_end():
    """rules §13.1: one secret national interest per seat, scored at the end.
    Setup: the last summit; alpha keeps o3 (budget >= 10) with 12 budget, beta o2 (tension <= 3) at tension 5.
    Expect: both revealed; alpha scores 3 for it, beta nothing."""
    sc = mini()
    st = with_seat(evolve(fresh(sc), objectives=("o3", "o2"), tension=5, era=1), "budget", "alpha", 12)
    st, log = _summit(sc, st, absolute_round=4)
    revealed = {e.seat: e.achieved for e in entries(log, "objective_revealed")}
    assert revealed == {"alpha": True, "beta": False}
    assert _points(log, "objective") == {"alpha": 3}


# --------------------------------------------------------------------------- outcome


def test_case_121_the_highest_total_after_the_last_summit_wins():
    """rules §14.3: highest total after the last summit wins.
    Setup: the last era's closing summit with alpha 5, beta 9 points. Expect: beta wins, reason final."""
    sc = mini()
    st, _ = _summit(sc, evolve(fresh(sc), era=1, vp=(5, 9)), absolute_round=4)
    result = outcome(sc, st)
    assert result is not None and result.winner == "beta" and result.reason == "final"
    assert [seat for seat, _ in result.scores] == ["beta", "alpha"]


def test_case_122_a_lead_of_the_margin_after_a_summit_wins_at_once():
    """rules §14.4: a seat that leads by the scenario's margin (15) after a summit wins at once.
    Setup: era one's summit (not the last) with alpha 20, beta 0. Expect: alpha wins now, reason margin."""
    sc = mini()
    st, _ = _summit(sc, evolve(fresh(sc), vp=(20, 0)))
    assert st.outcome is not None and (st.outcome.winner, st.outcome.reason) == ("alpha", "margin")


def test_case_123_a_smaller_lead_plays_on():
    """rules §14.4: only the full margin ends the game early.
    Setup: era one's summit with alpha 10, beta 0. Expect: no outcome; play goes on to cleanup."""
    sc = mini()
    st, _ = _summit(sc, evolve(fresh(sc), vp=(10, 0)))
    assert outcome(sc, st) is None and st.phase == "cleanup"


def test_case_124_ties_are_broken_by_budget_then_credibility_then_seat_order():
    """rules §14.5: highest total wins; decided: on equal points the larger budget, then the higher credibility,
    then the earlier seat.
    Setup: equal points with beta richer; equal points and budget with beta more credible; all equal.
    Expect: beta, beta, alpha."""
    sc = mini()
    base = evolve(fresh(sc), vp=(5, 5))
    winners = [
        outcome(sc, finish(st, "final", []))
        for st in (with_seat(base, "budget", "beta", 9), with_seat(base, "credibility", "beta", 4), base)
    ]
    assert [w.winner if w else "" for w in winners] == ["beta", "beta", "alpha"]


def test_case_125_nothing_is_legal_after_the_end():
    """rules §16.2: the API — legal_actions is empty only when the game is over; every action is refused.
    Setup: a game ended at the last summit. Expect: no legal actions; Advance and EndTurn are game_over."""
    sc = mini()
    st, _ = _summit(sc, evolve(fresh(sc), era=1), absolute_round=4)
    assert legal_actions(sc, st) == ()
    assert why_illegal(sc, st, Advance()) == "game_over"
    assert why_illegal(sc, st, EndTurn("beta")) == "game_over"


# --------------------------------------------------------------------------- formats


def _with_lesson(sc: Scenario) -> Scenario:
    """The scenario with a format "lesson" of one era and numbers of its own."""
    lesson = FormatDef(1, rules={"summit_margin": 2}, start_prices={"oil": 15}, route_vp={"south": 4})
    return Scenario(evolve(sc.definition, formats={"lesson": lesson}), sc.world, sc.cards)


def test_case_143_a_format_plays_its_own_numbers():
    """rules §1.2, §1.5: a format may set numbers of its own over the scenario's; a game of that format plays
    with them from its setup to its end, a game of another format without them.
    Setup: the mini scenario (margin 3, oil 10, route south 0 VP) with a format "lesson" of one era: margin 2,
    oil 15, route south 4 VP. Alpha's west standing 3: league 5 against union 3 (a lead of 2).
    Actions: the summit closing era one, in a full game and in a lesson.
    Expect: the lesson starts oil at 15 and the full game at 10; the league dominates the lesson's summit,
    which ends the game, and not the full game's, which goes on to era two."""
    sc = _with_lesson(mini())
    oil = sc.commodity_index["oil"]
    games = {length: with_standing(sc, fresh(sc, length=length), "alpha", "west", 3) for length in ("full", "lesson")}
    assert (games["full"].prices[oil], games["lesson"].prices[oil]) == (10, 15)
    full, full_log = _summit(sc, with_flows(sc, games["full"]))
    lesson, lesson_log = _summit(sc, with_flows(sc, games["lesson"]))
    assert entries(full_log, "summit_held")[0].dominant == "" and full.outcome is None
    assert entries(lesson_log, "summit_held")[0].dominant == "league"
    assert lesson.outcome is not None and lesson.outcome.reason == "final"
    assert sc.played("lesson", 2).routes[0].vp == 4 and sc.played("full", 2).routes[0].vp == sc.world.routes[0].vp
    assert sc.played("full", 2) is sc and sc.played("lesson", 2).played("lesson", 2) is sc.played("lesson", 2)


def _with_table(sc: Scenario, seats: str) -> Scenario:
    """The scenario of case 143 (its lesson) with a table for `seats` seats that sets margin 3, route south
    1 VP and alpha's starting budget 5."""
    table = TableDef(rules={"summit_margin": 3}, route_vp={"south": 1}, budgets={"alpha": 5})
    return Scenario(evolve(sc.definition, tables={seats: table}), sc.world, sc.cards)


def test_case_194_a_table_plays_its_numbers_over_the_format():
    """rules §1.2, §1.5: a scenario may set numbers of its own for games of some seat counts (a table); a
    game with that many seats plays with them over the scenario's and its format's, a game with another
    count without them.
    Setup: case 143's scenario and lesson (margin 2, oil 15, route south 4 VP; alpha's budget 8) with a table
    that sets margin 3, route south 1 VP and alpha's budget 5: for two seats, or for three to nine. Alpha's
    west standing 3: league 5 against union 3 (a lead of 2).
    Actions: the summit closing era one of a two-seat lesson, under each table.
    Expect: both lessons start oil at 15 (the format's; the table sets no price). With the two-seat table
    alpha starts with 5, the league does not dominate (the table's margin 3) and the route is worth 1; with
    the three-to-nine table alpha starts with 8, the league dominates (the format's margin 2) and the route
    is worth 4."""
    lesson = _with_lesson(mini())
    oil = lesson.commodity_index["oil"]
    dominant = {}
    for seats in ("2", "3-9"):
        sc = _with_table(lesson, seats)
        game = with_standing(sc, fresh(sc, length="lesson"), "alpha", "west", 3)
        assert game.prices[oil] == 15
        _, log = _summit(sc, with_flows(sc, game))
        summit = entries(log, "summit_held")[0].dominant
        dominant[seats] = (game.budget[ALPHA], summit, sc.played("lesson", 2).routes[0].vp)
    assert dominant == {"2": (5, "", 1), "3-9": (8, "league", 4)}
