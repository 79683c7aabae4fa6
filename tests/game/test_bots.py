"""Bots: every level answers every decision, sees only its view, explains itself, is reproducible, and
plays well enough (seeded strength checks with iteration caps, marked `strength`: outside the default run,
`python3 -m pytest -m strength` plays them; full-size runs also live in bench/bots.py)."""

from __future__ import annotations

import math
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game import selfplay
from game.bots import BotWorker, Decision, choose_action, make_bot
from game.bots.determinize import determinize, unseen_cards
from game.bots.reasons import Phrase, Reason
from game.describe import describe_reason
from game.i18n import Translator
from rules import apply, legal_actions, new_game, player_view
from rules.action import Advance, PassTurn, PlayCard
from rules.scenario import Scenario
from rules.state import GameState
from rules.view import HIDDEN
from tests.fixtures.mini_world import mini_scenario

ASSETS = Path(__file__).resolve().parents[2] / "assets" / "scenarios"
ENGLISH = Translator("en")
FOUR = ("russia", "kazakhstan", "azerbaijan", "turkmenistan")
FAST: dict[str, object] = {"max_plans": 400, "iterations": 12, "width": 3, "horizon": 4}


def _caspian() -> Scenario | None:
    if not (ASSETS / "caspian-2023.toml").exists():
        return None
    from game.content_files import load_scenario

    return load_scenario("caspian-2023")


CASPIAN = _caspian()
needs_caspian = pytest.mark.skipif(CASPIAN is None, reason="caspian-2023 has not landed")


def _states(scenario: Scenario, seats: tuple[str, ...], seed: int, limit: int = 400) -> list[GameState]:
    """States from a random game, one per step."""
    rnd = random.Random(seed)
    state = new_game(scenario, seed, seats)
    out = [state]
    while state.outcome is None and len(out) < limit:
        state = apply(scenario, state, rnd.choice(legal_actions(scenario, state)))[0]
        out.append(state)
    return out


def _seat_states(scenario: Scenario, seats: tuple[str, ...], seed: int) -> list[GameState]:
    return [s for s in _states(scenario, seats, seed) if s.to_act >= 0]


@pytest.mark.parametrize("level", ["random", "greedy", "hard"])
def test_every_level_answers_every_decision_kind(level: str) -> None:
    """Over a random game's seat decisions (objectives, cards, verbs, targets, answers,
    choices), each level returns a legal action with a reason that reads as one line."""
    scenario = mini_scenario()
    kinds = set()
    for state in _seat_states(scenario, ("alpha", "beta"), 3)[:80]:
        seat = state.seats[state.to_act]
        legal = legal_actions(scenario, state)
        decision = make_bot(level, seat, 1, **FAST).choose(scenario, player_view(state, seat), legal)
        assert decision.action in legal
        text = describe_reason(ENGLISH, scenario, decision.reason)
        assert text and "\n" not in text and "bot." not in text
        kinds.add(legal[0].kind)
    assert {"keep_objective", "play_card", "end_turn"} <= kinds


def test_answers_and_choices_are_decided() -> None:
    """A pending proposal and a card's choice each get a legal answer from the greedy bot."""
    scenario = mini_scenario()
    found = {"answer": False, "choose": False}
    for seed in range(40):
        for state in _seat_states(scenario, ("alpha", "beta"), seed):
            kind = legal_actions(scenario, state)[0].kind
            if kind in found and not found[kind]:
                seat = state.seats[state.to_act]
                decision = choose_action(scenario, state, seat, "greedy", 0, **FAST)
                assert decision.action in legal_actions(scenario, state)
                found[kind] = True
        if all(found.values()):
            break
    assert found["choose"], "no choice came up in 40 random mini games"


