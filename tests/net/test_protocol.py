"""The class-game protocol over a real aiohttp server (game.net): joining, acting, every kind of bad message
answered with an error and the game unharmed, reconnecting with a token, a host restarted from its autosave,
and the privacy of what each seat receives over a whole game."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from game import autosaves, saves
from game.content_files import load_scenario
from game.i18n import Translator
from game.net.host import WEB, Host
from game.net.server import MAX_BYTES, make_app
from game.session import Session
from rules.view import HIDDEN

SCENARIO = load_scenario("caspian-2023")
SEATS = list(SCENARIO.definition.default_seats)


def new_host(controllers: dict[str, str], folder: Path | None = None) -> Host:
    session = Session.start(SCENARIO, 7, list(controllers), "short")
    host = Host(session, controllers, autosave_folder=folder)
    host.play_on()
    return host


def run(host: Host, body: Callable[[TestClient], Awaitable[None]]) -> None:
    async def main() -> None:
        async with TestClient(TestServer(make_app(host))) as client:
            await body(client)

    asyncio.run(main())


class Seat:
    """One browser connection: sends messages, keeps the last view, records everything it receives."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.received: list[dict[str, Any]] = []
        self.view: dict[str, Any] = {}
        self.next_id = 1

    async def send(self, message: object) -> None:
        await self.ws.send_str(message if isinstance(message, str) else json.dumps(message))

    async def expect(self, kind: str) -> dict[str, Any]:
        """Messages until one of this type (views kept on the way)."""
        while True:
            message = await asyncio.wait_for(self.ws.receive_json(), 30)
            self.received.append(message)
            if message["type"] == "view":
                self.view = message
            if message["type"] == kind:
                return message

    async def act(self, action: dict[str, Any]) -> dict[str, Any]:
        await self.send({"type": "act", "id": self.next_id, "action": action})
        self.next_id += 1
        while True:
            reply = await self.expect_any()
            if reply["type"] == "ok":
                await self.expect("view")  # the view after the change follows its "ok"
            if reply["type"] in ("ok", "error"):
                return reply

    async def expect_any(self) -> dict[str, Any]:
        message = await asyncio.wait_for(self.ws.receive_json(), 30)
        self.received.append(message)
        if message["type"] == "view":
            self.view = message
        return message


async def join(client: TestClient, host: Host, seat: str) -> tuple[Seat, str]:
    conn = Seat(await client.ws_connect("/ws"))
    await conn.expect("hello")
    await conn.send({"type": "join", "room": host.room, "seat": seat})
    joined = await conn.expect("joined")
    await conn.expect("view")
    return conn, joined["token"]


def test_a_seat_joins_sees_its_options_and_acts() -> None:
    host = new_host({SEATS[0]: WEB, **{s: "random" for s in SEATS[1:]}})

    async def body(client: TestClient) -> None:
        me, token = await join(client, host, SEATS[0])
        assert me.view["seat"] == SEATS[0] and me.view["legal"], "the seat is asked to pick its national interest"
        before = len(host.session.actions)
        reply = await me.act(me.view["legal"][0]["action"])
        assert reply == {"type": "ok", "id": 1}
        assert len(host.session.actions) > before
        assert host.session.state.objectives[0] is not None

    run(host, body)


def test_bad_messages_get_an_error_and_leave_the_game_unharmed() -> None:
    host = new_host({s: WEB for s in SEATS})

    async def body(client: TestClient) -> None:
        first, _ = await join(client, host, SEATS[0])
        second, _ = await join(client, host, SEATS[1])
        stranger = Seat(await client.ws_connect("/ws"))
        await stranger.expect("hello")
        actions = list(host.session.actions)
        pick = first.view["legal"][0]["action"]
        cases: list[tuple[Seat, object, str]] = [
            (stranger, {"type": "resume", "token": "not-a-token"}, "bad_token"),
            (stranger, {"type": "join", "room": "ZZZZ", "seat": SEATS[2]}, "bad_room"),
            (stranger, {"type": "join", "room": host.room, "seat": SEATS[0]}, "seat_taken"),
            (stranger, {"type": "act", "id": 1, "action": pick}, "not_joined"),
            (second, {"type": "act", "id": 1, "action": pick}, "wrong_seat"),  # first's pick, sent by second
            (second, {"type": "act", "id": 2, "action": {"kind": "end_turn", "seat": SEATS[1]}}, "illegal"),
            (second, {"type": "act", "id": 3, "action": {"kind": "advance"}}, "wrong_seat"),
            (second, {"type": "act", "id": 4, "action": {"kind": "teacher_tension", "delta": 3}}, "bad_action"),
            (second, {"type": "act", "id": 5, "action": {"kind": "no_such"}}, "bad_action"),
            (second, "x" * (MAX_BYTES + 1), "too_big"),
            (second, "{not json", "bad_json"),
            (second, "[1, 2]", "bad_shape"),
            (second, {"type": "act", "id": "one", "action": pick}, "bad_shape"),
            (second, {"type": "dance"}, "unknown_type"),
            (second, {"type": "undo", "id": 6}, "cannot_undo"),
        ]
        for conn, message, code in cases:
            await conn.send(message)
            reply = await conn.expect("error")
            assert reply["code"] == code, (message, reply)
        assert host.session.actions == actions, "no bad message changed the game"
        assert (await first.act(pick))["type"] == "ok"
        await first.send({"type": "act", "id": 1, "action": pick})  # the same message again
        assert (await first.expect("error"))["code"] == "replayed"
        for _ in range(40):  # a flood: the rate limit answers, the server stays up
            await second.send({"type": "dance"})
        codes = {(await second.expect("error"))["code"] for _ in range(40)}
        assert "rate" in codes

    run(host, body)


