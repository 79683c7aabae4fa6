"""The structure pass: plain dicts (as read from TOML) into the `*Def` classes of `rules.scenario`, with a
strict cattrs converter. Unknown keys, missing keys and wrong types are problems, and effects are a union
tagged by their ``kind`` key."""

from __future__ import annotations

from collections.abc import Callable
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

from rules.content.problems import (
    KeyPath,
    describe,
    not_one_of,
    problem,
    unknown_key,
)
from rules.scenario import (
    EFFECT_KINDS,
    CardDef,
    Effect,
    ScenarioDef,
    SourceDef,
    World,
)

T = TypeVar("T")


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


def _generic_of(origin: type) -> Callable[[object], bool]:
    """Whether a type is `origin` with arguments (``tuple[int, ...]`` for tuple)."""
    return lambda t: get_origin(t) is origin


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook_factory(_generic_of(tuple), _tuple_hook)
    conv.register_structure_hook_factory(_generic_of(dict), _dict_hook)
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
        return [problem(file, (*path, key), unknown_key(key, allowed)) for key in sorted(exc.extra_fields)]
    if isinstance(exc, Invalid):
        return [problem(file, path if exc.key is None else (*path, exc.key), exc.message)]
    if isinstance(exc, KeyError):
        return [problem(file, path, "missing required key")]
    return [problem(file, path, f"invalid value ({exc})")]


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
