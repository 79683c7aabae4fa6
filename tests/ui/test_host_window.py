"""A class game hosted from the window (issue 16): the new-game screen makes a seat a browser seat and hosts the
game by posted clicks; the window shows the class screen with the join address, its QR code and the room code; a
simulated browser (an aiohttp client, as tests/net does) joins by the address and room code shown there and plays
while a person plays another seat in the window behind its cover and two bots play on; the class screen never
shows a seat's private data; leaving the game closes the server; a save of it is hosted again when loaded."""

from __future__ import annotations

import asyncio
import json
import random
import re
import threading
from typing import Any

import aiohttp
import pygame

from game import autosaves, saves
from game.content_files import load_scenario
from game.ui.app import App
from game.ui.match import Match, SeatPlan
from game.ui.savefiles import autosave_folder, fork_match, keep_autosaves, leave, load_match, save_match
from game.ui.scenes.classroom import qr_surface
from rules.log import RoundBegan
from tests.ui.autoplay import step
from tests.ui.driver import click, frames, press, screen_texts
from tests.ui.test_hotseat import _assert_hidden, _secrets
from tests.ui.test_hotseat_four import _playing
from tests.ui.test_newgame_table import _click_until

BROWSER, HUMAN = 0, 1  # places at the table; 2 and 3 are bots


class BrowserSeat(threading.Thread):
    """A team's browser on a thread of its own: joins a seat by room code, then takes a random legal option
    whenever its view offers some, as the page's buttons would; records every message it receives."""

    def __init__(self, url: str, room: str, seat: str) -> None:
        super().__init__(daemon=True)
        self.url, self.room, self.seat = url, room, seat
        self.received: list[dict[str, Any]] = []
        self.acted = 0
        self.errors: list[str] = []
        self.closed = threading.Event()

    def run(self) -> None:
        asyncio.run(self.play())

    async def play(self) -> None:
        rng = random.Random(5)
        ident = 0
        acted_at = -1
        async with aiohttp.ClientSession() as http, http.ws_connect(self.url + "/ws") as ws:
            await ws.send_str(json.dumps({"type": "join", "room": self.room, "seat": self.seat}))
            async for msg in ws:
                if msg.type != aiohttp.WSMsgType.TEXT:
                    break
                data = json.loads(msg.data)
                self.received.append(data)
                if data["type"] == "error" and data["code"] != "rate":
                    self.errors.append(data["code"])
                if data["type"] == "error" and data["code"] in ("rate", "illegal"):
                    acted_at = -1  # asked again by the next view (or now, after a pause)
                    await asyncio.sleep(0.2)
                if data["type"] == "view" and data.get("legal") and data["step"] != acted_at:
                    acted_at = data["step"]
                    ident += 1
                    option = rng.choice(data["legal"])
                    await ws.send_str(json.dumps({"type": "act", "id": ident, "action": option["action"]}))
                    self.acted += 1
        self.closed.set()


def _host_from_new_game(app: App) -> Match:
    """Title -> New game (posted clicks): the Caspian lesson, the first seat a browser's, the second a person's,
    the other two random bots; then "Host a class game"."""
    app.host_port = 0  # any free port (the window's default is 8765)
    click(app, app.top.buttons["new"])  # type: ignore[union-attr]
    scene = app.top
    assert scene is not None and scene.name == "new_game"
    for key, value in (("scenario_id", "caspian-2023"), ("length", "lesson")):
        for _ in range(12):
            if getattr(scene, key) == value:
                break
            click(app, scene.controls["scenario" if key == "scenario_id" else "length"])  # type: ignore[attr-defined]
    assert (scene.scenario_id, scene.length) == ("caspian-2023", "lesson")  # type: ignore[attr-defined]
    assert not scene.controls["host"].is_enabled, "nothing to host without a browser seat"  # type: ignore[attr-defined]
    _click_until(app, scene, f"player:{BROWSER}", "remote", True)  # type: ignore[arg-type]
    _click_until(app, scene, f"player:{HUMAN}", "human", True)  # type: ignore[arg-type]
    for i in (2, 3):
        _click_until(app, scene, f"player:{i}", "human", False)  # type: ignore[arg-type]
        _click_until(app, scene, f"level:{i}", "level", "random")  # type: ignore[arg-type]
    assert not scene.start.is_enabled, "a browser seat plays only in a hosted game"  # type: ignore[attr-defined]
    click(app, scene.controls["host"])  # type: ignore[attr-defined]
    match = _playing(app)
    assert match is not None and match.host is not None and match.hosting is not None
    return match


