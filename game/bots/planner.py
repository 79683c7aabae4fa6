"""Whole-turn plans (card × event-or-ops × verb × target) applied to a copy of a seat's view.

A plan is the seat's own steps from where it stands to the end of its turn's work (EndTurn is left for
the caller). Where another seat must answer or choose in the middle, its answer is simulated with that
seat's own evaluation (its personality is public); hidden cards are never needed for those steps. Cards
that are interchangeable for ops (same ops, no rival's event) are tried once, with the card whose event
is worth least to us.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from attrs import frozen

from game.bots.evaluate import Evaluator
from rules import apply, legal_actions
from rules.action import Action, EndTurn, PlayCard, PlayEvent, Propose, UseOps
from rules.engine import can_play_event, card_ops
from rules.errors import IllegalActionError, InvalidActionError
from rules.scenario import Scenario
from rules.state import GameState
from rules.verbs import VERB_RULES

MAX_INTERRUPTS = 12  # answers and choices simulated in a row before giving up
# Verbs whose result does not depend on how many ops the card gives (their record says so): for these,
# cards that differ only in their ops are tried once.
OPS_IGNORED = frozenset(rule.name for rule in VERB_RULES if not rule.uses_ops)


@frozen
class Plan:
    """A sequence of the seat's own steps, the position it leads to, and that position's value."""

    steps: tuple[Action, ...]
    state: GameState
    value: float


class OutOfTime(Exception):
    """The planner's budget (time or plans) ran out."""


