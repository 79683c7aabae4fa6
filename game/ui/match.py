"""A game being played at one screen: the session, who sits in each seat, and who is in front of the screen.

The match follows the hotseat flow of `game.hotseat` (which seat must act next, whether a cover screen is
needed before a human seat sees its hand, which forced actions the session takes for a seat) and asks its
bot seats what they play. It never renders anything.
"""

from __future__ import annotations

from attrs import define, field

from game import hotseat
from game.autosaves import Autosaver
from game.bots import make_bot, play_budget
from game.bots.reasons import Reason
from game.bots.runner import BotRunner, BotWorker
from game.net.command import lan_address
from game.net.host import LOCAL, WEB, Host
from game.net.server import Hosting
from game.session import Session, Setup
from game.teacher import Desk, Lock, desk, player_note
from rules import Action, GameState, Scenario, observer_view, player_view
from rules.action import Advance


@define
class SeatPlan:
    """Who plays a seat: a human at the screen, a bot of some level, or a team at a browser (`remote`)."""

    state: str
    human: bool = True
    level: str = "greedy"
    remote: bool = False


@define
class Match:
    """The session plus the seats' plans and the seat in front of the screen."""

    session: Session
    plans: tuple[SeatPlan, ...]
    viewer: str | None = None  # the seat whose private data the screen may show
    bots: dict[str, BotRunner] = field(factory=dict)
    save_name: str = ""
    autosaver: Autosaver | None = None  # writes the autosaves while the game is played in the window
    last_era: int | None = None  # "end after this era": play stops once this era (an index) is over
    paused: bool = False  # the engine and bots wait (the tutorial explains a step)
    replay: tuple[int, ...] = ()  # steps the play screen is asked to show on the map again (from the recap)
    retired: list[BotRunner] = field(factory=list)  # runners of seats the teacher handed to someone else
    lock: Lock | None = None  # the teacher's console passphrase (game.teacher), set at the new-game screen
    _desk: tuple[tuple[int, int], Desk] | None = None  # desk() of the action list it was read from
    clock: float = 0.0  # seconds of play on the screen (not while paused), for the participation record
    mark: float = 0.0  # the clock at the last action
    host: Host | None = None  # a class game hosted from the window: the browsers' seats and tokens
    hosting: Hosting | None = None  # ...and its server, on a thread of its own

    @classmethod
    def start(cls, scenario: Scenario, seed: int, plans: tuple[SeatPlan, ...], length: str, tier: str) -> Match:
        session = Session.start(scenario, seed, tuple(p.state for p in plans), length, tier)
        return cls.around(session, plans)

    @classmethod
    def around(cls, session: Session, plans: tuple[SeatPlan, ...]) -> Match:
        worker = BotWorker(
            make_bot(p.level, p.state, session.setup.seed * 31 + i, time_budget=play_budget(p.level))
            for i, p in enumerate(plans)
            if not p.human and not p.remote
        )
        bots = {seat: worker.runner(seat) for seat in worker.bots}
        humans = [p.state for p in plans if p.human]
        alone = len(humans) == 1 and not any(p.remote for p in plans)
        match = cls(session, plans, humans[0] if alone else None, bots)
        session.watchers.append(match.time_decision)
        return match

    @property
    def scenario(self) -> Scenario:
        return self.session.scenario

    @property
    def setup(self) -> Setup:
        return self.session.setup

    @property
    def state(self) -> GameState:
        return self.session.state

    def humans(self) -> tuple[str, ...]:
        return tuple(p.state for p in self.plans if p.human)

    def remote(self) -> tuple[str, ...]:
        """The seats played from browsers (a class game hosted from the window)."""
        return tuple(p.state for p in self.plans if p.remote)

    def host_game(self, port: int, bind: str = "0.0.0.0", kept: object = None) -> None:  # noqa: S104 - phones join
        """Serve this game to browsers: the remote seats join it; the window plays the others (the port given,
        or any free one where it is taken). `kept`: the host part of the save it continues (`Host.part`): the
        same room, and every browser back on its seat with its token."""
        controllers = {p.state: WEB if p.remote else LOCAL for p in self.plans}
        self.host = Host(self.session, controllers, window=True)
        self.host.restore(kept)
        try:
            self.hosting = Hosting(self.host, port, bind)
        except OSError:
            self.hosting = Hosting(self.host, 0, bind)

    def join_url(self) -> str:
        """The address a browser opens to join (with the room code), "" when the game is not hosted."""
        if self.host is None or self.hosting is None:
            return ""
        return f"http://{lan_address()}:{self.hosting.port}/?room={self.host.room}"

    def to_act(self) -> str | None:
        """The seat that must decide now (None: the engine's step, or the game is over)."""
        return self.session.current_seat()

    def next_step(self) -> hotseat.Step:
        """What the screen does next (see `game.hotseat.next_step`)."""
        return hotseat.next_step(self.session, self.humans(), self.viewer, remote=self.remote())

    def take_forced(self) -> tuple[object, ...]:
        """Take the acting human seat's forced action for it (a pass with no card, say), in public."""
        action = hotseat.forced_action(self.session, self.humans(), self.viewer, self.remote())
        assert action is not None, "no forced action now"
        return self.session.submit(action)

    def take_seat(self, seat: str) -> None:
        """The seat is now in front of the screen."""
        self.viewer = seat

    def hand_over(self) -> None:
        """Nobody's private data may show until the next seat takes over."""
        self.viewer = hotseat.viewer_after_hand_over(self.humans(), self.viewer, self.remote())

    def view(self) -> GameState:
        """What the screen may show: the viewer's player view, or the observer view."""
        if self.viewer is None:
            return observer_view(self.state)
        return player_view(self.state, self.viewer)

    def engine_step(self) -> tuple[object, ...]:
        """Take one engine step (deal, reveal, flows, summit, cleanup)."""
        return self.session.submit(Advance())

    last_reason: Reason | None = None  # the reason of the bot decision bot_action returned last

    def bot_turn(self, waited: float, dt: float, delay: float) -> tuple[float, bool]:
        """Pace the acting bot seat: `dt` more seconds of waiting; once `delay` has passed and its decision is
        ready, submit it. The new waiting time (0 after a move) and whether a bot moved."""
        waited += dt
        if waited >= delay:
            action = self.bot_action()
            if action is not None:
                self.session.submit(action, note=self.last_reason)
                return 0.0, True
        return waited, False

    def bot_action(self) -> Action | None:
        """The acting bot seat's decision once it has thought (off the render loop), else None."""
        seat = self.to_act()
        runner = self.bots.get(seat or "")
        if seat is None or runner is None:
            return None
        decision = runner.poll()
        if decision is not None:
            if self.session.why_not(decision.action) is None:
                self.last_reason = decision.reason
                return decision.action
            return None
        if not runner.busy:
            runner.submit(self.scenario, player_view(self.state, seat), self.session.legal())
        return None

    def tick(self, dt: float) -> None:
        """The screen's time passes (the play screen calls it every frame), except while the teacher pauses."""
        if not self.held():
            self.clock += dt

    def time_decision(self, session: Session, before: GameState) -> None:
        """After every action: a decision of a person (a human seat's own action) is timed from the action before
        it into `Session.timings`, in milliseconds; the clock's mark moves on either way."""
        action = session.actions[-1]
        if getattr(action, "seat", None) in self.humans():
            session.timings[len(session.actions)] = round((self.clock - self.mark) * 1000)
        self.mark = self.clock

    def desk(self) -> Desk:
        """What the teacher's notes in the game's actions say now (paused, timer, who plays each seat); read
        anew only when the action list changed (the play screen asks every frame)."""
        actions = self.session.actions
        key = (len(actions), id(actions[-1]) if actions else 0)
        if self._desk is None or self._desk[0] != key:
            self._desk = (key, desk(actions))
        return self._desk[1]

    def held(self) -> bool:
        """Whether the teacher has paused the game: nobody acts, the engine and the bots wait."""
        return self.desk().paused

    def hand_seat(self, seat: str, player: str) -> tuple[object, ...]:
        """The teacher hands a seat to a person ("human") or a bot of a level, in public (a note in the log):
        returns the note's log entries. A new bot thinks in a worker of its own; a bot that leaves is set aside
        (its worker may serve other seats)."""
        index = self.session.state.seats.index(seat)
        entries = self.session.submit(player_note(seat, player))
        old = self.bots.pop(seat, None)
        if old is not None:
            self.retired.append(old)  # its worker may serve other seats' bots: closed with the match
        human = player == "human"
        plan = SeatPlan(seat, human, self.plans[index].level if human else player)
        self.plans = self.plans[:index] + (plan,) + self.plans[index + 1 :]
        if self.host is not None:
            self.host.controllers[seat] = LOCAL  # its browser may no longer act for it
        if not human:
            bot = make_bot(player, seat, self.session.setup.seed * 31 + index, time_budget=play_budget(player))
            self.bots[seat] = BotWorker([bot]).runner(seat)
        if self.viewer is not None and self.viewer not in self.humans():
            self.viewer = None
        return entries

    def unsaved(self) -> bool:
        """Whether leaving now would leave play that no save file holds."""
        return self.autosaver is not None and not self.session.is_over and self.autosaver.unsaved()

    def era_done(self) -> bool:
        """Whether the era the players chose to end after is over (its last cleanup has run)."""
        return self.last_era is not None and self.state.era > self.last_era and not self.session.is_over

    def close(self) -> None:
        """Stop the bots' worker processes and a hosted game's server (its browsers are disconnected)."""
        for runner in (*self.bots.values(), *self.retired):
            runner.close()
        if self.hosting is not None:
            self.hosting.stop()
