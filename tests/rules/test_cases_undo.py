"""Rule cases 150-157: what undo may take back (rules §16.3) — a seat's private, unrevealed choices only.

Each case applies actions through the public `rules.apply` and asks `rules.undo.undoable` about each one.
"""

from __future__ import annotations

from attrs import evolve

from rules import apply
from rules.action import (
    Action,
    Advance,
    Answer,
    Choose,
    EndTurn,
    KeepObjective,
    PassTurn,
    PlaceInfluence,
    PlayCard,
    PlayEvent,
    Propose,
    UseOps,
)
from rules.rng import Rng
from rules.scenario import Scenario
from rules.state import GameState
from rules.undo import undoable
from tests.rules.helpers import ALPHA, BETA, at_actions, at_engine_step, fresh, mini, mini_plus, run_engine


def _flags(sc: Scenario, st: GameState, *actions: Action) -> tuple[GameState, list[bool]]:
    """Apply actions in order; the final state and, per action, whether the rules let it be taken back."""
    flags = []
    for action in actions:
        after, entries = apply(sc, st, action)
        flags.append(undoable(st, action, after, entries))
        st = after
    return st, flags


def _negotiate(sc: Scenario, seat: str = "alpha") -> GameState:
    """`seat` has taken c1 for negotiate ops."""
    st = at_actions(sc, seat, hands={seat: ("c1",)})
    st, flags = _flags(sc, st, PlayCard(seat, "c1"), UseOps(seat, "negotiate"))
    assert flags == [True, True]
    return st


