"""The guided tutorial, played headless by following only its own highlights: each frame the test clicks
Next when the box offers it, else the centre of what the overlay outlines, else waits; never the session."""

from __future__ import annotations

import pygame
import pytest

from game.ui.app import App
from game.ui.settings import Settings
from tests.ui.driver import click, click_at, frames, press


def follow(app: App, limit: int = 900) -> list[str]:
    """Click through the tutorial by its highlights until its last step; the step ids seen, in order."""
    overlay = app.tutorial
    assert overlay is not None
    seen: list[str] = []
    rings = 0
    for _ in range(limit):
        step = overlay.progress.step
        if not seen or seen[-1] != step.id:
            seen.append(step.id)
        if overlay.progress.finished:
            assert rings, "no step rang a place on the map"
            return seen
        frames(app, 1)
        ring = overlay._place(app.top) if step.place and app.top.name == "play" else None  # type: ignore[arg-type, union-attr]
        if ring is not None:  # the ring on the map lies on the place it names
            assert app.top.pick_at(ring.rect.center) == ring.place, (step.id, ring)  # type: ignore[union-attr]
            rings += 1
        if "next" in overlay.buttons:
            click_at(app, overlay.buttons["next"].center)
            continue
        target = overlay.highlight()
        if target is not None:
            click_at(app, target.rect.center)
        else:
            frames(app, 3)
    raise AssertionError(f"the tutorial is stuck at {overlay.progress.step.id} on {overlay.top_name()}")


def _start(app: App, lang: str = "en"):  # type: ignore[no-untyped-def]
    """The tutorial from the title screen's button, in a language; its overlay."""
    app.apply_settings(Settings(language=lang))
    frames(app, 1)
    click(app, app.top.buttons["tutorial"])  # type: ignore[union-attr]
    assert app.tutorial is not None and app.top is not None and app.top.name == "play"
    return app.tutorial


@pytest.mark.parametrize(("lang", "size"), [("en", (1280, 800)), ("ru", (1280, 800)), ("en", (1280, 720))])
def test_the_tutorial_completes_by_its_own_highlights(app, lang: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """At 1280x720 the map shows no pixel of the Aktau-Baku lane to click: the highlight leads through the
    proposal's steps in the side panel instead."""
    app.resize(size)
    overlay = _start(app, lang)
    seen = follow(app)
    assert seen == [s.id for s in overlay.progress.script.steps]
    assert app.top.name == "game_over" and overlay.match.session.is_over
    kinds = {a.kind for a in overlay.match.session.actions if getattr(a, "seat", "") == "kazakhstan"}
    assert {"keep_objective", "place_influence", "propose", "build_link", "apply_pressure"} <= kinds
    kept = [e.entry for e in overlay.match.session.log if getattr(e.entry, "kind", "") == "headline_kept"]
    assert "kazakhstan" in [entry.seat for entry in kept]  # the card left after round 1 became a headline
    frames(app, 1)
    click_at(app, overlay.buttons["real_game"].center)
    top = app.top
    assert app.tutorial is None and top is not None and top.name == "new_game"
    assert (top.scenario_id, top.length) == ("caspian-2024", "short")  # type: ignore[attr-defined]


def test_a_click_off_the_highlight_does_nothing_and_esc_quits(app) -> None:  # type: ignore[no-untyped-def]
    overlay = _start(app)
    frames(app, 2)
    click_at(app, overlay.buttons["next"].center)  # past the welcome
    frames(app, 3)
    play, target = app.top, overlay.highlight()
    assert target is not None
    other = [w for w in play.widgets if id(w) in play.action_buttons and w.is_enabled and w.rect != target.rect]
    assert other, "the other national interest should be offered"
    click(app, other[0])
    assert not [a for a in overlay.match.session.actions if getattr(a, "seat", "") == "kazakhstan"]
    press(app, pygame.K_RETURN)  # Enter presses the highlight: the step's national interest
    frames(app, 2)
    assert app.top.name == "preview" and overlay.progress.step.id == "objective", "a secret pick asks again"
    press(app, pygame.K_RETURN)  # and the highlight is its confirmation
    frames(app, 2)
    assert overlay.progress.step.id == "influence"
    press(app, pygame.K_ESCAPE)
    assert app.tutorial is None and app.top is not None and app.top.name == "title"
