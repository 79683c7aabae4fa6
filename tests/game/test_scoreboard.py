"""The summit and game-over view models agree with the log and with the state they chart."""

from __future__ import annotations

import random
from functools import lru_cache

from game.content_files import load_scenario
from game.scoreboard import final_board, score_track, summit_board
from game.session import Session
from rules.log import SummitHeld
from rules.scoring import dominant_bloc

CASPIAN = load_scenario("caspian-2023")


@lru_cache(maxsize=1)
def finished() -> Session:
    """A random game played to its end (short, so the test stays quick)."""
    session = Session.start(CASPIAN, 7, CASPIAN.definition.default_seats, "short")
    rng = random.Random(7)
    while not session.is_over:
        session.submit(rng.choice(session.legal()))
    return session


def summit_steps(session: Session) -> list[int]:
    return [e.step for e in session.log if isinstance(e.entry, SummitHeld)]


def test_every_summit_charts_the_presence_the_rules_logged_and_the_points_they_scored() -> None:
    session = finished()
    assert summit_steps(session), "the game held no summit"
    for step in summit_steps(session):
        entries = tuple(e.entry for e in session.log if e.step == step)
        board = summit_board(session, entries)
        held = next(e for e in entries if isinstance(e, SummitHeld))
        assert tuple((bar.bloc, bar.total) for bar in board.bars) == held.presence
        assert board.dominant == held.dominant == dominant_bloc(CASPIAN, session.state_before(step))[0]
        leader = max(bar.total for bar in board.bars)
        assert (leader >= board.needed) == bool(board.dominant)
        before, after = session.state_before(step).vp, session.state_after(step).vp
        for seat, points in enumerate(board.points):
            assert points.total == after[seat] - before[seat]
        assert dict(board.standings) == dict(zip(session.state.seats, after))


def test_game_over_points_by_reason_add_up_to_each_seats_score_and_the_track_ends_there() -> None:
    session = finished()
    board = final_board(session)
    assert board is not None
    scores = dict(zip(session.state.seats, session.state.vp))
    assert {p.seat: p.total for p in board.points} == scores
    assert dict(board.standings) == scores and board.standings[0][0] == board.winner
    assert {seat: line[-1] for seat, line in board.track} == scores
    assert all(line[0] == 0 for _, line in board.track)
    assert len(board.objectives) == len(session.state.seats)


def test_the_track_has_a_mark_per_round() -> None:
    session = finished()
    board = final_board(session)
    assert board is not None
    assert all(len(line) == board.rounds + 1 for _, line in score_track(session))


def test_nothing_to_show_while_the_game_goes_on() -> None:
    assert final_board(Session.start(CASPIAN, 1, CASPIAN.definition.default_seats, "short")) is None
