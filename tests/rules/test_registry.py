"""The engine's registry is complete: every action type, verb, pressure kind, deal kind and
phase has its record and handler, and every reason code is still given somewhere."""

from __future__ import annotations

import re
import typing
from pathlib import Path

from rules import clock, engine, steps
from rules.action import Action
from rules.errors import Reason
from rules.state import Phase
from rules.verbs import VERB_RULES, Verb, VerbAction
from rules.verbs.negotiate import SIGNING, Deal
from rules.verbs.pressure import PRESSURES, PressureKind

RULES_DIR = Path(__file__).resolve().parents[2] / "rules"


def test_every_action_type_has_a_record() -> None:
    assert set(typing.get_args(Action)) == set(engine.RULES)


def test_every_verb_has_one_record_in_verb_order() -> None:
    assert [rule.name for rule in VERB_RULES] == list(Verb)
    assert [rule.action_type for rule in VERB_RULES] == list(typing.get_args(VerbAction))


def test_every_pressure_kind_has_one_record() -> None:
    assert [rule.kind for rule in PRESSURES] == list(PressureKind)


def test_every_deal_that_signs_an_agreement_has_its_terms() -> None:
    assert set(SIGNING) == set(Deal) - {Deal.ACCESSION}


def test_every_phase_has_a_rule_and_every_engine_phase_a_step() -> None:
    assert set(clock.PHASES) == set(Phase)
    engine_phases = {p for p, rule in clock.PHASES.items() if rule.waiting is None and rule.next is not None}
    assert engine_phases == set(steps.STEPS)


def test_every_reason_code_is_given_somewhere() -> None:
    """A code nothing returns is dead (the catalogues would translate it for nothing)."""
    used: set[str] = set()
    for path in RULES_DIR.rglob("*.py"):
        if path.name != "errors.py":
            used.update(re.findall(r"Reason\.([A-Z_]+)", path.read_text(encoding="utf-8")))
    assert [r.name for r in Reason if r.name not in used] == []
