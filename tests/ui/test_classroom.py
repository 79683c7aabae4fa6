"""The class screen (F8 on the play screen): the projector's view in large type — whose turn, the round, every
score and the last public log lines — and back to the play screen with F8 or Esc."""

from __future__ import annotations

import pygame

from game.describe import describe_entry
from game.i18n import party_name
from game.ui.screenshots import mid_game
from tests.ui.driver import frames, press, screen_texts


def test_f8_shows_the_public_game_in_large_type_and_f8_returns(app) -> None:  # type: ignore[no-untyped-def]
    match = mid_game("caspian-2023", 5, app.assets, steps=20)
    seat = match.to_act()
    match.take_seat(seat)
    play = app.reset("play", match=match)
    frames(app, 2)
    press(app, pygame.K_F8)
    assert app.top.name == "classroom"
    shown = screen_texts(app)
    tr, sc = app.tr, match.scenario
    assert tr("ui.classroom.to_act", seat=party_name(tr, sc, seat), phase=tr(f"phase.{match.state.phase}")) in shown
    for s, vp in zip(match.state.seats, match.state.vp):
        assert tr("ui.classroom.score", seat=party_name(tr, sc, s), vp=vp) in shown
    last = match.session.visible_log(None)[-1].entry
    assert describe_entry(tr, sc, last) in shown
    frames(app, 5)  # the game waits for the seat: nothing is played while the room looks at the class screen
    assert match.to_act() == seat
    press(app, pygame.K_F8)
    assert app.top is play
    press(app, pygame.K_F8)
    press(app, pygame.K_ESCAPE)
    assert app.top is play


def test_the_class_screen_shows_the_caucasus_enlarged_beside_the_board(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """At 1920x1080 the room the whole board leaves free beside it holds the Caucasus inset: Baku, Tbilisi,
    Yerevan and Nakhchivan in its frame, at least twice as far apart as on the board, which it does not cover."""
    import math

    monkeypatch.setenv("CASPIAN_GAMBIT_DATA", str(tmp_path / "data"))
    from game.ui.app import App

    app = App(size=(1920, 1080), persist=False, bot_delay=0.0)
    match = mid_game("caspian-2023", 5, app.assets, steps=20)
    try:
        scene = app.reset("classroom", match=match)
        frames(app, 2)
        area = scene.areas()[0]
        inset = scene.inset_rect(area)
        assert inset is not None and area.contains(inset)
        assert app.tr("ui.play.inset_title") in screen_texts(app)
        board = scene.map.viewport
        assert board.width <= area.right - inset.right  # the board lies right of the inset
        spots = {}
        for node in ("baku", "tbilisi", "yerevan", "nakhchivan"):
            n_idx = scene.map.scenario.node_index[node]
            x, y = scene.inset.view.node_xy(n_idx)
            assert 0 <= x < inset.w and 0 <= y < inset.h, node
            spots[node] = ((x, y), scene.map.node_xy(n_idx))
        enlarged = math.dist(spots["yerevan"][0], spots["nakhchivan"][0])
        plain = math.dist(spots["yerevan"][1], spots["nakhchivan"][1])
        assert enlarged >= 2 * plain
    finally:
        match.close()
