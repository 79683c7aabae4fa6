"""game.estimates: the new-game screen's minutes come from the file tools/lesson_time.py writes, and a
missing or damaged file gives no estimate rather than an error."""

from __future__ import annotations

from pathlib import Path

from game import estimates
from game.content_files import list_scenarios, load_scenario


def test_every_shipped_format_has_its_measured_minutes() -> None:
    for scenario_id, _ in list_scenarios():
        for length in load_scenario(scenario_id).definition.format_names():
            assert estimates.minutes(scenario_id, length) is not None, f"{scenario_id} {length}: run --write"


def test_a_missing_or_damaged_file_gives_no_estimate(tmp_path: Path) -> None:
    assert estimates.minutes("caspian-2023", "full", tmp_path) is None
    path = tmp_path / estimates.FILE_NAME
    path.write_text('["caspian-2023"]\nfull = 103\nshort = "long"\nlesson = -1\n', encoding="utf-8")
    assert estimates.minutes("caspian-2023", "full", tmp_path) == 103
    assert [estimates.minutes("caspian-2023", f, tmp_path) for f in ("short", "lesson", "duel")] == [None] * 3
    assert estimates.minutes("tutorial", "full", tmp_path) is None
    path.write_text("[caspian-2023\n", encoding="utf-8")
    assert estimates.minutes("caspian-2023", "full", tmp_path) is None
