"""A mod's own translations: ``i18n/en.toml`` and ``i18n/ru.toml`` in the mod folder, checked against the
mod's content and merged under the shipped catalogues (docs/modding.md).

A mod catalogue may only name the mod's own things — its cards (``card.<id>.title/text/note/prompt`` and
``card.<id>.option.<option>``), its scenarios (``scenario.<id>``, ``era.<id>.<number>``) and the items of its
worlds (``world.<kind>.<id>``, ``form.<case>.<kind>.<id>``) — and never a key the shipped catalogues already
have or that names an item of the shipped content (a shipped node's ``world.node_short.<id>``), so loading
a mod cannot change a word of the shipped game.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from pathlib import Path

from game.content_files import ASSETS, AssetFiles, parse_files, read_toml
from game.i18n import CASES, I18N_DIR, LANGUAGES, load_catalogue
from rules.content import describe, did_you_mean
from rules.scenario import CardDef, ScenarioDef, World

FOLDER = "i18n"  # under the mod folder


def catalogue_files(root: Path) -> list[Path]:
    """Every TOML file of the mod's ``i18n/`` folder."""
    return sorted((root / FOLDER).glob("*.toml"))


def catalogue_problems(root: Path, assets: Path = ASSETS, shipped: Path = I18N_DIR) -> list[str]:
    """Every problem of the mod's catalogues: unknown languages, keys that name nothing of the mod or that
    the shipped game owns, values that are not text, and Russian placeholders that differ from English."""
    english = content_keys(root)
    taken = {key for lang in LANGUAGES for key in load_catalogue(lang, shipped)} | set(content_keys(assets))
    own_english = _own_entries(root / FOLDER / "en.toml")
    problems: list[str] = []
    for path in catalogue_files(root):
        problems += _file_problems(path, english, taken, own_english)
    return problems


def content_keys(root: Path) -> dict[str, str]:
    """Every catalogue key naming a card, scenario or world item of a content folder, with its English."""
    files = AssetFiles.of(root)
    parsed = parse_files(files.worlds, files.cards, files.sources, files.scenarios)
    return _english(
        [card for _, cards in parsed.cards for card in cards],
        [definition for _, definition in parsed.scenarios],
        [world for _, world in parsed.worlds],
    )


def _file_problems(path: Path, english: dict[str, str], taken: set[str], own_english: dict[str, object]) -> list[str]:
    """The problems of one catalogue file of the mod."""
    file = read_toml(path)
    if path.stem not in LANGUAGES:
        names = [f"{lang}.toml" for lang in LANGUAGES]
        return [f"{file.name}: unknown language file{did_you_mean(path.name, names)}; expected {', '.join(names)}"]
    if file.doc is None:
        return list(file.problems)
    problems = []
    for key, value in _entries(file.doc):
        what = _entry_problem(key, value, english, taken)
        if what is None and path.stem != "en":
            reference = own_english.get(key, english[key])
            what = _placeholder_problem(str(value), str(reference))
        if what is not None:
            problems.append(f"{file.name}: {key}: {what}")
    return problems


def _entry_problem(key: str, value: object, english: dict[str, str], taken: set[str]) -> str | None:
    """What is wrong with one key of a mod catalogue (None if fine)."""
    if key in taken:
        return "the shipped game already has this key's item; give the mod's item an id of its own to translate it"
    if key not in english:
        return f"unknown key{did_you_mean(key, english)}; a mod translates only its own cards, scenarios and world"
    if not isinstance(value, str) or not value.strip():
        return f"expected a non-empty string, got {describe(value)}"
    return None


def _placeholder_problem(text: str, reference: str) -> str | None:
    """A problem when a translation's ``{placeholders}`` differ from the English text's."""
    have, want = _placeholders(text), _placeholders(reference)
    if have == want:
        return None
    return f"placeholders {_listed(have)} differ from the English ({_listed(want)})"


def _listed(names: set[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names)) or "none"


def _placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"(unbalanced braces)"}


def _own_entries(path: Path) -> dict[str, object]:
    """The mod's English catalogue as dotted keys (empty when absent or unreadable)."""
    doc = read_toml(path).doc if path.is_file() else None
    return dict(_entries(doc or {}))


def _entries(doc: Mapping[str, object], prefix: str = "") -> Iterator[tuple[str, object]]:
    """Every leaf of a catalogue document as (dotted key, value)."""
    for key, value in doc.items():
        if isinstance(value, Mapping):
            yield from _entries(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _english(cards: list[CardDef], scenarios: list[ScenarioDef], worlds: list[World]) -> dict[str, str]:
    """Every key a mod catalogue may give, with the English the mod's data already says for it."""
    keys: dict[str, str] = {}
    for card in cards:
        keys.update({f"card.{card.id}.{part}": str(getattr(card, part)) for part in ("title", "text", "note")})
        if card.choice is not None:
            keys[f"card.{card.id}.prompt"] = card.choice.prompt
            keys.update({f"card.{card.id}.option.{option.id}": option.text for option in card.choice.options})
    for definition in scenarios:
        keys[f"scenario.{definition.id}"] = definition.name
        keys.update({f"era.{definition.id}.{era.number}": era.name for era in definition.eras})
    for world in worlds:
        for kind, item_id, name in _world_items(world):
            keys[f"world.{kind}.{item_id}"] = name
            keys.update({f"form.{case}.{kind}.{item_id}": "" for case in CASES})
    return keys


def _world_items(world: World) -> Iterator[tuple[str, str, str]]:
    """(kind, id, English name) of every nameable item of a world, kinds as the catalogues spell them."""
    for kind, items in (
        ("state", world.states),
        ("patron", world.patrons),
        ("node", world.nodes),
        ("link", world.links),
        ("route", world.routes),
        ("bloc", world.blocs),
    ):
        yield from ((kind, item.id, item.name) for item in items)
    yield from (("code", state.id, state.id[:3].upper()) for state in world.states)
    yield from (("node_short", node.id, node.name) for node in world.nodes)
    yield from (("objective", objective.id, objective.title) for objective in world.objectives)
    yield from (("objective_text", objective.id, objective.text) for objective in world.objectives)
