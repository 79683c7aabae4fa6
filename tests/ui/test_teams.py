"""Teams and participation through posted input: the new-game screen names a team and its members for each
seat, play times each decision a person takes, and the save keeps both for the debrief's participation record."""

from __future__ import annotations

from game.debrief import debrief
from game.debrief_text import participation_lines
from game.ui.savefiles import load_match, save_match
from game.ui.scenes.teams import parse_team
from tests.ui.autoplay import step
from tests.ui.driver import click, frames, screen_texts


def _start_with_teams(app):  # type: ignore[no-untyped-def]
    """Title -> New game (the tutorial, two human seats) -> Teams: name both -> Start."""
    click(app, app.top.buttons["new"])
    new_game = app.top
    assert new_game.name == "new_game" and new_game.scenario_id == "tutorial"
    click(app, new_game.controls["teams"])
    teams = app.top
    assert teams.name == "teams"
    typed = {
        ("kazakhstan", "name"): "Steppe Eagles",
        ("kazakhstan", "members"): "Aigerim, Daniyar",
        ("russia", "name"): "Volga",
        ("russia", "members"): "Ivan,  , Olga",
    }
    for entry, key in teams.entries.items():
        entry.set_text(typed.get(key, ""))
        teams.keep()
    click(app, teams.done)
    assert app.top is new_game and app.tr("ui.new.teams_named", count=2) in screen_texts(app)
    click(app, new_game.start)
    frames(app, 3)
    return app.playing()


def test_teams_named_at_the_start_and_each_decision_timed_into_the_save_and_the_debrief(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    match = _start_with_teams(app)
    teams = match.session.teams
    assert teams["kazakhstan"].name == "Steppe Eagles" and teams["russia"].members == ("Ivan", "Olga")
    while len(match.session.timings) < 6:
        frames(app, 5, dt=0.2)  # a second passes at the screen before each click
        step(app)
    humans = {p.state for p in match.plans if p.human}
    timed = match.session.timings
    assert all(getattr(match.session.actions[s - 1], "seat", None) in humans for s in timed)
    assert max(timed.values()) >= 900 and min(timed.values()) >= 0
    path = save_match(match, tmp_path / "class.json")
    loaded = load_match(path, app.library)
    try:
        assert loaded.session.teams == teams and loaded.session.timings == timed
        record = {p.seat: p for p in debrief(loaded.session).participation}
        assert record["kazakhstan"].team == "Steppe Eagles" and record["russia"].members == ("Ivan", "Olga")
        assert sum(len(p.timed) for p in record.values()) == len(timed)
        lines = participation_lines(app.tr, loaded.scenario, debrief(loaded.session))
        assert any("Steppe Eagles" in line and "Aigerim, Daniyar" in line for line in lines)
    finally:
        loaded.close()


def test_a_team_is_what_was_typed_or_nothing() -> None:
    assert parse_team("  ", " , ") is None
    team = parse_team(" Volga ", "Ivan, Olga,")
    assert team is not None and team.name == "Volga" and team.members == ("Ivan", "Olga")
    nameless = parse_team("", "Ann")
    assert nameless is not None and nameless.name == "" and nameless.members == ("Ann",)
