"""What the summit and game-over screens chart, read from the public log and the rules' scoring functions.

Pygame-free view models: each bloc's presence in its parts and the line a bloc must reach to dominate,
points per seat by the reason the rules logged, and each seat's score round by round."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from game.session import Session
from rules import outcome
from rules.log import ObjectiveRevealed, PointsScored, RoundBegan, SummitHeld
from rules.scoring import presence_parts


@dataclass(frozen=True)
class BlocBar:
    """One bloc's presence: the sponsor's weight, one per member, and the members' standing."""

    bloc: str
    weight: int
    members: int
    standing: int

    @property
    def total(self) -> int:
        return self.weight + self.members + self.standing


@dataclass(frozen=True)
class SeatPoints:
    """A seat's points, by the reasons the rules logged (in the order they were first scored)."""

    seat: str
    by_reason: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(amount for _, amount in self.by_reason)


@dataclass(frozen=True)
class SummitBoard:
    """A summit: presence per bloc, the presence a bloc needed to dominate, who did, and the points."""

    bars: tuple[BlocBar, ...]
    needed: int  # the presence the leader had to reach: the runner-up's plus the margin
    dominant: str  # "" when sovereignty scored
    points: tuple[SeatPoints, ...]
    reasons: tuple[str, ...]
    standings: tuple[tuple[str, int], ...]  # every seat's score after the summit, best first


@dataclass(frozen=True)
class FinalBoard:
    """The end of a game: the winner, a score track, points by reason, and the revealed national interests."""

    winner: str
    reason: str
    rounds: int
    standings: tuple[tuple[str, int], ...]
    track: tuple[tuple[str, tuple[int, ...]], ...]  # seat, score at the start and after each round
    points: tuple[SeatPoints, ...]
    reasons: tuple[str, ...]
    objectives: tuple[tuple[str, str, bool], ...]  # seat, objective, met


def points_by_reason(seats: Sequence[str], entries: Iterable[object]) -> tuple[tuple[SeatPoints, ...], tuple[str, ...]]:
    """Each seat's points from the PointsScored entries, by reason; and every reason in first-scored order."""
    reasons: list[str] = []
    sums: dict[str, dict[str, int]] = {seat: {} for seat in seats}
    for entry in entries:
        if isinstance(entry, PointsScored):
            if entry.reason not in reasons:
                reasons.append(entry.reason)
            row = sums[entry.seat]
            row[entry.reason] = row.get(entry.reason, 0) + entry.amount
    points = tuple(SeatPoints(seat, tuple((r, sums[seat][r]) for r in reasons if r in sums[seat])) for seat in seats)
    return points, tuple(reasons)


def standings(seats: Sequence[str], vp: Sequence[int]) -> tuple[tuple[str, int], ...]:
    """Seats and scores, best first (ties keep seat order)."""
    return tuple(sorted(zip(seats, vp), key=lambda item: -item[1]))


def summit_board(session: Session, entries: Sequence[object]) -> SummitBoard:
    """The summit whose SummitHeld is among `entries` (one engine step's public entries)."""
    held = next(e for e in entries if isinstance(e, SummitHeld))
    step = next(e.step for e in reversed(session.log) if e.entry is held)
    before = session.state_before(step)
    bars = tuple(BlocBar(*parts) for parts in presence_parts(session.scenario, before))
    totals = sorted((bar.total for bar in bars), reverse=True)
    runner_up = totals[1] if len(totals) > 1 else 0
    after = session.state_after(step)
    points, reasons = points_by_reason(after.seats, entries)
    return SummitBoard(
        bars=bars,
        needed=runner_up + session.scenario.rules.summit_margin,
        dominant=held.dominant,
        points=points,
        reasons=reasons,
        standings=standings(after.seats, after.vp),
    )


def score_track(session: Session) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Each seat's score at the start and at the end of every round, from the public log."""
    seats = session.initial.seats
    vp = list(session.initial.vp)
    marks: list[tuple[int, ...]] = [tuple(vp)]
    began = False
    for item in session.visible_log(None):
        entry = item.entry
        if isinstance(entry, RoundBegan):
            if began:
                marks.append(tuple(vp))
            began = True
        elif isinstance(entry, PointsScored):
            vp[seats.index(entry.seat)] += entry.amount
    marks.append(tuple(vp))
    return tuple((seat, tuple(mark[i] for mark in marks)) for i, seat in enumerate(seats))


def final_board(session: Session) -> FinalBoard | None:
    """The finished game's board (None while it goes on)."""
    result = outcome(session.scenario, session.state)
    if result is None:
        return None
    public = [e.entry for e in session.visible_log(None)]
    points, reasons = points_by_reason(session.state.seats, public)
    return FinalBoard(
        winner=result.winner,
        reason=result.reason,
        rounds=result.rounds,
        standings=tuple(sorted(result.scores, key=lambda item: -item[1])),
        track=score_track(session),
        points=points,
        reasons=reasons,
        objectives=tuple((e.seat, e.objective, e.achieved) for e in public if isinstance(e, ObjectiveRevealed)),
    )
