"""Load and fault test of a class-game host on localhost: many clients through a whole Short game.

    python3 tools/load_host.py [--viewers 6] [--hostile 1000] [--seed 3] [--no-restart]

Four browser seats each have one playing connection and `--viewers` more connections resumed with the same
token (phones and laptops of one team), plus one class screen (`watch`): 4 * (1 + 6) + 1 + 1 = 30 clients by
default, with the hostile client. The seats decide at random among their legal options. Measured: for every
action, the time from sending it to the moment every connection holds the view of its step; no view may be
missed (each connection sees every step's view in order). Faults on the way: a viewer killed mid-turn rejoins with
its token; `--hostile` malformed or hostile messages (wrong seat, bad token, bad JSON, huge, replayed, out of turn)
each answered with an error while the game's action list stays unchanged; the host stopped mid-game and restarted
from its autosave, every client reconnecting with its token. Prints one JSON object (latency in ms).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.content_files import load_scenario  # noqa: E402
from game.net.host import WEB, Host  # noqa: E402
from game.net.server import MAX_BYTES, running  # noqa: E402
from game.session import Session  # noqa: E402


class Client:
    """One connection: the last step whose view it holds, when each step's view arrived, errors received."""

    def __init__(self, session: aiohttp.ClientSession, url: str, seat: str | None) -> None:
        self.session, self.url, self.seat = session, url, seat
        self.ws: Any = None
        self.step = -1
        self.view: dict[str, Any] = {}
        self.arrived: dict[int, float] = {}
        self.errors: list[str] = []
        self.replies: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.reader: asyncio.Task[None] | None = None

    async def open(self, hello: dict[str, Any]) -> None:
        self.ws = await self.session.ws_connect(self.url + "/ws")
        await self.ws.receive_json()  # hello
        self.reader = asyncio.create_task(self.read())
        await self.ws.send_str(json.dumps(hello))

    async def read(self) -> None:
        async for msg in self.ws:
            data = json.loads(msg.data)
            if data["type"] == "view":
                if data["step"] < self.step:
                    raise AssertionError(f"views out of order: {data['step']} after {self.step}")
                self.step, self.view = data["step"], data
                self.arrived.setdefault(data["step"], time.perf_counter())
            elif data["type"] in ("ok", "error", "joined"):
                if data["type"] == "error":
                    self.errors.append(data["code"])
                await self.replies.put(data)

    async def close(self) -> None:
        await self.ws.close()
        if self.reader is not None:
            await asyncio.gather(self.reader, return_exceptions=True)


async def until(check: Any, timeout: float = 30.0) -> None:
    end = time.perf_counter() + timeout
    while not check():
        if time.perf_counter() > end:
            raise TimeoutError("clients did not catch up")
        await asyncio.sleep(0.001)


def hostile_messages(host: Host, seat: str, other: str, last_id: int, rng: random.Random) -> list[str]:
    """One of each kind of bad message for `seat`'s connection."""
    state = host.session.state
    return [
        json.dumps({"type": "act", "id": last_id + 1000, "action": {"kind": "end_turn", "seat": other}}),
        json.dumps({"type": "resume", "token": f"stolen-{rng.randrange(10**6)}"}),
        '{"type": "act", ' + "x" * rng.randrange(5, 50),
        json.dumps(
            {"type": "act", "id": last_id + 1000, "action": {"kind": "pass_turn", "seat": seat}, "pad": "x" * MAX_BYTES}
        ),
        json.dumps({"type": "act", "id": 1, "action": {"kind": "end_turn", "seat": seat}}),
        json.dumps({"type": "act", "id": last_id + 1000, "action": {"kind": "advance"}}),
        json.dumps(
            {"type": "act", "id": last_id + 1000, "action": {"kind": "keep_objective", "seat": seat, "objective": "x"}}
        )
        if state.phase != "setup"
        else json.dumps({"type": "dance"}),
    ]


