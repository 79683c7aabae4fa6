"""A summit: each bloc's presence, who dominates (or sovereignty), and the points scored."""

from __future__ import annotations

import pygame
import pygame_gui

from game.describe import describe_entry
from game.i18n import party_name, world_name
from game.ui.backdrop import draw_title_backdrop
from game.ui.match import Match
from game.ui.scene import Scene, SceneHost
from game.ui.widgets import button, esc, glossed, label, text_box
from rules.log import PointsScored, SummitHeld


class SummitScene(Scene):
    name = "summit"

    def __init__(self, app: SceneHost, match: Match, entries: tuple[object, ...]) -> None:
        super().__init__(app)
        self.match = match
        self.entries = entries

    def summit_html(self) -> str:
        tr, sc = self.app.tr, self.match.scenario
        rows: list[str] = []
        for entry in self.entries:
            if isinstance(entry, SummitHeld):
                dominant = world_name(tr, sc, "bloc", entry.dominant) if entry.dominant else ""
                verdict = tr("ui.summit.dominant", bloc=dominant) if dominant else tr("ui.summit.sovereignty")
                rows.append(f"<b>{glossed(tr.lang, verdict)}</b>")
                rows.append("")
                rows.append(f"<b>{esc(tr('ui.summit.presence'))}</b>")
                for bloc, presence in sorted(entry.presence, key=lambda p: -p[1]):
                    rows.append(
                        f"   {esc(world_name(tr, sc, 'bloc', bloc))}: {presence} " + "■" * max(0, min(30, presence))
                    )
        scored = [e for e in self.entries if isinstance(e, PointsScored)]
        if scored:
            rows += ["", f"<b>{esc(tr('ui.summit.points'))}</b>"]
            rows += ["   " + glossed(tr.lang, describe_entry(tr, sc, e)) for e in scored]
        state = self.match.state
        rows += ["", f"<b>{esc(tr('ui.summit.standings'))}</b>"]
        order = sorted(range(len(state.seats)), key=lambda i: -state.vp[i])
        rows += [f"   {esc(party_name(tr, sc, state.seats[i]))}: {state.vp[i]}" for i in order]
        return "<br>".join(rows)

    def build(self) -> None:
        app, u, tr, m = self.app, self.app.u, self.app.tr, self.app.manager
        w, h = app.size
        self.add(label(m, pygame.Rect(0, u(20), w, u(60)), tr("ui.summit.heading"), "@title"))
        pw = min(w - u(60), u(900))
        self.add(text_box(m, pygame.Rect((w - pw) // 2, u(96), pw, h - u(200)), self.summit_html()))
        bw, bh = u(300), u(54)
        self.go = self.add(
            button(m, pygame.Rect((w - bw) // 2, h - u(88), bw, bh), tr("ui.common.continue"), object_id="@primary")
        )

    def handle(self, event: pygame.event.Event) -> bool:
        pressed = event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.go
        if pressed or (event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_SPACE)):
            self.app.pop()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        draw_title_backdrop(surface)
