"""Load and fault test of a class-game host on localhost: many clients through a whole Short game.

    python3 tools/load_host.py [--viewers 6] [--hostile 1000] [--seed 3] [--no-restart]

The host runs as a teacher runs it, `main.py host`, in a process of its own. Four browser seats each have one
playing connection and `--viewers` more connections resumed with the same token (phones and laptops of one team),
plus one class screen (`watch`): 4 * (1 + 6) + 1 + 1 = 30 clients by default, with the hostile client. The seats
decide at random among their legal options. Measured: for every action, the time from sending it to the moment
every connection holds the view of its step; no view may be missed (each connection sees every step's view in
order). Faults on the way:

- a seat's playing connection killed mid-turn (its socket aborted, no goodbye) rejoins with its token and acts;
  a viewer or the class screen killed so comes back too;
- `--hostile` malformed or hostile messages (wrong seat, bad token, bad JSON, huge, replayed, out of turn, an
  unknown type) each answered with an error while the game's step stays where it was;
- the host process killed with SIGKILL mid-round and started again from its newest autosave (`--resume`), every
  client reconnecting with its token and the game played on from the step it had reached.

Prints one JSON object (latency in ms); exits 1 if the game did not end, a hostile message went unanswered or the
restarted host had lost a step.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game import autosaves  # noqa: E402
from game.net.server import MAX_BYTES  # noqa: E402


class Client:
    """One connection: the last step whose view it holds, when each step's view arrived, errors received."""

    def __init__(self, session: aiohttp.ClientSession, url: str, seat: str | None) -> None:
        self.session, self.url, self.seat = session, url, seat
        self.ws: Any = None
        self.step = -1
        self.view: dict[str, Any] = {}
        self.arrivals: list[float] = []  # when each view arrived
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
                self.arrivals.append(time.perf_counter())
            elif data["type"] in ("ok", "error", "joined"):
                if data["type"] == "error":
                    self.errors.append(data["code"])
                await self.replies.put(data)

    def kill(self) -> None:
        """Drop the connection as a phone losing its network does: the socket goes, no closing handshake."""
        self.ws._conn.transport.abort()  # aiohttp keeps the connection there; nothing public aborts it

    async def close(self) -> None:
        await self.ws.close()
        if self.reader is not None:
            await asyncio.gather(self.reader, return_exceptions=True)


class HostProcess:
    """`main.py host` in a process of its own, on a fixed port, autosaving into a folder."""

    def __init__(self, folder: Path, port: int, seed: int) -> None:
        self.folder, self.port, self.seed = folder, port, seed
        self.process: subprocess.Popen[str] | None = None
        self.room = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, resume: Path | None = None) -> None:
        """Start the host (from an autosave: the same room), and wait until it takes connections."""
        command = [sys.executable, str(ROOT / "main.py"), "host", "--port", str(self.port), "--seed", str(self.seed)]
        command += ["--length", "short", "--autosaves", str(self.folder), "--qr", str(self.folder / "qr.png")]
        command += ["--resume", str(resume)] if resume is not None else []
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("room code: "):
                self.room = line.split(":", 1)[1].strip()
            if line.startswith("QR code"):
                break
        end = time.monotonic() + 60
        while time.monotonic() < end:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise TimeoutError("the host did not start")

    def kill(self) -> None:
        """SIGKILL: no autosave on the way out, nothing closed."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def until(check: Any, timeout: float = 30.0) -> None:
    end = time.perf_counter() + timeout
    while not check():
        if time.perf_counter() > end:
            raise TimeoutError("clients did not catch up")
        await asyncio.sleep(0.001)


def hostile_messages(view: dict[str, Any], seat: str, other: str, last_id: int, rng: random.Random) -> list[str]:
    """One of each kind of bad message for `seat`'s connection."""
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
        ),
    ]