def test_a_reloaded_page_resumes_its_seat_with_its_token() -> None:
    host = new_host({SEATS[0]: WEB, **{s: "random" for s in SEATS[1:]}})

    async def body(client: TestClient) -> None:
        me, token = await join(client, host, SEATS[0])
        await me.ws.close()
        again = Seat(await client.ws_connect("/ws"))
        await again.expect("hello")
        await again.send({"type": "resume", "token": token})
        assert (await again.expect("joined"))["seat"] == SEATS[0]
        view = await again.expect("view")
        assert view["seat"] == SEATS[0] and view["legal"]

    run(host, body)


def test_a_host_restarted_from_its_autosave_lets_the_seats_back_in(tmp_path: Path) -> None:
    host = new_host({SEATS[0]: WEB, **{s: "random" for s in SEATS[1:]}}, tmp_path)
    tokens: dict[str, str] = {}

    async def first_run(client: TestClient) -> None:
        me, tokens["me"] = await join(client, host, SEATS[0])
        while host.session.state.absolute_round < 2 and not host.session.is_over:
            option = random.Random(len(host.session.actions)).choice(me.view["legal"])
            assert (await me.act(option["action"]))["type"] == "ok"

    run(host, first_run)
    host.save_now()
    saved = sorted(tmp_path.glob("autosave-*.json"))[-1]
    again = Host.resume(saved, load_scenario, tmp_path)
    assert again.room == host.room and again.session.actions == host.session.actions

    async def second_run(client: TestClient) -> None:
        conn = Seat(await client.ws_connect("/ws"))
        await conn.expect("hello")
        await conn.send({"type": "resume", "token": tokens["me"]})
        joined = await conn.expect("joined")
        assert joined["seat"] == SEATS[0] and joined["last_id"] == host.last_id[SEATS[0]] > 0
        view = await conn.expect("view")
        await conn.send({"type": "act", "id": joined["last_id"], "action": view["legal"][0]["action"]})
        assert (await conn.expect("error"))["code"] == "replayed", "the replay guard survives the restart"
        conn.next_id = joined["last_id"] + 1
        reply = await conn.act(view["legal"][0]["action"])
        assert reply["type"] == "ok", (reply, view["legal"][0])

    run(again, second_run)


def test_every_decision_is_in_the_autosave_before_the_next(tmp_path: Path) -> None:
    """A host killed mid-round (tools/load_host.py sends it SIGKILL) restarts from an autosave that holds every
    decision acknowledged before: the round's autosave is written again after each browser's change, before its
    "ok" and the views."""
    host = new_host({SEATS[0]: WEB, **{s: "random" for s in SEATS[1:]}}, tmp_path)

    async def body(client: TestClient) -> None:
        me, _ = await join(client, host, SEATS[0])
        for _ in range(3):
            assert (await me.act(me.view["legal"][0]["action"]))["type"] == "ok"
            newest = autosaves.newest(tmp_path)
            assert newest is not None
            saved = saves.read_document(newest, newest.name)
            assert len(saved["actions"]) == len(host.session.actions), "the decision is saved before its ok"
            assert saved["host"]["last_id"] == {SEATS[0]: me.next_id - 1}

    run(host, body)


def private_ids(host: Host, seat: str) -> set[str]:
    """What `seat` holds that nobody else may know: its hand (cards never yet named in public), its interest."""
    state = host.session.state
    i = state.seat_index(seat)
    public = " ".join(repr(e.entry) for e in host.session.visible_log(None))
    secret = {c for c in state.hands[i] if c != HIDDEN and c not in public}
    if state.objectives[i] and state.outcome is None:
        secret.add(state.objectives[i])
    secret |= {o for o in state.offers[i] if o not in public}
    return secret


