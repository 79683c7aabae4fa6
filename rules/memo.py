"""The one memo helper: bounded get-or-make tables for pure functions of immutable inputs.

Two kinds of key, one class each:
- `Memo`: keyed by value (hashable tuples of ids, seats, actions). A scenario keeps its tables in
  `Scenario.memos`, each under a module-level `MemoName` (`scenario.memos[_ROUTES]`): every game on that
  scenario shares them, nothing is global, and reaching a table is one dict look-up (no Python call).
- `IdentityMemo`: keyed on the identity of the objects a value was worked out from (a state's tuples, a
  flow report). Each entry keeps its objects alive, and two live objects never share an id, so ids that
  match are the very objects the value was made from: a hit is exact, and nothing is hashed but ids.

A table that outgrows its limit is emptied whole: the memos hold values that are cheap to make again,
and clearing keeps the look-up a single dict access (no bookkeeping per hit).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from enum import Enum
from typing import Any, Final, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Missing(Enum):
    """No entry (a value may itself be None)."""

    MISSING = 0


_MISSING: Final = _Missing.MISSING


class Memo(Generic[K, V]):
    """Values by key, at most `limit` of them (emptied whole when full)."""

    __slots__ = ("_entries", "get", "limit")

    def __init__(self, limit: int = 20_000) -> None:
        self._entries: dict[K, V] = {}
        # The value kept for a key, or None: the table's own look-up (no Python call on the hot path).
        self.get: Callable[[K], V | None] = self._entries.get
        self.limit = limit

    def __len__(self) -> int:
        return len(self._entries)

    def put(self, key: K, value: V) -> V:
        if len(self._entries) >= self.limit:
            self._entries.clear()
        self._entries[key] = value
        return value

    def get_or_make(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for `key`, else `make()`, kept."""
        found = self._entries.get(key, _MISSING)
        if found is _MISSING:
            return self.put(key, make())
        return found

    def clear(self) -> None:
        self._entries.clear()


class MemoName:
    """The name and size limit of a scenario's memo table, declared once at module level; the key its
    table is kept under in `Scenario.memos` (compared by identity, so a look-up hashes a pointer)."""

    __slots__ = ("limit", "name")

    def __init__(self, name: str, limit: int = 20_000) -> None:
        self.name = name
        self.limit = limit

    def __repr__(self) -> str:
        return f"MemoName({self.name!r}, {self.limit})"


class MemoTables(dict[MemoName, Memo[Any, Any]]):
    """A scenario's memo tables: `tables[name]` is the table for a `MemoName`, made on first use."""

    def __missing__(self, name: MemoName) -> Memo[Any, Any]:
        table: Memo[Any, Any] = Memo(name.limit)
        self[name] = table
        return table


class IdentityMemo(Generic[V]):
    """Values keyed on the identity of the objects they were worked out from, at most `limit` of them."""

    __slots__ = ("_entries", "limit")

    def __init__(self, limit: int = 4_096) -> None:
        self._entries: dict[tuple[int, ...], tuple[tuple[object, ...], V]] = {}  # ids -> (parts kept alive, value)
        self.limit = limit

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, parts: tuple[object, ...]) -> V | None:
        found = self._entries.get(tuple(map(id, parts)))
        return None if found is None else found[1]

    def put(self, parts: tuple[object, ...], value: V) -> V:
        if len(self._entries) >= self.limit:
            self._entries.clear()
        self._entries[tuple(map(id, parts))] = (parts, value)
        return value

    def get_or_make(self, parts: tuple[object, ...], make: Callable[[], V]) -> V:
        """The value kept for these parts, else `make()`, kept."""
        found = self.get(parts)
        if found is None:
            return self.put(parts, make())
        return found

    def clear(self) -> None:
        self._entries.clear()
