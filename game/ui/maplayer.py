"""The base map layer: sea, countries, water and borders drawn onto a pygame Surface, plus hit testing.

``render_map`` and ``render_hit_surface`` are pure functions of (map, viewport, styles); ``MapLayer`` caches
their surfaces per viewport (a viewport includes the window size), so the map is drawn once per window size
and view and blitted every frame. Game states are filled with the caller's colours and, since colour must
never be the only signal, each may also carry a hatch pattern.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence

import pygame
from attrs import field, frozen

from game.geo import GAME_STATES, BaseMap, BBox, MapRegion, Point, Ring, Viewport, load_map

Color = tuple[int, int, int]
ScreenPath = list[tuple[float, float]]

HATCHES: tuple[str, ...] = (
    "none",
    "diagonal",
    "back_diagonal",
    "cross",
    "horizontal",
    "vertical",
    "grid",
    "dots",
)
"""Hatch patterns a state may be drawn with on top of its fill colour."""


@frozen
class StateStyle:
    """How one game state is filled: a colour and a hatch pattern (one of ``HATCHES``)."""

    fill: Color
    hatch: str = field(default="none")
    hatch_color: Color | None = None

    @hatch.validator
    def _check_hatch(self, _attribute: object, value: str) -> None:
        if value not in HATCHES:
            raise ValueError(f"unknown hatch {value!r}; expected one of {', '.join(HATCHES)}")

    def ink(self) -> Color:
        """Colour of the hatch lines: the given one, else a darker shade of the fill."""
        if self.hatch_color is not None:
            return self.hatch_color
        return _shade(self.fill, 0.55)


@frozen
class MapTheme:
    """Colours and line widths of everything on the map that is not a game state's fill."""

    off_board: Color = (38, 42, 50)
    sea: Color = (168, 201, 224)
    land: Color = (226, 222, 210)
    border: Color = (138, 134, 126)
    state_border: Color = (58, 56, 54)
    coast: Color = (92, 132, 168)
    graticule: Color = (120, 150, 175)
    frame: Color = (20, 22, 26)
    state_border_width: int = 2
    graticule_step: float = 5.0


DEFAULT_THEME = MapTheme()

_DEFAULT_PALETTE: tuple[tuple[str, Color, str], ...] = (
    ("kazakhstan", (86, 180, 233), "diagonal"),
    ("azerbaijan", (0, 158, 115), "back_diagonal"),
    ("russia", (213, 94, 0), "horizontal"),
    ("turkmenistan", (240, 228, 66), "dots"),
    ("iran", (204, 121, 167), "vertical"),
    ("georgia", (230, 159, 0), "cross"),
    ("armenia", (0, 114, 178), "grid"),
    ("uzbekistan", (150, 200, 120), "back_diagonal"),
    ("turkey", (200, 80, 90), "diagonal"),
    ("kyrgyzstan", (190, 180, 160), "none"),
    ("tajikistan", (175, 165, 190), "none"),
)


def default_styles() -> dict[str, StateStyle]:
    """A colour-blind-aware palette (Okabe-Ito based) with a distinct hatch for each seat."""
    return {slug: StateStyle(fill=fill, hatch=hatch) for slug, fill, hatch in _DEFAULT_PALETTE}


# --- geometry prepared once per map -----------------------------------------------------------------------


@frozen
class _Shape:
    """One polygon ready to draw: rings, the border paths (clip edges removed) and a box for culling."""

    outer: Ring
    holes: tuple[Ring, ...]
    paths: tuple[Ring, ...]
    bbox: BBox


@frozen
class _Area:
    slug: str | None
    shapes: tuple[_Shape, ...]
    area: float


@frozen
class _Prepared:
    countries: tuple[_Area, ...]
    """Largest first, so enclaves are painted over their surroundings."""
    seas: tuple[_Area, ...]
    """Open water no country covers (the Caspian): drawn under the countries, so islands stay visible."""
    lakes: tuple[_Area, ...]
    """Drawn over the countries."""
    graticule: tuple[Ring, ...]


