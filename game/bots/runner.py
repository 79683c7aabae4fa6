"""Thinking off the render loop: a worker thread that runs one bot decision at a time.

runner = BotRunner(bot)
runner.submit(scenario, view, legal)      # returns at once
...each frame: decision = runner.poll()   # None until the bot has decided
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor

from game.bots.base import Bot, Decision
from rules.action import Action
from rules.scenario import Scenario
from rules.state import GameState


class BotRunner:
    """Runs a bot's decisions on a background thread; the caller polls for the result."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"bot-{bot.seat}")
        self._future: Future[Decision] | None = None
        self._lock = threading.Lock()

    @property
    def busy(self) -> bool:
        """Whether a decision is being thought about."""
        future = self._future
        return future is not None and not future.done()

    def submit(self, scenario: Scenario, view: GameState, legal: tuple[Action, ...]) -> None:
        """Start thinking about a decision (the previous one must have been collected)."""
        with self._lock:
            if self.busy:
                raise RuntimeError("the bot is still thinking about its last decision")
            self._future = self._pool.submit(self.bot.choose, scenario, view, legal)

    def poll(self) -> Decision | None:
        """The decision once ready (each is returned once), else None. Re-raises the bot's error."""
        with self._lock:
            future = self._future
            if future is None or not future.done():
                return None
            self._future = None
        return future.result()

    def wait(self, timeout: float | None = None) -> Decision | None:
        """Block until the decision is ready (for tests and the command line)."""
        future = self._future
        if future is None:
            return None
        future.result(timeout)
        return self.poll()

    def close(self) -> None:
        """Stop the worker thread (after the decision in progress, if any)."""
        self._pool.shutdown(wait=False, cancel_futures=True)