async def play(args: argparse.Namespace) -> dict[str, Any]:
    scenario = load_scenario("caspian-2023")
    seats = list(scenario.definition.default_seats)
    folder = Path(tempfile.mkdtemp(prefix="load-host-"))
    host = Host(Session.start(scenario, args.seed, seats, "short"), {s: WEB for s in seats}, autosave_folder=folder)
    host.play_on()
    rng = random.Random(args.seed)
    latencies: list[float] = []
    hostile_sent = hostile_answered = rejoined = restarts = 0
    tokens: dict[str, str] = {}
    ids = {s: 1 for s in seats}
    restart_at = None if args.no_restart else 60
    connected = 0
    async with aiohttp.ClientSession() as http:
        while True:
            with running(host) as url:
                players: dict[str, Client] = {}
                clients: list[Client] = []
                for seat in seats:
                    player = Client(http, url, seat)
                    hello = {"type": "resume", "token": tokens[seat]} if seat in tokens else None
                    await player.open(hello or {"type": "join", "room": host.room, "seat": seat})
                    tokens[seat] = (await player.replies.get())["token"]
                    players[seat] = player
                    clients.append(player)
                    for _ in range(args.viewers):
                        viewer = Client(http, url, seat)
                        await viewer.open({"type": "resume", "token": tokens[seat]})
                        await viewer.replies.get()
                        clients.append(viewer)
                screen = Client(http, url, None)
                await screen.open({"type": "watch", "room": host.room})
                clients.append(screen)
                hostile = Client(http, url, seats[0])
                await hostile.open({"type": "resume", "token": tokens[seats[0]]})
                await hostile.replies.get()
                await until(lambda c=clients, h=host: all(x.step == len(h.session.actions) for x in c))
                connected = len(clients) + 1  # and the hostile client
                while not host.session.is_over:
                    step = len(host.session.actions)
                    if restart_at is not None and step >= restart_at:
                        restart_at = None
                        break
                    movers = [s for s in seats if players[s].view.get("legal")]
                    seat = rng.choice(movers)
                    option = rng.choice(players[seat].view["legal"])
                    while True:  # a seat that acts faster than the host's rate limit waits, as a page would
                        sent = time.perf_counter()
                        await players[seat].ws.send_str(
                            json.dumps({"type": "act", "id": ids[seat], "action": option["action"]})
                        )
                        ids[seat] += 1
                        reply = await players[seat].replies.get()
                        if reply.get("code") != "rate":
                            break
                        await asyncio.sleep(0.2)
                    if reply["type"] != "ok":
                        raise AssertionError(f"a legal option was refused: {reply}")
                    new = len(host.session.actions)
                    await until(lambda new=new, c=clients: all(x.step >= new for x in c))
                    latencies.append(max(c.arrived[new] for c in clients) - sent)
                    if hostile_sent < args.hostile:
                        before = list(host.session.actions)
                        for text in hostile_messages(host, seats[0], seats[1], ids[seats[0]], rng):
                            await hostile.ws.send_str(text)
                            hostile_sent += 1
                            reply = await asyncio.wait_for(hostile.replies.get(), 10)
                            hostile_answered += reply["type"] == "error" or reply["type"] == "joined"
                            await asyncio.sleep(0.11)  # within the rate limit: each answered for what it is
                        if host.session.actions != before:
                            raise AssertionError("a hostile message changed the game")
                        hostile = await reopen(hostile, {"type": "resume", "token": tokens[seats[0]]})
                    if step % 25 == 7:  # a viewer (or the class screen) dropped mid-turn comes back
                        at = 1 if args.viewers else len(clients) - 1
                        victim = clients[at]
                        hello = {"type": "resume", "token": tokens[victim.seat]} if victim.seat else None
                        clients[at] = await reopen(victim, hello or {"type": "watch", "room": host.room})
                        await until(lambda c=clients[at], h=host: c.step == len(h.session.actions))
                        rejoined += 1
                for client in [*clients, hostile]:
                    await client.close()
            if host.session.is_over:
                break
            host.save_now()  # what stopping the host does (game.net.command.serve)
            saved = sorted(folder.glob("autosave-*.json"), key=lambda p: p.stat().st_mtime_ns)[-1]
            host = Host.resume(saved, load_scenario, folder)
            restarts += 1
    ordered = sorted(latencies)
    return {
        "clients": connected,
        "actions": len(host.session.actions),
        "decisions": len(latencies),
        "over": host.session.is_over,
        "latency_ms": {
            "p50": round(1000 * statistics.median(ordered), 1),
            "p95": round(1000 * ordered[int(0.95 * (len(ordered) - 1))], 1),
            "max": round(1000 * ordered[-1], 1),
        },
        "hostile_sent": hostile_sent,
        "hostile_answered": hostile_answered,
        "rejoined": rejoined,
        "host_restarts": restarts,
    }


async def reopen(client: Client, hello: dict[str, Any]) -> Client:
    """Kill a connection and open another for the same seat (what a dropped Wi-Fi does)."""
    await client.close()
    again = Client(client.session, client.url, client.seat)
    await again.open(hello)
    if hello["type"] == "resume":
        await again.replies.get()  # joined
    return again


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=6, help="extra connections per seat (default 6: 30 clients)")
    parser.add_argument("--hostile", type=int, default=1000, help="hostile messages to send (default 1000)")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--no-restart", action="store_true", help="do not stop and restart the host mid-game")
    args = parser.parse_args(argv)
    result = asyncio.run(play(args))
    print(json.dumps(result))
    ok = result["over"] and result["hostile_answered"] == result["hostile_sent"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
