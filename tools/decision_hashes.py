"""Seeded bot games, one hash each: proof that a refactor left every rule and every bot decision alone.

    python3 tools/decision_hashes.py            # one JSON object: game -> sha256 of its decisions

Each game is played by bots at fixed caps (no clock), so the same code gives the same hashes on any
machine. Compare the output before and after a change that must not change behaviour.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.content_files import load_scenario  # noqa: E402
from game.selfplay import play_game  # noqa: E402
from rules.action import to_json  # noqa: E402

GAMES = (
    ("caspian-2023", "random", 1),
    ("caspian-2023", "greedy", 2),
    ("caspian-2024", "greedy", 3),
    ("tutorial", "greedy", 4),
    ("caspian-2024", "hard", 5),
)
HARD_CAPS = {"hard": {"iterations": 8, "rollout_plans": 20, "horizon": 2}}


def game_hash(scenario_id: str, level: str, seed: int) -> str:
    scenario = load_scenario(scenario_id)
    seats = {s: level for s in scenario.definition.default_seats}
    digest = hashlib.sha256()

    def note(step: int, decision: object) -> None:
        digest.update(f"{step}:{json.dumps(to_json(decision.action), sort_keys=True)}\n".encode())  # type: ignore[attr-defined]

    result, _ = play_game(scenario, seats, seed, caps=HARD_CAPS, on_decision=note)
    digest.update(json.dumps(attrs.asdict(result), sort_keys=True).encode())  # type: ignore[arg-type]
    return digest.hexdigest()[:16]


def main() -> int:
    print(json.dumps({f"{sc}/{lv}/{seed}": game_hash(sc, lv, seed) for sc, lv, seed in GAMES}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
