"""The region's real map: projection, map asset and viewport (no pygame here).

The map asset ``assets/map/caspian.json`` is built by ``tools/build_map.py`` from Natural Earth geometry. It
stores every coordinate in the units of a Lambert conformal conic projection (kilometres, x east, y north);
``project`` puts any longitude/latitude into the same units, so game nodes land on the map. A ``Viewport``
maps those units to screen pixels (zoom and pan) for any window size, and back.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from attrs import evolve, field, frozen

from game.resources import ASSETS

Point = tuple[float, float]
Ring = tuple[Point, ...]
Polygon = tuple[Ring, ...]
"""A polygon is its outer ring followed by its holes; rings are not closed (last point != first)."""
BBox = tuple[float, float, float, float]
"""(xmin, ymin, xmax, ymax) in projected units."""

MAP_PATH = ASSETS / "map" / "caspian.json"
MAP_FORMAT = "caspian-gambit-map"
MAP_VERSION = 1

GAME_STATES: tuple[str, ...] = (
    "kazakhstan",
    "azerbaijan",
    "russia",
    "turkmenistan",
    "iran",
    "georgia",
    "armenia",
    "uzbekistan",
    "turkey",
    "kyrgyzstan",
    "tajikistan",
)
"""Slugs of the eleven states on the board (nine possible seats plus Kyrgyzstan and Tajikistan)."""

MIN_ZOOM = 1.0
MAX_ZOOM = 8.0


@frozen
class LambertConformalConic:
    """Spherical Lambert conformal conic projection with two standard parallels (degrees in, kilometres out)."""

    lon0: float
    lat0: float
    lat1: float
    lat2: float
    radius: float = 6371.0
    n: float = field(init=False)
    big_f: float = field(init=False)
    rho0: float = field(init=False)

    @n.default
    def _n(self) -> float:
        p1, p2 = math.radians(self.lat1), math.radians(self.lat2)
        if math.isclose(p1, p2):
            return math.sin(p1)
        return math.log(math.cos(p1) / math.cos(p2)) / math.log(_tan_half(p2) / _tan_half(p1))

    @big_f.default
    def _big_f(self) -> float:
        p1 = math.radians(self.lat1)
        return math.cos(p1) * _tan_half(p1) ** self.n / self.n

    @rho0.default
    def _rho0(self) -> float:
        return self._rho(self.lat0)

    def _rho(self, lat: float) -> float:
        return self.radius * self.big_f / _tan_half(math.radians(lat)) ** self.n

    def forward(self, lon: float, lat: float) -> Point:
        """Project (longitude, latitude) in degrees to (x, y) in kilometres."""
        rho = self._rho(lat)
        theta = self.n * math.radians(_wrap_lon(lon - self.lon0))
        return rho * math.sin(theta), self.rho0 - rho * math.cos(theta)

    def inverse(self, x: float, y: float) -> Point:
        """Return (longitude, latitude) in degrees of a projected point."""
        dy = self.rho0 - y
        rho = math.copysign(math.hypot(x, dy), self.n)
        theta = math.atan2(x, dy) if self.n > 0 else math.atan2(-x, -dy)
        lat = 2.0 * math.atan((self.radius * self.big_f / rho) ** (1.0 / self.n)) - math.pi / 2
        return self.lon0 + math.degrees(theta / self.n), math.degrees(lat)

    def to_params(self) -> dict[str, Any]:
        """The parameters as stored in the map asset."""
        return {
            "type": "lcc",
            "lon0": self.lon0,
            "lat0": self.lat0,
            "lat1": self.lat1,
            "lat2": self.lat2,
            "radius": self.radius,
            "units": "km",
        }

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> LambertConformalConic:
        """Rebuild the projection from the asset's parameters."""
        if params.get("type") != "lcc":
            raise ValueError(f"unsupported projection type {params.get('type')!r}")
        return cls(
            lon0=float(params["lon0"]),
            lat0=float(params["lat0"]),
            lat1=float(params["lat1"]),
            lat2=float(params["lat2"]),
            radius=float(params.get("radius", 6371.0)),
        )


def _tan_half(phi: float) -> float:
    return math.tan(math.pi / 4 + phi / 2)


def _wrap_lon(dlon: float) -> float:
    return (dlon + 180.0) % 360.0 - 180.0


