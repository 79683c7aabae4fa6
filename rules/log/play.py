"""Log entries of the course of play: eras and rounds, the deal, headlines, cards played, turns,
flows, summits, non-player states and the end of the game.
"""

from __future__ import annotations

from typing import ClassVar

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
class HeadlineKept:
    """A seat put its one card left face down as its headline for the next round (rules §5.3)."""

    kind: ClassVar[str] = "headline_kept"
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
class SummitCalled:
    kind: ClassVar[str] = "summit_called"
    card: str


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


@frozen
class TeacherActed:
    """A teacher's intervention (rules §17), public: `what` is the action's topic (inject, withhold, tension,
    reveal, or a note's topic), `detail` its public value ("" when there is none; never an injected card)."""

    kind: ClassVar[str] = "teacher_acted"
    what: str
    detail: str
