"""Parse and cross-check already-parsed content data into a `Scenario`, collecting every problem.

Two passes. *Structure* turns plain dicts (as read from TOML) into the `*Def` classes of
`rules.scenario` with a strict cattrs converter: unknown keys, missing keys and wrong types are
problems, and effects are a union tagged by their ``kind`` key. *Cross-references* then check that
every id refers to something that exists, that ids are unique and that enumerations hold.

Every problem is one line, ``"{file}: {key.path}: {what is wrong}"``, with a "did you mean" where a
close match exists. This module does no file I/O: `game.content_files` reads the files.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from attrs import frozen
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from rules.scenario import (
    COMMODITIES,
    EFFECT_KINDS,
    ENTRY_RULES,
    LINK_STATUSES,
    LINK_TYPES,
    SELECTORS,
    BlocDef,
    CardDef,
    ChoiceDef,
    Effect,
    JoinBloc,
    LeaveBloc,
    LinkDef,
    NodeDef,
    ObjectiveDef,
    PatronDef,
    RouteDef,
    Scenario,
    ScenarioDef,
    SourceDef,
    StateDef,
    World,
)

T = TypeVar("T")

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
SET_STATUSES = ("built", "throttled", "cut")  # statuses an effect may set on a link
ERAS = (1, 2, 3)
OPS = (1, 2, 3)
MAX_NOTE_WORDS = 60
MAX_LINK_STATES = 2

KeyPath = tuple[str | int, ...]  # a key path: table keys and array indexes


class ContentError(ValueError):
    """Content data that cannot make a scenario; `problems` lists every reason, one line each."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__("\n".join(self.problems))

    def __str__(self) -> str:
        return "\n".join(self.problems)


# --------------------------------------------------------------------------- messages


def format_path(path: KeyPath) -> str:
    """A key path as text: ``cards[12].effects[0].target``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z0-9_\-]+", part):
            text += f".{part}" if text else part
        else:
            text += f"[{part!r}]"
    return text


def problem(file: str, path: KeyPath, what: str) -> str:
    """One problem line: ``file: key.path: what``, or ``file: what`` at the top of a file."""
    where = format_path(path)
    return f"{file}: {where}: {what}" if where else f"{file}: {what}"


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """A ``(did you mean "x"?)`` suffix for the closest known name, or ""."""
    close = difflib.get_close_matches(value, list(known), n=1)
    return f' (did you mean "{close[0]}"?)' if close else ""


def unknown(what: str, value: str, known: Iterable[str]) -> str:
    """The message for an id that names nothing: ``unknown state "x" (did you mean "y"?)``."""
    return f'unknown {what} "{value}"{did_you_mean(value, known)}'


def not_one_of(what: str, value: object, options: Sequence[object]) -> str:
    """The message for a value outside an enumeration, listing the allowed values."""
    listed = ", ".join(str(o) for o in options)
    hint = did_you_mean(value, [str(o) for o in options]) if isinstance(value, str) else ""
    shown = f'"{value}"' if isinstance(value, str) else str(value)
    return f"unknown {what} {shown}{hint}; expected one of: {listed}"


def describe(value: object) -> str:
    """A short description of a raw TOML value for messages: ``integer 3``, ``an array``."""
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"{'integer' if isinstance(value, int) else 'float'} {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'string "{shown}"'
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if hasattr(value, "isoformat"):  # a TOML date or time
        return f"date {value.isoformat()} (put it in quotes to make it a string)"
    return type(value).__name__


# --------------------------------------------------------------------------- structure pass


class Invalid(Exception):
    """A value that cannot be structured; `key` extends the key path when the fault is inside it."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.key = key


def _expected(kind: str, value: object) -> Invalid:
    return Invalid(f"expected {kind}, got {describe(value)}")


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _expected("a string", value)
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _expected("an integer", value)
    return value


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _expected("a number", value)
    return float(value)


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _expected("true or false", value)
    return value


def _noted(exc: Exception, index: int | str, item_type: Any) -> Exception:
    exc.add_note(IterableValidationNote(f"Structuring @ {index!r}", index, item_type))
    return exc


