"""tools/lesson_time.py: one JSON object whose minutes are the median decisions at a pace plus 10 s a hand-over."""

from __future__ import annotations

import json

import pytest

from tools import lesson_time


def test_two_tutorial_games_give_the_figures_and_their_arithmetic(capsys: pytest.CaptureFixture[str]) -> None:
    assert lesson_time.main(["--scenario", "tutorial", "--games", "2", "--jobs", "1"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {
        "decisions",
        "decisions_per_seat",
        "handovers",
        "minutes_at_30s",
        "minutes_at_45s",
        "minutes_at_60s",
    } <= set(out)
    assert (out["scenario"], out["format"], out["seats"], out["games"]) == ("tutorial", "full", 2, 2)
    decisions, handovers = out["decisions"], out["handovers"]
    assert decisions > 0 and handovers > 0
    for pace in (30, 45, 60):
        assert out[f"minutes_at_{pace}s"] == round((decisions * pace + handovers * 10) / 60, 1)
    assert out["decisions_per_seat"] == decisions / 2
    assert sum(out["kinds"].values()) == decisions
    assert out["kinds"]["objective"] == 2  # each seat keeps one national interest
    assert out["actions"] > decisions  # a card play takes several clicks


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(SystemExit, match="has no format 'lesson'"):
        lesson_time.main(["--scenario", "tutorial", "--format", "lesson", "--games", "1", "--jobs", "1"])


def test_the_guided_tutorial_takes_a_newcomer_at_most_ten_minutes(capsys: pytest.CaptureFixture[str]) -> None:
    assert lesson_time.main(["--guided"]) == 0
    out = json.loads(capsys.readouterr().out)
    # an interest, the four verbs and the throttle's preview (the headline is the card left, not a decision)
    assert out["guided"] == "tutorial" and out["decisions"] >= 6
    for lang in ("en", "ru"):
        assert out["minutes"][lang] == round(out["decisions"] * 45 / 60 + out["words"][lang] / 150, 1)
        assert out["minutes"][lang] <= 10
