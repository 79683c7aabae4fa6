"""The fuzzers find what they are for: a few games and files of each run clean, and a planted disagreement
between why_illegal and legal_actions is reported."""

from __future__ import annotations

import pytest

from game.content_files import load_scenario
from rules import legal_actions, new_game
from rules.action import EndTurn
from tools import fuzz_files, fuzz_games, reliability_report


def test_a_few_fuzzed_games_keep_every_invariant(tmp_path) -> None:  # type: ignore[no-untyped-def]
    summary = fuzz_games.run(3, seed=5, bot_every=3, failures=tmp_path)
    assert summary["games"] == 3 and summary["bot_games"] == 1 and summary["steps"] > 0
    assert [summary[k] for k in ("invariant_failures", "dead_ends", "loops", "hangs", "tracebacks")] == [0] * 5
    assert summary["undo_violations"] == 0 and not list(tmp_path.iterdir())


def test_a_planted_disagreement_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = load_scenario("tutorial")
    state = new_game(scenario, 1, tuple(scenario.definition.default_seats))
    legal = legal_actions(scenario, state)
    monkeypatch.setattr(fuzz_games, "why_illegal", lambda *args: None)  # an engine that allows everything
    action = EndTurn(state.seats[0])
    assert "legal_actions omits it" in (fuzz_games.legality_problem(scenario, state, legal, action) or "")


def test_a_few_mutated_files_load_or_give_one_clear_line() -> None:
    files = fuzz_files.run(12, seed=3)
    games = {k: 0 for k in ("games", "invariant_failures", "dead_ends", "loops", "tracebacks", "hangs")}
    result = reliability_report.report({**games, "undo_violations": 0, "steps": 0, "bot_games": 0, "seconds": 0}, files)
    assert result["mutated_files"] == 12 == result["clear_errors"] + result["loaded"]
    assert all(result[key] == 0 for key in reliability_report.FAILURES)