class Planner:
    """Enumerates and scores one seat's options on a view (or a determinized state)."""

    def __init__(self, scenario: Scenario, seat: str, evaluator: Evaluator) -> None:
        self.scenario = scenario
        self.seat = seat
        self.evaluator = evaluator
        self._others: dict[str, Evaluator] = {}
        self.evaluated = 0
        self._limit = 1 << 30
        self._deadline = float("inf")

    # ------------------------------------------------------------------ others' interrupts

    def other(self, seat: str) -> Evaluator:
        """The evaluator another seat is modelled with (public personality)."""
        found = self._others.get(seat)
        if found is None:
            found = self._others[seat] = Evaluator(self.scenario, seat)
        return found

    def respond(self, state: GameState) -> GameState:
        """Let other seats answer pending proposals and choices, each by its own one-ply evaluation."""
        me = state.seats.index(self.seat)
        for _ in range(MAX_INTERRUPTS):
            actor = state.to_act
            if actor < 0 or actor == me or (state.proposal is None and state.choice is None):
                return state
            judge = self.other(state.seats[actor])
            options = [
                s for s in (try_apply(self.scenario, state, a) for a in legal_actions(self.scenario, state)) if s
            ]
            if not options:
                return state
            state = max(options, key=judge.value)
        return state

    # ------------------------------------------------------------------ scoring single steps

    def after(self, state: GameState, action: Action) -> GameState | None:
        """The position after one of our steps and the others' simulated answers (None if refused)."""
        following = try_apply(self.scenario, state, action)
        return None if following is None else self.respond(following)

    def score(self, state: GameState) -> float:
        self.evaluated += 1
        if self.evaluated > self._limit or time.perf_counter() > self._deadline:
            raise OutOfTime
        return self.evaluator.value(state)

    # ------------------------------------------------------------------ whole turns

    def turn_plans(self, state: GameState, max_plans: int = 1 << 30, deadline: float = float("inf")) -> list[Plan]:
        """Every distinct plan for the rest of the seat's turn, best first (as many as the budget allows)."""
        self.evaluated, self._limit, self._deadline = 0, max_plans, deadline
        out: list[Plan] = []
        try:
            turn = state.turn
            if turn is not None and not turn.card and state.choice is None and state.proposal is None:
                self._card_plans(state, out)
            else:
                self._extend(state, (), out)
        except OutOfTime:
            pass
        if not out:
            out = [self._fallback(state)]
        out.sort(key=lambda p: -p.value)
        return out

    def _fallback(self, state: GameState) -> Plan:
        first = legal_actions(self.scenario, state)[0]
        after = self.after(state, first) or state
        return Plan((first,), after, self.evaluator.value(after))

    def _card_plans(self, state: GameState, out: list[Plan]) -> None:
        """Events first (they also rank the cards), then ops once per interchangeable class of cards."""
        sc = self.scenario
        me = state.seats.index(self.seat)
        played: list[tuple[float, str, GameState]] = []
        for action in legal_actions(sc, state):
            if not isinstance(action, PlayCard):
                self._extend(state, (), out, only=action)
                continue
            holding = self.after(state, action)
            if holding is None:
                continue
            worth = float("-inf")
            if can_play_event(holding, me, sc.card(action.card)):
                event = self.after(holding, PlayEvent(self.seat))
                if event is not None:
                    before = len(out)
                    self._extend(event, (action, PlayEvent(self.seat)), out)
                    worth = max((p.value for p in out[before:]), default=worth)
            played.append((worth, action.card, holding))
        seen: set[tuple[int, str, str]] = set()
        for _, card_id, holding in sorted(played, key=lambda item: (item[0], item[1])):
            card = sc.card(card_id)
            rival = card.favours if card.favours and card.favours != self.seat and card.favours in state.seats else ""
            for action in legal_actions(sc, holding):
                if not isinstance(action, UseOps):
                    continue
                ops = 0 if action.verb in OPS_IGNORED else card_ops(sc, holding, me, card)
                key = (ops, rival, action.verb)
                if key in seen:
                    continue
                seen.add(key)
                following = self.after(holding, action)
                if following is not None:
                    self._extend(following, (PlayCard(self.seat, card_id), action), out)

    def _extend(self, state: GameState, steps: tuple[Action, ...], out: list[Plan], only: Action | None = None) -> None:
        """Depth-first over our own steps until the turn's work is done."""
        if self._finished(state) or len(steps) >= 8:
            out.append(Plan(steps, state, self.score(state)))
            return
        candidates = (only,) if only is not None else self._pruned(state, legal_actions(self.scenario, state))
        for action in candidates:
            if isinstance(action, EndTurn):
                out.append(Plan(steps, state, self.score(state)))
                continue
            following = self.after(state, action)
            if following is not None:
                self._extend(following, steps + (action,), out)

    def _pruned(self, state: GameState, legal: tuple[Action, ...]) -> tuple[Action, ...]:
        """Drop transit and swap proposals on links that carry neither party's flows, keeping one per
        partner (any agreement is also consent to build in the partner's territory)."""
        if not any(isinstance(a, Propose) and a.deal in ("transit", "swap") for a in legal):
            return legal
        report = self.evaluator.flows(state)
        carried: dict[int, set[str]] = {}
        for path in report.paths:
            for l_idx in path.links:
                carried.setdefault(l_idx, set()).add(path.owner)
        index = self.scenario.link_index
        kept: list[Action] = []
        consent: set[str] = set()
        for action in legal:
            if isinstance(action, Propose) and action.deal in ("transit", "swap"):
                owners = carried.get(index[action.subject], set())
                if self.seat not in owners and action.partner not in owners:
                    if action.partner in consent:
                        continue
                    consent.add(action.partner)
            kept.append(action)
        return tuple(kept)

    def _finished(self, state: GameState) -> bool:
        me = state.seats.index(self.seat)
        if state.to_act != me:
            return True
        if state.choice is not None or state.proposal is not None:
            return False
        return state.turn is None or state.turn.done

    # ------------------------------------------------------------------ single decisions

    def options(self, state: GameState, legal: tuple[Action, ...]) -> Iterator[tuple[Action, GameState]]:
        """Each legal action with the position it leads to."""
        for action in legal:
            following = self.after(state, action)
            if following is not None:
                yield action, following


def try_apply(scenario: Scenario, state: GameState, action: Action) -> GameState | None:
    """The state after an action, or None if the engine refuses it."""
    try:
        return apply(scenario, state, action)[0]
    except (IllegalActionError, InvalidActionError):
        return None
