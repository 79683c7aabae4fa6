"""A game in progress: the scenario, its seed, seats and options, the action list and the log.

The action list is the source of truth (a save stores it); the current state is its replay. The
session adds what play around a screen needs: undo of a seat's own private choices (the rules decide
which, `rules.undo`), the log per seat, and the "since your last turn" recap. It never draws its own
random numbers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from attrs import frozen

from game.bots.reasons import Reason
from rules import Action, GameState, Scenario, apply, legal_actions, new_game, outcome, why_illegal
from rules.action import Advance
from rules.log import LogEntry, is_visible
from rules.undo import undoable


@frozen
class Setup:
    """Everything needed to recreate a game besides its actions."""

    scenario_id: str
    seed: int
    seats: tuple[str, ...]
    length: str
    tier: str = "standard"


@frozen
class Branch:
    """Where a what-if branch left its parent game: the parent's save file (its name, looked for beside the
    branch), the parent's action-chain hash at the fork (so a changed parent is noticed), the number of the
    parent's actions the branch shares, and the round it was forked at (the branch begins that round anew)."""

    parent: str
    chain: str
    step: int
    round: int


@frozen
class Team:
    """The people who play a seat: the team's name and its members' names (in the order given)."""

    name: str
    members: tuple[str, ...] = ()


@frozen
class Entry:
    """A log entry with the step that produced it."""

    step: int
    entry: LogEntry


class Session:
    """A mutable handle on one game, for the client, the command line and bots."""

    def __init__(self, scenario: Scenario, setup: Setup) -> None:
        self.setup = setup
        self.state: GameState = new_game(scenario, setup.seed, setup.seats, length=setup.length, tier=setup.tier)
        self.scenario = scenario.played(setup.length, len(setup.seats))  # the format's and table's numbers
        self.initial = self.state
        self.actions: list[Action] = []
        self.log: list[Entry] = []
        self.notes: dict[int, Reason] = {}  # step -> why it was taken (a bot's reason); optional
        self.branch: Branch | None = None  # set on a what-if branch of another game (game.saves.fork)
        self.teams: dict[str, Team] = {}  # seat -> the team that plays it (seats without one: none)
        self.timings: dict[int, int] = {}  # step -> milliseconds the person at the screen took to decide it
        self._history: list[tuple[GameState, int]] = []  # (state before, log length before) per action
        self._undoable: list[bool] = []  # per action: whether the rules let it be taken back
        # Called after every action with the session and the state before it (the client's autosave).
        self.watchers: list[Callable[[Session, GameState], None]] = []
        # Held by submit and undo: a hosted game is changed by the window and by the host's server thread.
        # Whoever reads several things of one moment (a seat's view) holds it too.
        self.lock = threading.RLock()

    @classmethod
    def start(
        cls, scenario: Scenario, seed: int, seats: Iterable[str], length: str = "", tier: str = "standard"
    ) -> Session:
        setup = Setup(scenario.id, seed, tuple(seats), length or scenario.definition.default_length, tier)
        return cls(scenario, setup)

    @classmethod
    def replay(cls, scenario: Scenario, setup: Setup, actions: Iterable[Action]) -> Session:
        """Rebuild a session by applying actions from the start (raises on an illegal one)."""
        session = cls(scenario, setup)
        for action in actions:
            session.submit(action)
        return session

    # ------------------------------------------------------------------ play

    @property
    def is_over(self) -> bool:
        return outcome(self.scenario, self.state) is not None

    def legal(self) -> tuple[Action, ...]:
        return legal_actions(self.scenario, self.state)

    def why_not(self, action: Action) -> str | None:
        return why_illegal(self.scenario, self.state, action)

    def submit(self, action: Action, note: Reason | None = None) -> tuple[LogEntry, ...]:
        """Apply an action; returns its log entries. Raises IllegalActionError / InvalidActionError.

        `note` (a bot's reason) is kept in `notes` under the action's step."""
        with self.lock:
            return self._submit(action, note)

    def _submit(self, action: Action, note: Reason | None) -> tuple[LogEntry, ...]:
        before = self.state
        self.state, entries = apply(self.scenario, self.state, action)
        self._history.append((before, len(self.log)))
        self._undoable.append(undoable(before, action, self.state, entries))
        self.actions.append(action)
        step = len(self.actions)
        self.log.extend(Entry(step, e) for e in entries)
        if note is not None:
            self.notes[step] = note
        for watch in self.watchers:
            watch(self, before)
        return entries

    def run_engine(self, limit: int = 1000) -> int:
        """Take the engine's own steps until a seat must decide or the game ends; returns how many."""
        count = 0
        while not self.is_over and self.state.to_act < 0 and count < limit:
            self.submit(Advance())
            count += 1
        return count

    # ------------------------------------------------------------------ undo

    def can_undo(self, seat: str | None) -> bool:
        """Whether `seat` (the seat asking; None: an observer) may take back the last action: the seat is
        to act, the action was its own and the rules call it undoable (no draw, reveal, answer or other
        seat's input since). A bot's action is never taken back by the seat in front of the screen."""
        if seat is None or not self.actions or not self._undoable[-1]:
            return False
        return self.current_seat() == seat and getattr(self.actions[-1], "seat", None) == seat

    def undo(self, seat: str | None) -> Action:
        """Take back the last action for `seat`; raises ValueError when `can_undo(seat)` is False."""
        with self.lock:
            if not self.can_undo(seat):
                raise ValueError(f"nothing {seat!r} may take back now")
            before, log_len = self._history.pop()
            self._undoable.pop()
            self.state = before
            del self.log[log_len:]
            self.notes.pop(len(self.actions), None)
            return self.actions.pop()

    # ------------------------------------------------------------------ reading

    def current_seat(self) -> str | None:
        """The seat to act, or None for the engine's own step or a finished game."""
        to_act = self.state.to_act
        return self.state.seats[to_act] if to_act >= 0 else None

    def visible_log(self, seat: str | None) -> list[Entry]:
        """The log as a seat may read it (None: public entries only)."""
        return [e for e in self.log if is_visible(e.entry, seat)]

    def state_before(self, step: int) -> GameState:
        """The state just before the action of a step (steps count from 1)."""
        return self._history[step - 1][0]

    def state_after(self, step: int) -> GameState:
        """The state just after the action of a step."""
        return self.state_before(step + 1) if step < len(self.actions) else self.state

    def last_step_of(self, seat: str) -> int:
        """The step of the seat's last action (0 if it has not acted yet)."""
        for index in range(len(self.actions) - 1, -1, -1):
            if getattr(self.actions[index], "seat", None) == seat:
                return index + 1
        return 0

    def recap(self, seat: str) -> list[Entry]:
        """What others did in public since the seat last acted."""
        since = self.last_step_of(seat)
        return [e for e in self.log if e.step > since and is_visible(e.entry, None)]
