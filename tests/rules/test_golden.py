"""Golden playthroughs: each pinned game's actions, replayed, render the same text byte for byte."""

from __future__ import annotations

import pytest

from rules import IllegalActionError, InvalidActionError, SetupError
from tools import golden

GAMES = {game.name: game for game in golden.GAMES}


@pytest.mark.parametrize("name", sorted(GAMES))
def test_replaying_a_golden_file_renders_it_exactly(name: str) -> None:
    game = GAMES[name]
    if not game.is_available():
        pytest.skip(f"{game.needs} does not exist yet, so this game is not pinned")
    assert game.path.exists(), f"{game.path} is missing: run `{golden.REGENERATE}`"
    text = game.path.read_text(encoding="utf-8")
    try:
        again = golden.replay_text(game, text)
    except (IllegalActionError, InvalidActionError, SetupError) as exc:
        pytest.fail(f"{game.path.name} no longer replays ({exc}). {_intended()}")
    if again != text:
        where = _first_difference(text, again)
        pytest.fail(f"{game.path.name} no longer replays to the same text (first difference at {where}). {_intended()}")


def _intended() -> str:
    return f"If the change is intended, run `{golden.REGENERATE}` and commit the files."


def test_golden_games_end_and_name_their_setup() -> None:
    """Every pinned file is a whole game: header matching its spec, an outcome and a final hash."""
    for game in golden.GAMES:
        if not game.is_available():
            continue
        text = game.path.read_text(encoding="utf-8")
        header = golden.read_header(text)
        assert header["scenario"] == game.scenario_id
        assert header["seed"] == str(game.seed)
        assert tuple(header["seats"].split()) == game.seats
        assert '"kind":"game_ended"' in text
        assert "\noutcome: {" in text and "\nstate_hash: " in text


def test_a_changed_log_line_is_caught() -> None:
    """The comparison can fail: a file whose log says something else does not replay to itself."""
    game = GAMES["mini-seed3"]
    text = game.path.read_text(encoding="utf-8")
    changed = text.replace('"kind":"era_began","era":1', '"kind":"era_began","era":9', 1)
    assert changed != text
    assert golden.replay_text(game, changed) == text != changed


def _first_difference(expected: str, actual: str) -> str:
    for number, (a, b) in enumerate(zip(expected.splitlines(), actual.splitlines()), start=1):
        if a != b:
            return f"line {number}: expected {a[:80]!r}, got {b[:80]!r}"
    return "the end of the file (one is longer)"
