"""What an action would do, told before it is taken (the client warns and shows costs from this).

The engine is pure, so an action's consequences are read from applying it to the state and summing up
its log: budget, credibility, influence, standing and tension per party, the agreements and bloc
obligations it breaks, the rival whose event it fires, and how a proposal is answered. `deal_terms`
tells a proposal's terms the same way: how long the agreement would last, what signing gives each side,
and the fee it changes.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen

from rules import log as L
from rules.action import Action, Propose
from rules.engine import apply
from rules.flows import fee_rate
from rules.log import LogEntry
from rules.scenario import Scenario
from rules.state import Agreement, GameState
from rules.verbs.negotiate import answerers, if_signed

# (party, what, amount): what is "budget", "credibility", "tension" (party ""), "influence:<state>" or
# "standing:<patron>"; amounts of one party and kind are summed, in the order they first occur.
Change = tuple[str, str, int]


@frozen
class Consequences:
    """What one action does."""

    changes: tuple[Change, ...]
    breaches: tuple[Agreement, ...]  # agreements it breaks, as they stood before
    obligations: tuple[str, ...]  # blocs whose obligation it breaks
    fires_for: str  # the rival whose event the played card fires ("" none)
    card: str  # that card
    answers: tuple[tuple[str, bool], ...]  # answers the published rules give a proposal now
    awaiting: tuple[str, ...]  # seats still to answer a proposal it makes
    signed: bool  # it signs an agreement or joins a bloc

    def change(self, party: str, what: str) -> int:
        """The summed change of one party's budget, credibility, ... (0 when none)."""
        return sum(amount for who, kind, amount in self.changes if who == party and kind == what)


@frozen
class DealTerms:
    """A proposal's terms as the rules set them."""

    until_round: int  # the last round the agreement would be in force (0 for an accession: no end)
    rounds: int  # how many rounds, the signing round included
    gains: tuple[Change, ...]  # what signing gives, per party
    fee: tuple[int, int] | None  # transit or swap: the proposer's fee across the partner's land, before and after
    answers: tuple[tuple[str, bool | None], ...]  # who answers: None for a seat, else the rules' answer


def summarize(entries: Iterable[LogEntry]) -> tuple[Change, ...]:
    """The changes a log records, summed per party and kind."""
    totals: dict[tuple[str, str], int] = {}
    for e in entries:
        key = _key(e)
        if key is not None:
            totals[key[:2]] = totals.get(key[:2], 0) + key[2]
    return tuple((party, what, amount) for (party, what), amount in totals.items() if amount)


def _key(e: LogEntry) -> Change | None:
    if isinstance(e, L.BudgetChanged):
        return e.seat, "budget", e.amount
    if isinstance(e, L.CredibilityChanged):
        return e.seat, "credibility", e.amount
    if isinstance(e, L.InfluenceChanged):
        return e.seat, f"influence:{e.state}", e.amount
    if isinstance(e, L.StandingChanged):
        return e.seat, f"standing:{e.patron}", e.amount
    if isinstance(e, L.TensionChanged):
        return "", "tension", e.amount
    if isinstance(e, L.PointsScored):
        return e.seat, "vp", e.amount
    return None


def consequences(scenario: Scenario, state: GameState, action: Action) -> Consequences:
    """What a legal action would do now (raises IllegalActionError for one the rules refuse)."""
    after, log = apply(scenario, state, action)
    by_id = {a.id: a for a in state.agreements}
    fired = next((e for e in log if isinstance(e, L.EventFired)), None)
    me = getattr(action, "seat", "")
    fires_for = fired.for_seat if fired is not None and fired.for_seat != me else ""
    proposal = after.proposal
    return Consequences(
        changes=summarize(log),
        breaches=tuple(by_id[e.id] for e in log if isinstance(e, L.AgreementBreached) and e.id in by_id),
        obligations=tuple(e.bloc for e in log if isinstance(e, L.ObligationBroken)),
        fires_for=fires_for,
        card=fired.card if fires_for and fired is not None else "",
        answers=tuple((e.by, e.accept) for e in log if isinstance(e, L.ProposalAnswered) and e.rule),
        awaiting=tuple(after.seats[i] for i in proposal.awaiting) if proposal is not None else (),
        signed=any(isinstance(e, (L.AgreementSigned, L.BlocJoined)) for e in log),
    )


def deal_terms(scenario: Scenario, state: GameState, a: Propose) -> DealTerms:
    """A proposal's terms: duration, what signing gives each side, the fee it changes, who answers."""
    signed, log = if_signed(scenario, state, a)
    made = next((e for e in log if isinstance(e, L.AgreementSigned)), None)
    fee = None
    if made is not None and a.subject in scenario.link_index and a.partner in scenario.state_index:
        before = fee_rate(scenario, state, a.seat, a.subject, a.partner)
        fee = (before, fee_rate(scenario, signed, a.seat, a.subject, a.partner))
    until = made.until_round if made is not None else 0
    return DealTerms(
        until_round=until,
        rounds=until - state.absolute_round + 1 if made is not None else 0,
        gains=summarize(log),
        fee=fee,
        answers=answerers(scenario, state, a),
    )
