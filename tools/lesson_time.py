"""How long a game takes a class at one screen: seeded bot games counted as a hotseat of human seats.

    python3 tools/lesson_time.py                          the classroom default: caspian-2023, 4 seats, the
                                                          lesson format
    python3 tools/lesson_time.py --scenario tutorial
    python3 tools/lesson_time.py --guided                 the guided tutorial, for one newcomer
    python3 tools/lesson_time.py --scenario caspian-2023 --format full --games 20 --seed 1
    python3 tools/lesson_time.py --cover-forced           as before forced actions were taken for the seat
    python3 tools/lesson_time.py --write                  every scenario's every format, into
                                                          assets/lesson_minutes.toml (the new-game screen's estimates)

Every seat is played by a seeded greedy bot and counted as a human seat sharing one screen with the others.

A *decision* is one choice a human seat makes, of the kinds a player thinks about: keeping a national
interest (`objective`), playing a card (`card`: the card, then its event or its ops with the verb and the
target, then ending the turn are one decision; the card left after a round's turns is the next headline, no
decision of its own), answering a proposal (`answer`), making an event's choice (`choice`), passing with no
card (`pass`). Each is counted by the action a seat submits that starts it (KeepObjective, PlayCard, Answer,
Choose, PassTurn);
`actions` counts every action the seats submit (each click: PlayCard, UseOps, the target, EndTurn...).
A forced action the session takes for a seat (`game.hotseat`) is neither: it is counted as `forced`.

A *hand-over* is a cover screen (and the "since your last turn" recap behind it) before a seat decides,
as `game.hotseat.next_step` decides it: the flow the client follows, so the count is the window's.

Output, one JSON object: the medians over the games of `decisions`, `decisions_per_seat`, `handovers`,
`actions`, `forced` and of each decision kind (`kinds`), and `minutes_at_30s`, `minutes_at_45s`,
`minutes_at_60s`: the median decisions at that pace plus 10 s for each of the median hand-overs,
(decisions * pace + handovers * 10) / 60, to one decimal; with the scenario, format, seats, games and
seed measured. Game g starts from seed `seed + g` with the seats rotated by g (every seat takes every
place in the turn order); the games run in parallel processes (`--jobs`).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game import hotseat  # noqa: E402
from game.bots import make_bot  # noqa: E402
from game.content_files import ASSETS, list_scenarios, load_scenario  # noqa: E402
from game.estimates import FILE_NAME, LESSON_FORMAT  # noqa: E402
from game.i18n import LANGUAGES  # noqa: E402
from game.session import Session  # noqa: E402
from game.tutorial import load_script  # noqa: E402
from rules import player_view  # noqa: E402
from rules.action import Answer, Choose, KeepObjective, PassTurn, PlayCard  # noqa: E402
from rules.scenario import Scenario  # noqa: E402

CLASSROOM_SCENARIO = "caspian-2023"
CLASSROOM_SEATS = 4
PACES = (30, 45, 60)  # seconds a decision
HANDOVER_SECONDS = 10
MAX_STEPS = 50_000  # per game: a rules loop, not a long game
KINDS: dict[type, str] = {
    KeepObjective: "objective",
    PlayCard: "card",
    Answer: "answer",
    Choose: "choice",
    PassTurn: "pass",
}


def seats_for(scenario: Scenario, count: int, game: int) -> tuple[str, ...]:
    """`count` seats — the scenario's defaults, then other seatable states — rotated by the game number."""
    seats = tuple(scenario.definition.default_seats)
    extra = tuple(s.id for s in scenario.states if s.seatable and s.id not in seats)
    seats = (seats + extra)[:count]
    shift = game % len(seats)
    return seats[shift:] + seats[:shift]


def seat_count(scenario: Scenario, wanted: int) -> int:
    """The seats asked for, within what the scenario seats (the tutorial seats two)."""
    d = scenario.definition
    return max(d.min_seats, min(wanted, d.max_seats))


def lesson_format(scenario: Scenario, wanted: str = "") -> str:
    """The format asked for, else the lesson format, else the scenario's shortest (fewest eras)."""
    d = scenario.definition
    names = d.format_names()
    if wanted:
        if wanted not in names:
            raise SystemExit(f"{scenario.id} has no format {wanted!r} (it has {', '.join(sorted(names))})")
        return wanted
    if LESSON_FORMAT in names:
        return LESSON_FORMAT
    return min(names, key=lambda name: (d.format(name).eras, name))


def play(scenario: Scenario, length: str, seats: tuple[str, ...], seed: int, take_forced: bool = True) -> Counter[str]:
    """One greedy game with every seat human at one screen: its decisions by kind, hand-overs, actions and
    forced actions."""
    session = Session.start(scenario, seed, seats, length)
    bots = {seat: make_bot("greedy", seat, seed * 7919 + i) for i, seat in enumerate(seats)}
    counts: Counter[str] = Counter()
    viewer: str | None = None
    for _ in range(MAX_STEPS):
        step = hotseat.next_step(session, seats, viewer, take_forced)
        if step == "over":
            return counts
        if step == "engine":
            session.run_engine()
        elif step == "forced":
            forced = hotseat.forced_action(session, seats, viewer)
            assert forced is not None
            session.submit(forced)
            counts["forced"] += 1
        elif step == "cover":
            counts["handovers"] += 1
            viewer = session.current_seat()
        else:
            seat = session.current_seat()
            assert seat is not None
            decision = bots[seat].choose(scenario, player_view(session.state, seat), session.legal())
            session.submit(decision.action)
            counts["actions"] += 1
            kind = KINDS.get(type(decision.action))
            if kind:
                counts[kind] += 1
                counts["decisions"] += 1
    raise RuntimeError(f"{scenario.id} seed {seed}: no end after {MAX_STEPS} steps")


