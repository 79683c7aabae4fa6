"""Hotseat at one screen: what the screen does next, when the device must be handed over, and which
decisions of a human seat are forced.

Several human seats share one screen; the seat in front of it (the viewer) may see its own private data.
Before another human seat decides, the device is handed over: a cover screen, then the "since your last
turn" recap. A hand-over costs a classroom about ten seconds, so a seat is never sent through one when it
has nothing to decide. Its action is *forced*, and the session takes it for the seat, in public (the log
shows the seat passing or ending its turn), when all of these hold:

- it is the acting human seat's only legal action,
- it is of a kind that ends the seat's part without choosing anything (`FORCED`): a pass (the seat holds
  no card), ending a turn that another seat's answer or choice finished, keeping the only national
  interest offered;
- the seat has nothing it could take back (undo is not possible), and
- the device would otherwise be handed over to the seat (in front of the screen, taking the one button
  costs no hand-over, and a seat that has just proposed a deal sees the answer before it ends its turn;
  a single human seat is always in front of it).

A single card to play is not forced: its verb and target are still to choose. An answer always has two
options; a choice is the affected seat's to read even when its card offers one option (none does today).
The client (`game.ui.match.Match`) and `tools/lesson_time.py` both follow `next_step`, so the tool counts
hand-overs exactly as the window makes them.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal

from game.session import Session
from rules import Action
from rules.action import EndTurn, KeepObjective, PassTurn

# The action kinds the session takes for a human seat when they are its only legal action.
FORCED: tuple[type, ...] = (PassTurn, EndTurn, KeepObjective)

Step = Literal["over", "engine", "bot", "remote", "forced", "cover", "seat"]


def is_shared(humans: Collection[str], remote: Collection[str] = ()) -> bool:
    """Whether the screen is shared: by several human seats, or shown to the room in a class game whose
    `remote` seats play from browsers (one human alone at a screen of its own never needs a cover)."""
    return len(humans) > 1 or bool(remote)


def forced_action(
    session: Session, humans: Collection[str], viewer: str | None, remote: Collection[str] = ()
) -> Action | None:
    """The acting human seat's forced action (see the module's docstring), or None if it has a decision."""
    if not needs_cover(session, humans, viewer, remote):
        return None
    legal = session.legal()
    if len(legal) != 1 or not isinstance(legal[0], FORCED) or session.can_undo(session.current_seat()):
        return None
    return legal[0]


def needs_cover(session: Session, humans: Collection[str], viewer: str | None, remote: Collection[str] = ()) -> bool:
    """Whether the device must be handed over before the acting human seat sees the screen."""
    seat = session.current_seat()
    return seat is not None and seat in humans and seat != viewer and is_shared(humans, remote)


def next_step(
    session: Session,
    humans: Collection[str],
    viewer: str | None,
    take_forced: bool = True,
    remote: Collection[str] = (),
) -> Step:
    """What the screen does next: the game is over; the engine takes its own step; a `remote` seat decides
    in its browser; a bot seat decides; the session takes a human seat's forced action; the device is handed
    over to the acting human seat (cover and recap); or the seat in front of the screen decides.

    `take_forced=False` is the flow before forced actions were taken for the seat (for measuring it)."""
    if session.is_over:
        return "over"
    seat = session.current_seat()
    if seat is None:
        return "engine"
    if seat in remote:
        return "remote"
    if seat not in humans:
        return "bot"
    if take_forced and forced_action(session, humans, viewer, remote) is not None:
        return "forced"
    if needs_cover(session, humans, viewer, remote):
        return "cover"
    return "seat"


def viewer_after_hand_over(humans: Collection[str], viewer: str | None, remote: Collection[str] = ()) -> str | None:
    """Who may still be shown private data once the device is being handed over (nobody when shared)."""
    return None if is_shared(humans, remote) else viewer
