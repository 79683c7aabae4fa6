"""The guided tutorial on screen: an instruction box over whatever screen shows, a pulsing outline on the
card, button or map place the current step asks for, Next on explanation steps, a step counter, and
Skip (keep playing without the guide) and Quit.

While a step is current only its highlight takes clicks (and the box's own buttons); Enter presses the
highlight or Next, Esc quits. The overlay reads the game through `game.tutorial.Progress` and changes it
only through the screens' own widgets, as a player would.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame
import pygame_gui
from attrs import define

from game.bots.runner import BotWorker
from game.content_files import load_scenario
from game.i18n import party_name
from game.session import Session
from game.tutorial import Progress, Script, ScriptedBot, Step, check_script, load_script
from game.ui import style
from game.ui.mapview import Pick
from game.ui.match import Match, SeatPlan
from game.ui.negotiation import Draft
from game.ui.scene import Scene, SceneHost
from rules.action import PlayEvent, UseOps

GOLD = (242, 190, 60)
_BOX_BG = (17, 21, 27)
_SCREENS_WITH_GO = ("flows", "summit", "recap", "cover")


@define
class Highlight:
    """What the step asks the player to use now: where it is on screen and how Enter presses it."""

    rect: pygame.Rect
    press: Callable[[], None]
    round: bool = False  # a place on the map (a ring) rather than a widget (a box)
    place: Pick | None = None  # that place


def start_tutorial(app: SceneHost) -> TutorialOverlay:
    """A new guided game: the script's scenario and seed, the player in its seat, the other seat scripted."""
    script = load_script()
    scenario = load_scenario(script.scenario, app.assets)
    check_script(script, scenario)
    seats = scenario.definition.default_seats
    plans = tuple(SeatPlan(s, human=s == script.seat) for s in seats)
    session = Session.start(scenario, script.seed, seats)
    match = Match.around(session, plans)
    match.bots[script.bot_seat].close()
    match.bots[script.bot_seat] = BotWorker([ScriptedBot(script.bot_seat, script.bot_moves, script.seed)]).runner(
        script.bot_seat
    )
    overlay = TutorialOverlay(app, match, script)
    app.tutorial = overlay
    app.reset("play", match=match)
    return overlay


