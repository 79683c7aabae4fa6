"""The hard bot: determinized Monte Carlo search over the greedy bot's best whole-turn plans.

At the root, the candidates are the best `width` plans by one-ply value (plans that reach the same
position are one candidate: the transposition table is keyed on the hashable state). Sequential halving
shares the simulations out: each round, every remaining candidate is played in the same sampled worlds
(determinizations of the view drawn from the bot's own generator, common random numbers for a fair
comparison), then the game is rolled out — every seat, the bot included, playing its own greedy plan
(capped at `rollout_plans` plans; its evaluation and personality are public) — to the end of the round's
flows and summit (or `horizon` seat turns), and the evaluation at that cut-off is the sample's value.
The worse half is dropped and the rest get more simulations, until one is left or the budget
(iterations, time) runs out. With `rollout_plans=0` a rollout turn is instead the best of
`rollout_width` random walks (cheaper, much noisier).

Measured (40 Full caspian-2023 games, one hard seat against three greedy, hero seat rotating, seeds 1-40):
on the first balance data, random-walk rollouts (200 simulations) won 10, as often as greedy itself, and
greedy-plan rollouts (the defaults) 14. With sovereignty capped at 6: 17 at the default caps (greedy in
the same seats: 10); searching answers to proposals as well won 14 (not kept). As played, within the
2 s budget (see `_halving`), the search gets fewer simulations on slow positions: see bench/bots.py.
"""

from __future__ import annotations

import gc
import math
import random
import statistics
import time

from attrs import evolve

from game.bots.base import GreedyBot
from game.bots.determinize import determinize
from game.bots.evaluate import Evaluator
from game.bots.planner import Plan, Planner, try_apply
from game.bots.reasons import Phrase, Reason
from rules import apply, legal_actions
from rules.action import Action, Advance, KeepObjective
from rules.scenario import Scenario
from rules.state import ENGINE, GameState

_TABLE_LIMIT = 50000
_CUT_PHASES = ("cleanup", "over")