def _class_screen_join(app: App) -> tuple[str, str]:
    """The address and room code as the class screen shows them."""
    for _ in range(200):
        if app.top is not None and app.top.name == "classroom":
            break
        frames(app, 1)
    assert app.top is not None and app.top.name == "classroom", app.top and app.top.name
    shown = "\n".join(screen_texts(app))
    found = re.search(r"(http://[\d.]+:\d+)/\?room=([A-Z]{4})", shown)
    assert found is not None, shown
    url, room = found.groups()
    assert app.tr("ui.classroom.room", room=room) in shown
    return url, room


def test_a_class_game_hosted_from_the_new_game_screen(app) -> None:  # type: ignore[no-untyped-def]
    match = _host_from_new_game(app)
    seats = match.state.seats
    browser_seat, person = seats[BROWSER], seats[HUMAN]
    assert match.remote() == (browser_seat,) and match.humans() == (person,)
    url, room = _class_screen_join(app)
    assert room == match.host.room  # type: ignore[union-attr]
    press(app, pygame.K_F9)  # the teacher's console opens over the class screen, and Esc returns to it
    assert app.top is not None and app.top.name == "console"
    press(app, pygame.K_ESCAPE)
    assert app.top is not None and app.top.name == "classroom"
    browser = BrowserSeat(url, room, browser_seat)
    browser.start()
    seen: set[str] = set()
    for _ in range(6000):
        top = app.top
        assert top is not None
        if top.name == "game_over" or match.session.is_over:
            break
        seen.add(top.name)
        if top.name == "classroom":  # the room's screen: no seat's hand, interest or headline
            for seat in seats:
                _assert_hidden(app, _secrets(app, match, seat, next(s for s in seats if s != seat)), "classroom")
            frames(app, 1)
            continue
        step(app)  # the person at the window: cover, recap, play screen, card...
        frames(app, 1)
    assert match.session.is_over, sorted(seen)
    assert {"classroom", "cover", "play"} <= seen, sorted(seen)
    assert browser.errors == [], browser.errors
    acted = {s: sum(getattr(a, "seat", None) == s for a in match.session.actions) for s in (browser_seat, person)}
    assert min(acted.values()) >= 5, acted  # the browser's decisions and the person's are the game's
    hosting = match.hosting
    assert hosting is not None
    leave(app, match, "title")
    assert hosting.stopped, "leaving the game closes the server"
    assert browser.closed.wait(10), "the browser's connection was closed"
    browser.join(10)


def test_the_qr_code_is_square_crisp_and_within_its_room() -> None:
    pygame.display.init()
    code = qr_surface("http://192.168.1.20:8765/?room=ABCD", 300)
    side = code.get_width()
    assert code.get_height() == side and side <= 300
    modules = 29 + 8  # a version-3 code of this address and its quiet border
    assert side % modules == 0 and side // modules >= 8
    colours = {tuple(code.get_at((x, y)))[:3] for x in range(side) for y in range(0, side, 7)}
    assert colours == {(16, 32, 44), (255, 255, 255)}


def test_a_hosted_game_continues_hosted_from_its_save(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The window's save of a class game keeps its browser seats and the host's part: loaded again (Continue, a
    crash, the load screen), the game is hosted again in the same room and a browser's token still holds its
    seat, and a message it sent before is still a replay. A what-if branch of it is played at the screen."""
    scenario = load_scenario("caspian-2023")
    seats = scenario.definition.default_seats[:4]
    plans = tuple(SeatPlan(s, human=i == 1, remote=i == 0, level="random") for i, s in enumerate(seats))
    match = Match.start(scenario, 3, plans, "lesson", "standard")
    match.host_game(0, "127.0.0.1")
    host = match.host
    assert host is not None
    keep_autosaves(match)  # as the play screen does
    token = host.join(host.room, seats[0])
    newest = autosaves.newest(autosave_folder())
    assert newest is not None, "a browser's joining is autosaved"
    assert saves.read_document(newest, newest.name)["host"]["tokens"] == host.tokens
    host.last_id[seats[0]] = 4
    rng = random.Random(1)
    while not any(isinstance(e.entry, RoundBegan) for e in match.session.log):  # into round 1: a branch can start
        match.session.submit(rng.choice(match.session.legal()))
    path = save_match(match, tmp_path / "class.json")
    match.close()
    again = load_match(path, app.library, host_port=0)
    try:
        assert again.remote() == (seats[0],) and again.humans() == (seats[1],)
        assert again.host is not None and again.hosting is not None and not again.hosting.stopped
        assert again.host.room == host.room and again.host.seat_of(token) == seats[0]
        assert again.host.last_id == {seats[0]: 4}
    finally:
        again.close()
    assert again.hosting.stopped
    branch = fork_match(path, 1, app.library)
    try:
        assert branch.host is None and branch.remote() == ()
    finally:
        branch.close()
