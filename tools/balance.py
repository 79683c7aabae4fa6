"""Balance report: seeded self-play per scenario, summarised for tuning the data.

    python3 tools/balance.py                                   400 random-bot games per shipped scenario
    python3 tools/balance.py --scenario caspian-2023 --games 40 --level greedy
    python3 tools/balance.py --scenario caspian-2023 --length lesson --level greedy
    python3 tools/balance.py --json                            one JSON object
    python3 tools/balance.py --passes --games 40               passed turns per seat position, 2-9 seats

Game g of a scenario starts from seed `seed + g` with the scenario's default seats rotated by g, so
every seat takes every position in the turn order equally often (the first position acts first in
the first action phase). Reported per scenario: each seat's win rate against its fair share, the
first mover's win rate, mean game length in seat actions (and engine steps), how games ended, crises
per game, passed turns, and for every card how often it was played for its event, headlined, or
played for its ops. The target is that no seat wins more than twice its fair share or less than half.

`--passes` reports instead, per scenario, seat count it allows (2-9, or `--seats`) and bot level
(random and greedy, or `--level`), the share of its turns each seat position passed for want of a
card (a PassTurn: legal only with an empty hand), and the largest of them. The target is at most 5%.

"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.bots import make_bot  # noqa: E402
from game.content_files import list_scenarios, load_scenario  # noqa: E402
from rules import apply, legal_actions, new_game, player_view  # noqa: E402
from rules import log as L  # noqa: E402
from rules.action import Advance, PassTurn, PlayCard  # noqa: E402
from rules.scenario import Scenario  # noqa: E402

MAX_STEPS = 50_000  # per game: a rules loop, not a long game
FAIR_LOW, FAIR_HIGH = 0.5, 2.0  # a seat's win rate must stay within these multiples of its fair share
PASS_LEVELS = ("random", "greedy")  # the bot levels --passes plays by default
PASS_SEATS = range(2, 10)  # the seat counts --passes plays, where the scenario allows them
PASS_TARGET = 0.05  # no seat position may pass a larger share of its turns


# --------------------------------------------------------------------------- one game


def seats_for(scenario: Scenario, game: int, count: int = 0) -> tuple[str, ...]:
    """The seats of game `game`: the scenario's defaults (or the first `count` seatable states), rotated."""
    seats = tuple(scenario.definition.default_seats)
    if count:
        extra = tuple(s.id for s in scenario.states if s.seatable and s.id not in seats)
        seats = (seats + extra)[:count]
    shift = game % len(seats)
    return seats[shift:] + seats[:shift]


def play_game(
    scenario: Scenario,
    level: str,
    seed: int,
    game: int,
    count: int = 0,
    seats: tuple[str, ...] = (),
    caps: dict[str, float] | None = None,
    length: str = "",
) -> dict[str, Any]:
    """Play one seeded bot game (on `seats`, or the rotated defaults; bots with `caps`; the scenario's
    default length unless `length`) and return what the report needs."""
    seats = seats or seats_for(scenario, game, count)
    caps = caps or {}
    bots = {seat: make_bot(level, seat, seed * 7919 + game * 31 + i, **caps) for i, seat in enumerate(seats)}
    state = new_game(scenario, seed + game, seats, length=length or scenario.definition.default_length)
    record = GameRecord(seats)
    for _ in range(MAX_STEPS):
        if state.outcome is not None:
            break
        if state.to_act < 0:
            state, entries = apply(scenario, state, Advance())
            record.engine_step(entries)
            continue
        seat = seats[state.to_act]
        decision = bots[seat].choose(scenario, player_view(state, seat), legal_actions(scenario, state))
        state, entries = apply(scenario, state, decision.action)
        record.seat_action(seat, decision.action, entries)
    else:
        raise RuntimeError(f"{scenario.id} game {game} did not finish in {MAX_STEPS} steps")
    outcome = state.outcome
    assert outcome is not None
    return record.result(outcome.winner, outcome.reason, state.absolute_round, dict(outcome.scores))


