"""Rule cases 126-138 and 142: hidden information, legal_actions against why_illegal, and error types (rules §16)."""

from __future__ import annotations

import pytest
from attrs import evolve

from rules import IllegalActionError, InvalidActionError, apply, legal_actions, observer_view, player_view, why_illegal
from rules.action import (
    Advance,
    Answer,
    ApplyPressure,
    BuildLink,
    EndTurn,
    KeepObjective,
    PlaceInfluence,
    PlayCard,
    PlayEvent,
    Propose,
    UseOps,
    from_json,
    sort_key,
)
from rules.log import is_visible
from rules.scoring import finish
from rules.state import GameState
from rules.verbs import VERBS
from rules.verbs.negotiate import DEAL_KINDS
from rules.verbs.pressure import PRESSURE_KINDS
from tests.rules.helpers import (
    at_actions,
    entries,
    fresh,
    mini,
    play,
    run_engine,
    turn_with_card,
    use_ops,
    with_influence,
)


def _dealt(sc):  # type: ignore[no-untyped-def]
    """A game at its first sitting: hands dealt, alpha has kept its interest (beta keeps at its own)."""
    st, log = run_engine(sc, fresh(sc))
    st, more = play(sc, st, KeepObjective("alpha", st.offers[0][0]))
    return st, log + more


# --------------------------------------------------------------------------- player_view


def test_case_126_a_seat_sees_its_own_hand_and_only_counts_of_others():
    """rules §16.1: nothing private of another seat is shown (player_view).
    Setup: hands dealt. Expect: alpha's view holds alpha's cards and as many blanks as beta holds."""
    sc = mini()
    st, _ = _dealt(sc)
    view = player_view(st, "alpha")
    assert view.hands[0] == st.hands[0]
    assert view.hands[1] == ("",) * len(st.hands[1])


def test_case_127_interests_and_offers_stay_secret():
    """rules §13.1, §16.1: the national interest is secret.
    Setup: alpha has kept its interest, beta not yet. Expect: beta sees a blank for alpha's interest and no
    offer of alpha's, its own offers in full; alpha sees its kept interest and that beta has kept none yet."""
    sc = mini()
    st, _ = _dealt(sc)
    view = player_view(st, "beta")
    assert view.objectives == ("", None) and view.offers == ((), st.offers[1])
    assert player_view(st, "alpha").objectives == (st.objectives[0], None)


def test_case_128_the_deck_order_and_seed_are_hidden():
    """rules §16.1: a view cannot be used to predict the draws.
    Setup: hands dealt. Expect: the draw pile is blanks of the same length; the seed is 0, the counter kept."""
    sc = mini()
    st, _ = _dealt(sc)
    view = player_view(st, "alpha")
    assert view.draw_pile == ("",) * len(st.draw_pile)
    assert view.rng.seed == 0 and view.rng.counter == st.rng.counter


def test_case_129_an_observer_sees_nothing_private():
    """rules §16.1 (projector, cover screen): an observer sees only public information; private log entries
    (a dealt hand) are for their seat alone.
    Setup: hands dealt. Expect: every hand blank in the observer view; a cards_dealt entry is visible
    only to its seat."""
    sc = mini()
    st, log = _dealt(sc)
    view = observer_view(st)
    assert all(set(hand) <= {""} for hand in view.hands)
    dealt = entries(log, "cards_dealt")[0]
    assert is_visible(dealt, dealt.seat) and not is_visible(dealt, "beta" if dealt.seat == "alpha" else "alpha")
    assert not is_visible(dealt, None)


# --------------------------------------------------------------------------- legal_actions and why_illegal