def test_bots_refuse_a_full_state() -> None:
    """A bot handed the full state (another seat's hand visible) refuses instead of peeking."""
    scenario = mini_scenario()
    state = next(s for s in _seat_states(scenario, ("alpha", "beta"), 4) if all(s.hands))
    seat = state.seats[state.to_act]
    with pytest.raises(ValueError, match="player_view"):
        make_bot("greedy", seat, 0).choose(scenario, state, legal_actions(scenario, state))


def test_bots_never_move_the_game_rng_and_are_reproducible() -> None:
    """Same seed, same view: same decision; the view's rng is untouched by thinking."""
    scenario = mini_scenario()
    states = [s for s in _seat_states(scenario, ("alpha", "beta"), 5) if s.phase == "actions"][:10]
    for state in states:
        seat = state.seats[state.to_act]
        view = player_view(state, seat)
        legal = legal_actions(scenario, state)
        a = make_bot("hard", seat, 9, **FAST).choose(scenario, view, legal)
        b = make_bot("hard", seat, 9, **FAST).choose(scenario, view, legal)
        assert (a.action, a.reason) == (b.action, b.reason)
        assert view.rng == player_view(state, seat).rng


def test_decisions_do_not_depend_on_hidden_cards() -> None:
    """Two games that differ only in another seat's hidden hand give the bot the same view and decision."""
    scenario = mini_scenario()
    for state in _seat_states(scenario, ("alpha", "beta"), 6):
        if state.phase != "actions" or not state.hands[1 - state.to_act]:
            continue
        seat = state.seats[state.to_act]
        other = 1 - state.to_act
        swapped = list(state.hands)
        swapped[other] = tuple(sorted(c.id for c in scenario.cards if c.id not in state.hands[state.to_act]))[
            : len(state.hands[other])
        ]
        from attrs import evolve

        twin = evolve(state, hands=tuple(swapped))
        legal = legal_actions(scenario, state)
        a = make_bot("greedy", seat, 2, **FAST).choose(scenario, player_view(state, seat), legal)
        b = make_bot("greedy", seat, 2, **FAST).choose(scenario, player_view(twin, seat), legal)
        assert a.action == b.action
        return
    pytest.fail("no action-phase state with a hidden hand")


def test_determinization_fills_every_hidden_card_with_an_unseen_one() -> None:
    scenario = mini_scenario()
    for state in _states(scenario, ("alpha", "beta"), 7)[::5]:
        for seat in state.seats:
            view = player_view(state, seat)
            world = determinize(scenario, view, seat, random.Random(1))
            me = state.seats.index(seat)
            assert world.hands[me] == state.hands[me]
            assert all(c != HIDDEN for h in world.hands for c in h)
            assert all(c != HIDDEN for c in world.draw_pile)
            unseen = unseen_cards(scenario, view, seat)
            hidden = [c for i, h in enumerate(world.hands) if i != me for c in h] + list(world.draw_pile)
            assert sorted(hidden) == sorted(unseen[: len(hidden)]) or set(hidden) <= set(unseen)
            legal_actions(scenario, world)  # the engine accepts it


def test_reason_quotes_the_evaluation() -> None:
    """A greedy turn's reason names the seat and its plan (the card first) and at least one change, and reads
    so in English (the change in words, not its weight)."""
    scenario = mini_scenario()
    state = next(
        s
        for s in _seat_states(scenario, ("alpha", "beta"), 8)
        if any(isinstance(a, PlayCard) for a in legal_actions(scenario, s))
    )
    seat = state.seats[state.to_act]
    decision = choose_action(scenario, state, seat, "greedy", 0, **FAST)
    why = dict(decision.reason.why.params)
    assert decision.reason.why.key == "bot.why.best" and why["seat"] == seat
    assert isinstance(why["plan"], tuple) and isinstance(why["plan"][0], PlayCard | PassTurn)
    assert decision.reason.terms and all(abs(term.delta) >= 0.05 for term in decision.reason.terms)
    text = describe_reason(ENGLISH, scenario, decision.reason)
    assert text.startswith(("Alpha plays ", "Beta plays ", "Alpha: Pass", "Beta: Pass")) and ": " in text
    assert not any(f"{term.delta:+.1f}" in text for term in decision.reason.terms)
    assert decision.to_json()["action"]["kind"] == decision.action.kind


