"""Negotiate: propose a deal (transit, swap, investment, drill, accession to a bloc); the partner — a
seat, or a non-player state, patron or bloc answering by the published rules — accepts or refuses."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from operator import attrgetter
from typing import ClassVar

from attrs import evolve, frozen

from rules import board
from rules import log as L
from rules.effects import change_budget, change_influence, change_standing, join_bloc, raise_tension
from rules.errors import Reason
from rules.frame import Answer
from rules.indexes import Made
from rules.log import Log
from rules.memo import Memo, MemoName
from rules.scenario import Scenario
from rules.state import Agreement, GameState, Proposal, update
from rules.turn import begin_ops, finish_ops
from rules.verbs.base import Ids, VerbRule

NAME = "negotiate"


class Deal(StrEnum):
    TRANSIT = "transit"
    ACCESSION = "accession"
    SWAP = "swap"
    INVESTMENT = "investment"
    DRILL = "drill"


DEAL_KINDS: tuple[str, ...] = tuple(Deal)
# The kinds as plain strings for the code below: reading a member off an enum class costs ~190 ns in
# Python 3.11 (its metaclass has a __getattr__), and validation and listing compare them on every call.
_TRANSIT, _ACCESSION, _SWAP = Deal.TRANSIT.value, Deal.ACCESSION.value, Deal.SWAP.value
_INVESTMENT, _DRILL = Deal.INVESTMENT.value, Deal.DRILL.value
_NO_SUBJECT = (_INVESTMENT, _DRILL)  # deals made with a partner, about no link or bloc
_DEAL_IDS = frozenset(DEAL_KINDS)
_NO_SUBJECT_IDS = frozenset({""})


@frozen
class Propose:
    kind: ClassVar[str] = "propose"
    seat: str
    partner: str  # a state id, a patron id, or "bloc:<id>"
    deal: str  # one of DEAL_KINDS
    subject: str = ""  # a link id (transit, swap) or bloc id (accession)


# --------------------------------------------------------------------------- checks


def _ids(scenario: Scenario, a: Propose) -> Ids:
    checks: Ids = [(a.deal, _DEAL_IDS)]
    if a.deal in (_TRANSIT, _SWAP):
        checks.append((a.subject, scenario.link_index))
    elif a.deal == _ACCESSION:
        checks.append((a.subject, scenario.bloc_index))
    else:
        checks.append((a.subject, _NO_SUBJECT_IDS))  # an investment or a drill names no subject
    checks.append((a.partner, _partners(scenario)))
    return checks


_PARTNERS = MemoName("partners", 1)


def _partners(scenario: Scenario) -> frozenset[str]:
    """Every id a proposal may name as partner: states, patrons and "bloc:<id>" (made once per scenario)."""
    memo: Memo[None, frozenset[str]] = scenario.memos[_PARTNERS]
    return memo.get_or_make(
        None,
        lambda: frozenset([*scenario.state_index, *scenario.patron_index, *(f"bloc:{b.id}" for b in scenario.blocs)]),
    )


def _check(scenario: Scenario, state: GameState, seat: int, a: Propose, ops: int) -> Reason | None:
    me = state.seats[seat]
    if a.deal == _ACCESSION:
        return _check_accession(scenario, state, me, a)
    if a.deal == _INVESTMENT:
        if a.partner not in scenario.patron_index:
            return Reason.NOT_PARTNER
        return Reason.ALREADY_AGREED if board.agreement_between(state, me, a.partner, a.deal) else None
    if a.partner not in scenario.state_index:
        return Reason.NOT_PARTNER
    if a.partner == me:
        return Reason.SELF_TARGET
    if a.deal == _DRILL:
        return Reason.ALREADY_AGREED if board.agreement_between(state, me, a.partner, a.deal) else None
    link = scenario.link(a.subject)
    if a.partner not in link.states or (a.deal == _SWAP and link.type != "gas"):
        return Reason.NOT_PARTNER
    if board.agreement_between(state, me, a.partner, a.deal, a.subject):
        return Reason.ALREADY_AGREED
    return None


def _check_accession(scenario: Scenario, state: GameState, me: str, a: Propose) -> Reason | None:
    if a.partner != f"bloc:{a.subject}":
        return Reason.NOT_PARTNER
    bloc = scenario.blocs[scenario.bloc_index[a.subject]]
    if board.is_member(scenario, state, me, bloc.id):
        return Reason.ALREADY_MEMBER
    if any(board.is_member(scenario, state, me, other) for other in bloc.incompatible):
        return Reason.INCOMPATIBLE_BLOC
    return None


# --------------------------------------------------------------------------- targets

# A seat's candidate proposals, and the same objects by (deal, partner, subject) — subject "" for
# investment and drill — with its accessions under ("accession",).
Index = dict[tuple[str, ...], tuple[Propose, ...]]
Table = tuple[tuple[Propose, ...], Index]


def _targets(scenario: Scenario, state: GameState, seat: int, ops: int, made: Made) -> list[Propose]:
    """The proposals `_check` allows (the candidates are shared objects already)."""
    me = state.seats[seat]
    candidates, index = _table(scenario, me)
    refused = _refused(scenario, state, me, index)
    return [action for action in candidates if id(action) not in refused]


def _has_target(scenario: Scenario, state: GameState, seat: int, ops: int) -> bool:
    """Whether `_check` allows at least one proposal. Usually settled by the first candidate whose deal
    and partner appear in no agreement of the seat; otherwise the refusals are counted."""
    me = state.seats[seat]
    candidates, index = _table(scenario, me)
    agreed = {
        (a.deal, a.parties[1] if a.parties[0] == me else a.parties[0]) for a in state.agreements if me in a.parties
    }
    if any(c.deal != _ACCESSION and (c.deal, c.partner) not in agreed for c in candidates):
        return True
    return len(_refused(scenario, state, me, index)) < len(candidates)


def _refused(
    scenario: Scenario, state: GameState, me: str, index: dict[tuple[str, ...], tuple[Propose, ...]]
) -> set[int]:
    """The ids of the candidate proposals `_check` refuses, found with one pass over the agreements: the
    same deal with the same partner (and, for transit and swap, the same link), and accessions
    `_check_accession` refuses."""
    refused: set[int] = set()
    for a in state.agreements:
        if me in a.parties:
            partner = a.parties[1] if a.parties[0] == me else a.parties[0]
            subject = "" if a.deal in _NO_SUBJECT else a.subject
            refused.update(id(action) for action in index.get((a.deal, partner, subject), ()))
    for action in index.get((_ACCESSION,), ()):
        if _check_accession(scenario, state, me, action) is not None:
            refused.add(id(action))
    return refused


_PROPOSAL_TABLES = MemoName("proposal_table", 64)


def _table(scenario: Scenario, me: str) -> Table:
    """A seat's candidates and their index (made once per scenario and seat)."""
    memo: Memo[str, Table] = scenario.memos[_PROPOSAL_TABLES]
    found = memo.get(me)
    return found if found is not None else memo.put(me, _make_table(scenario, me))


