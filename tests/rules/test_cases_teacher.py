"""Rule cases 170-177: the teacher's interventions (rules §17) — legal for the teacher whoever is to act, never
offered to a seat, each logged in public, an injected card's identity hidden until it is dealt."""

from __future__ import annotations

import pytest
from attrs import evolve

from rules import apply, legal_actions, player_view, why_illegal
from rules.action import from_json, to_json
from rules.errors import InvalidActionError, Reason
from rules.log import is_visible
from rules.state import Phase
from rules.teacher import TEACHER_ACTIONS, InjectCard, RevealAll, SetTension, TeacherNote, WithholdCard
from rules.view import HIDDEN
from tests.rules.helpers import at_actions, entries, hand_of, mini, run_engine


def _mid_era():
    """alpha to act in round 1 of a two-round era, c1..c3 left in the draw pile (c3 on top)."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c6",)}, draw_pile=("c3", "c2", "c1"), round=1)
    return sc, st


def test_case_170_an_injected_card_is_dealt_first_next_round_and_hidden_until_then():
    """rules §17: the teacher may put a card still in the draw pile on top; it is dealt first next round.
    Setup: alpha to act, the pile c3, c2, c1. Action: inject c1.
    Expect: c1 on top; a public entry that names no card; every seat's view of the pile hidden; the next deal
    gives c1 to the first seat dealt."""
    sc, st = _mid_era()
    after, log = apply(sc, st, InjectCard("c1"))
    assert after.draw_pile == ("c1", "c3", "c2")
    assert [(e.what, e.detail) for e in entries(log, "teacher_acted")] == [("inject", "")]
    assert all(is_visible(e, None) for e in log)
    assert all("c1" not in repr(e) for e in log)
    for seat in after.seats:
        assert player_view(after, seat).draw_pile == (HIDDEN,) * 3
    assert after.to_act == st.to_act and after.phase == st.phase
    dealt = evolve(after, phase=Phase.NEWS, to_act=-1, queue=(), turn=None, round=2, hands=((), ()))
    dealt, _ = run_engine(sc, dealt, limit=1)
    assert "c1" in hand_of(dealt, dealt.seats[0]) + hand_of(dealt, dealt.seats[1])


def test_case_171_a_card_not_in_the_draw_pile_cannot_be_injected_or_withheld():
    """rules §17: only a card still in the draw pile. Setup: as case 170, c6 in alpha's hand.
    Expect: inject c6 and withhold c6 refused with not_in_pile."""
    sc, st = _mid_era()
    assert why_illegal(sc, st, InjectCard("c6")) == Reason.NOT_IN_PILE
    assert why_illegal(sc, st, WithholdCard("c6")) == Reason.NOT_IN_PILE


def test_case_172_no_injection_when_the_next_round_opens_an_era():
    """rules §17: the deck is shuffled anew when an era opens, so a card cannot be kept on top then.
    Setup: the era's last round. Expect: inject refused with deck_reshuffled; withhold still allowed."""
    sc, st = _mid_era()
    last = evolve(st, round=sc.definition.eras[0].rounds)
    assert why_illegal(sc, last, InjectCard("c1")) == Reason.DECK_RESHUFFLED
    assert why_illegal(sc, last, WithholdCard("c1")) is None


def test_case_173_a_withheld_card_leaves_the_game():
    """rules §17: withhold takes a card still in the pile out of the game. Setup: as case 170.
    Action: withhold c2. Expect: c2 gone from the pile, among the removed cards; a public entry."""
    sc, st = _mid_era()
    after, log = apply(sc, st, WithholdCard("c2"))
    assert after.draw_pile == ("c3", "c1") and after.removed[-1] == "c2"
    assert [e.what for e in entries(log, "teacher_acted")] == ["withhold"]


def test_case_174_the_teacher_sets_tension_below_a_crisis():
    """rules §17: the teacher sets the tension track anywhere from 1 to one below the crisis level.
    Setup: tension 2. Actions: set 4; set 0; set the crisis level.
    Expect: 4, logged as the teacher's with the change; 0 and the crisis level refused with out_of_range."""
    sc, st = _mid_era()
    after, log = apply(sc, st, SetTension(4))
    assert after.tension == 4 and not after.era_over
    assert [(e.what, e.detail) for e in entries(log, "teacher_acted")] == [("tension", "4")]
    assert [(e.amount, e.tension) for e in entries(log, "tension_changed")] == [(4 - st.tension, 4)]
    assert why_illegal(sc, st, SetTension(0)) == Reason.OUT_OF_RANGE
    assert why_illegal(sc, st, SetTension(sc.rules.crisis_level)) == Reason.OUT_OF_RANGE


def test_case_175_reveal_and_notes_leave_a_public_mark_and_change_nothing_else():
    """rules §17: the teacher's look at every hand, a pause or a seat handed to a bot are public marks only.
    Expect: each logs one public teacher_acted; the board is the same but for the step count; an unknown topic
    or an overlong note is refused with out_of_range."""
    sc, st = _mid_era()
    for action, mark in (
        (RevealAll(), ("reveal", "")),
        (TeacherNote("pause", ""), ("pause", "")),
        (TeacherNote("player", "alpha:greedy"), ("player", "alpha:greedy")),
    ):
        after, log = apply(sc, st, action)
        assert [(e.what, e.detail) for e in log] == [mark]
        assert evolve(after, steps=st.steps) == st
    assert why_illegal(sc, st, TeacherNote("dance", "")) == Reason.OUT_OF_RANGE
    assert why_illegal(sc, st, TeacherNote("timer", "9" * 81)) == Reason.OUT_OF_RANGE


def test_case_176_the_teacher_acts_whoever_is_to_act_but_never_seats():
    """rules §17: the teacher's actions wait for no seat and are never among a seat's legal actions; after the
    game is over they are refused like any other. Expect: legal while alpha or beta is to act; no teacher
    action in legal_actions; game_over once the game has ended."""
    sc, st = _mid_era()
    for to_act in (0, 1):
        assert why_illegal(sc, evolve(st, to_act=to_act), RevealAll()) is None
    assert not any(isinstance(a, TEACHER_ACTIONS) for a in legal_actions(sc, st))
    over = evolve(st, outcome=object(), to_act=-2)
    assert why_illegal(sc, over, RevealAll()) == Reason.GAME_OVER


def test_case_177_teacher_actions_round_trip_through_json_and_reject_bad_fields():
    """rules §17: a save replays the teacher's actions. Expect: each survives to_json/from_json; an unknown
    card or a tension given as text is malformed (InvalidActionError)."""
    for action in (InjectCard("c1"), WithholdCard("c2"), SetTension(3), RevealAll(), TeacherNote("timer", "90")):
        assert from_json(to_json(action)) == action
    sc, st = _mid_era()
    with pytest.raises(InvalidActionError):
        why_illegal(sc, st, InjectCard("nope"))
    with pytest.raises(InvalidActionError):
        why_illegal(sc, st, SetTension("3"))  # type: ignore[arg-type]
