"""Property tests: random legal games from random seeds, invariants checked at every step."""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game import saves
from game.serialize import state_json, structure_state
from game.session import Session, Setup
from rules import apply, legal_actions, new_game, outcome, player_view, why_illegal
from rules.action import PlaceInfluence, sort_key
from rules.flows import effective_capacity, shipments
from rules.scenario import Scenario
from rules.state import ENGINE, NOBODY, GameState
from tests.fixtures.mini_world import mini_scenario

MAX_ACTIONS = 5000
ASSETS = Path(__file__).resolve().parents[2] / "assets" / "scenarios"


def _scenarios() -> list[tuple[Scenario, tuple[str, ...]]]:
    out = [(mini_scenario(), ("alpha", "beta"))]
    if (ASSETS / "caspian-2023.toml").exists():
        from game.content_files import load_scenario

        out.append((load_scenario("caspian-2023"), ("russia", "kazakhstan", "azerbaijan", "turkmenistan")))
    return out


SCENARIOS = _scenarios()


def check_invariants(scenario: Scenario, state: GameState, flows_routed: bool = False) -> None:
    """Everything that must hold in every reachable state."""
    legal = legal_actions(scenario, state)
    if outcome(scenario, state) is None:
        assert legal, f"no legal action in phase {state.phase}"
        assert state.to_act == ENGINE or 0 <= state.to_act < len(state.seats)
        actor = state.seats[state.to_act] if state.to_act >= 0 else None
        for action in legal:
            assert getattr(action, "seat", None) == actor, f"{action} offered while {actor} is to act"
    else:
        assert legal == () and state.to_act == NOBODY
    assert list(legal) == sorted(legal, key=sort_key)
    assert all(b >= 0 for b in state.budget)
    assert all(v >= 0 for row in state.influence for v in row)
    assert 1 <= state.tension <= scenario.rules.crisis_level
    assert 0 <= min(state.credibility) and max(state.credibility) <= scenario.rules.max_credibility
    if flows_routed:
        _check_flows(scenario, state)


def _check_flows(scenario: Scenario, state: GameState) -> None:
    report = state.last_flows
    if report is None:
        return
    for path in report.paths:
        assert path.volume > 0
    # Conservation: what each shipment produced is shipped along paths or left unshipped.
    shipped: dict[tuple[str, str], int] = {}
    for path in report.paths:
        key = (path.owner, path.commodity)
        shipped[key] = shipped.get(key, 0) + path.volume
    produced: dict[tuple[str, str], int] = {}
    for owner, _, commodity, volume, _ in shipments(scenario, state.production):
        produced[(owner, commodity)] = produced.get((owner, commodity), 0) + volume
    for key, volume in shipped.items():
        assert volume <= produced[key]
    for i, seat in enumerate(state.seats):
        mine_produced = sum(v for (o, _), v in produced.items() if o == seat)
        mine_shipped = sum(v for (o, _), v in shipped.items() if o == seat)
        assert mine_shipped + report.unshipped[i] == mine_produced
    # Loads are the sum of the paths over each link, within capacity at the time.
    loads = [0] * len(scenario.links)
    for path in report.paths:
        for link in path.links:
            loads[link] += path.volume
    assert tuple(loads) == report.loads


def check_views(scenario: Scenario, state: GameState) -> None:
    """A seat's view never holds another seat's hand, headline pick or objective."""
    for me, seat in enumerate(state.seats):
        view = player_view(state, seat)
        assert view.hands[me] == state.hands[me]
        for other in range(len(state.seats)):
            if other == me:
                continue
            assert set(view.hands[other]) <= {""}
            assert view.headlines[other] in (None, "")
            assert view.objectives[other] in (None, "")
            assert view.offers[other] == ()
        assert set(view.draw_pile) <= {""} and view.rng.seed == 0


def play(scenario: Scenario, seats: tuple[str, ...], seed: int, rnd: random.Random, checks: bool = True):
    state = new_game(scenario, seed, seats)
    actions = []
    for _ in range(MAX_ACTIONS):
        if outcome(scenario, state) is not None:
            break
        legal = legal_actions(scenario, state)
        action = rnd.choice(legal)
        assert why_illegal(scenario, state, action) is None
        before_caps = tuple(effective_capacity(lk) for lk in state.links)
        state, log = apply(scenario, state, action)
        actions.append(action)
        if checks:
            check_invariants(scenario, state, any(entry.kind == "flows_routed" for entry in log))
            check_views(scenario, state)
            if any(entry.kind == "flows_routed" for entry in log):
                assert state.last_flows is not None
                for load, cap in zip(state.last_flows.loads, before_caps):
                    assert load <= cap
    else:
        pytest.fail(f"game did not end within {MAX_ACTIONS} actions")
    return state, actions


@pytest.mark.parametrize("index", range(len(SCENARIOS)), ids=[s.id for s, _ in SCENARIOS])
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31), pick=st.randoms(use_true_random=False))
def test_random_legal_games_keep_every_invariant(index: int, seed: int, pick: random.Random) -> None:
    scenario, seats = SCENARIOS[index]
    state, actions = play(scenario, seats, seed, pick)
    assert outcome(scenario, state) is not None
    # Replaying (scenario, seed, actions) gives the same state.
    again = new_game(scenario, seed, seats)
    for action in actions:
        again, _ = apply(scenario, again, action)
    assert again == state
    # Save -> load gives the same state.
    setup = Setup(scenario.id, seed, seats, scenario.definition.default_length)
    session = Session(scenario, setup)
    for action in actions[: pick.randrange(len(actions) + 1)]:
        session.submit(action)
    assert structure_state(json.loads(state_json(session.state))) == session.state
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "game.json"
        saves.save(session, path)
        loaded = saves.load(path, scenario_loader=lambda _id: scenario)
    assert loaded.state == session.state and loaded.actions == session.actions


@pytest.mark.parametrize("index", range(len(SCENARIOS)), ids=[s.id for s, _ in SCENARIOS])
# A whole game's random choices: longer games (fewer crises) make the smallest example large.
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
@given(seed=st.integers(0, 2**31), pick=st.randoms(use_true_random=False))
def test_legal_actions_and_why_illegal_agree(index: int, seed: int, pick: random.Random) -> None:
    """Actions of other seats and other stages are refused with a reason; offered ones are allowed."""
    scenario, seats = SCENARIOS[index]
    state = new_game(scenario, seed, seats)
    seen: list = []
    for _ in range(400):
        if outcome(scenario, state) is not None:
            break
        legal = legal_actions(scenario, state)
        seen.extend(legal)
        for probe in pick.sample(seen, min(6, len(seen))) + [PlaceInfluence(seats[0], scenario.states[0].id)]:
            reason = why_illegal(scenario, state, probe)
            assert (reason is None) == (probe in legal), (probe, reason)
        state, _ = apply(scenario, state, pick.choice(legal))
