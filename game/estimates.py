"""How long each format of a scenario takes a class at one screen: the minutes `tools/lesson_time.py
--write` measured (4 seats, or the scenario's most; 45 s a decision plus 10 s a hand-over), kept in
assets/lesson_minutes.toml. A missing or damaged file, or a format it does not list, gives no estimate:
never an error."""

from __future__ import annotations

from pathlib import Path

from game.content_files import ASSETS, read_toml

FILE_NAME = "lesson_minutes.toml"
LESSON_FORMAT = "lesson"  # the format a scenario offers for a lesson: one era, with numbers of its own


def minutes(scenario_id: str, length: str, assets: Path = ASSETS) -> int | None:
    """The measured minutes of a scenario's format, or None if none were measured."""
    table = (read_toml(assets / FILE_NAME).doc or {}).get(scenario_id)
    value = table.get(length) if isinstance(table, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None
