"""The session takes back only what the rules call undoable, and only for the seat that did it (issue 15)."""

from __future__ import annotations

import pytest

from game.session import Session
from rules.action import Answer, PlayCard, Propose, UseOps
from tests.rules.helpers import SEATS, at_actions, mini


def _negotiating(holder: str = "alpha") -> Session:
    """A mini session whose holder has taken c1 for negotiate ops."""
    session = Session.start(mini(), 7, SEATS)
    session.state = at_actions(mini(), holder, hands={holder: ("c1",)})
    session.submit(PlayCard(holder, "c1"))
    session.submit(UseOps(holder, "negotiate"))
    return session


def test_a_proposal_answered_by_a_non_player_state_cannot_be_taken_back() -> None:
    session = _negotiating()
    session.submit(Propose("alpha", "gamma", "transit", "g_w"))
    assert not session.can_undo("alpha")
    with pytest.raises(ValueError):
        session.undo("alpha")


def test_an_answer_and_the_proposal_before_it_stay() -> None:
    session = _negotiating()
    session.submit(Propose("alpha", "beta", "transit", "a_b"))
    assert not session.can_undo("alpha") and not session.can_undo("beta")
    session.submit(Answer("beta", True))
    assert not session.can_undo("alpha") and not session.can_undo("beta")


def test_only_the_acting_seat_takes_back_its_own_choices() -> None:
    session = _negotiating()
    assert not session.can_undo("beta") and not session.can_undo(None)
    assert session.undo("alpha") == UseOps("alpha", "negotiate")
    assert session.undo("alpha") == PlayCard("alpha", "c1")
    assert not session.can_undo("alpha")