class TutorialOverlay:
    """The guide over the client's screens for one tutorial game."""

    def __init__(self, app: SceneHost, match: Match, script: Script) -> None:
        self.app = app
        self.match = match
        self.progress = Progress(script)
        self.t = 0.0
        self.buttons: dict[str, pygame.Rect] = {}  # the box's own buttons this frame
        self.box = pygame.Rect(0, 0, 0, 0)

    # state -------------------------------------------------------------------------------------------
    @property
    def step(self) -> Step:
        return self.progress.step

    def ready(self) -> bool:
        """The current step may show: what it explains has happened, and for an action it is the player's turn."""
        if not self.progress.ready(self.match.session.log):
            return False
        if self.step.wait == "action":
            return self.match.to_act() == self.progress.script.seat
        return True

    def top_name(self) -> str:
        top = self.app.top
        return top.name if top is not None else ""

    def update(self, dt: float) -> None:
        self.t += dt
        if not any(getattr(scene, "match", None) is self.match for scene in getattr(self.app, "stack", ())):
            self.close()  # the player left the game another way (the menu's quit)
            return
        session = self.match.session
        while self.progress.advance(session.actions, session.log, self.top_name()):
            pass
        self.match.paused = self.step.wait == "next" and self.ready()

    def close(self) -> None:
        """Stop guiding: the game goes on without the overlay."""
        self.match.paused = False
        if getattr(self.app, "tutorial", None) is self:
            self.app.tutorial = None

    # actions of the box ------------------------------------------------------------------------------
    def next(self) -> None:
        if self.step.wait == "next" and self.ready():
            self.progress.next(self.match.session.actions, self.match.session.log)
            self.update(0.0)

    def quit(self) -> None:
        self.close()
        self.match.close()
        self.app.reset("title")

    def real_game(self) -> None:
        scenario, length = self.progress.script.real_game
        self.close()
        self.match.close()
        self.app.reset("new_game", scenario=scenario, length=length)

    def box_buttons(self) -> list[tuple[str, Callable[[], None]]]:
        if self.progress.finished:
            return [("real_game", self.real_game), ("quit", self.quit)]
        out: list[tuple[str, Callable[[], None]]] = []
        if self.step.wait == "next" and self.ready():
            out.append(("next", self.next))
        out += [("skip", self.close), ("quit", self.quit)]
        return out

    # the highlight -----------------------------------------------------------------------------------
    def highlight(self) -> Highlight | None:
        """Where the current step points now, on the screen that shows (None: nothing to use yet)."""
        top = self.app.top
        if top is None or self.progress.finished:
            return None
        if top.name in _SCREENS_WITH_GO:
            widget = getattr(top, "go", None) or getattr(top, "ready", None)
            return self._widget(widget) if widget is not None else None
        if not self.ready():
            return None
        if top.name == "card":
            return self._in_card(top)
        if top.name in ("preview", "proposal"):  # a throttle's preview, a proposal's terms: confirm or go back
            action = self.step.action
            shown = getattr(top, "action", None) or getattr(top, "proposal", None)
            wanted = self.step.wait == "action" and action is not None and action.matches(shown)
            return self._widget(getattr(top, "confirm" if wanted else "cancel"))
        if top.name == "play":
            return self._in_play(top)
        return None

    def _widget(self, widget: pygame_gui.core.UIElement) -> Highlight:
        def press() -> None:
            event = {"ui_element": widget, "ui_object_id": widget.most_specific_combined_id}
            pygame.event.post(pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, event))

        return Highlight(pygame.Rect(widget.rect), press)

    def _in_card(self, scene: Scene) -> Highlight | None:
        step = self.step
        if getattr(scene, "card_id", "") == step.card:
            choices: dict[int, list[object]] = getattr(scene, "choices", {})
            for widget in scene.widgets:
                actions = choices.get(id(widget), [])
                if any(self._is_use(a) for a in actions) and widget.is_enabled:
                    return self._widget(widget)
        return self._widget(scene.close)  # type: ignore[attr-defined]

    def _is_use(self, action: object) -> bool:
        use = self.step.use
        if use == "event":
            return isinstance(action, PlayEvent)
        return isinstance(action, UseOps) and action.verb == use

    def _in_play(self, scene: Scene) -> Highlight | None:
        step = self.step
        if step.wait == "next":
            return self._place(scene) if step.place else None
        if step.action is None:
            return None
        area: pygame.Rect | None = getattr(scene, "decision_area", None)
        actions: dict[int, object] = getattr(scene, "action_buttons", {})
        cards: dict[int, str] = getattr(scene, "card_buttons", {})
        steps: dict[int, object] = getattr(scene, "step_buttons", {})  # a proposal's terms open from these
        for widget in scene.widgets:
            if not widget.visible or (area is not None and not area.contains(widget.rect)):
                continue
            shown = actions.get(id(widget)) or getattr(steps.get(id(widget)), "proposal", None)
            if step.action.matches(shown) and widget.is_enabled:
                return self._widget(widget)
            if step.card and cards.get(id(widget)) == step.card:
                return self._widget(widget)
        if step.action.kind == "end_turn":
            return self._widget(scene.controls["end"])  # type: ignore[attr-defined]
        placed = self._place(scene) if step.place else None
        return placed or self._toward(scene, steps, area)

    def _toward(self, scene: Scene, steps: dict[int, object], area: pygame.Rect | None) -> Highlight | None:
        """The proposal's step (partner, then kind) on the way to the step's proposal, where the map shows no
        place to click (the furthest one along)."""
        assert self.step.action is not None
        wanted = dict(self.step.action.fields)
        best: tuple[int, pygame_gui.core.UIElement] | None = None
        for widget in scene.widgets:
            draft = steps.get(id(widget))
            if not isinstance(draft, Draft) or not widget.is_enabled or not widget.visible:
                continue
            if area is not None and not area.contains(widget.rect):
                continue
            chosen = {
                k: v for k, v in (("partner", draft.partner), ("deal", draft.deal), ("subject", draft.subject)) if v
            }
            if (
                chosen
                and all(wanted.get(k) == v for k, v in chosen.items())
                and (best is None or len(chosen) > best[0])
            ):
                best = (len(chosen), widget)
        return self._widget(best[1]) if best is not None else None

    def _place(self, scene: Scene) -> Highlight | None:
        """The step's state or link on the play screen's map: a pixel there that picks it."""
        view = scene.map  # type: ignore[attr-defined]
        sc = self.match.scenario
        place = self.step.place
        if place in sc.link_index:
            a, b = view._link_points(sc.link_index[place])
            points = [(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f) for f in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)]
            wanted = Pick("link", place)
        else:
            region = next(r for r in view.base_map.game_states() if r.slug == place)
            x, y = view.viewport.to_screen(*region.label)
            step = self.app.u(12)
            points = [(x + dx * step, y + dy * step) for dx, dy in _SPIRAL]
            wanted = Pick("state", place)
        board = scene.board_rect  # type: ignore[attr-defined]
        for px, py in points:
            pos = (int(px), int(py))  # on the board's own surface
            if 0 <= pos[0] < board.w and 0 <= pos[1] < board.h and view.pick(pos) == wanted:
                r = self.app.u(22)
                x, y = board.x + pos[0], board.y + pos[1]

                def press(pick: Pick = wanted) -> None:
                    scene.on_map_click(pick)  # type: ignore[attr-defined]

                return Highlight(pygame.Rect(x - r, y - r, 2 * r, 2 * r), press, round=True, place=wanted)
        return None

    # input -------------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        """Take the event (True) unless it goes to the highlight or moves the mouse or the map (or the help
        screen shows: it is not part of the lesson)."""
        if self.top_name() == "help":
            return False
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            for key, rect in self.buttons.items():
                if rect.collidepoint(event.pos):
                    if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
                        dict(self.box_buttons())[key]()
                    return True
            target = self.highlight()
            return not (target is not None and target.rect.collidepoint(event.pos))
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                actions = dict(self.box_buttons())
                if "next" in actions:
                    actions["next"]()
                elif "real_game" in actions:
                    actions["real_game"]()
                else:
                    target = self.highlight()
                    if target is not None:
                        target.press()
            elif event.key == pygame.K_ESCAPE:
                self.quit()
            return True
        return event.type == pygame.KEYUP

    # drawing -----------------------------------------------------------------------------------------
    def text(self) -> str:
        """The current step's text in the player's language, or what the guide waits for."""
        tr, sc = self.app.tr, self.match.scenario
        if not self.ready():
            seat = self.match.to_act()
            return tr("ui.tutorial.waiting", seat=party_name(tr, sc, seat)) if seat else tr("ui.tutorial.engine")
        step = self.step
        card = tr.card(sc.card(step.card), "title") if step.card else ""
        return step.text.get(tr.lang, step.text["en"]).replace("{card}", card)

    def draw(self, surface: pygame.Surface) -> None:
        target = self.highlight()
        self.box = self._layout(surface, target)
        if target is not None:
            self._draw_highlight(surface, target)
        self._draw_box(surface)

    def _layout(self, surface: pygame.Surface, target: Highlight | None) -> pygame.Rect:
        """The box's place: never over the highlight, and of a few places the one that hides the least of the
        screen's texts (over the play screen, on the map: its texts are everywhere else)."""
        u, top = self.app.u, self.app.top
        w, h = surface.get_size()
        margin = u(12)
        texts: list[pygame.Rect] = []
        if top is not None and top.name != "play":
            texts = [widget.rect for widget in top.widgets if not isinstance(widget, pygame_gui.elements.UIButton)]
        area: pygame.Rect = getattr(top, "map_rect", pygame.Rect(0, 0, w, h))
        full = min(area.w - 2 * margin, u(620))
        spots = [(area.x + (area.w - full) // 2, u(52), full), (area.x + (area.w - full) // 2, -1, full)]
        if texts:
            left, right = min(r.left for r in texts), max(r.right for r in texts)
            spots += [(margin, margin, left - 2 * margin), (right + margin, margin, w - right - 2 * margin)]
        keep = target.rect.inflate(u(16), u(16)) if target is not None else pygame.Rect(0, 0, 0, 0)
        best: tuple[int, pygame.Rect] | None = None
        for x, y, bw in spots:
            if bw < u(190):
                continue
            bh = self._compose(bw)[2]
            rect = pygame.Rect(x, y if y >= 0 else area.bottom - bh - margin, bw, bh)
            hidden = sum(rect.clip(r).w * rect.clip(r).h for r in texts)
            if rect.colliderect(keep) or rect.bottom > h:
                hidden += w * h
            if best is None or hidden < best[0]:
                best = (hidden, rect)
        assert best is not None
        return best[1]

    def _compose(self, bw: int) -> tuple[list[str], list[tuple[str, pygame.Rect]], int]:
        """For a box `bw` wide: its text lines, its buttons (right-aligned rows, relative to the box) and its
        height."""
        u = self.app.u
        pad = u(14)
        face = style.font(u(17))
        lines: list[str] = []
        for paragraph in self.text().split("\n"):
            line = ""
            for word in paragraph.split():
                trial = f"{line} {word}".strip()
                if line and face.size(trial)[0] > bw - 2 * pad:
                    lines.append(line)
                    line = word
                else:
                    line = trial
            lines.append(line)
        y = u(12) + u(22) + len(lines) * face.get_linesize() + u(10)
        small = style.font(u(15), bold=True)
        buttons: list[tuple[str, pygame.Rect]] = []
        x = bw - pad
        for key, _ in reversed(self.box_buttons()):
            width = small.size(self.app.tr(f"ui.tutorial.{key}"))[0] + u(24)
            if x - width < pad and buttons:
                x, y = bw - pad, y + u(36) + u(8)
            buttons.append((key, pygame.Rect(x - width, y, width, u(36))))
            x -= width + u(10)
        return lines, buttons, y + u(36) + u(12)

    def _draw_highlight(self, surface: pygame.Surface, target: Highlight) -> None:
        u = self.app.u
        pulse = 0.5 + 0.5 * math.sin(self.t * 5)
        grow = int(u(4) * pulse)
        width = max(2, u(3))
        if target.round:
            c = target.rect.center
            pygame.draw.circle(surface, GOLD, c, target.rect.w // 2 + grow, width)
            pygame.draw.circle(surface, (20, 20, 20), c, target.rect.w // 2 + grow + width, 1)
        else:
            rect = target.rect.inflate(u(8) + 2 * grow, u(8) + 2 * grow)
            pygame.draw.rect(surface, GOLD, rect, width, border_radius=u(6))

    def _draw_box(self, surface: pygame.Surface) -> None:
        u, tr = self.app.u, self.app.tr
        box = self.box
        lines, buttons, _ = self._compose(box.w)
        pygame.draw.rect(surface, _BOX_BG, box, border_radius=u(8))
        pygame.draw.rect(surface, GOLD, box, max(1, u(2)), border_radius=u(8))
        steps = self.progress.script.steps
        counter = tr("ui.tutorial.counter", step=self.progress.index + 1, total=len(steps))
        surface.blit(style.font(u(14), bold=True).render(counter, True, GOLD), (box.x + u(14), box.y + u(10)))
        face = style.font(u(17))
        y = box.y + u(12) + u(22)
        for line in lines:
            surface.blit(face.render(line, True, style.TEXT), (box.x + u(14), y))
            y += face.get_linesize()
        self.buttons = {}
        small = style.font(u(15), bold=True)
        for key, rel in buttons:
            rect = rel.move(box.x, box.y)
            primary = key in ("next", "real_game")
            label = small.render(tr(f"ui.tutorial.{key}"), True, (20, 20, 20) if primary else style.TEXT)
            pygame.draw.rect(surface, GOLD if primary else (52, 58, 70), rect, border_radius=u(6))
            surface.blit(label, label.get_rect(center=rect.center))
            self.buttons[key] = rect


_SPIRAL = [(0, 0)] + [
    (dx, dy) for r in range(1, 5) for dx in range(-r, r + 1) for dy in range(-r, r + 1) if max(abs(dx), abs(dy)) == r
]
