"""The command line: open the client, play bot games headless, replay saves, validate content.

    caspian-gambit [--mod DIR ...]                   open the client (with these mods besides the installed ones)
    caspian-gambit play --headless --seats russia=random,... --seed 7 --json [--save PATH]
    caspian-gambit replay SAVE --json
    caspian-gambit validate [PATH ...]
    caspian-gambit sources --json | cards --json      catalogues of the source articles and the cards
    caspian-gambit selfplay --seats russia=hard,... --games 20 [--json] [--compare A B]
    caspian-gambit screenshots OUTDIR                 every screen of a seeded game as PNG files
    caspian-gambit debrief SAVE --out DIR [--lang ru] [--compare OTHER]   the debrief report (HTML and Markdown)
    caspian-gambit host [--port N] [--seats russia=web,...]   a class game: browsers join by room code (game.net)
    caspian-gambit branch SAVE --round N --out NEW [--seats russia=greedy,...]   a what-if branch from round N

Every command takes ``--mod DIR`` (repeatable): a mod folder (docs/modding.md) whose scenarios join the
shipped ones. Each mod is checked alone; a broken one is reported on stderr, one line per problem, and
left out, and the shipped scenarios still load.

User mistakes (bad seats, unknown scenario or bot level, a bad save) print one line and exit 2;
content problems found by `validate` exit 1.

The client's own commands (the window, the screenshots) are handed in by main.py as a `Client`: game/
never imports game.ui, so the headless commands run without pygame.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from game import content_files, mods, selfplay
from game.bots import ALIASES, LEVELS, Bot, Decision, make_bot
from game.describe import describe_reason
from game.i18n import Translator
from game.saves import SaveError, fork, load, load_parent, load_read_only, save
from game.serialize import state_hash
from game.session import Session
from rules import Scenario, SetupError, player_view
from rules.action import Advance
from rules.content import ContentError

DEFAULT_SCENARIO = "caspian-2023"
MAX_ACTIONS = 200_000  # a bot game longer than this is a bug, not a game
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
BOT_LEVELS: tuple[str, ...] = (*LEVELS, *ALIASES)  # what --seats accepts


class UsageError(Exception):
    """A mistake in what the user asked for; the message is one line."""


# Render every screen of a seeded game to PNG files: (outdir, scenario id or "", seed, window size, assets).
RenderScreens = Callable[[Path, str, int, tuple[int, int], Path], Iterable[Path]]


class Client(NamedTuple):
    """The client's commands, handed in by main.py: open the window with these mod folders (returns the
    exit code), and render the screenshots (returns the files written)."""

    open_window: Callable[[tuple[Path, ...]], int]
    render_screens: RenderScreens


# --------------------------------------------------------------------------- bots


def check_levels(pairs: Sequence[tuple[str, str]]) -> None:
    """A `UsageError` naming the first (seat, level) whose level no bot plays."""
    for seat, level in pairs:
        if level not in BOT_LEVELS:
            raise UsageError(f'unknown bot level "{level}" for seat {seat} (choose from {", ".join(BOT_LEVELS)})')


def seat_bots(pairs: Sequence[tuple[str, str]], seed: int) -> dict[str, Bot]:
    """A bot for each (seat, level); its choices depend only on (level, seat, seed) and what it sees
    (the bots' defaults have no wall-clock budget, so a seeded game plays the same on any machine)."""
    check_levels(pairs)
    return {seat: make_bot(level, seat, seed) for seat, level in pairs}


# --------------------------------------------------------------------------- playing


def parse_seats(text: str) -> list[tuple[str, str]]:
    """``russia=random,kazakhstan=greedy`` as (seat, level) pairs in the order given."""
    pairs: list[tuple[str, str]] = []
    for item in text.split(","):
        seat, sep, level = (part.strip() for part in item.partition("="))
        if not sep or not seat or not level:
            raise UsageError(f'bad --seats item "{item.strip()}" (expected seat=level, e.g. russia=random)')
        if seat in (s for s, _ in pairs):
            raise UsageError(f"seat {seat} is given twice in --seats")
        pairs.append((seat, level))
    return pairs


def content_library(args: argparse.Namespace) -> mods.Library:
    """The shipped assets and the command's ``--mod`` folders; each broken mod's problems go to stderr."""
    library = mods.Library.of(args.mods or (), args.assets)
    for problem in library.problems:
        print(problem, file=sys.stderr)
    return library


def load_named_scenario(scenario_id: str, library: mods.Library) -> Scenario:
    """The scenario, or a one-line `UsageError` naming the first problem."""
    try:
        return library.load(scenario_id)
    except ContentError as exc:
        problems = exc.problems or ("its files have problems",)
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise UsageError(f'cannot load scenario "{scenario_id}": {problems[0]}{more}') from None


def start_session(scenario: Scenario, seed: int, seats: Sequence[str], length: str, tier: str) -> Session:
    """A new session, with setup mistakes as a `UsageError`."""
    _check_seats(scenario, seats)
    try:
        return Session.start(scenario, seed, seats, length, tier)
    except SetupError as exc:
        raise UsageError(" ".join(str(exc).split())) from None


def _check_seats(scenario: Scenario, seats: Sequence[str]) -> None:
    known = [s.id for s in scenario.states if s.seatable]
    for seat in seats:
        if seat not in known:
            raise UsageError(f'unknown seat "{seat}" in scenario {scenario.id} (choose from {", ".join(known)})')


def play_bots(session: Session, bots: dict[str, Bot]) -> None:
    """Play the game to its end: the engine's steps are Advance, each seat's are its bot's choice."""
    for _ in range(MAX_ACTIONS):
        if session.is_over:
            return
        seat = session.current_seat()
        if seat is None:
            session.submit(Advance())
            continue
        view = player_view(session.state, seat)
        decision = bots[seat].choose(session.scenario, view, session.legal())
        session.submit(decision.action, decision.reason)  # the reason is the step's note (so in the save)
    raise RuntimeError(f"bot game did not end within {MAX_ACTIONS} actions")


def summary(session: Session) -> dict[str, Any]:
    """What a finished (or saved) game came to, as JSON data."""
    state = session.state
    result = state.outcome
    scores = dict(result.scores) if result is not None else dict(zip(state.seats, state.vp))
    return {
        "scenario": session.setup.scenario_id,
        "content_hash": session.scenario.content_hash,
        "seed": session.setup.seed,
        "seats": list(session.setup.seats),
        "length": session.setup.length,
        "tier": session.setup.tier,
        "over": result is not None,
        "winner": result.winner if result is not None else None,
        "reason": result.reason if result is not None else None,
        "scores": scores,
        "rounds": result.rounds if result is not None else state.absolute_round,
        "actions": len(session.actions),
        "state_hash": state_hash(state),
    }


def print_summary(data: dict[str, Any], as_json: bool) -> None:
    """The summary as one JSON line, or as a few lines of text."""
    if as_json:
        print(json.dumps(data, sort_keys=True, separators=(",", ":")))
        return
    ranking = sorted(data["scores"].items(), key=lambda item: -item[1])
    print(f"{data['scenario']} seed {data['seed']}, {data['rounds']} rounds, {data['actions']} actions")
    print(f"winner: {data['winner'] or '(game not over)'}")
    for seat, score in ranking:
        print(f"  {seat}: {score}")
    print(f"state hash: {data['state_hash']}")


# --------------------------------------------------------------------------- commands


def cmd_play(args: argparse.Namespace) -> int:
    if not args.headless:
        raise UsageError("play needs --headless (run caspian-gambit with no arguments to open the client)")
    scenario = load_named_scenario(args.scenario, content_library(args))
    pairs = parse_seats(args.seats) if args.seats else [(s, "random") for s in scenario.definition.default_seats]
    session = start_session(scenario, args.seed, [seat for seat, _ in pairs], args.length, args.tier)
    bots = seat_bots(pairs, args.seed)
    play_bots(session, bots)
    if args.save:
        try:
            save(session, args.save)
        except OSError as exc:
            raise UsageError(f"{args.save}: cannot write the save ({exc.strerror or exc})") from None
    print_summary(summary(session), args.json)
    return 0


def cmd_selfplay(args: argparse.Namespace) -> int:
    """`selfplay`: a batch of bot games, and each seat's wins, scores and decision times."""
    scenario = load_named_scenario(args.scenario, content_library(args))
    pairs = parse_seats(args.seats)
    _check_seats(scenario, [seat for seat, _ in pairs])
    check_levels(pairs)
    seats = dict(pairs)
    for seat in args.compare or ():
        if seat not in seats:
            raise UsageError(f"--compare names {seat}, which has no seat in --seats")
    caps: dict[str, dict[str, object]] = {"greedy": {}, "hard": {}}
    if args.time_budget:
        caps["greedy"]["time_budget"] = caps["hard"]["time_budget"] = args.time_budget
    if args.iterations:
        caps["hard"]["iterations"] = args.iterations
    log = _open_log(args.log)
    try:
        record = _decision_logger(log, scenario) if log is not None else None
        result = selfplay.run(scenario, seats, args.games, args.seed, caps, args.length, args.compare or (), record)
    except SetupError as exc:
        raise UsageError(" ".join(str(exc).split())) from None
    finally:
        if log is not None:
            log.close()
    print(json.dumps(result, indent=2) if args.json else selfplay.format_text(result))
    return 0


def _open_log(path: Path | None) -> TextIO | None:
    if path is None:
        return None
    try:
        return path.open("w", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot write the log ({exc.strerror or exc})") from None


def _decision_logger(log: TextIO, scenario: Scenario) -> Callable[[int, int, Decision], None]:
    """Writes each bot decision to the log as one JSON line: game, step, seat, level, action, reason (as
    data), ms, and the reason in English from the catalogue ("says")."""
    english = Translator("en")

    def record(game: int, step: int, decision: Decision) -> None:
        says = describe_reason(english, scenario, decision.reason)
        line = {"game": game, "step": step, **decision.to_json(), "says": says}
        log.write(json.dumps(line, ensure_ascii=False) + "\n")

    return record


def cmd_replay(args: argparse.Namespace) -> int:
    session = load(args.save, content_library(args).load)
    print_summary(summary(session), args.json)
    return 0


def cmd_debrief(args: argparse.Namespace) -> int:
    """`debrief`: write a save's debrief report (HTML and Markdown) into a folder. A second game's lines are drawn
    dashed beside the save's: the one named by ``--compare``, else a branch's parent when its file is beside it.
    A tampered save is still debriefed, read-only: what was edited goes to stderr and heads the report."""
    from game import report  # matplotlib is imported only by the command that draws
    from game.debrief import debrief
    from game.debrief_text import edited_note

    library = content_library(args)
    session, read_only = load_read_only(args.save, library.load)
    tr = library.translator(args.lang)
    other = (
        load(args.compare, library.load) if args.compare is not None else load_parent(args.save, session, library.load)
    )
    games = [report.Game(debrief(session), session.setup.seed)]
    notes = []
    if read_only is not None:
        print(read_only.edit, file=sys.stderr)
        notes.append(edited_note(tr, read_only))
    if session.branch is not None:
        notes.append(tr("debrief.branch_of", parent=session.branch.parent, round=session.branch.round))
    note = " ".join(notes)
    if other is not None:
        if other.scenario.id != session.scenario.id:
            raise UsageError(f"{args.compare} is a game of another scenario ({other.scenario.id})")
        mine, theirs = (
            ("debrief.branch", "debrief.parent") if session.branch is not None else ("debrief.this", "debrief.other")
        )
        games = [
            report.Game(games[0].debrief, session.setup.seed, tr(mine)),
            report.Game(debrief(other), other.setup.seed, tr(theirs)),
        ]
    for path in report.write_report(args.out, tr, session.scenario, games, note):
        print(path)
    return 0


def cmd_branch(args: argparse.Namespace) -> int:
    """`branch`: a what-if branch of a save from the start of a round, written as a new save that names its parent;
    with ``--seats``, bots play it on to the end (seeded by ``--seed``)."""
    library = content_library(args)
    session = load(args.save, library.load)
    branch = fork(session, args.round, args.save.name)
    if args.seats:
        pairs = parse_seats(args.seats)
        if sorted(seat for seat, _ in pairs) != sorted(session.setup.seats):
            raise UsageError(f"--seats must give a bot for each seat of the game ({', '.join(session.setup.seats)})")
        play_bots(branch, seat_bots(pairs, args.seed))
    try:
        save(branch, args.out)
    except OSError as exc:
        raise UsageError(f"{args.out}: cannot write the save ({exc.strerror or exc})") from None
    print_summary(summary(branch), args.json)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """`validate`: the given files, or the shipped assets; with ``--mod``, each mod folder alone."""
    paths = [Path(p) for p in args.paths] or None
    roots = list(dict.fromkeys(args.mods or ()))
    problems = content_files.validate(paths) if paths else [] if roots else content_files.validate_tree(args.assets)
    for root in roots:
        problems += mods.check_mod(root)
    for problem in problems:
        print(problem)
    for warning in [w for root in ([] if paths else roots or [args.assets]) for w in content_files.undealt(root)]:
        print(f"warning: {warning}")
    if problems:
        return EXIT_PROBLEMS
    count = len(paths) if paths else 0 if roots else _count_files(args.assets)
    print(f"ok: {count + sum(_count_files(root) + 1 for root in roots)} files")
    return 0


def cmd_catalogue(args: argparse.Namespace) -> int:
    """`sources` and `cards`: the catalogue as JSON, or one line per entry."""
    from game import catalogue

    listing = catalogue.sources if args.command == "sources" else catalogue.cards
    try:
        entries = [entry for root in content_library(args).roots for entry in listing(root)]
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_PROBLEMS
    if args.json:
        print(json.dumps(entries, ensure_ascii=False, indent=2))
    elif args.command == "sources":
        for s in entries:
            print(f"{s['id']} ({s['date']}): {s['title']} — cards: {', '.join(s['cards']) or 'none'}")
    else:
        for c in entries:
            choice = ", choice" if c["has_choice"] else ""
            print(f"{c['id']}: era {c['era']}, {c['ops']} ops, {c['source']}{choice} — {c['title']}")
    return 0


def _count_files(root: Path) -> int:
    """How many content files a folder holds."""
    files = content_files.AssetFiles.of(root)
    return len(files.worlds) + len(files.cards) + len(files.scenarios) + int(files.sources.exists())


# --------------------------------------------------------------------------- arguments


def build_parser(client: Client) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="caspian-gambit", description="Caspian Gambit: the politics of pipelines.")
    _add_mods(parser, "window_mods")
    commands = parser.add_subparsers(dest="command")
    play = commands.add_parser("play", help="play a game between bots")
    play.add_argument("--headless", action="store_true", help="play in the terminal, no window")
    play.add_argument("--seats", default="", help="seat=level pairs, e.g. russia=random,kazakhstan=greedy")
    play.add_argument("--seed", type=int, default=0)
    play.add_argument("--length", default="", help="game length (default: the scenario's)")
    play.add_argument("--tier", default="standard", help="rules tier: basic, standard or advanced")
    play.add_argument("--scenario", default=DEFAULT_SCENARIO)
    play.add_argument("--json", action="store_true", help="print the result as one JSON object")
    play.add_argument("--save", type=Path, help="write the finished game's save here")
    _add_assets(play)
    play.set_defaults(run=cmd_play)
    replay = commands.add_parser("replay", help="load and check a save, print its summary")
    replay.add_argument("save", type=Path)
    replay.add_argument("--json", action="store_true", help="print the result as one JSON object")
    _add_assets(replay)
    replay.set_defaults(run=cmd_replay)
    brief = commands.add_parser("debrief", help="write a save's debrief as an HTML and a Markdown report")
    brief.add_argument("save", type=Path)
    brief.add_argument("--out", type=Path, required=True, help="the folder to write the report into")
    brief.add_argument("--lang", default="en", choices=("en", "ru"), help="the report's language")
    brief.add_argument("--compare", type=Path, help="another save of the same scenario to draw beside it")
    _add_assets(brief)
    brief.set_defaults(run=cmd_debrief)
    fork_parser = commands.add_parser("branch", help="fork a what-if branch of a save from the start of a round")
    fork_parser.add_argument("save", type=Path)
    fork_parser.add_argument("--round", type=int, required=True, help="the round the branch starts anew (from 1)")
    fork_parser.add_argument("--out", type=Path, required=True, help="the branch's save file")
    fork_parser.add_argument("--seats", default="", help="seat=level for every seat: bots play the branch to its end")
    fork_parser.add_argument("--seed", type=int, default=0, help="the bots' seed")
    fork_parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    _add_assets(fork_parser)
    fork_parser.set_defaults(run=cmd_branch)
    validate = commands.add_parser("validate", help="check content files (default: all shipped assets)")
    validate.add_argument("paths", nargs="*")
    _add_assets(validate)
    validate.set_defaults(run=cmd_validate)
    for name, what in (("sources", "the source articles and the cards citing each"), ("cards", "every card")):
        catalogue = commands.add_parser(name, help=f"list {what}")
        catalogue.add_argument("--json", action="store_true", help="print the list as JSON")
        _add_assets(catalogue)
        catalogue.set_defaults(run=cmd_catalogue)
    _add_selfplay(commands)
    _add_host(commands)
    shots = commands.add_parser("screenshots", help="render every screen of a seeded game to PNG files")
    shots.add_argument("outdir", type=Path)
    shots.add_argument("--seed", type=int, default=7)
    shots.add_argument("--scenario", default="", help="scenario id (default: caspian-2023)")
    shots.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT")
    _add_assets(shots)
    shots.set_defaults(run=lambda args: cmd_screenshots(args, client.render_screens))
    return parser


def cmd_screenshots(args: argparse.Namespace, render_screens: RenderScreens) -> int:
    """Render the client's screens headless."""
    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        raise UsageError(f"--size must look like 1280x800, not {args.size!r}") from None
    assets = content_library(args).root_of(args.scenario) if args.scenario else args.assets
    for path in render_screens(args.outdir, args.scenario, args.seed, (width, height), assets):
        print(path)
    return 0


def _add_selfplay(commands: Any) -> None:
    p = commands.add_parser("selfplay", help="play bots against each other and report wins and timings")
    p.add_argument("--scenario", default=DEFAULT_SCENARIO)
    p.add_argument("--games", type=int, default=10)
    p.add_argument("--seats", required=True, help="seat=level,... (levels: random, greedy, hard)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--length", default="", help="short | full (the scenario's default if empty)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--compare", nargs=2, metavar=("A", "B"), help="binomial p-value of A's wins against B's")
    p.add_argument("--time-budget", dest="time_budget", type=float, default=None, help="seconds per decision")
    p.add_argument("--iterations", type=int, default=None, help="hard bot simulation cap per decision")
    p.add_argument(
        "--log", type=Path, default=None, help="write every bot decision (its reason, also in English) as JSON lines"
    )
    _add_assets(p)
    p.set_defaults(run=cmd_selfplay)


def _add_host(commands: Any) -> None:
    p = commands.add_parser("host", help="host a class game: browsers join by room code")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--scenario", default=DEFAULT_SCENARIO)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--length", default="short", help="game length (short or full)")
    p.add_argument("--seats", default="", help="seat=web or seat=bot level, e.g. russia=web,kazakhstan=greedy")
    p.add_argument("--resume", type=Path, help="restart from this autosave of a hosted game")
    p.add_argument("--autosaves", type=Path, help="the autosave folder (default: the client's)")
    p.add_argument("--qr", type=Path, help="write the QR code to this PNG file instead of the terminal")
    _add_assets(p)
    p.set_defaults(run=cmd_host)


