"""Parse and cross-check already-parsed content data into a `Scenario`, collecting every problem.

Two passes. *Structure* (`rules.content.structure`) turns plain dicts (as read from TOML) into the
`*Def` classes of `rules.scenario` with a strict cattrs converter: unknown keys, missing keys and
wrong types are problems, and effects are a union tagged by their ``kind`` key. *Cross-references*
(`world_checks`, `card_checks`, `scenario_checks`, sharing `refs`) then check that every id refers to
something that exists, that ids are unique and that enumerations hold.

Every problem is one line, ``"{file}: {key.path}: {what is wrong}"``, with a "did you mean" where a
close match exists (`rules.content.problems`). This package does no file I/O: `game.content_files`
reads the files.
"""

from __future__ import annotations

from rules.content.card_checks import check_cards, check_sources
from rules.content.problems import (
    ContentError,
    KeyPath,
    describe,
    did_you_mean,
    format_path,
    not_one_of,
    problem,
    unknown,
)
from rules.content.scenario_checks import build_scenario, check_scenario, cross_check, undealt_cards
from rules.content.structure import (
    converter,
    parse_cards,
    parse_scenario,
    parse_sources,
    parse_world,
    structure,
    structure_problems,
)
from rules.content.world_checks import check_world

__all__ = [
    "ContentError",
    "KeyPath",
    "build_scenario",
    "check_cards",
    "check_scenario",
    "check_sources",
    "check_world",
    "converter",
    "cross_check",
    "describe",
    "did_you_mean",
    "format_path",
    "not_one_of",
    "parse_cards",
    "parse_scenario",
    "parse_sources",
    "parse_world",
    "problem",
    "structure",
    "structure_problems",
    "undealt_cards",
    "unknown",
]
