"""Save files: a versioned JSON envelope around a game's setup and action list.

The actions are the source of truth; loading replays them. A hash chain over the actions and a
snapshot of the final state (with its hash) catch a tampered or damaged file, and the content
hash catches a scenario whose data changed since the save was made. Every problem with a file
becomes one `SaveError` line naming the file; loading never writes to the file.

Older versions are brought up to date by `upgrade`, one `MIGRATIONS` step per version:
1 -> 2  bot notes become structured reasons (catalogue keys and parameters) in place of English text.
2 -> 3  "branch": a what-if branch records its parent game and the fork point (null for every other game).
3 -> 4  "teams": the team that plays each seat (name and members; {} when none was named), and the optional
        "timings": [step, milliseconds] for each decision a person took at the screen (the participation record).
4 -> 5  the round's rules changed (rules §5.3: the card left after a seat's turns is its next headline, no
        pick_headline action; §5.4: a seat takes its two turns back to back), so a game that got past choosing
        its national interests cannot be replayed: such a save is refused in one line.
5 -> 6  a seat keeps its national interest when its first sitting opens, after the first news (rules §4.2), not
        before it: a game in which any seat has decided anything cannot be replayed, and is refused in one line.

A branch (`fork`) is a new save holding the parent's actions up to the start of a round; it is played on as any
game, and its "branch" field names the parent's file and the parent's chain hash at the fork, which must be the
branch's own chain hash there (checked on loading).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from attrs import frozen

from game import atomic
from game.bots.reasons import Phrase, Reason, reason_from_json, reason_to_json
from game.content_files import load_scenario
from game.limits import FileProblem, JsonSyntaxProblem, parse_json, read_limited
from game.serialize import action_json, canonical, sha256_text, state_hash, unstructure_state
from game.session import Branch, Session, Setup, Team
from rules import IllegalActionError, InvalidActionError, Scenario, SetupError, from_json
from rules.action import Action
from rules.content import ContentError
from rules.log import RoundBegan

FORMAT = "caspian-gambit-save"
VERSION = 6
TEMP_PREFIX = ".save-"  # a save's temporary file while it is written

ScenarioLoader = Callable[[str], Scenario]
Migration = Callable[[dict[str, Any]], dict[str, Any]]

# MIGRATIONS[n] turns a version-n document into a version-(n + 1) one. Only `upgrade` calls them.


def _notes_as_reasons(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 1 kept each note as English text: it becomes a reason that quotes the text as it is
    (``bot.why.text``), since the key and figures behind it were never saved."""
    if not isinstance(doc.get("notes"), list):
        return doc
    notes = [_note_as_reason(item) for item in doc["notes"]]
    return {**doc, "notes": notes}


def _note_as_reason(item: object) -> object:
    if isinstance(item, list) and len(item) == 2 and isinstance(item[1], str):
        return [item[0], reason_to_json(Reason(Phrase.of("bot.why.text", text=item[1])))]
    return item  # not a note: `read_notes` refuses it


