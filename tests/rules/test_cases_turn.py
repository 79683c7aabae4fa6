"""Rule cases 001-018 and 178: the round, the turn, the clock and playing a card (rules §5, §6)."""

from __future__ import annotations

from attrs import evolve

from rules import legal_actions, why_illegal
from rules.action import (
    Advance,
    Answer,
    EndTurn,
    KeepObjective,
    PassTurn,
    PlaceInfluence,
    PlayCard,
    PlayEvent,
    Propose,
    UseOps,
)
from rules.scoring import score_objectives
from rules.state import ENGINE
from tests.rules.helpers import (
    ALPHA,
    BETA,
    at_actions,
    at_engine_step,
    entries,
    fresh,
    kinds,
    mini,
    play,
    run_engine,
    use_ops,
    with_seat,
)


def test_case_001_new_game_waits_for_the_engine_to_deal():
    """rules §5.1: every phase is automated except the decisions.
    Setup: a new mini game. Actions: none.
    Expect: phase deal, the engine is to act, and Advance is the only legal action."""
    sc = mini()
    st = fresh(sc)
    assert st.phase == "deal" and st.to_act == ENGINE
    assert legal_actions(sc, st) == (Advance(),)


def test_case_002_each_seat_draws_two_interests_and_keeps_one():
    """rules §4.2: one secret national interest per seat — draw two, keep one, at the start of the seat's
    first sitting.
    Setup: a new mini game. Actions: the engine deals and runs the news; alpha keeps one offered interest.
    Expect: two offered each; the first sitting (alpha's) opens with the keep, nothing else allowed; the kept
    interest is recorded and alpha's turn goes on; beta has kept nothing yet."""
    sc = mini()
    st, _ = run_engine(sc, fresh(sc))
    assert st.phase == "actions" and st.to_act == ALPHA and all(len(o) == 2 for o in st.offers)
    assert set(legal_actions(sc, st)) == {KeepObjective("alpha", o) for o in st.offers[ALPHA]}
    assert why_illegal(sc, st, PlayCard("alpha", st.hands[ALPHA][0])) == "wrong_stage"
    st, _ = play(sc, st, KeepObjective("alpha", st.offers[ALPHA][0]))
    assert st.objectives == (st.offers[ALPHA][0], None)
    assert st.to_act == ALPHA and all(isinstance(a, PlayCard) for a in legal_actions(sc, st))


def test_case_003_an_interest_not_offered_cannot_be_kept():
    """rules §4.2: a seat keeps one of the interests it drew.
    Setup: the mini game after the deal. Actions: alpha keeps an interest it was not offered.
    Expect: illegal, reason not_offered."""
    sc = mini()
    st, _ = run_engine(sc, fresh(sc))
    missing = next(o.id for o in sc.objectives if o.id not in st.offers[ALPHA])
    assert why_illegal(sc, st, KeepObjective("alpha", missing)) == "not_offered"


def test_case_004_news_fills_every_hand():
    """rules §5.2: the round starts by drawing the era's cards.
    Setup: the mini game (hand size 3) after the deal. Actions: the engine's news step.
    Expect: each seat holds 3 cards; no seat picks a headline: the first turn follows (alpha first)."""
    sc = mini()
    st, log = run_engine(sc, fresh(sc))
    assert [len(h) for h in st.hands] == [3, 3]
    assert st.phase == "actions" and st.to_act == ALPHA
    assert "round_began" in kinds(log)


def test_case_005_lowest_score_takes_the_first_turn():
    """rules §5.4: seats take turns, lowest score first.
    Setup: a game at reveal with no headlines; beta has fewer points than alpha. Actions: the engine reveals.
    Expect: beta holds the first turn, and the queue gives every seat two turns (turns_per_round 2), back to back."""
    sc = mini()
    st = at_engine_step(fresh(sc), "reveal", vp=(3, 1), hands=(("c1",), ("c6",)))
    st, _ = run_engine(sc, st)
    assert st.phase == "actions" and st.to_act == BETA
    assert st.queue == (BETA, BETA, ALPHA, ALPHA)


