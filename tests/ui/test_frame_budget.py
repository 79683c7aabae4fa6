"""Issue 13's frame budget, as it is built (the times themselves are measured by bench/frames.py, never here):
a move's new map layer is drawn a step at a time within a share of each frame, the last layer shown meanwhile,
and comes out the same as one drawn at once; a rebuilt panel keeps the widgets whose content did not change."""

from __future__ import annotations

import time
from contextlib import contextmanager

import pygame
from attrs import evolve

from game.ui.mapview import MapView
from rules import GameState
from tests.ui.driver import seated_mid_game


def _moved(state: GameState) -> GameState:
    """The state with one more influence for the first seat in every state (a new board: every row changes)."""
    rows = tuple(tuple(v + 1 if seat == 0 else v for v in row) for seat, row in enumerate(state.influence))
    return evolve(state, influence=rows)


@contextmanager
def _screen(tmp_path, monkeypatch, size=(1280, 720)):  # type: ignore[no-untyped-def]
    """(app, match, play screen) of the map tests' mid-game position (``seated_mid_game``), one frame drawn."""
    with seated_mid_game(tmp_path, monkeypatch, size) as (app, match):
        play = app.reset("play", match=match)
        app.step(0.05)
        yield app, match, play


def test_a_layer_drawn_a_step_at_a_time_is_the_layer_drawn_at_once(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with _screen(tmp_path, monkeypatch) as (app, match, play):
        view: MapView = play.map
        before = match.state
        first = view.static_surface(before)
        placed_before = list(view.placed)
        after = _moved(before)
        # no time left in the frame: the last layer stays, its names with it, for _STARVED frames
        assert view.static_surface(after, until=0.0) is first
        assert view.drawing and view.placed == placed_before
        frames = 1
        surface = first
        while view.drawing:
            surface = view.static_surface(after, until=0.0)  # past: one step a frame once passed over
            frames += 1
            assert frames < 2000
        assert frames > 3  # it took several frames
        assert surface is not first
        stepped = (pygame.image.tobytes(surface, "RGB"), list(view.placed))
        # the same board drawn at once by a fresh drawer
        fresh = MapView(match.scenario, view.tr, view.palette, view.ui_scale)
        fresh.viewport, fresh.outlined = view.viewport, view.outlined
        at_once = fresh.static_surface(after)
        assert stepped == (pygame.image.tobytes(at_once, "RGB"), list(fresh.placed))
        # and with the frame's share: done in a few frames, shown at once when cached
        assert view.static_surface(before, until=time.perf_counter() + 1.0) is first


def test_a_layer_under_way_is_finished_before_the_next_board_is_begun(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with _screen(tmp_path, monkeypatch) as (app, match, play):
        view: MapView = play.map
        one = _moved(match.state)
        two = _moved(one)
        view.static_surface(match.state)
        view.static_surface(one, until=0.0)  # begun
        shown = view.static_surface(two, until=time.perf_counter() + 5.0)  # the first is finished and shown
        assert view._last is not None and view._last[1] is one
        assert view.static_surface(two, until=time.perf_counter() + 5.0) is not shown  # then the second
        assert view._last[1] is two and not view.drawing


def test_a_new_viewport_is_drawn_at_once(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with _screen(tmp_path, monkeypatch) as (app, match, play):
        view: MapView = play.map
        view.static_surface(match.state)
        view.zoom(1.5)
        view.static_surface(_moved(match.state), until=0.0)
        assert not view.drawing and view._placed_for == view.viewport


def test_the_play_screen_shows_the_new_layer_within_a_few_frames(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with _screen(tmp_path, monkeypatch) as (app, match, play):
        assert app.top is play and play.map._last is not None
        shown = play.map._last[2]
        moved = _moved(play.view())
        monkeypatch.setattr(play, "view", lambda: moved)  # the board changes (as after a move)
        app.changed()
        frames = 0
        while play.map._last[1] is not moved or play.map.drawing:
            app.step(1 / 60)
            frames += 1
            assert frames < 200 and app.top is play
        assert play.map._last[2] is not shown


def test_a_rebuild_keeps_the_widgets_whose_content_did_not_change(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with _screen(tmp_path, monkeypatch, (1920, 1080)) as (app, match, play):
        assert app.top is play and play.card_buttons  # the seat's hand shows
        status, controls = play.status_box, dict(play.controls)
        cards = dict(play.card_buttons)
        play.rebuild()
        assert play.status_box is status
        assert all(play.controls[key] is widget for key, widget in controls.items())
        assert set(play.card_buttons) == set(cards)  # the same card faces (kept by their widgets' ids)
        assert all(widget.alive() for widget in play.widgets)
        # new words for the status: the box stays and takes them in a later frame with time to spare
        monkeypatch.setattr(type(play), "status_html", lambda self, view: "<b>changed</b>")
        play.rebuild()
        assert play.status_box is status and play.status_due == "<b>changed</b>" and play.animating()
        for _ in range(4):
            app.step(1 / 60)
        assert play.status_box is status and status.html_text == "<b>changed</b>" and play.status_due is None
        assert play.controls["undo"] is controls["undo"]
        # a control whose state changes is made again, and the old one goes
        undo = controls["undo"]
        monkeypatch.setattr(type(play), "control_state", lambda self, key, view: (key, False, "no"))
        play.rebuild()
        assert play.controls["undo"] is not undo and not undo.alive() and play.controls["undo"].alive()
        # leaving the screen drops every widget, kept or not
        widgets = list(play.widgets)
        play.clear()
        assert not any(widget.alive() for widget in widgets)
