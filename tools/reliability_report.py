"""Reliability report: the game fuzzer and the file fuzzer together, as one JSON object.

    python3 tools/reliability_report.py                          100 games and 100 mutated files
    python3 tools/reliability_report.py --games 10000 --files 1000 --workers 2
    python3 tools/reliability_report.py --games-json G --files-json F   the halves run apart (their --json)
    python3 tools/reliability_report.py --games 40 --files 40 --check    exit 1 unless every failure field is 0

The object holds `games`, `invariant_failures` (including the legality equivalence), `dead_ends`, `loops`,
`undo_violations` (tools/fuzz_games.py), `mutated_files`, `clear_errors`, `files_changed`
(tools/fuzz_files.py), `tracebacks` and `hangs` (both), and besides them `loaded`, `unclear_errors`,
`disagreements`, `steps`, `bot_games` and the seconds each half took. Every field but games,
mutated_files, clear_errors, loaded, steps, bot_games and the seconds must be 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools import fuzz_files, fuzz_games  # noqa: E402

FAILURES = (
    "invariant_failures",
    "dead_ends",
    "loops",
    "tracebacks",
    "hangs",
    "files_changed",
    "undo_violations",
    "unclear_errors",
    "disagreements",
)


def report(games: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
    """The one object: the fields the issue names first, then the rest."""
    return {
        "games": games["games"],
        "invariant_failures": games["invariant_failures"],
        "dead_ends": games["dead_ends"],
        "loops": games["loops"],
        "mutated_files": files["mutated_files"],
        "clear_errors": files["clear_errors"],
        "tracebacks": games["tracebacks"] + files["tracebacks"],
        "hangs": games["hangs"] + files["hangs"],
        "files_changed": files["files_changed"],
        "undo_violations": games["undo_violations"],
        "loaded": files["loaded"],
        "unclear_errors": files["unclear_errors"],
        "disagreements": files["disagreements"],
        "steps": games["steps"],
        "bot_games": games["bot_games"],
        "games_seconds": games["seconds"],
        "files_seconds": files["seconds"],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=100)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1, help="processes for the games")
    parser.add_argument("--games-json", type=Path, help="take the games' counts from a fuzz_games --json output")
    parser.add_argument("--files-json", type=Path, help="take the files' counts from a fuzz_files --json output")
    parser.add_argument("--failures", type=Path, help="write failing games and files here")
    parser.add_argument("--check", action="store_true", help="exit 1 unless every failure field is 0")
    args = parser.parse_args(argv)
    if args.games_json:
        games = json.loads(args.games_json.read_text(encoding="utf-8"))
    else:
        failures = args.failures / "games" if args.failures else None
        games = fuzz_games.run(args.games, args.seed, args.workers, failures=failures)
    if args.files_json:
        files = json.loads(args.files_json.read_text(encoding="utf-8"))
    else:
        files = fuzz_files.run(args.files, args.seed, args.failures / "files" if args.failures else None)
    result = report(games, files)
    print(json.dumps(result))
    return 1 if args.check and any(result[key] for key in FAILURES) else 0


if __name__ == "__main__":
    sys.exit(main())