def _play_job(job: tuple[str, str, int, int, int, bool]) -> dict[str, int]:
    scenario_id, length, count, seed, game, take_forced = job
    scenario = load_scenario(scenario_id)
    return dict(play(scenario, length, seats_for(scenario, count, game), seed + game, take_forced))


def minutes(decisions: float, handovers: float, pace: int) -> float:
    """Minutes at `pace` seconds a decision plus HANDOVER_SECONDS a hand-over."""
    return round((decisions * pace + handovers * HANDOVER_SECONDS) / 60, 1)


def summarise(games: list[dict[str, int]], seats: int) -> dict[str, Any]:
    """The medians over the games, and the minutes they make at each pace."""

    def median(key: str) -> float:
        return statistics.median(g.get(key, 0) for g in games)

    decisions, handovers = median("decisions"), median("handovers")
    out: dict[str, Any] = {
        "decisions": decisions,
        "decisions_per_seat": statistics.median(g.get("decisions", 0) / seats for g in games),
        "handovers": handovers,
    }
    for pace in PACES:
        out[f"minutes_at_{pace}s"] = minutes(decisions, handovers, pace)
    out["actions"] = median("actions")
    out["forced"] = median("forced")
    out["kinds"] = {kind: median(kind) for kind in KINDS.values()}
    return out


def measure(
    scenario_id: str, length: str, seats: int, games: int, seed: int, jobs: int, take_forced: bool = True
) -> dict[str, Any]:
    """Play the games (in `jobs` processes) and summarise them."""
    work = [(scenario_id, length, seats, seed, g, take_forced) for g in range(games)]
    if jobs > 1 and games > 1:
        with multiprocessing.Pool(min(jobs, games)) as pool:
            results = pool.map(_play_job, work)
    else:
        results = [_play_job(job) for job in work]
    head = {"scenario": scenario_id, "format": length, "seats": seats, "games": games, "seed": seed}
    return head | summarise(results, seats) | {"forced_taken": take_forced}


def write_estimates(games: int, seed: int, jobs: int) -> Path:
    """Measure every scenario's every format (4 seats, or the scenario's most) and write the minutes at
    45 s a decision, rounded, to the estimates file the new-game screen reads."""
    lines = [
        "# Written by tools/lesson_time.py --write: the minutes a game takes a class at one screen, at 45 s a",
        f"# decision plus {HANDOVER_SECONDS} s a hand-over (medians of {games} greedy games from seed {seed};"
        f" {CLASSROOM_SEATS} seats, or the scenario's most).",
    ]
    for scenario_id, _ in list_scenarios():
        scenario = load_scenario(scenario_id)
        seats = seat_count(scenario, CLASSROOM_SEATS)
        lines += ["", f'["{scenario_id}"]']
        for length in scenario.definition.format_names():
            result = measure(scenario_id, length, seats, games, seed, jobs)
            lines.append(f"{length} = {round(result['minutes_at_45s'])}")
    path = ASSETS / FILE_NAME
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def guided_estimate() -> dict[str, Any]:
    """The guided tutorial (assets/tutorial.toml) for one newcomer: its decisions at 45 s each plus its texts
    read at 150 words a minute, per language (game.tutorial.Script.minutes)."""
    script = load_script()
    return {
        "guided": script.scenario,
        "steps": len(script.steps),
        "decisions": script.decisions,
        "words": {lang: script.words(lang) for lang in LANGUAGES},
        "minutes": {lang: round(script.minutes(lang), 1) for lang in LANGUAGES},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", default=CLASSROOM_SCENARIO)
    parser.add_argument("--format", default="", help="a length of the scenario (default: the lesson format)")
    parser.add_argument("--games", type=int, default=20)
    parser.add_argument("--seats", type=int, default=CLASSROOM_SEATS, help="capped at what the scenario seats")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2, help="parallel processes")
    parser.add_argument(
        "--cover-forced", action="store_true", help="send a seat with a forced action through the cover (as before)"
    )
    parser.add_argument("--write", action="store_true", help=f"measure every format into assets/{FILE_NAME}")
    parser.add_argument("--guided", action="store_true", help="estimate the guided tutorial for one newcomer")
    args = parser.parse_args(argv)
    if args.guided:
        print(json.dumps(guided_estimate()))
        return 0
    if args.write:
        print(write_estimates(args.games, args.seed, args.jobs))
        return 0
    scenario = load_scenario(args.scenario)
    length = lesson_format(scenario, args.format)
    seats = seat_count(scenario, args.seats)
    result = measure(args.scenario, length, seats, args.games, args.seed, args.jobs, not args.cover_forced)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
