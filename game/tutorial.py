"""The guided tutorial, without pygame: its script as content (assets/tutorial.toml), what each step waits
for, how far a game has come through it, and the scripted bot that plays the other seat.

A step either explains (the player presses Next), waits for an action of the guided seat (matched by kind
and fields, e.g. ``place_influence`` with ``state = "kazakhstan"``), waits for a screen to be shown and
closed (the flow phase, the summit), or ends the tutorial. A step may also wait for a log entry before it
shows (Russia's headline is explained once the headlines are revealed). Actions and log entries are
matched in order: each match moves a cursor past what it used, so a later step never matches something
that happened before an earlier one.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from attrs import define, frozen

from game.bots import make_bot
from game.bots.base import Bot
from game.bots.reasons import Reason
from game.content_files import ASSETS
from game.i18n import LANGUAGES
from game.session import Entry
from rules import Action, GameState, Scenario
from rules.content import ContentError

TUTORIAL_PATH = ASSETS / "tutorial.toml"
WAITS = ("next", "action", "scene", "end")
SCENES = ("flows", "summit", "preview", "game_over")
USES = ("event", "influence", "build", "negotiate", "pressure")
_STEP_KEYS = frozenset({"id", "wait", "action", "scene", "after", "card", "use", "place", "text"})
_TOP_KEYS = frozenset({"scenario", "seed", "seat", "bot_seat", "real_game", "bot_moves", "steps"})
READING_WPM = 150  # words a newcomer reads per minute
DECISION_S = 45  # seconds a newcomer takes per decision


@frozen
class Pattern:
    """An action kind and the fields it must have (those not named may be anything)."""

    kind: str
    fields: tuple[tuple[str, str], ...] = ()

    def matches(self, action: object) -> bool:
        if getattr(action, "kind", None) != self.kind:
            return False
        return all(str(getattr(action, name, None)) == value for name, value in self.fields)


@frozen
class Step:
    """One step of the script."""

    id: str
    wait: str  # one of WAITS
    text: Mapping[str, str]  # language -> one or two sentences
    action: Pattern | None = None  # the guided seat's action it waits for ("action") or points to ("scene")
    scene: str = ""  # wait == "scene": the screen that must be shown and closed
    after: str = ""  # a log entry kind that must have happened before the step shows
    card: str = ""  # the card in the hand to highlight
    use: str = ""  # how the card is played: one of USES
    place: str = ""  # a state or link id on the map to highlight

    @property
    def decides(self) -> bool:
        """A decision the player thinks about (not a Next, an End turn or a Continue)."""
        return self.action is not None and self.action.kind != "end_turn" and self.wait != "next"


@frozen
class Script:
    scenario: str
    seed: int
    seat: str  # the seat the player is guided through
    bot_seat: str
    real_game: tuple[str, str]  # (scenario, length) the last step offers
    bot_moves: tuple[Pattern, ...]
    steps: tuple[Step, ...]

    @property
    def decisions(self) -> int:
        return sum(1 for step in self.steps if step.decides)

    def words(self, lang: str) -> int:
        return sum(len(step.text[lang].split()) for step in self.steps)

    def minutes(self, lang: str) -> float:
        """A newcomer's time: each decision at DECISION_S seconds plus every text read at READING_WPM."""
        return self.decisions * DECISION_S / 60 + self.words(lang) / READING_WPM


# --------------------------------------------------------------------------- loading


def _pattern(where: str, raw: object, problems: list[str]) -> Pattern | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("kind"), str):
        problems.append(f"{where}: expected a table with a 'kind'")
        return None
    fields = tuple(sorted((str(k), str(v)) for k, v in raw.items() if k != "kind"))
    return Pattern(raw["kind"], fields)


def _step(where: str, raw: dict[str, Any], problems: list[str]) -> Step | None:
    unknown = sorted(set(raw) - _STEP_KEYS)
    if unknown:
        problems.append(f"{where}: unknown key(s) {', '.join(unknown)}")
    wait = raw.get("wait", "")
    if wait not in WAITS:
        problems.append(f"{where}.wait: {wait!r} is not one of {', '.join(WAITS)}")
        return None
    text = raw.get("text", {})
    for lang in LANGUAGES:
        if not isinstance(text, dict) or not str(text.get(lang, "")).strip():
            problems.append(f"{where}.text.{lang}: missing")
    action = _pattern(f"{where}.action", raw["action"], problems) if "action" in raw else None
    if wait == "action" and action is None:
        problems.append(f"{where}: an 'action' step names its action")
    scene = str(raw.get("scene", ""))
    if (wait == "scene") != bool(scene) or (scene and scene not in SCENES):
        problems.append(f"{where}.scene: {scene!r}: a 'scene' step names one of {', '.join(SCENES)}")
    use = str(raw.get("use", ""))
    if use and use not in USES:
        problems.append(f"{where}.use: {use!r} is not one of {', '.join(USES)}")
    return Step(
        id=str(raw.get("id", "")),
        wait=wait,
        text={lang: str(text.get(lang, "")) for lang in LANGUAGES} if isinstance(text, dict) else {},
        action=action,
        scene=scene,
        after=str(raw.get("after", "")),
        card=str(raw.get("card", "")),
        use=use,
        place=str(raw.get("place", "")),
    )


