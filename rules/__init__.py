"""Caspian Gambit's rules engine: pure, deterministic, headless.

state = new_game(scenario, seed, seats)
while outcome(scenario, state) is None:
    action = choose(legal_actions(scenario, state))
    state, log = apply(scenario, state, action)
"""

from rules.action import Action, from_json, to_json
from rules.engine import SetupError, apply, legal_actions, new_game, outcome, why_illegal
from rules.errors import IllegalActionError, InvalidActionError
from rules.flows import preview
from rules.scenario import Scenario
from rules.state import GameState
from rules.view import observer_view, player_view

__all__ = [
    "Action",
    "GameState",
    "IllegalActionError",
    "InvalidActionError",
    "Scenario",
    "SetupError",
    "apply",
    "from_json",
    "legal_actions",
    "new_game",
    "observer_view",
    "outcome",
    "player_view",
    "preview",
    "to_json",
    "why_illegal",
]
