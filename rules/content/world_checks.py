"""Cross-reference checks of a world: unique ids, references between its tables, enumerations, a route's
links forming a path."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rules.content.problems import (
    KeyPath,
    did_you_mean,
)
from rules.content.refs import Known, at_least, collect, duplicates, one_of, ref, repeat
from rules.scenario import (
    COMMODITIES,
    ENTRY_RULES,
    LINK_STATUSES,
    LINK_TYPES,
    BlocDef,
    ObjectiveDef,
    RouteDef,
    World,
)

NODE_KINDS = ("capital", "port", "field", "hub", "market")
ROUTE_KINDS = ("corridor", "pipeline")
BLOC_BENEFITS = ("fee_discount", "build_discount", "standing", "security", "trade")
BLOC_OBLIGATIONS = ("no_pressure_members", "no_cut_member_links", "none")
OBJECTIVE_KINDS = (
    "diversified",
    "gatekeeper",
    "hub",
    "bloc_member",
    "route_open",
    "control",
    "standing",
    "budget",
    "calm",
)
# What an objective's `subject` names, for the kinds that have one.
OBJECTIVE_SUBJECTS = {"bloc_member": "bloc", "route_open": "route", "control": "state", "standing": "patron"}
MAX_LINK_STATES = 2


def _state_checks(world: World, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    for i, state in enumerate(world.states):
        yield ("states", i, "orientation"), ref("bloc", state.orientation, known, optional=True)
        yield ("states", i, "color"), _color(state.color)
    for i, patron in enumerate(world.patrons):
        clash = f'id "{patron.id}" is already a state id' if patron.id in known.states else None
        yield ("patrons", i, "id"), clash
        yield ("patrons", i, "market"), ref("node", patron.market, known, optional=True)
        yield ("patrons", i, "color"), _color(patron.color)


def _color(value: str) -> str | None:
    ok = re.fullmatch(r"#[0-9a-fA-F]{6}", value)
    return None if ok else f'colour "{value}" is not of the form "#rrggbb"'


def _node_checks(world: World, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    for i, node in enumerate(world.nodes):
        yield ("nodes", i, "state"), ref("state", node.state, known, optional=True)
        yield ("nodes", i, "kind"), one_of("node kind", node.kind, NODE_KINDS)
        yield ("nodes", i, "lon"), None if -180 <= node.lon <= 180 else f"longitude {node.lon} is not in -180..180"
        yield ("nodes", i, "lat"), None if -90 <= node.lat <= 90 else f"latitude {node.lat} is not in -90..90"


def _link_checks(world: World, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    for i, link in enumerate(world.links):
        at: KeyPath = ("links", i)
        yield (*at, "a"), ref("node", link.a, known)
        yield (*at, "b"), ref("node", link.b, known) or (None if link.a != link.b else "a link needs two ends")
        yield (*at, "type"), one_of("link type", link.type, LINK_TYPES)
        yield (*at, "status"), one_of("link status", link.status, LINK_STATUSES)
        yield (*at, "states"), _territory_size(link.states)
        for j, state in enumerate(link.states):
            yield (*at, "states", j), ref("state", state, known)
        for name in ("capacity", "fee", "cost", "build_ops", "build_cost", "upgrade_capacity", "upgrade_cost"):
            yield (*at, name), at_least(getattr(link, name), 0)
        yield (*at, "max_upgrades"), at_least(link.max_upgrades, 0)


def _territory_size(states: tuple[str, ...]) -> str | None:
    if len(states) <= MAX_LINK_STATES:
        return None
    return f"a link lies in at most {MAX_LINK_STATES} states, got {len(states)}"


def _route_checks(world: World, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    for i, route in enumerate(world.routes):
        yield ("routes", i, "kind"), one_of("route kind", route.kind, ROUTE_KINDS)
        yield ("routes", i, "links"), None if route.links else "a route needs at least one link"
        for j, link_id in enumerate(route.links):
            yield ("routes", i, "links", j), ref("link", link_id, known)
        yield from _contiguity(route, i, known)


def _contiguity(route: RouteDef, index: int, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    """A problem where a route's next link does not continue the path so far."""
    ends: set[str] | None = None  # nodes where the path so far may end
    previous = ""
    for j, link_id in enumerate(route.links):
        link = known.links.get(link_id)
        if link is None:
            return
        if ends is None:
            ends = {link.a, link.b}
        else:
            ends = {link.b for end in ends if end == link.a} | {link.a for end in ends if end == link.b}
            if not ends:
                what = f'link "{link_id}" does not continue from link "{previous}"; a route must be a contiguous path'
                yield ("routes", index, "links", j), what
                return
        previous = link_id


