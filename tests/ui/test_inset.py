"""The Caucasus inset and the hit areas of small states, by posted input at 1280x720 and 1920x1080:
the inset enlarges Baku-Tbilisi-Yerevan-Nakhchivan, a click or hover inside it names the same node, link or
state as on the board, the board fills its part of the screen (no dark band beside it), and pointing at or
beside a small state's name names that state, not its neighbour."""

from __future__ import annotations

import math

import pygame
import pytest

from game.ui.mapview import Pick, _distance
from game.ui.screenshots import mid_game
from tests.ui.driver import click_at, frames

SIZES = ((1280, 720), (1920, 1080))
CAUCASUS = ("baku", "tbilisi", "yerevan", "nakhchivan")


@pytest.fixture(params=SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def play(request, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CASPIAN_GAMBIT_DATA", str(tmp_path / "data"))
    from game.ui.app import App

    app = App(size=request.param, persist=False, bot_delay=0.0)
    match = mid_game("caspian-2023", 7)
    match.paused = True  # nothing moves while the test points
    match.take_seat(match.to_act() or match.state.seats[0])
    scene = app.reset("play", match=match)
    frames(app, 2)
    yield app, scene
    match.close()


def _move(app, pos: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    frames(app, 1)


def _on_screen(rect: pygame.Rect, view, node: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    x, y = view.node_xy(view.scenario.node_index[node])
    return rect.x + int(x), rect.y + int(y)


def test_the_inset_enlarges_the_caucasus_and_keeps_its_nodes_apart(play) -> None:  # type: ignore[no-untyped-def]
    app, scene = play
    inset, board = scene.inset_rect, scene.board_rect
    assert not inset.colliderect(board) and scene.map_rect.contains(inset)
    spots = {n: _on_screen(inset, scene.inset.view, n) for n in CAUCASUS}
    assert all(inset.collidepoint(spot) for spot in spots.values()), spots
    on_board = {n: _on_screen(board, scene.map, n) for n in CAUCASUS}
    for i, a in enumerate(CAUCASUS):
        for b in CAUCASUS[i + 1 :]:
            enlarged, plain = math.dist(spots[a], spots[b]), math.dist(on_board[a], on_board[b])
            assert enlarged >= 2 * plain and enlarged >= app.u(36), (a, b, enlarged, plain)


def test_a_click_or_hover_in_the_inset_names_what_the_board_names(play) -> None:  # type: ignore[no-untyped-def]
    app, scene = play
    for node in CAUCASUS:
        _move(app, _on_screen(scene.inset_rect, scene.inset.view, node))
        assert scene.hover == Pick("node", node)
        _move(app, _on_screen(scene.board_rect, scene.map, node))
        assert scene.hover == Pick("node", node)
    link = scene.map.scenario.links[0].id
    for l_idx, candidate in enumerate(scene.map.scenario.links):
        a, b = scene.inset.view._link_points(l_idx)
        mid = (scene.inset_rect.x + int((a[0] + b[0]) / 2), scene.inset_rect.y + int((a[1] + b[1]) / 2))
        if scene.inset_rect.collidepoint(mid) and scene.pick_at(mid) == Pick("link", candidate.id):
            link = candidate.id
            click_at(app, mid)
            frames(app, 1)
            break
    assert scene.focus == Pick("link", link)


def test_the_board_fills_its_part_of_the_screen(play) -> None:  # type: ignore[no-untyped-def]
    app, scene = play
    board, area = scene.board_rect, scene.map_rect
    assert board.right == area.right and board.height == area.height
    x0, y0, x1, y1 = scene.map.base_map.bbox
    left, top = scene.map.viewport.to_screen(x0, y1)
    right, bottom = scene.map.viewport.to_screen(x1, y0)
    assert left <= 1 and right >= board.width - 1  # no band of table between the board and the side panel
    assert top <= 1 and bottom >= board.height - 1


@pytest.mark.parametrize("slug", ("armenia", "georgia", "azerbaijan"))
def test_pointing_at_or_beside_a_small_states_name_names_it(play, slug) -> None:  # type: ignore[no-untyped-def]
    app, scene = play
    view, board = scene.map, scene.board_rect
    name = dict(view.placed)[f"state:{slug}"]
    margin = view.px(4)
    spots = [
        (name.left - margin, name.centery),
        (name.right + margin, name.centery),
        (name.centerx, name.top - margin),
        (name.left + 2, name.bottom - 2),
        (name.right - 2, name.top + 2),
    ]
    others = [rect for key, rect in view.placed if key not in (f"state:{slug}", f"influence:{slug}")]
    for x, y in spots:
        _, g, b, *_ = view.hit_surface().get_at((x, y))
        near = _distance(name, (x, y))
        if (g == 0 and b) or any(_distance(rect, (x, y)) <= near for rect in others):
            continue  # a node's marker keeps its own point, and a point as near another name is that name's
        _move(app, (board.x + x, board.y + y))
        assert scene.hover == Pick("state", slug), ((x, y), scene.hover)
    region = view.base_map.country(slug)
    hx, hy = view.viewport.to_screen(*region.label)
    for dx, dy in ((view.px(16), 0), (-view.px(16), 0), (0, view.px(16)), (0, -view.px(16))):
        x, y = int(hx + dx), int(hy + dy)
        _, g, b, *_ = view.hit_surface().get_at((x, y))
        if g or b or view._named_at((x, y)) is not None:
            continue  # a marker, a link or a name drawn there keeps its point
        _move(app, (board.x + x, board.y + y))
        assert scene.hover == Pick("state", slug), ((x, y), scene.hover)


def test_i_and_the_inset_button_hide_and_show_the_inset_and_the_settings_keep_it(play, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from game.ui.settings import read_settings, save_settings
    from tests.ui.driver import click, press

    app, scene = play
    inset, board = scene.inset_rect, scene.board_rect
    baku = _on_screen(inset, scene.inset.view, "baku")
    press(app, pygame.K_i)
    frames(app, 2)
    assert app.settings.inset is False
    assert scene.board_rect.w >= board.w and scene.board_rect.h == board.h  # the board takes the room
    assert scene.pick_at(baku) != Pick("node", "baku") and app.tr("ui.play.inset_title") not in scene.texts()
    path = tmp_path / "settings.json"
    assert save_settings(app.settings, path) and read_settings(path)[0].inset is False
    click(app, scene.controls["inset"])
    frames(app, 2)
    assert app.settings.inset is True
    assert (scene.inset_rect, scene.board_rect) == (inset, board)
    _move(app, baku)
    assert scene.hover == Pick("node", "baku")
