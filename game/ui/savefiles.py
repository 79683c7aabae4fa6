"""A match's files: named saves, autosaves, and loading either back into a match.

Both are the project's save format (`game.saves`) with who plays each seat added under "client".
Named saves live in ``<data>/saves``, autosaves in ``<data>/autosaves`` (see `game.autosaves`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game import atomic, autosaves, saves
from game.bots import ALIASES, LEVELS
from game.mods import Library
from game.session import Session
from game.teacher import Lock
from game.ui.match import Match, SeatPlan
from game.ui.scene import SceneHost
from game.ui.settings import TEMP_PREFIX as SETTINGS_TEMP_PREFIX
from game.ui.settings import data_dir


def saves_folder() -> Path:
    return data_dir() / "saves"


def autosave_folder() -> Path:
    return data_dir() / "autosaves"


def remove_stray_temps() -> None:
    """Delete the temporary files that writes killed mid-way left (only the game's own: settings, saves, autosaves)."""
    autosaves.clean(autosave_folder())
    for folder, prefix in ((saves_folder(), saves.TEMP_PREFIX), (data_dir(), SETTINGS_TEMP_PREFIX)):
        if folder.is_dir():
            atomic.remove_temps(folder, prefix)


def match_document(match: Match) -> dict[str, Any]:
    """The save document of the match: the game's envelope plus who plays each seat (and, in a class game
    hosted from the window, the host's room and the browsers' tokens)."""
    with match.session.lock:
        doc = saves.to_document(match.session)
    plans = [{"state": p.state, "human": p.human, "level": p.level} for p in match.plans]
    for plan, seat in zip(plans, match.plans):
        if seat.remote:
            plan["remote"] = True
    doc["client"] = {"plans": plans}
    if match.lock is not None:
        doc["client"]["teacher"] = match.lock.to_json()
    if match.host is not None:
        doc["host"] = match.host.part()
    return doc


def save_match(match: Match, path: Path) -> Path:
    """Write the game (and who plays each seat) atomically as a named save; the game counts as saved."""
    saves.write_atomic(path, saves.layout(match_document(match)))
    if match.autosaver is not None:
        match.autosaver.mark_saved()
    return path


def keep_autosaves(match: Match) -> autosaves.Autosaver:
    """From now on the match autosaves at every round's cleanup, however it is played (once per match). A class
    game hosted from the window also autosaves when a browser joins and after each browser's decision (the host
    writes the window's autosave: who plays each seat, the room and the tokens)."""
    if match.autosaver is None:
        match.autosaver = autosaves.Autosaver(autosave_folder(), match.session, lambda: match_document(match))
        if match.host is not None:
            match.host.autosaver = match.autosaver
    return match.autosaver


def load_match(path: Path, library: Library, host_port: int = 8765) -> Match:
    """Replay a save into a match; raises `saves.SaveError` with one line if it cannot. A class game hosted
    from the window is hosted again (on `host_port`, or any free port), its browsers back on their seats."""
    session, seat_plans, lock, doc = _load(path, library)
    match = Match.around(session, seat_plans)
    match.lock = lock
    if match.remote():
        match.host_game(host_port, kept=doc.get("host"))
    return match


def _load(path: Path, library: Library) -> tuple[Session, tuple[SeatPlan, ...], Lock | None, dict[str, Any]]:
    """A save's game, who plays each seat (a human where the save does not say), the teacher's lock and the
    save's document."""
    name = path.name
    doc = saves.read_document(path, name)
    session = saves.from_document(doc, name, library.load)
    client = doc.get("client")
    raw = client.get("plans") if isinstance(client, dict) else None
    plans = {p.get("state"): p for p in raw if isinstance(p, dict)} if isinstance(raw, list) else {}
    lock = Lock.from_json(client.get("teacher")) if isinstance(client, dict) else None
    return session, tuple(_seat_plan(seat, plans.get(seat, {}), name) for seat in session.setup.seats), lock, doc


def fork_match(path: Path, round_number: int, library: Library) -> Match:
    """A what-if branch of the game saved at `path` from the start of a round, with the same players, saved
    beside it as a new named save (``<name>-whatif-r<round>``, numbered if taken) and ready to play on."""
    session, seat_plans, lock, _ = _load(path, library)
    seat_plans = tuple(SeatPlan(p.state, p.human, p.level) for p in seat_plans)  # a branch is played at the screen
    branch = saves.fork(session, round_number, path.name)
    stem = f"{path.stem}-whatif-r{round_number}"
    target, number = path.parent / f"{stem}.json", 1
    while target.exists():
        number += 1
        target = path.parent / f"{stem}-{number}.json"
    match = Match.around(branch, seat_plans)
    match.lock = lock
    save_match(match, target)
    match.save_name = target.stem
    return match


def _seat_plan(seat: str, plan: dict[str, Any], name: str) -> SeatPlan:
    """Who plays a seat, as the save's "client" part says (a human when it says nothing)."""
    level = plan.get("level", "greedy")
    if not isinstance(level, str) or (level not in LEVELS and level not in ALIASES):
        raise saves.SaveError(f"{name}: client.plans: {seat} is played by an unknown bot level {level!r}")
    human = bool(plan.get("human", True))
    return SeatPlan(seat, human, str(level), remote=plan.get("remote") is True and not human)


def newest_autosave(library: Library, host_port: int = 8765) -> Match | None:
    """The game of the newest autosave that loads (a damaged one is passed over), or None."""
    for path in autosaves.listing(autosave_folder()):
        try:
            return load_match(path, library, host_port)
        except (saves.SaveError, OSError):
            continue
    return None


def leave(app: SceneHost, match: Match, then: str) -> None:
    """Leave the game for the title screen (`then` "title") or close the client ("quit"), keeping any play
    since the last save in the current round's autosave, which "Continue" resumes."""
    if match.unsaved() and match.autosaver is not None:
        match.autosaver.save_now()
    match.close()
    if then == "quit":
        app.quit()
    else:
        app.reset("title")


def ask_to_leave(app: SceneHost, match: Match, then: str) -> None:
    """Leave at once when every move is in a save; else ask first (save and leave, leave, or stay)."""
    if match.unsaved():
        app.push("leave", match=match, then=then)
    else:
        leave(app, match, then)


def debrief_of(
    session: Session, path: Path | None, library: Library, read_only: saves.ReadOnly | None = None
) -> dict[str, Any]:
    """The debrief screen's arguments for a game saved at `path` (None: never saved): the game, its name, and
    its parent when it is a branch whose parent's save lies beside it and still starts like it (else none);
    `read_only`: what was edited in a tampered save."""
    compare = None
    if path is not None:
        try:
            compare = saves.load_parent(path, session, library.load)
        except saves.SaveError:
            compare = None
    title = path.stem if path else session.setup.scenario_id
    return {"session": session, "compare": compare, "title": title, "path": path, "read_only": read_only}