def _prepare(base_map: BaseMap, step: float) -> _Prepared:
    countries = sorted((_area(region, base_map.bbox) for region in base_map.countries), key=lambda a: -a.area)
    return _Prepared(
        countries=tuple(countries),
        seas=tuple(_area(region, base_map.bbox) for region in base_map.water if region.kind != "lake"),
        lakes=tuple(_area(region, base_map.bbox) for region in base_map.lakes()),
        graticule=_graticule(base_map, step),
    )


def _area(region: MapRegion, box: BBox) -> _Area:
    shapes = tuple(_shape(polygon, box) for polygon in region.polygons)
    return _Area(slug=region.slug, shapes=shapes, area=sum(_ring_area(s.outer) for s in shapes))


def _shape(polygon: Sequence[Ring], box: BBox) -> _Shape:
    xs = [x for x, _ in polygon[0]]
    ys = [y for _, y in polygon[0]]
    paths = tuple(path for ring in polygon for path in _border_paths(ring, box))
    return _Shape(outer=polygon[0], holes=tuple(polygon[1:]), paths=paths, bbox=(min(xs), min(ys), max(xs), max(ys)))


def _border_paths(ring: Ring, box: BBox) -> list[Ring]:
    """Split a closed ring into open paths, leaving out segments that run along the map's clip edge."""
    closed = (*ring, ring[0])
    paths: list[list[Point]] = [[closed[0]]]
    for a, b in zip(closed, closed[1:], strict=False):
        if _on_same_edge(a, b, box):
            paths.append([b])
        else:
            paths[-1].append(b)
    return [tuple(path) for path in paths if len(path) > 1]


def _on_same_edge(a: Point, b: Point, box: BBox, eps: float = 0.5) -> bool:
    xmin, ymin, xmax, ymax = box
    return any(
        (
            abs(a[0] - xmin) < eps and abs(b[0] - xmin) < eps,
            abs(a[0] - xmax) < eps and abs(b[0] - xmax) < eps,
            abs(a[1] - ymin) < eps and abs(b[1] - ymin) < eps,
            abs(a[1] - ymax) < eps and abs(b[1] - ymax) < eps,
        )
    )


def _ring_area(ring: Ring) -> float:
    total = 0.0
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        total += x1 * y2 - x2 * y1
        x1, y1 = x2, y2
    return abs(total) / 2


def _graticule(base_map: BaseMap, step: float) -> tuple[Ring, ...]:
    """Meridians and parallels every ``step`` degrees, as projected polylines clipped to the board."""
    forward = base_map.projection.forward
    lines: list[Ring] = []
    lons = [float(lon) for lon in range(0, 121, max(1, int(step)))]
    lats = [float(lat) for lat in range(5, 76, max(1, int(step)))]
    for lon in lons:
        lines += _inside_runs([forward(lon, lat / 2) for lat in range(10, 151)], base_map.bbox)
    for lat in lats:
        lines += _inside_runs([forward(lon / 2, lat) for lon in range(0, 241)], base_map.bbox)
    return tuple(lines)


def _inside_runs(points: Iterable[Point], box: BBox) -> list[Ring]:
    runs: list[list[Point]] = [[]]
    for x, y in points:
        if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
            runs[-1].append((x, y))
        elif runs[-1]:
            runs.append([])
    return [tuple(run) for run in runs if len(run) > 1]


# --- drawing ----------------------------------------------------------------------------------------------


class _Projector:
    """Projected units -> pixel coordinates for one viewport, with culling by box."""

    def __init__(self, viewport: Viewport) -> None:
        self.s = viewport.scale
        self.ox = viewport.width / 2 - viewport.center[0] * self.s
        self.oy = viewport.height / 2 + viewport.center[1] * self.s
        self.visible = viewport.visible_bbox()

    def points(self, ring: Iterable[Point]) -> ScreenPath:
        s, ox, oy = self.s, self.ox, self.oy
        return [(x * s + ox, oy - y * s) for x, y in ring]

    def sees(self, box: BBox) -> bool:
        v = self.visible
        return box[0] <= v[2] and box[2] >= v[0] and box[1] <= v[3] and box[3] >= v[1]

    def rect(self, box: BBox) -> pygame.Rect:
        (x0, y0), (x1, y1) = self.points(((box[0], box[3]), (box[2], box[1])))
        return pygame.Rect(int(x0), int(y0), int(x1 - x0) + 2, int(y1 - y0) + 2)


