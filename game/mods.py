"""Mods: content folders beside the shipped assets, each read and checked on its own.

A mod folder holds ``mod.toml`` (``id``, ``name``, ``version``) and the layout of the shipped assets:
``world/*.toml``, ``cards/*.toml``, ``sources.toml`` and ``scenarios/*.toml``, and may translate its own
texts in ``i18n/en.toml`` and ``i18n/ru.toml`` (docs/modding.md). Each
content root — the shipped assets, each mod — is loaded alone, so a mod's cards resolve against its own
world and a broken mod never stops the shipped scenarios. Installed mods live in ``<user data>/mods/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from attrs import frozen

from game import content_files
from game.content_files import ASSETS, AssetFiles, display_name, read_toml
from game.i18n import Translator
from game.mod_catalogues import FOLDER as I18N_FOLDER
from game.mod_catalogues import catalogue_files, catalogue_problems
from rules import Scenario
from rules.content import describe, did_you_mean

MOD_FILE = "mod.toml"
MOD_KEYS = ("id", "name", "version")
MODS_FOLDER = "mods"  # under the user's data folder
SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")


@frozen
class Mod:
    """A mod as its ``mod.toml`` describes it, and the folder it lives in."""

    id: str
    name: str
    version: str
    root: Path


def read_mod(root: Path) -> tuple[Mod | None, list[str]]:
    """The mod in this folder from its ``mod.toml``, or None and every problem with that file."""
    if not root.is_dir():
        return None, [f"{display_name(root)}: not a folder"]
    file = read_toml(root / MOD_FILE)
    if file.doc is None:
        return None, list(file.problems)
    problems = [
        f"{file.name}: {key}: unknown key{did_you_mean(key, MOD_KEYS)}; expected {', '.join(MOD_KEYS)}"
        for key in file.doc
        if key not in MOD_KEYS
    ]
    problems += [f"{file.name}: {key}: {what}" for key in MOD_KEYS if (what := _mod_value(key, file.doc.get(key)))]
    if problems:
        return None, problems
    return Mod(file.doc["id"], file.doc["name"], file.doc["version"], root), []


def _mod_value(key: str, value: object) -> str | None:
    """What is wrong with one value of ``mod.toml`` (None if fine)."""
    if value is None:
        return "missing required key"
    if not isinstance(value, str) or not value.strip():
        return f"expected a non-empty string, got {describe(value)}"
    if key == "id" and not SLUG.fullmatch(value):
        return f'expected a lowercase slug (letters, digits, "-" and "_"), got "{value}"'
    return None


def escaping_files(root: Path) -> list[str]:
    """A problem for every content file of the folder whose real path leaves it (a link out)."""
    files = AssetFiles.of(root)
    inside = root.resolve()
    found = []
    for path in (*files.worlds, *files.cards, files.sources, *files.scenarios, *catalogue_files(root)):
        if path.exists() and not path.resolve().is_relative_to(inside):
            found.append(f"{display_name(path)}: refused: the file leads outside the mod folder {display_name(root)}")
    return found


def check_mod(root: Path, assets: Path = ASSETS) -> list[str]:
    """Every problem of one mod folder, checked alone: ``mod.toml``, files leading outside, its content,
    scenario ids that the shipped scenarios already use, then (on clean content) its catalogues."""
    mod, problems = read_mod(root)
    problems += escaping_files(root)
    if problems:
        return problems
    assert mod is not None
    shipped = {sid for sid, _ in content_files.list_scenarios(assets)}
    for path in AssetFiles.of(root).scenarios:
        sid = read_toml(path).id
        if isinstance(sid, str) and sid in shipped:
            problems.append(f'{display_name(path)}: id: scenario id "{sid}" is a shipped scenario\'s; choose another')
    problems += content_files.validate_tree(root)
    return problems or catalogue_problems(root)


def installed(user_data: Path) -> list[Path]:
    """The mod folders installed in the user's data folder (each folder of ``mods/`` with a ``mod.toml``)."""
    folder = user_data / MODS_FOLDER
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if (path / MOD_FILE).is_file())


@frozen
class Library:
    """The content roots a game may load scenarios from: the shipped assets, then the mods that load."""

    assets: Path
    mods: tuple[Mod, ...]
    problems: tuple[str, ...]  # one line per problem of each mod left out

    @classmethod
    def of(cls, mod_roots: Iterable[Path] = (), assets: Path = ASSETS) -> Library:
        """The assets and every given mod folder; a broken mod is left out, its problems kept."""
        mods: list[Mod] = []
        problems: list[str] = []
        for root in dict.fromkeys(mod_roots):
            mod, _ = read_mod(root)
            found = check_mod(root, assets)
            if mod is None or found:
                problems += found
            else:
                mods.append(mod)
        return cls(assets, tuple(mods), tuple(problems))

    @property
    def roots(self) -> tuple[Path, ...]:
        """Where scenarios are looked for, the shipped assets first."""
        return (self.assets, *(mod.root for mod in self.mods))

    def translator(self, lang: str) -> Translator:
        """A translator for the language that also knows the loaded mods' own catalogues."""
        return Translator(lang, extra=tuple(mod.root / I18N_FOLDER for mod in self.mods))

    def scenarios(self) -> list[tuple[str, str, Path]]:
        """The (id, name, root) of every readable scenario, shipped ones first; an id already taken is skipped."""
        found: dict[str, tuple[str, str, Path]] = {}
        for root in self.roots:
            for sid, name in content_files.list_scenarios(root):
                found.setdefault(sid, (sid, name, root))
        return list(found.values())

    def root_of(self, scenario_id: str) -> Path:
        """The content root that holds the scenario (the shipped assets when none does, which then report it)."""
        return next((root for sid, _, root in self.scenarios() if sid == scenario_id), self.assets)

    def load(self, scenario_id: str) -> Scenario:
        """The scenario, loaded from its own root alone; `ContentError` with every problem."""
        return content_files.load_scenario(scenario_id, self.root_of(scenario_id))