def _no_branch(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 2 had no branches: every such game is an original one."""
    return {**doc, "branch": None}


def _no_teams(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 3 had no teams: no seat had one, and no decision was timed."""
    return {**doc, "teams": {}}


class SaveError(ValueError):
    """A save file that cannot be loaded; the message is one line naming the file and the problem."""


class TamperedSave(SaveError):
    """A save whose hashes show an edit: `what` names it for the catalogues ("save.edited.<what>", with `params`)."""

    def __init__(self, line: str, what: str, **params: int) -> None:
        super().__init__(line)
        self.what = what
        self.params = params


@frozen(eq=False)
class ReadOnly:
    """How a tampered save was opened for reading only: what was edited, and how many of its actions were
    replayed (as far as they are legal) of how many it holds."""

    edit: TamperedSave
    replayed: int
    actions: int


# The actions a game takes before its first round; any other was played under the rules of its version.
_BEFORE_PLAY = frozenset({"advance", "keep_objective"})


def _refuse_played_rounds(doc: dict[str, Any]) -> dict[str, Any]:
    """A save whose game has begun its rounds was played under rules this version no longer plays (its
    actions would not replay): refused. One still at the choice of interests is kept as it is."""
    actions = doc.get("actions")
    played = isinstance(actions, list) and any(
        not isinstance(item, dict) or item.get("kind") not in _BEFORE_PLAY for item in actions
    )
    if played:
        raise SaveError(
            "saved by an older version of Caspian Gambit under rules it no longer plays: seats now take their "
            "two turns back to back and keep their last card as their headline; start a new game"
        )
    return doc


def _refuse_early_interests(doc: dict[str, Any]) -> dict[str, Any]:
    """A save in which a seat has decided anything kept its national interest before the first news, which the
    rules no longer allow (its actions would not replay): refused. One still at the engine's first steps is kept."""
    actions = doc.get("actions")
    decided = isinstance(actions, list) and any(
        not isinstance(item, dict) or item.get("kind") != "advance" for item in actions
    )
    if decided:
        raise SaveError(
            "saved by an older version of Caspian Gambit under rules it no longer plays: each seat now keeps its "
            "national interest when its first sitting opens; start a new game"
        )
    return doc


MIGRATIONS: dict[int, Migration] = {
    1: _notes_as_reasons,
    2: _no_branch,
    3: _no_teams,
    4: _refuse_played_rounds,
    5: _refuse_early_interests,
}


# --------------------------------------------------------------------------- writing


def to_document(session: Session) -> dict[str, Any]:
    """The save envelope of a session, as JSON data (with "notes" only if the session has any)."""
    setup = session.setup
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "scenario": setup.scenario_id,
        "content_hash": session.scenario.content_hash,
        "setup": _setup_data(setup),
        "actions": [json.loads(action_json(a)) for a in session.actions],
        "chain": action_chain(_setup_data(setup), session.actions),
        "snapshot": unstructure_state(session.state),
        "state_hash": state_hash(session.state),
        "saved_round": session.state.absolute_round,
        "branch": _branch_data(session.branch),
        "teams": {seat: {"name": t.name, "members": list(t.members)} for seat, t in sorted(session.teams.items())},
    }
    if session.notes:
        doc["notes"] = [[step, reason_to_json(session.notes[step])] for step in sorted(session.notes)]
    if session.timings:
        doc["timings"] = [[step, session.timings[step]] for step in sorted(session.timings)]
    return doc


def _branch_data(branch: Branch | None) -> dict[str, Any] | None:
    if branch is None:
        return None
    return {"parent": branch.parent, "chain": branch.chain, "step": branch.step, "round": branch.round}


def _setup_data(setup: Setup) -> dict[str, Any]:
    return {"seed": setup.seed, "seats": list(setup.seats), "length": setup.length, "tier": setup.tier}


def action_chain(setup: dict[str, Any], actions: list[Action]) -> list[str]:
    """One hash per action, each over the previous hash and the action's canonical JSON.

    The chain starts from the hash of the canonical setup, so it also binds the seed and seats.
    """
    previous = sha256_text(canonical(setup))
    chain = []
    for action in actions:
        previous = sha256_text(previous + action_json(action))
        chain.append(previous)
    return chain


def save(session: Session, path: str | os.PathLike[str]) -> Path:
    """Write the session's save file atomically (the old file stays whole if writing fails)."""
    target = Path(path)
    write_atomic(target, _save_text(session))
    return target


def _save_text(session: Session) -> str:
    return layout(to_document(session))


def layout(doc: dict[str, Any]) -> str:
    """The envelope as text: header fields first, one action (and one chain hash) per line."""
    lines = []
    for key, value in doc.items():
        if isinstance(value, list) and value:
            items = ",\n".join(f"  {canonical(item)}" for item in value)
            lines.append(f' "{key}": [\n{items}\n ]')
        else:
            lines.append(f' "{key}": {canonical(value)}')
    return "{\n" + ",\n".join(lines) + "\n}\n"


