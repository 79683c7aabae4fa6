"""The game's only source of randomness: a (seed, counter) pair carried in the state.

Each draw hashes (seed, counter) with SplitMix64 and advances the counter, so any game is
reproducible from its seed and its actions. No global random state is ever touched.
"""

from __future__ import annotations

from typing import TypeVar

from attrs import frozen

_MASK = (1 << 64) - 1
_STEP = 0x2545F4914F6CDD1D


@frozen
class Rng:
    """A position in the game's random stream."""

    seed: int
    counter: int = 0


def _mix(value: int) -> int:
    value = (value + 0x9E3779B97F4A7C15) & _MASK
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & _MASK
    return value ^ (value >> 31)


T = TypeVar("T")


def shuffled(rng: Rng, items: tuple[T, ...]) -> tuple[tuple[T, ...], Rng]:
    """The items in a random order (Fisher-Yates: one mixed draw per swap) and the advanced rng."""
    out = list(items)
    base, counter = rng.seed * _STEP, rng.counter
    for i in range(len(out) - 1, 0, -1):
        j = _mix((base + counter) & _MASK) % (i + 1)
        counter += 1
        out[i], out[j] = out[j], out[i]
    return tuple(out), (rng if counter == rng.counter else Rng(rng.seed, counter))
