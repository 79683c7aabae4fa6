"""The base map layer: rendering, caching, hit testing (game/ui/maplayer.py) and the shipped fonts."""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import tempfile
from pathlib import Path

import pygame
import pytest

from game.geo import GAME_STATES, Viewport, load_map, project
from game.ui.maplayer import (
    DEFAULT_THEME,
    HATCHES,
    MapLayer,
    StateStyle,
    default_styles,
    hit_color,
    render_map,
    slug_of_hit,
)

FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"
ASTANA = (71.43, 51.13)
CASPIAN = (51.0, 42.0)
TEHRAN = (51.39, 35.69)
SIZES = [(1280, 720), (1920, 1080)]


@pytest.fixture(scope="module", autouse=True)
def display() -> None:
    """A display to convert surfaces for. Left open like the client tests' windows: quitting pygame would
    invalidate the fonts the client caches (game.ui.style.font) for the tests that run after these."""
    pygame.init()
    pygame.display.set_mode((320, 200))


def pixel(layer: MapLayer, size: tuple[int, int], lon: float, lat: float) -> tuple[int, int]:
    px, py = layer.home_viewport(size).to_screen(*project(lon, lat))
    return int(px), int(py)


@pytest.mark.parametrize("size", SIZES)
def test_layer_renders_at_window_size(size: tuple[int, int]) -> None:
    layer = MapLayer()
    surface = layer.surface(layer.home_viewport(size))
    assert surface.get_size() == size
    assert surface.get_at(pixel(layer, size, *CASPIAN))[:3] == DEFAULT_THEME.sea


@pytest.mark.parametrize("size", SIZES)
def test_hit_surface_finds_states_and_not_the_sea(size: tuple[int, int]) -> None:
    layer = MapLayer()
    view = layer.home_viewport(size)
    assert layer.hit_surface(view).get_size() == size
    assert layer.state_at(view, pixel(layer, size, *ASTANA)) == "kazakhstan"
    assert layer.state_at(view, pixel(layer, size, *TEHRAN)) == "iran"
    assert layer.state_at(view, pixel(layer, size, *CASPIAN)) is None


def test_hit_test_ignores_other_countries_lakes_and_the_margin() -> None:
    layer = MapLayer()
    size = (1920, 1080)
    view = layer.home_viewport(size)
    assert layer.state_at(view, pixel(layer, size, 66.0, 33.0)) is None  # Afghanistan
    assert layer.state_at(view, pixel(layer, size, 59.8, 45.3)) is None  # Aral Sea
    assert layer.state_at(view, (5, 540)) is None  # table around the board
    assert layer.state_at(view, (-1, 10**6)) is None


def test_hit_test_follows_zoom_and_pan() -> None:
    layer = MapLayer()
    view = layer.home_viewport((1280, 720)).zoomed(6.0).centered_on(*project(44.79, 41.72))
    assert layer.state_at(view, (640, 360)) == "georgia"
    x, y = view.to_screen(*project(49.87, 40.41))
    assert layer.state_at(view, (int(x) - 3, int(y))) == "azerbaijan"


def test_every_game_state_is_hittable() -> None:
    layer = MapLayer()
    view = layer.home_viewport((1920, 1080))
    base = load_map()
    for slug in GAME_STATES:
        x, y = view.to_screen(*base.country(slug).label)
        assert layer.state_at(view, (int(x), int(y))) == slug


def test_hit_colours_round_trip() -> None:
    for slug in GAME_STATES:
        assert slug_of_hit(hit_color(slug)[0]) == slug
    assert hit_color(None) == (0, 0, 0) and slug_of_hit(0) is None


def test_cache_returns_the_same_surface_for_the_same_viewport() -> None:
    layer = MapLayer()
    view = layer.home_viewport((1280, 720))
    first = layer.surface(view)
    assert layer.surface(layer.home_viewport((1280, 720))) is first
    assert layer.hit_surface(view) is layer.hit_surface(view)
    assert layer.surface(layer.home_viewport((1920, 1080))) is not first


def test_changing_styles_redraws() -> None:
    layer = MapLayer()
    view = layer.home_viewport((1280, 720))
    first = layer.surface(view)
    layer.set_styles(default_styles())
    assert layer.surface(view) is first
    layer.set_styles({**default_styles(), "iran": StateStyle(fill=(10, 200, 10))})
    redrawn = layer.surface(view)
    assert redrawn is not first
    assert redrawn.get_at(pixel(layer, (1280, 720), *TEHRAN))[:3] == (10, 200, 10)


def test_hatch_marks_a_state_beyond_its_colour() -> None:
    size = (1280, 720)
    view = MapLayer().home_viewport(size)
    flat = {"kazakhstan": StateStyle(fill=(200, 200, 40))}
    hatched = {"kazakhstan": StateStyle(fill=(200, 200, 40), hatch="diagonal", hatch_color=(0, 0, 120))}
    plain_colours = _colours_around(render_map(view, flat), view, ASTANA)
    hatched_colours = _colours_around(render_map(view, hatched), view, ASTANA)
    assert (0, 0, 120) not in plain_colours
    assert (0, 0, 120) in hatched_colours and (200, 200, 40) in hatched_colours


def _colours_around(surface: pygame.Surface, view: Viewport, lonlat: tuple[float, float]) -> set[tuple[int, ...]]:
    cx, cy = (int(v) for v in view.to_screen(*project(*lonlat)))
    return {tuple(surface.get_at((cx + dx, cy + dy))[:3]) for dx in range(-15, 16) for dy in range(-15, 16)}


@pytest.mark.parametrize("hatch", HATCHES)
def test_every_hatch_renders(hatch: str) -> None:
    view = MapLayer().home_viewport((640, 360))
    surface = render_map(view, {"iran": StateStyle(fill=(220, 220, 220), hatch=hatch)}, graticule=False)
    assert surface.get_size() == (640, 360)


def test_unknown_hatch_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown hatch"):
        StateStyle(fill=(1, 2, 3), hatch="plaid")


def test_screenshot_is_saved() -> None:
    layer = MapLayer()
    surface = layer.surface(layer.home_viewport((1920, 1080)))
    path = Path(tempfile.gettempdir()) / "caspian_gambit_map_1920x1080.png"
    pygame.image.save(surface, str(path))
    assert pygame.image.load(str(path)).get_size() == (1920, 1080)


def _glyph(font: pygame.font.Font, char: str) -> bytes:
    return pygame.image.tobytes(font.render(char, False, (255, 255, 255), (0, 0, 0)), "RGB")


@pytest.mark.parametrize("name", ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"])
def test_shipped_fonts_have_the_region_scripts(name: str) -> None:
    font = pygame.font.Font(str(FONTS / name), 24)
    missing = _glyph(font, "\u4e2d")  # a CJK ideograph DejaVu lacks: renders as the .notdef box
    assert _glyph(font, "\u4e8c") == missing  # the check can tell a missing glyph
    for char in "აԱЖəğқ":  # Georgian, Armenian, Cyrillic, Azerbaijani, Turkish, Kazakh
        assert _glyph(font, char) != missing, char
    assert (FONTS / "LICENSE-DejaVu.txt").is_file()
