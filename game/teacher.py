"""The teacher's side of a game around the rules' interventions (`rules.teacher`): the console's passphrase, and
what the teacher's notes in a game's actions say now — whether play is paused, the turn timer, who plays each
seat. Everything is read back from the action list, so a save replays it; nothing here draws or reads files.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

from attrs import frozen

from rules import Action
from rules.teacher import TeacherNote

TIMERS: tuple[int, ...] = (0, 30, 45, 60, 90, 120, 180, 300)  # turn timer lengths the console offers, s (0: none)
PLAYERS: tuple[str, ...] = ("human", "random", "greedy", "hard")  # who may play a seat: a person or a bot level


@frozen
class Lock:
    """The console's passphrase, kept only as a salted hash (a save may hold it; seats may read a save)."""

    salt: str
    digest: str

    @classmethod
    def of(cls, passphrase: str) -> Lock:
        salt = secrets.token_hex(8)
        return cls(salt, _digest(salt, passphrase))

    def opens(self, passphrase: str) -> bool:
        return secrets.compare_digest(self.digest, _digest(self.salt, passphrase))

    def to_json(self) -> dict[str, str]:
        return {"salt": self.salt, "digest": self.digest}

    @classmethod
    def from_json(cls, data: object) -> Lock | None:
        """The lock a save's client part holds, or None when it holds none (or a damaged one)."""
        if not isinstance(data, dict):
            return None
        salt, digest = data.get("salt"), data.get("digest")
        return cls(salt, digest) if isinstance(salt, str) and isinstance(digest, str) else None


def _digest(salt: str, passphrase: str) -> str:
    return hashlib.sha256(f"{salt}:{passphrase.strip()}".encode()).hexdigest()


@frozen
class Desk:
    """What the teacher's notes so far say: paused or not, the turn timer (s, 0: none), who plays which seat."""

    paused: bool = False
    timer: int = 0
    players: tuple[tuple[str, str], ...] = ()  # (seat, "human" or a bot level), in the order they were set


def desk(actions: Iterable[Action]) -> Desk:
    """The teacher's settings after a game's actions (the last note on each topic wins)."""
    paused, timer, players = False, 0, {}
    for action in actions:
        if not isinstance(action, TeacherNote):
            continue
        if action.topic in ("pause", "resume"):
            paused = action.topic == "pause"
        elif action.topic == "timer" and action.detail.isdigit():
            timer = int(action.detail)
        elif action.topic == "player" and ":" in action.detail:
            seat, player = action.detail.split(":", 1)
            players[seat] = player
    return Desk(paused, timer, tuple(players.items()))


def player_note(seat: str, player: str) -> TeacherNote:
    """The note that hands a seat to a person ("human") or a bot level."""
    return TeacherNote("player", f"{seat}:{player}")


def timer_note(seconds: int) -> TeacherNote:
    return TeacherNote("timer", str(seconds))