def _tuple_hook(tuple_type: Any) -> Callable[[object, Any], tuple[Any, ...]]:
    """A strict structure hook for ``tuple[X, ...]``: an array, every item checked."""
    args = get_args(tuple_type)
    if len(args) != 2 or args[1] is not Ellipsis:
        raise TypeError(f"only homogeneous tuples are supported, not {tuple_type}")
    item_type = args[0]

    def structure(value: object, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise _expected("an array", value)
        items, errors = [], []
        for index, item in enumerate(value):
            try:
                items.append(converter.structure(item, item_type))
            except Exception as exc:  # every content fault becomes a problem
                errors.append(_noted(exc, index, item_type))
        if errors:
            raise IterableValidationError(f"While structuring {tuple_type}", errors, tuple_type)
        return tuple(items)

    return structure


def _dict_hook(dict_type: Any) -> Callable[[object, Any], dict[str, Any]]:
    """A strict structure hook for ``dict[str, X]``: a table, every value checked."""
    _, value_type = get_args(dict_type)

    def structure(value: object, _: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise _expected("a table", value)
        result, errors = {}, []
        for key, item in value.items():
            try:
                result[key] = converter.structure(item, value_type)
            except Exception as exc:  # every content fault becomes a problem
                errors.append(_noted(exc, key, value_type))
        if errors:
            raise IterableValidationError(f"While structuring {dict_type}", errors, dict_type)
        return result

    return structure


def _table_hook(cl: type[T]) -> Callable[[object, Any], T]:
    """A structure hook for an attrs class that first insists on a table."""
    base = make_dict_structure_fn(cl, converter)

    def structure(value: object, _: Any) -> T:
        if not isinstance(value, dict):
            raise _expected("a table", value)
        return base(value, cl)

    return structure


def _structure_effect(value: object, _: Any) -> Effect:
    """Structure an effect by dispatching on its ``kind`` key."""
    if not isinstance(value, dict):
        raise _expected("a table", value)
    if "kind" not in value:
        raise Invalid("missing required key", key="kind")
    kind = value["kind"]
    if not isinstance(kind, str):
        raise Invalid(f"expected a string, got {describe(kind)}", key="kind")
    if kind not in EFFECT_KINDS:
        raise Invalid(not_one_of("effect kind", kind, sorted(EFFECT_KINDS)), key="kind")
    result: Effect = converter.structure(value, EFFECT_KINDS[kind])
    return result


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook_factory(lambda t: get_origin(t) is tuple, _tuple_hook)
    conv.register_structure_hook_factory(lambda t: get_origin(t) is dict, _dict_hook)
    conv.register_structure_hook_factory(attrs.has, _table_hook)
    conv.register_structure_hook(Effect, _structure_effect)
    return conv


converter = _make_converter()
"""Strict structuring of content dicts into the `*Def` classes; also unstructures them (for JSON)."""


def _segment(exc: BaseException) -> KeyPath:
    """The key path segment a cattrs note attaches to a failed attribute or item."""
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return (note.name,)
        if isinstance(note, IterableValidationNote):
            return (note.index,)
    return ()


def _leaf_problems(exc: BaseException, file: str, path: KeyPath) -> list[str]:
    if isinstance(exc, ForbiddenExtraKeysError):
        allowed = [a.name for a in attrs.fields(exc.cl)]
        return [problem(file, (*path, key), _unknown_key(key, allowed)) for key in sorted(exc.extra_fields)]
    if isinstance(exc, Invalid):
        return [problem(file, path if exc.key is None else (*path, exc.key), exc.message)]
    if isinstance(exc, KeyError):
        return [problem(file, path, "missing required key")]
    return [problem(file, path, f"invalid value ({exc})")]


def _unknown_key(key: str, allowed: Sequence[str]) -> str:
    hint = did_you_mean(key, allowed)
    return f'unknown key "{key}"{hint}' if hint else f'unknown key "{key}"; expected one of: {", ".join(allowed)}'


def structure_problems(exc: BaseException, file: str, path: KeyPath = ()) -> list[str]:
    """Every problem inside a (possibly nested) cattrs structuring error, with its key path."""
    if not isinstance(exc, BaseValidationError):
        return _leaf_problems(exc, file, path)
    found: list[str] = []
    for sub in exc.exceptions:
        found += structure_problems(sub, file, (*path, *_segment(sub)))
    return found


def structure(value: object, cl: type[T], file: str) -> tuple[T | None, list[str]]:
    """Structure `value` as `cl`; on failure None and every problem found."""
    try:
        return converter.structure(value, cl), []
    except Exception as exc:  # every content fault becomes a problem
        return None, structure_problems(exc, file)


@frozen
class CardsFile:
    """The shape of a card file: an array of card tables."""

    cards: tuple[CardDef, ...]


@frozen
class SourcesFile:
    """The shape of the sources file: an array of source tables."""

    sources: tuple[SourceDef, ...]


def parse_world(doc: dict[str, Any], file: str) -> tuple[World | None, list[str]]:
    """The world in a world file's document, or None and its structural problems."""
    return structure(doc, World, file)


def parse_cards(doc: dict[str, Any], file: str) -> tuple[tuple[CardDef, ...], list[str]]:
    """The cards in a card file's document (none if any is malformed) and the structural problems."""
    parsed, problems = structure(doc, CardsFile, file)
    return (parsed.cards if parsed else ()), problems


def parse_sources(doc: dict[str, Any], file: str) -> tuple[tuple[SourceDef, ...], list[str]]:
    """The sources in the sources file's document (none if any is malformed) and the structural problems."""
    parsed, problems = structure(doc, SourcesFile, file)
    return (parsed.sources if parsed else ()), problems


def parse_scenario(doc: dict[str, Any], file: str) -> tuple[ScenarioDef | None, list[str]]:
    """The scenario in a scenario file's document, or None and its structural problems."""
    return structure(doc, ScenarioDef, file)


# --------------------------------------------------------------------------- cross-reference pass


class Known:
    """The ids a world defines, by table, for reference checks."""

    def __init__(self, world: World, sources: Iterable[SourceDef] | None = ()) -> None:
        self.states: dict[str, StateDef] = {s.id: s for s in world.states}
        self.patrons: dict[str, PatronDef] = {p.id: p for p in world.patrons}
        self.nodes: dict[str, NodeDef] = {n.id: n for n in world.nodes}
        self.links: dict[str, LinkDef] = {lk.id: lk for lk in world.links}
        self.routes: dict[str, RouteDef] = {r.id: r for r in world.routes}
        self.blocs: dict[str, BlocDef] = {b.id: b for b in world.blocs}
        # None when the sources could not be read: source references are then not checked.
        self.sources: dict[str, SourceDef] | None = None if sources is None else {s.id: s for s in sources}

    def by_kind(self, kind: str) -> Mapping[str, object]:
        """The ids of one kind: state, patron, node, link, route or bloc."""
        tables: dict[str, Mapping[str, object]] = {
            "state": self.states,
            "patron": self.patrons,
            "node": self.nodes,
            "link": self.links,
            "route": self.routes,
            "bloc": self.blocs,
        }
        return tables[kind]


def _ref(kind: str, value: str, known: Known, *, optional: bool = False) -> str | None:
    """What is wrong with a reference to an id of `kind` (None if fine; "" allowed when optional)."""
    if optional and value == "":
        return None
    ids = known.by_kind(kind)
    return None if value in ids else unknown(kind, value, ids)


def _target(value: str, known: Known) -> str | None:
    """What is wrong with an effect target: a state id or one of the selectors."""
    if value in known.states or value in SELECTORS:
        return None
    hint = did_you_mean(value, [*known.states, *SELECTORS])
    if hint:
        return f'unknown state "{value}"{hint}'
    return f'unknown state "{value}"; a target is a state id or one of: {", ".join(SELECTORS)}'


def _enum(what: str, value: object, options: Sequence[object]) -> str | None:
    return None if value in options else not_one_of(what, value, options)


def _at_least(value: int, least: int) -> str | None:
    return None if value >= least else f"must be at least {least}, got {value}"


def _collect(file: str, checks: Iterable[tuple[KeyPath, str | None]]) -> list[str]:
    """The problem lines of the checks that found something wrong."""
    return [problem(file, path, what) for path, what in checks if what is not None]


def _duplicates(file: str, table: str, ids: Sequence[str]) -> list[str]:
    """A problem for every id already used earlier in the same table."""
    first: dict[str, int] = {}
    found = []
    for index, item_id in enumerate(ids):
        if item_id in first:
            where = format_path((table, first[item_id]))
            found.append(problem(file, (table, index, "id"), f'duplicate id "{item_id}" (first at {where})'))
        first.setdefault(item_id, index)
    return found


# ----- world


def _state_checks(world: World, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    for i, state in enumerate(world.states):
        yield ("states", i, "orientation"), _ref("bloc", state.orientation, known, optional=True)
        yield ("states", i, "color"), _color(state.color)
    for i, patron in enumerate(world.patrons):
        clash = f'id "{patron.id}" is already a state id' if patron.id in known.states else None
        yield ("patrons", i, "id"), clash
        yield ("patrons", i, "market"), _ref("node", patron.market, known, optional=True)
        yield ("patrons", i, "color"), _color(patron.color)


def _color(value: str) -> str | None:
    ok = re.fullmatch(r"#[0-9a-fA-F]{6}", value)
    return None if ok else f'colour "{value}" is not of the form "#rrggbb"'


def _node_checks(world: World, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    for i, node in enumerate(world.nodes):
        yield ("nodes", i, "state"), _ref("state", node.state, known, optional=True)
        yield ("nodes", i, "kind"), _enum("node kind", node.kind, NODE_KINDS)
        yield ("nodes", i, "lon"), None if -180 <= node.lon <= 180 else f"longitude {node.lon} is not in -180..180"
        yield ("nodes", i, "lat"), None if -90 <= node.lat <= 90 else f"latitude {node.lat} is not in -90..90"


def _link_checks(world: World, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    for i, link in enumerate(world.links):
        at: KeyPath = ("links", i)
        yield (*at, "a"), _ref("node", link.a, known)
        yield (*at, "b"), _ref("node", link.b, known) or (None if link.a != link.b else "a link needs two ends")
        yield (*at, "type"), _enum("link type", link.type, LINK_TYPES)
        yield (*at, "status"), _enum("link status", link.status, LINK_STATUSES)
        yield (*at, "states"), _territory_size(link.states)
        for j, state in enumerate(link.states):
            yield (*at, "states", j), _ref("state", state, known)
        for name in ("capacity", "fee", "cost", "build_ops", "build_cost", "upgrade_capacity", "upgrade_cost"):
            yield (*at, name), _at_least(getattr(link, name), 0)
        yield (*at, "max_upgrades"), _at_least(link.max_upgrades, 0)


def _territory_size(states: tuple[str, ...]) -> str | None:
    if len(states) <= MAX_LINK_STATES:
        return None
    return f"a link lies in at most {MAX_LINK_STATES} states, got {len(states)}"


def _route_checks(world: World, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    for i, route in enumerate(world.routes):
        yield ("routes", i, "kind"), _enum("route kind", route.kind, ROUTE_KINDS)
        yield ("routes", i, "links"), None if route.links else "a route needs at least one link"
        for j, link_id in enumerate(route.links):
            yield ("routes", i, "links", j), _ref("link", link_id, known)
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
        yield ("markets", i, "node"), _ref("node", market.node, known) or _repeat("market", market.node, seen_markets)
        yield ("markets", i, "patron"), _ref("patron", market.patron, known, optional=True)
        for j, commodity in enumerate(market.buys):
            yield ("markets", i, "buys", j), _enum("commodity", commodity, COMMODITIES)
    for i, producer in enumerate(world.producers):
        yield ("producers", i, "state"), _ref("state", producer.state, known)
        yield (
            ("producers", i, "node"),
            _ref("node", producer.node, known) or _node_in_state(producer.node, producer.state, known),
        )
        yield ("producers", i, "commodity"), _enum("commodity", producer.commodity, COMMODITIES)
        yield ("producers", i, "volume"), _at_least(producer.volume, 0)
    for i, cargo in enumerate(world.cargo):
        yield ("cargo", i, "origin"), _ref("node", cargo.origin, known)
        yield ("cargo", i, "destination"), _ref("node", cargo.destination, known)
        yield ("cargo", i, "volume"), _at_least(cargo.volume, 0)
    for commodity in world.prices:
        yield ("prices", commodity), _enum("commodity", commodity, COMMODITIES)


def _repeat(what: str, value: str, seen: set[str]) -> str | None:
    """A problem if `value` was seen before (and remembers it)."""
    found = f'{what} "{value}" appears twice' if value in seen else None
    seen.add(value)
    return found


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
                yield ("blocs", i, table, j), _ref("state", state, known)
        yield ("blocs", i, "entry"), _enum("entry rule", bloc.entry, ENTRY_RULES)
        yield ("blocs", i, "benefit"), _enum("bloc benefit", bloc.benefit, BLOC_BENEFITS)
        for j, link_id in enumerate(bloc.benefit_links):
            yield ("blocs", i, "benefit_links", j), _ref("link", link_id, known)
        yield ("blocs", i, "obligation"), _enum("bloc obligation", bloc.obligation, BLOC_OBLIGATIONS)
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
    return _ref("bloc", other, known)


def _objective_checks(world: World, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    for i, objective in enumerate(world.objectives):
        yield ("objectives", i, "kind"), _enum("objective kind", objective.kind, OBJECTIVE_KINDS)
        for j, state in enumerate(objective.seats):
            yield ("objectives", i, "seats", j), _ref("state", state, known)
        yield ("objectives", i, "subject"), _subject(objective, known)


def _subject(objective: ObjectiveDef, known: Known) -> str | None:
    """What is wrong with an objective's subject, for the kinds whose subject is an id."""
    kind = OBJECTIVE_SUBJECTS.get(objective.kind)
    if kind is None or objective.subject == "":
        return None
    return _ref(kind, objective.subject, known)


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
        found += _duplicates(file, table, [item.id for item in getattr(world, table)])
    for checks in _WORLD_CHECKS:
        found += _collect(file, checks(world, known))
    return found


# ----- cards


def _effect_state(effect: Effect, value: str, known: Known) -> str | None:
    """Join/leave effects name a state or a selector; the others a concrete state."""
    if isinstance(effect, JoinBloc | LeaveBloc):
        return _target(value, known)
    return _ref("state", value, known)


_EFFECT_FIELDS: dict[str, Callable[[Effect, str, Known], str | None]] = {
    "target": lambda _, value, known: _target(value, known),
    "state": _effect_state,
    "patron": lambda _, value, known: _ref("patron", value, known),
    "link": lambda _, value, known: _ref("link", value, known),
    "bloc": lambda _, value, known: _ref("bloc", value, known),
    "commodity": lambda _, value, _known: _enum("commodity", value, COMMODITIES),
    "status": lambda _, value, _known: _enum("link status", value, SET_STATUSES),
}


def _effect_checks(
    effects: Sequence[Effect], at: KeyPath, card: CardDef, known: Known
) -> Iterable[tuple[KeyPath, str | None]]:
    for i, effect in enumerate(effects):
        for field in attrs.fields(type(effect)):
            check = _EFFECT_FIELDS.get(field.name)
            if check is not None:
                value = getattr(effect, field.name)
                yield (*at, i, field.name), check(effect, value, known) or _selector_use(value, card)


def _selector_use(value: str, card: CardDef) -> str | None:
    """A problem when a selector can name no one on this card (``@chooser`` without a choice)."""
    if value == "@chooser" and card.choice is None:
        return 'target "@chooser" needs the card to have a choice'
    return None


def _choice_checks(choice: ChoiceDef, at: KeyPath, card: CardDef, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    yield (*at, "state"), _ref("state", choice.state, known)
    yield (*at, "options"), None if choice.options else "a choice needs at least one option"
    seen: set[str] = set()
    for i, option in enumerate(choice.options):
        yield (*at, "options", i, "id"), _repeat("option", option.id, seen)
        yield from _effect_checks(option.effects, (*at, "options", i, "effects"), card, known)


def _card_checks(card: CardDef, index: int, known: Known, sources_file: str) -> Iterable[tuple[KeyPath, str | None]]:
    at: KeyPath = ("cards", index)
    yield (*at, "era"), _enum("era", card.era, ERAS)
    yield (*at, "ops"), None if card.ops in OPS else f"ops must be 1, 2 or 3, got {card.ops}"
    yield (*at, "favours"), _ref("state", card.favours, known, optional=True)
    words = len(card.note.split())
    yield (*at, "note"), None if words <= MAX_NOTE_WORDS else f"note has {words} words; at most {MAX_NOTE_WORDS}"
    yield (*at, "source"), _source(card.source, known, sources_file)
    yield from _effect_checks(card.effects, (*at, "effects"), card, known)
    if card.choice is not None:
        yield from _choice_checks(card.choice, (*at, "choice"), card, known)


def _source(value: str, known: Known, sources_file: str) -> str | None:
    if known.sources is None or value in known.sources:
        return None
    return f'source "{value}" is not in {sources_file}{did_you_mean(value, known.sources)}'


def check_cards(
    cards_with_files: Sequence[tuple[str, Sequence[CardDef]]],
    world: World,
    sources: Sequence[SourceDef] | None,
    sources_file: str,
) -> list[str]:
    """Every cross-reference problem in the cards, including ids repeated across files.

    With `sources` None (the sources file is unreadable) card sources are not checked.
    """
    known = Known(world, sources)
    found: list[str] = []
    first: dict[str, str] = {}
    for file, cards in cards_with_files:
        for index, card in enumerate(cards):
            found += _collect(file, _card_checks(card, index, known, sources_file))
            where = f"{file}: {format_path(('cards', index))}"
            if card.id in first:
                found.append(
                    problem(file, ("cards", index, "id"), f'duplicate id "{card.id}" (first at {first[card.id]})')
                )
            first.setdefault(card.id, where)
    return found


def check_sources(sources: Sequence[SourceDef], file: str) -> list[str]:
    """Every problem across the sources: ids must be unique."""
    return _duplicates(file, "sources", [s.id for s in sources])


# ----- scenario


def _cards_in_play(definition: ScenarioDef, cards: Iterable[CardDef]) -> dict[str, CardDef]:
    """The cards a scenario deals, by id (the same selection `Scenario` makes)."""
    chosen = set(definition.cards)
    return {c.id: c for c in cards if c.enabled and (not chosen or c.id in chosen)}


def _era_checks(definition: ScenarioDef) -> Iterable[tuple[KeyPath, str | None]]:
    seen: set[str] = set()
    for i, era in enumerate(definition.eras):
        yield ("eras", i, "number"), _enum("era", era.number, ERAS) or _repeat("era", str(era.number), seen)
        yield ("eras", i, "rounds"), _at_least(era.rounds, 1)
    yield ("eras",), None if definition.eras else "a scenario needs at least one era"
    for name, count in definition.lengths.items():
        yield ("lengths", name), _length(count, len(definition.eras))
    yield ("default_length",), _default_length(definition)


def _length(count: int, eras: int) -> str | None:
    return None if 1 <= count <= eras else f"a length plays 1 to {eras} eras (the scenario's eras), got {count}"


def _default_length(definition: ScenarioDef) -> str | None:
    if definition.default_length in definition.lengths:
        return None
    return unknown("length", definition.default_length, definition.lengths)


def _seat_checks(definition: ScenarioDef, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    seen: set[str] = set()
    for i, seat in enumerate(definition.default_seats):
        yield ("default_seats", i), _ref("state", seat, known) or _seatable(seat, known) or _repeat("seat", seat, seen)
    yield ("min_seats",), _at_least(definition.min_seats, 1)
    yield ("max_seats",), _at_least(definition.max_seats, definition.min_seats)
    count = len(definition.default_seats)
    fits = definition.min_seats <= count <= definition.max_seats
    limits = f"{definition.min_seats}..{definition.max_seats}"
    yield ("default_seats",), None if fits else f"{count} seats is outside min_seats..max_seats ({limits})"


def _seatable(state_id: str, known: Known) -> str | None:
    return None if known.states[state_id].seatable else f'state "{state_id}" cannot be a seat (seatable = false)'


def _scenario_card_checks(
    definition: ScenarioDef, known: Known, all_cards: Mapping[str, CardDef]
) -> Iterable[tuple[KeyPath, str | None]]:
    in_play = _cards_in_play(definition, all_cards.values())
    for i, card_id in enumerate(definition.cards):
        yield ("cards", i), None if card_id in all_cards else unknown("card", card_id, all_cards)
    for seat, hand in definition.opening_hands.items():
        yield ("opening_hands", seat), _ref("state", seat, known)
        for i, card_id in enumerate(hand):
            yield ("opening_hands", seat, i), _in_play(card_id, in_play, all_cards)
    for commodity in definition.start_prices:
        yield ("start_prices", commodity), _enum("commodity", commodity, COMMODITIES)
    for route_id, vp in definition.route_vp.items():
        yield ("route_vp", route_id), _ref("route", route_id, known) or _at_least(vp, 0)


def _in_play(card_id: str, in_play: Mapping[str, CardDef], all_cards: Mapping[str, CardDef]) -> str | None:
    if card_id in in_play:
        return None
    if card_id in all_cards:
        return f'card "{card_id}" is not in play in this scenario (disabled, or not in its cards list)'
    return unknown("card", card_id, all_cards)


def _card_era_problems(
    definition: ScenarioDef, file: str, cards_with_files: Sequence[tuple[str, Sequence[CardDef]]]
) -> list[str]:
    """A problem, at the card, for every card in play whose era the scenario does not have."""
    numbers = [era.number for era in definition.eras]
    in_play = _cards_in_play(definition, (c for _, cards in cards_with_files for c in cards))
    listed = ", ".join(str(n) for n in numbers)
    found = []
    for card_file, cards in cards_with_files:
        for index, card in enumerate(cards):
            if in_play.get(card.id) is card and card.era not in numbers:
                what = f'era {card.era} is not an era of scenario "{definition.id}" ({file}: eras {listed})'
                found.append(problem(card_file, ("cards", index, "era"), what))
    return found


def check_scenario(
    definition: ScenarioDef,
    file: str,
    world: World,
    cards_with_files: Sequence[tuple[str, Sequence[CardDef]]] | None,
) -> list[str]:
    """Every cross-reference problem of a scenario against its world and (if given) all cards."""
    known = Known(world)
    found = _collect(
        file, [(("world",), None if definition.world == world.id else unknown("world", definition.world, [world.id]))]
    )
    found += _collect(file, _era_checks(definition))
    found += _collect(file, _seat_checks(definition, known))
    if cards_with_files is not None:
        all_cards: dict[str, CardDef] = {c.id: c for _, cards in cards_with_files for c in cards}
        found += _collect(file, _scenario_card_checks(definition, known, all_cards))
        found += _card_era_problems(definition, file, cards_with_files)
    return found


def cross_check(
    definition: ScenarioDef,
    world: World,
    cards_with_files: Sequence[tuple[str, Sequence[CardDef]]],
    sources: Sequence[SourceDef],
    sources_file: str,
    scenario_file: str,
    world_file: str,
) -> list[str]:
    """Every cross-reference problem of a scenario with its world, cards and sources."""
    found = check_world(world, world_file)
    found += check_sources(sources, sources_file)
    found += check_cards(cards_with_files, world, sources, sources_file)
    found += check_scenario(definition, scenario_file, world, cards_with_files)
    return list(dict.fromkeys(found))


def build_scenario(
    definition: ScenarioDef,
    world: World,
    cards_with_files: list[tuple[str, tuple[CardDef, ...]]],
    sources: tuple[SourceDef, ...],
    sources_file: str,
    scenario_file: str,
    world_file: str,
    content_hash: str = "",
) -> Scenario:
    """The scenario made of these parts; raises `ContentError` with every cross-reference problem."""
    found = cross_check(definition, world, cards_with_files, sources, sources_file, scenario_file, world_file)
    if found:
        raise ContentError(found)
    cards = tuple(card for _, file_cards in cards_with_files for card in file_cards)
    return Scenario(definition, world, cards, sources, content_hash)
