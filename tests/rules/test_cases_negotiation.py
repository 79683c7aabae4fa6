"""Rule cases 048-066: proposals, answers, agreements and bloc accession (rules §7.5, §8, §12.2)."""

from __future__ import annotations

from rules import legal_actions, why_illegal
from rules.action import Advance, Answer, EndTurn, PlayCard, PlayEvent, Propose
from rules.scenario import Scenario
from rules.state import GameState
from tests.rules.helpers import (
    ALPHA,
    BETA,
    at_actions,
    at_engine_step,
    entries,
    fresh,
    idx,
    mini,
    mini_plus,
    play,
    turn_with_card,
    use_ops,
    with_agreement,
    with_influence,
    with_members,
    with_seat,
)


def _propose(sc: Scenario, st: GameState, proposal: Propose, card: str = "c1") -> tuple[GameState, list]:
    """The proposer's turn: `card` for negotiate, then the proposal."""
    st = at_actions(sc, proposal.seat, hands={proposal.seat: (card,)}, state=st)
    return use_ops(sc, st, proposal.seat, card, "negotiate", proposal)


def test_case_048_a_seat_answers_on_its_own_turn_of_the_screen():
    """rules §7.5: a seat answers a proposal itself (hotseat hands the device over).
    Setup: alpha to act with c1. Actions: alpha proposes a transit deal on a_b to beta.
    Expect: beta is to act and may only answer yes or no; alpha may do nothing meanwhile."""
    sc = mini()
    st, log = _propose(sc, fresh(sc), Propose("alpha", "beta", "transit", "a_b"))
    assert st.to_act == BETA and st.proposal is not None
    assert legal_actions(sc, st) == (Answer("beta", False), Answer("beta", True))
    assert why_illegal(sc, st, EndTurn("alpha")) == "not_your_turn"


def test_case_049_an_accepted_proposal_becomes_an_agreement():
    """rules §8.1: agreements are rule objects with terms, duration and a breach condition.
    Setup: alpha's transit proposal on a_b waits for beta. Actions: beta accepts.
    Expect: one agreement (transit, alpha-beta, a_b) in force; alpha is back to end its turn."""
    sc = mini()
    st, _ = _propose(sc, fresh(sc), Propose("alpha", "beta", "transit", "a_b"))
    st, log = play(sc, st, Answer("beta", True))
    (agreement,) = st.agreements
    assert (agreement.deal, agreement.parties, agreement.subject) == ("transit", ("alpha", "beta"), "a_b")
    assert entries(log, "agreement_signed")
    assert st.to_act == ALPHA and legal_actions(sc, st) == (EndTurn("alpha"),)


def test_case_050_a_rejected_proposal_signs_nothing():
    """rules §7.5: the partner may refuse.
    Setup: as case 049. Actions: beta refuses. Expect: no agreement; a rejection is logged; alpha's card is spent."""
    sc = mini()
    st, _ = _propose(sc, fresh(sc), Propose("alpha", "beta", "transit", "a_b"))
    st, log = play(sc, st, Answer("beta", False))
    assert st.agreements == () and entries(log, "proposal_rejected")
    assert "c1" in st.discard


def test_case_051_a_non_player_state_answers_by_its_published_rule():
    """rules §15.3: a non-player state answers by its published rule, influenced by influence and
    credibility. The rule: accept when influence + credibility >= stability + 2.
    Setup: alpha (credibility 3) proposes transit on g_w to gamma (stability 2) with 0, then 1 influence there.
    Expect: 0 + 3 < 4 rejected; 1 + 3 >= 4 accepted; the answer is logged with its reason."""
    sc = mini()
    proposal = Propose("alpha", "gamma", "transit", "g_w")
    st, log = _propose(sc, fresh(sc), proposal)
    assert st.agreements == () and st.to_act == ALPHA
    assert "stability" in entries(log, "proposal_answered")[0].rule
    st, log = _propose(sc, with_influence(sc, fresh(sc), "alpha", "gamma", 1), proposal)
    assert len(st.agreements) == 1


