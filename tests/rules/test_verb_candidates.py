"""Every target the engine allows for a verb is among the verb's candidates (the list the client draws its
target buttons from, refused ones with their reasons). Random positions of seeded random games, all verbs."""

from __future__ import annotations

import random

import pytest

from rules import apply, legal_actions, new_game, outcome
from rules.action import UseOps
from rules.engine import verb_candidates
from rules.scenario import Scenario
from rules.state import ENGINE
from tests.fixtures.mini_world import mini_scenario


def _games() -> list[tuple[Scenario, tuple[str, ...], int]]:
    from game.content_files import load_scenario

    caspian = ("russia", "kazakhstan", "azerbaijan", "turkmenistan")
    return [
        (mini_scenario(), ("alpha", "beta"), 4),
        (load_scenario("caspian-2023"), caspian, 7),
        (load_scenario("caspian-2024"), caspian, 11),
    ]


@pytest.mark.parametrize(("scenario", "seats", "seed"), _games(), ids=lambda v: getattr(v, "id", None))
def test_every_legal_target_of_a_verb_is_a_candidate(scenario: Scenario, seats: tuple[str, ...], seed: int) -> None:
    rnd, state = random.Random(seed), new_game(scenario, seed, seats)
    checked: set[str] = set()
    for _ in range(3000):
        if outcome(scenario, state) is not None:
            break
        legal = legal_actions(scenario, state)
        for use in (a for a in legal if isinstance(a, UseOps)):
            after, _ = apply(scenario, state, use)
            targets = legal_actions(scenario, after)
            candidates = set(verb_candidates(scenario, after, use.seat, use.verb))
            missing = [t for t in targets if t not in candidates]
            assert missing == [], f"{use.verb}: legal but not among the candidates"
            checked.add(use.verb)
        state, _ = apply(scenario, state, rnd.choice(legal) if state.to_act != ENGINE else legal[0])
    assert checked == {"influence", "build", "negotiate", "pressure"}


def test_pressure_candidates_offer_removal_in_the_seats_own_state() -> None:
    """The engine allows removing a rival's influence in one's own state; the list never offered it."""
    from game.content_files import load_scenario

    scenario = load_scenario("caspian-2023")
    candidates = verb_candidates(scenario, new_game(scenario, 1, ("russia", "kazakhstan")), "kazakhstan", "pressure")
    targets = {(a.pressure, a.target) for a in candidates}
    assert ("remove", "kazakhstan") in targets and ("drill", "kazakhstan") in targets
    assert ("sanction", "kazakhstan") not in targets and ("sanction", "russia") in targets
