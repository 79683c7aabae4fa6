"""Content files on disk: find, read and validate the TOML data, and load scenarios from it.

Layout under an assets folder: ``world/*.toml`` (one world each, which may extend a shipped world:
`game.world_extends`), ``cards/*.toml`` (``[[cards]]``),
``sources.toml`` (``[[sources]]``) and ``scenarios/*.toml`` (one scenario each). Parsing and
cross-checking is `rules.content`'s job; this module adds reading, TOML syntax errors, file names
in messages, the content hash that saves record, and a cache of loaded scenarios.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from attrs import define, field, frozen

from game.limits import FileProblem, parse_toml, read_limited
from game.resources import ASSETS, ROOT
from game.world_extends import EXTENDS, extend
from rules.content import (
    ContentError,
    check_cards,
    check_scenario,
    check_sources,
    check_world,
    parse_cards,
    parse_scenario,
    parse_sources,
    parse_world,
    undealt_cards,
    unknown,
)
from rules.scenario import CardDef, Scenario, ScenarioDef, SourceDef, World

# (path, sha256 of its bytes) -> the parsed TOML, or None and the problems reading it
_DOCS: dict[tuple[str, str], tuple[dict[str, Any] | None, list[str]]] = {}
_SCENARIOS: dict[tuple[str, str], Scenario] = {}  # (scenario id, content hash) -> loaded scenario


def display_name(path: Path) -> str:
    """A file's name for messages: relative to the repository root when inside it, else as given."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- reading


@frozen
class TomlFile:
    """A content file as read: its bytes and parsed document, or the problems reading it."""

    path: Path
    name: str
    data: bytes = b""
    doc: dict[str, Any] | None = None
    problems: tuple[str, ...] = field(default=())

    @property
    def id(self) -> object:
        """The document's top-level ``id`` (None when unreadable or absent)."""
        return None if self.doc is None else self.doc.get("id")


def read_toml(path: Path) -> TomlFile:
    """Read and parse one TOML file; failures become problems, never exceptions."""
    name = display_name(path)
    try:
        data = read_limited(path, name, "content")
    except FileProblem as exc:
        return TomlFile(path, name, problems=(str(exc),))
    except FileNotFoundError:
        return TomlFile(path, name, problems=(f"{name}: file not found",))
    except OSError as exc:
        return TomlFile(path, name, problems=(f"{name}: cannot read file ({exc.strerror or exc})",))
    key = (str(path.resolve()), hashlib.sha256(data).hexdigest())
    if key not in _DOCS:
        _DOCS[key] = _parse_toml(data, name)  # a refused file is remembered too: it is parsed once
    doc, problems = _DOCS[key]
    if doc is None:
        return TomlFile(path, name, data, problems=tuple(problems))
    return TomlFile(path, name, data, doc)


def read_world(path: Path, assets: Path = ASSETS) -> TomlFile:
    """Read a world file; one that ``extends`` a shipped world comes back merged with it (game.world_extends),
    its bytes after the base's so that the content hash covers both."""
    file = read_toml(path)
    if file.doc is None or EXTENDS not in file.doc:
        return file
    bases = {base.id: base for base in map(read_toml, AssetFiles.of(assets).worlds) if isinstance(base.id, str)}
    doc, problems = extend(file.doc, file.name, {str(key): base.doc for key, base in bases.items() if base.doc})
    base = bases.get(file.doc[EXTENDS])
    data = (base.data if base is not None else b"") + file.data
    return TomlFile(path, file.name, data, doc, tuple(problems))


def _parse_toml(data: bytes, name: str) -> tuple[dict[str, Any] | None, list[str]]:
    """The document, or the one-line problem that keeps it from being read (`game.limits`)."""
    try:
        return parse_toml(data, name, "content"), []
    except FileProblem as exc:
        return None, [str(exc)]