class HardBot(GreedyBot):
    """Search-based play: greedy candidates, determinized rollouts, evaluation cut-off."""

    level = "hard"

    def __init__(
        self,
        seat: str,
        seed: int = 0,
        time_budget: float = math.inf,
        iterations: int = 48,
        width: int = 6,
        horizon: int = 4,
        rollout_width: int = 2,
        max_plans: int = 4000,
        personality: dict[str, float] | None = None,
        margin: float = 0.25,
        confidence: float = 1.5,
        rollout_plans: int = 60,
    ) -> None:
        super().__init__(seat, seed, time_budget, max_plans, personality)
        self.iterations = iterations
        self.width = width
        self.horizon = horizon
        self.rollout_width = rollout_width
        self.margin = margin
        self.confidence = confidence
        self.rollout_plans = rollout_plans  # > 0: rollout turns are each seat's greedy plan, capped so
        self._planners: dict[str, Planner] = {}
        self.simulations = 0  # over the bot's life, for benchmarks
        self.search_seconds = 0.0
        self.clock_stops = 0  # searches the time budget stopped before the iteration cap
        self._table: dict[GameState, float] = {}

    # ------------------------------------------------------------------ root

    def _pick_plan(
        self, scenario: Scenario, view: GameState, legal: tuple[Action, ...], deadline: float
    ) -> tuple[Plan, Reason]:
        assert self.planner is not None and self.evaluator is not None
        start = time.perf_counter()
        deadline = start + 0.85 * max(0.0, deadline - start)  # leave room to explain and cache the plan
        enumerate_by = start + 0.35 * max(0.0, deadline - start)
        plans = self.with_headlines(scenario, view, self.planner.turn_plans(view, self.max_plans, enumerate_by))
        candidates = _distinct(plans, self.width)
        greedy = candidates[0]
        if len(candidates) == 1:
            return greedy, self._explain(view, greedy)
        # A full collection among the many positions a search keeps alive can take a few hundred
        # milliseconds, enough to overrun the budget: the collector waits until the search is done.
        self._table.clear()  # positions of an earlier search do not come back (and would keep it alive)
        collecting = gc.isenabled()
        gc.disable()
        try:
            means, sims, best = self._halving(scenario, view, candidates, deadline)
        finally:
            if collecting:
                gc.enable()
        self.search_seconds += time.perf_counter() - start
        plan = candidates[best]
        reason = self._explain(view, plan)
        mean = round(means[best], 2)
        if best == 0:
            note = Phrase.of("bot.search.kept", sims=sum(sims), mean=mean)
        else:
            note = Phrase.of(
                "bot.search.overruled", sims=sum(sims), mean=mean, rival=greedy.steps, rival_mean=round(means[0], 2)
            )
        return plan, evolve(reason, notes=(note,))

    # ------------------------------------------------------------------ the search

    def _halving(
        self, scenario: Scenario, view: GameState, candidates: list[Plan], deadline: float, budget: int = 0
    ) -> tuple[list[float], list[int], int]:
        """Sequential halving with paired determinizations: mean value and simulations per candidate,
        and the winner. The greedy pick (candidate 0) is never dropped, and another candidate replaces it
        only if it wins the paired comparison clearly (mean difference above `margin` and `confidence`
        standard errors), so noise in the rollouts cannot make the search play worse than greedy."""
        k = len(candidates)
        values: list[list[float]] = [[] for _ in range(k)]
        alive = list(range(k))
        rounds = max(1, math.ceil(math.log2(k)))
        budget = budget or self.iterations
        stopped = False
        per_sim = longest = 0.0  # seconds a simulation has taken: the slowest batch's mean, the slowest
        while len(alive) > 1 and not stopped:
            per = max(1, budget // (len(alive) * rounds))
            for _ in range(per):
                # A batch (one world, every live candidate) starts only if it should end by the deadline,
                # and one the clock would overtake all the same is dropped, so that every live candidate
                # keeps the same worlds (with none left, the greedy pick stands).
                now = time.perf_counter()
                if budget < len(alive):
                    stopped = True
                    break
                if now + per_sim * len(alive) > deadline:
                    self.clock_stops += 1
                    stopped = True
                    break
                world_seed = self.rng.getrandbits(62)
                for i in alive:
                    began = time.perf_counter()
                    if began + longest > deadline:
                        stopped = True
                        break
                    values[i].append(self._simulate(scenario, view, candidates[i], world_seed))
                    budget -= 1
                    longest = max(longest, time.perf_counter() - began)
                if stopped:
                    self.clock_stops += 1
                    complete = min(len(values[i]) for i in alive)
                    for i in alive:
                        del values[i][complete:]
                    break
                per_sim = max(per_sim, (time.perf_counter() - now) / len(alive))
            if not all(values[i] for i in alive):
                break
            alive.sort(key=lambda i: (-statistics.fmean(values[i]), i))
            if not stopped:
                alive = alive[: max(1, (len(alive) + 1) // 2)]
                if 0 not in alive:
                    alive.append(0)
                rounds = max(1, rounds - 1)
        means = [statistics.fmean(v) if v else candidates[i].value for i, v in enumerate(values)]
        sims = [len(v) for v in values]
        challengers = [i for i in alive if i != 0 and values[i] and len(values[i]) == len(values[0])]
        if not challengers:
            return means, sims, 0
        best = min(challengers, key=lambda i: (-means[i], i))
        return means, sims, best if self._clearly_better(values[best], values[0]) else 0

    def _clearly_better(self, challenger: list[float], greedy: list[float]) -> bool:
        """Whether the paired differences (same sampled worlds) favour the challenger beyond noise."""
        diffs = [a - b for a, b in zip(challenger, greedy)]
        if len(diffs) < 2:
            return False
        mean = statistics.fmean(diffs)
        error = statistics.stdev(diffs) / math.sqrt(len(diffs))
        return mean > self.margin and mean > self.confidence * error

    # ------------------------------------------------------------------ one simulation

    def _simulate(self, scenario: Scenario, view: GameState, plan: Plan, world_seed: int) -> float:
        """Play a plan in a sampled world, roll out to the cut-off, and evaluate for this seat."""
        assert self.evaluator is not None
        self.simulations += 1
        world_rng = random.Random(world_seed)
        state: GameState | None = determinize(scenario, view, self.seat, world_rng)
        for step in plan.steps:
            assert state is not None
            following = try_apply(scenario, state, step)
            if following is None:
                break
            state = following
        assert state is not None
        final = self._rollout(scenario, state, random.Random(world_seed ^ 0x5EED))
        found = self._table.get(final)
        if found is None:
            if len(self._table) > _TABLE_LIMIT:
                self._table.clear()
            found = self._table[final] = self.evaluator.value(final)
        return found

    def _rollout(self, scenario: Scenario, state: GameState, rng: random.Random) -> GameState:
        """Every seat plays the best of a few random plans by its own evaluation, to the cut-off."""
        assert self.planner is not None
        planner = self.planner
        start_round = state.absolute_round
        turns = 0
        for _ in range(2000):
            if state.outcome is not None or state.phase in _CUT_PHASES or state.absolute_round != start_round:
                return state
            if state.to_act == ENGINE:
                state = apply(scenario, state, Advance())[0]
                continue
            legal = legal_actions(scenario, state)
            actor = state.seats[state.to_act]
            first = legal[0]
            if isinstance(first, KeepObjective):
                state = apply(scenario, state, legal[rng.randrange(len(legal))])[0]
            elif state.proposal is not None or state.choice is not None:
                state = _best_reply(
                    scenario, state, legal, planner.other(actor) if actor != self.seat else self.evaluator
                )
            elif len(legal) == 1:
                state = apply(scenario, state, first)[0]
            else:
                turns += 1
                if turns > self.horizon:
                    return state
                if self.rollout_plans:
                    state = self._planned_turn(scenario, state, actor)
                    continue
                judge = planner.other(actor) if actor != self.seat else self.evaluator
                assert judge is not None
                state = _sampled_turn(scenario, state, judge, rng, self.rollout_width)
        return state

    def _planned_turn(self, scenario: Scenario, state: GameState, actor: str) -> GameState:
        """The seat's turn as its own greedy plan (capped at `rollout_plans`), others answering by theirs."""
        planner = self._planners.get(actor)
        if planner is None:
            assert self.planner is not None and self.evaluator is not None
            judge = self.evaluator if actor == self.seat else self.planner.other(actor)
            planner = self._planners[actor] = Planner(scenario, actor, judge)
        plan = planner.turn_plans(state, self.rollout_plans)[0]
        for step in plan.steps:
            following = planner.after(state, step)
            if following is None:
                break
            state = following
        return state


def _distinct(plans: list[Plan], width: int) -> list[Plan]:
    """The best plans, one per resulting position (transpositions merged)."""
    seen: set[GameState] = set()
    out: list[Plan] = []
    for plan in plans:
        if plan.state in seen:
            continue
        seen.add(plan.state)
        out.append(plan)
        if len(out) >= width:
            break
    return out


def _best_reply(scenario: Scenario, state: GameState, legal: tuple[Action, ...], judge: Evaluator | None) -> GameState:
    options = [s for s in (try_apply(scenario, state, a) for a in legal) if s is not None]
    assert judge is not None and options
    return max(options, key=judge.value)


def _sampled_turn(scenario: Scenario, state: GameState, judge: Evaluator, rng: random.Random, width: int) -> GameState:
    """The best of `width` random walks through the seat's turn, by the seat's evaluation."""
    seat = state.to_act
    best: GameState | None = None
    best_value = -math.inf
    for _ in range(width):
        walk = state
        for _ in range(8):
            if walk.to_act != seat or walk.choice is not None or walk.proposal is not None:
                break
            if walk.turn is None or walk.turn.done:
                break
            legal = legal_actions(scenario, walk)
            walk = apply(scenario, walk, legal[rng.randrange(len(legal))])[0]
        value = judge.value(walk)
        if value > best_value:
            best, best_value = walk, value
    assert best is not None
    return best


__all__ = ["HardBot", "Planner"]
