"""Autosaves: one file per round of a game, the newest `KEEP` kept, each written crash-safely.

Every autosave has a name of its own, ``autosave-<game>-r<round>.json`` (the game: a short hash of the
scenario and setup; the round: the absolute round the save closes), so keeping them renames nothing. A
new one is written atomically (`game.atomic`), then the oldest beyond `KEEP` are deleted: a kill at any
moment leaves every earlier autosave whole, and at most a temporary file that `clean` removes on the
next start. Playing a round again writes over that round's own autosave. Named saves live in another
folder and are never touched. The files are ordinary saves (`game.saves`), loaded like any other.

`Autosaver` watches a session (`Session.watchers`) and writes the autosave after each round's cleanup,
however the game is played; it also knows whether there is play since the last save.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game import atomic, saves
from game.serialize import canonical, sha256_text
from game.session import Session
from rules import GameState
from rules.action import Advance
from rules.state import Phase

PREFIX = "autosave-"
TEMP_PREFIX = ".autosave-"  # an autosave's temporary file while it is written
KEEP = 5
_NAME = re.compile(rf"^{PREFIX}([0-9a-f]+)-r(\d+)\.json$")

Document = Callable[[], dict[str, Any]]


def game_id(doc: dict[str, Any]) -> str:
    """A short name for the game a save document belongs to: a hash of its scenario and setup."""
    return sha256_text(canonical({"scenario": doc["scenario"], "setup": doc["setup"]}))[:10]


def path_for(folder: Path, doc: dict[str, Any], round_number: int) -> Path:
    """The autosave file of a game's round."""
    return folder / f"{PREFIX}{game_id(doc)}-r{round_number:03d}.json"


def write(folder: Path, doc: dict[str, Any], round_number: int, keep: int = KEEP) -> Path:
    """Write the save document as its game's autosave of the round, then keep only the newest `keep`."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    path = path_for(folder, doc, round_number)
    atomic.write_atomic(path, saves.layout(doc), TEMP_PREFIX)
    for old in listing(folder)[keep:]:
        old.unlink(missing_ok=True)
    atomic.sync_folder(folder)
    return path


def listing(folder: Path) -> list[Path]:
    """The autosaves in the folder, newest first (by time written; within one game, later rounds first)."""
    found = []
    for path in folder.glob(f"{PREFIX}*.json"):
        round_number = round_of(path)
        try:
            written = path.stat().st_mtime_ns
        except OSError:
            continue  # deleted meanwhile
        if round_number is not None:
            found.append(((written, round_number, path.name), path))
    return [path for _, path in sorted(found, reverse=True)]


def round_of(path: Path) -> int | None:
    """The round an autosave's name gives (None: not an autosave's name)."""
    name = _NAME.match(path.name)
    return int(name.group(2)) if name is not None else None


def newest(folder: Path) -> Path | None:
    """The autosave written last, or None when there is none."""
    found = listing(folder)
    return found[0] if found else None


def clean(folder: Path, keep: int = KEEP) -> int:
    """What a start does after a killed write: remove the autosaves' temporary files, and the oldest
    autosaves beyond `keep` (a kill between writing a round and deleting the oldest leaves one more);
    returns how many files went."""
    if not folder.is_dir():
        return 0
    extra = listing(folder)[keep:]
    for old in extra:
        old.unlink(missing_ok=True)
    return atomic.remove_temps(folder, TEMP_PREFIX) + len(extra)


class Autosaver:
    """Writes a session's autosave after every round's cleanup and counts the play since the last save.

    `document` gives the save document of the game as it stands (the client adds who plays each seat).
    Play counts from the moment the autosaver is made: the session then is as its save left it.
    """

    def __init__(self, folder: Path, session: Session, document: Document, keep: int = KEEP) -> None:
        self.folder = folder
        self.session = session
        self.document = document
        self.keep = keep
        self.saved = list(session.actions)  # the actions the last save holds
        self.last: Path | None = None  # the autosave written last
        session.watchers.append(self.after)

    def after(self, session: Session, before: GameState) -> None:
        """After each action: a round's cleanup has just run when the state before was in the cleanup phase."""
        if before.phase == Phase.CLEANUP:
            self.save(before.absolute_round)

    def save(self, round_number: int) -> Path | None:
        """Write the autosave of the round now; None if the folder cannot be written (play goes on)."""
        try:
            self.last = write(self.folder, self.document(), round_number, self.keep)
        except OSError:
            return None
        self.mark_saved()
        return self.last

    def save_now(self) -> Path | None:
        """Autosave the game where it stands (leaving mid-round): the current round's autosave."""
        return self.save(self.session.state.absolute_round)

    def mark_saved(self) -> None:
        """The game as it stands is in a save file (an autosave or a named save)."""
        self.saved = list(self.session.actions)

    def unsaved(self) -> bool:
        """Whether a seat has acted (or undone) since the last save; the engine's own steps do not count."""
        actions = self.session.actions
        if actions[: len(self.saved)] != self.saved:
            return True
        return any(not isinstance(action, Advance) for action in actions[len(self.saved) :])
