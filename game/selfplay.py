"""Batch self-play between bots: per-seat wins, mean scores, decision times, and a binomial test.

    python3 main.py selfplay --games 20 --seats kazakhstan=hard,russia=greedy,azerbaijan=greedy,\
turkmenistan=random --seed 1 --json --compare kazakhstan russia

Each game g is started from seed `seed + g`; the bot in seat i draws from its own generator seeded
from (seed, g, i). Bots see only their player view. Pure stdlib maths (no scipy). The command's
arguments and user mistakes are game.cli's.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable

from attrs import define, field

from game.bots import Decision, make_bot
from rules import apply, legal_actions, new_game, player_view
from rules.action import Advance
from rules.scenario import Scenario

MAX_STEPS = 20000  # per game, a guard against a rules loop


# --------------------------------------------------------------------------- statistics


def binomial_tail(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p): the one-sided p-value of k or more successes."""
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    return min(1.0, sum(_pmf(i, n, p) for i in range(k, n + 1)))


def binomial_two_sided(k: int, n: int, p: float = 0.5) -> float:
    """Exact two-sided p-value: the probability of an outcome no likelier than k under Binomial(n, p)."""
    if n == 0:
        return 1.0
    observed = _pmf(k, n, p)
    total = sum(q for q in (_pmf(i, n, p) for i in range(n + 1)) if q <= observed * (1 + 1e-9))
    return min(1.0, total)


def _pmf(k: int, n: int, p: float) -> float:
    if p <= 0.0:
        return 1.0 if k == 0 else 0.0
    if p >= 1.0:
        return 1.0 if k == n else 0.0
    log = math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * math.log(p) + (n - k) * math.log(1 - p)
    return math.exp(log)


def compare(wins_a: int, wins_b: int) -> float:
    """Two-sided p-value that A's share of the games won by A or B differs from one half."""
    return binomial_two_sided(wins_a, wins_a + wins_b, 0.5)


# --------------------------------------------------------------------------- running games


@define
class SeatStats:
    """What one seat did over a batch."""

    seat: str
    level: str
    wins: int = 0
    scores: list[int] = field(factory=list)
    ms: list[float] = field(factory=list)

    def summary(self, games: int, seats: int) -> dict[str, object]:
        ms = sorted(self.ms)
        return {
            "level": self.level,
            "wins": self.wins,
            "win_share": round(self.wins / games, 3) if games else 0.0,
            "p_above_fair": round(binomial_tail(self.wins, games, 1 / seats), 5),
            "mean_score": round(statistics.mean(self.scores), 2) if self.scores else 0.0,
            "decisions": len(ms),
            "mean_ms": round(statistics.mean(ms), 2) if ms else 0.0,
            "p95_ms": round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 2) if ms else 0.0,
            "max_ms": round(ms[-1], 2) if ms else 0.0,
        }


def bot_seed(seed: int, game: int, index: int) -> int:
    """The seed of the bot in seat `index` of game `game`."""
    return (seed * 1_000_003 + game * 101 + index) & ((1 << 62) - 1)


def play_game(
    scenario: Scenario,
    seats: dict[str, str],
    seed: int,
    game: int = 0,
    caps: dict[str, dict[str, object]] | None = None,
    length: str = "",
    on_decision: Callable[[int, Decision], None] | None = None,
) -> tuple[object, dict[str, list[float]]]:
    """Play one game between bots: (outcome, decision milliseconds per seat). `on_decision` gets each
    decision with its step (the action's 1-based index in the game, engine steps included, as in a
    session and its save's notes)."""
    names = tuple(seats)
    caps = caps or {}
    bots = {
        seat: make_bot(level, seat, bot_seed(seed, game, i), **caps.get(level, {}))
        for i, (seat, level) in enumerate(seats.items())
    }
    state = new_game(scenario, seed + game, names, length=length)
    ms: dict[str, list[float]] = {seat: [] for seat in names}
    for step in range(1, MAX_STEPS + 1):
        if state.outcome is not None:
            break
        if state.to_act < 0:
            state = apply(scenario, state, Advance())[0]
            continue
        seat = names[state.to_act]
        decision = bots[seat].choose(scenario, player_view(state, seat), legal_actions(scenario, state))
        ms[seat].append(decision.ms)
        if on_decision is not None:
            on_decision(step, decision)
        state = apply(scenario, state, decision.action)[0]
    else:
        raise RuntimeError(f"game {game} did not finish in {MAX_STEPS} steps")
    return state.outcome, ms


def run(
    scenario: Scenario,
    seats: dict[str, str],
    games: int,
    seed: int = 0,
    caps: dict[str, dict[str, object]] | None = None,
    length: str = "",
    compare_seats: Iterable[str] = (),
    on_decision: Callable[[int, int, Decision], None] | None = None,
) -> dict[str, object]:
    """Play a batch of games and summarise it as a JSON-ready dict (`on_decision(game, step, decision)`)."""
    stats = {seat: SeatStats(seat, level) for seat, level in seats.items()}
    for game in range(games):
        hook = (lambda step, d, g=game: on_decision(g, step, d)) if on_decision else None
        result, ms = play_game(scenario, seats, seed, game, caps, length, hook)
        assert result is not None
        stats[result.winner].wins += 1  # type: ignore[attr-defined]
        for seat, score in result.scores:  # type: ignore[attr-defined]
            stats[seat].scores.append(score)
        for seat, values in ms.items():
            stats[seat].ms.extend(values)
    out: dict[str, object] = {
        "scenario": scenario.id,
        "games": games,
        "seed": seed,
        "seats": {seat: s.summary(games, len(seats)) for seat, s in stats.items()},
    }
    pair = list(compare_seats)
    if pair:
        a, b = pair
        wins_a, wins_b = stats[a].wins, stats[b].wins
        out["compare"] = {
            "a": a,
            "b": b,
            "wins_a": wins_a,
            "wins_b": wins_b,
            "p_value": round(compare(wins_a, wins_b), 5),
        }
    return out


def format_text(result: dict[str, object]) -> str:
    """A short table for the terminal."""
    lines = [f"{result['scenario']}: {result['games']} games from seed {result['seed']}"]
    seats: dict[str, dict[str, object]] = result["seats"]  # type: ignore[assignment]
    for seat, s in seats.items():
        lines.append(
            f"  {seat:<14}{s['level']:<8} wins {s['wins']:>4} ({s['win_share']:.0%})  score {s['mean_score']:>6}"
            f"  ms mean {s['mean_ms']:>8} p95 {s['p95_ms']:>8}"
        )
    if "compare" in result:
        c: dict[str, object] = result["compare"]  # type: ignore[assignment]
        lines.append(f"  {c['a']} {c['wins_a']} vs {c['b']} {c['wins_b']} wins: p = {c['p_value']}")
    return "\n".join(lines)