@needs_caspian
def test_consent_for_a_project_not_yet_begun_is_valued_and_quoted() -> None:
    """A transit deal with Azerbaijan on the Trans-Caspian pipeline gives Turkmenistan two of the consents
    the build needs (Azerbaijan's crossing, a second littoral state): worth something, and said so."""
    from game.bots.evaluate import Evaluator
    from game.bots.reasons import explain
    from rules.state import Agreement, update

    assert CASPIAN is not None
    state = new_game(CASPIAN, 1, FOUR)
    evaluator = Evaluator(CASPIAN, "turkmenistan")
    deal = Agreement(1, "transit", ("turkmenistan", "azerbaijan"), "tcp", 99)
    before, after = evaluator.assess(state), evaluator.assess(update(state, agreements=(deal,)))
    assert after.terms["prospects"] > before.terms["prospects"]
    name = "Trans-Caspian gas pipeline (proposed)"
    assert (before.facts["prospects"]["tcp"], after.facts["prospects"]["tcp"]) == (0.4, 0.8)  # type: ignore[index]
    reason = explain("turkmenistan", (), before, after)
    consent = Phrase.of("bot.fact.consent", link="tcp", before=40, after=80)
    assert [t.fact for t in reason.terms if t.name == "prospects"] == [consent]
    assert f"support for building {name} grows to 80%" in describe_reason(ENGLISH, CASPIAN, reason)


@needs_caspian
def test_projected_sovereignty_is_the_rules_own() -> None:
    """Wherever no bloc dominates, the evaluator's next-summit points, read from the last flow report, are
    what `scoring.sovereignty` would award each seat (patrons, markets, held links carrying others' flows)."""
    from attrs import evolve

    from game.bots.evaluate import Evaluator
    from rules import scoring

    assert CASPIAN is not None
    d = CASPIAN.definition  # uncapped, so that every part shows
    uncapped = Scenario(evolve(d, rules=evolve(d.rules, sovereignty_cap=99)), CASPIAN.world, CASPIAN.cards)
    evaluator = Evaluator(uncapped, "kazakhstan")
    checked = set()
    # Two random games: one alone may pass through few different positions (seed 5 visits two since seats
    # take their turns back to back).
    for state in _states(uncapped, FOUR, 3, limit=2000) + _states(uncapped, FOUR, 4, limit=2000):
        if state.last_flows is None or scoring.dominant_bloc(uncapped, state)[0]:
            continue
        projected = evaluator._summit_points(state, state.last_flows, evaluator.controllers(state))
        assert projected == tuple(scoring.sovereignty(uncapped, state, i) for i in range(len(FOUR)))
        checked.add(projected)
    assert len(checked) > 3  # different positions, not one repeated


@needs_caspian
def test_the_time_budget_stops_a_hard_search_early() -> None:
    """Given a budget far below what its iteration cap needs, a hard turn decision stops simulating, says
    so in its counters, and still answers with a legal action and a reason; without a budget the same bot
    runs its full cap."""
    from game.bots import play_budget

    assert CASPIAN is not None
    assert (play_budget("medium"), play_budget("hard")) == (0.5, 2.0)
    state = next(s for s in _seat_states(CASPIAN, FOUR, 2) if isinstance(legal_actions(CASPIAN, s)[0], PlayCard))
    seat = state.seats[state.to_act]
    counts = []
    for budget in (0.05, math.inf):
        bot = make_bot("hard", seat, 1, time_budget=budget, iterations=24)
        decision = bot.choose(CASPIAN, player_view(state, seat), legal_actions(CASPIAN, state))
        assert decision.action in legal_actions(CASPIAN, state) and decision.reason
        counts.append((bot.clock_stops, bot.simulations))  # type: ignore[attr-defined]
    (stops, cut), (full_stops, full) = counts
    assert stops == 1 and cut < full and full_stops == 0 and full > 20  # the halving spends 23 of 24 here