def test_case_150_a_seats_own_unrevealed_choices_may_be_taken_back():
    """rules §16.3: within its turn a seat may take back what only it decided.
    Setup: alpha to act with c6. Actions: take c6, use it for influence, place influence in gamma.
    Expect: each of the three may be taken back (alpha still acts, nothing drawn, revealed or answered)."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c6",)})
    _, flags = _flags(sc, st, PlayCard("alpha", "c6"), UseOps("alpha", "influence"), PlaceInfluence("alpha", "gamma"))
    assert flags == [True, True, True]


def test_case_151_a_resolved_headline_is_a_boundary():
    """rules §6.7, §16.3: the reveal resolves the headlines; nothing before it comes back.
    Setup: the reveal with alpha's c6 and beta's c4 (alpha chooses c4's option) queued.
    Actions: the engine reveals; alpha chooses x, which resumes the reveal (c6 resolves).
    Expect: neither the engine's reveal nor alpha's choice that revealed the next headline is undoable."""
    sc = mini()
    st = at_engine_step(fresh(sc), "reveal", headlines=("c6", "c4"), objectives=("", ""))
    after, entries = apply(sc, st, Advance())
    assert not undoable(st, Advance(), after, entries)
    assert after.to_act == ALPHA and after.choice is not None
    end, flags = _flags(sc, after, Choose("alpha", "x"))
    assert flags == [False] and end.phase == "actions"


def test_case_152_a_non_player_or_patron_answer_is_a_boundary():
    """rules §15.3, §16.3: a proposal answered by a non-player state or a patron cannot be taken back — a
    seat may not propose, see the answer and try again.
    Setup: alpha holds c1 for negotiate. Actions: transit on g_w to gamma (rejected: no influence);
    separately an investment from the patron west (accepted).
    Expect: neither proposal is undoable; what came before it still is."""
    sc = mini()
    _, flags = _flags(sc, _negotiate(sc), Propose("alpha", "gamma", "transit", "g_w"))
    assert flags == [False]
    st, flags = _flags(sc, _negotiate(sc), Propose("alpha", "west", "investment"))
    assert flags == [False] and st.agreements


def test_case_153_a_signed_agreement_is_a_boundary():
    """rules §7.5, §8.1, §16.3: a proposal to a seat hands the decision over; its acceptance signs.
    Setup: alpha holds c1 for negotiate. Actions: transit on a_b to beta; beta accepts.
    Expect: the proposal is not undoable (beta acts next), nor is beta's answer (alpha acts next, an
    agreement is signed)."""
    sc = mini()
    st, flags = _flags(sc, _negotiate(sc), Propose("alpha", "beta", "transit", "a_b"), Answer("beta", True))
    assert flags == [False, False] and len(st.agreements) == 1 and st.to_act == ALPHA


def test_case_154_a_rejection_is_a_boundary():
    """rules §7.5, §16.3: a refused proposal is an answer like any other.
    Setup: as case 153. Actions: beta refuses. Expect: the refusal is not undoable; no agreement."""
    sc = mini()
    st, flags = _flags(sc, _negotiate(sc), Propose("alpha", "beta", "transit", "a_b"), Answer("beta", False))
    assert flags == [False, False] and st.agreements == ()


def test_case_155_a_card_draw_is_a_boundary():
    """rules §5.2, §16.3: cards dealt are never taken back, and no action that drew a random number is.
    Setup: a new game. Actions: the engine deals. Expect: its step is not undoable. Then an own choice that
    would be undoable is not once the random stream moved during it."""
    sc = mini()
    st = fresh(sc)
    after, entries = apply(sc, st, Advance())
    assert after.rng != st.rng and not undoable(st, Advance(), after, entries)
    st = at_actions(sc, hands={"alpha": ("c6",)})
    after, entries = apply(sc, st, PlayCard("alpha", "c6"))
    assert undoable(st, PlayCard("alpha", "c6"), after, entries)
    drawn = evolve(after, rng=Rng(after.rng.seed, after.rng.counter + 1))
    assert not undoable(st, PlayCard("alpha", "c6"), drawn, entries)


def test_case_156_a_choice_made_by_another_is_a_boundary():
    """rules §6.8, §16.3: a choice belongs to the affected state.
    Setup and actions: alpha plays c9 as an event (gamma, a non-player state, takes its first option);
    beta plays c4 as an event (alpha chooses), alpha chooses x; alpha plays c4 itself and chooses x.
    Expect: gamma's and alpha's choices on beta's card are boundaries; alpha's own event and own choice
    may be taken back."""
    sc = mini_plus()
    _, flags = _flags(sc, at_actions(sc, hands={"alpha": ("c9",)}), PlayCard("alpha", "c9"), PlayEvent("alpha"))
    assert flags == [True, False]
    st = at_actions(sc, "beta", hands={"beta": ("c4",)})
    st, flags = _flags(sc, st, PlayCard("beta", "c4"), PlayEvent("beta"), Choose("alpha", "x"))
    assert flags == [True, False, False] and st.to_act == BETA
    st = at_actions(sc, hands={"alpha": ("c4",)})
    _, flags = _flags(sc, st, PlayCard("alpha", "c4"), PlayEvent("alpha"), Choose("alpha", "x"))
    assert flags == [True, True, True]


def test_case_157_committing_and_the_engines_steps_are_boundaries():
    """rules §16.3: ending or passing a turn and keeping an interest commit; the engine's steps are never
    taken back.
    Setup: alpha's turn done; beta with no card; the deal of national interests.
    Expect: EndTurn, PassTurn, KeepObjective and every engine step are not undoable."""
    sc = mini()
    st = at_actions(sc, hands={"alpha": ("c6",)})
    st, flags = _flags(sc, st, PlayCard("alpha", "c6"), UseOps("alpha", "influence"), PlaceInfluence("alpha", "gamma"))
    _, flags = _flags(sc, st, EndTurn("alpha"))
    assert flags == [False]
    _, flags = _flags(sc, at_actions(sc, "beta", hands={"beta": ()}), PassTurn("beta"))
    assert flags == [False]
    st, _ = run_engine(sc, fresh(sc))
    _, flags = _flags(sc, st, KeepObjective("alpha", st.offers[ALPHA][0]))
    assert flags == [False]
