"""The actions a seat (or the engine's own step, or the teacher) can take. Imperative names; `kind` is the JSON tag.

The turn frame's actions are in `rules.frame`; each ops verb's target action lives with its verb in
`rules.verbs` and joins the `Action` union through `VerbAction`; the teacher's are in `rules.teacher`, last
(so the order of the seats' kinds is unchanged). All are importable from here.
"""

from __future__ import annotations

import operator
import typing
from typing import Any, Union, cast

import attrs

from rules.frame import (
    Advance,
    Answer,
    Choose,
    EndTurn,
    KeepObjective,
    PassTurn,
    PlayCard,
    PlayEvent,
    UseOps,
)
from rules.teacher import InjectCard, RevealAll, SetTension, TeacherNote, WithholdCard
from rules.verbs import ApplyPressure, BuildLink, PlaceInfluence, Propose, VerbAction

Action = Union[
    Advance,
    KeepObjective,
    PlayCard,
    PlayEvent,
    UseOps,
    VerbAction,
    Answer,
    Choose,
    EndTurn,
    PassTurn,
    InjectCard,
    WithholdCard,
    SetTension,
    RevealAll,
    TeacherNote,
]
ACTION_TYPES: dict[str, type] = {cls.kind: cls for cls in typing.get_args(Action)}
_KIND_ORDER = {kind: i for i, kind in enumerate(ACTION_TYPES)}
FIELDS: dict[type, tuple[str, ...]] = {cls: tuple(a.name for a in attrs.fields(cls)) for cls in ACTION_TYPES.values()}
# Each action type's fields with the type each must hold (every field is a str, but an answer's vote and
# the tension a teacher sets).
_TYPES = {"str": str, "bool": bool, "int": int}
FIELD_TYPES: dict[type, tuple[tuple[str, type], ...]] = {
    cls: tuple((a.name, _TYPES[str(a.type)]) for a in attrs.fields(cls)) for cls in ACTION_TYPES.values()
}
_KEYS = {
    cls: (_KIND_ORDER[kind], operator.attrgetter(*FIELDS[cls]) if FIELDS[cls] else None)
    for kind, cls in ACTION_TYPES.items()
}


def sort_key(action: Action) -> tuple[int, Any]:
    """A total order over actions of all kinds (kind first, then fields)."""
    order, fields = _KEYS[type(action)]
    return (order, fields(action) if fields is not None else ())


def to_json(action: Action) -> dict[str, Any]:
    """The action as a JSON object with its `kind` tag first."""
    out: dict[str, Any] = {"kind": action.kind}
    for name in FIELDS[type(action)]:
        out[name] = getattr(action, name)
    return out


def from_json(data: object) -> Action:
    """Parse a JSON object into an action; raises InvalidActionError if malformed."""
    from rules.errors import InvalidActionError

    if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
        raise InvalidActionError(f"not an action object: {data!r}")
    cls = ACTION_TYPES.get(data["kind"])
    if cls is None:
        raise InvalidActionError(f"unknown action kind {data['kind']!r}")
    fields = {k: v for k, v in data.items() if k != "kind"}
    try:
        return cast(Action, cls(**fields))
    except TypeError as exc:
        raise InvalidActionError(f"bad fields for {data['kind']}: {exc}") from None


__all__ = [
    "ACTION_TYPES",
    "FIELD_TYPES",
    "Action",
    "Advance",
    "Answer",
    "ApplyPressure",
    "BuildLink",
    "Choose",
    "EndTurn",
    "InjectCard",
    "KeepObjective",
    "PassTurn",
    "PlaceInfluence",
    "PlayCard",
    "PlayEvent",
    "Propose",
    "RevealAll",
    "SetTension",
    "TeacherNote",
    "UseOps",
    "WithholdCard",
    "from_json",
    "sort_key",
    "to_json",
]
