"""Bots that play through the engine's own API, see only their player view, and say why.

    bot = make_bot("greedy", "kazakhstan", seed=7)
    decision = bot.choose(scenario, player_view(state, "kazakhstan"), legal_actions(scenario, state))
    decision.action, decision.reason

Levels: ``random``; ``greedy`` (one-ply lookahead over whole-turn plans); ``hard`` (determinized
Monte Carlo tree search over the best plans, the evaluation as the rollout cut-off). Aliases ``easy``,
``medium`` map to random and greedy. Caps (keyword arguments) bound the work per decision, so that a
seeded game plays the same on any machine: ``max_plans`` (greedy and hard), ``iterations``, ``width``,
``horizon``, ``rollout_plans``, ``rollout_width``, ``margin``, ``confidence`` (hard). ``time_budget``
(seconds; none by default, so that seeded runs replay exactly) is the wall-clock limit a player's game
sets: `play_budget(level)` is each level's (medium 0.5 s, hard 2 s), what the client gives its bots.
"""

from __future__ import annotations

import math

from game.bots.base import Bot, Decision, GreedyBot, RandomBot, check_view
from game.bots.runner import BotRunner, BotWorker
from game.bots.search import HardBot
from rules import legal_actions, player_view
from rules.scenario import Scenario
from rules.state import GameState

LEVELS = ("random", "greedy", "hard")
ALIASES = {"easy": "random", "medium": "greedy"}
# Seconds per decision in a player's game (the budgets: easy instant, medium 0.5 s, hard 2 s).
# A hard decision stops searching before the clock runs out (see HardBot._halving), at the cost of fewer
# simulations; the iteration caps alone decide how much work a seeded run does.
BUDGETS = {"random": 0.0, "greedy": 0.5, "hard": 2.0}


def play_budget(level: str) -> float:
    """The time budget a level plays to in a player's game (infinite for an unknown level)."""
    return BUDGETS.get(ALIASES.get(level, level), math.inf)


_CAPS = {
    "random": (),
    "greedy": ("time_budget", "max_plans", "personality"),
    "hard": (
        "time_budget",
        "max_plans",
        "personality",
        "iterations",
        "width",
        "horizon",
        "rollout_width",
        "margin",
        "confidence",
        "rollout_plans",
    ),
}


def make_bot(level: str, seat: str, seed: int = 0, **caps: object) -> Bot:
    """A bot of a level for a seat, drawing from its own generator seeded with `seed`.

    Caps another level would use are ignored (one set of caps can serve a whole table); unknown names
    raise ValueError."""
    level = ALIASES.get(level, level)
    if level not in _CAPS:
        raise ValueError(f"unknown bot level {level!r} (choose from {', '.join(LEVELS)})")
    unknown = sorted(set(caps) - set(_CAPS["hard"]))
    if unknown:
        raise ValueError(f"unknown bot cap(s): {', '.join(unknown)}")
    kwargs = {k: v for k, v in caps.items() if k in _CAPS[level]}
    if level == "greedy":
        return GreedyBot(seat, seed, **kwargs)  # type: ignore[arg-type]
    if level == "hard":
        return HardBot(seat, seed, **kwargs)  # type: ignore[arg-type]
    return RandomBot(seat, seed)


def choose_action(
    scenario: Scenario, state: GameState, seat: str, level: str = "greedy", seed: int = 0, **caps: object
) -> Decision:
    """A one-off decision for the seat to act in a full game state (the bot is shown only its view)."""
    if state.to_act < 0 or state.seats[state.to_act] != seat:
        raise ValueError(f"{seat} is not the seat to act")
    bot = make_bot(level, seat, seed, **caps)
    return bot.choose(scenario, player_view(state, seat), legal_actions(scenario, state))


__all__ = [
    "ALIASES",
    "BUDGETS",
    "LEVELS",
    "Bot",
    "BotRunner",
    "BotWorker",
    "Decision",
    "GreedyBot",
    "HardBot",
    "RandomBot",
    "check_view",
    "choose_action",
    "make_bot",
    "play_budget",
]
