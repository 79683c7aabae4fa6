"""Canonical JSON of a game state, and its hash.

A state becomes plain JSON data (tuples as lists, frozensets as sorted lists) and back again
exactly: ``structure_state(unstructure_state(s)) == s``. The canonical text (sorted keys, no
spaces) is what saves store and what `state_hash` digests, so equal states always give equal
text and equal hashes in every process.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from typing import Any

from cattrs import Converter

from rules import GameState
from rules.action import Action
from rules.action import to_json as action_to_json

# Sets become sorted lists and tuples lists, so the data is plain JSON with one spelling per state.
_converter = Converter(unstruct_collection_overrides={AbstractSet: sorted, Sequence: list})


def unstructure_state(state: GameState) -> dict[str, Any]:
    """The state as plain JSON data."""
    data: dict[str, Any] = _converter.unstructure(state, GameState)
    return data


def structure_state(data: Any) -> GameState:
    """The state that `unstructure_state` turned into this data; raises on malformed data."""
    return _converter.structure(data, GameState)


def canonical(data: object) -> str:
    """JSON text with sorted keys and no spaces: the same data always gives the same text."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def state_json(state: GameState) -> str:
    """The canonical JSON text of a state."""
    return canonical(unstructure_state(state))


def state_hash(state: GameState) -> str:
    """The sha256 hex digest of the state's canonical JSON."""
    return sha256_text(state_json(state))


def action_json(action: Action) -> str:
    """The canonical JSON text of an action."""
    return canonical(action_to_json(action))


def sha256_text(text: str) -> str:
    """The sha256 hex digest of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
