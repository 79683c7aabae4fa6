"""Which actions may be taken back: only a seat's private, unrevealed choices (rules §16.3).

An action is undoable when taking it back un-learns nothing: it is a seat's own decision, the same seat is
still to act after it, no random number was drawn, the phase did not move on, and everything it logged is
the seat's own doing — its card played, its ops, the board changes and events that follow from them, a
choice offered to itself and made by itself. A draw, a reveal (headlines), an answer (a seat's, a
non-player state's or a patron's), an agreement signed, a proposal rejected or made to someone, a choice
made by anyone else, a crisis, the engine's own step and the end of a turn are all boundaries: undo never
reaches back past them. A session takes back only a run of undoable actions at the end of its list, so
"nothing has happened since" holds for every action it takes back.
"""

from __future__ import annotations

from collections.abc import Iterable

from rules import log as L
from rules.action import Action, Advance
from rules.log import LogEntry
from rules.state import GameState
from rules.teacher import TEACHER_ACTIONS

# Entries that only record what the acting seat did and what follows from it by the published rules.
_OWN_DOING: tuple[type, ...] = (
    L.OpsUsed,
    L.EventFired,
    L.PressureApplied,
    L.AgreementBreached,
    L.ObligationBroken,
    L.SummitCalled,
    L.BudgetChanged,
    L.InfluenceChanged,
    L.ControlChanged,
    L.TensionChanged,
    L.CredibilityChanged,
    L.StandingChanged,
    L.LinkStatusChanged,
    L.LinkCapacityChanged,
    L.LinkCostChanged,
    L.BuildProgressed,
    L.LinkBuilt,
    L.LinkUpgraded,
    L.BlocJoined,
    L.BlocLeft,
    L.PriceChanged,
    L.StabilityChanged,
    L.ProductionChanged,
    L.OpsModified,
    L.PointsScored,
)


def _own_doing(entry: LogEntry, seat: str) -> bool:
    """Whether a log entry tells nothing the acting seat did not decide itself."""
    if isinstance(entry, _OWN_DOING):
        return True
    if isinstance(entry, L.CardPlayed):
        return entry.seat == seat and entry.use != "headline"
    if isinstance(entry, (L.ChoiceOffered, L.OptionChosen)):
        return entry.seat == seat
    return False


def undoable(before: GameState, action: Action, after: GameState, entries: Iterable[LogEntry]) -> bool:
    """Whether `action`, which led from `before` to `after` logging `entries`, may be taken back."""
    if isinstance(action, (Advance, *TEACHER_ACTIONS)) or after.outcome is not None:
        return False  # the engine's steps and the teacher's interventions are nobody's own choices
    seat = action.seat
    acting = before.to_act
    if acting < 0 or before.seats[acting] != seat or after.to_act != acting:
        return False
    if after.rng != before.rng or after.phase != before.phase or after.era != before.era:
        return False
    return all(_own_doing(entry, seat) for entry in entries)
