"""The host's web server (aiohttp): the page and its catalogue over HTTP, the game over one WebSocket per client.

aiohttp serves static files, JSON and WebSockets from one asyncio process with no other dependency to keep; it is
maintained by the aio-libs team and ships wheels for every platform the game runs on.

Every incoming message is checked before it reaches the host: its size, that it is a JSON object of a known type
with fields of the right types, the sender's rate, that it comes from a seat that joined (its token) and that its
id is newer than the seat's last (a replayed message is refused). A refused message gets an error reply; nothing a
client sends can stop the server. The protocol is in docs/protocol.md.
"""

from __future__ import annotations

import asyncio
import io
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import segno
from aiohttp import WSMsgType, web

from game.content_files import ASSETS
from game.i18n import load_catalogue, party_name
from game.net.host import Host, NetError

VERSION = 1
MAX_BYTES = 4096  # the largest message a client may send (an action is about 100 bytes)
RATE = 10.0  # messages per second a connection may send on average...
BURST = 30.0  # ...and at once
WEB_DIR = ASSETS / "web"


class Connection:
    """One WebSocket: its seat once it joined (None: a viewer of the public board), language and rate bucket."""

    def __init__(self, ws: web.WebSocketResponse) -> None:
        self.ws = ws
        self.seat: str | None = None
        self.watching = False
        self.lang = "en"
        self.tokens = BURST
        self.stamp = time.monotonic()

    def allowed(self) -> bool:
        """Take one message from the bucket (refilled at RATE per second up to BURST)."""
        now = time.monotonic()
        self.tokens = min(BURST, self.tokens + (now - self.stamp) * RATE)
        self.stamp = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class Server:
    """The connections of one host and what they are sent."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.connections: set[Connection] = set()
        self.lock = asyncio.Lock()  # one message handled at a time: no view is built while the game changes
        self.loop: asyncio.AbstractEventLoop | None = None  # set once the server runs
        self.sent: tuple[int, int] = (-1, 0)  # the game's moment (`moment`) of the last broadcast
        self.refreshing = False  # a refresh is on its way
        host.session.watchers.append(lambda _session, _before: self.kick())

    def moment(self) -> tuple[int, int]:
        """What tells one moment of the game from another: its step and its state."""
        session = self.host.session
        return len(session.actions), id(session.state)

    def kick(self) -> None:
        """The game changed, on any thread (the window's, a browser's act): everyone's view, unless sent."""
        loop = self.loop
        if loop is not None:
            try:
                loop.call_soon_threadsafe(self._refresh_soon)
            except RuntimeError:
                pass  # the server has stopped: nobody to tell

    def _refresh_soon(self) -> None:
        if not self.refreshing:
            self.refreshing = True
            asyncio.ensure_future(self.refresh())

    async def refresh(self) -> None:
        """A broadcast, once the message being handled is done, if the game moved on since the last one."""
        async with self.lock:
            self.refreshing = False
            if self.moment() != self.sent:
                await self.broadcast()

    async def send(self, conn: Connection, message: dict[str, Any] | str) -> None:
        """A message (or its JSON text, already made) to one connection; a vanished client is skipped."""
        if not conn.ws.closed:
            text = message if isinstance(message, str) else json.dumps(message, ensure_ascii=False)
            try:
                await conn.ws.send_str(text)
            except (ConnectionError, RuntimeError):
                pass  # the client went away; its socket handler removes it

    async def broadcast(self) -> None:
        """Every joined connection its seat's view (built once per seat and language)."""
        built: dict[tuple[str | None, str], str] = {}
        self.sent = self.moment()
        targets = [c for c in self.connections if c.seat is not None or c.watching]
        for conn in targets:
            key = (conn.seat, conn.lang)
            if key not in built:
                built[key] = json.dumps(self.host.view(conn.seat, conn.lang), ensure_ascii=False)
        await asyncio.gather(*(self.send(c, built[(c.seat, c.lang)]) for c in targets))

    async def handle(self, conn: Connection, text: str) -> None:
        """One incoming text message: checked, then passed to the host; errors are replied to the sender."""
        ident: object = None
        try:
            if len(text.encode("utf-8")) > MAX_BYTES:
                raise NetError("too_big", f"at most {MAX_BYTES} bytes")
            if not conn.allowed():
                raise NetError("rate", f"at most {RATE:g} messages a second")
            try:
                data = json.loads(text)
            except ValueError:
                raise NetError("bad_json") from None
            if not isinstance(data, dict) or not isinstance(data.get("type"), str):
                raise NetError("bad_shape", "a JSON object with a string 'type'")
            ident = data.get("id")
            async with self.lock:  # the game is read and changed by one message at a time (acts run in a thread)
                await self.dispatch(conn, data)
        except NetError as exc:
            await self.send(conn, error(exc, ident))

    async def dispatch(self, conn: Connection, data: dict[str, Any]) -> None:
        kind = data["type"]
        lang = data.get("lang")
        if lang in ("en", "ru"):
            conn.lang = lang
        if kind == "join":
            token = self.host.join(_text(data, "room"), _text(data, "seat"))
            conn.seat = self.host.seat_of(token)
            await self.send(conn, self.joined(conn.seat, token))
            await self.broadcast()
        elif kind == "resume":
            token = _text(data, "token")
            conn.seat = self.host.seat_of(token)
            await self.send(conn, self.joined(conn.seat, token))
            await self.send(conn, self.host.view(conn.seat, conn.lang))
        elif kind == "watch":
            if _text(data, "room").strip().upper() != self.host.room:
                raise NetError("bad_room")
            conn.watching = True
            await self.send(conn, self.host.view(None, conn.lang))
        elif kind == "lobby":
            await self.send(conn, self.lobby(conn.lang))
        elif kind in ("act", "undo"):
            await self.change(conn, kind, data)
        else:
            raise NetError("unknown_type", kind[:40])

    async def change(self, conn: Connection, kind: str, data: dict[str, Any]) -> None:
        """An action or an undo from a joined seat, with a fresh id; then everyone's view."""
        seat = conn.seat
        if seat is None:
            raise NetError("not_joined")
        ident = data.get("id")
        if not isinstance(ident, int) or isinstance(ident, bool):
            raise NetError("bad_shape", "'id' must be an integer")
        host = self.host
        if ident <= host.last_id.get(seat, 0):
            raise NetError("replayed", f"id {ident} is not newer than {host.last_id.get(seat, 0)}")
        if kind == "act":  # in a thread: the bots' turns that follow must not stop the other connections' pings
            await asyncio.get_running_loop().run_in_executor(None, host.act, seat, data.get("action"))
        else:
            host.undo(seat)
        host.last_id[seat] = ident
        if host.autosaver is not None:  # a decision acknowledged is in the autosave: a host killed now loses none
            await asyncio.get_running_loop().run_in_executor(None, host.save_now)
        await self.send(conn, {"type": "ok", "id": ident})
        await self.broadcast()

    def joined(self, seat: str, token: str) -> dict[str, Any]:
        return {"type": "joined", "v": VERSION, "seat": seat, "token": token, "last_id": self.host.last_id.get(seat, 0)}

    def lobby(self, lang: str) -> dict[str, Any]:
        """The seats a browser may take (without the room code, which the room must read from the screen)."""
        host = self.host
        scenario = host.session.scenario
        seats = [
            {"id": s, "name": party_name(host.tr(lang), scenario, s), "free": s not in host.tokens}
            for s in host.web_seats()
        ]
        return {"type": "lobby", "v": VERSION, "seats": seats}


