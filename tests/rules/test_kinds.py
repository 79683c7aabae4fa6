"""The tagged unions are complete: every effect class is in `Effect`, has one kind and a handler that
takes it; every log entry class is in `LogEntry`, with its own kind."""

from __future__ import annotations

import inspect
import typing
from types import ModuleType

import attrs

from rules import card_defs, effects
from rules import log as L
from rules.log import changes, deals, play


def _attrs_classes(*modules: ModuleType) -> set[type]:
    return {
        cls
        for module in modules
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if cls.__module__ == module.__name__ and attrs.has(cls)
    }


def _effect_classes() -> set[type]:
    """The effect classes card_defs declares: attrs classes with a `kind` field (cards and sources have none)."""
    return {cls for cls in _attrs_classes(card_defs) if "kind" in attrs.fields_dict(cls)}


def test_every_effect_class_is_in_the_union_with_its_own_kind() -> None:
    members = typing.get_args(card_defs.Effect)
    assert set(members) == _effect_classes()
    assert sorted(card_defs.EFFECT_KINDS) == sorted(card_defs.effect_kind(cls) for cls in members)
    assert all(card_defs.EFFECT_KINDS[card_defs.effect_kind(cls)] is cls for cls in members)


def test_every_effect_class_has_a_handler_that_takes_it() -> None:
    members = set(typing.get_args(card_defs.Effect))
    assert set(effects.HANDLERS) == members
    taken = {cls: typing.get_type_hints(handler, vars(effects))["e"] for cls, handler in effects.HANDLERS.items()}
    assert taken == {cls: cls for cls in members}


def test_every_log_entry_class_is_in_the_union_with_its_own_kind() -> None:
    members = typing.get_args(L.LogEntry)
    assert set(members) == _attrs_classes(play, changes, deals)
    kinds = [cls.kind for cls in members]
    assert len(set(kinds)) == len(kinds)