def test_case_178_a_seat_takes_its_two_turns_back_to_back():
    """rules §5.4: each seat takes its 2 turns back to back; the next seat begins when it has ended both.
    Setup: reveal with no headlines, alpha behind on points; alpha holds c1 and c6, beta c2.
    Actions: the engine reveals; alpha plays c1 for influence and ends its turn, then c6 and ends again.
    Expect: alpha holds the turn after its first one ends; beta only after alpha's second; then beta twice."""
    sc = mini()
    st = at_engine_step(fresh(sc), "reveal", vp=(1, 3), hands=(("c1", "c6"), ("c2",)))
    st, _ = run_engine(sc, st)
    st, _ = use_ops(sc, st, "alpha", "c1", "influence", PlaceInfluence("alpha", "gamma"))
    st, _ = play(sc, st, EndTurn("alpha"))
    assert st.to_act == ALPHA and st.queue == (ALPHA, BETA, BETA)
    st, _ = use_ops(sc, st, "alpha", "c6", "influence", PlaceInfluence("alpha", "gamma"))
    st, _ = play(sc, st, EndTurn("alpha"))
    assert st.to_act == BETA and st.queue == (BETA, BETA)


def test_case_006_equal_scores_go_in_seat_order():
    """rules §5.4: lowest score first; decided: on equal scores, seat order.
    Setup: reveal with both seats on 2 points. Actions: the engine reveals.
    Expect: alpha (the first seat) takes the first turn."""
    sc = mini()
    st, _ = run_engine(sc, at_engine_step(fresh(sc), "reveal", vp=(2, 2), hands=(("c1",), ("c6",))))
    assert st.to_act == ALPHA


def test_case_007_a_turn_is_one_card_then_end():
    """rules §5.5: a turn plays one card, for its event or for its ops.
    Setup: alpha to act holding c1 and c6. Actions: play c1 for influence in gamma.
    Expect: after the ops the only legal action is EndTurn; c6 cannot be played in the same turn."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c1", "c6")})
    st, _ = use_ops(sc, st, "alpha", "c1", "influence", PlaceInfluence("alpha", "gamma"))
    assert legal_actions(sc, st) == (EndTurn("alpha"),)
    assert why_illegal(sc, st, PlayCard("alpha", "c6")) == "wrong_stage"


def test_case_008_end_turn_needs_a_finished_turn():
    """rules §5.5: a turn plays one card before it ends.
    Setup: alpha to act, no card played yet. Actions: EndTurn.
    Expect: illegal, reason not_done."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c1",)})
    assert why_illegal(sc, st, EndTurn("alpha")) == "not_done"


def test_case_009_pass_only_with_an_empty_hand():
    """rules §5.5: a turn plays a card; decided: a seat with no cards left passes.
    Setup: alpha to act with a card; then with an empty hand. Actions: PassTurn each time.
    Expect: has_cards with a card in hand; with none, PassTurn is the only legal action and the turn moves on."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c1",)})
    assert why_illegal(sc, st, PassTurn("alpha")) == "has_cards"
    st = at_actions(sc, hands={"alpha": ()})
    assert legal_actions(sc, st) == (PassTurn("alpha"),)
    st, log = play(sc, st, PassTurn("alpha"))
    assert st.to_act == BETA and kinds(log) == ["turn_passed"]


def test_case_010_the_last_turn_leads_to_flows_then_cleanup():
    """rules §5.1, §5.6: after the actions the headlines are kept back, the flows run, then cleanup.
    Setup: round 1 of 2, beta holds the last turn of the queue and has finished it. Actions: EndTurn, engine.
    Expect: flows are routed (budget grows by income), no summit mid-era, and round 2's news follows."""
    sc = mini()
    st = at_actions(sc, "beta", hands={"beta": ("c6",)})
    st = evolve(st, queue=(BETA,))
    st, _ = use_ops(sc, st, "beta", "c6", "influence", PlaceInfluence("beta", "gamma"))
    st, _ = play(sc, st, EndTurn("beta"))
    assert st.phase == "headline" and st.to_act == ENGINE
    st, _ = play(sc, st, Advance())
    assert st.phase == "flows" and st.to_act == ENGINE
    before = st.budget
    st, log = play(sc, st, Advance())
    assert st.budget == (before[0] + 3, before[1] + 2)
    assert st.phase == "cleanup"
    st, log = play(sc, st, Advance())
    assert st.round == 2 and st.absolute_round == 2 and st.phase == "news"
    assert "summit_held" not in kinds(log)


def test_case_011_cleanup_eases_tension_by_one_but_not_below_one():
    """rules §5.6: cleanup — tension eases by one (the track runs 1-6).
    Setup: cleanup with tension 3; again with tension 1. Actions: the engine's cleanup step.
    Expect: 3 -> 2; 1 stays 1."""
    sc = mini()
    st, _ = play(sc, at_engine_step(fresh(sc), "cleanup", tension=3), Advance())
    assert st.tension == 2
    st, _ = play(sc, at_engine_step(fresh(sc), "cleanup", tension=1), Advance())
    assert st.tension == 1


