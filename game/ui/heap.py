"""Keep the C heap from holding on to freed window-sized surfaces (glibc only; elsewhere nothing).

glibc serves a block above its mmap threshold (128 KiB at start) with its own mapping, given back on free.
But freeing such a block raises the threshold to that block's size, up to 32 MiB: after the first map layer
(a few MB) is dropped, every later layer, hit surface and text box comes from the ordinary heap, and the
freed ones leave holes the heap never returns. Three Full games in one window grew to 440 MB that way,
while the surfaces alive at the end were about 55 MB. Pinning the threshold keeps big blocks on their
own mappings, so what the game frees goes back to the system.
"""

from __future__ import annotations

import ctypes
import gc
import sys

M_MMAP_THRESHOLD = -3  # glibc's malloc.h
THRESHOLD_BYTES = 128 * 1024  # glibc's own starting value


def pin_mmap_threshold() -> bool:
    """Fix glibc's mmap threshold at its starting value; True if done (False off Linux or without glibc)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, THRESHOLD_BYTES))


def settle_heap() -> None:
    """After the scene stack was emptied (a new game, back to the title): collect what the screens left
    behind, then freeze what is alive, so the scenario, map and caches of the next screens stay out of the
    collector's way. Unfreezing first lets the last game's frozen screens and session go; freezing only
    once the old stack is gone keeps them from being frozen again for the whole next game."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