def _economy_checks(world: World, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    seen_markets: set[str] = set()
    for i, market in enumerate(world.markets):
        yield ("markets", i, "node"), ref("node", market.node, known) or repeat("market", market.node, seen_markets)
        yield ("markets", i, "patron"), ref("patron", market.patron, known, optional=True)
        for j, commodity in enumerate(market.buys):
            yield ("markets", i, "buys", j), one_of("commodity", commodity, COMMODITIES)
    for i, producer in enumerate(world.producers):
        yield ("producers", i, "state"), ref("state", producer.state, known)
        yield (
            ("producers", i, "node"),
            ref("node", producer.node, known) or _node_in_state(producer.node, producer.state, known),
        )
        yield ("producers", i, "commodity"), one_of("commodity", producer.commodity, COMMODITIES)
        yield ("producers", i, "volume"), at_least(producer.volume, 0)
    for i, cargo in enumerate(world.cargo):
        yield ("cargo", i, "origin"), ref("node", cargo.origin, known)
        yield ("cargo", i, "destination"), ref("node", cargo.destination, known)
        yield ("cargo", i, "volume"), at_least(cargo.volume, 0)
    for commodity in world.prices:
        yield ("prices", commodity), one_of("commodity", commodity, COMMODITIES)


def _node_in_state(node_id: str, state_id: str, known: Known) -> str | None:
    node_state = known.nodes[node_id].state
    if node_state == state_id or state_id not in known.states:
        return None
    where = f'"{node_state}"' if node_state else "no state"
    return f'node "{node_id}" lies in {where}, not in the producer\'s state "{state_id}"'


def _bloc_checks(world: World, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    for i, bloc in enumerate(world.blocs):
        yield ("blocs", i, "sponsor"), _sponsor(bloc.sponsor, known)
        for table in ("members", "observers", "suspended"):
            for j, state in enumerate(getattr(bloc, table)):
                yield ("blocs", i, table, j), ref("state", state, known)
        yield ("blocs", i, "entry"), one_of("entry rule", bloc.entry, ENTRY_RULES)
        yield ("blocs", i, "benefit"), one_of("bloc benefit", bloc.benefit, BLOC_BENEFITS)
        for j, link_id in enumerate(bloc.benefit_links):
            yield ("blocs", i, "benefit_links", j), ref("link", link_id, known)
        yield ("blocs", i, "obligation"), one_of("bloc obligation", bloc.obligation, BLOC_OBLIGATIONS)
        for j, other in enumerate(bloc.incompatible):
            yield ("blocs", i, "incompatible", j), _incompatible(bloc, other, known)


def _sponsor(value: str, known: Known) -> str | None:
    if value in known.patrons or value in known.states:
        return None
    hint = did_you_mean(value, [*known.patrons, *known.states])
    return f'unknown sponsor "{value}"{hint}; a sponsor is a patron or state id'


def _incompatible(bloc: BlocDef, other: str, known: Known) -> str | None:
    if other == bloc.id:
        return "a bloc cannot be incompatible with itself"
    return ref("bloc", other, known)


def _objective_checks(world: World, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    for i, objective in enumerate(world.objectives):
        yield ("objectives", i, "kind"), one_of("objective kind", objective.kind, OBJECTIVE_KINDS)
        for j, state in enumerate(objective.seats):
            yield ("objectives", i, "seats", j), ref("state", state, known)
        yield ("objectives", i, "subject"), _subject(objective, known)


def _subject(objective: ObjectiveDef, known: Known) -> str | None:
    """What is wrong with an objective's subject, for the kinds whose subject is an id."""
    kind = OBJECTIVE_SUBJECTS.get(objective.kind)
    if kind is None or objective.subject == "":
        return None
    return ref(kind, objective.subject, known)


_WORLD_TABLES = ("states", "patrons", "nodes", "links", "routes", "cargo", "blocs", "objectives")
_WORLD_CHECKS = (
    _state_checks,
    _node_checks,
    _link_checks,
    _route_checks,
    _economy_checks,
    _bloc_checks,
    _objective_checks,
)


def check_world(world: World, file: str) -> list[str]:
    """Every cross-reference problem inside a world."""
    known = Known(world)
    found: list[str] = []
    for table in _WORLD_TABLES:
        found += duplicates(file, table, [item.id for item in getattr(world, table)])
    for checks in _WORLD_CHECKS:
        found += collect(file, checks(world, known))
    return found
