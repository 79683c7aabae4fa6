"""A new game: the seats and options checked, the start state laid out (nothing dealt yet)."""

from __future__ import annotations

from rules.rng import Rng
from rules.scenario import LinkDef, Scenario
from rules.state import ENGINE, GameState, LinkState, Options, Phase

TIERS = ("basic", "standard", "advanced")


class SetupError(ValueError):
    """new_game was asked for seats or options the scenario does not allow."""


def new_game(
    scenario: Scenario, seed: int, seats: tuple[str, ...] | list[str], *, length: str = "", tier: str = "standard"
) -> GameState:
    """A fresh game: nothing dealt yet; the engine's first step deals the national interests. The game is
    laid out as its format (`length`, else the scenario's default) plays the scenario."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise SetupError(f"the seed must be a whole number, not {seed!r}")
    if isinstance(seats, str) or not isinstance(seats, (tuple, list)):
        raise SetupError(f"the seats must be a list of state ids, not {seats!r}")
    seats = tuple(seats)
    if not all(isinstance(seat, str) for seat in seats):
        raise SetupError(f"a seat must be a state id: {seats!r}")
    if not isinstance(length, str) or not isinstance(tier, str):
        raise SetupError(f"the length and tier must be names: {length!r}, {tier!r}")
    length = length or scenario.definition.default_length
    _check_setup(scenario, seats, length, tier)
    scenario = scenario.played(length, len(seats))
    world = scenario.world
    n = len(seats)
    home = tuple(scenario.state_index[s] for s in seats)
    influence = tuple(
        tuple(scenario.states[s].home_influence if s == home[i] else 0 for s in range(len(world.states)))
        for i in range(n)
    )
    members = tuple(frozenset(m for m in b.members if m not in b.suspended) for b in world.blocs)
    standing = tuple(tuple(_start_standing(scenario, seat, p.id, members) for p in world.patrons) for seat in seats)
    prices = {**world.prices, **scenario.start_prices}
    return GameState(
        scenario_id=scenario.id,
        seats=seats,
        options=Options(length=length, tier=tier),
        rng=Rng(seed),
        era=0,
        round=1,
        absolute_round=1,
        phase=Phase.DEAL,
        to_act=ENGINE,
        budget=tuple(scenario.start_budgets[s] for s in seats),
        vp=(0,) * n,
        credibility=(scenario.rules.start_credibility,) * n,
        ops_mod=(0,) * n,
        era_income=(0,) * n,
        influence=influence,
        standing=standing,
        hands=((),) * n,
        headlines=(None,) * n,
        objectives=(None,) * n,
        offers=((),) * n,
        stability=tuple(s.stability for s in world.states),
        production=tuple(p.volume for p in world.producers),
        members=members,
        links=tuple(_start_link(lk) for lk in world.links),
        prices=tuple(prices[c] for c in scenario.commodities),
        tension=scenario.rules.start_tension,
    )


def _check_setup(scenario: Scenario, seats: tuple[str, ...], length: str, tier: str) -> None:
    d = scenario.definition
    if not d.min_seats <= len(seats) <= d.max_seats:
        raise SetupError(f"{scenario.id} takes {d.min_seats} to {d.max_seats} seats, not {len(seats)}")
    if len(set(seats)) != len(seats):
        raise SetupError("a state can take only one seat")
    for seat in seats:
        if seat not in scenario.state_index or not scenario.state(seat).seatable:
            raise SetupError(f"{seat!r} is not a state a player can lead in {scenario.id}")
    if length not in d.format_names():
        raise SetupError(f"unknown length {length!r} (this scenario has {', '.join(sorted(d.format_names()))})")
    if tier not in TIERS:
        raise SetupError(f"unknown rules tier {tier!r}")


def _start_standing(scenario: Scenario, seat: str, patron: str, members: tuple[frozenset[str], ...]) -> int:
    sponsored = any(seat in m and b.sponsor == patron for b, m in zip(scenario.blocs, members))
    return 2 if sponsored else 1


def _start_link(link: LinkDef) -> LinkState:
    progress = link.build_ops if link.status != "planned" else 0
    return LinkState(status=link.status, capacity=link.capacity, progress=progress)