def content_hash(paths: Iterable[Path]) -> str:
    """The sha256 of the files' bytes, concatenated in sorted path order (saves record it)."""
    return _hash_files(read_toml(path) for path in paths)


def _hash_files(files: Iterable[TomlFile]) -> str:
    digest = hashlib.sha256()
    for file in sorted(files, key=lambda f: str(f.path)):
        digest.update(file.data)
    return digest.hexdigest()


# --------------------------------------------------------------------------- layout


@frozen
class AssetFiles:
    """The content files of one assets folder, by role."""

    worlds: tuple[Path, ...]
    cards: tuple[Path, ...]
    sources: Path
    scenarios: tuple[Path, ...]

    @classmethod
    def of(cls, root: Path, extra: Iterable[Path] = ()) -> AssetFiles:
        """The files under `root`, plus any `extra` files of the same layout."""
        extra = tuple(extra)
        return cls(
            worlds=_listing(root / "world", extra),
            cards=_listing(root / "cards", extra),
            sources=root / "sources.toml",
            scenarios=_listing(root / "scenarios", extra),
        )


def _listing(folder: Path, extra: Sequence[Path]) -> tuple[Path, ...]:
    found = {p.resolve(): p for p in folder.glob("*.toml")}
    found.update({p.resolve(): p for p in extra if p.parent.resolve() == folder.resolve()})
    return tuple(found[key] for key in sorted(found))


def tree_root(path: Path) -> Path | None:
    """The assets folder a content file belongs to, judged by its place in the layout (None if loose)."""
    if path.name == "sources.toml":
        return path.parent
    if path.parent.name in ("world", "cards", "scenarios"):
        return path.parent.parent
    return None


# --------------------------------------------------------------------------- parsing a set of files


@define
class Parsed:
    """The parsed content of a set of files, with every problem found reading and structuring them."""

    worlds: list[tuple[TomlFile, World]] = field(factory=list)
    cards: list[tuple[str, tuple[CardDef, ...]]] = field(factory=list)
    cards_complete: bool = True
    sources: tuple[SourceDef, ...] | None = None
    sources_name: str = "sources.toml"
    scenarios: list[tuple[TomlFile, ScenarioDef]] = field(factory=list)
    problems: list[str] = field(factory=list)


def parse_files(worlds: Sequence[Path], cards: Sequence[Path], sources: Path, scenarios: Sequence[Path]) -> Parsed:
    """Read and structure every given file, collecting all problems."""
    parsed = Parsed(sources_name=display_name(sources))
    for path in worlds:
        _parse_world_file(read_world(path), parsed)
    for path in cards:
        _parse_card_file(read_toml(path), parsed)
    _parse_sources_file(read_toml(sources), parsed)
    for path in scenarios:
        _parse_scenario_file(read_toml(path), parsed)
    return parsed


def _parse_world_file(file: TomlFile, parsed: Parsed) -> None:
    if file.doc is None:
        parsed.problems.extend(file.problems)
        return
    world, problems = parse_world(file.doc, file.name)
    parsed.problems.extend(problems)
    if world is not None:
        parsed.worlds.append((file, world))


def _parse_card_file(file: TomlFile, parsed: Parsed) -> None:
    cards, problems = ((), list(file.problems)) if file.doc is None else parse_cards(file.doc, file.name)
    parsed.problems.extend(problems)
    if problems:
        parsed.cards_complete = False
    else:
        parsed.cards.append((file.name, cards))


def _parse_sources_file(file: TomlFile, parsed: Parsed) -> None:
    sources, problems = ((), list(file.problems)) if file.doc is None else parse_sources(file.doc, file.name)
    parsed.problems.extend(problems)
    if not problems:
        parsed.sources = sources


def _parse_scenario_file(file: TomlFile, parsed: Parsed) -> None:
    if file.doc is None:
        parsed.problems.extend(file.problems)
        return
    definition, problems = parse_scenario(file.doc, file.name)
    parsed.problems.extend(problems)
    if definition is not None:
        parsed.scenarios.append((file, definition))


