"""The teacher's interventions (rules §17): actions no seat takes and no seat is ever offered.

A teacher may put a card still in the draw pile on top of it (dealt next round: `InjectCard`), take one out of
the game (`WithholdCard`), set the tension (`SetTension`), look at every hand and national interest
(`RevealAll`, which leaves a public mark), or announce something the rules do not act on — a pause, the end
of a pause, a turn timer, a seat handed to a bot or a person (`TeacherNote`). Each is an action, so a save
replays it, and each logs a public `TeacherActed` that never names an injected card: the draw pile is hidden
from every seat (`rules.view`), so the card's identity shows only when it is dealt.

`legal_actions` never lists these; `why_illegal` allows them whoever is to act, until the game is over.
"""

from __future__ import annotations

from typing import ClassVar

from attrs import frozen

from rules import clock
from rules import log as L
from rules.effects import raise_tension
from rules.errors import Reason
from rules.log import Log
from rules.scenario import Scenario
from rules.state import GameState, Phase, update

TEACHER = -3  # the acting "seat" of a teacher's action in the engine's checks
# What a teacher's note may announce (the client keeps the pause, the timer and who plays each seat).
NOTE_TOPICS = ("pause", "resume", "timer", "player")
NOTE_LIMIT = 80  # characters of a note's detail


@frozen
class InjectCard:
    """Put a card from the draw pile on top of it, so that it is dealt first next round."""

    kind: ClassVar[str] = "teacher_inject"
    card: str


@frozen
class WithholdCard:
    """Take a card still in the draw pile out of the game."""

    kind: ClassVar[str] = "teacher_withhold"
    card: str


@frozen
class SetTension:
    """Set the tension track to a level below a crisis."""

    kind: ClassVar[str] = "teacher_tension"
    level: int


@frozen
class RevealAll:
    """The teacher looked at every hand and national interest (the look itself is the client's)."""

    kind: ClassVar[str] = "teacher_reveal"


@frozen
class TeacherNote:
    """A public announcement the rules do not act on: `topic` one of NOTE_TOPICS, `detail` its value."""

    kind: ClassVar[str] = "teacher_note"
    topic: str
    detail: str


TEACHER_ACTIONS = (InjectCard, WithholdCard, SetTension, RevealAll, TeacherNote)


def _deck_changes_next(scenario: Scenario, state: GameState) -> bool:
    """Whether the next deal opens an era (the deck is shuffled anew then, so no card stays on top)."""
    if state.phase in (Phase.DEAL, Phase.NEWS):
        return state.round == 1
    return clock.is_era_end(scenario, state)


def check_inject(scenario: Scenario, state: GameState, seat: int, a: InjectCard) -> Reason | None:
    if a.card not in state.draw_pile:
        return Reason.NOT_IN_PILE
    return Reason.DECK_RESHUFFLED if _deck_changes_next(scenario, state) else None


def inject(scenario: Scenario, state: GameState, a: InjectCard, log: Log) -> GameState:
    log.append(L.TeacherActed("inject", ""))
    pile = (a.card,) + tuple(c for c in state.draw_pile if c != a.card)
    return update(state, draw_pile=pile)


def check_withhold(scenario: Scenario, state: GameState, seat: int, a: WithholdCard) -> Reason | None:
    return None if a.card in state.draw_pile else Reason.NOT_IN_PILE


def withhold(scenario: Scenario, state: GameState, a: WithholdCard, log: Log) -> GameState:
    log.append(L.TeacherActed("withhold", ""))
    pile = tuple(c for c in state.draw_pile if c != a.card)
    return update(state, draw_pile=pile, removed=state.removed + (a.card,))


def check_tension(scenario: Scenario, state: GameState, seat: int, a: SetTension) -> Reason | None:
    if isinstance(a.level, bool) or not 1 <= a.level < scenario.rules.crisis_level:
        return Reason.OUT_OF_RANGE
    return None


def set_tension(scenario: Scenario, state: GameState, a: SetTension, log: Log) -> GameState:
    log.append(L.TeacherActed("tension", str(a.level)))
    return raise_tension(scenario, state, a.level - state.tension, -1, log)


def check_reveal(scenario: Scenario, state: GameState, seat: int, a: RevealAll) -> Reason | None:
    return None


def reveal(scenario: Scenario, state: GameState, a: RevealAll, log: Log) -> GameState:
    log.append(L.TeacherActed("reveal", ""))
    return state


def check_note(scenario: Scenario, state: GameState, seat: int, a: TeacherNote) -> Reason | None:
    if a.topic not in NOTE_TOPICS or len(a.detail) > NOTE_LIMIT:
        return Reason.OUT_OF_RANGE
    return None


def note(scenario: Scenario, state: GameState, a: TeacherNote, log: Log) -> GameState:
    log.append(L.TeacherActed(a.topic, a.detail))
    return state
