"""The teacher's turn timer on the play screen: the time left to the seat deciding now, counted from when its
decision began (not while the game is paused), drawn at the top of the map. Its length is the teacher's last
timer note (`game.teacher.desk`); nothing happens at zero but the words "time is up" — the teacher decides."""

from __future__ import annotations

import pygame

from game.i18n import Translator
from game.ui import style
from game.ui.match import Match

TEXT = (245, 240, 225)
LATE = (255, 150, 120)
BACK = (12, 16, 24, 210)


class TurnTimer:
    """Seconds spent on the current decision; the decision is who acts, in which round, phase and turn."""

    def __init__(self) -> None:
        self.spent = 0.0
        self.decision: tuple[object, ...] = ()

    def tick(self, match: Match, dt: float) -> None:
        state = match.state
        decision = (state.to_act, state.absolute_round, state.phase, len(state.queue))
        if decision != self.decision:
            self.decision, self.spent = decision, 0.0
        elif not match.held():
            self.spent += dt

    def text(self, tr: Translator, match: Match) -> str:
        """The time left in words, or "" when there is no timer or no seat of a person is deciding."""
        seconds = match.desk().timer
        seat = match.to_act()
        if not seconds or seat is None or seat not in match.humans() or match.session.is_over:
            return ""
        left = max(0, int(seconds - self.spent + 0.999))
        return tr("ui.play.timer", time=f"{left // 60}:{left % 60:02d}") if left else tr("ui.play.time_up")

    def draw(self, surface: pygame.Surface, area: pygame.Rect, text: str, size: int) -> None:
        if not text:
            return
        face = style.font(size, bold=True)
        late = not any(ch.isdigit() for ch in text)
        words = face.render(text, True, LATE if late else TEXT)
        box = pygame.Surface((words.get_width() + size, words.get_height() + size // 2), pygame.SRCALPHA)
        box.fill(BACK)
        box.blit(words, (size // 2, size // 4))
        surface.blit(box, (area.centerx - box.get_width() // 2, area.y + size // 2))
