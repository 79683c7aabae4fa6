"""New game: scenario, length, rules tier, who plays each seat (human or bot and its level), language."""

from __future__ import annotations

import random

import pygame
import pygame_gui

from game import estimates
from game.bots import LEVELS
from game.content_files import list_scenarios, load_scenario
from game.i18n import LANGUAGES, world_name
from game.ui.backdrop import draw_title_backdrop
from game.ui.match import Match, SeatPlan
from game.ui.scene import Scene, SceneHost
from game.ui.widgets import button, label, next_value
from rules import Scenario
from rules.content import ContentError

TIERS: tuple[str, ...] = ("basic", "standard", "advanced")
SEAT_CHOICES: tuple[str, ...] = ("human", *(f"bot:{level}" for level in LEVELS))


class NewGameScene(Scene):
    name = "new_game"

    def __init__(self, app: SceneHost, seed: int | None = None, scenario: str = "", length: str = "") -> None:
        """`scenario` and `length` preselect a game (the tutorial's last step offers one)."""
        super().__init__(app)
        self.scenarios = [sid for sid, _ in list_scenarios(app.assets)]
        preferred = "tutorial" if "tutorial" in self.scenarios else (self.scenarios[0] if self.scenarios else "")
        self.scenario_id = scenario if scenario in self.scenarios else preferred
        self.seed = seed if seed is not None else random.randrange(1, 100000)
        self.tier = "standard"
        self.problem = ""
        self.length = length
        self.seats: dict[str, str] = {}
        self.scenario: Scenario | None = None
        self._load()

    def _load(self) -> None:
        self.problem = ""
        self.scenario = None
        if not self.scenario_id:
            self.problem = self.app.tr("ui.new.no_scenarios")
            return
        try:
            self.scenario = load_scenario(self.scenario_id, self.app.assets)
        except ContentError as exc:
            self.problem = self.app.tr("ui.new.broken", problems=str(exc)[:400])
            return
        lengths = list(self.scenario.definition.lengths)
        self.length = self.length if self.length in lengths else self.scenario.definition.default_length
        self.seats = {s: self.seats.get(s, "human") for s in self.scenario.definition.default_seats}

    # widgets -----------------------------------------------------------------------------------------
    def build(self) -> None:
        app, tr, u = self.app, self.app.tr, self.app.u
        w, h = app.size
        m = app.manager
        self.add(label(m, pygame.Rect(0, u(24), w, u(56)), tr("ui.new.heading"), "@title"))
        col = min(u(520), (w - u(96)) // 2)
        left, right, top, row = u(40), w - u(40) - col, u(110), u(50)
        self.cycle: dict[str, pygame_gui.elements.UIButton] = {}
        fields = [
            ("scenario", self._scenario_name()),
            ("length", self.length_label() if self.length else "—"),
            ("tier", tr(f"tier.{self.tier}")),
            ("language", tr(f"language.{app.settings.language}")),
            ("seed", str(self.seed)),
        ]
        for i, (key, value) in enumerate(fields):
            y = top + i * row
            self.add(label(m, pygame.Rect(left, y, col // 3, row - u(8)), tr(f"ui.new.{key}")))
            rect = pygame.Rect(left + col // 3, y, col - col // 3, row - u(8))
            self.cycle[key] = self.add(button(m, rect, f"{value}  ▸", tip=tr(f"ui.new.{key}_tip")))
        self.add(label(m, pygame.Rect(right, top, col, row - u(8)), tr("ui.new.seats"), "@heading"))
        self.seat_buttons: dict[str, pygame_gui.elements.UIButton] = {}
        for i, seat in enumerate(self.seats):
            y = top + (i + 1) * row
            name = world_name(tr, self.scenario, "state", seat) if self.scenario else seat
            self.add(label(m, pygame.Rect(right, y, col // 2, row - u(8)), name))
            rect = pygame.Rect(right + col // 2, y, col - col // 2, row - u(8))
            self.seat_buttons[seat] = self.add(
                button(m, rect, self._seat_text(seat) + "  ▸", tip=tr("ui.new.seat_tip"))
            )
        if self.problem:
            self.add(label(m, pygame.Rect(left, h - u(150), w - 2 * left, u(40)), self.problem))
        bw, bh = u(220), u(54)
        self.back = self.add(button(m, pygame.Rect(left, h - bh - u(30), bw, bh), tr("ui.common.back")))
        self.start = self.add(
            button(
                m,
                pygame.Rect(w - left - bw, h - bh - u(30), bw, bh),
                tr("ui.new.start"),
                object_id="@primary",
                enabled=self.scenario is not None,
                tip=self.problem or tr("ui.new.start_tip"),
            )
        )

    def length_label(self) -> str:
        """The length's name ("one era" where a scenario plays a single era under that name) and the minutes
        tools/lesson_time.py measured for it, where it did."""
        assert self.scenario is not None
        tr = self.app.tr
        one_era = self.scenario.definition.lengths[self.length] == 1
        name = tr("length.one_era") if one_era else tr(f"length.{self.length}")
        measured = estimates.minutes(self.scenario_id, self.length, self.app.assets)
        return name if measured is None else tr("ui.new.length_minutes", length=name, minutes=measured)

    def _scenario_name(self) -> str:
        if not self.scenario_id:
            return "—"
        key = f"scenario.{self.scenario_id}"
        return self.app.tr(key) if self.app.tr.has(key) else (self.scenario.name if self.scenario else self.scenario_id)

    def _seat_text(self, seat: str) -> str:
        choice = self.seats[seat]
        if choice == "human":
            return self.app.tr("ui.new.human")
        return self.app.tr("ui.new.bot", level=self.app.tr(f"bot_level.{choice[4:]}"))

    # input -------------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_RETURN and self.scenario is not None:
            self.begin()
            return True
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return False
        element = event.ui_element
        if element is self.back:
            self.app.pop()
        elif element is self.start:
            self.begin()
        else:
            for key, widget in self.cycle.items():
                if element is widget:
                    self.turn(key)
            for seat, widget in self.seat_buttons.items():
                if element is widget:
                    self.seats[seat] = next_value(SEAT_CHOICES, self.seats[seat])
            self.rebuild()
        return True

    def turn(self, key: str) -> None:
        """Step one choice to its next value."""
        if key == "scenario" and self.scenarios:
            self.scenario_id = next_value(tuple(self.scenarios), self.scenario_id)
            self._load()
        elif key == "length" and self.scenario is not None:
            self.length = next_value(tuple(self.scenario.definition.lengths), self.length)
        elif key == "tier":
            self.tier = next_value(TIERS, self.tier)
        elif key == "language":
            settings = self.app.settings
            settings.language = next_value(LANGUAGES, settings.language)
            self.app.apply_settings(settings)
        elif key == "seed":
            self.seed = random.randrange(1, 100000)

    def begin(self) -> None:
        """Start the game with these choices."""
        if self.scenario is None:
            return
        plans = tuple(
            SeatPlan(seat, choice == "human", choice[4:] if choice != "human" else "normal")
            for seat, choice in self.seats.items()
        )
        match = Match.start(self.scenario, self.seed, plans, self.length, self.tier)
        self.app.reset("play", match=match)

    def draw(self, surface: pygame.Surface) -> None:
        draw_title_backdrop(surface)
