"""Bot speed and strength. Prints one JSON object.

    python3 bench/bots.py [--scenario caspian-2023] [--positions 24] [--seed 1]
    python3 bench/bots.py --strength 100 [--length full] [--hard-games 40] [--as-played]

Speed: positions are the turn starts of a seeded random game. Each level decides twice per position: with
its default work caps alone (`*_capped_ms`: greedy `max_plans`, hard `iterations`; no clock, the work a
seeded run does) and as played, with the level's time budget (`game.bots.BUDGETS`: medium 0.5 s, hard
2 s; what the client gives its bots). The issue's budgets are measured against the second;
`hard_cut_short` counts the decisions the clock stopped before the iteration cap.

Strength (`--strength N`): the issue's full-size runs. N four-seat games of one greedy seat against
three random, and `--hard-games` of one hard seat against three greedy, the hero seat rotating, each
game from seed + g, with the default caps (seeded and reproducible), or with `--as-played` also the time
budgets (what a player meets; depends on the machine); wins with the one-sided binomial p-values of
doing this well or better by chance at the fair share (25%) and at the target (90%, 40%).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game import selfplay  # noqa: E402
from game.bots import BUDGETS, make_bot  # noqa: E402
from game.bots.search import HardBot  # noqa: E402
from rules import apply, legal_actions, new_game, player_view  # noqa: E402
from rules.action import PlayCard  # noqa: E402
from rules.scenario import Scenario  # noqa: E402
from rules.state import GameState  # noqa: E402

FOUR = ("russia", "kazakhstan", "azerbaijan", "turkmenistan")


def turn_starts(scenario: Scenario, seats: tuple[str, ...], seed: int, count: int) -> list[GameState]:
    """Turn-start positions (a card to play) from a random game, spread over its length."""
    rnd = random.Random(seed)
    state = new_game(scenario, seed, seats)
    found: list[GameState] = []
    while state.outcome is None:
        legal = legal_actions(scenario, state)
        if any(isinstance(a, PlayCard) for a in legal):
            found.append(state)
        state = apply(scenario, state, rnd.choice(legal))[0]
    step = max(1, len(found) // count)
    return found[::step][:count]


def time_level(
    scenario: Scenario, states: list[GameState], level: str, tally: list[int | float] | None = None, **caps: object
) -> list[float]:
    """Milliseconds per decision (fresh bot per position, so no plan is cached, and none kept alive to
    load the collector). For hard bots, `tally` sums simulations, search seconds and clock stops."""
    out: list[float] = []
    for i, state in enumerate(states):
        seat = state.seats[state.to_act]
        bot = make_bot(level, seat, i, **caps)
        start = time.perf_counter()
        bot.choose(scenario, player_view(state, seat), legal_actions(scenario, state))
        out.append((time.perf_counter() - start) * 1000)
        if tally is not None and isinstance(bot, HardBot):
            tally[0] += bot.simulations
            tally[1] += bot.search_seconds
            tally[2] += bot.clock_stops
    return out


def summary(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {
        "mean": round(statistics.mean(values), 1),
        "p95": round(values[min(len(values) - 1, int(0.95 * len(values)))], 1),
        "max": round(values[-1], 1),
    }


def strength(
    scenario: Scenario,
    level: str,
    other: str,
    games: int,
    seed: int,
    length: str,
    target: float,
    as_played: bool = False,
) -> dict:
    """One `level` seat against `other` seats over `games` games (hero seat rotating), with p-values."""
    seats = tuple(scenario.definition.default_seats) or FOUR
    caps = {lvl: {"time_budget": BUDGETS[lvl]} for lvl in ("greedy", "hard")} if as_played else None
    wins = 0
    ms: list[float] = []
    for game in range(games):
        hero = seats[game % len(seats)]
        table = {seat: (level if seat == hero else other) for seat in seats}
        result = selfplay.run(scenario, table, 1, seed + game, caps, length)
        wins += result["seats"][hero]["wins"]  # type: ignore[index]
        ms.append(result["seats"][hero]["mean_ms"])  # type: ignore[index]
    fair = 1 / len(seats)
    played = " --as-played" if as_played else ""
    return {
        "games": games,
        "wins": wins,
        "win_share": round(wins / games, 3) if games else 0.0,
        "target": target,
        "p_above_fair": round(selfplay.binomial_tail(wins, games, fair), 6),
        "p_above_target": round(selfplay.binomial_tail(wins, games, target), 6),
        "hero_mean_ms": round(statistics.mean(ms), 1) if ms else 0.0,
        "as_played": as_played,
        "command": f"python3 bench/bots.py --strength {games} --seed {seed} --length {length}{played}",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", default="caspian-2023")
    parser.add_argument("--positions", type=int, default=24)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--strength", type=int, default=0, help="greedy-vs-random games (0: speed only)")
    parser.add_argument("--hard-games", type=int, default=0, help="hard-vs-greedy games with --strength")
    parser.add_argument("--length", default="full")
    parser.add_argument("--as-played", action="store_true", help="strength runs with the levels' time budgets")
    args = parser.parse_args()
    from game.content_files import load_scenario

    scenario = load_scenario(args.scenario)
    if args.strength:
        report = {
            "scenario": scenario.id,
            "length": args.length,
            "greedy_vs_random": strength(
                scenario, "greedy", "random", args.strength, args.seed, args.length, 0.9, args.as_played
            ),
        }
        if args.hard_games:
            report["hard_vs_greedy"] = strength(
                scenario, "hard", "greedy", args.hard_games, args.seed, args.length, 0.4, args.as_played
            )
        print(json.dumps(report))
        return
    seats = tuple(scenario.definition.default_seats) or FOUR
    states = turn_starts(scenario, seats, args.seed, args.positions)
    random_ms = time_level(scenario, states, "random")
    greedy_capped = time_level(scenario, states, "greedy")
    greedy_ms = time_level(scenario, states, "greedy", time_budget=BUDGETS["greedy"])
    capped: list[int | float] = [0, 0.0, 0]
    played: list[int | float] = [0, 0.0, 0]
    hard_capped = time_level(scenario, states, "hard", capped)
    hard_ms = time_level(scenario, states, "hard", played, time_budget=BUDGETS["hard"])
    sims, seconds, _ = capped
    played_sims, _, cut = played
    print(
        json.dumps(
            {
                "scenario": scenario.id,
                "positions": len(states),
                "budgets_s": BUDGETS,
                "decision_ms_random": round(statistics.mean(random_ms), 3),
                "decision_ms_greedy": round(statistics.mean(greedy_ms), 1),
                "decision_ms_hard": round(statistics.mean(hard_ms), 1),
                "greedy_ms": summary(greedy_ms),
                "hard_ms": summary(hard_ms),
                "hard_cut_short": cut,
                "hard_sims_per_decision": round(played_sims / len(states), 1),
                "greedy_capped_ms": summary(greedy_capped),
                "hard_capped_ms": summary(hard_capped),
                "hard_capped_sims_per_decision": round(sims / len(states), 1),
                "hard_sims_per_s": round(sims / seconds, 1) if seconds else 0.0,
            }
        )
    )


if __name__ == "__main__":
    main()
