"""The one memo helper: bounded get-or-make tables for pure functions of immutable inputs.

Two kinds of key, one class each:
- `Memo`: keyed by value (hashable tuples of ids, seats, actions). A scenario keeps its tables in
  `Scenario.memo(name, limit)`, so every game on that scenario shares them and nothing is global.
- `IdentityMemo`: keyed on the identity of the objects a value was worked out from (a state's tuples, a
  flow report). Each entry keeps its objects alive, so an id is never reused while the entry exists, and
  the identity check makes a hit exact; nothing is hashed but ids.

A table that outgrows its limit is emptied whole: the memos hold values that are cheap to make again,
and clearing keeps the look-up a single dict access (no bookkeeping per hit).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from operator import is_
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_MISSING = object()


class Memo(Generic[K, V]):
    """Values by key, at most `limit` of them (emptied whole when full)."""

    __slots__ = ("_entries", "limit")

    def __init__(self, limit: int = 20_000) -> None:
        self._entries: dict[K, V] = {}
        self.limit = limit

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: K) -> V | None:
        return self._entries.get(key)

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
        return found  # type: ignore[return-value]

    def clear(self) -> None:
        self._entries.clear()


class IdentityMemo(Generic[V]):
    """Values keyed on the identity of the objects they were worked out from, at most `limit` of them."""

    __slots__ = ("_entries", "limit")

    def __init__(self, limit: int = 4_096) -> None:
        self._entries: dict[tuple[int, ...], tuple[tuple[object, ...], V]] = {}
        self.limit = limit

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, parts: tuple[object, ...]) -> V | None:
        found = self._entries.get(tuple(map(id, parts)))
        if found is not None and all(map(is_, found[0], parts)):
            return found[1]
        return None

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