def write_atomic(target: Path, text: str) -> None:
    """Replace `target` with `text` crash-safely (see `game.atomic`): the old file stays whole if writing fails."""
    atomic.write_atomic(target, text, TEMP_PREFIX)


# --------------------------------------------------------------------------- branches


def fork_step(session: Session, round_number: int) -> int:
    """The number of actions up to the start of a round (its RoundBegan); `SaveError` for a round not begun."""
    began = [e.step for e in session.log if isinstance(e.entry, RoundBegan)]
    if not 1 <= round_number <= len(began):
        raise SaveError(f"round {round_number} was not played in this game (rounds 1 to {len(began)})")
    return began[round_number - 1]


def fork(session: Session, round_number: int, parent: str) -> Session:
    """A what-if branch of a game: its actions up to the start of a round, recording the parent's file name."""
    step = fork_step(session, round_number)
    branch = Session.replay(session.scenario, session.setup, session.actions[:step])
    branch.notes = {k: v for k, v in session.notes.items() if k <= step}
    branch.teams = dict(session.teams)
    branch.timings = {k: v for k, v in session.timings.items() if k <= step}
    chain = action_chain(_setup_data(session.setup), session.actions[:step])
    branch.branch = Branch(parent, chain[-1], step, round_number)
    return branch


def load_parent(path: Path, branch: Session, scenario_loader: ScenarioLoader = load_scenario) -> Session | None:
    """The parent game of a branch saved at `path`, from the file it names beside it (None if there is none);
    `SaveError` if that file no longer starts with the branch's shared actions."""
    if branch.branch is None:
        return None
    where = path.parent / branch.branch.parent
    if not where.is_file():
        return None
    parent = load(where, scenario_loader)
    shared = parent.actions[: branch.branch.step]
    if len(shared) < branch.branch.step or action_chain(_setup_data(parent.setup), shared)[-1] != branch.branch.chain:
        raise SaveError(f"{where}: not the game {path} was branched from (its actions differ before the fork)")
    return parent


# --------------------------------------------------------------------------- reading


def load(path: str | os.PathLike[str], scenario_loader: ScenarioLoader = load_scenario) -> Session:
    """The session a save file holds, replayed and checked; raises `SaveError` (one line)."""
    name = str(path)
    doc = read_document(Path(path), name)
    return from_document(doc, name, scenario_loader)


def read_document(path: Path, name: str) -> dict[str, Any]:
    """A save file's envelope, upgraded to the current version."""
    try:
        data = read_limited(path, name, "save")
    except FileProblem as exc:
        raise SaveError(str(exc)) from None
    except FileNotFoundError:
        raise SaveError(f"{name}: file not found") from None
    except OSError as exc:
        raise SaveError(f"{name}: cannot read file ({exc.strerror or exc})") from None
    return upgrade(_parse(data, name), name)


def _parse(data: bytes, name: str) -> dict[str, Any]:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError(f"{name}: not a Caspian Gambit save (not UTF-8 text)") from None
    try:
        doc = parse_json(data, name, "save")
    except JsonSyntaxProblem as exc:
        raise SaveError(f"{name}: damaged or truncated save file (not valid JSON at {exc.where})") from None
    except FileProblem as exc:
        raise SaveError(str(exc)) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        found = doc.get("format") if isinstance(doc, dict) else None
        what = f' (format "{found}")' if isinstance(found, str) else ""
        raise SaveError(f"{name}: not a Caspian Gambit save{what}")
    return doc


def upgrade(doc: dict[str, Any], name: str = "save") -> dict[str, Any]:
    """The document brought to the current version, one migration step at a time."""
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SaveError(f"{name}: damaged save file (bad version {version!r})")
    if version > VERSION:
        raise SaveError(
            f"{name}: written by a newer version of Caspian Gambit "
            f"(save version {version}, this game reads up to {VERSION})"
        )
    while version < VERSION:
        try:
            doc = {**MIGRATIONS[version](doc), "version": version + 1}
        except SaveError as exc:
            raise SaveError(f"{name}: {exc}") from None
        version += 1
    return doc