def test_case_012_the_era_ends_after_its_last_round():
    """rules §5.7: an era is a hand of rounds; a summit closes it, then the next era begins.
    Setup: flows of round 2, the last round of era one (of two). Actions: the engine's steps.
    Expect: a summit is held, then era two begins at round 1 with its cards shuffled in."""
    sc = mini()
    st = at_engine_step(fresh(sc), "flows", round=2, absolute_round=2)
    st, log = play(sc, st, Advance())
    assert st.phase == "summit"
    st, log = play(sc, st, Advance(), Advance())
    assert "summit_held" in kinds(log)
    assert (st.era, st.round, st.absolute_round, st.phase) == (1, 1, 3, "news")


def test_case_013_short_length_ends_after_one_era():
    """rules §1.2: Short plays fewer eras than Full (the mini scenario: 1 era against 2).
    Setup: a short game at the summit of era one's last round. Actions: the engine's summit step.
    Expect: the game is over with reason final."""
    sc = mini()
    st = at_engine_step(fresh(sc, length="short"), "summit", round=2, absolute_round=2)
    st, log = play(sc, st, Advance())
    assert st.outcome is not None and st.outcome.reason == "final"
    assert st.phase == "over" and legal_actions(sc, st) == ()


def test_case_014_ops_modifier_applies_to_the_next_ops_card_only():
    """rules §6.3: an event can change a seat's ops ("ops" effect: the next card played for ops).
    Setup: alpha with an ops modifier of +1 holds c1 (2 ops) and c6 (1 op). Actions: c1 for influence in gamma.
    Expect: 3 influence placed, and the modifier is spent (back to 0)."""
    sc = mini()
    st = with_seat(at_actions(sc, hands={"alpha": ("c1", "c6")}), "ops_mod", "alpha", 1)
    st, log = use_ops(sc, st, "alpha", "c1", "influence", PlaceInfluence("alpha", "gamma"))
    assert st.influence[ALPHA][2] == 3
    assert st.ops_mod[ALPHA] == 0
    assert entries(log, "ops_used")[0].ops == 3


def test_case_015_own_or_neutral_event_may_be_played():
    """rules §6.4: a turn plays a card for its event.
    Setup: alpha holds c2 (favours alpha: +2 budget to the player). Actions: PlayCard, PlayEvent.
    Expect: alpha's budget rises by 2; the once-only card is removed from the game."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c2",)})
    st, _ = play(sc, st, PlayCard("alpha", "c2"), PlayEvent("alpha"))
    assert st.budget[ALPHA] == 10
    assert "c2" in st.removed and "c2" not in st.discard


def test_case_016_rival_event_cannot_be_played_as_event():
    """rules §6.4: a card whose event favours another seat can only be played for ops.
    Setup: alpha holds c3 (favours beta). Actions: PlayCard then PlayEvent.
    Expect: PlayEvent is illegal with reason event_favours_rival, and not offered among legal actions."""
    sc = mini()
    st, _ = play(sc, at_actions(sc, hands={"alpha": ("c3",)}), PlayCard("alpha", "c3"))
    assert why_illegal(sc, st, PlayEvent("alpha")) == "event_favours_rival"
    assert PlayEvent("alpha") not in legal_actions(sc, st)
    assert UseOps("alpha", "influence") in legal_actions(sc, st)


def test_case_017_ops_on_a_rival_card_fire_its_event_for_the_rival():
    """rules §6.6: playing a card for ops whose event favours another seat fires that event for them.
    Setup: alpha holds c3 (1 op; favours beta: +2 influence in gamma to the player). Actions: c3 for influence in gamma.
    Expect: alpha gains 1 in gamma, beta gains 2 there; the once-only card is removed."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c3",)})
    st, log = use_ops(sc, st, "alpha", "c3", "influence", PlaceInfluence("alpha", "gamma"))
    assert st.influence[ALPHA][2] == 1 and st.influence[BETA][2] == 2
    assert entries(log, "event_fired")[0].for_seat == "beta"
    assert "c3" in st.removed


