"""What happened: log entries, in the past tense, each with a `kind` tag for JSON and golden files.

`LogEntry` is the union of every entry type (`rules.log.play`: the course of play; `.changes`:
changes to the board; `.deals`: diplomacy and coercion); `Log` is the list the rules append to while
applying an action. Entries with a `private_to` field are seen only by that seat (a dealt hand, a kept
objective); every other entry is public.
"""

from __future__ import annotations

from typing import Union

import attrs

from rules.log.changes import (
    BlocJoined,
    BlocLeft,
    BudgetChanged,
    BuildProgressed,
    ControlChanged,
    CredibilityChanged,
    InfluenceChanged,
    LinkBuilt,
    LinkCapacityChanged,
    LinkCostChanged,
    LinkStatusChanged,
    LinkUpgraded,
    OpsModified,
    PointsScored,
    PriceChanged,
    ProductionChanged,
    StabilityChanged,
    StandingChanged,
    TensionChanged,
)
from rules.log.deals import (
    AgreementBreached,
    AgreementExpired,
    AgreementSigned,
    CrisisErupted,
    ObligationBroken,
    PressureApplied,
    ProposalAnswered,
    ProposalMade,
    ProposalRejected,
)
from rules.log.play import (
    CardPlayed,
    CardsDealt,
    ChoiceOffered,
    DeckShuffled,
    EraBegan,
    EventFired,
    FlowsRouted,
    GameEnded,
    HandsFilled,
    HeadlineKept,
    HeadlinesRevealed,
    NonPlayerActed,
    ObjectiveKept,
    ObjectiveRevealed,
    ObjectivesOffered,
    OpsUsed,
    OptionChosen,
    RoundBegan,
    SummitCalled,
    SummitHeld,
    TeacherActed,
    TurnEnded,
    TurnPassed,
)

LogEntry = Union[
    EraBegan,
    RoundBegan,
    DeckShuffled,
    ObjectivesOffered,
    ObjectiveKept,
    CardsDealt,
    HandsFilled,
    HeadlineKept,
    HeadlinesRevealed,
    CardPlayed,
    OpsUsed,
    EventFired,
    ChoiceOffered,
    OptionChosen,
    BudgetChanged,
    InfluenceChanged,
    ControlChanged,
    TensionChanged,
    CredibilityChanged,
    StandingChanged,
    LinkStatusChanged,
    LinkCapacityChanged,
    LinkCostChanged,
    BuildProgressed,
    LinkBuilt,
    LinkUpgraded,
    BlocJoined,
    BlocLeft,
    PriceChanged,
    StabilityChanged,
    ProductionChanged,
    OpsModified,
    PointsScored,
    SummitCalled,
    ProposalMade,
    ProposalAnswered,
    AgreementSigned,
    ProposalRejected,
    AgreementBreached,
    ObligationBroken,
    AgreementExpired,
    PressureApplied,
    CrisisErupted,
    TurnEnded,
    TurnPassed,
    FlowsRouted,
    SummitHeld,
    NonPlayerActed,
    ObjectiveRevealed,
    GameEnded,
    TeacherActed,
]
Log = list[LogEntry]

__all__ = [
    "Log",
    "LogEntry",
    "AgreementBreached",
    "AgreementExpired",
    "AgreementSigned",
    "BlocJoined",
    "BlocLeft",
    "BudgetChanged",
    "BuildProgressed",
    "CardPlayed",
    "CardsDealt",
    "ChoiceOffered",
    "ControlChanged",
    "CredibilityChanged",
    "CrisisErupted",
    "DeckShuffled",
    "EraBegan",
    "EventFired",
    "FlowsRouted",
    "GameEnded",
    "HandsFilled",
    "HeadlineKept",
    "HeadlinesRevealed",
    "InfluenceChanged",
    "LinkBuilt",
    "LinkCapacityChanged",
    "LinkCostChanged",
    "LinkStatusChanged",
    "LinkUpgraded",
    "NonPlayerActed",
    "ObjectiveKept",
    "ObjectiveRevealed",
    "ObjectivesOffered",
    "ObligationBroken",
    "OpsModified",
    "OpsUsed",
    "OptionChosen",
    "PointsScored",
    "PressureApplied",
    "PriceChanged",
    "ProductionChanged",
    "ProposalAnswered",
    "ProposalMade",
    "ProposalRejected",
    "RoundBegan",
    "StabilityChanged",
    "StandingChanged",
    "SummitCalled",
    "SummitHeld",
    "TeacherActed",
    "TensionChanged",
    "TurnEnded",
    "TurnPassed",
    "is_visible",
    "to_json",
]


def is_visible(entry: LogEntry, seat: str | None) -> bool:
    """Whether a seat may see this entry (None = an observer: public entries only)."""
    owner: str | None = getattr(entry, "private_to", None)
    return owner is None or owner == seat


def to_json(entry: LogEntry) -> dict[str, object]:
    """The entry as a JSON object with its `kind` tag first."""
    out: dict[str, object] = {"kind": entry.kind}
    for field in attrs.fields(type(entry)):
        out[field.name] = _plain(getattr(entry, field.name))
    return out


def _plain(value: object) -> object:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value