# --------------------------------------------------------------------------- cross-checking


def cross_problems(parsed: Parsed) -> list[str]:
    """Every cross-reference problem among the parsed files (skipping checks whose inputs are broken)."""
    found: list[str] = []
    if parsed.sources is not None:
        found += check_sources(parsed.sources, parsed.sources_name)
    worlds = {world.id: (file, world) for file, world in reversed(parsed.worlds)}
    found += _duplicate_ids("world", [(file, world.id) for file, world in parsed.worlds])
    found += _duplicate_ids("scenario", [(file, definition.id) for file, definition in parsed.scenarios])
    for file, world in parsed.worlds:
        found += check_world(world, file.name)
    for world in _worlds_for_cards(parsed, worlds):
        found += check_cards(parsed.cards, world, parsed.sources, parsed.sources_name)
    for file, definition in parsed.scenarios:
        found += _scenario_problems(file, definition, worlds, parsed)
    return found


def _duplicate_ids(what: str, files: list[tuple[TomlFile, str]]) -> list[str]:
    """A problem for every file whose world or scenario id an earlier file of the folder already has."""
    first: dict[str, str] = {}
    found = []
    for file, item_id in files:
        if item_id in first:
            found.append(f'{file.name}: id: {what} id "{item_id}" is also used by {first[item_id]}')
        first.setdefault(item_id, file.name)
    return found


def _worlds_for_cards(parsed: Parsed, worlds: dict[str, tuple[TomlFile, World]]) -> list[World]:
    """The worlds the cards must fit: those the scenarios use, or every world when there is no scenario."""
    wanted = [d.world for _, d in parsed.scenarios] if parsed.scenarios else list(worlds)
    return [worlds[world_id][1] for world_id in dict.fromkeys(wanted) if world_id in worlds]


def _scenario_problems(
    file: TomlFile, definition: ScenarioDef, worlds: dict[str, tuple[TomlFile, World]], parsed: Parsed
) -> list[str]:
    if definition.world not in worlds:
        return [f"{file.name}: world: {unknown('world', definition.world, worlds)}"]
    world = worlds[definition.world][1]
    return check_scenario(definition, file.name, world, parsed.cards if parsed.cards_complete else None)


def _all_problems(parsed: Parsed) -> list[str]:
    return list(dict.fromkeys(parsed.problems + cross_problems(parsed)))


# --------------------------------------------------------------------------- public API


def list_scenarios(assets: Path = ASSETS) -> list[tuple[str, str]]:
    """The (id, name) of every readable scenario file, in file name order."""
    found = []
    for path in AssetFiles.of(assets).scenarios:
        doc = read_toml(path).doc or {}
        if isinstance(doc.get("id"), str) and isinstance(doc.get("name"), str):
            found.append((doc["id"], doc["name"]))
    return found


def load_scenario(scenario_id: str, assets: Path = ASSETS) -> Scenario:
    """The scenario with this id, built from its files; raises `ContentError` with every problem."""
    files = AssetFiles.of(assets)
    scenario_file = _find_scenario(scenario_id, files, assets)
    world_file = _find_world(scenario_file, files)
    card_files = [read_toml(path) for path in files.cards]
    key = (scenario_id, _hash_files([scenario_file, world_file, *card_files, read_toml(files.sources)]))
    if key not in _SCENARIOS:
        _SCENARIOS[key] = _build(scenario_file, world_file, files, key[1])
    return _SCENARIOS[key]


def _find_scenario(scenario_id: str, files: AssetFiles, assets: Path) -> TomlFile:
    """The scenario file with this id (or named for it, if unreadable); else a `ContentError`."""
    scenario_files = [read_toml(path) for path in files.scenarios]
    for file in scenario_files:
        if file.id == scenario_id or (file.doc is None and file.path.stem == scenario_id):
            return file
    known = [str(f.id) for f in scenario_files if isinstance(f.id, str)]
    raise ContentError([f"{display_name(assets / 'scenarios')}: {unknown('scenario', scenario_id, known)}"])