STATE_KEY = web.AppKey("server", Server)


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or len(value) > 200:
        raise NetError("bad_shape", f"'{name}' must be a string")
    return value


def error(exc: NetError, ident: object) -> dict[str, Any]:
    message: dict[str, Any] = {"type": "error", "code": exc.code, "detail": exc.detail}
    if isinstance(ident, int) and not isinstance(ident, bool):
        message["id"] = ident
    return message


async def socket(request: web.Request) -> web.WebSocketResponse:
    """One client's WebSocket for as long as it stays."""
    server = request.app[STATE_KEY]
    ws = web.WebSocketResponse(heartbeat=20, max_msg_size=1 << 20)
    await ws.prepare(request)
    conn = Connection(ws)
    server.connections.add(conn)
    await server.send(conn, {"type": "hello", "v": VERSION, "max_bytes": MAX_BYTES})
    try:
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                try:
                    await server.handle(conn, msg.data)
                except Exception as exc:  # a bug must not stop the host: the client hears of it
                    await server.send(conn, {"type": "error", "code": "internal", "detail": type(exc).__name__})
            elif msg.type == WSMsgType.BINARY:
                await server.send(conn, {"type": "error", "code": "bad_json", "detail": "text frames only"})
    finally:
        server.connections.discard(conn)
    return ws