def _make_table(scenario: Scenario, me: str) -> Table:
    candidates = proposal_candidates(scenario, me)
    index: Index = {}
    for action in candidates:
        if action.deal == _ACCESSION:
            slot: tuple[str, ...] = (_ACCESSION,)
        else:
            subject = "" if action.deal in _NO_SUBJECT else action.subject
            slot = (action.deal, action.partner, subject)
        index[slot] = index.get(slot, ()) + (action,)
    return candidates, index


_FIELDS = attrgetter("seat", "partner", "deal", "subject")


_PROPOSALS = MemoName("proposals", 64)


def proposal_candidates(scenario: Scenario, me: str) -> tuple[Propose, ...]:
    """Every proposal a seat could make, allowed or not, in sort order (made once per scenario and seat)."""
    memo: Memo[str, tuple[Propose, ...]] = scenario.memos[_PROPOSALS]
    return memo.get_or_make(me, lambda: tuple(sorted(_proposals(scenario, me), key=_FIELDS)))


def _proposals(scenario: Scenario, me: str) -> list[Propose]:
    out: list[Propose] = []
    for link in scenario.links:
        for partner in link.states:
            if partner != me:
                out.append(Propose(me, partner, _TRANSIT, link.id))
                if link.type == "gas":
                    out.append(Propose(me, partner, _SWAP, link.id))
    out += [Propose(me, f"bloc:{b.id}", _ACCESSION, b.id) for b in scenario.blocs]
    out += [Propose(me, p.id, _INVESTMENT) for p in scenario.patrons]
    out += [Propose(me, s.id, _DRILL) for s in scenario.states if s.id != me]
    return out