def test_runner_decides_in_a_worker_process_as_in_process() -> None:
    """The worker process is handed the seeded bots before they decide: over a game's decisions of both
    seats (hard and greedy, no time budget), it decides exactly what the same bots decide in-process."""
    scenario = mini_scenario()
    states = _seat_states(scenario, ("alpha", "beta"), 9)[:14]
    local = {"alpha": make_bot("hard", "alpha", 5, **FAST), "beta": make_bot("greedy", "beta", 6, **FAST)}
    worker = BotWorker([make_bot("hard", "alpha", 5, **FAST), make_bot("greedy", "beta", 6, **FAST)])
    runners = {seat: worker.runner(seat) for seat in ("alpha", "beta")}
    try:
        for state in states:
            seat = state.seats[state.to_act]
            view, legal = player_view(state, seat), legal_actions(scenario, state)
            runners[seat].submit(scenario, view, legal)
            decision = runners[seat].wait(60)
            expected = local[seat].choose(scenario, view, legal)
            assert isinstance(decision, Decision)
            assert (decision.action, decision.reason) == (expected.action, expected.reason)
            assert runners[seat].poll() is None and not runners[seat].busy
        process = worker.process
        assert process is not None and process.pid != os.getpid() and process.is_alive()
    finally:
        worker.close()
    assert not process.is_alive()


def _gone(pid: int) -> bool:
    """Whether a process has ended (a zombie waiting for its parent to collect it counts as ended)."""
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as handle:
            return any(line.startswith("State:") and "Z" in line.split()[1] for line in handle)
    except FileNotFoundError:
        return True


CRASHING_GAME = """
import os
from game.bots import BotWorker, make_bot
from rules import legal_actions, new_game, player_view
from tests.fixtures.mini_world import mini_scenario
scenario = mini_scenario()
state = new_game(scenario, 1, ("alpha", "beta"))
worker = BotWorker([make_bot("random", "alpha", 1)])
worker.runner("alpha").submit(scenario, player_view(state, "alpha"), legal_actions(scenario, state))
print(worker.process.pid, flush=True)
os._exit(3)  # a crash: no clean-up runs
"""


def test_worker_process_ends_when_the_game_process_crashes() -> None:
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", CRASHING_GAME], cwd=root, capture_output=True, text=True)
    assert out.returncode == 3, out.stderr
    pid = int(out.stdout.split()[-1])
    deadline = time.monotonic() + 20
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _gone(pid), "the bots' worker outlived the game's process"


def test_binomial_p_values() -> None:
    assert selfplay.binomial_tail(0, 10, 0.25) == 1.0
    assert selfplay.binomial_tail(10, 10, 0.5) == pytest.approx(1 / 1024)
    assert selfplay.binomial_two_sided(5, 10, 0.5) == pytest.approx(1.0)
    assert selfplay.binomial_two_sided(0, 10, 0.5) == pytest.approx(2 / 1024)
    assert selfplay.compare(9, 1) < 0.05 < selfplay.compare(6, 4)


def test_selfplay_reports_every_seat() -> None:
    scenario = mini_scenario()
    result = selfplay.run(
        scenario,
        {"alpha": "greedy", "beta": "random"},
        2,
        seed=3,
        caps={"greedy": FAST},
        compare_seats=("alpha", "beta"),
    )
    seats: dict[str, dict[str, int]] = result["seats"]  # type: ignore[assignment]
    assert set(seats) == {"alpha", "beta"}
    assert sum(s["wins"] for s in seats.values()) == 2
    compared: dict[str, float] = result["compare"]  # type: ignore[assignment]
    assert 0.0 <= compared["p_value"] <= 1.0


