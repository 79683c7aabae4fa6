"""Log entries of diplomacy and coercion: proposals and their answers, agreements signed, breached
and expired, broken obligations, pressure applied and crises.
"""

from __future__ import annotations

from typing import ClassVar

from attrs import frozen


@frozen
class ProposalMade:
    kind: ClassVar[str] = "proposal_made"
    seat: str
    partner: str
    deal: str
    subject: str


@frozen
class ProposalAnswered:
    kind: ClassVar[str] = "proposal_answered"
    by: str
    accept: bool
    rule: str = ""  # why a non-player state or patron answered so


@frozen
class AgreementSigned:
    kind: ClassVar[str] = "agreement_signed"
    id: int
    deal: str
    parties: tuple[str, str]
    subject: str
    until_round: int


@frozen
class ProposalRejected:
    kind: ClassVar[str] = "proposal_rejected"
    seat: str
    partner: str
    deal: str


@frozen
class AgreementBreached:
    kind: ClassVar[str] = "agreement_breached"
    id: int
    by: str
    credibility: int


@frozen
class ObligationBroken:
    kind: ClassVar[str] = "obligation_broken"
    seat: str
    bloc: str
    credibility: int


@frozen
class AgreementExpired:
    kind: ClassVar[str] = "agreement_expired"
    id: int


@frozen
class PressureApplied:
    kind: ClassVar[str] = "pressure_applied"
    seat: str
    pressure: str
    target: str
    amount: int


@frozen
class CrisisErupted:
    kind: ClassVar[str] = "crisis_erupted"
    by: str
    tension: int