def test_over_a_whole_game_no_seat_receives_another_seats_secrets() -> None:
    host = new_host({s: WEB for s in SEATS})
    leaks: list[str] = []
    refused: list[str] = []

    async def body(client: TestClient) -> None:
        conns = {}
        for seat in SEATS:
            conns[seat], _ = await join(client, host, seat)
        rng = random.Random(3)
        ids = {seat: 1 for seat in SEATS}

        english = Translator("en")
        not_now = {english.reason(code) for code in ("game_over", "not_your_turn", "wrong_phase", "wrong_stage")}

        def check(seat: str, message: dict[str, Any]) -> None:
            text = json.dumps(message)
            refused.extend(r["why"] for r in message.get("refused", ()))
            assert not any(reason in r["why"] for r in message.get("refused", ()) for reason in not_now)
            for other in SEATS:
                if other != seat:
                    leaks.extend(f"{seat} saw {x} of {other}" for x in private_ids(host, other) if x in text)

        for _ in range(5000):
            if host.session.is_over:
                break
            movers = [s for s in SEATS if conns[s].view.get("legal")]
            assert movers, "some browser seat always has a decision until the game ends"
            seat = rng.choice(movers)
            option = rng.choice(conns[seat].view["legal"])
            await conns[seat].send({"type": "act", "id": ids[seat], "action": option["action"]})
            ids[seat] += 1
            while (reply := await conns[seat].expect_any())["type"] not in ("ok", "error"):
                check(seat, reply)
            assert reply["type"] == "ok", reply
            for other, conn in conns.items():  # every change is one view to every seat
                check(other, await conn.expect("view"))
        assert host.session.is_over
        assert all(len(c.received) > 50 for c in conns.values())
        assert refused, "the refused targets of a verb come with their reasons"

    run(host, body)
    assert not leaks, leaks[:5]


def test_the_class_screen_watches_the_public_board_with_its_qr_code_and_map() -> None:
    host = new_host({s: WEB for s in SEATS})

    async def body(client: TestClient) -> None:
        screen = Seat(await client.ws_connect("/ws"))
        await screen.expect("hello")
        await screen.send({"type": "watch", "room": "zzzz"})
        assert (await screen.expect("error"))["code"] == "bad_room"
        await screen.send({"type": "watch", "room": host.room.lower(), "lang": "ru"})
        view = await screen.expect("view")
        assert view["seat"] is None and "hand" not in view and "legal" not in view and "offers" not in view
        assert view["room"] == host.room and [s["id"] for s in view["seats"]] == SEATS
        player, _ = await join(client, host, SEATS[0])
        assert (await screen.expect("view"))["seats"][0]["joined"], "the screen sees who has joined"
        await player.act(player.view["legal"][0]["action"])
        assert (await screen.expect("view"))["seats"][0]["picked"], "the screen sees who has decided"
        qr = await client.get("/qr.svg")
        assert qr.status == 200 and (await qr.text()).lstrip().startswith("<?xml")
        board = await (await client.get("/board.json")).json()
        assert {link["id"] for link in board["links"]} == {link["id"] for link in view["map"]}
        assert all(link["a"] in board["nodes"] and link["b"] in board["nodes"] for link in board["links"])
        strings = await (await client.get("/i18n/ru.json")).json()
        assert strings["web.title"] == "Каспийский гамбит" and all(k.startswith("web.") for k in strings)
        assert (await client.get("/i18n/xx.json")).status == 404

    run(host, body)


def test_the_host_command_prints_the_address_and_room_and_writes_the_qr_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game import cli
    from game.net import command

    args = cli.build_parser(None).parse_args(  # type: ignore[arg-type]
        ["host", "--seats", "russia=web,kazakhstan=random,azerbaijan=web,turkmenistan=random"]
        + ["--autosaves", str(tmp_path), "--length", "short"]
    )
    host = command.build_host(args, cli.start_session, load_scenario, cli.parse_seats)
    assert host.web_seats() == ["russia", "azerbaijan"] and set(host.bots) == {"kazakhstan", "turkmenistan"}
    url = command.announce(host, "192.0.2.7", 8765, tmp_path / "qr.png")
    out = capsys.readouterr().out
    assert url == f"http://192.0.2.7:8765/?room={host.room}" and url in out and f"room code: {host.room}" in out
    assert (tmp_path / "qr.png").read_bytes().startswith(b"\x89PNG")
    host.join(host.room, "russia")
    saved = sorted(tmp_path.glob("autosave-*.json"))[-1]
    again = command.build_host(
        cli.build_parser(None).parse_args(["host", "--resume", str(saved), "--autosaves", str(tmp_path)]),
        cli.start_session,
        load_scenario,
        cli.parse_seats,
    )  # type: ignore[arg-type]
    assert again.room == host.room and again.tokens == host.tokens