# --------------------------------------------------------------------------- strength (seeded, capped)


def _table(hero: str, level: str, other: str) -> dict[str, str]:
    return {seat: (level if seat == hero else other) for seat in FOUR}


def _hero_wins(
    level: str, other: str, games: int, seed: int, caps: dict[str, dict[str, object]], length: str = "full"
) -> int:
    """Wins of one `level` seat against three `other` seats, the hero seat rotating."""
    assert CASPIAN is not None
    wins = 0
    for game in range(games):
        hero = FOUR[game % len(FOUR)]
        result = selfplay.run(CASPIAN, _table(hero, level, other), 1, seed + game, caps, length)
        wins += result["seats"][hero]["wins"]  # type: ignore[index]
    return wins


@pytest.mark.strength
@needs_caspian
def test_greedy_beats_three_random() -> None:
    """One greedy seat against three random wins at least 90% of four-seat Full games (the issue's target),
    at greedy's own default work cap, on seeds 1000 on. Full size: 100 games, at least 90 wins. The `ci`
    sample: the first 40, at least 36 wins (still 90%; measured 39/40, and a seat as strong as the 96/100
    measured on seeds 2000-2099 clears 36 of 40 with probability 0.986)."""
    games, floor = STRENGTH[SAMPLE]["greedy"]
    wins = _hero_wins("greedy", "random", games, 1000, {})
    assert wins >= floor, f"greedy won {wins}/{games} (needs {floor})"


def _hard_game(game: int) -> int:
    """Whether the hard seat won game `game` of the strength benchmark (seed 1 + game, hero rotating)."""
    assert CASPIAN is not None
    hero = FOUR[game % len(FOUR)]
    result = selfplay.run(CASPIAN, _table(hero, "hard", "greedy"), 1, 1 + game, {}, "full")
    return int(result["seats"][hero]["wins"])  # type: ignore[index]


@pytest.mark.strength
@needs_caspian
def test_hard_beats_three_greedy() -> None:
    """One hard seat at its default work caps (48 simulations of greedy-plan rollouts, no clock) against
    three greedy, on seeds 1 on (the games of `python3 bench/bots.py --strength N --hard-games M --seed 1`),
    played in two processes. Full size: 40 games, at least 16 wins (the issue's 40%; measured 17/40, greedy
    in the same seats 10/40). The `ci` sample: the first 12, at least 3 wins (a fair share of a four-seat
    table; measured 5/12; a seat winning 17/40 clears 3 of 12 with probability 0.94). The sample catches a
    hard bot that stopped playing well, not a small loss of edge (a seat only as strong as greedy, 10/40,
    still clears it with probability 0.61): the full size is the measurement."""
    from concurrent.futures import ProcessPoolExecutor

    games, floor = STRENGTH[SAMPLE]["hard"]
    with ProcessPoolExecutor(max_workers=2) as pool:
        wins = sum(pool.map(_hard_game, range(games)))
    assert wins >= floor, f"hard won {wins}/{games} (needs {floor})"


def test_greedy_plays_every_engine_step_to_the_end() -> None:
    """A whole mini game between greedy and hard bots ends, with only Advance for the engine's steps."""
    scenario = mini_scenario()
    bots = {"alpha": make_bot("greedy", "alpha", 1, **FAST), "beta": make_bot("hard", "beta", 2, **FAST)}
    state = new_game(scenario, 12, ("alpha", "beta"))
    while state.outcome is None:
        if state.to_act < 0:
            state = apply(scenario, state, Advance())[0]
            continue
        seat = state.seats[state.to_act]
        decision = bots[seat].choose(scenario, player_view(state, seat), legal_actions(scenario, state))
        state = apply(scenario, state, decision.action)[0]
    assert state.outcome.winner in ("alpha", "beta")