def _candidates(scenario: Scenario, state: GameState, me: str) -> list[Propose]:
    return list(proposal_candidates(scenario, me))


# --------------------------------------------------------------------------- proposing and answering


def _propose(scenario: Scenario, state: GameState, a: Propose, log: Log) -> GameState:
    seat = state.seats.index(a.seat)
    ops = begin_ops(scenario, state, seat, log)
    log.append(L.ProposalMade(a.seat, a.partner, a.deal, a.subject))
    state = finish_ops(scenario, state, seat, NAME, ops, log)
    voters, votes = _voters(scenario, state, seat, a, log)
    proposal = Proposal(seat, a.partner, a.deal, a.subject, voters, votes)
    if voters:
        return update(state, proposal=proposal)
    return _conclude(scenario, state, proposal, log)


def _voters(
    scenario: Scenario, state: GameState, seat: int, a: Propose, log: Log
) -> tuple[tuple[int, ...], tuple[bool, ...]]:
    """Who must answer a proposal (seats, in order), and the votes the published rules already cast."""
    voters: list[int] = []
    votes: list[bool] = []
    for who in _deciders(scenario, state, a):
        if who in state.seats and who != state.seats[seat]:
            voters.append(state.seats.index(who))
        elif who != state.seats[seat]:
            accept, rule = _rule_answer(scenario, state, seat, who)
            log.append(L.ProposalAnswered(who, accept, rule))
            votes.append(accept)
    return tuple(voters), tuple(votes)


def _deciders(scenario: Scenario, state: GameState, a: Propose) -> tuple[str, ...]:
    """Who decides a proposal: the partner, or for an accession the bloc's sponsor or its members."""
    if a.deal != _ACCESSION:
        return (a.partner,)
    bloc = scenario.blocs[scenario.bloc_index[a.subject]]
    if bloc.entry == "sponsor":
        return (bloc.sponsor,)
    return tuple(sorted(state.members[scenario.bloc_index[bloc.id]]))


def answerers(scenario: Scenario, state: GameState, a: Propose) -> tuple[tuple[str, bool | None], ...]:
    """Who would answer a proposal made now, each with its answer: None for a seat (it answers itself),
    else the answer the published rules give for a non-player state or patron."""
    seat = state.seats.index(a.seat)
    out: list[tuple[str, bool | None]] = []
    for who in _deciders(scenario, state, a):
        if who in state.seats and who != a.seat:
            out.append((who, None))
        elif who != a.seat:
            out.append((who, _rule_answer(scenario, state, seat, who)[0]))
    return tuple(out)


def if_signed(scenario: Scenario, state: GameState, a: Propose) -> tuple[GameState, Log]:
    """The state and log if every party accepted a proposal now: what signing it gives each side."""
    log: Log = []
    proposal = Proposal(state.seats.index(a.seat), a.partner, a.deal, a.subject, (), (True,))
    return _conclude(scenario, state, proposal, log), log


def _rule_answer(scenario: Scenario, state: GameState, seat: int, who: str) -> tuple[bool, str]:
    """How a non-player state or a patron answers: influence, standing and credibility decide."""
    cred = state.credibility[seat]
    if who in scenario.patron_index:
        standing = state.standing[seat][scenario.patron_index[who]]
        return standing + cred >= 4, f"standing {standing} + credibility {cred} >= 4"
    s_idx = scenario.state_index[who]
    infl, stab = state.influence[seat][s_idx], state.stability[s_idx]
    lean = scenario.states[s_idx].orientation
    if lean and lean in scenario.bloc_index and board.is_member(scenario, state, state.seats[seat], lean) and cred >= 2:
        return True, f"shares {lean} and credibility {cred} >= 2"
    return infl + cred >= stab + 2, f"influence {infl} + credibility {cred} >= stability {stab} + 2"


