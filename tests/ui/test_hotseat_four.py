"""A whole four-seat hotseat game (issue 13): two people and two bots at one keyboard, set up and played to
the game-over screen by posted clicks alone, and on every screen it passes through — the cover, the recap,
the play screen, a card, the consequences before a commit, the negotiation dialog, the flows, the summit —
nothing private of the other person's seat shows."""

from __future__ import annotations

from game.ui.app import App
from game.ui.match import Match
from rules.frame import UseOps
from tests.ui.autoplay import step
from tests.ui.driver import click, frames
from tests.ui.test_hotseat import _assert_hidden, _secrets
from tests.ui.test_newgame_table import _click_until

HUMANS = (0, 2)  # seats by place at the table; 1 and 3 are bots


def _set_up_table(app: App) -> None:
    """Title -> New game; the Caspian scenario in its lesson format; seats 1 and 3 people, 2 and 4 bots."""
    click(app, app.top.buttons["new"])  # type: ignore[union-attr]
    scene = app.top
    assert scene is not None and scene.name == "new_game"
    for _ in range(12):
        if scene.scenario_id == "caspian-2023":  # type: ignore[attr-defined]
            break
        click(app, scene.controls["scenario"])  # type: ignore[attr-defined]
    for _ in range(12):
        if scene.length == "lesson":  # type: ignore[attr-defined]
            break
        click(app, scene.controls["length"])  # type: ignore[attr-defined]
    assert (scene.scenario_id, scene.length) == ("caspian-2023", "lesson")  # type: ignore[attr-defined]
    assert len(scene.table) == 4  # type: ignore[attr-defined]
    for i in range(4):
        _click_until(app, scene, f"player:{i}", "human", i in HUMANS)  # type: ignore[arg-type]
        if i not in HUMANS:
            _click_until(app, scene, f"level:{i}", "level", "random")  # type: ignore[arg-type]
    click(app, scene.start)  # type: ignore[attr-defined]


def _playing(app: App) -> Match | None:
    return next((s.match for s in reversed(app.stack) if isinstance(getattr(s, "match", None), Match)), None)


def _check_privacy(app: App, match: Match, people: list[str]) -> None:
    """The screen shows nothing private of a person's seat but the one at the keyboard (on a cover, of
    neither: the seat about to sit has not yet been handed the screen)."""
    top = app.top
    assert top is not None
    viewer = match.viewer if top.name != "cover" else None
    for seat in people:
        if seat == viewer:
            continue
        other = viewer or next(s for s in people if s != seat)
        _assert_hidden(app, _secrets(app, match, seat, other), top.name)


def _negotiate(app: App) -> bool:
    """On a card's screen, play it for ops to negotiate where that is allowed (so the game passes through
    the proposal's steps, its dialog and the other seat's answer); whether it clicked."""
    top = app.top
    if top is None or top.name != "card":
        return False
    for widget in top.widgets:
        actions = top.choices.get(id(widget), [])  # type: ignore[attr-defined]
        if widget.is_enabled and any(isinstance(a, UseOps) and a.verb == "negotiate" for a in actions):
            click(app, widget)
            return True
    return False


def test_two_people_and_two_bots_play_a_whole_game_by_clicks_and_never_see_each_others_hands(app) -> None:  # type: ignore[no-untyped-def]
    _set_up_table(app)
    match = _playing(app)
    assert match is not None
    people = [match.state.seats[i] for i in HUMANS]
    assert sorted(match.bots) == sorted(s for s in match.state.seats if s not in people)
    seen: list[str] = []
    for _ in range(3000):
        top = app.top
        assert top is not None
        if top.name == "game_over":
            break
        _check_privacy(app, match, people)
        seen.append(top.name)
        if not _negotiate(app):
            step(app)
        frames(app, 1)
    assert app.top is not None and app.top.name == "game_over", seen[-20:]
    assert match.session.is_over
    assert {"cover", "recap", "play", "card", "preview", "proposal"} <= set(seen), set(seen)
    assert {match.state.seats.index(p) for p in people} == set(HUMANS)
