"""Screens: golden screenshots of the key screens (with a tolerance), resizing, and a real window under Xvfb."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pygame
import pytest

from game import autosaves
from game.session import Session
from game.ui.screenshots import mid_game, render_screens
from rules.action import Propose
from rules.log import SummitHeld
from tests.ui.driver import frames

GOLDEN = Path(__file__).resolve().parent / "golden"
KEY_SCREENS = ("title", "new-game", "cover", "play", "card", "game-over")
ROOT = Path(__file__).resolve().parent.parent.parent


def _difference(a: pygame.Surface, b: pygame.Surface) -> float:
    """Share of pixels whose colour differs by more than 48 in any channel."""
    if a.get_size() != b.get_size():
        return 1.0
    w, h = a.get_size()
    step = 2
    differ = total = 0
    for y in range(0, h, step):
        for x in range(0, w, step):
            p, q = a.get_at((x, y)), b.get_at((x, y))
            total += 1
            if max(abs(p[0] - q[0]), abs(p[1] - q[1]), abs(p[2] - q[2])) > 48:
                differ += 1
    return differ / total


@pytest.fixture(scope="module")
def golden_run(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every screen of the golden run (tutorial, seed 7, 960x600), rendered once for the tests below."""
    return render_screens(tmp_path_factory.mktemp("shots"), "tutorial", 7, (960, 600))


def test_key_screens_match_their_golden_images(golden_run: list[Path]) -> None:
    paths = golden_run
    by_name = {p.stem.split("-", 1)[1]: p for p in paths}
    assert set(KEY_SCREENS) <= set(by_name)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        for name in KEY_SCREENS:
            shutil.copy(by_name[name], GOLDEN / f"{name}.png")
    for name in KEY_SCREENS:
        got = pygame.image.load(str(by_name[name]))
        want = pygame.image.load(str(GOLDEN / f"{name}.png"))
        assert _difference(got, want) < 0.02, (
            f"{name} differs from tests/ui/golden/{name}.png (UPDATE_GOLDEN=1 to accept)"
        )


def test_the_play_screens_show_a_game_in_play() -> None:
    """The golden run's game (tutorial, seed 7) is still being played when the play screens are shot."""
    match = mid_game("tutorial", 7)
    try:
        assert not match.session.is_over and match.state.phase == "actions"
    finally:
        match.close()


@pytest.mark.parametrize("scenario_id", ["caspian-2023", "caspian-2024"])  # the tutorial holds no summit
def test_the_summit_shot_has_a_summit_to_show(scenario_id: str) -> None:
    """The screenshots' summit game (seed 7, as `main.py screenshots` plays it) holds its first summit and is
    still in play behind the charts, however many steps the first summit lies from the start."""
    from game.ui.screenshots import past_first_summit
    from rules.log import SummitHeld

    match = past_first_summit(scenario_id, 7)
    try:
        assert any(isinstance(e.entry, SummitHeld) for e in match.session.log)
        assert not match.session.is_over and match.state.phase == "actions"
    finally:
        match.close()


def test_every_screen_renders_and_draws_something(golden_run: list[Path]) -> None:
    assert len(golden_run) >= 14
    for path in golden_run:
        image = pygame.image.load(str(path))
        colours = {tuple(image.get_at((x, y))) for x in range(0, 960, 37) for y in range(0, 600, 29)}
        assert len(colours) > 3, path.name


def test_the_window_resizes_and_the_ui_scales(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.screenshots import mid_game

    match = mid_game("tutorial", 5, app.assets, steps=6)
    match.take_seat(match.to_act())
    play = app.reset("play", match=match)
    frames(app, 2)
    small = play.controls["menu"].rect.height
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1920, h=1200, size=(1920, 1200)))
    frames(app, 2)
    assert app.size == (1920, 1200)
    assert play.controls["menu"].rect.height > small
    assert play.map.viewport.size == play.board_rect.size
    assert play.controls["menu"].rect.right <= 1920