def render_map(
    viewport: Viewport,
    styles: Mapping[str, StateStyle],
    base_map: BaseMap | None = None,
    theme: MapTheme = DEFAULT_THEME,
    graticule: bool = True,
) -> pygame.Surface:
    """Draw the base map for a viewport: sea, countries (game states in their style), water, borders."""
    base_map = base_map or load_map()
    prepared = _prepared(base_map, theme.graticule_step)
    surface = _new_surface(viewport.size)
    surface.fill(theme.off_board)
    proj = _Projector(viewport)
    board = proj.rect(base_map.bbox)
    surface.fill(theme.sea, board)
    surface.set_clip(board)
    _draw_water(surface, proj, prepared.seas, theme)
    _draw_countries(surface, proj, prepared, styles, theme)
    _draw_water(surface, proj, prepared.lakes, theme)
    if graticule:
        _draw_graticule(surface, proj, prepared, theme)
    _draw_borders(surface, proj, prepared, theme)
    surface.set_clip(None)
    pygame.draw.rect(surface, theme.frame, board.inflate(2, 2), width=1)
    return surface


def _draw_countries(
    surface: pygame.Surface,
    proj: _Projector,
    prepared: _Prepared,
    styles: Mapping[str, StateStyle],
    theme: MapTheme,
) -> None:
    for area in prepared.countries:
        style = styles.get(area.slug) if area.slug else None
        colour = style.fill if style else theme.land
        _fill_area(surface, proj, area, colour, theme.sea)
        if style is not None and style.hatch != "none":
            _hatch_area(surface, proj, area, style)


def _fill_area(surface: pygame.Surface, proj: _Projector, area: _Area, colour: Color, hole: Color) -> None:
    for shape in area.shapes:
        if proj.sees(shape.bbox):
            pygame.draw.polygon(surface, colour, proj.points(shape.outer))
            for ring in shape.holes:
                pygame.draw.polygon(surface, hole, proj.points(ring))


def _hatch_area(surface: pygame.Surface, proj: _Projector, area: _Area, style: StateStyle) -> None:
    """Lay the style's hatch over the area: the pattern is cut out by a mask of the area's polygons."""
    for shape in area.shapes:
        if not proj.sees(shape.bbox):
            continue
        rect = proj.rect(shape.bbox).clip(surface.get_clip())
        if rect.width < 2 or rect.height < 2:
            continue
        mask = pygame.Surface(rect.size, pygame.SRCALPHA)
        _mask_shape(mask, proj, shape, rect.topleft)
        pattern = pygame.Surface(rect.size, pygame.SRCALPHA)
        _draw_hatch(pattern, style.hatch, style.ink(), rect.topleft, _hatch_spacing(surface))
        pattern.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
        surface.blit(pattern, rect.topleft)


def _mask_shape(mask: pygame.Surface, proj: _Projector, shape: _Shape, origin: tuple[int, int]) -> None:
    def local(ring: Ring) -> ScreenPath:
        return [(x - origin[0], y - origin[1]) for x, y in proj.points(ring)]

    pygame.draw.polygon(mask, (255, 255, 255, 255), local(shape.outer))
    for ring in shape.holes:
        pygame.draw.polygon(mask, (0, 0, 0, 0), local(ring))


