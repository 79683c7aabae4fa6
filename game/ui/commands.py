"""The client's commands for the command line (main.py hands them to game.cli).

Each imports the client only when it runs: the headless commands never load pygame (its import costs
more than half a second and prints a banner on stdout).
"""

from __future__ import annotations

import os
from pathlib import Path


def open_window(mods: tuple[Path, ...] = ()) -> int:
    """Open the window on the title screen, with these mod folders besides the installed ones, and play
    until the player quits; returns the exit code."""
    from game.ui.app import main

    main(mods)
    return 0


def render_screens(outdir: Path, scenario_id: str, seed: int, size: tuple[int, int], assets: Path) -> list[Path]:
    """Every screen of a seeded game as PNG files in outdir, rendered without a window (unless
    SDL_VIDEODRIVER names one); returns their paths."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.ui.screenshots import render_screens as render

    return render(outdir, scenario_id, seed, size, assets)