def check_answer(scenario: Scenario, state: GameState, seat: int, a: Answer) -> Reason | None:
    return None if state.proposal is not None else Reason.WRONG_STAGE


def answer(scenario: Scenario, state: GameState, a: Answer, log: Log) -> GameState:
    assert state.proposal is not None
    log.append(L.ProposalAnswered(a.seat, a.accept, ""))
    proposal = evolve(state.proposal, awaiting=state.proposal.awaiting[1:], votes=state.proposal.votes + (a.accept,))
    if proposal.awaiting:
        return update(state, proposal=proposal)
    return _conclude(scenario, update(state, proposal=None), proposal, log)


def _conclude(scenario: Scenario, state: GameState, p: Proposal, log: Log) -> GameState:
    """Sign or reject a proposal once every answer is in."""
    state = update(state, proposal=None)
    me = state.seats[p.proposer]
    if not _carried(scenario, p):
        log.append(L.ProposalRejected(me, p.partner, p.deal))
        return state
    if p.deal == _ACCESSION:
        bloc = scenario.blocs[scenario.bloc_index[p.subject]]
        state = join_bloc(scenario, state, me, bloc.id, log)
        if bloc.sponsor in scenario.patron_index:
            state = change_standing(scenario, state, p.proposer, scenario.patron_index[bloc.sponsor], 1, log)
        return state
    until = state.absolute_round + scenario.rules.deal_rounds - 1  # the signing round counts
    agreement = Agreement(state.next_agreement, p.deal, (me, p.partner), p.subject, until)
    log.append(L.AgreementSigned(agreement.id, p.deal, agreement.parties, p.subject, until))
    state = update(state, agreements=state.agreements + (agreement,), next_agreement=state.next_agreement + 1)
    return SIGNING[p.deal](scenario, state, p, log)


def _carried(scenario: Scenario, p: Proposal) -> bool:
    yes = sum(p.votes)
    if p.deal == _ACCESSION:
        bloc = scenario.blocs[scenario.bloc_index[p.subject]]
        if bloc.entry == "unanimity":
            return yes == len(p.votes)
        if bloc.entry == "majority":
            return yes * 2 > len(p.votes) or not p.votes
    return bool(p.votes) and all(p.votes)


def _sign_transit(scenario: Scenario, state: GameState, p: Proposal, log: Log) -> GameState:
    """A transit deal only binds (closing its link breaks it)."""
    return state


def _sign_swap(scenario: Scenario, state: GameState, p: Proposal, log: Log) -> GameState:
    state = change_budget(state, p.proposer, 1, log)
    if p.partner in state.seats:
        state = change_budget(state, state.seats.index(p.partner), 1, log)
    return state


def _sign_investment(scenario: Scenario, state: GameState, p: Proposal, log: Log) -> GameState:
    state = change_budget(state, p.proposer, 3, log)
    return change_standing(scenario, state, p.proposer, scenario.patron_index[p.partner], 1, log)


def _sign_drill(scenario: Scenario, state: GameState, p: Proposal, log: Log) -> GameState:
    state = change_influence(scenario, state, p.proposer, scenario.state_index[p.partner], 1, log)
    if p.partner in state.seats:
        partner = state.seats.index(p.partner)
        state = change_influence(scenario, state, partner, scenario.state_index[state.seats[p.proposer]], 1, log)
    return raise_tension(scenario, state, scenario.rules.drill_tension, p.proposer, log)


# Per deal kind that makes an agreement (an accession makes a member instead): what signing gives.
SIGNING: dict[str, Callable[[Scenario, GameState, Proposal, Log], GameState]] = {
    Deal.TRANSIT: _sign_transit,
    Deal.SWAP: _sign_swap,
    Deal.INVESTMENT: _sign_investment,
    Deal.DRILL: _sign_drill,
}


RULE = VerbRule(
    name=NAME,
    action_type=Propose,
    ids=_ids,
    check=_check,
    has_target=_has_target,
    targets=_targets,
    candidates=_candidates,
    handler=_propose,
    uses_ops=False,
)