def test_case_018_ops_on_a_neutral_card_discard_it():
    """rules §6.2, §6.5: a card played for ops does not fire; decided: it goes to the discards and may come back.
    Setup: alpha holds c1 (neutral, tension event). Actions: c1 for influence in gamma.
    Expect: tension unchanged; c1 in the discards, not removed."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c1",)})
    st, _ = use_ops(sc, st, "alpha", "c1", "influence", PlaceInfluence("alpha", "gamma"))
    assert st.tension == 2
    assert "c1" in st.discard and "c1" not in st.removed


def _sit_out(sc, st, seat: str):  # type: ignore[no-untyped-def]
    """Play `seat`'s sitting to its end: each turn its first card for ops on the first verb and target listed."""
    while st.to_act == st.seat_index(seat):
        legal = legal_actions(sc, st)
        st, _ = play(sc, st, next((a for a in legal if not isinstance(a, (PlayEvent, Propose))), legal[0]))
    return st


def test_case_191_a_seat_keeps_its_interest_as_its_first_sitting_opens():
    """rules §4.2, §5.4: a seat keeps its national interest at the start of its first sitting, and only then
    plays; the seats after it keep theirs when their own sittings open.
    Setup: a new mini game. Actions: the deal and the news; alpha keeps an interest and takes its two turns.
    Expect: beta's sitting opens with only its two interests to keep; having kept one it plays a card."""
    sc = mini()
    st, _ = run_engine(sc, fresh(sc))
    st, _ = play(sc, st, KeepObjective("alpha", st.offers[ALPHA][1]))
    st = _sit_out(sc, st, "alpha")
    assert st.phase == "actions" and st.to_act == BETA and st.objectives == (st.offers[ALPHA][1], None)
    assert set(legal_actions(sc, st)) == {KeepObjective("beta", o) for o in st.offers[BETA]}
    assert why_illegal(sc, st, PlayCard("beta", st.hands[BETA][0])) == "wrong_stage"
    st, _ = play(sc, st, KeepObjective("beta", st.offers[BETA][0]))
    assert why_illegal(sc, st, KeepObjective("beta", st.offers[BETA][1])) == "wrong_stage"
    assert PlayCard("beta", st.hands[BETA][0]) in legal_actions(sc, st)


def test_case_192_a_seat_answers_a_proposal_before_it_has_kept_an_interest():
    """rules §4.2, §10: a proposal is answered at once, whether or not the partner has kept its interest yet.
    Setup: alpha (interest kept) to act with c1; beta has kept none (offered o2, o3).
    Actions: alpha proposes a drilling deal to beta; beta accepts; alpha ends its turn.
    Expect: beta's only choices are to answer; its sitting then opens with its interest to keep."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c1",), "beta": ("c6",)})
    st = evolve(st, objectives=("o1", None), offers=(("o1", "o2"), ("o2", "o3")), queue=(ALPHA, BETA))
    st, _ = use_ops(sc, st, "alpha", "c1", "negotiate", Propose("alpha", "beta", "drill"))
    assert st.to_act == BETA and set(legal_actions(sc, st)) == {Answer("beta", True), Answer("beta", False)}
    assert why_illegal(sc, st, KeepObjective("beta", "o2")) == "wrong_stage"
    st, _ = play(sc, st, Answer("beta", True), EndTurn("alpha"))
    assert st.to_act == BETA
    assert set(legal_actions(sc, st)) == {KeepObjective("beta", "o2"), KeepObjective("beta", "o3")}


def test_case_193_a_seat_that_never_sat_keeps_no_interest_and_scores_none():
    """rules §4.2, §14.3: a seat whose sittings a crisis cut short keeps its interest when its next sitting
    opens; if the game ends first it has none, and none is revealed or scored for it.
    Setup: round 2, beta's sitting, beta offered o2 and o3 and nothing kept. Then the game's last summit with
    alpha holding o3 (budget 10 or more: met) and beta still none.
    Expect: beta's sitting opens with the keep; at the end only alpha's interest is revealed and scored."""
    sc = mini()
    st = evolve(at_actions(sc, "beta", hands={"beta": ("c6",)}), round=2, offers=((), ("o2", "o3")))
    st = evolve(st, objectives=("o3", None))
    assert set(legal_actions(sc, st)) == {KeepObjective("beta", "o2"), KeepObjective("beta", "o3")}
    log: list = []
    scored = score_objectives(sc, with_seat(st, "budget", "alpha", 12), log)
    assert [e.seat for e in entries(log, "objective_revealed")] == ["alpha"]
    assert scored.vp[ALPHA] > st.vp[ALPHA] and scored.vp[BETA] == st.vp[BETA]
