"""Bot decisions, the random bot and the greedy bot (one-ply lookahead over whole-turn plans)."""

from __future__ import annotations

import math
import random
import time

from attrs import evolve, frozen

from game.bots.evaluate import Evaluator
from game.bots.planner import Plan, Planner, try_apply
from game.bots.reasons import Reason, decided, explain, reason_to_json
from rules import clock
from rules.action import (
    Action,
    EndTurn,
    KeepObjective,
    PassTurn,
    PlayCard,
    to_json,
)
from rules.effects import Context, apply_effects
from rules.scenario import Scenario
from rules.state import GameState
from rules.view import HIDDEN

# Kinds of action that belong to the seat's own turn (planned as a whole).
TURN_KINDS = frozenset({"play_card", "play_event", "use_ops", "place_influence", "build_link", "propose"})
TURN_KINDS |= {"apply_pressure", "end_turn", "pass_turn"}
# What a card kept back as next round's headline is worth, against its event's worth now: it fires a round later,
# after the others have moved.
HEADLINE_WEIGHT = 0.5


@frozen
class Decision:
    """An action a bot chose, the reason (keys and parameters for the catalogues), and how long it took."""

    action: Action
    reason: Reason
    ms: float = 0.0
    seat: str = ""
    level: str = ""

    def to_json(self) -> dict:
        """The decision for the JSON log."""
        return {
            "seat": self.seat,
            "level": self.level,
            "action": to_json(self.action),
            "reason": reason_to_json(self.reason),
            "ms": round(self.ms, 2),
        }


def check_view(view: GameState, seat: str) -> int:
    """The seat's index; raises ValueError if the state shows another seat's hand (not a player view)."""
    me = view.seats.index(seat)
    for i, hand in enumerate(view.hands):
        if i != me and any(card != HIDDEN for card in hand):
            raise ValueError("bots must be given player_view(state, seat), not the full state")
    if any(card != HIDDEN for card in view.draw_pile):
        raise ValueError("bots must be given player_view(state, seat), not the full state")
    return me


class Bot:
    """A seat's decision maker. Sees only its player view; draws only from its own generator."""

    level = "bot"

    def __init__(self, seat: str, seed: int = 0) -> None:
        self.seat = seat
        self.seed = seed
        # Seeded with the seat too: bots of different seats given the same seed draw different streams.
        self.rng = random.Random(f"{seed}:{seat}")

    def choose(self, scenario: Scenario, view: GameState, legal: tuple[Action, ...]) -> Decision:
        """Pick one of the legal actions for the seat's decision, with a reason (judged by the numbers of
        the game's format and table)."""
        if not legal:
            raise ValueError("no legal action to choose from")
        check_view(view, self.seat)
        scenario = scenario.played(view.options.length, len(view.seats))
        start = time.perf_counter()
        action, reason = self._decide(scenario, view, legal)
        ms = (time.perf_counter() - start) * 1000
        return Decision(action, reason, ms, self.seat, self.level)

    def _decide(self, scenario: Scenario, view: GameState, legal: tuple[Action, ...]) -> tuple[Action, Reason]:
        raise NotImplementedError

    def _because(self, kind: str, action: Action, **params: int) -> Reason:
        """A reason of a kind that quotes no assessment: `action` alone, with the kind's figures."""
        return Reason(decided(kind, self.seat, (action,), **params))


class RandomBot(Bot):
    """Uniformly random among the legal actions."""

    level = "random"

    def _decide(self, scenario: Scenario, view: GameState, legal: tuple[Action, ...]) -> tuple[Action, Reason]:
        action = legal[self.rng.randrange(len(legal))]
        return action, self._because("random", action, count=len(legal))


