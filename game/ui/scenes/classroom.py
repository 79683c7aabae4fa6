"""The class screen: what the projector shows the whole room — only what is public, in large type. The map as a
spectator sees it (`rules.observer_view`), whose turn it is, the scores, and the last public lines of the log.

Two ways in. F8 on the play screen shows it while the seats play behind their covers (F8 or Esc goes back). In a
class game hosted from the window (`Match.host`) it is the window's screen while browser seats or bots decide:
it adds which teams have joined and decided, and the join address with its QR code and room code; it plays the
window's bots and the browsers' queued picks, and gives the screen back to the play screen when a person at
the window must decide (behind the cover, as in hotseat) or the engine moves on.
"""

from __future__ import annotations

import pygame
import segno

from game.describe import describe_entry, signed_agreements
from game.i18n import party_name
from game.ui import style
from game.ui.inset import Inset, spare_width, title_image
from game.ui.mapview import MapView
from game.ui.match import Match
from game.ui.scene import Scene, SceneHost
from rules import GameState, observer_view
from rules.cards import to_keep

CAPTIONS = 3  # public log lines shown
TEXT = (240, 236, 224)
DIM = (170, 176, 188)
QR_DARK = (16, 32, 44)
QR_LIGHT = (255, 255, 255)


def qr_surface(text: str, size: int) -> pygame.Surface:
    """A QR code of the text drawn square, at most `size` pixels, each module a whole number of pixels (crisp
    for a phone's camera), with the quiet border the standard asks for."""
    code = segno.make(text, error="m")
    rows = [list(row) for row in code.matrix_iter(scale=1, border=4)]
    modules = len(rows)
    small = pygame.Surface((modules, modules))
    small.fill(QR_LIGHT)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                small.set_at((x, y), QR_DARK)
    scale = max(1, size // modules)
    return pygame.transform.scale(small, (modules * scale, modules * scale))


class ClassScene(Scene):
    """The projector's view of the game. It shows nothing private of any seat, whoever sits at the keyboard."""

    name = "classroom"

    def __init__(self, app: SceneHost, match: Match) -> None:
        super().__init__(app)
        self.match = match
        self.map = MapView(match.scenario, app.tr, app.settings.palette, app.scale * 1.4)
        self.inset = Inset(match.scenario, app.tr, app.settings.palette, app.scale * 1.4)  # the Caucasus enlarged
        self.t = 0.0
        self.bot_timer = 0.0
        self.seen: tuple[int, ...] = ()  # what the screen last showed of a hosted game (redrawn on a change)
        self.qr: tuple[str, int, pygame.Surface] | None = None  # (address, size, its QR code)

    @property
    def hosted(self) -> bool:
        return self.match.host is not None

    def view(self) -> GameState:
        return observer_view(self.match.state)

    def areas(self) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
        """The map (left), the side column (scores; in a hosted game the teams and the join panel too, so it
        is wider and full height), the caption band (bottom: as tall as the last public log lines need, so the
        board takes the rest of the height)."""
        w, h = self.app.size
        band = self.app.u(36) + CAPTIONS * style.font(self.app.u(24)).get_linesize()  # the captions' lines
        if self.hosted:  # the side column runs the window's height, the captions under the map only
            side = max(self.app.u(360), w * 3 // 10)
            return (
                pygame.Rect(0, 0, w - side, h - band),
                pygame.Rect(w - side, 0, side, h),
                pygame.Rect(0, h - band, w - side, band),
            )
        side = max(self.app.u(300), w // 4)
        return (
            pygame.Rect(0, 0, w - side, h - band),
            pygame.Rect(w - side, 0, side, h - band),
            pygame.Rect(0, h - band, w, band),
        )

    def inset_rect(self, area: pygame.Rect) -> pygame.Rect | None:
        """The Caucasus inset's frame in the room the whole board leaves free left of it in the map's area (None
        where that room is under 200 px at the window's scale, or the frame in it under 160 px at the text's scale,
        too small to hold the region's names apart; or the label plan names no region)."""
        spare = spare_width(area, self.map.base_map.bbox)
        u = self.app.u
        width = spare - 2 * u(16)
        if spare < 200 * self.app.scale / self.app.settings.text_size or width < u(160) or self.inset.region() is None:
            return None
        top = area.y + u(24) + style.font(u(26), bold=True).get_linesize()
        return pygame.Rect(area.x + u(16), top, width, min(int(width * 0.8), area.bottom - u(16) - top))

    def board_rects(self, area: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect | None]:
        """The board's rect in the map's area and the inset's frame left of it (None when not shown)."""
        inset = self.inset_rect(area)
        if inset is None:
            return area, None
        gap = self.app.u(16)
        return pygame.Rect(inset.right + gap, area.y, area.right - inset.right - gap, area.h), inset

    def animating(self) -> bool:
        return self.map.drawing or self.inset.view.drawing  # a layer drawn a step at a time: drawn until done

    def update(self, dt: float) -> None:
        self.t += dt
        if self.hosted and self.app.top is self:
            self.play(dt)

    def play(self, dt: float) -> None:
        """A hosted game goes on under the class screen: the browsers' queued picks and the window's bots are
        taken here; any other step (a person at the window, the engine, the end) is the play screen's."""
        match = self.match
        assert match.host is not None
        match.tick(dt)
        seen = (len(match.session.actions), id(match.state), len(match.host.tokens), len(match.host.queued))
        if seen != self.seen:
            self.seen = seen
            self.app.changed()
        step = match.next_step()
        if step not in ("remote", "bot") or match.era_done():
            self.app.pop()
            return
        if match.held() or match.paused:
            return
        if step == "remote":
            match.host.play_on()  # a browser's secret pick sent ahead of its turn
            return
        self.bot_timer, _ = match.bot_turn(self.bot_timer, dt, self.app.bot_delay)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        if self.hosted and event.key == pygame.K_ESCAPE:
            self.app.push("menu", match=self.match)
            return True
        if not self.hosted and event.key in (pygame.K_F8, pygame.K_ESCAPE):
            self.app.pop()
            return True
        return False

    # what it says ------------------------------------------------------------------------------------
    def turn_line(self, view: GameState) -> str:
        tr = self.app.tr
        if self.match.session.is_over:
            return tr("ui.classroom.over")
        if self.match.held():
            return tr("ui.paused.heading")
        seat = self.match.to_act()
        phase = tr(f"phase.{view.phase}")
        if seat is None:
            return tr("ui.classroom.engine", phase=phase)
        return tr("ui.classroom.to_act", seat=party_name(tr, self.match.scenario, seat), phase=phase)

    def round_line(self, view: GameState) -> str:
        return self.app.tr("ui.classroom.round", round=view.round, era=view.era + 1, tension=view.tension)

    def scores(self, view: GameState) -> list[str]:
        """Each seat and its points, the leader first."""
        tr, sc = self.app.tr, self.match.scenario
        ranked = sorted(zip(view.seats, view.vp), key=lambda pair: -pair[1])
        return [tr("ui.classroom.score", seat=party_name(tr, sc, seat), vp=vp) for seat, vp in ranked]

    def teams(self, view: GameState) -> list[tuple[str, str]]:
        """In a hosted game, each seat in turn order with who plays it: a team at a browser (joined or not yet,
        and whether it has chosen its secret national interest while some seat has not), a person at this
        screen, or a bot. Nothing of a seat's own choices shows."""
        host = self.match.host
        assert host is not None
        tr, sc = self.app.tr, self.match.scenario
        remote = self.match.remote()
        state = self.match.state
        picking = any(to_keep(state, i) and seat not in host.queued for i, seat in enumerate(state.seats))
        out = []
        for i, seat in enumerate(view.seats):
            if seat in remote:
                status = tr("ui.classroom.joined") if seat in host.tokens else tr("ui.classroom.not_joined")
                if picking:
                    picked = seat in host.queued or state.objectives[i] is not None
                    status += " · " + (tr("ui.classroom.decided") if picked else tr("ui.classroom.deciding"))
            elif seat in self.match.humans():
                status = tr("ui.classroom.here")
            else:
                status = tr("ui.classroom.bot")
            out.append((party_name(tr, sc, seat), status))
        return out

    def join_lines(self) -> tuple[str, str]:
        """The room code, and the address a browser opens."""
        host = self.match.host
        assert host is not None
        return self.app.tr("ui.classroom.room", room=host.room), self.match.join_url()

    def captions(self) -> list[str]:
        """The last public lines of the log, oldest first."""
        log = self.match.session.visible_log(None)
        signed = signed_agreements(e.entry for e in log)
        tr, sc = self.app.tr, self.match.scenario
        return [describe_entry(tr, sc, e.entry, signed) for e in log[-CAPTIONS:]]

    def texts(self) -> list[str]:
        view = self.view()
        shown = [self.turn_line(view), self.round_line(view), *self.scores(view), *self.captions()]
        if self.inset_rect(self.areas()[0]) is not None:
            shown.append(self.app.tr("ui.play.inset_title"))
        if self.hosted:
            shown += [text for pair in self.teams(view) for text in pair]
            shown += [self.app.tr("ui.classroom.join"), *self.join_lines()]
        return shown

    # drawing -----------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        view = self.view()
        area, side, band = self.areas()
        surface.fill(style.PANEL_BG)
        u, tr = self.app.u, self.app.tr
        board, inset = self.board_rects(area)
        self.map.set_size(board.size, self.app.scale * 1.4)
        self.map.outlined = inset is not None
        self.map.draw(surface.subsurface(board), view, self.t, until=self.app.map_until())
        if inset is not None:
            self.inset.place(inset.size, tr, self.app.settings.palette, self.app.scale * 1.4)
            title = title_image(tr("ui.play.inset_title"), u(26), inset.w)
            self.inset.draw(surface, inset, self.map, view, title, self.t, until=self.app.map_until())
        big, mid = u(34), u(26)
        column = pygame.Rect(side.x + u(16), side.y, side.width - u(16) - u(60), side.height)  # clear of the "?"
        y = side.y + u(16)
        for text, size, colour in ((self.turn_line(view), big, TEXT), (self.round_line(view), mid, DIM)):
            y = self.write(surface, text, size, colour, column, y, bold=size == big) + u(12)
        y += u(8)
        if self.hosted:
            self.draw_hosted(surface, view, column, side.inflate(-u(32), 0), y)
        else:
            for line in self.scores(view):
                y = self.write(surface, line, mid, TEXT, column, y) + u(6)
        y = band.y + u(12)
        for line in self.captions():
            if y >= band.bottom - u(24):
                break
            y = self.write(surface, line, u(24), TEXT, band.inflate(-u(32), 0), y)

    def draw_hosted(
        self, surface: pygame.Surface, view: GameState, column: pygame.Rect, area: pygame.Rect, y: int
    ) -> None:
        """The teams (name and points, who plays it) in the column from y, and the join panel at the bottom of
        the side's area: its heading, the QR code as large as the room left allows, the room code large and the
        address."""
        u = self.app.u
        points = dict(zip(view.seats, view.vp))
        tr = self.app.tr
        for (name, status), seat in zip(self.teams(view), view.seats):
            y = self.write(surface, tr("ui.classroom.score", seat=name, vp=points[seat]), u(24), TEXT, column, y)
            y = self.write(surface, status, u(19), DIM, column, y) + u(6)
        room, address = self.join_lines()
        join = tr("ui.classroom.join")
        texts = self.write_height(join, u(20), area.width) + self.write_height(room, u(34), area.width, bold=True)
        texts += self.write_height(address, u(18), area.width)
        bottom = area.bottom - u(16)
        size = min(area.width, bottom - texts - u(8) - (y + u(12)))
        code = self.qr_code(address, size) if size >= u(90) else None
        top = bottom - texts - (code.get_height() + u(8) if code else 0)
        y = self.write(surface, join, u(20), DIM, area, top)
        if code is not None:
            surface.blit(code, (area.x, y))
            y += code.get_height() + u(8)
        y = self.write(surface, room, u(34), TEXT, area, y, bold=True)
        self.write(surface, address, u(18), TEXT, area, y)

    def qr_code(self, address: str, size: int) -> pygame.Surface:
        """The address's QR code at most `size` pixels (made again only when either changes)."""
        if self.qr is None or self.qr[:2] != (address, size):
            self.qr = (address, size, qr_surface(address, size))
        return self.qr[2]

    def write_height(self, text: str, size: int, width: int, bold: bool = False) -> int:
        """The height `write` takes for the text wrapped to a width."""
        face = style.font(size, bold)
        return len(self.wrap(text, face, width)) * face.get_linesize()

    @staticmethod
    def wrap(text: str, face: pygame.font.Font, width: int) -> list[str]:
        """The text's lines within a width, broken between words (a word longer than the width stands alone)."""
        lines: list[str] = []
        line = ""
        for word in text.split():
            trial = f"{line} {word}".strip()
            if line and face.size(trial)[0] > width:
                lines.append(line)
                line = word
            else:
                line = trial
        return [*lines, line] if line else lines

    def write(
        self,
        surface: pygame.Surface,
        text: str,
        size: int,
        colour: tuple[int, int, int],
        area: pygame.Rect,
        y: int,
        bold: bool = False,
    ) -> int:
        """Draw text wrapped to the area's width from y; returns the y below it."""
        face = style.font(size, bold)
        for line in self.wrap(text, face, area.width):
            surface.blit(face.render(line, True, colour), (area.x, y))
            y += face.get_linesize()
        return y