class Run:
    """One load run: the clients of every seat, what they measured, and the faults made on the way."""

    def __init__(self, args: argparse.Namespace, http: aiohttp.ClientSession, host: HostProcess) -> None:
        self.args, self.http, self.host = args, http, host
        self.rng = random.Random(args.seed)
        self.seats: list[str] = []
        self.tokens: dict[str, str] = {}
        self.ids: dict[str, int] = {}
        self.players: dict[str, Client] = {}
        self.clients: list[Client] = []
        self.latencies: list[float] = []
        self.counts = {"hostile_sent": 0, "hostile_answered": 0, "rejoined": 0, "players_killed": 0, "restarts": 0}
        self.lost = 0  # steps the host lost to its kill (every acknowledged decision is in its autosave: 0)

    @property
    def screen(self) -> Client:
        return self.clients[-1]

    async def connect(self) -> None:
        """Every client (again, after a restart): each seat's player and viewers, then the class screen."""
        url = self.host.url
        if not self.seats:
            lobby = Client(self.http, url, None)
            await lobby.open({"type": "lobby"})
            self.seats = [s["id"] for s in (await lobby.ws.receive_json())["seats"]]
            await lobby.close()
            self.ids = {s: 1 for s in self.seats}
        self.players, self.clients = {}, []
        for seat in self.seats:
            player = Client(self.http, url, seat)
            known = seat in self.tokens
            await player.open(
                {"type": "resume", "token": self.tokens[seat]}
                if known
                else {"type": "join", "room": self.host.room, "seat": seat}
            )
            self.tokens[seat] = (await player.replies.get())["token"]
            self.players[seat] = player
            self.clients.append(player)
            for _ in range(self.args.viewers):
                viewer = Client(self.http, url, seat)
                await viewer.open({"type": "resume", "token": self.tokens[seat]})
                await viewer.replies.get()
                self.clients.append(viewer)
        screen = Client(self.http, url, None)
        await screen.open({"type": "watch", "room": self.host.room})
        self.clients.append(screen)
        await until(lambda: self.screen.step >= 0 and all(c.step == self.screen.step for c in self.clients))

    async def close(self) -> None:
        for client in self.clients:
            await client.close()

    async def act(self, seat: str) -> None:
        """A random legal option of the seat, sent and timed until every connection holds the new step's view."""
        player = self.players[seat]
        option = self.rng.choice(player.view["legal"])
        seen = [len(c.arrivals) for c in self.clients]
        while True:  # a seat that acts faster than the host's rate limit waits, as a page would
            sent = time.perf_counter()
            await player.ws.send_str(json.dumps({"type": "act", "id": self.ids[seat], "action": option["action"]}))
            self.ids[seat] += 1
            reply = await player.replies.get()
            if reply.get("code") != "rate":
                break
            await asyncio.sleep(0.2)
        if reply["type"] != "ok":
            raise AssertionError(f"a legal option was refused: {reply}")
        await until(lambda: all(len(c.arrivals) > n for c, n in zip(self.clients, seen)))
        self.latencies.append(max(c.arrivals[n] for c, n in zip(self.clients, seen)) - sent)

    async def kill_player(self, seat: str) -> None:
        """The seat's playing connection dies mid-turn; the page reloads and resumes with its token."""
        old = self.players[seat]
        old.kill()
        await asyncio.gather(*(t for t in [old.reader] if t is not None), return_exceptions=True)
        again = Client(self.http, self.host.url, seat)
        await again.open({"type": "resume", "token": self.tokens[seat]})
        await again.replies.get()  # joined
        await until(lambda: again.step == self.screen.step)
        self.clients[self.clients.index(old)] = again
        self.players[seat] = again
        self.counts["players_killed"] += 1

    async def kill_viewer(self) -> None:
        """A viewer (or the class screen, without viewers) dies and comes back."""
        at = 1 if self.args.viewers else len(self.clients) - 1
        victim = self.clients[at]
        victim.kill()
        await asyncio.gather(*(t for t in [victim.reader] if t is not None), return_exceptions=True)
        again = Client(self.http, self.host.url, victim.seat)
        if victim.seat is None:
            await again.open({"type": "watch", "room": self.host.room})
        else:
            await again.open({"type": "resume", "token": self.tokens[victim.seat]})
            await again.replies.get()
        self.clients[at] = again
        await until(lambda: again.step == self.clients[0].step)
        self.counts["rejoined"] += 1

    async def hostile(self) -> None:
        """A burst of bad messages from a connection of the first seat: each answered, the step unchanged."""
        seat, other = self.seats[0], self.seats[1]
        client = Client(self.http, self.host.url, seat)
        await client.open({"type": "resume", "token": self.tokens[seat]})
        await client.replies.get()
        await until(lambda: client.step == self.screen.step)
        before = self.screen.step
        messages = hostile_messages(client.view, seat, other, self.ids[seat], self.rng)
        for text in messages[: self.args.hostile - self.counts["hostile_sent"]]:
            await client.ws.send_str(text)
            self.counts["hostile_sent"] += 1
            reply = await asyncio.wait_for(client.replies.get(), 10)
            self.counts["hostile_answered"] += reply["type"] in ("error", "joined")
            await asyncio.sleep(0.11)  # within the rate limit: each answered for what it is
        await asyncio.sleep(0.05)
        if self.screen.step != before or client.step != before:
            raise AssertionError("a hostile message changed the game")
        await client.close()

    async def restart(self) -> None:
        """SIGKILL the host mid-round, start it from its newest autosave, reconnect everyone, check the step."""
        reached = self.screen.step
        await self.close()
        self.host.kill()
        newest = autosaves.newest(self.host.folder)
        assert newest is not None, "the host wrote no autosave"
        self.host.start(resume=newest)
        await self.connect()
        self.lost = reached - self.screen.step
        self.counts["restarts"] += 1

    async def play(self) -> dict[str, Any]:
        await self.connect()
        restart_at = None if self.args.no_restart else 60
        decision = 0
        while not self.screen.view.get("over"):
            movers = [s for s in self.seats if self.players[s].view.get("legal")]
            if not movers:
                await asyncio.sleep(0.01)
                continue
            seat = self.rng.choice(movers)
            if decision % 25 == 13:
                await self.kill_player(seat)
            await self.act(seat)
            decision += 1
            if self.counts["hostile_sent"] < self.args.hostile:
                await self.hostile()
            if decision % 25 == 7:
                await self.kill_viewer()
            if restart_at is not None and self.screen.step >= restart_at and self.screen.view["phase"] != "cleanup":
                restart_at = None
                await self.restart()
        await self.close()
        return self.report(decision)

    def report(self, decisions: int) -> dict[str, Any]:
        ordered = sorted(self.latencies)
        return {
            "clients": len(self.clients) + 1,  # and the hostile client
            "actions": self.screen.step,
            "decisions": decisions,
            "over": bool(self.screen.view.get("over")),
            "latency_ms": {
                "p50": round(1000 * statistics.median(ordered), 1),
                "p95": round(1000 * ordered[int(0.95 * (len(ordered) - 1))], 1),
                "max": round(1000 * ordered[-1], 1),
            },
            **self.counts,
            "steps_lost_to_kill": self.lost,
        }


async def run(args: argparse.Namespace) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="load-host-"))
    host = HostProcess(folder, free_port(), args.seed)
    host.start()
    try:
        async with aiohttp.ClientSession() as http:
            return await Run(args, http, host).play()
    finally:
        host.stop()
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=6, help="extra connections per seat (default 6: 30 clients)")
    parser.add_argument("--hostile", type=int, default=1000, help="hostile messages to send (default 1000)")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--no-restart", action="store_true", help="do not kill and restart the host mid-game")
    args = parser.parse_args(argv)
    result = asyncio.run(run(args))
    print(json.dumps(result))
    ok = result["over"] and result["hostile_answered"] == result["hostile_sent"] and result["steps_lost_to_kill"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