def from_document(doc: dict[str, Any], name: str, scenario_loader: ScenarioLoader = load_scenario) -> Session:
    """Replay a current-version envelope into a session, checking every hash on the way."""
    actions = check_document(doc, name)
    notes = read_notes(doc, len(actions), name)
    scenario = _scenario(doc["scenario"], doc["content_hash"], name, scenario_loader)
    session = _replay(scenario, _setup(doc["scenario"], doc["setup"]), actions, name)
    if state_hash(session.state) != doc["state_hash"]:
        raise TamperedSave(
            f"{name}: the actions no longer lead to the saved state (saved under different rules, or tampered)",
            "state",
        )
    session.notes = notes
    session.branch = read_branch(doc, name)
    session.teams = read_teams(doc, session.setup.seats, name)
    session.timings = read_timings(doc, len(actions), name)
    return session


def read_teams(doc: dict[str, Any], seats: tuple[str, ...], name: str) -> dict[str, Team]:
    """The envelope's teams: seat -> name and members, each for a seat of the game."""
    teams: dict[str, Team] = {}
    for seat, data in doc["teams"].items():
        ok = seat in seats and isinstance(data, dict) and set(data) == {"name", "members"}
        if not ok or not isinstance(data["name"], str) or not isinstance(data["members"], list):
            raise SaveError(f'{name}: damaged save file ("teams" is not a name and members for seats of the game)')
        if not all(isinstance(member, str) for member in data["members"]):
            raise SaveError(f"{name}: damaged save file (a member of the team of {seat} is not a name)")
        teams[seat] = Team(data["name"], tuple(data["members"]))
    return teams


def read_timings(doc: dict[str, Any], steps: int, name: str) -> dict[int, int]:
    """The envelope's optional timings (step -> milliseconds), each on a step of the game."""
    items = doc.get("timings", [])
    if not isinstance(items, list):
        raise SaveError(f'{name}: damaged save file ("timings" has the wrong type)')
    timings: dict[int, int] = {}
    for item in items:
        ok = isinstance(item, list) and len(item) == 2 and all(type(v) is int for v in item)
        if not ok or not 1 <= item[0] <= steps or item[1] < 0:
            raise SaveError(f"{name}: damaged save file (a timing is not [step, milliseconds] for a step of the game)")
        timings[item[0]] = item[1]
    return timings


def read_notes(doc: dict[str, Any], steps: int, name: str) -> dict[int, Reason]:
    """The envelope's optional notes (step -> reason; absent means none), each on a step of the game."""
    items = doc.get("notes", [])
    if not isinstance(items, list):
        raise SaveError(f'{name}: damaged save file ("notes" has the wrong type)')
    notes: dict[int, Reason] = {}
    for item in items:
        ok = isinstance(item, list) and len(item) == 2
        if not ok or not isinstance(item[0], int) or isinstance(item[0], bool) or not 1 <= item[0] <= steps:
            raise SaveError(f"{name}: damaged save file (a note is not [step, reason] for a step of the game)")
        try:
            notes[item[0]] = reason_from_json(item[1])
        except ValueError as exc:
            problem = f"the note on step {item[0]} is not a reason: {_one_line(exc)}"
            raise SaveError(f"{name}: damaged save file ({problem})") from None
    return notes