def _candidates(sc, st: GameState) -> list:  # type: ignore[no-untyped-def]
    """Every well-formed action of the seat to act (and Advance), legal or not."""
    me = st.seats[st.to_act] if st.to_act >= 0 else "alpha"
    out: list = [Advance(), EndTurn(me), PlayEvent(me), Answer(me, True), Answer(me, False)]
    out += [PlayCard(me, c.id) for c in sc.cards] + [KeepObjective(me, o.id) for o in sc.objectives]
    out += [UseOps(me, v) for v in VERBS] + [PlaceInfluence(me, s.id) for s in sc.states]
    out += [BuildLink(me, lk.id) for lk in sc.links]
    for kind in PRESSURE_KINDS:
        pool = sc.links if kind in ("throttle", "cut", "restore") else sc.states
        out += [ApplyPressure(me, kind, t.id) for t in pool]
    partners = [s.id for s in sc.states] + [p.id for p in sc.patrons]
    for deal in DEAL_KINDS:
        if deal == "accession":
            out += [Propose(me, f"bloc:{b.id}", deal, b.id) for b in sc.blocs]
        elif deal in ("transit", "swap"):
            out += [Propose(me, p, deal, lk.id) for p in partners for lk in sc.links]
        else:
            out += [Propose(me, p, deal) for p in partners]
    return out


def _stages(sc):  # type: ignore[no-untyped-def]
    """A spread of decision points: a fresh turn, a played card, each verb chosen, a proposal to answer."""
    st = at_actions(sc, hands={"alpha": ("c1", "c3")}, state=with_influence(sc, fresh(sc), "beta", "gamma", 2))
    yield st
    played = play(sc, st, PlayCard("alpha", "c1"))[0]
    yield played
    for verb in VERBS:
        if why_illegal(sc, played, UseOps("alpha", verb)) is None:
            yield play(sc, played, UseOps("alpha", verb))[0]
    yield use_ops(sc, st, "alpha", "c1", "negotiate", Propose("alpha", "beta", "drill"))[0]


def test_case_130_legal_actions_and_why_illegal_agree():
    """rules §16.2: every action the engine forbids is shown with the reason; legal_actions lists the rest.
    Setup: several decision points. Expect: an action is in legal_actions exactly when why_illegal gives None."""
    sc = mini()
    for st in _stages(sc):
        legal = set(legal_actions(sc, st))
        for action in _candidates(sc, st):
            assert (why_illegal(sc, st, action) is None) == (action in legal), action


def test_case_131_legal_actions_are_sorted_and_belong_to_the_seat_to_act():
    """rules §16.4: a fixed order, so bots and replays are deterministic.
    Setup: several decision points. Expect: sorted by the action order; every action names the seat to act."""
    sc = mini()
    for st in _stages(sc):
        legal = legal_actions(sc, st)
        assert list(legal) == sorted(legal, key=sort_key)
        assert {getattr(a, "seat", None) for a in legal} == {st.seats[st.to_act]}


# --------------------------------------------------------------------------- error types


def test_case_132_reasons_come_in_a_fixed_order():
    """rules §16.2: why_illegal checks game_over, then not_your_turn, then wrong_phase, then wrong_stage.
    Setup: alpha's fresh turn in the action phase; the same game over.
    Expect: beta keeping an interest: not_your_turn (not wrong_phase); alpha keeping one outside the action
    phase: wrong_phase; alpha's influence before a card: wrong_stage; after the end, beta's keep: game_over."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c1",), "beta": ("c6",)})
    assert why_illegal(sc, st, KeepObjective("beta", "o1")) == "not_your_turn"
    assert why_illegal(sc, evolve(st, phase="headline"), KeepObjective("alpha", "o1")) == "wrong_phase"
    assert why_illegal(sc, st, PlaceInfluence("alpha", "gamma")) == "wrong_stage"
    ended = finish(st, "final", [])
    assert why_illegal(sc, ended, KeepObjective("beta", "o1")) == "game_over"


def test_case_133_apply_raises_the_reason_and_changes_nothing():
    """rules §16.4: apply refuses an illegal action with IllegalActionError carrying the reason code.
    Setup: alpha's fresh turn. Actions: EndTurn before any card. Expect: IllegalActionError(not_done)."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c1",)})
    with pytest.raises(IllegalActionError) as caught:
        apply(sc, st, EndTurn("alpha"))
    assert caught.value.reason == "not_done"
    assert st == at_actions(sc, hands={"alpha": ("c1",)})


