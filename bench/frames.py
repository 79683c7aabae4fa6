"""Client frame times: the play screen mid-game with flows animating, at 1080p and 720p; launch to title.

Prints one JSON object: frame_ms_median_1080, frame_ms_p95_1080, frame_ms_median_720, frame_ms_p95_720,
title_s (a fresh process from launch to the first title frame), rss_mb (peak resident memory),
idle_cpu_pct (percent of a core the window's own loop takes while nothing happens, on the title and on the
play screen: process CPU time / wall time), worst_frame_ms_bot_thinking (the slowest frame of the play screen
at 1080p while a hard bot thinks), worst_frame_ms_bot_game (the slowest frame of that game but its first: also
the frames where moves are made, the panel rebuilt and the map's new layer drawn), rss_mb_after_3_games
(resident memory after three Full games of random bots in one window; a fresh process), rss_mb_peak_in_games (the
highest resident memory of that process while those games played: the play screen's log and map at the end of a
Full game).
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


def idle_cpu_pct(scene: str, seconds: float = 10.0) -> float:
    """Percent of a core the window's own loop takes over `seconds` with no input, on the title or the
    play screen (mid-game, the human seat to act)."""
    from game.ui.app import App
    from game.ui.screenshots import default_scenario, mid_game

    app = App(size=(1920, 1080), persist=False)
    match = None
    if scene == "title":
        app.reset("title")
    else:
        match = mid_game(default_scenario(app.assets), 7, app.assets)
        match.take_seat(match.to_act() or match.state.seats[0])
        app.reset("play", match=match)
    app.run(seconds=3.0)  # settle: past the full frame rate that follows a change
    app.running = True
    cpu, wall = time.process_time(), time.perf_counter()
    app.run(seconds=seconds)
    used = (time.process_time() - cpu) / (time.perf_counter() - wall)
    if match is not None:
        match.close()
    return 100 * used


def bot_thinking_frames(frames: int = 600) -> list[float]:
    """Milliseconds per frame of the play screen at 1080p while a hard bot thinks (frames counted only
    while its decision is under way), with the mouse moving over the map."""
    return bot_game_frames(frames)[0]


def bot_game_frames(frames: int = 600) -> tuple[list[float], list[float]]:
    """``bot_thinking_frames``, and every frame of the same game but its first (which draws the map's first
    layer for the window): those where a move is made, the panel rebuilt and the map's new layer drawn."""
    import pygame

    from game.content_files import load_scenario
    from game.ui.app import App
    from game.ui.match import Match, SeatPlan
    from game.ui.screenshots import default_scenario

    app = App(size=(1920, 1080), persist=False, bot_delay=0.0)
    scenario = load_scenario(default_scenario(app.assets), app.assets)
    seats = scenario.definition.default_seats
    plans = (SeatPlan(seats[0]),) + tuple(SeatPlan(s, human=False, level="hard") for s in seats[1:])
    match = Match.start(scenario, 3, plans, "full", "standard")
    play = app.reset("play", match=match)
    times: list[float] = []
    every: list[float] = []
    area = play.map_rect
    for i in range(frames * 20):
        if len(times) >= frames or match.session.is_over:
            break
        if match.to_act() == seats[0]:
            legal = match.session.legal()
            match.session.submit(legal[i % len(legal)])
        pos = (area.x + (i * 7) % max(1, area.w), area.y + (i * 5) % max(1, area.h))
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0)))
        thinking = any(r.busy for r in match.bots.values())
        start = time.perf_counter()
        app.step(1 / 60)
        if thinking:
            times.append((time.perf_counter() - start) * 1000)
        if i:
            every.append((time.perf_counter() - start) * 1000)
        while app.top is not play:
            app.pop()
    match.close()
    return times, every


def rss_after_games(games: int = 3) -> float:
    """Resident memory (MB) after `games` Full games of random bots played through one App's screens."""
    from game.content_files import load_scenario
    from game.ui.app import App
    from game.ui.match import Match, SeatPlan
    from game.ui.screenshots import default_scenario

    app = App(size=(1920, 1080), persist=False, bot_delay=0.0)
    scenario = load_scenario(default_scenario(app.assets), app.assets)
    for game in range(games):
        plans = tuple(SeatPlan(s, human=False, level="random") for s in scenario.definition.default_seats)
        match = Match.start(scenario, 100 + game, plans, "full", "standard")
        app.reset("play", match=match)
        while app.top is not None and app.top.name != "game_over":
            app.step(1 / 60)
            top = app.top
            if top is not None and top.name in ("flows", "summit", "recap"):
                app.pop()
        match.close()
    app.reset("title")
    app.step(0.0)
    return current_rss_mb()


def current_rss_mb(field: str = "VmRSS") -> float:
    """Resident memory now (VmRSS) or at its highest so far (VmHWM), in MB."""
    with open("/proc/self/status", encoding="utf-8") as handle:
        line = next(line for line in handle if line.startswith(f"{field}:"))
    return int(line.split()[1]) / 1024


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def title_seconds() -> float:
    """Launch a fresh interpreter and time it from launch to its first title frame (imports included)."""
    start = time.time()
    out = subprocess.run([sys.executable, "-c", TITLE_PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1]) - start


def main() -> None:
    if sys.argv[1:] == ["--rss-after-games"]:
        after = rss_after_games()
        print(json.dumps({"after": round(after, 1), "peak": round(current_rss_mb("VmHWM"), 1)}))
        return
    title = min(title_seconds() for _ in range(3))
    big = frame_times((1920, 1080))
    small = frame_times((1280, 720))
    idle = max(idle_cpu_pct("title"), idle_cpu_pct("play"))
    thinking, every = bot_game_frames()
    games = subprocess.run(
        [sys.executable, __file__, "--rss-after-games"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    print(
        json.dumps(
            {
                "frame_ms_median_1080": round(statistics.median(big), 2),
                "frame_ms_p95_1080": round(p95(big), 2),
                "frame_ms_median_720": round(statistics.median(small), 2),
                "frame_ms_p95_720": round(p95(small), 2),
                "title_s": round(title, 3),
                "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "idle_cpu_pct": round(idle, 1),
                "worst_frame_ms_bot_thinking": round(max(thinking, default=0.0), 1),
                "worst_frame_ms_bot_game": round(max(every, default=0.0), 1),
                "rss_mb_after_3_games": json.loads(games.stdout.strip().splitlines()[-1])["after"],
                "rss_mb_peak_in_games": json.loads(games.stdout.strip().splitlines()[-1])["peak"],
            }
        )
    )


if __name__ == "__main__":
    main()
