"""What the cross-reference checks share: the ids a world defines (`Known`), and the checks of one value
(a reference, an enumeration, a bound, a repeat) that say what is wrong or None."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from rules.content.problems import (
    KeyPath,
    did_you_mean,
    format_path,
    not_one_of,
    problem,
    unknown,
)
from rules.scenario import (
    SELECTORS,
    BlocDef,
    LinkDef,
    NodeDef,
    PatronDef,
    RouteDef,
    SourceDef,
    StateDef,
    World,
)


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


def ref(kind: str, value: str, known: Known, *, optional: bool = False) -> str | None:
    """What is wrong with a reference to an id of `kind` (None if fine; "" allowed when optional)."""
    if optional and value == "":
        return None
    ids = known.by_kind(kind)
    return None if value in ids else unknown(kind, value, ids)


def target(value: str, known: Known) -> str | None:
    """What is wrong with an effect target: a state id or one of the selectors."""
    if value in known.states or value in SELECTORS:
        return None
    hint = did_you_mean(value, [*known.states, *SELECTORS])
    if hint:
        return f'unknown state "{value}"{hint}'
    return f'unknown state "{value}"; a target is a state id or one of: {", ".join(SELECTORS)}'


def one_of(what: str, value: object, options: Sequence[object]) -> str | None:
    return None if value in options else not_one_of(what, value, options)


DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February's 29th checked apart


def date(value: str) -> str | None:
    """What is wrong with a date of a card or source: it must be a real ``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD``."""
    match = DATE.fullmatch(value)
    if match is not None and _is_real(*(int(part) if part else None for part in match.groups())):
        return None
    return f'expected a date as "YYYY", "YYYY-MM" or "YYYY-MM-DD", got "{value}"'


def _is_real(year: int | None, month: int | None, day: int | None) -> bool:
    """Whether the year, month (None: a year) and day (None: a month) name a time of the calendar."""
    if month is None or year is None:
        return True
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= MONTH_DAYS[month - 1]):
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return leap or (month, day) != (2, 29)


def at_least(value: int, least: int) -> str | None:
    return None if value >= least else f"must be at least {least}, got {value}"


def collect(file: str, checks: Iterable[tuple[KeyPath, str | None]]) -> list[str]:
    """The problem lines of the checks that found something wrong."""
    return [problem(file, path, what) for path, what in checks if what is not None]


def duplicates(file: str, table: str, ids: Sequence[str]) -> list[str]:
    """A problem for every id already used earlier in the same table."""
    first: dict[str, int] = {}
    found = []
    for index, item_id in enumerate(ids):
        if item_id in first:
            where = format_path((table, first[item_id]))
            found.append(problem(file, (table, index, "id"), f'duplicate id "{item_id}" (first at {where})'))
        first.setdefault(item_id, index)
    return found


def repeat(what: str, value: str, seen: set[str]) -> str | None:
    """A problem if `value` was seen before (and remembers it)."""
    found = f'{what} "{value}" appears twice' if value in seen else None
    seen.add(value)
    return found
