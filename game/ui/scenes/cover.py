"""Between hotseat seats: a cover screen that draws nothing private, then the "since your last turn" recap."""

from __future__ import annotations

import pygame
import pygame_gui

from game.captions import Beat, since_last_turn
from game.i18n import party_name
from game.ui import style
from game.ui.match import Match
from game.ui.scene import Scene, SceneHost
from game.ui.widgets import button, esc, glossed, label, text_box


def open_menu(app: SceneHost, match: Match, event: pygame.event.Event) -> bool:
    """Escape opens the menu (save, settings...): it shows nothing private either."""
    if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
        app.push("menu", match=match)
        return True
    return False


class CoverScene(Scene):
    """Hand the device to the next seat. Renders from the observer view only."""

    name = "cover"

    def __init__(self, app: SceneHost, match: Match, seat: str) -> None:
        super().__init__(app)
        self.match = match
        self.seat = seat

    def build(self) -> None:
        app, u, tr, m = self.app, self.app.u, self.app.tr, self.app.manager
        w, h = app.size
        view = self.match.view()  # the observer view: the viewer was cleared at hand-over
        name = party_name(tr, self.match.scenario, self.seat)
        self.add(label(m, pygame.Rect(0, h // 4, w, u(64)), tr("ui.cover.pass_to", seat=name), "@title"))
        info = tr("ui.cover.info", round=view.round, era=view.era + 1, tension=view.tension)
        self.add(label(m, pygame.Rect(0, h // 4 + u(70), w, u(36)), info, "@subtitle"))
        self.add(label(m, pygame.Rect(0, h // 4 + u(108), w, u(36)), tr("ui.cover.others_look_away"), "@subtitle"))
        bw, bh = u(380), u(58)
        self.ready = self.add(
            button(
                m,
                pygame.Rect((w - bw) // 2, h // 2 + u(60), bw, bh),
                tr("ui.cover.ready", seat=name),
                object_id="@primary",
            )
        )

    def handle(self, event: pygame.event.Event) -> bool:
        if open_menu(self.app, self.match, event):
            return True
        pressed = event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.ready
        if pressed or (event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_SPACE)):
            self.match.take_seat(self.seat)
            recap = self.match.session.recap(self.seat)
            if recap:
                self.app.replace("recap", match=self.match, seat=self.seat)
            else:
                self.app.pop()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((14, 18, 24))
        w, h = surface.get_size()
        radius = self.app.u(34)
        shape = style.seat_shape(self.seat, self.match.state.seats.index(self.seat))
        style.draw_marker(
            surface,
            shape,
            (w // 2, h // 4 - radius - self.app.u(10)),
            radius,
            style.seat_colour(self.seat, self.app.settings.palette),
        )


class RecapScene(Scene):
    """What the other seats did in public since this seat last acted."""

    name = "recap"

    def __init__(self, app: SceneHost, match: Match, seat: str) -> None:
        super().__init__(app)
        self.match = match
        self.seat = seat
        self.beats: list[Beat] = []

    def build(self) -> None:
        """The others' moves since the seat's last turn, one caption each, as the map showed them; the seat may
        watch them on the map again or go straight to its hand."""
        app, u, tr, m = self.app, self.app.u, self.app.tr, self.app.manager
        w, h = app.size
        sc = self.match.scenario
        self.beats = since_last_turn(tr, sc, self.match.session, self.seat)
        rows = [glossed(tr.lang, b.caption) for b in self.beats[-80:]]
        heading = tr("ui.recap.heading", seat=party_name(tr, sc, self.seat))
        title = m.get_theme().get_font(["@title", "label"]).size(heading)[0] <= w - u(24)
        self.add(label(m, pygame.Rect(0, u(20), w, u(56)), heading, "@title" if title else "@heading"))
        pw = min(w - u(60), u(980))
        body = "<br>".join(f"• {r}" for r in rows) or esc(tr("ui.recap.nothing"))
        self.add(text_box(m, pygame.Rect((w - pw) // 2, u(90), pw, h - u(190)), body))
        bw, bh = u(320), u(54)
        self.go = self.add(
            button(m, pygame.Rect(w // 2 + u(8), h - u(84), bw, bh), tr("ui.recap.continue"), object_id="@primary")
        )
        self.watch = self.add(
            button(
                m,
                pygame.Rect(w // 2 - u(8) - bw, h - u(84), bw, bh),
                tr("ui.recap.watch"),
                tip=tr("ui.recap.watch_tip"),
                enabled=bool(self.beats),
            )
        )

    def handle(self, event: pygame.event.Event) -> bool:
        if open_menu(self.app, self.match, event):
            return True
        pressed = event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.go
        if pressed or (event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_SPACE)):
            self.app.pop()
            return True
        watch = event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.watch
        if watch or (event.type == pygame.KEYDOWN and event.key == pygame.K_w and self.beats):
            self.match.replay = tuple(sorted({b.step for b in self.beats}))
            self.app.pop()
            return True
        return False

    def texts(self) -> list[str]:
        return [b.caption for b in self.beats]

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((14, 18, 24))
