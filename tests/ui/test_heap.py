"""The client pins glibc's mmap threshold, so freed window-sized surfaces go back to the system."""

from __future__ import annotations

import sys

import pytest

from game.ui.heap import pin_mmap_threshold


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_pin_mmap_threshold_takes_effect_on_linux() -> None:
    assert pin_mmap_threshold() is True


@pytest.mark.skipif(sys.platform.startswith("linux"), reason="off Linux only")
def test_pin_mmap_threshold_does_nothing_elsewhere() -> None:
    assert pin_mmap_threshold() is False
