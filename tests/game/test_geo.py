"""The map asset, the projection and the viewport (game/geo.py)."""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import subprocess
import sys

import pytest

from game.geo import (
    GAME_STATES,
    MAP_PATH,
    LambertConformalConic,
    Viewport,
    load_map,
    parse_map,
    project,
    unproject,
)

CITIES = {
    "Baku": (49.87, 40.41, "azerbaijan"),
    "Astana": (71.43, 51.13, "kazakhstan"),
    "Aktau": (51.20, 43.65, "kazakhstan"),
    "Tbilisi": (44.79, 41.72, "georgia"),
    "Tehran": (51.39, 35.69, "iran"),
    "Yerevan": (44.51, 40.18, "armenia"),
    "Ashgabat": (58.38, 37.95, "turkmenistan"),
    "Tashkent": (69.24, 41.30, "uzbekistan"),
    "Ankara": (32.85, 39.93, "turkey"),
    "Bishkek": (74.59, 42.87, "kyrgyzstan"),
    "Dushanbe": (68.78, 38.56, "tajikistan"),
    "Moscow": (37.62, 55.75, "russia"),
    "Astrakhan": (48.03, 46.35, "russia"),
}
CASPIAN_MIDDLE = (51.0, 42.0)
BLACK_SEA_MIDDLE = (34.0, 43.0)


def test_projection_round_trips() -> None:
    proj = LambertConformalConic(lon0=52.0, lat0=42.0, lat1=35.0, lat2=50.0)
    for lon, lat in [(52.0, 42.0), (26.0, 22.0), (80.0, 58.0), (30.5, 50.4), (71.4, 51.1), (56.3, 26.5)]:
        back = proj.inverse(*proj.forward(lon, lat))
        assert back == pytest.approx((lon, lat), abs=1e-9)


def test_projection_centre_is_origin_and_north_is_up() -> None:
    proj = LambertConformalConic(lon0=52.0, lat0=42.0, lat1=35.0, lat2=50.0)
    assert proj.forward(52.0, 42.0) == pytest.approx((0.0, 0.0), abs=1e-9)
    assert proj.forward(52.0, 43.0)[1] > 0
    assert proj.forward(53.0, 42.0)[0] > 0


@pytest.mark.parametrize("lat", [35.0, 50.0])
def test_projection_is_true_to_scale_on_the_standard_parallels(lat: float) -> None:
    proj = LambertConformalConic(lon0=52.0, lat0=42.0, lat1=35.0, lat2=50.0)
    (x0, y0), (x1, y1) = proj.forward(60.0, lat), proj.forward(60.0, lat + 0.001)
    km_per_degree = 6371.0 * 3.141592653589793 / 180
    assert ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 == pytest.approx(0.001 * km_per_degree, rel=1e-4)


def test_projection_parameters_survive_the_asset() -> None:
    proj = load_map().projection
    assert LambertConformalConic.from_params(proj.to_params()) == proj
    assert (proj.lon0, proj.lat0, proj.lat1, proj.lat2) == (52.0, 42.0, 35.0, 50.0)


def test_project_and_unproject_use_the_asset_projection() -> None:
    x, y = project(49.87, 40.41)
    assert load_map().projection.forward(49.87, 40.41) == (x, y)
    assert unproject(x, y) == pytest.approx((49.87, 40.41))


def test_asset_is_small_and_has_every_game_state() -> None:
    assert MAP_PATH.stat().st_size < 200 * 1024
    base = load_map()
    slugs = [c.slug for c in base.countries if c.slug is not None]
    assert sorted(slugs) == sorted(GAME_STATES)
    assert base.country("kazakhstan").iso_id == "398"
    assert base.country("azerbaijan").iso_id == "031"


def test_background_countries_have_names_and_no_slug() -> None:
    names = {c.name: c for c in load_map().countries}
    assert {"Ukraine", "Iraq", "China", "Afghanistan", "Syria"} <= set(names)
    assert names["China"].slug is None


@pytest.mark.parametrize("city", sorted(CITIES))
def test_city_lies_in_its_country(city: str) -> None:
    lon, lat, slug = CITIES[city]
    base = load_map()
    x, y = project(lon, lat)
    assert base.country(slug).contains(x, y)
    assert base.state_at(x, y) == slug


def test_caspian_sea_is_water_and_no_state() -> None:
    base = load_map()
    x, y = project(*CASPIAN_MIDDLE)
    assert base.water_body("caspian").contains(x, y)
    assert base.water_body("caspian").kind == "sea"
    assert base.state_at(x, y) is None
    assert base.is_water(x, y)


def test_black_sea_is_open_water() -> None:
    base = load_map()
    x, y = project(*BLACK_SEA_MIDDLE)
    assert base.is_water(x, y)
    assert not any(w.contains(x, y) for w in base.water)