def test_case_052_credibility_weighs_on_a_non_player_answer():
    """rules §8.5, §15.3: credibility weighs on negotiations.
    Setup: alpha has 1 influence in gamma but credibility 2. Actions: transit proposal on g_w to gamma.
    Expect: 1 + 2 < 4: rejected (it was accepted with credibility 3 in case 051)."""
    sc = mini()
    st = with_seat(with_influence(sc, fresh(sc), "alpha", "gamma", 1), "credibility", "alpha", 2)
    st, _ = _propose(sc, st, Propose("alpha", "gamma", "transit", "g_w"))
    assert st.agreements == ()


def test_case_053_a_non_player_state_accepts_members_of_the_bloc_it_leans_to():
    """rules §15.3: non-player states have an orientation. The rule: a member of the bloc it leans to with
    credibility >= 2 is accepted; otherwise the influence rule applies.
    Setup: gamma leans to union; beta (a member, no influence in gamma) proposes transit on g_w, with
    credibility 2 and then 1. Expect: accepted at 2, rejected at 1."""
    sc = mini()
    st, _ = _propose(sc, with_seat(fresh(sc), "credibility", "beta", 2), Propose("beta", "gamma", "transit", "g_w"))
    assert len(st.agreements) == 1
    st, _ = _propose(sc, with_seat(fresh(sc), "credibility", "beta", 1), Propose("beta", "gamma", "transit", "g_w"))
    assert st.agreements == ()


def test_case_054_a_patron_invests_when_standing_and_credibility_suffice():
    """rules §8.1, §12.5 (investment with a patron). The rule: accept when standing + credibility >= 4;
    an investment brings 3 budget and +1 standing.
    Setup: alpha has standing 2 with west (league's sponsor) and 1 with east, credibility 3.
    Actions: propose investment to west; separately to east with credibility 2.
    Expect: west signs (budget 8 -> 11, standing 3); east refuses."""
    sc = mini()
    st, _ = _propose(sc, fresh(sc), Propose("alpha", "west", "investment"))
    assert st.budget[ALPHA] == 11 and st.standing[ALPHA][sc.patron_index["west"]] == 3
    st, _ = _propose(sc, with_seat(fresh(sc), "credibility", "alpha", 2), Propose("alpha", "east", "investment"))
    assert st.agreements == () and st.budget[ALPHA] == 8


def test_case_055_majority_entry_counts_every_member():
    """rules §12.2: bloc accession by the entry rule — majority: more than half the members say yes.
    Setup: union (members beta, a seat, and gamma, a non-player state); alpha has left league.
    Actions: alpha proposes accession; gamma answers by rule, beta by hand.
    Expect: gamma no (0 influence) + beta yes = 1 of 2: rejected; with 1 influence in gamma, both yes: joined."""
    sc = mini()
    base = with_members(sc, fresh(sc), "league", ())
    proposal = Propose("alpha", "bloc:union", "accession", "union")
    st, _ = _propose(sc, base, proposal)
    assert st.to_act == BETA
    st, _ = play(sc, st, Answer("beta", True))
    assert "alpha" not in st.members[sc.bloc_index["union"]]
    st, _ = _propose(sc, with_influence(sc, base, "alpha", "gamma", 1), proposal)
    st, log = play(sc, st, Answer("beta", True))
    assert "alpha" in st.members[sc.bloc_index["union"]] and entries(log, "bloc_joined")


def test_case_056_sponsor_entry_asks_only_the_sponsor():
    """rules §12.2, §12.5: entry rule — sponsor's approval. A patron sponsor answers by standing + credibility >= 4.
    Setup: league (sponsor west); beta has left union; standing 1 with west, credibility 3.
    Actions: beta proposes accession to league. Expect: no seat is asked; beta joins and gains 1 standing with west."""
    sc = mini()
    st = with_members(sc, fresh(sc), "union", ("gamma",))
    st, _ = _propose(sc, st, Propose("beta", "bloc:league", "accession", "league"))
    assert "beta" in st.members[sc.bloc_index["league"]]
    assert st.standing[BETA][sc.patron_index["west"]] == 2


