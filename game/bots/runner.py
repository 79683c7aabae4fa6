"""Thinking off the render loop: a worker process that holds a game's bots and runs their decisions.

worker = BotWorker([bot, ...])            # one per game; its process starts with the first decision
runner = worker.runner("iran")            # the seat's handle
runner.submit(scenario, view, legal)      # returns at once
...each frame: decision = runner.poll()   # None until the bot has decided
worker.close()                            # at the end of the game

A process, not a thread: a hard bot's search holds the interpreter's lock for tens of milliseconds at a time,
which stalled the window's frames. The process is given the bots before they have decided anything and keeps
them, so a seeded game decides exactly as the same bots would in-process. It ends when closed, and by itself
when the game's process goes away (its end of the pipe closes), so no worker outlives the window. Requests
are written by a sending thread, so that a large one never blocks a frame while the worker starts.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from collections.abc import Iterable
from multiprocessing.connection import Connection
from typing import Any

from game.bots.base import Bot, Decision
from rules.action import Action
from rules.scenario import Scenario
from rules.state import GameState

_CONTEXT = multiprocessing.get_context("spawn")  # a fresh interpreter: no copy of the window's state
WORKER_NICENESS = 5  # the window's frames come first when the cores are busy (the bots' clock still runs)


def _serve(conn: Connection, bots: dict[str, Bot]) -> None:
    """The worker's loop: (seat, scenario or its id, view, legal) in, (seat, ok, decision or error) out;
    None or a closed pipe ends it."""
    os.nice(WORKER_NICENESS)
    scenarios: dict[str, Scenario] = {}
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        seat, scenario, view, legal = request
        if isinstance(scenario, Scenario):
            scenarios[scenario.id] = scenario
            scenario = scenario.id
        try:
            reply: tuple[str, bool, Any] = (seat, True, bots[seat].choose(scenarios[scenario], view, legal))
        except Exception as exc:  # noqa: BLE001 - handed back to the game, which raises it
            reply = (seat, False, exc)
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


def _send_all(conn: Connection, outbox: queue.SimpleQueue[object]) -> None:
    """The sending thread: writes requests to the worker as they come (a large one, such as the scenario
    sent first, waits there for the starting worker to read it, not in the window's frame); None ends it."""
    while True:
        request = outbox.get()
        try:
            conn.send(request)
        except (BrokenPipeError, OSError):
            return
        if request is None:
            return


class BotWorker:
    """A game's bots in a worker process (started on the first decision asked), one decision at a time."""

    def __init__(self, bots: Iterable[Bot]) -> None:
        self.bots = {bot.seat: bot for bot in bots}
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._outbox: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._sender: threading.Thread | None = None
        self._scenarios: set[str] = set()  # the scenarios the worker holds already
        self._asked: set[str] = set()  # seats whose decision is under way
        self._replies: dict[str, tuple[bool, Any]] = {}
        self.closed = False

    def runner(self, seat: str) -> BotRunner:
        """The handle through which the game asks the seat's bot."""
        return BotRunner(self, seat)

    @property
    def process(self) -> multiprocessing.process.BaseProcess | None:
        """The worker process, once started."""
        return self._process

    def _start(self) -> None:
        if self.closed:
            raise RuntimeError("the bots' worker is closed")
        if self._conn is None:
            self._conn, child = _CONTEXT.Pipe()
            self._process = _CONTEXT.Process(target=_serve, args=(child, self.bots), name="caspian-bots", daemon=True)
            self._process.start()
            child.close()
            self._sender = threading.Thread(target=_send_all, args=(self._conn, self._outbox), daemon=True)
            self._sender.start()

    def ask(self, seat: str, scenario: Scenario, view: GameState, legal: tuple[Action, ...]) -> None:
        """Send a decision to think about (the seat's previous one must have been collected)."""
        if seat in self._asked:
            raise RuntimeError("the bot is still thinking about its last decision")
        self._start()
        self._outbox.put((seat, scenario.id if scenario.id in self._scenarios else scenario, view, legal))
        self._scenarios.add(scenario.id)
        self._asked.add(seat)

    def busy(self, seat: str) -> bool:
        """Whether the seat's decision is under way (asked and not yet collected through `answer`)."""
        return seat in self._asked

    def _collect(self, seat: str, timeout: float | None) -> bool:
        """Read the replies that came; True once the seat's is among them (waiting up to `timeout`)."""
        conn = self._conn
        while seat not in self._replies and conn is not None and conn.poll(timeout):
            got, ok, value = conn.recv()
            self._replies[got] = (ok, value)
        return seat in self._replies

    def answer(self, seat: str, timeout: float | None = 0.0) -> Decision | None:
        """The seat's decision once ready (each is returned once), else None. Re-raises the bot's error."""
        if seat not in self._asked or not self._collect(seat, timeout):
            return None
        self._asked.discard(seat)
        ok, value = self._replies.pop(seat)
        if not ok:
            raise value
        assert isinstance(value, Decision)
        return value

    def close(self) -> None:
        """Stop the worker process (a decision under way is dropped)."""
        self.closed = True
        conn, process, sender = self._conn, self._process, self._sender
        self._conn = None
        if sender is not None:
            self._outbox.put(None)
            sender.join(0.5)
        if conn is not None:
            conn.close()
        if process is not None:
            process.join(0.5)
            if process.is_alive():
                process.terminate()
                process.join(1.0)


class BotRunner:
    """One seat's bot in its game's worker: submit a decision, then poll for it."""

    def __init__(self, worker: BotWorker, seat: str) -> None:
        self.worker = worker
        self.seat = seat

    @property
    def bot(self) -> Bot:
        return self.worker.bots[self.seat]

    @property
    def busy(self) -> bool:
        """Whether a decision is being thought about."""
        return self.worker.busy(self.seat)

    def submit(self, scenario: Scenario, view: GameState, legal: tuple[Action, ...]) -> None:
        """Start thinking about a decision (the previous one must have been collected)."""
        self.worker.ask(self.seat, scenario, view, legal)

    def poll(self) -> Decision | None:
        """The decision once ready (each is returned once), else None. Re-raises the bot's error."""
        return self.worker.answer(self.seat)

    def wait(self, timeout: float | None = None) -> Decision | None:
        """Block until the decision is ready (for tests and the command line)."""
        return self.worker.answer(self.seat, timeout)

    def close(self) -> None:
        """Stop the game's worker process."""
        self.worker.close()
