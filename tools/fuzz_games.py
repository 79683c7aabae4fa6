"""Game fuzzer: random and bot games over every scenario and seat count, invariants checked at every step.

    python3 tools/fuzz_games.py --games 200                 200 games, a summary line per problem kind
    python3 tools/fuzz_games.py --games 10000 --workers 2 --json
    python3 tools/fuzz_games.py --games 50 --failures DIR   each failing game saved to DIR (replayable)

Game g plays scenario and seat count number g of the round of every shipped scenario at every seat count
it allows (2-9), from seed `seed + g`; one game in `--bot-every` has bots deciding (random and greedy seats
alternating), the others pick uniformly among the legal actions. At every step:

- the state's invariants (a legal action unless the game is over, each offered to the seat to act, sorted;
  no negative budget or influence; tension and credibility in range; no seat's view shows another's
  secrets);
- the legality equivalence on sampled actions (`legality_problem`): random, hand-made, stale and mutated
  action objects; a well-formed one is allowed by `why_illegal` exactly when `legal_actions` lists it, a
  malformed one raises InvalidActionError from both `why_illegal` and `apply`, nothing else is raised;
- the undo rule (`undo_problems`): only the seat that acted may take back its action, only when nothing was
  drawn, revealed or answered, and taking it back restores the state before it exactly.

A game that offers no action before its end is a dead end; one longer than MAX_STEPS a loop; one that takes
longer than HANG_SECONDS a hang; an exception from the engine a traceback. A failing game is written as a
save of the actions up to the failing step (`main.py replay FILE` replays it) with a .txt of its problems.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import multiprocessing
import random
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game import saves  # noqa: E402
from game.bots import make_bot  # noqa: E402
from game.content_files import list_scenarios, load_scenario  # noqa: E402
from game.session import Session  # noqa: E402
from rules import (  # noqa: E402
    Action,
    GameState,
    IllegalActionError,
    InvalidActionError,
    Scenario,
    apply,
    player_view,
    why_illegal,
)
from rules.action import ACTION_TYPES, FIELDS, sort_key  # noqa: E402
from rules.state import ENGINE, NOBODY  # noqa: E402
from rules.teacher import NOTE_TOPICS, TEACHER_ACTIONS  # noqa: E402
from rules.verbs import VERBS  # noqa: E402
from rules.verbs.negotiate import DEAL_KINDS  # noqa: E402
from rules.verbs.pressure import PRESSURE_KINDS  # noqa: E402

MAX_STEPS = 5000
HANG_SECONDS = 120.0
PROBES = 3  # sampled actions checked for the legality equivalence at each step
# Values of the wrong type or out of every pool, for mutated actions.
WRONG_VALUES: tuple[object, ...] = (None, 0, -1, 2**70, 1.5, True, False, [], {}, ("x",), b"x", "", "zzz", "bloc:")
# Log kinds that tell a seat something it did not decide: an action logging one is never undoable.
NEWS_KINDS = frozenset(
    {
        "era_began",
        "round_began",
        "deck_shuffled",
        "objectives_offered",
        "objective_kept",
        "cards_dealt",
        "hands_filled",
        "headline_kept",
        "headlines_revealed",
        "proposal_made",
        "proposal_answered",
        "agreement_signed",
        "proposal_rejected",
        "agreement_expired",
        "crisis_erupted",
        "turn_ended",
        "turn_passed",
        "flows_routed",
        "summit_held",
        "non_player_acted",
        "objective_revealed",
        "game_ended",
    }
)


# =========================================================================== actions to probe with


def action_pools(scenario: Scenario, state: GameState) -> dict[str, tuple[object, ...]]:
    """For each action field, the values a hand-made action would take it from (right and wrong ones)."""
    states = tuple(s.id for s in scenario.states)
    links = tuple(link.id for link in scenario.world.links)
    blocs = tuple(b.id for b in scenario.blocs)
    patrons = tuple(p.id for p in scenario.world.patrons)
    options = tuple(sorted({o.id for c in scenario.cards if c.choice for o in c.choice.options})) or ("x",)
    return {
        "seat": state.seats + states[:2],
        "card": tuple(c.id for c in scenario.cards),
        "objective": tuple(o.id for o in scenario.objectives),
        "verb": VERBS + ("zzz",),
        "state": states,
        "link": links,
        "partner": states + patrons + tuple(f"bloc:{b}" for b in blocs),
        "deal": DEAL_KINDS,
        "subject": ("",) + links + blocs,
        "pressure": PRESSURE_KINDS,
        "target": states + links + ("",),
        "accept": (True, False),
        "option": options + ("zzz",),
        "level": (0, 1, 3, scenario.rules.crisis_level, 99),
        "topic": NOTE_TOPICS + ("zzz",),
        "detail": ("", "90", "x" * 100),
    }


def random_action(
    rnd: random.Random, scenario: Scenario, state: GameState, legal: Sequence[Action], stale: Sequence[Action]
) -> Action:
    """An action object to probe the engine with: a legal one mutated in one field (to a value of its pool,
    another pool or the wrong type), a stale one (legal at an earlier step), or one made by hand from the
    pools (usually for the seat to act)."""
    pools = action_pools(scenario, state)
    anything = tuple(v for pool in pools.values() for v in pool)
    roll = rnd.random()
    if roll < 0.35 and legal:
        chosen = rnd.choice(legal)
        if not FIELDS[type(chosen)]:
            return chosen
        name = rnd.choice(FIELDS[type(chosen)])
        source = rnd.choice((pools[name], anything, WRONG_VALUES))
        mutated: Action = attrs.evolve(chosen, **{name: rnd.choice(source)})  # type: ignore[misc, arg-type]
        return mutated
    if roll < 0.55 and stale:
        return rnd.choice(stale)
    kind = rnd.choice(tuple(ACTION_TYPES.values()))
    fields: dict[str, object] = {}
    for name in FIELDS[kind]:
        source = pools[name] if rnd.random() < 0.85 else rnd.choice((anything, WRONG_VALUES))
        fields[name] = rnd.choice(source)
    if "seat" in fields and state.to_act >= 0 and rnd.random() < 0.7:
        fields["seat"] = state.seats[state.to_act]
    action: Action = kind(**fields)
    return action


def legality_problem(scenario: Scenario, state: GameState, legal: Sequence[Action], action: object) -> str | None:
    """What is wrong with how the engine treats `action` in `state`, or None: a well-formed action is allowed
    exactly when listed (a teacher's, rules §17, is never listed); a malformed one raises InvalidActionError from
    why_illegal and from apply; nothing raises anything else."""
    try:
        reason = why_illegal(scenario, state, action)  # type: ignore[arg-type]
    except InvalidActionError:
        try:
            apply(scenario, state, action)  # type: ignore[arg-type]
        except InvalidActionError:
            return None
        except Exception as exc:  # noqa: BLE001 - any other exception is the finding
            return f"apply of malformed {action!r} raised {type(exc).__name__}: {exc}"
        return f"malformed {action!r} was applied"
    except Exception as exc:  # noqa: BLE001
        return f"why_illegal({action!r}) raised {type(exc).__name__}: {exc}"
    listed = any(type(a) is type(action) and a == action for a in legal)
    if isinstance(action, TEACHER_ACTIONS):  # the teacher's: allowed without being listed (rules §17)
        if listed:
            return f"{action!r}: a teacher's action among the seats' legal actions"
        listed = reason is None
    if (reason is None) != listed:
        return f"{action!r}: why_illegal says {reason or 'legal'} but legal_actions {'lists' if listed else 'omits'} it"
    if reason is not None:
        try:
            apply(scenario, state, action)  # type: ignore[arg-type]
        except IllegalActionError:
            return None
        except Exception as exc:  # noqa: BLE001
            return f"apply of illegal {action!r} raised {type(exc).__name__}: {exc}"
        return f"illegal {action!r} ({reason}) was applied"
    return None


# =========================================================================== invariants


def invariant_problems(scenario: Scenario, state: GameState, legal: Sequence[Action], views: bool) -> list[str]:
    """What breaks the invariants every reachable state keeps (see the module's docstring)."""
    problems: list[str] = []
    if state.outcome is None:
        if not 0 <= state.to_act < len(state.seats) and state.to_act != ENGINE:
            problems.append(f"to_act {state.to_act} is no seat")
        actor = state.seats[state.to_act] if state.to_act >= 0 else None
        if any(getattr(a, "seat", None) != actor for a in legal):
            problems.append(f"an action offered to a seat other than {actor}")
    elif legal or state.to_act != NOBODY:
        problems.append("actions offered after the game ended")
    if list(legal) != sorted(legal, key=sort_key):
        problems.append("legal actions out of order")
    if min(state.budget) < 0 or any(v < 0 for row in state.influence for v in row):
        problems.append("a negative budget or influence")
    if not 1 <= state.tension <= scenario.rules.crisis_level:
        problems.append(f"tension {state.tension} out of range")
    if min(state.credibility) < 0 or max(state.credibility) > scenario.rules.max_credibility:
        problems.append("credibility out of range")
    if views:
        problems.extend(_view_problems(state))
    return problems


def _view_problems(state: GameState) -> list[str]:
    """A seat's view that shows another seat's hand, headline, objective or offers, or the deck's order."""
    problems = []
    for me, seat in enumerate(state.seats):
        view = player_view(state, seat)
        for other in range(len(state.seats)):
            if other != me and (
                set(view.hands[other]) - {""}
                or view.headlines[other] not in (None, "")
                or view.objectives[other] not in (None, "")
                or view.offers[other]
            ):
                problems.append(f"{seat}'s view shows {state.seats[other]}'s secrets")
        if set(view.draw_pile) - {""} or view.rng.seed != 0:
            problems.append(f"{seat}'s view shows the deck")
    return problems


def undo_problems(session: Session, before: GameState, action: Action, entries: Sequence[Any]) -> list[str]:
    """How the session's undo breaks the rule after `action` (just submitted, from `before`)."""
    problems = []
    actor = getattr(action, "seat", None)
    for seat in session.state.seats:
        if seat != actor and session.can_undo(seat):
            problems.append(f"{seat} may take back {actor}'s {action.kind}")
    if actor is None or not session.can_undo(actor):
        return problems
    after = session.state
    news = [e.kind for e in entries if e.kind in NEWS_KINDS or getattr(e, "use", "") == "headline"]
    news += [e.kind for e in entries if e.kind in ("choice_offered", "option_chosen") and e.seat != actor]
    if news or after.rng != before.rng or after.to_act != before.to_act:
        problems.append(f"{action!r} is undoable after {news or 'a draw or a change of seat'}")
    taken = session.undo(actor)
    if taken != action or session.state != before:
        problems.append(f"undoing {action!r} did not restore the state before it")
    session.submit(action)
    if session.state != after:
        problems.append(f"{action!r} applied again after an undo gave another state")
    return problems


# =========================================================================== one game


@attrs.define
class GameReport:
    """What one fuzzed game found."""

    scenario: str
    seats: tuple[str, ...]
    seed: int
    players: str  # "random" or "bots"
    steps: int = 0
    invariant_failures: int = 0
    undo_violations: int = 0
    dead_end: bool = False
    loop: bool = False
    hang: bool = False
    traceback: bool = False
    problems: list[str] = attrs.field(factory=list)
    saved: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.problems)


@functools.cache
def seat_counts() -> tuple[tuple[str, int], ...]:
    """Every shipped scenario at every seat count it allows (2-9 where it has the states for them)."""
    combos: list[tuple[str, int]] = []
    for scenario_id, _ in list_scenarios():
        scenario = load_scenario(scenario_id)
        seatable = [s.id for s in scenario.states if s.seatable]
        top = min(scenario.definition.max_seats, len(seatable))
        combos.extend((scenario_id, n) for n in range(scenario.definition.min_seats, top + 1))
    return tuple(combos)


def game_plan(index: int, seed: int, bot_every: int) -> tuple[str, tuple[str, ...], int, str, str]:
    """Game number `index`: (scenario id, seats, seed, length, players), cycling over `seat_counts`."""
    combos = seat_counts()
    scenario_id, count = combos[index % len(combos)]
    scenario = load_scenario(scenario_id)
    rnd = random.Random(seed + index)
    defaults = list(scenario.definition.default_seats)
    pool = defaults + sorted(s.id for s in scenario.states if s.seatable and s.id not in defaults)
    seats = tuple(rnd.sample(pool[: max(count, len(defaults))], count))
    length = rnd.choice(sorted(scenario.definition.lengths))
    players = "bots" if bot_every and index % bot_every == bot_every - 1 else "random"
    return scenario_id, seats, seed + index, length, players


def play_game(index: int, seed: int, bot_every: int = 25, failures: Path | None = None) -> GameReport:
    """Play game number `index` with every check; its report (the game saved to `failures` if it failed)."""
    scenario_id, seats, game_seed, length, players = game_plan(index, seed, bot_every)
    scenario = load_scenario(scenario_id)
    report = GameReport(scenario_id, seats, game_seed, players)
    rnd = random.Random(game_seed)
    bots = {
        seat: make_bot(("random", "greedy")[i % 2], seat, game_seed * 31 + i, time_budget=0.05)
        for i, seat in enumerate(seats)
    }
    session = Session.start(scenario, game_seed, seats, length)
    stale: list[Action] = []
    started = time.monotonic()
    try:
        _play(session, scenario, rnd, bots if players == "bots" else {}, stale, report, started)
    except Exception:  # noqa: BLE001 - an exception anywhere in the engine or session is a finding
        report.traceback = True
        report.problems.append("traceback: " + traceback.format_exc(limit=6).strip().splitlines()[-1])
    if report.failed and failures is not None:
        report.saved = str(_write_failure(session, report, failures))
    return report


def _play(
    session: Session,
    scenario: Scenario,
    rnd: random.Random,
    bots: dict[str, Any],
    stale: list[Action],
    report: GameReport,
    started: float,
) -> None:
    """Play the session to its end, checking each step (see the module's docstring)."""
    while True:
        state = session.state
        legal = session.legal()
        problems = invariant_problems(scenario, state, legal, views=rnd.random() < 0.1)
        report.invariant_failures += len(problems)
        report.problems.extend(problems)
        if state.outcome is not None:
            return
        if not legal:
            report.dead_end = True
            report.problems.append(f"dead end in phase {state.phase} at step {report.steps}")
            return
        if report.steps >= MAX_STEPS:
            report.loop = True
            report.problems.append(f"no end after {MAX_STEPS} steps")
            return
        if time.monotonic() - started > HANG_SECONDS:
            report.hang = True
            report.problems.append(f"still playing after {HANG_SECONDS:.0f} s")
            return
        for _ in range(PROBES):
            problem = legality_problem(scenario, state, legal, random_action(rnd, scenario, state, legal, stale))
            if problem is not None:
                report.invariant_failures += 1
                report.problems.append(problem)
        seat = session.current_seat() or ""
        bot = bots.get(seat)
        action = bot.choose(scenario, player_view(state, seat), legal).action if bot else rnd.choice(legal)
        if rnd.random() < 0.2:
            stale.append(rnd.choice(legal))
            del stale[:-40]
        entries = session.submit(action)
        report.steps += 1
        found = undo_problems(session, state, action, entries)
        report.undo_violations += len(found)
        report.problems.extend(found)


def _write_failure(session: Session, report: GameReport, folder: Path) -> Path:
    """Save the failing game's actions so far (replayable with `main.py replay`) and its problems beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{report.scenario}-{len(report.seats)}-{report.seed}"
    path = saves.save(session, folder / f"{stem}.json")
    (folder / f"{stem}.txt").write_text("\n".join(report.problems[:50]) + "\n", encoding="utf-8")
    return path


# =========================================================================== many games


def _one(job: tuple[int, int, int, str]) -> GameReport:
    index, seed, bot_every, failures = job
    return play_game(index, seed, bot_every, Path(failures) if failures else None)


def run(
    games: int,
    seed: int = 0,
    workers: int = 1,
    bot_every: int = 25,
    failures: Path | None = None,
    progress: int = 0,
) -> dict[str, Any]:
    """Fuzz `games` games; the counts of what they found, the failing games' saves and the time taken.
    With `progress`, the counts so far go to stderr as a JSON line every `progress` games."""
    started = time.monotonic()
    jobs = [(i, seed, bot_every, str(failures or "")) for i in range(games)]
    reports: list[GameReport] = []
    with multiprocessing.Pool(workers) if workers > 1 else contextlib.nullcontext() as pool:
        done = pool.imap_unordered(_one, jobs, chunksize=4) if pool is not None else map(_one, jobs)
        for report in done:
            reports.append(report)
            if progress and len(reports) % progress == 0:
                print(json.dumps(summarise(reports, time.monotonic() - started)), file=sys.stderr, flush=True)
    return summarise(reports, time.monotonic() - started)


def summarise(reports: Sequence[GameReport], seconds: float) -> dict[str, Any]:
    """The counts over a batch of game reports."""
    failed = [r for r in reports if r.failed]
    return {
        "games": len(reports),
        "bot_games": sum(r.players == "bots" for r in reports),
        "steps": sum(r.steps for r in reports),
        "invariant_failures": sum(r.invariant_failures for r in reports),
        "dead_ends": sum(r.dead_end for r in reports),
        "loops": sum(r.loop for r in reports),
        "hangs": sum(r.hang for r in reports),
        "tracebacks": sum(r.traceback for r in reports),
        "undo_violations": sum(r.undo_violations for r in reports),
        "failed_games": [{"save": r.saved, "problems": r.problems[:3]} for r in failed[:20]],
        "seconds": round(seconds, 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--bot-every", type=int, default=25, help="one game in N has bots deciding (0: none)")
    parser.add_argument("--failures", type=Path, default=None, help="write failing games here as saves")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--progress", type=int, default=0, help="the counts so far to stderr every N games")
    args = parser.parse_args(argv)
    summary = run(args.games, args.seed, args.workers, args.bot_every, args.failures, args.progress)
    if args.json:
        print(json.dumps(summary))
    else:
        for key, value in summary.items():
            print(f"{key}: {value}")
    bad = ("invariant_failures", "dead_ends", "loops", "hangs", "tracebacks", "undo_violations")
    return 1 if any(summary[key] for key in bad) else 0


if __name__ == "__main__":
    sys.exit(main())