def read_branch(doc: dict[str, Any], name: str) -> Branch | None:
    """The envelope's branch record (None for an original game), its fork on the branch's own chain."""
    data = doc["branch"]
    if data is None:
        return None
    types = {"parent": str, "chain": str, "step": int, "round": int}
    wrong = [k for k, t in types.items() if not isinstance(data.get(k), t) or isinstance(data.get(k), bool)]
    if set(data) != set(types) or wrong:
        raise SaveError(f'{name}: damaged save file ("branch" is not a parent, chain, step and round)')
    branch = Branch(data["parent"], data["chain"], data["step"], data["round"])
    if not 1 <= branch.step <= len(doc["chain"]) or doc["chain"][branch.step - 1] != branch.chain:
        raise TamperedSave(
            f"{name}: tampered or damaged save (the branch does not start from its parent's actions)", "branch"
        )
    return branch


def check_document(doc: dict[str, Any], name: str) -> list[Action]:
    """The envelope's actions, once its fields, action chain and snapshot hash are checked.

    Nothing here depends on the scenario or the rules, only on the save format.
    """
    _check_fields(doc, name)
    _check_setup_against_snapshot(doc, name)
    actions = _actions(doc["actions"], name)
    _check_chain(doc["setup"], actions, doc["chain"], name)
    _check_snapshot(doc, name)
    return actions


# The envelope's fields and the JSON types they must have.
_FIELD_TYPES: dict[str, type | tuple[type, ...]] = {
    "scenario": str,
    "content_hash": str,
    "setup": dict,
    "actions": list,
    "chain": list,
    "snapshot": dict,
    "state_hash": str,
    "saved_round": int,
    "branch": (dict, type(None)),
    "teams": dict,
}
_SETUP_TYPES: dict[str, type] = {"seed": int, "seats": list, "length": str, "tier": str}


def _check_fields(doc: dict[str, Any], name: str) -> None:
    for key, kind in _FIELD_TYPES.items():
        if key not in doc:
            raise SaveError(f'{name}: damaged save file (missing "{key}")')
        if not isinstance(doc[key], kind) or isinstance(doc[key], bool):
            raise SaveError(f'{name}: damaged save file ("{key}" has the wrong type)')
    for key, kind in _SETUP_TYPES.items():
        value = doc["setup"].get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise SaveError(f'{name}: damaged save file ("setup.{key}" missing or of the wrong type)')
    if not all(isinstance(seat, str) for seat in doc["setup"]["seats"]):
        raise SaveError(f'{name}: damaged save file ("setup.seats" must be seat ids)')


def _scenario(scenario_id: str, content_hash: str, name: str, loader: ScenarioLoader) -> Scenario:
    try:
        scenario = loader(scenario_id)
    except ContentError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "its files have problems"
        raise SaveError(f'{name}: scenario "{scenario_id}" cannot be loaded ({first})') from None
    if scenario.content_hash != content_hash:
        raise SaveError(
            f'{name}: made with different data for scenario "{scenario_id}" '
            f"(content hash {content_hash[:12] or 'none'}, installed {scenario.content_hash[:12] or 'none'})"
        )
    return scenario


def _setup(scenario_id: str, data: dict[str, Any]) -> Setup:
    return Setup(scenario_id, data["seed"], tuple(data["seats"]), data["length"], data["tier"])


def _actions(items: list[Any], name: str) -> list[Action]:
    actions: list[Action] = []
    for number, item in enumerate(items, start=1):
        try:
            actions.append(from_json(item))
        except InvalidActionError as exc:
            raise SaveError(f"{name}: damaged save file (action {number} is malformed: {_one_line(exc)})") from None
    return actions


def _check_chain(setup: dict[str, Any], actions: list[Action], chain: list[Any], name: str) -> None:
    """Every action against its hash in the chain; what was edited is named (an action, a hash of the chain,
    or the setup or the first action, which one hash covers together)."""
    if len(chain) != len(actions):
        raise TamperedSave(
            f"{name}: tampered or damaged save ({len(chain)} chain hashes for {len(actions)} actions)",
            "chain_length",
            hashes=len(chain),
            actions=len(actions),
        )
    previous = sha256_text(canonical(setup))
    for number, (action, stored) in enumerate(zip(actions, chain), start=1):
        if stored != sha256_text(previous + action_json(action)):
            what, line = _edited(actions, chain, number)
            raise TamperedSave(f"{name}: tampered save ({line})", what, number=number)
        previous = stored


