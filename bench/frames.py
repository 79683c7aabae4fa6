"""Client frame times: the play screen mid-game with flows animating, at 1080p and 720p; launch to title.

Prints one JSON object: frame_ms_median_1080, frame_ms_p95_1080, frame_ms_median_720, frame_ms_p95_720,
title_s (a fresh process from launch to the first title frame), rss_mb (peak resident memory).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TITLE_PROBE = """
import time
from game.ui.app import App
app = App(size=(1280, 800), persist=False)
app.reset("title")
app.step(0.0)
print(time.time())
"""


def frame_times(size: tuple[int, int], frames: int = 300) -> list[float]:
    """Milliseconds per frame of the play screen, after warm-up, with the mouse moving over the map."""
    import pygame

    from game.ui.app import App
    from game.ui.screenshots import default_scenario, mid_game

    app = App(size=size, persist=False, bot_delay=0.0)
    match = mid_game(default_scenario(app.assets), 7, app.assets)
    match.take_seat(match.to_act() or match.state.seats[0])
    play = app.reset("play", match=match)
    for _ in range(20):
        app.step(1 / 60)
    times = []
    area = play.map_rect
    for i in range(frames):
        pos = (area.x + (i * 7) % max(1, area.w), area.y + (i * 5) % max(1, area.h))
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0)))
        start = time.perf_counter()
        app.step(1 / 60)
        times.append((time.perf_counter() - start) * 1000)
    match.close()
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def title_seconds() -> float:
    """Launch a fresh interpreter and time it from launch to its first title frame (imports included)."""
    start = time.time()
    out = subprocess.run([sys.executable, "-c", TITLE_PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1]) - start


def main() -> None:
    title = min(title_seconds() for _ in range(3))
    big = frame_times((1920, 1080))
    small = frame_times((1280, 720))
    print(
        json.dumps(
            {
                "frame_ms_median_1080": round(statistics.median(big), 2),
                "frame_ms_p95_1080": round(p95(big), 2),
                "frame_ms_median_720": round(statistics.median(small), 2),
                "frame_ms_p95_720": round(p95(small), 2),
                "title_s": round(title, 3),
                "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
