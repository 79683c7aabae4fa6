"""Headless client tests: a dummy video driver, a private data folder, the tutorial scenario."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


@pytest.fixture
def app(tmp_path, monkeypatch) -> Iterator[object]:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CASPIAN_GAMBIT_DATA", str(tmp_path / "data"))
    from game.ui.app import App

    client = App(size=(1280, 800), persist=False, bot_delay=0.0)
    client.reset("title")
    client.step(0.0)
    yield client
    for scene in client.stack:
        match = getattr(scene, "match", None)
        if match is not None:
            match.close()
