"""Worlds that extend a shipped world: ``extends = "caspian"`` in a world file (docs/modding.md).

The extending file's arrays (``nodes``, ``links`` ...) are added after the base world's, its ``prices`` go
over the base's, and ``[[replace.<array>]]`` entries take the place of the base's entries with the same id.
An added entry whose id the base already has is a collision (it must be a replacement), and a replacement
must name an entry of the base. The result is one world document that `rules.content` then checks as any.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rules.content import describe, did_you_mean, unknown

EXTENDS = "extends"
REPLACE = "replace"
# The arrays of a world whose entries have an id, with the word for one entry; then those without.
BY_ID = {
    "states": "state",
    "patrons": "patron",
    "nodes": "node",
    "links": "link",
    "routes": "route",
    "cargo": "cargo",
    "blocs": "bloc",
    "objectives": "objective",
}
ARRAYS = (*BY_ID, "markets", "producers")


def extend(
    doc: dict[str, Any], name: str, bases: Mapping[str, dict[str, Any]]
) -> tuple[dict[str, Any] | None, list[str]]:
    """The world document with its base world merged in, or None and every problem merging it."""
    base_id = doc[EXTENDS]
    if not isinstance(base_id, str):
        return None, [f"{name}: {EXTENDS}: expected a world id, got {describe(base_id)}"]
    if base_id not in bases:
        return None, [f"{name}: {EXTENDS}: {unknown('shipped world', base_id, bases)}"]
    base = bases[base_id]
    merged = {key: value for key, value in base.items() if key != "id"}
    problems: list[str] = []
    for key, value in doc.items():
        if key in ARRAYS:
            problems += _add(merged, key, value, name, base_id)
        elif key == "prices" and isinstance(value, dict) and isinstance(base.get("prices"), dict):
            merged[key] = {**base["prices"], **value}
        elif key not in (EXTENDS, REPLACE):
            merged[key] = value
    problems += _replace(merged, doc.get(REPLACE, {}), name, base_id)
    return (None, problems) if problems else (merged, [])


def _add(merged: dict[str, Any], key: str, entries: object, name: str, base_id: str) -> list[str]:
    """Append the file's entries of one array to the base's; a problem for each id the base already has."""
    if not isinstance(entries, list):
        return [f"{name}: {key}: expected an array of tables, got {describe(entries)}"]
    taken = _ids(merged.get(key, []))
    problems = [
        f'{name}: {key}[{index}].id: {BY_ID[key]} "{entry["id"]}" is already in world "{base_id}"; '
        f"to change it, give it under [[{REPLACE}.{key}]]"
        for index, entry in enumerate(entries)
        if key in BY_ID and isinstance(entry, dict) and entry.get("id") in taken
    ]
    merged[key] = [*merged.get(key, []), *entries]
    return problems


def _replace(merged: dict[str, Any], replace: object, name: str, base_id: str) -> list[str]:
    """Put each ``[[replace.<array>]]`` entry in place of the base's entry with its id."""
    if not isinstance(replace, dict):
        return [f"{name}: {REPLACE}: expected a table of arrays, got {describe(replace)}"]
    problems = []
    for key, entries in replace.items():
        where = f"{name}: {REPLACE}.{key}"
        if key not in BY_ID:
            problems.append(f"{where}: unknown key{did_you_mean(key, BY_ID)}; expected one of {', '.join(BY_ID)}")
        elif not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
            problems.append(f"{where}: expected an array of tables, got {describe(entries)}")
        else:
            merged[key] = list(merged.get(key, []))  # a copy: the base's list is the cached shipped document's
            problems += _replace_entries(merged[key], entries, where, BY_ID[key], base_id)
    return problems


def _replace_entries(
    current: list[Any], entries: list[dict[str, Any]], where: str, what: str, base_id: str
) -> list[str]:
    """Replace entries of one array in place by id; a problem for each id the array lacks."""
    problems = []
    for index, entry in enumerate(entries):
        ids = _ids(current)
        if entry.get("id") in ids:
            current[ids.index(entry["id"])] = entry
        else:
            known = [str(item_id) for item_id in ids if isinstance(item_id, str)]
            problems.append(f'{where}[{index}].id: {unknown(what, str(entry.get("id")), known)} in world "{base_id}"')
    return problems


def _ids(entries: list[Any]) -> list[object]:
    return [entry.get("id") if isinstance(entry, dict) else None for entry in entries]