def parse_script(data: Mapping[str, Any], name: str = "tutorial.toml") -> Script:
    """The script from its TOML data; raises ContentError listing every problem, one a line."""
    problems: list[str] = []
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        problems.append(f"{name}: unknown key(s) {', '.join(unknown)}")
    steps = []
    for i, raw in enumerate(data.get("steps", [])):
        step = _step(f"{name}: steps[{i}]", raw, problems)
        if step is not None:
            steps.append(step)
    if not steps or steps[-1].wait != "end" or any(s.wait == "end" for s in steps[:-1]):
        problems.append(f"{name}: steps: the last step, and only it, must wait for 'end'")
    ids = [s.id for s in steps]
    for i, step_id in enumerate(ids):
        if not step_id or step_id in ids[:i]:
            problems.append(f"{name}: steps[{i}].id: {step_id!r} is empty or repeated")
    moves = []
    for i, raw in enumerate(data.get("bot_moves", [])):
        pattern = _pattern(f"{name}: bot_moves[{i}]", raw, problems)
        if pattern is not None:
            moves.append(pattern)
    real = data.get("real_game", {})
    if problems:
        raise ContentError(problems)
    return Script(
        scenario=str(data.get("scenario", "")),
        seed=int(data.get("seed", 1)),
        seat=str(data.get("seat", "")),
        bot_seat=str(data.get("bot_seat", "")),
        real_game=(str(real.get("scenario", "")), str(real.get("length", ""))),
        bot_moves=tuple(moves),
        steps=tuple(steps),
    )


def check_script(script: Script, scenario: Scenario, name: str = "tutorial.toml") -> None:
    """The script's names against its scenario: seats, cards, states and links exist; raises ContentError."""
    problems = []
    seats = scenario.definition.default_seats
    for key, seat in (("seat", script.seat), ("bot_seat", script.bot_seat)):
        if seat not in seats:
            problems.append(f"{name}: {key}: {seat!r} is not a seat of {scenario.id}")
    for i, step in enumerate(script.steps):
        where = f"{name}: steps[{i}] ({step.id})"
        if step.card and step.card not in scenario.card_by_id:
            problems.append(f"{where}.card: unknown card {step.card!r}")
        if step.place and step.place not in scenario.state_index and step.place not in scenario.link_index:
            problems.append(f"{where}.place: {step.place!r} is neither a state nor a link")
    if problems:
        raise ContentError(problems)


def load_script(path: Path = TUTORIAL_PATH) -> Script:
    with path.open("rb") as handle:
        return parse_script(tomllib.load(handle), path.name)


# --------------------------------------------------------------------------- progress


@define
class Progress:
    """How far a game has come through the script: the current step and the cursors of what it matched."""

    script: Script
    index: int = 0
    action_cursor: int = 0
    log_step: int = 0  # log entries of actions up to this one are used
    shown_at: int = -1  # the actions taken when the current step's screen was first seen open (-1: not yet)

    @property
    def step(self) -> Step:
        return self.script.steps[self.index]

    @property
    def finished(self) -> bool:
        return self.step.wait == "end"

    def ready(self, log: Sequence[Entry]) -> bool:
        """Whether the current step may show: its `after` log entry has happened."""
        after = self.step.after
        if not after:
            return True
        return any(getattr(e.entry, "kind", "") == after for e in log if e.step > self.log_step)

    def advance(self, actions: Sequence[Action], log: Sequence[Entry], top: str) -> bool:
        """Move past the current step if what it waits for has happened (`top`: the screen showing); True if
        it moved. A Next step only moves by `next()`."""
        step = self.step
        if not self.ready(log):
            return False
        if step.wait == "action":
            assert step.action is not None
            for i in range(self.action_cursor, len(actions)):
                if step.action.matches(actions[i]):
                    self._past(i + 1, i)
                    return True
            return False
        if step.wait == "scene":
            if top == step.scene:
                if self.shown_at < 0:
                    self.shown_at = len(actions)
                return False
            if self.shown_at >= 0:
                self._past(len(actions), self.shown_at)
                return True
        return False

    def next(self, actions: Sequence[Action], log: Sequence[Entry]) -> None:
        """The player pressed Next on an explanation step."""
        assert self.step.wait == "next"
        self._past(self.action_cursor, len(actions))

    def _past(self, action_cursor: int, log_step: int) -> None:
        self.action_cursor = action_cursor
        self.log_step = log_step
        self.index += 1
        self.shown_at = -1


# --------------------------------------------------------------------------- the scripted bot


class ScriptedBot(Bot):
    """Plays its script's moves in order whenever the next one is legal, else a greedy bot's choice
    (unbounded by the clock, so the whole tutorial is the same every time)."""

    level = "scripted"

    def __init__(self, seat: str, moves: Sequence[Pattern], seed: int = 0) -> None:
        super().__init__(seat, seed)
        self.moves = list(moves)
        self.fallback = make_bot("greedy", seat, seed)

    def _decide(self, scenario: Scenario, view: GameState, legal: tuple[Action, ...]) -> tuple[Action, Reason]:
        if self.moves:
            for action in legal:
                if self.moves[0].matches(action):
                    self.moves.pop(0)
                    return action, self._because("scripted", action)
        decision = self.fallback.choose(scenario, view, legal)
        return decision.action, decision.reason