def test_a_map_click_names_a_state_a_node_or_a_link(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.screenshots import mid_game

    match = mid_game(
        "caspian-2023" if (ROOT / "assets/scenarios/caspian-2023.toml").exists() else "tutorial", 5, app.assets
    )
    match.take_seat(match.to_act())
    play = app.reset("play", match=match)
    frames(app, 2)
    view = play.map
    baku = view.scenario.node_index["baku"]
    x, y = view.node_xy(baku)
    assert view.pick((int(x), int(y))).id == "baku"
    region = view.base_map.country("kazakhstan")
    kx, ky = view.viewport.to_screen(*region.label)
    assert view.pick((int(kx), int(ky) - 30)).id == "kazakhstan"
    link = view.scenario.links[0]
    a, b = view._link_points(0)
    assert view.pick((int((a[0] + b[0]) / 2), int((a[1] + b[1]) / 2))).id == link.id


NO_XVFB = not (shutil.which("Xvfb") and shutil.which("xdotool") and shutil.which("xwd"))


@contextmanager
def real_window(data: Path) -> Iterator[Callable[[str], None]]:
    """The game in a real X window under Xvfb (1280x800), its data in `data`; yields a function that types
    one key (an xdotool key name) into it and waits for the window to follow."""
    # A display number Xvfb picks itself (written to the pipe): a fixed one collides with another run.
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_fd,),
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = ":" + pipe.readline().strip()
    env = {**os.environ, "DISPLAY": display, "CASPIAN_GAMBIT_DATA": str(data), "SDL_VIDEODRIVER": "x11"}
    game = None
    try:
        game = subprocess.Popen([sys.executable, "main.py"], cwd=ROOT, env=env)
        window = ""
        for _ in range(60):
            found = subprocess.run(
                ["xdotool", "search", "--pid", str(game.pid)], env=env, capture_output=True, text=True, timeout=30
            )
            if found.stdout.strip():
                window = found.stdout.split()[0]
                break
            time.sleep(0.25)
        assert window, "the game window did not open"

        def key(name: str) -> None:
            subprocess.run(["xdotool", "key", name], env=env, timeout=30)
            time.sleep(0.6)

        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, timeout=30)
        time.sleep(1.0)
        yield key
        shot = data / "window.xwd"
        subprocess.run(["xwd", "-root", "-silent", "-out", str(shot)], env=env, timeout=10)
        assert shot.exists() and shot.stat().st_size > 1280 * 800, "the screenshot of the window is empty"
    finally:
        if game is not None:
            game.terminate()
            game.wait(10)
        xvfb.terminate()
        xvfb.wait(10)


@pytest.mark.skipif(NO_XVFB, reason="Xvfb, xdotool or xwd is not installed")
def test_real_window_under_xvfb_new_game_turns_and_save(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with real_window(tmp_path) as key:
        key("n")  # new game
        key("Return")  # start
        for _ in range(6):
            key("Return")  # through cover screens and recaps
            key("1")  # first choice (objective, headline, card...)
            key("1")
            key("Return")  # a secret pick's second step (or the end of the turn)
        key("Escape")  # menu
        key("2")  # save
        key("Return")  # save under the proposed name
    saves = list((tmp_path / "saves").glob("*.json"))
    assert saves, "the game was not saved"
    doc = json.loads(saves[0].read_text())
    assert doc["format"] == "caspian-gambit-save" and len(doc["actions"]) > 3


@pytest.mark.skipif(NO_XVFB, reason="Xvfb, xdotool or xwd is not installed")
def test_real_window_under_xvfb_negotiation_and_summit(app, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """By X keys alone: Continue a game at the person's last turn before the first summit, play a card to
    negotiate, pick the partner and terms, send the proposal from its dialog, then play on through the
    summit. The keys up to the proposal are the ones a headless twin of the window needed (tests.ui.realwindow);
    the game's own autosave after the summit round shows the proposal and the summit held."""
    from game import saves as save_files
    from tests.ui.realwindow import before_first_summit, keys_to_a_proposal, write_autosave

    session, plans = before_first_summit(2)
    person = next(p.state for p in plans if p.human)
    opened = len(session.actions)
    twin_data, data = tmp_path / "twin", tmp_path / "window"
    write_autosave(twin_data / "autosaves", session, plans)
    write_autosave(data / "autosaves", session, plans)
    monkeypatch.setenv("CASPIAN_GAMBIT_DATA", str(twin_data))
    app.reset("title")
    frames(app, 2)
    keys = keys_to_a_proposal(app, person)
    assert keys[0] == "c" and keys[-1] == "Return"

    def summit_played() -> Session | None:
        """The window's newest autosave, once it holds a summit (written at the cleanup after it)."""
        newest = autosaves.newest(data / "autosaves")
        loaded = save_files.load(newest) if newest is not None else None
        held = loaded is not None and any(isinstance(e.entry, SummitHeld) for e in loaded.log)
        return loaded if held else None

    with real_window(data) as key:
        for name in keys:
            key(name)
        for _ in range(40):  # the person's turn ends, the bots finish the round, the summit and its screen
            if summit_played() is not None:
                break
            # skip the moves on the map, end the turn or pass a screen, play a first card's first choice,
            # and Escape what has no choice (a card shown while the moves play; the menu then resumes on 1)
            for name in ("BackSpace", "Return", "1", "1", "Return", "Escape"):
                key(name)
    after = summit_played()
    assert after is not None, "no summit was held in the window"
    assert [a for a in after.actions[opened:] if isinstance(a, Propose) and a.seat == person], "no proposal sent"
