"""Engine speed: random playouts, per-call costs, flows and saves. Prints one JSON object.

Every figure is the median of several repeats. Times are the benchmark process's own CPU time
(time.process_time), so other work on a busy machine does not inflate them. Run:
    python3 bench/engine.py [--scenario caspian-2023] [--repeats 5] [--games 20]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rules import apply, legal_actions, new_game, outcome  # noqa: E402
from rules.flows import run_flows  # noqa: E402
from rules.scenario import Scenario  # noqa: E402

FOUR = ("russia", "kazakhstan", "azerbaijan", "turkmenistan")
NINE = ("russia", "kazakhstan", "azerbaijan", "turkmenistan", "iran", "georgia", "armenia", "uzbekistan", "turkey")


def load(scenario_id: str) -> Scenario:
    from game.content_files import load_scenario

    return load_scenario(scenario_id)


def playout(scenario: Scenario, seats: tuple[str, ...], seed: int):  # type: ignore[no-untyped-def]
    """One random game: (final state, actions, seconds)."""
    rnd = random.Random(seed)
    state = new_game(scenario, seed, seats)
    actions = []
    start = time.process_time()
    while outcome(scenario, state) is None:
        action = rnd.choice(legal_actions(scenario, state))
        state, _ = apply(scenario, state, action)
        actions.append(action)
    return state, actions, time.process_time() - start


def bench_playouts(scenario: Scenario, seats: tuple[str, ...], games: int, repeats: int) -> dict[str, float]:
    rates, game_rates, lengths = [], [], []
    for r in range(repeats):
        total_actions, total_time = 0, 0.0
        for g in range(games):
            _, actions, seconds = playout(scenario, seats, 1000 * r + g)
            total_actions += len(actions)
            total_time += seconds
            lengths.append(len(actions))
        rates.append(total_actions / total_time)
        game_rates.append(games / total_time)
    return {
        "actions_per_s": round(statistics.median(rates)),
        "games_per_s": round(statistics.median(game_rates), 1),
        "mean_game_actions": round(statistics.mean(lengths), 1),
    }


def bench_calls(scenario: Scenario, seats: tuple[str, ...], repeats: int) -> dict[str, float]:
    """Median microseconds of apply and legal_actions over the states of recorded games."""
    apply_us, legal_us = [], []
    for r in range(repeats):
        state, actions, _ = playout(scenario, seats, 77 + r)
        states = [new_game(scenario, 77 + r, seats)]
        for action in actions[:-1]:
            states.append(apply(scenario, states[-1], action)[0])
        start = time.process_time()
        for s, a in zip(states, actions):
            apply(scenario, s, a)
        apply_us.append((time.process_time() - start) / len(actions) * 1e6)
        start = time.process_time()
        for s in states:
            legal_actions(scenario, s)
        legal_us.append((time.process_time() - start) / len(states) * 1e6)
    return {
        "apply_us": round(statistics.median(apply_us), 1),
        "legal_actions_us": round(statistics.median(legal_us), 1),
    }


def bench_flows(scenario: Scenario, seats: tuple[str, ...], repeats: int) -> float:
    """Median milliseconds of one uncached flow phase."""
    state, _, _ = playout(scenario, seats, 5)
    times = []
    for _ in range(repeats):
        for _ in range(5):
            scenario.clear_memos()
            start = time.process_time()
            run_flows(scenario, state)
            times.append((time.process_time() - start) * 1000)
    return round(statistics.median(times), 3)


def bench_saves(scenario: Scenario, seats: tuple[str, ...], repeats: int) -> dict[str, float]:
    from game import saves
    from game.session import Session, Setup

    _, actions, _ = playout(scenario, seats, 11)
    setup = Setup(scenario.id, 11, seats, scenario.definition.default_length)
    session = Session.replay(scenario, setup, actions)
    save_ms, load_ms = [], []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.json"
        for _ in range(repeats):
            start = time.process_time()
            saves.save(session, path)
            save_ms.append((time.process_time() - start) * 1000)
            start = time.process_time()
            saves.load(path)
            load_ms.append((time.process_time() - start) * 1000)
    return {"save_ms": round(statistics.median(save_ms), 2), "load_ms": round(statistics.median(load_ms), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", default="caspian-2023")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--games", type=int, default=20)
    args = parser.parse_args()
    scenario = load(args.scenario)
    result: dict[str, object] = {"scenario": scenario.id, "repeats": args.repeats, "games_per_repeat": args.games}
    result.update(bench_playouts(scenario, FOUR, args.games, args.repeats))
    result.update(bench_calls(scenario, FOUR, args.repeats))
    result["flow_ms_4"] = bench_flows(scenario, FOUR, args.repeats)
    result["flow_ms_9"] = bench_flows(scenario, NINE, args.repeats)
    result.update(bench_saves(scenario, FOUR, args.repeats))
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