@frozen
class MapRegion:
    """A country or a body of water on the map, in projected units.

    ``kind`` is "country", "sea" (open water no country covers, like the Caspian: islands in it belong to
    countries) or "lake" (lies on top of the countries around it).
    """

    name: str
    slug: str | None
    iso_id: str | None
    kind: str
    label: Point
    polygons: tuple[Polygon, ...]
    bbox: BBox

    def contains(self, x: float, y: float) -> bool:
        """Whether the projected point lies inside this region (holes excluded)."""
        if not _bbox_contains(self.bbox, x, y):
            return False
        return any(polygon_contains(polygon, x, y) for polygon in self.polygons)


@frozen
class SeaLabel:
    """Where to write the name of a sea that is open water on the map (no polygon of its own)."""

    name: str
    slug: str
    at: Point


@frozen
class BaseMap:
    """The decoded map asset."""

    projection: LambertConformalConic
    bbox: BBox
    countries: tuple[MapRegion, ...]
    water: tuple[MapRegion, ...]
    sea_labels: tuple[SeaLabel, ...]

    def country(self, slug: str) -> MapRegion:
        """The country with this game slug; KeyError if none."""
        for region in self.countries:
            if region.slug == slug:
                return region
        raise KeyError(slug)

    def water_body(self, slug: str) -> MapRegion:
        """The sea or lake with this slug; KeyError if none."""
        for region in self.water:
            if region.slug == slug:
                return region
        raise KeyError(slug)

    def game_states(self) -> tuple[MapRegion, ...]:
        """The countries that are states on the board, in ``GAME_STATES`` order."""
        return tuple(self.country(slug) for slug in GAME_STATES)

    def lakes(self) -> tuple[MapRegion, ...]:
        """The lakes, which lie on top of the countries."""
        return tuple(region for region in self.water if region.kind == "lake")

    def is_water(self, x: float, y: float) -> bool:
        """Whether the projected point is in a lake, or outside every country (sea)."""
        if any(region.contains(x, y) for region in self.lakes()):
            return True
        return not any(region.contains(x, y) for region in self.countries)

    def state_at(self, x: float, y: float) -> str | None:
        """Slug of the game state at a projected point, or None (water, other country, off the map)."""
        if any(region.contains(x, y) for region in self.lakes()):
            return None
        for slug in GAME_STATES:
            if self.country(slug).contains(x, y):
                return slug
        return None


def polygon_contains(polygon: Polygon, x: float, y: float) -> bool:
    """Even-odd point-in-polygon test over all rings, so holes count as outside."""
    inside = False
    for ring in polygon:
        if _ring_crossings(ring, x, y) % 2:
            inside = not inside
    return inside


def _ring_crossings(ring: Ring, x: float, y: float) -> int:
    crossings = 0
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            crossings += 1
        x1, y1 = x2, y2
    return crossings


