"""Teams, from the new-game screen: for each seat at the table, the name of the team that plays it and its
members (names separated by commas). The participation record and the debrief name them."""

from __future__ import annotations

import pygame
import pygame_gui

from game.i18n import party_name
from game.session import Team
from game.ui.scene import Scene, SceneHost
from game.ui.widgets import button, label
from rules import Scenario


def parse_team(name: str, members: str) -> Team | None:
    """A team from what was typed (None when both are empty): members split at commas, blanks dropped."""
    people = tuple(m.strip() for m in members.split(",") if m.strip())
    return Team(name.strip(), people) if name.strip() or people else None


class TeamsScene(Scene):
    """Edits `teams` (seat -> Team) in place, for the seats given; Done or Esc closes."""

    modal = True
    name = "teams"

    def __init__(self, app: SceneHost, scenario: Scenario, seats: tuple[str, ...], teams: dict[str, Team]) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.seats = seats
        self.teams = teams
        self.entries: dict[pygame_gui.elements.UITextEntryLine, tuple[str, str]] = {}  # entry -> (seat, field)

    def build(self) -> None:
        tr, u, m = self.app.tr, self.app.u, self.app.manager
        w, h = self.app.size
        width = min(w - u(40), u(1000))
        x = (w - width) // 2
        row = min(u(52), (h - u(200)) // max(1, len(self.seats) + 1))
        y = u(20)
        self.add(label(m, pygame.Rect(x, y, width, u(56)), tr("ui.teams.heading"), "@title"))
        y += u(64)
        self.add(label(m, pygame.Rect(x, y, width, u(32)), tr("ui.teams.hint"), "@subtitle"))
        y += u(40)
        first, second = width * 24 // 100, width * 30 // 100
        self.entries = {}
        for seat in self.seats:
            team = self.teams.get(seat)
            self.add(label(m, pygame.Rect(x, y, first - u(8), row - u(8)), party_name(tr, self.scenario, seat)))
            for field, left, span, text in (
                ("name", x + first, second, team.name if team else ""),
                ("members", x + first + second, width - first - second, ", ".join(team.members) if team else ""),
            ):
                entry = pygame_gui.elements.UITextEntryLine(
                    pygame.Rect(left, y, span - u(8), row - u(8)), m, placeholder_text=tr(f"ui.teams.{field}")
                )
                entry.set_text(text)
                self.entries[self.add(entry)] = (seat, field)
            y += row
        bw = u(240)
        self.done = self.add(
            button(m, pygame.Rect((w - bw) // 2, y + u(16), bw, u(54)), tr("ui.teams.done"), object_id="@primary")
        )

    def keep(self) -> None:
        """What the entries say, into `teams`."""
        typed: dict[str, dict[str, str]] = {seat: {"name": "", "members": ""} for seat in self.seats}
        for entry, (seat, field) in self.entries.items():
            typed[seat][field] = entry.get_text()
        for seat, fields in typed.items():
            team = parse_team(fields["name"], fields["members"])
            if team is None:
                self.teams.pop(seat, None)
            else:
                self.teams[seat] = team

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element in self.entries:
            self.keep()
            return True
        closing = event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE
        if closing or (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.done):
            self.keep()
            self.app.pop()
            return True
        return False
