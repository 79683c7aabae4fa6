"""A state's name sits on its state (issue 13): on the play screen and on the class screen (hosted or not), on the
board and in the Caucasus inset, at 1280x720 and 1920x1080, Normal and Projector text sizes, English and Russian,
the centre of every state's name lies inside that state's land, or, beside a state too small for its name, over
sea or a country not on the board: within ``MapView.near_reach`` of its land, or further out with a leader line
from the state's label point to it (``MapView.leaders``); never over another state."""

from __future__ import annotations

import math

import pytest

from game.geo import MapRegion
from game.ui.mapview import MapView
from game.ui.settings import TEXT_SIZES
from tests.ui.driver import map_views, seated_mid_game


def _gap(view: MapView, region: MapRegion, pos: tuple[float, float]) -> float:
    """How far a point of the view is from the region's land, in window pixels (0 inside it)."""
    if region.contains(*view.viewport.to_world(*pos)):
        return 0.0
    best = math.inf
    for polygon in region.polygons:
        for ring in polygon:
            points = [view.viewport.to_screen(*p) for p in ring]
            for a, b in zip(points, points[1:] + points[:1]):
                best = min(best, _to_segment(pos, a, b))
    return best


def _to_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def _leads_to(view: MapView, key: str, rect) -> bool:  # type: ignore[no-untyped-def]
    """Whether the name ``key`` has a leader line from its state's label point (on the state's land) to its box."""
    line = view.leaders.get(key)
    if line is None:
        return False
    (home, end), slug = line, key.partition(":")[2]
    on_land = view.base_map.state_at(*view.viewport.to_world(*home)) == slug
    return on_land and rect.inflate(2, 2).collidepoint(end)


def _misplaced(view: MapView, where: str) -> list[tuple]:
    """The state names of the view's last drawn layer not on their own state: (where, name, what lies under
    its centre, its distance from its state's land, whether a leader line joins it to its state)."""
    wrong = []
    for key, rect in view.placed:
        kind, _, slug = key.partition(":")
        if kind != "state":
            continue
        centre = rect.center
        under = view.base_map.state_at(*view.viewport.to_world(*centre))
        gap = _gap(view, view.base_map.country(slug), centre)
        led = _leads_to(view, key, rect)
        if under != slug and (under is not None or (gap > view.near_reach() and not led)):
            wrong.append((where, slug, under, round(gap), led))
    return wrong


@pytest.mark.parametrize("size", ((1280, 720), (1920, 1080)))
@pytest.mark.parametrize("text_size", (1.0, max(TEXT_SIZES)))
@pytest.mark.parametrize("lang", ("en", "ru"))
def test_every_state_name_sits_on_its_state(size, text_size, lang, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    wrong: list[tuple] = []
    with seated_mid_game(tmp_path, monkeypatch, size, lang, text_size) as (app, match):
        for where, view in map_views(app, match, monkeypatch):
            view.static_surface(match.state)  # the class screen's public view has the same board
            wrong += _misplaced(view, where)
    assert not wrong, wrong