class GameRecord:
    """Counts gathered from one game's actions and log entries."""

    def __init__(self, seats: tuple[str, ...]) -> None:
        self.seats = seats
        self.first_mover = ""
        self.actions = 0
        self.steps = 0
        self.passes = 0
        self.turns: Counter[str] = Counter()  # per seat: turns taken (a card played, or passed)
        self.passed: Counter[str] = Counter()  # per seat: turns passed for want of a card
        self.crises = 0
        self.plays: Counter[tuple[str, str]] = Counter()  # (card, headline|event|ops)
        self.options: Counter[tuple[str, str]] = Counter()  # (card, option)
        self.objectives: list[tuple[str, bool]] = []
        self.points: Counter[tuple[str, str]] = Counter()  # (seat, reason)
        self.summits: Counter[str] = Counter()  # dominant bloc, or "" for sovereignty

    def engine_step(self, entries: Iterable[object]) -> None:
        self.steps += 1
        self._read(entries)

    def seat_action(self, seat: str, action: object, entries: Iterable[object]) -> None:
        self.steps += 1
        self.actions += 1
        if isinstance(action, (PlayCard, PassTurn)) and not self.first_mover:
            self.first_mover = seat
        if isinstance(action, (PlayCard, PassTurn)):
            self.turns[seat] += 1
        if isinstance(action, PassTurn):
            self.passes += 1
            self.passed[seat] += 1
        self._read(entries)

    def _read(self, entries: Iterable[object]) -> None:
        for entry in entries:
            if isinstance(entry, L.CardPlayed):
                self.plays[(entry.card, entry.use)] += 1
            elif isinstance(entry, L.OptionChosen):
                self.options[(entry.card, entry.option)] += 1
            elif isinstance(entry, L.CrisisErupted):
                self.crises += 1
            elif isinstance(entry, L.ObjectiveRevealed):
                self.objectives.append((entry.objective, entry.achieved))
            elif isinstance(entry, L.PointsScored):
                self.points[(entry.seat, entry.reason)] += entry.amount
            elif isinstance(entry, L.SummitHeld):
                self.summits[entry.dominant] += 1

    def result(self, winner: str, reason: str, rounds: int, scores: dict[str, int]) -> dict[str, Any]:
        return {
            "seats": list(self.seats),
            "winner": winner,
            "reason": reason,
            "rounds": rounds,
            "scores": scores,
            "first_mover": self.first_mover,
            "actions": self.actions,
            "steps": self.steps,
            "passes": self.passes,
            "turns_by_position": [self.turns[seat] for seat in self.seats],
            "passes_by_position": [self.passed[seat] for seat in self.seats],
            "crises": self.crises,
            "plays": [[card, use, n] for (card, use), n in sorted(self.plays.items())],
            "options": [[card, option, n] for (card, option), n in sorted(self.options.items())],
            "objectives": [[objective, met] for objective, met in self.objectives],
            "points": [[seat, reason, n] for (seat, reason), n in sorted(self.points.items())],
            "summits": dict(self.summits),
        }


# --------------------------------------------------------------------------- many games


def _worker(job: tuple[str, str, int, int, int, dict[str, float], str]) -> dict[str, Any]:
    scenario_id, level, seed, game, count, caps, length = job
    return play_game(load_scenario(scenario_id), level, seed, game, count, caps=caps, length=length)


