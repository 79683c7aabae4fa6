"""One truth for legality (issue 15): `why_illegal(state, a) is None` exactly when `legal_actions(state)` lists
`a`, for any well-formed action object; a malformed one raises InvalidActionError and is never applied; a
misused API raises only the documented errors (InvalidActionError, IllegalActionError, SetupError).

The property test walks random legal games of every shipped scenario and seat count to a random step and
probes the engine there with random, hand-made, stale and mutated actions (tools/fuzz_games.py's
generator and check, which the game fuzzer runs at every step).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content_files import load_scenario
from rules import (
    InvalidActionError,
    SetupError,
    apply,
    legal_actions,
    new_game,
    player_view,
    why_illegal,
)
from rules.action import Action, Answer, ApplyPressure, Choose, PlaceInfluence, Propose
from rules.engine import verb_candidates
from tests.rules.helpers import at_actions, fresh, mini, turn_with_card
from tools.fuzz_games import game_plan, legality_problem, random_action, seat_counts


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    game=st.integers(0, 10_000),
    steps=st.integers(0, 600),
    probes=st.integers(1, 30),
    pick=st.randoms(use_true_random=False),
)
def test_why_illegal_allows_exactly_the_listed_actions(game: int, steps: int, probes: int, pick: random.Random) -> None:
    scenario_id, seats, seed, length, _ = game_plan(game, 0, 0)
    scenario = load_scenario(scenario_id)
    state = new_game(scenario, seed, seats, length=length)
    stale: list[Action] = []
    for _ in range(steps):
        legal = legal_actions(scenario, state)
        if not legal:
            break
        stale.extend(pick.sample(legal, min(2, len(legal))))
        state, _ = apply(scenario, state, pick.choice(legal))
    legal = legal_actions(scenario, state)
    for _ in range(probes):
        action = random_action(pick, scenario, state, legal, stale)
        assert legality_problem(scenario, state, legal, action) is None


def test_the_games_cover_every_scenario_at_every_seat_count() -> None:
    counts = seat_counts()
    assert {n for sid, n in counts if sid.startswith("caspian")} == set(range(2, 10))
    assert {sid for sid, _ in counts} == {"caspian-2023", "caspian-2024", "tutorial"}


def _negotiating() -> tuple:
    sc = mini()
    return sc, turn_with_card(at_actions(sc, hands={"alpha": ()}), "c1", "negotiate")


@pytest.mark.parametrize(
    "action",
    [
        Propose("alpha", "west", "investment", "a_b"),  # a subject on a deal that takes none (was legal)
        Propose("alpha", "west", "investment", 3),  # type: ignore[arg-type]
        ApplyPressure("alpha", [], "gamma"),  # type: ignore[arg-type]  # an unhashable kind (was a TypeError)
        Answer("alpha", 0),  # type: ignore[arg-type]  # equal to Answer(False), but not a bool
        Choose("alpha", 7),  # type: ignore[arg-type]
        PlaceInfluence("alpha", ["gamma"]),  # type: ignore[arg-type]
    ],
    ids=repr,
)
def test_malformed_actions_are_refused_and_never_applied(action: Action) -> None:
    sc, st_ = _negotiating()
    with pytest.raises(InvalidActionError):
        why_illegal(sc, st_, action)
    with pytest.raises(InvalidActionError):
        apply(sc, st_, action)


def test_a_proposal_without_subject_is_listed_and_allowed() -> None:
    sc, st_ = _negotiating()
    plain = Propose("alpha", "west", "investment")
    assert plain in legal_actions(sc, st_) and why_illegal(sc, st_, plain) is None


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda sc: new_game(sc, "seven", ("alpha", "beta")), SetupError),
        (lambda sc: new_game(sc, 1.5, ("alpha", "beta")), SetupError),
        (lambda sc: new_game(sc, True, ("alpha", "beta")), SetupError),
        (lambda sc: new_game(sc, 7, None), SetupError),
        (lambda sc: new_game(sc, 7, [["alpha"], ["beta"]]), SetupError),
        (lambda sc: new_game(sc, 7, ("alpha", "beta"), length=3), SetupError),
        (lambda sc: player_view(fresh(sc), "nobody"), InvalidActionError),
        (lambda sc: verb_candidates(sc, fresh(sc), "alpha", "bribe"), InvalidActionError),
        (lambda sc: why_illegal(sc, fresh(sc), None), InvalidActionError),
        (lambda sc: apply(sc, fresh(sc), {"kind": "advance"}), InvalidActionError),
    ],
)
def test_misuse_raises_only_the_documented_errors(call, error) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error):
        call(mini())