def cmd_host(args: argparse.Namespace) -> int:
    """`host`: serve a class game to browsers (game.net) until interrupted."""
    from game.net import command  # aiohttp is loaded only by the command that serves

    library = content_library(args)
    if args.seats:
        check_levels([(seat, level) for seat, level in parse_seats(args.seats) if level != "web"])
    host = command.build_host(
        args, start_session, lambda scenario_id: load_named_scenario(scenario_id, library), parse_seats
    )
    return command.serve(host, args.port, args.qr)


def _add_assets(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--assets", type=Path, default=content_files.ASSETS, help=argparse.SUPPRESS)
    _add_mods(parser)


def _add_mods(parser: argparse.ArgumentParser, dest: str = "mods") -> None:
    parser.add_argument(
        "--mod",
        dest=dest,
        type=Path,
        action="append",
        metavar="DIR",
        help="load the mod in this folder besides the shipped content (repeatable; see docs/modding.md)",
    )


def main(client: Client, argv: Sequence[str] | None = None) -> int:
    """Run one command (none: open the client's window); returns the process exit code."""
    args = build_parser(client).parse_args(argv)
    if args.command is None:
        return client.open_window(tuple(args.window_mods or ()))
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except (UsageError, SaveError) as exc:
        print(f"caspian-gambit: {exc}", file=sys.stderr)
        return EXIT_USAGE