def _edited(actions: list[Action], chain: list[Any], number: int) -> tuple[str, str]:
    """What was edited when action `number` does not match its chain hash (its key and its line): if the next
    hash still follows from the stored one, the action (or, for the first, the setup); else the stored hash."""
    if number == len(chain):
        return "action_or_hash", f"action {number} or its hash in the action chain was edited"
    stored = chain[number - 1]
    follows = isinstance(stored, str) and chain[number] == sha256_text(stored + action_json(actions[number]))
    if not follows:
        return "chain_hash", f"the action chain's hash of action {number} was edited"
    if number == 1:
        return "setup_or_first", "the setup or action 1 was edited"
    return "action", f"action {number} was edited"


def _check_setup_against_snapshot(doc: dict[str, Any], name: str) -> None:
    """The seed and seats of the setup against those the saved state was played with (an edited seed)."""
    snapshot = doc["snapshot"]
    rng = snapshot.get("rng")
    played = rng.get("seed") if isinstance(rng, dict) else None
    if played is not None and played != doc["setup"]["seed"]:
        raise TamperedSave(
            f"{name}: tampered save (the seed was edited: the setup says {doc['setup']['seed']}, "
            f"the saved state was played from {played})",
            "seed",
        )
    seats = snapshot.get("seats")
    if seats is not None and seats != doc["setup"]["seats"]:
        raise TamperedSave(
            f"{name}: tampered save (the seats were edited: the saved state was played by other seats)", "seats"
        )


def _check_snapshot(doc: dict[str, Any], name: str) -> None:
    if sha256_text(canonical(doc["snapshot"])) != doc["state_hash"]:
        raise TamperedSave(
            f"{name}: tampered save (the state snapshot was edited: it does not match its hash)", "snapshot"
        )


def load_read_only(
    path: str | os.PathLike[str], scenario_loader: ScenarioLoader = load_scenario
) -> tuple[Session, ReadOnly | None]:
    """The session a save holds, for reading (the debrief): checked as `load` does, or, when only its hashes
    show an edit, its actions replayed as written up to the first that is illegal, with what was edited.
    A file that cannot be read, is malformed or whose scenario is missing still raises `SaveError`."""
    try:
        return load(path, scenario_loader), None
    except TamperedSave as edit:
        name = str(path)
        doc = read_document(Path(path), name)
        _check_fields(doc, name)
        actions = _actions(doc["actions"], name)
        scenario = _scenario(doc["scenario"], doc["content_hash"], name, scenario_loader)
        session = _replay_legal(scenario, _setup(doc["scenario"], doc["setup"]), actions, name)
        return session, ReadOnly(edit, len(session.actions), len(actions))


def _replay_legal(scenario: Scenario, setup: Setup, actions: list[Action], name: str) -> Session:
    """The session the actions lead to, stopping before the first one the rules refuse."""
    try:
        session = Session(scenario, setup)
    except SetupError as exc:
        raise SaveError(f"{name}: damaged save file (bad setup: {_one_line(exc)})") from None
    for action in actions:
        try:
            session.submit(action)
        except (IllegalActionError, InvalidActionError):
            break
    return session


def _replay(scenario: Scenario, setup: Setup, actions: list[Action], name: str) -> Session:
    try:
        session = Session(scenario, setup)
    except SetupError as exc:
        raise SaveError(f"{name}: damaged save file (bad setup: {_one_line(exc)})") from None
    for number, action in enumerate(actions, start=1):
        try:
            session.submit(action)
        except IllegalActionError as exc:
            raise SaveError(f"{name}: action {number} ({action.kind}) is illegal here ({exc.reason})") from None
        except InvalidActionError as exc:
            raise SaveError(f"{name}: action {number} ({action.kind}) is invalid ({_one_line(exc)})") from None
    return session


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
