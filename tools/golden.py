"""Regenerate the golden playthroughs under tests/golden/.

    python3 tools/golden.py                 rewrite every golden file whose scenario is available

A golden file is a seeded bot game written step by step: a header (scenario, content hash, seed,
seats), then for each step the actor and the action's JSON, each log entry's JSON on its own line,
and finally the outcome and the final state's hash. tests/rules/test_golden.py replays each file's
actions and checks that rendering them again gives the file byte for byte. The games are played by
random bots (`game.bots.make_bot("random", ...)`, uniform picks from their own generators), so the
files pin the engine, not the bots.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from attrs import frozen

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.bots import make_bot  # noqa: E402
from game.cli import play_bots  # noqa: E402
from game.content_files import load_scenario  # noqa: E402
from game.serialize import state_hash  # noqa: E402
from game.session import Session, Setup  # noqa: E402
from rules import Action, Scenario, from_json  # noqa: E402
from rules.action import to_json as action_to_json  # noqa: E402
from rules.log import to_json as log_to_json  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"
CASPIAN = ROOT / "assets" / "scenarios" / "caspian-2023.toml"
CASPIAN_SEATS = ("russia", "kazakhstan", "azerbaijan", "turkmenistan")
REGENERATE = "python3 tools/golden.py"
_STEP = re.compile(r"^\[(\d+)\] (\S+): (\{.*\})$")


def mini_world() -> Scenario:
    """The hand-built two-seat world of the engine tests."""
    from tests.fixtures.mini_world import mini_scenario

    return mini_scenario()


@frozen
class Golden:
    """One pinned game: its file, its scenario (and how to load it), seed and seats."""

    name: str
    scenario_id: str
    seed: int
    seats: tuple[str, ...]
    loader: Callable[[str], Scenario] = load_scenario
    needs: Path | None = None  # a data file that must exist for this game to be pinned

    @property
    def path(self) -> Path:
        return GOLDEN / f"{self.name}.txt"

    def is_available(self) -> bool:
        return self.needs is None or self.needs.exists()

    def scenario(self) -> Scenario:
        return self.loader(self.scenario_id)


GAMES = (
    Golden("caspian-2023-seed7", "caspian-2023", 7, CASPIAN_SEATS, needs=CASPIAN),
    Golden("caspian-2023-seed2024", "caspian-2023", 2024, CASPIAN_SEATS, needs=CASPIAN),
    Golden("mini-seed3", "mini", 3, ("alpha", "beta"), loader=lambda _: mini_world()),
    Golden("caspian-2024-seed11", "caspian-2024", 11, CASPIAN_SEATS, needs=CASPIAN.with_name("caspian-2024.toml")),
    Golden("tutorial-seed5", "tutorial", 5, ("kazakhstan", "russia"), needs=CASPIAN.with_name("tutorial.toml")),
)


# --------------------------------------------------------------------------- rendering


def _line(data: object) -> str:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def render(session: Session) -> str:
    """The playthrough text of a session: header, every step with its log, outcome, final hash."""
    setup = session.setup
    lines = [
        f"# Caspian Gambit golden playthrough. If a change to it is intended, run: {REGENERATE}",
        f"scenario: {setup.scenario_id}",
        f"content_hash: {session.scenario.content_hash or '-'}",
        f"seed: {setup.seed}",
        f"seats: {' '.join(setup.seats)}",
        f"length: {setup.length}",
        f"tier: {setup.tier}",
        "",
    ]
    entries = _entries_by_step(session)
    for step, action in enumerate(session.actions, start=1):
        actor = getattr(action, "seat", "engine")
        lines.append(f"[{step}] {actor}: {_line(action_to_json(action))}")
        lines += [f"    {_line(log_to_json(entry))}" for entry in entries.get(step, ())]
    result = session.state.outcome
    lines += ["", f"outcome: {_line(_outcome(result))}", f"state_hash: {state_hash(session.state)}"]
    return "\n".join(lines) + "\n"


def _entries_by_step(session: Session) -> dict[int, list[object]]:
    by_step: dict[int, list[object]] = {}
    for item in session.log:
        by_step.setdefault(item.step, []).append(item.entry)
    return by_step


def _outcome(result: object) -> object:
    if result is None:
        return None
    return {
        "winner": result.winner,  # type: ignore[attr-defined]
        "reason": result.reason,  # type: ignore[attr-defined]
        "rounds": result.rounds,  # type: ignore[attr-defined]
        "scores": dict(result.scores),  # type: ignore[attr-defined]
    }


# --------------------------------------------------------------------------- reading back


def read_header(text: str) -> dict[str, str]:
    """The ``key: value`` lines before the first blank line."""
    header = {}
    for line in text.split("\n\n", 1)[0].splitlines():
        key, sep, value = line.partition(": ")
        if sep and not line.startswith("#"):
            header[key] = value
    return header


def read_actions(text: str) -> list[Action]:
    """The actions of a playthrough, in order."""
    actions: list[Action] = []
    for line in text.splitlines():
        match = _STEP.match(line)
        if match:
            if int(match.group(1)) != len(actions) + 1:
                raise ValueError(f"step {match.group(1)} out of order")
            actions.append(from_json(json.loads(match.group(3))))
    return actions


def replay_text(game: Golden, text: str) -> str:
    """Replay a playthrough's actions (on its header's seed and seats) and render them again."""
    header = read_header(text)
    setup = Setup(
        game.scenario_id, int(header["seed"]), tuple(header["seats"].split()), header["length"], header["tier"]
    )
    return render(Session.replay(game.scenario(), setup, read_actions(text)))


# --------------------------------------------------------------------------- generating


def play(scenario: Scenario, seed: int, seats: Sequence[str]) -> Session:
    """A whole game between random bots."""
    session = Session.start(scenario, seed, seats)
    play_bots(session, {seat: make_bot("random", seat, seed) for seat in seats})
    return session


def generate(games: Iterable[Golden]) -> list[str]:
    """Write every available golden file; returns what was done, one line per game."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    done = []
    for game in games:
        if not game.is_available():
            done.append(f"skipped {game.name}: {game.needs} does not exist yet")
            continue
        session = play(game.scenario(), game.seed, game.seats)
        game.path.write_text(render(session), encoding="utf-8")
        done.append(f"wrote {game.path.relative_to(ROOT)} ({len(session.actions)} steps)")
    return done


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    for line in generate(GAMES):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
