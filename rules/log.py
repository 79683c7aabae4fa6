"""What happened: log entries, in the past tense, each with a `kind` tag for JSON and golden files.

Entries with a `private_to` field are seen only by that seat (a dealt hand, a kept objective);
every other entry is public.
"""

from __future__ import annotations

from typing import ClassVar

import attrs
from attrs import frozen


@frozen
class EraBegan:
    kind: ClassVar[str] = "era_began"
    era: int
    name: str


@frozen
class RoundBegan:
    kind: ClassVar[str] = "round_began"
    era: int
    round: int


@frozen
class DeckShuffled:
    kind: ClassVar[str] = "deck_shuffled"
    cards: int
    draws: tuple[int, int]  # rng counters used, from and to


@frozen
class ObjectivesOffered:
    kind: ClassVar[str] = "objectives_offered"
    seat: str
    objectives: tuple[str, ...]
    private_to: str


@frozen
class ObjectiveKept:
    kind: ClassVar[str] = "objective_kept"
    seat: str
    objective: str
    private_to: str


@frozen
class CardsDealt:
    kind: ClassVar[str] = "cards_dealt"
    seat: str
    cards: tuple[str, ...]
    private_to: str


@frozen
class HandsFilled:
    kind: ClassVar[str] = "hands_filled"
    counts: tuple[tuple[str, int], ...]


@frozen
class HeadlinePicked:
    kind: ClassVar[str] = "headline_picked"
    seat: str


@frozen
class HeadlinesRevealed:
    kind: ClassVar[str] = "headlines_revealed"
    picks: tuple[tuple[str, str], ...]


@frozen
class CardPlayed:
    kind: ClassVar[str] = "card_played"
    seat: str
    card: str
    use: str  # headline | event | ops


@frozen
class OpsUsed:
    kind: ClassVar[str] = "ops_used"
    seat: str
    verb: str
    ops: int


@frozen
class EventFired:
    kind: ClassVar[str] = "event_fired"
    card: str
    for_seat: str


@frozen
class ChoiceOffered:
    kind: ClassVar[str] = "choice_offered"
    seat: str
    card: str


@frozen
class OptionChosen:
    kind: ClassVar[str] = "option_chosen"
    seat: str
    card: str
    option: str


@frozen
class BudgetChanged:
    kind: ClassVar[str] = "budget_changed"
    seat: str
    amount: int
    budget: int


@frozen
class InfluenceChanged:
    kind: ClassVar[str] = "influence_changed"
    seat: str
    state: str
    amount: int
    influence: int


@frozen
class ControlChanged:
    kind: ClassVar[str] = "control_changed"
    state: str
    controller: str  # "" when nobody controls it


@frozen
class TensionChanged:
    kind: ClassVar[str] = "tension_changed"
    amount: int
    tension: int


@frozen
class CredibilityChanged:
    kind: ClassVar[str] = "credibility_changed"
    seat: str
    amount: int
    credibility: int


@frozen
class StandingChanged:
    kind: ClassVar[str] = "standing_changed"
    seat: str
    patron: str
    amount: int
    standing: int


@frozen
class LinkStatusChanged:
    kind: ClassVar[str] = "link_status_changed"
    link: str
    status: str
    by: str  # seat id, or "" for an event


@frozen
class LinkCapacityChanged:
    kind: ClassVar[str] = "link_capacity_changed"
    link: str
    amount: int
    capacity: int


@frozen
class LinkCostChanged:
    kind: ClassVar[str] = "link_cost_changed"
    link: str
    amount: int
    cost: int


@frozen
class BuildProgressed:
    kind: ClassVar[str] = "build_progressed"
    seat: str
    link: str
    progress: int
    needed: int
    paid: int


@frozen
class LinkBuilt:
    kind: ClassVar[str] = "link_built"
    seat: str
    link: str


@frozen
class LinkUpgraded:
    kind: ClassVar[str] = "link_upgraded"
    seat: str
    link: str
    capacity: int
    paid: int


@frozen
class BlocJoined:
    kind: ClassVar[str] = "bloc_joined"
    state: str
    bloc: str


@frozen
class BlocLeft:
    kind: ClassVar[str] = "bloc_left"
    state: str
    bloc: str


@frozen
class PriceChanged:
    kind: ClassVar[str] = "price_changed"
    commodity: str
    amount: int
    price: int


@frozen
class StabilityChanged:
    kind: ClassVar[str] = "stability_changed"
    state: str
    amount: int
    stability: int


@frozen
class ProductionChanged:
    kind: ClassVar[str] = "production_changed"
    state: str
    commodity: str
    amount: int
    volume: int


@frozen
class OpsModified:
    kind: ClassVar[str] = "ops_modified"
    seat: str
    amount: int


@frozen
class PointsScored:
    kind: ClassVar[str] = "points_scored"
    seat: str
    amount: int
    reason: str  # summit_bloc | sovereignty | income | route | build | objective | event | crisis
    detail: str = ""


@frozen
class SummitCalled:
    kind: ClassVar[str] = "summit_called"
    card: str


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


@frozen
class TurnEnded:
    kind: ClassVar[str] = "turn_ended"
    seat: str


@frozen
class TurnPassed:
    kind: ClassVar[str] = "turn_passed"
    seat: str


@frozen
class FlowsRouted:
    kind: ClassVar[str] = "flows_routed"
    income: tuple[tuple[str, int], ...]
    shipped: int
    unshipped: int


@frozen
class SummitHeld:
    kind: ClassVar[str] = "summit_held"
    presence: tuple[tuple[str, int], ...]
    dominant: str  # bloc id, or "" when sovereignty scored


@frozen
class NonPlayerActed:
    kind: ClassVar[str] = "non_player_acted"
    state: str
    rule: str
    seat: str


@frozen
class ObjectiveRevealed:
    kind: ClassVar[str] = "objective_revealed"
    seat: str
    objective: str
    achieved: bool


@frozen
class GameEnded:
    kind: ClassVar[str] = "game_ended"
    winner: str
    reason: str
    scores: tuple[tuple[str, int], ...]


def is_visible(entry: object, seat: str | None) -> bool:
    """Whether a seat may see this entry (None = an observer: public entries only)."""
    owner = getattr(entry, "private_to", None)
    return owner is None or owner == seat


def to_json(entry: object) -> dict:
    """The entry as a JSON object with its `kind` tag first."""
    out: dict = {"kind": entry.kind}  # type: ignore[attr-defined]
    for field in attrs.fields(type(entry)):  # type: ignore[arg-type]
        value = getattr(entry, field.name)
        out[field.name] = _plain(value)
    return out


def _plain(value: object) -> object:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value