def test_named_lakes_are_present() -> None:
    base = load_map()
    for slug, (lon, lat) in {"aral": (59.8, 45.3), "sevan": (45.3, 40.35), "urmia": (45.4, 37.7)}.items():
        lake = base.water_body(slug)
        assert lake.kind == "lake"
        assert lake.contains(*project(lon, lat))
    assert base.state_at(*project(45.3, 40.35)) is None  # on Lake Sevan, not Armenia's land


def test_neighbours_share_border_vertices() -> None:
    base = load_map()

    def vertices(slug: str) -> set[tuple[float, float]]:
        return {p for poly in base.country(slug).polygons for ring in poly for p in ring}

    shared = vertices("kazakhstan") & vertices("uzbekistan")
    assert len(shared) > 20
    assert len(vertices("georgia") & vertices("armenia")) > 3


def test_every_coordinate_is_on_the_board() -> None:
    base = load_map()
    xmin, ymin, xmax, ymax = base.bbox
    for region in (*base.countries, *base.water):
        rx0, ry0, rx1, ry1 = region.bbox
        assert xmin <= rx0 and rx1 <= xmax and ymin <= ry0 and ry1 <= ymax, region.name


def test_board_covers_the_region() -> None:
    base = load_map()
    xmin, ymin, xmax, ymax = base.bbox
    for lon, lat in [(29.0, 41.0), (37.6, 55.75), (80.4, 44.2), (56.3, 26.5), (54.4, 24.5), (35.8, 36.9)]:
        x, y = project(lon, lat)
        assert xmin < x < xmax and ymin < y < ymax, (lon, lat)


def test_load_map_is_cached() -> None:
    assert load_map() is load_map()


def test_parse_map_rejects_other_documents() -> None:
    with pytest.raises(ValueError, match="caspian-gambit-map"):
        parse_map({"format": "something-else", "version": 1})


def test_geo_does_not_import_pygame() -> None:
    code = "import sys, game.geo; game.geo.load_map(); print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


BOARD = (-2000.0, -1500.0, 2000.0, 1500.0)


def test_viewport_fits_the_board_and_centres_it() -> None:
    view = Viewport.fit((1600, 900), BOARD)
    assert view.scale == pytest.approx(900 / 3000)
    assert view.to_screen(0.0, 0.0) == pytest.approx((800.0, 450.0))
    assert view.to_screen(-2000.0, 1500.0) == pytest.approx((800 - 600, 0.0))


def test_viewport_screen_and_world_round_trip() -> None:
    view = Viewport.fit((1280, 720), BOARD).zoomed(2.5, (100, 600)).panned(37, -12)
    for px, py in [(0, 0), (640, 360), (1279, 719), (13.5, 700.25)]:
        assert view.to_screen(*view.to_world(px, py)) == pytest.approx((px, py))


def test_viewport_y_grows_down_on_screen() -> None:
    view = Viewport.fit((800, 600), BOARD)
    assert view.to_screen(0, 100)[1] < view.to_screen(0, 0)[1]


def test_zoom_keeps_the_anchor_point_in_place() -> None:
    view = Viewport.fit((1280, 720), BOARD)
    anchor = (700, 300)
    before = view.to_world(*anchor)
    zoomed = view.zoomed(2.0, anchor)
    assert zoomed.zoom == 2.0
    assert zoomed.to_world(*anchor) == pytest.approx(before)


def test_zoom_is_limited() -> None:
    view = Viewport.fit((1280, 720), BOARD)
    assert view.zoomed(0.1).zoom == 1.0
    assert view.zoomed(1000).zoom == 8.0


def test_pan_stops_at_the_board_edge() -> None:
    view = Viewport.fit((1280, 720), BOARD).zoomed(4.0)
    far = view.panned(10**6, -(10**6))
    x0, y0, x1, y1 = far.visible_bbox()
    assert x0 == pytest.approx(BOARD[0]) and y0 == pytest.approx(BOARD[1])
    assert x1 < BOARD[2] and y1 < BOARD[3]


def test_pan_moves_the_map_with_the_drag() -> None:
    view = Viewport.fit((1280, 720), BOARD).zoomed(3.0)
    point = view.to_world(640, 360)
    moved = view.panned(50, 20)
    assert moved.to_screen(*point) == pytest.approx((690, 380))


def test_resize_keeps_centre_and_zoom() -> None:
    view = Viewport.fit((1280, 720), BOARD).zoomed(2.0).centered_on(300, 200)
    bigger = view.resized((1920, 1080))
    assert bigger.size == (1920, 1080)
    assert bigger.zoom == 2.0
    assert bigger.center == pytest.approx(view.center)


def test_viewports_are_hashable_values() -> None:
    a = Viewport.fit((1280, 720), BOARD).zoomed(2.0)
    b = Viewport.fit((1280, 720), BOARD).zoomed(2.0)
    assert a == b and hash(a) == hash(b)
    assert {a: 1}[b] == 1