def play_games(
    scenario_id: str,
    level: str,
    games: int,
    seed: int = 0,
    workers: int = 2,
    count: int = 0,
    caps: dict[str, float] | None = None,
    length: str = "",
) -> list[dict[str, Any]]:
    """Play `games` seeded games (in `workers` processes when more than one), in game order."""
    jobs = [(scenario_id, level, seed, game, count, dict(caps or {}), length) for game in range(games)]
    if workers <= 1:
        return [_worker(job) for job in jobs]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(_worker, jobs, chunksize=max(1, games // (workers * 8)))


def summarise(scenario: Scenario, level: str, results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The report for one scenario's batch of games."""
    n = len(results)
    seats = sorted({seat for r in results for seat in r["seats"]})
    per_game = max(len(r["seats"]) for r in results)
    fair = 1 / per_game
    wins = Counter(r["winner"] for r in results)
    played = Counter(seat for r in results for seat in r["seats"])
    seat_rows = {}
    for seat in seats:
        rate = wins[seat] / played[seat]
        seat_rows[seat] = {
            "games": played[seat],
            "wins": wins[seat],
            "win_rate": round(rate, 3),
            "vs_fair": round(rate / fair, 2),
            "mean_score": round(sum(r["scores"][seat] for r in results if seat in r["scores"]) / played[seat], 2),
        }
    first_wins = sum(1 for r in results if r["winner"] == r["first_mover"])
    rates = [row["vs_fair"] for row in seat_rows.values()]
    return {
        "scenario": scenario.id,
        "level": level,
        "games": n,
        "seats_per_game": per_game,
        "fair_share": round(fair, 3),
        "seats": seat_rows,
        "balanced": all(FAIR_LOW <= rate <= FAIR_HIGH for rate in rates),
        "first_mover_win_rate": round(first_wins / n, 3),
        "mean_actions": round(sum(r["actions"] for r in results) / n, 1),
        "mean_steps": round(sum(r["steps"] for r in results) / n, 1),
        "mean_rounds": round(sum(r["rounds"] for r in results) / n, 2),
        "end_reasons": dict(sorted(Counter(r["reason"] for r in results).items())),
        "crises_per_game": round(sum(r["crises"] for r in results) / n, 2),
        "games_with_a_crisis": round(sum(1 for r in results if r["crises"]) / n, 3),
        "passes_per_game": round(sum(r["passes"] for r in results) / n, 2),
        "summits": _summit_rows(results),
        "points": _point_rows(results),
        "cards": _card_rows(scenario, results),
        "options": _option_rows(scenario, results),
        "objectives": _objective_rows(results),
    }


def _summit_rows(results: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Summits held, by the bloc that dominated ("sovereignty" when none did)."""
    rows: Counter[str] = Counter()
    for r in results:
        for bloc, count in r["summits"].items():
            rows[bloc or "sovereignty"] += count
    return dict(sorted(rows.items()))


def _point_rows(results: Sequence[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Per seat: mean points per game it played, by reason (summit, income, route, objective...)."""
    totals: dict[str, Counter[str]] = {}
    played = Counter(seat for r in results for seat in r["seats"])
    for r in results:
        for seat, reason, amount in r["points"]:
            totals.setdefault(seat, Counter())[reason] += amount
    return {
        seat: {reason: round(total / played[seat], 2) for reason, total in sorted(reasons.items())}
        for seat, reasons in sorted(totals.items())
    }


def _card_rows(scenario: Scenario, results: Sequence[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per card in the scenario: times played for its event, as a headline, and for ops."""
    rows: dict[str, dict[str, int]] = {card.id: {"event": 0, "headline": 0, "ops": 0} for card in scenario.cards}
    for r in results:
        for card, use, count in r["plays"]:
            rows.setdefault(card, {"event": 0, "headline": 0, "ops": 0})[use] += count
    return rows


def _option_rows(scenario: Scenario, results: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Per card choice option ("card/option"): times chosen."""
    rows = {f"{c.id}/{o.id}": 0 for c in scenario.cards if c.choice for o in c.choice.options}
    for r in results:
        for card, option, count in r["options"]:
            rows[f"{card}/{option}"] = rows.get(f"{card}/{option}", 0) + count
    return rows


def _objective_rows(results: Sequence[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per national interest kept: times revealed at the end, and times achieved."""
    rows: dict[str, dict[str, int]] = {}
    for r in results:
        for objective, met in r["objectives"]:
            row = rows.setdefault(objective, {"kept": 0, "met": 0})
            row["kept"] += 1
            row["met"] += int(met)
    return dict(sorted(rows.items()))


# --------------------------------------------------------------------------- passes by seat count


def seat_counts(scenario: Scenario, only: int = 0) -> list[int]:
    """The seat counts of the pass table the scenario allows (just `only` when given)."""
    d = scenario.definition
    return [n for n in ([only] if only else PASS_SEATS) if d.min_seats <= n <= d.max_seats]


def pass_shares(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Per seat position (its place in the seat order), the share of its turns passed; and the largest."""
    positions = len(results[0]["seats"])
    turns = [sum(r["turns_by_position"][p] for r in results) for p in range(positions)]
    passed = [sum(r["passes_by_position"][p] for r in results) for p in range(positions)]
    shares = [round(p / t, 4) if t else 0.0 for p, t in zip(passed, turns)]
    return {"games": len(results), "max": max(shares), "by_position": shares}


def pass_table(
    scenario_ids: Sequence[str],
    levels: Sequence[str],
    games: int,
    seed: int,
    workers: int,
    only: int = 0,
    caps: dict[str, float] | None = None,
) -> dict[str, Any]:
    """The pass table: scenario -> seat count -> bot level -> pass shares (see `pass_shares`)."""
    table: dict[str, Any] = {}
    for scenario_id in scenario_ids:
        rows: dict[str, Any] = {}
        for count in seat_counts(load_scenario(scenario_id), only):
            rows[str(count)] = {
                level: pass_shares(play_games(scenario_id, level, games, seed, workers, count, caps))
                for level in levels
            }
        if rows:
            table[scenario_id] = rows
    worst = max((cell["max"] for rows in table.values() for row in rows.values() for cell in row.values()), default=0)
    return {"target": PASS_TARGET, "worst": worst, "within_target": worst <= PASS_TARGET, "scenarios": table}


def format_passes(table: dict[str, Any]) -> str:
    """The pass table as a Markdown table: the largest share of turns any seat position passed."""
    levels = sorted({level for rows in table["scenarios"].values() for row in rows.values() for level in row})
    lines = ["| scenario | seats | " + " | ".join(levels) + " |", "|---|---|" + "---|" * len(levels)]
    for scenario_id, rows in table["scenarios"].items():
        for count, row in rows.items():
            cells = " | ".join(f"{row[level]['max']:.1%}" if level in row else "" for level in levels)
            lines.append(f"| {scenario_id} | {count} | {cells} |")
    lines.append(f"worst {table['worst']:.1%} (target {table['target']:.0%})")
    return "\n".join(lines)


# --------------------------------------------------------------------------- text


def format_text(report: dict[str, Any], cards: bool = True) -> str:
    """A report as a few lines for the terminal."""
    lines = [
        f"{report['scenario']} ({report.get('length', '')}) — {report['games']} games, {report['level']} bots"
        + "".join(f" {k}={v}" for k, v in report.get("caps", {}).items())
        + ", "
        f"{report['seats_per_game']} seats (fair share {report['fair_share']:.0%})"
        + ("" if report["balanced"] else "  ** OUT OF BALANCE **")
    ]
    for seat, row in report["seats"].items():
        lines.append(
            f"  {seat:<14} wins {row['wins']:>4}/{row['games']:<4} {row['win_rate']:>6.1%}"
            f"  x{row['vs_fair']:<5} mean score {row['mean_score']}"
        )
    lines.append(f"  first mover wins {report['first_mover_win_rate']:.1%}")
    lines.append(
        f"  length: {report['mean_actions']} seat actions ({report['mean_steps']} steps), "
        f"{report['mean_rounds']} rounds; ended {report['end_reasons']}"
    )
    lines.append(
        f"  crises per game {report['crises_per_game']} (games with one: {report['games_with_a_crisis']:.0%}); "
        f"passed turns per game {report['passes_per_game']}"
    )
    lines.append(f"  summits: {report['summits']}")
    for seat, reasons in report["points"].items():
        lines.append(f"  points {seat:<14} {reasons}")
    if cards:
        lines.append("  card                      event headline  ops")
        for card, row in report["cards"].items():
            lines.append(f"  {card:<26}{row['event']:>5}{row['headline']:>9}{row['ops']:>5}")
        unchosen = [key for key, n in report["options"].items() if n == 0]
        lines.append(f"  choice options never chosen: {', '.join(unchosen) or 'none'}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- command line


def parse_caps(items: Sequence[str]) -> dict[str, float]:
    """["iterations=60", "width=3"] as {"iterations": 60, "width": 3} (whole numbers stay ints)."""
    caps: dict[str, float] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"--cap expects NAME=VALUE, got {item!r}")
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"--cap {name}: {value!r} is not a number") from None
        caps[name.strip()] = int(number) if number.is_integer() else number
    return caps


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", action="append", help="scenario id (repeatable; default: every one)")
    parser.add_argument("--games", type=int, default=400, help="games per scenario (default 400)")
    parser.add_argument(
        "--level",
        action="append",
        help="bot level for every seat: random, greedy or hard (default random; --passes: random and greedy)",
    )
    parser.add_argument("--seed", type=int, default=0, help="game g is played from seed + g")
    parser.add_argument("--workers", type=int, default=2, help="processes to play in (default 2)")
    parser.add_argument("--seats", type=int, default=0, help="seats per game (default: the scenario's own)")
    parser.add_argument("--length", default="", help="the length (format) to play (default: the scenario's own)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--passes", action="store_true", help="the pass table: passed turns per seat position at 2-9 seats"
    )
    parser.add_argument("--no-cards", action="store_true", help="leave the per-card table out of the text")
    parser.add_argument(
        "--cap",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a bot work cap, e.g. --cap iterations=60 (repeatable; see game.bots.make_bot)",
    )
    args = parser.parse_args(argv)
    levels = args.level or (list(PASS_LEVELS) if args.passes else ["random"])
    try:
        caps = parse_caps(args.cap)
        for level in levels:
            make_bot(level, "check", 0, **caps)  # unknown levels and caps are refused here, not in a worker
    except ValueError as error:
        parser.error(str(error))
    if len(levels) > 1 and not args.passes:
        parser.error("--level is given once, except with --passes")
    scenario_ids = args.scenario or [sid for sid, _ in list_scenarios()]
    if args.passes:
        table = pass_table(scenario_ids, levels, args.games, args.seed, args.workers, args.seats, caps)
        print(json.dumps(table, indent=2) if args.json else format_passes(table))
        return 0
    level = levels[0]
    reports = []
    for scenario_id in scenario_ids:
        start = time.perf_counter()
        results = play_games(scenario_id, level, args.games, args.seed, args.workers, args.seats, caps, args.length)
        report = summarise(load_scenario(scenario_id), level, results)
        report["caps"] = caps
        report["length"] = args.length or load_scenario(scenario_id).definition.default_length
        report["seconds"] = round(time.perf_counter() - start, 1)
        reports.append(report)
        if not args.json:
            print(format_text(report, cards=not args.no_cards))
            print(f"  ({report['seconds']} s)")
    if args.json:
        print(json.dumps({"reports": reports}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
