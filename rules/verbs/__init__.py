"""The ops verbs, one module each, each ending with its `RULE` record (see `rules.verbs.base.VerbRule`).

The engine builds its tables from `VERB_RULES`; adding a verb is a module here, its record and action
type listed below, and its strings in the catalogues (docs/developing.md, "A new verb").
"""

from __future__ import annotations

from enum import StrEnum
from typing import Union

from rules.verbs import build, influence, negotiate, pressure
from rules.verbs.base import AnyVerbRule
from rules.verbs.build import BuildLink
from rules.verbs.influence import PlaceInfluence
from rules.verbs.negotiate import Propose
from rules.verbs.pressure import ApplyPressure


class Verb(StrEnum):
    INFLUENCE = "influence"
    BUILD = "build"
    NEGOTIATE = "negotiate"
    PRESSURE = "pressure"


# In Verb order; each verb's action type in the same order in VerbAction.
VERB_RULES: tuple[AnyVerbRule, ...] = (influence.RULE, build.RULE, negotiate.RULE, pressure.RULE)
VerbAction = Union[PlaceInfluence, BuildLink, Propose, ApplyPressure]
VERBS: tuple[str, ...] = tuple(rule.name for rule in VERB_RULES)

__all__ = ["VERBS", "VERB_RULES", "ApplyPressure", "BuildLink", "PlaceInfluence", "Propose", "Verb", "VerbAction"]