def _find_world(scenario: TomlFile, files: AssetFiles) -> TomlFile:
    """The world file the scenario names; else a `ContentError`."""
    if scenario.doc is None:
        raise ContentError(scenario.problems)
    world_id = scenario.doc.get("world")
    world_files = [read_world(path) for path in files.worlds]
    for file in world_files:
        if file.id == world_id:
            return file
    known = [str(f.id) for f in world_files if isinstance(f.id, str)]
    what = unknown("world", world_id, known) if isinstance(world_id, str) else "missing required key"
    problems = [f"{scenario.name}: world: {what}"] + [p for f in world_files for p in f.problems]
    raise ContentError(problems)


def _build(scenario: TomlFile, world: TomlFile, files: AssetFiles, digest: str) -> Scenario:
    parsed = parse_files([world.path], files.cards, files.sources, [scenario.path])
    problems = _all_problems(parsed)
    if problems:
        raise ContentError(problems)
    (_, definition), (_, world_def) = parsed.scenarios[0], parsed.worlds[0]
    cards = tuple(card for _, file_cards in parsed.cards for card in file_cards)
    return Scenario(definition, world_def, cards, parsed.sources or (), digest)


def validate(paths: list[Path] | None = None) -> list[str]:
    """Every problem in the given content files, or by default in all of the shipped assets.

    A file inside an assets layout is checked against the rest of its folder (its world, cards,
    sources and scenarios), but only problems in the given files are returned. A loose file is
    checked on its own, by what it holds.
    """
    if paths is None:
        return validate_tree(ASSETS)
    found: list[str] = []
    for path in paths:
        root = tree_root(path)
        problems = _validate_loose(path) if root is None else validate_tree(root, [path])
        name = display_name(path)
        found += [p for p in problems if p.startswith(f"{name}: ")]
    return list(dict.fromkeys(found))


def validate_tree(root: Path, extra: Iterable[Path] = ()) -> list[str]:
    """Every problem in one assets folder: each scenario checked against its world, the cards and sources."""
    files = AssetFiles.of(root, extra)
    parsed = parse_files(files.worlds, files.cards, files.sources, files.scenarios)
    return _all_problems(parsed)


def undealt(root: Path) -> list[str]:
    """A warning line for every card of the folder that none of its scenarios deals."""
    files = AssetFiles.of(root)
    parsed = parse_files((), files.cards, files.sources, files.scenarios)
    return undealt_cards(parsed.cards, [definition for _, definition in parsed.scenarios])


# A loose file's role, told by a top-level key it has.
_LOOSE_PARSERS = {
    "cards": _parse_card_file,
    "sources": _parse_sources_file,
    "eras": _parse_scenario_file,
    "states": _parse_world_file,  # a world that extends another has the base's states once read
}


def _validate_loose(path: Path) -> list[str]:
    """The structural problems of a file outside an assets layout, checked on its own."""
    file = read_world(path)
    if file.doc is None:
        return list(file.problems)
    key = next((key for key in _LOOSE_PARSERS if key in file.doc), None)
    if key is None:
        keys = ", ".join(f'"{key}"' for key in _LOOSE_PARSERS)
        return [f"{file.name}: cannot tell what this file holds (expected one of the keys {keys})"]
    parsed = Parsed(sources_name=file.name)
    _LOOSE_PARSERS[key](file, parsed)
    return parsed.problems


def library(assets: Path = ASSETS) -> tuple[tuple[SourceDef, ...], tuple[CardDef, ...]]:
    """Every source and every card of an assets folder, whichever scenario uses them (for the sources screen)."""
    files = AssetFiles.of(assets)
    parsed = parse_files((), files.cards, files.sources, ())
    return parsed.sources or (), tuple(card for _, cards in parsed.cards for card in cards)