def _bbox_contains(bbox: BBox, x: float, y: float) -> bool:
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def bbox_of(points: Iterable[Point]) -> BBox:
    """Bounding box of some points."""
    xs, ys = zip(*points, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def parse_map(raw: Mapping[str, Any]) -> BaseMap:
    """Decode the JSON document of the map asset; ValueError if it is not one."""
    if raw.get("format") != MAP_FORMAT or raw.get("version") != MAP_VERSION:
        raise ValueError(f"not a {MAP_FORMAT} v{MAP_VERSION} document")
    xmin, ymin, xmax, ymax = (float(v) for v in raw["bbox"])
    return BaseMap(
        projection=LambertConformalConic.from_params(raw["projection"]),
        bbox=(xmin, ymin, xmax, ymax),
        countries=tuple(_parse_region(item) for item in raw["countries"]),
        water=tuple(_parse_region(item) for item in raw["water"]),
        sea_labels=tuple(
            SeaLabel(name=item["name"], slug=item["slug"], at=_point(item["at"])) for item in raw["sea_labels"]
        ),
    )


def _parse_region(item: Mapping[str, Any]) -> MapRegion:
    polygons = tuple(tuple(_parse_ring(ring) for ring in polygon) for polygon in item["polygons"])
    return MapRegion(
        name=item["name"],
        slug=item.get("slug"),
        iso_id=item.get("id"),
        kind=item.get("kind", "country"),
        label=_point(item["label"]),
        polygons=polygons,
        bbox=bbox_of(point for polygon in polygons for point in polygon[0]),
    )


def _parse_ring(flat: list[float]) -> Ring:
    """Rings are stored flat: [x0, y0, x1, y1, ...]."""
    return tuple(zip(map(float, flat[0::2]), map(float, flat[1::2]), strict=True))


def _point(pair: list[float]) -> Point:
    return float(pair[0]), float(pair[1])


@lru_cache(maxsize=4)
def load_map(path: Path = MAP_PATH) -> BaseMap:
    """Load and decode the map asset once; later calls return the same object."""
    with path.open(encoding="utf-8") as handle:
        return parse_map(json.load(handle))


def project(lon: float, lat: float) -> Point:
    """Project (longitude, latitude) in degrees into the map asset's units."""
    return load_map().projection.forward(lon, lat)


def unproject(x: float, y: float) -> Point:
    """Return (longitude, latitude) in degrees of a point in the map asset's units."""
    return load_map().projection.inverse(x, y)


@frozen
class Viewport:
    """Which part of the map a window of ``width`` x ``height`` pixels shows.

    The map is a board: at zoom 1 its whole bounding box fits the window (margins show the table around it);
    zoom multiplies the scale. ``center`` is the projected point at the middle of the window. While the
    window shows less than the board along an axis, panning keeps it on the board; otherwise the board is
    centred. Viewports are immutable and hashable, so a renderer can cache by them; every change returns a
    new, clamped viewport.
    """

    width: int
    height: int
    bbox: BBox
    zoom: float = 1.0
    center: Point = (0.0, 0.0)

    @classmethod
    def fit(cls, size: tuple[int, int], bbox: BBox) -> Viewport:
        """The whole map at zoom 1, centred, for a window of this size."""
        centre = ((bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2)
        return cls(width=max(1, size[0]), height=max(1, size[1]), bbox=bbox, center=centre)

    @property
    def size(self) -> tuple[int, int]:
        """Window size in pixels."""
        return self.width, self.height

    @property
    def scale(self) -> float:
        """Pixels per projected unit."""
        xmin, ymin, xmax, ymax = self.bbox
        return min(self.width / (xmax - xmin), self.height / (ymax - ymin)) * self.zoom

    def to_screen(self, x: float, y: float) -> Point:
        """Pixel position (float) of a projected point; y grows downwards on screen."""
        s = self.scale
        return self.width / 2 + (x - self.center[0]) * s, self.height / 2 - (y - self.center[1]) * s

    def to_world(self, px: float, py: float) -> Point:
        """Projected point under a pixel position."""
        s = self.scale
        return self.center[0] + (px - self.width / 2) / s, self.center[1] - (py - self.height / 2) / s

    def visible_bbox(self) -> BBox:
        """The projected box the window shows."""
        x0, y1 = self.to_world(0, 0)
        x1, y0 = self.to_world(self.width, self.height)
        return x0, y0, x1, y1

    def clamped(self) -> Viewport:
        """This viewport with zoom in range and the window kept inside the map."""
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom))
        view = evolve(self, zoom=zoom)
        half_w, half_h = view.width / 2 / view.scale, view.height / 2 / view.scale
        xmin, ymin, xmax, ymax = self.bbox
        cx = _clamp(self.center[0], xmin + half_w, xmax - half_w)
        cy = _clamp(self.center[1], ymin + half_h, ymax - half_h)
        return evolve(view, center=(cx, cy))

    def zoomed(self, factor: float, anchor: Point | None = None) -> Viewport:
        """Zoom by ``factor`` keeping the map point under pixel ``anchor`` (default: window centre) in place."""
        ax, ay = anchor if anchor is not None else (self.width / 2, self.height / 2)
        wx, wy = self.to_world(ax, ay)
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom * factor))
        view = evolve(self, zoom=zoom)
        nx, ny = view.to_world(ax, ay)
        return evolve(view, center=(view.center[0] + wx - nx, view.center[1] + wy - ny)).clamped()

    def panned(self, dx: float, dy: float) -> Viewport:
        """Move the map by (dx, dy) pixels, as when dragging it."""
        s = self.scale
        return evolve(self, center=(self.center[0] - dx / s, self.center[1] + dy / s)).clamped()

    def resized(self, size: tuple[int, int]) -> Viewport:
        """The same centre and zoom in a window of another size."""
        return evolve(self, width=max(1, size[0]), height=max(1, size[1])).clamped()

    def centered_on(self, x: float, y: float) -> Viewport:
        """Centre the window on a projected point (as far as the map's edges allow)."""
        return evolve(self, center=(x, y)).clamped()


def _clamp(value: float, low: float, high: float) -> float:
    if low > high:
        return (low + high) / 2
    return min(high, max(low, value))