def test_case_057_unanimity_entry_needs_every_member():
    """rules §12.2: entry rule — unanimity.
    Setup: pact (unanimity; members beta and gamma); alpha has 1 influence in gamma so gamma says yes.
    Actions: alpha proposes accession; beta refuses, then (again) accepts.
    Expect: one no blocks entry; all yes admits alpha."""
    sc = mini_plus()
    base = with_influence(sc, fresh(sc), "alpha", "gamma", 1)
    proposal = Propose("alpha", "bloc:pact", "accession", "pact")
    st, _ = _propose(sc, base, proposal)
    st, _ = play(sc, st, Answer("beta", False))
    assert "alpha" not in st.members[sc.bloc_index["pact"]]
    st, _ = _propose(sc, base, proposal)
    st, _ = play(sc, st, Answer("beta", True))
    assert "alpha" in st.members[sc.bloc_index["pact"]]


def test_case_058_a_member_cannot_join_again():
    """rules §12.2: accession is for non-members.
    Setup: alpha, a league member, has c1 taken for negotiate. Expect: accession to league is already_member."""
    sc = mini()
    st = turn_with_card(at_actions(sc), "c1", "negotiate")
    assert why_illegal(sc, st, Propose("alpha", "bloc:league", "accession", "league")) == "already_member"


def test_case_059_a_bloc_refuses_members_of_blocs_it_calls_incompatible():
    """rules §12.2: incompatibilities (EAEU: Russia calls it incompatible with EU membership).
    Setup: alpha is in league; union lists league as incompatible. Expect: accession to union is incompatible_bloc."""
    sc = mini()
    st = turn_with_card(at_actions(sc), "c1", "negotiate")
    assert why_illegal(sc, st, Propose("alpha", "bloc:union", "accession", "union")) == "incompatible_bloc"


def test_case_060_an_incompatibility_binds_only_the_bloc_that_lists_it():
    """rules §12.2: blocs are data, incompatibilities included. Decided: an incompatibility is part of the
    listing bloc's entry rule — it refuses the other bloc's members; the other bloc, listing nothing, does not
    (Armenia stays in the EAEU while passing its EU Integration Act).
    Setup: forum lists pact as incompatible, pact lists nothing. Beta (pact) proposes forum;
    alpha (forum) proposes pact.
    Expect: beta is refused (incompatible_bloc); alpha's proposal is legal."""
    sc = mini_plus()
    st = with_members(sc, with_members(sc, fresh(sc), "forum", ("alpha",)), "union", ())
    st_b = turn_with_card(at_actions(sc, "beta", state=st), "c1", "negotiate")
    assert why_illegal(sc, st_b, Propose("beta", "bloc:forum", "accession", "forum")) == "incompatible_bloc"
    st_a = turn_with_card(at_actions(sc, "alpha", state=st), "c1", "negotiate")
    assert why_illegal(sc, st_a, Propose("alpha", "bloc:pact", "accession", "pact")) is None


def test_case_061_joining_by_event_leaves_incompatible_blocs():
    """rules §6.9, §12.2: an event can move a state into a bloc; it then leaves the blocs the new one refuses.
    Setup: alpha (league) plays c8 (the player joins union) as an event.
    Expect: alpha is in union and no longer in league."""
    sc = mini()
    st, log = play(sc, at_actions(sc, hands={"alpha": ("c8",)}), PlayCard("alpha", "c8"), PlayEvent("alpha"))
    assert "alpha" in st.members[sc.bloc_index["union"]]
    assert "alpha" not in st.members[sc.bloc_index["league"]]
    assert entries(log, "bloc_left")