@pytest.mark.parametrize(
    "action",
    [
        PlayCard("alpha", "no_such_card"),
        PlaceInfluence("alpha", "atlantis"),
        BuildLink("alpha", "no_link"),
        ApplyPressure("alpha", "bombard", "beta"),
        ApplyPressure("alpha", "cut", "gamma"),
        Propose("alpha", "beta", "alliance"),
        Propose("alpha", "bloc:nato", "accession", "nato"),
        UseOps("alpha", "spy"),
        EndTurn("omega"),
        Answer("alpha", "yes"),  # type: ignore[arg-type]
    ],
)
def test_case_134_unknown_ids_are_invalid_not_illegal(action):  # type: ignore[no-untyped-def]
    """rules §16.4: a malformed action (unknown card, state, link, kind, seat, a non-boolean answer) is an
    InvalidActionError — from why_illegal and from apply alike — never a reason code.
    Setup: alpha's fresh turn. Expect: InvalidActionError."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c1",)})
    with pytest.raises(InvalidActionError):
        why_illegal(sc, st, action)
    with pytest.raises(InvalidActionError):
        apply(sc, st, action)


def test_case_135_malformed_json_actions_are_invalid():
    """rules §16.4: a JSON action log; a log line that is not an action is an InvalidActionError.
    Expect: an unknown kind, a missing field and a non-object are all refused."""
    for data in ({"kind": "nuke"}, {"kind": "end_turn"}, ["end_turn"]):
        with pytest.raises(InvalidActionError):
            from_json(data)
    assert from_json({"kind": "end_turn", "seat": "alpha"}) == EndTurn("alpha")


def test_case_136_a_malformed_action_is_invalid_even_after_the_end():
    """rules §16.2; decided: a malformed action is reported as malformed before any rule is checked.
    Setup: a finished game. Expect: an unknown card is an InvalidActionError, not game_over."""
    sc = mini()
    ended = finish(at_actions(sc), "final", [])
    with pytest.raises(InvalidActionError):
        why_illegal(sc, ended, PlayCard("alpha", "no_such_card"))


def test_case_137_a_reason_that_cannot_be_fixed_comes_before_one_of_cost():
    """rules §16.2 ("why not?"); decided: within an action's own checks, what you may not do at all is named
    before what you cannot afford.
    Setup: beta with c6 (1 op) taken for pressure; a_e lies only in alpha. Expect: cut a_e is not_controller
    (not too_costly)."""
    sc = mini()
    st = turn_with_card(at_actions(sc, "beta"), "c6", "pressure")
    assert why_illegal(sc, st, ApplyPressure("beta", "cut", "a_e")) == "not_controller"


def test_case_138_only_the_engine_may_advance():
    """rules §5.1: automated steps belong to the engine.
    Setup: alpha's turn. Expect: Advance is not_your_turn; it is the only legal action when the engine is next."""
    sc = mini()
    assert why_illegal(sc, at_actions(sc), Advance()) == "not_your_turn"
    assert legal_actions(sc, fresh(sc)) == (Advance(),)


def test_case_142_a_listed_action_is_checked_again_on_any_other_state():
    """rules §16.4; decided: apply trusts legal_actions' answer only for the very state it was given, so an
    action object listed for one state is checked in full on another, whatever was listed in between.
    Setup: alpha's turn; alpha's listed PlayCard objects; then beta's listed actions on beta's turn.
    Expect: the listed objects are refused on beta's turn (not_your_turn), and still apply on alpha's."""
    sc = mini()
    hands = {"alpha": ("c1", "c2"), "beta": ("c3",)}
    mine = at_actions(sc, "alpha", hands)
    listed = [a for a in legal_actions(sc, mine) if isinstance(a, PlayCard)]
    assert listed
    theirs = at_actions(sc, "beta", hands)
    legal_actions(sc, theirs)
    for action in listed:
        with pytest.raises(IllegalActionError) as refused:
            apply(sc, theirs, action)
        assert refused.value.reason == "not_your_turn"
    legal_actions(sc, theirs)  # listed in between: the answer for `mine` is gone, the full check runs
    after, _ = apply(sc, mine, listed[0])
    assert after.turn is not None and after.turn.card == listed[0].card