# Strength, seeded and capped by work (never by the clock), the hero seat rotating. The targets:
# 90% for greedy against three random, 40% for hard against three greedy, both at the default caps (a Full
# game costs greedy about a second, a hard seat about 25 s). These tests are marked `strength` and left out
# of the default run; CASPIAN_STRENGTH_SAMPLE picks the sample they play: `full` (the default) or `ci`
# (what .ci/run plays). Each entry is (games, least wins); the tests' docstrings give the measured numbers.
# Cheaper hard caps lose the edge: rollout_plans 30, iterations 16, horizon 3, width 4 won 4 of 16 on seeds
# 31-46.
STRENGTH: dict[str, dict[str, tuple[int, int]]] = {
    "full": {"greedy": (100, 90), "hard": (40, 16)},
    "ci": {"greedy": (40, 36), "hard": (12, 3)},
}
SAMPLE = os.environ.get("CASPIAN_STRENGTH_SAMPLE", "full")


# --------------------------------------------------------------------------- reasons kept as notes


def test_notes_ride_along_in_the_session_and_the_save(tmp_path: Path) -> None:
    """A bot's reason submitted with its action is the step's note; saved, loaded back, dropped by undo."""
    from game import saves
    from game.session import Session

    scenario = mini_scenario()
    session = Session.start(scenario, 4, ("alpha", "beta"))
    bots = {seat: make_bot("greedy", seat, 3, **FAST) for seat in ("alpha", "beta")}
    while len(session.actions) < 40 and not session.is_over:
        seat = session.current_seat()
        if seat is None:
            session.run_engine()
            continue
        decision = bots[seat].choose(scenario, player_view(session.state, seat), session.legal())
        session.submit(decision.action, decision.reason)
    assert session.notes and all(1 <= step <= len(session.actions) for step in session.notes)
    path = saves.save(session, tmp_path / "game.json")
    loaded = saves.load(path, lambda _: scenario)
    assert loaded.notes == session.notes
    last = max(session.notes)
    if last == len(session.actions) and session.can_undo(session.current_seat()):
        session.undo(session.current_seat())
        assert last not in session.notes


def test_a_save_without_notes_loads_with_none_and_bad_notes_are_refused(tmp_path: Path) -> None:
    import json

    from game import saves
    from game.session import Session

    scenario = mini_scenario()
    session = Session.start(scenario, 4, ("alpha", "beta"))
    session.run_engine()
    session.submit(session.legal()[0])
    path = saves.save(session, tmp_path / "plain.json")
    assert "notes" not in json.loads(path.read_text())
    assert saves.load(path, lambda _: scenario).notes == {}
    doc = json.loads(path.read_text())
    doc["notes"] = [[99, "a step the game never had"]]
    path.write_text(json.dumps(doc))
    with pytest.raises(saves.SaveError, match="note"):
        saves.load(path, lambda _: scenario)


def test_selfplay_log_carries_step_and_reason() -> None:
    scenario = mini_scenario()
    seen: list[tuple[int, int, Reason]] = []
    selfplay.run(
        scenario,
        {"alpha": "greedy", "beta": "random"},
        1,
        seed=2,
        caps={"greedy": FAST},
        on_decision=lambda game, step, d: seen.append((game, step, d.reason)),
    )
    steps = [step for _, step, _ in seen]
    assert steps == sorted(set(steps))
    assert all(describe_reason(ENGLISH, scenario, reason).startswith(("Alpha", "Beta")) for _, _, reason in seen)


def test_bots_of_different_seats_draw_different_streams() -> None:
    """The same seed gives each seat's bot its own generator (a table seeded once is not in lockstep)."""
    a, b = make_bot("random", "alpha", 5), make_bot("random", "beta", 5)
    assert [a.rng.random() for _ in range(4)] != [b.rng.random() for _ in range(4)]
    assert make_bot("random", "alpha", 5).rng.random() == make_bot("random", "alpha", 5).rng.random()