async def catalogue(request: web.Request) -> web.Response:
    """The page's strings in one language: the catalogue's `web` section, flat."""
    lang = request.match_info["lang"]
    if lang not in ("en", "ru"):
        raise web.HTTPNotFound()
    strings = {k: v for k, v in load_catalogue(lang).items() if k.startswith("web.")}
    return web.json_response(strings)


async def board(request: web.Request) -> web.Response:
    """The board's fixed geometry for the page's small map: each node's place (lon, lat) and each link's ends."""
    scenario = request.app[STATE_KEY].host.session.scenario
    nodes = {n.id: [round(n.lon, 2), round(n.lat, 2)] for n in scenario.nodes}
    links = [{"id": link.id, "a": link.a, "b": link.b} for link in scenario.links]
    return web.json_response({"nodes": nodes, "links": links})


async def qr(request: web.Request) -> web.Response:
    """The join address (this host's, with the room code) as a QR code in SVG, for the class screen."""
    host = request.app[STATE_KEY].host
    url = f"{request.scheme}://{request.host}/?room={host.room}"
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=6, dark="#10202c", light="#ffffff")
    return web.Response(body=buffer.getvalue(), content_type="image/svg+xml")


async def index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(WEB_DIR / "index.html")


async def _started(app: web.Application) -> None:
    app[STATE_KEY].loop = asyncio.get_running_loop()


def make_app(host: Host, web_dir: Path = WEB_DIR) -> web.Application:
    """The aiohttp application of a host."""
    app = web.Application(client_max_size=MAX_BYTES)
    app[STATE_KEY] = Server(host)
    app.on_startup.append(_started)
    app.router.add_get("/", index)
    app.router.add_get("/ws", socket)
    app.router.add_get("/i18n/{lang}.json", catalogue)
    app.router.add_get("/board.json", board)
    app.router.add_get("/qr.svg", qr)
    app.router.add_static("/web/", web_dir)
    return app


class Hosting:
    """A host's server on a thread and event loop of its own, started at once (the window, tests, tools).

    `bind` "0.0.0.0" lets phones on the network in; port 0 takes a free port (`port` says which)."""

    def __init__(self, host: Host, port: int = 0, bind: str = "127.0.0.1") -> None:
        self.host = host
        self.loop = asyncio.new_event_loop()
        self.runner = web.AppRunner(make_app(host), shutdown_timeout=2.0)
        self.thread = threading.Thread(target=self.loop.run_forever, name="class-game-host", daemon=True)
        self.thread.start()
        try:
            self.port = asyncio.run_coroutine_threadsafe(self._start(bind, port), self.loop).result(30)
        except BaseException:  # the port is taken, say: the thread ends with nothing to clean up
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(30)
            self.loop.close()
            raise

    async def _start(self, bind: str, port: int) -> int:
        await self.runner.setup()
        await web.TCPSite(self.runner, bind, port).start()
        return int(self.runner.addresses[0][1])

    @property
    def stopped(self) -> bool:
        return not self.thread.is_alive()

    def stop(self) -> None:
        """Close every connection and the port, then end the thread (waits for it)."""
        if self.stopped:
            return
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(30)
        self.loop.close()


@contextmanager
def running(host: Host, port: int = 0) -> Iterator[str]:
    """Serve a host on localhost while the block runs (tests, tools); yields its base URL."""
    hosting = Hosting(host, port)
    try:
        yield f"http://127.0.0.1:{hosting.port}"
    finally:
        hosting.stop()