def _hatch_spacing(surface: pygame.Surface) -> int:
    """Hatch spacing in pixels: grows with the window so a projector shows the same pattern."""
    return max(7, surface.get_height() // 80)


def _draw_hatch(target: pygame.Surface, kind: str, ink: Color, origin: tuple[int, int], gap: int) -> None:
    """Draw a hatch pattern over the whole target, aligned to the screen (not to the target's corner)."""
    w, h = target.get_size()
    ox, oy = origin
    width = max(1, gap // 7)
    for draw in _HATCH_DRAWERS[kind]:
        draw(target, ink, w, h, ox, oy, gap, width)


def _lines_diagonal(t: pygame.Surface, ink: Color, w: int, h: int, ox: int, oy: int, gap: int, lw: int) -> None:
    for k in range(-((ox + oy) % gap) - h, w + h, gap):
        pygame.draw.line(t, ink, (k, 0), (k + h, h), lw)


def _lines_back(t: pygame.Surface, ink: Color, w: int, h: int, ox: int, oy: int, gap: int, lw: int) -> None:
    for k in range(-((ox - oy) % gap), w + h, gap):
        pygame.draw.line(t, ink, (k, 0), (k - h, h), lw)


def _lines_horizontal(t: pygame.Surface, ink: Color, w: int, h: int, ox: int, oy: int, gap: int, lw: int) -> None:
    for y in range(-(oy % gap), h, gap):
        pygame.draw.line(t, ink, (0, y), (w, y), lw)


def _lines_vertical(t: pygame.Surface, ink: Color, w: int, h: int, ox: int, oy: int, gap: int, lw: int) -> None:
    for x in range(-(ox % gap), w, gap):
        pygame.draw.line(t, ink, (x, 0), (x, h), lw)


def _dots(t: pygame.Surface, ink: Color, w: int, h: int, ox: int, oy: int, gap: int, lw: int) -> None:
    radius = max(1, gap // 5)
    for row, y in enumerate(range(-(oy % gap), h + gap, gap)):
        shift = gap // 2 if (row + (oy // gap)) % 2 else 0
        for x in range(-(ox % gap) + shift - gap, w + gap, gap):
            pygame.draw.circle(t, ink, (x, y), radius)


_Drawer = Callable[[pygame.Surface, Color, int, int, int, int, int, int], None]
_HATCH_DRAWERS: dict[str, tuple[_Drawer, ...]] = {
    "none": (),
    "diagonal": (_lines_diagonal,),
    "back_diagonal": (_lines_back,),
    "cross": (_lines_diagonal, _lines_back),
    "horizontal": (_lines_horizontal,),
    "vertical": (_lines_vertical,),
    "grid": (_lines_horizontal, _lines_vertical),
    "dots": (_dots,),
}


def _draw_water(surface: pygame.Surface, proj: _Projector, areas: Iterable[_Area], theme: MapTheme) -> None:
    for area in areas:
        _fill_area(surface, proj, area, theme.sea, theme.sea)


def _draw_graticule(surface: pygame.Surface, proj: _Projector, prepared: _Prepared, theme: MapTheme) -> None:
    overlay = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    for line in prepared.graticule:
        pygame.draw.aalines(overlay, (*theme.graticule, 90), False, proj.points(line))
    surface.blit(overlay, (0, 0))


def _draw_borders(surface: pygame.Surface, proj: _Projector, prepared: _Prepared, theme: MapTheme) -> None:
    """Thin anti-aliased borders for all countries, thicker dark ones for game states, coasts on water."""
    for area in prepared.countries:
        if area.slug is None:
            _stroke(surface, proj, area, theme.border, 1)
    for area in prepared.countries:
        if area.slug is not None:
            _stroke(surface, proj, area, theme.state_border, theme.state_border_width)
    for area in (*prepared.seas, *prepared.lakes):
        _stroke(surface, proj, area, theme.coast, 1)


def _stroke(surface: pygame.Surface, proj: _Projector, area: _Area, colour: Color, width: int) -> None:
    for shape in area.shapes:
        if not proj.sees(shape.bbox):
            continue
        for path in shape.paths:
            points = proj.points(path)
            if width > 1:
                pygame.draw.lines(surface, colour, False, points, width)
            pygame.draw.aalines(surface, colour, False, points)


def render_hit_surface(viewport: Viewport, base_map: BaseMap | None = None) -> pygame.Surface:
    """An offscreen surface where each game state is filled with its own id colour (see ``hit_color``)."""
    base_map = base_map or load_map()
    prepared = _prepared(base_map, DEFAULT_THEME.graticule_step)
    surface = pygame.Surface(viewport.size)
    surface.fill((0, 0, 0))
    proj = _Projector(viewport)
    for area in prepared.countries:
        _fill_area(surface, proj, area, hit_color(area.slug), (0, 0, 0))
    for area in prepared.lakes:
        _fill_area(surface, proj, area, (0, 0, 0), (0, 0, 0))
    return surface


def hit_color(slug: str | None) -> Color:
    """The id colour of a game state on the hit surface; black for everything else."""
    if slug not in GAME_STATES:
        return (0, 0, 0)
    return (GAME_STATES.index(slug) + 1, 0, 0)


def slug_of_hit(red: int) -> str | None:
    """The game state whose id colour has this red value, or None."""
    return GAME_STATES[red - 1] if 0 < red <= len(GAME_STATES) else None


_PREPARED: dict[tuple[int, float], tuple[BaseMap, _Prepared]] = {}


def _prepared(base_map: BaseMap, step: float) -> _Prepared:
    """Geometry prepared once per map object (the map is kept in the entry, so its id cannot be reused)."""
    key = (id(base_map), step)
    entry = _PREPARED.get(key)
    if entry is None or entry[0] is not base_map:
        entry = _PREPARED[key] = (base_map, _prepare(base_map, step))
    return entry[1]


def _new_surface(size: tuple[int, int]) -> pygame.Surface:
    surface = pygame.Surface(size)
    return surface.convert() if pygame.display.get_surface() is not None else surface


def _shade(colour: Color, factor: float) -> Color:
    r, g, b = colour
    return int(r * factor), int(g * factor), int(b * factor)


# --- cache ------------------------------------------------------------------------------------------------


class MapLayer:
    """Renders the base map and its hit surface once per viewport and keeps the last few.

    Typical use in a scene: ``screen.blit(layer.surface(viewport), (0, 0))`` in draw, and
    ``layer.state_at(viewport, event.pos)`` on hover or click.
    """

    def __init__(
        self,
        styles: Mapping[str, StateStyle] | None = None,
        base_map: BaseMap | None = None,
        theme: MapTheme = DEFAULT_THEME,
        graticule: bool = True,
        keep: int = 4,
    ) -> None:
        self.base_map = base_map or load_map()
        self.theme = theme
        self.graticule = graticule
        self._styles: dict[str, StateStyle] = dict(styles if styles is not None else default_styles())
        self._keep = max(1, keep)
        self._surfaces: OrderedDict[Viewport, pygame.Surface] = OrderedDict()
        self._hits: OrderedDict[Viewport, pygame.Surface] = OrderedDict()

    @property
    def styles(self) -> Mapping[str, StateStyle]:
        """The current fill and hatch of each game state."""
        return dict(self._styles)

    def set_styles(self, styles: Mapping[str, StateStyle]) -> None:
        """Change the states' styles (e.g. when control changes); drops cached layers if they differ."""
        if dict(styles) != self._styles:
            self._styles = dict(styles)
            self._surfaces.clear()

    def home_viewport(self, size: tuple[int, int]) -> Viewport:
        """The whole board, fitted to a window of this size."""
        return Viewport.fit(size, self.base_map.bbox)

    def surface(self, viewport: Viewport) -> pygame.Surface:
        """The rendered base map for this viewport (the same Surface object while it stays cached)."""
        return _cached(
            self._surfaces,
            viewport,
            self._keep,
            lambda: render_map(viewport, self._styles, self.base_map, self.theme, self.graticule),
        )

    def hit_surface(self, viewport: Viewport) -> pygame.Surface:
        """The id-colour surface for this viewport (cached like ``surface``)."""
        return _cached(self._hits, viewport, self._keep, lambda: render_hit_surface(viewport, self.base_map))

    def state_at(self, viewport: Viewport, pos: tuple[int, int]) -> str | None:
        """Slug of the game state under a pixel of the window, or None (sea, lake, other country, outside)."""
        x, y = int(pos[0]), int(pos[1])
        if not (0 <= x < viewport.width and 0 <= y < viewport.height):
            return None
        return slug_of_hit(self.hit_surface(viewport).get_at((x, y))[0])

    def clear(self) -> None:
        """Forget every cached surface."""
        self._surfaces.clear()
        self._hits.clear()


def _cached(
    cache: OrderedDict[Viewport, pygame.Surface],
    key: Viewport,
    keep: int,
    make: Callable[[], pygame.Surface],
) -> pygame.Surface:
    if key in cache:
        cache.move_to_end(key)
        return cache[key]
    cache[key] = make()
    while len(cache) > keep:
        cache.popitem(last=False)
    return cache[key]