def test_case_062_a_joint_drill_brings_both_sides_influence_and_tension():
    """rules §8.1 (joint drill). The terms: each side gains 1 influence in the other; tension +1.
    Setup: tension 2. Actions: alpha proposes a drill to beta; beta accepts.
    Expect: alpha +1 in beta, beta +1 in alpha, tension 3."""
    sc = mini()
    st, _ = _propose(sc, fresh(sc), Propose("alpha", "beta", "drill"))
    st, _ = play(sc, st, Answer("beta", True))
    assert st.influence[ALPHA][idx(sc, "beta")] == 1 and st.influence[BETA][idx(sc, "alpha")] == 1
    assert st.tension == 3


def test_case_063_a_gas_swap_needs_a_gas_link():
    """rules §8.1 (gas swap). A swap is on a gas link with a state it crosses; it pays each seat 1 budget.
    Setup: mini_plus with gas link b_g_gas (beta-gamma); beta is in union, gamma leans to union.
    Actions: beta proposes a swap on b_g_gas to gamma.
    Expect: signed, beta +1 budget; a swap on the oil link a_b is not_partner."""
    sc = mini_plus()
    st, _ = _propose(sc, fresh(sc), Propose("beta", "gamma", "swap", "b_g_gas"))
    assert st.agreements[0].deal == "swap" and st.budget[BETA] == 9
    probe = turn_with_card(at_actions(sc, "beta"), "c1", "negotiate")
    assert why_illegal(sc, probe, Propose("beta", "alpha", "swap", "a_b")) == "not_partner"


def test_case_064_an_agreement_lasts_deal_rounds_rounds():
    """rules §8.3: agreements have a duration (deal_rounds 3: "agreements last this many rounds").
    Decided: the round it is signed in counts — signed in round 1, it is in force in rounds 1, 2 and 3
    and expires at round 3's cleanup.
    Setup: alpha and beta sign a transit deal in absolute round 1. Actions: cleanup of rounds 1, 2, 3.
    Expect: in force after rounds 1 and 2; expired (and logged) after round 3."""
    sc = mini()
    st, _ = _propose(sc, fresh(sc), Propose("alpha", "beta", "transit", "a_b"))
    st, _ = play(sc, st, Answer("beta", True))
    until = st.agreements[0].until_round
    assert until == 3
    for absolute in (1, 2):
        kept, _ = play(sc, at_engine_step(st, "cleanup", absolute_round=absolute), Advance())
        assert len(kept.agreements) == 1
    gone, log = play(sc, at_engine_step(st, "cleanup", absolute_round=3), Advance())
    assert gone.agreements == () and entries(log, "agreement_expired")


def test_case_065_the_same_deal_cannot_be_signed_twice():
    """rules §8.3: one agreement per deal, partner and subject while it runs.
    Setup: a transit deal alpha-beta on a_b is in force. Expect: proposing it again is already_agreed."""
    sc = mini()
    st = turn_with_card(
        at_actions(sc, state=with_agreement(fresh(sc), "transit", "alpha", "beta", "a_b")), "c1", "negotiate"
    )
    assert why_illegal(sc, st, Propose("alpha", "beta", "transit", "a_b")) == "already_agreed"


def test_case_066_proposals_need_a_fitting_partner():
    """rules §7.5, §8.1: transit deals are with a state the link crosses; no deal with yourself.
    Setup: alpha has c1 taken for negotiate. Expect: transit on b_w (beta only) offered to gamma is not_partner;
    a drill with alpha itself is self_target; an investment from a state (not a patron) is not_partner."""
    sc = mini()
    st = turn_with_card(at_actions(sc), "c1", "negotiate")
    assert why_illegal(sc, st, Propose("alpha", "gamma", "transit", "b_w")) == "not_partner"
    assert why_illegal(sc, st, Propose("alpha", "alpha", "drill")) == "self_target"
    assert why_illegal(sc, st, Propose("alpha", "beta", "investment")) == "not_partner"