class GreedyBot(Bot):
    """One-ply lookahead: every whole-turn plan applied to a copy of the view and scored; best plan wins.

    The work is bounded by `max_plans` (reproducible); `time_budget` (seconds, none by default) is only
    an extra safety limit for the client, since a wall-clock cut makes choices depend on the machine."""

    level = "greedy"

    def __init__(
        self,
        seat: str,
        seed: int = 0,
        time_budget: float = math.inf,
        max_plans: int = 4000,
        personality: dict[str, float] | None = None,
    ) -> None:
        super().__init__(seat, seed)
        self.time_budget = time_budget
        self.max_plans = max_plans
        self.personality = personality
        self._scenario: Scenario | None = None
        self.evaluator: Evaluator | None = None
        self.planner: Planner | None = None
        self._steps: dict[GameState, tuple[tuple[Action, ...], Reason]] = {}

    def _setup(self, scenario: Scenario) -> Planner:
        if self.planner is None or self._scenario is not scenario:
            self._scenario = scenario
            self.evaluator = Evaluator(scenario, self.seat, self.personality)
            self.planner = Planner(scenario, self.seat, self.evaluator)
            self._steps = {}
        return self.planner

    def _decide(self, scenario: Scenario, view: GameState, legal: tuple[Action, ...]) -> tuple[Action, Reason]:
        planner = self._setup(scenario)
        deadline = time.perf_counter() + self.time_budget
        kind = legal[0].kind
        if kind in TURN_KINDS:
            return self._turn(scenario, view, legal, deadline)
        if isinstance(legal[0], KeepObjective):
            return self._objective(scenario, view, legal)
        return self._one_ply(scenario, planner, view, legal)

    # ------------------------------------------------------------------ turns

    def _turn(
        self, scenario: Scenario, view: GameState, legal: tuple[Action, ...], deadline: float
    ) -> tuple[Action, Reason]:
        cached = self._steps.get(view)
        if cached is not None and cached[0] and cached[0][0] in legal:
            return cached[0][0], cached[1]
        if len(legal) == 1 and isinstance(legal[0], EndTurn | PassTurn):
            return legal[0], self._because("nothing_left", legal[0])
        plan, reason = self._pick_plan(scenario, view, legal, deadline)
        self._remember(scenario, view, plan, reason)
        if not plan.steps or plan.steps[0] not in legal:
            return legal[0], self._because("no_plan", legal[0])
        return plan.steps[0], reason

    def _pick_plan(
        self, scenario: Scenario, view: GameState, legal: tuple[Action, ...], deadline: float
    ) -> tuple[Plan, Reason]:
        """The best plan by one-ply evaluation, and why."""
        assert self.planner is not None
        plans = self.with_headlines(scenario, view, self.planner.turn_plans(view, self.max_plans, deadline))
        return plans[0], self._explain(view, plans[0])

    def with_headlines(self, scenario: Scenario, view: GameState, plans: list[Plan]) -> list[Plan]:
        """The plans, best first, counting the headline each leaves: at the seat's last turn of the round with
        two cards in hand, the one it does not play is kept back and fires at the next reveal (rules §5.3)."""
        assert self.evaluator is not None
        me = view.seats.index(self.seat)
        hand = view.hands[me]
        last_turn = view.turn is not None and not view.turn.card and view.queue.count(me) == 1
        game_ends = clock.is_era_end(scenario, view) and clock.is_last_era(scenario, view)
        if len(hand) != 2 or not last_turn or game_ends:
            return plans
        now = self.evaluator.value(view)
        worth = {card: HEADLINE_WEIGHT * (self.headline_value(scenario, view, card) - now) for card in hand}

        def total(plan: Plan) -> float:
            first = plan.steps[0] if plan.steps else None
            left = [c for c in hand if c != first.card] if isinstance(first, PlayCard) else []
            return plan.value + (worth[left[0]] if len(left) == 1 else 0.0)

        return sorted(plans, key=lambda plan: -total(plan))

    def _explain(self, view: GameState, plan: Plan) -> Reason:
        """Why the plan: the largest changes from the view to where it leads."""
        assert self.evaluator is not None
        return explain(self.seat, plan.steps, self.evaluator.assess(view), self.evaluator.assess(plan.state))

    def _remember(self, scenario: Scenario, view: GameState, plan: Plan, reason: Reason) -> None:
        """Key each remaining step of a plan on the view it is expected to be played from."""
        self._steps = {}
        state: GameState | None = view
        for i, step in enumerate(plan.steps):
            if state is None:
                break
            self._steps[state] = (plan.steps[i:], reason)
            state = try_apply(scenario, state, step)

    # ------------------------------------------------------------------ other decisions

    def _one_ply(
        self, scenario: Scenario, planner: Planner, view: GameState, legal: tuple[Action, ...]
    ) -> tuple[Action, Reason]:
        """Answers and choices: the option whose position scores best."""
        assert self.evaluator is not None
        scored = [(self.evaluator.value(s), i, a, s) for i, (a, s) in enumerate(planner.options(view, legal))]
        if not scored:
            return legal[0], self._because("no_option", legal[0])
        _, _, action, state = max(scored, key=lambda item: (item[0], -item[1]))
        return action, self._explain(view, Plan((action,), state, 0.0))

    def headline_value(self, scenario: Scenario, view: GameState, card_id: str) -> float:
        """The value of the position after a card's event fires as our headline (for the seat it favours, if
        one plays; a choice of ours made at its best)."""
        assert self.evaluator is not None
        me = view.seats.index(self.seat)
        card = scenario.card(card_id)
        chooser = card.choice.state if card.choice else ""
        player = view.seats.index(card.favours) if card.favours in view.seats else me
        ctx = Context(player=player, favoured=card.favours, chooser=chooser, card=card_id)
        after = apply_effects(scenario, view, card.effects, ctx, [])
        if card.choice is not None and chooser == self.seat:
            options = [apply_effects(scenario, after, o.effects, ctx, []) for o in card.choice.options]
            after = max(options, key=self.evaluator.value)
        elif card.choice is not None and card.choice.options and chooser not in view.seats:
            after = apply_effects(scenario, after, card.choice.options[0].effects, ctx, [])
        return self.evaluator.value(after)

    def _objective(self, scenario: Scenario, view: GameState, legal: tuple[Action, ...]) -> tuple[Action, Reason]:
        """Keep the national interest we are closest to meeting (met now, else the most points)."""
        assert self.evaluator is not None
        me = view.seats.index(self.seat)
        scored = []
        for action in legal:
            assert isinstance(action, KeepObjective)
            probe = evolve(view, objectives=view.objectives[:me] + (action.objective,) + view.objectives[me + 1 :])
            assessment = self.evaluator.assess(probe)
            objective = scenario.objective_by_id[action.objective]
            value = assessment.terms["objective"] + 0.3 * objective.vp
            scored.append((value, action.objective, action, assessment))
        value, _, action, assessment = max(scored, key=lambda item: (item[0], item[1]))
        met = "objective_met" if assessment.facts.get("objective") else "objective_open"
        return action, self._because(met, action, vp=scenario.objective_by_id[action.objective].vp)


__all__ = ["Bot", "Decision", "GreedyBot", "RandomBot", "check_view"]
