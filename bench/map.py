"""Base map speed: asset load, layer render, hit surface, hit test. Prints one JSON object.

Every figure is the median of several repeats (the machine is noisy). Run headless:
    SDL_VIDEODRIVER=dummy python3 bench/map.py [--repeats 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pygame  # noqa: E402

from game.geo import MAP_PATH, load_map, parse_map, project  # noqa: E402
from game.ui.maplayer import MapLayer, default_styles, render_hit_surface, render_map  # noqa: E402


def median_ms(action: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``action`` in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    pygame.init()
    pygame.display.set_mode((320, 200))
    raw = json.loads(MAP_PATH.read_text(encoding="utf-8"))
    base = load_map()
    styles = default_styles()
    results: dict[str, float] = {"asset_kb": round(MAP_PATH.stat().st_size / 1024, 1)}
    results["parse_ms"] = median_ms(lambda: parse_map(raw), args.repeats)
    for w, h in [(1280, 720), (1920, 1080)]:
        view = MapLayer(base_map=base).home_viewport((w, h))
        zoomed = view.zoomed(4.0).centered_on(*project(49.5, 41.5))
        results[f"render_{h}p_ms"] = median_ms(partial(render_map, view, styles, base), args.repeats)
        results[f"render_{h}p_zoom4_ms"] = median_ms(partial(render_map, zoomed, styles, base), args.repeats)
        results[f"hit_surface_{h}p_ms"] = median_ms(partial(render_hit_surface, view, base), args.repeats)
    layer = MapLayer(base_map=base)
    view = layer.home_viewport((1920, 1080))
    layer.hit_surface(view)
    px, py = view.to_screen(*project(71.43, 51.13))
    pos = (int(px), int(py))
    calls = 10_000
    start = time.perf_counter()
    for _ in range(calls):
        layer.state_at(view, pos)
    results["state_at_us"] = round((time.perf_counter() - start) / calls * 1e6, 3)
    results["cached_surface_us"] = round(median_ms(lambda: layer.surface(view), args.repeats) * 1000, 3)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
